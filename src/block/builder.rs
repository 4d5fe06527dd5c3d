//! Provides [`BlockBuilder`]: turns markup events (text, newlines, `<br>`, block tags opened
//! and closed, links, inline code, orphaned tag ends) into [`Block`]s.
//!
//! Invariants of the blocks it makes: every line trimmed (a preformatted line keeps its
//! indentation) and non-empty; a blank line in the
//! text, two `<br>` in a row, or a block tag ends a block; one `<br>` or one newline is a line
//! break inside a block. Where markup vanished between two spaces, one space is kept. A plain
//! paragraph whose every line starts with a bullet becomes one list item per line, so lists
//! in plain text render exactly as they were written.
//!
//! What an orphaned `>` leaves (`…alt text“ />`) is the residue path's to judge
//! (`residue::orphan`); the builder only shows it the line and ends the block.
//!
//! Positions of links and inline code are kept as [`Span`]s in the block's coordinates: a
//! span opened in a line is shifted when the line is trimmed, cut where the line is cut, and
//! closed at the block's end (a link still open goes on in the next block).

use crate::block::{Block, BlockKind, Origin, Span, SpanKind};
use crate::text::control;

/// Nesting deeper than this is treated as this deep: unclosed tags in a dump must not make
/// counters grow without bound.
const MAX_DEPTH: u32 = 64;
/// The most text one link holds before its `</a>` is taken as lost (see `count_link_text`).
const MAX_LINK_TEXT_BYTES: usize = 400;
/// Of the text a link ran over after it lost its `</a>` (another `<a>` opened inside it), how
/// much counts as linked: about what a link's text is, a few words.
const LOST_LINK_TEXT_BYTES: usize = 32;
/// A link that lost its `</a>` and ran to the end of its block with more text than this ran
/// over prose (a menu's item or a headline is shorter).
const LONG_LOST_LINK_BYTES: usize = 64;
/// The longest link target or code language kept.
const MAX_HREF_BYTES: usize = 2048;

/// The block context a block tag opens or closes.
///
/// ```
/// use descrape::{BlockBuilder, BlockKind, Context};
/// let mut b = BlockBuilder::new();
/// b.open(Context::Table);
/// b.open(Context::Row);
/// b.open(Context::Cell { header: true });
/// b.text("Name");
/// b.close(Context::Cell { header: true });
/// b.close(Context::Row);
/// b.close(Context::Table);
/// assert!(matches!(b.finish()[0].kind, BlockKind::TableCell { header: true, .. }));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Context {
    /// A plain block (`p`, `div`, `section`, …).
    Plain,
    /// `h1`–`h6`.
    Heading(u8),
    /// `ul`, `ol`, `dl`: a list container; `ordered` for `ol`.
    List {
        /// An `<ol>`.
        ordered: bool,
    },
    /// `li`, `dt`, `dd`.
    Item,
    /// `pre`.
    Pre,
    /// `blockquote`.
    Quote,
    /// `figcaption`.
    Caption,
    /// `table`.
    Table,
    /// `tr`.
    Row,
    /// `td` (`header: false`) or `th` (`header: true`).
    Cell {
        /// A `<th>`.
        header: bool,
    },
    /// `hr`: a thematic break (opening it is enough; it has no end).
    Rule,
}

/// Assembles blocks from markup events.
///
/// ```
/// use descrape::{BlockBuilder, BlockKind, Context};
/// let mut b = BlockBuilder::new();
/// b.open(Context::Heading(2));
/// b.text("Results");
/// b.close(Context::Heading(2));
/// b.open(Context::Plain);
/// b.text("See ");
/// b.link_open(Some("https://example.org/"));
/// b.text("the table");
/// b.link_close();
/// b.text(".");
/// let blocks = b.finish();
/// assert_eq!(blocks[0].kind, BlockKind::Heading { level: 2 });
/// assert_eq!(blocks[1].text, "See the table.");
/// assert_eq!((blocks[1].spans()[0].start, blocks[1].spans()[0].end), (4, 13));
/// ```
#[derive(Debug, Default)]
pub struct BlockBuilder {
    blocks: Vec<Block>,
    /// Finished lines of the current block, joined by `\n`.
    lines: String,
    /// The line being read.
    line: String,
    /// The kind of the current block, fixed when its first text arrived.
    kind: Option<BlockKind>,
    /// Markup vanished just before: a space already in the line absorbs leading spaces.
    after_markup: bool,
    /// What vanished held text (a template expression, a script): a space before it was
    /// the gap that text filled, and punctuation right after it closes up to the word.
    after_content: bool,
    /// The line ends with a space that came from a reference (`&nbsp;`): a space in the text
    /// right after it is the same gap.
    after_space_reference: bool,
    /// `<br>`s since the last text.
    br_run: u32,
    /// The next newline belongs to a `<br>` just seen and is not a blank line.
    absorb_newline: bool,
    heading: Option<u8>,
    item_depth: u32,
    list_depth: u32,
    /// Bit `d` set: the list at depth `d + 1` is ordered.
    ordered_lists: u64,
    pre_depth: u32,
    /// Blank lines kept inside the preformatted block being read (at most `MAX_DEPTH` in a
    /// row: a code block's blank lines are its layout; a thousand are not).
    pre_blank: u32,
    quote_depth: u32,
    caption_depth: u32,
    /// Which list the next list item belongs to.
    list_id: u32,
    /// Lists numbered so far: a list opened takes the next number.
    lists: u32,
    /// The numbers of the open lists, outermost first (at most `MAX_DEPTH`): when a nested
    /// list closes, the items after it are the outer list's again.
    open_lists: Vec<u32>,
    table_depth: u32,
    /// Tables opened so far; the current one is `tables - 1`.
    tables: u32,
    /// Rows opened in the current table; the current one is `rows - 1`.
    rows: u32,
    /// Cells opened in the current row; the current one is `cells - 1`.
    cells: u32,
    /// Open cells, and whether the innermost is a header.
    cell_depth: u32,
    header_cell: bool,
    /// Open `<a>` elements.
    link_depth: u32,
    /// The target of the outermost open link.
    href: Option<Box<str>>,
    /// Bytes of text appended inside links since the block began.
    link_bytes: usize,
    /// Bytes of text since the innermost open link opened: past
    /// [`MAX_LINK_TEXT_BYTES`] its `</a>` was lost, and the link is closed.
    link_run: usize,
    /// Bytes of the open link's text counted in `link_bytes` in this block.
    link_counted: usize,
    /// The open link wraps blocks: a block began before any text of it.
    link_wraps: bool,
    /// The open link's text went on over a line break: its bytes counted in this block
    /// before the first one.
    link_first_line: Option<usize>,
    /// The text of the open link has a sentence stop: it is prose, and a blank line closes it.
    link_stop: bool,
    /// Open inline code elements.
    code_depth: u32,
    /// Spans of the current block, in block coordinates; the last may still be open.
    spans: Vec<Span>,
    /// Where the open link's span and the open code span start, in block coordinates.
    link_from: Option<usize>,
    code_from: Option<usize>,
    /// The language of the code in the open `<pre>`.
    code_lang: Option<Box<str>>,
    /// The block being ended is the text of a cut attribute.
    ends_attribute: bool,
    /// The input may hold tabs (outside preformatted blocks they become spaces): without
    /// any, lines are not searched for them.
    tabs: bool,
    /// The current block has a `<`, `>`, `{` or `[` decoded from a reference.
    decoded_markup: bool,
    /// Input offsets: where the current event is, and where the current block began.
    at: usize,
    block_from: Option<usize>,
}

