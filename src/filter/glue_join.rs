//! Joins a paragraph cut mid-sentence with its continuation, where the evidence is strong:
//! the block before is running prose (long enough, with a sentence end inside it, or very
//! long) that stops on a lowercase letter with no punctuation, the next block starts with a
//! lowercase word, and a word at the seam says the sentence goes on: the paragraph ends on a
//! word no sentence ends on, or the next one starts with one (`the`, `und`, `zu`, `avec`:
//! the `rules/language/dangling.LANG.txt` lists, of the text's language when it is known).
//! `…im Medienbereich` / `zu diskutieren` in seed 001 is such a seam.
//!
//! An article also breaks after a line without a stop (a list's lead-in that lost its colon,
//! a line of a poem, a credit) before a line that starts lowercase: without such a word the
//! boundary stays. The evidence is the seam's own two words, which no join elsewhere
//! changes, so a second pass joins nothing more.
//!
//! Headings, list items, captions, quotes, addresses and code also end without punctuation
//! and may precede a lowercase line. What is weighed is what plain text writes: a block of
//! any kind but code, alone on its line (not an item of a list of several, whose items are
//! consecutive lines), so a second cleaning of the text, which reads every such line as a
//! paragraph, joins what the first did and nothing more; the running-prose test keeps real
//! headings and items apart. A next block starting with `iPhone` or `eBay` (a capital
//! inside its first word) is not a continuation.

use crate::block::{Block, BlockKind};
use crate::rules::Defaults;
use crate::stats::Stats;
use crate::text::lang::Languages;
use crate::text::words;

/// The rule name counted in [`Stats::rules`].
pub(crate) const RULE: &str = super::rule(super::Filter::GlueJoin);

/// What the filter knows of the text's language.
pub(crate) struct Knowledge<'a> {
    pub languages: &'a Languages,
    /// The text's language (an index into `languages`), if it was guessed.
    pub lang: Option<usize>,
}

/// Joins cut paragraphs. Linear: what decides whether a paragraph is cut (its line breaks,
/// its words up to a bound, an inner sentence end) is worked out once per block and carried
/// over a join, not found again in the growing joined text.
pub(crate) fn apply(blocks: &mut Vec<Block>, d: &Defaults, k: &Knowledge, stats: &mut Stats) {
    // A paragraph too short to hold the fewest words a cut one has (counted by their gaps)
    // is never cut: most short blocks are done here.
    let min_bytes = d.join_min_words.min(d.join_min_words_single_sentence).saturating_sub(1);
    // What is known of the block kept last, once it was needed.
    let mut last: Option<Facts> = None;
    // The kinds of the blocks (as they came) before the one looked at and before the one
    // kept last; whether the one kept last is a join.
    let (mut before, mut before_last, mut last_joined) = (None, None, false);
    // In place: the blocks kept are `blocks[..kept]`; the block looked at is `blocks[i]`, and
    // the ones after it are as they came.
    let mut kept: usize = 0;
    for i in 0..blocks.len() {
        // After a block too short to be cut (or none), nothing joins: most tiny blocks are
        // done here.
        let prev_short =
            kept.checked_sub(1).and_then(|k| blocks.get(k)).is_none_or(|p| p.text.len() < min_bytes);
        if prev_short {
            last = None;
            last_joined = false;
            before_last = before;
            before = blocks.get(i).map(|b| b.kind);
            if kept != i {
                blocks.swap(kept, i);
            }
            kept += 1;
            continue;
        }
        let after = blocks.get(i + 1).map(|b| b.kind);
        let (done, from) = blocks.split_at_mut(i);
        let (Some(block), Some(done)) = (from.first_mut(), done.get_mut(..kept)) else { break };
        let kind = block.kind;
        let may_join = done.last().is_some_and(|prev| {
            prev.text.len() >= min_bytes
                && ends_like_a_cut(prev)
                && continues(block)
                && goes_on(prev, block, k)
                && (last_joined || reads_as_line(prev, before_last, Some(kind)))
                && reads_as_line(block, before, after)
        });
        // An alt text that repeats the block before it goes with the near-duplicate rule: it
        // is not joined to what follows it first (`Title` / `Title“ />` / `<p>it goes on`).
        // (Asked last: it compares the two blocks' words.)
        let alt_repeat = may_join
            && match &*done {
                [.., earlier, alt] => super::dedupe::alt_repeats(earlier, alt, d),
                _ => false,
            };
        if let Some(prev) = done.last_mut().filter(|_| may_join && !alt_repeat) {
            let facts = last.get_or_insert_with(|| Facts::of_start(&prev.text, d));
            if facts.is_cut(d) {
                facts.add(&Facts::of(&block.text, d), d);
                // A heading, an item or a caption that runs on into the next line is a
                // paragraph cut in two, as plain text reads it back.
                prev.kind = BlockKind::Paragraph;
                prev.append(" ", std::mem::replace(block, Block::new(BlockKind::Paragraph, String::new())));
                stats.count_rule(RULE);
                last_joined = true;
                before = Some(kind);
                continue;
            }
        }
        last = None;
        last_joined = false;
        before_last = before;
        before = Some(kind);
        if kept != i {
            blocks.swap(kept, i);
        }
        kept += 1;
    }
    blocks.truncate(kept);
}

