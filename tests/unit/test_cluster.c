/* Unit tests: features and online clustering on small texts written for
 * khabar: two happenings, three phrasings each, must give two stories. */
#include <math.h>

#include "kh_test.h"

#include "story/cluster.h"
#include "story/dedup.h"
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
    kh_terms terms;
    kh_tokens tokens;
    kh_cluster *cluster;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f || kh_text_new(&f->text) != KH_OK || kh_df_init(&f->df) != KH_OK ||
        kh_cluster_new(&f->cluster, NULL) != KH_OK)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    kh_text_free(f->text);
    kh_df_free(&f->df);
    kh_terms_free(&f->terms);
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
        kh_article_meta meta = {KH_NO_DAY, kh_lang_bit("en")};
        kh_match join, runner_up, event;
        assert_int_equal(kh_cluster_best(f->cluster, &v, &meta, &join, &runner_up, &event), KH_OK);
        int64_t story = join.story_id;
        if (!story) {
            story = next_id++;
            assert_int_equal(
                kh_cluster_add_story(f->cluster, story, 0, NULL, 0, 0, KH_NO_DAY, KH_NO_DAY, 0),
                KH_OK);
        }
        assert_int_equal(kh_cluster_join(f->cluster, story, &v, &meta, 1), KH_OK);
        kh_df_add(&f->df, f->terms.v, f->terms.n);
        assigned[i] = story;
        kh_fvec_free(&v);
    }
    assert_int_equal(kh_cluster_story_count(f->cluster), 2);
    assert_int_equal(assigned[0], assigned[1]);
    assert_int_equal(assigned[0], assigned[2]);
    assert_int_equal(assigned[3], assigned[4]);
    assert_int_equal(assigned[3], assigned[5]);
    assert_int_not_equal(assigned[0], assigned[3]);
    kh_story_state st;
    assert_true(kh_cluster_story(f->cluster, assigned[0], &st));
    assert_int_equal(st.size, 3);
    assert_true(st.n <= KH_CENTROID_MAX);
    assert_int_equal(st.event_id, assigned[0]);
}

static void test_unrelated_text_finds_no_story(void **state)
{
    fixture *f = *state;
    kh_fvec v;
    vectorize(f, "A new species of orchid was described by botanists in the highlands.", &v);
    kh_article_meta meta = {KH_NO_DAY, kh_lang_bit("en")};
    kh_match join, runner_up, event;
    assert_int_equal(kh_cluster_best(f->cluster, &v, &meta, &join, &runner_up, &event), KH_OK);
    assert_int_equal(join.story_id, 0);
    kh_fvec_free(&v);
}

/* Runs one article through best + join (or a new story); returns its story. */
static int64_t place(fixture *f, const char *text, int32_t day, const char *lang, int64_t *next_id,
                     int64_t *event_of_new)
{
    kh_fvec v;
    vectorize(f, text, &v);
    kh_article_meta meta = {day, kh_lang_bit(lang)};
    kh_match join, runner_up, event;
    assert_int_equal(kh_cluster_best(f->cluster, &v, &meta, &join, &runner_up, &event), KH_OK);
    int64_t story = join.story_id;
    if (!story) {
        story = (*next_id)++;
        kh_story_state st;
        int64_t ev = event.story_id && kh_cluster_story(f->cluster, event.story_id, &st)
                         ? st.event_id
                         : story;
        if (event_of_new)
            *event_of_new = ev;
        assert_int_equal(
            kh_cluster_add_story(f->cluster, story, ev, NULL, 0, 0, KH_NO_DAY, KH_NO_DAY, 0), KH_OK);
    }
    assert_int_equal(kh_cluster_join(f->cluster, story, &v, &meta, 1), KH_OK);
    kh_df_add(&f->df, f->terms.v, f->terms.n);
    kh_fvec_free(&v);
    return story;
}

/* Shared numbers alone never bind two articles: across languages the
 * join threshold is low enough for the NUMBER channel to pass it. */
