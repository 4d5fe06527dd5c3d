//! Provides [`marks`]: what each element of a page is before any text is weighed: never
//! content (scripts, forms' controls, navigation, what is hidden), page furniture (headers,
//! footers, sidebars, share bars, comment sections, related stories: content on some pages,
//! so it is only set aside), or a candidate for the article.

use html5ever::{LocalName, local_name};

use crate::dom::Compiled;
use crate::dom::tree::{DOCUMENT, Data, Element, Node, NodeId, Tree};

/// What an element is, before its text is weighed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mark {
    /// May be content.
    Content,
    /// Never content: the element goes with everything in it.
    Drop,
    /// Page furniture by its name, role, class or id: set aside unless it turns out to hold
    /// the page's content (a forum's posts are `comment`s).
    Furniture,
    /// Furniture by a navigation word of its class or id (`links:` lines of `dom-hints.txt`)
    /// if its text is mostly links, content if it holds prose; settled by the first
    /// measuring walk ([`crate::dom::measure::measure_settling_navigation`]), before anything
    /// else reads the marks.
    Navigation,
    /// A `<form>`: dropped unless it wraps most of the page (ASP.NET wraps the whole page).
    Form,
    /// Hidden (by attribute, style or class) or `<noscript>`: dropped unless it wraps most of
    /// the page (pages hidden until their script runs; Flarum's posts in `<noscript>`).
    Hidden,
}

/// Elements that are never text a reader reads.
fn never_content(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("head")
            | local_name!("script")
            | local_name!("style")
            | local_name!("template")
            | local_name!("iframe")
            | local_name!("object")
            | local_name!("embed")
            | local_name!("canvas")
            | local_name!("button")
            | local_name!("select")
            | local_name!("option")
            | local_name!("input")
            | local_name!("textarea")
            | local_name!("nav")
            | local_name!("dialog")
            | local_name!("audio")
            | local_name!("video")
            | local_name!("map")
            | local_name!("title")
            | local_name!("meta")
            | local_name!("link")
            | local_name!("menu")
    )
}

/// Roles of what is never content.
fn never_content_role(role: &str) -> bool {
    role.split_ascii_whitespace().any(|r| {
        ["dialog", "alertdialog", "navigation", "menu", "menubar", "toolbar", "search", "tooltip"]
            .iter()
            .any(|k| r.eq_ignore_ascii_case(k))
    })
}

/// Roles of page furniture. (A `tablist` is neither: it should hold only its tabs, but pages
/// put the tabs' panels in it, and Bootstrap 3's accordions are `tablist`s of FAQ answers and
/// specifications.)
fn furniture_role(role: &str) -> bool {
    role.split_ascii_whitespace()
        .any(|r| ["banner", "contentinfo", "complementary"].iter().any(|k| r.eq_ignore_ascii_case(k)))
}

/// Whether inline style hides the element.
fn hidden_by_style(style: &str) -> bool {
    let b = style.as_bytes();
    let says = |word: &[u8]| b.windows(word.len()).any(|w| w.eq_ignore_ascii_case(word));
    if !says(b"none") && !says(b"hidden") {
        return false;
    }
    let s: String = style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
    s.contains("display:none") || s.contains("visibility:hidden")
}

/// The class tokens that hide an element in the common CSS frameworks.
///
/// Bootstrap's `collapse` (an accordion's folded answer, a tab's panel) is left out on
/// purpose: on the development pages what it folds is content (FAQ answers, product
/// specifications); dropping it cost WCXB 0.846 -> 0.841. Menus that fold carry `nav`.
fn hidden_by_class(class: &str) -> bool {
    const HIDING: [&str; 9] = [
        "hidden",
        "d-none",
        "is-hidden",
        "hide",
        "invisible",
        "visually-hidden",
        "sr-only",
        "screen-reader-text",
        "modal",
    ];
    class.split_ascii_whitespace().any(|t| HIDING.iter().any(|k| t.eq_ignore_ascii_case(k)))
}

