"""The Python module against the repository's goldens and the command line."""

import gzip
import io
import json
import os
import pathlib
import subprocess
import threading
import time

import pytest

import descrape

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
CLI = os.environ.get("DESCRAPE_BIN", str(ROOT / "target" / "release" / "descrape"))


def goldens():
    """(input, expected) pairs: the seeds, the residue samples and the whole pages."""
    for d in ("seeds", "golden", "pages"):
        for src in sorted((DATA / d).iterdir()):
            exp = DATA / d / "expected" / (src.stem + ".clean.txt")
            if src.is_file() and exp.exists():
                yield pytest.param(src, exp, id=f"{d}/{src.name}")


def read(path):
    return path.read_bytes().decode("utf-8")


@pytest.mark.parametrize("src,exp", list(goldens()))
def test_goldens_byte_for_byte(src, exp):
    assert descrape.clean(read(src)) == read(exp)


def test_the_seeds_are_there():
    assert len([p for p in goldens() if "seeds/" in p.id]) == 2


def texts():
    return [read(p.values[0]) for p in goldens()] + ["", "x < y and <3", "<p>Der Rat tagte.</p>"]


def test_clean_many_equals_clean_one_by_one_on_any_threads():
    c = descrape.Cleaner()
    one = [c.clean(t) for t in texts()]
    assert c.clean_many(texts()) == one
    assert c.clean_many(texts(), threads=1) == one
    assert c.clean_many(iter(texts()), threads=2) == one
    assert c.clean_many([]) == []


def cli_jsonl(records, *args):
    lines = "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(records))
    out = subprocess.run([CLI, "--jsonl", "-q", *args], input=lines.encode(), capture_output=True, check=True)
    return [json.loads(l)["text"] for l in out.stdout.decode().splitlines()]


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_clean_many_equals_the_cli_on_the_same_records(fmt):
    c = descrape.Cleaner(format=fmt)
    got = c.clean_many(texts())
    # The CLI writes each record's text without its final newline.
    want = cli_jsonl(texts(), "--format", fmt)
    assert [g[:-1] if g.endswith("\n") else g for g in got] == want


def test_clean_many_runs_on_two_threads_at_once():
    # The process's CPU time runs ahead of the wall clock only when two threads worked at
    # once: a counter, not a speed, so a busy machine slows it without failing it. One
    # thread never gets there; two do, in one of up to eight runs of about half a second
    # (this VM's second core is now and then busy elsewhere).
    if (os.cpu_count() or 1) < 2:
        pytest.skip("one core")
    c = descrape.Cleaner()
    batch = [read(DATA / "seeds" / "000_33dafe3a048d91ea.txt") * 40] * 300
    c.clean_many(batch[:4], threads=2)  # start the pool

    def cpu_per_wall(threads):
        wall, cpu = time.perf_counter(), time.process_time()
        c.clean_many(batch, threads=threads)
        return (time.process_time() - cpu) / (time.perf_counter() - wall)

    # One thread stays under the bar two must pass (it measured 1.06 once, with two fuzzers
    # busy on this VM's two cores).
    one = max(cpu_per_wall(1) for _ in range(3))
    assert one < 1.15
    runs = []
    while len(runs) < 8 and not any(r > 1.15 for r in runs):
        runs.append(cpu_per_wall(2))
    # Where one thread did not even get a whole core, nothing here can show two at once.
    if one < 0.9 and not any(r > 1.15 for r in runs):
        pytest.skip(f"the machine is busy: one thread got {one:.2f} of a core, two {max(runs):.2f}")
    assert any(r > 1.15 for r in runs), runs


def test_clean_many_releases_the_gil():
    # While clean_many works, another Python thread keeps running.
    c = descrape.Cleaner()
    batch = [read(DATA / "seeds" / "001_ad3184def6363cc4.txt") * 30] * 40
    ticks = []
    stop = threading.Event()

    def ticker():
        while not stop.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.001)

    t = threading.Thread(target=ticker)
    start = time.perf_counter()
    t.start()
    c.clean_many(batch, threads=1)
    end = time.perf_counter()
    stop.set()
    t.join()
    during = [x for x in ticks if start < x < end]
    assert end - start < 0.05 or len(during) >= 5, (end - start, len(during))


def test_clean_record_says_what_ran():
    c = descrape.Cleaner()
    page = "<!DOCTYPE html><html><head><title>Rat</title></head><body><nav>Home</nav><h1>Der Plan</h1><p>Der Rat tagte am Montag und beschloss den Plan für den Hafen.</p></body></html>"
    r = c.clean_record(page)
    assert r["read_as"] == "page" and r["title"] == "Der Plan" and r["lang"] == "de"
    assert r["text"].startswith("Der Plan\n\nDer Rat tagte") and "Home" not in r["text"]
    assert r["stats"]["pages"] == 1 and r["stats"]["bytes_in"] == len(page.encode())
    r = c.clean_record("<p class= Während die Sonne schien, blieb es kalt.</p>")
    assert r["read_as"] == "text" and r["stats"]["broken_tags"] == 1
    assert "Während die Sonne schien" in r["text"]
    assert isinstance(r["stats"]["rules"], dict)


