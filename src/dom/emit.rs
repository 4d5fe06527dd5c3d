//! Provides [`emit`]: the chosen elements become [`BlockBuilder`] events, the same events the
//! residue lexer makes, so both paths share the filters and the renderers.
//!
//! Whitespace collapses as a browser collapses it, except in `<pre>`; what is never content
//! and page furniture are skipped with everything in it.

use html5ever::local_name;

use crate::block::{BlockBuilder, Context, code_lang_of_class};
use crate::dom::mark::Mark;
use crate::dom::tree::{Data, Element, NodeId, Tree};
use crate::residue::names::{self, TagRole};
use crate::residue::{entity, template};
use crate::rules::Shortcodes;
use crate::text::{cfemail, control};

/// What an element does to the blocks.
#[derive(Clone, Copy)]
enum Role {
    Block(Context),
    Link,
    Code,
    LineBreak,
    Rule,
    /// An inline element (or one with no effect on the text).
    None,
}

/// What an element does, from the table of tag names the residue lexer reads by (one table
/// for both paths).
fn role(e: &Element) -> Role {
    let Some(name) = e.html_name() else { return Role::None };
    if *name == local_name!("a") {
        return Role::Link;
    }
    if names::is_code(name) {
        return Role::Code;
    }
    match names::role(name) {
        Some(TagRole::Block(Context::Rule)) => Role::Rule,
        Some(TagRole::Block(ctx)) => Role::Block(ctx),
        Some(TagRole::LineBreak) => Role::LineBreak,
        Some(TagRole::Inline | TagRole::Drop) | None => Role::None,
    }
}

/// Whether the element `id` parts the words on either side of it: a line break or a block
/// (for text read out of the blocks' flow, as a title is).
pub(super) fn parts_words(tree: &Tree, id: NodeId) -> bool {
    tree.element(id).is_some_and(|e| matches!(role(e), Role::Block(_) | Role::LineBreak | Role::Rule))
}

/// Whether `id` is skipped with everything under it.
fn skipped(marks: &[Mark], id: NodeId) -> bool {
    matches!(marks.get(id as usize), Some(Mark::Drop | Mark::Hidden | Mark::Furniture))
}

/// Emits `roots` (and everything under them that is not skipped) into `out`.
pub(crate) fn emit(
    tree: &Tree,
    marks: &[Mark],
    roots: &[NodeId],
    shortcodes: &Shortcodes,
    out: &mut BlockBuilder,
) {
    let mut pre_depth = 0u32;
    let mut collapsed = String::new();
    // The last text emitted ended with a space.
    let mut space_before = false;
    for &root in roots {
        // (node, leaving): an explicit stack, as pages nest deeper than a thread's stack.
        let mut stack = vec![(root, false)];
        while let Some((id, leaving)) = stack.pop() {
            let Some(node) = tree.node(id) else { continue };
            match &node.data {
                Data::Text(t) if pre_depth > 0 => {
                    for (i, line) in t.split('\n').enumerate() {
                        if i > 0 {
                            out.newline();
                        }
                        out.text(&control::visible(line.trim_end_matches('\r')));
                    }
                }
                Data::Text(t) => {
                    // Text in a `<p>` is one paragraph whatever its blank lines: the page said so.
                    // The walk up to the block is taken only for text that would part.
                    let apart = paragraphs(t, true).nth(1).is_some() && !in_p(tree, node.parent);
                    for (k, part) in paragraphs(t, apart).enumerate() {
                        if k > 0 {
                            out.blank_line();
                        }
                        collapse(part, &mut collapsed);
                        // `a <b> c</b>`: the space before an inline element and the one inside
                        // it are one gap, as a browser shows them (a line's first space is
                        // trimmed by the builder anyway).
                        let text = if space_before {
                            collapsed.strip_prefix(' ').unwrap_or(&collapsed)
                        } else {
                            &collapsed
                        };
                        if !text.is_empty() {
                            space_before = text.ends_with(' ');
                        }
                        text_without_templates(text, shortcodes, out);
                    }
                }
                Data::Element(e) => {
                    if skipped(marks, id) {
                        continue;
                    }
                    let r = role(e);
                    if leaving {
                        match r {
                            Role::Block(ctx) => {
                                if ctx == Context::Pre {
                                    pre_depth = pre_depth.saturating_sub(1);
                                }
                                out.close(ctx);
                            }
                            Role::Link => {
                                out.link_close();
                                out.markup_removed();
                            }
                            Role::Code => {
                                out.code_close();
                                out.markup_removed();
                            }
                            Role::None => out.markup_removed(),
                            Role::LineBreak | Role::Rule => {}
                        }
                        continue;
                    }
                    let class = || e.attr(&local_name!("class")).and_then(code_lang_of_class);
                    // An address Cloudflare hid: the link goes to it, and it stands where its
                    // placeholder stood.
                    let hidden = hidden_address(e, r);
                    match r {
                        Role::Block(ctx) => {
                            out.open(ctx);
                            if ctx == Context::Pre {
                                pre_depth += 1;
                                out.code_open(class().as_deref());
                            }
                        }
                        Role::Link => match &hidden {
                            Some(address) => out.link_open(Some(&format!("mailto:{address}"))),
                            None => out.link_open(e.attr(&local_name!("href"))),
                        },
                        Role::Code => out.code_open(class().as_deref()),
                        Role::LineBreak => out.line_break(),
                        Role::Rule => out.open(Context::Rule),
                        Role::None => {}
                    }
                    if matches!(r, Role::Link | Role::Code | Role::None) {
                        out.markup_removed();
                    }
                    stack.push((id, true));
                    if let Some(address) = hidden.filter(|_| shows_placeholder(tree, id)) {
                        out.text(&address);
                        space_before = false;
                        continue;
                    }
                    // Children pushed last to first, so the first is read first.
                    let mut child = node.last_child;
                    while let Some(c) = tree.node(child) {
                        stack.push((child, false));
                        child = c.prev;
                    }
                }
                _ => {}
            }
        }
        out.boundary();
    }
}

