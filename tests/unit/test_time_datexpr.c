/*
 * test_time_datexpr.c: the date expression scanner and resolver
 * (src/time/datexpr.c, timelex.c) and kh_dates_scan().
 */
#include "kh_test.h"

#include "time/datexpr.h"

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

/* Scans text, resolves against anchor (NULL: none); returns the count and
 * copies expression i into *out. */
static size_t scan(const char *text, const char *anchor, size_t i, kh_datexpr *out)
{
    kh_datexprs xs = {0};
    kh_date_ctx ctx = {0};
    if (anchor) {
        assert_int_equal(kh_anchor_parse(anchor, &ctx.anchor), KH_OK);
        ctx.has_anchor = 1;
    }
    assert_int_equal(kh_datexpr_scan(dates, text, strlen(text), &xs), KH_OK);
    for (size_t k = 0; k < xs.n; k++)
        kh_datexpr_resolve(dates, &xs.v[k], &ctx);
    const size_t n = xs.n;
    if (out && i < n)
        *out = xs.v[i];
    kh_datexprs_free(&xs);
    return n;
}

/* Asserts that text holds one expression (first one checked) with value. */
static void expect(const char *text, const char *anchor, const char *value)
{
    kh_datexpr e;
    char buf[64];
    if (scan(text, anchor, 0, &e) == 0)
        fail_msg("no date found in '%s'", text);
    kh_datexpr_value(&e, buf, sizeof buf);
    if (strcmp(buf, value) != 0)
        fail_msg("'%s' -> '%s', expected '%s' (%s)", text, buf, value, e.reason);
}

static void expect_none(const char *text)
{
    kh_datexpr e;
    if (scan(text, "2024-04-02", 0, &e) != 0)
        fail_msg("'%s': unexpected date '%.*s'", text, (int)(e.end - e.start), text + e.start);
}

static void expect_invalid(const char *text, const char *why)
{
    kh_datexpr e;
    assert_true(scan(text, "2024-04-02", 0, &e) >= 1);
    assert_true(e.invalid);
    if (!strstr(e.reason, why))
        fail_msg("'%s': reason '%s' lacks '%s'", text, e.reason, why);
}

static void test_persian_calendar_dates(void **state)
{
    (void)state;
    kh_datexpr e;
    char buf[64];
    expect("تاریخ انتشار: ۱۳ فروردين ۱۴۰۳ - ۱۶:۵۳", NULL, "2024-04-01T16:53+03:30");
    assert_int_equal(scan("۱۳ فروردين ۱۴۰۳ - ۱۶:۵۳", NULL, 0, &e), 1);
    kh_datexpr_utc(&e, buf, sizeof buf);
    assert_string_equal(buf, "2024-04-01T13:23Z");
    assert_int_equal(e.cal, KH_CAL_PERSIAN);
    assert_int_equal(e.gran, KH_GRAN_MINUTE);
    assert_string_equal(e.zone_used, "Asia/Tehran");
    expect("13 فروردین 1403", NULL, "2024-04-01");
    expect("١٣ فروردين ١٤٠٣", NULL, "2024-04-01");
    expect("۳ فروردین", "2024-04-02", "2024-03-22");
    expect("در مرداد 1402", NULL, "2023-07-23/2023-08-22");
    expect("سال ۱۴۰۲", NULL, "2023-03-21/2024-03-19");
    expect("۱۴۰۳/۰۱/۱۳", NULL, "2024-04-01");
    expect("۳۰ اسفند ۱۴۰۳", NULL, "2025-03-20");
    expect("۱۰ دی ۱۴۰۲", NULL, "2023-12-31");
}

