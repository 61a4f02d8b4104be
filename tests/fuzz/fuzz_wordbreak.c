/* Fuzz target, differential: the UTF-8 word segmenter (src/text/wordbreak.c)
 * against ICU's word break iterator. kh_text_tokenize (fast path when the
 * text allows it) and kh_text_tokenize_icu must give the same tokens: spans,
 * kinds and folded keys; so must kh_text_analyze with and without
 * t->force_slow. Aborts on any difference.
 *
 * First byte: mode. Odd: the rest is raw UTF-8 (invalid input is skipped).
 * Even: every byte picks a code point from ALPHABET, the characters where
 * the word break rules are subtle (letters of several scripts, digits,
 * Mid* punctuation, connectors, marks, ZWNJ, spaces, newlines), so that
 * random bytes make interesting text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "khabar.h"
#include "text/text.h"
#include "text/utf8.h"

static const uint32_t ALPHABET[] = {
    /* letters: Latin, Greek, Cyrillic, Armenian, Arabic, Persian, Devanagari, presentation forms */
    'a', 'Z', 'e', 0xE9, 0x130, 0xDF, 0x1C5, 0x3A3, 0x3C2, 0x416, 0x436, 0x561, 0x627, 0x628,
    0x64A, 0x6CC, 0x6A9, 0x629, 0x623, 0x6C0, 0x915, 0xFEE3, 0xFB8A, 0xFDF2, 0xFB01, '@',
    /* digits */
    '0', '7', 0x661, 0x6F4, 0x966, 0xFF11, 0x2460,
    /* MidLetter, MidNum, MidNumLet, Single/Double_Quote, and lookalikes that are not */
    '.', ',', ';', ':', '\'', '"', 0x2019, 0x2018, 0x2024, 0xB7, 0x387, 0x5F4, 0x2027, 0xFE13,
    0xFE55, 0xFF1A, 0x66B, 0x66C, 0x60C, 0x60D, 0x61B, 0x6D4, 0x37E, 0x2044, 0xFF0C, 0xFF0E,
    0xFE52, 0xFF07, '-', '/', '%', '!', '?', '(',
    /* connectors (ExtendNumLet) */
    '_', 0x202F, 0x203F, 0xFF3F,
    /* marks, format characters, tatweel */
    0x640, 0x64B, 0x651, 0x670, 0x654, 0x301, 0x308, 0x93F, 0x200C, 0x200E, 0x200F, 0xAD,
    0xFEFF, 0x61C, 0x2066,
    /* spaces and line ends */
    ' ', ' ', 0xA0, 0x2003, 0x3000, '\n', '\r', '\t', 0x85, 0x2028, 0xB,
    /* what must go to ICU: Hebrew, Han, kana, Hangul, Thai, ZWJ, emoji, regional indicators */
    0x5D0, 0x4E2D, 0x3042, 0x30AB, 0x30FC, 0xAC00, 0x1100, 0xE01, 0x200D, 0x1F600, 0x1F1EE,
};

static kh_text *T;

static int same_tokens(const kh_tokens *a, const kh_tokens *b, int analysed)
{
    if (a->n != b->n)
        return 0;
    for (size_t i = 0; i < a->n; i++) {
        const kh_token *x = &a->v[i], *y = &b->v[i];
        if (x->start != y->start || x->end != y->end || x->kind != y->kind ||
            x->flags != y->flags || strcmp(kh_token_key(a, i), kh_token_key(b, i)) != 0)
            return 0;
        if (analysed && (x->pre != y->pre || x->suf != y->suf ||
                         strcmp(kh_token_base(a, i), kh_token_base(b, i)) != 0 ||
                         strcmp(kh_token_stem(a, i), kh_token_stem(b, i)) != 0 ||
                         strcmp(kh_token_skel(a, i), kh_token_skel(b, i)) != 0))
            return 0;
    }
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!T && kh_text_new(&T) != KH_OK)
        abort();
    if (size < 1 || size > 4096)
        return 0;
    char *s;
    size_t len = 0;
    if (data[0] & 1) {
        len = size - 1;
        if (kh_utf8_invalid_offset((const char *)data + 1, len) != len)
            return 0;
        s = malloc(len + 1);
        if (!s)
            abort();
        memcpy(s, data + 1, len);
    } else {
        s = malloc(size * 4);
        if (!s)
            abort();
        for (size_t i = 1; i < size; i++)
            len += kh_utf8_encode(ALPHABET[data[i] % (sizeof ALPHABET / sizeof ALPHABET[0])],
                                  s + len);
    }
    kh_tokens fast = {0}, icu = {0};
    if (kh_text_tokenize(T, s, len, &fast) != KH_OK ||
        kh_text_tokenize_icu(T, s, len, &icu) != KH_OK || !same_tokens(&fast, &icu, 0))
        abort();
    static const char *const langs[] = {"fa", "ar", "en", "de"};
    const char *lang = langs[(data[0] >> 1) & 3];
    kh_tokens_clear(&fast);
    kh_tokens_clear(&icu);
    T->force_slow = 1;
    int rc = kh_text_analyze(T, s, len, lang, &icu);
    T->force_slow = 0;
    if (rc != KH_OK || kh_text_analyze(T, s, len, lang, &fast) != KH_OK ||
        !same_tokens(&fast, &icu, 1))
        abort();
    kh_tokens_free(&fast);
    kh_tokens_free(&icu);
    free(s);
    return 0;
}
