//! WARC and WET files: a streaming reader of records, and the HTTP handling that turns a
//! record into a page to clean.
//!
//! The reader is ours: it reads one record's header block (bounded), then its body of
//! `Content-Length` bytes, and holds only that body; a body over [`MAX_RECORD_BYTES`] is
//! skipped unread. (The `warc` crate was tried first: its reader zeroes a 1 MiB buffer for
//! every record, panics on a header value that is not UTF-8, and cannot find the next record
//! after a malformed one; a crawl has all three.)
//!
//! Damage it survives, each reported with the record's byte offset in the (decompressed)
//! stream: a malformed record (reading resumes at the next line that starts with `WARC/`); a
//! `Content-Length` too short (the bytes after the body are not the end of a record: the
//! record is reported and the reader resyncs) or too long (the body swallowed the next
//! record's start: the reader goes back to it). Input that does not start as a WARC file is
//! reported once and not read further.
//!
//! A `response` record with a 2xx status and an HTML payload, or a WET `conversion` record,
//! becomes a [`Page`]; everything else is skipped and counted by reason. A payload whose
//! `Content-Encoding` says gzip but is not (ClueWeb's quirk) is read as it is.

use std::io::{BufRead, Cursor, Read};

use crate::{Cleaner, Stats};

/// Records with a longer body are skipped: no web page is this large, and the body must be
/// held in memory to be cleaned.
///
/// ```
/// assert_eq!(descrape::stream::warc::MAX_RECORD_BYTES, 64 << 20);
/// ```
pub const MAX_RECORD_BYTES: u64 = 64 << 20;
/// The longest header block accepted.
const MAX_HEADER_BYTES: usize = 64 << 10;
/// How far into a page the `<html lang>` declaration is looked for.
const LANG_SNIFF_BYTES: usize = 8 * 1024;

/// What the reader found: a record to clean, or a reason it was skipped.
///
/// ```
/// let body = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Hallo.</p>";
/// let warc = format!("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://x.org/\r\nContent-Length: {}\r\n\r\n{body}\r\n\r\n", body.len());
/// let items: Vec<_> = descrape::stream::warc::records(warc.as_bytes()).collect();
/// assert!(matches!(items[0], descrape::stream::warc::Item::Record(_)));
/// ```
#[derive(Debug)]
pub enum Item {
    /// A record that may hold a page.
    Record(Box<Record>),
    /// Not a page: why (`"request record"`, `"record too large"` …).
    Skipped(Skip),
    /// Something unreadable: why, with its offset. Reading goes on at the next record, if any.
    Broken(String),
}

/// A record to clean, with the headers the output needs.
///
/// ```
/// let body = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Hallo.</p>";
/// let warc = format!("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://x.org/\r\nContent-Length: {}\r\n\r\n{body}\r\n\r\n", body.len());
/// if let Some(descrape::stream::warc::Item::Record(r)) = descrape::stream::warc::records(warc.as_bytes()).next() {
///     assert!(format!("{r:?}").contains("https://x.org/"));
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct Record {
    kind: Kind,
    url: String,
    id: String,
    date: String,
    content_type: String,
    identified_lang: Option<String>,
    body: Vec<u8>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// An HTTP response; the body starts with the status line and headers.
    Response,
    /// A WET conversion record: extracted text.
    Conversion,
}

impl Item {
    /// Bytes the item holds, for batching.
    ///
    /// ```
    /// let body = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Hallo.</p>";
    /// let warc = format!("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://x.org/\r\nContent-Length: {}\r\n\r\n{body}\r\n\r\n", body.len());
    /// let item = descrape::stream::warc::records(warc.as_bytes()).next().unwrap();
    /// assert_eq!(item.weight(), body.len());
    /// ```
    pub fn weight(&self) -> usize {
        match self {
            Item::Record(r) => r.body.len(),
            _ => 64,
        }
    }
}

