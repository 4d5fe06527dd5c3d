//! Provides the filters that run on blocks after either path produced them, in this order:
//!
//! 1. [`glue_split`]: restores block boundaries lost between glued sentences
//!    (`2023.Der`, `diskutierenUnd`).
//! 2. [`boilerplate`]: removes blocks that are wholly comment-form, share, cookie, newsletter
//!    or related-posts boilerplate.
//! 3. [`glue_join`]: joins a paragraph cut mid-sentence with its lowercase continuation.
//! 4. [`dedupe`]: removes a block that repeats the one before it in other words.
//! 5. [`links`]: removes blocks that are mostly link text (menus, tag lists).
//! 6. [`teaser`]: removes the teasers of other stories (a short block ending in `Read more »`).
//!
//! Every filter leaves clean text alone: a filter that fires on text with no damage is a bug.
//! Each counts what it did in [`crate::Stats::rules`] under its rule name.

pub(crate) mod boilerplate;
pub(crate) mod dedupe;
pub(crate) mod glue_join;
pub(crate) mod glue_split;
pub(crate) mod links;
pub(crate) mod teaser;
