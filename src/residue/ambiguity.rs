//! Decides whether a `<` is markup or prose. This is the one hard policy of the lexer, and it
//! lives here, next to its case table.
//!
//! # Why this is hard
//!
//! Scraped text mixes two languages that share the same bytes. `<p class="x">` is markup;
//! `x < y`, `I <3 this`, `vector<int>`, `Map<String, List<Integer>>`, `<john@example.com>` and
//! `<https://example.com>` are prose. A real HTML tokenizer reads all of them as tags (or as
//! text, whichever its state says) and cannot recover from the damage scrapers and machine
//! translation do: `<p _ngcontent-sc90 class= Während die …` has no `>`, so an HTML parser
//! swallows the rest of the paragraph as attributes.
//!
//! # The policy
//!
//! The bias is the project's contract: **nothing of the article is lost**. When in doubt, a
//! `<` is prose. It is markup only with evidence:
//!
//! 1. What follows `<` (or `</`) must be a tag name that ends where a tag name can end: at
//!    whitespace, `>`, `/` or the end of input ([`super::tag::scan`] checks this). That rules
//!    out `< y`, `<3`, `<-`, `<=`, `<<`, `<john@…`, `<https://…`, `<String,`.
//! 2. The name must be one HTML has ([`super::names::role`]) or the shape of a custom or
//!    namespaced element (`app-root`, `o:p`). That rules out `vector<int>`, `2<x<5`,
//!    `List<Integer>`. An unknown name still counts when the tag is complete and carries a
//!    quoted attribute (`<foo bar="x">`): prose does not look like that.
//! 3. A complete tag (its `>` came) with a known name is markup — except a single uppercase
//!    letter glued to a word with no attributes (`List<A>`, `Pair<B>`), which is a generic
//!    type parameter far more often than an uppercase `<A>` tag.
//! 4. A broken tag (no `>`) is markup when it stands at a word boundary (`<p Hello`,
//!    `text <div`), when it has plausible attributes (`word<p class="x"`), or when it is a
//!    void element of two letters or more (`Text<br Dann`, `Text<hr/ Weiter`). Glued to a
//!    word with no attributes (`a<b`, `x<p`, `a<b/2`), it is prose.
//! 5. Spaces after `<` (`< p >`, `< /p >`, `</ P>`, as machine translation writes tags) are
//!    read, but such a tag is markup only when it is complete, known and plain, and does not
//!    sit inside a comparison (`a < b > c` stays); see [`judge`].
//! 6. A custom element's start tag with no attributes whose end tag is nowhere in the text
//!    (`github.com/<project-name>/`, `--sid <your-account-sid>`, `flex: <positive-number>`)
//!    is a placeholder of documentation, prose. Frameworks write their elements with
//!    attributes (`_nghost-c1`, `ng-version`) or close them (`<router-outlet></router-outlet>`).
//!
//! The cost of this policy is leaked markup in rare shapes (an uppercase `<A>` glued to a word)
//! and lost prose in rarer ones (`x <b then`, math written with a letter right after `<`).
//! Both are in the case table below.

use super::names::{self, TagRole};
use super::tag::TagScan;

/// What a `<` is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// A tag: remove it.
    Markup,
    /// Prose: keep the `<` and read on.
    Prose,
}

/// Judges a scanned tag. `name` is the scanned tag name, `role` what [`names::role`] says of
/// it, `prev` the char before the `<`, `next` the first char after the tag that is not a
/// space; `closed_somewhere` tells whether the text holds an end tag of a custom element
/// `name` (asked only of a custom element's plain start tag, rule 6).
pub(crate) fn judge(
    scan: &TagScan,
    name: &str,
    role: Option<TagRole>,
    prev: Option<char>,
    next: Option<char>,
    closed_somewhere: impl FnOnce() -> bool,
) -> Verdict {
    // Rule 5: `< p >`, `< /p >`, `</ P>`: spaces after `<` are how machine translation writes
    // tags, and how people write comparisons (`a < b > c`, `x < y`). Such a tag is markup only
    // when complete, with an HTML name and nothing but quoted attributes, and not standing
    // inside a comparison: an end tag, a name longer than a letter, or a tag that starts a
    // line or is followed by a capital, another tag or the line end.
    if scan.spaced {
        let at_edge = prev.is_none_or(|c| matches!(c, '\n' | '>'))
            || next.is_none_or(|c| c == '\n' || c == '<' || c.is_uppercase());
        let plain = role.is_some() && scan.closed && scan.attrs == scan.quoted_attrs;
        let markup = plain && (scan.is_end || name.len() > 1 || at_edge);
        return if markup { Verdict::Markup } else { Verdict::Prose };
    }
    let known = role.is_some() || names::is_extension_tag(name);
    let glued = prev.is_some_and(char::is_alphanumeric);
    if !known {
        return if scan.closed && scan.quoted_attrs > 0 { Verdict::Markup } else { Verdict::Prose };
    }
    // Rule 6: a placeholder in a custom element's shape.
    let plain_custom = role.is_none()
        && name.contains('-')
        && scan.closed
        && !scan.is_end
        && !scan.self_closing
        && scan.attrs == 0;
    if plain_custom && !closed_somewhere() {
        return Verdict::Prose;
    }
    if scan.closed {
        let generic_param = glued
            && !scan.is_end
            && scan.attrs == 0
            && name.len() == 1
            && name.bytes().all(|c| c.is_ascii_uppercase());
        return if generic_param { Verdict::Prose } else { Verdict::Markup };
    }
    // A void element of two letters or more (`Text<br Dann`, `Text<hr/ Weiter`) is markup
    // glued or not: no variable or type parameter is so named, and it has no end tag to
    // look for.
    let void = name.len() >= 2 && names::is_void(name);
    if glued && scan.attrs == 0 && !scan.is_end && !void {
        return Verdict::Prose;
    }
    Verdict::Markup
}

