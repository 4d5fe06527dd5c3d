//! The integration test binary: one module per behaviour area.
#![allow(clippy::unwrap_used, clippy::expect_used)]

// The two real seeds and the crafted residue files against their golden outputs.
mod golden;
// Properties: total, idempotent, no lost prose, no leaked markup, clean text unchanged.
mod properties;
