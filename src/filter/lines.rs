//! Provides [`Lines`]: the lines of blocks read as blocks, for the filters that judge
//! labels and references (boilerplate, teasers). Text with one line break between its
//! paragraphs (`Share this:`, `Lesen Sie auch: …` each on its own line under the article) is
//! cleaned as the same text with blank lines is; what goes of a block is its lines.

use crate::block::{Block, BlockKind};

/// The most lines a block is read as: a longer one (a whole dump on lines of its own,
/// with no blank line for the stream to part it at) is read whole, as a block, so the lines
/// a part is cut into stay bounded by the part's own bound on newlines.
pub(crate) const MAX_LINES: usize = 4096;

/// Whether a filter reads `b` line by line: a block of several lines, at most
/// [`MAX_LINES`], of any kind but code (which the filters pass over). Plain text writes the
/// lines of a list item, a heading or a quote as it writes a paragraph's, and a second
/// cleaning reads them back as a paragraph's: they are read line by line on the first.
pub(crate) fn splits(b: &Block) -> bool {
    if b.kind == BlockKind::Preformatted {
        return false;
    }
    let bytes = b.text.as_bytes();
    // Most blocks are one line: a short one is looked at by a plain search (a SIMD search's
    // start costs more there, and a text of tiny blocks holds millions of them), a longer
    // one by `memchr`. The breaks of one that has some are counted in one pass over its
    // bytes (a search per break costs more than the break's line where lines are short).
    let breaks = if bytes.len() < SHORT_BYTES {
        bytes.contains(&b'\n')
    } else {
        memchr::memchr(b'\n', bytes).is_some()
    };
    breaks && bytes.iter().filter(|&&c| c == b'\n').count() < MAX_LINES
}

/// Below this many bytes a block is searched for a line break without `memchr`.
const SHORT_BYTES: usize = 64;

/// The lines of `text`, as `text.split('\n')` gives them, each found by a plain look at its
/// bytes: the lines read here are mostly short (labels, titles), where a search's start
/// costs more than the line.
pub(crate) fn lines_of(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let r = rest?;
        match r.bytes().position(|c| c == b'\n') {
            Some(i) => {
                rest = r.get(i + 1..);
                r.get(..i)
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// A block as the filters that judge labels and references read it, borrowed: a block, or a
/// line of one (a paragraph with no links of its own).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Piece<'a> {
    pub kind: BlockKind,
    pub text: &'a str,
    pub link_bytes: usize,
}

impl<'a> Piece<'a> {
    /// A line of a block, as a paragraph of its own.
    pub fn line(text: &'a str) -> Piece<'a> {
        Piece { kind: BlockKind::Paragraph, text, link_bytes: 0 }
    }
}

impl<'a> From<&'a Block> for Piece<'a> {
    fn from(b: &'a Block) -> Piece<'a> {
        Piece { kind: b.kind, text: &b.text, link_bytes: b.link_bytes }
    }
}

/// Whether a line of a block of `blocks` that [`splits`] is one `judged` picks; `judged`
/// picks no line shorter than `min_bytes`, so a block no longer than that is passed over.
pub(crate) fn any_line(
    blocks: &[Block],
    min_bytes: usize,
    mut judged: impl FnMut(Piece<'_>) -> bool,
) -> bool {
    blocks
        .iter()
        .filter(|b| b.text.len() > min_bytes && splits(b))
        .any(|b| lines_of(&b.text).any(|l| l.len() >= min_bytes && judged(Piece::line(l))))
}

/// The blocks of a text with each block that [`splits`] cut into its lines, borrowed.
pub(crate) struct Lines<'a> {
    /// The lines, and the blocks that are not cut.
    pub pieces: Vec<Piece<'a>>,
    /// The index of the block each came from.
    pub of: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub fn new(blocks: &'a [Block]) -> Lines<'a> {
        let mut pieces = Vec::with_capacity(blocks.len());
        let mut of = Vec::with_capacity(blocks.len());
        for (i, b) in blocks.iter().enumerate() {
            if splits(b) {
                for l in lines_of(&b.text) {
                    pieces.push(Piece::line(l));
                    of.push(i);
                }
            } else {
                pieces.push(Piece::from(b));
                of.push(i);
            }
        }
        Lines { pieces, of }
    }

    /// The blocks as they are, none cut.
    pub fn whole(blocks: &'a [Block]) -> Lines<'a> {
        Lines { pieces: blocks.iter().map(Piece::from).collect(), of: (0..blocks.len()).collect() }
    }
}

/// Removes from `blocks` the lines for which `gone(k)` holds, `k` an index into the pieces of
/// the [`Lines`] whose `of` is given: a block keeps the rest of its lines, a block all of
/// whose lines go (or that was not cut) goes. Blocks none of whose lines go are not touched.
pub(crate) fn remove(blocks: &mut Vec<Block>, of: &[usize], gone: impl Fn(usize) -> bool) {
    // None cut (each cut paragraph gives two lines or more): a piece is its block.
    if of.len() == blocks.len() {
        let mut k = 0;
        blocks.retain(|_| {
            k += 1;
            !gone(k - 1)
        });
        return;
    }
    // Where each block's lines start among the lines, how many go and how many stay.
    let mut first = vec![0; blocks.len()];
    let mut went = vec![(0u32, 0u32); blocks.len()];
    for (k, &i) in of.iter().enumerate().rev() {
        if let (Some(f), Some((g, s))) = (first.get_mut(i), went.get_mut(i)) {
            *f = k;
            if gone(k) { *g += 1 } else { *s += 1 }
        }
    }
    let mut i = 0;
    blocks.retain_mut(|b| {
        let ((goes, stays), at) =
            (went.get(i).copied().unwrap_or_default(), first.get(i).copied().unwrap_or(0));
        i += 1;
        match (goes, stays) {
            (0, _) => true,
            (_, 0) => false,
            _ => {
                b.keep_lines(|l| !gone(at + l));
                !b.text.is_empty()
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_go_and_blocks_with_none_left_go() {
        let mut blocks = vec![
            Block::new(BlockKind::Paragraph, "one\ntwo\nthree"),
            Block::new(BlockKind::Heading { level: 2 }, "four"),
            Block::new(BlockKind::Paragraph, "five\nsix"),
            Block::new(BlockKind::Preformatted, "seven\neight"),
        ];
        let Lines { pieces, of } = Lines::new(&blocks);
        let texts: Vec<&str> = pieces.iter().map(|p| p.text).collect();
        assert_eq!(texts, ["one", "two", "three", "four", "five", "six", "seven\neight"]);
        remove(&mut blocks, &of, |k| matches!(k, 1 | 4 | 5 | 6));
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["one\nthree", "four"]);
    }

    #[test]
    fn lines_are_what_a_split_at_each_break_gives() {
        for t in ["", "a", "\n", "a\n", "\na", "a\n\nb", "ä\nö\n", "one\ntwo\nthree"] {
            assert_eq!(lines_of(t).collect::<Vec<_>>(), t.split('\n').collect::<Vec<_>>(), "{t:?}");
        }
    }

    #[test]
    fn a_paragraph_of_too_many_lines_is_read_whole() {
        let at_most = "w\n".repeat(MAX_LINES - 1) + "w";
        assert!(splits(&Block::new(BlockKind::Paragraph, at_most.as_str())));
        let more = at_most + "\nw";
        assert!(!splits(&Block::new(BlockKind::Paragraph, more.as_str())));
        assert!(!splits(&Block::new(BlockKind::Paragraph, "w")));
    }
}
