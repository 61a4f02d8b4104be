/*
 * engine.c: the placement policy (see engine.h).
 *
 * Merges keep the larger story (on a tie, the older) and the older event,
 * so a story's id and its event's id only ever move towards older ones.
 * Story ids are handed out in order, so "older" is "smaller".
 */
#include <stdio.h>
#include <stdlib.h>

#include "core/error.h"
#include "story/engine.h"

struct kh_engine {
    kh_cluster *cluster;
    kh_dedup *dedup;
    int64_t next_story_id;
    int trace;
    kh_engine_stats stats;
};

int kh_engine_new(kh_engine **out, const kh_cluster_params *params, int64_t next_story_id)
{
    kh_engine *e = calloc(1, sizeof *e);
    if (!e)
        return kh_set_error(KH_ENOMEM, "out of memory");
    int rc;
    if ((rc = kh_cluster_new(&e->cluster, params)) != KH_OK ||
        (rc = kh_dedup_new(&e->dedup)) != KH_OK) {
        kh_engine_free(e);
        return rc;
    }
    e->next_story_id = next_story_id > 0 ? next_story_id : 1;
    *out = e;
    return KH_OK;
}

void kh_engine_free(kh_engine *e)
{
    if (!e)
        return;
    kh_cluster_free(e->cluster);
    kh_dedup_free(e->dedup);
    free(e);
}

void kh_engine_trace(kh_engine *e, int on) { e->trace = on; }
kh_cluster *kh_engine_cluster(kh_engine *e) { return e->cluster; }
kh_dedup *kh_engine_dedup(kh_engine *e) { return e->dedup; }
const kh_engine_stats *kh_engine_stats_get(const kh_engine *e) { return &e->stats; }

static void act(kh_placement *p, kh_action_kind kind, int64_t keep, int64_t gone, int64_t event)
{
    if (p->nactions < KH_MAX_ACTIONS)
        p->actions[p->nactions++] = (kh_action){kind, keep, gone, event};
}

/* An article that fits two stories binds them: merge them if their
 * centroids agree. p->story_id becomes the story kept. */
static int merge_if_needed(kh_engine *e, kh_placement *p, int64_t other)
{
    double cos = 0;
    int merge = other && kh_cluster_should_merge(e->cluster, p->story_id, other, &cos);
    if (e->trace && other)
        fprintf(stderr, "trace: stories %lld and %lld: centroid cosine %.3f%s\n",
                (long long)p->story_id, (long long)other, cos, merge ? ", merged" : "");
    if (!merge)
        return KH_OK;
    kh_story_state a, b;
    kh_cluster_story(e->cluster, p->story_id, &a);
    kh_cluster_story(e->cluster, other, &b);
    int64_t keep = p->story_id, gone = other;
    kh_story_state kept = a;
    if (b.size > a.size || (b.size == a.size && other < p->story_id)) {
        keep = other;
        gone = p->story_id;
        kept = b;
    }
    int rc = kh_cluster_merge(e->cluster, keep, gone);
    if (rc != KH_OK)
        return rc;
    if ((rc = kh_dedup_restory(e->dedup, gone, keep)) != KH_OK)
        return rc;
    e->stats.stories_merged++;
    act(p, KH_ACT_MERGE_STORIES, keep, gone, kept.event_id);
    p->story_id = keep;
    return KH_OK;
}

/* Joins the events of the article's story and of its best event match. */
static int link_events(kh_engine *e, kh_placement *p)
{
    kh_match other;
    kh_story_state a, b;
    int rc = kh_cluster_event_candidate(e->cluster, p->story_id, &other);
    if (rc != KH_OK || !other.story_id || !kh_cluster_story(e->cluster, p->story_id, &a) ||
        !kh_cluster_story(e->cluster, other.story_id, &b))
        return rc;
    int64_t keep = a.event_id < b.event_id ? a.event_id : b.event_id;
    int64_t gone = a.event_id < b.event_id ? b.event_id : a.event_id;
    if (e->trace)
        fprintf(stderr, "trace: events %lld and %lld joined (stories %lld, %lld: %.3f)\n",
                (long long)keep, (long long)gone, (long long)p->story_id,
                (long long)other.story_id, other.score);
    kh_cluster_merge_events(e->cluster, keep, gone);
    e->stats.events_merged++;
    act(p, KH_ACT_MERGE_EVENTS, keep, gone, keep);
    return KH_OK;
}

