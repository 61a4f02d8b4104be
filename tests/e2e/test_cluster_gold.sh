# The story engine on the hand-written cluster gold (tests/fixtures/clusters):
# 316 short Persian and Arabic items in 79 stories, 68 of them told in both
# languages, with same-topic distractors on other days and on the same
# day. Ingests the items into a fresh store, scores the stories against
# gold.tsv with `khabar eval clusters`, prints the scores and asserts floors.
#
# Target (issue 7): BCubed F1 >= 0.95. The floors below are what the engine
# achieved when this test was written (build of 2026-11-23 11:41: BCubed
# P 0.976 R 0.963 F1 0.970, pairwise P 0.941 R 0.954 F1 0.948; the
# precision loss is same-day distractors merged into their sibling) minus
# 0.02; raise them as the engine improves.
BCUBED_FLOOR=0.95
PAIRWISE_FLOOR=0.928
fixtures="$PROJECT_ROOT/tests/fixtures/clusters"

"$KHABAR" ingest --db k.db "$fixtures/items.jsonl" 2> ingest.err || { cat ingest.err; fail "ingest failed"; }
cat ingest.err
assert_eq "$(sql k.db 'SELECT count(*) FROM articles')" 316 "articles stored"
"$KHABAR" eval clusters --db k.db --json "$fixtures/gold.tsv" > eval.json
"$PY" - eval.json "$BCUBED_FLOOR" "$PAIRWISE_FLOOR" <<'PY'
import json, sys
e = json.load(open(sys.argv[1]))
b, p = e["bcubed"], e["pairwise"]
print("cluster gold: %d articles (%d missing); BCubed P %.3f R %.3f F1 %.3f; pairwise P %.3f R %.3f F1 %.3f" % (
    e["articles"], e["missing"], b["precision"], b["recall"], b["f1"],
    p["precision"], p["recall"], p["f1"]))
assert e["articles"] == 316 and e["missing"] == 0, e
assert b["f1"] >= float(sys.argv[2]), "BCubed F1 %.3f below the floor %s" % (b["f1"], sys.argv[2])
assert p["f1"] >= float(sys.argv[3]), "pairwise F1 %.3f below the floor %s" % (p["f1"], sys.argv[3])
PY
