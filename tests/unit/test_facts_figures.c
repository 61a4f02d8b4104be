/*
 * test_facts_figures.c: numbers with meaning (src/facts/figures.c):
 * digits of every script and number words, qualifiers turned into ranges,
 * the counted thing, the happening, and the seed facts of Story A and B.
 */
#include "facts_seed.h"

static kh_facts *F;

static int setup(void **state)
{
    (void)state;
    return kh_facts_new(&F) == KH_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    kh_facts_free(F);
    return 0;
}

/* Exactly one figure in text, with this value, qualifier and thing. */
static json_t *one_figure(json_t *root, double value, const char *qual, const char *thing)
{
    json_t *figs = json_object_get(root, "figures");
    if (json_array_size(figs) != 1) {
        char *s = json_dumps(figs, 0);
        fail_msg("expected one figure, got: %s", s);
    }
    json_t *f = json_array_get(figs, 0);
    assert_float_equal(json_number_value(json_object_get(f, "value")), value, 0.001);
    assert_string_equal(js(f, "qualifier"), qual);
    assert_string_equal(js(f, "counted"), thing);
    return f;
}

static void check_range(json_t *f, double lo, double hi) /* hi < 0: unbounded */
{
    assert_float_equal(json_number_value(json_object_get(f, "lo")), lo, 0.001);
    if (hi < 0)
        assert_true(json_is_null(json_object_get(f, "hi")));
    else
        assert_float_equal(json_number_value(json_object_get(f, "hi")), hi, 0.001);
}

static void test_digits(void **state)
{
    (void)state;
    static const struct {
        const char *text, *lang;
        double value;
    } cases[] = {
        {"در این حادثه ۱۴۴ نفر کشته شدند.", "fa", 144},
        {"در این حادثه ١٤٤ نفر کشته شدند.", "fa", 144},
        {"در این حادثه 144 نفر کشته شدند.", "fa", 144},
        {"قتل ١٬٢٠٠ شخص في الزلزال.", "ar", 1200},
        {"قتل 1,200 شخص في الزلزال.", "ar", 1200},
        {"بیش از ۲٬۵۰۰ نفر کشته شدند.", "fa", 2500},
        {"قتل 3 آلاف شخص في الزلزال.", "ar", 3000},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        json_t *r = facts_run_str(F, cases[i].text, cases[i].lang);
        json_t *figs = json_object_get(r, "figures");
        assert_int_equal(json_array_size(figs), 1);
        assert_float_equal(json_number_value(json_object_get(json_array_get(figs, 0), "value")),
                           cases[i].value, 0.001);
        assert_string_equal(js(json_array_get(figs, 0), "counted"), "killed");
        json_decref(r);
    }
}

static void test_words(void **state)
{
    (void)state;
    json_t *r = facts_run_str(F, "به گفته پزشکان، صد و بیست نفر زخمی شدند.", "fa");
    one_figure(r, 120, "exact", "injured");
    json_decref(r);
    r = facts_run_str(F, "وقتل خمسة وعشرون شخصا في القصف.", "ar");
    one_figure(r, 25, "exact", "killed");
    json_decref(r);
    r = facts_run_str(F, "در این حادثه سه هزار نفر آواره شدند.", "fa");
    one_figure(r, 3000, "exact", "displaced");
    json_decref(r);
    r = facts_run_str(F, "At least twenty people were killed.", "en");
    one_figure(r, 20, "at_least", "killed");
    json_decref(r);
    /* "one" is an article, and a number word needs a counted noun */
    r = facts_run_str(F, "یک حمله در شهر رخ داد و نه نفر زخمی شدند.", "fa");
    one_figure(r, 9, "exact", "injured");
    json_decref(r);
}

static void test_qualifiers_ranges(void **state)
{
    (void)state;
    json_t *r = facts_run_str(F, "حداقل ۱۴۴ نفر کشته شدند.", "fa");
    check_range(one_figure(r, 144, "at_least", "killed"), 144, -1);
    json_decref(r);
    r = facts_run_str(F, "مقتل 144 شخصا على الأقل.", "ar");
    check_range(one_figure(r, 144, "at_least", "killed"), 144, -1);
    json_decref(r);
    r = facts_run_str(F, "به کشته شدن حدود ۱۰۰ نفر منجر شد.", "fa");
    check_range(one_figure(r, 100, "about", "killed"), 90, 110);
    json_decref(r);
    r = facts_run_str(F, "أسفر عن مقتل ما يقرب من 100 شخص.", "ar");
    check_range(one_figure(r, 100, "nearly", "killed"), 90, 100);
    json_decref(r);
    r = facts_run_str(F, "مما أسفر عن مقتل أكثر من 90 شخصا.", "ar");
    json_t *f = one_figure(r, 90, "more_than", "killed");
    check_range(f, 90, -1);
    assert_true(json_is_true(json_object_get(f, "lo_open")));
    json_decref(r);
    r = facts_run_str(F, "کمتر از ۲۰ نفر زخمی شدند.", "fa");
    f = one_figure(r, 20, "less_than", "injured");
    check_range(f, 0, 20);
    assert_true(json_is_true(json_object_get(f, "hi_open")));
    json_decref(r);
    r = facts_run_str(F, "وقتل ما لا يقل عن 62 شخصا.", "ar");
    check_range(one_figure(r, 62, "at_least", "killed"), 62, -1);
    json_decref(r);
}

