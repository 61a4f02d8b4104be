/*
 * cluster.h: online single-pass clustering of articles into stories, and
 * of stories into events.
 *
 * The clusterer keeps, in memory, every open story: its centroid (the sum
 * of its articles' vectors, truncated to its heaviest terms), its days and
 * languages, its event; and an inverted index from term to the stories
 * whose centroid holds it. An article is compared only with the stories
 * that share one of its heaviest terms, never with all stories.
 *
 * Time: an article joins a story only if its day is within join_days of
 * the story's days; stories whose last day is more than open_days before
 * the newest day seen are closed (dropped from memory; they stay in the
 * store), so memory is bounded by the time window, not the stream.
 *
 * Languages: the threshold to join slides with the shares of the story's
 * articles: join_same for those in the article's language, join_cross for
 * those in its kin (Persian and Arabic, written in one script, share
 * names, numbers and skeleton keys, not most words, so an Arabic article
 * scores lower against a Persian story), join_far for the rest (other
 * languages share only names and numbers, the stuff of topics, not of
 * stories).
 */
#ifndef KH_STORY_CLUSTER_H
#define KH_STORY_CLUSTER_H

#include <stdint.h>

#include "story/features.h"

#define KH_CENTROID_MAX 192
#define KH_NO_DAY INT32_MIN

typedef struct kh_cluster kh_cluster;

typedef struct kh_cluster_params {
    double join_same;  /* cosine to join a story that has the article's language */
    double join_cross; /* cosine to join a story in kin languages only (fa, ar) */
    double join_far;   /* cosine to join a story in unrelated languages only */
    double merge;      /* centroid cosine at which two stories merge */
    double event;      /* cosine at which a new story joins an open story's event */
    int join_days;     /* max days between an article and a story it joins */
    int max_span_days; /* a story spans at most this many days: later
                          reports of the same happening start a new story
                          of the same event */
    int event_days;    /* max days between stories of one event */
    int open_days;     /* stories idle longer than this are closed */
} kh_cluster_params;

/* The defaults, tuned on the seeds, the cluster gold and SemEval. */
extern const kh_cluster_params kh_cluster_defaults;

/* What the clusterer knows of an article besides its vector. */
typedef struct kh_article_meta {
    int32_t day;    /* days since 1970-01-01, or KH_NO_DAY */
    uint32_t lang;  /* kh_lang_bit() of its language, 0 if unknown */
} kh_article_meta;

typedef struct kh_match {
    int64_t story_id; /* 0: none */
    double score;
} kh_match;

uint32_t kh_lang_bit(const char *code);

int kh_cluster_new(kh_cluster **out, const kh_cluster_params *params);
void kh_cluster_free(kh_cluster *c);

/* Registers a story (new, or loaded from the store with its state). */
int kh_cluster_add_story(kh_cluster *c, int64_t story_id, int64_t event_id,
                         const kh_feature *centroid, uint32_t n, uint32_t size, int32_t first_day,
                         int32_t last_day, uint32_t langs);

/*
 * Scores an article against the open stories. *join is the best story it
 * may join (thresholds, days and languages applied), or story_id 0;
 * *runner_up the second such story (a merge candidate: the article binds
 * the two); *event the best story within the event window scoring at
 * least params.event, whose event a new story would share.
 */
int kh_cluster_best(kh_cluster *c, const kh_fvec *article, const kh_article_meta *meta,
                    kh_match *join, kh_match *runner_up, kh_match *event);

/* Adds an article to a story: centroid, days and languages. A duplicate
 * (as_evidence 0) only extends days and languages. */
int kh_cluster_join(kh_cluster *c, int64_t story_id, const kh_fvec *article,
                    const kh_article_meta *meta, int as_evidence);

/* The open story whose centroid is most similar to story_id's, among the
 * candidates of its heaviest terms; story_id 0 if none. */
int kh_cluster_merge_candidate(kh_cluster *c, int64_t story_id, kh_match *other);

/* The open story of another event most similar to story_id (centroid
 * cosine at least params.event, days within event_days); 0 if none. */
int kh_cluster_event_candidate(kh_cluster *c, int64_t story_id, kh_match *other);

/* Moves every open story of event gone to event keep. */
void kh_cluster_merge_events(kh_cluster *c, int64_t keep, int64_t gone);

/* Whether two open stories should merge: their centroids' cosine reaches
 * params.merge and their days are within join_days. *cos gets the cosine. */
int kh_cluster_should_merge(const kh_cluster *c, int64_t a, int64_t b, double *cos);

/* Merges story gone into story keep (centroids, days, languages). */
int kh_cluster_merge(kh_cluster *c, int64_t keep, int64_t gone);

/* Closes the stories idle for more than open_days before day; returns how
 * many were closed. */
size_t kh_cluster_close_before(kh_cluster *c, int32_t day);

#define KH_STORY_LANGS 4

/* Articles per language in a story (the KH_STORY_LANGS most common). */
typedef struct kh_lang_count {
    uint32_t bit, count;
} kh_lang_count;

typedef struct kh_story_state {
    int64_t event_id;
    const kh_feature *centroid;
    uint32_t n, size;
    int32_t first_day, last_day;
    uint32_t langs;
    const kh_lang_count *lang_counts; /* KH_STORY_LANGS entries, count 0 = unused */
    const float *embed; /* sum of member embeddings, or NULL */
    uint32_t dim;
} kh_story_state;

/* Whether an article of this day may still join the story (its span
 * stays within max_span_days; always when either day is unknown). */
int kh_cluster_span_allows(const kh_cluster *c, const kh_story_state *story, int32_t day);

/* Restores a loaded story's language counts (KH_STORY_LANGS entries). */
void kh_cluster_set_story_langs(kh_cluster *c, int64_t story_id, const kh_lang_count *counts);

/* Restores a loaded story's embedding sum. */
int kh_cluster_set_story_embedding(kh_cluster *c, int64_t story_id, const float *sum,
                                   uint32_t dim);

/* The state of an open story, for the store; 0 when it is not open. */
int kh_cluster_story(const kh_cluster *c, int64_t story_id, kh_story_state *out);

/* Number of open stories. */
size_t kh_cluster_story_count(const kh_cluster *c);

#endif
