//! Provides byte searches that ignore ASCII case, for tag names in raw markup.

/// The first place `needle` (lowercase ASCII) occurs in `hay`, ignoring ASCII case. The
/// first byte is searched for as it is: callers' needles start with `<`, which has no case.
pub(crate) fn find_ignore_case(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let first = *needle.first()?;
    let mut at = 0;
    while let Some(i) = memchr::memchr(first, hay.get(at..)?) {
        let p = at + i;
        if hay.get(p..p + needle.len()).is_some_and(|w| w.eq_ignore_ascii_case(needle)) {
            return Some(p);
        }
        at = p + 1;
    }
    None
}

/// The last place `needle` (lowercase ASCII) occurs in `hay`, ignoring ASCII case; its first
/// byte, as in [`find_ignore_case`], has no case.
pub(crate) fn rfind_ignore_case(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let first = *needle.first()?;
    let mut end = hay.len();
    while let Some(p) = memchr::memrchr(first, hay.get(..end)?) {
        if hay.get(p..p + needle.len()).is_some_and(|w| w.eq_ignore_ascii_case(needle)) {
            return Some(p);
        }
        end = p;
    }
    None
}

/// Whether `needle` occurs in `hay`, ignoring ASCII case (`hay` is short: a tag).
pub(crate) fn contains_ignore_case(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_is_ignored() {
        assert_eq!(find_ignore_case(b"a</SCRIPT>", b"</script"), Some(1));
        assert_eq!(find_ignore_case(b"a</scrip", b"</script"), None);
        assert!(contains_ignore_case(b"<script type=application/LD+JSON>", b"ld+json"));
    }
}
