//! Restores block boundaries lost when a scraper glued two blocks together:
//!
//! - sentence punctuation running straight into the next block's first word:
//!   `…im Jahr 2023.Der Bericht…`, `…said.“The`;
//! - a lowercase word running into a capitalised word that commonly starts a sentence in the
//!   text's language (`…zu diskutierenUnd das ist…`; lists in `rules/language/`).
//!
//! What must stay whole: `iPhone`, `eBay`, `YouTube`, `PayPal`, `WordPress`, `JavaScript`,
//! `McDonald's` (too few lowercase letters before the capital, or the word starts with one),
//! `e.g.`, `U.S.`, `ASP.NET`, `Node.js` (no lowercase letter and capitalised word around the
//! dot), URLs, e-mail addresses and identifiers (the whitespace-delimited token holds `/`,
//! `@`, `_`, `(`, `=` or a second dot), abbreviations (`Prof.Müller`, `rules/language/
//! abbreviations.txt`), and preformatted blocks.

use std::collections::HashSet;

use crate::block::{Block, BlockKind};
use crate::stats::Stats;
use crate::text::capitals;
use crate::text::lang::Languages;

/// The rule name counted in [`Stats::rules`].
pub(crate) const RULE: &str = "glue-split";

/// What the split needs to know.
pub(crate) struct Context<'a> {
    pub languages: &'a Languages,
    /// The guessed language of the text; without one, only punctuation glue is repaired.
    pub lang: Option<usize>,
    pub abbreviations: &'a HashSet<String>,
    pub min_lower_run: usize,
}

/// Splits every glued block.
pub(crate) fn apply(blocks: &mut Vec<Block>, cx: &Context<'_>, stats: &mut Stats) {
    if !blocks.iter().any(|b| !split_points(&b.text, b.kind, cx).is_empty()) {
        return;
    }
    let mut out = Vec::with_capacity(blocks.len() + 4);
    for block in blocks.drain(..) {
        split_into(block, cx, stats, &mut out);
    }
    *blocks = out;
}

/// Splits `block` at its glue points and pushes the parts; a part is looked at again, since
/// what a point is depends on the text around it (a token, a quotation) and a part is the
/// block a second cleaning would see: the parts are split until none splits further.
fn split_into(block: Block, cx: &Context<'_>, stats: &mut Stats, out: &mut Vec<Block>) {
    let mut todo = vec![block];
    while let Some(block) = todo.pop() {
        let points = split_points(&block.text, block.kind, cx);
        if points.is_empty() {
            out.push(block);
            continue;
        }
        let mut parts = Vec::with_capacity(points.len() + 1);
        let mut start = 0;
        for &p in points.iter().chain(std::iter::once(&block.text.len())) {
            if let Some(part) = block.text.get(start..p).map(str::trim).filter(|t| !t.is_empty()) {
                parts.push(Block::new(block.kind, part));
            }
            start = p;
        }
        if parts.len() < 2 {
            // Only blank space was cut off: nothing to look at again.
            out.extend(parts);
            continue;
        }
        for _ in &points {
            stats.count_rule(RULE);
        }
        // Each part is shorter than its block: this ends. Reversed, so they come out in order.
        todo.extend(parts.into_iter().rev());
    }
}

/// Byte offsets where `text` should be cut.
fn split_points(text: &str, kind: BlockKind, cx: &Context<'_>) -> Vec<usize> {
    let mut points = Vec::new();
    if kind == BlockKind::Preformatted {
        return points;
    }
    let b = text.as_bytes();
    // Punctuation glue: a stop followed by something other than whitespace.
    for i in memchr::memchr3_iter(b'.', b'!', b'?', b) {
        let glued = b.get(i + 1).is_some_and(|n| !n.is_ascii_whitespace());
        if let Some(point) = glued.then(|| punct_glue(text, i, cx)).flatten() {
            points.push(point);
        }
    }
    // Case glue: a lowercase letter running into a capital.
    if cx.lang.is_some() {
        capitals::for_each_candidate(b, |i| {
            if case_glue(text, i, cx) {
                points.push(i);
            }
        });
    }
    points.sort_unstable();
    points.dedup();
    points
}

