/*
 * fuzz_dates.c: libFuzzer target for the date expression scanner.
 *
 * Input: the first byte picks an anchor (none, or one of a few days) and a
 * mode; the rest is the text. Invalid UTF-8 must be rejected with
 * KH_EENCODING, anything else must give a JSON array; publication date
 * inference runs on the same text. Nothing may crash, leak or hang.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "khabar.h"
#include "text/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static kh_dates *d;
    static const char *const anchors[] = {NULL, "2024-04-02", "2023-11-15T23:30-05:00",
                                          "1400-01-01"};
    if (!d && kh_dates_new(&d) != KH_OK)
        abort();
    if (size == 0)
        return 0;
    const char *anchor = anchors[data[0] & 3];
    const int pub = (data[0] >> 2) & 1;
    const char *text = (const char *)data + 1;
    const size_t len = size - 1;
    const int valid = kh_utf8_invalid_offset(text, len) == len;
    char *json = NULL;
    int rc = kh_dates_scan(d, text, len, anchor, &json);
    if (valid ? rc != KH_OK : rc != KH_EENCODING)
        abort();
    if (rc == KH_OK && (!json || json[0] != '['))
        abort();
    kh_free(json);
    if (pub) {
        json = NULL;
        rc = kh_date_published(d, text, len, NULL, anchor, &json);
        if (!valid && rc != KH_EENCODING)
            abort();
        kh_free(json);
        json = NULL;
        rc = kh_dates_events(d, text, len, NULL, anchor, &json);
        if (!valid && rc != KH_EENCODING)
            abort();
        kh_free(json);
    }
    return 0;
}
