#!/usr/bin/env python3
"""A Python peer of newsmill-summarize: sumy's LexRank over the sentences of newsmill's extract records.

    summarize.py FOLDER

Reads every extract record (*.json, not _manifest.json) in FOLDER, takes its sentences as newsmill's
segmenter found them, and summarizes them in three with sumy's LexRank (English stemmer and stop
words; words split on letters and digits, because sumy's default tokenizer needs NLTK data that PyPI
does not carry). Nothing is written; prints one JSON line: documents, text bytes, sentences and summary
sentences.

Runs in the benchmark's virtual environment.
"""

import json
import sys
from pathlib import Path

from common import Words


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.utils import get_stop_words

    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    counts = {"documents": 0, "bytes": 0, "sentences": 0, "summary_sentences": 0}
    for path in sorted(Path(sys.argv[1]).glob("*.json")):
        if path.name.startswith("_"):
            continue
        record = json.loads(path.read_bytes())
        text = record["text"]
        counts["documents"] += 1
        counts["bytes"] += len(text.encode("utf-8"))
        sentences = [text[s["start"]:s["end"]].strip() for s in record["sentences"]]
        sentences = [s for s in sentences if s]
        counts["sentences"] += len(sentences)
        if sentences:
            model = ObjectDocumentModel([Paragraph([Sentence(s, Words()) for s in sentences])])
            counts["summary_sentences"] += len(summarizer(model, 3))
    print(json.dumps(counts))


if __name__ == "__main__":
    main()
