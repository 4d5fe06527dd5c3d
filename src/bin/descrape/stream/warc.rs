//! `--warc`: WARC and WET files in, one JSON record per HTML page out.
//!
//! The reader is ours, and streaming: it reads one record's header block (bounded), then its
//! body of `Content-Length` bytes, and holds only that body; a body over
//! [`MAX_RECORD_BYTES`] is skipped unread. (The `warc` crate was tried first: its reader zeroes
//! a 1 MiB buffer for every record, panics on a header value that is not UTF-8, and cannot
//! find the next record after a malformed one; a crawl has all three.) After a malformed
//! record the reader looks for the next line that starts with `WARC/` and goes on.
//!
//! A `response` record with a 2xx status and an HTML payload, or a WET `conversion` record,
//! becomes `{"url","warc_record_id","date","content_type","lang","text"}`; everything else is
//! skipped and counted by reason.

use std::io::{BufRead, Read};

use descrape::{Cleaner, Stats};
use serde_json::json;

/// Records with a longer body are skipped: no web page is this large, and the body must be
/// held in memory to be cleaned.
pub const MAX_RECORD_BYTES: u64 = 64 << 20;
/// The longest header block accepted.
const MAX_HEADER_BYTES: usize = 64 << 10;
/// How far into a page the `<html lang>` declaration is looked for.
const LANG_SNIFF_BYTES: usize = 8 * 1024;

/// What the reader found: a record to clean, or a reason it was skipped.
pub enum Item {
    Record(Box<Record>),
    Skipped(String),
    /// Something unreadable: why. Reading goes on at the next record, if any.
    Broken(String),
}

/// A record to clean, with the headers the output needs.
pub struct Record {
    kind: Kind,
    url: String,
    id: String,
    date: String,
    content_type: String,
    identified_lang: Option<String>,
    body: Vec<u8>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// An HTTP response; the body starts with the status line and headers.
    Response,
    /// A WET conversion record: extracted text.
    Conversion,
}

