/*
 * cluster.c: online clustering with an inverted index (see cluster.h).
 *
 * State:
 *
 *   slots[]     open and closed stories: id, event, centroid (term-sorted
 *               sums of member vectors), its norm, size, days, languages
 *   by_id       story id -> slot
 *   postings    term -> posting list (slots whose centroid held the term)
 *
 * Scoring an article:
 *   1. for each of its KH_QUERY_TERMS heaviest terms, walk the posting
 *      list and count hits per open slot (a scratch map);
 *   2. score the KH_CANDIDATES slots with most hits by the exact cosine of
 *      article and centroid;
 *   3. the best one that passes the threshold for its languages and is
 *      within join_days wins (ties: the older story), so results depend
 *      only on the input order.
 *
 * Posting lists are append-only: a term that falls out of a centroid stays
 * listed, and a closed slot stays until the next compaction, which
 * rebuilds slots, by_id and postings from the open stories once more than
 * half of the slots are closed. Very long lists (terms in a large share of
 * stories) are skipped at query time: they do not tell stories apart.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "core/error.h"
#include "core/hmap.h"
#include "story/cluster.h"

#define KH_QUERY_TERMS 32
#define KH_CANDIDATES 64
#define KH_POSTING_SKIP 5000

const kh_cluster_params kh_cluster_defaults = {
    .join_same = 0.25,
    .join_cross = 0.10,
    .merge = 0.30,
    .event = 0.08,
    .join_days = 3,
    .event_days = 14,
    .open_days = 14,
};

typedef struct story {
    int64_t id, event_id;
    kh_feature *centroid; /* NULL when closed */
    uint32_t n, size;
    double norm;
    int32_t first_day, last_day;
    uint32_t langs;
    int open;
} story;

typedef struct posting {
    uint32_t *slots;
    uint32_t n, cap;
} posting;

struct kh_cluster {
    kh_cluster_params p;
    story *slots;
    size_t nslots, cap, nopen;
    kh_hmap by_id;
    kh_hmap term_to_posting;
    posting *postings;
    size_t npostings, postings_cap;
    kh_hmap hits; /* scratch: slot + 1 -> hits */
};

uint32_t kh_lang_bit(const char *code)
{
    if (!code || !*code || strcmp(code, "und") == 0)
        return 0;
    return 1u << (XXH3_64bits(code, strlen(code)) % 32);
}

int kh_cluster_new(kh_cluster **out, const kh_cluster_params *params)
{
    *out = calloc(1, sizeof **out);
    if (!*out)
        return kh_set_error(KH_ENOMEM, "out of memory");
    (*out)->p = params ? *params : kh_cluster_defaults;
    return KH_OK;
}

static void free_index(kh_cluster *c)
{
    for (size_t i = 0; i < c->npostings; i++)
        free(c->postings[i].slots);
    free(c->postings);
    c->postings = NULL;
    c->npostings = c->postings_cap = 0;
    kh_hmap_free(&c->term_to_posting);
}

void kh_cluster_free(kh_cluster *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->nslots; i++)
        free(c->slots[i].centroid);
    free(c->slots);
    free_index(c);
    kh_hmap_free(&c->by_id);
    kh_hmap_free(&c->hits);
    free(c);
}

size_t kh_cluster_story_count(const kh_cluster *c) { return c->nopen; }

static int posting_add(kh_cluster *c, uint64_t term, uint32_t slot)
{
    int inserted;
    uint64_t *at = kh_hmap_upsert(&c->term_to_posting, term, c->npostings, &inserted);
    if (!at)
        return kh_set_error(KH_ENOMEM, "out of memory indexing stories");
    if (inserted) {
        if (c->npostings == c->postings_cap) {
            size_t cap = c->postings_cap ? c->postings_cap * 2 : 1024;
            posting *p = realloc(c->postings, cap * sizeof *p);
            if (!p)
                return kh_set_error(KH_ENOMEM, "out of memory indexing stories");
            c->postings = p;
            c->postings_cap = cap;
        }
        c->postings[c->npostings++] = (posting){0};
    }
    posting *p = &c->postings[*at];
    if (p->n && p->slots[p->n - 1] == slot)
        return KH_OK;
    if (p->n == p->cap) {
        uint32_t cap = p->cap ? p->cap * 2 : 4;
        uint32_t *s = realloc(p->slots, cap * sizeof *s);
        if (!s)
            return kh_set_error(KH_ENOMEM, "out of memory indexing stories");
        p->slots = s;
        p->cap = cap;
    }
    p->slots[p->n++] = slot;
    return KH_OK;
}

