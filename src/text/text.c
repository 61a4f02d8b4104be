/*
 * text.c: the kh_text analyser's life cycle and UTF-8 <-> UTF-16 plumbing.
 *
 * ICU works on UTF-16 while khabar stores UTF-8. kh_text_to_u16 converts
 * once per text and records, for every UTF-16 index, the byte offset it
 * came from, so that anything found in UTF-16 (word breaks, matches) is
 * reported as a byte span of the original UTF-8.
 */
#include <stdlib.h>
#include <string.h>

#include <libexttextcat/textcat.h>
#include <unicode/ustring.h>

#include "core/error.h"
#include "text/text.h"
#include "text/utf8.h"

int kh_text_new(kh_text **out)
{
    if (!out)
        return kh_set_error(KH_EINVAL, "kh_text_new: out is NULL");
    kh_text *t = calloc(1, sizeof *t);
    if (!t)
        return kh_set_error(KH_ENOMEM, "out of memory");
    UErrorCode status = U_ZERO_ERROR;
    t->nfkc_cf = unorm2_getNFKCCasefoldInstance(&status);
    if (U_FAILURE(status)) {
        free(t);
        return kh_set_error(KH_ERROR, "ICU NFKC_Casefold unavailable: %s", u_errorName(status));
    }
    t->words = ubrk_open(UBRK_WORD, "", NULL, 0, &status);
    if (U_FAILURE(status)) {
        free(t);
        return kh_set_error(KH_ERROR, "ICU word break iterator unavailable: %s",
                            u_errorName(status));
    }
    int rc = kh_fold_map_build(&t->fold_map);
    if (rc == KH_OK)
        rc = kh_fast_map_build(t);
    if (rc == KH_OK)
        rc = kh_wordbreak_build(t);
    if (rc != KH_OK) {
        kh_text_free(t);
        return rc;
    }
    *out = t;
    return KH_OK;
}

void kh_text_free(kh_text *t)
{
    if (!t)
        return;
    if (t->words)
        ubrk_close(t->words);
    if (t->textcat)
        textcat_Done(t->textcat);
    if (t->lang_tables_free)
        t->lang_tables_free(t->lang_tables);
    kh_analysis_free(t->an);
    free(t->fold_map);
    free(t->fast_map);
    free(t->wb);
    free(t->u16);
    free(t->u16_to_byte);
    free(t->scratch);
    free(t);
}

int kh_text_to_u16(kh_text *t, const char *text, size_t len, int32_t *u16_len)
{
    if (len > (size_t)INT32_MAX / 2)
        return kh_set_error(KH_EINVAL, "text too long (%zu bytes)", len);
    int32_t need = (int32_t)len + 1; /* UTF-16 units never exceed UTF-8 bytes */
    if (need > t->u16_cap) {
        uint16_t *u = realloc(t->u16, sizeof(uint16_t) * (size_t)need);
        if (!u)
            return kh_set_error(KH_ENOMEM, "out of memory converting text");
        t->u16 = u;
        t->u16_cap = need;
    }
    if (need > t->map_cap) {
        int32_t *m = realloc(t->u16_to_byte, sizeof(int32_t) * (size_t)need);
        if (!m)
            return kh_set_error(KH_ENOMEM, "out of memory converting text");
        t->u16_to_byte = m;
        t->map_cap = need;
    }
    int32_t n = 0;
    size_t i = 0;
    while (i < len) {
        size_t at = i;
        uint32_t cp = kh_utf8_next(text, &i);
        if (cp < 0x10000) {
            t->u16_to_byte[n] = (int32_t)at;
            t->u16[n++] = (uint16_t)cp;
        } else {
            cp -= 0x10000;
            t->u16_to_byte[n] = (int32_t)at;
            t->u16[n++] = (uint16_t)(0xD800 + (cp >> 10));
            t->u16_to_byte[n] = (int32_t)at;
            t->u16[n++] = (uint16_t)(0xDC00 + (cp & 0x3FF));
        }
    }
    t->u16_to_byte[n] = (int32_t)len;
    *u16_len = n;
    return KH_OK;
}
