"""Stage 2, clean: newsmill-clean against trafilatura on the same news pages.

One case, `scrapinghub`: the 92 ScrapingHub pages 11 times over, 1,012 HTML files of about 160 MB (the
scrapinghub corpus of corpus.py, each copy with its own closing comment). newsmill-clean reads
normalized documents, so newsmill-fetch --jobs 1 --force first turns the folder into them, once, in
build/bench/in-scrapinghub-normalized (not measured). Then, with --force into an emptied folder
build/bench/out-scrapinghub-<run>:

  newsmill-clean --jobs 1   one document at a time, so that its CPU seconds compare with the
                            single-threaded Python peer (the ratios are this run's)
  newsmill-clean --jobs 2   the same work on two cores, for the wall-time scaling
  newsmill-fetch --jobs 1   the fetch that made its input, measured on its own (into its own folder),
                            since trafilatura decodes the bytes itself: the two newsmill rows together
                            do what the peer does

The peer reads every file and gives its bytes to trafilatura.bare_extraction(html, with_metadata=True)
in one Python process (peers/clean.py): trafilatura's default extraction of the article text plus its
metadata, as newsmill-clean finds the article and its title, authors, date, language and site. It
writes nothing; newsmill-clean also records what it removed and why, the blocks' offsets, and writes
one JSON file per document.

Limit (issue 4's target): newsmill-clean --jobs 1 handles at least 5 times as many pages per
CPU-second as trafilatura.
"""

import sys
from pathlib import Path

import measure
from benchkit import Case, Limit, newsmill_stage, python_peer, set_aside
from measure import MB

NAME = "clean"
TITLE = "Stage 2, clean: newsmill-clean vs trafilatura (article text and metadata of news pages)"
# jusText, which trafilatura needs, asks for lxml[html_clean], an extra lxml 6 no longer provides.
REQUIREMENTS = ["trafilatura==2.3.1", "lxml-html-clean==0.4.6"]
BASIS = "the pages' HTML bytes"

PEER = Path(__file__).resolve().parents[1] / "peers" / "clean.py"
JOBS = [1, 2]
CPU_RATIO_TARGET = 5.0  # issue 4


def cases(bench):
    corpus = bench.corpus
    path = corpus.scrapinghub
    counts = corpus.counts(path)
    documents = counts["documents"]
    fetch = bench.bin / "newsmill-fetch"
    fetch_arguments = ["--force", "--jobs", 1, "--pipelines", bench.pipelines, "--out"]
    normalized = bench.work / "in-scrapinghub-normalized"
    normalize(fetch, [*fetch_arguments, normalized, path], normalized,
              bench.work / "logs" / "clean-scrapinghub-setup-newsmill-fetch")

    contenders = []
    for jobs in JOBS:
        out = bench.work / f"out-scrapinghub-jobs{jobs}"
        arguments = ["--force", "--jobs", jobs, "--pipelines", bench.pipelines, "--out", out, normalized]
        contenders.append(newsmill_stage(bench.bin / "newsmill-clean", out, arguments, documents,
                                         program=f"newsmill-clean --jobs {jobs}"))
    fetch_out = bench.work / "out-scrapinghub-fetch"
    contenders += [
        newsmill_stage(fetch, fetch_out, [*fetch_arguments, fetch_out, path], documents,
                       program="newsmill-fetch --jobs 1"),
        python_peer("trafilatura", bench.python, PEER, ["trafilatura", path], documents),
    ]
    return [Case(
        name="scrapinghub",
        description=(f"{path}: {documents:,} HTML files, the {counts['pages']} ScrapingHub pages "
                     f"{documents // counts['pages']} times ({counts['html_bytes'] / MB:.1f} MB of HTML); "
                     f"newsmill-clean reads them as newsmill-fetch normalized them ({normalized})"),
        inputs=[path, normalized],
        input_bytes=counts["file_bytes"],
        document_bytes=counts["html_bytes"],
        expected_documents=documents,
        contenders=contenders,
        limits=[Limit("newsmill-clean --jobs 1", "documents_per_cpu_second", at_least=CPU_RATIO_TARGET,
                      against="trafilatura",
                      label=f"pages per CPU-second >= {CPU_RATIO_TARGET:g}x trafilatura's (issue 4)")],
    )]


def normalize(fetch, command_arguments, out, log):
    """Run newsmill-fetch once to make newsmill-clean's input (not measured as part of the case).

    A failure is only told here: the clean runs then report their missing documents as problems.
    """
    set_aside(out)  # every document written anew, as for a measured run
    measurement = measure.run([fetch, *command_arguments], log)
    if measurement.exit_status != 0:
        print(f"bench: clean: {fetch} exited with {measurement.exit_status} making {out} "
              f"(see {measurement.stderr})", file=sys.stderr, flush=True)
