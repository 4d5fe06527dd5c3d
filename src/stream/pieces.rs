//! Cleans a byte stream of any length in bounded memory: reads it in pieces, decodes them,
//! cuts the text where a cut changes nothing, cleans each part and writes it out. The batch
//! runner uses it for every file and the command line for standard input, so a 1 GB file
//! costs no more memory than a 1 MB one.
//!
//! Where the text is cut: after the last blank line of what was read (a block boundary, so
//! the parts are whole blocks). Text with no blank line is cut a piece at a time at a block
//! tag or a line break, else, where it is prose and inline markup alone, inside its block
//! between two words (see `prose_cut`), so one long line is cleaned on every core; anything
//! else is carried over until [`MAX_CARRY_BYTES`] and then cut after a sentence end, else at a
//! line end, else at a space. The parts are joined again by what was cut (a space, a line
//! break), never by a blank line that was not in the input. A part holds at most
//! [`MAX_PART_BOUNDARIES`] places that may end a block, so tiny blocks cannot pile up. With
//! [`Limits::threads`] above 1, workers clean parts while the next are read, written in order.

use std::io::{self, Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use crate::decode::{self, Skip, StreamDecoder};
use crate::residue::MAX_TAG_LOOKAHEAD_BYTES;
use crate::residue::attr::typographic_quote_len;
use crate::residue::names::TagRole;
use crate::{Cleaned, Cleaner, Stats};

/// Bytes read at a time.
///
/// ```
/// assert_eq!(descrape::stream::pieces::Limits::default().piece_bytes, descrape::stream::pieces::PIECE_BYTES);
/// ```
pub const PIECE_BYTES: usize = 4 << 20;
/// Text carried over while no block boundary has been seen.
///
/// ```
/// assert!(descrape::stream::pieces::MAX_CARRY_BYTES > descrape::stream::pieces::PIECE_BYTES);
/// ```
pub const MAX_CARRY_BYTES: usize = 16 << 20;
/// The most newlines, `<` and `>` one part holds (see [`Limits::max_part_boundaries`]).
///
/// ```
/// assert_eq!(descrape::stream::pieces::Limits::default().max_part_boundaries, 1 << 16);
/// ```
pub const MAX_PART_BOUNDARIES: usize = 1 << 16;
/// How far back from the end of carried text a sentence end is looked for.
const SENTENCE_CUT_WINDOW: usize = 1 << 20;
/// The least text a cut inside a block leaves on either side (see [`prose_cut`]): more than the
/// lexer reads ahead, and neither part of the block is a short one, which filters judge
/// otherwise than a long one.
const MIN_CUT_RUN: usize = 64 << 10;

/// What cleaning a stream did.
///
/// ```
/// use std::sync::atomic::AtomicBool;
/// let cleaner = descrape::Cleaner::builder().build()?;
/// let input = b"Gr\xfc\xdfe aus K\xf6ln";
/// let (o, out) = descrape::stream::pieces::clean_stream(&cleaner, &input[..], None, &AtomicBool::new(false), || Ok(Vec::new()))?;
/// assert_eq!((o.encoding, o.bytes_in, out.as_slice()), ("windows-1252", 14, "Grüße aus Köln\n".as_bytes()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Default)]
pub struct StreamOutcome {
    /// What cleaning did, summed over the parts; `malformed` counts decoding errors.
    pub stats: Stats,
    /// The encoding the input was read in (WHATWG name).
    pub encoding: &'static str,
    /// Bytes read.
    pub bytes_in: u64,
}

/// Why a stream was not cleaned to its end.
///
/// ```
/// use descrape::stream::pieces::{StreamError, clean_stream};
/// use std::sync::atomic::AtomicBool;
/// let cleaner = descrape::Cleaner::builder().build()?;
/// let r = clean_stream(&cleaner, &b"%PDF-1.7\n\0"[..], None, &AtomicBool::new(false), || Ok(Vec::new()));
/// assert!(matches!(r, Err(StreamError::Skip(descrape::Skip::Binary(_)))));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StreamError {
    /// Not text at all (found at the start): nothing was written.
    #[error("{0}")]
    Skip(Skip),
    /// Text at first, then binary data (NUL bytes) from this byte offset on.
    #[error("binary data from byte {0} on")]
    BinaryAt(u64),
    /// Reading the input failed.
    #[error("reading: {0}")]
    Read(io::Error),
    /// Writing the output failed.
    #[error("writing: {0}")]
    Write(io::Error),
    /// The stop flag was raised: the stream was abandoned between two pieces.
    #[error("stopped")]
    Stopped,
}

/// The sizes a stream is read and cut by; tests make them small.
///
/// ```
/// use descrape::stream::pieces::{Limits, clean_stream_with};
/// use std::sync::atomic::AtomicBool;
/// let cleaner = descrape::Cleaner::builder().build()?;
/// let input = "<p>Ein Satz.</p>\n\n".repeat(10_000);
/// let limits = Limits { threads: 2, piece_bytes: 4096, ..Limits::default() };
/// let (_, out) = clean_stream_with(&cleaner, input.as_bytes(), None, &AtomicBool::new(false), limits, || Ok(Vec::new()))?;
/// assert_eq!(out.len(), "Ein Satz.\n\n".len() * 10_000 - 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Bytes read at a time.
    pub piece_bytes: usize,
    /// Text carried over without a blank line before it is cut anyway.
    pub max_carry_bytes: usize,
    /// Workers that clean parts while the next are read (1: the calling thread cleans them):
    /// one long stream keeps every core busy. Memory grows with it (two parts and their
    /// blocks per worker, at most). Default 1.
    pub threads: usize,
    /// The most newlines, `<` and `>` a part holds (places that may end a block), so the
    /// blocks one clean call holds stay few however small they are.
    pub max_part_boundaries: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            piece_bytes: PIECE_BYTES,
            max_carry_bytes: MAX_CARRY_BYTES,
            threads: 1,
            max_part_boundaries: MAX_PART_BOUNDARIES,
        }
    }
}

/// What stands between two parts of the output: what the cut took out of the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Join {
    /// A blank line: the parts are separate blocks.
    Block,
    /// A line break inside a block.
    Line,
    /// A space inside a line.
    Space,
    /// Nothing: the cut followed a CJK full stop, or fell inside a word (no space in
    /// [`MAX_CARRY_BYTES`]).
    Nothing,
}

/// Cleans everything `input` yields into `output` (see [`clean_stream_with`]).
///
/// ```
/// use std::sync::atomic::AtomicBool;
/// let cleaner = descrape::Cleaner::builder().build()?;
/// let input = "<p>eins</p>\n\n<p>zwei</p>".as_bytes();
/// let (outcome, out) = descrape::stream::pieces::clean_stream(&cleaner, input, None, &AtomicBool::new(false), || Ok(Vec::new()))?;
/// assert_eq!(out, b"eins\n\nzwei\n");
/// assert_eq!(outcome.encoding, "UTF-8");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn clean_stream<R: Read, W: Write>(
    cleaner: &Cleaner,
    input: R,
    size_hint: Option<u64>,
    stop: &AtomicBool,
    open: impl FnOnce() -> io::Result<W>,
) -> Result<(StreamOutcome, W), StreamError> {
    clean_stream_with(cleaner, input, size_hint, stop, Limits::default(), open)
}

