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
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <xxhash.h>

#include "core/error.h"
#include "core/grow.h"
#include "story/features.h"
#include "text/utf8.h"

#define TERM_SEED 0x6b686162u /* "khab" */
#define KH_TERMS_KEEP_CAP 16384u /* the term index's capacity kept between articles */

/* Terms kept per channel, and each channel's share of the similarity. */
static const uint32_t channel_max[KH_CH_COUNT] = {96, 96, 24, 40, 64};
_Static_assert(96 + 96 + 24 + 40 + 64 <= KH_FEATURES_MAX, "channel_max must fit KH_FEATURES_MAX");
static const double channel_weight[KH_CH_COUNT] = {0.30, 0.40, 0.10, 0.20, 0.20};

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

/* ln(k) for small k: counts and document frequencies are mostly small,
 * and two logarithms per term were a tenth of the commit thread's time. */
#define KH_LN_TABLE 4096
static double ln_table[KH_LN_TABLE];
static pthread_once_t ln_once = PTHREAD_ONCE_INIT;

static void ln_table_build(void)
{
    for (int k = 1; k < KH_LN_TABLE; k++)
        ln_table[k] = log((double)k);
}

static inline double ln_count(double k) { return k < KH_LN_TABLE ? ln_table[(int)k] : log(k); }

/* Counts one occurrence of term: the index keeps each term's place in the
 * dense list, so nothing ever scans the table. */
static int count_term(kh_terms *terms, uint64_t term)
{
    int inserted;
    uint64_t *at = kh_hmap_upsert(&terms->index, term, terms->n, &inserted);
    if (!at)
        return kh_set_error(KH_ENOMEM, "out of memory counting terms");
    if (inserted) {
        kh_term_count *v = kh_grow(terms->v, &terms->cap, terms->n, sizeof *v, 512);
        if (!v)
            return kh_set_error(KH_ENOMEM, "out of memory counting terms");
        terms->v = v;
        terms->v[terms->n++] = (kh_term_count){term, 0};
    }
    terms->v[*at].count++;
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

static int count_grams(kh_terms *terms, const char *key, size_t len)
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

/* At least two code points. */
static int two_or_more(const char *s, size_t len)
{
    size_t second = 0;
    kh_utf8_next(s, &second);
    return second < len;
}

static int count_token(kh_terms *terms, const kh_tokens *tokens, size_t i, const char *text)
{
    const kh_token *tok = &tokens->v[i];
    const char *key = kh_token_key(tokens, i);
    if (!two_or_more(key, tok->key_len))
        return KH_OK; /* one letter or one digit */
    if (tok->kind == KH_TOKEN_NUMBER)
        return count_term(terms, make_term(key, tok->key_len, KH_CH_NUMBER));
    if (tok->flags & KH_TOKEN_STOP)
        return KH_OK;
    const char *stem = kh_token_stem(tokens, i), *base = kh_token_base(tokens, i);
    int rc = count_term(terms, make_term(stem, tok->stem_len, KH_CH_WORD));
    if (rc == KH_OK)
        rc = count_grams(terms, base, tok->base_len);
    if (rc == KH_OK && text && looks_like_name(text, tok))
        rc = count_term(terms, make_term(key, tok->key_len, KH_CH_NAME));
    if (rc == KH_OK && (tok->flags & KH_TOKEN_ARABIC) &&
        two_or_more(kh_token_skel(tokens, i), tok->skel_len))
        rc = count_term(terms, make_term(kh_token_skel(tokens, i), tok->skel_len, KH_CH_XLANG));
    return rc;
}

/* Sorts v by term: quicksort down to short runs, then insertion sort (the
 * comparison inlined: qsort's callback was a visible share of ingest). */
static void sort_by_term(kh_feature *v, uint32_t n)
{
    while (n > 16) {
        uint64_t a = v[0].term, b = v[n / 2].term, c = v[n - 1].term;
        uint64_t pivot = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b));
        uint32_t i = 0, j = n - 1;
        for (;;) {
            while (v[i].term < pivot)
                i++;
            while (v[j].term > pivot)
                j--;
            if (i >= j)
                break;
            kh_feature t = v[i];
            v[i++] = v[j];
            v[j--] = t;
        }
        /* [0, j] and [j+1, n): recurse into the smaller, loop on the other */
        if (j + 1 < n - j - 1) {
            sort_by_term(v, j + 1);
            v += j + 1;
            n -= j + 1;
        } else {
            sort_by_term(v + j + 1, n - j - 1);
            n = j + 1;
        }
    }
    for (uint32_t i = 1; i < n; i++) {
        kh_feature x = v[i];
        uint32_t k = i;
        for (; k > 0 && v[k - 1].term > x.term; k--)
            v[k] = v[k - 1];
        v[k] = x;
    }
}

