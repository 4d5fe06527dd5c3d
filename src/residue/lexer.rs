//! Provides [`Lexer`], the tolerant residue lexer: one forward pass over text with leftover
//! markup, feeding a [`BlockBuilder`].
//!
//! Two gears. Plain prose is crossed by `memchr` scans for the few bytes that can start
//! markup (`<`, `>`, `&`, `{`, `[`, `\n`) and handed over as one run. Only at such a byte does a handler run,
//! and every handler either consumes what it recognised or hands the byte back as prose. The
//! position only moves forward; every look-ahead is bounded or memoised ([`Finder`]), so the
//! cost is linear in the input. Nothing here can panic on any input: all indexing is checked.

use super::entity;
use super::orphan;
use crate::block::BlockBuilder;
use crate::rules::RuleSet;
use crate::stats::Stats;
use crate::text::cfemail;

use super::ambiguity::{self, Verdict};
use super::attr;
use super::names::{self, Context, TagRole};
use super::search::Finder;
use super::tag;
use super::template::{self, Shortcode};

mod furniture;

pub(super) use furniture::is_mention;

/// Bytes at which the fast gear stops.
const SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    t[b'<' as usize] = true;
    t[b'>' as usize] = true;
    t[b'&' as usize] = true;
    t[b'{' as usize] = true;
    t[b'[' as usize] = true;
    t[b'\n' as usize] = true;
    t
};

/// How far the byte-by-byte table scan looks before handing over to `memchr`: markup-dense
/// input finds its next special within a few bytes, where a SIMD scan's start-up costs more
/// than it saves.
const TABLE_SCAN_BYTES: usize = 32;

/// Where the next byte that can start something (`<`, `&`, `\n`, `>`, `{`, `[`) is in `run`,
/// or `run.len()`. A short table scan, then two `memchr3` scans: the first finds the
/// frequent three and bounds the second, so long runs of prose are crossed at SIMD speed.
fn next_special(run: &[u8]) -> usize {
    let near = run.get(..TABLE_SCAN_BYTES).unwrap_or(run);
    if let Some(i) = near.iter().position(|&c| SPECIAL[c as usize]) {
        return i;
    }
    let from = near.len();
    let rest = run.get(from..).unwrap_or_default();
    let first = memchr::memchr3(b'<', b'&', b'\n', rest).unwrap_or(rest.len());
    let head = rest.get(..first).unwrap_or_default();
    from + memchr::memchr3(b'>', b'{', b'[', head).unwrap_or(first)
}

/// How far after the tag that hid an address its placeholder may come (past the tags
/// around it: `<a href="/cdn-cgi/l/email-protection#…"><span class="__cf_email__">`).
const PLACEHOLDER_REACH: usize = 128;

/// The longest placeholder of a hidden address (`[email&#160;protected]` and its spellings).
const PLACEHOLDER_LEN: usize = 24;

/// The lexer over one input.
pub(crate) struct Lexer<'a> {
    src: &'a str,
    b: &'a [u8],
    pos: usize,
    out: BlockBuilder,
    finder: Finder,
    /// Where the prose not yet handed to the builder starts.
    prose_from: usize,
    /// Where the last markup consumed ended.
    markup_end: usize,
    /// The custom elements whose end tags the input holds.
    custom_ends: super::search::CustomEnds,
    /// Selector drops that found no end tag; past `furniture::MAX_DROP_MISSES` no more are tried, so
    /// their bounded searches cannot add up.
    drop_misses: u32,
    /// A stretch of the input known to hold no end tag of one element (`name`, `from..to`):
    /// where the last search for a matching end tag found none. A search from inside it looks
    /// only past it (see `furniture::matching_end`).
    no_end_tag: Option<(Box<[u8]>, usize, usize)>,
    /// Build a line alone between blank lines at once ([`Self::plain_paragraph`]).
    paragraphs_at_once: bool,
    /// An address Cloudflare hid in the last tag, and where that tag ended: it takes the
    /// place of its placeholder (`[email protected]`) if one follows soon ([`Self::shortcode`]).
    hidden_address: Option<(usize, String)>,
    rules: &'a RuleSet,
    stats: &'a mut Stats,
}

