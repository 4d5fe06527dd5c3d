//! Provides [`set_aside_repeated_quotes`]: in a thread's posts, a quote of a post the page
//! already holds is set aside, so each post's text comes once.
//!
//! A reply quotes the post it answers: the quoted text is that post again, with the quoter's
//! attribution ("X said:") and an "expand" control around it. A quote whose text the page
//! does not hold otherwise (a post on an earlier page, a quoted article) is the reply's own
//! content and stays.

use std::collections::HashSet;

use crate::dom::mark::Mark;
use crate::dom::select::Index;
use crate::dom::tree::{Data, NodeId, Tree};

/// Words in a shingle: four words in the same order are the same text, not a common phrase.
const SHINGLE: usize = 4;

/// Marks as furniture each outermost `quotes` match inside `posts` when at least half of its
/// shingles occur in the posts' text outside every quote.
pub(crate) fn set_aside_repeated_quotes(
    tree: &Tree,
    marks: &mut [Mark],
    posts: &[NodeId],
    quotes: &Index,
    host: Option<&str>,
) {
    if quotes.len() == 0 {
        return;
    }
    let mut found: Vec<NodeId> = Vec::new();
    for &post in posts {
        for id in tree.descendants(post).filter(|&id| id != post) {
            let Some(e) = tree.element(id) else { continue };
            // In document order, a match inside an earlier one is inside the last one.
            if found.last().is_some_and(|&last| tree.is_within(id, last)) {
                continue;
            }
            if quotes.any(e, host) {
                found.push(id);
            }
        }
    }
    if found.is_empty() {
        return;
    }
    let mut is_quote = vec![false; tree.nodes.len()];
    for &q in &found {
        if let Some(slot) = is_quote.get_mut(q as usize) {
            *slot = true;
        }
    }
    let mut outside = HashSet::new();
    for &post in posts {
        shingles(tree, marks, post, &is_quote, |h| {
            outside.insert(h);
        });
    }
    for &quote in &found {
        let (mut all, mut seen) = (0usize, 0usize);
        shingles(tree, marks, quote, &[], |h| {
            all += 1;
            seen += usize::from(outside.contains(&h));
        });
        if all > 0 && seen * 2 >= all {
            if let Some(m) = marks.get_mut(quote as usize) {
                *m = Mark::Furniture;
            }
        }
    }
}

/// Calls `each` with the hash of every run of [`SHINGLE`] words (lower-cased) of the text
/// under `root` that is content, leaving out the subtrees of the nodes `skip` flags.
fn shingles(tree: &Tree, marks: &[Mark], root: NodeId, skip: &[bool], mut each: impl FnMut(u64)) {
    let mut window: [u64; SHINGLE] = [0; SHINGLE];
    let mut words = 0usize;
    let mut stack = vec![root];
    while let Some(id) = stack.pop() {
        let Some(node) = tree.node(id) else { continue };
        let skipped = skip.get(id as usize).copied().unwrap_or(false);
        if id != root && (skipped || marks.get(id as usize).is_some_and(|m| *m != Mark::Content)) {
            continue;
        }
        match &node.data {
            Data::Text(t) => {
                for w in t.split_whitespace() {
                    window.rotate_left(1);
                    window[SHINGLE - 1] = word_hash(w);
                    words += 1;
                    if words >= SHINGLE {
                        each(window.iter().fold(0xcbf2_9ce4_8422_2325, |h, &w| mix(h ^ w)));
                    }
                }
            }
            _ => {
                let first = stack.len();
                stack.extend(tree.children(id));
                if let Some(added) = stack.get_mut(first..) {
                    added.reverse();
                }
            }
        }
    }
}

/// FNV-1a over the word's lower-cased characters.
fn word_hash(w: &str) -> u64 {
    w.chars()
        .flat_map(char::to_lowercase)
        .fold(0xcbf2_9ce4_8422_2325, |h, c| (h ^ c as u64).wrapping_mul(0x100_0000_01b3))
}

fn mix(h: u64) -> u64 {
    (h ^ (h >> 29)).wrapping_mul(0xbf58_476d_1ce4_e5b9)
}

#[cfg(test)]
mod tests {
    use crate::Cleaner;

    fn thread(posts: &[&str]) -> String {
        let posts: String = posts
            .iter()
            .map(|p| format!("<article class=message><div class=user>Member</div><div class=message-body>{p}</div></article>"))
            .collect();
        format!(
            "<!DOCTYPE html><html><body><h1>Car rental or car rent?</h1><div class=thread>{posts}</div><aside>Similar threads</aside></body></html>"
        )
    }

    const FIRST: &str = "Hello, I am writing an English course for car rental companies and I need a name for it. Should it be Car rental English or English for car rental?";
    const REPLY: &str = "I would rather call it an English course in car rental, which sounds natural to me.";

