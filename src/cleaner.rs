//! Provides [`Cleaner`], built once by [`CleanerBuilder`], immutable and shared by threads:
//! `clean(&str) -> Cleaned` runs the residue lexer, the filters and the renderer.

use std::borrow::Cow;
use std::collections::HashSet;

use serde::Serialize;

use crate::block::{Block, BlockKind};
use crate::detect::{self, Input};
use crate::dom;
use crate::error::Error;
use crate::filter::boilerplate::Boilerplate;
use crate::filter::teaser::Teaser;
use crate::filter::{FILTERS, Filter, Switch, dedupe, glue_join, glue_split, links};
use crate::render::{self, Format};
use crate::residue;
use crate::residue::entity;
use crate::residue::template;
use crate::rules::{RuleSet, Shortcodes};
use crate::stats::Stats;
use crate::text::control;
use crate::text::lang::{self, Guessed, Languages, Script};
use crate::text::mojibake;

/// A text's language, as far as it can be told.
#[derive(Clone, Copy, Debug)]
enum Guess {
    /// From the starter lists: an index into them.
    Starters(usize),
    /// From the script (CJK).
    Script(&'static str),
    None,
}

/// Whether `text` holds what the lexer would take for markup: a `<` followed by a letter,
/// `/`, `!`, `?` or a space (`<3`, `<=`, `<<` are prose without a look), an `&` that starts a
/// character reference, a `{{`/`{%` that starts a template, a `[` that starts a shortcode
/// (what a removal between two pieces can make: `&am<b>p;`, `{<b>{ x }}`, `[<!---->b c=]`),
/// or a `>` after a slash, a quote or an attribute, which may end what is left of a cut tag
/// (`<html>/><head>…</head>.` leaves `/>.`, whose `/>` goes where a text starts). Two vector
/// searches: one for `<`, `&` and `>`, one for `{` and `[`.
fn may_start_markup(text: &str, shortcodes: &Shortcodes) -> bool {
    let b = text.as_bytes();
    // A short block is looked at byte by byte: a vector search costs more to start.
    if b.len() < 16 && !b.iter().any(|&c| matches!(c, b'<' | b'&' | b'{' | b'[' | b'>')) {
        return false;
    }
    memchr::memchr2_iter(b'[', b'{', b).any(|i| {
        let rest = b.get(i..).unwrap_or_default();
        if rest.first() == Some(&b'[') {
            template::shortcode(rest, shortcodes).is_some()
        } else {
            matches!(rest.get(1), Some(b'{' | b'%')) && template::expression_len(rest).is_some()
        }
    }) || may_start_tag_reference_or_tail(text)
}

/// Whether the `>` at `text[i]` may end what is left of a tag: after a slash, a quote, or
/// the value of an attribute (`x=1>`), spaces aside. (`5 > 3` and `->` are prose.) The look
/// back is bounded: a value longer than [`MAX_TAIL_VALUE_BYTES`] is no attribute's, and a
/// megabyte of letters followed by a million ` >` is read once.
fn may_end_tag_tail(text: &str, i: usize) -> bool {
    let b = text.as_bytes().get(..i).unwrap_or_default();
    let from = i.saturating_sub(MAX_TAIL_VALUE_BYTES);
    let mut j = i;
    while j > from && matches!(b.get(j - 1), Some(b' ' | b'\t')) {
        j -= 1;
    }
    let Some(&last) = j.checked_sub(1).and_then(|k| b.get(k)) else { return false };
    if matches!(last, b'"' | b'\'') && j < i && quoted_word_then_prose(b, j - 1, text.as_bytes().get(i + 1)) {
        return false;
    }
    if last == b'/' || matches!(last, b'"' | b'\'') {
        return true;
    }
    if last >= 0x80 {
        // A typographic quote (“ ” „ ‟ ‘ ’ ‚ « »): two or three bytes.
        let start = text.get(..j).and_then(|t| t.char_indices().next_back()).map_or(j, |(k, _)| k);
        return text.get(start..j).and_then(|t| t.chars().next()).is_some_and(residue::attr::is_quote);
    }
    // An unquoted value: a run of value bytes right after `=` (the bytes the lexer takes
    // for one).
    if !last.is_ascii_alphanumeric() {
        return false;
    }
    while j > from && b.get(j - 1).is_some_and(|&c| residue::attr::is_unquoted_value_byte(c)) {
        j -= 1;
    }
    j > 0 && b.get(j - 1) == Some(&b'=')
}

/// Whether the quote at `b[q]`, a space and the `>` after it are what the lexer reads as prose
/// (`echo "x" > file`, see `residue::orphan`): `after`, what follows the `>`, is nothing, a
/// space, `>` or `&`, and the quoted text is no attribute's value (no `=` before its opening
/// quote, which is on the line within [`MAX_TAIL_VALUE_BYTES`]; farther, it may be one).
fn quoted_word_then_prose(b: &[u8], q: usize, after: Option<&u8>) -> bool {
    if !residue::attr::redirects(after) {
        return false;
    }
    let quote = b.get(q).copied();
    let from = q.saturating_sub(MAX_TAIL_VALUE_BYTES);
    let before = b.get(from..q).unwrap_or_default();
    match before.iter().rposition(|&c| Some(c) == quote || c == b'\n') {
        Some(k) if before.get(k) == Some(&b'\n') => true,
        Some(k) => {
            let value_start = b.get(..from + k).unwrap_or_default().trim_ascii_end();
            value_start.last() != Some(&b'=')
        }
        // The line starts at the text's start, with no opening quote on it: no value.
        None => from == 0,
    }
}

/// The longest unquoted value (or run of spaces) [`may_end_tag_tail`] looks back over.
const MAX_TAIL_VALUE_BYTES: usize = 256;

/// [`may_start_markup`] for `<`, `&` and `>`.
fn may_start_tag_reference_or_tail(text: &str) -> bool {
    let b = text.as_bytes();
    let mut from = 0;
    while let Some(i) = b.get(from..).and_then(|rest| memchr::memchr3(b'<', b'&', b'>', rest)) {
        let at = from + i;
        let rest = b.get(at..).unwrap_or_default();
        let (hit, next) = match rest.first() {
            Some(b'<') => {
                // In a run of `<` only the last can start anything: the run is crossed byte
                // by byte, not one search per `<` (a megabyte of `<` is an input people send).
                let run = rest.iter().take_while(|&&c| c == b'<').count();
                let after = rest.get(run);
                (
                    after.is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, b'/' | b'!' | b'?' | b' ')),
                    at + run,
                )
            }
            Some(b'&') => (entity::decode(rest).is_some(), at + 1),
            _ => (may_end_tag_tail(text, at), at + 1),
        };
        if hit {
            return true;
        }
        from = next;
    }
    false
}

/// How many times a block that may still hold markup is cleaned again, at most.
const MAX_EXTRA_PASSES: usize = 3;

