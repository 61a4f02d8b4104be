/*
 * entities.c: people, organizations and places in a text.
 *
 * Three sources, tried at each token in this order:
 *
 *   1. the gazetteer (data/facts/gazetteer_*.tsv): the longest phrase that
 *      starts here, with its canonical key, type and subtype;
 *   2. cue words (data/facts/entity_cues.tsv) before a name: an agency
 *      cue (خبرگزاری، وكالة) or a place cue (شهر، مدينة، قاعة) names what
 *      follows; an org-head cue (وزارت، وزارة) is itself the start of the
 *      name; an honorific (آقای، السيد) precedes a person. The name is a
 *      quoted span («کروکوس», "كروكوس") or a few words that are neither
 *      function words nor cues nor numbers;
 *   3. a quoted span followed by a title (« دمیتری پسکوف » سخنگوی ...).
 *
 * Names found by cues or quotes get the skeleton key (facts.c), the same
 * for Persian and Arabic spellings; a second pass marks their other,
 * uncued mentions in the text (kh_ent_src "propagated").
 */
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "facts/facts.h"

#define NAME_MAX_TOKENS 4

static int push_entity(kh_fres *r, const kh_entity *e)
{
    if (r->nent == r->cent) {
        size_t cap = r->cent ? r->cent * 2 : 64;
        kh_entity *v = realloc(r->ent, cap * sizeof *v);
        if (!v)
            return kh_set_error(KH_ENOMEM, "out of memory for entities");
        r->ent = v;
        r->cent = cap;
    }
    r->ent[r->nent++] = *e;
    return KH_OK;
}

static int cue_class(const kh_lex *lex, const kh_fdoc *d, size_t i, size_t *end)
{
    int x = kh_fdoc_match(d, lex, i, KH_LEX_ECUE, end);
    return x < 0 ? 0 : lex->e[x].a;
}

/* Whether token i may be part of a name after a cue. */
static int nameish(const kh_lex *lex, const kh_fdoc *d, size_t i, uint32_t sent)
{
    size_t end;
    if (i >= d->n || d->t[i].sent != sent || d->t[i].kind != KH_TOKEN_WORD)
        return 0;
    if (kh_fdoc_is_stop(d, lex, i))
        return 0;
    if (kh_fdoc_match(d, lex, i, KH_LEX_ECUE, &end) >= 0 ||
        kh_fdoc_match(d, lex, i, KH_LEX_RVERB, &end) >= 0 ||
        kh_fdoc_match(d, lex, i, KH_LEX_COUNT, &end) >= 0 ||
        kh_fdoc_match(d, lex, i, KH_LEX_DATEW, &end) >= 0 ||
        kh_fdoc_match(d, lex, i, KH_LEX_NUMW, &end) >= 0 ||
        kh_fdoc_match(d, lex, i, KH_LEX_QUAL, &end) >= 0)
        return 0;
    return 1;
}

/* A quoted span starting at token i (the gap before it opens a quote):
 * returns the token after it, or 0 when it is not a short quote. */
static size_t quoted_end(const kh_fdoc *d, size_t i)
{
    if (i >= d->n || !(d->t[i].gap & KH_GAP_QOPEN))
        return 0;
    uint32_t sent = d->t[i].sent;
    for (size_t j = i + 1; j <= i + NAME_MAX_TOKENS && j <= d->n; j++) {
        if (j == d->n)
            return 0;
        if (d->t[j].sent != sent)
            return 0;
        if (d->t[j].gap & KH_GAP_QCLOSE)
            return j;
    }
    return 0;
}

