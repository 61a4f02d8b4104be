#!/usr/bin/python3
"""Python baseline for the story stream: scikit-learn TF-IDF + online single pass.

usage: baseline.py STREAM.jsonl GOLD.tsv [--threshold T] [--fit N] [--batch B]
                   [--analyzer word|char_wb] [--limit N] [--json F]
                   [--gold-linked G] [--labels F]

What it does (the same online single pass as khabar's story engine):

  1. TF-IDF: sklearn's TfidfVectorizer (word unigrams by default, or
     `--analyzer char_wb` for character 3-5-grams; sublinear tf, l2 norm)
     fitted ONCE on a prefix of the stream: its first `--fit` articles
     (default 20,000, title + text), then used to transform every article.
     A prefix, not the whole stream, because a streaming system cannot see
     the future; terms first seen after the prefix are ignored.
  2. Online single pass, in stream order: each article is scored against
     EVERY story centroid (cosine of the article and the sum of its
     members' vectors), joins the best story when the score is at or above
     the threshold (default 0.5), and otherwise starts a new story. This is
     the baseline's documented weakness: its cost per article grows with
     the number of stories, i.e. with the stream. It has no time window
     either: stories never close, so the same text on another simulated
     day (another gold story, see make_stream.py) can join an old story.

     The computation is exact but vectorised: articles arrive in batches of
     `--batch` (default 256); one sparse product scores the batch against
     all centroids as they were at the batch's start, the batch's own Gram
     matrix adds what earlier articles of the same batch contributed to
     their stories, and the centroid norms are kept incrementally
     (|c + x|^2 = |c|^2 + 2 c.x + |x|^2). The decisions are the same as
     the one-article-at-a-time loop, only faster.

Timing covers everything after start-up: reading and parsing the JSONL,
fitting, transforming and clustering (not the final evaluation). Progress
lines `baseline: progress N docs T s` go to stderr every 10,000 articles, so
a caller that stops it with a time limit can still compute the rate. The
result is printed as one line:

  baseline: docs N stories S seconds T docs/s R pairwise P R F1 bcubed P R F1

and, with --json FILE, written as JSON too.
"""
import argparse
import json
import sys
import time

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

from labels import read_labels


