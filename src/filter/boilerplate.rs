//! Removes blocks that are wholly boilerplate: comment forms, share bars, cookie notices,
//! newsletter boxes, ad labels, related-posts and read-more links, paywall notices; and the
//! blocks that belong to them: the buttons of a consent notice or of a paywall notice, the
//! titles under a related-stories heading.
//!
//! The phrases come from `rules/boilerplate/` (and the user's `--rules` files) and are matched
//! at word boundaries, the longest at each place, in the block's text folded to lowercase
//! where that keeps every byte in place ([`crate::text::fold`]), so a match's bytes are the
//! text's. Each phrase is added folded, in the casings whose folds differ (an uppercase `ß` is
//! `SS`), and with either apostrophe (`'`, `’`) and ellipsis. Every search is anchored at a
//! place, so the phrases are a trie ([`crate::text::prefix`]), not an automaton: building
//! one's failure links was a third of what the command-line tool does before it reads its
//! input. A block goes when the
//! phrases cover all but a small share of its letters
//! ([`crate::rules::Defaults::boilerplate_max_uncovered`]); a sentence that merely mentions
//! "leave a reply" keeps most of its letters uncovered and stays. Blocks longer
//! than [`crate::rules::Defaults::boilerplate_max_chars`] are never checked: boilerplate is
//! short, and this keeps the filter cheap on long prose. Nor are blocks that do not start
//! with a phrase: a block whose first word is prose is not wholly boilerplate.
//!
//! Two shapes take more than one block, each only on evidence from both sides:
//! - **A notice and its controls.** A short block that starts with a phrase of two words or
//!   more (`We use cookies to ensure …`, `Sign up for our …`) goes on in its own words, so it
//!   is not wholly boilerplate; the labels next to it (`Ok`, `Akzeptieren`, `Subscribe`,
//!   written `control: …` in the topic's file) are too short to be phrases. A run of such
//!   blocks of one topic goes when it holds a notice or a whole block of boilerplate, and a
//!   control or a whole block beside it: a paragraph that happens to start with "Sign up"
//!   has no `Subscribe` button beside it.
//! - **A list heading and its titles.** A block that is only a `list: …` phrase (`Related
//!   posts`, `Lesen Sie mehr zum Thema`) takes the short blocks after it (headlines, dates,
//!   category lines), up to the first longer one.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::labelled::Labelled;
use super::lines::{self, Lines, Piece};
use crate::block::{Block, BlockKind};
use crate::rules::RuleSet;
use crate::stats::Stats;
use crate::text::fold::{fold, fold_char, fold_to};
use crate::text::lang::Fnv;
use crate::text::pairs::Pairs;
use crate::text::prefix::{Prefixes, State};
use crate::text::{self, lang};

/// The compiled phrase matcher.
#[derive(Debug, Clone)]
pub(crate) struct Boilerplate {
    matcher: Option<Prefixes>,
    /// Pattern index → rule index.
    rule_of: Vec<usize>,
    /// Pattern index → the phrase heads a list (`list: …`).
    heads_list: Vec<bool>,
    /// Pattern index → the phrase has two words or more (may open a notice).
    multiword: Vec<bool>,
    /// Pattern index → the list heading names a section or a site after it (`More from …`).
    names: Vec<bool>,
    /// Control labels by the hash of their [`label_key`] → the key and the indices of the
    /// rules it is a control of (`Je m'abonne` signs up for a newsletter and for a paywall).
    controls: HashMap<u64, (String, Vec<usize>), BuildHasherDefault<Fnv>>,
    /// Bytes of the longest control label: a longer block is none.
    max_control_bytes: usize,
    /// The first two bytes of every control label, as its key and folded (none when a label
    /// is shorter): a block whose first letter and the byte after it open none is no label,
    /// without its key worked out.
    control_openings: Option<Pairs>,
    /// The last two bytes of every control label, where ASCII: a block that ends in two ASCII
    /// bytes none ends in is no label.
    control_endings: Option<Pairs>,
    /// The same two pairs of bytes for the control labels of the rules that have `word:`
    /// entries, and the bytes of the shortest: which blocks may answer a pitch.
    word_control_ends: (Option<Pairs>, Option<Pairs>),
    word_control_min_bytes: usize,
    /// Words of the longest control label: a block with more is none.
    max_control_words: usize,
    /// Rule names.
    rules: Vec<String>,
    /// The topics' `word:` entries in one automaton (ASCII case aside, other letters in
    /// their cases); pattern index → rule index.
    words: Option<(aho_corasick::AhoCorasick, Vec<usize>)>,
    /// Rule index → the rule has `word:` entries.
    has_words: Vec<bool>,
    word_notice_max_words: usize,
    pitch_max_words: usize,
    /// Breadcrumb trails and tag lines, found by their labels and shape.
    labelled: Labelled,
    /// The rule a copyright line counts under (`legal`), and its most words.
    legal: usize,
    copyright_max_words: usize,
    /// Rule index → the rule has control labels: its notices are boxes with buttons (a
    /// consent notice, a sign-up box, a paywall), which may hold a pitch in their own words.
    boxes: Vec<bool>,
    max_chars: usize,
    max_uncovered: f64,
    notice_max_words: usize,
    list_max_words: usize,
    list_max_items: usize,
    /// Bytes of the shortest phrase: a shorter block holds none.
    min_bytes: usize,
    /// The first two bytes of every folded phrase (none when a phrase is shorter): a block
    /// whose first letter and the byte after it, folded, open none holds no phrase there,
    /// which most prose blocks show without a search.
    openings: Option<Pairs>,
    /// The first chars of the phrases that start with no letter (`(Opens in new window)`):
    /// with the letters, where a match can start.
    odd_starts: Vec<char>,
}

/// What one block is to the filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Verdict {
    /// No boilerplate.
    Prose,
    /// Wholly boilerplate of the rule.
    Whole(usize),
    /// Wholly `list: …` phrases of the rule: the titles after it go too.
    ListHead(usize),
    /// Short, and starts with a phrase of the rule of two words or more.
    Notice(usize),
    /// A control label of the rule.
    Control(usize),
}

impl Verdict {
    /// The rule whose notice-and-controls run the block can be part of.
    fn run_rule(self) -> Option<usize> {
        match self {
            Verdict::Prose => None,
            Verdict::Whole(r) | Verdict::ListHead(r) | Verdict::Notice(r) | Verdict::Control(r) => Some(r),
        }
    }

    /// The rule that removes the block on its own.
    fn alone(self) -> Option<usize> {
        match self {
            Verdict::Whole(r) | Verdict::ListHead(r) => Some(r),
            _ => None,
        }
    }
}

impl Boilerplate {
    pub fn new(set: &RuleSet) -> Boilerplate {
        let mut rules: Vec<String> = Vec::new();
        let mut rule_index = |name: &str| match rules.iter().position(|r| r == name) {
            Some(i) => i,
            None => {
                rules.push(name.to_owned());
                rules.len() - 1
            }
        };
        let mut patterns = Vec::new();
        let (mut rule_of, mut heads_list, mut multiword) = (Vec::new(), Vec::new(), Vec::new());
        let mut names = Vec::new();
        for p in &set.phrases {
            let idx = rule_index(&p.rule);
            for v in variants(&p.text) {
                multiword.push(phrase_words(&v) >= 2);
                patterns.push(v);
                rule_of.push(idx);
                heads_list.push(p.heads_list);
                names.push(p.names);
            }
        }
        // Searched in the text as it stands, ASCII case aside: each word in lowercase, and
        // where it has letters beyond ASCII also capitalised and in capitals (`рассылк`,
        // `Рассылк`, `РАССЫЛК`).
        let (mut word_patterns, mut word_rules) = (Vec::new(), Vec::new());
        for w in &set.topic_words {
            let idx = rule_index(&w.rule);
            let lower = w.text.to_lowercase();
            let mut forms = vec![lower.clone()];
            if !lower.is_ascii() {
                forms.extend([capitalise(&lower), w.text.to_uppercase()]);
            }
            forms.sort();
            forms.dedup();
            for v in forms {
                word_patterns.push(v);
                word_rules.push(idx);
            }
        }
        let topic_words = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(&word_patterns)
            .ok()
            .filter(|_| !word_patterns.is_empty())
            .map(|ac| (ac, word_rules));
        // Each label as its key and folded: the forms a block that is one may take.
        let forms = |c: &crate::rules::Phrase| {
            let t = c.text.trim_matches(|c: char| !c.is_alphanumeric());
            [label_key(t), fold(t)]
        };
        let control_forms: Vec<String> = set.controls.iter().flat_map(forms).collect();
        let word_control_forms: Vec<String> = set
            .controls
            .iter()
            .filter(|c| set.topic_words.iter().any(|w| w.rule == c.rule))
            .flat_map(forms)
            .collect();
        let mut controls: HashMap<u64, (String, Vec<usize>), BuildHasherDefault<Fnv>> = HashMap::default();
        for c in &set.controls {
            let (_, rules) =
                controls.entry(key_hash(&c.text)).or_insert_with(|| (label_key(&c.text), Vec::new()));
            let r = rule_index(&c.rule);
            if !rules.contains(&r) {
                rules.push(r);
            }
        }
        // Every search is anchored (a probe at a place): a trie answers it, and costs a
        // fraction of an automaton's start-up, whose failure links were most of it (an
        // automaton of these patterns took a third of every run's start-up; a DFA, tens of
        // milliseconds).
        let matcher = (!patterns.is_empty()).then(|| Prefixes::new(&patterns));
        let labelled = Labelled::new(set, &mut rule_index);
        let legal = rule_index(LEGAL);
        let mut boxes = vec![false; rules.len()];
        for (_, rs) in controls.values() {
            for &r in rs {
                if let Some(b) = boxes.get_mut(r) {
                    *b = true;
                }
            }
        }
        let d = &set.defaults;
        let mut odd_starts: Vec<char> =
            patterns.iter().filter_map(|p| p.chars().next()).filter(|c| !c.is_alphabetic()).collect();
        odd_starts.sort_unstable();
        odd_starts.dedup();
        Boilerplate {
            min_bytes: patterns.iter().map(String::len).min().unwrap_or(0),
            openings: openings(&patterns),
            odd_starts,
            matcher,
            rule_of,
            heads_list,
            multiword,
            names,
            // Room for the bullets and punctuation around a label ("» Ok", "[Subscribe]").
            max_control_words: controls.values().map(|(k, _)| words(k)).max().unwrap_or(0),
            max_control_bytes: controls
                .values()
                .map(|(k, _)| k.len())
                .max()
                .map_or(0, |n| n.saturating_mul(2) + 8),
            control_openings: openings(&control_forms),
            control_endings: endings(&control_forms),
            word_control_ends: (openings(&word_control_forms), endings(&word_control_forms)),
            word_control_min_bytes: word_control_forms.iter().map(String::len).min().unwrap_or(0),
            controls,
            has_words: (0..rules.len())
                .map(|r| set.topic_words.iter().any(|w| rules.get(r) == Some(&w.rule)))
                .collect(),
            words: topic_words,
            word_notice_max_words: d.boilerplate_word_notice_max_words,
            pitch_max_words: d.boilerplate_pitch_max_words,
            rules,
            labelled,
            legal,
            copyright_max_words: d.boilerplate_copyright_max_words,
            boxes,
            max_chars: d.boilerplate_max_chars,
            max_uncovered: d.boilerplate_max_uncovered,
            notice_max_words: d.boilerplate_notice_max_words,
            list_max_words: d.boilerplate_list_max_words,
            list_max_items: d.boilerplate_list_max_items,
        }
    }

