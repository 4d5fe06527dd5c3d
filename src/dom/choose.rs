//! Provides [`choose`]: the elements that hold a page's main content, by markup evidence
//! (`itemprop=articleBody`, `.entry-content`, `<article>`, `<main>` … as `rules/dom/`
//! lists them) when an element so marked holds enough of the page's text, else by content
//! scoring: paragraphs score by their length and commas, pass the score to their ancestors,
//! and the best ancestor, weighed by link density and class hints, wins, with the siblings
//! that score near it.

use html5ever::local_name;

use crate::dom::Compiled;
use crate::dom::mark::{self, Mark};
use crate::dom::measure::Counts;
use crate::dom::tree::{Data, NONE, NodeId, Tree};
use crate::rules::Defaults;

/// What `choose` looks at.
#[derive(Clone, Copy)]
pub(crate) struct Page<'a> {
    pub tree: &'a Tree,
    pub marks: &'a [Mark],
    pub counts: &'a [Counts],
    /// Nodes in document order, dropped subtrees left out.
    pub order: &'a [NodeId],
    /// Whether a node lies inside page furniture.
    pub in_furniture: &'a [bool],
    pub body: NodeId,
    pub host: Option<&'a str>,
    /// The page declares a product (its hints weigh: `product:` lines of `dom-hints.txt`).
    pub product: bool,
    /// The page declares an article (`og:type` article, an `Article` or `BlogPosting`).
    pub article: bool,
    /// The page declares a product, whether or not it declares an article too.
    pub any_product: bool,
}

impl Page<'_> {
    /// Which nodes are in `order`.
    fn order_set(&self) -> Vec<bool> {
        let mut set = vec![false; self.tree.nodes.len()];
        for &id in self.order {
            if let Some(s) = set.get_mut(id as usize) {
                *s = true;
            }
        }
        set
    }

    fn counts(&self, id: NodeId) -> Counts {
        self.counts.get(id as usize).copied().unwrap_or_default()
    }

    /// Text that is not link text.
    fn prose(&self, id: NodeId) -> u32 {
        let c = self.counts(id);
        c.text.saturating_sub(c.link)
    }

    fn usable(&self, id: NodeId) -> bool {
        !self.in_furniture.get(id as usize).copied().unwrap_or(true)
            && !matches!(self.marks.get(id as usize), Some(&Mark::Furniture | &Mark::Hidden))
    }

    /// Whether `id` is content inside furniture, shown: no hidden element around it (a post
    /// in a reply list named `Comments`), and no sidebar, header or footer either (a
    /// community's description, set the way its posts are).
    fn set_aside_shown(&self, id: NodeId) -> bool {
        if self.marks.get(id as usize) != Some(&Mark::Content) {
            return false;
        }
        let mut at = self.tree.node(id).map_or(NONE, |n| n.parent);
        while let Some(n) = self.tree.node(at) {
            if at == self.body {
                return true;
            }
            if self.marks.get(at as usize) == Some(&Mark::Hidden) {
                return false;
            }
            let beside = self.tree.element(at).is_some_and(|e| {
                matches!(e.name.local, local_name!("aside") | local_name!("header") | local_name!("footer"))
            });
            if beside {
                return false;
            }
            at = n.parent;
        }
        true
    }
}

/// How the content was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Found {
    /// An element the rules mark as the article.
    Evidence,
    /// The posts of a thread.
    Posts,
    /// Content scoring.
    Scored,
    /// Nothing stood out: the whole body.
    Body,
}

/// The main content's root elements, in document order.
pub(crate) fn choose(page: &Page, rules: &Compiled, d: &Defaults) -> (Vec<NodeId>, Found) {
    let (roots, found) = choose_roots(page, rules, d);
    match found {
        Found::Evidence | Found::Scored => {
            (with_lead(page, rules, d, with_other_tabs(page, d, roots)), found)
        }
        Found::Posts | Found::Body => (roots, found),
    }
}

