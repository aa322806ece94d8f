#!/usr/bin/env python3
"""Build the benchmark corpora from the HTML pages and news articles of the evaluation data.

Under the corpus folder (default build/bench/corpus/) it builds, each only when it is missing:

  html/             2,000 HTML files, NNNN-<set>-<name>.html
  pages.warc.gz     the same 2,000 pages as a WARC, one gzip member per record as Common Crawl writes
                    them: a warcinfo record, then a request and a response record per page
  repeated.warc     an uncompressed WARC of about 10^9 bytes: a warcinfo record and the response
                    records of the same pages over and over, each with its own URI and payload
  pages.tsv         which evaluation page each document is
  text/             about 5 MB of English news text, one article per NNNN-<set>-<id>.txt file
  text.tsv          which evaluation article each text file is
  scrapinghub/      the 92 ScrapingHub pages, 11 times over: 1,012 HTML files, NNNN-scrapinghub-<name>.html
  scrapinghub.tsv   which ScrapingHub page each of those files is
  pipeline-N/       N HTML files (10,000 by default; the pipeline section's sizes) in folders of
                    1,000 (00/, 01/, ...), NNNNN-<set>-<name>.html, for the whole-pipeline benchmark

and beside each of the five a JSON file with its counts (documents, records, HTML payload bytes or text
bytes, file bytes), written before the corpus itself is moved into place.

Construction: the 1,408 pages of extraction/scrapinghub, extraction/wcxb, metadata/naeb and
metadata/htmldate (sorted by path, shuffled with a fixed seed) are used in that order and then again
from the start until there are 2,000 documents; document N is its page's bytes followed by the line
"<!-- newsmill bench document N, from <source> -->", so that no two documents have the same bytes.
The repeated WARC goes through the same 2,000 pages again and again, record K carrying the comment
"<!-- newsmill bench record K, from <source> -->" and the URI https://bench.example/repeated/K/...
Everything (order, URIs, dates, record ids, gzip headers) is deterministic.

The text corpus: the articles ("article") of summaries/cnn-corpus.jsonl and summaries/cnndm-test.jsonl,
in file and line order, shuffled with the same seed, are used in that order and then again from the
start until the files hold at least 5 * 10^6 bytes; document N is its article, a blank line and the line
"newsmill bench document N, from <file> line <line>.", as UTF-8 (the articles are copyrighted news, used
only for measurement, and stay under build/).

The pipeline corpora: the same construction as html/ (the 1,408 pages in the same shuffled order,
taken again and again), document N being its page followed by the line
"<!-- newsmill bench pipeline document N, from <source> -->", N up to the size asked for.

The ScrapingHub corpus (clean): the 92 pages of extraction/scrapinghub (decompressed once), sorted by
path, shuffled with the same seed and taken in that order 11 times (1,012 documents, every page as
often as the others); document N is its page's bytes followed by the line
"<!-- newsmill bench document N, from <source> -->", as in html/.

Standard library only (the WARC is written with the gzip module).
"""

import argparse
import base64
import gzip
import hashlib
import json
import os
import random
import re
import shutil
import sys
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

SOURCE_FOLDERS = [
    "extraction/scrapinghub/html",
    "extraction/wcxb/html",
    "metadata/naeb/html",
    "metadata/htmldate/html",
]
DOCUMENTS = 2000
REPEATED_BYTES = 10**9
SEED = 20240115
FIRST_DATE = datetime(2024, 1, 15, tzinfo=timezone.utc)
HOST = "bench.example"
RECORD_ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_DNS, HOST)

HTML_FOLDER = "html"
PAGES_WARC = "pages.warc.gz"
REPEATED_WARC = "repeated.warc"
PAGES_TABLE = "pages.tsv"

