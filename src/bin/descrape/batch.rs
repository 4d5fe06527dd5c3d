//! Cleans files: walks directories, maps `a/x.txt` to `a/x.clean.txt`, and writes each output
//! atomically (a temporary file in the same folder, then a rename). One bad file is reported
//! and the rest go on.

use std::ffi::OsStr;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use descrape::{Cleaner, Stats};
use walkdir::WalkDir;

/// Extensions taken from directories.
const INPUT_EXTENSIONS: [&str; 3] = ["txt", "html", "htm"];
/// The suffix of outputs, never taken as input.
const OUTPUT_SUFFIX: &str = ".clean.txt";

/// What happened to the files of one run.
#[derive(Default)]
pub struct Outcome {
    pub cleaned: u64,
    pub failed: Vec<(PathBuf, anyhow::Error)>,
    pub stats: Stats,
}

/// Cleans `path`: one file, or every input file under a directory.
pub fn clean_path(cleaner: &Cleaner, path: &Path, out: &mut Outcome) {
    if path.is_dir() {
        for entry in WalkDir::new(path).follow_links(false).sort_by_file_name() {
            match entry {
                Ok(e) if e.file_type().is_file() && is_input(e.path()) => {
                    clean_file(cleaner, e.path(), out)
                }
                Ok(_) => {}
                Err(err) => {
                    let p = err
                        .path()
                        .map_or_else(|| path.to_path_buf(), Path::to_path_buf);
                    out.failed
                        .push((p, anyhow::Error::new(err).context("walking")));
                }
            }
        }
    } else {
        clean_file(cleaner, path, out);
    }
}

fn clean_file(cleaner: &Cleaner, path: &Path, out: &mut Outcome) {
    match try_clean_file(cleaner, path) {
        Ok(stats) => {
            out.cleaned += 1;
            out.stats += stats;
        }
        Err(e) => out.failed.push((path.to_path_buf(), e)),
    }
}

fn try_clean_file(cleaner: &Cleaner, path: &Path) -> Result<Stats> {
    if path.to_string_lossy().ends_with(OUTPUT_SUFFIX) {
        anyhow::bail!("is an output ({OUTPUT_SUFFIX}), not an input");
    }
    let bytes = fs::read(path).context("reading")?;
    let text = String::from_utf8_lossy(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes));
    let cleaned = cleaner.clean(&text);
    write_atomically(&output_path(path), cleaned.text.as_bytes()).context("writing")?;
    Ok(cleaned.stats)
}

/// Is this file an input (by extension, and not an output)?
pub fn is_input(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(OsStr::to_string_lossy)
        .unwrap_or_default();
    let ext_ok = path
        .extension()
        .and_then(OsStr::to_str)
        .is_some_and(|e| INPUT_EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)));
    ext_ok && !name.ends_with(OUTPUT_SUFFIX)
}

/// `a/x.txt` → `a/x.clean.txt`.
pub fn output_path(input: &Path) -> PathBuf {
    let stem = input.file_stem().unwrap_or_default();
    let mut name = stem.to_os_string();
    name.push(OUTPUT_SUFFIX);
    input.with_file_name(name)
}

/// Writes `data` to `dest` through a temporary file in the same folder and a rename, so a
/// reader never sees half a file.
fn write_atomically(dest: &Path, data: &[u8]) -> io::Result<()> {
    let dir = dest
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".descrape-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(data)?;
    tmp.as_file().sync_all()?;
    tmp.persist(dest).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_names() {
        assert_eq!(
            output_path(Path::new("a/x.txt")),
            Path::new("a/x.clean.txt")
        );
        assert_eq!(
            output_path(Path::new("a/x.html")),
            Path::new("a/x.clean.txt")
        );
        assert!(is_input(Path::new("a/x.HTML")));
        assert!(!is_input(Path::new("a/x.clean.txt")));
        assert!(!is_input(Path::new("a/x.pdf")));
    }
}
