//! Reads a WARC file (`.warc` or `.warc.gz`), cleans every HTML page in it and writes each as
//! Markdown into a folder, one file per page, using only descrape's public API.
//!
//! Usage: `cargo run --release --example warc_to_markdown -- CRAWL.warc.gz OUT_DIR`

use std::fs::{self, File};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::ExitCode;

use descrape::stream::warc::{self, Output};
use descrape::{Cleaner, Format};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, out_dir] = args.as_slice() else {
        eprintln!("usage: warc_to_markdown CRAWL.warc[.gz] OUT_DIR");
        return ExitCode::from(2);
    };
    match run(Path::new(input), Path::new(out_dir)) {
        Ok((pages, other)) => {
            eprintln!("{pages} pages written to {out_dir}, {other} records skipped or damaged");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("warc_to_markdown: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(input: &Path, out_dir: &Path) -> Result<(usize, usize), Box<dyn std::error::Error>> {
    let file = BufReader::new(File::open(input)?);
    // A `.warc.gz` is a series of gzip members, one per record.
    let reader: Box<dyn BufRead> = if input.extension().is_some_and(|e| e == "gz") {
        Box::new(BufReader::new(flate2::read::MultiGzDecoder::new(file)))
    } else {
        Box::new(file)
    };
    let cleaner = Cleaner::builder().format(Format::Markdown).links(true).build()?;
    fs::create_dir_all(out_dir)?;
    let (mut pages, mut other) = (0, 0);
    for item in warc::records(reader) {
        match warc::clean(&cleaner, item) {
            Output::Page(page) => {
                pages += 1;
                let header = format!(
                    "<!-- {} {} lang={} -->\n\n",
                    page.url,
                    page.date,
                    page.lang.as_deref().unwrap_or("?")
                );
                fs::write(out_dir.join(format!("{pages:06}.md")), header + &page.text + "\n")?;
            }
            Output::Skipped(why) => {
                other += 1;
                eprintln!("{}: skipped: {why}", input.display());
            }
            Output::Broken(why) => {
                other += 1;
                eprintln!("{}: {why}", input.display());
            }
        }
    }
    Ok((pages, other))
}