/* x ranks below y: lighter, or as heavy with a larger term (deterministic). */
static inline int lighter(const kh_feature *x, const kh_feature *y)
{
    return x->weight < y->weight || (x->weight == y->weight && x->term > y->term);
}

/* A min-heap of the k heaviest features seen (heap[0] the lightest kept). */
static void heap_offer(kh_feature *heap, uint32_t *n, uint32_t k, kh_feature f)
{
    uint32_t i;
    if (*n < k) {
        i = (*n)++;
        while (i > 0 && lighter(&f, &heap[(i - 1) / 2])) {
            heap[i] = heap[(i - 1) / 2];
            i = (i - 1) / 2;
        }
        heap[i] = f;
        return;
    }
    if (!lighter(&heap[0], &f))
        return;
    i = 0; /* replace the root and sift down */
    for (;;) {
        uint32_t l = 2 * i + 1, r = l + 1, m = i;
        const kh_feature *cur = m == i ? &f : &heap[m];
        if (l < *n && lighter(&heap[l], cur))
            m = l, cur = &heap[l];
        if (r < *n && lighter(&heap[r], cur))
            m = r;
        if (m == i)
            break;
        heap[i] = heap[m];
        i = m;
    }
    heap[i] = f;
}

/* Keeps each channel's heaviest terms, normalized and scaled, into out
 * (room for KH_FEATURES_MAX); returns how many. */
static uint32_t select_channels(const kh_feature *all, size_t n, kh_feature *out)
{
    uint32_t count[KH_CH_COUNT] = {0}, base[KH_CH_COUNT], total = 0;
    for (int c = 0; c < KH_CH_COUNT; c++) {
        base[c] = total;
        total += channel_max[c];
    }
    for (size_t i = 0; i < n; i++) {
        unsigned c = KH_TERM_CHANNEL(all[i].term);
        heap_offer(out + base[c], &count[c], channel_max[c], all[i]);
    }
    uint32_t m = 0;
    for (int c = 0; c < KH_CH_COUNT; c++) {
        double norm = 0;
        for (uint32_t k = 0; k < count[c]; k++)
            norm += (double)out[base[c] + k].weight * out[base[c] + k].weight;
        double scale = norm > 0 ? sqrt(channel_weight[c]) / sqrt(norm) : 0;
        for (uint32_t k = 0; k < count[c]; k++) {
            kh_feature f = out[base[c] + k]; /* base[c] + k >= m: compaction runs forward */
            f.weight = (float)(f.weight * scale);
            out[m++] = f;
        }
    }
    return m;
}

int kh_terms_count(const kh_tokens *tokens, const char *text, kh_terms *out)
{
    /* A long article grows the index; do not make every later one pay for
     * clearing that capacity. */
    if (out->index.cap > KH_TERMS_KEEP_CAP)
        kh_hmap_free(&out->index);
    else
        kh_hmap_clear(&out->index);
    out->n = 0;
    for (size_t i = 0; i < tokens->n; i++) {
        int rc = count_token(out, tokens, i, text);
        if (rc != KH_OK)
            return rc;
    }
    return KH_OK;
}

void kh_terms_free(kh_terms *terms)
{
    free(terms->v);
    kh_hmap_free(&terms->index);
    memset(terms, 0, sizeof *terms);
}

int kh_features_weigh(const kh_term_count *terms, size_t n, const kh_df *df, kh_fvec *out)
{
    *out = (kh_fvec){0};
    kh_feature *all = malloc((n ? n : 1) * sizeof *all);
    kh_feature *kept = malloc(KH_FEATURES_MAX * sizeof *kept);
    if (!all || !kept) {
        free(all);
        free(kept);
        return kh_set_error(KH_ENOMEM, "out of memory building features");
    }
    /* The document frequency lookups miss the cache (the sketch is 4 MiB),
     * so they are prefetched a few terms ahead to overlap the misses. */
    pthread_once(&ln_once, ln_table_build);
    const double ln_docs = log((double)df->docs + 1.0);
    enum { AHEAD = 12 };
    for (size_t i = 0; i < n; i++) {
        if (i + AHEAD < n)
            __builtin_prefetch(&df->counts[df_bucket(terms[i + AHEAD].term)]);
        double d = df->counts[df_bucket(terms[i].term)];
        double idf = ln_docs - ln_count(d + 1.0) + 1.0;
        all[i].term = terms[i].term;
        all[i].weight = (float)((1.0 + ln_count((double)terms[i].count)) * idf);
    }
    uint32_t m = select_channels(all, n, kept);
    free(all);
    sort_by_term(kept, m);
    out->v = kept;
    out->n = m;
    return KH_OK;
}

