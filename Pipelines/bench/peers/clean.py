#!/usr/bin/env python3
"""Python baseline of the clean stage: the article text and metadata of every HTML file of a folder.

    clean.py trafilatura FOLDER   trafilatura.bare_extraction(html, with_metadata=True)

Each file below FOLDER (sorted) is read whole and its bytes given to the extractor as they are (it
decides their encoding itself), in one process: trafilatura's default extraction of the main text
(with its fallbacks) plus its metadata (title, author, date, site name, ...), as a Document; nothing is
written. Prints one JSON line on standard output: documents, HTML bytes, documents with text, with a
title, and characters of text.

Runs in the benchmark's virtual environment, with trafilatura installed.
"""

import json
import sys

from common import files


def trafilatura_extractor():
    """A function from a page's bytes to its (text, title), by trafilatura with metadata."""
    from trafilatura import bare_extraction

    def extract(html):
        document = bare_extraction(html, with_metadata=True)
        return (document.text or "", document.title or "") if document is not None else ("", "")

    return extract


EXTRACTORS = {"trafilatura": trafilatura_extractor}


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in EXTRACTORS:
        sys.exit(__doc__)
    peer, folder = sys.argv[1:]
    extract = EXTRACTORS[peer]()
    documents = html_bytes = with_text = with_title = characters = 0
    for html in files(folder):
        text, title = extract(html)
        with_text += bool(text)
        with_title += bool(title)
        characters += len(text)
        html_bytes += len(html)
        documents += 1
    print(json.dumps({"documents": documents, "bytes": html_bytes, "with_text": with_text,
                      "with_title": with_title, "characters": characters}))


if __name__ == "__main__":
    main()
