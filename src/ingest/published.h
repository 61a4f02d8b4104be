/*
 * published.h: an article's publication date, as ingestion needs it.
 *
 * The date comes from the input's metadata (a JSONL "published" field, a
 * page's date line) when there is one, else it is inferred from the text.
 * Ingestion keeps the normalized ISO 8601 value, the day number the
 * clusterer compares, how sure it is and how it was found.
 */
#ifndef KH_INGEST_PUBLISHED_H
#define KH_INGEST_PUBLISHED_H

#include <stdint.h>

typedef struct kh_published kh_published;

typedef struct kh_published_date {
    int found;
    char iso[48];       /* e.g. "2024-04-01" or "2024-04-01T13:23Z" */
    int32_t day;        /* days since 1970-01-01, or INT32_MIN */
    double confidence;  /* 0..1 */
    const char *method; /* static: "metadata", ... */
} kh_published_date;

int kh_published_new(kh_published **out);
void kh_published_free(kh_published *p);

/* Fills *out; out->found 0 when nothing dates the article (not an error). */
int kh_published_infer(kh_published *p, const char *body, const char *meta_date,
                       kh_published_date *out);

#endif
