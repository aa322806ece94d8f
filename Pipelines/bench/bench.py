#!/usr/bin/env python3
"""Speed and memory of newsmill against Python peers, measured in the same run (make bench).

For every case of the sections asked for (all by default), each program's command is run and measured
alone (wall seconds, CPU seconds, peak RSS), newsmill first, then its peers; the report gives each
program's throughput and the ratios newsmill / peer. It prints the report and writes it to
WORK/report.md, with every run's raw figures in WORK/results.json.

The corpora are built under WORK/corpus/ from the evaluation data when missing (corpus.py); the peers'
packages are installed from PyPI into the virtual environment VENV, never into the system Python.
Exits 1 when a limit fails or a program did not complete a run, after writing the report.

Standard library only.
"""

import argparse
import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import measure
import report
from benchkit import empty_trash
from corpus import Corpus
from measure import MB
from sections import SECTIONS

REPOSITORY = Path(__file__).resolve().parents[2]


@dataclass
class Bench:
    """What a section needs to describe its cases."""

    work: Path  # build/bench: outputs, logs and the report
    bin: Path  # the newsmill executables
    pipelines: Path  # newsmill's Pipelines folder
    python: Path  # the interpreter of the peers' virtual environment
    corpus: Corpus


def main():
    options = arguments()
    sections = [SECTIONS[name] for name in options.section] if options.section else list(SECTIONS.values())
    requirements = sorted({requirement for section in sections for requirement in section.REQUIREMENTS})
    python = virtual_environment(options.venv, requirements)
    work = options.work
    bench = Bench(work, options.bin, REPOSITORY / "Pipelines", python, Corpus(work / "corpus", options.data, log=say))

    empty_trash(work)  # left by a bench that was interrupted
    try:
        sections_results = [run_section(section, bench, options.repeat) for section in sections]
    finally:
        empty_trash(work)
    results = {
        "machine": report.machine(),
        "revision": report.revision(REPOSITORY),
        "bin": str(options.bin),
        "requirements": requirements,
        "repeat": options.repeat,
        "sections": sections_results,
    }
    work.mkdir(parents=True, exist_ok=True)
    (work / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    text = report.markdown(results)
    (work / "report.md").write_text(text)
    print(text)
    say(f"bench: wrote {work / 'report.md'} and {work / 'results.json'}")

    cases = [case for section in results["sections"] for case in section["cases"]]
    failed = [check for case in cases for check in case["limits"] if check["verdict"] == "FAIL"]
    incomplete = [program for case in cases for program in case["programs"] if not program["completed"]]
    sys.exit(1 if failed or incomplete else 0)


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--section", action="append", choices=list(SECTIONS),
                        help="a section to run (repeatable; default: all, in order)")
    parser.add_argument("--data", type=Path, default=REPOSITORY.parent / "shared" / "eval",
                        help="the evaluation data, source of the corpora (default: %(default)s)")
    parser.add_argument("--work", type=Path, default=REPOSITORY / "build" / "bench",
                        help="corpora, outputs, logs and the report (default: %(default)s)")
    parser.add_argument("--bin", type=Path, default=REPOSITORY / "build" / "release" / "bin",
                        help="the newsmill executables (default: %(default)s)")
    parser.add_argument("--venv", type=Path, default=REPOSITORY / "build" / "venv-bench",
                        help="the peers' virtual environment, created if missing (default: %(default)s)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="runs of every command; the report gives medians (default: %(default)s)")
    options = parser.parse_args()
    if options.repeat < 1:
        parser.error("--repeat must be at least 1")
    return options


def virtual_environment(venv, requirements):
    """The Python of `venv`, created if missing, with the pinned `requirements` installed."""
    python = venv / "bin" / "python"
    if not python.exists():
        say(f"bench: creating the virtual environment {venv}")
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    stamp = venv / "bench-requirements.txt"
    installed = set(stamp.read_text().split()) if stamp.exists() else set()
    missing = [requirement for requirement in requirements if requirement not in installed]
    if missing:
        say(f"bench: installing {' '.join(missing)} into {venv}")
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *missing],
                       check=True)
        stamp.write_text("\n".join(sorted(installed | set(missing))) + "\n")
    return python


