/*
 * test_time_calendar.c: calendar conversions through ICU (src/time/calendar.c).
 *
 * Known days (Nowruz, Ramadan, Eid), leap years and month ends both ways,
 * rejections with their reasons, and a round trip over every day of
 * 2019..2026 on every calendar.
 */
#include "kh_test.h"

#include "time/calendar.h"

static kh_calendars cals;

static int setup(void **state)
{
    (void)state;
    return kh_calendars_open(&cals) == KH_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    kh_calendars_close(&cals);
    return 0;
}

static void expect_greg(kh_cal cal, int y, int m, int d, int gy, int gm, int gd)
{
    const kh_ymd in = {y, m, d};
    kh_ymd g, back;
    if (kh_cal_to_gregorian(&cals, cal, in, &g) != KH_OK)
        fail_msg("%s %d-%d-%d rejected: %s", kh_cal_name(cal), y, m, d, kh_last_error());
    if (g.y != gy || g.m != gm || g.d != gd)
        fail_msg("%s %d-%02d-%02d -> %d-%02d-%02d, expected %d-%02d-%02d", kh_cal_name(cal), y,
                 m, d, g.y, g.m, g.d, gy, gm, gd);
    assert_int_equal(kh_cal_from_gregorian(&cals, cal, g, &back), KH_OK);
    assert_int_equal(back.y, y);
    assert_int_equal(back.m, m);
    assert_int_equal(back.d, d);
}

static void expect_invalid(kh_cal cal, int y, int m, int d, const char *why)
{
    const kh_ymd in = {y, m, d};
    kh_ymd g;
    assert_int_equal(kh_cal_to_gregorian(&cals, cal, in, &g), KH_EINVAL);
    if (!strstr(kh_last_error(), why))
        fail_msg("reason '%s' lacks '%s'", kh_last_error(), why);
}

static void test_persian_known_days(void **state)
{
    (void)state;
    expect_greg(KH_CAL_PERSIAN, 1403, 1, 1, 2024, 3, 20);   /* Nowruz 1403 */
    expect_greg(KH_CAL_PERSIAN, 1402, 1, 1, 2023, 3, 21);   /* Nowruz 1402 */
    expect_greg(KH_CAL_PERSIAN, 1404, 1, 1, 2025, 3, 21);   /* Nowruz 1404 */
    expect_greg(KH_CAL_PERSIAN, 1399, 1, 1, 2020, 3, 20);   /* Nowruz 1399 */
    expect_greg(KH_CAL_PERSIAN, 1403, 1, 13, 2024, 4, 1);   /* seed 000 */
    expect_greg(KH_CAL_PERSIAN, 1403, 1, 3, 2024, 3, 22);   /* Crocus attack */
    expect_greg(KH_CAL_PERSIAN, 1402, 10, 11, 2024, 1, 1);  /* 11 Dey 1402 */
    expect_greg(KH_CAL_PERSIAN, 1357, 11, 22, 1979, 2, 11); /* 22 Bahman 1357 */
}

