//! Reports what a batch did: one [`Event`] per file from the workers (who never print), a
//! progress bar on standard error when it is a terminal, errors as they happen, and a
//! summary at the end.
//!
//! # `--json`: the wire format
//!
//! JSON Lines on standard output, one object per line, each `{"type": …, "data": {…}}`:
//!
//! - `{"type":"file","data":{"path","output","status","encoding","bytes_in","bytes_out","renamed","rules"}}`:
//!   a file cleaned (`status` `"cleaned"`) or, with `--dry-run`, one that would be
//!   (`"would_clean"`, without `encoding`, `bytes_out` and `rules`). `renamed` is true when
//!   the output kept the input's extension because a sibling took the short name; `rules`
//!   maps each rule that fired to its count; `read_as` is `"page"` when the input was read
//!   as a whole page (its main content kept) and `"text"` when as text with leftover markup.
//! - `{"type":"skip","data":{"path","reason"}}`: not cleaned, and not an error: `"up to date"`,
//!   `"empty"`, `"binary (PDF document)"`, `"not a regular file"`, `"is an output (*.clean.txt, .md, .json)"`, `"named twice"` ([`SkipReason`]).
//! - `{"type":"error","data":{"path","error"}}`: could not be read, decoded or written.
//! - `{"type":"summary","data":{"files","cleaned","would_clean","up_to_date","skipped",
//!   "failed","renamed","stale_temp_removed","bytes_in","bytes_out","rules","pages",
//!   "large_pages","elapsed_ms"}}`:
//!   last. `files` = `cleaned + would_clean + up_to_date + failed + ` the sum of `skipped`
//!   (a map from reason to count, up-to-date not included).
//!
//! Paths are the paths as found (relative when given relative), lossily converted to UTF-8.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use descrape::Stats;
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::{Value, json};

use crate::config::ReportConfig;
use crate::exit::ExitCode;

/// What happened to one path.
#[derive(Debug)]
pub enum Event {
    Cleaned {
        path: PathBuf,
        output: PathBuf,
        renamed: bool,
        encoding: &'static str,
        bytes_in: u64,
        stats: Stats,
    },
    WouldClean {
        path: PathBuf,
        output: PathBuf,
        renamed: bool,
    },
    UpToDate {
        path: PathBuf,
    },
    Skipped {
        path: PathBuf,
        reason: SkipReason,
    },
    Failed {
        path: PathBuf,
        error: String,
        /// Writing the output failed, for this reason: the same reason over and over (a full
        /// disk, a read-only folder) stops the run.
        write_error: Option<io::ErrorKind>,
    },
    /// A file being cleaned when the run was stopped: its output was not written.
    Abandoned,
    StaleTemp,
}

impl Event {
    /// A failure that is not a write error.
    pub fn failed(path: &Path, error: String) -> Event {
        Event::Failed { path: path.to_path_buf(), error, write_error: None }
    }
}

/// Outputs in a row that failed to be written for the same reason (one that is about the
/// output folder, not the file) before the run stops.
const MAX_WRITE_ERRORS_IN_A_ROW: u32 = 5;

/// Why a batch input was not cleaned. Its words (`Display`) are what the summary counts it
/// under and what `--json` says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SkipReason {
    /// A FIFO, a socket, a device: nothing to read to its end.
    NotRegular,
    /// An output of descrape (`*.clean.txt`, `.md`, `.json`), never an input.
    IsOutput,
    /// The same file named twice on the command line: cleaned once.
    NamedTwice,
    /// Not text (empty, binary).
    Text(descrape::Skip),
}

impl std::fmt::Display for SkipReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SkipReason::NotRegular => write!(f, "not a regular file"),
            SkipReason::IsOutput => write!(f, "is an output (*.clean.txt, .md, .json)"),
            SkipReason::NamedTwice => write!(f, "named twice"),
            SkipReason::Text(skip) => write!(f, "{skip}"),
        }
    }
}

