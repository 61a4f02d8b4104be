#!/usr/bin/env bash
# bench/shuffle.sh: how much the stories depend on the input order.
# Ingests the cluster gold (tests/fixtures/clusters) in its own order and in
# N shuffled orders (fixed seeds), and prints for each the BCubed F1 against
# gold and against the stories of the original order.
#   bench/shuffle.sh [KHABAR] [N]
set -euo pipefail
cd "$(dirname "$0")/.."
KHABAR=${1:-build/khabar}
N=${2:-5}
work=$(mktemp -d "${TMPDIR:-/tmp}/khabar-shuffle-XXXXXX")
trap 'rm -rf "$work"' EXIT
items=tests/fixtures/clusters/items.jsonl
gold=tests/fixtures/clusters/gold.tsv
stories() { # DB -> TSV of ext_id<TAB>story
    /usr/bin/python3 -c 'import sqlite3,sys
c = sqlite3.connect(sys.argv[1])
print("article_id\tstory_id")
for a, s in c.execute("SELECT a.ext_id, m.story_id FROM articles a JOIN memberships m ON m.article_id = a.id"):
    print("%s\t%s" % (a, s))' "$1"
}
f1() { "$KHABAR" eval clusters --db "$1" --json "$2" | /usr/bin/python3 -c 'import json,sys; print("%.3f" % json.load(sys.stdin)["bcubed"]["f1"])'; }
"$KHABAR" ingest --db "$work/0.db" "$items" 2>/dev/null
stories "$work/0.db" > "$work/0.tsv"
printf "%-10s %14s %22s\n" order "BCubed vs gold" "BCubed vs first order"
printf "%-10s %14s %22s\n" original "$(f1 "$work/0.db" "$gold")" "1.000"
for seed in $(seq 1 "$N"); do
    /usr/bin/python3 -c 'import random,sys
lines = open(sys.argv[1]).readlines(); random.Random(int(sys.argv[2])).shuffle(lines)
open(sys.argv[3], "w").writelines(lines)' "$items" "$seed" "$work/s$seed.jsonl"
    "$KHABAR" ingest --db "$work/$seed.db" "$work/s$seed.jsonl" 2>/dev/null
    printf "%-10s %14s %22s\n" "seed $seed" "$(f1 "$work/$seed.db" "$gold")" "$(f1 "$work/$seed.db" "$work/0.tsv")"
done
