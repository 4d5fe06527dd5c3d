//! Guesses a text's language from the word lists in `rules/language/` (the sentence starters,
//! the words no sentence ends on and each language's common words), used as stop words: the language whose words occur
//! most among the first words of the text, a word that several languages list counting
//! for each of them as a share (`to` is English and Czech, `the` only English).
//!
//! Only the glue filter uses the guess, to pick the list of words that may start a sentence;
//! boilerplate matching never depends on it, because comment forms are often in another
//! language than the article.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use crate::block::Block;
use crate::rules::Starters;

/// Words read for the guess: a few hundred give a stable answer; the bound keeps the guess
/// a small fixed cost per document.
const MAX_GUESS_WORDS: usize = 250;

/// The languages of a text, as the glue filters use them: the most likely one (an index into
/// the starter lists), and, as bits, those whose score is at least 1/[`ALSO_SHARE`] of its,
/// on twice the words a first language needs (a text in two languages: `…besser zu verstehenUnd sie…` in the
/// German half of a half-English text is glue).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Guessed {
    pub main: Option<usize>,
    pub also: u64,
}

/// A language counts beside the most likely one with at least this share of its evidence.
const ALSO_SHARE: u32 = 2;

/// A word's weight in the guess, shared among the languages that list it (divisible by every
/// count up to 12 and by 64: a share is exact for the common counts).
const SHARES: u32 = 27_720 * 64;

/// The longest starter word, in bytes, with room to spare (`Unterdessen`, `Allerdings`).
const MAX_STARTER_BYTES: usize = 16;

/// The starter lists, indexed for the guess and for lookups.
#[derive(Debug, Clone, Default)]
pub(crate) struct Languages {
    /// Lowercase word → bit set of the languages that list it, as a starter, a word no
    /// sentence ends on or a common word: the stop words of the guess.
    index: HashMap<String, u64, BuildHasherDefault<Fnv>>,
    /// Per language: the capitalised starters usable by the glue filter.
    starters: Vec<HashSet<String, BuildHasherDefault<Fnv>>>,
    /// Lowercase word → bit set of the languages in which no sentence ends on it (bits as in
    /// `index`; a language without starters has no bit).
    dangling: HashMap<String, u64, BuildHasherDefault<Fnv>>,
}

impl Languages {
    /// The starter lists, the words no sentence ends on and the common words of each language
    /// (the last two by language code; a language without starters is left out).
    pub fn new(lists: &[Starters], dangling_lists: &[Starters], common_lists: &[Starters]) -> Languages {
        let mut index: HashMap<String, u64, BuildHasherDefault<Fnv>> = HashMap::default();
        let mut starters = Vec::new();
        // A u64 bit set holds 64 languages; more lists than that are ignored for the guess.
        for (i, list) in lists.iter().enumerate().take(64) {
            for w in &list.words {
                *index.entry(w.to_lowercase()).or_insert(0) |= 1 << i;
            }
            // One-letter starters only outside ASCII (Russian `И`, `В`): a Latin `A` or `I`
            // after a lowercase run is an identifier or a brand far more often than a sentence.
            let usable = |w: &&String| w.chars().count() >= 2 || !w.is_ascii();
            starters.push(list.words.iter().filter(usable).cloned().collect());
        }
        let mut dangling: HashMap<String, u64, BuildHasherDefault<Fnv>> = HashMap::default();
        for d in dangling_lists {
            let Some(i) = lists.iter().take(64).position(|l| l.lang == d.lang) else { continue };
            for w in &d.words {
                *dangling.entry(w.to_lowercase()).or_insert(0) |= 1 << i;
                *index.entry(w.to_lowercase()).or_insert(0) |= 1 << i;
            }
        }
        for c in common_lists {
            let Some(i) = lists.iter().take(64).position(|l| l.lang == c.lang) else { continue };
            for w in &c.words {
                *index.entry(w.to_lowercase()).or_insert(0) |= 1 << i;
            }
        }
        Languages { index, starters, dangling }
    }

    /// Whether no sentence ends on `word` (lowercase) in language `lang`, or, with no language
    /// known, in any.
    pub fn dangles(&self, word: &str, lang: Option<usize>) -> bool {
        let bits = self.dangling.get(word).copied().unwrap_or(0);
        match lang {
            Some(i) => i < 64 && bits & (1 << i) != 0,
            None => bits != 0,
        }
    }

