//! The descrape command: parses arguments, builds the configuration, dispatches to the
//! stdin or file cleaner, reports, and exits with a code that says how it went.

mod args;
mod batch;
mod config;
mod exit;

use std::io::{self, Read, Write};

use anyhow::Result;
use clap::Parser;

use crate::config::{Config, Input};
use crate::exit::ExitCode;

fn main() -> std::process::ExitCode {
    let args = args::Args::parse();
    let config = match Config::from_args(args) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("descrape: {e:#}");
            return ExitCode::Usage.into();
        }
    };
    match run(&config) {
        Ok(code) => code.into(),
        Err(e) if is_broken_pipe(&e) => ExitCode::Success.into(),
        Err(e) => {
            eprintln!("descrape: {e:#}");
            ExitCode::SomeFailed.into()
        }
    }
}

fn run(config: &Config) -> Result<ExitCode> {
    let mut outcome = batch::Outcome::default();
    let mut code = ExitCode::Success;
    for input in &config.inputs {
        match input {
            Input::Stdin => {
                let mut bytes = Vec::new();
                io::stdin().read_to_end(&mut bytes)?;
                let text =
                    String::from_utf8_lossy(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes));
                let cleaned = config.cleaner.clean(&text);
                let mut out = io::stdout().lock();
                out.write_all(cleaned.text.as_bytes())?;
                out.flush()?;
            }
            Input::Path(p) => batch::clean_path(&config.cleaner, p, &mut outcome),
        }
    }
    for (path, err) in &outcome.failed {
        eprintln!(
            "descrape: {}: {err:#}",
            path.display().to_string().escape_debug()
        );
        code = code.merge(ExitCode::SomeFailed);
    }
    if !config.quiet && (outcome.cleaned > 0 || !outcome.failed.is_empty()) {
        eprintln!(
            "descrape: {} cleaned, {} failed; {} bytes in, {} bytes out",
            outcome.cleaned,
            outcome.failed.len(),
            outcome.stats.bytes_in,
            outcome.stats.bytes_out
        );
    }
    Ok(code)
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.downcast_ref::<io::Error>()
        .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
}
