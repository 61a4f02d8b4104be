/*
 * eval.c: evaluation statistics (see eval.h).
 *
 * Clustering scores count, for each pair of (predicted, gold) labels, how
 * many items share both (the contingency table), in a hash map, so that
 * pairwise and BCubed scores cost O(n) rather than O(n^2):
 *
 *   pairwise: TP = sum over cells C(n_ij, 2), predicted pairs =
 *             sum over predicted clusters C(a_i, 2), gold pairs likewise;
 *   BCubed:   precision = (1/n) sum over cells n_ij^2 / a_i,
 *             recall    = (1/n) sum over cells n_ij^2 / b_j.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "core/error.h"
#include "core/hmap.h"
#include "story/eval.h"

void kh_pearson_add(kh_pearson *p, double x, double y)
{
    p->n++;
    p->sx += x;
    p->sy += y;
    p->sxx += x * x;
    p->syy += y * y;
    p->sxy += x * y;
}

double kh_pearson_r(const kh_pearson *p)
{
    if (p->n < 2)
        return 0;
    double n = (double)p->n;
    double cov = p->sxy - p->sx * p->sy / n;
    double vx = p->sxx - p->sx * p->sx / n, vy = p->syy - p->sy * p->sy / n;
    if (vx <= 0 || vy <= 0)
        return 0;
    return cov / sqrt(vx * vy);
}

void kh_prf_add(kh_prf *p, int predicted, int gold)
{
    if (predicted && gold)
        p->tp++;
    else if (predicted)
        p->fp++;
    else if (gold)
        p->fn++;
    else
        p->tn++;
}

double kh_prf_precision(const kh_prf *p) { return p->tp + p->fp ? (double)p->tp / (p->tp + p->fp) : 0; }
double kh_prf_recall(const kh_prf *p) { return p->tp + p->fn ? (double)p->tp / (p->tp + p->fn) : 0; }
double kh_prf_f1(const kh_prf *p)
{
    double pr = kh_prf_precision(p), re = kh_prf_recall(p);
    return pr + re > 0 ? 2 * pr * re / (pr + re) : 0;
}

void kh_best_threshold(const double *scores, const int *gold, size_t n, double *threshold,
                       double *f1)
{
    *threshold = 0;
    *f1 = 0;
    for (int step = 1; step < 100; step++) {
        double t = step / 100.0;
        kh_prf p = {0};
        for (size_t i = 0; i < n; i++)
            kh_prf_add(&p, scores[i] >= t, gold[i]);
        double f = kh_prf_f1(&p);
        if (f > *f1) {
            *f1 = f;
            *threshold = t;
        }
    }
}

static uint64_t label_key(int64_t a, int64_t b)
{
    int64_t pair[2] = {a, b};
    return XXH3_64bits(pair, sizeof pair);
}

static int count_labels(const int64_t *labels, size_t n, kh_hmap *sizes)
{
    for (size_t i = 0; i < n; i++) {
        uint64_t *v = kh_hmap_upsert(sizes, label_key(labels[i], INT64_MIN), 0, NULL);
        if (!v)
            return kh_set_error(KH_ENOMEM, "out of memory");
        (*v)++;
    }
    return KH_OK;
}

static double pairs_in(const kh_hmap *m)
{
    double s = 0;
    for (size_t i = 0; i < m->cap; i++)
        if (m->keys[i])
            s += (double)m->vals[i] * ((double)m->vals[i] - 1) / 2;
    return s;
}

int kh_cluster_scores_compute(const int64_t *predicted, const int64_t *gold, size_t n,
                              kh_cluster_scores *out)
{
    memset(out, 0, sizeof *out);
    if (n == 0)
        return KH_OK;
    kh_hmap cells = {0}, psize = {0}, gsize = {0};
    int rc = count_labels(predicted, n, &psize);
    if (rc == KH_OK)
        rc = count_labels(gold, n, &gsize);
    for (size_t i = 0; i < n && rc == KH_OK; i++) {
        uint64_t *v = kh_hmap_upsert(&cells, label_key(predicted[i], gold[i]), 0, NULL);
        if (!v)
            rc = kh_set_error(KH_ENOMEM, "out of memory");
        else
            (*v)++;
    }
    if (rc == KH_OK) {
        double tp = pairs_in(&cells), pp = pairs_in(&psize), gp = pairs_in(&gsize);
        out->pair_p = pp > 0 ? tp / pp : 1;
        out->pair_r = gp > 0 ? tp / gp : 1;
        out->pair_f1 = out->pair_p + out->pair_r > 0
                           ? 2 * out->pair_p * out->pair_r / (out->pair_p + out->pair_r)
                           : 0;
        /* BCubed: per item, |same cell| / |its predicted| and / |its gold| */
        double bp = 0, br = 0;
        for (size_t i = 0; i < n; i++) {
            double cell = (double)*kh_hmap_get(&cells, label_key(predicted[i], gold[i]));
            bp += cell / (double)*kh_hmap_get(&psize, label_key(predicted[i], INT64_MIN));
            br += cell / (double)*kh_hmap_get(&gsize, label_key(gold[i], INT64_MIN));
        }
        out->bcubed_p = bp / n;
        out->bcubed_r = br / n;
        out->bcubed_f1 = out->bcubed_p + out->bcubed_r > 0
                             ? 2 * out->bcubed_p * out->bcubed_r / (out->bcubed_p + out->bcubed_r)
                             : 0;
    }
    kh_hmap_free(&cells);
    kh_hmap_free(&psize);
    kh_hmap_free(&gsize);
    return rc;
}
