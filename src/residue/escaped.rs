//! Reads text whose markup was escaped as a whole (`&lt;p&gt;Der Rat tagte.&lt;/p&gt;`): a feed's
//! description, an API's JSON field, a scraper that escaped what it kept. Such text is markup
//! one layer down: read as it is, its tags would be decoded into text the page never showed.
//!
//! A text is taken for escaped markup when it starts with an escaped tag, holds escaped tags
//! of HTML's names, one of them an end tag, and no tag that is not escaped: a tutorial that
//! writes `the &lt;p&gt; element` starts with prose, and a page that shows code samples has
//! tags of its own. One layer of the markup references (`&lt;`, `&gt;`, `&quot;`, `&#39;`,
//! `&apos;`, `&amp;`) is decoded, and each layer above it (`&amp;lt;p&amp;gt;`, up to three in all); the lexer
//! reads the rest (`&amp;nbsp;` becomes `&nbsp;`, which it decodes as any other).

use std::borrow::Cow;

use super::names;

/// Escaped tags of HTML's names the text must hold.
const MIN_TAGS: usize = 2;
/// Escaped tags looked at: enough to decide, bounded on a text of escaped `<` alone.
const MAX_LOOKED_AT: usize = 64;
/// Layers of escaping above the markup's that are read (`&amp;amp;lt;p&amp;amp;gt;`: two).
const MAX_LAYERS_ABOVE: usize = 2;

/// `text` with its markup unescaped when it is escaped markup (see the module), and how many
/// references were decoded.
pub(crate) fn unescape_markup(text: &str) -> (Cow<'_, str>, u64) {
    // `&lt;`, `&amp;lt;` (escaped twice), `&amp;amp;lt;`: how many layers above the markup's.
    let Some(t) = trim_start(text).strip_prefix('&') else { return (Cow::Borrowed(text), 0) };
    // Counted up to one past the most read: `&amp;amp;…` over megabytes is looked at once.
    let above = (0..=MAX_LAYERS_ABOVE)
        .take_while(|&k| t.get(k * "amp;".len()..).is_some_and(|r| r.starts_with("amp;")))
        .count();
    if above > MAX_LAYERS_ABOVE || !t.get(above * "amp;".len()..).is_some_and(|r| r.starts_with("lt;")) {
        return (Cow::Borrowed(text), 0);
    }
    let mut out = Cow::Borrowed(text);
    let mut decoded = 0;
    for _ in 0..above {
        let (layer, n) = decode_layer(&out);
        out = Cow::Owned(layer);
        decoded += n;
    }
    // The layers above must read as escaped markup, or the text is left as it is.
    if !is_escaped_markup(&out) {
        return (Cow::Borrowed(text), 0);
    }
    let (markup, n) = decode_layer(&out);
    (Cow::Owned(markup), decoded + n)
}

/// `text` without the spaces (and byte order mark) it starts with.
fn trim_start(text: &str) -> &str {
    text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
}

/// Whether `text` is escaped markup: it starts with an escaped tag, holds [`MIN_TAGS`]
/// escaped tags of HTML's names (an end tag among them) and no tag that is not escaped.
fn is_escaped_markup(text: &str) -> bool {
    if escaped_name(trim_start(text), 0).is_none() {
        return false;
    }
    let b = text.as_bytes();
    let raw_tag = memchr::memchr_iter(b'<', b).any(|i| {
        let next = b.get(i + 1).copied().unwrap_or(b' ');
        next.is_ascii_alphabetic() || next == b'/' || next == b'!'
    });
    if raw_tag {
        return false;
    }
    let (mut tags, mut ends) = (0, 0);
    for at in memchr::memmem::find_iter(b, b"&lt;").take(MAX_LOOKED_AT) {
        if let Some((name, end)) = escaped_name(text, at) {
            if names::role(name).is_some() {
                tags += 1;
                ends += usize::from(end);
            }
        }
        if tags >= MIN_TAGS && ends > 0 {
            return true;
        }
    }
    false
}

