//! Removes a block that repeats the block just before it in other words: the image alt or
//! title text that is another machine translation of the headline, left behind when the
//! `<img>` around it was cut.
//!
//! Word overlap, not equality: the Jaccard similarity of the two blocks' word sets. Only
//! blocks long enough to judge are compared ([`crate::rules::Defaults::dedupe_min_words`]),
//! so short list items or code lines that share a word never count as duplicates; and only
//! blocks short enough to be a title, alt text or caption
//! ([`crate::rules::Defaults::dedupe_max_words`]); and only where one of the two reads like
//! a title, alt text or caption (no full stop at the end), or both have the same length. Two
//! running paragraphs in a row share words by nature; they are not compared, which also
//! keeps the filter cheap.

use crate::block::{Block, BlockKind};
use crate::rules::Defaults;
use crate::stats::Stats;
use crate::text::words::{self, Signature};

/// Generous bytes per word (long words, multi-byte scripts): blocks longer than
/// `dedupe_max_words` times this are skipped without counting their words.
const MAX_BYTES_PER_WORD: usize = 24;

/// The rule name counted in [`Stats::rules`].
pub(crate) const RULE: &str = "near-duplicate";

/// Titles, alt texts and captions do not end with a full stop; sentences do. Two sentences
/// in a row are compared only when they have the same length (a repeated paragraph).
fn is_title_like(text: &str) -> bool {
    !text
        .trim_end_matches(['"', '\'', '”', '“', '»', '«', ')'])
        .ends_with(['.', ';', ':'])
}

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
            let title_like = is_title_like(&prev.text) || is_title_like(&block.text);
            if prev.kind != BlockKind::Preformatted
                && m >= d.dedupe_min_words
                && ratio >= d.dedupe_min_jaccard * 0.8
                && (title_like || prev.text.len() == block.text.len())
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
    fn a_repeated_sentence_goes_but_neighbouring_sentences_are_not_compared() {
        let s = "The council approved the new tram line through the old town on Tuesday.";
        assert_eq!(run(&[s, s]).len(), 1);
        let t = "The council approved the new bus line through the old town on Tuesday.";
        assert_eq!(run(&[s, t]).len(), 2);
    }

    #[test]
    fn short_blocks_sharing_words_stay() {
        let out = run(&["let x = 1;", "let x = 2;", "Add the salt", "Add the pepper"]);
        assert_eq!(out.len(), 4);
    }
}