/// What every run counts, batch or stream: one model, one way to say it.
#[derive(Debug, Default)]
pub struct Totals {
    /// Inputs (files, records) cleaned.
    pub cleaned: u64,
    /// Inputs skipped, by reason (the reason's words are the key).
    pub skipped: BTreeMap<String, u64>,
    /// Inputs that failed (a file not written, a record not cleaned).
    pub failed: u64,
    /// Bytes read.
    pub bytes_in: u64,
    /// What cleaning did, summed.
    pub stats: Stats,
}

impl Totals {
    /// Counts one input skipped for `reason`.
    pub fn skip(&mut self, reason: impl Into<String>) {
        *self.skipped.entry(reason.into()).or_insert(0) += 1;
    }

    pub fn skipped_count(&self) -> u64 {
        self.skipped.values().sum()
    }

    /// `3 skipped (2 empty, 1 binary (PDF document))`, or `0 skipped`.
    pub fn skipped_phrase(&self) -> String {
        let n = self.skipped_count();
        if n == 0 {
            return "0 skipped".into();
        }
        let reasons: Vec<String> = self.skipped.iter().map(|(r, k)| format!("{k} {r}")).collect();
        format!("{n} skipped ({})", reasons.join(", "))
    }

    /// The lines under a summary's first: bytes and speed (`items` of `unit` done), the
    /// rules that fired, the markup removed, bytes replaced and characters removed.
    pub fn details(&self, items: u64, unit: &str, elapsed: Duration) -> String {
        let secs = elapsed.as_secs_f64().max(1e-9);
        let mut out = format!(
            "  {} in, {} out in {:.2} s ({:.1} MB/s, {:.0} {unit}/s)\n",
            human_bytes(self.bytes_in),
            human_bytes(self.stats.bytes_out),
            secs,
            self.bytes_in as f64 / 1e6 / secs,
            items as f64 / secs
        );
        let removed: Vec<String> = self.stats.rules.iter().map(|(r, n)| format!("{r} {n}")).collect();
        if !removed.is_empty() {
            out.push_str(&format!("  rules: {}\n", removed.join(", ")));
        }
        let st = &self.stats;
        if self.cleaned > 0 {
            out.push_str(&format!(
                "  markup: {}, {}, {}, {}, {} with content, {}, {}\n",
                count(st.tags, "tag", "tags"),
                count(st.broken_tags, "broken tag", "broken tags"),
                count(st.attribute_tails, "attribute tail", "attribute tails"),
                count(st.comments, "comment", "comments"),
                count(st.dropped_elements, "element", "elements"),
                count(st.entities, "entity", "entities"),
                count(st.templates, "template", "templates"),
            ));
        }
        if st.pages > 0 || st.large_pages > 0 {
            out.push_str(&format!("  {} read as whole pages (main content kept)", st.pages));
            if st.large_pages > 0 {
                out.push_str(&format!(", {} too large for that read as text", st.large_pages));
            }
            out.push('\n');
        }
        if st.malformed > 0 || st.controls > 0 {
            out.push_str(&format!(
                "  {} read as U+FFFD, {} removed\n",
                count(st.malformed, "malformed byte sequence", "malformed byte sequences"),
                count(st.controls, "control character", "control characters"),
            ));
        }
        if st.mojibake > 0 {
            out.push_str(&format!(
                "  {} of text decoded twice read again as UTF-8\n",
                count(st.mojibake, "character", "characters")
            ));
        }
        out
    }
}

/// Totals of a batch run.
#[derive(Debug, Default)]
struct Summary {
    totals: Totals,
    would_clean: u64,
    up_to_date: u64,
    renamed: u64,
    stale_temp_removed: u64,
    abandoned: u64,
}

impl Summary {
    fn files(&self) -> u64 {
        let t = &self.totals;
        t.cleaned + self.would_clean + self.up_to_date + t.failed + t.skipped_count()
    }
}

/// Collects events and prints.
pub struct Reporter {
    cfg: ReportConfig,
    summary: Summary,
    bar: Option<ProgressBar>,
    started: Instant,
    stdout: io::BufWriter<io::Stdout>,
    errors: ErrorLog,
    /// The last write error's kind, and how many in a row had it.
    write_errors: Option<(io::ErrorKind, u32)>,
    /// Why the run was stopped early, if it was.
    halted: Option<String>,
}

