/*
 * pubdate.h: when was an article published? (see pubdate.c)
 */
#ifndef KH_TIME_PUBDATE_H
#define KH_TIME_PUBDATE_H

#include "time/datexpr.h"

#define KH_PUBDATE_MAXEV 6

typedef struct kh_evidence {
    size_t start, end;  /* byte span in the text (or in meta for "metadata") */
    const char *role;   /* "published", "metadata", "relative", "reference", "context" */
} kh_evidence;

typedef struct kh_pubdate {
    int found;
    kh_datexpr value;   /* resolved: g, gran, time and offset; format with kh_datexpr_value */
    double confidence;
    const char *method; /* "metadata", "dateline", "lead-date", "lead-relative",
                           "relative", "ingest-time", "latest-date" */
    int weekday_conflict;
    kh_evidence ev[KH_PUBDATE_MAXEV];
    size_t nev;
} kh_pubdate;

/*
 * Infers the publication date of valid UTF-8 text. meta (may be NULL) is a
 * metadata date string; anchor (may be NULL) the ingest day. out->found is
 * 0 when nothing dates the article. Returns KH_OK or a negative kh_status.
 */
int kh_pubdate_infer(kh_dates *d, const char *text, size_t len, const char *meta,
                     size_t meta_len, const kh_ymd *anchor, kh_pubdate *out);

/*
 * Event dates: every expression of the text, resolved against the
 * publication date (inferred first, into *pub) rather than the ingest time,
 * so that "يوم الجمعة" in an article of Saturday 23 March is 22 March.
 * Falls back to the anchor when the publication date is unknown.
 */
int kh_event_dates(kh_dates *d, const char *text, size_t len, const char *meta,
                   size_t meta_len, const kh_ymd *anchor, kh_pubdate *pub, kh_datexprs *out);

#endif
