//! JSON Lines: one object per line in, the same object out with one field cleaned.
//!
//! The other fields pass through untouched and in order: each value is kept as the exact
//! JSON text it was (`RawValue`), so numbers, escapes and nesting come out as they went in.
//! Only the cleaned field is written anew (replaced where it was, or appended when another
//! output field is named), and the stats field when asked for. The cleaned text is in normal
//! form without the final newline a file would end with.
//!
//! A field is named by its key, or by a dotted path into nested objects (`doc.text`) when no
//! top-level key has the dotted name itself. A line whose bytes are not all UTF-8 is read with
//! U+FFFD for the bad bytes (counted in `stats.malformed`), a UTF-8 byte-order mark before a
//! line is ignored, and [`read_line`] never holds more than a bound of one line.

use std::fmt;
use std::io::{self, BufRead};

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

use crate::{Cleaner, Stats};

/// What to do with a record: which field to clean, where to put the result.
///
/// ```
/// use descrape::stream::jsonl::{Fields, LineResult, clean_line};
/// let cleaner = descrape::Cleaner::builder().build()?;
/// let fields = Fields { input: "doc.html".into(), output: "clean".into(), stats: Some("stats".into()) };
/// let LineResult::Cleaned { line, .. } = clean_line(&cleaner, &fields, br#"{"doc":{"html":"<b>x</b>"}}"#) else { panic!() };
/// let v: serde_json::Value = serde_json::from_slice(&line)?;
/// assert_eq!((v["clean"].as_str(), v["doc"]["html"].as_str()), (Some("x"), Some("<b>x</b>")));
/// assert!(v["stats"]["tags"].is_number());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct Fields {
    /// The field to clean: a key, or a dotted path into nested objects.
    pub input: String,
    /// Where the clean text goes (the input field itself, or another).
    pub output: String,
    /// Where each record's cleaning stats go, if anywhere.
    pub stats: Option<String>,
}

/// One line's result.
///
/// ```
/// use descrape::stream::jsonl::{Fields, LineResult, clean_line};
/// let cleaner = descrape::Cleaner::builder().build()?;
/// let fields = Fields { input: "text".into(), output: "text".into(), stats: None };
/// assert!(matches!(clean_line(&cleaner, &fields, b"  "), LineResult::Blank));
/// assert!(matches!(clean_line(&cleaner, &fields, b"{\"body\":\"x\"}"), LineResult::NoField { .. }));
/// assert!(matches!(clean_line(&cleaner, &fields, b"{oops"), LineResult::Bad { .. }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub enum LineResult {
    /// The cleaned record (with its line end), with its stats.
    Cleaned {
        /// The record as one line of JSON.
        line: Vec<u8>,
        /// What cleaning did.
        stats: Box<Stats>,
    },
    /// A blank line: nothing to say.
    Blank,
    /// A JSON object without the field: the keys it has (at the level the path reached).
    NoField {
        /// The keys of the object.
        keys: Vec<String>,
    },
    /// The line could not be cleaned: why.
    Bad {
        /// Why.
        reason: String,
    },
}

