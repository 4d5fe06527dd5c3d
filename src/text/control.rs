//! Removes the characters that are never text: C0 controls other than tab and newline, DEL,
//! C1 controls and the byte-order mark U+FEFF. A lone carriage return, a vertical tab and a
//! form feed are line ends. Runs before the lexer, so no later stage ever sees them, and
//! clean text never contains them (tabs outside preformatted blocks become spaces later, in
//! the block builder).
//!
//! Most input holds none of these: one pass that compares 32 bytes at a time finds that out
//! without a branch per byte, and the input is then borrowed, not copied.

use std::borrow::Cow;

/// Bytes compared at a time by the fast test.
const CHUNK: usize = 32;

/// `s` without control characters; how many were removed or turned into line ends.
pub(crate) fn strip(s: &str) -> (Cow<'_, str>, u64) {
    strip_as::<false>(s)
}

/// [`strip`], but for the C1 controls, which stay: in text decoded twice they are bytes of
/// characters ([`super::mojibake`] reads them, and removes the rest).
pub(crate) fn strip_keeping_c1(s: &str) -> (Cow<'_, str>, u64) {
    strip_as::<true>(s)
}

fn strip_as<const KEEP_C1: bool>(s: &str) -> (Cow<'_, str>, u64) {
    let b = s.as_bytes();
    let Some(first) = first_bad::<KEEP_C1>(b, 0) else {
        return (Cow::Borrowed(s), 0);
    };
    let mut out = String::with_capacity(s.len());
    let mut removed = 0u64;
    let mut from = 0;
    let mut at = first;
    loop {
        out.push_str(s.get(from..at).unwrap_or_default());
        let (len, replacement) = bad_at::<KEEP_C1>(b, at).unwrap_or((1, None));
        if let Some(r) = replacement {
            out.push(r);
        }
        removed += 1;
        from = at + len;
        match first_bad::<KEEP_C1>(b, from) {
            Some(next) => at = next,
            None => break,
        }
    }
    out.push_str(s.get(from..).unwrap_or_default());
    (Cow::Owned(out), removed)
}

/// Whether `c`, decoded from a character reference, is a control that text never holds.
pub(crate) fn is_invisible(c: char) -> bool {
    c.is_control() || c == '\u{FEFF}'
}

