/*
 * ingest.c: the pipeline from paths to stored, clustered articles.
 *
 *   reader (io/) --raw article--> already stored (content hash)? skip
 *        |                          |
 *        | rejection                v new
 *        v                        prepare (prepare.c): extract, language,
 *   ingest_errors                 day, tokens, term counts, MinHash,
 *                                 facts
 *                                   |
 *                                   v
 *                                 commit (here): features weighed against
 *                                 the stream's document frequencies;
 *                                 engine (story/engine.c): near-duplicate,
 *                                 join, new story, merges, events;
 *                                 store (store/): article (with its facts
 *                                 unless a near-duplicate), membership,
 *                                 and the engine's actions
 *
 * With two threads (the default on a machine with more than one core),
 * reading and preparing run in a thread of their own, one article ahead of
 * commit, handing prepared articles over through a bounded queue
 * (core/queue.h); the calling thread commits them in input order and is the
 * only one that calls the caller's callbacks. Preparing depends on the
 * article alone (and on the stream clock, which only the preparing thread
 * moves, in input order), so one thread and two give the same store.
 *
 * Writes are batched: one transaction per opts->batch_size articles, which
 * also carries the state of the stories the batch touched and the
 * document-frequency pages it changed. A killed run loses only its open
 * batch; the next run skips every committed article by its hash, and since
 * the stories' state was committed with them, it goes on where it stopped.
 * The full-text index catches up in bulk after each batch of at least
 * KH_FTS_SYNC_MIN articles (store.h).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/error.h"
#include "core/hmap.h"
#include "core/queue.h"
#include "ingest/prepare.h"
#include "io/reader.h"
#include "store/store.h"
#include "story/cluster.h"
#include "story/dedup.h"
#include "story/engine.h"
#include "story/features.h"

#define KH_DEFAULT_BATCH 8192
/* Prepared articles in flight between the threads: half a batch. Commit
 * pauses at the end of each batch (story states, commit, full-text
 * index), for a time that grows with the batch; a queue that holds what
 * the preparing thread makes meanwhile keeps it working instead of
 * waiting (with 256, ingest took a third longer). About 11 KB each. */
#define KH_INGEST_QUEUE_MIN 256
#define KH_INGEST_QUEUE_MAX 8192

typedef struct ingest {
    kh_db *db;
    const kh_ingest_opts *opts;
    kh_ingest_stats *stats;
    kh_engine *engine;
    kh_df df;
    kh_hmap dirty_stories; /* story id -> 1, for the open batch */
    size_t in_batch, batch_size;
    uint64_t unindexed; /* articles stored since the last full-text sync */
    int in_transaction;
    int32_t newest_day;
    uint64_t bytes_total;
    /* reading and preparing (the second thread's, when there is one) */
    kh_preparer *preparer;
    kh_db *reader_db; /* a connection of its own, to skip stored articles early */
    kh_queue queue;   /* prepared articles on their way to commit */
    int threaded;
    uint64_t *files;
    int read_rc;
    char read_error[512];
} ingest;

static int load_signature(void *ctx, int64_t root, int64_t story_id, int32_t day,
                          const void *sig, size_t len)
{
    if (len != sizeof(kh_minhash))
        return KH_OK; /* another layout: that article is just not a dedup target */
    kh_minhash m;
    memcpy(&m, sig, sizeof m);
    return kh_dedup_add(ctx, &m, root, story_id, day == KH_STORE_NO_DAY ? KH_NO_DAY : day);
}

static int load_story(void *ctx, int64_t id, const kh_store_story *s)
{
    int rc = kh_cluster_add_story(ctx, id, s->event_id, s->centroid, s->n, s->size, s->first_day,
                                  s->last_day, s->langs);
    if (rc == KH_OK && s->embed && s->dim)
        rc = kh_cluster_set_story_embedding(ctx, id, s->embed, s->dim);
    if (rc == KH_OK && s->lang_counts &&
        s->lang_counts_len == KH_STORY_LANGS * sizeof(kh_lang_count))
        kh_cluster_set_story_langs(ctx, id, s->lang_counts);
    return rc;
}

static int begin_if_needed(ingest *in)
{
    if (in->in_transaction)
        return KH_OK;
    int rc = kh_store_begin(in->db);
    in->in_transaction = rc == KH_OK;
    return rc;
}

