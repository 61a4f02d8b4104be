/*
 * Unit tests: Arabic vs Persian on one-line headlines
 * (tests/fixtures/headlines, provenance in its README.md), and the
 * language-id floor on the written sample of other languages
 * (tests/fixtures/text/lang_sample.tsv). Prints the accuracy and every
 * confusion; fails below the floors.
 */
#include "kh_test.h"

static int setup(void **state)
{
    kh_text *t;
    if (kh_text_new(&t) != KH_OK)
        return -1;
    *state = t;
    return 0;
}

static int teardown(void **state)
{
    kh_text_free(*state);
    return 0;
}

/* Runs language id on every line of path (LANG<TAB>TEXT lines when
 * expected is NULL); returns the number of lines, *right the correct ones. */
static size_t run_file(kh_text *t, const char *path, const char *expected, size_t *right)
{
    FILE *f = fopen(path, "r");
    if (!f)
        fail_msg("cannot open %s", path);
    char *line = NULL;
    size_t cap = 0, n = 0;
    ssize_t len;
    *right = 0;
    while ((len = getline(&line, &cap, f)) > 0) {
        if (line[len - 1] == '\n')
            line[--len] = '\0';
        if (len == 0 || line[0] == '#')
            continue;
        const char *gold = expected, *text = line;
        char *tab = strchr(line, '\t');
        if (!expected) {
            if (!tab)
                continue;
            *tab = '\0';
            gold = line;
            text = tab + 1;
        }
        kh_lang_guess g;
        assert_int_equal(kh_text_lang(t, text, strlen(text), &g), KH_OK);
        n++;
        if (strcmp(g.code, gold) == 0)
            (*right)++;
        else
            printf("confusion: %s -> %s (%.2f): %s\n", gold, g.code, g.confidence, text);
    }
    free(line);
    fclose(f);
    return n;
}

static void test_arabic_persian_headlines(void **state)
{
    kh_text *t = *state;
    static const char *files[][2] = {
        {"tests/fixtures/headlines/fa.txt", "fa"},
        {"tests/fixtures/headlines/seeds_fa.txt", "fa"},
        {"tests/fixtures/headlines/fa_arabic_keyboard.txt", "fa"},
        {"tests/fixtures/headlines/ar.txt", "ar"},
        {"tests/fixtures/headlines/seeds_ar.txt", "ar"},
        {"tests/fixtures/headlines/ar_plain.txt", "ar"},
    };
    size_t total[2] = {0, 0}, right[2] = {0, 0};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        size_t r;
        size_t n = run_file(t, files[i][0], files[i][1], &r);
        int k = strcmp(files[i][1], "fa") == 0 ? 0 : 1;
        total[k] += n;
        right[k] += r;
        printf("headlines: %-48s %zu/%zu\n", files[i][0], r, n);
    }
    printf("headlines: fa %zu/%zu, ar %zu/%zu\n", right[0], total[0], right[1], total[1]);
    assert_true(total[0] >= 300 && total[1] >= 300);
    /* the bar is 100%: allow no confusion */
    assert_int_equal(right[0], total[0]);
    assert_int_equal(right[1], total[1]);
}

static void test_written_sample_floor(void **state)
{
    kh_text *t = *state;
    size_t right;
    size_t n = run_file(t, "tests/fixtures/text/lang_sample.tsv", NULL, &right);
    printf("lang sample: %zu/%zu\n", right, n);
    assert_true(n >= 50);
    assert_true(right * 100 >= n * 98); /* floor: 98% (one miss in 50) */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arabic_persian_headlines),
        cmocka_unit_test(test_written_sample_floor),
    };
    return cmocka_run_group_tests_name("text_headlines", tests, setup, teardown);
}
