/*
 * calendar.c: calendar conversions through ICU (see calendar.h).
 *
 * Design. Every conversion passes through an instant: the source calendar
 * (in UTC, non-lenient, so that 30 Esfand 1402 is an error rather than
 * 1 Farvardin 1403) is cleared and given year / month / day; its millis at
 * 00:00 UTC are handed to the target calendar, which reads its fields back.
 * The Gregorian calendar is made proleptic (no Julian cutover) so that day
 * numbers computed by kh_days_from_civil() and ICU always agree.
 *
 * Validation asks ICU for the actual length of the month (UCAL_ACTUAL_MAXIMUM
 * of UCAL_DATE) before setting the day, so a rejection can say why: "month
 * 12 of 1402 (persian) has 29 days". Years are limited to ranges where news
 * text plausibly dates things (kh_cal_year_range), which also keeps ICU
 * away from the edges of its tables (Umm al-Qura falls back to the civil
 * calendar outside 1300..1600 AH).
 */
#include <string.h>

#include <unicode/ustring.h>

#include "core/error.h"
#include "time/calendar.h"

static const char *const cal_names[KH_CAL_COUNT] = {"gregorian", "persian", "islamic-umalqura",
                                                    "islamic-civil"};
static const char *const cal_locales[KH_CAL_COUNT] = {
    "en@calendar=gregorian", "en@calendar=persian", "en@calendar=islamic-umalqura",
    "en@calendar=islamic-civil"};

const char *kh_cal_name(kh_cal cal)
{
    return (cal >= 0 && cal < KH_CAL_COUNT) ? cal_names[cal] : "unknown";
}

int kh_cal_from_name(const char *name, size_t len, kh_cal *out)
{
    for (int i = 0; i < KH_CAL_COUNT; i++) {
        if (strlen(cal_names[i]) == len && memcmp(cal_names[i], name, len) == 0) {
            *out = (kh_cal)i;
            return KH_OK;
        }
    }
    if (len == 7 && memcmp(name, "islamic", 7) == 0) {
        *out = KH_CAL_ISLAMIC_UMALQURA;
        return KH_OK;
    }
    return kh_set_error(KH_EINVAL, "unknown calendar '%.*s'", (int)len, name);
}

void kh_cal_year_range(kh_cal cal, int *min, int *max)
{
    switch (cal) {
    case KH_CAL_PERSIAN:
        *min = 1000, *max = 1700;
        break;
    case KH_CAL_ISLAMIC_UMALQURA:
    case KH_CAL_ISLAMIC_CIVIL:
        *min = 1000, *max = 1700;
        break;
    default:
        *min = 1000, *max = 2999;
        break;
    }
}

int kh_calendars_open(kh_calendars *c)
{
    static const UChar utc[] = {'U', 'T', 'C', 0};
    memset(c, 0, sizeof *c);
    for (int i = 0; i < KH_CAL_COUNT; i++) {
        UErrorCode st = U_ZERO_ERROR;
        c->cal[i] = ucal_open(utc, 3, cal_locales[i], UCAL_DEFAULT, &st);
        if (U_FAILURE(st)) {
            kh_calendars_close(c);
            return kh_set_error(KH_ERROR, "ICU cannot open the %s calendar: %s", cal_names[i],
                                u_errorName(st));
        }
        ucal_setAttribute(c->cal[i], UCAL_LENIENT, 0);
        if (i == KH_CAL_GREGORIAN) {
            ucal_setGregorianChange(c->cal[i], -8.64e15, &st);
            if (U_FAILURE(st)) {
                kh_calendars_close(c);
                return kh_set_error(KH_ERROR, "ICU: %s", u_errorName(st));
            }
        }
    }
    return KH_OK;
}

void kh_calendars_close(kh_calendars *c)
{
    for (int i = 0; i < KH_CAL_COUNT; i++) {
        if (c->cal[i])
            ucal_close(c->cal[i]);
        c->cal[i] = NULL;
    }
}

static int check_cal(const kh_calendars *c, kh_cal cal)
{
    if (!c || cal < 0 || cal >= KH_CAL_COUNT || !c->cal[cal])
        return kh_set_error(KH_EINVAL, "calendar not open");
    return KH_OK;
}

int kh_cal_days_in_month(kh_calendars *c, kh_cal cal, int y, int m, int *days)
{
    int lo, hi;
    if (check_cal(c, cal) != KH_OK)
        return KH_EINVAL;
    kh_cal_year_range(cal, &lo, &hi);
    if (y < lo || y > hi)
        return kh_set_error(KH_EINVAL, "year %d out of range (%d..%d on the %s calendar)", y,
                            lo, hi, cal_names[cal]);
    if (m < 1 || m > 12)
        return kh_set_error(KH_EINVAL, "month %d out of range (1..12)", m);
    UCalendar *u = c->cal[cal];
    UErrorCode st = U_ZERO_ERROR;
    ucal_clear(u);
    ucal_setDate(u, y, m - 1, 1, &st);
    int32_t n = ucal_getLimit(u, UCAL_DATE, UCAL_ACTUAL_MAXIMUM, &st);
    if (U_FAILURE(st))
        return kh_set_error(KH_EINVAL, "ICU rejects month %d of %d (%s): %s", m, y,
                            cal_names[cal], u_errorName(st));
    *days = (int)n;
    return KH_OK;
}

int kh_cal_validate(kh_calendars *c, kh_cal cal, kh_ymd day)
{
    int dim;
    int rc = kh_cal_days_in_month(c, cal, day.y, day.m, &dim);
    if (rc != KH_OK)
        return rc;
    if (day.d < 1 || day.d > dim)
        return kh_set_error(KH_EINVAL, "day %d out of range: month %d of %d (%s) has %d days",
                            day.d, day.m, day.y, cal_names[cal], dim);
    return KH_OK;
}

