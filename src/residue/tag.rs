//! Provides [`scan`]: reads one tag starting at `<` the way a forgiving human would, and
//! says where it ends, whether its `>` came, and how many plausible attributes it had.
//!
//! The scanner never decides whether the tag is markup: [`super::ambiguity`] does, from what
//! the scan found. It only knows where a tag *could* end. A tag whose `>` never comes (cut by a
//! scraper, or broken by machine translation: `<p _ngcontent-sc90 class= Während die …`) ends
//! after its last plausible attribute: the first thing that cannot be an attribute (a
//! capitalised word, a non-ASCII word, a bare lowercase word that is no boolean or framework
//! attribute, a blank line, the end of the look-ahead) is prose.
//!
//! Bounded: the scan reads at most [`MAX_TAG_LOOKAHEAD_BYTES`]; quoted values are searched
//! through the memoised [`Finder`], so repeated unterminated quotes stay linear overall.

use super::attr;
use super::names;
use super::search::{Finder, find_pair};

/// The furthest a tag scan reads past its `<`. Real tags with long `srcset`, `style` or
/// JSON `data-*` values reach a few KiB; past this the tag is treated as broken.
pub(crate) const MAX_TAG_LOOKAHEAD_BYTES: usize = 16 * 1024;
/// The longest tag or attribute name considered.
const MAX_NAME_BYTES: usize = 128;
/// How far past a value that spans lines the rest of its tag may reach.
const MAX_ATTRIBUTE_TAIL_BYTES: usize = 4096;
/// How far a value opened by a typographic quote is searched for its closing quote.
const MAX_TYPOGRAPHIC_VALUE_BYTES: usize = 512;

/// Where the tag scanner is inside `<name attr=value …>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TagState {
    /// Just after `<`: a `/` or a letter decides whether this can be a tag at all.
    Open,
    /// Inside the tag name (`<sect|ion`).
    Name,
    /// Between attributes: whitespace, `>`, `/>`, or the start of the next attribute.
    BeforeAttrName,
    /// Inside an attribute name (`_ngcont|ent-sc90`).
    AttrName,
    /// Just after `=`: whitespace, a quote, or an unquoted value.
    BeforeAttrValue,
    /// Inside a value quoted with `"` or `'` (the byte is the quote).
    AttrValueQuoted(u8),
    /// Inside a value opened by a typographic quote (`“`, `„`, `«` …), as machine
    /// translation leaves them.
    AttrValueTypographic,
    /// Inside an unquoted value (`width=10|0`).
    AttrValueUnquoted,
    /// Inside an end tag after its name: anything up to `>` on the same line.
    EndTagRest,
}

/// What a scan found. Offsets are absolute positions in the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct TagScan {
    /// `</name`.
    pub is_end: bool,
    /// The tag name's span.
    pub name: (usize, usize),
    /// Where the tag ends (exclusive): after `>`, or after the last plausible attribute.
    pub end: usize,
    /// The `>` came.
    pub closed: bool,
    /// Ended with `/>`.
    pub self_closing: bool,
    /// Plausible attributes read.
    pub attrs: u32,
    /// Attributes with a quoted value (the strongest evidence of markup).
    pub quoted_attrs: u32,
    /// Spaces stood between `<` (or `</`) and the name: `< p >`, `</ P>`, as machine
    /// translation writes tags.
    pub spaced: bool,
}

/// `Open`, `Selected`: a capital then lowercase letters. A bare word so written after a broken
/// tag's attributes is where prose starts again (`<img alt="x" Open the door`); attribute
/// names are lowercase, or all capitals in old pages (`<OPTION SELECTED>`).
fn is_title_case(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase()) && chars.any(|c| c.is_ascii_lowercase())
}

/// Scans the tag that starts at `b[at] == b'<'`. `None` when what follows cannot be a tag
/// name at all (`< y`, `<3`, `<-`, `<john@…`, `<https://…`, `<String,`).
pub(crate) fn scan(b: &[u8], at: usize, finder: &mut Finder) -> Option<TagScan> {
    scan_bare(b, at).or_else(|| scan_full(b, at, finder))
}

