#!/usr/bin/env bash
# bench/cluster.sh: the clustering stage alone, and the representation stage,
# on the SemEval texts as a stream (bench/semeval2jsonl.py), or on a stream
# given as argument (bench/stream/make_stream.py makes large ones).
#   bench/cluster.sh [KHABAR] [STREAM.jsonl]
set -euo pipefail
cd "$(dirname "$0")/.."
KHABAR=${1:-build/khabar}
BUILD=$(dirname "$KHABAR")
work=$(mktemp -d "${TMPDIR:-/tmp}/khabar-bench-cluster-XXXXXX")
trap 'rm -rf "$work"' EXIT
PKGS="icu-uc icu-i18n libxml-2.0 sqlite3 jansson libexttextcat libxxhash zlib"
cc -std=c17 -O2 -D_GNU_SOURCE -Iinclude -Isrc $(pkg-config --cflags $PKGS) -o "$work/bench_cluster" \
    bench/cluster/bench_cluster.c "$BUILD/libkhabar.a" $(pkg-config --libs $PKGS) -lstemmer -lm
stream=${2:-}
if [ -z "$stream" ]; then
    /usr/bin/python3 - "$work/semeval.jsonl" <<'PY' || { echo "bench/cluster: SemEval data absent: skipped"; exit 0; }
import json, os, subprocess, sys
out = sys.argv[1]
tmp = out + ".raw"
if subprocess.call(["/usr/bin/python3", "bench/semeval2jsonl.py", tmp]) != 0:
    sys.exit(3)
with open(out, "w") as w:
    for line in open(tmp):
        d = json.loads(line)
        d["lang"] = d.pop("gold_lang")
        w.write(json.dumps(d, ensure_ascii=False) + "\n")
PY
    stream="$work/semeval.jsonl"
fi
"$work/bench_cluster" "$stream"
