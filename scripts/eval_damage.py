"""Damages clean text the ways scrapers and machine translation damage it, cleans the damaged
text, and compares it with the clean text cleaned as it is (see eval-damage)."""

import collections
import gzip
import html
import json
import pathlib
import random
import re
import shutil
import subprocess
import sys

WORD = re.compile(r"\w+", re.UNICODE)
LEAKS = ["<p", "</", "/>", "class=", "_ngcontent", "&amp;", "&nbsp;", "&#", "<!--", "<a ", "<br", "< p", "< /"]
QUOTES = "\"“„«‘"


def words(text):
    return collections.Counter(w.lower() for w in WORD.findall(text))


def paragraphs(text):
    return [p for p in re.split(r"\n\s*\n", text) if p.strip()]


def breaks(text):
    """Where the paragraph breaks of `text` fall, as offsets in its words joined by spaces."""
    at, out = 0, set()
    for p in paragraphs(text):
        at += len(" ".join(p.split())) + 1
        out.add(at)
    out.discard(at)
    return out


def each(text, make, sep="\n"):
    """The paragraphs of `text`, each made into markup by `make`, joined by `sep`."""
    return sep.join(make(p) for p in paragraphs(text))


def wrap_words(rng, para, share=0.08):
    """Inline markup around whole words: links, emphasis, strong. Links only in paragraphs of
    eight words or more: a paragraph mostly of links is a menu, which the cleaner drops."""
    out = []
    long = len(para.split()) >= 8
    for w in para.split(" "):
        r = rng.random()
        if w and long and r < share / 3:
            w = f'<a href="https://example.com/{rng.randrange(999)}">{w}</a>'
        elif w and r < 2 * share / 3:
            w = f"<strong>{w}</strong>"
        elif w and r < share:
            w = f"<em>{w}</em>"
        out.append(w)
    return " ".join(out)


def lines_br(para):
    return "<br>\n".join(para.split("\n"))


def tags(rng, text):
    """Complete markup: paragraphs in `<p>`, line breaks as `<br>`, inline links and emphasis,
    WordPress block comments between paragraphs."""
    return each(text, lambda p: f"<!-- wp:paragraph -->\n<p>{wrap_words(rng, lines_br(p))}</p>\n<!-- /wp:paragraph -->", "\n\n")


def angular(rng, text):
    """Angular's attributes on every tag and its `<!---->` anchors between them."""
    return each(text, lambda p: f'<p _ngcontent-sc{rng.randrange(10, 200)}="" class="article-text">{lines_br(p)}</p><!---->')


def broken_open(rng, text):
    """A tag whose `>` is gone, the prose right after it (some paragraphs)."""
    heads = [
        "<p _ngcontent-sc90 class= ",
        '<p class="article__paragraph" ',
        '<div data-component="text-block" ',
        "<p ",
        '<span style="font-weight: 400;" ',
    ]
    out = []
    for p in paragraphs(text):
        if rng.random() < 0.3:
            out.append(rng.choice(heads) + p + "</p>")
        else:
            out.append(f"<p>{p}</p>")
    return "\n".join(out)


def entities(rng, text):
    """References in place of characters: the markup-significant ones always, others often."""
    named = {"’": "&rsquo;", "‘": "&lsquo;", "“": "&ldquo;", "”": "&rdquo;", "—": "&mdash;", "–": "&ndash;",
             "é": "&eacute;", "ü": "&uuml;", "ö": "&ouml;", "ä": "&auml;", "ß": "&szlig;", "…": "&hellip;",
             "©": "&copy;", "€": "&euro;", "à": "&agrave;", "ç": "&ccedil;"}
    out = []
    for i, c in enumerate(text):
        # Text decoded twice (`â€™`) is repaired as a whole: references in the middle of it
        # would make it something else.
        mojibake = "\x80" <= text[i + 1 : i + 2] <= "\x9f" or "\x80" <= text[i - 1 : i] <= "\x9f"
        if mojibake:
            out.append(c)
        elif c == "&":
            out.append("&amp;")
        elif c == "<":
            out.append("&lt;")
        elif c == ">":
            out.append("&gt;")
        elif c == '"':
            out.append("&quot;" if rng.random() < 0.5 else "&#34;")
        elif c == "'":
            out.append("&#39;" if rng.random() < 0.5 else "&#x27;")
        elif c in named and rng.random() < 0.7:
            out.append(named[c])
        elif ord(c) > 127 and c.isalpha() and rng.random() < 0.3:
            out.append(f"&#{ord(c)};" if rng.random() < 0.5 else f"&#x{ord(c):x};")
        else:
            out.append(c)
    return "\n".join(f"<p>{lines_br(p)}</p>" for p in paragraphs("".join(out)))


