/*
 * features.h: an article as a sparse weighted vector of hashed terms.
 *
 * A vector has channels, each a different kind of evidence that the two
 * articles report the same happening:
 *
 *   WORD    folded words (identity of content)
 *   GRAM    character 4-grams of folded words (inflections, spelling and
 *           transliteration variants: روسیه ~ روسيا)
 *   NUMBER  numbers of two digits or more (figures, years, dates)
 *   NAME    capitalized words not starting a sentence (Latin, Cyrillic,
 *           Greek scripts): names of people, places, organizations
 *   XLANG   consonant skeletons of Arabic-script words (text.h): the key
 *           Persian and Arabic spellings of one name share (پسکوف and
 *           بيسكوف are both بسكف), so the two languages meet
 *
 * With tokens from kh_text_analyze, WORD uses stems, GRAM the
 * clitic-stripped bases, and stopwords are left out.
 * A term is a 64-bit hash whose top 3 bits are its channel. Within a
 * channel, weights are TF-IDF (document frequencies counted over the
 * stream in kh_df), the channel's heaviest terms are kept and the channel
 * is L2-normalized, then scaled by the square root of its weight, so the
 * dot product of two vectors is the weighted sum of per-channel cosines:
 *
 *     sim(a, b) = sum_c weight_c * cos_c(a, b)
 *
 * and a story centroid (the sum of its articles' vectors) is compared with
 * one dot product too. Vectors are sorted by term.
 */
#ifndef KH_STORY_FEATURES_H
#define KH_STORY_FEATURES_H

#include <stdint.h>

#include "core/hmap.h"
#include "text/text.h"

typedef enum kh_channel {
    KH_CH_WORD = 0,
    KH_CH_GRAM = 1,
    KH_CH_NUMBER = 2,
    KH_CH_NAME = 3,
    KH_CH_XLANG = 4,
    KH_CH_COUNT = 5
} kh_channel;

#define KH_TERM_CHANNEL(term) ((unsigned)((term) >> 61))
#define KH_FEATURES_MAX 320 /* all channels together */
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
    float *embed;  /* a user-supplied embedding, unit length, or NULL */
    uint32_t dim;
} kh_fvec;

/* How much a user-supplied embedding counts when both sides have one:
 * sim = (1 - w) * lexical + w * cos(embeddings). */
#define KH_EMBED_WEIGHT 0.5

/* Document frequencies in hashed buckets (a count-min sketch of depth 1),
 * stored page by page so that a batch writes only the pages it touched. */
typedef struct kh_df {
    uint32_t *counts; /* KH_DF_BUCKETS */
    uint64_t docs;
    uint8_t dirty[KH_DF_PAGES];
} kh_df;

int kh_df_init(kh_df *df);
void kh_df_free(kh_df *df);

/* The distinct terms of one text with their counts, in the order first
 * seen (index: term -> place in v). */
typedef struct kh_term_count {
    uint64_t term;
    uint32_t count;
} kh_term_count;

typedef struct kh_terms {
    kh_term_count *v;
    size_t n, cap;
    kh_hmap index;
} kh_terms;

/* Counts the terms of a text from its tokens (made from text by
 * kh_text_analyze): the part of the vector that depends on the text alone,
 * so it can run ahead of the stream (ingest's preparing thread). Clears
 * *out first; free with kh_terms_free. */
int kh_terms_count(const kh_tokens *tokens, const char *text, kh_terms *out);
void kh_terms_free(kh_terms *terms);

/* Weighs counted terms against the document frequencies into a vector;
 * out->v is allocated: free with kh_fvec_free. */
int kh_features_weigh(const kh_term_count *terms, size_t n, const kh_df *df, kh_fvec *out);

/* Both: kh_terms_count into terms (scratch), then kh_features_weigh. */
int kh_features_build(const kh_tokens *tokens, const char *text, const kh_df *df, kh_terms *terms,
                      kh_fvec *out);

/* Counts each distinct term once in df (after the vector was weighed). */
void kh_df_add(kh_df *df, const kh_term_count *terms, size_t n);

/*
 * Numbers corroborate, they never decide: "2020" or "19" in two articles
 * in unrelated languages is no evidence they tell one story, and across
 * languages the join threshold is low enough for the NUMBER channel alone
 * to pass it. So in a similarity the NUMBER channel's part of the dot
 * product counts at most KH_NUMBERS_PER_REST times the other channels'
 * part: with nothing else shared, shared numbers count for nothing.
 */
#define KH_NUMBERS_PER_REST 3.0
static inline double kh_corroborated(double rest, double numbers)
{
    double cap = KH_NUMBERS_PER_REST * rest;
    return rest + (numbers < cap ? numbers : cap);
}

/* The similarity of two term-sorted vectors: their dot product with the
 * NUMBER channel corroborating (kh_corroborated). */
double kh_fvec_sim(const kh_feature *a, uint32_t na, const kh_feature *b, uint32_t nb);

/* Dot product of two term-sorted vectors. */
double kh_fvec_dot(const kh_feature *a, uint32_t na, const kh_feature *b, uint32_t nb);

/* Per-channel cosines of two vectors built by kh_features_build (divides
 * out the channel weights); cos[c] is 0 when either side lacks channel c. */
void kh_fvec_channel_cosines(const kh_fvec *a, const kh_fvec *b, double cos[KH_CH_COUNT]);

/* Attaches a copy of an embedding, normalized to unit length (an all-zero
 * embedding is ignored). */
int kh_fvec_set_embedding(kh_fvec *v, const float *embedding, uint32_t dim);

/* Dot product of two embeddings of the same dimension (0 otherwise). */
double kh_embed_dot(const float *a, uint32_t na, const float *b, uint32_t nb);

void kh_fvec_free(kh_fvec *v);

#endif