impl<'a> Lexer<'a> {
    pub fn new(src: &'a str, rules: &'a RuleSet, stats: &'a mut Stats) -> Lexer<'a> {
        Lexer {
            src,
            b: src.as_bytes(),
            pos: 0,
            out: BlockBuilder::for_input(src),
            finder: Finder::new(),
            prose_from: 0,
            markup_end: usize::MAX,
            custom_ends: super::search::CustomEnds::default(),
            drop_misses: 0,
            no_end_tag: None,
            paragraphs_at_once: true,
            hidden_address: None,
            rules,
            stats,
        }
    }

    /// The same lexer with every paragraph built through the general path, to test that
    /// [`Self::plain_paragraph`] changes nothing.
    #[cfg(test)]
    pub(crate) fn without_paragraphs_at_once(mut self) -> Lexer<'a> {
        self.paragraphs_at_once = false;
        self
    }

    /// Runs to the end of the input.
    pub fn run(mut self) -> BlockBuilder {
        while self.pos < self.b.len() {
            // § data: the fast gear. Prose is not copied here: it stays pending from
            // `self.prose_from` and goes to the builder in one piece when something that is not
            // prose comes (see `flush`), however many rejected specials it holds.
            let start = self.pos;
            let run = self.b.get(start..).unwrap_or_default();
            let n = next_special(run);
            if n > 0 {
                self.pos = start + n;
                continue;
            }
            self.out.at(start);
            let consumed = match self.b.get(start).copied() {
                // A line alone between blank lines, nothing pending before it on its line: the
                // paragraph at once (text of tiny blocks is mostly these).
                Some(b'\n') if self.b.get(start + 1) == Some(&b'\n') && self.plain_paragraph(start) => 2,
                Some(b'\n') => {
                    self.flush(start);
                    self.out.newline();
                    1
                }
                Some(b'<') => self.markup(start),
                Some(b'&') => self.reference(start),
                Some(b'>') => self.gt(start),
                Some(b'{') => self.template(start),
                Some(b'[') => self.shortcode(start),
                _ => 0,
            };
            if consumed == 0 {
                // Not markup after all: the byte is prose, and stays pending.
                self.pos = start + 1;
            } else {
                // The handler flushed the prose before `start`; nothing is pending now.
                self.pos = start + consumed;
                self.prose_from = self.pos;
                self.markup_end = self.pos;
            }
        }
        self.flush(self.b.len());
        self.out
    }

    /// The pending prose before the newline at `at`, followed by a blank line, as a paragraph
    /// of its own ([`BlockBuilder::plain_paragraph`]), where the prose is all of its line.
    fn plain_paragraph(&mut self, at: usize) -> bool {
        let line_start = self.prose_from == 0 || self.b.get(self.prose_from - 1) == Some(&b'\n');
        self.paragraphs_at_once
            && line_start
            && self.prose_from < at
            && self
                .src
                .get(self.prose_from..at)
                .is_some_and(|s| self.out.plain_paragraph(s, self.prose_from, at + 1))
    }

    /// Hands the pending prose before `to` to the builder. Every handler calls it before it
    /// changes the builder.
    fn flush(&mut self, to: usize) {
        if to > self.prose_from {
            if let Some(s) = self.src.get(self.prose_from..to) {
                self.out.at(self.prose_from);
                self.out.text(s);
                self.out.at(to);
            }
        }
        self.prose_from = to;
    }