ARTICLE_FILES = [
    "summaries/cnn-corpus.jsonl",
    "summaries/cnndm-test.jsonl",
]
ARTICLE_SETS = {"cnn-corpus": "cnn", "cnndm-test": "cnndm"}  # the set's short name in a file name
TEXT_BYTES = 5 * 10**6
TEXT_FOLDER = "text"
TEXT_TABLE = "text.tsv"
TEXT_JSONL = "text.jsonl"  # the same articles as JSON Lines, {"id": <file stem>, "text": …}, for --jsonl

SCRAPINGHUB_SOURCE = "extraction/scrapinghub/html"
SCRAPINGHUB_ROUNDS = 11  # times each of the 92 pages is taken: 1,012 documents
SCRAPINGHUB_FOLDER = "scrapinghub"
SCRAPINGHUB_TABLE = "scrapinghub.tsv"


@dataclass
class Page:
    """One document of the corpus."""

    number: int
    source: str  # path of the evaluation page, relative to the data folder
    set: str  # the data set it comes from (scrapinghub, wcxb, naeb, htmldate)
    body: bytes  # the page with its distinguishing comment
    charset: str  # what the HTTP header of the WARC declares

    @property
    def name(self):
        stem = Path(self.source).name.split(".")[0][:12]
        return f"{self.number:04d}-{self.set}-{stem}"

    @property
    def uri(self):
        return f"https://{HOST}/{self.set}/{self.number:04d}/{self.name}.html"

    @property
    def date(self):
        return FIRST_DATE + timedelta(seconds=self.number)


@dataclass
class Article:
    """One news article of the evaluation data (the text corpus)."""

    source: str  # <file> line <line>, the file relative to the data folder
    set: str  # cnn or cnndm
    id: str  # its "id" in the evaluation data
    text: str


