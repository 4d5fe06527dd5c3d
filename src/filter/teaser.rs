//! Removes the teasers of other stories: a short block that ends in a read-more label after
//! a sentence end (`… einsetzen. Mehr…`, `… the report. Read more »`), as the lists of
//! related or latest stories print them; and a short block that starts with a read-also label
//! and a colon or dash (`Lesen Sie auch: Neue Brücke geplant`), another story's title set in
//! the middle of an article. The labels are data (`rules/teaser/`).
//!
//! Prose is protected three ways: the label must stand after a sentence end (`he wanted
//! more…` stays); a one-word label (`More`, `Mehr`) counts only with a marker after it (`…`,
//! `»`, `→`, `>`) or as link text; and a block longer than
//! [`crate::rules::Defaults::teaser_max_words`] is article text, however it ends. Chinese and
//! Japanese put no space before a label: theirs ends the text right after a sentence end
//! (`…表示欢迎。阅读全文`), and two of their letters count as a word.

use std::collections::HashSet;

use super::lines::{self, Lines, Piece};
use crate::block::{Block, BlockKind};
use crate::rules::RuleSet;
use crate::stats::Stats;
use crate::text::pairs::Pairs;
use crate::text::{key, lang, words};

/// The rule name counted in [`Stats::rules`].
pub(crate) const RULE: &str = super::rule(super::Filter::Teaser);

/// What may follow a read-more label, longest first.
const MARKERS: [&str; 8] = ["...", "[…]", "…", "»", "›", "→", ">", "]"];

/// The last bytes of the markers (`.`, `]`, `>`, and those of `…`, `»`, `›`, `→`).
const MARKER_LAST_BYTES: [u8; 7] = *b".]>\xa6\xbb\xba\x92";

/// The longest tail of a block that is looked at, in bytes (labels are short).
const MAX_TAIL_BYTES: usize = 64;

/// The read-more labels, ready to match.
#[derive(Debug, Clone)]
pub(crate) struct Teaser {
    /// Lowercased labels.
    labels: Vec<String>,
    /// The labels in Chinese and Japanese (they start with Han or kana), each with whether it
    /// is strong alone: of three letters or more, two words (`阅读全文`).
    unspaced_labels: Vec<(String, bool)>,
    /// The last word of every label, packed ([`key::pack`]) and sorted: a block whose last word is
    /// none of these is done after one binary search of integers.
    last_words: Vec<u128>,
    /// Last words too long to pack.
    long_last_words: Vec<String>,
    /// The last two bytes of those words where both are ASCII letters or digits: a block
    /// whose last word ends in two such bytes that end none is done without a lookup.
    last_word_ends: Pairs,
    /// The byte lengths of those words, shortest and longest: most last words are ruled out
    /// by their length alone, before any lowercase copy or lookup.
    last_word_bytes: std::ops::RangeInclusive<usize>,
    /// Lowercased read-also labels, and the longest one's byte length.
    read_also: HashSet<String>,
    read_also_bytes: usize,
    /// The first two bytes of every read-also label where both are ASCII letters or digits,
    /// as `last_word_ends` (most blocks start with a pair that starts none).
    read_also_opens: Pairs,
    /// The first word of every read-also label, packed ([`key::pack`]) and sorted.
    read_also_first: Vec<u128>,
    /// Bytes of the shortest block that may be a teaser: one shorter than every label (a
    /// read-also label needs a title after it too) is passed over at once, as the tiny blocks
    /// of markup-heavy text are.
    min_bytes: usize,
    max_words: usize,
}

