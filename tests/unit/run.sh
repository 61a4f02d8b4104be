#!/bin/sh
# Runs every cmocka unit-test binary given as arguments and sums their test
# cases: prints "unit: N passed, N failed, N skipped" and exits non-zero if
# any binary failed (a crash counts as a failure of that binary).
passed=0
failed=0
skipped=0
crashed=""
for t in "$@"; do
    if ! "$t" >"$t.log" 2>&1; then
        cat "$t.log"
        grep -q '^\[  FAILED  \] [0-9]' "$t.log" || crashed="$crashed $(basename "$t")"
    fi
    p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$t.log")
    f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$t.log")
    s=$(sed -n 's/^\[  SKIPPED \] \([0-9]*\) test.*/\1/p' "$t.log")
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0}))
    skipped=$((skipped + ${s:-0}))
done
for c in $crashed; do
    echo "unit: $c did not finish"
    failed=$((failed + 1))
done
echo "unit: $# binaries"
echo "unit: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
