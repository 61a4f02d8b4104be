/*
 * Unit tests: Persian segmentation and light stemming (src/text/persian.c,
 * rules in data/stem/fa.tsv).
 *
 *   - the written list of run-together words (tests/fixtures/text/
 *     fa_joined.tsv): every segmentation exact;
 *   - against the Persian hunspell dictionary (Debian myspell-fa,
 *     /usr/share/hunspell/fa_IR.dic; skipped when absent): its words
 *     written with a ZWNJ lose it, and the segmentation must find the
 *     boundary again; its words without ZWNJ must not be split by the
 *     light-verb rule; stems of its plural forms must be dictionary words.
 */
#include "kh_test.h"

#include "core/hmap.h"
#include "text/analysis.h"
#include "text/utf8.h"

#include <xxhash.h>

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

/* The segmentation of one word as text: "pre+core+clitic", " " between
 * light-verb pieces. In folded letters, compared folded. */
static void segment(kh_text *t, const char *word, kh_buf *out)
{
    struct kh_analysis *an;
    assert_int_equal(kh_an_get(t, &an), KH_OK);
    kh_tokens k = {0};
    assert_int_equal(kh_text_analyze(t, word, strlen(word), "fa", &k), KH_OK);
    out->len = 0;
    for (size_t i = 0; i < k.n; i++) {
        kh_word w = {0};
        w.n = kh_an_decode(kh_token_key(&k, i), k.v[i].key_len, w.c, KH_W_MAX);
        size_t pre, core_end;
        kh_persian_segment(an, &w, &pre, &core_end);
        char buf[8];
        if (i)
            kh_buf_append_char(out, ' ');
        for (size_t j = 0; j < w.n; j++) {
            if ((j == pre && pre) || (j == core_end && core_end < w.n))
                kh_buf_append_char(out, '+');
            kh_buf_append(out, buf, kh_utf8_encode(w.c[j], buf));
        }
    }
    kh_tokens_free(&k);
}

static void fold(kh_text *t, const char *s, kh_buf *out)
{
    out->len = 0;
    assert_int_equal(kh_text_fold_utf8(t, s, strlen(s), out), KH_OK);
}

static void test_written_joined_words(void **state)
{
    kh_text *t = *state;
    FILE *f = fopen("tests/fixtures/text/fa_joined.tsv", "r");
    assert_non_null(f);
    char line[512];
    kh_buf got = {0}, want = {0};
    size_t n = 0, right = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        char *tab = strchr(line, '\t');
        if (line[0] == '#' || !tab)
            continue;
        *tab = '\0';
        segment(t, line, &got);
        fold(t, strcmp(tab + 1, "=") == 0 ? line : tab + 1, &want);
        n++;
        if (strcmp(got.data, want.data) == 0)
            right++;
        else
            printf("fa_joined: %s -> %s, expected %s\n", line, got.data, want.data);
    }
    fclose(f);
    printf("fa_joined: %zu/%zu segmented as written\n", right, n);
    assert_true(n >= 35);
    assert_int_equal(right, n);
    kh_buf_free(&got);
    kh_buf_free(&want);
}

#define DIC "/usr/share/hunspell/fa_IR.dic"