/// Cleans everything `input` yields into `output`, which is only opened (by calling `open`)
/// once the input is known to be text, so a skipped file leaves nothing behind.
///
/// `size_hint` (the file's length, when known) sizes the read buffer: most files are far
/// smaller than a piece. `stop` is looked at between pieces: once raised, the stream is
/// abandoned with [`StreamError::Stopped`]. Input whose later pieces hold NUL bytes (and is
/// not UTF-16) turned binary part-way: [`StreamError::BinaryAt`].
///
/// ```
/// use descrape::stream::pieces::{Limits, StreamError, clean_stream_with};
/// use std::sync::atomic::AtomicBool;
/// let cleaner = descrape::Cleaner::builder().build()?;
/// let stop = AtomicBool::new(true); // raised: the stream is abandoned after its first piece
/// let input = "Ein Satz.\n\n".repeat(100);
/// let limits = Limits { piece_bytes: 64, ..Limits::default() };
/// let r = clean_stream_with(&cleaner, input.as_bytes(), None, &stop, limits, || Ok(Vec::new()));
/// assert!(matches!(r, Err(StreamError::Stopped)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn clean_stream_with<R: Read, W: Write>(
    cleaner: &Cleaner,
    mut input: R,
    size_hint: Option<u64>,
    stop: &AtomicBool,
    limits: Limits,
    open: impl FnOnce() -> io::Result<W>,
) -> Result<(StreamOutcome, W), StreamError> {
    let piece = limits.piece_bytes.max(1);
    // A file small enough to be read as a page is read whole, so a page of more than one
    // piece is not cut (and read as residue).
    let whole = cleaner.page_limit();
    let len = size_hint.map_or(piece, |n| {
        let n = usize::try_from(n).unwrap_or(usize::MAX);
        if n <= whole { n.saturating_add(1) } else { n.saturating_add(1).min(piece) }
    });
    let mut buf = vec![0u8; len.max(1)];
    let n = read_full(&mut input, &mut buf).map_err(StreamError::Read)?;
    let eof = n < buf.len();
    let head = buf.get(..n.min(decode::SNIFF_BYTES)).unwrap_or_default();
    let decoder = StreamDecoder::sniff(head, eof && n <= decode::SNIFF_BYTES).map_err(StreamError::Skip)?;
    let utf16 = decoder.encoding_name().starts_with("UTF-16");
    let out = open().map_err(StreamError::Write)?;
    let mut outcome = StreamOutcome { encoding: decoder.encoding_name(), ..StreamOutcome::default() };
    let threads = limits.threads.max(1);
    let mut writer = Writer { out, pending: None, stats: Stats::default() };
    let mut state = Reading { buf, n, eof, decoder, utf16, text: String::new() };
    let mut read = |outcome: &mut StreamOutcome,
                    part: &mut dyn FnMut(String, Join, bool) -> Result<(), StreamError>| {
        read_parts(&mut input, &mut state, piece, limits, stop, outcome, cleaner, part)
    };
    let result = if threads > 1 {
        std::thread::scope(|scope| {
            let mut cleaning = Pool::start(scope, cleaner, threads);
            let r = (|| {
                read(&mut outcome, &mut |part, join, page| cleaning.submit(part, join, page, &mut writer))?;
                cleaning.finish(&mut writer)
            })();
            // Workers end when their queue closes.
            drop(cleaning);
            r
        })
    } else {
        read(&mut outcome, &mut |part, join, page| writer.write(clean_part(cleaner, &part, page), join))
    };
    let malformed = outcome.stats.malformed;
    outcome.stats += std::mem::take(&mut writer.stats);
    outcome.stats.malformed = malformed;
    let mut out = writer.out;
    match result {
        Ok(()) => {}
        Err(StreamError::Stopped) => {
            // What was written ends as a text does, with its newline, for a reader of a stream.
            if writer.pending.is_some() {
                out.write_all(b"\n").and_then(|()| out.flush()).map_err(StreamError::Write)?;
            }
            return Err(StreamError::Stopped);
        }
        Err(e) => return Err(e),
    }
    if writer.pending.is_some() {
        out.write_all(b"\n").map_err(StreamError::Write)?;
    }
    out.flush().map_err(StreamError::Write)?;
    Ok((outcome, out))
}

/// What reading a stream holds between pieces.
struct Reading {
    buf: Vec<u8>,
    /// Bytes of `buf` read.
    n: usize,
    eof: bool,
    decoder: StreamDecoder,
    utf16: bool,
    /// Decoded text not yet cut into parts.
    text: String,
}

/// Reads `input` to its end, cutting the text into parts and handing each to `part` in order,
/// with whether it is read as a page (only a whole input within the page limits is).
#[allow(clippy::too_many_arguments)]
fn read_parts(
    input: &mut impl Read,
    st: &mut Reading,
    piece: usize,
    limits: Limits,
    stop: &AtomicBool,
    outcome: &mut StreamOutcome,
    cleaner: &Cleaner,
    part: &mut dyn FnMut(String, Join, bool) -> Result<(), StreamError>,
) -> Result<(), StreamError> {
    let mut first_piece = true;
    let mut first_part = true;
    loop {
        let only_piece = first_piece && st.eof;
        let bytes = st.buf.get(..st.n).unwrap_or_default();
        // The first piece passed the binary test of the sniff; later ones are checked here.
        if !first_piece && !st.utf16 {
            if let Some(i) = memchr::memchr(0, bytes) {
                return Err(StreamError::BinaryAt(outcome.bytes_in + i as u64));
            }
        }
        first_piece = false;
        outcome.bytes_in += st.n as u64;
        outcome.stats.malformed += st.decoder.decode(bytes, st.eof, &mut st.text);
        // Parts are taken from the front of the text, then what they took goes at once.
        let mut done = 0;
        loop {
            let rest = st.text.get(done..).unwrap_or_default();
            // A page that came whole is one part however many tags it has: cut, it would be
            // read as residue. The look at the whole input is taken once, here.
            let whole_input = only_piece && done == 0;
            let document = whole_input && cleaner.looks_like_page(rest);
            let whole_page = document && cleaner.within_page_limits(rest);
            let cut = if whole_page { None } else { bounded_cut(rest, limits.max_part_boundaries) };
            let (cut, join, bounded) = match cut {
                Some((cut, join)) => (cut, join, true),
                None if st.eof => (rest.len(), Join::Block, false),
                None => {
                    let (cut, join) = cut_point(rest, piece, limits.max_carry_bytes);
                    (cut, join, false)
                }
            };
            if cut == 0 {
                break;
            }
            let text = rest.get(..cut).unwrap_or_default().to_owned();
            // A page too large for the DOM path, or cut in parts, is read as text, and counted
            // once, by its first part.
            if std::mem::take(&mut first_part) {
                let looks = if whole_input { document } else { cleaner.looks_like_page(&text) };
                if looks && !whole_page {
                    outcome.stats.large_pages += 1;
                }
            }
            done += cut;
            part(text, join, whole_page)?;
            if !bounded {
                break;
            }
        }
        st.text.drain(..done);
        if st.eof {
            return Ok(());
        }
        if stop.load(Ordering::Relaxed) {
            return Err(StreamError::Stopped);
        }
        st.n = read_full(input, &mut st.buf).map_err(StreamError::Read)?;
        st.eof = st.n < st.buf.len();
    }
}

