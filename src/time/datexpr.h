/*
 * datexpr.h: date expressions found in text, and their values.
 *
 * Scanning (kh_datexpr_scan) finds expressions and records what the text
 * says, on the calendar it says it in: "۱۳ فروردين ۱۴۰۳ - ۱۶:۵۳" is
 * {persian, 1403, 1, 13, 16:53}; "يوم الاثنين 1 أبريل" is {gregorian, no
 * year, 4, 1, weekday Monday}; "ديروز (دوشنبه)" is {relday -1, Monday}.
 * Resolving (kh_datexpr_resolve) turns that into Gregorian days against a
 * context: an anchor (the "now" of relative expressions) and/or a lower
 * bound for year-less dates. The two steps are apart so that publication
 * date inference (pubdate.c) can scan once and resolve several ways.
 */
#ifndef KH_TIME_DATEXPR_H
#define KH_TIME_DATEXPR_H

#include <stddef.h>

#include "khabar.h"
#include "time/calendar.h"
#include "time/timelex.h"

/* What kh_dates (opaque in khabar.h) holds: built once, reused per scan. */
struct kh_dates {
    kh_calendars cals;
    kh_lexicon lex;
    kh_dtoks toks; /* scratch of the last scan */
    kh_cal hijri;  /* calendar of Hijri month names: umalqura by default */
};

typedef enum kh_gran {
    KH_GRAN_NONE = 0,
    KH_GRAN_YEAR,
    KH_GRAN_MONTH,
    KH_GRAN_WEEK,
    KH_GRAN_DAY,
    KH_GRAN_MINUTE
} kh_gran;

typedef enum kh_expr_kind {
    KH_EXPR_DATE = 0, /* day / month / year on a calendar, some parts absent */
    KH_EXPR_RELDAY,   /* today, yesterday... (offset) */
    KH_EXPR_WEEKDAY,  /* a weekday alone (qual: last / next) */
    KH_EXPR_RELWEEK,  /* last week... (offset) */
    KH_EXPR_RELMONTH,
    KH_EXPR_RELYEAR,
    KH_EXPR_AGO       /* N units ago (offset = -N, unit) */
} kh_expr_kind;

typedef struct kh_datexpr {
    size_t start, end; /* byte span in the scanned text */
    size_t sentence, line;
    kh_expr_kind kind;
    kh_cal cal;
    int y, m, d;     /* as written, on cal; 0 when absent */
    int weekday;     /* 0 = Sunday .. 6, -1 none */
    int has_relday;  /* a date introduced by today / yesterday... */
    int offset;      /* relday offset, relative period offset, -N for ago */
    int unit;        /* KH_UNIT_* of ago */
    int qual;        /* -1 last, +1 next, 0 none */
    int has_relyear; /* "May last year", "مارس العام الماضي": year = anchor's + relyear */
    int relyear;
    int hh, mi;      /* time of day, -1 none */
    char zone[40];   /* IANA zone named in the text, "" if none */
    int zone_fixed;  /* 1 when the text gave a numeric offset */
    int zone_off;    /* that offset in minutes */
    int cue;         /* a cue word introduced it (روز, يوم, on, سال...) */
    int amb;         /* matched through an ambiguous name */
    int pubcue;      /* 1 after a publication label, 2 after "updated" */
    int year_cal_guessed; /* numeric year whose calendar was guessed */

    /* Filled by kh_datexpr_resolve. */
    int resolved;      /* g / g_end are set */
    int invalid;       /* the day does not exist: reason says why */
    char reason[160];
    kh_gran gran;
    kh_ymd g, g_end;   /* Gregorian start and end (same for a day) */
    int year_inferred; /* the year came from the context */
    int weekday_conflict;
    int has_offset;    /* utc_off is known (minute granularity) */
    int utc_off;       /* minutes east of UTC */
    char zone_used[40];
    double confidence;
} kh_datexpr;

typedef struct kh_datexprs {
    kh_datexpr *v;
    size_t n, cap;
} kh_datexprs;

void kh_datexprs_free(kh_datexprs *x);

/* Finds the expressions of valid UTF-8 text (replacing out's contents). */
int kh_datexpr_scan(kh_dates *d, const char *text, size_t len, kh_datexprs *out);

/* What relative and year-less expressions are resolved against. */
typedef struct kh_date_ctx {
    int has_anchor;
    kh_ymd anchor; /* "today" */
    int has_after;
    kh_ymd after;  /* without anchor: year-less dates fall on or after this */
} kh_date_ctx;

/* Resolves one expression; an expression that names a day that does not
 * exist gets invalid = 1 and a reason (and KH_EINVAL is returned). */
int kh_datexpr_resolve(kh_dates *d, kh_datexpr *e, const kh_date_ctx *ctx);

/* Parses an ISO 8601 anchor: YYYY-MM-DD, optionally THH:MM[:SS][Z|±HH:MM].
 * The anchor day is the UTC day when an offset is given. */
int kh_anchor_parse(const char *iso, kh_ymd *day);

/* The value as ISO 8601 text: "2024-04-01", "2024-04-01T16:53+03:30",
 * "2024-03", "2024", "2024-W13", an interval "2023-07-23/2023-08-22" for
 * months and years of other calendars, "--04-01" for a Gregorian day whose
 * year is unknown; "" when there is none. */
void kh_datexpr_value(const kh_datexpr *e, char *buf, size_t n);
/* The UTC instant of a minute-granularity value ("2024-04-01T13:23Z"), or "". */
void kh_datexpr_utc(const kh_datexpr *e, char *buf, size_t n);
/* As written on its own calendar ("1403-01-13", "--01-13"), or "". */
void kh_datexpr_native(const kh_datexpr *e, char *buf, size_t n);

const char *kh_gran_name(kh_gran g);
const char *kh_weekday_name(int wd);

#endif
