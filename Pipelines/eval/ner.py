#!/usr/bin/env python3
"""Evaluate named entities (the extract stage) on CoNLL-2003 English eng.testa.

Each -DOCSTART- document of eng.testa becomes one clean-stage file: the tokens of a sentence joined by
single spaces, and every sentence its own paragraph block (sentences separated by a blank line), so
the segmenter never merges two gold sentences. newsmill-segment and newsmill-extract run over the
folder. Every entity mention that is a name (pronoun mentions are left out: CoNLL does not tag them)
tags the gold tokens it overlaps, in IOB2, with its type mapped to CoNLL's:
PERSON -> PER, ORG -> ORG, GPE/LOC/FAC -> LOC, NORP/EVENT/MISC -> MISC. Where mentions overlap, the
earlier (then longer) one wins.

The `TOKEN GOLD PRED` file is scored with score/ner.py (score.json), and again with --prose, which
leaves out table-like sentences such as sports results (score-prose.json).

    python3 Pipelines/eval/ner.py --data ../shared/eval --work build/eval/ner
"""

import evalkit

TYPES = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC",
         "NORP": "MISC", "EVENT": "MISC", "MISC": "MISC"}


def read_conll(path):
    """Read a CoNLL-2003 file: a list of documents, each a list of sentences of (token, gold tag)."""
    documents, sentence = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            columns = line.split()
            if not columns or columns[0] == "-DOCSTART-":
                if sentence:
                    documents[-1].append(sentence)
                sentence = []
                if columns:
                    documents.append([])
                continue
            sentence.append((columns[0], columns[-1]))
    if sentence:
        documents[-1].append(sentence)
    return [doc for doc in documents if doc]


def document_text(sentences):
    """Lay a document out as text; return (text, blocks, token spans per sentence)."""
    text, blocks, spans = "", [], []
    for sentence in sentences:
        if text:
            text += "\n\n"
        start = len(text)
        sentence_spans = []
        for i, (token, _) in enumerate(sentence):
            if i:
                text += " "
            sentence_spans.append((len(text), len(text) + len(token)))
            text += token
        blocks.append({"type": "paragraph", "start": start, "end": len(text)})
        spans.append(sentence_spans)
    return text, blocks, spans


def predicted_tags(extracted, spans):
    """Tag every token (IOB2) from the extract record's name mentions; return tags per sentence."""
    tokens = [(s, e, si, ti) for si, sentence in enumerate(spans) for ti, (s, e) in enumerate(sentence)]
    tags = [["O"] * len(sentence) for sentence in spans]
    mentions = sorted(((m["start"], m["end"], TYPES[entity["type"]])
                       for entity in extracted["entities"] if entity["type"] in TYPES
                       for m in entity["mentions"] if m["kind"] != "pronoun"),
                      key=lambda m: (m[0], -m[1]))
    for start, end, conll_type in mentions:
        covered = [(si, ti) for s, e, si, ti in tokens if s < end and start < e]
        if not covered or any(tags[si][ti] != "O" for si, ti in covered):
            continue
        for n, (si, ti) in enumerate(covered):
            tags[si][ti] = ("B-" if n == 0 else "I-") + conll_type
    return tags


def main():
    args = evalkit.arguments(__doc__.splitlines()[0])
    run = evalkit.Run("ner", args)
    documents = read_conll(args.data / "ner" / "conll2003" / "eng.testa")

    layouts, clean = {}, []
    for n, sentences in enumerate(documents):
        doc_id = f"testa-{n + 1:03d}"
        text, blocks, spans = document_text(sentences)
        layouts[doc_id] = spans
        clean.append(evalkit.clean_document(doc_id, text, blocks))
    evalkit.write_clean_documents(run.folder("clean"), clean)

    run.stage("segment", run.folder("clean"))
    extracted = evalkit.stage_documents(run.stage("extract", run.folder("segment")))

    lines = []
    for n, sentences in enumerate(documents):
        doc_id = f"testa-{n + 1:03d}"
        if doc_id in extracted:
            tags = predicted_tags(extracted[doc_id], layouts[doc_id])
        else:
            tags = [["O"] * len(sentence) for sentence in sentences]
        lines.append("-DOCSTART- -X- O O\n")
        for sentence, sentence_tags in zip(sentences, tags):
            lines.append("\n")
            lines.extend(f"{token} {gold} {pred}\n" for (token, gold), pred in zip(sentence, sentence_tags))
        lines.append("\n")
    conll = run.work / "eng.testa.pred.conll"
    conll.write_text("".join(lines), encoding="utf-8")

    run.score("score", "ner", [conll, "--name", "newsmill"])
    run.score("score-prose", "ner", [conll, "--prose", "--name", "newsmill"])
    words = sum(len(sentence) for sentences in documents for sentence in sentences)
    run.finish(len(documents), tokens=words)


if __name__ == "__main__":
    main()
