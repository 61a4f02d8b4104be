/* Unit tests: the token cache (src/text/tokcache.h): an entry is found by
 * its language and every byte of its key, never by its hash alone; a set
 * keeps the two entries used last; and kh_text_analyze gives the same tokens
 * with the cache warm as a fresh kh_text does, whatever came before. */
#include "kh_test.h"

#include "text/text.h"
#include "text/tokcache.h"

/* A token whose key and stem are written into keys as analyze.c lays
 * them out: key \0 stem \0 (base and skeleton are the key). */
static kh_token lay_out(kh_buf *keys, const char *key, const char *stem, uint8_t flags)
{
    kh_token tok = {.kind = KH_TOKEN_WORD, .flags = flags};
    tok.key_off = tok.base_off = tok.skel_off = (uint32_t)keys->len;
    tok.key_len = tok.base_len = tok.skel_len = (uint32_t)strlen(key);
    assert_int_equal(kh_buf_append(keys, key, strlen(key) + 1), KH_OK);
    tok.stem_off = (uint32_t)keys->len;
    tok.stem_len = (uint32_t)strlen(stem);
    assert_int_equal(kh_buf_append(keys, stem, strlen(stem) + 1), KH_OK);
    return tok;
}

/* The stem of key in language li as the cache gives it, or NULL. */
static const char *cached_stem(kh_tcache *c, int li, const char *key, uint64_t h, kh_buf *out)
{
    const kh_tc_slot *s = kh_tc_get(c, li, key, strlen(key), h);
    if (!s)
        return NULL;
    kh_token tok = {0};
    out->len = 0;
    assert_int_equal(kh_tc_emit(s, &tok, out), KH_OK);
    assert_string_equal(out->data + tok.key_off, key);
    assert_int_equal(tok.key_len, strlen(key));
    return out->data + tok.stem_off;
}

static void test_full_key_decides(void **state)
{
    (void)state;
    kh_tcache c = {0};
    kh_buf keys = {0}, out = {0};
    assert_int_equal(kh_tc_init(&c), KH_OK);
    /* one hash for every key below: only the bytes and the language tell */
    const uint64_t h = 0x5eed5eed12345678ull;
    kh_token sur = lay_out(&keys, "sur", "sur", KH_TOKEN_STOP);
    kh_tc_put(&c, 5, h, &sur, &keys);
    assert_string_equal(cached_stem(&c, 5, "sur", h, &out), "sur");
    assert_null(cached_stem(&c, 5, "sus", h, &out));  /* same hash, other word */
    assert_null(cached_stem(&c, 4, "sur", h, &out));  /* same word, other language */
    assert_null(cached_stem(&c, 5, "su", h, &out));   /* a prefix of the key */
    assert_null(cached_stem(&c, 5, "surs", h, &out)); /* the key a prefix of it */
    const kh_tc_slot *s = kh_tc_get(&c, 5, "sur", 3, h);
    assert_non_null(s);
    kh_token tok = {.flags = KH_TOKEN_SPLIT};
    assert_int_equal(kh_tc_emit(s, &tok, &out), KH_OK);
    assert_int_equal(tok.flags, KH_TOKEN_SPLIT | KH_TOKEN_STOP);
    kh_tc_free(&c);
    kh_buf_free(&keys);
    kh_buf_free(&out);
}

static void test_set_keeps_two_last_used(void **state)
{
    (void)state;
    kh_tcache c = {0};
    kh_buf keys = {0}, out = {0};
    assert_int_equal(kh_tc_init(&c), KH_OK);
    const uint64_t h = 7;
    const char *words[][2] = {{"running", "run"}, {"runner", "runner"}, {"runs", "run"}};
    for (size_t i = 0; i < 3; i++) {
        kh_token tok = lay_out(&keys, words[i][0], words[i][1], 0);
        kh_tc_put(&c, 2, h, &tok, &keys);
    }
    assert_null(cached_stem(&c, 2, "running", h, &out));
    assert_string_equal(cached_stem(&c, 2, "runs", h, &out), "run");
    assert_string_equal(cached_stem(&c, 2, "runner", h, &out), "runner"); /* used last */
    kh_token again = lay_out(&keys, "running", "run", 0);
    kh_tc_put(&c, 2, h, &again, &keys); /* pushes out "runs", used before "runner" */
    assert_null(cached_stem(&c, 2, "runs", h, &out));
    assert_string_equal(cached_stem(&c, 2, "runner", h, &out), "runner");
    assert_string_equal(cached_stem(&c, 2, "running", h, &out), "run");
    /* an analysis larger than a slot is not kept */
    char key[KH_TC_DATA];
    memset(key, 'a', sizeof key - 1);
    key[sizeof key - 1] = '\0';
    kh_token tok = lay_out(&keys, key + 20, key + 20, 0); /* 27 + 1 + 27 + 1 bytes */
    kh_tc_put(&c, 2, 99, &tok, &keys);
    assert_null(cached_stem(&c, 2, key + 20, 99, &out));
    tok = lay_out(&keys, key + 30, key + 30, 0); /* 17 + 1 + 17 + 1: fits */
    kh_tc_put(&c, 2, 99, &tok, &keys);
    assert_string_equal(cached_stem(&c, 2, key + 30, 99, &out), key + 30);
    kh_tc_free(&c);
    kh_buf_free(&keys);
    kh_buf_free(&out);
}