static void test_persian_month_ends_and_leap_years(void **state)
{
    (void)state;
    int n;
    expect_greg(KH_CAL_PERSIAN, 1403, 12, 30, 2025, 3, 20); /* 1403 is leap */
    expect_greg(KH_CAL_PERSIAN, 1402, 12, 29, 2024, 3, 19); /* last day of 1402 */
    expect_greg(KH_CAL_PERSIAN, 1399, 12, 30, 2021, 3, 20); /* 1399 is leap */
    expect_greg(KH_CAL_PERSIAN, 1403, 6, 31, 2024, 9, 21);  /* 31 Shahrivar */
    expect_greg(KH_CAL_PERSIAN, 1403, 7, 1, 2024, 9, 22);   /* 1 Mehr */
    expect_invalid(KH_CAL_PERSIAN, 1402, 12, 30, "has 29 days");
    expect_invalid(KH_CAL_PERSIAN, 1403, 12, 31, "has 30 days");
    expect_invalid(KH_CAL_PERSIAN, 1403, 7, 31, "has 30 days");
    expect_invalid(KH_CAL_PERSIAN, 1403, 13, 1, "month 13");
    expect_invalid(KH_CAL_PERSIAN, 1900, 1, 1, "out of range");
    assert_int_equal(kh_cal_days_in_month(&cals, KH_CAL_PERSIAN, 1403, 1, &n), KH_OK);
    assert_int_equal(n, 31);
    assert_int_equal(kh_cal_days_in_month(&cals, KH_CAL_PERSIAN, 1403, 12, &n), KH_OK);
    assert_int_equal(n, 30);
    assert_int_equal(kh_cal_days_in_month(&cals, KH_CAL_PERSIAN, 1404, 12, &n), KH_OK);
    assert_int_equal(n, 29);
}

static void test_gregorian(void **state)
{
    (void)state;
    expect_greg(KH_CAL_GREGORIAN, 2024, 2, 29, 2024, 2, 29);
    expect_greg(KH_CAL_GREGORIAN, 2000, 2, 29, 2000, 2, 29);
    expect_invalid(KH_CAL_GREGORIAN, 2023, 2, 29, "has 28 days");
    expect_invalid(KH_CAL_GREGORIAN, 1900, 2, 29, "has 28 days");
    expect_invalid(KH_CAL_GREGORIAN, 2024, 2, 30, "has 29 days");
    expect_invalid(KH_CAL_GREGORIAN, 2024, 4, 31, "has 30 days");
    expect_invalid(KH_CAL_GREGORIAN, 999, 1, 1, "out of range");
    for (int y = 1999; y <= 2030; y++)
        for (int m = 1; m <= 12; m++) {
            int n;
            assert_int_equal(kh_cal_days_in_month(&cals, KH_CAL_GREGORIAN, y, m, &n), KH_OK);
            assert_int_equal(n, kh_greg_days_in_month(y, m));
        }
}

static void test_hijri(void **state)
{
    (void)state;
    int n;
    expect_greg(KH_CAL_ISLAMIC_UMALQURA, 1445, 9, 1, 2024, 3, 11);   /* 1 Ramadan 1445 */
    expect_greg(KH_CAL_ISLAMIC_UMALQURA, 1445, 10, 1, 2024, 4, 10);  /* Eid al-Fitr 1445 */
    expect_greg(KH_CAL_ISLAMIC_UMALQURA, 1445, 12, 10, 2024, 6, 16); /* Eid al-Adha 1445 */
    expect_greg(KH_CAL_ISLAMIC_UMALQURA, 1446, 1, 1, 2024, 7, 7);    /* 1 Muharram 1446 */
    expect_greg(KH_CAL_ISLAMIC_UMALQURA, 1444, 9, 1, 2023, 3, 23);   /* 1 Ramadan 1444 */
    /* Umm al-Qura months have 29 or 30 days; 1445 Ramadan had 30 (Eid on 10 April) */
    assert_int_equal(kh_cal_days_in_month(&cals, KH_CAL_ISLAMIC_UMALQURA, 1445, 9, &n), KH_OK);
    assert_int_equal(n, 30);
    expect_invalid(KH_CAL_ISLAMIC_UMALQURA, 1445, 9, 31, "has 30 days");
    /* the civil (tabular) calendar alternates 30 and 29 */
    assert_int_equal(kh_cal_days_in_month(&cals, KH_CAL_ISLAMIC_CIVIL, 1445, 1, &n), KH_OK);
    assert_int_equal(n, 30);
    assert_int_equal(kh_cal_days_in_month(&cals, KH_CAL_ISLAMIC_CIVIL, 1445, 2, &n), KH_OK);
    assert_int_equal(n, 29);
    expect_invalid(KH_CAL_ISLAMIC_CIVIL, 1445, 2, 30, "has 29 days");
}

