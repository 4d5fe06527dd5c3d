//! Finds where a lowercase letter runs straight into a capital (`diskutierenUnd`), fast: the
//! glue filter asks this of every byte of every block, so it is the hottest loop after the
//! lexer's own scan.
//!
//! Eight bytes at a time (SWAR on a `u64`): a chunk with no byte that may end a lowercase
//! letter (ASCII a–z, a UTF-8 continuation byte) followed by one that may start a capital
//! (ASCII A–Z, the lead byte of a two-byte char) is skipped with a few arithmetic
//! operations. Only the other chunks are looked at byte by byte, with the exact tests. A
//! candidate is only a candidate: the caller decides with the words around it.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Calls `found(i)` for every byte position `i` where a capital may start right after a
/// byte that may end a lowercase letter. Never misses one of those; may report some that
/// are not (the caller checks).
pub(crate) fn for_each_candidate(b: &[u8], mut found: impl FnMut(usize)) {
    let mut prev_lowerish = false;
    let mut chunks = b.chunks_exact(8);
    let mut start = 0;
    for chunk in &mut chunks {
        let mut a = [0u8; 8];
        a.copy_from_slice(chunk);
        let x = u64::from_le_bytes(a);
        // Bits 7, 6 and 5 of each byte, moved to bit 7: UTF-8 continuation bytes are 10xxxxxx,
        // lead bytes of two-byte chars (where every cased script we list lives) are 110xxxxx.
        let (b7, b6, b5) = (x & HIGHS, (x << 1) & HIGHS, (x << 2) & HIGHS);
        let lowerish = ascii_in_range(x, b'a', b'z') | (b7 & !b6);
        let upperish = ascii_in_range(x, b'A', b'Z') | (b7 & b6 & !b5);
        // Byte k lowerish and byte k+1 upperish; little-endian, so byte k+1 is 8 bits up.
        let inside = (lowerish << 8) & upperish;
        let at_edge = prev_lowerish && upperish & 0x80 != 0;
        if inside != 0 || at_edge {
            exact(b, start, start + 8, &mut found);
        }
        prev_lowerish = lowerish >> 63 != 0;
        start += 8;
    }
    exact(b, start, b.len(), &mut found);
}

/// The exact test on `b[from..to]`, looking back one byte at `from`.
fn exact(b: &[u8], from: usize, to: usize, found: &mut impl FnMut(usize)) {
    for i in from.max(1)..to {
        let (Some(&p), Some(&c)) = (b.get(i - 1), b.get(i)) else {
            continue;
        };
        if ENDS_LOWER[p as usize] && STARTS_UPPER[c as usize] && may_be_capital(c, b.get(i + 1)) {
            found(i);
        }
    }
}

/// A mask with the high bit set in every byte of `x` that is ASCII and in `lo..=hi`.
fn ascii_in_range(x: u64, lo: u8, hi: u8) -> u64 {
    let x7 = x & !HIGHS;
    // Each byte of x7 is at most 0x7F, each addend at most 0x80: no carry crosses a byte.
    let ge_lo = x7.wrapping_add(ONES * u64::from(0x80 - lo)) & HIGHS;
    let gt_hi = x7.wrapping_add(ONES * u64::from(0x7F - hi)) & HIGHS;
    ge_lo & !gt_hi & !x & HIGHS
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
