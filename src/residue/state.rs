//! Defines [`TagState`], the states of the tolerant tag scanner in [`super::tag`]: one doc
//! line per state saying what input the scanner is inside.

/// Where the tag scanner is inside `<name attr=value …>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TagState {
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
