/*
 * attribution.c: who says what, and how: speaker, reporting verb,
 * content span, stance, and chains of sources.
 *
 * Per sentence (lexicon.c splits on . ! ? ؟ and line ends outside quotes),
 * the phrases of reporting_verbs.tsv are read in order:
 *
 *   verb       گفت، اعلام کرد، قال، أعلن، نفت، پاسخی نداد، said ...
 *              The speaker is a candidate phrase (an entity, a title or
 *              source phrase: سخنگوی کرملین، مصدر مطلع، وزارة ...): in
 *              Arabic (verb first) the one right after the verb, else the
 *              leftmost of the verb's clause (Persian puts the subject
 *              first and the verb last). The content runs from the colon,
 *              quote or complementizer (که، أن، إن، that) after the verb to
 *              the end of the sentence; when the verb ends the sentence,
 *              the content is between speaker and verb.
 *   phrase     a stance phrase inside someone's content (مطلع نیستم،
 *              ليس لدي معلومات): it sets the stance of that attribution,
 *              unless the phrase has its own speaker in its clause.
 *              Verbs of a non-claim stance without a speaker of their own
 *              (اطلاعی ... ندارد after "Moscow says that") do the same.
 *   cite       به نقل از X، نقلا عن X، citing X (and عن X after a verb of
 *              reporting): X is a cited source of the attribution whose
 *              clause holds it; at the start of a sentence, with no
 *              speaker before it, the whole sentence is X's (a chain).
 *   according  به گفته X، وفقا لـ X، according to X: the sentence is X's.
 *
 * Finally each attribution's parent is the smallest other content span
 * holding its verb: outlet -> Reuters -> three sources is a chain.
 */
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/grow.h"
#include "facts/facts.h"

#define KH_RV_COMP 5 /* complementizer (reporting_verbs.tsv "comp") */
#define SPEAKER_MAX_TOKENS 6

static int push_att(kh_fres *r, const kh_attribution *a)
{
    kh_attribution *v = kh_grow(r->att, &r->catt, r->natt, sizeof *v, 32);
    if (!v)
        return kh_set_error(KH_ENOMEM, "out of memory for attributions");
    r->att = v;
    r->att[r->natt++] = *a;
    return KH_OK;
}

static int rv_at(const kh_lex *lex, const kh_fdoc *d, size_t i, size_t *end, int *stance)
{
    int x = kh_fdoc_match(d, lex, i, KH_LEX_RVERB, end);
    if (x < 0)
        return 0;
    if (stance)
        *stance = lex->e[x].a;
    return lex->e[x].b;
}

static int cue_at(const kh_lex *lex, const kh_fdoc *d, size_t i, size_t *end)
{
    int x = kh_fdoc_match(d, lex, i, KH_LEX_ECUE, end);
    return x < 0 ? 0 : lex->e[x].a;
}

static int is_key(const kh_fdoc *d, size_t i, const char *k);

/* Complementizers; in Persian text folded "ان" is the pronoun آن, not the
 * Arabic أن/إن it folds together with, so only که counts there. */
static int is_comp(const kh_lex *lex, const kh_fdoc *d, size_t i)
{
    size_t end;
    if (i >= d->n || rv_at(lex, d, i, &end, NULL) != KH_RV_COMP)
        return 0;
    return d->arabic || !is_key(d, i, "\xd8\xa7\xd9\x86");
}

static int is_key(const kh_fdoc *d, size_t i, const char *k)
{
    size_t n = strlen(k);
    return i < d->n && d->t[i].klen == n && memcmp(kh_ftok_key(d, i), k, n) == 0;
}

static int speaker_entity_ok(const kh_entity *e)
{
    return e->type == KH_ENT_PERSON || e->type == KH_ENT_ORG ||
           (e->type == KH_ENT_PLACE &&
            (e->subtype == KH_SUB_COUNTRY || e->subtype == KH_SUB_CITY ||
             e->subtype == KH_SUB_GOV));
}