    /// § markup: at `<`. Returns bytes consumed, 0 for prose.
    fn markup(&mut self, at: usize) -> usize {
        match self.b.get(at + 1) {
            Some(b'!') => self.bang(at),
            // `< !---->`: machine translation's space inside a comment opener.
            Some(b' ') if self.b.get(at + 2..at + 5) == Some(b"!--") => self.bang(at),
            Some(b'?') if self.b.get(at + 2).is_some_and(u8::is_ascii_alphabetic) => {
                self.flush(at);
                self.stats.comments += 1;
                self.skip_to(at, b"?>", 2)
                    .or_else(|| self.skip_to(at, b">", 1))
                    .unwrap_or_else(|| self.len_to_eol(at))
            }
            // Only these can follow the `<` of a tag (`<p`, `</p`, `< p`): anything else is
            // prose without the cost of a scan (`<<`, `<3`, `<-`, `<=`).
            Some(c) if c.is_ascii_alphabetic() || matches!(c, b'/' | b' ') => match self.tag(at) {
                0 => self.bare_end_tag(at),
                n => n,
            },
            _ => 0,
        }
    }

    /// `</` with spaces or tabs after it, and nothing else on its line: the remnant of an end
    /// tag whose name was cut. Removed up to the line end. A bare `</` that ends a line stays
    /// (cleaned text ends lines so, and a second pass must leave it).
    fn bare_end_tag(&mut self, at: usize) -> usize {
        let rest = self.b.get(at..).unwrap_or_default();
        if !rest.starts_with(b"</") {
            return 0;
        }
        let blank = rest
            .get(2..)
            .unwrap_or_default()
            .iter()
            .take_while(|c| matches!(c, b' ' | b'\t' | b'\r'))
            .count();
        if blank == 0 || !matches!(rest.get(2 + blank), None | Some(b'\n')) {
            return 0;
        }
        self.flush(at);
        self.stats.broken_tags += 1;
        self.out.markup_removed();
        2 + blank
    }

    /// `<!--…-->`, `<![CDATA[…]]>`, `<!DOCTYPE …>`, `<![if IE]>`; comments also as machine
    /// translation spaces them (`< !---->`, `<! ---->`, `<!-- -- >`).
    fn bang(&mut self, at: usize) -> usize {
        let rest = self.b.get(at..).unwrap_or_default();
        let opener = [b"<!--".as_slice(), b"< !--", b"<! --"].into_iter().find(|o| rest.starts_with(o));
        let len = if let Some(opener) = opener {
            let open = opener.len();
            if rest.get(open) == Some(&b'>') {
                open + 1
            } else if rest.get(open..open + 2) == Some(b"->") {
                open + 2
            } else {
                let end = self.skip_to(at, b"-->", open).unwrap_or_else(|| self.len_to_eol(at));
                // `-- >` before the `-->` (or the line end) ends the comment there.
                let body = rest.get(open..end).unwrap_or_default();
                match memchr::memmem::find(body, b"-- >") {
                    Some(i) => open + i + 4,
                    None => end,
                }
            }
        } else if rest.starts_with(b"<![CDATA[") {
            self.skip_to(at, b"]]>", 3).unwrap_or_else(|| self.len_to_eol(at))
        } else if rest.get(2).is_some_and(|c| c.is_ascii_alphabetic() || *c == b'[') {
            self.skip_to(at, b">", 1).unwrap_or_else(|| self.len_to_eol(at))
        } else {
            return 0;
        };
        self.flush(at);
        self.stats.comments += 1;
        self.out.markup_removed();
        len
    }