/// The most blocks room is made for before the first is built (see
/// [`BlockBuilder::for_input`]): beyond, the list grows as it fills.
const MAX_RESERVED_BLOCKS: usize = 1 << 16;

/// How much of an input [`BlockBuilder::for_input`] looks at to guess how many blocks it makes.
const SAMPLE_BYTES: usize = 4096;

impl BlockBuilder {
    /// A builder that looks for tabs in every text.
    ///
    /// ```
    /// let b = descrape::BlockBuilder::new();
    /// assert!(b.finish().is_empty());
    /// ```
    pub fn new() -> BlockBuilder {
        BlockBuilder { tabs: true, ..BlockBuilder::default() }
    }

    /// A builder for `input`: it looks for tabs only if the input has any, and has room for
    /// about as many blocks as the input has line breaks and `<`, as its first
    /// [`SAMPLE_BYTES`] show them (up to [`MAX_RESERVED_BLOCKS`]). Those bound how many blocks
    /// a text makes; in text of tiny blocks, a list grown by doubling copies every block once
    /// more, and the sample keeps the count from costing prose a pass over its bytes.
    pub(crate) fn for_input(input: &str) -> BlockBuilder {
        let b = input.as_bytes();
        let sample = b.get(..SAMPLE_BYTES).unwrap_or(b);
        let breaks = memchr::memchr2_iter(b'\n', b'<', sample).count();
        let estimate = breaks.saturating_mul(b.len()) / sample.len().max(1);
        BlockBuilder {
            tabs: memchr::memchr(b'\t', b).is_some(),
            blocks: Vec::with_capacity(estimate.min(MAX_RESERVED_BLOCKS) + 1),
            ..BlockBuilder::default()
        }
    }

    /// Says where in the input the next events come from (a byte offset), for
    /// [`Block::source`].
    ///
    /// ```
    /// let input = "one\n\ntwo";
    /// let mut b = descrape::BlockBuilder::new();
    /// b.at(5);
    /// b.text("two");
    /// b.at(8);
    /// assert_eq!(b.finish()[0].source, 5..8);
    /// ```
    pub fn at(&mut self, offset: usize) {
        self.at = offset;
    }

    /// Where the line being read starts in the block's text.
    fn line_base(&self) -> usize {
        if self.lines.is_empty() { 0 } else { self.lines.len() + 1 }
    }

    /// The current position in the block's text.
    fn pos(&self) -> usize {
        self.line_base() + self.line.len()
    }

    /// Cuts the line being read to `len` bytes; spans that reached past it end there.
    fn truncate_line(&mut self, len: usize) {
        self.line.truncate(len);
        let end = self.pos();
        for s in &mut self.spans {
            s.end = s.end.min(end);
            s.start = s.start.min(end);
        }
        if let Some(f) = &mut self.link_from {
            *f = (*f).min(end);
        }
        if let Some(f) = &mut self.code_from {
            *f = (*f).min(end);
        }
    }

    /// Appends prose (no `\n` inside).
    ///
    /// ```
    /// let mut b = descrape::BlockBuilder::new();
    /// b.text("  Hello, ");
    /// b.text("world.  ");
    /// assert_eq!(b.finish()[0].text, "Hello, world.");
    /// ```
    pub fn text(&mut self, s: &str) {
        let after_reference = std::mem::take(&mut self.after_space_reference);
        let absorbs = self.after_markup || after_reference;
        // A line's leading spaces would be trimmed when it is flushed: they never go in. In
        // preformatted text they are its indentation and stay.
        let keeps_indent = self.pre_depth > 0 && !absorbs;
        let visible_first = s.as_bytes().first().is_some_and(u8::is_ascii_graphic);
        let s = if visible_first {
            s
        } else if !keeps_indent && self.line.is_empty()
            || absorbs && self.line.chars().next_back().is_none_or(char::is_whitespace)
        {
            s.trim_start()
        } else {
            s
        };
        if s.is_empty() {
            return;
        }
        self.block_from.get_or_insert(self.at);
        // `Hello {{ name }}, welcome`: no space is left before punctuation where text went.
        // A tag's text stays, and so does the space before punctuation after it, as a browser
        // shows it (French `Prix <b>:</b> 5 €`); and a stop or a colon that starts a token
        // (`{{ dir }}.gitignore`, `:wq`) is no punctuation.
        if self.after_content && starts_with_trailing_punctuation(s) {
            let kept = self.line.trim_end().len();
            self.truncate_line(kept);
        }
        // `<span>AI and automation</span><span>Solve issues faster</span>`: two elements laid
        // out apart, a lower-case word's end against a capitalised word, are two words.
        if self.after_markup && self.pre_depth == 0 && self.code_depth == 0 && is_seam(&self.line, s) {
            // A link or code span opened right here starts at its text, after the space.
            let at = self.pos();
            self.line.push(' ');
            for from in [&mut self.link_from, &mut self.code_from].into_iter().flatten() {
                if *from == at {
                    *from = at + 1;
                }
            }
        }
        self.after_markup = false;
        self.after_content = false;
        if self.link_depth > 0 {
            self.count_link_text(s);
        }
        // Tabs are text only where lines are laid out as written; elsewhere they are spaces
        // from the start, so what looks at the line (an attribute tail before a `>`) sees
        // what a second cleaning will see.
        if self.tabs && self.pre_depth == 0 && s.as_bytes().contains(&b'\t') {
            self.line.push_str(&s.replace('\t', " "));
        } else {
            self.line.push_str(s);
        }
    }