/*
 * A speaker phrase starting at token k (within [k, lim)): an entity, or a
 * title/source/agency/org cue with what follows it (entities, words that
 * are not function words, up to a few), or a number before a source noun
 * (سه منبع). Returns the end token or 0; *ent the entity in it (a person
 * first) and *anon for anonymous sources.
 */
static size_t speaker_at(const kh_lex *lex, const kh_fdoc *d, const kh_fres *r, size_t k,
                         size_t lim, int *ent, int *anon)
{
    size_t end;
    *ent = -1;
    *anon = 0;
    if (k >= lim)
        return 0;
    size_t j = k;
    if (is_key(d, k, "\xd9\x8a\xd9\x83\xd9\x8a") && k + 1 < lim &&
        is_key(d, k + 1, "\xd8\xa7\xd8\xb2"))
        j = k + 2; /* یکی از */
    else if (is_key(d, k, "\xd8\xa7\xd8\xad\xd8\xaf") ||
             is_key(d, k, "\xd8\xa8\xd8\xb9\xd8\xb6") ||
             is_key(d, k, "\xd9\x87\xd8\xb0\xd8\xa7") ||
             is_key(d, k, "\xd9\x87\xd8\xb0\xd9\x87") ||
             is_key(d, k, "\xd8\xa7\xd9\x8a\xd9\x86"))
        j = k + 1; /* أحد، بعض، هذا، هذه، این */
    else if (d->t[k].kind == KH_TOKEN_NUMBER ||
             kh_fdoc_match(d, lex, k, KH_LEX_NUMW, &end) >= 0) {
        size_t e2 = d->t[k].kind == KH_TOKEN_NUMBER ? k + 1 : end;
        if (cue_at(lex, d, e2, &end) != KH_CUE_SOURCE)
            return 0;
        j = e2;
    }
    int32_t e = j < d->n ? r->tok_ent[j] : -1;
    size_t p;
    if (e >= 0 && r->ent[e].tb == j && speaker_entity_ok(&r->ent[e])) {
        *ent = e;
        p = r->ent[e].te;
        /* «دمیتری پسکوف» سخنگوی کرملین: a title after the name */
        size_t ce;
        if (p < lim && cue_at(lex, d, p, &ce) == KH_CUE_TITLE &&
            !(d->t[p].gap & (KH_GAP_SENT | KH_GAP_COLON))) {
            p = ce;
            if (p < lim && r->tok_ent[p] >= 0 && r->ent[r->tok_ent[p]].tb == p)
                p = r->ent[r->tok_ent[p]].te;
        }
        return p;
    }
    int cls = cue_at(lex, d, j, &end);
    if (cls != KH_CUE_TITLE && cls != KH_CUE_SOURCE && cls != KH_CUE_AGENCY &&
        cls != KH_CUE_ORGHEAD)
        return 0;
    if (e >= 0 && r->ent[e].tb == j && r->ent[e].te > end)
        end = r->ent[e].te; /* وزارة الاستخبارات الإيرانية as one entity */
    *anon = cls == KH_CUE_SOURCE;
    p = end;
    size_t extra = 0;
    while (p < lim && extra < 4) {
        const kh_ftok *tk = &d->t[p];
        if (tk->gap & (KH_GAP_SENT | KH_GAP_COLON | KH_GAP_QCLOSE))
            break;
        if (kh_fdoc_prep_attached(d, lex, p, KH_LEX_ECUE) ||
            kh_fdoc_prep_attached(d, lex, p, KH_LEX_GAZ))
            break; /* مصادر مطلعة لوكالة رويترز: the agency is addressed */
        int32_t pe = r->tok_ent[p];
        if (tk->gap & KH_GAP_COMMA) {
            /* apposition: المتحدث باسم الكرملين، ديمتري بيسكوف */
            if (pe >= 0 && r->ent[pe].tb == p && r->ent[pe].type == KH_ENT_PERSON) {
                if (*ent < 0 || r->ent[*ent].type != KH_ENT_PERSON)
                    *ent = pe;
                p = r->ent[pe].te;
            }
            break;
        }
        if (pe >= 0 && r->ent[pe].tb == p) {
            if (*ent < 0 || (r->ent[pe].type == KH_ENT_PERSON &&
                             r->ent[*ent].type != KH_ENT_PERSON))
                *ent = pe;
            p = r->ent[pe].te;
            extra++;
            continue;
        }
        size_t ce;
        int c2 = cue_at(lex, d, p, &ce);
        if (c2 == KH_CUE_TITLE || c2 == KH_CUE_AGENCY || c2 == KH_CUE_ORGHEAD) {
            p = ce;
            extra++;
            continue;
        }
        /* a word before a known name: خبرگزاری انگلیسی رویترز */
        if (p + 1 < lim && !(d->t[p + 1].gap & KH_GAP_PUNCT) && r->tok_ent[p + 1] >= 0 &&
            r->ent[r->tok_ent[p + 1]].tb == p + 1 && extra < 3 && *ent < 0 &&
            speaker_entity_ok(&r->ent[r->tok_ent[p + 1]]) && !rv_at(lex, d, p, &ce, NULL)) {
            *ent = r->tok_ent[p + 1];
            p = r->ent[*ent].te;
            break;
        }
        if (tk->kind != KH_TOKEN_WORD || kh_fdoc_is_stop(d, lex, p) ||
            rv_at(lex, d, p, &ce, NULL) || kh_fdoc_match(d, lex, p, KH_LEX_DATEW, &ce) >= 0 ||
            kh_fdoc_match(d, lex, p, KH_LEX_COUNT, &ce) >= 0 ||
            kh_fdoc_match(d, lex, p, KH_LEX_NUMW, &ce) >= 0)
            break;
        /* one modifier word (مطلع، أميركي، ثان) */
        if (extra >= 2)
            break;
        p++;
        extra++;
    }
    if (*ent < 0 && e >= 0 && r->ent[e].tb == j)
        *ent = e;
    return p;
}

