//! Packs a short word into one integer, ASCII letters lowercased, so that looking a word up
//! in a table (tag names, read-more labels) compares integers, not strings.

/// The bytes of `word` (at most 16; ASCII letters lowercased) as one integer; `None` if
/// longer. Words hold no NUL byte, so no two of them share a key.
pub(crate) const fn pack(word: &[u8]) -> Option<u128> {
    if word.len() > 16 {
        return None;
    }
    let mut key = 0u128;
    let mut i = 0;
    while i < word.len() {
        key = (key << 8) | word[i].to_ascii_lowercase() as u128;
        i += 1;
    }
    Some(key)
}