/// Whether plain text writes `b` as one line between blank lines, as a second cleaning reads
/// it back (a paragraph, whatever its kind was): one line, not preformatted, and not an item
/// of a list of several (those are written as consecutive lines, one block of text), given
/// the kinds of the blocks around it.
fn reads_as_line(b: &Block, before: Option<BlockKind>, after: Option<BlockKind>) -> bool {
    let same_list = |other: Option<BlockKind>| other.is_some_and(|o| b.kind.same_list(o));
    !matches!(b.kind, BlockKind::Preformatted | BlockKind::Rule)
        && memchr::memchr(b'\n', b.text.as_bytes()).is_none()
        && !same_list(before)
        && !same_list(after)
}

/// A word at the seam says the sentence goes on (see the module's documentation).
fn goes_on(prev: &Block, next: &Block, k: &Knowledge) -> bool {
    let dangles = |w: &str| w.len() <= 32 && k.languages.dangles(&w.to_lowercase(), k.lang);
    let last_word = prev.text.rsplit(char::is_whitespace).next().unwrap_or("");
    let first_word = next.text.split(char::is_whitespace).next().unwrap_or("");
    dangles(last_word) || dangles(first_word.trim_end_matches(|c: char| !c.is_alphanumeric()))
}

/// A block that stops on a lowercase letter.
fn ends_like_a_cut(b: &Block) -> bool {
    b.text.chars().next_back().is_some_and(char::is_lowercase)
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

/// A block whose first word is all lowercase letters (an apostrophe or a hyphen inside,
/// punctuation after it): not `iPhone`, `2 people` or `https://…`; and not a credit.
fn continues(b: &Block) -> bool {
    // Block text is trimmed: the first word runs to the first whitespace.
    let first = b.text.split(char::is_whitespace).next().unwrap_or("");
    first.chars().next().is_some_and(char::is_lowercase)
        && first
            .trim_end_matches(|c: char| !c.is_alphanumeric())
            .chars()
            .all(|c| c.is_lowercase() || matches!(c, '\'' | '’' | '-'))
        && !is_credit(&b.text)
        && !is_enumerator(first)
}

/// The mark of a lettered or roman-numbered item (`a.`, `b)`, `iv.`), which starts a line of
/// its own: the item under a numbered heading (`3. VR and AR` then `a. Overview`).
fn is_enumerator(word: &str) -> bool {
    const ROMAN: [&str; 10] = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"];
    let Some(mark) = word.strip_suffix(['.', ')']) else { return false };
    let mut letters = mark.chars();
    let one_letter = letters.next().is_some_and(|c| c.is_ascii_lowercase()) && letters.next().is_none();
    one_letter || ROMAN.contains(&mark)
}

/// The most names a credit gives after its first word.
const MAX_CREDIT_NAMES: usize = 4;

/// A byline or credit under a title: a lowercase word, then a name and nothing else, no stop
/// (`by Maki Yazawa`, `von Anna Müller`, `par Jean Dupont`). A sentence cut before its end
/// goes on past a name, or ends with a stop.
fn is_credit(text: &str) -> bool {
    let mut names = text.split_whitespace().skip(1).peekable();
    names.peek().is_some()
        && text.chars().next_back().is_some_and(char::is_alphanumeric)
        && names
            .by_ref()
            .take(MAX_CREDIT_NAMES + 1)
            .enumerate()
            .all(|(i, w)| i < MAX_CREDIT_NAMES && w.chars().next().is_some_and(char::is_uppercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(texts: &[&str]) -> Vec<String> {
        let rules = crate::RuleSet::builtin();
        let languages = Languages::new(&rules.starters, &rules.dangling, &rules.common);
        let mut blocks: Vec<Block> = texts.iter().map(|t| Block::new(BlockKind::Paragraph, *t)).collect();
        apply(
            &mut blocks,
            &Defaults::builtin(),
            &Knowledge { languages: &languages, lang: None },
            &mut Stats::default(),
        );
        blocks.into_iter().map(|b| b.text).collect()
    }

    #[test]
    fn a_lettered_item_under_a_numbered_heading_is_not_its_continuation() {
        let heading = "Unreal Engine is everywhere now. 3. VR, AR, and Mixed Reality in Video Production";
        for item in ["a. Overview of the Technologies", "b) Costs and time", "iv. The last part"] {
            assert_eq!(run(&[heading, item]).len(), 2, "{item}");
        }
        // `a` as a word goes on.
        assert_eq!(run(&[heading, "a great deal of the work is done on set."]).len(), 1);
    }

    #[test]
    fn a_credit_under_a_title_is_not_its_continuation() {
        let title = "The Best Gift I Got for My Birthday Was a ... Battery Organizer from the hardware store";
        for credit in ["by Maki Yazawa", "von Anna Müller", "par Jean-Pierre Dupont"] {
            assert_eq!(run(&[title, credit]).len(), 2, "{credit}");
        }
        // A cut sentence that goes on past the name is joined.
        assert_eq!(run(&[title, "by Maki Yazawa and her sister last spring."]).len(), 1);
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

    #[test]
    fn a_list_after_a_lead_in_without_a_colon_keeps_its_boundaries() {
        let lead = "The government announced on Tuesday a package of measures that includes among others";
        let items = ["higher taxes on tobacco and alcohol", "lower fees for students", "a new bus line"];
        assert_eq!(run(&[lead, items[0], items[1], items[2]]).len(), 4);
        // One item alone is a continuation only when the lead-in ends on a dangling word.
        let dangling = "The government announced on Tuesday a package of measures that includes the";
        assert_eq!(run(&[dangling, "higher taxes", "lower fees"]).len(), 2);
    }

    #[test]
    fn a_title_a_link_or_a_number_is_no_continuation() {
        let title = "The best dumbbells of the year, tested by our editors: the Olympic Weight Set With Rack";
        assert_eq!(run(&[title, "current price"]).len(), 2);
        let prose =
            "The report was published today. More details can be found on the website of the ministry";
        assert_eq!(run(&[prose, "https://example.org/report"]).len(), 2);
    }

    #[test]
    fn a_dangling_word_at_the_seam_joins_even_before_a_list() {
        let cut = "Die Kommission will die Messungen im kommenden Jahr auf weitere Flüsse und";
        let out = run(&[cut, "ihre Nebenflüsse ausweiten", "weitere Flüsse folgen"]);
        assert_eq!(out, [format!("{cut} ihre Nebenflüsse ausweiten"), "weitere Flüsse folgen".into()]);
        let prose = "The company sold more phones. Analysts had expected growth in the market for years";
        assert_eq!(run(&[prose, "and the others agreed", "but not all"]).len(), 1);
    }

    #[test]
    fn blocks_are_weighed_as_plain_text_writes_them() {
        let rules = crate::RuleSet::builtin();
        let languages = Languages::new(&rules.starters, &rules.dangling, &rules.common);
        let run_kinds = |blocks: &[(BlockKind, &str)]| {
            let mut blocks: Vec<Block> = blocks.iter().map(|(k, t)| Block::new(*k, *t)).collect();
            let k = Knowledge { languages: &languages, lang: None };
            apply(&mut blocks, &Defaults::builtin(), &k, &mut Stats::default());
            blocks.into_iter().map(|b| (b.kind, b.text)).collect::<Vec<_>>()
        };
        let cut = "The council met on Monday. It approved the plan for the";
        let item = |list| BlockKind::ListItem { list, depth: 1, ordered: false };
        // A heading that runs on into the next line is a paragraph cut in two (`<h2>` broken
        // around the first half), as the text reads back.
        let out = run_kinds(&[
            (BlockKind::Heading { level: 2 }, cut),
            (BlockKind::Paragraph, "harbour and the bridge."),
        ]);
        assert_eq!(out, [(BlockKind::Paragraph, format!("{cut} harbour and the bridge."))]);
        // So does a lone item; the items of a list of several are lines of one text block.
        assert_eq!(run_kinds(&[(BlockKind::Paragraph, cut), (item(1), "harbour and the bridge")]).len(), 1);
        assert_eq!(
            run_kinds(&[(BlockKind::Paragraph, cut), (item(1), "harbour"), (item(1), "bridge")]).len(),
            3
        );
        assert_eq!(run(&[cut, "harbour\nbridge"]).len(), 2);
        // Code is never joined.
        assert_eq!(
            run_kinds(&[(BlockKind::Preformatted, cut), (BlockKind::Paragraph, "harbour and the bridge.")])
                .len(),
            2
        );
    }

    #[test]
    fn a_second_pass_joins_nothing_more() {
        let cut = "The committee met on Tuesday and agreed after a long debate to postpone the vote until";
        let texts = [
            cut,
            "more figures are published by the ministry and the city council has read them without",
            "any further delay or",
            "Then the meeting ended.",
        ];
        let once = run(&texts);
        let again = run(&once.iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(once, again);
        assert_eq!(once.len(), 3, "{once:?}");
    }
}
