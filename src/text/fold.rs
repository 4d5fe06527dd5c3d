//! Folds case without moving a byte: each char becomes its lowercase where that is one char
//! of the same UTF-8 length (`Ä` → `ä`, `Ж` → `ж`, `Σ` → `σ`), and stays as it is where it is
//! not (`İ`, whose lowercase is two chars; the Kelvin sign, whose lowercase is ASCII `k`).
//! A position in the folded text is the same position in the text, so a search over the
//! folded text (the boilerplate phrases) is read against the text itself.

/// `c` folded: its lowercase, when that is one char as long as `c` in UTF-8.
pub(crate) fn fold_char(c: char) -> char {
    // The letters of most Latin and Cyrillic text, without a table lookup.
    match c {
        'A'..='Z' | 'À'..='Ö' | 'Ø'..='Þ' | 'А'..='Я' => {
            return char::from_u32(c as u32 + 0x20).unwrap_or(c);
        }
        '\0'..='@' | '['..='¿' | '×' | 'ß'..='ÿ' | 'а'..='я' | '\u{2000}'..='\u{2131}' => return c,
        _ => {}
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
        _ => c,
    }
}

/// `s` folded, as a new string of the same length.
pub(crate) fn fold(s: &str) -> String {
    let mut out = vec![0; s.len()];
    match fold_to(s, &mut out) {
        Some(_) => String::from_utf8(out).unwrap_or_else(|_| s.to_owned()),
        None => s.to_owned(),
    }
}

/// `s` folded into `buf`, when it fits.
pub(crate) fn fold_to<'a>(s: &str, buf: &'a mut [u8]) -> Option<&'a [u8]> {
    let out = buf.get_mut(..s.len())?;
    let b = s.as_bytes();
    // ASCII in one pass (other bytes stay as they are; a loop of plain byte operations the
    // compiler widens, and no call for a label of a few bytes); then each char that is not
    // ASCII, by its lead byte.
    let mut high = 0;
    for (o, &x) in out.iter_mut().zip(b) {
        *o = x.to_ascii_lowercase();
        high |= x;
    }
    if high < 0x80 {
        return Some(out);
    }
    let mut i = 0;
    while let Some(at) = next_lead(b, i) {
        let c = s.get(at..).and_then(|t| t.chars().next())?;
        let n = c.len_utf8();
        let f = fold_char(c);
        if f != c {
            f.encode_utf8(out.get_mut(at..at + n)?);
        }
        i = at + n;
    }
    Some(out)
}

/// Where the first char that is not ASCII starts at or after `from`: eight ASCII bytes are
/// passed over at a time.
fn next_lead(b: &[u8], mut from: usize) -> Option<usize> {
    while let Some(w) = b.get(from..from + 8).and_then(|w| <[u8; 8]>::try_from(w).ok()) {
        if u64::from_le_bytes(w) & 0x8080_8080_8080_8080 != 0 {
            break;
        }
        from += 8;
    }
    b.get(from..)?.iter().position(|&x| x >= 0xC0).map(|o| from + o)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_what_keeps_its_length_and_nothing_else() {
        assert_eq!(fold("Lesen Sie AUCH"), "lesen sie auch");
        assert_eq!(fold("ÜBER Änderungen"), "über änderungen");
        assert_eq!(fold("ЧИТАЙТЕ ТАКЖЕ"), "читайте также");
        assert_eq!(fold("ΔΙΑΒΑΣΤΕ ΕΠΙΣΗΣ"), "διαβαστε επισησ");
        // Lowercase that is longer, shorter or two chars: the char stays.
        assert_eq!(fold("İstanbul"), "İstanbul");
        assert_eq!(fold("\u{212a}elvin"), "\u{212a}elvin");
        assert_eq!(fold("STRAẞE"), "straẞe");
        assert_eq!(fold("日本語のテキスト"), "日本語のテキスト");
    }

    #[test]
    fn every_char_keeps_its_place() {
        // Every char of the Basic Multilingual Plane and some beyond: the folded char is as
        // long as the char, so positions and char boundaries stay.
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            assert_eq!(fold_char(c).len_utf8(), c.len_utf8(), "{c:?}");
            // The shortcuts agree with the table.
            let mut lower = c.to_lowercase();
            let table = match (lower.next(), lower.next()) {
                (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
                _ => c,
            };
            assert_eq!(fold_char(c), table, "{c:?}");
        }
        let s = "Ein ÜBERBLICK — Σ İ \u{212a} 日本";
        let f = fold(s);
        assert_eq!(f.len(), s.len());
        let mut buf = [0u8; 64];
        assert_eq!(fold_to(s, &mut buf), Some(f.as_bytes()));
        assert_eq!(fold_to(s, &mut [0u8; 8]), None);
        for i in 0..=s.len() {
            assert_eq!(f.is_char_boundary(i), s.is_char_boundary(i), "{i}");
        }
    }
}
