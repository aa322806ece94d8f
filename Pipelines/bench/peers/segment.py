#!/usr/bin/env python3
"""Python baselines of the segment stage: split every text file of a folder into sentences.

    segment.py pysbd FOLDER       pySBD: pysbd.Segmenter(language="en", clean=False).segment(text)
    segment.py blingfire FOLDER   blingfire: blingfire.text_to_sentences(text), one sentence a line

Each file below FOLDER (sorted) is read whole, decoded as UTF-8 and given to the segmenter as it is, in
one process; nothing is written. Prints one JSON line on standard output: documents, text bytes and
sentences found.

Runs in the benchmark's virtual environment, with pysbd or blingfire installed.
"""

import json
import sys

from common import files


def pysbd_sentences():
    """A function from a text to the number of sentences pySBD finds in it."""
    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False)
    return lambda text: len(segmenter.segment(text))


def blingfire_sentences():
    """A function from a text to the number of sentences blingfire finds in it (one a line)."""
    import blingfire

    def count(text):
        sentences = blingfire.text_to_sentences(text)
        return sentences.count("\n") + 1 if sentences else 0

    return count


SEGMENTERS = {"pysbd": pysbd_sentences, "blingfire": blingfire_sentences}


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in SEGMENTERS:
        sys.exit(__doc__)
    peer, folder = sys.argv[1:]
    sentences_in = SEGMENTERS[peer]()
    documents = text_bytes = sentences = 0
    for data in files(folder):
        sentences += sentences_in(data.decode("utf-8"))
        text_bytes += len(data)
        documents += 1
    print(json.dumps({"documents": documents, "bytes": text_bytes, "sentences": sentences}))


if __name__ == "__main__":
    main()
