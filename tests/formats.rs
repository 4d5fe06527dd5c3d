//! Output formats: `--format text|markdown|json` in every mode, `--links`, the JSON document's
//! shape, and Markdown that a CommonMark reader turns back into the text's words.

use std::fs;
use std::sync::LazyLock;

use descrape::Cleaner;

use proptest::prelude::*;
use serde_json::Value;

use crate::util::{Tree, descrape};

const PAGE: &str = "<h1>Title</h1><p>See <a href=\"/a\">the list</a> and run <code>make</code>.</p>\
                    <ul><li>one</li><li>two</li></ul><table><tr><th>k</th><th>v</th></tr><tr><td>a</td><td>1</td></tr></table>";

#[test]
fn batch_outputs_are_named_by_format_and_never_taken_for_inputs() {
    let tree = Tree::new();
    tree.write("a/page.html", PAGE);
    descrape().args(["--format", "markdown", "-q"]).arg(tree.path("a")).assert().success();
    let md = fs::read_to_string(tree.path("a/page.clean.md")).unwrap();
    assert_eq!(
        md,
        "# Title\n\nSee the list and run `make`.\n\n- one\n- two\n\n| k | v |\n| --- | --- |\n| a | 1 |\n"
    );
    descrape().args(["--format", "json", "-q"]).arg(tree.path("a")).assert().success();
    let doc: Value =
        serde_json::from_str(&fs::read_to_string(tree.path("a/page.clean.json")).unwrap()).unwrap();
    assert_eq!(doc["title"], "Title");
    // A second run, with `md` among the extensions: outputs of every format are no inputs.
    let out =
        descrape().args(["--ext", "html,md,json", "--json", "-q"]).arg(tree.path("a")).output().unwrap();
    let summary = String::from_utf8_lossy(&out.stdout);
    assert!(!summary.contains("page.clean.md\""), "{summary}");
    assert!(!tree.path("a/page.clean.clean.txt").exists());
}

#[test]
fn a_nested_list_is_part_of_the_list_around_it_in_every_format() {
    // After the nested list closes, the items are the outer list's again: Markdown numbers
    // them on, plain text writes the whole list on consecutive lines, JSON gives them the
    // outer list's number.
    let html =
        "<ol><li>one</li><li>two<ul><li>x</li><li>y</li></ul></li><li>three</li></ol><ol><li>other</li></ol>";
    let clean = |format: descrape::Format| {
        Cleaner::builder().input(descrape::Input::Html).format(format).build().unwrap().clean(html).text
    };
    assert_eq!(clean(descrape::Format::Markdown), "1. one\n2. two\n   - x\n   - y\n3. three\n\n1. other\n");
    assert_eq!(clean(descrape::Format::Text), "one\ntwo\nx\ny\nthree\n\nother\n");
    let doc: Value = serde_json::from_str(&clean(descrape::Format::Json)).unwrap();
    let lists: Vec<u64> =
        doc["blocks"].as_array().unwrap().iter().map(|b| b["list"].as_u64().unwrap()).collect();
    assert_eq!(lists[0], lists[1]);
    assert_eq!(lists[0], lists[4]);
    assert_ne!(lists[1], lists[2]);
    assert_ne!(lists[0], lists[5]);
}

#[test]
fn markdown_links_only_when_asked() {
    descrape()
        .args(["--format", "md", "--links", "-"])
        .write_stdin(PAGE)
        .assert()
        .success()
        .stdout(predicates::str::contains("See [the list](/a) and run `make`."));
    descrape().args(["--links", "-"]).write_stdin(PAGE).assert().code(2);
}

