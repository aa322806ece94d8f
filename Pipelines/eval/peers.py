#!/usr/bin/env python3
"""Measure the whole-pipeline peers on the HTML sets newsmill is evaluated on, with the same scorers.

`make eval-peers` runs this in build/venv-peers, where the peers are installed from PyPI (never into
the system Python). Each peer reads the same page files as newsmill (the bytes of each .html.gz,
decoded by charset_normalizer where the peer takes text) with its default settings, and no page
address (newsmill gets none either):

  - trafilatura: `bare_extraction(html, with_metadata=True)`: its text, title, author (split on
    "; ") and date;
  - newspaper4k: `Article(...).download(input_html=...)`, `.parse()`: its text, title, authors and
    publish_date;
  - news-please: `NewsPlease.from_html(html, url=None)`: its maintext, title, authors and
    date_publish.

Their predictions are scored by the evaluation data's reference scorers (`score/extraction.py`,
`score/metadata.py`) exactly as newsmill's are, into build/eval/peers/<set>/<peer>/. The table
(build/eval/peers.md) puts newsmill's figures from its own last evaluation (build/eval/<set>/,
`make eval-<set>`) next to the peers': the same pages, the same scorer, the same metric.

    python Pipelines/eval/peers.py --data ../shared/eval --work build/eval [--sets naeb htmldate] [--step measure|table]

The peers' results do not depend on newsmill: `--step measure` runs them (build/eval/peers/, ending
with peers/measured.json), `--step table` only writes the table, so a new newsmill evaluation does not
run the peers again.
"""

import argparse
import gzip
import json
import subprocess
import sys
import time
import warnings
from pathlib import Path

from evalkit import write_json

# (set, folder of the data under EVAL_DATA, scorers run on it)
SETS = {
    "scrapinghub": ("extraction/scrapinghub", ["body"]),
    "wcxb": ("extraction/wcxb", ["body", "metadata"]),
    "naeb": ("metadata/naeb", ["metadata", "body"]),
    "htmldate": ("metadata/htmldate", ["metadata"]),
}

# (set, metric, newsmill's score file, the peers' score file, keys into it, digits)
ROWS = [
    ("scrapinghub", "shingle F1", "score", "score-body", ("shingle", "f1")),
    ("wcxb", "word-bag F1, 4 page types", "score", "score-body", ("wordbag", "f1")),
    ("wcxb", "word-bag F1, article", "score", "score-body", ("by_page_type", "article", "wordbag", "f1")),
    ("wcxb", "article pages with every required snippet", "score", "score-body", ("by_page_type", "article", "wordbag", "with_pass")),
    ("wcxb", "article pages with no boilerplate snippet", "score", "score-body", ("by_page_type", "article", "wordbag", "without_pass")),
    ("wcxb", "title exact", "score-metadata", "score-metadata", ("title", "exact")),
    ("wcxb", "authors F1", "score-metadata", "score-metadata", ("authors", "f1")),
    ("wcxb", "date accuracy", "score-metadata", "score-metadata", ("date", "accuracy")),
    ("naeb", "title exact", "score", "score-metadata", ("title", "exact")),
    ("naeb", "authors F1", "score", "score-metadata", ("authors", "f1")),
    ("naeb", "date accuracy", "score", "score-metadata", ("date", "accuracy")),
    ("naeb", "body shingle F1", "score-body", "score-body", ("shingle", "f1")),
    ("htmldate", "date accuracy", "score", "score-metadata", ("date", "accuracy")),
]