/* Skips time words after a verb (اليوم الاثنين، يوم الجمعة، امروز). */
static size_t skip_time(const kh_lex *lex, const kh_fdoc *d, size_t k, size_t lim)
{
    size_t end;
    while (k < lim && kh_fdoc_match(d, lex, k, KH_LEX_DATEW, &end) >= 0)
        k = end;
    return k;
}

static kh_span span_of(const kh_fdoc *d, size_t tb, size_t te)
{
    kh_span s = {0, 0};
    if (te > tb && te <= d->n) {
        s.start = d->t[tb].start;
        s.end = d->t[te - 1].end;
    }
    return s;
}

/* Whether the complementizer at c opens a relative clause on a speaker
 * phrase (سومین منبع مطلعی که ...), which must not cut the clause. */
static int relative_comp(const kh_lex *lex, const kh_fdoc *d, const kh_fres *r, size_t sb,
                         size_t c)
{
    if (d->arabic || c == sb)
        return 0;
    for (size_t b = c > sb + 4 ? c - 4 : sb; b < c; b++) {
        int ent, anon;
        if (speaker_at(lex, d, r, b, c, &ent, &anon) == c)
            return 1;
    }
    return 0;
}

/* The start of the clause that ends before token v: after a colon, a
 * complementizer, the previous reporting verb, or the sentence start. */
static size_t clause_start(const kh_lex *lex, const kh_fdoc *d, const kh_fres *r, size_t sb,
                           size_t v, size_t floor_tok)
{
    size_t k = v;
    while (k > sb && k > floor_tok) {
        if (d->t[k].gap & KH_GAP_COLON && k != v)
            return k;
        if (is_comp(lex, d, k - 1) && !relative_comp(lex, d, r, sb, k - 1))
            return k;
        if (d->t[k].gap & KH_GAP_QOPEN && k != v && !(d->t[k - 1].gap & KH_GAP_QOPEN)) {
            /* an opening quote: the clause starts with the quotation */
            size_t q = k;
            int close = 0;
            for (size_t j = q + 1; j < v; j++)
                if (d->t[j].gap & KH_GAP_QCLOSE)
                    close = 1;
            if (!close)
                return k;
        }
        k--;
    }
    return k > floor_tok ? k : floor_tok;
}