static void test_numbers_corroborate(void **state)
{
    fixture *f = *state;
    int64_t next = 400;
    int64_t a = place(f, "Der Stadtrat tagte 2020 zum 19. Mal und beriet 345 Antraege zur Schule.",
                      22000, "de", &next, NULL);
    kh_fvec v;
    vectorize(f, "An orchestra from Lima played 2020 concerts on 19 tours with 345 musicians.", &v);
    kh_article_meta meta = {22000, kh_lang_bit("en")};
    kh_match join, runner_up, event;
    assert_int_equal(kh_cluster_best(f->cluster, &v, &meta, &join, &runner_up, &event), KH_OK);
    assert_int_not_equal(join.story_id, a);
    assert_int_equal(event.story_id, 0);
    kh_fvec_free(&v);
    /* the rule itself: numbers count up to KH_NUMBERS_PER_REST times the rest */
    const uint64_t num = (uint64_t)KH_CH_NUMBER << 61, word = (uint64_t)KH_CH_WORD << 61;
    kh_feature x[] = {{word | 1, 0.1f}, {num | 5, 0.5f}}, y[] = {{word | 1, 0.1f}, {num | 5, 0.5f}},
               only_num[] = {{num | 5, 0.5f}};
    assert_true(fabs(kh_fvec_sim(x, 1, y, 1) - 0.01) < 1e-6);
    assert_true(fabs(kh_fvec_sim(x, 2, y, 2) - 0.01 * (1 + KH_NUMBERS_PER_REST)) < 1e-6);
    assert_true(fabs(kh_fvec_dot(x, 2, y, 2) - 0.26) < 1e-6);
    assert_true(kh_fvec_sim(x, 2, only_num, 1) == 0);
}

/* Persian and Arabic meet at join_cross, unrelated languages only at
 * join_far: one similarity (about 0.15: a place and a few words in
 * common) binds an article to a story in a kin language, not in a far one. */
static void test_kin_and_far_languages(void **state)
{
    fixture *f = *state;
    int64_t next = 500;
    const char *told = "Gilan floods: rescue teams from Rasht searched villages near Lahijan.";
    const char *retold = "Heavy snow closed schools in Rasht on Tuesday.";
    const int64_t de = next++, ar = next++;
    kh_fvec v;
    for (int i = 0; i < 2; i++) { /* one story each, side by side */
        vectorize(f, told, &v);
        kh_article_meta meta = {23000, kh_lang_bit(i ? "ar" : "de")};
        int64_t id = i ? ar : de;
        assert_int_equal(kh_cluster_add_story(f->cluster, id, id, NULL, 0, 0, KH_NO_DAY, KH_NO_DAY, 0),
                         KH_OK);
        assert_int_equal(kh_cluster_join(f->cluster, id, &v, &meta, 1), KH_OK);
        kh_df_add(&f->df, f->terms.v, f->terms.n);
        kh_fvec_free(&v);
    }
    vectorize(f, retold, &v);
    kh_match join, runner_up, event;
    kh_article_meta far = {23000, kh_lang_bit("es")}, kin = {23000, kh_lang_bit("fa")};
    assert_int_equal(kh_cluster_best(f->cluster, &v, &far, &join, &runner_up, &event), KH_OK);
    /* the test means something only in between the two thresholds */
    assert_true(event.score >= kh_cluster_defaults.join_cross);
    assert_true(event.score < kh_cluster_defaults.join_far);
    assert_int_equal(join.story_id, 0);
    assert_int_equal(kh_cluster_best(f->cluster, &v, &kin, &join, &runner_up, &event), KH_OK);
    assert_int_equal(join.story_id, ar);
    kh_fvec_free(&v);
}

static void test_time_window_and_events(void **state)
{
    fixture *f = *state;
    int64_t next = 100, ev = 0;
    int64_t a = place(f, texts[0], 20000, "en", &next, &ev);
    assert_int_equal(place(f, texts[1], 20001, "en", &next, NULL), a);
    /* the same words ten days later: another story, same event */
    int64_t b = place(f, texts[2], 20011, "en", &next, &ev);
    assert_int_not_equal(a, b);
    assert_int_equal(ev, a);
    kh_story_state st;
    assert_true(kh_cluster_story(f->cluster, b, &st));
    assert_int_equal(st.event_id, a);
    assert_int_equal(st.first_day, 20011);
    /* after the open window, the old story leaves memory */
    assert_int_equal(kh_cluster_close_before(f->cluster, 20001 + kh_cluster_defaults.open_days + 1), 1);
    assert_false(kh_cluster_story(f->cluster, a, &st));
    assert_true(kh_cluster_story(f->cluster, b, &st));
}

