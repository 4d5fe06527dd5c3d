//! Reads what an orphaned `>` leaves: the tail of an attribute whose tag start was cut
//! (`…title text“ />`, `…hier." target="_blank">`). It is the markup-or-prose policy's other
//! half: [`super::ambiguity`] decides whether a `<` starts markup, this whether a `>` outside any
//! tag ends some. Whole attributes before the `>` go, then the cut value's closing quote;
//! the text before is the attribute's text and ends its block. Anything else (`5 > 3`, `->`)
//! is prose. Also here: the markers of a script's comment or CDATA guard left alone on a line
//! once the script went ([`is_script_guard`]).

use crate::block::BlockBuilder;
use crate::rules::WordSet;
use crate::text::lang;

use super::attr;
use super::names;

/// Whether `text` is only what guards a script's content, a `//` or `/*` among them: `//`,
/// `//-->`, `// ]]>`, `/* <![CDATA[ */`. Text with a letter or digit (`// TODO`, a URL) is
/// not.
pub(crate) fn is_script_guard(text: &str) -> bool {
    // Most blocks start with a visible char other than `/`: no trimming to know that.
    if text.as_bytes().first().is_some_and(|&c| c != b'/' && c.is_ascii_graphic()) {
        return false;
    }
    let t = text.trim();
    if !(t.starts_with("//") || t.starts_with("/*")) || t.len() > 64 {
        return false;
    }
    let mut rest = t;
    'outer: while !rest.is_empty() {
        rest = rest.trim_start();
        for marker in ["//", "/*", "*/", "<![CDATA[", "]]>", "<!--", "-->", ">"] {
            if let Some(r) = rest.strip_prefix(marker) {
                rest = r;
                continue 'outer;
            }
        }
        return false;
    }
    true
}

/// A `>` arrived outside any tag, before `after`. If the line ends like the tail of a cut
/// attribute (`…title text“ /`, `…title text"`), that tail is removed, the block ends, and
/// `true` is returned; otherwise nothing changes (`5 > 3`, `->`, `echo "x" >> log`).
pub(crate) fn strip_orphan_tail(b: &mut BlockBuilder, after: &[u8], class_words: &WordSet) -> bool {
    let trimmed = b.line().trim_end();
    // `>=` and `>>` compare and shift (`a=b >= c`, `x=1 >> 2`): no tag ends in one.
    if matches!(after.first(), Some(b'=' | b'>')) && !trimmed.ends_with(['"', '\'', '/']) {
        return false;
    }
    let spaced = trimmed.len() < b.line().len();
    // Whole attributes before the `>` (`…hier." target="_blank" rel="noopener"`,
    // `class="wp-image-1" /`) go first; what is left may end with the cut value's quote.
    let body = trimmed.strip_suffix('/').unwrap_or(trimmed).trim_end();
    let kept = without_trailing_attributes(body);
    if kept < body.len() {
        let rest = body.get(..kept).unwrap_or_default().trim_end();
        let end = match rest.chars().next_back() {
            Some(q) if attr::is_quote(q) => rest.len() - q.len_utf8(),
            _ => rest.len(),
        };
        let keep = cut_tag_start(b.line().get(..end).unwrap_or_default());
        end_attribute(b, keep, class_words);
        return true;
    }
    let tail_start = if let Some(before_slash) = trimmed.strip_suffix('/') {
        // `“ />`, `"/>`, ` />`: a quote or a space before the slash. `https://x.org/>` is
        // an autolink's end, not a tag's.
        let before = before_slash.trim_end();
        match before.chars().next_back() {
            Some(q) if attr::is_quote(q) => before.len() - q.len_utf8(),
            // `<TodoList />`: an element HTML does not have, whole, is prose as its `<` was.
            _ if ends_with_unknown_tag_start(before) => return false,
            _ if before.len() < before_slash.len() => before.len(),
            // Nothing before the slash and text right after it: what is left of a void
            // element where a text cut out of HTML starts, or a line does (`/>So that's`).
            // A line of `/>` alone, or before another tag, is code, a tag written one token
            // per line. (Not "at the text's start": a stream's parts start anywhere, and
            // each part must read as the whole does.)
            None if after.first().is_some_and(|&c| !c.is_ascii_whitespace() && c != b'<') => 0,
            _ => return false,
        }
    } else {
        match trimmed.chars().next_back() {
            // `echo "x" > file`, `>> log`, `>&2`: a shell redirection after a quoted word,
            // spaced on both sides (or last on its line) as a tag's end is not.
            Some(q) if attr::is_quote(q) && spaced && attr::redirects(after.first()) => {
                return false;
            }
            // `text">`: the quote ends a value only when it closes a word.
            Some(q) if attr::is_quote(q) => {
                let before = &trimmed[..trimmed.len() - q.len_utf8()];
                match before.chars().next_back() {
                    Some(c) if !c.is_whitespace() && !attr::is_quote(c) => before.len(),
                    // Nothing on the line before the value's closing quote: what is left of
                    // a tag where a text cut out of HTML starts, or where a line does.
                    None if matches!(q, '"' | '\'') => 0,
                    _ => return false,
                }
            }
            _ => return false,
        }
    };
    let keep = cut_tag_start(b.line().get(..tail_start).unwrap_or_default());
    end_attribute(b, keep, class_words);
    true
}

