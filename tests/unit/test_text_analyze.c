/* Unit tests: token analysis (clitics, stems, skeletons, stopwords,
 * Persian joining and splitting), the seed entity pairs, paragraphs. */
#include "kh_test.h"

#include "text/text.h"

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

/* Analyses one word and returns its token (the first) in *toks. */
static void analyse(kh_text *t, const char *word, const char *lang, kh_tokens *toks)
{
    kh_tokens_clear(toks);
    assert_int_equal(kh_text_analyze(t, word, strlen(word), lang, toks), KH_OK);
    if (toks->n < 1)
        fail_msg("no token for \"%s\"", word);
}

/*
 * The entities the seeds must link across Persian and Arabic
 * (../shared/seeds/README.md), and the key on which each pair meets:
 * F = folded key, B = clitic-free base, S = skeleton. Every pair meets on
 * the skeleton; the folded key is enough for five, the base for six.
 */
static void test_seed_entity_pairs(void **state)
{
    kh_text *t = *state;
    static const struct {
        const char *fa, *ar, *keys;
    } pairs[] = {
        {"روسیه", "روسيا", "S"},      {"مسکو", "موسكو", "S"},       {"ایران", "إيران", "FBS"},
        {"کرملین", "الكرملين", "BS"}, {"پسکوف", "بيسكوف", "S"},     {"رویترز", "رويترز", "FBS"},
        {"داعش", "داعش", "FBS"},      {"کروکوس", "كروكوس", "FBS"},  {"کرمان", "كرمان", "FBS"},
        {"تاجیک", "طاجيك", "S"},      {"تلگرام", "تلغرام", "S"},
    };
    kh_tokens a = {0}, b = {0};
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        analyse(t, pairs[i].fa, "fa", &a);
        analyse(t, pairs[i].ar, "ar", &b);
        int f = strcmp(kh_token_key(&a, 0), kh_token_key(&b, 0)) == 0;
        int bs = strcmp(kh_token_base(&a, 0), kh_token_base(&b, 0)) == 0;
        int s = strcmp(kh_token_skel(&a, 0), kh_token_skel(&b, 0)) == 0;
        if (!s)
            fail_msg("%s / %s: skeletons %s / %s differ", pairs[i].fa, pairs[i].ar,
                     kh_token_skel(&a, 0), kh_token_skel(&b, 0));
        assert_int_equal(f, strchr(pairs[i].keys, 'F') != NULL);
        assert_int_equal(bs, strchr(pairs[i].keys, 'B') != NULL);
    }
    /* and inflected or with clitics, in running text */
    analyse(t, "وموسكو", "ar", &b);
    analyse(t, "مسکو", "fa", &a);
    assert_string_equal(kh_token_skel(&a, 0), kh_token_skel(&b, 0));
    analyse(t, "وبالكرملين", "ar", &b);
    assert_string_equal(kh_token_base(&b, 0), "كرملين");
    kh_tokens_free(&a);
    kh_tokens_free(&b);
}