/// Cleans one part as `read_parts` decided: only a part that is the whole input may be read as
/// a page (`page`); a page cut in parts is residue in every part (the first would otherwise be
/// read one way, the rest another), and `read_parts` counts it in `large_pages`, once.
fn clean_part(cleaner: &Cleaner, part: &str, page: bool) -> Cleaned {
    cleaner.clean_as(part, page)
}

/// Writes cleaned parts in order, each after what its cut took out.
struct Writer<W> {
    out: W,
    /// What goes before the next part written: `None` before the first.
    pending: Option<Join>,
    /// The parts' stats, summed (but `malformed`, which the decoder counts).
    stats: Stats,
}

impl<W: Write> Writer<W> {
    fn write(&mut self, cleaned: Cleaned, join: Join) -> Result<(), StreamError> {
        let body = cleaned.text.strip_suffix('\n').unwrap_or(&cleaned.text);
        if !body.is_empty() {
            let sep: &[u8] = match self.pending {
                None => b"",
                Some(Join::Block) => b"\n\n",
                Some(Join::Line) => b"\n",
                Some(Join::Space) => b" ",
                Some(Join::Nothing) => b"",
            };
            self.out.write_all(sep).map_err(StreamError::Write)?;
            self.out.write_all(body.as_bytes()).map_err(StreamError::Write)?;
            self.pending = Some(join);
        } else if self.pending.is_some() {
            // An empty part between two: keep the stronger separation.
            self.pending = self.pending.map(|p| stronger(p, join));
        }
        let malformed = self.stats.malformed;
        self.stats += cleaned.stats;
        self.stats.malformed = malformed;
        Ok(())
    }
}

/// A part cleaned by a worker: its number, the result (or the panic it caused), its join.
type Done = (u64, std::thread::Result<Cleaned>, Join);

/// Parts cleaned by a few long-lived workers, written in order. At most two parts per worker
/// are in flight, so memory stays bounded by the part size.
struct Pool {
    /// `None` once closed: the workers end.
    jobs: Option<std::sync::mpsc::SyncSender<(u64, String, Join, bool)>>,
    done: std::sync::mpsc::Receiver<Done>,
    /// Results that came before their turn.
    ready: std::collections::BTreeMap<u64, (Cleaned, Join)>,
    sent: u64,
    written: u64,
    max_in_flight: u64,
}

impl Pool {
    /// Starts `threads` workers in `scope`.
    fn start<'scope>(
        scope: &'scope std::thread::Scope<'scope, '_>,
        cleaner: &'scope Cleaner,
        threads: usize,
    ) -> Pool {
        let (jobs, queue) = std::sync::mpsc::sync_channel::<(u64, String, Join, bool)>(threads);
        let queue = std::sync::Arc::new(std::sync::Mutex::new(queue));
        let (results, done) = std::sync::mpsc::channel::<Done>();
        for _ in 0..threads {
            let queue = std::sync::Arc::clone(&queue);
            let results = results.clone();
            scope.spawn(move || {
                loop {
                    // The lock is held only to take the next job.
                    let job = match queue.lock() {
                        Ok(q) => q.recv(),
                        Err(_) => return,
                    };
                    let Ok((i, part, join, page)) = job else { return };
                    let cleaned = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        clean_part(cleaner, &part, page)
                    }));
                    if results.send((i, cleaned, join)).is_err() {
                        return;
                    }
                }
            });
        }
        Pool {
            jobs: Some(jobs),
            done,
            ready: std::collections::BTreeMap::new(),
            sent: 0,
            written: 0,
            max_in_flight: 2 * threads as u64,
        }
    }

    /// Hands `part` to a worker; writes what is done, in order.
    fn submit(
        &mut self,
        part: String,
        join: Join,
        page: bool,
        w: &mut Writer<impl Write>,
    ) -> Result<(), StreamError> {
        if let Some(jobs) = &self.jobs {
            // A worker gone is a panic, which `collect` passes on.
            let _ = jobs.send((self.sent, part, join, page));
        }
        self.sent += 1;
        self.collect(w, self.max_in_flight)
    }

    /// Waits for every part and writes them.
    fn finish(&mut self, w: &mut Writer<impl Write>) -> Result<(), StreamError> {
        drop(self.jobs.take());
        self.collect(w, 0)
    }

    /// Writes the parts that are done in order, waiting until at most `in_flight` are not.
    fn collect(&mut self, w: &mut Writer<impl Write>, in_flight: u64) -> Result<(), StreamError> {
        loop {
            while let Some((cleaned, join)) = self.ready.remove(&self.written) {
                w.write(cleaned, join)?;
                self.written += 1;
            }
            let waiting = self.sent - self.written;
            let got = if waiting > in_flight {
                match self.done.recv() {
                    Ok(d) => d,
                    // Every worker is gone: one panicked, and the scope passes it on.
                    Err(_) => return Ok(()),
                }
            } else {
                match self.done.try_recv() {
                    Ok(d) => d,
                    Err(_) => return Ok(()),
                }
            };
            let (i, cleaned, join) = got;
            match cleaned {
                Ok(c) => {
                    self.ready.insert(i, (c, join));
                }
                // A panic in a worker is a bug: it is passed on as the panic it was.
                Err(payload) => std::panic::resume_unwind(payload),
            }
        }
    }
}