/// Ends the line's first `keep` bytes as the text of a cut attribute (an alt or title
/// text), or drops the line if they are no text but markup ([`is_markup_value`]).
fn end_attribute(b: &mut BlockBuilder, keep: usize, class_words: &WordSet) {
    if b.line().get(..keep).is_some_and(|t| is_markup_value(t, class_words)) {
        b.drop_line();
    } else {
        b.end_attribute_text(keep);
    }
}

/// Whether what is left of a line before a cut attribute's tail is markup, not an alt or
/// title text: the name of the tag whose `<` was cut (`p` before `class="x">`), a word of
/// three chars at most (what is left of a name or of `jpg`), one lower-case ASCII word, or
/// tokens of a class, an id or a URL (`ticle-body__text`, `="para-1`, `/img/a.jpg`,
/// `entry-content clearfix`), or a few lower-case words one of which is a class word of
/// layout or state (`ent clearfix`, `class_words`). `Ein Foto vom Hafen`, `Logo`, `Фото` and
/// `a photo` are text.
fn is_markup_value(text: &str, class_words: &WordSet) -> bool {
    let t = text.trim_ascii();
    // Chinese and Japanese put no spaces between words: a sentence of theirs is one token,
    // digits and all (`東京都は3日、…`), and no class, id or path is written in their letters.
    if !t.is_ascii()
        && t.chars().filter(|&c| lang::is_unspaced(c)).nth(1).is_some()
        && !t.contains(['/', '=', '#', '_'])
    {
        return false;
    }
    // Words with no char a value's token has (`word x`, `Ein Foto vom Hafen`) are text: one
    // look at each byte settles most texts.
    let several = t.bytes().any(|c| c == b' ');
    if several && !t.bytes().any(|c| VALUE_CHARS.get(usize::from(c)) == Some(&true)) {
        return is_cut_class_list(t, class_words);
    }
    // One pass over the bytes, token by token (this runs on every cut attribute's text, and a
    // block can be that and nothing else): whether each token holds a char no word has (a
    // stop or a colon only before more of it: `Hafen.` is a word), and whether it is
    // lower-case ASCII. An alt text's first word of text ends the pass.
    let (mut count, mut all_code, mut any_code) = (0usize, true, false);
    let (mut code, mut lower, mut stop_inside, mut len) = (false, true, false, 0usize);
    for &c in t.as_bytes().iter().chain(std::iter::once(&b' ')) {
        if !c.is_ascii_whitespace() {
            if len == 0 {
                // The value's opening quote, first: its name was cut (`"noopener`).
                code = count == 0 && matches!(c, b'"' | b'\'');
                (lower, stop_inside) = (true, false);
            }
            len += 1;
            code |= matches!(c, b'-' | b'_' | b'/' | b'=' | b'#') || c.is_ascii_digit();
            if matches!(c, b'.' | b':') {
                stop_inside = true;
            } else if !matches!(c, b',' | b';' | b'!' | b'?') {
                code |= stop_inside;
            }
            lower &= c.is_ascii_lowercase() || c.is_ascii_digit();
            continue;
        }
        if len == 0 {
            continue;
        }
        count += 1;
        if !code && !lower {
            // A word of text, unless the whole is one short word or a tag's name.
            return count == 1 && len == t.len() && is_tag_remains(t);
        }
        all_code &= code;
        any_code |= code;
        len = 0;
    }
    // One lower-case ASCII word (what is left of a class or a `rel`: `clearfix`,
    // `noopener`), tokens of a value, or a few lower-case words beside one (a class list,
    // `entry-content clearfix`); words in a sentence before a quoted one (`the value is
    // "foo">`) are text.
    count == 1 || count > 0 && (all_code || any_code && count <= CLASS_LIST_TOKENS)
}