static void set_speaker(kh_attribution *a, const kh_fdoc *d, size_t tb, size_t te, int ent,
                        int anon)
{
    a->speaker = span_of(d, tb, te);
    a->speaker_entity = ent;
    a->speaker_anon = anon;
}

/* A verb with no subject of its own (وأضاف أن، او افزود، به گفته او)
 * continues the last speaker, if one spoke in this or the two sentences
 * before. */
static void inherit_speaker(const kh_fres *r, kh_attribution *a, size_t si)
{
    for (size_t q = r->natt; q > 0; q--) {
        const kh_attribution *p = &r->att[q - 1];
        if (p->sent + 2 < si)
            return;
        if (p->speaker.end > p->speaker.start) {
            a->speaker = p->speaker;
            a->speaker_entity = p->speaker_entity;
            a->speaker_anon = p->speaker_anon;
            a->speaker_coref = 1;
            return;
        }
    }
}

/* "This agency" (این خبرگزاری، الوكالة): the last agency named before. */
static void resolve_agency(const kh_lex *lex, const kh_fdoc *d, const kh_fres *r,
                           kh_attribution *a, size_t sp_b)
{
    size_t end;
    if (a->speaker_entity >= 0 || a->speaker_anon)
        return;
    int x = kh_fdoc_match(d, lex, sp_b, KH_LEX_ECUE, &end);
    if (x < 0 || lex->e[x].a != KH_CUE_AGENCY)
        x = kh_fdoc_match(d, lex, sp_b + 1, KH_LEX_ECUE, &end); /* این خبرگزاری */
    if (x < 0 || lex->e[x].a != KH_CUE_AGENCY)
        return;
    for (size_t e = r->nent; e > 0; e--) {
        const kh_entity *en = &r->ent[e - 1];
        if (en->subtype == KH_SUB_AGENCY && en->span.end <= a->speaker.start) {
            a->speaker_entity = (int)(e - 1);
            return;
        }
    }
}

/* Whether a phrase at k is governed by a preposition (به رویترز گفت،
 * في إيران، لوكالة): an addressee or a place, not a speaker. */
static int is_object(const kh_lex *lex, const kh_fdoc *d, const kh_fres *r, size_t k)
{
    size_t end;
    if (k > 0 && d->t[k - 1].sent == d->t[k].sent && !(d->t[k].gap & KH_GAP_PUNCT & ~KH_GAP_QOPEN) &&
        cue_at(lex, d, k - 1, &end) == KH_CUE_PREP)
        return 1;
    int32_t e = r->tok_ent[k];
    return kh_fdoc_prep_attached(d, lex, k, KH_LEX_ECUE) ||
           (e >= 0 && r->ent[e].tb == k && kh_fdoc_prep_attached(d, lex, k, KH_LEX_GAZ));
}

/* The leftmost speaker phrase in [from, to). */
static size_t leftmost_speaker(const kh_lex *lex, const kh_fdoc *d, const kh_fres *r,
                               size_t from, size_t to, size_t *sb, int *ent, int *anon)
{
    for (size_t k = from; k < to; k++) {
        if (is_object(lex, d, r, k))
            continue;
        size_t e = speaker_at(lex, d, r, k, to, ent, anon);
        if (e) {
            *sb = k;
            return e;
        }
    }
    return 0;
}

/* The last attribution since from whose content holds verb, or -1. */
static int host_of(const kh_fres *r, size_t from, kh_span verb)
{
    int host = -1;
    for (size_t q = from; q < r->natt; q++)
        if (r->att[q].content.start <= verb.start && verb.end <= r->att[q].content.end)
            host = (int)q;
    return host;
}

/* Content after position p (token) to the sentence end; empty if none. */
static kh_span content_after(const kh_lex *lex, const kh_fdoc *d, size_t p, size_t se)
{
    /* a complementizer a few words on (للصحفيين إن، قولهم إن) opens it,
     * unless a colon or a quote does right here */
    if (p < se && (d->t[p].gap & (KH_GAP_COLON | KH_GAP_QOPEN)))
        return span_of(d, p, se);
    for (size_t q = p; q < se && q < p + 4; q++) {
        if (q > p && (d->t[q].gap & (KH_GAP_COLON | KH_GAP_QOPEN)))
            break;
        if (is_comp(lex, d, q)) {
            p = q + 1;
            break;
        }
    }
    return span_of(d, p, se);
}