#[cfg(test)]
mod tests {
    use crate::residue::search::Finder;
    use crate::residue::tag::scan;

    use super::*;

    /// What the lexer does with the `<` in each input. `None`: no tag name at all.
    const CASES: &[(&str, Option<Verdict>)] = &[
        // Markup.
        ("<p>", Some(Verdict::Markup)),
        ("</div>", Some(Verdict::Markup)),
        ("<p _ngcontent-sc90 class= Während", Some(Verdict::Markup)),
        ("<p Hello world", Some(Verdict::Markup)),
        ("text <div", Some(Verdict::Markup)),
        ("word<p class=\"x\" The", Some(Verdict::Markup)),
        ("<app-root ng-version=\"17\">", Some(Verdict::Markup)),
        ("<router-outlet></router-outlet>", Some(Verdict::Markup)),
        ("<ng-container>x</ng-container>", Some(Verdict::Markup)),
        ("</app-root>", Some(Verdict::Markup)),
        ("<o:p>", Some(Verdict::Markup)),
        ("<foo bar=\"x\">", Some(Verdict::Markup)),
        ("text<BR>more", Some(Verdict::Markup)),
        ("a</p", Some(Verdict::Markup)),
        ("Text<br/ Weiter", Some(Verdict::Markup)),
        ("Text<br Weiter", Some(Verdict::Markup)),
        ("Text<hr/", Some(Verdict::Markup)),
        // Machine translation's spaced tags (rule 5).
        ("< p >Der Bericht", Some(Verdict::Markup)),
        ("Satz.< /p >", Some(Verdict::Markup)),
        ("</ P>Die", Some(Verdict::Markup)),
        ("text < span class=\"x\" > more", Some(Verdict::Markup)),
        ("< br />", Some(Verdict::Markup)),
        // Prose.
        ("x < y", Some(Verdict::Prose)),
        ("if a < b > c then", Some(Verdict::Prose)),
        ("if a < b and c > d", Some(Verdict::Prose)),
        ("a < p > q", Some(Verdict::Prose)),
        ("5 < x > 2", Some(Verdict::Prose)),
        ("< foo >", Some(Verdict::Prose)),
        ("I <3 this", None),
        ("a <- b", None),
        ("a <= b", None),
        ("<<quoted>>", None),
        ("<john@example.com>", None),
        ("<https://example.com>", None),
        ("Map<String, List<Integer>>", None),
        ("vector<int>", Some(Verdict::Prose)),
        // Placeholders of documentation (rule 6).
        ("github.com/<project-name>/", Some(Verdict::Prose)),
        ("twilio --sid <your-account-sid>", Some(Verdict::Prose)),
        ("impl From<io::Error> for", Some(Verdict::Prose)),
        ("std::vector<std::string> v", Some(Verdict::Prose)),
        ("2<x<5", None),
        ("2 <x and", Some(Verdict::Prose)),
        ("List<Integer>>", Some(Verdict::Prose)),
        ("List<A>", Some(Verdict::Prose)),
        ("if (a<b)", None),
        ("a<b and", Some(Verdict::Prose)),
        ("x<p", Some(Verdict::Prose)),
        ("a<b/2", Some(Verdict::Prose)),
        // The accepted cost: a letter right after `<` at a word boundary reads as a tag.
        ("x <b then", Some(Verdict::Markup)),
    ];

    fn verdict(input: &str) -> Option<Verdict> {
        let at = input.find('<').unwrap_or(0);
        let prev = input.get(..at).and_then(|s| s.chars().next_back());
        let t = scan(input.as_bytes(), at, &mut Finder::new())?;
        let name = input.get(t.name.0..t.name.1)?;
        let next = input.get(t.end..).and_then(|s| s.chars().find(|&c| c != ' '));
        let closed = || {
            crate::residue::search::custom_end_tags(input.as_bytes())
                .is_none_or(|e| e.contains(name.as_bytes()))
        };
        Some(judge(&t, name, names::role(name), prev, next, closed))
    }

    #[test]
    fn case_table() {
        for (input, want) in CASES {
            assert_eq!(verdict(input), *want, "{input:?}");
        }
    }
}
