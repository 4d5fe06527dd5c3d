//! Recognises template residue: `{{ … }}`, `{% … %}`, `{# … #}` expressions and WordPress-style
//! shortcodes (`[caption id="…"]…[/caption]`, `[embed]…[/embed]`, `[vc_row …]`).
//!
//! Prose keeps its brackets: `[1]`, `[sic]`, `[citation needed]`, `[edit]`, `{x}` and a `{{`
//! that never closes all stay. Which shortcode names exist is data: `rules/shortcodes/`.

use crate::residue::search::find_pair;
use crate::rules::Shortcodes;

/// The longest template expression looked for: `{{ … }}` longer than this is not one.
const MAX_TEMPLATE_BYTES: usize = 2048;
/// The longest shortcode tag (`[caption id=… align=… width=…]`).
const MAX_SHORTCODE_BYTES: usize = 1024;

/// A template expression at `b[0] == b'{'`: its length, or `None`.
pub(crate) fn expression_len(b: &[u8]) -> Option<usize> {
    let close = match b.get(1)? {
        b'{' => *b"}}",
        b'%' => *b"%}",
        b'#' => *b"#}",
        _ => return None,
    };
    let window = b.get(2..b.len().min(MAX_TEMPLATE_BYTES))?;
    let end = find_pair(window, close)?;
    // An expression never spans a blank line.
    if find_pair(window.get(..end)?, *b"\n\n").is_some() {
        return None;
    }
    Some(2 + end + close.len())
}

/// What a shortcode does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shortcode {
    /// `[caption …]`: the tag goes; its content is a caption block.
    OpenCaption,
    /// `[/caption]`.
    CloseCaption,
    /// `[vc_row …]`, `[/vc_row]`, `[gallery ids="1,2"]`: the tag goes, the text around stays.
    Tag,
    /// `[embed]https://…[/embed]`: the tag and its content go; the length covers both.
    WithContent,
}

/// A shortcode at `b[0] == b'['`: what it is and its length, or `None` for prose.
pub(crate) fn shortcode(b: &[u8], codes: &Shortcodes) -> Option<(Shortcode, usize)> {
    let window = b.get(..b.len().min(MAX_SHORTCODE_BYTES))?;
    let close = memchr::memchr2(b']', b'\n', window).filter(|&i| window.get(i) == Some(&b']'))?;
    let inner = std::str::from_utf8(window.get(1..close)?).ok()?;
    let (is_end, inner) = match inner.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, inner),
    };
    let name_len = inner
        .bytes()
        .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'_' || *c == b'-')
        .count();
    let (name, attrs) = inner.split_at(name_len);
    if name.is_empty() || !name.as_bytes().first().is_some_and(u8::is_ascii_lowercase) {
        return None;
    }
    // `key=value` pairs, not prose with an `=` in it (`[x = 1]`), nor prose in brackets with
    // a tag in it (`[their <a href="/care">health</a> care]`).
    let has_attrs = attrs.starts_with([' ', '\t'])
        && !attrs.contains('<')
        && attrs.split_whitespace().any(|t| {
            t.split_once('=').is_some_and(|(k, _)| k.bytes().next().is_some_and(|c| c.is_ascii_alphabetic()))
        });
    if !attrs.is_empty() && (is_end || !has_attrs) {
        return None;
    }
    let len = close + 1;
    if codes.is_caption(name) {
        return Some((if is_end { Shortcode::CloseCaption } else { Shortcode::OpenCaption }, len));
    }
    if codes.is_drop(name) {
        if is_end {
            return Some((Shortcode::Tag, len));
        }
        let end_tag = format!("[/{name}]");
        let rest = b.get(len..b.len().min(len + MAX_TEMPLATE_BYTES))?;
        return Some(match memchr::memmem::find(rest, end_tag.as_bytes()) {
            Some(at) => (Shortcode::WithContent, len + at + end_tag.len()),
            None => (Shortcode::Tag, len),
        });
    }
    // Unknown names: only the unmistakable shapes of a shortcode (attributes with `=`, or a
    // closing tag of a builder-style name like `vc_column`).
    let builder_name = name.contains('_') || name.contains('-');
    if has_attrs || (is_end && builder_name) || codes.is_known(name) {
        return Some((Shortcode::Tag, len));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::rules::RuleSet;

    #[test]
    fn template_expressions() {
        assert_eq!(expression_len(b"{{ user.name }} rest"), Some(15));
        assert_eq!(expression_len(b"{% if x %}"), Some(10));
        assert_eq!(expression_len(b"{{ never closed"), None);
        assert_eq!(expression_len(b"{x}"), None);
        assert_eq!(expression_len(b"{{ a\n\nb }}"), None);
    }

    #[test]
    fn shortcodes_and_prose_brackets() {
        let rules = RuleSet::builtin();
        let sc = |s: &str| shortcode(s.as_bytes(), &rules.shortcodes).map(|(k, _)| k);
        assert_eq!(sc("[caption id=\"attachment_1\" align=\"alignnone\"]"), Some(Shortcode::OpenCaption));
        assert_eq!(sc("[/caption]"), Some(Shortcode::CloseCaption));
        assert_eq!(sc("[embed]https://youtu.be/x[/embed]"), Some(Shortcode::WithContent));
        assert_eq!(sc("[vc_row full_width=\"true\"]"), Some(Shortcode::Tag));
        assert_eq!(sc("[/vc_column]"), Some(Shortcode::Tag));
        assert_eq!(sc("[gallery ids=\"1,2\"]"), Some(Shortcode::Tag));
        let prose = [
            "[1]",
            "[sic]",
            "[citation needed]",
            "[edit]",
            "[Note]",
            "[a](b)",
            "[x = 1]",
            "[their <a href=\"/care\">health</a> care]",
        ];
        for prose in prose {
            assert_eq!(sc(prose), None, "{prose}");
        }
    }
}
