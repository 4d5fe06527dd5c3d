//! Provides [`measure`]: how much text each element holds, how much of it is link text, in
//! how many paragraphs, and how much page furniture holds, counted once bottom-up.

use html5ever::local_name;

use crate::dom::mark::Mark;
use crate::dom::tree::{Data, NONE, NodeId, Tree};

/// What one element holds (everything under it, never-content left out).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Counts {
    /// Letters and other non-space characters, furniture left out.
    pub text: u32,
    /// The same, furniture included.
    pub all: u32,
    /// Of `text`, what is link text.
    pub link: u32,
    /// Of `all`, what is link text.
    pub all_link: u32,
    /// Paragraph-like elements with some text (`p`, `pre`, `blockquote`, `li`, `td`, `dd`).
    pub paras: u32,
    /// Commas (in any script) in `text`: a sign of prose.
    pub commas: u32,
}

impl Counts {
    /// The share of the text that is link text.
    pub fn link_density(&self) -> f32 {
        if self.text == 0 { 0.0 } else { self.link as f32 / self.text as f32 }
    }

    /// Whether at least `share` of all the text, furniture included, is link text: a menu.
    pub fn mostly_links(&self, share: f64) -> bool {
        f64::from(self.all_link) >= share * f64::from(self.all)
    }
}

/// How many letters a character of a script written without spaces stands for: a Chinese
/// or Japanese character or a Hangul syllable is about a word.
const CJK_WEIGHT: u32 = 3;

/// Characters of a text that are not spaces (a CJK character counting as [`CJK_WEIGHT`], so
/// thresholds in characters mean the same in every script), and its commas.
pub(crate) fn weigh(s: &str) -> (u32, u32) {
    let mut chars = 0u32;
    let mut commas = 0u32;
    for c in s.chars() {
        if !c.is_whitespace() {
            let w = if matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{9fff}' | '\u{ac00}'..='\u{d7af}')
            {
                CJK_WEIGHT
            } else {
                1
            };
            chars = chars.saturating_add(w);
        }
        if matches!(c, ',' | '，' | '、' | '،') {
            commas = commas.saturating_add(1);
        }
    }
    (chars, commas)
}

/// Counts every node; `order` lists the nodes in document order with dropped subtrees left
/// out, so children come after parents and a reverse walk is bottom-up.
pub(crate) fn measure(tree: &Tree, marks: &[Mark], order: &[NodeId]) -> Vec<Counts> {
    walk(tree, order, |id, _| marks.get(id as usize).copied().unwrap_or(Mark::Content))
}

/// What tells a menu from prose among the elements named as navigation.
pub(crate) struct MenuTest {
    /// Less text than this outside links is a menu's labels, not prose.
    pub min_prose_chars: usize,
    /// At least this share of links is a menu.
    pub links_share: f64,
}

/// [`measure`], settling every [`Mark::Navigation`] on the way: the walk is bottom-up, so an
/// element's counts are whole when it is reached, and it is furniture (a menu) or content
/// before its parent adds it up. One walk, where settling after measuring takes two.
pub(crate) fn measure_settling_navigation(
    tree: &Tree,
    marks: &mut [Mark],
    order: &[NodeId],
    test: &MenuTest,
) -> Vec<Counts> {
    walk(tree, order, |id, c| {
        let Some(m) = marks.get_mut(id as usize) else { return Mark::Content };
        if *m == Mark::Navigation {
            let prose = c.all.saturating_sub(c.all_link) as usize >= test.min_prose_chars
                && !c.mostly_links(test.links_share);
            *m = if prose { Mark::Content } else { Mark::Furniture };
        }
        *m
    })
}

/// The walk of [`measure`]: `mark_of` gives an element's mark, told its counts so far (its
/// whole subtree's).
fn walk(tree: &Tree, order: &[NodeId], mut mark_of: impl FnMut(NodeId, &Counts) -> Mark) -> Vec<Counts> {
    let mut counts = vec![Counts::default(); tree.nodes.len()];
    for &id in order.iter().rev() {
        let Some(node) = tree.node(id) else { continue };
        let mut c = counts.get(id as usize).copied().unwrap_or_default();
        match &node.data {
            Data::Text(t) => {
                let (chars, commas) = weigh(t);
                c = Counts { text: chars, all: chars, commas, ..Counts::default() };
            }
            Data::Element(e) => {
                if e.html_name() == Some(&local_name!("a")) {
                    c.all_link = c.all;
                }
                let mark = mark_of(id, &c);
                if matches!(mark, Mark::Furniture | Mark::Hidden) {
                    c = Counts { all: c.all, all_link: c.all_link, ..Counts::default() };
                } else {
                    match e.html_name() {
                        Some(&local_name!("a")) => c.link = c.text,
                        Some(
                            &local_name!("p")
                            | &local_name!("pre")
                            | &local_name!("blockquote")
                            | &local_name!("li")
                            | &local_name!("td")
                            | &local_name!("dd"),
                        ) if c.text > 0 => c.paras += 1,
                        _ => {}
                    }
                }
            }
            _ => {}
        }
        if let Some(slot) = counts.get_mut(id as usize) {
            *slot = c;
        }
        if node.parent != NONE {
            if let Some(p) = counts.get_mut(node.parent as usize) {
                p.text = p.text.saturating_add(c.text);
                p.all = p.all.saturating_add(c.all);
                p.link = p.link.saturating_add(c.link);
                p.all_link = p.all_link.saturating_add(c.all_link);
                p.paras = p.paras.saturating_add(c.paras);
                p.commas = p.commas.saturating_add(c.commas);
            }
        }
    }
    counts
}

/// Takes `id`'s counts out of every ancestor (an element dropped after measuring).
pub(crate) fn subtract(tree: &Tree, counts: &mut [Counts], id: NodeId) {
    let Some(c) = counts.get(id as usize).copied() else { return };
    let mut at = tree.node(id).map_or(NONE, |n| n.parent);
    while let Some(n) = tree.node(at) {
        if let Some(p) = counts.get_mut(at as usize) {
            p.text = p.text.saturating_sub(c.text);
            p.all = p.all.saturating_sub(c.all);
            p.link = p.link.saturating_sub(c.link);
            p.all_link = p.all_link.saturating_sub(c.all_link);
            p.paras = p.paras.saturating_sub(c.paras);
            p.commas = p.commas.saturating_sub(c.commas);
        }
        at = n.parent;
    }
    if let Some(slot) = counts.get_mut(id as usize) {
        *slot = Counts::default();
    }
}
