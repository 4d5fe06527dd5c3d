//! Removes a block that repeats the block just before it in other words: the image alt or
//! title text that is another machine translation of the headline, left behind when the
//! `<img>` around it was cut.
//!
//! Word overlap, not equality: the Jaccard similarity of the two blocks' word sets. Only
//! blocks long enough to judge are compared ([`crate::rules::Defaults::dedupe_min_words`]),
//! so short list items or code lines that share a word never count as duplicates; and only
//! blocks short enough to be a title, alt text or caption
//! ([`crate::rules::Defaults::dedupe_max_words`]); and only where the later one reads like
//! a title, alt text or caption (no full stop at the end), or the earlier one is the text of
//! a cut attribute: a lead sentence that says the headline again in other words is prose.
//! Two running paragraphs in a row share words by nature, and two sentences of one template
//! (`If x > 3 then y.`) share most of them: between two sentences only a repeat of the same
//! words counts. Blocks of several lines (and the items of a list, which plain text writes as
//! the lines of one block), blocks that hold different numbers and runs of three or more
//! alike blocks are never repeats (see [`apply`]).

use crate::block::{Block, BlockKind};
use crate::rules::Defaults;
use crate::stats::Stats;
use crate::text::words::{Signature, same_words};

/// Generous bytes per word (long words, multi-byte scripts): blocks longer than
/// `dedupe_max_words` times this are skipped without counting their words.
const MAX_BYTES_PER_WORD: usize = 24;

/// The rule name counted in [`Stats::rules`].
pub(crate) const RULE: &str = super::rule(super::Filter::Dedupe);

/// Titles, alt texts and captions do not end with a full stop; sentences do.
fn is_title_like(text: &str) -> bool {
    !text.trim_end_matches(['"', '\'', '”', '“', '»', '«', ')']).ends_with(['.', ';', ':'])
}

