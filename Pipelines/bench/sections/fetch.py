"""Stage 1, fetch-normalize: newsmill-fetch against reading and decoding in Python.

Three cases, each run with newsmill-fetch's default --jobs and --force into an emptied folder
build/bench/out-<case>:

  html      the folder of 2,000 HTML files; the peer reads every file and decodes it
  warc-gz   the same pages as a .warc.gz; the peer streams it with warcio's ArchiveIterator
  warc-1gb  about 10^9 bytes of uncompressed WARC; newsmill-fetch must stream it in at most 200 MB

The peer decodes each payload with bytes.decode('utf-8', errors='replace') and
unicodedata.normalize('NFC') and writes nothing (peers/fetch.py); newsmill-fetch also decides the
charset, removes control characters, hashes the content and writes one JSON file per document.
"""

from pathlib import Path

from benchkit import Case, Limit, newsmill_stage, python_peer
from measure import MB

NAME = "fetch"
TITLE = "Stage 1, fetch-normalize: newsmill-fetch vs Python (read, UTF-8 decode, NFC; warcio for WARC)"
REQUIREMENTS = ["warcio==1.8.1"]
BASIS = "the documents' HTML bytes, uncompressed, whatever the input format"

STREAMING_RSS_LIMIT = 200 * MB
PEER = Path(__file__).resolve().parents[1] / "peers" / "fetch.py"


def cases(bench):
    corpus = bench.corpus
    inputs = [
        ("html", corpus.html, "files", "Python read + decode + NFC",
         "{documents:,} HTML files ({disk:.1f} MB)"),
        ("warc-gz", corpus.pages_warc, "warc", "Python warcio + decode + NFC",
         "the same pages as a WARC, a gzip member per record ({disk:.1f} MB on disk, {html:.1f} MB of HTML)"),
        ("warc-1gb", corpus.repeated_warc, "warc", "Python warcio + decode + NFC",
         "{documents:,} response records, uncompressed WARC ({disk:.1f} MB)"),
    ]
    result = []
    for name, path, mode, peer_name, description in inputs:
        counts = corpus.counts(path)
        documents = counts["documents"]
        out = bench.work / f"out-{name}"
        newsmill_arguments = ["--force", "--pipelines", bench.pipelines, "--out", out, path]
        case = Case(
            name=name,
            description=f"{path}: " + description.format(documents=documents, disk=counts["file_bytes"] / MB,
                                                         html=counts["html_bytes"] / MB),
            inputs=[path],
            input_bytes=counts["file_bytes"],
            document_bytes=counts["html_bytes"],
            expected_documents=documents,
            contenders=[
                newsmill_stage(bench.bin / "newsmill-fetch", out, newsmill_arguments, documents),
                python_peer(peer_name, bench.python, PEER, [mode, path], documents),
            ],
        )
        if name == "warc-1gb":
            case.limits.append(Limit("newsmill-fetch", "peak_rss_bytes", STREAMING_RSS_LIMIT,
                                     f"peak RSS <= {STREAMING_RSS_LIMIT / MB:.0f} MB while streaming 1 GB"))
        result.append(case)
    return result
