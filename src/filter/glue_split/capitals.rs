//! Finds where a lowercase letter runs straight into a capital (`diskutierenUnd`), fast: the
//! glue filter asks this of every byte of every block, so it is the hottest loop after the
//! lexer's own scan.
//!
//! Thirty-two pairs of bytes at a time: the exact test (a byte that may end a lowercase
//! letter: ASCII a–z, a UTF-8 continuation byte; followed by one that may start a capital:
//! ASCII A–Z, the lead byte of a two-byte capital) runs over the whole window as plain byte
//! comparisons the compiler turns into vector instructions, and the window's hits are packed
//! into one bit each. A looser test with fewer comparisons (any lead byte from `C3` to `D4`)
//! goes first, and the exact one runs only in the windows that pass it: about one in five
//! of the seeds' German prose (an umlaut after a letter passes it). The text's last pairs go
//! through a window padded with spaces. A candidate is only a candidate: the caller decides
//! with the words around it.

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
        let bits = candidates(w);
        // Most windows hold none: no call for them.
        if bits != 0 {
            report(bits, s, &mut found);
        }
        s += WINDOW;
    }
    // The last pairs, in a window padded with spaces (which neither end a lowercase letter
    // nor start a capital, and pass `may_be_capital` as the end of the text does).
    let Some(tail) = b.get(s..).filter(|t| t.len() >= 2) else { return };
    let mut w = [b' '; WINDOW + 2];
    if let Some(head) = w.get_mut(..tail.len()) {
        head.copy_from_slice(tail);
    }
    report(candidates(&w), s, &mut found);
}

/// Calls `found` for each position a window's bits stand for.
fn report(mut bits: u32, s: usize, found: &mut impl FnMut(usize)) {
    while bits != 0 {
        found(s + 1 + bits.trailing_zeros() as usize);
        bits &= bits - 1;
    }
}

/// The positions of `w` where the exact test holds (see [`for_each_candidate`]), one bit
/// each. The test is plain comparisons over a fixed-size array, which the compiler turns
/// into vector instructions; most windows hold none, and only those that do are packed.
fn candidates(w: &[u8; WINDOW + 2]) -> u32 {
    // First a loose test, fewer comparisons per pair: any lead byte from `C3` to `D4` may
    // start a capital. Most windows fail it; the exact test runs only on those that pass.
    let mut loose = [0u8; WINDOW];
    for (k, f) in loose.iter_mut().enumerate() {
        let (p, c) = (w[k], w[k + 1]);
        let ends_lower = u8::from(p.wrapping_sub(b'a') < 26) | u8::from(p & 0xC0 == 0x80);
        let may_start_upper = u8::from(c.wrapping_sub(b'A') < 26) | u8::from(c.wrapping_sub(0xC3) < 0x12);
        *f = ends_lower & may_start_upper;
    }
    if !any(&loose) {
        return 0;
    }
    let mut flags = [0u8; WINDOW];
    for (k, f) in flags.iter_mut().enumerate() {
        let (p, c, n) = (w[k], w[k + 1], w[k + 2]);
        let ends_lower = u8::from(p.wrapping_sub(b'a') < 26) | u8::from(p & 0xC0 == 0x80);
        // STARTS_UPPER and may_be_capital, as comparisons.
        let starts_upper = u8::from(c.wrapping_sub(b'A') < 26)
            | (u8::from(c == 0xC3) & u8::from(n <= 0x9E))
            | u8::from(c.wrapping_sub(0xC4) < 2)
            | (u8::from(c == 0xCE) & u8::from(n <= 0xAB))
            | (u8::from(c == 0xD0) & u8::from(n <= 0xAF))
            | u8::from(c.wrapping_sub(0xD2) < 3);
        *f = ends_lower & starts_upper;
    }
    if !any(&flags) {
        return 0;
    }
    let mut bits = 0u32;
    for (i, eight) in flags.chunks_exact(8).enumerate() {
        let x = eight.try_into().map_or(0, u64::from_le_bytes);
        // Eight bytes of 0 or 1 become eight bits: the multiply moves byte k's bit to bit
        // 56 + k, with no carries between them.
        bits |= ((x.wrapping_mul(0x0102_0408_1020_4080) >> 56) as u32) << (8 * i);
    }
    bits
}

/// Whether any of a window's flags is set: two wide words, not a byte at a time.
fn any(flags: &[u8; WINDOW]) -> bool {
    let (lo, hi) = flags.split_at(WINDOW / 2);
    let wide = |h: &[u8]| h.try_into().map_or(1, u128::from_ne_bytes);
    wide(lo) | wide(hi) != 0
}

#[cfg(test)]
mod tests {
    use super::*;

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

    fn candidates(s: &str) -> Vec<usize> {
        let mut v = Vec::new();
        for_each_candidate(s.as_bytes(), |i| v.push(i));
        v
    }

    /// The slow definition the fast scan must agree with, byte by byte with the tables above.
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
