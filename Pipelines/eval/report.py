#!/usr/bin/env python3
"""Print the summary table of newsmill's evaluation and write it to build/eval/summary.md.

For every data set whose evaluation has run (build/eval/<set>/score.json and run.json), one row per
headline metric: newsmill's measured figure, and the figures of other tools as the evaluation data's
READMEs quote them (published figures, not measured here; the README each comes from is named).
Wall times are those of the last run: the newsmill stages alone, and the whole script (inputs,
stages, conversion, scoring).

    python3 Pipelines/eval/report.py --work build/eval [--sets ner dates]

Standard library only.
"""

import argparse
import json
import sys
from pathlib import Path

EVAL_README = "eval README"


def number(*keys, digits=1):
    """A getter: the value under `keys` (nested) in a score file, rounded to `digits`."""
    def get(scores):
        value = scores
        for key in keys:
            value = value[key]
        return f"{value:.{digits}f}"
    return get


def rouge(scores):
    """R-1 / R-2 / R-Lsum of a summaries score file."""
    return " / ".join(f"{scores[k]['F']:.1f}" for k in ("rouge1", "rouge2", "rougeLsum"))


def golden(scores):
    """Golden Rules cases passed, as "n/26"."""
    return f"{scores['golden_rules']['passed']}/{scores['golden_rules']['cases']}"


# (set, metric, score file label, getter, published figures and where they are quoted)
ROWS = [
    ("scrapinghub", "shingle F1", "score", number("shingle", "f1", digits=3),
     "trafilatura 0.955 (precision mode 0.964), readability 0.946, resiliparse 0.904 (eval README)"),
    ("wcxb", "word-bag F1, 4 page types", "score", number("wordbag", "f1", digits=3),
     "trafilatura 0.842, resiliparse 0.788, readability 0.741 (eval README)"),
    ("wcxb", "word-bag F1, article", "score", number("by_page_type", "article", "wordbag", "f1", digits=3),
     "trafilatura 0.935, resiliparse 0.875, readability 0.892 (extraction/README.md)"),
    ("wcxb", "word-bag F1, forum", "score", number("by_page_type", "forum", "wordbag", "f1", digits=3),
     "trafilatura 0.700, resiliparse 0.723, readability 0.460 (extraction/README.md)"),
    ("wcxb", "word-bag F1, listing", "score", number("by_page_type", "listing", "wordbag", "f1", digits=3),
     "trafilatura 0.579, resiliparse 0.501, readability 0.316 (extraction/README.md)"),
    ("wcxb", "word-bag F1, collection", "score", number("by_page_type", "collection", "wordbag", "f1", digits=3),
     "trafilatura 0.567, resiliparse 0.498, readability 0.367 (extraction/README.md)"),
    ("wcxb", "title exact", "score-metadata", number("title", "exact", digits=3), "trafilatura 0.541 (metadata/README.md)"),
    ("wcxb", "authors F1", "score-metadata", number("authors", "f1", digits=3), "trafilatura 0.623 (metadata/README.md)"),
    ("wcxb", "date accuracy", "score-metadata", number("date", "accuracy", digits=3), "trafilatura 0.842 (metadata/README.md)"),
    ("naeb", "title exact", "score", number("title", "exact", digits=3), "trafilatura 0.676 (eval README)"),
    ("naeb", "authors F1", "score", number("authors", "f1", digits=3), "trafilatura 0.821 (eval README)"),
    ("naeb", "date accuracy", "score", number("date", "accuracy", digits=3), "trafilatura 0.812 (eval README)"),
    ("naeb", "body shingle F1", "score-body", number("shingle", "f1", digits=3),
     "trafilatura 0.921, readability 0.894, resiliparse 0.854 (extraction/README.md)"),
    ("htmldate", "date accuracy", "score", number("date", "accuracy", digits=3),
     "trafilatura 0.914 (eval README); htmldate extensive 0.935, fast 0.892 (metadata/README.md)"),
    ("golden-rules", "cases passed", "score", golden,
     "pySBD 23/26, blingfire 19/26, Punkt 11/26 (eval README)"),
    ("gum-news", "in-paragraph boundary F1", "score", number("documents", "in_paragraph", "F1"),
     "blingfire 96.6, Punkt 95.5, pySBD 91.4 (eval README)"),
    ("ner", "micro F1, PER/ORG/LOC/MISC", "score", number("PER/ORG/LOC/MISC", "micro", "F1"),
     "spaCy small 65.2, its conventions differ (eval README)"),
    ("ner", "micro F1, PER/ORG/LOC", "score", number("PER/ORG/LOC", "micro", "F1"),
     "spaCy small 64.8 (ner/README.md)"),
    ("quotes", "quote F1 (ggt@0.3)", "score", number("rules", "ggt@0.3", "quote", "F1"),
     "textacy 86.0 on train+dev (eval README); 87.2 on dev (quotes/README.md)"),
    ("quotes", "quote+speaker F1 (ggt@0.3)", "score", number("rules", "ggt@0.3", "quote_speaker", "F1"),
     "textacy 79.8 on train+dev (eval README); 78.7 on dev (quotes/README.md)"),
    ("quotes", "speaker-name accuracy (ggt@0.3)", "score", number("rules", "ggt@0.3", "name_level", "accuracy"),
     "textacy 69.0 on train+dev (eval README); 64.9 on dev (quotes/README.md)"),
    ("dates", "exact span F1", "score", number("exact", "F1"),
     "spaCy small 79.8 (no values), HeidelTime 85.3 (eval README)"),
    ("dates", "overlap span F1", "score", number("overlap", "F1"), "HeidelTime 91.9 (eval README)"),
    ("dates", "value F1", "score", number("value_F1", "F1"), "HeidelTime 79.5 (dates/README.md)"),
    ("cnndm-test", "ROUGE-1 / 2 / Lsum, newsmill summary", "score", rouge,
     "Lead-3 41.7 / 19.3 / 37.9, LexRank 33.8 / 14.5 / 30.8, TextRank 32.6 / 15.4 / 29.7 (eval README)"),
    ("cnndm-test", "ROUGE-1 / 2 / Lsum, Lead-3 measured here", "score-lead3", rouge,
     "Lead-3 41.7 / 19.3 / 37.9 (eval README)"),
    ("cnn-corpus", "ROUGE-1 / 2 / Lsum, newsmill summary", "score", rouge,
     "Lead-3 32.6 / 12.7 / 29.6 (eval README)"),
    ("cnn-corpus", "ROUGE-1 / 2 / Lsum, Lead-3 measured here", "score-lead3", rouge,
     "Lead-3 32.6 / 12.7 / 29.6 (eval README)"),
    ("cnn-corpus", "sentence selection vs the gold extractive summary, P / R / F1, newsmill", "selection",
     lambda s: f"{s['precision']:.1f} / {s['recall']:.1f} / {s['f1']:.1f}", "none published"),
    ("cnn-corpus", "sentence selection vs the gold extractive summary, P / R / F1, Lead-3 measured here",
     "selection-lead3", lambda s: f"{s['precision']:.1f} / {s['recall']:.1f} / {s['f1']:.1f}", "none published"),
    ("keyphrases", "F1@10 (P@10)", "score",
     lambda s: f"{s['f1@10']:.1f} ({s['precision@10']:.1f})",
     "pytextrank 10.1 (27.1), YAKE 8.0 (21.9), RAKE 5.4 (13.7), on all 500 stories (keyphrases/README.md)"),
]

