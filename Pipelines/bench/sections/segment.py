"""Stage 3, segment: newsmill-segment against pySBD and blingfire on the same news text.

One case, `news-text`: the folder of about 5 MB of English news articles, one per .txt file (the text
corpus of corpus.py). newsmill-segment takes them with --text --as-is (paragraphs between blank lines,
no boilerplate removal) and --force, into an emptied folder build/bench/out-news-text-jobs<n>:

  newsmill-segment --jobs 1   one document at a time, so that its CPU seconds compare with the
                              single-threaded Python peers (the ratios are this run's)
  newsmill-segment --jobs 2   the same work on two cores, for the wall-time scaling
  newsmill-segment --jsonl    the same articles as one JSON Lines file (corpus text.jsonl, {"id", "text"}
                              a line) through the streaming filter, one job, output on one stream: the
                              same work without creating 1,211 files, which on this file system costs
                              about as much CPU (kernel time) as the segmenting itself

Each peer reads every file and segments its whole text into sentences in one Python process
(peers/segment.py): pySBD with pysbd.Segmenter(language="en", clean=False), blingfire with
blingfire.text_to_sentences. They write nothing, and find sentences only; newsmill-segment also finds
paragraphs and tokens (with their offsets) and writes one JSON file per document.

Limits (issue 5's target): newsmill-segment segments at least as many MB per CPU-second as blingfire,
checked for both ways of running it on one job (a file per document, and the stream).
"""

from pathlib import Path

from benchkit import Case, Limit, newsmill_stage, newsmill_stream, python_peer
from measure import MB

NAME = "segment"
TITLE = "Stage 3, segment: newsmill-segment vs pySBD and blingfire (sentences of plain news text)"
# blingfire imports numpy without declaring it as a dependency.
REQUIREMENTS = ["pysbd==0.3.4", "blingfire==0.1.8", "numpy==2.2.6"]
BASIS = "the articles' UTF-8 text bytes"

PEER = Path(__file__).resolve().parents[1] / "peers" / "segment.py"
JOBS = [1, 2]


def cases(bench):
    corpus = bench.corpus
    path = corpus.text
    counts = corpus.counts(path)
    documents = counts["documents"]
    contenders = []
    for jobs in JOBS:
        out = bench.work / f"out-news-text-jobs{jobs}"
        arguments = ["--text", "--as-is", "--jobs", jobs, "--force", "--pipelines", bench.pipelines, "--out", out, path]
        contenders.append(newsmill_stage(bench.bin / "newsmill-segment", out, arguments, documents,
                                         program=f"newsmill-segment --jobs {jobs}"))
    stream = corpus.text_jsonl
    contenders.append(newsmill_stream(bench.bin / "newsmill-segment",
                                      ["--jsonl", "--text", "--as-is", "--jobs", 1, "--pipelines", bench.pipelines, stream],
                                      documents, program="newsmill-segment --jsonl --jobs 1"))
    contenders += [
        python_peer("pySBD", bench.python, PEER, ["pysbd", path], documents),
        python_peer("blingfire", bench.python, PEER, ["blingfire", path], documents),
    ]
    return [Case(
        name="news-text",
        description=(f"{path}: {documents:,} text files, {counts['articles']:,} distinct news articles "
                     f"({counts['text_bytes'] / MB:.1f} MB of UTF-8 text)"),
        inputs=[path, stream],
        input_bytes=counts["file_bytes"],
        document_bytes=counts["text_bytes"],
        expected_documents=documents,
        contenders=contenders,
        limits=[Limit("newsmill-segment --jobs 1", "mb_per_cpu_second", at_least=1.0, against="blingfire",
                      label="MB per CPU-second >= blingfire's, a file per document (issue 5)"),
                Limit("newsmill-segment --jsonl --jobs 1", "mb_per_cpu_second", at_least=1.0, against="blingfire",
                      label="MB per CPU-second >= blingfire's, streaming (issue 5)")],
    )]
