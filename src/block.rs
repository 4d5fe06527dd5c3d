//! Defines [`Block`], the unit every input is turned into before filtering and rendering.
//!
//! Both paths (the residue lexer in [`crate::residue`] and, later, the DOM path) produce a
//! `Vec<Block>`; the filters in [`crate::filter`] and the renderer in [`crate::render`] only
//! ever see blocks. A block's text is already clean: markup gone, entities decoded, each line
//! trimmed, no empty lines. Lines inside one block come from `<br>` or single newlines.

use serde::Serialize;

/// What kind of block a piece of text is. Renderers and filters use it; the text renderer
/// only uses it to keep the items of one list on consecutive lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
#[non_exhaustive]
pub enum BlockKind {
    /// Running text: `<p>`, `<div>`, or a paragraph of plain text.
    Paragraph,
    /// `<h1>`–`<h6>`; `level` is 1 to 6.
    Heading {
        /// The heading level, 1 to 6.
        level: u8,
    },
    /// One item of a list. Items with the same `list` number belong to one list and render
    /// on consecutive lines.
    ListItem {
        /// Which list the item belongs to, counted from 0 in document order.
        list: u32,
    },
    /// `<blockquote>`.
    Quote,
    /// `<pre>`: code or other preformatted text. Filters never rewrite it.
    Preformatted,
    /// `<figcaption>` or the text wrapped by a `[caption]` shortcode.
    Caption,
}

impl BlockKind {
    /// Is this a kind the glue filters may rewrite (running prose)?
    pub fn is_prose(self) -> bool {
        matches!(self, BlockKind::Paragraph | BlockKind::Quote)
    }
}

/// One block of clean text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Block {
    /// What the block is.
    #[serde(flatten)]
    pub kind: BlockKind,
    /// The text: lines joined by `\n`, each trimmed, none empty.
    pub text: String,
    /// Bytes of the text that were inside links (`<a>`), for the link-density filter.
    #[serde(skip)]
    pub(crate) link_bytes: usize,
    /// The block is the text of a cut attribute (it ended in `“ />`): an alt or title text.
    #[serde(skip)]
    pub(crate) from_attribute: bool,
    /// Some `<`, `>`, `{` or `[` of the text was decoded from a reference (`&lt;p&gt;`): it is
    /// what the page displayed, and no second look may take it for markup.
    #[serde(skip)]
    pub(crate) decoded_markup: bool,
}

impl Block {
    /// Makes a block.
    pub fn new(kind: BlockKind, text: impl Into<String>) -> Block {
        Block { kind, text: text.into(), link_bytes: 0, from_attribute: false, decoded_markup: false }
    }
}