#[test]
fn the_json_document_has_title_lang_blocks_and_stats() {
    let out = descrape().args(["--format", "json", "-"]).write_stdin(PAGE).output().unwrap();
    assert!(out.status.success());
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["title"], "Title");
    let kinds: Vec<&str> =
        doc["blocks"].as_array().unwrap().iter().map(|b| b["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["heading", "paragraph", "list_item", "list_item", "table_row", "table_row"]);
    assert_eq!(doc["blocks"][0]["level"], 1);
    assert_eq!(
        doc["blocks"][1]["spans"][0],
        serde_json::json!({"start": 4, "end": 12, "type": "link", "href": "/a"})
    );
    assert_eq!(doc["blocks"][1]["spans"][1]["type"], "code");
    assert_eq!(doc["blocks"][2]["ordered"], false);
    assert_eq!(doc["blocks"][4]["cells"][0], serde_json::json!({"text": "k", "header": true, "col": 0}));
    assert_eq!(doc["stats"]["tags"].as_u64().map(|n| n > 0), Some(true));
}

#[test]
fn jsonl_records_carry_the_format_asked_for() {
    let line = serde_json::json!({ "id": 7, "text": PAGE }).to_string() + "\n";
    let out =
        descrape().args(["--jsonl", "--format", "json", "-q"]).write_stdin(line.clone()).output().unwrap();
    let rec: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rec["id"], 7);
    assert_eq!(rec["text"]["title"], "Title");
    let out = descrape().args(["--jsonl", "--format", "markdown", "-q"]).write_stdin(line).output().unwrap();
    let rec: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(rec["text"].as_str().unwrap().starts_with("# Title\n\n"));
}

/// A list marker, which Markdown writes as its own and a reader does not show as a word: a
/// bullet, or a number and `.` or `)`. Left out on both sides.
fn is_marker(w: &str) -> bool {
    matches!(w, "-" | "•" | "*" | "+")
        || w.len() >= 2
            && w.len() <= 4
            && w.ends_with(['.', ')'])
            && w.get(..w.len() - 1).is_some_and(|d| d.bytes().all(|c| c.is_ascii_digit()))
}

/// The words of CommonMark `md` as a reader shows them.
fn markdown_words(md: &str) -> Vec<String> {
    use pulldown_cmark::{Event, Options, Parser};
    let mut text = String::new();
    for event in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::Start(_) | Event::End(_) => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().filter(|w| !is_marker(w)).map(str::to_owned).collect()
}

/// The words of the text rendering.
fn text_words(text: &str) -> Vec<String> {
    text.split_whitespace().filter(|w| !is_marker(w)).map(str::to_owned).collect()
}

const PIECES: [&str; 24] = [
    "<p>",
    "</p>",
    "<h2>",
    "</h2>",
    "<ul><li>",
    "</li><li>",
    "</li></ul>",
    "<ol><li>",
    "<pre>",
    "</pre>",
    "<table><tr><td>",
    "</td><td>",
    "</td></tr></table>",
    "<blockquote>",
    "</blockquote>",
    "<code>",
    "</code>",
    "<a href=\"/x y\">",
    "</a>",
    "<br>",
    "\n\n",
    "<hr>",
    "<b>",
    "</b>",
];
const WORDS: [&str; 20] = [
    "alpha", "beta", "1.", "2)", "#", "*star*", "_under_", "a_b", "[x]", "`tick`", "<tag>", "x<y", "&amp;",
    "AT&T", "|", "- dash", "+", "> gt", "\\", "~~s~~",
];

static TEXT: LazyLock<Cleaner> = LazyLock::new(|| Cleaner::builder().build().unwrap());
static MARKDOWN: LazyLock<Cleaner> =
    LazyLock::new(|| Cleaner::builder().format(descrape::Format::Markdown).build().unwrap());
static MARKDOWN_LINKS: LazyLock<Cleaner> =
    LazyLock::new(|| Cleaner::builder().format(descrape::Format::Markdown).links(true).build().unwrap());

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]
    /// Markdown holds the same words as the text rendering, read back by a CommonMark reader.
    #[test]
    fn markdown_read_back_holds_the_text_words(parts in proptest::collection::vec((0usize..24, 0usize..20), 1..24)) {
        let mut input = String::new();
        for (p, w) in parts {
            input.push_str(PIECES[p]);
            input.push_str(WORDS[w]);
            input.push(' ');
        }
        let text = TEXT.clean(&input).text;
        let md = MARKDOWN.clean(&input).text;
        prop_assert_eq!(markdown_words(&md), text_words(&text), "input {:?}\nmarkdown {:?}", input, md);
        let md = MARKDOWN_LINKS.clean(&input).text;
        prop_assert_eq!(markdown_words(&md), text_words(&text), "input {:?}\nmarkdown with links {:?}", input, md);
    }
}