/// Whether `t`, words with no char a value's token has, is what is left of a class list:
/// lower-case ASCII words, no more than a class list is taken for, one of them a class word
/// of layout or state (`ent clearfix`).
fn is_cut_class_list(t: &str, class_words: &WordSet) -> bool {
    let mut words = 0;
    let mut class_word = false;
    for w in t.split_ascii_whitespace() {
        words += 1;
        if words > CLASS_LIST_TOKENS || !w.bytes().all(|c| c.is_ascii_lowercase()) {
            return false;
        }
        class_word |= class_words.contains(w);
    }
    class_word
}

/// Whether the one word `t` is a tag's name or what is left of one (`iv`, `mg`, `P`): an
/// alt text of three chars is no text either. The name's lookup, which costs most, last.
fn is_tag_remains(t: &str) -> bool {
    t.len() <= 3 && t.bytes().all(|c| c.is_ascii_alphanumeric())
        || t.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b':')
            && (names::role(t).is_some() || names::is_extension_tag(t))
}

/// The chars that make a token a value's (see [`is_markup_value`]).
const VALUE_CHARS: [bool; 256] = {
    let mut t = [false; 256];
    let chars = b"-_/=#.:\"'0123456789";
    let mut i = 0;
    while i < chars.len() {
        t[chars[i] as usize] = true;
        i += 1;
    }
    t
};

/// The most tokens a class list cut before its closing quote is taken for (`tent clearfix`
/// is two); longer runs of lower-case words are a sentence's.
const CLASS_LIST_TOKENS: usize = 3;

/// Whether `line` ends with `<name`, `name` being no tag name HTML or its extensions have
/// (`<TodoList`, a component named in prose).
fn ends_with_unknown_tag_start(line: &str) -> bool {
    let b = line.as_bytes();
    let name_len = b.iter().rev().take_while(|c| c.is_ascii_alphanumeric()).count();
    let lt = b.len() - name_len;
    let name = line.get(lt..).unwrap_or_default();
    name_len > 0
        && lt > 0
        && b.get(lt - 1) == Some(&b'<')
        && b.get(lt).is_some_and(u8::is_ascii_alphabetic)
        && names::role(name).is_none()
        && !names::is_extension_tag(name)
}

/// After a cut attribute's tail went: where the line ends without the `<name` or `</name` it
/// belonged to, if it ends with one (`<p“ />`, `<br'>`, `</p»>`): left alone, it would read as a broken tag on a second pass.
fn cut_tag_start(line: &str) -> usize {
    let b = line.as_bytes();
    let name = b.iter().rev().take_while(|c| c.is_ascii_alphanumeric()).count();
    let lt = b.len() - name;
    if name == 0 || !b.get(lt).is_some_and(u8::is_ascii_alphabetic) {
        return b.len();
    }
    match lt.checked_sub(1).and_then(|i| b.get(..=i)) {
        Some([.., b'<', b'/']) => lt - 2,
        Some([.., b'<']) => lt - 1,
        _ => b.len(),
    }
}

/// The length of `s` without the complete attributes it ends with: ` name="value"`,
/// ` name='value'` or ` name=value`, each after whitespace. Bare words are never taken: they
/// are as likely prose.
fn without_trailing_attributes(s: &str) -> usize {
    let b = s.as_bytes();
    let mut end = b.len();
    loop {
        let Some(start) = attribute_ending_at(b, end) else {
            return end;
        };
        end = start;
    }
}

