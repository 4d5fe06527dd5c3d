//! Writes an output atomically: into a temporary file in the output's own directory, flushed
//! to disk, then renamed over the output. A reader (or a later run) sees the old output or the
//! new one, never half of one; a run killed mid-write leaves only a `.descrape-*.tmp` file,
//! which no run takes for an output and the next run removes.
//!
//! Nothing is written through a symlink: the rename replaces a link at the output's path
//! instead of following it, and under `--out-dir` the folders below the directory are made
//! one by one, refusing any that is a link (`ln -s /elsewhere clean/src` cannot send outputs
//! out of `clean/`). Outputs get the mode the umask gives new files (0644 under umask 022).

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use tempfile::NamedTempFile;

use super::walk::{TEMP_SUFFIX, temp_prefix};

/// An output being written.
pub struct AtomicFile {
    inner: BufWriter<NamedTempFile>,
}

impl AtomicFile {
    /// Starts writing the output `dest`. With `root` (the `--out-dir`), the folders between
    /// it and `dest` are made if needed, and none of them may be a symlink.
    pub fn create(dest: &Path, root: Option<&Path>) -> io::Result<AtomicFile> {
        let dir = dest.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        if let Some(root) = root {
            make_dirs_below(root, dir)?;
        }
        let prefix = temp_prefix();
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(TEMP_SUFFIX);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // The mode asked for at creation; the kernel takes the umask off, as for any file.
            builder.permissions(fs::Permissions::from_mode(0o666));
        }
        let tmp = builder.tempfile_in(dir)?;
        Ok(AtomicFile { inner: BufWriter::with_capacity(64 << 10, tmp) })
    }

    /// Flushes the data to disk and renames the file to `dest`.
    pub fn commit(self, dest: &Path) -> io::Result<()> {
        let tmp = self.inner.into_inner().map_err(io::IntoInnerError::into_error)?;
        // Durable before visible: without this, a power cut after the rename could leave an
        // empty output that a later run would take as up to date.
        tmp.as_file().sync_data()?;
        tmp.persist(dest).map_err(|e| {
            if dest.is_dir() {
                io::Error::new(io::ErrorKind::IsADirectory, "the output path is a directory")
            } else {
                e.error
            }
        })?;
        Ok(())
    }
}

/// Makes the folders of `dir` below `root`, one by one, refusing symlinks (`root` itself is
/// the user's to choose and may be one).
fn make_dirs_below(root: &Path, dir: &Path) -> io::Result<()> {
    if !root.exists() {
        fs::create_dir_all(root)?;
    }
    let rel = dir.strip_prefix(root).unwrap_or(Path::new(""));
    let mut at = root.to_path_buf();
    for part in rel.components() {
        at.push(part);
        match fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => {
                return Err(io::Error::new(
                    io::ErrorKind::PermissionDenied,
                    format!("{} is a symlink: nothing is written through it", at.display()),
                ));
            }
            Ok(m) if m.is_dir() => {}
            Ok(_) => {
                return Err(io::Error::new(
                    io::ErrorKind::NotADirectory,
                    format!("{} is not a directory", at.display()),
                ));
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => match fs::create_dir(&at) {
                Ok(()) => {}
                // Another worker made it meanwhile: look again.
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    if !fs::symlink_metadata(&at)?.is_dir() {
                        return Err(io::Error::new(
                            io::ErrorKind::NotADirectory,
                            format!("{} is not a directory", at.display()),
                        ));
                    }
                }
                Err(e) => return Err(e),
            },
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_replaces_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("sub/x.clean.txt");
        let mut f = AtomicFile::create(&dest, Some(dir.path())).unwrap();
        f.write_all(b"new").unwrap();
        f.commit(&dest).unwrap();
        assert_eq!(fs::read(&dest).unwrap(), b"new");
        assert_eq!(fs::read_dir(dest.parent().unwrap()).unwrap().count(), 1);
    }

    #[test]
    fn an_uncommitted_file_leaves_the_old_output() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("x.clean.txt");
        fs::write(&dest, "old").unwrap();
        let mut f = AtomicFile::create(&dest, None).unwrap();
        f.write_all(b"half").unwrap();
        drop(f);
        assert_eq!(fs::read(&dest).unwrap(), b"old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    // See: issue #8 (--out-dir wrote through a symlink planted inside it; outputs were 0600).
    #[cfg(unix)]
    #[test]
    fn no_output_goes_through_a_symlinked_folder_and_modes_follow_the_umask() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        let root = dir.path().join("clean");
        fs::create_dir_all(root.join("src")).unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), root.join("src/a")).unwrap();
        let dest = root.join("src/a/b/x.clean.txt");
        assert!(AtomicFile::create(&dest, Some(&root)).is_err());
        assert_eq!(fs::read_dir(elsewhere.path()).unwrap().count(), 0);
        let dest = root.join("src/ok/x.clean.txt");
        let mut f = AtomicFile::create(&dest, Some(&root)).unwrap();
        f.write_all(b"x").unwrap();
        f.commit(&dest).unwrap();
        let mode = fs::metadata(&dest).unwrap().permissions().mode() & 0o777;
        // The test process's umask is unknown here; a file made by `fs::write` shows it.
        fs::write(root.join("probe"), "x").unwrap();
        let expected = fs::metadata(root.join("probe")).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, expected);
    }

    #[test]
    fn a_directory_in_the_way_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("x.clean.txt");
        fs::create_dir(&dest).unwrap();
        let f = AtomicFile::create(&dest, None).unwrap();
        assert!(f.commit(&dest).is_err());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
