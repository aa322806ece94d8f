"""Shared helpers of newsmill's evaluation scripts (Pipelines/eval/*.py).

Every evaluation script follows the same steps, and this module holds the parts they share:

1. start from an empty work folder, build/eval/<set>/ (`Run`);
2. turn the data set into newsmill inputs: HTML files linked into a corpus folder
   (`fetch_and_clean`), or clean-stage JSON files written directly (`clean_document`,
   `write_clean_documents`) so that each document carries its own header, e.g. its `published` date;
3. run the newsmill executables over the whole folder, one process per stage (`Run.stage`), timing
   each stage and collecting the documents that failed;
4. convert newsmill's outputs to the scorer's prediction format (in the script itself);
5. run the reference scorer from the evaluation data's `score/` folder and keep its JSON summary as
   score.json (`Run.score`), and record timings and failures as run.json (`Run.finish`).

Data set ids do not always make valid newsmill ids (letters, digits, '-', '_', '.', not starting
with '.' or '_', at most 128 characters); `IdMap` maps them to safe ids and back.

Standard library only.
"""

import argparse
import hashlib
import importlib.util
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PIPELINES = REPO / "Pipelines"

CLEAN_SCHEMA = "newsmill/cleaned/1"
STAGE_FOLDERS = {
    "fetch": "1-normalized",
    "clean": "2-cleaned",
    "segment": "3-segmented",
    "extract": "4-extracted",
    "summarize": "5-summarized",
}

_SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}")
_UNSAFE_CHARS = re.compile(r"[^A-Za-z0-9._]+")
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v\u00a0]*\n")


# --------------------------------------------------------------------------- command line


def arguments(description, sets=None, scorer_python=False, extra=None):
    """Parse the options every evaluation script takes and return them.

    --data     the evaluation data folder (the Makefile's EVAL_DATA)
    --work     the folder for this set's inputs, newsmill outputs, predictions and scores
    --bin      the folder of the newsmill executables
    --jobs     documents each stage processes at once
    --set      which data set, for scripts that handle several (choices: `sets`)
    --python   the Python that runs the scorer, for scorers that need a package (rouge-score)
    and, per script, `extra`: {"--option": (default, help)}.
    """
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--data", type=Path, required=True, help="evaluation data folder (EVAL_DATA)")
    parser.add_argument("--work", type=Path, required=True, help="work folder, e.g. build/eval/<set>")
    parser.add_argument("--bin", type=Path, default=REPO / "build/release/bin",
                        help="folder of the newsmill executables")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2, help="documents processed at once")
    if sets:
        parser.add_argument("--set", required=True, choices=sets, help="data set to evaluate")
    if scorer_python:
        parser.add_argument("--python", default=sys.executable,
                            help="Python interpreter for the scorer (one with rouge-score installed)")
    for name, (default, text) in (extra or {}).items():
        parser.add_argument(name, default=default, help=text)
    args = parser.parse_args()
    if not args.data.is_dir():
        parser.error(f"evaluation data folder not found: {args.data} (set EVAL_DATA)")
    return args


# --------------------------------------------------------------------------- files


