/*
 * pubdate.c: publication date inference.
 *
 * The evidence, strongest first:
 *
 *   1. metadata      a date string the page carried (meta_date): parsed with
 *                    the expression grammar, relative parts against the anchor.
 *   2. dateline      a date right after a publication label near the top
 *                    ("تاریخ انتشار: ۱۳ فروردين ۱۴۰۳ - ۱۶:۵۳",
 *                    "تاريخ النشر: 23rd, March 2024 GMT").
 *   3. lead-date     a day-month written with its weekday in the lead
 *                    ("يوم الاثنين 1 أبريل"): a missing year is the one, near
 *                    the context day, in which that day is that weekday.
 *   4. lead-relative "today / yesterday (weekday)" in the lead, else anywhere
 *                    ("relative"): the weekday is placed after R, the latest
 *                    day the text dates explicitly (the event it reports), and
 *                    if the text says the event was "last month" (الشهر
 *                    الماضي, ماه گذشته میلادی) in the month after R's. Without
 *                    R, the latest such weekday on or before the anchor.
 *   5. ingest-time   the anchor itself; 6. latest-date: R.
 *
 * The context day for year-less dates is the anchor (ingest time) when
 * known; otherwise the dates of the text with a year give a lower bound
 * (year-less dates fall on or after the latest of them), which is weaker
 * and lowers the confidence. After the choice, every "today (weekday)" of
 * the lead is checked against it and a contradiction is flagged.
 */
#include <string.h>

#include "core/error.h"
#include "time/pubdate.h"

enum { LEAD_SENTENCES = 3, DATELINE_LINES = 12 };

static void add_ev(kh_pubdate *p, const kh_datexpr *e, const char *role)
{
    if (p->nev < KH_PUBDATE_MAXEV) {
        p->ev[p->nev].start = e->start;
        p->ev[p->nev].end = e->end;
        p->ev[p->nev].role = role;
        p->nev++;
    }
}

static void set_day(kh_pubdate *p, kh_ymd g, double conf, const char *method)
{
    memset(&p->value, 0, sizeof p->value);
    p->value.kind = KH_EXPR_DATE;
    p->value.cal = KH_CAL_GREGORIAN;
    p->value.weekday = -1;
    p->value.hh = p->value.mi = -1;
    p->value.g = p->value.g_end = g;
    p->value.gran = KH_GRAN_DAY;
    p->value.resolved = 1;
    p->found = 1;
    p->confidence = conf;
    p->method = method;
}

static int64_t dn(kh_ymd g) { return kh_days_from_civil(g); }

static int month_index(kh_ymd g) { return g.y * 12 + g.m - 1; }

/* First resolved date at day granularity or finer (a dated expression). */
static int usable(const kh_datexpr *e)
{
    return e->resolved && !e->invalid && e->gran >= KH_GRAN_DAY;
}

static int from_metadata(kh_dates *d, const char *meta, size_t meta_len, const kh_date_ctx *ctx,
                         kh_pubdate *p)
{
    kh_datexprs xs = {0};
    int rc = kh_datexpr_scan(d, meta, meta_len, &xs);
    for (size_t i = 0; rc == KH_OK && i < xs.n && !p->found; i++) {
        kh_datexpr *e = &xs.v[i];
        kh_datexpr_resolve(d, e, ctx);
        if (!usable(e))
            continue;
        p->value = *e;
        p->found = 1;
        p->confidence = e->confidence > 0.95 ? 0.95 : e->confidence;
        p->method = "metadata";
        add_ev(p, e, "metadata");
    }
    kh_datexprs_free(&xs);
    return rc;
}

/* The context for year-less dates: the anchor, else a lower bound. */
static kh_date_ctx text_context(kh_dates *d, kh_datexprs *xs, const kh_ymd *anchor)
{
    kh_date_ctx ctx = {0};
    if (anchor) {
        ctx.has_anchor = 1;
        ctx.anchor = *anchor;
        return ctx;
    }
    for (size_t i = 0; i < xs->n; i++) {
        kh_datexpr *e = &xs->v[i];
        if (e->kind != KH_EXPR_DATE || !e->y || e->year_cal_guessed)
            continue;
        if (kh_datexpr_resolve(d, e, NULL) != KH_OK || !e->resolved)
            continue;
        if (!ctx.has_after || dn(e->g) > dn(ctx.after)) {
            ctx.has_after = 1;
            ctx.after = e->g;
        }
    }
    return ctx;
}

