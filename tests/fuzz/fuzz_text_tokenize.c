/* Fuzz target: kh_text_analyze (tokens, clitics, stems, skeletons) in
 * Arabic, Persian, English and detected modes. Invalid UTF-8 is
 * KH_EENCODING; otherwise spans are ordered, inside the text, on character
 * boundaries, and every key is valid UTF-8. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "khabar.h"
#include "text/text.h"
#include "text/utf8.h"

static kh_text *T;

static void check_str(const kh_tokens *k, uint32_t off, uint32_t len)
{
    if ((size_t)off + len >= k->keys.len + 1 || k->keys.data[off + len] != '\0' ||
        kh_utf8_invalid_offset(k->keys.data + off, len) != len)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!T && kh_text_new(&T) != KH_OK)
        abort();
    if (size < 1)
        return 0;
    static const char *const langs[] = {"ar", "fa", "en", NULL};
    const char *lang = langs[data[0] & 3];
    const char *s = (const char *)data + 1;
    size--;
    int valid = kh_utf8_invalid_offset(s, size) == size;
    kh_tokens k = {0};
    int rc = kh_text_analyze(T, s, size, lang, &k);
    if (!valid) {
        if (rc != KH_EENCODING)
            abort();
        kh_tokens_free(&k);
        return 0;
    }
    if (rc != KH_OK)
        abort();
    uint32_t prev = 0;
    for (size_t i = 0; i < k.n; i++) {
        const kh_token *t = &k.v[i];
        if (t->start < prev || t->end <= t->start || t->end > size)
            abort();
        if (((unsigned char)s[t->start] & 0xC0) == 0x80 ||
            (t->end < size && ((unsigned char)s[t->end] & 0xC0) == 0x80))
            abort();
        prev = t->end;
        check_str(&k, t->key_off, t->key_len);
        check_str(&k, t->base_off, t->base_len);
        check_str(&k, t->stem_off, t->stem_len);
        check_str(&k, t->skel_off, t->skel_len);
    }
    kh_tokens_free(&k);
    return 0;
}
