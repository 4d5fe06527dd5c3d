//! Provides decoding: bytes of unknown encoding become UTF-8 text, or a [`Skip`] saying why
//! they are not text at all.
//!
//! Order of evidence: a byte-order mark (UTF-8, UTF-16LE/BE); bytes that are UTF-8 (valid,
//! or valid but for a few bad or cut sequences, which become U+FFFD and are counted: crawls
//! cut pages at a byte limit and scrapers splice bytes, and such text is still UTF-8); a
//! `<meta charset>` (or `http-equiv` content type) in the first KiBs of an HTML page; and
//! last, detection from the bytes (chardetng, the detector Firefox uses) among the legacy
//! encodings (windows-1252, ISO-8859-x, KOI8-R, Shift_JIS, GBK, …). Binary input (a NUL byte
//! or a known file signature near the start, or mostly control bytes) is a skip, as is empty
//! input.
//!
//! [`StreamDecoder`] decodes a file in pieces, so a huge file never has to be in memory at
//! once: the first piece decides the encoding, the decoder carries partial characters over.

use std::borrow::Cow;
use std::fmt;

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// How much of the start of the input decides the encoding and binary-ness.
///
/// ```
/// assert_eq!(descrape::decode::SNIFF_BYTES, 64 * 1024);
/// ```
pub const SNIFF_BYTES: usize = 64 * 1024;
/// The window searched for a NUL byte and file signatures (what ripgrep looks at, too).
const BINARY_SNIFF_BYTES: usize = 8 * 1024;
/// The window searched for `<meta charset>`: HTML says it must be in the first 1024 bytes;
/// real pages put it later.
const META_SNIFF_BYTES: usize = 8 * 1024;

/// Why input is not cleaned.
///
/// ```
/// assert_eq!(descrape::decode(b"").unwrap_err(), descrape::Skip::Empty);
/// assert!(matches!(descrape::decode(b"%PDF-1.4\n\0\0").unwrap_err(), descrape::Skip::Binary(_)));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Skip {
    /// No bytes at all.
    Empty,
    /// Not text: what it looks like (`"PDF document"`, `"NUL bytes"` …).
    Binary(&'static str),
}

impl std::error::Error for Skip {}

impl fmt::Display for Skip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Skip::Empty => write!(f, "empty"),
            Skip::Binary(what) => write!(f, "binary ({what})"),
        }
    }
}

/// Decoded text and what it was.
///
/// ```
/// let d = descrape::decode(b"Gr\xfc\xdfe aus K\xf6ln")?;
/// assert_eq!((d.text.as_ref(), d.encoding), ("Grüße aus Köln", "windows-1252"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded<'a> {
    /// The text. Borrowed when the input was UTF-8 without a BOM and without errors.
    pub text: Cow<'a, str>,
    /// The encoding's WHATWG name (`"UTF-8"`, `"windows-1252"` …).
    pub encoding: &'static str,
    /// Byte sequences that were malformed in that encoding and became U+FFFD.
    pub malformed: u64,
}

/// Decodes a whole input.
///
/// ```
/// let d = descrape::decode("Grüße \u{fffd}".as_bytes())?;
/// assert_eq!((d.encoding, d.malformed), ("UTF-8", 0));
/// // UTF-8 but for a bad byte: four good characters to one bad one decide.
/// let d = descrape::decode(b"Gr\xc3\xbc\xc3\x9fe \xff aus M\xc3\xbcnchen und K\xc3\xb6ln")?;
/// assert_eq!((d.text.as_ref(), d.malformed), ("Grüße \u{fffd} aus München und Köln", 1));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, Skip> {
    let mut d = StreamDecoder::sniff(bytes, true)?;
    if d.encoding == UTF_8 && !bytes.starts_with(b"\xEF\xBB\xBF") {
        if let Ok(s) = std::str::from_utf8(bytes) {
            return Ok(Decoded { text: Cow::Borrowed(s), encoding: UTF_8.name(), malformed: 0 });
        }
    }
    let mut out = String::new();
    let malformed = d.decode(bytes, true, &mut out);
    Ok(Decoded { text: Cow::Owned(out), encoding: d.encoding_name(), malformed })
}

