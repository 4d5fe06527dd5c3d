//! Parses rule files: one entry per line, `#` comments, blank lines ignored; `*.toml` files
//! overlay the thresholds key by key. The file name says what a file holds.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{Label, LabelKind, Phrase, RuleSet, Selector, Starters};
use crate::error::{RuleError, RuleErrorKind};

/// The thresholds of the filters. Built-in values come from `rules/defaults.toml`, where each
/// key has a comment saying why that value.
///
/// ```
/// let mut rules = descrape::RuleSet::builtin();
/// rules.add_source("defaults.toml", "teaser_max_words = 40")?;
/// let d: &descrape::Defaults = rules.defaults();
/// assert_eq!((d.teaser_max_words, d.join_min_words), (40, 8));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Defaults {
    /// Near-duplicate neighbour: both blocks need at least this many words to be judged.
    pub dedupe_min_words: usize,
    /// Near-duplicate neighbour: blocks with more words than this are not judged.
    pub dedupe_max_words: usize,
    /// Near-duplicate neighbour: the share of distinct words two blocks must have in common.
    pub dedupe_min_jaccard: f64,
    /// Boilerplate: blocks longer than this (in chars) are never wholly boilerplate.
    pub boilerplate_max_chars: usize,
    /// Boilerplate: the share of a block's letters phrases may leave uncovered.
    pub boilerplate_max_uncovered: f64,
    /// Boilerplate: a block of at most this many words that starts with a phrase of a topic
    /// is that topic's notice when a control or a whole phrase of the topic stands next to it
    /// (a consent notice and its `Ok`, a sign-up box and its `Subscribe`).
    pub boilerplate_notice_max_words: usize,
    /// Boilerplate: a block of at most this many words that holds a `word:` of a topic
    /// (`newsletter`) is that topic's notice, on the same terms.
    pub boilerplate_word_notice_max_words: usize,
    /// Boilerplate: a paragraph of one line and at most this many words between a box's
    /// notice and more of the box is the box's pitch in the site's own words.
    pub boilerplate_pitch_max_words: usize,
    /// Boilerplate: after a block that is a list heading (`list:` phrases, `Related posts`),
    /// each following block of at most this many words is a title of the list...
    pub boilerplate_list_max_words: usize,
    /// ...up to this many of them.
    pub boilerplate_list_max_items: usize,
    /// Boilerplate: a block that opens with a copyright mark (`© 2024 …`, `Copyright © …`)
    /// and has at most this many words is a copyright line (the `legal` rule).
    pub boilerplate_copyright_max_words: usize,
    /// Join: the cut paragraph must have at least this many words.
    pub join_min_words: usize,
    /// Join: without a sentence end inside, the cut paragraph needs this many words.
    pub join_min_words_single_sentence: usize,
    /// Glue split by case: lowercase letters needed before the capital (`diskutierenUnd`).
    pub glue_min_lower_run: usize,
    /// Language guess: starter words needed before a language counts as found.
    pub lang_min_hits: usize,
    /// Link density: a block whose linked share of text reaches this goes.
    pub link_max_share: f64,
    /// Teaser: blocks with more words than this that end in a read-more label stay.
    pub teaser_max_words: usize,
    /// Whole pages: an element the rules mark as the article needs this much prose
    /// (non-space characters outside links) to be taken.
    pub dom_min_content_chars: usize,
    /// Whole pages: ...and this share of the page's prose.
    pub dom_min_content_share: f64,
    /// Whole pages: a paragraph shorter than this (non-space characters) does not score.
    pub dom_min_paragraph_chars: usize,
    /// Whole pages: what content scoring chose is taken when it holds this share of the
    /// page's prose; else the page's content is all of it but the furniture.
    pub dom_min_scored_share: f64,
    /// Whole pages: inside the element the rules chose, what scoring chose is taken when it
    /// holds this share of the element's prose.
    pub dom_min_refined_share: f64,
    /// Whole pages: ...and this share of the element's text, links included.
    pub dom_min_refined_text_share: f64,
    /// Whole pages: furniture or a hidden element holding this share of the page's text is
    /// the page's wrapper, and content.
    pub dom_wrapper_share: f64,
    /// Whole pages: when furniture and hidden elements leave less than this share of the
    /// page's text, the furniture is read as content.
    pub dom_min_kept_share: f64,
    /// Whole pages: `link_max_share` for the blocks of a page; above 1, link density removes
    /// no block of a page.
    pub dom_link_max_share: f64,
    /// Whole pages: an element whose class and id hints weigh this much or less is furniture.
    pub dom_furniture_weight: i64,
    /// Whole pages: a hint weighing this much or less makes the class name it is part of
    /// furniture, whatever the name's other words weigh (`RelatedArticles`, `entry-footer`).
    pub dom_qualifier_weight: i64,
    /// Whole pages: an element whose class names a button is one (a control, dropped) when its
    /// text has at most this many words.
    pub dom_button_max_words: usize,
    /// Whole pages: a page larger than this (bytes) goes through the streaming residue path.
    pub dom_max_page_bytes: usize,
    /// Whole pages: a page with more start tags than this goes through the residue path (a
    /// parsed element costs far more memory than its bytes).
    pub dom_max_elements: usize,
    /// Product pages: the product's JSON-LD `description` is added when the content found
    /// holds less than this share of its words.
    pub dom_min_description_share: f64,
    /// Whole pages: an element whose text is at least this share link text is links (a
    /// menu, a shop's footer).
    pub dom_links_share: f64,
    /// Whole pages: a sibling of the page's `<main>` holding this much prose (characters
    /// outside links) joins it as content (a shop's category text after the products).
    pub dom_min_sibling_chars: usize,
    /// Whole pages: a run of blocks that repeats an earlier run (a description laid out for
    /// two screen sizes) is a copy, dropped, when it holds at least this many blocks...
    pub dom_copy_min_blocks: usize,
    /// ...and this many words.
    pub dom_copy_min_words: usize,
}