/// The header fields a record's handling needs.
#[derive(Default)]
struct Headers {
    version_seen: bool,
    kind: String,
    length: Option<u64>,
    url: String,
    id: String,
    date: String,
    content_type: String,
    identified_lang: Option<String>,
}

/// A reader that counts the bytes consumed: records are reported by their offset.
struct Counted<'r> {
    inner: Box<dyn BufRead + 'r>,
    pos: u64,
}

impl Read for Counted<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl BufRead for Counted<'_> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        self.pos += amt as u64;
        self.inner.consume(amt);
    }
}

/// Reads every record of `reader`, pushing what it finds; stops when `push` returns false.
///
/// ```
/// let body = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Hallo.</p>";
/// let warc = format!("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://x.org/\r\nContent-Length: {}\r\n\r\n{body}\r\n\r\n", body.len());
/// let mut n = 0;
/// descrape::stream::warc::read(warc.as_bytes(), &mut |_item| {
///     n += 1;
///     true // go on
/// });
/// assert_eq!(n, 1);
/// ```
pub fn read<'r>(reader: impl BufRead + 'r, push: &mut dyn FnMut(Item) -> bool) {
    for item in records(reader) {
        if !push(item) {
            return;
        }
    }
}

/// The records of `reader`, one [`Item`] each, as an iterator: a page to clean, a record
/// skipped, or damage (with the byte offset) after which reading goes on.
///
/// ```
/// let body = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Hello, world.</p>\n";
/// let warc = format!("WARC/1.0\r\nWARC-Type: response\r\nContent-Length: {}\r\n\r\n{body}\r\n\r\n", body.len());
/// let cleaner = descrape::Cleaner::builder().build()?;
/// let pages: Vec<_> = descrape::stream::warc::records(warc.as_bytes())
///     .filter_map(|item| match descrape::stream::warc::clean(&cleaner, item) {
///         descrape::stream::warc::Output::Page(page) => Some(page.text),
///         _ => None,
///     })
///     .collect();
/// assert_eq!(pages, ["Hello, world."]);
/// # Ok::<(), descrape::Error>(())
/// ```
pub fn records<'r>(reader: impl BufRead + 'r) -> Records<'r> {
    Records {
        r: Counted { inner: Box::new(reader), pos: 0 },
        line: Vec::new(),
        first: true,
        done: false,
        resync: false,
    }
}

/// The iterator of [`records`].
///
/// ```
/// let mut it = descrape::stream::warc::records(&b"not a warc"[..]);
/// assert!(matches!(it.next(), Some(descrape::stream::warc::Item::Broken(_))));
/// assert!(it.next().is_none());
/// ```
pub struct Records<'r> {
    r: Counted<'r>,
    line: Vec<u8>,
    first: bool,
    done: bool,
    /// The last item was damage: find the next record's start first.
    resync: bool,
}

impl Iterator for Records<'_> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        if self.done {
            return None;
        }
        if std::mem::take(&mut self.resync) && !resync(&mut self.r, &mut self.line) {
            self.done = true;
            return None;
        }
        let item = self.read_one();
        if item.is_none() {
            self.done = true;
        }
        item
    }
}