/// How many elements before the body its lead may stand: the byline, the date line and the
/// share bar come between the headline, the lead and the body on some themes.
const MAX_LEAD_DISTANCE: usize = 4;
/// How many levels up from the first of the chosen paragraphs the body container may be.
const MAX_LEAD_CLIMB: usize = 2;

/// `roots`, and before them the article's lead when the body they start with leaves it out:
/// the element a `dom-leads.txt` selector matches in one of the few elements before the first
/// root's outermost wrapper (the ancestors that add no prose to it), after the headline,
/// itself content, with prose of its own and little of it links. News themes set the
/// standfirst (`article__lead`, `standfirst`, `perex`) between the headline and the body the
/// evidence names.
fn with_lead(page: &Page, rules: &Compiled, d: &Defaults, mut roots: Vec<NodeId>) -> Vec<NodeId> {
    let tree = page.tree;
    let Some(&first) = roots.first() else { return roots };
    let mut top = wrappers(page, first).last().unwrap_or(first);
    // Where the scoring chose the body's paragraphs, not the body, the first of them opens
    // its parent: the lead is before that parent.
    for _ in 0..MAX_LEAD_CLIMB {
        let first_child =
            std::iter::successors(tree.node(top).map(|n| n.prev), |&p| tree.node(p).map(|n| n.prev))
                .take_while(|&p| tree.node(p).is_some())
                .all(|p| tree.element(p).is_none());
        let parent = tree.node(top).map_or(NONE, |n| n.parent);
        if !first_child || parent == page.body || tree.element(parent).is_none() {
            break;
        }
        top = parent;
    }
    let mut at = tree.node(top).map_or(NONE, |n| n.prev);
    let mut seen = 0;
    while let Some(node) = tree.node(at) {
        let sibling = at;
        at = node.prev;
        if tree.element(sibling).is_none() {
            continue;
        }
        seen += 1;
        if seen > MAX_LEAD_DISTANCE {
            break;
        }
        // The lead stands after the headline: one before it is the site's or the section's
        // blurb. The first lead after the last `<h1>` of the sibling, if any; a sibling with an
        // `<h1>` and none after it ends the search.
        let (mut lead, mut headline) = (None, false);
        for x in tree.descendants(sibling) {
            let Some(e) = tree.element(x) else { continue };
            if e.html_name() == Some(&local_name!("h1")) {
                (lead, headline) = (None, true);
            } else if lead.is_none() {
                rules.leads.matches(e, page.host, |_| lead = Some(x));
            }
        }
        let Some(lead) = lead else {
            if headline {
                break;
            }
            continue;
        };
        let c = page.counts(lead);
        if page.usable(lead)
            && page.marks.get(lead as usize) == Some(&Mark::Content)
            && page.prose(lead) as usize >= d.dom_min_paragraph_chars
            && c.link_density() < MAX_SIBLING_LINK_DENSITY
            && !roots.iter().any(|&r| tree.is_within(lead, r) || tree.is_within(r, lead))
        {
            roots.insert(0, lead);
        }
        break;
    }
    roots
}