/// The address Cloudflare's obfuscation hid in `e`: in its `data-cfemail`, or in a link's
/// `/cdn-cgi/l/email-protection#…`.
fn hidden_address(e: &Element, r: Role) -> Option<String> {
    if let Some(code) = e.attr_str("data-cfemail") {
        return cfemail::decode(code);
    }
    if matches!(r, Role::Link) {
        return e.attr(&local_name!("href")).and_then(cfemail::from_href);
    }
    None
}

/// Whether all the text under `id` is the placeholder of a hidden address (`[email protected]`).
fn shows_placeholder(tree: &Tree, id: NodeId) -> bool {
    let mut text = String::new();
    for n in tree.descendants(id) {
        if let Some(Data::Text(t)) = tree.node(n).map(|n| &n.data) {
            if text.len() + t.len() > 64 {
                return false;
            }
            text.push_str(t);
        }
    }
    cfemail::is_placeholder(&text)
}

/// Appends `s` without its template residue (`{{ name }}`, `{% if %}`, `[vc_row]`): pages
/// saved before their templates ran, and scraped fragments, carry it in their text.
fn text_without_templates(s: &str, shortcodes: &Shortcodes, out: &mut BlockBuilder) {
    let b = s.as_bytes();
    let mut from = 0;
    let mut at = 0;
    while let Some(i) = b.get(at..).and_then(|r| memchr::memchr2(b'{', b'[', r)) {
        let p = at + i;
        let rest = b.get(p..).unwrap_or_default();
        let len = if rest.first() == Some(&b'{') {
            template::expression_len(rest)
        } else {
            template::shortcode(rest, shortcodes).map(|(_, len)| len)
        };
        match len {
            Some(len) => {
                text_with_references(s.get(from..p).unwrap_or_default(), out);
                out.content_removed();
                from = p + len;
                at = from;
            }
            None => at = p + 1,
        }
    }
    text_with_references(s.get(from..).unwrap_or_default(), out);
}

/// Text of a page outside code, with what is left of a reference escaped once too often
/// decoded (`400&amp;percnt;` in the page's source shows `400&percnt;`; the author wrote
/// `400%`), as the residue path decodes it. Code shows what it says.
fn text_with_references(s: &str, out: &mut BlockBuilder) {
    let mut rest = s;
    while !out.in_code() {
        let Some((at, len, chars)) = entity::next_whole(rest) else { break };
        out.text(rest.get(..at).unwrap_or_default());
        out.push_char(chars.0);
        if let Some(c) = chars.1 {
            out.push_char(c);
        }
        rest = rest.get(at + len..).unwrap_or_default();
    }
    out.text(rest);
}