def run_section(section, bench, repeat):
    """Run every case of `section` and return its results."""
    say(f"bench: section {section.NAME}")
    return {
        "name": section.NAME,
        "title": section.TITLE,
        "basis": section.BASIS,
        "cases": [run_case(section.NAME, case, bench, repeat) for case in section.cases(bench)],
    }


def run_case(section_name, case, bench, repeat):
    """Run every program of `case` `repeat` times, interleaved, and return the figures."""
    measure.warm_up(case.inputs)
    runs = {contender.program: [] for contender in case.contenders}
    outcomes = {contender.program: [] for contender in case.contenders}
    for attempt in range(1, repeat + 1):
        for contender in case.contenders:
            if contender.prepare:
                contender.prepare()
            log = bench.work / "logs" / f"{section_name}-{case.name}-{slug(contender.program)}-{attempt}"
            measurement = measure.run(contender.command, log)
            runs[contender.program].append(measurement)
            outcomes[contender.program].append(contender.outcome(measurement))
            say(f"bench: {section_name}/{case.name}: {contender.program}: {measurement.wall_seconds:.2f} s wall, "
                f"{measurement.cpu_seconds:.2f} s CPU, {measurement.peak_rss_bytes / MB:.0f} MB peak RSS, "
                f"exit status {measurement.exit_status}")

    result = {
        "name": case.name,
        "description": case.description,
        "input_bytes": case.input_bytes,
        "document_bytes": case.document_bytes,
        "expected_documents": case.expected_documents,
        "programs": [],
        "ratios": [],
        "limits": [],
        "problems": [],
    }
    for contender in case.contenders:
        program_runs, program_outcomes = runs[contender.program], outcomes[contender.program]
        typical = measure.typical(program_runs)
        documents = program_outcomes[-1].documents
        document_bytes = program_outcomes[-1].document_bytes
        result["programs"].append({
            "program": contender.program,
            "newsmill": contender.is_newsmill,
            "documents": documents,
            "typical": typical,
            "rates": report.rates(result, typical, documents, document_bytes),
            "completed": all(outcome.completed for outcome in program_outcomes),
            "runs": [m.as_json() for m in program_runs],
        })
        for problem in dict.fromkeys(p for outcome in program_outcomes for p in outcome.problems):
            result["problems"].append(f"{contender.program}: {problem}")

    newsmill = next((p for p in result["programs"] if p["newsmill"]), None)
    for peer in (p for p in result["programs"] if not p["newsmill"] and newsmill):
        result["ratios"].append({
            "newsmill": newsmill["program"],
            "peer": peer["program"],
            "documents_per_cpu_second": quotient(newsmill["rates"]["documents_per_cpu_second"],
                                                 peer["rates"]["documents_per_cpu_second"]),
            "documents_per_second": quotient(newsmill["rates"]["documents_per_second"],
                                             peer["rates"]["documents_per_second"]),
            "peak_rss": quotient(newsmill["typical"]["peak_rss_bytes"], peer["typical"]["peak_rss_bytes"]),
        })

    by_program = {p["program"]: p for p in result["programs"]}
    for limit in case.limits:
        result["limits"].append(check_limit(limit, by_program))
    return result


def check_limit(limit, by_program):
    """The verdict on `limit` from the programs' figures: PASS only when every program involved completed."""
    def figure(program):
        return {**by_program[program]["typical"], **by_program[program]["rates"]}[limit.metric]

    measured = figure(limit.program)
    factor = limit.at_most if limit.at_most is not None else limit.at_least
    reference = figure(limit.against) if limit.against else None
    bound = factor * reference if limit.against else factor
    completed = all(by_program[program]["completed"] for program in (limit.program, limit.against) if program)
    if measured is None or bound is None:
        met = False
    else:
        met = measured <= bound if limit.at_most is not None else measured >= bound
    return {
        "program": limit.program,
        "label": limit.label,
        "metric": limit.metric,
        "at_most": limit.at_most,
        "at_least": limit.at_least,
        "against": limit.against,
        "reference": reference,
        "bound": bound,
        "measured": measured,
        "verdict": "PASS" if met and completed else "FAIL",
    }


def quotient(numerator, denominator):
    return numerator / denominator if numerator is not None and denominator else None


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def say(line):
    print(line, file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