    /// Appends one decoded char (from a character reference). A decoded line end or tab is a
    /// space, as a browser shows it; a decoded control character is nothing.
    ///
    /// ```
    /// let mut b = descrape::BlockBuilder::new();
    /// b.text("a");
    /// b.push_char('\u{a0}');
    /// b.text("b");
    /// assert_eq!(b.finish()[0].text, "a\u{a0}b");
    /// ```
    pub fn push_char(&mut self, c: char) {
        let c = match c {
            '\n' | '\r' | '\t' | '\u{b}' | '\u{c}' => ' ',
            c if control::is_invisible(c) => {
                self.markup_removed();
                return;
            }
            c => {
                self.decoded_markup |= matches!(c, '<' | '>' | '{' | '[');
                c
            }
        };
        // `a &nbsp; b`: a space from a reference next to a space in the text is one gap.
        if c == ' ' && self.line.chars().next_back().is_none_or(char::is_whitespace) {
            self.after_space_reference = true;
            return;
        }
        self.block_from.get_or_insert(self.at);
        self.after_markup = false;
        self.after_content = false;
        self.after_space_reference = c == ' ';
        if self.link_depth > 0 {
            self.count_link_text(c.encode_utf8(&mut [0; 4]));
        }
        self.line.push(c);
    }

    /// `<a>` opened, with its `href` if it had one. An `<a>` inside an open link ends it:
    /// links do not nest.
    ///
    /// ```
    /// let mut b = descrape::BlockBuilder::new();
    /// b.link_open(Some("/home"));
    /// b.text("Home");
    /// b.link_close();
    /// let blocks = b.finish();
    /// assert_eq!(blocks[0].link_bytes, 4);
    /// ```
    pub fn link_open(&mut self, href: Option<&str>) {
        if self.link_depth > 0 {
            // Links do not nest: an `<a>` inside one means the open one lost its `</a>` (a
            // browser ends it here). Of the text it ran over, only what a link's text is
            // counts as linked, or a paragraph of such links would be taken for a menu.
            self.uncount_lost_link();
            self.end_link();
        }
        self.link_counted = 0;
        self.link_wraps = false;
        self.link_first_line = None;
        if self.link_depth == 0 {
            self.href = href.map(|h| h.get(..MAX_HREF_BYTES).unwrap_or(h).into());
            self.link_from = Some(self.pos());
        }
        self.link_depth = (self.link_depth + 1).min(MAX_DEPTH);
        self.link_run = 0;
        self.link_stop = false;
    }

    /// A block starts or ends. An open link that has text of its own was opened inside the
    /// block, and lost its `</a>` (`<p>via <a href="…">dataset curation</p>`): it ends here,
    /// or the paragraphs after it would be counted as its text; when it ran over a sentence's
    /// end (`<a href="…">forever." -- Backend engineer</p>`) or a line break, or is longer
    /// than a menu's item or a headline, the `</a>` was lost in prose, and only what a link's
    /// text is counts. One with no text yet wraps blocks (a card:
    /// `<a><h3>Title</h3><p>Excerpt</p></a>`) and goes on.
    fn block_edge(&mut self) {
        if self.link_depth > 0 && !self.link_wraps {
            if self.link_run == 0 {
                self.link_wraps = true;
            } else {
                let mut keep = usize::MAX;
                if self.link_stop || self.link_counted > LONG_LOST_LINK_BYTES {
                    keep = LOST_LINK_TEXT_BYTES;
                }
                // A link's text ends at a line break: what came after it was not its text
                // (`<p><a href="…">function square(n) {<br>  return n * n;<br>}</p>`).
                if let Some(first_line) = self.link_first_line {
                    keep = keep.min(LOST_LINK_TEXT_BYTES).min(first_line);
                }
                // Opened after prose of its block (`A bit of past history <a …>as we saw
                // this</p>`), it makes the block no more link than prose: a menu's item has
                // nothing of its own before its link.
                let before = self.link_from.unwrap_or(0);
                if before > 0 {
                    keep = keep.min(before);
                }
                self.uncount_beyond(keep);
                self.end_link();
            }
        }
    }

    /// A line break: the open link's text, if it has some, runs over it.
    fn link_line_break(&mut self) {
        if self.link_depth > 0 && self.link_run > 0 && self.link_first_line.is_none() {
            self.link_first_line = Some(self.link_counted);
        }
    }

    /// The open link lost its `</a>`: of the text it ran over in this block, only what a
    /// link's text is ([`LOST_LINK_TEXT_BYTES`]) stays counted as linked.
    fn uncount_lost_link(&mut self) {
        self.uncount_beyond(LOST_LINK_TEXT_BYTES);
    }

    /// Of the open link's text counted in this block, only `keep` bytes stay counted.
    fn uncount_beyond(&mut self, keep: usize) {
        let over = self.link_counted.saturating_sub(keep);
        self.link_bytes -= over.min(self.link_bytes);
        self.link_counted -= over;
    }

    /// Counts `text` appended inside a link. A link longer than any real one (a menu item, a
    /// headline, a card with its excerpt) lost its `</a>`: it is closed, and only a link's
    /// length of it counts, so the article it ran over is not taken for link text.
    fn count_link_text(&mut self, text: &str) {
        let n = text.len();
        self.link_stop |= text.contains(['.', '!', '?']);
        let counted = n.min(MAX_LINK_TEXT_BYTES.saturating_sub(self.link_run));
        self.link_bytes += counted;
        self.link_counted += counted;
        self.link_run += n;
        if self.link_run > MAX_LINK_TEXT_BYTES {
            self.uncount_lost_link();
            self.end_link();
        }
    }

    /// `</a>`.
    ///
    /// ```
    /// let mut b = descrape::BlockBuilder::new();
    /// b.link_open(None);
    /// b.text("menu");
    /// b.link_close();
    /// b.text(" and prose");
    /// assert_eq!(b.finish()[0].link_bytes, 4);
    /// ```
    pub fn link_close(&mut self) {
        self.link_depth = self.link_depth.saturating_sub(1);
        if self.link_depth == 0 {
            self.end_link_span();
        }
    }

    /// Every open link ends here.
    fn end_link(&mut self) {
        self.link_depth = 0;
        self.end_link_span();
    }

    fn end_link_span(&mut self) {
        if let Some(start) = self.link_from.take() {
            let href = self.href.take().map(String::from).unwrap_or_default();
            self.push_span(start, SpanKind::Link { href });
        }
    }

    /// `<code>` (or `<kbd>`, `<samp>`, `<tt>`) opened. Inside `<pre>` the whole block is code;
    /// the language of `<code class="language-x">` there is the block's.
    ///
    /// ```
    /// use descrape::{BlockBuilder, Context};
    /// let mut b = BlockBuilder::new();
    /// b.open(Context::Pre);
    /// b.code_open(Some("python"));
    /// b.text("print(1)");
    /// b.code_close();
    /// b.close(Context::Pre);
    /// assert_eq!(b.finish()[0].code_lang(), Some("python"));
    /// ```
    pub fn code_open(&mut self, lang: Option<&str>) {
        if self.pre_depth > 0 {
            if self.code_lang.is_none() {
                self.code_lang = lang.map(|l| l.get(..MAX_HREF_BYTES).unwrap_or(l).into());
            }
            return;
        }
        if self.code_depth == 0 {
            self.code_from = Some(self.pos());
        }
        self.code_depth = (self.code_depth + 1).min(MAX_DEPTH);
    }