class Corpus:
    """The benchmark corpora in `folder`, built from the evaluation data in `data` when missing."""

    def __init__(self, folder, data, log=print):
        self.folder = Path(folder)
        self.data = Path(data)
        self.log = log
        self._pages = None

    # ------------------------------------------------------------------ the three corpora

    @property
    def html(self):
        """The folder of 2,000 HTML files."""
        return self._ensure(HTML_FOLDER, self._write_html_folder)

    @property
    def pages_warc(self):
        """The 2,000 pages as a gzip-compressed WARC."""
        return self._ensure(PAGES_WARC, self._write_pages_warc)

    @property
    def repeated_warc(self):
        """About 10^9 bytes of uncompressed WARC response records."""
        return self._ensure(REPEATED_WARC, self._write_repeated_warc)

    @property
    def text(self):
        """The folder of about 5 MB of news text, one article per .txt file."""
        return self._ensure(TEXT_FOLDER, self._write_text_folder)

    @property
    def text_jsonl(self):
        """The text corpus as one JSON Lines file, one {"id", "text"} object per article, in file order."""
        return self._ensure(TEXT_JSONL, self._write_text_jsonl)

    def pipeline(self, size):
        """The folder of `size` HTML files for the whole-pipeline benchmark, in folders of 1,000."""
        return self._ensure(f"pipeline-{size}", lambda folder: self._write_pipeline_folder(folder, size))

    @property
    def scrapinghub(self):
        """The folder of the 92 ScrapingHub pages 11 times over, 1,012 HTML files."""
        return self._ensure(SCRAPINGHUB_FOLDER, self._write_scrapinghub_folder)

    def counts(self, corpus_path):
        """The counts written beside a corpus: documents, records, html_bytes or text_bytes, file_bytes."""
        return json.loads(_counts_path(corpus_path).read_text())

    def build_all(self):
        return [self.html, self.pages_warc, self.repeated_warc, self.text, self.text_jsonl, self.scrapinghub]

    # ------------------------------------------------------------------ building

    def _ensure(self, name, write):
        """The path of corpus `name`, written first (to a temporary name, then moved) if missing."""
        path = self.folder / name
        if path.exists() and _counts_path(path).exists():
            return path
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = self.folder / (name + ".tmp")
        _remove(temporary)
        self.log(f"bench: building {path}")
        counts = write(temporary)
        counts["file_bytes"] = _size(temporary)
        _counts_path(path).write_text(json.dumps(counts, indent=2) + "\n")
        _remove(path)
        os.replace(temporary, path)
        return path

    @property
    def pages(self):
        """The 2,000 documents, read from the evaluation data on first use."""
        if self._pages is None:
            sources = self._sources()
            originals = {}
            self._pages = []
            for number in range(DOCUMENTS):
                path = sources[number % len(sources)]
                if path not in originals:
                    originals[path] = _read_page(path)
                source = path.relative_to(self.data).as_posix()
                comment = f"\n<!-- newsmill bench document {number}, from {source} -->\n".encode()
                body = originals[path] + comment
                self._pages.append(Page(number, source, source.split("/")[1], body, _charset(body)))
            self._write_table()
        return self._pages

    def _write_table(self):
        self.folder.mkdir(parents=True, exist_ok=True)
        lines = ["number\tfile\turi\tsource\tcharset\tbytes"]
        lines += [f"{p.number}\t{p.name}.html\t{p.uri}\t{p.source}\t{p.charset}\t{len(p.body)}" for p in self.pages]
        (self.folder / PAGES_TABLE).write_text("\n".join(lines) + "\n")

    def _write_html_folder(self, folder):
        folder.mkdir()
        for page in self.pages:
            (folder / f"{page.name}.html").write_bytes(page.body)
        return {"documents": len(self.pages), "records": 0, "html_bytes": sum(len(p.body) for p in self.pages)}

    def _write_pages_warc(self, path):
        with open(path, "wb") as out:
            info_id = _record_id("warcinfo", PAGES_WARC)
            out.write(_gzip(_warcinfo(info_id, PAGES_WARC)))
            for page in self.pages:
                request_id = _record_id("request", page.uri)
                out.write(_gzip(_request(page, request_id, info_id)))
                out.write(_gzip(_response(page, _record_id("response", page.uri), info_id, request_id)))
        return {"documents": len(self.pages), "records": 1 + 2 * len(self.pages),
                "html_bytes": sum(len(p.body) for p in self.pages)}

    def _write_repeated_warc(self, path):
        documents = html_bytes = 0
        with open(path, "wb") as out:
            info_id = _record_id("warcinfo", REPEATED_WARC)
            written = out.write(_warcinfo(info_id, REPEATED_WARC))
            while written < REPEATED_BYTES:
                page = self.pages[documents % len(self.pages)]
                body = page.body.rsplit(b"\n<!-- newsmill bench document ", 1)[0]
                body += f"\n<!-- newsmill bench record {documents}, from {page.source} -->\n".encode()
                repeat = Page(documents, page.source, "repeated", body, page.charset)
                written += out.write(_response(repeat, _record_id("response", repeat.uri), info_id))
                documents += 1
                html_bytes += len(body)
        return {"documents": documents, "records": 1 + documents, "html_bytes": html_bytes}

    def _articles(self):
        """The articles of ARTICLE_FILES, in file and line order."""
        articles = []
        for file in ARTICLE_FILES:
            path = self.data / file
            if not path.exists():
                raise SystemExit(f"bench: no {path}; pass --data (now {self.data})")
            short = ARTICLE_SETS[Path(file).name.split(".")[0]]
            with open(path, encoding="utf-8") as lines:
                for number, line in enumerate(lines, 1):
                    if line.strip():
                        record = json.loads(line)
                        articles.append(Article(f"{file} line {number}", short, record["id"], record["article"]))
        return articles

    def _write_text_folder(self, folder):
        articles = self._articles()
        random.Random(SEED).shuffle(articles)
        folder.mkdir()
        rows = ["number\tfile\tsource\tid\tbytes"]
        text_bytes = 0
        while text_bytes < TEXT_BYTES:
            number = len(rows) - 1
            article = articles[number % len(articles)]
            name = f"{number:04d}-{article.set}-{_safe(article.id)}.txt"
            body = f"{article.text.rstrip()}\n\nnewsmill bench document {number}, from {article.source}.\n".encode()
            (folder / name).write_bytes(body)
            text_bytes += len(body)
            rows.append(f"{number}\t{name}\t{article.source}\t{article.id.replace(chr(9), ' ')}\t{len(body)}")
        (self.folder / TEXT_TABLE).write_text("\n".join(rows) + "\n")
        documents = len(rows) - 1
        return {"documents": documents, "articles": min(documents, len(articles)), "records": 0,
                "text_bytes": text_bytes}

    def _write_text_jsonl(self, path):
        folder = self.text
        documents = text_bytes = 0
        with open(path, "w", encoding="utf-8") as out:
            for file in sorted(folder.glob("*.txt")):
                text = file.read_bytes().decode("utf-8")
                out.write(json.dumps({"id": file.stem, "text": text}, ensure_ascii=False) + "\n")
                documents += 1
                text_bytes += len(text.encode("utf-8"))
        return {"documents": documents, "records": 0, "text_bytes": text_bytes}

    def _sources(self):
        """The evaluation pages, sorted by path and shuffled with the fixed seed."""
        sources = []
        for folder in SOURCE_FOLDERS:
            found = sorted((self.data / folder).glob("*.htm*"))
            if not found:
                raise SystemExit(f"bench: no HTML pages in {self.data / folder}; pass --data (now {self.data})")
            sources += found
        random.Random(SEED).shuffle(sources)
        return sources

    def _write_pipeline_folder(self, folder, size):
        sources = self._sources()
        originals = {}
        html_bytes = 0
        for number in range(size):
            path = sources[number % len(sources)]
            if path not in originals:
                originals[path] = _read_page(path)
            source = path.relative_to(self.data).as_posix()
            body = originals[path] + f"\n<!-- newsmill bench pipeline document {number}, from {source} -->\n".encode()
            shard = folder / f"{number // 1000:02d}"
            shard.mkdir(parents=True, exist_ok=True)
            (shard / f"{number:05d}-{source.split('/')[1]}-{Path(source).name.split('.')[0][:12]}.html").write_bytes(body)
            html_bytes += len(body)
        return {"documents": size, "records": 0, "html_bytes": html_bytes}

    def _write_scrapinghub_folder(self, folder):
        sources = sorted((self.data / SCRAPINGHUB_SOURCE).glob("*.htm*"))
        if not sources:
            raise SystemExit(f"bench: no HTML pages in {self.data / SCRAPINGHUB_SOURCE}; pass --data (now {self.data})")
        random.Random(SEED).shuffle(sources)
        originals = {path: _read_page(path) for path in sources}  # decompressed once
        folder.mkdir()
        rows = ["number\tfile\tsource\tbytes"]
        html_bytes = 0
        for number in range(SCRAPINGHUB_ROUNDS * len(sources)):
            path = sources[number % len(sources)]
            source = path.relative_to(self.data).as_posix()
            body = originals[path] + f"\n<!-- newsmill bench document {number}, from {source} -->\n".encode()
            name = f"{number:04d}-scrapinghub-{path.name.split('.')[0][:12]}.html"
            (folder / name).write_bytes(body)
            html_bytes += len(body)
            rows.append(f"{number}\t{name}\t{source}\t{len(body)}")
        (self.folder / SCRAPINGHUB_TABLE).write_text("\n".join(rows) + "\n")
        documents = len(rows) - 1
        return {"documents": documents, "pages": len(sources), "records": 0, "html_bytes": html_bytes}


