"""Reading "article_id<TAB>story" files: the stream's golds (make_stream.py)
and the labellings the systems write (baseline.py --labels, bench/stream.sh
for khabar). A first line "article_id<TAB>..." is a header and skipped."""


def read_labels(path):
    labels = {}
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            parts = line.rstrip("\n").split("\t")
            if i == 0 and parts[0] == "article_id":
                continue
            if len(parts) >= 2:
                labels[parts[0]] = parts[1]
    return labels
