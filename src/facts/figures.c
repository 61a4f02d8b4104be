/*
 * figures.c: numbers with meaning.
 *
 * For each number (digits of any script, or number words: ۱۴۴, 144,
 * صد و چهل و چهار, مئة وأربعة وأربعون) in a text:
 *
 *   - dates and years are set aside (a month or date word next to it, a
 *     year-like value with no counted noun), as are hours, years of age,
 *     percentages (count_cues.tsv "skip");
 *   - the qualifier before it (حداقل، دست کم، ما لا يقل عن) or after it
 *     (على الأقل) gives the kind and the range: qualifiers.tsv holds the
 *     factors, e.g. about N = [0.9N, 1.1N];
 *   - the counted thing is the nearest cue (count_cues.tsv) before it or
 *     after it in the sentence, distances counted without the qualifier
 *     and unit words; a cue that stands right before another number is
 *     that number's (قتل 62 وأصيب 145). In Persian, an object marked with
 *     را takes the clause's verb (۳۵ نفر را ... بازداشت کرد), even when a
 *     relative clause sits in between;
 *   - the happening is the event noun nearest the figure in the sentence
 *     (حمله، بمبگذاری، تفجيرات), anchored to the most specific place of
 *     the sentence (a venue or city over a country), with the raw date
 *     text closest to the event noun.
 *
 * A number with neither a counted thing nor a unit noun is not a figure;
 * a number word also needs its noun right after it or a count cue right
 * before it (یک and نه are also "a" and "no").
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "facts/facts.h"

#define BEFORE_WINDOW 5
#define AFTER_WINDOW 8
#define WORDNUM_MAX 12

static int push_figure(kh_fres *r, const kh_figure *f)
{
    if (r->nfig == r->cfig) {
        size_t cap = r->cfig ? r->cfig * 2 : 32;
        kh_figure *v = realloc(r->fig, cap * sizeof *v);
        if (!v)
            return kh_set_error(KH_ENOMEM, "out of memory for figures");
        r->fig = v;
        r->cfig = cap;
    }
    r->fig[r->nfig++] = *f;
    return KH_OK;
}

static int count_at(const kh_lex *lex, const kh_fdoc *d, size_t i, size_t *end, int *flags)
{
    int x = kh_fdoc_match(d, lex, i, KH_LEX_COUNT, end);
    if (x < 0)
        return KH_THING_NONE;
    if (flags)
        *flags = lex->e[x].b;
    return lex->e[x].a;
}

static int datew_at(const kh_lex *lex, const kh_fdoc *d, size_t i, size_t *end)
{
    int x = kh_fdoc_match(d, lex, i, KH_LEX_DATEW, end);
    return x < 0 ? 0 : lex->e[x].a;
}

static int is_waw(const kh_fdoc *d, size_t i)
{
    const char *k = kh_ftok_key(d, i);
    return (d->t[i].klen == 2 && memcmp(k, "\xd9\x88", 2) == 0) ||
           (d->t[i].klen == 3 && memcmp(k, "and", 3) == 0);
}

/* A number at token i: digits, or a run of number words (with و/and and
 * Arabic و- prefixes between them). Returns the end token or 0. */
static size_t number_at(const kh_lex *lex, const kh_fdoc *d, size_t i, double *value, int *words)
{
    if (d->t[i].kind == KH_TOKEN_NUMBER) {
        *words = 0;
        if (!kh_fdoc_number(d, i, value))
            return 0;
        /* 3 آلاف، ۲ هزار، 4 ملايين: digits times a multiplier word */
        size_t end;
        int x = i + 1 < d->n && d->t[i + 1].sent == d->t[i].sent
                    ? kh_fdoc_match(d, lex, i + 1, KH_LEX_NUMW, &end)
                    : -1;
        if (x >= 0 && lex->e[x].a && lex->e[x].x >= 1000) {
            *value *= lex->e[x].x;
            return end;
        }
        return i + 1;
    }
    double total = 0, cur = 0;
    size_t j = i, last = 0;
    uint32_t sent = d->t[i].sent;
    while (j < d->n && j - i < WORDNUM_MAX && d->t[j].sent == sent) {
        if (j > i && (d->t[j].gap & KH_GAP_PUNCT))
            break;
        size_t end;
        int x = kh_fdoc_match(d, lex, j, KH_LEX_NUMW, &end);
        if (x < 0) {
            if (last && is_waw(d, j) && j + 1 < d->n &&
                kh_fdoc_match(d, lex, j + 1, KH_LEX_NUMW, &end) >= 0) {
                j++;
                continue;
            }
            break;
        }
        double v = lex->e[x].x;
        if (lex->e[x].a) { /* multiplier: hundred, thousand */
            if (v >= 1000) {
                total += (cur ? cur : 1) * v;
                cur = 0;
            } else {
                cur = (cur ? cur : 1) * v;
            }
        } else {
            cur += v;
        }
        j = end;
        last = j;
    }
    if (!last)
        return 0;
    *value = total + cur;
    *words = 1;
    return last;
}