    /// `</code>`.
    ///
    /// ```
    /// let mut b = descrape::BlockBuilder::new();
    /// b.text("run ");
    /// b.code_open(None);
    /// b.text("ls");
    /// b.code_close();
    /// let blocks = b.finish();
    /// assert_eq!((blocks[0].spans()[0].start, blocks[0].spans()[0].end), (4, 6));
    /// ```
    pub fn code_close(&mut self) {
        if self.code_depth == 0 {
            return;
        }
        self.code_depth -= 1;
        if self.code_depth == 0 {
            if let Some(start) = self.code_from.take() {
                self.push_span(start, SpanKind::Code);
            }
        }
    }

    /// Whether text now goes into code, inline or preformatted.
    pub(crate) fn in_code(&self) -> bool {
        self.code_depth > 0 || self.pre_depth > 0
    }

    /// Adds a span from `start` to here, if it holds text.
    fn push_span(&mut self, start: usize, kind: SpanKind) {
        let end = self.line_base() + self.line.trim_end().len();
        if start < end {
            self.spans.push(Span { start, end, kind });
        }
    }

    /// Markup vanished here (an inline tag, a comment): spaces on either side of it are one.
    ///
    /// ```
    /// let mut b = descrape::BlockBuilder::new();
    /// b.text("Prix ");
    /// b.markup_removed(); // `<b>`
    /// b.text(" : 5 €");
    /// assert_eq!(b.finish()[0].text, "Prix : 5 €");
    /// ```
    pub fn markup_removed(&mut self) {
        self.after_markup = true;
    }

    /// Markup vanished here with the text it held (a template expression, a script): spaces
    /// on either side of it are one, and none is left before the punctuation after it.
    ///
    /// ```
    /// let mut b = descrape::BlockBuilder::new();
    /// b.text("Hello ");
    /// b.content_removed(); // `{{ name }}` went
    /// b.text(", welcome");
    /// assert_eq!(b.finish()[0].text, "Hello, welcome");
    /// ```
    pub fn content_removed(&mut self) {
        self.after_markup = true;
        self.after_content = true;
    }

    /// A newline in the text.
    ///
    /// ```
    /// let mut b = descrape::BlockBuilder::new();
    /// b.text("one");
    /// b.newline();
    /// b.text("two");
    /// b.newline();
    /// b.newline();
    /// b.text("three");
    /// let blocks = b.finish();
    /// assert_eq!((blocks[0].text.as_str(), blocks[1].text.as_str()), ("one\ntwo", "three"));
    /// ```
    pub fn newline(&mut self) {
        self.after_markup = false;
        self.after_content = false;
        self.link_line_break();
        if self.flush_line() {
            self.absorb_newline = false;
            return;
        }
        if std::mem::take(&mut self.absorb_newline) {
            return;
        }
        // A blank line inside preformatted text is part of it (not of a heading or an item
        // that broken markup opened inside `<pre>`: those are no preformatted blocks).
        if self.pre_depth > 0 && !self.lines.is_empty() && self.kind == Some(BlockKind::Preformatted) {
            if self.pre_blank < MAX_DEPTH {
                self.pre_blank += 1;
                self.lines.push('\n');
            }
            return;
        }
        // A blank line: it ends the block, and the leaf contexts a broken tag may have left open.
        if !self.lines.is_empty() {
            self.end_block();
            self.heading = None;
            self.item_depth = 0;
            self.caption_depth = 0;
        }
        // A link whose text ran on as sentences up to a blank line lost its `</a>`.
        if self.link_stop {
            self.end_link();
        }
    }

    /// A line of text alone between blank lines (`w`, a blank line, over and over): the
    /// paragraph that [`Self::text`] and two [`Self::newline`]s make, built at once, where
    /// nothing is open that would make it otherwise (no block begun, no context, link, span or
    /// markup just removed) and the line needs no trim, no tab and no bullet look (it starts
    /// with an ASCII letter and ends with a visible ASCII char). `from..to` is the input it
    /// came from, the second newline included. Returns false, having done nothing, where the
    /// general path must judge it: the blocks come out the same either way.
    pub(crate) fn plain_paragraph(&mut self, s: &str, from: usize, to: usize) -> bool {
        let b = s.as_bytes();
        let plain_line = b.first().is_some_and(u8::is_ascii_alphabetic)
            && b.last().is_some_and(u8::is_ascii_graphic)
            && !(self.tabs && memchr::memchr(b'\t', b).is_some());
        let idle = self.line.is_empty()
            && self.lines.is_empty()
            && self.kind.is_none()
            && self.block_from.is_none()
            && !(self.after_markup
                || self.after_content
                || self.after_space_reference
                || self.absorb_newline)
            && !(self.decoded_markup || self.ends_attribute || self.link_stop)
            && self.link_depth == 0
            && self.code_depth == 0
            && self.spans.is_empty()
            && self.link_from.is_none()
            && self.code_from.is_none()
            && self.pre_blank == 0;
        if !(plain_line && idle && self.context_kind() == BlockKind::Paragraph) {
            return false;
        }
        self.at = to;
        self.br_run = 0;
        self.link_bytes = 0;
        self.link_counted = 0;
        self.blocks.push(Block {
            kind: BlockKind::Paragraph,
            text: s.to_owned(),
            source: from..to.max(from),
            link_bytes: 0,
            origin: Origin::Text,
            decoded_markup: false,
            extra: None,
        });
        true
    }

    /// `<br>`.
    ///
    /// ```
    /// let mut b = descrape::BlockBuilder::new();
    /// b.text("a");
    /// b.line_break();
    /// b.text("b");
    /// assert_eq!(b.finish()[0].text, "a\nb");
    /// ```
    pub fn line_break(&mut self) {
        self.link_line_break();
        self.br_run = if self.flush_line() { 1 } else { self.br_run + 1 };
        if self.br_run >= 2 {
            self.end_block();
        }
        self.absorb_newline = true;
    }

