//! Defines [`Block`], the unit every input is turned into before filtering and rendering,
//! and [`BlockBuilder`], which makes blocks from markup events.
//!
//! Both paths (the residue lexer and, later, the DOM path) drive a [`BlockBuilder`] and get a
//! `Vec<Block>`; the filters and the renderers only ever see blocks. A block's text is
//! already clean: markup gone, entities decoded, each line trimmed, no empty lines (a
//! [`BlockKind::Rule`] has no text at all). Lines inside one block come from `<br>` or single
//! newlines. What the text renderer drops (a list's depth, a table's shape, a link's target,
//! a code block's language) is kept beside the text for the Markdown and JSON renderers.

mod builder;

use std::ops::Range;

use serde::Serialize;

pub use builder::{BlockBuilder, Context};

/// What kind of block a piece of text is.
///
/// ```
/// use descrape::{BlockKind, Stats};
/// let c = descrape::Cleaner::builder().build()?;
/// let b = c.blocks("<ol><li>eins</li></ol><table><tr><td>a</td></tr></table><hr>", &mut Stats::default());
/// assert!(matches!(b[0].kind, BlockKind::ListItem { depth: 1, ordered: true, .. }));
/// assert!(matches!(b[1].kind, BlockKind::TableCell { row: 0, col: 0, header: false, .. }));
/// assert_eq!(b[2].kind, BlockKind::Rule);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
#[non_exhaustive]
pub enum BlockKind {
    /// Running text: `<p>`, `<div>`, or a paragraph of plain text.
    Paragraph,
    /// `<h1>`–`<h6>`; `level` is 1 to 6.
    Heading {
        /// The heading level, 1 to 6.
        level: u8,
    },
    /// One item of a list. Items with the same `list` number belong to one list and render
    /// on consecutive lines.
    ListItem {
        /// Which list the item belongs to, counted in document order.
        list: u32,
        /// How deep the list is nested: 1 for a list in no other list.
        depth: u8,
        /// An `<ol>` (numbered) rather than a `<ul>` or a list of bullets.
        ordered: bool,
    },
    /// `<blockquote>`.
    Quote,
    /// `<pre>`: code or other preformatted text, laid out as written. Filters never rewrite it.
    Preformatted,
    /// `<figcaption>` or the text wrapped by a `[caption]` shortcode.
    Caption,
    /// One cell of a table. Cells of one row share `table` and `row`.
    TableCell {
        /// Which table, counted in document order.
        table: u32,
        /// Which row of the table, from 0.
        row: u32,
        /// Which cell of the row, from 0.
        col: u32,
        /// A header cell (`<th>`, or a cell of `<thead>`).
        header: bool,
    },
    /// `<hr>`: a thematic break. It has no text; the text renderer leaves it out.
    Rule,
}

impl BlockKind {
    /// Whether `self` and the block right after it, `next`, are items of one list, or of a
    /// list and a list nested in it (of another depth): plain text writes them on consecutive
    /// lines, Markdown as one list.
    pub(crate) fn same_list(self, next: BlockKind) -> bool {
        matches!(
            (self, next),
            (BlockKind::ListItem { list: a, depth: da, .. }, BlockKind::ListItem { list: b, depth: db, .. })
                if a == b || da != db
        )
    }

    /// The list or table a list item or table cell belongs to.
    pub(crate) fn group(self) -> Option<u32> {
        match self {
            BlockKind::ListItem { list, .. } => Some(list),
            BlockKind::TableCell { table, .. } => Some(table),
            _ => None,
        }
    }

    /// The kind with its list or table number moved up by `by`: blocks read apart, put one
    /// after the other, keep their lists and tables apart.
    pub(crate) fn shift_groups(self, by: u32) -> BlockKind {
        match self {
            BlockKind::ListItem { list, depth, ordered } => {
                BlockKind::ListItem { list: list.saturating_add(by), depth, ordered }
            }
            BlockKind::TableCell { table, row, col, header } => {
                BlockKind::TableCell { table: table.saturating_add(by), row, col, header }
            }
            kind => kind,
        }
    }

