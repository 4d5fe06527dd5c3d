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

mod capitals;

use std::collections::HashSet;

use crate::block::{Block, BlockKind};
use crate::stats::Stats;
use crate::text::lang::{Guessed, Languages};

/// The rule name counted in [`Stats::rules`].
pub(crate) const RULE: &str = super::rule(super::Filter::GlueSplit);

/// What the split needs to know.
pub(crate) struct Knowledge<'a> {
    pub languages: &'a Languages,
    /// The guessed languages of the text (the starters of each start sentences); without
    /// one, only punctuation glue is repaired.
    pub lang: Guessed,
    pub abbreviations: &'a HashSet<String>,
    pub min_lower_run: usize,
    /// Whether the lexer, reading a text alone, leaves it as it is. A part starts a line
    /// where its block did not, and what starts a line can read differently (`Cp =p>` is a
    /// cut tag's tail there, and goes): a split that makes such a part is not made, so a
    /// second cleaning finds what the first left.
    pub lexer_keeps: &'a dyn Fn(&str) -> bool,
}

impl Knowledge<'_> {
    /// Whether `word` starts sentences in a language of the text.
    fn starts_sentence(&self, word: &str) -> bool {
        self.languages.is_starter_of(self.lang, word)
    }
}

/// Splits every glued block.
pub(crate) fn apply(blocks: &mut Vec<Block>, cx: &Knowledge<'_>, stats: &mut Stats) {
    // The blocks before the first glued one stay where they are.
    // The shortest glue is three bytes (`1.A`, `abC`): shorter blocks are passed over here,
    // without a call (tiny blocks are many).
    let glued = |b: &Block| b.text.len() >= 3 && !split_points(&b.text, b.kind, cx).is_empty();
    let Some(first) = blocks.iter().position(glued) else {
        return;
    };
    let rest = blocks.split_off(first);
    for block in rest {
        split_into(block, cx, stats, blocks);
    }
}

/// Splits `block` at its glue points and pushes the parts; a part is looked at again, since
/// a part is the block a second cleaning would see (the quotes before a point are counted
/// from the block's start).
fn split_into(block: Block, cx: &Knowledge<'_>, stats: &mut Stats, out: &mut Vec<Block>) {
    // Most blocks have no glue: no work list for them.
    if split_points(&block.text, block.kind, cx).is_empty() {
        out.push(block);
        return;
    }
    let mut todo = vec![(block, 0)];
    while let Some((block, round)) = todo.pop() {
        // Parts are looked at once more, not again and again: what a point is depends only on
        // its token and the text before it in the block, and a part's start moved only once.
        if round > 1 {
            out.push(block);
            continue;
        }
        let points = split_points(&block.text, block.kind, cx);
        if points.is_empty() {
            out.push(block);
            continue;
        }
        let mut parts = Vec::with_capacity(points.len() + 1);
        let mut start = 0;
        for &p in points.iter().chain(std::iter::once(&block.text.len())) {
            if let Some(part) = block.part(start..p) {
                parts.push(part);
            }
            start = p;
        }
        if parts.len() < 2 {
            // Only blank space was cut off: nothing to look at again.
            out.extend(parts);
            continue;
        }
        // Only text with a byte the lexer acts on is lexed again (glue is rare, such parts rarer).
        let acted_on = |t: &str| {
            let b = t.as_bytes();
            memchr::memchr3(b'<', b'>', b'&', b).is_some() || memchr::memchr(b'{', b).is_some()
        };
        if parts.iter().any(|p| acted_on(&p.text) && !(cx.lexer_keeps)(&p.text)) {
            out.push(block);
            continue;
        }
        for _ in &points {
            stats.count_rule(RULE);
        }
        // Each part is shorter than its block: this ends. Reversed, so they come out in order.
        todo.extend(parts.into_iter().rev().map(|p| (p, round + 1)));
    }
}

