/*
 * datexpr.c: the date expression grammar and its resolution (datexpr.h).
 *
 * Design. The scanner walks the tokens of timelex.c once, left to right.
 * At each token it tries the productions below in order and keeps the
 * first that matches; the matched tokens are skipped. Every production is
 * a small function over token indices that returns how many tokens it
 * consumed (0 = no match), so the grammar reads as it is written:
 *
 *   numeric    Y sep M sep D | D sep M sep Y  (sep one of / - ., the same twice)
 *   relday     TODAY [ "(" WEEKDAY ")" | WEEKDAY ] [dayfirst]
 *   period     LAST-WEEK | LAST-MONTH | LAST-YEAR [ERA]    (not after a number)
 *   ago        N UNIT AGO | AGO-PRE N UNIT | AGO-PRE DUAL-UNIT  (not before "of X";
 *              N digits or a number word)
 *   weekday    [DAYCUE] [last|next] WEEKDAY [,] [dayfirst | monthfirst | numeric]
 *   dayfirst   DAY [,] [OF] MONTH ["(" MONTH ")"] [[,] YEAR] tail
 *   monthfirst MONTH ( DAY [,] [YEAR] | YEAR | alone after a cue ) tail
 *   year       YEARCUE YEAR [ERA] | YEAR ERA
 *   tail       [ERA] [last|next] [[sep] [TIMECUE] HH:MM [am|pm] [ZONE|±HH:MM] | ZONE]
 *
 * DAY is 1..31 with an optional ordinal suffix, or an ordinal word; YEAR is
 * four digits. Names flagged ambiguous (May, مه, صفر) need a day or a year.
 * A token that can start no production (a punctuation mark, a word that
 * starts no lexicon entry of the starting kinds) is passed over at once.
 * Nothing is validated while scanning: "30 فبراير 2024" is found, and
 * resolution rejects it with a reason, so that callers can report it.
 *
 * Resolution converts through calendar.c. A year-less date takes the year,
 * among those around the context day, that is nearest to it (a future
 * date costs three times a past one: news mostly reports what happened),
 * that satisfies "last"/"next", and in which the day falls on the weekday
 * written with it, if any (searching up to 14 years either way).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/grow.h"
#include "time/datexpr.h"

typedef struct scan {
    kh_dates *d;
    const kh_dtoks *t;
    const char *text;
} scan;

static const kh_dtok *tk(const scan *s, size_t i)
{
    return i < s->t->n ? &s->t->v[i] : NULL;
}

static int punct_at(const scan *s, size_t i, uint32_t cp)
{
    const kh_dtok *t = tk(s, i);
    return t && t->type == KH_DT_PUNCT && t->cp == cp;
}

static int comma_at(const scan *s, size_t i)
{
    return punct_at(s, i, ',') || punct_at(s, i, 0x060C);
}

static size_t lx(const scan *s, size_t i, uint32_t mask, const kh_lex_entry **e)
{
    return kh_lex_match(&s->d->lex, s->t, i, mask, e);
}

static int is_num(const scan *s, size_t i, int maxdig)
{
    const kh_dtok *t = tk(s, i);
    return t && t->type == KH_DT_NUM && t->ndig <= maxdig;
}

static int glued_num(const scan *s, size_t i, int ndig)
{
    const kh_dtok *t = tk(s, i);
    return t && t->type == KH_DT_NUM && t->ndig == ndig && !t->space_before;
}

static int year_tok(const scan *s, size_t i, int *y)
{
    const kh_dtok *t = tk(s, i);
    if (!t || t->type != KH_DT_NUM || t->ndig != 4)
        return 0;
    *y = t->num;
    return 1;
}

static kh_cal lex_cal(const scan *s, int cal)
{
    return cal == KH_CAL_ISLAMIC_UMALQURA ? s->d->hijri : (kh_cal)cal;
}

static void expr_init(kh_datexpr *x)
{
    memset(x, 0, sizeof *x);
    x->weekday = -1;
    x->hh = x->mi = -1;
    x->cal = KH_CAL_GREGORIAN;
}

/* ---- pieces ------------------------------------------------------------- */

static size_t parse_day(const scan *s, size_t i, int *day)
{
    const kh_dtok *t = tk(s, i);
    const kh_lex_entry *e;
    size_t n;
    if (t && t->type == KH_DT_NUM && t->ndig <= 2 && t->num >= 1 && t->num <= 31) {
        const kh_dtok *u = tk(s, i + 1);
        *day = t->num;
        n = 1;
        if (u && !u->space_before && (n = lx(s, i + 1, KH_LX(KH_LX_ORDSUFFIX), &e)) > 0)
            return 1 + n;
        return 1;
    }
    if ((n = lx(s, i, KH_LX(KH_LX_ORDINAL), &e)) > 0) {
        *day = e->ival;
        return n;
    }
    return 0;
}

/* MONTH ["(" MONTH ")"], the second naming the same month ("أبريل (نيسان)"). */
static size_t parse_month(const scan *s, size_t i, kh_datexpr *x, const kh_lex_entry **me)
{
    const kh_lex_entry *e, *e2;
    size_t n = lx(s, i, KH_LX(KH_LX_MONTH), &e), n2;
    if (!n)
        return 0;
    x->cal = lex_cal(s, e->ival2);
    x->m = e->ival;
    x->amb = (e->flags & KH_LEX_AMB) != 0;
    *me = e;
    if (strcmp(e->lang, "en") == 0 && punct_at(s, i + n, '.') && !s->t->v[i + n].space_before &&
        is_num(s, i + n + 1, 4))
        n++; /* "Apr. 1" */
    if (punct_at(s, i + n, '(') && (n2 = lx(s, i + n + 1, KH_LX(KH_LX_MONTH), &e2)) > 0 &&
        e2->ival == e->ival && e2->ival2 == e->ival2 && punct_at(s, i + n + 1 + n2, ')')) {
        n += n2 + 2;
        x->amb = 0;
    } else if (punct_at(s, i + n, '/') && (n2 = lx(s, i + n + 1, KH_LX(KH_LX_MONTH), &e2)) > 0 &&
               e2->ival == e->ival && e2->ival2 == e->ival2) {
        n += n2 + 1; /* "مارس/آذار", "نيسان / أبريل" */
        x->amb = 0;
    }
    return n;
}

