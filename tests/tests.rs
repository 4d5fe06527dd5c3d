//! The integration test binary: one module per behaviour area.
#![allow(clippy::unwrap_used, clippy::expect_used)]

// Hermetic command builder and temporary directory trees.
mod util;

// The batch runner: originals, atomic outputs, resume, bad files, decoding, --json.
mod batch;
// The command line: stdin, files, directories, rule files, exit codes.
mod cli;
// Output formats: text, Markdown, JSON in every mode.
mod formats;
// Every input the fuzz targets found, replayed through the targets' checks.
mod fuzz_regressions;
// The two real seeds and the crafted residue files against their golden outputs.
mod golden;
// Properties: total, idempotent, no lost prose, no leaked markup, clean text unchanged.
mod properties;
// One test per reported failure (issue #8: nothing lost, nothing escapes).
mod regression;
// Lints of the data files under rules/.
mod rules_data;
// The pipeline step: JSON Lines, WARC/WET, compression, order, chunking.
mod stream;
