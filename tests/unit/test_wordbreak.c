/* Unit tests: the UTF-8 word segmenter (src/text/wordbreak.c) gives exactly
 * ICU's tokens (spans, kinds, folded keys), on written tricky strings, on
 * every BMP code point it handles, on random strings of the characters that
 * matter, and on every SemEval-2022 text when ../shared is there; texts it
 * cannot handle go to ICU. */
#include "kh_test.h"

#include <xxhash.h>

#include "core/hmap.h"
#include "io/csv.h"
#include "text/text.h"
#include "text/utf8.h"

/* 1 when the fast path takes the whole text. */
static int fast_path_takes(const kh_text *t, const char *s, size_t len)
{
    size_t pos = 0, a, b;
    int kind, r;
    while ((r = kh_wordbreak_next(t, s, len, &pos, &a, &b, &kind)) > 0)
        ;
    return r == 0;
}

static void describe(const kh_tokens *k, char *out, size_t cap)
{
    size_t n = 0;
    out[0] = '\0';
    for (size_t i = 0; i < k->n && n + 64 < cap; i++)
        n += (size_t)snprintf(out + n, cap - n, " [%u,%u)%c\"%s\"", k->v[i].start, k->v[i].end,
                              k->v[i].kind == KH_TOKEN_NUMBER ? 'N' : 'W', kh_token_key(k, i));
}

/* 0 when kh_text_tokenize and kh_text_tokenize_icu agree on s, else the
 * message is in why. */
static int differs(kh_text *t, const char *s, size_t len, char *why, size_t cap)
{
    kh_tokens fast = {0}, icu = {0};
    assert_int_equal(kh_text_tokenize(t, s, len, &fast), KH_OK);
    assert_int_equal(kh_text_tokenize_icu(t, s, len, &icu), KH_OK);
    int diff = fast.n != icu.n;
    for (size_t i = 0; !diff && i < fast.n; i++) {
        const kh_token *x = &fast.v[i], *y = &icu.v[i];
        diff = x->start != y->start || x->end != y->end || x->kind != y->kind ||
               x->key_len != y->key_len || strcmp(kh_token_key(&fast, i), kh_token_key(&icu, i)) != 0;
    }
    if (diff && why) {
        char a[512], b[512];
        describe(&fast, a, sizeof a);
        describe(&icu, b, sizeof b);
        snprintf(why, cap, "fast:%s\n  icu:%s", a, b);
    }
    kh_tokens_free(&fast);
    kh_tokens_free(&icu);
    return diff;
}

static void assert_same(kh_text *t, const char *s, int want_fast)
{
    char why[1200];
    size_t len = strlen(s);
    if (differs(t, s, len, why, sizeof why))
        fail_msg("\"%s\": fast and ICU tokens differ\n  %s", s, why);
    if (want_fast >= 0 && fast_path_takes(t, s, len) != want_fast)
        fail_msg("\"%s\": expected the %s path", s, want_fast ? "fast" : "ICU");
}

static void assert_tokens(kh_text *t, const char *s, const char *want)
{
    kh_tokens k = {0};
    assert_int_equal(kh_text_tokenize(t, s, strlen(s), &k), KH_OK);
    char got[1024];
    describe(&k, got, sizeof got);
    if (strcmp(got, want) != 0)
        fail_msg("\"%s\": tokens%s, expected%s", s, got, want);
    kh_tokens_free(&k);
}

