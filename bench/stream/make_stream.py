#!/usr/bin/python3
"""Build a long article stream with gold stories from the SemEval texts.

usage: make_stream.py [--n N] [--seed S] [--per-day D] [--one-per-pair] [--out STREAM.jsonl]
                      [--gold GOLD.tsv] [CSV...]
       (default CSVs: ../shared/data/semeval2022-task8/{train,test}.csv,
        relative to the project root; exit 3 when they are absent)

Every distinct SemEval text (about 4,900, in ten languages) is a possible
"happening". The stream runs through simulated days of D articles each
(default 50,000: a 100,000-article stream spans two days, a 1,000,000 one
twenty, so that a time window matters). Each day a random 60% of the texts
are "in the news", with a log-normal popularity, and the day's D articles
are drawn from them; an article is its source text perturbed the way
outlets rewrite one another:

  - drop one or two sentences, duplicate one, swap two neighbours;
  - replace some of the numbers (counts, times, scores) by others;
  - truncate to the first 60-100% of the sentences;
  - shuffle a few words inside one sentence;
  - the title (the text before the first double space, when short) is
    kept, reworded by a word swap, or dropped.

At least one perturbation is always applied and every article's text is
distinct (re-drawn on a collision; a very short text that keeps colliding
gets harder word shuffles, and at last a number), so a content-hash store
keeps them all. The gold story of an article is its source text *and* its day:
`article_id<TAB>story_id` with story_id = "<text index>@<day>" (same text
on another day = another story). Publication times advance evenly through
each day from 2025-01-01T00:00:00Z. JSONL lines:
{"id", "lang" (SemEval's gold language), "published", "title", "text"}.

Note: SemEval pairs were chosen because the two texts are often about the
same news, so two different source texts may cover one real happening;
gold counts them as two stories, for every system alike.
"""
import argparse
import csv
import json
import os
import random
import re
import sys
import time

import numpy as np

csv.field_size_limit(1 << 30)

SENT_RE = re.compile(r"(?<=[.!?。！？؟])\s+")
NUM_RE = re.compile(r"\d+")


def load_texts(files, one_per_pair=False):
    """The distinct texts as (lang, title, sentences, linked): linked is the
    index of the text's group of texts that SemEval's annotators judged to
    tell one story (a pair with Overall <= 1.5; translations included),
    joined transitively. With one_per_pair, a text is left out when it was
    paired with a text already taken: no two texts of the stream were ever
    a SemEval pair, so the texts picked for looking alike are not there."""
    seen, parent = {}, {}

    def find(t):
        while parent[t] != t:
            parent[t] = parent[parent[t]]
            t = parent[t]
        return t

    for path in files:
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                sides = ("1", "2")
                if one_per_pair:  # the side already taken, else the first
                    sides = ("2",) if row["text2"] in seen else ("1",)
                for side in sides:
                    text = row["text" + side]
                    if text and text.strip() and text not in seen:
                        seen[text] = row["lang" + side]
                        parent[text] = text
                t1, t2 = row["text1"], row["text2"]
                try:
                    same = float(row.get("Overall") or 9) <= 1.5
                except ValueError:
                    same = False
                if same and t1 in parent and t2 in parent:
                    parent[find(t1)] = find(t2)
    out, group_of = [], {}
    for text, lang in seen.items():
        title = ""
        body = text.strip()
        head, sep, rest = body.partition("  ")
        if sep and 0 < len(head) <= 200 and rest.strip():
            title, body = head.strip(), rest.strip()
        sents = [s for s in SENT_RE.split(body) if s.strip()]
        if not sents:
            continue
        linked = group_of.setdefault(find(text), len(out))
        out.append((lang, title, sents, linked))
    return out


def swap_words(s, rng, k):
    w = s.split(" ")
    if len(w) < 4:
        return s
    for _ in range(k):
        i = rng.randrange(len(w) - 1)
        w[i], w[i + 1] = w[i + 1], w[i]
    return " ".join(w)