/// Drops near-duplicate neighbours (the later one of each pair).
pub(crate) fn apply(blocks: &mut Vec<Block>, d: &Defaults, stats: &mut Stats) {
    // In place: the blocks kept are `blocks[..kept]`; the block looked at is `blocks[i]`.
    let mut kept: usize = 0;
    // The signature of the last kept block, computed once when first needed.
    let mut prev_set: Option<Signature> = None;
    // Whether the last kept block was alike its neighbour in a run of three or more.
    let mut in_run = false;
    // Which blocks are lines of a longer block in plain text: the items of a list of two or
    // more, written on consecutive lines, which a second cleaning reads as one block of
    // several lines (or, bulleted, as the items of one list again). None is weighed on its
    // own, on either cleaning; an item alone is a paragraph in plain text, and is weighed as
    // one. Moved as the blocks move; without two items in a row (most texts), empty.
    let mut lines: Vec<bool> = Vec::new();
    if blocks.windows(2).any(|w| matches!(w, [a, b] if a.kind.same_list(b.kind))) {
        lines = (0..blocks.len())
            .map(|i| {
                let kind = blocks.get(i).map(|b| b.kind);
                let same = |j: Option<usize>| {
                    j.and_then(|j| blocks.get(j)).zip(kind).is_some_and(|(b, k)| b.kind.same_list(k))
                };
                same(i.checked_sub(1)) || same(Some(i + 1))
            })
            .collect();
    }
    let line = |lines: &[bool], i: usize| lines.get(i).copied().unwrap_or(false);
    let swap = |lines: &mut Vec<bool>, a: usize, b: usize| {
        if !lines.is_empty() {
            lines.swap(a, b);
        }
    };
    // Counted here, then once into the stats (a lookup by name).
    let mut removed = 0u64;
    let min_bytes = min_candidate_bytes(d);
    for i in 0..blocks.len() {
        // A block too short to be weighed, with no alt text on either side of it, stays, and
        // ends any run: most tiny blocks (a label, a number, a word) are done here.
        let short = |b: &Block| b.text.len() < min_bytes && !b.is_attribute_text();
        let prev_attribute =
            kept.checked_sub(1).and_then(|k| blocks.get(k)).is_some_and(Block::is_attribute_text);
        if blocks.get(i).is_some_and(short) && !prev_attribute {
            in_run = false;
            prev_set = None;
            if kept != i {
                blocks.swap(kept, i);
                swap(&mut lines, kept, i);
            }
            kept += 1;
            continue;
        }
        let (before, from) = blocks.split_at_mut(i);
        let (Some((block, after)), Some(done)) = (from.split_first_mut(), before.get_mut(..kept)) else {
            break;
        };
        let alone = |j: usize| !line(&lines, j);
        let (mut duplicate, this_set) = match done.last() {
            Some(prev) if alone(kept - 1) && alone(i) && is_candidate_pair(prev, block, d) => {
                judge(prev, block, &mut prev_set, d)
            }
            _ => (false, None),
        };
        // An alt text that is its neighbour's very text (`Key Takeaways` under `Key
        // Takeaways`) repeats it however short.
        if !duplicate && alone(i) && kept > 0 && alone(kept - 1) {
            duplicate = done.last().is_some_and(|prev| alt_is_the_same(prev, block));
        }
        // Three or more alike blocks in a row are the items of a list or the rows of a table
        // written out as paragraphs (`rsync … ps:jtk/ …`, `rsync … ps:tc/ …`), not a title
        // said twice: all stay. Not links: alike links in a row are the titles of other
        // pages (`Average Costs for Cleaning Services in Atlanta`, `… in Austin`).
        if duplicate
            && block.link_bytes * 2 < block.text.len()
            && (in_run || after.first().is_some_and(|next| alone(i + 1) && alike(block, next, d)))
        {
            duplicate = false;
            in_run = true;
        } else if !duplicate {
            in_run = false;
        }
        // A block kept as one of a run stays, alt text or not.
        if !duplicate && !in_run && block.is_attribute_text() && repeats_an_earlier_title(done, block, d) {
            removed += 1;
            continue;
        }
        if duplicate {
            removed += 1;
            // Of the two, the text of a cut attribute (an alt text) goes, wherever it stands;
            // otherwise the later one.
            if let Some(prev) =
                done.last_mut().filter(|p| p.is_attribute_text() && !block.is_attribute_text())
            {
                std::mem::swap(prev, block);
                swap(&mut lines, kept - 1, i);
                prev_set = this_set;
                // The block kept in the alt text's place has a new neighbour before it, and
                // may repeat that one too (a second cleaning would find them side by side).
                if let [.., earlier, now] = &*done {
                    if !line(&lines, kept - 2)
                        && !line(&lines, kept - 1)
                        && is_candidate_pair(earlier, now, d)
                        && judge(earlier, now, &mut None, d).0
                    {
                        removed += 1;
                        kept -= 1;
                        prev_set = None;
                    }
                }
            }
            continue;
        }
        prev_set = this_set;
        if kept != i {
            blocks.swap(kept, i);
            swap(&mut lines, kept, i);
        }
        kept += 1;
    }
    blocks.truncate(kept);
    stats.count_rule_times(RULE, removed);
}

/// How far back the text of a cut attribute is compared with title-like blocks.
const ATTRIBUTE_LOOKBACK_BLOCKS: usize = 16;

/// The text of a cut attribute (an alt or title text, rare: the lexer marks it) that repeats
/// a title-like block a few blocks before it, with other blocks between (the lead, a caption):
/// another translation of the headline, like its neighbouring kind.
fn repeats_an_earlier_title(kept: &[Block], attr: &Block, d: &Defaults) -> bool {
    let range = d.dedupe_min_words..=d.dedupe_max_words;
    let Some(b) = Signature::of_capped(&attr.text, d.dedupe_max_words).filter(|b| range.contains(&b.words()))
    else {
        return false;
    };
    kept.iter().rev().take(ATTRIBUTE_LOOKBACK_BLOCKS).filter(|k| is_title_like(&k.text)).any(|k| {
        is_candidate_pair(k, attr, d)
            && Signature::of_capped(&k.text, d.dedupe_max_words)
                .is_some_and(|a| range.contains(&a.words()) && a.jaccard(&b) >= d.dedupe_min_jaccard)
            && !numbers_differ(&k.text, &attr.text)
            && !names_differ(&k.text, &attr.text)
    })
}