/* ±HH[:MM] or ±HHMM; glued_only: the sign must touch what precedes it
 * (so that "16:53 - 17:00" is not an offset). */
static size_t parse_offset(const scan *s, size_t i, int glued_only, int *off)
{
    const kh_dtok *t = tk(s, i), *h = tk(s, i + 1);
    if (!t || t->type != KH_DT_PUNCT || (t->cp != '+' && t->cp != '-' && t->cp != 0x2212))
        return 0;
    if ((glued_only && t->space_before && t->cp != '+') || !h || h->type != KH_DT_NUM ||
        h->space_before)
        return 0;
    int hh, mm = 0;
    size_t n = 2;
    if (h->ndig == 4) {
        hh = h->num / 100;
        mm = h->num % 100;
    } else if (h->ndig <= 2) {
        hh = h->num;
        if (punct_at(s, i + 2, ':') && glued_num(s, i + 3, 2)) {
            mm = s->t->v[i + 3].num;
            n = 4;
        }
    } else {
        return 0;
    }
    if (hh > 14 || mm > 59)
        return 0;
    *off = (t->cp == '+' ? 1 : -1) * (hh * 60 + mm);
    return n;
}

/* ZONE [±offset] | ±offset (numeric only when glued to a time). */
static size_t parse_zone(const scan *s, size_t i, kh_datexpr *x, int after_time)
{
    const kh_lex_entry *e;
    size_t j = i;
    const int paren = punct_at(s, j, '(');
    j += (size_t)paren;
    const size_t k = lx(s, j, KH_LX(KH_LX_ZONE), &e);
    if (k) {
        snprintf(x->zone, sizeof x->zone, "%s", kh_lex_sval(&s->d->lex, e));
        j += k;
    }
    int off;
    const size_t o = (k || after_time) ? parse_offset(s, j, !k, &off) : 0;
    if (o) {
        x->zone_fixed = 1;
        x->zone_off = off;
        j += o;
    }
    if (!k && !o)
        return 0;
    if (paren) {
        if (!punct_at(s, j, ')'))
            return 0;
        j++;
    }
    return j - i;
}

/* HH:MM[:SS[.f]] [am|pm] */
static size_t parse_clock(const scan *s, size_t i, int *hh, int *mi)
{
    const kh_dtok *h = tk(s, i);
    const kh_lex_entry *e;
    if (!h || h->type != KH_DT_NUM || h->ndig > 2 || h->num > 24 || !punct_at(s, i + 1, ':') ||
        s->t->v[i + 1].space_before || !glued_num(s, i + 2, 2) || s->t->v[i + 2].num > 59)
        return 0;
    size_t n = 3;
    *hh = h->num;
    *mi = s->t->v[i + 2].num;
    if (punct_at(s, i + 3, ':') && !s->t->v[i + 3].space_before && glued_num(s, i + 4, 2))
        n = 5;
    if (punct_at(s, i + n, '.') && !s->t->v[i + n].space_before && is_num(s, i + n + 1, 9) &&
        !s->t->v[i + n + 1].space_before)
        n += 2;
    const size_t a = lx(s, i + n, KH_LX(KH_LX_AMPM), &e);
    if (a) {
        if (e->ival == 12 && *hh < 12)
            *hh += 12;
        else if (e->ival == 0 && *hh == 12)
            *hh = 0;
        n += a;
    }
    if (*hh == 24)
        *hh = 0;
    return n;
}

static int time_sep(const scan *s, size_t i)
{
    const kh_dtok *t = tk(s, i);
    if (!t)
        return 0;
    if (t->type == KH_DT_PUNCT)
        return t->cp == '-' || t->cp == ',' || t->cp == 0x060C || t->cp == '|' ||
               t->cp == 0x2013 || t->cp == 0x2014;
    return t->type == KH_DT_WORD && t->klen == 1 && s->t->keys.data[t->key] == 't' &&
           !t->space_before;
}

/* [sep] [TIMECUE] clock [zone] */
static size_t parse_time(const scan *s, size_t i, kh_datexpr *x)
{
    const kh_lex_entry *e;
    size_t j = i, k;
    for (int n = 0; n < 3; n++) {
        if (time_sep(s, j))
            j++;
        else if ((k = lx(s, j, KH_LX(KH_LX_TIMECUE), &e)) > 0)
            j += k;
        else
            break;
    }
    int hh, mi;
    if (!(k = parse_clock(s, j, &hh, &mi)))
        return 0;
    x->hh = hh;
    x->mi = mi;
    j += k;
    j += parse_zone(s, j, x, 1);
    return j - i;
}

static size_t parse_tail(const scan *s, size_t i, kh_datexpr *x)
{
    const kh_lex_entry *e;
    size_t j = i, k;
    if ((x->y || x->year_cal_guessed) && (k = lx(s, j, KH_LX(KH_LX_ERA), &e)) > 0) {
        if (x->year_cal_guessed)
            x->cal = lex_cal(s, e->ival2);
        j += k;
    }
    const size_t of = (!x->y && x->m) ? lx(s, j, KH_LX(KH_LX_OF), &e) : 0;
    if (!x->y && x->m && (k = lx(s, j + of, KH_LX(KH_LX_RELYEAR), &e)) > 0) {
        x->has_relyear = 1; /* "May last year", "مارس من العام الماضي" */
        x->relyear = e->ival;
        j += of + k;
    } else if (!x->y && (k = lx(s, j, KH_LX(KH_LX_LAST) | KH_LX(KH_LX_NEXT) | KH_LX(KH_LX_THIS),
                         &e)) > 0 &&
        (strcmp(e->lang, "en") != 0 || e->kind == KH_LX_LAST)) {
        x->qual = e->kind == KH_LX_LAST ? -1 : e->kind == KH_LX_NEXT ? 1 : 0;
        j += k;
    }
    if ((k = parse_time(s, j, x)) > 0)
        j += k;
    else
        j += parse_zone(s, j, x, 0);
    return j - i;
}

