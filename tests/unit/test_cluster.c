/* Unit tests: features and online clustering on small texts written for
 * khabar: two happenings, three phrasings each, must give two stories. */
#include "kh_test.h"

#include "story/cluster.h"
#include "story/features.h"
#include "text/text.h"

static const char *texts[] = {
    /* A: a flood in a northern province */
    "Floods in the northern province of Gilan killed 12 people on Sunday, rescue officials said.",
    "Rescue officials in Gilan said 12 people died in Sunday's floods in the northern province.",
    "At least 12 dead as floods hit northern Gilan province on Sunday, officials say.",
    /* B: a central bank rate decision */
    "The central bank raised its key interest rate by half a point to curb inflation.",
    "Inflation pushed the central bank to raise its key interest rate by half a point.",
    "Central bank lifts key interest rate half a point as inflation climbs.",
};

typedef struct fixture {
    kh_text *text;
    kh_df df;
    kh_hmap terms;
    kh_tokens tokens;
    kh_cluster *cluster;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f || kh_text_new(&f->text) != KH_OK || kh_df_init(&f->df) != KH_OK ||
        kh_cluster_new(&f->cluster) != KH_OK)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    kh_text_free(f->text);
    kh_df_free(&f->df);
    kh_hmap_free(&f->terms);
    kh_tokens_free(&f->tokens);
    kh_cluster_free(f->cluster);
    free(f);
    return 0;
}

static void vectorize(fixture *f, const char *s, kh_fvec *v)
{
    kh_tokens_clear(&f->tokens);
    assert_int_equal(kh_text_tokenize(f->text, s, strlen(s), &f->tokens), KH_OK);
    assert_int_equal(kh_features_build(&f->tokens, s, &f->df, &f->terms, v), KH_OK);
}

static void test_vectors_are_normalized_and_sorted(void **state)
{
    fixture *f = *state;
    kh_fvec v;
    vectorize(f, texts[0], &v);
    assert_true(v.n > 10 && v.n <= KH_FEATURES_MAX);
    double norm = kh_fvec_dot(v.v, v.n, v.v, v.n);
    assert_true(norm > 0.999 && norm < 1.001);
    for (uint32_t i = 1; i < v.n; i++)
        assert_true(v.v[i - 1].term < v.v[i].term);
    kh_fvec_free(&v);
}

static void test_two_stories(void **state)
{
    fixture *f = *state;
    int64_t assigned[6], next_id = 1;
    for (size_t i = 0; i < 6; i++) {
        kh_fvec v;
        vectorize(f, texts[i], &v);
        int64_t story;
        double score;
        assert_int_equal(kh_cluster_best(f->cluster, &v, 0.25, &story, &score), KH_OK);
        if (!story) {
            story = next_id++;
            assert_int_equal(kh_cluster_add_story(f->cluster, story, NULL, 0, 0), KH_OK);
        }
        assert_int_equal(kh_cluster_join(f->cluster, story, &v), KH_OK);
        kh_df_add(&f->df, &f->terms);
        assigned[i] = story;
        kh_fvec_free(&v);
    }
    assert_int_equal(kh_cluster_story_count(f->cluster), 2);
    assert_int_equal(assigned[0], assigned[1]);
    assert_int_equal(assigned[0], assigned[2]);
    assert_int_equal(assigned[3], assigned[4]);
    assert_int_equal(assigned[3], assigned[5]);
    assert_int_not_equal(assigned[0], assigned[3]);
    uint32_t n, size;
    assert_non_null(kh_cluster_centroid(f->cluster, assigned[0], &n, &size));
    assert_int_equal(size, 3);
    assert_true(n <= KH_CENTROID_MAX);
}

static void test_unrelated_text_finds_no_story(void **state)
{
    fixture *f = *state;
    kh_fvec v;
    vectorize(f, "A new species of orchid was described by botanists in the highlands.", &v);
    int64_t story;
    double score;
    assert_int_equal(kh_cluster_best(f->cluster, &v, 0.25, &story, &score), KH_OK);
    assert_int_equal(story, 0);
    kh_fvec_free(&v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vectors_are_normalized_and_sorted),
        cmocka_unit_test(test_two_stories),
        cmocka_unit_test(test_unrelated_text_finds_no_story),
    };
    return cmocka_run_group_tests_name("cluster", tests, setup, teardown);
}
