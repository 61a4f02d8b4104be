#!/usr/bin/python3
"""Scores stream clusterings within each language, and counts what they join across languages.

usage: by_language.py STREAM.jsonl GOLD.tsv NAME=LABELS.tsv [NAME=LABELS.tsv ...]
       (LABELS.tsv: "article_id<TAB>story" lines: baseline.py --labels, or
        khabar's stories, which bench/stream.sh reads from the store)

The stream's gold (make_stream.py) makes one story of one source text on
one day. Many SemEval texts are translations or retellings of one another
(SemEval pairs were picked for that), and the linked gold only knows the
pairs SemEval's annotators judged; so a system that finds stories across
languages is charged for it where a word TF-IDF baseline, which cannot,
is not. This script separates the two:

  - BCubed F1 overall (as bench/stream.sh);
  - BCubed F1 within languages: every predicted story and every gold story
    split by language, then scored as one clustering (what a system does
    within each language, with the cross-language question left out);
  - how many articles sit in a predicted story that has more than one
    language.
"""
import collections
import json
import sys

from labels import read_labels


def bcubed(pred, gold):
    cell = collections.Counter((pred[i], gold[i]) for i in gold)
    ps = collections.Counter(pred[i] for i in gold)
    gs = collections.Counter(gold[i] for i in gold)
    n = len(gold)
    p = sum(v * v / ps[a] for (a, _), v in cell.items()) / n
    r = sum(v * v / gs[b] for (_, b), v in cell.items()) / n
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def main():
    if len(sys.argv) < 4:
        print(__doc__.split("\n")[2].strip(), file=sys.stderr)
        return 2
    lang = {}
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            lang[d["id"]] = d.get("lang", "")
    gold = read_labels(sys.argv[2])
    print("%-10s %22s %22s %14s" % ("", "BCubed P/R/F1", "within languages", "cross-lang"))
    for arg in sys.argv[3:]:
        name, path = arg.split("=", 1)
        pred = read_labels(path)
        ids = [i for i in gold if i in pred]
        g = {i: gold[i] for i in ids}
        p = {i: pred[i] for i in ids}
        whole = bcubed(p, g)
        within = bcubed({i: (p[i], lang[i]) for i in ids}, {i: (g[i], lang[i]) for i in ids})
        langs_of = collections.defaultdict(set)
        for i in ids:
            langs_of[p[i]].add(lang[i])
        mixed = sum(1 for i in ids if len(langs_of[p[i]]) > 1)
        print("%-10s %6.3f %6.3f %6.3f   %6.3f %6.3f %6.3f   %6d of %d" % (
            name, *whole, *within, mixed, len(ids)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
