/*
 * test_dump_template.c: corpus-level template lines (extract/template.h)
 * on four hand-written dumps of one outlet, tests/fixtures/dumps/template/.
 * Tests run from the project root.
 */
#include "kh_test.h"

#include "extract/dump.h"
#include "extract/template.h"

#define DIR_T "tests/fixtures/dumps/template/"
#define NDUMPS 4

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = malloc(1 << 16);
    size_t n = buf ? fread(buf, 1, (1 << 16) - 1, f) : 0;
    fclose(f);
    if (buf) {
        buf[n] = '\0';
        *len = n;
    }
    return buf;
}

typedef struct corpus {
    char *text[NDUMPS];
    size_t len[NDUMPS];
} corpus;

static int setup(void **state)
{
    corpus *c = calloc(1, sizeof *c);
    if (!c)
        return -1;
    for (int i = 0; i < NDUMPS; i++) {
        char path[256];
        snprintf(path, sizeof path, DIR_T "outlet_%d.txt", i + 1);
        c->text[i] = slurp(path, &c->len[i]);
        if (!c->text[i]) {
            fprintf(stderr, "cannot read %s (run from the project root)\n", path);
            return -1;
        }
    }
    *state = c;
    return 0;
}

static int teardown(void **state)
{
    corpus *c = *state;
    for (int i = 0; c && i < NDUMPS; i++)
        free(c->text[i]);
    free(c);
    return 0;
}

static kh_dump_template *build(const corpus *c, unsigned min_docs, double share)
{
    kh_dump_template *t = NULL;
    assert_int_equal(kh_dump_template_new(&t, min_docs, share), KH_OK);
    for (int i = 0; i < NDUMPS; i++)
        assert_int_equal(kh_dump_template_add(t, c->text[i], c->len[i]), KH_OK);
    assert_int_equal(kh_dump_template_docs(t), NDUMPS);
    return t;
}

static int is_t(const kh_dump_template *t, const char *line)
{
    return kh_dump_template_is_template(t, line, strlen(line));
}

static unsigned count(const kh_dump_template *t, const char *line)
{
    return kh_dump_template_count(t, line, strlen(line));
}

static void test_counts(void **state)
{
    kh_dump_template *t = build(*state, 3, 0.5);
    assert_int_equal(count(t, "روزنامه نمونه | نسخه موبایل"), 4);
    assert_int_equal(count(t, "درباره ما - تماس با ما"), 4);
    /* twice in one dump counts once; Arabic Yeh in another still matches */
    assert_int_equal(count(t, "عضویت در خبرنامه روزانه"), 3);
    assert_int_equal(count(t, "عضويت در خبرنامه روزانه"), 3);
    /* digits do not matter: a visit counter is one template line */
    assert_int_equal(count(t, "بازدید: 5"), 4);
    assert_int_equal(count(t, "بازدید: ۹۹۹"), 4);
    /* white space at the ends and inside is collapsed */
    assert_int_equal(count(t, "  درباره  ما - تماس با ما \r"), 4);
    assert_int_equal(count(t, "پیشنهاد سردبیر"), 2);
    assert_int_equal(count(t, "بازگشایی پل تاریخی پس از دو سال مرمت"), 1);
    assert_int_equal(count(t, "a line never seen"), 0);
    assert_int_equal(count(t, ""), 0);
    kh_dump_template_free(t);
}

static void test_thresholds(void **state)
{
    kh_dump_template *t = build(*state, 3, 0.5);
    assert_true(is_t(t, "روزنامه نمونه | نسخه موبایل"));
    assert_true(is_t(t, "عضویت در خبرنامه روزانه"));
    assert_true(is_t(t, "بازدید: 12"));
    assert_false(is_t(t, "پیشنهاد سردبیر")); /* 2 < min_docs */
    assert_false(is_t(t, "بازگشایی پل تاریخی پس از دو سال مرمت"));
    kh_dump_template_free(t);

    /* a share of 0.9 of four dumps needs all four */
    t = build(*state, 2, 0.9);
    assert_true(is_t(t, "درباره ما - تماس با ما"));
    assert_false(is_t(t, "عضویت در خبرنامه روزانه"));
    assert_false(is_t(t, "پیشنهاد سردبیر"));
    kh_dump_template_free(t);

    /* defaults: 3 dumps and a quarter of them */
    t = build(*state, 0, 0.0);
    assert_true(is_t(t, "عضویت در خبرنامه روزانه"));
    assert_false(is_t(t, "پیشنهاد سردبیر"));
    kh_dump_template_free(t);
}

static void test_extract_with_template(void **state)
{
    const corpus *c = *state;
    kh_dump_template *t = build(c, 3, 0.5);
    kh_dump_opts o = {.tpl = t};
    kh_extracted e;
    assert_int_equal(kh_dump_extract_ex(c->text[2], c->len[2], &o, &e), KH_OK);
    assert_string_equal(e.title, "بازگشایی پل تاریخی پس از دو سال مرمت");
    assert_int_equal(e.title_derived, 0);
    assert_non_null(strstr(e.body, "پل تاریخی شهر پس از دو سال مرمت"));
    assert_non_null(strstr(e.body, "همچنان ممنوع خواهد بود."));
    assert_null(strstr(e.body, "نسخه موبایل"));
    assert_null(strstr(e.body, "بازدید"));
    assert_null(strstr(e.body, "خبرنامه"));
    assert_null(strstr(e.body, "تماس با ما"));
    size_t templ = 0;
    for (size_t i = 0; i < e.n_dropped; i++) {
        templ += strcmp(e.dropped[i].reason, "template") == 0;
        kh_span sp = e.dropped[i].span;
        assert_true(sp.end > sp.start && sp.end <= c->len[2]);
    }
    assert_int_equal(templ, 4);
    kh_extracted_free(&e);
    kh_dump_template_free(t);
}

static void test_errors(void **state)
{
    (void)state;
    kh_dump_template *t = NULL;
    assert_int_equal(kh_dump_template_new(NULL, 3, 0.5), KH_EINVAL);
    assert_int_equal(kh_dump_template_new(&t, 3, 1.5), KH_EINVAL);
    assert_null(t);
    assert_int_equal(kh_dump_template_new(&t, 3, -0.1), KH_EINVAL);
    assert_int_equal(kh_dump_template_new(&t, 1, 0.5), KH_OK);
    assert_int_equal(kh_dump_template_add(t, "ok\n\xc3", 4), KH_EENCODING);
    assert_int_equal(kh_dump_template_docs(t), 0);
    assert_int_equal(kh_dump_template_add(NULL, "x", 1), KH_EINVAL);
    assert_int_equal(kh_dump_template_add(t, "", 0), KH_OK);
    assert_int_equal(kh_dump_template_docs(t), 1);
    assert_false(kh_dump_template_is_template(t, "\xff", 1));
    assert_false(kh_dump_template_is_template(NULL, "x", 1));
    assert_int_equal(kh_dump_template_count(t, "two\nlines", 9), 0);
    kh_dump_template_free(t);
    kh_dump_template_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts),
        cmocka_unit_test(test_thresholds),
        cmocka_unit_test(test_extract_with_template),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
