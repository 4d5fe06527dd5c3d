//! Provides [`emit`]: the chosen elements become [`BlockBuilder`] events, the same events the
//! residue lexer makes, so both paths share the filters and the renderers.
//!
//! Whitespace collapses as a browser collapses it, except in `<pre>`; what is never content
//! and page furniture are skipped with everything in it.

use html5ever::local_name;

use crate::block::{BlockBuilder, Context, code_lang_of_class};
use crate::dom::mark::Mark;
use crate::dom::tree::{Data, Element, NodeId, Tree};
use crate::residue::template;
use crate::rules::Shortcodes;

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

fn role(e: &Element) -> Role {
    let Some(name) = e.html_name() else { return Role::None };
    match *name {
        local_name!("h1") => Role::Block(Context::Heading(1)),
        local_name!("h2") => Role::Block(Context::Heading(2)),
        local_name!("h3") => Role::Block(Context::Heading(3)),
        local_name!("h4") => Role::Block(Context::Heading(4)),
        local_name!("h5") => Role::Block(Context::Heading(5)),
        local_name!("h6") => Role::Block(Context::Heading(6)),
        local_name!("ul") | local_name!("dl") | local_name!("menu") => {
            Role::Block(Context::List { ordered: false })
        }
        local_name!("ol") => Role::Block(Context::List { ordered: true }),
        local_name!("li") | local_name!("dt") | local_name!("dd") => Role::Block(Context::Item),
        local_name!("pre") | local_name!("listing") | local_name!("xmp") | local_name!("plaintext") => {
            Role::Block(Context::Pre)
        }
        local_name!("blockquote") => Role::Block(Context::Quote),
        local_name!("figcaption") | local_name!("caption") => Role::Block(Context::Caption),
        local_name!("table") => Role::Block(Context::Table),
        local_name!("tr") => Role::Block(Context::Row),
        local_name!("td") => Role::Block(Context::Cell { header: false }),
        local_name!("th") => Role::Block(Context::Cell { header: true }),
        local_name!("hr") => Role::Rule,
        local_name!("br") => Role::LineBreak,
        local_name!("a") => Role::Link,
        local_name!("code") | local_name!("kbd") | local_name!("samp") | local_name!("tt") => Role::Code,
        local_name!("p")
        | local_name!("div")
        | local_name!("section")
        | local_name!("article")
        | local_name!("main")
        | local_name!("header")
        | local_name!("footer")
        | local_name!("aside")
        | local_name!("figure")
        | local_name!("address")
        | local_name!("center")
        | local_name!("details")
        | local_name!("summary")
        | local_name!("fieldset")
        | local_name!("legend")
        | local_name!("form")
        | local_name!("hgroup")
        | local_name!("body")
        | local_name!("html")
        | local_name!("tbody")
        | local_name!("thead")
        | local_name!("tfoot")
        | local_name!("noscript")
        | local_name!("search") => Role::Block(Context::Plain),
        _ => Role::None,
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
                        out.text(line.trim_end_matches('\r'));
                    }
                }
                Data::Text(t) => {
                    collapse(t, &mut collapsed);
                    text_without_templates(&collapsed, shortcodes, out);
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

/// `s` with every run of whitespace made one space (a browser's `white-space: normal`).
fn collapse(s: &str, out: &mut String) {
    out.clear();
    let mut space = false;
    for c in s.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}') {
            space = true;
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
