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
 *      list (its KH_POSTING_WALK newest entries) and count hits per open
 *      slot (a scratch count per slot, reset by the slots touched);
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
#include "core/grow.h"
#include "core/hmap.h"
#include "story/cluster.h"

#define KH_QUERY_TERMS 24
#define KH_CANDIDATES 16
#define KH_POSTING_SKIP 5000
/* Of a posting list, only the stories that took the term most recently
 * are walked: a term shared by more open stories than this says little
 * about which one an article belongs to, and walking it all made the cost
 * per article grow with the window (1,000,000-article stream). */
#define KH_POSTING_WALK 1024
/* Stories with embeddings that an article with one is also compared with
 * (its words may share nothing with theirs: other scripts). */
#define KH_EMBED_RING 2048
#define SLOT_CLOSED UINT32_MAX /* slot_state of a closed slot */
#define KH_PROBE_SLOTS 1024 /* a power of two, at least twice KH_FEATURES_MAX */
_Static_assert(KH_PROBE_SLOTS >= 2 * KH_FEATURES_MAX, "probe table too small");

const kh_cluster_params kh_cluster_defaults = {
    .join_same = 0.25,
    .join_cross = 0.10,
    .join_far = 0.20,
    .merge = 0.50, /* for stories in one language; see merge_threshold() */
    .event = 0.08,
    .join_days = 3,
    .max_span_days = 2,
    .event_days = 14,
    .open_days = 14,
};

typedef struct story {
    int64_t id, event_id;
    kh_feature *centroid; /* NULL when closed */
    uint32_t n, size;
    double norm;
    float *embed; /* sum of member embeddings (unit vectors), or NULL */
    uint32_t dim;
    double embed_norm;
    int32_t first_day, last_day;
    uint32_t langs;
    kh_lang_count lang_counts[KH_STORY_LANGS];
} story;

typedef struct posting {
    uint32_t *slots;
    uint32_t n, cap;
} posting;

struct kh_cluster {
    kh_cluster_params p;
    uint32_t kin; /* language bits of the Arabic-script languages */
    story *slots;
    size_t nslots, cap, nopen;
    kh_hmap by_id;
    kh_hmap term_to_posting;
    posting *postings;
    size_t npostings, postings_cap;
    /* per slot, dense (one word, so that walking a posting list touches
     * no story): SLOT_CLOSED when closed, else the hits of the query in
     * hand (zero between queries); and room for the slots a query touches */
    uint32_t *slot_state, *touched;
    size_t touched_cap;
    /* the newest stories with an embedding, for articles with one: a
     * ring of slots (stale entries are skipped) */
    uint32_t embed_ring[KH_EMBED_RING];
    size_t embed_ring_n, embed_ring_at;
    uint32_t cand[KH_CANDIDATES + KH_EMBED_RING]; /* scratch for kh_cluster_best */
    /* the article being scored, as an open-addressing table: a centroid's
     * dot product with it is one probe per centroid term */
    uint64_t probe_keys[KH_PROBE_SLOTS];
    float probe_w[KH_PROBE_SLOTS];
    float weights[2 * KH_CENTROID_MAX + KH_FEATURES_MAX]; /* scratch for truncation */
    uint64_t fresh[KH_CENTROID_MAX + KH_FEATURES_MAX];    /* terms new to a centroid */
};

uint32_t kh_lang_bit(const char *code)
{
    if (!code || !*code || strcmp(code, "und") == 0)
        return 0;
    return 1u << (XXH3_64bits(code, strlen(code)) % 32);
}

/* Languages written in Arabic script: the skeleton keys (XLANG channel,
 * features.h) let their articles meet across languages. */
static const char *const ARABIC_SCRIPT_LANGS[] = {"ar", "fa", "ur", "ps", "ckb", "sd", "ug"};

