//! Provides [`Input`] and [`is_document`]: whether a text is a whole HTML page (the DOM path)
//! or text with leftover markup (the residue lexer).
//!
//! A page says so at its start (a doctype, `<html>`), or holds `<head>`/`<body>`, or is mostly
//! markup. Article text with a few tags left, broken ones included, is residue: an HTML parser
//! would read the prose after a broken tag as attributes and drop it. A page that says so at
//! its start stays a page whatever its tags: the DOM path closes its broken tags first
//! (`dom/repair.rs`). [`Tags`] is the one tag scan both use.

use serde::Serialize;

use crate::text::ascii::find_ignore_case;

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

/// How much of a text decides whether it looks like a page.
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
/// // Text with a broken tag is residue (a parser would drop the prose after it), unless it
/// // says it is a page: the DOM path then closes the tag where its attributes end.
/// assert!(!is_document("<body><p class= Während die Sonne schien.</p></body>"));
/// assert!(is_document("<html><body><p class= Während die Sonne schien.</p></body></html>"));
/// // A text that names a structure tag in a sentence is no page.
/// assert!(!is_document("Put the stylesheet in the <head> of each page, then <b>reload</b>."));
/// assert!(is_document("<head><title>x</title></head>\n<body><p>Hi</p></body>"));
/// ```
pub fn is_document(text: &str) -> bool {
    let b = text.as_bytes();
    // A page that says so at its start is one whatever its tags: the DOM path closes a broken
    // tag where its attributes end, so the text after it stays text. Without that word,
    // broken tags say the text is residue.
    if declared(b) {
        return true;
    }
    // Otherwise the first 64 KiB decide whether the text looks like a page, the rest is only
    // searched for a broken tag, and the first one ends the search.
    let window = b.len().min(LOOK_BYTES);
    let (head, at) = scan(b, 0, window);
    let dense = head.tags >= MIN_TAGS && head.in_tags * 2 >= window;
    if head.broken > 0 || !(head.structure || dense) {
        return false;
    }
    scan(b, at, b.len()).0.broken == 0
}

/// Whether `text` says it is a whole page (a doctype, `<html>`, `<head>` or `<body>`) rather
/// than a fragment of one.
pub(crate) fn declares_page(text: &str) -> bool {
    let b = text.as_bytes();
    declared(b) || scan(b, 0, b.len().min(LOOK_BYTES)).0.structure
}

/// Whether `b` starts as a page does: a doctype or `<html>`.
fn declared(b: &[u8]) -> bool {
    let head = b.get(skip_prolog(b)..).unwrap_or_default();
    // The name ends there: `<htmlh` or `<html…` is no `<html>`.
    let starts = |p: &[u8]| {
        head.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p))
            && head.get(p.len()).is_none_or(|c| c.is_ascii_whitespace() || matches!(c, b'>' | b'/'))
    };
    starts(b"<!doctype html") || starts(b"<html")
}

/// What a look at the tags of a text found.
#[derive(Default)]
struct Scan {
    /// Complete tags.
    tags: usize,
    /// Tags that meet a `<` (outside quotes) or the end before their `>`: the prose after
    /// them would be read as attributes.
    broken: usize,
    /// Bytes inside complete tags.
    in_tags: usize,
    /// A `<head>` or `<body>` tag.
    structure: bool,
}

/// One tag [`Tags`] found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct TagAt {
    /// Where its `<` is.
    pub start: usize,
    /// Where its `>` is, or `None` when a `<` outside quotes or the end comes first: the tag
    /// is broken, and a parser would read what follows as its attributes.
    pub gt: Option<usize>,
    /// `<head>` or `<body>` (or their end tags).
    pub structure: bool,
}

/// The tags of `b` that start in `from..until` (a tag may end past `until`), stepping over
/// comments, doctypes and the content of `script`, `style` and the other raw-text elements,
/// where a `<` is no tag. After a broken tag the search goes on from its `<`.
pub(crate) struct Tags<'a> {
    b: &'a [u8],
    at: usize,
    until: usize,
}

impl<'a> Tags<'a> {
    pub(crate) fn new(b: &'a [u8], from: usize, until: usize) -> Tags<'a> {
        Tags { b, at: from, until: until.min(b.len()) }
    }

    /// Where the search stands: past the last tag found (and its raw text).
    pub(crate) fn position(&self) -> usize {
        self.at
    }
}

impl Iterator for Tags<'_> {
    type Item = TagAt;

