/*
 * test_facts_entities.c: named entities (src/facts/entities.c) and their
 * cross-language keys: the seed pairs of ../shared/seeds/README.md must get
 * one key in Persian and in Arabic, from the gazetteer or, for names it
 * does not hold, from the consonant skeleton.
 */
#include "facts/facts.h"
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

/* The key of the only (or first) entity of text; "" if none. */
static char *first_key(const char *text, const char *lang, char *buf, size_t cap)
{
    json_t *r = facts_run_str(F, text, lang);
    json_t *e = json_array_get(json_object_get(r, "entities"), 0);
    snprintf(buf, cap, "%s", e ? js(e, "key") : "");
    json_decref(r);
    return buf;
}

static void skeleton_of(const char *word, char *out, size_t cap)
{
    kh_text *t = NULL;
    assert_int_equal(kh_text_new(&t), KH_OK);
    char *folded = NULL;
    size_t n = 0;
    assert_int_equal(kh_text_fold(t, word, strlen(word), &folded, &n), KH_OK);
    kh_name_skeleton(folded, n, out, cap);
    kh_free(folded);
    kh_text_free(t);
}

/* Persian / Arabic spellings of the seeds' entities. */
static const char *const pairs[][2] = {
    {"روسیه", "روسيا"},     {"مسکو", "موسكو"},   {"ایران", "إيران"},   {"کرملین", "الكرملين"},
    {"پسکوف", "بيسكوف"},    {"رویترز", "رويترز"}, {"داعش", "داعش"},     {"کروکوس", "كروكوس"},
    {"کرمان", "كرمان"},     {"تاجیک", "طاجيك"},  {"تلگرام", "تلغرام"},
};
#define NPAIRS (sizeof pairs / sizeof pairs[0])

static void test_skeleton_pairs(void **state)
{
    (void)state;
    for (size_t i = 0; i < NPAIRS; i++) {
        char a[64], b[64];
        skeleton_of(pairs[i][0], a, sizeof a);
        skeleton_of(pairs[i][1], b, sizeof b);
        if (!*a || strcmp(a, b) != 0)
            fail_msg("skeleton of %s is '%s' but of %s '%s'", pairs[i][0], a, pairs[i][1], b);
    }
    char a[64], b[64];
    skeleton_of("روسیه", a, sizeof a);
    assert_string_equal(a, "rs");
    skeleton_of("پسکوف", a, sizeof a);
    assert_string_equal(a, "bskf");
    skeleton_of("Peskov", b, sizeof b);
    assert_string_equal(b, "bskf"); /* Latin spellings land on the same key */
    char small[3];
    assert_int_equal(kh_name_skeleton("abc", 3, small, 0), 0);
    kh_name_skeleton("\xd9\x83\xd8\xb1\xd9\x85\xd8\xa7\xd9\x86", 10, small, sizeof small);
    assert_int_equal(strlen(small), 2); /* truncated, NUL-terminated */
}