impl Reporter {
    pub fn new(cfg: ReportConfig) -> Reporter {
        let bar = cfg.progress.then(|| {
            let bar = ProgressBar::new_spinner();
            if let Ok(style) = ProgressStyle::with_template("{spinner} {elapsed_precise} {msg}") {
                bar.set_style(style);
            }
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        });
        Reporter {
            cfg,
            summary: Summary::default(),
            bar,
            started: Instant::now(),
            stdout: io::BufWriter::new(io::stdout()),
            errors: ErrorLog::default(),
            write_errors: None,
            halted: None,
        }
    }

    /// Takes one event; returns false when the run should stop (outputs keep failing to be
    /// written for one reason). An error writing standard output (a closed pipe) is returned.
    pub fn event(&mut self, e: Event) -> io::Result<bool> {
        match &e {
            Event::Failed { write_error: Some(kind), .. } if is_about_the_folder(*kind) => {
                let run = match self.write_errors {
                    Some((k, n)) if k == *kind => n + 1,
                    _ => 1,
                };
                self.write_errors = Some((*kind, run));
                if run >= MAX_WRITE_ERRORS_IN_A_ROW && self.halted.is_none() {
                    let why = format!("{run} outputs in a row could not be written ({kind})");
                    self.eprintln(&format!("descrape: stopping: {why}"));
                    self.halted = Some(why);
                }
            }
            Event::Cleaned { .. } => self.write_errors = None,
            _ => {}
        }
        self.record(e)?;
        Ok(self.halted.is_none())
    }

    fn record(&mut self, e: Event) -> io::Result<()> {
        let s = &mut self.summary;
        let record = match e {
            Event::Cleaned { path, output, renamed, encoding, bytes_in, stats } => {
                s.totals.cleaned += 1;
                s.renamed += u64::from(renamed);
                s.totals.bytes_in += bytes_in;
                let record = json!({"type": "file", "data": {
                    "path": path.to_string_lossy(), "output": output.to_string_lossy(), "status": "cleaned",
                    "encoding": encoding, "bytes_in": bytes_in, "bytes_out": stats.bytes_out,
                    "read_as": if stats.pages > 0 { "page" } else { "text" },
                    "renamed": renamed, "rules": stats.rules,
                }});
                s.totals.stats += stats;
                record
            }
            Event::WouldClean { path, output, renamed } => {
                s.would_clean += 1;
                s.renamed += u64::from(renamed);
                if !self.cfg.json && !self.cfg.quiet {
                    self.println_stdout(&format!("{} -> {}", show(&path), show(&output)))?;
                }
                json!({"type": "file", "data": {
                    "path": path.to_string_lossy(), "output": output.to_string_lossy(),
                    "status": "would_clean", "renamed": renamed,
                }})
            }
            Event::UpToDate { path } => {
                s.up_to_date += 1;
                json!({"type": "skip", "data": {"path": path.to_string_lossy(), "reason": "up to date"}})
            }
            Event::Skipped { path, reason } => {
                let reason = reason.to_string();
                s.totals.skip(reason.clone());
                json!({"type": "skip", "data": {"path": path.to_string_lossy(), "reason": reason}})
            }
            Event::Failed { path, error, .. } => {
                s.totals.failed += 1;
                if let Some(line) = self.errors.line(&show(&path), &error) {
                    self.eprintln(&line);
                }
                json!({"type": "error", "data": {"path": path.to_string_lossy(), "error": error}})
            }
            Event::Abandoned => {
                s.abandoned += 1;
                return Ok(());
            }
            Event::StaleTemp => {
                s.stale_temp_removed += 1;
                return Ok(());
            }
        };
        if self.cfg.json {
            self.json_line(&record)?;
        }
        if let Some(bar) = &self.bar {
            let s = &self.summary;
            let t = &s.totals;
            bar.set_message(format!(
                "{}: {} cleaned, {} up to date, {} skipped, {} failed; {}",
                count(s.files(), "file", "files"),
                t.cleaned,
                s.up_to_date,
                t.skipped_count(),
                t.failed,
                human_bytes(t.bytes_in)
            ));
        }
        Ok(())
    }