static void test_gregorian_dates(void **state)
{
    (void)state;
    kh_datexpr e;
    expect("تاريخ النشر: 23rd, March 2024 GMT", NULL, "2024-03-23");
    assert_int_equal(scan("23rd, March 2024 GMT", NULL, 0, &e), 1);
    assert_string_equal(e.zone, "UTC");
    expect("March 23, 2024", NULL, "2024-03-23");
    expect("Monday, April 1, 2024", NULL, "2024-04-01");
    expect("در ۲۲ مارس ۲۰۲۴", NULL, "2024-03-22");
    expect("ژانويه ۲۰۲۴", NULL, "2024-01");
    expect("ژوئیه ۲۰۲۳", NULL, "2023-07");
    expect("۵ مه ۲۰۲۳", NULL, "2023-05-05");
    expect("10 آگوست 2022", NULL, "2022-08-10");
    expect("في 3 يناير (كانون الثاني) 2024", NULL, "2024-01-03");
    expect("1 نيسان 2024", NULL, "2024-04-01");
    expect("15 تشرين الأول 2023", NULL, "2023-10-15");
    expect("25 كانون الأول 2023", NULL, "2023-12-25");
    expect("في فبراير 2022", NULL, "2022-02");
    expect("2024-04-01", NULL, "2024-04-01");
    expect("01/04/2024", NULL, "2024-04-01");
    expect("04/13/2024", NULL, "2024-04-13");
    expect("2024-04-01T16:53:00+03:30", NULL, "2024-04-01T16:53+03:30");
    expect("2024-04-01T13:23Z", NULL, "2024-04-01T13:23Z");
    expect("1 April 2024 at 4:53 pm GMT", NULL, "2024-04-01T16:53Z");
    expect("الساعة 10:30 بتوقيت مكة 5 مايو 2024", NULL, "2024-05-05");
    expect("5 مايو 2024 الساعة 10:30 بتوقيت مكة", NULL, "2024-05-05T10:30+03:00");
    expect("في السابع من مارس 2024", NULL, "2024-03-07");
    expect("عام 1979", NULL, "1979");
}

static void test_hijri_dates(void **state)
{
    (void)state;
    expect("1 رمضان 1445 هـ", NULL, "2024-03-11");
    expect("10 ذو الحجة 1445", NULL, "2024-06-16");
    expect("۱ محرم ۱۴۴۶", NULL, "2024-07-07");
    expect("عام 1445 هـ", NULL, "2023-07-19/2024-07-06");
}

static void test_yearless(void **state)
{
    (void)state;
    kh_datexpr e;
    expect("22 مارس", NULL, "--03-22");
    expect("22 مارس", "2024-04-02", "2024-03-22");
    expect("25 December", "2024-01-05", "2023-12-25");
    expect("5 May", "2024-04-20", "2024-05-05");
    /* the weekday chooses the year: 1 April was a Monday in 2024 */
    expect("يوم الاثنين 1 أبريل (نيسان)", "2026-11-23", "2024-04-01");
    assert_int_equal(scan("يوم الاثنين 1 أبريل (نيسان)", "2026-11-23", 0, &e), 1);
    assert_true(e.year_inferred);
    assert_int_equal(e.weekday, 1);
    expect("فبراير (شباط) الماضي", "2024-04-02", "2024-02");
    expect("فبراير (شباط) الماضي", "2024-02-10", "2023-02");
    expect("في يناير", "2024-04-02", "2024-01");
}

static void test_relative(void **state)
{
    (void)state;
    kh_datexpr e;
    const char *a = "2024-04-02"; /* a Tuesday */
    expect("امروز", a, "2024-04-02");
    expect("دیروز", a, "2024-04-01");
    expect("ديروز (دوشنبه)", a, "2024-04-01");
    expect("پریروز", a, "2024-03-31");
    expect("فردا", a, "2024-04-03");
    expect("أمس", a, "2024-04-01");
    expect("وأمس", a, "2024-04-01");
    expect("غدا", a, "2024-04-03");
    expect("yesterday", a, "2024-04-01");
    expect("اليوم الاثنين", "2024-04-01", "2024-04-01");
    expect("3 روز پیش", a, "2024-03-30");
    expect("۳ روز قبل", a, "2024-03-30");
    expect("قبل 3 أيام", a, "2024-03-30");
    expect("منذ يومين", a, "2024-03-31");
    expect("قبل أسبوعين", a, "2024-03-19");
    expect("3 days ago", a, "2024-03-30");
    expect("last week", a, "2024-W13");
    expect("هفته گذشته", a, "2024-W13");
    expect("الأسبوع المقبل", a, "2024-W15");
    expect("الشهر الماضي", a, "2024-03");
    expect("ماه گذشته ميلادي", a, "2024-03");
    expect("last month", a, "2024-03");
    expect("سال گذشته", a, "2023");
    expect("العام الماضي", a, "2023");
    expect("on Friday", a, "2024-03-29");
    expect("يوم الجمعة", a, "2024-03-29");
    expect("روز یکشنبه", a, "2024-03-31");
    expect("الجمعة الماضية", a, "2024-03-29");
    expect("next Monday", a, "2024-04-08");
    expect("دوشنبه گذشته", a, "2024-04-01");
    /* no anchor: found, but no value */
    assert_int_equal(scan("دیروز", NULL, 0, &e), 1);
    assert_false(e.resolved);
    /* a contradicted weekday is flagged */
    assert_int_equal(scan("امروز (دوشنبه)", a, 0, &e), 1);
    assert_true(e.weekday_conflict);
    assert_int_equal(scan("الثلاثاء 1 أبريل 2024", NULL, 0, &e), 1);
    assert_true(e.weekday_conflict);
}

