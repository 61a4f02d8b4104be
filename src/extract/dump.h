/*
 * dump.h: the text-dump extractor: a scraped page saved as plain text in,
 * a clean article (extracted.h) out.
 *
 * A dump is whatever the page held, one block per line: item-id and date
 * lines, the title (often twice), a lead, the body, then tag lists, "read
 * also" boxes with an unrelated article, sidebars of other headlines and
 * ad markers. kh_dump_extract() classifies every line as title, metadata,
 * body or boilerplate and fills a kh_extracted:
 *
 *   title, outlet, author, published_raw, modified_raw, item_id, each with
 *     the input span it came from (item_id is given with ASCII digits; its
 *     span points at the digits as written);
 *   title_derived = 1 when the dump had no title line and the title was
 *     cut from the lead (its span then lies inside the first paragraph);
 *   body: the kept paragraphs joined with "\n", and body_spans, the input
 *     spans they were copied from, in order (a paragraph broken by an
 *     inline ad marker has two spans, joined with one space);
 *   dropped: every non-blank input span that is not body, with a reason:
 *     metadata ("title", "date line", "item id line", "source line",
 *     "dateline", "desk label", "byline", "modified line", "header") as
 *     well as boilerplate ("repeated title", "tag list", "read also",
 *     "unrelated article", "latest news", "most viewed", "related",
 *     "comments", "copyright", "sidebar", "navigation", "ad marker",
 *     "markup marker", "trailer", "template", "repeated line"), sorted by
 *     position.
 *     So the input is fully accounted for: body spans plus dropped spans.
 *
 * The rules, the cue lexicons (data/extract/dump_cues_*.txt) and worked
 * examples are in docs/extract-dumps.md.
 */
#ifndef KH_EXTRACT_DUMP_H
#define KH_EXTRACT_DUMP_H

#include <stddef.h>

#include "extract/extracted.h"
#include "extract/template.h"

/*
 * The cue lexicons (data/extract/dump_cues_*.txt), folded and indexed.
 * Loading them takes about 0.1 ms, which is most of the cost of a small
 * dump: a caller extracting many dumps loads them once and passes them in
 * kh_dump_opts. Read-only after creation, so one may be shared by threads.
 */
typedef struct kh_dump_lexicon kh_dump_cues;

int kh_dump_cues_new(kh_dump_cues **out);
void kh_dump_cues_free(kh_dump_cues *cues);

typedef struct kh_dump_opts {
    /* Lines this counter calls template are dropped as "template"; NULL
     * for none. */
    const kh_dump_template *tpl;
    /* Preloaded cues; NULL to load them for this call. */
    const kh_dump_cues *cues;
} kh_dump_opts;

/*
 * Extracts the article from a text dump. text must be valid UTF-8 without
 * NUL bytes (KH_EENCODING otherwise) and shorter than 2 GiB (KH_EINVAL). *out is
 * overwritten (not freed first) and must be released with
 * kh_extracted_free(), also after a failure (it is then zeroed). A dump
 * with no body text still succeeds, with body "" and n_body_spans 0.
 */
int kh_dump_extract(const char *text, size_t len, kh_extracted *out);

/* The same with options (opts may be NULL). */
int kh_dump_extract_ex(const char *text, size_t len, const kh_dump_opts *opts,
                       kh_extracted *out);

#endif