    /// A start or end tag, complete or broken.
    fn tag(&mut self, at: usize) -> usize {
        let Some(scan) = tag::scan(self.b, at, &mut self.finder) else {
            return 0;
        };
        let name = self.src.get(scan.name.0..scan.name.1).unwrap_or_default();
        // Right after markup that went, the tag starts at a boundary (`<u<h2`: `<h2` follows
        // markup, not the letter `u`), as it will on a second pass.
        let prev =
            if at == self.markup_end { None } else { self.src.get(..at).and_then(|s| s.chars().next_back()) };
        let role = names::role(name);
        // Only spaced tags look at what follows them; a bounded look.
        let next = if scan.spaced {
            self.src.get(scan.end..).and_then(|s| s.chars().take(64).find(|&c| c != ' '))
        } else {
            None
        };
        let (b, custom_ends) = (self.b, &mut self.custom_ends);
        let closed_somewhere = || custom_ends.closes(b, name);
        if ambiguity::judge(&scan, name, role, prev, next, closed_somewhere) == Verdict::Prose {
            return 0;
        }
        self.flush(at);
        if scan.closed {
            self.stats.tags += 1;
        } else {
            self.stats.broken_tags += 1;
        }
        let len = scan.end - at;
        if let Some(skip) = self.drop_by_selector(&scan, at, name, role) {
            self.stats.dropped_elements += 1;
            // An inline element (an icon's glyph name, a hidden label) goes from inside its
            // paragraph, whose text on either side stays one, as a browser shows it.
            if role == Some(TagRole::Inline) {
                self.out.content_removed();
            } else {
                self.out.boundary();
            }
            return skip;
        }
        let opens = scan.closed && !scan.self_closing && !scan.is_end;
        match role {
            Some(TagRole::Inline) if name.eq_ignore_ascii_case("a") => {
                // A broken `<a` opens no link: what follows it is prose by the policy.
                if scan.is_end {
                    self.out.link_close();
                } else if opens {
                    let href = self.attribute(at, &scan, "href");
                    match self.hidden_address(at, &scan, href.as_deref()) {
                        Some(address) => self.out.link_open(Some(&format!("mailto:{address}"))),
                        None => self.out.link_open(href.as_deref()),
                    }
                }
                self.out.markup_removed();
            }
            Some(TagRole::Inline) if opens && scan.attrs > 0 && name.eq_ignore_ascii_case("span") => {
                self.hidden_address(at, &scan, None);
                self.out.markup_removed();
            }
            Some(TagRole::Inline) if names::is_code(name) => {
                if scan.is_end {
                    self.out.code_close();
                } else if opens {
                    let lang =
                        self.attribute(at, &scan, "class").and_then(|c| crate::block::code_lang_of_class(&c));
                    self.out.code_open(lang.as_deref());
                }
                self.out.markup_removed();
            }
            Some(TagRole::Block(ctx)) if scan.is_end => self.out.close(ctx),
            Some(TagRole::Block(Context::Rule)) => self.out.open(Context::Rule),
            Some(TagRole::Block(ctx)) if scan.self_closing && ctx != Context::Plain => self.out.boundary(),
            // The prose after a broken `<pre` is prose, not code laid out as written.
            Some(TagRole::Block(Context::Pre)) if !scan.closed => self.out.open(Context::Plain),
            Some(TagRole::Block(Context::Pre)) => {
                self.out.open(Context::Pre);
                let lang =
                    self.attribute(at, &scan, "class").and_then(|c| crate::block::code_lang_of_class(&c));
                self.out.code_open(lang.as_deref());
            }
            Some(TagRole::Block(ctx)) => self.out.open(ctx),
            Some(TagRole::LineBreak) => self.out.line_break(),
            Some(TagRole::Drop) if !scan.is_end && scan.closed && !scan.self_closing => {
                self.out.content_removed();
                // A `<form>` around most of the page (ASP.NET wraps every page in one) is
                // not a form to drop: only its tag goes.
                if let Some(content) = self.drop_content(scan.end, name, scan.attrs == 0) {
                    self.stats.dropped_elements += 1;
                    return len + content;
                }
            }
            _ => self.out.markup_removed(),
        }
        len
    }

    /// The value of the attribute `name` of the tag at `at`, its references decoded.
    fn attribute(&self, at: usize, scan: &tag::TagScan, name: &str) -> Option<String> {
        let tag_text = self.src.get(at..scan.end)?;
        let (_, value) = attr::attributes(tag_text).find(|(n, _)| n.eq_ignore_ascii_case(name))?;
        Some(entity::decode_all(value?))
    }