/* The longest qualifier at token j usable in position pos (a phrase may be
 * listed both before and after a number: على الأقل، at least). */
static int qual_at(const kh_lex *lex, const kh_fdoc *d, size_t j, int pos, size_t *end)
{
    int best = -1;
    uint32_t best_end = 0;
    const kh_ftok *tk = &d->t[j];
    for (uint32_t q = tk->m_first; q < tk->m_first + tk->m_n; q++) {
        const kh_lex_entry *e = &lex->e[d->m[q].entry];
        if (e->table != KH_LEX_QUAL || !(e->b & pos))
            continue;
        if (best < 0 || d->m[q].end > best_end) {
            best = (int)d->m[q].entry;
            best_end = d->m[q].end;
        }
    }
    if (best >= 0)
        *end = best_end;
    return best;
}

/* The qualifier ending right before token i (searching back a few tokens). */
static int qual_before(const kh_lex *lex, const kh_fdoc *d, size_t i, size_t *qstart)
{
    for (size_t back = 1; back <= 5 && back <= i; back++) {
        size_t j = i - back, end;
        if (d->t[j].sent != d->t[i].sent)
            break;
        int x = qual_at(lex, d, j, KH_QUAL_BEFORE, &end);
        if (x >= 0 && end == i) {
            *qstart = j;
            return x;
        }
    }
    return -1;
}

static void set_range(kh_figure *f, const kh_lex_entry *q)
{
    double n = f->value;
    f->qual = q ? q->a : KH_QUAL_EXACT;
    double lo = q ? q->x : 1, hi = q ? q->y : 1;
    f->lo = floor(lo * n + 1e-9);
    f->lo_open = f->qual == KH_QUAL_MORE_THAN;
    if (hi < 0) {
        f->hi_inf = 1;
        f->hi = 0;
    } else {
        f->hi = ceil(hi * n - 1e-9);
        f->hi_open = f->qual == KH_QUAL_LESS_THAN;
    }
}

/* Whether the cue at [j, end) stands right before another number. */
static int cue_owned_by_next(const kh_lex *lex, const kh_fdoc *d, size_t end)
{
    size_t k = end, qe;
    for (int hop = 0; hop < 2 && k < d->n; hop++) {
        if (d->t[k].kind == KH_TOKEN_NUMBER || kh_fdoc_match(d, lex, k, KH_LEX_NUMW, &qe) >= 0)
            return 1;
        int x = kh_fdoc_match(d, lex, k, KH_LEX_QUAL, &qe);
        if (x < 0)
            return 0;
        k = qe;
    }
    return 0;
}

static int is_ra(const kh_fdoc *d, size_t i)
{
    return i < d->n && d->t[i].klen == 4 && memcmp(kh_ftok_key(d, i), "\xd8\xb1\xd8\xa7", 4) == 0;
}

static int is_number_tok(const kh_lex *lex, const kh_fdoc *d, size_t k)
{
    size_t e;
    if (d->t[k].kind == KH_TOKEN_NUMBER)
        return 1;
    int x = kh_fdoc_match(d, lex, k, KH_LEX_NUMW, &e);
    return x >= 0 && lex->e[x].x != 1; /* یک، واحد: an article, not a number */
}

static kh_span tok_span(const kh_fdoc *d, size_t tb, size_t te)
{
    kh_span s = {d->t[tb].start, d->t[te - 1].end};
    return s;
}

