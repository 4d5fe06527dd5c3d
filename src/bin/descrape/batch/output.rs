//! Maps an input path to its output path: `a/x.txt` → `a/x.clean.txt` next to the original,
//! or under `--out-dir`, mirroring the input path as given (with `/`, `..` and drive
//! prefixes removed, so nothing is ever written outside that directory).
//!
//! Two inputs that would share an output (`a/x.txt` and `a/x.html`) never overwrite each
//! other: the one whose extension comes first in `--ext` keeps `x.clean.txt`, the others keep
//! their extension in the name (`x.html.clean.txt`). The decision only looks at the input's
//! siblings on disk, so it needs no list of all inputs and every run makes the same one.
//! Compressed twins (`x.txt`, `x.txt.gz`, `x.txt.zst`) follow the same rule: the plain one,
//! else the first of `.gz`, `.zst`, `.zstd`, keeps `x.clean.txt`; the others keep their
//! whole name (`x.txt.gz.clean.txt`).
//!
//! What the sibling rule cannot see, [`Claims`] catches: two inputs of one run that still map
//! to one output (`--out-dir clean data/a.txt ../data/a.txt`, or `x.TXT` beside `x.txt`). The
//! first in walk order keeps the name; the next gets `a~2.clean.txt`, and so on.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use std::ffi::{OsStr, OsString};
use std::path::{Component, Path, PathBuf};

use descrape::Format;

use crate::compress::Compression;
use crate::config::OutputMode;

/// What every output's name has before its format's extension: `x.clean.txt`, `x.clean.md`.
const OUTPUT_MARK: &str = ".clean.";

/// The suffixes of outputs, one per format.
pub const OUTPUT_SUFFIXES: [&str; 3] = [".clean.txt", ".clean.md", ".clean.json"];

/// The suffix of outputs in `format`.
pub fn output_suffix(format: Format) -> String {
    format!("{OUTPUT_MARK}{}", format.extension())
}

/// Where an input's output goes.
#[derive(Debug, Default, PartialEq, Eq)]
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
    match without_compression(&name) {
        kept if kept.len() < name.len() => path.with_file_name(kept),
        _ => path.to_path_buf(),
    }
}

/// `name` without a compression suffix, in any case (`x.txt.GZ` → `x.txt`, `html.zst` →
/// `html`); a name that is only the suffix stays as it is.
pub fn without_compression(name: &str) -> &str {
    let lower = name.to_ascii_lowercase();
    match COMPRESSED_SUFFIXES.iter().find(|s| lower.ends_with(*s) && lower.len() > s.len()) {
        Some(s) => name.get(..name.len() - s.len()).unwrap_or(name),
        None => name,
    }
}

