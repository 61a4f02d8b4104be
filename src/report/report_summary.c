/*
 * report_summary.c: a short extractive summary of a story.
 *
 * Candidates are the sentences of the story's articles in the asked
 * language (near-duplicates left out), cut at sentence punctuation and
 * line ends, 6 to 60 words long. Each is a bag of stems (stopwords out).
 *
 *   centrality(s) = cosine(s, all candidate sentences together)
 *                   * (1 + 0.5 / (1 + position of s in its article))
 *
 * (what many sources say, with a lead bonus: news puts the news first).
 * Sentences are picked greedily by maximal marginal relevance:
 *
 *   0.7 * centrality(s) - 0.3 * max similarity to a sentence already picked
 *
 * and a sentence too close to a picked one (cosine above 0.5) is never
 * picked: no two sentences say the same thing. The picked sentences are
 * given in the order of their articles' dates, then of their positions,
 * each with its article and byte span.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "core/error.h"
#include "core/hmap.h"
#include "report/report.h"
#include "text/text.h"

#define MIN_WORDS 6
#define MAX_WORDS 60
#define MAX_CANDIDATES 400
#define LAMBDA 0.7
#define REDUNDANT 0.5

typedef struct sentence {
    size_t article;
    uint32_t start, end, position;
    kh_hmap bag; /* stem hash -> count */
    double norm, centrality;
    int picked;
} sentence;

static int is_end(const char *s, size_t i, size_t len)
{
    unsigned char c = (unsigned char)s[i];
    if (c == '\n')
        return 1;
    if ((c == '.' || c == '!' || c == '?') && (i + 1 == len || s[i + 1] == ' ' || s[i + 1] == '\n'))
        return 1;
    /* ؟ (U+061F) and ۔ (U+06D4) */
    return i + 1 < len && ((c == 0xD8 && (unsigned char)s[i + 1] == 0x9F) ||
                           (c == 0xDB && (unsigned char)s[i + 1] == 0x94));
}

static double bag_norm(const kh_hmap *b)
{
    double s = 0;
    for (size_t i = 0; i < b->cap; i++)
        if (b->keys[i])
            s += (double)b->vals[i] * b->vals[i];
    return sqrt(s);
}

static double bag_cos(const kh_hmap *a, double na, const kh_hmap *b, double nb)
{
    if (na <= 0 || nb <= 0)
        return 0;
    const kh_hmap *small = a->n < b->n ? a : b, *big = small == a ? b : a;
    double dot = 0;
    for (size_t i = 0; i < small->cap; i++) {
        if (!small->keys[i])
            continue;
        uint64_t *v = kh_hmap_get(big, small->keys[i]);
        if (v)
            dot += (double)small->vals[i] * *v;
    }
    return dot / (na * nb);
}

/* Adds one sentence of article i, if it is a fit candidate. */
static void add_sentence(kh_text *t, const kh_report_article *a, size_t i, uint32_t start,
                         uint32_t end, uint32_t position, sentence *out, size_t *n,
                         kh_hmap *all)
{
    while (start < end && (a[i].text[start] == ' ' || a[i].text[start] == '-' ||
                           a[i].text[start] == '\n' || a[i].text[start] == '\t'))
        start++;
    if (end - start < 20 || *n >= MAX_CANDIDATES)
        return;
    kh_tokens toks = {0};
    if (kh_text_analyze(t, a[i].text + start, end - start, a[i].lang, &toks) != KH_OK ||
        toks.n < MIN_WORDS || toks.n > MAX_WORDS) {
        kh_tokens_free(&toks);
        return;
    }
    sentence *s = &out[*n];
    memset(s, 0, sizeof *s);
    for (size_t k = 0; k < toks.n; k++) {
        if (toks.v[k].flags & KH_TOKEN_STOP)
            continue;
        uint64_t h = XXH3_64bits(kh_token_stem(&toks, k), toks.v[k].stem_len);
        uint64_t *c = kh_hmap_upsert(&s->bag, h, 0, NULL), *g = kh_hmap_upsert(all, h, 0, NULL);
        if (c)
            (*c)++;
        if (g)
            (*g)++;
    }
    kh_tokens_free(&toks);
    s->article = i;
    s->start = start;
    s->end = end;
    s->position = position;
    s->norm = bag_norm(&s->bag);
    (*n)++;
}

