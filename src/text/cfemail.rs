//! Reads the e-mail addresses Cloudflare's "email address obfuscation" hides in a page: the
//! address, XORed with a key byte and written in hex, in a `data-cfemail` attribute or after
//! `/cdn-cgi/l/email-protection#` in a link, with `[email protected]` shown in its place until
//! a script puts it back. A page saved or crawled without running scripts keeps the
//! placeholder; both paths put the address back where the placeholder stands.

/// The path of Cloudflare's protected `mailto:` links; the code follows its `#`.
const PROTECTION: &str = "/cdn-cgi/l/email-protection#";

/// Hex digits of the longest code read (an address of 255 bytes and the key): an attribute
/// longer than that is no address.
const MAX_CODE: usize = 2 * 256;

/// The address a code holds: hex pairs, the first the key, each next one a byte of the address
/// XORed with it. `None` unless every pair is hex and the address is UTF-8 text of one `@`
/// between letters, digits and the punctuation addresses are written with: no space, no
/// control character, and nothing a cleaner reads as markup (`<`, `&`, `{`, `[` …), so the
/// address put in the text is text a second cleaning leaves as it is.
pub(crate) fn decode(code: &str) -> Option<String> {
    let code = code.trim().as_bytes();
    if code.len() < 4 || code.len() % 2 != 0 || code.len() > MAX_CODE {
        return None;
    }
    let mut pairs = code.chunks_exact(2).map(|p| Some(hex(*p.first()?)? << 4 | hex(*p.get(1)?)?));
    let key = pairs.next()??;
    let bytes = pairs.map(|b| b.map(|b| b ^ key)).collect::<Option<Vec<u8>>>()?;
    let address = String::from_utf8(bytes).ok()?;
    let (local, domain) = address.split_once('@')?;
    let plain = |part: &str| {
        !part.is_empty() && part.chars().all(|c| c.is_alphanumeric() || ".-_+%!#$*/=?^|~".contains(c))
    };
    (plain(local) && plain(domain)).then_some(address)
}

/// The address in a protected link's `href` (`/cdn-cgi/l/email-protection#…`), if it is one.
pub(crate) fn from_href(href: &str) -> Option<String> {
    let at = href.find(PROTECTION)?;
    decode(href.get(at + PROTECTION.len()..)?)
}

/// Whether `text` is the placeholder shown in an address's place: `[email protected]`, with a
/// space, a no-break space or a reference to one (`&#160;`, `&nbsp;`) between the words.
pub(crate) fn is_placeholder(text: &str) -> bool {
    let Some(rest) = text.trim().strip_prefix("[email") else { return false };
    let Some(gap) = rest.strip_suffix("protected]") else { return false };
    matches!(gap, " " | "\u{a0}" | "&#160;" | "&nbsp;" | "&#xa0;" | "&#xA0;")
}

fn hex(b: u8) -> Option<u8> {
    char::from(b).to_digit(16).and_then(|d| u8::try_from(d).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_an_attribute() {
        // `data-cfemail` as Cloudflare wrote it on a forum page.
        assert_eq!(
            decode("a6c8cac8c3d2e6d5c9c5cfc7ca88c8cac8c3d288c8ca").as_deref(),
            Some("nlnet@social.nlnet.nl")
        );
    }

    #[test]
    fn decodes_utf8_addresses() {
        let key = 0x5a_u8;
        let code: String = std::iter::once(key)
            .chain("jürgen@bücher.de".bytes().map(|b| b ^ key))
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(decode(&code).as_deref(), Some("jürgen@bücher.de"));
        assert_eq!(decode(&code.to_uppercase()).as_deref(), Some("jürgen@bücher.de"));
    }

    #[test]
    fn refuses_what_is_no_address() {
        for code in ["", "a6", "a6c", "zz00", "a6c8cac8", "a6a6", &"ab".repeat(300)] {
            assert_eq!(decode(code), None, "{code:?}");
        }
        // Markup, a reference or a template in the "address": a second cleaning would take it.
        let key = 0x21_u8;
        for hidden in ["<script>@x.org", "a&amp;b@x.org", "{{x}}@x.org", "a@b@c", "@x.org", "a b@x.org"] {
            let code: String = std::iter::once(key)
                .chain(hidden.bytes().map(|b| b ^ key))
                .map(|b| format!("{b:02x}"))
                .collect();
            assert_eq!(decode(&code), None, "{hidden:?}");
        }
    }

    #[test]
    fn reads_protected_links() {
        assert_eq!(
            from_href("/cdn-cgi/l/email-protection#a6c8cac8c3d2e6d5c9c5cfc7ca88c8cac8c3d288c8ca").as_deref(),
            Some("nlnet@social.nlnet.nl")
        );
        assert_eq!(from_href("/cdn-cgi/l/email-protection"), None);
        assert_eq!(from_href("https://example.com/#a6c8"), None);
    }

    #[test]
    fn knows_the_placeholder() {
        for p in [
            "[email protected]",
            "[email\u{a0}protected]",
            "[email&#160;protected]",
            " [email&nbsp;protected] ",
        ] {
            assert!(is_placeholder(p), "{p:?}");
        }
        for p in ["[email protected] now", "email protected", "[emailprotected]", "Contact us"] {
            assert!(!is_placeholder(p), "{p:?}");
        }
    }
}