    /// Prints the summary; returns the exit code the run earned (`caught`: the signal that
    /// stopped it, if one did).
    pub fn finish(mut self, caught: Option<(&'static str, ExitCode)>) -> io::Result<ExitCode> {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
        for line in self.errors.tail() {
            eprintln!("{line}");
        }
        let elapsed = self.started.elapsed();
        let s = &self.summary;
        let t = &s.totals;
        if self.cfg.json {
            let record = json!({"type": "summary", "data": {
                "files": s.files(), "cleaned": t.cleaned, "would_clean": s.would_clean,
                "up_to_date": s.up_to_date, "skipped": t.skipped, "failed": t.failed,
                "renamed": s.renamed, "stale_temp_removed": s.stale_temp_removed,
                "abandoned": s.abandoned, "bytes_in": t.bytes_in, "bytes_out": t.stats.bytes_out,
                "malformed": t.stats.malformed, "controls": t.stats.controls, "mojibake": t.stats.mojibake,
                "rules": t.stats.rules,
                "pages": t.stats.pages, "large_pages": t.stats.large_pages,
                "interrupted": caught.map(|(sig, _)| sig), "halted": self.halted,
                "elapsed_ms": elapsed.as_millis() as u64,
            }});
            self.json_line(&record)?;
        }
        self.stdout.flush()?;
        let s = &self.summary;
        if !self.cfg.quiet {
            eprint!("{}", human_summary(s, elapsed));
        }
        if let Some((signal, code)) = caught {
            eprintln!(
                "descrape: stopped by {signal}: the files counted above are done; {} being cleaned were left as they were",
                s.abandoned
            );
            return Ok(code);
        }
        Ok(if s.totals.failed > 0 || self.halted.is_some() {
            ExitCode::SomeFailed
        } else {
            ExitCode::Success
        })
    }

    fn json_line(&mut self, v: &Value) -> io::Result<()> {
        serde_json::to_writer(&mut self.stdout, v)?;
        self.stdout.write_all(b"\n")
    }

    fn println_stdout(&mut self, line: &str) -> io::Result<()> {
        writeln!(self.stdout, "{line}")
    }

    fn eprintln(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }
}

/// Errors of one kind printed before the rest are only counted.
const ERRORS_SHOWN_PER_KIND: u64 = 5;

/// Prints errors on standard error: the first few of each kind (the reason with its numbers
/// left out), then only counts, summed up by [`ErrorLog::finish`]. 200,000 lines without the
/// field make five lines and a count, not 200,000 lines.
#[derive(Debug, Default)]
pub struct ErrorLog {
    /// Per kind: how many, and the last reason seen.
    kinds: BTreeMap<String, (u64, String)>,
}

impl ErrorLog {
    /// Reports an error at `place` (a path, `file:line`); returns the line to print, if
    /// this one is among the first of its kind.
    pub fn line(&mut self, place: &str, reason: &str) -> Option<String> {
        let kind: String = reason.chars().filter(|c| !c.is_ascii_digit()).collect();
        let entry = self.kinds.entry(kind).or_insert((0, String::new()));
        entry.0 += 1;
        if entry.0 <= ERRORS_SHOWN_PER_KIND {
            Some(format!("descrape: {}: {}", sanitize(place), sanitize(reason)))
        } else {
            entry.1 = reason.to_owned();
            None
        }
    }

    /// Reports and prints.
    pub fn report(&mut self, place: &str, reason: &str) {
        if let Some(line) = self.line(place, reason) {
            eprintln!("{line}");
        }
    }

    /// The lines that count what was not printed.
    pub fn tail(&self) -> Vec<String> {
        self.kinds
            .values()
            .filter(|(n, _)| *n > ERRORS_SHOWN_PER_KIND)
            .map(|(n, last)| {
                format!(
                    "descrape: {} more errors like the above (the last: {})",
                    n - ERRORS_SHOWN_PER_KIND,
                    sanitize(last)
                )
            })
            .collect()
    }

