#!/usr/bin/env python3
"""Evaluate sentence segmentation (the segment stage) on the Golden Rules or GUM Wikinews half.

The input texts are the ones the scorer defines (`score/segmentation.py --print-inputs`): a Golden
Rules case's text, or a GUM document's paragraphs joined by a blank line. Each becomes a clean-stage
file whose paragraph blocks are the text's blank-line-separated parts, and newsmill-segment runs over
the folder. The prediction for a case or document is its list of sentence texts.

Scored with score/segmentation.py: exact-list accuracy for the Golden Rules, sentence-boundary F1
inside paragraphs (the headline) and over all boundaries for GUM.

    python3 Pipelines/eval/segmentation.py --set gum-news --data ../shared/eval --work build/eval/gum-news
"""

import json
import re
import subprocess
import sys

import evalkit

SETS = ("golden-rules", "gum-news")


def main():
    args = evalkit.arguments(__doc__.splitlines()[0], sets=SETS)
    run = evalkit.Run(args.set, args)
    gold = args.data / "segmentation" / f"{args.set}.json"

    printed = subprocess.run([sys.executable, str(args.data / "score" / "segmentation.py"),
                              "--gold", str(gold), "--print-inputs"],
                             capture_output=True, text=True, check=True).stdout
    inputs = json.loads(printed)
    ids = evalkit.IdMap()
    evalkit.write_clean_documents(run.folder("clean"), [
        evalkit.clean_document(ids.add(case), text, evalkit.paragraph_blocks(text))
        for case, text in inputs.items()])
    ids.save(run.work / "ids.json")

    segmented = evalkit.stage_documents(run.stage("segment", run.folder("clean")))
    # A sentence that runs over a line break is written as the benchmarks write it: one space for the
    # break (newsmill's offsets point into the text as given, line break included).
    predictions = {case: [re.sub(r"\s*\n\s*", " ", sentence) for sentence in evalkit.sentence_texts(segmented[newsmill_id])]
                   for case, newsmill_id in ids.to_newsmill.items() if newsmill_id in segmented}
    evalkit.write_json(run.work / "predictions.json", predictions)

    run.score("score", "segmentation", ["--gold", gold, "--pred", run.work / "predictions.json",
                                        "--name", "newsmill"])
    run.finish(len(inputs))


if __name__ == "__main__":
    main()
