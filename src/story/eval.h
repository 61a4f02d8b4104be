/*
 * eval.h: the statistics khabar evaluates itself with.
 *
 * Pearson correlation accumulated one pair at a time; precision, recall
 * and F1 of a binary decision; the threshold that maximizes F1; pairwise
 * and BCubed scores of a clustering against gold.
 */
#ifndef KH_STORY_EVAL_H
#define KH_STORY_EVAL_H

#include <stddef.h>
#include <stdint.h>

typedef struct kh_pearson {
    size_t n;
    double sx, sy, sxx, syy, sxy;
} kh_pearson;

void kh_pearson_add(kh_pearson *p, double x, double y);
double kh_pearson_r(const kh_pearson *p); /* 0 when undefined */

typedef struct kh_prf {
    size_t tp, fp, fn, tn;
} kh_prf;

void kh_prf_add(kh_prf *p, int predicted, int gold);
double kh_prf_precision(const kh_prf *p);
double kh_prf_recall(const kh_prf *p);
double kh_prf_f1(const kh_prf *p);

/* The threshold on scores (predict score >= t) with the best F1 on gold. */
void kh_best_threshold(const double *scores, const int *gold, size_t n, double *threshold,
                       double *f1);

/* Clustering scores: items labelled by predicted and gold cluster ids. */
typedef struct kh_cluster_scores {
    double pair_p, pair_r, pair_f1;
    double bcubed_p, bcubed_r, bcubed_f1;
} kh_cluster_scores;

int kh_cluster_scores_compute(const int64_t *predicted, const int64_t *gold, size_t n,
                              kh_cluster_scores *out);

#endif
