//! Drops page furniture with its content: an element whose class or id is in
//! `rules/selectors/` (a sidebar, a share bar, a comment section) or that the page hides
//! (`hidden`, `display: none`), and the elements that never hold article text (`script`,
//! `style`, `nav`, `footer` …), each up to its matching end tag, within bounds.

use super::super::names::{self, TagRole};
use super::super::search;
use super::super::{attr, tag};
use super::Lexer;

/// How far an element dropped by a selector is searched for its end tag.
const MAX_DROP_BYTES: usize = 128 << 10;
/// The most a `<noscript>` holds and is still a notice ("enable JavaScript") or a pixel.
const MAX_NOSCRIPT_NOTICE_BYTES: usize = 2048;
/// How far a `<title>` is searched for its end tag: a title is a line.
const MAX_TITLE_BYTES: usize = 1024;
/// Words in a row right after the bare start tag of an element whose content is never prose
/// that make it a tag named in prose (`the <script> tag loads the library`), not one that
/// holds code (see `is_mention`).
const MENTION_WORDS: usize = 4;
/// Selector drops whose end tag was not found before giving up on selector drops.
const MAX_DROP_MISSES: u32 = 32;

impl Lexer<'_> {
    /// An element whose class or id is in `rules/selectors/` (a sidebar, a share bar, a comment
    /// section), or that the page hides (`hidden`, `display: none`), goes with its content, up
    /// to its matching end tag (nested elements of the same name counted). Without one within [`MAX_DROP_BYTES`], only the tag goes: better to keep
    /// furniture than to lose the article. Returns the bytes to skip.
    pub(super) fn drop_by_selector(
        &mut self,
        scan: &tag::TagScan,
        at: usize,
        name: &str,
        role: Option<TagRole>,
    ) -> Option<usize> {
        let has_end = match role {
            Some(TagRole::Block(_)) => true,
            Some(TagRole::Inline) => !names::is_void(name),
            None => names::is_extension_tag(name),
            _ => false,
        };
        if !has_end || scan.is_end || !scan.closed || scan.self_closing || scan.attrs == 0 {
            return None;
        }
        if self.drop_misses >= MAX_DROP_MISSES {
            return None;
        }
        // One pass over the attributes: class, id, and whether the page hides the element.
        let (mut class, mut id, mut hidden) = (None, None, false);
        for (name, value) in attr::attributes(self.src.get(at..scan.end)?) {
            if name.eq_ignore_ascii_case("class") {
                class = value;
            } else if name.eq_ignore_ascii_case("id") {
                id = value;
            } else if name.eq_ignore_ascii_case("hidden") {
                hidden = true;
            } else if name.eq_ignore_ascii_case("style") {
                hidden |= value.is_some_and(attr::style_hides);
            }
        }
        if !hidden && !self.rules.drop.matches(class, id) {
            return None;
        }
        match self.matching_end(scan.end, name)? {
            // An element around most of the page is no furniture, whatever it says: pages
            // hide their whole body until a script runs (`visibility: hidden`), and a
            // wrapper's class may name a part of it. Only its tag goes.
            end if holds_most_of(end - at, self.b.len()) => None,
            end => Some(end - at),
        }
    }

    /// The end of the element `name` whose start tag ends at `from`: its matching end tag
    /// (nested elements of the same name counted, comments skipped) within
    /// [`MAX_DROP_BYTES`]. A search that finds none is counted as a miss.
    ///
    /// Where no end tag of the name stands at all, there is none to match: the stretch a
    /// miss found clear of `</name` is remembered, and a search from inside it looks for one
    /// past it only (a run of `<div hidden>x` with no `</div>` scanned its window once per
    /// element, up to [`MAX_DROP_MISSES`] times a part).
    fn matching_end(&mut self, from: usize, name: &str) -> Option<usize> {
        let limit = self.b.len().min(from.saturating_add(MAX_DROP_BYTES));
        let name_bytes = name.as_bytes();
        // The stretch known clear of `</name` this search falls in, if any: its start and end.
        let (start, clear_to) = match &self.no_end_tag {
            Some((n, start, to)) if n.eq_ignore_ascii_case(name_bytes) && (*start..=*to).contains(&from) => {
                (*start, *to)
            }
            _ => (from, from),
        };
        let end = if search::has_end_tag(self.b, clear_to, name_bytes, limit) {
            search::matching_end(self.b, from, name_bytes, limit)
        } else {
            self.no_end_tag = Some((name_bytes.into(), start, limit));
            None
        };
        if end.is_none() {
            self.drop_misses += 1;
        }
        end
    }

    /// The bytes of a dropped element's content, up to and including its end tag. Raw text
    /// (`script`, `style`, `textarea`, `title`, `noscript`, `iframe`) ends at the first end tag
    /// of its name within bounds; other elements (`nav`, `aside`, `footer`, `form`, `svg` …)
    /// at the end tag that matches, nested elements of the same name counted (an outer
    /// `<footer>` does not end at an inner one). Without an end tag: code (`script`, `style`,
    /// `svg` …) up to the end of the paragraph (a blank line), so one unclosed `<script>`
    /// cannot eat the article; any other element keeps what follows. `None`: keep the
    /// content, for a tag named in prose (`bare`: it has no attributes), an element whose end
    /// tag never comes, a `<form>` that holds most of the document (a page wrapped in one) or
    /// a `<noscript>` longer than a notice (the page for readers without scripts).
    pub(super) fn drop_content(&mut self, from: usize, name: &str, bare: bool) -> Option<usize> {
        // `the <script> tag loads the library`, `use an <svg> element for drawings.`: a tag
        // named in prose (a scraper decoded its `&lt;`) holds no code, and an end tag further
        // on is a real element's. Real elements of these names carry attributes; a bare one
        // followed by words is a name. (Not for elements whose content is text, a menu, a
        // footer, a notice: their words are what they hold.)
        if bare && never_prose(name) && is_mention(self.b.get(from..).unwrap_or_default()) {
            return None;
        }
        // `</head>` may be left out: the head then ends where the body starts.
        if name.eq_ignore_ascii_case("head") {
            let end_tag = self.finder.find(self.b, from, b"</head");
            let body = self.finder.find(self.b, from, b"<body");
            match (end_tag, body) {
                (Some(e), Some(b)) if b < e => return Some(b - from),
                (Some(e), _) => {
                    let close = memchr::memchr(b'>', self.b.get(e..).unwrap_or_default())
                        .map_or(e + 6, |i| e + i + 1);
                    return Some(close - from);
                }
                (None, Some(b)) => return Some(b - from),
                (None, None) => {}
            }
        }
        if !names::is_raw_text(name) && self.drop_misses < MAX_DROP_MISSES {
            // Of the elements that go with their content only a form wraps whole pages
            // (ASP.NET); a menu or an inline SVG may well be most of a page's bytes.
            let form = name.eq_ignore_ascii_case("form");
            match self.matching_end(from, name) {
                Some(end) if form && holds_most_of(end - from, self.b.len()) => return None,
                Some(end) => return Some(end - from),
                None if form && self.b.len() - from > MAX_DROP_BYTES => return None,
                // No end tag matches this one (an inner element's is not its end): code runs
                // to the end of the paragraph, anything else keeps what follows.
                None if holds_code(name) => {
                    let para = self.finder.find(self.b, from, b"\n\n").unwrap_or(self.b.len());
                    return Some(para - from);
                }
                None => return None,
            }
        }
        let mut needle = Vec::with_capacity(name.len() + 2);
        needle.extend_from_slice(b"</");
        needle.extend(name.bytes().map(|c| c.to_ascii_lowercase()));
        // Raw text ends at the first end tag of its name, within bounds: past them, an end tag
        // is another element's, and what stands between is the article (`each entry has a
        // <title> and a <content>`, and a real `<title>` pages later). A script or a style
        // with attributes is a real one however long (a page's data in JSON): its end tag is
        // its own.
        let title = name.eq_ignore_ascii_case("title");
        let bound = match (title, bare) {
            (true, _) => MAX_TITLE_BYTES,
            (false, true) => MAX_DROP_BYTES,
            (false, false) => usize::MAX,
        };
        let end_tag = self.finder.find(self.b, from, &needle).filter(|&e| {
            // A title is a line of text: no paragraph break, no tag.
            e - from <= bound && !(title && self.b.get(from..e).is_some_and(holds_break_or_tag))
        });
        Some(match end_tag {
            // A `<noscript>` of more than a notice or a tracking pixel is the page rendered for
            // readers without scripts (forums and shops built as script apps, whose bytes are
            // mostly the scripts): it is read as markup.
            Some(end_tag)
                if name.eq_ignore_ascii_case("noscript") && end_tag - from > MAX_NOSCRIPT_NOTICE_BYTES =>
            {
                return None;
            }
            Some(end_tag) => {
                let close = memchr::memchr(b'>', self.b.get(end_tag..).unwrap_or_default())
                    .map_or(end_tag + needle.len(), |i| end_tag + i + 1);
                close - from
            }
            // Code (`<script>var x = 1;`) runs to the end of the paragraph.
            None if holds_code(name) => {
                let para = self.finder.find(self.b, from, b"\n\n").unwrap_or(self.b.len());
                para - from
            }
            // Any other element (`<button>`, `<iframe>`, `<nav>`) whose end never comes holds
            // what follows only by accident: text about markup (`each time the <button> is
            // clicked`), or an article after a media element whose fallback was empty. Only
            // the tag goes.
            None => return None,
        })
    }
}

