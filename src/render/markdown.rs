//! Renders blocks as Markdown (CommonMark, with GitHub's pipe tables): `#` headings, nested
//! `-` and `1.` lists, pipe tables, fenced code with its language, `>` quotes, `---` rules;
//! inline code as code spans, links as `[text](href)` when asked. Text that Markdown would
//! read as markup (`*`, `_`, `[`, `<`, a `#` or `1.` starting a line …) is escaped, so a
//! Markdown reader shows exactly the words of the text rendering.

use std::fmt::Write as _;

use crate::block::{Block, BlockKind, SpanKind};

/// Renders `blocks` as Markdown; `links`: write links as `[text](href)`.
pub(crate) fn to_markdown(blocks: &[Block], links: bool) -> String {
    let mut out = String::with_capacity(blocks.iter().map(|b| b.text.len() + 8).sum());
    let mut i = 0;
    // The marker widths of the enclosing list items, by depth, for the current list.
    let mut indents: Vec<usize> = Vec::new();
    let mut numbers: Vec<(u32, u32)> = Vec::new();
    let mut prev: Option<BlockKind> = None;
    while let Some(b) = blocks.get(i) {
        let same_list = prev.is_some_and(|p| p.same_list(b.kind));
        if prev.is_some() {
            out.push_str(if same_list { "\n" } else { "\n\n" });
        }
        if !same_list {
            indents.clear();
            numbers.clear();
        }
        match b.kind {
            BlockKind::Heading { level } => {
                for _ in 0..level.clamp(1, 6) {
                    out.push('#');
                }
                out.push(' ');
                let text = inline(b, links, " ");
                // A heading's closing `#`s are not text: a `#` that ends the text is escaped.
                let run = text.len() - text.trim_end_matches('#').len();
                if run > 0 && !text.ends_with("\\#") {
                    let (head, tail) = text.split_at(text.len() - run);
                    out.push_str(head);
                    out.push('\\');
                    out.push_str(tail);
                } else {
                    out.push_str(&text);
                }
            }
            BlockKind::ListItem { list, depth, ordered } => {
                let depth = usize::from(depth.max(1));
                indents.truncate(depth - 1);
                let pad: usize = indents.iter().sum();
                // Items of plain-text lists keep the bullet they were written with in their
                // text; Markdown writes its own.
                let text = match b.part(bullet_len(&b.text)..b.text.len()) {
                    Some(rest) => inline(&rest, links, "\n"),
                    None => inline(b, links, "\n"),
                };
                let text = text.as_str();
                let marker = if ordered {
                    let n = next_number(&mut numbers, list);
                    format!("{n}. ")
                } else {
                    "- ".to_owned()
                };
                while indents.len() < depth - 1 {
                    indents.push(2);
                }
                indents.push(marker.len());
                push_indented(&mut out, pad, &marker, text);
            }
            BlockKind::TableCell { table, .. } => {
                let end = blocks
                    .iter()
                    .skip(i)
                    .position(|c| !matches!(c.kind, BlockKind::TableCell { table: t, .. } if t == table))
                    .map_or(blocks.len(), |n| i + n);
                table_rows(&mut out, blocks.get(i..end).unwrap_or_default(), links);
                i = end;
                prev = Some(b.kind);
                continue;
            }
            BlockKind::Preformatted => {
                let fence = "`".repeat(longest_run(&b.text, '`').max(2) + 1);
                let lang = b.code_lang().unwrap_or("");
                let _ = write!(out, "{fence}{lang}\n{}\n{fence}", b.text);
            }
            BlockKind::Quote => {
                let text = inline(b, links, "\n");
                for (n, line) in text.lines().enumerate() {
                    if n > 0 {
                        out.push('\n');
                    }
                    out.push_str("> ");
                    out.push_str(line);
                }
            }
            BlockKind::Rule => out.push_str("---"),
            _ => out.push_str(&inline(b, links, "\n")),
        }
        prev = Some(b.kind);
        i += 1;
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

/// The number of the next item of `list` (numbering starts at 1 for each list).
fn next_number(numbers: &mut Vec<(u32, u32)>, list: u32) -> u32 {
    match numbers.iter_mut().find(|(l, _)| *l == list) {
        Some((_, n)) => {
            *n += 1;
            *n
        }
        None => {
            numbers.push((list, 1));
            1
        }
    }
}

/// Writes `marker` and `text` at `pad` spaces, the text's further lines under the first.
fn push_indented(out: &mut String, pad: usize, marker: &str, text: &str) {
    for (n, line) in text.lines().enumerate() {
        if n > 0 {
            out.push('\n');
            out.extend(std::iter::repeat_n(' ', pad + marker.len()));
        } else {
            out.extend(std::iter::repeat_n(' ', pad));
            out.push_str(marker);
        }
        out.push_str(line);
    }
}

/// The bytes of the bullet or number a plain-text item was written with (`• `, `- `, `3. `),
/// or 0.
fn bullet_len(text: &str) -> usize {
    for bullet in ["•", "·", "▪", "◦", "‣", "-", "*", "–", "—", "►", "✓", "→"] {
        if text.strip_prefix(bullet).is_some_and(|r| r.starts_with(' ')) {
            return bullet.len() + 1;
        }
    }
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let rest = text.get(digits..).unwrap_or_default();
    if (1..=3).contains(&digits) && (rest.starts_with(". ") || rest.starts_with(") ")) {
        return digits + 2;
    }
    0
}

/// The cells of one table as a pipe table: the first row is the header (Markdown tables have
/// one); rows are padded to the widest.
fn table_rows(out: &mut String, cells: &[Block], links: bool) {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut last: Option<(u32, u32)> = None;
    for c in cells {
        let BlockKind::TableCell { row, col, .. } = c.kind else {
            continue;
        };
        // A `|` in a cell is escaped, as everywhere in text.
        let text = inline_in(c, links, " ", true);
        match (last, rows.last_mut()) {
            // Two paragraphs of one cell.
            (Some((r, k)), Some(cur)) if r == row && k == col => {
                if let Some(cell) = cur.last_mut() {
                    cell.push(' ');
                    cell.push_str(&text);
                }
            }
            (Some((r, _)), Some(cur)) if r == row => cur.push(text),
            _ => rows.push(vec![text]),
        }
        last = Some((row, col));
    }
    let width = rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
    for (n, row) in rows.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        out.push('|');
        for k in 0..width {
            let cell = row.get(k).map_or("", String::as_str);
            let _ = write!(out, " {cell} |");
        }
        if n == 0 {
            out.push_str("\n|");
            for _ in 0..width {
                out.push_str(" --- |");
            }
        }
    }
}

/// The block's text as Markdown inline content: escaped, code spans, links if asked; lines
/// joined by `line_sep` (`"\n"` keeps them as hard breaks, `" "` joins them).
fn inline(b: &Block, links: bool, line_sep: &str) -> String {
    inline_in(b, links, line_sep, false)
}

/// [`inline`]; `table`: in a table cell, where a `|` even in code must be escaped.
fn inline_in(b: &Block, links: bool, line_sep: &str, table: bool) -> String {
    let text = &b.text;
    let mut out = String::with_capacity(text.len() + 16);
    let mut at = 0;
    for s in b.spans() {
        let (Some(before), Some(inner)) = (text.get(at..s.start), text.get(s.start..s.end)) else {
            continue;
        };
        escape_into(&mut out, before, starts_line(text, at));
        match &s.kind {
            SpanKind::Code if !inner.contains('\n') => {
                let ticks = "`".repeat(longest_run(inner, '`') + 1);
                let pad = if inner.starts_with('`') || inner.ends_with('`') { " " } else { "" };
                let inner = if table { inner.replace('|', "\\|") } else { inner.to_owned() };
                let _ = write!(out, "{ticks}{pad}{inner}{pad}{ticks}");
            }
            SpanKind::Link { href } if links && !href.is_empty() && !inner.contains('\n') => {
                out.push('[');
                escape_into(&mut out, inner, false);
                let _ = write!(out, "]({})", link_destination(href));
            }
            _ => escape_into(&mut out, inner, starts_line(text, s.start)),
        }
        at = s.end;
    }
    escape_into(&mut out, text.get(at..).unwrap_or_default(), starts_line(text, at));
    if line_sep == "\n" { out.replace('\n', "\\\n") } else { out.replace('\n', line_sep) }
}

/// Whether `text[at..]` starts a line (lines are trimmed: the text or a newline is before).
fn starts_line(text: &str, at: usize) -> bool {
    at == 0 || text.get(..at).is_some_and(|t| t.ends_with('\n'))
}

/// A link target as Markdown writes it: in `<…>` when it has spaces or parentheses.
fn link_destination(href: &str) -> String {
    if href.contains([' ', '(', ')', '<', '>', '\n']) {
        format!("<{}>", href.replace(['<', '>', '\n'], ""))
    } else {
        href.to_owned()
    }
}

/// Appends `s` with what Markdown would read as markup escaped, and nothing else (`snake_case`,
/// `1.5`, `5 > 3`, `AT&T` stay as they are). `line_start`: `s` starts a line (where `#`, `>`,
/// `-`, `+`, `=`, `1.` begin blocks).
fn escape_into(out: &mut String, s: &str, line_start: bool) {
    let mut start_of_line = line_start;
    let mut prev: Option<char> = None;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let ends_marker = |n: Option<char>| n.is_none_or(|n| n == ' ' || n == '\n');
        let word = |x: Option<char>| x.is_some_and(char::is_alphanumeric);
        let escape = match c {
            '\\' | '`' | '*' | '[' | ']' | '~' | '|' => true,
            // `_` is emphasis only at the edge of a word.
            '_' => !word(prev) || !word(next),
            // An HTML tag, an autolink, a character reference.
            '<' => next.is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?')),
            '&' => next.is_some_and(|n| n.is_ascii_alphanumeric() || n == '#'),
            '>' => start_of_line,
            '#' => start_of_line && (ends_marker(next) || next == Some('#')),
            '-' | '+' | '=' => start_of_line && (ends_marker(next) || next == Some(c)),
            _ => false,
        };
        if c.is_ascii_digit() && start_of_line {
            // `1. ` or `1) ` at a line start would begin an ordered list.
            let rest = s.get(i..).unwrap_or_default();
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            let mut after = rest.get(digits..).unwrap_or_default().chars();
            if let Some(p) = after.next().filter(|p| matches!(p, '.' | ')')) {
                if ends_marker(after.next()) {
                    out.push_str(rest.get(..digits).unwrap_or_default());
                    out.push('\\');
                    out.push(p);
                    for _ in 0..digits {
                        chars.next();
                    }
                    start_of_line = false;
                    prev = Some(p);
                    continue;
                }
            }
        }
        if escape {
            out.push('\\');
        }
        out.push(c);
        start_of_line = c == '\n' || (start_of_line && c == ' ');
        prev = Some(c);
    }
}

