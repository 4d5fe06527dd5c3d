//! Provides [`article_body`]: the `articleBody` a page's JSON-LD (`<script
//! type="application/ld+json">`) carries, for pages whose markup yields little (the article is
//! rendered by a script, or hidden behind a paywall's markup); and [`declared`]: whether
//! the page says it is one product's page; and [`product_description`]: that product's
//! `description`.

use serde_json::Value;

use crate::dom::tree::{DOCUMENT, Data, Tree};
use html5ever::local_name;

/// How deep the search for `articleBody` goes into a JSON-LD document (`@graph` and nested
/// items are two or three levels; a deeper one is no schema.org markup).
const MAX_DEPTH: usize = 8;

/// The page's JSON-LD documents that parse.
fn documents(tree: &Tree) -> impl Iterator<Item = Value> + '_ {
    tree.descendants(DOCUMENT).filter_map(|id| {
        let e = tree.element(id)?;
        let is_ld = e.html_name() == Some(&local_name!("script"))
            && e.attr(&local_name!("type"))
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
        if !is_ld {
            return None;
        }
        let text: String = tree
            .children(id)
            .filter_map(|c| match &tree.node(c)?.data {
                Data::Text(t) => Some(t.to_string()),
                _ => None,
            })
            .collect();
        serde_json::from_str::<Value>(text.trim()).ok()
    })
}

/// The longest `articleBody` of the page's JSON-LD, if any.
pub(crate) fn article_body(tree: &Tree) -> Option<String> {
    let mut best: Option<String> = None;
    for json in documents(tree) {
        if let Some(body) = find(&json, 0) {
            if best.as_ref().is_none_or(|b| body.len() > b.len()) {
                best = Some(body.to_owned());
            }
        }
    }
    best
}

/// What kind of page a page says it is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Declared {
    /// One product's page: a `Product` (or `ProductGroup`) as a JSON-LD document, in one's
    /// top-level list or `@graph`, or `og:type` product (or one of its kinds, `product.group`,
    /// `product.item`). A product nested in a list
    /// (`ItemList`, `OfferCatalog`) is a collection's item, not this page; a page that also
    /// declares an article reviews products or shows rating stars, and is not a shop's
    /// product page.
    pub product: bool,
    /// An article: `og:type` article, or an `…Article` or `BlogPosting` type.
    pub article: bool,
    /// A product, as `product` finds one, whether or not an article is declared too (a
    /// shop's page that says it is an article, as an SEO plugin's default does).
    pub any_product: bool,
}

/// What the page declares itself to be, by its `og:type` and its JSON-LD types.
pub(crate) fn declared(tree: &Tree) -> Declared {
    let og_type = tree.descendants(DOCUMENT).find_map(|id| {
        let e = tree.element(id)?;
        let og = e.html_name() == Some(&local_name!("meta"))
            && e.attr(&local_name!("property")).is_some_and(|p| p.eq_ignore_ascii_case("og:type"));
        og.then(|| e.attr(&local_name!("content")).unwrap_or("").trim().to_ascii_lowercase())
    });
    let (mut product, mut article) =
        (og_type.as_deref().is_some_and(|t| t.starts_with("product")), og_type.as_deref() == Some("article"));
    for json in documents(tree) {
        for item in top_items(&json) {
            for t in types(item) {
                match t {
                    "Product" | "ProductGroup" => product = true,
                    t if t.ends_with("Article") || t == "BlogPosting" => article = true,
                    _ => {}
                }
            }
        }
    }
    Declared { product: product && !article, article, any_product: product }
}

/// The longest `description` of a `Product` or `ProductGroup` the page declares (as
/// [`declared`] finds them), markup and all.
pub(crate) fn product_description(tree: &Tree) -> Option<String> {
    let mut best: Option<String> = None;
    for json in documents(tree) {
        for item in top_items(&json) {
            if !types(item).any(|t| t == "Product" || t == "ProductGroup") {
                continue;
            }
            let Some(d) = item.get("description").and_then(Value::as_str) else { continue };
            if best.as_ref().is_none_or(|b| d.len() > b.len()) {
                best = Some(d.to_owned());
            }
        }
    }
    best
}

/// The items a JSON-LD document declares at its top: itself, the items of its list, the
/// items of its `@graph`. An item nested in another (a list's product) is not the page's.
fn top_items(json: &Value) -> Vec<&Value> {
    match json {
        Value::Array(items) => items.iter().collect(),
        _ => {
            let graph = json.get("@graph").and_then(Value::as_array).into_iter().flatten();
            std::iter::once(json).chain(graph).collect()
        }
    }
}

/// An item's `@type`s.
fn types(item: &Value) -> impl Iterator<Item = &str> {
    let list = match item.get("@type") {
        Some(Value::Array(types)) => types.iter().collect(),
        Some(t) => vec![t],
        None => Vec::new(),
    };
    list.into_iter().filter_map(Value::as_str)
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

    fn declares_product(tree: &Tree) -> bool {
        declared(tree).product
    }

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

    #[test]
    fn a_product_page_is_one_that_declares_a_product_and_no_article() {
        let ld = |json: &str| {
            Tree::parse(&format!(
                "<html><head><script type=\"application/ld+json\">{json}</script></head></html>"
            ))
        };
        assert!(declares_product(&ld(r#"{"@type":"Product","name":"Mug"}"#)));
        assert!(declares_product(&ld(r#"{"@graph":[{"@type":"WebPage"},{"@type":["Product","Thing"]}]}"#)));
        assert!(declares_product(&ld(r#"[{"@type":"BreadcrumbList"},{"@type":"ProductGroup"}]"#)));
        // A collection's items, a review article, a service page with rating stars.
        assert!(!declares_product(&ld(r#"{"@type":"ItemList","itemListElement":[{"@type":"Product"}]}"#)));
        assert!(!declares_product(&ld(r#"[{"@type":"NewsArticle"},{"@type":"Product"}]"#)));
        let stars = r#"<html><head><meta property="og:type" content="article"><script type="application/ld+json">{"@type":"Product"}</script></head></html>"#;
        assert!(!declares_product(&Tree::parse(stars)));
        assert!(declares_product(&Tree::parse(
            r#"<html><head><meta property="og:type" content="product"></head></html>"#
        )));
        // Open Graph's product kinds: a product group (a shop's range of one product) and its items.
        for og in ["product.group", "product.item"] {
            let page = format!(r#"<html><head><meta property="og:type" content="{og}"></head></html>"#);
            assert!(declares_product(&Tree::parse(&page)), "{og}");
        }
        assert!(!declares_product(&Tree::parse(
            r#"<html><head><meta property="og:type" content="website"></head></html>"#
        )));
        assert!(!declares_product(&Tree::parse("<p>none</p>")));
    }
}
