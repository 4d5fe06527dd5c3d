//! Decodes HTML character references: every HTML5 named entity (the table html5ever ships in
//! `web_atoms`), decimal and hex references, and double escapes (`&amp;nbsp;`, `&amp;#8217;`).
//!
//! Policy, chosen so that prose survives: a reference is decoded only when it is well formed
//! (`&name;`, `&#123;`, `&#x1F;`), or, without its `;`, when it is decimal (`It&#8217s`: its
//! digits end it, as in a browser), hex with no letter or digit after it, or one of the few
//! legacy names scrapers really leave (`&amp`, `&lt`, `&gt`, `&quot`, `&nbsp`) and no letter
//! or digit follows. So `AT&T`, `R&D`, `Q&A`, `&c` and `fish&chips` stay as they are. Numeric
//! references and those legacy names are also read with the one space machine translation
//! puts into them (`& nbsp;`, `&#8217 ;`, `&# 8217;`). A no-break space
//! from a reference becomes a plain space: it was markup, not text. A literal U+00A0 in the
//! input is left alone.

/// The longest entity name in the HTML5 table is 31 bytes (`&CounterClockwiseContourIntegral;`).
const MAX_ENTITY_NAME_BYTES: usize = 32;
/// `&#x10FFFF;` has 6 hex digits; leading zeros beyond this are not worth decoding.
const MAX_NUMERIC_DIGITS: usize = 8;
/// Legacy names decoded without their `;` (see the module docs).
const LEGACY_NAMES: [&str; 5] = ["amp", "lt", "gt", "quot", "nbsp"];

/// A decoded reference: what it stands for and how many input bytes it used.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Decoded {
    /// The decoded text (one or two chars).
    pub text: Chars,
    /// Input bytes consumed, including the `&`.
    pub len: usize,
    /// How many layers of escaping were peeled (`&amp;amp;` is 2).
    pub layers: u32,
}

/// One or two chars: a few named entities expand to two code points.
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
pub(crate) struct Chars(pub char, pub Option<char>);

impl Chars {
    /// Appends the chars to `out`.
    pub fn push_to(self, out: &mut String) {
        out.push(self.0);
        if let Some(c) = self.1 {
            out.push(c);
        }
    }
}

/// `s` with every reference in it decoded (an attribute value: `a?x=1&amp;y=2`).
pub(crate) fn decode_all(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(rest.get(..i).unwrap_or_default());
        let tail = rest.get(i..).unwrap_or_default();
        match decode(tail.as_bytes()) {
            Some(d) if tail.is_char_boundary(d.len) => {
                d.text.push_to(&mut out);
                rest = tail.get(d.len..).unwrap_or_default();
            }
            _ => {
                out.push('&');
                rest = tail.get(1..).unwrap_or_default();
            }
        }
    }
    out.push_str(rest);
    out
}

/// Where the first well-formed reference (`&name;`, `&#123;`, `&#x1F;`, each with its `;`)
/// in `s` starts, its length and what it decodes to: what is left of a reference in text
/// that was escaped once too often (a page's `&amp;percnt;` shows `&percnt;`). Only whole
/// references are taken: `AT&T`, `&c`, `& nbsp;` and `&copy 2024` are prose there.
pub(crate) fn next_whole(s: &str) -> Option<(usize, usize, Chars)> {
    let b = s.as_bytes();
    let mut from = 0;
    while let Some(i) = b.get(from..).and_then(|r| memchr::memchr(b'&', r)) {
        let at = from + i;
        if let Some(d) = decode(b.get(at..).unwrap_or_default()) {
            let end = at + d.len;
            if b.get(end - 1) == Some(&b';') && s.is_char_boundary(end) {
                return Some((at, d.len, d.text));
            }
        }
        from = at + 1;
    }
    None
}

