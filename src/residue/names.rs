//! Defines what the lexer knows about tag names: which start a block, which vanish inline,
//! which go with their content, and which attribute names are plausible without a value.
//!
//! Tables, not logic: the lexer ([`super::lexer`]), the markup-or-prose policy
//! ([`super::ambiguity`]) and the DOM path's walk (`dom::emit`) look names up here, so both
//! paths give a tag the same block. Lookups are ASCII case-insensitive.

pub(crate) use crate::block::Context;
use crate::text::key;

/// What a known tag does to the text around it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TagRole {
    /// Ends the current block; `Context` says what the next block is.
    Block(Context),
    /// `<br>`: a line break inside a block.
    LineBreak,
    /// Vanishes and leaves its text (`<a>`, `<span>`, `<img>`).
    Inline,
    /// Goes with everything up to its end tag (`<script>`, `<style>`, …).
    Drop,
}

/// Block tags: each ends the current block.
const BLOCK: [(&str, Context); 44] = [
    ("p", Context::Plain),
    ("div", Context::Plain),
    ("h1", Context::Heading(1)),
    ("h2", Context::Heading(2)),
    ("h3", Context::Heading(3)),
    ("h4", Context::Heading(4)),
    ("h5", Context::Heading(5)),
    ("h6", Context::Heading(6)),
    ("li", Context::Item),
    ("ul", Context::List { ordered: false }),
    ("ol", Context::List { ordered: true }),
    ("dl", Context::List { ordered: false }),
    ("dt", Context::Item),
    ("dd", Context::Item),
    ("hr", Context::Rule),
    ("tr", Context::Row),
    ("td", Context::Cell { header: false }),
    ("th", Context::Cell { header: true }),
    ("table", Context::Table),
    ("thead", Context::Plain),
    ("tbody", Context::Plain),
    ("tfoot", Context::Plain),
    ("caption", Context::Plain),
    ("blockquote", Context::Quote),
    ("section", Context::Plain),
    ("article", Context::Plain),
    ("header", Context::Plain),
    ("main", Context::Plain),
    ("figure", Context::Plain),
    ("figcaption", Context::Caption),
    ("pre", Context::Pre),
    ("address", Context::Plain),
    ("fieldset", Context::Plain),
    ("legend", Context::Plain),
    ("details", Context::Plain),
    ("summary", Context::Plain),
    ("center", Context::Plain),
    ("body", Context::Plain),
    ("html", Context::Plain),
    ("hgroup", Context::Plain),
    ("dialog", Context::Plain),
    ("menu", Context::Plain),
    ("picture", Context::Plain),
    ("frameset", Context::Plain),
];

/// Inline tags: they vanish and leave their text.
const INLINE: [&str; 87] = [
    "a",
    "span",
    "strong",
    "em",
    "b",
    "i",
    "u",
    "s",
    "small",
    "sup",
    "sub",
    "code",
    "abbr",
    "font",
    "mark",
    "time",
    "img",
    "q",
    "cite",
    "dfn",
    "kbd",
    "samp",
    "var",
    "tt",
    "big",
    "strike",
    "del",
    "ins",
    "bdi",
    "bdo",
    "label",
    "input",
    "wbr",
    "meta",
    "link",
    "base",
    "source",
    "track",
    "area",
    "map",
    "col",
    "colgroup",
    "data",
    "ruby",
    "rt",
    "rp",
    "nobr",
    "acronym",
    "output",
    "param",
    "embed",
    "slot",
    "blink",
    "marquee",
    "frame",
    "option",
    "optgroup",
    "progress",
    "meter",
    // SVG elements met outside their `<svg>` (a sprite sheet whose `<svg>` tag went):
    "g",
    "path",
    "symbol",
    "defs",
    "use",
    "circle",
    "rect",
    "line",
    "polyline",
    "polygon",
    "ellipse",
    "lineargradient",
    "radialgradient",
    "stop",
    "clippath",
    "mask",
    "pattern",
    "filter",
    "tspan",
    "textpath",
    "marker",
    "foreignobject",
    "desc",
    "image",
    "feblend",
    "fecolormatrix",
    "fegaussianblur",
    "feoffset",
];