/// Decodes a whole input whose encoding a label names (an HTTP `charset`): the same tests for
/// empty and binary input and for a byte-order mark as [`decode`], then the label when it is
/// one encoding_rs knows, else detection.
///
/// ```
/// let d = descrape::decode::decode_labelled(b"caf\xe9", Some("iso-8859-1"))?;
/// assert_eq!((d.text.as_ref(), d.encoding), ("café", "windows-1252"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn decode_labelled<'a>(bytes: &'a [u8], label: Option<&str>) -> Result<Decoded<'a>, Skip> {
    let Some(enc) = label.and_then(|l| Encoding::for_label(l.trim().as_bytes())) else {
        return decode(bytes);
    };
    let enc = choose(bytes, || enc)?;
    let mut d = StreamDecoder { encoding: enc, decoder: enc.new_decoder_with_bom_removal() };
    let mut out = String::new();
    let malformed = d.decode(bytes, true, &mut out);
    Ok(Decoded { text: Cow::Owned(out), encoding: d.encoding_name(), malformed })
}

/// Decodes an input piece by piece.
///
/// ```
/// let bytes = "Köln".as_bytes();
/// let mut d = descrape::StreamDecoder::sniff(bytes, false)?;
/// let mut text = String::new();
/// d.decode(&bytes[..2], false, &mut text); // `Kö` cut inside the `ö`
/// d.decode(&bytes[2..], true, &mut text);
/// assert_eq!((text.as_str(), d.encoding_name()), ("Köln", "UTF-8"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct StreamDecoder {
    encoding: &'static Encoding,
    decoder: encoding_rs::Decoder,
}

impl fmt::Debug for StreamDecoder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StreamDecoder").field("encoding", &self.encoding.name()).finish()
    }
}

impl StreamDecoder {
    /// Decides the encoding from the start of the input (`head`, ideally [`SNIFF_BYTES`]
    /// long; `is_all` when it is the whole input), or says why the input is skipped.
    ///
    /// ```
    /// let d = descrape::StreamDecoder::sniff(b"\xff\xfeh\0i\0", true)?;
    /// assert_eq!(d.encoding_name(), "UTF-16LE");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn sniff(head: &[u8], is_all: bool) -> Result<StreamDecoder, Skip> {
        let encoding = choose(head, || detect(head, is_all))?;
        Ok(StreamDecoder { encoding, decoder: encoding.new_decoder_with_bom_removal() })
    }

    /// Decodes the next piece into `out` (appending). `last` on the final piece. Returns
    /// how many malformed byte sequences became U+FFFD.
    ///
    /// ```
    /// let mut d = descrape::StreamDecoder::sniff(b"abc", true)?;
    /// let mut out = String::new();
    /// assert_eq!(d.decode(b"ab\xffc", true, &mut out), 1); // one malformed sequence
    /// assert_eq!(out, "ab\u{fffd}c");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn decode(&mut self, bytes: &[u8], last: bool, out: &mut String) -> u64 {
        use encoding_rs::DecoderResult;
        let mut malformed = 0;
        let mut input = bytes;
        loop {
            let need = self.decoder.max_utf8_buffer_length_without_replacement(input.len());
            out.reserve(need.unwrap_or(input.len() * 3 + 16).max(4));
            let (result, read) = self.decoder.decode_to_string_without_replacement(input, out, last);
            input = input.get(read..).unwrap_or_default();
            match result {
                DecoderResult::InputEmpty => return malformed,
                DecoderResult::OutputFull => {}
                DecoderResult::Malformed(..) => {
                    malformed += 1;
                    out.push(char::REPLACEMENT_CHARACTER);
                }
            }
        }
    }

    /// The encoding's WHATWG name.
    ///
    /// ```
    /// assert_eq!(descrape::StreamDecoder::sniff(b"plain", true)?.encoding_name(), "UTF-8");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn encoding_name(&self) -> &'static str {
        self.encoding.name()
    }
}