/* Counted thing: fills f->thing and f->cue. */
static void find_thing(const kh_lex *lex, const kh_fdoc *d, size_t nb, size_t na, kh_figure *f)
{
    uint32_t sent = d->t[f->tb].sent;
    const kh_fsent *s = &d->s[sent];
    int best = KH_THING_NONE;
    size_t best_dist = SIZE_MAX, bb = 0, be = 0;
    /* Persian object with را: the clause's verb decides */
    if (!d->arabic && is_ra(d, na)) {
        for (size_t k = na + 1; k < s->tok_end; k++) {
            size_t end;
            int flags = 0;
            int th = count_at(lex, d, k, &end, &flags);
            if (th >= KH_THING_KILLED && th <= KH_THING_OTHER && (flags & KH_COUNT_VERB)) {
                f->thing = th;
                f->cue = tok_span(d, k, end);
                return;
            }
        }
    }
    /* before: cues ending at most BEFORE_WINDOW tokens before nb */
    for (size_t back = 1; back <= BEFORE_WINDOW + 3 && back <= nb; back++) {
        size_t j = nb - back, end;
        if (j < s->tok_begin)
            break;
        if (is_number_tok(lex, d, j) || (d->t[j + 1].gap & KH_GAP_COMMA))
            break;
        int th = count_at(lex, d, j, &end, NULL);
        if (th >= KH_THING_KILLED && th <= KH_THING_OTHER && end <= nb) {
            size_t dist = nb - end;
            if (dist <= BEFORE_WINDOW && dist < best_dist) {
                best = th;
                best_dist = dist;
                bb = j;
                be = end;
            }
        }
    }
    /* after */
    for (size_t k = na; k < s->tok_end && k < na + AFTER_WINDOW; k++) {
        size_t end;
        if (k > na && is_number_tok(lex, d, k))
            break;
        if (d->t[k].gap & KH_GAP_COMMA)
            break; /* another clause */
        int th = count_at(lex, d, k, &end, NULL);
        if (th >= KH_THING_KILLED && th <= KH_THING_OTHER) {
            if (cue_owned_by_next(lex, d, end))
                break;
            size_t dist = k - na;
            if (dist < best_dist || (dist == best_dist && !d->arabic)) {
                best = th;
                best_dist = dist;
                bb = k;
                be = end;
            }
            break;
        }
    }
    if (best != KH_THING_NONE) {
        f->thing = best;
        f->cue = tok_span(d, bb, be);
    }
}

/* Raw date text around token k: "3 ژانویه", "22 مارس 2024", "يوم الجمعة". */
static int date_at(const kh_lex *lex, const kh_fdoc *d, size_t k, size_t *tb, size_t *te)
{
    size_t end;
    int kind = datew_at(lex, d, k, &end);
    uint32_t sent = d->t[k].sent;
    if (kind == KH_DATEW_MONTH) {
        size_t b = k, e = end, e2;
        if (k > 0 && (d->t[k].gap & KH_GAP_PAREN) && datew_at(lex, d, k - 1, &e2) == KH_DATEW_MONTH)
            return 0; /* يناير (كانون الثاني): a gloss of the month before */
        if (k > 0 && d->t[k - 1].kind == KH_TOKEN_NUMBER && d->t[k - 1].sent == sent)
            b = k - 1;
        if (e < d->n && d->t[e].kind == KH_TOKEN_NUMBER && d->t[e].sent == sent &&
            !(d->t[e].gap & KH_GAP_PAREN))
            e++;
        *tb = b;
        *te = e;
        return 1;
    }
    if (kind == KH_DATEW_WEEKDAY || kind == KH_DATEW_REL) {
        size_t b = k;
        size_t e2;
        if (k > 0 && datew_at(lex, d, k - 1, &e2) == KH_DATEW_CUE && e2 == k)
            b = k - 1;
        *tb = b;
        *te = end;
        return 1;
    }
    return 0;
}

static int anchor_rank(const kh_entity *e)
{
    if (e->type != KH_ENT_PLACE)
        return 0;
    switch (e->subtype) {
    case KH_SUB_CITY: case KH_SUB_VENUE: case KH_SUB_REGION:
        return e->source == KH_SRC_GAZ ? 4 : e->source == KH_SRC_PROPAGATED ? 2 : 3;
    case KH_SUB_COUNTRY:
        return 1;
    default:
        return 2;
    }
}

static size_t tdist(size_t a, size_t b)
{
    return a > b ? a - b : b - a;
}

static void find_happening(const kh_lex *lex, const kh_fdoc *d, const kh_fres *r, kh_figure *f)
{
    const kh_fsent *s = &d->s[f->tb < d->n ? d->t[f->tb].sent : 0];
    size_t ev = SIZE_MAX, ev_end = 0, best = SIZE_MAX;
    for (size_t k = s->tok_begin; k < s->tok_end; k++) {
        size_t end;
        if (count_at(lex, d, k, &end, NULL) == KH_THING_EVENT && tdist(k, f->tb) < best) {
            best = tdist(k, f->tb);
            ev = k;
            ev_end = end;
        }
    }
    if (ev != SIZE_MAX)
        f->event = tok_span(d, ev, ev_end);
    /* anchor: the most specific place of the sentence, nearest the event */
    int arank = 0;
    size_t adist = SIZE_MAX;
    f->anchor = -1;
    for (size_t k = s->tok_begin; k < s->tok_end; k++) {
        int32_t e = r->tok_ent[k];
        if (e < 0 || r->ent[e].tb != k)
            continue;
        int rank = anchor_rank(&r->ent[e]);
        if (!rank)
            continue;
        size_t dd = tdist(k, f->tb);
        if (rank > arank || (rank == arank && dd < adist)) {
            arank = rank;
            adist = dd;
            f->anchor = e;
        }
    }
    /* dates: nearest the event, and nearest the figure */
    size_t dbest = SIZE_MAX, fbest = SIZE_MAX;
    for (size_t k = s->tok_begin; k < s->tok_end; k++) {
        size_t tb, te;
        if (!date_at(lex, d, k, &tb, &te))
            continue;
        if (ev != SIZE_MAX && tdist(k, ev) < dbest) {
            dbest = tdist(k, ev);
            f->date = tok_span(d, tb, te);
        }
        if (tdist(k, f->tb) < fbest) {
            fbest = tdist(k, f->tb);
            f->fdate = tok_span(d, tb, te);
        }
        k = te > k + 1 ? te - 1 : k;
    }
}

