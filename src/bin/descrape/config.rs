//! Turns [`Args`] into a [`Config`]: the built [`Cleaner`] (with the user's rule files
//! loaded) and the list of inputs.

use std::fs;
use std::path::PathBuf;

use anyhow::{Context, Result};
use descrape::{Cleaner, RuleSet};

use crate::args::Args;

/// Everything a run needs, built once.
pub struct Config {
    pub cleaner: Cleaner,
    pub inputs: Vec<Input>,
    pub quiet: bool,
}

/// One thing to clean.
pub enum Input {
    /// Standard input to standard output.
    Stdin,
    /// A file or a directory to walk.
    Path(PathBuf),
}

impl Config {
    pub fn from_args(args: Args) -> Result<Config> {
        let mut rules = RuleSet::builtin();
        for path in &args.rules {
            let text = fs::read_to_string(path)
                .with_context(|| format!("{}: reading rule file", path.display()))?;
            rules.add_source(&path.to_string_lossy(), &text)?;
        }
        let cleaner = Cleaner::builder().rules(rules).build()?;
        let inputs = args
            .paths
            .into_iter()
            .map(|p| {
                if p.as_os_str() == "-" {
                    Input::Stdin
                } else {
                    Input::Path(p)
                }
            })
            .collect();
        Ok(Config {
            cleaner,
            inputs,
            quiet: args.quiet,
        })
    }
}