static void test_things(void **state)
{
    (void)state;
    /* the cue right before the second number is the second number's */
    json_t *r = facts_run_str(F, "وقتل ما لا يقل عن 62 شخصا وأصيب 145 آخرون يوم الجمعة.", "ar");
    assert_non_null(facts_find_figure(r, 62, "at_least", "killed"));
    assert_non_null(facts_find_figure(r, 145, "exact", "injured"));
    json_decref(r);
    /* Persian object with را: the clause's verb, past a relative clause */
    r = facts_run_str(F,
                      "وزارت اطلاعات اعلام کرد که 35 نفر را در ارتباط با دو بمبگذاري در کرمان که "
                      "منجر به کشته شدن نزديک به 100 نفر شد، دستگير کرده است.",
                      "fa");
    assert_non_null(facts_find_figure(r, 35, "exact", "arrested"));
    assert_non_null(facts_find_figure(r, 100, "nearly", "killed"));
    json_decref(r);
    r = facts_run_str(F, "واعتقلت السلطات 9 أشخاص للاشتباه في صلتهم بالهجوم.", "ar");
    one_figure(r, 9, "exact", "arrested");
    json_decref(r);
    r = facts_run_str(F, "۴ کوهنورد در ارتفاعات البرز مفقود شده‌اند.", "fa");
    one_figure(r, 4, "exact", "missing");
    json_decref(r);
    r = facts_run_str(F, "وذكرت مصادر أن مسلحين خطفوا 6 عمال.", "ar");
    one_figure(r, 6, "exact", "kidnapped");
    json_decref(r);
}

static void test_not_figures(void **state)
{
    (void)state;
    static const char *texts[] = {
        "در ۲۲ مارس (۳ فروردین) این حمله رخ داد.",
        "وزارت الاستخبارات في 11 يناير 2024 أعلنت ذلك.",
        "در سال ۱۴۰۲ شمار تصادفات کاهش یافت.",
        "أكثر من 70 في المئة من الناخبين شاركوا.",
        "مرگبارترین حمله در ۲۰ سال اخیر.",
        "خلال الـ 48 ساعة القادمة.",
        "دمای هوا به ۴۲ درجه رسید.",
        "",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        json_t *r = facts_run_str(F, texts[i], NULL);
        if (json_array_size(json_object_get(r, "figures")) != 0)
            fail_msg("a figure in: %s", texts[i]);
        json_decref(r);
    }
}

static void test_happening(void **state)
{
    (void)state;
    json_t *r = facts_run_str(
        F,
        "رویترز نوشت که ایران ۳۵ نفر را در ژانویه ۲۰۲۴ بازداشت کرد که با بمبگذاری ۳ ژانویه در "
        "شهر کرمان مرتبط بود که به کشتهشدن حدود ۱۰۰ نفر منجر شد.",
        "fa");
    json_t *f = facts_find_figure(r, 100, "about", "killed");
    assert_non_null(f);
    assert_string_equal(facts_anchor_key(f), "kerman");
    json_t *h = json_object_get(f, "happening");
    assert_string_equal(js(json_object_get(h, "event"), "text"), "بمبگذاری");
    assert_string_equal(js(json_object_get(h, "date"), "text"), "۳ ژانویه");
    f = facts_find_figure(r, 35, "exact", "arrested");
    assert_non_null(f);
    assert_string_equal(facts_anchor_key(f), "kerman");
    assert_string_equal(js(json_object_get(f, "date"), "text"), "ژانویه ۲۰۲۴");
    json_decref(r);
}

/* Story A and B as the seeds state them (../shared/seeds/README.md). */
static void test_seed_000(void **state)
{
    (void)state;
    size_t len;
    char *t = facts_seed_text("000_7a2339865d4e93cd.txt", "برچسب ها:", &len);
    json_t *r = facts_run(F, t, len, "fa");
    facts_print("000", r);
    json_t *f = facts_find_figure(r, 144, "at_least", "killed");
    assert_non_null(f);
    assert_string_equal(facts_anchor_key(f), "x:krks");
    f = facts_find_figure(r, 100, "about", "killed");
    assert_non_null(f);
    assert_string_equal(facts_anchor_key(f), "kerman");
    f = facts_find_figure(r, 35, "exact", "arrested");
    assert_non_null(f);
    assert_string_equal(facts_anchor_key(f), "kerman");
    assert_int_equal(json_array_size(json_object_get(r, "figures")), 3);
    json_decref(r);
    free(t);
}

