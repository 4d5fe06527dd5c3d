//! Defines [`Args`]: what the user typed, validated by clap and nothing more. [`crate::config`]
//! turns it into a built configuration.

use std::path::PathBuf;

use clap::Parser;

use crate::compress::Compression;
use crate::stream::OnError;

/// Clean scraped web articles: strip leftover markup, broken tags, entities and comment-form
/// boilerplate, and write clean plain text next to each original (a/x.txt → a/x.clean.txt).
#[derive(Debug, Parser)]
#[command(name = "descrape", version, after_help = AFTER_HELP)]
pub struct Args {
    /// Files or directories to clean; `-` reads standard input and writes standard output.
    /// Directories are searched recursively for files with the --ext extensions. With
    /// --jsonl or --warc: the input files (none or `-`: standard input).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Read JSON Lines (one object per line) and write them with the --field cleaned.
    #[arg(long, conflicts_with_all = ["warc", "files_from", "out_dir", "dry_run", "force"])]
    pub jsonl: bool,

    /// Read WARC or WET files (plain, .gz or .zst) and write one JSON line per HTML page.
    #[arg(long, conflicts_with_all = ["files_from", "out_dir", "dry_run", "force"])]
    pub warc: bool,

    /// With --jsonl: the field to clean, or a dotted path into nested objects (`doc.text`)
    /// [default: text].
    #[arg(long, value_name = "NAME", requires = "jsonl", conflicts_with = "warc")]
    pub field: Option<String>,

    /// With --jsonl: write the result to this field (default: the --field itself) and keep
    /// the original.
    #[arg(long, value_name = "NAME", requires = "jsonl", conflicts_with = "warc")]
    pub output_field: Option<String>,

    /// With --jsonl: what to do with a line that is not valid JSON or lacks the field
    /// [default: keep].
    #[arg(long, value_enum, requires = "jsonl", conflicts_with = "warc")]
    pub on_error: Option<OnError>,

    /// With --jsonl: a line longer than this many bytes is reported and skipped without being
    /// held in memory [default: 67108864, 64 MiB; a WARC record's limit is fixed at that].
    #[arg(long, value_name = "BYTES", requires = "jsonl", conflicts_with = "warc")]
    pub max_record_bytes: Option<usize>,

    /// With --jsonl or --warc: add each record's cleaning stats in this field.
    #[arg(long, value_name = "NAME")]
    pub stats_field: Option<String>,

    /// What to write: plain text (default), Markdown (headings, lists, tables, code) or one
    /// JSON document per input (title, lang, blocks, stats). Batch outputs are `*.clean.txt`,
    /// `*.clean.md` or `*.clean.json`; JSONL and WARC records carry it in their text field.
    #[arg(long, value_enum, value_name = "FORMAT", default_value = "text")]
    pub format: OutputFormat,

    /// How inputs are read: `html` takes every input for a web page and keeps its main
    /// content (the article, the posts, the product) without navigation, comments, related
    /// stories and banners; `text` reads every input as text with leftover markup; `auto`
    /// (default) reads whole documents as pages and everything else as text.
    #[arg(long, value_enum, value_name = "KIND", default_value = "auto")]
    pub input: InputKind,

    /// With --format markdown: write links as [text](href).
    #[arg(long)]
    pub links: bool,

    /// Compress the output: standard output in stream modes, `*.clean.txt.gz|.zst` files in
    /// batch mode.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub compress: Option<Compression>,

    /// Read more paths from FILE, one per line (`-` for standard input).
    #[arg(long, value_name = "FILE")]
    pub files_from: Option<PathBuf>,

    /// With --files-from: paths are separated by NUL bytes, not newlines.
    #[arg(short = '0', long = "null", requires = "files_from")]
    pub null: bool,

    /// Extensions of the files taken from directories, comma-separated [default:
    /// txt,html,htm,xhtml]. A file compressed with gzip or zstd counts by the extension before
    /// `.gz` or `.zst`: `x.html.gz` is an `html` file, and `--ext html.gz` means `html`.
    #[arg(long, value_name = "EXTS", value_delimiter = ',')]
    pub ext: Option<Vec<String>>,

    /// Write outputs into DIR, mirroring the input paths, instead of next to the originals.
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,

