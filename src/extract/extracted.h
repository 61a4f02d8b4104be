/*
 * extracted.h: a clean article as the extractors produce it.
 *
 * Every extractor (text dumps, HTML pages, WARC records) turns raw bytes
 * into a kh_extracted: the fields a reader of the page sees (title, outlet,
 * dates, body), each with the byte span of the input it came from, and the
 * parts it dropped as boilerplate, each with its span and a reason, so that
 * a user can see what was removed and why.
 *
 * Spans are byte offsets into the UTF-8 input the extractor was given
 * (after charset conversion). A span of {0, 0} means "not known" (HTML
 * extraction gives best-effort spans).
 */
#ifndef KH_EXTRACT_EXTRACTED_H
#define KH_EXTRACT_EXTRACTED_H

#include <stddef.h>
#include <stdint.h>

typedef struct kh_span {
    uint32_t start, end;
} kh_span;

typedef struct kh_dropped {
    kh_span span;
    const char *reason; /* static string: "tag list", "read also", "sidebar",
                           "ad marker", "repeated title", "navigation", ... */
} kh_dropped;

typedef struct kh_extracted {
    char *title;          kh_span title_span;
    char *outlet;         kh_span outlet_span;
    char *author;         kh_span author_span;
    char *published_raw;  kh_span published_span; /* the date as written */
    char *modified_raw;   kh_span modified_span;
    char *item_id;        kh_span item_id_span;   /* "کد خبر: 38143" -> "38143" */
    char *canonical_url;
    char *lang;           /* declared language (html lang, og:locale), or NULL */
    char *body;           /* UTF-8, paragraphs separated by "\n" */
    kh_span *body_spans;  /* input spans that make up the body, in order */
    size_t n_body_spans;
    kh_dropped *dropped;
    size_t n_dropped;
    int title_derived;    /* 1 when title was not in the input as a title but
                             derived from the lead (dump extractor) */
} kh_extracted;

/* Frees every field and zeroes the struct (safe on a zeroed struct). */
void kh_extracted_free(kh_extracted *e);

#endif