static int mark_dirty(ingest *in, int64_t story_id)
{
    if (!kh_hmap_upsert(&in->dirty_stories, (uint64_t)story_id, 1, NULL))
        return kh_set_error(KH_ENOMEM, "out of memory");
    return KH_OK;
}

static int save_dirty_stories(ingest *in)
{
    int rc = KH_OK;
    for (size_t i = 0; i < in->dirty_stories.cap && rc == KH_OK; i++) {
        if (!in->dirty_stories.keys[i])
            continue;
        int64_t id = (int64_t)in->dirty_stories.keys[i];
        kh_story_state st;
        if (!kh_cluster_story(kh_engine_cluster(in->engine), id, &st))
            continue; /* merged away or closed: its row is already final */
        kh_store_story s = {.size = st.size,
                            .centroid = st.centroid,
                            .n = st.n,
                            .event_id = st.event_id,
                            .first_day = st.first_day,
                            .last_day = st.last_day,
                            .langs = st.langs,
                            .embed = st.embed,
                            .dim = st.dim,
                            .lang_counts = st.lang_counts,
                            .lang_counts_len = KH_STORY_LANGS * sizeof(kh_lang_count)};
        rc = kh_store_story_update(in->db, id, &s);
    }
    return rc;
}

/* The full-text index catches up in bulk, between batches (store.h). */
static int fts_sync(ingest *in)
{
    in->unindexed = 0;
    return kh_store_fts_sync(in->db, NULL);
}

static int flush_batch(ingest *in)
{
    if (!in->in_transaction)
        return KH_OK;
    int rc = save_dirty_stories(in);
    if (rc == KH_OK)
        rc = kh_store_df_save(in->db, &in->df);
    if (rc == KH_OK)
        rc = kh_store_commit(in->db);
    else
        kh_store_rollback(in->db);
    in->in_transaction = 0;
    in->in_batch = 0;
    kh_hmap_clear(&in->dirty_stories);
    /* stories idle past the window leave memory (their rows are saved) */
    kh_engine_advance(in->engine, in->newest_day);
    return rc;
}

static void record_reject(ingest *in, const kh_input_error *err)
{
    in->stats->errors++;
    if (begin_if_needed(in) == KH_OK)
        kh_store_error_insert(in->db, err); /* best effort: the caller still hears of it */
    if (in->opts && in->opts->on_error)
        in->opts->on_error(err, in->opts->ctx);
}

static void report_progress(ingest *in, uint64_t bytes)
{
    in->stats->bytes = bytes;
    if (in->opts && in->opts->on_progress) {
        kh_ingest_progress p = {bytes, in->bytes_total, in->stats->articles};
        in->opts->on_progress(&p, in->opts->ctx);
    }
}

/* Writes what the engine decided: new stories, merges, joined events. */
static int apply_actions(ingest *in, const kh_placement *p, const char *title)
{
    int rc = KH_OK;
    for (size_t i = 0; i < p->nactions && rc == KH_OK; i++) {
        const kh_action *a = &p->actions[i];
        switch (a->kind) {
        case KH_ACT_NEW_STORY:
            rc = kh_store_story_insert(in->db, a->keep, title, a->event);
            break;
        case KH_ACT_MERGE_STORIES:
            rc = kh_store_story_merge(in->db, a->keep, a->gone, a->event);
            if (rc == KH_OK)
                rc = mark_dirty(in, a->keep);
            break;
        case KH_ACT_MERGE_EVENTS:
            rc = kh_store_events_merge(in->db, a->keep, a->gone);
            break;
        }
    }
    return rc == KH_OK ? mark_dirty(in, p->story_id) : rc;
}

/* The article's place among the stories: its vector weighed against the
 * stream's document frequencies, then the engine's decision. */
static int place_article(ingest *in, const kh_prepared *p, const kh_article_meta *meta,
                         kh_placement *out)
{
    kh_fvec vec = {0};
    int rc = kh_features_weigh(p->terms, p->nterms, &in->df, &vec);
    if (rc == KH_OK && p->embedding)
        rc = kh_fvec_set_embedding(&vec, p->embedding, p->embedding_dim);
    if (rc == KH_OK)
        rc = kh_engine_place(in->engine, &vec, p->has_sig ? &p->sig : NULL, meta, p->origin, out);
    if (rc == KH_OK) {
        kh_df_add(&in->df, p->terms, p->nterms);
        rc = apply_actions(in, out, p->title);
    }
    kh_fvec_free(&vec);
    return rc;
}

