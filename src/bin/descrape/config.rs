//! Turns [`Args`] into a [`Config`]: the built [`Cleaner`] (with the user's rule files
//! loaded), what to read, where outputs go, and how to report. Everything the user typed is
//! checked here, once, so the runners never see a string option.

use std::fs;
use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use descrape::{Cleaner, RuleSet};

use crate::args::{Args, OutputFormat};
use crate::batch::output::{output_suffix, without_compression};
use crate::compress::Compression;
use crate::stream::{Format, OnError, StreamConfig};
use descrape::stream::jsonl::Fields;
use descrape::stream::warc;

/// The extensions of inputs taken from directories when `--ext` is not given.
const DEFAULT_EXTS: [&str; 4] = ["txt", "html", "htm", "xhtml"];

/// Everything a run needs, built once.
pub struct Config {
    pub cleaner: Cleaner,
    pub mode: Mode,
    pub report: ReportConfig,
}

/// What the run does.
pub enum Mode {
    /// `descrape -`: standard input to standard output.
    /// Standard input to standard output; a long input is cleaned in parts on `threads` threads.
    Stdin { compress: Option<Compression>, threads: usize },
    /// Records (`--jsonl`, `--warc`) to standard output.
    Stream(StreamConfig),
    /// Files and directories to `*.clean.txt`.
    Batch(BatchConfig),
}

/// The batch runner's settings.
pub struct BatchConfig {
    /// Files and directories named on the command line.
    pub paths: Vec<PathBuf>,
    /// Where more paths come from.
    pub files_from: Option<FilesFrom>,
    /// Extensions of inputs taken from directories: lowercase, without the dot, in order of
    /// preference (the first keeps the short output name when two collide).
    pub exts: Vec<String>,
    pub output: OutputMode,
    pub existing: Existing,
    pub dry_run: bool,
    pub threads: usize,
    /// Compress outputs (and add the format's suffix to their names).
    pub compress: Option<Compression>,
    /// What outputs' names end with: `.clean.txt`, `.clean.md` or `.clean.json`.
    pub suffix: String,
}

/// A list of paths in a file.
pub struct FilesFrom {
    /// `None` for standard input.
    pub path: Option<PathBuf>,
    /// NUL-separated instead of one per line.
    pub null: bool,
}

/// Where outputs go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OutputMode {
    /// `a/x.txt` → `a/x.clean.txt`.
    NextToOriginal,
    /// Under this directory, mirroring the input paths.
    Dir(PathBuf),
}

/// What to do with an output that is already there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Existing {
    /// Keep it when it is newer than its input.
    SkipUpToDate,
    /// Always clean again (`--force`).
    Overwrite,
}

/// How the run reports.
#[derive(Clone, Copy, Debug)]
pub struct ReportConfig {
    /// Only errors.
    pub quiet: bool,
    /// JSON Lines on standard output.
    pub json: bool,
    /// A progress bar on standard error (only when it is a terminal).
    pub progress: bool,
}

impl Config {
    pub fn from_args(args: Args) -> Result<Config> {
        let mut rules = RuleSet::builtin();
        for path in &args.rules {
            let text =
                fs::read_to_string(path).with_context(|| format!("{}: reading rule file", path.display()))?;
            rules.add_source(&path.to_string_lossy(), &text)?;
        }
        if args.links && args.format != OutputFormat::Markdown {
            bail!("--links needs --format markdown");
        }
        let format = descrape::Format::from(args.format);
        let cleaner = Cleaner::builder()
            .rules(rules)
            .input(args.input.into())
            .format(format)
            .links(args.links)
            .build()?;
        let report = ReportConfig {
            quiet: args.quiet,
            json: args.json,
            progress: !args.quiet && std::io::stderr().is_terminal(),
        };
        let threads = match args.threads {
            Some(n) => usize::from(n),
            None => std::thread::available_parallelism().map_or(1, |n| n.get()),
        };
        if args.jsonl || args.warc {
            let format = if args.jsonl {
                let input = args.field.clone().unwrap_or_else(|| "text".to_owned());
                let output = args.output_field.clone().unwrap_or_else(|| input.clone());
                let fields = Fields { input, output, stats: args.stats_field.clone() };
                Format::Jsonl { fields, on_error: args.on_error.unwrap_or(OnError::Keep) }
            } else {
                Format::Warc { stats_field: args.stats_field }
            };
            if let Some(ext) = &args.ext {
                bail!(
                    "--ext {} does nothing with --jsonl or --warc: they read the files named",
                    ext.join(",")
                );
            }
            let stream = StreamConfig {
                format,
                inputs: args.paths,
                compress: args.compress,
                threads,
                max_record_bytes: args.max_record_bytes.unwrap_or(warc::MAX_RECORD_BYTES as usize),
            };
            return Ok(Config { cleaner, mode: Mode::Stream(stream), report });
        }
        if args.stats_field.is_some() {
            bail!("--stats-field needs --jsonl or --warc");
        }
        let stdin = args.paths.iter().any(|p| p.as_os_str() == "-");
        if stdin {
            if args.paths.len() > 1 || args.files_from.is_some() {
                bail!("`-` (standard input) cannot be combined with other paths");
            }
            let batch_only = [
                ("--json", args.json),
                ("--dry-run", args.dry_run),
                ("--force", args.force),
                ("--out-dir", args.out_dir.is_some()),
                ("--ext", args.ext.is_some()),
            ];
            if let Some((flag, _)) = batch_only.iter().find(|(_, given)| *given) {
                bail!("{flag} does nothing with `-` (standard input to standard output, one pass)");
            }
            return Ok(Config { cleaner, mode: Mode::Stdin { compress: args.compress, threads }, report });
        }
        if args.paths.is_empty() && args.files_from.is_none() {
            bail!("nothing to clean: give files or directories, `-` for standard input, or --files-from");
        }
        let exts: Vec<String> = args
            .ext
            .unwrap_or_else(|| DEFAULT_EXTS.iter().map(|e| (*e).to_owned()).collect())
            .iter()
            // A compressed file counts by the extension under the compression's: `html.gz`
            // is `html`.
            .map(|e| without_compression(e.trim().trim_start_matches('.')).to_ascii_lowercase())
            .filter(|e| !e.is_empty())
            .collect();
        if exts.is_empty() {
            bail!("--ext needs at least one extension");
        }
        let output = match args.out_dir {
            Some(dir) => OutputMode::Dir(dir),
            None => OutputMode::NextToOriginal,
        };
        let files_from =
            args.files_from.map(|p| FilesFrom { path: (p.as_os_str() != "-").then_some(p), null: args.null });
        let batch = BatchConfig {
            paths: args.paths,
            files_from,
            exts,
            output,
            existing: if args.force { Existing::Overwrite } else { Existing::SkipUpToDate },
            dry_run: args.dry_run,
            threads,
            compress: args.compress,
            suffix: output_suffix(format),
        };
        Ok(Config { cleaner, mode: Mode::Batch(batch), report })
    }
}
