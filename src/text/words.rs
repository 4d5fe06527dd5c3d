//! Provides word-level views of text: a cheap word count, and a fixed-size signature of a
//! text's word set, which the near-duplicate filter compares.

/// An approximate word count: spaces and newlines plus one (exact for normal-form text,
/// whose lines are trimmed), capped: only the first `cap` words' worth of bytes is read, so
/// the cost is bounded per block. A plain counting loop, which the compiler vectorises.
pub(crate) fn count_up_to(s: &str, cap: usize) -> usize {
    if s.is_empty() {
        return 0;
    }
    let window = s
        .as_bytes()
        .get(..s.len().min(cap.saturating_mul(MAX_WORD_BYTES)))
        .unwrap_or_default();
    let gaps = window.iter().filter(|&&b| b == b' ' || b == b'\n').count();
    (gaps + 1).min(cap.saturating_add(1))
}

/// Bytes read per counted word: words longer than this (on average) are undercounted,
/// which only matters for blocks far past any cap.
const MAX_WORD_BYTES: usize = 32;

/// A block's words as a 512-bit set: each word sets the bit its hash picks. Comparing two
/// signatures estimates the Jaccard similarity of the word sets without allocating or
/// sorting; collisions (about one in 40 words) can only raise the estimate slightly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Signature([u64; 8]);

impl Signature {
    /// The signature of `s`'s words.
    ///
    /// Byte-level, for speed: a word is a run of ASCII letters and digits and of non-ASCII
    /// bytes (so every letter of every script). Case is folded by setting bit 5 of every
    /// byte, which lowercases ASCII letters and leaves digits alone; in multi-byte chars it
    /// merges a few pairs of letters. Non-ASCII punctuation sticks to its word (`ISW“`). The
    /// threshold allows for both.
    pub fn of(s: &str) -> Signature {
        let b = s.as_bytes();
        let mut bits = [0u64; 8];
        let mut set = |w: &[u8]| {
            let h = hash_word(w);
            if let Some(slot) = bits.get_mut((h >> 6) as usize % 8) {
                *slot |= 1 << (h & 63);
            }
        };
        let mut start = None;
        for (i, &c) in b.iter().enumerate() {
            let is_word = c.is_ascii_alphanumeric() || c >= 0x80;
            match (is_word, start) {
                (true, None) => start = Some(i),
                (false, Some(st)) => {
                    set(b.get(st..i).unwrap_or_default());
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(st) = start {
            set(b.get(st..).unwrap_or_default());
        }
        Signature(bits)
    }

    /// The estimated Jaccard similarity of two word sets.
    pub fn jaccard(&self, other: &Signature) -> f64 {
        let (mut common, mut union) = (0, 0);
        for (a, b) in self.0.iter().zip(&other.0) {
            common += (a & b).count_ones();
            union += (a | b).count_ones();
        }
        if union == 0 {
            0.0
        } else {
            f64::from(common) / f64::from(union)
        }
    }
}

/// Hashes a word eight bytes at a time, case-folded (see [`hash_set`]).
fn hash_word(w: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h = w.len() as u64;
    let mut chunks = w.chunks_exact(8);
    for c in &mut chunks {
        let mut a = [0u8; 8];
        a.copy_from_slice(c);
        h = (h ^ (u64::from_le_bytes(a) | 0x2020_2020_2020_2020))
            .wrapping_mul(K)
            .rotate_left(29);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut a = [0u8; 8];
        for (d, s) in a.iter_mut().zip(rest) {
            *d = s | 0x20;
        }
        h = (h ^ u64::from_le_bytes(a)).wrapping_mul(K).rotate_left(29);
    }
    h ^ (h >> 32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_estimate_jaccard_of_word_sets() {
        let a = Signature::of("Wie man dem Westen, entgegentreten kann");
        let b = Signature::of("wie MAN dem westen entgegentritt");
        assert!((a.jaccard(&b) - 4.0 / 7.0).abs() < 0.1, "{}", a.jaccard(&b));
        assert_eq!(a.jaccard(&a), 1.0);
        assert_eq!(Signature::of("").jaccard(&Signature::of("")), 0.0);
        assert!(
            Signature::of("alpha beta gamma").jaccard(&Signature::of("delta epsilon zeta")) < 0.2
        );
        assert_eq!(count_up_to("a b c d", 2), 3);
        assert_eq!(count_up_to("a b c d", 10), 4);
        assert_eq!(count_up_to("", 10), 0);
    }
}
