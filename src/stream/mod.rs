//! Reusable input/output around the cleaner, for every consumer (the command line, the Python
//! package, fuzz targets):
//!
//! - [`pieces`]: a byte stream of any length cleaned in bounded memory.
//! - [`jsonl`]: one JSON Lines record cleaned, its other fields untouched; lines read with
//!   a bound on their length.
//! - [`warc`]: a streaming WARC/WET reader and the HTTP payload handling that turns a record
//!   into a page to clean.

#[cfg(feature = "io")]
pub mod jsonl;
pub mod pieces;
#[cfg(feature = "io")]
pub mod warc;