static int year_like(double v)
{
    return (v >= 1300 && v <= 1450) || (v >= 1900 && v <= 2100);
}

int kh_figures_find(const kh_lex *lex, const kh_fdoc *d, kh_fres *r)
{
    r->nfig = 0;
    size_t i = 0;
    while (i < d->n) {
        double value;
        int words = 0;
        size_t ne = number_at(lex, d, i, &value, &words);
        if (!ne) {
            i++;
            continue;
        }
        uint32_t sent = d->t[i].sent;
        size_t end;
        /* dates: a month or date word next to the number */
        if ((i > 0 && d->t[i - 1].sent == sent && datew_at(lex, d, i - 1, &end) == KH_DATEW_MONTH) ||
            (ne < d->n && d->t[ne].sent == sent && datew_at(lex, d, ne, &end) == KH_DATEW_MONTH)) {
            i = ne;
            continue;
        }
        kh_figure f = {0};
        f.tb = (uint32_t)i;
        f.te = (uint32_t)ne;
        f.sent = sent;
        f.span = tok_span(d, i, ne);
        f.value = value;
        f.anchor = -1;
        size_t na = ne; /* first token after number and unit */
        int thing_unit = KH_THING_NONE;
        if (ne < d->n && d->t[ne].sent == sent && !(d->t[ne].gap & KH_GAP_SENT)) {
            int th = count_at(lex, d, ne, &end, NULL);
            if (th == KH_THING_SKIP) {
                i = ne;
                continue;
            }
            if (th == KH_THING_UNIT) {
                f.unit = tok_span(d, ne, end);
                thing_unit = KH_THING_OTHER;
                na = end;
            }
        }
        if (words && value == 1) {
            i = ne; /* یک، واحد: "a", not a count */
            continue;
        }
        if (words && thing_unit == KH_THING_NONE) {
            /* number words need a counted noun right after, or a count cue
             * right before (مقتل ثلاثة من جنوده): نه، ست are words too */
            int th = ne < d->n ? count_at(lex, d, ne, &end, NULL) : 0;
            for (size_t b = i > 2 ? i - 2 : 0; b < i && !(th >= KH_THING_KILLED && th <= KH_THING_OTHER); b++)
                if (d->t[b].sent == sent) {
                    th = count_at(lex, d, b, &end, NULL);
                    if (end != i)
                        th = 0;
                }
            if (!(th >= KH_THING_KILLED && th <= KH_THING_OTHER)) {
                i = ne;
                continue;
            }
        }
        if (year_like(value) && thing_unit == KH_THING_NONE && value == floor(value)) {
            i = ne;
            continue;
        }
        size_t qs = i;
        int q = qual_before(lex, d, i, &qs);
        if (q >= 0)
            f.qspan = tok_span(d, qs, i);
        else {
            /* after: right after the number or its unit, or one word later (منهم) */
            for (size_t k = na; k < na + 2 && k < d->n && d->t[k].sent == sent; k++) {
                int x = qual_at(lex, d, k, KH_QUAL_AFTER, &end);
                if (x >= 0) {
                    q = x;
                    f.qspan = tok_span(d, k, end);
                    break;
                }
            }
        }
        set_range(&f, q >= 0 ? &lex->e[q] : NULL);
        find_thing(lex, d, qs, na, &f);
        if (f.thing == KH_THING_NONE)
            f.thing = thing_unit;
        if (f.thing == KH_THING_NONE) {
            i = ne;
            continue;
        }
        find_happening(lex, d, r, &f);
        int rc = push_figure(r, &f);
        if (rc != KH_OK)
            return rc;
        i = ne;
    }
    return KH_OK;
}
