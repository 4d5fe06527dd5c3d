//! Provides [`article_body`]: the `articleBody` a page's JSON-LD (`<script
//! type="application/ld+json">`) carries, for pages whose markup yields little (the article is
//! rendered by a script, or hidden behind a paywall's markup).

use serde_json::Value;

use crate::dom::tree::{DOCUMENT, Data, Tree};
use html5ever::local_name;

/// How deep the search for `articleBody` goes into a JSON-LD document (`@graph` and nested
/// items are two or three levels; a deeper one is no schema.org markup).
const MAX_DEPTH: usize = 8;

/// The longest `articleBody` of the page's JSON-LD, if any.
pub(crate) fn article_body(tree: &Tree) -> Option<String> {
    let mut best: Option<String> = None;
    for id in tree.descendants(DOCUMENT) {
        let Some(e) = tree.element(id) else { continue };
        let is_ld = e.html_name() == Some(&local_name!("script"))
            && e.attr(&local_name!("type"))
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
        if !is_ld {
            continue;
        }
        let text: String = tree
            .children(id)
            .filter_map(|c| match &tree.node(c)?.data {
                Data::Text(t) => Some(t.to_string()),
                _ => None,
            })
            .collect();
        let Ok(json) = serde_json::from_str::<Value>(text.trim()) else { continue };
        if let Some(body) = find(&json, 0) {
            if best.as_ref().is_none_or(|b| body.len() > b.len()) {
                best = Some(body.to_owned());
            }
        }
    }
    best
}

fn find(v: &Value, depth: usize) -> Option<&str> {
    if depth > MAX_DEPTH {
        return None;
    }
    match v {
        Value::Object(map) => {
            if let Some(Value::String(s)) = map.get("articleBody") {
                return Some(s);
            }
            map.values().filter_map(|x| find(x, depth + 1)).max_by_key(|s| s.len())
        }
        Value::Array(items) => items.iter().filter_map(|x| find(x, depth + 1)).max_by_key(|s| s.len()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_article_body_anywhere_in_the_json_ld() {
        let html = r#"<html><head><script type="application/ld+json">{"@graph":[{"@type":"WebPage"},
            {"@type":"NewsArticle","articleBody":"First paragraph.\n\nSecond paragraph."}]}</script>
            <script type="application/ld+json">{"articleBody":"Short."}</script>
            <script type="application/ld+json">not json</script></head><body></body></html>"#;
        let tree = Tree::parse(html);
        assert_eq!(article_body(&tree).as_deref(), Some("First paragraph.\n\nSecond paragraph."));
        assert_eq!(article_body(&Tree::parse("<p>none</p>")), None);
    }
}
