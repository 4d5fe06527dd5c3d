//! Provides the filters that run on blocks after either path produced them, as one ordered
//! table ([`FILTERS`]): each filter with its rule name (counted in [`crate::Stats::rules`])
//! and the switch of [`crate::CleanerBuilder`] that turns it on.
//!
//! 1. [`glue_split`]: restores block boundaries lost between glued sentences
//!    (`2023.Der`, `diskutierenUnd`).
//! 2. [`boilerplate`]: removes blocks that are wholly comment-form, share, cookie, newsletter
//!    or related-posts boilerplate (its rule names are the topics of `rules/boilerplate/`).
//! 3. [`glue_join`]: joins a paragraph cut mid-sentence with its lowercase continuation.
//! 4. [`teaser`]: removes the teasers of other stories (a short block ending in `Read more »`)
//!    and read-also references with the title repeated after them; before the link filter,
//!    which would take a linked reference alone and leave its title.
//! 5. [`links`]: removes blocks that are mostly link text (menus, tag lists).
//! 6. [`dedupe`]: removes a block that repeats the one before it in other words; last, so
//!    the neighbours it weighs are those a second cleaning would see.
//!
//! The boilerplate and teaser filters read the lines of a block (not code) as blocks when
//! one of them is theirs ([`lines`]).
//!
//! Every filter leaves clean text alone: a filter that fires on text with no damage is a bug.

pub(crate) mod boilerplate;
pub(crate) mod dedupe;
pub(crate) mod glue_join;
pub(crate) mod glue_split;
pub(crate) mod labelled;
pub(crate) mod lines;
pub(crate) mod links;
pub(crate) mod teaser;

/// Which filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Filter {
    GlueSplit,
    Boilerplate,
    GlueJoin,
    Dedupe,
    Links,
    Teaser,
}

/// The switch of [`crate::CleanerBuilder`] a filter answers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Switch {
    /// [`crate::CleanerBuilder::glue`].
    Glue,
    /// [`crate::CleanerBuilder::boilerplate`]: everything that removes page furniture.
    Boilerplate,
    /// [`crate::CleanerBuilder::dedupe`].
    Dedupe,
}

/// One row of the table.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Spec {
    pub filter: Filter,
    /// The rule name it counts under; `None`: the names come from the rule files (the
    /// boilerplate topics).
    pub rule: Option<&'static str>,
    pub switch: Switch,
}

/// The filters, in the order they run.
pub(crate) const FILTERS: [Spec; 6] = [
    Spec { filter: Filter::GlueSplit, rule: Some("glue-split"), switch: Switch::Glue },
    Spec { filter: Filter::Boilerplate, rule: None, switch: Switch::Boilerplate },
    Spec { filter: Filter::GlueJoin, rule: Some("glue-join"), switch: Switch::Glue },
    Spec { filter: Filter::Teaser, rule: Some("teaser"), switch: Switch::Boilerplate },
    Spec { filter: Filter::Links, rule: Some("link-heavy"), switch: Switch::Boilerplate },
    Spec { filter: Filter::Dedupe, rule: Some("near-duplicate"), switch: Switch::Dedupe },
];

/// The rule name `filter` counts under (the boilerplate filter's are its topics).
pub(crate) const fn rule(filter: Filter) -> &'static str {
    let mut i = 0;
    while i < FILTERS.len() {
        if FILTERS[i].filter as u8 == filter as u8 {
            return match FILTERS[i].rule {
                Some(r) => r,
                None => "",
            };
        }
        i += 1;
    }
    ""
}