/// One TOML overlay: every key optional, unknown keys rejected.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Overlay {
    dedupe_min_words: Option<usize>,
    dedupe_max_words: Option<usize>,
    dedupe_min_jaccard: Option<f64>,
    boilerplate_max_chars: Option<usize>,
    boilerplate_max_uncovered: Option<f64>,
    boilerplate_notice_max_words: Option<usize>,
    boilerplate_word_notice_max_words: Option<usize>,
    boilerplate_pitch_max_words: Option<usize>,
    boilerplate_list_max_words: Option<usize>,
    boilerplate_list_max_items: Option<usize>,
    boilerplate_copyright_max_words: Option<usize>,
    join_min_words: Option<usize>,
    join_min_words_single_sentence: Option<usize>,
    glue_min_lower_run: Option<usize>,
    lang_min_hits: Option<usize>,
    link_max_share: Option<f64>,
    teaser_max_words: Option<usize>,
    dom_min_content_chars: Option<usize>,
    dom_min_content_share: Option<f64>,
    dom_min_paragraph_chars: Option<usize>,
    dom_min_scored_share: Option<f64>,
    dom_min_refined_share: Option<f64>,
    dom_min_refined_text_share: Option<f64>,
    dom_wrapper_share: Option<f64>,
    dom_min_kept_share: Option<f64>,
    dom_link_max_share: Option<f64>,
    dom_furniture_weight: Option<i64>,
    dom_qualifier_weight: Option<i64>,
    dom_button_max_words: Option<usize>,
    dom_max_page_bytes: Option<usize>,
    dom_max_elements: Option<usize>,
    dom_min_description_share: Option<f64>,
    dom_links_share: Option<f64>,
    dom_min_sibling_chars: Option<usize>,
    dom_copy_min_blocks: Option<usize>,
    dom_copy_min_words: Option<usize>,
}

/// A phrase needs this many letters: shorter ones (`OK`, `X`) would match too much. A Han,
/// kana or Hangul letter counts as two (`广告`, "advertisement", is a phrase).
const MIN_PHRASE_LETTERS: usize = 3;

/// The letters of `phrase` as [`MIN_PHRASE_LETTERS`] counts them.
fn phrase_letters(phrase: &str) -> usize {
    phrase
        .chars()
        .filter(|c| c.is_alphabetic())
        .map(|c| if crate::text::lang::is_cjk(c) { 2 } else { 1 })
        .sum()
}

const BUILTIN_DEFAULTS: &str = include_str!("../../rules/defaults.toml");