    /// Is this a kind the glue filters may rewrite (running prose)?
    ///
    /// ```
    /// assert!(descrape::BlockKind::Paragraph.is_prose());
    /// assert!(!descrape::BlockKind::Preformatted.is_prose());
    /// ```
    pub fn is_prose(self) -> bool {
        matches!(self, BlockKind::Paragraph | BlockKind::Quote)
    }
}

/// What an inline span of a block's text is.
///
/// ```
/// use descrape::{SpanKind, Stats};
/// let c = descrape::Cleaner::builder().build()?;
/// let b = c.blocks("<p>Run <code>ls</code> or read <a href=\"/man\">the manual</a>.</p>", &mut Stats::default());
/// assert_eq!(b[0].spans()[0].kind, SpanKind::Code);
/// assert_eq!(b[0].spans()[1].kind, SpanKind::Link { href: "/man".into() });
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "type")]
#[non_exhaustive]
pub enum SpanKind {
    /// A link (`<a href>`), with its target as written in the page.
    Link {
        /// The `href`, entities decoded.
        href: String,
    },
    /// Inline code (`<code>`, `<kbd>`, `<samp>`, `<tt>`).
    Code,
}

/// An inline span of a block's text: `text[start..end]` is a link or code.
///
/// ```
/// let c = descrape::Cleaner::builder().build()?;
/// let b = c.blocks("<p>Read <a href=\"/x\">this</a>.</p>", &mut descrape::Stats::default());
/// let s = &b[0].spans()[0];
/// assert_eq!(&b[0].text[s.start..s.end], "this");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Span {
    /// Byte offset of the span's start in the block's text (a char boundary).
    pub start: usize,
    /// Byte offset just past the span's end (a char boundary).
    pub end: usize,
    /// What the span is.
    #[serde(flatten)]
    pub kind: SpanKind,
}

/// Where a block came from.
///
/// ```
/// use descrape::{Origin, Stats};
/// let c = descrape::Cleaner::builder().build()?;
/// let b = c.blocks("Ein Foto vom Hafen“ /></p>", &mut Stats::default());
/// assert_eq!((b[0].text.as_str(), b[0].origin), ("Ein Foto vom Hafen", Origin::Attribute));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Origin {
    /// Text between tags (or text with no markup at all).
    #[default]
    Text,
    /// The text of an attribute whose tag was cut (`…alt text“ />`): an alt or title text.
    Attribute,
}

/// What few blocks have: kept out of line so a block stays small (a page can have a million).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
struct Extra {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    spans: Vec<Span>,
    #[serde(skip_serializing_if = "Option::is_none")]
    code_lang: Option<Box<str>>,
}

/// One block of clean text.
///
/// ```
/// let c = descrape::Cleaner::builder().build()?;
/// let input = "<p>One.</p><p>Two.</p>";
/// let b = c.blocks(input, &mut descrape::Stats::default());
/// assert_eq!(b[1].text, "Two.");
/// assert_eq!(&input[b[1].source.clone()], "Two.");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Block {
    /// What the block is.
    #[serde(flatten)]
    pub kind: BlockKind,
    /// The text: lines joined by `\n`, each trimmed, none empty.
    pub text: String,
    /// Bytes of the input the block was made from (for a block made of several, from the
    /// first one's start to the last one's end).
    #[serde(skip)]
    pub source: Range<usize>,
    /// Bytes of the text that were inside links (`<a>`), for the link-density filter.
    #[serde(skip)]
    pub link_bytes: usize,
    /// Where the block came from.
    #[serde(skip)]
    pub origin: Origin,
    /// Some `<`, `>`, `{` or `[` of the text was decoded from a reference (`&lt;p&gt;`): it is
    /// what the page displayed, and no second look may take it for markup.
    #[serde(skip)]
    pub(crate) decoded_markup: bool,
    /// Spans and the code's language, when there are any.
    #[serde(flatten)]
    extra: Option<Box<Extra>>,
}

