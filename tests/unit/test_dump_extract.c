/*
 * test_dump_extract.c: the text-dump extractor on the five seeds (exactly
 * as ../shared/seeds/README.md asks) and on the hand-written dumps of
 * tests/fixtures/dumps/ (each NAME.txt with its NAME.expect).
 *
 * Every result is also checked for its spans: each field's span holds the
 * field's bytes, body spans appear in the body in order, nothing is both
 * body and dropped, and every non-blank input byte is body or dropped.
 * Tests run from the project root.
 */
#include "kh_test.h"

#include <dirent.h>

#include "extract/dump.h"
#include "extract/template.h"

/* ---- helpers ----------------------------------------------------- */

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *b = realloc(buf, cap * 2);
            if (!b) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = b;
            cap *= 2;
        }
    }
    fclose(f);
    if (buf) {
        buf[n < cap ? n : cap - 1] = '\0';
        *len = n;
    }
    return buf;
}

static int starts_with(const char *s, const char *prefix)
{
    return s && strncmp(s, prefix, strlen(prefix)) == 0;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = s ? strlen(s) : 0, k = strlen(suffix);
    return s && n >= k && memcmp(s + n - k, suffix, k) == 0;
}

static size_t count_dropped(const kh_extracted *e, const char *reason)
{
    size_t n = 0;
    for (size_t i = 0; i < e->n_dropped; i++)
        n += strcmp(e->dropped[i].reason, reason) == 0;
    return n;
}

static size_t paragraphs(const char *body)
{
    if (!body || !*body)
        return 0;
    size_t n = 1;
    for (const char *p = body; *p; p++)
        n += *p == '\n';
    return n;
}

static void check_field_span(const char *text, const char *field, kh_span sp)
{
    if (!field) {
        assert_int_equal(sp.start, 0);
        assert_int_equal(sp.end, 0);
        return;
    }
    assert_true(sp.end > sp.start);
    assert_int_equal(sp.end - sp.start, strlen(field));
    assert_memory_equal(text + sp.start, field, strlen(field));
}

/* An ASCII digit string and the digits the span holds (Persian,
 * Arabic-Indic or ASCII) are the same number. */
static void check_item_id_span(const char *text, const char *id, kh_span sp)
{
    if (!id)
        return;
    char digits[64];
    size_t n = 0;
    for (uint32_t i = sp.start; i < sp.end && n < sizeof digits - 1;) {
        unsigned char c = (unsigned char)text[i];
        if (c >= '0' && c <= '9') {
            digits[n++] = (char)c;
            i++;
        } else if (c == 0xDB && (unsigned char)text[i + 1] >= 0xB0 &&
                   (unsigned char)text[i + 1] <= 0xB9) {
            digits[n++] = (char)('0' + (unsigned char)text[i + 1] - 0xB0);
            i += 2;
        } else if (c == 0xD9 && (unsigned char)text[i + 1] >= 0xA0 &&
                   (unsigned char)text[i + 1] <= 0xA9) {
            digits[n++] = (char)('0' + (unsigned char)text[i + 1] - 0xA0);
            i += 2;
        } else {
            digits[n++] = (char)c;
            i++;
        }
    }
    digits[n] = '\0';
    assert_string_equal(digits, id);
}

