//! Finds lines of links a label opens, by their shape: a breadcrumb trail (`Home » News »
//! Politics`, a `trail:` label then steps between one separator) and a tag line (`Tags:
//! Russia, China, Iran`, a `tags:` label, a colon, then short items); and the reading time
//! a label opens (`Lesezeit: 3 Min.`, a `readtime:` label, a colon, then a number and its
//! unit). The labels are data (`rules/boilerplate/70-navigation.*.txt`); what follows them is
//! too varied for phrases.

use crate::rules::{LabelKind, RuleSet};

/// The most bytes a labelled line holds: a longer block is prose, whatever opens it.
const MAX_BYTES: usize = 300;
/// The most words a trail's step or a tag holds (the last step of a trail may be the page's
/// title, and holds up to [`MAX_WORDS`]).
const MAX_ITEM_WORDS: usize = 5;
/// The most words of the whole line.
const MAX_WORDS: usize = 40;

/// The labels, folded, with what they open and their rule's index, by their first byte:
/// most blocks start with a byte no label starts with, the others are compared with the few
/// labels that do.
#[derive(Clone, Debug)]
pub(crate) struct Labelled {
    by_first: Vec<Vec<(String, LabelKind, usize)>>,
    /// Bytes of the longest label, by first byte as `by_first`: a block is looked at no
    /// further than its bucket's labels reach.
    max_label_bytes: Vec<usize>,
}

impl Labelled {
    /// The labels of `set`, each counted under the rule `rule_index` gives its topic.
    pub fn new(set: &RuleSet, mut rule_index: impl FnMut(&str) -> usize) -> Labelled {
        let mut by_first: Vec<Vec<(String, LabelKind, usize)>> = vec![Vec::new(); 256];
        for l in &set.labels {
            let folded = l.text.to_lowercase();
            let rule = rule_index(&l.rule);
            // Under the first byte of each case the label may be written in (`Теги` and
            // `теги` start with different bytes).
            let mut firsts: Vec<u8> = [folded.clone(), l.text.clone(), l.text.to_uppercase()]
                .iter()
                .filter_map(|v| v.as_bytes().first().copied())
                .collect();
            firsts.sort_unstable();
            firsts.dedup();
            for b in firsts {
                if let Some(bucket) = by_first.get_mut(usize::from(b)) {
                    bucket.push((folded.clone(), l.kind, rule));
                }
            }
        }
        // The longest first: `Tagged with` before `Tagged`.
        for bucket in &mut by_first {
            bucket.sort_by_key(|l| std::cmp::Reverse(l.0.len()));
        }
        let max_label_bytes =
            by_first.iter().map(|bucket| bucket.iter().map(|l| l.0.len()).max().unwrap_or(0)).collect();
        Labelled { by_first, max_label_bytes }
    }

    /// The rule of the labelled line `text` is, if it is one.
    pub fn rule_of(&self, text: &str) -> Option<usize> {
        // Most prose is longer than a line of links: turned away before a look at its text.
        if text.len() > MAX_BYTES {
            return None;
        }
        let t = text.trim();
        let first = usize::from(*t.as_bytes().first()?);
        let bucket = self.by_first.get(first)?;
        if bucket.is_empty() {
            return None;
        }
        // A trail's separator or a tag line's colon comes right after the label: a block
        // without one there is neither, and most are turned away here.
        let reach = self.max_label_bytes.get(first).copied().unwrap_or(0);
        let head = t.as_bytes().get(..t.len().min(reach + 4))?;
        if !head.iter().any(|&b| matches!(b, b':' | b'>' | b'/' | b'|' | b'\\' | 0xC2 | 0xE2 | 0xEF)) {
            return None;
        }
        // The block's first char folded, once: most labels of the bucket differ there.
        let c = t.chars().next()?;
        let c = if c.is_ascii() { c.to_ascii_lowercase() } else { c.to_lowercase().next()? };
        bucket.iter().filter(|(label, _, _)| label.starts_with(c)).find_map(|(label, kind, rule)| {
            let rest = strip_label(t, label)?;
            let fits = match kind {
                LabelKind::Trail => is_trail(rest),
                LabelKind::Tags => is_tag_line(rest),
                LabelKind::ReadTime => is_read_time(rest),
            };
            fits.then_some(*rule)
        })
    }
}

/// `t` without `label` (folded) at its start, in any case, if the label is a whole word there.
fn strip_label<'a>(t: &'a str, label: &str) -> Option<&'a str> {
    let mut chars = t.char_indices();
    let mut want = label.chars();
    let end = loop {
        let Some(w) = want.next() else {
            break chars.next().map_or(t.len(), |(i, _)| i);
        };
        let (_, c) = chars.next()?;
        let same =
            if c.is_ascii() { c.to_ascii_lowercase() == w } else { c.to_lowercase().eq(std::iter::once(w)) };
        if c != w && !same {
            return None;
        }
    };
    let rest = t.get(end..)?;
    (!rest.starts_with(char::is_alphanumeric)).then_some(rest)
}

