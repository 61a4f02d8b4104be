# Helpers for the end-to-end tests (sourced; the working directory is a
# fresh temporary folder; $KHABAR and $PROJECT_ROOT are set).
set -euo pipefail
PY=/usr/bin/python3

fail() { echo "FAIL: $*" >&2; exit 1; }

# expect_status N CMD...: runs CMD, fails unless it exits with N.
expect_status() {
    local want=$1; shift
    set +e
    "$@"
    local got=$?
    set -e
    [ "$got" -eq "$want" ] || fail "'$*' exited $got, expected $want"
}

# sql DB QUERY: one value from the store, through Python's sqlite3.
sql() {
    "$PY" -c 'import sqlite3,sys; r=sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone(); print(r[0] if r else "")' "$1" "$2"
}

assert_eq() { [ "$1" = "$2" ] || fail "${3:-value}: got '$1', expected '$2'"; }
assert_contains() { grep -qF -- "$2" "$1" || { cat "$1" >&2; fail "$1 does not contain '$2'"; }; }