    /// The most likely language, if at least `min_hits` of its words occur, and those whose
    /// evidence comes near it (a text in two languages). Each word found adds to the score of
    /// every language that lists it an equal share of one (in [`SHARES`]ths): function words
    /// shared by languages (`a`, `to`, `do`, `na`) say little, a language's own (`the`, `und`,
    /// `když`) much.
    pub fn guess(&self, blocks: &[Block], min_hits: usize) -> Guessed {
        let mut hits = vec![0usize; self.starters.len()];
        let mut score = vec![0u32; self.starters.len()];
        let mut word = String::new();
        // Words split at ASCII whitespace, punctuation and digits (byte tests); function words
        // are short, so longer words are counted but neither lowercased nor looked up.
        let words = blocks.iter().flat_map(|b| {
            b.text
                .as_bytes()
                .split(|c| c.is_ascii_whitespace() || c.is_ascii_punctuation() || c.is_ascii_digit())
        });
        for w in words.filter(|w| !w.is_empty()).take(MAX_GUESS_WORDS) {
            if w.len() > MAX_STARTER_BYTES {
                continue;
            }
            word.clear();
            if w.is_ascii() {
                word.extend(w.iter().map(|&c| char::from(c.to_ascii_lowercase())));
            } else {
                word.extend(String::from_utf8_lossy(w).chars().flat_map(char::to_lowercase));
            }
            if let Some(&bits) = self.index.get(&word) {
                let share = SHARES / bits.count_ones().max(1);
                for (i, (h, s)) in hits.iter_mut().zip(&mut score).enumerate() {
                    if bits & (1 << i) != 0 {
                        *h += 1;
                        *s += share;
                    }
                }
            }
        }
        let Some((best, &top)) = score.iter().enumerate().max_by_key(|&(i, s)| (*s, std::cmp::Reverse(i)))
        else {
            return Guessed::default();
        };
        let enough = |i: usize| hits.get(i).copied().unwrap_or(0) >= min_hits;
        if !enough(best) {
            return Guessed::default();
        }
        // A second language needs twice the evidence a first does: its starters split words
        // (`convertTo` where Czech's `To` counted), which a few shared words must not bring.
        let also = (0..score.len().min(64))
            .filter(|&i| {
                i != best
                    && hits.get(i).copied().unwrap_or(0) >= min_hits.saturating_mul(2)
                    && score.get(i).is_some_and(|&s| s >= top / ALSO_SHARE)
            })
            .fold(0u64, |bits, i| bits | 1 << i);
        Guessed { main: Some(best), also }
    }

    /// Is `word` a sentence starter of a language of `g`?
    pub fn is_starter_of(&self, g: Guessed, word: &str) -> bool {
        g.main.is_some_and(|i| self.is_starter(i, word))
            || (g.also != 0
                && (0..self.starters.len().min(64))
                    .any(|i| g.also & (1 << i) != 0 && self.is_starter(i, word)))
    }

    /// Is `word` a sentence starter of language `lang`?
    pub fn is_starter(&self, lang: usize, word: &str) -> bool {
        self.starters.get(lang).is_some_and(|s| s.contains(word))
    }
}

/// Letters looked at to tell the script of a text.
const SCRIPT_SAMPLE_LETTERS: usize = 2000;
/// Bytes of text looked at, at most, to find those letters.
const SCRIPT_SAMPLE_BYTES: usize = 16 << 10;

/// What a text is written in, as far as the language guess is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Script {
    /// Latin, Cyrillic or Greek letters: the starter lists can tell the language.
    Alphabetic,
    /// Chinese, Japanese or Korean: the script tells the language (ISO 639-1).
    Cjk(&'static str),
    /// Another script (Arabic, Hebrew, Thai, Devanagari …): no list applies, no guess.
    Other,
    /// Too few letters to say.
    Unknown,
}

/// Which of the scripts written without spaces a letter is in.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Cjk {
    Kana,
    Hangul,
    Han,
}

/// The script without spaces `c` is in, if any: the one table both [`is_cjk`] and [`script`]
/// read.
fn cjk(c: char) -> Option<Cjk> {
    match u32::from(c) {
        0x3040..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F => Some(Cjk::Kana),
        0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => Some(Cjk::Hangul),
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF => Some(Cjk::Han),
        _ => None,
    }
}

/// A Han, kana or Hangul letter: one carries a word or a syllable, as much as a few letters
/// of an alphabet.
pub(crate) fn is_cjk(c: char) -> bool {
    cjk(c).is_some()
}

/// A Han or kana letter: Chinese and Japanese are written without spaces between words
/// (Korean puts them between its Hangul words), so no letter of theirs starts or ends a word
/// as a space does.
pub(crate) fn is_unspaced(c: char) -> bool {
    matches!(cjk(c), Some(Cjk::Han | Cjk::Kana))
}