/// The tests every input goes through, in order: empty, a byte-order mark (which wins),
/// binary; then `otherwise` names the encoding.
fn choose(head: &[u8], otherwise: impl FnOnce() -> &'static Encoding) -> Result<&'static Encoding, Skip> {
    if head.is_empty() {
        return Err(Skip::Empty);
    }
    if let Some((enc, _)) = Encoding::for_bom(head) {
        return Ok(enc);
    }
    match binary_kind(head) {
        Some(what) => Err(Skip::Binary(what)),
        None => Ok(otherwise()),
    }
}

/// The encoding of input without a BOM.
fn detect(head: &[u8], is_all: bool) -> &'static Encoding {
    if is_mostly_utf8(head) {
        return UTF_8;
    }
    if let Some(enc) = meta_charset(head) {
        // A page that says UTF-8 but is not: the declaration is wrong, detect instead.
        if enc != UTF_8 && enc != UTF_16LE && enc != UTF_16BE {
            return enc;
        }
    }
    // ISO-2022-JP is an escape-based encoding crawl dumps almost never hold; detecting it
    // would let ESC-laden binary junk pass as Japanese.
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(head, is_all);
    det.guess(None, chardetng::Utf8Detection::Allow)
}

/// UTF-8 but for a few bad sequences: at least [`UTF8_VALID_PER_ERROR`] valid multi-byte
/// characters for every malformed sequence. A character cut at the end of the head is no
/// error (the head may end mid-character, and crawls cut pages at a byte limit).
///
/// Text in a legacy encoding almost never holds valid UTF-8 sequences: in windows-1252 a
/// lead byte is a capital accented letter (`Ã`, `Â`) and the continuation bytes are
/// punctuation, a pair that only mojibake writes. So a few valid sequences against many
/// errors is a legacy encoding, many valid ones against a few errors is damaged UTF-8.
fn is_mostly_utf8(head: &[u8]) -> bool {
    let mut rest = head;
    let (mut valid_multibyte, mut errors) = (0usize, 0usize);
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                valid_multibyte += count_multibyte(s);
                break;
            }
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                valid_multibyte += count_multibyte(std::str::from_utf8(good).unwrap_or_default());
                match e.error_len() {
                    // A sequence cut by the end of the head.
                    None => break,
                    Some(n) => {
                        errors += 1;
                        rest = bad.get(n..).unwrap_or_default();
                    }
                }
            }
        }
    }
    errors == 0 || valid_multibyte >= errors.saturating_mul(UTF8_VALID_PER_ERROR)
}

/// How many valid multi-byte characters each malformed sequence must be outweighed by for
/// text to be read as UTF-8.
const UTF8_VALID_PER_ERROR: usize = 4;

/// Characters of more than one byte in `s`: the bytes that are not continuation bytes,
/// less the ASCII ones.
fn count_multibyte(s: &str) -> usize {
    s.bytes().filter(|&b| b >= 0xC0).count()
}