/// The roots as the evidence, the posts or the scores find them.
fn choose_roots(page: &Page, rules: &Compiled, d: &Defaults) -> (Vec<NodeId>, Found) {
    let body_prose = page.prose(page.body).max(1);
    // A fragment or a page with little text: there is nothing to choose between.
    if (body_prose as usize) < d.dom_min_content_chars {
        return (vec![page.body], Found::Body);
    }
    if let Some(posts) = by_posts(page, rules, d, body_prose) {
        return (posts, Found::Posts);
    }
    if let Some((i, id)) = by_evidence(page, rules, d, body_prose) {
        // A page may be set in several sections of one kind (one class): a service page, an
        // article cut around its ads (`story-body-1`, `story-body-2`). Not a shop's page
        // that also calls itself an article: its sections are the product's tabs.
        if !(page.article && page.any_product) && rules.content.needs_class(i) {
            let all = matching_siblings(page, rules, d, i, id);
            if all.len() > 1 {
                return (all, Found::Evidence);
            }
        }
        // Inside a broad container (`<main>`, `#content`) the article may be one part among
        // teasers and boxes: scoring inside it finds that part when it holds most of it.
        let inside: Vec<NodeId> = {
            let kept = page.order_set();
            page.tree.descendants(id).filter(|n| kept.get(*n as usize) == Some(&true)).collect()
        };
        let within = Page { order: &inside, ..*page };
        let refined = by_score(&within, rules, d, id).filter(|roots| {
            let prose: u32 = roots.iter().map(|&r| page.prose(r)).sum();
            let text: u32 = roots.iter().map(|&r| page.counts(r).text).sum();
            f64::from(prose) >= d.dom_min_refined_share * f64::from(page.prose(id))
                && f64::from(text) >= d.dom_min_refined_text_share * f64::from(page.counts(id).text)
        });
        return match refined {
            Some(roots) if roots != [id] => (roots, Found::Evidence),
            _ => (with_prose_siblings(page, d, id), Found::Evidence),
        };
    }
    if let Some(roots) = by_score(page, rules, d, page.body) {
        let prose: u32 = roots.iter().map(|&r| page.prose(r)).sum();
        // Scoring found the article when what it chose holds most of the page's prose;
        // else the page is made of many small parts (a service page, a product, a listing)
        // and its content is all of it but the furniture.
        if f64::from(prose) >= d.dom_min_scored_share * f64::from(body_prose) {
            return (roots, Found::Scored);
        }
    }
    (vec![page.body], Found::Body)
}

/// The first content selector (in the rules' order) whose best element holds enough of the
/// page's prose. One pass over the page finds every selector's best element.
fn by_evidence(page: &Page, rules: &Compiled, d: &Defaults, body_prose: u32) -> Option<(usize, NodeId)> {
    let mut best: Vec<Option<(u32, NodeId)>> = vec![None; rules.content.len()];
    for &id in page.order {
        let Some(e) = page.tree.element(id) else { continue };
        if !page.usable(id) {
            continue;
        }
        let prose = page.prose(id);
        rules.content.matches(e, page.host, |i| {
            if let Some(slot) = best.get_mut(i) {
                if slot.is_none_or(|(p, _)| prose > p) {
                    *slot = Some((prose, id));
                }
            }
        });
    }
    // A user's selector for this very site needs no share of the page: they know the site.
    best.into_iter().enumerate().find_map(|(i, best)| {
        let (prose, id) = best?;
        let share = rules.content.host_limited(i)
            || f64::from(prose) >= d.dom_min_content_share * f64::from(body_prose);
        (prose as usize >= d.dom_min_content_chars && share).then_some((i, id))
    })
}

/// `id`, then its wrappers from the inside out: the ancestors, below the body, that add no
/// prose to it (a theme wraps each section in a `div` of its own, a tab set each panel's text).
fn wrappers<'a>(page: &'a Page, id: NodeId) -> impl Iterator<Item = NodeId> + 'a {
    let prose = page.prose(id);
    std::iter::successors(Some(id), move |&at| {
        page.tree
            .node(at)
            .map(|n| n.parent)
            .filter(|&p| p != page.body && page.tree.element(p).is_some() && page.prose(p) == prose)
    })
}

/// `id` and what `pick` takes from the usable elements beside it: the siblings of its
/// outermost wrapper ([`wrappers`]), in document order.
fn beside(page: &Page, id: NodeId, mut pick: impl FnMut(NodeId) -> Option<NodeId>) -> Vec<NodeId> {
    let tree = page.tree;
    let top = wrappers(page, id).last().unwrap_or(id);
    let Some(parent) = tree.node(top).map(|n| n.parent) else { return vec![id] };
    let mut out = Vec::new();
    for child in tree.children(parent) {
        if child == top {
            out.push(id);
        } else if tree.element(child).is_some() && page.usable(child) {
            out.extend(pick(child));
        }
    }
    out
}