/// `text[i]` is `.`, `!` or `?`: is it sentence punctuation glued to the next block? If so,
/// where the next block starts: after the stop, or after a quote that closes the sentence
/// (`Nein.“Danach`, `said.”The`).
fn punct_glue(text: &str, i: usize, cx: &Context<'_>) -> Option<usize> {
    let (before, after) = (text.get(..i)?, text.get(i + 1..)?);
    let mut rest = after.chars();
    let mut first = rest.next();
    let mut split = i + 1;
    if let Some(q) = first.filter(|&q| closes_quotation(before, q)) {
        split += q.len_utf8();
        first = rest.next();
    } else if first.is_some_and(|c| is_opening_quote(c) || matches!(c, '¿' | '¡')) {
        first = rest.next();
    }
    let capitalised = first.is_some_and(char::is_uppercase) && rest.next().is_some_and(char::is_lowercase);
    (capitalised && word_ends_sentence(before, cx) && !in_special_token(before, after)).then_some(split)
}

/// Whether the quote `q` right after a stop closes a quotation opened earlier in `before`:
/// `”`, `»` and `’` close wherever they stand; `“` closes a German or Czech `„`; an ASCII `"`
/// closes when an odd number of them came before.
fn closes_quotation(before: &str, q: char) -> bool {
    match q {
        '”' | '»' | '’' => true,
        '“' => before.rfind('„').is_some_and(|open| before.rfind('“').is_none_or(|close| close < open)),
        '"' => before.matches('"').count() % 2 == 1,
        _ => false,
    }
}

/// The word before a stop can end a sentence: a lowercase word of three letters or more that
/// is no abbreviation, or a number of two digits or more (`2023.Der`).
fn word_ends_sentence(before: &str, cx: &Context<'_>) -> bool {
    let word = last_word(before);
    let word_ok = if word.bytes().all(|c| c.is_ascii_digit()) {
        word.len() >= 2
    } else {
        word.chars().next_back().is_some_and(char::is_lowercase) && word.chars().count() >= 3
    };
    word_ok && !cx.abbreviations.contains(&word.to_lowercase())
}

/// `text[i]` starts a char: is it a capitalised sentence starter glued to a lowercase word?
fn case_glue(text: &str, i: usize, cx: &Context<'_>) -> bool {
    let (Some(before), Some(after), Some(lang)) = (text.get(..i), text.get(i..), cx.lang) else {
        return false;
    };
    if !after.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    // The lowercase run before must be a whole word that starts lowercase.
    let run = last_word(before);
    if run.chars().count() < cx.min_lower_run || !run.chars().all(char::is_lowercase) {
        return false;
    }
    // The capitalised word: one capital, then lowercase letters, then a word end.
    let word_len =
        after.char_indices().skip(1).find(|(_, c)| !c.is_lowercase()).map_or(after.len(), |(j, _)| j);
    let (Some(word), Some(rest)) = (after.get(..word_len), after.get(word_len..)) else {
        return false;
    };
    let mut tail = rest.chars();
    let ends_word = match tail.next() {
        None => true,
        Some(c) if c.is_whitespace() => true,
        Some(',' | ';' | ':' | '.' | '!' | '?') => tail.next().is_none_or(char::is_whitespace),
        Some(_) => false,
    };
    ends_word && cx.languages.is_starter(lang, word) && !in_special_token(before, after)
}

/// The run of letters and digits at the end of `s`.
fn last_word(s: &str) -> &str {
    let start =
        s.char_indices().rev().take_while(|(_, c)| c.is_alphanumeric()).last().map_or(s.len(), |(j, _)| j);
    s.get(start..).unwrap_or("")
}