/* Calendar of a numeric year: 1300..1499 is Solar Hijri (to 1429) or Hijri;
 * Persian digits say Solar Hijri, Arabic-Indic digits Hijri. */
static kh_cal guess_year_cal(const scan *s, int y, uint8_t script, const char *lang)
{
    if (y < 1300 || y > 1499)
        return KH_CAL_GREGORIAN;
    if (lang && strcmp(lang, "ar") == 0)
        return s->d->hijri;
    if (lang && strcmp(lang, "en") == 0)
        return KH_CAL_GREGORIAN;
    if (script == KH_DIGITS_ARABIC)
        return s->d->hijri;
    return y < 1430 ? KH_CAL_PERSIAN : s->d->hijri;
}

/* ---- productions -------------------------------------------------------- */

static size_t parse_numeric(const scan *s, size_t i, kh_datexpr *x)
{
    const kh_dtok *a = tk(s, i), *s1 = tk(s, i + 1), *b = tk(s, i + 2), *s2 = tk(s, i + 3),
                  *c = tk(s, i + 4);
    if (!c || a->type != KH_DT_NUM || s1->type != KH_DT_PUNCT || b->type != KH_DT_NUM ||
        s2->type != KH_DT_PUNCT || c->type != KH_DT_NUM || s1->cp != s2->cp)
        return 0;
    if ((s1->cp != '/' && s1->cp != '-' && s1->cp != '.') || s1->space_before ||
        b->space_before || s2->space_before || c->space_before)
        return 0;
    if (i > 0 && s->t->v[i - 1].type == KH_DT_PUNCT && !a->space_before &&
        s->t->v[i - 1].cp == s1->cp)
        return 0;
    if (punct_at(s, i + 5, s1->cp) && !s->t->v[i + 5].space_before && is_num(s, i + 6, 9))
        return 0;
    int y, m, d;
    if (a->ndig == 4 && b->ndig <= 2 && c->ndig <= 2) {
        y = a->num, m = b->num, d = c->num;
    } else if (a->ndig <= 2 && b->ndig <= 2 && c->ndig == 4) {
        y = c->num;
        if (b->num > 12 && a->num <= 12 && s1->cp == '/')
            m = a->num, d = b->num;
        else
            d = a->num, m = b->num;
        x->amb = a->num <= 12 && b->num <= 12 && a->num != b->num;
    } else {
        return 0;
    }
    if (m < 1 || m > 12 || d < 1 || d > 31)
        return 0;
    x->y = y, x->m = m, x->d = d;
    x->cal = guess_year_cal(s, y, a->script, NULL);
    x->year_cal_guessed = x->cal != KH_CAL_GREGORIAN;
    return 5 + parse_tail(s, i + 5, x);
}

static size_t parse_dayfirst(const scan *s, size_t i, kh_datexpr *x)
{
    const kh_lex_entry *e, *me;
    size_t j = i, k;
    int day, y;
    if (!(k = parse_day(s, j, &day)))
        return 0;
    j += k;
    if (comma_at(s, j))
        j++;
    if ((k = lx(s, j, KH_LX(KH_LX_OF), &e)) > 0)
        j += k;
    if (!(k = parse_month(s, j, x, &me)))
        return 0;
    j += k;
    x->d = day;
    if (comma_at(s, j) && year_tok(s, j + 1, &y))
        j++;
    if (year_tok(s, j, &y)) {
        x->y = y;
        j++;
    }
    return j - i + parse_tail(s, j, x);
}

/* An English month name written with a capital ("March", "MAY" is not). */
static int capitalized(const scan *s, size_t i, const kh_lex_entry *me)
{
    const kh_dtok *t = &s->t->v[i];
    return strcmp(me->lang, "en") == 0 && t->end - t->start >= 2 && s->text[t->start] >= 'A' &&
           s->text[t->start] <= 'Z' && s->text[t->start + 1] >= 'a' && s->text[t->start + 1] <= 'z';
}

/* English "last November", "next March": the qualifier before the month. */
static size_t parse_qual_month(const scan *s, size_t i, kh_datexpr *x)
{
    const kh_lex_entry *q, *me;
    size_t k = lx(s, i, KH_LX(KH_LX_LAST) | KH_LX(KH_LX_NEXT) | KH_LX(KH_LX_THIS), &q), m;
    if (!k || strcmp(q->lang, "en") != 0 || !(m = parse_month(s, i + k, x, &me)) ||
        strcmp(me->lang, "en") != 0 || is_num(s, i + k + m, 4) || is_num(s, i + k + m, 2))
        return 0;
    if (x->amb && !capitalized(s, i + k, me))
        return 0;
    x->amb = 0;
    x->qual = q->kind == KH_LX_LAST ? -1 : q->kind == KH_LX_NEXT ? 1 : 0;
    return k + m;
}

