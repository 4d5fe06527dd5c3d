//! Provides the DOM path: a whole page is parsed by html5ever into an arena tree, its main
//! content is found, and that content becomes the same blocks the residue path makes.
//!
//! # Steps
//!
//! - [`strip`]: script and style content and comments go before parsing.
//! - [`repair`]: a tag that lost its `>` is closed where its attributes end.
//! - [`prune`]: the attributes the DOM path never reads go from the start tags.
//! - [`tree`]: html5ever builds the page into an arena (`TreeSink`) that keeps element
//!   names, the few attributes read and text.
//! - [`streamed`]: the parts of a page React streamed after its shell go where its script
//!   would put them.
//! - [`mark`]: what is never content (scripts, navigation, forms' controls, what is hidden) and
//!   what is page furniture (headers, footers, sidebars, share bars, comment sections, related
//!   stories), by name, role, `rules/dom/` selectors and class/id hints.
//! - [`measure`]: text, link text, paragraphs and commas per element, bottom-up.
//! - [`choose`]: the article's container, by markup evidence or by content scoring.
//! - [`emit`]: the container's text as [`BlockBuilder`] events; the title goes first.
//! - [`copies`]: what the page laid out twice (for two screen sizes) is kept once.
//! - [`jsonld`]: the JSON-LD `articleBody`, when the markup yields little.

mod choose;
mod copies;
mod emit;
mod jsonld;
mod mark;
mod measure;
mod prune;
mod repair;
mod select;
mod streamed;
mod strip;
mod thread;
mod tree;

use std::borrow::Cow;

use html5ever::local_name;

use crate::block::{Block, BlockBuilder, Context};
use crate::residue::entity;
use crate::rules::{Defaults, RuleSet, Selector};
use crate::stats::Stats;
use crate::text::control;

use choose::{Found, Page};
use mark::Mark;
use tree::{DOCUMENT, Data, NodeId, Tree};

/// The rule name the blocks [`copies`] drops count under in [`Stats::rules`].
pub(crate) const COPY_RULE: &str = "layout-copy";

/// The DOM rules compiled for matching: built once per cleaner.
#[derive(Clone, Debug, Default)]
pub(crate) struct Compiled {
    /// `dom-content.txt`, in its order, host-limited lines first.
    content: select::Index,
    /// `dom-posts.txt`, in its order, host-limited lines first.
    posts: select::Index,
    /// `dom-quotes.txt`.
    quotes: select::Index,
    /// `dom-leads.txt`.
    leads: select::Index,
    /// `dom-drop.txt`.
    drop: select::Index,
    /// The `.class` and `#id` lines of `selectors-drop.txt`: furniture.
    furniture: select::Index,
    hints: select::Hints,
    /// `hints` and the `links:` lines together: what an element weighs if its text turns out
    /// to be mostly links.
    hints_with_links: select::Hints,
    product_hints: select::Hints,
    /// Words that name a button (`button:` lines of `dom-hints.txt`).
    buttons: select::Hints,
    button_max_words: usize,
    /// The attributes the selectors test that the DOM path does not read anyway.
    attributes: Vec<String>,
}

impl Compiled {
    pub fn new(rules: &RuleSet) -> Compiled {
        let tokens = rules.drop.classes.iter().map(|c| Selector::of_token(c, false));
        let ids = rules.drop.ids.iter().map(|i| Selector::of_token(i, true));
        // A user's selectors for one site come before every general one.
        let host_first = |list: &[Selector]| {
            select::Index::new(
                list.iter()
                    .filter(|s| s.host.is_some())
                    .chain(list.iter().filter(|s| s.host.is_none()))
                    .cloned(),
            )
        };
        let mut compiled = Compiled {
            content: host_first(&rules.dom.content),
            posts: host_first(&rules.dom.posts),
            quotes: select::Index::new(rules.dom.quotes.iter().cloned()),
            leads: select::Index::new(rules.dom.leads.iter().cloned()),
            drop: select::Index::new(rules.dom.drop.iter().cloned()),
            furniture: select::Index::new(tokens.chain(ids)),
            hints: select::Hints::with_boxes(
                &rules.dom.hints,
                rules.defaults.dom_qualifier_weight,
                &rules.dom.box_words,
            ),
            hints_with_links: select::Hints::with_boxes(
                &[rules.dom.hints.as_slice(), rules.dom.link_hints.as_slice()].concat(),
                rules.defaults.dom_qualifier_weight,
                &rules.dom.box_words,
            ),
            product_hints: select::Hints::new(&rules.dom.product_hints, rules.defaults.dom_qualifier_weight),
            buttons: select::Hints::new(
                &rules.dom.button_hints.iter().map(|w| (w.clone(), -1)).collect::<Vec<_>>(),
                i64::MIN,
            ),
            button_max_words: rules.defaults.dom_button_max_words,
            attributes: Vec::new(),
        };
        let mut attributes: Vec<String> =
            [&compiled.content, &compiled.posts, &compiled.quotes, &compiled.leads, &compiled.drop]
                .iter()
                .flat_map(|index| index.attribute_names())
                .filter(|name| !tree::reads_attribute(name.as_bytes(), &[]))
                .map(str::to_owned)
                .collect();
        attributes.sort_unstable();
        attributes.dedup();
        compiled.attributes = attributes;
        compiled
    }

    /// Whether an element's class or id names a button.
    fn names_button(&self, e: &tree::Element) -> bool {
        self.buttons.weight(e) < 0
    }

    /// What an element's class and id hints weigh, on a page that declares a product or not.
    fn weight(&self, e: &tree::Element, product: bool) -> i32 {
        let kind = if product { self.product_hints.weight(e) } else { 0 };
        self.hints.weight(e).saturating_add(kind)
    }

    /// [`Self::weight`] and [`Self::weight_with_links`] of a paragraph (`<p>`): the words of
    /// boxes weigh nothing on it. A paragraph is text, not a box: Condé Nast's `<p
    /// class="paywall">` is the article's text behind the paywall, not the paywall's box.
    fn paragraph_weights(&self, e: &tree::Element, product: bool) -> (i32, i32) {
        let kind = if product { self.product_hints.weight(e) } else { 0 };
        (
            self.hints.paragraph_weight(e).saturating_add(kind),
            self.hints_with_links.paragraph_weight(e).saturating_add(kind),
        )
    }

    /// [`Self::weight`] with the navigation words (`links:` lines) counted too.
    fn weight_with_links(&self, e: &tree::Element, product: bool) -> i32 {
        let kind = if product { self.product_hints.weight(e) } else { 0 };
        self.hints_with_links.weight(e).saturating_add(kind)
    }
}

/// How much nesting html5ever is given: the sum, over start tags, of how many elements are
/// open there. The tree builder's scope checks walk the open elements at each tag, so a
/// page of a hundred thousand unclosed `<div>`s costs the square of that; real pages stay
/// three orders of magnitude below.
const NESTING_BUDGET: u64 = 50_000_000;

/// Whether html5ever can take `input` in linear time and bounded memory: its nesting stays
/// within the budget (counted on the raw tags, with the elements that close themselves left
/// out) and it has at most `max_elements` start tags.
pub(crate) fn fits(input: &str, max_elements: usize) -> bool {
    let b = input.as_bytes();
    let mut depth = 0u64;
    let mut cost = 0u64;
    let mut elements = 0usize;
    let mut at = 0;
    while let Some(i) = memchr::memchr(b'<', b.get(at..).unwrap_or_default()) {
        at += i + 1;
        let rest = b.get(at..).unwrap_or_default();
        let end = rest.first() == Some(&b'/');
        let name = rest.get(usize::from(end)..).unwrap_or_default();
        let len = name.iter().take_while(|c| c.is_ascii_alphanumeric()).count();
        let Some(name) = name.get(..len).filter(|n| n.first().is_some_and(u8::is_ascii_alphabetic)) else {
            continue;
        };
        if !end {
            elements += 1;
            if elements > max_elements {
                return false;
            }
        }
        if closes_itself(name) {
            continue;
        }
        if end {
            depth = depth.saturating_sub(1);
        } else {
            cost = cost.saturating_add(depth);
            depth += 1;
            if cost > NESTING_BUDGET {
                return false;
            }
        }
    }
    true
}

/// Void elements and those the parser closes when the next one starts.
fn closes_itself(name: &[u8]) -> bool {
    // Lower-cased into a buffer of the longest name's size: one match on length and bytes,
    // not a comparison with each name (this runs on every tag of every page).
    let mut lower = [0u8; 6];
    let Some(buf) = lower.get_mut(..name.len()) else {
        return false;
    };
    for (d, s) in buf.iter_mut().zip(name) {
        *d = s.to_ascii_lowercase();
    }
    matches!(
        &*buf,
        b"area"
            | b"base"
            | b"br"
            | b"col"
            | b"embed"
            | b"hr"
            | b"img"
            | b"input"
            | b"link"
            | b"meta"
            | b"source"
            | b"track"
            | b"wbr"
            | b"p"
            | b"li"
            | b"dt"
            | b"dd"
            | b"option"
            | b"tr"
            | b"td"
            | b"th"
            | b"param"
    )
}

