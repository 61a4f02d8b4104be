#!/usr/bin/python3
"""How far lexical evidence reaches on SemEval-2022 task 8 (docs/story.md).

usage: bench/semeval_ceiling.py [KHABAR] [DATA_DIR]
       (defaults: build/khabar, ../shared/data/semeval2022-task8; skips
        with exit 0 when the data is absent)

Learned models over lexical signals, fitted on train and scored on test
(Pearson against -Overall, pairs deduplicated by pair_id as `khabar eval
pairs` does), next to khabar's own score:

  - khabar's pair score (`khabar pairs --channels`, first column);
  - gradient boosting over khabar's five channel cosines;
  - the same plus scikit-learn character 3-5-gram TF-IDF cosines of the
    first line, the first 600 characters and the whole text (the TF-IDF's
    document frequencies are counted over the train and test texts, no
    labels).

A learned model is not something the online clustering can use as it is;
the point is the ceiling: if these stay well below the issue's aims, the
aims need evidence of meaning, not more lexical tuning.
"""
import csv
import os
import subprocess
import sys

import numpy as np
from scipy.stats import pearsonr
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.feature_extraction.text import TfidfVectorizer

csv.field_size_limit(1 << 30)


def load(khabar, path):
    """(channel rows, -Overall, language pairs, text pairs), one per pair id."""
    out = subprocess.run([khabar, "pairs", "--channels", path], check=True, capture_output=True,
                         text=True).stdout.splitlines()
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    if len(rows) != len(out):
        sys.exit("semeval_ceiling: %d rows but %d scores" % (len(rows), len(out)))
    seen, X, y, lp, texts = set(), [], [], [], []
    for r, line in zip(rows, out):
        if r["pair_id"] in seen:
            continue
        seen.add(r["pair_id"])
        X.append([float(v) for v in line.split("\t")])
        y.append(-float(r["Overall"]))
        lp.append((r["lang1"], r["lang2"]))
        texts.append((r["text1"], r["text2"]))
    return np.array(X), np.array(y), lp, texts


def parts(t):
    """First line (at most 300 characters), first 600 characters, all."""
    t = t.strip()
    lines = [l for l in t.split("\n") if l.strip()]
    return (lines[0] if lines else t)[:300], t[:600], t


def char_cosines(vec, texts):
    cols = []
    for k in range(3):
        a = vec.transform([parts(x)[k] for x, _ in texts])
        b = vec.transform([parts(y)[k] for _, y in texts])
        cols.append(np.asarray(a.multiply(b).sum(axis=1)).ravel())
    return np.vstack(cols).T


def main():
    khabar = sys.argv[1] if len(sys.argv) > 1 else "build/khabar"
    here = os.path.dirname(os.path.abspath(__file__))
    data = sys.argv[2] if len(sys.argv) > 2 else os.path.normpath(
        os.path.join(here, "..", "..", "shared", "data", "semeval2022-task8"))
    train, test = os.path.join(data, "train.csv"), os.path.join(data, "test.csv")
    if not (os.path.exists(train) and os.path.exists(test)):
        print("semeval_ceiling: SemEval data absent (%s): skipped" % data)
        return
    Xtr, ytr, _, Ttr = load(khabar, train)
    Xte, yte, lte, Tte = load(khabar, test)
    same = [i for i, (a, b) in enumerate(lte) if a == b]
    arar = [i for i, p in enumerate(lte) if p == ("ar", "ar")]

    def report(name, p):
        print("%-58s %6.3f %6.3f %6.3f" % (name, pearsonr(p, yte)[0], pearsonr(p[same], yte[same])[0],
                                          pearsonr(p[arar], yte[arar])[0]))

    print("%-58s %6s %6s %6s" % ("Pearson on test (fitted on train)", "all", "same", "ar-ar"))
    report("khabar's pair score", Xte[:, 0])
    gbr = dict(max_depth=3, subsample=0.8, random_state=0)
    m = GradientBoostingRegressor(n_estimators=200, learning_rate=0.05, **gbr)
    report("gradient boosting over the channel cosines", m.fit(Xtr[:, 2:], ytr).predict(Xte[:, 2:]))
    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=2)
    vec.fit([t for pairs in (Ttr, Tte) for pair in pairs for t in pair])
    Ztr = np.hstack([Xtr[:, 2:], char_cosines(vec, Ttr)])
    Zte = np.hstack([Xte[:, 2:], char_cosines(vec, Tte)])
    m = GradientBoostingRegressor(n_estimators=300, learning_rate=0.03, **gbr)
    report("the same + char n-gram cosines (first line, 600 chars, all)", m.fit(Ztr, ytr).predict(Zte))


if __name__ == "__main__":
    main()
