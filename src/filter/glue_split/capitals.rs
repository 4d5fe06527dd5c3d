//! Finds where a lowercase letter runs straight into a capital (`diskutierenUnd`), fast: the
//! glue filter asks this of every byte of every block, so it is the hottest loop after the
//! lexer's own scan.
//!
//! Thirty-two pairs of bytes at a time: a window with no byte that may end a lowercase
//! letter (ASCII a–z, a UTF-8 continuation byte) followed by one that may start a capital
//! (ASCII A–Z, the lead byte of a two-byte char) is skipped with one pass of byte
//! comparisons the compiler turns into vector instructions. Only the other windows are
//! looked at byte by byte, with the exact tests. A candidate is only a candidate: the
//! caller decides with the words around it.

/// Pairs looked at per window: one bit each in a `u32`.
const WINDOW: usize = 32;

/// Calls `found(i)` for every byte position `i` where a capital may start right after a
/// byte that may end a lowercase letter. Never misses one of those; may report some that
/// are not (the caller checks).
pub(crate) fn for_each_candidate(b: &[u8], mut found: impl FnMut(usize)) {
    // Window `s` holds the pairs (b[s + k], b[s + k + 1]) for k < WINDOW, and the byte after
    // each: positions s + 1 to s + WINDOW, each in one window only.
    let mut s = 0;
    while let Some(w) = b.get(s..s + WINDOW + 2).and_then(|w| <&[u8; WINDOW + 2]>::try_from(w).ok()) {
        if holds_candidate(w) {
            exact(b, s + 1, s + WINDOW + 1, &mut found);
        }
        s += WINDOW;
    }
    exact(b, s + 1, b.len(), &mut found);
}

/// Whether the exact test holds at some position of `w` (see [`for_each_candidate`]):
/// plain comparisons over a fixed-size array, so the loop vectorizes.
fn holds_candidate(w: &[u8; WINDOW + 2]) -> bool {
    let mut acc = 0u8;
    for k in 0..WINDOW {
        let (p, c, n) = (w[k], w[k + 1], w[k + 2]);
        let ends_lower = u8::from(p.wrapping_sub(b'a') < 26) | u8::from(p & 0xC0 == 0x80);
        // STARTS_UPPER and may_be_capital, as comparisons.
        let starts_upper = u8::from(c.wrapping_sub(b'A') < 26)
            | (u8::from(c == 0xC3) & u8::from(n <= 0x9E))
            | u8::from(c.wrapping_sub(0xC4) < 2)
            | (u8::from(c == 0xCE) & u8::from(n <= 0xAB))
            | (u8::from(c == 0xD0) & u8::from(n <= 0xAF))
            | u8::from(c.wrapping_sub(0xD2) < 3);
        acc |= ends_lower & starts_upper;
    }
    acc != 0
}

/// The exact test on `b[from..to]`, looking back one byte at `from`.
fn exact(b: &[u8], from: usize, to: usize, found: &mut impl FnMut(usize)) {
    let from = from.max(1);
    let Some(run) = b.get(from - 1..to.min(b.len())) else { return };
    for (j, pair) in run.windows(2).enumerate() {
        if let [p, c] = *pair {
            let i = from + j;
            if ENDS_LOWER[p as usize] && STARTS_UPPER[c as usize] && may_be_capital(c, b.get(i + 1)) {
                found(i);
            }
        }
    }
}

/// Bytes that can end a lowercase letter: ASCII a–z and UTF-8 continuation bytes.
const ENDS_LOWER: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = matches!(i as u8, b'a'..=b'z' | 0x80..=0xBF);
        i += 1;
    }
    t
};

/// Bytes that can start a capital: ASCII A–Z and the lead bytes of Latin-1, Latin
/// Extended-A, Greek and Cyrillic capitals (the scripts of the starter lists); `D1` holds
/// only lowercase Cyrillic and is left out.
const STARTS_UPPER: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = matches!(i as u8, b'A'..=b'Z' | 0xC3..=0xC5 | 0xCE | 0xD0 | 0xD2..=0xD4);
        i += 1;
    }
    t
};

/// A second cheap test on the byte after a lead byte: Latin-1 capitals are `C3 80`–`C3 9E`,
/// Greek `CE 86`–`CE AB`, basic Cyrillic `D0 80`–`D0 AF`; the other blocks mix cases and
/// pass.
fn may_be_capital(lead: u8, next: Option<&u8>) -> bool {
    match (lead, next) {
        (0xC3, Some(&n)) => n <= 0x9E,
        (0xCE, Some(&n)) => n <= 0xAB,
        (0xD0, Some(&n)) => n <= 0xAF,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidates(s: &str) -> Vec<usize> {
        let mut v = Vec::new();
        for_each_candidate(s.as_bytes(), |i| v.push(i));
        v
    }

    /// The slow definition the fast scan must agree with.
    fn naive(s: &str) -> Vec<usize> {
        let b = s.as_bytes();
        (1..b.len())
            .filter(|&i| {
                ENDS_LOWER[b[i - 1] as usize]
                    && STARTS_UPPER[b[i] as usize]
                    && may_be_capital(b[i], b.get(i + 1))
            })
            .collect()
    }

    #[test]
    fn finds_lowercase_to_capital_runs() {
        assert_eq!(candidates("diskutierenUnd das"), [11]);
        assert_eq!(candidates("eBay iPhone"), [1, 6]);
        assert_eq!(candidates("all lowercase words here"), Vec::<usize>::new());
        assert_eq!(candidates("fürÜber"), [4]);
        assert_eq!(candidates("für über"), Vec::<usize>::new());
        assert_eq!(candidates("делаВот"), [8]);
    }

    #[test]
    fn agrees_with_the_byte_by_byte_definition_at_every_offset() {
        let text = "Ab cdEf ghiJkl mnoPqr stu vwXyz 12aB über fürÄrger делаВот x.Y zzzzzzzzA";
        for start in 0..text.len() {
            let Some(s) = text.get(start..) else { continue };
            assert_eq!(candidates(s), naive(s), "{s:?}");
        }
    }
}
