#!/usr/bin/python3
"""readability-lxml (Debian python3-readability) over the benchmark pages.

    peer_readability_lxml.py HTML_DIR OUT.json TIME_FILE

Decompression is not timed; the timed part is Document(html).summary() and
turning its HTML into text with one line per block element. Writes the
scorer's format to OUT.json and "pages bytes seconds" to TIME_FILE.
"""
import gzip
import json
import os
import sys
import time

import lxml.html
from readability import Document

BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "br", "blockquote",
          "pre", "section", "article", "ul", "ol", "table", "dd", "dt", "figcaption"}


def to_text(fragment):
    if not fragment.strip():
        return ""
    tree = lxml.html.fromstring(fragment)
    for el in tree.iter():
        if isinstance(el.tag, str) and el.tag in BLOCKS:
            el.tail = "\n" + (el.tail or "")
    lines = (" ".join(l.split()) for l in tree.text_content().split("\n"))
    return "\n".join(l for l in lines if l)


def main():
    src, out_path, time_path = sys.argv[1:4]
    pages = []
    for name in sorted(os.listdir(src)):
        if name.endswith(".html.gz"):
            with gzip.open(os.path.join(src, name), "rb") as f:
                pages.append((name[:-8], f.read()))
    out = {}
    total = sum(len(b) for _, b in pages)
    t0 = time.perf_counter()
    for pid, raw in pages:
        try:
            text = to_text(Document(raw).summary(html_partial=True))
        except Exception as e:  # a peer failing on a page scores it empty
            sys.stderr.write("readability-lxml: %s: %s\n" % (pid, e))
            text = ""
        out[pid] = {"articleBody": text}
    spent = time.perf_counter() - t0
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False)
    with open(time_path, "w") as f:
        f.write("%d %d %.6f\n" % (len(pages), total, spent))


if __name__ == "__main__":
    main()
