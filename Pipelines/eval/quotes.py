#!/usr/bin/env python3
"""Evaluate quotations and their speakers (the extract stage) on the PolNeAR dev compartment.

Each article (polnear/dev/text/<article>.txt) becomes one clean-stage file with its text unchanged
(offsets stay those of the .txt file) and its blank-line-separated parts as paragraph blocks;
newsmill-segment and newsmill-extract run over the folder.

Two predictions are scored, each with score/quotes.py (--compartment dev):

* score.json, against the direct-quote gold (polnear-dq.json): one prediction per quoted part of
  every quote that newsmill marks as `direct` or `mixed` (a quote split by "he said" has one part per
  side); a `phrase` is a quoted phrase of one or two words, which the benchmark's direct quotes (three
  words or more) leave out by definition. newsmill's quote spans leave the quotation marks out and the gold units include
  them, so a part is widened over the marks around it (a closing mark may follow the part's final
  punctuation); a part with no opening mark before it is not a quotation in marks and is left out.
* score-all.json, against the all-attributions gold (polnear-all.json): every quote of every kind,
  each part as newsmill gives it.

Each prediction carries the speaker mention's span when newsmill has one and the speaker's name.

    python3 Pipelines/eval/quotes.py --data ../shared/eval --work build/eval/quotes
"""

import evalkit

OPENING_MARKS = "\"“„«‘'`"
CLOSING_MARKS = "\"”“»’'"
QUOTED_KINDS = {"direct", "mixed"}


def parts(quote):
    """The (start, end) parts of a quote: its `spans`, or its own span."""
    return [(s["start"], s["end"]) for s in quote.get("spans") or [quote]]


def widen_over_marks(text, start, end):
    """Widen a quoted part over its quotation marks; None when no opening mark comes just before it.

    The closing mark is taken when it follows the part directly or after up to two punctuation marks
    (`,”` and `.”` where newsmill's span stops before the comma).
    """
    if start == 0 or text[start - 1] not in OPENING_MARKS:
        return None
    for close in range(end, min(end + 3, len(text))):
        if text[close] in CLOSING_MARKS:
            return start - 1, close + 1
        if text[close] not in ",.;:!?":
            break
    return start - 1, end


def speaker_fields(quote):
    """The speaker span and name of a prediction, from newsmill's quote speaker."""
    speaker = quote.get("speaker") or {}
    span = [speaker["start"], speaker["end"]] if "start" in speaker else None
    return {"speaker": span, "speaker_name": speaker.get("name")}


def main():
    # --compartment train: a check that a change to the quote finder holds beyond the dev articles.
    args = evalkit.arguments(__doc__.splitlines()[0], extra={"--compartment": ("dev", "PolNeAR compartment: dev (default) or train")})
    run = evalkit.Run("quotes", args)
    texts = sorted((args.data / "quotes" / "polnear" / args.compartment / "text").glob("*.txt"))

    ids, clean = evalkit.IdMap(), []
    for path in texts:
        text = path.read_bytes().decode("utf-8")  # as is: BOM and newlines kept
        clean.append(evalkit.clean_document(ids.add(path.stem), text, evalkit.paragraph_blocks(text),
                                            source=path.name))
    evalkit.write_clean_documents(run.folder("clean"), clean)
    ids.save(run.work / "ids.json")

    run.stage("segment", run.folder("clean"))
    extracted = evalkit.stage_documents(run.stage("extract", run.folder("segment")))

    direct, every = {}, {}
    for article, newsmill_id in ids.to_newsmill.items():
        doc = extracted.get(newsmill_id)
        if doc is None:
            continue
        direct[article], every[article] = [], []
        for quote in doc["quotes"]:
            speaker = speaker_fields(quote)
            for start, end in parts(quote):
                every[article].append({"quote": [start, end], **speaker})
                widened = widen_over_marks(doc["text"], start, end) if quote["kind"] in QUOTED_KINDS else None
                if widened:
                    direct[article].append({"quote": list(widened), **speaker})
    evalkit.write_json(run.work / "predictions.json", direct)
    evalkit.write_json(run.work / "predictions-all.json", every)

    gold = args.data / "quotes"
    run.score("score", "quotes", ["--gold", gold / "polnear-dq.json", "--pred", run.work / "predictions.json",
                                  "--compartment", args.compartment, "--name", "newsmill"])
    run.score("score-all", "quotes", ["--gold", gold / "polnear-all.json",
                                      "--pred", run.work / "predictions-all.json",
                                      "--compartment", args.compartment, "--name", "newsmill (all quotes)"])
    run.finish(len(texts))


if __name__ == "__main__":
    main()