static void test_arabic_clitics(void **state)
{
    kh_text *t = *state;
    kh_tokens k = {0};
    static const struct {
        const char *word, *base;
    } cases[] = {
        {"الكرملين", "كرملين"}, {"وبالكرملين", "كرملين"}, {"فللكرملين", "كرملين"},
        {"والتحقيقات", "تحقيقات"}, {"للهجوم", "هجوم"},   {"وزير", "وزير"},
        {"بيسكوف", "بيسكوف"},   {"واشنطن", "واشنطن"},  {"وموسكو", "موسكو"},
        {"وقال", "قال"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        analyse(t, cases[i].word, "ar", &k);
        if (strcmp(kh_token_base(&k, 0), cases[i].base) != 0)
            fail_msg("base(%s) = %s, expected %s", cases[i].word, kh_token_base(&k, 0), cases[i].base);
    }
    /* the span is the whole original word; pre counts the stripped bytes */
    analyse(t, "وبالكرملين", "ar", &k);
    assert_int_equal(k.v[0].start, 0);
    assert_int_equal(k.v[0].end, strlen("وبالكرملين"));
    assert_int_equal(k.v[0].pre, strlen("وبال"));
    kh_tokens_free(&k);
}

static void test_persian_zwnj_forms_one_key(void **state)
{
    kh_text *t = *state;
    const char *text = "او می\u200cرود و می رود و میرود";
    kh_tokens k = {0};
    assert_int_equal(kh_text_analyze(t, text, strlen(text), "fa", &k), KH_OK);
    /* او | می‌رود | و | می رود | و | میرود */
    assert_int_equal(k.n, 6);
    assert_string_equal(kh_token_key(&k, 1), kh_token_key(&k, 3));
    assert_string_equal(kh_token_key(&k, 1), kh_token_key(&k, 5));
    assert_true(k.v[3].flags & KH_TOKEN_JOINED);
    /* the joined token spans both words, space included; the ZWNJ form keeps its ZWNJ */
    assert_memory_equal(text + k.v[3].start, "می رود", strlen("می رود"));
    assert_int_equal(k.v[1].end - k.v[1].start, strlen("می\u200cرود"));
    kh_tokens_free(&k);
}

static void test_persian_lost_zwnj_split(void **state)
{
    kh_text *t = *state;
    const char *text = "کشتهشدن ۱۴۴ نفر و کشته\u200cشدن";
    kh_tokens k = {0};
    assert_int_equal(kh_text_analyze(t, text, strlen(text), "fa", &k), KH_OK);
    /* کشته | شدن | 144 | نفر | و | کشته | شدن */
    assert_int_equal(k.n, 7);
    assert_string_equal(kh_token_key(&k, 0), "كشته");
    assert_string_equal(kh_token_key(&k, 1), "شدن");
    assert_true(k.v[0].flags & KH_TOKEN_SPLIT);
    assert_memory_equal(text + k.v[0].start, "کشته", strlen("کشته"));
    assert_memory_equal(text + k.v[1].start, "شدن", strlen("شدن"));
    assert_string_equal(kh_token_key(&k, 5), "كشته");
    assert_memory_equal(text + k.v[6].start, "شدن", strlen("شدن"));
    kh_tokens_free(&k);
}

static void test_stems(void **state)
{
    kh_text *t = *state;
    kh_buf b = {0};
    static const char *cases[][3] = {
        {"fa", "کشورهای", "كشور"},     {"fa", "نمایندگان", "نماينده"}, {"fa", "ایرانیان", "ايران"},
        {"fa", "امنیتی", "امنيت"},      {"fa", "میگویند", "گوي"},       {"fa", "بزرگترین", "بزرگ"},
        {"fa", "ایران", "ايران"},       {"fa", "بیمارستان", "بيمارستان"}, {"en", "running", "run"},
        {"de", "Anschläge", "anschlag"}, {"ru", "нападения", "нападен"}, {"ar", "المسؤولين", "مسوول"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        kh_tokens k = {0};
        analyse(t, cases[i][1], cases[i][0], &k);
        if (strcmp(kh_token_stem(&k, 0), cases[i][2]) != 0)
            fail_msg("stem(%s, %s) = %s, expected %s", cases[i][0], cases[i][1],
                     kh_token_stem(&k, 0), cases[i][2]);
        kh_tokens_free(&k);
    }
    b.len = 0;
    assert_int_equal(kh_text_stem_word(t, "en", "attacks", 7, &b), KH_OK);
    assert_string_equal(b.data, "attack");
    /* A word's cached analysis is keyed by its language and its bytes:
     * French "sur", then Spanish "sus" (the two once shared a key of the
     * old stem cache: XXH3 with the language as seed maps "sur"+fr and
     * "sus"+es to one hash, and "sus" came out "sur"; test_text_tokcache). */
    b.len = 0;
    assert_int_equal(kh_text_stem_word(t, "fr", "sur", 3, &b), KH_OK);
    assert_string_equal(b.data, "sur");
    b.len = 0;
    assert_int_equal(kh_text_stem_word(t, "es", "sus", 3, &b), KH_OK);
    assert_string_equal(b.data, "sus");
    kh_buf_free(&b);
}

static void test_stopwords(void **state)
{
    kh_text *t = *state;
    assert_true(kh_text_is_stopword(t, "fa", "از", strlen("از")));
    assert_true(kh_text_is_stopword(t, "ar", "في", strlen("في")));
    assert_true(kh_text_is_stopword(t, "en", "the", 3));
    assert_false(kh_text_is_stopword(t, "en", "kremlin", 7));
    const char *text = "Der Kreml und die Regierung";
    kh_tokens k = {0};
    assert_int_equal(kh_text_analyze(t, text, strlen(text), "de", &k), KH_OK);
    assert_true(k.v[0].flags & KH_TOKEN_STOP);
    assert_false(k.v[1].flags & KH_TOKEN_STOP);
    assert_true(k.v[2].flags & KH_TOKEN_STOP);
    kh_tokens_free(&k);
    /* every language Snowball covers has a list */
    const char *langs[] = {"ar", "fa", "en", "de", "es", "fr", "it", "pl", "ru", "tr", "zh", "hy",
                           "eu", "ca", "da", "nl", "fi", "el", "hi", "hu", "id", "ga", "lt", "ne",
                           "nb", "pt", "ro", "sr", "sv", "ta", "yi"};
    const char *probe[] = {"و", "و", "and", "und", "y", "et", "e", "i", "и", "ve", "的", "որ",
                           "eta", "i", "og", "en", "ja", "και", "और", "és", "dan", "agus", "ir", "र",
                           "og", "e", "și", "и", "och", "மற்றும்", "און"};
    for (size_t i = 0; i < sizeof langs / sizeof langs[0]; i++)
        if (!kh_text_is_stopword(t, langs[i], probe[i], strlen(probe[i])))
            fail_msg("%s: \"%s\" is not a stopword", langs[i], probe[i]);
}

static void test_paragraph_languages(void **state)
{
    kh_text *t = *state;
    const char *text = "ایران به روسیه هشدار امنیتی داده بود و کرملین گفت از این موضوع اطلاعی ندارد\n\n"
                       "قال المتحدث باسم الكرملين إن روسيا لم تتلق أي تحذير من إيران قبل الهجوم\n"
                       "The Kremlin said it had received no warning from Iran before the attack.\n";
    kh_lang_span *spans = NULL;
    size_t n = 0;
    assert_int_equal(kh_text_lang_paragraphs(t, text, strlen(text), &spans, &n), KH_OK);
    assert_int_equal(n, 3);
    assert_string_equal(spans[0].lang.code, "fa");
    assert_string_equal(spans[1].lang.code, "ar");
    assert_string_equal(spans[2].lang.code, "en");
    assert_memory_equal(text + spans[1].start, "قال", strlen("قال"));
    free(spans);
}

static void test_invalid_input(void **state)
{
    kh_text *t = *state;
    kh_tokens k = {0};
    assert_int_equal(kh_text_analyze(t, "ab\xc3", 3, "en", &k), KH_EENCODING);
    assert_int_equal(kh_text_analyze(t, "", 0, NULL, &k), KH_OK);
    assert_int_equal(k.n, 0);
    char *json = NULL;
    assert_int_equal(kh_text_json(t, "\xff", 1, KH_TEXT_LANG, NULL, &json), KH_EENCODING);
    assert_string_equal(json, "{\"error\":\"invalid UTF-8 at byte 0\"}");
    kh_free(json);
    assert_int_equal(kh_text_json(t, "  ", 2, KH_TEXT_FOLD, NULL, &json), KH_EINVAL);
    assert_string_equal(json, "{\"error\":\"empty line\"}");
    kh_free(json);
    assert_int_equal(kh_text_json(t, "روسیه", strlen("روسیه"), KH_TEXT_FOLD | KH_TEXT_STEMS, "fa",
                                  &json), KH_OK);
    assert_string_equal(json, "{\"fold\":\"روسيه\",\"stems\":[\"روسيه\"]}");
    kh_free(json);
    kh_tokens_free(&k);
}

/* An empty text as the very first analysis of a kh_text: nothing is
 * allocated yet, and an array asked for no room must not read as out of
 * memory (core/grow.h). */
static void test_empty_text_first(void **state)
{
    (void)state;
    static const char *const langs[] = {"en", "ar", "fa", NULL};
    for (size_t i = 0; i < sizeof langs / sizeof *langs; i++) {
        kh_text *fresh;
        assert_int_equal(kh_text_new(&fresh), KH_OK);
        kh_tokens k = {0};
        assert_int_equal(kh_text_analyze(fresh, "", 0, langs[i], &k), KH_OK);
        assert_int_equal(k.n, 0);
        assert_int_equal(kh_text_analyze(fresh, "news", 4, langs[i], &k), KH_OK);
        assert_int_equal(k.n, 1);
        kh_tokens_free(&k);
        kh_text_free(fresh);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_entity_pairs),
        cmocka_unit_test(test_arabic_clitics),
        cmocka_unit_test(test_persian_zwnj_forms_one_key),
        cmocka_unit_test(test_persian_lost_zwnj_split),
        cmocka_unit_test(test_stems),
        cmocka_unit_test(test_stopwords),
        cmocka_unit_test(test_paragraph_languages),
        cmocka_unit_test(test_invalid_input),
        cmocka_unit_test(test_empty_text_first),
    };
    return cmocka_run_group_tests_name("text_analyze", tests, setup, teardown);
}
