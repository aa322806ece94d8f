#!/usr/bin/env python3
"""Write each stage's settings file, Pipelines/<stage>.json, from the stage itself.

Every threshold and weight of a stage is a field of its settings type in Swift, with its default and a
documentation comment. This script asks each executable for its settings (`--print-settings`, the
defaults when no --settings is given) and writes them to Pipelines/<stage>.json in the order the type
declares them, each value after a "// name" key holding the field's documentation comment (the stages
skip keys that start with "//"). `make` passes the file to its stage, so the file is where a user reads
and changes a setting; a test checks that the files hold exactly the code's defaults, so after changing a
default in code, run `make settings`.

  python3 Pipelines/make/settings.py --bin build/release/bin [--check]
"""
import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# stage: (settings type, the Swift files that declare it and its nested settings types)
STAGES = {
    "fetch": ("FetchSettings", ["Sources/NewsmillFetch/Fetch.swift", "Sources/NewsmillFetch/HTTPFetcher.swift"]),
    "clean": ("CleanSettings", ["Sources/NewsmillClean/CleanSettings.swift"]),
    "segment": ("SegmentSettings", ["Sources/NewsmillSegment/SegmentLexicon.swift"]),
    "extract": ("ExtractSettings", ["Sources/NewsmillExtract/ExtractLexicon.swift"]),
    "summarize": ("SummarizeSettings", ["Sources/NewsmillSummarize/Summarizer.swift"]),
}

STRUCT = re.compile(r"^\s*public struct (\w+)\b")
FIELD = re.compile(r"^\s*public var (\w+)\b")
DOC = re.compile(r"^\s*///\s?(.*)$")


def documented_fields(files):
    """{struct name: [(field, comment)]} in declaration order, for the settings structs in `files`."""
    structs = {}
    for name in files:
        current, comment = None, []
        for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
            if m := STRUCT.match(line):
                current = m.group(1) if m.group(1).endswith("Settings") else None
                if current:
                    structs[current] = []
                comment = []
            elif m := DOC.match(line):
                comment.append(m.group(1).strip())
            elif current and (m := FIELD.match(line)):
                structs[current].append((m.group(1), " ".join(comment)))
                comment = []
            elif line.startswith("}"):
                current, comment = None, []
            else:
                comment = []
    return structs


def ordered(values, fields, structs, nested_types):
    """`values` (the stage's JSON) as a dict in declaration order, with a "// name" comment before each."""
    result = {}
    known = [name for name, _ in fields if name in values]
    for name in known + sorted(set(values) - set(known)):
        comment = dict(fields).get(name, "")
        if comment:
            result[f"// {name}"] = comment
        value = values[name]
        if isinstance(value, dict) and name in nested_types:
            value = ordered(value, structs.get(nested_types[name], []), structs, {})
        result[name] = value
    return result


def render(stage, bin_dir):
    type_name, files = STAGES[stage]
    executable = bin_dir / f"newsmill-{stage}"
    run = subprocess.run([str(executable), "--print-settings"], capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit(f"settings: {executable} --print-settings failed: {run.stderr.strip()}")
    values = json.loads(run.stdout)
    structs = documented_fields(files)
    nested = {"http": "HTTPSettings"} if stage == "fetch" else {}
    body = {"//": f"Settings of newsmill-{stage}: every threshold and weight, with its default. `make` passes this "
                  f"file to the stage (--settings); keys starting with // are comments. Written by `make settings` "
                  f"from {type_name} ({', '.join(files)}); edit a value here to change a run."}
    body.update(ordered(values, structs.get(type_name, []), structs, nested))
    return json.dumps(body, indent=2, ensure_ascii=False) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", type=Path, required=True, help="folder of the built executables")
    parser.add_argument("--check", action="store_true", help="only report files that differ; exit 1 if any do")
    args = parser.parse_args()
    stale = []
    for stage in STAGES:
        path = ROOT / "Pipelines" / f"{stage}.json"
        text = render(stage, args.bin)
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        if args.check:
            stale.append(path.relative_to(ROOT))
        else:
            tmp = path.with_suffix(".json.tmp")
            tmp.write_text(text, encoding="utf-8")
            tmp.replace(path)
            print(f"settings: wrote {path.relative_to(ROOT)}")
    if stale:
        print("settings: out of date (run `make settings`): " + ", ".join(map(str, stale)), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