/// Byte offsets where `text` should be cut.
///
/// Linear in the text: the candidates of each kind (a stop followed by something other than
/// whitespace, a lowercase letter running into a capital) are looked at in order by a
/// [`Scan`] that carries what they need to know of the text before them (the quotes so far,
/// the token they stand in) instead of searching it again; every look at the words around a
/// point is bounded by [`MAX_WORD_CHARS`].
fn split_points(text: &str, kind: BlockKind, cx: &Knowledge<'_>) -> Vec<usize> {
    let mut points = Vec::new();
    // The shortest glue is three bytes (`1.A`, `abC`): shorter text has none.
    if kind == BlockKind::Preformatted || text.len() < 3 {
        return points;
    }
    let b = text.as_bytes();
    // Two passes, each in order with its own scan: stops, then capitals.
    let mut scan = Scan::new(text);
    for i in memchr::memchr3_iter(b'.', b'!', b'?', b) {
        if b.get(i + 1).is_some_and(|n| !n.is_ascii_whitespace()) {
            points.extend(punct_glue(text, i, &mut scan, cx));
        }
    }
    if cx.lang.main.is_some() {
        let mut scan = Scan::new(text);
        capitals::for_each_candidate(b, |i| {
            if case_glue(text, i, &mut scan, cx) {
                points.push(i);
            }
        });
    }
    points.sort_unstable();
    points.dedup();
    points
}

/// A word longer than this is no word a rule looks at (starters and abbreviations are short;
/// `wortUndwortUnd…` must not be read back to its start at every capital).
const MAX_WORD_CHARS: usize = 64;

/// A stretch between two points this short is read byte by byte.
const SHORT_STRETCH: usize = 48;

/// One left-to-right pass over a block, asked about candidate points in increasing order:
/// what the text before the point holds, brought up to date only when a point is asked about
/// (most candidates are decided by their own words first), never searched again.
struct Scan<'a> {
    b: &'a [u8],
    /// Bytes before this have been read.
    pos: usize,
    /// ASCII `"` before `pos`.
    quotes: usize,
    /// Where the last `„` and the last `“` before `pos` start.
    last_low_open: Option<usize>,
    last_high_quote: Option<usize>,
    /// Where the whitespace-delimited token holding `pos` starts.
    token_start: usize,
    /// The end of the last token judged, and whether it is special.
    judged_end: usize,
    judged_special: bool,
}