/// The sections of one kind a page is set in: `id` and the elements selector `i` matches
/// in the siblings of `id`'s wrappers (the ancestors that add no prose to it, as a theme wraps
/// each section in a `div` of its own), when there are others holding prose; in document order.
fn matching_siblings(page: &Page, rules: &Compiled, d: &Defaults, i: usize, id: NodeId) -> Vec<NodeId> {
    let tree = page.tree;
    beside(page, id, |child| {
        tree.descendants(child)
            .find(|&x| {
                let Some(e) = tree.element(x) else { return false };
                let mut hit = false;
                rules.content.matches(e, page.host, |j| hit |= j == i);
                hit && page.usable(x)
            })
            .filter(|&x| page.prose(x) as usize >= d.dom_min_paragraph_chars)
    })
}

/// `roots`, and where one fills a tab's panel (it is the panel, or a wrapper in it adds no
/// prose), the other panels of its tab set that hold prose: a shop's product tabs
/// (description, specifications), a guide's tabs. What a reader gets by clicking the tabs is
/// part of what the page says; the panels the markup hides wait for the click, not for a
/// script. A panel that hints make furniture (reviews, questions) stays out. In document order.
fn with_other_tabs(page: &Page, d: &Defaults, roots: Vec<NodeId>) -> Vec<NodeId> {
    let tree = page.tree;
    let mut out = Vec::with_capacity(roots.len());
    for &r in &roots {
        let panel = wrappers(page, r).find(|&w| tree.element(w).is_some_and(mark::is_tab_panel));
        let Some((panel, parent)) = panel.and_then(|p| Some((p, tree.node(p)?.parent))) else {
            out.push(r);
            continue;
        };
        for sib in tree.children(parent) {
            if sib == panel {
                out.push(r);
            } else if tree.element(sib).is_some_and(mark::is_tab_panel)
                && page.usable(sib)
                && page.marks.get(sib as usize) == Some(&Mark::Content)
                && page.prose(sib) as usize >= d.dom_min_paragraph_chars
                && !roots.iter().chain(&out).any(|&o| tree.is_within(o, sib) || tree.is_within(sib, o))
            {
                out.push(sib);
            }
        }
    }
    out
}

/// The most of a sibling's text that may be link text for [`with_prose_siblings`] to take it
/// (readability keeps a sibling paragraph below it).
const MAX_SIBLING_LINK_DENSITY: f32 = 0.25;

/// `id`, and when it is the page's `<main>` (or `role=main`), the siblings of it or of its
/// wrappers (the ancestors that add no prose to it) that hold prose of their own: at least
/// `dom_min_sibling_chars` outside links, in two paragraphs or more, little of it links. A
/// shop sets its category's text after the `<main>` that holds the grid of products; a
/// teaser box of link cards, a sign-up box, the header and the footer stay out.
fn with_prose_siblings(page: &Page, d: &Defaults, id: NodeId) -> Vec<NodeId> {
    let tree = page.tree;
    let main = tree
        .element(id)
        .is_some_and(|e| e.html_name() == Some(&local_name!("main")) || e.attr_str("role") == Some("main"));
    if !main {
        return vec![id];
    }
    beside(page, id, |child| {
        let c = page.counts(child);
        (page.marks.get(child as usize) == Some(&Mark::Content)
            && page.prose(child) as usize >= d.dom_min_sibling_chars
            && c.link_density() < MAX_SIBLING_LINK_DENSITY
            && c.paras >= 2)
            .then_some(child)
    })
}

/// A thread's posts: the first `dom-posts.txt` selector that matches two posts or more that
/// together hold enough of the page's prose. A match inside another (a quoted post) counts
/// with it. The replies may sit in furniture (Vanilla lists them in `Comments`) when the
/// thread's opening post, matched by the same selector, does not: a post in furniture alone
/// is a comment under an article, and the article is what the page is.
fn by_posts(page: &Page, rules: &Compiled, d: &Defaults, body_prose: u32) -> Option<Vec<NodeId>> {
    if rules.posts.len() == 0 {
        return None;
    }
    let enough = |list: &[NodeId]| {
        let prose: u32 = list.iter().map(|&id| page.prose(id)).sum();
        list.len() >= 2
            && prose as usize >= d.dom_min_content_chars
            && f64::from(prose) >= d.dom_min_content_share * f64::from(body_prose)
    };
    // Most pages are settled by the posts outside furniture; only where a selector matched
    // some there but not enough is content inside furniture matched too (a walk over more
    // elements, for the few pages that need it).
    let (posts, opened) = match_posts(page, rules, false);
    if let Some(list) = posts.iter().find(|list| enough(list)) {
        return Some(list.clone());
    }
    if !opened.contains(&true) {
        return None;
    }
    let (posts, _) = match_posts(page, rules, true);
    posts.into_iter().zip(opened).find_map(|(list, opened)| (opened && enough(&list)).then_some(list))
}