static size_t parse_monthfirst(const scan *s, size_t i, kh_datexpr *x, int cued)
{
    const kh_lex_entry *e, *me;
    size_t j = i, k;
    int y;
    if (!(k = parse_month(s, j, x, &me)))
        return 0;
    j += k;
    if (strcmp(me->lang, "en") == 0 && is_num(s, j, 2) && (k = parse_day(s, j, &x->d)) > 0) {
        j += k;
        if (comma_at(s, j) && year_tok(s, j + 1, &y))
            j++;
        if (year_tok(s, j, &y)) {
            x->y = y;
            j++;
        }
    } else {
        if ((comma_at(s, j) || (strcmp(me->lang, "en") == 0 && lx(s, j, KH_LX(KH_LX_OF), &e))) &&
            year_tok(s, j + 1, &y))
            j++; /* "March, 2024", "June of 2014" */
        if (year_tok(s, j, &y)) {
            x->y = y;
            j++;
        } else if (!(cued || lx(s, j, KH_LX(KH_LX_LAST) | KH_LX(KH_LX_NEXT) | KH_LX(KH_LX_THIS) |
                                          KH_LX(KH_LX_ERA) | KH_LX(KH_LX_RELYEAR), &e))) {
            return 0;
        } else if (x->amb && cued && capitalized(s, i, me)) {
            x->amb = 0; /* "in March", "early May": English names the month with a capital */
        }
    }
    if (x->amb && !x->d && !x->y)
        return 0;
    return j - i + parse_tail(s, j, x);
}

/* A full date after a weekday or "today": dayfirst, English monthfirst, numeric. */
static size_t parse_date_after(const scan *s, size_t i, kh_datexpr *x)
{
    size_t k;
    expr_init(x);
    if ((k = parse_dayfirst(s, i, x)) > 0)
        return k;
    expr_init(x);
    if ((k = parse_monthfirst(s, i, x, 1)) > 0 && x->d)
        return k;
    expr_init(x);
    return parse_numeric(s, i, x);
}

static int after_number(const scan *s, size_t i)
{
    return i > 0 && s->t->v[i - 1].type == KH_DT_NUM;
}

static size_t parse_relday(const scan *s, size_t i, kh_datexpr *x)
{
    const kh_lex_entry *e, *we;
    size_t k = lx(s, i, KH_LX(KH_LX_RELDAY), &e);
    if (!k || after_number(s, i))
        return 0;
    size_t j = i + k, j2 = j, w;
    x->kind = KH_EXPR_RELDAY;
    x->offset = e->ival;
    const int paren = punct_at(s, j2, '(');
    if (paren || comma_at(s, j2))
        j2++;
    if ((w = lx(s, j2, KH_LX(KH_LX_WEEKDAY), &we)) > 0 && (!paren || punct_at(s, j2 + w, ')'))) {
        x->weekday = we->ival;
        j = j2 + w + (size_t)paren;
        size_t j3 = j + (size_t)comma_at(s, j);
        kh_datexpr y;
        const size_t dk = parse_date_after(s, j3, &y);
        if (dk && y.d) {
            y.weekday = x->weekday;
            y.has_relday = 1;
            y.offset = x->offset;
            *x = y;
            j = j3 + dk;
        }
    }
    return j - i;
}

static size_t parse_period(const scan *s, size_t i, kh_datexpr *x)
{
    const kh_lex_entry *e;
    const uint32_t mask = KH_LX(KH_LX_RELWEEK) | KH_LX(KH_LX_RELMONTH) | KH_LX(KH_LX_RELYEAR);
    size_t k = lx(s, i, mask, &e), j;
    if (!k || after_number(s, i))
        return 0;
    x->kind = e->kind == KH_LX_RELWEEK    ? KH_EXPR_RELWEEK
              : e->kind == KH_LX_RELMONTH ? KH_EXPR_RELMONTH
                                          : KH_EXPR_RELYEAR;
    x->offset = e->ival;
    j = i + k;
    if ((k = lx(s, j, KH_LX(KH_LX_ERA), &e)) > 0) {
        x->cal = lex_cal(s, e->ival2);
        j += k;
    }
    return j - i;
}

static size_t parse_ago(const scan *s, size_t i, kh_datexpr *x)
{
    const kh_lex_entry *u, *a, *b;
    const kh_dtok *t = tk(s, i);
    size_t j, k;
    int n = 1, had_num = 0;
    const size_t nw = lx(s, i, KH_LX(KH_LX_NUMBER), &a);
    if (t->type == KH_DT_NUM || nw) {
        const int num = nw ? a->ival : t->num;
        j = i + (nw ? nw : 1);
        if ((!nw && t->ndig > 3) || num < 1 || !(k = lx(s, j, KH_LX(KH_LX_UNIT), &u)) ||
            u->ival2 == 2 || (num > 1 && u->ival2 == 1 && strcmp(u->lang, "en") == 0))
            return 0;
        j += k;
        if (!(k = lx(s, j, KH_LX(KH_LX_AGOPOST), &a)) || lx(s, j + k, KH_LX(KH_LX_BLOCK), &b))
            return 0;
        x->kind = KH_EXPR_AGO;
        x->offset = -num;
        x->unit = u->ival;
        return j + k - i;
    }
    if (!(k = lx(s, i, KH_LX(KH_LX_AGOPRE), &a)))
        return 0;
    j = i + k;
    if (is_num(s, j, 3) && s->t->v[j].num >= 1) {
        n = s->t->v[j].num;
        had_num = 1;
        j++;
    } else if ((k = lx(s, j, KH_LX(KH_LX_NUMBER), &b)) > 0) {
        n = b->ival;
        had_num = 1;
        j += k;
    }
    if (!(k = lx(s, j, KH_LX(KH_LX_UNIT), &u)))
        return 0;
    if (u->ival2 == 2) {
        if (had_num)
            return 0;
        n = 2;
    } else if ((u->ival2 == 0) != had_num) {
        return 0; /* "قبل أيام" is vague; "قبل 3 يوم" is not Arabic */
    }
    if (a->ival && u->ival > KH_UNIT_WEEK)
        return 0; /* منذ 20 عاما: "for 20 years", not "20 years ago" */
    j += k;
    if (lx(s, j, KH_LX(KH_LX_BLOCK), &b))
        return 0;
    x->kind = KH_EXPR_AGO;
    x->offset = -n;
    x->unit = u->ival;
    return j - i;
}

