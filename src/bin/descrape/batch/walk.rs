//! Finds the inputs of a batch: paths named on the command line or in a `--files-from` list,
//! and files with an input extension under directories (walked recursively, symlinked
//! directories not followed, so loops cannot happen). Everything found, or found wrong, is
//! passed on as a [`Found`]; the walk itself never stops on an error.
//!
//! Each input's output is decided here, in walk order, so that two inputs never share one
//! ([`Claims`]). On the way it removes temporary files a killed earlier run left behind
//! (`.descrape-<pid>-<6 letters or digits>.tmp` of a process that is gone, holding what this
//! tool writes), except in a dry run, which writes and deletes nothing.

use std::ffi::OsStr;
use std::fs;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use walkdir::WalkDir;

use super::output::{Claim, Claims, OUTPUT_SUFFIXES, Target};
use crate::config::{BatchConfig, FilesFrom};
use crate::report::SkipReason;

/// The prefix and suffix of the temporary files outputs are written to.
pub const TEMP_PREFIX: &str = ".descrape-";
pub const TEMP_SUFFIX: &str = ".tmp";

/// Something the walk found.
#[derive(Debug)]
pub enum Found {
    /// A file to clean, and where its output goes.
    Input { path: PathBuf, target: Target },
    /// A path that will not be cleaned, and why.
    Skipped { path: PathBuf, reason: SkipReason },
    /// A path that could not be looked at.
    Failed { path: PathBuf, error: String },
    /// A leftover temporary file was removed.
    StaleTemp,
}

/// Walks everything `cfg` names, calling `found` for each thing found, in a stable order,
/// until `stop` says to stop. `started` is when the run began.
pub fn walk(cfg: &BatchConfig, started: SystemTime, stop: &dyn Fn() -> bool, found: &mut dyn FnMut(Found)) {
    let mut claims = Claims::default();
    let mut found = |f: Found| {
        if stop() {
            return;
        }
        found(claim(cfg, &mut claims, f));
    };
    for path in &cfg.paths {
        if stop() {
            return;
        }
        visit(path, cfg, started, &mut found);
    }
    if let Some(list) = &cfg.files_from {
        if let Err(e) = read_list(list, &mut |p| {
            if !stop() {
                visit(&p, cfg, started, &mut found);
            }
        }) {
            let path = list.path.clone().unwrap_or_else(|| PathBuf::from("-"));
            found(Found::Failed { path, error: format!("reading the list of paths: {e}") });
        }
    }
    if let crate::config::OutputMode::Dir(dir) = &cfg.output {
        if dir.is_dir() && !cfg.dry_run && !stop() {
            remove_stale_temps(dir, started, &mut found);
        }
    }
}

/// Decides the output of an input the walk found (see [`Claims`]).
fn claim(cfg: &BatchConfig, claims: &mut Claims, f: Found) -> Found {
    let Found::Input { path, .. } = f else { return f };
    let target = super::output::target(&path, &cfg.output, &cfg.exts, &cfg.suffix, cfg.compress);
    match claims.claim(target, input_id(&path)) {
        Claim::Mine(target) => Found::Input { path, target },
        Claim::Twice => Found::Skipped { path, reason: SkipReason::NamedTwice },
    }
}

/// What tells one input file from another: its device and inode, else its path.
fn input_id(path: &Path) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match fs::metadata(path) {
            Ok(m) => (m.dev(), m.ino()).hash(&mut h),
            Err(_) => path.hash(&mut h),
        }
    }
    #[cfg(not(unix))]
    path.hash(&mut h);
    h.finish()
}

