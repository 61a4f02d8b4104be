#!/usr/bin/env bash
# bench/facts.sh: speed of the facts layer (entities, figures, attributions).
#
#   bench/facts.sh [KHABAR]     (default build/khabar; its libkhabar.a is used)
#
# On the SemEval texts as one JSONL stream (bench/semeval2jsonl.py), measured
# in one process on the same texts (bench/facts_driver.c):
#   - baseline: tokenization alone (kh_text_tokenize), which every stage pays;
#   - facts:    kh_facts_run (tokens, lexicon matches, the three stages);
#   - json:     kh_facts_extract_json (the public call, with its JSON).
# Then `khabar ingest` of the same stream, and what adding facts to it would
# cost: the issue asks that fact extraction not halve ingestion throughput,
# i.e. t_facts < t_ingest. Skips cleanly when ../shared/data is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
KHABAR=${1:-build/khabar}
BUILD=$(dirname "$KHABAR")
ROUNDS=${FACTS_BENCH_ROUNDS:-3}
work=$(mktemp -d "${TMPDIR:-/tmp}/khabar-facts-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "== facts on the SemEval texts"
if ! /usr/bin/python3 bench/semeval2jsonl.py "$work/semeval.jsonl" 2>/dev/null; then
    echo "bench/facts: SemEval data absent: skipped"
    exit 0
fi
PKGS="icu-uc icu-i18n libxml-2.0 sqlite3 jansson libexttextcat libxxhash zlib"
# shellcheck disable=SC2046
${CC:-cc} -std=c17 -O2 -D_GNU_SOURCE -Iinclude -Isrc $(pkg-config --cflags $PKGS) \
    -o "$work/facts_driver" bench/facts_driver.c "$BUILD/libkhabar.a" \
    $(pkg-config --libs $PKGS) -lstemmer -lm -lpthread
"$work/facts_driver" "$work/semeval.jsonl" "$ROUNDS" | tee "$work/out"

t_facts=$(awk '$1 == "facts" {print $2}' "$work/out")
n=$(wc -l < "$work/semeval.jsonl")
/usr/bin/time -f "%e" -o "$work/time" "$KHABAR" ingest --db "$work/semeval.db" "$work/semeval.jsonl" \
    >/dev/null 2>&1 || true
t_ingest=$(cat "$work/time" | tail -n 1)
printf "khabar ingest: %.3f s for %d articles (%.0f art/s)\n" "$t_ingest" "$n" \
    "$(echo "$n / ($t_ingest + 0.0005)" | bc -l)"
printf "ingest + facts: %.3f s, throughput x%.2f of ingest alone (must stay above 0.50)\n" \
    "$(echo "$t_ingest + $t_facts / $ROUNDS" | bc -l)" \
    "$(echo "$t_ingest / ($t_ingest + $t_facts / $ROUNDS)" | bc -l)"
