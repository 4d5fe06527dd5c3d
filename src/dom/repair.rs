//! Provides [`repair`]: a page whose tags lost their `>` (`<span class="x" </span>`, `<a
//! href="#" in to Reply</a>`, `</div</div>`), closed where the residue lexer says their
//! attributes end, so that html5ever keeps the text after them as text instead of reading it
//! as attribute names; and [`unspace`]: tags machine translation wrote with spaces after `<`
//! (`< p class = "x" >`, `< / p >`), which html5ever reads as text or as a comment, written
//! as tags where the residue lexer reads them as markup.

use std::borrow::Cow;

use crate::detect::Tags;
use crate::residue::{CustomEnds, Finder, attr, is_prose_tag_open, spaced_tag, tag_attributes_end};
use crate::text::ascii::{find_ignore_case, rfind_ignore_case};

/// `page` with each spaced tag the residue lexer reads as markup written without the spaces
/// before its name (`< p class = "x" >` as `<p class = "x" >`, `< / p >` as `</p >`). A `<`
/// in a comparison (`a < b > c`, `x < y`) stays as it is.
pub(crate) fn unspace(page: &str) -> Cow<'_, str> {
    let b = page.as_bytes();
    // Pages seldom hold either: two searches for the pair, not a look at every `<`.
    let mut starts: Vec<usize> =
        memchr::memmem::find_iter(b, b"< ").chain(memchr::memmem::find_iter(b, b"</ ")).collect();
    starts.sort_unstable();
    let mut out: Option<String> = None;
    let mut kept = 0;
    let mut finder = Finder::new();
    for at in starts {
        if at < kept {
            continue;
        }
        let Some((name, is_end)) = spaced_tag(page, at, &mut finder) else { continue };
        let o = out.get_or_insert_with(|| String::with_capacity(page.len()));
        o.push_str(page.get(kept..at).unwrap_or_default());
        o.push_str(if is_end { "</" } else { "<" });
        kept = name;
    }
    finish(page, out, kept)
}

/// `page` with a `>` put at the end of each broken tag's attributes. A tag whose rest, up to
/// the next `<`, is only quoted attributes and space (a template left a blank line among
/// them) is closed just before that `<`: a quoted value is never prose.
pub(crate) fn repair(page: &str) -> Cow<'_, str> {
    let b = page.as_bytes();
    let mut out: Option<String> = None;
    let mut kept = 0;
    let mut finder = Finder::new();
    for tag in Tags::new(b, 0, b.len()) {
        if tag.gt.is_some() {
            continue;
        }
        let next = memchr::memchr(b'<', b.get(tag.start + 1..).unwrap_or_default())
            .map_or(b.len(), |i| tag.start + 1 + i);
        let Some(end) = tag_attributes_end(b, tag.start, &mut finder) else { continue };
        let end = end.clamp(tag.start + 1, next);
        let close_at = if only_quoted_attributes(b.get(end..next).unwrap_or_default()) {
            // Before the space that ends the tag, so no text node of it is made.
            end + b.get(end..next).unwrap_or_default().trim_ascii_end().len()
        } else {
            end
        };
        if !page.is_char_boundary(close_at) || close_at < kept {
            continue;
        }
        let o = out.get_or_insert_with(|| String::with_capacity(page.len() + 64));
        o.push_str(page.get(kept..close_at).unwrap_or_default());
        o.push('>');
        kept = close_at;
    }
    finish(page, out, kept)
}

/// `fragment` with each `<` that opens a tag for html5ever but prose for the residue lexer
/// (`vector<int>`, `Map<String, Integer>`, `<john@example.com>`) written `&lt;`, so it stays
/// text. Only for fragments: a scraper that kept an article's markup decoded the `&lt;` of its
/// prose on the way, while a whole page is read as a browser reads it.
pub(crate) fn escape_prose(fragment: &str) -> Cow<'_, str> {
    let mut out: Option<String> = None;
    let mut kept = 0;
    let mut finder = Finder::new();
    let mut custom_ends = CustomEnds::default();
    for at in memchr::memchr_iter(b'<', fragment.as_bytes()) {
        if !is_prose_tag_open(fragment, at, &mut finder, &mut custom_ends) {
            continue;
        }
        let o = out.get_or_insert_with(|| String::with_capacity(fragment.len() + 64));
        o.push_str(fragment.get(kept..at).unwrap_or_default());
        o.push_str("&lt;");
        kept = at + 1;
    }
    finish(fragment, out, kept)
}

