/*
 * dates_api.c: the public face of the time layer (khabar.h, section "Time").
 *
 * kh_dates_new builds what every scan reuses: the ICU calendars and the
 * lexicon hash, both read-only during a scan except for the token scratch,
 * hence "one kh_dates per thread". The functions here only check
 * arguments, validate UTF-8, and turn the internal structs (datexpr.h,
 * pubdate.h) into JSON with jansson; docs/time.md documents the fields.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/error.h"
#include "text/utf8.h"
#include "time/pubdate.h"

int kh_dates_new(kh_dates **out)
{
    if (!out)
        return kh_set_error(KH_EINVAL, "kh_dates_new: out is NULL");
    *out = NULL;
    kh_dates *d = calloc(1, sizeof *d);
    if (!d)
        return kh_set_error(KH_ENOMEM, "out of memory creating a date scanner");
    int rc = kh_calendars_open(&d->cals);
    if (rc == KH_OK && (rc = kh_lexicon_load(&d->lex)) != KH_OK)
        kh_calendars_close(&d->cals);
    if (rc != KH_OK) {
        free(d);
        return rc;
    }
    d->hijri = KH_CAL_ISLAMIC_UMALQURA;
    *out = d;
    return KH_OK;
}

void kh_dates_free(kh_dates *d)
{
    if (!d)
        return;
    kh_calendars_close(&d->cals);
    kh_lexicon_free(&d->lex);
    kh_dtoks_free(&d->toks);
    free(d);
}

static int check_text(const char *text, size_t len)
{
    const size_t bad = kh_utf8_invalid_offset(text, len);
    if (bad != len)
        return kh_set_error(KH_EENCODING, "invalid UTF-8 at byte %zu", bad);
    return KH_OK;
}

static int parse_anchor(const char *anchor_iso, kh_ymd *day, int *has)
{
    *has = 0;
    if (!anchor_iso || !anchor_iso[0])
        return KH_OK;
    int rc = kh_anchor_parse(anchor_iso, day);
    *has = rc == KH_OK;
    return rc;
}

/* Granularity an unresolved expression would have. */
static kh_gran nominal_gran(const kh_datexpr *e)
{
    switch (e->kind) {
    case KH_EXPR_DATE:
        return e->hh >= 0 && e->d ? KH_GRAN_MINUTE : e->d ? KH_GRAN_DAY
                                                 : e->m ? KH_GRAN_MONTH
                                                        : KH_GRAN_YEAR;
    case KH_EXPR_RELWEEK:
        return KH_GRAN_WEEK;
    case KH_EXPR_RELMONTH:
        return KH_GRAN_MONTH;
    case KH_EXPR_RELYEAR:
        return KH_GRAN_YEAR;
    case KH_EXPR_AGO:
        return e->unit == KH_UNIT_MONTH ? KH_GRAN_MONTH
               : e->unit == KH_UNIT_YEAR ? KH_GRAN_YEAR
                                         : KH_GRAN_DAY;
    default:
        return KH_GRAN_DAY;
    }
}

static const char *kind_name(kh_expr_kind k)
{
    static const char *const names[] = {"date",     "relday",    "weekday", "relweek",
                                        "relmonth", "relyear",   "ago"};
    return (k >= KH_EXPR_DATE && k <= KH_EXPR_AGO) ? names[k] : "date";
}

static int set(json_t *o, const char *key, json_t *v)
{
    return v ? json_object_set_new(o, key, v) : -1;
}

static json_t *str_or_null(const char *s)
{
    return s[0] ? json_string(s) : json_null();
}