/* Closing most stories compacts the slots and rebuilds the index: the
 * stories left must still be found (their hit counts start from zero in
 * their new slots), the closed ones never again. */
static void test_compaction_keeps_open_stories(void **state)
{
    fixture *f = *state;
    enum { OLD = 1500 };
    kh_feature one;
    kh_article_meta old_day = {22000, kh_lang_bit("en")};
    for (int64_t id = 1; id <= OLD; id++) {
        /* stories of one made-up term each, all on an old day */
        one = (kh_feature){.term = 0x1000 + (uint64_t)id, .weight = 1};
        kh_fvec v = {.v = &one, .n = 1};
        assert_int_equal(kh_cluster_add_story(f->cluster, id, id, NULL, 0, 0, KH_NO_DAY, KH_NO_DAY, 0),
                         KH_OK);
        assert_int_equal(kh_cluster_join(f->cluster, id, &v, &old_day, 1), KH_OK);
    }
    /* two real stories, later */
    int64_t next = 5000;
    int32_t day = 22000 + kh_cluster_defaults.open_days + 5;
    int64_t flood = place(f, texts[0], day, "en", &next, NULL);
    int64_t bank = place(f, texts[3], day, "en", &next, NULL);
    assert_int_not_equal(flood, bank);
    assert_int_equal(kh_cluster_story_count(f->cluster), OLD + 2);
    assert_int_equal(kh_cluster_close_before(f->cluster, day), OLD);
    assert_int_equal(kh_cluster_story_count(f->cluster), 2);
    assert_int_equal(place(f, texts[1], day, "en", &next, NULL), flood);
    assert_int_equal(place(f, texts[4], day, "en", &next, NULL), bank);
    /* a closed story's term finds nothing */
    one = (kh_feature){.term = 0x1000 + 7, .weight = 1};
    kh_fvec v = {.v = &one, .n = 1};
    kh_match join, runner_up, event;
    kh_article_meta meta = {day, kh_lang_bit("en")};
    assert_int_equal(kh_cluster_best(f->cluster, &v, &meta, &join, &runner_up, &event), KH_OK);
    assert_int_equal(join.story_id, 0);
    assert_int_equal(event.story_id, 0);
}

static void test_max_span(void **state)
{
    fixture *f = *state;
    int64_t next = 300, ev = 0;
    int64_t a = place(f, texts[3], 21000, "en", &next, &ev);
    assert_int_equal(place(f, texts[4], 21000 + kh_cluster_defaults.max_span_days, "en", &next, NULL), a);
    /* within join_days of the story's last day, but past its span: a new
     * story of the same event */
    int64_t b = place(f, texts[5], 21001 + kh_cluster_defaults.max_span_days, "en", &next, &ev);
    assert_int_not_equal(a, b);
    kh_story_state sa, sb;
    assert_true(kh_cluster_story(f->cluster, a, &sa));
    assert_true(kh_cluster_story(f->cluster, b, &sb));
    assert_int_equal(sa.event_id, sb.event_id);
    assert_false(kh_cluster_span_allows(f->cluster, &sa, 21001 + kh_cluster_defaults.max_span_days));
    assert_true(kh_cluster_span_allows(f->cluster, &sa, KH_NO_DAY));
}

static void test_merge(void **state)
{
    fixture *f = *state;
    int64_t next = 200;
    int64_t a = place(f, texts[3], KH_NO_DAY, "en", &next, NULL);
    kh_story_state before;
    assert_true(kh_cluster_story(f->cluster, a, &before));
    /* a second story forced apart, then merged back */
    kh_fvec v;
    vectorize(f, texts[4], &v);
    kh_article_meta meta = {KH_NO_DAY, kh_lang_bit("en")};
    assert_int_equal(kh_cluster_add_story(f->cluster, 999, 999, NULL, 0, 0, KH_NO_DAY, KH_NO_DAY, 0),
                     KH_OK);
    assert_int_equal(kh_cluster_join(f->cluster, 999, &v, &meta, 1), KH_OK);
    kh_fvec_free(&v);
    double cos;
    assert_true(kh_cluster_should_merge(f->cluster, 999, a, &cos));
    assert_true(cos >= kh_cluster_defaults.merge);
    assert_false(kh_cluster_should_merge(f->cluster, 999, 999, &cos));
    assert_int_equal(kh_cluster_merge(f->cluster, a, 999), KH_OK);
    kh_story_state st;
    assert_true(kh_cluster_story(f->cluster, a, &st));
    assert_int_equal(st.size, before.size + 1);
    assert_false(kh_cluster_story(f->cluster, 999, &st));
}