impl Block {
    /// Makes a block of `kind` with `text` and nothing else known about it.
    ///
    /// ```
    /// use descrape::{Block, BlockKind};
    /// let b = Block::new(BlockKind::Heading { level: 2 }, "Results");
    /// assert_eq!(b.text, "Results");
    /// assert!(b.spans().is_empty());
    /// ```
    pub fn new(kind: BlockKind, text: impl Into<String>) -> Block {
        Block {
            kind,
            text: text.into(),
            source: 0..0,
            link_bytes: 0,
            origin: Origin::Text,
            decoded_markup: false,
            extra: None,
        }
    }

    /// Links and inline code in the text, in order, not overlapping.
    ///
    /// ```
    /// use descrape::{Block, BlockKind, Span, SpanKind};
    /// let mut b = Block::new(BlockKind::Paragraph, "Run cargo test now");
    /// b.set_spans(vec![Span { start: 4, end: 14, kind: SpanKind::Code }]);
    /// assert_eq!(&b.text[b.spans()[0].start..b.spans()[0].end], "cargo test");
    /// ```
    pub fn spans(&self) -> &[Span] {
        self.extra.as_ref().map_or(&[], |e| &e.spans)
    }

    /// Keeps the lines of the text for which `keep(i)` holds (`i` counts lines from 0), joined
    /// by line breaks as they were; spans move with their lines, and what of them lay on a
    /// line that went goes with it (a link's bytes too).
    pub(crate) fn keep_lines(&mut self, keep: impl Fn(usize) -> bool) {
        let mut text = String::with_capacity(self.text.len());
        // Each line kept: where it started in the old text, where it ended, where it starts now.
        let mut moved: Vec<(usize, usize, usize)> = Vec::new();
        let mut from = 0;
        for (i, line) in self.text.split('\n').enumerate() {
            if keep(i) {
                if !moved.is_empty() {
                    text.push('\n');
                }
                moved.push((from, from + line.len(), text.len()));
                text.push_str(line);
            }
            from += line.len() + 1;
        }
        // A place in the old text, in the new one: a place on a line that went moves to the
        // start of the next line kept (`forward`), or to the end of the last one before it.
        let place = |at: usize, forward: bool| {
            let i = moved.partition_point(|&(_, end, _)| end < at);
            match moved.get(i) {
                Some(&(start, _, now)) if at >= start => now + (at - start),
                Some(&(_, _, now)) if forward => now,
                _ => i
                    .checked_sub(1)
                    .and_then(|k| moved.get(k))
                    .map_or(0, |&(start, end, now)| now + (end - start)),
            }
        };
        let link_len = |spans: &[Span]| -> usize {
            spans.iter().filter(|s| matches!(s.kind, SpanKind::Link { .. })).map(|s| s.end - s.start).sum()
        };
        let before = link_len(self.spans());
        let spans: Vec<Span> = self
            .spans()
            .iter()
            .map(|s| Span { start: place(s.start, true), end: place(s.end, false), kind: s.kind.clone() })
            .collect();
        let lost = before.saturating_sub(link_len(&spans));
        self.text = text;
        self.link_bytes = self.link_bytes.saturating_sub(lost).min(self.text.len());
        if !spans.is_empty() || !self.spans().is_empty() {
            self.set_spans(spans);
        }
    }

    /// Replaces the text with `text`, a repair of it whose positions no longer match: the
    /// spans go (a rare loss, for Markdown's links only), the link bytes are kept within it.
    pub(crate) fn replace_text(&mut self, text: String) {
        self.text = text;
        self.link_bytes = self.link_bytes.min(self.text.len());
        if !self.spans().is_empty() {
            self.set_spans(Vec::new());
        }
    }

    /// Replaces the spans. Spans that are empty, out of the text, off char boundaries or that
    /// overlap the one before are dropped; the rest are kept in order of their start.
    ///
    /// ```
    /// use descrape::{Block, BlockKind, Span, SpanKind};
    /// let mut b = Block::new(BlockKind::Paragraph, "abc");
    /// b.set_spans(vec![Span { start: 1, end: 9, kind: SpanKind::Code }]); // past the text: dropped
    /// assert!(b.spans().is_empty());
    /// ```
    pub fn set_spans(&mut self, mut spans: Vec<Span>) {
        let text = &self.text;
        spans.retain(|s| {
            s.start < s.end
                && s.end <= text.len()
                && text.is_char_boundary(s.start)
                && text.is_char_boundary(s.end)
        });
        spans.sort_by_key(|s| s.start);
        let mut end = 0;
        spans.retain(|s| {
            let keep = s.start >= end;
            if keep {
                end = s.end;
            }
            keep
        });
        if spans.is_empty() && self.code_lang().is_none() {
            self.extra = None;
        } else {
            self.extra.get_or_insert_with(Box::default).spans = spans;
        }
    }

