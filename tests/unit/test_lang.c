/* Unit tests: language id, with Arabic vs Persian decided by evidence. */
#include "kh_test.h"

static void assert_lang(kh_text *t, const char *text, const char *code)
{
    kh_lang_guess g;
    assert_int_equal(kh_text_lang(t, text, strlen(text), &g), KH_OK);
    if (strcmp(g.code, code) != 0)
        fail_msg("lang(\"%.60s\") = %s (%.2f), expected %s", text, g.code, g.confidence, code);
    assert_true(g.confidence > 0.5);
}

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

static void test_seeds(void **state)
{
    kh_text *t = *state;
    const char *expected[][2] = {{"examples/seeds/000_7a2339865d4e93cd.txt", "fa"},
                                 {"examples/seeds/001_4021acd122d8fafe.txt", "fa"},
                                 {"examples/seeds/002_609d45a39ab9baaa.txt", "ar"},
                                 {"examples/seeds/003_45858de1e21267e7.txt", "ar"},
                                 {"examples/seeds/004_2172b40dd589fe05.txt", "ar"}};
    for (size_t i = 0; i < 5; i++)
        assert_lang(t, read_file(expected[i][0]), expected[i][1]);
}

static void test_persian_with_arabic_yeh_and_kaf(void **state)
{
    kh_text *t = *state;
    /* Persian typed on an Arabic keyboard: ي and ك only */
    assert_lang(t, "سخنگوي کرملين گفت که مسکو هيچ اطلاعي از اين موضوع ندارد", "fa");
    assert_lang(t, "وزير خارجه در ديدار با همتاي خود از اين طرح حمايت كرد", "fa");
}

static void test_short_headlines(void **state)
{
    kh_text *t = *state;
    assert_lang(t, "ایران به روسیه هشدار امنیتی داده بود", "fa");
    assert_lang(t, "مسؤول أميركي: لدينا معلومات تؤكد مسؤولية داعش عن هجوم موسكو", "ar");
    assert_lang(t, "الكرملين ينفي تلقي تحذير من إيران قبل الهجوم", "ar");
    assert_lang(t, "بازداشت ۳۵ نفر در ارتباط با انفجار کرمان", "fa");
}

static void test_other_languages(void **state)
{
    kh_text *t = *state;
    assert_lang(t, "The Kremlin said on Monday it had no information about a warning from Iran "
                   "before the attack on the concert hall.", "en");
    assert_lang(t, "Der Kreml erklärte am Montag, er habe keine Informationen über eine Warnung "
                   "aus dem Iran vor dem Anschlag.", "de");
    assert_lang(t, "Кремль заявил в понедельник, что не располагает информацией о предупреждении "
                   "со стороны Ирана перед нападением.", "ru");
    assert_lang(t, "克里姆林宫周一表示，没有关于伊朗在袭击前发出警告的信息。", "zh");
}

static void test_no_letters_is_undetermined(void **state)
{
    kh_text *t = *state;
    kh_lang_guess g;
    assert_int_equal(kh_text_lang(t, "12 345 -- !!", 12, &g), KH_OK);
    assert_string_equal(g.code, "und");
    assert_int_equal(kh_text_lang(t, "ab\xff", 3, &g), KH_EENCODING);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seeds),
        cmocka_unit_test(test_persian_with_arabic_yeh_and_kaf),
        cmocka_unit_test(test_short_headlines),
        cmocka_unit_test(test_other_languages),
        cmocka_unit_test(test_no_letters_is_undetermined),
    };
    return cmocka_run_group_tests_name("lang", tests, kh_test_text_setup, kh_test_text_teardown);
}
