#!/usr/bin/env bash
# End-to-end tests: run the real khabar binary ($KHABAR) on real files.
# Each tests/e2e/test_*.sh is sourced in a subshell with helpers from
# lib.sh; prints "e2e: N passed, N failed" and exits non-zero on failure.
set -u
here=$(cd "$(dirname "$0")" && pwd)
export KHABAR=${KHABAR:-build/khabar}
case "$KHABAR" in /*) ;; *) KHABAR="$PWD/$KHABAR" ;; esac
export PROJECT_ROOT=$PWD
passed=0
failed=0
for t in "$here"/test_*.sh; do
    name=$(basename "$t" .sh)
    work=$(mktemp -d "${TMPDIR:-/tmp}/khabar-e2e-XXXXXX")
    if (cd "$work" && source "$here/lib.sh" && source "$t") >"$work.log" 2>&1; then
        passed=$((passed + 1))
        echo "e2e: ok     $name"
    else
        failed=$((failed + 1))
        echo "e2e: FAILED $name"
        sed 's/^/    /' "$work.log"
    fi
    rm -rf "$work" "$work.log"
done
echo "e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
