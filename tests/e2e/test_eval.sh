# khabar pairs and khabar eval, on pairs and stories written for the test,
# and on SemEval when ../shared/data is there (floors guard regressions).
cat > pairs.csv <<'CSV'
pair_id,lang1,lang2,text1,text2,Overall
p1,en,en,"Floods in Gilan killed 12 people on Sunday, officials said.","Officials said Sunday's floods in Gilan killed 12 people.",1.0
p2,en,en,"The central bank raised its key rate by half a point.","A new species of orchid was found in the highlands.",4.0
p3,en,en,"Floods in Gilan killed 12 people on Sunday.","Rain is forecast in the capital next week.",3.5
CSV
"$KHABAR" pairs pairs.csv > scores.tsv
assert_eq "$(wc -l < scores.tsv)" 3 "one line per pair"
"$PY" - scores.tsv <<'PY'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
s = [float(r[0]) for r in rows]
assert all(0 <= x <= 1 for x in s), s
assert s[0] > 0.5 and s[0] > s[2] > s[1] - 1e-9, s
assert [r[1] for r in rows] == ["1", "0", "0"], rows
PY
"$KHABAR" eval pairs --json pairs.csv > eval.json
"$PY" -c 'import json,sys; e=json.load(open(sys.argv[1])); assert e["pairs"]==3 and e["same_story"]["f1"]==1.0 and e["pearson"]["all"]>0.8, e' eval.json

cat > stream.jsonl <<'JSONL'
{"id":"f1","text":"Floods in the northern province of Gilan killed 12 people on Sunday, rescue officials said."}
{"id":"b1","text":"The central bank raised its key interest rate by half a point to curb inflation."}
{"id":"f2","text":"Rescue officials in Gilan said 12 people died in Sunday's floods in the northern province."}
{"id":"b2","text":"Inflation pushed the central bank to raise its key interest rate by half a point."}
JSONL
"$KHABAR" ingest --db k.db stream.jsonl 2>/dev/null
printf 'article_id\tstory_id\nf1\tflood\nf2\tflood\nb1\tbank\nb2\tbank\nnot-there\tx\n' > gold.tsv
"$KHABAR" eval clusters --db k.db gold.tsv > clusters.txt
cat clusters.txt
assert_contains clusters.txt "articles: 4 in gold and store (1 gold lines not in the store)"
assert_contains clusters.txt "BCubed    precision 1.000  recall 1.000  F1 1.000"
printf 'f1\tA\nf2\tB\nb1\tA\nb2\tB\n' > wrong.tsv
"$KHABAR" eval clusters --db k.db --json wrong.tsv > wrong.json
"$PY" -c 'import json,sys; e=json.load(open(sys.argv[1])); assert e["pairwise"]["f1"]==0.0 and e["bcubed"]["precision"]==0.5, e' wrong.json
expect_status 2 "$KHABAR" eval frobnicate x
expect_status 2 "$KHABAR" pairs missing.csv

semeval="$PROJECT_ROOT/../shared/data/semeval2022-task8/test.csv"
if [ -f "$semeval" ]; then
    "$KHABAR" eval pairs --json "$semeval" > semeval.json
    "$PY" - semeval.json <<'PY'
import json, sys
e = json.load(open(sys.argv[1]))
print("SemEval test: pearson all %.3f same-language %.3f ar-ar %.3f, same-story F1 %.3f" % (
    e["pearson"]["all"], e["pearson"]["same_language"], e["per_language_pair"]["ar-ar"]["pearson"],
    e["same_story"]["f1"]))
assert e["pearson"]["all"] >= 0.55 and e["same_story"]["f1"] >= 0.75, e
PY
else
    echo "SemEval data absent: skipped the SemEval floors"
fi
