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

import evalkit

SETS = ("cnndm-test", "cnn-corpus")
SUMMARY_SENTENCES = 3


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
    run.finish(len(articles))


if __name__ == "__main__":
    main()