static void test_written_strings(void **state)
{
    kh_text *t = *state;
    static const char *const fast[] = {
        "", " ", "don't", "l'homme", "l’homme", "3.14", "3.14.", "1,000,000", "1,000.5 m",
        "a.b", "a:b", "a;b", "1;2", "1:2", "a1", "1a", "abc123def", "a.1", "1.a", "a'", "'a",
        "\"quoted\" words", "a\u00a0b", "a\u202fb", "e.g. U.S.A.", "x@y.com", "a@", "@",
        "a\u00b7b", "l·l", "٣٫٥", "١٬٠٠٠", "١،٢", "1،2", "٢٠٢٤", "۱۴۰۳", "۱۲٫۵٪",
        "مُحَمَّد", "كـــبير", "ـ", "ـــ", "می‌رود", "بی‌اطلاعی", "خانه‌ها", "‌رود", "رود‌",
        "\u064bقال", "\n\u064bقال", "\r\n\u0301a", "a\n\u0301b", "x \u0301y", "\u200c", "\u200fمی\u200e",
        "قال المتحدث باسم الكرملين", "Путин сказал: «нет»", "Ελλάδα, 2024.", "naïve café",
        "Reuters/AFP - Moscow", "a..b", "1..2", "a''b", "1''2", "a.\u0301b", "1,\u06702",
        "a\u00adb", "\ufeffword", "ﻣﻮﺳﻜﻮ", "ﬁnance", "Ǆemal", "straße", "İstanbul", "ǅ",
        "a\tb\vc\fd\302\205e\u2028f\u2029g", "   \u2003 x", "٫٬", "...", "--", "a-b", "1-2", "#tag",
        "$5.00", "50%", "C++", "A&B", "O'Neil's", "rock'n'roll", "10'000", "10’000",
        "snake_case", "_", "__", "a_b", "_a", "a_", "1_", "_1", "a_1", "1_a", "a__", "1__",
        "a_\u0301", "a_\u0301b", "_\u0301_", "\u0301_a", "a_.b", "1_.2", "a._", "x\u202fy",
        "12\u202f000", "\u00ab\u202fnon\u202f\u00bb", "\u203f\u2040\u2054", "\uff3f",
    };
    for (size_t i = 0; i < sizeof fast / sizeof fast[0]; i++)
        assert_same(t, fast[i], 1);
    static const char *const slow[] = {
        "東京 Tokyo", "中文", "ひらがな", "カタカナ", "한국어", "ภาษาไทย",
        "ລາວ", "ខ្មែរ", "မြန်မာ", "שלום", "ג'ורג'", "emoji 😀 here", "👍🏽", "🇮🇷", "a\u200db",
        "\U00010400abc", "〆", "ー", "ー中",
    };
    for (size_t i = 0; i < sizeof slow / sizeof slow[0]; i++)
        assert_same(t, slow[i], 0);
    /* what ICU's rule status says (and so the fast path too) */
    assert_tokens(t, "don't 3.14 a1 1a a:b", " [0,5)W\"don't\" [6,10)N\"3.14\" [11,13)N\"a1\""
                                             " [14,16)W\"1a\" [17,18)W\"a\" [19,20)W\"b\"");
    assert_tokens(t, "x@y ١٬٠٠٠ ـ", " [0,3)W\"x@y\" [4,14)N\"1,000\"");
}

/* Every BMP code point the fast path handles, in the contexts of
 * kh_wordbreak_check and in two full texts. */
static void test_every_bmp_code_point(void **state)
{
    kh_text *t = *state;
    size_t fast = 0;
    for (uint32_t c = 1; c < 0x10000; c++) {
        if (t->wb[c] == KH_WB_SLOW)
            continue;
        fast++;
        if (!kh_wordbreak_check(t, c))
            fail_msg("U+%04X: the segmenter and ICU differ (class %d)", c, t->wb[c]);
        char s[64];
        size_t n = 0;
        const uint32_t ctx[] = {'a', c, 'b', ' ', '1', c, '2', ' ', 0x628, c, 0x301, c, 0x200c, c,
                                0x661, c, ' ', c, '.', c};
        for (size_t i = 0; i < sizeof ctx / sizeof ctx[0]; i++)
            n += kh_utf8_encode(ctx[i], s + n);
        s[n] = '\0';
        char why[1200];
        if (differs(t, s, n, why, sizeof why))
            fail_msg("U+%04X in context: %s", c, why);
    }
    assert_true(fast > 10000);
}

