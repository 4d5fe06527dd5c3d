//! Test inputs: every string made of up to a given number of pieces from a list, for tests
//! that compare a fast search with the plain one it replaces on all of them.

/// Every concatenation of at most `n` of `pieces` (with repeats), the empty one included,
/// sorted, each once.
pub(crate) fn every_string(pieces: &[&str], n: usize) -> Vec<String> {
    let mut texts = vec![String::new()];
    for _ in 0..n {
        let last = texts.clone();
        texts.extend(last.iter().flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}"))));
        texts.sort();
        texts.dedup();
    }
    texts
}

#[test]
fn every_string_of_up_to_two_pieces() {
    assert_eq!(every_string(&["a", "b"], 2), ["", "a", "aa", "ab", "b", "ba", "bb"]);
}