    #[test]
    fn a_quote_of_a_post_on_the_page_goes_and_a_quote_of_anything_else_stays() {
        let c = Cleaner::builder().build().unwrap();
        let quoted = format!(
            "<blockquote class=\"bbCodeBlock bbCodeBlock--quote\"><div>Tomas said:</div><div>{FIRST}</div><div>Click to expand...</div></blockquote>{REPLY}"
        );
        let out = c.clean(&thread(&[&format!("<p>{FIRST}</p>"), &quoted])).text;
        assert_eq!(out.matches("Should it be Car rental English").count(), 1, "{out}");
        assert!(out.contains("sounds natural to me") && !out.contains("Click to expand"), "{out}");
        assert!(!out.contains("Member") && !out.contains("Similar threads"), "{out}");
        // The quoted post is not on this page: the quote is the reply's content.
        let elsewhere =
            format!("<blockquote>The name should say who the course is for, then what.</blockquote>{REPLY}");
        let out = c.clean(&thread(&[&format!("<p>{FIRST}</p>"), &elsewhere])).text;
        assert!(out.contains("who the course is for"), "{out}");
    }

    #[test]
    fn phpbb_vbulletin_and_fluxbb_threads_lose_their_author_cards_and_code_box_labels() {
        let c = Cleaner::builder().build().unwrap();
        // phpBB (prosilver), a thread of several posts: read post by post (`post_content…`),
        // each with its title and date line, without the card beside it; the label over a
        // code box goes, the code stays.
        let post = |id: u32, who: &str, text: &str| {
            format!(
                "<div class=\"post bg2\" id=\"p{id}\"><div class=inner><dl class=postprofile id=profile{id}><dt><a class=username>{who}</a></dt><dd class=profile-rank>Posting Freak</dd><dd class=profile-posts><strong>Posts:</strong> <a>9179</a></dd><dd class=profile-joined><strong>Joined:</strong> Wed Feb 04, 2015 6:38 pm</dd><dd class=\"profile-custom-field profile-phpbb_location\"><strong>Location:</strong> Leeds</dd></dl><div class=postbody><div id=post_content{id}><h3><a>Re: Turning the lights off</a></h3><p class=author><a>Wed Dec 27, 2023 10:00 am</a></p><div class=content>{text}</div></div></div></div></div>"
            )
        };
        let code = "This works on the newer board to turn off both lights, as far as I can tell from a week of use:<div class=codebox><p>Code: <a href=\"#\">Select all</a></p><pre><code>dtparam=pwr_led_trigger=none</code></pre></div>";
        let gone = ["Posts:", "9179", "Joined:", "Posting Freak", "Leeds", "Select all", "Personal Finance"];
        let html = format!(
            "<!DOCTYPE html><html><body><div id=page-body>{}{}{}</div></body></html>",
            post(1, "b.scherer", FIRST),
            post(2, "jahboater", code),
            post(3, "bensimmo", REPLY)
        );
        let out = c.clean(&html).text;
        assert!(out.contains("dtparam=pwr_led_trigger=none") && out.contains("Should it be"), "{out}");
        assert!(out.contains("Re: Turning the lights off") && out.contains("sounds natural to me"), "{out}");
        assert!(!out.contains("b.scherer"), "{out}");
        for gone in gone {
            assert!(!out.contains(gone), "{gone}: {out}");
        }
        // A post as a fragment of HTML (what a scraper kept of a thread: the article already,
        // nothing is chosen): the card keeps its name and loses its counters, and the jump
        // box under it, a menu of the forum's boards, goes.
        let jump = "<div class=\"jumpbox dropdown-container\" id=jumpbox><ul><li><a>US Investors</a></li><li><a>Personal Finance (Not Investing)</a></li><li><a>Local Chapters and Bogleheads Community</a></li></ul></div>";
        let html = format!("{}{jump}", post(1, "b.scherer", &format!("{FIRST} {code}")));
        let out = Cleaner::builder().input(crate::Input::Html).build().unwrap().clean(&html).text;
        assert!(out.contains("b.scherer") && out.contains("dtparam=pwr_led_trigger=none"), "{out}");
        for gone in gone {
            assert!(!out.contains(gone), "{gone}: {out}");
        }
        // vBulletin 3: each post's message, by its id, without the card's lines around it.
        // FluxBB: the same with the card (`postleft`) beside the message (`postmsg`).
        let vbulletin = |id: u32, text: &str| {
            format!(
                "<table class=tborder id=post{id}><tr><td class=alt2><div class=smallfont>Registered User</div><div class=smallfont><div>Join Date: Mar 2016</div><div>Posts: 701</div></div></td><td class=alt1 id=td_post_{id}><div id=post_message_{id}>{text}</div></td></tr></table>"
            )
        };
        let fluxbb = |id: u32, text: &str| {
            format!(
                "<div id=p{id} class=blockpost><h2><span>2025-11-01 15:14:37</span></h2><div class=postbody><div class=postleft><dl><dt><strong>chunix64</strong></dt><dd class=usertitle><strong>Member</strong></dd><dd><span>Registered: 2025-11-01</span></dd></dl></div><div class=postright><div class=postmsg><p>{text}</p></div></div></div></div>"
            )
        };
        type Post<'a> = &'a dyn Fn(u32, &str) -> String;
        let threads: [(Post<'_>, &[&str]); 2] = [
            (&vbulletin, &["Registered User", "Join Date", "Posts: 701"]),
            (&fluxbb, &["Registered:", "Member"]),
        ];
        for (post, gone) in threads {
            let posts: String =
                [FIRST, REPLY, code].iter().zip(2017066..).map(|(t, id)| post(id, t)).collect();
            let out = c
                .clean(&format!("<!DOCTYPE html><html><body><div id=posts>{posts}</div></body></html>"))
                .text;
            assert!(out.contains("Should it be") && out.contains("sounds natural to me"), "{out}");
            for gone in gone {
                assert!(!out.contains(gone), "{gone}: {out}");
            }
        }
    }

    #[test]
    fn a_lemmy_post_and_its_comments_are_the_thread_and_the_community_sidebar_is_not() {
        let c = Cleaner::builder().build().unwrap();
        // Lemmy: the post's body, then each comment's, all `md-div`, the comments in a list
        // of `comment` items under the post; the community's description in the sidebar is
        // one too.
        let comment = |who: &str, text: &str| {
            format!(
                "<li class=\"comment list-unstyled\"><article class=\"details comment-node\"><div><a class=person-listing>{who}</a><span class=moment-time>1 year ago</span></div><div class=comment-content><div class=md-div><p>{text}</p></div></div><div class=comment-bottom-btns></div></article></li>"
            )
        };
        let html = format!(
            "<!DOCTYPE html><html><body><nav><a>Communities</a><a>Create</a></nav><main><div class=row><div class=col-md-8><h1>Car rental or car rent?</h1><article class=card id=postContent><div class=md-div><p>{FIRST}</p><p>{FIRST}</p></div></article><ul class=comments>{}{}</ul></div><aside class=col-md-4><div class=card><h5>Announcements</h5><div class=md-div><p>Official announcements from the project. Subscribe to keep up with what changes, release by release, and why.</p></div></div></aside></div></main></body></html>",
            comment("db0", REPLY),
            comment(
                "Corgana",
                "Really sad, but I think we all saw it coming to an end after the last release."
            )
        );
        let out = c.clean(&html).text;
        assert!(out.contains("Should it be") && out.contains("sounds natural to me"), "{out}");
        assert!(out.contains("saw it coming"), "{out}");
        assert!(!out.contains("Official announcements") && !out.contains("1 year ago"), "{out}");
    }

    #[test]
    fn replies_listed_as_comments_are_posts_when_the_opening_post_is_one() {
        let c = Cleaner::builder().build().unwrap();
        // Vanilla: the discussion's post, then the replies in a list named `Comments`.
        let reply = |who: &str, text: &str| {
            format!(
                "<li class=\"Item ItemComment\"><span class=Author>{who}</span><div class=\"Message userContent\"><p>{text}</p></div></li>"
            )
        };
        let html = format!(
            "<!DOCTYPE html><html><body><div class=Discussion><div class=\"Message userContent\"><p>{FIRST} {FIRST}</p></div></div><ul class=Comments>{}{}</ul></body></html>",
            reply("K17", REPLY),
            reply(
                "mcrouse",
                "Really sad, but I think we all saw it coming to an end after the last release."
            )
        );
        let out = c.clean(&html).text;
        assert!(out.contains("Should it be") && out.contains("sounds natural to me"), "{out}");
        assert!(out.contains("saw it coming"), "{out}");
        // An article whose comment section marks its comments the same way: the article is
        // the page, and the comments stay out however long they are.
        let comments: String = (0..6).map(|_| reply("reader", FIRST)).collect();
        let html = format!(
            "<!DOCTYPE html><html><body><article><h1>Car rental English</h1><p>{REPLY} {REPLY}</p><p>{REPLY}</p></article><section class=comments><ul class=Comments>{comments}</ul></section></body></html>"
        );
        let out = c.clean(&html).text;
        assert!(out.contains("sounds natural to me") && !out.contains("Should it be"), "{out}");
    }
}
