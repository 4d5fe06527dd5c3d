//! Cleans a byte stream of any length in bounded memory: reads it in pieces, decodes them,
//! cuts the text at block boundaries (blank lines), cleans each part and writes it out. Used
//! for every file and for standard input, so a 1 GB file costs no more memory than a 1 MB one.

use std::io::{self, Read, Write};

use descrape::{Cleaner, Skip, Stats, StreamDecoder};

/// Bytes read at a time.
const PIECE_BYTES: usize = 4 << 20;
/// Text carried over while no block boundary has been seen; past this the text is cut at a
/// line end, a space, or anywhere, rather than held without bound.
const MAX_CARRY_BYTES: usize = 16 << 20;

/// What cleaning a stream did.
#[derive(Debug, Default)]
pub struct StreamOutcome {
    pub stats: Stats,
    pub encoding: &'static str,
    pub bytes_in: u64,
}

/// Why a stream was not cleaned: it is not text, or reading or writing failed.
#[derive(Debug)]
pub enum StreamError {
    Skip(Skip),
    Read(io::Error),
    Write(io::Error),
}

/// Cleans everything `input` yields into `output`. `output` is only opened (by calling
/// `open`) once the input is known to be text, so a skipped file leaves nothing behind.
///
/// `size_hint` (the file's length, when known) sizes the read buffer: most files are far
/// smaller than a piece, and a piece-sized buffer per file would cost more than the file.
pub fn clean_stream<R: Read, W: Write>(
    cleaner: &Cleaner,
    mut input: R,
    size_hint: Option<u64>,
    open: impl FnOnce() -> io::Result<W>,
) -> Result<(StreamOutcome, W), StreamError> {
    let len = size_hint.map_or(PIECE_BYTES, |n| {
        usize::try_from(n).unwrap_or(PIECE_BYTES).saturating_add(1).min(PIECE_BYTES)
    });
    let mut buf = vec![0u8; len.max(1)];
    let mut n = read_full(&mut input, &mut buf).map_err(StreamError::Read)?;
    let mut eof = n < buf.len();
    let head = buf.get(..n.min(descrape::decode::SNIFF_BYTES)).unwrap_or_default();
    let mut decoder =
        StreamDecoder::sniff(head, eof && n <= descrape::decode::SNIFF_BYTES).map_err(StreamError::Skip)?;
    let mut out = open().map_err(StreamError::Write)?;
    let mut outcome = StreamOutcome { encoding: decoder.encoding_name(), ..StreamOutcome::default() };
    let mut text = String::new();
    let mut wrote_any = false;
    loop {
        outcome.bytes_in += n as u64;
        decoder.decode(buf.get(..n).unwrap_or_default(), eof, &mut text);
        let cut = if eof { text.len() } else { cut_point(&text) };
        if cut > 0 {
            let part = text.get(..cut).unwrap_or_default();
            let cleaned = cleaner.clean(part);
            if !cleaned.text.is_empty() {
                if wrote_any {
                    // Parts end with a newline; one more makes the blank line between blocks.
                    out.write_all(b"\n").map_err(StreamError::Write)?;
                }
                out.write_all(cleaned.text.as_bytes()).map_err(StreamError::Write)?;
                wrote_any = true;
            }
            outcome.stats += cleaned.stats;
            text.drain(..cut);
        }
        if eof {
            break;
        }
        n = read_full(&mut input, &mut buf).map_err(StreamError::Read)?;
        eof = n < buf.len();
    }
    out.flush().map_err(StreamError::Write)?;
    Ok((outcome, out))
}

/// Reads until `buf` is full or the input ends; returns the bytes read.
fn read_full(input: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match input.read(buf.get_mut(filled..).unwrap_or_default()) {
            Ok(0) => break,
            Ok(k) => filled += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

/// Where to cut `text` so that the part before is whole blocks: after the last blank line.
/// Without one, 0 (read more) until the text passes [`MAX_CARRY_BYTES`]; then after the last
/// newline, else after the last space, else at the last char boundary.
fn cut_point(text: &str) -> usize {
    let b = text.as_bytes();
    let mut end = b.len();
    while let Some(nl) = memchr::memrchr(b'\n', b.get(..end).unwrap_or_default()) {
        // Is the line before this newline blank (only spaces, tabs, carriage returns)?
        let before = b.get(..nl).unwrap_or_default();
        let blank_from = before.iter().rposition(|c| !matches!(c, b' ' | b'\t' | b'\r'));
        match blank_from {
            Some(i) if b.get(i) == Some(&b'\n') => return nl + 1,
            None => return nl + 1,
            Some(_) => end = nl,
        }
    }
    if b.len() < MAX_CARRY_BYTES {
        return 0;
    }
    if let Some(nl) = memchr::memrchr(b'\n', b) {
        return nl + 1;
    }
    if let Some(sp) = memchr::memrchr(b' ', b) {
        return sp + 1;
    }
    (0..=b.len()).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_after_the_last_blank_line() {
        assert_eq!(cut_point("a\n\nb\nc"), 3);
        assert_eq!(cut_point("a\n \t\nb"), 5);
        assert_eq!(cut_point("a\r\n\r\nb"), 5);
        assert_eq!(cut_point("a\nb\nc"), 0);
        assert_eq!(cut_point(""), 0);
    }

    #[test]
    fn pieces_give_the_same_text_as_one_clean() {
        // Filters that look at neighbours cannot see across a cut; this input gives them
        // nothing to do at one, and the near-duplicate filter (which would find these
        // sentences alike) is off.
        let cleaner = Cleaner::builder().dedupe(false).build().unwrap();
        let words = ["Sonne", "Regen", "Wind", "Schnee", "Nebel", "Hagel", "Frost"];
        let mut input = String::new();
        for i in 0..200_000 {
            // About 13 MB: several pieces. Neighbours differ enough not to be near-duplicates.
            let (a, b) = (words[i % 7], words[(i / 7) % 7]);
            input.push_str(&format!(
                "<p class= Während {a} fiel, sahen wir {b} und {i}.</p>\n\nLeave a Reply\n\n"
            ));
        }
        let (outcome, out) = clean_stream(&cleaner, input.as_bytes(), None, || Ok(Vec::new())).unwrap();
        let whole = cleaner.clean(&input).text;
        assert_eq!(String::from_utf8(out).unwrap(), whole);
        assert_eq!(outcome.bytes_in, input.len() as u64);
        assert_eq!(outcome.stats.rule("comment-form"), 200_000);
    }

    #[test]
    fn a_skipped_stream_opens_no_output() {
        let cleaner = Cleaner::builder().build().unwrap();
        let mut opened = false;
        let r = clean_stream(&cleaner, &b"%PDF-1.4 ..."[..], Some(12), || {
            opened = true;
            Ok(Vec::new())
        });
        assert!(matches!(r, Err(StreamError::Skip(Skip::Binary(_)))));
        assert!(!opened);
    }
}
