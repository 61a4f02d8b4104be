/* Fuzz target: the reader's JSONL and whole-document paths (io/reader.c).
 * The first byte picks the format; the rest is the input. Every input must
 * end as articles or rejections, never as a crash or a leak. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "io/reader.h"

static int on_doc(void *ctx, const kh_raw_doc *doc)
{
    size_t *n = ctx;
    /* touch every byte the sink is promised is valid */
    for (size_t i = 0; i < doc->len; i++)
        *n += (unsigned char)doc->bytes[i] == 0xFF;
    return KH_OK;
}

static void on_reject(void *ctx, const kh_input_error *err)
{
    size_t *n = ctx;
    *n += strlen(err->reason) > 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    static const char *names[] = {"in.jsonl", "in.txt", "in.html", "in.bin"};
    size_t n = 0;
    kh_reader_sink sink = {on_doc, on_reject, NULL, &n};
    kh_reader_run_memory(names[data[0] % 4], (const char *)data + 1, size - 1, &sink);
    return 0;
}
