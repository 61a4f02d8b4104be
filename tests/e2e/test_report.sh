# khabar report on the seeds: the facts of ../shared/seeds/README.md for
# Story A and Story B with their sources, and the event's 62 -> 144 shown
# as an evolution, not a conflict.
"$KHABAR" ingest --db k.db "$PROJECT_ROOT/examples/seeds" 2>/dev/null
a=$(sql k.db "SELECT story_id FROM memberships m JOIN articles a ON a.id = m.article_id WHERE a.origin LIKE '%000_%'")
b=$(sql k.db "SELECT story_id FROM memberships m JOIN articles a ON a.id = m.article_id WHERE a.origin LIKE '%004_%'")
e=$(sql k.db "SELECT event_id FROM stories WHERE id = $a")
"$KHABAR" report --db k.db --json "$a" > a.json
"$KHABAR" report --db k.db --json --lang fa "$a" > a_fa.json
"$KHABAR" report --db k.db --json "$b" > b.json
"$KHABAR" report --db k.db --json --event "$e" > e.json
"$PY" - a.json a_fa.json b.json e.json <<'PY'
import json, sys
A, A_fa, B, E = (json.load(open(p))["report"] for p in sys.argv[1:5])

def groups(r, counted):
    return [g for g in r["figures"] if g["counted"] == counted]

def group_with(r, counted, value):
    for g in groups(r, counted):
        if any(v["value"] == value for v in g["values"]):
            return g
    raise AssertionError("no %s group with %s in %s" % (counted, value, r["figures"]))

# Story A: four sources, two languages
assert A["kind"] == "story" and sorted(A["languages"]) == ["ar", "fa"], A["languages"]
assert len(A["timeline"]) == 4
# killed at Crocus: at least 144, all four sources agree
g = group_with(A, "killed", 144)
assert g["classification"] == "agreement" and g["sources"] == 4, g
assert all(v["lo"] == 144 and v["hi"] is None for v in g["values"]), g["values"]
assert g["happening_day"] == "2024-03-22", g
# Kerman bombing: about 100 / nearly 100 / more than 90 -> compatible, a range
g = group_with(A, "killed", 100)
assert g["classification"] == "compatible" and g["sources"] == 4, g
assert g["range"]["lo"] == 90 and g["range"]["hi"] == 100, g["range"]
assert g["happening_day"] == "2024-01-03", g
# 35 arrested in Iran for the Kerman attack
g = group_with(A, "arrested", 35)
assert g["classification"] == "agreement" and g["sources"] == 4, g
# Tajikistan arrested 9 (003 only)
g = group_with(A, "arrested", 9)
assert g["classification"] == "single" and g["sources"] == 1, g
# Reuters' claim and Peskov's profession of ignorance, both attributed
peskov = [d for d in A["disputes"] if "پسکوف" in (d["speaker"] or "") or "بيسكوف" in (d["speaker"] or "")]
assert peskov and all(d["stance"] in ("ignorance", "denial") for d in peskov), A["disputes"]
assert any(any("رويترز" in (c["speaker"] or "") + (c["content"] or "") or
               "رویترز" in (c["speaker"] or "") + (c["content"] or "") for c in d["claims"])
           for d in peskov), peskov
assert any(d["stance"] == "no_answer" and "وزارت امور خارجه ایران" in d["speaker"] for d in A["disputes"])
# summary: 3 to 5 sentences, each linked to an article of the story, in the asked language
ids = {t["article"]: t["lang"] for t in A["timeline"]}
for r, lang in ((A, None), (A_fa, "fa")):
    s = r["summary"]["sentences"]
    assert 3 <= len(s) <= 5, s
    assert all(x["article"] in ids for x in s), s
    if lang:
        assert r["summary"]["lang"] == "fa" and all(ids[x["article"]] == "fa" for x in s), s
    assert len({x["text"] for x in s}) == len(s)

# Story B: at least 62 killed and 145 injured, one source
assert group_with(B, "killed", 62)["values"][0]["lo"] == 62
assert group_with(B, "injured", 145)["classification"] == "single"

# The event: 62 (23 March) -> 144 (1-2 April) is an evolution, not a conflict
assert E["kind"] == "event" and len(E["stories"]) == 2, E["stories"]
g = group_with(E, "killed", 62)
assert g["classification"] == "evolution", g
assert {v["value"] for v in g["values"]} == {62, 144}, g["values"]
assert all(x["classification"] != "conflict" for x in E["figures"]), E["figures"]
PY

"$KHABAR" report --db k.db --html "$a" > a.html
assert_contains a.html '<html lang="ar" dir="rtl">'
grep -q '<script\|<link \|src=' a.html && fail "the HTML report is not self-contained"
"$KHABAR" report --db k.db "$a" > a.txt
assert_contains a.txt "sources agree"
expect_status 2 "$KHABAR" report --db k.db 999
expect_status 2 "$KHABAR" report --db k.db --event 999

# Facts stored at ingest or extracted when the report is written: the same report
"$KHABAR" ingest --db nf.db --no-facts "$PROJECT_ROOT/examples/seeds" 2>/dev/null
assert_eq "$(sql nf.db 'SELECT COUNT(*) FROM articles WHERE facts IS NOT NULL')" 0 "facts skipped"
assert_eq "$(sql k.db 'SELECT COUNT(*) FROM articles WHERE facts IS NOT NULL')" 5 "facts stored"
"$KHABAR" report --db nf.db --json "$a" > a_nf.json
cmp -s a.json a_nf.json || fail "the report differs when facts are extracted late"