impl Records<'_> {
    /// Damage: reported, and reading goes on at the next record's start.
    fn broken(&mut self, why: String) -> Option<Item> {
        self.resync = true;
        Some(Item::Broken(why))
    }

    fn read_one(&mut self) -> Option<Item> {
        let r = &mut self.r;
        let at = r.pos;
        let headers = match read_headers(r, &mut self.line) {
            Ok(Some(h)) => h,
            Ok(None) => return None,
            Err(why) if self.first => {
                self.done = true;
                return Some(Item::Broken(format!("not a WARC file ({why} at byte {at})")));
            }
            Err(why) => return self.broken(format!("record at byte {at}: {why}")),
        };
        self.first = false;
        let Some(length) = headers.length else {
            return self.broken(format!("record at byte {at}: no Content-Length"));
        };
        let kind = match headers.kind.to_ascii_lowercase().as_str() {
            "response" => Some(Kind::Response),
            "conversion" => Some(Kind::Conversion),
            _ => None,
        };
        // Every body that may be held is read, even one of a record to skip: a lying length
        // is only found by looking inside.
        let wanted = length <= MAX_RECORD_BYTES;
        let body_at = r.pos;
        let mut body = Vec::new();
        let complete = if wanted {
            body.reserve(usize::try_from(length).unwrap_or(0).min(1 << 20));
            r.by_ref().take(length).read_to_end(&mut body).is_ok_and(|n| n as u64 == length)
        } else {
            skip(r, length).is_ok()
        };
        if !complete || !at_record_end(r) {
            // The length lied. Too long: the body holds the next record's start; go back to it.
            if let Some(i) = embedded_record_start(&body) {
                let tail = body.split_off(i);
                let rest = std::mem::replace(&mut r.inner, Box::new(std::io::empty()));
                r.inner = Box::new(Cursor::new(tail).chain(rest));
                r.pos = body_at + i as u64;
                return Some(Item::Broken(format!(
                    "record at byte {at}: Content-Length {length} runs into the next record"
                )));
            }
            let why = if complete {
                format!("record at byte {at}: Content-Length {length} ends before the record does")
            } else {
                format!("record at byte {at}: the input ends inside the record")
            };
            return self.broken(why);
        }
        Some(match kind {
            None => {
                let k = if headers.kind.is_empty() {
                    "untyped".to_owned()
                } else {
                    headers.kind.to_ascii_lowercase()
                };
                Item::Skipped(Skip::Record(k))
            }
            Some(_) if !wanted => Item::Skipped(Skip::TooLarge),
            Some(kind) => Item::Record(Box::new(Record {
                kind,
                url: headers.url,
                id: headers.id,
                date: headers.date,
                content_type: headers.content_type,
                identified_lang: headers.identified_lang,
                body,
            })),
        })
    }
}

/// After a body: the record's blank lines, then the end of the input or the next record.
/// The blank lines are consumed; what follows is not.
fn at_record_end(r: &mut impl BufRead) -> bool {
    for _ in 0..4 {
        match r.fill_buf() {
            Ok([]) => return true,
            Ok([b'\r' | b'\n', ..]) => r.consume(1),
            Ok(_) => break,
            Err(_) => return false,
        }
    }
    match r.fill_buf() {
        Ok(buf) => {
            let n = buf.len().min(5);
            // A buffer that ends after a few bytes of `WARC/` cannot say more: take it.
            buf.get(..n) == b"WARC/".get(..n)
        }
        Err(_) => false,
    }
}

/// Where a body swallowed the start of the next record: a blank line, then a `WARC/1.x`
/// line and a `WARC-` header.
fn embedded_record_start(body: &[u8]) -> Option<usize> {
    let finder = memchr::memmem::Finder::new(b"\r\n\r\nWARC/1.");
    finder.find_iter(body).map(|i| i + 4).find(|&i| {
        let rest = body.get(i..).unwrap_or_default();
        let line_end = memchr::memchr(b'\n', rest).unwrap_or(rest.len());
        rest.get(line_end + 1..)
            .is_some_and(|next| next.starts_with(b"WARC-") || next.starts_with(b"Content-"))
    })
}

