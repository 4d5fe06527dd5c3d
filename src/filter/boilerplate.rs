//! Removes blocks that are wholly boilerplate: comment forms, share bars, cookie notices,
//! newsletter boxes, ad labels, related-posts and read-more links.
//!
//! The phrases come from `rules/boilerplate/` (and the user's `--rules` files) and are matched
//! at word boundaries with one Aho-Corasick automaton, leftmost-longest and ASCII
//! case-insensitive, straight on the block text (no copy). Letters outside ASCII have no
//! case folding in the automaton, so each phrase with such letters is added in the casings
//! pages use (as written, lowercase, UPPERCASE, Capitalised, Title Case), and with either
//! apostrophe (`'`, `’`). A block goes when the phrases cover all but a small share of its
//! letters ([`crate::rules::Defaults::boilerplate_max_uncovered`]); a sentence that merely
//! mentions "leave a reply" keeps most of its letters uncovered and stays. Blocks longer
//! than [`crate::rules::Defaults::boilerplate_max_chars`] are never checked: boilerplate is
//! short, and this keeps the filter cheap on long prose. Nor are blocks that do not start
//! with a phrase: a block whose first word is prose is not wholly boilerplate.

use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};

use crate::block::{Block, BlockKind};
use crate::rules::RuleSet;
use crate::stats::Stats;

/// The compiled phrase matcher.
#[derive(Debug, Clone)]
pub(crate) struct Boilerplate {
    matcher: Option<AhoCorasick>,
    /// Pattern index → rule index.
    rule_of: Vec<usize>,
    /// Rule names.
    rules: Vec<String>,
    max_chars: usize,
    max_uncovered: f64,
    /// Bytes of the shortest phrase: a shorter block holds none.
    min_bytes: usize,
}

impl Boilerplate {
    pub fn new(set: &RuleSet) -> Boilerplate {
        let mut rules: Vec<String> = Vec::new();
        let mut patterns = Vec::new();
        let mut rule_of = Vec::new();
        for p in &set.phrases {
            let idx = match rules.iter().position(|r| *r == p.rule) {
                Some(i) => i,
                None => {
                    rules.push(p.rule.clone());
                    rules.len() - 1
                }
            };
            for v in variants(&p.text) {
                patterns.push(v);
                rule_of.push(idx);
            }
        }
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .start_kind(StartKind::Both)
            // A contiguous NFA: builds in a few milliseconds (a DFA of these patterns takes
            // tens, paid by every run of the CLI), and the anchored probe scans little.
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&patterns)
            .ok();
        Boilerplate {
            min_bytes: patterns.iter().map(String::len).min().unwrap_or(0),
            matcher,
            rule_of,
            rules,
            max_chars: set.defaults.boilerplate_max_chars,
            max_uncovered: set.defaults.boilerplate_max_uncovered,
        }
    }

    /// Removes the boilerplate blocks, counting each under its rule.
    pub fn apply(&self, blocks: &mut Vec<Block>, stats: &mut Stats) {
        blocks.retain(|b| match self.rule_for(b) {
            Some(rule) => {
                stats.count_rule(rule);
                false
            }
            None => true,
        });
    }

    /// The rule that makes `block` boilerplate, if any.
    fn rule_for(&self, block: &Block) -> Option<&str> {
        let matcher = self.matcher.as_ref()?;
        let text = block.text.as_str();
        // Bytes bound chars from above: most long blocks are rejected without counting.
        if block.kind == BlockKind::Preformatted
            || text.len() > self.max_chars.saturating_mul(4)
            || text.len() < self.min_bytes
        {
            return None;
        }
        // Boilerplate blocks start with a phrase (after bullets, digits or punctuation): one
        // anchored probe rejects almost every prose block in a few bytes.
        let start = text.find(char::is_alphabetic)?;
        let anchored = Input::new(text).range(start..).anchored(Anchored::Yes);
        matcher.try_find(anchored).ok().flatten()?;
        let mut covered = 0;
        let mut by_rule = vec![0usize; self.rules.len()];
        for m in matcher.find_iter(text) {
            if !at_word_boundary(text, m.start(), m.end()) {
                continue;
            }
            let n = letters(text.get(m.start()..m.end()).unwrap_or(""));
            covered += n;
            if let Some(slot) = self.rule_of.get(m.pattern().as_usize()).and_then(|&r| by_rule.get_mut(r)) {
                *slot += n;
            }
        }
        if covered == 0 || text.chars().count() > self.max_chars {
            return None;
        }
        let total = letters(text);
        let uncovered = total.saturating_sub(covered);
        if uncovered as f64 > self.max_uncovered * total as f64 {
            return None;
        }
        let (best, _) = by_rule.iter().enumerate().max_by_key(|&(_, n)| *n)?;
        self.rules.get(best).map(String::as_str)
    }
}

