//! Provides [`Stats`]: what one call to [`crate::Cleaner::clean`] did, in counts.
//!
//! Stats add up (`+=`), so a batch can sum the stats of every file. Removals by the
//! filters are counted per rule name (`comment-form`, `near-duplicate`, …), the markup the
//! lexer recovered from per kind.

use std::collections::BTreeMap;
use std::ops::AddAssign;

use serde::Serialize;

/// Counts of what cleaning did.
///
/// ```
/// let out = descrape::Cleaner::builder().build()?.clean("<p>a &amp; b</p>\n\nLeave a Reply");
/// assert_eq!((out.stats.tags, out.stats.entities), (2, 1));
/// assert_eq!(out.stats.rule("comment-form"), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// Bytes of input text.
    pub bytes_in: u64,
    /// Bytes of output text.
    pub bytes_out: u64,
    /// Blocks the lexer produced, before the filters.
    pub blocks_in: u64,
    /// Blocks in the output.
    pub blocks_out: u64,
    /// Complete tags removed (`<p>`, `</div>`, `<img … />`).
    pub tags: u64,
    /// Broken tags removed: tags whose `>` never came, whose following prose was kept.
    pub broken_tags: u64,
    /// Orphaned tag ends removed (`“ />` left from a cut attribute).
    pub attribute_tails: u64,
    /// Comments, CDATA sections, doctypes and processing instructions removed.
    pub comments: u64,
    /// Elements removed with their content (`<script>`, `<style>`, …).
    pub dropped_elements: u64,
    /// Character references decoded (`&amp;`, `&#8217;`, double escapes count once per layer).
    pub entities: u64,
    /// Template expressions (`{{ … }}`, `{% … %}`) and shortcodes removed.
    pub templates: u64,
    /// Control characters removed (NUL, ESC, C1 controls, U+FEFF) or read as line ends (a
    /// lone carriage return, a form feed).
    pub controls: u64,
    /// Characters read again as UTF-8 from text that had been decoded twice (`â€™` became
    /// `’`), on both paths.
    pub mojibake: u64,
    /// Byte sequences that were malformed in the input's encoding and became U+FFFD. Set by
    /// whoever decoded the bytes ([`mod@crate::decode`]); cleaning a `&str` leaves it 0.
    pub malformed: u64,
    /// Texts read as whole pages (the DOM path) rather than as residue.
    pub pages: u64,
    /// Pages too large for the DOM path (over `dom_max_page_bytes`, too deep, or streamed in
    /// pieces) that were read as residue.
    pub large_pages: u64,
    /// What each filter rule did, by rule name: blocks removed, or for the glue rules,
    /// boundaries restored and paragraphs joined.
    pub rules: BTreeMap<String, u64>,
}

impl Stats {
    /// Counts one firing of the rule `name`.
    ///
    /// ```
    /// let mut s = descrape::Stats::default();
    /// s.count_rule("share");
    /// s.count_rule("share");
    /// assert_eq!(s.rule("share"), 2);
    /// ```
    pub fn count_rule(&mut self, name: &str) {
        self.count_rule_times(name, 1);
    }

    /// Counts `n` removals under the rule `name` (none: nothing).
    pub(crate) fn count_rule_times(&mut self, name: &str, n: u64) {
        if n == 0 {
            return;
        }
        match self.rules.get_mut(name) {
            Some(c) => *c += n,
            None => {
                self.rules.insert(name.to_owned(), n);
            }
        }
    }

    /// How often the rule `name` fired.
    ///
    /// ```
    /// let out = descrape::Cleaner::builder().build()?.clean("Share this:");
    /// assert_eq!(out.stats.rule("share"), 1);
    /// assert_eq!(out.stats.rule("no-such-rule"), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn rule(&self, name: &str) -> u64 {
        self.rules.get(name).copied().unwrap_or(0)
    }
}

impl AddAssign<&Stats> for Stats {
    fn add_assign(&mut self, o: &Stats) {
        self.bytes_in += o.bytes_in;
        self.bytes_out += o.bytes_out;
        self.blocks_in += o.blocks_in;
        self.blocks_out += o.blocks_out;
        self.tags += o.tags;
        self.broken_tags += o.broken_tags;
        self.attribute_tails += o.attribute_tails;
        self.comments += o.comments;
        self.dropped_elements += o.dropped_elements;
        self.entities += o.entities;
        self.templates += o.templates;
        self.controls += o.controls;
        self.mojibake += o.mojibake;
        self.malformed += o.malformed;
        self.pages += o.pages;
        self.large_pages += o.large_pages;
        for (name, n) in &o.rules {
            *self.rules.entry(name.clone()).or_insert(0) += n;
        }
    }
}

impl AddAssign for Stats {
    fn add_assign(&mut self, o: Stats) {
        *self += &o;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stats_add_up_field_by_field_and_rule_by_rule() {
        let mut a = Stats { bytes_in: 10, tags: 2, ..Stats::default() };
        a.count_rule("comment-form");
        let mut b = Stats { bytes_in: 5, entities: 1, ..Stats::default() };
        b.count_rule("comment-form");
        b.count_rule("near-duplicate");
        a += &b;
        assert_eq!(a.bytes_in, 15);
        assert_eq!(a.tags, 2);
        assert_eq!(a.entities, 1);
        assert_eq!(a.rule("comment-form"), 2);
        assert_eq!(a.rule("near-duplicate"), 1);
        assert_eq!(a.rule("share"), 0);
    }
}
