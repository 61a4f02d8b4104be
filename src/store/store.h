/*
 * store.h: khabar's SQLite store and the kh_db handle.
 *
 * Tables (schema version in PRAGMA user_version; see store.c for the SQL
 * and docs/ARCHITECTURE.md for the picture):
 *
 *   articles       one row per distinct article, keyed by content hash;
 *                  the original text is kept as it was read
 *   stories        one row per story: title, size, centroid (blob)
 *   memberships    article -> story, with the similarity it joined at
 *   ingest_errors  every rejected input: origin, offset, line, reason
 *   df_pages       document-frequency sketch, page by page (features.h)
 *   meta           key/value: counters such as the number of documents
 *   articles_fts   FTS5 index over title and text, brought up to date in
 *                  bulk by kh_store_fts_sync (meta.fts_indexed: the last
 *                  article id indexed)
 *
 * WAL journal; writes happen in explicit transactions (one per ingest
 * batch), so a killed process loses at most the batch in flight and a
 * re-run skips everything committed (same content hash).
 */
#ifndef KH_STORE_STORE_H
#define KH_STORE_STORE_H

#include <sqlite3.h>

#include "khabar.h"
#include "story/features.h"

#define KH_SCHEMA_VERSION 3
#define KH_STORE_NO_DAY INT32_MIN

struct kh_db {
    sqlite3 *sql;
    char *path;
    /* prepared statements, created on first use */
    sqlite3_stmt *st_article_exists, *st_article_insert, *st_story_insert, *st_story_update,
        *st_member_insert, *st_error_insert, *st_df_put, *st_merge_members, *st_merge_story,
        *st_merge_events;
};

/* A new article as stored. Strings may be NULL. */
typedef struct kh_store_article {
    const char *hash; /* hex content hash */
    const char *origin;
    uint64_t offset;
    long line;
    const char *format;
    const char *charset; /* what the input was converted from */
    const char *ext_id, *url, *source, *lang, *published, *title;
    double lang_confidence;
    const char *text;
    size_t text_len;
    /* normalized publication date, or NULL / KH_STORE_NO_DAY */
    const char *published_at;
    int32_t published_day;
    double published_confidence;
    const char *published_method;
    int64_t duplicate_of;   /* 0: not a near-duplicate */
    const void *minhash;    /* near-duplicate signature, or NULL */
    size_t minhash_len;
    const char *facts;      /* the facts layer's JSON, or NULL when not extracted */
} kh_store_article;

/* A story's state as stored. */
typedef struct kh_store_story {
    uint32_t size;
    const kh_feature *centroid;
    uint32_t n;
    int64_t event_id;
    int32_t first_day, last_day; /* KH_STORE_NO_DAY when unknown */
    uint32_t langs;
    const float *embed; /* sum of member embeddings, or NULL */
    uint32_t dim;
    const void *lang_counts; /* opaque blob of the clusterer, or NULL */
    size_t lang_counts_len;
} kh_store_story;

/* 1 when the store is a plain file another connection can open by path. */
int kh_store_is_file(const kh_db *db);

/* Indexes, in one transaction of its own, every article stored since the
 * last sync (id > meta.fts_indexed); *indexed (may be NULL) gets how many.
 * Ingest calls it at its start (to finish what a killed run left), after
 * each committed batch once KH_FTS_SYNC_MIN articles wait, and at its
 * end. Each sync writes one segment: fewer rows make too many small ones
 * (the per-row trigger it replaced cost five times as much), and many
 * more make ingest pause long enough to starve the preparing thread. */
int kh_store_fts_sync(kh_db *db, uint64_t *indexed);
#define KH_FTS_SYNC_MIN 4096

int kh_store_begin(kh_db *db);
int kh_store_commit(kh_db *db);
int kh_store_rollback(kh_db *db);

/* *id is the stored article's id, or 0 when the hash is new. */
int kh_store_article_find(kh_db *db, const char *hash, int64_t *id);
int kh_store_article_insert(kh_db *db, const kh_store_article *a, int64_t *id);

/* Creates story id (chosen by the story engine) in event event_id. */
int kh_store_story_insert(kh_db *db, int64_t id, const char *title, int64_t event_id);
/* The id the next new story takes: one more than the largest. */
int kh_store_next_story_id(kh_db *db, int64_t *id);
int kh_store_story_update(kh_db *db, int64_t id, const kh_store_story *story);
/* Moves story gone's articles to keep, marks gone merged, and points the
 * stories of gone's event at keep_event. */
int kh_store_story_merge(kh_db *db, int64_t keep, int64_t gone, int64_t keep_event);
/* Moves the stories of event gone to event keep. */
int kh_store_events_merge(kh_db *db, int64_t keep, int64_t gone);
int kh_store_member_insert(kh_db *db, int64_t article_id, int64_t story_id, double score,
                           int duplicate);

int kh_store_error_insert(kh_db *db, const kh_input_error *err);

/* Calls fn for each live story (not merged) whose last day is since_day
 * or later, or unknown, in id order. */
int kh_store_stories_load(kh_db *db, int32_t since_day,
                          int (*fn)(void *ctx, int64_t id, const kh_store_story *story), void *ctx);

/* Calls fn for the near-duplicate signature of each article published
 * since since_day or undated (with its story), in id order; the id given
 * is the article's root: the original it is a near-duplicate of, or its
 * own. */
int kh_store_signatures_load(kh_db *db, int32_t since_day,
                             int (*fn)(void *ctx, int64_t article_id, int64_t story_id,
                                       int32_t day, const void *sig, size_t len),
                             void *ctx);

/* The newest story day in the store, or KH_STORE_NO_DAY. */
int kh_store_max_day(kh_db *db, int32_t *day);

int kh_store_df_load(kh_db *db, kh_df *df);
/* Writes the dirty pages and the document count; clears the dirty flags. */
int kh_store_df_save(kh_db *db, kh_df *df);

/* Fails with KH_EDB and the SQLite message. */
int kh_store_fail(kh_db *db, const char *what);

#endif