impl Defaults {
    /// The values of `rules/defaults.toml`.
    pub(crate) fn builtin() -> Defaults {
        let mut d = Defaults {
            dedupe_min_words: 0,
            dedupe_max_words: 0,
            dedupe_min_jaccard: 1.0,
            boilerplate_max_chars: 0,
            boilerplate_max_uncovered: 0.0,
            boilerplate_notice_max_words: 0,
            boilerplate_word_notice_max_words: 0,
            boilerplate_pitch_max_words: 0,
            boilerplate_list_max_words: 0,
            boilerplate_list_max_items: 0,
            boilerplate_copyright_max_words: 0,
            join_min_words: usize::MAX,
            join_min_words_single_sentence: usize::MAX,
            glue_min_lower_run: usize::MAX,
            lang_min_hits: usize::MAX,
            link_max_share: f64::INFINITY,
            teaser_max_words: 0,
            dom_min_content_chars: 0,
            dom_min_content_share: 0.0,
            dom_min_paragraph_chars: 0,
            dom_min_scored_share: 0.0,
            dom_min_refined_share: 1.0,
            dom_min_refined_text_share: 1.0,
            dom_wrapper_share: 1.0,
            dom_min_kept_share: 0.0,
            dom_link_max_share: f64::INFINITY,
            dom_furniture_weight: i64::MIN,
            dom_qualifier_weight: i64::MIN,
            dom_button_max_words: 0,
            dom_max_page_bytes: 0,
            dom_max_elements: 0,
            dom_min_description_share: 0.0,
            dom_links_share: 0.0,
            dom_min_sibling_chars: 0,
            dom_copy_min_blocks: usize::MAX,
            dom_copy_min_words: usize::MAX,
        };
        let result = d.overlay("defaults.toml", BUILTIN_DEFAULTS);
        debug_assert!(result.is_ok(), "{result:?}");
        d
    }