/// [`scan`] by the state machine, for every shape.
fn scan_full(b: &[u8], at: usize, finder: &mut Finder) -> Option<TagScan> {
    let limit = b.len().min(at.saturating_add(MAX_TAG_LOOKAHEAD_BYTES));
    let mut s = TagScan {
        is_end: false,
        name: (0, 0),
        end: 0,
        closed: false,
        self_closing: false,
        attrs: 0,
        quoted_attrs: 0,
        spaced: false,
    };
    let mut state = TagState::Open;
    let mut i = at + 1;
    // The end of the last plausible piece of the tag: where a broken tag ends.
    let mut good = at + 1;
    let mut attr_start = 0;
    let mut spaces = 0u8;
    // Where the quote of a value after a cut `=` (`class= "…`) opens.
    let mut cut_quote: Option<usize> = None;
    // The value being read is a `style` attribute's.
    let mut style = false;
    // Whether the element takes the boolean attribute `name`: `<p async def f():` is prose
    // after a broken tag, unless the tag closes after it (`<p async>`, a misplaced attribute).
    let takes = |tag: (usize, usize), name: &str| {
        let tag = b.get(tag.0..tag.1).and_then(|t| std::str::from_utf8(t).ok()).unwrap_or_default();
        names::takes_boolean_attr(tag, name)
    };
    loop {
        let c = if i < limit { b.get(i).copied() } else { None };
        match state {
            // § open
            TagState::Open => match c {
                Some(b'/') if !s.is_end => {
                    s.is_end = true;
                    i += 1;
                }
                // `< p >`, `< /p >`, `</ p>`: at most two spaces in all.
                Some(b' ') if spaces < 2 => {
                    spaces += 1;
                    s.spaced = true;
                    i += 1;
                }
                Some(c) if c.is_ascii_alphabetic() => {
                    s.name.0 = i;
                    state = TagState::Name;
                }
                _ => return None,
            },
            // § name
            TagState::Name => match c {
                Some(c) if c.is_ascii_alphanumeric() || matches!(c, b'-' | b':' | b'_') => {
                    i += 1;
                    if i - s.name.0 > MAX_NAME_BYTES {
                        return None;
                    }
                }
                // The name must end where a tag name can end.
                None | Some(b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'>' | b'/') => {
                    s.name.1 = i;
                    if b.get(i - 1) == Some(&b':') {
                        return None; // `<https:` is an autolink, not a tag
                    }
                    good = i;
                    state = if s.is_end { TagState::EndTagRest } else { TagState::BeforeAttrName };
                }
                // `Contents</span<br/>`, `<u<h2>`: a tag whose `>` was lost before the next
                // tag (the policy still decides: `vector<int<x>>` is no tag).
                Some(b'<')
                    if s.is_end
                        || b.get(i + 1)
                            .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, b'/' | b'!')) =>
                {
                    s.name.1 = i;
                    return Some(broken(s, i));
                }
                Some(_) => return None,
            },
            // § end-tag rest: `</p >`, `</div class="x">`; anything else after the name is
            // prose (`</p Der Wert ist 5 > 3`).
            TagState::EndTagRest => match c {
                Some(b'>') => return Some(closed(s, i + 1, false)),
                Some(b' ' | b'\t' | b'\r') => i += 1,
                Some(_) => match attributes_then_gt(b, i, limit, Attrs::Quoted) {
                    Some(gt) => return Some(closed(s, gt + 1, false)),
                    None => return Some(broken(s, good)),
                },
                None => return Some(broken(s, good)),
            },
            // § before-attribute-name
            TagState::BeforeAttrName => match c {
                Some(b' ' | b'\t' | b'\r' | b'\x0c') => i += 1,
                Some(b'\n') => {
                    if line_is_blank_after(b, i + 1, limit) {
                        return Some(broken(s, good));
                    }
                    i += 1;
                }
                Some(b'>') => return Some(closed(s, i + 1, false)),
                Some(b'/') if b.get(i + 1) == Some(&b'>') && i + 1 < limit => {
                    return Some(closed(s, i + 2, true));
                }
                // A void element's slash is part of the tag, even where its `>` was cut
                // (`<br/ Dann ging er`).
                Some(b'/') => {
                    i += 1;
                    good = i;
                }
                Some(c) if attr::is_name_byte(c) => {
                    attr_start = i;
                    state = TagState::AttrName;
                }
                _ => return Some(broken(s, good)),
            },
            // § attribute-name
            TagState::AttrName => match c {
                Some(c) if attr::is_name_byte(c) && i - attr_start < MAX_NAME_BYTES => {
                    // The rest of the name at once (`_ngcontent-serverapp-c112`), as the
                    // turns of the loop would read it, a byte each.
                    i += 1;
                    while i < limit
                        && i - attr_start < MAX_NAME_BYTES
                        && b.get(i).copied().is_some_and(attr::is_name_byte)
                    {
                        i += 1;
                    }
                }
                Some(b'=') => {
                    style = b.get(attr_start..i).is_some_and(|n| n.eq_ignore_ascii_case(b"style"));
                    i += 1;
                    state = TagState::BeforeAttrValue;
                }
                Some(b' ' | b'\t' | b'\r' | b'\n' | b'>' | b'/') | None => {
                    // A bare word: `=` may still follow after spaces (`class = "x"`).
                    let name = std::str::from_utf8(b.get(attr_start..i)?).ok()?;
                    let mut j = i;
                    while matches!(b.get(j), Some(b' ' | b'\t')) && j < limit {
                        j += 1;
                    }
                    if b.get(j) == Some(&b'=') && j < limit {
                        style = name.eq_ignore_ascii_case("style");
                        i = j + 1;
                        state = TagState::BeforeAttrValue;
                    } else if !is_title_case(name)
                        && (names::is_boolean_attr(name)
                            && (takes(s.name, name)
                                || attributes_then_gt(b, attr_start, limit, Attrs::Any).is_some())
                            || names::is_bare_framework_attr(name))
                    {
                        s.attrs += 1;
                        good = i;
                        state = TagState::BeforeAttrName;
                    } else {
                        return Some(broken(s, good));
                    }
                }
                // A non-ASCII or punctuation byte in a name: this word is prose.
                Some(_) => return Some(broken(s, good)),
            },
            // § before-attribute-value
            TagState::BeforeAttrValue => {
                let mut j = i;
                while matches!(b.get(j), Some(b' ' | b'\t')) && j < limit {
                    j += 1;
                }
                cut_quote = (j > i).then_some(j);
                // `class=""lead""`: quotes doubled, as a CSV export writes them. The value runs
                // to the next `""` on its line.
                if let Some(close) = doubled_quote_value(b, j, limit) {
                    s.attrs += 1;
                    s.quoted_attrs += 1;
                    i = close + 2;
                    good = i;
                    state = TagState::BeforeAttrName;
                    continue;
                }
                match b.get(j).filter(|_| j < limit) {
                    Some(&q @ (b'"' | b'\'')) => {
                        i = j + 1;
                        state = TagState::AttrValueQuoted(q);
                    }
                    Some(_) if attr::typographic_quote_len(b, j) > 0 => {
                        i = j + attr::typographic_quote_len(b, j);
                        state = TagState::AttrValueTypographic;
                    }
                    // `class= Während`: the value was cut; the tag goes on or ends after `=`.
                    Some(_) if j > i => {
                        s.attrs += 1;
                        good = i;
                        state = TagState::BeforeAttrName;
                    }
                    Some(b'\n' | b'\r' | b'>') | None => {
                        s.attrs += 1;
                        good = i;
                        state = TagState::BeforeAttrName;
                    }
                    Some(_) => state = TagState::AttrValueUnquoted,
                }
            }
            // § attribute-value (quoted)
            TagState::AttrValueQuoted(q) => {
                let close = finder.find(b, i, &[q]).filter(|&p| p < limit);
                // A value ends on its own line, unless what follows its closing quote on a
                // later line is only more attributes and the tag's `>` (an `onclick` script
                // written over lines): otherwise a quote on a later line belongs to prose.
                let eol = finder.find(b, i, b"\n");
                // A head element's value is never prose, even over paragraphs (a
                // `<meta content="…">` holding the whole article).
                let in_head = b.get(s.name.0..s.name.1).is_some_and(|n| {
                    [&b"meta"[..], b"link", b"base"].iter().any(|h| n.eq_ignore_ascii_case(h))
                });
                let spans_lines = |p: usize| {
                    let blank = b.get(i..p).is_some_and(|v| memchr::memmem::find(v, b"\n\n").is_some());
                    (!blank || in_head) && attributes_then_gt(b, p + 1, limit, Attrs::Any).is_some()
                };
                match close {
                    // `<p class= "Quote, with commas and a sentence end," said the minister.`:
                    // after a cut `=`, a value of prose that no `>` follows is the paragraph.
                    // The attribute counts, as a cut value does (`class= Während`), whether
                    // the prose's closing quote is on the line or not.
                    Some(p) if quoted_prose(b, cut_quote, i..p, p + 1, limit) => {
                        s.attrs += 1;
                        return Some(broken(s, cut_quote.unwrap_or(i)));
                    }
                    Some(p) if eol.is_none_or(|e| e > p) || spans_lines(p) => {
                        s.attrs += 1;
                        s.quoted_attrs += 1;
                        i = p + 1;
                        good = i;
                        state = TagState::BeforeAttrName;
                        // `"a"b`: a glued next attribute is read as such.
                    }
                    _ => return Some(unterminated_value(s, b, i, cut_quote, style, finder)),
                }
            }
            // § attribute-value (typographic quotes)
            TagState::AttrValueTypographic => {
                let stop = limit.min(i + MAX_TYPOGRAPHIC_VALUE_BYTES);
                match find_typographic_close(b, i, stop) {
                    Some(p) if quoted_prose(b, cut_quote, i..p, p, limit) => {
                        s.attrs += 1;
                        return Some(broken(s, cut_quote.unwrap_or(i)));
                    }
                    Some(p) => {
                        s.attrs += 1;
                        s.quoted_attrs += 1;
                        i = p;
                        good = i;
                        state = TagState::BeforeAttrName;
                    }
                    None => return Some(unterminated_value(s, b, i, cut_quote, style, finder)),
                }
            }
            // § attribute-value (unquoted)
            TagState::AttrValueUnquoted => {
                let start = i;
                while let Some(&c) = b.get(i).filter(|_| i < limit) {
                    if c.is_ascii_whitespace() || c == b'>' {
                        break;
                    }
                    i += 1;
                }
                let value = b.get(start..i)?;
                let ends_tag = b.get(i) == Some(&b'>');
                if ends_tag || is_plausible_unquoted(value) {
                    s.attrs += 1;
                    // `<a href=/>` is a link to `/`, not a self-closed tag: as in HTML, an
                    // unquoted value keeps its trailing slash.
                    if ends_tag {
                        return Some(closed(s, i + 1, false));
                    }
                    good = i;
                    state = TagState::BeforeAttrName;
                } else {
                    // `class=Während die …`: the value is the first word of the prose.
                    s.attrs += 1;
                    return Some(broken(s, start));
                }
            }
        }
    }
}

