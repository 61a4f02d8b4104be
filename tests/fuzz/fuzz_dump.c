/*
 * fuzz_dump.c: libFuzzer target for the text-dump extractor.
 *
 * Inputs that are not UTF-8 are skipped (readers check encoding before
 * extraction). For the rest, the result must be self-consistent: spans
 * inside the input, body spans in order and found in the body, and the
 * template and preloaded-cue path exercised with the input as its own
 * corpus (every line is then template).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extract/dump.h"
#include "extract/template.h"
#include "text/utf8.h"

static void check(const char *text, size_t len, const kh_extracted *e)
{
    if (!e->body)
        abort();
    const kh_span *fields[] = {&e->title_span, &e->outlet_span, &e->author_span,
                               &e->published_span, &e->modified_span, &e->item_id_span};
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        if (fields[i]->end < fields[i]->start || fields[i]->end > len)
            abort();
    if (e->title && memcmp(text + e->title_span.start, e->title, strlen(e->title)) != 0)
        abort();
    const char *at = e->body;
    for (size_t i = 0; i < e->n_body_spans; i++) {
        kh_span sp = e->body_spans[i];
        if (sp.end <= sp.start || sp.end > len)
            abort();
        const char *hit = memmem(at, strlen(at), text + sp.start, sp.end - sp.start);
        if (!hit)
            abort();
        at = hit + (sp.end - sp.start);
    }
    for (size_t i = 0; i < e->n_dropped; i++)
        if (!e->dropped[i].reason || e->dropped[i].span.end > len ||
            e->dropped[i].span.end <= e->dropped[i].span.start)
            abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    if (kh_utf8_invalid_offset(text, size) != size)
        return 0;
    kh_extracted e;
    if (kh_dump_extract(text, size, &e) == 0)
        check(text, size, &e);
    kh_extracted_free(&e);

    kh_dump_template *t;
    kh_dump_cues *cues;
    if (kh_dump_cues_new(&cues) != 0)
        return 0;
    if (kh_dump_template_new(&t, 1, 0.5) == 0 && kh_dump_template_add(t, text, size) == 0) {
        kh_dump_opts o = {.tpl = t, .cues = cues};
        if (kh_dump_extract_ex(text, size, &o, &e) == 0)
            check(text, size, &e);
        kh_extracted_free(&e);
    }
    kh_dump_template_free(t);
    kh_dump_cues_free(cues);
    return 0;
}