fn stronger(a: Join, b: Join) -> Join {
    let rank = |j: Join| match j {
        Join::Nothing => 0,
        Join::Space => 1,
        Join::Line => 2,
        Join::Block => 3,
    };
    if rank(a) >= rank(b) { a } else { b }
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

/// A cut that keeps a part's blocks few, whatever their size: where `text` holds more than
/// `max` places that may end a block (a newline, a `<`), the last block boundary before the
/// `max`-th of them. A part of tiny blocks (`<p>w</p>`, `w` and a blank line, over and over)
/// is then a few hundred KB, not megabytes of blocks; text with normal paragraphs never
/// gets here. `None` when there are fewer, or no block boundary before the limit.
fn bounded_cut(text: &str, max: usize) -> Option<(usize, Join)> {
    let limit = nth_boundary(text.as_bytes(), max)?;
    // A newline or a `<` is a char boundary.
    let head = text.get(..limit)?;
    let block_cut = |from: usize| {
        let (cut, join) = cut_point(head.get(from..)?, 0, usize::MAX);
        (cut > 0 && join == Join::Block).then_some((from + cut, join))
    };
    // The head's last stretch first, from a `<` on (where nothing before it changes how a cut
    // after it reads): in text of tiny blocks a boundary is near the end, and a search of the
    // whole head for every part would cost the reader a fifth of what cleaning costs.
    let tail = limit.saturating_sub(TAIL_SEARCH_BYTES);
    let tail_lt = memchr::memchr(b'<', head.as_bytes().get(tail..).unwrap_or_default()).map(|i| tail + i);
    tail_lt.filter(|&lt| lt > 0).and_then(block_cut).or_else(|| block_cut(0))
}

/// How much of a head [`bounded_cut`] searches first.
const TAIL_SEARCH_BYTES: usize = 16 << 10;

/// Where the `n`-th (from 0) newline, `<` or `>` of `b` is. Counted a window at a time with
/// comparisons the compiler turns into vector instructions: in text of tiny blocks they are
/// every other byte, where a search that stops at each costs tens of instructions a byte.
fn nth_boundary(b: &[u8], n: usize) -> Option<usize> {
    const WINDOW: usize = 256;
    let is_boundary = |c: u8| u32::from(c == b'\n') | u32::from(c == b'<') | u32::from(c == b'>');
    let mut seen = 0;
    for (w, chunk) in b.chunks(WINDOW).enumerate() {
        let here = chunk.iter().fold(0u32, |acc, &c| acc + is_boundary(c)) as usize;
        if seen + here > n {
            let (i, _) = chunk.iter().enumerate().filter(|&(_, &c)| is_boundary(c) != 0).nth(n - seen)?;
            return Some(w * WINDOW + i);
        }
        seen += here;
    }
    None
}

/// Where to cut `text`, and what the cut takes out. After the last blank line: whole blocks.
/// Without one, past `block_cut` bytes: at the last block tag (after `</p>`, `</div>`,
/// `</li>` …, or before `<p>`, `<div` …), which ends a block as surely as a blank line does
/// (a page saved on one line: its parts stay a few MB, so the blocks one clean call holds stay
/// few). Without that, inside the block where nothing spans the cut ([`prose_cut`]). Without
/// that either, 0 (read more) until the text passes `max_carry`; then after the last sentence
/// end followed by a space (within [`SENTENCE_CUT_WINDOW`] of the end), else after the last
/// newline, else after the last space, else at the last char boundary.
fn cut_point(text: &str, block_cut: usize, max_carry: usize) -> (usize, Join) {
    let b = text.as_bytes();
    let mut end = b.len();
    while let Some(nl) = memchr::memrchr(b'\n', b.get(..end).unwrap_or_default()) {
        // Is the line before this newline blank (only spaces, tabs, carriage returns)?
        let before = b.get(..nl).unwrap_or_default();
        let blank_from = before.iter().rposition(|c| !matches!(c, b' ' | b'\t' | b'\r'));
        match blank_from {
            Some(i) if b.get(i) == Some(&b'\n') => return (nl + 1, Join::Block),
            None => return (nl + 1, Join::Block),
            Some(_) => end = nl,
        }
    }
    // A block tag is also the first choice when the text must be cut anyway: a cut at a
    // space before `<div>` would join two blocks by a space.
    if b.len() >= block_cut.max(1) || b.len() >= max_carry.max(1) {
        let window_start = b.len().saturating_sub(SENTENCE_CUT_WINDOW);
        let window = b.get(window_start..).unwrap_or_default();
        if let Some(i) = last_tag_cut(window) {
            return (window_start + i, Join::Block);
        }
        // `w<br><br>` over and over: a line break is a cut too, joined by a line break.
        if let Some((i, join)) = last_line_break_cut(window) {
            return (window_start + i, join);
        }
    }
    // A long run of text with no block boundary (a page saved on one line, a transcript) is
    // cut a piece at a time, so its parts are cleaned on every core; only where nothing spans
    // the cut, and far enough from the end that what is carried on is no short block.
    if block_cut > 0 && b.len() >= block_cut {
        if let Some(cut) = prose_cut(text, b.len().saturating_sub(SENTENCE_CUT_WINDOW)) {
            return cut;
        }
    }
    if b.len() < max_carry.max(1) {
        return (0, Join::Block);
    }
    let window_start = b.len().saturating_sub(SENTENCE_CUT_WINDOW);
    let window = b.get(window_start..).unwrap_or_default();
    let sentence = memchr::memrchr_iter(b' ', window).find(|&i| {
        i > 0
            && matches!(window.get(i - 1), Some(b'.' | b'!' | b'?'))
            && window.get(i + 1).is_some_and(|c| c.is_ascii_uppercase())
    });
    if let Some(i) = sentence {
        return (window_start + i + 1, Join::Space);
    }
    if let Some(nl) = memchr::memrchr(b'\n', b) {
        return (nl + 1, Join::Line);
    }
    if let Some(sp) = memchr::memrchr(b' ', b) {
        return (sp + 1, Join::Space);
    }
    let at = (1..=b.len()).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
    (at, Join::Nothing)
}

/// Where `text` may be cut inside its block, looking at it from byte `from` on, and what joins the
/// parts again: after the last sentence end (a stop and a space before a capital, or a CJK
/// full stop), else after the last line end, else after the last space; between two words, and
/// at least [`MIN_CUT_RUN`] bytes from `from` and from the end, so both parts of the block are
/// long (filters judge a short block otherwise). Only where the text from `from` on has no tag
/// that ends a block, breaks a line or drops what it holds (a script, a `<nav>`): inline
/// markup and prose alone. Outside markup: the next `<` or `>` after the cut is a `<` (so it
/// is in no tag, complete or cut, nor in a comment), the next brace and the next bracket open
/// (no template tag or shortcode is cut), and no tag opened within
/// [`MAX_TAG_LOOKAHEAD_BYTES`] before it is still open (the lexer reads that far ahead of a
/// `<` to tell a cut tag from prose). One pass back.
fn prose_cut(text: &str, from: usize) -> Option<(usize, Join)> {
    let b = text.as_bytes();
    let last = b.len().checked_sub(MIN_CUT_RUN)?;
    let first = from.saturating_add(MIN_CUT_RUN);
    // What comes first after the byte looked at (looking back: what was seen last).
    let (mut angle, mut brace, mut bracket) = (b'<', b'{', b'[');
    let mut next_newline: Option<usize> = None;
    // The last cut of each kind (sentence, line, space) since the `<` or `>` seen last, and
    // those kept: a cut is kept once the `<` or `>` before it is seen, if no tag is open there.
    let mut pending: [Option<(usize, Join)>; 3] = [None; 3];
    let mut kept: [Option<(usize, Join)>; 3] = [None; 3];
    let settle = |pending: &mut [Option<(usize, Join)>; 3],
                  kept: &mut [Option<(usize, Join)>; 3],
                  open: Option<usize>| {
        for (p, k) in pending.iter_mut().zip(kept.iter_mut()) {
            let p = p.take().filter(|&(at, _)| open.is_none_or(|j| at > j + MAX_TAG_LOOKAHEAD_BYTES));
            if k.is_none() {
                *k = p;
            }
        }
    };
    let starts_tag =
        |n: Option<&u8>| n.is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, b'/' | b'!' | b'?'));
    for i in (from..b.len()).rev() {
        let Some(&c) = b.get(i) else { break };
        match c {
            b'<' => {
                if !inline_or_prose(b.get(i + 1..).unwrap_or_default()) {
                    return None;
                }
                let open = starts_tag(b.get(i + 1)) && angle != b'>';
                settle(&mut pending, &mut kept, open.then_some(i));
                angle = b'<';
            }
            b'>' => {
                settle(&mut pending, &mut kept, None);
                angle = b'>';
            }
            b'{' | b'}' => brace = c,
            b'[' | b']' => bracket = c,
            _ => {}
        }
        if let Some(cut) = kept[0] {
            return Some(cut);
        }
        let newline_after = next_newline;
        if c == b'\n' {
            next_newline = Some(i);
        }
        if i >= last || i < first || angle != b'<' || brace != b'{' || bracket != b'[' {
            continue;
        }
        // Every place looked after is a char boundary (after a space, a newline or a CJK stop).
        let after = |at: usize| text.get(at..).and_then(|t| t.chars().next());
        let (kind, at, join) = match c {
            b' ' if matches!(b.get(i.wrapping_sub(1)), Some(b'.' | b'!' | b'?'))
                && after(i + 1).is_some_and(char::is_uppercase) =>
            {
                (0, i + 1, Join::Space)
            }
            // `。`, `！`, `？`: a CJK sentence ends with no space after it.
            0xe3 if b.get(i + 1..i + 3) == Some(&[0x80, 0x82]) => (0, i + 3, Join::Nothing),
            0xef if matches!(b.get(i + 1..i + 3), Some([0xbc, 0x81 | 0x9f])) => (0, i + 3, Join::Nothing),
            b'\n' => (1, i + 1, Join::Line),
            b' ' => (2, i + 1, Join::Space),
            _ => continue,
        };
        // A word after the cut: a part that starts with markup loses the space or the newline
        // that markup made (`。<span class= Wort`: a space; `&amp; <b>` and a newline: a line
        // break). A space join puts the space back, and with no line end near, no newline can
        // go: there markup may follow. Before the cut no `>`, `/` or `=` (a cut attribute's
        // tail, which ends a block).
        let word_after = after(at).is_some_and(char::is_alphanumeric)
            || join == Join::Space && newline_after.is_none_or(|n| n > at + MAX_TAG_LOOKAHEAD_BYTES);
        let word_before = !matches!(b.get(i.wrapping_sub(1)), Some(b'>' | b'/' | b'='));
        if let Some(slot) = pending.get_mut(kind) {
            if slot.is_none() && at <= last && word_after && word_before {
                *slot = Some((at, join));
            }
        }
    }
    // Before `from`: the last `<` or `>` within the lookahead says whether a tag is open.
    let start = from.saturating_sub(MAX_TAG_LOOKAHEAD_BYTES);
    let before = b.get(start..from).unwrap_or_default();
    let open = memchr::memrchr2(b'<', b'>', before)
        .filter(|&j| before.get(j) == Some(&b'<') && starts_tag(before.get(j + 1)) && angle != b'>');
    settle(&mut pending, &mut kept, open.map(|j| start + j));
    let [sentence, line, space] = kept;
    sentence.or(line).or(space)
}