def perturb(title, sents, rng):
    s = list(sents)
    applied = 0
    r = rng.random
    if len(s) > 3 and r() < 0.5:
        for _ in range(rng.randint(1, 2)):
            del s[rng.randrange(1, len(s))]
        applied += 1
    if len(s) > 1 and r() < 0.2:
        i = rng.randrange(len(s))
        s.insert(i, s[i])
        applied += 1
    if len(s) > 2 and r() < 0.4:
        i = rng.randrange(len(s) - 1)
        s[i], s[i + 1] = s[i + 1], s[i]
        applied += 1
    if len(s) > 2 and r() < 0.3:
        s = s[:max(1, int(len(s) * (0.6 + 0.4 * r())))]
        applied += 1
    if r() < 0.5 or not applied:
        i = rng.randrange(len(s))
        s[i] = swap_words(s[i], rng, rng.randint(1, 3))
        applied += 1
    text = " ".join(s)
    if r() < 0.5:
        text = NUM_RE.sub(lambda m: str(rng.randrange(1, 100)) if r() < 0.3 else m.group(0), text)
    x = r()
    if x < 0.15:
        title = ""
    elif x < 0.35 and title:
        title = swap_words(title, rng, 1)
    return title, text


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--per-day", type=int, default=50_000)
    ap.add_argument("--out", default="stream.jsonl")
    ap.add_argument("--gold", default=None, help="gold TSV (default: OUT with .gold.tsv)")
    ap.add_argument("--gold-linked", default=None,
                    help="also write the linked gold: texts SemEval judged one story (Overall <= 1.5) "
                         "are one story per day")
    ap.add_argument("--one-per-pair", action="store_true",
                    help="never take both texts of a SemEval pair (see load_texts)")
    ap.add_argument("csv", nargs="*")
    a = ap.parse_args()
    here = os.path.dirname(os.path.abspath(__file__))
    default = os.path.normpath(os.path.join(here, "..", "..", "..", "shared", "data", "semeval2022-task8"))
    files = a.csv or [os.path.join(default, f) for f in ("train.csv", "test.csv")]
    if not all(os.path.exists(f) for f in files):
        print("make_stream: SemEval data absent (%s): skipped" % default, file=sys.stderr)
        sys.exit(3)
    gold_path = a.gold or re.sub(r"\.jsonl$", "", a.out) + ".gold.tsv"
    t0 = time.time()
    texts = load_texts(files, a.one_per_pair)
    nt = len(texts)
    rng = random.Random(a.seed)
    nrng = np.random.default_rng(a.seed)
    seen = set()
    n_done = 0
    day = 0
    linked_out = open(a.gold_linked, "w", encoding="utf-8") if a.gold_linked else None
    if linked_out:
        linked_out.write("article_id\tstory_id\n")
    with open(a.out, "w", encoding="utf-8") as out, open(gold_path, "w", encoding="utf-8") as gold:
        gold.write("article_id\tstory_id\n")
        dumps = json.JSONEncoder(ensure_ascii=False).encode
        while n_done < a.n:
            m = min(a.per_day, a.n - n_done)
            active = nrng.random(nt) < 0.6
            w = np.where(active, nrng.lognormal(0.0, 1.2, nt), 0.0)
            picks = nrng.choice(nt, size=m, p=w / w.sum())
            lines, glines, llines = [], [], []
            base = 1735689600 + day * 86400  # 2025-01-01T00:00:00Z
            for i, ti in enumerate(picks.tolist()):
                lang, title, sents, linked = texts[ti]
                for k in range(40):
                    if k < 8:
                        t, body = perturb(title, sents, rng)
                    else:  # short texts: shuffle harder, then number them
                        body = swap_words(" ".join(sents), rng, k)
                        if k == 39:
                            body += " (%d)" % (n_done + i)
                    h = hash(body)
                    if h not in seen:
                        break
                seen.add(h)
                aid = "s%07d" % (n_done + i)
                ts = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(base + (i * 86400) // m))
                lines.append(dumps({"id": aid, "lang": lang, "published": ts, "title": t, "text": body}))
                glines.append("%s\t%d@%d" % (aid, ti, day))
                llines.append("%s\tL%d@%d" % (aid, linked, day))
            out.write("\n".join(lines) + "\n")
            gold.write("\n".join(glines) + "\n")
            if linked_out:
                linked_out.write("\n".join(llines) + "\n")
            n_done += m
            day += 1
    if linked_out:
        linked_out.close()
    print("make_stream: %d articles over %d day(s) from %d texts -> %s, gold %s (%.1f s)"
          % (n_done, day, nt, a.out, gold_path, time.time() - t0), file=sys.stderr)


if __name__ == "__main__":
    main()