    fn overlay(&mut self, name: &str, text: &str) -> Result<(), RuleError> {
        let bad = |line: usize, msg: String| RuleError::new(name, line, RuleErrorKind::BadDefaults(msg));
        let o: Overlay = toml::from_str(text).map_err(|e| {
            let line = e.span().map_or(0, |s| line_at(text, s.start));
            bad(line, e.message().trim().replace('\n', " "))
        })?;
        for (key, v) in [
            ("dedupe_min_jaccard", o.dedupe_min_jaccard),
            ("boilerplate_max_uncovered", o.boilerplate_max_uncovered),
            ("link_max_share", o.link_max_share),
            ("dom_min_content_share", o.dom_min_content_share),
            ("dom_min_scored_share", o.dom_min_scored_share),
            ("dom_min_refined_share", o.dom_min_refined_share),
            ("dom_min_refined_text_share", o.dom_min_refined_text_share),
            ("dom_wrapper_share", o.dom_wrapper_share),
            ("dom_min_kept_share", o.dom_min_kept_share),
            ("dom_min_description_share", o.dom_min_description_share),
            ("dom_links_share", o.dom_links_share),
        ] {
            if v.is_some_and(|v| !(0.0..=1.0).contains(&v)) {
                return Err(bad(line_of_key(text, key), format!("{key} must be between 0 and 1")));
            }
        }
        // A share above 1 is no share a block can reach: link density never removes a block.
        if o.dom_link_max_share.is_some_and(|v| v.is_nan() || v < 0.0) {
            return Err(bad(
                line_of_key(text, "dom_link_max_share"),
                "dom_link_max_share must be 0 or more".into(),
            ));
        }
        // Counts a filter multiplies or adds to: bounded, so no value can overflow them.
        for (key, v) in [
            ("dedupe_min_words", o.dedupe_min_words),
            ("dedupe_max_words", o.dedupe_max_words),
            ("boilerplate_max_chars", o.boilerplate_max_chars),
            ("boilerplate_notice_max_words", o.boilerplate_notice_max_words),
            ("boilerplate_word_notice_max_words", o.boilerplate_word_notice_max_words),
            ("boilerplate_pitch_max_words", o.boilerplate_pitch_max_words),
            ("boilerplate_list_max_words", o.boilerplate_list_max_words),
            ("boilerplate_list_max_items", o.boilerplate_list_max_items),
            ("boilerplate_copyright_max_words", o.boilerplate_copyright_max_words),
            ("join_min_words", o.join_min_words),
            ("join_min_words_single_sentence", o.join_min_words_single_sentence),
            ("glue_min_lower_run", o.glue_min_lower_run),
            ("lang_min_hits", o.lang_min_hits),
            ("teaser_max_words", o.teaser_max_words),
            ("dom_min_content_chars", o.dom_min_content_chars),
            ("dom_min_paragraph_chars", o.dom_min_paragraph_chars),
            ("dom_button_max_words", o.dom_button_max_words),
            ("dom_min_sibling_chars", o.dom_min_sibling_chars),
            ("dom_copy_min_blocks", o.dom_copy_min_blocks),
            ("dom_copy_min_words", o.dom_copy_min_words),
        ] {
            if v.is_some_and(|v| v > MAX_COUNT) {
                return Err(bad(line_of_key(text, key), format!("{key} must be between 0 and {MAX_COUNT}")));
            }
        }
        for (key, v) in [
            ("dom_furniture_weight", o.dom_furniture_weight),
            ("dom_qualifier_weight", o.dom_qualifier_weight),
        ] {
            if v.is_some_and(|v| !(-(MAX_COUNT as i64)..=0).contains(&v)) {
                return Err(bad(line_of_key(text, key), format!("{key} must be between -{MAX_COUNT} and 0")));
            }
        }
        macro_rules! set {
            ($($f:ident),*) => { $( if let Some(v) = o.$f { self.$f = v; } )* };
        }
        set!(
            dedupe_min_words,
            dedupe_max_words,
            dedupe_min_jaccard,
            boilerplate_max_chars,
            boilerplate_max_uncovered,
            boilerplate_notice_max_words,
            boilerplate_word_notice_max_words,
            boilerplate_pitch_max_words,
            boilerplate_list_max_words,
            boilerplate_list_max_items,
            boilerplate_copyright_max_words,
            join_min_words,
            join_min_words_single_sentence,
            glue_min_lower_run,
            lang_min_hits,
            link_max_share,
            teaser_max_words,
            dom_min_content_chars,
            dom_min_content_share,
            dom_min_paragraph_chars,
            dom_min_scored_share,
            dom_min_refined_share,
            dom_min_refined_text_share,
            dom_wrapper_share,
            dom_min_kept_share,
            dom_link_max_share,
            dom_furniture_weight,
            dom_qualifier_weight,
            dom_button_max_words,
            dom_max_page_bytes,
            dom_max_elements,
            dom_min_description_share,
            dom_links_share,
            dom_min_sibling_chars,
            dom_copy_min_blocks,
            dom_copy_min_words
        );
        Ok(())
    }
}

/// The largest count a threshold may be (words, characters, hits).
const MAX_COUNT: usize = 1_000_000;

/// The 1-based line of byte `at` in `text`.
fn line_at(text: &str, at: usize) -> usize {
    1 + text.as_bytes().get(..at).unwrap_or(text.as_bytes()).iter().filter(|&&c| c == b'\n').count()
}

/// The 1-based line where `key` is set in `text` (0 when it cannot be found).
fn line_of_key(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| l.trim_start().strip_prefix(key).is_some_and(|r| r.trim_start().starts_with('=')))
        .map_or(0, |i| i + 1)
}

/// What a file holds, from its name.
#[derive(Debug, PartialEq, Eq)]
enum FileKind {
    Defaults,
    Boilerplate { rule: String },
    Starters { lang: String },
    Dangling { lang: String },
    Common { lang: String },
    Abbreviations,
    ShortcodesCaption,
    ShortcodesDrop,
    ShortcodesTag,
    ClassWords,
    DropSelectors,
    ReadMore,
    ReadAlso,
    DomContent,
    DomPosts,
    DomQuotes,
    DomLeads,
    DomDrop,
    DomHints,
}