/// The output of `input`; with `compress`, the name ends in that format's suffix.
pub fn target(
    input: &Path,
    mode: &OutputMode,
    exts: &[String],
    suffix: &str,
    compress: Option<Compression>,
) -> Target {
    let plain = uncompressed(input);
    let (mut name, mut renamed) = file_name(&plain, exts, suffix);
    if plain != input && !renamed && has_preferred_twin(input, &plain) {
        name = input.file_name().unwrap_or_default().to_os_string();
        name.push(suffix);
        renamed = true;
    }
    let input = &plain;
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
fn file_name(input: &Path, exts: &[String], suffix: &str) -> (OsString, bool) {
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
        name.push(suffix);
        (name, true)
    } else {
        let mut name = stem.to_os_string();
        name.push(suffix);
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

/// Is there a twin of the compressed `input` that keeps the short name: the plain file, or
/// one with a compression suffix that comes earlier in [`COMPRESSED_SUFFIXES`]?
fn has_preferred_twin(input: &Path, plain: &Path) -> bool {
    if plain.is_file() {
        return true;
    }
    let name = input.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    let plain_name = plain.file_name().unwrap_or_default();
    COMPRESSED_SUFFIXES.iter().take_while(|s| !name.ends_with(*s)).any(|s| {
        let mut n = plain_name.to_os_string();
        n.push(s);
        plain.with_file_name(n).is_file()
    })
}

/// The outputs claimed so far in a run, by a hash of the path, with a hash of the input
/// that claimed each (its inode: one file named twice is one input): 20 to 40 bytes a file.
#[derive(Debug, Default)]
pub struct Claims {
    taken: HashMap<u64, u64>,
}

/// What a claim found.
#[derive(Debug, PartialEq, Eq)]
pub enum Claim {
    /// The output is this input's (perhaps under a numbered name).
    Mine(Target),
    /// The same input was already found under another name: clean it once.
    Twice,
}

impl Claims {
    /// Claims `target` for the input identified by `input_id`.
    pub fn claim(&mut self, mut target: Target, input_id: u64) -> Claim {
        let base = target.path.clone();
        for k in 2u32.. {
            let key = hash(&target.path);
            match self.taken.get(&key) {
                None => {
                    self.taken.insert(key, input_id);
                    return Claim::Mine(target);
                }
                Some(&id) if id == input_id && k == 2 => return Claim::Twice,
                Some(_) => {
                    target = Target { path: numbered(&base, k), renamed: true };
                }
            }
        }
        Claim::Twice
    }
}

/// A hash of `p` as written without `.` components (`./data/a` is `data/a`).
fn hash(p: &Path) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for c in p.components().filter(|c| !matches!(c, Component::CurDir)) {
        c.hash(&mut h);
    }
    h.finish()
}

/// `a/x.clean.txt` → `a/x~k.clean.txt` (also before a compression suffix).
fn numbered(p: &Path, k: u32) -> PathBuf {
    let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let at = name.rfind(OUTPUT_MARK).unwrap_or(name.len());
    let (stem, rest) = name.split_at(at);
    p.with_file_name(format!("{stem}~{k}{rest}"))
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

    /// A temporary folder holding these (one-byte) files.
    fn files(names: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for f in names {
            std::fs::write(dir.path().join(f), "x").unwrap();
        }
        dir
    }

    fn exts() -> Vec<String> {
        ["txt", "html", "htm", "xhtml"].map(String::from).to_vec()
    }

    #[test]
    fn next_to_the_original() {
        let t = target(Path::new("a/x.txt"), &OutputMode::NextToOriginal, &exts(), ".clean.txt", None);
        assert_eq!(t, Target { path: "a/x.clean.txt".into(), renamed: false });
        let t = target(Path::new("a/x.html"), &OutputMode::NextToOriginal, &exts(), ".clean.txt", None);
        assert_eq!(t.path, Path::new("a/x.clean.txt"));
    }

    #[test]
    fn under_an_out_dir_nothing_escapes() {
        let mode = OutputMode::Dir("out".into());
        assert_eq!(
            target(Path::new("a/b/x.txt"), &mode, &exts(), ".clean.txt", None).path,
            Path::new("out/a/b/x.clean.txt")
        );
        assert_eq!(
            target(Path::new("/abs/x.txt"), &mode, &exts(), ".clean.txt", None).path,
            Path::new("out/abs/x.clean.txt")
        );
        assert_eq!(
            target(Path::new("../../x.txt"), &mode, &exts(), ".clean.txt", None).path,
            Path::new("out/x.clean.txt")
        );
        assert_eq!(
            target(Path::new("./a/../b/x.txt"), &mode, &exts(), ".clean.txt", None).path,
            Path::new("out/a/b/x.clean.txt")
        );
    }

    #[test]
    fn compressed_inputs_are_named_for_their_content() {
        assert_eq!(uncompressed(Path::new("a/x.txt.gz")), Path::new("a/x.txt"));
        assert_eq!(uncompressed(Path::new("a/x.HTML.ZST")), Path::new("a/x.HTML"));
        assert_eq!(uncompressed(Path::new("a/.gz")), Path::new("a/.gz"));
        let t = target(Path::new("a/x.txt.gz"), &OutputMode::NextToOriginal, &exts(), ".clean.txt", None);
        assert_eq!(t.path, Path::new("a/x.clean.txt"));
        let t = target(
            Path::new("a/x.txt"),
            &OutputMode::NextToOriginal,
            &exts(),
            ".clean.txt",
            Some(Compression::Zst),
        );
        assert_eq!(t.path, Path::new("a/x.clean.txt.zst"));
    }

    // See: issue #8 (x.txt, x.txt.gz and x.txt.zst all mapped to x.clean.txt).
    #[test]
    fn compressed_twins_keep_their_whole_name() {
        let dir = files(&["x.txt", "x.txt.gz", "x.txt.zst", "y.txt.gz", "y.txt.zst", "z.txt.zst"]);
        let t =
            |f: &str| target(&dir.path().join(f), &OutputMode::NextToOriginal, &exts(), ".clean.txt", None);
        assert_eq!(t("x.txt"), Target { path: dir.path().join("x.clean.txt"), renamed: false });
        assert_eq!(t("x.txt.gz"), Target { path: dir.path().join("x.txt.gz.clean.txt"), renamed: true });
        assert_eq!(t("x.txt.zst").path, dir.path().join("x.txt.zst.clean.txt"));
        assert_eq!(t("y.txt.gz").path, dir.path().join("y.clean.txt"));
        assert_eq!(t("y.txt.zst").path, dir.path().join("y.txt.zst.clean.txt"));
        assert_eq!(t("z.txt.zst").path, dir.path().join("z.clean.txt"));
    }

    // See: issue #8 (two inputs under --out-dir wrote one output).
    #[test]
    fn claims_number_a_second_input_and_spot_one_input_named_twice() {
        let mut c = Claims::default();
        let t = |p: &str| Target { path: p.into(), renamed: false };
        assert_eq!(c.claim(t("out/data/a.clean.txt"), 1), Claim::Mine(t("out/data/a.clean.txt")));
        let second = Claim::Mine(Target { path: "out/data/a~2.clean.txt".into(), renamed: true });
        assert_eq!(c.claim(t("out/data/a.clean.txt"), 2), second);
        let third = Claim::Mine(Target { path: "out/data/a~3.clean.txt".into(), renamed: true });
        assert_eq!(c.claim(t("out/data/a.clean.txt"), 3), third);
        assert_eq!(c.claim(t("out/data/a.clean.txt"), 1), Claim::Twice);
        assert_eq!(numbered(Path::new("d/x.clean.txt.gz"), 2), Path::new("d/x~2.clean.txt.gz"));
    }

    #[test]
    fn colliding_siblings_keep_their_extension() {
        let dir = files(&["x.txt", "x.html", "y.html", "y.htm", "README", "README.txt"]);
        let t =
            |f: &str| target(&dir.path().join(f), &OutputMode::NextToOriginal, &exts(), ".clean.txt", None);
        assert_eq!(t("x.txt"), Target { path: dir.path().join("x.clean.txt"), renamed: false });
        assert_eq!(t("x.html"), Target { path: dir.path().join("x.html.clean.txt"), renamed: true });
        assert_eq!(t("y.html").path, dir.path().join("y.clean.txt"));
        assert_eq!(t("y.htm").path, dir.path().join("y.htm.clean.txt"));
        assert_eq!(t("README.txt").path, dir.path().join("README.clean.txt"));
        assert_eq!(t("README").path, dir.path().join("README.noext.clean.txt"));
    }
}
