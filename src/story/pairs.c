/*
 * pairs.c: scoring article pairs from a CSV (see pairs.h), and the
 * `khabar pairs` / `khabar eval pairs` outputs.
 *
 * Two passes over the texts: the first counts document frequencies over
 * every distinct text of the file (as a stream would have seen them), the
 * second builds each text's vector and scores each pair with one dot
 * product. Evaluation follows the SemEval task: Pearson correlation of the
 * score with -Overall, per language pair and overall, and the same-story
 * decision (gold: Overall <= 1.5 same, >= 3.5 different, others left out).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <xxhash.h>

#include "core/error.h"
#include "core/hmap.h"
#include "io/csv.h"
#include "story/eval.h"
#include "story/pairs.h"
#include "text/text.h"

typedef struct scorer {
    kh_text *text;
    kh_tokens tokens;
    kh_terms terms;
    kh_df df;
    kh_hmap seen; /* text hash -> 1, for distinct texts */
} scorer;

static int vectorize(scorer *s, const char *text, const char *lang, kh_fvec *out)
{
    kh_tokens_clear(&s->tokens);
    int rc = kh_text_analyze(s->text, text, strlen(text), lang, &s->tokens);
    if (rc == KH_OK)
        rc = kh_features_build(&s->tokens, text, &s->df, &s->terms, out);
    return rc;
}

static int count_df(scorer *s, const char *text, const char *lang)
{
    int inserted;
    if (!kh_hmap_upsert(&s->seen, XXH3_64bits(text, strlen(text)), 1, &inserted))
        return kh_set_error(KH_ENOMEM, "out of memory");
    if (!inserted)
        return KH_OK;
    kh_fvec v;
    int rc = vectorize(s, text, lang, &v);
    if (rc == KH_OK)
        kh_df_add(&s->df, s->terms.v, s->terms.n);
    kh_fvec_free(&v);
    return rc;
}

static const char *cell(const kh_csv *csv, size_t r, int col)
{
    return col >= 0 && (size_t)col < csv->nfields[r] ? csv->rows[r][col] : "";
}

static int score_rows(scorer *s, const kh_csv *csv, kh_pairs *out)
{
    int t1 = kh_csv_column(csv, "text1"), t2 = kh_csv_column(csv, "text2");
    if (t1 < 0 || t2 < 0)
        return kh_set_error(KH_EPARSE, "the CSV has no text1 and text2 columns");
    int id = kh_csv_column(csv, "pair_id"), l1 = kh_csv_column(csv, "lang1"),
        l2 = kh_csv_column(csv, "lang2"), ov = kh_csv_column(csv, "Overall");
    int rc = KH_OK;
    for (size_t r = 1; r < csv->nrows && rc == KH_OK; r++) {
        rc = count_df(s, cell(csv, r, t1), cell(csv, r, l1));
        if (rc == KH_OK)
            rc = count_df(s, cell(csv, r, t2), cell(csv, r, l2));
    }
    out->v = calloc(csv->nrows ? csv->nrows : 1, sizeof *out->v);
    if (!out->v)
        return kh_set_error(KH_ENOMEM, "out of memory");
    for (size_t r = 1; r < csv->nrows && rc == KH_OK; r++) {
        kh_pair *p = &out->v[out->n++];
        p->id = cell(csv, r, id);
        p->lang1 = cell(csv, r, l1);
        p->lang2 = cell(csv, r, l2);
        const char *o = cell(csv, r, ov);
        p->overall = *o ? strtod(o, NULL) : NAN;
        kh_fvec a = {0}, b = {0};
        if ((rc = vectorize(s, cell(csv, r, t1), p->lang1, &a)) == KH_OK &&
            (rc = vectorize(s, cell(csv, r, t2), p->lang2, &b)) == KH_OK) {
            double sim = kh_fvec_dot(a.v, a.n, b.v, b.n);
            p->score = sim <= 0 ? 0 : sim >= 1 ? 1 : pow(sim, KH_PAIR_SCORE_EXPONENT);
            kh_fvec_channel_cosines(&a, &b, p->channel);
            p->same = p->score >= KH_SAME_STORY_THRESHOLD;
        }
        kh_fvec_free(&a);
        kh_fvec_free(&b);
    }
    return rc;
}

