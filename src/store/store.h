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
 *   articles_fts   FTS5 index over title and text
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

#define KH_SCHEMA_VERSION 1

struct kh_db {
    sqlite3 *sql;
    char *path;
    /* prepared statements, created on first use */
    sqlite3_stmt *st_article_exists, *st_article_insert, *st_story_insert, *st_story_update,
        *st_member_insert, *st_error_insert, *st_df_put;
};

/* A new article as stored. Strings may be NULL. */
typedef struct kh_store_article {
    const char *hash; /* hex content hash */
    const char *origin;
    uint64_t offset;
    long line;
    const char *format;
    const char *ext_id, *url, *source, *lang, *published, *title;
    double lang_confidence;
    const char *text;
    size_t text_len;
} kh_store_article;

int kh_store_begin(kh_db *db);
int kh_store_commit(kh_db *db);
int kh_store_rollback(kh_db *db);

/* *id is the stored article's id, or 0 when the hash is new. */
int kh_store_article_find(kh_db *db, const char *hash, int64_t *id);
int kh_store_article_insert(kh_db *db, const kh_store_article *a, int64_t *id);

int kh_store_story_insert(kh_db *db, const char *title, int64_t *id);
int kh_store_story_update(kh_db *db, int64_t id, uint32_t size, const kh_feature *centroid,
                          uint32_t n);
int kh_store_member_insert(kh_db *db, int64_t article_id, int64_t story_id, double score);

int kh_store_error_insert(kh_db *db, const kh_input_error *err);

/* Calls fn for each story (id, size, centroid) in id order. */
int kh_store_stories_load(kh_db *db,
                          int (*fn)(void *ctx, int64_t id, uint32_t size, const kh_feature *c,
                                    uint32_t n),
                          void *ctx);

int kh_store_df_load(kh_db *db, kh_df *df);
/* Writes the dirty pages and the document count; clears the dirty flags. */
int kh_store_df_save(kh_db *db, kh_df *df);

/* Fails with KH_EDB and the SQLite message. */
int kh_store_fail(kh_db *db, const char *what);

#endif