/// Cleans one line (without its line end).
///
/// ```
/// use descrape::stream::jsonl::{Fields, LineResult, clean_line};
/// let cleaner = descrape::Cleaner::builder().build()?;
/// let fields = Fields { input: "text".into(), output: "text".into(), stats: None };
/// match clean_line(&cleaner, &fields, br#"{"id":1,"text":"<p>Hallo &amp; tsch\u00fcss</p>"}"#) {
///     LineResult::Cleaned { line, .. } => assert_eq!(line, b"{\"id\":1,\"text\":\"Hallo & tsch\xc3\xbcss\"}\n"),
///     other => panic!("{other:?}"),
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn clean_line(cleaner: &Cleaner, fields: &Fields, line: &[u8]) -> LineResult {
    let line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
    if line.iter().all(u8::is_ascii_whitespace) {
        return LineResult::Blank;
    }
    // `from_slice` checks UTF-8 as it parses: no separate pass over a good line.
    let (parsed, malformed) = match serde_json::from_slice::<Object>(line) {
        Err(e) if e.is_syntax() && std::str::from_utf8(line).is_err() => {
            let (text, malformed) = lossy(line);
            (serde_json::from_str::<Object>(&text), malformed)
        }
        other => (other, 0),
    };
    let mut object = match parsed {
        Ok(o) => o,
        Err(e) if e.is_data() => return LineResult::Bad { reason: "not a JSON object".into() },
        Err(e) => return LineResult::Bad { reason: format!("not valid JSON: {e}") },
    };
    // A key given more than once: readers keep one copy or another (Python's `json` the
    // last), so every copy is cleaned, each where it stands.
    let copies: Vec<usize> =
        object.0.iter().enumerate().filter(|(_, (k, _))| *k == fields.input).map(|(i, _)| i).collect();
    if copies.len() > 1 && fields.output == fields.input {
        let mut total = Stats { malformed, ..Stats::default() };
        for i in copies {
            let Some((_, v)) = object.0.get_mut(i) else { continue };
            let Some((text, stats)) = clean_value(cleaner, v.get()) else {
                return LineResult::Bad { reason: format!("field `{}` is not a string", fields.input) };
            };
            *v = text;
            total += stats;
        }
        return finish(object, fields, total);
    }
    let raw = match object.find(&fields.input) {
        Found::Value(raw) => raw,
        Found::Missing(keys) => return LineResult::NoField { keys },
    };
    let Some((text, mut stats)) = clean_value(cleaner, &raw) else {
        return LineResult::Bad { reason: format!("field `{}` is not a string", fields.input) };
    };
    stats.malformed += malformed;
    if object.set(&fields.output, text).is_err() {
        return LineResult::Bad { reason: format!("field `{}` cannot be written", fields.output) };
    }
    finish(object, fields, stats)
}

/// Adds the stats field if asked for, and writes the line.
fn finish(mut object: Object, fields: &Fields, stats: Stats) -> LineResult {
    if let Some(name) = &fields.stats {
        let Ok(raw) = raw_json(&stats) else {
            return LineResult::Bad { reason: "could not write the result".into() };
        };
        if object.set(name, raw).is_err() {
            return LineResult::Bad { reason: format!("field `{name}` cannot be written") };
        }
    }
    LineResult::Cleaned { line: object.to_line(), stats: Box::new(stats) }
}

/// Cleans the JSON string `raw` (its JSON text); the clean text as JSON, and the stats.
/// `None` when `raw` is not a string.
fn clean_value(cleaner: &Cleaner, raw: &str) -> Option<(Box<RawValue>, Stats)> {
    let (value, replaced) = match serde_json::from_str::<String>(raw) {
        Ok(v) => (v, 0),
        // A lone surrogate escape (`\ud800`, which Python's `json` writes) is U+FFFD.
        Err(_) => json_string_lossy(raw)?,
    };
    let mut cleaned = cleaner.clean(&value);
    cleaned.stats.malformed += replaced;
    // A field holds the text without the final newline that ends a file; a JSON document
    // as itself, not as a string.
    let clean_text = cleaned.text.strip_suffix('\n').unwrap_or(&cleaned.text);
    let value = if cleaner.format() == crate::Format::Json {
        RawValue::from_string(clean_text.to_owned()).ok()?
    } else {
        raw_json(&clean_text).ok()?
    };
    Some((value, cleaned.stats))
}

/// A JSON string's value with U+FFFD for each escape that is a lone surrogate, and how many
/// there were. `None` when `raw` is not a JSON string.
fn json_string_lossy(raw: &str) -> Option<(String, u64)> {
    let body = raw.trim().strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::with_capacity(body.len());
    let mut replaced = 0;
    let mut chars = body.chars();
    let hex4 = |chars: &mut std::str::Chars<'_>| -> Option<u32> {
        let h: String = chars.by_ref().take(4).collect();
        (h.len() == 4).then(|| u32::from_str_radix(&h, 16).ok()).flatten()
    };
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            '"' => out.push('"'),
            '\\' => out.push('\\'),
            '/' => out.push('/'),
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'u' => {
                let u = hex4(&mut chars)?;
                if (0xD800..0xDC00).contains(&u) {
                    // A high surrogate: a low one must follow as `\uXXXX`.
                    let rest = chars.as_str();
                    let low =
                        rest.strip_prefix("\\u").and_then(|r| u32::from_str_radix(r.get(..4)?, 16).ok());
                    match low.filter(|l| (0xDC00..0xE000).contains(l)) {
                        Some(l) => {
                            chars = rest.get(6..).unwrap_or("").chars();
                            out.push(char::from_u32(0x10000 + ((u - 0xD800) << 10) + (l - 0xDC00))?);
                        }
                        None => {
                            out.push(char::REPLACEMENT_CHARACTER);
                            replaced += 1;
                        }
                    }
                } else if let Some(c) = char::from_u32(u) {
                    out.push(c);
                } else {
                    out.push(char::REPLACEMENT_CHARACTER);
                    replaced += 1;
                }
            }
            _ => return None,
        }
    }
    Some((out, replaced))
}

