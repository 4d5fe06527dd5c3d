//! Provides [`reassemble`]: a page React streamed puts where its script would the parts that
//! came after the shell, so the tree holds the article in reading order.
//!
//! React's streaming server rendering (Next.js and others) sends the page's shell first, with
//! a placeholder where a part is not ready: `<template id="B:1">` and a fallback ("Loading…", a
//! skeleton) between the boundary comments `<!--$?-->` and `<!--/$-->`, or `<template
//! id="P:1">` inside a part. Each part follows at the end of the body as `<div hidden
//! id="S:1">`, with a script call (`$RC("B:1","S:1")`, `$RS("S:1","P:1")`) that moves it in.
//! Read as sent, the article is cut into pieces, its paragraphs behind the page's footer in
//! hidden elements. The boundary comments reach the tree as the empty templates
//! [`OPEN_MARKER`] and [`CLOSE_MARKER`] ([`crate::dom::strip`] keeps them so).

use std::collections::HashMap;

use html5ever::local_name;

use crate::dom::tree::{NONE, NodeId, Tree};

/// What `<!--$-->`, `<!--$?-->` and `<!--$!-->` become: the start of a suspense boundary.
pub(crate) const OPEN_MARKER: &str = "<template id=\"$\"></template>";
/// What `<!--/$-->` becomes: the end of a suspense boundary.
pub(crate) const CLOSE_MARKER: &str = "<template id=\"/$\"></template>";

/// Whether `input` may hold a streamed part: no page without one pays for a walk.
pub(crate) fn may_hold_parts(input: &str) -> bool {
    memchr::memmem::find(input.as_bytes(), b"id=\"S:").is_some()
}

/// Moves each streamed part (`<div hidden id="S:x">`) into its placeholder (`<template
/// id="B:x">`, whose fallback goes, or `<template id="P:x">`). A part whose placeholder is
/// missing, or lies inside the part itself, stays where it is.
pub(crate) fn reassemble(tree: &mut Tree) {
    let mut parts: HashMap<String, NodeId> = HashMap::new();
    // Placeholders: the key, the template, and whether it is a boundary (with a fallback).
    let mut holes: Vec<(String, NodeId, bool)> = Vec::new();
    for id in tree.descendants(crate::dom::tree::DOCUMENT) {
        let Some(e) = tree.element(id) else { continue };
        let Some(key) = e.attr(&local_name!("id")) else { continue };
        match e.html_name() {
            Some(&local_name!("div")) if e.attr(&local_name!("hidden")).is_some() => {
                if let Some(k) = key.strip_prefix("S:") {
                    parts.entry(k.to_owned()).or_insert(id);
                }
            }
            Some(&local_name!("template")) => {
                if let Some(k) = key.strip_prefix("B:") {
                    holes.push((k.to_owned(), id, true));
                } else if let Some(k) = key.strip_prefix("P:") {
                    holes.push((k.to_owned(), id, false));
                }
            }
            _ => {}
        }
    }
    if parts.is_empty() {
        return;
    }
    for (key, hole, boundary) in holes {
        // A part goes in once, into the first placeholder of its key.
        let Some(part) = parts.get(&key).copied().filter(|&p| !tree.is_within(hole, p)) else {
            // (A part that holds its own placeholder would be moved into itself.)
            continue;
        };
        parts.remove(&key);
        if boundary {
            for fallback in fallback(tree, hole) {
                tree.detach(fallback);
            }
        }
        let children: Vec<NodeId> = tree.children(part).collect();
        for child in children {
            tree.move_before(child, hole);
        }
    }
}

/// The most siblings a fallback is looked for in: a spinner or a skeleton is a node or a
/// few, and a page of many placeholders with no end must not have each read to the end.
const MAX_FALLBACK_NODES: usize = 64;

