#!/usr/bin/env python3
"""The torture corpus (run by `make test`): hostile inputs through every stage.

Writes the corpus into a scratch folder (it is generated, not stored: some files are tens of megabytes),
runs the five stages over it one after another, and checks that each stage
  - finishes within its time limit and its memory limit (both documented in the README), and exits 0 or 1
    (1: some documents failed, which is the right answer for some of these inputs);
  - accounts for every input in its manifest: done, duplicate, skipped or failed with a reason;
  - leaves no temporary file, and every output it wrote is valid JSON.

usage: check.py --bin DIR [--keep DIR]
"""
import argparse
import gzip
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

# Limits per stage over this whole corpus (debug executables, which make test runs; release ones are
# several times faster). Generous on time, because CI machines are shared and noisy.
TIME_LIMIT_SECONDS = 120
MEMORY_LIMIT_MB = 1536

PAGE = """<!DOCTYPE html><html lang="en"><head><title>{title}</title></head><body>
<nav><a href="/">Home</a></nav><article><h1>{title}</h1>
<p>The council said on Tuesday that the bridge would reopen in March after repairs costing $4 million.</p>
<p>"We are confident," said Mayor Jane Doe. Work began on 3 June.</p></article></body></html>
"""


def write(folder, name, data):
    path = os.path.join(folder, name)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def make_corpus(folder):
    """Every file a hostile or careless corpus holds; returns the names expected in the account."""
    os.makedirs(folder)
    page = PAGE.format(title="Bridge to reopen")
    # Structure bombs.
    write(folder, "nested-200000.html", "<html><body>" + "<div>" * 200_000 + "deep text" + "</div>" * 200_000 + "</body></html>")
    write(folder, "inline-nested-100000.html", "<html><body><p>" + "<b><i>" * 50_000 + "x" + "</i></b>" * 50_000 + "</p></body></html>")
    write(folder, "attribute-10mb.html", page.replace("<article>", '<article data-x="' + "a" * (10 << 20) + '">'))
    write(folder, "attributes-100000.html", page.replace("<article>", "<article " + " ".join(f"a{i}=v" for i in range(100_000)) + ">"))
    write(folder, "paragraphs-100000.html", "<html><body><article>" + "<p>Short line of text here.</p>" * 100_000 + "</article></body></html>")
    # A section front of 100,000 teasers that the clean stage prunes by their class (it once removed them
    # one by one, in quadratic time).
    write(folder, "teasers-100000.html", "<html><body><main><h1>Harbour news</h1><ul>" + "".join(
        f'<li class="teaser"><a href="/h/{i}">Harbour story number {i}: what the council decided</a></li>'
        for i in range(100_000)) + "</ul></main></body></html>")
    write(folder, "unclosed-tags.html", "<html><body><article>" + "<p><span><a href=x>text " * 20_000 + "</body>")
    # Bytes and encodings.
    write(folder, "nul-bytes.html", page.replace("council", "coun\x00cil").replace("bridge", "\x00\x00bridge").encode())
    write(folder, "mixed-encodings.html", page.encode("utf-8") + "Caf\u00e9 cr\u00e8me".encode("cp1252") + "na\u00efve".encode("utf-8"))
    write(folder, "utf16-no-bom.html", page.encode("utf-16-le"))
    write(folder, "utf16be-bom.html", page.encode("utf-16"))
    write(folder, "overlong-utf8.txt", b"Overlong \xc0\xaf slash, \xe0\x80\xaf again, surrogate \xed\xa0\x80, and \xf4\x90\x80\x80 past U+10FFFF.\n")
    write(folder, "line-1mb.txt", ("word " * 209_716)[:1 << 20] + "\n")
    write(folder, "line-1mb-no-spaces.txt", "x" * (1 << 20) + "\n")
    write(folder, "zero-byte.html", b"")
    write(folder, "only-whitespace.txt", " \n\t\n   \n")
    write(folder, "binary-named.html", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    write(folder, "capitalised-100000.txt", " ".join(["Alpha", "Beta", "Gamma", "Delta"] * 25_000) + "\n")
    write(folder, "numbers-only.txt", " ".join(str(i) for i in range(100_000)) + "\n")
    write(folder, "other-script.txt", "\u0642\u0627\u0644 \u0627\u0644\u0648\u0632\u064a\u0631 \u0625\u0646 \u0627\u0644\u062c\u0633\u0631 \u0633\u064a\u0641\u062a\u062d. " * 2000 + "\n\n" + "\u6865\u6881\u5c06\u4e8e\u4e09\u6708\u91cd\u65b0\u5f00\u653e\u3002" * 2000 + "\n")
    write(folder, "unbalanced-quotes.txt", ('"He said it would open, the mayor said. ' * 5000) + "\n")
    write(folder, "many-quotes.txt", "".join(f'"Statement number {i} is here," she said. ' for i in range(10_000)) + "\n")
    # Compression.
    write(folder, "gzip-bomb.html.gz", gzip.compress(b"<html><body><p>" + b"A" * (40 << 20), 9))
    write(folder, "truncated.html.gz", gzip.compress(page.encode())[:-20])
    write(folder, "not-gzip.html.gz", page.encode())
    # Web archives.
    body = page.encode()
    response = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
    record = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.com/bridge\r\n"
              b"WARC-Date: 2024-06-18T10:00:00Z\r\nContent-Length: %d\r\n\r\n" % len(response)) + response + b"\r\n\r\n"
    write(folder, "truncated.warc", record[: len(record) // 2])
    write(folder, "garbage.warc", os.urandom(0) + b"not a warc file at all\n" * 1000)
    write(folder, "bad-length.warc.gz", gzip.compress(record.replace(b"Content-Length: %d" % len(response), b"Content-Length: 99999999")))
    # Names.
    write(folder, "name with spaces.html", PAGE.format(title="Spaces in the name"))
    write(folder, "quote\"and'apostrophe.html", PAGE.format(title="Quotes in the name"))
    write(folder, "na\u00efve-\u00fcn\u00efc\u00f6d\u00e9-\u65b0\u805e.html", PAGE.format(title="Non-ASCII name"))
    write(folder, "semi;colon$dollar&amp.html", PAGE.format(title="Shell characters in the name"))
    write(folder, "-leading-dash.html", PAGE.format(title="A leading dash"))
    write(folder, "line\nbreak.html", PAGE.format(title="A line break in the name"))
    write(folder, "x" * 200 + ".html", PAGE.format(title="A long name"))
    # Links, folders and files that cannot be read.
    write(folder, "real.html", PAGE.format(title="The real page"))
    os.symlink("real.html", os.path.join(folder, "link-to-real.html"))
    os.symlink("does-not-exist.html", os.path.join(folder, "dangling-link.html"))
    os.makedirs(os.path.join(folder, "loop"))
    os.symlink("..", os.path.join(folder, "loop", "up"))
    os.mkfifo(os.path.join(folder, "named-pipe.html"))
    locked = write(folder, "unreadable.html", PAGE.format(title="Locked"))
    os.chmod(locked, 0)
    os.makedirs(os.path.join(folder, "folder.html"))
    write(os.path.join(folder, "folder.html"), "inside.html", PAGE.format(title="Inside a folder named like a page"))


def run(command, log):
    """Runs a command; returns (exit status, seconds, peak resident memory in MB)."""
    start = time.monotonic()
    with open(log, "wb") as err:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err)
        try:
            _, status, usage = os.wait4(process.pid, 0)
        except KeyboardInterrupt:
            process.kill()
            raise
    seconds = time.monotonic() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, seconds, usage.ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bin", required=True)
    parser.add_argument("--keep", help="work in this folder and keep it")
    args = parser.parse_args()
    work = args.keep or tempfile.mkdtemp(prefix="newsmill-torture-")
    if args.keep:
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(work)
    corpus = os.path.join(work, "corpus")
    failures = []

    def check(name, ok, detail=""):
        print(f"  {'ok' if ok else 'FAILED'}: {name}" + (f" ({detail})" if detail and not ok else ""))
        if not ok:
            failures.append(name)

    try:
        make_corpus(corpus)
        files = []
        for directory, folders, names in os.walk(corpus):
            folders[:] = [f for f in folders if not os.path.islink(os.path.join(directory, f))]
            files += [os.path.relpath(os.path.join(directory, n), corpus) for n in names]
        stages = [("fetch", "1", [corpus]), ("clean", "2", ["1"]), ("segment", "3", ["2"]),
                  ("extract", "4", ["3"]), ("summarize", "5", ["4"])]
        for stage, out, inputs in stages:
            out_dir = os.path.join(work, out)
            command = [os.path.join(args.bin, f"newsmill-{stage}"), "--quiet", "--out", out_dir]
            command += [i if os.path.isabs(i) else os.path.join(work, i) for i in inputs]
            status, seconds, memory = run(command, os.path.join(work, f"{stage}.log"))
            print(f"  {stage}: exit {status}, {seconds:.1f} s, {memory:.0f} MB")
            check(f"{stage} exits 0 or 1", status in (0, 1), open(os.path.join(work, f"{stage}.log"), errors="replace").read()[-500:])
            check(f"{stage} within {TIME_LIMIT_SECONDS} s", seconds < TIME_LIMIT_SECONDS, f"{seconds:.1f} s")
            check(f"{stage} within {MEMORY_LIMIT_MB} MB", memory < MEMORY_LIMIT_MB, f"{memory:.0f} MB")
            try:
                manifest = json.load(open(os.path.join(out_dir, "_manifest.json")))
            except (OSError, ValueError) as error:
                check(f"{stage} writes its manifest", False, str(error))
                break
            entries = manifest["documents"]
            if stage == "fetch":
                named = {e["input"] for e in entries} | {e.get("container") for e in entries}
                missing = [f for f in files if f not in named]
                check("fetch accounts for every corpus file", not missing, f"missing {missing[:5]}")
            else:
                previous = [n for n in os.listdir(os.path.join(work, inputs[0])) if n.endswith(".json") and not n.startswith("_")]
                named = {os.path.basename(e["input"]) for e in entries}
                missing = [n for n in previous if n not in named]
                check(f"{stage} accounts for every input", not missing, f"missing {missing[:5]}")
            unexplained = [e["input"] for e in entries if e["status"] in ("failed", "skipped", "duplicate") and not e.get("reason")]
            check(f"{stage}: every document not done says why", not unexplained, f"{unexplained[:5]}")
            temporary = [n for n in os.listdir(out_dir) if ".tmp-" in n]
            check(f"{stage} leaves no temporary file", not temporary, f"{temporary[:3]}")
            broken = []
            for name in os.listdir(out_dir):
                if name.endswith(".json") and not name.startswith("_"):
                    try:
                        json.load(open(os.path.join(out_dir, name), encoding="utf-8"))
                    except ValueError:
                        broken.append(name)
            check(f"{stage}'s outputs are valid JSON", not broken, f"{broken[:3]}")
        failed = [e for e in json.load(open(os.path.join(work, "1", "_manifest.json")))["documents"] if e["status"] == "failed"]
        print(f"  (fetch refused {len(failed)} inputs, each with its reason, e.g. {failed[0]['input']!r}: {failed[0]['reason']})" if failed else "")
    finally:
        locked = os.path.join(corpus, "unreadable.html")
        if os.path.exists(locked):
            os.chmod(locked, 0o644)
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(f"Torture corpus: {'all checks passed' if not failures else str(len(failures)) + ' checks failed'}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