/// Whether `rest` is a trail's steps after its first: a separator (`»`, `›`, `>`, `/`, `→`,
/// `|`, `\`), then short steps between that same separator, the last of which may be longer
/// (the page's title).
fn is_trail(rest: &str) -> bool {
    let rest = rest.trim_start();
    let Some(sep) = rest.chars().next().filter(|c| matches!(c, '»' | '›' | '>' | '/' | '→' | '|' | '\\'))
    else {
        return false;
    };
    let steps: Vec<&str> = rest.split(sep).skip(1).map(str::trim).collect();
    let Some((last, before)) = steps.split_last() else { return false };
    !last.is_empty()
        && before.iter().all(|s| !s.is_empty() && words(s) <= MAX_ITEM_WORDS)
        && steps.iter().map(|s| words(s)).sum::<usize>() <= MAX_WORDS
}

/// Whether `rest` is a tag line's items after its label: a colon, then short items between
/// commas, `|`, `·` or `•`, with no sentence in them.
fn is_tag_line(rest: &str) -> bool {
    let Some(items) = rest.trim_start().strip_prefix([':', '：']) else {
        return false;
    };
    let items = items.trim().trim_end_matches('.');
    !items.is_empty()
        && items.split([',', '|', '·', '•', '、', '，']).all(|i| {
            let i = i.trim();
            !i.is_empty() && words(i) <= MAX_ITEM_WORDS && !i.contains(['.', '!', '?', ':'])
        })
        && words(items) <= MAX_WORDS
}

/// Whether `rest` is a reading time after its label: a colon, then a number (`5`, `3-4`,
/// `~5`, `ca. 5`) and a few words of unit (`minutes`, `Min.`, `min read`): no more than
/// [`MAX_READ_TIME_WORDS`] words, with no punctuation but a stop or a dash.
fn is_read_time(rest: &str) -> bool {
    let Some(value) = rest.trim_start().strip_prefix([':', '：']) else {
        return false;
    };
    let value = value.trim();
    let n = words(value);
    (1..=MAX_READ_TIME_WORDS).contains(&n)
        && value.chars().any(|c| c.is_ascii_digit())
        && value
            .chars()
            .all(|c| c.is_alphanumeric() || c.is_whitespace() || matches!(c, '.' | '-' | '–' | '~' | '≈'))
}

/// The most words a reading time holds after its label (`ca. 5 Min.`, `about 3 minutes`).
const MAX_READ_TIME_WORDS: usize = 4;

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule_of(text: &str) -> Option<usize> {
        Labelled::new(&RuleSet::builtin(), |_| 7).rule_of(text)
    }

    /// Asserts of each of `lines` that it is a labelled line that goes (`goes`), or not.
    fn judged(goes: bool, lines: &[&str]) {
        for line in lines {
            assert_eq!(rule_of(line), goes.then_some(7), "{line}");
        }
    }

    // Breadcrumb trails and tag lines in several languages go; prose that opens with the
    // label, or a list of long items, stays.
    #[test]
    fn trails_and_tag_lines_go_and_prose_that_opens_alike_stays() {
        judged(
            true,
            &[
                "Home » News » Politics",
                "Home > World > The council votes on the budget for the harbour bridge",
                "Startseite › Politik › Inland",
                "Accueil / Actualités",
                "Strona główna » Wiadomości",
                "Главная → Новости",
                "ГЛАВНАЯ / новости",
                "теги: Росія",
                "Tags: Russia, China, Iran",
                "TAGS: Russia | China",
                "Schlagwörter: Russland, China",
                "Теги: Росія, Китай, Іран",
                "Filed under: Politics, Economy",
                "Étiquettes : Russie, Chine",
            ],
        );
        judged(
            false,
            &[
                "Home is where the heart is, as the saying goes.",
                "Homeowners » pay more",
                "Home » ",
                "Tags are small labels that a site puts under its stories to group them.",
                "Tags: the council met on Monday. It voted for the plan.",
                "Tags Russia, China",
                // `Tag` is a label in Italian and a day in German: not one.
                "Tag: Samstag",
                "Startseite",
            ],
        );
    }

    // The reading time a theme or a plugin prints under a headline, label first.
    #[test]
    fn a_reading_time_after_its_label_goes_and_a_sentence_stays() {
        judged(
            true,
            &[
                "Reading time: 5 minutes",
                "Estimated reading time: 3 minutes",
                "Lesezeit: 3 Min.",
                "Lesedauer: ca. 4 Minuten",
                "Temps de lecture : 5 min",
                "Tiempo de lectura: 7 minutos",
                "Czas czytania: 4 min",
                "Время чтения: 2 минуты",
            ],
        );
        judged(
            false,
            &[
                "Reading time: the minutes a reader spends on a story, which editors now track.",
                "Reading time: short",
                "Lesezeit: 3 Min. Dann geht es los.",
                "Reading time is down by 5 minutes a day.",
            ],
        );
    }
}
