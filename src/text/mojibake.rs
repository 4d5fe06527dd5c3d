//! Repairs text that was decoded twice: UTF-8 bytes read as Windows-1252 or Latin-1 and
//! written out again as UTF-8 (`youâ€™re` or `youâ\u{80}\u{99}re` for `you’re`, `Ã©tÃ©` for
//! `été`, `Â` before a no-break space, `ÐŸÑ€Ð¸Ð²ÐµÑ‚` for `Привет`). Crawl dumps are full of it,
//! and a page in it reads as noise to a person and to a language model alike.
//!
//! Each character is mapped back to the byte it was read from (Latin-1, or Windows-1252 for
//! `€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ`), and a lead byte with its
//! continuation bytes that form one valid UTF-8 character becomes that character. One pass,
//! left to right, re-reads what it produced (a character repaired may be the lead or the
//! last continuation of another, as text decoded three times is), so the result is a fixed
//! point: a second repair changes nothing.
//!
//! Real text seldom has a Latin-1 letter followed by the bytes of a continuation, but it has
//! some (`Grüß’`, `café…` before a no-break space): a sequence is repaired at once only when
//! real text cannot hold it (see [`decode`]: a C1 control in it, `Ã©`, `â€™`, `ðŸ`). The
//! others (`Ð¸` for `и`, `æ–‡` for `文`) are repaired only in a text that holds the first
//! kind too ([`Mode::Loose`]: it was decoded twice as a whole), and only into the letters of
//! an alphabet or a syllabary, or punctuation.
//!
//! C1 controls are what the bytes `0x80`–`0x9F` read as Latin-1 become: those that are not
//! part of a sequence go (the text never holds them), counted apart, as [`super::control`]
//! counts them.

use std::borrow::Cow;

/// Which sequences are repaired (see the module's documentation).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Only those that cannot be real text.
    Strict,
    /// Also those real text could hold, where they decode to a letter, a syllable or
    /// punctuation: for a text that holds the strict kind (it was decoded twice as a whole).
    Loose,
}

/// What [`repair`] did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Repaired {
    /// Sequences read again as one character.
    pub(crate) chars: u64,
    /// C1 controls removed.
    pub(crate) controls: u64,
}

/// Whether `s` may hold a sequence: a character `Â`..`ô` (the lead bytes `C2`–`F4`), which
/// UTF-8 writes as `C3 82`–`C3 B4`. Most text in most languages has none.
pub(crate) fn may_hold(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr_iter(0xC3, b).any(|i| b.get(i + 1).is_some_and(|c| (0x82..=0xB4).contains(c)))
}

/// The mode `s` is repaired in: [`Mode::Loose`] if it holds a sequence the strict mode
/// repairs.
pub(crate) fn mode_of(s: &str) -> Mode {
    if may_hold(s) && first_change(s, Mode::Strict, false).is_some() { Mode::Loose } else { Mode::Strict }
}

/// `s` repaired in the mode it calls for ([`mode_of`]), what was done, and the mode (for the
/// pieces of `s` to be repaired in); borrowed when nothing was done.
pub(crate) fn repair_text(s: &str) -> (Cow<'_, str>, Repaired, Mode) {
    // Nothing the strict mode repairs and no C1 control: nothing at all to do, in one look.
    let Some(first) = first_change(s, Mode::Strict, true) else {
        return (Cow::Borrowed(s), Repaired::default(), Mode::Strict);
    };
    let mode = mode_of(s);
    let (out, done) = repair_from(s, first, mode);
    (Cow::Owned(out), done, mode)
}

/// `s` repaired in `mode`, and what was done; borrowed when nothing was.
pub(crate) fn repair(s: &str, mode: Mode) -> (Cow<'_, str>, Repaired) {
    let Some(first) = first_change(s, mode, true) else {
        return (Cow::Borrowed(s), Repaired::default());
    };
    let (out, done) = repair_from(s, first, mode);
    (Cow::Owned(out), done)
}

/// `s` repaired in `mode` from `first`, where the first change is (the loose mode may find
/// one before it, in a text it repairs: a strict change is one of the loose mode's too, and
/// so the first of them is looked for again).
fn repair_from(s: &str, first: usize, mode: Mode) -> (String, Repaired) {
    let first = if mode == Mode::Loose { first_change(s, mode, true).unwrap_or(first) } else { first };
    let mut r = Repairer { out: String::with_capacity(s.len()), mode, done: Repaired::default() };
    // Up to the first change, pushing each character would leave the output as the text is.
    r.out.push_str(s.get(..first).unwrap_or_default());
    let rest = s.get(first..).unwrap_or_default();
    let mut at = 0;
    while let Some(c) = rest.get(at..).and_then(|t| t.chars().next()) {
        r.push(c);
        at += c.len_utf8();
        if c.is_ascii() {
            // After an ASCII char nothing is pending, and ASCII never starts a sequence: the
            // rest of its run goes out as it is, at once (a page is mostly ASCII markup).
            let run =
                rest.as_bytes().get(at..).unwrap_or_default().iter().take_while(|b| b.is_ascii()).count();
            r.out.push_str(rest.get(at..at + run).unwrap_or_default());
            at += run;
        }
    }
    r.finish();
    (r.out, r.done)
}

