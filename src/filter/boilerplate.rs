//! Removes blocks that are wholly boilerplate: comment forms, share bars, cookie notices,
//! newsletter boxes, related-posts and read-more links.
//!
//! The phrases come from `rules/boilerplate/` (and the user's `--rules` files), folded
//! ([`crate::text::fold`]) and matched at word boundaries with one Aho-Corasick automaton,
//! leftmost-longest. A block goes when the phrases cover all but a small share of its letters
//! ([`crate::rules::Defaults::boilerplate_max_uncovered`]); a sentence that merely mentions
//! "leave a reply" keeps most of its letters uncovered and stays. Long blocks are never
//! checked, which also keeps the cost of this filter independent of paragraph length.

use aho_corasick::{AhoCorasick, MatchKind};

use crate::block::{Block, BlockKind};
use crate::rules::RuleSet;
use crate::stats::Stats;
use crate::text::fold::fold;

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
            patterns.push(fold(&p.text));
            rule_of.push(idx);
        }
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .ok();
        Boilerplate {
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
        if block.kind == BlockKind::Preformatted || block.text.len() > self.max_chars * 4 {
            return None;
        }
        if block.text.chars().count() > self.max_chars {
            return None;
        }
        let folded = fold(&block.text);
        let total = letters(&folded);
        if total == 0 {
            return None;
        }
        let mut covered = 0;
        let mut by_rule = vec![0usize; self.rules.len()];
        for m in matcher.find_iter(&folded) {
            if !at_word_boundary(&folded, m.start(), m.end()) {
                continue;
            }
            let n = letters(folded.get(m.start()..m.end()).unwrap_or(""));
            covered += n;
            if let Some(slot) = self
                .rule_of
                .get(m.pattern().as_usize())
                .and_then(|&r| by_rule.get_mut(r))
            {
                *slot += n;
            }
        }
        let uncovered = total - covered.min(total);
        if covered == 0 || uncovered as f64 > self.max_uncovered * total as f64 {
            return None;
        }
        let (best, _) = by_rule.iter().enumerate().max_by_key(|&(_, n)| *n)?;
        self.rules.get(best).map(String::as_str)
    }
}

fn letters(s: &str) -> usize {
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
        bp.rule_for(&Block::new(BlockKind::Paragraph, text))
            .map(str::to_owned)
    }

    #[test]
    fn whole_blocks_of_boilerplate_go() {
        assert_eq!(check("Leave a Reply").as_deref(), Some("comment-form"));
        assert_eq!(
            check("Your email address will not be published. Required fields are marked *")
                .as_deref(),
            Some("comment-form")
        );
        assert_eq!(
            check("Leave a Reply to Anna Cancel reply").as_deref(),
            Some("comment-form")
        );
        assert_eq!(
            check("Schreibe einen Kommentar Antworten abbrechen").as_deref(),
            Some("comment-form")
        );
        assert_eq!(check("Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert").as_deref(), Some("comment-form"));
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
