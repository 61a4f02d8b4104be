#!/usr/bin/env bash
# Runs every benchmark in bench/; each skips cleanly without ../shared/data.
#   bench/run.sh [KHABAR]
set -uo pipefail
cd "$(dirname "$0")/.."
KHABAR=${1:-build/khabar}
status=0
for b in bench/ingest.sh bench/text.sh bench/dates.sh bench/facts.sh bench/extract/run.sh bench/cluster.sh bench/shuffle.sh bench/stream.sh; do
    [ -x "$b" ] || continue
    echo "### $b"
    "$b" "$KHABAR" || { echo "### $b failed"; status=1; }
done
exit $status
