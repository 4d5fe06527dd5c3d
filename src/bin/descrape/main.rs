//! The descrape command: parses arguments, builds the configuration, dispatches to the
//! stdin cleaner or the batch runner, and exits with a code that says how it went.

mod args;
mod batch;
mod compress;
mod config;
mod exit;
mod piece;
mod report;
mod stream;

use std::io::{self, Write};

use anyhow::Result;
use clap::Parser;

use crate::compress::{Compressed, Compression};
use crate::config::{Config, Mode};
use crate::exit::ExitCode;
use crate::piece::{StreamError, clean_stream};

fn main() -> std::process::ExitCode {
    let args = args::Args::parse();
    let config = match Config::from_args(args) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("descrape: {}", report::sanitize(&format!("{e:#}")));
            return ExitCode::Usage.into();
        }
    };
    match run(&config) {
        Ok(code) => code.into(),
        Err(e) if is_broken_pipe(&e) => ExitCode::Success.into(),
        Err(e) => {
            eprintln!("descrape: {}", report::sanitize(&format!("{e:#}")));
            ExitCode::SomeFailed.into()
        }
    }
}

fn run(config: &Config) -> Result<ExitCode> {
    match &config.mode {
        Mode::Stdin { compress } => run_stdin(config, *compress),
        Mode::Stream(stream) => stream::run(&config.cleaner, stream, config.report),
        Mode::Batch(batch) => batch::run(&config.cleaner, batch, config.report),
    }
}

/// Standard input to standard output, in pieces, so an endless stream works.
/// Standard input to standard output, in pieces, so an endless stream works. Compressed
/// input (gzip, zstd) is found by content; `--compress` compresses the output.
fn run_stdin(config: &Config, compress: Option<Compression>) -> Result<ExitCode> {
    let stdin = compress::decompressed(io::stdin())?;
    let result = clean_stream(&config.cleaner, stdin, None, || {
        Compressed::new(io::BufWriter::new(io::stdout().lock()), compress)
    });
    match result {
        Ok((_, out)) => {
            out.finish()?.flush()?;
            Ok(ExitCode::Success)
        }
        // Empty input is clean output: nothing.
        Err(StreamError::Skip(descrape::Skip::Empty)) => {
            Compressed::new(io::stdout().lock(), compress)?.finish()?.flush()?;
            Ok(ExitCode::Success)
        }
        Err(StreamError::Skip(skip)) => {
            eprintln!("descrape: -: skipped: {skip}");
            Ok(ExitCode::SomeFailed)
        }
        Err(StreamError::Read(e)) => Err(anyhow::Error::new(e).context("reading standard input")),
        Err(StreamError::Write(e)) => Err(e.into()),
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| c.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe))
}