    fn next(&mut self) -> Option<TagAt> {
        let b = self.b;
        while let Some(i) = memchr::memchr(b'<', b.get(self.at..self.until).unwrap_or_default()) {
            let lt = self.at + i;
            self.at = lt + 1;
            let rest = b.get(lt + 1..).unwrap_or_default();
            if rest.starts_with(b"!--") {
                self.at = memchr::memmem::find(rest, b"-->").map_or(b.len(), |e| lt + 1 + e + 3);
                continue;
            }
            if rest.starts_with(b"!") || rest.starts_with(b"?") {
                self.at = memchr::memchr(b'>', rest).map_or(b.len(), |e| lt + 1 + e + 1);
                continue;
            }
            let is_end = rest.first() == Some(&b'/');
            let name = rest.get(usize::from(is_end)..).unwrap_or_default();
            let len = name.iter().take_while(|c| c.is_ascii_alphanumeric() || **c == b'-').count();
            let Some(name) = name.get(..len).filter(|n| n.first().is_some_and(u8::is_ascii_alphabetic))
            else {
                continue;
            };
            // The name ends there: `<body_ngcontent->` or `<headline>` is no `<body>`.
            let name_ends = rest
                .get(usize::from(is_end) + len)
                .is_none_or(|c| c.is_ascii_whitespace() || matches!(c, b'>' | b'/'));
            let structure = name_ends
                && (name.eq_ignore_ascii_case(b"head") || name.eq_ignore_ascii_case(b"body"))
                && stands_as_markup(b, lt);
            let end = tag_end(rest, usize::from(is_end) + len)
                // A `<head` or `<body` that says the text is a page must be a tag as the
                // lexer reads one too: `<body` and a blank line, then prose, is residue.
                .filter(|_| !structure || crate::residue::closes_as_tag(b, lt));
            let Some(e) = end else {
                return Some(TagAt { start: lt, gt: None, structure });
            };
            self.at = lt + e + 2;
            let raw = [&b"script"[..], b"style", b"textarea", b"title", b"xmp", b"noscript"];
            if !is_end && raw.iter().any(|r| r.eq_ignore_ascii_case(name)) {
                let close = [b"</", name].concat().to_ascii_lowercase();
                let after = b.get(self.at..).unwrap_or_default();
                self.at = find_ignore_case(after, &close).map_or(b.len(), |e| self.at + e);
            }
            return Some(TagAt { start: lt, gt: Some(lt + e + 1), structure });
        }
        self.at = self.at.max(self.until);
        None
    }
}

/// Whether the `<` at `lt` stands where a page's structure tags stand: at the start of the text
/// or of a line, or after another tag (`</head><body>`), spaces between. Prose that names
/// one (`included in the <head> of the page`) has a word before it.
fn stands_as_markup(b: &[u8], lt: usize) -> bool {
    let before = b.get(..lt).unwrap_or_default();
    before.iter().rev().find(|c| !matches!(c, b' ' | b'\t')).is_none_or(|c| matches!(c, b'\n' | b'\r' | b'>'))
}

/// Reads the tags of `b` that start in `from..until`, up to the first broken one.
fn scan(b: &[u8], from: usize, until: usize) -> (Scan, usize) {
    let mut s = Scan::default();
    let mut tags = Tags::new(b, from, until);
    for tag in tags.by_ref() {
        s.structure |= tag.structure;
        match tag.gt {
            Some(gt) => {
                s.tags += 1;
                s.in_tags += gt + 1 - tag.start;
            }
            None => {
                s.broken += 1;
                return (s, tag.start + 1);
            }
        }
    }
    (s, tags.position())
}

/// Where the tag whose attributes start at `rest[from]` ends (its `>`), reading quoted values
/// as values; `None` if a `<` outside quotes or the end comes first.
///
/// Most tags are short and are read byte by byte. A long one (a tag whose `>` was lost, read
/// on through the prose after it up to the next `<`, as residue's tags are) is crossed by
/// jumps from one byte that matters (`>`, `<`, a quote) to the next.
fn tag_end(rest: &[u8], from: usize) -> Option<usize> {
    tag_end_reading(rest, from, SHORT_TAG_BYTES)
}

/// [`tag_end`], reading the first `short_bytes` of the tag one at a time (all of it when
/// `usize::MAX`: the definition the jumps must agree with).
fn tag_end_reading(rest: &[u8], from: usize, short_bytes: usize) -> Option<usize> {
    let mut i = from;
    // The last byte before `i` that is not whitespace.
    let mut last = b' ';
    let short = from.saturating_add(short_bytes);
    while let Some(&c) = rest.get(i) {
        if i >= short {
            return long_tag_end(rest, i, last);
        }
        match c {
            b'>' => return Some(i),
            b'<' => return None,
            b'"' | b'\'' if last == b'=' => {
                // Linear however values nest: each opening quote is the closing one of the
                // value before, so no search crosses another's.
                let close = memchr::memchr(c, rest.get(i + 1..)?)?;
                i += close + 2;
                last = c;
                continue;
            }
            _ => {}
        }
        if !c.is_ascii_whitespace() {
            last = c;
        }
        i += 1;
    }
    None
}