static double norm_of(const kh_feature *v, uint32_t n)
{
    double s = 0;
    for (uint32_t i = 0; i < n; i++)
        s += (double)v[i].weight * v[i].weight;
    return sqrt(s);
}

static story *slot_of(const kh_cluster *c, int64_t story_id)
{
    uint64_t *slot = kh_hmap_get(&c->by_id, (uint64_t)story_id);
    if (!slot || !c->slots[*slot].open)
        return NULL;
    return &c->slots[*slot];
}

static int index_slot(kh_cluster *c, uint32_t slot)
{
    const story *s = &c->slots[slot];
    for (uint32_t i = 0; i < s->n; i++) {
        int rc = posting_add(c, s->centroid[i].term, slot);
        if (rc != KH_OK)
            return rc;
    }
    return KH_OK;
}

int kh_cluster_add_story(kh_cluster *c, int64_t story_id, int64_t event_id,
                         const kh_feature *centroid, uint32_t n, uint32_t size, int32_t first_day,
                         int32_t last_day, uint32_t langs)
{
    if (c->nslots == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 256;
        story *s = realloc(c->slots, cap * sizeof *s);
        if (!s)
            return kh_set_error(KH_ENOMEM, "out of memory adding a story");
        c->slots = s;
        c->cap = cap;
    }
    kh_feature *copy = malloc((n ? n : 1) * sizeof *copy);
    if (!copy)
        return kh_set_error(KH_ENOMEM, "out of memory adding a story");
    if (n)
        memcpy(copy, centroid, n * sizeof *copy);
    uint32_t slot = (uint32_t)c->nslots++;
    c->slots[slot] = (story){story_id, event_id ? event_id : story_id, copy, n, size,
                             norm_of(copy, n), first_day, last_day, langs, 1};
    c->nopen++;
    if (!kh_hmap_upsert(&c->by_id, (uint64_t)story_id, slot, NULL))
        return kh_set_error(KH_ENOMEM, "out of memory adding a story");
    *kh_hmap_get(&c->by_id, (uint64_t)story_id) = slot;
    return index_slot(c, slot);
}

/* Days between an article and a story's span; 0 when either is unknown. */
static int32_t day_gap(const story *s, int32_t day)
{
    if (day == KH_NO_DAY || s->first_day == KH_NO_DAY)
        return 0;
    if (day < s->first_day)
        return s->first_day - day;
    if (day > s->last_day)
        return day - s->last_day;
    return 0;
}

/* Indexes of the vector's heaviest terms, heaviest first. */
static uint32_t top_terms(const kh_feature *v, uint32_t n, uint32_t *order, uint32_t max)
{
    uint32_t k = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t pos = k < max ? k++ : max;
        while (pos > 0 && v[order[pos - 1]].weight < v[i].weight) {
            if (pos < max)
                order[pos] = order[pos - 1];
            pos--;
        }
        if (pos < max)
            order[pos] = i;
    }
    return k;
}

/* The open slots sharing most heavy terms with v (at most KH_CANDIDATES),
 * most hits first, ties by slot. skip is a slot to leave out (or -1). */
static int candidates(kh_cluster *c, const kh_feature *v, uint32_t n, int64_t skip,
                      uint32_t *cand, uint32_t *ncand)
{
    uint32_t order[KH_QUERY_TERMS];
    uint32_t nq = top_terms(v, n, order, KH_QUERY_TERMS);
    kh_hmap_clear(&c->hits);
    for (uint32_t q = 0; q < nq; q++) {
        uint64_t *pi = kh_hmap_get(&c->term_to_posting, v[order[q]].term);
        if (!pi)
            continue;
        const posting *p = &c->postings[*pi];
        if (p->n > KH_POSTING_SKIP)
            continue;
        for (uint32_t k = 0; k < p->n; k++) {
            if ((int64_t)p->slots[k] == skip || !c->slots[p->slots[k]].open)
                continue;
            uint64_t *h = kh_hmap_upsert(&c->hits, (uint64_t)p->slots[k] + 1, 0, NULL);
            if (!h)
                return kh_set_error(KH_ENOMEM, "out of memory scoring stories");
            (*h)++;
        }
    }
    uint64_t cand_hits[KH_CANDIDATES];
    uint32_t nc = 0;
    for (size_t i = 0; i < c->hits.cap; i++) {
        if (!c->hits.keys[i])
            continue;
        uint32_t slot = (uint32_t)(c->hits.keys[i] - 1);
        uint64_t h = c->hits.vals[i];
        uint32_t pos = nc < KH_CANDIDATES ? nc++ : KH_CANDIDATES;
        while (pos > 0 &&
               (cand_hits[pos - 1] < h || (cand_hits[pos - 1] == h && cand[pos - 1] > slot))) {
            if (pos < KH_CANDIDATES) {
                cand[pos] = cand[pos - 1];
                cand_hits[pos] = cand_hits[pos - 1];
            }
            pos--;
        }
        if (pos < KH_CANDIDATES) {
            cand[pos] = slot;
            cand_hits[pos] = h;
        }
    }
    *ncand = nc;
    return KH_OK;
}