/// Is the point inside a URL, an e-mail address, a path or an identifier?
fn in_special_token(before: &str, after: &str) -> bool {
    let left = before.rsplit(char::is_whitespace).next().unwrap_or("");
    let right = after.split(char::is_whitespace).next().unwrap_or("");
    let code_like = |c: char| matches!(c, '/' | '@' | '_' | '(' | '=' | '\\');
    if left.contains(code_like) || right.contains(code_like) {
        return true;
    }
    if left.contains("www.") || left.contains("://") {
        return true;
    }
    // A second dot inside the right part (`Example.com`, `Node.Js.x`): a name, not a sentence.
    let right_core = right.trim_end_matches(|c: char| !c.is_alphanumeric());
    right_core.contains('.')
}

fn is_opening_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '„' | '«' | '‘' | '‚' | '\'')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    fn split(text: &str, lang: &str) -> Vec<String> {
        let rules = RuleSet::builtin();
        let languages = Languages::new(&rules.starters);
        let abbreviations: HashSet<String> = rules.abbreviations.iter().cloned().collect();
        let cx = Context {
            languages: &languages,
            lang: rules.starters.iter().position(|s| s.lang == lang),
            abbreviations: &abbreviations,
            min_lower_run: rules.defaults.glue_min_lower_run,
        };
        let mut blocks = vec![Block::new(BlockKind::Paragraph, text)];
        apply(&mut blocks, &cx, &mut Stats::default());
        blocks.into_iter().map(|b| b.text).collect()
    }

    #[test]
    fn glued_sentences_are_split() {
        assert_eq!(
            split("Es war im Jahr 2023.Der Bericht kam spät.", "de"),
            ["Es war im Jahr 2023.", "Der Bericht kam spät."]
        );
        assert_eq!(
            split("That is what he said.“The end is near.”", "en"),
            ["That is what he said.", "“The end is near.”"]
        );
        assert_eq!(
            split("zu diskutierenUnd das ist noch nicht alles.", "de"),
            ["zu diskutieren", "Und das ist noch nicht alles."]
        );
        assert_eq!(split("чтобы обсудитьИ это еще не все.", "ru"), ["чтобы обсудить", "И это еще не все."]);
    }

    #[test]
    fn a_quote_that_closes_the_sentence_stays_with_it() {
        assert_eq!(
            split("Sie sagte: „Nein, niemals.“Danach ging sie.", "de"),
            ["Sie sagte: „Nein, niemals.“", "Danach ging sie."]
        );
        assert_eq!(split("He said “never.”Then he left.", "en"), ["He said “never.”", "Then he left."]);
        assert_eq!(split("He said \"never.\"Then he left.", "en"), ["He said \"never.\"", "Then he left."]);
        assert_eq!(
            split("Il a dit « jamais.»Puis il est parti.", "fr"),
            ["Il a dit « jamais.»", "Puis il est parti."]
        );
        assert_eq!(
            split("La situación es grave.¿Qué hacer ahora?", "es"),
            ["La situación es grave.", "¿Qué hacer ahora?"]
        );
        assert_eq!(
            split("Все ясно.«Мы должны действовать», сказал он.", "ru"),
            ["Все ясно.", "«Мы должны действовать», сказал он."]
        );
    }

    #[test]
    fn names_abbreviations_and_urls_stay_whole() {
        for text in [
            "The new iPhone and eBay and YouTube and PayPal.",
            "WordPress, JavaScript and McDonald's.",
            "Use ASP.NET or Node.js, e.g. in the U.S. today.",
            "See www.Example.com or https://example.org/Page.The end.",
            "Mail anna.Smith@example.com now.",
            "Prof.Müller kam.",
            "A user is loggedIn here.",
            "Call obj.Method() now.",
        ] {
            assert_eq!(split(text, "en"), [text], "{text}");
        }
    }

    #[test]
    fn without_a_language_only_punctuation_glue_is_repaired() {
        assert_eq!(split("zu diskutierenUnd das", "xx"), ["zu diskutierenUnd das"]);
    }

    #[test]
    fn preformatted_blocks_are_never_split() {
        let rules = RuleSet::builtin();
        let languages = Languages::new(&rules.starters);
        let abbreviations = HashSet::new();
        let cx =
            Context { languages: &languages, lang: None, abbreviations: &abbreviations, min_lower_run: 3 };
        assert!(split_points("print(x).The", BlockKind::Preformatted, &cx).is_empty());
    }
}
