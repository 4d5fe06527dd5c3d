//! Property tests of the cleaner's contract: total on any input, idempotent, loses no prose
//! word from generated markup and leaks none of it, leaves normal-form text alone.

use descrape::Cleaner;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use std::sync::OnceLock;

fn cleaner() -> &'static Cleaner {
    static C: OnceLock<Cleaner> = OnceLock::new();
    C.get_or_init(|| Cleaner::builder().build().unwrap())
}

/// A cleaner that reads every input as a whole page (the DOM path).
fn page_cleaner() -> &'static Cleaner {
    static C: OnceLock<Cleaner> = OnceLock::new();
    C.get_or_init(|| Cleaner::builder().input(descrape::Input::Html).build().unwrap())
}

/// Generated markup wrapped as a whole page, with furniture around the article.
fn as_page(article: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><title>T</title><script>var a = 1 < 2;</script></head><body>\
         <nav><a href=\"/\">Home</a></nav><article>{article}</article>\
         <footer class=\"site-footer\">Footer text</footer></body></html>"
    )
}

/// A prose word: lowercase letters, sometimes non-ASCII.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-z]{3,9}",
        1 => "[a-zäöüéèçñ]{3,9}",
    ]
}

/// A sentence: a capitalised first word, more words, a final stop.
fn sentence() -> impl Strategy<Value = String> {
    (word(), prop::collection::vec(word(), 2..12), prop::sample::select(vec![".", "!", "?"])).prop_map(
        |(first, rest, stop)| {
            let mut s = capitalise(&first);
            for w in rest {
                s.push(' ');
                s.push_str(&w);
            }
            s.push_str(stop);
            s
        },
    )
}

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec(sentence(), 1..4).prop_map(|s| s.join(" "))
}

/// A block of normal-form text: a paragraph, a heading or a bullet list.
fn normal_block() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => paragraph(),
        1 => prop::collection::vec(word(), 1..6).prop_map(|ws| capitalise(&ws.join(" "))),
        1 => prop::collection::vec(sentence(), 2..5).prop_map(|items| {
            items.iter().map(|i| format!("• {i}")).collect::<Vec<_>>().join("\n")
        }),
        1 => (paragraph(), paragraph()).prop_map(|(a, b)| format!("{a}\n{b}")),
        1 => (word(), word()).prop_map(|(a, b)| format!("If {a} > 3 then {b} -> done.")),
        // Comparisons whose letters are tag names, spaced as machine translation spaces tags.
        1 => (prop::sample::select(vec!["a", "b", "i", "p", "q", "s", "u"]), word())
            .prop_map(|(t, w)| format!("When x < {t} > y and {w} < z, stop.")),
    ]
}

/// Markup that may wrap a paragraph: (opening, closing).
fn wrapper() -> impl Strategy<Value = (String, String)> {
    prop::sample::select(vec![
        ("<p>", "</p>"),
        ("<p class=\"lead\">", "</p>"),
        ("<div _ngcontent-sc90 class=\"x\"><p _ngcontent-sc90>", "</p></div>"),
        ("<p _ngcontent-sc90 class= ", "\n"),
        ("<p class=\"a\" ", "\n"),
        ("<section data-v-7ba5bd90><h2 [title]=\"t\">", "</h2></section>"),
        ("<li>", "</li>"),
        ("<blockquote><p>", "</p></blockquote>"),
        ("<!---->", "<!---->"),
        ("{{ header }}<p>", "</p>{% endif %}"),
        ("<p>", "<br/>\n"),
        ("<span style=\"color:red\">", "</span><br><br>"),
        ("<figure><img src=\"a.jpg\" alt=\"\" /><figcaption>", "</figcaption></figure>"),
        ("<script>var a = '<p>';</script><p>", "&nbsp;</p>"),
    ])
    .prop_map(|(a, b)| (a.to_owned(), b.to_owned()))
}

