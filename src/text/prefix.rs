//! Provides [`Prefixes`]: a set of byte strings in a trie, walked from a place in a text one
//! byte at a time to find the longest of them that starts there. An anchored search needs no
//! failure links, and building them was most of an automaton's cost: the boilerplate phrases
//! of 32 languages were a third of every run's start-up.

/// Where a walk stands: a node of the trie.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct State(u32);

/// No pattern ends at a node.
const NO_PATTERN: u32 = u32::MAX;
/// A node with more children than this looks them up in a row of 256 (the first bytes of the
/// phrases fan out widely; past them, a node has a child or two).
const SPARSE_MAX: usize = 8;
/// The count of a node whose children are in a dense row: its edge start is the row's index.
const DENSE: u32 = u32::MAX;

/// Byte strings (patterns, numbered in the order given) in a trie whose nodes keep their
/// children's edges side by side, sorted by byte; the root's children are looked up directly.
#[derive(Clone, Debug)]
pub(crate) struct Prefixes {
    /// Per node: where its edges start in `edges` (or its row in `dense`), how many (or
    /// [`DENSE`]), and the pattern that ends there (the first given, when several are the
    /// same bytes).
    nodes: Vec<(u32, u32, u32)>,
    /// Edges by node, each node's sorted by byte: the byte and the child.
    edges: Vec<(u8, u32)>,
    /// The child for each byte of the nodes with many children (0: none; the root is node 0
    /// and no node's child). The root's row is the first.
    dense: Vec<[u32; 256]>,
}

impl Prefixes {
    pub fn new<I, P>(patterns: I) -> Prefixes
    where
        I: IntoIterator<Item = P>,
        P: AsRef<[u8]>,
    {
        // Built with each node's children in a list of its own, then laid out flat.
        let mut children: Vec<Vec<(u8, u32)>> = vec![Vec::new()];
        let mut ends: Vec<u32> = vec![NO_PATTERN];
        for (id, p) in patterns.into_iter().enumerate() {
            let p = p.as_ref();
            let mut node = 0usize;
            for &b in p {
                let kids = &children[node];
                node = match kids.binary_search_by_key(&b, |&(c, _)| c) {
                    Ok(i) => kids[i].1 as usize,
                    Err(i) => {
                        let next = children.len();
                        children[node].insert(i, (b, next as u32));
                        children.push(Vec::new());
                        ends.push(NO_PATTERN);
                        next
                    }
                };
            }
            if ends[node] == NO_PATTERN {
                ends[node] = id as u32;
            }
        }
        let mut nodes = Vec::with_capacity(children.len());
        let mut edges = Vec::with_capacity(children.len());
        let mut dense = Vec::new();
        for (i, (kids, end)) in children.iter().zip(&ends).enumerate() {
            if i == 0 || kids.len() > SPARSE_MAX {
                let mut row = [0u32; 256];
                for &(b, child) in kids {
                    row[usize::from(b)] = child;
                }
                nodes.push((dense.len() as u32, DENSE, *end));
                dense.push(row);
            } else {
                nodes.push((edges.len() as u32, kids.len() as u32, *end));
                edges.extend_from_slice(kids);
            }
        }
        Prefixes { nodes, edges, dense }
    }

    /// Where every walk starts.
    pub fn start(&self) -> State {
        State(0)
    }

    /// The state after `byte` from `s`, if any pattern goes on that way.
    #[inline]
    pub fn next(&self, s: State, byte: u8) -> Option<State> {
        let &(first, count, _) = self.nodes.get(s.0 as usize)?;
        if count == DENSE {
            let child = *self.dense.get(first as usize)?.get(usize::from(byte))?;
            return (child != 0).then_some(State(child));
        }
        let kids = self.edges.get(first as usize..(first as usize).saturating_add(count as usize))?;
        kids.iter().find(|&&(c, _)| c == byte).map(|&(_, n)| State(n))
    }

    /// The pattern that ends at `s`, if one does.
    #[inline]
    pub fn pattern(&self, s: State) -> Option<usize> {
        self.nodes.get(s.0 as usize).map(|n| n.2).filter(|&p| p != NO_PATTERN).map(|p| p as usize)
    }

    /// The pattern that is the whole of `word`, each byte read through `fold` (the patterns
    /// having been given folded so): its number.
    pub fn whole(&self, word: &[u8], fold: impl Fn(u8) -> u8) -> Option<usize> {
        let mut s = self.start();
        for &b in word {
            s = self.next(s, fold(b))?;
        }
        self.pattern(s)
    }

    /// The longest pattern that `hay[at..]` starts with: its number and where it ends.
    pub fn longest_at(&self, hay: &[u8], at: usize) -> Option<(usize, usize)> {
        let mut s = self.start();
        let mut found = None;
        for (i, &b) in hay.get(at..)?.iter().enumerate() {
            let Some(next) = self.next(s, b) else { break };
            s = next;
            if let Some(p) = self.pattern(s) {
                found = Some((p, at + i + 1));
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::automaton::Automaton;
    use aho_corasick::{Anchored, Input, MatchKind, nfa::noncontiguous::NFA};

    #[test]
    fn the_longest_pattern_at_a_place_is_an_anchored_leftmost_longest_search() {
        // What aho-corasick's anchored leftmost-longest search finds, on patterns that
        // share prefixes, end inside each other, repeat, and hold bytes above ASCII.
        let patterns =
            ["a", "ab", "abc", "abd", "b", "bc", "abcdef", "ab", "xyz", "\u{e9}t\u{e9}", "\u{e9}", ""];
        let p = Prefixes::new(patterns);
        let nfa = NFA::builder().match_kind(MatchKind::LeftmostLongest).build(patterns).unwrap();
        let pieces = ["a", "b", "c", "d", "e", "f", "x", "y", "z", "\u{e9}", "t", " "];
        let mut found = 0;
        for hay in crate::concat::every_string(&pieces, 3) {
            for at in 0..=hay.len() {
                let want = nfa
                    .try_find(&Input::new(&hay).range(at..).anchored(Anchored::Yes))
                    .unwrap()
                    .filter(|m| !m.is_empty())
                    .map(|m| (m.pattern().as_usize(), m.end()));
                assert_eq!(p.longest_at(hay.as_bytes(), at), want, "{hay:?} at {at}");
                found += usize::from(want.is_some());
            }
        }
        assert!(found > 500, "{found}");
    }

    #[test]
    fn a_whole_word_is_found_in_any_case_the_fold_gives() {
        let p = Prefixes::new(["post-body", "post", "entry-content"]);
        let lower = |b: u8| b.to_ascii_lowercase();
        assert_eq!(p.whole(b"Post-Body", lower), Some(0));
        assert_eq!(p.whole(b"POST", lower), Some(1));
        for miss in [&b"pos"[..], b"posts", b"post-bod", b"", b"entry"] {
            assert_eq!(p.whole(miss, lower), None, "{miss:?}");
        }
        assert_eq!(p.whole(b"Post", |b| b), None);
    }

    #[test]
    fn a_repeated_pattern_is_found_as_the_first_of_its_copies() {
        let p = Prefixes::new(["ab", "xy", "ab"]);
        assert_eq!(p.longest_at(b"abc", 0), Some((0, 2)));
        assert_eq!(p.longest_at(b"zab", 1), Some((0, 3)));
        assert_eq!(p.longest_at(b"zab", 3), None);
        assert_eq!(p.longest_at(b"", 0), None);
    }
}