/// Bytes of a tag read one at a time before [`tag_end`] jumps.
const SHORT_TAG_BYTES: usize = 64;

/// [`tag_end`] from `i` on, `last` being the last byte before `i` that is not whitespace: a
/// quote opens a value only after `=` (spaces between), which is looked back for when one is
/// met.
fn long_tag_end(rest: &[u8], mut i: usize, mut last: u8) -> Option<usize> {
    loop {
        let seg = rest.get(i..)?;
        let stop = memchr::memchr2(b'>', b'<', seg);
        let before_stop = seg.get(..stop.unwrap_or(seg.len())).unwrap_or_default();
        let Some(q) = memchr::memchr2(b'"', b'\'', before_stop) else {
            // No quote before the `>` or the `<`: it decides.
            let k = stop?;
            return (seg.get(k) == Some(&b'>')).then_some(i + k);
        };
        let c = seg.get(q).copied().unwrap_or(b'"');
        let opens_value = match seg.get(..q).unwrap_or_default().trim_ascii_end().last() {
            Some(&p) => p == b'=',
            None => last == b'=',
        };
        last = c;
        if opens_value {
            let close = memchr::memchr(c, seg.get(q + 1..)?)?;
            i += q + close + 2;
        } else {
            i += q + 1;
        }
    }
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
    fn a_long_tag_ends_where_reading_it_byte_by_byte_ends_it() {
        // Strings of the bytes that matter, short and past SHORT_TAG_BYTES, from a fixed
        // generator; each read from every start.
        let alphabet = b"a= \"'<>\nxyz";
        let mut x = 0x9E37_79B9_7F4A_7C15_u64;
        for n in 0..4000 {
            let len = if n % 2 == 0 { n % 20 } else { 60 + n % 90 };
            let t: Vec<u8> = (0..len)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    // Mostly letters and spaces, as in a tag's attributes or prose.
                    let k = (x % 40) as usize;
                    alphabet.get(k).copied().unwrap_or(if k % 3 == 0 { b' ' } else { b'w' })
                })
                .collect();
            for from in 0..=t.len() {
                let bytewise = tag_end_reading(&t, from, usize::MAX);
                // As the cleaner reads it, and jumping from the first byte.
                for short in [SHORT_TAG_BYTES, 0] {
                    assert_eq!(
                        tag_end_reading(&t, from, short),
                        bytewise,
                        "{:?} from {from}",
                        String::from_utf8_lossy(&t)
                    );
                }
            }
        }
    }

    #[test]
    fn pages_are_documents_and_residue_is_not() {
        assert!(is_document("<?xml version=\"1.0\"?>\n<!-- saved -->\n<!DOCTYPE html>"));
        assert!(is_document("<div>menu</div><body><p>text</p></body>"));
        let fragment = "<div class=\"a\"><p>one</p></div>".repeat(30);
        assert!(is_document(&fragment));
        let residue =
            "<p>Ein langer Absatz mit viel Text, wie ihn Artikel haben, und einem Tag.</p>\n".repeat(30);
        assert!(!is_document(&residue));
        assert!(!is_document("<3 and vector<int> and <john@example.com>"));
        assert!(!is_document(""));
        // Broken tags whose prose follows are residue, however many tags there are.
        let broken = "<p class= Während die Sonne schien, sahen wir nichts.</p>\n\n".repeat(40);
        assert!(!is_document(&broken));
        // A `<` in a script, a comment or a quoted value breaks nothing.
        assert!(is_document("<!DOCTYPE html><script>if (a<b) {}</script><!-- <x --><p title=\"a<b\">x</p>"));
        assert!(is_document("<!DOCTYPE html><p><img alt=\"x\" Open the door</p>"));
        assert!(!is_document("<div><p><img alt=\"x\" Open the door</p></div><body>"));
        // A `<body` whose `>` comes only after a blank line and prose is no tag (fuzzing).
        assert!(!is_document("i <body\n\nCat sat./>"));
        // `<html` must be the whole name (fuzzing: `<htmlh` took the DOM path, text and all).
        assert!(!is_document("<htmlh<A_ngcontent- prose"));
        assert!(!is_document("<html\u{fffd}re and more"));
        assert!(is_document("<html>") && is_document("<HTML lang=de>") && is_document("<!DOCTYPE html>\n"));
        assert!(is_document("<body class=\"a\"\n  id=\"b\"><p>x</p></body>"));
        // `<body_ngcontent->` or `<headline>` is no `<body>` or `<head>` (fuzzing: a cleaned
        // text read as a page on a second cleaning).
        assert!(!is_document("Text #<body_ngcontent->.CCos und mehr"));
        assert!(!is_document("Die <headline>Schlagzeile</headline> des Tages"));
    }
}
