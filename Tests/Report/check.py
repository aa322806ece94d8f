#!/usr/bin/env python3
"""Checks the corpus report of Samples/ in a real browser: headless Chromium renders the pages and the
checks read the DOM it ends with (chromium --dump-dom).

    check.py --chromium PATH --out OUT

OUT is an output folder with the pipeline run over Samples/ and its report in OUT/report (make report).
The seed article's page (which has no script) must show its title and summary, Kharrazi marked as a person, and none of the
boilerplate the clean stage removed inside the article text; the index must list every document, its
script must run and the table must be in its markup (what a browser shows with JavaScript off); no page may load
anything from the network. Prints one line per check; exits 1 when one fails.
"""

import argparse
import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

failures = 0


def check(name, ok, detail=""):
    global failures
    print(f"  {'ok' if ok else 'FAILED'}: {name}" + ("" if ok or not detail else f" ({detail})"))
    failures += 0 if ok else 1


class Dom(HTMLParser):
    """Elements with their attributes and text, and the text inside chosen ids."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.elements = []  # (tag, attrs, text) of every element, text filled at its end
        self.texts = {}

    def handle_starttag(self, tag, attrs):
        element = [tag, dict(attrs), []]
        self.elements.append(element)
        if tag not in ("meta", "link", "input", "br", "img"):
            self.stack.append(element)

    def handle_endtag(self, tag):
        while self.stack:
            element = self.stack.pop()
            if element[0] == tag:
                break

    def handle_data(self, data):
        for element in self.stack:
            element[2].append(data)

    def find(self, tag=None, **attrs):
        for name, attributes, text in self.elements:
            if tag and name != tag:
                continue
            if all(value in attributes.get(key, "").split() if key == "class" else attributes.get(key) == value
                   for key, value in attrs.items()):
                yield attributes, "".join(text)


def render(chromium, page):
    """The DOM Chromium ends with after loading `page` (and running its script)."""
    command = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
               "--no-first-run", "--allow-file-access-from-files", "--dump-dom"]
    result = subprocess.run(command + [page.resolve().as_uri()], capture_output=True, text=True, timeout=120)
    if result.returncode != 0 or not result.stdout.strip():
        raise SystemExit(f"chromium failed on {page}: {result.stderr[-1000:]}")
    dom = Dom()
    dom.feed(result.stdout)
    return dom


def markup(page):
    """The page as it is without JavaScript: its own markup."""
    dom = Dom()
    dom.feed(page.read_text(encoding="utf-8"))
    return dom


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--chromium", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    out = Path(args.out)
    site = out / "report"
    seed_clean = next((out / "2-cleaned").glob("iran-hezbollah-syndicated-*.json"))
    seed_id = seed_clean.stem
    clean = json.loads(seed_clean.read_text(encoding="utf-8"))
    summary = json.loads((out / "5-summarized" / f"{seed_id}.json").read_text(encoding="utf-8"))

    seed_page = site / "documents" / f"{seed_id}.html"
    check("the seed page needs no script", not list(markup(seed_page).find("script")))
    page = render(args.chromium, seed_page)
    titles = [text.strip() for _, text in page.find("h1", id="title")]
    check("the seed page shows its title", titles == [clean["title"]], f"{titles} vs {clean['title']!r}")
    summaries = [text for _, text in page.find("section", id="summary")]
    check("the seed page shows its summary", bool(summaries) and summary["summary"][:120] in " ".join(summaries[0].split()),
          summaries[:1])
    people = [(attributes.get("title", ""), text) for attributes, text in page.find("mark", **{"class": "PERSON"})]
    check("Kharrazi is marked as a person", any("Kharrazi" in text and "Kharrazi" in title for title, text in people), people[:5])
    article = " ".join(" ".join(text.split()) for _, text in page.find("section", id="text"))
    removed = [" ".join(item["text"].split()) for item in clean["removed"] if len(item["text"].split()) >= 3]
    leaked = [text for text in removed if text in article and text not in " ".join(clean["text"].split())]
    check("no removed boilerplate in the article text", bool(removed) and not leaked, leaked[:3] or "nothing was removed")
    check("the removed boilerplate is shown apart", any(removed[0][:40] in " ".join(text.split()) for _, text in page.find("section", id="removed")))
    quotes = list(page.find("span", **{"class": "quote"}))
    check("quotations are marked with their speaker", any(attributes.get("title", "").startswith("Said by ") for attributes, _ in quotes))

    index = render(args.chromium, site / "index.html")
    rows = list(page for page in index.find("tr") if page[0].get("id", "").startswith("doc-"))
    documents = len([f for f in (out / "5-summarized").glob("*.json") if not f.name.startswith("_")])
    check("the index lists every document", len(rows) == documents, f"{len(rows)} rows, {documents} documents")
    shown = [text for _, text in index.find("span", id="shown")]
    check("the index's script runs (search)", shown == [f"{documents} of {documents} shown"], shown)
    static = markup(site / "index.html")
    check("the index works with JavaScript off", len([1 for a, _ in static.find("tr") if a.get("id", "").startswith("doc-")]) == documents)

    external = []
    for html in site.rglob("*.html"):
        dom = Dom()
        dom.feed(html.read_text(encoding="utf-8"))
        for tag, attributes, _ in dom.elements:
            for key in ("src", "href"):
                value = attributes.get(key, "") or ""
                if tag in ("link", "script", "img", "iframe") and ("//" in value):
                    external.append(f"{html.name}: {value}")
    check("no page loads anything from the network", not external, external[:3])
    print(f"Report: {'all checks passed' if failures == 0 else f'{failures} checks FAILED'}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