/// Tags that go with their content: code, media, form controls, and the page furniture
/// around an article (`nav`, `aside`, `footer`, `form`), which in scraped text is menus,
/// sidebars, site footers and comment forms. `header` stays: it often holds the headline.
const DROP: [&str; 22] = [
    "script", "style", "noscript", "template", "svg", "iframe", "object", "head", "title", "math", "select",
    "textarea", "button", "video", "audio", "canvas", "noframes", "datalist", "nav", "aside", "footer",
    "form",
];

/// Attributes that are meaningful without a value (HTML boolean attributes and microdata),
/// each with the elements that take it; none listed: any element does (`hidden`, `itemscope`).
/// A bare word after a tag name counts as an attribute only if it is one of these (on an
/// element that takes it) or has the shape of a framework attribute (see
/// [`is_framework_attr`]).
const BOOLEAN_ATTRS: &[(&str, &[&str])] = &[
    ("allowfullscreen", &["iframe"]),
    ("async", &["script"]),
    ("autofocus", &[]),
    ("autoplay", &["audio", "video"]),
    ("checked", &["input"]),
    ("compact", &["ul", "ol", "dl", "menu", "dir"]),
    ("contenteditable", &[]),
    ("controls", &["audio", "video"]),
    ("default", &["track"]),
    ("defer", &["script"]),
    ("disabled", &["button", "input", "select", "textarea", "optgroup", "option", "fieldset"]),
    ("download", &["a", "area"]),
    ("draggable", &[]),
    ("formnovalidate", &["button", "input"]),
    ("hidden", &[]),
    ("inert", &[]),
    ("ismap", &["img"]),
    ("itemscope", &[]),
    ("loop", &["audio", "video", "marquee", "bgsound"]),
    ("multiple", &["input", "select"]),
    ("muted", &["audio", "video"]),
    ("nomodule", &["script"]),
    ("noshade", &["hr"]),
    ("novalidate", &["form"]),
    ("nowrap", &["td", "th"]),
    ("open", &["details", "dialog"]),
    ("playsinline", &["video"]),
    ("readonly", &["input", "textarea"]),
    ("required", &["input", "select", "textarea"]),
    ("reversed", &["ol"]),
    ("selected", &["option"]),
    ("spellcheck", &[]),
    ("translate", &[]),
];

/// Elements whose content is raw text, not markup (`<script>` ends at the first `</script`).
pub(crate) fn is_raw_text(name: &str) -> bool {
    ["script", "style", "textarea", "title", "noscript", "iframe", "xmp", "plaintext", "noframes"]
        .iter()
        .any(|n| name.eq_ignore_ascii_case(n))
}

/// Inline elements that hold code: their text is a code span.
pub(crate) fn is_code(name: &str) -> bool {
    ["code", "kbd", "samp", "tt"].iter().any(|n| name.eq_ignore_ascii_case(n))
}

/// Looks up a tag name (ASCII case-insensitive). `None` for names HTML does not have.
pub(crate) fn role(name: &str) -> Option<TagRole> {
    // One case-folded integer per name, and one probe or two of a hash table: every tag the
    // lexer meets is looked up (a megabyte of `<p ` is three hundred thousand lookups), the
    // commonest (`p`, `div`, `a`, `span`) in as few steps as the rarest.
    let id = key::pack(name.as_bytes())?;
    let mut slot = slot_of(id);
    loop {
        let &(key, role) = ROLE_SLOTS.get(slot)?;
        if key == 0 {
            return None;
        }
        if key == id {
            return Some(role);
        }
        slot = (slot + 1) & (ROLE_SLOTS.len() - 1);
    }
}