static void test_seed_001(void **state)
{
    (void)state;
    size_t len;
    char *t = facts_seed_text("001_4021acd122d8fafe.txt", NULL, &len);
    json_t *r = facts_run(F, t, len, "fa");
    facts_print("001", r);
    json_t *f = facts_find_figure(r, 144, "at_least", "killed");
    assert_non_null(f);
    assert_string_equal(facts_anchor_key(f), "x:krks");
    f = facts_find_figure(r, 100, "nearly", "killed");
    assert_non_null(f);
    assert_string_equal(facts_anchor_key(f), "kerman");
    f = facts_find_figure(r, 35, "exact", "arrested");
    assert_non_null(f);
    assert_string_equal(facts_anchor_key(f), "kerman");
    json_decref(r);
    free(t);
}

static void test_seed_002(void **state)
{
    (void)state;
    size_t len;
    char *t = facts_seed_text("002_609d45a39ab9baaa.txt", NULL, &len);
    json_t *r = facts_run(F, t, len, "ar");
    facts_print("002", r);
    json_t *f = facts_find_figure(r, 144, "at_least", "killed");
    assert_non_null(f);
    assert_string_equal(facts_anchor_key(f), "x:krks");
    f = facts_find_figure(r, 100, "nearly", "killed");
    assert_non_null(f);
    assert_string_equal(facts_anchor_key(f), "kerman");
    f = facts_find_figure(r, 35, "exact", "arrested");
    assert_non_null(f);
    assert_string_equal(facts_anchor_key(f), "kerman");
    assert_int_equal(json_array_size(json_object_get(r, "figures")), 3);
    json_decref(r);
    free(t);
}

static void test_seed_003(void **state)
{
    (void)state;
    size_t len;
    char *t = facts_seed_text("003_45858de1e21267e7.txt", NULL, &len);
    json_t *r = facts_run(F, t, len, "ar");
    facts_print("003", r);
    json_t *f = facts_find_figure(r, 144, "at_least", "killed");
    assert_non_null(f);
    assert_string_equal(facts_anchor_key(f), "x:krks");
    f = facts_find_figure(r, 90, "more_than", "killed");
    assert_non_null(f);
    assert_string_equal(facts_anchor_key(f), "kerman");
    f = facts_find_figure(r, 35, "exact", "arrested");
    assert_non_null(f);
    assert_string_equal(facts_anchor_key(f), "kerman");
    f = facts_find_figure(r, 9, "exact", "arrested");
    assert_non_null(f);
    assert_string_equal(js(json_object_get(f, "date"), "text"), "30 مارس");
    json_decref(r);
    free(t);
}

static void test_seed_004(void **state)
{
    (void)state;
    size_t len;
    char *t = facts_seed_text("004_2172b40dd589fe05.txt", "المصدر: سكاي نيوز عربية", &len);
    json_t *r = facts_run(F, t, len, "ar");
    facts_print("004", r);
    json_t *f = facts_find_figure(r, 62, "at_least", "killed");
    assert_non_null(f);
    assert_string_equal(facts_anchor_key(f), "moscow");
    assert_string_equal(js(json_object_get(json_object_get(f, "happening"), "date"), "text"),
                        "يوم الجمعة");
    f = facts_find_figure(r, 145, "exact", "injured");
    assert_non_null(f);
    assert_int_equal(json_array_size(json_object_get(r, "figures")), 2);
    json_decref(r);
    free(t);
}

static void test_bad_input(void **state)
{
    (void)state;
    char *out = (char *)"x";
    assert_int_equal(kh_facts_extract_json(F, "\xff\xfe", 2, NULL, &out), KH_EENCODING);
    assert_null(out);
    assert_int_equal(kh_facts_extract_json(NULL, "a", 1, NULL, &out), KH_EINVAL);
    assert_int_equal(kh_facts_extract_json(F, "a", 1, NULL, NULL), KH_EINVAL);
    assert_int_equal(kh_facts_new(NULL), KH_EINVAL);
    kh_facts_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_digits),       cmocka_unit_test(test_words),
        cmocka_unit_test(test_qualifiers_ranges), cmocka_unit_test(test_things),
        cmocka_unit_test(test_not_figures),  cmocka_unit_test(test_happening),
        cmocka_unit_test(test_seed_000),     cmocka_unit_test(test_seed_001),
        cmocka_unit_test(test_seed_002),     cmocka_unit_test(test_seed_003),
        cmocka_unit_test(test_seed_004),     cmocka_unit_test(test_bad_input),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