/// What binary input looks like, from its first bytes.
fn binary_kind(head: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"%PDF-", "PDF document"),
        (b"\x89PNG\r\n\x1a\n", "PNG image"),
        (b"GIF87a", "GIF image"),
        (b"GIF89a", "GIF image"),
        (b"\xFF\xD8\xFF", "JPEG image"),
        (b"RIFF", "RIFF media"),
        (b"PK\x03\x04", "ZIP archive"),
        (b"\x1F\x8B", "gzip data"),
        (b"\x28\xB5\x2F\xFD", "zstd data"),
        (b"BZh", "bzip2 data"),
        (b"\xFD7zXZ\x00", "xz data"),
        (b"7z\xBC\xAF\x27\x1C", "7-zip archive"),
        (b"\x7FELF", "ELF executable"),
        (b"OggS", "Ogg media"),
        (b"ID3", "MP3 audio"),
        (b"wOFF", "web font"),
        (b"wOF2", "web font"),
    ];
    if let Some((_, what)) = SIGNATURES.iter().find(|(sig, _)| head.starts_with(sig)) {
        return Some(what);
    }
    let window = head.get(..BINARY_SNIFF_BYTES).unwrap_or(head);
    if memchr::memchr(0, window).is_some() {
        return Some("NUL bytes");
    }
    // Control bytes other than tab, newlines, form feed and escape: text has almost none.
    let control =
        window.iter().filter(|&&c| c < 0x20 && !matches!(c, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B)).count();
    (control * 10 > window.len()).then_some("control bytes")
}

/// The encoding a page declares in `<meta charset=…>` or `<meta http-equiv=… content="…;
/// charset=…">` near its start.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let window = head.get(..META_SNIFF_BYTES).unwrap_or(head);
    let finder = memchr::memmem::Finder::new(b"charset");
    let mut from = 0;
    while let Some(i) = window.get(from..).and_then(|w| find_ascii_ci(w, &finder)) {
        let at = from + i + b"charset".len();
        let rest = window.get(at..)?;
        let rest = trim_start(rest);
        if let Some(after_eq) = rest.strip_prefix(b"=") {
            let value = trim_start(after_eq);
            let value = value.strip_prefix(b"\"").or_else(|| value.strip_prefix(b"'")).unwrap_or(value);
            let len = value
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b':' | b'.'))
                .count();
            if let Some(enc) = value.get(..len).and_then(Encoding::for_label) {
                return Some(enc);
            }
        }
        from = at;
    }
    None
}

fn find_ascii_ci(hay: &[u8], finder: &memchr::memmem::Finder<'_>) -> Option<usize> {
    // Pages write `charset` in lowercase almost always; also try the two other spellings seen.
    let lower = finder.find(hay);
    let upper = memchr::memmem::find(hay, b"CHARSET");
    let title = memchr::memmem::find(hay, b"Charset");
    [lower, upper, title].into_iter().flatten().min()
}