/// `b` as UTF-8 with U+FFFD for each malformed sequence, and how many there were.
fn lossy(b: &[u8]) -> (String, u64) {
    let mut out = String::with_capacity(b.len());
    let mut malformed = 0;
    for chunk in b.utf8_chunks() {
        out.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            out.push(char::REPLACEMENT_CHARACTER);
            malformed += 1;
        }
    }
    (out, malformed)
}

/// A line read by [`read_line`].
///
/// ```
/// use descrape::stream::jsonl::{Line, read_line};
/// let mut input = &b"short\nthis one is too long\n"[..];
/// let mut buf = Vec::new();
/// assert_eq!(read_line(&mut input, &mut buf, 10)?, Line::Read);
/// assert_eq!(buf, b"short");
/// assert_eq!(read_line(&mut input, &mut buf, 10)?, Line::TooLong(20));
/// assert_eq!(read_line(&mut input, &mut buf, 10)?, Line::End);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, PartialEq, Eq)]
pub enum Line {
    /// A line (in the buffer, without its line end).
    Read,
    /// A line longer than the bound: its length; it was read past, not held.
    TooLong(u64),
    /// The end of the input.
    End,
}

/// Reads one line into `buf` (cleared first; the `\n` and a `\r` before it are removed),
/// holding at most `max` bytes: a longer line is consumed to its end and reported.
///
/// ```
/// let mut input = &b"{\"a\":1}\r\n"[..];
/// let mut buf = Vec::new();
/// descrape::stream::jsonl::read_line(&mut input, &mut buf, 1 << 20)?;
/// assert_eq!(buf, b"{\"a\":1}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_line(r: &mut impl BufRead, buf: &mut Vec<u8>, max: usize) -> io::Result<Line> {
    buf.clear();
    let mut total = 0u64;
    let mut any = false;
    loop {
        let chunk = match r.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            break;
        }
        any = true;
        let (take, done) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (i, true),
            None => (chunk.len(), false),
        };
        total += take as u64;
        if total <= max as u64 {
            buf.extend_from_slice(chunk.get(..take).unwrap_or_default());
        } else {
            buf.clear();
        }
        r.consume(take + usize::from(done));
        if done {
            break;
        }
    }
    if !any {
        return Ok(Line::End);
    }
    if total > max as u64 {
        buf.clear();
        return Ok(Line::TooLong(total));
    }
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
    Ok(Line::Read)
}

fn raw_json<T: serde::Serialize>(v: &T) -> serde_json::Result<Box<RawValue>> {
    RawValue::from_string(serde_json::to_string(v)?)
}

/// A JSON object as its fields in order, each value as its original JSON text.
struct Object(Vec<(String, Box<RawValue>)>);

/// Where a field was looked for.
enum Found<'a> {
    /// The value's JSON text: borrowed at the top level, copied from a nested object.
    Value(std::borrow::Cow<'a, str>),
    /// The keys of the object where the path ended.
    Missing(Vec<String>),
}

/// A field that cannot be set: the path runs through a value that is not an object.
struct NotAnObject;