/// The nodes after the boundary placeholder `hole` up to the end of its boundary (nested
/// boundaries counted); none when the end is not among its next [`MAX_FALLBACK_NODES`]
/// siblings, or another boundary's placeholder comes first outside any nested one.
fn fallback(tree: &Tree, hole: NodeId) -> Vec<NodeId> {
    let template_id = |id: NodeId| {
        tree.element(id)
            .filter(|e| e.html_name() == Some(&local_name!("template")))
            .and_then(|e| e.attr(&local_name!("id")))
    };
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut at = tree.node(hole).map_or(NONE, |n| n.next);
    while let Some(node) = tree.node(at).filter(|_| out.len() <= MAX_FALLBACK_NODES) {
        match template_id(at) {
            Some("$") => depth += 1,
            Some("/$") if depth == 0 => return out,
            Some("/$") => depth -= 1,
            Some(k) if depth == 0 && k.starts_with("B:") => break,
            _ => {}
        }
        out.push(at);
        at = node.next;
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::strip::strip;
    use crate::dom::tree::DOCUMENT;

    /// The text of the page as the tree holds it after reassembly.
    fn text(html: &str) -> String {
        let mut tree = Tree::parse(&strip(html));
        reassemble(&mut tree);
        let mut out = String::new();
        for id in tree.descendants(DOCUMENT) {
            if let Some(crate::dom::tree::Data::Text(t)) = tree.node(id).map(|n| &n.data) {
                out.push_str(t);
            }
        }
        out
    }

    #[test]
    fn a_streamed_part_replaces_its_fallback() {
        let page = concat!(
            "<body><p>One.</p><!--$?--><template id=\"B:0\"></template><div>Loading…</div><!--/$-->",
            "<p>Three.</p><footer>Footer.</footer>",
            "<div hidden id=\"S:0\"><p>Two.</p></div><script>$RC(\"B:0\",\"S:0\")</script></body>"
        );
        assert_eq!(text(page), "One.Two.Three.Footer.");
    }

    #[test]
    fn a_segment_goes_into_its_placeholder_inside_another_part() {
        let page = concat!(
            "<body><p>One.</p><!--$?--><template id=\"B:1\"></template><!--/$--><p>Four.</p>",
            "<div hidden id=\"S:1\"><p>Two.</p><template id=\"P:2\"></template></div>",
            "<div hidden id=\"S:2\"><p>Three.</p></div></body>"
        );
        assert_eq!(text(page), "One.Two.Three.Four.");
    }

    #[test]
    fn a_nested_boundary_in_the_fallback_goes_with_it() {
        let page = concat!(
            "<body><!--$?--><template id=\"B:0\"></template><!--$--><p>Wait</p><!--/$--><p>…</p>",
            "<!--/$--><p>After.</p><div hidden id=\"S:0\"><p>Part.</p></div></body>"
        );
        assert_eq!(text(page), "Part.After.");
    }

    #[test]
    fn what_has_no_placeholder_or_no_end_stays() {
        // No placeholder: the part stays (hidden, as sent).
        assert_eq!(text("<body><p>A.</p><div hidden id=\"S:3\"><p>B.</p></div></body>"), "A.B.");
        // A boundary with no end among its siblings: its fallback stays, the part goes in.
        let page = "<body><template id=\"B:0\"></template><p>Wait</p><div hidden id=\"S:0\">X.</div></body>";
        assert_eq!(text(page), "X.Wait");
        // A part that holds its own placeholder stays as it is.
        let page = "<body><div hidden id=\"S:0\"><template id=\"P:0\"></template>Y.</div></body>";
        assert_eq!(text(page), "Y.");
        // A part goes into the first placeholder of its key; a second keeps its fallback.
        let page = concat!(
            "<body><template id=\"B:0\"></template><p>Wait</p><template id=\"/$\"></template>",
            "<template id=\"B:0\"></template><p>Again</p><template id=\"/$\"></template>",
            "<div hidden id=\"S:0\">Z.</div></body>"
        );
        assert_eq!(text(page), "Z.Again");
    }

    #[test]
    fn many_placeholders_without_an_end_each_get_their_part() {
        // Each boundary's fallback is looked for among a few siblings, up to the next placeholder (read
        // to the end, this page took seconds).
        let n = 20_000;
        let mut page = String::from("<body>");
        for i in 0..n {
            page.push_str(&format!("<template id=\"B:{i}\"></template><p>w</p>"));
        }
        for i in 0..n {
            page.push_str(&format!("<div hidden id=\"S:{i}\">x</div>"));
        }
        let out = text(&page);
        assert_eq!(out.matches('x').count(), n);
        assert_eq!(out.matches('w').count(), n);
    }
}