impl Item {
    /// Bytes the item holds, for batching.
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

/// Reads every record of `reader`, pushing what it finds; stops when `push` returns false.
pub fn read(mut reader: impl BufRead, push: &mut dyn FnMut(Item) -> bool) {
    let mut line = Vec::new();
    loop {
        let headers = match read_headers(&mut reader, &mut line) {
            Ok(Some(h)) => h,
            Ok(None) => return,
            Err(why) => {
                if !push(Item::Broken(why)) || !resync(&mut reader, &mut line) {
                    return;
                }
                continue;
            }
        };
        let Some(length) = headers.length else {
            if !push(Item::Broken("WARC record without Content-Length".into()))
                || !resync(&mut reader, &mut line)
            {
                return;
            }
            continue;
        };
        let kind = match headers.kind.to_ascii_lowercase().as_str() {
            "response" => Some(Kind::Response),
            "conversion" => Some(Kind::Conversion),
            _ => None,
        };
        let item = match kind {
            None => {
                let k = if headers.kind.is_empty() {
                    "untyped".to_owned()
                } else {
                    headers.kind.to_ascii_lowercase()
                };
                if skip(&mut reader, length).is_err() {
                    push(Item::Broken("the input ends inside a record".into()));
                    return;
                }
                Item::Skipped(format!("{k} record"))
            }
            Some(_) if length > MAX_RECORD_BYTES => {
                if skip(&mut reader, length).is_err() {
                    push(Item::Broken("the input ends inside a record".into()));
                    return;
                }
                Item::Skipped("record too large".into())
            }
            Some(kind) => {
                let mut body = Vec::with_capacity(usize::try_from(length).unwrap_or(0));
                match reader.by_ref().take(length).read_to_end(&mut body) {
                    Ok(n) if n as u64 == length => {}
                    _ => {
                        push(Item::Broken("the input ends inside a record".into()));
                        return;
                    }
                }
                Item::Record(Box::new(Record {
                    kind,
                    url: headers.url,
                    id: headers.id,
                    date: headers.date,
                    content_type: headers.content_type,
                    identified_lang: headers.identified_lang,
                    body,
                }))
            }
        };
        if !push(item) {
            return;
        }
    }
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
            "warc-target-uri" => h.url = value,
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

/// A cleaned record, or why it was skipped.
pub enum Output {
    Json { line: Vec<u8>, stats: Box<Stats> },
    Skipped(String),
    Broken(String),
}

/// Cleans one item into its JSON line.
pub fn clean(cleaner: &Cleaner, stats_field: Option<&str>, item: Item) -> Output {
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
    let text = match decode(&payload, &content_type) {
        Ok(t) => t,
        Err(why) => return Output::Skipped(why),
    };
    let lang_in_page = if record.kind == Kind::Response { html_lang(&text) } else { None };
    let cleaned = cleaner.clean(&text);
    let lang = lang_in_page.or(declared_lang).or(record.identified_lang).or(cleaned.lang);
    let mut value = json!({
        "url": record.url,
        "warc_record_id": record.id,
        "date": record.date,
        "content_type": content_type,
        "lang": lang,
        "text": cleaned.text.strip_suffix('\n').unwrap_or(&cleaned.text),
    });
    if let (Some(name), Some(obj)) = (stats_field, value.as_object_mut()) {
        obj.insert(name.to_owned(), serde_json::to_value(&cleaned.stats).unwrap_or_default());
    }
    let mut line = serde_json::to_vec(&value).unwrap_or_default();
    line.push(b'\n');
    Output::Json { line, stats: Box::new(cleaned.stats) }
}

/// The payload of an HTTP response with a 2xx status and an HTML content type, de-chunked
/// and decompressed; with its content type and `Content-Language`.
fn http_payload(body: &[u8]) -> Result<(Vec<u8>, String, Option<String>), String> {
    let (head_len, sep) = match memchr::memmem::find(body, b"\r\n\r\n") {
        Some(i) => (i, 4),
        None => memchr::memmem::find(body, b"\n\n").map(|i| (i, 2)).ok_or("no HTTP headers")?,
    };
    let head = String::from_utf8_lossy(body.get(..head_len).unwrap_or_default());
    let mut lines = head.lines();
    let status = lines.next().unwrap_or("");
    let code: u16 = status.split_whitespace().nth(1).and_then(|c| c.parse().ok()).ok_or("no HTTP status")?;
    if !(200..300).contains(&code) {
        return Err("HTTP status not 2xx".into());
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
        return Err("not HTML".into());
    }
    let mut payload = body.get(head_len + sep..).unwrap_or_default().to_vec();
    if chunked {
        payload = dechunk(&payload);
    }
    payload = match encoding.as_str() {
        "" | "identity" => payload,
        "gzip" | "x-gzip" => inflate(flate2::read::MultiGzDecoder::new(&payload[..]))?,
        "deflate" => inflate(flate2::read::ZlibDecoder::new(&payload[..]))?,
        other => return Err(format!("content encoding {other} not supported")),
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

/// Decodes a payload: the charset of its content type if it names one, else descrape's own
/// detection (BOM, `<meta charset>`, bytes).
fn decode(payload: &[u8], content_type: &str) -> Result<String, String> {
    let label = content_type.to_ascii_lowercase().split("charset=").nth(1).map(|c| {
        c.trim_matches(|ch: char| ch == '"' || ch == '\'' || ch.is_whitespace())
            .split(';')
            .next()
            .unwrap_or("")
            .to_owned()
    });
    if let Some(enc) = label.and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes())) {
        if payload.is_empty() {
            return Err("empty".into());
        }
        return Ok(enc.decode(payload).0.into_owned());
    }
    descrape::decode(payload).map(|d| d.text.into_owned()).map_err(|s| s.to_string())
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
                "broken WARC record without Content-Length",
                "record https://a/"
            ]
        );
        let truncated = &good.as_bytes()[..good.len() - 10];
        assert_eq!(read_all(truncated), ["broken the input ends inside a record"]);
        assert_eq!(read_all(b""), Vec::<String>::new());
        assert_eq!(read_all(b"not a warc at all\n"), ["broken not a WARC record"]);
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
        assert_eq!(http_payload(b"HTTP/1.1 404 Not Found\r\n\r\nx").unwrap_err(), "HTTP status not 2xx");
        assert_eq!(
            http_payload(b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\nx").unwrap_err(),
            "not HTML"
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
        assert_eq!(decode(&latin, "text/html; charset=ISO-8859-1").unwrap(), "café");
        assert_eq!(decode("café".as_bytes(), "text/html").unwrap(), "café");
    }
}
