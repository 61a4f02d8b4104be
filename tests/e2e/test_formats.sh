# HTML pages, JSONL from standard input, usage errors and help.
cat > page.html <<'HTML'
<!doctype html><html lang="fa"><head><meta charset="utf-8"><title>سیل در شمال کشور</title>
<style>body{color:red}</style><script>var x = "not text";</script></head>
<body><nav>خانه | اخبار</nav><article><h1>سیل در شمال کشور</h1>
<p>باران شدید روز یکشنبه در استان گیلان باعث جاری شدن سیل شد و دست کم ۱۲ نفر جان باختند.</p>
<p>مقام‌های امدادی گفتند که عملیات جست‌وجو ادامه دارد.</p></article></body></html>
HTML
"$KHABAR" ingest --db k.db page.html 2>/dev/null
assert_eq "$(sql k.db 'SELECT title FROM articles')" "سیل در شمال کشور" "HTML title"
assert_eq "$(sql k.db 'SELECT lang FROM articles')" "fa" "HTML language"
assert_eq "$(sql k.db "SELECT instr(text, 'not text') FROM articles")" 0 "script text dropped"
assert_eq "$(sql k.db "SELECT instr(text, 'دست کم ۱۲ نفر') > 0 FROM articles")" 1 "paragraph kept"

printf '%s\n' '{"id":"s1","title":"Storm","text":"A storm cut power to thousands of homes on the coast overnight."}' \
    | "$KHABAR" ingest --db k.db - 2>stdin.err
assert_contains stdin.err "1 new"
assert_eq "$(sql k.db "SELECT origin FROM articles WHERE ext_id = 's1'")" "-" "stdin origin"

expect_status 0 "$KHABAR" help
expect_status 0 "$KHABAR" ingest --help
expect_status 0 "$KHABAR" help stories
expect_status 2 "$KHABAR" frobnicate
expect_status 2 "$KHABAR" ingest --db k.db
expect_status 2 "$KHABAR" show --db k.db 999
expect_status 2 "$KHABAR" show --db k.db not-a-number
"$KHABAR" show --db k.db 999 2>show.err || true
assert_contains show.err "no story 999"
