/*
 * Unit tests: HTML main-content and metadata extraction (extract/html.h).
 *
 * Fixture pages (tests/fixtures/html, built by make.py there) are Persian
 * and Arabic news pages in several charsets; expected.json holds the
 * article each must yield. The last test runs the whole article-extraction
 * benchmark when ../shared/data is present and checks a floor on a
 * token-shingle F1 computed like the benchmark's scorer (the authoritative
 * figure comes from bench/extract/run.sh with the real scorer).
 */
#include <zlib.h>

#include <jansson.h>

#include "kh_test.h"

#include "extract/html.h"
#include "io/charset.h"

#define FIXTURES "tests/fixtures/html/"

static char *slurp(const char *path, size_t *len)
{
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    assert_non_null(b);
    assert_int_equal(fread(b, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    b[n] = '\0';
    *len = (size_t)n;
    return b;
}

/* Converts and extracts a fixture; returns the UTF-8 page for span checks. */
static char *extract_file(const char *path, kh_extracted *x, size_t *ulen)
{
    size_t len = 0;
    char *bytes = slurp(path, &len);
    assert_non_null(bytes);
    char *utf8 = NULL, name[64];
    assert_int_equal(kh_charset_to_utf8(bytes, len, NULL, &utf8, ulen, name, sizeof name), KH_OK);
    free(bytes);
    assert_int_equal(kh_html_extract(utf8, *ulen, x), KH_OK);
    return utf8;
}

static int has_dropped(const kh_extracted *x, const char *reason)
{
    for (size_t i = 0; i < x->n_dropped; i++)
        if (strcmp(x->dropped[i].reason, reason) == 0)
            return 1;
    return 0;
}

static void check_span(const char *page, size_t len, kh_span sp, const char *value)
{
    assert_true(sp.end <= len);
    assert_true(sp.start < sp.end);
    if (value)
        assert_memory_equal(page + sp.start, value, strlen(value));
}

static void check_page(const char *file, const char *key)
{
    json_error_t err;
    json_t *exp = json_load_file(FIXTURES "expected.json", 0, &err);
    assert_non_null(exp);
    json_t *e = json_object_get(exp, key);
    assert_non_null(e);
    kh_extracted x;
    size_t ulen;
    char *page = extract_file(file, &x, &ulen);
    assert_string_equal(x.title, json_string_value(json_object_get(e, "title")));
    assert_string_equal(x.outlet, json_string_value(json_object_get(e, "outlet")));
    assert_string_equal(x.author, json_string_value(json_object_get(e, "author")));
    assert_string_equal(x.published_raw, json_string_value(json_object_get(e, "published_raw")));
    assert_string_equal(x.modified_raw, json_string_value(json_object_get(e, "modified_raw")));
    assert_string_equal(x.canonical_url, json_string_value(json_object_get(e, "canonical_url")));
    assert_string_equal(x.lang, json_string_value(json_object_get(e, "lang")));
    assert_string_equal(x.body, json_string_value(json_object_get(e, "body")));
    assert_non_null(x.item_id);

    /* Boilerplate is left out and accounted for. */
    assert_true(has_dropped(&x, "comments"));
    assert_true(has_dropped(&x, "related"));
    assert_true(has_dropped(&x, "sidebar"));
    assert_true(has_dropped(&x, "footer"));
    assert_true(has_dropped(&x, "header"));
    assert_true(has_dropped(&x, "tag list"));
    assert_true(has_dropped(&x, "share"));
    for (size_t i = 0; i < x.n_dropped; i++)
        check_span(page, ulen, x.dropped[i].span, NULL);

    /* Spans: metadata point at their text, body spans are ordered and
     * each starts with the first bytes of its line. */
    check_span(page, ulen, x.title_span, x.title);
    check_span(page, ulen, x.outlet_span, x.outlet);
    check_span(page, ulen, x.author_span, x.author);
    check_span(page, ulen, x.published_span, x.published_raw);
    check_span(page, ulen, x.item_id_span, x.item_id);
    size_t lines = 1;
    for (const char *p = x.body; *p; p++)
        lines += *p == '\n';
    assert_int_equal(x.n_body_spans, lines);
    const char *line = x.body;
    for (size_t i = 0; i < x.n_body_spans; i++) {
        check_span(page, ulen, x.body_spans[i], NULL);
        if (i > 0)
            assert_true(x.body_spans[i].start >= x.body_spans[i - 1].end);
        assert_memory_equal(page + x.body_spans[i].start, line, 8);
        line = strchr(line, '\n') + 1;
    }
    kh_extracted_free(&x);
    free(page);
    json_decref(exp);
}

static void test_fa_utf8(void **state)
{
    check_page(FIXTURES "fa_utf8.html", "fa");
}

static void test_fa_utf16(void **state)
{
    check_page(FIXTURES "fa_utf16le_bom.html", "fa");
}

static void test_ar_cp1256(void **state)
{
    check_page(FIXTURES "ar_cp1256.html", "ar");
    check_page(FIXTURES "ar_cp1256_nodecl.html", "ar");
}

static void test_ar_iso8859_6(void **state)
{
    check_page(FIXTURES "ar_iso8859_6.html", "ar");
}

static void test_fa_stray_bytes(void **state)
{
    kh_extracted x;
    size_t ulen;
    char *page = extract_file(FIXTURES "fa_utf8_stray.html", &x, &ulen);
    assert_non_null(strstr(x.body, "رئیس پلیس\xEF\xBF\xBD راه استان مازندران"));
    assert_non_null(strstr(x.body, "به گزارش خبرنگار ما، بارش سنگین برف"));
    assert_string_equal(x.title, "بارش سنگین برف راه‌های شمالی کشور را بست");
    assert_string_equal(x.item_id, "۴۵۲۱۷");
    kh_extracted_free(&x);
    free(page);
}

static void test_read_also_and_title_lines(void **state)
{
    const char *page =
        "<html lang=\"ar\"><head><title>عنوان الخبر | الموقع</title>"
        "<meta property=\"og:site_name\" content=\"الموقع\"></head><body>"
        "<nav><a href=\"/\">الرئيسية</a> <a href=\"/a\">سياسة</a></nav>"
        "<div class=\"story\"><h1>عنوان الخبر</h1>"
        "<p>الفقرة الأولى من الخبر، وهي فقرة طويلة بما يكفي لتعد نصا حقيقيا من المقال.</p>"
        "<p>اقرأ أيضا: خبر آخر لا علاقة له بالموضوع</p>"
        "<p>الفقرة الثانية من الخبر، وفيها تفاصيل إضافية عن الحدث وردود الفعل عليه.</p>"
        "<p>إعلان</p>"
        "<ul><li>البند الأول من القائمة في نص المقال</li><li>البند الثاني</li></ul>"
        "</div><footer>جميع الحقوق محفوظة</footer></body></html>";
    kh_extracted x;
    assert_int_equal(kh_html_extract(page, strlen(page), &x), KH_OK);
    assert_string_equal(x.title, "عنوان الخبر");
    assert_string_equal(x.outlet, "الموقع");
    assert_string_equal(x.lang, "ar");
    assert_string_equal(x.body,
                        "الفقرة الأولى من الخبر، وهي فقرة طويلة بما يكفي لتعد نصا حقيقيا من المقال.\n"
                        "الفقرة الثانية من الخبر، وفيها تفاصيل إضافية عن الحدث وردود الفعل عليه.\n"
                        "البند الأول من القائمة في نص المقال\n"
                        "البند الثاني");
    assert_true(has_dropped(&x, "read also"));
    assert_true(has_dropped(&x, "ad marker"));
    assert_true(has_dropped(&x, "navigation"));
    assert_true(has_dropped(&x, "repeated title"));
    kh_extracted_free(&x);
}

static void test_jsonld_and_entities(void **state)
{
    const char *page =
        "<html><head><script type=\"application/ld+json\">"
        "{\"@context\":\"https://schema.org\",\"@graph\":[{\"@type\":\"WebSite\",\"name\":\"S\"},"
        "{\"@type\":[\"NewsArticle\"],\"headline\":\"Rates &#8211; up &amp; away\","
        "\"datePublished\":\"2024-05-01\",\"author\":[{\"@type\":\"Person\",\"name\":\"A. Writer\"}],"
        "\"publisher\":{\"name\":\"The Daily\"},\"mainEntityOfPage\":{\"@id\":\"https://d.example/x\"}}]}"
        "</script><script type=\"application/ld+json\">{broken json</script></head>"
        "<body><article><p>Body text, long enough to be scored as a paragraph of prose.</p>"
        "<p>By A. Writer</p></article><time datetime=\"2020-01-01\">old</time></body></html>";
    kh_extracted x;
    assert_int_equal(kh_html_extract(page, strlen(page), &x), KH_OK);
    assert_string_equal(x.title, "Rates \u2013 up & away");
    assert_string_equal(x.published_raw, "2024-05-01");
    assert_string_equal(x.author, "A. Writer");
    assert_string_equal(x.outlet, "The Daily");
    assert_string_equal(x.canonical_url, "https://d.example/x");
    assert_null(x.lang);
    assert_string_equal(x.body, "Body text, long enough to be scored as a paragraph of prose.");
    assert_true(has_dropped(&x, "byline"));
    kh_extracted_free(&x);
}

static void test_errors(void **state)
{
    kh_extracted x;
    assert_int_equal(kh_html_extract("<p>a\0b</p>", 10, &x), KH_EENCODING);
    assert_non_null(strstr(kh_last_error(), "offset 4"));
    assert_null(x.body);
    assert_int_equal(kh_html_extract("<p>\xff</p>", 8, &x), KH_EENCODING);
    assert_int_equal(kh_html_extract("", 0, &x), KH_EPARSE);
    assert_int_equal(kh_html_extract("  \n ", 4, &x), KH_EPARSE);
    assert_int_equal(kh_html_extract(NULL, 3, &x), KH_EINVAL);
    assert_int_equal(kh_html_extract("<p>x</p>", 8, NULL), KH_EINVAL);
    char *big = malloc(KH_HTML_MAX_BYTES + 1);
    assert_non_null(big);
    assert_int_equal(kh_html_extract(big, KH_HTML_MAX_BYTES + 1, &x), KH_EINVAL);
    free(big);
}

static void test_hostile_inputs(void **state)
{
    kh_extracted x;
    /* Truncated page: what is there is kept. */
    const char *t = "<html><body><div><p>A sentence that is cut in the midd";
    assert_int_equal(kh_html_extract(t, strlen(t), &x), KH_OK);
    assert_string_equal(x.body, "A sentence that is cut in the midd");
    kh_extracted_free(&x);

    /* Nesting within the limit is fine. */
    {
        char p[200 * 3 + 64];
        size_t n = 0;
        for (int i = 0; i < 200; i++)
            n += (size_t)sprintf(p + n, "<b>");
        n += (size_t)sprintf(p + n, "deep enough");
        assert_int_equal(kh_html_extract(p, n, &x), KH_OK);
        assert_string_equal(x.body, "deep enough");
        kh_extracted_free(&x);
    }

    /* Deep nesting: 100000 divs is refused with a reason. */
    size_t depth = 100000;
    {
        size_t cap = depth * 11 + 64;
        char *p = malloc(cap);
        assert_non_null(p);
        size_t n = 0;
        for (size_t i = 0; i < depth; i++) {
            memcpy(p + n, "<div>", 5);
            n += 5;
        }
        n += (size_t)sprintf(p + n, "<p>deep text</p>");
        for (size_t i = 0; i < depth; i++) {
            memcpy(p + n, "</div>", 6);
            n += 6;
        }
        assert_int_equal(kh_html_extract(p, n, &x), KH_EPARSE);
        assert_non_null(strstr(kh_last_error(), "nested deeper"));
        assert_null(x.body);
        free(p);
    }

    /* Text only, tags only, comments only, attribute soup. */
    const char *odd[] = {
        "just text, no tags at all",
        "<><><><</>",
        "<!-- nothing but a comment -->",
        "<p class=\"a\" class=\"b\" id= >x</p><p <p <p>",
        "<script>var a = '<p>not text</p>';</script>",
        "<html><body><table><tr><td>cell<td>cell<tr><td>x</table></body></html>",
        "<svg><p>inside svg</p></svg><math><mi>x</mi></math>",
        "&amp;&lt;&#0;&#xD800;&#1114112;&unknown;",
    };
    for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++) {
        int rc = kh_html_extract(odd[i], strlen(odd[i]), &x);
        assert_true(rc == KH_OK || rc == KH_EPARSE);
        if (rc == KH_OK)
            assert_non_null(x.body);
        kh_extracted_free(&x);
    }
}

/* ------------------------------------------------------------------ */
/* The benchmark: token 4-gram shingles as in evaluate.py.              */

typedef struct tokvec {
    uint64_t *h;
    size_t n, cap;
} tokvec;

static int word_byte(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           c == '_' || c >= 0x80;
}

/* Hashes of the 4-token shingles of s (or of the whole text when shorter). */
static tokvec shingles(const char *s)
{
    uint64_t *tok = NULL;
    size_t nt = 0, capt = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        while (*p && !word_byte(*p))
            p++;
        if (!*p)
            break;
        uint64_t h = 1469598103934665603ULL;
        while (*p && word_byte(*p)) {
            unsigned char c = *p++;
            h = (h ^ c) * 1099511628211ULL;
        }
        if (nt == capt) {
            capt = capt ? capt * 2 : 256;
            tok = realloc(tok, capt * sizeof *tok);
        }
        tok[nt++] = h;
    }
    tokvec v = {NULL, 0, 0};
    size_t n = nt >= 4 ? nt - 3 : (nt > 0 ? 1 : 0);
    v.h = malloc((n + 1) * sizeof *v.h);
    for (size_t i = 0; i < n; i++) {
        uint64_t h = 0;
        for (size_t k = i; k < i + 4 && k < nt; k++)
            h = h * 31 + tok[k];
        v.h[i] = h;
    }
    v.n = n;
    free(tok);
    return v;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static void page_pr(const char *gold, const char *pred, double *p, double *r, int *has_p,
                    int *has_r)
{
    tokvec g = shingles(gold), q = shingles(pred);
    qsort(g.h, g.n, sizeof *g.h, cmp_u64);
    qsort(q.h, q.n, sizeof *q.h, cmp_u64);
    size_t i = 0, j = 0, tp = 0;
    while (i < g.n && j < q.n) {
        if (g.h[i] == q.h[j]) {
            tp++;
            i++;
            j++;
        } else if (g.h[i] < q.h[j])
            i++;
        else
            j++;
    }
    double fp = (double)(q.n - tp), fn = (double)(g.n - tp), tpd = (double)tp;
    *has_p = tp + fp > 0;
    *has_r = tp + fn > 0;
    *p = fp == 0 && fn == 0 ? 1 : (tp == 0 && fp == 0 ? 0 : tpd / (tpd + fp));
    *r = fp == 0 && fn == 0 ? 1 : (tp == 0 && fn == 0 ? 0 : tpd / (tpd + fn));
    free(g.h);
    free(q.h);
}

static char *gunzip_file(const char *path, size_t *len)
{
    gzFile f = gzopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *b = malloc(cap);
    for (;;) {
        if (n == cap) {
            cap *= 2;
            b = realloc(b, cap);
        }
        int got = gzread(f, b + n, (unsigned)(cap - n));
        if (got <= 0)
            break;
        n += (size_t)got;
    }
    gzclose(f);
    *len = n;
    return b;
}

static void test_benchmark_floor(void **state)
{
    const char *env = getenv("KHABAR_SHARED_DATA");
    char dir[1024], path[2048];
    snprintf(dir, sizeof dir, "%s/article-extraction-benchmark", env ? env : "../shared/data");
    snprintf(path, sizeof path, "%s/ground-truth.json", dir);
    json_error_t err;
    json_t *gt = json_load_file(path, 0, &err);
    if (!gt) {
        fprintf(stderr, "skip: %s not found (article-extraction-benchmark absent)\n", path);
        skip();
    }
    const char *id;
    json_t *v;
    double sp = 0, sr = 0;
    int np = 0, nr = 0, pages = 0;
    json_object_foreach(gt, id, v)
    {
        snprintf(path, sizeof path, "%s/html/%s.html.gz", dir, id);
        size_t len = 0;
        char *bytes = gunzip_file(path, &len);
        assert_non_null(bytes);
        char *utf8 = NULL;
        size_t ulen = 0;
        kh_extracted x;
        memset(&x, 0, sizeof x);
        assert_int_equal(kh_charset_to_utf8(bytes, len, NULL, &utf8, &ulen, NULL, 0), KH_OK);
        assert_int_equal(kh_html_extract(utf8, ulen, &x), KH_OK);
        const char *gold = json_string_value(json_object_get(v, "articleBody"));
        double p, r;
        int hp, hr;
        page_pr(gold ? gold : "", x.body, &p, &r, &hp, &hr);
        if (hp) {
            sp += p;
            np++;
        }
        if (hr) {
            sr += r;
            nr++;
        }
        pages++;
        kh_extracted_free(&x);
        free(utf8);
        free(bytes);
    }
    json_decref(gt);
    double P = np ? sp / np : 0, R = nr ? sr / nr : 0, F = P + R > 0 ? 2 * P * R / (P + R) : 0;
    fprintf(stderr, "benchmark: %d pages, precision %.3f recall %.3f F1 %.3f\n", pages, P, R, F);
    assert_true(pages >= 100);
    assert_true(F >= 0.93);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fa_utf8),
        cmocka_unit_test(test_fa_utf16),
        cmocka_unit_test(test_ar_cp1256),
        cmocka_unit_test(test_ar_iso8859_6),
        cmocka_unit_test(test_fa_stray_bytes),
        cmocka_unit_test(test_read_also_and_title_lines),
        cmocka_unit_test(test_jsonld_and_entities),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_hostile_inputs),
        cmocka_unit_test(test_benchmark_floor),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
