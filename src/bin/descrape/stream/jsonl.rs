//! `--jsonl`: one JSON object per line in, the same object out with the cleaned field.
//!
//! The other fields pass through untouched and in order: each value is kept as the exact
//! JSON text it was (`RawValue`), so numbers, escapes and nesting come out as they went in.
//! Only the cleaned field is written anew (replaced where it was, or appended when
//! `--output-field` names a new one), and the stats field when asked for. The cleaned text is
//! in normal form without the final newline a file would end with.

use std::fmt;

use descrape::{Cleaner, Stats};
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

/// What to do with a field: which one to clean, where to put the result.
#[derive(Clone, Debug)]
pub struct Fields {
    pub input: String,
    pub output: String,
    pub stats: Option<String>,
}

/// One line's result.
pub enum LineResult {
    /// The cleaned record, with its stats.
    Cleaned { line: Vec<u8>, stats: Box<Stats> },
    /// A blank line: nothing to say.
    Blank,
    /// The line could not be cleaned: why.
    Bad { reason: String },
}

/// Cleans one line (without its line end).
pub fn clean_line(cleaner: &Cleaner, fields: &Fields, line: &[u8]) -> LineResult {
    if line.iter().all(u8::is_ascii_whitespace) {
        return LineResult::Blank;
    }
    // `from_slice` checks UTF-8 as it parses: no separate pass over the line.
    let mut object: Object = match serde_json::from_slice(line) {
        Ok(o) => o,
        Err(e) if e.is_data() => return LineResult::Bad { reason: "not a JSON object".into() },
        Err(e) => return LineResult::Bad { reason: format!("not valid JSON: {e}") },
    };
    let Some(raw) = object.get(&fields.input) else {
        return LineResult::Bad { reason: format!("no field `{}`", fields.input) };
    };
    let Ok(value) = serde_json::from_str::<String>(raw.get()) else {
        return LineResult::Bad { reason: format!("field `{}` is not a string", fields.input) };
    };
    let cleaned = cleaner.clean(&value);
    // A field holds the text without the final newline that ends a file.
    let clean_text = cleaned.text.strip_suffix('\n').unwrap_or(&cleaned.text);
    let (Ok(text), Ok(stats)) = (raw_json(&clean_text), raw_json(&cleaned.stats)) else {
        return LineResult::Bad { reason: "could not write the result".into() };
    };
    object.set(&fields.output, text);
    if let Some(name) = &fields.stats {
        object.set(name, stats);
    }
    LineResult::Cleaned { line: object.to_line(), stats: Box::new(cleaned.stats) }
}

fn raw_json<T: serde::Serialize>(v: &T) -> serde_json::Result<Box<RawValue>> {
    RawValue::from_string(serde_json::to_string(v)?)
}

/// A JSON object as its fields in order, each value as its original JSON text.
struct Object(Vec<(String, Box<RawValue>)>);

impl Object {
    fn get(&self, key: &str) -> Option<&RawValue> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| &**v)
    }

    fn set(&mut self, key: &str, value: Box<RawValue>) {
        match self.0.iter_mut().find(|(k, _)| k == key) {
            Some((_, v)) => *v = value,
            None => self.0.push((key.to_owned(), value)),
        }
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
        }
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
        assert_eq!(line(r#"{"html":"x"}"#, &f).unwrap_err(), "no field `text`");
        assert_eq!(line(r#"{"text":5}"#, &f).unwrap_err(), "field `text` is not a string");
        assert_eq!(line("   ", &f).unwrap(), "");
    }
}
