//! Provides [`Input`] and [`is_document`]: whether a text is a whole HTML page (the DOM path)
//! or text with leftover markup (the residue lexer).
//!
//! A page says so at its start (a doctype, `<html>`), or holds `<head>`/`<body>`, or is mostly
//! markup. Article text with a few tags left, broken ones included, is residue: an HTML parser
//! would read the prose after a broken tag as attributes and drop it.

use serde::Serialize;

/// How a text is read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Input {
    /// Whole documents take the DOM path, everything else the residue lexer.
    #[default]
    Auto,
    /// Every text is a page (or a fragment of one) for the DOM path.
    Html,
    /// Every text is residue for the lexer.
    Text,
}

/// How far into a text detection looks.
const LOOK_BYTES: usize = 64 << 10;
/// Below this many tags a text is not judged by density.
const MIN_TAGS: usize = 20;

/// Whether `text` is a whole HTML document.
///
/// ```
/// use descrape::is_document;
/// assert!(is_document("<!DOCTYPE html><title>x</title><p>Hi"));
/// assert!(is_document("\u{feff}  <html lang=en><body><p>Hi</p></body></html>"));
/// assert!(!is_document("<p _ngcontent-sc90 class= Während die Sonne schien</p>"));
/// assert!(!is_document("x < y and <b>bold</b> prose"));
/// ```
pub fn is_document(text: &str) -> bool {
    let b = text.as_bytes();
    let b = b.get(..LOOK_BYTES).unwrap_or(b);
    let start = skip_prolog(b);
    let head = b.get(start..).unwrap_or_default();
    let starts = |p: &[u8]| head.len() >= p.len() && head.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p));
    if starts(b"<!doctype html") || starts(b"<html") {
        return true;
    }
    let mut tags = 0usize;
    let mut in_tags = 0usize;
    let mut structure = false;
    let mut at = 0;
    while let Some(i) = memchr::memchr(b'<', b.get(at..).unwrap_or_default()) {
        let lt = at + i;
        let rest = b.get(lt + 1..).unwrap_or_default();
        let name_start = usize::from(rest.first() == Some(&b'/'));
        let named = rest.get(name_start).is_some_and(u8::is_ascii_alphabetic);
        let end = if named { memchr::memchr(b'>', rest.get(..rest.len().min(2048)).unwrap_or_default()) } else { None };
        match end {
            Some(e) => {
                let name = rest.get(name_start..).unwrap_or_default();
                let len = name.iter().take_while(|c| c.is_ascii_alphanumeric()).count();
                let name = name.get(..len).unwrap_or_default();
                structure |= name.eq_ignore_ascii_case(b"head") || name.eq_ignore_ascii_case(b"body");
                tags += 1;
                in_tags += e + 2;
                at = lt + e + 2;
            }
            None => at = lt + 1,
        }
    }
    structure || tags >= MIN_TAGS && in_tags * 2 >= b.len()
}

/// Where a document's first tag starts: after a byte order mark, whitespace, an XML
/// declaration and comments.
fn skip_prolog(b: &[u8]) -> usize {
    let mut at = if b.starts_with("\u{feff}".as_bytes()) { 3 } else { 0 };
    loop {
        while b.get(at).is_some_and(u8::is_ascii_whitespace) {
            at += 1;
        }
        let rest = b.get(at..).unwrap_or_default();
        let close: &[u8] = if rest.starts_with(b"<!--") {
            b"-->"
        } else if rest.starts_with(b"<?") {
            b"?>"
        } else {
            return at;
        };
        match memchr::memmem::find(rest, close) {
            Some(i) => at += i + close.len(),
            None => return at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_documents_and_residue_is_not() {
        assert!(is_document("<?xml version=\"1.0\"?>\n<!-- saved -->\n<!DOCTYPE html>"));
        assert!(is_document("<div>menu</div><body><p>text</p></body>"));
        let fragment = "<div class=\"a\"><p>one</p></div>".repeat(30);
        assert!(is_document(&fragment));
        let residue = "<p>Ein langer Absatz mit viel Text, wie ihn Artikel haben, und einem Tag.</p>\n".repeat(30);
        assert!(!is_document(&residue));
        assert!(!is_document("<3 and vector<int> and <john@example.com>"));
        assert!(!is_document(""));
    }
}