/// Whether what follows a `<` is an inline element's start or end tag, or no tag of HTML at
/// all (`x < y`, `vector<int>`, a comment): not one that ends a block, breaks a line or drops
/// its content.
fn inline_or_prose(rest: &[u8]) -> bool {
    let name = rest.strip_prefix(b"/").unwrap_or(rest);
    let len = name.iter().take(16).take_while(|c| c.is_ascii_alphanumeric()).count();
    let name = std::str::from_utf8(name.get(..len).unwrap_or_default()).unwrap_or_default();
    !matches!(crate::residue::names::role(name), Some(TagRole::Block(_) | TagRole::LineBreak | TagRole::Drop))
}

/// Where in `b` the last tag allows a cut: after a block element's end tag or before its
/// start tag, or after an orphaned tag end (`…text" />`, `…word" >` with no `<` since the `>`
/// before), since the tail of a cut attribute ends a block too. One pass back over the `<`
/// and `>` of `b`, which stops at the first cut: in text of tiny blocks they are every few
/// bytes.
fn last_tag_cut(b: &[u8]) -> Option<usize> {
    // A `>` whose tail looks orphaned, waiting for the `>` before it with no `<` between.
    let mut orphan: Option<usize> = None;
    for i in memchr::memrchr2_iter(b'<', b'>', b) {
        if b.get(i) == Some(&b'<') {
            orphan = None;
            let rest = b.get(i + 1..).unwrap_or_default();
            let (end, rest) = match rest.strip_prefix(b"/") {
                Some(r) => (true, r),
                None => (false, rest),
            };
            let Some(len) = block_tag_name(rest) else { continue };
            match (end, rest.get(len)) {
                (true, Some(b'>')) => return Some(i + 2 + len + 1),
                (false, Some(b'>' | b' ' | b'\t' | b'\n')) => return Some(i),
                _ => continue,
            }
        }
        if let Some(j) = orphan {
            return Some(j + 1);
        }
        orphan = orphan_tail_at(b, i).then_some(i);
    }
    None
}

/// Whether the text before the `>` at `j` ends as the block builder takes for a cut
/// attribute's tail (`… /` or `…word"`), but for a shell redirection (`"x" > file`, `>> log`,
/// `>&2`; see `residue::orphan`). Whether a `<` stands between it and the `>` before is the
/// caller's to see.
fn orphan_tail_at(b: &[u8], j: usize) -> bool {
    let before = b.get(..j).unwrap_or_default();
    let tail = before.trim_ascii_end();
    let spaced = tail.len() < before.len();
    let redirection = spaced && crate::residue::attr::redirects(b.get(j + 1));
    match tail {
        [.., b'/'] => slash_tail(tail),
        [.., w, b'"' | b'\''] => !redirection && w.is_ascii_alphanumeric(),
        _ => false,
    }
}

/// Whether `tail`, which ends in `/`, ends as the builder reads a cut tag's end: a quote or a
/// space before the slash (`“ />`, `"/>`, ` />`), not a word or a sign (`>/>>`, `https://x/>`,
/// which are prose).
fn slash_tail(tail: &[u8]) -> bool {
    let body = tail.strip_suffix(b"/").unwrap_or(tail);
    let before = body.trim_ascii_end();
    let n = before.len();
    let quoted = matches!(before.last(), Some(b'"' | b'\''))
        || n >= 2 && typographic_quote_len(before, n - 2) == 2
        || n >= 3 && typographic_quote_len(before, n - 3) == 3;
    before.len() < body.len() && !before.is_empty() || quoted
}

/// The length of the name `rest` starts with when it names an element whose start and end
/// tags end a block, in any case, and no letter or digit goes on: `<p>`, `<DIV `, not `<pre>`
/// or `<p2>`. Lowered into a buffer and matched once: in text of tiny blocks every other `<`
/// is looked at.
fn block_tag_name(rest: &[u8]) -> Option<usize> {
    let mut name = [0u8; 10];
    let mut len = 0;
    for &c in rest {
        if !c.is_ascii_alphanumeric() {
            break;
        }
        *name.get_mut(len)? = c.to_ascii_lowercase();
        len += 1;
    }
    let block = matches!(
        name.get(..len)?,
        b"p" | b"div"
            | b"li"
            | b"ul"
            | b"ol"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"tr"
            | b"td"
            | b"th"
            | b"blockquote"
            | b"section"
            | b"article"
    );
    block.then_some(len)
}

