//! Removes blocks that are mostly link text: menus, tag lists, "more stories" lists, pagers.
//! Article paragraphs carry links, but their text is mostly not linked.
//!
//! The lexer counts the bytes of each block that were inside `<a>` elements; a block whose
//! linked share reaches [`crate::rules::Defaults::link_max_share`] goes, unless it ends like a
//! sentence. Text without markup has no links and is never touched.

use crate::block::{Block, BlockKind};
use crate::stats::Stats;

/// The rule name counted in [`Stats::rules`].
pub(crate) const RULE: &str = super::rule(super::Filter::Links);

/// Drops link-heavy blocks, unless they are nearly all of the text (more than nine tenths): a
/// page that is all links (a link list, a page wrapped in one `<a>`) keeps them, as there is
/// nothing else to keep.
/// `max_share` is `link_max_share`, or `dom_link_max_share` for the blocks of a whole page
/// (where menus and link lists already went with the page's furniture, and what is left
/// linked is a listing's items: by default above 1, so no block of a page goes).
pub(crate) fn apply(blocks: &mut Vec<Block>, max_share: f64, stats: &mut Stats) {
    let heavy = |b: &Block| {
        b.kind != BlockKind::Preformatted
            && b.link_bytes > 0
            && b.link_bytes as f64 >= max_share * b.text.len() as f64
            && !ends_as_sentence(&b.text)
    };
    let total: usize = blocks.iter().map(|b| b.text.len()).sum();
    let linked: usize = blocks.iter().filter(|b| heavy(b)).map(|b| b.text.len()).sum();
    if linked == 0 || (total - linked) * 10 < total {
        return;
    }
    blocks.retain(|b| {
        let h = heavy(b);
        if h {
            stats.count_rule(RULE);
        }
        !h
    });
}

/// A block that ends with a full stop, `!` or `?` is a sentence, even if it is mostly a link
/// ("Read the report."): menus and tag lists do not end like that, and prose is not lost.
fn ends_as_sentence(text: &str) -> bool {
    text.trim_end_matches(['"', '\'', '”', '“', '»', ')']).ends_with(['.', '!', '?', '…'])
}

#[cfg(test)]
mod tests {
    use crate::Cleaner;

    #[test]
    fn menus_go_and_paragraphs_with_links_stay() {
        let c = Cleaner::builder().build().unwrap();
        let html = "<ul><li><a href=/>Home</a></li><li><a href=/w>World</a> | <a href=/s>Sport</a></li></ul>\
                    <p>The council, <a href=/c>as reported</a>, approved the plan on Tuesday.</p>";
        let out = c.clean(html);
        assert_eq!(out.text, "The council, as reported, approved the plan on Tuesday.\n");
        assert_eq!(out.stats.rule("link-heavy"), 2);
        assert_eq!(c.clean("Plain text with no links.").stats.rule("link-heavy"), 0);
        let sentence = "<p>Intro text here.</p><p><a href=/r>Read the whole report</a> now.</p>";
        assert_eq!(c.clean(sentence).text, "Intro text here.\n\nRead the whole report now.\n");
        let all_links = "<a href=\"#\"><p>abc</p><p>def</p></a>";
        assert_eq!(c.clean(all_links).text, "abc\n\ndef\n");
    }
}
