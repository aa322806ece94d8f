#!/usr/bin/env python3
"""Evaluate title, author and publication-date extraction on the NAEB or htmldate development half.

The pages (html/<id>.html.gz) go through newsmill-fetch and newsmill-clean unchanged; the prediction
for a page is the clean file's header: {"title", "authors", "date"}, the date being `published` as
newsmill writes it (the scorer compares its first YYYY-MM-DD). A page that failed predicts nothing.

Scored with score/metadata.py. NAEB also has a hand-cleaned article body, so for NAEB the clean text
without the headline is scored as well, with score/extraction.py, into score-body.json.

    python3 Pipelines/eval/metadata.py --set naeb --data ../shared/eval --work build/eval/naeb
"""

import evalkit

FOLDERS = {"naeb": "metadata/naeb", "htmldate": "metadata/htmldate"}


def main():
    args = evalkit.arguments(__doc__.splitlines()[0], sets=sorted(FOLDERS))
    run = evalkit.Run(args.set, args)
    dataset = args.data / FOLDERS[args.set]

    cleaned = evalkit.fetch_and_clean(run, dataset / "html")
    predictions = {page: {"title": doc["title"], "authors": doc["authors"], "date": doc["published"]}
                   for page, doc in cleaned.items() if doc}
    evalkit.write_json(run.work / "predictions.json", predictions)
    run.score("score", "metadata",
              [dataset, run.work / "predictions.json", "--per-page", run.work / "per-page.jsonl"])

    if args.set == "naeb":
        bodies = {page: evalkit.body_without_headline(doc) if doc else "" for page, doc in cleaned.items()}
        evalkit.write_json(run.work / "predictions-body.json", bodies)
        run.score("score-body", "extraction",
                  [dataset, run.work / "predictions-body.json", "--per-page", run.work / "per-page-body.jsonl"])
    run.finish(len(cleaned))


if __name__ == "__main__":
    main()