/// Whether `rest` (what follows a start tag) is prose naming the tag: after one space, words
/// (of letters and digits, `'` or `-` inside one) one space apart, a comma, a semicolon or a
/// colon after one; up to a sentence end or a tag after two words or more (a sentence end
/// right before a tag, the line's end or the text's after one: `the <script> tag.</p>`), the
/// line's end after three, or [`MENTION_WORDS`] in a row. Code starts otherwise: `var x = 1`, `body {`,
/// `window.x`, `import '…'`, a line break, a tag.
pub(crate) fn is_mention(rest: &[u8]) -> bool {
    let Some(mut rest) = rest.strip_prefix(b" ") else { return false };
    let mut words = 0;
    loop {
        if !rest.first().is_some_and(|&c| c.is_ascii_alphanumeric() || c >= 0x80) {
            return false;
        }
        let len = rest
            .iter()
            .take_while(|&&c| c.is_ascii_alphanumeric() || c >= 0x80 || c == b'\'' || c == b'-')
            .count();
        words += 1;
        if words >= MENTION_WORDS {
            return true;
        }
        rest = rest.get(len..).unwrap_or_default();
        match rest.first() {
            // A sentence's end: after two words, or after one where the line or the text ends
            // or a tag comes (`with the <script> tag.</p>`); code goes on after a stop.
            Some(b'.' | b'!' | b'?') => {
                return match rest.get(1) {
                    None | Some(b'\n' | b'\r' | b'<') => true,
                    Some(b' ' | b'"' | b')') => words >= 2,
                    _ => false,
                };
            }
            Some(b',' | b';' | b':') => rest = rest.get(1..).unwrap_or_default(),
            _ => {}
        }
        match rest.first() {
            Some(b' ') if rest.get(1) == Some(&b'<') => return words >= 2,
            Some(b' ') => rest = rest.get(1..).unwrap_or_default(),
            None | Some(b'\n' | b'\r') => return words >= 3,
            _ => return false,
        }
    }
}

