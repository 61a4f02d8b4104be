# The five seed articles, end to end: stored, languages, idempotent,
# every article in exactly one story.
cp -r "$PROJECT_ROOT/examples/seeds" seeds
"$KHABAR" ingest --db k.db seeds 2>ingest.err
assert_contains ingest.err "5 new, 0 already stored, 0 rejected"
assert_eq "$(sql k.db 'SELECT COUNT(*) FROM articles')" 5 "articles stored"
assert_eq "$(sql k.db "SELECT group_concat(lang, ' ') FROM (SELECT lang FROM articles ORDER BY origin)")" "fa fa ar ar ar" "languages"

"$KHABAR" ingest --db k.db seeds 2>again.err
assert_contains again.err "0 new, 5 already stored"
assert_eq "$(sql k.db 'SELECT COUNT(*) FROM articles')" 5 "articles after re-ingest"

"$KHABAR" stories --db k.db --json > stories.json
"$PY" - stories.json <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["version"] == 1
ids = [a for s in doc["stories"] for a in s["articles"]]
assert sorted(ids) == [1, 2, 3, 4, 5], ids          # each article exactly once
assert sum(s["size"] for s in doc["stories"]) == 5
for s in doc["stories"]:
    assert s["size"] == len(s["articles"]) and s["title"]
    assert set(s["languages"]) <= {"fa", "ar"}
PY
first=$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["stories"][0]["id"])' stories.json)
"$KHABAR" show --db k.db --json "$first" > show.json
"$PY" -c 'import json,sys; s=json.load(open(sys.argv[1]))["story"]; assert s["articles"][0]["hash"] and s["articles"][0]["origin"].startswith("seeds/"), s' show.json
"$KHABAR" show --db k.db "$first" > show.txt
assert_contains show.txt "Story $first:"

# make demo's command prints the same stories table
"$KHABAR" run --db k.db seeds > run.txt 2>/dev/null
assert_contains run.txt "STORY"

# The story engine on the seeds (../shared/seeds/README.md): 000-003 are one
# story across Persian and Arabic, 004 another, both in one event.
"$PY" - stories.json <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
groups = sorted(sorted(s["articles"]) for s in doc["stories"])
assert groups == [[1, 2, 3, 4], [5]], groups
assert len({s["event"] for s in doc["stories"]}) == 1, doc["stories"]
a = [s for s in doc["stories"] if s["size"] == 4][0]
assert sorted(a["languages"]) == ["ar", "fa"], a
assert a["first_published"].startswith("2024-04-01") and a["last_published"] == "2024-04-02", a
PY

# Publication dates as the README gives them
assert_eq "$(sql k.db "SELECT group_concat(published_at, ' ') FROM (SELECT published_at FROM articles ORDER BY origin)")" \
    "2024-04-01T16:53+03:30 2024-04-02 2024-04-01 2024-04-01 2024-03-23" "publication dates"

# Extraction: titles, outlets and date lines; no boilerplate left in bodies
assert_eq "$(sql k.db "SELECT title FROM articles WHERE origin LIKE '%000_%'")" "ایران به روسیه هشدار امنیتی داده بود؟!" "title of 000"
assert_eq "$(sql k.db "SELECT source FROM articles WHERE origin LIKE '%004_%'")" "سكاي نيوز عربية" "outlet of 004"
assert_eq "$(sql k.db "SELECT source FROM articles WHERE origin LIKE '%001_%'")" "مردم سالاری آنلاین" "outlet of 001"
assert_eq "$(sql k.db "SELECT COUNT(*) FROM articles WHERE source IS NULL")" 2 "002 and 003 name no outlet"
for junk in 'برچسب ها' 'آخرین اخبار' '[[system-code' 'كلمات دلالية' 'إقرأ أيضاً' 'وزارة الدفاع توقع' 'المصدر:'; do
    assert_eq "$(sql k.db "SELECT COUNT(*) FROM articles WHERE instr(text, '$junk') > 0")" 0 "boilerplate '$junk' in a body"
done