/// The commonest tag, `<name>` or `</name>` with a short name of letters and digits, read at
/// once; `None` for any other shape, which the full scan reads (and reads the same).
fn scan_bare(b: &[u8], at: usize) -> Option<TagScan> {
    const MAX_BARE_NAME: usize = 16;
    let is_end = b.get(at + 1) == Some(&b'/');
    let start = at + 1 + usize::from(is_end);
    let rest = b.get(start..)?;
    if !rest.first()?.is_ascii_alphabetic() {
        return None;
    }
    let len = rest.iter().take(MAX_BARE_NAME + 1).take_while(|c| c.is_ascii_alphanumeric()).count();
    if len > MAX_BARE_NAME || rest.get(len) != Some(&b'>') {
        return None;
    }
    Some(TagScan {
        is_end,
        name: (start, start + len),
        end: start + len + 1,
        closed: true,
        self_closing: false,
        attrs: 0,
        quoted_attrs: 0,
        spaced: false,
    })
}

fn closed(mut s: TagScan, end: usize, self_closing: bool) -> TagScan {
    s.end = end;
    s.closed = true;
    s.self_closing = self_closing;
    s
}

fn broken(mut s: TagScan, end: usize) -> TagScan {
    s.end = end;
    s
}

/// Which attributes [`attributes_then_gt`] accepts.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Attrs {
    /// Every form: `name`, `name=value`, `name="value"` (a start tag's tail).
    Any,
    /// Only `name="value"` and `name='value'` (what an end tag may carry: a bare word after
    /// `</p` is prose).
    Quoted,
}