/// Reads a record's header block. `Ok(None)` at the end of the input.
fn read_headers(reader: &mut impl BufRead, line: &mut Vec<u8>) -> Result<Option<Headers>, String> {
    let mut h = Headers::default();
    let mut total = 0;
    loop {
        line.clear();
        let n = reader
            .by_ref()
            .take(MAX_HEADER_BYTES as u64)
            .read_until(b'\n', line)
            .map_err(|e| e.to_string())?;
        if n == 0 {
            return if h.version_seen {
                Err("the input ends inside a record header".into())
            } else {
                Ok(None)
            };
        }
        total += n;
        if total > MAX_HEADER_BYTES {
            return Err("WARC record header too long".into());
        }
        let text = String::from_utf8_lossy(line);
        let text = text.trim_end_matches(['\r', '\n']);
        if !h.version_seen {
            // Blank lines between records (the `\r\n\r\n` that ends each) come first.
            if text.is_empty() {
                continue;
            }
            if !text.starts_with("WARC/") {
                return Err("not a WARC record".into());
            }
            h.version_seen = true;
            continue;
        }
        if text.is_empty() {
            return Ok(Some(h));
        }
        let Some((name, value)) = text.split_once(':') else { continue };
        let value = value.trim().to_owned();
        match name.trim().to_ascii_lowercase().as_str() {
            "warc-type" => h.kind = value,
            "content-length" => h.length = value.parse().ok(),
            // wget writes the URI in angle brackets (as WARC/0.x did).
            "warc-target-uri" => {
                h.url = value
                    .strip_prefix('<')
                    .and_then(|v| v.strip_suffix('>'))
                    .map_or(value.clone(), str::to_owned)
            }
            "warc-record-id" => h.id = value,
            "warc-date" => h.date = value,
            "content-type" => h.content_type = value,
            "warc-identified-content-language" => {
                h.identified_lang =
                    value.split(',').next().map(|l| l.trim().to_owned()).filter(|l| !l.is_empty());
            }
            _ => {}
        }
    }
}

/// Reads and drops `n` bytes.
fn skip(reader: &mut impl BufRead, n: u64) -> std::io::Result<()> {
    let copied = std::io::copy(&mut reader.by_ref().take(n), &mut std::io::sink())?;
    if copied == n { Ok(()) } else { Err(std::io::ErrorKind::UnexpectedEof.into()) }
}

/// Skips to the next line that starts a record (`WARC/`), leaving it unread. False at the
/// end of the input.
fn resync(reader: &mut impl BufRead, line: &mut Vec<u8>) -> bool {
    loop {
        match reader.fill_buf() {
            Ok([]) | Err(_) => return false,
            Ok(buf) if buf.starts_with(b"WARC/") => return true,
            Ok(_) => {}
        }
        line.clear();
        match reader.by_ref().take(MAX_HEADER_BYTES as u64).read_until(b'\n', line) {
            Ok(0) | Err(_) => return false,
            Ok(_) => {}
        }
    }
}

/// A page found in a record, cleaned.
///
/// ```
/// let body = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Hallo.</p>";
/// let warc = format!("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://x.org/\r\nContent-Length: {}\r\n\r\n{body}\r\n\r\n", body.len());
/// let cleaner = descrape::Cleaner::builder().build()?;
/// let item = descrape::stream::warc::records(warc.as_bytes()).next().unwrap();
/// if let descrape::stream::warc::Output::Page(page) = descrape::stream::warc::clean(&cleaner, item) {
///     assert_eq!((page.url.as_str(), page.text.as_str()), ("https://x.org/", "Hallo."));
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, serde::Serialize)]
pub struct Page {
    /// `WARC-Target-URI`.
    pub url: String,
    /// `WARC-Record-ID`.
    pub warc_record_id: String,
    /// `WARC-Date`.
    pub date: String,
    /// The HTTP (or WET) content type.
    pub content_type: String,
    /// The page's `<html lang>`, else its `Content-Language`, else WET's identified
    /// language, else the cleaner's guess; `None` when nothing says.
    pub lang: Option<String>,
    /// The clean text, without a final newline.
    pub text: String,
    /// What cleaning did (`malformed` counts bytes the decoder replaced).
    #[serde(skip)]
    pub stats: Stats,
}