def read_json(path):
    """Read a JSON file (UTF-8)."""
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def read_jsonl(path):
    """Read a JSON Lines file: one object per non-empty line."""
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def load_module(path):
    """A Python file as a module (a reference scorer, for its loader and tests)."""
    spec = importlib.util.spec_from_file_location(path.stem.replace("-", "_"), path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_json(path, value):
    """Write `value` as indented UTF-8 JSON, through a temporary file and a rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(value, f, ensure_ascii=False, indent=1)
        f.write("\n")
    tmp.replace(path)


def stage_documents(folder):
    """Return {id: record} for every document file a stage wrote to `folder`."""
    return {p.stem: read_json(p) for p in sorted(Path(folder).glob("*.json")) if not p.name.startswith("_")}


# --------------------------------------------------------------------------- ids


def safe_id(dataset_id):
    """Return a valid newsmill document id for `dataset_id`.

    An id that is already valid is kept. Otherwise each run of characters other than letters, digits,
    '.' and '_' becomes one '-', the result is shortened, and the first 10 hex digits of the SHA-1 of
    the original id are appended, so two different ids never map to the same safe id.
    """
    if _SAFE_ID.fullmatch(dataset_id):
        return dataset_id
    slug = _UNSAFE_CHARS.sub("-", dataset_id).strip("-._")[:100] or "doc"
    digest = hashlib.sha1(dataset_id.encode("utf-8")).hexdigest()[:10]
    return f"{slug}-{digest}"


class IdMap:
    """A two-way map between data set ids and the newsmill ids used for them."""

    def __init__(self):
        self.to_newsmill = {}
        self.to_dataset = {}

    def add(self, dataset_id):
        """Register `dataset_id` and return its newsmill id."""
        newsmill_id = safe_id(dataset_id)
        previous = self.to_dataset.setdefault(newsmill_id, dataset_id)
        if previous != dataset_id:
            raise ValueError(f"ids {previous!r} and {dataset_id!r} both map to {newsmill_id!r}")
        self.to_newsmill[dataset_id] = newsmill_id
        return newsmill_id

    def save(self, path):
        """Write the map as JSON {dataset id: newsmill id}, for looking documents up by hand."""
        write_json(path, self.to_newsmill)


# --------------------------------------------------------------------------- clean-stage input


def paragraph_blocks(text):
    """Split `text` into paragraph blocks at blank lines.

    Returns [{"type": "paragraph", "start", "end"}], offsets in code points into `text`, each block
    trimmed of surrounding whitespace; the text itself is not changed, so offsets that newsmill
    reports into it are offsets into the data set's text.
    """
    blocks, start = [], 0
    for separator in [*_BLANK_LINE.finditer(text), None]:
        end = separator.start() if separator else len(text)
        piece = text[start:end]
        if piece.strip():
            blocks.append({"type": "paragraph",
                           "start": start + len(piece) - len(piece.lstrip()),
                           "end": start + len(piece.rstrip())})
        if separator:
            start = separator.end()
    return blocks


def joined_blocks(paragraphs, title=None):
    """Build a clean text from a title and paragraph strings, as the clean stage lays it out.

    The title (when given) becomes a level-1 heading block, and every block is separated by one
    blank line. Returns (text, blocks).
    """
    parts = ([("heading", title)] if title else []) + [("paragraph", p) for p in paragraphs]
    text, blocks = "", []
    for kind, content in parts:
        content = content.strip()
        if not content:
            continue
        if blocks:
            text += "\n\n"
        block = {"type": kind, "start": len(text), "end": len(text) + len(content)}
        if kind == "heading":
            block["level"] = 1
        blocks.append(block)
        text += content
    return text, blocks


def clean_document(doc_id, text, blocks, *, title=None, published=None, source=None, language="en"):
    """Return a clean-stage record (schema newsmill/cleaned/1) for a text the data set gives as text.

    The record has the header fields (`published` is what relative dates resolve against), the text
    and its blocks, and fixed values for the fields the clean stage would derive from HTML:
    extractor "eval-input", no tags, no metadata sources, nothing removed, simhash "0".
    """
    return {
        "schema": CLEAN_SCHEMA,
        "id": doc_id,
        "source": source or doc_id,
        "title": title,
        "authors": [],
        "published": published,
        "language": language,
        "site": None,
        "url": None,
        "text": text,
        "blocks": blocks,
        "modified": None,
        "description": None,
        "section": None,
        "tags": [],
        "image": None,
        "metadataSources": {},
        "extractor": "eval-input",
        "emptyReason": None if text.strip() else "empty input",
        "removed": [],
        "simhash": "0",
        "cluster": None,
    }


def write_clean_documents(folder, documents):
    """Write clean-stage records, one <id>.json each, into `folder` (created)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for doc in documents:
        with open(folder / f"{doc['id']}.json", "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False)


def sentence_texts(doc, indices=None):
    """Return the texts of a segment or extract record's sentences (all, or those at `indices`)."""
    sentences = doc["sentences"]
    chosen = range(len(sentences)) if indices is None else indices
    return [doc["text"][sentences[i]["start"]:sentences[i]["end"]] for i in chosen]


# --------------------------------------------------------------------------- running


class Run:
    """One evaluation run of one data set: its work folder, stage runs, timings and failures."""

    def __init__(self, name, args):
        """Start the run: empty the work folder `args.work` and start the clock."""
        self.name = name
        self.args = args
        self.work = args.work
        self.stages = []
        self.failures = []
        self.scores = {}
        self.started = time.monotonic()
        if self.work.exists():
            shutil.rmtree(self.work)
        self.work.mkdir(parents=True)
        print(f"eval {name}: work folder {self.work}", file=sys.stderr)

    def folder(self, stage):
        """The work folder of a stage's output (1-normalized, 2-cleaned, ...)."""
        return self.work / STAGE_FOLDERS[stage]

    def stage(self, stage, source, *options):
        """Run newsmill-<stage> once over the folder `source` into its stage folder; return that folder.

        Exit status 1 (some documents failed) is accepted: the failures are read from the stage's
        _errors.jsonl and kept for run.json. Any other non-zero status stops the evaluation.
        """
        out = self.folder(stage)
        executable = self.args.bin / f"newsmill-{stage}"
        if not os.access(executable, os.X_OK):
            raise SystemExit(f"eval {self.name}: {executable} not found; build newsmill first (make build)")
        # The stage's settings file, as `make` passes it.
        settings = PIPELINES / f"{stage}.json"
        command = [str(executable), "--jobs", str(self.args.jobs), "--pipelines", str(PIPELINES),
                   *(["--settings", str(settings)] if settings.exists() else []),
                   *options, "--out", str(out), str(source)]
        cpu_before = _children_cpu_seconds()
        wall_before = time.monotonic()
        status = subprocess.run(command).returncode
        wall = time.monotonic() - wall_before
        cpu = _children_cpu_seconds() - cpu_before
        if status not in (0, 1):
            raise SystemExit(f"eval {self.name}: newsmill-{stage} exited with status {status}")
        manifest = read_json(out / "_manifest.json")
        failures = read_jsonl(out / "_errors.jsonl") if (out / "_errors.jsonl").exists() else []
        self.failures.extend(failures)
        self.stages.append({"stage": stage, "wall_seconds": round(wall, 2), "cpu_seconds": round(cpu, 2),
                            "counts": manifest["counts"]})
        for failure in failures[:5]:
            print(f"eval {self.name}: {stage} failed on {failure.get('input')}: {failure.get('reason')}",
                  file=sys.stderr)
        return out

    def score(self, label, scorer, arguments, python=None):
        """Run the reference scorer `score/<scorer>.py` with `arguments`; return its JSON summary.

        The summary is written to <work>/<label>.json (label "score" gives score.json) and the table
        the scorer prints on standard error to <work>/<label>.txt, and echoed.
        """
        command = [python or sys.executable, str(self.args.data / "score" / f"{scorer}.py"),
                   *map(str, arguments)]
        result = subprocess.run(command, capture_output=True, text=True)
        sys.stderr.write(result.stderr)
        if result.returncode != 0:
            raise SystemExit(f"eval {self.name}: scorer {scorer}.py exited with status {result.returncode}")
        return self.keep_score(label, json.loads(result.stdout), result.stderr)

    def keep_score(self, label, summary, table):
        """Keep a score summary as <work>/<label>.json and its printed table as <work>/<label>.txt."""
        write_json(self.work / f"{label}.json", summary)
        (self.work / f"{label}.txt").write_text(table, encoding="utf-8")
        self.scores[label] = f"{label}.json"
        return summary

    def finish(self, documents, **extra):
        """Write run.json: documents, per-stage wall and CPU time, total wall time, failures."""
        record = {
            "set": self.name,
            "documents": documents,
            "stages": self.stages,
            "newsmill_wall_seconds": round(sum(s["wall_seconds"] for s in self.stages), 2),
            "newsmill_cpu_seconds": round(sum(s["cpu_seconds"] for s in self.stages), 2),
            "total_wall_seconds": round(time.monotonic() - self.started, 2),
            "failed_documents": len(self.failures),
            "failures": self.failures,
            "scores": self.scores,
            **extra,
        }
        write_json(self.work / "run.json", record)
        print(f"eval {self.name}: {documents} documents, newsmill {record['newsmill_wall_seconds']} s wall, "
              f"total {record['total_wall_seconds']} s, {len(self.failures)} failed", file=sys.stderr)


def _children_cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def fetch_and_clean(run, html_folder, suffix=".html.gz"):
    """Run fetch and clean over every `*<suffix>` file of `html_folder`.

    The files are linked into <work>/corpus, so the fetch manifest names each by its file name; the
    data set id is that name without `suffix`. Returns {data set id: clean record or None}: None
    when fetch or clean failed for the page. Exact duplicates get the record of the page they
    duplicate.
    """
    corpus = run.work / "corpus"
    corpus.mkdir()
    pages = sorted(Path(html_folder).glob(f"*{suffix}"))
    if not pages:
        raise SystemExit(f"eval {run.name}: no *{suffix} files in {html_folder}")
    for page in pages:
        (corpus / page.name).symlink_to(page.resolve())
    run.stage("fetch", corpus)
    cleaned = stage_documents(run.stage("clean", run.folder("fetch")))
    records = {}
    for entry in read_json(run.folder("fetch") / "_manifest.json")["documents"]:
        if not entry["input"].endswith(suffix):
            continue
        newsmill_id = entry.get("duplicateOf") or entry.get("id")
        records[entry["input"][: -len(suffix)]] = cleaned.get(newsmill_id)
    return records


def body_without_headline(doc):
    """Return a clean record's article body as the extraction benchmarks define it.

    The benchmarks' reference bodies hold neither the headline nor picture captions; newsmill keeps
    both as typed blocks (a leading level-1 heading, `caption` blocks), so those blocks are left out
    and the rest joined as newsmill joins blocks, with one blank line between them.
    """
    blocks = list(doc["blocks"])
    while blocks and blocks[0]["type"] == "heading" and blocks[0].get("level") == 1:
        blocks.pop(0)
    text = doc["text"]
    body = "\n\n".join(text[b["start"]:b["end"]] for b in blocks if b["type"] != "caption")
    # A page that is not an article has its main content in `listing` (its `text` stays empty).
    return body or doc.get("listing") or ""