int kh_pairs_score_file(const char *path, kh_pairs *out)
{
    memset(out, 0, sizeof *out);
    kh_csv *csv = calloc(1, sizeof *csv);
    if (!csv)
        return kh_set_error(KH_ENOMEM, "out of memory");
    out->csv = csv;
    scorer s = {0};
    int rc = kh_csv_read(path, csv);
    if (rc == KH_OK && (rc = kh_text_new(&s.text)) == KH_OK && (rc = kh_df_init(&s.df)) == KH_OK)
        rc = score_rows(&s, csv, out);
    kh_text_free(s.text);
    kh_tokens_free(&s.tokens);
    kh_terms_free(&s.terms);
    kh_hmap_free(&s.seen);
    kh_df_free(&s.df);
    if (rc != KH_OK)
        kh_pairs_free(out);
    return rc;
}

void kh_pairs_free(kh_pairs *p)
{
    if (p->csv) {
        kh_csv_free(p->csv);
        free(p->csv);
    }
    free(p->v);
    memset(p, 0, sizeof *p);
}

int kh_pairs_write(const char *csv_path, int with_channels, FILE *out)
{
    if (!csv_path || !out)
        return kh_set_error(KH_EINVAL, "kh_pairs_write: bad argument");
    kh_pairs pairs;
    int rc = kh_pairs_score_file(csv_path, &pairs);
    if (rc != KH_OK)
        return rc;
    for (size_t i = 0; i < pairs.n; i++) {
        fprintf(out, "%.6f\t%d", pairs.v[i].score, pairs.v[i].same);
        if (with_channels)
            for (int c = 0; c < KH_CH_COUNT; c++)
                fprintf(out, "\t%.6f", pairs.v[i].channel[c]);
        fputc('\n', out);
    }
    kh_pairs_free(&pairs);
    return KH_OK;
}

/* ---- evaluation ----------------------------------------------------- */

typedef struct group {
    char name[32];
    kh_pearson pearson;
} group;

static group *group_get(group *groups, size_t *n, size_t cap, const char *name)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp(groups[i].name, name) == 0)
            return &groups[i];
    if (*n == cap)
        return NULL;
    group *g = &groups[(*n)++];
    memset(g, 0, sizeof *g);
    snprintf(g->name, sizeof g->name, "%s", name);
    return g;
}

static int cmp_group(const void *a, const void *b)
{
    return strcmp(((const group *)a)->name, ((const group *)b)->name);
}