static size_t parse_weekday(const scan *s, size_t i, kh_datexpr *x)
{
    const kh_lex_entry *e;
    size_t j = i, k;
    int cue = 0, qual = 0;
    if ((k = lx(s, j, KH_LX(KH_LX_DAYCUE), &e)) > 0) {
        j += k;
        cue = 1;
    }
    if ((k = lx(s, j, KH_LX(KH_LX_LAST) | KH_LX(KH_LX_NEXT) | KH_LX(KH_LX_THIS), &e)) > 0 &&
        strcmp(e->lang, "en") == 0) {
        qual = e->kind == KH_LX_LAST ? -1 : e->kind == KH_LX_NEXT ? 1 : 0;
        j += k;
    }
    if (!(k = lx(s, j, KH_LX(KH_LX_WEEKDAY), &e)))
        return 0;
    const int wd = e->ival;
    j += k;
    kh_datexpr y;
    const size_t j2 = j + (size_t)comma_at(s, j);
    const size_t dk = parse_date_after(s, j2, &y);
    if (dk && y.d) {
        *x = y;
        x->weekday = wd;
        x->cue = 1;
        return j2 + dk - i;
    }
    if (!qual && (k = lx(s, j, KH_LX(KH_LX_LAST) | KH_LX(KH_LX_NEXT), &e)) > 0) {
        qual = e->kind == KH_LX_LAST ? -1 : 1;
        j += k;
    }
    x->kind = KH_EXPR_WEEKDAY;
    x->weekday = wd;
    x->qual = qual;
    x->cue = cue;
    return j - i;
}

static size_t parse_year(const scan *s, size_t i, kh_datexpr *x)
{
    const kh_lex_entry *c, *e;
    size_t k = lx(s, i, KH_LX(KH_LX_YEARCUE), &c), j;
    int y;
    const char *lang = NULL;
    if (k) {
        if (!year_tok(s, i + k, &y))
            return 0;
        lang = c->lang;
        if (strcmp(lang, "en") == 0 && (y < 1800 || y > 2100))
            return 0;
        j = i + k + 1;
        x->cue = 1;
    } else {
        if (!year_tok(s, i, &y) || !lx(s, i + 1, KH_LX(KH_LX_ERA), &e))
            return 0;
        j = i + 1;
    }
    x->y = y;
    x->cal = guess_year_cal(s, y, s->t->v[j - 1].script, lang);
    x->year_cal_guessed = 1;
    if ((k = lx(s, j, KH_LX(KH_LX_ERA), &e)) > 0) {
        x->cal = lex_cal(s, e->ival2);
        x->year_cal_guessed = 0;
        j += k;
    }
    return j - i;
}

/* Is the token before i a cue for a month named alone ("in", "في", "mid-")? */
static int month_cued(const scan *s, size_t i)
{
    const kh_lex_entry *e;
    if (i > 1 && punct_at(s, i - 1, '-') && !s->t->v[i - 1].space_before &&
        !s->t->v[i].space_before)
        i--; /* "mid-March", "early-May" */
    return i > 0 && lx(s, i - 1, KH_LX(KH_LX_MONTHCUE), &e) == 1;
}

static size_t parse_at(const scan *s, size_t i, kh_datexpr *x)
{
    size_t k;
    const uint32_t starts = KH_LX(KH_LX_MONTH) | KH_LX(KH_LX_WEEKDAY) | KH_LX(KH_LX_RELDAY) |
                            KH_LX(KH_LX_RELWEEK) | KH_LX(KH_LX_RELMONTH) | KH_LX(KH_LX_RELYEAR) |
                            KH_LX(KH_LX_AGOPRE) | KH_LX(KH_LX_DAYCUE) | KH_LX(KH_LX_LAST) |
                            KH_LX(KH_LX_NEXT) | KH_LX(KH_LX_THIS) | KH_LX(KH_LX_YEARCUE) |
                            KH_LX(KH_LX_ORDINAL) | KH_LX(KH_LX_NUMBER);
    const kh_dtok *t = &s->t->v[i];
    if (t->type == KH_DT_PUNCT || (t->type == KH_DT_WORD && !(t->kinds & starts)))
        return 0; /* nothing can start here: the common case, kept cheap */
#define TRY(call)                                                                                  \
    do {                                                                                           \
        expr_init(x);                                                                              \
        if ((k = (call)) > 0)                                                                      \
            return k;                                                                              \
    } while (0)
    TRY(parse_numeric(s, i, x));
    TRY(parse_relday(s, i, x));
    TRY(parse_period(s, i, x));
    TRY(parse_ago(s, i, x));
    TRY(parse_weekday(s, i, x));
    TRY(parse_qual_month(s, i, x));
    TRY(parse_dayfirst(s, i, x));
    TRY(parse_monthfirst(s, i, x, month_cued(s, i)));
    TRY(parse_year(s, i, x));
#undef TRY
    return 0;
}

static int push_expr(kh_datexprs *out, const kh_datexpr *x)
{
    kh_datexpr *v = kh_grow(out->v, &out->cap, out->n, sizeof *v, 16);
    if (!v)
        return kh_set_error(KH_ENOMEM, "out of memory collecting date expressions");
    out->v = v;
    out->v[out->n++] = *x;
    return KH_OK;
}