/// Elements html5ever holds everything after their start tag in until their end tag comes,
/// and which the DOM path drops with their content (`mark`): first raw text (`title`,
/// `textarea`, `script` …, the first [`RAW`]), then a `select` (whose mode ignores the tags
/// inside it), and the furniture and media elements. Where no end tag comes, the rest of the
/// page goes with them.
const HOLD_TO_END: [&[u8]; 21] = [
    b"title",
    b"textarea",
    b"script",
    b"style",
    b"xmp",
    b"iframe",
    b"noembed",
    b"noframes",
    b"select",
    b"button",
    b"template",
    b"object",
    b"canvas",
    b"nav",
    b"dialog",
    b"audio",
    b"video",
    b"map",
    b"menu",
    b"datalist",
    b"noscript",
];

/// How many of [`HOLD_TO_END`] are raw text, ended by the first end tag of their name.
const RAW: usize = 8;

/// Of [`HOLD_TO_END`], the elements whose content is code or data: a bare start tag of one
/// followed by words is a tag named in prose, as the residue lexer reads one, whatever end
/// tag follows (a real element's); a code element's start with no end tag and no words after
/// it is a page cut inside its script, which stays code.
const CODE: [&[u8]; 4] = [b"script", b"style", b"template", b"xmp"];

/// Of [`HOLD_TO_END`], the other elements whose content is never prose: a bare one followed
/// by words is a tag named in prose too.
const NEVER_PROSE: [&[u8]; 5] = [b"select", b"iframe", b"object", b"canvas", b"datalist"];

/// `page` without the start tags of [`HOLD_TO_END`] elements whose end tag never comes: a
/// tag named in prose that a scraper decoded (`a different friend in the <select> picker.`)
/// or a page lost the end of. html5ever would put all the rest of the page inside the
/// element, and the DOM path drop it; the residue lexer keeps what follows such a tag, and so
/// does this. Raw text ends at the first end tag of its name; the others at the end tag that
/// matches, nested ones counted (a tag named in prose before a real `<nav>…</nav>` has none).
/// A page cut short (it opened `<html>` or `<body>` and closes neither after the tag) keeps
/// what it was cut inside: the tail of its menu or its script.
pub(crate) fn drop_unended(page: &str) -> Cow<'_, str> {
    let b = page.as_bytes();
    // The start tags that go, where each starts and ends; and per element that nests, its
    // start tags no end tag has ended yet.
    let mut gone: Vec<(usize, usize)> = Vec::new();
    let mut open: [Vec<(usize, usize)>; HOLD_TO_END.len()] = Default::default();
    let mut at = 0;
    while let Some(i) = memchr::memchr(b'<', b.get(at..).unwrap_or_default()) {
        let lt = at + i;
        at = lt + 1;
        let rest = b.get(lt + 1..).unwrap_or_default();
        // A comment's tags are none (`<!-- </select> -->`).
        if let Some(inside) = rest.strip_prefix(b"!--") {
            at = memchr::memmem::find(inside, b"-->").map_or(b.len(), |e| lt + 4 + e + 3);
            continue;
        }
        let is_end = rest.first() == Some(&b'/');
        let name_at = rest.get(usize::from(is_end)..).unwrap_or_default();
        let len = name_at.iter().take(16).take_while(|c| c.is_ascii_alphanumeric()).count();
        let Some(k) = name_at.get(..len).and_then(held_to_end) else { continue };
        if !name_at.get(len).is_none_or(|&c| c.is_ascii_whitespace() || matches!(c, b'>' | b'/')) {
            continue;
        }
        if is_end {
            // An end tag ends the latest start of its name not yet ended.
            open.get_mut(k).and_then(Vec::pop);
            continue;
        }
        let Some(gt) = memchr::memchr(b'>', rest).map(|i| lt + 1 + i + 1) else { continue };
        let name = HOLD_TO_END.get(k).copied().unwrap_or_default();
        let bare = name_at.get(len) == Some(&b'>');
        if bare
            && (CODE.contains(&name) || NEVER_PROSE.contains(&name))
            && crate::residue::is_tag_mention(b.get(gt..).unwrap_or_default())
        {
            gone.push((lt, gt));
            at = gt;
            continue;
        }
        if k >= RAW {
            if let Some(v) = open.get_mut(k) {
                v.push((lt, gt));
            }
            continue;
        }
        // Raw text: its content is no markup; it ends at the first end tag of its name.
        match find_ignore_case(b.get(gt..).unwrap_or_default(), &[b"</", name].concat()) {
            Some(e) => at = gt + e,
            // A code element whose end never comes holds the rest: code.
            None if CODE.contains(&name) => break,
            None => gone.push((lt, gt)),
        }
    }
    gone.extend(open.iter().flatten());
    if gone.is_empty() {
        return Cow::Borrowed(page);
    }
    gone.sort_unstable();
    // A page cut short: what it was cut inside stays as html5ever reads it.
    let cut_from = if find_ignore_case(b, b"<html").is_some() || find_ignore_case(b, b"<body").is_some() {
        [b"</body".as_slice(), b"</html"].iter().filter_map(|n| rfind_ignore_case(b, n)).max().unwrap_or(0)
    } else {
        usize::MAX
    };
    let mut out: Option<String> = None;
    let mut kept = 0;
    for (lt, gt) in gone {
        if lt < kept || lt > cut_from {
            continue;
        }
        let o = out.get_or_insert_with(|| String::with_capacity(page.len()));
        o.push_str(page.get(kept..lt).unwrap_or_default());
        kept = gt;
    }
    finish(page, out, kept)
}

