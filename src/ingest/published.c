/*
 * published.c: publication dates for ingestion (see published.h), on top
 * of the time layer (time/pubdate.h).
 *
 * The anchor ("today" for relative expressions that no date in the text
 * pins down) follows the stream's clock: the newest publication day that
 * an article of this run stated outright (metadata or a dateline), plus
 * KH_CLOCK_SLACK days since the articles of a stream are published around
 * that clock, not all before it; or the ingest time before any article
 * stated its day. A crawl of last month's news thus reads "yesterday
 * (Monday)" against last month, not against the day it is ingested.
 *
 * Only day or minute granularity gives the clusterer a day: a month or a
 * year is too coarse to separate stories, a date that is only the ingest
 * time says nothing about when the article was written, and neither does
 * a relative date ("today", "yesterday") resolved against the ingest time
 * before the stream stated any date: an archive ingested today would
 * otherwise be dated today. Those dates are stored, with their method and
 * confidence, but do not constrain clustering.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/error.h"
#include "ingest/published.h"
#include "time/pubdate.h"

#define KH_CLOCK_SLACK 2

struct kh_published {
    kh_dates *dates;
    kh_ymd today;
    kh_ymd clock; /* newest stated publication day, if has_clock */
    int has_clock;
};

static int ymd_cmp(kh_ymd a, kh_ymd b)
{
    if (a.y != b.y)
        return a.y < b.y ? -1 : 1;
    if (a.m != b.m)
        return a.m < b.m ? -1 : 1;
    return (a.d > b.d) - (a.d < b.d);
}

/* A stated date (not inferred) moves the stream clock forward. */
static void tick(kh_published *p, const kh_pubdate *pd)
{
    int stated = strcmp(pd->method, "metadata") == 0 || strcmp(pd->method, "dateline") == 0;
    if (!stated || pd->value.gran < KH_GRAN_DAY || ymd_cmp(pd->value.g, p->today) > 0)
        return;
    kh_ymd ahead = kh_civil_from_days(kh_days_from_civil(pd->value.g) + KH_CLOCK_SLACK);
    if (ymd_cmp(ahead, p->today) > 0)
        ahead = p->today;
    if (!p->has_clock || ymd_cmp(ahead, p->clock) > 0) {
        p->clock = ahead;
        p->has_clock = 1;
    }
}

int kh_published_new(kh_published **out)
{
    kh_published *p = calloc(1, sizeof *p);
    if (!p)
        return kh_set_error(KH_ENOMEM, "out of memory");
    int rc = kh_dates_new(&p->dates);
    if (rc != KH_OK) {
        free(p);
        return rc;
    }
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    p->today = (kh_ymd){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
    *out = p;
    return KH_OK;
}

void kh_published_free(kh_published *p)
{
    if (!p)
        return;
    kh_dates_free(p->dates);
    free(p);
}

/* An ISO 8601 metadata date ("2024-04-01", "2024-04-01T16:53:00+03:30"):
 * what JSONL inputs carry, read without scanning the text. */
static int iso_metadata(const char *meta, kh_published_date *out)
{
    int y, m, d, n = 0;
    if (!meta || sscanf(meta, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10)
        return 0;
    if (meta[10] && meta[10] != 'T' && meta[10] != ' ')
        return 0;
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > kh_greg_days_in_month(y, m))
        return 0;
    out->found = 1;
    snprintf(out->iso, sizeof out->iso, "%s", meta);
    out->day = (int32_t)kh_days_from_civil((kh_ymd){y, m, d});
    out->confidence = 1.0;
    out->method = "metadata";
    return 1;
}

int kh_published_infer(kh_published *p, const char *body, const char *meta_date,
                       kh_published_date *out)
{
    memset(out, 0, sizeof *out);
    out->day = INT32_MIN;
    if (iso_metadata(meta_date, out)) {
        kh_pubdate stated = {.found = 1, .method = "metadata"};
        stated.value.gran = KH_GRAN_DAY;
        stated.value.g = kh_civil_from_days(out->day);
        tick(p, &stated);
        return KH_OK;
    }
    kh_pubdate pd;
    int had_clock = p->has_clock;
    int rc = kh_pubdate_infer(p->dates, body, strlen(body), meta_date,
                              meta_date ? strlen(meta_date) : 0,
                              p->has_clock ? &p->clock : &p->today, &pd);
    if (rc != KH_OK || !pd.found)
        return rc;
    tick(p, &pd);
    out->found = 1;
    kh_datexpr_value(&pd.value, out->iso, sizeof out->iso);
    out->confidence = pd.confidence;
    out->method = pd.method;
    int against_ingest_time = strcmp(pd.method, "ingest-time") == 0 ||
                              (!had_clock && (strcmp(pd.method, "relative") == 0 ||
                                              strcmp(pd.method, "lead-relative") == 0));
    if (pd.value.gran >= KH_GRAN_DAY && !against_ingest_time)
        out->day = (int32_t)kh_days_from_civil(pd.value.g);
    return KH_OK;
}
