//! Maps an input path to its output path: `a/x.txt` → `a/x.clean.txt` next to the original,
//! or under `--out-dir`, mirroring the input path as given (with `/`, `..` and drive
//! prefixes removed, so nothing is ever written outside that directory).
//!
//! Two inputs that would share an output (`a/x.txt` and `a/x.html`) never overwrite each
//! other: the one whose extension comes first in `--ext` keeps `x.clean.txt`, the others keep
//! their extension in the name (`x.html.clean.txt`). The decision only looks at the input's
//! siblings on disk, so it needs no list of all inputs and every run makes the same one.

use std::ffi::{OsStr, OsString};
use std::path::{Component, Path, PathBuf};

use crate::compress::Compression;
use crate::config::OutputMode;

/// The suffix of outputs.
pub const OUTPUT_SUFFIX: &str = ".clean.txt";

/// Where an input's output goes.
#[derive(Debug, PartialEq, Eq)]
pub struct Target {
    pub path: PathBuf,
    /// The short name was taken by a sibling input: the extension was kept.
    pub renamed: bool,
}

/// Suffixes of compressed inputs: `x.txt.gz` is cleaned as `x.txt`.
const COMPRESSED_SUFFIXES: [&str; 3] = [".gz", ".zst", ".zstd"];

/// `path` without a compression suffix (`a/x.txt.gz` → `a/x.txt`).
pub fn uncompressed(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let lower = name.to_ascii_lowercase();
    match COMPRESSED_SUFFIXES.iter().find(|s| lower.ends_with(*s) && lower.len() > s.len()) {
        Some(s) => path.with_file_name(&name[..name.len() - s.len()]),
        None => path.to_path_buf(),
    }
}

/// The output of `input`; with `compress`, the name ends in that format's suffix.
pub fn target(input: &Path, mode: &OutputMode, exts: &[String], compress: Option<Compression>) -> Target {
    let input = &uncompressed(input);
    let (mut name, renamed) = file_name(input, exts);
    if let Some(c) = compress {
        name.push(c.suffix());
    }
    let dir = match mode {
        OutputMode::NextToOriginal => input.parent().map(Path::to_path_buf).unwrap_or_default(),
        OutputMode::Dir(root) => root.join(mirror(input.parent().unwrap_or(Path::new("")))),
    };
    Target { path: dir.join(name), renamed }
}

/// `x.clean.txt`, or `x.html.clean.txt` when a sibling input with a preferred extension
/// would also map to `x.clean.txt`.
fn file_name(input: &Path, exts: &[String]) -> (OsString, bool) {
    let stem = input.file_stem().unwrap_or_default();
    let ext = input.extension().and_then(OsStr::to_str).map(str::to_ascii_lowercase);
    let rank = |e: &str| exts.iter().position(|x| x == e).unwrap_or(usize::MAX);
    let own_rank = ext.as_deref().map_or(usize::MAX, rank);
    let preferred_sibling = exts
        .iter()
        .enumerate()
        .any(|(i, e)| i < own_rank && Some(e.as_str()) != ext.as_deref() && sibling_exists(input, e));
    if preferred_sibling {
        let mut name = input.file_name().unwrap_or_default().to_os_string();
        if ext.is_none() {
            // `README` next to `README.txt`: mark that this one had no extension.
            name.push(".noext");
        }
        name.push(OUTPUT_SUFFIX);
        (name, true)
    } else {
        let mut name = stem.to_os_string();
        name.push(OUTPUT_SUFFIX);
        (name, false)
    }
}

/// Is there a regular file `stem.ext` (in the configured case or uppercase) next to `input`?
fn sibling_exists(input: &Path, ext: &str) -> bool {
    let stem = input.file_stem().unwrap_or_default();
    [ext.to_owned(), ext.to_ascii_uppercase()].iter().any(|e| {
        let mut name = stem.to_os_string();
        name.push(".");
        name.push(e);
        let sib = input.with_file_name(&name);
        let compressed = COMPRESSED_SUFFIXES.iter().any(|c| {
            let mut n = name.clone();
            n.push(c);
            input.with_file_name(n).is_file()
        });
        sib != input && (sib.is_file() || compressed)
    })
}

/// A path made safe to put under another directory: only its normal components.
fn mirror(p: &Path) -> PathBuf {
    p.components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exts() -> Vec<String> {
        ["txt", "html", "htm", "xhtml"].map(String::from).to_vec()
    }

    #[test]
    fn next_to_the_original() {
        let t = target(Path::new("a/x.txt"), &OutputMode::NextToOriginal, &exts(), None);
        assert_eq!(t, Target { path: "a/x.clean.txt".into(), renamed: false });
        let t = target(Path::new("a/x.html"), &OutputMode::NextToOriginal, &exts(), None);
        assert_eq!(t.path, Path::new("a/x.clean.txt"));
    }

    #[test]
    fn under_an_out_dir_nothing_escapes() {
        let mode = OutputMode::Dir("out".into());
        assert_eq!(
            target(Path::new("a/b/x.txt"), &mode, &exts(), None).path,
            Path::new("out/a/b/x.clean.txt")
        );
        assert_eq!(
            target(Path::new("/abs/x.txt"), &mode, &exts(), None).path,
            Path::new("out/abs/x.clean.txt")
        );
        assert_eq!(target(Path::new("../../x.txt"), &mode, &exts(), None).path, Path::new("out/x.clean.txt"));
        assert_eq!(
            target(Path::new("./a/../b/x.txt"), &mode, &exts(), None).path,
            Path::new("out/a/b/x.clean.txt")
        );
    }

    #[test]
    fn compressed_inputs_are_named_for_their_content() {
        assert_eq!(uncompressed(Path::new("a/x.txt.gz")), Path::new("a/x.txt"));
        assert_eq!(uncompressed(Path::new("a/x.HTML.ZST")), Path::new("a/x.HTML"));
        assert_eq!(uncompressed(Path::new("a/.gz")), Path::new("a/.gz"));
        let t = target(Path::new("a/x.txt.gz"), &OutputMode::NextToOriginal, &exts(), None);
        assert_eq!(t.path, Path::new("a/x.clean.txt"));
        let t = target(Path::new("a/x.txt"), &OutputMode::NextToOriginal, &exts(), Some(Compression::Zst));
        assert_eq!(t.path, Path::new("a/x.clean.txt.zst"));
    }

    #[test]
    fn colliding_siblings_keep_their_extension() {
        let dir = tempfile::tempdir().unwrap();
        for f in ["x.txt", "x.html", "y.html", "y.htm", "README", "README.txt"] {
            std::fs::write(dir.path().join(f), "x").unwrap();
        }
        let t = |f: &str| target(&dir.path().join(f), &OutputMode::NextToOriginal, &exts(), None);
        assert_eq!(t("x.txt"), Target { path: dir.path().join("x.clean.txt"), renamed: false });
        assert_eq!(t("x.html"), Target { path: dir.path().join("x.html.clean.txt"), renamed: true });
        assert_eq!(t("y.html").path, dir.path().join("y.clean.txt"));
        assert_eq!(t("y.htm").path, dir.path().join("y.htm.clean.txt"));
        assert_eq!(t("README.txt").path, dir.path().join("README.clean.txt"));
        assert_eq!(t("README").path, dir.path().join("README.noext.clean.txt"));
    }
}
