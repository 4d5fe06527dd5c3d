"""Scores whole-page extraction, descrape beside its peers, in one run (see eval-pages).

Corpora: readability/ (truth: the text of expected.html) and wcxb/ (truth: main_content,
with its `with`/`without` snippets and page types). Metric: WCXB's word F1 (lower-cased \\w+
tokens, multiset overlap, per page, then the mean). Speed: MB/s on one core over pages held
in memory (descrape in-process through the library: examples/page_speed.rs).

With --news, also newspaper4k's test pages (news articles in a dozen languages and scripts,
each with the article text its authors expect): word F1 with each letter of a script written
without spaces (Chinese, Japanese, Thai, Burmese) a word of its own. Not timed.
"""

import argparse
import collections
import gzip
import json
import pathlib
import re
import subprocess
import sys
import tempfile
import time

WORD = re.compile(r"\w+")
SPACE = re.compile(r"\s+")


def words(text):
    return collections.Counter(WORD.findall(text.lower()))


def prf(got, want, tokens=None):
    g, w = (tokens or words)(got), (tokens or words)(want)
    if not w:
        return (1.0, 1.0, 1.0) if not g else (0.0, 0.0, 0.0)
    if not g:
        return (0.0, 0.0, 0.0)
    common = sum((g & w).values())
    p, r = common / sum(g.values()), common / sum(w.values())
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def unspaced(c):
    """A letter of a script written without spaces between words."""
    o = ord(c)
    return 0x0E00 <= o <= 0x0EFF or 0x1000 <= o <= 0x109F or 0x3040 <= o <= 0x30FF or 0x3400 <= o <= 0x9FFF


def letter_words(text):
    """Words, with each letter of a script written without spaces a word of its own."""
    out = collections.Counter()
    for w in WORD.findall(text.lower()):
        if any(unspaced(c) for c in w):
            out.update(w)
        else:
            out[w] += 1
    return out


def load_news(data):
    """newspaper4k's test pages that have an expected text: tests/data/html/X.html, txt/X.txt."""
    pages = []
    for txt in sorted((data / "txt").glob("*.txt")):
        html = data / "html" / f"{txt.stem}.html"
        if html.exists():
            pages.append({"set": "news", "id": txt.stem, "type": "news", "html": html.read_bytes(),
                          "truth": txt.read_text("utf-8"), "with": [], "without": []})
    return pages


def norm(text):
    return SPACE.sub(" ", text.lower()).strip()


def html_text(html):
    """The text of an HTML fragment (bytes are UTF-8: lxml would read them as Latin-1)."""
    import lxml.html

    if isinstance(html, bytes):
        html = html.decode("utf-8", "replace")
    if not html.strip():
        return ""
    doc = lxml.html.fromstring(html)
    for bad in doc.xpath("//script|//style"):
        bad.drop_tree()
    return "\n".join(t.strip() for t in doc.itertext() if t.strip())


def load(readability, wcxb):
    pages = []
    for case in sorted(p for p in readability.iterdir() if (p / "source.html").exists()):
        pages.append({"set": "readability", "id": case.name, "type": "readability",
                      "html": (case / "source.html").read_bytes(),
                      "truth": html_text((case / "expected.html").read_bytes()),
                      "with": [], "without": []})
    for line in gzip.open(wcxb / "truth.jsonl.gz", "rt", encoding="utf-8"):
        t = json.loads(line)
        pages.append({"set": "wcxb", "id": t["id"], "type": t["type"],
                      "html": gzip.open(wcxb / "html" / f"{t['id']}.html.gz").read(),
                      "truth": t["main_content"], "with": t.get("with") or [],
                      "without": t.get("without") or []})
    return pages


def as_str(b):
    return b.decode("utf-8", "replace")