/// Why a record is no page to clean. Its text (`Display`) is what summaries count it under.
///
/// ```
/// use descrape::stream::warc::{Item, Skip, records};
/// let warc = "WARC/1.0\r\nWARC-Type: request\r\nContent-Length: 0\r\n\r\n\r\n\r\n";
/// match records(warc.as_bytes()).next() {
///     Some(Item::Skipped(why)) => assert_eq!((why.to_string().as_str(), why), ("request record", Skip::Record("request".into()))),
///     other => panic!("{other:?}"),
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Skip {
    /// Not a `response` (or WET `conversion`) record: its type (`request`, `metadata` …).
    Record(String),
    /// Longer than [`MAX_RECORD_BYTES`].
    TooLarge,
    /// A response without HTTP headers.
    NoHttpHeaders,
    /// A response without a readable status line.
    NoHttpStatus,
    /// A status outside 2xx.
    Status(u16),
    /// A content type that is not HTML.
    NotHtml,
    /// A content encoding that cannot be undone here (`br`, `zstd`).
    Encoding(String),
    /// The payload is no text (empty, binary).
    Text(crate::Skip),
}

impl std::fmt::Display for Skip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Skip::Record(kind) => write!(f, "{kind} record"),
            Skip::TooLarge => write!(f, "record too large"),
            Skip::NoHttpHeaders => write!(f, "no HTTP headers"),
            Skip::NoHttpStatus => write!(f, "no HTTP status"),
            Skip::Status(_) => write!(f, "HTTP status not 2xx"),
            Skip::NotHtml => write!(f, "not HTML"),
            Skip::Encoding(e) => write!(f, "content encoding {e} not supported"),
            Skip::Text(s) => write!(f, "{s}"),
        }
    }
}

impl std::error::Error for Skip {}

/// What became of one item.
///
/// ```
/// let body = "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<p>Hallo.</p>";
/// let warc = format!("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://x.org/\r\nContent-Length: {}\r\n\r\n{body}\r\n\r\n", body.len());
/// let cleaner = descrape::Cleaner::builder().build()?;
/// let item = descrape::stream::warc::records(warc.as_bytes()).next().unwrap();
/// assert!(matches!(descrape::stream::warc::clean(&cleaner, item), descrape::stream::warc::Output::Skipped(_)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub enum Output {
    /// A page, cleaned.
    Page(Box<Page>),
    /// Not a page: why.
    Skipped(Skip),
    /// Unreadable: why.
    Broken(String),
}

/// Cleans one item into a page, or says why there is none.
///
/// ```
/// let body = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Hallo.</p>";
/// let warc = format!("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://x.org/\r\nContent-Length: {}\r\n\r\n{body}\r\n\r\n", body.len());
/// let cleaner = descrape::Cleaner::builder().format(descrape::Format::Markdown).build()?;
/// for item in descrape::stream::warc::records(warc.as_bytes()) {
///     if let descrape::stream::warc::Output::Page(page) = descrape::stream::warc::clean(&cleaner, item) {
///         assert_eq!(page.text, "Hallo.");
///     }
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn clean(cleaner: &Cleaner, item: Item) -> Output {
    let record = match item {
        Item::Record(r) => r,
        Item::Skipped(why) => return Output::Skipped(why),
        Item::Broken(why) => return Output::Broken(why),
    };
    let (payload, content_type, declared_lang) = match record.kind {
        Kind::Conversion => (record.body, record.content_type.clone(), None),
        Kind::Response => match http_payload(&record.body) {
            Ok(p) => p,
            Err(why) => return Output::Skipped(why),
        },
    };
    let (text, malformed) = match decode(&payload, &content_type) {
        Ok(t) => t,
        Err(why) => return Output::Skipped(why),
    };
    let lang_in_page = if record.kind == Kind::Response { html_lang(&text) } else { None };
    let mut cleaned = cleaner.clean(&text);
    cleaned.stats.malformed += malformed;
    let lang = lang_in_page.or(declared_lang).or(record.identified_lang).or(cleaned.lang);
    if cleaned.text.ends_with('\n') {
        cleaned.text.pop();
    }
    Output::Page(Box::new(Page {
        url: record.url,
        warc_record_id: record.id,
        date: record.date,
        content_type,
        lang,
        text: cleaned.text,
        stats: cleaned.stats,
    }))
}

