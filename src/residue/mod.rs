//! Provides the residue path: text that still carries leftover markup becomes blocks.
//!
//! # What residue is
//!
//! Scrapers and machine-translation pipelines leave article text that is neither HTML nor
//! plain text: complete tags, tags whose `>` is gone so the prose follows inside the tag
//! (`<p _ngcontent-sc90 class= Während die …`), Angular and Vue attributes, `<!---->` anchors,
//! entities escaped once or twice, the tail of a cut `alt` attribute (`…ISW“ /></p>`),
//! template expressions and shortcodes. An HTML parser reads the prose after a broken tag as
//! attributes and drops it. This lexer reads it as a person would.
//!
//! # Pieces
//!
//! - [`lexer`]: the single forward pass, with a fast gear over plain prose.
//! - [`tag`]: the tolerant tag scanner and its states; [`attr`]: the one
//!   attribute grammar the scanner, the orphan reader and the lexer share.
//! - [`ambiguity`]: the one policy that decides whether a `<` is markup or prose; [`orphan`]:
//!   whether a `>` outside any tag ends a cut attribute's tail.
//! - [`names`]: what tag and attribute names are known.
//! - [`template`]: `{{ … }}`, `{% … %}` and shortcodes; [`cdata`]: a feed item's CDATA
//!   section, whose markup is the article's.
//! - [`entity`]: character references (`&amp;`, `&#8217;`, double escapes); [`escaped`]: text
//!   whose markup was escaped as a whole (`&lt;p&gt;…&lt;/p&gt;`), read one layer down.
//! - [`crate::block::BlockBuilder`]: events to [`Block`]s.
//! - [`search`]: memoised terminator searches that keep the pass linear.
//! - `lexer/furniture`: elements dropped with their content (selectors, hidden, `script` …).
//!
//! # Guarantees
//!
//! Total (any `&str` is accepted, nothing panics), linear in the input (every look-ahead is
//! bounded or memoised, the position only moves forward), and biased to keep text: an
//! ambiguous span stays as prose.

mod ambiguity;
pub(crate) mod attr;
mod cdata;
pub(crate) mod entity;
mod escaped;
mod lexer;
pub(crate) mod names;
mod orphan;
mod search;
mod tag;
pub(crate) mod template;

#[cfg(test)]
mod tests;

use crate::block::Block;
use crate::rules::RuleSet;
use crate::stats::Stats;

pub(crate) use cdata::unwrap_cdata;
pub(crate) use escaped::unescape_markup;
pub(crate) use search::{CustomEnds, Finder};
pub(crate) use tag::MAX_TAG_LOOKAHEAD_BYTES;

/// Where the attributes of the tag at `b[at] == b'<'` end as the lexer reads a tag whose `>`
/// never comes: after its last plausible attribute, before the prose (`<a href="#" in to
/// Reply`, `<p class= Während …`). `None` when no tag starts there.
pub(crate) fn tag_attributes_end(b: &[u8], at: usize, finder: &mut Finder) -> Option<usize> {
    tag::scan(b, at, finder).map(|t| t.end)
}

/// Whether the tag at `b[at] == b'<'` is one the lexer reads as closed by its `>`.
pub(crate) fn closes_as_tag(b: &[u8], at: usize) -> bool {
    tag::scan(b, at, &mut Finder::new()).is_some_and(|t| t.closed)
}

/// A tag written with spaces after its `<` or `</` (`< p class = "x" >`, `< / p >`, as machine
/// translation writes tags) that the lexer reads as markup, at `b[at] == b'<'`: where its name
/// starts and whether it is an end tag. An HTML parser reads such a tag as text (`< p`) or as
/// a comment (`</ p`); put right, it reads it as the lexer does.
pub(crate) fn spaced_tag(src: &str, at: usize, finder: &mut Finder) -> Option<(usize, bool)> {
    let b = src.as_bytes();
    let scan = tag::scan(b, at, finder).filter(|s| s.spaced)?;
    let name = src.get(scan.name.0..scan.name.1)?;
    let prev = src.get(..at).and_then(|s| s.chars().next_back());
    let next = src.get(scan.end..).and_then(|s| s.chars().take(64).find(|&c| c != ' '));
    let verdict = ambiguity::judge(&scan, name, names::role(name), prev, next, || true);
    (verdict == ambiguity::Verdict::Markup).then_some((scan.name.0, scan.is_end))
}

/// Whether the `<` at `src[at]` opens a tag for an HTML parser (a letter follows it, or `/` and
/// a letter) that the lexer reads as prose: `vector<int>`, `Map<String, Integer>`,
/// `<john@example.com>`, `<https://example.com>`, a placeholder `<your-account-sid>`. Such a
/// parser would drop it as a tag. `custom_ends`: the custom elements' end tags of the whole
/// text (rule 6 of `ambiguity`), kept by the caller from call to call.
pub(crate) fn is_prose_tag_open(
    src: &str,
    at: usize,
    finder: &mut Finder,
    custom_ends: &mut CustomEnds,
) -> bool {
    let b = src.as_bytes();
    let letter = |i: usize| b.get(i).is_some_and(u8::is_ascii_alphabetic);
    if b.get(at) != Some(&b'<') || !(letter(at + 1) || b.get(at + 1) == Some(&b'/') && letter(at + 2)) {
        return false;
    }
    // No tag name that ends where a name can end (`<john@…`, `<https://…`): prose.
    let Some(scan) = tag::scan(b, at, finder) else { return true };
    let Some(name) = src.get(scan.name.0..scan.name.1) else { return false };
    let prev = src.get(..at).and_then(|s| s.chars().next_back());
    ambiguity::judge(&scan, name, names::role(name), prev, None, || custom_ends.closes(b, name))
        == ambiguity::Verdict::Prose
}

/// Whether `rest`, what follows a bare start tag of an element whose content is never prose
/// (`<script>`, `<svg>`), is prose naming the tag (`the <script> tag loads the library`), as
/// the lexer reads it.
pub(crate) fn is_tag_mention(rest: &[u8]) -> bool {
    lexer::is_mention(rest)
}

/// Lexes residue into blocks, counting what it removed in `stats`.
pub(crate) fn lex(input: &str, rules: &RuleSet, stats: &mut Stats) -> Vec<Block> {
    let mut blocks = lexer::Lexer::new(input, rules, stats).run().finish();
    // What a script's comment or CDATA guard leaves once the script is gone (`//`, `//-->`,
    // `// ]]>`) is no text; it is counted with the comments.
    let guard = |b: &Block| b.kind != crate::BlockKind::Preformatted && orphan::is_script_guard(&b.text);
    // Most texts have none: one look at each block, nothing moved.
    if blocks.iter().any(guard) {
        let before = blocks.len();
        blocks.retain(|b| !guard(b));
        stats.comments += (before - blocks.len()) as u64;
    }
    blocks
}
