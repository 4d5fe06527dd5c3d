//! Provides what looks at clean or nearly clean text alone, shared by the cleaner, the block
//! builder and the filters: control characters ([`control`]), the language guess ([`lang`])
//! and word counts and signatures ([`words`]).

pub(crate) mod control;
pub(crate) mod lang;
pub(crate) mod words;
