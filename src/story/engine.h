/*
 * engine.h: where an article goes: the story engine's placement policy,
 * in memory, over the clusterer (cluster.h) and the near-duplicate index
 * (dedup.h).
 *
 * kh_engine_place() takes an article's vector, its MinHash signature and
 * its day and language, and decides:
 *
 *   1. a near-duplicate of a recent article joins that article's story,
 *      marked, without changing the story's centroid;
 *   2. else it joins the best open story (thresholds by language share,
 *      within the time window), or founds a new story, in the event of its
 *      best event match or a new event;
 *   3. a second story it also fits is merged into the first if their
 *      centroids agree; a story that doubles in size is compared once more
 *      with its nearest story (merge) and nearest event (event link).
 *
 * The engine knows nothing of storage: it assigns story ids itself (from
 * next_story_id on) and reports what changed as a list of actions, which
 * ingestion applies to the store. So it can be benchmarked and tested
 * alone, and the store stays the one place that writes.
 */
#ifndef KH_STORY_ENGINE_H
#define KH_STORY_ENGINE_H

#include <stdint.h>

#include "story/cluster.h"
#include "story/dedup.h"
#include "story/features.h"

typedef struct kh_engine kh_engine;

typedef enum kh_action_kind {
    KH_ACT_NEW_STORY,     /* story keep founded, in event `event` */
    KH_ACT_MERGE_STORIES, /* story gone merged into keep (whose event is `event`) */
    KH_ACT_MERGE_EVENTS   /* event gone joined event keep */
} kh_action_kind;

typedef struct kh_action {
    kh_action_kind kind;
    int64_t keep, gone, event;
} kh_action;

#define KH_MAX_ACTIONS 6

typedef struct kh_placement {
    int64_t story_id;     /* the article's story, after any merge */
    int64_t duplicate_of; /* the article it is a near-duplicate of, or 0 */
    double score;         /* its similarity with the story (1 for a new one) */
    kh_action actions[KH_MAX_ACTIONS];
    size_t nactions;
} kh_placement;

typedef struct kh_engine_stats {
    uint64_t stories_new, stories_merged, events_merged, duplicates;
} kh_engine_stats;

int kh_engine_new(kh_engine **out, const kh_cluster_params *params, int64_t next_story_id);
void kh_engine_free(kh_engine *e);

/* Prints each decision on stderr (KHABAR_TRACE). */
void kh_engine_trace(kh_engine *e, int on);

/* The clusterer and the near-duplicate index, to load saved state into. */
kh_cluster *kh_engine_cluster(kh_engine *e);
kh_dedup *kh_engine_dedup(kh_engine *e);
const kh_engine_stats *kh_engine_stats_get(const kh_engine *e);

/* Places an article (sig NULL when it has no signature); label names it
 * in traces. */
int kh_engine_place(kh_engine *e, const kh_fvec *vec, const kh_minhash *sig,
                    const kh_article_meta *meta, const char *label, kh_placement *out);

/* Indexes the article's signature once its id is known. */
int kh_engine_remember(kh_engine *e, int64_t article_id, const kh_minhash *sig,
                       const kh_placement *p, int32_t day);

/* Closes stories and forgets signatures that fell out of the time window
 * before newest_day. */
void kh_engine_advance(kh_engine *e, int32_t newest_day);

#endif
