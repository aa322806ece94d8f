#!/usr/bin/env python3
"""Python baseline of the fetch-normalize stage: read every document, decode it, put it in NFC.

    fetch.py files FOLDER   every file below FOLDER, read whole
    fetch.py warc FILE      every response record of a WARC (.warc or .warc.gz), streamed by warcio

Each document's bytes are decoded as UTF-8 (errors='replace') and normalized with
unicodedata.normalize('NFC'); nothing is written. Prints one JSON line on standard output:
documents, payload bytes and decoded characters.

Runs in the benchmark's virtual environment (warcio is needed for WARC files only).
"""

import json
import sys
import unicodedata

from common import files


def normalize(payload):
    return unicodedata.normalize("NFC", payload.decode("utf-8", errors="replace"))


def warc_payloads(path):
    """Yield the HTTP payload of every response record of the WARC at `path`."""
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type == "response":
                yield record.content_stream().read()


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("files", "warc"):
        sys.exit(__doc__)
    mode, path = sys.argv[1:]
    payloads = files(path) if mode == "files" else warc_payloads(path)
    documents = payload_bytes = characters = 0
    for payload in payloads:
        characters += len(normalize(payload))
        payload_bytes += len(payload)
        documents += 1
    print(json.dumps({"documents": documents, "bytes": payload_bytes, "characters": characters}))


if __name__ == "__main__":
    main()
