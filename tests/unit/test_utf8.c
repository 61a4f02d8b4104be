/* Unit tests: UTF-8 validation and the text-or-binary verdict. */
#include "kh_test.h"

#include "text/utf8.h"

static void test_valid_text(void **state)
{
    const char *s = "Moscow موسكو مسکو ۱۴۴ 😀";
    size_t off;
    const char *why;
    assert_int_equal(kh_utf8_invalid_offset(s, strlen(s)), strlen(s));
    assert_int_equal(kh_utf8_check(s, strlen(s), &off, &why), KH_TEXT_OK);
}

static void test_invalid_sequences(void **state)
{
    struct {
        const char *bytes;
        size_t len, bad_at;
    } cases[] = {
        {"ab\xff", 3, 2},               /* never valid */
        {"ab\xc0\xaf", 4, 2},           /* overlong '/' */
        {"\xed\xa0\x80", 3, 0},         /* surrogate U+D800 */
        {"x\xf4\x90\x80\x80", 5, 1},    /* above U+10FFFF */
        {"abc\xd9", 4, 3},              /* truncated 2-byte sequence */
        {"\xe2\x82", 2, 0},             /* truncated 3-byte sequence */
        {"12345678\xd8\x41", 10, 8},    /* bad continuation after an ASCII run */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_int_equal(kh_utf8_invalid_offset(cases[i].bytes, cases[i].len), cases[i].bad_at);
}

static void test_verdicts(void **state)
{
    size_t off;
    const char *why;
    assert_int_equal(kh_utf8_check("", 0, &off, &why), KH_TEXT_EMPTY);
    assert_int_equal(kh_utf8_check(" \n\t\r\n", 5, &off, &why), KH_TEXT_EMPTY);
    assert_int_equal(kh_utf8_check("ab\0cd", 5, &off, &why), KH_TEXT_BINARY);
    assert_int_equal(off, 2);
    char controls[64];
    memset(controls, 1, sizeof controls);
    assert_int_equal(kh_utf8_check(controls, sizeof controls, &off, &why), KH_TEXT_BINARY);
    assert_int_equal(kh_utf8_check("caf\xe9 au lait", 12, &off, &why), KH_TEXT_BAD_UTF8);
    assert_int_equal(off, 3);
    assert_string_equal(why, "invalid UTF-8");
}

static void test_encode_roundtrip(void **state)
{
    uint32_t cps[] = {0x41, 0x6CC, 0x200C, 0x1F600, 0x7FF, 0x800, 0xFFFF, 0x10000};
    for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++) {
        char buf[5];
        size_t n = kh_utf8_encode(cps[i], buf), at = 0;
        assert_int_equal(kh_utf8_invalid_offset(buf, n), n);
        assert_int_equal(kh_utf8_next(buf, &at), cps[i]);
        assert_int_equal(at, n);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_text),
        cmocka_unit_test(test_invalid_sequences),
        cmocka_unit_test(test_verdicts),
        cmocka_unit_test(test_encode_roundtrip),
    };
    return cmocka_run_group_tests_name("utf8", tests, NULL, NULL);
}
