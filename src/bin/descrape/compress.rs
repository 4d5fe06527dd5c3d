//! Reads gzip (every member, as Common Crawl writes them) and zstd by content, not by name,
//! and writes plain, gzip or zstd output (`--compress`).

use std::io::{self, BufRead, BufReader, Read, Write};

use clap::ValueEnum;
use flate2::bufread::MultiGzDecoder;

/// An output compression.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Compression {
    /// gzip (`.gz`).
    Gz,
    /// Zstandard (`.zst`).
    Zst,
}

impl Compression {
    /// The file name suffix of the format.
    pub fn suffix(self) -> &'static str {
        match self {
            Compression::Gz => ".gz",
            Compression::Zst => ".zst",
        }
    }
}

/// What a stream starts with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detected {
    Plain,
    Gzip,
    Zstd,
}

/// Looks at the first bytes of `r` without consuming them.
pub fn detect<R: BufRead>(r: &mut R) -> io::Result<Detected> {
    let head = r.fill_buf()?;
    Ok(if head.starts_with(&[0x1F, 0x8B]) {
        Detected::Gzip
    } else if head.starts_with(&[0x28, 0xB5, 0x2F, 0xFD]) {
        Detected::Zstd
    } else {
        Detected::Plain
    })
}

/// `r`, decompressed if its content is gzip or zstd.
pub fn decompressed<'a, R: Read + Send + 'a>(r: R) -> io::Result<Box<dyn BufRead + Send + 'a>> {
    let mut r = BufReader::with_capacity(256 << 10, r);
    Ok(match detect(&mut r)? {
        Detected::Plain => Box::new(r),
        Detected::Gzip => Box::new(BufReader::with_capacity(256 << 10, MultiGzDecoder::new(r))),
        Detected::Zstd => {
            Box::new(BufReader::with_capacity(256 << 10, zstd::stream::read::Decoder::with_buffer(r)?))
        }
    })
}

/// A writer that compresses, or not; `finish` ends the compressed stream.
pub enum Compressed<W: Write> {
    Plain(W),
    Gz(flate2::write::GzEncoder<W>),
    Zst(zstd::stream::write::Encoder<'static, W>),
}

impl<W: Write> Compressed<W> {
    pub fn new(w: W, c: Option<Compression>) -> io::Result<Compressed<W>> {
        Ok(match c {
            None => Compressed::Plain(w),
            Some(Compression::Gz) => {
                Compressed::Gz(flate2::write::GzEncoder::new(w, flate2::Compression::default()))
            }
            Some(Compression::Zst) => Compressed::Zst(zstd::stream::write::Encoder::new(w, 3)?),
        })
    }

    /// Ends the stream and returns the inner writer.
    pub fn finish(self) -> io::Result<W> {
        match self {
            Compressed::Plain(w) => Ok(w),
            Compressed::Gz(e) => e.finish(),
            Compressed::Zst(e) => e.finish(),
        }
    }
}

impl<W: Write> Write for Compressed<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Compressed::Plain(w) => w.write(buf),
            Compressed::Gz(w) => w.write(buf),
            Compressed::Zst(w) => w.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Compressed::Plain(w) => w.flush(),
            Compressed::Gz(w) => w.flush(),
            Compressed::Zst(w) => w.flush(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn read_all(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        decompressed(bytes).unwrap().read_to_end(&mut out).unwrap();
        out
    }

    #[test]
    fn every_gzip_member_is_read() {
        let mut two = gz(b"first ");
        two.extend(gz(b"second"));
        assert_eq!(read_all(&two), b"first second");
    }

    #[test]
    fn zstd_and_plain_are_found_by_content() {
        let z = zstd::encode_all(&b"zstd text"[..], 3).unwrap();
        assert_eq!(read_all(&z), b"zstd text");
        assert_eq!(read_all(b"plain"), b"plain");
        assert_eq!(read_all(b""), b"");
    }

    #[test]
    fn compressed_output_round_trips() {
        for c in [None, Some(Compression::Gz), Some(Compression::Zst)] {
            let mut w = Compressed::new(Vec::new(), c).unwrap();
            w.write_all(b"hello").unwrap();
            let bytes = w.finish().unwrap();
            assert_eq!(read_all(&bytes), b"hello", "{c:?}");
        }
    }
}
