#!/usr/bin/env python3
"""Evaluate summaries (the summarize stage) on CNN/DailyMail test articles or the CNN Corpus half.

Each article becomes one clean-stage file with its text unchanged and its blank-line-separated parts
as paragraph blocks (CNN/DailyMail articles have none: one block), and its title (CNN Corpus) in the
header, where the clean stage would put the headline's metadata. newsmill-segment, newsmill-extract
and newsmill-summarize --sentences 3 run over the folder.

Two systems are scored the same way, with score/summaries.py (which needs rouge-score, hence
--python): newsmill's summary, as its list of sentences (score.json), and Lead-3, the first three
sentences as newsmill's segmenter finds them (score-lead3.json), so that the baseline is measured in
the same run on the same sentences.

    python3 Pipelines/eval/summaries.py --set cnndm-test --python build/venv-eval/bin/python \\
        --data ../shared/eval --work build/eval/cnndm-test
"""

import re
import sys

import evalkit

SETS = ("cnndm-test", "cnn-corpus")
SUMMARY_SENTENCES = 3
# A chosen sentence is one of the gold extractive summary's when their words are the same, or when one's
# words run inside the other's and the shorter has at least this share of the longer's words (the
# corpus and newsmill's segmenter may cut a sentence at different places).
SELECTION_MIN_SHARE = 0.8


def words(text):
    return re.findall(r"[^\W_]+", text.lower())


def same_sentence(a, b):
    """Whether two sentences' words are the same, or one's run inside the other's (see SELECTION_MIN_SHARE)."""
    short, long = sorted((words(a), words(b)), key=len)
    if not short:
        return False
    if len(short) < SELECTION_MIN_SHARE * len(long):
        return False
    joined, part = " " + " ".join(long) + " ", " " + " ".join(short) + " "
    return part in joined


def selection_scores(chosen, gold):
    """Sentence-selection precision, recall and F1 (× 100) against gold extractive summaries.

    `chosen` and `gold` map an article id to its sentences; each chosen sentence matches at most one gold
    sentence and the other way round. Means over the articles that have a gold summary.
    """
    precision = recall = f1 = 0.0
    count = 0
    for article, reference in gold.items():
        if not reference:
            continue
        picked = chosen.get(article, [])
        left = list(reference)
        matched = 0
        for sentence in picked:
            hit = next((g for g in left if same_sentence(sentence, g)), None)
            if hit is not None:
                left.remove(hit)
                matched += 1
        p = matched / len(picked) if picked else 0.0
        r = matched / len(reference)
        precision, recall = precision + p, recall + r
        f1 += 2 * p * r / (p + r) if p + r else 0.0
        count += 1
    return {"documents": count, "precision": round(100 * precision / count, 2),
            "recall": round(100 * recall / count, 2), "f1": round(100 * f1 / count, 2),
            "matching": f"same words, or one inside the other with at least {SELECTION_MIN_SHARE:.0%} of its words"}


def main():
    args = evalkit.arguments(__doc__.splitlines()[0], sets=SETS, scorer_python=True)
    run = evalkit.Run(args.set, args)
    gold = args.data / "summaries" / f"{args.set}.jsonl"
    articles = evalkit.read_jsonl(gold)

    ids = evalkit.IdMap()
    evalkit.write_clean_documents(run.folder("clean"), [
        evalkit.clean_document(ids.add(a["id"]), a["article"], evalkit.paragraph_blocks(a["article"]),
                               title=a.get("title"), source=a["id"])
        for a in articles])
    ids.save(run.work / "ids.json")

    run.stage("segment", run.folder("clean"))
    extracted = evalkit.stage_documents(run.stage("extract", run.folder("segment")))
    summarized = evalkit.stage_documents(
        run.stage("summarize", run.folder("extract"), "--sentences", str(SUMMARY_SENTENCES)))

    summaries, lead = {}, {}
    for article, newsmill_id in ids.to_newsmill.items():
        if newsmill_id in extracted:
            doc = extracted[newsmill_id]
            lead[article] = evalkit.sentence_texts(doc, range(min(SUMMARY_SENTENCES, len(doc["sentences"]))))
            if newsmill_id in summarized:
                summaries[article] = evalkit.sentence_texts(doc, summarized[newsmill_id]["sentences"])
    evalkit.write_json(run.work / "predictions.json", summaries)
    evalkit.write_json(run.work / "predictions-lead3.json", lead)

    run.score("score", "summaries", ["--gold", gold, "--pred", run.work / "predictions.json",
                                     "--name", "newsmill"], python=args.python)
    run.score("score-lead3", "summaries", ["--gold", gold, "--pred", run.work / "predictions-lead3.json",
                                           "--name", "Lead-3 (newsmill sentences)"], python=args.python)
    extractive = {a["id"]: a["extractive"] for a in articles if a.get("extractive")}
    if extractive:
        # The CNN Corpus gives a gold extractive summary: how many of the chosen sentences are in it.
        for label, system, chosen in (("selection", "newsmill", summaries), ("selection-lead3", "Lead-3", lead)):
            scores = selection_scores(chosen, extractive)
            table = (f"sentence selection against the gold extractive summaries, {system}: "
                     f"P {scores['precision']:.1f} R {scores['recall']:.1f} F1 {scores['f1']:.1f} "
                     f"({scores['documents']} documents)\n")
            sys.stderr.write(table)
            run.keep_score(label, scores, table)
    run.finish(len(articles))


if __name__ == "__main__":
    main()
