"""The benchmark report: the machine, then per section a table of every program on every case, the
ratios newsmill / peer, the limits (PASS or FAIL) and the problems seen. The same Markdown is printed
and written to build/bench/report.md; results.json holds every run's raw figures.

Standard library only.
"""

import os
import platform
import re
import subprocess
from datetime import datetime

from measure import MB

_NUMBER = re.compile(r"-|[0-9][0-9,]*(\.[0-9]+)?x?")


def machine():
    """The machine the benchmark ran on, and when."""
    return {
        "date": datetime.now().astimezone().isoformat(timespec="seconds"),
        "nproc": len(os.sched_getaffinity(0)),
        "cpu": _cpuinfo_field("model name") or platform.processor() or "unknown",
        "memory_bytes": _meminfo_bytes("MemTotal"),
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
    }


def revision(repository):
    """The newsmill commit measured, with "+changes" when the work tree differs from it."""
    def git(*arguments):
        return subprocess.run(["git", "-C", str(repository), *arguments], capture_output=True, text=True).stdout.strip()
    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    return commit + ("+changes" if git("status", "--porcelain", "--untracked-files=no") else "")


def rates(case, typical, documents, document_bytes=None):
    """Throughput of one program on one case: documents and MB (of HTML or text) per wall and per CPU second.
    `document_bytes` replaces the case's bytes for a program that processed part of them."""
    wall, cpu = typical["wall_seconds"], typical["cpu_seconds"]
    size = case["document_bytes"] if document_bytes is None else document_bytes
    return {
        "documents_per_second": documents / wall if wall else None,
        "mb_per_second": size / MB / wall if wall else None,
        "documents_per_cpu_second": documents / cpu if cpu else None,
        "mb_per_cpu_second": size / MB / cpu if cpu else None,
    }


def markdown(results):
    """The whole report as Markdown."""
    m = results["machine"]
    lines = [
        "# newsmill benchmarks",
        "",
        f"- date: {m['date']}",
        f"- machine: {m['nproc']} CPUs ({m['cpu']}), {m['memory_bytes'] / 2**30:.1f} GiB memory, {m['system']}",
        f"- newsmill {results['revision']} ({results['bin']}), Python {m['python']} with "
        + (", ".join(results["requirements"]) or "no packages"),
        f"- every command measured alone: wall seconds, CPU seconds (user + system) and peak RSS of its process; "
        f"{_runs(results['repeat'])}",
        "- MB = 10^6 bytes; MB/s counts the documents' own bytes, uncompressed, whatever the input format "
        "(each section says which)",
    ]
    for section in results["sections"]:
        lines += ["", f"## {section['name']}: {section['title']}", "", f"MB counts {section['basis']}.", ""]
        lines += [f"- `{case['name']}`: {case['description']}" for case in section["cases"]]
        lines += [""] + _table(
            ["case", "program", "docs", "wall s", "CPU s", "docs/s", "MB/s", "docs/CPU-s", "MB/CPU-s", "peak RSS MB"],
            [[case["name"], program["program"], f"{program['documents']:,}",
              _number(program["typical"]["wall_seconds"]), _number(program["typical"]["cpu_seconds"]),
              _number(program["rates"]["documents_per_second"]), _number(program["rates"]["mb_per_second"]),
              _number(program["rates"]["documents_per_cpu_second"]), _number(program["rates"]["mb_per_cpu_second"]),
              _number(program["typical"]["peak_rss_bytes"] / MB)]
             for case in section["cases"] for program in case["programs"]])
        ratios = [(case["name"], ratio) for case in section["cases"] for ratio in case["ratios"]]
        if ratios:
            lines += ["", "Ratios newsmill / peer (documents per second: above 1, newsmill is faster; "
                      "peak RSS: above 1, newsmill uses more):", ""]
            lines += _table(
                ["case", "newsmill / peer", "docs per CPU-s", "docs per wall-s", "peak RSS"],
                [[name, f"{r['newsmill']} / {r['peer']}", _ratio(r["documents_per_cpu_second"]),
                  _ratio(r["documents_per_second"]), _ratio(r["peak_rss"])] for name, r in ratios])
        checks = [(case["name"], check) for case in section["cases"] for check in case["limits"]]
        if checks:
            lines += [""] + [f"- **{check['verdict']}** `{name}` {check['program']}: {check['label']} "
                             f"({_measured(check)})" for name, check in checks]
        problems = [(case["name"], problem) for case in section["cases"] for problem in case["problems"]]
        lines += ["", "Problems: " + ("none" if not problems else "")]
        lines += [f"- `{name}` {problem}" for name, problem in problems]
    return "\n".join(lines) + "\n"


def _table(header, rows):
    """A Markdown table with padded columns, readable as plain text too; numbers right-aligned."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows)]
    numeric = [all(_is_number(row[i]) for row in rows) for i in range(len(header))]

    def line(cells):
        padded = [str(c).rjust(w) if n else str(c).ljust(w) for c, w, n in zip(cells, widths, numeric)]
        return "| " + " | ".join(padded) + " |"

    rule = "|" + "|".join(("-" * (w + 1) + ":") if n else ("-" * (w + 2)) for w, n in zip(widths, numeric)) + "|"
    return [line(header), rule] + [line(row) for row in rows]


def _number(value):
    """Three significant figures, or the units for larger numbers."""
    if value is None:
        return "-"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:#.3g}" if abs(value) >= 1 else f"{value:.3f}"


def _ratio(value):
    return "-" if value is None else f"{value:.3g}x"


def _measured(check):
    """What a limit check measured, and the other program's figure when the bound is relative to it."""
    text = f"measured {_figure(check['metric'], check['measured'])}"
    if check["against"]:
        text += f"; {check['against']} {_figure(check['metric'], check['reference'])}"
    return text


def _figure(metric, value):
    if value is None:
        return "-"
    if metric.endswith("_bytes"):
        return f"{value / MB:.1f} MB"
    if metric.endswith("_seconds"):
        return f"{value:.2f} s"
    unit = {"mb_per_cpu_second": "MB per CPU-second", "mb_per_second": "MB/s",
            "documents_per_cpu_second": "documents per CPU-second", "documents_per_second": "documents/s"}
    return f"{value:.3g} {unit.get(metric, metric)}"


def _runs(repeat):
    return "one run each" if repeat == 1 else f"median of {repeat} runs each (largest peak RSS), interleaved"


def _is_number(text):
    return bool(_NUMBER.fullmatch(str(text)))


def _cpuinfo_field(name):
    try:
        with open("/proc/cpuinfo") as handle:
            for line in handle:
                key, _, value = line.partition(":")
                if key.strip() == name:
                    return value.strip()
    except OSError:
        pass
    return None


def _meminfo_bytes(name):
    try:
        with open("/proc/meminfo") as handle:
            for line in handle:
                key, _, value = line.partition(":")
                if key == name:
                    return int(value.split()[0]) * 1024
    except OSError:
        pass
    return 0
