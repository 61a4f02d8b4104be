/* Unit tests: folding for matching and tokens with byte spans. */
#include "kh_test.h"

#include "text/text.h"

static void assert_fold(kh_text *t, const char *in, const char *expected)
{
    char *out;
    size_t len;
    assert_int_equal(kh_text_fold(t, in, strlen(in), &out, &len), KH_OK);
    if (strcmp(out, expected) != 0)
        fail_msg("fold(\"%s\") = \"%s\", expected \"%s\"", in, out, expected);
    assert_int_equal(len, strlen(expected));
    kh_free(out);
}

static void assert_same_key(kh_text *t, const char *a, const char *b)
{
    char *fa, *fb;
    size_t la, lb;
    assert_int_equal(kh_text_fold(t, a, strlen(a), &fa, &la), KH_OK);
    assert_int_equal(kh_text_fold(t, b, strlen(b), &fb, &lb), KH_OK);
    if (strcmp(fa, fb) != 0)
        fail_msg("\"%s\" -> \"%s\" but \"%s\" -> \"%s\"", a, fa, b, fb);
    kh_free(fa);
    kh_free(fb);
}

static void test_yeh_kaf_teh_marbuta(void **state)
{
    kh_text *t = *state;
    assert_same_key(t, "روسیه", "روسيه");          /* Farsi Yeh / Arabic Yeh */
    assert_same_key(t, "کرملین", "كرملين");        /* Keheh / Kaf */
    assert_same_key(t, "مدرسة", "مدرسه");          /* teh marbuta / heh */
    assert_same_key(t, "مصطفى", "مصطفي");          /* alef maksura */
    assert_same_key(t, "تلگرام", "تلگرام");
}

static void test_alef_hamza_tatweel_harakat(void **state)
{
    kh_text *t = *state;
    assert_same_key(t, "أحمد", "احمد");
    assert_same_key(t, "إيران", "ايران");
    assert_same_key(t, "آذار", "اذار");
    assert_same_key(t, "مسؤول", "مسوول");
    assert_same_key(t, "كـــبير", "كبير");         /* tatweel */
    assert_same_key(t, "مُحَمَّد", "محمد");         /* harakat */
    assert_same_key(t, "ﻣﻮﺳﻜﻮ", "موسكو");           /* presentation forms (NFKC) */
}

static void test_digits_and_punctuation(void **state)
{
    kh_text *t = *state;
    assert_fold(t, "۱۴۴", "144");
    assert_fold(t, "٣٥", "35");
    assert_fold(t, "۱۳ فروردين ۱۴۰۳", "13 فروردين 1403");
    assert_fold(t, "٣٫٥", "3.5");
    assert_fold(t, "چرا؟", "چرا?");
    assert_fold(t, "Reuters", "reuters");
}

static void test_zwnj_dropped_for_matching(void **state)
{
    kh_text *t = *state;
    assert_same_key(t, "می\u200cرود", "میرود");
    assert_same_key(t, "بی\u200cاطلاعی", "بیاطلاعی");
}

static void test_invalid_utf8_rejected(void **state)
{
    kh_text *t = *state;
    char *out = NULL;
    size_t len;
    assert_int_equal(kh_text_fold(t, "ab\xff", 3, &out, &len), KH_EENCODING);
    assert_null(out);
    assert_non_null(strstr(kh_last_error(), "byte 2"));
}

static void test_tokens_keep_spans(void **state)
{
    kh_text *t = *state;
    const char *s = "پسکوف گفت: «۱۴۴ نفر» kill‌ed, Reuters!";
    kh_tokens toks = {0};
    assert_int_equal(kh_text_tokenize(t, s, strlen(s), &toks), KH_OK);
    const char *expected_spans[] = {"پسکوف", "گفت", "۱۴۴", "نفر", "kill‌ed", "Reuters"};
    const char *expected_keys[] = {"پسكوف", NULL, "144", NULL, "killed", "reuters"};
    assert_int_equal(toks.n, 6);
    for (size_t i = 0; i < toks.n; i++) {
        size_t n = toks.v[i].end - toks.v[i].start;
        assert_int_equal(n, strlen(expected_spans[i]));
        assert_memory_equal(s + toks.v[i].start, expected_spans[i], n);
        if (expected_keys[i])
            assert_string_equal(kh_token_key(&toks, i), expected_keys[i]);
    }
    assert_int_equal(toks.v[2].kind, KH_TOKEN_NUMBER);
    assert_int_equal(toks.v[0].kind, KH_TOKEN_WORD);
    kh_tokens_free(&toks);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_yeh_kaf_teh_marbuta),
        cmocka_unit_test(test_alef_hamza_tatweel_harakat),
        cmocka_unit_test(test_digits_and_punctuation),
        cmocka_unit_test(test_zwnj_dropped_for_matching),
        cmocka_unit_test(test_invalid_utf8_rejected),
        cmocka_unit_test(test_tokens_keep_spans),
    };
    return cmocka_run_group_tests_name("fold", tests, kh_test_text_setup, kh_test_text_teardown);
}
