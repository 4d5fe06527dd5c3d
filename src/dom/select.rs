//! Provides [`Index`] and [`Hints`]: the DOM rules compiled once per cleaner, so an element is
//! matched against every selector and weighed against every hint word with a few hash lookups
//! (a page has thousands of elements, the rules hundreds of entries).

use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind};
use html5ever::local_name;

use crate::dom::tree::Element;
use crate::rules::{Key, Selector};
use crate::text::prefix::Prefixes;

/// Selectors filed under the one test each requires.
#[derive(Clone, Debug, Default)]
pub(crate) struct Index {
    selectors: Vec<Selector>,
    /// Class tokens, matched whole in any ASCII case; pattern id → the selectors filed there.
    classes: Keys,
    ids: Keys,
    /// Tag names (few) and the selectors filed under each.
    tags: Vec<(String, Vec<u32>)>,
    any: Vec<u32>,
}

/// Words an attribute value is looked up by.
#[derive(Clone, Debug, Default)]
struct Keys {
    /// The words, ASCII lowercase (`None`: no words).
    words: Option<Prefixes>,
    filed: Vec<Vec<u32>>,
    /// The first two letters of the words.
    starts: Option<Pairs>,
}

impl Keys {
    fn build(entries: Vec<(String, Vec<u32>)>) -> Keys {
        // A word is looked up whole: a trie, with no automaton to build (a DFA of these took
        // a tenth of every run's start-up).
        let words =
            (!entries.is_empty()).then(|| Prefixes::new(entries.iter().map(|(w, _)| w.to_ascii_lowercase())));
        let starts = Pairs::of(entries.iter().map(|(w, _)| w.as_str()));
        Keys { words, filed: entries.into_iter().map(|(_, ids)| ids).collect(), starts }
    }

    /// The selectors filed under `word` (the whole of it).
    fn get(&self, word: &str) -> &[u32] {
        if self.starts.as_ref().is_some_and(|p| !p.may_start(word)) {
            return &[];
        }
        let hit = self.words.as_ref().and_then(|w| w.whole(word.as_bytes(), |b| b.to_ascii_lowercase()));
        hit.and_then(|p| self.filed.get(p)).map_or(&[], Vec::as_slice)
    }
}

/// Adds selector `i` under `key` in `entries`.
fn file(entries: &mut Vec<(String, Vec<u32>)>, key: &str, i: u32) {
    match entries.iter_mut().find(|(k, _)| k == key) {
        Some((_, ids)) => ids.push(i),
        None => entries.push((key.to_owned(), vec![i])),
    }
}

impl Index {
    /// The names of the attributes the selectors test.
    pub fn attribute_names(&self) -> impl Iterator<Item = &str> {
        self.selectors.iter().flat_map(Selector::attribute_names)
    }

    pub fn new(selectors: impl IntoIterator<Item = Selector>) -> Index {
        let mut index = Index::default();
        let (mut classes, mut ids) = (Vec::new(), Vec::new());
        for (i, s) in selectors.into_iter().enumerate() {
            let i = u32::try_from(i).unwrap_or(u32::MAX);
            match s.key() {
                Key::Class(c) => file(&mut classes, c, i),
                Key::Id(id) => file(&mut ids, id, i),
                Key::Tag(t) => file(&mut index.tags, t, i),
                Key::Any => index.any.push(i),
            }
            index.selectors.push(s);
        }
        index.classes = Keys::build(classes);
        index.ids = Keys::build(ids);
        index
    }

    pub fn len(&self) -> usize {
        self.selectors.len()
    }

    /// Whether selector `i` requires a class (`.rich-text`, `div.post-body`): sections of one
    /// kind share one.
    pub fn needs_class(&self, i: usize) -> bool {
        self.selectors.get(i).is_some_and(|s| matches!(s.key(), Key::Class(_)))
    }

    /// Whether selector `i` is limited to one host.
    pub fn host_limited(&self, i: usize) -> bool {
        self.selectors.get(i).is_some_and(|s| s.host.is_some())
    }

