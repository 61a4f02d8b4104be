/*
 * features.h: an article as a sparse weighted vector of hashed terms.
 *
 * Terms are 64-bit hashes of folded tokens ("w" terms) and of character
 * 4-grams of folded tokens ("g" terms: they match inflected and
 * transliterated forms that share most letters). Weights are TF-IDF with
 * document frequencies counted over the stream (kh_df); each vector keeps
 * its KH_FEATURES_MAX heaviest terms, sorted by term, L2-normalized.
 */
#ifndef KH_STORY_FEATURES_H
#define KH_STORY_FEATURES_H

#include <stdint.h>

#include "core/hmap.h"
#include "text/text.h"

#define KH_FEATURES_MAX 96
#define KH_DF_BUCKET_BITS 20
#define KH_DF_BUCKETS (1u << KH_DF_BUCKET_BITS)
#define KH_DF_PAGE_BUCKETS 4096u
#define KH_DF_PAGES (KH_DF_BUCKETS / KH_DF_PAGE_BUCKETS)

typedef struct kh_feature {
    uint64_t term;
    float weight;
} kh_feature;

typedef struct kh_fvec {
    kh_feature *v; /* sorted by term */
    uint32_t n;
} kh_fvec;

/* Document frequencies in hashed buckets (a count-min sketch of depth 1),
 * stored page by page so that a batch writes only the pages it touched. */
typedef struct kh_df {
    uint32_t *counts;     /* KH_DF_BUCKETS */
    uint64_t docs;
    uint8_t dirty[KH_DF_PAGES];
} kh_df;

int kh_df_init(kh_df *df);
void kh_df_free(kh_df *df);

/*
 * Builds the vector of an article from its tokens. terms (scratch, cleared
 * here) receives every distinct term with its count, for kh_df_add.
 * out->v is allocated (KH_FEATURES_MAX entries); free with kh_fvec_free.
 */
int kh_features_build(const kh_tokens *tokens, const kh_df *df, kh_hmap *terms, kh_fvec *out);

/* Counts each distinct term of terms once in df (after kh_features_build). */
void kh_df_add(kh_df *df, const kh_hmap *terms);

/* Dot product of two term-sorted vectors. */
double kh_fvec_dot(const kh_feature *a, uint32_t na, const kh_feature *b, uint32_t nb);

void kh_fvec_free(kh_fvec *v);

#endif