static json_t *expr_json(const char *text, const kh_datexpr *e)
{
    char buf[64];
    json_t *o = json_object();
    if (!o)
        return NULL;
    int bad = set(o, "text", json_stringn(text + e->start, e->end - e->start));
    bad |= set(o, "start", json_integer((json_int_t)e->start));
    bad |= set(o, "end", json_integer((json_int_t)e->end));
    kh_datexpr_value(e, buf, sizeof buf);
    bad |= set(o, "value", str_or_null(buf));
    bad |= set(o, "granularity",
               json_string(kh_gran_name(e->resolved ? e->gran : nominal_gran(e))));
    bad |= set(o, "calendar", json_string(kh_cal_name(e->cal)));
    bad |= set(o, "kind", json_string(kind_name(e->kind)));
    bad |= set(o, "relative", json_boolean(e->kind != KH_EXPR_DATE || !e->y || e->year_inferred));
    bad |= set(o, "confidence", json_real(round(e->confidence * 100) / 100));
    kh_datexpr_native(e, buf, sizeof buf);
    if (buf[0] && e->cal != KH_CAL_GREGORIAN)
        bad |= set(o, "native", json_string(buf));
    if (e->weekday >= 0)
        bad |= set(o, "weekday", json_string(kh_weekday_name(e->weekday)));
    if (e->weekday_conflict)
        bad |= set(o, "weekday_conflict", json_true());
    if (e->year_inferred)
        bad |= set(o, "year_inferred", json_true());
    if (e->hh >= 0) {
        snprintf(buf, sizeof buf, "%02d:%02d", e->hh, e->mi);
        bad |= set(o, "time", json_string(buf));
    }
    const char *zone = e->zone_used[0] ? e->zone_used : e->zone;
    if (zone[0] && strcmp(zone, "local") != 0)
        bad |= set(o, "zone", json_string(zone));
    kh_datexpr_utc(e, buf, sizeof buf);
    if (buf[0])
        bad |= set(o, "utc", json_string(buf));
    if (e->invalid)
        bad |= set(o, "error", json_string(e->reason));
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static int dump(json_t *v, char **json_out)
{
    if (!v)
        return kh_set_error(KH_ENOMEM, "out of memory building JSON");
    *json_out = json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(4));
    json_decref(v);
    return *json_out ? KH_OK : kh_set_error(KH_ENOMEM, "out of memory writing JSON");
}

int kh_dates_scan(kh_dates *d, const char *text, size_t len, const char *anchor_iso,
                  char **json_out)
{
    if (!d || (!text && len) || !json_out)
        return kh_set_error(KH_EINVAL, "kh_dates_scan: bad argument");
    *json_out = NULL;
    kh_date_ctx ctx = {0};
    int rc = check_text(text ? text : "", len);
    if (rc == KH_OK)
        rc = parse_anchor(anchor_iso, &ctx.anchor, &ctx.has_anchor);
    if (rc != KH_OK)
        return rc;
    kh_datexprs xs = {0};
    if ((rc = kh_datexpr_scan(d, text ? text : "", len, &xs)) != KH_OK) {
        kh_datexprs_free(&xs);
        return rc;
    }
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < xs.n; i++) {
        kh_datexpr_resolve(d, &xs.v[i], &ctx);
        if (json_array_append_new(arr, expr_json(text, &xs.v[i])) != 0) {
            json_decref(arr);
            arr = NULL;
        }
    }
    kh_datexprs_free(&xs);
    return dump(arr, json_out);
}

