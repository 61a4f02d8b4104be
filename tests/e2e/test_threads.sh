# Ingest on two threads (reading and preparing ahead of clustering and
# storing) gives exactly the store one thread gives: same articles, dates,
# languages, near-duplicates, facts, stories, memberships and rejections,
# in the same order. The corpus mixes the cluster gold, the seeds, repeated
# content within one run, and bad input.
fixtures="$PROJECT_ROOT/tests/fixtures/clusters"
mkdir in
cp "$fixtures/items.jsonl" in/a_items.jsonl
cp "$PROJECT_ROOT"/examples/seeds/*.txt in/
head -n 40 "$fixtures/items.jsonl" > in/b_repeat.jsonl   # already seen in this run
printf '{"id":"bad1","text":' > in/c_bad.jsonl            # malformed line
printf '\xff\xfe\x00junk' > in/d_binary.txt
for t in 1 2; do
    set +e
    "$KHABAR" ingest --threads $t --db t$t.db in 2> ingest$t.err
    rc=$?
    set -e
    assert_eq "$rc" 1 "exit status with --threads $t (some inputs rejected)"
done
cat ingest2.err
# the same summary line, word for word
assert_eq "$(tail -n 1 ingest1.err)" "$(tail -n 1 ingest2.err)" "summary"
assert_contains ingest2.err "40 already stored"
dump() {
    "$PY" - "$1" <<'PY'
import sqlite3, struct, sys
db = sqlite3.connect(sys.argv[1])
# a centroid is (u64 term, f32 weight) records, 16 bytes with padding
db.create_function("centroid", 1, lambda b: None if b is None else repr(
    [struct.unpack_from("<Qf", b, i) for i in range(0, len(b), 16)]))
for q in ("SELECT id, hash, origin, offset, line, ext_id, lang, round(lang_confidence, 6), title, "
          "published_at, published_day, duplicate_of, minhash, facts FROM articles ORDER BY id",
          "SELECT article_id, story_id, round(score, 6), duplicate FROM memberships ORDER BY 1",
          "SELECT id, title, size, event_id, first_day, last_day, langs, merged_into, centroid(centroid) "
          "FROM stories ORDER BY id",
          "SELECT origin, offset, line, reason FROM ingest_errors ORDER BY id"):
    for row in db.execute(q):
        print(repr(row))
PY
}
dump t1.db > t1.dump
dump t2.db > t2.dump
[ "$(wc -l < t1.dump)" -gt 700 ] || fail "the dump is too short to compare anything"
cmp t1.dump t2.dump || { diff t1.dump t2.dump | cut -c1-300 | head -20; fail "one thread and two differ"; }
"$KHABAR" stories --json --db t1.db > s1.json
"$KHABAR" stories --json --db t2.db > s2.json
cmp s1.json s2.json || fail "stories differ"
# a re-run on two threads skips everything, checked by the reading thread
"$KHABAR" ingest --threads 2 --db t2.db in/a_items.jsonl 2> rerun.err
assert_contains rerun.err "0 new, 316 already stored"
# --threads takes 1 or 2
expect_status 2 "$KHABAR" ingest --threads 3 --db t3.db in/a_items.jsonl
