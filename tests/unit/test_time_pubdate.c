/*
 * test_time_pubdate.c: publication dates (src/time/pubdate.c) of the five
 * seed articles (examples/seeds, read from the project root), with and
 * without an ingest anchor, and of small made-up texts.
 */
#include "kh_test.h"

#include "time/pubdate.h"

static kh_dates *dates;

static int setup(void **state)
{
    (void)state;
    return kh_dates_new(&dates) == KH_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    kh_dates_free(dates);
    return 0;
}

static char *read_seed(const char *name, size_t *len)
{
    char path[256];
    snprintf(path, sizeof path, "examples/seeds/%s", name);
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = malloc(1 << 20);
    *len = buf ? fread(buf, 1, (1 << 20) - 1, f) : 0;
    fclose(f);
    if (buf)
        buf[*len] = '\0';
    return buf;
}

/* Infers the publication date of text; checks value, and returns the struct. */
static kh_pubdate infer(const char *text, size_t len, const char *meta, const char *anchor,
                        const char *value)
{
    kh_pubdate p;
    kh_ymd a;
    char buf[64];
    if (anchor)
        assert_int_equal(kh_anchor_parse(anchor, &a), KH_OK);
    assert_int_equal(kh_pubdate_infer(dates, text, len, meta, meta ? strlen(meta) : 0,
                                      anchor ? &a : NULL, &p),
                     KH_OK);
    if (!value) {
        assert_false(p.found);
        return p;
    }
    assert_true(p.found);
    kh_datexpr_value(&p.value, buf, sizeof buf);
    if (strcmp(buf, value) != 0)
        fail_msg("published '%s' (%s), expected '%s'", buf, p.method, value);
    assert_true(p.confidence > 0 && p.confidence <= 1);
    assert_true(p.nev >= 1 || strcmp(p.method, "ingest-time") == 0);
    return p;
}

static kh_pubdate seed(const char *name, const char *anchor, const char *value)
{
    size_t len;
    char *text = read_seed(name, &len);
    if (!text)
        fail_msg("cannot read examples/seeds/%s (run from the project root)", name);
    kh_pubdate p = infer(text, len, NULL, anchor, value);
    /* every piece of evidence is inside the text */
    for (size_t i = 0; i < p.nev; i++)
        assert_true(p.ev[i].start < p.ev[i].end && p.ev[i].end <= len);
    free(text);
    return p;
}

/* Ingested about three weeks after the last of them was published. */
#define INGEST "2024-04-20T09:00Z"

static void test_seed_000_dateline(void **state)
{
    (void)state;
    char buf[64];
    kh_pubdate p = seed("000_7a2339865d4e93cd.txt", INGEST, "2024-04-01T16:53+03:30");
    kh_datexpr_utc(&p.value, buf, sizeof buf);
    assert_string_equal(buf, "2024-04-01T13:23Z");
    assert_string_equal(p.method, "dateline");
    assert_int_equal(p.value.gran, KH_GRAN_MINUTE);
    assert_false(p.weekday_conflict); /* امروز (دوشنبه): 1 April 2024 was a Monday */
    seed("000_7a2339865d4e93cd.txt", NULL, "2024-04-01T16:53+03:30");
}

static void test_seed_001_yesterday_monday(void **state)
{
    (void)state;
    kh_pubdate p = seed("001_4021acd122d8fafe.txt", INGEST, "2024-04-02");
    assert_false(p.weekday_conflict);
    /* without the ingest time: the year comes from مرداد 1402 in the text */
    seed("001_4021acd122d8fafe.txt", NULL, "2024-04-02");
    /* any later ingest time gives the same day */
    seed("001_4021acd122d8fafe.txt", "2024-06-30", "2024-04-02");
}

static void test_seed_002_today_monday(void **state)
{
    (void)state;
    kh_pubdate p = seed("002_609d45a39ab9baaa.txt", INGEST, "2024-04-01");
    assert_string_equal(p.method, "lead-relative");
    seed("002_609d45a39ab9baaa.txt", "2024-05-15", "2024-04-01");
}

static void test_seed_003_weekday_date(void **state)
{
    (void)state;
    kh_pubdate p = seed("003_45858de1e21267e7.txt", INGEST, "2024-04-01");
    assert_string_equal(p.method, "lead-date");
    /* the year from 2024 mentioned in the text, checked by the weekday */
    seed("003_45858de1e21267e7.txt", NULL, "2024-04-01");
    /* even when ingested years later */
    seed("003_45858de1e21267e7.txt", "2026-11-23", "2024-04-01");
}

static void test_seed_004_dateline(void **state)
{
    (void)state;
    kh_pubdate p = seed("004_2172b40dd589fe05.txt", INGEST, "2024-03-23");
    assert_string_equal(p.method, "dateline");
    assert_true(p.confidence >= 0.9);
    seed("004_2172b40dd589fe05.txt", NULL, "2024-03-23");
}