fn kind_of(name: &str) -> Option<FileKind> {
    let file = Path::new(name).file_name()?.to_str()?;
    if file.ends_with(".toml") {
        return Some(FileKind::Defaults);
    }
    let stem = file.strip_suffix(".txt")?;
    match stem {
        "abbreviations" => return Some(FileKind::Abbreviations),
        "class-words" => return Some(FileKind::ClassWords),
        "shortcodes-caption" => return Some(FileKind::ShortcodesCaption),
        "shortcodes-drop" => return Some(FileKind::ShortcodesDrop),
        "shortcodes-tag" => return Some(FileKind::ShortcodesTag),
        "selectors-drop" => return Some(FileKind::DropSelectors),
        "dom-content" => return Some(FileKind::DomContent),
        "dom-posts" => return Some(FileKind::DomPosts),
        "dom-quotes" => return Some(FileKind::DomQuotes),
        "dom-leads" => return Some(FileKind::DomLeads),
        "dom-drop" => return Some(FileKind::DomDrop),
        "dom-hints" => return Some(FileKind::DomHints),
        _ => {}
    }
    let (base, lang) = stem.rsplit_once('.')?;
    let is_lang = (2..=3).contains(&lang.len()) && lang.bytes().all(|c| c.is_ascii_lowercase());
    if !is_lang {
        return None;
    }
    if base == "starters" {
        return Some(FileKind::Starters { lang: lang.to_owned() });
    }
    if base == "dangling" {
        return Some(FileKind::Dangling { lang: lang.to_owned() });
    }
    if base == "common" {
        return Some(FileKind::Common { lang: lang.to_owned() });
    }
    if base == "abbreviations" {
        return Some(FileKind::Abbreviations);
    }
    if base == "read-more" {
        return Some(FileKind::ReadMore);
    }
    if base == "read-also" {
        return Some(FileKind::ReadAlso);
    }
    // `NN-topic` or `topic`: the topic is the rule name.
    let topic = match base.split_once('-') {
        Some((nn, rest)) if !nn.is_empty() && nn.bytes().all(|c| c.is_ascii_digit()) => rest,
        _ => base,
    };
    let kebab = !topic.is_empty()
        && topic.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
        && !topic.starts_with('-')
        && !topic.ends_with('-');
    kebab.then(|| FileKind::Boilerplate { rule: topic.to_owned() })
}

/// The entries of a line-format file: `(1-based line, entry)`. A comment is `#` alone or `#`
/// and a space: `#comments` in a selector file is an id, not a comment.
fn entries(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().map(|(i, l)| (i + 1, l.trim())).filter(|(_, l)| !l.is_empty() && !is_comment(l))
}

/// `# …`, `#` alone, or `#!` and the like: a `#` not followed by a letter, digit, `-` or `_`.
fn is_comment(line: &str) -> bool {
    line.strip_prefix('#')
        .is_some_and(|rest| !rest.starts_with(|c: char| c.is_alphanumeric() || c == '-' || c == '_'))
}

/// Adds `words` to the list of `lang`, starting one if there is none.
fn add_words(lists: &mut Vec<Starters>, lang: String, words: impl Iterator<Item = String>) {
    match lists.iter_mut().find(|s| s.lang == lang) {
        Some(s) => s.words.extend(words),
        None => {
            let words = words.collect();
            lists.push(Starters { lang, words });
        }
    }
}