    /// A block tag opened.
    ///
    /// ```
    /// use descrape::{BlockBuilder, BlockKind, Context};
    /// let mut b = BlockBuilder::new();
    /// b.open(Context::Heading(3));
    /// b.text("Title");
    /// assert_eq!(b.finish()[0].kind, BlockKind::Heading { level: 3 });
    /// ```
    pub fn open(&mut self, ctx: Context) {
        self.block_edge();
        self.end_block();
        match ctx {
            Context::Plain => {}
            Context::Heading(level) => self.heading = Some(level),
            Context::List { ordered } => {
                let bit = 1u64 << self.list_depth.min(63);
                self.ordered_lists =
                    if ordered { self.ordered_lists | bit } else { self.ordered_lists & !bit };
                self.list_depth = (self.list_depth + 1).min(MAX_DEPTH);
                self.list_id = self.next_list();
                if self.open_lists.len() < MAX_DEPTH as usize {
                    self.open_lists.push(self.list_id);
                }
            }
            Context::Item => self.item_depth = (self.item_depth + 1).min(MAX_DEPTH),
            Context::Pre => self.pre_depth = (self.pre_depth + 1).min(MAX_DEPTH),
            Context::Quote => self.quote_depth = (self.quote_depth + 1).min(MAX_DEPTH),
            Context::Caption => self.caption_depth = (self.caption_depth + 1).min(MAX_DEPTH),
            Context::Table => {
                self.table_depth = (self.table_depth + 1).min(MAX_DEPTH);
                self.tables = self.tables.saturating_add(1);
                self.rows = 0;
                self.cells = 0;
            }
            Context::Row => {
                self.rows = self.rows.saturating_add(1);
                self.cells = 0;
            }
            Context::Cell { header } => {
                self.cell_depth = (self.cell_depth + 1).min(MAX_DEPTH);
                self.cells = self.cells.saturating_add(1);
                self.header_cell = header;
            }
            Context::Rule => {
                let mut rule = Block::new(BlockKind::Rule, "");
                rule.source = self.at..self.at;
                self.blocks.push(rule);
            }
        }
    }

    /// A block tag closed.
    ///
    /// ```
    /// use descrape::{BlockBuilder, BlockKind, Context};
    /// let mut b = BlockBuilder::new();
    /// b.open(Context::Quote);
    /// b.text("Said.");
    /// b.close(Context::Quote);
    /// b.text("After.");
    /// let blocks = b.finish();
    /// assert_eq!((blocks[0].kind, blocks[1].kind), (BlockKind::Quote, BlockKind::Paragraph));
    /// ```
    pub fn close(&mut self, ctx: Context) {
        self.block_edge();
        self.end_block();
        match ctx {
            Context::Plain | Context::Rule => {}
            Context::Heading(_) => self.heading = None,
            Context::List { .. } => {
                self.list_depth = self.list_depth.saturating_sub(1);
                if self.list_depth == 0 {
                    self.item_depth = 0;
                }
                // Back in the list around it, or past every list: an item now (broken markup)
                // starts a list of its own.
                self.open_lists.pop();
                self.list_id = match self.open_lists.last() {
                    Some(&outer) => outer,
                    None => self.next_list(),
                };
            }
            Context::Item => self.item_depth = self.item_depth.saturating_sub(1),
            Context::Pre => {
                self.pre_depth = self.pre_depth.saturating_sub(1);
                if self.pre_depth == 0 {
                    self.code_lang = None;
                }
            }
            Context::Quote => self.quote_depth = self.quote_depth.saturating_sub(1),
            Context::Caption => self.caption_depth = self.caption_depth.saturating_sub(1),
            Context::Table => {
                self.table_depth = self.table_depth.saturating_sub(1);
                self.cell_depth = 0;
            }
            Context::Row => {}
            Context::Cell { .. } => self.cell_depth = self.cell_depth.saturating_sub(1),
        }
    }

    /// A boundary with no context change (a self-contained block element, an orphaned tag end).
    ///
    /// ```
    /// let mut b = descrape::BlockBuilder::new();
    /// b.text("a");
    /// b.boundary();
    /// b.text("b");
    /// assert_eq!(b.finish().len(), 2);
    /// ```
    pub fn boundary(&mut self) {
        self.block_edge();
        self.end_block();
    }

    /// A blank line between paragraphs of text that a browser would run together (the DOM
    /// path's text nodes): it ends a paragraph or a quote's block; a list item, a table cell,
    /// a heading or a caption is one block, in which it is a line break.
    ///
    /// ```
    /// use descrape::{BlockBuilder, Context};
    /// let mut b = BlockBuilder::new();
    /// b.text("a");
    /// b.blank_line();
    /// b.text("b");
    /// b.open(Context::Item);
    /// b.text("c");
    /// b.blank_line();
    /// b.text("d");
    /// let blocks = b.finish();
    /// assert_eq!(blocks.iter().map(|b| b.text.as_str()).collect::<Vec<_>>(), ["a", "b", "c\nd"]);
    /// ```
    pub fn blank_line(&mut self) {
        match self.kind.unwrap_or_else(|| self.context_kind()) {
            BlockKind::Paragraph | BlockKind::Quote => self.end_block(),
            _ => self.line_break(),
        }
    }

    /// The line being read (for the residue path's look at an orphaned `>`).
    pub(crate) fn line(&self) -> &str {
        &self.line
    }

    /// Cuts the line being read to `len` bytes and ends the block as the text of a cut
    /// attribute (the residue path found the attribute's tail and took it out). The lines of
    /// the block before it are a block of their own: an alt text on the line under its title
    /// (`Title` then `Title“ /></p>`) is not part of the title, and only the alt text is.
    pub(crate) fn end_attribute_text(&mut self, len: usize) {
        self.truncate_line(len);
        let spans_here = !self.spans.is_empty() || self.link_from.is_some() || self.code_from.is_some();
        if !self.lines.is_empty() && !spans_here && self.pre_depth == 0 {
            let line = std::mem::take(&mut self.line);
            self.end_block();
            self.line = line;
        }
        self.ends_attribute = true;
        self.end_block();
    }

    /// Drops the line being read, which was markup the residue path recognised late (a cut
    /// tag's name and values, `ticle-body__text" data-id="7">`), and ends the block, as the
    /// text of a cut attribute ends it ([`Self::end_attribute_text`]).
    pub(crate) fn drop_line(&mut self) {
        self.truncate_line(0);
        self.end_block();
    }

    /// Ends the input; returns the blocks.
    ///
    /// ```
    /// let mut b = descrape::BlockBuilder::new();
    /// b.text("last block, not yet ended");
    /// assert_eq!(b.finish().len(), 1);
    /// ```
    pub fn finish(mut self) -> Vec<Block> {
        self.end_block();
        self.blocks
    }

    /// Moves the current line into the block. Returns whether it had text.
    #[inline]
    fn flush_line(&mut self) -> bool {
        // Markup packed tag against tag leaves no line at all, and a blank line none either:
        // nothing to trim, and no call (the empty case is most of the calls when blocks are
        // tiny).
        !self.line.is_empty() && self.flush_text_line()
    }

