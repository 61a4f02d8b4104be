#!/usr/bin/python3
"""Language-id accuracy of `khabar text --lang` on the SemEval-2022 task 8
texts, whose lang1/lang2 columns are the gold languages.

usage: bench/langid.py KHABAR [--para]

Each distinct text is one input line (newlines inside a text become
spaces). Prints per-language accuracy, the overall accuracy and the
confusions. Exit 3 when ../shared/data is absent.
"""
import collections
import csv
import json
import os
import subprocess
import sys

csv.field_size_limit(1 << 30)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    khabar = sys.argv[1]
    here = os.path.dirname(os.path.abspath(__file__))
    src = os.environ.get("KHABAR_SHARED_DATA", os.path.join(here, "..", "..", "shared", "data"))
    src = os.path.join(src, "semeval2022-task8")
    files = [os.path.join(src, f) for f in ("train.csv", "test.csv")]
    if not all(os.path.exists(f) for f in files):
        print("langid: SemEval data absent (%s): skipped" % src, file=sys.stderr)
        sys.exit(3)
    texts, gold, seen = [], [], set()
    for path in files:
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                for side in ("1", "2"):
                    text = " ".join(row["text" + side].split())
                    if not text or text in seen:
                        continue
                    seen.add(text)
                    texts.append(text)
                    gold.append(row["lang" + side])
    out = subprocess.run([khabar, "text", "--lang"], input="\n".join(texts) + "\n",
                         capture_output=True, text=True, check=False).stdout.splitlines()
    assert len(out) == len(texts), "khabar text wrote %d lines for %d" % (len(out), len(texts))
    per = collections.defaultdict(lambda: [0, 0])
    conf = collections.Counter()
    for g, line in zip(gold, out):
        got = json.loads(line).get("lang", "error")
        per[g][1] += 1
        if got == g:
            per[g][0] += 1
        else:
            conf[(g, got)] += 1
    ok = sum(v[0] for v in per.values())
    n = sum(v[1] for v in per.values())
    print("%-6s %6s %6s %8s" % ("lang", "right", "texts", "accuracy"))
    for lang in sorted(per):
        r, t = per[lang]
        print("%-6s %6d %6d %7.2f%%" % (lang, r, t, 100.0 * r / t))
    print("%-6s %6d %6d %7.2f%%" % ("all", ok, n, 100.0 * ok / n))
    for (g, got), c in conf.most_common():
        print("confusion: %s -> %s: %d" % (g, got, c))


if __name__ == "__main__":
    main()
