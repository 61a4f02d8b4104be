/*
 * html.h: the article inside a scraped HTML page.
 *
 * kh_html_extract() parses UTF-8 HTML with libxml2's forgiving HTML parser
 * and keeps what a reader of the page came for:
 *
 *   metadata   title, outlet, author, published and modified time, canonical
 *              URL, language, item id; from JSON-LD (jansson), Open Graph,
 *              <meta>, <time datetime>, <link rel=canonical>, <html lang>,
 *              in that order of trust;
 *   body       the main content, chosen by a content score in the manner of
 *              Readability: paragraphs score their ancestors by length and
 *              commas, class/id hints (data/extract/html_hints.txt) add or
 *              subtract, link density discounts; the best container and its
 *              worthy siblings are kept, then cleaned of link lists, negative
 *              blocks and boilerplate lines (data/extract/boiler_lines.txt).
 *              Paragraphs, headings and list items are lines joined by "\n";
 *   dropped    every visible block left out, with a reason ("navigation",
 *              "comments", "outside article", ...).
 *
 * Spans are best effort: a body line's span is found by searching its text
 * in the input near the line number libxml2 recorded; a dropped block spans
 * the source lines of its element.
 *
 * Limits: inputs over KH_HTML_MAX_BYTES are refused; a page nested deeper
 * than libxml2's 256 levels is refused (KH_EPARSE), since the parser drops
 * the rest of it; the tree walks are also cut at KH_HTML_MAX_DEPTH
 * (reported as dropped "too deep"); binary input (NUL bytes) and invalid
 * UTF-8 are errors.
 */
#ifndef KH_EXTRACT_HTML_H
#define KH_EXTRACT_HTML_H

#include <stddef.h>

#include "extract/extracted.h"

#define KH_HTML_MAX_BYTES ((size_t)64 << 20)
#define KH_HTML_MAX_DEPTH 256

/*
 * Extracts the article of html_utf8 (len bytes, UTF-8; convert other
 * charsets with kh_charset_to_utf8() first) into *out, which the caller
 * frees with kh_extracted_free(). Returns KH_OK; KH_EINVAL for arguments or
 * oversize input; KH_EENCODING for invalid UTF-8 or binary data; KH_EPARSE
 * when the page is empty, has no document or is nested too deep; KH_ENOMEM. On failure *out is zeroed.
 * A page whose body cannot be found is not an error: body is "".
 */
int kh_html_extract(const char *html_utf8, size_t len, kh_extracted *out);

#endif