/// The paragraphs of a text node (with `apart`; else the whole text is one): its parts
/// between blank lines that have text on both sides and do not cut a sentence
/// ([`mid_sentence`]). A browser shows them as one, but text written with blank lines between
/// paragraphs (a fragment with tags left in it, a CMS's text before its paragraphs were
/// tagged, a post shown `white-space: pre-line`) meant them apart. A blank line with only
/// whitespace on one side (source layout between elements) splits nothing.
fn paragraphs(t: &str, apart: bool) -> impl Iterator<Item = &str> {
    let b = t.as_bytes();
    // One pass, whatever the text: what each blank line asks of the text around it (is
    // there text before it in this part, after it at all, and which chars) is carried
    // forward, not looked up again (a run of blank lines would make that quadratic).
    // Where the last char that is no space ends: a blank line after it parts nothing.
    let text_end = if apart { t.trim_end().len() } else { 0 };
    // Where the current part starts; how far it has been read; its last char that is no
    // space so far; the first char that is no space at or after the last blank line looked
    // at (a cache: blank lines come in increasing order).
    let (mut start, mut at, mut last, mut next_text) = (0, 0, None, 0);
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        if !apart {
            done = true;
            return Some(t);
        }
        while let Some(i) = b.get(at..).and_then(|r| memchr::memchr(b'\n', r)) {
            let nl = at + i;
            if let Some(c) = t.get(at..nl).and_then(|seg| seg.trim_end().chars().next_back()) {
                last = Some(c);
            }
            let after = b.get(nl + 1..).unwrap_or_default();
            let gap = after.iter().take_while(|&&c| matches!(c, b' ' | b'\t' | b'\r')).count();
            let tail = nl + 1 + gap + 1;
            if after.get(gap) == Some(&b'\n') && text_end > tail {
                if next_text < tail {
                    let rest = t.get(tail..).unwrap_or_default();
                    next_text = tail + (rest.len() - rest.trim_start().len());
                }
                let first = t.get(next_text..).and_then(|r| r.chars().next());
                if last.is_some_and(|c| !mid_sentence(c, first)) {
                    let head = t.get(start..nl).unwrap_or_default();
                    (start, at, last) = (tail, tail, None);
                    return Some(head);
                }
            }
            at = nl + 1;
        }
        done = true;
        Some(t.get(start..).unwrap_or_default())
    })
}

/// Whether a break between a part whose last char that is no space is `last` and one whose
/// first is `next` would cut a sentence: `last` ends a word or is a comma, and `next` goes on
/// in lowercase (`… nostrud exercitation` / `ullamco laboris`).
fn mid_sentence(last: char, next: Option<char>) -> bool {
    (last.is_alphanumeric() || matches!(last, ',' | ';')) && next.is_some_and(char::is_lowercase)
}

/// Whether the nearest block element around `id` (itself included; 64 levels at most) is a
/// `<p>`.
fn in_p(tree: &Tree, mut id: NodeId) -> bool {
    for _ in 0..64 {
        let Some(node) = tree.node(id) else { return false };
        if let Data::Element(e) = &node.data {
            if let Role::Block(_) = role(e) {
                return e.html_name().is_some_and(|n| *n == local_name!("p"));
            }
        }
        id = node.parent;
    }
    false
}

/// `s` with every run of whitespace made one space (a browser's `white-space: normal`).
fn collapse(s: &str, out: &mut String) {
    out.clear();
    let mut space = false;
    for c in s.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}') {
            space = true;
        } else if control::is_invisible(c) {
            // A reference may decode to a control character (`&#1`): never text.
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition [`paragraphs`] carries forward in one pass: at each blank line, look at
    /// the text before it in the part and after it, again.
    fn naive(t: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut s = t;
        'part: loop {
            let b = s.as_bytes();
            let mut at = 0;
            while let Some(i) = b.get(at..).and_then(|r| memchr::memchr(b'\n', r)) {
                let nl = at + i;
                let after = &b[nl + 1..];
                let gap = after.iter().take_while(|&&c| matches!(c, b' ' | b'\t' | b'\r')).count();
                if after.get(gap) == Some(&b'\n') {
                    let (head, tail) = (&s[..nl], &s[nl + 1 + gap + 1..]);
                    let last = head.trim_end().chars().next_back();
                    let next = tail.trim_start().chars().next();
                    if !head.trim().is_empty()
                        && !tail.trim().is_empty()
                        && !last.is_some_and(|c| mid_sentence(c, next))
                    {
                        out.push(head);
                        s = tail;
                        continue 'part;
                    }
                }
                at = nl + 1;
            }
            out.push(s);
            return out;
        }
    }

    #[test]
    fn paragraphs_part_as_the_definition_says_on_every_string_of_five_pieces() {
        let pieces = ["Eins.", "und", " ", "\n", "\n\n", "\n \n", "\u{a0}", ",", "Zwei"];
        let mut texts = vec![String::new()];
        for _ in 0..5 {
            texts = texts.iter().flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}"))).collect();
        }
        for t in &texts {
            assert_eq!(paragraphs(t, true).collect::<Vec<_>>(), naive(t), "{t:?}");
            assert_eq!(paragraphs(t, false).collect::<Vec<_>>(), [t.as_str()], "{t:?}");
        }
    }
}
