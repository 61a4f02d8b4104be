/*
 * dedup.c: MinHash signatures and their banded index (see dedup.h).
 *
 * Signature: every shingle (three consecutive folded words) is hashed once
 * to 64 bits; minimum k is taken over mix(h ^ seed_k), a cheap invertible
 * mixer, which behaves as k independent hash functions for this use.
 *
 * Index: entries live in one array; a hash map sends (band, hash of the
 * band's minima) to the newest entry with that band, and entries chain to
 * the previous one with the same key. A lookup walks at most KH_DEDUP_WALK
 * entries of each chain, newest first: a story copied thousands of times a
 * day would otherwise make every new copy compare with all the others.
 * Each entry knows its root (the original it copies, itself for an
 * original), so the newest copies answer for the oldest: a copy of a copy
 * is a copy of the original. Forgetting old entries rebuilds the
 * array and the map, only when at least half of the entries are old, so
 * it costs O(1) amortized per article.
 */
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "core/error.h"
#include "core/grow.h"
#include "core/hmap.h"
#include "story/cluster.h"
#include "story/dedup.h"

#define ROWS (KH_MINHASH_K / KH_BANDS)
#define KH_DEDUP_WALK 256

typedef struct entry {
    kh_minhash sig;
    int64_t root, story_id; /* root: the original this article copies, or itself */
    int32_t day;
    int64_t next[KH_BANDS]; /* previous entry with the same band key, or -1 */
} entry;

struct kh_dedup {
    entry *v;
    size_t n, cap;
    kh_hmap bands; /* band key -> newest entry index + 1 */
};

int kh_dedup_new(kh_dedup **out)
{
    *out = calloc(1, sizeof **out);
    return *out ? KH_OK : kh_set_error(KH_ENOMEM, "out of memory");
}

void kh_dedup_free(kh_dedup *d)
{
    if (!d)
        return;
    free(d->v);
    kh_hmap_free(&d->bands);
    free(d);
}

static inline uint64_t mix(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

int kh_minhash_of(const kh_tokens *tokens, kh_minhash *out)
{
    if (tokens->n < KH_DEDUP_MIN_SHINGLES + 2)
        return 0;
    for (int k = 0; k < KH_MINHASH_K; k++)
        out->v[k] = UINT32_MAX;
    uint64_t w[3] = {0};
    for (size_t i = 0; i < tokens->n; i++) {
        w[0] = w[1];
        w[1] = w[2];
        w[2] = XXH3_64bits(kh_token_key(tokens, i), tokens->v[i].key_len);
        if (i < 2)
            continue;
        uint64_t h = XXH3_64bits(w, sizeof w);
        for (int k = 0; k < KH_MINHASH_K; k++) {
            uint32_t m = (uint32_t)(mix(h ^ (0x9E3779B97F4A7C15ull * (uint64_t)(k + 1))) >> 32);
            if (m < out->v[k])
                out->v[k] = m;
        }
    }
    return 1;
}

double kh_minhash_jaccard(const kh_minhash *a, const kh_minhash *b)
{
    int same = 0;
    for (int k = 0; k < KH_MINHASH_K; k++)
        same += a->v[k] == b->v[k];
    return (double)same / KH_MINHASH_K;
}

static uint64_t band_key(int band, const kh_minhash *sig)
{
    return XXH3_64bits_withSeed(sig->v + band * ROWS, ROWS * sizeof(uint32_t), (uint64_t)band);
}

void kh_dedup_find(const kh_dedup *d, const kh_minhash *sig, int64_t *article_id,
                   int64_t *story_id)
{
    *article_id = 0;
    *story_id = 0;
    for (int b = 0; b < KH_BANDS; b++) {
        uint64_t *head = kh_hmap_get(&d->bands, band_key(b, sig));
        int walked = 0;
        for (int64_t e = head ? (int64_t)*head - 1 : -1; e >= 0 && walked < KH_DEDUP_WALK;
             e = d->v[e].next[b], walked++) {
            const entry *x = &d->v[e];
            if ((!*article_id || x->root < *article_id) &&
                kh_minhash_jaccard(&x->sig, sig) >= KH_DEDUP_JACCARD) {
                *article_id = x->root;
                *story_id = x->story_id;
            }
        }
    }
}

static int link_entry(kh_dedup *d, size_t e)
{
    for (int b = 0; b < KH_BANDS; b++) {
        int inserted;
        uint64_t *head = kh_hmap_upsert(&d->bands, band_key(b, &d->v[e].sig), 0, &inserted);
        if (!head)
            return kh_set_error(KH_ENOMEM, "out of memory indexing signatures");
        d->v[e].next[b] = inserted ? -1 : (int64_t)*head - 1;
        *head = e + 1;
    }
    return KH_OK;
}

int kh_dedup_add(kh_dedup *d, const kh_minhash *sig, int64_t root, int64_t story_id, int32_t day)
{
    entry *v = kh_grow(d->v, &d->cap, d->n, sizeof *v, 1024);
    if (!v)
        return kh_set_error(KH_ENOMEM, "out of memory indexing signatures");
    d->v = v;
    d->v[d->n] = (entry){.sig = *sig, .root = root, .story_id = story_id, .day = day};
    return link_entry(d, d->n++);
}

static int is_old(const entry *e, int32_t day) { return e->day != KH_NO_DAY && e->day < day; }

void kh_dedup_forget_before(kh_dedup *d, int32_t day)
{
    if (day == KH_NO_DAY)
        return;
    size_t old = 0;
    for (size_t i = 0; i < d->n; i++)
        old += is_old(&d->v[i], day);
    if (old == 0 || old * 2 < d->n)
        return;
    size_t out = 0;
    for (size_t i = 0; i < d->n; i++)
        if (!is_old(&d->v[i], day))
            d->v[out++] = d->v[i];
    d->n = out;
    kh_hmap_clear(&d->bands);
    for (size_t i = 0; i < d->n; i++)
        if (link_entry(d, i) != KH_OK)
            return; /* a partial index only misses some duplicates */
}

void kh_dedup_restory(kh_dedup *d, int64_t gone, int64_t keep)
{
    for (size_t i = 0; i < d->n; i++)
        if (d->v[i].story_id == gone)
            d->v[i].story_id = keep;
}
