//! Provides what looks at clean or nearly clean text alone, shared by the cleaner, the block
//! builder and the filters: control characters ([`control`]), the language guess ([`lang`]),
//! word counts and signatures ([`words`]) and short words as integer keys ([`key`]).

pub(crate) mod control;
pub(crate) mod key;
pub(crate) mod lang;
pub(crate) mod words;