/// Whether the element is a panel that opens on a click: a tab's panel (`role=tabpanel`), an
/// accordion's (`role=region`, as the WAI-ARIA accordion pattern has it, or an `accordion…`
/// class part).
fn folds(e: &Element) -> bool {
    let role = e.attr(&local_name!("role")).map(str::trim).unwrap_or_default();
    is_tab_panel(e)
        || role.eq_ignore_ascii_case("region")
        || e.attr(&local_name!("class")).is_some_and(|c| {
            parts(c).any(|p| {
                p.get(..9).is_some_and(|a| a.eq_ignore_ascii_case("accordion"))
                    || p.eq_ignore_ascii_case("faq")
                    || p.eq_ignore_ascii_case("answer")
            })
        })
}

/// Whether the element is a tab's panel: `role=tabpanel`, or Bootstrap's and most themes'
/// class for one (`tab-pane`, `tab-panel`, `tabpanel`).
pub(crate) fn is_tab_panel(e: &Element) -> bool {
    e.attr(&local_name!("role")).is_some_and(|r| r.trim().eq_ignore_ascii_case("tabpanel"))
        || e.attr(&local_name!("class")).is_some_and(|c| {
            c.split_ascii_whitespace()
                .any(|t| ["tab-pane", "tab-panel", "tabpanel"].iter().any(|k| t.eq_ignore_ascii_case(k)))
        })
}

/// Whether an id is one React gives the content it streams in hidden (`<div hidden
/// id="S:1">`) before its script puts it in place: the page's content, late.
fn suspended(id: &str) -> bool {
    id.strip_prefix("S:").is_some_and(|n| !n.is_empty() && n.bytes().all(|c| c.is_ascii_hexdigit()))
}

/// Whether the element comes right after the control that opens it: a `button` (or an
/// element with `aria-expanded`) as its previous sibling, as a FAQ's question stands before
/// its folded answer. Whitespace between them is no sibling.
fn after_its_trigger(tree: &Tree, id: NodeId) -> bool {
    let mut prev = tree.node(id).map(|n| n.prev);
    while let Some(p) = prev.and_then(|p| tree.node(p).map(|n| (p, n))) {
        match &p.1.data {
            Data::Text(t) if t.trim().is_empty() => prev = Some(p.1.prev),
            Data::Element(e) => {
                return e.html_name() == Some(&local_name!("button"))
                    || e.attr(&local_name!("aria-expanded")).is_some();
            }
            _ => return false,
        }
    }
    false
}

/// The parts of a class or id value.
pub(crate) fn parts(v: &str) -> impl Iterator<Item = &str> {
    let b = v.as_bytes();
    let mut start = 0;
    let mut i = 0;
    std::iter::from_fn(move || {
        while i <= b.len() {
            let at = i;
            i += 1;
            let sep = b
                .get(at)
                .is_none_or(|c| matches!(c, b'-' | b'_' | b' ' | b'\t' | b'\n' | b'\r' | b'.' | b':'));
            let camel = !sep
                && at > start
                && b.get(at).is_some_and(u8::is_ascii_uppercase)
                && b.get(at - 1).is_some_and(u8::is_ascii_lowercase);
            if sep || camel {
                let part = v.get(start..at).unwrap_or_default();
                start = if camel { at } else { at + 1 };
                if !part.is_empty() {
                    return Some(part);
                }
            }
        }
        None
    })
}

/// Marks every element of the tree; text and other nodes are [`Mark::Content`].
pub(crate) fn marks(
    tree: &Tree,
    rules: &Compiled,
    furniture_weight: i64,
    host: Option<&str>,
    product: bool,
) -> Vec<Mark> {
    // The panels a control opens (`aria-controls`), as the WAI-ARIA disclosure and accordion
    // patterns name them.
    let controlled = tree
        .nodes
        .iter()
        .filter_map(|n| match &n.data {
            Data::Element(e) => e.attr(&local_name!("aria-controls")),
            _ => None,
        })
        .flat_map(str::split_ascii_whitespace)
        .collect();
    let mut marker =
        Marker { tree, rules, furniture_weight, host, product, controlled, named: HashMap::default() };
    let mut out = vec![Mark::Content; tree.nodes.len()];
    for id in tree.descendants(DOCUMENT) {
        if let (Some(e), Some(m)) = (tree.element(id), out.get_mut(id as usize)) {
            *m = marker.mark(id, e);
        }
    }
    out
}