/// Elements whose content is never prose (code, data, controls, media plumbing): a bare one
/// followed by words is a tag named in prose ([`is_mention`]). Not `title`, whose words are a
/// title's (`<title> Startseite </title>`); a title is bounded otherwise.
fn never_prose(name: &str) -> bool {
    [
        "script", "style", "svg", "math", "template", "select", "iframe", "object", "head", "canvas",
        "datalist", "noframes",
    ]
    .iter()
    .any(|n| name.eq_ignore_ascii_case(n))
}

/// Whether `text` holds a blank line or a tag's start (`<` and a letter).
fn holds_break_or_tag(text: &[u8]) -> bool {
    memchr::memmem::find(text, b"\n\n").is_some()
        || memchr::memchr_iter(b'<', text).any(|i| text.get(i + 1).is_some_and(u8::is_ascii_alphabetic))
}

/// Elements whose content is code or data, never prose: without an end tag they still go
/// with what follows, up to the end of the paragraph.
fn holds_code(name: &str) -> bool {
    ["script", "style", "template", "svg", "math"].iter().any(|n| name.eq_ignore_ascii_case(n))
}

/// An element of `content` bytes in a document of `total`: does it hold most of it?
fn holds_most_of(content: usize, total: usize) -> bool {
    content > 2048 && content * 2 > total
}