def decoded(data):
    """The page's text, for a peer that takes text: UTF-8 when the bytes are, else charset_normalizer's guess."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        import charset_normalizer
        best = charset_normalizer.from_bytes(data).best()
        return str(best) if best is not None else data.decode("utf-8", "replace")


def trafilatura_peer(data):
    import trafilatura
    document = trafilatura.bare_extraction(data, with_metadata=True)
    if document is None:
        return {"text": "", "title": None, "authors": [], "date": None}
    authors = [name.strip() for name in (document.author or "").split(";") if name.strip()]
    return {"text": document.text or "", "title": document.title, "authors": authors, "date": document.date}


def newspaper_peer(data):
    from newspaper import Article
    article = Article("https://localhost/", fetch_images=False)
    article.download(input_html=decoded(data))
    article.parse()
    date = article.publish_date.isoformat() if article.publish_date else None
    return {"text": article.text or "", "title": article.title or None, "authors": list(article.authors), "date": date}


def newsplease_peer(data):
    from newsplease import NewsPlease
    article = NewsPlease.from_html(decoded(data), url=None, fetch_images=False)
    date = article.date_publish.isoformat() if article.date_publish else None
    return {"text": article.maintext or "", "title": article.title or None, "authors": list(article.authors or []), "date": date}


PEERS = {"trafilatura": trafilatura_peer, "newspaper4k": newspaper_peer, "news-please": newsplease_peer}


def version(package):
    from importlib.metadata import version as installed
    return installed(package)


def score(data, scorer, arguments):
    """Run the reference scorer score/<scorer>.py; return its JSON summary."""
    result = subprocess.run([sys.executable, str(data / "score" / f"{scorer}.py"), *map(str, arguments)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stderr)
        raise SystemExit(f"eval-peers: scorer {scorer}.py exited with status {result.returncode}")
    return json.loads(result.stdout)


def run_peer(name, extract, data, dataset, scorers, work):
    """One peer over one set: predictions, scores, and its seconds; returns the scores by label."""
    pages = sorted((dataset / "html").glob("*.html.gz"))
    outputs, failures = {}, {}
    started, cpu = time.monotonic(), time.process_time()
    for path in pages:
        page = path.name[: -len(".html.gz")]
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                outputs[page] = extract(gzip.open(path).read())
        except Exception as error:  # a peer's failure on a page is its empty answer, counted
            failures[page] = f"{type(error).__name__}: {error}"[:300]
            outputs[page] = {"text": "", "title": None, "authors": [], "date": None}
    seconds = {"wall": time.monotonic() - started, "cpu": time.process_time() - cpu}
    scores = {}
    if "body" in scorers:
        write_json(work / "predictions-body.json", {page: out["text"] for page, out in outputs.items()})
        scores["score-body"] = score(data, "extraction", [dataset, work / "predictions-body.json"])
    if "metadata" in scorers:
        metadata = {page: {"title": out["title"], "authors": out["authors"], "date": out["date"]} for page, out in outputs.items()}
        write_json(work / "predictions-metadata.json", metadata)
        scores["score-metadata"] = score(data, "metadata", [dataset, work / "predictions-metadata.json"])
    for label, summary in scores.items():
        write_json(work / f"{label}.json", summary)
    write_json(work / "run.json", {"peer": name, "pages": len(pages), "failed": failures, "seconds": seconds})
    sys.stderr.write(f"eval-peers {dataset.name}: {name}: {len(pages)} pages, {len(failures)} failed, "
                     f"{seconds['cpu']:.1f} CPU s\n")
    return scores


def lookup(scores, keys):
    value = scores
    for key in keys:
        value = value[key]
    return value


def measure(args):
    """Run every peer over every set; write their scores and, last, peers/measured.json."""
    versions = {peer: version(peer) for peer in PEERS}
    for name in args.sets:
        folder, scorers = SETS[name]
        for peer, extract in PEERS.items():
            run_peer(peer, extract, args.data, args.data / folder, scorers, args.work / "peers" / name / peer)
    write_json(args.work / "peers" / "measured.json", {"sets": args.sets, "versions": versions})


def table(args):
    """build/eval/peers.md: newsmill's figures from its own runs beside the peers' measured ones."""
    measured = json.loads((args.work / "peers" / "measured.json").read_text())
    versions = ", ".join(f"{peer} {measured['versions'][peer]}" for peer in PEERS)
    lines = [f"Peers measured on the same pages with the same scorers ({versions}); newsmill from its last "
             "`make eval-<set>` (build/eval/<set>/).", "",
             "| set | metric | newsmill | " + " | ".join(PEERS) + " |", "|---|---|--:|" + "--:|" * len(PEERS)]
    for name, metric, ours, theirs, keys in ROWS:
        if name not in args.sets:
            continue
        ours_file = args.work / name / f"{ours}.json"
        newsmill = f"{lookup(json.loads(ours_file.read_text()), keys):.3f}" if ours_file.exists() else "not run"
        cells = [f"{lookup(json.loads((args.work / 'peers' / name / peer / f'{theirs}.json').read_text()), keys):.3f}"
                 for peer in PEERS]
        lines.append(f"| {name} | {metric} | {newsmill} | " + " | ".join(cells) + " |")
    (args.work / "peers.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="the evaluation data folder (EVAL_DATA)")
    parser.add_argument("--work", type=Path, required=True, help="build/eval: newsmill's results, and peers/ for these")
    parser.add_argument("--sets", nargs="+", default=list(SETS), choices=list(SETS))
    parser.add_argument("--step", choices=["measure", "table", "both"], default="both",
                        help="measure the peers, write the table from the last measurement, or both (default)")
    args = parser.parse_args()
    if args.step in ("measure", "both"):
        measure(args)
    if args.step in ("table", "both"):
        table(args)


if __name__ == "__main__":
    main()
