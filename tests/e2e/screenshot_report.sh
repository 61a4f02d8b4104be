#!/usr/bin/env bash
# Renders the seeds' story report as HTML and takes a screenshot of it in
# headless Chromium (Debian's chromium package; `scripts/install-deps --dev`
# installs it), to check by eye that it reads well right to left.
#
#   tests/e2e/screenshot_report.sh [KHABAR] [OUT.png]
#
# Not part of `make test` (it needs a browser and a person to look).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
KHABAR=${1:-$root/build/khabar}
out=${2:-$PWD/report-seeds.png}
work=$(mktemp -d "${TMPDIR:-/tmp}/khabar-shot-XXXXXX")
trap 'rm -rf "$work"' EXIT
"$KHABAR" ingest --db "$work/k.db" "$root/examples/seeds" 2>/dev/null
story=$(/usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["stories"][0]["id"])' \
    < <("$KHABAR" stories --db "$work/k.db" --json))
"$KHABAR" report --db "$work/k.db" --html "$story" > "$work/report.html"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/profile" --hide-scrollbars --window-size=1200,2200 \
    --screenshot="$out" "file://$work/report.html" 2>/dev/null
echo "screenshot: $out"