fn trim_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    b.get(n..).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(bytes: &[u8]) -> (String, &'static str) {
        let d = decode(bytes).unwrap();
        (d.text.into_owned(), d.encoding)
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(dec("Größe".as_bytes()), ("Größe".into(), "UTF-8"));
        assert_eq!(dec(b"\xEF\xBB\xBFGr\xC3\xB6\xC3\x9Fe"), ("Größe".into(), "UTF-8"));
        assert!(matches!(decode("x".as_bytes()).unwrap().text, Cow::Borrowed(_)));
    }

    #[test]
    fn utf16_with_bom() {
        let le: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("Größe".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(dec(&le), ("Größe".into(), "UTF-16LE"));
        let be: Vec<u8> =
            [0xFE, 0xFF].into_iter().chain("Größe".encode_utf16().flat_map(u16::to_be_bytes)).collect();
        assert_eq!(dec(&be), ("Größe".into(), "UTF-16BE"));
    }

    #[test]
    fn legacy_encodings_are_detected() {
        let (text, _, _) =
            encoding_rs::WINDOWS_1252.encode("Les travaux, menés à l’été, ont coûté très cher à la commune.");
        assert_eq!(
            dec(&text),
            ("Les travaux, menés à l’été, ont coûté très cher à la commune.".into(), "windows-1252")
        );
        let (text, _, _) = encoding_rs::SHIFT_JIS.encode("東京都の天気は晴れです。明日は雨が降るでしょう。");
        assert_eq!(dec(&text), ("東京都の天気は晴れです。明日は雨が降るでしょう。".into(), "Shift_JIS"));
        let (text, _, _) = encoding_rs::KOI8_R.encode("Москва - столица России, крупнейший город страны.");
        assert_eq!(dec(&text).0, "Москва - столица России, крупнейший город страны.");
    }

    #[test]
    fn meta_charset_decides_for_html() {
        let (body, _, _) =
            encoding_rs::WINDOWS_1252.encode("<html><head><meta charset=\"iso-8859-1\"></head><p>café</p>");
        assert_eq!(dec(&body).0, "<html><head><meta charset=\"iso-8859-1\"></head><p>café</p>");
        let page = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\"><p>\xcf\xf0\xe8\xe2\xe5\xf2</p>";
        assert_eq!(
            dec(page).0,
            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\"><p>Привет</p>"
        );
    }

    #[test]
    fn binary_and_empty_are_skipped() {
        assert_eq!(decode(b""), Err(Skip::Empty));
        assert_eq!(decode(b"%PDF-1.7\n..."), Err(Skip::Binary("PDF document")));
        assert_eq!(decode(b"\x89PNG\r\n\x1a\n\0\0"), Err(Skip::Binary("PNG image")));
        assert_eq!(decode(b"text\0more"), Err(Skip::Binary("NUL bytes")));
        assert_eq!(Skip::Binary("PDF document").to_string(), "binary (PDF document)");
    }

    #[test]
    fn stream_decoding_carries_characters_over_pieces() {
        let bytes = "aé€😀b".as_bytes();
        for cut in 0..bytes.len() {
            let mut d = StreamDecoder::sniff(bytes, true).unwrap();
            let mut out = String::new();
            d.decode(&bytes[..cut], false, &mut out);
            d.decode(&bytes[cut..], true, &mut out);
            assert_eq!(out, "aé€😀b", "cut at {cut}");
        }
    }

    #[test]
    fn a_utf8_head_cut_inside_a_character_is_still_utf8() {
        let bytes = "ab€".as_bytes();
        assert!(is_mostly_utf8(&bytes[..3]));
        let d = decode(&bytes[..3]).unwrap();
        assert_eq!((d.text.as_ref(), d.encoding, d.malformed), ("ab\u{fffd}", "UTF-8", 1));
    }

    // See: issue #8 (one bad byte turned a whole UTF-8 file into mojibake).
    #[test]
    fn utf8_with_a_few_bad_bytes_is_still_utf8() {
        let d = decode(b"<p>Sch\xc3\xb6ne Gr\xc3\xbc\xc3\x9fe \xc3\xbcber Gr\xc3").unwrap();
        assert_eq!(
            (d.text.as_ref(), d.encoding, d.malformed),
            ("<p>Schöne Grüße über Gr\u{fffd}", "UTF-8", 1)
        );
        let d = decode(b"K\xc3\xb6ln \xff und M\xc3\xbcnchen, D\xc3\xbcsseldorf, N\xc3\xbcrnberg").unwrap();
        assert_eq!((d.encoding, d.malformed), ("UTF-8", 1));
        assert_eq!(d.text, "Köln \u{fffd} und München, Düsseldorf, Nürnberg");
        // Latin-1 with one accidental UTF-8 pair stays Latin-1.
        let (latin, _, _) = encoding_rs::WINDOWS_1252.encode("Große Straße» in Köln, schön, müde, Grüße.");
        assert_eq!(dec(&latin).0, "Große Straße» in Köln, schön, müde, Grüße.");
    }

    #[test]
    fn stream_decoding_counts_malformed_sequences() {
        let mut d = StreamDecoder::sniff("é".as_bytes(), true).unwrap();
        let mut out = String::new();
        assert_eq!(d.decode(b"a\xffb\xfe\xc3", true, &mut out), 3);
        assert_eq!(out, "a\u{fffd}b\u{fffd}\u{fffd}");
    }
}