/// The payload of an HTTP response with a 2xx status and an HTML content type, de-chunked
/// and decompressed; with its content type and `Content-Language`.
fn http_payload(body: &[u8]) -> Result<(Vec<u8>, String, Option<String>), Skip> {
    let (head_len, sep) = match memchr::memmem::find(body, b"\r\n\r\n") {
        Some(i) => (i, 4),
        None => memchr::memmem::find(body, b"\n\n").map(|i| (i, 2)).ok_or(Skip::NoHttpHeaders)?,
    };
    let head = String::from_utf8_lossy(body.get(..head_len).unwrap_or_default());
    let mut lines = head.lines();
    let status = lines.next().unwrap_or("");
    let code: u16 =
        status.split_whitespace().nth(1).and_then(|c| c.parse().ok()).ok_or(Skip::NoHttpStatus)?;
    if !(200..300).contains(&code) {
        return Err(Skip::Status(code));
    }
    let mut content_type = String::new();
    let mut chunked = false;
    let mut encoding = String::new();
    let mut language = None;
    for line in lines {
        let Some((name, value)) = line.split_once(':') else { continue };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-type" => content_type = value.to_owned(),
            "transfer-encoding" => chunked = value.to_ascii_lowercase().contains("chunked"),
            "content-encoding" => encoding = value.to_ascii_lowercase(),
            "content-language" => language = value.split(',').next().map(|l| l.trim().to_owned()),
            _ => {}
        }
    }
    let ct = content_type.to_ascii_lowercase();
    if !(ct.contains("html") || ct.is_empty()) {
        return Err(Skip::NotHtml);
    }
    let mut payload = body.get(head_len + sep..).unwrap_or_default().to_vec();
    if chunked {
        payload = dechunk(&payload);
    }
    // A payload that does not inflate is read as it is: ClueWeb stored pages decompressed
    // but kept their `Content-Encoding: gzip`.
    payload = match encoding.as_str() {
        "" | "identity" => payload,
        "gzip" | "x-gzip" => inflate(flate2::read::MultiGzDecoder::new(&payload[..])).unwrap_or(payload),
        "deflate" => inflate(flate2::read::ZlibDecoder::new(&payload[..])).unwrap_or(payload),
        "br" | "brotli" | "zstd" if !looks_like_text(&payload) => {
            return Err(Skip::Encoding(encoding));
        }
        _ => payload,
    };
    Ok((payload, content_type, language))
}

fn inflate(mut r: impl Read) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    r.by_ref()
        .take(MAX_RECORD_BYTES)
        .read_to_end(&mut out)
        .map_err(|e| format!("bad compressed payload: {e}"))?;
    Ok(out)
}

/// Undoes `Transfer-Encoding: chunked`; on a malformed chunk, keeps what was read.
fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len());
    while let Some(eol) = memchr::memchr(b'\n', b) {
        let size_text = String::from_utf8_lossy(b.get(..eol).unwrap_or_default());
        let size_hex = size_text.split(';').next().unwrap_or("").trim();
        let Ok(size) = usize::from_str_radix(size_hex, 16) else { break };
        if size == 0 {
            break;
        }
        let start = eol + 1;
        let Some(chunk) = b.get(start..start.saturating_add(size)) else {
            out.extend_from_slice(b.get(start..).unwrap_or_default());
            break;
        };
        out.extend_from_slice(chunk);
        b = b.get(start + size..).unwrap_or_default();
        b = b.strip_prefix(b"\r\n").or_else(|| b.strip_prefix(b"\n")).unwrap_or(b);
    }
    out
}

