/*
 * fuzz_html.c: libFuzzer target for the HTML extractor.
 *
 * The input goes through charset conversion first (as real pages do), then
 * kh_html_extract(); the raw bytes are also given to the extractor
 * directly, which must refuse invalid UTF-8 and binary data with an error,
 * never crash. Invariants checked: every span lies inside the input, body
 * spans are as many as body lines.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extract/html.h"
#include "io/charset.h"

static void check(const char *in, size_t len, const kh_extracted *x)
{
    if (!x->body)
        abort();
    size_t lines = *x->body ? 1 : 0;
    for (const char *p = x->body; *p; p++)
        lines += *p == '\n';
    if (lines != x->n_body_spans)
        abort();
    for (size_t i = 0; i < x->n_body_spans; i++)
        if (x->body_spans[i].end > len || x->body_spans[i].start > x->body_spans[i].end)
            abort();
    for (size_t i = 0; i < x->n_dropped; i++)
        if (x->dropped[i].span.end > len || !x->dropped[i].reason)
            abort();
    (void)in;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    kh_extracted x;
    if (kh_html_extract((const char *)data, size, &x) == 0) {
        check((const char *)data, size, &x);
        kh_extracted_free(&x);
    }
    char *utf8 = NULL;
    size_t ulen = 0;
    if (kh_charset_to_utf8((const char *)data, size, NULL, &utf8, &ulen, NULL, 0) == 0) {
        if (kh_html_extract(utf8, ulen, &x) == 0) {
            check(utf8, ulen, &x);
            kh_extracted_free(&x);
        }
        free(utf8);
    }
    return 0;
}
