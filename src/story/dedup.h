/*
 * dedup.h: near-duplicates and wire copies by MinHash.
 *
 * Each article gets a MinHash signature of its folded word 3-shingles:
 * KH_MINHASH_K minima, each of the shingle hashes under another mixing.
 * The share of equal minima estimates the Jaccard similarity of the two
 * shingle sets; at KH_DEDUP_JACCARD or more two articles are
 * near-duplicates (a wire copy under another headline, a republication
 * with a byline added). Signatures are indexed by bands (LSH): KH_BANDS
 * bands of KH_MINHASH_K / KH_BANDS minima each; articles that agree on a
 * whole band are candidates, then checked. At Jaccard 0.8 two articles
 * share a band with probability 1 - (1 - 0.8^4)^8 > 0.99.
 */
#ifndef KH_STORY_DEDUP_H
#define KH_STORY_DEDUP_H

#include <stdint.h>

#include "text/text.h"

#define KH_MINHASH_K 32
#define KH_BANDS 8
#define KH_DEDUP_JACCARD 0.8
#define KH_DEDUP_MIN_SHINGLES 10

typedef struct kh_minhash {
    uint32_t v[KH_MINHASH_K];
} kh_minhash;

typedef struct kh_dedup kh_dedup;

int kh_dedup_new(kh_dedup **out);
void kh_dedup_free(kh_dedup *d);

/* The signature of a token sequence; returns 0 (and no signature) when it
 * has too few shingles to judge: short texts are never called duplicates. */
int kh_minhash_of(const kh_tokens *tokens, kh_minhash *out);

/* Estimated Jaccard similarity of two signatures. */
double kh_minhash_jaccard(const kh_minhash *a, const kh_minhash *b);

/* The original of the earliest indexed article that is a near-duplicate of
 * sig, among the newest entries of each band (dedup.c): *article_id (the
 * root original) and *story_id, else 0. */
void kh_dedup_find(const kh_dedup *d, const kh_minhash *sig, int64_t *article_id,
                   int64_t *story_id);

/* Indexes an article's signature; root is the original it is a
 * near-duplicate of, or its own id. */
int kh_dedup_add(kh_dedup *d, const kh_minhash *sig, int64_t root, int64_t story_id, int32_t day);

/* Forgets signatures of articles older than day (KH_NO_DAY: none). */
void kh_dedup_forget_before(kh_dedup *d, int32_t day);

/* Records that story gone was merged into keep: lookups that land on
 * gone's entries answer keep from now on (KH_ENOMEM if it cannot). */
int kh_dedup_restory(kh_dedup *d, int64_t gone, int64_t keep);

#endif
