//! Provides [`prune`]: a page without the attributes the DOM path never reads (`src`,
//! `srcset`, `data-*`, event handlers, `aria-label` …), taken out of the start tags before
//! html5ever's tokenizer reads them a character at a time only for the tree to drop them: a
//! quarter of a page's bytes and of its parsing time.
//!
//! The start tags are read as HTML's tokenizer reads them (attribute names, `=`, quoted and
//! unquoted values, `/`), so what html5ever makes of the pruned page is what it made of the
//! page, less those attributes. What is not markup to the tokenizer is copied as it stands:
//! the text of `<title>`, `<textarea>`, `<script>`, `<style>`, `<xmp>`, `<iframe>`,
//! `<noembed>` and `<noframes>`, everything after `<plaintext>`, end tags, comments,
//! `<!DOCTYPE>` and `<? … >`, and a tag the page ends inside; and everything from a CDATA
//! section or a drawing or formula with something in it on (SVG and MathML read `<title>`,
//! `<style>` and `<![CDATA[` otherwise).

use std::borrow::Cow;

use crate::dom::tree::reads_attribute;
use crate::text::ascii::find_ignore_case;

/// `input` with every attribute neither [`crate::dom::tree`] reads nor `extra` names
/// (lowercase) taken out of its start tags.
pub(crate) fn prune<'a>(input: &'a str, extra: &[String]) -> Cow<'a, str> {
    let b = input.as_bytes();
    let mut out: Option<String> = None;
    // Copied to `out` up to here.
    let mut copied = 0;
    let mut at = 0;
    // The attributes of the tag being read that stay: where each starts and ends.
    let mut kept: Vec<(usize, usize)> = Vec::new();
    while let Some(i) = memchr::memchr(b'<', b.get(at..).unwrap_or_default()) {
        let lt = at + i;
        let rest = b.get(lt + 1..).unwrap_or_default();
        match rest.first() {
            Some(c) if c.is_ascii_alphabetic() => {}
            Some(b'/') if rest.get(1).is_some_and(u8::is_ascii_alphabetic) => {
                // An end tag: copied, read to its end as a start tag is (its attributes,
                // which the tokenizer drops, may hold a quoted `>`).
                match read_tag(b, lt + 2, &mut Vec::new(), extra) {
                    Some(tag) => at = tag.end,
                    None => break,
                }
                continue;
            }
            // A CDATA section in SVG or MathML, a bogus comment elsewhere: which, only the
            // tree knows. Whatever follows stands.
            Some(b'!') if rest.starts_with(b"![CDATA[") => break,
            Some(b'!') if rest.starts_with(b"!--") => {
                at = skip_past(b, lt, b"-->");
                continue;
            }
            Some(b'!' | b'?' | b'/') => {
                // A doctype or a bogus comment: up to the first `>`.
                at = skip_past(b, lt, b">");
                continue;
            }
            _ => {
                // Text: `a < b`, `<3`.
                at = lt + 1;
                continue;
            }
        }
        kept.clear();
        let Some(tag) = read_tag(b, lt + 1, &mut kept, extra) else {
            // The page ends inside the tag: the tokenizer drops it, and so it stands.
            break;
        };
        if tag.dropped {
            let o = out.get_or_insert_with(|| String::with_capacity(input.len()));
            o.push_str(input.get(copied..lt + 1).unwrap_or_default());
            o.push_str(input.get(lt + 1..tag.name_end).unwrap_or_default());
            for &(from, to) in &kept {
                o.push(' ');
                o.push_str(input.get(from..to).unwrap_or_default());
            }
            // A space before `/>`: an unquoted value would take the `/` in.
            o.push_str(if tag.self_closing { " />" } else { ">" });
            copied = tag.end;
        }
        at = tag.end;
        let name = b.get(lt + 1..tag.name_end).unwrap_or_default();
        if name.eq_ignore_ascii_case(b"plaintext") {
            break;
        }
        // In SVG and MathML, `<title>` and `<style>` hold markup and `<![CDATA[` is text:
        // past a drawing or a formula with anything in it, the rest stands (`strip` leaves
        // most drawings empty).
        let foreign = name.eq_ignore_ascii_case(b"svg") || name.eq_ignore_ascii_case(b"math");
        if foreign && !tag.self_closing {
            let close: &[u8] = if name.len() == 3 { b"</svg" } else { b"</math" };
            if !b.get(at..at + close.len()).is_some_and(|c| c.eq_ignore_ascii_case(close)) {
                break;
            }
        }
        if RAW_TEXT.iter().any(|r| r.eq_ignore_ascii_case(name)) {
            at = raw_text_end(b, at, name);
            // A script's `<!--` may hide its end tag from the tokenizer.
            let script = name.eq_ignore_ascii_case(b"script");
            if script && memchr::memmem::find(b.get(tag.end..at).unwrap_or_default(), b"<!--").is_some() {
                break;
            }
        }
    }
    match out {
        None => Cow::Borrowed(input),
        Some(mut o) => {
            o.push_str(input.get(copied..).unwrap_or_default());
            Cow::Owned(o)
        }
    }
}