static void consider(kh_match *best, uint32_t *best_slot, const story *s, uint32_t slot,
                     double score)
{
    if (score > best->score || (score == best->score && best->story_id && slot < *best_slot)) {
        best->story_id = s->id;
        best->score = score;
        *best_slot = slot;
    }
}

int kh_cluster_best(kh_cluster *c, const kh_fvec *article, const kh_article_meta *meta,
                    kh_match *join, kh_match *event)
{
    *join = (kh_match){0, 0};
    *event = (kh_match){0, 0};
    if (c->nopen == 0 || article->n == 0)
        return KH_OK;
    uint32_t cand[KH_CANDIDATES], nc, join_slot = 0, event_slot = 0;
    int rc = candidates(c, article->v, article->n, -1, cand, &nc);
    if (rc != KH_OK)
        return rc;
    for (uint32_t k = 0; k < nc; k++) {
        const story *s = &c->slots[cand[k]];
        if (s->norm <= 0)
            continue;
        double cos = kh_fvec_dot(article->v, article->n, s->centroid, s->n) / s->norm;
        int32_t gap = day_gap(s, meta->day);
        int same_lang = !meta->lang || (s->langs & meta->lang);
        double threshold = same_lang ? c->p.join_same : c->p.join_cross;
        if (gap <= c->p.join_days && cos >= threshold)
            consider(join, &join_slot, s, cand[k], cos);
        if (gap <= c->p.event_days && cos >= c->p.event)
            consider(event, &event_slot, s, cand[k], cos);
    }
    return KH_OK;
}

static int cmp_weight_desc(const void *a, const void *b)
{
    float x = ((const kh_feature *)a)->weight, y = ((const kh_feature *)b)->weight;
    if (x != y)
        return x < y ? 1 : -1;
    uint64_t s = ((const kh_feature *)a)->term, t = ((const kh_feature *)b)->term;
    return (s > t) - (s < t);
}

static int cmp_term(const void *a, const void *b)
{
    uint64_t s = ((const kh_feature *)a)->term, t = ((const kh_feature *)b)->term;
    return (s > t) - (s < t);
}

/* centroid of slot += v (term-sorted merge), truncated, re-indexed. */
static int add_to_centroid(kh_cluster *c, uint32_t slot, const kh_feature *v, uint32_t nv)
{
    story *s = &c->slots[slot];
    kh_feature *merged = malloc((s->n + nv + 1) * sizeof *merged);
    if (!merged)
        return kh_set_error(KH_ENOMEM, "out of memory updating a story");
    uint32_t i = 0, j = 0, m = 0;
    while (i < s->n || j < nv) {
        if (j == nv || (i < s->n && s->centroid[i].term < v[j].term))
            merged[m++] = s->centroid[i++];
        else if (i == s->n || v[j].term < s->centroid[i].term)
            merged[m++] = v[j++];
        else {
            merged[m] = s->centroid[i++];
            merged[m++].weight += v[j++].weight;
        }
    }
    if (m > KH_CENTROID_MAX) {
        qsort(merged, m, sizeof *merged, cmp_weight_desc);
        m = KH_CENTROID_MAX;
        qsort(merged, m, sizeof *merged, cmp_term);
    }
    int rc = KH_OK;
    for (uint32_t k = 0; k < m && rc == KH_OK; k++)
        if (!bsearch(&merged[k], s->centroid, s->n, sizeof *merged, cmp_term))
            rc = posting_add(c, merged[k].term, slot);
    free(s->centroid);
    s->centroid = merged;
    s->n = m;
    s->norm = norm_of(merged, m);
    return rc;
}

static void extend_days(story *s, int32_t first, int32_t last)
{
    if (first == KH_NO_DAY)
        return;
    if (s->first_day == KH_NO_DAY || first < s->first_day)
        s->first_day = first;
    if (s->last_day == KH_NO_DAY || last > s->last_day)
        s->last_day = last;
}