static void test_metadata_first(void **state)
{
    (void)state;
    const char *t = "قال مسؤول أميركي يوم الجمعة إن";
    kh_pubdate p = infer(t, strlen(t), "23rd, March 2024 GMT", NULL, "2024-03-23");
    assert_string_equal(p.method, "metadata");
    p = infer(t, strlen(t), "2024-03-23T10:00:00Z", NULL, "2024-03-23T10:00Z");
    p = infer(t, strlen(t), "Sat, 23 Mar 2024 10:00:00 GMT", NULL, "2024-03-23T10:00Z");
    p = infer(t, strlen(t), "۱۳ فروردين ۱۴۰۳ - ۱۶:۵۳", NULL, "2024-04-01T16:53+03:30");
}

static void test_weekday_conflict(void **state)
{
    (void)state;
    const char *t = "سخنگوی کرملین امروز (دوشنبه) گفت.";
    kh_pubdate p = infer(t, strlen(t), "2024-04-02", NULL, "2024-04-02");
    assert_true(p.weekday_conflict);
    p = infer(t, strlen(t), "2024-04-01", NULL, "2024-04-01");
    assert_false(p.weekday_conflict);
}

static void test_relative_without_dates(void **state)
{
    (void)state;
    const char *t = "قال المتحدث أمس الأحد إن المحادثات ستستمر.";
    /* yesterday was Sunday: published on the Monday on or before ingest */
    infer(t, strlen(t), NULL, "2024-04-03", "2024-04-01");
    /* "last month" would put it after the ingest day: the weekday before it wins */
    const char *v = "اليوم الاثنين قال إن هجوم 22 مارس الشهر الماضي كان كبيرا.";
    infer(v, strlen(v), NULL, "2024-03-27", "2024-03-25");
    infer(v, strlen(v), NULL, "2024-04-09", "2024-04-01");
    const char *u = "Nothing here says when.";
    infer(u, strlen(u), NULL, "2024-04-03", "2024-04-03");
    infer(u, strlen(u), NULL, NULL, NULL);
}

static void test_public_api(void **state)
{
    (void)state;
    size_t len;
    char *text = read_seed("002_609d45a39ab9baaa.txt", &len), *json = NULL;
    assert_non_null(text);
    assert_int_equal(kh_date_published(dates, text, len, NULL, INGEST, &json), KH_OK);
    assert_non_null(strstr(json, "\"value\":\"2024-04-01\""));
    assert_non_null(strstr(json, "\"evidence\":["));
    kh_free(json);
    assert_int_equal(kh_dates_events(dates, text, len, NULL, INGEST, &json), KH_OK);
    assert_non_null(strstr(json, "\"published\":{"));
    assert_non_null(strstr(json, "\"value\":\"2024-03-22\""));
    kh_free(json);
    free(text);
    assert_int_equal(kh_date_published(dates, "no date", 7, NULL, NULL, &json), KH_ENOTFOUND);
    assert_null(json);
    assert_int_equal(kh_date_published(dates, "\xc3", 1, NULL, NULL, &json), KH_EENCODING);
    assert_int_equal(kh_date_published(dates, "x", 1, NULL, "2024-13-01", &json), KH_EINVAL);
}

static void test_event_dates_against_publication(void **state)
{
    (void)state;
    size_t len;
    char *text = read_seed("004_2172b40dd589fe05.txt", &len);
    kh_pubdate p;
    kh_datexprs xs = {0};
    assert_non_null(text);
    assert_int_equal(kh_event_dates(dates, text, len, NULL, 0, NULL, &p, &xs), KH_OK);
    int fridays = 0;
    for (size_t i = 0; i < xs.n; i++) {
        const kh_datexpr *e = &xs.v[i];
        if (e->kind == KH_EXPR_WEEKDAY && e->weekday == 5) {
            /* يوم الجمعة in an article of Saturday 23 March: 22 March */
            assert_int_equal(e->g.d, 22);
            assert_int_equal(e->g.m, 3);
            fridays++;
        }
    }
    assert_true(fridays >= 2);
    kh_datexprs_free(&xs);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_000_dateline),
        cmocka_unit_test(test_seed_001_yesterday_monday),
        cmocka_unit_test(test_seed_002_today_monday),
        cmocka_unit_test(test_seed_003_weekday_date),
        cmocka_unit_test(test_seed_004_dateline),
        cmocka_unit_test(test_metadata_first),
        cmocka_unit_test(test_weekday_conflict),
        cmocka_unit_test(test_relative_without_dates),
        cmocka_unit_test(test_public_api),
        cmocka_unit_test(test_event_dates_against_publication),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
