#!/usr/bin/env python3
"""Evaluate keyphrases (the extract stage) on the 500N-KPCrowd development half.

Each story's first line is its title and each further line a paragraph; it becomes one clean-stage
file laid out as the clean stage would write it (the title as a level-1 heading block and in the
header, then the paragraphs, blocks separated by a blank line). newsmill-segment and newsmill-extract
run over the folder, and the prediction for a story is the first ten phrases of its `keyphrases`.

There is no reference scorer for this set: the metric is the one defined in keyphrases/README.md,
computed here. Every predicted and gold phrase is lower-cased, split into words at whitespace, and
each word Porter-stemmed (NLTK's PorterStemmer, which comes with rouge-score in build/venv-eval, so
run this script with that venv's Python). A predicted phrase is right when the stemmed phrase equals
a stemmed gold phrase (each gold phrase counts once). Per story, precision@10 = right / phrases
predicted (at most 10; 0 when none), recall@10 = right / gold phrases, F1@10 from the two; the
scores are means over all stories. Because the README does not say what precision divides by when
fewer than ten phrases are predicted, the variant that always divides by ten is reported too
(precision@10_fixed_k, f1@10_fixed_k). The summary is written to score.json, with one line per story in
per-story.jsonl.

    build/venv-eval/bin/python Pipelines/eval/keyphrases.py --data ../shared/eval --work build/eval/keyphrases
"""

import json
import sys

import evalkit

try:
    from nltk.stem.porter import PorterStemmer
except ImportError:
    sys.exit("keyphrases.py needs NLTK's Porter stemmer: run it with build/venv-eval/bin/python (make eval-keyphrases)")

TOP = 10
STEMMER = PorterStemmer()


def normalized(phrase):
    """A phrase lower-cased, split at whitespace and stemmed word by word, joined by single spaces."""
    return " ".join(STEMMER.stem(word) for word in phrase.lower().split())


def story_scores(predicted, gold):
    """Precision, recall and F1 at TOP of one story's ranked predictions against its gold phrases."""
    top = [normalized(p) for p in predicted[:TOP]]
    reference = {normalized(g) for g in gold} - {""}
    right = len(set(top) & reference)
    precision = right / len(top) if top else 0.0
    recall = right / len(reference) if reference else 0.0
    f1 = 2 * precision * recall / (precision + recall) if right else 0.0
    fixed_precision = right / TOP
    fixed_f1 = 2 * fixed_precision * recall / (fixed_precision + recall) if right else 0.0
    return {"precision": precision, "recall": recall, "f1": f1,
            "precision_fixed_k": fixed_precision, "f1_fixed_k": fixed_f1, "right": right,
            "predicted": len(top), "gold": len(reference)}


def main():
    args = evalkit.arguments(__doc__.splitlines()[0])
    run = evalkit.Run("keyphrases", args)
    stories = evalkit.read_jsonl(args.data / "keyphrases" / "kpcrowd-500n.jsonl")

    ids, clean = evalkit.IdMap(), []
    for story in stories:
        title, *paragraphs = story["text"].strip().split("\n")
        text, blocks = evalkit.joined_blocks(paragraphs, title=title.strip())
        clean.append(evalkit.clean_document(ids.add(story["id"]), text, blocks, title=title.strip(),
                                            source=story["id"]))
    evalkit.write_clean_documents(run.folder("clean"), clean)
    ids.save(run.work / "ids.json")

    run.stage("segment", run.folder("clean"))
    extracted = evalkit.stage_documents(run.stage("extract", run.folder("segment")))

    predictions, per_story = {}, []
    for story in stories:
        doc = extracted.get(ids.to_newsmill[story["id"]])
        predictions[story["id"]] = [k["phrase"] for k in doc["keyphrases"][:TOP]] if doc else []
        per_story.append({"id": story["id"], **story_scores(predictions[story["id"]], story["keyphrases"])})
    evalkit.write_json(run.work / "predictions.json", predictions)
    with open(run.work / "per-story.jsonl", "w", encoding="utf-8") as f:
        f.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in per_story)

    def mean(key):
        return 100 * sum(row[key] for row in per_story) / len(per_story)

    summary = {"system": "newsmill", "stories": len(per_story), "k": TOP,
               "precision@10": round(mean("precision"), 2), "recall@10": round(mean("recall"), 2),
               "f1@10": round(mean("f1"), 2),
               "precision@10_fixed_k": round(mean("precision_fixed_k"), 2),
               "f1@10_fixed_k": round(mean("f1_fixed_k"), 2),
               "stories_with_fewer_than_10": sum(1 for row in per_story if row["predicted"] < TOP),
               "headline": {"metric": "f1@10", "value": round(mean("f1"), 2)}}
    table = (f"newsmill  stories {summary['stories']}  P@10 {summary['precision@10']:.2f}  "
             f"R@10 {summary['recall@10']:.2f}  F1@10 {summary['f1@10']:.2f}\n")
    sys.stderr.write(table)
    run.keep_score("score", summary, table)
    run.finish(len(stories))


if __name__ == "__main__":
    main()
