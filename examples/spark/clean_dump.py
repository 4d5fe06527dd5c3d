"""Cleans a crawl dump on Spark with descrape.

Two kinds of input:
  --jsonl PATH / --parquet PATH   a dataset with a text column (--column, default "text"):
                                  every record keeps its other columns, the text column is
                                  replaced by its clean text
  --warc PATH                     WARC or WET files (a file, a directory or a glob; plain,
                                  gzip or zstd): one record per HTML page (url, warc_record_id,
                                  date, content_type, lang, text)

and writes --output as Parquet (default) or JSON Lines (--output-format jsonl).

Records are cleaned in Arrow batches (--batch records, default 1024) by `Cleaner.clean_many`
inside `mapInArrow`; WARC files, one per task, with `mapPartitions`. Spark runs one task per
core: each task cleans on one thread (RAYON_NUM_THREADS=1 is set for the executors, and for
the Python workers of a local run), so Spark's parallelism is the only one.

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
    p.add_argument("--batch", type=int, default=1024, help="records per Arrow batch, one clean_many call each")
    p.add_argument("--master", help="Spark master (default: whatever spark-submit says)")
    return p.parse_args(argv)


def strip_final_newline(text):
    return text[:-1] if text.endswith("\n") else text


def clean_batches(batches, column, fmt, input_kind):
    """Cleans the text column of Arrow record batches (`mapInArrow`): one clean_many call per
    batch, every other column passed through as it is."""
    import pyarrow as pa

    import descrape

    cleaner = descrape.Cleaner(format=fmt, input=input_kind)
    for batch in batches:
        i = batch.schema.get_field_index(column)
        texts = batch.column(i).to_pylist()
        cleaned = cleaner.clean_many(["" if t is None else t for t in texts], threads=1)
        out = pa.array([None if t is None else strip_final_newline(c) for t, c in zip(texts, cleaned)], pa.string())
        columns = list(batch.columns)
        columns[i] = out
        yield pa.RecordBatch.from_arrays(columns, schema=batch.schema)


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


def session(args):
    """A Spark session for the job: one thread per task, Arrow batches of --batch records."""
    # One thread per task: Spark's tasks are the parallelism. Local Python workers inherit
    # this process's environment; executors get it from spark.executorEnv.
    os.environ.setdefault("RAYON_NUM_THREADS", "1")
    from pyspark.sql import SparkSession

    builder = (
        SparkSession.builder.appName("descrape-clean-dump")
        .config("spark.executorEnv.RAYON_NUM_THREADS", os.environ["RAYON_NUM_THREADS"])
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", str(args.batch))
        .config("spark.ui.showConsoleProgress", "false")
    )
    if args.master:
        builder = builder.master(args.master)
    return builder.getOrCreate()


def run(spark, args):
    """Reads the input, cleans it and writes the output."""
    from pyspark.sql import types as T

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
        if dict(df.dtypes)[args.column] != "string":
            raise SystemExit(f"clean_dump: column {args.column!r} is {dict(df.dtypes)[args.column]}, not string")
        column, fmt, kind = args.column, args.format, args.input
        out = df.mapInArrow(lambda it: clean_batches(it, column, fmt, kind), df.schema)
    writer = out.write.mode("overwrite")
    if args.output_format == "jsonl":
        writer.json(args.output)
    else:
        writer.parquet(args.output)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    spark = session(args)
    try:
        run(spark, args)
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