/// The elements each `dom-posts.txt` selector matches, a match inside an earlier one left
/// out (a quoted post), and whether one of them is outside furniture. With `set_aside`,
/// content inside furniture that no hidden element holds is matched too.
fn match_posts(page: &Page, rules: &Compiled, set_aside: bool) -> (Vec<Vec<NodeId>>, Vec<bool>) {
    let mut posts: Vec<Vec<NodeId>> = vec![Vec::new(); rules.posts.len()];
    let mut opened = vec![false; rules.posts.len()];
    for &id in page.order {
        let Some(e) = page.tree.element(id) else { continue };
        let usable = page.usable(id);
        let looked_at = usable || set_aside && page.marks.get(id as usize) == Some(&Mark::Content);
        if !looked_at {
            continue;
        }
        // Whether content in furniture is shown is asked only once it matches.
        let mut shown = None;
        rules.posts.matches(e, page.host, |i| {
            if !usable && !*shown.get_or_insert_with(|| page.set_aside_shown(id)) {
                return;
            }
            // In document order, a match inside an earlier one is inside the last one.
            if let Some(list) = posts.get_mut(i) {
                if list.last().is_none_or(|&last| !page.tree.is_within(id, last)) {
                    list.push(id);
                }
            }
            if let Some(o) = opened.get_mut(i) {
                *o |= usable;
            }
        });
    }
    (posts, opened)
}

/// Readability's content score: paragraphs give their score to their ancestors, up to `scope`
/// (the body, or the element the rules chose, which nothing outside it may then outscore).
fn by_score(page: &Page, rules: &Compiled, d: &Defaults, scope: NodeId) -> Option<Vec<NodeId>> {
    let tree = page.tree;
    let mut score = vec![0f32; tree.nodes.len()];
    let mut scored = Vec::new();
    for &id in page.order {
        let Some(e) = tree.element(id) else { continue };
        let para = match e.html_name() {
            Some(
                &local_name!("p") | &local_name!("pre") | &local_name!("td") | &local_name!("blockquote"),
            ) => true,
            // A `div` that holds its text itself, as readability turns into a `p`: no
            // paragraph inside it and no block among its children (page builders set each
            // paragraph in a `div` of its own).
            Some(&local_name!("div")) => page.counts(id).paras == 0 && !has_block_child(tree, id),
            _ => false,
        };
        if !para || !page.usable(id) {
            continue;
        }
        let c = page.counts(id);
        if (c.text as usize) < d.dom_min_paragraph_chars {
            continue;
        }
        let s = 1.0 + c.commas as f32 + (c.text as f32 / 100.0).min(3.0);
        let mut at = tree.node(id).map_or(NONE, |n| n.parent);
        for level in 0..5 {
            let Some(n) = tree.node(at) else { break };
            if tree.element(at).is_none() {
                break;
            }
            if let Some(slot) = score.get_mut(at as usize) {
                if *slot == 0.0 {
                    scored.push(at);
                    *slot = initial(page, at, rules);
                }
                let divider = match level {
                    0 => 1.0,
                    1 => 2.0,
                    l => l as f32 * 3.0,
                };
                *slot += s / divider;
            }
            if at == scope {
                break;
            }
            at = n.parent;
        }
    }
    let final_score =
        |id: NodeId| score.get(id as usize).copied().unwrap_or(0.0) * (1.0 - page.counts(id).link_density());
    let mut ranked: Vec<(f32, NodeId)> =
        scored.iter().copied().filter(|&id| page.usable(id)).map(|id| (final_score(id), id)).collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    let &(_, top) = ranked.first()?;
    let top = common_container(page, &ranked, scope).unwrap_or(top);
    let top_score = final_score(top);
    // Siblings that belong to the article: they score near it, or are prose paragraphs.
    let threshold = (top_score * 0.2).max(10.0);
    let parent = tree.node(top).map_or(NONE, |n| n.parent);
    if parent == NONE {
        return Some(vec![top]);
    }
    // A sibling of the same class as the top is another part of one layout (a theme's
    // rich-text boxes, the intro apart from the body): readability adds a fifth of the
    // top's score to it.
    let class_of =
        |id: NodeId| tree.element(id).and_then(|e| e.attr(&local_name!("class"))).filter(|c| !c.is_empty());
    let top_class = class_of(top);
    let mut roots = Vec::new();
    for sib in tree.children(parent) {
        if sib == top {
            roots.push(sib);
            continue;
        }
        if !page.usable(sib)
            || page.marks.get(sib as usize) != Some(&Mark::Content)
            || tree.element(sib).is_none()
        {
            continue;
        }
        let c = page.counts(sib);
        let is_p = tree.element(sib).and_then(|e| e.html_name()) == Some(&local_name!("p"));
        let own = final_score(sib);
        let bonus = if top_class.is_some() && class_of(sib) == top_class { top_score * 0.2 } else { 0.0 };
        let keep = own >= threshold
            || own > 0.0 && own + bonus >= threshold
            || is_p && c.text > 80 && c.link_density() < 0.25
            || is_p && c.text > 0 && c.link_density() < 0.5 && ends_sentence(tree, sib);
        if keep {
            roots.push(sib);
        }
    }
    fill_gaps(page, rules, parent, &mut roots);
    same_kind_parts(page, rules, &ranked, top, threshold, &mut roots);
    Some(roots)
}

