/*
 * ingest.c: the pipeline from paths to stored, clustered articles.
 *
 *   reader (io/) --raw article--> identity: content hash, already stored?
 *        |                         |
 *        | rejection               v new
 *        v                        extract (extract/) -> title, body, ...
 *   ingest_errors                  |
 *                                  v
 *                                 language, tokens (text/) -> features
 *                                  |
 *                                  v
 *                                 cluster (story/): best story or new
 *                                  |
 *                                  v
 *                                 store (store/): article, membership
 *
 * Writes are batched: one transaction per opts->batch_size articles, which
 * also carries the centroids of the stories the batch touched and the
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
#include "io/reader.h"
#include "store/store.h"
#include "story/cluster.h"
#include "story/features.h"
#include "text/text.h"

#define KH_DEFAULT_BATCH 512
/* Cosine with a story centroid at or above which an article joins it. */
#define KH_JOIN_THRESHOLD 0.25

typedef struct ingest {
    kh_db *db;
    const kh_ingest_opts *opts;
    kh_ingest_stats *stats;
    kh_text *text;
    kh_cluster *cluster;
    kh_df df;
    kh_hmap terms;
    kh_tokens tokens;
    kh_buf joined; /* title + body, what tokens index */
    kh_hmap dirty_stories; /* story id -> 1, for the open batch */
    size_t in_batch, batch_size;
    int in_transaction;
    uint64_t bytes_total, bytes_done;
} ingest;

static int load_story(void *ctx, int64_t id, uint32_t size, const kh_feature *c, uint32_t n)
{
    return kh_cluster_add_story(ctx, id, c, n, size);
}

static int begin_if_needed(ingest *in)
{
    if (in->in_transaction)
        return KH_OK;
    int rc = kh_store_begin(in->db);
    in->in_transaction = rc == KH_OK;
    return rc;
}

static int flush_batch(ingest *in)
{
    if (!in->in_transaction)
        return KH_OK;
    int rc = KH_OK;
    for (size_t i = 0; i < in->dirty_stories.cap && rc == KH_OK; i++) {
        if (!in->dirty_stories.keys[i])
            continue;
        int64_t id = (int64_t)in->dirty_stories.keys[i];
        uint32_t n, size;
        const kh_feature *c = kh_cluster_centroid(in->cluster, id, &n, &size);
        if (c)
            rc = kh_store_story_update(in->db, id, size, c, n);
    }
    if (rc == KH_OK)
        rc = kh_store_df_save(in->db, &in->df);
    if (rc == KH_OK)
        rc = kh_store_commit(in->db);
    else
        kh_store_rollback(in->db);
    in->in_transaction = 0;
    in->in_batch = 0;
    kh_hmap_clear(&in->dirty_stories);
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
    in->bytes_done = bytes;
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

/* Tokens of title and body, features, and the story the article joins. */
static int cluster_article(ingest *in, const char *title, const char *body, int64_t *story_id,
                           double *score)
{
    /* title and body as one text, so token spans index one string */
    kh_tokens_clear(&in->tokens);
    in->joined.len = 0;
    int rc = kh_buf_printf(&in->joined, "%s\n\n%s", title ? title : "", body);
    if (rc == KH_OK)
        rc = kh_text_tokenize(in->text, in->joined.data, in->joined.len, &in->tokens);
    kh_fvec vec = {0};
    if (rc == KH_OK)
        rc = kh_features_build(&in->tokens, in->joined.data, &in->df, &in->terms, &vec);
    if (rc == KH_OK)
        rc = kh_cluster_best(in->cluster, &vec, KH_JOIN_THRESHOLD, story_id, score);
    if (rc == KH_OK && *story_id == 0) {
        *score = 1.0;
        rc = kh_store_story_insert(in->db, title, story_id);
        if (rc == KH_OK)
            rc = kh_cluster_add_story(in->cluster, *story_id, NULL, 0, 0);
        if (rc == KH_OK)
            in->stats->stories_new++;
    }
    if (rc == KH_OK)
        rc = kh_cluster_join(in->cluster, *story_id, &vec);
    if (rc == KH_OK) {
        kh_df_add(&in->df, &in->terms);
        if (!kh_hmap_upsert(&in->dirty_stories, (uint64_t)*story_id, 1, NULL))
            rc = kh_set_error(KH_ENOMEM, "out of memory");
    }
    kh_fvec_free(&vec);
    return rc;
}

static int store_new_article(ingest *in, const kh_raw_doc *raw, const char *hash)
{
    kh_extracted ex;
    if (kh_extract_raw(raw, &ex) != KH_OK) {
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
    int64_t story_id = 0, article_id = 0;
    double score = 0;
    if (rc == KH_OK)
        rc = cluster_article(in, title, body, &story_id, &score);
    kh_store_article a = {.hash = hash,
                          .origin = raw->origin,
                          .offset = raw->offset,
                          .line = raw->line,
                          .format = raw->container,
                          .ext_id = raw->ext_id,
                          .url = raw->url ? raw->url : ex.canonical_url,
                          .source = raw->source ? raw->source : ex.outlet,
                          .lang = guess.code,
                          .lang_confidence = guess.confidence,
                          .published = raw->published ? raw->published : ex.published_raw,
                          .title = title,
                          .text = body,
                          .text_len = strlen(body)};
    if (rc == KH_OK)
        rc = kh_store_article_insert(in->db, &a, &article_id);
    if (rc == KH_OK)
        rc = kh_store_member_insert(in->db, article_id, story_id, score);
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
    if (++in->in_batch >= in->batch_size)
        rc = flush_batch(in);
    return rc;
}

static void ingest_free(ingest *in)
{
    kh_text_free(in->text);
    kh_cluster_free(in->cluster);
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
    in->batch_size = opts && opts->batch_size ? opts->batch_size : KH_DEFAULT_BATCH;
    int rc;
    if ((rc = kh_text_new(&in->text)) != KH_OK || (rc = kh_cluster_new(&in->cluster)) != KH_OK ||
        (rc = kh_df_init(&in->df)) != KH_OK || (rc = kh_store_df_load(db, &in->df)) != KH_OK ||
        (rc = kh_store_stories_load(db, load_story, in->cluster)) != KH_OK)
        return rc;
    return KH_OK;
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
        rc = kh_reader_run(paths, npaths, &sink, &stats->files);
        if (rc == KH_OK)
            rc = flush_batch(&in);
        else if (in.in_transaction) {
            /* keep the error message of the failure, not of the rollback */
            char msg[512];
            snprintf(msg, sizeof msg, "%s", kh_last_error());
            kh_store_rollback(db);
            kh_set_error(rc, "%s", msg);
        }
    }
    ingest_free(&in);
    if (rc == KH_OK && stats->errors > 0)
        return kh_set_error(KH_EINPUT, "%llu input(s) rejected",
                            (unsigned long long)stats->errors);
    return rc;
}