    /// Removes the boilerplate blocks, counting each under its rule; where a line of a
    /// block is boilerplate, the lines of every block (not code) are judged as blocks, and those
    /// that go leave their block. Returns whether a block it judged boilerplate stays (a
    /// label with no notice beside it, a notice with no control): only beside such a block
    /// can a removal elsewhere make more go, and without one a second look is no use.
    pub fn apply(&self, blocks: &mut Vec<Block>, stats: &mut Stats) -> bool {
        // Where lines went from a block that stays, what is left of it is judged again as a
        // whole, as a second cleaning reads it (`©` / `Reply` / `2010`: the comment form's
        // label went, and `©` with `2010` is a copyright line).
        let mut stays = false;
        for _ in 0..MAX_LINE_PASSES {
            let (seen, lines_went) = self.apply_once(blocks, stats);
            stays |= seen;
            if !lines_went {
                break;
            }
        }
        stays
    }

    /// One pass of [`Self::apply`]: whether a block judged boilerplate stayed, and whether
    /// lines went from blocks read line by line.
    fn apply_once(&self, blocks: &mut Vec<Block>, stats: &mut Stats) -> (bool, bool) {
        let by_lines = self.lines_apart(blocks);
        let (Lines { pieces, of }, first) = if by_lines {
            let lines = Lines::new(blocks);
            let Some(first) = self.first(lines.pieces.iter().copied()) else {
                return (false, false);
            };
            (lines, first)
        } else {
            // The length first: most blocks are too short for a phrase, or prose at their
            // first bytes, and most texts have none; nothing is stored for them.
            let Some(first) = blocks.iter().position(|b| {
                b.text.len() >= self.min_bytes && self.verdict(Piece::from(b)) != Verdict::Prose
                    || b.text.len() >= self.word_control_min_bytes && self.pitch_control(&b.text).is_some()
            }) else {
                return (false, false);
            };
            // A control may answer a pitch before it (`word_notices`).
            (Lines::whole(blocks), first.saturating_sub(1))
        };
        let (gone, stays) = self.judge(&pieces, first);
        drop(pieces);
        // Counted per rule here, then once per rule into the stats (a lookup by name).
        let mut removed = vec![0u64; self.rules.len()];
        for r in gone.iter().flatten() {
            if let Some(n) = removed.get_mut(*r) {
                *n += 1;
            }
        }
        let went = gone.iter().any(Option::is_some);
        lines::remove(blocks, &of, |k| gone.get(k).is_some_and(Option::is_some));
        for (name, &n) in self.rules.iter().zip(&removed) {
            stats.count_rule_times(name, n);
        }
        (stays, by_lines && went)
    }

    /// Whether a paragraph of `blocks` has lines of its own that are not prose: text with one
    /// line break between paragraphs, a notice and its buttons parted by `<br>`.
    fn lines_apart(&self, blocks: &[Block]) -> bool {
        lines::any_line(blocks, self.min_bytes, |l| self.verdict(l) != Verdict::Prose)
    }