/// Where the `>` is when `b[from..]`, up to it, holds only attributes of the `accepted` kind
/// and an optional `/`, within [`MAX_ATTRIBUTE_TAIL_BYTES`]; else `None`.
fn attributes_then_gt(b: &[u8], from: usize, limit: usize, accepted: Attrs) -> Option<usize> {
    let stop = limit.min(from.saturating_add(MAX_ATTRIBUTE_TAIL_BYTES));
    let mut i = from;
    loop {
        while matches!(b.get(i), Some(b' ' | b'\t' | b'\r')) && i < stop {
            i += 1;
        }
        let spaces_from =
            |k: usize| k + b.get(k..stop).map_or(0, |r| r.iter().take_while(|&&c| c == b' ').count());
        match b.get(i).filter(|_| i < stop)? {
            b'>' => return Some(i),
            // `/>`, or `/ >` as machine translation writes it.
            b'/' => {
                let gt = spaces_from(i + 1);
                return (b.get(gt) == Some(&b'>')).then_some(gt);
            }
            &c if attr::is_name_byte(c) => {}
            _ => return None,
        }
        while b.get(i).is_some_and(|&c| attr::is_name_byte(c)) && i < stop {
            i += 1;
        }
        // `name="v"`, or `name = "v"` as machine translation writes it.
        let eq = spaces_from(i);
        if b.get(eq) == Some(&b'=') {
            i = spaces_from(eq + 1);
            match b.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    // A start tag's value may span lines (the next `onclick`), but not a blank
                    // line; an end tag's stays on its line.
                    let rest = b.get(i + 1..stop).unwrap_or_default();
                    let j = memchr::memchr(q, rest)?;
                    let value = rest.get(..j).unwrap_or_default();
                    let breaks: &[u8] = if accepted == Attrs::Quoted { b"\n" } else { b"\n\n" };
                    if memchr::memmem::find(value, breaks).is_some() {
                        return None;
                    }
                    i += j + 2;
                }
                _ if accepted == Attrs::Quoted => return None,
                _ => {
                    while b.get(i).is_some_and(|c| !c.is_ascii_whitespace() && *c != b'>') && i < stop {
                        i += 1;
                    }
                }
            }
        } else if accepted == Attrs::Quoted {
            return None;
        }
    }
}