/// Which of [`HOLD_TO_END`] the tag name `name` is, if any (ASCII case aside). Every tag of a
/// page is asked: its first letter and length turn most away ([`HELD_SHAPES`]).
fn held_to_end(name: &[u8]) -> Option<usize> {
    let first = name.first()?.to_ascii_lowercase();
    let lengths = HELD_SHAPES.get(usize::from(first.wrapping_sub(b'a'))).copied().unwrap_or(0);
    if name.len() >= 16 || lengths & (1 << name.len()) == 0 {
        return None;
    }
    HOLD_TO_END.iter().position(|n| n.eq_ignore_ascii_case(name))
}

/// For each letter `a`-`z`, bit `n` set: some name of [`HOLD_TO_END`] starts with it and has
/// `n` letters.
const HELD_SHAPES: [u16; 26] = {
    let mut t = [0u16; 26];
    let mut i = 0;
    while i < HOLD_TO_END.len() {
        let n = HOLD_TO_END[i];
        t[(n[0] - b'a') as usize] |= 1 << n.len();
        i += 1;
    }
    t
};

/// `page` as rewritten: `out` holds it up to `kept` when anything was, and the rest follows.
fn finish(page: &str, out: Option<String>, kept: usize) -> Cow<'_, str> {
    match out {
        None => Cow::Borrowed(page),
        Some(mut o) => {
            o.push_str(page.get(kept..).unwrap_or_default());
            Cow::Owned(o)
        }
    }
}

