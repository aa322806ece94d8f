"""What a benchmark section is made of: cases, the programs that compete in them, and limits.

A section (Pipelines/bench/sections/<name>.py) describes its cases; the driver (bench.py) runs them
and the report (report.py) shows them. A case is one input given to newsmill and to one or more
Python peers in the same run, each command measured alone (measure.py); the report gives each
program's throughput and peak memory and the ratios newsmill / peer, since only ratios measured side
by side mean much on a noisy machine.

Standard library only.
"""

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path


def set_aside(folder):
    """Moves `folder` (if there is one) into the trash beside it, deleted when the bench ends (`empty_trash`).

    A run's outputs are removed before the next run so that it writes every document anew. Deleting
    them there, seconds before the run, made the run pay for it: ext4 without a journal (this
    machine's) will not reuse an inode freed in the last half minute, and every file the run then
    creates is allocated past all the freshly freed ones; newsmill-clean's system time grew from
    0.15 s to 0.9 s over five repeats of 1,012 files. The peers write nothing. A rename frees nothing.
    """
    folder = Path(folder)
    if folder.exists():
        trash = folder.parent / TRASH
        trash.mkdir(parents=True, exist_ok=True)
        folder.rename(trash / f"{folder.name}-{len(list(trash.iterdir()))}")


TRASH = ".bench-trash"


def empty_trash(work):
    """Deletes what `set_aside` put aside from the folders in `work` (at the end of a bench, and any
    left by one that was interrupted)."""
    shutil.rmtree(Path(work) / TRASH, ignore_errors=True)


@dataclass
class Outcome:
    """What one run of a program did: the documents it handled, and anything wrong with the run."""

    documents: int
    problems: list = field(default_factory=list)
    completed: bool = True  # False when the program crashed or could not do the run
    document_bytes: int = None  # the bytes it processed, when not the case's (a peer run on part of it)


@dataclass
class Contender:
    """One program of a case: the command to measure, what to do before each run, how to read the result."""

    program: str  # the name shown in the report
    command: list
    outcome: callable  # (Measurement) -> Outcome, called after each run
    prepare: callable = None  # called before each run, not measured (e.g. removing old outputs)
    is_newsmill: bool = False


@dataclass
class Limit:
    """A target one program of a case must meet, shown as PASS or FAIL.

    The bound is `at_most` or `at_least` itself, or, with `against`, that many times the same figure
    of another program of the case (e.g. at_least=1.0, against="blingfire": at least blingfire's).
    """

    program: str
    metric: str  # a typical figure (wall_seconds, cpu_seconds, peak_rss_bytes) or a rate (mb_per_cpu_second, ...)
    at_most: float = None
    label: str = ""  # e.g. "peak RSS <= 200 MB"
    at_least: float = None
    against: str = None  # another program of the case, whose figure the bound multiplies

    def __post_init__(self):
        if (self.at_most is None) == (self.at_least is None):
            raise ValueError(f"limit {self.label!r}: give exactly one of at_most and at_least")


@dataclass
class Case:
    """One input and the programs measured on it."""

    name: str
    description: str
    inputs: list  # paths read by every contender (warmed into the page cache before the runs)
    input_bytes: int  # on disk
    document_bytes: int  # the documents' own bytes (HTML or text), uncompressed: the basis of MB/s
    expected_documents: int
    contenders: list  # the ratios compare the first newsmill contender with each peer
    limits: list = field(default_factory=list)


# ---------------------------------------------------------------------- ready-made contenders


def exit_problems(measurement):
    """A crash or an exit status other than 0, as a problem to report."""
    if measurement.crashed:
        return [f"killed by signal {-measurement.exit_status} (stderr: {measurement.stderr})"]
    if measurement.exit_status != 0:
        return [f"exit status {measurement.exit_status}"]
    return []


def newsmill_stage(executable, out, arguments, expected_documents, program=None):
    """A newsmill stage run over `arguments` into the folder `out`, emptied before each run.

    Its documents are those its _manifest.json counts as ok; failed, duplicate and skipped documents,
    a count other than `expected_documents` and an exit status other than 0 are reported as problems.
    The report names it `program`, by default the executable's name (give another name to each
    contender when a case runs the same stage twice, e.g. with other --jobs).
    """
    executable, out = Path(executable), Path(out)

    def prepare():
        set_aside(out)

    def outcome(measurement):
        problems = exit_problems(measurement)
        manifest = out / "_manifest.json"
        if not manifest.exists():
            problems.append(f"no {manifest} (stderr: {measurement.stderr})")
            return Outcome(0, problems, completed=False)
        counts = json.loads(manifest.read_text()).get("counts", {})
        for status in ("failed", "duplicate", "skipped"):
            if counts.get(status):
                where = f" (see {out}/_errors.jsonl)" if status == "failed" else f" (see {manifest})"
                problems.append(f"{counts[status]} {status}{where}")
        documents = counts.get("ok", 0)
        if documents != expected_documents:
            problems.append(f"{documents} documents written, {expected_documents} expected")
        # Exit status 1 means some documents failed, the others done: the run itself completed.
        return Outcome(documents, problems, completed=measurement.exit_status in (0, 1))

    return Contender(program or executable.name, [executable, *arguments], outcome, prepare, is_newsmill=True)


def newsmill_stream(executable, arguments, expected_documents, program):
    """A newsmill stage run as a streaming filter (--jsonl): JSON Lines in (a file among `arguments`),
    JSON Lines out on standard output, which the benchmark keeps in its log of the run.

    Its documents are the output lines that are not account records ("error", "skipped"); those, a
    count other than `expected_documents` and an exit status other than 0 are reported as problems.
    """

    def outcome(measurement):
        problems = exit_problems(measurement)
        documents = records = 0
        with open(measurement.stdout, "rb") as lines:
            for line in lines:
                head = json.loads(line)
                if "error" in head or "skipped" in head:
                    records += 1
                else:
                    documents += 1
        if records:
            problems.append(f"{records} error or skipped records (see {measurement.stdout})")
        if documents != expected_documents:
            problems.append(f"{documents} documents written, {expected_documents} expected")
        return Outcome(documents, problems, completed=measurement.exit_status in (0, 1))

    return Contender(program, [executable, *arguments], outcome, None, is_newsmill=True)


def python_peer(program, python, script, arguments, expected_documents, partial=False):
    """A Python script run with the benchmark's interpreter; it prints a JSON line with "documents".

    `partial`: it processes part of the case's documents (its JSON line then gives the "bytes" it read),
    and its MB rates count those bytes.
    """

    def outcome(measurement):
        problems = []
        if measurement.exit_status != 0:
            problems.append(f"exit status {measurement.exit_status} (stderr: {measurement.stderr})")
            return Outcome(0, problems, completed=False)
        lines = Path(measurement.stdout).read_text().strip().splitlines()
        figures = json.loads(lines[-1]) if lines else {}
        documents = figures.get("documents", 0)
        if documents != expected_documents:
            problems.append(f"{documents} documents read, {expected_documents} expected")
        return Outcome(documents, problems, document_bytes=figures.get("bytes") if partial else None)

    return Contender(program, [python, script, *arguments], outcome)
