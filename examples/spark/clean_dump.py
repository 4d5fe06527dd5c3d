"""Cleans a crawl dump on Spark with descrape.

Two kinds of input:
  --jsonl PATH / --parquet PATH   a dataset with a text column (--column, default "text"):
                                  every record keeps its other columns, the text column is
                                  replaced by its clean text
  --warc PATH                     WARC or WET files (a file, a directory or a glob; plain,
                                  gzip or zstd): one record per HTML page (url, warc_record_id,
                                  date, content_type, lang, text)

and writes --output as Parquet (default) or JSON Lines (--output-format jsonl).

Records are cleaned in batches (--batch, default 256) by `Cleaner.clean_many` inside
`mapPartitions`. Spark runs one task per core: each task cleans on one thread
(RAYON_NUM_THREADS=1 is set for the executors, and for the Python workers of a local run),
so Spark's parallelism is the only one.

    spark-submit examples/spark/clean_dump.py --jsonl dump.jsonl --output clean/ --format markdown
    python examples/spark/clean_dump.py --master 'local[2]' --warc 'crawl/*.warc.gz' --output pages/

Text is as `descrape --jsonl` writes it: the clean text without its final newline.
"""

import argparse
import io
import os
import sys


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--jsonl", help="JSON Lines dataset (one object per line)")
    src.add_argument("--parquet", help="Parquet dataset")
    src.add_argument("--warc", help="WARC/WET files: a path, a directory or a glob")
    p.add_argument("--column", default="text", help="the text column of --jsonl/--parquet")
    p.add_argument("--output", required=True)
    p.add_argument("--output-format", choices=["parquet", "jsonl"], default="parquet")
    p.add_argument("--format", choices=["text", "markdown", "json"], default="text", help="descrape's output format")
    p.add_argument("--input", choices=["auto", "html", "text"], default="auto", help="descrape's input detection")
    p.add_argument("--batch", type=int, default=256, help="records per clean_many call")
    p.add_argument("--master", help="Spark master (default: whatever spark-submit says)")
    return p.parse_args(argv)


def strip_final_newline(text):
    return text[:-1] if text.endswith("\n") else text


def clean_partition(rows, column, fmt, input_kind, batch):
    """Cleans the text column of a partition's rows, `batch` rows per clean_many call."""
    import descrape

    cleaner = descrape.Cleaner(format=fmt, input=input_kind)
    pending = []

    def flush():
        texts = [r[column] if isinstance(r[column], str) else "" for r in pending]
        for row, text in zip(pending, cleaner.clean_many(texts, threads=1)):
            d = row.asDict()
            d[column] = strip_final_newline(text) if isinstance(row[column], str) else row[column]
            yield d
        pending.clear()

    for row in rows:
        pending.append(row)
        if len(pending) >= batch:
            yield from flush()
    yield from flush()


def warc_partition(files, fmt, input_kind):
    """The pages of a partition's WARC files, one dict each."""
    import descrape

    cleaner = descrape.Cleaner(format=fmt, input=input_kind)
    for path, data in files:
        pages = cleaner.read_warc(io.BytesIO(data))
        for page in pages:
            page["source"] = path
            yield page
        for why in pages.broken:
            print(f"descrape: {path}: {why}", file=sys.stderr)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    # One thread per task: Spark's tasks are the parallelism. Local Python workers inherit
    # this process's environment; executors get it from spark.executorEnv.
    os.environ.setdefault("RAYON_NUM_THREADS", "1")
    from pyspark.sql import SparkSession
    from pyspark.sql import types as T

    builder = SparkSession.builder.appName("descrape-clean-dump").config(
        "spark.executorEnv.RAYON_NUM_THREADS", os.environ["RAYON_NUM_THREADS"]
    )
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    try:
        if args.warc:
            schema = T.StructType(
                [T.StructField(n, T.StringType(), nullable=(n == "lang")) for n in
                 ("source", "url", "warc_record_id", "date", "content_type", "lang", "text")]
            )
            files = spark.sparkContext.binaryFiles(args.warc)
            fmt, kind = args.format, args.input
            rows = files.mapPartitions(lambda it: warc_partition(it, fmt, kind))
            out = spark.createDataFrame(rows, schema)
        else:
            df = spark.read.json(args.jsonl) if args.jsonl else spark.read.parquet(args.parquet)
            if args.column not in df.columns:
                raise SystemExit(f"clean_dump: no column {args.column!r} in {df.columns}")
            column, fmt, kind, batch = args.column, args.format, args.input, args.batch
            rows = df.rdd.mapPartitions(lambda it: clean_partition(it, column, fmt, kind, batch))
            out = spark.createDataFrame(rows, df.schema)
        writer = out.write.mode("overwrite")
        if args.output_format == "jsonl":
            writer.json(args.output)
        else:
            writer.parquet(args.output)
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