def scores(pred, gold):
    """Pairwise and BCubed precision/recall/F1 of two labellings (lists)."""
    n = len(pred)
    cell, psize, gsize = {}, {}, {}
    for p, g in zip(pred, gold):
        cell[(p, g)] = cell.get((p, g), 0) + 1
        psize[p] = psize.get(p, 0) + 1
        gsize[g] = gsize.get(g, 0) + 1

    def c2(x):
        return x * (x - 1) // 2

    tp = sum(c2(v) for v in cell.values())
    pp = sum(c2(v) for v in psize.values())
    gp = sum(c2(v) for v in gsize.values())

    def f1(p, r):
        return 2 * p * r / (p + r) if p + r else 0.0

    pw_p = tp / pp if pp else 1.0
    pw_r = tp / gp if gp else 1.0
    # BCubed: for an item in cell (p, g), precision |cell|/|p|, recall |cell|/|g|
    b_p = sum(v * v / psize[p] for (p, g), v in cell.items()) / n if n else 0.0
    b_r = sum(v * v / gsize[g] for (p, g), v in cell.items()) / n if n else 0.0
    return {"pairwise": {"precision": pw_p, "recall": pw_r, "f1": f1(pw_p, pw_r)},
            "bcubed": {"precision": b_p, "recall": b_r, "f1": f1(b_p, b_r)}}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("stream")
    ap.add_argument("gold")
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--fit", type=int, default=20000)
    ap.add_argument("--batch", type=int, default=256)
    ap.add_argument("--analyzer", default="word", choices=("word", "char_wb"))
    ap.add_argument("--limit", type=int, default=0, help="stop after N articles")
    ap.add_argument("--json", default=None)
    ap.add_argument("--gold-linked", default=None,
                    help="a second gold to score against (make_stream.py --gold-linked)")
    ap.add_argument("--labels", default=None,
                    help="write 'article_id<TAB>story' lines here (for other scorings)")
    a = ap.parse_args()

    gold = read_labels(a.gold)
    t0 = time.time()
    f = open(a.stream, encoding="utf-8")

    def docs():
        n = 0
        for line in f:
            d = json.loads(line)
            yield d.get("id", ""), (d.get("title") or "") + "\n" + (d.get("text") or "")
            n += 1
            if a.limit and n >= a.limit:
                return

    it = docs()
    # 1. fit on the prefix (kept in memory, clustered right after)
    prefix = []
    for x in it:
        prefix.append(x)
        if len(prefix) >= a.fit:
            break
    if a.analyzer == "word":
        vec = TfidfVectorizer(sublinear_tf=True, dtype=np.float32)
    else:
        vec = TfidfVectorizer(sublinear_tf=True, analyzer="char_wb", ngram_range=(3, 5),
                              dtype=np.float32)
    vec.fit([t for _, t in prefix])
    nfeat = len(vec.vocabulary_)

    # 2. online single pass
    thr = a.threshold
    ids, labels = [], []
    base = sp.csr_matrix((0, nfeat), dtype=np.float32)  # centroid sums, as of batch start
    norm2 = np.zeros(1024, dtype=np.float64)  # squared norms of the centroid sums
    nstories = 0
    done = 0
    next_report = 10000

    def batches():
        for i in range(0, len(prefix), a.batch):
            yield prefix[i:i + a.batch]
        prefix.clear()
        chunk = []
        for x in it:
            chunk.append(x)
            if len(chunk) == a.batch:
                yield chunk
                chunk = []
        if chunk:
            yield chunk

    for chunk in batches():
        X = vec.transform([t for _, t in chunk])
        B = X.shape[0]
        xn2 = np.asarray(X.multiply(X).sum(axis=1)).ravel()
        S0 = (X @ base.T).toarray() if base.shape[0] else np.zeros((B, 0), np.float32)
        G = (X @ X.T).toarray()
        nb = base.shape[0]
        assign = np.empty(B, dtype=np.int64)
        dot = np.zeros(nb + B, dtype=np.float64)
        for i in range(B):
            s_now = nstories
            dot[:nb] = S0[i]
            dot[nb:s_now] = 0.0
            if i:
                np.add.at(dot, assign[:i], G[i, :i])
            if s_now and xn2[i] > 0:
                n2 = norm2[:s_now]
                sc = dot[:s_now] / np.sqrt(np.maximum(n2, 1e-30))
                best = int(np.argmax(sc))  # first maximum: ties go to the older story
                best_score = sc[best]
            else:
                best, best_score = -1, -1.0
            if best >= 0 and best_score >= thr:
                assign[i] = best
                norm2[best] += 2.0 * dot[best] + xn2[i]
            else:
                if nstories == len(norm2):
                    norm2 = np.concatenate([norm2, np.zeros(len(norm2))])
                assign[i] = nstories
                norm2[nstories] = xn2[i]
                nstories += 1
        # fold this batch into the centroid sums
        M = sp.csr_matrix((np.ones(B, np.float32), (assign, np.arange(B))), shape=(nstories, B))
        grown = sp.vstack([base, sp.csr_matrix((nstories - nb, nfeat), dtype=np.float32)], format="csr") \
            if nstories > nb else base
        base = (grown + M @ X).tocsr()
        for (aid, _), lab in zip(chunk, assign.tolist()):
            ids.append(aid)
            labels.append(lab)
        done += B
        if done >= next_report:
            print("baseline: progress %d docs %.2f s stories %d" % (done, time.time() - t0, nstories),
                  file=sys.stderr, flush=True)
            next_report += 10000
    elapsed = time.time() - t0

    def score_against(g):
        pred, gl = [], []
        for aid, lab in zip(ids, labels):
            if aid in g:
                pred.append(lab)
                gl.append(g[aid])
        return scores(pred, gl), len(pred)

    r, evaluated = score_against(gold)
    if a.gold_linked:
        r["linked"] = score_against(read_labels(a.gold_linked))[0]
    r.update({"docs": done, "stories": nstories, "seconds": elapsed,
              "docs_per_s": done / elapsed if elapsed else 0.0, "evaluated": evaluated,
              "threshold": thr, "fit": a.fit, "analyzer": a.analyzer, "features": nfeat})
    print("baseline: docs %d stories %d seconds %.2f docs/s %.1f pairwise %.3f %.3f %.3f bcubed %.3f %.3f %.3f"
          % (done, nstories, elapsed, r["docs_per_s"],
             r["pairwise"]["precision"], r["pairwise"]["recall"], r["pairwise"]["f1"],
             r["bcubed"]["precision"], r["bcubed"]["recall"], r["bcubed"]["f1"]))
    if "linked" in r:
        print("baseline: against the linked gold: bcubed %.3f %.3f %.3f"
              % (r["linked"]["bcubed"]["precision"], r["linked"]["bcubed"]["recall"],
                 r["linked"]["bcubed"]["f1"]))
    if a.json:
        with open(a.json, "w") as w:
            json.dump(r, w, indent=1)
    if a.labels:
        with open(a.labels, "w") as w:
            for aid, lab in zip(ids, labels):
                w.write("%s\t%d\n" % (aid, lab))


if __name__ == "__main__":
    main()
