//! The pipeline step: records in, clean records out, on standard output, in input order.
//!
//! - [`jsonl`]: JSON Lines with a text (or HTML) field.
//! - [`warc`]: WARC and WET files, one JSON record per HTML page.
//!
//! Inputs are files or standard input, plain, gzip or zstd (found by content); output can
//! be compressed (`--compress`). Records are cleaned on all cores with a bounded number in
//! flight ([`ordered`]). A broken pipe on standard output is an error like any other here;
//! `main` ends the run quietly with exit 0 on it, in every mode.

pub mod ordered;

use std::collections::BTreeSet;
use std::fs::File;
use std::io::{self, BufRead, Write};
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::ValueEnum;
use descrape::stream::{jsonl, warc};
use descrape::{Cleaner, Stats};
use serde_json::json;

use crate::compress::{self, Compressed, Compression};
use crate::config::ReportConfig;
use crate::exit::ExitCode;
use crate::report::{ErrorLog, Totals, sanitize, show};
use crate::signal::Interrupt;

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
    /// The longest JSON line (or WARC record) held and cleaned; longer ones are reported.
    pub max_record_bytes: usize,
}

/// JSON records read without any having the field before the run stops: the field name is
/// wrong, and passing the whole input through unchanged would hide it.
const NO_FIELD_GIVE_UP: u64 = 1000;
/// Keys of records without the field, kept to name in the message.
const MAX_KEYS_SHOWN: usize = 20;

/// Totals of a stream run: the shared totals (`failed` counts records in error) and what
/// only records have.
#[derive(Default)]
struct Summary {
    totals: Totals,
    records: u64,
    kept: u64,
    /// JSON records that had the field, and the keys of some that did not.
    with_field: u64,
    without_field: u64,
    keys_seen: BTreeSet<String>,
}

/// What the sink makes of one result.
enum Emit {
    Line(Vec<u8>, Box<Stats>),
    Skip(String),
    Error {
        line: Option<u64>,
        reason: String,
        original: Option<Vec<u8>>,
    },
    /// A JSON record without the field (an error, and evidence that the field is wrong).
    NoField {
        line: u64,
        keys: Vec<String>,
        original: Vec<u8>,
    },
}

/// Runs the stream; returns the exit code it earned.
pub fn run(
    cleaner: &Cleaner,
    cfg: &StreamConfig,
    report: ReportConfig,
    stop: &Interrupt,
) -> Result<ExitCode> {
    let started = Instant::now();
    let stdout = io::stdout().lock();
    let mut out = Compressed::new(io::BufWriter::with_capacity(256 << 10, stdout), cfg.compress)?;
    let mut summary = Summary::default();
    let mut log = ErrorLog::default();
    let mut failed = false;
    let mut wrong_field = false;
    let inputs: Vec<Option<&PathBuf>> = if cfg.inputs.is_empty() {
        vec![None]
    } else {
        cfg.inputs.iter().map(|p| (p.as_os_str() != "-").then_some(p)).collect()
    };
    for input in inputs {
        if stop.is_set() {
            break;
        }
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
        let field_name = match &cfg.format {
            Format::Jsonl { fields, .. } => fields.input.as_str(),
            Format::Warc { .. } => "",
        };
        let mut sink = |emit: Emit| -> io::Result<()> {
            summary.records += 1;
            let (line, reason, original) = match emit {
                Emit::Line(line, stats) => {
                    summary.totals.cleaned += 1;
                    summary.with_field += 1;
                    summary.totals.bytes_in += stats.bytes_in;
                    summary.totals.stats += *stats;
                    return out.write_all(&line);
                }
                Emit::Skip(reason) => {
                    summary.totals.skip(reason);
                    return Ok(());
                }
                Emit::Error { line, reason, original } => (line, reason, original),
                Emit::NoField { line, keys, original } => {
                    summary.without_field += 1;
                    for k in keys {
                        if summary.keys_seen.len() < MAX_KEYS_SHOWN {
                            summary.keys_seen.insert(k);
                        }
                    }
                    if summary.with_field == 0 && summary.without_field >= NO_FIELD_GIVE_UP {
                        wrong_field = true;
                        return Err(io::Error::other("no record has the field"));
                    }
                    (Some(line), format!("no field `{field_name}`"), Some(original))
                }
            };
            summary.totals.failed += 1;
            let at = line.map_or_else(String::new, |n| format!(":{n}"));
            log.report(&format!("{name}{at}"), &reason);
            match (&cfg.format, original) {
                (Format::Jsonl { on_error: OnError::Fail, .. }, _) => {
                    failed = true;
                    Err(io::Error::other("stopped at the first bad line (--on-error fail)"))
                }
                (Format::Jsonl { on_error: OnError::Keep, .. }, Some(mut original)) => {
                    summary.kept += 1;
                    original.push(b'\n');
                    out.write_all(&original)
                }
                _ => Ok(()),
            }
        };
        let result = match &cfg.format {
            Format::Jsonl { fields, .. } => {
                run_jsonl(cleaner, fields, cfg.threads, cfg.max_record_bytes, reader, stop, &mut sink)
            }
            Format::Warc { stats_field } => {
                run_warc(cleaner, stats_field.as_deref(), cfg.threads, reader, stop, &mut sink)
            }
        };
        if let Err(e) = result {
            if failed || wrong_field {
                break;
            }
            return Err(e.into());
        }
    }
    // Every record was read and none had the field: as wrong as stopping early.
    if let Format::Jsonl { fields, .. } = &cfg.format {
        if summary.with_field == 0 && summary.without_field > 0 {
            wrong_field = true;
            let keys: Vec<&str> = summary.keys_seen.iter().map(String::as_str).collect();
            eprintln!(
                "descrape: no record has the field `{}` (fields seen: {}); see --field",
                sanitize(&fields.input),
                sanitize(&keys.join(", "))
            );
        }
    }
    if report.json {
        let record = json!({"type": "summary", "data": {
            "records": summary.records, "cleaned": summary.totals.cleaned, "skipped": summary.totals.skipped,
            "errors": summary.totals.failed, "kept_unchanged": summary.kept,
            "bytes_in": summary.totals.stats.bytes_in, "bytes_out": summary.totals.stats.bytes_out,
            "malformed": summary.totals.stats.malformed, "controls": summary.totals.stats.controls,
            "rules": summary.totals.stats.rules, "interrupted": stop.is_set(),
            "elapsed_ms": started.elapsed().as_millis() as u64,
        }});
        let mut line = serde_json::to_vec(&record)?;
        line.push(b'\n');
        out.write_all(&line)?;
    }
    let mut inner = out.finish()?;
    inner.flush()?;
    log.finish();
    if !report.quiet {
        eprint!("{}", human_summary(&summary, started.elapsed()));
    }
    if let Some((signal, code)) = stop.caught() {
        eprintln!("descrape: stopped by {signal}: the records above were written");
        return Ok(code);
    }
    Ok(if wrong_field {
        ExitCode::Usage
    } else if failed || summary.totals.failed > 0 {
        ExitCode::SomeFailed
    } else {
        ExitCode::Success
    })
}

