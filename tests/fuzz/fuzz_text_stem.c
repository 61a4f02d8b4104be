/* Fuzz target: kh_text_stem_word and kh_text_skeleton on one word in every
 * stemmer language; outputs must be valid UTF-8. Invalid input is skipped
 * here (these take folded words; kh_text_analyze validates). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "khabar.h"
#include "text/text.h"
#include "text/utf8.h"

static kh_text *T;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!T && kh_text_new(&T) != KH_OK)
        abort();
    if (size < 1)
        return 0;
    static const char *const langs[] = {"ar", "fa", "en", "de", "ru", "tr", "fr", "xx"};
    const char *lang = langs[data[0] & 7];
    const char *s = (const char *)data + 1;
    size--;
    if (kh_utf8_invalid_offset(s, size) != size || memchr(s, '\0', size))
        return 0;
    /* stems are asked of folded words: fold first */
    char *word = NULL;
    size_t len = 0;
    if (kh_text_fold(T, s, size, &word, &len) != KH_OK)
        abort();
    kh_buf b = {0};
    if (kh_text_stem_word(T, lang, word, len, &b) != KH_OK)
        abort();
    if (b.data && kh_utf8_invalid_offset(b.data, b.len) != b.len)
        abort();
    b.len = 0;
    if (kh_text_skeleton(T, word, len, &b) != KH_OK)
        abort();
    if (b.data && kh_utf8_invalid_offset(b.data, b.len) != b.len)
        abort();
    kh_buf_free(&b);
    kh_free(word);
    return 0;
}
