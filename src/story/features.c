/*
 * features.c: channelled TF-IDF vectors (see features.h).
 *
 *   tokens --fold--> keys --hash+channel--> terms --count--> tf
 *   weight(term) = (1 + ln tf) * idf(term)
 *   idf(term)    = ln((docs + 1) / (df(term) + 1)) + 1
 *
 * then, per channel: keep the heaviest channel_max[c] terms, L2-normalize,
 * scale by sqrt(channel_weight[c]). One-letter words and one-digit numbers
 * are skipped. Ties are broken by term so vectors are deterministic.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <xxhash.h>

#include "core/error.h"
#include "story/features.h"
#include "text/utf8.h"

#define TERM_SEED 0x6b686162u /* "khab" */

/* Terms kept per channel, and each channel's share of the similarity. */
static const uint32_t channel_max[KH_CH_COUNT] = {96, 96, 24, 40};
static const double channel_weight[KH_CH_COUNT] = {0.30, 0.40, 0.10, 0.20};

static inline uint64_t make_term(const void *bytes, size_t len, kh_channel ch)
{
    uint64_t h = XXH3_64bits_withSeed(bytes, len, TERM_SEED + ch);
    return (h & ((1ull << 61) - 1)) | ((uint64_t)ch << 61);
}

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

static inline uint32_t df_bucket(uint64_t term)
{
    /* the channel bits are the top ones: mix them in rather than index by them */
    uint64_t h = term * 0x9E3779B97F4A7C15ull;
    return (uint32_t)(h >> (64 - KH_DF_BUCKET_BITS));
}

static double idf(const kh_df *df, uint64_t term)
{
    double d = df->counts[df_bucket(term)];
    return log(((double)df->docs + 1.0) / (d + 1.0)) + 1.0;
}

static int count_term(kh_hmap *terms, uint64_t term)
{
    uint64_t *v = kh_hmap_upsert(terms, term, 0, NULL);
    if (!v)
        return kh_set_error(KH_ENOMEM, "out of memory counting terms");
    (*v)++;
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
        int rc = count_term(terms, make_term(buf, blen, KH_CH_GRAM));
        if (rc != KH_OK)
            return rc;
    }
    return KH_OK;
}

/* A capitalized word that does not start a sentence: likely a name. */
static int looks_like_name(const char *text, const kh_token *tok)
{
    size_t i = tok->start;
    uint32_t first = kh_utf8_next(text, &i);
    if (!u_isupper((UChar32)first))
        return 0;
    /* look back over spaces and quotes for a sentence end */
    size_t k = tok->start;
    while (k > 0) {
        unsigned char c = (unsigned char)text[k - 1];
        if (c == ' ' || c == '"' || c == '\'' || c == '(' || c == '\t')
            k--;
        else
            return !(c == '.' || c == '!' || c == '?' || c == ':' || c == '\n' || c == '\r');
    }
    return 0; /* the very first word */
}

static int count_token(kh_hmap *terms, const kh_tokens *tokens, size_t i, const char *text)
{
    const kh_token *tok = &tokens->v[i];
    const char *key = kh_token_key(tokens, i);
    size_t second = 0;
    kh_utf8_next(key, &second);
    if (second >= tok->key_len)
        return KH_OK; /* one letter or one digit */
    if (tok->kind == KH_TOKEN_NUMBER)
        return count_term(terms, make_term(key, tok->key_len, KH_CH_NUMBER));
    int rc = count_term(terms, make_term(key, tok->key_len, KH_CH_WORD));
    if (rc == KH_OK)
        rc = count_grams(terms, key, tok->key_len);
    if (rc == KH_OK && text && looks_like_name(text, tok))
        rc = count_term(terms, make_term(key, tok->key_len, KH_CH_NAME));
    return rc;
}

static int cmp_channel_weight(const void *a, const void *b)
{
    const kh_feature *x = a, *y = b;
    unsigned cx = KH_TERM_CHANNEL(x->term), cy = KH_TERM_CHANNEL(y->term);
    if (cx != cy)
        return cx < cy ? -1 : 1;
    if (x->weight != y->weight)
        return x->weight < y->weight ? 1 : -1;
    return (x->term > y->term) - (x->term < y->term);
}

static int cmp_term(const void *a, const void *b)
{
    uint64_t s = ((const kh_feature *)a)->term, t = ((const kh_feature *)b)->term;
    return (s > t) - (s < t);
}

/* Keeps each channel's heaviest terms, normalized and scaled, compacted. */
static uint32_t select_channels(kh_feature *all, size_t n)
{
    qsort(all, n, sizeof *all, cmp_channel_weight);
    uint32_t out = 0;
    size_t i = 0;
    while (i < n) {
        unsigned ch = KH_TERM_CHANNEL(all[i].term);
        size_t end = i;
        while (end < n && KH_TERM_CHANNEL(all[end].term) == ch)
            end++;
        size_t keep = end - i < channel_max[ch] ? end - i : channel_max[ch];
        double norm = 0;
        for (size_t k = i; k < i + keep; k++)
            norm += (double)all[k].weight * all[k].weight;
        double scale = norm > 0 ? sqrt(channel_weight[ch]) / sqrt(norm) : 0;
        for (size_t k = i; k < i + keep; k++) {
            all[out] = all[k];
            all[out++].weight = (float)(all[k].weight * scale);
        }
        i = end;
    }
    return out;
}

int kh_features_build(const kh_tokens *tokens, const char *text, const kh_df *df, kh_hmap *terms,
                      kh_fvec *out)
{
    kh_hmap_clear(terms);
    out->v = NULL;
    out->n = 0;
    int rc;
    for (size_t i = 0; i < tokens->n; i++)
        if ((rc = count_token(terms, tokens, i, text)) != KH_OK)
            return rc;
    kh_feature *all = malloc((terms->n ? terms->n : 1) * sizeof *all);
    if (!all)
        return kh_set_error(KH_ENOMEM, "out of memory building features");
    size_t n = 0;
    for (size_t i = 0; i < terms->cap; i++) {
        if (!terms->keys[i])
            continue;
        all[n].term = terms->keys[i];
        all[n].weight = (float)((1.0 + log((double)terms->vals[i])) * idf(df, terms->keys[i]));
        n++;
    }
    n = select_channels(all, n);
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

void kh_fvec_channel_cosines(const kh_fvec *a, const kh_fvec *b, double cos[KH_CH_COUNT])
{
    for (int c = 0; c < KH_CH_COUNT; c++)
        cos[c] = 0;
    uint32_t i = 0, j = 0;
    while (i < a->n && j < b->n) {
        if (a->v[i].term < b->v[j].term)
            i++;
        else if (a->v[i].term > b->v[j].term)
            j++;
        else {
            cos[KH_TERM_CHANNEL(a->v[i].term)] += (double)a->v[i].weight * b->v[j].weight;
            i++;
            j++;
        }
    }
    for (int c = 0; c < KH_CH_COUNT; c++)
        cos[c] /= channel_weight[c];
}

void kh_fvec_free(kh_fvec *v)
{
    free(v->v);
    v->v = NULL;
    v->n = 0;
}
