#!/usr/bin/env bash
# Runs every benchmark script in bench/ (each skips cleanly without data).
set -euo pipefail
cd "$(dirname "$0")/.."
KHABAR=${1:-build/khabar}
for b in bench/ingest.sh; do
    echo "### $b"
    "$b" "$KHABAR"
done