    /// The language of a [`BlockKind::Preformatted`] block's code (`rust` from
    /// `<pre class="language-rust">` or `<code class="lang-rust">`), if the page said.
    ///
    /// ```
    /// let c = descrape::Cleaner::builder().build()?;
    /// let b = c.blocks("<pre><code class=\"language-rust\">fn main() {}</code></pre>", &mut descrape::Stats::default());
    /// assert_eq!(b[0].code_lang(), Some("rust"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn code_lang(&self) -> Option<&str> {
        self.extra.as_ref().and_then(|e| e.code_lang.as_deref())
    }

    /// Sets the language of the block's code.
    ///
    /// ```
    /// use descrape::{Block, BlockKind};
    /// let mut b = Block::new(BlockKind::Preformatted, "x = 1");
    /// b.set_code_lang(Some("toml"));
    /// assert_eq!(b.code_lang(), Some("toml"));
    /// ```
    pub fn set_code_lang(&mut self, lang: Option<&str>) {
        match lang {
            Some(l) => self.extra.get_or_insert_with(Box::default).code_lang = Some(l.into()),
            None => {
                if let Some(e) = &mut self.extra {
                    e.code_lang = None;
                    if e.spans.is_empty() {
                        self.extra = None;
                    }
                }
            }
        }
    }

    /// The text of a cut attribute (an alt or title text)?
    pub(crate) fn is_attribute_text(&self) -> bool {
        self.origin == Origin::Attribute
    }

    /// The part `range` of this block (trimmed of the spaces at its edges) as a block of its
    /// own, with what lies inside it: its spans (cut to the part and shifted), its share of
    /// the link bytes, its kind, origin, language and source. `None` if the part is blank or
    /// `range` is not on char boundaries.
    ///
    /// ```
    /// use descrape::{Block, BlockKind};
    /// let b = Block::new(BlockKind::Paragraph, "One. Two.");
    /// assert_eq!(b.part(4..9).unwrap().text, "Two.");
    /// ```
    pub fn part(&self, range: Range<usize>) -> Option<Block> {
        let raw = self.text.get(range.clone())?;
        let lead = raw.len() - raw.trim_start().len();
        let text = raw.trim();
        if text.is_empty() {
            return None;
        }
        let (start, end) = (range.start + lead, range.start + lead + text.len());
        let spans: Vec<Span> = self
            .spans()
            .iter()
            .filter_map(|s| {
                let (a, b) = (s.start.max(start), s.end.min(end));
                (a < b).then(|| Span { start: a - start, end: b - start, kind: s.kind.clone() })
            })
            .collect();
        let is_link = |s: &&Span| matches!(s.kind, SpanKind::Link { .. });
        // Link text is counted by the link spans in the part; without spans (a block made by
        // hand), by the part's share of the text.
        let link_bytes = if self.spans().iter().any(|s| is_link(&s)) {
            spans.iter().filter(is_link).map(|s| s.end - s.start).sum::<usize>().min(self.link_bytes)
        } else {
            self.link_bytes.saturating_mul(text.len()) / self.text.len().max(1)
        };
        let mut part = Block {
            kind: self.kind,
            text: text.to_owned(),
            source: self.source.clone(),
            link_bytes,
            origin: self.origin,
            decoded_markup: self.decoded_markup,
            extra: None,
        };
        part.set_code_lang(self.code_lang());
        part.set_spans(spans);
        Some(part)
    }

    /// Appends `next` after `sep` (a space or a line break): its text, its spans (shifted),
    /// its link bytes; the source grows to cover both.
    ///
    /// ```
    /// use descrape::{Block, BlockKind};
    /// let mut a = Block::new(BlockKind::Paragraph, "cut in");
    /// a.append(" ", Block::new(BlockKind::Paragraph, "two"));
    /// assert_eq!(a.text, "cut in two");
    /// ```
    pub fn append(&mut self, sep: &str, next: Block) {
        let shift = self.text.len() + sep.len();
        self.text.push_str(sep);
        self.text.push_str(&next.text);
        if !next.spans().is_empty() {
            let mut spans = self.spans().to_vec();
            spans.extend(next.spans().iter().map(|s| Span {
                start: s.start + shift,
                end: s.end + shift,
                ..s.clone()
            }));
            self.set_spans(spans);
        }
        self.link_bytes += next.link_bytes;
        self.decoded_markup |= next.decoded_markup;
        if next.source.end > next.source.start {
            self.source = self.source.start.min(next.source.start)..self.source.end.max(next.source.end);
        }
    }
}

