//! Provides [`RuleSet`]: the data that steers cleaning (boilerplate phrases, sentence
//! starters, abbreviations, shortcode names, thresholds), compiled in from `rules/` and
//! extensible with the user's own files in the same format.
//!
//! Built-in and user files go through one parser ([`parse`]): a file's name says what it
//! holds (see `rules/README.md`). Files are applied in lexicographic order of their names, so
//! the numeric prefix of a boilerplate file sets its precedence.

mod parse;
mod selector;

pub use parse::Defaults;
pub(crate) use selector::{Key, Selector};

use crate::error::RuleError;

include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// A boilerplate phrase and the rule (topic) it belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Phrase {
    /// The phrase as written in the file.
    pub text: String,
    /// The rule name: the file's topic (`comment-form`, `share`, …).
    pub rule: String,
    /// Written `list: …`: a block that is only this phrase heads a list of other stories'
    /// titles (`Related posts`), which go with it.
    pub heads_list: bool,
    /// Written `list: More from …`: the heading names a section or a site after the phrase
    /// (`More from Local News`), in a few words.
    pub names: bool,
}

impl Phrase {
    /// `text` under `rule`, heading no list.
    pub(crate) fn plain(text: &str, rule: &str) -> Phrase {
        Phrase { text: text.to_owned(), rule: rule.to_owned(), heads_list: false, names: false }
    }
}

/// A label that opens a line of links of a known shape, from a topic's file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Label {
    /// The label as written in the file.
    pub text: String,
    /// The rule name: the file's topic.
    pub rule: String,
    /// What follows the label.
    pub kind: LabelKind,
}

/// What a [`Label`] opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LabelKind {
    /// `trail: Home`: a breadcrumb trail (`Home » News » Politics`).
    Trail,
    /// `tags: Tags`: a tag line (`Tags: Russia, China, Iran`).
    Tags,
    /// `readtime: Reading time`: a reading time (`Reading time: 5 minutes`).
    ReadTime,
}

/// The sentence starters of one language (`Und`, `Aber`, `The` …).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Starters {
    /// ISO 639-1 code.
    pub lang: String,
    /// Capitalised words, as written.
    pub words: Vec<String>,
}

/// Lowercase ASCII words, looked up by length first: most words of a sentence have a
/// length none of the set has, and are turned away with one bit test.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct WordSet {
    words: Vec<String>,
    /// Bit `n` set: some word has `n` bytes (the last bit: 63 bytes or more).
    lengths: u64,
}

impl WordSet {
    /// Adds `word` as it is.
    pub(crate) fn insert(&mut self, word: String) {
        self.lengths |= Self::length_bit(word.len());
        self.words.push(word);
    }

    /// Whether `word` is in the set, byte for byte.
    pub(crate) fn contains(&self, word: &str) -> bool {
        self.lengths & Self::length_bit(word.len()) != 0 && self.words.iter().any(|w| w == word)
    }

    fn length_bit(len: usize) -> u64 {
        1 << len.min(63)
    }
}

impl Extend<String> for WordSet {
    fn extend<I: IntoIterator<Item = String>>(&mut self, words: I) {
        for w in words {
            self.insert(w);
        }
    }
}

/// Shortcode names by what they do.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Shortcodes {
    caption: Vec<String>,
    drop: Vec<String>,
    tag: Vec<String>,
}

impl Shortcodes {
    /// `[caption]`-like: the wrapped text is a caption.
    pub fn is_caption(&self, name: &str) -> bool {
        self.caption.iter().any(|n| n == name)
    }
    /// `[embed]`-like: the wrapped content goes with the tags.
    pub fn is_drop(&self, name: &str) -> bool {
        self.drop.iter().any(|n| n == name)
    }
    /// Any other known name: the tag goes even without attributes.
    pub fn is_known(&self, name: &str) -> bool {
        self.tag.iter().any(|n| n == name)
    }
}

/// Elements that go with their content: whole class tokens and ids, lowercase.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct DropSelectors {
    pub classes: Vec<String>,
    pub ids: Vec<String>,
}