static void test_against_hunspell_dictionary(void **state)
{
    kh_text *t = *state;
    FILE *f = fopen(DIC, "r");
    if (!f) {
        printf("fa_IR.dic absent (package myspell-fa): skipped\n");
        skip();
        return;
    }
    struct kh_analysis *an;
    assert_int_equal(kh_an_get(t, &an), KH_OK);
    /* every dictionary word, folded, in a set */
    kh_hmap dic = {0};
    kh_buf b = {0};
    char line[512];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n/")] = '\0';
        b.len = 0;
        if (kh_text_fold_utf8(t, line, strlen(line), &b) == KH_OK)
            kh_hmap_upsert(&dic, XXH3_64bits(b.data, b.len), 1, NULL);
    }
    rewind(f);
    size_t amb_n = 0, amb_ok = 0, clitic_n = 0, clitic_ok = 0, prefix_n = 0, prefix_ok = 0, light_n = 0, light_ok = 0;
    size_t plain_n = 0, false_split = 0, stem_n = 0, stem_in_dic = 0;
    kh_tokens k = {0};
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n/")] = '\0';
        char *zw = strstr(line, "\u200c");
        size_t len = strlen(line);
        if (kh_utf8_invalid_offset(line, len) != len || len == 0)
            continue;
        if (!zw) {
            /* a single word: must stay one token */
            plain_n++;
            kh_tokens_clear(&k);
            if (kh_text_analyze(t, line, len, "fa", &k) == KH_OK && k.n > 1)
                false_split++;
            continue;
        }
        if (strstr(zw + 3, "\u200c"))
            continue; /* one ZWNJ only */
        /* lose the ZWNJ */
        char joined[512];
        size_t a = (size_t)(zw - line);
        memcpy(joined, line, a);
        strcpy(joined + a, zw + 3);
        uint32_t left[KH_W_MAX], right[KH_W_MAX];
        size_t ln, rn;
        if (kh_an_fold_line(t, line, a, left, &ln) != KH_OK || kh_an_fold_line(t, zw + 3, strlen(zw + 3), right, &rn) != KH_OK || !ln || !rn)
            continue;
        kh_word w = {0};
        w.n = kh_an_decode("", 0, w.c, 0);
        kh_tokens_clear(&k);
        if (kh_text_analyze(t, joined, strlen(joined), "fa", &k) != KH_OK || k.n == 0)
            continue;
        kh_word whole = {0};
        whole.n = kh_an_decode(kh_token_key(&k, 0), k.v[0].key_len, whole.c, KH_W_MAX);
        /* what kind of boundary is it? */
        int is_clitic = 0, is_prefix = 0, is_light = 0;
        for (size_t i = 0; i < an->fa_clitic.n; i++)
            if (an->fa_clitic.v[i].n == rn && !memcmp(an->fa_clitic.v[i].c, right, rn * 4))
                is_clitic = 1;
        for (size_t i = 0; i < an->fa_zclitic.n; i++)
            if (an->fa_zclitic.v[i].n == rn && !memcmp(an->fa_zclitic.v[i].c, right, rn * 4) &&
                left[ln - 1] == 0x0647)
                is_clitic = 1;
        for (size_t i = 0; i < an->fa_prefix.n; i++)
            if (an->fa_prefix.v[i].n == ln && !memcmp(an->fa_prefix.v[i].c, left, ln * 4))
                is_prefix = 1;
        for (size_t i = 0; i < an->fa_light.n; i++)
            if (an->fa_light.v[i].n == rn && !memcmp(an->fa_light.v[i].c, right, rn * 4))
                is_light = 1;
        if (is_light && left[ln - 1] == 0x0647) {
            light_n++;
            if (k.n == 2 && k.v[0].key_len > 0)
                light_ok++;
        } else if (is_clitic && !is_prefix && rn == 2 && right[0] == 0x0627 && right[1] == 0x064A) {
            /* X‌ه + ای without its ZWNJ reads as well X + ‌های (plural):
             * ambiguous without a lexicon; the plural is preferred */
            amb_n++;
            size_t pre, core_end;
            kh_persian_segment(an, &whole, &pre, &core_end);
            if (k.n == 1 && core_end == ln)
                amb_ok++;
        } else if (is_clitic && !is_prefix) {
            clitic_n++;
            size_t pre, core_end;
            kh_persian_segment(an, &whole, &pre, &core_end);
            if (k.n == 1 && core_end == ln)
                clitic_ok++;
            else if (getenv("KH_SHOW") && clitic_n % 20 == 0)
                printf("miss: %s (%zu tokens, core_end %zu, left %zu)\n", line, k.n, core_end, ln);
            /* plural stems: the stem should be a dictionary word */
            if (rn <= 3 && right[0] == 0x0647) {
                stem_n++;
                if (kh_hmap_get(&dic, XXH3_64bits(kh_token_stem(&k, 0), k.v[0].stem_len)))
                    stem_in_dic++;
            }
        } else if (is_prefix) {
            prefix_n++;
            size_t pre, core_end;
            kh_persian_segment(an, &whole, &pre, &core_end);
            if (k.n == 1 && pre == ln)
                prefix_ok++;
        }
    }
    fclose(f);
    printf("fa_IR.dic: lost ZWNJ before a clitic suffix found again: %zu/%zu (%.1f%%)\n", clitic_ok,
           clitic_n, 100.0 * clitic_ok / (clitic_n ? clitic_n : 1));
    printf("fa_IR.dic: lost ZWNJ in X‌ه‌ای (ambiguous with plural X‌های): %zu/%zu (%.1f%%)\n",
           amb_ok, amb_n, 100.0 * amb_ok / (amb_n ? amb_n : 1));
    printf("fa_IR.dic: lost ZWNJ after a prefix found again: %zu/%zu (%.1f%%)\n", prefix_ok, prefix_n,
           100.0 * prefix_ok / (prefix_n ? prefix_n : 1));
    printf("fa_IR.dic: lost ZWNJ before a light verb split again: %zu/%zu (%.1f%%)\n", light_ok,
           light_n, 100.0 * light_ok / (light_n ? light_n : 1));
    printf("fa_IR.dic: words without ZWNJ wrongly split: %zu/%zu (%.2f%%)\n", false_split, plain_n,
           100.0 * false_split / (plain_n ? plain_n : 1));
    printf("fa_IR.dic: stems of ZWNJ plurals (-ها/-های) that are dictionary words: %zu/%zu (%.1f%%)\n",
           stem_in_dic, stem_n, 100.0 * stem_in_dic / (stem_n ? stem_n : 1));
    assert_true(clitic_n > 1000 && prefix_n > 1000 && light_n > 100);
    assert_true(clitic_ok * 100 >= clitic_n * 90);
    assert_true(prefix_ok * 100 >= prefix_n * 90);
    assert_true(light_ok * 100 >= light_n * 90);
    assert_true(false_split * 100 <= plain_n * 2);
    assert_true(stem_in_dic * 100 >= stem_n * 80);
    kh_tokens_free(&k);
    kh_buf_free(&b);
    kh_hmap_free(&dic);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_written_joined_words),
        cmocka_unit_test(test_against_hunspell_dictionary),
    };
    return cmocka_run_group_tests_name("text_persian", tests, setup, teardown);
}