/// Adds to `roots` (children of `parent`, in order) the prose blocks that stand between two
/// of them: a quotation, a list, a heading, code or a short paragraph set between parts of
/// the article is part of it, whatever it scores alone. Before the first part only the
/// subheading right above it is added (it introduces the part, and scores nothing alone);
/// nothing after the last, where teasers and boxes stand. (Text of the container itself
/// between two parts is not: emitted as roots of their own, its pieces would be blocks.)
fn fill_gaps(page: &Page, rules: &Compiled, parent: NodeId, roots: &mut Vec<NodeId>) {
    let tree = page.tree;
    if roots.is_empty() {
        return;
    }
    // The roots are in the children's order: one walk marks them.
    let mut next = roots.iter().peekable();
    let kept: Vec<bool> = tree.children(parent).map(|c| next.next_if(|&&r| r == c).is_some()).collect();
    let (Some(first), Some(last)) = (kept.iter().position(|&k| k), kept.iter().rposition(|&k| k)) else {
        return;
    };
    let lead = lead_heading(page, rules, parent, first);
    let mut filled = Vec::with_capacity(roots.len());
    for (i, sib) in tree.children(parent).enumerate() {
        let between = i > first && i < last;
        let prose_block = || {
            tree.element(sib).and_then(|e| e.html_name()).is_some_and(|n| {
                matches!(
                    *n,
                    local_name!("p")
                        | local_name!("blockquote")
                        | local_name!("pre")
                        | local_name!("ul")
                        | local_name!("ol")
                        | local_name!("dl")
                ) || is_subheading(n)
            })
        };
        let content = || {
            page.usable(sib)
                && page.marks.get(sib as usize) == Some(&Mark::Content)
                && page.counts(sib).text > 0
                && page.counts(sib).link_density() < 0.5
        };
        if kept.get(i) == Some(&true) || (between && prose_block() || lead == Some(i)) && content() {
            filled.push(sib);
        }
    }
    *roots = filled;
}