impl Object {
    fn get(&self, key: &str) -> Option<&RawValue> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| &**v)
    }

    fn keys(&self) -> Vec<String> {
        self.0.iter().map(|(k, _)| k.clone()).collect()
    }

    /// The value of `path`: the key itself, else a dotted path into nested objects.
    fn find(&self, path: &str) -> Found<'_> {
        if let Some(v) = self.get(path) {
            return Found::Value(v.get().into());
        }
        let nested = path.split_once('.').and_then(|(head, rest)| Some((self.get(head)?, rest)));
        let Some((v, rest)) = nested else {
            return Found::Missing(self.keys());
        };
        match serde_json::from_str::<Object>(v.get()) {
            Ok(inner) => match inner.find(rest) {
                Found::Value(text) => Found::Value(text.into_owned().into()),
                Found::Missing(keys) => Found::Missing(keys),
            },
            Err(_) => Found::Missing(Vec::new()),
        }
    }

    /// Sets `path` (a key, or a dotted path into nested objects, as [`Object::find`] reads
    /// it) to `value`; a new key is appended.
    fn set(&mut self, path: &str, value: Box<RawValue>) -> Result<(), NotAnObject> {
        if let Some((_, v)) = self.0.iter_mut().find(|(k, _)| k == path) {
            *v = value;
            return Ok(());
        }
        let nested = path.split_once('.').filter(|(head, _)| self.get(head).is_some());
        let Some((head, rest)) = nested else {
            self.0.push((path.to_owned(), value));
            return Ok(());
        };
        let Some((_, v)) = self.0.iter_mut().find(|(k, _)| k == head) else {
            return Err(NotAnObject);
        };
        let mut inner: Object = serde_json::from_str(v.get()).map_err(|_| NotAnObject)?;
        inner.set(rest, value)?;
        let mut line = inner.to_line();
        line.pop();
        let text = String::from_utf8(line).map_err(|_| NotAnObject)?;
        *v = RawValue::from_string(text).map_err(|_| NotAnObject)?;
        Ok(())
    }

    /// The object as one line of JSON, with its line end.
    fn to_line(&self) -> Vec<u8> {
        let mut out =
            Vec::with_capacity(self.0.iter().map(|(k, v)| k.len() + v.get().len() + 4).sum::<usize>() + 3);
        out.push(b'{');
        for (i, (k, v)) in self.0.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            // Writing a string into a Vec cannot fail.
            let _ = serde_json::to_writer(&mut out, k);
            out.push(b':');
            out.extend_from_slice(v.get().as_bytes());
        }
        out.extend_from_slice(b"}\n");
        out
    }
}