def test_formats_input_and_links():
    html = '<h2>Plan</h2><ul><li>Der <a href="https://x.org/a">Hafen</a> wird gebaut.</li></ul>'
    md = descrape.Cleaner(format="markdown", links=True).clean(html)
    assert md == "## Plan\n\n- Der [Hafen](https://x.org/a) wird gebaut.\n", md
    doc = json.loads(descrape.Cleaner(format="json").clean(html))
    assert doc["title"] == "Plan" and doc["blocks"][0]["kind"] == "heading"
    page = "<!DOCTYPE html><html><body><p>Eins.</p></body></html>"
    assert descrape.Cleaner(input="text").clean_record(page)["read_as"] == "text"
    assert descrape.Cleaner(input="html").clean_record("<p>Eins.</p>")["read_as"] == "page"


def test_bad_input_is_a_clear_error():
    c = descrape.Cleaner(max_bytes=1000)
    with pytest.raises(TypeError, match="bytes"):
        c.clean(b"<p>x</p>")
    with pytest.raises(TypeError, match="NoneType"):
        c.clean(None)
    with pytest.raises(TypeError):
        descrape.clean(42)
    with pytest.raises(ValueError, match="max_bytes"):
        c.clean("x" * 1001)
    with pytest.raises(TypeError, match=r"texts\[1\]"):
        c.clean_many(["a", b"b"])
    with pytest.raises(ValueError, match=r"texts\[0\]"):
        c.clean_many(["x" * 2000])
    with pytest.raises(TypeError, match="not one str"):
        c.clean_many("abc")
    with pytest.raises(ValueError):
        c.clean_many(["a"], threads=0)
    with pytest.raises(ValueError, match="format"):
        descrape.Cleaner(format="pdf")
    with pytest.raises(ValueError, match="input"):
        descrape.Cleaner(input="xml")
    # A str that is no Unicode text (a lone surrogate) is a ValueError (UnicodeEncodeError).
    with pytest.raises(ValueError):
        c.clean("a\ud800b")
    # A huge text within the limit is cleaned, not refused.
    big = "Der Rat tagte am Montag. " * 200_000
    assert descrape.clean(big).startswith("Der Rat tagte am Montag.")


def test_rule_files(tmp_path):
    text = "<p>Der Rat tagte am Montag.</p><p>Zum Newsletter des Hafens hier anmelden</p>"
    assert "Newsletter des Hafens" in descrape.clean(text)
    rule = tmp_path / "90-house.de.txt"
    rule.write_text("Zum Newsletter des Hafens hier anmelden\n", encoding="utf-8")
    assert descrape.Cleaner(rules=rule).clean(text) == "Der Rat tagte am Montag.\n"
    assert descrape.Cleaner(rules=[str(rule)]).clean(text) == "Der Rat tagte am Montag.\n"
    bad = tmp_path / "defaults.toml"
    bad.write_text("link_max_share = 7\n", encoding="utf-8")
    with pytest.raises(ValueError, match="defaults.toml:1"):
        descrape.Cleaner(rules=bad)
    with pytest.raises(OSError, match="missing.txt"):
        descrape.Cleaner(rules=tmp_path / "missing.txt")
    with pytest.raises(ValueError, match="unknown rule file"):
        unknown = tmp_path / "notes.md"
        unknown.write_text("x\n", encoding="utf-8")
        descrape.Cleaner(rules=unknown)


def warc_record(kind, url, body, rid="<urn:uuid:1>"):
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {url}\r\nWARC-Record-ID: {rid}\r\n"
        f"WARC-Date: 2026-12-03T00:00:00Z\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body + b"\r\n\r\n"


def sample_warc():
    page = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html lang=de><body><p>Der Rat tagte am Montag.</p></body></html>"
    return (
        warc_record("warcinfo", "", b"software: test\r\n")
        # Bytes after a record that are no record: that record is reported, reading goes on.
        + b"garbage that is no record\r\n\r\n"
        + warc_record("request", "https://x.org/", b"GET / HTTP/1.1\r\n\r\n")
        + warc_record("response", "https://x.org/", page, "<urn:uuid:2>")
        + warc_record("response", "https://x.org/404", b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<p>no</p>")
    )


def test_read_warc_from_paths_and_files_plain_and_gzip(tmp_path):
    raw = sample_warc()
    plain = tmp_path / "a.warc"
    plain.write_bytes(raw)
    packed = tmp_path / "a.warc.gz"
    packed.write_bytes(gzip.compress(raw))
    for source in (plain, str(packed), io.BytesIO(gzip.compress(raw)), open(plain, "rb")):
        pages = descrape.read_warc(source)
        got = list(pages)
        assert got == [
            {
                "url": "https://x.org/",
                "warc_record_id": "<urn:uuid:2>",
                "date": "2026-12-03T00:00:00Z",
                "content_type": "text/html; charset=utf-8",
                "lang": "de",
                "text": "Der Rat tagte am Montag.",
            }
        ]
        assert pages.skipped == 2 and len(pages.broken) == 1, (pages.skipped, pages.broken)
    md = descrape.Cleaner(format="markdown").read_warc(plain)
    assert next(md)["text"] == "Der Rat tagte am Montag."
    with pytest.raises(OSError, match="nope.warc"):
        descrape.read_warc(tmp_path / "nope.warc")
    with pytest.raises(TypeError):
        descrape.read_warc(42)
    # Bytes that are no WARC file, or a broken gzip stream, are reported, not raised.
    for junk in (b"\x00\x01binary, not a WARC file" * 100, b"\x1f\x8b\x08broken gzip"):
        pages = descrape.read_warc(io.BytesIO(junk))
        assert list(pages) == [] and len(pages.broken) == 1 and "not a WARC file" in pages.broken[0]
    with pytest.raises(OSError, match="binary mode"):
        list(descrape.read_warc(open(plain, "r", encoding="latin-1")))