/// Whether a payload starts like text (no NUL or other binary byte in its first KiB).
fn looks_like_text(payload: &[u8]) -> bool {
    let head = payload.get(..1024).unwrap_or(payload);
    !head.iter().any(|&c| c < 0x09 || (0x0E..0x20).contains(&c) && c != 0x1B)
}

/// Decodes a payload: the charset of its content type if it names one, else descrape's own
/// detection (BOM, `<meta charset>`, bytes); with the count of malformed sequences.
fn decode(payload: &[u8], content_type: &str) -> Result<(String, u64), Skip> {
    let lower = content_type.to_ascii_lowercase();
    let label = lower.split("charset=").nth(1).map(|c| {
        c.trim_matches(|ch: char| ch == '"' || ch == '\'' || ch.is_whitespace())
            .split(';')
            .next()
            .unwrap_or("")
    });
    crate::decode::decode_labelled(payload, label)
        .map(|d| (d.text.into_owned(), d.malformed))
        .map_err(Skip::Text)
}

/// The `lang` of the page's `<html>` tag, if it declares one.
fn html_lang(page: &str) -> Option<String> {
    let head = page.get(..page.len().min(LANG_SNIFF_BYTES)).or_else(|| {
        let end = (0..=LANG_SNIFF_BYTES.min(page.len())).rev().find(|&i| page.is_char_boundary(i))?;
        page.get(..end)
    })?;
    let lower = head.to_ascii_lowercase();
    let tag_start = lower.find("<html")?;
    let tag_end = lower.get(tag_start..)?.find('>').map_or(lower.len(), |i| tag_start + i);
    let tag = lower.get(tag_start..tag_end)?;
    let at = tag.find(" lang=").or_else(|| tag.find("\nlang="))? + 6;
    let value = tag.get(at..)?.trim_start_matches(['"', '\'']);
    let lang: String =
        value.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect();
    (!lang.is_empty()).then_some(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(bytes: &[u8]) -> Vec<String> {
        let mut out = Vec::new();
        read(bytes, &mut |item| {
            out.push(match item {
                Item::Record(r) => format!("record {}", r.url),
                Item::Skipped(why) => format!("skipped {why}"),
                Item::Broken(why) => format!("broken {why}"),
            });
            true
        });
        out
    }

    fn record(kind: &str, url: &str, body: &str) -> String {
        format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {url}\r\nContent-Length: {}\r\n\r\n{body}\r\n\r\n",
            body.len()
        )
    }

    #[test]
    fn records_are_read_skipped_and_resynced() {
        let good = record("response", "https://a/", "HTTP/1.1 200 OK\r\n\r\n<p>x</p>");
        let info = record("warcinfo", "", "software: x\r\n");
        let broken = "WARC/1.0\r\nWARC-Type: response\r\n\r\ngarbage\r\n\r\n";
        let input = format!("{info}{good}{broken}{good}");
        assert_eq!(
            read_all(input.as_bytes()),
            [
                "skipped warcinfo record",
                "record https://a/",
                "broken record at byte 202: no Content-Length",
                "record https://a/"
            ]
        );
        let truncated = &good.as_bytes()[..good.len() - 10];
        assert_eq!(read_all(truncated), ["broken record at byte 0: the input ends inside the record"]);
        assert_eq!(read_all(b""), Vec::<String>::new());
    }

    // See: issue #8 (`--warc /etc/passwd` exited 0; lying Content-Length; wget's <URI>).
    #[test]
    fn input_that_is_not_a_warc_file_is_said_once() {
        let passwd = "root:x:0:0:root:/root:/bin/bash\n".repeat(50);
        assert_eq!(read_all(passwd.as_bytes()), ["broken not a WARC file (not a WARC record at byte 0)"]);
    }

    #[test]
    fn a_lying_content_length_is_found_and_the_next_record_kept() {
        let body = "HTTP/1.1 200 OK\r\n\r\n<p>The whole page text.</p>";
        let lying = |len: usize| {
            format!(
                "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://a/\r\nContent-Length: {len}\r\n\r\n{body}\r\n\r\n"
            )
        };
        let next = record("response", "https://b/", "HTTP/1.1 200 OK\r\n\r\n<p>Next.</p>");
        // Too short: what follows the body is not the end of a record.
        let input = format!("{}{next}", lying(body.len() - 10));
        assert_eq!(
            read_all(input.as_bytes()),
            ["broken record at byte 0: Content-Length 36 ends before the record does", "record https://b/"]
        );
        // Too long: the body runs into the next record, which is read all the same.
        let input = format!("{}{next}", lying(body.len() + 30));
        assert_eq!(
            read_all(input.as_bytes()),
            ["broken record at byte 0: Content-Length 76 runs into the next record", "record https://b/"]
        );
        // Too long, last record: the input ends inside it.
        assert_eq!(
            read_all(lying(body.len() + 300).as_bytes()),
            ["broken record at byte 0: the input ends inside the record"]
        );
        // A right length is never second-guessed, even when the body holds a WARC file.
        let inner = record("response", "https://inner/", "x");
        let outer = record("resource", "https://outer/", &format!("{inner}{inner}"));
        assert_eq!(
            read_all(format!("{outer}{next}").as_bytes()),
            ["skipped resource record", "record https://b/"]
        );
    }

    #[test]
    fn uris_in_angle_brackets_lose_them() {
        let input = record("response", "<https://wget.example/>", "HTTP/1.1 200 OK\r\n\r\nx");
        assert_eq!(read_all(input.as_bytes()), ["record https://wget.example/"]);
    }

    #[test]
    fn a_gzip_encoding_that_is_not_gzip_is_read_as_it_is() {
        let body = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n<p>Plain after all</p>";
        assert_eq!(http_payload(body).unwrap().0, b"<p>Plain after all</p>");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, b"<p>Inflated</p>").unwrap();
        let mut body = b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        body.extend(gz.finish().unwrap());
        assert_eq!(http_payload(&body).unwrap().0, b"<p>Inflated</p>");
    }

    #[test]
    fn header_values_need_not_be_utf8() {
        let input = b"WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Target-URI: https://a/\xff\r\nContent-Length: 2\r\n\r\nhi\r\n\r\n";
        assert_eq!(read_all(input), ["record https://a/\u{fffd}"]);
    }

    #[test]
    fn http_payloads() {
        let body = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n<p>Hi\r\n6\r\n there\r\n0\r\n\r\n";
        let (payload, ct, _) = http_payload(body).unwrap();
        assert_eq!(payload, b"<p>Hi there");
        assert_eq!(ct, "text/html; charset=utf-8");
        let not_found = http_payload(b"HTTP/1.1 404 Not Found\r\n\r\nx").unwrap_err();
        assert_eq!((not_found.to_string().as_str(), &not_found), ("HTTP status not 2xx", &Skip::Status(404)));
        assert_eq!(
            http_payload(b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\nx").unwrap_err(),
            Skip::NotHtml
        );
    }

    #[test]
    fn declared_languages() {
        assert_eq!(html_lang("<!DOCTYPE html><html class=x lang=\"de-DE\"><p>"), Some("de-de".into()));
        assert_eq!(html_lang("<html><p>"), None);
    }

    #[test]
    fn charsets_from_the_content_type() {
        let (latin, _, _) = encoding_rs::WINDOWS_1252.encode("café");
        assert_eq!(decode(&latin, "text/html; charset=ISO-8859-1").unwrap(), ("café".into(), 0));
        assert_eq!(decode("café".as_bytes(), "text/html").unwrap(), ("café".into(), 0));
        // A label does not make binary data text, and a byte-order mark wins over it.
        assert!(decode(b"a\0b\0c", "text/html; charset=utf-8").is_err());
        assert_eq!(decode(b"\xEF\xBB\xBFcaf\xC3\xA9", "text/html; charset=iso-8859-1").unwrap().0, "café");
    }
}