impl<'de> Deserialize<'de> for Object {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Object, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Object;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Object, A::Error> {
                let mut fields = Vec::with_capacity(map.size_hint().unwrap_or(8));
                while let Some((k, v)) = map.next_entry::<String, Box<RawValue>>()? {
                    fields.push((k, v));
                }
                Ok(Object(fields))
            }
        }
        d.deserialize_map(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(output: &str, stats: Option<&str>) -> Fields {
        Fields { input: "text".into(), output: output.into(), stats: stats.map(String::from) }
    }

    fn line(input: &str, f: &Fields) -> Result<String, String> {
        let cleaner = Cleaner::builder().build().unwrap();
        match clean_line(&cleaner, f, input.as_bytes()) {
            LineResult::Cleaned { line, .. } => Ok(String::from_utf8(line).unwrap()),
            LineResult::Blank => Ok(String::new()),
            LineResult::Bad { reason } => Err(reason),
            LineResult::NoField { keys } => Err(format!("no field; keys: {}", keys.join(","))),
        }
    }

    fn field(input: &str, output: &str) -> Fields {
        Fields { input: input.into(), output: output.into(), stats: None }
    }

    #[test]
    fn other_fields_pass_through_untouched_and_in_order() {
        let input = r#"{"id":1e5,"url":"https:\/\/x.org\/\u00e9","text":"<p>Hi &amp; bye</p>","meta":{"b":[1, 2.50]}}"#;
        assert_eq!(
            line(input, &fields("text", None)).unwrap(),
            "{\"id\":1e5,\"url\":\"https:\\/\\/x.org\\/\\u00e9\",\"text\":\"Hi & bye\",\"meta\":{\"b\":[1, 2.50]}}\n"
        );
    }

    #[test]
    fn output_and_stats_fields_are_added_at_the_end() {
        let out = line(r#"{"text":"<b>x</b>","n":2}"#, &fields("clean", Some("stats"))).unwrap();
        assert!(
            out.starts_with("{\"text\":\"<b>x</b>\",\"n\":2,\"clean\":\"x\",\"stats\":{\"bytes_in\":8,"),
            "{out}"
        );
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["stats"]["tags"], 2);
    }

    #[test]
    fn bad_lines_say_why() {
        let f = fields("text", None);
        assert_eq!(line("{not json", &f).unwrap_err().split(':').next(), Some("not valid JSON"));
        assert_eq!(line("[1,2]", &f).unwrap_err(), "not a JSON object");
        assert_eq!(line(r#"{"html":"x","id":1}"#, &f).unwrap_err(), "no field; keys: html,id");
        assert_eq!(line(r#"{"text":5}"#, &f).unwrap_err(), "field `text` is not a string");
        assert_eq!(line("   ", &f).unwrap(), "");
    }

    // See: issue #8 (`--field a.b`; a BOM before the first line; bad bytes in a line).
    #[test]
    fn nested_fields_are_read_and_written_by_path() {
        let f = field("doc.body", "doc.body");
        let out = line(r#"{"id":1,"doc":{"lang":"de","body":"<p>Hallo</p>"}}"#, &f).unwrap();
        assert_eq!(out, "{\"id\":1,\"doc\":{\"lang\":\"de\",\"body\":\"Hallo\"}}\n");
        let f = field("doc.body", "clean");
        let out = line(r#"{"doc":{"body":"<b>x</b>"}}"#, &f).unwrap();
        assert_eq!(out, "{\"doc\":{\"body\":\"<b>x</b>\"},\"clean\":\"x\"}\n");
        // A key with a dot in its name is that key.
        let f = field("a.b", "a.b");
        assert_eq!(line(r#"{"a.b":"<i>y</i>"}"#, &f).unwrap(), "{\"a.b\":\"y\"}\n");
        assert_eq!(
            line(r#"{"doc":{"x":1}}"#, &field("doc.body", "doc.body")).unwrap_err(),
            "no field; keys: x"
        );
        assert_eq!(line(r#"{"doc":"s"}"#, &field("doc.body", "doc.body")).unwrap_err(), "no field; keys: ");
    }

    #[test]
    fn a_bom_and_bad_bytes_do_not_make_a_line_bad() {
        let cleaner = Cleaner::builder().build().unwrap();
        let f = fields("text", None);
        match clean_line(&cleaner, &f, b"\xEF\xBB\xBF{\"text\":\"<p>Gr\xc3\xbc\xc3\x9fe \xff</p>\"}") {
            LineResult::Cleaned { line, stats } => {
                assert_eq!(String::from_utf8(line).unwrap(), "{\"text\":\"Grüße \u{fffd}\"}\n");
                assert_eq!(stats.malformed, 1);
            }
            other => panic!("{other:?}"),
        }
    }

    // See: issue #8 (memory grew with line length).
    #[test]
    fn long_lines_are_read_past_not_held() {
        let input = format!("short\r\n{}\nlast", "x".repeat(10_000));
        let mut r = io::BufReader::with_capacity(64, input.as_bytes());
        let mut buf = Vec::new();
        assert_eq!(read_line(&mut r, &mut buf, 100).unwrap(), Line::Read);
        assert_eq!(buf, b"short");
        assert_eq!(read_line(&mut r, &mut buf, 100).unwrap(), Line::TooLong(10_000));
        assert!(buf.capacity() < 1000);
        assert_eq!(read_line(&mut r, &mut buf, 100).unwrap(), Line::Read);
        assert_eq!(buf, b"last");
        assert_eq!(read_line(&mut r, &mut buf, 100).unwrap(), Line::End);
    }

    // See: issue #14 (a repeated key left one copy uncleaned; a lone surrogate was "not a string").
    #[test]
    fn every_copy_of_a_repeated_key_is_cleaned_and_lone_surrogates_are_replaced() {
        let f = fields("text", None);
        assert_eq!(
            line(r#"{"text":"<p>a</p>","id":1,"text":"<p>b</p>"}"#, &f).unwrap(),
            "{\"text\":\"a\",\"id\":1,\"text\":\"b\"}\n"
        );
        assert_eq!(line(r#"{"text":"<p>x \ud800 y</p>"}"#, &f).unwrap(), "{\"text\":\"x \u{fffd} y\"}\n");
        assert_eq!(
            line(r#"{"text":"<b>\ud83d\ude00 \udc00</b>"}"#, &f).unwrap(),
            "{\"text\":\"😀 \u{fffd}\"}\n"
        );
        assert_eq!(json_string_lossy(r#""a\u00e9\n""#), Some(("aé\n".into(), 0)));
        assert_eq!(json_string_lossy("5"), None);
    }
}