    /// Clean every file again, even where the output is newer than the input.
    #[arg(long)]
    pub force: bool,

    /// List what would be cleaned, and where the output would go; write nothing.
    #[arg(long)]
    pub dry_run: bool,

    /// Worker threads (default: one per core).
    #[arg(short = 'j', long = "threads", value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,

    /// Print one JSON record per file and a final summary on standard output (JSON Lines).
    #[arg(long)]
    pub json: bool,

    /// Print only errors.
    #[arg(short, long)]
    pub quiet: bool,

    /// Add a rule file (boilerplate phrases `NN-topic.LANG.txt`, `starters.LANG.txt`,
    /// `read-more.LANG.txt`, `read-also.LANG.txt`, `abbreviations.txt`, `class-words.txt`, `selectors-drop.txt`, shortcode lists, or a
    /// `defaults.toml` overlay; see rules/README.md). May be repeated.
    #[arg(long = "rules", value_name = "FILE")]
    pub rules: Vec<PathBuf>,
}

const AFTER_HELP: &str = "\
Outputs are written atomically (temporary file, then rename); originals are never modified.
A file whose output is newer than it is up to date and skipped (see --force).

Exit codes (every mode): 0 everything was cleaned or skipped as not text; 1 some files or
records failed (each reported with its path or line), or the run stopped because outputs kept
failing to be written; 2 usage or rule-file error, or no JSON record had the --field;
130 stopped by SIGINT, 143 by SIGTERM (what was done is kept; the summary says what).";

/// `--input`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum InputKind {
    Auto,
    Html,
    Text,
}

impl From<InputKind> for descrape::Input {
    fn from(k: InputKind) -> descrape::Input {
        match k {
            InputKind::Auto => descrape::Input::Auto,
            InputKind::Html => descrape::Input::Html,
            InputKind::Text => descrape::Input::Text,
        }
    }
}

/// `--format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    Text,
    #[value(alias = "md")]
    Markdown,
    Json,
}

impl From<OutputFormat> for descrape::Format {
    fn from(f: OutputFormat) -> descrape::Format {
        match f {
            OutputFormat::Text => descrape::Format::Text,
            OutputFormat::Markdown => descrape::Format::Markdown,
            OutputFormat::Json => descrape::Format::Json,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stream_flags_parse_and_conflict() {
        let a =
            Args::try_parse_from(["descrape", "--jsonl", "--field", "html", "--on-error", "skip"]).unwrap();
        assert!(a.jsonl && a.field.as_deref() == Some("html") && a.on_error == Some(OnError::Skip));
        assert!(Args::try_parse_from(["descrape", "--warc", "--field", "x"]).is_err());
        assert!(Args::try_parse_from(["descrape", "--jsonl", "--warc"]).is_err());
        assert!(Args::try_parse_from(["descrape", "--field", "x", "a"]).is_err());
        let a = Args::try_parse_from(["descrape", "--warc", "--compress", "zst", "x.warc.gz"]).unwrap();
        assert_eq!(a.compress, Some(Compression::Zst));
        assert!(Args::try_parse_from(["descrape", "--files-from", "list"]).is_ok());
        let a = Args::try_parse_from(["descrape", "-q", "--rules", "r.txt", "a", "-"]).unwrap();
        assert_eq!(a.paths.len(), 2);
        assert!(a.quiet);
    }

    #[test]
    fn extensions_split_on_commas_and_threads_are_positive() {
        let a = Args::try_parse_from(["descrape", "--ext", "txt,md", "x"]).unwrap();
        assert_eq!(a.ext.unwrap(), ["txt", "md"]);
        assert_eq!(Args::try_parse_from(["descrape", "x"]).unwrap().ext, None);
        assert!(Args::try_parse_from(["descrape", "-j", "0", "x"]).is_err());
        assert_eq!(Args::try_parse_from(["descrape", "-j2", "x"]).unwrap().threads, Some(2));
    }

    #[test]
    fn null_needs_files_from() {
        assert!(Args::try_parse_from(["descrape", "-0", "x"]).is_err());
        assert!(Args::try_parse_from(["descrape", "-0", "--files-from", "-"]).is_ok());
    }
}