/// Inline markup inside a paragraph: wraps one word.
fn inline(w: &str, k: usize) -> String {
    match k % 5 {
        0 => format!("<b>{w}</b>"),
        1 => format!("<a href=\"https://example.com/{w}\" title=\"x\">{w}</a>"),
        2 => format!("<span _ngcontent-c1>{w}</span>"),
        3 => format!("<em\n class=\"e\">{w}</em>"),
        _ => w.to_owned(),
    }
}

/// The blocks `keep` accepts as marked-up text (each wrapped, every word given inline markup),
/// and the words of their paragraphs, which must all come out.
fn marked_up(
    blocks: &[((String, String), String, usize)],
    keep: impl Fn(&str) -> bool,
) -> (String, Vec<String>) {
    let mut text = String::new();
    let mut words = Vec::new();
    for ((open, close), p, k) in blocks.iter().filter(|((open, _), _, _)| keep(open)) {
        let marked: Vec<String> =
            p.split(' ').enumerate().map(|(i, w)| inline(w, k.wrapping_add(i))).collect();
        text.push_str(&format!("{open}{}{close}\n\n", marked.join(" ")));
        words.extend(p.split(' ').map(str::to_owned));
    }
    (text, words)
}

/// 256 cases, or `DESCRAPE_PROPTEST_CASES` for a longer hunt. The seed is random unless
/// `PROPTEST_RNG_SEED` is set (`scripts/test` sets one, so CI runs the same cases every time);
/// every failure found is kept in `tests/properties.proptest-regressions` and re-run first.
fn config() -> ProptestConfig {
    let cases = std::env::var("DESCRAPE_PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256);
    ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "tests/properties.proptest-regressions",
        ))),
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn never_panics_on_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        // The fuzz target's checks: the normal form (trimmed lines, no two blank lines, no
        // control characters, one final newline) and idempotence where DESIGN.md promises it.
        crate::fuzz_regressions::checks::clean_bytes(&bytes);
    }

    #[test]
    fn never_panics_on_markup_soup(parts in prop::collection::vec(prop::sample::select(vec![
        "<", ">", "</", "/>", "<p", "<p ", "<div ", "class=", "=\"", "\"", "'", "“", "„", "_ngcontent-sc90 ",
        "&", "&amp;", "&amp;amp;", "&#", "&#x", ";", "{{", "}}", "{%", "%}", "[caption id=\"1\"]", "[/caption]",
        "<!--", "-->", "<![CDATA[", "]]>", "<script>", "</script>", "\n", "\n\n", " ", "Word", "wörd", "é", "<br>",
    ]), 0..200)) {
        let text: String = parts.concat();
        let out = cleaner().clean(&text);
        prop_assert!(out.text.is_empty() || out.text.ends_with('\n'));
    }

    #[test]
    fn cleaning_is_idempotent(blocks in prop::collection::vec((wrapper(), paragraph()), 1..8)) {
        let text: String = blocks.iter().map(|((open, close), p)| format!("{open}{p}{close}\n\n")).collect();
        let once = cleaner().clean(&text).text;
        let twice = cleaner().clean(&once).text;
        prop_assert_eq!(twice, once);
    }

    #[test]
    fn markup_around_prose_loses_no_word_and_leaks_nothing(
        blocks in prop::collection::vec((wrapper(), paragraph(), any::<usize>()), 1..8)
    ) {
        let (text, words) = marked_up(&blocks, |_| true);
        let out = cleaner().clean(&text).text;
        for w in &words {
            prop_assert!(out.contains(w.as_str()), "lost {:?}\ninput: {:?}\noutput: {:?}", w, text, out);
        }
        for leak in ["<p", "/>", "class=", "_ngcontent", "&amp;", "{{", "{%", "<!--", "<span", "<b>", "href="] {
            prop_assert!(!out.contains(leak), "leaked {:?}\ninput: {:?}\noutput: {:?}", leak, text, out);
        }
    }

    #[test]
    fn pages_never_panic_on_tag_soup(parts in prop::collection::vec(prop::sample::select(vec![
        "<", ">", "</", "/>", "<p>", "</p>", "<div class=\"content\">", "</div>", "<table>", "<tr>", "<td>",
        "</table>", "<ul>", "<li>", "<pre>", "</pre>", "<svg>", "<template>", "<noscript>", "<form>", "<select>",
        "<h1>", "</h1>", "<a href=x>", "</a>", "&amp;", "&#0;", "&lt;", "\u{0}", "Word ", "wörd ", "é", "<br>",
        "<!--", "-->", "<script>", "</script>", "<style>", "<html>", "<body>", "<aside>", "<nav hidden>",
    ]), 0..300)) {
        let text: String = parts.concat();
        let out = page_cleaner().clean(&text);
        prop_assert!(out.text.is_empty() || out.text.ends_with('\n'));
        prop_assert_eq!(out.stats.pages, 1);
    }

    #[test]
    fn pages_keep_their_prose_and_leak_no_markup(
        blocks in prop::collection::vec((wrapper(), paragraph(), any::<usize>()), 1..8)
    ) {
        // Broken tags too: the DOM path closes them where their attributes end. A figure's
        // caption is furniture on a page.
        let (article, words) = marked_up(&blocks, |open| !open.contains("figcaption"));
        let out = page_cleaner().clean(&as_page(&article)).text;
        // A heading that ends the article in a section of its own, with nothing under it, is
        // what an extractor leaves out as readability does ("Related", "Comments"): its
        // words may go.
        let last = blocks.iter().rfind(|((open, _), _, _)| !open.contains("figcaption"));
        let trailing = match last {
            Some(((open, _), p, _)) if open.contains("<section") => p.split(' ').count(),
            _ => 0,
        };
        for w in words.get(..words.len() - trailing).unwrap_or_default() {
            prop_assert!(out.contains(w.as_str()), "lost {:?}\ninput: {:?}\noutput: {:?}", w, article, out);
        }
        // The script's text, whole: a paragraph may hold "Avar aça".
        for leak in ["<p", "/>", "class=", "&amp;", "&lt;", "<!--", "<span", "<b>", "href=", "Footer text", "var a ="] {
            prop_assert!(!out.contains(leak), "leaked {:?}\ninput: {:?}\noutput: {:?}", leak, article, out);
        }
    }

    #[test]
    fn normal_form_text_in_paragraphs_of_a_page_comes_out_unchanged(
        blocks in prop::collection::vec(paragraph(), 1..10)
    ) {
        let text = format!("{}\n", blocks.join("\n\n"));
        let article: String = blocks.iter().map(|b| format!("<p>{b}</p>\n")).collect();
        let page = format!("<!DOCTYPE html><html><body><h1>{}</h1>{article}</body></html>", "Heading");
        let out = page_cleaner().clean(&page);
        prop_assert_eq!(&out.text, &format!("Heading\n\n{text}"), "stats: {:?}", out.stats);
    }

    #[test]
    fn normal_form_text_comes_out_unchanged(blocks in prop::collection::vec(normal_block(), 1..10)) {
        let text = format!("{}\n", blocks.join("\n\n"));
        let out = cleaner().clean(&text);
        prop_assert_eq!(&out.text, &text, "stats: {:?}", out.stats);
    }
}

proptest! {
    #![proptest_config(config())]

    /// Notices, their controls, list headings and titles in any order: a run that goes leaves
    /// its neighbours side by side, and a second pass must find nothing more to remove.
    #[test]
    fn boilerplate_shapes_are_idempotent(lines in prop::collection::vec(prop::sample::select(vec![
        "We use cookies so that we can offer you the best possible experience on this site.",
        "Sign up for our newsletter and get the best stories of the week in your inbox.",
        "Ok", "No", "Email address", "Subscribe", "Privacy policy", "Share this:", "Advertisement",
        "Related posts", "Pool plans: what we know", "June 3, 2024", "What the council decided",
        "The council met on Monday and approved the plan for the harbour after a long debate.",
        "Leave a Reply", "Read more",
    ]), 1..14)) {
        let text: String = lines.iter().map(|l| format!("<p>{l}</p>\n\n")).collect();
        let once = cleaner().clean(&text).text;
        let twice = cleaner().clean(&once).text;
        prop_assert_eq!(twice, once);
    }
}
