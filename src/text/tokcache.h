/*
 * tokcache.h: the analysis of a word already seen, found again by its
 * language and its folded key. Internal to src/text/ (analyze.c).
 *
 * Words repeat (Zipf): most tokens of a news text were analysed before,
 * in it or in an earlier one. What analyze.c derives from a word (the
 * clitic split, base, stem, skeleton, stopword and script flags) depends
 * on the language and the folded key only (a Persian word with a ZWNJ
 * inside it aside: its clitics depend on where the ZWNJ stood, and it is
 * not cached). So the whole analysis is kept, laid out as analyze.c
 * appends it to a kh_tokens' key buffer, and a repeated word costs one
 * lookup and one copy instead of a stopword lookup, a Snowball stem and,
 * in Arabic script, clitic rules with lexicon lookups and a skeleton.
 *
 * The table: KH_TC_SETS sets of KH_TC_WAYS slots, one 64-byte cache line
 * each (32 MiB per kh_text that analyses, zeroed pages mapped on first
 * touch; ingest has one or two). Half the sets (16 MiB) thrashed on the
 * 140,000 distinct words of the SemEval texts (3 or more words of one
 * set, each seen once per pass, evict each other), and a miss costs a
 * Snowball stem: 20 % slower over the whole analysis.
 *
 *   set i = kh_tc_hash(key) ^ language,       [ slot 0 ][ slot 1 ]   128 B
 *           low bits
 *
 *   slot   [h:4][lang flags pre suf][key_len len][base_at base_len]
 *          [stem_at stem_len][skel_at skel_len][data: 48 bytes]
 *   data   key \0 [base \0] [stem \0] [skeleton \0]     (len bytes)
 *
 * A string of the token that is the key itself has at 0 (it points at the
 * key); the others follow it, in the order analyze.c appended them, so
 * copying data reproduces the key buffer byte for byte. An analysis whose
 * data does not fit in 48 bytes (0.4 % of the SemEval tokens) is not kept.
 *
 * A lookup compares the language, the key's length and every byte of the
 * key: the hash only chooses the set and skips most slots early, and two
 * keys with one hash are two entries, never one ("sur" in French and "sus"
 * in Spanish once shared a hash-only key of the old stem cache).
 *
 * Replacement: least recently used. A new entry goes to slot 0 of its set,
 * the entry there moves to slot 1 and the one in slot 1 is dropped; an
 * entry found in slot 1 moves to slot 0. Memory is fixed (no growth, no
 * arena), nothing is ever cleared wholesale, and what a lookup returns
 * never depends on what was analysed before, only how fast it comes.
 */
#ifndef KH_TEXT_TOKCACHE_H
#define KH_TEXT_TOKCACHE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "text/text.h"

#define KH_TC_SETS (1u << 18)
#define KH_TC_WAYS 2
#define KH_TC_DATA 48

typedef struct kh_tc_slot {
    uint32_t h;     /* high half of the key's hash */
    uint8_t lang;   /* language index + 2 (-1, no language, is 1); 0: empty */
    uint8_t flags;  /* KH_TOKEN_STOP, KH_TOKEN_ARABIC */
    uint8_t pre, suf;
    uint8_t key_len, len; /* bytes of the key, of data */
    uint8_t base_at, base_len, stem_at, stem_len, skel_at, skel_len;
    char data[KH_TC_DATA];
} kh_tc_slot;

_Static_assert(sizeof(kh_tc_slot) == 64, "a token cache slot is one cache line");

typedef struct kh_tcache {
    kh_tc_slot *slots; /* KH_TC_SETS * KH_TC_WAYS, 64-byte aligned; NULL until kh_tc_init */
    void *mem;         /* the allocation slots lies in */
} kh_tcache;

/* Allocates the table (once); KH_ENOMEM when memory is short. */
int kh_tc_init(kh_tcache *c);
void kh_tc_free(kh_tcache *c);