/// Whether `c` is a format character with no glyph and no width: zero-width spaces and
/// joiners, direction marks and embeddings, the word joiner and invisible operators, the
/// soft hyphen, U+FEFF. Inside a word they do their work (a Persian or an emoji sequence's
/// joiner) and stay; a line of nothing else shows nothing.
fn is_format_only(c: char) -> bool {
    matches!(c, '\u{AD}' | '\u{34F}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// Whether `line` shows nothing: it holds only whitespace and format characters (a site
/// builder's empty paragraph is `<p>&zwj;</p>`).
pub(crate) fn is_blank(line: &str) -> bool {
    line.chars().all(|c| c.is_whitespace() || is_format_only(c))
}

/// Decoded text (a parser's, a JSON string's) without the characters [`is_invisible`] names,
/// a tab kept: borrowed when it holds none. Unlike [`strip`], no control becomes a line end:
/// the text's lines are already split.
pub(crate) fn visible(s: &str) -> Cow<'_, str> {
    let invisible = |c: char| c != '\t' && is_invisible(c);
    if s.chars().any(invisible) {
        Cow::Owned(s.chars().filter(|&c| !invisible(c)).collect())
    } else {
        Cow::Borrowed(s)
    }
}

/// The first position at or after `from` where a control character starts.
fn first_bad<const KEEP_C1: bool>(b: &[u8], from: usize) -> Option<usize> {
    let rest = b.get(from..).unwrap_or_default();
    let mut chunks = rest.chunks_exact(CHUNK);
    let mut at = from;
    for chunk in &mut chunks {
        if let Ok(arr) = <&[u8; CHUNK]>::try_from(chunk) {
            if chunk_may_hold::<KEEP_C1>(arr) {
                if let Some(j) = (at..at + CHUNK).find(|&j| bad_at::<KEEP_C1>(b, j).is_some()) {
                    return Some(j);
                }
            }
        }
        at += CHUNK;
    }
    (at..b.len()).find(|&j| bad_at::<KEEP_C1>(b, j).is_some())
}

/// A branch-free test over a fixed-size chunk, which the compiler unrolls into vector
/// compares: does `chunk` hold a byte that may start a control character (a C0 byte other
/// than tab and newline, DEL, the lead byte of C1 controls, or that of U+FEFF)? Carriage
/// returns of CRLF line ends pass it and are then told apart by [`bad_at`].
#[inline]
fn chunk_may_hold<const KEEP_C1: bool>(chunk: &[u8; CHUNK]) -> bool {
    let mut hit = 0u8;
    for &c in chunk {
        let control = (c < 0x20) & (c != b'\t') & (c != b'\n');
        hit |= u8::from(control | (c == 0x7F) | (c == 0xC2) & !KEEP_C1 | (c == 0xEF));
    }
    hit != 0
}

/// The control character at `i`, if one starts there: its length in bytes and what replaces
/// it (a newline for a line end, nothing otherwise).
fn bad_at<const KEEP_C1: bool>(b: &[u8], i: usize) -> Option<(usize, Option<char>)> {
    match *b.get(i)? {
        b'\r' if b.get(i + 1) == Some(&b'\n') => None,
        b'\r' | 0x0B | 0x0C => Some((1, Some('\n'))),
        b'\t' | b'\n' => None,
        c if c < 0x20 || c == 0x7F => Some((1, None)),
        0xC2 if !KEEP_C1 && b.get(i + 1).is_some_and(|c| (0x80..=0x9F).contains(c)) => Some((2, None)),
        0xEF if b.get(i + 1..i + 3) == Some(&[0xBB, 0xBF]) => Some((3, None)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_drops_controls_and_keeps_tabs_and_clean_text_borrowed() {
        assert_eq!(visible("a\u{2}b\tc\u{feff}\u{85}d"), "ab\tcd");
        assert!(matches!(visible("clean\ttext"), Cow::Borrowed(_)));
    }

    fn run(s: &str) -> (String, u64) {
        let (t, n) = strip(s);
        (t.into_owned(), n)
    }

    #[test]
    fn text_without_controls_is_borrowed() {
        for s in ["", "plain", "tab\tand\nnewline", "crlf\r\nline", "« guillemets » and ° and ©", "日本語"]
        {
            assert!(matches!(strip(s).0, Cow::Borrowed(_)), "{s:?}");
        }
    }

    #[test]
    fn controls_go_and_line_ends_stay_line_ends() {
        assert_eq!(run("a\u{0}b\u{1b}[31mc\u{7}"), ("ab[31mc".into(), 3));
        assert_eq!(run("old\rmac\rlines"), ("old\nmac\nlines".into(), 2));
        assert_eq!(run("page\u{c}break"), ("page\nbreak".into(), 1));
        assert_eq!(run("\u{feff}Title"), ("Title".into(), 1));
        assert_eq!(run("x\u{85}y\u{9f}z\u{7f}"), ("xyz".into(), 3));
        let long = format!("{}\u{0}{}", "a".repeat(100), "b".repeat(100));
        assert_eq!(run(&long).0, format!("{}{}", "a".repeat(100), "b".repeat(100)));
        let nuls = "\u{0}".repeat(100_000);
        assert_eq!(run(&format!("text{nuls}more")), ("textmore".into(), 100_000));
    }

    #[test]
    fn decoded_controls_are_invisible() {
        assert!(is_invisible('\u{1b}') && is_invisible('\u{feff}') && is_invisible('\u{90}'));
        assert!(is_blank("\u{200D}") && is_blank(" \u{200B}\u{A0}\u{AD}") && is_blank(""));
        assert!(!is_blank("\u{200D}a") && !is_blank("\u{200C}\u{628}"));
        assert!(!is_invisible('a') && !is_invisible(' ') && !is_invisible('é'));
    }
}
