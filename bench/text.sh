#!/usr/bin/env bash
# bench/text.sh: throughput of the text layer (fold, tokenize, stem: the
# whole of src/text/) on the SemEval-2022 task 8 texts, one core, against
# a plain ICU word-break pass measured in the same run (bench/text/driver.c),
# then language-id accuracy on the same texts (bench/langid.py).
#
#   bench/text.sh [KHABAR] [SECONDS]    (defaults build/khabar, 2 s per pass)
#
# Builds the driver against $LIB (default build/libkhabar.a). Skips cleanly
# when ../shared/data is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
KHABAR=${1:-build/khabar}
SECONDS_PER_PASS=${2:-2}
LIB=${LIB:-build/libkhabar.a}
work=$(mktemp -d "${TMPDIR:-/tmp}/khabar-bench-text-XXXXXX")
trap 'rm -rf "$work"' EXIT

if ! /usr/bin/python3 bench/semeval2jsonl.py "$work/semeval.jsonl" 2>/dev/null; then
    echo "bench/text: SemEval data absent: skipped"
    exit 0
fi
# one text per line (newlines inside a text become spaces)
/usr/bin/python3 -c '
import json, sys
with open(sys.argv[2], "w", encoding="utf-8") as w:
    for line in open(sys.argv[1], encoding="utf-8"):
        w.write(" ".join(json.loads(line)["text"].split()) + "\n")' "$work/semeval.jsonl" "$work/texts.txt"

PKGS="icu-uc icu-i18n libxml-2.0 sqlite3 jansson libexttextcat libxxhash zlib"
# shellcheck disable=SC2046
${CC:-cc} -std=c17 -O2 -D_GNU_SOURCE -Iinclude -Isrc $(pkg-config --cflags $PKGS) \
    -o "$work/driver" bench/text/driver.c "$LIB" $(pkg-config --libs $PKGS) -lstemmer -lm -lpthread
echo "== text layer throughput, one core (CPU time), SemEval texts"
"$work/driver" "$work/texts.txt" "$SECONDS_PER_PASS"
echo "== language id (khabar text --lang) on the SemEval texts"
/usr/bin/python3 bench/langid.py "$KHABAR" || [ $? -eq 3 ]
