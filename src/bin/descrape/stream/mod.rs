//! The pipeline step: records in, clean records out, on standard output, in input order.
//!
//! - [`jsonl`]: JSON Lines with a text (or HTML) field.
//! - [`warc`]: WARC and WET files, one JSON record per HTML page.
//!
//! Inputs are files or standard input, plain, gzip or zstd (found by content); output can
//! be compressed (`--compress`). Records are cleaned on all cores with a bounded number in
//! flight ([`ordered`]). A broken pipe on standard output ends the run quietly with exit 0.

pub mod jsonl;
pub mod ordered;
pub mod warc;

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufRead, Write};
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::ValueEnum;
use descrape::{Cleaner, Stats};
use serde_json::json;

use crate::compress::{self, Compressed, Compression};
use crate::config::ReportConfig;
use crate::exit::ExitCode;
use crate::report::{sanitize, show};

/// What the records are.
#[derive(Clone, Debug)]
pub enum Format {
    Jsonl { fields: jsonl::Fields, on_error: OnError },
    Warc { stats_field: Option<String> },
}

/// What to do with a JSON line that cannot be cleaned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OnError {
    /// Drop the line.
    Skip,
    /// Pass the line through unchanged.
    Keep,
    /// Stop with exit code 1.
    Fail,
}

/// The stream runner's settings.
pub struct StreamConfig {
    pub format: Format,
    /// Input files; `-` or none: standard input.
    pub inputs: Vec<PathBuf>,
    pub compress: Option<Compression>,
    pub threads: usize,
}

/// Totals of a stream run.
#[derive(Default)]
struct Summary {
    records: u64,
    cleaned: u64,
    skipped: BTreeMap<String, u64>,
    errors: u64,
    kept: u64,
    stats: Stats,
}

/// What the sink makes of one result.
enum Emit {
    Line(Vec<u8>, Box<Stats>),
    Skip(String),
    Error { line: Option<u64>, reason: String, original: Option<Vec<u8>> },
}

/// Runs the stream; returns the exit code it earned.
pub fn run(cleaner: &Cleaner, cfg: &StreamConfig, report: ReportConfig) -> Result<ExitCode> {
    let started = Instant::now();
    let stdout = io::stdout().lock();
    let mut out = Compressed::new(io::BufWriter::with_capacity(256 << 10, stdout), cfg.compress)?;
    let mut summary = Summary::default();
    let mut failed = false;
    let inputs: Vec<Option<&PathBuf>> = if cfg.inputs.is_empty() {
        vec![None]
    } else {
        cfg.inputs.iter().map(|p| (p.as_os_str() != "-").then_some(p)).collect()
    };
    for input in inputs {
        let name = input.map_or_else(|| "-".to_owned(), |p| show(p));
        let reader: Box<dyn BufRead + Send> = match input {
            Some(p) => {
                let f = File::open(p).with_context(|| format!("{name}: reading"));
                match f.and_then(|f| Ok(compress::decompressed(f)?)) {
                    Ok(r) => r,
                    Err(e) => {
                        eprintln!("descrape: {}", sanitize(&format!("{e:#}")));
                        failed = true;
                        continue;
                    }
                }
            }
            None => compress::decompressed(io::stdin())?,
        };
        let mut sink = |emit: Emit| -> io::Result<()> {
            summary.records += 1;
            match emit {
                Emit::Line(line, stats) => {
                    summary.cleaned += 1;
                    summary.stats += *stats;
                    write_or_exit(&mut out, &line)
                }
                Emit::Skip(reason) => {
                    *summary.skipped.entry(reason).or_insert(0) += 1;
                    Ok(())
                }
                Emit::Error { line, reason, original } => {
                    summary.errors += 1;
                    let at = line.map_or_else(String::new, |n| format!(":{n}"));
                    eprintln!("descrape: {name}{at}: {}", sanitize(&reason));
                    match (&cfg.format, original) {
                        (Format::Jsonl { on_error: OnError::Fail, .. }, _) => {
                            failed = true;
                            Err(io::Error::other("stopped at the first bad line (--on-error fail)"))
                        }
                        (Format::Jsonl { on_error: OnError::Keep, .. }, Some(mut original)) => {
                            summary.kept += 1;
                            original.push(b'\n');
                            write_or_exit(&mut out, &original)
                        }
                        _ => Ok(()),
                    }
                }
            }
        };
        let result = match &cfg.format {
            Format::Jsonl { fields, .. } => run_jsonl(cleaner, fields, cfg.threads, reader, &mut sink),
            Format::Warc { stats_field } => {
                run_warc(cleaner, stats_field.as_deref(), cfg.threads, reader, &mut sink)
            }
        };
        if let Err(e) = result {
            if failed {
                break;
            }
            return Err(e.into());
        }
    }
    if report.json {
        let record = json!({"type": "summary", "data": {
            "records": summary.records, "cleaned": summary.cleaned, "skipped": summary.skipped,
            "errors": summary.errors, "kept_unchanged": summary.kept,
            "bytes_in": summary.stats.bytes_in, "bytes_out": summary.stats.bytes_out,
            "rules": summary.stats.rules, "elapsed_ms": started.elapsed().as_millis() as u64,
        }});
        let mut line = serde_json::to_vec(&record)?;
        line.push(b'\n');
        write_or_exit(&mut out, &line)?;
    }
    let mut inner = out.finish().or_else(exit_on_broken_pipe)?;
    inner.flush().or_else(exit_on_broken_pipe)?;
    if !report.quiet {
        eprint!("{}", human_summary(&summary, started.elapsed().as_secs_f64()));
    }
    Ok(
        if failed || summary.errors > 0 && matches!(cfg.format, Format::Jsonl { on_error: OnError::Fail, .. })
        {
            ExitCode::SomeFailed
        } else {
            ExitCode::Success
        },
    )
}

