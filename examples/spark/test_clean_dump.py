"""Runs examples/spark/clean_dump.py on local[2] against generated data and checks every
output record against the command line's output for the same records."""

import gzip
import json
import os
import pathlib
import random
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
JOB = ROOT / "examples" / "spark" / "clean_dump.py"
CLI = os.environ.get("DESCRAPE_BIN", str(ROOT / "target" / "release" / "descrape"))
DATA = ROOT / "tests" / "data"

pytest.importorskip("pyspark")


def corpus():
    """Texts of every kind the repository has goldens for, cut and combined at random."""
    texts = []
    for d in ("seeds", "golden", "pages"):
        texts += [p.read_text("utf-8") for p in sorted((DATA / d).iterdir()) if p.is_file()]
    rng = random.Random(11)
    out = list(texts)
    while len(out) < 300:
        a, b = rng.choice(texts), rng.choice(texts)
        cut = rng.randrange(len(a) + 1)
        out.append(a[:cut] + b[rng.randrange(len(b) + 1):])
    return out + ["", "x < y and <3 survive"]


def run_job(*args):
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    subprocess.run([sys.executable, str(JOB), "--master", "local[2]", *args], check=True, env=env)


def read_jsonl_dir(d):
    rows = []
    for part in sorted(pathlib.Path(d).glob("part-*")):
        rows += [json.loads(l) for l in part.read_text("utf-8").splitlines() if l]
    return rows


def cli(args, data):
    out = subprocess.run([CLI, "-q", *args], input=data, capture_output=True, check=True)
    return [json.loads(l) for l in out.stdout.decode("utf-8").splitlines()]


@pytest.fixture(scope="module")
def dump(tmp_path_factory):
    d = tmp_path_factory.mktemp("dump")
    lines = "".join(json.dumps({"id": i, "lang_hint": "x", "text": t}) + "\n" for i, t in enumerate(corpus()))
    (d / "dump.jsonl").write_text(lines, encoding="utf-8")
    return d


def test_jsonl_in_parquet_out_and_back_equals_the_cli(dump):
    for fmt in ("text", "markdown"):
        want = {r["id"]: r["text"] for r in cli(["--jsonl", "--format", fmt], (dump / "dump.jsonl").read_bytes())}
        run_job("--jsonl", str(dump / "dump.jsonl"), "--output", str(dump / f"p-{fmt}"), "--format", fmt, "--batch", "7")
        # Read the Parquet back through the job with nothing left to clean but text: the
        # output's text column must hold the CLI's text for every id.
        run_job("--parquet", str(dump / f"p-{fmt}"), "--column", "lang_hint", "--output", str(dump / f"j-{fmt}"),
                "--output-format", "jsonl")
        got = {r["id"]: r["text"] for r in read_jsonl_dir(dump / f"j-{fmt}")}
        assert len(got) == len(want) == len(corpus())
        bad = [i for i in want if got[i] != want[i]]
        assert not bad, f"{len(bad)} records differ, first id {bad[0]}"


def warc_record(kind, url, body):
    head = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {url}\r\nWARC-Record-ID: <urn:x:{url}>\r\n"
            f"WARC-Date: 2026-12-03T00:00:00Z\r\nContent-Length: {len(body)}\r\n\r\n")
    return head.encode() + body + b"\r\n\r\n"


def test_warc_files_equal_the_cli(tmp_path):
    pages = [p for p in sorted((DATA / "pages").iterdir()) if p.is_file()] + \
            [p for p in sorted((DATA / "golden").iterdir()) if p.is_file()]
    (tmp_path / "in").mkdir()
    for n in range(3):
        raw = b"".join(
            warc_record("response", f"https://x.org/{n}/{p.name}",
                        b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + p.read_bytes())
            for p in pages
        ) + warc_record("request", "https://x.org/r", b"GET / HTTP/1.1\r\n\r\n")
        (tmp_path / "in" / f"{n}.warc.gz").write_bytes(gzip.compress(raw) if n else raw)
    want = {}
    for f in sorted((tmp_path / "in").iterdir()):
        for r in cli(["--warc"], f.read_bytes()):
            want[r["url"]] = r["text"]
    run_job("--warc", str(tmp_path / "in"), "--output", str(tmp_path / "out"), "--output-format", "jsonl")
    got = {r["url"]: r for r in read_jsonl_dir(tmp_path / "out")}
    assert len(got) == len(want) == 3 * len(pages)
    for url, text in want.items():
        assert got[url]["text"] == text, url
        assert got[url]["warc_record_id"] == f"<urn:x:{url}>"
