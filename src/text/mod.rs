//! Provides text helpers shared by the lexer and the filters: control characters
//! ([`control`]), character references ([`entity`]), the lowercase-to-capital scan ([`capitals`]), word signatures
//! ([`words`]) and the language guess ([`lang`]).

pub(crate) mod capitals;
pub(crate) mod control;
pub(crate) mod entity;
pub(crate) mod lang;
pub(crate) mod words;
