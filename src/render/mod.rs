//! Renders the clean blocks in the format asked for: plain text in normal form
//! ([`text`]), Markdown ([`markdown`]) or one JSON document ([`json`]). One stream of blocks,
//! three printers, as ripgrep's printers share its matches.

mod json;
pub(crate) use json::title;
mod markdown;
mod text;

use std::str::FromStr;

use crate::block::Block;
use crate::stats::Stats;

pub(crate) use text::to_text;

/// What [`crate::Cleaner::clean`] writes.
///
/// ```
/// let json = descrape::Cleaner::builder().format("json".parse()?).build()?;
/// let doc: serde_json::Value = serde_json::from_str(&json.clean("<h1>T</h1><p>x</p>").text)?;
/// assert_eq!(doc["title"], "T");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    /// Plain text in normal form: lines trimmed, a blank line between blocks, the items of a
    /// list on consecutive lines, one final newline.
    #[default]
    Text,
    /// Markdown (CommonMark with pipe tables): headings, nested lists, tables, fenced code,
    /// quotes, rules; links only when asked ([`crate::CleanerBuilder::links`]).
    Markdown,
    /// One JSON document: `{"title", "lang", "blocks": [{"kind", "text", …}], "stats"}`.
    Json,
}

impl Format {
    /// The extension of a file in this format (`txt`, `md`, `json`).
    ///
    /// ```
    /// assert_eq!(descrape::Format::Markdown.extension(), "md");
    /// ```
    pub fn extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Markdown => "md",
            Format::Json => "json",
        }
    }
}

impl FromStr for Format {
    type Err = String;

    /// `text`, `markdown` (or `md`), `json`.
    fn from_str(s: &str) -> Result<Format, String> {
        match s.to_ascii_lowercase().as_str() {
            "text" | "txt" => Ok(Format::Text),
            "markdown" | "md" => Ok(Format::Markdown),
            "json" => Ok(Format::Json),
            _ => Err(format!("unknown format `{s}` (text, markdown, json)")),
        }
    }
}

/// How to render.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Options {
    pub format: Format,
    /// Markdown: write links as `[text](href)`.
    pub links: bool,
}

/// Renders `blocks` as `options` says.
pub(crate) fn render(blocks: &[Block], options: Options, lang: Option<&str>, stats: &Stats) -> String {
    match options.format {
        Format::Text => text::to_text(blocks),
        Format::Markdown => markdown::to_markdown(blocks, options.links),
        Format::Json => json::to_json(blocks, lang, stats),
    }
}
