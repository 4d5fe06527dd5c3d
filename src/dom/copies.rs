//! Drops the second copy of what a page lays out twice: a product's description in a desktop
//! tab and again in a mobile accordion, a carousel's slides written once per screen size, the
//! headline and price again in a sticky buy bar. A browser shows one copy; the text of both
//! would say everything twice.
//!
//! A copy is a run of blocks whose texts equal, one for one and in order, a run that ended
//! before it, holding at least `dom_copy_min_blocks` blocks and `dom_copy_min_words` words:
//! a lone block said twice (a chorus, a `Learn more` under each card, a repeated question)
//! is no copy, and neither are a few short labels. Table cells and code are never part of a
//! run: a table repeats its values, and code samples in several languages repeat their
//! comments.

use std::collections::HashMap;

use crate::block::{Block, BlockKind};
use crate::text::words;

/// Earlier places of one text looked at, the latest first: a run that copies an earlier one
/// starts at one of them, and a text said a thousand times costs no more than this.
const MAX_PLACES: usize = 4;

/// The longest run compared at once: a longer copy goes run by run, and however the
/// thresholds are set, each block is compared with at most `MAX_PLACES` times this others.
const MAX_RUN: usize = 64;

/// `blocks` without the later copy of each run a page laid out twice, and how many blocks
/// went. A run of [`MAX_RUN`] blocks is a copy whatever its words, and so is what goes on
/// from it in the same order.
pub(crate) fn drop_copies(blocks: Vec<Block>, min_blocks: usize, min_words: usize) -> (Vec<Block>, usize) {
    let min_blocks = min_blocks.clamp(1, MAX_RUN);
    let keys: Vec<Option<&str>> = blocks.iter().map(key).collect();
    let mut places: HashMap<&str, [usize; MAX_PLACES]> = HashMap::new();
    let mut drop = vec![false; blocks.len()];
    let mut dropped = 0;
    // Where the original of a copy cut at `MAX_RUN` blocks goes on: the rest of the copy is
    // the same copy, whatever it holds.
    let mut follows: Option<usize> = None;
    let mut i = 0;
    while i < keys.len() {
        let Some(Some(text)) = keys.get(i).copied() else {
            follows = None;
            i += 1;
            continue;
        };
        let (run, from) = match follows.take().map(|j| (same_run(&keys, j, i), j)) {
            Some((r, j)) if r > 0 => (r, j),
            _ => {
                let (r, j) = longest_copy(&keys, places.get(text), i);
                let words = || {
                    blocks
                        .get(i..i + r)
                        .unwrap_or_default()
                        .iter()
                        .map(|b| word_count(&b.text))
                        .sum::<usize>()
                };
                if r >= min_blocks && (r == MAX_RUN || words() >= min_words) { (r, j) } else { (0, 0) }
            }
        };
        if run > 0 {
            drop.get_mut(i..i + run).into_iter().flatten().for_each(|d| *d = true);
            dropped += run;
            follows = (run == MAX_RUN).then_some(from + run);
            i += run;
            continue;
        }
        let slot = places.entry(text).or_insert([usize::MAX; MAX_PLACES]);
        slot.rotate_right(1);
        slot[0] = i;
        i += 1;
    }
    if dropped == 0 {
        return (blocks, 0);
    }
    let kept = blocks.into_iter().zip(drop).filter(|(_, d)| !d).map(|(b, _)| b).collect();
    (kept, dropped)
}

/// The longest run from `i` on that repeats one starting at one of `places` (the latest
/// places of `keys[i]`'s text), and where that one starts.
fn longest_copy(keys: &[Option<&str>], places: Option<&[usize; MAX_PLACES]>, i: usize) -> (usize, usize) {
    places
        .into_iter()
        .flatten()
        .filter(|&&j| j != usize::MAX)
        .map(|&j| (same_run(keys, j, i), j))
        .max()
        .unwrap_or((0, 0))
}

/// How many blocks from `i` on repeat those from `j` on (`j < i`), stopping where the earlier
/// run would reach `i`: the copy comes after what it copies.
fn same_run(keys: &[Option<&str>], j: usize, i: usize) -> usize {
    let mut r = 0;
    while r < MAX_RUN
        && j + r < i
        && keys.get(i + r).copied().flatten().is_some_and(|a| keys.get(j + r).copied().flatten() == Some(a))
    {
        r += 1;
    }
    r
}

/// The text a block is compared by, or `None` when it can be in no run: a table cell, code, a
/// rule, or a block without a letter or digit.
fn key(b: &Block) -> Option<&str> {
    let runs = !matches!(b.kind, BlockKind::TableCell { .. } | BlockKind::Preformatted | BlockKind::Rule);
    (runs && b.text.chars().any(char::is_alphanumeric)).then_some(b.text.as_str())
}