/// The forms of a phrase to match: one for ASCII phrases (the automaton folds ASCII case);
/// the usual casings for phrases with other letters; each with either apostrophe; runs of
/// whitespace as one space.
fn variants(phrase: &str) -> Vec<String> {
    let base = phrase.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = vec![base.clone()];
    if !base.is_ascii() {
        let lower = base.to_lowercase();
        out.push(base.to_uppercase());
        out.push(capitalise(&lower));
        out.push(lower.split(' ').map(capitalise).collect::<Vec<_>>().join(" "));
        out.push(lower);
    }
    let quoted: Vec<String> = out
        .iter()
        .flat_map(|v| {
            [v.replace('\'', "’"), v.replace('’', "'"), v.replace("...", "…"), v.replace('…', "...")]
        })
        .collect();
    out.extend(quoted);
    out.sort();
    out.dedup();
    out
}

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// Letters in `s`: ASCII by byte, the rest by char.
fn letters(s: &str) -> usize {
    if s.is_ascii() {
        return s.bytes().filter(u8::is_ascii_alphabetic).count();
    }
    s.chars().filter(|c| c.is_alphabetic()).count()
}

/// A match must not start or end inside a word: `share` is not in `shareholders`.
fn at_word_boundary(s: &str, start: usize, end: usize) -> bool {
    let inner_first = s.get(start..).and_then(|t| t.chars().next());
    let inner_last = s.get(..end).and_then(|t| t.chars().next_back());
    let before = s.get(..start).and_then(|t| t.chars().next_back());
    let after = s.get(end..).and_then(|t| t.chars().next());
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    (!word(inner_first) || !word(before)) && (!word(inner_last) || !word(after))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> Option<String> {
        let bp = Boilerplate::new(&RuleSet::builtin());
        bp.rule_for(&Block::new(BlockKind::Paragraph, text)).map(str::to_owned)
    }

    #[test]
    fn whole_blocks_of_boilerplate_go() {
        assert_eq!(check("Leave a Reply").as_deref(), Some("comment-form"));
        assert_eq!(
            check("Your email address will not be published. Required fields are marked *").as_deref(),
            Some("comment-form")
        );
        assert_eq!(check("Leave a Reply to Anna Cancel reply").as_deref(), Some("comment-form"));
        assert_eq!(check("Schreibe einen Kommentar Antworten abbrechen").as_deref(), Some("comment-form"));
        assert_eq!(
            check("Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert")
                .as_deref(),
            Some("comment-form")
        );
        assert_eq!(
            check("Ваш адрес email не будет опубликован. Обязательные поля помечены *").as_deref(),
            Some("comment-form")
        );
        assert_eq!(check("Share this:").as_deref(), Some("share"));
        assert_eq!(check("READ MORE »").as_deref(), Some("related"));
    }

    #[test]
    fn prose_that_mentions_a_phrase_stays() {
        assert_eq!(
            check(
                "If you liked the article, leave a reply below and tell us what you think of the new rules."
            ),
            None
        );
        assert_eq!(check("Shareholders voted against the plan."), None);
        assert_eq!(check("Related party transactions rose."), None);
    }
}