/// Whether `s` is space and `name="value"` (or `'value'`) attributes only, and not only space.
fn only_quoted_attributes(s: &[u8]) -> bool {
    let mut i = 0;
    let mut any = false;
    loop {
        while s.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        if i >= s.len() {
            return any;
        }
        // The residue path's attribute grammar: what starts and continues a name.
        if !s.get(i).copied().is_some_and(attr::is_name_start) {
            return false;
        }
        let name = s.get(i..).unwrap_or_default().iter().take_while(|&&c| attr::is_name_byte(c)).count();
        i += name;
        if s.get(i) != Some(&b'=') {
            return false;
        }
        i += 1;
        let Some(&q @ (b'"' | b'\'')) = s.get(i) else { return false };
        let Some(close) = memchr::memchr(q, s.get(i + 1..).unwrap_or_default()) else { return false };
        i += close + 2;
        any = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_tags_close_where_their_attributes_end() {
        let cases = [
            // The text after the attributes is the link's text.
            (
                r##"<a class="reply" href="#" in to Reply</a>"##,
                r##"<a class="reply" href="#"> in to Reply</a>"##,
            ),
            (
                r#"<a href="/x" target="_blank"Lowery on Printables</a>"#,
                r#"<a href="/x" target="_blank">Lowery on Printables</a>"#,
            ),
            ("<span me decide</span>", "<span> me decide</span>"),
            ("</div</div><h3>Why</h3>", "</div></div><h3>Why</h3>"),
            ("<i\n<img src='x'>", "<i>\n<img src='x'>"),
            ("<p class= Während die Sonne schien.</p>", "<p class=> Während die Sonne schien.</p>"),
            ("<button class=\"btn\"\n\nShop </button>", "<button class=\"btn\">\n\nShop </button>"),
            // Quoted attributes on lines of their own, a blank line among them: all attributes.
            (
                "<span class=\"swatch\"\n   \n   style=\"color:#000\"\n  </span>",
                "<span class=\"swatch\"\n   \n   style=\"color:#000\">\n  </span>",
            ),
            ("<span class=\"a\"\n\n style=\"b\"\n</span>", "<span class=\"a\"\n\n style=\"b\">\n</span>"),
            (
                "<div class=\"promo\"\n\t\t<div class=\"text\">x</div>",
                "<div class=\"promo\">\n\t\t<div class=\"text\">x</div>",
            ),
        ];
        for (page, want) in cases {
            assert_eq!(repair(page), want, "{page}");
        }
    }

    #[test]
    fn whole_tags_and_what_is_no_tag_stay_as_they_are() {
        for page in [
            "<p title=\"a<b\">x</p>",
            "<p>x < y and <3</p>",
            "<script>if (a<b) {}</script>",
            "<!-- <p class= -->",
            "plain",
        ] {
            assert!(matches!(repair(page), Cow::Borrowed(_)), "{page}");
        }
        // A tag cut by the end of the page is closed there.
        assert_eq!(repair("<p>x</p><p class="), "<p>x</p><p class=>");
    }

    #[test]
    fn spaced_tags_lose_the_spaces_before_their_name_and_comparisons_stay() {
        let cases = [
            ("< p class = \"text\" >Hallo< / p >", "<p class = \"text\" >Hallo</p >"),
            ("x\n< p >Eins.</ p >\n", "x\n<p >Eins.</p >\n"),
            ("<p>Ende.</p>\n< /p >", "<p>Ende.</p>\n</p >"),
        ];
        for (page, want) in cases {
            assert_eq!(unspace(page), want, "{page}");
        }
        for page in ["a < b > c", "x < y", "< ", "</ ", "x </ ", "< é >", "<< p", "5 < 6 and 7 > 3", "plain"]
        {
            assert!(matches!(unspace(page), Cow::Borrowed(_)), "{page}");
        }
    }

    #[test]
    fn a_start_tag_whose_end_never_comes_goes_and_what_follows_stays() {
        let cases = [
            // A scraper decoded a tag named in prose: the rest of the page was the select's.
            (
                "<p>a different friend in the <select> picker.</p><p>Next.</p>",
                "<p>a different friend in the  picker.</p><p>Next.</p>",
            ),
            ("<p>Press <BUTTON class=\"b\">it</p><p>Next.</p>", "<p>Press it</p><p>Next.</p>"),
            ("<p>Type in the <textarea> box.</p>", "<p>Type in the  box.</p>"),
            // A code element's tag goes only where words follow it, whatever end tag comes
            // later: a real element's.
            ("<p>the <script> tag loads the library.</p>", "<p>the  tag loads the library.</p>"),
            (
                "<p>the <script> tag loads the file.</p><script src=\"a.js\"></script>",
                "<p>the  tag loads the file.</p><script src=\"a.js\"></script>",
            ),
            // A comment's end tag ends nothing.
            (
                "<p>Press the <button> to go on.</p><!-- </button> --><p>Next.</p>",
                "<p>Press the  to go on.</p><!-- </button> --><p>Next.</p>",
            ),
            // Nested elements counted: the real menu's end is its own.
            (
                "<p>Use the <nav> element.</p><p>More.</p><nav><a>Home</a></nav>",
                "<p>Use the  element.</p><p>More.</p><nav><a>Home</a></nav>",
            ),
        ];
        for (page, want) in cases {
            assert_eq!(drop_unended(page), want, "{page}");
        }
        for page in [
            "<select name=a><option>A</option></select> <SELECT><option>B</option></Select>",
            "<p>x</p><script src=\"a.js\">var cut = 1;",
            "<p>x</p><script>\nvar cut = 1;",
            "<style>p { color: red }",
            "<p>a <selection> and <navy></p>",
            "<nav><ul><li><a>Home</a></li></ul></nav><nav><nav></nav></nav>",
            // A page cut short keeps the menu it was cut inside.
            "<html><body><p>Text.</p><nav><a>Home</a><a>News",
            "<p>x < y and <3</p>",
            "plain",
        ] {
            assert!(matches!(drop_unended(page), Cow::Borrowed(_)), "{page}");
        }
    }
}