impl DropSelectors {
    /// Does a tag with this `class` and `id` match?
    pub fn matches(&self, class: Option<&str>, id: Option<&str>) -> bool {
        let class_hit = class.is_some_and(|c| {
            c.split_ascii_whitespace().any(|t| self.classes.iter().any(|k| k.eq_ignore_ascii_case(t)))
        });
        class_hit || id.is_some_and(|i| self.ids.iter().any(|k| k.eq_ignore_ascii_case(i.trim())))
    }
}

/// The rules of whole pages (`rules/dom/`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct DomRules {
    /// Selectors of the article's container, most trusted first (`dom-content.txt`).
    pub content: Vec<Selector>,
    /// Selectors of one post's text in a thread (`dom-posts.txt`).
    pub posts: Vec<Selector>,
    /// Selectors of a quote of another post inside a post (`dom-quotes.txt`).
    pub quotes: Vec<Selector>,
    /// Selectors of an article's lead (its standfirst) beside its body (`dom-leads.txt`).
    pub leads: Vec<Selector>,
    /// Selectors of what is never content (`dom-drop.txt`).
    pub drop: Vec<Selector>,
    /// Class and id hint words and their weights (`dom-hints.txt`).
    pub hints: Vec<(String, i32)>,
    /// Hint words that weigh only on a page that declares a product (`product: review -30`).
    pub product_hints: Vec<(String, i32)>,
    /// Hint words of navigation (`links: nav -25`): what they make furniture goes only when
    /// its text is mostly links; a box of prose they name (`lm_navSource`, the section a
    /// tab strip scrolls to) is no menu.
    pub link_hints: Vec<(String, i32)>,
    /// Words that name a button in an element's class or id (`button: btn`).
    pub button_hints: Vec<String>,
    /// Hint words (also in `hints`) that name a box, not a paragraph (`box: paywall -30`):
    /// on a `<p>` they weigh nothing.
    pub box_words: Vec<String>,
}

/// All rules. Build one with [`RuleSet::builtin`], add files with [`RuleSet::add_source`],
/// and hand it to [`crate::CleanerBuilder::rules`].
///
/// ```
/// let mut rules = descrape::RuleSet::builtin();
/// rules.add_source("defaults.toml", "link_max_share = 0.8")?;
/// assert_eq!(rules.defaults().link_max_share, 0.8);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct RuleSet {
    pub(crate) phrases: Vec<Phrase>,
    /// The labels written `control: …` in a topic's file (`Ok`, `Akzeptieren`, `Subscribe`):
    /// the buttons and links next to that topic's notice; never boilerplate alone.
    pub(crate) controls: Vec<Phrase>,
    /// The words written `word: …` in a topic's file (`newsletter`, `Postfach`, `рассылк`):
    /// a short block that holds one at a word's start is the topic's notice.
    pub(crate) topic_words: Vec<Phrase>,
    /// The labels written `trail: …` (`Home`, `Startseite`: a breadcrumb trail's first step)
    /// and `tags: …` (`Tags`, `Schlagwörter`: a tag line's label) in a topic's file.
    pub(crate) labels: Vec<Label>,
    pub(crate) starters: Vec<Starters>,
    /// Per language: lowercase words after which a sentence does not end (`the`, `und`).
    pub(crate) dangling: Vec<Starters>,
    /// Per language: its most common short words, lowercase (`to`, `ist`): evidence for the
    /// language guess only.
    pub(crate) common: Vec<Starters>,
    pub(crate) abbreviations: Vec<String>,
    /// Class tokens of layout and state (`clearfix`, `alignleft`), lowercase: what is left of
    /// a cut class list that holds one is markup.
    pub(crate) class_words: WordSet,
    pub(crate) shortcodes: Shortcodes,
    pub(crate) drop: DropSelectors,
    /// Read-more link labels, lowercased (`read more`, `weiterlesen`, `mehr`).
    pub(crate) read_more: Vec<String>,
    /// Read-also labels, lowercased (`read also`, `lesen sie auch`, `à lire aussi`).
    pub(crate) read_also: Vec<String>,
    pub(crate) dom: DomRules,
    pub(crate) defaults: Defaults,
}

