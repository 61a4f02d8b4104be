# Pages in other charsets are decoded; WARC archives are read record by
# record; a text dump in a legacy charset is rejected with a hint, and
# taken with --charset.
F="$PROJECT_ROOT/tests/fixtures"
cp -r "$F/html" html
cp -r "$F/warc" warc
expect_status 1 "$KHABAR" ingest --db k.db html warc 2>err.txt
cat err.txt
assert_contains err.txt "warc/malformed.warc: offset 332: missing or bad Content-Length"
assert_contains err.txt "warc/truncated.warc.gz: offset"
for f in ar_cp1256.html:windows-1256 ar_iso8859_6.html:ISO-8859-6 fa_utf16le_bom.html:UTF-16LE \
         fa_utf8_stray.html:"UTF-8 (repaired)"; do
    assert_eq "$(sql k.db "SELECT charset FROM articles WHERE origin = 'html/${f%%:*}'")" "${f#*:}" "charset of ${f%%:*}"
done
assert_eq "$(sql k.db "SELECT title FROM articles WHERE origin = 'html/ar_iso8859_6.html'")" \
    "$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["ar"]["title"])' "$F/html/expected.json")" "decoded Arabic title"
assert_eq "$(sql k.db "SELECT lang FROM articles WHERE origin = 'html/fa_utf16le_bom.html'")" "fa" "UTF-16 page language"
# WARC articles carry their record offset and target URI
assert_eq "$(sql k.db "SELECT url FROM articles WHERE format = 'warc' AND offset = 628")" "https://news.example/b" "WARC record URL"

# a windows-1256 text dump: rejected with a hint, then read with --charset
"$PY" - "$PROJECT_ROOT/examples/seeds/002_609d45a39ab9baaa.txt" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read().replace("[[system-code:ad:autoads]]", "")
open("dump1256.txt", "wb").write(text.encode("cp1256", errors="replace"))
PY
expect_status 1 "$KHABAR" ingest --db d.db dump1256.txt 2>dump.err
assert_contains dump.err "dump1256.txt: offset 0: invalid UTF-8 (it looks like windows-1256: ingest it with --charset windows-1256)"
"$KHABAR" ingest --db d.db --charset windows-1256 dump1256.txt 2>/dev/null
assert_eq "$(sql d.db "SELECT charset || ' ' || lang FROM articles")" "windows-1256 ar" "converted dump"
assert_eq "$(sql d.db "SELECT instr(text, 'بيسكوف') > 0 FROM articles")" 1 "converted text"
