//! Removes a block that repeats the block just before it in other words: the image alt or
//! title text that is another machine translation of the headline, left behind when the
//! `<img>` around it was cut.
//!
//! Word overlap, not equality: the Jaccard similarity of the two blocks' word sets. Only
//! blocks long enough to judge are compared ([`crate::rules::Defaults::dedupe_min_words`]),
//! so short list items or code lines that share a word never count as duplicates; and only
//! blocks short enough to be a title, alt text or caption
//! ([`crate::rules::Defaults::dedupe_max_words`]), which keeps the filter cheap.

use crate::block::{Block, BlockKind};
use crate::rules::Defaults;
use crate::stats::Stats;
use crate::text::words::{self, Signature};

/// Generous bytes per word (long words, multi-byte scripts): blocks longer than
/// `dedupe_max_words` times this are skipped without counting their words.
const MAX_BYTES_PER_WORD: usize = 24;

/// The rule name counted in [`Stats::rules`].
pub(crate) const RULE: &str = "near-duplicate";

/// Drops near-duplicate neighbours (the later one of each pair).
pub(crate) fn apply(blocks: &mut Vec<Block>, d: &Defaults, stats: &mut Stats) {
    let mut kept: Vec<Block> = Vec::with_capacity(blocks.len());
    // The word set of the last kept block, computed once when needed.
    let mut prev_set: Option<Signature> = None;
    let mut prev_words = 0;
    for block in blocks.drain(..) {
        // Titles, alt texts and captions are what gets repeated: long paragraphs are not judged
        // (and not even counted past a byte bound).
        let short = block.text.len() <= d.dedupe_max_words * MAX_BYTES_PER_WORD;
        let n = if short {
            words::count_up_to(&block.text, d.dedupe_max_words)
        } else {
            usize::MAX
        };
        let judged = block.kind != BlockKind::Preformatted
            && n >= d.dedupe_min_words
            && n <= d.dedupe_max_words;
        let mut this_set = None;
        if let Some(prev) = kept.last().filter(|_| judged) {
            let m = prev_words;
            // Jaccard can never exceed the ratio of the set sizes: skip hopeless pairs cheaply.
            let ratio = n.min(m) as f64 / n.max(m).max(1) as f64;
            if prev.kind != BlockKind::Preformatted
                && m >= d.dedupe_min_words
                && ratio >= d.dedupe_min_jaccard * 0.8
            {
                let a = prev_set.get_or_insert_with(|| Signature::of(&prev.text));
                let b = this_set.insert(Signature::of(&block.text));
                if a.jaccard(b) >= d.dedupe_min_jaccard {
                    stats.count_rule(RULE);
                    continue;
                }
            }
        }
        prev_set = this_set;
        prev_words = n;
        kept.push(block);
    }
    *blocks = kept;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(texts: &[&str]) -> Vec<String> {
        let mut blocks: Vec<Block> = texts
            .iter()
            .map(|t| Block::new(BlockKind::Paragraph, *t))
            .collect();
        apply(&mut blocks, &Defaults::builtin(), &mut Stats::default());
        blocks.into_iter().map(|b| b.text).collect()
    }

    #[test]
    fn another_translation_of_the_title_goes() {
        let out = run(&[
            "Wie man dem Westen entgegentreten kann: Russland versucht, eine Koalition mit Iran, Nordkorea und China aufzubauen – ISW",
            "Wie man dem Westen entgegentritt: Russland versucht es um eine Koalition mit dem Iran, Nordkorea und China aufzubauen – ISW",
            "Russland versucht, eine Koalition zu bilden, um dem Westen entgegenzuwirken/Collage 24 Channel",
        ]);
        assert_eq!(out.len(), 2);
        assert!(out[1].starts_with("Russland versucht, eine Koalition zu bilden"));
    }

    #[test]
    fn short_blocks_sharing_words_stay() {
        let out = run(&["let x = 1;", "let x = 2;", "Add the salt", "Add the pepper"]);
        assert_eq!(out.len(), 4);
    }
}