static uint32_t next_rand(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

/* The alphabet of tests/fuzz/fuzz_wordbreak.c. */
static const uint32_t ALPHABET[] = {
    'a', 'Z', 0xE9, 0x130, 0xDF, 0x3A3, 0x3C2, 0x416, 0x436, 0x627, 0x628, 0x64A, 0x6CC, 0x6A9,
    0x629, 0x623, 0xFEE3, '0', '7', 0x661, 0x6F4, 0x966, '.', ',', ';', ':', '\'', 0x2019, '"',
    0xB7, 0x66B, 0x66C, 0x60C, 0x61B, 0x6D4, 0x640, 0x64B, 0x651, 0x670, 0x301, 0x200C, 0x200E,
    0x200F, 0xAD, 0xFEFF, ' ', 0xA0, 0x2003, '\n', '\r', 0x85, 0x2028, '\t', '-', '@', '/', '%',
    0x2044, 0xFF0C, 0xFF0E, 0x5F4, '_', 0x202F,
};

static void test_random_strings(void **state)
{
    kh_text *t = *state;
    uint32_t seed = 0x9E3779B9u;
    char s[16 * 4 + 1], why[1200];
    const size_t na = sizeof ALPHABET / sizeof ALPHABET[0];
    for (int round = 0; round < 300000; round++) {
        size_t n = 1 + next_rand(&seed) % 12, len = 0;
        for (size_t i = 0; i < n; i++)
            len += kh_utf8_encode(ALPHABET[next_rand(&seed) % na], s + len);
        s[len] = '\0';
        if (differs(t, s, len, why, sizeof why))
            fail_msg("\"%s\": %s", s, why);
    }
}

/* Every distinct text of the SemEval-2022 task 8 pair files, as it is
 * (with its newlines): the fast path must give ICU's tokens on each text it
 * takes. */
static void test_semeval_texts(void **state)
{
    kh_text *t = *state;
    const char *dir = kh_test_shared_data();
    if (!dir)
        skip();
    size_t texts = 0, on_fast = 0, tokens = 0, mismatches = 0, bytes = 0, fast_bytes = 0;
    const char *files[] = {"train.csv", "test.csv"};
    kh_hmap seen = {0};
    for (size_t f = 0; f < 2; f++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/semeval2022-task8/%s", dir, files[f]);
        kh_csv csv;
        assert_int_equal(kh_csv_read(path, &csv), KH_OK);
        int cols[2] = {kh_csv_column(&csv, "text1"), kh_csv_column(&csv, "text2")};
        assert_true(cols[0] >= 0 && cols[1] >= 0);
        for (size_t r = 1; r < csv.nrows; r++) {
            for (int side = 0; side < 2; side++) {
                if ((size_t)cols[side] >= csv.nfields[r])
                    continue;
                const char *s = csv.rows[r][cols[side]];
                size_t len = strlen(s);
                int fresh = 0;
                if (len == 0 || kh_utf8_invalid_offset(s, len) != len ||
                    !kh_hmap_upsert(&seen, XXH3_64bits(s, len) | 1, 1, &fresh) || !fresh)
                    continue;
                texts++;
                bytes += len;
                if (fast_path_takes(t, s, len)) {
                    on_fast++;
                    fast_bytes += len;
                }
                char why[1200];
                if (differs(t, s, len, why, sizeof why)) {
                    if (mismatches++ < 5)
                        print_message("mismatch in %s row %zu text%d:\n  %s\n", files[f], r,
                                      side + 1, why);
                }
                kh_tokens k = {0};
                assert_int_equal(kh_text_tokenize(t, s, len, &k), KH_OK);
                tokens += k.n;
                kh_tokens_free(&k);
            }
        }
        kh_csv_free(&csv);
    }
    kh_hmap_free(&seen);
    print_message("semeval: %zu texts (%zu bytes), %zu on the fast path (%.1f%%, %.1f%% of bytes), "
                  "%zu tokens, %zu mismatches\n",
                  texts, bytes, on_fast, 100.0 * (double)on_fast / (double)(texts ? texts : 1),
                  100.0 * (double)fast_bytes / (double)(bytes ? bytes : 1), tokens, mismatches);
    assert_int_equal(mismatches, 0);
    assert_true(texts > 1000);
}

/* The first text that needs one of ICU's dictionaries gives the tokens
 * the same text gives later (tokenize.c warms the iterator up). */
static void test_first_dictionary_text(void **state)
{
    (void)state;
    static const char text[] = "ー中";
    kh_text *fresh[2];
    kh_tokens tok[2] = {{0}, {0}};
    for (int i = 0; i < 2; i++) {
        assert_int_equal(kh_text_new(&fresh[i]), KH_OK);
        assert_int_equal(kh_text_tokenize_icu(fresh[i], text, strlen(text), &tok[i]), KH_OK);
    }
    /* and again on the first, now that ICU has seen the text once */
    kh_tokens again = {0};
    assert_int_equal(kh_text_tokenize_icu(fresh[0], text, strlen(text), &again), KH_OK);
    assert_int_equal(tok[0].n, 2);
    assert_int_equal(tok[1].n, 2);
    assert_int_equal(again.n, 2);
    kh_tokens_free(&again);
    for (int i = 0; i < 2; i++) {
        kh_tokens_free(&tok[i]);
        kh_text_free(fresh[i]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_first_dictionary_text),
        cmocka_unit_test(test_written_strings),
        cmocka_unit_test(test_every_bmp_code_point),
        cmocka_unit_test(test_random_strings),
        cmocka_unit_test(test_semeval_texts),
    };
    return cmocka_run_group_tests_name("wordbreak", tests, kh_test_text_setup, kh_test_text_teardown);
}