/// A path given by name: a directory is walked, a file is an input whatever its extension.
fn visit(path: &Path, cfg: &BatchConfig, started: SystemTime, found: &mut dyn FnMut(Found)) {
    match fs::metadata(path) {
        Ok(m) if m.is_dir() => walk_dir(path, cfg, started, found),
        Ok(m) if m.is_file() => {
            if is_output_name(path) {
                found(Found::Skipped { path: path.to_path_buf(), reason: SkipReason::IsOutput });
            } else {
                found(Found::Input { path: path.to_path_buf(), target: Target::default() });
            }
        }
        Ok(_) => found(Found::Skipped { path: path.to_path_buf(), reason: SkipReason::NotRegular }),
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
            if !cfg.dry_run && fs::remove_file(path).is_ok() {
                found(Found::StaleTemp);
            }
            continue;
        }
        if !has_input_extension(path, &cfg.exts) || is_output_name(path) {
            continue;
        }
        if ft.is_file() {
            found(Found::Input { path: path.to_path_buf(), target: Target::default() });
        } else if ft.is_symlink() {
            // A symlink to a file is read through; to a directory, not followed.
            match fs::metadata(path) {
                Ok(m) if m.is_file() => {
                    found(Found::Input { path: path.to_path_buf(), target: Target::default() })
                }
                Ok(m) if m.is_dir() => {}
                Ok(_) => found(Found::Skipped { path: path.to_path_buf(), reason: SkipReason::NotRegular }),
                Err(e) => {
                    found(Found::Failed { path: path.to_path_buf(), error: describe_missing(path, &e) })
                }
            }
        } else {
            found(Found::Skipped { path: path.to_path_buf(), reason: SkipReason::NotRegular });
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

/// `*.clean.txt`, `*.clean.md`, `*.clean.json` (also compressed) are never inputs.
pub fn is_output_name(path: &Path) -> bool {
    let path = super::output::uncompressed(path);
    path.file_name().is_some_and(|n| {
        let n = n.to_string_lossy().to_ascii_lowercase();
        OUTPUT_SUFFIXES.iter().any(|s| n.ends_with(s))
    })
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
    // Exactly `<pid>-<six letters or digits>`, as `tempfile` names ours.
    let Some((pid, random)) = middle.split_once('-') else { return false };
    let pid = pid.parse::<u32>().ok();
    if pid.is_none()
        || random.len() != TEMP_RANDOM_CHARS
        || !random.bytes().all(|c| c.is_ascii_alphanumeric())
    {
        return false;
    }
    if pid == Some(std::process::id()) || !holds_our_output(path) {
        return false;
    }
    let proc_fs = Path::new("/proc/self").exists();
    match pid {
        Some(pid) if proc_fs => !Path::new("/proc").join(pid.to_string()).exists(),
        _ => fs::symlink_metadata(path).and_then(|m| m.modified()).is_ok_and(|t| t + STALE_AGE < started),
    }
}

/// The random part of our temporary files' names (`tempfile`'s default).
const TEMP_RANDOM_CHARS: usize = 6;

/// Whether a file holds what this tool writes into its temporary files: a regular file (not a
/// link), empty, or starting as clean text (UTF-8 without NUL bytes) or as gzip or zstd.
fn holds_our_output(path: &Path) -> bool {
    let Ok(meta) = fs::symlink_metadata(path) else { return false };
    if !meta.file_type().is_file() {
        return false;
    }
    let mut head = [0u8; 4096];
    let n = fs::File::open(path).and_then(|mut f| f.read(&mut head)).unwrap_or(0);
    let head = head.get(..n).unwrap_or_default();
    if head.starts_with(&[0x1F, 0x8B]) || head.starts_with(&[0x28, 0xB5, 0x2F, 0xFD]) {
        return true;
    }
    let text = match std::str::from_utf8(head) {
        Ok(t) => t,
        // A character cut by the end of what was read is still text.
        Err(e) if e.error_len().is_none() => {
            std::str::from_utf8(head.get(..e.valid_up_to()).unwrap_or_default()).unwrap_or("")
        }
        Err(_) => return false,
    };
    !text.bytes().any(|c| c < 0x20 && c != b'\n' && c != b'\t')
}

/// How old a temporary file must be to count as a leftover when no process id settles it.
const STALE_AGE: std::time::Duration = std::time::Duration::from_secs(600);

/// The prefix of this process's temporary files: `.descrape-<pid>-`.
pub fn temp_prefix() -> String {
    format!("{TEMP_PREFIX}{}-", std::process::id())
}

/// Removes leftover temporary files under an output directory.
fn remove_stale_temps(dir: &Path, started: SystemTime, found: &mut impl FnMut(Found)) {
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

    // See: issue #8 (--dry-run deleted another tool's `.descrape-999999-notes.tmp`).
    #[test]
    fn only_our_own_leftovers_are_stale() {
        let dir = tempfile::tempdir().unwrap();
        let now = SystemTime::now();
        let write = |name: &str, data: &[u8]| {
            let p = dir.path().join(name);
            fs::write(&p, data).unwrap();
            p
        };
        // pid 999999 does not run here (pid_max is lower on Linux).
        assert!(is_stale_temp(&write(".descrape-999999-aB3xYz.tmp", b"Clean text.\n"), now));
        assert!(is_stale_temp(&write(".descrape-999999-aB3xY0.tmp", b""), now));
        assert!(!is_stale_temp(&write(".descrape-999999-notes.tmp", b"Clean text."), now));
        assert!(!is_stale_temp(&write(".descrape-999999-aB3xY1.tmp", b"\x00\x01binary"), now));
        assert!(!is_stale_temp(&write(".descrape-abc-aB3xY2.tmp", b"x"), now));
        let mine = format!("{}aB3xY3.tmp", temp_prefix());
        assert!(!is_stale_temp(&write(&mine, b"x"), now));
    }

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
