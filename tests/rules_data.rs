//! Lints the data under `rules/`: every file parses, has a header comment, no phrase is
//! listed twice in one file, every boilerplate topic covers the same languages, and every
//! language has its starters, dangling and common words and read-more labels.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use descrape::RuleSet;

/// The languages of the boilerplate rules.
const LANGUAGES: [&str; 32] = [
    "en", "de", "fr", "it", "es", "pt", "nl", "pl", "ru", "tr", "sv", "cs", "uk", "ro", "hu", "el", "da",
    "no", "fi", "ja", "zh", "ko", "ar", "fa", "he", "id", "vi", "bg", "sk", "hr", "ca", "sl",
];

/// Languages whose script has no capitals.
const CASELESS: [&str; 6] = ["ja", "zh", "ko", "ar", "fa", "he"];

fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "txt" || x == "toml") {
            out.push(p);
        }
    }
}

fn all_rule_files() -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("rules"), &mut out);
    out.sort();
    assert!(out.len() > 50, "found only {} rule files", out.len());
    out
}

#[test]
fn every_rule_file_parses_and_says_what_it_is() {
    let mut set = RuleSet::empty();
    for p in all_rule_files() {
        let text = fs::read_to_string(&p).unwrap();
        set.add_source(&p.to_string_lossy(), &text).unwrap();
        assert!(text.starts_with('#'), "{}: starts without a comment saying what it holds", p.display());
    }
}

#[test]
fn no_entry_is_listed_twice_in_a_file() {
    for p in all_rule_files().into_iter().filter(|p| p.extension().is_some_and(|x| x == "txt")) {
        let text = fs::read_to_string(&p).unwrap();
        let mut seen = BTreeSet::new();
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            assert!(seen.insert(line.to_lowercase()), "{}: {line:?} listed twice", p.display());
        }
    }
}

#[test]
fn every_boilerplate_topic_covers_the_same_languages() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/boilerplate");
    let mut langs: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for e in fs::read_dir(dir).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        let stem = name.strip_suffix(".txt").unwrap();
        let (topic, lang) = stem.rsplit_once('.').unwrap();
        langs.entry(topic.to_owned()).or_default().insert(lang.to_owned());
    }
    let required: BTreeSet<String> = LANGUAGES.map(String::from).into();
    for (topic, have) in &langs {
        assert_eq!(have, &required, "{topic}");
    }
}

#[test]
fn every_language_has_its_word_lists_and_read_more_labels() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    for lang in LANGUAGES {
        // Starters are capitalised words: scripts without case have none.
        // The language guess reads starters, dangling and common words alike.
        let lists = (!CASELESS.contains(&lang)).then(|| {
            [
                (format!("language/starters.{lang}.txt"), 30),
                (format!("language/dangling.{lang}.txt"), 10),
                (format!("language/common.{lang}.txt"), 10),
            ]
        });
        for (file, min) in lists.into_iter().flatten().chain([(format!("teaser/read-more.{lang}.txt"), 2)]) {
            let p = root.join(file);
            let text = fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            let entries = text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).count();
            assert!(entries >= min, "{}: only {entries} entries", p.display());
        }
    }
}