    /// [`Self::flush_line`] for a line that is not empty.
    #[inline(never)]
    fn flush_text_line(&mut self) -> bool {
        // Most lines start and end with a visible ASCII char: nothing to trim.
        let b = self.line.as_bytes();
        let (trimmed_start, end) =
            if b.first().is_some_and(u8::is_ascii_graphic) && b.last().is_some_and(u8::is_ascii_graphic) {
                (0, b.len())
            } else {
                let end = self.line.trim_end().len();
                (end - self.line.get(..end).unwrap_or_default().trim_start().len(), end)
            };
        let only_escapes =
            || self.pre_depth == 0 && self.line.get(trimmed_start..end).is_some_and(is_only_escapes);
        // A line of format characters alone (`<p>&zwj;</p>`, a site builder's empty
        // paragraph) shows nothing: it is as blank as an empty one.
        let shows_nothing = || {
            b.get(trimmed_start).is_some_and(|c| !c.is_ascii())
                && control::is_blank(self.line.get(trimmed_start..end).unwrap_or_default())
        };
        if trimmed_start == end || b.get(trimmed_start) == Some(&b'\\') && only_escapes() || shows_nothing() {
            self.truncate_line(0);
            return false;
        }
        if self.kind.is_none() {
            self.kind = Some(self.context_kind());
        }
        // Preformatted lines keep their indentation (spaces only: a tab is laid out as written);
        // a heading or a list item opened inside `<pre>` is no preformatted block.
        let start = if self.kind == Some(BlockKind::Preformatted) { 0 } else { trimmed_start };
        let base = self.line_base();
        if self.lines.is_empty() && start == 0 && end == self.line.len() {
            // The common case, one clean line: no span moves, and no copy either: the two
            // buffers trade places (both empty but for this line, both keeping their capacity
            // from block to block); the block gets an exact copy (`end_block`).
            std::mem::swap(&mut self.lines, &mut self.line);
        } else {
            if !self.lines.is_empty() {
                self.lines.push('\n');
            }
            self.pre_blank = 0;
            self.lines.push_str(self.line.get(start..end).unwrap_or_default());
            // Spans in this line move with its text.
            let (from, to) = (base + start, base + end);
            let place = |p: usize| p.clamp(from, to) - start;
            for s in self.spans.iter_mut().filter(|s| s.end > base) {
                // A span that began on an earlier line keeps its start.
                if s.start >= base {
                    s.start = place(s.start);
                }
                s.end = place(s.end);
            }
            for f in [&mut self.link_from, &mut self.code_from].into_iter().flatten() {
                if *f >= base {
                    *f = place(*f);
                }
            }
        }
        self.line.clear();
        self.after_space_reference = false;
        self.br_run = 0;
        true
    }

    fn end_block(&mut self) {
        self.flush_line();
        // Blank lines at the end of preformatted text are not part of it.
        if std::mem::take(&mut self.pre_blank) > 0 {
            let kept = self.lines.trim_end_matches('\n').len();
            self.lines.truncate(kept);
        }
        self.after_markup = false;
        self.after_content = false;
        self.br_run = 0;
        self.absorb_newline = false;
        let from_attribute = std::mem::take(&mut self.ends_attribute);
        let decoded_markup = std::mem::take(&mut self.decoded_markup);
        let Some(kind) = self.kind.take() else {
            self.block_from = None;
            self.link_bytes = 0;
            self.link_counted = 0;
            self.spans.clear();
            self.link_from = self.link_from.map(|_| 0);
            self.code_from = self.code_from.map(|_| 0);
            return;
        };
        // One allocation of the block's size; the buffer stays for the next block.
        let text = String::from(self.lines.as_str());
        self.lines.clear();
        // Spans still open end with the block and go on in the next one.
        let len = text.len();
        let mut spans = std::mem::take(&mut self.spans);
        if let Some(start) = self.link_from {
            let href = self.href.as_deref().unwrap_or_default().to_owned();
            spans.push(Span { start, end: len, kind: SpanKind::Link { href } });
            self.link_from = Some(0);
        }
        if let Some(start) = self.code_from {
            spans.push(Span { start, end: len, kind: SpanKind::Code });
            self.code_from = Some(0);
        }
        let link_bytes = std::mem::take(&mut self.link_bytes).min(text.len());
        self.link_counted = 0;
        let from = self.block_from.take().unwrap_or(self.at);
        let source = from..self.at.max(from);
        if kind == BlockKind::Paragraph && is_plain_list(&text) {
            let list = self.next_list();
            if self.open_lists.is_empty() {
                self.list_id = self.next_list();
            }
            let ordered = text.starts_with(|c: char| c.is_ascii_digit());
            for item in text.lines() {
                let mut block = Block::new(BlockKind::ListItem { list, depth: 1, ordered }, item);
                block.decoded_markup = decoded_markup;
                block.source = source.clone();
                self.blocks.push(block);
            }
        } else {
            // Built in place, field by field in one literal: most blocks have no spans and no
            // code, and nothing else is set after the block is in the list.
            self.blocks.push(Block {
                kind,
                text,
                source,
                link_bytes,
                origin: if from_attribute { Origin::Attribute } else { Origin::Text },
                decoded_markup,
                extra: None,
            });
            if kind == BlockKind::Preformatted || !spans.is_empty() {
                if let Some(block) = self.blocks.last_mut() {
                    if kind == BlockKind::Preformatted {
                        block.set_code_lang(self.code_lang.as_deref());
                    }
                    if !spans.is_empty() {
                        block.set_spans(spans);
                    }
                }
            }
        }
    }

    /// A number no list has had.
    fn next_list(&mut self) -> u32 {
        self.lists = self.lists.saturating_add(1);
        self.lists
    }

    fn context_kind(&self) -> BlockKind {
        if let Some(level) = self.heading {
            BlockKind::Heading { level }
        } else if self.pre_depth > 0 {
            BlockKind::Preformatted
        } else if self.caption_depth > 0 {
            BlockKind::Caption
        } else if self.item_depth > 0 {
            let depth = self.list_depth.clamp(1, u32::from(u8::MAX));
            let ordered = self.ordered_lists & (1u64 << (depth - 1).min(63)) != 0;
            BlockKind::ListItem {
                list: self.list_id,
                depth: depth as u8,
                ordered: self.list_depth > 0 && ordered,
            }
        } else if self.cell_depth > 0 && self.table_depth > 0 {
            BlockKind::TableCell {
                table: self.tables.saturating_sub(1),
                row: self.rows.saturating_sub(1),
                col: self.cells.saturating_sub(1),
                header: self.header_cell,
            }
        } else if self.quote_depth > 0 {
            BlockKind::Quote
        } else {
            BlockKind::Paragraph
        }
    }
}