/// Where the attribute that ends at `b[..end]` starts (at the whitespace before it).
fn attribute_ending_at(b: &[u8], end: usize) -> Option<usize> {
    let mut i = end;
    // The value: quoted, or a run of unquoted value bytes.
    match b.get(i.checked_sub(1)?)? {
        &q @ (b'"' | b'\'') => {
            let open = b.get(..i - 1)?.iter().rposition(|&c| c == q)?;
            i = open;
        }
        _ => {
            let run = b.get(..i)?.iter().rev().take_while(|&&c| attr::is_unquoted_value_byte(c)).count();
            if run == 0 {
                return None;
            }
            i -= run;
        }
    }
    while i > 0 && matches!(b.get(i - 1), Some(b' ' | b'\t')) {
        i -= 1;
    }
    if b.get(i.checked_sub(1)?) != Some(&b'=') {
        return None;
    }
    i -= 1;
    while i > 0 && matches!(b.get(i - 1), Some(b' ' | b'\t')) {
        i -= 1;
    }
    let name = b.get(..i)?.iter().rev().take_while(|&&c| attr::is_name_byte(c)).count();
    if name == 0 || !attr::is_name_start(*b.get(i - name)?) {
        return None;
    }
    i -= name;
    // An attribute follows whitespace (or starts the line).
    match i.checked_sub(1).and_then(|j| b.get(j)) {
        None => Some(0),
        Some(c) if c.is_ascii_whitespace() => Some(i - 1),
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // See: issue #12 (a stray `//` left where a script's comment or CDATA guard was).
    #[test]
    fn script_guards_left_alone_on_a_line_go() {
        for guard in
            ["//", "//-->", "// ]]>", "//]]>", "//<![CDATA[", "/* <![CDATA[ */", "/*]]>*/", "  // <!--  "]
        {
            assert!(is_script_guard(guard), "{guard}");
        }
        for text in ["// TODO: fix", "/ 2", "a // b", "//example.org/x", "// 2024", "-->", "<!-- x -->", ""] {
            assert!(!is_script_guard(text), "{text}");
        }
        let c = crate::Cleaner::builder().build().unwrap();
        for input in
            ["<p>Eins.</p>//\n<p>Zwei.</p>", "<p>Eins.</p>// ]]>\n<p>Zwei.</p>", "Eins.\n\n//-->\n\nZwei."]
        {
            assert_eq!(c.clean(input).text, "Eins.\n\nZwei.\n", "{input}");
        }
    }

    #[test]
    fn orphan_tails() {
        for (line, stripped) in [
            ("alt text“ /", Some("alt text")),
            ("alt text\" /", Some("alt text")),
            ("alt text /", Some("alt text")),
            ("<https://example.com/", None),
            ("title text\"", Some("title text")),
            ("5 ", None),
            ("a -", None),
            ("typed \"", None),
            ("hier.\" target=\"_blank\" rel=\"noopener noreferrer\"", Some("hier.")),
            ("Ein Bild. data-src=\"a.jpg\" loading=lazy width=\"800\" /", Some("Ein Bild.")),
            ("the value a=\"b\"", Some("the value")),
            ("render the <TodoList /", None),
            ("ein Bild <img /", Some("ein Bild")),
            // Chinese and Japanese alt texts are one token, digits and all.
            ("東京都は3日、新しい交通計画を発表した。“ /", Some("東京都は3日、新しい交通計画を発表した。")),
            ("北京2026年春节“ /", Some("北京2026年春节")),
        ] {
            let mut b = BlockBuilder::new();
            b.text(line);
            let hit = strip_orphan_tail(&mut b, b"Text", &WordSet::default());
            let blocks = b.finish();
            match stripped {
                Some(s) => {
                    assert!(hit, "{line}");
                    assert_eq!(blocks[0].text, s);
                }
                None => assert!(!hit, "{line}"),
            }
        }
    }

    #[test]
    fn a_line_of_whole_attributes_goes_entirely() {
        // A path in Japanese letters is still a path.
        for line in ["class=\"wp-image-1234\" width=800 /", "/img/東京2026.jpg“ /"] {
            let mut b = BlockBuilder::new();
            b.text(line);
            assert!(strip_orphan_tail(&mut b, b"", &WordSet::default()), "{line}");
            assert!(b.finish().is_empty(), "{line}");
        }
    }

    #[test]
    fn a_shell_redirection_after_a_quoted_word_is_prose() {
        for (line, after) in
            [("echo \"print(1)\" ", &b" hello.py"[..]), ("echo 'x' ", b"> log"), ("echo \"Fehler.\" ", b"&2")]
        {
            let mut b = BlockBuilder::new();
            b.text(line);
            assert!(!strip_orphan_tail(&mut b, after, &WordSet::default()), "{line}");
        }
        // A cut value's quote right before the `>`, or the text right after it, is a tail.
        for (line, after) in [("Foto: dpa\"", &b" Der Rat"[..]), ("Foto: dpa\" ", b"Der Rat")] {
            let mut b = BlockBuilder::new();
            b.text(line);
            assert!(strip_orphan_tail(&mut b, after, &WordSet::default()), "{line}");
        }
    }
}