def double_escaped(rng, text):
    """References escaped once more (`&amp;quot;`), as text taken from an attribute or a feed."""
    out = []
    for c in text:
        if c in "\"'’“”" and rng.random() < 0.7:
            out.append("&amp;" + html.escape(c, quote=True).lstrip("&") if c in "\"'" else f"&amp;#{ord(c)};")
        elif c == "&":
            out.append("&amp;amp;")
        else:
            out.append(c)
    return "".join(out)


def spaced(rng, text):
    """Machine translation's spaced tags: `< p class = "x" >`, `< / p >`."""
    return each(text, lambda p: f'< p class = "text" >{p}< / p >')


def pretty(rng, text):
    """A fragment as an editor prints it: nested wrappers, indentation, tags on their own lines."""
    out = ['<div class="entry-content">', '  <div class="row">']
    for p in paragraphs(text):
        out.append(f"    <p>\n      {lines_br(p)}\n    </p>")
    out += ["  </div>", "</div>"]
    return "\n".join(out)


def quote_open(rng, text):
    """A broken tag right before a paragraph that opens with a quotation mark."""
    return each(text, lambda p: "<p class= " + p if p.lstrip()[:1] in QUOTES else f"<p>{p}</p>")


def pasted(rng, text):
    """Text pasted from a word processor: every run in a styled `<span>`, every paragraph with
    its own style, non-breaking spaces after some stops."""
    out = []
    for p in paragraphs(text):
        runs = re.split(r"(?<=[.!?]) ", lines_br(p))
        spans = "".join(
            f'<span style="font-weight: 400;">{r}{" " if i + 1 < len(runs) else ""}</span>' for i, r in enumerate(runs)
        )
        out.append(f'<p dir="ltr" style="line-height: 1.38; margin-top: 0pt; margin-bottom: 0pt;">{spans}</p>')
    return "\n".join(out)


def old_html(rng, text):
    """Markup of an older era: upper-case names, attributes on lines of their own, `<P>`
    never closed, images between sentences (their alt text is no article text)."""
    out = []
    for p in paragraphs(text):
        p = p.replace("\n", "<BR>\n")
        if rng.random() < 0.3:
            p = re.sub(r"(?<=[.!?]) ", lambda m: ' <IMG SRC="/i/photo.jpg"\n  ALT="A photo" WIDTH=300> ', p, count=1)
        out.append(f'<P\n  CLASS="body"\n  ALIGN="left">{p}')
    return "\n".join(out)


def cut_head(rng, text):
    """A text cut out of HTML at any byte: it starts inside a tag (its name, a class, an id
    or an image's address), and some paragraphs after it do too."""
    heads = [
        '<p class="article-body__text" data-track="para-1">',
        '<div id="content-main" class="entry-content clearfix">',
        '<img src="/uploads/2024/03/photo-1024x683.jpg" width="1024" height="683" />',
        '<a href="https://example.com/2024/03/story-title/" rel="noopener">',
    ]
    out = []
    for i, p in enumerate(paragraphs(text)):
        if i == 0 or rng.random() < 0.1:
            head = rng.choice(heads)
            out.append(head[rng.randrange(1, len(head) - 1) :] + p + "</p>")
        else:
            out.append(f"<p>{p}</p>")
    return "\n".join(out)


def lost_ends(rng, text):
    """Inline markup whose end tags a scraper lost: some `</a>`, `</strong>`, `</em>` gone."""

    def lose(p):
        p = wrap_words(rng, lines_br(p), share=0.15)
        return re.sub(r"</(a|strong|em)>", lambda m: "" if rng.random() < 0.4 else m.group(0), p)

    return each(text, lambda p: f"<p>{lose(p)}</p>", "\n")


def crlf(rng, text):
    """Complete tags and Windows line ends, a carriage return before every line feed."""
    return tags(rng, text).replace("\n", "\r\n")


def spaced_refs(rng, text):
    """References as machine translation spaces them (`& nbsp;`, `&#8217 ;`, `& amp;`)."""
    out = []
    for c in text:
        if c == "’" and rng.random() < 0.7:
            out.append("&#8217 ;")
        elif c == "&":
            out.append("& amp;")
        elif c == " " and rng.random() < 0.03:
            out.append("& nbsp;")
        else:
            out.append(c)
    return each("".join(out), lambda p: f"<p>{lines_br(p)}</p>", "\n")


def alt_title(rng, text):
    """The title repeated as the tail of a cut image tag's alt text right under it, as a
    scraper leaves a lead image (`Title“ /></p>`), the rest in paragraphs."""
    paras = paragraphs(text)
    if not paras:
        return text
    head, rest = paras[0], paras[1:]
    quote = rng.choice(["“", '"', "”"])
    tail = f"{head}{quote} /></p>" if len(head.split()) <= 20 and "\n" not in head else ""
    return "\n".join([head, tail, *(f"<p>{p}</p>" for p in rest)])


def glued(rng, text):
    """Paragraphs run together, as a scraper that dropped the markup between them leaves
    them (`…the end.Next paragraph`)."""
    return "".join(" ".join(p.split("\n")) for p in paragraphs(text))