static inline uint64_t kh_tc_load64(const char *p)
{
    uint64_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

static inline uint64_t kh_tc_load32(const char *p)
{
    uint32_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

static inline uint64_t kh_tc_mix(uint64_t h, uint64_t v)
{
    h = (h ^ v) * 0x9E3779B97F4A7C15ull;
    return h ^ (h >> 29);
}

/*
 * The cache's hash of a key: inline and a few multiplies for the short
 * keys words have. Words of 8 bytes or more are read in 8-byte chunks,
 * the last one overlapping the one before; shorter ones in two 4-byte
 * reads, or their first, middle and last byte. Never past key + len.
 */
static inline uint64_t kh_tc_hash(const char *key, size_t len)
{
    uint64_t h = 0x2545F4914F6CDD1Dull ^ len;
    if (len >= 8) {
        for (size_t i = 0; i + 8 < len; i += 8)
            h = kh_tc_mix(h, kh_tc_load64(key + i));
        h = kh_tc_mix(h, kh_tc_load64(key + len - 8));
    } else if (len >= 4) {
        h = kh_tc_mix(h, kh_tc_load32(key) | kh_tc_load32(key + len - 4) << 32);
    } else if (len > 0) {
        const unsigned char *u = (const unsigned char *)key;
        h = kh_tc_mix(h, u[0] | (uint64_t)u[len / 2] << 8 | (uint64_t)u[len - 1] << 16);
    }
    h ^= h >> 33; /* the finalizer of MurmurHash3: every bit of h moves */
    h *= 0xFF51AFD7ED558CCDull;
    h ^= h >> 33;
    h *= 0xC4CEB9FE1A85EC53ull;
    return h ^ (h >> 33);
}

/* a[0, len) == b[0, len), read as kh_tc_hash reads. */
static inline int kh_tc_same(const char *a, const char *b, size_t len)
{
    if (len >= 8) {
        for (size_t i = 0; i + 8 < len; i += 8)
            if (kh_tc_load64(a + i) != kh_tc_load64(b + i))
                return 0;
        return kh_tc_load64(a + len - 8) == kh_tc_load64(b + len - 8);
    }
    if (len >= 4)
        return kh_tc_load32(a) == kh_tc_load32(b) &&
               kh_tc_load32(a + len - 4) == kh_tc_load32(b + len - 4);
    return len == 0 || (a[0] == b[0] && a[len / 2] == b[len / 2] && a[len - 1] == b[len - 1]);
}

static inline kh_tc_slot *kh_tc_set(const kh_tcache *c, int li, uint64_t h)
{
    const uint64_t mixed = h ^ ((uint64_t)(li + 2) * 0x9E3779B97F4A7C15ull);
    return c->slots + (size_t)(mixed & (KH_TC_SETS - 1)) * KH_TC_WAYS;
}

/* Fetches the set of (li, h) into the CPU's cache (c->slots allocated):
 * the table is far larger than it, and the lookup comes a few tokens
 * later. Always inlined: GCC takes a function that only prefetches for
 * one without effect and drops its calls. */
static inline __attribute__((always_inline)) void kh_tc_prefetch(const kh_tcache *c, int li,
                                                                  uint64_t h)
{
    const kh_tc_slot *set = kh_tc_set(c, li, h);
    __builtin_prefetch(set);
    __builtin_prefetch(set + 1);
}

/* The entry of key (len bytes, h its kh_tc_hash) in language li, or NULL.
 * An entry found in slot 1 trades places with slot 0: the set keeps the
 * one used last, and a word in use is not pushed out by new ones. */
static inline const kh_tc_slot *kh_tc_get(kh_tcache *c, int li, const char *key, size_t len,
                                          uint64_t h)
{
    if (!c->slots || len >= KH_TC_DATA)
        return NULL;
    kh_tc_slot *set = kh_tc_set(c, li, h);
    const uint32_t hi = (uint32_t)(h >> 32);
    for (int w = 0; w < KH_TC_WAYS; w++) {
        kh_tc_slot *s = &set[w];
        if (s->h == hi && s->lang == (uint8_t)(li + 2) && s->key_len == len &&
            kh_tc_same(s->data, key, len)) {
            if (w == 0)
                return s;
            const kh_tc_slot hit = *s;
            memmove(set + 1, set, (size_t)w * sizeof *set);
            set[0] = hit;
            return set;
        }
    }
    return NULL;
}

/* Keeps the analysis of tok (key hash h, language li), whose strings are
 * in keys from tok->key_off to keys->len; skipped when they do not fit. */
void kh_tc_put(kh_tcache *c, int li, uint64_t h, const kh_token *tok, const kh_buf *keys);

/* Appends the entry's strings to keys and points tok at them (flags
 * added, clitic bytes set). */
static inline int kh_tc_emit(const kh_tc_slot *s, kh_token *tok, kh_buf *keys)
{
    if (keys->len + KH_TC_DATA + 1 > keys->cap) {
        int rc = kh_buf_reserve(keys, KH_TC_DATA);
        if (rc != 0)
            return rc;
    }
    const uint32_t at = (uint32_t)keys->len;
    memcpy(keys->data + at, s->data, KH_TC_DATA); /* whole: a fixed-size copy */
    keys->len += s->len;
    keys->data[keys->len] = '\0';
    tok->key_off = at;
    tok->key_len = s->key_len;
    tok->base_off = at + s->base_at;
    tok->base_len = s->base_len;
    tok->stem_off = at + s->stem_at;
    tok->stem_len = s->stem_len;
    tok->skel_off = at + s->skel_at;
    tok->skel_len = s->skel_len;
    tok->flags |= s->flags;
    tok->pre = s->pre;
    tok->suf = s->suf;
    return 0;
}

#endif