/// Elements whose content html5ever's tokenizer reads as text, up to their end tag, with
/// scripting off as the DOM path parses: not `<noscript>`, which the residue lexer reads as
/// raw text ([`crate::residue`]'s list), and `<plaintext>` apart (it never ends).
const RAW_TEXT: [&[u8]; 8] =
    [b"title", b"textarea", b"script", b"style", b"xmp", b"iframe", b"noembed", b"noframes"];

/// A tag as read.
struct Tag {
    /// Where its name ends.
    name_end: usize,
    /// Past its `>`.
    end: usize,
    /// It ends with `/>`.
    self_closing: bool,
    /// Some attribute goes.
    dropped: bool,
}

/// Whitespace to the tokenizer (a CR is a line feed by then).
fn is_space(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | b'\x0C' | b'\r' | b' ')
}

/// Reads the tag whose name starts at `from` as HTML's tokenizer does, pushing the spans of
/// the attributes that stay onto `kept`; `None` when the input ends inside it.
fn read_tag(b: &[u8], from: usize, kept: &mut Vec<(usize, usize)>, extra: &[String]) -> Option<Tag> {
    let name_end = from + b.get(from..)?.iter().position(|&c| is_space(c) || c == b'/' || c == b'>')?;
    let mut at = name_end;
    let mut dropped = false;
    loop {
        // Before an attribute's name.
        while b.get(at).is_some_and(|&c| is_space(c)) {
            at += 1;
        }
        match *b.get(at)? {
            b'>' => return Some(Tag { name_end, end: at + 1, self_closing: false, dropped }),
            b'/' => {
                at += 1;
                if b.get(at) == Some(&b'>') {
                    return Some(Tag { name_end, end: at + 1, self_closing: true, dropped });
                }
                continue;
            }
            _ => {}
        }
        // The name: its first char whatever it is (a `=` too), then up to a space, `/`,
        // `>` or `=`.
        let start = at;
        at += 1;
        while b.get(at).is_some_and(|&c| !(is_space(c) || matches!(c, b'/' | b'>' | b'='))) {
            at += 1;
        }
        let name = b.get(start..at)?;
        // After the name: a value if a `=` comes (after spaces).
        let mut after = at;
        while b.get(after).is_some_and(|&c| is_space(c)) {
            after += 1;
        }
        if b.get(after) == Some(&b'=') {
            at = after + 1;
            while b.get(at).is_some_and(|&c| is_space(c)) {
                at += 1;
            }
            match *b.get(at)? {
                q @ (b'"' | b'\'') => {
                    at += 1;
                    at += memchr::memchr(q, b.get(at..)?)? + 1;
                }
                // No value: the tag ends here.
                b'>' => {}
                _ => {
                    while b.get(at).is_some_and(|&c| !(is_space(c) || c == b'>')) {
                        at += 1;
                    }
                    b.get(at)?;
                }
            }
        }
        if reads_attribute(name, extra) {
            kept.push((start, at));
        } else {
            dropped = true;
        }
    }
}

/// Past the first `end` after `from`, or the end of `b`.
fn skip_past(b: &[u8], from: usize, end: &[u8]) -> usize {
    memchr::memmem::find(b.get(from..).unwrap_or_default(), end).map_or(b.len(), |i| from + i + end.len())
}