int kh_datexpr_scan(kh_dates *d, const char *text, size_t len, kh_datexprs *out)
{
    out->n = 0;
    int rc = kh_dtok_split(&d->toks, text, len);
    if (rc != KH_OK)
        return rc;
    kh_lex_mark_kinds(&d->lex, &d->toks);
    const scan s = {d, &d->toks, text};
    const kh_dtok *t = d->toks.v;
    size_t pub_end = SIZE_MAX;
    int pub_kind = 0;
    uint32_t pub_line = 0;
    for (size_t i = 0; i < d->toks.n;) {
        kh_datexpr x;
        const kh_lex_entry *e;
        const size_t k = parse_at(&s, i, &x);
        if (!k) {
            const size_t c = lx(&s, i, KH_LX(KH_LX_PUBCUE), &e);
            if (c) {
                pub_end = i + c;
                pub_kind = e->ival;
                pub_line = t[i].line;
            }
            i += c ? c : 1;
            continue;
        }
        x.start = t[i].start;
        x.end = t[i + k - 1].end;
        x.sentence = t[i].sentence;
        x.line = t[i].line;
        if (pub_end != SIZE_MAX && t[i].line == pub_line && i >= pub_end && i - pub_end <= 3)
            x.pubcue = pub_kind;
        if ((rc = push_expr(out, &x)) != KH_OK)
            return rc;
        i += k;
    }
    return KH_OK;
}

void kh_datexprs_free(kh_datexprs *x)
{
    free(x->v);
    memset(x, 0, sizeof *x);
}

/* ---- resolution --------------------------------------------------------- */

static kh_ymd add_days(kh_ymd g, int64_t n)
{
    return kh_civil_from_days(kh_days_from_civil(g) + n);
}

static int fail(kh_datexpr *e)
{
    e->invalid = 1;
    e->resolved = 0;
    snprintf(e->reason, sizeof e->reason, "%s", kh_last_error());
    return KH_EINVAL;
}

/* Gregorian span of a day (day > 0), a month (day 0) or a year (m 0) on cal. */
static int period_of(kh_dates *d, kh_cal cal, int y, int m, int day, kh_ymd *a, kh_ymd *b)
{
    int dim, rc;
    if (m == 0) {
        const kh_ymd first = {y, 1, 1};
        if ((rc = kh_cal_days_in_month(&d->cals, cal, y, 12, &dim)) != KH_OK)
            return rc;
        const kh_ymd last = {y, 12, dim};
        rc = kh_cal_to_gregorian(&d->cals, cal, first, a);
        return rc == KH_OK ? kh_cal_to_gregorian(&d->cals, cal, last, b) : rc;
    }
    if (day > 0) {
        const kh_ymd n = {y, m, day};
        rc = kh_cal_to_gregorian(&d->cals, cal, n, a);
        *b = *a;
        return rc;
    }
    if ((rc = kh_cal_days_in_month(&d->cals, cal, y, m, &dim)) != KH_OK)
        return rc;
    const kh_ymd first = {y, m, 1}, last = {y, m, dim};
    rc = kh_cal_to_gregorian(&d->cals, cal, first, a);
    return rc == KH_OK ? kh_cal_to_gregorian(&d->cals, cal, last, b) : rc;
}

/* How far a candidate span [a, b] is from the reference day, for choosing a
 * year; -1 when the candidate is excluded. */
static int64_t year_score(const kh_datexpr *e, const kh_date_ctx *ctx, int64_t a, int64_t b,
                          int same_month)
{
    if (!ctx->has_anchor) {
        const int64_t after = kh_days_from_civil(ctx->after);
        return b < after ? -1 : (a > after ? a - after : 0);
    }
    const int64_t now = kh_days_from_civil(ctx->anchor);
    if (e->qual < 0)
        return (b >= now || same_month) ? -1 : now - b;
    if (e->qual > 0)
        return (a <= now || same_month) ? -1 : a - now;
    if (now < a)
        return (a - now) * 3;
    return now > b ? now - b : 0;
}

static int infer_year(kh_dates *d, kh_datexpr *e, const kh_date_ctx *ctx)
{
    const kh_ymd ref = ctx->has_anchor ? ctx->anchor : ctx->after;
    kh_ymd nref;
    if (kh_cal_from_gregorian(&d->cals, e->cal, ref, &nref) != KH_OK)
        return fail(e);
    int best_y = 0;
    int64_t best = -1;
    const int spans[2] = {(e->weekday >= 0 && e->d) ? 14 : 1, 8};
    for (int pass = 0; pass < 2 && !best_y; pass++) {
        for (int dy = -spans[pass]; dy <= spans[pass]; dy++) {
            kh_ymd a, b;
            const int y = nref.y + dy;
            if (period_of(d, e->cal, y, e->m, e->d, &a, &b) != KH_OK)
                continue;
            if (e->weekday >= 0 && e->d && kh_weekday(a) != e->weekday)
                continue;
            const int64_t sc = year_score(e, ctx, kh_days_from_civil(a), kh_days_from_civil(b),
                                          ctx->has_anchor && y == nref.y && e->m == nref.m);
            if (sc >= 0 && (best < 0 || sc < best)) {
                best = sc;
                best_y = y;
            }
        }
    }
    if (!best_y) {
        kh_set_error(KH_EINVAL, "no year near %04d-%02d-%02d fits this date", ref.y, ref.m,
                     ref.d);
        return fail(e);
    }
    e->y = best_y;
    e->year_inferred = 1;
    return KH_OK;
}

static void apply_time(kh_dates *d, kh_datexpr *e)
{
    if (e->hh < 0 || e->gran != KH_GRAN_DAY)
        return;
    e->gran = KH_GRAN_MINUTE;
    if (e->zone_fixed) {
        e->has_offset = 1;
        e->utc_off = e->zone_off;
        snprintf(e->zone_used, sizeof e->zone_used, "%s", e->zone);
        return;
    }
    const char *zone = e->zone;
    if (!zone[0] && e->cal == KH_CAL_PERSIAN)
        zone = "Asia/Tehran"; /* a Solar Hijri date and time is Iran's time */
    if (!zone[0] || strcmp(zone, "local") == 0)
        return;
    int off;
    if (kh_zone_offset(zone, e->g, e->hh, e->mi, &off) == KH_OK) {
        e->has_offset = 1;
        e->utc_off = off;
        snprintf(e->zone_used, sizeof e->zone_used, "%s", zone);
    }
    (void)d;
}

