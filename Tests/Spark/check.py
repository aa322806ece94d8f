#!/usr/bin/env python3
"""Checks the Spark job (Pipelines/spark/newsmill_spark.py) in Spark's local mode on Samples/.

    check.py --python VENV_PYTHON --bin DIR --reference OUT

OUT is a per-file run of the pipeline over Samples/ (`make OUT=…`). The job runs over Samples/ with two
partitions; each stage's lines must hold the same documents as OUT's <n>-<stage>/<id>.json (same ids,
same JSON; the clean stage's near-duplicate `cluster` is only computed by the per-file run), every
sample must be accounted for, and a stage that cannot start (exit status 2) must fail the job. A JSON
Lines file of pages given inline must go through every stage too.
Prints one line per check; exits 1 when one fails.
"""

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
JOB = ROOT / "Pipelines" / "spark" / "newsmill_spark.py"
STAGES = [("fetch", "1-normalized"), ("clean", "2-cleaned"), ("segment", "3-segmented"),
          ("extract", "4-extracted"), ("summarize", "5-summarized")]

failures = 0


def check(name, ok, detail=""):
    global failures
    print(f"  {'ok' if ok else 'FAILED'}: {name}" + ("" if ok or not detail else f" ({detail})"))
    failures += 0 if ok else 1


def run_job(python, binary, out, pipelines):
    return subprocess.run([python, str(JOB), "--bin", str(binary), "--pipelines", str(pipelines), "--out", str(out),
                           "--master", "local[2]", "--partitions", "2", str(ROOT / "Samples")],
                          capture_output=True, text=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--python", required=True)
    parser.add_argument("--bin", required=True)
    parser.add_argument("--reference", required=True)
    args = parser.parse_args()
    reference = Path(args.reference)
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "spark"
        result = run_job(args.python, args.bin, out, ROOT / "Pipelines")
        check("the job over Samples/ succeeds", result.returncode == 0, result.stderr[-2000:])
        if result.returncode != 0:
            sys.exit(1)
        for stage, folder in STAGES:
            streamed, records = {}, []
            for part in sorted((out / folder).glob("part-*")):
                for line in part.read_text(encoding="utf-8").splitlines():
                    value = json.loads(line)
                    if "error" in value or "skipped" in value:
                        records.append(value)
                    else:
                        if stage == "clean":
                            value.pop("cluster", None)
                        streamed[value["id"]] = value
            written = {}
            for file in sorted((reference / folder).glob("*.json")):
                if not file.name.startswith("_"):
                    value = json.loads(file.read_text(encoding="utf-8"))
                    if stage == "clean":
                        value.pop("cluster", None)
                    written[file.stem] = value
            check(f"{stage}: the same document ids as the per-file run", sorted(streamed) == sorted(written),
                  f"{sorted(streamed)} vs {sorted(written)}")
            different = [id for id in written if id in streamed and streamed[id] != written[id]]
            check(f"{stage}: the same JSON as the per-file run", not different, ", ".join(different))
            check(f"{stage}: every other sample accounted for (README.md skipped)",
                  [r.get("skipped", "").startswith("not a kind of file") and r.get("input") == "stdin:1 README.md"
                   for r in records] == [True], json.dumps(records)[:300])
        account = json.loads((out / "_account.json").read_text())
        check("_account.json counts 10 done and 1 skipped in every stage",
              all(account[stage] == {"done": 10, "failed": 0, "skipped": 1} for stage, _ in STAGES), json.dumps(account))

        # JSON Lines of fetch inputs: pages given inline, read with sc.textFile.
        lines = Path(scratch) / "pages.jsonl"
        with open(lines, "w", encoding="utf-8") as out:
            for name in ["kellerton-hospital-strike", "vestmark-central-bank-holds-rates"]:
                html = (ROOT / "Samples" / "pages" / f"{name}.html").read_text(encoding="utf-8")
                out.write(json.dumps({"html": html, "url": f"https://example.org/{name}"}) + "\n")
        inline = subprocess.run([args.python, str(JOB), "--bin", str(args.bin), "--pipelines", str(ROOT / "Pipelines"),
                                 "--out", str(Path(scratch) / "inline"), "--master", "local[2]", str(lines)],
                                capture_output=True, text=True)
        check("the job over a JSON Lines file succeeds", inline.returncode == 0, inline.stderr[-2000:])
        if inline.returncode == 0:
            counts = json.loads((Path(scratch) / "inline" / "_account.json").read_text())
            check("both inline pages go through every stage",
                  all(counts[stage] == {"done": 2, "failed": 0, "skipped": 0} for stage, _ in STAGES), json.dumps(counts))
            summaries = [json.loads(line) for part in sorted((Path(scratch) / "inline" / "5-summarized").glob("part-*"))
                         for line in part.read_text(encoding="utf-8").splitlines()]
            check("their summaries keep the URLs they were given as source", sorted(s.get("source") or "" for s in summaries)
                  == ["https://example.org/kellerton-hospital-strike", "https://example.org/vestmark-central-bank-holds-rates"],
                  [s.get("source") for s in summaries])

        broken = run_job(args.python, args.bin, Path(scratch) / "broken", Path(scratch) / "no-pipelines")
        check("a stage that cannot start (exit status 2) fails the job", broken.returncode != 0,
              f"exit status {broken.returncode}")
        check("the failure names the stage and its status", "exited with status 2" in broken.stderr, broken.stderr[-500:])
    print(f"Spark job: {'all checks passed' if failures == 0 else f'{failures} checks FAILED'}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