static void make_key(const kh_fdoc *d, size_t tb, size_t te, char *key, size_t cap)
{
    /* skeleton of the folded tokens joined by spaces, prefixed "x:" */
    char tmp[256];
    size_t n = 0;
    for (size_t i = tb; i < te && n + 2 < sizeof tmp; i++) {
        const char *k = kh_ftok_key(d, i);
        size_t kl = d->t[i].klen;
        if (n && n + 1 < sizeof tmp)
            tmp[n++] = ' ';
        if (n + kl >= sizeof tmp)
            break;
        memcpy(tmp + n, k, kl);
        n += kl;
    }
    if (cap < 3) {
        if (cap)
            key[0] = '\0';
        return;
    }
    key[0] = 'x';
    key[1] = ':';
    size_t s = kh_name_skeleton(tmp, n, key + 2, cap - 2);
    if (s == 0) {
        /* nothing skeletal (all vowels, or a script we do not map): the folded form */
        size_t m = n < cap - 3 ? n : cap - 3;
        memcpy(key + 2, tmp, m);
        key[2 + m] = '\0';
    }
}

static int add_entity(kh_fres *r, const kh_fdoc *d, size_t tb, size_t te, int type, int subtype,
                      int source, const char *key)
{
    kh_entity e = {0};
    e.tb = (uint32_t)tb;
    e.te = (uint32_t)te;
    e.span.start = d->t[tb].start;
    e.span.end = d->t[te - 1].end;
    e.type = type;
    e.subtype = subtype;
    e.source = source;
    if (key) {
        size_t kl = strlen(key);
        if (kl >= sizeof e.key)
            kl = sizeof e.key - 1;
        memcpy(e.key, key, kl);
        e.key[kl] = '\0';
    } else {
        make_key(d, tb, te, e.key, sizeof e.key);
    }
    for (size_t i = tb; i < te; i++)
        r->tok_ent[i] = (int32_t)r->nent;
    return push_entity(r, &e);
}

/* The name after a cue at [i, cue_end): returns its end token, or 0. */
static size_t name_after(const kh_lex *lex, const kh_fdoc *d, size_t j, size_t max, int place)
{
    uint32_t sent = j < d->n ? d->t[j].sent : 0;
    size_t q = quoted_end(d, j);
    if (q)
        return q;
    size_t k = j;
    if (d->arabic && place && k < d->n) {
        /* an Arabic name after a cue does not take the article or a
         * preposition: قاعة الحفلات الموسيقية, قاعة للحفلات */
        const char *key = kh_ftok_key(d, k);
        if (d->t[k].klen >= 4 && (memcmp(key, "\xd8\xa7\xd9\x84", 4) == 0 ||
                                  memcmp(key, "\xd9\x84\xd9\x84", 4) == 0))
            return 0;
    }
    while (k < d->n && k - j < max && nameish(lex, d, k, sent)) {
        if (k > j && (d->t[k].gap & KH_GAP_PUNCT))
            break;
        size_t gend;
        if (kh_fdoc_match(d, lex, k, KH_LEX_GAZ, &gend) >= 0)
            break; /* a known name: the gazetteer takes it */
        k++;
        if (place)
            break; /* places: one word unless quoted */
    }
    return k > j ? k : 0;
}