    /// Prints the counts of what was not printed.
    pub fn finish(&self) {
        for line in self.tail() {
            eprintln!("{line}");
        }
    }
}

/// Write errors that mean no output in that folder can be written.
fn is_about_the_folder(kind: io::ErrorKind) -> bool {
    matches!(
        kind,
        io::ErrorKind::ReadOnlyFilesystem
            | io::ErrorKind::StorageFull
            | io::ErrorKind::QuotaExceeded
            | io::ErrorKind::PermissionDenied
    )
}

/// The summary a person reads, on standard error.
fn human_summary(s: &Summary, elapsed: Duration) -> String {
    let t = &s.totals;
    let mut parts = vec![format!("{} cleaned", t.cleaned)];
    if s.would_clean > 0 {
        parts.push(format!("{} would be cleaned", s.would_clean));
    }
    parts.push(format!("{} up to date", s.up_to_date));
    parts.push(t.skipped_phrase());
    parts.push(format!("{} failed", t.failed));
    let mut out = format!("descrape: {}: {}\n", count(s.files(), "file", "files"), parts.join(", "));
    out.push_str(&t.details(t.cleaned + s.up_to_date, "files", elapsed));
    if s.renamed > 0 {
        out.push_str(&format!(
            "  {} outputs kept their input's extension (x.html.clean.txt): another input has the same name\n",
            s.renamed
        ));
    }
    if s.stale_temp_removed > 0 {
        out.push_str(&format!("  {} temporary files of an interrupted run removed\n", s.stale_temp_removed));
    }
    out
}

/// `n` and the noun that goes with it: `1 file`, `2 files`.
pub fn count(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
    let mut v = n as f64;
    let mut unit = 0;
    while v >= 1000.0 && unit + 1 < UNITS.len() {
        v /= 1000.0;
        unit += 1;
    }
    if unit == 0 { format!("{n} B") } else { format!("{v:.1} {}", UNITS[unit]) }
}

/// A path as it is safe to print on a terminal: control characters and bytes that are not
/// UTF-8 are escaped (`\n`, `\x1b`, `\xff`), so a hostile file name cannot move the cursor
/// or forge a line.
pub fn show(p: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in p.as_os_str().as_bytes().utf8_chunks() {
            out.push_str(&sanitize(chunk.valid()));
            for b in chunk.invalid() {
                out.push_str(&format!("\\x{b:02x}"));
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        sanitize(&p.to_string_lossy())
    }
}

/// Escapes control characters in a message.
pub fn sanitize(s: &str) -> String {
    s.chars()
        .flat_map(|c| if c.is_control() { c.escape_default().collect::<Vec<_>>() } else { vec![c] })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_names_are_escaped() {
        assert_eq!(show(Path::new("a/b\nc\x1b[31m.txt")), "a/b\\nc\\u{1b}[31m.txt");
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let p = Path::new(std::ffi::OsStr::from_bytes(b"x\xff.txt"));
            assert_eq!(show(p), "x\\xff.txt");
        }
    }

    #[test]
    fn bytes_read_as_people_read_them() {
        assert_eq!(human_bytes(999), "999 B");
        assert_eq!(human_bytes(1_500_000), "1.5 MB");
    }

    #[test]
    fn one_of_a_kind_is_said_in_the_singular() {
        let mut t = Totals { cleaned: 1, ..Totals::default() };
        let st = &mut t.stats;
        (st.tags, st.broken_tags, st.attribute_tails, st.comments) = (1, 1, 1, 1);
        (st.dropped_elements, st.entities, st.templates) = (1, 1, 2);
        (st.malformed, st.controls, st.mojibake) = (1, 1, 1);
        let details = t.details(1, "files", Duration::from_secs(1));
        let lines: Vec<&str> = details.lines().skip(1).collect();
        assert_eq!(
            lines,
            [
                "  markup: 1 tag, 1 broken tag, 1 attribute tail, 1 comment, 1 element with content, 1 entity, 2 templates",
                "  1 malformed byte sequence read as U+FFFD, 1 control character removed",
                "  1 character of text decoded twice read again as UTF-8",
            ]
        );
    }

    #[test]
    fn files_add_up() {
        let mut s = Summary { up_to_date: 1, ..Summary::default() };
        s.totals.cleaned = 2;
        s.totals.failed = 1;
        s.totals.skipped.insert("empty".into(), 3);
        assert_eq!(s.files(), 7);
        assert_eq!(s.totals.skipped_phrase(), "3 skipped (3 empty)");
    }
}
