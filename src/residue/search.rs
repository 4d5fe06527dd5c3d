//! Provides [`Finder`]: forward searches for terminators (`-->`, `</script`, a closing quote)
//! that stay linear over the whole input however often they are repeated.
//!
//! A naive search for `-->` after every `<!--` in a megabyte of `<!--<!--…` rescans the rest
//! of the input each time: quadratic. The finder remembers, per needle, the last search: a
//! search starting inside a span already known to hold no match reuses the answer. So every
//! input byte is examined at most once per needle kind.

use memchr::memmem;

/// A remembered search: from where it ran and what it found.
#[derive(Clone, Copy, Debug)]
struct Memo {
    from: usize,
    found: Option<usize>,
}

/// Searches with memory. One memo per needle; needles are keyed by their bytes packed
/// into an integer, so finding the memo is a few integer compares.
#[derive(Debug)]
pub(crate) struct Finder {
    memos: Vec<(u128, Memo)>,
}

impl Finder {
    pub fn new() -> Finder {
        Finder { memos: Vec::new() }
    }

    /// The first position `>= from` in `hay` where `needle` occurs, compared ASCII
    /// case-insensitively when `needle` is lowercase ASCII letters (as tag names are).
    pub fn find(&mut self, hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
        let Some(key) = key(needle) else {
            // Needles longer than a key are not memoised (none of the lexer's are).
            return search(hay, from, needle);
        };
        let slot = self.memos.iter().position(|(k, _)| *k == key);
        if let Some((_, memo)) = slot.and_then(|i| self.memos.get(i)) {
            let covered = match memo.found {
                Some(at) => from >= memo.from && from <= at,
                None => from >= memo.from,
            };
            if covered {
                return memo.found;
            }
        }
        let found = search(hay, from, needle);
        let memo = Memo { from, found };
        match slot.and_then(|i| self.memos.get_mut(i)) {
            Some(entry) => entry.1 = memo,
            None => self.memos.push((key, memo)),
        }
        found
    }
}

/// A needle of at most 15 bytes as one integer: its bytes, then its length in the top byte.
fn key(needle: &[u8]) -> Option<u128> {
    if needle.len() > 15 {
        return None;
    }
    let mut k = (needle.len() as u128) << 120;
    for (i, &b) in needle.iter().enumerate() {
        k |= u128::from(b) << (8 * i);
    }
    Some(k)
}

/// The end of the element `name` whose start tag ends at `from`: just after the `>` of the end
/// tag that closes it, counting nested elements of the same name. `None` if it does not come
/// before `limit`. Names compare ASCII case-insensitively; comments are skipped.
pub(crate) fn matching_end(b: &[u8], from: usize, name: &[u8], limit: usize) -> Option<usize> {
    let window = b.get(..limit.min(b.len()))?;
    let mut depth = 1usize;
    let mut at = from;
    while let Some(i) = memchr::memchr(b'<', window.get(at..)?) {
        let lt = at + i;
        // A commented-out `<div>` is no element.
        if window.get(lt..lt + 4) == Some(b"<!--") {
            let body = window.get(lt + 4..)?;
            at = lt + 4 + memchr::memmem::find(body, b"-->").map_or(body.len(), |e| e + 3);
            continue;
        }
        let closing = window.get(lt + 1) == Some(&b'/');
        let name_at = lt + 1 + usize::from(closing);
        let candidate = window.get(name_at..name_at + name.len());
        let after = window.get(name_at + name.len()).copied();
        let is_name = candidate.is_some_and(|c| c.eq_ignore_ascii_case(name))
            && after.is_some_and(|c| c.is_ascii_whitespace() || c == b'>' || c == b'/');
        at = lt + 1;
        if !is_name {
            continue;
        }
        if closing {
            depth -= 1;
            if depth == 0 {
                let gt = memchr::memchr(b'>', window.get(name_at..)?)?;
                return Some(name_at + gt + 1);
            }
        } else {
            depth += 1;
        }
    }
    None
}

