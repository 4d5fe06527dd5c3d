//! Finds the inputs of a batch: paths named on the command line or in a `--files-from` list,
//! and files with an input extension under directories (walked recursively, symlinked
//! directories not followed, so loops cannot happen). Everything found, or found wrong, is
//! passed on as a [`Found`]; the walk itself never stops on an error.
//!
//! On the way it removes temporary files a killed earlier run left behind
//! (`.descrape-<pid>-*.tmp` of a process that is gone).

use std::ffi::OsStr;
use std::fs;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use walkdir::WalkDir;

use super::output::OUTPUT_SUFFIX;
use crate::config::{BatchConfig, FilesFrom};

/// The prefix and suffix of the temporary files outputs are written to.
pub const TEMP_PREFIX: &str = ".descrape-";
pub const TEMP_SUFFIX: &str = ".tmp";

/// Something the walk found.
#[derive(Debug)]
pub enum Found {
    /// A file to clean.
    Input { path: PathBuf },
    /// A path that will not be cleaned, and why.
    Skipped { path: PathBuf, reason: String },
    /// A path that could not be looked at.
    Failed { path: PathBuf, error: String },
    /// A leftover temporary file was removed.
    StaleTemp,
}

/// Walks everything `cfg` names, calling `found` for each thing found, in a stable order.
/// `started` is when the run began: temporary files older than that are leftovers.
pub fn walk(cfg: &BatchConfig, started: SystemTime, found: &mut dyn FnMut(Found)) {
    for path in &cfg.paths {
        visit(path, cfg, started, found);
    }
    if let Some(list) = &cfg.files_from {
        if let Err(e) = read_list(list, &mut |p| visit(&p, cfg, started, found)) {
            let path = list.path.clone().unwrap_or_else(|| PathBuf::from("-"));
            found(Found::Failed { path, error: format!("reading the list of paths: {e}") });
        }
    }
    if let crate::config::OutputMode::Dir(dir) = &cfg.output {
        if dir.is_dir() {
            remove_stale_temps(dir, started, found);
        }
    }
}

/// A path given by name: a directory is walked, a file is an input whatever its extension.
fn visit(path: &Path, cfg: &BatchConfig, started: SystemTime, found: &mut dyn FnMut(Found)) {
    match fs::metadata(path) {
        Ok(m) if m.is_dir() => walk_dir(path, cfg, started, found),
        Ok(m) if m.is_file() => {
            if is_output_name(path) {
                found(Found::Skipped {
                    path: path.to_path_buf(),
                    reason: "is an output (*.clean.txt)".into(),
                });
            } else {
                found(Found::Input { path: path.to_path_buf() });
            }
        }
        Ok(_) => found(Found::Skipped { path: path.to_path_buf(), reason: "not a regular file".into() }),
        Err(e) => found(Found::Failed { path: path.to_path_buf(), error: describe_missing(path, &e) }),
    }
}

fn walk_dir(root: &Path, cfg: &BatchConfig, started: SystemTime, found: &mut dyn FnMut(Found)) {
    for entry in WalkDir::new(root).follow_links(false).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(err) => {
                let path = err.path().map_or_else(|| root.to_path_buf(), Path::to_path_buf);
                let error = err.io_error().map_or_else(|| err.to_string(), ToString::to_string);
                found(Found::Failed { path, error });
                continue;
            }
        };
        let path = entry.path();
        let ft = entry.file_type();
        if ft.is_dir() {
            continue;
        }
        if is_stale_temp(path, started) {
            if fs::remove_file(path).is_ok() {
                found(Found::StaleTemp);
            }
            continue;
        }
        if !has_input_extension(path, &cfg.exts) || is_output_name(path) {
            continue;
        }
        if ft.is_file() {
            found(Found::Input { path: path.to_path_buf() });
        } else if ft.is_symlink() {
            // A symlink to a file is read through; to a directory, not followed.
            match fs::metadata(path) {
                Ok(m) if m.is_file() => found(Found::Input { path: path.to_path_buf() }),
                Ok(m) if m.is_dir() => {}
                Ok(_) => {
                    found(Found::Skipped { path: path.to_path_buf(), reason: "not a regular file".into() })
                }
                Err(e) => {
                    found(Found::Failed { path: path.to_path_buf(), error: describe_missing(path, &e) })
                }
            }
        } else {
            found(Found::Skipped { path: path.to_path_buf(), reason: "not a regular file".into() });
        }
    }
}