/* Millis at 00:00 UTC of a (valid) day on cal. */
static int day_millis(kh_calendars *c, kh_cal cal, kh_ymd day, UDate *ms)
{
    UErrorCode st = U_ZERO_ERROR;
    UCalendar *u = c->cal[cal];
    ucal_clear(u);
    ucal_setDate(u, day.y, day.m - 1, day.d, &st);
    *ms = ucal_getMillis(u, &st);
    if (U_FAILURE(st))
        return kh_set_error(KH_EINVAL, "ICU rejects %d-%02d-%02d (%s): %s", day.y, day.m, day.d,
                            cal_names[cal], u_errorName(st));
    return KH_OK;
}

static int millis_day(kh_calendars *c, kh_cal cal, UDate ms, kh_ymd *out)
{
    UErrorCode st = U_ZERO_ERROR;
    UCalendar *u = c->cal[cal];
    ucal_setMillis(u, ms, &st);
    int32_t era = ucal_get(u, UCAL_ERA, &st);
    out->y = ucal_get(u, UCAL_YEAR, &st);
    out->m = ucal_get(u, UCAL_MONTH, &st) + 1;
    out->d = ucal_get(u, UCAL_DATE, &st);
    if (U_FAILURE(st))
        return kh_set_error(KH_ERROR, "ICU: %s", u_errorName(st));
    if (cal == KH_CAL_GREGORIAN && era == 0)
        out->y = 1 - out->y;
    return KH_OK;
}

int kh_cal_to_gregorian(kh_calendars *c, kh_cal cal, kh_ymd day, kh_ymd *out)
{
    UDate ms;
    int rc = kh_cal_validate(c, cal, day);
    if (rc == KH_OK)
        rc = day_millis(c, cal, day, &ms);
    if (rc == KH_OK)
        rc = millis_day(c, KH_CAL_GREGORIAN, ms, out);
    return rc;
}

int kh_cal_from_gregorian(kh_calendars *c, kh_cal cal, kh_ymd g, kh_ymd *out)
{
    UDate ms;
    int rc = kh_cal_validate(c, KH_CAL_GREGORIAN, g);
    if (rc == KH_OK)
        rc = check_cal(c, cal);
    if (rc == KH_OK)
        rc = day_millis(c, KH_CAL_GREGORIAN, g, &ms);
    if (rc == KH_OK)
        rc = millis_day(c, cal, ms, out);
    return rc;
}

int kh_zone_offset(const char *zone, kh_ymd day, int hh, int mi, int *offset_min)
{
    UChar uz[64];
    UErrorCode st = U_ZERO_ERROR;
    if (!zone || strlen(zone) >= sizeof uz / sizeof uz[0])
        return kh_set_error(KH_EINVAL, "bad time zone");
    u_uastrcpy(uz, zone);
    UCalendar *u = ucal_open(uz, -1, "en@calendar=gregorian", UCAL_GREGORIAN, &st);
    if (U_FAILURE(st))
        return kh_set_error(KH_EINVAL, "ICU cannot open zone %s: %s", zone, u_errorName(st));
    /* ICU maps unknown zones to "Etc/Unknown" (GMT) instead of failing. */
    UChar got[64];
    ucal_getTimeZoneID(u, got, 64, &st);
    char gotc[64];
    u_austrncpy(gotc, got, sizeof gotc - 1);
    gotc[sizeof gotc - 1] = '\0';
    if (strcmp(gotc, "Etc/Unknown") == 0) {
        ucal_close(u);
        return kh_set_error(KH_EINVAL, "unknown time zone %s", zone);
    }
    ucal_clear(u);
    ucal_setDateTime(u, day.y, day.m - 1, day.d, hh, mi, 0, &st);
    int32_t zo = ucal_get(u, UCAL_ZONE_OFFSET, &st);
    int32_t dst = ucal_get(u, UCAL_DST_OFFSET, &st);
    ucal_close(u);
    if (U_FAILURE(st))
        return kh_set_error(KH_EINVAL, "ICU zone offset for %s: %s", zone, u_errorName(st));
    *offset_min = (int)((zo + dst) / 60000);
    return KH_OK;
}

int64_t kh_days_from_civil(kh_ymd g)
{
    const int64_t y = (int64_t)g.y - (g.m <= 2);
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const int64_t yoe = y - era * 400;
    const int64_t mp = (g.m + 9) % 12;
    const int64_t doy = (153 * mp + 2) / 5 + g.d - 1;
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

kh_ymd kh_civil_from_days(int64_t z)
{
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    kh_ymd g;
    g.d = (int)(doy - (153 * mp + 2) / 5 + 1);
    g.m = (int)(mp < 10 ? mp + 3 : mp - 9);
    g.y = (int)(yoe + era * 400 + (g.m <= 2));
    return g;
}

int kh_weekday(kh_ymd g)
{
    int64_t r = (kh_days_from_civil(g) + 4) % 7; /* 1970-01-01 was a Thursday */
    if (r < 0)
        r += 7;
    return (int)r;
}

int kh_greg_days_in_month(int y, int m)
{
    static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return dim[m - 1];
}

void kh_iso_week(kh_ymd g, int *iso_year, int *week)
{
    const int64_t z = kh_days_from_civil(g);
    const int wd = (kh_weekday(g) + 6) % 7; /* 0 = Monday */
    const int64_t thursday = z - wd + 3;
    const kh_ymd t = kh_civil_from_days(thursday);
    const kh_ymd jan1 = {t.y, 1, 1};
    *iso_year = t.y;
    *week = (int)((thursday - kh_days_from_civil(jan1)) / 7 + 1);
}
