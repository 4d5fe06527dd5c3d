//! Folds text for phrase matching: lowercase (Unicode), typographic apostrophes and quotes to
//! ASCII, runs of whitespace to one space, trimmed. Phrases and blocks are folded the same
//! way, so `Don’t` matches `don't` and `LEAVE  A REPLY` matches `Leave a Reply`.

/// The folded form of `s`.
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        match c {
            '’' | '‘' | '`' | '´' | 'ʼ' => out.push('\''),
            '“' | '”' | '„' | '«' | '»' => out.push('"'),
            '…' => out.push_str("..."),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folds_case_quotes_and_space() {
        assert_eq!(fold("  LEAVE  a\tReply "), "leave a reply");
        assert_eq!(fold("Don’t „Stop“"), "don't \"stop\"");
        assert_eq!(fold("Оставить Комментарий"), "оставить комментарий");
        assert_eq!(fold("Wird geladen …"), "wird geladen ...");
    }
}