/// Where the closing `""` of a value opened with `""` at `j` is (`class=""lead""`): on the
/// same line, before `limit`, after at least one byte that is no space, `>` or quote.
fn doubled_quote_value(b: &[u8], j: usize, limit: usize) -> Option<usize> {
    if b.get(j..j + 2) != Some(b"\"\"") {
        return None;
    }
    let first = *b.get(j + 2)?;
    if first.is_ascii_whitespace() || matches!(first, b'>' | b'"' | b'\'' | b'/') {
        return None;
    }
    let rest = b.get(j + 2..limit)?;
    let close = find_pair(rest, *b"\"\"")?;
    let value = rest.get(..close)?;
    (!value.contains(&b'\n')).then_some(j + 2 + close)
}

/// A quoted value whose closing quote never comes. A single token to the end of the line
/// (`href="https://…`) is markup and goes; words (`alt="Wie man dem Westen …`) are the text
/// of a cut attribute and stay as prose, for the filters to judge.
/// After a cut `=` (`class= „Das …`) the value's opening quote is the paragraph's, and stays.
/// A `style` value's declarations (`color: #000000;`) go before the words that follow them.
fn unterminated_value(
    mut s: TagScan,
    b: &[u8],
    from: usize,
    cut_quote: Option<usize>,
    style: bool,
    finder: &mut Finder,
) -> TagScan {
    let eol = finder.find(b, from, b"\n").unwrap_or(b.len());
    let rest = b.get(from..eol).unwrap_or_default();
    let is_token = !rest.is_empty() && !rest.iter().any(|c| c.is_ascii_whitespace());
    s.attrs += 1;
    s.end = if is_token && eol - from <= MAX_TAG_LOOKAHEAD_BYTES {
        eol
    } else if style && cut_quote.is_none() {
        from + css_declarations(rest)
    } else {
        cut_quote.unwrap_or(from)
    };
    s
}

/// Bytes of `v` that are CSS declarations (`color: #000000; font-weight: 400;`), each with
/// its `;`, and the spaces after them. A property is lowercase (`Note: …;` is prose).
fn css_declarations(v: &[u8]) -> usize {
    let mut end = 0;
    loop {
        let mut j = end;
        let property = j;
        while v.get(j).is_some_and(|&c| c.is_ascii_lowercase() || c == b'-') {
            j += 1;
        }
        if j == property || j - property > 40 {
            return end;
        }
        while v.get(j) == Some(&b' ') {
            j += 1;
        }
        if v.get(j) != Some(&b':') {
            return end;
        }
        let value = j + 1;
        let stop =
            v.get(value..).and_then(|r| r.iter().take(80).position(|&c| matches!(c, b';' | b'"' | b'<')));
        match stop {
            Some(k) if v.get(value + k) == Some(&b';') => j = value + k + 1,
            // The last declaration, whose `;` went with the cut (`font-size: 18px Die Stadt`):
            // values of CSS's shapes, then a capitalised word, where the prose starts.
            _ => return last_declaration(v, value, end > 0).unwrap_or(end),
        }
        while v.get(j) == Some(&b' ') {
            j += 1;
        }
        end = j;
    }
}

