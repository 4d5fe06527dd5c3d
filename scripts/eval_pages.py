"""Scores descrape on whole HTML pages against the article text a good extractor keeps
(see eval-pages): word-level precision, recall and F1 per page, averaged."""

import collections
import pathlib
import re
import subprocess
import sys

WORD = re.compile(r"\w+", re.UNICODE)


def words(text):
    return collections.Counter(w.lower() for w in WORD.findall(text))


def clean(binary, html):
    return subprocess.run([binary, "-"], input=html, capture_output=True, check=True).stdout.decode("utf-8", "replace")


def main():
    binary, corpus = sys.argv[1], pathlib.Path(sys.argv[2])
    rows = []
    for case in sorted(p for p in corpus.iterdir() if (p / "source.html").exists()):
        src = (case / "source.html").read_bytes()
        exp = (case / "expected.html").read_bytes()
        got, want = words(clean(binary, src)), words(clean(binary, exp))
        common = sum((got & want).values())
        p = common / max(1, sum(got.values()))
        r = common / max(1, sum(want.values()))
        f = 2 * p * r / max(1e-9, p + r)
        rows.append((case.name, p, r, f))
    n = len(rows)
    print(f"{n} pages: precision {sum(r[1] for r in rows)/n:.1%}, recall {sum(r[2] for r in rows)/n:.1%}, "
          f"F1 {sum(r[3] for r in rows)/n:.1%}")
    if "-v" in sys.argv:
        for name, p, r, f in sorted(rows, key=lambda x: x[3])[:15]:
            print(f"  {name:<45} P {p:.2f} R {r:.2f} F1 {f:.2f}")


if __name__ == "__main__":
    main()
