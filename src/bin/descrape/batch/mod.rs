//! Cleans a batch of files in parallel: a walker thread finds inputs ([`walk`]), a rayon
//! pool cleans them ([`clean_one`]: decode, clean in pieces, write atomically), and the
//! calling thread reports every result as it comes ([`crate::report`]). Channels between the
//! three are bounded, so memory stays flat however many files the dump holds.

pub mod output;
mod walk;
mod write;

use std::fs;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::SystemTime;

use anyhow::Result;
use descrape::Cleaner;
use descrape::stream::pieces::{StreamError, clean_stream};
use rayon::prelude::*;

use crate::compress::{self, Compressed};
use crate::config::{BatchConfig, Existing, OutputMode, ReportConfig};
use crate::exit::ExitCode;
use crate::report::{Event, Reporter, SkipReason};
use crate::signal::Interrupt;
use output::Target;
use walk::Found;
use write::AtomicFile;

/// Batches in flight between the walker and the workers, and between the workers and the
/// reporter: enough to keep every core busy, small enough not to matter.
const CHANNEL_BOUND: usize = 64;
/// Paths per batch. A batch holds files of one directory, so workers mostly write into
/// different directories (creating files in one directory serialises in the kernel), and
/// the threads hand work over a few times per directory, not once per file.
const BATCH_FILES: usize = 32;

/// Runs the batch; returns the exit code it earned. A signal (`stop`) or outputs that keep
/// failing to be written for one reason ([`Reporter`] decides) end it early: files not yet
/// started are left alone, files being cleaned are abandoned with their temporary files.
pub fn run(cleaner: &Cleaner, cfg: &BatchConfig, report: ReportConfig, stop: &Interrupt) -> Result<ExitCode> {
    let started = SystemTime::now();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(cfg.threads).build()?;
    let (found_tx, found_rx) = mpsc::sync_channel::<Vec<Found>>(CHANNEL_BOUND);
    let (event_tx, event_rx) = mpsc::sync_channel::<Vec<Event>>(CHANNEL_BOUND);
    let mut reporter = Reporter::new(report);
    let mut write_error = None;
    let halt = AtomicBool::new(false);
    let stopping = || stop.is_set() || halt.load(Ordering::Relaxed);
    let stopping = &stopping;
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut batch: Vec<Found> = Vec::with_capacity(BATCH_FILES);
            walk::walk(cfg, started, stopping, &mut |f| {
                let new_dir = match (batch.last(), &f) {
                    (Some(Found::Input { path: a, .. }), Found::Input { path: b, .. }) => {
                        a.parent() != b.parent()
                    }
                    _ => false,
                };
                if batch.len() >= BATCH_FILES || new_dir {
                    // The receiver only goes away when the run is over.
                    let _ = found_tx.send(std::mem::take(&mut batch));
                }
                batch.push(f);
            });
            if !batch.is_empty() {
                let _ = found_tx.send(batch);
            }
        });
        scope.spawn(move || {
            pool.install(|| {
                found_rx.into_iter().par_bridge().for_each_with(event_tx, |tx, batch| {
                    let events = batch
                        .into_iter()
                        .take_while(|_| !stopping())
                        .map(|f| handle(cleaner, cfg, f, stop))
                        .collect();
                    let _ = tx.send(events);
                });
            });
        });
        for event in event_rx.into_iter().flatten() {
            if write_error.is_none() {
                match reporter.event(event) {
                    Ok(true) => {}
                    Ok(false) => halt.store(true, Ordering::Relaxed),
                    Err(e) => write_error = Some(e),
                }
            }
        }
    });
    if let Some(e) = write_error {
        return Err(e.into());
    }
    Ok(reporter.finish(stop.caught())?)
}

/// Turns one thing the walk found into its result.
fn handle(cleaner: &Cleaner, cfg: &BatchConfig, found: Found, stop: &Interrupt) -> Event {
    match found {
        Found::Input { path, target } => clean_one(cleaner, cfg, &path, target, stop),
        Found::Skipped { path, reason } => Event::Skipped { path, reason },
        Found::Failed { path, error } => Event::failed(&path, error),
        Found::StaleTemp => Event::StaleTemp,
    }
}

/// Cleans one input into its output, unless the output is up to date.
fn clean_one(cleaner: &Cleaner, cfg: &BatchConfig, path: &Path, target: Target, stop: &Interrupt) -> Event {
    if cfg.existing == Existing::SkipUpToDate && is_up_to_date(path, &target.path) {
        return Event::UpToDate { path: path.to_path_buf() };
    }
    if cfg.dry_run {
        return Event::WouldClean { path: path.to_path_buf(), output: target.path, renamed: target.renamed };
    }
    let file = match fs::File::open(path) {
        Ok(f) => f,
        Err(e) => {
            return Event::failed(path, format!("reading: {e}"));
        }
    };
    let size = match file.metadata() {
        Ok(m) if !m.is_file() => {
            return Event::Skipped { path: path.to_path_buf(), reason: SkipReason::NotRegular };
        }
        Err(e) => return Event::failed(path, format!("reading: {e}")),
        Ok(m) => m.len(),
    };
    // Gzip and zstd inputs are cleaned for their content; their size says nothing of it.
    let mut reader = std::io::BufReader::with_capacity(64 << 10, file);
    let (input, size_hint): (Box<dyn std::io::Read>, _) = match compress::detect(&mut reader) {
        Ok(compress::Detected::Plain) => (Box::new(reader), Some(size)),
        Ok(_) => match compress::decompressed(reader) {
            Ok(r) => (Box::new(r), None),
            Err(e) => return Event::failed(path, format!("reading: {e}")),
        },
        Err(e) => return Event::failed(path, format!("reading: {e}")),
    };
    // Next to the original, the directory is there; under --out-dir it may not be yet (and a
    // worker remembers the last one it made: a batch is one directory).
    let root = match &cfg.output {
        OutputMode::Dir(root) if !made_dir(&target.path, false) => Some(root.as_path()),
        _ => None,
    };
    let result = clean_stream(cleaner, input, size_hint, stop.flag(), || {
        let file = AtomicFile::create(&target.path, root)?;
        // Only a folder that was made (or found) is remembered: after a failure, the next
        // file in it tries again and reports the same reason.
        made_dir(&target.path, true);
        Compressed::new(file, cfg.compress)
    });
    let writing = |e: std::io::Error| Event::Failed {
        path: path.to_path_buf(),
        error: format!("writing {}: {e}", target.path.display()),
        write_error: Some(e.kind()),
    };
    let (outcome, out) = match result {
        Ok(r) => r,
        Err(StreamError::Skip(skip)) => {
            return Event::Skipped { path: path.to_path_buf(), reason: SkipReason::Text(skip) };
        }
        Err(StreamError::Write(e)) => return writing(e),
        // Dropping the unfinished output removed its temporary file.
        Err(StreamError::Stopped) => return Event::Abandoned,
        Err(e) => return Event::failed(path, e.to_string()),
    };
    if let Err(e) = out.finish().and_then(|f| f.commit(&target.path)) {
        return writing(e);
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

/// Whether this worker already made (or found) the directory of `output`; with `remember`,
/// records that it now has.
fn made_dir(output: &Path, remember: bool) -> bool {
    thread_local! {
        static LAST_DIR: std::cell::RefCell<Option<std::path::PathBuf>> = const { std::cell::RefCell::new(None) };
    }
    let dir = output.parent();
    LAST_DIR.with(|last| {
        let mut last = last.borrow_mut();
        if remember {
            *last = dir.map(Path::to_path_buf);
            return true;
        }
        last.as_deref() == dir
    })
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