/// The index among `parent`'s children of the element right before child `first`, when it
/// is a subheading (h2 to h6, alone or alone in up to three wrappers) with only blank text
/// between, and no class or id hint against it, on it or on a wrapper (`widget-title`,
/// `sidebar`). An `<h1>` is the page's title, which the title block already holds.
fn lead_heading(page: &Page, rules: &Compiled, parent: NodeId, first: usize) -> Option<usize> {
    let tree = page.tree;
    let mut found = None;
    for (i, c) in tree.children(parent).enumerate().take(first) {
        match tree.node(c).map(|n| &n.data) {
            Some(Data::Text(t)) if t.trim().is_empty() => {}
            Some(Data::Element(_)) => found = Some((i, c)),
            Some(Data::Other) => {}
            _ => found = None,
        }
    }
    let (i, mut at) = found?;
    for _ in 0..4 {
        let e = tree.element(at)?;
        if rules.weight(e, page.product) < 0 {
            return None;
        }
        if is_subheading(e.html_name()?) {
            return Some(i);
        }
        let mut only = None;
        for c in tree.children(at) {
            match tree.node(c).map(|n| &n.data) {
                Some(Data::Text(t)) if t.trim().is_empty() => {}
                Some(Data::Other) => {}
                Some(Data::Element(_)) if only.is_none() => only = Some(c),
                _ => return None,
            }
        }
        at = only?;
    }
    None
}

/// `<h2>` to `<h6>`: a heading inside the article (an `<h1>` is the page's title).
fn is_subheading(name: &html5ever::LocalName) -> bool {
    matches!(
        *name,
        local_name!("h2") | local_name!("h3") | local_name!("h4") | local_name!("h5") | local_name!("h6")
    )
}

/// The most boxes of one kind [`same_kind_parts`] looks at.
const MAX_PARTS: usize = 64;

/// Widens `roots` to the box that holds the other parts of the article, when a theme set
/// them in boxes of the same kind as `top` (its tag, and a class that says content) apart
/// from it in the tree (a run of paragraphs, a figure in a wrapper of its own, the next run),
/// each scoring as a sibling must.
fn same_kind_parts(
    page: &Page,
    rules: &Compiled,
    ranked: &[(f32, NodeId)],
    top: NodeId,
    threshold: f32,
    roots: &mut Vec<NodeId>,
) {
    let tree = page.tree;
    let Some(e) = tree.element(top) else { return };
    // A class that says content (`post__content`), not one of a layout's atomic classes,
    // which any box may share.
    let Some(class) = e.attr(&local_name!("class")).filter(|_| rules.weight(e, page.product) > 0) else {
        return;
    };
    let (mut added, mut looked) = (0, 0);
    // `ranked` is best first: the parts are among the first.
    for &(_, id) in ranked.iter().take_while(|&&(s, _)| s >= threshold) {
        let Some(other) = tree.element(id) else { continue };
        if other.name != e.name
            || other.attr(&local_name!("class")) != Some(class)
            || page.marks.get(id as usize) != Some(&Mark::Content)
        {
            continue;
        }
        // Each box of the kind is checked against the roots: their number is bounded.
        looked += 1;
        if looked > MAX_PARTS {
            break;
        }
        if roots.iter().any(|&r| tree.is_within(id, r) || tree.is_within(r, id)) {
            continue;
        }
        roots.push(id);
        added += 1;
    }
    if added > 0 {
        // What lies between the parts (their headings, figures, lists in boxes of other
        // kinds) is the article's too: the content is the box that holds them all.
        let mut common = top;
        for &r in roots.iter() {
            while !tree.is_within(r, common) {
                match tree.node(common).map(|n| n.parent) {
                    Some(p) if p != NONE => common = p,
                    _ => return,
                }
            }
        }
        *roots = vec![common];
    }
}

/// The candidates readability weighs against the best one.
const TOP_CANDIDATES: usize = 5;
/// How many of them must score near the best one, and share a container, for that container
/// to hold the article.
const NEAR_CANDIDATES: usize = 3;