int kh_features_build(const kh_tokens *tokens, const char *text, const kh_df *df, kh_terms *terms,
                      kh_fvec *out)
{
    int rc = kh_terms_count(tokens, text, terms);
    if (rc != KH_OK) {
        *out = (kh_fvec){0};
        return rc;
    }
    return kh_features_weigh(terms->v, terms->n, df, out);
}

void kh_df_add(kh_df *df, const kh_term_count *terms, size_t n)
{
    enum { AHEAD = 16 };
    for (size_t i = 0; i < n; i++) {
        if (i + AHEAD < n)
            __builtin_prefetch(&df->counts[df_bucket(terms[i + AHEAD].term)], 1);
        uint32_t b = df_bucket(terms[i].term);
        if (df->counts[b] < UINT32_MAX)
            df->counts[b]++;
        df->dirty[b / KH_DF_PAGE_BUCKETS] = 1;
    }
    df->docs++;
}

/* Walks two term-sorted vectors' common terms, adding each product to
 * acc[to[channel]]: one sum, a sum per channel, or numbers apart from the
 * rest, each summed in term order. */
static void dot_by_channel(const kh_feature *a, uint32_t na, const kh_feature *b, uint32_t nb,
                           const uint8_t to[KH_CH_COUNT], double *acc)
{
    uint32_t i = 0, j = 0;
    while (i < na && j < nb) {
        if (a[i].term < b[j].term) {
            i++;
        } else if (a[i].term > b[j].term) {
            j++;
        } else {
            acc[to[KH_TERM_CHANNEL(a[i].term)]] += (double)a[i].weight * b[j].weight;
            i++, j++;
        }
    }
}

double kh_fvec_sim(const kh_feature *a, uint32_t na, const kh_feature *b, uint32_t nb)
{
    static const uint8_t numbers_apart[KH_CH_COUNT] = {[KH_CH_NUMBER] = 1};
    double acc[2] = {0, 0}; /* the rest, the numbers */
    dot_by_channel(a, na, b, nb, numbers_apart, acc);
    return kh_corroborated(acc[0], acc[1]);
}

double kh_fvec_dot(const kh_feature *a, uint32_t na, const kh_feature *b, uint32_t nb)
{
    static const uint8_t one_sum[KH_CH_COUNT] = {0};
    double dot = 0;
    dot_by_channel(a, na, b, nb, one_sum, &dot);
    return dot;
}

void kh_fvec_channel_cosines(const kh_fvec *a, const kh_fvec *b, double cos[KH_CH_COUNT])
{
    static const uint8_t each[KH_CH_COUNT] = {0, 1, 2, 3, 4};
    _Static_assert(KH_CH_COUNT == 5, "one entry per channel");
    for (int c = 0; c < KH_CH_COUNT; c++)
        cos[c] = 0;
    dot_by_channel(a->v, a->n, b->v, b->n, each, cos);
    for (int c = 0; c < KH_CH_COUNT; c++)
        cos[c] /= channel_weight[c];
}

int kh_fvec_set_embedding(kh_fvec *v, const float *embedding, uint32_t dim)
{
    double norm = 0;
    for (uint32_t i = 0; i < dim; i++)
        norm += (double)embedding[i] * embedding[i];
    if (norm <= 0)
        return KH_OK;
    float *copy = malloc(dim * sizeof *copy);
    if (!copy)
        return kh_set_error(KH_ENOMEM, "out of memory for an embedding");
    norm = sqrt(norm);
    for (uint32_t i = 0; i < dim; i++)
        copy[i] = (float)(embedding[i] / norm);
    free(v->embed);
    v->embed = copy;
    v->dim = dim;
    return KH_OK;
}

double kh_embed_dot(const float *a, uint32_t na, const float *b, uint32_t nb)
{
    if (!a || !b || na != nb)
        return 0;
    double dot = 0;
    for (uint32_t i = 0; i < na; i++)
        dot += (double)a[i] * b[i];
    return dot;
}

void kh_fvec_free(kh_fvec *v)
{
    free(v->v);
    free(v->embed);
    v->v = NULL;
    v->embed = NULL;
    v->n = v->dim = 0;
}
