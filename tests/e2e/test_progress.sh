# A progress bar with rate and ETA on stderr when it is a terminal (run
# under script(1) for a pseudo-terminal), and none when it is not.
command -v script >/dev/null || { echo "script(1) absent: skipped"; exit 0; }
"$PY" - <<'PY'
import json
with open("many.jsonl", "w") as f:
    for i in range(3000):
        f.write(json.dumps({"id": "p%d" % i, "published": "2025-01-01",
                            "text": "Item %d: the council met on Monday to discuss the budget of district %d." % (i, i % 50)}) + "\n")
PY
script -qec "$KHABAR ingest --db tty.db --batch 100 many.jsonl" tty.out </dev/null >/dev/null 2>&1
tr '\r' '\n' < tty.out > tty.txt
grep -Eq '\[[#.]{30}\] +[0-9]+%  [0-9]+ articles  [0-9]+/s  [0-9.]+ MB/s  ETA [0-9]+s' tty.txt \
    || { cat tty.txt; fail "no progress bar on a terminal"; }
"$KHABAR" ingest --db pipe.db --batch 100 many.jsonl 2> pipe.err
grep -q 'ETA' pipe.err && fail "a progress bar on a non-terminal stderr"
assert_contains pipe.err "3000 new"
