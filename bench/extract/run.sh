#!/usr/bin/env bash
# bench/extract/run.sh: HTML main-content extraction, khabar against
# Readability.js (@mozilla/readability on jsdom) and readability-lxml, on
# ../shared/data/article-extraction-benchmark (123 pages), scored by the
# benchmark's own evaluate.py and timed on one thread.
#
#   bench/extract/run.sh            (from the project root or anywhere)
#   BUILD=build-clang bench/extract/run.sh
#
# Skips with a message when the data is absent; a missing peer (no node,
# no npm packages, no python3-readability) is skipped, khabar's own figures
# are still reported. Nothing is copied from ../shared: the scorer runs in a
# temporary directory holding symlinks.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
DATA=${KHABAR_SHARED_DATA:-$ROOT/../shared/data}/article-extraction-benchmark
BUILD=${BUILD:-build}
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

if [ ! -f "$DATA/ground-truth.json" ] || [ ! -d "$DATA/html" ]; then
    echo "bench/extract: $DATA not found; skipping"
    exit 0
fi

make -C "$ROOT" --no-print-directory "$BUILD/libkhabar.a" >/dev/null
DRIVER="$ROOT/$BUILD/bench/extract_driver"
mkdir -p "$(dirname "$DRIVER")"
# shellcheck disable=SC2046
${CC:-cc} -std=c17 -O2 -D_GNU_SOURCE -Wall -Wextra -Werror -I"$ROOT/include" -I"$ROOT/src" \
    $(pkg-config --cflags icu-uc icu-i18n libxml-2.0 jansson zlib) \
    -o "$DRIVER" "$HERE/driver.c" "$ROOT/$BUILD/libkhabar.a" \
    $(pkg-config --libs icu-uc icu-i18n libxml-2.0 sqlite3 jansson libexttextcat libxxhash zlib) \
    -lstemmer -lm -lpthread

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$TMP/output" "$TMP/times"
ln -s "$DATA/ground-truth.json" "$TMP/ground-truth.json"
ln -s "$DATA/evaluate.py" "$TMP/evaluate.py"

echo "bench/extract: khabar"
"$DRIVER" "$DATA/html" "$TMP/output/khabar.json" > "$TMP/times/khabar.time"

if "$PY" -c "import readability, lxml.html" 2>/dev/null; then
    echo "bench/extract: readability-lxml"
    "$PY" "$HERE/peer_readability_lxml.py" "$DATA/html" "$TMP/output/readability-lxml.json" \
        "$TMP/times/readability-lxml.time" 2>"$TMP/readability-lxml.log" ||
        echo "bench/extract: readability-lxml failed (see its log); skipped"
else
    echo "bench/extract: python3-readability not installed; readability-lxml skipped"
fi

if command -v node >/dev/null; then
    if [ ! -d "$HERE/node_modules/@mozilla/readability" ] || [ ! -d "$HERE/node_modules/jsdom" ]; then
        if command -v npm >/dev/null; then
            echo "bench/extract: installing @mozilla/readability and jsdom (npm, bench/extract/node_modules)"
            (cd "$HERE" && npm install --no-audit --no-fund --silent >/dev/null 2>&1) || true
        fi
    fi
    if [ -d "$HERE/node_modules/@mozilla/readability" ] && [ -d "$HERE/node_modules/jsdom" ]; then
        echo "bench/extract: Readability.js"
        node "$HERE/peer_readability_js.mjs" "$DATA/html" "$DATA/ground-truth.json" \
            "$TMP/output/readability-js.json" "$TMP/times/readability-js.time" \
            2>"$TMP/readability-js.log" ||
            { echo "bench/extract: Readability.js failed; skipped"; rm -f "$TMP/output/readability-js.json"; }
    else
        echo "bench/extract: npm packages unavailable; Readability.js skipped"
    fi
else
    echo "bench/extract: node not installed; Readability.js skipped"
fi

(cd "$TMP" && "$PY" evaluate.py --n-bootstrap "${N_BOOTSTRAP:-200}" --output results.json >/dev/null)
"$PY" "$HERE/table.py" "$TMP/results.json" "$TMP/times"
