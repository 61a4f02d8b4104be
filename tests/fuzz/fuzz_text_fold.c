/* Fuzz target: kh_text_fold. Invalid UTF-8 must be reported (KH_EENCODING),
 * never passed through; valid input folds to valid UTF-8, and the fast
 * path agrees with ICU's. */
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
    char *out = NULL, *ref = NULL;
    size_t len = 0, ref_len = 0;
    int rc = kh_text_fold(T, s, size, &out, &len);
    if (!valid) {
        if (rc != KH_EENCODING || out)
            abort();
        return 0;
    }
    if (rc != KH_OK || !out || kh_utf8_invalid_offset(out, len) != len || strlen(out) > len)
        abort();
    T->force_slow = 1;
    rc = kh_text_fold(T, s, size, &ref, &ref_len);
    T->force_slow = 0;
    if (rc != KH_OK || ref_len != len || memcmp(out, ref, len) != 0)
        abort();
    kh_free(out);
    kh_free(ref);
    return 0;
}
