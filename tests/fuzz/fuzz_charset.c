/*
 * fuzz_charset.c: libFuzzer target for charset detection and conversion.
 *
 * The first byte picks a declared charset (or none); the output must be
 * well-formed UTF-8 of the length reported.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/charset.h"
#include "text/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const declared[] = {NULL, "utf-8", "windows-1256", "iso-8859-6",
                                           "utf-16", "latin1", "x-bogus", "UTF-16BE"};
    const char *decl = NULL;
    if (size > 0) {
        decl = declared[data[0] % (sizeof declared / sizeof declared[0])];
        data++;
        size--;
    }
    char *out = NULL, name[32];
    size_t len = 0;
    if (kh_charset_to_utf8((const char *)data, size, decl, &out, &len, name, sizeof name) == 0) {
        if (strlen(out) > len || out[len] != '\0')
            abort();
        if (kh_utf8_invalid_offset(out, len) != len)
            abort();
        free(out);
    }
    char label[16];
    kh_charset_sniff_html((const char *)data, size, label, sizeof label);
    kh_charset_from_content_type((const char *)data, size, label, sizeof label);
    return 0;
}
