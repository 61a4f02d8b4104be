/*
 * ingest.c: the pipeline from paths to stored, clustered articles.
 *
 *   reader (io/) --raw article--> identity: content hash, already stored?
 *        |                         |
 *        | rejection               v new
 *        v                        extract (extract/): title, body, ...
 *   ingest_errors                  |
 *                                  v
 *                                 language, analysis (text/), day (time/)
 *                                  |
 *                                  v
 *                                 features, MinHash (story/)
 *                                  |
 *                                  v
 *                                 engine (story/engine.c): near-duplicate,
 *                                 join, new story, merges, events
 *                                  |
 *                                  v
 *                                 store (store/): article, membership, and
 *                                 the engine's actions (new stories, merges)
 *
 * Writes are batched: one transaction per opts->batch_size articles, which
 * also carries the state of the stories the batch touched and the
 * document-frequency pages it changed. A killed run loses only its open
 * batch; the next run skips every committed article by its hash, and since
 * the stories' state was committed with them, it goes on where it stopped.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "core/error.h"
#include "core/hmap.h"
#include "extract/extract.h"
#include "ingest/published.h"
#include "io/reader.h"
#include "store/store.h"
#include "story/cluster.h"
#include "story/dedup.h"
#include "story/engine.h"
#include "story/features.h"
#include "text/text.h"

#define KH_DEFAULT_BATCH 2048

typedef struct ingest {
    kh_db *db;
    const kh_ingest_opts *opts;
    kh_ingest_stats *stats;
    kh_text *text;
    kh_extractor *extractor;
    kh_facts *facts; /* NULL when facts are not extracted at ingest */
    kh_published *published;
    kh_engine *engine;
    kh_df df;
    kh_hmap terms;
    kh_tokens tokens;
    kh_buf joined;         /* title + body, what tokens index */
    kh_hmap dirty_stories; /* story id -> 1, for the open batch */
    size_t in_batch, batch_size;
    uint64_t unindexed; /* articles stored since the last full-text sync */
    int in_transaction;
    int32_t newest_day;
    uint64_t bytes_total;
} ingest;

