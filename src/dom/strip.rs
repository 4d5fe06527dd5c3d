//! Provides [`strip`]: a page without what the parser would read only to throw away: the
//! content of `<script>` and `<style>` elements and comments, often half a page's bytes,
//! which html5ever's tokenizer reads a character at a time. JSON-LD scripts stay: they may
//! hold the article.

use std::borrow::Cow;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::text::ascii::{contains_ignore_case, find_ignore_case};

/// What starts something to step over.
static STARTS: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostFirst)
        .build(["<!--", "<script", "<style"])
        .ok()
});

/// `input` without script and style content (the tags stay, so the tree is the same) and
/// without comments.
pub(crate) fn strip(input: &str) -> Cow<'_, str> {
    let Some(starts) = STARTS.as_ref() else { return Cow::Borrowed(input) };
    let b = input.as_bytes();
    let mut out: Option<String> = None;
    // Copied up to here.
    let mut kept = 0;
    let mut at = 0;
    while let Some(m) = starts.find(b.get(at..).unwrap_or_default()) {
        let start = at + m.start();
        let after = at + m.end();
        let (keep_to, resume) = if m.pattern().as_usize() == 0 {
            // A comment ends at `-->` (or the end of the page, as a parser reads it).
            let end = memchr::memmem::find(b.get(after..).unwrap_or_default(), b"-->")
                .map_or(b.len(), |e| after + e + 3);
            (start, end)
        } else {
            // `<scripts>` or `<style-x>` is no raw-text element.
            if !b.get(after).is_some_and(|c| c.is_ascii_whitespace() || matches!(c, b'>' | b'/')) {
                at = after;
                continue;
            }
            let Some(gt) = memchr::memchr(b'>', b.get(after..).unwrap_or_default()).map(|e| after + e + 1)
            else {
                break;
            };
            let open = b.get(start..gt).unwrap_or_default();
            if contains_ignore_case(open, b"ld+json") {
                at = gt;
                continue;
            }
            let close: &[u8] = if m.pattern().as_usize() == 1 { b"</script" } else { b"</style" };
            let end = find_ignore_case(b.get(gt..).unwrap_or_default(), close).map_or(b.len(), |e| gt + e);
            (gt, end)
        };
        let o = out.get_or_insert_with(|| String::with_capacity(input.len() / 2));
        o.push_str(input.get(kept..keep_to).unwrap_or_default());
        kept = resume;
        at = resume.max(after);
    }
    match out {
        None => Cow::Borrowed(input),
        Some(mut o) => {
            o.push_str(input.get(kept..).unwrap_or_default());
            Cow::Owned(o)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_and_style_content_and_comments_go_the_tags_stay() {
        let page = "<p>a</p><SCRIPT type=x>if (a<b) {}</script ><style>p{}</STYLE><!-- c --><p>b</p>";
        assert_eq!(strip(page), "<p>a</p><SCRIPT type=x></script ><style></STYLE><p>b</p>");
        let ld = r#"<script type="application/ld+json">{"articleBody":"x"}</script>"#;
        assert_eq!(strip(ld), ld);
        assert_eq!(strip("<scripts>x</scripts>"), "<scripts>x</scripts>");
        assert_eq!(strip("plain"), "plain");
        assert_eq!(strip("<p>x<!-- never closed"), "<p>x");
        assert_eq!(strip("<script>never closed"), "<script>");
    }
}
