//! Provides word-level views of text: a cheap word count, and the set of a text's words as
//! sorted hashes (lowercased, split at anything that is not a letter or digit), which the
//! near-duplicate filter compares.

/// An approximate word count: spaces and newlines plus one (exact for normal-form text,
/// whose lines are trimmed), counted up to `cap`. Cheap enough to run on every block.
pub(crate) fn count_up_to(s: &str, cap: usize) -> usize {
    if s.is_empty() {
        return 0;
    }
    memchr::memchr2_iter(b' ', b'\n', s.as_bytes())
        .take(cap)
        .count()
        + 1
}

/// The distinct words of `s`, as sorted 64-bit FNV-1a hashes.
///
/// Byte-level, for speed: a word is a run of ASCII letters and digits and of non-ASCII
/// bytes (so every letter of every script), lowercased in ASCII only. Non-ASCII
/// punctuation therefore sticks to its word (`ISW“`), which slightly lowers the similarity
/// of texts that quote differently; the threshold allows for it.
pub(crate) fn hash_set(s: &str) -> Vec<u64> {
    const SEED: u64 = 0xcbf2_9ce4_8422_2325;
    let mut set: Vec<u64> = Vec::with_capacity(count_up_to(s, 256));
    let mut h = SEED;
    let mut in_word = false;
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || b >= 0x80 {
            h ^= u64::from(b.to_ascii_lowercase());
            h = h.wrapping_mul(0x0100_0000_01b3);
            in_word = true;
        } else if in_word {
            set.push(h);
            h = SEED;
            in_word = false;
        }
    }
    if in_word {
        set.push(h);
    }
    set.sort_unstable();
    set.dedup();
    set
}

/// Jaccard similarity of two sorted, deduplicated sets.
pub(crate) fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - common;
    if union == 0 {
        0.0
    } else {
        common as f64 / union as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jaccard_of_word_sets() {
        let a = hash_set("Wie man dem Westen, entgegentreten kann");
        let b = hash_set("wie MAN dem westen entgegentritt");
        assert_eq!(count_up_to("a b c d", 2), 3);
        assert_eq!(a.len(), 6);
        assert!((jaccard(&a, &b) - 4.0 / 7.0).abs() < 1e-9);
        assert_eq!(jaccard(&[], &[]), 0.0);
    }
}