/* Every string and flag of every token of a and b are equal. */
static void assert_same_tokens(const kh_tokens *a, const kh_tokens *b, const char *what)
{
    if (a->n != b->n)
        fail_msg("%s: %zu tokens, expected %zu", what, a->n, b->n);
    for (size_t i = 0; i < a->n; i++) {
        const kh_token *x = &a->v[i], *y = &b->v[i];
        if (strcmp(kh_token_key(a, i), kh_token_key(b, i)) != 0 ||
            strcmp(kh_token_base(a, i), kh_token_base(b, i)) != 0 ||
            strcmp(kh_token_stem(a, i), kh_token_stem(b, i)) != 0 ||
            strcmp(kh_token_skel(a, i), kh_token_skel(b, i)) != 0 || x->flags != y->flags ||
            x->pre != y->pre || x->suf != y->suf || x->start != y->start || x->end != y->end ||
            x->kind != y->kind)
            fail_msg("%s: token %zu is %s/%s/%s/%s flags %d, expected %s/%s/%s/%s flags %d", what, i,
                     kh_token_key(a, i), kh_token_base(a, i), kh_token_stem(a, i),
                     kh_token_skel(a, i), x->flags, kh_token_key(b, i), kh_token_base(b, i),
                     kh_token_stem(b, i), kh_token_skel(b, i), y->flags);
    }
}

/*
 * The same words in several languages, analysed in alternation in one
 * kh_text (so that each one after the first comes from the cache), give
 * what a fresh kh_text gives: the language is part of the key ("running"
 * is "run" in English only; "sur" and "sus" stay apart), and so is the
 * script's analysis (Arabic clitics vs Persian ones); a Persian word with
 * a ZWNJ is analysed for where it stands.
 */
static void test_alternation_matches_fresh(void **state)
{
    (void)state;
    static const char *texts[][2] = {
        {"en", "running sur sus the kremlin"},
        {"de", "running sur sus die Kremlin"},
        {"fr", "running sur sus le Kremlin"},
        {"es", "running sur sus el Kremlin"},
        {"ar", "والكرملين كتابهای روسيا"},
        {"fa", "والكرملين کتاب\u200cهای کتابهای روسیه"},
        {"fa", "خانه\u200cای خانهای میرود"},
        {"xx", "running والكرملين"},
    };
    const size_t n = sizeof texts / sizeof texts[0];
    kh_tokens want[sizeof texts / sizeof texts[0]];
    for (size_t i = 0; i < n; i++) {
        kh_text *fresh;
        assert_int_equal(kh_text_new(&fresh), KH_OK);
        memset(&want[i], 0, sizeof want[i]);
        assert_int_equal(kh_text_analyze(fresh, texts[i][1], strlen(texts[i][1]), texts[i][0],
                                         &want[i]),
                         KH_OK);
        kh_text_free(fresh);
    }
    kh_text *t;
    assert_int_equal(kh_text_new(&t), KH_OK);
    kh_tokens got = {0};
    for (int round = 0; round < 3; round++) {
        for (size_t k = 0; k < n; k++) {
            const size_t i = round == 1 ? n - 1 - k : k; /* the other order too */
            kh_tokens_clear(&got);
            assert_int_equal(
                kh_text_analyze(t, texts[i][1], strlen(texts[i][1]), texts[i][0], &got), KH_OK);
            assert_same_tokens(&got, &want[i], texts[i][1]);
        }
    }
    /* kh_text_stem_word shares the cache */
    kh_buf b = {0};
    assert_int_equal(kh_text_stem_word(t, "de", "running", 7, &b), KH_OK);
    assert_string_equal(b.data, kh_token_stem(&want[1], 0));
    b.len = 0;
    assert_int_equal(kh_text_stem_word(t, "en", "running", 7, &b), KH_OK);
    assert_string_equal(b.data, "run");
    kh_buf_free(&b);
    kh_tokens_free(&got);
    for (size_t i = 0; i < n; i++)
        kh_tokens_free(&want[i]);
    kh_text_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_full_key_decides),
        cmocka_unit_test(test_set_keeps_two_last_used),
        cmocka_unit_test(test_alternation_matches_fresh),
    };
    return cmocka_run_group_tests_name("text_tokcache", tests, NULL, NULL);
}