static int handle_cites(const kh_lex *lex, const kh_fdoc *d, kh_fres *r, size_t att_from,
                        size_t k, size_t end, const kh_fsent *s, int according);

int kh_attributions_find(const kh_lex *lex, const kh_fdoc *d, kh_fres *r)
{
    r->natt = 0;
    int rc = KH_OK;
    for (size_t si = 0; si < d->ns && rc == KH_OK; si++) {
        const kh_fsent *s = &d->s[si];
        size_t att_from = r->natt;
        size_t last_verb_end = s->tok_begin;
        for (size_t k = s->tok_begin; k < s->tok_end && rc == KH_OK; k++) {
            size_t end;
            int stance = KH_STANCE_CLAIM;
            int kind = rv_at(lex, d, k, &end, &stance);
            if (kind == KH_RV_CITE || kind == KH_RV_ACCORDING) {
                rc = handle_cites(lex, d, r, att_from, k, end, s, kind == KH_RV_ACCORDING);
                k = end - 1;
                continue;
            }
            if (kind != KH_RV_VERB && kind != KH_RV_PHRASE)
                continue;
            int seen = 0; /* already taken by a cite before it */
            for (size_t q = att_from; q < r->natt; q++)
                if (r->att[q].verb.start == d->t[k].start && r->att[q].verb.end > r->att[q].verb.start)
                    seen = 1;
            if (seen) {
                k = end - 1;
                continue;
            }
            kh_attribution a = {0};
            a.sent = (uint32_t)si;
            a.stance = stance;
            a.kind = kind;
            a.verb = span_of(d, k, end);
            a.speaker_entity = -1;
            a.parent = -1;
            size_t sp_b = 0, sp_e = 0, after = end;
            int ent = -1, anon = 0;
            if (kind == KH_RV_VERB && d->arabic) {
                size_t p = skip_time(lex, d, end, s->tok_end);
                size_t e2 = speaker_at(lex, d, r, p, s->tok_end, &ent, &anon);
                if (e2) {
                    sp_b = p;
                    sp_e = e2;
                    after = skip_time(lex, d, e2, s->tok_end);
                }
            }
            if (!sp_e && end > k + 2) {
                /* a phrase with a gap: رفض متحدث باسم الوزارة التعليق */
                for (size_t p = k + 1; p + 1 < end && !sp_e; p++) {
                    size_t e2 = speaker_at(lex, d, r, p, end - 1, &ent, &anon);
                    if (e2) {
                        sp_b = p;
                        sp_e = e2;
                    }
                }
            }
            size_t cs = clause_start(lex, d, r, s->tok_begin, k, last_verb_end);
            if (!sp_e) {
                size_t b;
                size_t e2 = leftmost_speaker(lex, d, r, cs, k, &b, &ent, &anon);
                if (e2) {
                    sp_b = b;
                    sp_e = e2;
                }
            }
            /* a stance without a speaker of its own inside someone's content */
            if (!sp_e && (kind == KH_RV_PHRASE || stance != KH_STANCE_CLAIM)) {
                int host = host_of(r, att_from, a.verb);
                if (host >= 0) {
                    r->att[host].stance = stance;
                    r->att[host].stance_cue = a.verb;
                    k = end - 1;
                    continue;
                }
            }
            if (!sp_e && kind == KH_RV_VERB && cs > s->tok_begin) {
                /* nobody in the verb's clause: the subject may head the sentence */
                int hosted = host_of(r, att_from, a.verb) >= 0;
                size_t b;
                size_t e2 = hosted ? 0 : leftmost_speaker(lex, d, r, s->tok_begin, cs, &b, &ent, &anon);
                if (e2) {
                    sp_b = b;
                    sp_e = e2;
                }
            }
            if (kind == KH_RV_PHRASE && !sp_e) {
                k = end - 1;
                continue; /* a stance phrase of nobody we know */
            }
            if (sp_e) {
                set_speaker(&a, d, sp_b, sp_e, ent, anon);
                resolve_agency(lex, d, r, &a, sp_b);
            } else if (kind == KH_RV_VERB) {
                int hosted = host_of(r, att_from, a.verb) >= 0;
                /* only when the subject is clearly left out: وأضاف أن، وتابع:،
                 * او افزود، وی گفت */
                size_t pe;
                int elided = d->arabic
                                 ? (end < s->tok_end &&
                                    (is_comp(lex, d, end) ||
                                     (d->t[end].gap & (KH_GAP_COLON | KH_GAP_QOPEN))))
                                 : (k == s->tok_begin ||
                                    cue_at(lex, d, k - 1, &pe) == KH_CUE_PRONOUN);
                if (!hosted && elided)
                    inherit_speaker(r, &a, si);
            }
            /* عن X right after a verb of reporting and its speaker */
            size_t an = after;
            if (d->arabic && sp_e && sp_e <= after) {
                /* نقلت وكالة رويترز، يوم الاثنين ...، عن ثلاثة مصادر */
                for (size_t q = after; q < s->tok_end && q < after + 10; q++) {
                    if (is_comp(lex, d, q) || (d->t[q].gap & KH_GAP_COLON))
                        break;
                    if (is_key(d, q, "\xd8\xb9\xd9\x86")) {
                        int ce = -1, can = 0;
                        if (speaker_at(lex, d, r, q + 1, s->tok_end, &ce, &can))
                            an = q;
                        break;
                    }
                }
            }
            after = an;
            if (after < s->tok_end && is_key(d, after, "\xd8\xb9\xd9\x86")) {
                int ce = -1, can = 0;
                size_t e3 = speaker_at(lex, d, r, after + 1, s->tok_end, &ce, &can);
                if (e3) {
                    a.cites[0] = span_of(d, after + 1, e3);
                    a.cite_entity[0] = ce;
                    a.ncites = 1;
                    after = e3;
                }
            }
            if (after < s->tok_end && after + 1 < s->tok_end) {
                a.content = content_after(lex, d, after, s->tok_end);
            } else {
                size_t from = sp_e && sp_e <= k ? sp_e : cs;
                a.content = span_of(d, from, k);
            }
            rc = push_att(r, &a);
            last_verb_end = sp_e > end ? sp_e : end;
            k = end - 1;
        }
        if (rc != KH_OK)
            break;
        /* "X: ..." with no reporting verb: a title line or a lead */
        if (r->natt == att_from) {
            for (size_t k = s->tok_begin + 1; k < s->tok_end && k <= s->tok_begin + 6; k++) {
                if (!(d->t[k].gap & KH_GAP_COLON))
                    continue;
                int ent = -1, anon = 0;
                size_t e = speaker_at(lex, d, r, s->tok_begin, k, &ent, &anon);
                if (e == k) {
                    kh_attribution a = {0};
                    a.sent = (uint32_t)si;
                    a.stance = KH_STANCE_CLAIM;
                    a.parent = -1;
                    set_speaker(&a, d, s->tok_begin, k, ent, anon);
                    a.content = span_of(d, k, s->tok_end);
                    rc = push_att(r, &a);
                }
                break;
            }
        }
    }
    /* parents: the smallest other content holding the verb (or speaker) */
    for (size_t i = 0; i < r->natt; i++) {
        kh_attribution *a = &r->att[i];
        uint32_t at = a->verb.end > a->verb.start ? a->verb.start : a->speaker.start;
        uint32_t best = UINT32_MAX;
        for (size_t j = 0; j < r->natt; j++) {
            const kh_attribution *h = &r->att[j];
            if (j == i || h->content.end <= h->content.start)
                continue;
            if (h->content.start <= at && at < h->content.end &&
                h->content.end - h->content.start < best &&
                !(h->content.start == a->content.start && h->content.end == a->content.end)) {
                best = h->content.end - h->content.start;
                a->parent = (int)j;
            }
        }
        if (a->parent >= 0 && r->att[a->parent].parent == (int)i)
            a->parent = -1; /* no cycles */
    }
    return rc;
}