/// Whether markup between `before` and `after` parted two words: `after` starts with a
/// capital and another letter, and `before` ends with two lower-case letters (`automation` |
/// `Solve`, `Design` | `UI`), with a digit (a price and its label: `£12.99` | `Save 20%`), or
/// with two capitals before a capitalised word (`HOKA` | `Bondi`). One lower-case letter is a
/// brand's (`e` | `Bay`, `i` | `Phone`).
fn is_seam(before: &str, after: &str) -> bool {
    let mut start = after.chars();
    let (Some(capital), Some(next)) = (start.next(), start.next()) else { return false };
    if !capital.is_uppercase() || !next.is_alphabetic() {
        return false;
    }
    let mut end = before.chars().rev();
    match (end.next(), end.next()) {
        (Some(last), _) if last.is_ascii_digit() => true,
        (Some(last), Some(prev)) if last.is_lowercase() => prev.is_lowercase(),
        (Some(last), Some(prev)) if last.is_uppercase() => prev.is_uppercase() && next.is_lowercase(),
        _ => false,
    }
}

/// Whether `s` starts with punctuation that closes what stands before it (`, welcome`, `.`,
/// `) and`), not a token that starts with a stop, a colon or a comma (`.gitignore`, `:wq`,
/// `.5`).
fn starts_with_trailing_punctuation(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| matches!(c, ',' | '.' | ';' | ':' | '!' | '?' | ')'))
        && !chars.next().is_some_and(char::is_alphanumeric)
}

/// A line of nothing but the escapes of a JSON or C string's line ends and tabs (`\n`,
/// `\r\n`, `\t`): what stood between two tags of HTML taken from a JSON string that nobody
/// unescaped (`<p>a</p>\n<p>b</p>`). Never a line of text.
fn is_only_escapes(line: &str) -> bool {
    let mut rest = line;
    let mut any = false;
    while !rest.is_empty() {
        rest = rest.trim_start();
        match rest
            .strip_prefix("\\n")
            .or_else(|| rest.strip_prefix("\\r"))
            .or_else(|| rest.strip_prefix("\\t"))
        {
            Some(r) => {
                rest = r;
                any = true;
            }
            None => return rest.is_empty() && any,
        }
    }
    any
}

/// Two or more lines, each starting with a bullet (`•`, `-`, `*`, `1.` …) and a space.
#[inline]
fn is_plain_list(text: &str) -> bool {
    // Most blocks start with a letter: no call for them.
    text.as_bytes().first().is_some_and(|c| !c.is_ascii_alphabetic())
        && starts_with_bullet(text)
        && memchr::memchr(b'\n', text.as_bytes()).is_some()
        && text.lines().all(starts_with_bullet)
}

