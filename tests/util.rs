//! Test helpers: a hermetic `descrape` command and a temporary directory tree.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The `descrape` binary with an environment that cannot change its behaviour.
pub fn descrape() -> Command {
    let mut cmd = Command::cargo_bin("descrape").unwrap();
    cmd.env_remove("NO_COLOR").env_remove("TERM").env_remove("RUST_LOG");
    for (k, _) in std::env::vars() {
        if k.starts_with("DESCRAPE_") {
            cmd.env_remove(k);
        }
    }
    cmd
}

/// A temporary directory that files can be written into.
pub struct Tree {
    pub dir: tempfile::TempDir,
}

impl Tree {
    pub fn new() -> Tree {
        Tree { dir: tempfile::tempdir().unwrap() }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, data: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(rel);
        if let Some(parent) = p.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::write(&p, data).unwrap();
        p
    }

    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }
}