impl Teaser {
    pub fn new(set: &RuleSet) -> Teaser {
        let labels = set.read_more.clone();
        let words: Vec<&str> = labels.iter().filter_map(|l| l.split_whitespace().next_back()).collect();
        let mut last_words: Vec<u128> = words.iter().filter_map(|w| key::pack(w.as_bytes())).collect();
        last_words.sort_unstable();
        last_words.dedup();
        let long_last_words =
            words.iter().filter(|w| key::pack(w.as_bytes()).is_none()).map(|w| (*w).to_owned()).collect();
        // Lowercasing can change a word's length a little (`İ`): one byte of slack each way.
        let shortest = words.iter().map(|w| w.len()).min().unwrap_or(usize::MAX).saturating_sub(1);
        let longest = words.iter().map(|w| w.len()).max().unwrap_or(0).saturating_add(1);
        let mut last_word_ends = Pairs::new();
        for w in &words {
            if let &[.., a, b] = w.as_bytes() {
                if a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric() {
                    last_word_ends.insert(a, b);
                }
            }
        }
        let mut read_also_opens = Pairs::new();
        for l in &set.read_also {
            if let &[a, b, ..] = l.as_bytes() {
                if a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric() {
                    read_also_opens.insert(a, b);
                }
            }
        }
        Teaser {
            last_words,
            last_word_ends,
            read_also_opens,
            long_last_words,
            unspaced_labels: labels
                .iter()
                .filter(|l| l.starts_with(lang::is_unspaced))
                .map(|l| (l.clone(), l.chars().filter(|&c| lang::is_unspaced(c)).count() >= 3))
                .collect(),
            labels,
            last_word_bytes: shortest..=longest,
            read_also: set.read_also.iter().cloned().collect(),
            read_also_first: {
                let mut v: Vec<u128> = set
                    .read_also
                    .iter()
                    .filter_map(|l| l.split_whitespace().next().and_then(first_word_key))
                    .collect();
                v.sort_unstable();
                v.dedup();
                v
            },
            // Lowercasing can lengthen a label a little (`İ`): a few bytes of slack.
            read_also_bytes: set.read_also.iter().map(|l| l.len()).max().unwrap_or(0) + 4,
            min_bytes: shortest
                .min(set.read_also.iter().map(|l| l.len().saturating_sub(4) + 2).min().unwrap_or(usize::MAX)),
            max_words: set.defaults.teaser_max_words,
        }
    }

    /// Drops teaser blocks, and a block that repeats the title a read-also reference just
    /// named (themes print the reference, then the linked title as its own block).
    pub fn apply(&self, blocks: &mut Vec<Block>, stats: &mut Stats) {
        if self.labels.is_empty() && self.read_also.is_empty() {
            return;
        }
        // Before the first teaser or read-also reference no title is named: the blocks
        // there are looked at once (most texts have none at all). A block whose lines are
        // blocks of their own, a reference on one of them, is read line by line.
        let (Lines { pieces, of }, first) = if lines::any_line(blocks, self.min_bytes, |l| self.goes(l)) {
            (Lines::new(blocks), 0)
        } else {
            let Some(first) =
                blocks.iter().position(|b| b.text.len() >= self.min_bytes && self.goes(b.into()))
            else {
                return;
            };
            (Lines::whole(blocks), first)
        };
        let gone = self.judge(&pieces, first);
        drop(pieces);
        stats.count_rule_times(RULE, gone.iter().filter(|&&g| g).count() as u64);
        lines::remove(blocks, &of, |k| gone.get(k).copied().unwrap_or(false));
    }

    /// Whether `b` is a teaser or a read-also reference.
    fn goes(&self, b: Piece<'_>) -> bool {
        b.text.len() >= self.min_bytes && (self.is_teaser(b) || self.read_also_title(b).is_some())
    }

