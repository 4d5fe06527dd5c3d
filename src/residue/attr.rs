//! The one attribute grammar of the residue path: which bytes make an attribute's name, which
//! quotes open and close a value (ASCII and the typographic ones machine translation puts
//! in), which bytes an unquoted value holds, and the attributes of a complete tag. The tag
//! scanner ([`super::tag`]) reads attributes forwards with it, the orphan reader
//! ([`super::orphan`]) backwards from a `>`, and the lexer looks up `class`, `id`, `href`.

/// A byte of an attribute name: HTML's, and the frameworks' (`_ngcontent-c1`, `v-bind:x`,
/// `@click`, `#ref`, `*ngIf`, `[prop]`, `(event)`).
pub(crate) fn is_name_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c, b'-' | b'_' | b':' | b'.' | b'@' | b'#' | b'*' | b'[' | b']' | b'(' | b')')
}

/// A byte that can start an attribute name (not `.`, `]` or `)`).
pub(crate) fn is_name_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || matches!(c, b'-' | b'_' | b':' | b'@' | b'[' | b'(' | b'*' | b'#')
}

/// A byte of an unquoted value as a tail shows it (`width=800`, `loading=lazy`,
/// `src=/a.jpg?x=1&y=2`).
pub(crate) fn is_unquoted_value_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || b"-_.:/%#?&;+,".contains(&c)
}

/// Whether `next`, what follows a `>` after a quoted word and a space, makes the `>` a shell
/// redirection (`echo "x" > log`, `>> log`, `>&2`, or nothing): prose, not a cut attribute's
/// tail. The lexer, the settle check and the stream's cuts read it alike.
pub(crate) fn redirects(next: Option<&u8>) -> bool {
    matches!(next, None | Some(b'>' | b'&' | b' ' | b'\t' | b'\n' | b'\r'))
}

/// A quote that can open or end a value: `"`, `'`, and the typographic ones (“ ” „ ‟ ‘ ’ ‚ « »).
pub(crate) fn is_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '”' | '„' | '‟' | '‘' | '’' | '‚' | '«' | '»')
}

/// The byte length of a typographic quote at `b[i]` (“ ” „ ‟ ‘ ’ ‚ « »), or 0.
pub(crate) fn typographic_quote_len(b: &[u8], i: usize) -> usize {
    match (b.get(i), b.get(i + 1), b.get(i + 2)) {
        (Some(0xE2), Some(0x80), Some(0x98..=0x9F)) => 3,
        (Some(0xC2), Some(0xAB | 0xBB), _) => 2,
        _ => 0,
    }
}

/// The attributes of a complete tag's text (`<div class="a b" id=x hidden>`), in order, as
/// `(name, value)`: one pass, quoted or unquoted values, valueless attributes with `None`.
pub(crate) fn attributes(tag: &str) -> impl Iterator<Item = (&str, Option<&str>)> {
    let b = tag.as_bytes();
    let is_space = |i: usize| b.get(i).is_some_and(u8::is_ascii_whitespace);
    // Past `<` and the tag name.
    let mut i = b.iter().position(|c| c.is_ascii_whitespace() || matches!(c, b'>' | b'/')).unwrap_or(b.len());
    std::iter::from_fn(move || {
        loop {
            while is_space(i) || b.get(i) == Some(&b'/') {
                i += 1;
            }
            match b.get(i) {
                None | Some(b'>') => return None,
                _ => {}
            }
            let start = i;
            while b.get(i).copied().is_some_and(is_name_byte) {
                i += 1;
            }
            if i == start {
                // A stray `=` or a byte no name has: step over it.
                i += 1;
                continue;
            }
            let name = tag.get(start..i)?;
            let mut j = i;
            while is_space(j) {
                j += 1;
            }
            if b.get(j) != Some(&b'=') {
                return Some((name, None));
            }
            j += 1;
            while is_space(j) {
                j += 1;
            }
            let (value, end) = match b.get(j) {
                Some(&q @ (b'"' | b'\'')) => {
                    let len = b.get(j + 1..)?.iter().position(|&c| c == q).unwrap_or(b.len() - j - 1);
                    (tag.get(j + 1..j + 1 + len)?, j + len + 2)
                }
                _ => {
                    let len = b
                        .get(j..)?
                        .iter()
                        .position(|c| c.is_ascii_whitespace() || *c == b'>')
                        .unwrap_or(b.len() - j);
                    (tag.get(j..j + len)?, j + len)
                }
            };
            i = end;
            return Some((name, Some(value)));
        }
    })
}

/// The value of attribute `name` in a complete tag's text; `None` when the tag has no such
/// attribute or it has no value.
#[cfg(test)]
pub(crate) fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    attributes(tag).find(|(n, _)| n.eq_ignore_ascii_case(name)).and_then(|(_, v)| v)
}

/// Does a style attribute hide its element (`display: none`, `visibility: hidden`)?
pub(crate) fn style_hides(style: &str) -> bool {
    let compact: String =
        style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
    compact.contains("display:none") || compact.contains("visibility:hidden")
}

/// Does a complete tag hide its element: a `hidden` attribute, or a style that hides it?
#[cfg(test)]
pub(crate) fn is_hidden(tag: &str) -> bool {
    attributes(tag).any(|(n, v)| {
        n.eq_ignore_ascii_case("hidden") || (n.eq_ignore_ascii_case("style") && v.is_some_and(style_hides))
    })
}
