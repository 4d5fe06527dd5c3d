//! Provides the DOM path: a whole page is parsed by html5ever into an arena tree, its main
//! content is found, and that content becomes the same blocks the residue path makes.
//!
//! # Steps
//!
//! - [`tree`]: html5ever builds the page into an arena (`TreeSink`) that keeps element
//!   names, the few attributes read and text.
//! - [`mark`]: what is never content (scripts, navigation, forms' controls, what is hidden) and
//!   what is page furniture (headers, footers, sidebars, share bars, comment sections, related
//!   stories), by name, role, `rules/dom/` selectors and class/id hints.
//! - [`measure`]: text, link text, paragraphs and commas per element, bottom-up.
//! - [`choose`]: the article's container, by markup evidence or by content scoring.
//! - [`emit`]: the container's text as [`BlockBuilder`] events; the title goes first.

mod choose;
mod emit;
mod mark;
mod measure;
mod tree;

use html5ever::local_name;

use crate::block::{Block, BlockBuilder, Context};
use crate::rules::RuleSet;
use crate::stats::Stats;

use choose::Page;
use mark::Mark;
use tree::{DOCUMENT, Data, NodeId, Tree};

/// Reads a whole page: its main content as blocks, the title first.
pub(crate) fn blocks(input: &str, rules: &RuleSet, stats: &mut Stats) -> Vec<Block> {
    let tree = Tree::parse(input);
    let host = host(&tree);
    let mut marks = mark::marks(&tree, rules, host.as_deref());
    let body = tree.find(DOCUMENT, &local_name!("body")).unwrap_or(DOCUMENT);

    // Document order without what is never content; which nodes lie in furniture.
    let mut order = Vec::with_capacity(tree.nodes.len());
    let mut in_furniture = vec![false; tree.nodes.len()];
    let mut stack = vec![(body, false)];
    while let Some((id, furniture)) = stack.pop() {
        let Some(node) = tree.node(id) else { continue };
        let mark = marks.get(id as usize).copied().unwrap_or(Mark::Content);
        if mark == Mark::Drop {
            stats.dropped_elements += 1;
            continue;
        }
        if let Some(f) = in_furniture.get_mut(id as usize) {
            *f = furniture;
        }
        order.push(id);
        let below = furniture || mark == Mark::Furniture;
        let mut child = node.last_child;
        while let Some(c) = tree.node(child) {
            stack.push((child, below));
            child = c.prev;
        }
    }
    let mut counts = measure::measure(&tree, &marks, &order);

    // A form is the page (ASP.NET) or a form (search, comments, sign-up).
    let body_text = counts.get(body as usize).map_or(0, |c| c.text);
    for &id in &order {
        if marks.get(id as usize) != Some(&Mark::Form) {
            continue;
        }
        let text = counts.get(id as usize).map_or(0, |c| c.text);
        let keep = text > 0 && text * 2 >= body_text;
        if let Some(m) = marks.get_mut(id as usize) {
            *m = if keep { Mark::Content } else { Mark::Drop };
        }
        if !keep {
            stats.dropped_elements += 1;
            measure::subtract(&tree, &mut counts, id);
        }
    }
    // What is left of the page: not dropped, not under something dropped (order is
    // document order, so a parent is settled before its children).
    let mut kept = vec![false; tree.nodes.len()];
    for &id in &order {
        let parent_kept = id == body || tree.node(id).is_some_and(|n| kept.get(n.parent as usize) == Some(&true));
        if let Some(k) = kept.get_mut(id as usize) {
            *k = parent_kept && marks.get(id as usize) != Some(&Mark::Drop);
        }
    }
    order.retain(|&id| kept.get(id as usize) == Some(&true));

    let page = Page { tree: &tree, marks: &marks, counts: &counts, order: &order, in_furniture: &in_furniture, body, host: host.as_deref() };
    let (roots, _found) = choose::choose(&page, &rules.dom, &rules.defaults);

    let mut out = BlockBuilder::new();
    emit::emit(&tree, &marks, &roots, false, &mut out);
    let mut blocks = out.finish();
    if let Some(title) = title(&tree, &order, &in_furniture) {
        let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let t = norm(&title);
        if !blocks.iter().take(8).any(|b| norm(&b.text) == t) {
            let mut head = BlockBuilder::new();
            head.open(Context::Heading(1));
            head.text(&t);
            head.close(Context::Heading(1));
            let mut with_title = head.finish();
            with_title.append(&mut blocks);
            blocks = with_title;
        }
    }
    // Text on the DOM path is text: a `<` in it was `&lt;` in the page, prose or code.
    for b in &mut blocks {
        b.decoded_markup = true;
    }
    stats.pages += 1;
    stats.tags += order.iter().filter(|&&id| tree.element(id).is_some()).count() as u64;
    blocks
}

/// The page's title: its first `<h1>` outside furniture, else `og:title`, else `<title>`.
fn title(tree: &Tree, order: &[NodeId], in_furniture: &[bool]) -> Option<String> {
    let text_of = |id: NodeId| -> String {
        let mut s = String::new();
        for n in tree.descendants(id) {
            if let Some(Data::Text(t)) = tree.node(n).map(|n| &n.data) {
                s.push_str(t);
            }
        }
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let h1 = order.iter().copied().find(|&id| {
        tree.element(id).and_then(|e| e.html_name()) == Some(&local_name!("h1"))
            && in_furniture.get(id as usize) == Some(&false)
    });
    if let Some(t) = h1.map(text_of).filter(|t| !t.is_empty()) {
        return Some(t);
    }
    let meta = tree.descendants(DOCUMENT).find_map(|id| {
        let e = tree.element(id)?;
        let og = e.attr(&local_name!("property")).is_some_and(|p| p.eq_ignore_ascii_case("og:title"));
        if e.html_name() == Some(&local_name!("meta")) && og { e.attr(&local_name!("content")) } else { None }
    });
    if let Some(t) = meta.map(|m| m.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|t| !t.is_empty()) {
        return Some(t);
    }
    tree.find(DOCUMENT, &local_name!("title")).map(text_of).filter(|t| !t.is_empty())
}

/// The page's host, from its canonical link or `og:url`.
fn host(tree: &Tree) -> Option<String> {
    let url = tree.descendants(DOCUMENT).find_map(|id| {
        let e = tree.element(id)?;
        let name = e.html_name()?;
        if *name == local_name!("link") && e.attr(&local_name!("rel")).is_some_and(|r| r.eq_ignore_ascii_case("canonical")) {
            return e.attr(&local_name!("href"));
        }
        let og = e.attr(&local_name!("property")).is_some_and(|p| p.eq_ignore_ascii_case("og:url"));
        if *name == local_name!("meta") && og { e.attr(&local_name!("content")) } else { None }
    })?;
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#', ':']).next()?;
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}