/// Where in `b` the last `<br>` allows a cut, and what joins the parts again: after a lone
/// `<br>`, a line break; after the second of two, a block boundary (two in a row end a block).
/// Never before another `<br>`, nor before the newline a `<br>` absorbs.
fn last_line_break_cut(b: &[u8]) -> Option<(usize, Join)> {
    memchr::memrchr_iter(b'<', b).find_map(|i| {
        let rest = b.get(i + 1..)?;
        if !rest.get(..2).is_some_and(|n| n.eq_ignore_ascii_case(b"br")) {
            return None;
        }
        let close = i + 1 + memchr::memchr(b'>', rest.get(..16.min(rest.len()))?)?;
        let next = b.get(close + 1..)?;
        // A newline right after a `<br>` is part of that one line break: no cut between them.
        if next.first().is_some_and(u8::is_ascii_whitespace) {
            return None;
        }
        let another = next.get(..3).is_some_and(|n| n.eq_ignore_ascii_case(b"<br"));
        let prev = b.get(..i).unwrap_or_default().trim_ascii_end();
        let after_one = prev.ends_with(b">")
            && memchr::memrchr(b'<', prev)
                .and_then(|j| prev.get(j + 1..j + 3))
                .is_some_and(|n| n.eq_ignore_ascii_case(b"br"));
        // What follows must be there to be looked at (a piece may end inside `<b`). The second
        // of two `<br>` ends a block: a cut there is a block boundary.
        let join = if after_one { Join::Block } else { Join::Line };
        (!another && next.len() >= 3).then_some((close + 1, join))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cut searches as first written: every block name compared at every `<`, every
    /// `>` looked for twice, the orphan searched over the whole window.
    fn naive_tag_cut(b: &[u8]) -> Option<usize> {
        let block = memchr::memrchr_iter(b'<', b).find_map(|i| {
            let rest = b.get(i + 1..)?;
            let (end, rest) = match rest.strip_prefix(b"/") {
                Some(r) => (true, r),
                None => (false, rest),
            };
            const BLOCK_TAGS: [&[u8]; 17] = [
                b"p",
                b"div",
                b"li",
                b"ul",
                b"ol",
                b"h1",
                b"h2",
                b"h3",
                b"h4",
                b"h5",
                b"h6",
                b"tr",
                b"td",
                b"th",
                b"blockquote",
                b"section",
                b"article",
            ];
            let name =
                BLOCK_TAGS.iter().find(|n| rest.get(..n.len()).is_some_and(|r| r.eq_ignore_ascii_case(n)))?;
            match (end, rest.get(name.len())?) {
                (true, b'>') => Some(i + 2 + name.len() + 1),
                (false, b'>' | b' ' | b'\t' | b'\n') => Some(i),
                _ => None,
            }
        });
        let mut end = b.len();
        let mut orphan_cut = None;
        while let Some(j) = memchr::memrchr(b'>', b.get(..end).unwrap_or_default()) {
            let from = memchr::memrchr(b'>', b.get(..j).unwrap_or_default()).map_or(0, |k| k + 1);
            let segment = b.get(from..j).unwrap_or_default();
            let tail = segment.trim_ascii_end();
            let redirection = tail.len() < segment.len()
                && matches!(b.get(j + 1), None | Some(b'>' | b'&' | b' ' | b'\t' | b'\n' | b'\r'));
            let orphan = tail.ends_with(b"/") && slash_tail(tail)
                || !redirection && matches!(tail, [.., w, b'"' | b'\''] if w.is_ascii_alphanumeric());
            if orphan && memchr::memchr(b'<', segment).is_none() && from > 0 {
                orphan_cut = Some(j + 1);
                break;
            }
            end = j;
        }
        block.max(orphan_cut)
    }

    #[test]
    fn the_tag_cut_is_where_the_first_search_found_it() {
        // Every string of up to four pieces from these: block tags in both cases, names that
        // only start like one, orphaned tails, redirections, line breaks.
        let pieces = [
            "<p>",
            "</P>",
            "<pre>",
            "<p2>",
            "<div ",
            "</div>",
            "<br>",
            "<blockquote\n",
            "<blockquotex>",
            "text\" />",
            "word\" >",
            ">/>",
            "„/",
            "x\" > f",
            ">",
            "<",
            "w",
            " ",
            "<h1>",
            "</h6>",
            "<section\t",
            "</ARTICLE>",
        ];
        let texts = crate::concat::every_string(&pieces, 4);
        for t in &texts {
            assert_eq!(last_tag_cut(t.as_bytes()), naive_tag_cut(t.as_bytes()), "{t:?}");
        }
    }

    #[test]
    fn the_nth_boundary_is_where_a_search_finds_it() {
        let texts = [
            "",
            "plain",
            "a\nb<c>d",
            &"w\n\n".repeat(400),
            &"<p>w</p>".repeat(300),
            &format!("{}<{}", "x".repeat(700), "y\n".repeat(90)),
        ];
        for t in texts {
            let b = t.as_bytes();
            for n in [0, 1, 2, 255, 256, 257, 600, 5000] {
                assert_eq!(
                    nth_boundary(b, n),
                    memchr::memchr3_iter(b'\n', b'<', b'>', b).nth(n),
                    "{t:?} {n}"
                );
            }
        }
    }

    fn run(cleaner: &Cleaner, input: &[u8], limits: Limits) -> Result<(StreamOutcome, String), StreamError> {
        let stop = AtomicBool::new(false);
        let (o, out) = clean_stream_with(cleaner, input, None, &stop, limits, || Ok(Vec::new()))?;
        Ok((o, String::from_utf8(out).unwrap()))
    }

    #[test]
    fn cuts_after_the_last_blank_line() {
        assert_eq!(cut_point("a\n\nb\nc", 100, 100), (3, Join::Block));
        assert_eq!(cut_point("a\n \t\nb", 100, 100), (5, Join::Block));
        assert_eq!(cut_point("a\r\n\r\nb", 100, 100), (5, Join::Block));
        assert_eq!(cut_point("a\nb\nc", 100, 100).0, 0);
        assert_eq!(cut_point("", 100, 100).0, 0);
    }

    #[test]
    fn without_a_blank_line_the_cut_takes_out_no_more_than_it_finds() {
        assert_eq!(cut_point("one. Two and three", 10, 10), (5, Join::Space));
        assert_eq!(cut_point("one\ntwo three", 10, 10), (4, Join::Line));
        assert_eq!(cut_point("one two three", 10, 10), (8, Join::Space));
        assert_eq!(cut_point("onetwothree", 10, 10), (11, Join::Nothing));
        assert_eq!(cut_point("aé", 1, 1), (3, Join::Nothing));
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
        let (outcome, out) = run(&cleaner, input.as_bytes(), Limits::default()).unwrap();
        assert_eq!(out, cleaner.clean(&input).text);
        assert_eq!(outcome.bytes_in, input.len() as u64);
        assert_eq!(outcome.stats.rule("comment-form"), 200_000);
    }

    // See: issue #8 (a 2 GB line got paragraph breaks where the pieces were cut).
    #[test]
    fn a_long_line_cut_into_pieces_gets_no_paragraph_breaks() {
        let cleaner = Cleaner::builder().glue(false).dedupe(false).build().unwrap();
        let limits = Limits { piece_bytes: 64, max_carry_bytes: 200, ..Limits::default() };
        for sentence in ["Die Sonne schien &amp; wir gingen. ", "und so weiter und so fort ", "x"] {
            let line = sentence.repeat(300);
            // Parts cleaned side by side are written as one after the other are.
            for threads in [1, 3] {
                let (_, out) = run(&cleaner, line.as_bytes(), Limits { threads, ..limits }).unwrap();
                assert_eq!(out, cleaner.clean(&line).text, "{sentence}");
                assert_eq!(out.matches('\n').count(), 1, "{sentence}");
            }
        }
        // Lines of one paragraph stay lines of one paragraph.
        let lines = "eine Zeile ohne Punkt\n".repeat(100);
        let (_, out) = run(&cleaner, lines.as_bytes(), limits).unwrap();
        assert_eq!(out, cleaner.clean(&lines).text);
    }

    // See: issue #12 (one long line was one part, cleaned on one core).
    #[test]
    fn a_long_line_is_cut_a_piece_at_a_time_between_two_words_outside_markup() {
        let filler = |n: usize, unit: &str| unit.repeat(n / unit.len() + 1);
        let prose = filler(200_000, "und so ging es weiter, Tag um Tag. Dann kam der Winter ");
        let (cut, join) = cut_point(&prose, 100_000, usize::MAX);
        assert_eq!(join, Join::Space);
        assert!(cut >= prose.len().saturating_sub(SENTENCE_CUT_WINDOW) && cut <= prose.len() - MIN_CUT_RUN);
        assert!(
            prose[..cut].ends_with("Winter. ") || prose[..cut].ends_with("Tag. "),
            "{}",
            &prose[cut - 20..cut]
        );
        // Below a piece: carried on.
        assert_eq!(cut_point(&prose, prose.len() + 1, usize::MAX).0, 0);
        // The only sentence end is in a tag, a template tag, a shortcode or a script: the cut
        // is a space outside them.
        let tail = filler(MIN_CUT_RUN, "wort ");
        for markup in [
            "<img alt=\"Er ging. Dann kam er\" src=x.png>",
            "{{ Er ging. Dann kam er }}",
            "[caption text=\"Er ging. Dann kam er\"]",
            "<!-- Er ging. Dann kam er -->",
        ] {
            let text = format!("{}{markup} {tail}", filler(200_000, "eins zwei "));
            let (cut, join) = cut_point(&text, 100_000, usize::MAX);
            assert_eq!(join, Join::Space, "{markup}");
            let at = text.find(markup).unwrap();
            assert!(cut <= at || cut > at + markup.len(), "{markup}: cut at {cut}, markup at {at}");
            assert!(text.is_char_boundary(cut) && text.as_bytes()[cut - 1] == b' ');
        }
        // A tag that ends a block or drops what it holds: no cut inside the block at all.
        for markup in ["<script>Er ging. Dann kam er</script>", "<table>", "<nav>Start. Neu</nav>"] {
            let text = format!("{}{markup} {tail}", filler(200_000, "eins zwei "));
            assert_eq!(cut_point(&text, 100_000, usize::MAX).0, 0, "{markup}");
        }
        // A tag opened and never closed within the lexer's lookahead before, a cut attribute's
        // tail: no cut in their text.
        for markup in ["<span class= Er ging. Dann kam er und", "Ein Bild. Vom Haus\" />"] {
            let text = format!("{}{markup}{tail}", filler(200_000, "eins zwei "));
            let (cut, _) = cut_point(&text, 100_000, usize::MAX);
            let at = text.find(markup).unwrap();
            assert!(cut <= at || cut >= at + markup.len(), "{markup}: cut at {cut}, markup at {at}");
        }
        // CJK: after a full stop, joined by nothing.
        let cjk = filler(300_000, "他来了。她走了！");
        let (cut, join) = cut_point(&cjk, 100_000, usize::MAX);
        assert_eq!(join, Join::Nothing);
        assert!(cjk[..cut].ends_with('。') || cjk[..cut].ends_with('！'));
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 24, ..Default::default() })]
        /// A long run of text with no blank line, cut a piece at a time: the text is what one
        /// clean of the whole gives (filters that look across blocks off, as above).
        #[test]
        fn a_long_line_cut_between_words_gives_the_same_text(
            tokens in proptest::collection::vec(0usize..20, 1..200),
            piece_bytes in 70_000usize..150_000,
            threads in 1usize..3,
        ) {
            // No block tag, `<br>` or cut attribute tail: the cut there comes first (above).
            const TOKENS: [&str; 20] = [
                "Wort ", "Satz. ", "Ende. Neu ", "<b>", "</b>", "\n", "&amp; ", "é ", "<img alt=\"Satz. Neu\" src=x>",
                "<span class= Wort ", "{{ name }} ", "[b]fett[/b] ", "<script>var a = 1; Satz. Neu</script>",
                "<!-- Satz. Neu -->", "\"Zitat.\" Neu ", "<i>", "他来了。", "<a href=\"/x\">Link</a> ", "&nbsp;",
                "Wörter und mehr ",
            ];
            let unit: String = tokens.iter().map(|&t| TOKENS[t]).collect();
            let input = unit.repeat(400_000 / unit.len() + 1);
            let cleaner = Cleaner::builder().glue(false).dedupe(false).boilerplate(false);
            let cleaner = cleaner.input(crate::Input::Text).build().unwrap();
            let limits = Limits { piece_bytes, max_carry_bytes: 1 << 30, threads, ..Limits::default() };
            let (_, out) = run(&cleaner, input.as_bytes(), limits).unwrap();
            proptest::prop_assert!(out == cleaner.clean(&input).text, "{:?}", unit);
        }
    }

    // See: issue #14 (16 MiB of tiny blocks on one line held 288 MB).
    #[test]
    fn one_line_of_tiny_blocks_is_cut_at_block_tags() {
        assert_eq!(cut_point("<p>a</p><p>b</p>", 10, 100), (16, Join::Block));
        assert_eq!(cut_point("x<div hidden>a<div hidden>b", 10, 100), (14, Join::Block));
        assert_eq!(cut_point("<b>a</b><i>b</i>", 10, 100).0, 0);
        assert_eq!(cut_point("x\" />y\" />z", 5, 100), (10, Join::Block));
        assert_eq!(cut_point("a <img alt=\"x\" />b", 5, 100).0, 0);
        assert_eq!(cut_point("a<br>b<br><br>cde", 5, 100), (14, Join::Block));
        assert_eq!(cut_point("a<br>b<br>cde", 5, 100), (10, Join::Line));
        // Repeated units make repeated blocks: the near-duplicate filter would see them differently
        // across a cut, which is not what is tested here.
        let cleaner = Cleaner::builder().dedupe(false).build().unwrap();
        let limits = Limits { piece_bytes: 64, max_carry_bytes: 1 << 20, ..Limits::default() };
        for unit in [
            "<p>wort</p>",
            "<div>eins</div><li>zwei</li>",
            "<p class=x>Ein Satz.</P>",
            "Bild eins\" />",
            "Wort x\" > ",
            "w<br><br>",
            "eins<br>zwei<br/>\n",
        ] {
            let input = unit.repeat(500);
            for threads in [1, 2, 5] {
                for max_part_boundaries in [7, usize::MAX] {
                    let limits = Limits { threads, max_part_boundaries, ..limits };
                    let (_, out) = run(&cleaner, input.as_bytes(), limits).unwrap();
                    assert_eq!(out, cleaner.clean(&input).text, "{unit}");
                }
            }
        }
    }

    // See: issue #14 (16 MiB of `w` and a blank line, over and over, held 507 MB in parts of
    // a million blocks each).
    #[test]
    fn parts_hold_few_blocks_however_small_they_are() {
        assert_eq!(bounded_cut("a\n\nb\n\nc\n\nd", 3), Some((3, Join::Block)));
        assert_eq!(bounded_cut("<p>a</p><p>b</p><p>c</p>", 4), Some((8, Join::Block)));
        assert_eq!(bounded_cut("a\n\nb", 3), None);
        // Residue: a page is never cut (see `a_page_in_one_piece_takes_the_dom_path`).
        let cleaner = Cleaner::builder().dedupe(false).input(crate::Input::Text).build().unwrap();
        // (The items of one list are cut apart like any blocks: here each list has one item.)
        let input = "wort\n\n".repeat(1000) + &"<ul><li>eins</li></ul>".repeat(1000);
        let limits = Limits { max_part_boundaries: 10, ..Limits::default() };
        let (outcome, out) = run(&cleaner, input.as_bytes(), limits).unwrap();
        assert!(out == cleaner.clean(&input).text, "parts change the text");
        assert_eq!(outcome.stats.blocks_out, 2000);
    }

    // A part of tiny blocks is cut near its limit, found in the head's last stretch: the block
    // tag far before it is not searched for (a search of the whole head for every part cost
    // the reader of `w<br><br>` a fifth of the cleaning). What the tail cannot settle, the
    // whole head does.
    #[test]
    fn a_bounded_cut_is_looked_for_near_the_limit_first() {
        let text = "<p>a</p>".to_owned() + &"w<br><br>".repeat(10_000);
        let (cut, join) = bounded_cut(&text, 12_000).unwrap();
        assert_eq!(join, Join::Block);
        assert!(cut > 8 + 9 * 2_900 && text[..cut].ends_with("<br><br>"), "{cut}");
        // Only a block tag at the start, and line breaks of one `<br>`: the whole head.
        let text = "<p>a</p>".to_owned() + &"w<br>".repeat(10_000);
        assert_eq!(bounded_cut(&text, 12_000), Some((8, Join::Block)));
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 64, ..Default::default() })]
        /// Wherever the pieces end and however many parts are cleaned at once, the text is
        /// what one clean of the whole gives (with the filters that look across blocks off:
        /// a cut is a block boundary, which they may read differently).
        #[test]
        fn cuts_anywhere_give_the_same_text(
            tokens in proptest::collection::vec(0usize..16, 1..400),
            piece_bytes in 8usize..600,
            max_carry_bytes in 32usize..2000,
            max_part_boundaries in 2usize..50,
            threads in 1usize..4,
        ) {
            const TOKENS: [&str; 16] = [
                "Wort ", "Satz. ", "<p>", "</p>", "<b>", "</b>", "\n", "\n\n", "&amp; ", "é ",
                "<div class=\"x\">", "</div>", "<h2>", "</h2>", "Wörter und mehr ", "x\" />",
            ];
            let input: String = tokens.iter().map(|&t| TOKENS[t]).collect();
            let cleaner = Cleaner::builder().glue(false).dedupe(false).boilerplate(false);
            let cleaner = cleaner.input(crate::Input::Text).build().unwrap();
            let limits = Limits { piece_bytes, max_carry_bytes, max_part_boundaries, threads };
            let (_, out) = run(&cleaner, input.as_bytes(), limits).unwrap();
            proptest::prop_assert_eq!(out, cleaner.clean(&input).text, "{:?}", input);
        }
    }

    #[test]
    fn a_page_in_one_piece_takes_the_dom_path_and_a_cut_page_is_residue() {
        let cleaner = Cleaner::builder().build().unwrap();
        let page = format!(
            "<!DOCTYPE html><html><body><nav>Home News</nav><article>{}</article></body></html>",
            "<p>Der Rat tagte am Montag, und er beschloss den Plan für die Stadt.</p>".repeat(40)
        );
        for threads in [1, 2] {
            let (outcome, out) =
                run(&cleaner, page.as_bytes(), Limits { threads, ..Limits::default() }).unwrap();
            assert_eq!(out, cleaner.clean(&page).text);
            assert_eq!((outcome.stats.pages, outcome.stats.large_pages), (1, 0));
            assert!(!out.contains("Home News"));
            let limits = Limits { threads, piece_bytes: 512, ..Limits::default() };
            let (outcome, out) = run(&cleaner, page.as_bytes(), limits).unwrap();
            assert_eq!(outcome.stats.pages, 0);
            assert_eq!(outcome.stats.large_pages, 1);
            assert!(out.contains("Der Rat tagte am Montag"));
            // A file whose size is known and within `dom_max_page_bytes` is read whole,
            // however small the pieces, and however many tags it has.
            let stop = AtomicBool::new(false);
            let limits = Limits { threads, piece_bytes: 512, max_part_boundaries: 8, ..Limits::default() };
            let size = Some(page.len() as u64);
            let (outcome, _) =
                clean_stream_with(&cleaner, page.as_bytes(), size, &stop, limits, || Ok(Vec::new())).unwrap();
            assert_eq!((outcome.stats.pages, outcome.stats.large_pages), (1, 0));
        }
    }

    #[test]
    fn a_skipped_stream_opens_no_output() {
        let cleaner = Cleaner::builder().build().unwrap();
        let mut opened = false;
        let stop = AtomicBool::new(false);
        let r = clean_stream(&cleaner, &b"%PDF-1.4 ..."[..], Some(12), &stop, || {
            opened = true;
            Ok(Vec::new())
        });
        assert!(matches!(r, Err(StreamError::Skip(Skip::Binary(_)))));
        assert!(!opened);
    }

    // See: issue #8 (NUL bytes after the first window passed through).
    #[test]
    fn a_stream_that_turns_binary_is_an_error() {
        let cleaner = Cleaner::builder().build().unwrap();
        let mut input = b"Some text.\n\n".repeat(100);
        let at = input.len() as u64;
        input.extend(std::iter::repeat_n(0u8, 5000));
        let limits = Limits { piece_bytes: 256, max_carry_bytes: 1024, ..Limits::default() };
        assert!(matches!(run(&cleaner, &input, limits), Err(StreamError::BinaryAt(n)) if n == at));
    }

    #[test]
    fn malformed_bytes_are_counted_and_a_stop_abandons_the_stream() {
        let cleaner = Cleaner::builder().build().unwrap();
        let (o, out) =
            run(&cleaner, b"Gr\xc3\xbc\xc3\x9fe \xff aus K\xc3\xb6ln und M\xc3\xbcnchen.", Limits::default())
                .unwrap();
        assert_eq!((out.as_str(), o.stats.malformed), ("Grüße \u{fffd} aus Köln und München.\n", 1));
        let stop = AtomicBool::new(true);
        let input = b"a\n\n".repeat(1000);
        let limits = Limits { piece_bytes: 100, max_carry_bytes: 1000, ..Limits::default() };
        let r = clean_stream_with(&cleaner, &input[..], None, &stop, limits, || Ok(Vec::new()));
        assert!(matches!(r, Err(StreamError::Stopped)));
    }
}