/// The longest run of `c` in `s`.
fn longest_run(s: &str, c: char) -> usize {
    let (mut best, mut run) = (0, 0);
    for x in s.chars() {
        run = if x == c { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::block::{Span, SpanKind};

    fn item(list: u32, depth: u8, ordered: bool, text: &str) -> Block {
        Block::new(BlockKind::ListItem { list, depth, ordered }, text)
    }

    fn cell(row: u32, col: u32, header: bool, text: &str) -> Block {
        Block::new(BlockKind::TableCell { table: 0, row, col, header }, text)
    }

    #[test]
    fn headings_lists_tables_code_quotes_rules() {
        let mut code = Block::new(BlockKind::Preformatted, "fn main() {}\n  x");
        code.set_code_lang(Some("rust"));
        let blocks = [
            Block::new(BlockKind::Heading { level: 2 }, "Results"),
            item(1, 1, false, "one"),
            item(2, 2, true, "one a"),
            item(2, 2, true, "one b"),
            item(1, 1, false, "two"),
            cell(0, 0, true, "Name"),
            cell(0, 1, true, "Votes"),
            cell(1, 0, false, "A|B"),
            cell(1, 1, false, "12"),
            code,
            Block::new(BlockKind::Quote, "Said so.\nTwice."),
            Block::new(BlockKind::Rule, ""),
            Block::new(BlockKind::Paragraph, "# not a heading, *not* emphasis, 1. not a list"),
        ];
        assert_eq!(
            to_markdown(&blocks, false),
            "## Results\n\n- one\n  1. one a\n  2. one b\n- two\n\n| Name | Votes |\n| --- | --- |\n| A\\|B | 12 |\n\n\
             ```rust\nfn main() {}\n  x\n```\n\n> Said so.\\\n> Twice.\n\n---\n\n\
             \\# not a heading, \\*not\\* emphasis, 1. not a list\n"
        );
    }

    #[test]
    fn links_and_code_spans() {
        let mut b = Block::new(BlockKind::Paragraph, "Run cargo test, see the docs.");
        b.set_spans(vec![
            Span { start: 4, end: 14, kind: SpanKind::Code },
            Span { start: 20, end: 28, kind: SpanKind::Link { href: "https://x.org/a b".into() } },
        ]);
        assert_eq!(to_markdown(std::slice::from_ref(&b), false), "Run `cargo test`, see the docs.\n");
        assert_eq!(
            to_markdown(std::slice::from_ref(&b), true),
            "Run `cargo test`, see [the docs](<https://x.org/a b>).\n"
        );
    }

    #[test]
    fn plain_text_bullets_become_markdown_items() {
        let blocks = [item(3, 1, false, "• eins"), item(3, 1, false, "• zwei"), item(5, 1, true, "1. drei")];
        assert_eq!(to_markdown(&blocks, false), "- eins\n- zwei\n\n1. drei\n");
    }
}
