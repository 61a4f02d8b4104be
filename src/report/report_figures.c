/*
 * report_figures.c: the figures of a story, source by source, and how the
 * sources' figures relate.
 *
 * Grouping. Two figures are about the same thing when they count the same
 * kind (killed, injured, arrested, ...) of the same happening. The facts
 * layer gives each figure a happening anchor (the place or name it is tied
 * to: "Kerman", "Crocus") and the raw date of the happening; dates are
 * resolved against the article's publication date ("يوم الجمعة" in an
 * article of Saturday 23 March 2024 is 22 March). Figures of one kind are
 * joined (union-find) when their anchors agree or their happening days
 * agree: "at least 62 killed in Moscow on Friday" and "144 killed at the
 * Crocus hall on 22 March" are the same count of the same attack.
 *
 * Classification of a group, with each value a range [lo, hi] (from its
 * qualifier: at least, about, nearly, more than, ...):
 *
 *   single      one source only;
 *   evolution   values grouped by publication day agree within each day,
 *               and rise from day to day (a death toll growing: 62 on 23
 *               March, 144 on 1 April) -- not a disagreement;
 *   agreement   every source gives the same value;
 *   compatible  the ranges intersect (about 100, nearly 100, more than 90):
 *               the group's range is the intersection;
 *   conflict    the ranges do not intersect and time does not explain it.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/grow.h"
#include "report/report.h"
#include "text/utf8.h"
#include "time/datexpr.h"

typedef struct value {
    size_t article; /* index in the article array */
    json_t *fig;    /* borrowed from the article's facts */
    const char *counted, *anchor, *anchor_text;
    char happening_day[16]; /* ISO day or "" */
    double lo, hi;          /* hi = INFINITY when open above */
    double point;
    size_t parent; /* union-find */
} value;

static size_t find(value *v, size_t i)
{
    while (v[i].parent != i)
        i = v[i].parent = v[v[i].parent].parent;
    return i;
}

static void unite(value *v, size_t a, size_t b)
{
    a = find(v, a);
    b = find(v, b);
    if (a != b)
        v[a > b ? a : b].parent = a < b ? a : b; /* the earlier value is the root */
}

static const char *str_at(json_t *o, const char *k1, const char *k2)
{
    json_t *x = json_object_get(o, k1);
    return k2 ? json_string_value(json_object_get(x, k2)) : json_string_value(x);
}

/* The ISO day of a happening's date text, resolved against the article's
 * publication date; "" when it names no single day. */
static void resolve_day(kh_dates *dates, const char *date_text, const char *published,
                        char out[16])
{
    out[0] = '\0';
    kh_date_ctx ctx = {0};
    if (!date_text || !published || kh_anchor_parse(published, &ctx.anchor) != KH_OK)
        return;
    ctx.has_anchor = 1;
    kh_datexprs xs = {0};
    if (kh_utf8_invalid_offset(date_text, strlen(date_text)) == strlen(date_text) &&
        kh_datexpr_scan(dates, date_text, strlen(date_text), &xs) == KH_OK && xs.n > 0 &&
        kh_datexpr_resolve(dates, &xs.v[0], &ctx) == KH_OK && xs.v[0].resolved &&
        xs.v[0].gran >= KH_GRAN_DAY)
        snprintf(out, 16, "%04d-%02d-%02d", xs.v[0].g.y, xs.v[0].g.m, xs.v[0].g.d);
    kh_datexprs_free(&xs);
}

static int collect(kh_dates *dates, const kh_report_article *a, size_t n, value **out, size_t *nv)
{
    size_t cap = 0;
    *out = NULL;
    *nv = 0;
    for (size_t i = 0; i < n; i++) {
        json_t *figs = json_object_get(a[i].facts, "figures"), *f;
        size_t k;
        json_array_foreach(figs, k, f)
        {
            const char *counted = json_string_value(json_object_get(f, "counted"));
            if (!counted || strcmp(counted, "none") == 0)
                continue;
            value *grown = kh_grow(*out, &cap, *nv, sizeof *grown, 32);
            if (!grown)
                return kh_set_error(KH_ENOMEM, "out of memory");
            *out = grown;
            value *v = &(*out)[(*nv)++];
            memset(v, 0, sizeof *v);
            v->article = i;
            v->fig = f;
            v->counted = counted;
            v->anchor = str_at(json_object_get(f, "happening"), "anchor", "key");
            v->anchor_text = str_at(json_object_get(f, "happening"), "anchor", "text");
            json_t *lo = json_object_get(f, "lo"), *hi = json_object_get(f, "hi");
            v->point = json_number_value(json_object_get(f, "value"));
            v->lo = json_is_number(lo) ? json_number_value(lo) : v->point;
            v->hi = json_is_number(hi) ? json_number_value(hi) : INFINITY;
            resolve_day(dates, str_at(json_object_get(f, "happening"), "date", "text"),
                        a[i].published_at, v->happening_day);
            v->parent = *nv - 1;
        }
    }
    return KH_OK;
}

static int same_happening(const value *x, const value *y)
{
    if (strcmp(x->counted, y->counted) != 0)
        return 0;
    if (x->anchor && y->anchor && strcmp(x->anchor, y->anchor) == 0)
        return 1;
    return x->happening_day[0] && strcmp(x->happening_day, y->happening_day) == 0;
}