/// Reads a whole page: its main content as blocks, the title first.
pub(crate) fn blocks(input: &str, rules: &RuleSet, compiled: &Compiled, stats: &mut Stats) -> Vec<Block> {
    let read = &compiled.attributes;
    let whole_page = crate::detect::declares_page(input);
    let mut tree = {
        // First: the content of a script whose end tag never comes goes with it (`strip`).
        let ended = repair::drop_unended(input);
        let stripped = strip::strip(&ended);
        let unspaced = repair::unspace(&stripped);
        let repaired = repair::repair(&unspaced);
        // A fragment's prose keeps its `<` (`vector<int>`); a page is read as a browser reads it.
        let escaped =
            if whole_page { Cow::Borrowed(repaired.as_ref()) } else { repair::escape_prose(&repaired) };
        Tree::parse_reading(&prune::prune(&escaped, read), read)
    };
    if streamed::may_hold_parts(input) {
        streamed::reassemble(&mut tree);
    }
    let tree = tree;
    let host = host(&tree);
    let declared = jsonld::declared(&tree);
    let product = declared.product;
    let mut marks =
        mark::marks(&tree, compiled, rules.defaults.dom_furniture_weight, host.as_deref(), product);
    if whole_page {
        // On a page, a figure's caption and credit are not the article's text (a table's
        // `<caption>` is its title and stays); a fragment was scraped as the article already.
        for id in tree.descendants(DOCUMENT) {
            let caption = tree.element(id).and_then(|e| e.html_name()) == Some(&local_name!("figcaption"));
            if let Some(m) = marks.get_mut(id as usize).filter(|m| caption && **m == Mark::Content) {
                *m = Mark::Furniture;
            }
        }
    }
    let body = tree.find(DOCUMENT, &local_name!("body")).unwrap_or(DOCUMENT);

    let mut order = document_order(&tree, &marks, body, stats);
    let counts = settle(&tree, &mut marks, &mut order, body, &rules.defaults, stats);
    let in_furniture = furniture_below(&tree, &marks, &order, body);

    let page = Page {
        tree: &tree,
        marks: &marks,
        counts: &counts,
        order: &order,
        in_furniture: &in_furniture,
        body,
        host: host.as_deref(),
        product,
        article: declared.article,
        any_product: declared.any_product,
    };
    // A fragment is the article already: only furniture in it goes, nothing is chosen.
    let (roots, found) =
        if whole_page { choose::choose(&page, compiled, &rules.defaults) } else { (vec![body], Found::Body) };
    if found == Found::Posts {
        thread::set_aside_repeated_quotes(&tree, &mut marks, &roots, &compiled.quotes, host.as_deref());
    }
    let mut out = BlockBuilder::new();
    emit::emit(&tree, &marks, &roots, &rules.shortcodes, &mut out);
    let mut blocks = out.finish();
    // When the markup yields little, the article the page's JSON-LD carries is the content
    // (rendered by a script, or behind a paywall's markup).
    let found_chars: usize =
        blocks.iter().map(|b| b.text.chars().filter(|c| !c.is_whitespace()).count()).sum();
    if found_chars < rules.defaults.dom_min_content_chars {
        if let Some(body) = jsonld::article_body(&tree)
            .filter(|b| b.chars().filter(|c| !c.is_whitespace()).count() > found_chars)
        {
            let mut ld = BlockBuilder::new();
            for line in body.lines() {
                ld.text(&control::visible(line));
                ld.newline();
            }
            blocks = ld.finish();
        }
    }
    if whole_page {
        let d = &rules.defaults;
        let (kept, dropped) = copies::drop_copies(blocks, d.dom_copy_min_blocks, d.dom_copy_min_words);
        blocks = kept;
        stats.count_rule_times(COPY_RULE, dropped as u64);
    }
    if product {
        // Where nothing stood out and the body is mostly links, what it holds is the shop's
        // furniture: the description, when the page lacks it, stands alone.
        let c = counts.get(body as usize).copied().unwrap_or_default();
        let furniture = found == Found::Body
            && f64::from(c.link) >= rules.defaults.dom_links_share * f64::from(c.text.max(1));
        blocks = with_description(&tree, rules, blocks, furniture);
    }
    // A page with no content (one its script builds) has nothing for its title to head.
    let has_content = blocks.iter().any(|b| b.kind != crate::BlockKind::Rule);
    if let Some(title) = title(&tree, &order, &marks, &roots).filter(|_| has_content) {
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

/// A product page's blocks with the product's JSON-LD `description` first, when the blocks hold
/// less than `dom_min_description_share` of its words (the shop renders it with a script, or
/// keeps it where the markup hides it). The description may be HTML: the residue lexer reads it.
/// When the page's blocks are its `furniture` (nothing stood out, and the body is mostly links),
/// the description stands alone.
fn with_description(tree: &Tree, rules: &RuleSet, blocks: Vec<Block>, furniture: bool) -> Vec<Block> {
    let Some(description) = jsonld::product_description(tree) else { return blocks };
    let mut described = crate::residue::lex(&description, rules, &mut Stats::default());
    let words = |t: &str| {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    };
    let found: std::collections::HashSet<String> = blocks.iter().flat_map(|b| words(&b.text)).collect();
    let wanted: Vec<String> = described.iter().flat_map(|b| words(&b.text)).collect();
    let seen = wanted.iter().filter(|w| found.contains(*w)).count();
    if wanted.is_empty() || seen as f64 >= rules.defaults.dom_min_description_share * wanted.len() as f64 {
        return blocks;
    }
    if furniture {
        return described;
    }
    // Lists and tables are numbered per reading: the page's come after the description's.
    let next = described.iter().filter_map(|b| b.kind.group()).max().map_or(0, |n| n + 1);
    described.extend(blocks.into_iter().map(|mut b| {
        b.kind = b.kind.shift_groups(next);
        b
    }));
    described
}

/// The nodes under `body` in document order, without what is never content (each such
/// element counted in `stats`).
fn document_order(tree: &Tree, marks: &[Mark], body: NodeId, stats: &mut Stats) -> Vec<NodeId> {
    let mut order = Vec::with_capacity(tree.nodes.len());
    let mut stack = vec![body];
    while let Some(id) = stack.pop() {
        let Some(node) = tree.node(id) else { continue };
        if marks.get(id as usize) == Some(&Mark::Drop) {
            stats.dropped_elements += 1;
            continue;
        }
        order.push(id);
        let mut child = node.last_child;
        while let Some(c) = tree.node(child) {
            stack.push(child);
            child = c.prev;
        }
    }
    order
}

/// Settles the marks that depend on how much of the page an element holds, and returns the
/// counts of what is left: wrappers of the page are content, furniture is content when the
/// marks left almost nothing, a form is content only when it holds half the page. `order`
/// loses the forms dropped.
fn settle(
    tree: &Tree,
    marks: &mut [Mark],
    order: &mut Vec<NodeId>,
    body: NodeId,
    d: &Defaults,
    stats: &mut Stats,
) -> Vec<measure::Counts> {
    // Navigation is a menu when its text is mostly links or short (a tab strip's labels), and
    // content when it holds prose: the sections a tab strip scrolls to (`lm_navSource`).
    let menus =
        measure::MenuTest { min_prose_chars: d.dom_min_content_chars, links_share: d.dom_links_share };
    let mut counts = measure::measure_settling_navigation(tree, marks, order, &menus);
    // Furniture or a hidden element that holds most of the page is the page's wrapper (a
    // layout `div` with `sidebar` in its class, a forum's comment list, a page hidden until
    // its script runs): it is content, and so are the wrappers in it, down to the first that
    // holds less. Furniture that is mostly links stays furniture: a mega-menu can outweigh an article.
    // The same inside the page's `<main>` (or `role=main`): a layout `div` that holds most of
    // it is the main content's wrapper, whatever the menus around `<main>` hold.
    let body_all = counts.get(body as usize).map_or(0, |c| c.all);
    let mut scope = vec![body_all; tree.nodes.len()];
    let mut unmarked = false;
    for &id in order.iter() {
        let parent = tree.node(id).map_or(body, |n| n.parent);
        let within = scope.get(parent as usize).copied().filter(|_| id != body).unwrap_or(body_all);
        let all = counts.get(id as usize).map_or(0, |c| c.all);
        let main = tree.element(id).is_some_and(|e| {
            e.html_name() == Some(&local_name!("main")) || e.attr_str("role") == Some("main")
        });
        if let Some(s) = scope.get_mut(id as usize) {
            *s = if main { all } else { within };
        }
        let holds_most = all as usize >= d.dom_min_content_chars
            && f64::from(all) >= d.dom_wrapper_share * f64::from(within.min(body_all));
        let links = counts.get(id as usize).is_some_and(|c| c.mostly_links(d.dom_links_share));
        if let Some(m) = marks
            .get_mut(id as usize)
            .filter(|m| holds_most && (**m == Mark::Hidden || **m == Mark::Furniture && !links))
        {
            *m = Mark::Content;
            unmarked = true;
        }
    }
    if unmarked {
        counts = measure::measure(tree, marks, order);
    }
    // Marks that leave almost nothing of a page took the page for furniture (a shop whose
    // every block has `promo` or `widget` in its class): the furniture is read as content,
    // and the filters and the choice of container do the rest.
    let left = counts.get(body as usize).map_or(0, |c| c.text);
    let substantial = body_all as usize >= d.dom_min_content_chars;
    if substantial && f64::from(left) < d.dom_min_kept_share * f64::from(body_all) {
        for m in marks.iter_mut().filter(|m| **m == Mark::Furniture) {
            *m = Mark::Content;
        }
        counts = measure::measure(tree, marks, order);
    }
    // A form is the page (ASP.NET) or a form (search, comments, sign-up).
    let body_text = counts.get(body as usize).map_or(0, |c| c.text);
    for &id in order.iter() {
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
            measure::subtract(tree, &mut counts, id);
        }
    }
    // What is left of the page: not dropped, not under something dropped (order is
    // document order, so a parent is settled before its children).
    let mut kept = vec![false; tree.nodes.len()];
    for &id in order.iter() {
        let parent_kept =
            id == body || tree.node(id).is_some_and(|n| kept.get(n.parent as usize) == Some(&true));
        if let Some(k) = kept.get_mut(id as usize) {
            *k = parent_kept && marks.get(id as usize) != Some(&Mark::Drop);
        }
    }
    order.retain(|&id| kept.get(id as usize) == Some(&true));
    counts
}

/// Which nodes lie inside page furniture (`order` is document order).
fn furniture_below(tree: &Tree, marks: &[Mark], order: &[NodeId], body: NodeId) -> Vec<bool> {
    let mut below = vec![false; tree.nodes.len()];
    for &id in order {
        if id == body {
            continue;
        }
        let Some(parent) = tree.node(id).map(|n| n.parent) else { continue };
        let inside = below.get(parent as usize) == Some(&true)
            || matches!(marks.get(parent as usize), Some(&Mark::Furniture | &Mark::Hidden));
        if let Some(b) = below.get_mut(id as usize) {
            *b = inside;
        }
    }
    below
}

/// The page's title: the first `<h1>` in the content, else the last one before it (an
/// article's heading sits in its header, which is furniture), else `og:title`, else `<title>`.
fn title(tree: &Tree, order: &[NodeId], marks: &[Mark], roots: &[NodeId]) -> Option<String> {
    // A line break or a block inside the heading parts words, as it does on the screen
    // (`Cosmetic Packaging<br><span>Design</span>`).
    let text_of = |id: NodeId| -> String {
        let mut s = String::new();
        for n in tree.descendants(id) {
            match tree.node(n).map(|n| &n.data) {
                Some(Data::Text(t)) => s.push_str(t),
                Some(Data::Element(_)) if n != id && emit::parts_words(tree, n) => s.push(' '),
                _ => {}
            }
        }
        one_line(&s)
    };
    let is_h1 = |id: NodeId| tree.element(id).and_then(|e| e.html_name()) == Some(&local_name!("h1"));
    let hidden = |id: NodeId| matches!(marks.get(id as usize), Some(Mark::Hidden | Mark::Drop));
    if let Some(&first_root) = roots.first() {
        let inside = roots.iter().flat_map(|&r| tree.descendants(r)).find(|&id| is_h1(id) && !hidden(id));
        let start = order.iter().position(|&id| id == first_root).unwrap_or(0);
        let before = || order.get(..start)?.iter().rev().copied().find(|&id| is_h1(id));
        if let Some(t) = inside.or_else(before).map(text_of).filter(|t| !t.is_empty()) {
            return Some(t);
        }
    }
    let meta = tree.descendants(DOCUMENT).find_map(|id| {
        let e = tree.element(id)?;
        let og = e.attr(&local_name!("property")).is_some_and(|p| p.eq_ignore_ascii_case("og:title"));
        if e.html_name() == Some(&local_name!("meta")) && og { e.attr(&local_name!("content")) } else { None }
    });
    if let Some(t) = meta.map(one_line).filter(|t| !t.is_empty()) {
        return Some(t);
    }
    tree.find(DOCUMENT, &local_name!("title")).map(text_of).filter(|t| !t.is_empty())
}

/// A title's text on one line: its whitespace one space, no control or other invisible
/// character (a reference may decode to one: `&#2;`), and what is left of a reference
/// escaped once too often decoded (`SQL &amp;#x26; AI`), as emitted text has it.
fn one_line(s: &str) -> String {
    control::visible(&entity::decode_whole(s)).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The page's host, from its canonical link or `og:url`.
fn host(tree: &Tree) -> Option<String> {
    let url = tree.descendants(DOCUMENT).find_map(|id| {
        let e = tree.element(id)?;
        let name = e.html_name()?;
        if *name == local_name!("link")
            && e.attr(&local_name!("rel")).is_some_and(|r| r.eq_ignore_ascii_case("canonical"))
        {
            return e.attr(&local_name!("href"));
        }
        let og = e.attr(&local_name!("property")).is_some_and(|p| p.eq_ignore_ascii_case("og:url"));
        if *name == local_name!("meta") && og { e.attr(&local_name!("content")) } else { None }
    })?;
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#', ':']).next()?;
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use crate::Cleaner;

    fn page(body: &str) -> String {
        format!("<!DOCTYPE html><html><head><title>Site title</title></head><body>{body}</body></html>")
    }

    const PROSE: &str = "<p>The council met on Monday, and after a long debate it approved the plan for the harbour, the new bridge and the tram line.</p>";

    fn clean(html: &str) -> String {
        Cleaner::builder().build().unwrap().clean(html).text
    }

    /// A cleaner with the built-in rules and a user's rule file `name` holding `text`.
    fn with_rule(name: &str, text: &str) -> Cleaner {
        let mut rules = crate::RuleSet::builtin();
        rules.add_source(name, text).unwrap();
        Cleaner::builder().rules(rules).build().unwrap()
    }

    /// A paragraph of prose that scores: `s`, then a sentence of Lorem ipsum.
    fn lorem(s: &str) -> String {
        format!(
            "<p>{s} Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.</p>"
        )
    }

    #[test]
    fn an_element_whose_end_never_comes_holds_none_of_the_article() {
        // A scraper decoded tags named in prose (`&lt;select&gt;`): html5ever put the rest of
        // the page inside each, and the page lost it with the form control or the code.
        for tag in ["select", "textarea", "button", "title", "noscript", "script", "style", "template"] {
            let body = format!(
                "<article><h1>Picking a friend</h1><p>We keep the chosen friend in the <{tag}> picker, as said before.</p>{}{}</article>",
                lorem("Then the story goes on."),
                lorem("And ends.")
            );
            let out = clean(&page(&body));
            assert!(
                out.contains("in the picker, as said before.\n\nThen the story goes on."),
                "{tag}: {out}"
            );
            assert!(out.contains("And ends."), "{tag}: {out}");
        }
        // A tag named in prose before a real element of its name: the real one's end tag is
        // its own.
        let body = format!(
            "<nav><a href=\"/\">Home</a></nav><article><h1>Menus</h1><p>Use the <nav> element for the menus of a site.</p>{}</article><nav><a href=\"/\">Home</a></nav>",
            lorem("Then the story goes on.")
        );
        let out = clean(&page(&body));
        assert!(out.contains("Use the element for the menus of a site.\n\nThen the story goes on."), "{out}");
        // A page cut inside its script keeps the script out.
        let body =
            format!("<article><h1>Picking a friend</h1>{}</article><script>\nvar cut = 1;", lorem("One."));
        assert!(!clean(&page(&body)).contains("var cut"));
    }

    #[test]
    fn a_reference_escaped_once_too_often_is_decoded_outside_code() {
        // A CMS escaped `&` once more than it meant to: the page shows `&#x26;` and
        // `&percnt;` where its author wrote `&` and `%`. Code shows what it says; `AT&T`
        // and a name with no `;` are no reference.
        let body = format!(
            "<article><h1>Python, SQL &amp;#x26; AI</h1><p>Sign-ups grew by 400&amp;percnt; since March, AT&amp;T said, &amp;copy 2024.</p>{}<p>Write <code>&amp;amp;</code> for an ampersand.</p></article>",
            lorem("One.")
        );
        let out = clean(&page(&body));
        assert!(
            out.starts_with(
                "Python, SQL & AI\n\nSign-ups grew by 400% since March, AT&T said, &copy 2024.\n"
            ),
            "{out}"
        );
        assert!(out.contains("Write &amp; for an ampersand."), "{out}");
    }

    #[test]
    fn a_heading_or_a_quotation_between_parts_of_the_article_is_part_of_it() {
        // The article's parts are chosen one by one (each scores, or is a paragraph of
        // prose); a short heading or a quotation set between two of them scores nothing
        // alone, and was left out (readability leaves out the same heading, and its
        // expected output with it).
        let p = lorem;
        let body = format!(
            "<article><h1>Lorem</h1><div>{}{}</div><h2>Foo</h2><div>{}{}</div></article>",
            p("One."),
            p("Two."),
            p("Three."),
            p("Four.")
        );
        let out = clean(&page(&body));
        for kept in ["One.", "Two.", "Foo", "Three.", "Four."] {
            assert!(out.contains(kept), "{kept} in {out}");
        }
        // What the property test found: template residue in the article's text nodes moved
        // the choice to its parts, and the quotation between them went.
        let found = "<div _ngcontent-sc90 class=\"x\"><p _ngcontent-sc90>Aaaaaaaa aaaaaaaa aaaaaaaaaaaaaaaaaaaa aaaaaaaaa ñöçüaaä.aaaaaaaaaaaaa aaa aaaaaaaaAaaaaaaaaaa aaaaaaa aaaaaaaaaaaaaaaaa aaaaaaa aaaa.</div>\n\n{{ header }}<p>aaaaaaaaaaaaa.</p>{% endif %}\n\nGjrqff<a href=\"https://example.com/èaäñy\" title=\"x\">èaäñy</a>xqzvyzièéfñ!<p _ngcontent-sc90 class= <em\n class=\"e\">Üçüññäü dvgq qoupiwhsqokhl.";
        let html = Cleaner::builder().input(crate::Input::Html).build().unwrap();
        let quoted =
            found.replace("\n\nGjrqff", "<blockquote><p>Gjrqff").replace("éfñ!", "éfñ!</p></blockquote>");
        let out = html.clean(&page(&format!("<article>{quoted}</article>"))).text;
        assert!(out.contains("Gjrqff"), "{out}");
    }

    #[test]
    fn the_lead_between_the_headline_and_the_body_is_read_before_the_body() {
        // The evidence names the body (`.article__body`); the theme sets the standfirst in an
        // element of its own between the headline, the byline and the body.
        let paras = format!("{}{}{}", lorem("One."), lorem("Two."), lorem("Three."));
        let lead =
            "Rescuers found a fifth victim four days after the landslide, and five people are still missing.";
        let body = format!(
            "<article><h1>Landslide in Norway</h1><div class=\"article__info\"><a href=\"/a\">Anna</a></div><div class=\"article__lead\">{lead}</div><div class=\"article__body\">{paras}</div></article><aside><p class=\"lead\">Our newsletter: the day's news, every morning, in your inbox.</p></aside>"
        );
        let out = clean(&page(&body));
        assert!(out.starts_with(&format!("Landslide in Norway\n\n{lead}\n\nOne.")), "{out}");
        // A blurb before the headline is the site's, not the article's lead; a lead of links is
        // a menu.
        let blurb = "Have you ever wondered how the city plans its roads, bridges and tram lines?";
        let body = format!(
            "<div class=\"site-intro\"><p class=\"lead\">{blurb}</p></div><h1>Landslide in Norway</h1><div class=\"article__body\">{paras}</div>"
        );
        let out = clean(&page(&body));
        assert!(out.starts_with("Landslide in Norway\n\nOne."), "{out}");
        assert!(!out.contains(blurb), "{out}");
        let links = "<div class=\"intro\"><a href=\"/a\">Politics and the council</a> <a href=\"/b\">Harbour news of the week</a></div>";
        let body = format!("<h1>Landslide in Norway</h1>{links}<div class=\"article__body\">{paras}</div>");
        let out = clean(&page(&body));
        assert!(out.starts_with("Landslide in Norway\n\nOne."), "{out}");
    }

    #[test]
    fn a_description_laid_out_for_two_screens_is_read_once() {
        // A shop writes the description into a desktop tab and again into a mobile accordion
        // (one is hidden by a stylesheet, which the page does not say in its markup).
        let description = "<h3>Details</h3><p>Make each cup of tea feel special with a wheel thrown mug.</p><p>Handmade stoneware, about 350 ml.</p><p>Suitable for dishwashers and microwave ovens.</p>";
        let body = format!(
            "<main><h1>White speckle mug</h1><div class=\"tabs\">{description}</div><div class=\"accordion\">{description}</div><p>Ships within three days.</p></main>"
        );
        let c = Cleaner::builder().build().unwrap();
        let out = c.clean(&page(&body));
        assert_eq!(
            out.text,
            "White speckle mug\n\nDetails\n\nMake each cup of tea feel special with a wheel thrown mug.\n\nHandmade stoneware, about 350 ml.\n\nSuitable for dishwashers and microwave ovens.\n\nShips within three days.\n"
        );
        assert_eq!(out.stats.rule(super::COPY_RULE), 4);
        // A fragment scraped as the article keeps what it says twice: the scraper chose it.
        let fragment = Cleaner::builder().input(crate::Input::Html).build().unwrap().clean(&body).text;
        assert_eq!(fragment.matches("Handmade stoneware").count(), 2, "{fragment}");
    }

    #[test]
    fn an_address_cloudflare_hid_stands_where_its_placeholder_stood() {
        // Cloudflare's three shapes: the code on the span, on a link, and on the link only.
        let code = "a6c8cac8c3d2e6d5c9c5cfc7ca88c8cac8c3d288c8ca";
        let body = format!(
            "<article>{PROSE}<p>Write to <span class=\"__cf_email__\" data-cfemail=\"{code}\">[email&#160;protected]</span>.</p><p>Or to <a href=\"/cdn-cgi/l/email-protection\" class=\"__cf_email__\" data-cfemail=\"{code}\">[email&#160;protected]</a>.</p><p>Or to <a href=\"/cdn-cgi/l/email-protection#{code}\"><span class=\"__cf_email__\">[email&#160;protected]</span></a>.</p><p>Or <a href=\"/cdn-cgi/l/email-protection#{code}\">by mail</a>.</p></article>"
        );
        let c = Cleaner::builder().format(crate::Format::Markdown).links(true).build().unwrap();
        let out = c.clean(&page(&body)).text;
        assert!(out.contains("Write to nlnet@social.nlnet.nl.\n"), "{out}");
        assert!(out.contains("Or to [nlnet@social.nlnet.nl](mailto:nlnet@social.nlnet.nl).\n"), "{out}");
        assert_eq!(
            out.matches("Or to [nlnet@social.nlnet.nl](mailto:nlnet@social.nlnet.nl).").count(),
            2,
            "{out}"
        );
        assert!(out.contains("Or [by mail](mailto:nlnet@social.nlnet.nl).\n"), "{out}");
        assert!(!out.contains("protected"), "{out}");
    }

    #[test]
    fn a_fragments_prose_keeps_what_looks_like_a_tag() {
        // A scraper kept the article's markup and decoded the `&lt;` of its prose: html5ever
        // read `<int>`, `<String,` and `<john@example.com>` as tags and dropped them.
        let fragment = "<h2>Generics</h2><p>Use std::vector<int> and Map<String, Integer>.</p><p>Write to <john@example.com> or see <https://example.org/a>, <3.</p><p>Set --sid <your-account-sid> first.</p><ul><li>One</li></ul>";
        let html = Cleaner::builder().input(crate::Input::Html).build().unwrap();
        assert_eq!(
            html.clean(fragment).text,
            "Generics\n\nUse std::vector<int> and Map<String, Integer>.\n\nWrite to <john@example.com> or see <https://example.org/a>, <3.\n\nSet --sid <your-account-sid> first.\n\nOne\n"
        );
        // Dense enough, `auto` reads it on the DOM path too.
        let dense = format!("{fragment}{}", "<p>Eins.</p>".repeat(8));
        let out = clean(&dense);
        assert!(out.contains("std::vector<int> and Map<String, Integer>."), "{out}");
        // A page is read as a browser reads it: there, `<int>` is an element.
        let out = clean(&page(&format!("<article><p>Use std::vector<int> here.</p>{PROSE}</article>")));
        assert!(out.contains("Use std::vector here."), "{out}");
    }

    #[test]
    fn tags_spaced_by_machine_translation_are_tags_on_the_dom_path_too() {
        // html5ever reads `< p` as text and `</ p` as a comment: a page, or a fragment dense
        // enough to be read as one, showed the spaced tags as text. They are read as the
        // residue lexer reads them; a comparison stays.
        let body = format!(
            "{PROSE}\n< p class = \"text\" >1 week ago< / p >\n< p >Hallo Welt, wie geht es?< / p >\n<p>If a < b > c, and x < y.</p>"
        );
        let out = clean(&page(&body));
        assert!(
            out.contains("1 week ago\n\nHallo Welt, wie geht es?\n\nIf a < b > c, and x < y.\n"),
            "{out}"
        );
        assert!(!out.contains("< p") && !out.contains("< /"), "{out}");
        // A fragment: `auto` reads it as a page by the density of its tags.
        let fragment =
            "<p>Eins.</p><p>Zwei.</p><p>Drei.</p><p>Vier.</p>\n< p class = \"text\" >F\u{fc}nf.< / p >\n";
        let text = Cleaner::builder().input(crate::Input::Html).build().unwrap().clean(fragment).text;
        assert_eq!(text, "Eins.\n\nZwei.\n\nDrei.\n\nVier.\n\nF\u{fc}nf.\n");
    }

    #[test]
    fn a_subheading_right_above_the_article_is_part_of_it() {
        // The scoring picks the box of paragraphs; the subheading that introduces it stands
        // just before, alone in a wrapper, and scores nothing. A heading further up, with a
        // box between, is no part of the article.
        let p = lorem;
        let body = format!(
            "<h1>Lorem</h1><section><h2>Section heading</h2></section><div class=\"teaser\">A short box</div><section><h2>What the council decided</h2></section>\n<div>{}{}{}</div><p>Footer text</p>",
            p("One."),
            p("Two."),
            p("Three.")
        );
        let out = clean(&page(&body));
        for kept in ["What the council decided", "One.", "Three."] {
            assert!(out.contains(kept), "{kept} in {out}");
        }
        assert!(!out.contains("Section heading"), "{out}");
    }

    #[test]
    fn a_formula_is_part_of_its_sentence_and_its_menu_box_no_furniture() {
        // MathJax: the rendering is hidden from screen readers, the MathML beside it is what
        // they read; the box carries the class of its context menu.
        let formula = |tokens: &str| {
            format!(
                "<mjx-container class=\"MathJax CtxtMenu_Attached_0\"><mjx-math aria-hidden=\"true\"><mjx-c></mjx-c></mjx-math><mjx-assistive-mml display=\"inline\"><math><semantics>{tokens}<annotation encoding=\"application/x-tex\">TEX</annotation></semantics></math></mjx-assistive-mml></mjx-container>"
            )
        };
        let body = format!(
            "<article><p>When {} there are two solutions to {} and the text explains them at some length, as articles do.</p>{PROSE}</article>",
            formula("<mi>a</mi><mo>≠</mo><mn>0</mn>"),
            formula("<mi>a</mi><msup><mi>x</mi><mn>2</mn></msup><mo>=</mo><mn>0</mn>")
        );
        let out = clean(&page(&body));
        assert!(out.contains("When a≠0 there are two solutions to ax2=0 and the text"), "{out}");
        assert!(!out.contains("TEX"), "{out}");
        // Drawings stay out.
        let out = clean(&page(&format!(
            "<article><p>A chart <svg><text>Axis label</text></svg> here.</p>{PROSE}</article>"
        )));
        assert!(!out.contains("Axis label"), "{out}");
    }

    #[test]
    fn blank_lines_part_paragraphs_outside_a_p_unless_they_cut_a_sentence() {
        // Text written with blank lines between its paragraphs (a CMS's text before it was
        // tagged, a fragment with its tags left in it) keeps them; a sentence cut by a blank
        // line is one, and a `<p>` is one paragraph whatever its source layout.
        let body = "<div class=\"entry-content\">Der Rat tagte am Montag und beschloss den Plan.\n\nDie Brücke kommt 2027, die Tram ein Jahr später, sagte die Sprecherin,\n\n\n\nund ging dann nach Hause, wie alle anderen auch an diesem langen Tag.\n\n<ul><li>Ein Punkt\n\nmit zwei Zeilen. Und mehr\n\nDazu noch dies</li></ul><p>Ein Absatz mit einer Zeile.\n\nDieselbe Zeile geht hier weiter.</p></div>";
        let out = clean(&page(body));
        assert_eq!(
            out,
            "Site title\n\n\
             Der Rat tagte am Montag und beschloss den Plan.\n\n\
             Die Brücke kommt 2027, die Tram ein Jahr später, sagte die Sprecherin, und ging dann nach Hause, wie alle anderen auch an diesem langen Tag.\n\n\
             Ein Punkt mit zwei Zeilen. Und mehr\nDazu noch dies\n\n\
             Ein Absatz mit einer Zeile. Dieselbe Zeile geht hier weiter.\n"
        );
    }

    #[test]
    fn a_shops_category_text_after_its_main_is_content_and_link_cards_beside_it_are_not() {
        // A category page: the grid of products in `<main>`, the category's text after it,
        // a box of links to other categories, the footer.
        let card = |i: usize| {
            format!(
                "<li class=product><h3><a href=/p/{i}>Kettle grill number {i}</a></h3><span>Enamelled steel, {i}7 cm</span> <span class=price>{i}9,00 €</span></li>"
            )
        };
        let cards: String = (1..=30).map(card).collect();
        let body = format!(
            "<header><a href=/>Shop</a></header><main><h1>Charcoal grills</h1><p>Charcoal grills for every garden, in stock and shipped within two days.</p><ul class=grid>{cards}</ul></main>\
             <div class=category-bottom><h2>Why choose a charcoal grill?</h2><p>Nothing matches the taste of charcoal, and a kettle with a lid turns the grill into an oven: the meat stays tender and the fat never drips onto the embers.</p><p>A grill of fifty-seven centimetres feeds eight to twelve guests; the compact one suits a balcony and four people, and both last for years with a cover.</p>\
             <h2>Which brand?</h2><p>The American brand invented the kettle in the fifties and is still the reference, with parts sold for every model it ever made, which matters after ten summers.</p>\
             <p>The Canadian one came later to charcoal but its grills are as reliable, with a thicker bowl and a lid that seals well, and the French maker builds vertical grills by hand.</p>\
             <p>A grill for beginners costs less and does the job for a season or two, but its thin steel warps, its legs wobble and its grate rusts, so the money goes twice.</p>\
             <p>Whatever the brand, a lid, a thermometer and vents that close tight make the difference between a grill for sausages and one that smokes a shoulder for eight hours.</p>\
             <p>Lump charcoal lights faster and burns hotter; briquettes burn longer and more evenly, which is what a long cook wants, and a chimney starter lights either without fluid in a quarter of an hour. Keep the bag dry, and the charcoal keeps for years.</p></div>\
             <div class=more><h2>See also</h2><p><a href=/gas>Gas grills for quick weeknight cooking on the terrace</a></p><p><a href=/electric>Electric grills allowed on every balcony in town</a></p><p><a href=/acc>Accessories, covers, tools and charcoal in bulk</a></p></div>\
             <footer><p>Shipping is free from 50 euros. Our shop in the harbour is open every day but Sunday, from nine to seven.</p></footer>"
        );
        let out = clean(&page(&body));
        assert!(
            out.contains("Kettle grill number 30") && out.contains("Why choose a charcoal grill?"),
            "{out}"
        );
        assert!(out.contains("the compact one suits a balcony"), "{out}");
        for gone in ["See also", "Gas grills", "Shipping is free"] {
            assert!(!out.contains(gone), "{gone}: {out}");
        }
        // Beside an element that is not the page's `<main>` (an `<article>`), nothing is added.
        let out = clean(&page(&body.replace("<main>", "<article>").replace("</main>", "</article>")));
        assert!(out.contains("Kettle grill number 30") && !out.contains("Why choose"), "{out}");
    }

    #[test]
    fn fine_print_under_the_article_is_not_the_article() {
        let legal = "<div class=\"legal-disclosures\"><p>Other fees may apply. Trades are subject to a transaction fee of one cent per thousand dollars of principal, and options to a fee per contract.</p></div><div id=disclaimer><p>This article is for information only and is not financial, legal or tax advice; past performance is no guarantee of future results.</p></div>";
        let out = clean(&page(&format!("<div class=main>{PROSE}{PROSE}{PROSE}{legal}</div>")));
        assert!(out.contains("The council met"), "{out}");
        assert!(!out.contains("Other fees") && !out.contains("not financial"), "{out}");
    }

    #[test]
    fn the_authors_box_under_a_post_is_not_the_post() {
        for class in ["author-box", "wp-block-post-author", "saboxplugin-wrap"] {
            let bio = format!(
                "<div class=\"{class} clearfix\"><h3><a href=/author/jd>Jane Doe</a></h3><p>Jane Doe has covered city hall for fifteen years and writes the weekly newsletter on local politics, housing and transport.</p></div>"
            );
            let out = clean(&page(&format!("<div class=post>{PROSE}{PROSE}{PROSE}{bio}</div>")));
            assert!(out.contains("The council met") && !out.contains("covered city hall"), "{class}: {out}");
        }
    }

    #[test]
    fn a_popover_is_never_the_article() {
        // HTML's `popover`: hidden until a control opens it in the top layer (an app's
        // install card, a menu, a tooltip), however much it says.
        let card = "<button popovertarget=learn>Learn more</button><div popover id=learn><p>A full-screen app on your home screen with push notifications, badges and more, installed in three taps from the browser's share menu.</p></div>";
        let out = clean(&page(&format!("<article>{PROSE}{card}{PROSE}</article>")));
        assert!(out.contains("The council met on Monday") && !out.contains("push notifications"), "{out}");
    }

    #[test]
    fn navigation_by_name_is_a_menu_of_links_and_prose_it_names_is_content() {
        // A feature page whose tab strip scrolls to sections named after it (`lm_navSource`):
        // the sections are its content, the strip's labels and a menu of links are not.
        let section = |i: usize| {
            format!(
                "<div class=\"feature_section lm_navSource\" id=sec-{i}><h2>Feature number {i}</h2><p>The tool keeps every contact, deal and note in one place, and the team sees the same record wherever it works, on the phone or at a desk, without copying anything by hand.</p></div>"
            )
        };
        let body = format!(
            "<nav class=site-nav><a href=/a>Pricing</a> <a href=/b>Customers</a> <a href=/c>Support and help centre</a></nav><div class=lm_navSec><ul class=lm_navigation><li><span>Contact Book</span></li><li><span>Email Marketing</span></li><li><span>Automation</span></li></ul></div><div class=\"navbar-menu\"><a href=/x>Sign in</a> <a href=/y>Start your free trial of the whole suite today</a></div>{}{}{}",
            section(1),
            section(2),
            section(3)
        );
        let out = clean(&page(&body));
        for i in 1..=3 {
            assert!(out.contains(&format!("Feature number {i}")), "{out}");
        }
        assert_eq!(out.matches("The tool keeps every contact").count(), 3, "{out}");
        for gone in ["Pricing", "Contact Book", "Email Marketing", "Sign in", "free trial"] {
            assert!(!out.contains(gone), "{gone}: {out}");
        }
    }

    #[test]
    fn a_users_selector_for_a_host_wins_on_that_host_only() {
        let body = format!(
            "<div class=\"story\">{PROSE}{PROSE}{PROSE}</div><article><p>Teaser of another story, long enough to count here.</p>{PROSE}{PROSE}{PROSE}{PROSE}</article>"
        );
        let cleaner = with_rule("dom-content.txt", "news.example: .story");
        let on_host = format!("<link rel=canonical href=\"https://www.news.example/a\">{}", page(&body));
        assert!(!cleaner.clean(&on_host).text.contains("Teaser"));
        assert!(cleaner.clean(&page(&body)).text.contains("Teaser"));
    }

    #[test]
    fn a_users_selector_may_test_any_attribute() {
        // `data-testid` is none of the attributes the DOM path reads for itself: a rule that
        // tests it keeps it.
        let body = format!(
            "<article>{PROSE}<div data-testid=\"promo-box\"><p>Our weekly letter brings you the best of the harbour news, the council and the trams, every Sunday.</p></div>{PROSE}{PROSE}</article>"
        );
        let cleaner = with_rule("dom-drop.txt", "[data-testid=promo-box]");
        let out = cleaner.clean(&page(&body)).text;
        assert!(out.contains("The council met") && !out.contains("weekly letter"), "{out}");
        assert!(clean(&page(&body)).contains("weekly letter"));
    }

    #[test]
    fn related_cards_named_after_articles_are_furniture_and_a_layout_wrapper_is_not() {
        // A CSS module's `RelatedArticles_container__x` is related stories, though it names
        // articles; Genesis's `content-sidebar-wrap` names a sidebar but holds the article.
        let cards = "<div class=\"RelatedArticles_container__Ntihs\"><h3>From the same desk</h3><div class=\"Card\"><h4>Explaining lifetime value in ecommerce</h4><p>This article teaches you how to calculate customer lifetime value, and how to raise it.</p></div></div>";
        let out = clean(&page(&format!(
            "<div class=\"content-sidebar-wrap\"><main class=\"content\"><article class=\"post entry\"><div class=\"entry-content\">{PROSE}{PROSE}{PROSE}{cards}</div></article></main><aside class=\"sidebar\">Recent posts</aside></div>"
        )));
        assert!(out.contains("The council met"), "{out}");
        assert!(!out.contains("same desk") && !out.contains("lifetime"), "{out}");
    }

    #[test]
    fn an_article_set_in_parts_that_score_alike_is_their_container() {
        // A theme sets each run of paragraphs (between two figures) in a section of its own;
        // the article is the four, and the promoted story beside them is not.
        let part = |n: usize| {
            format!(
                "<section><div><p>Part {n}: the council met on Monday, and after a long debate, with many objections, it approved the plan.</p><p>Then, in part {n}, the mayor spoke, at length, about the harbour, the bridge and the tram.</p><p>And in part {n} the vote came, late, after midnight, and the plan passed.</p></div></section><figure><img src=\"x.jpg\"></figure>"
            )
        };
        let parts: String = (1..=4).map(part).collect();
        let beside = "<div><div><p>Another story entirely, with a long teaser of its own that goes on, and on, and on for a while.</p><p>And a second paragraph of that other story, which is long enough to score as one, too.</p></div></div>";
        let out = clean(&page(&format!("<div><div>{parts}</div>{beside}</div>")));
        for n in 1..=4 {
            assert!(out.contains(&format!("Part {n}:")), "{out}");
        }
        assert!(!out.contains("Another story"), "{out}");
    }

    #[test]
    fn an_article_set_in_boxes_of_one_kind_apart_is_the_box_around_them() {
        // Quanta's theme: the article's first run of paragraphs deep in a wrapper of its own
        // (a drop cap), a figure, then the rest; another story beside the article.
        let run = |label: &str, n: usize| {
            let p = format!(
                "<p>{label}: the council met on Monday, and after a long debate, with many objections, it approved the plan for the harbour.</p>"
            );
            format!(
                "<section><div class=\"flex\"><div class=\"post__content wysiwyg\">{}</div></div></section>",
                p.repeat(n)
            )
        };
        let body = format!(
            "<div class=\"acf-content\"><div class=\"post__wrapper\"><div class=\"mha\">{}</div></div><figure><img src=\"x.jpg\"><figcaption>A photo.</figcaption></figure>{}</div><div><p>Another story entirely, with a long teaser of its own that goes on, and on, and on.</p></div>",
            run("First", 3),
            run("Then", 5)
        );
        let out = clean(&page(&body));
        assert!(out.contains("First:") && out.contains("Then:"), "{out}");
        assert!(!out.contains("Another story"), "{out}");
    }

    #[test]
    fn an_article_cut_around_an_ad_in_sections_of_one_kind_is_all_of_them() {
        // A news page's story in `article-body` sections, an ad between them; and a shop's
        // page that calls itself an article, whose sections of one kind are its tabs.
        let section = |label: &str, n: usize| {
            let ps: String = (0..n)
                .map(|i| format!("<p>{label} {i}: the council met on day {i}, and after a long debate, with many objections, it approved the plan for the harbour, the new bridge and the tram line.</p>"))
                .collect();
            format!("<div class=\"article-body\">{ps}</div>")
        };
        let head = |extra: &str| {
            format!(
                "<!DOCTYPE html><html><head><title>T</title><meta property=\"og:type\" content=\"article\">{extra}</head><body>"
            )
        };
        let story = format!(
            "<article><div class=\"wrap\">{}</div><div class=\"ad\">Advertisement</div><div class=\"wrap\">{}</div><div class=\"wrap\">{}</div></article></body></html>",
            section("First", 3),
            section("Second", 1),
            section("Third", 1)
        );
        let out = clean(&format!("{}{story}", head("")));
        assert!(out.contains("First 2:") && out.contains("Second 0:") && out.contains("Third 0:"), "{out}");
        let shop = r#"<script type="application/ld+json">{"@type":"Product","name":"Tea"}</script>"#;
        let out = clean(&format!("{}{story}", head(shop)));
        assert!(out.contains("First 2:") && !out.contains("Second 0:"), "{out}");
    }

    #[test]
    fn an_ai2html_charts_labels_are_not_text() {
        let chart = r#"<div id="g-debt-box" class="ai2html"><div class="g-artboard"><img class="g-aiImg" src="c.png"><div class="g-aiAbs g-aiPointText"><p>PROJECTED</p></div><div class="g-aiAbs g-aiPointText"><p>’17</p></div></div></div>"#;
        let out = clean(&page(&format!("<article>{PROSE}{chart}{PROSE}</article>")));
        assert!(
            out.contains("The council met") && !out.contains("PROJECTED") && !out.contains("’17"),
            "{out}"
        );
    }

    #[test]
    fn paragraphs_set_in_divs_score_like_paragraphs() {
        // A page builder's copy: each paragraph a `div` of its own, no `p` anywhere; beside it
        // a box of short promo lines, which scoring leaves out once the copy scores.
        let copy = "<div class=\"copy\">The council met on Monday, and after a long debate it approved the plan for the harbour, the new bridge and the tram line.</div>";
        let promo = "<div class=\"box\"><div>Free delivery on all orders over fifty euros this week</div><div>Members save ten percent on every order today</div></div>";
        let out = clean(&page(&format!("<div class=\"story\">{copy}{copy}{copy}{copy}</div>{promo}")));
        assert!(out.contains("The council met"), "{out}");
        assert!(!out.contains("Free delivery") && !out.contains("Members save"), "{out}");
    }

    #[test]
    fn a_page_with_broken_tags_is_a_page_and_keeps_the_text_after_them() {
        // A template's tag that lost its `>`: a page that says it is one stays on the DOM path
        // (it went to the residue lexer, which printed the markup of the whole page).
        let swatch = "<ul class=\"facets\"><li><span class=\"swatch\"\n   \n   style=\"color:#000\"\n  </span>Black</li></ul>";
        let reply = "<a class=\"comment-reply-login\" href=\"#\" in to Reply</a>";
        let out = clean(&page(&format!(
            "{swatch}<main>{PROSE}<p class= Während die Sonne schien, sahen wir nichts.</p>{reply}</main>"
        )));
        assert!(out.contains("The council met"), "{out}");
        assert!(out.contains("Während die Sonne schien, sahen wir nichts."), "{out}");
        for markup in ["class", "style", "<", ">", "href"] {
            assert!(!out.contains(markup), "{markup} in {out}");
        }
        // A Drupal node: `node--promoted` is a state, not a promo box.
        let node = format!("<div class=\"node node--type-recipe node--promoted\">{PROSE}{PROSE}</div>");
        let out =
            clean(&page(&format!("<main><div class=\"quickview\"><p>Short intro.</p></div>{node}</main>")));
        assert!(out.contains("The council met"), "{out}");
    }

    #[test]
    fn a_product_page_gets_its_json_ld_description_when_the_markup_lacks_it() {
        let ld = r#"<script type="application/ld+json">{"@type":"Product","name":"Dark Roast","description":"<h4>DARKER ROAST FOR BOLDER DAYS.</h4>\n<p>Our balanced blend of arabica beans for smooth flavor &amp; robusta for strength.</p><ul><li>Fair Trade</li></ul>"}</script>"#;
        let shop = "<main><h1>Dark Roast</h1><ul><li>Whole bean</li><li>Ground</li></ul><p>$19.99</p><button>Add to cart</button></main>";
        let out = clean(&format!("<!DOCTYPE html><html><head>{ld}</head><body>{shop}</body></html>"));
        assert_eq!(
            out,
            "DARKER ROAST FOR BOLDER DAYS.\n\nOur balanced blend of arabica beans for smooth flavor & robusta for strength.\n\nFair Trade\n\nDark Roast\n\nWhole bean\nGround\n\n$19.99\n"
        );
        // When the page shows it, it comes once.
        let shown = "<main><h1>Dark Roast</h1><h4>DARKER ROAST FOR BOLDER DAYS.</h4><p>Our balanced blend of arabica beans for smooth flavor &amp; robusta for strength.</p></main>";
        let out = clean(&format!("<!DOCTYPE html><html><head>{ld}</head><body>{shown}</body></html>"));
        assert_eq!(out.matches("DARKER ROAST").count(), 1, "{out}");
        // A page that declares no product is left alone.
        let article = ld.replace("Product", "WebPage");
        let out = clean(&format!("<!DOCTYPE html><html><head>{article}</head><body>{shop}</body></html>"));
        assert!(!out.contains("DARKER"), "{out}");
    }

    #[test]
    fn a_shop_page_of_links_gives_way_to_the_description_it_lacks() {
        // Nothing on the page stands out, and what it shows is the shop's links: the
        // description alone is the content.
        let ld = r#"<script type="application/ld+json">{"@type":"Product","name":"Dark Roast","description":"<p>Our balanced blend of arabica beans for smooth flavor and robusta for strength will kick the midday crash to the curb.</p>"}</script>"#;
        let links: String =
            ["Help + FAQ", "Refund Policy", "Careers", "Wholesale", "Your Account", "Track Your Order"]
                .iter()
                .map(|l| format!("<li><a href=\"/p\">{l} and more links of the shop's footer</a></li>"))
                .collect();
        let shop = format!(
            "<div class=\"x\"><p>Log in to save your cart.</p><ul>{links}</ul><p>© 2026, Roasters.</p></div>"
        );
        let out = clean(&format!("<!DOCTYPE html><html><head>{ld}</head><body>{shop}</body></html>"));
        assert_eq!(
            out,
            "Our balanced blend of arabica beans for smooth flavor and robusta for strength will kick the midday crash to the curb.\n"
        );
    }

    #[test]
    fn a_menu_that_outweighs_the_article_stays_furniture() {
        // A header whose mega-menu holds most of the page's text is no wrapper of the page.
        let items: String = (1..=60)
            .map(|i| format!("<li><a href=\"/p/{i}\">Product number {i}: storage, compute and networks for every team</a></li>"))
            .collect();
        let out = clean(&page(&format!(
            "<header><ul>{items}</ul></header><div class=\"body\">{PROSE}{PROSE}</div>"
        )));
        assert!(out.contains("The council met"), "{out}");
        assert!(!out.contains("Product number"), "{out}");
        // A page hidden until its script runs is still the page, links and all.
        let out = clean(&page(&format!("<div hidden><ul>{items}</ul>{PROSE}</div>")));
        assert!(out.contains("The council met"), "{out}");
    }

    #[test]
    fn a_layout_wrapper_that_holds_most_of_main_is_content_whatever_the_menus_hold() {
        // Drupal's `c-layout-sidebar-left` holds the guide's menu and the guide; a mega-menu
        // in the header holds more of the page than either.
        let items: String = (1..=20)
            .map(|i| format!("<li><a href=\"/p/{i}\">Product number {i}: storage, compute and networks for every team</a></li>"))
            .collect();
        let steps =
            "<ul class=\"steps\"><li><a href=\"/1\">Step 1</a></li><li><a href=\"/2\">Step 2</a></li></ul>";
        let body = format!(
            "<header><ul>{items}</ul></header><main><div class=\"c-layout-sidebar-left\"><div class=\"c-layout-menu\">{steps}</div><div class=\"c-layout-main\"><div class=\"c-wysiwyg\">{PROSE}{PROSE}{PROSE}</div></div></div></main><div><h2>Also see</h2><p>Shopping and paying safely online, with tips to help you buy safely and avoid fraudulent websites.</p><p>Password managers and passkeys, and how they help you stay secure online.</p></div>"
        );
        let out = clean(&page(&body));
        assert!(out.contains("The council met"), "{out}");
        assert!(!out.contains("Product number") && !out.contains("Password managers"), "{out}");
        // A sidebar inside `<main>` that holds less of it stays furniture.
        let body = format!(
            "<main><div class=\"c-wysiwyg\">{PROSE}{PROSE}{PROSE}</div><div class=\"sidebar\"><p>About the author of this blog and the many things she writes about.</p></div></main>"
        );
        let out = clean(&page(&body));
        assert!(out.contains("The council met") && !out.contains("About the author"), "{out}");
    }

    #[test]
    fn an_icon_fonts_glyph_names_are_no_text() {
        let body = format!(
            "<main>{PROSE}<p><span class=\"material-icons\">local_offer</span>Spring sale on every bike in the shop.</p><p>Our <mat-icon>home</mat-icon> page has <span class=\"material-symbols-rounded notranslate\">arrow_forward</span> more.</p>{PROSE}</main>"
        );
        let out = clean(&page(&body));
        assert!(out.contains("\nSpring sale on every bike") && out.contains("Our page has more."), "{out}");
        assert!(
            !out.contains("local_offer") && !out.contains("home") && !out.contains("arrow_forward"),
            "{out}"
        );
    }

    #[test]
    fn parts_react_streamed_after_the_shell_are_read_where_they_belong() {
        // Next.js: the article's later paragraphs come at the end of the body, hidden, with
        // a script that moves them into their boundary; the fallback goes.
        let body = format!(
            "<main><article>{PROSE}{PROSE}{PROSE}<!--$?--><template id=\"B:0\"></template><div>Loading paragraph...</div><!--/$--></article></main><footer>Footer links and legal text.</footer><div hidden id=\"S:0\"><p>The second paragraph, streamed after the shell, with the vote, the count and the mayor's words.</p></div><script>$RC(\"B:0\",\"S:0\")</script>"
        );
        let out = clean(&page(&body));
        assert!(out.contains("The second paragraph, streamed"), "{out}");
        assert!(!out.contains("Loading paragraph"), "{out}");
        assert!(!out.contains("Footer links"), "{out}");
    }

    #[test]
    fn a_listing_keeps_its_linked_items_beside_the_category_blurb() {
        // A broad `<main>`: scoring inside it finds the blurb, which holds the prose but not
        // the listing, whose items are links.
        let blurb = "<div class=\"cat-desc\"><p>I love a meal with crispiness and crunch, and these air fryer recipes deliver, from salmon to chicken bowls, all of them tested in our kitchen, with tips for every model of fryer.</p><p>The air fryer is a weeknight dinner superstar for me, perfect for busy days, and these recipes, from crispy fish to vegetables, prove it again and again.</p></div>";
        let items: String = (1..=30)
            .map(|i| format!("<li><a href=\"/r/{i}\">Ridiculously Good Air Fryer Dish Number {i}</a></li>"))
            .collect();
        let out = clean(&page(&format!("<main>{blurb}<ul>{items}</ul></main>")));
        assert!(out.contains("I love a meal"), "{out}");
        assert!(out.contains("Air Fryer Dish Number 1\n") && out.contains("Number 30\n"), "{out}");
    }

    #[test]
    fn references_to_control_characters_give_no_text_on_a_page() {
        // html5ever decodes `&#1` to U+0001, which no text holds (found by fuzzing).
        let out = clean("<!DOCTYPE html><html><body><p>Zeile&#1;eins &#x7f;und&#1 zwei</p></body></html>");
        assert_eq!(out, "Zeileeins und zwei\n");
        let out = clean("<!DOCTYPE html><html><body><pre>let a&#1;\tb = 1;</pre></body></html>");
        assert_eq!(out, "let a\tb = 1;\n");
        // Nor does a title (found by fuzzing): from `<title>`, `og:title` or an `<h1>`.
        let prose =
            "<p>The council met on Monday, and after a long debate it approved the plan for the harbour.</p>";
        for head in [
            "<title>Tag&#2;eins &#1;zwei</title>",
            "<meta property=\"og:title\" content=\"Tag&#2;eins &#1;zwei\">",
        ] {
            let out = clean(&format!("<!DOCTYPE html><html><head>{head}</head><body>{prose}</body></html>"));
            assert!(out.starts_with("Tageins zwei\n\nThe council"), "{out:?}");
        }
        // Nor the article a page's JSON-LD carries (`\u0002` in JSON).
        let ld = r#"<script type="application/ld+json">{"@type":"NewsArticle","articleBody":"The council met on Monday\u0002 and approved the plan for the harbour, the bridge and the tram line, after a long debate."}</script>"#;
        let out = clean(&format!(
            "<!DOCTYPE html><html><head><title>T</title>{ld}</head><body><p>x</p></body></html>"
        ));
        assert!(out.contains("on Monday and approved"), "{out:?}");
        let out = clean(&format!("<!DOCTYPE html><html><body><h1>Tag&#2;eins</h1>{prose}</body></html>"));
        assert!(out.starts_with("Tageins\n\nThe council"), "{out:?}");
    }

    #[test]
    fn a_page_set_in_sections_of_one_kind_keeps_them_all() {
        // A shop's about page: each section wrapped by the theme, the copy in `.rich-text`.
        let section = |text: &str| {
            format!(
                "<div class=\"shopify-section\"><section class=\"rich-text\"><div><p>{text}</p></div></section></div>"
            )
        };
        let body = [
            section("Here at our shop, beauty is about you, from our formulas to packaging, playful shades to skincare, all of it made to last. Every product starts with a question from you, and every answer is tested for months, by people like you, before it reaches the shelf. That is why our range stays small, and why it changes slowly."),
            section("Before we launched in 2014, we started as a beauty website and community devoted to sharing real information with readers."),
            section("We believe in thoughtful design and cultivating conversations, and it is at the core of everything we do, from makeup to skincare and more."),
        ]
        .concat();
        let out = clean(&page(&body));
        for part in ["Here at our shop", "Before we launched", "We believe in"] {
            assert!(out.contains(part), "{part} missing: {out}");
        }
        let article = format!(
            "<!DOCTYPE html><html><head><meta property=\"og:type\" content=\"article\"></head><body>{body}</body></html>"
        );
        // An article set so (cut around its ads) is all of them too.
        let out = clean(&article);
        for part in ["Here at our shop", "Before we launched", "We believe in"] {
            assert!(out.contains(part), "{part} missing: {out}");
        }
    }

    #[test]
    fn the_space_around_an_inline_element_is_one_gap() {
        // Found in review: the repaired `<a href="#" in to Reply` and `a <b> c</b>` gave two spaces.
        let out = clean("<!DOCTYPE html><p>Grüße <b> Köln</b> und <a href=\"#\" in mehr</a> <i> x</i></p>");
        assert_eq!(out, "Grüße Köln und in mehr x\n");
    }

    #[test]
    fn the_title_comes_once_and_a_page_without_content_gives_nothing() {
        let out = clean(&page(&format!("<h1>Harbour plan approved</h1>{PROSE}")));
        assert!(out.starts_with("Harbour plan approved\n\nThe council met"), "{out}");
        assert_eq!(out.matches("Harbour plan approved").count(), 1);
        let out = clean(&page(PROSE));
        assert!(out.starts_with("Site title\n\n"), "{out}");
        assert_eq!(clean(&page("<div id=app></div><script>render()</script>")), "");
        // A line break or a block inside the heading parts its words, inline markup does not.
        for h1 in [
            "Harbour plan<br><span class=rotating>approved</span>",
            "<div>Harbour plan</div><div>approved</div>",
            "Harbour <em>plan</em><br/>approved",
        ] {
            let out =
                clean(&page(&format!("<header><h1>{h1}</h1></header><article>{PROSE}{PROSE}</article>")));
            assert!(out.starts_with("Harbour plan approved\n\nThe council met"), "{out}");
        }
    }

    #[test]
    fn boxes_named_in_the_sites_language_are_furniture() {
        let p = "<p>Der Stadtrat hat am Montag, nach langer Debatte, den Plan für den Hafen, die neue Brücke und die Straßenbahn gebilligt.</p>";
        let html = page(&format!(
            "<div class=inhalt>{p}{p}{p}\
             <div class=\"teilen-leiste\"><p>Jetzt auf allen Kanälen mit Freunden und Bekannten weitersagen, bitte sehr.</p></div>\
             <section id=kommentare><p>Ein Leser schreibt: Das ist alles viel zu teuer, und niemand hat uns gefragt, wirklich.</p>\
             <p>Ein anderer Leser meint: Endlich passiert etwas in dieser Stadt, und das ist auch gut so, finde ich.</p></section>\
             <div class=\"artikel-verwandt\"><p>Weitere Artikel aus der Region, die Sie interessieren könnten, und noch mehr.</p></div></div>"
        ));
        let out = clean(&html);
        assert!(out.contains("Der Stadtrat hat am Montag"), "{out}");
        for gone in ["weitersagen", "Ein Leser schreibt", "Ein anderer Leser", "Weitere Artikel"] {
            assert!(!out.contains(gone), "{gone}: {out}");
        }
    }

    // See: issue #10 (an ASP.NET `<form>` around the page; a page hidden until its script runs).
    #[test]
    fn wrappers_of_the_whole_page_are_content_small_hidden_parts_are_not() {
        let out = clean(&page(&format!("<form id=aspnetForm>{PROSE}{PROSE}</form>")));
        assert!(out.contains("The council met"), "{out}");
        let out = clean(&page(&format!("<div class=\"root hide\">{PROSE}{PROSE}{PROSE}</div>")));
        assert!(out.contains("The council met"), "{out}");
        let out = clean(&page(&format!(
            "{PROSE}{PROSE}<div style=\"display:none\"><p>Hidden text that is not shown anywhere.</p></div><form><p>Search this site</p></form>"
        )));
        assert!(!out.contains("Hidden text") && !out.contains("Search this site"), "{out}");
    }

    #[test]
    fn elements_laid_out_apart_part_their_words_on_either_path() {
        // A lower-case word's end against a capitalised word, with only markup between, is
        // two words (a card's title and its line, a brand and its product). One lower-case
        // letter before the capital is a brand's own (`eBay`); code keeps what it has.
        let body = "<p><span>AI and automation</span><span>Solve issues faster.</span> Buy the \
                    <span class=brand>Osprey</span><a href=/rook>Rook</a> or the <b>HOKA</b>Bondi \
                    (<span>£12.99</span><span>Save 20%</span>) on e<b>Bay</b>, 5<b>GHz</b>, H<sub>2</sub>O.</p>\
                    <p><code><span>new</span><span>Foo</span>()</code> stays.</p>";
        let want = "AI and automation Solve issues faster. Buy the Osprey Rook or the HOKA Bondi \
                    (£12.99 Save 20%) on eBay, 5 GHz, H2O.\n\nnewFoo() stays.\n";
        assert_eq!(clean(body), want);
        assert_eq!(clean(&page(body)), format!("Site title\n\n{want}"));
        // A link opened at the seam starts at its text, after the space.
        let md = Cleaner::builder().format(crate::Format::Markdown).links(true).build().unwrap();
        let out = md.clean("<p>Buy the <span>Osprey</span><a href=/rook>Rook</a> today.</p>").text;
        assert_eq!(out, "Buy the Osprey [Rook](/rook) today.\n");
    }

    #[test]
    fn a_box_of_the_same_class_beside_the_article_is_part_of_it() {
        // A theme sets the intro and the body in two boxes of one class; the intro's two
        // short paragraphs score less than a sibling must alone (readability's bonus).
        let intro = "<p>Choosing a platform can feel confusing, but it need not be.</p>\
                     <p>This guide gives you a clear overview of the options here.</p>";
        let body = format!("<h2>The options</h2>{}", PROSE.repeat(6));
        let html = page(&format!(
            "<div class=layout><div class=\"rt box\">{intro}</div><div class=\"rt box\">{body}</div>\
             <div class=other><p>An unrelated note that sits beside the article, short.</p></div></div>"
        ));
        let out = clean(&html);
        assert!(out.contains("Choosing a platform can feel confusing"), "{out}");
        assert!(out.contains("The options") && !out.contains("An unrelated note"), "{out}");
    }

    #[test]
    fn a_broken_tag_keeps_its_prose_on_either_path() {
        let cleaner = Cleaner::builder().build().unwrap();
        // A page that says so is read as one, the broken tag closed where its attributes end.
        let out = cleaner.clean(&page("<p class= Während die Sonne schien, blieb es kalt.</p>"));
        assert_eq!(out.stats.pages, 1);
        assert_eq!(out.text, "Site title\n\nWährend die Sonne schien, blieb es kalt.\n");
        // Text that does not is residue, and the lexer keeps the prose.
        let out = cleaner.clean("<body><p class= Während die Sonne schien, blieb es kalt.</p></body>");
        assert_eq!(out.stats.pages, 0);
        assert_eq!(out.text, "Während die Sonne schien, blieb es kalt.\n");
    }

    #[test]
    fn nesting_too_deep_for_linear_parsing_is_residue() {
        let deep = format!("<!DOCTYPE html>{}deep", "<div>".repeat(20_000));
        assert!(!super::fits(&deep, usize::MAX));
        assert!(super::fits(&page(PROSE), usize::MAX));
        let out = Cleaner::builder().build().unwrap().clean(&deep);
        assert_eq!((out.stats.pages, out.stats.large_pages, out.text.as_str()), (0, 1, "deep\n"));
    }

    #[test]
    fn void_and_self_closing_names_are_told_in_any_case() {
        for n in ["br", "BR", "Img", "p", "li", "TD", "option", "source", "param", "wbr", "embed"] {
            assert!(super::closes_itself(n.as_bytes()), "{n}");
        }
        for n in ["", "b", "div", "pre", "tbody", "sources", "options", "paragraph", "é"] {
            assert!(!super::closes_itself(n.as_bytes()), "{n}");
        }
        // Nesting counts what stays open: `<p>`s close each other.
        let ps = format!("<!DOCTYPE html>{}", "<P>x".repeat(20_000));
        assert!(super::fits(&ps, usize::MAX));
    }

    #[test]
    fn a_page_of_more_elements_than_the_limit_is_residue() {
        // Megabytes of tiny tags would take hundreds of megabytes as a tree.
        let tiny = format!("<!DOCTYPE html>{}", "w<br><br>".repeat(30));
        assert!(super::fits(&tiny, 60) && !super::fits(&tiny, 59));
        let out = with_rule("defaults.toml", "dom_max_elements = 40").clean(&tiny);
        assert_eq!((out.stats.pages, out.stats.large_pages), (0, 1));
        assert_eq!(out.text, "w\n\n".repeat(30).trim_end().to_owned() + "\n");
        let out = clean(&tiny);
        assert_eq!(out, "w\n\n".repeat(30).trim_end().to_owned() + "\n");
    }

    #[test]
    fn a_page_whose_markup_yields_little_gives_its_json_ld_article() {
        let html = r#"<!DOCTYPE html><html><head><title>Harbour plan approved</title>
            <script type="application/ld+json">{"@type":"NewsArticle","articleBody":"The council met on Monday and approved the plan for the harbour, the bridge and the tram.\nConstruction starts next autumn, and the line opens in 2030 with fourteen stops."}</script>
            </head><body><div id="app">Loading…</div></body></html>"#;
        let out = clean(html);
        assert_eq!(
            out,
            "Harbour plan approved\n\nThe council met on Monday and approved the plan for the harbour, the bridge and the tram.\nConstruction starts next autumn, and the line opens in 2030 with fourteen stops.\n"
        );
    }

    #[test]
    fn templates_left_in_page_text_go() {
        let out = clean(&page(&format!(
            "{PROSE}<p>Hello {{{{ user.name }}}}, welcome back to the harbour news.</p>"
        )));
        assert!(
            out.contains("Hello, welcome back")
                || out.contains("Hello , welcome back")
                || out.contains("Hello welcome"),
            "{out}"
        );
        assert!(!out.contains("{{"), "{out}");
    }

    // The items of a listing and the panels of tabs are links and `tablist`s; both are content.
    #[test]
    fn a_listings_linked_items_and_a_tab_panel_are_content() {
        let items: String = ["Quick dinners for one", "Sheet pan dinners", "Slow cooker main dishes"]
            .iter()
            .map(|t| format!("<li><a href=\"/r/{}\">{t}</a></li>", t.len()))
            .collect();
        let out = clean(&page(&format!(
            "<nav><a href=/>Home</a></nav><main><h1>Dinner recipes</h1>{PROSE}<ul>{items}</ul></main>"
        )));
        assert!(out.contains("- Sheet pan dinners") || out.contains("Sheet pan dinners\n"), "{out}");
        assert!(!out.contains("Home"), "{out}");
        let out = clean(&page(&format!(
            "<main><div role=\"tablist\"><input type=radio role=tab checked><div role=\"tabpanel\">{PROSE}{PROSE}{PROSE}</div></div></main>"
        )));
        assert!(out.contains("The council met"), "{out}");
    }

    #[test]
    fn a_product_pages_reviews_are_not_its_description() {
        let body = format!(
            "<main><h1>Stoneware mug</h1>{PROSE}<div class=\"product-reviews\"><h2>Reviews</h2><p>Beautiful mug, well packaged and exactly as described, would buy again.</p></div></main>"
        );
        let product =
            format!("<script type=\"application/ld+json\">{{\"@type\":\"Product\"}}</script>{}", page(&body));
        let out = clean(&product);
        assert!(out.contains("The council met") && !out.contains("Beautiful mug"), "{out}");
        // On any other page the same section is content (a review is an article's subject).
        assert!(clean(&page(&body)).contains("Beautiful mug"));
    }

    #[test]
    fn the_other_tabs_of_the_chosen_panel_are_content_but_reviews() {
        // Scoring chooses the description's panel; its specifications wait in the next tab,
        // hidden until clicked. The reviews' tab is the page's furniture, as anywhere.
        let specs = "<table><tr><th>Capacity</th><td>300 ml</td></tr><tr><th>Material</th><td>Glazed stoneware</td></tr><tr><th>Dishwasher safe</th><td>Yes</td></tr></table>";
        let body = format!(
            "<div class=top><a href=/>Home</a> <a href=/mugs>Mugs</a></div><div class=page><div class=tabs>\
             <div class=\"tab-pane active\"><div id=description><h2>Stoneware mug</h2>{PROSE}{PROSE}{PROSE}</div></div>\
             <div class=tab-pane id=specs style=\"display:none\">{specs}</div>\
             <div class=\"tab-pane product-reviews\" id=reviews style=\"display:none\"><p>Beautiful mug, well packaged and exactly as described, would buy again.</p></div>\
             </div><div class=sidebar><a href=/a>Teapot, cast iron</a> <a href=/b>Saucer set</a></div></div>"
        );
        let product =
            format!("<script type=\"application/ld+json\">{{\"@type\":\"Product\"}}</script>{}", page(&body));
        let out = clean(&product);
        assert!(out.contains("The council met") && out.contains("Glazed stoneware"), "{out}");
        assert!(!out.contains("Beautiful mug") && !out.contains("Teapot"), "{out}");
        // Panels of no tab set are what they were: the hidden one waits, not chosen.
        let plain = product.replace("tab-pane", "box");
        let out = clean(&plain);
        assert!(out.contains("The council met") && !out.contains("Glazed stoneware"), "{out}");
    }

    #[test]
    fn what_the_rules_chose_is_refined_within_never_widened() {
        // A shop's `<main id="main-content">` (its hints weigh) holds the description, marked
        // `<article>` and set in blocks of its own, and a box of the seller's boilerplate beside it.
        let block = format!("<div class=\"block\"><h2>Part</h2>{PROSE}{PROSE}</div>");
        let body = format!(
            "<main id=\"main-content\"><article>{block}{block}{block}</article><div><p>Our experts are ready to help you choose, call them any day of the week between nine and five.</p></div></main>"
        );
        let out = clean(&page(&body));
        assert!(out.contains("The council met") && !out.contains("Our experts"), "{out}");
    }
}