pub(super) fn add(set: &mut RuleSet, name: &str, text: &str) -> Result<(), RuleError> {
    let kind = kind_of(name).ok_or_else(|| RuleError::new(name, 0, RuleErrorKind::UnknownFileKind))?;
    match kind {
        FileKind::Defaults => set.defaults.overlay(name, text)?,
        FileKind::Boilerplate { rule } => {
            for (line, entry) in entries(text) {
                let too_short =
                    || RuleError::new(name, line, RuleErrorKind::PhraseTooShort(entry.to_owned()));
                // `control: Ok` labels a button of the topic's notice; `list: Related posts`
                // is a phrase that heads a list of titles.
                if let Some(label) = entry.strip_prefix("control:").map(str::trim) {
                    if !label.chars().any(char::is_alphanumeric) {
                        return Err(too_short());
                    }
                    set.controls.push(Phrase::plain(label, &rule));
                    continue;
                }
                // `word: newsletter`: a short block holding it is the topic's notice.
                if let Some(word) = entry.strip_prefix("word:").map(str::trim) {
                    if phrase_letters(word) < MIN_PHRASE_LETTERS {
                        return Err(too_short());
                    }
                    set.topic_words.push(Phrase::plain(word, &rule));
                    continue;
                }
                // `trail: Home` opens a breadcrumb trail, `tags: Tags` a tag line,
                // `readtime: Lesezeit` a reading time.
                let labelled = [
                    ("trail:", LabelKind::Trail),
                    ("tags:", LabelKind::Tags),
                    ("readtime:", LabelKind::ReadTime),
                ]
                .into_iter()
                .find_map(|(prefix, kind)| entry.strip_prefix(prefix).map(|l| (l.trim(), kind)));
                if let Some((label, kind)) = labelled {
                    if !label.chars().any(char::is_alphanumeric) {
                        return Err(too_short());
                    }
                    set.labels.push(Label { text: label.to_owned(), rule: rule.clone(), kind });
                    continue;
                }
                let (heads_list, phrase) = match entry.strip_prefix("list:") {
                    Some(p) => (true, p.trim()),
                    None => (false, entry),
                };
                // `list: More from …`: a list heading that names a section or a site after it.
                let (names, phrase) = match phrase.strip_suffix('…').filter(|_| heads_list) {
                    Some(p) => (true, p.trim_end()),
                    None => (false, phrase),
                };
                if phrase_letters(phrase) < MIN_PHRASE_LETTERS {
                    return Err(RuleError::new(name, line, RuleErrorKind::PhraseTooShort(phrase.to_owned())));
                }
                set.phrases.push(Phrase { text: phrase.to_owned(), rule: rule.clone(), heads_list, names });
            }
        }
        FileKind::Starters { lang } => {
            add_words(&mut set.starters, lang, entries(text).map(|(_, w)| w.to_owned()))
        }
        FileKind::Dangling { lang } => {
            add_words(&mut set.dangling, lang, entries(text).map(|(_, w)| w.to_lowercase()));
        }
        FileKind::Common { lang } => {
            add_words(&mut set.common, lang, entries(text).map(|(_, w)| w.to_lowercase()));
        }
        FileKind::Abbreviations => {
            set.abbreviations.extend(entries(text).map(|(_, w)| w.trim_end_matches('.').to_lowercase()));
        }
        FileKind::ClassWords => set.class_words.extend(entries(text).map(|(_, w)| w.to_ascii_lowercase())),
        FileKind::ShortcodesCaption => {
            set.shortcodes.caption.extend(entries(text).map(|(_, w)| w.to_owned()))
        }
        FileKind::ShortcodesDrop => set.shortcodes.drop.extend(entries(text).map(|(_, w)| w.to_owned())),
        FileKind::ShortcodesTag => set.shortcodes.tag.extend(entries(text).map(|(_, w)| w.to_owned())),
        FileKind::ReadMore => set.read_more.extend(entries(text).map(|(_, w)| w.to_lowercase())),
        FileKind::ReadAlso => set.read_also.extend(entries(text).map(|(_, w)| w.to_lowercase())),
        FileKind::DomContent
        | FileKind::DomPosts
        | FileKind::DomQuotes
        | FileKind::DomLeads
        | FileKind::DomDrop => {
            for (line, entry) in entries(text) {
                let sel = Selector::parse(entry)
                    .ok_or_else(|| RuleError::new(name, line, RuleErrorKind::BadCss(entry.to_owned())))?;
                match kind {
                    FileKind::DomContent => set.dom.content.push(sel),
                    FileKind::DomPosts => set.dom.posts.push(sel),
                    FileKind::DomQuotes => set.dom.quotes.push(sel),
                    FileKind::DomLeads => set.dom.leads.push(sel),
                    _ => set.dom.drop.push(sel),
                }
            }
        }
        FileKind::DomHints => {
            for (line, entry) in entries(text) {
                let bad = || RuleError::new(name, line, RuleErrorKind::BadHint(entry.to_owned()));
                // `product: review -30`: a weight only on a page that declares a product;
                // `links: nav -25`: a weight whose furniture goes only when mostly links;
                // `box: paywall -30`: a weight on any element but a paragraph.
                let ((product, links, boxed), entry) = match entry.split_once(':') {
                    Some(("product", rest)) => ((true, false, false), rest.trim()),
                    Some(("links", rest)) => ((false, true, false), rest.trim()),
                    Some(("box", rest)) => ((false, false, true), rest.trim()),
                    // `button: btn`: a word that names a button, with no weight.
                    Some(("button", word)) => {
                        let word = word.trim();
                        if word.is_empty() || !word.chars().all(|c| c.is_alphanumeric()) {
                            return Err(bad());
                        }
                        set.dom.button_hints.push(word.to_lowercase());
                        continue;
                    }
                    Some(_) => return Err(bad()),
                    None => ((false, false, false), entry),
                };
                let (word, weight) = entry.split_once(char::is_whitespace).ok_or_else(bad)?;
                let weight: i32 = weight.trim().parse().map_err(|_| bad())?;
                let word_ok = !word.is_empty() && word.chars().all(|c| c.is_alphanumeric());
                // A navigation word makes furniture: it weighs less than nothing.
                if !word_ok || !(-1000..=1000).contains(&weight) || links && weight >= 0 {
                    return Err(bad());
                }
                let list = match (product, links) {
                    (true, _) => &mut set.dom.product_hints,
                    (_, true) => &mut set.dom.link_hints,
                    _ => &mut set.dom.hints,
                };
                list.push((word.to_lowercase(), weight));
                if boxed {
                    set.dom.box_words.push(word.to_lowercase());
                }
            }
        }
        FileKind::DropSelectors => {
            for (line, entry) in entries(text) {
                let bad = || RuleError::new(name, line, RuleErrorKind::BadSelector(entry.to_owned()));
                let valid = |t: &str| !t.is_empty() && !t.contains(char::is_whitespace);
                match (entry.strip_prefix('.'), entry.strip_prefix('#')) {
                    (Some(class), _) if valid(class) => set.drop.classes.push(class.to_ascii_lowercase()),
                    (_, Some(id)) if valid(id) => set.drop.ids.push(id.to_ascii_lowercase()),
                    _ => return Err(bad()),
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    // See: issue #10 (every `#id` line of selectors-drop.txt was read as a comment).
    #[test]
    fn ids_in_selector_files_are_entries_and_hash_space_is_a_comment() {
        let mut set = RuleSet::empty();
        add(&mut set, "selectors-drop.txt", "# a comment\n#\n#comments\n.share\n").unwrap();
        assert_eq!(set.drop.ids, ["comments"]);
        assert_eq!(set.drop.classes, ["share"]);
        let builtin = RuleSet::builtin();
        for id in ["comments", "respond", "sidebar", "disqus_thread"] {
            assert!(builtin.drop.ids.iter().any(|x| x == id), "{id}");
        }
    }

    #[test]
    fn file_names_say_what_files_hold() {
        assert_eq!(
            kind_of("rules/boilerplate/10-comment-form.en.txt"),
            Some(FileKind::Boilerplate { rule: "comment-form".into() })
        );
        assert_eq!(kind_of("my-footer.de.txt"), Some(FileKind::Boilerplate { rule: "my-footer".into() }));
        assert_eq!(kind_of("starters.de.txt"), Some(FileKind::Starters { lang: "de".into() }));
        assert_eq!(kind_of("dangling.de.txt"), Some(FileKind::Dangling { lang: "de".into() }));
        assert_eq!(kind_of("common.de.txt"), Some(FileKind::Common { lang: "de".into() }));
        assert_eq!(kind_of("defaults.toml"), Some(FileKind::Defaults));
        assert_eq!(kind_of("rules/selectors/selectors-drop.txt"), Some(FileKind::DropSelectors));
        assert_eq!(kind_of("notes.md"), None);
        assert_eq!(kind_of("Bad_Topic.en.txt"), None);
        assert_eq!(kind_of("topic.english.txt"), None);
    }

    #[test]
    fn errors_name_file_and_line() {
        let mut set = RuleSet::empty();
        let err = set.add_source("x/50-mine.en.txt", "# c\n\nsubscribe now\nok\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "x/50-mine.en.txt:4: phrase \"ok\" is too short to match safely (3 letters or more)"
        );
        let err = set.add_source("weird.bin", "").unwrap_err();
        assert_eq!(err.line, 0);
    }

    #[test]
    fn defaults_overlay_key_by_key_and_reject_unknown_keys() {
        let mut set = RuleSet::empty();
        let before = set.defaults.clone();
        set.add_source("mine.toml", "dedupe_min_words = 9\n").unwrap();
        assert_eq!(set.defaults.dedupe_min_words, 9);
        assert_eq!(set.defaults.dedupe_min_jaccard, before.dedupe_min_jaccard);
        assert!(set.add_source("mine.toml", "nope = 1\n").is_err());
        assert!(set.add_source("mine.toml", "dedupe_min_jaccard = 2.0\n").is_err());
    }

    // See: issue #14 (thresholds overflowed; errors said line 0 and escaped newlines).
    #[test]
    fn out_of_range_and_malformed_defaults_name_their_line() {
        let mut d = Defaults::builtin();
        let e = d.overlay("mine.toml", "# mine\ndedupe_max_words = 18446744073709551615\n").unwrap_err();
        assert!(e.to_string().starts_with("mine.toml:2: "), "{e}");
        let e = d.overlay("mine.toml", "\nboilerplate_max_chars = 2000000\n").unwrap_err();
        assert!(
            e.to_string().contains("mine.toml:2:") && e.to_string().contains("between 0 and 1000000"),
            "{e}"
        );
        let e = d.overlay("mine.toml", "teaser_max_words = 5\nlink_max_share = \n").unwrap_err();
        assert!(e.to_string().starts_with("mine.toml:2: ") && !e.to_string().contains('\n'), "{e}");
        assert!(d.overlay("mine.toml", "dedupe_max_words = 1000000").is_ok());
        // A hint line may be limited to product pages; no other page kind is known.
        let mut set = crate::RuleSet::builtin();
        set.add_source(
            "dom-hints.txt",
            "product: stockist -40\nsidebar -30\nbutton: knopf\nlinks: menuleiste -30\n",
        )
        .unwrap();
        assert!(set.dom.product_hints.contains(&("stockist".to_owned(), -40)));
        assert!(set.dom.link_hints.contains(&("menuleiste".to_owned(), -30)));
        assert!(!set.dom.hints.iter().any(|(w, _)| w == "menuleiste"));
        assert!(set.add_source("dom-hints.txt", "links: two words -30\n").is_err());
        // A navigation word makes furniture: a weight of 0 or more is an error.
        assert!(set.add_source("dom-hints.txt", "links: menuleiste 10\n").is_err());
        assert!(set.dom.button_hints.contains(&"knopf".to_owned()));
        assert!(set.add_source("dom-hints.txt", "button: two words\n").is_err());
        assert!(!set.dom.hints.iter().any(|(w, _)| w == "stockist"));
        assert!(set.add_source("dom-hints.txt", "forum: signature -40\n").is_err());
        // A box's word weighs as any other, and is known as a box's.
        set.add_source("dom-hints.txt", "box: schranke -30\n").unwrap();
        assert!(set.dom.hints.contains(&("schranke".to_owned(), -30)));
        assert!(set.dom.box_words.contains(&"schranke".to_owned()));
        assert!(set.add_source("dom-hints.txt", "box: schranke\n").is_err());
        // A page's link share may be above 1 (link density off), never below 0.
        assert!(d.overlay("mine.toml", "dom_link_max_share = 0.9").is_ok());
        assert!(d.overlay("mine.toml", "dom_link_max_share = 3.0").is_ok());
        let e = d.overlay("mine.toml", "dom_link_max_share = -0.5").unwrap_err();
        assert!(e.to_string().contains("0 or more"), "{e}");
    }

    #[test]
    fn builtin_defaults_set_every_key() {
        let o: Overlay = toml::from_str(BUILTIN_DEFAULTS).unwrap();
        assert!(
            o.dedupe_min_words.is_some() && o.dedupe_max_words.is_some() && o.dedupe_min_jaccard.is_some()
        );
        assert!(o.boilerplate_max_chars.is_some() && o.boilerplate_max_uncovered.is_some());
        assert!(o.join_min_words.is_some() && o.join_min_words_single_sentence.is_some());
        assert!(o.glue_min_lower_run.is_some() && o.lang_min_hits.is_some() && o.link_max_share.is_some());
        assert!(o.teaser_max_words.is_some());
    }
}