/// Whether the subtree at `id` is a label: a few words (`max_words`), in a few nodes. An
/// element whose class or id names a button (a link, or what wraps one: `btn`, `button`,
/// `cta`, the `button:` lines of `dom-hints.txt`) with such text is a control, like a
/// `<button>` (`Schedule a demo`, `Start a free trial`): not text. A card that is one big
/// link, or a call-to-action section, says more and stays.
fn is_label(tree: &Tree, id: NodeId, max_words: usize) -> bool {
    let mut words = 0;
    // A label is a small subtree: a bigger one is no button, and is not walked further (so
    // a page of nested buttons costs a few steps per element, not its depth).
    for (seen, n) in tree.descendants(id).enumerate() {
        if seen > MAX_BUTTON_NODES {
            return false;
        }
        if let Some(Node { data: Data::Text(t), .. }) = tree.node(n) {
            words += t.split_whitespace().count();
            if words > max_words {
                return false;
            }
        }
    }
    true
}

/// What an SVG or MathML element is. A drawing's text is labels, not prose. A formula is
/// part of its sentence (`When a ≠ 0, there are two solutions`): it reads as the text its
/// tokens show, as a browser shows it, unless hidden; its annotations (the TeX it was written
/// in) are not shown.
fn foreign(e: &Element) -> Mark {
    if e.name.ns != html5ever::ns!(mathml) {
        return Mark::Drop;
    }
    if matches!(&*e.name.local, "annotation" | "annotation-xml") {
        return Mark::Drop;
    }
    if hidden_by_attributes(e) { Mark::Hidden } else { Mark::Content }
}

/// Whether `e` hides itself: `hidden`, `aria-hidden`, a hiding style or class.
fn hidden_by_attributes(e: &Element) -> bool {
    e.attr(&local_name!("hidden")).is_some()
        || e.attr(&local_name!("aria-hidden")).is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
        || e.attr(&local_name!("style")).is_some_and(hidden_by_style)
        || e.attr(&local_name!("class")).is_some_and(hidden_by_class)
}

/// What an element is weighed with: the page's tree, the rules, and what the page is.
struct Marker<'a> {
    tree: &'a Tree,
    rules: &'a Compiled,
    furniture_weight: i64,
    host: Option<&'a str>,
    product: bool,
    /// The ids `aria-controls` names.
    controlled: std::collections::HashSet<&'a str>,
    /// What each distinct class and id pair on the page weighs: a page repeats a few thousand
    /// such pairs over tens of thousands of elements, and weighing one takes hundreds of
    /// steps.
    named: HashMap<(Option<&'a str>, Option<&'a str>), Named>,
}

/// What an element's class and id weigh by the hint words.
#[derive(Clone, Copy, Debug)]
struct Named {
    /// They name a button ([`Compiled::names_button`]).
    button: bool,
    /// They name furniture (`selectors-drop.txt`'s classes and ids).
    furniture: bool,
    /// [`Compiled::weight_with_links`].
    with_links: i32,
    /// [`Compiled::weight`], once asked for.
    plain: Option<i32>,
}

type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;

impl<'a> Marker<'a> {
    /// What `e`'s class and id weigh, from the page's memo.
    fn named(&mut self, e: &'a Element) -> &mut Named {
        let key = (e.attr(&local_name!("class")), e.attr(&local_name!("id")));
        let (rules, product, host) = (self.rules, self.product, self.host);
        self.named.entry(key).or_insert_with(|| Named {
            button: rules.names_button(e),
            furniture: rules.furniture.any(e, host),
            with_links: rules.weight_with_links(e, product),
            plain: None,
        })
    }