/// Where the prose starts after a style's last declaration that lost its `;`, its value
/// starting at `v[value]`: one to [`MAX_CSS_VALUES`] values of CSS's shapes (`18px`, `0`,
/// `1.5em`, `100%`, `#fff`, `auto`), then a word that starts with a capital. Keywords alone
/// (`color: red`) count only after a whole declaration (`margin: 0; color: red Der …`): a
/// style's first words could be prose's (`note: this is great Das …`).
fn last_declaration(v: &[u8], value: usize, after_declaration: bool) -> Option<usize> {
    let mut j = value;
    let (mut values, mut measured) = (0, false);
    loop {
        while v.get(j) == Some(&b' ') {
            j += 1;
        }
        let token = v.get(j..)?.iter().take_while(|&&c| c != b' ').count();
        let t = v.get(j..j + token)?;
        let first = t.first()?;
        if values > 0 && (first.is_ascii_uppercase() || *first >= 0x80) {
            return (measured || after_declaration).then_some(j);
        }
        if values == MAX_CSS_VALUES || !is_css_value(t) {
            return None;
        }
        values += 1;
        measured |= t.iter().any(|c| c.is_ascii_digit() || *c == b'#');
        j += token;
    }
}

/// Values a declaration that lost its `;` is read over at most.
const MAX_CSS_VALUES: usize = 4;

/// A CSS value's shape: a number with a unit or `%` (`18px`, `-1.5em`, `0`), a colour
/// (`#fff`), or a keyword (`auto`, `sans-serif`).
fn is_css_value(t: &[u8]) -> bool {
    let number = t.iter().take_while(|c| c.is_ascii_digit() || matches!(c, b'.' | b'-' | b'+')).count();
    let unit = t.get(number..).unwrap_or_default();
    let keyword = |w: &[u8]| w.len() <= 16 && w.iter().all(|c| c.is_ascii_lowercase() || *c == b'-');
    match t.first() {
        Some(b'#') => t.len() <= 9 && t.iter().skip(1).all(u8::is_ascii_hexdigit),
        Some(_) if number > 0 => {
            t.get(..number).is_some_and(|n| n.iter().any(u8::is_ascii_digit))
                && (unit.is_empty()
                    || unit == b"%"
                    || unit.len() <= 4 && unit.iter().all(u8::is_ascii_lowercase))
        }
        Some(_) => !t.is_empty() && keyword(t),
        None => false,
    }
}

/// Whether the quoted value `b[value]` (its closing quote ends before `after`), opened after a
/// cut `=` (`cut_quote`), is prose: words, most of them letters, with sentence punctuation, a
/// capitalised word, a word with letters outside ASCII (class and id names are ASCII) or three
/// words or more of letters alone (class lists join words with `-` and `_`), and no `>` of a
/// tag after it; or one word of letters whose sentence punctuation the quote closes over, as
/// a quotation's does and no attribute's (`<p class= “Done,” Trump said.`). A class list
/// (`btn btn-primary`) and a complete tag's `alt`/`title` text are not.
fn quoted_prose(
    b: &[u8],
    cut_quote: Option<usize>,
    value: std::ops::Range<usize>,
    after: usize,
    limit: usize,
) -> bool {
    if cut_quote.is_none() || attributes_then_gt(b, after, limit, Attrs::Any).is_some() {
        return false;
    }
    let Some(value) = b.get(value).and_then(|v| std::str::from_utf8(v).ok()) else { return false };
    let words: Vec<&str> = value.split_whitespace().collect();
    let wordy = words
        .iter()
        .filter(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).chars().all(char::is_alphabetic))
        .count();
    let punctuated = value.contains([',', '.', ';', ':', '!', '?', '…']);
    let capitalised = words.iter().any(|w| w.chars().next().is_some_and(char::is_uppercase));
    let foreign = words.iter().any(|w| !w.is_ascii() && w.chars().any(char::is_alphabetic));
    let plain = words.len() >= 3 && words.iter().all(|w| w.chars().all(char::is_alphabetic));
    // (A typographic value's range ends with its closing quote.)
    let quoted_word = match words.as_slice() {
        [w] => {
            let w = w.trim_end_matches(['"', '”', '“', '»', '«', '„', '’', '‘']);
            let punctuated = w
                .strip_suffix([',', '.', '!', '?', '…'])
                .is_some_and(|w| !w.is_empty() && w.chars().all(char::is_alphabetic));
            punctuated || is_capitalised_word(w)
        }
        _ => false,
    };
    quoted_word
        || words.len() >= 2 && wordy * 2 >= words.len() && (punctuated || capitalised || foreign || plain)
}