SETS = list(dict.fromkeys(row[0] for row in ROWS))


def load(work, name, label):
    """The JSON file <work>/<set>/<label>.json, or None when that evaluation has not run."""
    path = work / name / f"{label}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def table(work, sets):
    """The summary table, as Markdown lines."""
    lines = [
        "| set | metric | newsmill (measured) | published figure, from eval README | documents | "
        "newsmill wall s | total wall s | failed |",
        "|---|---|--:|---|--:|--:|--:|--:|",
    ]
    for name, metric, label, get, peers in ROWS:
        if name not in sets:
            continue
        scores, run = load(work, name, label), load(work, name, "run")
        measured = get(scores) if scores else "not run"
        timing = ([run["documents"], f"{run['newsmill_wall_seconds']:.1f}", f"{run['total_wall_seconds']:.1f}",
                   run["failed_documents"]] if run else ["", "", "", ""])
        lines.append("| " + " | ".join(map(str, [name, metric, measured, peers, *timing])) + " |")
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path("build/eval"), help="the evaluation work folder")
    parser.add_argument("--sets", nargs="*", choices=SETS, default=SETS, help="sets to print (default: all)")
    parser.add_argument("--out", type=Path, help="also write the table (all sets) here, e.g. build/eval/summary.md")
    args = parser.parse_args()

    print("\n".join(table(args.work, args.sets)))
    if args.out:
        header = ["# newsmill evaluation", "",
                  "Measured by `make eval` on the development halves in EVAL_DATA; the published figures "
                  "are quoted from the evaluation data's READMEs, not measured here.", ""]
        args.out.write_text("\n".join(header + table(args.work, SETS)) + "\n", encoding="utf-8")
        print(f"\nwritten to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
