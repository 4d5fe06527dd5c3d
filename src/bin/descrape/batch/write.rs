//! Writes an output atomically: into a temporary file in the output's own directory, flushed
//! to disk, then renamed over the output. A reader (or a later run) sees the old output or the
//! new one, never half of one; a run killed mid-write leaves only a `.descrape-*.tmp` file,
//! which no run takes for an output and the next run removes.

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
    /// Starts writing the output `dest`; with `make_dir`, its directory is created if needed.
    pub fn create(dest: &Path, make_dir: bool) -> io::Result<AtomicFile> {
        let dir = dest.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        if make_dir {
            fs::create_dir_all(dir)?;
        }
        let tmp = tempfile::Builder::new().prefix(&temp_prefix()).suffix(TEMP_SUFFIX).tempfile_in(dir)?;
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
        let mut f = AtomicFile::create(&dest, true).unwrap();
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
        let mut f = AtomicFile::create(&dest, true).unwrap();
        f.write_all(b"half").unwrap();
        drop(f);
        assert_eq!(fs::read(&dest).unwrap(), b"old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_directory_in_the_way_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("x.clean.txt");
        fs::create_dir(&dest).unwrap();
        let f = AtomicFile::create(&dest, true).unwrap();
        assert!(f.commit(&dest).is_err());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
