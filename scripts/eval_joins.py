"""Paragraph joins of the glue filter, judged in both directions against the truth texts.

Cleans every development text twice (as configured, and with joins off through a rules file)
and finds each join: two consecutive lines of the second output that are one line of the
first. A join is right when the truth has the two pieces on one line, wrong when the truth
ends a line with the first piece and starts one with the second (a true boundary lost), and
unknown otherwise (the truth has neither seam, e.g. something between them). Prints each join
and the counts; asserts nothing.
"""
import argparse
import os
import pathlib
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from eval_pages import load  # noqa: E402

SPACE = re.compile(r"\s+")


def norm(s):
    return SPACE.sub(" ", s).strip()


def clean_all(binary, inputs, extra):
    """The outputs of `binary` for `inputs` (name, bytes), in one batch run."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        for i, (name, data) in enumerate(inputs):
            (tmp / f"{i:05}{pathlib.Path(name).suffix or '.txt'}").write_bytes(data)
        subprocess.run([binary, "-q", *extra, str(tmp)], check=False)
        outs = []
        for i, (name, _) in enumerate(inputs):
            f = tmp / f"{i:05}.clean.txt"
            outs.append(f.read_text("utf-8") if f.exists() else "")
        return outs


def joins(joined, apart):
    """(first piece, second piece) for each seam in `apart` that `joined` closed."""
    lines = [l for l in apart.split("\n") if l.strip()]
    found = []
    apart_lines = set(apart.split("\n"))
    for line in joined.split("\n"):
        if not line.strip() or line in apart_lines:
            continue
        for i in range(len(lines)):
            acc, j = lines[i], i
            while len(acc) < len(line) and j + 1 < len(lines):
                j += 1
                acc += " " + lines[j]
            if acc == line and j > i:
                found += [(lines[k], lines[k + 1]) for k in range(i, j)]
                break
    return found


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--readability", type=pathlib.Path, required=True)
    ap.add_argument("--wcxb", type=pathlib.Path, required=True)
    ap.add_argument("--residue", type=pathlib.Path, nargs="*", default=[])
    args = ap.parse_args()
    inputs, truths = [], []
    for p in load(args.readability, args.wcxb):
        inputs.append((f"{p['set']}-{p['id']}.html", p["html"]))
        truths.append(p["truth"])
    for d in args.residue:
        for f in sorted(d.glob("*.txt")):
            exp = d / "expected" / f.name.replace(".txt", ".clean.txt")
            if exp.exists():
                inputs.append((f.name, f.read_bytes()))
                truths.append(exp.read_text("utf-8"))
    with tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False) as off:
        off.write("join_min_words = 1000000\njoin_min_words_single_sentence = 1000000\n")
    try:
        on_out = clean_all(args.binary, inputs, [])
        off_out = clean_all(args.binary, inputs, ["--rules", off.name])
    finally:
        os.unlink(off.name)
    counts = {"right": 0, "wrong": 0, "unknown": 0}
    for (name, _), truth, a, b in zip(inputs, truths, on_out, off_out):
        if a == b:
            continue
        flat = norm(truth)
        lines = [norm(l) for l in truth.split("\n") if l.strip()]
        for x, y in joins(a, b):
            x, y = norm(x)[-40:], norm(y)[:40]
            if f"{x} {y}" in flat:
                verdict = "right"
            elif any(l.endswith(x) for l in lines) and any(l.startswith(y) for l in lines):
                verdict = "wrong"
            else:
                verdict = "unknown"
            counts[verdict] += 1
            print(f"{verdict:8} {name:28} …{x} | {y}…")
    print(f"joins on {len(inputs)} texts: {counts['right']} right, {counts['wrong']} wrong "
          f"(a true boundary lost), {counts['unknown']} unknown")


if __name__ == "__main__":
    main()
