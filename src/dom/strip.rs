//! Provides [`strip`]: a page without what the parser would read only to throw away: the
//! content of `<script>` and `<style>` elements, comments and inline SVG drawings, often half
//! a page's bytes, which html5ever's tokenizer reads a character at a time. JSON-LD scripts
//! stay: they may hold the article.

use std::borrow::Cow;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::text::ascii::{contains_ignore_case, find_ignore_case};

/// What starts something to step over.
static STARTS: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostFirst)
        .build(["<!--", "<script", "<style", "<svg"])
        .ok()
});

/// `input` without script and style content and without what an inline SVG drawing holds
/// (the tags stay, so the tree is the same but for the drawing's inside, which is never
/// text: [`crate::dom::mark`] drops it), and without comments.
pub(crate) fn strip(input: &str) -> Cow<'_, str> {
    let Some(starts) = STARTS.as_ref() else { return Cow::Borrowed(input) };
    let b = input.as_bytes();
    let mut out: Option<String> = None;
    // Copied up to here.
    let mut kept = 0;
    let mut at = 0;
    // No drawing that starts before here is stepped over (see `drawing_end`).
    let mut svg_from = 0;
    while let Some(m) = starts.find(b.get(at..).unwrap_or_default()) {
        let start = at + m.start();
        let after = at + m.end();
        let (keep_to, resume) = if m.pattern().as_usize() == 3 {
            if start < svg_from || !name_ends(b, after) {
                at = after;
                continue;
            }
            let Some(gt) = memchr::memchr(b'>', b.get(after..).unwrap_or_default()).map(|e| after + e) else {
                // No drawing after this one has its `>` either: none is looked at again.
                svg_from = b.len();
                at = after;
                continue;
            };
            // `<svg/>` holds nothing.
            if b.get(gt - 1) == Some(&b'/') {
                at = gt;
                continue;
            }
            let gt = gt + 1;
            match drawing_end(b, gt) {
                Ok(end) => (gt, end),
                Err(stop) => {
                    svg_from = stop;
                    at = gt;
                    continue;
                }
            }
        } else if m.pattern().as_usize() == 0 {
            // A comment ends at `-->` (or the end of the page, as a parser reads it).
            let end = memchr::memmem::find(b.get(after..).unwrap_or_default(), b"-->")
                .map_or(b.len(), |e| after + e + 3);
            // React's boundary comments bound what a streamed part replaces: they stay, as
            // empty templates (never text), for `streamed` to find.
            if let Some(marker) = boundary_marker(b.get(start..end).unwrap_or_default()) {
                let o = out.get_or_insert_with(|| String::with_capacity(input.len() / 2));
                o.push_str(input.get(kept..start).unwrap_or_default());
                o.push_str(marker);
                kept = end;
                at = end;
                continue;
            }
            (start, end)
        } else {
            // `<scripts>` or `<style-x>` is no raw-text element.
            if !name_ends(b, after) {
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

/// What stands for React's comment `comment` around a suspense boundary (`<!--$?-->` opens
/// one whose content streams later, `<!--$-->` and `<!--$!-->` others, `<!--/$-->` closes
/// one): an empty template whose id says which.
fn boundary_marker(comment: &[u8]) -> Option<&'static str> {
    match comment {
        b"<!--$-->" | b"<!--$?-->" | b"<!--$!-->" => Some(crate::dom::streamed::OPEN_MARKER),
        b"<!--/$-->" => Some(crate::dom::streamed::CLOSE_MARKER),
        _ => None,
    }
}

/// Whether the tag name that a start ends at `after` is whole: `<svg>`, `<script src=x>`,
/// `<svg/>`, not `<svgx>`, `<scripts>` or `<style-x>`.
fn name_ends(b: &[u8], after: usize) -> bool {
    b.get(after).is_some_and(|c| c.is_ascii_whitespace() || matches!(c, b'>' | b'/'))
}

/// Where the inside of the SVG drawing that starts at `from` ends: at its `</svg`, nested
/// drawings counted. `Err(at)` when it is not stepped over: a tag that is no SVG element
/// comes first, at `at` (HTML's parser may leave the drawing there: `<p>` does, and so does
/// the end tag of an element open around it: a broken page's text after an unclosed
/// drawing), or the drawing never closes (`at` is the end). Every drawing that starts
/// before `at` ends after it, so none is scanned again: linear time.
fn drawing_end(b: &[u8], from: usize) -> Result<usize, usize> {
    let mut depth = 1usize;
    let mut at = from;
    while let Some(i) = memchr::memchr(b'<', b.get(at..).unwrap_or_default()) {
        let lt = at + i;
        at = lt + 1;
        let rest = b.get(at..).unwrap_or_default();
        let close = rest.first() == Some(&b'/');
        let name = rest.get(usize::from(close)..).unwrap_or_default();
        let len = name.iter().take_while(|c| c.is_ascii_alphanumeric() || **c == b'-').count();
        let name = name.get(..len).unwrap_or_default();
        if name.eq_ignore_ascii_case(b"svg") {
            if close {
                depth -= 1;
                if depth == 0 {
                    return Ok(lt);
                }
            } else {
                depth += 1;
            }
        } else if !name.is_empty() && !is_svg_element(name) {
            return Err(lt);
        }
    }
    Err(b.len())
}

/// Whether `name` is an element of SVG 1.1 or 2 (in any ASCII case, as the tokenizer reads
/// it before the tree builder restores `clipPath`'s case).
fn is_svg_element(name: &[u8]) -> bool {
    const NAMES: [&str; 78] = [
        "a",
        "altglyph",
        "altglyphdef",
        "altglyphitem",
        "animate",
        "animatecolor",
        "animatemotion",
        "animatetransform",
        "circle",
        "clippath",
        "color-profile",
        "cursor",
        "defs",
        "desc",
        "discard",
        "ellipse",
        "feblend",
        "fecolormatrix",
        "fecomponenttransfer",
        "fecomposite",
        "feconvolvematrix",
        "fediffuselighting",
        "fedisplacementmap",
        "fedistantlight",
        "fedropshadow",
        "feflood",
        "fefunca",
        "fefuncb",
        "fefuncg",
        "fefuncr",
        "fegaussianblur",
        "feimage",
        "femerge",
        "femergenode",
        "femorphology",
        "feoffset",
        "fepointlight",
        "fespecularlighting",
        "fespotlight",
        "fetile",
        "feturbulence",
        "filter",
        "font-face",
        "foreignobject",
        "g",
        "glyph",
        "glyphref",
        "hkern",
        "image",
        "line",
        "lineargradient",
        "marker",
        "mask",
        "metadata",
        "missing-glyph",
        "mpath",
        "path",
        "pattern",
        "polygon",
        "polyline",
        "radialgradient",
        "rect",
        "script",
        "set",
        "stop",
        "style",
        "switch",
        "symbol",
        "text",
        "textpath",
        "title",
        "tref",
        "tspan",
        "use",
        "view",
        "vkern",
        "solidcolor",
        "hatch",
    ];
    NAMES.iter().any(|n| n.as_bytes().eq_ignore_ascii_case(name))
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

    #[test]
    fn a_drawings_inside_goes_and_its_tags_stay() {
        let icon = r#"<a>Share<svg viewBox="0 0 9 9"><title>Icon</title><path d="M0 0h9"/></svg></a>"#;
        assert_eq!(strip(icon), r#"<a>Share<svg viewBox="0 0 9 9"></svg></a>"#);
        // Nested drawings end at the outer one's end tag.
        let nested = "<SVG><g><svg><text>a</text></svg><text>b</text></g></svg>c";
        assert_eq!(strip(nested), "<SVG></svg>c");
        assert_eq!(strip("<svg/><p>x</p>"), "<svg/><p>x</p>");
        assert_eq!(strip("<svgx>y</svgx>"), "<svgx>y</svgx>");
    }

    #[test]
    fn a_drawing_the_parser_leaves_early_keeps_what_follows() {
        // A `<p>`, or the end tag of an element around the drawing, ends it: the text after
        // it is the page's.
        for page in [
            "<svg><path d=x><p>Prose after a drawing left open.</p>",
            "<div><svg><path d=x></div>Prose after the div.<svg></svg>",
            "<svg><g>never closed",
            "<p>a</p><svg <svg class=x",
        ] {
            assert_eq!(strip(page), page);
        }
        // Drawings inside one that is kept are kept too; a later one goes.
        assert_eq!(
            strip("<svg><svg><g>a</g></svg><p>b</p><svg><g>c</g></svg>"),
            "<svg><svg><g>a</g></svg><p>b</p><svg></svg>"
        );
    }
}
