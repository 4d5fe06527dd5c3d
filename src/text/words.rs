//! Provides word-level views of text: a cheap word count, a fixed-size signature of a text's
//! word set and an exact same-words test, which the near-duplicate filter compares; and the
//! words of Chinese and Japanese, which put no spaces between them.

/// An approximate word count: runs of spaces and newlines plus one (exact for normal-form
/// text, whose lines are trimmed; a run of spaces, where a tab stood, is one gap), capped:
/// only the first `cap` words' worth of bytes is read, so the cost is bounded per block. A plain counting loop, which the compiler vectorises.
pub(crate) fn count_up_to(s: &str, cap: usize) -> usize {
    if s.is_empty() {
        return 0;
    }
    let window = s.as_bytes().get(..s.len().min(cap.saturating_mul(MAX_WORD_BYTES))).unwrap_or_default();
    let gap = |b: u8| b == b' ' || b == b'\n';
    // A gap is counted where it ends: at its last space, before a byte that is no space.
    let gaps: usize =
        window.iter().zip(window.iter().skip(1)).map(|(&b, &n)| usize::from(gap(b) && !gap(n))).sum();
    (gaps + 1).min(cap.saturating_add(1))
}

/// Words that Chinese and Japanese runs in `s` hold beyond the one run of non-space that
/// counts them: those languages put no spaces between words, and most of their words are
/// one to three letters long, so two of their letters count as a word. Text without Han or
/// kana has none.
pub(crate) fn unspaced_words(s: &str) -> usize {
    if s.is_ascii() {
        return 0;
    }
    s.split_whitespace()
        .map(|w| {
            let unspaced = w.chars().filter(|&c| super::lang::is_unspaced(c)).count();
            let other = w.chars().any(|c| c.is_alphanumeric() && !super::lang::is_unspaced(c));
            // `我们使用Cookie`: two words of Han and one of Latin letters, in one run.
            (unspaced.div_ceil(2) + usize::from(other)).saturating_sub(1)
        })
        .sum()
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
        Signature::of_capped(s, usize::MAX).unwrap_or(Signature([0; 8]))
    }

    /// The signature of `s`'s words, or `None` as soon as it has more than `cap` distinct
    /// words (checked every eight words and at the end): a caller that cannot use a larger
    /// set stops hashing early.
    pub fn of_capped(s: &str, cap: usize) -> Option<Signature> {
        let mut bits = [0u64; 8];
        let mut words = 0u32;
        // A rolling hash of the current word; one table lookup per byte decides word or not.
        // (Faster here than hashing eight bytes at a time: words are short.)
        let mut h = WORD_SEED;
        for &c in s.as_bytes() {
            if IS_WORD_BYTE[c as usize] {
                h = (h ^ u64::from(c | 0x20)).wrapping_mul(K);
            } else if h != WORD_SEED {
                set(&mut bits, h);
                h = WORD_SEED;
                words += 1;
                if words % 8 == 0 && Signature(bits).words() > cap {
                    return None;
                }
            }
        }
        if h != WORD_SEED {
            set(&mut bits, h);
        }
        let sig = Signature(bits);
        (sig.words() <= cap).then_some(sig)
    }

    /// The number of distinct words, estimated (collisions make it a little low).
    pub fn words(&self) -> usize {
        self.0.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// The estimated Jaccard similarity of two word sets.
    pub fn jaccard(&self, other: &Signature) -> f64 {
        let (mut common, mut union) = (0, 0);
        for (a, b) in self.0.iter().zip(&other.0) {
            common += (a & b).count_ones();
            union += (a | b).count_ones();
        }
        if union == 0 { 0.0 } else { f64::from(common) / f64::from(union) }
    }
}

/// Whether `a` and `b` are the same words in the same order, case folded as in
/// [`Signature::of`] and whatever stands between the words ignored: a repeated paragraph.
/// Exact, unlike a signature, and stops at the first difference.
pub(crate) fn same_words(a: &str, b: &str) -> bool {
    let mut a = words(a);
    let mut b = words(b);
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y))
                if x.len() == y.len() && x.iter().zip(y).all(|(p, q)| p | 0x20 == q | 0x20) => {}
            _ => return false,
        }
    }
}

/// The words of `s` as byte runs (see [`Signature::of`]).
fn words(s: &str) -> impl Iterator<Item = &[u8]> {
    s.as_bytes().split(|&c| !IS_WORD_BYTE[c as usize]).filter(|w| !w.is_empty())
}

/// Sets the bit a word's hash picks.
fn set(bits: &mut [u64; 8], h: u64) {
    let h = h ^ (h >> 29);
    if let Some(slot) = bits.get_mut((h >> 6) as usize % 8) {
        *slot |= 1 << (h & 63);
    }
}

/// FNV-1a, byte by byte.
const WORD_SEED: u64 = 0xcbf2_9ce4_8422_2325;
const K: u64 = 0x0100_0000_01b3;

/// Bytes that belong to words: ASCII letters and digits, and every byte of a multi-byte char.
const IS_WORD_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        t[i] = c.is_ascii_alphanumeric() || c >= 0x80;
        i += 1;
    }
    t
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_estimate_jaccard_of_word_sets() {
        let a = Signature::of("Wie man dem Westen, entgegentreten kann");
        let b = Signature::of("wie MAN dem westen entgegentritt");
        assert!((a.jaccard(&b) - 4.0 / 7.0).abs() < 0.1, "{}", a.jaccard(&b));
        assert_eq!(a.jaccard(&a), 1.0);
        assert_eq!(a.words(), 6);
        assert_eq!(Signature::of("").jaccard(&Signature::of("")), 0.0);
        assert!(Signature::of("alpha beta gamma").jaccard(&Signature::of("delta epsilon zeta")) < 0.2);
        assert_eq!(count_up_to("a b c d", 2), 3);
        assert_eq!(count_up_to("a b c d", 10), 4);
        assert_eq!(count_up_to("", 10), 0);
        // A run of spaces (where tabs stood) and a blank line are one gap each.
        assert_eq!(count_up_to("i           w", 10), 2);
        assert_eq!(count_up_to("a\n\nb  c", 10), 3);
    }

    #[test]
    fn a_capped_signature_gives_up_past_the_cap_and_otherwise_equals_the_full_one() {
        let text = "one two three four five six seven eight nine ten eleven twelve";
        assert_eq!(Signature::of_capped(text, 12), Some(Signature::of(text)));
        assert_eq!(Signature::of_capped(text, 11), None);
        assert_eq!(
            Signature::of_capped("one one one one one one one one one", 1),
            Some(Signature::of("one"))
        );
        // Case folded, long words hashed whole.
        assert_eq!(Signature::of("Entgegenzuwirken WORD"), Signature::of("entgegenzuwirken word"));
        assert_ne!(Signature::of("entgegenzuwirken"), Signature::of("entgegenzuwirkem"));
    }

    #[test]
    fn same_words_ignores_case_and_punctuation_but_not_order_or_a_missing_word() {
        assert!(same_words("Wie man, dem Westen.", "wie MAN dem westen!"));
        assert!(same_words("", " . "));
        assert!(!same_words("man wie dem Westen", "wie man dem Westen"));
        assert!(!same_words("wie man dem Westen", "wie man dem"));
        assert!(!same_words("If aaaa then öü", "If aaaa then öv"));
    }
}
