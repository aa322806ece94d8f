#!/usr/bin/env python3
"""Evaluate article extraction (the clean stage) on the ScrapingHub or WCXB development half.

The pages (html/<id>.html.gz) go through newsmill-fetch and newsmill-clean unchanged. The prediction
for a page is the clean `text` without the headline: the clean stage puts the title first, as a
level-1 heading block, and the references of both benchmarks are the article body only. A page that
failed or where no article was found predicts the empty text.

Scored with score/extraction.py: shingle F1 is the headline for ScrapingHub, word-bag F1 for WCXB,
which the scorer also breaks down by page type (article, forum, listing, collection). WCXB's title,
author and date labels are scored too, with score/metadata.py (score-metadata.json).

    python3 Pipelines/eval/extraction.py --set wcxb --data ../shared/eval --work build/eval/wcxb
"""

import evalkit

FOLDERS = {"scrapinghub": "extraction/scrapinghub", "wcxb": "extraction/wcxb"}


def main():
    args = evalkit.arguments(__doc__.splitlines()[0], sets=sorted(FOLDERS))
    run = evalkit.Run(args.set, args)
    dataset = args.data / FOLDERS[args.set]

    cleaned = evalkit.fetch_and_clean(run, dataset / "html")
    predictions = {page: evalkit.body_without_headline(doc) if doc else "" for page, doc in cleaned.items()}
    evalkit.write_json(run.work / "predictions.json", predictions)

    run.score("score", "extraction",
              [dataset, run.work / "predictions.json", "--per-page", run.work / "per-page.jsonl"])
    if args.set == "wcxb":
        # WCXB's references also label title, author and publication date: the metadata scorer reads them.
        metadata = {page: {"title": doc["title"], "authors": doc["authors"], "date": doc["published"]}
                    for page, doc in cleaned.items() if doc}
        evalkit.write_json(run.work / "predictions-metadata.json", metadata)
        run.score("score-metadata", "metadata", [dataset, run.work / "predictions-metadata.json"])
    run.finish(len(cleaned), empty_predictions=sum(1 for text in predictions.values() if not text.strip()))


if __name__ == "__main__":
    main()