    /// The address Cloudflare's obfuscation hid in the tag at `at` (its `data-cfemail`, or
    /// `href`, a link to `/cdn-cgi/l/email-protection#…`), kept for the placeholder that may
    /// follow.
    fn hidden_address(&mut self, at: usize, scan: &tag::TagScan, href: Option<&str>) -> Option<String> {
        let tag_bytes = self.b.get(at..scan.end)?;
        let address = if memchr::memmem::find(tag_bytes, b"data-cfemail").is_some() {
            self.attribute(at, scan, "data-cfemail").and_then(|code| cfemail::decode(&code))
        } else {
            href.and_then(cfemail::from_href)
        }?;
        self.hidden_address = Some((scan.end, address.clone()));
        Some(address)
    }

    /// § character reference: at `&`.
    fn reference(&mut self, at: usize) -> usize {
        let Some(d) = entity::decode(self.b.get(at..).unwrap_or_default()) else {
            return 0;
        };
        self.flush(at);
        self.stats.entities += u64::from(d.layers);
        self.out.push_char(d.text.0);
        if let Some(c) = d.text.1 {
            self.out.push_char(c);
        }
        d.len
    }

    /// § orphaned `>`: the tail of a cut attribute, or prose.
    fn gt(&mut self, at: usize) -> usize {
        // The orphan test looks at the line so far: it must hold the pending prose.
        self.flush(at);
        if orphan::strip_orphan_tail(
            &mut self.out,
            self.b.get(at + 1..).unwrap_or_default(),
            &self.rules.class_words,
        ) {
            self.stats.attribute_tails += 1;
            1
        } else {
            0
        }
    }

    /// § template: at `{`.
    fn template(&mut self, at: usize) -> usize {
        match template::expression_len(self.b.get(at..).unwrap_or_default()) {
            Some(n) => {
                self.flush(at);
                self.stats.templates += 1;
                self.out.content_removed();
                n
            }
            None => 0,
        }
    }

    /// § shortcode: at `[`.
    fn shortcode(&mut self, at: usize) -> usize {
        let rest = self.b.get(at..).unwrap_or_default();
        if let Some(len) = self.placeholder(at, rest) {
            return len;
        }
        let Some((kind, len)) = template::shortcode(rest, &self.rules.shortcodes) else {
            return 0;
        };
        self.flush(at);
        self.stats.templates += 1;
        match kind {
            Shortcode::OpenCaption => self.out.open(Context::Caption),
            Shortcode::CloseCaption => self.out.close(Context::Caption),
            Shortcode::Tag => self.out.markup_removed(),
            Shortcode::WithContent => self.out.content_removed(),
        }
        len
    }

    /// The placeholder of a hidden address at `at` (`[email protected]`) soon after the tag
    /// that held the address: the address in its place. Returns the bytes consumed.
    fn placeholder(&mut self, at: usize, rest: &[u8]) -> Option<usize> {
        let (after, _) = self.hidden_address.as_ref()?;
        if at.saturating_sub(*after) > PLACEHOLDER_REACH || !rest.starts_with(b"[email") {
            return None;
        }
        let len = memchr::memchr(b']', rest.get(..PLACEHOLDER_LEN).unwrap_or(rest))? + 1;
        if !cfemail::is_placeholder(self.src.get(at..at + len)?) {
            return None;
        }
        let (_, address) = self.hidden_address.take()?;
        self.flush(at);
        self.out.text(&address);
        Some(len)
    }

    /// Bytes from `at` to just after the next `needle` at or after `at + skip`.
    fn skip_to(&mut self, at: usize, needle: &[u8], skip: usize) -> Option<usize> {
        let found = self.finder.find(self.b, at + skip, needle)?;
        Some(found + needle.len() - at)
    }

    /// Bytes from `at` to the end of its line (the newline stays).
    fn len_to_eol(&mut self, at: usize) -> usize {
        self.finder.find(self.b, at, b"\n").unwrap_or(self.b.len()) - at
    }
}
