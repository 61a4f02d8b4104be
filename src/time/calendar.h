/*
 * calendar.h: days on the Gregorian, Solar Hijri and Hijri calendars.
 *
 * Conversions go through ICU (ucal with "@calendar=persian",
 * "@calendar=islamic-umalqura", "@calendar=islamic-civil"): khabar keeps no
 * calendar tables of its own. A kh_calendars holds one opened UCalendar per
 * calendar, all in UTC, so that a conversion is set-fields / get-millis /
 * set-millis / get-fields with no allocation. It is not thread-safe; each
 * kh_dates owns one.
 *
 * Days are plain {y, m, d} triples with 1-based months; which calendar they
 * are on is always said by the caller. Day arithmetic on the (proleptic)
 * Gregorian calendar is done on day numbers (days since 1970-01-01), which
 * is arithmetic, not a table (H. Hinnant's days_from_civil).
 */
#ifndef KH_TIME_CALENDAR_H
#define KH_TIME_CALENDAR_H

#include <stddef.h>
#include <stdint.h>

#include <unicode/ucal.h>

typedef enum kh_cal {
    KH_CAL_GREGORIAN = 0,
    KH_CAL_PERSIAN,           /* Solar Hijri (Jalali), as used in Iran */
    KH_CAL_ISLAMIC_UMALQURA,  /* Hijri, Umm al-Qura (Saudi official) */
    KH_CAL_ISLAMIC_CIVIL,     /* Hijri, arithmetic (tabular) */
    KH_CAL_COUNT
} kh_cal;

typedef struct kh_ymd {
    int y, m, d; /* m 1..12, d 1..31 */
} kh_ymd;

typedef struct kh_calendars {
    UCalendar *cal[KH_CAL_COUNT];
} kh_calendars;

/* Opens the four calendars; KH_ERROR with ICU's reason on failure. */
int kh_calendars_open(kh_calendars *c);
void kh_calendars_close(kh_calendars *c);

/* "gregorian", "persian", "islamic-umalqura", "islamic-civil". */
const char *kh_cal_name(kh_cal cal);
/* Accepts the names above and "islamic" (= umalqura); KH_EINVAL otherwise. */
int kh_cal_from_name(const char *name, size_t len, kh_cal *out);

/* Years khabar accepts on each calendar (dates outside are rejected). */
void kh_cal_year_range(kh_cal cal, int *min, int *max);

/* Number of days in month m of year y; KH_EINVAL with a reason if the year
 * or month is out of range. */
int kh_cal_days_in_month(kh_calendars *c, kh_cal cal, int y, int m, int *days);

/* Checks a day on cal; KH_EINVAL with a reason ("day 30 out of range: month
 * 12 of 1402 (persian) has 29 days") if it does not exist. */
int kh_cal_validate(kh_calendars *c, kh_cal cal, kh_ymd day);

/* Day on cal -> Gregorian day, validating first. */
int kh_cal_to_gregorian(kh_calendars *c, kh_cal cal, kh_ymd day, kh_ymd *out);
/* Gregorian day -> day on cal. */
int kh_cal_from_gregorian(kh_calendars *c, kh_cal cal, kh_ymd g, kh_ymd *out);

/* UTC offset in minutes of IANA zone at the local wall time day hh:mi
 * (DST included); KH_EINVAL for an unknown zone. */
int kh_zone_offset(const char *zone, kh_ymd day, int hh, int mi, int *offset_min);

/* Proleptic Gregorian day numbers, 1970-01-01 = 0. */
int64_t kh_days_from_civil(kh_ymd g);
kh_ymd kh_civil_from_days(int64_t z);
/* 0 = Sunday ... 6 = Saturday. */
int kh_weekday(kh_ymd g);
/* Days in a Gregorian month (no ICU; used in hot loops). */
int kh_greg_days_in_month(int y, int m);
/* ISO 8601 week of a Gregorian day: *iso_year and *week (1..53). */
void kh_iso_week(kh_ymd g, int *iso_year, int *week);

#endif