static const kh_datexpr *dateline(const kh_datexprs *xs)
{
    for (size_t i = 0; i < xs->n; i++) {
        const kh_datexpr *e = &xs->v[i];
        if (e->line >= DATELINE_LINES)
            break;
        if (e->pubcue == 1 && usable(e))
            return e;
    }
    return NULL;
}

/* R: the latest day the text dates explicitly, not after the anchor. */
static const kh_datexpr *reference(const kh_datexprs *xs, const kh_ymd *anchor)
{
    const kh_datexpr *r = NULL;
    for (size_t i = 0; i < xs->n; i++) {
        const kh_datexpr *e = &xs->v[i];
        if (e->kind != KH_EXPR_DATE || e->has_relday || !usable(e) || e->weekday_conflict)
            continue;
        if (anchor && dn(e->g) > dn(*anchor))
            continue;
        if (!r || dn(e->g) > dn(r->g))
            r = e;
    }
    return r;
}

static const kh_datexpr *last_month_cue(const kh_datexprs *xs)
{
    for (size_t i = 0; i < xs->n; i++)
        if (xs->v[i].kind == KH_EXPR_RELMONTH && xs->v[i].offset == -1 &&
            xs->v[i].cal == KH_CAL_GREGORIAN)
            return &xs->v[i];
    return NULL;
}

/* "today / yesterday (W)": the first fitting day after R. */
static void place_relday(const kh_datexpr *rel, const kh_datexpr *r, const kh_datexpr *lm,
                         const kh_ymd *anchor, double scale, kh_pubdate *p)
{
    const int w = rel->weekday;
    if (w >= 0 && r) {
        kh_ymd t = kh_civil_from_days(dn(r->g) + 1);
        t = kh_civil_from_days(dn(t) + (w - kh_weekday(t) + 7) % 7);
        kh_ymd pub = kh_civil_from_days(dn(t) - rel->offset);
        while (lm && month_index(pub) <= month_index(r->g)) {
            t = kh_civil_from_days(dn(t) + 7);
            pub = kh_civil_from_days(dn(t) - rel->offset);
        }
        if (!anchor || dn(pub) <= dn(*anchor)) {
            set_day(p, pub, (anchor ? 0.75 : 0.5) * scale,
                    scale < 1 ? "relative" : "lead-relative");
            add_ev(p, rel, "relative");
            add_ev(p, r, "reference");
            if (lm)
                add_ev(p, lm, "context");
            return;
        }
    }
    if (w >= 0 && anchor) {
        int64_t day = dn(*anchor);
        while (kh_weekday(kh_civil_from_days(day + rel->offset)) != w)
            day--;
        set_day(p, kh_civil_from_days(day), 0.5 * scale, "lead-relative");
        add_ev(p, rel, "relative");
        return;
    }
    if (anchor) {
        set_day(p, *anchor, 0.4 * scale, "ingest-time");
        add_ev(p, rel, "relative");
    }
}

static const kh_datexpr *lead_relday(const kh_datexprs *xs, int lead_only)
{
    for (size_t i = 0; i < xs->n; i++) {
        const kh_datexpr *e = &xs->v[i];
        if (lead_only && e->sentence >= LEAD_SENTENCES)
            break;
        if (e->kind == KH_EXPR_RELDAY && e->weekday >= 0)
            return e;
    }
    return NULL;
}

static const kh_datexpr *lead_weekday_date(const kh_datexprs *xs)
{
    for (size_t i = 0; i < xs->n; i++) {
        const kh_datexpr *e = &xs->v[i];
        if (e->sentence >= LEAD_SENTENCES)
            break;
        if (e->kind == KH_EXPR_DATE && e->weekday >= 0 && e->d && usable(e) &&
            !e->weekday_conflict)
            return e;
    }
    return NULL;
}