    /// The first of `blocks` that is not prose to the filter, or the one before the first
    /// control label if that comes earlier (a box's pitch may stand there): a block too short
    /// for any phrase or label costs no call (`verdict` says the same).
    fn first<'a>(&self, mut blocks: impl Iterator<Item = Piece<'a>>) -> Option<usize> {
        let first = blocks.position(|b| {
            b.text.len() >= self.min_bytes && self.verdict(b) != Verdict::Prose
                || b.text.len() >= self.word_control_min_bytes && self.pitch_control(b.text).is_some()
        })?;
        // A control may answer a pitch before it (`word_notices`).
        Some(first.saturating_sub(1))
    }

    /// Which of `blocks` go, and under which rule, from `first` (the first that is not
    /// prose) on; whether a block judged boilerplate stays.
    fn judge(&self, blocks: &[Piece<'_>], first: usize) -> (Vec<Option<usize>>, bool) {
        let mut verdicts = vec![Verdict::Prose; blocks.len()];
        for (v, &b) in verdicts.iter_mut().zip(blocks.iter()).skip(first) {
            *v = self.verdict(b);
        }
        self.word_notices(blocks, &mut verdicts);
        self.controls_beside(blocks.iter().map(|b| b.text), &mut verdicts);
        if self.pitches(|i| blocks.get(i).copied(), &mut verdicts) {
            self.controls_beside(blocks.iter().map(|b| b.text), &mut verdicts);
        }
        let mut gone: Vec<Option<usize>> = verdicts.iter().map(|v| v.alone()).collect();
        self.runs(&verdicts, &mut gone);
        self.lists(blocks, &verdicts, &mut gone);
        // A run that goes leaves its neighbours side by side, where a second pass would find
        // a new run: look again among what is left, until nothing more goes.
        for _ in 0..MAX_RUN_ROUNDS {
            let left: Vec<usize> =
                (0..blocks.len()).filter(|&i| gone.get(i).is_some_and(Option::is_none)).collect();
            let mut sub: Vec<Verdict> = left.iter().filter_map(|&i| verdicts.get(i).copied()).collect();
            if sub.iter().all(|v| *v == Verdict::Prose) {
                break;
            }
            let texts = || left.iter().filter_map(|&i| blocks.get(i)).map(|b| b.text);
            self.controls_beside(texts(), &mut sub);
            if self.pitches(|k| left.get(k).and_then(|&i| blocks.get(i)).copied(), &mut sub) {
                self.controls_beside(texts(), &mut sub);
            }
            let mut sub_gone = vec![None; sub.len()];
            self.runs(&sub, &mut sub_gone);
            let mut more = false;
            for (&i, g) in left.iter().zip(&sub_gone) {
                if let (Some(r), Some(slot)) = (g, gone.get_mut(i)) {
                    *slot = Some(*r);
                    more = true;
                }
            }
            if !more {
                break;
            }
        }
        let stays = gone.iter().zip(&verdicts).any(|(g, v)| g.is_none() && *v != Verdict::Prose);
        (gone, stays)
    }

    /// Marks the notices a box's pitch makes in its own words beside one of its controls or
    /// its phrases: a short block, prose to the phrases, next to a control label of a rule or
    /// a block of the rule's phrases, and holding a `word:` of that rule (`Recevez chaque jour
    /// notre newsletter` / `Je m'inscris`). Only there is a block looked at for its words.
    fn word_notices(&self, blocks: &[Piece<'_>], verdicts: &mut [Verdict]) {
        if self.words.is_none() {
            return;
        }
        for (i, b) in blocks.iter().enumerate() {
            let own;
            let rules: &[usize] = match verdicts.get(i).copied() {
                Some(Verdict::Prose) => match self.pitch_control(b.text) {
                    Some(rules) => rules,
                    None => continue,
                },
                Some(Verdict::Whole(r) | Verdict::Notice(r)) if self.has_words.get(r) == Some(&true) => {
                    own = [r];
                    &own
                }
                _ => continue,
            };
            for j in [i.wrapping_sub(1), i + 1] {
                let Some(&beside) = blocks.get(j) else { continue };
                if verdicts.get(j) != Some(&Verdict::Prose) || self.control(beside.text).is_some() {
                    continue;
                }
                if let Some(r) = self.word_notice(beside).filter(|r| rules.contains(r)) {
                    if let Some(v) = verdicts.get_mut(j) {
                        *v = Verdict::Notice(r);
                    }
                }
            }
        }
    }

    /// Marks the control labels among the blocks next to boilerplate (and next to those):
    /// only there can one matter, so only there is one looked up. A label of several rules
    /// is a control of its neighbour's rule when it is one of them.
    fn controls_beside<'t>(&self, texts: impl Iterator<Item = &'t str>, verdicts: &mut [Verdict]) {
        let texts: Vec<&str> = texts.collect();
        let look = |i: usize, beside: Option<usize>, verdicts: &mut [Verdict]| {
            if let (Some(Verdict::Prose), Some(text)) = (verdicts.get(i), texts.get(i)) {
                if let Some(rules) = self.control(text) {
                    let r = beside.filter(|b| rules.contains(b)).or_else(|| rules.first().copied());
                    if let (Some(v), Some(r)) = (verdicts.get_mut(i), r) {
                        *v = Verdict::Control(r);
                    }
                }
            }
        };
        for i in 1..verdicts.len() {
            if let Some(beside) = verdicts.get(i - 1).and_then(|v| v.run_rule()) {
                look(i, Some(beside), verdicts);
            }
        }
        for i in (0..verdicts.len().saturating_sub(1)).rev() {
            if let Some(beside) = verdicts.get(i + 1).and_then(|v| v.run_rule()) {
                look(i, Some(beside), verdicts);
            }
        }
    }

    /// Marks the pitch of a box in its own words: a short paragraph of one line right after
    /// the box's notice or heading (a block that starts with, or is, a phrase of a rule with
    /// control labels) and right before more of it or one of its controls (`Zapisz się do
    /// newslettera` / `Otrzymuj najważniejsze wiadomości prosto na swoją skrzynkę.` / `Zapisz
    /// się`). Article prose does not sit between a box's notice and its buttons; it does sit
    /// between two labels of other rules (a paragraph between two `Advertisement` lines),
    /// which are no boxes. `block(i)` is the block of `verdicts[i]`. Whether any was marked.
    fn pitches<'b>(&self, block: impl Fn(usize) -> Option<Piece<'b>>, verdicts: &mut [Verdict]) -> bool {
        let mut marked = false;
        for i in 1..verdicts.len().saturating_sub(1) {
            let (Some(&before), Some(&Verdict::Prose), Some(&after)) =
                (verdicts.get(i - 1), verdicts.get(i), verdicts.get(i + 1))
            else {
                continue;
            };
            let rule = match before {
                Verdict::Whole(r) | Verdict::Notice(r) if self.boxes.get(r).copied().unwrap_or(false) => r,
                _ => continue,
            };
            // A whole block after more of its box is the box's button (`Prenumerera på vårt
            // nyhetsbrev` / `Prenumerera`): the box ends there, and what follows is the
            // article again, even where another box comes right after it.
            let closes_its_box = matches!(before, Verdict::Whole(_))
                && i.checked_sub(2).and_then(|k| verdicts.get(k)).is_some_and(|v| v.run_rule() == Some(rule));
            if closes_its_box {
                continue;
            }
            let Some(pitch) = block(i) else { continue };
            let short = pitch.kind == BlockKind::Paragraph
                && !pitch.text.contains('\n')
                && words(pitch.text) + text::words::unspaced_words(pitch.text) <= self.pitch_max_words;
            let closes = after.run_rule() == Some(rule)
                || block(i + 1).and_then(|b| self.control(b.text)).is_some_and(|rs| rs.contains(&rule));
            if short && closes {
                if let Some(v) = verdicts.get_mut(i) {
                    *v = Verdict::Notice(rule);
                    marked = true;
                }
            }
        }
        marked
    }

    /// The rules whose control label `text` is, when one of them has `word:` entries (`Je
    /// m'inscris`): a box's pitch in its own words may stand beside it
    /// ([`Self::word_notices`]).
    fn pitch_control(&self, text: &str) -> Option<&[usize]> {
        let (openings, endings) = &self.word_control_ends;
        if self.words.is_none()
            || !(self.word_control_min_bytes..=self.max_control_bytes).contains(&text.len())
            || !may_be_label(text, openings.as_ref(), endings.as_ref())
        {
            return None;
        }
        self.control(text).filter(|rules| rules.iter().any(|&r| self.has_words.get(r) == Some(&true)))
    }

    /// The rules whose control label `text` is.
    fn control(&self, text: &str) -> Option<&[usize]> {
        // Cheap bounds first: labels are short in bytes, open and end with the bytes labels
        // do (most blocks end here), and are short in words (spaces are counted by a vector
        // scan; the key below goes char by char through Unicode's tables).
        if text.len() > self.max_control_bytes
            || !may_be_label(text, self.control_openings.as_ref(), self.control_endings.as_ref())
            || text.bytes().filter(|&c| c == b' ').count() > self.max_control_words
        {
            return None;
        }
        // The hash is worked out on the text as it stands; the key is only built on a hit.
        let (key, rules) = self.controls.get(&key_hash(text))?;
        is_label(key, text).then_some(rules.as_slice())
    }

    /// Marks the runs of one rule's notice, whole blocks and controls that hold evidence from
    /// both sides: a notice or a whole block, and a control or a whole block beside it.
    /// Blocks of other rules that go on their own are looked through, as the next pass will
    /// not see them.
    fn runs(&self, verdicts: &[Verdict], gone: &mut [Option<usize>]) {
        let mut i = 0;
        while i < verdicts.len() {
            let Some(rule) = verdicts.get(i).and_then(|v| v.run_rule()) else {
                i += 1;
                continue;
            };
            // The run: blocks of this rule, and of others that go anyway, up to anything else.
            let mut members = Vec::new();
            let mut j = i;
            while let Some(&v) = verdicts.get(j) {
                if v.run_rule() == Some(rule) {
                    members.push(j);
                } else if v.alone().is_none() {
                    break;
                }
                j += 1;
            }
            let kinds = || members.iter().filter_map(|&m| verdicts.get(m));
            let whole = kinds().filter(|v| v.alone().is_some()).count();
            let notices = kinds().filter(|v| matches!(v, Verdict::Notice(_))).count();
            let controls = kinds().filter(|v| matches!(v, Verdict::Control(_))).count();
            let speaks = whole + notices > 0;
            let answers = controls > 0 || whole > 0;
            if members.len() >= 2 && speaks && answers && (notices > 0 || controls > 0) {
                for &m in &members {
                    if let Some(g) = gone.get_mut(m) {
                        *g = Some(rule);
                    }
                }
            }
            // Past the last member: a block of another rule after it starts its own run.
            i = members.last().map_or(i + 1, |&last| last + 1);
        }
    }

    /// Whether the lines of `text`, taken as blocks, are one run of `rule` that goes.
    fn lines_are_a_run(&self, text: &str, rule: usize) -> bool {
        let mut verdicts: Vec<Verdict> = text.lines().map(|l| self.verdict(Piece::line(l))).collect();
        self.controls_beside(text.lines(), &mut verdicts);
        let mut gone = vec![None; verdicts.len()];
        self.runs(&verdicts, &mut gone);
        gone.iter().all(|g| *g == Some(rule))
    }

    /// Marks the titles after each list heading: short blocks, up to the first longer one or
    /// the next heading as high as a heading that opened the list (any heading after a list
    /// opened by a paragraph). A title right before running prose is that prose's heading,
    /// and stays.
    fn lists(&self, blocks: &[Piece<'_>], verdicts: &[Verdict], gone: &mut [Option<usize>]) {
        if !verdicts.iter().any(|v| matches!(v, Verdict::ListHead(_))) {
            return;
        }
        // Where each run of blocks that went before any list was looked at ends: a list
        // passes over such a run at once (a run of list headings is one).
        let mut run_end = vec![0; gone.len()];
        let mut end = gone.len();
        for (k, g) in gone.iter().enumerate().rev() {
            if g.is_none() {
                end = k;
            }
            if let Some(e) = run_end.get_mut(k) {
                *e = end;
            }
        }
        let went_before: Vec<bool> = gone.iter().map(Option::is_some).collect();
        for (i, v) in verdicts.iter().enumerate() {
            let Verdict::ListHead(rule) = *v else { continue };
            let top = match blocks.get(i).map(|b| b.kind) {
                Some(BlockKind::Heading { level }) => level,
                _ => u8::MAX,
            };
            let mut items = 0;
            let mut last = None;
            // Boilerplate between the titles is passed over, but only so much of it: a run of
            // list headings must not make every one of them read to the end.
            let look = self.list_max_items.saturating_mul(LIST_LOOK_FACTOR).saturating_add(1);
            let stop = i.saturating_add(1).saturating_add(look).min(blocks.len());
            let mut j = i + 1;
            while let Some(b) = blocks.get(j).filter(|_| j < stop) {
                if went_before.get(j) == Some(&true) {
                    j = run_end.get(j).copied().unwrap_or(stop);
                    continue;
                }
                if gone.get(j).is_some_and(Option::is_some) {
                    j += 1;
                    continue;
                }
                let next_section = matches!(b.kind, BlockKind::Heading { level } if level <= top);
                let title = !matches!(b.kind, BlockKind::Preformatted | BlockKind::TableCell { .. })
                    && words(b.text) <= self.list_max_words
                    && !ends_a_sentence(b.text);
                if next_section || !title {
                    // Prose goes on here (a sentence of six words or more, not one more label):
                    // the block before it, if it reads like a heading (three words or more, not
                    // a date or a category line), is that prose's own. Not an item of a list:
                    // no heading is one, it is the list's last title.
                    let prose = words(b.text) >= PROSE_MIN_WORDS || b.text.len() >= PROSE_MIN_BYTES;
                    if !next_section && prose {
                        let heading = |k: usize| {
                            blocks.get(k).is_some_and(|b| {
                                !matches!(b.kind, BlockKind::ListItem { .. }) && reads_like_a_heading(b.text)
                            })
                        };
                        if let Some(g) = last.filter(|&k| heading(k)).and_then(|k| gone.get_mut(k)) {
                            *g = None;
                        }
                    }
                    break;
                }
                if items >= self.list_max_items {
                    break;
                }
                if let Some(g) = gone.get_mut(j) {
                    *g = Some(rule);
                }
                last = Some(j);
                items += 1;
            }
        }
    }

    /// What `block` (a block or a line) is to the filter.
    fn verdict(&self, block: Piece<'_>) -> Verdict {
        self.verdict_with(block, true)
    }

    /// The rule whose `word:` the short block `b` holds at a word's start, if any: the
    /// block is that rule's notice (`Recevez chaque jour notre newsletter`). A block of more
    /// than `boilerplate_word_notice_max_words` words, of more than one line or of code is
    /// none.
    fn word_notice(&self, b: Piece<'_>) -> Option<usize> {
        let (words_ac, rule_of) = self.words.as_ref()?;
        let text = b.text;
        // Bytes bound words from above: most paragraphs are rejected without a look, and the
        // words are counted before the search, which costs more a byte.
        if b.kind == BlockKind::Preformatted
            || text.len() > self.word_notice_max_words.saturating_mul(12)
            || memchr::memchr(b'\n', text.as_bytes()).is_some()
            || words(text) > self.word_notice_max_words
        {
            return None;
        }
        let rule = words_ac.find_iter(text).find_map(|m| {
            let before = text.get(..m.start()).and_then(|t| t.chars().next_back());
            let first = text.get(m.start()..).and_then(|t| t.chars().next());
            let starts_word = !before.is_some_and(joins_words) || !first.is_some_and(joins_words);
            starts_word.then(|| rule_of.get(m.pattern().as_usize()).copied()).flatten()
        })?;
        // Two letters of a script without spaces count as a word: known only now, on a hit.
        (words(text) + text::words::unspaced_words(text) <= self.word_notice_max_words).then_some(rule)
    }

    /// What `block` is to the filter, with its text searched for every match, or
    /// (`shortcut`) not searched where its opening starts no phrase, and only for the first
    /// match where no other can be.
    fn verdict_with(&self, block: Piece<'_>, shortcut: bool) -> Verdict {
        let text = block.text;
        if block.kind != BlockKind::Preformatted
            && opens_with_copyright(text)
            && has_year(text)
            && words(text) <= self.copyright_max_words
        {
            return Verdict::Whole(self.legal);
        }
        if block.kind != BlockKind::Preformatted {
            if let Some(rule) = self.labelled.rule_of(text) {
                return Verdict::Whole(rule);
            }
        }
        let Some(matcher) = self.matcher.as_ref() else {
            return Verdict::Prose;
        };
        // Bytes bound chars from above: most long blocks are rejected without counting.
        if block.kind == BlockKind::Preformatted
            || text.len() > self.max_chars.saturating_mul(4)
            || text.len() < self.min_bytes
        {
            return Verdict::Prose;
        }
        // Boilerplate blocks start with a phrase (after bullets, digits or punctuation): one
        // anchored probe rejects almost every prose block in a few bytes.
        let Some(start) = text.find(char::is_alphabetic) else {
            return Verdict::Prose;
        };
        // Most prose blocks open with two bytes no phrase opens with: no search at all.
        if shortcut
            && self.openings.as_ref().is_some_and(|o| !opens(o, text.get(start..).unwrap_or_default()))
        {
            return Verdict::Prose;
        }
        let Some(first) = probe(matcher, text, start) else {
            return Verdict::Prose;
        };
        let mut covered = 0;
        // Letters covered per rule: most blocks match one or two rules, so no allocation.
        let mut by_rule = RuleTally::default();
        let mut only_heads = true;
        let mut count = |m: aho_corasick::Match| {
            if !at_word_boundary(text, m.start(), m.end()) || called(text, m.end()) {
                return;
            }
            let n = letters(text.get(m.start()..m.end()).unwrap_or(""));
            covered += n;
            let p = m.pattern().as_usize();
            only_heads &= self.heads_list.get(p).copied().unwrap_or(false);
            if let Some(&r) = self.rule_of.get(p).filter(|&&r| r < self.rules.len()) {
                by_rule.add(r, n);
            }
        };
        // Where nothing before or after the first match can start another (a label alone on
        // its line, as most boilerplate blocks are), the first is the only one.
        let around = [text.get(..start), text.get(first.end()..)];
        if shortcut && around.iter().all(|t| self.starts_no_match(t.unwrap_or_default())) {
            count(first);
        } else if shortcut {
            // A probe where a phrase opens, and the first letter's answer as it was had.
            let openings = self.openings.as_ref();
            each_match(text, count, |at| match at {
                _ if at == start => Some(first),
                _ if openings.is_some_and(|o| !opens(o, text.get(at..).unwrap_or_default())) => None,
                _ => probe(matcher, text, at),
            });
        } else {
            // The phrases are folded: so is the text searched for them, byte for byte in
            // place, by the trie's own search at every place.
            let mut stack = [0u8; 256];
            let mut heap = String::new();
            let folded = fold_in(text, &mut stack, &mut heap);
            each_match(text, count, |at| {
                let (p, end) = matcher.longest_at(folded, at)?;
                Some(aho_corasick::Match::must(p, at..end))
            });
        }
        // Bytes bound chars from above: a short block is not counted.
        if covered == 0 || (text.len() > self.max_chars && text.chars().count() > self.max_chars) {
            return Verdict::Prose;
        }
        // A block that is the phrase and nothing else (most labels) has the letters counted.
        let whole = start == 0 && first.end() == text.len();
        let total = if whole { covered } else { letters(text) };
        let uncovered = total.saturating_sub(covered);
        if uncovered as f64 > self.max_uncovered * total as f64 {
            let p = first.pattern().as_usize();
            // A list heading that names a section or a site (`More from Local News`): the
            // phrase first, then a name of a few words and nothing else.
            if self.names.get(p).copied().unwrap_or(false)
                && text.get(..first.start()).is_some_and(|before| !before.contains(char::is_alphanumeric))
                && is_a_name(text.get(first.end()..).unwrap_or_default())
            {
                if let Some(&r) = self.rule_of.get(p) {
                    return Verdict::ListHead(r);
                }
            }
            // Not wholly boilerplate: a notice if its first phrase is one of two words or more.
            let opens = at_word_boundary(text, first.start(), first.end())
                && self.multiword.get(p).copied().unwrap_or(false)
                && words(text) + text::words::unspaced_words(text) <= self.notice_max_words;
            return match self.rule_of.get(p) {
                // A notice with its controls on lines of its own, in one block.
                Some(&r) if opens && text.contains('\n') && self.lines_are_a_run(text, r) => {
                    Verdict::Whole(r)
                }
                Some(&r) if opens => Verdict::Notice(r),
                _ => Verdict::Prose,
            };
        }
        let Some(best) = by_rule.best(self.rules.len()) else {
            return Verdict::Prose;
        };
        if only_heads { Verdict::ListHead(best) } else { Verdict::Whole(best) }
    }

    /// Whether no phrase can start anywhere in `s`: it holds no letter, nor the first char of
    /// a phrase that starts with none.
    fn starts_no_match(&self, s: &str) -> bool {
        if s.is_ascii() {
            return !s.bytes().any(|c| c.is_ascii_alphabetic() || self.odd_starts.contains(&char::from(c)));
        }
        !s.chars().any(|c| c.is_alphabetic() || self.odd_starts.contains(&c))
    }

    /// The rule that makes `block` wholly boilerplate on its own, if any.
    #[cfg(test)]
    fn rule_for(&self, block: &Block) -> Option<&str> {
        self.verdict(block.into()).alone().and_then(|r| self.rules.get(r)).map(String::as_str)
    }
}