/// The language a class names (`language-rust`, `lang-py`, `highlight-source-js`), as
/// Markdown's fenced code wants it.
pub(crate) fn code_lang_of_class(class: &str) -> Option<String> {
    class.split_ascii_whitespace().find_map(|c| {
        let lang = c
            .strip_prefix("language-")
            .or_else(|| c.strip_prefix("lang-"))
            .or_else(|| c.strip_prefix("highlight-source-"))?;
        let ok = !lang.is_empty() && lang.bytes().all(|b| b.is_ascii_alphanumeric() || b"+#-_.".contains(&b));
        ok.then(|| lang.to_ascii_lowercase())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_kept_keep_their_spans() {
        let link = |href: &str| SpanKind::Link { href: href.into() };
        let mut b = Block::new(BlockKind::Paragraph, "See the docs.\nShare on X\nRun it now.\nEmail");
        b.link_bytes = 4 + 8;
        b.set_spans(vec![
            Span { start: 8, end: 12, kind: link("/docs") },
            Span { start: 29, end: 32, kind: SpanKind::Code },
            // From the line that goes into the next (`on X\nRun`): what is left of it stays.
            Span { start: 20, end: 28, kind: link("/run") },
        ]);
        b.keep_lines(|l| l % 2 == 0);
        assert_eq!(b.text, "See the docs.\nRun it now.");
        let spans: Vec<&str> = b.spans().iter().map(|s| &b.text[s.start..s.end]).collect();
        assert_eq!(spans, ["docs", "Run", "it "]);
        assert_eq!(b.link_bytes, 4 + 3);
    }

    #[test]
    fn parts_and_joins_keep_spans_and_link_bytes() {
        let mut b = Block::new(BlockKind::Paragraph, "See the docs. Then run it.");
        b.set_spans(vec![
            Span { start: 8, end: 12, kind: SpanKind::Link { href: "/docs".into() } },
            Span { start: 19, end: 22, kind: SpanKind::Code },
        ]);
        b.link_bytes = 4;
        let first = b.part(0..13).unwrap();
        let second = b.part(13..26).unwrap();
        assert_eq!((first.text.as_str(), first.link_bytes), ("See the docs.", 4));
        assert_eq!(
            first.spans(),
            &[Span { start: 8, end: 12, kind: SpanKind::Link { href: "/docs".into() } }]
        );
        assert_eq!((second.text.as_str(), second.link_bytes), ("Then run it.", 0));
        assert_eq!(second.spans(), &[Span { start: 5, end: 8, kind: SpanKind::Code }]);
        let mut joined = first;
        joined.append(" ", second);
        assert_eq!(joined.text, b.text);
        assert_eq!(joined.spans(), b.spans());
        assert_eq!(joined.link_bytes, 4);
    }

    #[test]
    fn bad_spans_are_dropped() {
        let mut b = Block::new(BlockKind::Paragraph, "Grüße");
        b.set_spans(vec![
            Span { start: 3, end: 4, kind: SpanKind::Code },
            Span { start: 0, end: 9, kind: SpanKind::Code },
            Span { start: 2, end: 2, kind: SpanKind::Code },
        ]);
        assert!(b.spans().is_empty());
        assert!(std::mem::size_of::<Block>() <= 80, "a block is {} bytes", std::mem::size_of::<Block>());
    }
}