static void infer_from_text(kh_datexprs *xs, const kh_ymd *anchor, int weak, kh_pubdate *p)
{
    const double scale = weak ? 0.7 : 1.0;
    const kh_datexpr *e = lead_weekday_date(xs), *r = reference(xs, anchor);
    if (e) {
        set_day(p, kh_civil_from_days(dn(e->g) - (e->has_relday ? e->offset : 0)),
                (e->y ? 0.85 : 0.75) * scale, "lead-date");
        add_ev(p, e, "published");
        return;
    }
    const kh_datexpr *rel = lead_relday(xs, 1);
    const double s2 = rel ? scale : scale * 0.8;
    if (!rel)
        rel = lead_relday(xs, 0);
    if (rel) {
        place_relday(rel, r, last_month_cue(xs), anchor, s2, p);
        if (p->found)
            return;
    }
    if (anchor) {
        set_day(p, *anchor, 0.3, "ingest-time");
    } else if (r) {
        set_day(p, r->g, 0.2, "latest-date");
        add_ev(p, r, "reference");
    }
}

/* Flags a "today (W)" of the lead that the chosen day contradicts. */
static void check_weekdays(const kh_datexprs *xs, kh_pubdate *p)
{
    for (size_t i = 0; i < xs->n; i++) {
        const kh_datexpr *e = &xs->v[i];
        if (e->sentence >= LEAD_SENTENCES && strcmp(p->method, "relative") != 0)
            break;
        if (e->kind != KH_EXPR_RELDAY || e->weekday < 0)
            continue;
        const kh_ymd day = kh_civil_from_days(dn(p->value.g) + e->offset);
        if (kh_weekday(day) != e->weekday) {
            p->weekday_conflict = 1;
            add_ev(p, e, "conflict");
        }
    }
    if (p->value.weekday_conflict)
        p->weekday_conflict = 1;
}

int kh_pubdate_infer(kh_dates *d, const char *text, size_t len, const char *meta,
                     size_t meta_len, const kh_ymd *anchor, kh_pubdate *out)
{
    kh_date_ctx actx = {0};
    kh_datexprs xs = {0};
    int rc = KH_OK;
    memset(out, 0, sizeof *out);
    if (anchor) {
        actx.has_anchor = 1;
        actx.anchor = *anchor;
    }
    if (meta && meta_len)
        rc = from_metadata(d, meta, meta_len, &actx, out);
    if (rc == KH_OK)
        rc = kh_datexpr_scan(d, text, len, &xs);
    if (rc != KH_OK) {
        kh_datexprs_free(&xs);
        return rc;
    }
    const kh_date_ctx ctx = text_context(d, &xs, anchor);
    for (size_t i = 0; i < xs.n; i++)
        kh_datexpr_resolve(d, &xs.v[i], &ctx);
    const kh_datexpr *dl = out->found ? NULL : dateline(&xs);
    if (dl) {
        out->value = *dl;
        out->found = 1;
        out->confidence = dl->year_inferred ? 0.75 : 0.95;
        out->method = "dateline";
        add_ev(out, dl, "published");
    } else if (!out->found) {
        infer_from_text(&xs, anchor, !anchor, out);
    }
    if (out->found)
        check_weekdays(&xs, out);
    kh_datexprs_free(&xs);
    return KH_OK;
}

int kh_event_dates(kh_dates *d, const char *text, size_t len, const char *meta,
                   size_t meta_len, const kh_ymd *anchor, kh_pubdate *pub, kh_datexprs *out)
{
    int rc = kh_pubdate_infer(d, text, len, meta, meta_len, anchor, pub);
    if (rc == KH_OK)
        rc = kh_datexpr_scan(d, text, len, out);
    if (rc != KH_OK)
        return rc;
    kh_date_ctx ctx = {0};
    if (pub->found) {
        ctx.has_anchor = 1;
        ctx.anchor = pub->value.g;
    } else {
        ctx = text_context(d, out, anchor);
    }
    for (size_t i = 0; i < out->n; i++)
        kh_datexpr_resolve(d, &out->v[i], &ctx);
    return KH_OK;
}