/// Reads a `--files-from` list, one path per line or NUL-separated.
fn read_list(list: &FilesFrom, each: &mut dyn FnMut(PathBuf)) -> io::Result<()> {
    let reader: Box<dyn Read> = match &list.path {
        Some(p) => Box::new(fs::File::open(p)?),
        None => Box::new(io::stdin()),
    };
    let mut reader = BufReader::new(reader);
    let sep = if list.null { 0 } else { b'\n' };
    let mut line = Vec::new();
    loop {
        line.clear();
        if reader.read_until(sep, &mut line)? == 0 {
            return Ok(());
        }
        if line.last() == Some(&sep) {
            line.pop();
        }
        if !list.null && line.last() == Some(&b'\r') {
            line.pop();
        }
        if !line.is_empty() {
            each(path_from_bytes(&line));
        }
    }
}

#[cfg(unix)]
fn path_from_bytes(b: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(OsStr::from_bytes(b))
}

#[cfg(not(unix))]
fn path_from_bytes(b: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(b).into_owned())
}

/// A readable reason for a path that cannot be looked at.
fn describe_missing(path: &Path, e: &io::Error) -> String {
    let dangling = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if dangling && e.kind() == io::ErrorKind::NotFound { "dangling symlink".into() } else { e.to_string() }
}

fn has_input_extension(path: &Path, exts: &[String]) -> bool {
    super::output::uncompressed(path)
        .extension()
        .and_then(OsStr::to_str)
        .is_some_and(|e| exts.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// `*.clean.txt` (also compressed) is never an input.
pub fn is_output_name(path: &Path) -> bool {
    let path = super::output::uncompressed(path);
    path.file_name().is_some_and(|n| n.to_string_lossy().to_ascii_lowercase().ends_with(OUTPUT_SUFFIX))
}

/// A leftover of an earlier run: `.descrape-<pid>-*.tmp` written by a process that is gone.
///
/// The process id in the name decides, not the file's age: a worker of this run may be
/// writing a temporary file in the very folder the walk is in, and file times are too coarse
/// to tell it from one written just before the run began. Without `/proc` to ask whether a
/// process lives, or without a process id in the name, a file counts as a leftover when it is
/// older than [`STALE_AGE`].
fn is_stale_temp(path: &Path, started: SystemTime) -> bool {
    let name = path.file_name().map(OsStr::to_string_lossy).unwrap_or_default();
    let Some(middle) = name.strip_prefix(TEMP_PREFIX).and_then(|n| n.strip_suffix(TEMP_SUFFIX)) else {
        return false;
    };
    let pid = middle.split('-').next().and_then(|p| p.parse::<u32>().ok());
    if pid == Some(std::process::id()) {
        return false;
    }
    let proc_fs = Path::new("/proc/self").exists();
    match pid {
        Some(pid) if proc_fs => !Path::new("/proc").join(pid.to_string()).exists(),
        _ => fs::symlink_metadata(path).and_then(|m| m.modified()).is_ok_and(|t| t + STALE_AGE < started),
    }
}

/// How old a temporary file must be to count as a leftover when no process id settles it.
const STALE_AGE: std::time::Duration = std::time::Duration::from_secs(600);

/// The prefix of this process's temporary files: `.descrape-<pid>-`.
pub fn temp_prefix() -> String {
    format!("{TEMP_PREFIX}{}-", std::process::id())
}

/// Removes leftover temporary files under an output directory.
fn remove_stale_temps(dir: &Path, started: SystemTime, found: &mut dyn FnMut(Found)) {
    for entry in WalkDir::new(dir).follow_links(false).into_iter().flatten() {
        let path = entry.path();
        if entry.file_type().is_file() && is_stale_temp(path, started) && fs::remove_file(path).is_ok() {
            found(Found::StaleTemp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_names_and_extensions() {
        assert!(is_output_name(Path::new("a/x.clean.txt")));
        assert!(is_output_name(Path::new("a/X.CLEAN.TXT")));
        assert!(!is_output_name(Path::new("a/x.txt")));
        assert!(is_output_name(Path::new("a/x.clean.txt.gz")));
        let exts = vec!["txt".to_owned(), "html".to_owned()];
        assert!(has_input_extension(Path::new("a/x.HTML"), &exts));
        assert!(!has_input_extension(Path::new("a/x.pdf"), &exts));
        assert!(!has_input_extension(Path::new("a/txt"), &exts));
        assert!(has_input_extension(Path::new("a/x.txt.zst"), &exts));
    }
}