    fn mark(&mut self, id: NodeId, e: &'a Element) -> Mark {
        let Some(name) = e.html_name() else {
            return foreign(e);
        };
        let attr = |n: &LocalName| e.attr(n);
        if never_content(name)
            || attr(&local_name!("aria-modal")).is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
            || attr(&local_name!("role")).is_some_and(never_content_role)
            // A popover (HTML's `popover` attribute) is hidden until a control opens it over
            // the page, in the top layer: a menu, a tooltip, a picker, an install card.
            || e.attr_str("popover").is_some()
        {
            return Mark::Drop;
        }
        let hidden = hidden_by_attributes(e);
        // `<details>` shows its summary only, but what it hides is usually meant to be read.
        // So is a panel that folds until its tab or its question is clicked: the other tabs'
        // text (code in another language, a product's specifications), an accordion's
        // answers. It is then furniture or content as any element is.
        if hidden && *name != local_name!("details") && !self.opens(id, e) || *name == local_name!("noscript")
        {
            return Mark::Hidden;
        }
        if self.rules.drop.any(e, self.host) {
            return Mark::Drop;
        }
        if *name == local_name!("form") {
            return Mark::Form;
        }
        // The page's own containers carry the site's classes (`page-template`, `mega-menu`):
        // no hint makes them furniture.
        if matches!(*name, local_name!("body") | local_name!("main") | local_name!("article")) {
            return Mark::Content;
        }
        // A `header` inside an article, a section or `<main>` heads that part: its title and
        // lead. A `footer` there stays furniture (tags, share bars, the author box).
        let furniture_tag = matches!(*name, local_name!("footer") | local_name!("aside"))
            || *name == local_name!("header") && !self.in_section(id);
        let furniture_role = attr(&local_name!("role")).is_some_and(furniture_role);
        // The class and id are looked up once (a hash of both strings): what they weigh is
        // asked in turn below.
        let (tree, rules, product, furniture_weight) =
            (self.tree, self.rules, self.product, self.furniture_weight);
        let label_max_words = rules.button_max_words;
        let named = self.named(e);
        if named.button && is_label(tree, id, label_max_words) {
            return Mark::Drop;
        }
        if furniture_tag || furniture_role || named.furniture {
            return Mark::Furniture;
        }
        // Navigation words weigh less than nothing (the parser sees to it), so an element
        // they leave above the line is above it without them too: one lookup for most.
        if i64::from(named.with_links) > furniture_weight {
            return Mark::Content;
        }
        let mut plain = *named.plain.get_or_insert_with(|| rules.weight(e, product));
        // A paragraph is weighed again without the words of boxes, from the start.
        if i64::from(plain) <= furniture_weight && *name == local_name!("p") {
            let with_links;
            (plain, with_links) = rules.paragraph_weights(e, product);
            if i64::from(with_links) > furniture_weight {
                return Mark::Content;
            }
        }
        if i64::from(plain) <= furniture_weight { Mark::Furniture } else { Mark::Navigation }
    }

    /// Whether hidden `e` is shown by a click or a script: it folds (a tab panel, an
    /// accordion's answer), follows its trigger, or a control or a script names it.
    fn opens(&self, id: NodeId, e: &Element) -> bool {
        folds(e)
            || after_its_trigger(self.tree, id)
            || e.attr(&local_name!("id")).is_some_and(|i| self.controlled.contains(i) || suspended(i))
    }

    /// Whether an ancestor of `id` is sectioning content or the page's main part (`article`,
    /// `section`, `main`): a `header` there heads that part, as HTML-AAM has it (it is a
    /// page's banner only outside them).
    fn in_section(&self, id: NodeId) -> bool {
        let tree = self.tree;
        let mut at = tree.node(id).map(|n| n.parent);
        while let Some((p, node)) = at.and_then(|p| tree.node(p).map(|n| (p, n))) {
            if let Some(e) = tree.element(p) {
                if matches!(
                    e.html_name(),
                    Some(&local_name!("article") | &local_name!("section") | &local_name!("main"))
                ) {
                    return true;
                }
            }
            at = Some(node.parent);
        }
        false
    }
}

