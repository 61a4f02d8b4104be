# User-supplied embeddings: articles in scripts that share no word are put
# together when their embeddings agree, and kept apart when they do not;
# a malformed embedding is a rejected line.
cat > in.jsonl <<'JSONL'
{"id":"en1","lang":"en","published":"2025-05-01","text":"The river burst its banks and flooded the old town overnight.","embedding":[0.9,0.1,0.0,0.1]}
{"id":"el1","lang":"el","published":"2025-05-01","text":"Ο ποταμός ξεχείλισε και πλημμύρισε την παλιά πόλη τη νύχτα.","embedding":[0.88,0.12,0.02,0.1]}
{"id":"ja1","lang":"ja","published":"2025-05-01","text":"中央銀行は金利を引き上げた。","embedding":[0.0,0.1,0.95,0.2]}
{"id":"en2","lang":"en","published":"2025-05-02","text":"Interest rates rose after the central bank decision on Friday.","embedding":[0.02,0.12,0.93,0.22]}
{"id":"bad","lang":"en","text":"An embedding that is not numbers.","embedding":["x"]}
JSONL
expect_status 1 "$KHABAR" ingest --db k.db in.jsonl 2>err.txt
assert_contains err.txt 'in.jsonl:5: offset'
assert_contains err.txt 'field "embedding" must be an array of 1 to 4096 numbers'
story() { sql k.db "SELECT story_id FROM memberships m JOIN articles a ON a.id = m.article_id WHERE a.ext_id = '$1'"; }
assert_eq "$(story el1)" "$(story en1)" "river flood across English and Greek"
assert_eq "$(story en2)" "$(story ja1)" "rates across Japanese and English"
[ "$(story en1)" != "$(story en2)" ] || fail "the two happenings were merged"
assert_eq "$(sql k.db 'SELECT COUNT(*) FROM stories WHERE embedding IS NOT NULL AND size > 0')" 2 "stories keep their embedding sums"
