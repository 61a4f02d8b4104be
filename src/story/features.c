/*
 * features.c: TF-IDF vectors of folded words and character 4-grams.
 *
 *   tokens --fold--> keys --hash--> terms --count--> tf
 *   weight(term) = (1 + ln tf) * idf(term) * kind_weight
 *   idf(term)    = ln((docs + 1) / (df(term) + 1)) + 1
 *
 * Words carry identity (names, numbers); 4-grams (with ^ and $ marking the
 * word edges, over code points) let "روسیه" meet "روسيا" and "بيسكوف" meet
 * "پسکوف" partly. One-letter words are skipped. Only the KH_FEATURES_MAX
 * heaviest terms are kept: they are what the inverted index retrieves by,
 * and they bound the memory per article.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "core/error.h"
#include "story/features.h"
#include "text/utf8.h"

#define WORD_SEED 0x6b686162u /* "khab" */
#define GRAM_SEED 0x61726772u
#define GRAM_WEIGHT 0.35f

int kh_df_init(kh_df *df)
{
    memset(df, 0, sizeof *df);
    df->counts = calloc(KH_DF_BUCKETS, sizeof *df->counts);
    if (!df->counts)
        return kh_set_error(KH_ENOMEM, "out of memory for document frequencies");
    return KH_OK;
}

void kh_df_free(kh_df *df)
{
    free(df->counts);
    df->counts = NULL;
}

static inline uint32_t df_bucket(uint64_t term) { return (uint32_t)(term >> (64 - KH_DF_BUCKET_BITS)); }

static double idf(const kh_df *df, uint64_t term)
{
    double d = df->counts[df_bucket(term)];
    return log(((double)df->docs + 1.0) / (d + 1.0)) + 1.0;
}

/* Term counts live in the map's value: low 32 bits words, high 32 bits grams
 * (a term is one or the other; the split only keeps their weights apart). */
static int count_term(kh_hmap *terms, uint64_t term, int is_gram)
{
    uint64_t *v = kh_hmap_upsert(terms, term, 0, NULL);
    if (!v)
        return kh_set_error(KH_ENOMEM, "out of memory counting terms");
    *v += is_gram ? (1ull << 32) : 1u;
    return KH_OK;
}

/* Appends element k of "^" + code points + "$" (n code points) to buf. */
static size_t gram_part(const char *key, const size_t *starts, size_t n, size_t k, char *buf)
{
    if (k == 0) {
        buf[0] = '^';
        return 1;
    }
    if (k == n + 1) {
        buf[0] = '$';
        return 1;
    }
    size_t len = starts[k] - starts[k - 1];
    memcpy(buf, key + starts[k - 1], len);
    return len;
}

static int count_grams(kh_hmap *terms, const char *key, size_t len)
{
    enum { MAX_CPS = 64, GRAM = 4 };
    size_t starts[MAX_CPS + 1]; /* starts[k] = byte end of code point k-1 */
    size_t n = 0, i = 0;
    starts[0] = 0;
    while (i < len && n < MAX_CPS) {
        kh_utf8_next(key, &i);
        starts[++n] = i;
    }
    if (n + 2 < GRAM)
        return KH_OK;
    char buf[GRAM * 4];
    for (size_t p = 0; p + GRAM <= n + 2; p++) {
        size_t blen = 0;
        for (size_t k = p; k < p + GRAM; k++)
            blen += gram_part(key, starts, n, k, buf + blen);
        int rc = count_term(terms, XXH3_64bits_withSeed(buf, blen, GRAM_SEED), 1);
        if (rc != KH_OK)
            return rc;
    }
    return KH_OK;
}

static int cmp_weight_desc(const void *a, const void *b)
{
    float x = ((const kh_feature *)a)->weight, y = ((const kh_feature *)b)->weight;
    if (x != y)
        return x < y ? 1 : -1;
    uint64_t s = ((const kh_feature *)a)->term, t = ((const kh_feature *)b)->term;
    return (s > t) - (s < t); /* deterministic order on ties */
}

static int cmp_term(const void *a, const void *b)
{
    uint64_t s = ((const kh_feature *)a)->term, t = ((const kh_feature *)b)->term;
    return (s > t) - (s < t);
}

int kh_features_build(const kh_tokens *tokens, const kh_df *df, kh_hmap *terms, kh_fvec *out)
{
    kh_hmap_clear(terms);
    out->v = NULL;
    out->n = 0;
    int rc;
    for (size_t i = 0; i < tokens->n; i++) {
        const kh_token *tok = &tokens->v[i];
        const char *key = kh_token_key(tokens, i);
        size_t i2 = 0;
        kh_utf8_next(key, &i2);
        if (i2 >= tok->key_len && tok->kind == KH_TOKEN_WORD)
            continue; /* one-letter word */
        if ((rc = count_term(terms, XXH3_64bits_withSeed(key, tok->key_len, WORD_SEED), 0)) != KH_OK)
            return rc;
        if (tok->kind == KH_TOKEN_WORD && (rc = count_grams(terms, key, tok->key_len)) != KH_OK)
            return rc;
    }
    kh_feature *all = malloc((terms->n ? terms->n : 1) * sizeof *all);
    if (!all)
        return kh_set_error(KH_ENOMEM, "out of memory building features");
    size_t n = 0;
    for (size_t i = 0; i < terms->cap; i++) {
        if (!terms->keys[i])
            continue;
        uint32_t words = (uint32_t)terms->vals[i], grams = (uint32_t)(terms->vals[i] >> 32);
        double tf = words ? words : grams;
        double w = (1.0 + log(tf)) * idf(df, terms->keys[i]) * (words ? 1.0 : GRAM_WEIGHT);
        all[n].term = terms->keys[i];
        all[n].weight = (float)w;
        n++;
    }
    qsort(all, n, sizeof *all, cmp_weight_desc);
    if (n > KH_FEATURES_MAX)
        n = KH_FEATURES_MAX;
    double norm = 0;
    for (size_t i = 0; i < n; i++)
        norm += (double)all[i].weight * all[i].weight;
    norm = norm > 0 ? sqrt(norm) : 1.0;
    for (size_t i = 0; i < n; i++)
        all[i].weight = (float)(all[i].weight / norm);
    qsort(all, n, sizeof *all, cmp_term);
    out->v = all;
    out->n = (uint32_t)n;
    return KH_OK;
}

void kh_df_add(kh_df *df, const kh_hmap *terms)
{
    for (size_t i = 0; i < terms->cap; i++) {
        if (!terms->keys[i])
            continue;
        uint32_t b = df_bucket(terms->keys[i]);
        if (df->counts[b] < UINT32_MAX)
            df->counts[b]++;
        df->dirty[b / KH_DF_PAGE_BUCKETS] = 1;
    }
    df->docs++;
}

double kh_fvec_dot(const kh_feature *a, uint32_t na, const kh_feature *b, uint32_t nb)
{
    double dot = 0;
    uint32_t i = 0, j = 0;
    while (i < na && j < nb) {
        if (a[i].term < b[j].term)
            i++;
        else if (a[i].term > b[j].term)
            j++;
        else
            dot += (double)a[i++].weight * b[j++].weight;
    }
    return dot;
}

void kh_fvec_free(kh_fvec *v)
{
    free(v->v);
    v->v = NULL;
    v->n = 0;
}