/// How often [`Boilerplate::apply`] reads the blocks again after lines went from some.
const MAX_LINE_PASSES: usize = 3;

/// The most words of the name a list heading gives after its phrase (`More from` `Local
/// News`, `Mehr aus dem Ressort` `Politik`).
const NAME_MAX_WORDS: usize = 4;

/// Whether `rest`, what follows a list heading's phrase, is a name: a space first, then at
/// most [`NAME_MAX_WORDS`] words with no sentence's punctuation (a trailing colon aside).
/// `More from the minister, who spoke on Tuesday.` goes on as a sentence.
fn is_a_name(rest: &str) -> bool {
    let name = rest.trim_end().trim_end_matches([':', '：']).trim_end();
    rest.starts_with(char::is_whitespace)
        && !name.trim_start().is_empty()
        && !name.contains(['.', ',', ';', '!', '?', '"', '“', '”', '«', '»'])
        && name.split_whitespace().nth(NAME_MAX_WORDS).is_none()
}

/// The rule copyright lines count under (no topic file's: the shape needs no phrase).
pub(crate) const LEGAL: &str = "legal";

/// Whether `text` opens with a copyright mark: `©`, or `Copyright` or `(c)` before a year or
/// a `©` (`© 2024 Example News`, `Copyright © 2024 …`, `(c) 2019 …`, `Copyright 2013 …`).
/// `Copyright law`, a heading, opens with none.
fn opens_with_copyright(text: &str) -> bool {
    // Every block is asked: most are done at their first byte, which starts none of `©`
    // (`C2 A9`), `Copyright`, `(c)` or a space.
    let first = text.as_bytes().first().copied().unwrap_or(b'x');
    if !(matches!(first, 0xC2 | b'C' | b'c' | b'(') || first.is_ascii_whitespace()) {
        return false;
    }
    let t = text.trim_start();
    if t.starts_with('©') {
        return true;
    }
    let Some(rest) = strip_word(t, "copyright").or_else(|| strip_word(t, "(c)")) else {
        return false;
    };
    let rest = rest.trim_start();
    rest.starts_with('©')
        || strip_word(rest, "(c)").is_some()
        || rest.bytes().take_while(u8::is_ascii_digit).count() == 4
}

/// Whether `text` holds a year (`1998`, `2024`, a range's `2010-2018`): a page's or a wire
/// story's copyright line names one; a credit under a picture (`© A.M. Best Company — used
/// by permission`, `© AFP`) does not, and is the caption's.
fn has_year(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_digit())
        .any(|run| run.len() == 4 && (run.starts_with("19") || run.starts_with("20")))
}

/// `t` without `word` (ASCII, any case) at its start, if it starts so.
fn strip_word<'t>(t: &'t str, word: &str) -> Option<&'t str> {
    t.get(..word.len()).filter(|h| h.eq_ignore_ascii_case(word))?;
    t.get(word.len()..)
}

/// A control label as compared: the text without the bullets, arrows and punctuation around
/// it, lowercase, single-spaced, with `'` for `’`.
fn label_key(s: &str) -> String {
    label_chars(s).collect()
}

/// Whether `s` is the label whose key is `key` ([`label_key`]), compared byte by byte as
/// [`label_bytes`] gives them, with no key of its own built.
fn is_label(key: &str, s: &str) -> bool {
    let mut want = key.bytes();
    let mut same = true;
    label_bytes(s, |b| same &= want.next() == Some(b));
    same && want.next().is_none()
}

/// The chars of [`label_key`], one by one.
fn label_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    let t = s.trim_matches(|c: char| !c.is_alphanumeric());
    t.split_whitespace().enumerate().flat_map(|(i, w)| {
        let space = (i > 0).then_some(' ');
        space
            .into_iter()
            .chain(w.chars().flat_map(char::to_lowercase).map(|c| if c == '’' { '\'' } else { c }))
    })
}

/// Calls `f` on each byte of [`label_key`]`(s)`, without building the key: ASCII byte by
/// byte (most short blocks are ASCII, and Unicode's tables cost ten times more), any other
/// text char by char. The one reading of a label that [`key_hash`] and [`is_label`] share.
fn label_bytes(s: &str, mut f: impl FnMut(u8)) {
    if s.is_ascii() {
        let t = s.trim_matches(|c: char| !c.is_ascii_alphanumeric());
        let mut space = false;
        for b in t.bytes() {
            // The whitespace of `char::is_whitespace` below 0x80.
            if matches!(b, b'\t'..=b'\r' | b' ') {
                space = true;
                continue;
            }
            if std::mem::take(&mut space) {
                f(b' ');
            }
            f(b.to_ascii_lowercase());
        }
        return;
    }
    for c in label_chars(s) {
        let mut buf = [0u8; 4];
        c.encode_utf8(&mut buf).bytes().for_each(&mut f);
    }
}