/// Where the end tag of the raw-text element `name` whose content starts at `from` starts
/// (`</name` and a space, `/` or `>`), or the end of `b`.
fn raw_text_end(b: &[u8], from: usize, name: &[u8]) -> usize {
    let mut at = from;
    while let Some(i) = find_ignore_case(b.get(at..).unwrap_or_default(), b"</") {
        let lt = at + i;
        let after = lt + 2 + name.len();
        let named = b.get(lt + 2..after).is_some_and(|n| n.eq_ignore_ascii_case(name));
        if named && b.get(after).is_none_or(|&c| is_space(c) || c == b'/' || c == b'>') {
            return lt;
        }
        at = lt + 2;
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::tree::{DOCUMENT, Data, Tree};

    fn pruned(html: &str) -> String {
        prune(html, &[]).into_owned()
    }

    /// The tree as text: each node in document order, elements with their name and the
    /// attributes kept.
    fn dump(tree: &Tree) -> String {
        let mut out = String::new();
        for id in tree.descendants(DOCUMENT) {
            match tree.node(id).map(|n| &n.data) {
                Some(Data::Element(e)) => {
                    out.push_str(&format!("<{}:{}", &*e.name.ns, &*e.name.local));
                    for (n, v) in &e.attrs {
                        out.push_str(&format!(" {n}={:?}", &**v));
                    }
                    out.push('>');
                }
                Some(Data::Text(t)) => out.push_str(&format!("{:?}", &**t)),
                _ => out.push('.'),
            }
        }
        out
    }

    #[test]
    fn attributes_never_read_go_and_the_rest_stand() {
        assert_eq!(
            pruned(r#"<p class="a" data-x='1' onclick=go() id=b>x</p>"#),
            r#"<p class="a" id=b>x</p>"#
        );
        assert_eq!(pruned(r#"<img src="a.png" alt="A cat" />"#), "<img />");
        // An unquoted value keeps its end: a space before `/>`.
        assert_eq!(pruned("<br class=x data-y=1 />"), "<br class=x />");
        // Nothing to drop: the page as it was.
        assert!(matches!(prune("<p class=a>x</p>", &[]), Cow::Borrowed(_)));
        // A selector's attribute stays.
        assert_eq!(
            prune("<nav aria-label=breadcrumb>", &["aria-label".to_owned()]),
            "<nav aria-label=breadcrumb>"
        );
    }

    #[test]
    fn what_is_no_start_tag_stands() {
        for text in [
            "a < b and <3 and <> and < p>",
            "<title><b data-x=1>bold</b></title><p data-x=1>",
            "<textarea><a href=x onclick=y></TEXTAREA ><p>",
            "<plaintext><p data-x=1>",
            "<!DOCTYPE html><? x <a data-y=1> ><![CDATA[ <a data-z=1> ]]>",
            "<![CDATA[</textarea><textarea ]]><p data-x=>",
            "<svg><title></svg><textarea></title><p data-x=1></textarea>",
            "</p data-x='>'><p data-y=1",
            "<p class=\"unclosed",
        ] {
            let out = pruned(text);
            assert_eq!(dump(&Tree::parse(&out)), dump(&Tree::parse(text)), "{text} → {out}");
        }
        assert_eq!(pruned("<title><b data-x=1>bold</b></title>"), "<title><b data-x=1>bold</b></title>");
        assert_eq!(
            pruned("<textarea><a onclick=y></textarea><p data-x=1>"),
            "<textarea><a onclick=y></textarea><p>"
        );
    }

    proptest::proptest! {
        /// On any tag soup, html5ever builds the same tree from the pruned page.
        #[test]
        fn tag_soup_parses_to_the_same_tree(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "<", ">", "/", "=", "\"", "'", " ", "\n", "\r", "\t", "x", "<p", "<a", "<br", "</p",
                    "<img", "<title", "</title", "<textarea", "</textarea>", "<plaintext", "<xmp",
                    "</xmp ", "<svg", "<math", "<table", "<template", " class", " CLASS", " id",
                    " data-x", " src", " onclick", " aria-label", "=\"v\"", "='>'", "=v", "=>", "/>",
                    "<!", "<!--", "-->", "<?", "]]>", "<![CDATA[", "<!DOCTYPE html", "&amp;", "\u{e9}",
                ]),
                0..40,
            ),
        ) {
            let page = parts.concat();
            let out = prune(&page, &["aria-label".to_owned()]);
            proptest::prop_assert_eq!(
                dump(&Tree::parse_reading(&out, &["aria-label".to_owned()])),
                dump(&Tree::parse_reading(&page, &["aria-label".to_owned()])),
                "{:?} → {:?}", page, out
            );
        }
    }

    #[test]
    fn the_tree_is_the_same_less_the_attributes() {
        let page = concat!(
            "<!DOCTYPE html><html lang=en><head><meta property='og:title' content=\"T\">",
            "<title>T</title></head><body data-x=1><div class=\"a b\" style='display:none'",
            " data-json='{\"a\":\">\"}' hidden><p id=p1 onclick=\"x>y\">One</p></div>",
            "<img src=x.png alt=\"a > b\"><a href=/x rel=nofollow target=_blank>link</a>",
            "<input type=text value=\"v\"/><p class=x/>after</p><p =x class=y>z</p>",
            "<div class=\"q\"id=r data-a=\"1\"data-b=2>w</div></body></html>"
        );
        let out = pruned(page);
        assert!(out.len() < page.len() && !out.contains("data-") && !out.contains("onclick"), "{out}");
        assert_eq!(dump(&Tree::parse(&out)), dump(&Tree::parse(page)));
    }
}