/// Whether one of two neighbours is the text of a cut attribute (an alt text) and both say
/// the same, case and spacing aside.
fn alt_is_the_same(a: &Block, b: &Block) -> bool {
    (a.is_attribute_text() || b.is_attribute_text())
        && a.kind != BlockKind::Preformatted
        && b.kind != BlockKind::Preformatted
        && !a.text.is_empty()
        && same_words_any_case(&a.text, &b.text)
}

/// Whether `a` and `b` are the same words, case and spacing aside (compared word by word,
/// with no allocation; the same text at once).
fn same_words_any_case(a: &str, b: &str) -> bool {
    if a.eq_ignore_ascii_case(b) {
        return true;
    }
    let (mut x, mut y) = (a.split_whitespace(), b.split_whitespace());
    loop {
        match (x.next(), y.next()) {
            (None, None) => return true,
            (Some(p), Some(q)) => {
                let same = p.eq_ignore_ascii_case(q)
                    || !(p.is_ascii() && q.is_ascii())
                        && p.chars().flat_map(char::to_lowercase).eq(q.chars().flat_map(char::to_lowercase));
                if !same {
                    return false;
                }
            }
            _ => return false,
        }
    }
}

/// Whether `alt`, the text of a cut attribute, repeats `prev`, the block before it: the
/// near-duplicate rule will remove it (the join must not take it in first).
pub(crate) fn alt_repeats(prev: &Block, alt: &Block, d: &Defaults) -> bool {
    alt.is_attribute_text() && (alt_is_the_same(prev, alt) || alike(prev, alt, d))
}

/// Whether `cur` repeats `prev` (both signatures computed afresh).
fn alike(prev: &Block, cur: &Block, d: &Defaults) -> bool {
    is_candidate_pair(prev, cur, d) && judge_text(prev, cur, &mut None, d, false).0
}

/// Whether `cur` repeats `prev`, and `cur`'s signature if it was computed. `prev_set` holds
/// `prev`'s signature, computed here if not yet.
fn judge(
    prev: &Block,
    cur: &Block,
    prev_set: &mut Option<Signature>,
    d: &Defaults,
) -> (bool, Option<Signature>) {
    judge_text(prev, cur, prev_set, d, prev.is_attribute_text())
}

/// [`judge`], told whether `prev` is the text of a cut attribute. Whether a block is one of
/// a run of alike blocks is judged as if it were not: plain text does not say, and a second
/// cleaning must find the same run.
fn judge_text(
    prev: &Block,
    cur: &Block,
    prev_set: &mut Option<Signature>,
    d: &Defaults,
    prev_is_attribute: bool,
) -> (bool, Option<Signature>) {
    // Two sentences: the exact test, which mostly stops at the first word and spares both
    // signatures.
    let title_like = is_title_like(&cur.text) || prev_is_attribute && is_title_like(&prev.text);
    if !title_like && !same_words(&prev.text, &cur.text) {
        return (false, None);
    }
    let range = d.dedupe_min_words..=d.dedupe_max_words;
    // Hashing stops past the most words a judged block has: a paragraph's signature is never
    // needed (an empty one is out of range).
    let a = *prev_set.get_or_insert_with(|| {
        Signature::of_capped(&prev.text, d.dedupe_max_words).unwrap_or_else(|| Signature::of(""))
    });
    if !range.contains(&a.words()) {
        return (false, None);
    }
    // A Jaccard similarity of t needs the larger set to be at most 1/t times the smaller:
    // hashing `cur` stops past that.
    let cap = if title_like { (a.words() as f64 / d.dedupe_min_jaccard) as usize } else { usize::MAX };
    let Some(b) = Signature::of_capped(&cur.text, cap.min(d.dedupe_max_words)) else {
        return (false, None);
    };
    let duplicate = range.contains(&b.words())
        && (!title_like
            || a.jaccard(&b) >= d.dedupe_min_jaccard
                && !numbers_differ(&prev.text, &cur.text)
                && (cur.link_bytes * 2 >= cur.text.len() || !names_differ(&prev.text, &cur.text)));
    (duplicate, Some(b))
}

