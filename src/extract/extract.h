/*
 * extract.h: from a raw article (reader.h) to a clean one (extracted.h).
 *
 * Dispatches on the raw format: text dumps and HTML pages each have their
 * extractor; fields a JSONL line gave explicitly win over extracted ones
 * (the caller decides that, see ingest.c).
 */
#ifndef KH_EXTRACT_EXTRACT_H
#define KH_EXTRACT_EXTRACT_H

#include "extract/extracted.h"
#include "io/reader.h"

/* Fills *out (zeroed first). On failure the error is set and *out empty. */
int kh_extract_raw(const kh_raw_doc *raw, kh_extracted *out);

#endif