/// The name of the escaped tag at `text[at..]` (`&lt;p&gt;`, `&lt;/div`, `&lt;br /&gt;`,
/// `&lt;!-- x`), and whether it is an end tag. A comment or a doctype has an empty name.
fn escaped_name(text: &str, at: usize) -> Option<(&str, bool)> {
    let rest = text.get(at..)?.strip_prefix("&lt;")?;
    if rest.starts_with('!') {
        return Some(("", false));
    }
    let (rest, end) = match rest.strip_prefix('/') {
        Some(r) => (r, true),
        None => (rest, false),
    };
    let len = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
    let name = rest.get(..len)?;
    let after = rest.as_bytes().get(len).copied();
    let ends_name = after.is_none_or(|c| c.is_ascii_whitespace() || c == b'/' || c == b'&');
    (name.as_bytes().first().is_some_and(u8::is_ascii_alphabetic) && ends_name).then_some((name, end))
}

/// One layer of the markup references decoded, and how many.
fn decode_layer(text: &str) -> (String, u64) {
    const REFERENCES: [(&str, char); 8] = [
        ("&lt;", '<'),
        ("&gt;", '>'),
        ("&quot;", '"'),
        ("&#39;", '\''),
        ("&#039;", '\''),
        ("&apos;", '\''),
        ("&#34;", '"'),
        ("&amp;", '&'),
    ];
    let mut out = String::with_capacity(text.len());
    let mut decoded = 0;
    let mut rest = text;
    while let Some(i) = memchr::memchr(b'&', rest.as_bytes()) {
        out.push_str(rest.get(..i).unwrap_or_default());
        let tail = rest.get(i..).unwrap_or_default();
        match REFERENCES.iter().find(|(r, _)| tail.starts_with(r)) {
            Some((r, c)) => {
                out.push(*c);
                decoded += 1;
                rest = tail.get(r.len()..).unwrap_or_default();
            }
            None => {
                out.push('&');
                rest = tail.get(1..).unwrap_or_default();
            }
        }
    }
    out.push_str(rest);
    (out, decoded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_markup_is_read_one_layer_down() {
        let (out, n) = unescape_markup(
            "&lt;p&gt;Der Rat tagte.&lt;/p&gt;&lt;p class=&quot;x&quot;&gt;Er beschloss &amp;quot;alles&amp;quot;.&lt;/p&gt;",
        );
        assert_eq!(out, "<p>Der Rat tagte.</p><p class=\"x\">Er beschloss &quot;alles&quot;.</p>");
        assert_eq!(n, 12);
        // Escaped twice: two layers.
        let (out, _) = unescape_markup(
            "&amp;lt;p&amp;gt;Eins.&amp;lt;/p&amp;gt;&amp;lt;p&amp;gt;Zwei.&amp;lt;/p&amp;gt;",
        );
        assert_eq!(out, "<p>Eins.</p><p>Zwei.</p>");
        let (out, _) = unescape_markup(
            "&amp;amp;lt;p&amp;amp;gt;Eins.&amp;amp;lt;/p&amp;amp;gt;&amp;amp;lt;p&amp;amp;gt;Zwei.&amp;amp;lt;/p&amp;amp;gt;",
        );
        assert_eq!(out, "<p>Eins.</p><p>Zwei.</p>");
    }

    #[test]
    fn text_about_markup_stays_as_it_is() {
        for text in [
            // Prose first: a tutorial.
            "Wrap each paragraph in &lt;p&gt; and &lt;/p&gt; tags.",
            // Tags of its own: a page that shows code.
            "&lt;p&gt;Hello&lt;/p&gt; is written <code>&lt;p&gt;Hello&lt;/p&gt;</code>.",
            // One escaped tag, or no end tag, or names HTML does not have.
            "&lt;p&gt;A paragraph that never closes.",
            "&lt;br&gt;&lt;br&gt; and more",
            "&lt;int&gt; and &lt;/int&gt; in a template",
            "x &lt; y and y &gt; z",
        ] {
            assert!(matches!(unescape_markup(text), (Cow::Borrowed(_), 0)), "{text}");
        }
    }
}
