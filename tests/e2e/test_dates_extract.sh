# khabar dates: output line N answers input line N, in three calendars, with
# relative expressions resolved against --anchor; khabar extract: the seeds'
# fields as ../shared/seeds/README.md gives them, without storing anything.
printf '%s\n' 'تاریخ انتشار: ۱۳ فروردين ۱۴۰۳ - ۱۶:۵۳' '' 'وقال يوم الجمعة 22 مارس (آذار) 2024' \
    'Published on 23rd, March 2024 GMT' 'ديروز (دوشنبه) گفت' > lines.txt
printf 'caf\xe9\n' >> lines.txt
set +e
"$KHABAR" dates --json --anchor 2024-04-02 < lines.txt > dates.jsonl
status=$?
set -e
[ "$status" -eq 1 ] || fail "khabar dates exited $status on an invalid line, expected 1"
"$PY" - dates.jsonl <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert [r["line"] for r in rows] == [1, 2, 3, 4, 5, 6], rows
v = lambda r: [(d["value"], d["calendar"]) for d in r["dates"]]
assert ("2024-04-01T16:53+03:30", "persian") in v(rows[0]), rows[0]
assert rows[1]["dates"] == [], rows[1]
assert ("2024-03-22", "gregorian") in v(rows[2]), rows[2]
assert any(x[0] == "2024-03-23" for x in v(rows[3])), rows[3]
assert any(x[0] == "2024-04-01" for x in v(rows[4])), rows[4]   # yesterday (Monday) from Tuesday 2 April
assert "error" in rows[5], rows[5]
PY

"$KHABAR" extract --json "$PROJECT_ROOT"/examples/seeds/*.txt > extract.jsonl
"$PY" - extract.jsonl <<'PY'
import json, sys
rows = {json.loads(l)["path"].rsplit("/", 1)[1][:3]: json.loads(l) for l in open(sys.argv[1])}
assert sorted(rows) == ["000", "001", "002", "003", "004"], rows.keys()
r = rows["000"]
assert r["title"] == "ایران به روسیه هشدار امنیتی داده بود؟!" and r["outlet"] == "مخاطب ۲۴", r["outlet"]
assert r["published_raw"] == "۱۳ فروردين ۱۴۰۳ - ۱۶:۵۳" and r["body"].rstrip().endswith("پاسخی نداد."), r["published_raw"]
assert any(d["reason"] == "tag list" for d in r["dropped"]), r["dropped"]
assert rows["001"]["outlet"] == "مردم سالاری آنلاین" and rows["001"]["published_raw"] is None
assert rows["002"]["outlet"] is None and "[[system-code" not in rows["002"]["body"]
assert sum(d["reason"] == "ad marker" for d in rows["002"]["dropped"]) == 2
assert rows["003"]["outlet"] is None
r = rows["004"]
assert r["title"] == "مسؤول أميركي: لدينا معلومات تؤكد مسؤولية داعش عن هجوم موسكو"
assert r["outlet"] == "سكاي نيوز عربية" and r["published_raw"] == "23rd, March 2024 GMT"
assert "المصدر" not in r["body"] and "وزارة الدفاع" not in r["body"] and "كلمات دلالية" not in r["body"]
assert r["body"].rstrip().endswith("المعلومات الاستخباراتية."), r["body"][-80:]
PY
[ ! -e khabar.db ] || fail "khabar extract created a store"