    /// Which of `blocks` go, from `first` on: the teasers, the read-also references and the
    /// title a reference named, repeated right after it.
    fn judge(&self, blocks: &[Piece<'_>], first: usize) -> Vec<bool> {
        let mut gone = vec![false; blocks.len()];
        // The title the block before named, as `title_key` gives it.
        let mut named: Option<String> = None;
        for (&b, g) in blocks.iter().zip(gone.iter_mut()).skip(first) {
            let repeats =
                named.take().is_some_and(|t| b.text.len() <= 2 * t.len() + 8 && title_key(b.text) == t);
            let mut teaser = repeats;
            if !teaser && b.text.len() >= self.min_bytes {
                teaser = self.is_teaser(b);
                if let Some(title) = self.read_also_title(b).filter(|_| !teaser) {
                    named = Some(title_key(title));
                    teaser = true;
                }
            }
            *g = teaser;
        }
        gone
    }

    fn is_teaser(&self, b: Piece<'_>) -> bool {
        if b.kind == BlockKind::Preformatted {
            return false;
        }
        let text = b.text.trim_end();
        let (core, marked) = strip_marker(text);
        // Labels end with a letter; most blocks end with a full stop and are done here.
        let Some(end) = core.chars().next_back().filter(|c| c.is_alphabetic()) else {
            return false;
        };
        if lang::is_unspaced(end) {
            return self.is_unspaced_teaser(b, core, marked);
        }
        let last = core.rsplit(char::is_whitespace).next().unwrap_or(core);
        if last.len() > MAX_TAIL_BYTES
            || !self.last_word_bytes.contains(&last.len())
            || ascii_pair(last.as_bytes().get(last.len().saturating_sub(2)..))
                .is_some_and(|(a, b)| !self.last_word_ends.contains(a, b))
            || !self.is_last_word(last)
        {
            return false;
        }
        let mut start = core.len().saturating_sub(MAX_TAIL_BYTES);
        while !core.is_char_boundary(start) {
            start += 1;
        }
        let tail = core.get(start..).unwrap_or_default().to_lowercase();
        self.labels.iter().any(|label| {
            let Some(before) = tail.strip_suffix(label.as_str()) else {
                return false;
            };
            // The label is a whole word: the block starts with it, or a space comes before.
            let alone = before.is_empty() && start == 0;
            if !alone && !before.ends_with(char::is_whitespace) {
                return false;
            }
            let after_sentence =
                alone || before.trim_end().ends_with(['.', '!', '?', '…', ':', '"', '”', '“', '»', ')']);
            let strong = label.contains(' ') || marked || b.link_bytes > 0;
            after_sentence && strong
        }) && words::count_up_to(b.text, self.max_words) <= self.max_words
    }

    /// [`Self::is_teaser`] for a block that ends in Chinese or Japanese, which put no space
    /// before a label (`…表示欢迎。阅读全文`): a label of theirs that ends the text, alone or
    /// right after a sentence end (`。`, `！`, `？`, `…`), and strong: of three letters or more
    /// (two words: `阅读全文`, `続きを読む`), or with a marker, or as link text. A block of more
    /// than `teaser_max_words` words (two of their letters a word) is article text.
    fn is_unspaced_teaser(&self, b: Piece<'_>, core: &str, marked: bool) -> bool {
        let mut start = core.len().saturating_sub(MAX_TAIL_BYTES);
        while !core.is_char_boundary(start) {
            start += 1;
        }
        let tail = core.get(start..).unwrap_or_default();
        let found = self.unspaced_labels.iter().any(|(label, long)| {
            let Some(before) = tail.strip_suffix(label.as_str()) else {
                return false;
            };
            let alone = before.is_empty() && start == 0;
            let after_sentence = alone
                || before
                    .trim_end()
                    .ends_with(['。', '！', '？', '…', '」', '』', '”', '.', '!', '?', ':', '：']);
            let strong = *long || marked || b.link_bytes > 0;
            after_sentence && strong
        });
        found && words::count_up_to(b.text, self.max_words) + words::unspaced_words(b.text) <= self.max_words
    }

    /// A short block that starts with a read-also label, then a colon or a dash and a title
    /// (`Read also: …`, `À lire aussi : …`, `Czytaj także – …`). Only the text before the
    /// block's first separator is looked up, and only when it is no longer than a label.
    /// Gives the title.
    fn read_also_title<'b>(&self, b: Piece<'b>) -> Option<&'b str> {
        if b.kind == BlockKind::Preformatted || self.read_also.is_empty() {
            return None;
        }
        let text = b.text.trim_start();
        // Most blocks are done here: their first two bytes, or their first word, start no
        // label.
        if ascii_pair(text.as_bytes().get(..2)).is_some_and(|(a, b)| !self.read_also_opens.contains(a, b)) {
            return None;
        }
        // A label is followed by its separator within the first bytes: without one of their
        // first bytes there (`:`, `-`, `|`, and those of `–`, `—`, `»`, the full-width `：`),
        // no label is.
        let head = text.as_bytes().get(..=self.read_also_bytes).unwrap_or(text.as_bytes());
        if memchr::memchr3(b':', b'-', b'|', head).is_none()
            && memchr::memchr3(0xE2, 0xC2, 0xEF, head).is_none()
        {
            return None;
        }
        if first_word_key(text).is_none_or(|k| self.read_also_first.binary_search(&k).is_err()) {
            return None;
        }
        let (sep, sep_len) = text
            .char_indices()
            .take_while(|&(i, _)| i <= self.read_also_bytes)
            .find(|&(_, c)| matches!(c, ':' | '：' | '–' | '—' | '-' | '|' | '»'))
            .map(|(i, c)| (i, c.len_utf8()))?;
        let label = text.get(..sep).unwrap_or_default().trim_end();
        let title = text.get(sep + sep_len..).unwrap_or_default().trim_start();
        let starts_title = title.chars().next().is_some_and(|c| c.is_alphanumeric() || "\"„“«‘'".contains(c));
        (starts_title
            && self.read_also.contains(&label.to_lowercase())
            && words::count_up_to(b.text, self.max_words) <= self.max_words)
            .then_some(title)
    }

    /// Whether `word` is the last word of a label, in any case. Most blocks get here: their
    /// last word is packed into an integer, with no allocation.
    fn is_last_word(&self, word: &str) -> bool {
        let lower;
        let word = if word.bytes().any(|c| c.is_ascii_uppercase() || !c.is_ascii()) {
            lower = word.to_lowercase();
            lower.as_str()
        } else {
            word
        };
        match key::pack(word.as_bytes()) {
            Some(id) => self.last_words.binary_search(&id).is_ok(),
            None => self.long_last_words.iter().any(|w| w == word),
        }
    }
}

