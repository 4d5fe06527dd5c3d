//! Cleans a batch of files in parallel: a walker thread finds inputs ([`walk`]), a rayon
//! pool cleans them ([`clean_one`]: decode, clean in pieces, write atomically), and the
//! calling thread reports every result as it comes ([`crate::report`]). Channels between the
//! three are bounded, so memory stays flat however many files the dump holds.

pub mod output;
mod walk;
mod write;

use std::fs;
use std::path::Path;
use std::sync::mpsc;
use std::time::SystemTime;

use anyhow::Result;
use descrape::Cleaner;
use rayon::prelude::*;

use crate::config::{BatchConfig, Existing, ReportConfig};
use crate::exit::ExitCode;
use crate::piece::{StreamError, clean_stream};
use crate::report::{Event, Reporter};
use walk::Found;
use write::AtomicFile;

/// Paths in flight between the walker and the workers, and results between the workers and
/// the reporter: enough to keep every core busy, small enough not to matter.
const CHANNEL_BOUND: usize = 1024;

/// Runs the batch; returns the exit code it earned.
pub fn run(cleaner: &Cleaner, cfg: &BatchConfig, report: ReportConfig) -> Result<ExitCode> {
    let started = SystemTime::now();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(cfg.threads).build()?;
    let (found_tx, found_rx) = mpsc::sync_channel::<Found>(CHANNEL_BOUND);
    let (event_tx, event_rx) = mpsc::sync_channel::<Event>(CHANNEL_BOUND);
    let mut reporter = Reporter::new(report);
    let mut write_error = None;
    std::thread::scope(|scope| {
        scope.spawn(move || {
            walk::walk(cfg, started, &mut |f| {
                // The receiver only goes away when the run is over.
                let _ = found_tx.send(f);
            });
        });
        scope.spawn(move || {
            pool.install(|| {
                found_rx.into_iter().par_bridge().for_each_with(event_tx, |tx, found| {
                    let _ = tx.send(handle(cleaner, cfg, found));
                });
            });
        });
        for event in event_rx {
            if write_error.is_none() {
                if let Err(e) = reporter.event(event) {
                    write_error = Some(e);
                }
            }
        }
    });
    if let Some(e) = write_error {
        return Err(e.into());
    }
    Ok(reporter.finish()?)
}

/// Turns one thing the walk found into its result.
fn handle(cleaner: &Cleaner, cfg: &BatchConfig, found: Found) -> Event {
    match found {
        Found::Input { path } => clean_one(cleaner, cfg, &path),
        Found::Skipped { path, reason } => Event::Skipped { path, reason },
        Found::Failed { path, error } => Event::Failed { path, error },
        Found::StaleTemp => Event::StaleTemp,
    }
}

/// Cleans one input into its output, unless the output is up to date.
fn clean_one(cleaner: &Cleaner, cfg: &BatchConfig, path: &Path) -> Event {
    let target = output::target(path, &cfg.output, &cfg.exts);
    if cfg.existing == Existing::SkipUpToDate && is_up_to_date(path, &target.path) {
        return Event::UpToDate { path: path.to_path_buf() };
    }
    if cfg.dry_run {
        return Event::WouldClean { path: path.to_path_buf(), output: target.path, renamed: target.renamed };
    }
    let file = match fs::File::open(path) {
        Ok(f) => f,
        Err(e) => {
            return Event::Failed { path: path.to_path_buf(), error: format!("reading: {e}") };
        }
    };
    let size = match file.metadata() {
        Ok(m) if !m.is_file() => {
            return Event::Skipped { path: path.to_path_buf(), reason: "not a regular file".into() };
        }
        Err(e) => return Event::Failed { path: path.to_path_buf(), error: format!("reading: {e}") },
        Ok(m) => m.len(),
    };
    let result = clean_stream(cleaner, file, Some(size), || AtomicFile::create(&target.path));
    let (outcome, out) = match result {
        Ok(r) => r,
        Err(StreamError::Skip(skip)) => {
            return Event::Skipped { path: path.to_path_buf(), reason: skip.to_string() };
        }
        Err(StreamError::Read(e)) => {
            return Event::Failed { path: path.to_path_buf(), error: format!("reading: {e}") };
        }
        Err(StreamError::Write(e)) => {
            return Event::Failed {
                path: path.to_path_buf(),
                error: format!("writing {}: {e}", target.path.display()),
            };
        }
    };
    if let Err(e) = out.commit(&target.path) {
        return Event::Failed {
            path: path.to_path_buf(),
            error: format!("writing {}: {e}", target.path.display()),
        };
    }
    Event::Cleaned {
        path: path.to_path_buf(),
        output: target.path,
        renamed: target.renamed,
        encoding: outcome.encoding,
        bytes_in: outcome.bytes_in,
        stats: outcome.stats,
    }
}

/// An output at least as new as its input is up to date.
fn is_up_to_date(input: &Path, output: &Path) -> bool {
    let modified = |p: &Path| {
        fs::metadata(p)
            .and_then(|m| if m.is_file() { m.modified() } else { Err(std::io::ErrorKind::Other.into()) })
    };
    match (modified(input), modified(output)) {
        (Ok(i), Ok(o)) => o >= i,
        _ => false,
    }
}
