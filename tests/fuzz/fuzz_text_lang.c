/* Fuzz target: kh_text_lang, kh_text_lang_paragraphs and kh_text_json.
 * Invalid UTF-8 is KH_EENCODING (and an {"error"} object); otherwise the
 * guess is a short code with a confidence in 0..1 and paragraphs are
 * ordered spans inside the text. */
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
    const char *s = (const char *)data;
    int valid = kh_utf8_invalid_offset(s, size) == size;
    kh_lang_guess g;
    int rc = kh_text_lang(T, s, size, &g);
    if (!valid && rc != KH_EENCODING)
        abort();
    if (rc == KH_OK && (strlen(g.code) < 2 || g.confidence < 0 || g.confidence > 1))
        abort();
    kh_lang_span *spans = NULL;
    size_t n = 0;
    rc = kh_text_lang_paragraphs(T, s, size, &spans, &n);
    if (valid != (rc == KH_OK))
        abort();
    for (size_t i = 0; i < n; i++)
        if (spans[i].end <= spans[i].start || spans[i].end > size ||
            (i && spans[i].start < spans[i - 1].end))
            abort();
    free(spans);
    char *json = NULL;
    rc = kh_text_json(T, s, size, KH_TEXT_LANG | KH_TEXT_FOLD | KH_TEXT_TOKENS | KH_TEXT_STEMS,
                      NULL, &json);
    if (!json || (!valid && rc != KH_EENCODING))
        abort();
    if (!valid && !strstr(json, "\"error\""))
        abort();
    kh_free(json);
    return 0;
}