impl<'a> Scan<'a> {
    fn new(text: &'a str) -> Scan<'a> {
        Scan {
            b: text.as_bytes(),
            pos: 0,
            quotes: 0,
            last_low_open: None,
            last_high_quote: None,
            token_start: 0,
            judged_end: 0,
            judged_special: false,
        }
    }

    /// Reads up to `i`.
    fn advance_to(&mut self, i: usize) {
        if i <= self.pos {
            return;
        }
        let seg = self.b.get(self.pos..i).unwrap_or_default();
        if seg.len() <= SHORT_STRETCH {
            // Points close together (`abc.Def.ghi.Jkl`): a step per byte costs less than
            // setting up three vector searches, and finds the token's start on the way.
            for (k, &c) in seg.iter().enumerate() {
                match c {
                    b'"' => self.quotes += 1,
                    0x09..=0x0D | b' ' => self.token_start = self.pos + k + 1,
                    0xC2.. => {
                        match seg.get(k..k + 3) {
                            Some([0xE2, 0x80, 0x9E]) => self.last_low_open = Some(self.pos + k),
                            Some([0xE2, 0x80, 0x9C]) => self.last_high_quote = Some(self.pos + k),
                            _ => {}
                        }
                        let len = space_len(self.b, self.pos + k);
                        if len > 0 {
                            self.token_start = self.pos + k + len;
                        }
                    }
                    _ => {}
                }
            }
        } else {
            // Vector searches over the stretch since the last point, not a step per byte.
            self.quotes += memchr::memchr_iter(b'"', seg).count();
            if let Some(j) = memchr::memmem::rfind(seg, "„".as_bytes()) {
                self.last_low_open = Some(self.pos + j);
            }
            if let Some(j) = memchr::memmem::rfind(seg, "“".as_bytes()) {
                self.last_high_quote = Some(self.pos + j);
            }
            // The token starts after the last whitespace char of the stretch, if it has one:
            // read back from the point, which ends at the token's start (tokens are short), or
            // at the stretch's start once.
            let mut j = i;
            while j > self.pos {
                j -= 1;
                let len = space_len(self.b, j);
                if len > 0 {
                    self.token_start = j + len;
                    break;
                }
            }
        }
        self.pos = i;
    }

    /// Whether the quote `q` right after a stop at the current point closes a quotation opened
    /// before it: `”`, `»` and `’` close wherever they stand; `“` closes a German or Czech `„`;
    /// an ASCII `"` closes when an odd number of them came before.
    fn closes_quotation(&mut self, i: usize, q: char) -> bool {
        self.advance_to(i);
        match q {
            '”' | '»' | '’' => true,
            '“' => {
                self.last_low_open.is_some_and(|open| self.last_high_quote.is_none_or(|close| close < open))
            }
            '"' => self.quotes % 2 == 1,
            _ => false,
        }
    }

    /// Is the current point inside a URL, an e-mail address, a path or an identifier: does its
    /// whitespace-delimited token hold `/`, `@`, `_`, `(`, `=`, `\\`, `www.` or `://`, or two
    /// dots before its trailing punctuation (`Example.com` after a stop, `U.S.A`, `Node.Js.x`)?
    /// The whole token is judged, once, so the answer is the same at every point in it, and
    /// the same again once the block is cut at other points (a second cleaning agrees).
    fn in_special_token(&mut self, i: usize) -> bool {
        self.advance_to(i);
        if self.pos >= self.judged_end {
            let start = self.token_start;
            // Only an ASCII space or a byte that starts a multibyte char may start a space.
            let end = (self.pos..self.b.len())
                .find(|&j| self.b.get(j).is_some_and(|&c| c <= b' ' || c >= 0xC2) && space_len(self.b, j) > 0)
                .unwrap_or(self.b.len());
            let token = std::str::from_utf8(self.b.get(start..end).unwrap_or_default()).unwrap_or("");
            let core = token.trim_end_matches(|c: char| !c.is_alphanumeric());
            self.judged_special = token.bytes().any(is_code_like)
                || token.contains("www.")
                || token.contains("://")
                || memchr::memchr_iter(b'.', core.as_bytes()).nth(1).is_some();
            self.judged_end = end.max(self.pos + 1);
        }
        self.judged_special
    }
}

/// The length of the whitespace char (as `char::is_whitespace` has it) at `b[i]`, or 0.
fn space_len(b: &[u8], i: usize) -> usize {
    match b.get(i..).unwrap_or_default() {
        [0x09..=0x0D | b' ', ..] => 1,
        [0xC2, 0x85 | 0xA0, ..] => 2,
        [0xE1, 0x9A, 0x80, ..] | [0xE3, 0x80, 0x80, ..] | [0xE2, 0x81, 0x9F, ..] => 3,
        [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..] => 3,
        _ => 0,
    }
}

fn is_code_like(c: u8) -> bool {
    matches!(c, b'/' | b'@' | b'_' | b'(' | b'=' | b'\\')
}

/// `text[i]` is `.`, `!` or `?`: is it sentence punctuation glued to the next block? If so,
/// where the next block starts: after the stop, or after a quote that closes the sentence
/// (`Nein.“Danach`, `said.”The`).
fn punct_glue(text: &str, i: usize, scan: &mut Scan<'_>, cx: &Knowledge<'_>) -> Option<usize> {
    let (before, after) = (text.get(..i)?, text.get(i + 1..)?);
    let mut rest = after.chars();
    let mut first = rest.next();
    let mut split = i + 1;
    if let Some(q) = first.filter(|&q| is_closing_candidate(q) && scan.closes_quotation(i, q)) {
        split += q.len_utf8();
        first = rest.next();
    } else if first.is_some_and(|c| is_opening_quote(c) || matches!(c, '¿' | '¡')) {
        first = rest.next();
    }
    let capitalised = first.is_some_and(char::is_uppercase) && rest.next().is_some_and(char::is_lowercase);
    // The token is judged once for all its points; the word before is looked at per point.
    (capitalised && !scan.in_special_token(i) && word_ends_sentence(before, cx) && !dotted_name(text, i, cx))
        .then_some(split)
}

/// `text[i]` is `.` inside a dotted name, one token as a URL is:
/// - a brand or type written in camel case before it (`GreenHost.Cloud`, `TechPolicy.Press`,
///   `ContainerStatus.ImageID`, `YouTube.Das`);
/// - a capitalised word that opens its line (`Earth.Org explores …`, `1. Fin.Link`): a
///   sentence of one word is no sentence glued to the next;
/// - code named in prose: a lowercase identifier before the dot (`stuff.Stuffinator`,
///   `os.Path`, `module.Name`) when the capitalised word after it is no sentence starter of
///   the text's language. A starter after the dot (`heim.Dann`, `2023.Der`) is glue; without
///   a guessed language no word is known to start a sentence, and a name stays.
fn dotted_name(text: &str, i: usize, cx: &Knowledge<'_>) -> bool {
    if text.as_bytes().get(i) != Some(&b'.') {
        return false;
    }
    let (Some(before), Some(after)) = (text.get(..i), text.get(i + 1..)) else { return false };
    let left = last_word(before);
    let identifier = |w: &str| w.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_');
    let right_len = after.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(after.len());
    let Some(right) = after.get(..right_len).filter(|w| w.len() >= 2 && identifier(w)) else { return false };
    let mut chars = left.chars();
    match chars.next() {
        // Whatever follows: whether a word starts a sentence depends on the language guessed,
        // which may change once the text is clean, and a second cleaning must not split
        // what the first left whole.
        Some(c) if c.is_uppercase() => {
            chars.any(char::is_uppercase) || opens_line(before.get(..before.len() - left.len()).unwrap_or(""))
        }
        Some(c) if c.is_ascii_lowercase() => {
            identifier(left) && (cx.lang.main.is_none() || !cx.starts_sentence(right))
        }
        _ => false,
    }
}

/// How far back a line's start is looked for before a word.
const MAX_LINE_PREFIX: usize = 16;

/// Whether a word after `prefix` opens its line: nothing but spaces, punctuation and a list
/// number (`1. `) since the line's start, which is near.
fn opens_line(prefix: &str) -> bool {
    let b = prefix.as_bytes();
    let from = b.len().saturating_sub(MAX_LINE_PREFIX);
    let tail = b.get(from..).unwrap_or_default();
    let start = tail.iter().rposition(|&c| c == b'\n');
    if start.is_none() && from > 0 {
        return false;
    }
    tail.get(start.map_or(0, |s| s + 1)..)
        .unwrap_or_default()
        .iter()
        .all(|c| !c.is_ascii_alphabetic() && *c < 0x80)
}

/// The word before a stop can end a sentence: a lowercase word of three letters or more that
/// is no abbreviation, or a number of two digits or more (`2023.Der`).
fn word_ends_sentence(before: &str, cx: &Knowledge<'_>) -> bool {
    let word = last_word(before);
    let word_ok = if word.bytes().all(|c| c.is_ascii_digit()) {
        word.len() >= 2
    } else {
        word.chars().next_back().is_some_and(char::is_lowercase) && word.chars().count() >= 3
    };
    word_ok && !cx.abbreviations.contains(&word.to_lowercase())
}

/// `text[i]` starts a char: is it a capitalised sentence starter glued to a lowercase word?
fn case_glue(text: &str, i: usize, scan: &mut Scan<'_>, cx: &Knowledge<'_>) -> bool {
    let (Some(before), Some(after), Some(_)) = (text.get(..i), text.get(i..), cx.lang.main) else {
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
    let word_len = after
        .char_indices()
        .skip(1)
        .take(MAX_WORD_CHARS)
        .find(|(_, c)| !c.is_lowercase())
        .map_or(after.len(), |(j, _)| j);
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
    ends_word && cx.starts_sentence(word) && !scan.in_special_token(i)
}

/// The run of letters and digits at the end of `s`, if it is a word: a run longer than
/// [`MAX_WORD_CHARS`] gives one that starts with a non-letter marker so no rule takes it.
fn last_word(s: &str) -> &str {
    let mut start = s.len();
    for (n, (j, c)) in s.char_indices().rev().enumerate() {
        if !c.is_alphanumeric() {
            break;
        }
        if n >= MAX_WORD_CHARS {
            return "";
        }
        start = j;
    }
    s.get(start..).unwrap_or("")
}

/// A quote that may close a quotation right after a stop (the scan is only asked then).
fn is_closing_candidate(c: char) -> bool {
    matches!(c, '”' | '»' | '’' | '“' | '"')
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
        let languages = Languages::new(&rules.starters, &rules.dangling, &rules.common);
        let abbreviations: HashSet<String> = rules.abbreviations.iter().cloned().collect();
        let cx = Knowledge {
            languages: &languages,
            lang: Guessed { main: rules.starters.iter().position(|s| s.lang == lang), also: 0 },
            abbreviations: &abbreviations,
            min_lower_run: rules.defaults.glue_min_lower_run,
            lexer_keeps: &|_| true,
        };
        let mut blocks = vec![Block::new(BlockKind::Paragraph, text)];
        apply(&mut blocks, &cx, &mut Stats::default());
        blocks.into_iter().map(|b| b.text).collect()
    }

    #[test]
    fn a_scan_in_short_steps_knows_what_one_in_long_steps_knows() {
        // Points close together are read byte by byte, far apart by vector searches: the
        // state at every point is the same either way.
        let text =
            "Er sagte: „Nein.“ Dann\u{a0}ging er. \"So\" sagte sie,\u{2003}und „ja“ www.x.org/a b\tc\nd ";
        let text = text.repeat(3);
        let state = |s: &Scan<'_>| (s.pos, s.quotes, s.last_low_open, s.last_high_quote, s.token_start);
        let points: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
        for step in [1, 3, 7, SHORT_STRETCH, SHORT_STRETCH + 1] {
            let mut stepped = Scan::new(&text);
            for &i in points.iter().step_by(step) {
                stepped.advance_to(i);
                let mut whole = Scan::new(&text);
                whole.advance_to(i);
                assert_eq!(state(&stepped), state(&whole), "step {step} at {i}");
            }
        }
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

    // See: issue #12 (code identifiers in prose were split by the glue repair).
    #[test]
    fn dotted_identifiers_stay_whole_and_starters_after_a_stop_still_split() {
        for (text, lang) in [
            ("Der Code ruft stuff.Stuffinator auf und dann os.Path und weiter.", "de"),
            ("Use the module.Name class in your code, as numpy.Array does.", "en"),
            ("Importez la classe pandas.DataFrame puis appelez df.Groupby ici.", "fr"),
            ("Llama a requests.Session y luego a client.Send ahora.", "es"),
        ] {
            assert_eq!(split(text, lang), [text], "{lang}");
        }
        assert_eq!(split("Er ging heim.Dann kam sie.", "de"), ["Er ging heim.", "Dann kam sie."]);
        // Names: a word in camel case, or a capitalised word that opens its line, before the
        // dot, whatever follows it.
        for (text, lang) in [
            ("Earth.Org explores how each of these technologies helps.", "en"),
            ("1. Fin.Link\n2. Log.Design", "en"),
            ("Wir hosten bei GreenHost.Cloud seit Jahren.", "de"),
            ("Solutions from Asia | TechPolicy.Press", "en"),
            ("Le champ ContainerStatus.ImageID est vide.", "fr"),
        ] {
            assert_eq!(split(text, lang), [text], "{lang}");
        }
        assert_eq!(split("Wir nutzen YouTube.Das ist alles.", "de"), ["Wir nutzen YouTube.Das ist alles."]);
        assert_eq!(
            split("Er wohnt in Berlin.Polizei ermittelt.", "de"),
            ["Er wohnt in Berlin.", "Polizei ermittelt."]
        );
        assert_eq!(split("He went home.Then she came.", "en"), ["He went home.", "Then she came."]);
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
        let languages = Languages::new(&rules.starters, &rules.dangling, &rules.common);
        let abbreviations = HashSet::new();
        let cx = Knowledge {
            languages: &languages,
            lang: Guessed::default(),
            abbreviations: &abbreviations,
            min_lower_run: 3,
            lexer_keeps: &|_| true,
        };
        assert!(split_points("print(x).The", BlockKind::Preformatted, &cx).is_empty());
    }
}