/// The script most of the first letters of `blocks` are in. A Chinese page with a few Latin
/// words in its menus is Chinese, and the starter lists must not guess from those words.
pub(crate) fn script(blocks: &[Block]) -> Script {
    let (mut alphabetic, mut han, mut kana, mut hangul, mut other) = (0usize, 0usize, 0usize, 0usize, 0usize);
    // Bounded in bytes as well as letters: a megabyte without a letter is read once, not
    // to its end.
    let mut budget = SCRIPT_SAMPLE_BYTES;
    let chars = blocks.iter().flat_map(|b| b.text.chars()).take_while(|c| {
        budget = budget.saturating_sub(c.len_utf8());
        budget > 0
    });
    for c in chars.filter(|c| c.is_alphabetic()).take(SCRIPT_SAMPLE_LETTERS) {
        match (u32::from(c), cjk(c)) {
            (0..=0x024F | 0x0370..=0x052F | 0x1E00..=0x1FFF, _) => alphabetic += 1,
            (_, Some(Cjk::Kana)) => kana += 1,
            (_, Some(Cjk::Hangul)) => hangul += 1,
            (_, Some(Cjk::Han)) => han += 1,
            (_, None) => other += 1,
        }
    }
    let cjk = han + kana + hangul;
    let total = alphabetic + cjk + other;
    if total < 20 {
        Script::Unknown
    } else if cjk * 2 > total {
        Script::Cjk(if hangul * 2 > cjk {
            "ko"
        } else if kana * 10 >= cjk {
            "ja"
        } else {
            "zh"
        })
    } else if alphabetic * 2 > total {
        Script::Alphabetic
    } else {
        Script::Other
    }
}

