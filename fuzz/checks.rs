//! What each fuzz target checks, shared with `tests/fuzz_regressions.rs`, which replays every
//! file under `fuzz/regressions/<target>/` on stable in `cargo test`. A check panics when the
//! library breaks its contract on `data`.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::io::BufReader;
use std::sync::OnceLock;

use descrape::stream::{jsonl, warc};
use descrape::{Cleaner, RuleSet};

fn cleaner() -> &'static Cleaner {
    static C: OnceLock<Cleaner> = OnceLock::new();
    C.get_or_init(|| Cleaner::builder().build().unwrap())
}

/// A cleaner writing `format` (Markdown with its links).
fn renderer(format: descrape::Format) -> &'static Cleaner {
    static JSON: OnceLock<Cleaner> = OnceLock::new();
    static MD: OnceLock<Cleaner> = OnceLock::new();
    let cell = if format == descrape::Format::Json { &JSON } else { &MD };
    cell.get_or_init(|| Cleaner::builder().format(format).links(true).build().unwrap())
}

/// Without the filters that remove whole blocks by what they are (boilerplate, link-heavy
/// blocks, teasers): an `<a>` whose `</a>` never comes makes a menu item of the word after
/// it, and removing that is right. What is checked is that markup loses no word.
fn lexer_cleaner() -> &'static Cleaner {
    static C: OnceLock<Cleaner> = OnceLock::new();
    C.get_or_init(|| Cleaner::builder().boilerplate(false).build().unwrap())
}

/// The normal form: no control character but newlines and tabs, lines trimmed, no more
/// than one blank line in a row, one final newline (none for empty text).
fn assert_normal_form(out: &str, input: &[u8]) {
    let bad = out.chars().find(|&c| c.is_control() && c != '\n' && c != '\t' || c == '\u{feff}');
    assert!(bad.is_none(), "control character {bad:?} in {out:?} from {input:?}");
    if out.is_empty() {
        return;
    }
    assert!(out.ends_with('\n') && !out.ends_with("\n\n"), "final newline: {out:?} from {input:?}");
    assert!(!out.contains("\n\n\n"), "two blank lines: {out:?} from {input:?}");
    for line in out.lines() {
        assert_eq!(line, line.trim(), "untrimmed line in {out:?} from {input:?}");
    }
    assert!(!out.starts_with('\n'), "leading blank line: {out:?} from {input:?}");
}

/// Any bytes, read as UTF-8 with U+FFFD: cleaning never panics, the output is in normal
/// form, and cleaning it again gives it back where DESIGN.md says it must: input without
/// character references (a decoded `&lt;p&gt;` is literal text that a second pass may read
/// as markup), without `<pre>` (its text is exempt from the filters, and plain text
/// cannot say it was preformatted), and not read as a whole page (the text of a page is not
/// a page).
pub fn clean_bytes(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let first = cleaner().clean(&text);
    let once = first.text;
    assert_normal_form(&once, data);
    // The other renderers take the same blocks: JSON parses, Markdown has text when the text
    // form has.
    let json = renderer(descrape::Format::Json).clean(&text).text;
    let doc: serde_json::Value =
        serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json:?} from {text:?}"));
    assert!(doc["blocks"].is_array(), "{json:?}");
    let md = renderer(descrape::Format::Markdown).clean(&text).text;
    assert!(once.is_empty() || !md.trim().is_empty(), "no Markdown for {once:?} from {text:?}");
    // What the lexer sees: control characters (and U+FEFF) are removed first, and may join
    // `<p\0re>`, `<p\u{feff}re>`.
    let seen: String = text
        .chars()
        .filter(|&c| !c.is_control() && c != '\u{feff}' || matches!(c, '\n' | '\t' | '\r'))
        .collect();
    // A page's text is not a page: what it displays (`< p >`, `“ />`) may read as markup.
    if first.stats.pages == 0 && !seen.contains('&') && !opens_pre(&seen) {
        let twice = cleaner().clean(&once).text;
        assert_eq!(twice, once, "not idempotent on {text:?}");
    }
}

/// Whether `s` holds a `<pre`, spaced or not (`< pre>`, as machine translation writes tags).
fn opens_pre(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    lower
        .match_indices('<')
        .any(|(i, _)| lower.get(i + 1..).is_some_and(|r| r.trim_start().starts_with("pre")))
}