fn run_jsonl(
    cleaner: &Cleaner,
    fields: &jsonl::Fields,
    threads: usize,
    mut reader: Box<dyn BufRead + Send>,
    sink: &mut dyn FnMut(Emit) -> io::Result<()>,
) -> io::Result<()> {
    let read_error = std::sync::Mutex::new(None);
    let produce = |push: &mut dyn FnMut((u64, Vec<u8>)) -> bool| {
        let mut n = 0u64;
        loop {
            let mut line = Vec::new();
            match reader.read_until(b'\n', &mut line) {
                Ok(0) => return,
                Ok(_) => {}
                Err(e) => {
                    if let Ok(mut slot) = read_error.lock() {
                        *slot = Some(e);
                    }
                    return;
                }
            }
            n += 1;
            if line.last() == Some(&b'\n') {
                line.pop();
            }
            if line.last() == Some(&b'\r') {
                line.pop();
            }
            if !push((n, line)) {
                return;
            }
        }
    };
    let work = |(n, line): (u64, Vec<u8>)| match jsonl::clean_line(cleaner, fields, &line) {
        jsonl::LineResult::Cleaned { line, stats } => Some(Emit::Line(line, stats)),
        jsonl::LineResult::Blank => None,
        jsonl::LineResult::Bad { reason } => {
            Some(Emit::Error { line: Some(n), reason, original: Some(line) })
        }
    };
    ordered::run(
        threads,
        produce,
        |(_, l)| l.len() + 16,
        work,
        |e| match e {
            Some(e) => sink(e),
            None => Ok(()),
        },
    )?;
    match read_error.into_inner().ok().flatten() {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

fn run_warc(
    cleaner: &Cleaner,
    stats_field: Option<&str>,
    threads: usize,
    reader: Box<dyn BufRead + Send>,
    sink: &mut dyn FnMut(Emit) -> io::Result<()>,
) -> io::Result<()> {
    let produce = |push: &mut dyn FnMut(warc::Item) -> bool| warc::read(reader, push);
    let work = |item: warc::Item| match warc::clean(cleaner, stats_field, item) {
        warc::Output::Json { line, stats } => Emit::Line(line, stats),
        warc::Output::Skipped(why) => Emit::Skip(why),
        warc::Output::Broken(why) => Emit::Error { line: None, reason: why, original: None },
    };
    ordered::run(threads, produce, warc::Item::weight, work, sink)
}

/// Writes, and ends the process quietly when the reader of standard output has gone.
fn write_or_exit(out: &mut impl Write, bytes: &[u8]) -> io::Result<()> {
    out.write_all(bytes).or_else(exit_on_broken_pipe)
}

fn exit_on_broken_pipe<T>(e: io::Error) -> io::Result<T> {
    if e.kind() == io::ErrorKind::BrokenPipe {
        // `descrape … | head`: the consumer has what it wanted; that is success.
        std::process::exit(0);
    }
    Err(e)
}

fn human_summary(s: &Summary, secs: f64) -> String {
    let skipped: u64 = s.skipped.values().sum();
    let mut out = format!("descrape: {} records: {} cleaned, {} skipped", s.records, s.cleaned, skipped);
    if skipped > 0 {
        let reasons: Vec<String> = s.skipped.iter().map(|(r, n)| format!("{n} {r}")).collect();
        out.push_str(&format!(" ({})", reasons.join(", ")));
    }
    out.push_str(&format!(", {} errors", s.errors));
    if s.kept > 0 {
        out.push_str(&format!(" ({} passed through unchanged)", s.kept));
    }
    let secs = secs.max(1e-9);
    out.push_str(&format!(
        "\n  {:.1} MB of text in, {:.1} MB out in {:.2} s ({:.1} MB/s, {:.0} records/s)\n",
        s.stats.bytes_in as f64 / 1e6,
        s.stats.bytes_out as f64 / 1e6,
        secs,
        s.stats.bytes_in as f64 / 1e6 / secs,
        s.records as f64 / secs
    ));
    if !s.stats.rules.is_empty() {
        let rules: Vec<String> = s.stats.rules.iter().map(|(r, n)| format!("{r} {n}")).collect();
        out.push_str(&format!("  rules: {}\n", rules.join(", ")));
    }
    out
}
