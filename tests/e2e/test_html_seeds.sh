# The seed texts wrapped in realistic news-site pages (navigation, related
# links, comments, footer), in several charsets: the extracted body is the
# article's body, and none of the page's furniture. Pages are generated
# here from examples/seeds (the bodies khabar extracts from the dumps).
"$KHABAR" extract --json "$PROJECT_ROOT"/examples/seeds/*.txt > dumps.jsonl
"$PY" - dumps.jsonl <<'PY'
import html, json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
TEMPLATE = """<!doctype html>
<html lang="{lang}" dir="rtl"><head><meta charset="{charset}">
<title>{title} | {site}</title>
<meta property="og:title" content="{title}">
<link rel="stylesheet" href="/static/site.css"><script>window.dataLayer=[];</script></head>
<body>
<header><nav class="main-menu"><ul>
<li><a href="/">{home}</a></li><li><a href="/politics">{politics}</a></li>
<li><a href="/world">{world}</a></li><li><a href="/sport">{sport}</a></li></ul></nav>
<div class="breaking-ticker"><a href="/n/1">{ticker}</a></div></header>
<main><article class="news-item">
<h1 class="headline">{title}</h1>
<div class="article-body">
{paragraphs}
</div>
<div class="share-buttons"><a href="#">Telegram</a> <a href="#">X</a> <a href="#">WhatsApp</a></div>
</article>
<aside class="related-news"><h3>{related}</h3><ul>
<li><a href="/n/2">{rel1}</a></li><li><a href="/n/3">{rel2}</a></li><li><a href="/n/4">{rel3}</a></li></ul></aside>
<section id="comments" class="comments"><h3>{comments}</h3>
<div class="comment"><span class="user">user1</span><p>{comment1}</p></div></section>
</main>
<footer class="site-footer"><p>{footer}</p></footer></body></html>
"""
WORDS = {
    "fa": dict(site="خبرگزاری نمونه", home="صفحه اصلی", politics="سیاست", world="جهان", sport="ورزش",
               ticker="فوری: نرخ ارز امروز ثابت ماند", related="اخبار مرتبط",
               rel1="افتتاح نمایشگاه کتاب در پایتخت", rel2="پیش بینی هوای آخر هفته", rel3="نتایج لیگ برتر فوتبال",
               comments="نظرات کاربران", comment1="ممنون از گزارش خوبتان، لطفا ادامه دهید",
               footer="تمامی حقوق این سایت محفوظ است"),
    "ar": dict(site="موقع الأخبار النموذجي", home="الرئيسية", politics="سياسة", world="العالم", sport="رياضة",
               ticker="عاجل: استقرار أسعار الذهب اليوم", related="أخبار ذات صلة",
               rel1="افتتاح معرض الكتاب في العاصمة", rel2="توقعات الطقس لعطلة نهاية الأسبوع", rel3="نتائج الدوري الممتاز",
               comments="تعليقات القراء", comment1="شكرا على هذا التقرير المفيد والواضح",
               footer="جميع الحقوق محفوظة للموقع"),
}
ENCODINGS = {"fa": [("utf-8", "utf-8"), ("utf-16", "utf-16")], "ar": [("utf-8", "utf-8"), ("windows-1256", "cp1256")]}
expect = {}
for r in rows:
    seed = r["path"].rsplit("/", 1)[1][:3]
    lang = "fa" if seed in ("000", "001") else "ar"
    paras = [p for p in r["body"].split("\n") if p.strip()]
    title = r["title"] or paras[0][:60]
    page = TEMPLATE.format(lang=lang, title=html.escape(title), paragraphs="\n".join(
        "<p>%s</p>" % html.escape(p) for p in paras), **WORDS[lang], charset="{charset}")
    for label, codec in ENCODINGS[lang]:
        name = "page_%s_%s.html" % (seed, label)
        text = page.replace("{charset}", label)
        data = text.encode(codec, errors="strict" if codec != "cp1256" else "replace")
        open(name, "wb").write(data)
        expect[name] = {"first": paras[0][:40], "last": paras[-1][-40:], "lang": lang,
                        "furniture": [WORDS[lang][k] for k in ("ticker", "rel1", "rel2", "rel3", "comment1", "footer")]}
json.dump(expect, open("expect.json", "w", encoding="utf-8"), ensure_ascii=False)
PY
"$KHABAR" extract --json page_*.html > pages.jsonl
"$PY" - pages.jsonl expect.json <<'PY'
import json, sys
expect = json.load(open(sys.argv[2], encoding="utf-8"))
got = {json.loads(l)["path"].rsplit("/", 1)[-1]: json.loads(l) for l in open(sys.argv[1], encoding="utf-8")}
assert sorted(got) == sorted(expect), (sorted(got), sorted(expect))
for name, e in expect.items():
    body = got[name]["body"]
    # windows-1256 has no Persian-only letters; Arabic pages survive it whole
    assert e["first"] in body, (name, e["first"], body[:200])
    assert e["last"] in body, (name, e["last"], body[-200:])
    for junk in e["furniture"]:
        assert junk not in body, (name, junk)
    reasons = {d["reason"] for d in got[name]["dropped"]}
    assert reasons, name
print("%d pages: body kept, navigation, related links, comments and footer dropped" % len(got))
PY