/// The result of cleaning one text.
///
/// ```
/// let out = descrape::Cleaner::builder().build()?.clean("<p>Der Rat tagte am Montag und beschloss den Plan.</p>");
/// assert_eq!(out.text, "Der Rat tagte am Montag und beschloss den Plan.\n");
/// assert_eq!(out.lang.as_deref(), Some("de"));
/// let page = "<html><head><title>Rat</title></head><body><h1>Der Plan</h1><p>Der Rat tagte am Montag.</p></body></html>";
/// assert_eq!(descrape::Cleaner::builder().build()?.clean(page).title.as_deref(), Some("Der Plan"));
/// assert_eq!(out.stats.tags, 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Cleaned {
    /// The clean text in the format asked for (by default plain text in normal form).
    pub text: String,
    /// What cleaning did.
    pub stats: Stats,
    /// The text's language as guessed from its function words (ISO 639-1, one of the
    /// languages under `rules/language/`), if the evidence was enough.
    pub lang: Option<String>,
    /// The text's title: its first top-level heading (a page's title, which the DOM path puts
    /// first), as the JSON document's `title` says.
    pub title: Option<String>,
}

/// Which filters run (each is on by default), and how the result is rendered.
#[derive(Clone, Copy, Debug)]
struct Config {
    input: Input,
    boilerplate: bool,
    dedupe: bool,
    glue: bool,
    render: render::Options,
}

/// Builds a [`Cleaner`].
///
/// ```
/// let cleaner = descrape::Cleaner::builder().dedupe(false).glue(false).build()?;
/// assert_eq!(cleaner.clean("a<b>b</b>c").text, "abc\n");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct CleanerBuilder {
    rules: Option<RuleSet>,
    config: Config,
}

impl CleanerBuilder {
    /// The rules to use. Default: [`RuleSet::builtin`].
    ///
    /// ```
    /// let mut rules = descrape::RuleSet::builtin();
    /// rules.add_source("90-promo.en.txt", "Subscribe to our podcast")?;
    /// let cleaner = descrape::Cleaner::builder().rules(rules).build()?;
    /// assert_eq!(cleaner.clean("Text.\n\nSubscribe to our podcast").text, "Text.\n");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn rules(mut self, rules: RuleSet) -> CleanerBuilder {
        self.rules = Some(rules);
        self
    }

    /// Remove page furniture? Default: true. One switch for three filters: wholly boilerplate
    /// blocks (comment forms, share bars, cookie notices …), blocks that are mostly link text
    /// (menus, tag lists) and teasers of other stories (`… Read more »`).
    ///
    /// ```
    /// let keep = descrape::Cleaner::builder().boilerplate(false).build()?;
    /// assert_eq!(keep.clean("Leave a Reply").text, "Leave a Reply\n");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn boilerplate(mut self, on: bool) -> CleanerBuilder {
        self.config.boilerplate = on;
        self
    }

    /// Remove a block that repeats the one before it in other words? Default: true.
    ///
    /// ```
    /// let c = descrape::Cleaner::builder().dedupe(false).build()?;
    /// let text = "The mayor opens the new bridge\n\nMayor opens new bridge";
    /// assert_eq!(c.clean(text).text.matches("bridge").count(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn dedupe(mut self, on: bool) -> CleanerBuilder {
        self.config.dedupe = on;
        self
    }

    /// Repair glued and cut paragraphs? Default: true.
    ///
    /// ```
    /// let c = descrape::Cleaner::builder().glue(false).build()?;
    /// assert_eq!(c.clean("Es regnete.Danach schien die Sonne.").text, "Es regnete.Danach schien die Sonne.\n");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn glue(mut self, on: bool) -> CleanerBuilder {
        self.config.glue = on;
        self
    }

    /// How texts are read: whole pages on the DOM path, residue through the lexer, or each
    /// as it looks ([`Input::Auto`], the default; see [`crate::is_document`]).
    ///
    /// ```
    /// use descrape::{Cleaner, Input};
    /// let page = "<html><body><nav>Home</nav><article><p>Der Rat tagte am Montag.</p></article></body></html>";
    /// let out = Cleaner::builder().build()?.clean(page);
    /// assert_eq!((out.text.as_str(), out.stats.pages), ("Der Rat tagte am Montag.\n", 1));
    /// let out = Cleaner::builder().input(Input::Text).build()?.clean(page);
    /// assert_eq!(out.stats.pages, 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn input(mut self, input: Input) -> CleanerBuilder {
        self.config.input = input;
        self
    }

    /// What [`Cleaner::clean`] writes: plain text (the default), Markdown or JSON.
    ///
    /// ```
    /// use descrape::{Cleaner, Format};
    /// let md = Cleaner::builder().format(Format::Markdown).build()?;
    /// assert_eq!(md.clean("<h2>Results</h2><ul><li>one</li><li>two</li></ul>").text, "## Results\n\n- one\n- two\n");
    /// # Ok::<(), descrape::Error>(())
    /// ```
    pub fn format(mut self, format: Format) -> CleanerBuilder {
        self.config.render.format = format;
        self
    }

    /// Markdown: write links as `[text](href)`? Default: false (their text only).
    ///
    /// ```
    /// let md = descrape::Cleaner::builder().format(descrape::Format::Markdown).links(true).build()?;
    /// assert_eq!(md.clean("<p>See <a href=\"/docs\">the docs</a>.</p>").text, "See [the docs](/docs).\n");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn links(mut self, on: bool) -> CleanerBuilder {
        self.config.render.links = on;
        self
    }

    /// Builds the cleaner: compiles the phrase matcher and the language lists.
    ///
    /// ```
    /// let cleaner = descrape::Cleaner::builder().build()?;
    /// assert_eq!(cleaner.clean("x &amp; y").text, "x & y\n");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn build(self) -> Result<Cleaner, Error> {
        let rules = self.rules.unwrap_or_else(RuleSet::builtin);
        Ok(Cleaner {
            boilerplate: Boilerplate::new(&rules),
            teaser: Teaser::new(&rules),
            languages: Languages::new(&rules.starters, &rules.dangling, &rules.common),
            dom: dom::Compiled::new(&rules),
            abbreviations: rules.abbreviations.iter().cloned().collect(),
            config: self.config,
            rules,
        })
    }
}

/// Cleans text. Build it once, share it (`&Cleaner` is `Send + Sync`), call
/// [`Cleaner::clean`] as often as needed.
///
/// ```
/// let cleaner = descrape::Cleaner::builder().build()?;
/// std::thread::scope(|s| {
///     for text in ["<p>eins</p>", "<p>zwei</p>"] {
///         let cleaner = &cleaner;
///         s.spawn(move || assert!(cleaner.clean(text).text.ends_with('\n')));
///     }
/// });
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Cleaner {
    rules: RuleSet,
    boilerplate: Boilerplate,
    teaser: Teaser,
    languages: Languages,
    dom: dom::Compiled,
    abbreviations: HashSet<String>,
    config: Config,
}

