//! Unwraps the CDATA sections that hold an article: a feed item's description or content
//! (`<![CDATA[<p>Die Brücke wird gebaut.</p>]]>`) comes wrapped so, and what is inside is the
//! article's markup and text. The lexer drops a CDATA section whole, as it drops a comment:
//! the guard of a script (`//<![CDATA[ … //]]>`) holds code.
//!
//! A section is unwrapped (its `<![CDATA[` and `]]>` go, what is inside stays for the lexer)
//! when what it holds starts with a tag of HTML's names, or is words (three of two letters or
//! more) without the marks of code (`{`, `}`, `;`, `=`). Others are left for the lexer to
//! drop.

use std::borrow::Cow;

use super::names;

const OPEN: &[u8] = b"<![CDATA[";
const CLOSE: &[u8] = b"]]>";

/// Words (of two letters or more) a section without a tag must hold to be text.
const MIN_WORDS: usize = 3;

/// `text` with the CDATA sections that hold markup or prose unwrapped, and how many were.
pub(crate) fn unwrap_cdata(text: &str) -> (Cow<'_, str>, u64) {
    let b = text.as_bytes();
    let mut out: Option<String> = None;
    let (mut kept, mut unwrapped) = (0, 0);
    let mut from = 0;
    // A `!` at a time: prose holds few, and so does markup, which holds a `<` every few
    // bytes (a search for each `<` cost text of tiny tags a sixth of its time).
    let opens = |from: usize| {
        memchr::memchr_iter(b'!', b.get(from..).unwrap_or_default())
            .filter_map(move |i| (from + i).checked_sub(1))
            .find(|&i| b.get(i..).is_some_and(|r| r.starts_with(OPEN)))
    };
    while let Some(open) = opens(from) {
        let inner = open + OPEN.len();
        let Some(close) = b.get(inner..).and_then(|r| memchr::memmem::find(r, CLOSE)).map(|i| inner + i)
        else {
            break;
        };
        from = close + CLOSE.len();
        if !holds_content(text.get(inner..close).unwrap_or_default()) {
            continue;
        }
        let o = out.get_or_insert_with(|| String::with_capacity(text.len()));
        o.push_str(text.get(kept..open).unwrap_or_default());
        o.push_str(text.get(inner..close).unwrap_or_default());
        kept = from;
        unwrapped += 1;
    }
    match out {
        None => (Cow::Borrowed(text), 0),
        Some(mut o) => {
            o.push_str(text.get(kept..).unwrap_or_default());
            (Cow::Owned(o), unwrapped)
        }
    }
}

/// Whether a section's `inner` text is an article's: it starts with a tag of HTML's names,
/// or it is words with no mark of code.
fn holds_content(inner: &str) -> bool {
    let t = inner.trim_start();
    if let Some(rest) = t.strip_prefix('<') {
        let rest = rest.strip_prefix('/').unwrap_or(rest);
        let len = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
        return rest.get(..len).is_some_and(|name| !name.is_empty() && names::role(name).is_some());
    }
    let word = |w: &&str| w.chars().filter(|c| c.is_alphabetic()).nth(1).is_some();
    !t.contains(['{', '}', ';', '=']) && t.split_whitespace().filter(word).nth(MIN_WORDS - 1).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_feed_items_section_is_unwrapped() {
        let (out, n) = unwrap_cdata("<description><![CDATA[<p>Die Brücke wird gebaut.</p>]]></description>");
        assert_eq!((out.as_ref(), n), ("<description><p>Die Brücke wird gebaut.</p></description>", 1));
        let (out, _) = unwrap_cdata("<![CDATA[ Die Brücke wird gebaut. ]]> Mehr.");
        assert_eq!(out, " Die Brücke wird gebaut.  Mehr.");
    }

    #[test]
    fn code_and_short_sections_stay_for_the_lexer() {
        for text in [
            "//<![CDATA[\nvar a = 1;\n//]]>",
            "<![CDATA[ x < y ]]>",
            "<![CDATA[ if (a) { b() } ]]>",
            "<![CDATA[ <foo>bar</foo> ]]>",
            "<![CDATA[ never closed <p>Text",
        ] {
            assert!(matches!(unwrap_cdata(text), (Cow::Borrowed(_), 0)), "{text}");
        }
    }
}
