//! Joins a paragraph cut mid-sentence with its continuation, where the evidence is strong:
//! the block before is running prose (long enough, with a sentence end inside it, or very
//! long) that stops on a lowercase letter with no punctuation, and the next block starts
//! with a lowercase word (`…im Medienbereich` / `zu diskutieren` in seed 001).
//!
//! Headings, list items, captions, quotes, addresses and code also end without punctuation
//! and may precede a lowercase line: only two single-line paragraphs are ever joined, and
//! a next block starting with `iPhone` or `eBay` (a capital inside its first word) is not a
//! continuation.

use crate::block::{Block, BlockKind};
use crate::rules::Defaults;
use crate::stats::Stats;
use crate::text::words;

/// The rule name counted in [`Stats::rules`].
pub(crate) const RULE: &str = super::rule(super::Filter::GlueJoin);

/// Joins cut paragraphs. Linear: what decides whether a paragraph is cut (its line breaks,
/// its words up to a bound, an inner sentence end) is worked out once per block and carried
/// over a join, not found again in the growing joined text.
pub(crate) fn apply(blocks: &mut Vec<Block>, d: &Defaults, stats: &mut Stats) {
    // What is known of the block kept last, once it was needed.
    let mut last: Option<Facts> = None;
    // In place: a block joined to the one kept before it goes.
    blocks.dedup_by(|block, prev| {
        // A paragraph too short to hold the fewest words a cut one has (counted by their gaps)
        // is never cut: most short blocks are done here.
        let min_bytes = d.join_min_words.min(d.join_min_words_single_sentence).saturating_sub(1);
        if prev.text.len() >= min_bytes && ends_like_a_cut(prev) && continues(block) {
            let facts = last.get_or_insert_with(|| Facts::of_start(&prev.text, d));
            if facts.is_cut(d) {
                facts.add(&Facts::of(&block.text, d), d);
                prev.append(" ", std::mem::replace(block, Block::new(BlockKind::Paragraph, "")));
                stats.count_rule(RULE);
                return true;
            }
        }
        last = None;
        false
    });
}

/// A paragraph that stops on a lowercase letter.
fn ends_like_a_cut(b: &Block) -> bool {
    b.kind == BlockKind::Paragraph && b.text.chars().next_back().is_some_and(char::is_lowercase)
}

/// What decides whether a paragraph is running prose.
#[derive(Clone, Copy, Debug)]
struct Facts {
    /// It has a line break (several lines are a list, an address, a poem: never joined).
    newline: bool,
    /// Its words, counted up to [`Defaults::join_min_words_single_sentence`].
    words: usize,
    /// `. X`, `! X` or `? X` somewhere inside.
    inner_end: bool,
}

impl Facts {
    /// The facts of a paragraph that may start a join: the search for an inner sentence end
    /// is spared when it has too few words to be joined anyway (its facts are then only
    /// asked whether it is cut, and it is not).
    fn of_start(text: &str, d: &Defaults) -> Facts {
        let words = words::count_up_to(text, d.join_min_words_single_sentence);
        let needs_end = words >= d.join_min_words && words < d.join_min_words_single_sentence;
        Facts {
            newline: memchr::memchr(b'\n', text.as_bytes()).is_some(),
            words,
            inner_end: needs_end && has_inner_sentence_end(text),
        }
    }

    fn of(text: &str, d: &Defaults) -> Facts {
        Facts {
            newline: memchr::memchr(b'\n', text.as_bytes()).is_some(),
            words: words::count_up_to(text, d.join_min_words_single_sentence),
            inner_end: has_inner_sentence_end(text),
        }
    }

    /// The facts of this paragraph with `next` joined after a space.
    fn add(&mut self, next: &Facts, d: &Defaults) {
        self.newline |= next.newline;
        self.words = (self.words + next.words).min(d.join_min_words_single_sentence);
        self.inner_end |= next.inner_end;
    }

    /// Running prose: long enough, or long and with a sentence end inside; one line.
    fn is_cut(&self, d: &Defaults) -> bool {
        !self.newline
            && (self.words >= d.join_min_words_single_sentence
                || self.words >= d.join_min_words && self.inner_end)
    }
}

/// `. X`, `! X`, `? X` somewhere inside: the block is prose, not a heading.
fn has_inner_sentence_end(s: &str) -> bool {
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if matches!(c, '.' | '!' | '?')
            && chars.next_if(|c| *c == ' ').is_some()
            && chars.peek().is_some_and(|c| c.is_uppercase())
        {
            return true;
        }
    }
    false
}

/// A paragraph whose first word is all lowercase letters.
fn continues(b: &Block) -> bool {
    // Block text is trimmed: the first word runs to the first whitespace.
    let first = b.text.split(char::is_whitespace).next().unwrap_or("");
    b.kind == BlockKind::Paragraph
        && first.chars().next().is_some_and(char::is_lowercase)
        && first.chars().all(|c| !c.is_uppercase() && !c.is_numeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(texts: &[&str]) -> Vec<String> {
        let mut blocks: Vec<Block> = texts.iter().map(|t| Block::new(BlockKind::Paragraph, *t)).collect();
        apply(&mut blocks, &Defaults::builtin(), &mut Stats::default());
        blocks.into_iter().map(|b| b.text).collect()
    }

    #[test]
    fn a_cut_paragraph_is_joined() {
        let out = run(&[
            "Igor Morgulov hielt ein Treffen ab. Ziel ist es, bilaterale Zusammenarbeit im Medienbereich",
            "zu diskutieren",
        ]);
        assert_eq!(
            out,
            [
                "Igor Morgulov hielt ein Treffen ab. Ziel ist es, bilaterale Zusammenarbeit im Medienbereich zu diskutieren"
            ]
        );
    }

    #[test]
    fn headings_and_brand_starts_are_not_joined() {
        let heading = "Was über die Bildung der Koalition bekannt ist";
        assert_eq!(run(&[heading, "und dann"]).len(), 2);
        let prose = "The company sold more phones. Analysts expected growth in the market for";
        assert_eq!(run(&[prose, "iPhone sales rose"]).len(), 2);
        assert_eq!(run(&[prose, "Apple sales rose"]).len(), 2);
        assert_eq!(run(&["It ended. And so it was a long, long day for", "2 people"]).len(), 2);
    }
}
