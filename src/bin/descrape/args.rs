//! Defines [`Args`]: what the user typed, validated by clap and nothing more. [`crate::config`]
//! turns it into a built configuration.

use std::path::PathBuf;

use clap::Parser;

/// Clean scraped web articles: strip leftover markup, broken tags, entities and comment-form
/// boilerplate, and write clean plain text next to each original (a/x.txt → a/x.clean.txt).
#[derive(Debug, Parser)]
#[command(name = "descrape", version, after_help = EXIT_CODES)]
pub struct Args {
    /// Files or directories to clean; `-` reads standard input and writes standard output.
    /// Directories are searched recursively for .txt, .html and .htm files.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Add a rule file (boilerplate phrases `NN-topic.LANG.txt`, `starters.LANG.txt`,
    /// `abbreviations.txt`, or a `defaults.toml` overlay). May be repeated.
    #[arg(long = "rules", value_name = "FILE")]
    pub rules: Vec<PathBuf>,

    /// Print only errors.
    #[arg(short, long)]
    pub quiet: bool,
}

const EXIT_CODES: &str =
    "Exit codes: 0 all files cleaned, 1 some files failed, 2 usage or rule-file error.";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_required() {
        assert!(Args::try_parse_from(["descrape"]).is_err());
        let a = Args::try_parse_from(["descrape", "-q", "--rules", "r.txt", "a", "-"]).unwrap();
        assert_eq!(a.paths.len(), 2);
        assert!(a.quiet);
    }
}