/// Whether `</name` (any case) stands in `b[from..limit]`: where it does not, no element
/// `name` ends there.
pub(crate) fn has_end_tag(b: &[u8], from: usize, name: &[u8], limit: usize) -> bool {
    let Some(window) = b.get(from.min(limit)..limit.min(b.len())) else { return false };
    memchr::memmem::find_iter(window, b"</")
        .any(|i| window.get(i + 2..i + 2 + name.len()).is_some_and(|c| c.eq_ignore_ascii_case(name)))
}

/// Where the bytes `a` then `b` first stand side by side in `hay`: a search for `a`, then a
/// look at the byte after. A substring searcher costs more to build than this takes on the
/// short windows and the blank lines it is used for.
pub(crate) fn find_pair(hay: &[u8], [a, b]: [u8; 2]) -> Option<usize> {
    memchr::memchr_iter(a, hay).find(|&i| hay.get(i + 1) == Some(&b))
}

/// The most distinct custom elements [`custom_end_tags`] keeps: a page's components are a few
/// dozen; a text of more is markup made to be many.
const MAX_CUSTOM_END_TAGS: usize = 4096;

/// The longest custom element name [`custom_end_tags`] keeps.
const MAX_CUSTOM_NAME_BYTES: usize = 64;

/// The names of the custom elements (`app-root`, `ng-container`: a `-` in the name) whose end
/// tags (`</app-root`) stand anywhere in `b`, in ASCII lowercase. One pass over the `</`.
/// `None` when there are more than [`MAX_CUSTOM_END_TAGS`] or one is longer than
/// [`MAX_CUSTOM_NAME_BYTES`]: every custom element is then taken as closed somewhere, and
/// memory stays bounded whatever the text.
pub(crate) fn custom_end_tags(b: &[u8]) -> Option<std::collections::HashSet<Vec<u8>>> {
    let mut names = std::collections::HashSet::new();
    for i in memchr::memmem::find_iter(b, b"</") {
        let rest = b.get(i + 2..).unwrap_or_default();
        let len =
            rest.iter().take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b':')).count();
        let name = rest.get(..len).unwrap_or_default();
        if name.contains(&b'-') {
            if name.len() > MAX_CUSTOM_NAME_BYTES || names.len() >= MAX_CUSTOM_END_TAGS {
                return None;
            }
            names.insert(name.to_ascii_lowercase());
        }
    }
    Some(names)
}

/// The custom elements whose end tags a text holds ([`custom_end_tags`]), found the first
/// time a custom element's plain start tag asks (rule 6 of `ambiguity`), then kept.
#[derive(Debug, Default)]
pub(crate) struct CustomEnds(Option<Option<std::collections::HashSet<Vec<u8>>>>);

impl CustomEnds {
    /// Whether `b` (the whole text) holds an end tag of the custom element `name`; true too
    /// when it holds too many to keep.
    pub(crate) fn closes(&mut self, b: &[u8], name: &str) -> bool {
        self.0
            .get_or_insert_with(|| custom_end_tags(b))
            .as_ref()
            .is_none_or(|ends| ends.contains(name.to_ascii_lowercase().as_bytes()))
    }
}