/* Intersection of the ranges of members m[0..k); empty when lo > hi. */
static void intersect(const value *v, const size_t *m, size_t k, double *lo, double *hi)
{
    *lo = -INFINITY;
    *hi = INFINITY;
    for (size_t i = 0; i < k; i++) {
        if (v[m[i]].lo > *lo)
            *lo = v[m[i]].lo;
        if (v[m[i]].hi < *hi)
            *hi = v[m[i]].hi;
    }
}

static int32_t day_of(const kh_report_article *a, const value *v) { return a[v->article].day; }

static int cmp_by_day(const void *x, const void *y, void *ctx)
{
    const value *v = ((const void **)ctx)[0];
    const kh_report_article *a = ((const void **)ctx)[1];
    size_t i = *(const size_t *)x, j = *(const size_t *)y;
    int32_t di = day_of(a, &v[i]), dj = day_of(a, &v[j]);
    if (di != dj)
        return di < dj ? -1 : 1;
    return (i > j) - (i < j);
}

/* Evolution: members (sorted by day) agree within each day and the day's
 * highest value rises, never falls, from the first day to the last. */
static int is_evolution(const value *v, const kh_report_article *a, const size_t *m, size_t k)
{
    size_t days = 0, start = 0;
    double prev = -INFINITY;
    int rose = 0;
    while (start < k) {
        int32_t d = day_of(a, &v[m[start]]);
        if (d == INT32_MIN)
            return 0;
        size_t end = start;
        double top = -INFINITY;
        while (end < k && day_of(a, &v[m[end]]) == d) {
            if (v[m[end]].point > top)
                top = v[m[end]].point;
            end++;
        }
        double lo, hi;
        intersect(v, m + start, end - start, &lo, &hi);
        if (lo > hi || top < prev)
            return 0;
        rose |= days > 0 && top > prev;
        prev = top;
        days++;
        start = end;
    }
    return days >= 2 && rose;
}

static json_t *bound(double x) { return isinf(x) ? json_null() : json_real(x); }

static json_t *group_json(const value *v, const kh_report_article *a, const size_t *m, size_t k)
{
    size_t sources = 0;
    for (size_t i = 0; i < k; i++) {
        size_t j = 0;
        while (j < i && v[m[j]].article != v[m[i]].article)
            j++;
        sources += j == i;
    }
    double lo, hi;
    intersect(v, m, k, &lo, &hi);
    int all_equal = 1;
    for (size_t i = 1; i < k; i++)
        all_equal &= v[m[i]].point == v[m[0]].point;
    const char *cls = sources < 2            ? "single"
                      : is_evolution(v, a, m, k) ? "evolution"
                      : all_equal && lo <= hi  ? "agreement"
                      : lo <= hi             ? "compatible"
                                             : "conflict";
    json_t *values = json_array();
    const char *happening = NULL, *day = NULL;
    for (size_t i = 0; i < k; i++) {
        const value *x = &v[m[i]];
        const kh_report_article *art = &a[x->article];
        if (!happening && x->anchor_text)
            happening = x->anchor_text;
        if (!day && x->happening_day[0])
            day = x->happening_day;
        json_t *fig = x->fig;
        json_array_append_new(
            values,
            json_pack("{s:I, s:s?, s:s?, s:s?, s:O?, s:O?, s:o, s:o, s:O?, s:s?}", "article",
                      (json_int_t)art->id, "outlet", art->outlet, "lang", art->lang, "published",
                      art->published_at, "text", json_object_get(fig, "text"), "qualifier",
                      json_object_get(fig, "qualifier"), "lo", bound(x->lo), "hi", bound(x->hi),
                      "value", json_object_get(fig, "value"), "happening_day",
                      x->happening_day[0] ? x->happening_day : NULL));
    }
    return json_pack("{s:s, s:s?, s:s?, s:s?, s:s, s:I, s:{s:o, s:o}, s:o}", "counted",
                     v[m[0]].counted, "happening", happening, "happening_key", v[m[0]].anchor,
                     "happening_day", day, "classification", cls, "sources", (json_int_t)sources,
                     "range", "lo", lo <= hi ? bound(lo) : json_null(), "hi",
                     lo <= hi ? bound(hi) : json_null(), "values", values);
}

json_t *kh_report_figures(kh_dates *dates, const kh_report_article *a, size_t n)
{
    value *v;
    size_t nv;
    json_t *groups = json_array();
    if (collect(dates, a, n, &v, &nv) != KH_OK) {
        free(v);
        return groups;
    }
    for (size_t i = 0; i < nv; i++)
        for (size_t j = 0; j < i; j++)
            if (same_happening(&v[i], &v[j]))
                unite(v, i, j);
    size_t *members = malloc((nv ? nv : 1) * sizeof *members);
    const void *ctx[2] = {v, a};
    for (size_t root = 0; members && root < nv; root++) {
        if (find(v, root) != root)
            continue;
        size_t k = 0;
        for (size_t i = 0; i < nv; i++)
            if (find(v, i) == root)
                members[k++] = i;
        qsort_r(members, k, sizeof *members, cmp_by_day, ctx);
        json_array_append_new(groups, group_json(v, a, members, k));
    }
    free(members);
    free(v);
    return groups;
}
