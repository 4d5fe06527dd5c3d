//! The descrape command: parses arguments, builds the configuration, dispatches to the
//! stdin cleaner or the batch runner, and exits with a code that says how it went.

mod args;
mod batch;
mod compress;
mod config;
mod exit;
mod report;
mod signal;
mod stream;

use std::io::{self, Write};

use anyhow::Result;
use clap::Parser;

use descrape::stream::pieces::{Limits, StreamError, clean_stream_with};

use crate::compress::{Compressed, Compression};
use crate::config::{Config, Mode};
use crate::exit::ExitCode;
use crate::signal::Interrupt;

/// Cleaning makes and drops many small strings (a block's text) on every thread; mimalloc
/// keeps that cheap and keeps freed pages for the next part instead of faulting in new ones.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    let args = match args::Args::try_parse() {
        Ok(a) => a,
        Err(e) if !e.use_stderr() => e.exit(),
        Err(e) => {
            // One prefix for every error: clap's own `error: ` becomes `descrape: `.
            let text = e.render().to_string();
            eprint!("descrape: {}", text.strip_prefix("error: ").unwrap_or(&text));
            return ExitCode::Usage.into();
        }
    };
    let config = match Config::from_args(args) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("descrape: {}", report::sanitize(&format!("{e:#}")));
            return ExitCode::Usage.into();
        }
    };
    let stop = match Interrupt::install() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("descrape: cannot catch signals: {}", report::sanitize(&format!("{e:#}")));
            return ExitCode::SomeFailed.into();
        }
    };
    match run(&config, &stop) {
        Ok(code) => code.into(),
        Err(e) if is_broken_pipe(&e) => ExitCode::Success.into(),
        Err(e) => {
            eprintln!("descrape: {}", report::sanitize(&format!("{e:#}")));
            ExitCode::SomeFailed.into()
        }
    }
}

fn run(config: &Config, stop: &Interrupt) -> Result<ExitCode> {
    match &config.mode {
        Mode::Stdin { compress, threads } => run_stdin(config, *compress, *threads, stop),
        Mode::Stream(stream) => stream::run(&config.cleaner, stream, config.report, stop),
        Mode::Batch(batch) => batch::run(&config.cleaner, batch, config.report, stop),
    }
}

/// Standard input to standard output, in pieces, so an endless stream works. Compressed
/// input (gzip, zstd) is found by content; `--compress` compresses the output. Binary input
/// is a skip, as in a batch (exit 0); input that turns binary part-way is an error (exit 1).
/// A long input's parts are cleaned `threads` at a time, written in order.
fn run_stdin(
    config: &Config,
    compress: Option<Compression>,
    threads: usize,
    stop: &Interrupt,
) -> Result<ExitCode> {
    let stdin = compress::decompressed(io::stdin())?;
    let limits = Limits { threads, ..Limits::default() };
    let result = clean_stream_with(&config.cleaner, stdin, None, stop.flag(), limits, || {
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
            if !config.report.quiet {
                eprintln!("descrape: -: skipped: {skip}");
            }
            Ok(ExitCode::Success)
        }
        Err(StreamError::Read(e)) => Err(anyhow::Error::new(e).context("reading standard input")),
        Err(StreamError::Write(e)) => Err(e.into()),
        Err(StreamError::Stopped) => {
            let (signal, code) = stop.caught().unwrap_or(("SIGINT", ExitCode::Interrupted));
            eprintln!("descrape: -: stopped by {signal}: the text before it was written");
            Ok(code)
        }
        Err(e) => {
            eprintln!("descrape: -: {e}");
            Ok(ExitCode::SomeFailed)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| c.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe))
}