/// FNV-1a: short words hash several times faster than with the default SipHash, and the
/// keys are our own rule words, so hash flooding is no concern. A `u64` key is taken as its
/// own hash: such keys are hashes already (the boilerplate filter's control labels).
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::block::BlockKind;
    use crate::rules::RuleSet;

    fn lang_of(text: &str) -> Option<String> {
        let rules = RuleSet::builtin();
        let langs = Languages::new(&rules.starters, &rules.dangling, &rules.common);
        let blocks = [Block::new(BlockKind::Paragraph, text)];
        langs.guess(&blocks, 3).main.map(|i| rules.starters[i].lang.clone())
    }

    #[test]
    fn guesses_common_languages() {
        assert_eq!(lang_of("Der Bericht stellt fest, dass der Kreml weiterhin eine Koalition gegen den Westen bildet und die Lage").as_deref(), Some("de"));
        assert_eq!(
            lang_of(
                "The report notes that the Kremlin continues to build a coalition and that this is not new"
            )
            .as_deref(),
            Some("en")
        );
        assert_eq!(lang_of("Il rapporto rileva che il Cremlino continua a creare una coalizione in opposizione all'Occidente. Per fare ciò").as_deref(), Some("it"));
        assert_eq!(
            lang_of("Доклад отмечает, что Кремль продолжает создавать коалицию. Это не все, что известно")
                .as_deref(),
            Some("ru")
        );
        assert_eq!(lang_of("x y z"), None);
    }

    #[test]
    fn function_words_several_languages_share_count_for_each_as_a_share() {
        // A shop's English: `to`, `in`, `on` and `do` are Czech and Polish words too, and
        // English starts no sentence with them; they are English's common words.
        assert_eq!(
            lang_of("Sign in to see your orders. Add to cart or go on to checkout. What do you need to do to return it?").as_deref(),
            Some("en")
        );
        // Neighbours told apart by the words each has alone.
        for (text, lang) in [
            (
                "Toto je článok o tom, ako sa varí polievka. Nie je to ťažké, ale potrebujete čas a trpezlivosť.",
                "sk",
            ),
            ("Això és un article sobre com es fa la sopa. No és difícil, però cal temps i paciència.", "ca"),
            ("Това е статия за това как се прави супа. Не е трудно, но трябва време и търпение.", "bg"),
            (
                "To je članek o tem, kako se kuha juha. Ni težko, ampak potrebujete čas in potrpežljivost.",
                "sl",
            ),
            (
                "Du må logge inn for å skrive en kommentar. Har du glemt passordet ditt, kan vi hjelpe deg.",
                "no",
            ),
            (
                "Du skal logge ind for at skrive en kommentar. Har du glemt din adgangskode, kan vi hjælpe dig.",
                "da",
            ),
        ] {
            assert_eq!(lang_of(text).as_deref(), Some(lang), "{text}");
        }
    }

    #[test]
    fn a_text_in_two_languages_has_both() {
        let rules = RuleSet::builtin();
        let langs = Languages::new(&rules.starters, &rules.dangling, &rules.common);
        let idx = |l: &str| rules.starters.iter().position(|s| s.lang == l).unwrap();
        let blocks = [
            Block::new(
                BlockKind::Paragraph,
                "The committee published its annual report on Monday, and it found that the water in the river had improved.",
            ),
            Block::new(
                BlockKind::Paragraph,
                "Der Bericht nennt vor allem zwei Gründe für die Verbesserung: neue Kläranlagen und strengere Regeln für die Landwirtschaft.",
            ),
        ];
        let g = langs.guess(&blocks, 3);
        assert_eq!(g.main, Some(idx("en")));
        assert_eq!(g.also, 1 << idx("de"));
        assert!(langs.is_starter_of(g, "Und") && langs.is_starter_of(g, "However"));
        // One language alone: no other comes near.
        let g = langs.guess(&blocks[..1], 3);
        assert_eq!((g.main, g.also), (Some(idx("en")), 0));
    }

    #[test]
    fn tells_new_languages_from_their_neighbours() {
        let cases = [
            (
                "id",
                "Menurut laporan itu, pemerintah akan membangun jalan baru. Namun mereka belum menetapkan anggaran untuk proyek yang besar ini.",
            ),
            (
                "vi",
                "Theo báo cáo, chính phủ sẽ xây dựng con đường mới. Tuy nhiên, các quan chức vẫn chưa công bố ngân sách cho dự án này.",
            ),
            (
                "bg",
                "Според доклада правителството ще построи нов път. Това обаче не е всичко, защото те вече обсъждат и бюджета.",
            ),
            (
                "ru",
                "Согласно докладу, правительство построит новую дорогу. Однако это не все, что известно о бюджете.",
            ),
            ("uk", "Згідно з доповіддю, уряд побудує нову дорогу. Однак це не все, що відомо про бюджет."),
            (
                "sk",
                "Podľa správy vláda postaví novú cestu. Však ešte nie je jasné, aký bude rozpočet, pretože sa o ňom stále rokuje.",
            ),
            (
                "cs",
                "Podle zprávy vláda postaví novou silnici. Ale zatím není jasné, jaký bude rozpočet, protože se o něm stále jedná.",
            ),
            (
                "hr",
                "Prema izvješću, vlada će izgraditi novu cestu. Međutim, još nije jasno koliki će biti proračun jer se o njemu još pregovara.",
            ),
            (
                "sl",
                "Po poročilu bo vlada zgradila novo cesto. Vendar še ni jasno, kakšen bo proračun, ker se o njem še pogajajo.",
            ),
            (
                "ca",
                "Segons l'informe, el govern construirà una carretera nova. Però encara no se sap quin serà el pressupost, perquè ara en parlen.",
            ),
            (
                "es",
                "Según el informe, el gobierno construirá una carretera nueva. Pero todavía no se sabe cuál será el presupuesto, porque ahora lo discuten.",
            ),
        ];
        for (lang, text) in cases {
            assert_eq!(lang_of(text).as_deref(), Some(lang), "{text}");
        }
    }

    // See: issue #8 (Chinese pages were labelled "pt").
    #[test]
    fn scripts_tell_cjk_and_stand_down_elsewhere() {
        let of = |t: &str| script(&[Block::new(BlockKind::Paragraph, t)]);
        assert_eq!(
            of("北京市今天发布了新的交通规定，市民可以在网上查询详细信息。 Home | News | a o e de"),
            Script::Cjk("zh")
        );
        assert_eq!(
            of("東京都は今日、新しい交通規則を発表しました。詳しくはウェブサイトをご覧ください。"),
            Script::Cjk("ja")
        );
        assert_eq!(
            of("서울시는 오늘 새로운 교통 규칙을 발표했습니다. 자세한 내용은 웹사이트를 참조하십시오."),
            Script::Cjk("ko")
        );
        assert_eq!(
            of("وأعلنت الحكومة اليوم عن قواعد جديدة للمرور في المدينة والمناطق المحيطة"),
            Script::Other
        );
        assert_eq!(
            of("The report notes that the Kremlin continues to build a coalition"),
            Script::Alphabetic
        );
        assert_eq!(of("x y z"), Script::Unknown);
    }

    #[test]
    fn guesses_languages_with_starters_only() {
        let uk = "У звіті зазначається, що Кремль продовжує створювати коаліцію. Це не все, що відомо про її створення";
        assert_eq!(lang_of(uk).as_deref(), Some("uk"));
        let el = "Η έκθεση σημειώνει ότι το Κρεμλίνο συνεχίζει να δημιουργεί συνασπισμό. Αυτό δεν είναι όλο και για τη Ρωσία";
        assert_eq!(lang_of(el).as_deref(), Some("el"));
        let ro = "Raportul arată că și Kremlinul continuă să creeze o coaliție. Acesta nu este tot ce se știe despre el și în";
        assert_eq!(lang_of(ro).as_deref(), Some("ro"));
    }
}
