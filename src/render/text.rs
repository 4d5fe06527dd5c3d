//! Renders blocks as normal-form text: UTF-8, one blank line between blocks, the items of
//! one list (and of the lists nested in it) on consecutive lines, one final newline (none for empty output). Lines inside a
//! block are already trimmed by whoever made the block, but for a preformatted block's
//! indentation, which plain text leaves out.

use crate::block::{Block, BlockKind};

/// Renders `blocks` as plain text.
pub(crate) fn to_text(blocks: &[Block]) -> String {
    let mut out = String::with_capacity(blocks.iter().map(|b| b.text.len() + 2).sum());
    let mut prev: Option<BlockKind> = None;
    // A rule has no text: in plain text it is the blank line between the blocks around it.
    for b in blocks.iter().filter(|b| b.kind != BlockKind::Rule) {
        if let Some(p) = prev {
            // A char at a time: no copy call for one or two bytes (tiny blocks are many).
            out.push('\n');
            if !p.same_list(b.kind) {
                out.push('\n');
            }
        }
        if b.kind == BlockKind::Preformatted {
            // Plain text has no code blocks: its lines are trimmed like every other, so a
            // second cleaning gives the same text (Markdown and JSON keep the indentation).
            // Blank lines in a row are one, as between blocks.
            let mut blank = false;
            for (i, line) in b.text.lines().enumerate() {
                let line = line.trim_start();
                if line.is_empty() {
                    blank = true;
                    continue;
                }
                if i > 0 {
                    out.push_str(if blank { "\n\n" } else { "\n" });
                }
                blank = false;
                out.push_str(line);
            }
        } else {
            out.push_str(&b.text);
        }
        prev = Some(b.kind);
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_and_lists() {
        let blocks = [
            Block::new(BlockKind::Heading { level: 1 }, "Title"),
            Block::new(BlockKind::ListItem { list: 1, depth: 1, ordered: false }, "a"),
            Block::new(BlockKind::ListItem { list: 1, depth: 1, ordered: false }, "b"),
            Block::new(BlockKind::ListItem { list: 2, depth: 1, ordered: false }, "c"),
            Block::new(BlockKind::Paragraph, "x\ny"),
        ];
        assert_eq!(to_text(&blocks), "Title\n\na\nb\n\nc\n\nx\ny\n");
        assert_eq!(to_text(&[]), "");
        let code = Block::new(BlockKind::Preformatted, "fn a() {\n    x\n\n\n    y\n}");
        assert_eq!(to_text(&[code]), "fn a() {\nx\n\ny\n}\n");
    }
}
