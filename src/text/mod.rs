//! Provides what looks at clean or nearly clean text alone, shared by the cleaner, the block
//! builder and the filters: control characters ([`control`]), text decoded twice
//! ([`mojibake`]), the language guess ([`lang`]), word counts and signatures ([`words`]),
//! short words as integer keys ([`key`]), sets of two-byte openings ([`pairs`]), case
//! folding that keeps every byte's place ([`fold`]), case-blind byte searches for raw
//! markup ([`ascii`]), the longest of a set of strings that starts at a place
//! ([`prefix`]) and e-mail addresses a page hid from scrapers ([`cfemail`]).

pub(crate) mod ascii;
pub(crate) mod cfemail;
pub(crate) mod control;
pub(crate) mod fold;
pub(crate) mod key;
pub(crate) mod lang;
pub(crate) mod mojibake;
pub(crate) mod pairs;
pub(crate) mod prefix;
pub(crate) mod words;
