#!/usr/bin/env python3
"""Run the newsmill stages over a corpus on a Spark cluster (or on one machine with --master local[N]).

    newsmill_spark.py --bin DIR --pipelines DIR --out OUT [--master URL] [--partitions N]
                      [--through STAGE] [--stage-jobs N] INPUT...

INPUT is any mix of
  - JSON Lines files (.jsonl, .jsonl.gz, .ndjson): each line one input of `newsmill-fetch --jsonl`
    ({"html": …, "url": …}, {"text": …}, {"url": …} or {"path": …}); read with sc.textFile;
  - corpus folders: every file below one (hidden ones left out, as newsmill-fetch does) becomes a line
    {"corpus": FOLDER, "path": RELATIVE}, so each document gets the id and source `newsmill-fetch
    FOLDER` gives it; web archives (.warc, .warc.gz) among them are streamed record by record;
  - single files (web archives, pages): a line {"path": FILE}.
Paths must be readable at the same place from every executor (a shared file system).

Each stage runs as a streaming filter over every partition with RDD.pipe (`newsmill-<stage> --jsonl`),
the executables and the Pipelines folder taken from --bin and --pipelines on every worker. A stage's
exit status is checked: 0 (all documents done) and 1 (some documents failed; their error records are
in the output) let the job go on; anything else (2: the run could not start, a signal) fails the task
and Spark retries or stops the job. Each stage's RDD is kept (memory, then disk) so that the next stage
reads it instead of recomputing the earlier ones.

Writes, for each stage, OUT/<n>-<stage>/part-NNNNN (Spark's text output: one line per document, the
same JSON as the per-file outputs of `make`, plus the account records: {"error": …} for a failure,
{"skipped": …} for a duplicate or an input that holds no document, passed on from stage to stage),
and OUT/_account.json: per stage, the documents done, failed and skipped, so every input is accounted
for. Exact duplicates are found within a partition (the fetch stage's stream); near-duplicate clusters
are only computed by the per-file pipeline.

PySpark is the driver only: all document processing happens in the newsmill executables.
"""

import argparse
import json
import os
import shlex
import sys
from pathlib import Path

STAGES = [
    ("fetch", "1-normalized"),
    ("clean", "2-cleaned"),
    ("segment", "3-segmented"),
    ("extract", "4-extracted"),
    ("summarize", "5-summarized"),
]
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
# Account records are written with sorted keys, so they start with one of these; documents never do
# (their first key is "authors" or "charset").
RECORD_PREFIXES = ('{"duplicateOf"', '{"error"', '{"id"', '{"input"')


def command(executable, pipelines, jobs):
    """The shell command piping one partition through a stage, accepting exit statuses 0 and 1."""
    script = ('"$0" --jsonl --quiet --jobs "$2" --pipelines "$1"; status=$?; '
              'if [ "$status" -gt 1 ]; then echo "newsmill: $0 exited with status $status" >&2; exit "$status"; fi')
    return shlex.join(["sh", "-c", script, str(executable), str(pipelines), str(jobs)])


def kind(line):
    """'done', 'failed' or 'skipped' for one output line."""
    if line.startswith(RECORD_PREFIXES):
        try:
            record = json.loads(line)
        except ValueError:
            return "failed"
        if "error" in record:
            return "failed"
        if "skipped" in record:
            return "skipped"
    return "done"


def corpus_lines(folder):
    """The fetch inputs of a corpus folder: its files, relative to it, sorted."""
    folder = Path(folder).resolve()
    lines = []
    for directory, names, files in os.walk(folder):
        names[:] = sorted(name for name in names if not name.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            relative = (Path(directory) / name).relative_to(folder).as_posix()
            lines.append(json.dumps({"corpus": str(folder), "path": relative}, ensure_ascii=False))
    return lines


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="+", metavar="INPUT")
    parser.add_argument("--bin", required=True, help="folder of the newsmill executables (on every worker)")
    parser.add_argument("--pipelines", required=True, help="newsmill's Pipelines folder (on every worker)")
    parser.add_argument("--out", required=True, help="output folder (must not exist yet)")
    parser.add_argument("--master", default=None, help="Spark master URL (default: Spark's own setting)")
    parser.add_argument("--partitions", type=int, default=None, help="partitions of the input (default: Spark's parallelism)")
    parser.add_argument("--through", default="summarize", choices=[name for name, _ in STAGES], help="last stage to run")
    parser.add_argument("--stage-jobs", type=int, default=1, help="--jobs of each stage process (Spark already runs one per core)")
    args = parser.parse_args(argv)

    binary = Path(args.bin).resolve()
    pipelines = Path(args.pipelines).resolve()
    out = Path(args.out)
    for name, _ in STAGES:
        if not os.access(binary / f"newsmill-{name}", os.X_OK):
            sys.exit(f"newsmill-spark: {binary / f'newsmill-{name}'} is not an executable (build with `make build`)")
    if out.exists():
        sys.exit(f"newsmill-spark: {out} exists; give a new output folder")

    from pyspark import SparkConf, SparkContext, StorageLevel

    conf = SparkConf().setAppName("newsmill")
    if args.master:
        conf = conf.setMaster(args.master)
    sc = SparkContext.getOrCreate(conf)
    sc.setLogLevel("WARN")
    partitions = args.partitions or sc.defaultParallelism

    jsonl = [path for path in args.inputs if path.endswith(JSONL_SUFFIXES)]
    lines = []
    for path in args.inputs:
        if path in jsonl:
            continue
        if os.path.isdir(path):
            lines += corpus_lines(path)
        elif os.path.exists(path):
            lines.append(json.dumps({"path": str(Path(path).resolve())}, ensure_ascii=False))
        else:
            sys.exit(f"newsmill-spark: no such file or folder: {path}")
    parts = []
    if lines:
        parts.append(sc.parallelize(lines, max(1, min(partitions, len(lines)))))
    for path in jsonl:
        parts.append(sc.textFile(str(Path(path).resolve()), minPartitions=partitions))
    rdd = sc.union(parts) if len(parts) > 1 else parts[0]

    account = {}
    kept = []
    for name, folder in STAGES:
        rdd = rdd.pipe(command(binary / f"newsmill-{name}", pipelines, args.stage_jobs), checkCode=True)
        rdd = rdd.persist(StorageLevel.MEMORY_AND_DISK)
        kept.append(rdd)
        rdd.saveAsTextFile(str((out / folder).resolve()))
        counts = rdd.map(kind).countByValue()
        account[name] = {status: counts.get(status, 0) for status in ("done", "failed", "skipped")}
        print(f"newsmill-spark: {name}: {account[name]['done']} done, {account[name]['failed']} failed, "
              f"{account[name]['skipped']} skipped", file=sys.stderr)
        if len(kept) > 2:
            kept.pop(0).unpersist()
        if name == args.through:
            break
    (out / "_account.json").write_text(json.dumps(account, indent=2, sort_keys=True) + "\n")
    sc.stop()


if __name__ == "__main__":
    main()
