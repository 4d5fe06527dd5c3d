"""Scores descrape and peer tools on residue inputs with expected outputs, and on clean text
that must come through unchanged (see eval-residue)."""

import collections
import gzip
import json
import pathlib
import re
import subprocess
import sys
import time

LEAKS = ["<p", "</", "/>", "class=", "_ngcontent", "&amp;", "&nbsp;", "&#", "{{", "{%", "[caption", "[/", "<!--"]
WORD = re.compile(r"\w+", re.UNICODE)


def words(text):
    return collections.Counter(w.lower() for w in WORD.findall(text))


def score(out, expected):
    o, e = words(out), words(expected)
    common = sum((o & e).values())
    recall = common / max(1, sum(e.values()))
    precision = common / max(1, sum(o.values()))
    leaks = sum(out.count(t) for t in LEAKS)
    return recall, precision, leaks, out.strip() == expected.strip()


def peers():
    tools = {}
    try:
        from resiliparse.extract.html2text import extract_plain_text
        tools["resiliparse"] = lambda s: extract_plain_text(s, main_content=False, preserve_formatting=True)
    except ImportError:
        pass
    try:
        from selectolax.lexbor import LexborHTMLParser
        tools["selectolax (lexbor)"] = lambda s: LexborHTMLParser(s).text(separator="\n")
    except ImportError:
        pass
    try:
        import lxml.html
        tools["lxml"] = lambda s: lxml.html.fromstring(s).text_content() if s.strip() else ""
    except ImportError:
        pass
    try:
        from inscriptis import get_text
        tools["inscriptis"] = get_text
    except ImportError:
        pass
    try:
        import trafilatura
        tools["trafilatura"] = lambda s: trafilatura.extract(s, no_fallback=False, favor_recall=True) or ""
    except ImportError:
        pass
    return tools


def main():
    binary, dirs = sys.argv[1], sys.argv[2:]
    cases = []
    for d in map(pathlib.Path, dirs):
        for inp in sorted(d.glob("*.txt")):
            exp = d / "expected" / (inp.stem + ".clean.txt")
            if exp.exists():
                cases.append((inp, inp.read_text(encoding="utf-8"), exp.read_text(encoding="utf-8")))
    tools = {"descrape": lambda s: subprocess.run([binary, "-"], input=s.encode(), capture_output=True, check=True).stdout.decode()}
    tools.update(peers())
    print(f"{len(cases)} residue inputs with expected output ({', '.join(dirs)})")
    print(f"{'tool':<22} {'recall':>7} {'precision':>9} {'leaks':>6} {'exact':>6} {'seed 001 recall':>16} {'ms':>7}")
    for name, fn in tools.items():
        rs, ps, ls, ex, seed = [], [], 0, 0, None
        t = time.perf_counter()
        for path, text, expected in cases:
            try:
                out = fn(text)
            except Exception as e:  # a peer that fails on an input scores zero on it
                out = ""
                print(f"  {name} failed on {path.name}: {e}", file=sys.stderr)
            r, p, leaks, exact = score(out, expected)
            rs.append(r)
            ps.append(p)
            ls += leaks
            ex += exact
            if path.name.startswith("001_"):
                seed = r
        ms = (time.perf_counter() - t) * 1e3
        seed_s = f"{seed:.1%}" if seed is not None else "-"
        print(f"{name:<22} {sum(rs)/len(rs):>7.1%} {sum(ps)/len(ps):>9.1%} {ls:>6} {ex:>3}/{len(cases):<2} {seed_s:>16} {ms:>7.0f}")
    clean_text(tools)


def clean_text(tools, truth=pathlib.Path("../shared/corpus/wcxb/truth.jsonl.gz")):
    """Clean text goes through unchanged: the main content of the WCXB pages (plain text in
    many languages: articles, forums, docs with code, product specs) cleaned as it is. Words
    lost and added, over all words; texts changed beyond white space. Some losses are right
    (a `Read more: …` line, which the truth keeps); most are not."""
    if not truth.exists():
        print(f"\n(no {truth}: clean-text table skipped)")
        return
    with gzip.open(truth, "rt", encoding="utf-8") as f:
        texts = [r["main_content"] for r in map(json.loads, f) if r["main_content"].strip()]
    total = sum(sum(words(t).values()) for t in texts)
    print(f"\n{len(texts)} clean texts ({truth}: main_content), {total} words")
    print(f"{'tool':<22} {'lost':>7} {'added':>7} {'changed':>8} {'ms':>7}")
    for name, fn in tools.items():
        lost = added = changed = 0
        t = time.perf_counter()
        for text in texts:
            try:
                out = fn(text)
            except Exception:
                out = ""
            a, b = words(text), words(out)
            lost += sum((a - b).values())
            added += sum((b - a).values())
            changed += " ".join(text.split()) != " ".join(out.split())
        ms = (time.perf_counter() - t) * 1e3
        print(f"{name:<22} {lost/total:>7.3%} {added/total:>7.3%} {changed:>8} {ms:>7.0f}")


if __name__ == "__main__":
    main()