static int resolve_date(kh_dates *d, kh_datexpr *e, const kh_date_ctx *ctx)
{
    if (!e->y && e->has_relyear && ctx->has_anchor) {
        kh_ymd nat;
        if (kh_cal_from_gregorian(&d->cals, e->cal, ctx->anchor, &nat) != KH_OK)
            return fail(e);
        e->y = nat.y + e->relyear;
        e->year_inferred = 1;
    }
    if (!e->y) {
        if (!e->m || (!ctx->has_anchor && !ctx->has_after))
            return KH_OK; /* year-less and nothing to place it: left unresolved */
        if (infer_year(d, e, ctx) != KH_OK)
            return KH_EINVAL;
    }
    if (period_of(d, e->cal, e->y, e->m, e->d, &e->g, &e->g_end) != KH_OK)
        return fail(e);
    e->resolved = 1;
    e->gran = e->d ? KH_GRAN_DAY : e->m ? KH_GRAN_MONTH : KH_GRAN_YEAR;
    e->confidence = e->d ? 0.95 : 0.9;
    if (e->year_cal_guessed)
        e->confidence -= 0.1;
    if (e->amb)
        e->confidence -= 0.1;
    if (e->year_inferred)
        e->confidence = !ctx->has_anchor ? 0.5 : (e->weekday >= 0 && e->d) ? 0.85 : 0.75;
    if (e->weekday >= 0 && e->d && kh_weekday(e->g) != e->weekday) {
        e->weekday_conflict = 1;
        e->confidence *= 0.6;
    }
    apply_time(d, e);
    return KH_OK;
}

/* Month or year n periods from the anchor, on e->cal. */
static int resolve_period(kh_dates *d, kh_datexpr *e, kh_ymd anchor, int n, int years)
{
    kh_ymd nat;
    if (kh_cal_from_gregorian(&d->cals, e->cal, anchor, &nat) != KH_OK)
        return fail(e);
    int y = nat.y, m = nat.m;
    if (years) {
        y += n;
        m = 0;
    } else {
        const int idx = y * 12 + (m - 1) + n;
        y = idx / 12;
        m = idx % 12 + 1;
    }
    if (period_of(d, e->cal, y, m, 0, &e->g, &e->g_end) != KH_OK)
        return fail(e);
    e->gran = years ? KH_GRAN_YEAR : KH_GRAN_MONTH;
    e->resolved = 1;
    return KH_OK;
}

static void resolve_weekday(kh_datexpr *e, kh_ymd anchor)
{
    const int aw = kh_weekday(anchor);
    int delta;
    if (e->qual > 0) {
        delta = (e->weekday - aw + 7) % 7;
        delta = delta ? delta : 7;
    } else {
        delta = -((aw - e->weekday + 7) % 7);
        if (e->qual < 0 && delta == 0)
            delta = -7;
    }
    e->g = e->g_end = add_days(anchor, delta);
    e->gran = KH_GRAN_DAY;
    e->resolved = 1;
    e->confidence = e->cue ? 0.7 : 0.5;
}

static int resolve_relative(kh_dates *d, kh_datexpr *e, kh_ymd a)
{
    switch (e->kind) {
    case KH_EXPR_RELDAY:
        e->g = e->g_end = add_days(a, e->offset);
        e->gran = KH_GRAN_DAY;
        e->resolved = 1;
        e->confidence = 0.9;
        if (e->weekday >= 0 && kh_weekday(e->g) != e->weekday) {
            e->weekday_conflict = 1;
            e->confidence = 0.5;
        }
        return KH_OK;
    case KH_EXPR_WEEKDAY:
        resolve_weekday(e, a);
        return KH_OK;
    case KH_EXPR_RELWEEK: {
        const kh_ymd g = add_days(a, 7 * (int64_t)e->offset);
        e->g = add_days(g, -((kh_weekday(g) + 6) % 7));
        e->g_end = add_days(e->g, 6);
        e->gran = KH_GRAN_WEEK;
        e->resolved = 1;
        e->confidence = 0.8;
        return KH_OK;
    }
    case KH_EXPR_RELMONTH:
    case KH_EXPR_RELYEAR:
        e->confidence = 0.8;
        return resolve_period(d, e, a, e->offset, e->kind == KH_EXPR_RELYEAR);
    case KH_EXPR_AGO:
        if (e->unit == KH_UNIT_DAY || e->unit == KH_UNIT_WEEK) {
            e->g = e->g_end = add_days(a, (int64_t)e->offset * (e->unit == KH_UNIT_WEEK ? 7 : 1));
            e->gran = KH_GRAN_DAY;
            e->resolved = 1;
            e->confidence = e->unit == KH_UNIT_DAY ? 0.85 : 0.6;
            return KH_OK;
        }
        e->cal = KH_CAL_GREGORIAN;
        e->confidence = 0.7;
        return resolve_period(d, e, a, e->offset, e->unit == KH_UNIT_YEAR);
    default:
        return KH_OK;
    }
}

int kh_datexpr_resolve(kh_dates *d, kh_datexpr *e, const kh_date_ctx *ctx)
{
    static const kh_date_ctx none = {0};
    if (!ctx)
        ctx = &none;
    if (e->year_inferred)
        e->y = 0; /* resolved before: the year was the context's, not the text's */
    e->resolved = e->invalid = e->year_inferred = e->weekday_conflict = e->has_offset = 0;
    e->reason[0] = e->zone_used[0] = '\0';
    e->gran = KH_GRAN_NONE;
    e->confidence = 0.3;
    if (e->kind == KH_EXPR_DATE)
        return resolve_date(d, e, ctx);
    if (!ctx->has_anchor)
        return KH_OK;
    return resolve_relative(d, e, ctx->anchor);
}

