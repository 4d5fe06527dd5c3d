//! Provides [`Selector`]: the CSS selectors rule files hold (`article`, `.entry-content`,
//! `#comments`, `[itemprop=articleBody]`, `div.post[role=main]`), optionally limited to one
//! host (`example.com: .story-body`).
//!
//! One compound selector per line: a tag name, classes, ids and attribute tests (`[a]`,
//! `[a=v]`, `[a~=v]`, `[a^=v]`, `[a*=v]`, `[a$=v]`, values quoted or not). Combinators are not
//! supported: a rule names the element itself. Names and values compare ASCII
//! case-insensitively, as scrapers meet them.

/// How an attribute's value is tested.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    Exists,
    Equals,
    /// One of the whitespace-separated words (`~=`; how `.class` is tested too).
    Word,
    Prefix,
    Contains,
    Suffix,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct AttrTest {
    name: String,
    op: Op,
    value: String,
}

/// One compound selector.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Selector {
    /// Only on pages of this host (or its subdomains).
    pub host: Option<String>,
    tag: Option<String>,
    tests: Vec<AttrTest>,
}

impl Selector {
    /// Parses one line; `None` if it is not a selector of the supported kind.
    pub fn parse(line: &str) -> Option<Selector> {
        let (host, sel) = match line.split_once(": ") {
            Some((h, s))
                if h.contains('.') && !h.contains(char::is_whitespace) && !h.starts_with(['.', '#', '[']) =>
            {
                (Some(h.trim().to_ascii_lowercase()), s.trim())
            }
            _ => (None, line.trim()),
        };
        if sel.is_empty() || sel.contains(char::is_whitespace) && !sel.contains('[') {
            return None;
        }
        let mut out = Selector { host, tag: None, tests: Vec::new() };
        let mut rest = sel;
        let name_len =
            |s: &str| s.find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_')).unwrap_or(s.len());
        let n = name_len(rest);
        if n > 0 {
            out.tag = Some(rest.get(..n)?.to_ascii_lowercase());
            rest = rest.get(n..)?;
        } else if let Some(r) = rest.strip_prefix('*') {
            rest = r;
        }
        while !rest.is_empty() {
            let (kind, r) = rest.split_at_checked(1)?;
            match kind {
                "." | "#" => {
                    let n = name_len(r);
                    if n == 0 {
                        return None;
                    }
                    let (name, op) = if kind == "." { ("class", Op::Word) } else { ("id", Op::Equals) };
                    let value = r.get(..n)?.to_ascii_lowercase();
                    out.tests.push(AttrTest { name: name.to_owned(), op, value });
                    rest = r.get(n..)?;
                }
                "[" => {
                    let end = r.find(']')?;
                    out.tests.push(AttrTest::parse(r.get(..end)?)?);
                    rest = r.get(end + 1..)?;
                }
                _ => return None,
            }
        }
        (out.tag.is_some() || !out.tests.is_empty()).then_some(out)
    }

    /// Whether an element named `tag` (lowercase) with attributes `attr` matches.
    pub fn matches<'a>(&self, tag: &str, attr: impl Fn(&str) -> Option<&'a str>) -> bool {
        self.tag.as_deref().is_none_or(|t| t == tag) && self.tests.iter().all(|t| t.matches(attr(&t.name)))
    }

    /// The names of the attributes the selector tests (lowercase; `class` and `id` too).
    pub fn attribute_names(&self) -> impl Iterator<Item = &str> {
        self.tests.iter().map(|t| t.name.as_str())
    }

    /// Whether the selector applies on a page of `host` (`None`: the host is not known).
    pub fn applies_to(&self, host: Option<&str>) -> bool {
        match (&self.host, host) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(want), Some(h)) => {
                let h = h.trim_start_matches("www.");
                let want = want.trim_start_matches("www.");
                h.eq_ignore_ascii_case(want)
                    || h.len() > want.len()
                        && h.get(h.len() - want.len()..).is_some_and(|tail| tail.eq_ignore_ascii_case(want))
                        && h.as_bytes().get(h.len() - want.len() - 1) == Some(&b'.')
            }
        }
    }
}