int kh_eval_pairs_write(const char *csv_path, kh_format format, FILE *out)
{
    if (!csv_path || !out)
        return kh_set_error(KH_EINVAL, "kh_eval_pairs_write: bad argument");
    kh_pairs pairs;
    int rc = kh_pairs_score_file(csv_path, &pairs);
    if (rc != KH_OK)
        return rc;
    enum { MAX_GROUPS = 64 };
    group groups[MAX_GROUPS] = {0};
    size_t ngroups = 0;
    kh_pearson same_lang = {0}, cross_lang = {0}, all = {0};
    kh_prf decision = {0};
    kh_hmap ids = {0};
    size_t duplicates = 0, scored = 0;
    double *scores = malloc((pairs.n ? pairs.n : 1) * sizeof *scores);
    int *gold = malloc((pairs.n ? pairs.n : 1) * sizeof *gold);
    size_t nlabelled = 0;
    for (size_t i = 0; i < pairs.n && scores && gold; i++) {
        const kh_pair *p = &pairs.v[i];
        int inserted = 1;
        if (*p->id)
            kh_hmap_upsert(&ids, XXH3_64bits(p->id, strlen(p->id)), 1, &inserted);
        if (!inserted) {
            duplicates++;
            continue;
        }
        if (isnan(p->overall))
            continue;
        scored++;
        char name[32];
        snprintf(name, sizeof name, "%s-%s", *p->lang1 ? p->lang1 : "?", *p->lang2 ? p->lang2 : "?");
        group *g = group_get(groups, &ngroups, MAX_GROUPS, name);
        if (g)
            kh_pearson_add(&g->pearson, p->score, -p->overall);
        kh_pearson_add(strcmp(p->lang1, p->lang2) == 0 ? &same_lang : &cross_lang, p->score,
                       -p->overall);
        kh_pearson_add(&all, p->score, -p->overall);
        if (p->overall <= 1.5 || p->overall >= 3.5) {
            kh_prf_add(&decision, p->same, p->overall <= 1.5);
            scores[nlabelled] = p->score;
            gold[nlabelled++] = p->overall <= 1.5;
        }
    }
    double best_threshold = 0, best_f1 = 0;
    if (scores && gold)
        kh_best_threshold(scores, gold, nlabelled, &best_threshold, &best_f1);
    qsort(groups, ngroups, sizeof *groups, cmp_group);
    if (format == KH_FORMAT_JSON) {
        json_t *langs = json_object();
        for (size_t i = 0; i < ngroups; i++)
            json_object_set_new(langs, groups[i].name,
                                json_pack("{s:I, s:f}", "n", (json_int_t)groups[i].pearson.n,
                                          "pearson", kh_pearson_r(&groups[i].pearson)));
        json_t *root = json_pack(
            "{s:s, s:I, s:I, s:{s:f, s:f, s:f}, s:o, s:{s:f, s:I, s:f, s:f, s:f, s:f, s:f}}",
            "file", csv_path, "pairs", (json_int_t)scored, "duplicates", (json_int_t)duplicates,
            "pearson", "all", kh_pearson_r(&all), "same_language", kh_pearson_r(&same_lang),
            "cross_language", kh_pearson_r(&cross_lang), "per_language_pair", langs,
            "same_story", "threshold", KH_SAME_STORY_THRESHOLD, "n", (json_int_t)nlabelled,
            "precision", kh_prf_precision(&decision), "recall", kh_prf_recall(&decision), "f1",
            kh_prf_f1(&decision), "best_threshold", best_threshold, "best_f1", best_f1);
        json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        fputc('\n', out);
        json_decref(root);
    } else {
        fprintf(out, "pairs scored: %zu (%zu duplicate pair ids skipped)\n\n", scored, duplicates);
        fprintf(out, "%-16s %6s %9s\n", "language pair", "n", "pearson");
        for (size_t i = 0; i < ngroups; i++)
            fprintf(out, "%-16s %6zu %9.3f\n", groups[i].name, groups[i].pearson.n,
                    kh_pearson_r(&groups[i].pearson));
        fprintf(out, "%-16s %6zu %9.3f\n", "same-language", same_lang.n, kh_pearson_r(&same_lang));
        fprintf(out, "%-16s %6zu %9.3f\n", "cross-language", cross_lang.n,
                kh_pearson_r(&cross_lang));
        fprintf(out, "%-16s %6zu %9.3f\n\n", "all", all.n, kh_pearson_r(&all));
        fprintf(out,
                "same story (Overall <= 1.5 vs >= 3.5; %zu pairs), threshold %.2f: "
                "precision %.3f recall %.3f F1 %.3f\n",
                nlabelled, KH_SAME_STORY_THRESHOLD, kh_prf_precision(&decision),
                kh_prf_recall(&decision), kh_prf_f1(&decision));
        fprintf(out, "best threshold on this file: %.2f (F1 %.3f)\n", best_threshold, best_f1);
    }
    free(scores);
    free(gold);
    kh_hmap_free(&ids);
    kh_pairs_free(&pairs);
    return KH_OK;
}