/// Whether both texts hold numbers and not the same ones, in the same order. Another
/// translation of a title keeps its numbers (a date, an amount, a score); two items of a
/// listing (`Petzl ARIA 1 RGB Headlamp $29.73 … 350 lumens`, `Petzl ARIA 1R Headlamp $47.73 …
/// 450 lumens`) share their words but not their numbers.
fn numbers_differ(a: &str, b: &str) -> bool {
    fn numbers(s: &str) -> impl Iterator<Item = &[u8]> {
        s.as_bytes().split(|c| !c.is_ascii_digit()).filter(|n| !n.is_empty())
    }
    let (mut x, mut y) = (numbers(a).peekable(), numbers(b).peekable());
    if x.peek().is_none() || y.peek().is_none() {
        return false;
    }
    !x.eq(y)
}

/// Whether the two texts are one template with another name in its slot: word for word the
/// same but where each names something else (a capitalised word or a number on both sides),
/// as the items of a list written as paragraphs are (`Blue Apron - meal kit, wide variety of
/// dishes`, `Hello Fresh - meal kit, wide variety of dishes`; `U.S. Washington server –
/// blocked`, `U.S. New York server – blocked`). Another translation of a title rewords it
/// throughout, keeping its names. Either the words around one differing span are the same and
/// the two spans share no word, or the texts have as many words and differ in at most a
/// third of the places, one of them a name on both sides; the same words make at least half
/// of each.
fn names_differ(a: &str, b: &str) -> bool {
    // This runs on every pair of alike titles: ASCII, most of their bytes, takes the short
    // ways, which agree with the general ones.
    fn words(s: &str) -> Vec<&str> {
        let b = s.as_bytes();
        let mut words = Vec::with_capacity(b.len() / 4 + 1);
        let (mut i, mut start) = (0, None);
        while let Some(&c) = b.get(i) {
            let (in_word, len) = if c.is_ascii() {
                (c.is_ascii_alphanumeric(), 1)
            } else {
                let ch = s.get(i..).and_then(|r| r.chars().next()).unwrap_or(' ');
                (ch.is_alphanumeric(), ch.len_utf8())
            };
            match (in_word, start) {
                (true, None) => start = Some(i),
                (false, Some(from)) => {
                    words.extend(s.get(from..i));
                    start = None;
                }
                _ => {}
            }
            i += len;
        }
        if let Some(from) = start {
            words.extend(s.get(from..));
        }
        words
    }
    fn same(x: &str, y: &str) -> bool {
        if x.is_ascii() && y.is_ascii() {
            return x.eq_ignore_ascii_case(y);
        }
        x.chars().flat_map(char::to_lowercase).eq(y.chars().flat_map(char::to_lowercase))
    }
    fn names(w: &str) -> bool {
        match w.as_bytes().first() {
            Some(c) if c.is_ascii() => c.is_ascii_uppercase() || c.is_ascii_digit(),
            _ => w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_numeric()),
        }
    }
    let (x, y) = (words(a), words(b));
    let (n, m) = (x.len(), y.len());
    let prefix = x.iter().zip(&y).take_while(|(p, q)| same(p, q)).count();
    let suffix = x.iter().rev().zip(y.iter().rev()).take_while(|(p, q)| same(p, q)).count();
    let suffix = suffix.min(n.min(m) - prefix);
    let (mx, my) =
        (x.get(prefix..n - suffix).unwrap_or_default(), y.get(prefix..m - suffix).unwrap_or_default());
    let kept = prefix + suffix;
    let one_span = !mx.is_empty()
        && !my.is_empty()
        && kept * 2 >= n.max(m)
        && mx.iter().any(|w| names(w))
        && my.iter().any(|w| names(w))
        && !mx.iter().any(|p| my.iter().any(|q| same(p, q)));
    if one_span {
        return true;
    }
    if n != m {
        return false;
    }
    let differing: Vec<(&&str, &&str)> = x.iter().zip(&y).filter(|(p, q)| !same(p, q)).collect();
    !differing.is_empty() && differing.len() * 3 <= n && differing.iter().any(|(p, q)| names(p) && names(q))
}