/// Where the first repair or C1 control is (`controls`: C1 controls count), if any. Only
/// the bytes `C2` and `C3` can start either (a C1 control is `C2 80`–`C2 9F`; a lead is
/// `C3 82`–`C3 B4`), and after most leads (`ä` in German) comes ASCII: a look at one byte.
fn first_change(s: &str, mode: Mode, controls: bool) -> Option<usize> {
    let b = s.as_bytes();
    for i in memchr::memchr2_iter(0xC2, 0xC3, b) {
        let (Some(&first), Some(&second)) = (b.get(i), b.get(i + 1)) else {
            break;
        };
        if first == 0xC2 {
            if controls && second <= 0x9F {
                return Some(i);
            }
            continue;
        }
        if !(0x82..=0xB4).contains(&second) || b.get(i + 2).is_none_or(|&c| c < 0x80) {
            continue;
        }
        let lead = 0x40 + second;
        let Some(len) = sequence_len(lead) else {
            continue;
        };
        let mut bytes = [lead, 0, 0, 0];
        let mut n = 1;
        let mut c1 = false;
        for c in s.get(i + 2..).unwrap_or_default().chars().take(len - 1) {
            if controls && is_c1(c) {
                return Some(i);
            }
            c1 |= is_c1(c);
            match byte_of(c) {
                Some(x) if is_continuation(x) => {
                    bytes[n] = x;
                    n += 1;
                }
                _ => break,
            }
        }
        if n == len && decode(&bytes[..n], c1, mode).is_some() {
            return Some(i);
        }
    }
    None
}

/// The shift-reduce pass: characters are pushed one by one; after each, the sequence at the
/// end of the output (the last lead and the continuations after it) is looked at.
struct Repairer {
    out: String,
    mode: Mode,
    done: Repaired,
}

impl Repairer {
    fn push(&mut self, c: char) {
        let mut next = Some(c);
        while let Some(c) = next.take() {
            if byte_of(c).is_none_or(|b| !is_continuation(b)) {
                // Not a continuation (ASCII, any other script, a lead): what was pending is
                // no sequence.
                self.drop_pending_controls();
                self.out.push(c);
            } else {
                self.out.push(c);
                // What was repaired is read again, as the next character (a loop, not a
                // call: `ÂÂÂ…Â©` repairs from the end back to the first `Â`).
                next = self.settle_tail();
            }
        }
    }

    /// Looks at the sequence at the end of the output until it neither drops anything nor
    /// is complete. A complete one that `mode` repairs is taken off the output, and the
    /// character it is returned.
    fn settle_tail(&mut self) -> Option<char> {
        loop {
            let Some(start) = self.pending_start() else {
                // A continuation with no lead before it: a C1 control goes.
                if self.out.chars().next_back().is_some_and(is_c1) {
                    self.out.pop();
                    self.done.controls += 1;
                }
                return None;
            };
            let tail = self.out.get(start..).unwrap_or_default();
            let mut bytes = [0u8; 4];
            let mut n = 0;
            for c in tail.chars() {
                if let (Some(slot), Some(b)) = (bytes.get_mut(n), byte_of(c)) {
                    *slot = b;
                    n += 1;
                }
            }
            let bytes = bytes.get(..n).unwrap_or_default();
            let want = bytes.first().copied().and_then(sequence_len).unwrap_or(0);
            match std::str::from_utf8(bytes) {
                Ok(_) if n == want => {
                    let d = decode(bytes, tail.chars().any(is_c1), self.mode)?;
                    self.out.truncate(start);
                    self.done.chars += 1;
                    return Some(d);
                }
                // A valid start of a sequence: the next characters decide.
                Err(e) if e.error_len().is_none() && n < want => return None,
                _ => {
                    // No sequence: the C1 controls in it go, and what is left is looked at
                    // again (`à`, a C1 control, `©` leaves `à©`, which may go on).
                    if !self.drop_controls_from(start) {
                        return None;
                    }
                }
            }
        }
    }

    /// Where the sequence at the end of the output starts: the last lead within four
    /// characters with only continuations after it.
    fn pending_start(&self) -> Option<usize> {
        for (k, (i, c)) in self.out.char_indices().rev().take(4).enumerate() {
            let b = byte_of(c)?;
            if is_continuation(b) {
                continue;
            }
            // A lead with at most three continuations after it.
            return (sequence_len(b).is_some() && k < 4).then_some(i);
        }
        None
    }

