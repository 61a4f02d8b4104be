# A run killed mid-way loses nothing committed; the re-run resumes and
# nothing is duplicated.
"$PY" - <<'PY'
import random
random.seed(7)
words = ("rain flood dam valley river council vote budget school strike port ship train "
         "bridge market price harvest wheat fire forest road storm coast power").split()
with open("stream.jsonl", "w") as f:
    for i in range(6000):
        text = " ".join(random.choice(words) for _ in range(60))
        f.write('{"id":"x%d","title":"item %d","text":"%s %d"}\n' % (i, i, text, i))
PY
set +e
"$KHABAR" ingest --db k.db --batch 50 stream.jsonl 2>/dev/null &
pid=$!
# wait until some batches are committed, then kill without warning
for _ in $(seq 1 200); do
    n=$(sql k.db 'SELECT COUNT(*) FROM articles' 2>/dev/null || echo 0)
    [ "${n:-0}" -ge 200 ] && break
    sleep 0.05
done
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
set -e
partial=$(sql k.db 'SELECT COUNT(*) FROM articles')
echo "after kill: $partial articles"
[ "$partial" -ge 50 ] || fail "nothing was committed before the kill"
[ "$partial" -lt 6000 ] || fail "the run finished before it was killed: make the stream longer"
[ $((partial % 50)) -eq 0 ] || fail "a partial batch was committed ($partial)"

"$KHABAR" ingest --db k.db stream.jsonl 2>resume.err
assert_contains resume.err "$((6000 - partial)) new, $partial already stored"
assert_eq "$(sql k.db 'SELECT COUNT(*) FROM articles')" 6000 "articles"
assert_eq "$(sql k.db 'SELECT COUNT(DISTINCT ext_id) FROM articles')" 6000 "distinct ids"
assert_eq "$(sql k.db 'SELECT COUNT(*) FROM memberships')" 6000 "memberships"
assert_eq "$(sql k.db 'SELECT SUM(size) FROM stories')" 6000 "story sizes add up"
# the full-text index caught up with what the killed run stored: every
# article is indexed exactly once
assert_eq "$(sql k.db 'SELECT COUNT(*) FROM articles_fts_docsize')" 6000 "articles in the search index"
assert_eq "$(sql k.db "SELECT value FROM meta WHERE key = 'fts_indexed'")" \
    "$(sql k.db 'SELECT MAX(id) FROM articles')" "search index mark"
assert_eq "$(sql k.db "SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH '4321'")" 1 "an article found by search"