/// The most nodes (elements and texts, the button itself included) a button's label takes.
const MAX_BUTTON_NODES: usize = 32;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_and_id_parts() {
        let p: Vec<&str> = parts("entry-content post_body commentList x").collect();
        assert_eq!(p, ["entry", "content", "post", "body", "comment", "List", "x"]);
    }

    #[test]
    fn a_header_heads_its_section_and_only_the_page_has_a_banner() {
        let rules = crate::RuleSet::builtin();
        let html = "<body><header>a</header><main><section><header><h2>b</h2></header><p>x</p>\
            <footer>c</footer></section><article><div><header>d</header></div></article></main></body>";
        let tree = Tree::parse(html);
        let m = marks(&tree, &Compiled::new(&rules), rules.defaults.dom_furniture_weight, None, false);
        let of = |text: &str| {
            let t = tree
                .descendants(DOCUMENT)
                .find(|&n| matches!(&tree.node(n).unwrap().data, Data::Text(t) if &**t == text));
            let parent = tree.node(t.unwrap()).unwrap().parent;
            // The header itself, not the `h2` inside it.
            let e = tree.element(parent).unwrap();
            let header = if e.html_name() == Some(&local_name!("h2")) {
                tree.node(parent).unwrap().parent
            } else {
                parent
            };
            m[header as usize]
        };
        assert_eq!(of("a"), Mark::Furniture);
        assert_eq!(of("b"), Mark::Content);
        assert_eq!(of("c"), Mark::Furniture);
        assert_eq!(of("d"), Mark::Content);
    }

    /// A page's tree and the marks of its elements under the built-in rules.
    fn marked(html: &str) -> (Tree, Vec<Mark>) {
        let rules = crate::RuleSet::builtin();
        let tree = Tree::parse(html);
        let m = marks(&tree, &Compiled::new(&rules), rules.defaults.dom_furniture_weight, None, false);
        (tree, m)
    }

    /// The element around the text node `text`.
    fn parent_of(tree: &Tree, text: &str) -> NodeId {
        let t = tree
            .descendants(DOCUMENT)
            .find(|&n| matches!(&tree.node(n).unwrap().data, Data::Text(t) if &**t == text));
        tree.node(t.unwrap()).unwrap().parent
    }

    #[test]
    fn a_strong_furniture_word_in_a_name_says_what_the_name_is() {
        let html = r#"<body><div class="RelatedArticles_container__Ntihs">a</div><div class="entry-footer">b</div>
            <div class="entry-content has-sidebar">c</div><div class="ipsComment_content">d</div>
            <div class="content-nav-section">e</div><div id="article-body" class="x">f</div>
            <span class="story-image-copyright">g</span></body>"#;
        let (tree, m) = marked(html);
        let of = |text: &str| m[parent_of(&tree, text) as usize];
        // `related` (-30) outweighs `article` (+25) in one name, as `footer` does `entry`.
        assert_eq!(of("a"), Mark::Furniture);
        assert_eq!(of("b"), Mark::Furniture);
        // A photo's copyright line, whatever story it illustrates.
        assert_eq!(of("g"), Mark::Furniture);
        // In two names of one class the weights add: the theme's content, with a state.
        assert_eq!(of("c"), Mark::Content);
        // Weaker words do not: a forum's post, an article's section.
        assert_eq!(of("d"), Mark::Content);
        assert_eq!(of("e"), Mark::Content);
        assert_eq!(of("f"), Mark::Content);
    }

    #[test]
    fn a_paragraph_behind_the_paywall_is_text_and_the_paywall_is_a_box() {
        let html = r#"<body><p>a</p><p class="paywall">b</p><div class="paywall"><h2 class="paywall-title">c</h2></div>
            <p class="paywall-bar related">d</p></body>"#;
        let (tree, m) = marked(html);
        let of = |text: &str| m[parent_of(&tree, text) as usize];
        assert_eq!(of("b"), Mark::Content);
        assert_eq!(m[tree.node(parent_of(&tree, "c")).unwrap().parent as usize], Mark::Furniture);
        assert_eq!(of("c"), Mark::Furniture);
        // Only the box's words weigh nothing on a paragraph.
        assert_eq!(of("d"), Mark::Furniture);
    }

    #[test]
    fn a_label_styled_as_a_button_is_a_control_and_a_card_is_not() {
        let html = r#"<body><a class="btn btn-primary" href="/demo">Schedule a demo</a>
            <div class="wp-block-button"><a class="wp-block-button__link" href="/q">Get a quote</a></div>
            <a class="ctaLink" href="/x">Start your free trial today</a>
            <a class="StyledButton-sc-qe3ace-0" href="/s">Customer service software that helps your agents answer more tickets in less time</a>
            <span class="cta-button"><a href="/shop">Shop now</a></span><a class="more" href="/m">Read more</a></body>"#;
        let (tree, m) = marked(html);
        let of = |text: &str| m[parent_of(&tree, text) as usize];
        assert_eq!(of("Schedule a demo"), Mark::Drop);
        assert_eq!(of("Get a quote"), Mark::Drop);
        assert_eq!(of("Start your free trial today"), Mark::Drop);
        // A card that is one link says more than a label.
        assert_eq!(
            of("Customer service software that helps your agents answer more tickets in less time"),
            Mark::Content
        );
        // What wraps the link may be the button; a link named for no button is a link.
        let shop = tree
            .descendants(DOCUMENT)
            .find(|&n| tree.element(n).and_then(|e| e.attr(&local_name!("class"))) == Some("cta-button"));
        assert_eq!(m[shop.unwrap() as usize], Mark::Drop);
        assert_eq!(of("Read more"), Mark::Content);
    }

    #[test]
    fn hidden_things_and_controls_are_never_content() {
        let rules = crate::RuleSet::builtin();
        let html = r#"<body><div hidden>a</div><div style="display: none">b</div><div class="d-none">c</div>
            <div class="collapse">d</div><div aria-hidden="true">e</div><nav>f</nav><footer>g</footer>
            <div class="comment-list">h</div><div class="entry-content">i</div><form>j</form><svg><text>k</text></svg>
            <div role="tablist">l</div><div role="menu">m</div><div role="tabpanel" hidden>n</div>
            <div class="accordion-inner" role="region" aria-hidden="true">o</div><div class="c-accordion__panel" hidden>p</div>
            <div class="modal" aria-hidden="true">q</div>
            <div><button type="button"><h5>Who uses PWAs?</h5></button>
            <div class="text-sm hidden"><p>r</p></div></div><p>x</p><div class="hidden">s</div>
            <h3><a aria-controls="panel-2" href="/faq">Question</a></h3><p>y</p><div id="panel-2" aria-hidden="true">t</div>
            <div hidden id="S:1a">u</div><div hidden id="S:x">v</div><div class="faq__answer" style="display: none;">w</div>
            <div class="tab-pane hide">z</div><button>Menu</button><div class="hidden menu">mm</div></body>"#;
        let tree = Tree::parse(html);
        let m = marks(&tree, &Compiled::new(&rules), rules.defaults.dom_furniture_weight, None, false);
        let parent_of = |text: &str| {
            let t = tree.descendants(DOCUMENT).find(|&n| match &tree.node(n).unwrap().data {
                Data::Text(t) => &**t == text,
                _ => false,
            });
            tree.node(t.unwrap()).unwrap().parent
        };
        let of = |text: &str| m[parent_of(text) as usize];
        assert_eq!(of("a"), Mark::Hidden);
        assert_eq!(of("b"), Mark::Hidden);
        assert_eq!(of("c"), Mark::Hidden);
        assert_eq!(of("d"), Mark::Content);
        assert_eq!(of("e"), Mark::Hidden);
        assert_eq!(of("f"), Mark::Drop);
        assert_eq!(of("g"), Mark::Furniture);
        assert_eq!(of("h"), Mark::Furniture);
        assert_eq!(of("i"), Mark::Content);
        assert_eq!(of("j"), Mark::Form);
        assert_eq!(of("k"), Mark::Drop);
        // Pages put a tab's panel inside its `tablist`, and accordions are `tablist`s.
        assert_eq!(of("l"), Mark::Content);
        assert_eq!(of("m"), Mark::Drop);
        // Another tab's panel, an accordion's folded answers: hidden until clicked.
        assert_eq!(of("n"), Mark::Content);
        assert_eq!(of("o"), Mark::Content);
        assert_eq!(of("p"), Mark::Content);
        assert_eq!(of("q"), Mark::Hidden);
        // A FAQ's answer, folded after the button of its question; not what follows prose.
        assert_eq!(m[tree.node(parent_of("r")).unwrap().parent as usize], Mark::Content);
        assert_eq!(of("s"), Mark::Hidden);
        // The panel a control names (`aria-controls`), wherever it stands; what React streams
        // in hidden before its script places it; a FAQ's answer by its class.
        assert_eq!(of("t"), Mark::Content);
        assert_eq!(of("u"), Mark::Content);
        assert_eq!(of("v"), Mark::Hidden);
        assert_eq!(of("w"), Mark::Content);
        assert_eq!(of("z"), Mark::Content);
        // What a button opens is still furniture when it is a menu.
        assert_eq!(of("mm"), Mark::Furniture);
    }
}