/*
 * A cite (به نقل از X) or an according-to (به گفته X) at [k, end):
 * attach X to the attribution whose clause holds it, or make the whole
 * sentence X's.
 */
static int handle_cites(const kh_lex *lex, const kh_fdoc *d, kh_fres *r, size_t att_from,
                        size_t k, size_t end, const kh_fsent *s, int according)
{
    int ent = -1, anon = 0;
    size_t e = speaker_at(lex, d, r, end, s->tok_end, &ent, &anon);
    if (!e && end < s->tok_end && d->t[end].kind == KH_TOKEN_WORD) {
        /* به گفته او، به گزارش مردم سالاری آنلاین: a pronoun or a name we
         * do not know, up to the punctuation */
        e = end + 1;
        while (e < s->tok_end && e < end + 4 && !(d->t[e].gap & KH_GAP_PUNCT) &&
               d->t[e].kind == KH_TOKEN_WORD && !kh_fdoc_is_stop(d, lex, e) &&
               !rv_at(lex, d, e, &(size_t){0}, NULL))
            e++;
        anon = 1;
    }
    if (!e)
        return KH_OK;
    if (!according) {
        /* a speaker before the cite in this sentence: it is that one's source */
        int has_before = 0, ent2, anon2;
        size_t b;
        if (leftmost_speaker(lex, d, r, s->tok_begin, k, &b, &ent2, &anon2))
            has_before = 1;
        if (has_before) {
            /* the verb came before (X گفت ... به نقل از Y): Y is the last
             * attribution's source */
            for (size_t q = r->natt; q > att_from; q--) {
                kh_attribution *a = &r->att[q - 1];
                if (a->ncites < KH_MAX_CITES) {
                    a->cites[a->ncites] = span_of(d, end, e);
                    a->cite_entity[a->ncites++] = ent;
                    return KH_OK;
                }
            }
            /* the verb is after: look for it now */
            for (size_t v = e; v < s->tok_end; v++) {
                size_t ve;
                int st = KH_STANCE_CLAIM;
                if (rv_at(lex, d, v, &ve, &st) == KH_RV_VERB) {
                    kh_attribution a = {0};
                    a.sent = (uint32_t)(s - d->s);
                    a.stance = st;
                    a.kind = KH_RV_VERB;
                    a.verb = span_of(d, v, ve);
                    a.parent = -1;
                    size_t sb;
                    int se_ent = -1, se_anon = 0;
                    sb = s->tok_begin;
                    size_t se = leftmost_speaker(lex, d, r, s->tok_begin, k, &sb, &se_ent,
                                                 &se_anon);
                    set_speaker(&a, d, sb, se, se_ent, se_anon);
                    a.cites[0] = span_of(d, end, e);
                    a.cite_entity[0] = ent;
                    a.ncites = 1;
                    a.content = content_after(lex, d, ve, s->tok_end);
                    if (a.content.end <= a.content.start)
                        a.content = span_of(d, se, v);
                    /* the main loop meets this verb later and skips it:
                     * its attribution is made ("already taken by a cite") */
                    return push_att(r, &a);
                }
            }
            return KH_OK;
        }
    }
    kh_attribution a = {0};
    a.sent = (uint32_t)(s - d->s);
    a.stance = KH_STANCE_CLAIM;
    a.kind = KH_RV_ACCORDING;
    a.verb = span_of(d, k, end);
    a.parent = -1;
    a.speaker_entity = -1;
    size_t pe;
    if (e == end + 1 && cue_at(lex, d, end, &pe) == KH_CUE_PRONOUN)
        inherit_speaker(r, &a, a.sent); /* به گفته او */
    if (!a.speaker_coref)
        set_speaker(&a, d, end, e, ent, anon);
    size_t from = e;
    a.content = span_of(d, from, s->tok_end);
    if (k > s->tok_begin && a.content.end <= a.content.start)
        a.content = span_of(d, s->tok_begin, k);
    return push_att(r, &a);
}