def peers():
    """Each peer: name -> function(html bytes) -> text. Missing packages are left out."""
    tools = {}
    try:
        import trafilatura

        tools["trafilatura"] = lambda h: trafilatura.extract(h) or ""
        tools["trafilatura (precision)"] = lambda h: trafilatura.extract(h, favor_precision=True) or ""
    except ImportError as e:
        print(f"(trafilatura not installed: {e})", file=sys.stderr)
    try:
        import rs_trafilatura

        tools["rs-trafilatura"] = lambda h: rs_trafilatura.extract(as_str(h)).main_content or ""
    except ImportError as e:
        print(f"(rs-trafilatura not installed: {e})", file=sys.stderr)
    try:
        from readability import Document

        tools["readability-lxml"] = lambda h: html_text(Document(as_str(h)).summary()) if h.strip() else ""
    except ImportError as e:
        print(f"(readability-lxml not installed: {e})", file=sys.stderr)
    try:
        from resiliparse.extract.html2text import extract_plain_text

        tools["resiliparse"] = lambda h: extract_plain_text(as_str(h), main_content=True)
    except ImportError as e:
        print(f"(resiliparse not installed: {e})", file=sys.stderr)
    return tools


def run_peer(fn, pages):
    outs, start = [], time.perf_counter()
    for p in pages:
        try:
            outs.append(fn(p["html"]) or "")
        except Exception:  # a peer failing on a page scores 0 there
            outs.append("")
    return outs, time.perf_counter() - start


def run_descrape(binary, speed, pages):
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        files = []
        for i, p in enumerate(pages):
            f = tmp / f"{i:05}.html"
            f.write_bytes(p["html"])
            files.append(f)
        subprocess.run([binary, "-q", str(tmp)], check=False)
        outs = [(tmp / f"{i:05}.clean.txt").read_text("utf-8") if (tmp / f"{i:05}.clean.txt").exists() else ""
                for i in range(len(pages))]
        timing = json.loads(subprocess.run([speed, *map(str, files)], capture_output=True, check=True).stdout)
    return outs, timing["seconds"]


def snippet_rates(page, out):
    text = norm(out)
    kept = sum(norm(s) in text for s in page["with"])
    leaked = sum(norm(s) in text for s in page["without"])
    return kept, len(page["with"]), leaked, len(page["without"])