/// The container of an article set in several parts that score alike (a theme puts each run
/// of paragraphs between two figures in a section of its own): the nearest ancestor of the
/// best candidate, within `scope`, that holds at least three of the next four candidates
/// scoring three quarters of its score or more, beside it rather than in or around it.
/// Readability's `alternativeCandidateAncestors`.
fn common_container(page: &Page, ranked: &[(f32, NodeId)], scope: NodeId) -> Option<NodeId> {
    let &(best, top) = ranked.first()?;
    let tree = page.tree;
    // Candidates inside the best one (its own sections) are in it already, and those around
    // it (its wrappers) hold it: neither says the article goes on elsewhere.
    let near: Vec<NodeId> = ranked
        .iter()
        .take(TOP_CANDIDATES)
        .skip(1)
        .filter(|&&(s, id)| {
            best > 0.0 && s >= 0.75 * best && !tree.is_within(id, top) && !tree.is_within(top, id)
        })
        .map(|&(_, id)| id)
        .collect();
    if near.len() < NEAR_CANDIDATES {
        return None;
    }
    let mut at = tree.node(top)?.parent;
    while at != NONE && at != page.body {
        if near.iter().filter(|&&id| tree.is_within(id, at)).count() >= NEAR_CANDIDATES {
            return Some(at);
        }
        if at == scope {
            break;
        }
        at = tree.node(at)?.parent;
    }
    None
}

/// Whether an element child of `id` is a block (a `div`, a list, a heading, a table …): then
/// `id` is a container, not a paragraph.
fn has_block_child(tree: &Tree, id: NodeId) -> bool {
    tree.children(id).any(|c| {
        matches!(
            tree.element(c).and_then(|e| e.html_name()),
            Some(
                &local_name!("div")
                    | &local_name!("section")
                    | &local_name!("article")
                    | &local_name!("ul")
                    | &local_name!("ol")
                    | &local_name!("dl")
                    | &local_name!("table")
                    | &local_name!("h1")
                    | &local_name!("h2")
                    | &local_name!("h3")
                    | &local_name!("h4")
                    | &local_name!("h5")
                    | &local_name!("h6")
                    | &local_name!("form")
                    | &local_name!("header")
                    | &local_name!("footer")
                    | &local_name!("nav")
                    | &local_name!("aside")
                    | &local_name!("figure")
            )
        )
    })
}

/// A candidate's score before its paragraphs count: its tag and its class hints.
fn initial(page: &Page, id: NodeId, rules: &Compiled) -> f32 {
    let Some(e) = page.tree.element(id) else { return 0.0 };
    let tag = match e.html_name() {
        Some(&local_name!("div") | &local_name!("article") | &local_name!("main")) => 5.0,
        Some(&local_name!("pre") | &local_name!("td") | &local_name!("blockquote")) => 3.0,
        Some(
            &local_name!("address")
            | &local_name!("ol")
            | &local_name!("ul")
            | &local_name!("dl")
            | &local_name!("dd")
            | &local_name!("dt")
            | &local_name!("li")
            | &local_name!("form"),
        ) => -3.0,
        Some(
            &local_name!("h1")
            | &local_name!("h2")
            | &local_name!("h3")
            | &local_name!("h4")
            | &local_name!("h5")
            | &local_name!("h6")
            | &local_name!("th"),
        ) => -5.0,
        _ => 0.0,
    };
    // Never zero: zero means "not yet a candidate".
    tag + rules.weight(e, page.product) as f32 + f32::EPSILON
}

/// Whether the last text under `id` ends a sentence.
fn ends_sentence(tree: &Tree, id: NodeId) -> bool {
    let mut last = None;
    for n in tree.descendants(id) {
        if let Some(crate::dom::tree::Node { data: crate::dom::tree::Data::Text(t), .. }) = tree.node(n) {
            if !t.trim().is_empty() {
                last = Some(n);
            }
        }
    }
    last.and_then(|n| match &tree.node(n)?.data {
        crate::dom::tree::Data::Text(t) => Some(t.trim_end().ends_with(['.', '!', '?', '。', '！', '？'])),
        _ => None,
    })
    .unwrap_or(false)
}
