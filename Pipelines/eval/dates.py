#!/usr/bin/env python3
"""Evaluate temporal expressions (the extract stage) on TempEval-3 TimeBank (tempeval3.json).

Each document becomes one clean-stage file with its text unchanged (offsets stay the gold's), its
blank-line-separated parts as paragraph blocks, its title (where it has one) in the header only,
and `published` set to its creation time (DCT), which relative expressions resolve against.
newsmill-segment and newsmill-extract run over the folder; every extracted date is a prediction
{start, end, type, value} (value only when newsmill resolved one).

Scored with score/dates.py: exact and overlap span F1, type and value accuracy, value F1.

    python3 Pipelines/eval/dates.py --data ../shared/eval --work build/eval/dates
"""

import evalkit


def main():
    args = evalkit.arguments(__doc__.splitlines()[0])
    run = evalkit.Run("dates", args)
    gold = args.data / "dates" / "tempeval3.json"
    documents = evalkit.read_json(gold)

    ids = evalkit.IdMap()
    evalkit.write_clean_documents(run.folder("clean"), [
        evalkit.clean_document(ids.add(doc["doc"]), doc["text"], evalkit.paragraph_blocks(doc["text"]),
                               title=doc.get("title"), published=doc["dct"], source=doc["doc"])
        for doc in documents])
    ids.save(run.work / "ids.json")

    run.stage("segment", run.folder("clean"))
    extracted = evalkit.stage_documents(run.stage("extract", run.folder("segment")))

    predictions = {}
    for doc_name, newsmill_id in ids.to_newsmill.items():
        if newsmill_id in extracted:
            predictions[doc_name] = [
                {key: date[key] for key in ("start", "end", "type", "value") if key in date}
                for date in extracted[newsmill_id]["dates"]]
    evalkit.write_json(run.work / "predictions.json", predictions)

    run.score("score", "dates", ["--gold", gold, "--pred", run.work / "predictions.json", "--name", "newsmill"])
    run.finish(len(documents))


if __name__ == "__main__":
    main()