int kh_anchor_parse(const char *iso, kh_ymd *day)
{
    int y, m, dd, hh = 0, mi = 0, n = 0;
    if (!iso || sscanf(iso, "%4d-%2d-%2d%n", &y, &m, &dd, &n) != 3 || n != 10)
        return kh_set_error(KH_EINVAL, "anchor '%s' is not an ISO 8601 date (YYYY-MM-DD)",
                            iso ? iso : "(null)");
    const kh_ymd g = {y, m, dd};
    if (m < 1 || m > 12 || dd < 1 || dd > kh_greg_days_in_month(y, m) || y < 1)
        return kh_set_error(KH_EINVAL, "anchor '%s' is not a valid day", iso);
    *day = g;
    const char *p = iso + 10;
    if (*p == '\0')
        return KH_OK;
    int k = 0;
    if ((*p != 'T' && *p != ' ') || sscanf(p + 1, "%2d:%2d%n", &hh, &mi, &k) != 2 || k != 5 ||
        hh > 23 || mi > 59)
        return kh_set_error(KH_EINVAL, "anchor '%s': bad time of day", iso);
    p += 6;
    if (*p == ':')
        p += 3;
    while (*p == '.' || (*p >= '0' && *p <= '9'))
        p++;
    if (*p == '\0' || (*p == 'Z' && p[1] == '\0'))
        return KH_OK;
    int oh, om = 0;
    if ((*p != '+' && *p != '-') || sscanf(p + 1, "%2d:%2d", &oh, &om) < 1)
        return kh_set_error(KH_EINVAL, "anchor '%s': bad UTC offset", iso);
    const int off = (*p == '+' ? 1 : -1) * (oh * 60 + om);
    const int64_t minutes = kh_days_from_civil(g) * 1440 + hh * 60 + mi - off;
    *day = kh_civil_from_days(minutes >= 0 ? minutes / 1440 : (minutes - 1439) / 1440);
    return KH_OK;
}

/* ---- output ------------------------------------------------------------- */

static void fmt_day(char *buf, size_t n, kh_ymd g)
{
    snprintf(buf, n, "%04d-%02d-%02d", g.y, g.m, g.d);
}

void kh_datexpr_value(const kh_datexpr *e, char *buf, size_t n)
{
    char a[16], b[16];
    buf[0] = '\0';
    if (!e->resolved) {
        if (e->kind == KH_EXPR_DATE && !e->invalid && e->cal == KH_CAL_GREGORIAN && e->m && !e->y)
            e->d ? snprintf(buf, n, "--%02d-%02d", e->m, e->d) : snprintf(buf, n, "--%02d", e->m);
        return;
    }
    fmt_day(a, sizeof a, e->g);
    fmt_day(b, sizeof b, e->g_end);
    switch (e->gran) {
    case KH_GRAN_MINUTE: {
        const int off = e->utc_off < 0 ? -e->utc_off : e->utc_off;
        if (!e->has_offset)
            snprintf(buf, n, "%sT%02d:%02d", a, e->hh, e->mi);
        else if (off == 0)
            snprintf(buf, n, "%sT%02d:%02dZ", a, e->hh, e->mi);
        else
            snprintf(buf, n, "%sT%02d:%02d%c%02d:%02d", a, e->hh, e->mi,
                     e->utc_off < 0 ? '-' : '+', off / 60, off % 60);
        return;
    }
    case KH_GRAN_DAY:
        snprintf(buf, n, "%s", a);
        return;
    case KH_GRAN_WEEK: {
        int iy, w;
        kh_iso_week(e->g, &iy, &w);
        snprintf(buf, n, "%04d-W%02d", iy, w);
        return;
    }
    case KH_GRAN_MONTH:
        if (e->cal == KH_CAL_GREGORIAN)
            snprintf(buf, n, "%04d-%02d", e->g.y, e->g.m);
        else
            snprintf(buf, n, "%s/%s", a, b);
        return;
    case KH_GRAN_YEAR:
        if (e->cal == KH_CAL_GREGORIAN)
            snprintf(buf, n, "%04d", e->g.y);
        else
            snprintf(buf, n, "%s/%s", a, b);
        return;
    default:
        return;
    }
}

void kh_datexpr_utc(const kh_datexpr *e, char *buf, size_t n)
{
    buf[0] = '\0';
    if (!e->resolved || e->gran != KH_GRAN_MINUTE || !e->has_offset)
        return;
    const int64_t m = kh_days_from_civil(e->g) * 1440 + e->hh * 60 + e->mi - e->utc_off;
    const int64_t day = m >= 0 ? m / 1440 : (m - 1439) / 1440;
    const int64_t rem = m - day * 1440;
    const kh_ymd g = kh_civil_from_days(day);
    snprintf(buf, n, "%04d-%02d-%02dT%02d:%02dZ", g.y, g.m, g.d, (int)(rem / 60), (int)(rem % 60));
}

void kh_datexpr_native(const kh_datexpr *e, char *buf, size_t n)
{
    buf[0] = '\0';
    if (e->kind != KH_EXPR_DATE)
        return;
    if (e->y && e->m && e->d)
        snprintf(buf, n, "%04d-%02d-%02d", e->y, e->m, e->d);
    else if (e->y && e->m)
        snprintf(buf, n, "%04d-%02d", e->y, e->m);
    else if (e->y)
        snprintf(buf, n, "%04d", e->y);
    else if (e->m && e->d)
        snprintf(buf, n, "--%02d-%02d", e->m, e->d);
    else if (e->m)
        snprintf(buf, n, "--%02d", e->m);
}

const char *kh_gran_name(kh_gran g)
{
    static const char *const names[] = {"none", "year", "month", "week", "day", "minute"};
    return (g >= KH_GRAN_NONE && g <= KH_GRAN_MINUTE) ? names[g] : "none";
}

const char *kh_weekday_name(int wd)
{
    static const char *const names[] = {"sunday",   "monday", "tuesday", "wednesday",
                                        "thursday", "friday", "saturday"};
    return (wd >= 0 && wd < 7) ? names[wd] : "";
}