int kh_cluster_new(kh_cluster **out, const kh_cluster_params *params)
{
    *out = calloc(1, sizeof **out);
    if (!*out)
        return kh_set_error(KH_ENOMEM, "out of memory");
    (*out)->p = params ? *params : kh_cluster_defaults;
    for (size_t i = 0; i < sizeof ARABIC_SCRIPT_LANGS / sizeof ARABIC_SCRIPT_LANGS[0]; i++)
        (*out)->kin |= kh_lang_bit(ARABIC_SCRIPT_LANGS[i]);
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
    for (size_t i = 0; i < c->nslots; i++) {
        free(c->slots[i].centroid);
        free(c->slots[i].embed);
    }
    free(c->slots);
    free_index(c);
    kh_hmap_free(&c->by_id);
    free(c->slot_state);
    free(c->touched);
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
        posting *p = kh_grow(c->postings, &c->postings_cap, c->npostings, sizeof *p, 1024);
        if (!p)
            return kh_set_error(KH_ENOMEM, "out of memory indexing stories");
        c->postings = p;
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

static int is_open(const kh_cluster *c, size_t slot) { return c->slot_state[slot] != SLOT_CLOSED; }

static story *slot_of(const kh_cluster *c, int64_t story_id)
{
    uint64_t *slot = kh_hmap_get(&c->by_id, (uint64_t)story_id);
    if (!slot || !is_open(c, *slot))
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

static double vec_norm(const float *v, uint32_t n)
{
    double s = 0;
    for (uint32_t i = 0; i < n; i++)
        s += (double)v[i] * v[i];
    return sqrt(s);
}

static void ring_push(kh_cluster *c, uint32_t slot)
{
    c->embed_ring[c->embed_ring_at] = slot;
    c->embed_ring_at = (c->embed_ring_at + 1) % KH_EMBED_RING;
    if (c->embed_ring_n < KH_EMBED_RING)
        c->embed_ring_n++;
}

/* story += embedding (allocating the sum on first use). */
static int add_embedding(kh_cluster *c, uint32_t slot, const float *e, uint32_t dim)
{
    story *s = &c->slots[slot];
    if (!e || !dim || (s->embed && s->dim != dim))
        return KH_OK; /* another dimension: lexical evidence only */
    if (!s->embed) {
        if (!(s->embed = calloc(dim, sizeof *s->embed)))
            return kh_set_error(KH_ENOMEM, "out of memory for an embedding");
        s->dim = dim;
        ring_push(c, slot);
    }
    for (uint32_t i = 0; i < dim; i++)
        s->embed[i] += e[i];
    s->embed_norm = vec_norm(s->embed, dim);
    return KH_OK;
}

int kh_cluster_add_story(kh_cluster *c, int64_t story_id, int64_t event_id,
                         const kh_feature *centroid, uint32_t n, uint32_t size, int32_t first_day,
                         int32_t last_day, uint32_t langs)
{
    if (c->nslots == c->cap) {
        size_t cap = c->cap;
        story *s = kh_grow(c->slots, &cap, c->nslots, sizeof *s, 256);
        if (!s)
            return kh_set_error(KH_ENOMEM, "out of memory adding a story");
        c->slots = s;
        uint32_t *state = realloc(c->slot_state, cap * sizeof *state);
        if (!state)
            return kh_set_error(KH_ENOMEM, "out of memory adding a story");
        c->slot_state = state;
        c->cap = cap;
    }
    kh_feature *copy = malloc((n ? n : 1) * sizeof *copy);
    if (!copy)
        return kh_set_error(KH_ENOMEM, "out of memory adding a story");
    if (n)
        memcpy(copy, centroid, n * sizeof *copy);
    uint32_t slot = (uint32_t)c->nslots++;
    c->slot_state[slot] = 0;
    c->slots[slot] = (story){.id = story_id,
                             .event_id = event_id ? event_id : story_id,
                             .centroid = copy,
                             .n = n,
                             .size = size,
                             .norm = norm_of(copy, n),
                             .first_day = first_day,
                             .last_day = last_day,
                             .langs = langs};
    c->nopen++;
    uint64_t *at = kh_hmap_upsert(&c->by_id, (uint64_t)story_id, slot, NULL);
    if (!at)
        return kh_set_error(KH_ENOMEM, "out of memory adding a story");
    *at = slot;
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

/* The story's span with this day added stays within max_span_days. */
static int span_ok(const kh_cluster *c, const story *s, int32_t day)
{
    if (day == KH_NO_DAY || s->first_day == KH_NO_DAY)
        return 1;
    int32_t first = day < s->first_day ? day : s->first_day;
    int32_t last = day > s->last_day ? day : s->last_day;
    return last - first <= c->p.max_span_days;
}

int kh_cluster_span_allows(const kh_cluster *c, const kh_story_state *st, int32_t day)
{
    story s = {.first_day = st->first_day, .last_day = st->last_day};
    return span_ok(c, &s, day);
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
    uint32_t order[KH_QUERY_TERMS] = {0};
    uint32_t nq = top_terms(v, n, order, KH_QUERY_TERMS);
    /* the stretches of posting lists to walk, asked of the cache first */
    const uint32_t *walk[KH_QUERY_TERMS];
    uint32_t walk_len[KH_QUERY_TERMS], nwalk = 0;
    for (uint32_t q = 0; q < nq; q++) {
        uint64_t *pi = kh_hmap_get(&c->term_to_posting, v[order[q]].term);
        if (!pi)
            continue;
        const posting *p = &c->postings[*pi];
        if (p->n > KH_POSTING_SKIP)
            continue;
        uint32_t from = p->n > KH_POSTING_WALK ? p->n - KH_POSTING_WALK : 0;
        walk[nwalk] = p->slots + from;
        walk_len[nwalk] = p->n - from;
        __builtin_prefetch(walk[nwalk]);
        nwalk++;
    }
    /* room for every slot the walk can touch, so that it cannot fail
     * halfway with counts left behind */
    size_t most = 0;
    for (uint32_t q = 0; q < nwalk; q++)
        most += walk_len[q];
    if (most > c->touched_cap) {
        uint32_t *t = realloc(c->touched, most * sizeof *t);
        if (!t)
            return kh_set_error(KH_ENOMEM, "out of memory scoring stories");
        c->touched = t;
        c->touched_cap = most;
    }
    uint32_t *state_of = c->slot_state, *touched = c->touched;
    size_t ntouched = 0;
    for (uint32_t q = 0; q < nwalk; q++) {
        const uint32_t *slots = walk[q];
        for (uint32_t k = 0, len = walk_len[q]; k < len; k++) {
            uint32_t slot = slots[k], state = state_of[slot];
            if (state == SLOT_CLOSED || (int64_t)slot == skip)
                continue;
            state_of[slot] = state + 1;
            if (state == 0)
                touched[ntouched++] = slot;
        }
    }
    uint64_t cand_hits[KH_CANDIDATES];
    uint32_t nc = 0;
    for (size_t i = 0; i < ntouched; i++) {
        uint32_t slot = touched[i];
        uint64_t h = state_of[slot];
        state_of[slot] = 0;
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

static int better(const kh_match *m, uint32_t m_slot, double score, uint32_t slot)
{
    return !m->story_id || score > m->score || (score == m->score && slot < m_slot);
}

static void consider(kh_match *best, uint32_t *best_slot, const story *s, uint32_t slot,
                     double score)
{
    if (better(best, *best_slot, score, slot)) {
        best->story_id = s->id;
        best->score = score;
        *best_slot = slot;
    }
}

/* Keeps the best two matches: best first. */
static void consider_two(kh_match *best, uint32_t *best_slot, kh_match *second,
                         uint32_t *second_slot, const story *s, uint32_t slot, double score)
{
    if (better(best, *best_slot, score, slot)) {
        *second = *best;
        *second_slot = *best_slot;
        consider(best, best_slot, s, slot, score);
    } else
        consider(second, second_slot, s, slot, score);
}

/* The share of a story's articles whose language is in mask (1 when
 * mask is 0: the article's language is unknown). */
static double lang_share(const story *s, uint32_t mask)
{
    if (!mask || s->size == 0)
        return 1;
    uint32_t counted = 0, in = 0;
    for (int i = 0; i < KH_STORY_LANGS; i++) {
        counted += s->lang_counts[i].count;
        if (s->lang_counts[i].bit & mask)
            in += s->lang_counts[i].count;
    }
    if (counted == 0)
        return (s->langs & mask) ? 1 : 0; /* counts unknown (older store) */
    return (double)in / counted;
}

/* A language's kin: the Arabic-script languages for one of them, else
 * the language alone. */
static uint32_t kin_of(const kh_cluster *c, uint32_t bit) { return bit & c->kin ? c->kin : bit; }

/*
 * The cosine an article needs to join a story, from the story's languages:
 * join_same for the share in the article's language, join_cross for the
 * share in its kin (Persian for an Arabic article: names, numbers and
 * skeleton keys shared, few words), join_far for the rest (languages that
 * share only names and numbers).
 */
static double join_threshold(const kh_cluster *c, const story *s, uint32_t bit)
{
    const kh_cluster_params *p = &c->p;
    double same = lang_share(s, bit), kin = lang_share(s, kin_of(c, bit));
    return p->join_same * same + p->join_cross * (kin - same) + p->join_far * (1 - kin);
}

/* How much two stories' languages overlap, 0..1: the sum over languages of
 * the smaller of their shares (1 when either has no counts); *kin gets the
 * same with the Arabic-script languages counted as one. */
static double lang_overlap(const kh_cluster *c, const story *a, const story *b, double *kin)
{
    double overlap = 0, other = 0;
    int counted = 0;
    for (int i = 0; i < KH_STORY_LANGS; i++) {
        uint32_t bit = a->lang_counts[i].bit;
        if (!a->lang_counts[i].count)
            continue;
        counted = 1;
        double sa = lang_share(a, bit), sb = lang_share(b, bit);
        overlap += sa < sb ? sa : sb;
        if (!(bit & c->kin))
            other += sa < sb ? sa : sb;
    }
    double ka = lang_share(a, c->kin), kb = lang_share(b, c->kin);
    *kin = counted ? other + (ka < kb ? ka : kb) : 1;
    return counted ? overlap : 1;
}

/* Merging slides like joining: stories in other languages share less. */
static double merge_threshold(const kh_cluster *c, const story *a, const story *b)
{
    const kh_cluster_params *p = &c->p;
    double kin, same = lang_overlap(c, a, b, &kin);
    return p->merge * same + p->join_cross * (kin - same) + p->join_far * (1 - kin);
}

/* Counts an article's language in a story; the least common of the
 * KH_STORY_LANGS tracked gives way to a new language. */
static void count_lang(story *s, uint32_t bit, uint32_t n)
{
    if (!bit)
        return;
    int at = 0;
    for (int i = 0; i < KH_STORY_LANGS; i++) {
        if (s->lang_counts[i].bit == bit && s->lang_counts[i].count) {
            s->lang_counts[i].count += n;
            return;
        }
        if (s->lang_counts[i].count < s->lang_counts[at].count)
            at = i;
    }
    if (s->lang_counts[at].count <= n)
        s->lang_counts[at] = (kh_lang_count){bit, n};
}

void kh_cluster_set_story_langs(kh_cluster *c, int64_t story_id, const kh_lang_count *counts)
{
    story *s = slot_of(c, story_id);
    if (s && counts)
        memcpy(s->lang_counts, counts, sizeof s->lang_counts);
}

static void probe_load(kh_cluster *c, const kh_feature *v, uint32_t n)
{
    memset(c->probe_keys, 0, sizeof c->probe_keys);
    for (uint32_t i = 0; i < n; i++) {
        uint32_t at = (uint32_t)(v[i].term * 0x9E3779B97F4A7C15ull >> 54) & (KH_PROBE_SLOTS - 1);
        while (c->probe_keys[at])
            at = (at + 1) & (KH_PROBE_SLOTS - 1);
        c->probe_keys[at] = v[i].term;
        c->probe_w[at] = v[i].weight;
    }
}

/* Similarity of the loaded article with a vector: the dot product, with
 * the NUMBER channel corroborating (features.h). */
static double probe_sim(const kh_cluster *c, const kh_feature *v, uint32_t n)
{
    double numbers = 0, rest = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t at = (uint32_t)(v[i].term * 0x9E3779B97F4A7C15ull >> 54) & (KH_PROBE_SLOTS - 1);
        for (uint64_t k; (k = c->probe_keys[at]) != 0; at = (at + 1) & (KH_PROBE_SLOTS - 1))
            if (k == v[i].term) {
                double d = (double)c->probe_w[at] * v[i].weight;
                if (KH_TERM_CHANNEL(k) == KH_CH_NUMBER)
                    numbers += d;
                else
                    rest += d;
                break;
            }
    }
    return kh_corroborated(rest, numbers);
}

/* Similarity of the loaded article and a story: the lexical cosine,
 * blended with the embedding cosine when both have embeddings of one
 * dimension. */
static double story_score(const kh_cluster *c, const story *s, const kh_fvec *a)
{
    double lex = s->norm > 0 ? probe_sim(c, s->centroid, s->n) / s->norm : 0;
    if (!a->embed || !s->embed || a->dim != s->dim || s->embed_norm <= 0)
        return lex;
    double emb = kh_embed_dot(a->embed, a->dim, s->embed, s->dim) / s->embed_norm;
    return (1 - KH_EMBED_WEIGHT) * lex + KH_EMBED_WEIGHT * emb;
}

/* Asks the cache for a story's centroid ahead of scoring it: centroids
 * are scattered in memory and each candidate's would otherwise be waited
 * for in turn. */
static void prefetch_centroid(const story *s)
{
    const char *at = (const char *)s->centroid, *end = (const char *)(s->centroid + s->n);
    for (; at < end; at += 64)
        __builtin_prefetch(at);
}

/* Adds the ring's stories with embeddings to the candidates (no repeats). */
static void add_embedding_candidates(const kh_cluster *c, uint32_t *cand, uint32_t *nc,
                                     uint32_t cap)
{
    for (size_t k = 0; k < c->embed_ring_n && *nc < cap; k++) {
        uint32_t slot = c->embed_ring[k];
        if (slot >= c->nslots || !is_open(c, slot) || !c->slots[slot].embed)
            continue;
        uint32_t j = 0;
        while (j < *nc && cand[j] != slot)
            j++;
        if (j == *nc)
            cand[(*nc)++] = slot;
    }
}

int kh_cluster_best(kh_cluster *c, const kh_fvec *article, const kh_article_meta *meta,
                    kh_match *join, kh_match *runner_up, kh_match *event)
{
    *join = *runner_up = *event = (kh_match){0, 0};
    if (c->nopen == 0 || (article->n == 0 && !article->embed))
        return KH_OK;
    uint32_t *cand = c->cand, nc = 0, join_slot = 0, runner_slot = 0, event_slot = 0;
    int rc = candidates(c, article->v, article->n, -1, cand, &nc);
    if (rc != KH_OK)
        return rc;
    if (article->embed)
        add_embedding_candidates(c, cand, &nc, KH_CANDIDATES + KH_EMBED_RING);
    for (uint32_t k = 0; k < nc; k++)
        __builtin_prefetch(&c->slots[cand[k]]);
    probe_load(c, article->v, article->n);
    if (nc)
        prefetch_centroid(&c->slots[cand[0]]);
    for (uint32_t k = 0; k < nc; k++) {
        const story *s = &c->slots[cand[k]];
        if (k + 1 < nc)
            prefetch_centroid(&c->slots[cand[k + 1]]);
        int32_t gap = day_gap(s, meta->day);
        if ((s->norm <= 0 && !s->embed) || gap > c->p.event_days)
            continue;
        double cos = story_score(c, s, article);
        double threshold = join_threshold(c, s, meta->lang);
        if (gap <= c->p.join_days && cos >= threshold && span_ok(c, s, meta->day))
            consider_two(join, &join_slot, runner_up, &runner_slot, s, cand[k], cos);
        if (gap <= c->p.event_days && cos >= c->p.event)
            consider(event, &event_slot, s, cand[k], cos);
    }
    return KH_OK;
}

/* The k-th largest of w[0..n) (k counted from 1, k <= n); reorders w.
 * Quickselect with a three-way partition (heavier | equal | lighter). */
static float kth_largest(float *w, uint32_t n, uint32_t k)
{
    uint32_t lo = 0, hi = n, want = k - 1;
    while (hi - lo > 1) {
        float pivot = w[lo + (hi - lo) / 2], t;
        uint32_t lt = lo, i = lo, gt = hi;
        while (i < gt) {
            if (w[i] > pivot) {
                t = w[lt], w[lt++] = w[i], w[i++] = t;
            } else if (w[i] < pivot) {
                t = w[--gt], w[gt] = w[i], w[i] = t;
            } else
                i++;
        }
        if (want < lt)
            hi = lt;
        else if (want >= gt)
            lo = gt;
        else
            return pivot;
    }
    return w[lo];
}

/* Keeps the k heaviest of the term-sorted v[0..n) in term order: select the
 * k-th weight, then keep what is heavier and, in term order, enough ties. */
static uint32_t truncate_heaviest(kh_cluster *c, kh_feature *v, uint32_t n, uint32_t k)
{
    for (uint32_t i = 0; i < n; i++)
        c->weights[i] = v[i].weight;
    float cut = kth_largest(c->weights, n, k);
    uint32_t above = 0;
    for (uint32_t i = 0; i < n; i++)
        above += v[i].weight > cut;
    uint32_t ties = k - above, m = 0;
    for (uint32_t i = 0; i < n; i++)
        if (v[i].weight > cut || (v[i].weight == cut && ties > 0 && ties--))
            v[m++] = v[i];
    return m;
}

/* centroid of slot += v (term-sorted merge), truncated, re-indexed. */
static int add_to_centroid(kh_cluster *c, uint32_t slot, const kh_feature *v, uint32_t nv)
{
    story *s = &c->slots[slot];
    if (s->n > KH_CENTROID_MAX + KH_FEATURES_MAX || nv > KH_CENTROID_MAX + KH_FEATURES_MAX)
        return kh_set_error(KH_EINVAL, "a vector of %u terms is too long for a centroid",
                            s->n > nv ? s->n : nv);
    kh_feature *merged = malloc((s->n + nv + 1) * sizeof *merged);
    if (!merged)
        return kh_set_error(KH_ENOMEM, "out of memory updating a story");
    uint32_t i = 0, j = 0, m = 0, nfresh = 0;
    while (i < s->n || j < nv) {
        if (j == nv || (i < s->n && s->centroid[i].term < v[j].term))
            merged[m++] = s->centroid[i++];
        else if (i == s->n || v[j].term < s->centroid[i].term) {
            c->fresh[nfresh++] = v[j].term; /* not in the centroid yet */
            merged[m++] = v[j++];
        } else {
            merged[m] = s->centroid[i++];
            merged[m++].weight += v[j++].weight;
        }
    }
    if (m > KH_CENTROID_MAX)
        m = truncate_heaviest(c, merged, m, KH_CENTROID_MAX);
    /* index the fresh terms that survived the truncation (both lists are
     * in term order) */
    int rc = KH_OK;
    for (uint32_t k = 0, f = 0; k < m && f < nfresh && rc == KH_OK; k++) {
        while (f < nfresh && c->fresh[f] < merged[k].term)
            f++;
        if (f < nfresh && c->fresh[f] == merged[k].term)
            rc = posting_add(c, merged[k].term, slot);
    }
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
    if (!as_evidence)
        return KH_OK;
    count_lang(s, meta->lang, 1);
    int rc = add_to_centroid(c, slot, article->v, article->n);
    return rc == KH_OK ? add_embedding(c, slot, article->embed, article->dim) : rc;
}

static int32_t span_gap(const story *a, const story *b)
{
    if (a->first_day == KH_NO_DAY || b->first_day == KH_NO_DAY)
        return 0;
    if (b->first_day > a->last_day)
        return b->first_day - a->last_day;
    if (a->first_day > b->last_day)
        return a->first_day - b->last_day;
    return 0;
}

/* Whether story o qualifies as a partner of story s, and its score. */
typedef int (*partner_test)(const kh_cluster *c, const story *s, const story *o, double *score);

/* The best partner of story_id among the candidates of its heaviest terms. */
static int best_partner(kh_cluster *c, int64_t story_id, partner_test test, kh_match *other)
{
    *other = (kh_match){0, 0};
    story *s = slot_of(c, story_id);
    if (!s || s->norm <= 0)
        return KH_OK;
    uint32_t slot = (uint32_t)(s - c->slots), nc = 0, best_slot = 0;
    int rc = candidates(c, s->centroid, s->n, slot, c->cand, &nc);
    for (uint32_t k = 0; k < nc && rc == KH_OK; k++) {
        double score;
        const story *o = &c->slots[c->cand[k]];
        if (test(c, &c->slots[slot], o, &score))
            consider(other, &best_slot, o, c->cand[k], score);
    }
    return rc;
}

static int mergeable(const kh_cluster *c, const story *s, const story *o, double *score)
{
    return kh_cluster_should_merge(c, s->id, o->id, score);
}

static int in_another_event(const kh_cluster *c, const story *s, const story *o, double *score)
{
    if (o->event_id == s->event_id || o->norm <= 0 || span_gap(s, o) > c->p.event_days)
        return 0;
    *score = kh_fvec_sim(s->centroid, s->n, o->centroid, o->n) / (s->norm * o->norm);
    return *score >= c->p.event;
}

int kh_cluster_merge_candidate(kh_cluster *c, int64_t story_id, kh_match *other)
{
    return best_partner(c, story_id, mergeable, other);
}

int kh_cluster_event_candidate(kh_cluster *c, int64_t story_id, kh_match *other)
{
    return best_partner(c, story_id, in_another_event, other);
}

void kh_cluster_merge_events(kh_cluster *c, int64_t keep, int64_t gone)
{
    for (size_t i = 0; i < c->nslots; i++)
        if (is_open(c, i) && c->slots[i].event_id == gone)
            c->slots[i].event_id = keep;
}

int kh_cluster_set_story_embedding(kh_cluster *c, int64_t story_id, const float *sum,
                                   uint32_t dim)
{
    story *s = slot_of(c, story_id);
    if (!s || !sum || !dim)
        return KH_OK;
    return add_embedding(c, (uint32_t)(s - c->slots), sum, dim);
}

int kh_cluster_should_merge(const kh_cluster *c, int64_t a, int64_t b, double *cos)
{
    *cos = 0;
    const story *x = slot_of(c, a), *y = slot_of(c, b);
    if (!x || !y || x == y || (x->norm <= 0 && !x->embed) || (y->norm <= 0 && !y->embed))
        return 0;
    *cos = kh_fvec_sim(x->centroid, x->n, y->centroid, y->n) / (x->norm * y->norm);
    if (x->embed && y->embed && x->dim == y->dim && x->embed_norm > 0 && y->embed_norm > 0)
        *cos = (1 - KH_EMBED_WEIGHT) * *cos +
               KH_EMBED_WEIGHT * kh_embed_dot(x->embed, x->dim, y->embed, y->dim) /
                   (x->embed_norm * y->embed_norm);
    int32_t first = x->first_day < y->first_day ? x->first_day : y->first_day;
    int32_t last = x->last_day > y->last_day ? x->last_day : y->last_day;
    int span_fits = x->first_day == KH_NO_DAY || y->first_day == KH_NO_DAY ||
                    last - first <= c->p.max_span_days;
    return *cos >= merge_threshold(c, x, y) && span_gap(x, y) <= c->p.join_days && span_fits;
}

static void close_slot(kh_cluster *c, story *s)
{
    free(s->centroid);
    free(s->embed);
    s->embed = NULL;
    s->dim = 0;
    s->centroid = NULL;
    s->n = 0;
    s->norm = 0;
    c->slot_state[s - c->slots] = SLOT_CLOSED;
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
    g = slot_of(c, gone);
    if (rc == KH_OK && g->embed) /* sums of unit vectors add up */
        rc = add_embedding(c, kslot, g->embed, g->dim);
    k = &c->slots[kslot];
    g = slot_of(c, gone);
    extend_days(k, g->first_day, g->last_day);
    k->langs |= g->langs;
    for (int i = 0; i < KH_STORY_LANGS; i++)
        if (g->lang_counts[i].count)
            count_lang(k, g->lang_counts[i].bit, g->lang_counts[i].count);
    k->size += g->size;
    close_slot(c, g);
    return rc;
}

/* Rebuilds slots, by_id and postings from the open stories. */
static int compact(kh_cluster *c)
{
    size_t out = 0;
    for (size_t i = 0; i < c->nslots; i++)
        if (is_open(c, i)) {
            c->slot_state[out] = 0; /* out <= i: no state still to read is lost */
            c->slots[out++] = c->slots[i];
        }
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
        if (is_open(c, i) && s->last_day != KH_NO_DAY && s->last_day < day - c->p.open_days) {
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
    *out = (kh_story_state){.event_id = s->event_id,
                            .centroid = s->centroid,
                            .n = s->n,
                            .size = s->size,
                            .first_day = s->first_day,
                            .last_day = s->last_day,
                            .langs = s->langs,
                            .lang_counts = s->lang_counts,
                            .embed = s->embed,
                            .dim = s->dim};
    return 1;
}
