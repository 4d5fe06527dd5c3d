//! Provides word-level views of text: a cheap word count, and the set of a text's words as
//! sorted hashes (lowercased, split at anything that is not a letter or digit), which the
//! near-duplicate filter compares.

/// An approximate word count: runs of non-whitespace. Cheap enough to run on every block.
pub(crate) fn count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// The distinct words of `s`, as sorted 64-bit FNV-1a hashes of their lowercase form.
pub(crate) fn hash_set(s: &str) -> Vec<u64> {
    let mut set: Vec<u64> = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for c in w.chars().flat_map(char::to_lowercase) {
                h ^= u64::from(u32::from(c));
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
            h
        })
        .collect();
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
        assert_eq!(a.len(), 6);
        assert!((jaccard(&a, &b) - 4.0 / 7.0).abs() < 1e-9);
        assert_eq!(jaccard(&[], &[]), 0.0);
    }
}
