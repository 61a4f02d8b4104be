/*
 * cluster.h: online single-pass clustering of articles into stories.
 *
 * The clusterer keeps, in memory, every open story's centroid (the sum of
 * its articles' vectors, truncated to its heaviest terms) and an inverted
 * index from term to the stories whose centroid holds it. An article is
 * compared only with the stories that share one of its heaviest terms,
 * never with all stories.
 */
#ifndef KH_STORY_CLUSTER_H
#define KH_STORY_CLUSTER_H

#include <stdint.h>

#include "story/features.h"

#define KH_CENTROID_MAX 192

typedef struct kh_cluster kh_cluster;

int kh_cluster_new(kh_cluster **out);
void kh_cluster_free(kh_cluster *c);

/* Registers a story (when it is created, or loaded from the store). */
int kh_cluster_add_story(kh_cluster *c, int64_t story_id, const kh_feature *centroid,
                         uint32_t n, uint32_t size);

/* The best story for an article: *story_id 0 when none scores at least
 * threshold. *score is the cosine with that story's centroid. */
int kh_cluster_best(kh_cluster *c, const kh_fvec *article, double threshold, int64_t *story_id,
                    double *score);

/* Adds an article to a story: updates its centroid and the index. */
int kh_cluster_join(kh_cluster *c, int64_t story_id, const kh_fvec *article);

/* The current centroid of a story (term-sorted), for the store. */
const kh_feature *kh_cluster_centroid(const kh_cluster *c, int64_t story_id, uint32_t *n,
                                      uint32_t *size);

size_t kh_cluster_story_count(const kh_cluster *c);

#endif