/// The one test a selector is filed under in an index: the element must pass it to match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Key<'a> {
    /// A class token (lowercase).
    Class(&'a str),
    /// An id (lowercase).
    Id(&'a str),
    /// A tag name (lowercase).
    Tag(&'a str),
    /// Only attribute tests: tried on every element.
    Any,
}

impl Selector {
    /// The test to file this selector under: a class before an id before a tag.
    pub fn key(&self) -> Key<'_> {
        let find = |name: &str, op: Op| self.tests.iter().find(|t| t.name == name && t.op == op);
        if let Some(t) = find("class", Op::Word) {
            return Key::Class(&t.value);
        }
        if let Some(t) = find("id", Op::Equals) {
            return Key::Id(&t.value);
        }
        self.tag.as_deref().map_or(Key::Any, Key::Tag)
    }

    /// `.class` (`is_id`: `#id`) as a selector.
    pub fn of_token(token: &str, is_id: bool) -> Selector {
        let (name, op) = if is_id { ("id", Op::Equals) } else { ("class", Op::Word) };
        let test = AttrTest { name: name.to_owned(), op, value: token.to_ascii_lowercase() };
        Selector { host: None, tag: None, tests: vec![test] }
    }
}

impl AttrTest {
    fn parse(inner: &str) -> Option<AttrTest> {
        let ops = [
            ("~=", Op::Word),
            ("^=", Op::Prefix),
            ("*=", Op::Contains),
            ("$=", Op::Suffix),
            ("=", Op::Equals),
        ];
        for (sym, op) in ops {
            if let Some((name, value)) = inner.split_once(sym) {
                let value = value.trim().trim_matches(|c| c == '"' || c == '\'');
                let name = name.trim();
                if name.is_empty() || name.contains(char::is_whitespace) {
                    return None;
                }
                return Some(AttrTest {
                    name: name.to_ascii_lowercase(),
                    op,
                    value: value.to_ascii_lowercase(),
                });
            }
        }
        let name = inner.trim();
        (!name.is_empty() && !name.contains(char::is_whitespace)).then(|| AttrTest {
            name: name.to_ascii_lowercase(),
            op: Op::Exists,
            value: String::new(),
        })
    }

    fn matches(&self, value: Option<&str>) -> bool {
        let Some(v) = value else { return false };
        let eq = |a: &str| a.eq_ignore_ascii_case(&self.value);
        let (n, w) = (v.len(), self.value.len());
        match self.op {
            Op::Exists => true,
            Op::Equals => eq(v.trim()),
            Op::Word => v.split_ascii_whitespace().any(eq),
            Op::Prefix => v.get(..w).is_some_and(eq),
            Op::Suffix => n >= w && v.get(n - w..).is_some_and(eq),
            Op::Contains => w > 0 && v.to_ascii_lowercase().contains(&self.value),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attrs<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<&'a str> {
        move |n| pairs.iter().find(|(k, _)| *k == n).map(|(_, v)| *v)
    }

    #[test]
    fn compound_selectors_match_what_css_would() {
        let el = [("class", "post Entry-Content"), ("id", "main"), ("itemprop", "articleBody")];
        for yes in [
            "div",
            ".entry-content",
            "#main",
            "div.post#main",
            "[itemprop=articleBody]",
            "[class*=content]",
            "[id]",
            "*.post",
            "[class^=post]",
            "[itemprop$=body]",
        ] {
            assert!(Selector::parse(yes).unwrap().matches("div", attrs(&el)), "{yes}");
        }
        for no in ["p", ".entry", "#mai", "[role]", "div.other", "[itemprop=article]"] {
            assert!(!Selector::parse(no).unwrap().matches("div", attrs(&el)), "{no}");
        }
    }

    #[test]
    fn hosts_limit_a_selector_to_a_site_and_its_subdomains() {
        let s = Selector::parse("example.com: .story-body").unwrap();
        assert!(s.applies_to(Some("example.com")));
        assert!(s.applies_to(Some("www.example.com")));
        assert!(s.applies_to(Some("news.example.com")));
        assert!(!s.applies_to(Some("badexample.com")));
        assert!(!s.applies_to(None));
        assert!(Selector::parse(".story-body").unwrap().applies_to(None));
    }

    #[test]
    fn what_is_not_a_supported_selector_is_refused() {
        for bad in ["", "div p", ".", "#", "[unclosed", "a > b", "div:hover"] {
            assert_eq!(Selector::parse(bad), None, "{bad}");
        }
    }
}