int kh_cluster_join(kh_cluster *c, int64_t story_id, const kh_fvec *article,
                    const kh_article_meta *meta, int as_evidence)
{
    story *s = slot_of(c, story_id);
    if (!s)
        return kh_set_error(KH_ENOTFOUND, "story %lld is not open", (long long)story_id);
    uint32_t slot = (uint32_t)(s - c->slots);
    extend_days(s, meta->day, meta->day);
    s->langs |= meta->lang;
    s->size++;
    return as_evidence ? add_to_centroid(c, slot, article->v, article->n) : KH_OK;
}

int kh_cluster_merge_candidate(kh_cluster *c, int64_t story_id, kh_match *other)
{
    *other = (kh_match){0, 0};
    story *s = slot_of(c, story_id);
    if (!s || s->norm <= 0)
        return KH_OK;
    uint32_t slot = (uint32_t)(s - c->slots), cand[KH_CANDIDATES], nc, best_slot = 0;
    int rc = candidates(c, s->centroid, s->n, slot, cand, &nc);
    if (rc != KH_OK)
        return rc;
    s = &c->slots[slot];
    for (uint32_t k = 0; k < nc; k++) {
        const story *o = &c->slots[cand[k]];
        if (o->norm <= 0)
            continue;
        int32_t gap = 0;
        if (s->first_day != KH_NO_DAY && o->first_day != KH_NO_DAY)
            gap = o->first_day > s->last_day   ? o->first_day - s->last_day
                  : s->first_day > o->last_day ? s->first_day - o->last_day
                                               : 0;
        if (gap > c->p.join_days)
            continue;
        double cos = kh_fvec_dot(s->centroid, s->n, o->centroid, o->n) / (s->norm * o->norm);
        if (cos >= c->p.merge)
            consider(other, &best_slot, o, cand[k], cos);
    }
    return KH_OK;
}

static void close_slot(kh_cluster *c, story *s)
{
    free(s->centroid);
    s->centroid = NULL;
    s->n = 0;
    s->norm = 0;
    s->open = 0;
    c->nopen--;
}

int kh_cluster_merge(kh_cluster *c, int64_t keep, int64_t gone)
{
    story *k = slot_of(c, keep), *g = slot_of(c, gone);
    if (!k || !g || k == g)
        return kh_set_error(KH_EINVAL, "cannot merge story %lld into %lld", (long long)gone,
                            (long long)keep);
    uint32_t kslot = (uint32_t)(k - c->slots);
    int rc = add_to_centroid(c, kslot, g->centroid, g->n);
    k = &c->slots[kslot];
    g = slot_of(c, gone);
    extend_days(k, g->first_day, g->last_day);
    k->langs |= g->langs;
    k->size += g->size;
    close_slot(c, g);
    return rc;
}

/* Rebuilds slots, by_id and postings from the open stories. */
static int compact(kh_cluster *c)
{
    size_t out = 0;
    for (size_t i = 0; i < c->nslots; i++)
        if (c->slots[i].open)
            c->slots[out++] = c->slots[i];
    c->nslots = out;
    free_index(c);
    kh_hmap_free(&c->by_id);
    int rc = KH_OK;
    for (uint32_t slot = 0; slot < out && rc == KH_OK; slot++) {
        if (!kh_hmap_upsert(&c->by_id, (uint64_t)c->slots[slot].id, slot, NULL))
            rc = kh_set_error(KH_ENOMEM, "out of memory compacting stories");
        else
            rc = index_slot(c, slot);
    }
    return rc;
}

size_t kh_cluster_close_before(kh_cluster *c, int32_t day)
{
    if (day == KH_NO_DAY)
        return 0;
    size_t closed = 0;
    for (size_t i = 0; i < c->nslots; i++) {
        story *s = &c->slots[i];
        if (s->open && s->last_day != KH_NO_DAY && s->last_day < day - c->p.open_days) {
            close_slot(c, s);
            closed++;
        }
    }
    if (closed && c->nslots > 1024 && c->nopen * 2 < c->nslots)
        compact(c); /* on failure the old index stays usable: closed slots are skipped */
    return closed;
}

int kh_cluster_story(const kh_cluster *c, int64_t story_id, kh_story_state *out)
{
    const story *s = slot_of(c, story_id);
    if (!s)
        return 0;
    *out = (kh_story_state){s->event_id, s->centroid, s->n, s->size,
                            s->first_day, s->last_day, s->langs};
    return 1;
}