/// The fewest bytes of a block [`is_candidate_pair`] weighs: `dedupe_min_words` words take
/// at least one letter each and a space between.
fn min_candidate_bytes(d: &Defaults) -> usize {
    d.dedupe_min_words.saturating_mul(2).saturating_sub(1)
}

/// The cheap tests first: neither block preformatted, not two items of one list, both short
/// enough in bytes, of comparable length (Jaccard similarity cannot be high between texts of
/// very different sizes; the bound here is generous).
fn is_candidate_pair(prev: &Block, cur: &Block, d: &Defaults) -> bool {
    let max_bytes = d.dedupe_max_words.saturating_mul(MAX_BYTES_PER_WORD);
    let (p, c) = (prev.text.len(), cur.text.len());
    // The lengths rule out most pairs (tiny blocks, paragraphs): they are asked first.
    let min_bytes = min_candidate_bytes(d);
    if p.min(c) < min_bytes || p > max_bytes || c > max_bytes {
        return false;
    }
    let comparable = p.min(c) as f64 >= p.max(c) as f64 * d.dedupe_min_jaccard * 0.5;
    // Items of one list are alike by design (`Galaxy S24 256 GB` / `Galaxy S24 512 GB`).
    let same_list = prev.kind.same_list(cur.kind);
    // A title and its other translation start as sentences do; two lines that both start
    // with a lowercase letter are commands, code or the fragments of a list
    // (`require example.com/m v0.0.0`, `replace example.com/m v0.0.0 => ../m`).
    let lower = |t: &str| t.chars().next().is_some_and(char::is_lowercase);
    comparable
        && prev.kind != BlockKind::Preformatted
        && cur.kind != BlockKind::Preformatted
        && !same_list
        && !(lower(&prev.text) && lower(&cur.text))
        && one_line(&prev.text)
        && one_line(&cur.text)
}

