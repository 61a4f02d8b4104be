/*
 * cluster.c: online clustering with an inverted index (see cluster.h).
 *
 * State:
 *
 *   stories[]   id, centroid (term-sorted, un-normalized sums), its norm,
 *               member count
 *   by_id       story id -> index in stories[]
 *   postings    term -> index of a posting list (arrays of story indexes)
 *
 * Assigning an article:
 *   1. for each of its KH_QUERY_TERMS heaviest terms, walk the posting
 *      list and count hits per story (a scratch map);
 *   2. score the stories with the most hits (at most KH_CANDIDATES) by the
 *      exact cosine of article and centroid;
 *   3. the best one at or above the threshold wins; ties go to the older
 *      story, so results depend only on the input order.
 *
 * Posting lists are append-only: a term that falls out of a centroid stays
 * listed, which only costs a wasted candidate check. Very long lists (terms
 * in a large share of stories) are skipped at query time: they say nothing
 * about which story an article belongs to.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/hmap.h"
#include "story/cluster.h"

#define KH_QUERY_TERMS 32
#define KH_CANDIDATES 64
#define KH_POSTING_SKIP 5000

typedef struct story {
    int64_t id;
    kh_feature *centroid;
    uint32_t n;
    uint32_t size;
    double norm;
} story;

typedef struct posting {
    uint32_t *idx;
    uint32_t n, cap;
} posting;

struct kh_cluster {
    story *stories;
    size_t n, cap;
    kh_hmap by_id;
    kh_hmap term_to_posting;
    posting *postings;
    size_t npostings, postings_cap;
    kh_hmap hits; /* scratch: story index -> hits */
};

int kh_cluster_new(kh_cluster **out)
{
    *out = calloc(1, sizeof **out);
    return *out ? KH_OK : kh_set_error(KH_ENOMEM, "out of memory");
}

void kh_cluster_free(kh_cluster *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++)
        free(c->stories[i].centroid);
    for (size_t i = 0; i < c->npostings; i++)
        free(c->postings[i].idx);
    free(c->stories);
    free(c->postings);
    kh_hmap_free(&c->by_id);
    kh_hmap_free(&c->term_to_posting);
    kh_hmap_free(&c->hits);
    free(c);
}

size_t kh_cluster_story_count(const kh_cluster *c) { return c->n; }

static int posting_add(kh_cluster *c, uint64_t term, uint32_t story_idx)
{
    int inserted;
    uint64_t *slot = kh_hmap_upsert(&c->term_to_posting, term, c->npostings, &inserted);
    if (!slot)
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
    posting *p = &c->postings[*slot];
    if (p->n && p->idx[p->n - 1] == story_idx)
        return KH_OK;
    if (p->n == p->cap) {
        uint32_t cap = p->cap ? p->cap * 2 : 4;
        uint32_t *idx = realloc(p->idx, cap * sizeof *idx);
        if (!idx)
            return kh_set_error(KH_ENOMEM, "out of memory indexing stories");
        p->idx = idx;
        p->cap = cap;
    }
    p->idx[p->n++] = story_idx;
    return KH_OK;
}

static double centroid_norm(const kh_feature *v, uint32_t n)
{
    double s = 0;
    for (uint32_t i = 0; i < n; i++)
        s += (double)v[i].weight * v[i].weight;
    return sqrt(s);
}

int kh_cluster_add_story(kh_cluster *c, int64_t story_id, const kh_feature *centroid,
                         uint32_t n, uint32_t size)
{
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 256;
        story *s = realloc(c->stories, cap * sizeof *s);
        if (!s)
            return kh_set_error(KH_ENOMEM, "out of memory adding a story");
        c->stories = s;
        c->cap = cap;
    }
    kh_feature *copy = malloc((n ? n : 1) * sizeof *copy);
    if (!copy)
        return kh_set_error(KH_ENOMEM, "out of memory adding a story");
    if (n)
        memcpy(copy, centroid, n * sizeof *copy);
    uint32_t idx = (uint32_t)c->n;
    c->stories[c->n++] = (story){story_id, copy, n, size, centroid_norm(copy, n)};
    if (!kh_hmap_upsert(&c->by_id, (uint64_t)story_id, idx, NULL))
        return kh_set_error(KH_ENOMEM, "out of memory adding a story");
    for (uint32_t i = 0; i < n; i++) {
        int rc = posting_add(c, copy[i].term, idx);
        if (rc != KH_OK)
            return rc;
    }
    return KH_OK;
}

/* Indexes of the article's heaviest terms, heaviest first. */
static uint32_t top_terms(const kh_fvec *a, uint32_t *order, uint32_t max)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < a->n; i++) {
        /* insertion into a short sorted list */
        uint32_t pos = n < max ? n++ : max;
        while (pos > 0 && a->v[order[pos - 1]].weight < a->v[i].weight) {
            if (pos < max)
                order[pos] = order[pos - 1];
            pos--;
        }
        if (pos < max)
            order[pos] = i;
    }
    return n;
}

