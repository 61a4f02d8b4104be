/*
 * template.h: lines that recur across many dumps of one outlet.
 *
 * A scraped page carries its site's template around the article: menu
 * items, "latest news" headers, footers, the same sidebar headlines on
 * every page of the day. One page alone cannot tell a footer from a short
 * paragraph, but a corpus can: a line that appears in a large share of an
 * outlet's articles is template, not text.
 *
 * kh_dump_template counts, for every distinct line (folded as in
 * dump_lex.h, white space collapsed, a run of digits counted as one '0'),
 * in how many dumps it occurs (once per dump, however often it repeats
 * inside one).
 * After the dumps of an outlet are added, a line is template when it
 * occurred in at least min_docs dumps and in at least min_share of them:
 *
 *     kh_dump_template *t;
 *     kh_dump_template_new(&t, 3, 0.25);
 *     for each dump of the outlet: kh_dump_template_add(t, text, len);
 *     kh_dump_opts o = { .tpl = t };
 *     kh_dump_extract_ex(text, len, &o, &out);   // drops them as "template"
 *     kh_dump_template_free(t);
 *
 * Memory is one 12-byte slot per distinct line (a 64-bit hash and a
 * count); the text itself is not kept. Collisions of 64-bit FNV-1a hashes
 * are ignored.
 */
#ifndef KH_EXTRACT_TEMPLATE_H
#define KH_EXTRACT_TEMPLATE_H

#include <stddef.h>
#include <stdint.h>

typedef struct kh_dump_template kh_dump_template;

/* New empty counter. min_docs 0 means 3; min_share 0 means 0.25 (it must
 * lie in [0, 1]). KH_EINVAL or KH_ENOMEM on failure. */
int kh_dump_template_new(kh_dump_template **out, unsigned min_docs, double min_share);

/* Counts the lines of one dump (valid UTF-8; KH_EENCODING otherwise). */
int kh_dump_template_add(kh_dump_template *t, const char *text, size_t len);

/* Dumps added so far. */
size_t kh_dump_template_docs(const kh_dump_template *t);

/* In how many dumps the line occurred (line without its newline). */
unsigned kh_dump_template_count(const kh_dump_template *t, const char *line, size_t len);

/* 1 if the line is template by the thresholds, 0 if not (or invalid). */
int kh_dump_template_is_template(const kh_dump_template *t, const char *line, size_t len);

/* The same test on a key from kh_dump_line_key() of a folded line. */
int kh_dump_template_has_key(const kh_dump_template *t, uint64_t key);

void kh_dump_template_free(kh_dump_template *t);

#endif
