"""The benchmark's sections, in the order `make bench` runs them.

A section is a module with
  NAME          its name (bench.py --section NAME, make bench-NAME)
  TITLE         one line for the report
  REQUIREMENTS  the pinned PyPI packages its peers need (installed into build/venv-bench)
  BASIS         what its MB count, for the report ("the documents' HTML bytes, ...")
  cases(bench)  its cases (benchkit.Case): the input, newsmill's command and the peers' commands,
                and any limit (benchkit.Limit) to check; `bench` gives the corpora, the executables
                and the peers' interpreter (bench.Bench)
and is listed here. A peer is best a script of its own in peers/, run with the peers' interpreter.
"""

from sections import clean, extract, fetch, pipeline, segment, summarize

SECTIONS = {section.NAME: section for section in [fetch, clean, segment, extract, summarize, pipeline]}