/// Words of prose, each a different made-up word so that none is boilerplate.
const SYLLABLES: [&str; 16] =
    ["ka", "lo", "mir", "tu", "sen", "vi", "dor", "pa", "ne", "rus", "fi", "gal", "to", "be", "zum", "ha"];

/// Markup put around and between the words.
const MARKUP: [&str; 24] = [
    "<p>",
    "</p>",
    "<b>",
    "</b>",
    "<p class=\"x\">",
    "<p _ngcontent-sc90 class= ",
    "<br>",
    "<br/>",
    "<!---->",
    "<!-- c -->",
    "<span>",
    "</span>",
    "<a href=\"/x\">",
    "</a>",
    "<h2>",
    "</h2>",
    "<div>",
    "</div>",
    "<li>",
    "</li>",
    "{{ x }}",
    "<img src=\"a.jpg\" alt=\"\">",
    "&nbsp;",
    "\n\n",
];

/// A structured input: bytes choose words and markup. Every word comes out, no markup does.
pub fn markup_words(data: &[u8]) {
    let mut text = String::new();
    let mut words = Vec::new();
    let mut chunks = data.chunks_exact(2);
    for pair in &mut chunks {
        let (a, b) = (pair[0], pair[1]);
        if a & 1 == 0 {
            // A word of two or three syllables, capitalised at a paragraph start.
            let mut w = String::new();
            for k in 0..(2 + usize::from(b & 1)) {
                w.push_str(SYLLABLES[usize::from((b >> (k * 2 + 1)) & 15) % 16]);
            }
            w.push_str(&words.len().to_string());
            text.push(' ');
            text.push_str(&w);
            words.push(w);
        } else {
            text.push_str(MARKUP[usize::from(b) % MARKUP.len()]);
        }
    }
    let out = lexer_cleaner().clean(&text).text;
    assert_normal_form(&out, text.as_bytes());
    for w in &words {
        assert!(out.contains(w.as_str()), "lost {w:?}\ninput: {text:?}\noutput: {out:?}");
    }
    for leak in
        ["<p", "/>", "class=", "_ngcontent", "&nbsp;", "{{", "<!--", "<span", "<b>", "href=", "<br", "<img"]
    {
        assert!(!out.contains(leak), "leaked {leak:?}\ninput: {text:?}\noutput: {out:?}");
    }
}

/// Any bytes as a WARC file: reading and cleaning every record never panics, and pages come
/// out in normal form.
pub fn warc(data: &[u8]) {
    warc::read(BufReader::new(data), &mut |item| {
        if let warc::Output::Page(page) = warc::clean(cleaner(), item) {
            if !page.text.is_empty() {
                assert_normal_form(&format!("{}\n", page.text), data);
            }
        }
        true
    });
}

/// Any bytes as JSON Lines: reading lines with a bound and cleaning each never panics; a
/// cleaned record is valid JSON whose field holds normal-form text.
pub fn jsonl(data: &[u8]) {
    let fields = jsonl::Fields { input: "text".into(), output: "text".into(), stats: None };
    let mut r = BufReader::with_capacity(16, data);
    let mut line = Vec::new();
    while let Ok(jsonl::Line::Read | jsonl::Line::TooLong(_)) = jsonl::read_line(&mut r, &mut line, 4096) {
        if let jsonl::LineResult::Cleaned { line: out, .. } = jsonl::clean_line(cleaner(), &fields, &line) {
            let s = std::str::from_utf8(&out).expect("cleaned record is UTF-8");
            assert!(s.ends_with('\n') && !s.trim_end_matches('\n').contains('\n'), "one line: {s:?}");
            assert!(s.starts_with('{'), "an object: {s:?}");
        }
    }
}

/// Any text as a user's rule file, under a kind of name the first byte picks: loading it
/// never panics, and a cleaner built with what loaded (on top of no other rules, so each run
/// is cheap) cleans into normal form.
pub fn rules(data: &[u8]) {
    const NAMES: [&str; 7] = [
        "90-mine.en.txt",
        "starters.de.txt",
        "read-more.fr.txt",
        "abbreviations.txt",
        "selectors-drop.txt",
        "shortcodes.txt",
        "defaults.toml",
    ];
    let Some((&pick, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let mut rules = RuleSet::empty();
    if rules.add_source(NAMES[usize::from(pick) % NAMES.len()], &text).is_ok() {
        let c = Cleaner::builder().rules(rules).build().unwrap();
        let out = c.clean("<p>Ein Satz.</p><p>Leave a Reply</p><div class=\"x\">y</div>").text;
        assert_normal_form(&out, data);
    }
}