/// Bits of a slot's index in [`ROLE_SLOTS`]: three slots and more a name, so most lookups
/// probe one.
const SLOT_BITS: u32 = 9;

/// The names of the tables with their roles in an open-addressed table (key 0, which no
/// name packs to, is an empty slot).
const ROLE_SLOTS: [(u128, TagRole); 1 << SLOT_BITS] = role_slots();

/// Where a key's probe starts.
const fn slot_of(key: u128) -> usize {
    let h = ((key as u64) ^ ((key >> 64) as u64)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (h >> (64 - SLOT_BITS)) as usize
}

/// [`ROLE_SLOTS`]: the names in the order their roles are looked up (`br`, then the block,
/// drop and inline tables), a name in two tables keeping its first role, as looking through
/// them in turn would.
const fn role_slots() -> [(u128, TagRole); 1 << SLOT_BITS] {
    let all = all_roles();
    let mut slots = [(0u128, TagRole::Inline); 1 << SLOT_BITS];
    let mut i = 0;
    while i < all.len() {
        let mut s = slot_of(all[i].0);
        while slots[s].0 != 0 && slots[s].0 != all[i].0 {
            s = (s + 1) & ((1 << SLOT_BITS) - 1);
        }
        if slots[s].0 == 0 {
            slots[s] = all[i];
        }
        i += 1;
    }
    slots
}

/// The names in the tables, in the order their roles are looked up.
const fn all_roles() -> [(u128, TagRole); 1 + BLOCK.len() + DROP.len() + INLINE.len()] {
    let mut all = [(0u128, TagRole::Inline); 1 + BLOCK.len() + DROP.len() + INLINE.len()];
    all[0] = (BR_KEY, TagRole::LineBreak);
    let mut n = 1;
    let mut i = 0;
    while i < BLOCK.len() {
        all[n] = (BLOCK_KEYS[i], TagRole::Block(BLOCK[i].1));
        n += 1;
        i += 1;
    }
    i = 0;
    while i < DROP.len() {
        all[n] = (DROP_KEYS[i], TagRole::Drop);
        n += 1;
        i += 1;
    }
    i = 0;
    while i < INLINE.len() {
        all[n] = (INLINE_KEYS[i], TagRole::Inline);
        n += 1;
        i += 1;
    }
    all
}

/// [`key::pack`] for the tables, at compile time; a name too long to pack is a build error.
const fn packed<const N: usize>(names: [&str; N]) -> [u128; N] {
    let mut keys = [0u128; N];
    let mut i = 0;
    while i < N {
        keys[i] = match key::pack(names[i].as_bytes()) {
            Some(k) => k,
            None => panic!("tag name longer than 16 bytes"),
        };
        i += 1;
    }
    keys
}

const fn block_names<const N: usize>(table: [(&'static str, Context); N]) -> [&'static str; N] {
    let mut names = [""; N];
    let mut i = 0;
    while i < N {
        names[i] = table[i].0;
        i += 1;
    }
    names
}

const BR_KEY: u128 = match key::pack(b"br") {
    Some(k) => k,
    None => 0,
};
const BLOCK_KEYS: [u128; BLOCK.len()] = packed(block_names(BLOCK));
const INLINE_KEYS: [u128; INLINE.len()] = packed(INLINE);
const DROP_KEYS: [u128; DROP.len()] = packed(DROP);

/// Elements that never have an end tag.
pub(crate) fn is_void(name: &str) -> bool {
    const VOID: [&str; 13] = [
        "img", "input", "br", "hr", "meta", "link", "base", "source", "track", "area", "col", "wbr", "embed",
    ];
    VOID.iter().any(|v| v.eq_ignore_ascii_case(name))
}

/// A custom element (`app-root`, `ng-container`) or a namespaced tag (`o:p`, `fb:like`):
/// not in HTML's list, but markup when it is written as a tag. A path of code
/// (`std::string`, `io::Error` in `From<io::Error>`) has two colons in a row, which no
/// namespace prefix has.
pub(crate) fn is_extension_tag(name: &str) -> bool {
    let b = name.as_bytes();
    b.first().is_some_and(u8::is_ascii_alphabetic)
        && b.last().is_some_and(u8::is_ascii_alphanumeric)
        && (name.contains('-') || name.contains(':'))
        && b.iter().all(|&c| c.is_ascii_alphanumeric() || c == b'-' || c == b':' || c == b'_')
        && !name.contains("::")
}

/// Is `name` a known boolean attribute?
pub(crate) fn is_boolean_attr(name: &str) -> bool {
    BOOLEAN_ATTRS.iter().any(|(n, _)| n.eq_ignore_ascii_case(name))
}

/// Whether the element `tag` takes the boolean attribute `name`: a global one, or one of its
/// own (`<video loop>`, `<script async>`). An element HTML does not know (a custom element)
/// may take any. A bare `async` after `<p` is no attribute: it is the prose's first word
/// (`<p class="x" async def f():`).
pub(crate) fn takes_boolean_attr(tag: &str, name: &str) -> bool {
    if role(tag).is_none() {
        return true;
    }
    BOOLEAN_ATTRS.iter().find(|(attr, _)| attr.eq_ignore_ascii_case(name)).is_none_or(|(_, elements)| {
        elements.is_empty() || elements.iter().any(|e| e.eq_ignore_ascii_case(tag))
    })
}

/// Has `name` the shape of an attribute written by a framework or a data/aria convention?
/// Angular (`_ngcontent-sc90`, `_nghost-x`, `ng-reflect-x`, `[prop]`, `(event)`, `*ngIf`,
/// `#ref`), Vue (`data-v-7ba5bd90`, `v-if`, `:prop`, `@click`), and any lowercase ASCII
/// name with an inner `-` or `_` (`data-id`, `aria-hidden`, `fetchpriority` does not count).
pub(crate) fn is_framework_attr(name: &str) -> bool {
    let b = name.as_bytes();
    let Some(&first) = b.first() else {
        return false;
    };
    match first {
        // A binding is closed in the name itself (`[value]`, `(click)`, `[(ngModel)]`); a
        // directive, a reference or a shorthand starts lowercase (`*ngIf`, `#ref`, `:src`,
        // `@click`): `(This`, `*This`, `#This` open prose after a cut tag.
        b'[' => b.len() > 2 && b.last() == Some(&b']'),
        b'(' => b.len() > 2 && b.last() == Some(&b')'),
        b'*' | b'#' | b':' | b'@' => b.get(1).is_some_and(u8::is_ascii_lowercase),
        b'_' => name.starts_with("_ng") || b.get(1..).is_some_and(|r| r.len() > 1 && is_lower_attr_word(r)),
        _ => {
            is_lower_attr_word(b)
                && b.iter().skip(1).take(b.len().saturating_sub(2)).any(|&c| c == b'-' || c == b'_')
        }
    }
}

/// [`is_framework_attr`] for a name with no value after it: a binding, a directive or an
/// event shorthand always has one (`[title]="t"`, `*ngIf="x"`, `@click="go"`), so written bare
/// it is prose (`[Kernel] Posted …`, `@luizjr4 thanks …`); and no name ends with a colon
/// (`io-std: Enable …` is a label). Angular's and Vue's markers (`_ngcontent-c1`, `data-v-1a`),
/// a reference (`#box`) and data or aria names stay attributes bare.
pub(crate) fn is_bare_framework_attr(name: &str) -> bool {
    is_framework_attr(name) && !name.starts_with(['[', '(', '*', ':', '@']) && !name.ends_with(':')
}

/// Lowercase ASCII letters, digits, `-`, `_`, `.`, `:`; starting with a letter.
fn is_lower_attr_word(b: &[u8]) -> bool {
    b.first().is_some_and(u8::is_ascii_lowercase)
        && b.iter()
            .all(|&c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, b'-' | b'_' | b'.' | b':'))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`role`] as the tables say it, looked through in turn.
    fn role_by_tables(name: &str) -> Option<TagRole> {
        let id = key::pack(name.as_bytes())?;
        if id == BR_KEY {
            return Some(TagRole::LineBreak);
        }
        if let Some(i) = BLOCK_KEYS.iter().position(|&k| k == id) {
            return BLOCK.get(i).map(|&(_, ctx)| TagRole::Block(ctx));
        }
        if DROP_KEYS.contains(&id) {
            return Some(TagRole::Drop);
        }
        INLINE_KEYS.contains(&id).then_some(TagRole::Inline)
    }

    #[test]
    fn one_table_gives_every_name_the_role_the_tables_give_it() {
        let names = BLOCK.iter().map(|b| b.0).chain(DROP).chain(INLINE).chain(["br", "BR", "Div", "P"]);
        for name in names.chain(["", "x", "divx", "abbr2", "font-face", "ng-container", "verylongname12345"])
        {
            assert_eq!(role(name), role_by_tables(name), "{name}");
        }
        // No name twice in the hash table, and every name in it, a few probes from where its
        // probe starts.
        let mut keys: Vec<u128> = ROLE_SLOTS.iter().map(|&(k, _)| k).filter(|&k| k != 0).collect();
        keys.sort_unstable();
        assert!(keys.windows(2).all(|w| w[0] < w[1]));
        let probes = |k: u128| {
            (0..ROLE_SLOTS.len()).position(|d| ROLE_SLOTS[(slot_of(k) + d) % ROLE_SLOTS.len()].0 == k)
        };
        assert!(all_roles().iter().all(|&(k, _)| probes(k).is_some_and(|d| d <= 4)));
    }

    #[test]
    fn roles_are_case_insensitive() {
        assert_eq!(role("P"), Some(TagRole::Block(Context::Plain)));
        assert_eq!(role("h3"), Some(TagRole::Block(Context::Heading(3))));
        assert_eq!(role("BR"), Some(TagRole::LineBreak));
        assert_eq!(role("Script"), Some(TagRole::Drop));
        assert_eq!(role("span"), Some(TagRole::Inline));
        assert_eq!(role("int"), None);
        assert_eq!(role("integer"), None);
    }

    #[test]
    fn every_known_name_is_lowercase() {
        let names = BLOCK.iter().map(|(n, _)| *n).chain(INLINE.iter().copied()).chain(DROP.iter().copied());
        for n in names {
            assert_eq!(n, n.to_ascii_lowercase());
        }
        assert_eq!(role("averyveryverylongname"), None);
    }

    #[test]
    fn no_name_is_in_two_tables() {
        for n in INLINE {
            assert!(!DROP.contains(&n), "{n}");
        }
        for (n, _) in BLOCK {
            assert!(!DROP.contains(&n), "{n}");
        }
    }

    #[test]
    fn framework_attribute_shapes() {
        for a in [
            "_ngcontent-sc90",
            "_nghost-ng-c1",
            "ng-reflect-router-link",
            "[routerLink]",
            "(click)",
            "[(ngModel)]",
            "*ngIf",
            "#ref",
            "data-v-7ba5bd90",
            ":src",
            "@click",
            "data-id",
            "aria-hidden",
            "v-if",
        ] {
            assert!(is_framework_attr(a), "{a}");
        }
        for a in [
            "die", "the", "Während", "class", "x", "-", "a-", "Data-X", "(This", "*This", "#This", "[1", "@",
            "#1",
        ] {
            assert!(!is_framework_attr(a), "{a}");
        }
    }

    #[test]
    fn extension_tags() {
        assert!(is_extension_tag("app-root"));
        assert!(is_extension_tag("o:p"));
        assert!(!is_extension_tag("https:"));
        assert!(!is_extension_tag("int"));
        assert!(!is_extension_tag("-x"));
    }
}