int kh_entities_find(const kh_lex *lex, const kh_fdoc *d, kh_fres *r)
{
    r->nent = 0;
    if (d->n > r->ctok) {
        int32_t *v = realloc(r->tok_ent, d->n * sizeof *v);
        if (!v)
            return kh_set_error(KH_ENOMEM, "out of memory for entities");
        r->tok_ent = v;
        r->ctok = d->n;
    }
    for (size_t i = 0; i < d->n; i++)
        r->tok_ent[i] = -1;
    int rc = KH_OK;
    size_t i = 0;
    while (i < d->n && rc == KH_OK) {
        size_t end;
        int g = kh_fdoc_match(d, lex, i, KH_LEX_GAZ, &end);
        if (g >= 0) {
            const kh_lex_entry *e = &lex->e[g];
            rc = add_entity(r, d, i, end, e->a, e->b, KH_SRC_GAZ, kh_lex_str(lex, e));
            i = end;
            continue;
        }
        int cls = cue_class(lex, d, i, &end);
        if (cls == KH_CUE_AGENCY || cls == KH_CUE_PLACE || cls == KH_CUE_HONORIFIC ||
            cls == KH_CUE_ORGHEAD) {
            size_t j = end;
            /* place cues chain: قاعة مدينة كروكوس، تالار کنسرت ... */
            size_t e2;
            while (cls == KH_CUE_PLACE && cue_class(lex, d, j, &e2) == KH_CUE_PLACE &&
                   !(d->t[j].gap & KH_GAP_QOPEN))
                j = e2;
            size_t gend;
            int gaz_next = kh_fdoc_match(d, lex, j, KH_LEX_GAZ, &gend) >= 0 ||
                           (j + 1 < d->n && !(d->t[j + 1].gap & KH_GAP_PUNCT) &&
                            kh_fdoc_match(d, lex, j + 1, KH_LEX_GAZ, &gend) >= 0 &&
                            cls != KH_CUE_ORGHEAD);
            if (!gaz_next && j < d->n && d->t[j].sent == d->t[i].sent) {
                size_t max = cls == KH_CUE_ORGHEAD ? 3 : 2;
                size_t ne = name_after(lex, d, j, max, cls == KH_CUE_PLACE || cls == KH_CUE_AGENCY);
                if (ne) {
                    int type = cls == KH_CUE_PLACE       ? KH_ENT_PLACE
                               : cls == KH_CUE_HONORIFIC ? KH_ENT_PERSON
                                                         : KH_ENT_ORG;
                    int sub = cls == KH_CUE_AGENCY ? KH_SUB_AGENCY
                              : cls == KH_CUE_PLACE ? KH_SUB_VENUE
                              : cls == KH_CUE_HONORIFIC ? KH_SUB_PERSON
                                                        : KH_SUB_ORG;
                    size_t tb = cls == KH_CUE_ORGHEAD ? i : j;
                    /* an org-head name may end with a known place: وزارت ... ایران */
                    if (cls == KH_CUE_ORGHEAD && ne < d->n &&
                        kh_fdoc_match(d, lex, ne, KH_LEX_GAZ, &gend) >= 0 &&
                        !(d->t[ne].gap & KH_GAP_PUNCT) && gend - ne == 1)
                        ne = gend;
                    rc = add_entity(r, d, tb, ne, type, sub,
                                    quoted_end(d, j) ? KH_SRC_QUOTE : KH_SRC_CUE, NULL);
                    i = ne;
                    continue;
                }
            }
            i = end;
            continue;
        }
        /* a quoted name followed by a title: «دمیتری پسکوف» سخنگوی ... */
        size_t q = quoted_end(d, i);
        if (q && q < d->n && cue_class(lex, d, q, &end) == KH_CUE_TITLE) {
            /* the quotes are evidence enough: «علی رضایی» has an Ali that
             * folds like the Arabic preposition على */
            int ok = 1;
            for (size_t k = i; k < q; k++)
                if (d->t[k].kind != KH_TOKEN_WORD)
                    ok = 0;
            if (ok) {
                rc = add_entity(r, d, i, q, KH_ENT_PERSON, KH_SUB_PERSON, KH_SRC_QUOTE, NULL);
                i = q;
                continue;
            }
        }
        i++;
    }
    if (rc != KH_OK)
        return rc;
    /* propagation: other mentions of one-word names found by cues */
    size_t ncue = r->nent;
    for (size_t e = 0; e < ncue && rc == KH_OK; e++) {
        const kh_entity *en = &r->ent[e];
        if (en->source == KH_SRC_GAZ || en->te - en->tb != 1)
            continue;
        uint64_t h = d->t[en->tb].h;
        for (size_t k = 0; k < d->n && rc == KH_OK; k++) {
            if (r->tok_ent[k] >= 0)
                continue;
            int hit = d->t[k].h == h;
            for (uint8_t v = 0; !hit && v < d->t[k].nv; v++)
                hit = d->t[k].hv[v] == h;
            if (hit) {
                kh_entity copy = r->ent[e];
                rc = add_entity(r, d, k, k + 1, copy.type, copy.subtype, KH_SRC_PROPAGATED,
                                copy.key);
            }
        }
    }
    return rc;
}
