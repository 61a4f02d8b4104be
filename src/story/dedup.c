/*
 * dedup.c: MinHash signatures and their banded index (see dedup.h).
 *
 * Signature: every shingle (three consecutive folded words) is hashed once
 * to 64 bits; minimum k is taken over mix(h ^ seed_k), a cheap invertible
 * mixer, which behaves as k independent hash functions for this use.
 *
 * Index: entries live in one array, their links (root, and per band the
 * previous entry with the same band key) in a parallel one that a walk
 * reads without touching the rest; a hash map sends (band, hash of the
 * band's minima) to the newest entry with that band. A lookup walks at
 * most KH_DEDUP_WALK entries of each chain, newest first: a story copied
 * thousands of times a day would otherwise make every new copy compare
 * with all the others. Each entry knows its root (the original it copies,
 * itself for an original), so the newest copies answer for the oldest: a
 * copy of a copy is a copy of the original. Forgetting old entries
 * rebuilds the array and the map, only when at least half of the entries
 * are old (a count per day says so without a scan), so it costs O(1)
 * amortized per article. A story merge is recorded as gone -> keep and
 * followed when a lookup answers; the rebuild applies the records to the
 * entries.
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
    int64_t story_id;
    int32_t day;
} entry;

/* What a walk reads of every entry it passes, apart from the signature it
 * reads only when the root could improve the answer: 40 bytes, so a step
 * of a chain is one cache line, not the four of the whole entry. */
typedef struct entry_link {
    int64_t root;           /* the original this article copies, or itself */
    int32_t next[KH_BANDS]; /* previous entry with the same band key, or -1 */
} entry_link;

/* How many entries of one day the index holds. */
typedef struct day_count {
    int32_t day;
    size_t n;
} day_count;

struct kh_dedup {
    entry *v;
    entry_link *links; /* links[i] belongs to v[i] */
    size_t n, cap, links_cap;
    kh_hmap bands; /* band key -> newest entry index + 1 */
    /* entries per day, in day order (a handful: the window's days), so
     * that forgetting knows how many entries are old without a scan */
    day_count *days;
    size_t ndays, days_cap;
    /* stories merged since the last rebuild: gone -> keep; entries keep
     * their story id until then and are read through this map */
    kh_hmap moved;
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
    free(d->links);
    free(d->days);
    kh_hmap_free(&d->bands);
    kh_hmap_free(&d->moved);
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

/* The story a story id stands for now (following merges). */
static int64_t current_story(const kh_dedup *d, int64_t story_id)
{
    for (uint64_t *keep; (keep = kh_hmap_get(&d->moved, (uint64_t)story_id)) != NULL;)
        story_id = (int64_t)*keep;
    return story_id;
}

void kh_dedup_find(const kh_dedup *d, const kh_minhash *sig, int64_t *article_id,
                   int64_t *story_id)
{
    *article_id = 0;
    *story_id = 0;
    for (int b = 0; b < KH_BANDS; b++) {
        uint64_t *head = kh_hmap_get(&d->bands, band_key(b, sig));
        int walked = 0;
        for (int32_t e = head ? (int32_t)*head - 1 : -1; e >= 0 && walked < KH_DEDUP_WALK;
             e = d->links[e].next[b], walked++) {
            const entry_link *l = &d->links[e];
            if ((!*article_id || l->root < *article_id) &&
                kh_minhash_jaccard(&d->v[e].sig, sig) >= KH_DEDUP_JACCARD) {
                *article_id = l->root;
                *story_id = d->v[e].story_id;
            }
        }
    }
    if (*story_id)
        *story_id = current_story(d, *story_id);
}

static int link_entry(kh_dedup *d, size_t e)
{
    for (int b = 0; b < KH_BANDS; b++) {
        int inserted;
        uint64_t *head = kh_hmap_upsert(&d->bands, band_key(b, &d->v[e].sig), 0, &inserted);
        if (!head)
            return kh_set_error(KH_ENOMEM, "out of memory indexing signatures");
        d->links[e].next[b] = inserted ? -1 : (int32_t)*head - 1;
        *head = e + 1;
    }
    return KH_OK;
}

/* Counts one more entry of day (days arrive mostly in order). */
static int count_day(kh_dedup *d, int32_t day)
{
    size_t at = d->ndays;
    while (at > 0 && d->days[at - 1].day > day)
        at--;
    if (at > 0 && d->days[at - 1].day == day) {
        d->days[at - 1].n++;
        return KH_OK;
    }
    day_count *days = kh_grow(d->days, &d->days_cap, d->ndays, sizeof *days, 16);
    if (!days)
        return kh_set_error(KH_ENOMEM, "out of memory indexing signatures");
    d->days = days;
    memmove(d->days + at + 1, d->days + at, (d->ndays - at) * sizeof *d->days);
    d->days[at] = (day_count){day, 1};
    d->ndays++;
    return KH_OK;
}

int kh_dedup_add(kh_dedup *d, const kh_minhash *sig, int64_t root, int64_t story_id, int32_t day)
{
    if (d->n >= INT32_MAX)
        return kh_set_error(KH_ENOMEM, "too many signatures in the window");
    entry *v = kh_grow(d->v, &d->cap, d->n, sizeof *v, 1024);
    if (v)
        d->v = v;
    entry_link *links = v ? kh_grow(d->links, &d->links_cap, d->n, sizeof *links, 1024) : NULL;
    if (!links)
        return kh_set_error(KH_ENOMEM, "out of memory indexing signatures");
    d->links = links;
    int rc = day != KH_NO_DAY ? count_day(d, day) : KH_OK;
    if (rc != KH_OK)
        return rc;
    d->v[d->n] = (entry){.sig = *sig, .story_id = story_id, .day = day};
    d->links[d->n].root = root;
    return link_entry(d, d->n++);
}

static int is_old(const entry *e, int32_t day) { return e->day != KH_NO_DAY && e->day < day; }

void kh_dedup_forget_before(kh_dedup *d, int32_t day)
{
    if (day == KH_NO_DAY)
        return;
    size_t old = 0, old_days = 0;
    while (old_days < d->ndays && d->days[old_days].day < day)
        old += d->days[old_days++].n;
    if (old == 0 || old * 2 < d->n)
        return;
    size_t out = 0;
    for (size_t i = 0; i < d->n; i++)
        if (!is_old(&d->v[i], day)) {
            d->v[out] = d->v[i];
            d->v[out].story_id = current_story(d, d->v[i].story_id);
            d->links[out++].root = d->links[i].root; /* next[] is rebuilt below */
        }
    d->n = out;
    d->ndays -= old_days;
    memmove(d->days, d->days + old_days, d->ndays * sizeof *d->days);
    kh_hmap_clear(&d->moved);
    kh_hmap_clear(&d->bands);
    for (size_t i = 0; i < d->n; i++)
        if (link_entry(d, i) != KH_OK)
            return; /* a partial index only misses some duplicates */
}

int kh_dedup_restory(kh_dedup *d, int64_t gone, int64_t keep)
{
    if (gone == keep)
        return KH_OK;
    uint64_t *to = kh_hmap_upsert(&d->moved, (uint64_t)gone, (uint64_t)keep, NULL);
    if (!to)
        return kh_set_error(KH_ENOMEM, "out of memory recording a merge");
    *to = (uint64_t)keep;
    return KH_OK;
}