int kh_cluster_best(kh_cluster *c, const kh_fvec *article, double threshold, int64_t *story_id,
                    double *score)
{
    *story_id = 0;
    *score = 0;
    if (c->n == 0 || article->n == 0)
        return KH_OK;
    uint32_t order[KH_QUERY_TERMS];
    uint32_t nq = top_terms(article, order, KH_QUERY_TERMS);
    kh_hmap_clear(&c->hits);
    for (uint32_t q = 0; q < nq; q++) {
        uint64_t *pi = kh_hmap_get(&c->term_to_posting, article->v[order[q]].term);
        if (!pi)
            continue;
        const posting *p = &c->postings[*pi];
        if (p->n > KH_POSTING_SKIP)
            continue;
        for (uint32_t k = 0; k < p->n; k++) {
            /* keys are index + 1: the map reserves key 0 */
            uint64_t *h = kh_hmap_upsert(&c->hits, (uint64_t)p->idx[k] + 1, 0, NULL);
            if (!h)
                return kh_set_error(KH_ENOMEM, "out of memory scoring stories");
            (*h)++;
        }
    }
    /* Keep the KH_CANDIDATES stories with most hits, then score exactly. */
    uint32_t cand[KH_CANDIDATES];
    uint64_t cand_hits[KH_CANDIDATES];
    uint32_t nc = 0;
    for (size_t i = 0; i < c->hits.cap; i++) {
        if (!c->hits.keys[i])
            continue;
        uint32_t idx = (uint32_t)(c->hits.keys[i] - 1);
        uint64_t h = c->hits.vals[i];
        uint32_t pos = nc < KH_CANDIDATES ? nc++ : KH_CANDIDATES;
        while (pos > 0 && (cand_hits[pos - 1] < h || (cand_hits[pos - 1] == h && cand[pos - 1] > idx))) {
            if (pos < KH_CANDIDATES) {
                cand[pos] = cand[pos - 1];
                cand_hits[pos] = cand_hits[pos - 1];
            }
            pos--;
        }
        if (pos < KH_CANDIDATES) {
            cand[pos] = idx;
            cand_hits[pos] = h;
        }
    }
    double best = -1;
    uint32_t best_idx = 0;
    for (uint32_t k = 0; k < nc; k++) {
        const story *s = &c->stories[cand[k]];
        double cos = s->norm > 0 ? kh_fvec_dot(article->v, article->n, s->centroid, s->n) / s->norm : 0;
        if (cos > best || (cos == best && cand[k] < best_idx)) {
            best = cos;
            best_idx = cand[k];
        }
    }
    if (best >= threshold) {
        *story_id = c->stories[best_idx].id;
        *score = best;
    } else if (best > 0) {
        *score = best;
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

int kh_cluster_join(kh_cluster *c, int64_t story_id, const kh_fvec *article)
{
    uint64_t *pidx = kh_hmap_get(&c->by_id, (uint64_t)story_id);
    if (!pidx)
        return kh_set_error(KH_ENOTFOUND, "story %lld is not open", (long long)story_id);
    uint32_t idx = (uint32_t)*pidx;
    story *s = &c->stories[idx];
    /* merge two term-sorted vectors */
    kh_feature *merged = malloc((s->n + article->n) * sizeof *merged);
    if (!merged)
        return kh_set_error(KH_ENOMEM, "out of memory updating a story");
    uint32_t i = 0, j = 0, m = 0;
    while (i < s->n || j < article->n) {
        if (j == article->n || (i < s->n && s->centroid[i].term < article->v[j].term))
            merged[m++] = s->centroid[i++];
        else if (i == s->n || article->v[j].term < s->centroid[i].term)
            merged[m++] = article->v[j++];
        else {
            merged[m] = s->centroid[i++];
            merged[m++].weight += article->v[j++].weight;
        }
    }
    if (m > KH_CENTROID_MAX) {
        qsort(merged, m, sizeof *merged, cmp_weight_desc);
        m = KH_CENTROID_MAX;
        qsort(merged, m, sizeof *merged, cmp_term);
    }
    /* index the terms that entered the centroid */
    int rc = KH_OK;
    for (uint32_t k = 0; k < m && rc == KH_OK; k++)
        if (!bsearch(&merged[k], s->centroid, s->n, sizeof *merged, cmp_term))
            rc = posting_add(c, merged[k].term, idx);
    free(s->centroid);
    s->centroid = merged;
    s->n = m;
    s->size++;
    s->norm = centroid_norm(merged, m);
    return rc;
}

const kh_feature *kh_cluster_centroid(const kh_cluster *c, int64_t story_id, uint32_t *n,
                                      uint32_t *size)
{
    uint64_t *pidx = kh_hmap_get(&c->by_id, (uint64_t)story_id);
    if (!pidx)
        return NULL;
    const story *s = &c->stories[*pidx];
    *n = s->n;
    if (size)
        *size = s->size;
    return s->centroid;
}
