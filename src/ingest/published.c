/*
 * published.c: publication dates for ingestion (see published.h).
 *
 * Metadata dates in ISO 8601 (YYYY-MM-DD, optionally with a time and a
 * zone) are read directly: that is what JSONL inputs carry. Anything else
 * is left undated here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "ingest/published.h"

struct kh_published {
    int unused;
};

int kh_published_new(kh_published **out)
{
    *out = calloc(1, sizeof **out);
    return *out ? KH_OK : kh_set_error(KH_ENOMEM, "out of memory");
}

void kh_published_free(kh_published *p) { free(p); }

/* Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's algorithm). */
static int32_t days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (unsigned)(m + (m > 2 ? -3 : 9)) + 2) / 5 + (unsigned)d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int32_t)doe - 719468;
}

static int iso_day(const char *s, int32_t *day)
{
    int y, m, d, n = 0;
    if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10)
        return 0;
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return 0;
    if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 0;
    *day = days_from_civil(y, m, d);
    return 1;
}

int kh_published_infer(kh_published *p, const char *body, const char *meta_date,
                       kh_published_date *out)
{
    memset(out, 0, sizeof *out);
    out->day = INT32_MIN;
    if (meta_date && iso_day(meta_date, &out->day)) {
        out->found = 1;
        snprintf(out->iso, sizeof out->iso, "%s", meta_date);
        out->confidence = 1.0;
        out->method = "metadata";
    }
    return KH_OK;
}