# ---------------------------------------------------------------------- WARC records


def _record(headers, block):
    """One WARC/1.0 record: the header lines, Content-Length, a blank line, the block, two CRLFs."""
    lines = ["WARC/1.0"] + [f"{name}: {value}" for name, value in headers]
    lines.append(f"Content-Length: {len(block)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def _warcinfo(record_id, filename):
    fields = b"software: newsmill Pipelines/bench/corpus.py\r\nformat: WARC File Format 1.0\r\n"
    return _record([
        ("WARC-Type", "warcinfo"),
        ("WARC-Date", _warc_date(FIRST_DATE)),
        ("WARC-Filename", filename),
        ("WARC-Record-ID", record_id),
        ("Content-Type", "application/warc-fields"),
    ], fields)


def _request(page, record_id, info_id):
    path = page.uri.split(HOST, 1)[1]
    block = (f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\nUser-Agent: newsmill-bench\r\n"
             "Accept: text/html,application/xhtml+xml\r\nAccept-Encoding: identity\r\n\r\n").encode()
    return _record([
        ("WARC-Type", "request"),
        ("WARC-Date", _warc_date(page.date)),
        ("WARC-Record-ID", record_id),
        ("WARC-Warcinfo-ID", info_id),
        ("WARC-Target-URI", page.uri),
        ("Content-Type", "application/http; msgtype=request"),
        ("WARC-Block-Digest", _digest(block)),
    ], block)


def _response(page, record_id, info_id, request_id=None):
    http_date = page.date.strftime("%a, %d %b %Y %H:%M:%S GMT")
    head = (f"HTTP/1.1 200 OK\r\nDate: {http_date}\r\nServer: bench\r\n"
            f"Content-Type: text/html; charset={page.charset}\r\nContent-Length: {len(page.body)}\r\n\r\n").encode()
    block = head + page.body
    headers = [
        ("WARC-Type", "response"),
        ("WARC-Date", _warc_date(page.date)),
        ("WARC-Record-ID", record_id),
        ("WARC-Warcinfo-ID", info_id),
    ]
    if request_id:
        headers.append(("WARC-Concurrent-To", request_id))
    headers += [
        ("WARC-Target-URI", page.uri),
        ("Content-Type", "application/http; msgtype=response"),
        ("WARC-Payload-Digest", _digest(page.body)),
        ("WARC-Block-Digest", _digest(block)),
    ]
    return _record(headers, block)


def _record_id(kind, key):
    return f"<urn:uuid:{uuid.uuid5(RECORD_ID_NAMESPACE, kind + ' ' + key)}>"


def _warc_date(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _digest(data):
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode()


def _gzip(record):
    """One gzip member per record, with no time stamp, so the file is the same on every build."""
    return gzip.compress(record, compresslevel=6, mtime=0)


# ---------------------------------------------------------------------- small helpers


def _safe(text, length=40):
    """`text` in lowercase letters, digits and '-', at most `length` characters."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:length].strip("-") or "article"


def _read_page(path):
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def _charset(body):
    """The charset the HTTP header declares: UTF-8 when the bytes are valid UTF-8, else windows-1252."""
    try:
        body.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "windows-1252"


def _counts_path(corpus_path):
    return corpus_path.with_name(corpus_path.name + ".json")


def _size(path):
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return path.stat().st_size


def _remove(path):
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default="../shared/eval", help="the evaluation data folder (default: %(default)s)")
    parser.add_argument("--folder", default="build/bench/corpus", help="where the corpora go (default: %(default)s)")
    options = parser.parse_args()
    corpus = Corpus(options.folder, options.data, log=lambda line: print(line, file=sys.stderr))
    for path in corpus.build_all():
        counts = corpus.counts(path)
        content = f"{counts['html_bytes'] / 1e6:.1f} MB of HTML" if "html_bytes" in counts else \
            f"{counts['text_bytes'] / 1e6:.1f} MB of text"
        print(f"{path}: {counts['documents']} documents, {content}, {counts['file_bytes'] / 1e6:.1f} MB on disk")


if __name__ == "__main__":
    main()
