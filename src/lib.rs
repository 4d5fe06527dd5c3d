//! descrape turns scraped web articles with leftover markup into clean plain text.
//!
//! # Brief overview
//!
//! A [`Cleaner`] is built once from a [`RuleSet`] and shared by every thread.
//! [`Cleaner::clean`] takes text that may carry complete tags, broken tags whose prose
//! follows inside them, Angular/Vue attributes, entities (escaped once or twice), template
//! residue and comment-form boilerplate, and returns [`Cleaned`]: the clean text and
//! [`Stats`] about what was removed.
//!
//! Every input becomes a stream of [`Block`]s (paragraphs, headings, list items …), the
//! filters work on blocks, and the renderer writes the normal form: lines trimmed, one blank
//! line between blocks, list items on consecutive lines, one final newline. Text already in
//! that form, with no markup, comes out byte for byte.
//!
//! # Example
//!
//! ```
//! let cleaner = descrape::Cleaner::builder().build()?;
//! let out = cleaner.clean("<p _ngcontent-sc90 class= Während die Sonne schien&amp;nbsp;…\n\nLeave a Reply");
//! assert_eq!(out.text, "Während die Sonne schien …\n");
//! assert_eq!(out.stats.rule("comment-form"), 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Rules
//!
//! Boilerplate phrases, sentence starters, abbreviations, shortcode names and thresholds are
//! data files under `rules/`, compiled in. [`RuleSet::add_source`] adds a user's files in the
//! same format; `rules/README.md` describes it.

#![deny(missing_docs)]
#![forbid(unsafe_code)]
#![deny(rustdoc::broken_intra_doc_links)]

mod block;
mod cleaner;
#[cfg(test)]
mod concat;
pub mod decode;
mod detect;
mod dom;
mod error;
mod filter;
mod render;
mod residue;
mod rules;
mod stats;
pub mod stream;
mod text;

pub use block::{Block, BlockBuilder, BlockKind, Context, Origin, Span, SpanKind};
pub use cleaner::{Cleaned, Cleaner, CleanerBuilder};
pub use decode::{Decoded, Skip, StreamDecoder, decode};
pub use detect::{Input, is_document};
pub use error::{Error, RuleError};
pub use render::Format;
pub use rules::{Defaults, RuleSet};
pub use stats::Stats;

/// Cleans `input` with the built-in rules. For more than one text, build a [`Cleaner`] once.
///
/// ```
/// assert_eq!(descrape::clean_str("<b>bold</b> move"), "bold move\n");
/// ```
pub fn clean_str(input: &str) -> String {
    match Cleaner::builder().build() {
        Ok(c) => c.clean(input).text,
        // Building with the built-in rules cannot fail; keep the text rather than panic.
        Err(_) => input.to_owned(),
    }
}