    /// Calls `hit` with the index of every selector `e` matches on a page of `host`, in no
    /// particular order (a selector may be reported more than once).
    pub fn matches(&self, e: &Element, host: Option<&str>, mut hit: impl FnMut(usize)) {
        let Some(tag) = e.html_name() else { return };
        let mut check = |ids: &[u32]| {
            for &i in ids {
                let Some(s) = self.selectors.get(i as usize) else { continue };
                if s.applies_to(host) && s.matches(tag, |n| e.attr_str(n)) {
                    hit(i as usize);
                }
            }
        };
        if let Some(class) = e.attr(&local_name!("class")) {
            for token in class.split_ascii_whitespace() {
                check(self.classes.get(token));
            }
        }
        if let Some(id) = e.attr(&local_name!("id")) {
            check(self.ids.get(id.trim()));
        }
        if let Some((_, ids)) = self.tags.iter().find(|(t, _)| t.as_str() == &**tag) {
            check(ids);
        }
        check(&self.any);
    }

    /// Whether `e` matches any selector.
    pub fn any(&self, e: &Element, host: Option<&str>) -> bool {
        let mut found = false;
        self.matches(e, host, |_| found = true);
        found
    }
}

/// An id with more parts than this is a slug, not a name.
const MAX_ID_PARTS: usize = 3;

/// Hint words and their weights.
#[derive(Clone, Debug)]
pub(crate) struct Hints {
    /// The words, matched at the start of a part, longest first, in any ASCII case (`None`:
    /// no words).
    words: Option<AhoCorasick>,
    /// Each word's length and weight, and whether it names a box (`box:` lines: it weighs
    /// nothing on a paragraph), by pattern id.
    entries: Vec<(usize, i32, bool)>,
    /// A hint weighing this much or less makes its class name furniture by itself.
    qualifier: i32,
    /// The first two letters of the words.
    starts: Option<Pairs>,
}

impl Default for Hints {
    fn default() -> Hints {
        Hints::new(&[], i64::MIN)
    }
}

/// The first two letters of a set of words (ASCII, in any case), so that most strings no word
/// starts are told apart without a search.
#[derive(Clone, Debug)]
struct Pairs([u64; 11]);

impl Pairs {
    /// `None` when a word does not start with two letters: the words are then searched for
    /// every string.
    fn of<'w>(words: impl IntoIterator<Item = &'w str>) -> Option<Pairs> {
        let mut bits = [0u64; 11];
        for w in words {
            let i = Pairs::index(w.as_bytes())?;
            *bits.get_mut(i / 64)? |= 1 << (i % 64);
        }
        Some(Pairs(bits))
    }

    /// Whether a word may start `s`.
    fn may_start(&self, s: &str) -> bool {
        Pairs::index(s.as_bytes())
            .is_some_and(|i| self.0.get(i / 64).is_some_and(|b| b & (1 << (i % 64)) != 0))
    }

    /// Where the first two bytes of `w`, ASCII letters in any case, stand among the 26 x 26
    /// pairs; `None` if they are not two letters.
    fn index(w: &[u8]) -> Option<usize> {
        let letter = |c: u8| c.is_ascii_alphabetic().then(|| usize::from(c.to_ascii_lowercase() - b'a'));
        Some(letter(*w.first()?)? * 26 + letter(*w.get(1)?)?)
    }
}

impl Hints {
    pub fn new(hints: &[(String, i32)], qualifier: i64) -> Hints {
        Hints::with_boxes(hints, qualifier, &[])
    }

    /// [`Self::new`], the words in `boxes` known as the names of boxes
    /// ([`Self::paragraph_weight`] leaves them out).
    pub fn with_boxes(hints: &[(String, i32)], qualifier: i64, boxes: &[String]) -> Hints {
        // The first entry for a word wins, as in a file read top to bottom.
        let mut words: Vec<&str> = Vec::new();
        let mut entries = Vec::new();
        for (w, weight) in hints {
            if !words.contains(&w.as_str()) {
                words.push(w);
                entries.push((w.len(), *weight, boxes.contains(w)));
            }
        }
        // An automaton of a few hundred words always builds. (A trie builds in less, but its
        // lookups, a thousand an element on some pages, cost more than the DFA's.)
        let automaton = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(aho_corasick::StartKind::Anchored)
            .build(&words)
            .ok();
        let qualifier = i32::try_from(qualifier).unwrap_or(i32::MIN);
        let starts = Pairs::of(words.iter().copied());
        Hints { words: automaton, entries, qualifier, starts }
    }