static json_t *pubdate_json(const char *text, const char *meta, const kh_pubdate *p)
{
    char buf[64];
    json_t *o = json_object(), *ev = json_array();
    if (!o || !ev) {
        json_decref(o);
        json_decref(ev);
        return NULL;
    }
    kh_datexpr_value(&p->value, buf, sizeof buf);
    int bad = set(o, "value", json_string(buf));
    kh_datexpr_utc(&p->value, buf, sizeof buf);
    if (buf[0])
        bad |= set(o, "utc", json_string(buf));
    if (p->value.zone_used[0])
        bad |= set(o, "zone", json_string(p->value.zone_used));
    bad |= set(o, "granularity", json_string(kh_gran_name(p->value.gran)));
    bad |= set(o, "calendar", json_string(kh_cal_name(p->value.cal)));
    bad |= set(o, "confidence", json_real(round(p->confidence * 100) / 100));
    bad |= set(o, "method", json_string(p->method));
    bad |= set(o, "weekday_conflict", json_boolean(p->weekday_conflict));
    for (size_t i = 0; i < p->nev; i++) {
        const kh_evidence *e = &p->ev[i];
        const char *src = strcmp(e->role, "metadata") == 0 ? meta : text;
        json_t *x = json_object();
        if (!x)
            break;
        bad |= set(x, "start", json_integer((json_int_t)e->start));
        bad |= set(x, "end", json_integer((json_int_t)e->end));
        bad |= set(x, "text", json_stringn(src + e->start, e->end - e->start));
        bad |= set(x, "role", json_string(e->role));
        bad |= json_array_append_new(ev, x);
    }
    bad |= set(o, "evidence", ev);
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* Checks the arguments shared by kh_date_published and kh_dates_events. */
static int article_args(kh_dates *d, const char *text, size_t len, const char *meta_date,
                        const char *anchor_iso, char **json_out, kh_ymd *anchor, int *has_anchor)
{
    if (!d || (!text && len) || !json_out)
        return kh_set_error(KH_EINVAL, "bad argument");
    *json_out = NULL;
    int rc = check_text(text ? text : "", len);
    if (rc == KH_OK && meta_date && check_text(meta_date, strlen(meta_date)) != KH_OK)
        rc = kh_set_error(KH_EENCODING, "metadata date is not valid UTF-8");
    if (rc == KH_OK)
        rc = parse_anchor(anchor_iso, anchor, has_anchor);
    return rc;
}

int kh_date_published(kh_dates *d, const char *text, size_t len, const char *meta_date,
                      const char *anchor_iso, char **json_out)
{
    kh_ymd anchor;
    int has_anchor;
    int rc = article_args(d, text, len, meta_date, anchor_iso, json_out, &anchor, &has_anchor);
    if (rc != KH_OK)
        return rc;
    kh_pubdate p;
    rc = kh_pubdate_infer(d, text ? text : "", len, meta_date, meta_date ? strlen(meta_date) : 0,
                          has_anchor ? &anchor : NULL, &p);
    if (rc != KH_OK)
        return rc;
    if (!p.found)
        return kh_set_error(KH_ENOTFOUND, "nothing in the text dates its publication");
    return dump(pubdate_json(text ? text : "", meta_date, &p), json_out);
}

int kh_dates_events(kh_dates *d, const char *text, size_t len, const char *meta_date,
                    const char *anchor_iso, char **json_out)
{
    kh_ymd anchor;
    int has_anchor;
    int rc = article_args(d, text, len, meta_date, anchor_iso, json_out, &anchor, &has_anchor);
    if (rc != KH_OK)
        return rc;
    kh_pubdate p;
    kh_datexprs xs = {0};
    const char *t = text ? text : "";
    rc = kh_event_dates(d, t, len, meta_date, meta_date ? strlen(meta_date) : 0,
                        has_anchor ? &anchor : NULL, &p, &xs);
    if (rc != KH_OK) {
        kh_datexprs_free(&xs);
        return rc;
    }
    json_t *o = json_object(), *arr = json_array();
    int bad = !o || !arr;
    if (!bad)
        bad |= set(o, "published", p.found ? pubdate_json(t, meta_date, &p) : json_null());
    for (size_t i = 0; !bad && i < xs.n; i++)
        bad |= json_array_append_new(arr, expr_json(t, &xs.v[i]));
    kh_datexprs_free(&xs);
    if (!bad)
        bad |= json_object_set_new(o, "dates", arr);
    else
        json_decref(arr);
    if (bad) {
        json_decref(o);
        return kh_set_error(KH_ENOMEM, "out of memory building JSON");
    }
    return dump(o, json_out);
}