/* When a story doubles in size (2, 4, 8, ... articles) its centroid has
 * moved: compare it once with its nearest open story and event. Amortized,
 * O(log n) checks per story. */
static int recheck_grown_story(kh_engine *e, kh_placement *p)
{
    kh_story_state st;
    if (!kh_cluster_story(e->cluster, p->story_id, &st) || (st.size & (st.size - 1)) != 0)
        return KH_OK;
    kh_match other;
    int rc = kh_cluster_merge_candidate(e->cluster, p->story_id, &other);
    if (rc == KH_OK && other.story_id)
        rc = merge_if_needed(e, p, other.story_id);
    return rc == KH_OK ? link_events(e, p) : rc;
}

static int place_duplicate(kh_engine *e, const kh_fvec *vec, const kh_minhash *sig,
                           const kh_article_meta *meta, kh_placement *p)
{
    int64_t original = 0, story = 0;
    kh_story_state st;
    if (!sig)
        return 0;
    kh_dedup_find(e->dedup, sig, &original, &story);
    if (!original || !kh_cluster_story(e->cluster, story, &st) ||
        !kh_cluster_span_allows(e->cluster, &st, meta->day))
        return 0; /* a copy beyond the story's span is placed as a fresh article */
    p->story_id = story;
    p->duplicate_of = original;
    p->score = 1.0;
    e->stats.duplicates++;
    return kh_cluster_join(e->cluster, story, vec, meta, 0) == KH_OK ? 1 : -1;
}

int kh_engine_place(kh_engine *e, const kh_fvec *vec, const kh_minhash *sig,
                    const kh_article_meta *meta, const char *label, kh_placement *p)
{
    *p = (kh_placement){0};
    int dup = place_duplicate(e, vec, sig, meta, p);
    if (dup != 0)
        return dup > 0 ? KH_OK : kh_last_error_code();
    kh_match join, runner_up, event;
    int rc = kh_cluster_best(e->cluster, vec, meta, &join, &runner_up, &event);
    if (rc != KH_OK)
        return rc;
    if (e->trace)
        fprintf(stderr, "trace: %s: join %lld (%.3f), runner-up %lld (%.3f), event %lld (%.3f)\n",
                label ? label : "-", (long long)join.story_id, join.score,
                (long long)runner_up.story_id, runner_up.score, (long long)event.story_id,
                event.score);
    if (join.story_id) {
        p->story_id = join.story_id;
        p->score = join.score;
    } else {
        kh_story_state st;
        p->story_id = e->next_story_id++;
        p->score = 1.0;
        int64_t event_id = p->story_id;
        if (event.story_id && kh_cluster_story(e->cluster, event.story_id, &st))
            event_id = st.event_id;
        rc = kh_cluster_add_story(e->cluster, p->story_id, event_id, NULL, 0, 0, KH_NO_DAY,
                                  KH_NO_DAY, 0);
        e->stats.stories_new++;
        act(p, KH_ACT_NEW_STORY, p->story_id, 0, event_id);
    }
    if (rc == KH_OK)
        rc = kh_cluster_join(e->cluster, p->story_id, vec, meta, 1);
    if (rc == KH_OK && join.story_id)
        rc = merge_if_needed(e, p, runner_up.story_id);
    if (rc == KH_OK && join.story_id)
        rc = recheck_grown_story(e, p);
    return rc;
}

int kh_engine_remember(kh_engine *e, int64_t article_id, const kh_minhash *sig,
                       const kh_placement *p, int32_t day)
{
    return sig ? kh_dedup_add(e->dedup, sig, p->duplicate_of ? p->duplicate_of : article_id,
                              p->story_id, day)
               : KH_OK;
}

void kh_engine_advance(kh_engine *e, int32_t newest_day)
{
    if (newest_day == KH_NO_DAY)
        return;
    kh_cluster_close_before(e->cluster, newest_day);
    kh_dedup_forget_before(e->dedup, newest_day - kh_cluster_defaults.join_days);
}