/* Stores a prepared article: placed, with its facts, in the open batch. */
static int commit_article(ingest *in, const kh_prepared *p)
{
    if (p->extract_error) {
        kh_input_error err = {p->origin, p->offset, p->line, p->extract_error};
        record_reject(in, &err);
        return KH_OK;
    }
    const kh_published_date *date = &p->date;
    kh_article_meta meta = {date->day == KH_STORE_NO_DAY ? KH_NO_DAY : date->day,
                            kh_lang_bit(p->guess.code)};
    if (meta.day != KH_NO_DAY && (in->newest_day == KH_NO_DAY || meta.day > in->newest_day))
        in->newest_day = meta.day;
    kh_placement where = {0};
    int rc = place_article(in, p, &meta, &where);
    kh_store_article a = {.hash = p->hash,
                          .origin = p->origin,
                          .offset = p->offset,
                          .line = p->line,
                          .format = p->container,
                          .charset = p->charset,
                          .ext_id = p->ext_id,
                          .url = p->url ? p->url : p->ex.canonical_url,
                          .source = p->source ? p->source : p->ex.outlet,
                          .lang = p->guess.code,
                          .lang_confidence = p->guess.confidence,
                          .published = p->date_raw,
                          .title = p->title,
                          .text = p->body,
                          .text_len = strlen(p->body),
                          .published_at = date->found ? date->iso : NULL,
                          .published_day = date->day,
                          .published_confidence = date->confidence,
                          .published_method = date->found ? date->method : NULL,
                          .duplicate_of = where.duplicate_of,
                          .minhash = p->has_sig ? p->sig.v : NULL,
                          .minhash_len = p->has_sig ? sizeof p->sig : 0};
    /* facts of original articles only: a near-duplicate states nothing new */
    a.facts = where.duplicate_of ? NULL : p->facts;
    int64_t article_id = 0;
    if (rc == KH_OK)
        rc = kh_store_article_insert(in->db, &a, &article_id);
    if (rc == KH_OK)
        rc = kh_store_member_insert(in->db, article_id, where.story_id, where.score,
                                    where.duplicate_of != 0);
    if (rc == KH_OK)
        rc = kh_engine_remember(in->engine, article_id, p->has_sig ? &p->sig : NULL, &where,
                                meta.day);
    if (rc == KH_OK)
        in->stats->added++;
    return rc;
}

/*
 * What travels from reading to commit, in input order: a prepared article,
 * an article already stored, a rejected input, or how far reading got.
 */
typedef enum { ITEM_ARTICLE, ITEM_STORED, ITEM_REJECT, ITEM_PROGRESS } item_kind;

typedef struct item {
    item_kind kind;
    kh_prepared article; /* ITEM_ARTICLE */
    kh_input_error err;  /* ITEM_REJECT: origin and reason owned */
    uint64_t bytes;      /* ITEM_PROGRESS */
} item;

static void item_free(item *it)
{
    if (!it)
        return;
    kh_prepared_free(&it->article);
    free((char *)it->err.origin);
    free((char *)it->err.reason);
    free(it);
}

/* Commits one item; consumes it. */
static int commit_item(ingest *in, item *it)
{
    int rc = KH_OK;
    if (it->kind == ITEM_PROGRESS) {
        report_progress(in, it->bytes);
        item_free(it);
        return KH_OK;
    }
    in->stats->articles++;
    if (it->kind == ITEM_REJECT) {
        record_reject(in, &it->err);
        item_free(it);
        return KH_OK;
    }
    /* On two threads the reader saw only committed articles: the same
     * article may have come earlier in this batch. On one, it checked. */
    int64_t existing = 0;
    if ((rc = begin_if_needed(in)) == KH_OK && in->threaded && it->kind == ITEM_ARTICLE)
        rc = kh_store_article_find(in->db, it->article.hash, &existing);
    if (rc == KH_OK && (existing || it->kind == ITEM_STORED))
        in->stats->already++;
    else if (rc == KH_OK) {
        rc = commit_article(in, &it->article);
        if (rc == KH_OK)
            in->unindexed++;
        if (rc == KH_OK && ++in->in_batch >= in->batch_size)
            rc = flush_batch(in);
        if (rc == KH_OK && in->unindexed >= KH_FTS_SYNC_MIN && !in->in_transaction)
            rc = fts_sync(in);
    }
    item_free(it);
    return rc;
}

