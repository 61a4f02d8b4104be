/* Unit tests: CSV parsing and the evaluation statistics. */
#include <math.h>

#include "kh_test.h"

#include "io/csv.h"
#include "story/eval.h"

static void test_csv_quoting(void **state)
{
    const char *s = "pair_id,text1,text2\r\n"
                    "1,\"a, b\",\"line one\nline two\"\n"
                    "2,\"say \"\"hi\"\"\",\n"
                    "3,last,no newline";
    kh_csv csv;
    assert_int_equal(kh_csv_parse(s, strlen(s), &csv), KH_OK);
    assert_int_equal(csv.nrows, 4);
    assert_int_equal(kh_csv_column(&csv, "text2"), 2);
    assert_int_equal(kh_csv_column(&csv, "nope"), -1);
    assert_string_equal(csv.rows[1][1], "a, b");
    assert_string_equal(csv.rows[1][2], "line one\nline two");
    assert_string_equal(csv.rows[2][1], "say \"hi\"");
    assert_int_equal(csv.nfields[2], 3);
    assert_string_equal(csv.rows[2][2], "");
    assert_string_equal(csv.rows[3][2], "no newline");
    kh_csv_free(&csv);
}

static void test_csv_unterminated_quote(void **state)
{
    kh_csv csv;
    const char *s = "a,b\n1,\"open";
    assert_int_equal(kh_csv_parse(s, strlen(s), &csv), KH_EPARSE);
    assert_non_null(strstr(kh_last_error(), "byte 6"));
}

static void test_pearson(void **state)
{
    kh_pearson p = {0};
    for (int i = 0; i < 10; i++)
        kh_pearson_add(&p, i, 2 * i + 1);
    assert_true(fabs(kh_pearson_r(&p) - 1.0) < 1e-12);
    kh_pearson q = {0};
    double xs[] = {1, 2, 3, 4}, ys[] = {2, 1, 4, 3};
    for (int i = 0; i < 4; i++)
        kh_pearson_add(&q, xs[i], ys[i]);
    assert_true(fabs(kh_pearson_r(&q) - 0.6) < 1e-12);
    kh_pearson flat = {0};
    kh_pearson_add(&flat, 1, 1);
    kh_pearson_add(&flat, 1, 2);
    assert_true(kh_pearson_r(&flat) == 0);
}

static void test_prf_and_threshold(void **state)
{
    kh_prf p = {0};
    kh_prf_add(&p, 1, 1);
    kh_prf_add(&p, 1, 0);
    kh_prf_add(&p, 0, 1);
    kh_prf_add(&p, 1, 1);
    assert_true(fabs(kh_prf_precision(&p) - 2.0 / 3) < 1e-12);
    assert_true(fabs(kh_prf_recall(&p) - 2.0 / 3) < 1e-12);
    double scores[] = {0.9, 0.8, 0.35, 0.3, 0.1}, t, f1;
    int gold[] = {1, 1, 1, 0, 0};
    kh_best_threshold(scores, gold, 5, &t, &f1);
    assert_true(fabs(f1 - 1.0) < 1e-12);
    assert_true(t > 0.3 && t <= 0.35);
}

static void test_cluster_scores(void **state)
{
    /* gold {a,b,c} {d,e}; predicted {a,b} {c,d,e} */
    int64_t gold[] = {1, 1, 1, 2, 2}, pred[] = {7, 7, 8, 8, 8};
    kh_cluster_scores s;
    assert_int_equal(kh_cluster_scores_compute(pred, gold, 5, &s), KH_OK);
    /* pairs: predicted {ab, cd, ce, de}, gold {ab, ac, bc, de}: TP ab, de */
    assert_true(fabs(s.pair_p - 0.5) < 1e-12);
    assert_true(fabs(s.pair_r - 0.5) < 1e-12);
    /* BCubed precision: a 2/2, b 2/2, c 1/3, d 2/3, e 2/3 -> 3.6667/5 */
    assert_true(fabs(s.bcubed_p - (2 + 1.0 / 3 + 4.0 / 3) / 5) < 1e-12);
    /* recall: a 2/3, b 2/3, c 1/3, d 2/2, e 2/2 */
    assert_true(fabs(s.bcubed_r - (5.0 / 3 + 2) / 5) < 1e-12);
    int64_t same[] = {3, 3, 4};
    assert_int_equal(kh_cluster_scores_compute(same, same, 3, &s), KH_OK);
    assert_true(s.bcubed_f1 == 1.0 && s.pair_f1 == 1.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_quoting),
        cmocka_unit_test(test_csv_unterminated_quote),
        cmocka_unit_test(test_pearson),
        cmocka_unit_test(test_prf_and_threshold),
        cmocka_unit_test(test_cluster_scores),
    };
    return cmocka_run_group_tests_name("eval", tests, NULL, NULL);
}