def mixed(rng, text):
    """Each paragraph damaged its own way, as one scraped article mixes them: complete tags,
    Angular's, a cut `>`, references, spaced tags, a word processor's spans, old HTML, end
    tags lost; joined by one line break or two."""
    kinds = [tags, angular, broken_open, entities, spaced, quote_open, pasted, old_html, lost_ends]
    out = []
    for p in paragraphs(text):
        out.append(rng.choice(kinds)(rng, p))
        out.append("\n" if rng.random() < 0.5 else "\n\n")
    return "".join(out)


KINDS = {
    "complete tags": tags,
    "angular": angular,
    "broken open tag": broken_open,
    "entities": entities,
    "double-escaped": double_escaped,
    "spaced tags (MT)": spaced,
    "indented fragment": pretty,
    "quote after cut tag": quote_open,
    "word-processor paste": pasted,
    "old HTML": old_html,
    "starts inside a tag": cut_head,
    "lost end tags": lost_ends,
    "CRLF line ends": crlf,
    "spaced references (MT)": spaced_refs,
    "alt text repeats the title": alt_title,
    "glued paragraphs": glued,
    "mixed": mixed,
}


def clean_dir(binary, d):
    subprocess.run([binary, "-q", str(d)], check=False, capture_output=True)


def main():
    binary, work = sys.argv[1], pathlib.Path(sys.argv[2])
    show = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    texts = {}
    truth = pathlib.Path("../shared/corpus/wcxb/truth.jsonl.gz")
    if truth.exists():
        with gzip.open(truth, "rt", encoding="utf-8") as f:
            for r in map(json.loads, f):
                if r["main_content"].strip():
                    texts[f"wcxb-{r['id']}"] = r["main_content"]
    for d in [pathlib.Path("tests/data/seeds/expected"), pathlib.Path("tests/data/golden/expected")]:
        for p in sorted(d.glob("*.clean.txt")):
            texts[p.name.removesuffix(".clean.txt")] = p.read_text(encoding="utf-8")
    # newspaper4k's expected article texts (Arabic, Burmese, Chinese, Japanese, Korean, Thai,
    # Latvian, Spanish, English …), when scripts/eval-pages has fetched them.
    for p in sorted(pathlib.Path("target/newspaper4k-0.9.6/tests/data/txt").glob("*.txt")):
        texts[f"news-{p.stem}"] = p.read_text(encoding="utf-8")
    if work.exists():
        shutil.rmtree(work)
    kinds = {"clean": lambda rng, t: t, **KINDS}
    for k, (kind, fn) in enumerate(kinds.items()):
        d = work / str(k)
        d.mkdir(parents=True)
        for name, text in texts.items():
            rng = random.Random(f"{kind}/{name}")
            (d / f"{name}.txt").write_text(fn(rng, text), encoding="utf-8")
    for k in range(len(kinds)):
        clean_dir(binary, work / str(k))

    def out(k, name):
        p = work / str(k) / f"{name}.clean.txt"
        return p.read_text(encoding="utf-8") if p.exists() else ""

    base = {name: out(0, name) for name in texts}
    total = sum(sum(words(t).values()) for t in base.values())
    print(f"{len(texts)} clean texts, {total} words (the clean text cleaned as it is is the truth)")
    print(f"{'damage':<22} {'lost':>7} {'added':>7} {'same':>7} {'leaks':>6} {'joined':>7} {'split':>7}")
    for k, kind in enumerate(kinds):
        if k == 0:
            continue
        lost = added = same = leaks = 0
        # Paragraph breaks, over the texts whose words came out the same: the truth's breaks
        # run together (joined) and breaks the truth does not have (split).
        truth_breaks = joined = split = 0
        worst = []
        for name in texts:
            got, want = out(k, name), base[name]
            a, b = words(want), words(got)
            l, ad = sum((a - b).values()), sum((b - a).values())
            lost += l
            added += ad
            ok = " ".join(got.split()) == " ".join(want.split())
            same += ok
            if ok:
                tb, gb = breaks(want), breaks(got)
                truth_breaks += len(tb)
                joined += len(tb - gb)
                split += len(gb - tb)
            leak = sum(max(0, got.count(t) - want.count(t)) for t in LEAKS)
            leaks += leak
            if not ok:
                worst.append((l + ad + 10 * leak, name, l, ad, leak))
        joins, splits = joined / max(1, truth_breaks), split / max(1, truth_breaks)
        print(f"{kind:<22} {lost/total:>7.3%} {added/total:>7.3%} {same/len(texts):>7.1%} {leaks:>6} {joins:>7.2%} {splits:>7.2%}")
        for _, name, l, ad, leak in sorted(worst, reverse=True)[:show]:
            print(f"    {name}: lost {l}, added {ad}, leaks {leak}")


if __name__ == "__main__":
    main()
