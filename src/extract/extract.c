/*
 * extract.c: choose the extractor for a raw article (see extract.h).
 *
 * Text dumps: dump.c classifies lines (title, metadata, body, boilerplate)
 * with cue lexicons loaded once per extractor. HTML pages: html.c finds
 * the main content and the page's metadata. Both record what they dropped.
 * The "text" of a JSONL line is already an article's body (its title and
 * date come in their own fields): it is taken as it is.
 */
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "extract/dump.h"
#include "extract/extract.h"
#include "extract/html.h"

struct kh_extractor {
    kh_dump_cues *cues;
};

int kh_extractor_new(kh_extractor **out)
{
    kh_extractor *x = calloc(1, sizeof *x);
    if (!x)
        return kh_set_error(KH_ENOMEM, "out of memory");
    int rc = kh_dump_cues_new(&x->cues);
    if (rc != KH_OK) {
        free(x);
        return rc;
    }
    *out = x;
    return KH_OK;
}

void kh_extractor_free(kh_extractor *x)
{
    if (!x)
        return;
    kh_dump_cues_free(x->cues);
    free(x);
}

/* A body given as it is: one span, the whole text. */
static int pre_extracted(const char *text, size_t len, kh_extracted *out)
{
    out->body = malloc(len + 1);
    out->body_spans = malloc(sizeof *out->body_spans);
    if (!out->body || !out->body_spans)
        return kh_set_error(KH_ENOMEM, "out of memory");
    memcpy(out->body, text, len);
    out->body[len] = '\0';
    out->body_spans[0] = (kh_span){0, (uint32_t)len};
    out->n_body_spans = 1;
    return KH_OK;
}

int kh_extract_raw(kh_extractor *x, const kh_raw_doc *raw, kh_extracted *out)
{
    memset(out, 0, sizeof *out);
    int rc;
    if (raw->format == KH_RAW_HTML) {
        rc = kh_html_extract(raw->bytes, raw->len, out);
    } else if (strcmp(raw->container, "jsonl") == 0) {
        rc = pre_extracted(raw->bytes, raw->len, out);
    } else {
        kh_dump_opts opts = {.tpl = NULL, .cues = x->cues};
        rc = kh_dump_extract_ex(raw->bytes, raw->len, &opts, out);
    }
    if (rc != KH_OK)
        kh_extracted_free(out);
    return rc;
}