static void split(kh_text *t, const kh_report_article *a, size_t i, sentence *out, size_t *n,
                  kh_hmap *all)
{
    const char *s = a[i].text;
    size_t len = strlen(s), start = 0;
    uint32_t position = 0;
    for (size_t k = 0; k < len; k++) {
        if (!is_end(s, k, len))
            continue;
        size_t end = (unsigned char)s[k] >= 0x80 ? k + 2 : k + 1;
        if (s[k] == '\n')
            end = k;
        add_sentence(t, a, i, (uint32_t)start, (uint32_t)end, position++, out, n, all);
        start = end;
    }
    if (start < len)
        add_sentence(t, a, i, (uint32_t)start, (uint32_t)len, position, out, n, all);
}

/* The majority language of the articles, for a summary with no language asked. */
static const char *majority_lang(const kh_report_article *a, size_t n)
{
    const char *best = NULL;
    size_t best_count = 0;
    for (size_t i = 0; i < n; i++) {
        size_t c = 0;
        for (size_t j = 0; j < n; j++)
            c += a[j].lang && a[i].lang && strcmp(a[i].lang, a[j].lang) == 0;
        if (c > best_count) {
            best_count = c;
            best = a[i].lang;
        }
    }
    return best;
}

static int cmp_order(const void *x, const void *y, void *ctx)
{
    const sentence *a = *(sentence *const *)x, *b = *(sentence *const *)y;
    const kh_report_article *art = ctx;
    int32_t da = art[a->article].day, db = art[b->article].day;
    if (da != db)
        return da < db ? -1 : 1;
    if (a->article != b->article)
        return a->article < b->article ? -1 : 1;
    return (a->position > b->position) - (a->position < b->position);
}

json_t *kh_report_summary(kh_text *t, const kh_report_article *a, size_t n, const char *lang,
                          size_t max_sentences)
{
    int asked = lang && *lang;
    int have = 0;
    for (size_t i = 0; asked && i < n; i++)
        have |= a[i].lang && strcmp(a[i].lang, lang) == 0 && !a[i].duplicate_of;
    const char *use = asked && have ? lang : majority_lang(a, n);
    sentence *cand = calloc(MAX_CANDIDATES, sizeof *cand);
    kh_hmap all = {0};
    size_t nc = 0;
    for (size_t i = 0; cand && i < n; i++)
        if (!a[i].duplicate_of && a[i].lang && use && strcmp(a[i].lang, use) == 0)
            split(t, a, i, cand, &nc, &all);
    double all_norm = bag_norm(&all);
    for (size_t i = 0; i < nc; i++)
        cand[i].centrality =
            bag_cos(&cand[i].bag, cand[i].norm, &all, all_norm) * (1 + 0.5 / (1 + cand[i].position));
    sentence *picked[16];
    size_t np = 0;
    while (np < max_sentences && np < 16) {
        double best = -1;
        size_t at = nc;
        for (size_t i = 0; i < nc; i++) {
            if (cand[i].picked)
                continue;
            double redundancy = 0;
            for (size_t p = 0; p < np; p++) {
                double c = bag_cos(&cand[i].bag, cand[i].norm, &picked[p]->bag, picked[p]->norm);
                if (c > redundancy)
                    redundancy = c;
            }
            if (redundancy > REDUNDANT)
                continue;
            double score = LAMBDA * cand[i].centrality - (1 - LAMBDA) * redundancy;
            if (score > best) {
                best = score;
                at = i;
            }
        }
        if (at == nc)
            break;
        cand[at].picked = 1;
        picked[np++] = &cand[at];
    }
    qsort_r(picked, np, sizeof *picked, cmp_order, (void *)a);
    json_t *sentences = json_array();
    for (size_t p = 0; p < np; p++) {
        const sentence *s = picked[p];
        json_array_append_new(
            sentences, json_pack("{s:s%, s:I, s:s?, s:I, s:I}", "text", a[s->article].text + s->start,
                                 (size_t)(s->end - s->start), "article", (json_int_t)a[s->article].id,
                                 "outlet", a[s->article].outlet, "start", (json_int_t)s->start,
                                 "end", (json_int_t)s->end));
    }
    for (size_t i = 0; i < nc; i++)
        kh_hmap_free(&cand[i].bag);
    kh_hmap_free(&all);
    free(cand);
    return json_pack("{s:s?, s:b, s:o}", "lang", use, "requested_lang_found", !asked || have,
                     "sentences", sentences);
}
