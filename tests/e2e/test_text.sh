# khabar text: one JSON object per input line, errors included, in order.
in=lines.txt
{
    printf 'ایران به روسیه هشدار امنیتی داده بود\n'
    printf '\n'
    printf 'الكرملين ينفي تلقي تحذير من إيران قبل الهجوم\n'
    printf 'bad \xff\xfe bytes\n'
    printf '   \n'
    printf 'The Kremlin said on Monday it had no information about a warning.\n'
    printf 'overlong \xc0\xaf and surrogate \xed\xa0\x80\n'
    printf 'سخنگوی کرملین از بیاطلاعی خود گفت و می رود'   # no final newline
} > "$in"

expect_status 1 "$KHABAR" text --lang --fold --tokens --stems < "$in" > out.jsonl
[ "$(wc -l < out.jsonl)" -eq 8 ] || fail "expected 8 output lines, got $(wc -l < out.jsonl)"

"$PY" - out.jsonl "$in" <<'PY'
import json, sys
out = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
src = open(sys.argv[2], "rb").read().split(b"\n")
assert out[0]["lang"] == "fa" and out[0]["confidence"] > 0.5, out[0]
assert out[1] == {"error": "empty line"}, out[1]
assert out[2]["lang"] == "ar", out[2]
assert out[3] == {"error": "invalid UTF-8 at byte 4"}, out[3]
assert out[4] == {"error": "empty line"}, out[4]
assert out[5]["lang"] == "en", out[5]
assert out[6]["error"].startswith("invalid UTF-8 at byte 9"), out[6]
assert out[7]["lang"] == "fa", out[7]
# offsets are bytes of the input line; the text is the original span
for i in (0, 2, 5, 7):
    line = src[i]
    for t in out[i]["tokens"]:
        assert line[t["start"]:t["end"]].decode("utf-8") == t["text"], (i, t)
    assert len(out[i]["stems"]) == sum(1 for t in out[i]["tokens"] if t["kind"] == "word")
toks = {t["text"]: t for t in out[2]["tokens"]}
assert toks["الكرملين"]["base"] == "كرملين" and toks["الكرملين"]["clitics"] == ["ال"], toks["الكرملين"]
toks = {t["text"]: t for t in out[7]["tokens"]}
assert toks["می رود"]["key"] == "ميرود" and toks["می رود"]["joined"], toks
assert out[0]["fold"] == "ايران به روسيه هشدار امنيتي داده بود"
PY

# the default is --lang; --in-lang forces the language of stems
printf 'running attacks\n' | "$KHABAR" text > lang.jsonl
assert_contains lang.jsonl '"lang":'
printf 'running attacks\n' | "$KHABAR" text --stems --in-lang en > stems.jsonl
assert_eq "$(cat stems.jsonl)" '{"stems":["run","attack"]}' "stems"
"$KHABAR" text --help | grep -q -- '--in-lang' || fail "--help does not list --in-lang"
expect_status 2 "$KHABAR" text --bogus < /dev/null