/// Words of a block, Chinese and Japanese counted as they are read.
fn word_count(text: &str) -> usize {
    words::count_up_to(text, usize::MAX / 64) + words::unspaced_words(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraphs(texts: &[&str]) -> Vec<Block> {
        texts.iter().map(|t| Block::new(BlockKind::Paragraph, *t)).collect()
    }

    fn texts(blocks: &[Block]) -> Vec<&str> {
        blocks.iter().map(|b| b.text.as_str()).collect()
    }

    const DESCRIPTION: [&str; 3] = [
        "Make each cup of tea feel special with a wheel thrown, matte textured mug.",
        "Handmade stoneware.",
        "Suitable for use in dishwashers and microwave ovens; avoid thermal shock.",
    ];

    #[test]
    fn a_run_laid_out_twice_is_kept_once() {
        let mut page = vec!["White speckle mug", "$60.00"];
        page.extend(DESCRIPTION);
        page.extend(DESCRIPTION);
        page.push("Shipping within three days.");
        let (kept, dropped) = drop_copies(paragraphs(&page), 3, 20);
        let mut want = vec!["White speckle mug", "$60.00"];
        want.extend(DESCRIPTION);
        want.push("Shipping within three days.");
        assert_eq!(texts(&kept), want);
        assert_eq!(dropped, 3);
    }

    #[test]
    fn short_runs_lone_repeats_tables_and_code_stay() {
        // Two blocks in a row, a chorus, labels under each card: no copy.
        let page = [
            "Verse one, a line that goes on for a while here.",
            "Chorus: and we sing it all again tonight, again tonight.",
            "Verse two, another line that goes on for a while.",
            "Chorus: and we sing it all again tonight, again tonight.",
            "Learn more",
            "Card two",
            "Learn more",
            "Card two",
        ];
        let (kept, dropped) = drop_copies(paragraphs(&page), 3, 20);
        assert_eq!((texts(&kept), dropped), (page.to_vec(), 0));
        // The same three short labels twice: too few words.
        let labels = ["Size", "Colour", "Material", "Size", "Colour", "Material"];
        assert_eq!(drop_copies(paragraphs(&labels), 3, 20).1, 0);
        // Rows of a table, code in two languages' tabs.
        let mut cells = Vec::new();
        for _ in 0..2 {
            for (col, t) in DESCRIPTION.iter().enumerate() {
                let kind = BlockKind::TableCell { table: 0, row: 0, col: col as u32, header: false };
                cells.push(Block::new(kind, *t));
            }
        }
        assert_eq!(drop_copies(cells, 3, 20).1, 0);
        let code: Vec<Block> = [DESCRIPTION, DESCRIPTION]
            .concat()
            .iter()
            .map(|t| Block::new(BlockKind::Preformatted, *t))
            .collect();
        assert_eq!(drop_copies(code, 3, 20).1, 0);
    }

    #[test]
    fn a_copy_comes_after_what_it_copies() {
        // A text said six times in a row holds runs of three that would overlap their
        // original; only whole earlier runs count: 3 + 3.
        let six = ["one two three four five six seven"; 6];
        let (kept, dropped) = drop_copies(paragraphs(&six), 3, 20);
        assert_eq!((kept.len(), dropped), (3, 3));
    }

    #[test]
    fn a_long_copy_goes_run_by_run_whatever_the_thresholds() {
        // A page of 200 distinct blocks laid out twice, with thresholds no run reaches: each
        // block is compared with a bounded number of others, and the copy goes in runs of
        // `MAX_RUN` and the rest of it after them.
        let names: Vec<String> = (0..200).map(|n| format!("block {n}")).collect();
        let page: Vec<&str> = names.iter().chain(&names).map(String::as_str).collect();
        for (min_blocks, min_words) in [(1_000_000, 1_000_000), (3, 20)] {
            let (kept, dropped) = drop_copies(paragraphs(&page), min_blocks, min_words);
            assert_eq!((texts(&kept), dropped), (page.get(..200).unwrap().to_vec(), 200));
        }
        // A copy cut short goes on no further than its original does.
        let mut cut = page.clone();
        cut.insert(300, "something else entirely, said once");
        let (kept, _) = drop_copies(paragraphs(&cut), 3, 20);
        assert_eq!(texts(&kept).len(), 201);
    }

    #[test]
    fn a_text_said_thousands_of_times_is_no_copy() {
        // Each block looks at the last few places of its text only: runs of one block or of a
        // pair said over and over stay short of the words a copy needs, and cost little.
        let mut page = vec!["w"; 20_000];
        page.extend(["a b", "c d"].repeat(10_000));
        let (kept, dropped) = drop_copies(paragraphs(&page), 3, 20);
        assert_eq!((kept.len(), dropped), (page.len(), 0));
    }
}