/* Every day of 2019..2026 on every calendar: there and back, and the next
 * Gregorian day is the next native day. */
static void test_round_trip(void **state)
{
    (void)state;
    const kh_ymd first = {2019, 1, 1}, last = {2026, 12, 31};
    for (int c = 0; c < KH_CAL_COUNT; c++) {
        kh_ymd prev = {0, 0, 0};
        for (int64_t z = kh_days_from_civil(first); z <= kh_days_from_civil(last); z++) {
            const kh_ymd g = kh_civil_from_days(z);
            kh_ymd nat, back;
            assert_int_equal(kh_cal_from_gregorian(&cals, (kh_cal)c, g, &nat), KH_OK);
            assert_int_equal(kh_cal_to_gregorian(&cals, (kh_cal)c, nat, &back), KH_OK);
            assert_int_equal(kh_days_from_civil(back), z);
            if (prev.y) {
                const int next_day = nat.y == prev.y && nat.m == prev.m && nat.d == prev.d + 1;
                const int next_month = nat.d == 1 && ((nat.y == prev.y && nat.m == prev.m + 1) ||
                                                      (nat.y == prev.y + 1 && nat.m == 1));
                assert_true(next_day || next_month);
            }
            prev = nat;
        }
    }
}

static void test_weekdays_and_weeks(void **state)
{
    (void)state;
    const kh_ymd mon = {2024, 4, 1}, fri = {2024, 3, 22}, epoch = {1970, 1, 1},
                 before = {1969, 12, 31}, jan3 = {2021, 1, 3};
    int y, w;
    assert_int_equal(kh_weekday(mon), 1);
    assert_int_equal(kh_weekday(fri), 5);
    assert_int_equal(kh_weekday(epoch), 4);
    assert_int_equal(kh_weekday(before), 3);
    kh_iso_week(mon, &y, &w);
    assert_int_equal(y, 2024);
    assert_int_equal(w, 14);
    kh_iso_week(jan3, &y, &w);
    assert_int_equal(y, 2020);
    assert_int_equal(w, 53);
}

static void test_zones(void **state)
{
    (void)state;
    const kh_ymd d2024 = {2024, 4, 1}, d2021 = {2021, 6, 1};
    int off;
    assert_int_equal(kh_zone_offset("Asia/Tehran", d2024, 16, 53, &off), KH_OK);
    assert_int_equal(off, 210); /* no DST in Iran since 2022 */
    assert_int_equal(kh_zone_offset("Asia/Tehran", d2021, 12, 0, &off), KH_OK);
    assert_int_equal(off, 270); /* DST in 2021 */
    assert_int_equal(kh_zone_offset("Europe/Moscow", d2024, 12, 0, &off), KH_OK);
    assert_int_equal(off, 180);
    assert_int_equal(kh_zone_offset("Mars/Olympus_Mons", d2024, 12, 0, &off), KH_EINVAL);
}

static void test_names(void **state)
{
    (void)state;
    kh_cal c;
    assert_int_equal(kh_cal_from_name("islamic", 7, &c), KH_OK);
    assert_int_equal(c, KH_CAL_ISLAMIC_UMALQURA);
    assert_int_equal(kh_cal_from_name("persian", 7, &c), KH_OK);
    assert_int_equal(c, KH_CAL_PERSIAN);
    assert_int_equal(kh_cal_from_name("julian", 6, &c), KH_EINVAL);
    assert_string_equal(kh_cal_name(KH_CAL_ISLAMIC_CIVIL), "islamic-civil");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_persian_known_days),
        cmocka_unit_test(test_persian_month_ends_and_leap_years),
        cmocka_unit_test(test_gregorian),
        cmocka_unit_test(test_hijri),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_weekdays_and_weeks),
        cmocka_unit_test(test_zones),
        cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