static int load_signature(void *ctx, int64_t article_id, int64_t story_id, int32_t day,
                          const void *sig, size_t len)
{
    if (len != sizeof(kh_minhash))
        return KH_OK; /* another layout: that article is just not a dedup target */
    kh_minhash m;
    memcpy(&m, sig, sizeof m);
    return kh_dedup_add(ctx, &m, article_id, story_id, day == KH_STORE_NO_DAY ? KH_NO_DAY : day);
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

static void on_reject(void *ctx, const kh_input_error *err)
{
    ingest *in = ctx;
    in->stats->errors++;
    in->stats->articles++;
    if (begin_if_needed(in) == KH_OK)
        kh_store_error_insert(in->db, err); /* best effort: the caller still hears of it */
    if (in->opts && in->opts->on_error)
        in->opts->on_error(err, in->opts->ctx);
}

static void on_progress(void *ctx, uint64_t bytes)
{
    ingest *in = ctx;
    in->stats->bytes = bytes;
    if (in->opts && in->opts->on_progress) {
        kh_ingest_progress p = {bytes, in->bytes_total, in->stats->articles};
        in->opts->on_progress(&p, in->opts->ctx);
    }
}

static void content_hash(const kh_raw_doc *raw, char hex[33])
{
    XXH128_hash_t h = XXH3_128bits(raw->bytes, raw->len);
    snprintf(hex, 33, "%016llx%016llx", (unsigned long long)h.high64,
             (unsigned long long)h.low64);
}

/* Where an article goes: its story, how well it fits, whether it is a
 * near-duplicate (and of which article). */
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

/* Features of the article, then its place among the stories. */
static int place_article(ingest *in, const kh_raw_doc *raw, const char *title,
                         const char *body, const char *lang, const kh_article_meta *meta,
                         kh_placement *out, kh_minhash *sig, int *has_sig)
{
    kh_tokens_clear(&in->tokens);
    in->joined.len = 0;
    int rc = kh_buf_printf(&in->joined, "%s\n\n%s", title ? title : "", body);
    if (rc == KH_OK)
        rc = kh_text_analyze(in->text, in->joined.data, in->joined.len, lang, &in->tokens);
    kh_fvec vec = {0};
    if (rc == KH_OK)
        rc = kh_features_build(&in->tokens, in->joined.data, &in->df, &in->terms, &vec);
    if (rc == KH_OK && raw->embedding)
        rc = kh_fvec_set_embedding(&vec, raw->embedding, raw->embedding_dim);
    *has_sig = rc == KH_OK && kh_minhash_of(&in->tokens, sig);
    if (rc == KH_OK)
        rc = kh_engine_place(in->engine, &vec, *has_sig ? sig : NULL, meta, raw->origin, out);
    if (rc == KH_OK) {
        kh_df_add(&in->df, &in->terms);
        rc = apply_actions(in, out, title);
    }
    kh_fvec_free(&vec);
    return rc;
}

static int store_new_article(ingest *in, const kh_raw_doc *raw, const char *hash)
{
    kh_extracted ex;
    if (kh_extract_raw(in->extractor, raw, &ex) != KH_OK) {
        char reason[600];
        snprintf(reason, sizeof reason, "extraction failed: %s", kh_last_error());
        kh_input_error err = {raw->origin, raw->offset, raw->line, reason};
        on_reject(in, &err);
        return KH_OK;
    }
    const char *title = raw->title ? raw->title : ex.title;
    const char *body = ex.body ? ex.body : "";
    kh_lang_guess guess = {"und", 0};
    int rc = KH_OK;
    if (raw->lang && *raw->lang) {
        snprintf(guess.code, sizeof guess.code, "%s", raw->lang);
        guess.confidence = 1.0;
    } else {
        rc = kh_text_lang(in->text, body, strlen(body), &guess);
    }
    const char *meta_date = raw->published ? raw->published : ex.published_raw;
    kh_published_date date = {.day = INT32_MIN};
    if (rc == KH_OK)
        rc = kh_published_infer(in->published, body, meta_date, &date);
    kh_article_meta meta = {date.day == KH_STORE_NO_DAY ? KH_NO_DAY : date.day,
                            kh_lang_bit(guess.code)};
    if (meta.day != KH_NO_DAY && (in->newest_day == KH_NO_DAY || meta.day > in->newest_day))
        in->newest_day = meta.day;
    kh_placement where = {0};
    kh_minhash sig;
    int has_sig = 0;
    if (rc == KH_OK)
        rc = place_article(in, raw, title, body, guess.code, &meta, &where, &sig, &has_sig);
    kh_store_article a = {.hash = hash,
                          .origin = raw->origin,
                          .offset = raw->offset,
                          .line = raw->line,
                          .format = raw->container,
                          .charset = raw->charset,
                          .ext_id = raw->ext_id,
                          .url = raw->url ? raw->url : ex.canonical_url,
                          .source = raw->source ? raw->source : ex.outlet,
                          .lang = guess.code,
                          .lang_confidence = guess.confidence,
                          .published = meta_date,
                          .title = title,
                          .text = body,
                          .text_len = strlen(body),
                          .published_at = date.found ? date.iso : NULL,
                          .published_day = date.day,
                          .published_confidence = date.confidence,
                          .published_method = date.found ? date.method : NULL,
                          .duplicate_of = where.duplicate_of,
                          .minhash = has_sig ? sig.v : NULL,
                          .minhash_len = has_sig ? sizeof sig : 0};
    /* facts of original articles only: a near-duplicate states nothing new */
    char *facts = NULL;
    if (rc == KH_OK && in->facts && !where.duplicate_of)
        rc = kh_facts_extract_json(in->facts, body, strlen(body), guess.code, &facts);
    a.facts = facts;
    int64_t article_id = 0;
    if (rc == KH_OK)
        rc = kh_store_article_insert(in->db, &a, &article_id);
    kh_free(facts);
    if (rc == KH_OK)
        rc = kh_store_member_insert(in->db, article_id, where.story_id, where.score,
                                    where.duplicate_of != 0);
    if (rc == KH_OK)
        rc = kh_engine_remember(in->engine, article_id, has_sig ? &sig : NULL, &where, meta.day);
    if (rc == KH_OK)
        in->stats->added++;
    kh_extracted_free(&ex);
    return rc;
}

static int on_doc(void *ctx, const kh_raw_doc *raw)
{
    ingest *in = ctx;
    in->stats->articles++;
    char hash[33];
    content_hash(raw, hash);
    int rc = begin_if_needed(in);
    int64_t existing = 0;
    if (rc == KH_OK)
        rc = kh_store_article_find(in->db, hash, &existing);
    if (rc != KH_OK)
        return rc;
    if (existing) {
        in->stats->already++;
        return KH_OK;
    }
    if ((rc = store_new_article(in, raw, hash)) != KH_OK)
        return rc;
    in->unindexed++;
    if (++in->in_batch >= in->batch_size)
        rc = flush_batch(in);
    if (rc == KH_OK && in->unindexed >= KH_FTS_SYNC_EVERY && !in->in_transaction)
        rc = fts_sync(in);
    return rc;
}

static void ingest_free(ingest *in)
{
    kh_text_free(in->text);
    kh_extractor_free(in->extractor);
    kh_facts_free(in->facts);
    kh_published_free(in->published);
    kh_engine_free(in->engine);
    kh_df_free(&in->df);
    kh_hmap_free(&in->terms);
    kh_hmap_free(&in->dirty_stories);
    kh_tokens_free(&in->tokens);
    kh_buf_free(&in->joined);
}

static int ingest_init(ingest *in, kh_db *db, const kh_ingest_opts *opts, kh_ingest_stats *stats)
{
    memset(in, 0, sizeof *in);
    in->db = db;
    in->opts = opts;
    in->stats = stats;
    in->newest_day = KH_NO_DAY;
    in->batch_size = opts && opts->batch_size ? opts->batch_size : KH_DEFAULT_BATCH;
    int64_t next_story = 1;
    int rc;
    if (!(opts && opts->no_facts) && (rc = kh_facts_new(&in->facts)) != KH_OK)
        return rc;
    if ((rc = kh_text_new(&in->text)) != KH_OK || (rc = kh_extractor_new(&in->extractor)) != KH_OK ||
        (rc = kh_published_new(&in->published)) != KH_OK ||
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
        kh_reader_sink sink = {on_doc, on_reject, on_progress, &in};
        rc = kh_reader_run(paths, npaths, &sink, opts ? opts->charset : NULL, &stats->files);
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