static void test_not_dates(void **state)
{
    (void)state;
    expect_none("");
    expect_none("کشته شدن حداقل ۱۴۴ نفر");
    expect_none("چند روز پیش از این حمله");
    expect_none("3 روز پیش از این حمله");
    expect_none("قبل أيام من الهجوم");
    expect_none("در 20 سال گذشته در روسيه");
    expect_none("منذ 20 عاما");
    expect_none("مسکو مي گويد که");
    expect_none("You may go");
    expect_none("مارس الضغط على الحكومة");
    expect_none("ساعت ۱۶:۵۳");
    expect_none("صفر درصد");
    expect_none("version 1.2.3.4");
}

static void test_invalid_dates(void **state)
{
    (void)state;
    expect_invalid("30 فبراير 2024", "has 29 days");
    expect_invalid("29 February 2023", "has 28 days");
    expect_invalid("31 اسفند 1403", "has 30 days");
    expect_invalid("30 اسفند 1402", "has 29 days");
    expect_invalid("31 April 2024", "has 30 days");
    expect_invalid("13 فروردین 1900", "out of range");
    expect_invalid("31 مهر 1403", "has 30 days");
}

static void test_spans(void **state)
{
    (void)state;
    kh_datexpr e;
    const char *t = "در ۲۲ مارس (۳ فروردین) با تیراندازی";
    assert_int_equal(scan(t, "2024-04-02", 0, &e), 2);
    assert_int_equal(e.start, strlen("در "));
    assert_int_equal(e.end, strlen("در ۲۲ مارس"));
    assert_int_equal(scan(t, "2024-04-02", 1, &e), 2);
    assert_int_equal(e.cal, KH_CAL_PERSIAN);
    assert_int_equal(e.g.d, 22);
}

static void test_anchor_parse(void **state)
{
    (void)state;
    kh_ymd g;
    assert_int_equal(kh_anchor_parse("2024-04-01", &g), KH_OK);
    assert_int_equal(g.d, 1);
    assert_int_equal(kh_anchor_parse("2024-04-01T23:30-05:00", &g), KH_OK);
    assert_int_equal(g.d, 2);
    assert_int_equal(kh_anchor_parse("2024-04-01T01:00:00+03:30", &g), KH_OK);
    assert_int_equal(g.d, 31);
    assert_int_equal(kh_anchor_parse("2024-02-30", &g), KH_EINVAL);
    assert_int_equal(kh_anchor_parse("yesterday", &g), KH_EINVAL);
}

static void test_public_scan(void **state)
{
    (void)state;
    char *json = NULL;
    assert_int_equal(kh_dates_scan(dates, "۱۳ فروردين ۱۴۰۳ - ۱۶:۵۳", strlen("۱۳ فروردين ۱۴۰۳ - ۱۶:۵۳"),
                                   NULL, &json),
                     KH_OK);
    assert_non_null(strstr(json, "\"value\":\"2024-04-01T16:53+03:30\""));
    assert_non_null(strstr(json, "\"utc\":\"2024-04-01T13:23Z\""));
    assert_non_null(strstr(json, "\"calendar\":\"persian\""));
    assert_non_null(strstr(json, "\"native\":\"1403-01-13\""));
    kh_free(json);
    assert_int_equal(kh_dates_scan(dates, "a\xff", 2, NULL, &json), KH_EENCODING);
    assert_null(json);
    assert_int_equal(kh_dates_scan(dates, "x", 1, "tomorrow", &json), KH_EINVAL);
    assert_int_equal(kh_dates_scan(dates, NULL, 0, NULL, &json), KH_OK);
    assert_string_equal(json, "[]");
    kh_free(json);
    assert_int_equal(kh_dates_scan(NULL, "x", 1, NULL, &json), KH_EINVAL);
    assert_int_equal(kh_dates_scan(dates, "30 فبراير 2024", strlen("30 فبراير 2024"), NULL, &json),
                     KH_OK);
    assert_non_null(strstr(json, "\"error\":\"day 30 out of range"));
    kh_free(json);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_persian_calendar_dates),
        cmocka_unit_test(test_gregorian_dates),
        cmocka_unit_test(test_hijri_dates),
        cmocka_unit_test(test_yearless),
        cmocka_unit_test(test_relative),
        cmocka_unit_test(test_not_dates),
        cmocka_unit_test(test_invalid_dates),
        cmocka_unit_test(test_spans),
        cmocka_unit_test(test_anchor_parse),
        cmocka_unit_test(test_public_scan),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
