//! Provides text helpers shared by the lexer and the filters: character references
//! ([`entity`]), word hashing
//! ([`words`]) and the language guess ([`lang`]).

pub(crate) mod entity;
pub(crate) mod lang;
pub(crate) mod words;
