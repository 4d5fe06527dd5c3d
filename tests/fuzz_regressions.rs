//! Replays every input the fuzz targets found (and the seeds kept beside them) on stable:
//! `fuzz/regressions/<target>/*` through the same checks the targets run (`fuzz/checks.rs`).
//! A finding becomes a file here when it is fixed, so CI checks all of them on every run.

#[path = "../fuzz/checks.rs"]
pub(crate) mod checks;

use std::fs;
use std::path::Path;

fn replay(target: &str, check: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions").join(target);
    let mut files: Vec<_> = fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    assert!(!files.is_empty(), "{}: no regression inputs", dir.display());
    for f in files {
        let data = fs::read(&f).unwrap();
        if let Err(e) = std::panic::catch_unwind(|| check(&data)) {
            let msg = e.downcast_ref::<String>().cloned().unwrap_or_default();
            panic!("{}: {msg}", f.display());
        }
    }
}

#[test]
fn clean_bytes() {
    replay("clean_bytes", checks::clean_bytes);
}

#[test]
fn markup_words() {
    replay("markup_words", checks::markup_words);
}

#[test]
fn warc() {
    replay("warc", checks::warc);
}

#[test]
fn jsonl() {
    replay("jsonl", checks::jsonl);
}

#[test]
fn rules() {
    replay("rules", checks::rules);
}