def kind_of_failure(p, r, out, truth):
    if not truth.strip():
        return "no main content (truth empty), but something was kept"
    if len(out.split()) < 20:
        return "empty: nothing found (a page built by script, or every candidate dropped)"
    if r < 0.5 and p >= 0.5:
        return "too little: the wrong container, or content taken for furniture"
    if p < 0.5 and r >= 0.5:
        return "too much: furniture, comments or listings kept"
    return "wrong part of the page"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("speed")
    ap.add_argument("--readability", type=pathlib.Path, required=True)
    ap.add_argument("--wcxb", type=pathlib.Path, required=True)
    ap.add_argument("--only", help="comma-separated tool names (descrape always runs)")
    ap.add_argument("--news", type=pathlib.Path, help="newspaper4k's tests/data directory")
    args = ap.parse_args()
    news = load_news(args.news) if args.news else []

    pages = load(args.readability, args.wcxb)
    mb = {s: sum(len(p["html"]) for p in pages if p["set"] == s) / 1e6 for s in ("readability", "wcxb")}
    total_mb = sum(mb.values())
    tools = {"descrape": None, **peers()}
    if args.only:
        keep = set(args.only.split(","))
        tools = {k: v for k, v in tools.items() if k == "descrape" or k in keep}

    results = {}
    for name, fn in tools.items():
        print(f"running {name} on {len(pages)} pages ({total_mb:.0f} MB)...", file=sys.stderr, flush=True)
        outs, secs = run_descrape(args.binary, args.speed, pages) if fn is None else run_peer(fn, pages)
        news_outs = (run_descrape(args.binary, args.speed, news) if fn is None else run_peer(fn, news))[0] if news else []
        results[name] = (outs, secs, news_outs)

    types = ["article", "documentation", "service", "forum", "collection", "listing", "product"]
    print(f"\n{'tool':<24} {'readability F1':>14} {'WCXB P':>7} {'R':>6} {'F1':>6}  "
          + " ".join(f"{t[:6]:>6}" for t in types) + f" {'with':>6} {'w/out':>6} {'MB/s':>6}"
          + (f" {'news F1':>7}" if news else ""))
    worst = []
    all_scores = {}
    for name, (outs, secs, news_outs) in results.items():
        scores = [prf(o, p["truth"]) for o, p in zip(outs, pages)]
        all_scores[name] = scores
        rd = [s for s, p in zip(scores, pages) if p["set"] == "readability"]
        wc = [(s, p, o) for s, p, o in zip(scores, pages, outs) if p["set"] == "wcxb"]
        mean = lambda xs, i: sum(x[i] for x in xs) / max(1, len(xs))
        by_type = [mean([s for s, p, _ in wc if p["type"] == t], 2) for t in types]
        snip = [snippet_rates(p, o) for _, p, o in wc]
        kept = sum(s[0] for s in snip) / max(1, sum(s[1] for s in snip))
        leaked = sum(s[2] for s in snip) / max(1, sum(s[3] for s in snip))
        ws = [s for s, _, _ in wc]
        print(f"{name:<24} {mean(rd, 2):>14.3f} {mean(ws, 0):>7.3f} {mean(ws, 1):>6.3f} {mean(ws, 2):>6.3f}  "
              + " ".join(f"{v:>6.3f}" for v in by_type) + f" {kept:>6.1%} {leaked:>6.1%} {total_mb / secs:>6.1f}"
              + (f" {mean([prf(o, p['truth'], letter_words) for o, p in zip(news_outs, news)], 2):>7.3f}" if news else ""))
        if name == "descrape":
            worst = sorted(zip(scores, pages, outs), key=lambda x: x[0][2])[:15]
            news_scores = [(prf(o, p["truth"], letter_words), p) for o, p in zip(news_outs, news)]
    print("\nF1: word F1 per page, then the mean; with: share of `with` snippets kept; w/out: share of "
          "`without` snippets leaked (WCXB only); MB/s: one core, pages in memory, both sets"
          + ("; news F1: newspaper4k's test pages, a letter of Chinese, Japanese, Thai or Burmese a word." if news else "."))
    if news:
        print("\ndescrape on newspaper4k's test pages, worst first:")
        for (p, r, f), page in sorted(news_scores, key=lambda x: x[0][2])[:8]:
            print(f"  {page['id']:<24} P {p:.2f} R {r:.2f} F1 {f:.2f}")
    print("\ndescrape's 15 worst pages:")
    for (p, r, f), page, out in worst:
        print(f"  {page['set']:<11} {page['id']:<32} {page['type']:<13} P {p:.2f} R {r:.2f} F1 {f:.2f}  "
              f"{kind_of_failure(p, r, out, page['truth'])}")
    # Where a peer does better: the pages to read for a kind of page or damage descrape misses.
    peers_run = [n for n in all_scores if n != "descrape"]
    if peers_run:
        gaps = []
        for i, page in enumerate(pages):
            best = max(peers_run, key=lambda n: all_scores[n][i][2])
            gaps.append((all_scores[best][i][2] - all_scores["descrape"][i][2], best, i, page))
        ahead = [g for g in gaps if g[0] > 0.05]
        print(f"\npages where a peer's F1 is over 0.05 above descrape's: {len(ahead)} of {len(pages)}, "
              f"{sum(g[0] for g in ahead):.1f} F1 points in sum; the 15 widest:")
        for gap, best, i, page in sorted(gaps, key=lambda g: -g[0])[:15]:
            (p, r, f), (bp, br, bf) = all_scores["descrape"][i], all_scores[best][i]
            print(f"  {page['set']:<11} {page['id']:<32} {page['type']:<13} descrape P {p:.2f} R {r:.2f} F1 {f:.2f}  "
                  f"{best} P {bp:.2f} R {br:.2f} F1 {bf:.2f}")


if __name__ == "__main__":
    main()
