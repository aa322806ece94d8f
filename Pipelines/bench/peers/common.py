"""What the Python peers share: reading every file of a folder the same way, and the word splitter
the LexRank peers give sumy."""

import os
import re

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


class Words:
    """The tokenizer sumy's sentences ask for their words: runs of letters and digits, because sumy's
    default tokenizer needs NLTK data that PyPI does not carry."""

    language = "english"

    @staticmethod
    def to_words(text):
        return WORD.findall(text)


def files(folder):
    """Yield the bytes of every file below `folder`, in sorted order."""
    for directory, subfolders, names in os.walk(folder):
        subfolders.sort()
        for name in sorted(names):
            with open(os.path.join(directory, name), "rb") as handle:
                yield handle.read()