/// A title as it is compared: its words, lowercased, one space apart (no quotes, no marks).
fn title_key(text: &str) -> String {
    let words = text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty());
    words.map(str::to_lowercase).collect::<Vec<_>>().join(" ")
}

/// The two bytes of `pair` when both are ASCII letters or digits, which lowercasing keeps
/// as ASCII: whether they are in a [`Pairs`] decides for the whole word.
fn ascii_pair(pair: Option<&[u8]>) -> Option<(u8, u8)> {
    match pair? {
        &[a, b] if a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric() => Some((a, b)),
        _ => None,
    }
}

/// `text` without the marker after a label (`…`, `»` …), and whether there was one.
fn strip_marker(text: &str) -> (&str, bool) {
    // Every marker ends in one of these bytes: most texts are done after one look.
    if !text.as_bytes().last().is_some_and(|c| MARKER_LAST_BYTES.contains(c)) {
        return (text, false);
    }
    for m in MARKERS {
        if let Some(core) = text.strip_suffix(m) {
            return (core.trim_end(), true);
        }
    }
    (text, false)
}

/// The key (as [`key::pack`] makes it) of `text`'s first word, up to a space or a colon,
/// lowercased, or of its first 16 bytes when it is longer. Read char by char, with no
/// allocation: it runs on every block.
fn first_word_key(text: &str) -> Option<u128> {
    // The word's first 16 bytes (whole chars): a label's first word may be longer
    // (`あわせて読みたい`, `Прочетете`), and the label itself is compared after.
    let mut buf = [0u8; 16];
    let mut len = 0;
    'word: for c in text.chars() {
        if c.is_ascii_whitespace() || c == ':' || c == '：' {
            break;
        }
        for lower in c.to_lowercase() {
            let n = lower.len_utf8();
            let Some(slot) = buf.get_mut(len..len + n) else { break 'word };
            lower.encode_utf8(slot);
            len += n;
        }
    }
    key::pack(buf.get(..len)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_read_also_label_is_found_before_every_separator() {
        let t = Teaser::new(&RuleSet::builtin());
        for sep in [":", "：", "–", "—", "-", "|", "»"] {
            let text = format!("Read also {sep} New bridge planned for the harbour");
            assert_eq!(
                t.read_also_title(Piece::line(text.as_str())),
                Some("New bridge planned for the harbour"),
                "{sep}"
            );
        }
        assert_eq!(t.read_also_title(Piece::line("Read also the new plan")), None);
    }

    fn teaser(text: &str, link_bytes: usize) -> bool {
        let mut b = Block::new(BlockKind::Paragraph, text);
        b.link_bytes = link_bytes;
        Teaser::new(&RuleSet::builtin()).is_teaser((&b).into())
    }

    // See: issue #12 ("read also" references mid-article, in many languages).
    #[test]
    fn read_also_references_go_and_prose_that_starts_alike_stays() {
        let t = Teaser::new(&RuleSet::builtin());
        let read_also = |text: &str| t.read_also_title(Piece::line(text)).is_some();
        for text in [
            "Read also: New bridge planned for the harbour",
            "Lesen Sie auch: Neue Brücke für den Hafen geplant",
            "À lire aussi : Un nouveau pont pour le port",
            "Lee también: Nuevo puente para el puerto",
            "Leia também – Nova ponte para o porto",
            "Czytaj także: Nowy most w porcie",
            "Читайте также: Новый мост в порту",
            "SEE ALSO: “The harbour plan, explained”",
            // Full-width colons, as CJK text writes them.
            "関連記事：橋の建設費が増加",
            "相关阅读：大桥造价上涨",
            "관련기사: 다리 비용 증가",
            "Olvassa el ezt is: A híd drágább lesz",
            "İlginizi çekebilir: Limana yeni köprü",
            "Przeczytaj również: Nowy most w porcie",
            "Approfondisci: Un nuovo ponte per il porto",
            "Bunu da okuyun: Limana yeni köprü",
            "Вас може зацікавити: Новий міст у порту",
            "Прочитайте також: Новий міст у порту",
            "Прочитайте также: Новый мост в порту",
            // Labels whose first word takes more than 16 bytes.
            "あわせて読みたい：橋の建設費が増加",
            "Прочетете още: Нов мост в пристанището",
        ] {
            assert!(read_also(text), "{text}");
        }
        for text in [
            "Read also the report, which explains the plan in detail.",
            "Lesen Sie auch den Bericht des Rates.",
            "Zum Thema Hafen: Der Rat tagte am Montag und beschloss den Plan für die neue Brücke, die Straßenbahn und den Ausbau des Hafens, der 2030 fertig sein soll.",
            "Related",
        ] {
            assert!(!read_also(text), "{text}");
        }
        let c = crate::Cleaner::builder().build().unwrap();
        let out = c.clean("<p>Der Rat tagte am Montag.</p><p>Lesen Sie auch: Neue Brücke für den Hafen geplant</p><p>Neue Brücke für den Hafen geplant</p><p>Die Sitzung dauerte lange.</p>");
        assert_eq!(out.text, "Der Rat tagte am Montag.\n\nDie Sitzung dauerte lange.\n");
    }

    #[test]
    fn a_reference_on_a_line_of_its_own_goes_as_a_block_would() {
        // One line break between paragraphs: the reference and its title are lines.
        let c = crate::Cleaner::builder().build().unwrap();
        let out = c.clean("Der Rat tagte am Montag.\nLesen Sie auch: Neue Brücke für den Hafen geplant\nNeue Brücke für den Hafen geplant\nDie Sitzung dauerte lange.\n");
        assert_eq!(out.text, "Der Rat tagte am Montag.\nDie Sitzung dauerte lange.\n");
        assert_eq!(out.stats.rule(RULE), 2);
        // A reference on a line goes beside one that is a block of its own.
        let out = c.clean("Der Rat tagte am Montag.\nLesen Sie auch: Neue Brücke für den Hafen geplant\nDie Sitzung dauerte lange.\n\nLesen Sie auch: Neuer Fahrplan für die Straßenbahn\n\nEnde.\n");
        assert_eq!(out.text, "Der Rat tagte am Montag.\nDie Sitzung dauerte lange.\n\nEnde.\n");
        let out = c.clean("Der Rat tagte am Montag und beschloss den Plan.\nDer Bürgermeister sagt: Mehr lesen Sie morgen.\n");
        assert_eq!(
            out.text,
            "Der Rat tagte am Montag und beschloss den Plan.\nDer Bürgermeister sagt: Mehr lesen Sie morgen.\n"
        );
    }

    // See: issue #12 ("read also" references, and the title repeated as its own block).
    #[test]
    fn a_linked_read_also_reference_goes_with_the_title_after_it() {
        let c = crate::Cleaner::builder().build().unwrap();
        for (before, label, title, after) in [
            (
                "The council met on Monday.",
                "Read also:",
                "New bridge planned for the harbour",
                "It sat late.",
            ),
            (
                "Der Rat tagte am Montag.",
                "Lesen Sie auch:",
                "Neue Brücke für den Hafen geplant",
                "Die Sitzung dauerte lange.",
            ),
            (
                "El consejo se reunió el lunes.",
                "Lee también:",
                "El paro baja en 30.000 personas en marzo",
                "La sesión fue larga.",
            ),
            (
                "Rada zebrała się w poniedziałek.",
                "Czytaj także:",
                "Nowy most w porcie",
                "Posiedzenie trwało długo.",
            ),
        ] {
            // The reference is mostly link text: the link filter alone would take it and
            // leave the title.
            let html = format!(
                "<p>{before}</p>\n<p>{label} <a href=\"/x\">{title}</a></p>\n<p>{title}</p>\n<p>{after}</p>\n"
            );
            let out = c.clean(&html);
            assert_eq!(out.text, format!("{before}\n\n{after}\n"), "{label}");
            assert_eq!(out.stats.rule(RULE), 2, "{label}");
        }
    }

    #[test]
    fn teasers_in_several_languages_go() {
        assert!(teaser("Ersatz-SSDs gibt es ab 170 Euro, der Umbau ist leicht. Mehr…", 0));
        assert!(teaser("The council met on Tuesday. Read more »", 0));
        assert!(teaser("The council met on Tuesday. Continue reading", 0));
        assert!(teaser("Le conseil s'est réuni mardi. Lire la suite", 0));
        assert!(teaser("Совет собрался во вторник. Подробнее →", 0));
        assert!(teaser("The council met on Tuesday. More", 4));
        assert!(teaser("Read more »", 0));
        // Chinese and Japanese put no space before the label.
        assert!(teaser("新的学校将于九月开学，家长们对此表示欢迎。阅读全文", 0));
        assert!(teaser("新的学校将于九月开学，家长们对此表示欢迎。 阅读更多 »", 0));
        assert!(teaser("新しい学校が九月に開校する。続きを読む", 0));
        assert!(teaser("続きを読む", 0));
    }

    #[test]
    fn chinese_and_japanese_prose_that_ends_like_a_teaser_stays() {
        // Not after a sentence end: the words are the sentence's own.
        assert!(!teaser("他说大家应该继续阅读", 0));
        assert!(!teaser("学生们在图书馆里安静地阅读全文", 0));
        // Long blocks are article text, two letters a word.
        let long = format!("{}阅读全文", "市议会周一通过了新的预算案，此前辩论持续了六个多小时。".repeat(8));
        assert!(!teaser(&long, 0));
    }

    #[test]
    fn every_marker_ends_in_a_byte_the_fast_check_knows() {
        for m in MARKERS {
            assert!(MARKER_LAST_BYTES.contains(m.as_bytes().last().unwrap()), "{m}");
        }
    }

    #[test]
    fn prose_that_ends_like_a_teaser_stays() {
        // Not after a sentence end.
        assert!(!teaser("He always wanted more…", 0));
        assert!(!teaser("On the website you can read more", 0));
        // A one-word label without a marker or a link.
        assert!(!teaser("The council met on Tuesday. More", 0));
        // Part of a longer word.
        assert!(!teaser("The council met. Furthermore…", 0));
        // Long blocks are article text.
        let long = format!("{} Read more »", "The council met on Tuesday and talked. ".repeat(20));
        assert!(!teaser(&long, 0));
    }
}
