/*
 * fuzz_warc.c: libFuzzer target for the WARC reader.
 *
 * Reads every record of the input (plain or gzip) until the end; malformed
 * records must come back as errors, the loop must end, and every yielded
 * body must be NUL-terminated within its length.
 */
#include <stdint.h>
#include <stdlib.h>

#include "io/warc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    kh_warc *w = NULL;
    if (kh_warc_open_mem(&w, (const char *)data, size) != 0)
        return 0;
    kh_warc_record rec;
    /* Each call consumes input or ends, so the loop is bounded by the size. */
    for (size_t guard = 0; guard < size + 16; guard++) {
        int rc = kh_warc_next(w, &rec);
        if (rc == 0)
            break;
        if (rc > 0 && (rec.body[rec.body_len] != '\0' || !rec.target_uri || !rec.charset))
            abort();
    }
    kh_warc_free(w);
    return 0;
}