impl RuleSet {
    /// The rules compiled into the library from `rules/`.
    ///
    /// ```
    /// assert!(descrape::RuleSet::builtin().topics().iter().any(|t| t == "comment-form"));
    /// ```
    pub fn builtin() -> RuleSet {
        let mut set = RuleSet::empty();
        for (name, text) in BUILTIN_FILES {
            // The built-in files are checked by the test suite; a bad line there is a bug
            // caught before release, not something to fail on at run time.
            let result = set.add_source(name, text);
            debug_assert!(result.is_ok(), "{result:?}");
        }
        set
    }

    /// No rules at all, with the built-in thresholds. Mostly for tests.
    ///
    /// ```
    /// let c = descrape::Cleaner::builder().rules(descrape::RuleSet::empty()).build()?;
    /// assert_eq!(c.clean("Leave a Reply").text, "Leave a Reply\n");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn empty() -> RuleSet {
        RuleSet {
            phrases: Vec::new(),
            controls: Vec::new(),
            topic_words: Vec::new(),
            labels: Vec::new(),
            starters: Vec::new(),
            dangling: Vec::new(),
            common: Vec::new(),
            abbreviations: Vec::new(),
            class_words: WordSet::default(),
            shortcodes: Shortcodes::default(),
            drop: DropSelectors::default(),
            read_more: Vec::new(),
            read_also: Vec::new(),
            dom: DomRules::default(),
            defaults: Defaults::builtin(),
        }
    }

    /// Adds one rule file. `name` is its path or file name: the file name says what it holds
    /// (`20-share.de.txt`, `starters.fr.txt`, `abbreviations.txt`,
    /// `shortcodes-caption.txt`, `selectors-drop.txt`, `defaults.toml`). Errors name the file
    /// and the line.
    ///
    /// ```
    /// let mut rules = descrape::RuleSet::builtin();
    /// let err = rules.add_source("defaults.toml", "dedupe_min_jaccard = 2").unwrap_err();
    /// assert!(err.to_string().starts_with("defaults.toml:1:"));
    /// ```
    pub fn add_source(&mut self, name: &str, text: &str) -> Result<(), RuleError> {
        parse::add(self, name, text)
    }

    /// The boilerplate topics of the phrases (`comment-form`, `share` …), sorted: the rule
    /// names the boilerplate filter counts under.
    ///
    /// ```
    /// let topics = descrape::RuleSet::builtin().topics();
    /// assert!(topics.iter().any(|t| t == "share"));
    /// ```
    pub fn topics(&self) -> Vec<String> {
        let mut names: Vec<String> = self.phrases.iter().map(|p| p.rule.clone()).collect();
        names.sort();
        names.dedup();
        names
    }

    /// The thresholds in force.
    ///
    /// ```
    /// assert_eq!(descrape::RuleSet::builtin().defaults().join_min_words, 8);
    /// ```
    pub fn defaults(&self) -> &Defaults {
        &self.defaults
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topics_are_the_boilerplate_files_names() {
        let names = RuleSet::builtin().topics();
        for n in ["comment-form", "share", "cookie", "newsletter", "related", "ads", "navigation", "paywall"]
        {
            assert!(names.iter().any(|x| x == n), "{n}");
        }
    }

    #[test]
    fn a_word_set_holds_its_words_whatever_their_length() {
        let long = "x".repeat(70);
        let mut set = WordSet::default();
        set.extend(["cf", "clearfix", long.as_str()].map(String::from));
        for w in ["cf", "clearfix", long.as_str()] {
            assert!(set.contains(w), "{w}");
        }
        // Same lengths as a word of the set, and a longer word past the last length bit.
        for w in ["ab", "clearfit", "x".repeat(64).as_str(), "clear", ""] {
            assert!(!set.contains(w), "{w}");
        }
        assert!(RuleSet::builtin().class_words.contains("clearfix"));
    }

    #[test]
    fn every_builtin_file_parses() {
        let mut set = RuleSet::empty();
        for (name, text) in BUILTIN_FILES {
            assert_eq!(set.add_source(name, text), Ok(()), "{name}");
        }
    }
}
