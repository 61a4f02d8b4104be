/* Unit tests: the table-driven fast path of folding gives exactly what
 * ICU's NFKC_Casefold + the folding map give, on every BMP unit, on random
 * sequences and on the seed articles. */
#include "kh_test.h"

#include "text/text.h"

static void assert_paths_agree(kh_text *t, const uint16_t *s, int32_t n)
{
    kh_buf fast = {0}, slow = {0};
    assert_int_equal(kh_text_fold_u16(t, s, n, &fast), KH_OK);
    assert_int_equal(kh_text_fold_u16_icu(t, s, n, &slow), KH_OK);
    if (fast.len != slow.len || memcmp(fast.data, slow.data, fast.len) != 0) {
        char units[128] = "";
        for (int32_t i = 0; i < n && i < 8; i++)
            snprintf(units + strlen(units), sizeof units - strlen(units), "%04X ", s[i]);
        fail_msg("fast and ICU folding differ on %s: \"%s\" vs \"%s\"", units,
                 fast.data ? fast.data : "", slow.data ? slow.data : "");
    }
    kh_buf_free(&fast);
    kh_buf_free(&slow);
}

static void test_every_bmp_unit(void **state)
{
    kh_text *t = *state;
    for (uint32_t c = 1; c < 0x10000; c++) {
        if (c >= 0xD800 && c <= 0xDFFF)
            continue;
        uint16_t one[1] = {(uint16_t)c};
        uint16_t ctx[3] = {'a', (uint16_t)c, 0x0628};
        assert_paths_agree(t, one, 1);
        assert_paths_agree(t, ctx, 3);
    }
}

/* xorshift: deterministic pseudo-random units */
static uint32_t next_rand(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

static void test_random_sequences(void **state)
{
    kh_text *t = *state;
    /* units that meet in real text: Latin, Arabic block, marks, controls */
    static const uint16_t pool[] = {
        'A', 'z', 'I', 0x130, 0x131, 0xDF, 0xC5, 0x30A, 0x300, 0x301, 0x627, 0x622, 0x623, 0x653,
        0x654, 0x655, 0x648, 0x64A, 0x6CC, 0x6D2, 0x6C1, 0x6D5, 0x6C0, 0x629, 0x64B, 0x651, 0x670,
        0x640, 0x200C, 0x200D, 0x200F, 0x61C, 0xFEFF, 0xFB8A, 0xFEE3, 0xFDF2, 0x6F1, 0x661, 0x66B,
        0x1100, 0x1161, 0x11A8, 0xAC00, 0x3099, 0x304B, 0xFF21, 0x2160, 0x212B, 0x1E9E, 0x3A3,
        0x3C2, 0x345, 0x6A9, 0x643, 0x6AF, 0x20, 0x2D};
    uint32_t seed = 0x2545F491u;
    uint16_t s[8];
    for (int round = 0; round < 200000; round++) {
        int32_t n = 1 + (int32_t)(next_rand(&seed) % 6);
        for (int32_t i = 0; i < n; i++)
            s[i] = pool[next_rand(&seed) % (sizeof pool / sizeof pool[0])];
        assert_paths_agree(t, s, n);
    }
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = malloc(1 << 20);
    *len = fread(buf, 1, (1 << 20) - 1, f);
    buf[*len] = '\0';
    fclose(f);
    return buf;
}

static void test_seed_tokens_identical(void **state)
{
    kh_text *t = *state;
    const char *files[] = {"examples/seeds/000_7a2339865d4e93cd.txt",
                           "examples/seeds/001_4021acd122d8fafe.txt",
                           "examples/seeds/002_609d45a39ab9baaa.txt",
                           "examples/seeds/003_45858de1e21267e7.txt",
                           "examples/seeds/004_2172b40dd589fe05.txt"};
    for (size_t f = 0; f < 5; f++) {
        size_t len = 0;
        char *text = slurp(files[f], &len);
        assert_non_null(text);
        kh_tokens a = {0}, b = {0};
        t->force_slow = 0;
        assert_int_equal(kh_text_tokenize(t, text, len, &a), KH_OK);
        t->force_slow = 1;
        assert_int_equal(kh_text_tokenize(t, text, len, &b), KH_OK);
        t->force_slow = 0;
        assert_int_equal(a.n, b.n);
        assert_true(a.n > 100);
        for (size_t i = 0; i < a.n; i++)
            assert_string_equal(kh_token_key(&a, i), kh_token_key(&b, i));
        char *f1, *f2;
        size_t l1, l2;
        assert_int_equal(kh_text_fold(t, text, len, &f1, &l1), KH_OK);
        t->force_slow = 1;
        assert_int_equal(kh_text_fold(t, text, len, &f2, &l2), KH_OK);
        t->force_slow = 0;
        assert_string_equal(f1, f2);
        kh_free(f1);
        kh_free(f2);
        kh_tokens_free(&a);
        kh_tokens_free(&b);
        free(text);
    }
}

static void assert_fold(kh_text *t, const char *in, const char *expected)
{
    char *out;
    size_t len;
    assert_int_equal(kh_text_fold(t, in, strlen(in), &out, &len), KH_OK);
    if (strcmp(out, expected) != 0)
        fail_msg("fold(\"%s\") = \"%s\", expected \"%s\"", in, out, expected);
    kh_free(out);
}

/* The table of docs/text.md, row by row. */
static void test_documented_table(void **state)
{
    kh_text *t = *state;
    assert_fold(t, "ى ی ې ے ي", "ي ي ي ي ي");
    assert_fold(t, "ک ڪ ك", "ك ك ك");
    assert_fold(t, "ة ۀ ہ ە ھ ه", "ه ه ه ه ه ه");
    assert_fold(t, "آ أ إ ٱ ٲ ٳ", "ا ا ا ا ا ا");
    assert_fold(t, "ؤ ئ", "و ي");
    assert_fold(t, "كـبـيـر", "كبير");
    assert_fold(t, "بِسْمِ ٱللَّٰهِ", "بسم الله");
    assert_fold(t, "ۖ ۗقال", " قال");
    assert_fold(t, "٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹", "0123456789 0123456789");
    assert_fold(t, "٣٫٥ ١٬٠٠٠ ٥٪", "3.5 1,000 5%");
    assert_fold(t, "، ؛ ؟ ۔ «خبر»", ", ; ? . \"خبر\"");
    assert_fold(t, "\u200fمی\u200cرود\u200e\u061c\u200d", "ميرود");
    assert_fold(t, "\ufeffﻣﻮﺳﻜﻮ", "موسكو");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_bmp_unit),
        cmocka_unit_test(test_random_sequences),
        cmocka_unit_test(test_seed_tokens_identical),
        cmocka_unit_test(test_documented_table),
    };
    return cmocka_run_group_tests_name("text_fold", tests, kh_test_text_setup, kh_test_text_teardown);
}
