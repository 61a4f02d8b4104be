/*
 * report.h: a story (or an event) as a reader wants it.
 *
 * The report is built once as a JSON model (report.c), which is the stable
 * output of `khabar report --json` (docs/json.md); the text and HTML forms
 * are rendered from that model (report_render.c), so the three never
 * disagree. Building it reads the story's articles from the store and runs
 * the facts layer on each; two parts have their own files:
 *
 *   report_figures.c  figures of all sources grouped by what they count
 *                     and the happening they belong to, each group
 *                     classified: agreement, compatible estimates,
 *                     evolution over time, conflict, single source;
 *   report_summary.c  the extractive summary: central, novel sentences in
 *                     the asked language, each linked to its article.
 */
#ifndef KH_REPORT_REPORT_H
#define KH_REPORT_REPORT_H

#include <jansson.h>

#include "khabar.h"

/* One article of the report, with its facts (the JSON of
 * kh_facts_extract_json) and, for figures, its resolved happening dates. */
typedef struct kh_report_article {
    int64_t id, story_id, duplicate_of;
    const char *outlet; /* source, or the file name when none */
    const char *lang;
    const char *published_at; /* or NULL */
    int32_t day;              /* INT32_MIN when unknown */
    const char *title;
    const char *text;
    json_t *facts; /* owned; NULL for near-duplicates */
} kh_report_article;

/* A JSON string, or null for NULL. */
static inline json_t *kh_json_str_or_null(const char *s) { return s ? json_string(s) : json_null(); }

/* Groups and classifies the figures of the articles (report_figures.c). */
json_t *kh_report_figures(kh_dates *dates, const kh_report_article *a, size_t n);

/* The summary (report_summary.c): {"lang": L, "sentences": [...]}. */
json_t *kh_report_summary(kh_text *t, const kh_report_article *a, size_t n, const char *lang,
                          size_t max_sentences);

/* Renders a report model as text or HTML (report_render.c). */
int kh_report_render_text(const json_t *report, FILE *out);
int kh_report_render_html(const json_t *report, FILE *out);

#endif
