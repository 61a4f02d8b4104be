#!/usr/bin/env bash
# bench/dates.sh: MB/s of the date scanner (kh_dates_scan) on the article
# bodies of SemEval-2022 Task 8 (../shared/data/semeval2022-task8/test.csv),
# against a baseline measured in the same run (UTF-8 validation + copy).
# Builds bench/dates/dates_bench.c against build/libkhabar.a (make build
# first). Skips with a message when the data is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${KHABAR_SHARED_DATA:-../shared/data}/semeval2022-task8/test.csv
if [ ! -f "$DATA" ]; then
    echo "bench/dates.sh: skipped: $DATA not found"
    exit 0
fi
BUILD=${BUILD:-build}
if [ ! -f "$BUILD/libkhabar.a" ]; then
    echo "bench/dates.sh: $BUILD/libkhabar.a missing: run make build first" >&2
    exit 2
fi
PKGS="icu-uc icu-i18n libxml-2.0 sqlite3 jansson libexttextcat libxxhash zlib"
mkdir -p "$BUILD/bench"
${CC:-cc} -std=c17 -O2 -D_GNU_SOURCE -Iinclude -Isrc $(pkg-config --cflags $PKGS) \
    -o "$BUILD/bench/dates_bench" bench/dates/dates_bench.c "$BUILD/libkhabar.a" \
    $(pkg-config --libs $PKGS) -lstemmer -lm -lpthread
"$BUILD/bench/dates_bench" "$DATA"