/// A JSON line read: its number, and its bytes or (too long to hold) its length.
type NumberedLine = (u64, Result<Vec<u8>, u64>);

fn run_jsonl(
    cleaner: &Cleaner,
    fields: &jsonl::Fields,
    threads: usize,
    max_record_bytes: usize,
    mut reader: Box<dyn BufRead + Send>,
    stop: &Interrupt,
    sink: &mut dyn FnMut(Emit) -> io::Result<()>,
) -> io::Result<()> {
    let read_error = std::sync::Mutex::new(None);
    let produce = |push: &mut dyn FnMut(NumberedLine) -> bool| {
        let mut n = 0u64;
        let mut line = Vec::new();
        loop {
            if stop.is_set() {
                return;
            }
            let item = match jsonl::read_line(&mut reader, &mut line, max_record_bytes) {
                Ok(jsonl::Line::End) => return,
                Ok(jsonl::Line::Read) => Ok(std::mem::take(&mut line)),
                Ok(jsonl::Line::TooLong(len)) => Err(len),
                Err(e) => {
                    if let Ok(mut slot) = read_error.lock() {
                        *slot = Some(e);
                    }
                    return;
                }
            };
            n += 1;
            if !push((n, item)) {
                return;
            }
        }
    };
    let work = |(n, line): NumberedLine| {
        let line = match line {
            Ok(l) => l,
            Err(len) => {
                let reason =
                    format!("line of {len} bytes is longer than --max-record-bytes {max_record_bytes}");
                return Some(Emit::Error { line: Some(n), reason, original: None });
            }
        };
        match jsonl::clean_line(cleaner, fields, &line) {
            jsonl::LineResult::Cleaned { line, stats } => Some(Emit::Line(line, stats)),
            jsonl::LineResult::Blank => None,
            jsonl::LineResult::NoField { keys } => Some(Emit::NoField { line: n, keys, original: line }),
            jsonl::LineResult::Bad { reason } => {
                Some(Emit::Error { line: Some(n), reason, original: Some(line) })
            }
        }
    };
    let weight = |(_, l): &NumberedLine| l.as_ref().map_or(16, |l| l.len() + 16);
    ordered::run(threads, produce, weight, work, |e| match e {
        Some(e) => sink(e),
        None => Ok(()),
    })?;
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
    stop: &Interrupt,
    sink: &mut dyn FnMut(Emit) -> io::Result<()>,
) -> io::Result<()> {
    let produce = |push: &mut dyn FnMut(warc::Item) -> bool| {
        warc::read(reader, &mut |item| !stop.is_set() && push(item));
    };
    let work = |item: warc::Item| match warc::clean(cleaner, item) {
        warc::Output::Page(page) => {
            let mut value = serde_json::to_value(&*page).unwrap_or_default();
            if let Some(obj) = value.as_object_mut() {
                // `--format json`: the page's document is an object, not a string.
                if cleaner.format() == descrape::Format::Json {
                    if let Ok(doc) = serde_json::from_str::<serde_json::Value>(&page.text) {
                        obj.insert("text".to_owned(), doc);
                    }
                }
                if let Some(name) = stats_field {
                    obj.insert(name.to_owned(), serde_json::to_value(&page.stats).unwrap_or_default());
                }
            }
            let mut line = serde_json::to_vec(&value).unwrap_or_default();
            line.push(b'\n');
            Emit::Line(line, Box::new(page.stats))
        }
        warc::Output::Skipped(why) => Emit::Skip(why.to_string()),
        warc::Output::Broken(why) => Emit::Error { line: None, reason: why, original: None },
    };
    ordered::run(threads, produce, warc::Item::weight, work, sink)
}

fn human_summary(s: &Summary, elapsed: std::time::Duration) -> String {
    let t = &s.totals;
    let mut out = format!(
        "descrape: {}: {} cleaned, {}, {}",
        crate::report::count(s.records, "record", "records"),
        t.cleaned,
        t.skipped_phrase(),
        crate::report::count(t.failed, "error", "errors")
    );
    if s.kept > 0 {
        out.push_str(&format!(" ({} passed through unchanged)", s.kept));
    }
    out.push('\n');
    out.push_str(&t.details(s.records, "records", elapsed));
    out
}