/* Hands an item to commit: through the queue, or at once on one thread. */
static int hand_over(ingest *in, item *it)
{
    if (!in->threaded)
        return commit_item(in, it);
    if (kh_queue_push(&in->queue, it) != 0) {
        item_free(it);
        return kh_set_error(KH_ERROR, "ingest stopped");
    }
    return KH_OK;
}

static item *item_new(item_kind kind)
{
    item *it = calloc(1, sizeof *it);
    if (it)
        it->kind = kind;
    return it;
}

/* Reader callbacks (the reading thread). */
static int on_doc(void *ctx, const kh_raw_doc *raw)
{
    ingest *in = ctx;
    char hash[33];
    kh_content_hash(raw, hash);
    /* one thread: commit checks the store itself, before any work */
    int64_t existing = 0;
    kh_db *check = in->threaded ? in->reader_db : in->db;
    int rc = check ? kh_store_article_find(check, hash, &existing) : KH_OK;
    if (rc != KH_OK)
        return rc;
    item *it = item_new(existing ? ITEM_STORED : ITEM_ARTICLE);
    if (!it)
        return kh_set_error(KH_ENOMEM, "out of memory");
    if (!existing && (rc = kh_prepare(in->preparer, raw, hash, &it->article)) != KH_OK) {
        item_free(it);
        return rc;
    }
    return hand_over(in, it);
}

static void on_reject(void *ctx, const kh_input_error *err)
{
    ingest *in = ctx;
    item *it = item_new(ITEM_REJECT);
    if (it) {
        it->err = *err;
        it->err.origin = strdup(err->origin ? err->origin : "");
        it->err.reason = strdup(err->reason ? err->reason : "");
    }
    if (!it || !it->err.origin || !it->err.reason) {
        item_free(it);
        return; /* out of memory: the rejection is lost, nothing else is */
    }
    hand_over(in, it);
}

static void on_progress(void *ctx, uint64_t bytes)
{
    ingest *in = ctx;
    item *it = item_new(ITEM_PROGRESS);
    if (it) {
        it->bytes = bytes;
        hand_over(in, it);
    }
}

static int read_all(ingest *in, const char *const *paths, size_t npaths)
{
    kh_reader_sink sink = {on_doc, on_reject, on_progress, in};
    return kh_reader_run(paths, npaths, &sink, in->opts ? in->opts->charset : NULL, in->files);
}

typedef struct reading {
    ingest *in;
    const char *const *paths;
    size_t npaths;
} reading;

static void *reading_thread(void *arg)
{
    reading *r = arg;
    ingest *in = r->in;
    in->read_rc = read_all(in, r->paths, r->npaths);
    if (in->read_rc != KH_OK)
        snprintf(in->read_error, sizeof in->read_error, "%s", kh_last_error());
    kh_queue_close(&in->queue);
    return NULL;
}

/* Two threads: reading and preparing in a second one, commit here. */
static int run_threaded(ingest *in, const char *const *paths, size_t npaths)
{
    size_t cap = in->batch_size / 2;
    if (cap < KH_INGEST_QUEUE_MIN)
        cap = KH_INGEST_QUEUE_MIN;
    if (cap > KH_INGEST_QUEUE_MAX)
        cap = KH_INGEST_QUEUE_MAX;
    int rc = kh_queue_init(&in->queue, cap);
    if (rc != KH_OK)
        return rc;
    reading r = {in, paths, npaths};
    pthread_t thread;
    if (pthread_create(&thread, NULL, reading_thread, &r) != 0) {
        kh_queue_destroy(&in->queue);
        return kh_set_error(KH_ERROR, "cannot start the reading thread");
    }
    item *it;
    while (rc == KH_OK && (it = kh_queue_pop(&in->queue)) != NULL)
        rc = commit_item(in, it);
    char msg[512];
    snprintf(msg, sizeof msg, "%s", kh_last_error());
    if (rc != KH_OK)
        kh_queue_cancel(&in->queue); /* the reader stops at its next article */
    pthread_join(thread, NULL);
    while ((it = kh_queue_take_left(&in->queue)) != NULL)
        item_free(it);
    kh_queue_destroy(&in->queue);
    if (rc != KH_OK)
        return kh_set_error(rc, "%s", msg);
    if (in->read_rc != KH_OK)
        return kh_set_error(in->read_rc, "%s", in->read_error);
    return KH_OK;
}

