# Bad inputs never stop the run: each gets one error line naming the file
# (and line) and a record in the store; the good articles are all stored;
# the exit code is 1.
mkdir in
printf '' > in/empty.txt
printf '\x7fELF\x02\x01\x01\x00\x00\x00binary' > in/binary.txt
printf 'caf\xe9 cr\xe8me: Latin-1, not UTF-8\n' > in/latin1.txt
printf '<html><head><title>Broken' > in/truncated.html
cat > in/mixed.jsonl <<'JSONL'
{"id": "g1", "title": "Dam opens after heavy rain", "text": "Officials opened the dam gates on Tuesday after three days of heavy rain in the valley."}
{"id": "bad", "title": "unterminated
{"id": "g2", "title": "Rain keeps falling", "text": "Heavy rain fell for a fourth day in the valley, and the dam gates stayed open."}
JSONL
printf '{"id":"g3","text":"Bytes \xff\xfe in JSON"}\n' >> in/mixed.jsonl
cp "$PROJECT_ROOT/examples/seeds/000_7a2339865d4e93cd.txt" in/good.txt

expect_status 1 "$KHABAR" ingest --db k.db in 2>err.txt
cat err.txt
assert_contains err.txt "in/empty.txt: offset 0: empty (no text)"
assert_contains err.txt "in/binary.txt: offset 7: binary data (NUL byte)"
assert_contains err.txt "in/latin1.txt: offset 3: invalid UTF-8"
assert_contains err.txt "in/mixed.jsonl:2: offset"
assert_contains err.txt "in/mixed.jsonl:4: offset"
assert_contains err.txt "4 new, 0 already stored, 5 rejected"
# the good ones: two JSONL lines, the seed and the truncated (but readable) HTML
assert_eq "$(sql k.db 'SELECT COUNT(*) FROM articles')" 4 "articles stored"
assert_eq "$(sql k.db "SELECT COUNT(*) FROM articles WHERE ext_id IN ('g1','g2')")" 2 "good JSONL lines"
assert_eq "$(sql k.db 'SELECT COUNT(*) FROM ingest_errors')" 5 "error records"
assert_eq "$(sql k.db "SELECT line FROM ingest_errors WHERE origin = 'in/mixed.jsonl' ORDER BY line LIMIT 1")" 2 "error line"
# re-running records no duplicate errors or articles
expect_status 1 "$KHABAR" ingest --db k.db in 2>/dev/null
assert_eq "$(sql k.db 'SELECT COUNT(*) FROM ingest_errors')" 5 "error records after re-run"
assert_eq "$(sql k.db 'SELECT COUNT(*) FROM articles')" 4 "articles after re-run"

# a file named explicitly with an unknown type, and a missing one
printf 'notes' > notes.md
expect_status 1 "$KHABAR" ingest --db k.db notes.md missing.txt 2>err2.txt
assert_contains err2.txt "notes.md: offset 0: unsupported file type"
assert_contains err2.txt "missing.txt: offset 0: cannot read: No such file or directory"

# a huge file is rejected without reading it into memory
truncate -s 65M huge.txt
expect_status 1 "$KHABAR" ingest --db k.db huge.txt 2>err3.txt
assert_contains err3.txt "huge.txt: offset 0: too large"