    /// The sequence at the end of the output is none: its C1 controls go.
    fn drop_pending_controls(&mut self) {
        if let Some(start) = self.pending_start() {
            self.drop_controls_from(start);
        }
    }

    /// Removes the C1 controls from `start` on; whether there were any.
    fn drop_controls_from(&mut self, start: usize) -> bool {
        let tail = self.out.get(start..).unwrap_or_default();
        if !tail.chars().any(is_c1) {
            return false;
        }
        let kept: String = tail.chars().filter(|&c| !is_c1(c)).collect();
        self.done.controls += (tail.chars().count() - kept.chars().count()) as u64;
        self.out.truncate(start);
        self.out.push_str(&kept);
        true
    }

    fn finish(&mut self) {
        self.drop_pending_controls();
    }
}

/// A C1 control (U+0080–U+009F).
fn is_c1(c: char) -> bool {
    ('\u{80}'..='\u{9F}').contains(&c)
}

/// The byte `c` was read from: Latin-1 for U+0080–U+00FF, Windows-1252 for its 27 marks in
/// `0x80`–`0x9F`.
fn byte_of(c: char) -> Option<u8> {
    if ('\u{80}'..='\u{FF}').contains(&c) {
        return u8::try_from(u32::from(c)).ok();
    }
    Some(match c {
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    })
}

fn is_continuation(b: u8) -> bool {
    (0x80..=0xBF).contains(&b)
}

/// How many bytes a sequence led by `b` has, if `b` leads one.
fn sequence_len(b: u8) -> Option<usize> {
    match b {
        0xC2..=0xDF => Some(2),
        0xE0..=0xEF => Some(3),
        0xF0..=0xF4 => Some(4),
        _ => None,
    }
}