/// A word of letters, its first a capital and the others small (`Veronika`, `Während`): a
/// name or a sentence's first word, where the prose after a cut `=` starts; class and id
/// values are lowercase, or joined with `-`, `_` or capitals inside.
fn is_capitalised_word(w: &str) -> bool {
    let mut chars = w.chars();
    chars.next().is_some_and(char::is_uppercase) && {
        let rest = chars.as_str();
        !rest.is_empty() && rest.chars().all(|c| c.is_alphabetic() && c.is_lowercase())
    }
}

/// An unquoted value that reads as markup: ASCII, and not a capitalised word (`Während`,
/// `The`), which is where the prose after a cut `class=` starts.
fn is_plausible_unquoted(v: &[u8]) -> bool {
    let capitalised_word =
        v.first().is_some_and(u8::is_ascii_uppercase) && v.get(1).is_some_and(u8::is_ascii_lowercase);
    v.is_ascii() && !capitalised_word
}

/// Is the line that starts at `from` blank (only spaces up to the next newline or the end)?
fn line_is_blank_after(b: &[u8], from: usize, limit: usize) -> bool {
    let mut i = from;
    while i < limit {
        match b.get(i) {
            Some(b' ' | b'\t' | b'\r') => i += 1,
            Some(b'\n') => return true,
            _ => return false,
        }
    }
    true
}

