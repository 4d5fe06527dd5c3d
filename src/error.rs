//! Defines the library's error types. Cleaning itself never fails: garbage input is not an
//! error. Only loading rules can fail, and [`RuleError`] says which file and line.

use std::fmt;

/// An error from building a [`crate::Cleaner`].
///
/// ```
/// let mut rules = descrape::RuleSet::builtin();
/// let bad = rules.add_source("defaults.toml", "no_such_key = 1").unwrap_err();
/// let err = descrape::Error::from(bad);
/// assert!(err.to_string().contains("defaults.toml"));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A rule file could not be parsed.
    #[error(transparent)]
    Rule(#[from] RuleError),
}

/// A rule file could not be parsed: which file, which 1-based line, and why.
///
/// ```
/// let mut rules = descrape::RuleSet::builtin();
/// let e = rules.add_source("defaults.toml", "\nlink_max_share = 7").unwrap_err();
/// assert_eq!(e.line, 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{source_name}:{line}: {kind}")]
pub struct RuleError {
    /// The file's name as given (a built-in file's path under `rules/`, or the user's path).
    pub source_name: String,
    /// The 1-based line number, or 0 when the error is about the whole file.
    pub line: usize,
    kind: RuleErrorKind,
}

impl RuleError {
    pub(crate) fn new(source_name: &str, line: usize, kind: RuleErrorKind) -> RuleError {
        RuleError { source_name: source_name.to_owned(), line, kind }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RuleErrorKind {
    /// The file name does not say what kind of rule it holds.
    UnknownFileKind,
    /// A phrase line is too short to be matched safely.
    PhraseTooShort(String),
    /// The defaults file is not valid TOML or has an unknown key or a bad value.
    BadDefaults(String),
    /// A selector line is neither `.class` nor `#id`.
    BadSelector(String),
    /// A CSS selector line of `dom-content.txt`, `dom-posts.txt`, `dom-quotes.txt`,
    /// `dom-leads.txt` or `dom-drop.txt` is not a supported one.
    BadCss(String),
    /// A hint line is not a word and a weight between -1000 and 1000.
    BadHint(String),
}

impl fmt::Display for RuleErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RuleErrorKind::UnknownFileKind => write!(
                f,
                "unknown rule file: expected NN-topic.LANG.txt (boilerplate), \
                 starters.LANG.txt, abbreviations.txt, class-words.txt, selectors-drop.txt, dom-content.txt, \
                 dom-posts.txt, dom-quotes.txt, dom-leads.txt, dom-drop.txt, dom-hints.txt or defaults.toml"
            ),
            RuleErrorKind::PhraseTooShort(p) => {
                write!(f, "phrase {p:?} is too short to match safely (3 letters or more)")
            }
            RuleErrorKind::BadDefaults(msg) => write!(f, "bad defaults: {msg}"),
            RuleErrorKind::BadSelector(s) => write!(f, "selector {s:?} is neither .class nor #id"),
            RuleErrorKind::BadCss(s) => write!(
                f,
                "selector {s:?} is not one compound CSS selector (tag, .class, #id, [attr], [attr=value])"
            ),
            RuleErrorKind::BadHint(s) => {
                write!(f, "hint {s:?} is not a word and a weight between -1000 and 1000")
            }
        }
    }
}