/// The character the complete sequence `bytes` is, if `mode` repairs it; `c1`: one of its
/// continuations was a C1 control (the Windows-1252 marks, `’ … –`, are text too).
///
/// The strict mode repairs what real text cannot hold: a C1 control; `Â` or `Ã` and a
/// continuation (`Â©`, `Ã©`); `â` and a Windows-1252 mark or a C1 control, which begins the
/// punctuation and symbols (`â€™`, `â„¢`); the same after `ã` (CJK punctuation, `ã€‚`), `ï¼`
/// and `ï½` (full-width forms), `ðŸ` (emoji). The rest (`Ð¸`, `Ä…`, `æ–‡`) could be text
/// (`Grüß’`, `café…` before a no-break space): the loose mode repairs it when it decodes to
/// the letter of an alphabet or a syllabary, or to punctuation.
fn decode(bytes: &[u8], c1: bool, mode: Mode) -> Option<char> {
    let mut chars = std::str::from_utf8(bytes).ok()?.chars();
    let (Some(d), None) = (chars.next(), chars.next()) else {
        return None;
    };
    let (lead, second) = (*bytes.first()?, *bytes.get(1)?);
    let cannot_be_text = c1
        || matches!(lead, 0xC2 | 0xC3)
        || matches!((lead, second), (0xE2 | 0xE3, 0x80..=0x9F) | (0xEF, 0xBC | 0xBD) | (0xF0, 0x9F));
    let letter = matches!(
        u32::from(d),
        0x100..=0x24F
            | 0x370..=0x3FF
            | 0x400..=0x52F
            | 0x590..=0x6FF
            | 0x2000..=0x206F
            | 0x3000..=0x30FF
            | 0x3400..=0x9FFF
            | 0xAC00..=0xD7AF
            | 0xFF00..=0xFFEF
    );
    (cannot_be_text || mode == Mode::Loose && letter).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(s: &str) -> String {
        let (out, _, mode) = repair_text(s);
        assert_eq!(repair(s, mode).0, out, "{s:?}");
        out.into_owned()
    }

    #[test]
    fn text_decoded_twice_is_read_again() {
        // Windows-1252 and Latin-1 readings of the same bytes.
        assert_eq!(fixed("you\u{e2}\u{20ac}\u{2122}re"), "you’re");
        assert_eq!(fixed("you\u{e2}\u{80}\u{99}re"), "you’re");
        assert_eq!(
            fixed("\u{e2}\u{20ac}\u{153}Quoted\u{e2}\u{20ac}\u{9d} \u{e2}\u{20ac}\u{201d} dash"),
            "“Quoted” — dash"
        );
        assert_eq!(fixed("Ã©tÃ© Ã\u{a0} Paris"), "été à Paris");
        assert_eq!(fixed("caf\u{c3}\u{a9}\u{c2}\u{a0}!"), "café\u{a0}!");
        // Two-byte sequences in a text that holds the strict kind (`Â«`, `â€”`).
        assert_eq!(fixed("Â«ÐŸÑ€Ð¸Ð²ÐµÑ‚Â» Ð¸ Ð¼Ð¸Ñ€"), "«Привет» и мир");
        assert_eq!(fixed("Ð¼Ð¸Ñ€ â€” Å‚Ä…ka"), "мир — łąka");
        // CJK after its punctuation (`ã€‚`, `ï¼Œ`) or a C1 control.
        assert_eq!(fixed("ä¸\u{ad}æ–‡ã€‚"), "中文。");
        assert_eq!(fixed("ä¸\u{ad}æ\u{96}\u{87}"), "中文");
        assert_eq!(fixed("ðŸ˜€ smile"), "😀 smile");
        // Three times: what is repaired is read again, as a lead and as a continuation.
        assert_eq!(fixed("ÃƒÂ©tÃƒÂ©"), "été");
    }

    #[test]
    fn real_text_is_left_alone() {
        for s in [
            "»Gruß« sagte er.",
            "L'ÉTÉ\u{a0}! Crème brûlée, naïve, Ça, São Paulo, ÄÖÜ äöü ß",
            "Dvořák, Łódź, Ελληνικά, Привет, 中文, 😀",
            "“quoted” – dash… and ™ or € 5",
            "café» and «été»",
            "2 ×\u{a0}3",
            "Grüß’ Gott",
            "« Quelle journée…\u{a0}»",
            "Você…» disse",
            "plain ASCII",
        ] {
            let (out, done) = repair(s, mode_of(s));
            assert!(matches!(out, Cow::Borrowed(_)), "{s:?}");
            assert_eq!(done, Repaired::default());
        }
    }

    #[test]
    fn c1_controls_that_are_no_sequence_go() {
        // The `â` a sequence cut at the end of the text began stays.
        let s = "Ã©\u{85}x\u{e2}\u{80}";
        let (out, done) = repair(s, Mode::Strict);
        assert_eq!(out, "éxâ");
        assert_eq!(done, Repaired { chars: 1, controls: 2 });
        // A control between a lead and what completes it goes, and the rest is read.
        // (`F0 81` is no start of a sequence; `F0 9F 98 80` is an emoji.)
        assert_eq!(repair("ð\u{81}Ÿ˜€", Mode::Strict).0, "😀");
    }

    #[test]
    fn a_second_repair_changes_nothing() {
        for s in [
            "you\u{e2}\u{20ac}\u{2122}re",
            "Ã\u{83}\u{83}\u{83}\u{83}x",
            "ÃƒÂ©tÃƒÂ©",
            "à\u{81}©©",
            "Â«ÐŸÑ€Ð¸Ð²ÐµÑ‚ Ð¸",
            "Ð¸ Ã©",
            "\u{e2}\u{80}\u{e2}\u{80}\u{99}",
        ] {
            let once = fixed(s);
            assert_eq!(fixed(&once), once, "{s:?}");
        }
    }

    #[test]
    fn a_chain_of_repairs_is_linear() {
        // Each repair yields a lead the next continuation completes again.
        let s = format!("Ã{}", "\u{83}".repeat(200_000));
        let (out, done) = repair(&s, Mode::Strict);
        assert_eq!(out, "Ã");
        assert_eq!(done.chars, 200_000);
        // Each repair yields a continuation of the lead before it, back to the first.
        let s = format!("{}©", "Â".repeat(200_000));
        let (out, done) = repair(&s, Mode::Strict);
        assert_eq!(out, "©");
        assert_eq!(done.chars, 200_000);
    }

    #[test]
    fn runs_of_ascii_go_out_as_pushing_each_char_would_leave_them() {
        // The pass as it was, one char at a time.
        let one_by_one = |s: &str, mode: Mode| {
            let mut r = Repairer { out: String::new(), mode, done: Repaired::default() };
            s.chars().for_each(|c| r.push(c));
            r.finish();
            (r.out, r.done)
        };
        let palette = [
            "a", " ", "<p>", "\n", "Ã", "©", "â", "€", "™", "\u{85}", "\u{9d}", "\u{80}", "Ð", "¸", "é", "’",
            "Â", "\u{a0}", "ðŸ", "˜€", "Ä", "…", "x.", "文",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..5000 {
            let mut s = String::new();
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            for _ in 0..(seed >> 59) + 1 {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                s.push_str(palette[(seed >> 33) as usize % palette.len()]);
            }
            for mode in [Mode::Strict, Mode::Loose] {
                let (out, done) = repair_from(&s, 0, mode);
                assert_eq!((out, done), one_by_one(&s, mode), "{s:?} {mode:?}");
            }
        }
    }
}