/// A title, alt text or caption is one line. Lines are also what plain text cannot group:
/// the items of a list come out one per line and read back as one paragraph, so a block of
/// several lines would be weighed against its neighbour as a different whole on a second
/// cleaning.
fn one_line(text: &str) -> bool {
    memchr::memchr(b'\n', text.as_bytes()).is_none()
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
    fn an_alt_text_under_its_title_goes_however_short_and_the_prose_after_it_stays() {
        let c = crate::Cleaner::builder().build().unwrap();
        // The alt text on the line right under its title: a block of its own, which goes.
        let text = "Key Takeaways\nKey Takeaways\u{201c} /></p>\n<p>The council approved the plan.</p>";
        assert_eq!(c.clean(text).text, "Key Takeaways\n\nThe council approved the plan.\n");
        // A title cut after `from` and its alt text: the alt text goes, and is not first
        // joined to the paragraph that goes on after it (which went with it).
        let head = "For joining in Linux files/devices in linear mode together i have this script dm-joinlinear.sh from";
        let rest = "join files/devices in linear mode together in a linux system , thanks telcoM";
        let out = c.clean(&format!("{head}\n{head}\u{201d} /></p>\n<p>{rest}</p>")).text;
        assert_eq!((out.matches(head).count(), out.matches(rest).count()), (1, 1), "{out}");
        // Short blocks that say the same, neither an alt text, both stay.
        assert_eq!(run(&["Yes", "Yes"]).len(), 2);
    }

    #[test]
    fn items_that_share_their_words_but_not_their_numbers_stay() {
        let out = run(&[
            "Petzl ARIA 1 RGB Stirnlampe 29,73 € Max. Licht: 350 Lumen, 3,7 Unzen, Rotlicht",
            "Petzl ARIA 1R Stirnlampe 47,73 € Max. Licht: 450 Lumen, 3,7 Unzen, Rotlicht",
        ]);
        assert_eq!(out.len(), 2);
        // Another translation keeps the numbers, and a text without any is still compared.
        let out = run(&[
            "Le conseil approuve la ligne de tram 4 en 2025",
            "Le conseil a approuvé la ligne de tram 4 en 2025",
            "Le conseil approuve la ligne de tram",
        ]);
        assert_eq!(out.len(), 1);
    }

    #[test]
    fn items_that_name_other_things_in_one_template_stay() {
        for pair in [
            [
                "Blue Apron - meal kit, wide variety of dishes",
                "Hello Fresh - meal kit, wide variety of dishes",
            ],
            [
                "Perplexity API access (minimum $5 in token credits)",
                "OpenAI API key (minimum $5 in token credits)",
            ],
            ["Testserver in den USA, Washington – gesperrt", "Testserver in den USA, New York – gesperrt"],
        ] {
            assert_eq!(run(&pair).len(), 2, "{pair:?}");
        }
        // Another translation of a title rewords it around its names, and goes; so does the
        // same title with one word inflected otherwise.
        let out = run(&[
            "Wie man dem Westen entgegentreten kann: Russland versucht, eine Koalition mit Iran, Nordkorea und China aufzubauen – ISW",
            "Wie man dem Westen entgegentritt: Russland versucht es um eine Koalition mit dem Iran, Nordkorea und China aufzubauen – ISW",
        ]);
        assert_eq!(out.len(), 1);
        assert_eq!(
            run(&[
                "Scientists discover new frog species in the Amazon rainforest",
                "Scientists discovered new frog species in the Amazon rainforest"
            ])
            .len(),
            1
        );
    }

    #[test]
    fn two_lines_that_start_in_lowercase_are_no_title_and_its_repeat() {
        let go_mod = [
            "require example.com/theirmodule v0.0.0-unpublished",
            "replace example.com/theirmodule v0.0.0-unpublished => ../theirmodule",
        ];
        assert_eq!(run(&go_mod).len(), 2);
        // An alt text in lowercase after its title is still weighed.
        let out = run(&[
            "Scientists discover new frog species in the Amazon rainforest",
            "scientists discovered new frog species in the amazon rainforest",
        ]);
        assert_eq!(out.len(), 1);
    }

    #[test]
    fn an_item_of_a_longer_list_is_never_a_repeat_and_an_item_alone_may_be() {
        // Plain text writes a list's items as the lines of one block, which a second cleaning
        // never weighs line by line; an item alone is a paragraph there, and is weighed.
        let title = "Der Rat beschließt die neue Tramlinie durch die Altstadt";
        let item = |list: u32, t: &str| Block::new(BlockKind::ListItem { list, depth: 1, ordered: false }, t);
        let run = |mut blocks: Vec<Block>| {
            apply(&mut blocks, &Defaults::builtin(), &mut Stats::default());
            blocks.len()
        };
        let list = vec![
            Block::new(BlockKind::Paragraph, title),
            item(1, title),
            item(1, "Die Bauarbeiten beginnen im Frühjahr"),
        ];
        assert_eq!(run(list), 3);
        assert_eq!(run(vec![item(1, title), Block::new(BlockKind::Paragraph, title)]), 1);
        assert_eq!(run(vec![Block::new(BlockKind::Paragraph, title), item(1, title)]), 1);
    }

    #[test]
    fn a_sentence_after_a_title_like_block_is_prose() {
        let out = run(&[
            "Who the State of AI newsletter is for",
            "The State of AI newsletter is written for:",
            "Der Rat beschließt die neue Tramlinie durch die Altstadt",
            "Der Rat hat die neue Tramlinie durch die Altstadt beschlossen.",
        ]);
        assert_eq!(out.len(), 4);
    }

    #[test]
    fn the_block_kept_for_an_alt_text_is_weighed_against_its_new_neighbour() {
        // Title, alt text, another translation: the alt text gives way to the translation,
        // which then stands right after the title it repeats, as a second cleaning sees it.
        let attr = |text: &str| {
            let mut b = Block::new(BlockKind::Paragraph, text);
            b.origin = crate::block::Origin::Attribute;
            b
        };
        // Word sets: the alt text shares 6 of 11 words with the title, 8 of 11 with the
        // translation, which shares 8 of 10 with the title (the bar is 0.6).
        let title =
            Block::new(BlockKind::Paragraph, "Council approves harbour plan after long debate Monday");
        let mut blocks = vec![
            title.clone(),
            attr("Harbour plan after long debate Monday evening vote Reuters"),
            Block::new(
                BlockKind::Paragraph,
                "Council approves harbour plan after long debate Monday evening vote",
            ),
        ];
        apply(&mut blocks, &Defaults::builtin(), &mut Stats::default());
        assert_eq!(blocks, vec![title.clone()]);
        // An alt text kept as one of a run of alike blocks is not then removed as a repeat of
        // an earlier title: the run stays whole, as it does on a second cleaning.
        let rows = [
            "rsync -t -l -r -c ps:jtk/ www-jefftk-com/ --delete-after",
            "rsync -t -l -r -c ps:tc/ www-trycontra-com/ --delete-after",
            "rsync -t -l -r -c ps:fr/ www-freeraisins-com/ --delete-after",
        ];
        let mut blocks = vec![attr(rows[0]), attr(rows[1]), Block::new(BlockKind::Paragraph, rows[2])];
        apply(&mut blocks, &Defaults::builtin(), &mut Stats::default());
        assert_eq!(blocks.len(), 3);
    }

    #[test]
    fn a_run_of_three_alike_blocks_stays() {
        let rows = [
            "rsync -t -l -r -c ps:jtk/ www-jefftk-com/ --delete-after",
            "rsync -t -l -r -c ps:tc/ www-trycontra-com/ --delete-after",
            "rsync -t -l -r -c ps:fr/ www-freeraisins-com/ --delete-after",
        ];
        assert_eq!(run(&rows).len(), 3);
        let rows = [
            "Paketbenachrichtigung: Vivint Ja, ADT Ja, Google Nest Ja, Ring Ja, Arlo Nein",
            "Personenerkennung: Vivint Ja, ADT Ja, Google Nest Ja, Ring Ja, Arlo Nein",
            "Gesichtserkennung: Vivint Ja, ADT Nein, Google Nest Ja, Ring Nein, Arlo Nein",
            "Nachtsicht: Vivint Ja, ADT Ja, Google Nest Ja, Ring Ja, Arlo Ja",
        ];
        assert_eq!(run(&rows).len(), 4);
        // A pair stays too, as rows that name other things in one template (see
        // `names_differ`); alike links in a row are other pages' titles.
        assert_eq!(run(&rows[..2]).len(), 2);
        let mut links: Vec<Block> = ["Atlanta", "Austin", "Boston"]
            .iter()
            .map(|c| Block::new(BlockKind::Paragraph, format!("Average costs for cleaning services in {c}")))
            .collect();
        for b in &mut links {
            b.link_bytes = b.text.len();
        }
        apply(&mut links, &Defaults::builtin(), &mut Stats::default());
        assert_eq!(links.len(), 1);
    }

    #[test]
    fn a_block_of_several_lines_is_never_weighed() {
        // Two list items read back from plain text as one paragraph: on a second cleaning
        // the pair would be a different whole from the one weighed the first time.
        let out = run(&[
            "Wie man dem Westen entgegentreten kann Russland",
            "Wie man dem Westen\nentgegentreten kann Russland heute",
        ]);
        assert_eq!(out.len(), 2);
        let out = run(&[
            "Wie man dem Westen\nentgegentreten kann Russland",
            "Wie man dem Westen entgegentreten kann",
        ]);
        assert_eq!(out.len(), 2);
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
        // Same length, half the words in common: found by the property test in CI.
        assert_eq!(
            run(&["If aaaa > 3 then öüvöñdh -> done.", "If aaaaaaa > 3 then ñmgnoé -> done."]).len(),
            2
        );
        let shouted = "THE COUNCIL approved the new tram line through the old town on Tuesday!";
        assert_eq!(run(&[s, shouted]).len(), 1);
    }

    #[test]
    fn the_alt_text_goes_even_when_it_comes_first() {
        let mut alt = Block::new(
            BlockKind::Paragraph,
            "Wie man dem Westen entgegentritt: Russland versucht es um eine Koalition mit dem Iran, Nordkorea und China aufzubauen – ISW",
        );
        alt.origin = crate::block::Origin::Attribute;
        let title = Block::new(
            BlockKind::Paragraph,
            "Wie man dem Westen entgegentreten kann: Russland versucht, eine Koalition mit Iran, Nordkorea und China aufzubauen – ISW",
        );
        let mut blocks = vec![alt, title.clone()];
        apply(&mut blocks, &Defaults::builtin(), &mut Stats::default());
        assert_eq!(blocks, vec![title]);
    }

    #[test]
    fn the_alt_text_goes_when_it_repeats_a_title_a_few_blocks_before() {
        let title =
            "Comment contrer l'Occident : la Russie tente de construire une coalition avec l'Iran – ISW";
        let lead = Block::new(BlockKind::Paragraph, "Alors que les États-Unis tardent, la Russie travaille.");
        let mut alt = Block::new(
            BlockKind::Paragraph,
            "Comment contrer l'Occident : la Russie essaie de construire une coalition avec l'Iran – ISW",
        );
        alt.origin = crate::block::Origin::Attribute;
        let mut blocks = vec![Block::new(BlockKind::Heading { level: 1 }, title), lead.clone(), alt.clone()];
        apply(&mut blocks, &Defaults::builtin(), &mut Stats::default());
        assert_eq!(blocks.len(), 2);
        // The same text not from an attribute stays: it may be a repeated heading on purpose.
        alt.origin = crate::block::Origin::Text;
        let mut blocks = vec![Block::new(BlockKind::Heading { level: 1 }, title), lead, alt];
        apply(&mut blocks, &Defaults::builtin(), &mut Stats::default());
        assert_eq!(blocks.len(), 3);
    }

    #[test]
    fn items_of_one_list_are_never_duplicates() {
        let item = |t: &str| Block::new(BlockKind::ListItem { list: 1, depth: 1, ordered: false }, t);
        let mut blocks = vec![
            item("Samsung Galaxy S24 Ultra 256 GB Black"),
            item("Samsung Galaxy S24 Ultra 512 GB Black"),
            item("Samsung Galaxy S24 Ultra 1 TB Black"),
        ];
        apply(&mut blocks, &Defaults::builtin(), &mut Stats::default());
        assert_eq!(blocks.len(), 3);
    }

    #[test]
    fn short_blocks_sharing_words_stay() {
        let out = run(&["let x = 1;", "let x = 2;", "Add the salt", "Add the pepper"]);
        assert_eq!(out.len(), 4);
    }
}
