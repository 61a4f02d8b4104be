/*
 * extract.h: from a raw article (reader.h) to a clean one (extracted.h).
 *
 * Dispatches on the raw format: text dumps go to the dump extractor
 * (dump.h), HTML pages to the HTML extractor (html.h). A kh_extractor
 * holds what is costly to load once (the dump cue lexicons). Fields a JSONL
 * line gave explicitly win over extracted ones; the caller decides that
 * (see ingest.c).
 */
#ifndef KH_EXTRACT_EXTRACT_H
#define KH_EXTRACT_EXTRACT_H

#include "extract/extracted.h"
#include "io/reader.h"

typedef struct kh_extractor kh_extractor;

int kh_extractor_new(kh_extractor **out);
void kh_extractor_free(kh_extractor *x);

/* Fills *out (zeroed first). On failure the error is set and *out empty. */
int kh_extract_raw(kh_extractor *x, const kh_raw_doc *raw, kh_extracted *out);

#endif