/// `s` with each whole reference in it ([`next_whole`]) decoded.
pub(crate) fn decode_whole(s: &str) -> std::borrow::Cow<'_, str> {
    let Some(first) = next_whole(s) else {
        return std::borrow::Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len());
    let (mut rest, mut next) = (s, Some(first));
    while let Some((at, len, chars)) = next {
        out.push_str(rest.get(..at).unwrap_or_default());
        chars.push_to(&mut out);
        rest = rest.get(at + len..).unwrap_or_default();
        next = next_whole(rest);
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// Decodes the reference that starts at `s[0] == '&'`, peeling double escapes.
/// Returns `None` when `s` does not start with a reference (the `&` is then prose).
pub(crate) fn decode(s: &[u8]) -> Option<Decoded> {
    let (mut chars, mut len) = decode_one(s)?;
    let mut layers = 1;
    // `&amp;` followed by the body of another reference is a double escape: `&amp;nbsp;`.
    while chars == Chars('&', None) {
        let rest = s.get(len..)?;
        // Re-read the remainder as if it started with '&': only complete references count.
        match decode_body(rest, true) {
            Some((c, body_len)) => {
                chars = c;
                len += body_len;
                layers += 1;
            }
            None => break,
        }
    }
    Some(Decoded { text: chars, len, layers })
}

/// Decodes one reference at `s[0] == '&'`.
///
/// Machine translation puts spaces into references: `& nbsp;`, `&nbsp ;`, `& #8217;`. For
/// numeric references and the legacy names (the ones scrapers really leave) one space after
/// the `&` or before the `;` is read too; after the `&` only with a `;` to end it, so that
/// `salt & amp` and `Q & A;` stay prose.
fn decode_one(s: &[u8]) -> Option<(Chars, usize)> {
    if s.first() != Some(&b'&') {
        return None;
    }
    if let Some((c, len)) = decode_body(s.get(1..)?, false) {
        let body = s.get(1..1 + len)?;
        let spaced_semi = spaceable(body) && s.get(1 + len..3 + len) == Some(b" ;");
        return Some((c, 1 + len + if spaced_semi { 2 } else { 0 }));
    }
    if s.get(1..3) == Some(b"# ") {
        return spaced_number(s);
    }
    if s.get(1) != Some(&b' ') {
        return None;
    }
    let (c, len) = decode_body(s.get(2..)?, false)?;
    let body = s.get(2..2 + len)?;
    if !spaceable(body) {
        return None;
    }
    let semi = if body.ends_with(b";") {
        0
    } else if s.get(2 + len..4 + len) == Some(b" ;") {
        2
    } else {
        return None;
    };
    Some((c, 2 + len + semi))
}

/// `&# 8217;`: a numeric reference with machine translation's space after the `#`, read
/// only with its `;` (`&# 1` in prose stays).
fn spaced_number(s: &[u8]) -> Option<(Chars, usize)> {
    let rest = s.get(3..)?;
    let digits = rest.iter().take(MAX_SPACED_NUMBER).take_while(|c| c.is_ascii_alphanumeric()).count();
    if digits == 0 || rest.get(digits) != Some(&b';') {
        return None;
    }
    let mut body = [0u8; MAX_SPACED_NUMBER + 2];
    let unspaced = body.get_mut(..digits + 2)?;
    let (hash, tail) = unspaced.split_first_mut()?;
    *hash = b'#';
    tail.copy_from_slice(rest.get(..=digits)?);
    let (c, len) = numeric(unspaced, true)?;
    (len == digits + 2).then_some((c, 3 + digits + 1))
}

/// The most chars of a number read after `&# ` (`x10FFFF` is seven).
const MAX_SPACED_NUMBER: usize = 8;

/// A reference body machine translation may have spaced: numeric, or a legacy name.
fn spaceable(body: &[u8]) -> bool {
    let name = body.strip_suffix(b";").unwrap_or(body);
    name.first() == Some(&b'#') || LEGACY_NAMES.iter().any(|n| n.as_bytes() == name)
}

/// Decodes a reference body (what follows `&`). With `strict`, the `;` is required.
fn decode_body(b: &[u8], strict: bool) -> Option<(Chars, usize)> {
    match b.first()? {
        b'#' => numeric(b, strict),
        c if c.is_ascii_alphabetic() => named(b, strict),
        _ => None,
    }
}

fn numeric(b: &[u8], strict: bool) -> Option<(Chars, usize)> {
    let (hex, start) = match b.get(1) {
        Some(b'x' | b'X') => (true, 2),
        _ => (false, 1),
    };
    let digits = b
        .iter()
        .skip(start)
        .take(MAX_NUMERIC_DIGITS + 1)
        .take_while(|c| if hex { c.is_ascii_hexdigit() } else { c.is_ascii_digit() })
        .count();
    if digits == 0 || digits > MAX_NUMERIC_DIGITS {
        return None;
    }
    let end = start + digits;
    let semi = b.get(end) == Some(&b';');
    // Without its `;` a numeric reference still ends where its digits do, as a browser reads
    // it (`It&#8217s` is `It’s`): no prose is written so. A hex one must not run on into a
    // word (`&#x27s`).
    if !semi && (strict || hex && b.get(end).is_some_and(u8::is_ascii_alphanumeric)) {
        return None;
    }
    let text = std::str::from_utf8(b.get(start..end)?).ok()?;
    let value = u32::from_str_radix(text, if hex { 16 } else { 10 }).ok()?;
    Some((Chars(numeric_char(value), None), end + usize::from(semi)))
}

/// The HTML5 rules for numeric references: NUL, surrogates and out-of-range become U+FFFD,
/// and 0x80–0x9F are read as windows-1252 (`&#146;` is a right quote), as browsers do.
fn numeric_char(v: u32) -> char {
    const C1: [u32; 32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152,
        0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122,
        0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ];
    let v = match v {
        0x80..=0x9F => C1.get((v - 0x80) as usize).copied().unwrap_or(0xFFFD),
        0xA0 => 0x20,
        0 => 0xFFFD,
        _ => v,
    };
    char::from_u32(v).unwrap_or('\u{FFFD}')
}

fn named(b: &[u8], strict: bool) -> Option<(Chars, usize)> {
    let name_len = b.iter().take(MAX_ENTITY_NAME_BYTES + 1).take_while(|c| c.is_ascii_alphanumeric()).count();
    if name_len == 0 || name_len > MAX_ENTITY_NAME_BYTES {
        return None;
    }
    let name = b.get(..name_len)?;
    if b.get(name_len) == Some(&b';') {
        // The table keys carry the ';' ("amp;"): the input holds exactly that key.
        let key = b.get(..name_len + 1)?;
        let (a, c) = match common(key) {
            Some(v) => v,
            None => *web_atoms::NAMED_ENTITIES.get(std::str::from_utf8(key).ok()?)?,
        };
        return Some((to_chars(a, c), name_len + 1));
    }
    if strict || !LEGACY_NAMES.iter().any(|n| n.as_bytes() == name) {
        return None;
    }
    let &(a, c) = web_atoms::NAMED_ENTITIES.get(std::str::from_utf8(name).ok()?)?;
    Some((to_chars(a, c), name_len))
}

/// The references scraped text holds most (`&amp;`, `&nbsp;`, the typographic quotes and
/// dashes), matched before the table of all 2,231 is hashed into.
fn common(key: &[u8]) -> Option<(u32, u32)> {
    let c = match key {
        b"amp;" => 0x26,
        b"nbsp;" => 0xA0,
        b"quot;" => 0x22,
        b"lt;" => 0x3C,
        b"gt;" => 0x3E,
        b"apos;" => 0x27,
        b"rsquo;" => 0x2019,
        b"lsquo;" => 0x2018,
        b"rdquo;" => 0x201D,
        b"ldquo;" => 0x201C,
        b"ndash;" => 0x2013,
        b"mdash;" => 0x2014,
        b"hellip;" => 0x2026,
        b"copy;" => 0xA9,
        _ => return None,
    };
    Some((c, 0))
}

fn to_chars(a: u32, b: u32) -> Chars {
    let first = if a == 0xA0 { ' ' } else { char::from_u32(a).unwrap_or('\u{FFFD}') };
    Chars(first, if b == 0 { None } else { char::from_u32(b) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Option<(String, usize)> {
        decode(s.as_bytes()).map(|d| {
            let mut out = String::new();
            d.text.push_to(&mut out);
            (out, d.len)
        })
    }

    #[test]
    fn named_numeric_and_hex_references_decode() {
        assert_eq!(dec("&amp;x"), Some(("&".into(), 5)));
        assert_eq!(dec("&rsquo;s"), Some(("\u{2019}".into(), 7)));
        assert_eq!(dec("&#8217;"), Some(("\u{2019}".into(), 7)));
        assert_eq!(dec("&#x2019;"), Some(("\u{2019}".into(), 8)));
        assert_eq!(dec("&NotEqualTilde;"), Some(("\u{2242}\u{338}".into(), 15)));
        assert_eq!(dec("&#146;"), Some(("\u{2019}".into(), 6)));
        assert_eq!(dec("&#0;"), Some(("\u{FFFD}".into(), 4)));
        assert_eq!(dec("&#xD800;"), Some(("\u{FFFD}".into(), 8)));
    }

    #[test]
    fn the_common_references_are_what_the_table_says() {
        for key in [
            "amp;", "nbsp;", "quot;", "lt;", "gt;", "apos;", "rsquo;", "lsquo;", "rdquo;", "ldquo;",
            "ndash;", "mdash;", "hellip;", "copy;",
        ] {
            assert_eq!(common(key.as_bytes()).as_ref(), web_atoms::NAMED_ENTITIES.get(key), "{key}");
        }
        assert_eq!(common(b"amp"), None);
    }

    #[test]
    fn nbsp_reference_becomes_a_plain_space() {
        assert_eq!(dec("&nbsp;"), Some((" ".into(), 6)));
        assert_eq!(dec("&#160;"), Some((" ".into(), 6)));
    }

    #[test]
    fn double_and_triple_escapes_are_peeled() {
        assert_eq!(dec("&amp;nbsp;"), Some((" ".into(), 10)));
        assert_eq!(dec("&amp;#8217;"), Some(("\u{2019}".into(), 11)));
        assert_eq!(dec("&amp;amp;amp;"), Some(("&".into(), 13)));
        // A double escape needs a complete inner reference.
        assert_eq!(dec("&amp;T"), Some(("&".into(), 5)));
    }

    #[test]
    fn references_spaced_by_machine_translation_decode() {
        assert_eq!(dec("& nbsp;x"), Some((" ".into(), 7)));
        assert_eq!(dec("&nbsp ;x"), Some((" ".into(), 7)));
        assert_eq!(dec("& #8217 ;s"), Some(("’".into(), 9)));
        assert_eq!(dec("&#8217 ;s"), Some(("’".into(), 8)));
        assert_eq!(dec("&amp ;nbsp;"), Some((" ".into(), 11)));
        assert_eq!(dec("&# 8217;s"), Some(("’".into(), 8)));
        assert_eq!(dec("&# x2019;s"), Some(("’".into(), 9)));
        assert_eq!(dec("&# 8217 s"), None);
        assert_eq!(dec("&# 1 and"), None);
        // Prose, and names that are not left by scrapers, stay.
        assert_eq!(dec("& amp and"), None);
        assert_eq!(dec("& A;"), None);
        assert_eq!(dec("& copy;"), None);
        assert_eq!(dec("&copy ;"), None);
    }

    #[test]
    fn prose_ampersands_are_not_references() {
        for s in ["&T", "&D ", "&A", "&c", "&chips", "& ", "&", "&#", "&#x;", "&;", "&notaname;"] {
            assert_eq!(dec(s), None, "{s}");
        }
    }

    #[test]
    fn legacy_names_decode_without_semicolon_only_before_a_non_letter() {
        assert_eq!(dec("&amp "), Some(("&".into(), 4)));
        assert_eq!(dec("&lt"), Some(("<".into(), 3)));
        assert_eq!(dec("&ampere"), None);
        assert_eq!(dec("&copy "), None);
    }

    #[test]
    fn numeric_references_without_semicolon_end_with_their_digits() {
        assert_eq!(dec("&#8217s"), Some(("’".into(), 6)));
        assert_eq!(dec("&#8217 s"), Some(("’".into(), 6)));
        assert_eq!(dec("&#x2019 s"), Some(("’".into(), 7)));
        // A hex reference that runs on into a word is not decoded.
        assert_eq!(dec("&#x27s"), None);
    }

    #[test]
    fn overlong_numbers_are_not_decoded() {
        assert_eq!(dec("&#123456789;"), None);
        assert_eq!(dec("&#99999999;"), Some(("\u{FFFD}".into(), 11)));
    }
}
