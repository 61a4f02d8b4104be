#!/usr/bin/python3
"""Turn the SemEval-2022 task 8 pair files into a JSONL article stream.

usage: semeval2jsonl.py OUT.jsonl [CSV...]
       (default CSVs: ../shared/data/semeval2022-task8/{train,test}.csv)

Each distinct text (by its content) becomes one line
{"id": "<pair_id>-<1|2>", "text": ...}; the gold language is written as
"gold_lang" (a field khabar ignores), so that khabar detects the language
itself. Exit 3 when the data is absent.
"""
import csv
import json
import os
import sys

csv.field_size_limit(1 << 30)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    here = os.path.dirname(os.path.abspath(__file__))
    default = os.path.join(here, "..", "..", "shared", "data", "semeval2022-task8")
    files = sys.argv[2:] or [os.path.join(default, f) for f in ("train.csv", "test.csv")]
    if not all(os.path.exists(f) for f in files):
        print("semeval2jsonl: SemEval data absent (%s): skipped" % default, file=sys.stderr)
        sys.exit(3)
    seen = set()
    n = 0
    with open(out, "w", encoding="utf-8") as w:
        for path in files:
            with open(path, newline="", encoding="utf-8") as f:
                for row in csv.DictReader(f):
                    for side in ("1", "2"):
                        text = row["text" + side]
                        if not text or not text.strip() or text in seen:
                            continue
                        seen.add(text)
                        w.write(json.dumps({"id": "%s-%s" % (row["pair_id"], side),
                                            "gold_lang": row["lang" + side],
                                            "text": text}, ensure_ascii=False) + "\n")
                        n += 1
    print("semeval2jsonl: %d texts -> %s" % (n, out), file=sys.stderr)


if __name__ == "__main__":
    main()