/// Finds the end of a typographic-quoted value: a quote (typographic or `"`) followed by
/// whitespace, `>`, `/` or the end. Returns the position after the quote.
fn find_typographic_close(b: &[u8], from: usize, stop: usize) -> Option<usize> {
    let mut i = from;
    while i < stop {
        let c = *b.get(i)?;
        if c == b'\n' {
            return None;
        }
        let q = if c == b'"' { 1 } else { attr::typographic_quote_len(b, i) };
        if q > 0 {
            let after = i + q;
            if matches!(b.get(after), None | Some(b' ' | b'\t' | b'\r' | b'\n' | b'>' | b'/')) {
                return Some(after);
            }
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::attr::{attribute, attributes, is_hidden};
    use super::*;

    fn sc(s: &str) -> Option<TagScan> {
        scan(s.as_bytes(), 0, &mut Finder::new())
    }

    proptest::proptest! {
        /// The shortcut for `<name>` reads what the state machine reads.
        #[test]
        fn the_bare_tag_shortcut_agrees_with_the_full_scan(s in "<[/ ]?[a-zA-Z0-9:_-]{0,20}[> /]?[a\"=>]{0,3}") {
            if let Some(fast) = scan_bare(s.as_bytes(), 0) {
                proptest::prop_assert_eq!(Some(fast), scan_full(s.as_bytes(), 0, &mut Finder::new()));
            }
        }
    }

    #[test]
    fn hidden_elements() {
        assert!(is_hidden("<div hidden>"));
        assert!(is_hidden("<div class=x hidden=\"\">"));
        assert!(is_hidden("<p style=\"color:red; display: none\">"));
        assert!(is_hidden("<span style='visibility:hidden'>"));
        assert!(!is_hidden("<div class=\"hidden-xs\">"));
        assert!(!is_hidden("<div data-hidden=1>"));
        assert!(!is_hidden("<p style=\"display:block\">"));
    }

    #[test]
    fn attribute_values() {
        let t = "<div data-class=\"no\" class=\"a sidebar\" id=main>";
        assert_eq!(attribute(t, "class"), Some("a sidebar"));
        assert_eq!(attribute(t, "id"), Some("main"));
        assert_eq!(attribute(t, "style"), None);
        assert_eq!(attribute("<p CLASS='x'>", "class"), Some("x"));
        let all: Vec<_> = attributes("<img src = \"a b\" alt=x hidden />").collect();
        assert_eq!(all, [("src", Some("a b")), ("alt", Some("x")), ("hidden", None)]);
    }

    #[test]
    fn complete_tags_close() {
        let t = sc("<p class=\"x\" id=y>rest").unwrap();
        assert!(t.closed);
        assert_eq!(t.end, 18);
        assert_eq!((t.attrs, t.quoted_attrs), (2, 1));
        let t = sc("<img src=\"a.jpg\" alt=\"\" />x").unwrap();
        assert!(t.closed && t.self_closing);
        assert_eq!(t.end, 26);
        let t = sc("</p >").unwrap();
        assert!(t.is_end && t.closed);
    }

    #[test]
    fn broken_tag_ends_after_last_plausible_attribute() {
        let s = "<p _ngcontent-sc90 class= Während die";
        let t = sc(s).unwrap();
        assert!(!t.closed);
        assert_eq!(&s[t.end..], " Während die");
        let s = "<p class=\"intro\" The rest";
        let t = sc(s).unwrap();
        assert_eq!(&s[t.end..], " The rest");
        let s = "<div data-v-7ba5bd90 hidden die Vereinigten";
        let t = sc(s).unwrap();
        assert_eq!(&s[t.end..], " die Vereinigten");
        assert_eq!(t.attrs, 2);
    }

    #[test]
    fn unquoted_capitalised_value_is_prose() {
        let s = "<p class=Während die";
        let t = sc(s).unwrap();
        assert_eq!(&s[t.end..], "Während die");
    }

    #[test]
    fn not_tag_names() {
        for s in
            ["<   y", "< 3", "<3", "<-", "<=", "<john@example.com>", "<https://x.org>", "<String,", "<<q>>"]
        {
            assert_eq!(sc(s), None, "{s}");
        }
    }

    #[test]
    fn an_end_tag_takes_quoted_attributes_but_no_prose() {
        let s = "</p Der Wert ist 5 > 3";
        let t = sc(s).unwrap();
        assert!(!t.closed);
        assert_eq!(&s[t.end..], " Der Wert ist 5 > 3");
        let s = "</div class=\"x\" id='y' > Weiter";
        let t = sc(s).unwrap();
        assert!(t.closed);
        assert_eq!(&s[t.end..], " Weiter");
        assert!(sc("</p  >").unwrap().closed);
        assert!(!sc("</div class=\"x\ny\">").unwrap().closed);
    }

    #[test]
    fn spaces_after_the_open_bracket_are_read_and_marked() {
        let t = sc("< /p >rest").unwrap();
        assert!(t.spaced && t.is_end && t.closed);
        assert_eq!(t.end, 6);
        let t = sc("</ P>").unwrap();
        assert!(t.spaced && t.is_end && t.closed);
        assert!(!sc("<p>").unwrap().spaced);
    }

    #[test]
    fn a_cut_value_of_prose_counts_as_an_attribute_closed_on_its_line_or_not() {
        // Glued to a word, a tag is markup only with attributes: both forms must count one,
        // or cutting the paragraph after the quote would turn prose into markup.
        for s in ["x<p @= 'So ist es, sagte er' und", "x<p @= 'So ist es, sagte er\nund'"] {
            let t = sc(&s[1..]).unwrap();
            assert_eq!((t.attrs, &s[1 + t.end..][..4]), (1, "'So "), "{s}");
        }
    }

    #[test]
    fn unterminated_values() {
        let s = "<a href=\"https://x.org/a\nnext";
        let t = sc(s).unwrap();
        assert_eq!(&s[t.end..], "\nnext");
        let s = "<img alt=\"Wie man dem Westen\nnext";
        let t = sc(s).unwrap();
        assert_eq!(&s[t.end..], "Wie man dem Westen\nnext");
    }

    #[test]
    fn a_value_over_lines_closes_when_only_attributes_follow() {
        let s = "<a href=\"#\" onclick=\"return f(\n 'a note', X) \" class=\"popup \">I</a>";
        let t = sc(s).unwrap();
        assert!(t.closed);
        assert_eq!(&s[t.end..], "I</a>");
        let s = "<img alt=\"A photo\nThe text says \"hello\" to all.";
        let t = sc(s).unwrap();
        assert_eq!(&s[t.end..], "A photo\nThe text says \"hello\" to all.");
    }

    #[test]
    fn typographic_quotes_delimit_values() {
        let s = "<img alt=„Wie man“ />Text";
        let t = sc(s).unwrap();
        assert!(t.closed);
        assert_eq!(&s[t.end..], "Text");
    }

    #[test]
    fn blank_line_ends_a_tag() {
        let s = "<p class=\"a\"\n\nText";
        let t = sc(s).unwrap();
        assert!(!t.closed);
        assert_eq!(&s[t.end..], "\n\nText");
        let s = "<img\n  src=\"a\"\n  alt=\"b\">X";
        let t = sc(s).unwrap();
        assert!(t.closed);
        assert_eq!(&s[t.end..], "X");
    }
}