    /// The hint a class or id part matches: the part itself, else its longest prefix that
    /// is a word of four letters or more. Returns the hint's id and weight, and whether it
    /// names a box.
    fn find(&self, part: &str) -> Option<(usize, i32, bool)> {
        if self.starts.as_ref().is_some_and(|p| !p.may_start(part)) {
            return None;
        }
        let m = self.words.as_ref()?.find(Input::new(part).anchored(Anchored::Yes))?;
        let (len, weight, boxed) = *self.entries.get(m.pattern().as_usize())?;
        (len == part.len() || len >= 4).then_some((m.pattern().as_usize(), weight, boxed))
    }

    /// The sum of the weights of the hints in an element's class and id, each hint once.
    pub fn weight(&self, e: &Element) -> i32 {
        self.weight_of(e, false)
    }

    /// [`Self::weight`] of a paragraph: the words of boxes weigh nothing on it.
    pub fn paragraph_weight(&self, e: &Element) -> i32 {
        self.weight_of(e, true)
    }

    fn weight_of(&self, e: &Element, paragraph: bool) -> i32 {
        let mut seen: u128 = 0;
        let mut sum = 0;
        for attr in [local_name!("class"), local_name!("id")] {
            let Some(v) = e.attr(&attr) else { continue };
            // An id of many words is a heading's slug (`sharing-with-a-single-developer`),
            // which says what a section is about, not what it is.
            if attr == local_name!("id") && super::mark::parts(v).nth(MAX_ID_PARTS).is_some() {
                continue;
            }
            // In one name, a strong word of furniture says what kind of thing the others
            // name it is: `RelatedArticles`, `entry-footer` are furniture whatever `article`
            // or `entry` add (`qualifier`).
            for name in v.split_ascii_whitespace() {
                let (mut plus, mut minus) = (0, 0);
                for part in super::mark::parts(name) {
                    if let Some((i, w, _)) = self.find(part).filter(|&(_, _, boxed)| !(paragraph && boxed)) {
                        // Hints past the 128th are told apart by their weight's sign only.
                        let bit = 1u128 << (i % 128);
                        if seen & bit == 0 {
                            seen |= bit;
                            if w <= self.qualifier { minus += w } else { plus += w }
                        }
                    }
                }
                sum += if minus < 0 { minus } else { plus };
            }
        }
        sum
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hints(words: &[(&str, i32)]) -> Hints {
        Hints::new(&words.iter().map(|(w, n)| ((*w).to_owned(), *n)).collect::<Vec<_>>(), -25)
    }

    #[test]
    fn a_part_matches_a_word_whole_or_as_a_prefix_of_four_letters_in_any_case() {
        let h = hints(&[("comment", -25), ("nav", -25), ("article", 25)]);
        assert_eq!(h.find("CommentList").map(|(_, w, _)| w), Some(-25));
        assert_eq!(h.find("NAV").map(|(_, w, _)| w), Some(-25));
        // A word of three letters matches only a whole part.
        assert_eq!(h.find("navigation"), None);
        assert_eq!(h.find("articles").map(|(_, w, _)| w), Some(25));
        for miss in ["", "c", "co", "x1", "1comment", "ärticle", "postbody"] {
            assert_eq!(h.find(miss), None, "{miss}");
        }
    }

    #[test]
    fn words_that_do_not_start_with_two_letters_are_still_found() {
        // The two-letter filter stands aside for them.
        let h = hints(&[("x", -30), ("h1title", 10), ("comment", -25)]);
        assert!(h.starts.is_none());
        assert_eq!(h.find("x").map(|(_, w, _)| w), Some(-30));
        assert_eq!(h.find("commentList").map(|(_, w, _)| w), Some(-25));
        let h = hints(&[("2col", -10)]);
        assert_eq!(h.find("2col").map(|(_, w, _)| w), Some(-10));
    }
}
