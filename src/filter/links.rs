//! Removes blocks that are mostly link text: menus, tag lists, "more stories" lists, pagers.
//! Article paragraphs carry links, but their text is mostly not linked.
//!
//! The lexer counts the bytes of each block that were inside `<a>` elements; a block whose
//! linked share reaches [`crate::rules::Defaults::link_max_share`] goes. Text without markup
//! has no links and is never touched.

use crate::block::{Block, BlockKind};
use crate::rules::Defaults;
use crate::stats::Stats;

/// The rule name counted in [`Stats::rules`].
pub(crate) const RULE: &str = "link-heavy";

/// Drops link-heavy blocks.
pub(crate) fn apply(blocks: &mut Vec<Block>, d: &Defaults, stats: &mut Stats) {
    blocks.retain(|b| {
        let heavy = b.kind != BlockKind::Preformatted
            && b.link_bytes > 0
            && b.link_bytes as f64 >= d.link_max_share * b.text.len() as f64;
        if heavy {
            stats.count_rule(RULE);
        }
        !heavy
    });
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
    }
}