impl Cleaner {
    /// A builder with every default.
    ///
    /// ```
    /// let cleaner = descrape::Cleaner::builder().build()?;
    /// assert_eq!(cleaner.format(), descrape::Format::Text);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn builder() -> CleanerBuilder {
        CleanerBuilder {
            rules: None,
            config: Config {
                input: Input::Auto,
                boilerplate: true,
                dedupe: true,
                glue: true,
                render: render::Options::default(),
            },
        }
    }

    /// Cleans `input`: never fails, never panics, linear in the input's length. The text
    /// that comes out holds no control characters but newlines (and tabs inside
    /// preformatted blocks).
    ///
    /// ```
    /// let cleaner = descrape::Cleaner::builder().build()?;
    /// let out = cleaner.clean("<p _ngcontent-sc90 class= Während die Sonne schien.</p>");
    /// assert_eq!(out.text, "Während die Sonne schien.\n");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn clean(&self, input: &str) -> Cleaned {
        // One look decides both: a page within the limits takes the DOM path, a larger one is
        // read as text and counted.
        let document = self.looks_like_page(input);
        let page = document && self.within_page_limits(input);
        let mut cleaned = self.clean_as(input, page);
        if document && !page {
            cleaned.stats.large_pages += 1;
        }
        cleaned
    }

    /// Whether `input` takes the DOM path: by the `input` setting, else by its look; a page
    /// larger than `dom_max_page_bytes` is read as residue, so memory stays bounded.
    pub(crate) fn reads_as_page(&self, input: &str) -> bool {
        self.looks_like_page(input) && self.within_page_limits(input)
    }

    /// Whether `input` is a page by the `input` setting, else by its look, whatever its size.
    pub(crate) fn looks_like_page(&self, input: &str) -> bool {
        match self.config.input {
            Input::Html => true,
            Input::Text => false,
            Input::Auto => detect::is_document(input),
        }
    }

    /// The largest input that may be read as a page (0 when every input is read as text).
    pub(crate) fn page_limit(&self) -> usize {
        if self.config.input == Input::Text { 0 } else { self.rules.defaults.dom_max_page_bytes }
    }

    /// Whether a page this large and this deep can take the DOM path.
    pub(crate) fn within_page_limits(&self, input: &str) -> bool {
        input.len() <= self.rules.defaults.dom_max_page_bytes
            && dom::fits(input, self.rules.defaults.dom_max_elements)
    }

    /// Cleans `input` on the DOM path (`page`) or as residue.
    pub(crate) fn clean_as(&self, input: &str, page: bool) -> Cleaned {
        let mut stats = Stats::default();
        let mut blocks = self.lex(input, page, &mut stats);
        // Plain text writes a rule as nothing: the blocks on either side of it meet, and are
        // judged side by side (a repeat, a list's items on consecutive lines), as a second
        // cleaning judges them.
        if self.config.render.format == Format::Text {
            blocks.retain(|b| b.kind != BlockKind::Rule);
        }
        // Text with none of `<`, `&`, `>`, `{`, `[` has nothing a removal could have made
        // into markup: two vector searches instead of a look at every block.
        let b = input.as_bytes();
        let markup_bytes =
            memchr::memchr3(b'<', b'&', b'>', b).is_some() || memchr::memchr2(b'{', b'[', b).is_some();
        let blocks = if markup_bytes { self.settle(blocks, &mut stats) } else { blocks };
        let (blocks, lang) = self.filter(blocks, page, &mut stats);
        stats.bytes_in = input.len() as u64;
        self.render(blocks, lang, stats)
    }

    /// Runs the filters on `blocks` made elsewhere (by a [`crate::BlockBuilder`] a DOM walker
    /// or any other reader drove) and renders them as this cleaner's format says. Their text
    /// is taken as clean: nothing in it is read as markup again.
    ///
    /// ```
    /// use descrape::{BlockBuilder, Context};
    /// let mut b = BlockBuilder::new();
    /// b.open(Context::Plain);
    /// b.text("The vote is on Monday, x < y notwithstanding.");
    /// b.close(Context::Plain);
    /// b.open(Context::Plain);
    /// b.text("Leave a Reply");
    /// let out = descrape::Cleaner::builder().build()?.clean_blocks(b.finish());
    /// assert_eq!(out.text, "The vote is on Monday, x < y notwithstanding.\n");
    /// assert_eq!(out.stats.rule("comment-form"), 1);
    /// # Ok::<(), descrape::Error>(())
    /// ```
    pub fn clean_blocks(&self, blocks: Vec<Block>) -> Cleaned {
        let mut stats = Stats { blocks_in: blocks.len() as u64, ..Stats::default() };
        stats.bytes_in = blocks.iter().map(|b| b.text.len() as u64).sum();
        let (blocks, lang) = self.filter(blocks, false, &mut stats);
        self.render(blocks, lang, stats)
    }

    /// Renders filtered blocks and finishes the stats.
    fn render(&self, blocks: Vec<Block>, lang: Guess, mut stats: Stats) -> Cleaned {
        let lang = match lang {
            Guess::Starters(i) => self.rules.starters.get(i).map(|s| s.lang.clone()),
            Guess::Script(code) => Some(code.to_owned()),
            Guess::None => None,
        };
        stats.blocks_out = blocks.iter().filter(|b| b.kind != BlockKind::Rule).count() as u64;
        let title = render::title(&blocks).map(str::to_owned);
        let text = if self.config.render.format == Format::Json {
            // The document's stats count the text it holds.
            stats.bytes_out = render::to_text(&blocks).len() as u64;
            render::render(&blocks, self.config.render, lang.as_deref(), &stats)
        } else {
            let text = render::render(&blocks, self.config.render, lang.as_deref(), &stats);
            stats.bytes_out = text.len() as u64;
            text
        };
        Cleaned { text, stats, lang, title }
    }

    /// Brings `blocks` to a fixed point. Whether a `<` is markup depends on what surrounds it,
    /// and cleaning changes that: `<p“ />`, `!“/< p > />`, `<p<!---->>`, `&am<b>p;` leave text
    /// that reads differently once the markup around it is gone. A block that still holds
    /// something that may start markup (and nothing decoded from a reference, which is what
    /// the page displayed) is lexed again, alone; where that changes it, the block is cleaned
    /// again, alone, up to [`MAX_EXTRA_PASSES`] times; so is a list's run of items, as the
    /// lines plain text writes them ([`Self::settle_runs`]). It runs before the filters, so those
    /// that weigh a block against its neighbours (a repeat of the block before, a paragraph
    /// cut mid-sentence) judge the settled text, as a second cleaning would. So cleaning clean
    /// text changes nothing, and prose without such a character, nearly all of it, costs a
    /// `memchr` per block.
    fn settle(&self, mut blocks: Vec<Block>, stats: &mut Stats) -> Vec<Block> {
        for _ in 0..MAX_EXTRA_PASSES {
            let (settled, alone) = self.settle_blocks(blocks, stats);
            let (settled, runs) = self.settle_runs(settled, stats);
            blocks = settled;
            if !alone && !runs {
                break;
            }
        }
        blocks
    }

    /// Whether `b` may hold markup a removal made (and nothing a reference decoded).
    fn may_hold_markup(&self, b: &Block) -> bool {
        !b.decoded_markup && may_start_markup(&b.text, &self.rules.shortcodes)
    }

    /// One round of [`Self::settle`] over single blocks; whether any changed.
    fn settle_blocks(&self, blocks: Vec<Block>, stats: &mut Stats) -> (Vec<Block>, bool) {
        let unsettled = |b: &Block| self.may_hold_markup(b) && !self.lexer_keeps(b);
        // Each block is judged once a round (judging lexes it again): the blocks before the
        // first unsettled one are kept as they are, the rest judged as they come.
        let Some(first) = blocks.iter().position(unsettled) else {
            return (blocks, false);
        };
        let mut out = Vec::with_capacity(blocks.len());
        for (i, block) in blocks.into_iter().enumerate() {
            if i < first || i > first && !unsettled(&block) {
                out.push(block);
                continue;
            }
            out.extend(self.relex(&block.text, Some(block.kind), stats));
        }
        (out, true)
    }

    /// One round of [`Self::settle`] over the items of one list, which plain text writes on
    /// consecutive lines: what each holds alone may read as markup across the line between
    /// them (`j<p` and `>`: `<p` and `>` make a tag), as a second cleaning reads them. Such a
    /// run is lexed again as that text, which a second cleaning reads as one paragraph.
    fn settle_runs(&self, blocks: Vec<Block>, stats: &mut Stats) -> (Vec<Block>, bool) {
        // The runs whose text reads otherwise, as ranges of `blocks`, and that text. Blocks
        // are only moved when there is one.
        let mut unsettled = Vec::new();
        let mut start = 0;
        // Only list items are written on consecutive lines: the others are passed over fast.
        let item = |b: &Block| matches!(b.kind, BlockKind::ListItem { .. });
        while let Some(first) = blocks.get(start..).and_then(|rest| rest.iter().position(item)) {
            start += first;
            let mut end = start + 1;
            while blocks
                .get(end)
                .is_some_and(|b| blocks.get(end - 1).is_some_and(|a| a.kind.same_list(b.kind)))
            {
                end += 1;
            }
            let run = blocks.get(start..end).unwrap_or_default();
            if run.len() > 1
                && run.iter().any(|b| self.may_hold_markup(b))
                && !run.iter().any(|b| b.decoded_markup)
            {
                let text = run.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join("\n");
                if !self.lexer_keeps_text(&text) {
                    unsettled.push((start..end, text));
                }
            }
            start = end;
        }
        if unsettled.is_empty() {
            return (blocks, false);
        }
        let mut out = Vec::with_capacity(blocks.len());
        let mut blocks = blocks.into_iter().enumerate().peekable();
        for (range, text) in unsettled {
            while let Some((_, b)) = blocks.next_if(|(i, _)| *i < range.start) {
                out.push(b);
            }
            while blocks.next_if(|(i, _)| range.contains(i)).is_some() {}
            out.extend(self.relex(&text, None, stats));
        }
        out.extend(blocks.map(|(_, b)| b));
        (out, true)
    }

    /// The blocks of `text` lexed again, alone, on the residue path, its stats added but for
    /// the blocks read in. `kind`: the kind of the block `text` was, which it keeps if it stays
    /// one block (a heading, a list item); a preformatted block made in a block that was none
    /// is read as its text reads, and a rule stays a rule.
    fn relex(&self, text: &str, kind: Option<BlockKind>, stats: &mut Stats) -> Vec<Block> {
        let mut again = Stats::default();
        let mut cleaned = self.lex(text, false, &mut again);
        // Unfenced first: a `<pre>` made in a block that was none gives prose, whose lines
        // are trimmed (`<<!---->pre> code` is ` code` in a code block, and `code` as prose).
        if kind != Some(BlockKind::Preformatted) {
            cleaned = self.unfence(cleaned, &mut again);
        }
        // A rule (`<H` + `r` read as `<Hr`) has no text to be a heading or an item of.
        if let (Some(kind), [one]) = (kind, cleaned.as_mut_slice()) {
            if one.kind != BlockKind::Rule {
                one.kind = kind;
            }
        }
        let blocks_in = stats.blocks_in;
        *stats += again;
        stats.blocks_in = blocks_in;
        cleaned
    }

    /// `blocks` with each preformatted block read as its text reads. A `<pre>` that settling
    /// finds in a block which was not preformatted was made by a removal (`<<!-->pre>`, the
    /// empty comment gone): the text after it was prose, and plain text writes a preformatted
    /// block as lines, which a second cleaning reads as prose (and repairs, as the glue split
    /// does) rather than as code.
    fn unfence(&self, blocks: Vec<Block>, stats: &mut Stats) -> Vec<Block> {
        if blocks.iter().all(|b| b.kind != BlockKind::Preformatted) {
            return blocks;
        }
        let mut out = Vec::with_capacity(blocks.len());
        for block in blocks {
            if block.kind == BlockKind::Preformatted {
                let text = render::to_text(std::slice::from_ref(&block));
                out.extend(self.lex(&text, false, stats));
            } else {
                out.push(block);
            }
        }
        out
    }

    /// Whether the lexer leaves `block` as it is, lexed alone (what the lexer decides does
    /// not reach past a blank line).
    fn lexer_keeps(&self, block: &Block) -> bool {
        self.lexer_keeps_text(&block.text)
    }

    /// Whether the lexer leaves `text` as it is, lexed alone.
    fn lexer_keeps_text(&self, text: &str) -> bool {
        let mut scratch = Stats::default();
        let again = render::to_text(&residue::lex(text, &self.rules, &mut scratch));
        again.strip_suffix('\n') == Some(text)
    }

    /// The clean blocks of `input`, before rendering.
    ///
    /// ```
    /// use descrape::{BlockKind, Stats};
    /// let cleaner = descrape::Cleaner::builder().build()?;
    /// let blocks = cleaner.blocks("<h2>Title</h2><p>Text.</p>", &mut Stats::default());
    /// assert_eq!(blocks[0].kind, BlockKind::Heading { level: 2 });
    /// assert_eq!(blocks[1].text, "Text.");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn blocks(&self, input: &str, stats: &mut Stats) -> Vec<Block> {
        let page = self.reads_as_page(input);
        let blocks = self.lex(input, page, stats);
        let blocks = self.settle(blocks, stats);
        self.filter(blocks, page, stats).0
    }

    /// The blocks of `input` on the DOM path (`page`) or the residue lexer's, before any filter.
    ///
    /// Text decoded twice is repaired first ([`mojibake`]), and again in each block: removing
    /// markup or decoding a reference can join what a repair reads as one character
    /// (`Ã<b>©`), which a second cleaning would repair.
    fn lex(&self, input: &str, page: bool, stats: &mut Stats) -> Vec<Block> {
        let (input, mode) = Self::readable(input, stats);
        // What the lexer removed or decoded: where it did nothing, each block's text is the
        // input's, already repaired.
        let changes = |s: &Stats| {
            s.tags
                + s.broken_tags
                + s.attribute_tails
                + s.comments
                + s.dropped_elements
                + s.entities
                + s.templates
        };
        let before = changes(stats);
        let mut blocks = if page {
            dom::blocks(&input, &self.rules, &self.dom, stats)
        } else {
            residue::lex(&input, &self.rules, stats)
        };
        if page || changes(stats) != before {
            Self::repair_joins(&mut blocks, mode, stats);
        }
        stats.blocks_in = blocks.len() as u64;
        blocks
    }

    /// `input` with markup escaped as a whole read one layer down (`residue::unescape_markup`)
    /// and the CDATA sections that hold an article unwrapped (`residue::unwrap_cdata`), then
    /// without control characters and with text decoded twice read again; and the mode it was
    /// repaired in (`None`: it holds no lead of such text).
    fn readable<'a>(input: &'a str, stats: &mut Stats) -> (Cow<'a, str>, Option<mojibake::Mode>) {
        // Markup escaped as a whole (a feed's description) is read one layer down, and a feed
        // item's CDATA section is the article's markup.
        let (unescaped, references) = residue::unescape_markup(input);
        stats.entities += references;
        let rewritten = match unescaped {
            Cow::Owned(text) => Some(text),
            Cow::Borrowed(_) => None,
        };
        let (unwrapped, sections) = residue::unwrap_cdata(rewritten.as_deref().unwrap_or(input));
        stats.comments += sections;
        let rewritten = match unwrapped {
            Cow::Owned(text) => Some(text),
            Cow::Borrowed(_) => rewritten,
        };
        match rewritten {
            None => Self::repaired(input, stats),
            Some(text) => {
                let (repaired, mode) = Self::repaired(&text, stats);
                (Cow::Owned(repaired.into_owned()), mode)
            }
        }
    }

    /// [`Self::readable`] after the markup was read: controls out, text decoded twice read again.
    fn repaired<'a>(input: &'a str, stats: &mut Stats) -> (Cow<'a, str>, Option<mojibake::Mode>) {
        if !mojibake::may_hold(input) {
            let (input, controls) = control::strip(input);
            stats.controls += controls;
            return (input, None);
        }
        let (kept, controls) = control::strip_keeping_c1(input);
        stats.controls += controls;
        let (repaired, done, mode) = mojibake::repair_text(&kept);
        stats.mojibake += done.chars;
        stats.controls += done.controls;
        let text = match repaired {
            Cow::Owned(text) => Cow::Owned(text),
            Cow::Borrowed(_) => kept,
        };
        (text, Some(mode))
    }

    /// Repairs text decoded twice in each block, in `mode` (the input's): removing markup or
    /// decoding a reference may have joined a lead and what completes it (`Ã<b>©`).
    fn repair_joins(blocks: &mut Vec<Block>, mode: Option<mojibake::Mode>, stats: &mut Stats) {
        let mode = mode.unwrap_or(mojibake::Mode::Strict);
        let mut emptied = false;
        for b in blocks.iter_mut().filter(|b| mojibake::may_hold(&b.text)) {
            let (repaired, done) = mojibake::repair(&b.text, mode);
            if let Cow::Owned(text) = repaired {
                stats.mojibake += done.chars;
                stats.controls += done.controls;
                // What a repair makes can be a space (`Â` before a decoded `&nbsp;` is a
                // no-break space): a line starts and ends with no space, as it did before.
                let pre = b.kind == BlockKind::Preformatted;
                fn trim(l: &str, pre: bool) -> &str {
                    if pre { l.trim_end() } else { l.trim() }
                }
                let text = if text.lines().all(|l| trim(l, pre).len() == l.len()) {
                    text
                } else {
                    let lines: Vec<&str> =
                        text.lines().map(|l| trim(l, pre)).filter(|l| pre || !l.is_empty()).collect();
                    lines.join("\n")
                };
                // Nothing but that space: the block is gone (marked by its empty text, which
                // only a rule has otherwise, and a rule holds no text to repair).
                emptied |= text.is_empty();
                b.replace_text(text);
            }
        }
        if emptied {
            blocks.retain(|b| !b.text.is_empty() || b.kind == BlockKind::Rule);
        }
    }

    /// Guesses the language and runs the filters in their order.
    ///
    /// The language is guessed from the blocks, and what the filters remove (a menu, a
    /// comment form in another language) can change the guess a second cleaning makes, and
    /// with it what the language's lists decide (a seam joined on a word that dangles in
    /// Polish). So when the filters changed the blocks, the language is guessed again from
    /// what they left, and where it differs the filters run again in it, as a second
    /// cleaning would.
    fn filter(&self, mut blocks: Vec<Block>, page: bool, stats: &mut Stats) -> (Vec<Block>, Guess) {
        let (mut lang, mut guess) = self.guess(&blocks);
        for _ in 0..=MAX_EXTRA_PASSES {
            let shape = |b: &[Block]| (b.len(), b.iter().map(|b| b.text.len()).sum::<usize>());
            let before = shape(&blocks);
            self.run_all(&mut blocks, page, lang, stats);
            if shape(&blocks) == before {
                break;
            }
            let (again, again_guess) = self.guess(&blocks);
            if again == lang {
                break;
            }
            (lang, guess) = (again, again_guess);
        }
        (blocks, guess)
    }

    /// The language of `blocks`: an index into the starter lists, and what to report. The
    /// starter lists only know alphabetic languages: a few Latin words in a Chinese page's
    /// menus are no evidence of Portuguese.
    fn guess(&self, blocks: &[Block]) -> (Guessed, Guess) {
        match lang::script(blocks) {
            Script::Alphabetic | Script::Unknown => {
                let g = self.languages.guess(blocks, self.rules.defaults.lang_min_hits);
                (g, g.main.map_or(Guess::None, Guess::Starters))
            }
            Script::Cjk(code) => (Guessed::default(), Guess::Script(code)),
            Script::Other => (Guessed::default(), Guess::None),
        }
    }

    /// Runs the filters in their order, in the languages `lang`.
    fn run_all(&self, blocks: &mut Vec<Block>, page: bool, lang: Guessed, stats: &mut Stats) {
        // The filters that judge blocks side by side: a box's notice, its pitch and its
        // buttons (boilerplate), a cut paragraph and its continuation (the join). Where they
        // stop in the table, how many blocks they left, and whether a block the boilerplate
        // filter judged boilerplate stayed (only then can it act again).
        let mut boilerplate_seen = false;
        let mut settled = None;
        for (i, spec) in FILTERS.iter().enumerate() {
            if self.runs(spec.switch) {
                let seen = self.run(spec.filter, blocks, page, lang, stats);
                if spec.filter == Filter::Boilerplate {
                    boilerplate_seen = seen;
                }
                if matches!(spec.filter, Filter::Boilerplate | Filter::GlueJoin) {
                    settled = Some((i, blocks.len()));
                }
            }
        }
        // A block the filters after them removed (a repeat, a list of links, a teaser) may
        // have stood between two blocks that now meet, and that a second cleaning would judge
        // side by side: so they run again, and when they remove or join, the filters after
        // them run again on what they made. On nearly all inputs nothing after them removes a
        // block, and this costs nothing.
        if let Some((at, mut settled_len)) = settled {
            for _ in 0..MAX_EXTRA_PASSES {
                if blocks.len() == settled_len {
                    break;
                }
                let before = blocks.len();
                let rejudged = |f: Filter| match f {
                    Filter::Boilerplate => boilerplate_seen,
                    Filter::GlueJoin => true,
                    _ => false,
                };
                for spec in FILTERS.iter().filter(|s| rejudged(s.filter) && self.runs(s.switch)) {
                    self.run(spec.filter, blocks, page, lang, stats);
                }
                if blocks.len() == before {
                    break;
                }
                settled_len = blocks.len();
                for spec in FILTERS.iter().skip(at + 1).filter(|s| self.runs(s.switch)) {
                    self.run(spec.filter, blocks, page, lang, stats);
                }
            }
        }
    }

    /// Whether this cleaner runs the filters `switch` turns on.
    fn runs(&self, switch: Switch) -> bool {
        match switch {
            Switch::Glue => self.config.glue,
            Switch::Boilerplate => self.config.boilerplate,
            Switch::Dedupe => self.config.dedupe,
        }
    }

    /// Runs one filter over `blocks`, in the languages `lang`.
    /// Returns false where a removal elsewhere could not make the filter act where it did not
    /// (the boilerplate filter when no block it judged boilerplate stayed), else true.
    fn run(
        &self,
        filter: Filter,
        blocks: &mut Vec<Block>,
        page: bool,
        lang: Guessed,
        stats: &mut Stats,
    ) -> bool {
        let d = &self.rules.defaults;
        match filter {
            Filter::Boilerplate => return self.boilerplate.apply(blocks, stats),
            Filter::GlueSplit => {
                let cx = glue_split::Knowledge {
                    languages: &self.languages,
                    lang,
                    abbreviations: &self.abbreviations,
                    min_lower_run: d.glue_min_lower_run,
                    lexer_keeps: &|t| self.lexer_keeps_text(t),
                };
                glue_split::apply(blocks, &cx, stats);
            }
            Filter::GlueJoin => {
                let k = glue_join::Knowledge { languages: &self.languages, lang: lang.main };
                glue_join::apply(blocks, d, &k, stats);
            }
            Filter::Dedupe => dedupe::apply(blocks, d, stats),
            Filter::Links => {
                let max = if page { d.dom_link_max_share } else { d.link_max_share };
                links::apply(blocks, max, stats);
            }
            Filter::Teaser => self.teaser.apply(blocks, stats),
        }
        true
    }

    /// The format [`Cleaner::clean`] writes.
    ///
    /// ```
    /// let c = descrape::Cleaner::builder().format(descrape::Format::Json).build()?;
    /// assert_eq!(c.format(), descrape::Format::Json);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn format(&self) -> Format {
        self.config.render.format
    }

    /// The names of every rule that can fire (the keys of [`Stats::rules`]), sorted: the
    /// filters' own and the boilerplate topics.
    ///
    /// ```
    /// let names = descrape::Cleaner::builder().build()?.rule_names();
    /// assert!(names.iter().any(|n| n == "glue-join") && names.iter().any(|n| n == "comment-form"));
    /// assert!(names.iter().any(|n| n == "legal") && names.iter().any(|n| n == "layout-copy"));
    /// # Ok::<(), descrape::Error>(())
    /// ```
    pub fn rule_names(&self) -> Vec<String> {
        let mut names = self.rules.topics();
        names.extend(FILTERS.iter().filter_map(|f| f.rule).map(String::from));
        names.push(crate::dom::COPY_RULE.into());
        names.push(crate::filter::boilerplate::LEGAL.into());
        names.sort();
        names.dedup();
        names
    }

    /// The rules this cleaner was built with.
    ///
    /// ```
    /// let c = descrape::Cleaner::builder().build()?;
    /// assert!(c.rules().defaults().link_max_share > 0.0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lines_of_a_list_item_or_a_heading_are_judged_as_a_paragraphs() {
        // Plain text writes their lines as a paragraph's, and a second cleaning reads them
        // so: the share label went on the second pass only (found by fuzzing, `<dd>e\rrespon`).
        let c = Cleaner::builder().build().unwrap();
        for (input, want) in [
            (
                "<ul><li>Die Wahl in Berlin endet mit einem Sieg der Opposition.\nTeilen</li></ul>",
                "Die Wahl in Berlin endet mit einem Sieg der Opposition.\n",
            ),
            ("<h2>Die Wahl in Berlin\nTeilen</h2><p>Der Text.</p>", "Die Wahl in Berlin\n\nDer Text.\n"),
            ("<dd>e\rrespon", "e\n"),
        ] {
            let once = c.clean(input).text;
            assert_eq!(once, want, "{input:?}");
            assert_eq!(c.clean(&once).text, once, "{input:?}");
        }
    }

    #[test]
    fn a_block_settled_after_the_filters_is_weighed_again_against_its_neighbours() {
        // `<<b>tt>` leaves `<tt>`, which only the settling pass removes: the alt text then
        // repeats the headline, as a second cleaning would find.
        let c = Cleaner::builder().build().unwrap();
        let input = "Council approves the new tram line\n\nCouncil approves <<b>tt><<b>kbd>the new tram line, photo by Anna Berg\n";
        let once = c.clean(input).text;
        assert_eq!(once, "Council approves the new tram line\n");
        assert_eq!(c.clean(&once).text, once);
    }

    #[test]
    fn markup_escaped_as_a_whole_is_read_one_layer_down() {
        // A feed's description: every tag escaped. Read as it was, its tags were decoded into
        // text; a tutorial's escaped tag in a sentence stays what the page showed.
        let c = Cleaner::builder().build().unwrap();
        let feed = "&lt;p&gt;Der Stadtrat hat am Montag getagt.&lt;/p&gt;\n&lt;p class=&quot;lead&quot;&gt;Er beschloss den Bau einer neuen Br&amp;uuml;cke.&lt;br /&gt;Sie kostet 5&amp;nbsp;Mio. &amp;euro;.&lt;/p&gt;&lt;p&gt;Schreibe einen Kommentar&lt;/p&gt;";
        let out = c.clean(feed);
        assert_eq!(
            out.text,
            "Der Stadtrat hat am Montag getagt.\n\nEr beschloss den Bau einer neuen Brücke.\nSie kostet 5 Mio. €.\n"
        );
        assert_eq!(c.clean(&out.text).text, out.text);
        let tutorial = "Wrap each paragraph in &lt;p&gt; and &lt;/p&gt; tags.";
        assert_eq!(c.clean(tutorial).text, "Wrap each paragraph in <p> and </p> tags.\n");
    }

    #[test]
    fn a_feed_items_cdata_section_is_its_article() {
        // An RSS item's content comes wrapped in CDATA, and a pipeline takes it as it is: the
        // whole article was dropped with the section. A script's guard holds code, and goes.
        let c = Cleaner::builder().build().unwrap();
        let item =
            "<![CDATA[<p>Die neue Brücke wird im Mai eröffnet.</p><p>Sie kostet 12 Millionen Euro.</p>]]>";
        assert_eq!(
            c.clean(item).text,
            "Die neue Brücke wird im Mai eröffnet.\n\nSie kostet 12 Millionen Euro.\n"
        );
        let guard = "<p>Der Rat tagte.</p>//<![CDATA[\nvar x = 1;\n//]]>\n<p>Er beschloss den Bau.</p>";
        assert_eq!(c.clean(guard).text, "Der Rat tagte.\n\nEr beschloss den Bau.\n");
    }

    #[test]
    fn text_decoded_twice_is_read_again_before_and_after_the_markup_goes() {
        let c = Cleaner::builder().build().unwrap();
        // Windows-1252 mojibake in residue, counted.
        let out = c.clean("<p>It doesn\u{e2}\u{20ac}\u{2122}t <b>work</b> at the caf\u{c3}\u{a9}.</p>");
        assert_eq!(out.text, "It doesn’t work at the café.\n");
        assert_eq!(out.stats.mojibake, 2);
        // Latin-1 mojibake: the C1 controls are its bytes, not controls to remove.
        assert_eq!(c.clean("you\u{e2}\u{80}\u{99}re \u{85}here").text, "you’re here\n");
        // Removing a tag joins a lead and what completes it: read as one, as a second cleaning
        // would.
        let once = c.clean("<p>Das Caf\u{c3}<b>\u{a9}</b> ist zu.</p>").text;
        assert_eq!(once, "Das Café ist zu.\n");
        assert_eq!(c.clean(&once).text, once);
        // And on a page.
        let page = "<!DOCTYPE html><html><body><article><h1>Caf\u{c3}\u{a9}</h1><p>Ein Caf\u{c3}<i>\u{a9}</i> in K\u{c3}\u{b6}ln, seit Jahren beliebt, hat geschlossen, sagt die Stadt.</p></article></body></html>";
        let out = c.clean(page).text;
        assert!(out.contains("Ein Café in Köln"), "{out}");
        // Real text with such letters stays as it is.
        let real = "»Gruß« sagte er im ÉTÉ\u{a0}! Crème brûlée.\n";
        assert_eq!(c.clean(real).text, real);
    }

    /// `input` cleaned by `c`, which cleaning again leaves as it is.
    fn cleaned_twice(c: &Cleaner, input: &str) -> String {
        let once = c.clean(input).text;
        assert_eq!(c.clean(&once).text, once, "a second cleaning changed {input:?}");
        once
    }

    #[test]
    fn a_shortcode_made_by_removing_a_comment_goes_too() {
        // Removing the comment makes `[b c=]`, a shortcode's shape, which a second cleaning
        // would remove: it goes in the first.
        let c = Cleaner::builder().build().unwrap();
        let once = cleaned_twice(&c, "Der Text [<!---->b c=] geht weiter.");
        assert_eq!(once, "Der Text geht weiter.\n");
        // Brackets that are prose stay.
        let prose = "See [1] and [note: x = 1] here.\n";
        assert_eq!(c.clean(prose).text, prose);
    }

    #[test]
    fn list_items_are_settled_as_the_lines_plain_text_writes_them() {
        // `<html>` ends the item `j<p` and starts `>`: alone, each reads as text; on the two
        // lines plain text writes, `<p` and `>` are a tag, which a second cleaning removes.
        let c = Cleaner::builder().build().unwrap();
        let once = cleaned_twice(&c, "<DL<DD\nj<p<html>>");
        assert_eq!(once, "j\n");
        // Items that read as they are keep their lines.
        assert_eq!(c.clean("<ul><li>x < y</li><li>> quoted</li></ul>").text, "x < y\n> quoted\n");
    }

    #[test]
    fn blocks_on_either_side_of_a_rule_are_neighbours_in_plain_text() {
        // Plain text writes `<hr>` as nothing: the repeat after it meets the title before it.
        let c = Cleaner::builder().build().unwrap();
        let input = "<p>Council approves the new tram line</p><hr><p>Council approves the new tram line</p>";
        let once = cleaned_twice(&c, input);
        assert_eq!(once, "Council approves the new tram line\n");
        // Markdown writes the rule, and the blocks stay apart.
        let md = Cleaner::builder().format(Format::Markdown).build().unwrap();
        assert_eq!(md.clean(input).text.matches("Council").count(), 2);
    }

    #[test]
    fn a_run_of_alike_blocks_is_found_as_a_second_cleaning_finds_it() {
        // The first two are the texts of cut attributes (each ends at `'>`), which plain text
        // does not say: whether the three make a run is judged without it.
        let c = Cleaner::builder().build().unwrap();
        cleaned_twice(&c, "A~p<u<h2'\u{fffd}>O'>O~p<u<h2'\u{fffd}!D'>A!O~p<u<h2'\u{fffd}.");
    }

    #[test]
    fn a_tag_tail_that_meets_text_once_a_tag_goes_goes_too() {
        // `/>` before a tag is kept (a tag written one token per line); once the `<span>`
        // goes, it stands before text, where it is what is left of a void element.
        let c = Cleaner::builder().build().unwrap();
        assert_eq!(cleaned_twice(&c, "<p>Text.</p>/><span>x</span>."), "Text.\n\nx.\n");
        assert_eq!(c.clean("<p>Text.</p>/><span>x</span>.").text, "Text.\n\nx.\n");
        // Prose with a `>` stays as it is.
        assert_eq!(
            c.clean("If x > 3 then -> stop, as the \"spec\" > draft says.").text,
            "If x > 3 then -> stop, as the \"spec\" > draft says.\n"
        );
    }

    // A quoted word, a space and `>` before a space is a shell redirection to the lexer, not a
    // cut attribute's tail: a block of them is not lexed again to see that (a megabyte of
    // `x" > ` on one line was lexed twice). A quoted value after `=` may be an attribute's.
    #[test]
    fn a_redirection_after_a_quoted_word_is_no_markup_to_settle() {
        let none = Shortcodes::default();
        for prose in
            ["echo \"x\" > log", "word x\" > word x\" > ", "'a' >> b", "say \"x\" >&2", "x\n\"y\" >", "x\" >"]
        {
            assert!(!may_start_markup(prose, &none), "{prose:?}");
        }
        for tail in ["title=\"x\" > y", "title = 'x' >", "a \"x\">y", "\"x\" >y"] {
            assert!(may_start_markup(tail, &none), "{tail:?}");
        }
        // The opening quote farther back than a value is looked for: it may be one.
        let far = format!("v=\"{}\" > y", "w ".repeat(200));
        assert!(may_start_markup(&far, &none));
        let c = Cleaner::builder().build().unwrap();
        assert_eq!(cleaned_twice(&c, "Run echo \"x\" > log now."), "Run echo \"x\" > log now.\n");
    }

    // Found by fuzzing (`clean_bytes`): `Â` and a decoded `&nbsp;` are text decoded twice for
    // a no-break space, and the repair left it at the start of a line.
    #[test]
    fn a_repair_that_makes_a_space_leaves_the_line_trimmed() {
        let c = Cleaner::builder().build().unwrap();
        assert_eq!(c.clean("<body>\u{c2}&nbsp>").text, ">\n");
        assert_eq!(
            c.clean("<body><p>Gr\u{fc}\u{df}e</p><p>\u{c2}&nbsp;caf\u{e9}</p></body>").text,
            "Gr\u{fc}\u{df}e\n\ncaf\u{e9}\n"
        );
    }

    #[test]
    fn a_pre_tag_made_by_removing_a_comment_makes_no_code_block() {
        // Removing `<!-->` fuses `<` and `pre>`: the text after it was prose before, and stays
        // prose (the glue split repairs it) rather than code a second cleaning would read as
        // prose.
        let c = Cleaner::builder().build().unwrap();
        let once = cleaned_twice(&c, "Text <<!-->pre>shown here!Crash");
        assert_eq!(once, "Text\n\nshown here!\n\nCrash\n");
        // A real `<pre>` keeps its text as it is.
        assert_eq!(c.clean("Text <pre>shown here!Crash</pre>").text, "Text\n\nshown here!Crash\n");
    }

    #[test]
    fn a_pre_tag_made_by_removing_a_comment_leaves_no_indentation() {
        // The block was one paragraph: it stays one, and its text is prose, trimmed (found
        // by fuzzing: ` code here`, with its code block's indentation, in a paragraph).
        let c = Cleaner::builder().build().unwrap();
        assert_eq!(cleaned_twice(&c, "<<!---->pre> code here"), "code here\n");
        assert_eq!(cleaned_twice(&c, "<<!aa>pre> a"), "a\n");
    }

    #[test]
    fn a_cut_paragraph_meets_its_continuation_once_a_block_between_them_is_gone() {
        // The menu between the two halves goes with the link-heavy blocks after the join has
        // run: the halves are joined then, as a second cleaning would join them.
        let c = Cleaner::builder().build().unwrap();
        let input = "The committee met on Monday in the town hall. After a long debate it said that the\n\n<a href=\"/a\">Home</a> <a href=\"/b\">News</a> <a href=\"/c\">Sport</a>\n\nbudget would be cut by half next year.\n";
        let once = c.clean(input).text;
        assert_eq!(
            once,
            "The committee met on Monday in the town hall. After a long debate it said that the budget would be cut by half next year.\n"
        );
        assert_eq!(c.clean(&once).text, once);
        // Without the glue filters the two halves stay apart.
        let c = Cleaner::builder().glue(false).build().unwrap();
        assert_eq!(c.clean(input).text.matches("\n\n").count(), 1);
    }

    #[test]
    fn glue_is_not_split_where_the_part_after_would_read_as_markup() {
        // Alone on its line, `Cp =p>` is the tail of a tag that lost its `<`, and goes: split
        // off by the glue filter, a second cleaning would remove it. The glue stays.
        let c = Cleaner::builder().build().unwrap();
        for input in ["Cor!Cp =p>", "Hello!Cp =p> and more"] {
            let once = c.clean(input).text;
            assert_eq!(once, format!("{input}\n"));
            assert_eq!(c.clean(&once).text, once);
        }
    }

    #[test]
    fn the_filters_work_in_the_language_of_the_text_they_leave() {
        // An English comment form under a Polish article makes English the first guess; once
        // the form is gone the text is Polish, and `w` (in) at the seam says the sentence goes
        // on: the halves are joined in one cleaning, as a second cleaning would join them.
        let c = Cleaner::builder().build().unwrap();
        let input = "Rada miasta zebrała się w poniedziałek. Po długiej debacie radni zdecydowali, że nowy most powstanie w\n\nprzyszłym roku, a tramwaj pojedzie do portu.\n\nLeave a Reply\n\nYour email address will not be published. Required fields are marked *\n\nSave my name, email, and website in this browser for the next time I comment.\n";
        let out = c.clean(input);
        assert_eq!(
            out.text,
            "Rada miasta zebrała się w poniedziałek. Po długiej debacie radni zdecydowali, że nowy most powstanie w przyszłym roku, a tramwaj pojedzie do portu.\n"
        );
        assert_eq!(out.lang.as_deref(), Some("pl"));
        assert_eq!(c.clean(&out.text).text, out.text);
    }

    #[test]
    fn repeats_are_weighed_once_the_blocks_between_them_are_gone() {
        // A page number's link between a title and its repeat goes with the link-heavy blocks;
        // the near-duplicate filter then sees the two side by side, as a second cleaning does.
        let c = Cleaner::builder().build().unwrap();
        let input = "The harbour council met on Monday\n\n<a href=\"/2\">1</a>\n\nThe harbour council met on Monday.\n";
        let once = c.clean(input).text;
        assert_eq!(once, "The harbour council met on Monday\n");
        assert_eq!(c.clean(&once).text, once);
        // A read-also reference and the title it names, repeated as a block of its own, go
        // with the teasers, whether the near-duplicate filter runs or not.
        let input = "<p>Der Rat tagte am Montag.</p><p>Lesen Sie auch: Neue Brücke für den Hafen geplant</p><p>„Neue Brücke für den Hafen geplant“</p><p>Die Sitzung dauerte lange.</p>";
        for dedupe in [true, false] {
            let c = Cleaner::builder().dedupe(dedupe).build().unwrap();
            assert_eq!(
                c.clean(input).text,
                "Der Rat tagte am Montag.\n\nDie Sitzung dauerte lange.\n",
                "{dedupe}"
            );
        }
    }

    #[test]
    fn cleaner_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<Cleaner>();
    }
}