static void test_minhash_near_duplicates(void **state)
{
    fixture *f = *state;
    const char *wire = "The central bank raised its key interest rate by half a point on Tuesday "
                       "to curb inflation, which reached its highest level in a decade, the bank "
                       "said in a statement after a meeting of its board.";
    const char *copy = "The central bank raised its key interest rate by half a point on Tuesday "
                       "to curb inflation, which reached its highest level in a decade, the bank "
                       "said in a statement after a meeting of its board. (Reuters)";
    const char *all[3] = {wire, copy, texts[0]};
    kh_minhash sig[3];
    for (int i = 0; i < 3; i++) {
        kh_tokens_clear(&f->tokens);
        assert_int_equal(kh_text_tokenize(f->text, all[i], strlen(all[i]), &f->tokens), KH_OK);
        assert_true(kh_minhash_of(&f->tokens, &sig[i]));
    }
    assert_true(kh_minhash_jaccard(&sig[0], &sig[1]) >= KH_DEDUP_JACCARD);
    assert_true(kh_minhash_jaccard(&sig[0], &sig[2]) < 0.2);
    kh_dedup *d;
    assert_int_equal(kh_dedup_new(&d), KH_OK);
    assert_int_equal(kh_dedup_add(d, &sig[0], 1, 10, 20000), KH_OK);
    int64_t art, story;
    kh_dedup_find(d, &sig[1], &art, &story);
    assert_int_equal(art, 1);
    assert_int_equal(story, 10);
    kh_dedup_find(d, &sig[2], &art, &story);
    assert_int_equal(art, 0);
    assert_int_equal(kh_dedup_restory(d, 10, 11), KH_OK);
    kh_dedup_find(d, &sig[0], &art, &story);
    assert_int_equal(story, 11);
    /* a copy of the copy answers with the root original, even when the
     * original itself is far down a long chain of copies */
    for (int64_t id = 2; id < 2000; id++)
        assert_int_equal(kh_dedup_add(d, &sig[1], 1, 11, 20000), KH_OK);
    kh_dedup_find(d, &sig[1], &art, &story);
    assert_int_equal(art, 1);
    assert_int_equal(story, 11);
    /* merges chain (11 into 12, 12 into 13), also across a rebuild that
     * forgets the older day but keeps the newer one */
    assert_int_equal(kh_dedup_add(d, &sig[0], 5000, 11, 20003), KH_OK);
    assert_int_equal(kh_dedup_restory(d, 11, 12), KH_OK);
    assert_int_equal(kh_dedup_restory(d, 12, 13), KH_OK);
    kh_dedup_find(d, &sig[0], &art, &story);
    assert_int_equal(art, 1);
    assert_int_equal(story, 13);
    kh_dedup_forget_before(d, 20001);
    kh_dedup_find(d, &sig[0], &art, &story);
    assert_int_equal(art, 5000);
    assert_int_equal(story, 13);
    assert_int_equal(kh_dedup_restory(d, 13, 14), KH_OK);
    kh_dedup_find(d, &sig[1], &art, &story);
    assert_int_equal(story, 14);
    kh_dedup_forget_before(d, 20004);
    kh_dedup_find(d, &sig[0], &art, &story);
    assert_int_equal(art, 0);
    kh_minhash none;
    kh_tokens_clear(&f->tokens);
    assert_int_equal(kh_text_tokenize(f->text, "too short", 9, &f->tokens), KH_OK);
    assert_false(kh_minhash_of(&f->tokens, &none));
    kh_dedup_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vectors_are_normalized_and_sorted),
        cmocka_unit_test(test_two_stories),
        cmocka_unit_test(test_unrelated_text_finds_no_story),
        cmocka_unit_test(test_numbers_corroborate),
        cmocka_unit_test(test_kin_and_far_languages),
        cmocka_unit_test_setup_teardown(test_compaction_keeps_open_stories, setup, teardown),
        cmocka_unit_test(test_time_window_and_events),
        cmocka_unit_test(test_max_span),
        cmocka_unit_test(test_merge),
        cmocka_unit_test(test_minhash_near_duplicates),
    };
    return cmocka_run_group_tests_name("cluster", tests, setup, teardown);
}