static int is_blank_byte(unsigned char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

static void check_spans(const char *text, size_t len, const kh_extracted *e)
{
    check_field_span(text, e->outlet, e->outlet_span);
    check_field_span(text, e->author, e->author_span);
    check_field_span(text, e->published_raw, e->published_span);
    check_field_span(text, e->modified_raw, e->modified_span);
    check_field_span(text, e->title, e->title_span);
    check_item_id_span(text, e->item_id, e->item_id_span);
    assert_non_null(e->body);

    /* body spans: in order, found in the body in order */
    const char *at = e->body;
    uint32_t last = 0;
    unsigned char *mark = calloc(len + 1, 1);
    assert_non_null(mark);
    for (size_t i = 0; i < e->n_body_spans; i++) {
        kh_span sp = e->body_spans[i];
        assert_true(sp.start >= last && sp.end > sp.start && sp.end <= len);
        last = sp.end;
        const char *hit = memmem(at, strlen(at), text + sp.start, sp.end - sp.start);
        assert_non_null(hit);
        at = hit + (sp.end - sp.start);
        for (uint32_t k = sp.start; k < sp.end; k++)
            mark[k] = 1;
    }
    /* dropped: sorted, inside the text, never overlapping the body */
    for (size_t i = 0; i < e->n_dropped; i++) {
        kh_span sp = e->dropped[i].span;
        assert_non_null(e->dropped[i].reason);
        assert_true(sp.end > sp.start && sp.end <= len);
        if (i > 0)
            assert_true(sp.start >= e->dropped[i - 1].span.start);
        for (uint32_t k = sp.start; k < sp.end; k++) {
            assert_true(mark[k] != 1);
            mark[k] = 2;
        }
    }
    /* everything visible is accounted for */
    for (size_t k = 0; k < len; k++)
        if (!mark[k] && !is_blank_byte((unsigned char)text[k]))
            fail_msg("byte %zu (%.20s) is neither body nor dropped", k, text + k);
    free(mark);
}

static void extract_file(const char *path, char **text, size_t *len, kh_extracted *e)
{
    *text = slurp(path, len);
    if (!*text)
        fail_msg("cannot read %s (tests run from the project root)", path);
    assert_int_equal(kh_dump_extract(*text, *len, e), KH_OK);
    check_spans(*text, *len, e);
}

static void assert_absent(const char *body, const char *const *strings)
{
    for (size_t i = 0; strings[i]; i++)
        if (strstr(body, strings[i]))
            fail_msg("boilerplate \"%s\" left in the body", strings[i]);
}

/* ---- the five seeds ---------------------------------------------- */

static void test_seed_000(void **state)
{
    (void)state;
    char *text;
    size_t len;
    kh_extracted e;
    extract_file("examples/seeds/000_7a2339865d4e93cd.txt", &text, &len, &e);
    assert_string_equal(e.title, "ایران به روسیه هشدار امنیتی داده بود؟!");
    assert_int_equal(e.title_derived, 0);
    assert_string_equal(e.outlet, "مخاطب ۲۴");
    assert_string_equal(e.item_id, "38143");
    assert_int_equal(e.item_id_span.end - e.item_id_span.start, strlen("۳۸۱۴۳"));
    assert_memory_equal(text + e.item_id_span.start, "۳۸۱۴۳", strlen("۳۸۱۴۳"));
    assert_string_equal(e.published_raw, "۱۳ فروردين ۱۴۰۳ - ۱۶:۵۳");
    assert_null(e.author);
    assert_true(starts_with(e.body, "سخنگوی کاخ کرملین در واکنش"));
    assert_true(ends_with(e.body, "به درخواست توضیح درباره این گزارش پاسخی نداد."));
    assert_non_null(strstr(e.body, "\n«دمیتری پسکوف» سخنگوی کرملین، امروز (دوشنبه)"));
    assert_int_equal(paragraphs(e.body), 11);
    static const char *const absent[] = {
        "برچسب ها", "آخرین اخبار", "پربازدید", "تصاویر", "اخبار داغ", "برگزیده", "هلفایر",
        "مذاکرات روز یکشنبه", "تبریز", "مخاطب ۲۴", "کد خبر", "تاریخ انتشار",
        "هشدار امنیتی داده بود؟!", NULL};
    assert_absent(e.body, absent);
    assert_int_equal(count_dropped(&e, "item id line"), 1);
    assert_int_equal(count_dropped(&e, "date line"), 1);
    assert_int_equal(count_dropped(&e, "title"), 1);
    assert_int_equal(count_dropped(&e, "repeated title"), 1);
    assert_int_equal(count_dropped(&e, "dateline"), 1);
    assert_int_equal(count_dropped(&e, "tag list"), 1);
    assert_int_equal(count_dropped(&e, "latest news"), 1);
    assert_int_equal(count_dropped(&e, "most viewed"), 1);
    assert_true(count_dropped(&e, "navigation") >= 2);
    assert_true(count_dropped(&e, "sidebar") >= 10);
    /* the tail is dropped from "برچسب ها:" to the end of the file */
    const char *tags = strstr(text, "برچسب ها:");
    assert_non_null(tags);
    size_t tail_start = (size_t)(tags - text);
    for (size_t i = 0; i < e.n_body_spans; i++)
        assert_true(e.body_spans[i].end <= tail_start);
    assert_int_equal(e.dropped[e.n_dropped - 1].span.end, len);
    kh_extracted_free(&e);
    free(text);
}

static void test_seed_001(void **state)
{
    (void)state;
    char *text;
    size_t len;
    kh_extracted e;
    extract_file("examples/seeds/001_4021acd122d8fafe.txt", &text, &len, &e);
    assert_string_equal(e.outlet, "مردم سالاری آنلاین");
    assert_null(e.published_raw);
    assert_null(e.item_id);
    assert_null(e.author);
    /* no title in the dump: derived from the lead, flagged */
    assert_int_equal(e.title_derived, 1);
    assert_string_equal(e.title, "خبرگزاري رويترز به نقل از سه منبع گزارش داده که ايران پيش از "
                                 "وقوع کشتار در سالن کنسرت نزديک مسکو");
    assert_true(starts_with(e.body, e.title));
    /* the whole file is body; the desk label and the dateline are not */
    assert_true(starts_with(e.body, "خبرگزاري رويترز به نقل از سه منبع"));
    assert_true(ends_with(e.body, "بنيانگذار جمهوري اسلامي نيز انجام داده است."));
    assert_non_null(strstr(e.body, "\nدر مرگبارترين حمله در داخل روسيه"));
    assert_non_null(strstr(e.body, "\nنقش اتباع تاجيک\n"));
    assert_int_equal(paragraphs(e.body), 15);
    static const char *const absent[] = {"گروه ديپلماسي", "به گزارش مردم سالاری", NULL};
    assert_absent(e.body, absent);
    assert_int_equal(e.n_dropped, 2);
    assert_string_equal(e.dropped[0].reason, "desk label");
    assert_memory_equal(text + e.dropped[0].span.start, "گروه ديپلماسي:", strlen("گروه ديپلماسي:"));
    assert_string_equal(e.dropped[1].reason, "dateline");
    kh_extracted_free(&e);
    free(text);
}

static void test_seed_002(void **state)
{
    (void)state;
    char *text;
    size_t len;
    kh_extracted e;
    extract_file("examples/seeds/002_609d45a39ab9baaa.txt", &text, &len, &e);
    assert_null(e.outlet);
    assert_null(e.published_raw);
    assert_int_equal(e.title_derived, 1);
    assert_string_equal(e.title, "علق المتحدث باسم الكرملين، ديمتري بيسكوف، اليوم الاثنين");
    assert_true(starts_with(e.body, "علق المتحدث باسم الكرملين، ديمتري بيسكوف"));
    assert_true(ends_with(e.body, "منذ حرب روسيا في أوكرانيا في فبراير 2022."));
    /* the ad markers go, the text after them on the same line stays */
    assert_non_null(strstr(e.body, "\nوقبل قليل، نقلت وكالة رويترز"));
    assert_non_null(strstr(e.body, "\nوكان الحادث أعنف هجوم داخل روسيا"));
    assert_non_null(strstr(e.body, "\n\"عملية مهمة\"\n"));
    assert_int_equal(paragraphs(e.body), 14);
    static const char *const absent[] = {"[[", "system-code", "autoads", NULL};
    assert_absent(e.body, absent);
    assert_int_equal(e.n_dropped, 2);
    for (size_t i = 0; i < e.n_dropped; i++) {
        assert_string_equal(e.dropped[i].reason, "ad marker");
        kh_span sp = e.dropped[i].span;
        assert_int_equal(sp.end - sp.start, strlen("[[system-code:ad:autoads]]"));
        assert_memory_equal(text + sp.start, "[[system-code:ad:autoads]]", sp.end - sp.start);
    }
    kh_extracted_free(&e);
    free(text);
}

static void test_seed_003(void **state)
{
    (void)state;
    char *text;
    size_t len;
    kh_extracted e;
    extract_file("examples/seeds/003_45858de1e21267e7.txt", &text, &len, &e);
    assert_null(e.outlet); /* not named in the dump: not guessed */
    assert_null(e.published_raw);
    assert_int_equal(e.title_derived, 1);
    assert_string_equal(e.title, "نقلت وكالة \"رويترز\" للأنباء، يوم الاثنين 1 أبريل (نيسان)");
    assert_true(starts_with(e.body, "نقلت وكالة \"رويترز\" للأنباء، يوم الاثنين 1 أبريل"));
    assert_true(ends_with(e.body, "بالهجوم المميت الأخير على قاعة حفلات \"كروكوس\"."));
    assert_int_equal(paragraphs(e.body), 19);
    assert_int_equal(e.n_dropped, 0); /* the whole file is body */
    assert_int_equal(e.n_body_spans, 19);
    kh_extracted_free(&e);
    free(text);
}

static void test_seed_004(void **state)
{
    (void)state;
    char *text;
    size_t len;
    kh_extracted e;
    extract_file("examples/seeds/004_2172b40dd589fe05.txt", &text, &len, &e);
    assert_string_equal(e.title, "مسؤول أميركي: لدينا معلومات تؤكد مسؤولية داعش عن هجوم موسكو");
    assert_int_equal(e.title_derived, 0);
    assert_string_equal(e.published_raw, "23rd, March 2024 GMT");
    assert_string_equal(e.outlet, "سكاي نيوز عربية");
    assert_true(starts_with(e.body, "قال مسؤول أميركي يوم الجمعة إن الولايات المتحدة"));
    assert_true(ends_with(e.body, "ومن أين حصلت على المعلومات الاستخباراتية."));
    assert_non_null(strstr(e.body, "\nتحذير أميركي\n- أظهر تحذير"));
    assert_int_equal(paragraphs(e.body), 13);
    static const char *const absent[] = {
        "المصدر:", "سكاي نيوز", "كلمات دلالية", "إقرأ أيضاً", "وزارة الدفاع توقع",
        "خطاب نوايا", "أبوظبي", "الإمارات", "تاريخ النشر", "لدينا معلومات تؤكد", NULL};
    assert_absent(e.body, absent);
    assert_int_equal(count_dropped(&e, "title"), 1);
    assert_int_equal(count_dropped(&e, "date line"), 1);
    assert_int_equal(count_dropped(&e, "source line"), 1);
    assert_int_equal(count_dropped(&e, "tag list"), 1);
    assert_int_equal(count_dropped(&e, "read also"), 2);
    assert_int_equal(count_dropped(&e, "unrelated article"), 10);
    /* the body ends before the source line */
    const char *src = strstr(text, "المصدر: سكاي نيوز عربية");
    assert_non_null(src);
    assert_true(e.body_spans[e.n_body_spans - 1].end < (size_t)(src - text));
    assert_true(e.outlet_span.start > (size_t)(src - text));
    kh_extracted_free(&e);
    free(text);
}

static void test_shared_cues(void **state)
{
    (void)state;
    static const char *const seeds[] = {
        "examples/seeds/000_7a2339865d4e93cd.txt", "examples/seeds/001_4021acd122d8fafe.txt",
        "examples/seeds/002_609d45a39ab9baaa.txt", "examples/seeds/003_45858de1e21267e7.txt",
        "examples/seeds/004_2172b40dd589fe05.txt"};
    kh_dump_cues *cues;
    assert_int_equal(kh_dump_cues_new(&cues), KH_OK);
    assert_int_equal(kh_dump_cues_new(NULL), KH_EINVAL);
    kh_dump_opts o = {.cues = cues};
    for (size_t i = 0; i < 5; i++) {
        size_t len;
        char *text = slurp(seeds[i], &len);
        assert_non_null(text);
        kh_extracted a, b;
        assert_int_equal(kh_dump_extract(text, len, &a), KH_OK);
        assert_int_equal(kh_dump_extract_ex(text, len, &o, &b), KH_OK);
        assert_string_equal(a.body, b.body);
        assert_int_equal(a.n_dropped, b.n_dropped);
        assert_int_equal(a.n_body_spans, b.n_body_spans);
        assert_true((a.title == NULL) == (b.title == NULL));
        if (a.title)
            assert_string_equal(a.title, b.title);
        kh_extracted_free(&a);
        kh_extracted_free(&b);
        free(text);
    }
    kh_dump_cues_free(cues);
    kh_dump_cues_free(NULL);
}

/* ---- hand-written dumps ------------------------------------------ */

#define FIXTURES "tests/fixtures/dumps"

static const char *opt_str(const char *v)
{
    return strcmp(v, "-") == 0 ? NULL : v;
}

static void expect_str(const char *name, const char *key, const char *got, const char *want)
{
    if (!want) {
        if (got)
            fail_msg("%s: %s is \"%s\", expected none", name, key, got);
        return;
    }
    if (!got || strcmp(got, want) != 0)
        fail_msg("%s: %s is \"%s\", expected \"%s\"", name, key, got ? got : "(none)", want);
}

/* One "KEY<TAB>VALUE" expectation against a result. */
static void check_expect(const char *name, const kh_extracted *e, const char *key, const char *v)
{
    if (strcmp(key, "title") == 0)
        expect_str(name, key, e->title, opt_str(v));
    else if (strcmp(key, "title_derived") == 0)
        assert_int_equal(e->title_derived, atoi(v));
    else if (strcmp(key, "outlet") == 0)
        expect_str(name, key, e->outlet, opt_str(v));
    else if (strcmp(key, "author") == 0)
        expect_str(name, key, e->author, opt_str(v));
    else if (strcmp(key, "published") == 0)
        expect_str(name, key, e->published_raw, opt_str(v));
    else if (strcmp(key, "modified") == 0)
        expect_str(name, key, e->modified_raw, opt_str(v));
    else if (strcmp(key, "item_id") == 0)
        expect_str(name, key, e->item_id, opt_str(v));
    else if (strcmp(key, "body_first") == 0 && !starts_with(e->body, v))
        fail_msg("%s: body does not start with \"%s\"", name, v);
    else if (strcmp(key, "body_last") == 0 && !ends_with(e->body, v))
        fail_msg("%s: body does not end with \"%s\"", name, v);
    else if (strcmp(key, "paragraphs") == 0 && paragraphs(e->body) != (size_t)atoi(v))
        fail_msg("%s: %zu paragraphs, expected %s", name, paragraphs(e->body), v);
    else if (strcmp(key, "present") == 0 && !strstr(e->body, v))
        fail_msg("%s: \"%s\" missing from the body", name, v);
    else if (strcmp(key, "absent") == 0 && strstr(e->body, v))
        fail_msg("%s: \"%s\" left in the body", name, v);
    else if (strcmp(key, "dropped") == 0 && count_dropped(e, v) == 0)
        fail_msg("%s: nothing dropped as \"%s\"", name, v);
}

static void run_fixture(const char *name)
{
    char path[512];
    size_t len, elen;
    kh_extracted e;
    char *text;
    snprintf(path, sizeof path, FIXTURES "/%s.txt", name);
    extract_file(path, &text, &len, &e);
    snprintf(path, sizeof path, FIXTURES "/%s.expect", name);
    char *exp = slurp(path, &elen);
    if (!exp)
        fail_msg("cannot read %s", path);
    int keys = 0;
    for (char *line = strtok(exp, "\n"); line; line = strtok(NULL, "\n")) {
        char *tab = strchr(line, '\t');
        if (line[0] == '#' || !tab)
            continue;
        *tab = '\0';
        check_expect(name, &e, line, tab + 1);
        keys++;
    }
    assert_true(keys >= 8);
    if (e.title_derived)
        assert_true(starts_with(e.body, e.title));
    free(exp);
    kh_extracted_free(&e);
    free(text);
}

static void test_fixtures(void **state)
{
    (void)state;
    DIR *d = opendir(FIXTURES);
    assert_non_null(d);
    struct dirent *de;
    int n = 0;
    while ((de = readdir(d))) {
        size_t k = strlen(de->d_name);
        if (k < 8 || strcmp(de->d_name + k - 7, ".expect") != 0)
            continue;
        char name[256];
        snprintf(name, sizeof name, "%.*s", (int)(k - 7), de->d_name);
        run_fixture(name);
        n++;
    }
    closedir(d);
    assert_true(n >= 5);
}

/* ---- edges ------------------------------------------------------- */

static void test_bad_input(void **state)
{
    (void)state;
    kh_extracted e;
    assert_int_equal(kh_dump_extract("a\xff", 2, &e), KH_EENCODING);
    assert_null(e.body);
    assert_int_equal(kh_dump_extract("a\0b", 3, &e), KH_EENCODING);
    assert_int_equal(kh_dump_extract(NULL, 3, &e), KH_EINVAL);
    assert_int_equal(kh_dump_extract("x", 1, NULL), KH_EINVAL);
    assert_int_equal(kh_dump_extract("", 0, &e), KH_OK);
    assert_string_equal(e.body, "");
    assert_int_equal(e.n_body_spans, 0);
    assert_null(e.title);
    kh_extracted_free(&e);
    assert_int_equal(kh_dump_extract(" \n\n \r\n", 6, &e), KH_OK);
    assert_string_equal(e.body, "");
    kh_extracted_free(&e);
}

static void test_headline_only(void **state)
{
    (void)state;
    /* no running text at all: the longest line is the title, the rest body */
    static const char text[] = "Short note\nCity council approves the new budget\nSee page 4\n";
    kh_extracted e;
    assert_int_equal(kh_dump_extract(text, sizeof text - 1, &e), KH_OK);
    assert_string_equal(e.title, "City council approves the new budget");
    assert_string_equal(e.body, "Short note\nSee page 4");
    check_spans(text, sizeof text - 1, &e);
    kh_extracted_free(&e);
}

static void test_unlabelled_date(void **state)
{
    (void)state;
    /* a short head line with a month and a number is the date, not the title */
    static const char text[] =
        "سه‌شنبه ۱۴ فروردین ۱۴۰۳\n"
        "تیتر کوتاه\n"
        "این بند آزمایشی برای سنجش تاریخ بدون برچسب نوشته شده است.\n";
    kh_extracted e;
    assert_int_equal(kh_dump_extract(text, sizeof text - 1, &e), KH_OK);
    assert_string_equal(e.published_raw, "سه‌شنبه ۱۴ فروردین ۱۴۰۳");
    assert_string_equal(e.title, "تیتر کوتاه");
    assert_int_equal(count_dropped(&e, "date line"), 1);
    check_spans(text, sizeof text - 1, &e);
    kh_extracted_free(&e);
    static const char en[] = "Monday 3 June 2024\nMay the best team win\n"
                             "The final was played in front of a full stadium last night.\n";
    assert_int_equal(kh_dump_extract(en, sizeof en - 1, &e), KH_OK);
    assert_string_equal(e.published_raw, "Monday 3 June 2024");
    assert_string_equal(e.title, "May the best team win"); /* a month word, no number */
    kh_extracted_free(&e);
}

static void test_line_ends(void **state)
{
    (void)state;
    /* CRLF and lone CR line ends give the same lines as LF */
    static const char crlf[] = "Title of a short test story\r\nThis paragraph is long enough to "
                               "count as running text here.\r\nTags: test\r\n";
    static const char cr[] = "Title of a short test story\rThis paragraph is long enough to "
                             "count as running text here.\rTags: test\r";
    const char *texts[] = {crlf, cr};
    size_t lens[] = {sizeof crlf - 1, sizeof cr - 1};
    for (int i = 0; i < 2; i++) {
        kh_extracted e;
        assert_int_equal(kh_dump_extract(texts[i], lens[i], &e), KH_OK);
        assert_string_equal(e.title, "Title of a short test story");
        assert_string_equal(e.body, "This paragraph is long enough to count as running text here.");
        assert_int_equal(count_dropped(&e, "tag list"), 1);
        check_spans(texts[i], lens[i], &e);
        kh_extracted_free(&e);
    }
}

static void test_spelling_variants(void **state)
{
    (void)state;
    /* Arabic Yeh/Kaf and a lost ZWNJ still match the Persian cues */
    static const char text[] =
        "كد خبر : ۱۲\n"
        "تاريخ انتشار: ۱ تير ۱۴۰۳\n"
        "عنوان آزمایشی برای یک خبر کوتاه\n"
        "این یک بند آزمایشی است که برای سنجش استخراج نوشته شده است و به پایان می‌رسد.\n"
        "برچسبها: آزمایش\n"
        "آخرين اخبار\n";
    kh_extracted e;
    assert_int_equal(kh_dump_extract(text, sizeof text - 1, &e), KH_OK);
    assert_string_equal(e.item_id, "12");
    assert_string_equal(e.published_raw, "۱ تير ۱۴۰۳");
    assert_string_equal(e.title, "عنوان آزمایشی برای یک خبر کوتاه");
    assert_true(ends_with(e.body, "به پایان می‌رسد."));
    assert_null(strstr(e.body, "برچسب"));
    assert_int_equal(count_dropped(&e, "tag list"), 1);
    assert_int_equal(count_dropped(&e, "latest news"), 1);
    check_spans(text, sizeof text - 1, &e);
    kh_extracted_free(&e);
}

static void test_with_template(void **state)
{
    (void)state;
    static const char *const dumps[] = {
        "Kestrel Gazette - Home\nFirst story title here\nA first story paragraph that is long "
        "enough to be running text in this test.\nSubscribe to our daily newsletter\n",
        "Kestrel Gazette - Home\nSecond story title here\nA second story paragraph that is long "
        "enough to be running text in this test.\nSubscribe to our daily newsletter\n",
        "Kestrel Gazette - Home\nThird story title here\nA third story paragraph that is long "
        "enough to be running text in this test.\nSubscribe to our daily newsletter\n",
    };
    kh_dump_template *t;
    assert_int_equal(kh_dump_template_new(&t, 3, 0.5), KH_OK);
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(kh_dump_template_add(t, dumps[i], strlen(dumps[i])), KH_OK);
    kh_dump_cues *cues;
    assert_int_equal(kh_dump_cues_new(&cues), KH_OK);
    kh_dump_opts o = {.tpl = t, .cues = cues};
    kh_extracted e;
    assert_int_equal(kh_dump_extract_ex(dumps[1], strlen(dumps[1]), &o, &e), KH_OK);
    assert_string_equal(e.title, "Second story title here");
    assert_string_equal(e.body,
                        "A second story paragraph that is long enough to be running text in "
                        "this test.");
    assert_int_equal(count_dropped(&e, "template"), 2);
    check_spans(dumps[1], strlen(dumps[1]), &e);
    kh_extracted_free(&e);
    /* without the counter, the menu is a header line and the footer, a
     * short unpunctuated line closing the body, a trailer */
    assert_int_equal(kh_dump_extract(dumps[1], strlen(dumps[1]), &e), KH_OK);
    assert_string_equal(e.title, "Second story title here");
    assert_int_equal(count_dropped(&e, "header"), 1);
    assert_int_equal(count_dropped(&e, "trailer"), 1);
    assert_int_equal(count_dropped(&e, "template"), 0);
    kh_extracted_free(&e);
    kh_dump_template_free(t);
    kh_dump_cues_free(cues);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_000),          cmocka_unit_test(test_seed_001),
        cmocka_unit_test(test_seed_002),          cmocka_unit_test(test_seed_003),
        cmocka_unit_test(test_seed_004),          cmocka_unit_test(test_fixtures),
        cmocka_unit_test(test_bad_input),         cmocka_unit_test(test_headline_only),
        cmocka_unit_test(test_spelling_variants), cmocka_unit_test(test_with_template),
        cmocka_unit_test(test_line_ends),         cmocka_unit_test(test_unlabelled_date),
        cmocka_unit_test(test_shared_cues),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
