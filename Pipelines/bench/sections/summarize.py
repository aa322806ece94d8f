"""Stage 5, summarize: newsmill-summarize against sumy's LexRank on the same news articles.

One case, `news-text`: the 5 MB of English news articles of the segment section (one per .txt file).
newsmill-summarize reads extract records, so newsmill-extract --text --as-is --force first turns the
folder into them, once, in build/bench/in-news-text-extracted (not measured). Then, with --force into
an emptied folder build/bench/out-news-text-summarize:

  newsmill-summarize --jobs 1   three-sentence summaries and digests, one document at a time, so that
                                its CPU seconds compare with the single-threaded Python peer

The peer (peers/summarize.py) reads the same extract records, so that both start from the same
sentences, and summarizes each article's sentences in three with sumy's LexRank (English stemmer and
stop words), as the whole-pipeline peer does; it writes nothing, newsmill writes one JSON file per
document.

Limit (issue 9's target): newsmill-summarize --jobs 1 summarizes at least 1,000 documents per
CPU-second.
"""

from pathlib import Path

from benchkit import Case, Limit, newsmill_stage, python_peer
from measure import MB
from sections.clean import normalize

NAME = "summarize"
TITLE = "Stage 5, summarize: newsmill-summarize vs sumy LexRank (three-sentence summaries of news articles)"
REQUIREMENTS = ["sumy==0.11.0", "numpy==2.2.6"]
BASIS = "the articles' UTF-8 text bytes"

PEER = Path(__file__).resolve().parents[1] / "peers" / "summarize.py"
DOCUMENTS_PER_CPU_SECOND = 1000.0  # issue 9


def cases(bench):
    corpus = bench.corpus
    folder = corpus.text
    counts = corpus.counts(folder)
    documents = counts["documents"]
    extracted = bench.work / "in-news-text-extracted"
    normalize(bench.bin / "newsmill-extract",
              ["--text", "--as-is", "--force", "--pipelines", bench.pipelines, "--out", extracted, folder], extracted,
              bench.work / "logs" / "summarize-news-text-setup-newsmill-extract")
    out = bench.work / "out-news-text-summarize"
    arguments = ["--force", "--jobs", 1, "--sentences", 3, "--pipelines", bench.pipelines, "--out", out, extracted]
    contenders = [
        newsmill_stage(bench.bin / "newsmill-summarize", out, arguments, documents, program="newsmill-summarize --jobs 1"),
        python_peer("sumy LexRank", bench.python, PEER, [extracted], documents),
    ]
    return [Case(
        name="news-text",
        description=(f"{folder}: {documents:,} news articles ({counts['text_bytes'] / MB:.1f} MB of UTF-8 text), "
                     f"read by both as newsmill-extract wrote them ({extracted})"),
        inputs=[folder, extracted],
        input_bytes=counts["file_bytes"],
        document_bytes=counts["text_bytes"],
        expected_documents=documents,
        contenders=contenders,
        limits=[Limit("newsmill-summarize --jobs 1", "documents_per_cpu_second", at_least=DOCUMENTS_PER_CPU_SECOND,
                      label=f">= {DOCUMENTS_PER_CPU_SECOND:,.0f} documents per CPU-second (issue 9)")],
    )]