/// Case-insensitive for ASCII letters: finds each case-sensitive occurrence of the needle's
/// first byte pair in either case, then compares the rest.
fn search(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let rest = hay.get(from..)?;
    if let [byte] = needle {
        return memchr::memchr(*byte, rest).map(|i| i + from);
    }
    if let &[a, b] = needle {
        if !a.is_ascii_alphabetic() && !b.is_ascii_alphabetic() {
            return find_pair(rest, [a, b]).map(|i| i + from);
        }
    }
    if !needle.iter().any(u8::is_ascii_alphabetic) {
        return memmem::find(rest, needle).map(|i| i + from);
    }
    // Anchor on the needle's leading non-letters (`</`, `-->`): markup terminators start with
    // punctuation, so the anchor is rare in prose.
    let anchor_len = needle.iter().take_while(|b| !b.is_ascii_alphabetic()).count();
    let anchor = needle.get(..anchor_len).filter(|a| !a.is_empty())?;
    let tail = needle.get(anchor_len..)?;
    let finder = memmem::Finder::new(anchor);
    let mut at = 0;
    while let Some(i) = finder.find(rest.get(at..)?) {
        let start = at + i;
        let cand = rest.get(start + anchor_len..start + anchor_len + tail.len());
        if cand.is_some_and(|c| c.eq_ignore_ascii_case(tail)) {
            return Some(start + from);
        }
        at = start + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn end_tags_are_found_in_any_case_and_within_the_window() {
        let b = b"<div hidden>x</DIV >y</span>";
        assert!(has_end_tag(b, 0, b"div", b.len()));
        assert!(!has_end_tag(b, 14, b"div", b.len()));
        assert!(!has_end_tag(b, 0, b"div", 14));
        assert!(has_end_tag(b, 0, b"span", b.len()));
        assert!(!has_end_tag(b, 0, b"nav", b.len()));
    }

    proptest::proptest! {
        /// Where no `</name` stands, no matching end is found: the shortcut of a lexer's search.
        #[test]
        fn no_end_tag_means_no_matching_end(
            parts in proptest::collection::vec(
                proptest::sample::select(vec!["<div hidden>", "</div>", "</DIV >", "x", "<!--", "-->", "<", "/", "</di"]),
                0..24,
            ),
            from in 0usize..200,
            limit in 0usize..200,
        ) {
            let s = parts.concat();
            let b = s.as_bytes();
            let (from, limit) = (from.min(b.len()), limit.min(b.len()));
            if from <= limit && !has_end_tag(b, from, b"div", limit) {
                proptest::prop_assert_eq!(matching_end(b, from, b"div", limit), None);
            }
        }
    }

    #[test]
    fn custom_end_tags_are_found_and_bounded() {
        let ends = custom_end_tags(b"<App-Root>x</App-Root> </p> </o:p> </ng-container").unwrap();
        let mut names: Vec<&[u8]> = ends.iter().map(Vec::as_slice).collect();
        names.sort();
        assert_eq!(names, [&b"app-root"[..], b"ng-container"]);
        let many: String = (0..=MAX_CUSTOM_END_TAGS).map(|i| format!("</x-{i}>")).collect();
        assert!(custom_end_tags(many.as_bytes()).is_none());
        let long = format!("</x-{}>", "y".repeat(MAX_CUSTOM_NAME_BYTES));
        assert!(custom_end_tags(long.as_bytes()).is_none());
    }

    #[test]
    fn a_pair_is_found_where_a_substring_search_finds_it() {
        for hay in ["", "}", "}}", "a}b}}c", "}}}", "x\n \n\n\n", "{{ a }} }}", "%}#}"] {
            for pair in [*b"}}", *b"\n\n", *b"%}", *b"#}"] {
                assert_eq!(
                    find_pair(hay.as_bytes(), pair),
                    memchr::memmem::find(hay.as_bytes(), &pair),
                    "{hay:?}"
                );
            }
        }
    }

    #[test]
    fn matching_end_counts_nested_elements() {
        let s = b"<div class=x>a<div>b</div>c</DIV>tail";
        assert_eq!(matching_end(s, 13, b"div", s.len()), Some(33));
        assert_eq!(matching_end(s, 13, b"div", 30), None);
        assert_eq!(matching_end(b"<div>a<divx></div>", 5, b"div", 18), Some(18));
    }

    #[test]
    fn finds_case_insensitively_and_remembers() {
        let hay = b"aa </SCRIPT> bb </script>";
        let mut f = Finder::new();
        assert_eq!(f.find(hay, 0, b"</script"), Some(3));
        assert_eq!(f.find(hay, 1, b"</script"), Some(3));
        assert_eq!(f.find(hay, 4, b"</script"), Some(16));
        assert_eq!(f.find(hay, 17, b"</script"), None);
        assert_eq!(f.find(hay, 20, b"</script"), None);
        assert_eq!(f.find(hay, 0, b"-->"), None);
    }
}
