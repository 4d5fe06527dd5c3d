"""Scores descrape on the WCXB development pages with the benchmark's own metric (see eval-wcxb)."""
import collections
import gzip
import json
import pathlib
import subprocess
import sys
import tempfile

# The metric is eval-pages' (one definition for both scripts).
sys.path.insert(0, str(pathlib.Path(__file__).parent))
from eval_pages import prf as f1  # noqa: E402


def main():
    binary, corpus = sys.argv[1], pathlib.Path(sys.argv[2])
    verbose = "-v" in sys.argv[3:]
    truth = [json.loads(l) for l in gzip.open(corpus / "truth.jsonl.gz", "rt", encoding="utf-8")]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        for t in truth:
            (tmp / f"{t['id']}.html").write_bytes(gzip.open(corpus / "html" / f"{t['id']}.html.gz").read())
        subprocess.run([binary, "-q", str(tmp)], check=False)
        by_type = collections.defaultdict(list)
        rows = []
        for t in truth:
            out = tmp / f"{t['id']}.clean.txt"
            got = out.read_text(encoding="utf-8") if out.exists() else ""
            p, r, f = f1(got, t["main_content"])
            by_type[t["type"]].append((p, r, f))
            rows.append((f, t["id"], t["type"]))
    print(f"{'type':<14} {'pages':>5} {'precision':>9} {'recall':>7} {'F1':>6}")
    allv = [v for vs in by_type.values() for v in vs]
    for name, vs in sorted(by_type.items()) + [("all", allv)]:
        n = len(vs)
        print(f"{name:<14} {n:>5} {sum(v[0] for v in vs)/n:>9.3f} {sum(v[1] for v in vs)/n:>7.3f} {sum(v[2] for v in vs)/n:>6.3f}")
    if verbose:
        for f, i, ty in sorted(rows)[:15]:
            print(f"  {f:.3f} {ty:<13} {i}")


main()