fn starts_with_bullet(line: &str) -> bool {
    // Most lines start with a letter.
    if line.as_bytes().first().is_none_or(u8::is_ascii_alphabetic) {
        return false;
    }
    let mut chars = line.chars();
    match chars.next() {
        Some('•' | '·' | '▪' | '◦' | '‣' | '-' | '*' | '–' | '—' | '►' | '✓' | '→') => {
            chars.next().is_some_and(char::is_whitespace)
        }
        Some(c) if c.is_ascii_digit() => {
            let digits = 1 + line.bytes().skip(1).take_while(u8::is_ascii_digit).count();
            let rest = line.get(digits..).unwrap_or("");
            digits <= 3 && (rest.starts_with(". ") || rest.starts_with(") "))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_builder_has_room_for_the_tiny_blocks_of_its_input_and_no_more_for_prose() {
        let tiny = "w\n\n".repeat(5000);
        assert!(BlockBuilder::for_input(&tiny).blocks.capacity() >= 5000);
        let prose = "Eine lange Zeile Prosa ohne Umbruch. ".repeat(5000);
        assert!(BlockBuilder::for_input(&prose).blocks.capacity() <= 1);
        let huge = "<p>".repeat(MAX_RESERVED_BLOCKS * 2);
        assert!(BlockBuilder::for_input(&huge).blocks.capacity() <= MAX_RESERVED_BLOCKS + 1);
    }

    fn kinds(b: &[Block]) -> Vec<(BlockKind, &str)> {
        b.iter().map(|b| (b.kind, b.text.as_str())).collect()
    }

    #[test]
    fn only_preformatted_blocks_keep_their_indentation() {
        // A heading opened inside `<pre>` (by broken markup the fuzzer wrote) is trimmed.
        let mut b = BlockBuilder::new();
        b.open(Context::Pre);
        b.text("  code");
        b.newline();
        b.newline();
        b.open(Context::Heading(2));
        b.text(" <");
        b.close(Context::Heading(2));
        let blocks = b.finish();
        assert_eq!(
            kinds(&blocks),
            vec![(BlockKind::Preformatted, "  code"), (BlockKind::Heading { level: 2 }, "<")]
        );
    }

    #[test]
    fn only_preformatted_blocks_keep_their_blank_lines() {
        // A heading inside `<pre>` ends at a blank line as it would anywhere (a fuzz finding:
        // its blank lines were kept, and the text had two blank lines in a row).
        let mut b = BlockBuilder::new();
        b.open(Context::Pre);
        b.open(Context::Heading(1));
        b.text("a");
        for _ in 0..4 {
            b.newline();
        }
        b.text("b");
        b.close(Context::Heading(1));
        b.text("x");
        b.newline();
        b.newline();
        b.text("y");
        let blocks = b.finish();
        assert_eq!(
            kinds(&blocks),
            vec![
                (BlockKind::Heading { level: 1 }, "a"),
                (BlockKind::Preformatted, "b"),
                (BlockKind::Preformatted, "x\n\ny")
            ]
        );
    }

    #[test]
    fn a_line_of_format_characters_alone_is_blank() {
        let c = crate::Cleaner::builder().build().unwrap();
        // Webflow's empty paragraph, and the same in text: a paragraph break, no line.
        for input in
            ["<p>One.</p><p>&zwj;</p><p>Two.</p>", "One.\n\u{200D}\nTwo.", "One.\n\u{200B} \u{200E}\nTwo."]
        {
            assert_eq!(c.clean(input).text.trim_end(), "One.\n\nTwo.", "{input:?}");
        }
        // Inside a line they stay: a Persian word's non-joiner, an emoji sequence's joiner.
        let text = "\u{645}\u{6CC}\u{200C}\u{62E}\u{648}\u{627}\u{647}\u{645} \u{1F469}\u{200D}\u{1F4BB}";
        assert_eq!(c.clean(text).text.trim_end(), text);
    }

    #[test]
    fn newlines_make_lines_and_blank_lines_make_blocks() {
        let mut b = BlockBuilder::new();
        b.text("  one ");
        b.newline();
        b.text("two");
        b.newline();
        b.text("   ");
        b.newline();
        b.text("three");
        let blocks = b.finish();
        assert_eq!(kinds(&blocks), vec![(BlockKind::Paragraph, "one\ntwo"), (BlockKind::Paragraph, "three")]);
    }

    #[test]
    fn a_space_from_a_reference_next_to_a_space_in_the_text_is_one_gap() {
        let mut b = BlockBuilder::new();
        b.text("a ");
        b.push_char(' ');
        b.text(" b");
        b.push_char(' ');
        b.push_char(' ');
        b.text("c  d");
        assert_eq!(b.finish()[0].text, "a b c  d");
    }

    #[test]
    fn a_link_that_lost_its_end_tag_is_closed() {
        // Its text ran on as a sentence, then a blank line.
        let mut b = BlockBuilder::new();
        b.link_open(None);
        b.text("Link without an end.");
        b.newline();
        b.newline();
        b.text("Next paragraph");
        let blocks = b.finish();
        assert_eq!(blocks[1].link_bytes, 0);
        // Longer than any real link.
        let mut b = BlockBuilder::new();
        b.link_open(None);
        b.text(&"word ".repeat(100));
        b.text("after");
        assert_eq!(b.finish()[0].link_bytes, LOST_LINK_TEXT_BYTES);
        // A headline link over two lines with no stop stays open until its `</a>`.
        let mut b = BlockBuilder::new();
        b.link_open(None);
        b.text("Headline");
        b.newline();
        b.newline();
        b.text("Teaser text");
        b.link_close();
        assert_eq!(b.finish()[1].link_bytes, "Teaser text".len());
    }

    #[test]
    fn a_link_that_lost_its_end_tag_in_a_paragraph_ends_with_it() {
        use crate::Cleaner;
        let c = Cleaner::builder().build().unwrap();
        // The `</a>` lost before `</p>`: the paragraphs after are no link text (they were, up
        // to 400 bytes, and went as link-heavy).
        let names = "Roman Garipov, Fedor Velikonivtsev, Ivan Ermakov, Ruslan Svirschevski, Vage Egiazarian";
        let text = format!(
            "<p>Introducing AutoJudge via <a href=\"/a\">automated dataset curation</p>\n<p>{names}</p>"
        );
        assert_eq!(
            c.clean(&text).text,
            format!("Introducing AutoJudge via automated dataset curation\n\n{names}\n")
        );
        // A link opened in an open one: the first lost its `</a>`, and of the prose it ran
        // over only a link's length counts; so does a link that ran over a sentence's end.
        let quote = "<p>\"Rust was that replacement for C I'd been <a href=\"/a\">looking for <a href=\"/b\">forever.\" -- Backend engineering company founder specializing in financial services</p>";
        assert_eq!(
            c.clean(quote).text,
            "\"Rust was that replacement for C I'd been looking for forever.\" -- Backend engineering company founder specializing in financial services\n"
        );
        // Opened after prose of its paragraph and run to its end: the paragraph is prose.
        let short =
            "<p>A bit of past history <a href=\"/a\">as we saw this error here back in <strong>February</p>";
        assert_eq!(c.clean(short).text, "A bit of past history as we saw this error here back in February\n");
        let mut b = BlockBuilder::new();
        b.link_open(None);
        b.text(&"word ".repeat(30));
        b.link_open(None);
        b.text("next");
        b.link_close();
        assert_eq!(b.finish()[0].link_bytes, LOST_LINK_TEXT_BYTES + "next".len());
        // A link around blocks (a card) is still one link over them, and a menu's items that
        // lost their `</a>` are still all links.
        let mut b = BlockBuilder::new();
        b.link_open(Some("/s"));
        b.open(Context::Heading(3));
        b.text("Other story");
        b.close(Context::Heading(3));
        b.open(Context::Plain);
        b.text("Its teaser text");
        b.close(Context::Plain);
        b.link_close();
        assert_eq!(
            b.finish().iter().map(|b| b.link_bytes).collect::<Vec<_>>(),
            ["Other story".len(), "Its teaser text".len()]
        );
        let menu = "<ul><li><a href=\"/\">Home</li><li><a href=\"/w\">World</li></ul><p>The council met on Monday.</p>";
        assert_eq!(c.clean(menu).text, "The council met on Monday.\n");
        // Opened at the start of its paragraph and run over its line breaks: only its first
        // line was its text.
        let code = "<p>Before it.</p><p><a href=\"/f\">function square(n) {<br>  return n * n;<br>}</p><p>After it.</p>";
        assert_eq!(c.clean(code).text, "Before it.\n\nfunction square(n) {\nreturn n * n;\n}\n\nAfter it.\n");
        let mut b = BlockBuilder::new();
        b.link_open(None);
        b.text("Title");
        b.line_break();
        b.text("Its excerpt, longer than its title");
        b.close(Context::Plain);
        assert_eq!(b.finish()[0].link_bytes, "Title".len());
    }

    #[test]
    fn a_link_over_a_line_break_keeps_its_start() {
        let mut b = BlockBuilder::new();
        b.link_open(Some("/x"));
        b.text("alpha ");
        b.line_break();
        b.text("- dash ");
        b.link_close();
        b.text("after");
        let blocks = b.finish();
        assert_eq!(blocks[0].text, "alpha\n- dash after");
        assert_eq!((blocks[0].spans()[0].start, blocks[0].spans()[0].end), (0, 12));
    }

    #[test]
    fn one_br_is_a_line_two_end_the_block() {
        let mut b = BlockBuilder::new();
        b.text("a");
        b.line_break();
        b.newline();
        b.text("b");
        b.line_break();
        b.line_break();
        b.text("c");
        assert_eq!(kinds(&b.finish()), vec![(BlockKind::Paragraph, "a\nb"), (BlockKind::Paragraph, "c")]);
    }

    #[test]
    fn bullet_paragraphs_become_items_of_one_list() {
        let mut b = BlockBuilder::new();
        b.text("• a");
        b.newline();
        b.text("• b");
        b.newline();
        b.newline();
        b.text("- single line stays a paragraph");
        let blocks = b.finish();
        assert_eq!(blocks.len(), 3);
        assert_eq!(blocks[0].kind, blocks[1].kind);
        assert!(matches!(blocks[0].kind, BlockKind::ListItem { .. }));
        assert_eq!(blocks[2].kind, BlockKind::Paragraph);
    }

    #[test]
    fn whitespace_around_removed_markup_collapses() {
        let mut b = BlockBuilder::new();
        b.text("foo ");
        b.markup_removed();
        b.text(" bar");
        assert_eq!(b.finish()[0].text, "foo bar");
    }
}