static void ingest_free(ingest *in)
{
    kh_preparer_free(in->preparer);
    kh_db_free(in->reader_db);
    kh_engine_free(in->engine);
    kh_df_free(&in->df);
    kh_hmap_free(&in->dirty_stories);
}

static int threads_wanted(const kh_ingest_opts *opts)
{
    if (opts && opts->threads > 0)
        return opts->threads;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    return cores > 1 ? 2 : 1;
}

static int ingest_init(ingest *in, kh_db *db, const kh_ingest_opts *opts, kh_ingest_stats *stats)
{
    memset(in, 0, sizeof *in);
    in->db = db;
    in->opts = opts;
    in->stats = stats;
    in->files = &stats->files;
    in->newest_day = KH_NO_DAY;
    in->batch_size = opts && opts->batch_size ? opts->batch_size : KH_DEFAULT_BATCH;
    in->threaded = threads_wanted(opts) > 1;
    int64_t next_story = 1;
    int rc;
    if ((rc = kh_preparer_new(&in->preparer, !(opts && opts->no_facts))) != KH_OK ||
        (rc = kh_store_next_story_id(db, &next_story)) != KH_OK ||
        (rc = kh_engine_new(&in->engine, NULL, next_story)) != KH_OK ||
        (rc = kh_df_init(&in->df)) != KH_OK ||
        (rc = kh_store_df_load(db, &in->df)) != KH_OK ||
        (rc = kh_store_max_day(db, &in->newest_day)) != KH_OK)
        return rc;
    if (in->newest_day == KH_STORE_NO_DAY)
        in->newest_day = KH_NO_DAY;
    if ((rc = kh_store_fts_sync(db, NULL)) != KH_OK) /* what a killed run left unindexed */
        return rc;
    /* Without a connection of its own (an in-memory store), the reading
     * thread prepares every article and commit alone skips stored ones. */
    if (in->threaded && kh_store_is_file(db) && kh_db_open(&in->reader_db, db->path) != KH_OK)
        in->reader_db = NULL;
    int32_t since = in->newest_day == KH_NO_DAY ? INT32_MIN
                                                : in->newest_day - kh_cluster_defaults.open_days;
    kh_engine_trace(in->engine, getenv("KHABAR_TRACE") != NULL);
    if ((rc = kh_store_stories_load(db, since, load_story, kh_engine_cluster(in->engine))) != KH_OK)
        return rc;
    int32_t dedup_since = in->newest_day == KH_NO_DAY
                              ? INT32_MIN
                              : in->newest_day - kh_cluster_defaults.join_days;
    return kh_store_signatures_load(db, dedup_since, load_signature, kh_engine_dedup(in->engine));
}

int kh_ingest_paths(kh_db *db, const char *const *paths, size_t npaths,
                    const kh_ingest_opts *opts, kh_ingest_stats *stats)
{
    if (!db || (!paths && npaths))
        return kh_set_error(KH_EINVAL, "kh_ingest_paths: bad argument");
    kh_ingest_stats local;
    if (!stats)
        stats = &local;
    memset(stats, 0, sizeof *stats);
    ingest in;
    int rc = ingest_init(&in, db, opts, stats);
    if (rc == KH_OK) {
        in.bytes_total = kh_reader_total_bytes(paths, npaths);
        rc = in.threaded ? run_threaded(&in, paths, npaths) : read_all(&in, paths, npaths);
        if (rc == KH_OK)
            rc = flush_batch(&in);
        if (rc == KH_OK)
            rc = fts_sync(&in);
        else if (in.in_transaction) {
            /* keep the error message of the failure, not of the rollback */
            char msg[512];
            snprintf(msg, sizeof msg, "%s", kh_last_error());
            kh_store_rollback(db);
            kh_set_error(rc, "%s", msg);
        }
    }
    if (in.engine) {
        const kh_engine_stats *es = kh_engine_stats_get(in.engine);
        stats->stories_new = es->stories_new;
        stats->stories_merged = es->stories_merged;
        stats->events_merged = es->events_merged;
        stats->duplicates = es->duplicates;
    }
    ingest_free(&in);
    if (rc == KH_OK && stats->errors > 0)
        return kh_set_error(KH_EINPUT, "%llu input(s) rejected",
                            (unsigned long long)stats->errors);
    return rc;
}
