//! Provides [`Pairs`]: a set of two-byte strings, blind to ASCII case, that answers in a few
//! instructions whether a word or a phrase may start (or end) with two given bytes, so that
//! the filters look up or search only the blocks that pass it.

/// A bit for each of the 65,536 two-byte strings.
#[derive(Clone)]
pub(crate) struct Pairs(Box<[u64; 1024]>);

impl std::fmt::Debug for Pairs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n: u32 = self.0.iter().map(|w| w.count_ones()).sum();
        write!(f, "Pairs({n})")
    }
}

impl Pairs {
    pub(crate) fn new() -> Pairs {
        Pairs(Box::new([0; 1024]))
    }

    /// Adds `a` then `b`, in every ASCII case.
    pub(crate) fn insert(&mut self, a: u8, b: u8) {
        for a in [a.to_ascii_lowercase(), a.to_ascii_uppercase()] {
            for b in [b.to_ascii_lowercase(), b.to_ascii_uppercase()] {
                let i = index(a, b);
                if let Some(w) = self.0.get_mut(i / 64) {
                    *w |= 1 << (i % 64);
                }
            }
        }
    }

    /// Whether `a` then `b` was added, in any ASCII case.
    pub(crate) fn contains(&self, a: u8, b: u8) -> bool {
        let i = index(a, b);
        self.0.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
    }
}

fn index(a: u8, b: u8) -> usize {
    usize::from(u16::from_be_bytes([a, b]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pair_is_found_in_any_ascii_case_and_no_other_is() {
        let mut p = Pairs::new();
        p.insert(b'r', b'E');
        p.insert(0xC3, 0xA0);
        for (a, b) in [(b'r', b'e'), (b'R', b'E'), (b'R', b'e'), (0xC3, 0xA0)] {
            assert!(p.contains(a, b), "{a} {b}");
        }
        for (a, b) in [(b'e', b'r'), (b'r', b'f'), (0xC3, 0x80), (0, 0), (255, 255)] {
            assert!(!p.contains(a, b), "{a} {b}");
        }
    }
}
