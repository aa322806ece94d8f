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

import gzip
import html
import html.parser
import re
import sys

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
        # What no extractor can pass: a required snippet that is nowhere on its page.
        ceiling = snippet_ceiling(args.data / "score" / "extraction.py", dataset)
        run.keep_score("score-page-text", ceiling, f"required snippets all somewhere in the page: {ceiling['with_pass']:.3f} "
                                                     f"of {ceiling['pages']} article pages\n")
        sys.stderr.write(f"eval {args.set}: required snippets all somewhere in the page (the most an extractor writing "
                         f"the page's own text can reach): {ceiling['with_pass']:.3f} of article pages (score-page-text.json)\n")
    run.finish(len(cleaned), empty_predictions=sum(1 for text in predictions.values() if not text.strip()))


def snippet_ceiling(scorer_path, dataset, suffix=".html.gz"):
    """The share of WCXB's article pages whose required snippets are all somewhere in the page
    (`every_string`), with the reference scorer's own loader and substring test."""
    scorer = evalkit.load_module(scorer_path)
    _, _, truth = scorer.load_ground_truth(dataset)
    passed = pages = 0
    for path in sorted((dataset / "html").glob(f"*{suffix}")):
        reference = truth.get(path.name[:-len(suffix)])
        if not reference or reference["page_type"] != "article":
            continue
        pages += 1
        passed += scorer.snippet_share(every_string(path.read_bytes()).lower(), reference["with"])[0] == 1.0
    return {"pages": pages, "with_pass": passed / max(1, pages),
            "what": "share of article pages whose required snippets are all somewhere in the page's source "
                    "(every_string in Pipelines/eval/extraction.py), tested as score/extraction.py tests them"}


class _Text(html.parser.HTMLParser):
    """The text of a page outside scripts and styles, as pieces."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pieces, self.skipping = [], 0

    def handle_starttag(self, tag, attrs):
        self.skipping += tag in ("script", "style")

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.pieces.append(data)


def every_string(compressed):
    """Every form in which a page holds text, white space collapsed in each: the text outside scripts
    and styles, its pieces joined without and with a space; the source with its tags taken out, with
    and without a space in their place (script text kept); and the whole source, tags and attributes
    too, with entities and JSON's \\" and \\/ decoded."""
    source = gzip.decompress(compressed).decode("utf-8", "replace")
    parser = _Text()
    try:
        parser.feed(source)
        parser.close()
    except Exception:  # a page the stdlib parser cannot read still gives the forms below
        pass
    forms = ["".join(parser.pieces), " ".join(parser.pieces),
             html.unescape(re.sub(r"<[^>]*>", " ", source)), html.unescape(re.sub(r"<[^>]*>", "", source)),
             html.unescape(source.replace('\\"', '"').replace("\\/", "/"))]
    return "\n".join(re.sub(r"\s+", " ", form) for form in forms)


if __name__ == "__main__":
    main()