/// The FNV-1a hash of [`label_key`]`(s)`, worked out without building the key.
fn key_hash(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    label_bytes(s, |b| h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    h
}

/// Whether `s` ends like a sentence of prose (`.`, `:`, `;`, `。`, before closing quotes and
/// brackets): a headline, a date or a category line does not; a paragraph does.
fn ends_a_sentence(s: &str) -> bool {
    let closers = |c: char| {
        matches!(c, '"' | '\'' | '”' | '’' | '»' | '«' | '“' | ')' | ']' | '」' | '』' | '）')
            || c.is_whitespace()
    };
    s.trim_end_matches(closers).ends_with(['.', ':', ';', ',', '。', '：', '；'])
}

/// Rounds of looking again for runs among the blocks a run left side by side (each round
/// that finds none ends the search; real pages need one).
const MAX_RUN_ROUNDS: usize = 8;

/// How many blocks a list looks at after its heading, per title it may take (the others
/// are boilerplate it passes over: share bars, dates, bylines).
const LIST_LOOK_FACTOR: usize = 4;

/// Words of the shortest block after a list that is running prose, not one more label...
const PROSE_MIN_WORDS: usize = 6;
/// ...or bytes, for scripts written without spaces.
const PROSE_MIN_BYTES: usize = 40;

/// Three words or more that start with a letter: `Pool plans: what we know`, not `June 3,
/// 2024` or `In "News"`.
fn reads_like_a_heading(s: &str) -> bool {
    s.split_whitespace().filter(|w| w.starts_with(char::is_alphabetic)).nth(2).is_some()
}

/// Words in `s`: runs of non-space.
fn words(s: &str) -> usize {
    if !s.is_ascii() {
        return s.split_whitespace().count();
    }
    // ASCII byte by byte: the whitespace of `char::is_whitespace` below 0x80.
    let mut n = 0;
    let mut gap = true;
    for &b in s.as_bytes() {
        let space = matches!(b, b'\t'..=b'\r' | b' ');
        n += usize::from(gap && !space);
        gap = space;
    }
    n
}

/// The forms of a phrase to match, folded ([`fold`]): one for most phrases; for phrases
/// with letters outside ASCII, also the folds of the usual casings where they differ (the
/// lowercase of `SS` in an uppercased `ß`); each with either apostrophe and ellipsis; runs of
/// whitespace as one space.
fn variants(phrase: &str) -> Vec<String> {
    let base = phrase.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = vec![fold(&base)];
    // Casings whose folds may differ: those of chars whose lowercase is not one char of
    // their length (folded, they stay as written). A phrase of chars that have no other case
    // (Arabic, Hebrew, Han) has no other casing.
    let cased = |c: char| c.to_lowercase().ne([c]) || c.to_uppercase().ne([c]);
    if !base.is_ascii() && base.chars().any(cased) {
        let lower = base.to_lowercase();
        out.push(fold(&base.to_uppercase()));
        out.push(fold(&capitalise(&lower)));
        out.push(fold(&lower.split(' ').map(capitalise).collect::<Vec<_>>().join(" ")));
        out.push(fold(&lower));
        out.sort();
        out.dedup();
    }
    // Folding leaves apostrophes and dots as they are: the other forms of each come after.
    let mut quoted = Vec::new();
    for v in &out {
        for (from, to) in [("'", "’"), ("’", "'"), ("...", "…"), ("…", "...")] {
            if v.contains(from) {
                quoted.push(v.replace(from, to));
            }
        }
    }
    out.extend(quoted);
    out.sort();
    out.dedup();
    out
}

/// The longest phrase of `phrases` that starts at `start` in `text` folded, folding as it
/// reads: what [`Prefixes::longest_at`] finds in the folded text, with no copy, and no further
/// than the trie goes on (a few bytes into most prose).
fn probe(phrases: &Prefixes, text: &str, start: usize) -> Option<aho_corasick::Match> {
    let mut state = phrases.start();
    let mut found = None;
    let b = text.as_bytes();
    let mut at = start;
    let mut buf = [0u8; 4];
    while let Some(&x) = b.get(at) {
        // The next char folded: an ASCII byte at once (most phrases' letters, and a walk of
        // its own: no buffer to go through), any other char by its fold.
        if x < 0x80 {
            at += 1;
            if !step(phrases, &mut state, &mut found, x.to_ascii_lowercase(), start..at) {
                return found;
            }
            continue;
        }
        let c = text.get(at..).and_then(|t| t.chars().next())?;
        for &y in fold_char(c).encode_utf8(&mut buf).as_bytes() {
            at += 1;
            if !step(phrases, &mut state, &mut found, y, start..at) {
                return found;
            }
        }
    }
    found
}

/// One byte of [`probe`]'s walk, which `span` ends: false where no phrase goes on; `found`
/// is the phrase that ends there, if one does.
#[inline]
fn step(
    phrases: &Prefixes,
    state: &mut State,
    found: &mut Option<aho_corasick::Match>,
    y: u8,
    span: std::ops::Range<usize>,
) -> bool {
    let Some(next) = phrases.next(*state, y) else {
        return false;
    };
    *state = next;
    if let Some(p) = phrases.pattern(next) {
        *found = Some(aho_corasick::Match::must(p, span));
    }
    true
}

/// Calls `f` on each match, left to right, that starts where a counted match may: at a char
/// that joins no word ([`joins_words`]), or at one after none (a match that starts inside a word does
/// not count, and must not hide one that starts at a word inside it). `longest_at` gives the
/// longest phrase that starts at a place; the search goes on past it. A block that gets here
/// is short, and its words open few phrases: a few anchored probes of a few bytes cost less
/// than a search of the whole text.
fn each_match(
    text: &str,
    mut f: impl FnMut(aho_corasick::Match),
    mut longest_at: impl FnMut(usize) -> Option<aho_corasick::Match>,
) {
    let b = text.as_bytes();
    let (mut at, mut from) = (0, 0);
    let mut after_word = false;
    while let Some(&x) = b.get(at) {
        // ASCII at once, any other char by Unicode's tables.
        let (word, len) = if x < 0x80 {
            (x.is_ascii_alphanumeric(), 1)
        } else {
            text.get(at..)
                .and_then(|t| t.chars().next())
                .map_or((false, 1), |c| (joins_words(c), c.len_utf8()))
        };
        if at >= from && !(word && after_word) {
            if let Some(m) = longest_at(at) {
                f(m);
                from = m.end();
            }
        }
        after_word = word;
        at += len;
    }
}

/// `s` folded, in `stack` when it fits, else in `heap`.
fn fold_in<'a>(s: &str, stack: &'a mut [u8], heap: &'a mut String) -> &'a [u8] {
    match fold_to(s, stack) {
        Some(f) => f,
        None => {
            *heap = fold(s);
            heap.as_bytes()
        }
    }
}

/// Whether a text that starts with `opening` (at a letter) may start with a phrase: its
/// first two bytes, folded, open one of `openings` (the folded phrases').
fn opens(openings: &Pairs, opening: &str) -> bool {
    match *opening.as_bytes() {
        [a, b, ..] if a.is_ascii() && b.is_ascii() => openings.contains(a, b),
        [_, _, ..] => {
            let mut buf = [0u8; 8];
            let mut at = 0;
            for c in opening.chars().take(2) {
                at += fold_char(c).encode_utf8(buf.get_mut(at..).unwrap_or_default()).len();
            }
            match buf.get(..at.min(2)) {
                Some(&[a, b]) => openings.contains(a, b),
                _ => true,
            }
        }
        _ => true,
    }
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

/// A match must not start or end inside a word: `share` is not in `shareholders`. Chinese
/// and Japanese mark no word ends: any place between their letters may be one.
fn at_word_boundary(s: &str, start: usize, end: usize) -> bool {
    let inner_first = s.get(start..).and_then(|t| t.chars().next());
    let inner_last = s.get(..end).and_then(|t| t.chars().next_back());
    let before = s.get(..start).and_then(|t| t.chars().next_back());
    let after = s.get(end..).and_then(|t| t.chars().next());
    let word = |c: Option<char>| c.is_some_and(joins_words);
    (!word(inner_first) || !word(before)) && (!word(inner_last) || !word(after))
}

/// Whether the phrase that ends at `end` is a function called in code: a `(` right after it,
/// holding more than a count (`print(x)`, `share()`; not `Comments(3)`).
fn called(s: &str, end: usize) -> bool {
    let Some(args) = s.get(end..).and_then(|t| t.strip_prefix('(')) else { return false };
    let inside = args.split(')').next().unwrap_or_default();
    !args.contains(')') || inside.is_empty() || !inside.bytes().all(|c| c.is_ascii_digit() || c == b' ')
}

/// A char that makes one word with a letter or digit beside it: a letter or a digit of a
/// script that puts spaces between its words.
#[inline]
fn joins_words(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() && !lang::is_unspaced(c)
}

/// Words of a phrase: its runs of non-space that hold a letter or a digit, and the words of
/// Chinese and Japanese in them ([`text::words::unspaced_words`]). A phrase of one word is a label
/// (`Accept`, `接受`); of two or more it may open a notice (`We use cookies`, `我们使用Cookie`).
fn phrase_words(s: &str) -> usize {
    s.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count()
        + text::words::unspaced_words(s)
}

/// The first two bytes of every pattern; `None` when one is shorter.
fn openings(patterns: &[String]) -> Option<Pairs> {
    let mut pairs = Pairs::new();
    for p in patterns {
        let &[a, b, ..] = p.as_bytes() else { return None };
        pairs.insert(a, b);
    }
    Some(pairs)
}

/// Whether `text` may be a label whose first two bytes are among `openings` and whose last
/// two, where ASCII, are among `endings` (bullets and punctuation around it aside).
fn may_be_label(text: &str, openings: Option<&Pairs>, endings: Option<&Pairs>) -> bool {
    // Most blocks open and end with an ASCII letter or digit: nothing to trim.
    let b = text.as_bytes();
    let t = match (b.first(), b.last()) {
        (Some(f), Some(l)) if f.is_ascii_alphanumeric() && l.is_ascii_alphanumeric() => text,
        _ => text.trim_matches(|c: char| !c.is_alphanumeric()),
    };
    if openings.is_some_and(|o| !opens(o, t)) {
        return false;
    }
    match (endings, t.as_bytes()) {
        (Some(e), [.., a, b]) if a.is_ascii() && b.is_ascii() => e.contains(*a, *b),
        _ => true,
    }
}

/// The last two bytes of every pattern, where both are ASCII (none when a pattern is
/// shorter).
fn endings(patterns: &[String]) -> Option<Pairs> {
    let mut pairs = Pairs::new();
    for p in patterns {
        let &[.., a, b] = p.as_bytes() else { return None };
        if a.is_ascii() && b.is_ascii() {
            pairs.insert(a, b);
        }
    }
    Some(pairs)
}

/// Letters covered per rule, for the few rules one block matches: eight inline, more in a
/// list.
#[derive(Default)]
struct RuleTally {
    inline: [(usize, usize); 8],
    used: usize,
    more: Vec<(usize, usize)>,
}

impl RuleTally {
    fn add(&mut self, rule: usize, n: usize) {
        let used = self.inline.get_mut(..self.used).unwrap_or_default();
        if let Some(slot) = used.iter_mut().chain(self.more.iter_mut()).find(|(r, _)| *r == rule) {
            slot.1 += n;
        } else if let Some(slot) = self.inline.get_mut(self.used) {
            *slot = (rule, n);
            self.used += 1;
        } else {
            self.more.push((rule, n));
        }
    }

    /// The rule that covers the most letters; of equal ones the last, and the last of all
    /// `rules` when none covers any (as a maximum over every rule's count would have it).
    fn best(&self, rules: usize) -> Option<usize> {
        let tallied = self.inline.get(..self.used).unwrap_or_default().iter().chain(&self.more);
        match tallied.max_by_key(|&&(r, n)| (n, r)) {
            Some(&(r, n)) if n > 0 => Some(r),
            _ => rules.checked_sub(1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::automaton::Automaton;
    use aho_corasick::nfa::noncontiguous::NFA;
    use aho_corasick::{Anchored, Input, MatchKind};

    #[test]
    fn the_rule_tally_picks_what_a_count_per_rule_picks() {
        // Against a count for every rule: the most letters wins, the last of equal ones, the
        // last rule when nothing counted; past eight rules the tally goes on in its list.
        let mut seed = 7u64;
        for case in 0..2000 {
            let rules = 1 + case % 12;
            let mut tally = RuleTally::default();
            let mut counts = vec![0usize; rules];
            for _ in 0..case % 15 {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                let (r, n) = ((seed >> 33) as usize % rules, (seed >> 50) as usize % 4);
                tally.add(r, n);
                counts[r] += n;
            }
            let plain = counts.iter().enumerate().max_by_key(|&(_, n)| *n).map(|(r, _)| r);
            assert_eq!(tally.best(rules), plain, "{counts:?}");
        }
    }

    fn check(text: &str) -> Option<String> {
        let bp = Boilerplate::new(&RuleSet::builtin());
        bp.rule_for(&Block::new(BlockKind::Paragraph, text)).map(str::to_owned)
    }

    #[test]
    fn the_shortcuts_decide_as_a_full_search_does() {
        let bp = Boilerplate::new(&RuleSet::builtin());
        // Labels, notices, a phrase that starts with no letter, and what stands around them.
        let pieces = [
            "Related",
            "rELATED",
            "Share this:",
            "SHARE THIS:",
            "Leave a Reply",
            "(Opens in new window)",
            "Click to share on Facebook",
            "Teilen",
            "» ",
            " 3",
            " ",
            "!",
            "Ok",
            "We use cookies",
            " on this site.",
            "shareholders",
            "Lesen Sie auch:",
            "ÉCRIRE",
            "（在新窗口中打开）",
        ];
        let texts = crate::concat::every_string(&pieces, 3);
        let mut boilerplate = 0;
        for t in &texts {
            let block = Block::new(BlockKind::Paragraph, t.as_str());
            let fast = bp.verdict_with((&block).into(), true);
            assert_eq!(fast, bp.verdict_with((&block).into(), false), "{t:?}");
            boilerplate += usize::from(fast != Verdict::Prose);
        }
        assert!(boilerplate > 100, "{boilerplate}");
    }

    #[test]
    fn a_match_inside_a_word_hides_no_phrase_after_it() {
        // `bc de` starts inside `abc` and would not count; `de` starts at a word, and does.
        let phrases = Prefixes::new(["bc de", "de"]);
        let mut found = Vec::new();
        each_match("abc de", |m| found.push((m.start(), m.end())), |at| probe(&phrases, "abc de", at));
        assert_eq!(found, [(4, 6)]);
        let nfa =
            NFA::builder().match_kind(MatchKind::LeftmostLongest).build(["bc de", "de"]).expect("builds");
        // The search of the automaton finds the one inside the word, and nothing after it.
        let searched: Vec<_> = nfa
            .try_find_iter(Input::new("abc de"))
            .map(|all| all.map(|m| (m.start(), m.end())).collect())
            .unwrap_or_default();
        assert_eq!(searched, [(1, 6)]);
    }

    #[test]
    fn the_probe_finds_what_an_anchored_search_of_the_folded_text_finds() {
        let bp = Boilerplate::new(&RuleSet::builtin());
        let phrases = bp.matcher.as_ref().expect("the phrases compile");
        // The reference: aho-corasick's anchored leftmost-longest search of the same patterns.
        let set = RuleSet::builtin();
        let patterns: Vec<String> = set.phrases.iter().flat_map(|p| variants(&p.text)).collect();
        let nfa = &NFA::builder().match_kind(MatchKind::LeftmostLongest).build(&patterns).expect("builds");
        // Phrases in their casings, cut short, run on, in scripts that fold (Cyrillic, Greek,
        // Latin-1) and ones that do not, a char whose fold is no shorter (`İ`).
        let pieces = [
            "Related",
            "RELATED POSTS",
            "Relat",
            "Читайте ТАКЖЕ",
            "ΔΙΑΒΆΣΤΕ ΕΠΊΣΗΣ",
            "À LIRE AUSSI",
            "Lesen Sie auch",
            "İ",
            " ",
            ":",
            "x",
            "（在新窗口中打开）",
        ];
        let mut found = 0;
        for t in crate::concat::every_string(&pieces, 3) {
            let folded = fold(&t);
            for start in (0..t.len()).filter(|&i| t.is_char_boundary(i)) {
                let input = Input::new(&folded).range(start..).anchored(Anchored::Yes);
                let searched = nfa.try_find(&input).ok().flatten();
                assert_eq!(probe(phrases, &t, start), searched, "{t:?} at {start}");
                found += usize::from(searched.is_some());
            }
        }
        assert!(found > 100, "{found}");
        // A phrase that ends inside another (`bc` in `abcd`) starts past the probe's start and
        // is not the probe's.
        let nfa =
            NFA::builder().match_kind(MatchKind::LeftmostLongest).build(["abcd", "bc"]).expect("builds");
        let phrases = Prefixes::new(["abcd", "bc"]);
        for t in ["abcx", "abcd", "bcd", "xbc"] {
            let input = Input::new(t).anchored(Anchored::Yes);
            assert_eq!(probe(&phrases, t, 0), nfa.try_find(&input).ok().flatten(), "{t:?}");
        }
        assert_eq!(probe(&phrases, "abcx", 0), None);
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
        // The comment form's cookie consent line and fields, as the language packs ship them.
        for line in [
            "Mijn naam, e-mail en site opslaan in deze browser voor de volgende keer wanneer ik een reactie plaats.",
            "A nevem, e-mail címem, és weboldalcímem mentése a böngészőben a következő hozzászólásomhoz.",
            "E-postadress *",
        ] {
            assert_eq!(check(line).as_deref(), Some("comment-form"), "{line}");
        }
        // es_ES's "Leave a Reply" and "Cancel reply", as the language pack ships them.
        assert_eq!(check("Deja una respuesta Cancelar respuesta").as_deref(), Some("comment-form"));
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
        // A theme's label over its share buttons, "Share this article" in the language.
        for label in [
            "Partager cet article",
            "Artikel teilen",
            "Compartir este artículo",
            "Deel dit artikel",
            "Share this story",
            "Compartilhe esta notícia",
            "Bu haberi paylaş",
            "Μοιραστείτε το άρθρο",
        ] {
            assert_eq!(check(label).as_deref(), Some("share"), "{label}");
        }
        // The networks of a share bar by name alone, as each language's sites list them.
        for network in
            ["Bluesky", "ВКонтакте", "微信", "LINEで送る", "카카오톡", "فيسبوك", "פייסבוק", "تلگرام"]
        {
            assert_eq!(check(network).as_deref(), Some("share"), "{network}");
        }
        assert_eq!(check("この記事をシェアする").as_deref(), Some("share"));
        // A share button's label that names its network, as these languages write it.
        for label in ["شارك على فيسبوك", "שתפו בפייסבוק", "Facebookでシェア", "페이스북에 공유하기"]
        {
            assert_eq!(check(label).as_deref(), Some("share"), "{label}");
        }
        // Follow lines under an article, with the network named in the language's case.
        for line in [
            "Follow us on Google News",
            "Folgen Sie uns auf Instagram",
            "Obserwuj nas na Facebooku",
            "Підписуйтесь на наш Telegram-канал",
            "Kövess minket a Facebookon",
            "Bizi Facebook'ta takip edin",
            "Seuraa meitä Instagramissa",
        ] {
            assert_eq!(check(line).as_deref(), Some("share"), "{line}");
        }
        // A sentence that starts as one goes on in its own words: prose.
        assert_eq!(check("Follow us on our journey across the mountains of the north this summer."), None);
        // Jetpack's share and like lines as its language packs have shipped them over the
        // years (a translation is reworded between versions); a network named first with its
        // case ending, as Turkish writes it.
        for line in [
            "Comparte esto:",
            "J’aime ça :",
            "Polub to:",
            "Vind-ik-leuk Laden...",
            "To se mi líbí Načítání...",
            "Kliknite pre zdieľanie na X (Otvorí sa v novom okne)",
            "Napsauta jakaaksesi Facebookissa (Avautuu uudessa ikkunassa)",
            "Κάντε κλικ για κοινοποίηση στο X (Ανοίγει σε νέο παράθυρο)",
            "X'te paylaşmak için tıklayın (Yeni pencerede açılır)",
            "Натисніть, щоб поділитися на X (Відкривається у новому вікні)",
        ] {
            assert_eq!(check(line).as_deref(), Some("share"), "{line}");
        }
        assert_eq!(check("READ MORE »").as_deref(), Some("related"));
        // Ad labels with the notice that the story goes on after them.
        for label in [
            "Advertisement - Scroll to continue",
            "Continue reading the main story",
            "SKIP ADVERTISEMENT",
            "Lesen Sie nach der Anzeige weiter",
            "La suite après cette publicité",
            "Продовження після реклами",
        ] {
            assert_eq!(check(label).as_deref(), Some("ads"), "{label}");
        }
        for line in ["Dit artikel is alleen voor abonnees", "Эта статья доступна только подписчикам"]
        {
            assert_eq!(check(line).as_deref(), Some("paywall"), "{line}");
        }
        assert_eq!(check("The article continues below with more details about the bridge."), None);
    }

    #[test]
    fn boilerplate_goes_in_the_languages_added_later() {
        for (text, rule) in [
            ("اترك تعليقاً", "comment-form"),
            ("لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *", "comment-form"),
            ("دیدگاهتان را بنویسید", "comment-form"),
            ("نشانی ایمیل شما منتشر نخواهد شد. بخش‌های موردنیاز علامت‌گذاری شده‌اند *", "comment-form"),
            ("האימייל לא יוצג באתר. שדות החובה מסומנים *", "comment-form"),
            ("Tinggalkan Balasan Batalkan balasan", "comment-form"),
            (
                "Email của bạn sẽ không được hiển thị công khai. Các trường bắt buộc được đánh dấu *",
                "comment-form",
            ),
            (
                "Вашият имейл адрес няма да бъде публикуван. Задължителните полета са отбелязани с *",
                "comment-form",
            ),
            ("Vaša e-mailová adresa nebude zverejnená. Vyžadované polia sú označené *", "comment-form"),
            ("Vaša adresa e-pošte neće biti objavljena. Obavezna polja su označena sa *", "comment-form"),
            ("Bagikan ini:", "share"),
            ("Chia sẻ:", "share"),
            ("Podijeli ovo:", "share"),
            ("Baca juga", "related"),
            ("اقرأ أيضاً", "related"),
            ("Čítajte aj", "related"),
            ("Langsung ke konten", "navigation"),
            ("Chuyển đến nội dung", "navigation"),
            ("Deixa un comentari", "comment-form"),
            ("Tvoja e-pošta ne bo objavljena. Zahtevana polja so označena *", "comment-form"),
            ("Preskoči na vsebino", "navigation"),
            ("Comparteix això:", "share"),
            ("Quảng cáo", "ads"),
            ("Реклама", "ads"),
            ("コメントを書く", "comment-form"),
            ("この記事をシェアする\n関連記事\nコメントを書く", "share"),
        ] {
            assert_eq!(check(text).as_deref(), Some(rule), "{text}");
        }
        // A sentence that only mentions a phrase is prose.
        assert_eq!(check("Quảng cáo trên truyền hình đã tăng mạnh trong năm nay, theo báo cáo mới."), None);
        assert_eq!(
            check("Baca juga laporan lengkapnya di situs kementerian yang baru diluncurkan kemarin."),
            None
        );
    }

    #[test]
    fn paywall_notices_go_with_their_buttons() {
        for text in [
            "This article is for subscribers only.",
            "Already a subscriber? Log in",
            "Cet article est réservé aux abonnés.",
            "Il vous reste 75% de cet article à lire.",
            "Dieser Artikel ist nur für Abonnenten verfügbar.",
            "［有料会員限定］ この記事は会員限定です。電子版に登録すると続きをお読みいただけます。",
        ] {
            assert_eq!(check(text).as_deref(), Some("paywall"), "{text}");
        }
        // A notice that goes on in its own words goes with a button beside it, not alone.
        let notice =
            "Subscribe to continue reading and get unlimited access to our award-winning journalism.";
        assert_eq!(kept(&[PROSE, notice, "Subscribe now", "Log in"]), [PROSE]);
        assert_eq!(kept(&[PROSE, notice, PROSE]), [PROSE, notice, PROSE]);
        // A label of two topics (`Je m’abonne` signs up for a newsletter and for a paywall)
        // is a control of the topic beside it, either way.
        let fr = "Cet article est réservé aux abonnés. Il reste 80 % de l’enquête à découvrir.";
        assert_eq!(kept(&[PROSE, fr, "Je m’abonne", PROSE]), [PROSE, PROSE]);
        let fr = "Inscrivez-vous à notre newsletter et recevez chaque matin l’essentiel de l’actualité.";
        assert_eq!(kept(&[PROSE, fr, "Votre adresse e-mail", "Je m’abonne", PROSE]), [PROSE, PROSE]);
        // Prose about subscriptions stays.
        assert_eq!(check("Subscribers only pay for what they use, the company said on Monday."), None);
        assert_eq!(check("Il vous reste trois jours pour voter, rappelle la mairie."), None);
    }

    #[test]
    fn a_phrase_matches_in_any_casing() {
        // The text is folded as the phrases are: every casing matches, mixed ones too, which
        // a list of the usual casings missed.
        for text in ["Читайте также", "ЧИТАЙТЕ ТАКЖЕ", "читайте также", "ЧИТАЙТЕ также", "Ähnliche BEITRÄGE"]
        {
            assert!(check(text).is_some(), "{text}");
        }
        // A casing whose fold is another string (an uppercase `ß` is `SS`) is a form of its own.
        assert_eq!(variants("Grüße"), ["grüsse", "grüße"]);
        assert_eq!(variants("Don't  miss"), ["don't miss", "don’t miss"]);
    }

    #[test]
    fn skip_links_and_back_to_top_links_go_in_every_language() {
        for line in [
            "Skip to content",
            "Skip to Main Content",
            "Zum Inhalt springen",
            "Aller au contenu",
            "Przejdź do treści",
            "コンテンツへスキップ",
            "Back to top",
            "Nach oben",
        ] {
            assert_eq!(check(line).as_deref(), Some("navigation"), "{line}");
        }
        assert_eq!(check("Skip to the grub update below if you have not created a new UUID."), None);
    }

    #[test]
    fn a_reading_time_alone_on_its_line_goes() {
        for line in [
            "5 min read",
            "16 mins read",
            "3 Min. Lesezeit",
            "4 min de lecture",
            "7 minutos de leitura",
            "2 мин чтения",
            "5 хв читання",
            "4 dk okuma",
            "3 min čtení",
        ] {
            assert_eq!(check(line).as_deref(), Some("navigation"), "{line}");
        }
        // Beside a byline or a date it stays with them; a sentence that mentions one stays.
        assert_eq!(check("Written By Anna Smith · 3 min read"), None);
        assert_eq!(check("The report is a 5 min read, and worth it."), None);
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

    /// The texts of `paragraphs` that the filter keeps.
    fn kept(paragraphs: &[&str]) -> Vec<String> {
        let bp = Boilerplate::new(&RuleSet::builtin());
        let mut blocks: Vec<Block> =
            paragraphs.iter().map(|t| Block::new(BlockKind::Paragraph, *t)).collect();
        bp.apply(&mut blocks, &mut Stats::default());
        blocks.into_iter().map(|b| b.text).collect()
    }

    const PROSE: &str = "The committee met on Tuesday and agreed to postpone the vote.";

    #[test]
    fn the_lines_of_a_paragraph_go_as_blocks_would() {
        // Text with one line break between its paragraphs: each line is judged as the same
        // text with blank lines is, block by block.
        let text = format!(
            "{PROSE}\nShare this:\nFacebook\nTwitter\nLike this:\nLoading...\nLeave a Reply\nYour email address will not be published. Required fields are marked *"
        );
        assert_eq!(kept(&[&text]), [PROSE]);
        let spaced = text.replace('\n', "\n\n");
        let blocks: Vec<&str> = spaced.split("\n\n").collect();
        assert_eq!(kept(&blocks), [PROSE]);
        // Lines in the middle go; the prose around them stays one paragraph.
        let middle = format!("{PROSE}\nRead more\nThe vote is now set for March.");
        assert_eq!(kept(&[&middle]), [format!("{PROSE}\nThe vote is now set for March.")]);
        // A paragraph all of whose lines go is gone; lines of prose are untouched.
        assert_eq!(kept(&[PROSE, "Share this:\nFacebook\nTwitter"]), [PROSE]);
        let poem = "Share the bread,\nshare the wine,\nand the night is mine.";
        assert_eq!(kept(&[PROSE, poem]), [PROSE, poem]);
    }

    #[test]
    fn a_function_called_in_code_is_no_label() {
        assert_eq!(check("print(x)"), None);
        assert_eq!(check("share()"), None);
        assert_eq!(check("Print").as_deref(), Some("share"));
        assert_eq!(kept(&[PROSE, "for x in range(10):\nprint(x)"]), [PROSE, "for x in range(10):\nprint(x)"]);
    }

    // See: issue #12 (newsletter sign-up in the page's language).
    #[test]
    fn a_pitch_that_names_what_the_box_sells_goes_with_its_control() {
        // The pitch opens with none of the phrases, in the site's own words, but names the
        // newsletter or the inbox it fills; the button beside it answers it.
        for (pitch, button) in [
            ("Recevez chaque jour notre newsletter", "Je m'inscris"),
            ("Bleiben Sie informiert mit unserem Newsletter", "Anmelden"),
            ("Die wichtigsten Nachrichten jeden Morgen in Ihrem Postfach", "Jetzt abonnieren"),
            ("Recibe las noticias más importantes en tu correo", "Suscribirme"),
            ("Ricevi ogni giorno le notizie nella tua casella di posta", "Iscriviti"),
            ("Получайте главные новости дня: подпишитесь на нашу рассылку", "Подписаться"),
            ("Получайте главные новости дня на почту", "Подписаться"),
            ("Najnowsze wiadomości prosto na Twoją skrzynkę", "Zapisz się"),
            ("Ontvang elke week het beste van de redactie in je mailbox", "Aanmelden"),
        ] {
            assert_eq!(kept(&[PROSE, pitch, button, PROSE]), [PROSE, PROSE], "{pitch}");
            assert_eq!(kept(&[PROSE, button, pitch, PROSE]), [PROSE, PROSE], "{pitch}");
        }
        // Alone, or beside no control of its box, it is prose that names a newsletter.
        let prose = "The newsletter of the society was first printed in 1921.";
        assert_eq!(kept(&[PROSE, prose, PROSE]), [PROSE, prose, PROSE]);
        assert_eq!(kept(&[PROSE, prose, "Membership", PROSE]), [PROSE, prose, "Membership", PROSE]);
        // A long paragraph is no pitch, whatever it names (and a button never goes alone).
        let long = "Die Redaktion verschickt ihren Newsletter seit 2019 jeden Morgen um sechs Uhr an mehr als zwanzigtausend Leserinnen und Leser, die sich auf der Seite dafür angemeldet haben und ihn jederzeit wieder abbestellen können.";
        assert_eq!(kept(&[PROSE, long, "Anmelden", PROSE]), [PROSE, long, "Anmelden", PROSE]);
    }

    #[test]
    fn a_notice_goes_with_the_controls_beside_it() {
        let en = "We use cookies so that we can offer you the best possible experience on this site.";
        assert_eq!(kept(&[PROSE, en, "Ok", "No", "Privacy policy", PROSE]), [PROSE, PROSE]);
        let pl = "Używamy plików cookie, aby zapewnić najlepszą jakość korzystania z naszej witryny.";
        assert_eq!(kept(&[PROSE, pl, "Zgadzam się", "Więcej informacji"]), [PROSE]);
        let pt = "Assine a nossa newsletter e receba as principais notícias do dia no seu e-mail.";
        assert_eq!(kept(&[pt, "Seu e-mail", "Assinar", PROSE]), [PROSE]);
        let ru = "Мы используем файлы cookie, чтобы сайт работал лучше.";
        assert_eq!(kept(&[PROSE, &format!("{ru}\nПонятно\nПодробнее")]), [PROSE]);
        // A sign-up box's consent line is its own.
        let sign_up = ["Get the latest news delivered to your inbox", "Email address", "Subscribe"];
        let consent = "By signing up, you agree to our Privacy Policy.";
        assert_eq!(kept(&[PROSE, sign_up[0], sign_up[1], sign_up[2], consent, PROSE]), [PROSE, PROSE]);
        assert_eq!(
            kept(&[PROSE, "Iscriviti alla nostra newsletter", "Indirizzo email", "Iscriviti"]),
            [PROSE]
        );
        // Consent notices as the banners word them.
        let nl = "Deze website maakt gebruik van cookies.";
        assert_eq!(kept(&[PROSE, nl, "Accepteren", "Weigeren", PROSE]), [PROSE, PROSE]);
        let id = "Situs web ini menggunakan cookie untuk meningkatkan pengalaman Anda.";
        assert_eq!(kept(&[PROSE, id, "Terima semua", "Tolak", PROSE]), [PROSE, PROSE]);
        let he = "אתר זה משתמש בעוגיות כדי לשפר את חוויית הגלישה.";
        assert_eq!(kept(&[PROSE, he, "אישור", PROSE]), [PROSE, PROSE]);
        let it = "Questo sito utilizza cookie tecnici e di profilazione.";
        assert_eq!(kept(&[PROSE, it, "Accetta", "Rifiuta", "Personalizza", PROSE]), [PROSE, PROSE]);
        let es = "Usamos cookies propias y de terceros para mejorar nuestros servicios.";
        assert_eq!(kept(&[PROSE, es, "Aceptar todas", "Configurar", "Rechazar", PROSE]), [PROSE, PROSE]);
        let de = "Diese Website benutzt Cookies. Wenn du die Website weiter nutzt, gehen wir von deinem Einverständnis aus.";
        assert_eq!(kept(&[PROSE, de, "OK", "Datenschutzerklärung", PROSE]), [PROSE, PROSE]);
        let pl = "Ta strona korzysta z ciasteczek aby świadczyć usługi na najwyższym poziomie.";
        assert_eq!(kept(&[PROSE, pl, "Zamknij", PROSE]), [PROSE, PROSE]);
        let tr = "Bu web sitesi çerezleri kullanmaktadır.";
        assert_eq!(kept(&[PROSE, tr, "Kabul et", PROSE]), [PROSE, PROSE]);
        // `Read more` opens no consent notice, in any language: a read-more reference is no
        // cookie box, and the paragraph after it is no box's pitch.
        let said = "Городской совет в понедельник одобрил план нового порта после долгих дебатов.";
        let read_more = "اقرأ المزيد: مجلس المدينة يناقش الميزانية";
        assert_eq!(kept(&[PROSE, read_more, said, "Nej", PROSE])[..3], [PROSE, read_more, said]);
    }

    #[test]
    fn what_is_left_of_a_block_read_line_by_line_is_judged_again_whole() {
        // The comment form's label goes from the block; `©` and `2010` left are a copyright
        // line, as a second cleaning reads them (a fuzz finding).
        let bp = Boilerplate::new(&RuleSet::builtin());
        let mut blocks =
            vec![Block::new(BlockKind::Paragraph, PROSE), Block::new(BlockKind::Paragraph, "©\nReply\n2010")];
        bp.apply(&mut blocks, &mut Stats::default());
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, [PROSE]);
    }

    #[test]
    fn a_copyright_line_goes_and_a_credit_or_a_heading_stays() {
        let ap = "© 2024 The Associated Press. All rights reserved. This material may not be \
                  published, broadcast, rewritten or redistributed.";
        for line in [
            ap,
            "Copyright © 2024 Example Media Group",
            "(c) 2019 Beispiel Verlag GmbH",
            "© 2010-2018 Robert McNeel",
        ] {
            assert_eq!(kept(&[PROSE, line]), [PROSE], "{line}");
            assert_eq!(check(line).as_deref(), Some(LEGAL), "{line}");
        }
        // A picture's credit names no year; a heading opens with no mark; a paragraph that
        // opens with one and goes on is prose.
        let long = "© is the sign of copyright: since 1886 the law behind it protects what an author \
                    makes for seventy years after the author's death in most countries.";
        for line in ["© A.M. Best Company, Inc. — used by permission", "Copyright law", "© AFP", long] {
            assert_eq!(kept(&[PROSE, line]), [PROSE, line], "{line}");
        }
    }

    // See: issue #12 (newsletter sign-up and consent blocks with their controls).
    #[test]
    fn a_boxs_pitch_in_its_own_words_goes_with_it() {
        // Between a box's heading or notice and its button or field: the pitch, in the
        // site's own words (no phrase of it is a rule's).
        let boxes: [&[&str]; 14] = [
            &[
                "Zapisz się do newslettera",
                "Otrzymuj najważniejsze wiadomości prosto na swoją skrzynkę.",
                "Zapisz się",
            ],
            &[
                "Subscribe to our newsletter",
                "Stories from our newsroom, every weekday morning.",
                "Email address",
                "Subscribe",
            ],
            &[
                "Newsletter abonnieren",
                "Die wichtigsten Nachrichten des Tages, jeden Morgen.",
                "E-Mail-Adresse",
                "Anmelden",
            ],
            &["Receba nossa newsletter", "As principais notícias do dia direto no seu e-mail.", "Cadastrar"],
            &["اشترك في نشرتنا البريدية", "أهم الأخبار كل صباح في بريدك.", "اشترك"],
            &["メールマガジンに登録", "最新ニュースを毎朝お届けします。", "登録する"],
            &[
                "Nous utilisons des cookies pour vous garantir la meilleure expérience sur notre site.",
                "Vos choix seront conservés pendant six mois.",
                "Accepter",
            ],
            // A notice a phrase covers, and its buttons.
            &["Bu sitede çerezler kullanılmaktadır.", "Kabul et", "Reddet"],
            // The buttons in the first person and the polite imperative, as the forms ship them.
            &[
                "Iratkozzon fel hírlevelünkre",
                "A legfontosabb hírek egyenesen a postafiókjába.",
                "Feliratkozom",
            ],
            &["Подпишитесь на рассылку", "Главные новости дня каждое утро.", "Подпишитесь"],
            // Cookie Notice's notice as its language packs word it, with its buttons.
            &[
                "We gebruiken cookies om ervoor te zorgen dat we je de beste ervaring op onze website bieden.",
                "Ok",
                "Nee",
            ],
            &["Мы используем cookie-файлы для наилучшего представления нашего сайта.", "Принять"],
            &[
                "Size en iyi deneyimi sunduğumuzdan emin olmak için çerezleri kullanıyoruz.",
                "Tamam",
                "Gizlilik politikası",
            ],
            // A notice that opens as the plugins' notices open in a language that puts the verb last.
            &["当サイトでは、より良いサービスのためにクッキーを使用しています。", "同意する"],
        ];
        for b in boxes {
            let text: Vec<&str> = [PROSE].iter().chain(b).chain(&[PROSE]).copied().collect();
            assert_eq!(kept(&text), [PROSE, PROSE], "{b:?}");
        }
        // Prose between labels of a rule that has no buttons (an ad's label) is the article's;
        // so is prose after a box that nothing of the box follows, and prose of more than
        // one line.
        let (heading, button) = ("Subscribe to our newsletter", "Subscribe");
        assert_eq!(kept(&[PROSE, "Advertisement", PROSE, "Advertisement"]), [PROSE, PROSE]);
        assert_eq!(kept(&[heading, PROSE, PROSE]), [PROSE, PROSE]);
        let lines = "The committee met on Tuesday.\nIt agreed to postpone the vote.";
        assert_eq!(kept(&[heading, lines, button]), [lines]);
        // After a box's button the article goes on, even when another box follows at once.
        let said = "Regeringen presenterade på tisdagen ett nytt skattepaket, som träder i kraft nästa år.";
        let (sv_heading, sv_button) = ("Prenumerera på vårt nyhetsbrev", "Prenumerera");
        let next_box = "Prenumerera för att få de senaste inläggen skickade till din e-post.";
        assert_eq!(
            kept(&[PROSE, sv_heading, sv_button, said, next_box, sv_button, PROSE]),
            [PROSE, said, PROSE]
        );
        assert_eq!(kept(&[heading, button, PROSE, heading, button]), [PROSE]);
        // A pitch is a line or two: a longer paragraph there is the article's.
        let long = "The council met on Tuesday evening and, after a debate that lasted well past \
                    midnight, agreed to postpone the vote on the harbour plan until the experts \
                    had reported on its cost.";
        assert_eq!(kept(&[heading, long, button]), [long]);
    }

    #[test]
    fn a_notice_in_a_script_without_spaces_goes_with_its_controls() {
        // Chinese and Japanese put no space after a phrase, nor between its words.
        let zh = "我们使用Cookie来改善您的浏览体验。继续浏览即表示您同意我们使用Cookie。";
        assert_eq!(kept(&[PROSE, zh, "接受", PROSE]), [PROSE, PROSE]);
        let ja = "当サイトではCookieを使用しています。サイトを引き続き利用することで、Cookieの使用に同意したことになります。";
        assert_eq!(kept(&[PROSE, ja, "同意する", "閉じる", PROSE]), [PROSE, PROSE]);
        // Prose that mentions a phrase stays, however long a run of letters without a space.
        let said = "市长在接受采访时表示，隐私政策的修改将在下个月生效，并且全部接受公众监督。";
        assert_eq!(kept(&[PROSE, said, "确定", PROSE]), [PROSE, said, "确定", PROSE]);
        // A long paragraph is no notice: two letters make a word.
        let long =
            format!("我们使用Cookie{}", "市议会周一通过了新的预算案，此前辩论持续了六个多小时。".repeat(6));
        assert_eq!(kept(&[&long, "接受"]), [long.as_str()]);
        assert_eq!(
            (phrase_words("接受"), phrase_words("我们使用Cookie"), phrase_words("We use cookies")),
            (1, 3, 3)
        );
        // A run without a letter is no word of a phrase; Latin and Han in one run are two.
        let more = ["Next >", "Cookie设置", "当サイトではCookieを使用しています"];
        assert_eq!(more.map(phrase_words), [1, 2, 8]);
    }

    #[test]
    fn a_notice_or_a_control_alone_stays() {
        let opens = "Sign up for the new swimming course opened on Monday, the council said.";
        assert_eq!(kept(&[PROSE, opens, PROSE]), [PROSE, opens, PROSE]);
        assert_eq!(kept(&[PROSE, "Ok", "No", PROSE]), [PROSE, "Ok", "No", PROSE]);
        // A call to action of a service page is no consent notice's link (the annotators of
        // 137 WCXB pages kept it); beside a notice it goes with it.
        for more in ["Learn more", "Mehr erfahren", "En savoir plus", "Más información", "Saiba mais"] {
            assert_eq!(kept(&[PROSE, more, PROSE]), [PROSE, more, PROSE]);
            let notice = "We use cookies so that we can offer you the best possible experience on this site.";
            assert_eq!(kept(&[PROSE, notice, more, PROSE]), [PROSE, PROSE], "{more}");
        }
        // A control beside prose that only starts with a one-word phrase.
        let accept = "Accept the offer, he said, or the deal is off for good.";
        assert_eq!(kept(&[accept, "No"]), [accept, "No"]);
        // A control of another topic does not answer a notice.
        let cookie = "We use cookies to count visits and for nothing else at all.";
        assert_eq!(kept(&[cookie, "Email address"]), [cookie, "Email address"]);
    }

    // See: issue #12 (related-post lists: a more-stories header and the titles after it).
    #[test]
    fn a_list_heading_that_names_its_section_takes_the_titles_after_it() {
        let titles = ["City unveils new bike lanes", "School board delays vote on calendar"];
        for head in
            ["More from Local News", "More in Politics:", "Mehr aus dem Ressort Politik", "• More from NPR"]
        {
            assert_eq!(kept(&[PROSE, head, titles[0], titles[1]]), [PROSE], "{head}");
        }
        // The phrase goes on as a sentence, or past a name's few words, or inside a word: prose.
        for line in [
            "More from the minister, who spoke on Tuesday.",
            "More from the minister and her staff on the plan",
            "More fromage was served at the dinner",
            "We heard more from Local News",
        ] {
            assert_eq!(kept(&[PROSE, line, titles[0]]), [PROSE, line, titles[0]], "{line}");
        }
    }

    #[test]
    fn a_list_heading_takes_the_short_titles_after_it() {
        let long = "The council published a long explanation of the decision, with the figures of each \
                    of the three options and the reasons why the cheapest one was rejected.";
        // A short paragraph of prose ends a list: it ends like a sentence.
        let short = "The debate goes on on Thursday.";
        assert_eq!(kept(&[PROSE, "Related", "Pool plans", "June 3, 2024", short]), [PROSE, short]);
        // The last title before prose may be that prose's heading, and stays.
        // A label after the list is no prose: the last title goes with the others.
        let like = "Oceń to:";
        assert_eq!(kept(&[PROSE, "Related", "Pool plans: what we know", like, long]), [PROSE, like, long]);
        let heading = "What the council decided";
        assert_eq!(
            kept(&[PROSE, "Related", "Pool plans: what we know", heading, long]),
            [PROSE, heading, long]
        );
        assert_eq!(
            kept(&["相关文章", "财政预算：你需要知道的", "政府于周二公布了明年的财政预算草案。"]),
            ["政府于周二公布了明年的财政预算草案。"]
        );
        assert_eq!(
            kept(&[PROSE, "Related posts", "Pool plans: what we know", "June 3, 2024", "In \"News\"", long]),
            [PROSE, long]
        );
        assert_eq!(kept(&[PROSE, "Ähnliche Beiträge", "Freibad öffnet früher", "Neue Buslinie"]), [PROSE]);
        // Recirculation headings as news sites word them, in several languages.
        for head in [
            "Popular posts",
            "Dans la même rubrique",
            "Noticias relacionadas",
            "Ti potrebbe interessare",
            "Może Cię zainteresować",
            "Читайте также",
            "Διαβάστε επίσης",
            "Benzer yazılar",
        ] {
            assert_eq!(kept(&[PROSE, head, "Pool plans", "Rates stay put"]), [PROSE], "{head}");
        }
        // Not a list heading: a read-more link, and a heading that only starts like one.
        assert_eq!(kept(&[PROSE, "Read more", "A subheading"]), [PROSE, "A subheading"]);
        let mention = "Related posts were removed from the site last year.";
        assert_eq!(kept(&[mention, "A subheading"]), [mention, "A subheading"]);
    }

    #[test]
    fn a_list_stops_at_a_heading_as_high_as_its_own() {
        let bp = Boilerplate::new(&RuleSet::builtin());
        let h = |level, t: &str| Block::new(BlockKind::Heading { level }, t);
        let mut blocks = vec![h(3, "Related"), h(4, "A story"), h(3, "Comments policy"), h(4, "Another")];
        bp.apply(&mut blocks, &mut Stats::default());
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["Comments policy", "Another"]);
    }

    #[test]
    fn the_last_item_of_a_list_before_prose_goes_with_the_list() {
        // No heading is a list's item: the last title of `<ul>` before the article goes on is
        // the list's, in any language (it stayed, taken for the prose's heading).
        let bp = Boilerplate::new(&RuleSet::builtin());
        let long = "The council published a long explanation of the decision, with the figures of each \
                    of the three options and the reasons why the cheapest one was rejected.";
        for (head, titles) in [
            (
                "Related articles",
                ["Election campaign begins", "Inflation rose again", "New minister in the cabinet"],
            ),
            (
                "Kapcsolódó cikkek",
                ["Elindult a választási kampány", "Nőtt az infláció", "Új miniszter a kormányban"],
            ),
        ] {
            let item = |t: &str| Block::new(BlockKind::ListItem { list: 1, depth: 1, ordered: false }, t);
            let mut blocks = vec![
                Block::new(BlockKind::Paragraph, PROSE),
                Block::new(BlockKind::Heading { level: 3 }, head),
            ];
            blocks.extend(titles.iter().map(|t| item(t)));
            blocks.push(Block::new(BlockKind::Paragraph, long));
            bp.apply(&mut blocks, &mut Stats::default());
            let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
            assert_eq!(texts, [PROSE, long], "{head}");
        }
    }

    #[test]
    fn words_and_labels_are_read_byte_by_byte_as_char_by_char() {
        let pieces =
            ["a", "Ok", " ", "\t", "\u{b}", "\u{c}", "\r\n", "\u{1f}", "\u{a0}", "\u{85}", "’", "-", "É"];
        for t in crate::concat::every_string(&pieces, 3) {
            assert_eq!(words(&t), t.split_whitespace().count(), "{t:?}");
            for key in [label_key(&t), "ok".to_owned(), "a ok".to_owned(), "ok a".to_owned(), String::new()] {
                assert_eq!(is_label(&key, &t), key == label_key(&t), "{key:?} {t:?}");
            }
        }
    }

    #[test]
    fn the_key_hash_is_the_hash_of_the_key() {
        for s in [
            "  » Ok ",
            "Privacy   policy",
            "[Accept\tall]",
            "J’ACCEPTE",
            "Zásady ochrany osobních údajů",
            "同意",
            "",
        ] {
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for b in label_key(s).bytes() {
                h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
            }
            assert_eq!(key_hash(s), h, "{s:?}");
        }
    }

    #[test]
    fn a_block_that_goes_alone_does_not_split_a_run_of_another_topic() {
        // The share line goes on its own; the next pass would see the notice and its button
        // side by side, so this one must too.
        let notice = "We use cookies so that we can offer you the best possible experience on this site.";
        assert_eq!(kept(&[PROSE, notice, "Share this:", "Ok", PROSE]), [PROSE, PROSE]);
    }
}
