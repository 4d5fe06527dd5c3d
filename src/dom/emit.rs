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
use crate::residue::template;
use crate::rules::Shortcodes;
use crate::text::control;

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
                            Role::Link => out.link_close(),
                            Role::Code => out.code_close(),
                            Role::LineBreak | Role::Rule | Role::None => {}
                        }
                        continue;
                    }
                    let class = || e.attr(&local_name!("class")).and_then(code_lang_of_class);
                    match r {
                        Role::Block(ctx) => {
                            out.open(ctx);
                            if ctx == Context::Pre {
                                pre_depth += 1;
                                out.code_open(class().as_deref());
                            }
                        }
                        Role::Link => out.link_open(e.attr(&local_name!("href"))),
                        Role::Code => out.code_open(class().as_deref()),
                        Role::LineBreak => out.line_break(),
                        Role::Rule => out.open(Context::Rule),
                        Role::None => {}
                    }
                    stack.push((id, true));
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
                out.text(s.get(from..p).unwrap_or_default());
                out.markup_removed();
                from = p + len;
                at = from;
            }
            None => at = p + 1,
        }
    }
    out.text(s.get(from..).unwrap_or_default());
}

/// The paragraphs of a text node (with `apart`; else the whole text is one): its parts
/// between blank lines that have text on both sides and do not cut a sentence
/// ([`mid_sentence`]). A browser shows them as one, but text written with blank lines between
/// paragraphs (a fragment with tags left in it, a CMS's text before its paragraphs were
/// tagged, a post shown `white-space: pre-line`) meant them apart. A blank line with only
/// whitespace on one side (source layout between elements) splits nothing.
fn paragraphs(t: &str, apart: bool) -> impl Iterator<Item = &str> {
    let mut rest = Some(t);
    std::iter::from_fn(move || {
        let s = rest?;
        if !apart {
            rest = None;
            return Some(s);
        }
        let b = s.as_bytes();
        let mut at = 0;
        while let Some(i) = b.get(at..).and_then(|r| memchr::memchr(b'\n', r)) {
            let nl = at + i;
            let after = b.get(nl + 1..).unwrap_or_default();
            let gap = after.iter().take_while(|&&c| matches!(c, b' ' | b'\t' | b'\r')).count();
            if after.get(gap) == Some(&b'\n') {
                let (head, tail) =
                    (s.get(..nl).unwrap_or_default(), s.get(nl + 1 + gap + 1..).unwrap_or_default());
                if !head.trim().is_empty() && !tail.trim().is_empty() && !mid_sentence(head, tail) {
                    rest = Some(tail);
                    return Some(head);
                }
            }
            at = nl + 1;
        }
        rest = None;
        Some(s)
    })
}

/// Whether a break between `head` and `tail` would cut a sentence: `head` ends in a word
/// or a comma and `tail` goes on in lowercase (`… nostrud exercitation` / `ullamco laboris`).
fn mid_sentence(head: &str, tail: &str) -> bool {
    let last = head.trim_end().chars().next_back();
    let next = tail.trim_start().chars().next();
    last.is_some_and(|c| c.is_alphanumeric() || matches!(c, ',' | ';'))
        && next.is_some_and(char::is_lowercase)
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
