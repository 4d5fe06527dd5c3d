"""The measurements of scripts/bench-python: CLI --jsonl on 1 and 2 threads, clean_many on 1
and 2 threads, a clean() loop, and the Spark job on local[2] (with and without its start-up),
all on the same records, whose outputs must be identical everywhere."""

import json
import os
import pathlib
import subprocess
import sys
import tempfile
import time

import descrape

ROOT = pathlib.Path(__file__).resolve().parent.parent


def best(fn, rounds=3):
    times, out = [], None
    for _ in range(rounds):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times), out


def main():
    cli, data = sys.argv[1], pathlib.Path(sys.argv[2])
    raw = data.read_bytes()
    records = [json.loads(l) for l in raw.decode("utf-8").splitlines() if l]
    texts = [r["text"] for r in records]
    mb = len(raw) / 1e6
    n = len(records)
    rows = []

    def cli_run(j):
        out = subprocess.run([cli, "--jsonl", "-q", "-j", str(j)], input=raw, capture_output=True, check=True)
        return [json.loads(l)["text"] for l in out.stdout.decode("utf-8").splitlines()]

    t1, want = best(lambda: cli_run(1))
    t2, out2 = best(lambda: cli_run(2))
    assert out2 == want
    rows += [("CLI --jsonl -j1", t1), ("CLI --jsonl -j2", t2)]

    c = descrape.Cleaner()
    strip = lambda ts: [t[:-1] if t.endswith("\n") else t for t in ts]
    for threads in (1, 2):
        t, out = best(lambda: c.clean_many(texts, threads=threads))
        assert strip(out) == want, f"clean_many threads={threads} differs from the CLI"
        rows.append((f"clean_many threads={threads}", t))
    t, out = best(lambda: [c.clean(x) for x in texts])
    assert strip(out) == want
    rows.append(("clean() loop", t))

    with tempfile.TemporaryDirectory() as tmp:
        # With start-up: the job as a user runs it (JVM, session, Python workers, reading
        # the schema, cleaning, writing).
        env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
        job = [sys.executable, str(ROOT / "examples/spark/clean_dump.py"), "--master", "local[2]",
               "--jsonl", str(data), "--output-format", "jsonl"]
        tf, _ = best(lambda: subprocess.run(job + ["--output", f"{tmp}/o1"], check=True, env=env, capture_output=True), 2)
        # Steady: the same job again in a session whose JVM and workers have run it once.
        sys.path.insert(0, str(ROOT / "examples/spark"))
        os.environ["PYTHONPATH"] = os.pathsep.join([str(ROOT / "examples/spark"), os.environ.get("PYTHONPATH", "")])
        os.environ["PYSPARK_PYTHON"] = sys.executable
        import clean_dump

        args = clean_dump.parse_args(["--master", "local[2]", "--jsonl", str(data), "--output-format", "jsonl",
                                      "--output", f"{tmp}/o2"])
        spark = clean_dump.session(args)
        try:
            clean_dump.run(spark, args)
            ts, _ = best(lambda: clean_dump.run(spark, args), 2)
        finally:
            spark.stop()
        for o in ("o1", "o2"):
            got = {}
            for part in sorted(pathlib.Path(f"{tmp}/{o}").glob("part-*")):
                for l in part.read_text("utf-8").splitlines():
                    r = json.loads(l)
                    got[r["id"]] = r["text"]
            assert [got[r["id"]] for r in records] == want, "the Spark job's output differs from the CLI"
    rows.append(("Spark local[2], with start-up", tf))
    rows.append(("Spark local[2], steady (warm session)", ts))

    cli2 = mb / t2
    cli1 = mb / t1
    print(f"{n} records, {mb:.1f} MB, {os.cpu_count()} cores; outputs identical everywhere\n")
    print(f"{'':42} {'s':>7} {'MB/s':>8} {'records/s':>10} {'vs CLI':>7}")
    for name, t in rows:
        same = cli1 if ("-j1" in name or "threads=1" in name or "loop" in name) else cli2
        print(f"{name:42} {t:7.2f} {mb / t:8.1f} {n / t:10.0f} {mb / t / same:6.2f}x")
    print(f"\nstart-up and warm-up of the Spark job: {tf - ts:.1f} s")


if __name__ == "__main__":
    main()
