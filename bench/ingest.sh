#!/usr/bin/env bash
# bench/ingest.sh: ingestion speed and memory of the walking skeleton.
#
#   bench/ingest.sh [KHABAR]     (default build/khabar)
#
# 1. the five seeds: wall time and peak memory of `khabar ingest`;
# 2. the SemEval texts as one JSONL stream (bench/semeval2jsonl.py):
#    articles/s, MB/s and peak memory of `khabar ingest`, against two
#    baselines measured in the same run on the same file:
#      - read:  `cat FILE > /dev/null` (the cost of the bytes alone)
#      - parse: Python's json.loads over every line (a floor any JSONL
#               consumer pays; no analysis at all)
# Skips the SemEval part cleanly when ../shared/data is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
KHABAR=${1:-build/khabar}
work=$(mktemp -d "${TMPDIR:-/tmp}/khabar-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT

# measure LABEL CMD...: runs CMD under /usr/bin/time, prints wall s and peak KiB
measure() {
    local label=$1; shift
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/err" || {
        local rc=$?; [ $rc -eq 1 ] || { cat "$work/err"; return $rc; }; }
    read -r wall peak < "$work/time"
    echo "$label $wall $peak"
}

echo "== seeds (examples/seeds, 5 articles)"
read -r _ wall peak < <(measure seeds "$KHABAR" ingest --db "$work/seeds.db" examples/seeds)
printf "khabar ingest: %.3f s wall, peak RSS %.1f MiB\n" "$wall" "$(echo "$peak / 1024" | bc -l)"

echo "== SemEval texts as one JSONL stream"
if ! /usr/bin/python3 bench/semeval2jsonl.py "$work/semeval.jsonl"; then
    echo "bench/ingest: SemEval data absent: skipped"
    exit 0
fi
n=$(wc -l < "$work/semeval.jsonl")
bytes=$(stat -c %s "$work/semeval.jsonl")
mb=$(echo "$bytes / 1000000" | bc -l)

read -r _ t_read _ < <(measure read cat "$work/semeval.jsonl")
read -r _ t_parse _ < <(measure parse /usr/bin/python3 -c '
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    json.loads(line)' "$work/semeval.jsonl")
read -r _ t_ingest peak < <(measure ingest "$KHABAR" ingest --db "$work/semeval.db" "$work/semeval.jsonl")

rate() { echo "$1 / ($2 + 0.0005)" | bc -l; }
printf "%-28s %9s %10s %9s\n" "" "art/s" "MB/s" "wall s"
printf "%-28s %9.0f %10.1f %9.3f\n" "baseline: cat" "$(rate "$n" "$t_read")" "$(rate "$mb" "$t_read")" "$t_read"
printf "%-28s %9.0f %10.1f %9.3f\n" "baseline: python json.loads" "$(rate "$n" "$t_parse")" "$(rate "$mb" "$t_parse")" "$t_parse"
printf "%-28s %9.0f %10.1f %9.3f\n" "khabar ingest" "$(rate "$n" "$t_ingest")" "$(rate "$mb" "$t_ingest")" "$t_ingest"
printf "articles %d, %.1f MB; khabar peak RSS %.1f MiB; khabar/json.loads time ratio %.1fx\n" \
    "$n" "$mb" "$(echo "$peak / 1024" | bc -l)" "$(echo "$t_ingest / ($t_parse + 0.0005)" | bc -l)"
echo "stories: $(/usr/bin/python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from stories").fetchone()[0])' "$work/semeval.db")"