/* Each seed pair as an entity in a Persian and an Arabic sentence: one key. */
static void test_seed_pairs_entities(void **state)
{
    (void)state;
    static const struct {
        const char *fa, *ar, *key;
    } cases[] = {
        {"روسیه", "روسيا", "russia"},
        {"مسکو", "موسكو", "moscow"},
        {"ایران", "إيران", "iran"},
        {"کرملین", "الكرملين", "kremlin"},
        {"پسکوف", "بيسكوف", "peskov"},
        {"رویترز", "رويترز", "reuters"},
        {"داعش", "داعش", "isis"},
        {"تالار کنسرت «کروکوس»", "قاعة \"كروكوس\"", "x:krks"},
        {"کرمان", "كرمان", "kerman"},
        {"تاجیکستان", "طاجيكستان", "tajikistan"},
        {"تلگرام", "تلغرام", "telegram"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char a[96], b[96];
        first_key(cases[i].fa, "fa", a, sizeof a);
        first_key(cases[i].ar, "ar", b, sizeof b);
        if (strcmp(a, cases[i].key) || strcmp(b, cases[i].key))
            fail_msg("%s -> '%s', %s -> '%s', expected %s", cases[i].fa, a, cases[i].ar, b,
                     cases[i].key);
    }
    /* with Arabic clitics and the Persian of 001 (Arabic Yeh and Kaf) */
    char k[96];
    assert_string_equal(first_key("وروسيا", "ar", k, sizeof k), "russia");
    assert_string_equal(first_key("بالكرملين", "ar", k, sizeof k), "kremlin");
    assert_string_equal(first_key("لروسيا", "ar", k, sizeof k), "russia");
    assert_string_equal(first_key("خبرگزاري رويترز", "fa", k, sizeof k), "reuters");
}

static void test_types_and_spans(void **state)
{
    (void)state;
    const char *text = "وقال وزير الخارجية الروسي سيرغي لافروف في أنقرة إن الأمم المتحدة تتابع.";
    json_t *r = facts_run_str(F, text, "ar");
    size_t i;
    json_t *e;
    int lavrov = 0, ankara = 0, un = 0;
    json_array_foreach(json_object_get(r, "entities"), i, e) {
        size_t s = (size_t)json_integer_value(json_object_get(e, "start"));
        size_t en = (size_t)json_integer_value(json_object_get(e, "end"));
        const char *surface = js(e, "text");
        assert_int_equal(en - s, strlen(surface));
        assert_memory_equal(text + s, surface, en - s);
        if (!strcmp(js(e, "key"), "lavrov")) {
            lavrov = 1;
            assert_string_equal(js(e, "type"), "person");
        }
        if (!strcmp(js(e, "key"), "ankara")) {
            ankara = 1;
            assert_string_equal(js(e, "type"), "place");
            assert_string_equal(js(e, "subtype"), "city");
        }
        if (!strcmp(js(e, "key"), "un")) {
            un = 1;
            assert_string_equal(js(e, "type"), "org");
        }
    }
    assert_true(lavrov && ankara && un);
    json_decref(r);
}

static void test_cues(void **state)
{
    (void)state;
    /* an agency cue names an unknown outlet; the key is its skeleton */
    json_t *r = facts_run_str(F, "به گزارش خبرگزاری «آسیانیوز» دو نفر کشته شدند.", "fa");
    json_t *e = json_array_get(json_object_get(r, "entities"), 0);
    assert_non_null(e);
    assert_string_equal(js(e, "type"), "org");
    assert_string_equal(js(e, "subtype"), "agency");
    assert_string_equal(js(e, "text"), "آسیانیوز");
    assert_string_equal(js(e, "source"), "quote");
    json_decref(r);
    /* a place cue in Arabic, its name propagated to a later bare mention */
    r = facts_run_str(F, "وقع الهجوم في قاعة مدينة زيلينوغراد. وتقع زيلينوغراد شمال العاصمة.",
                      "ar");
    json_t *ents = json_object_get(r, "entities");
    assert_int_equal(json_array_size(ents), 2);
    assert_string_equal(js(json_array_get(ents, 0), "key"), js(json_array_get(ents, 1), "key"));
    assert_string_equal(js(json_array_get(ents, 1), "source"), "propagated");
    json_decref(r);
    /* a quoted name before a title is a person */
    r = facts_run_str(F, "«علی رضایی» سخنگوی شورای شهر گفت که جلسه لغو شد.", "fa");
    e = json_array_get(json_object_get(r, "entities"), 0);
    assert_string_equal(js(e, "type"), "person");
    assert_string_equal(js(e, "text"), "علی رضایی");
    json_decref(r);
    /* an org head starts the name */
    r = facts_run_str(F, "وقالت وزارة الزراعة المصرية إن المحصول وفير.", "ar");
    e = json_array_get(json_object_get(r, "entities"), 0);
    assert_string_equal(js(e, "type"), "org");
    assert_non_null(strstr(js(e, "text"), "وزارة الزراعة"));
    json_decref(r);
}

static void test_gazetteer_breadth(void **state)
{
    (void)state;
    /* not only the seeds: a sample of the gazetteer in three languages */
    static const struct {
        const char *text, *lang, *key;
    } cases[] = {
        {"بغداد", "ar", "baghdad"},      {"Baghdad", "en", "baghdad"},
        {"پکن", "fa", "beijing"},        {"بكين", "ar", "beijing"},
        {"ناتو", "fa", "nato"},          {"حلف الناتو", "ar", "nato"},
        {"حزب‌الله", "fa", "hezbollah"}, {"Hezbollah", "en", "hezbollah"},
        {"اردوغان", "fa", "erdogan"},    {"أردوغان", "ar", "erdogan"},
        {"IAEA", "en", "iaea"},          {"خبرگزاری فارس", "fa", "fars"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char k[96];
        first_key(cases[i].text, cases[i].lang, k, sizeof k);
        if (strcmp(k, cases[i].key))
            fail_msg("%s -> '%s', expected %s", cases[i].text, k, cases[i].key);
    }
}

static void test_seed_entities(void **state)
{
    (void)state;
    /* every seed pair of Story A shows up with its key in 000 and 002 */
    size_t la, lb;
    char *a = facts_seed_text("000_7a2339865d4e93cd.txt", "برچسب ها:", &la);
    char *b = facts_seed_text("002_609d45a39ab9baaa.txt", NULL, &lb);
    json_t *ra = facts_run(F, a, la, "fa"), *rb = facts_run(F, b, lb, "ar");
    static const char *const keys[] = {"russia", "moscow", "iran", "kremlin", "peskov",
                                       "reuters", "isis",  "x:krks", "kerman"};
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
        int in_a = 0, in_b = 0;
        size_t i;
        json_t *e;
        json_array_foreach(json_object_get(ra, "entities"), i, e) in_a |= !strcmp(js(e, "key"), keys[k]);
        json_array_foreach(json_object_get(rb, "entities"), i, e) in_b |= !strcmp(js(e, "key"), keys[k]);
        if (!in_a || !in_b)
            fail_msg("%s: in 000 %d, in 002 %d", keys[k], in_a, in_b);
    }
    json_decref(ra);
    json_decref(rb);
    free(a);
    free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_skeleton_pairs),   cmocka_unit_test(test_seed_pairs_entities),
        cmocka_unit_test(test_types_and_spans),  cmocka_unit_test(test_cues),
        cmocka_unit_test(test_gazetteer_breadth), cmocka_unit_test(test_seed_entities),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
