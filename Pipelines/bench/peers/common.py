"""What the Python peers share: reading every file of a folder the same way."""

import os


def files(folder):
    """Yield the bytes of every file below `folder`, in sorted order."""
    for directory, subfolders, names in os.walk(folder):
        subfolders.sort()
        for name in sorted(names):
            with open(os.path.join(directory, name), "rb") as handle:
                yield handle.read()
