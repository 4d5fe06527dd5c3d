//! Renders blocks as one JSON document: the title (the first top-level heading), the language,
//! the blocks with their kinds (a table's cells grouped into rows), and what cleaning did.

use serde::Serialize;
use serde_json::{Value, json};

use crate::block::{Block, BlockKind};
use crate::stats::Stats;

/// Renders `blocks` as a JSON document (one line, then a newline).
pub(crate) fn to_json(blocks: &[Block], lang: Option<&str>, stats: &Stats) -> String {
    let mut out: Vec<Value> = Vec::with_capacity(blocks.len());
    for b in blocks {
        if let BlockKind::TableCell { table, row, col, header } = b.kind {
            let cell = json!({ "text": b.text, "header": header, "col": col });
            // A cell of the row before: the row gets it.
            if let Some(last) =
                out.last_mut().filter(|l| l["kind"] == "table_row" && l["table"] == table && l["row"] == row)
            {
                if let Some(cells) = last.get_mut("cells").and_then(Value::as_array_mut) {
                    cells.push(cell);
                }
                continue;
            }
            out.push(json!({ "kind": "table_row", "table": table, "row": row, "cells": [cell] }));
            continue;
        }
        out.push(serde_json::to_value(b).unwrap_or(Value::Null));
    }
    let doc = Document { title: title(blocks), lang, blocks: out, stats };
    let mut s = serde_json::to_string(&doc).unwrap_or_default();
    s.push('\n');
    s
}

#[derive(Serialize)]
struct Document<'a> {
    title: Option<&'a str>,
    lang: Option<&'a str>,
    blocks: Vec<Value>,
    stats: &'a Stats,
}

/// The first `<h1>`, else the first heading of the highest level among the first blocks.
pub(crate) fn title(blocks: &[Block]) -> Option<&str> {
    blocks
        .iter()
        .take(32)
        .filter_map(|b| match b.kind {
            BlockKind::Heading { level } => Some((level, b.text.as_str())),
            _ => None,
        })
        .min_by_key(|&(level, _)| level)
        .map(|(_, text)| text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_rows_and_title() {
        let blocks = [
            Block::new(BlockKind::Heading { level: 1 }, "Title"),
            Block::new(BlockKind::Paragraph, "Text."),
            Block::new(BlockKind::TableCell { table: 0, row: 0, col: 0, header: true }, "A"),
            Block::new(BlockKind::TableCell { table: 0, row: 0, col: 1, header: true }, "B"),
            Block::new(BlockKind::TableCell { table: 0, row: 1, col: 0, header: false }, "1"),
        ];
        let doc: Value = serde_json::from_str(&to_json(&blocks, Some("en"), &Stats::default())).unwrap();
        assert_eq!(doc["title"], "Title");
        assert_eq!(doc["lang"], "en");
        assert_eq!(doc["blocks"][0], json!({ "kind": "heading", "level": 1, "text": "Title" }));
        assert_eq!(doc["blocks"][1], json!({ "kind": "paragraph", "text": "Text." }));
        assert_eq!(doc["blocks"][2]["cells"].as_array().map(Vec::len), Some(2));
        assert_eq!(doc["blocks"][3]["cells"][0]["text"], "1");
        assert!(doc["stats"].is_object());
    }
}
