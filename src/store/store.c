/*
 * store.c: schema, migrations and writes of the SQLite store (store.h).
 *
 * Migrations are an array of SQL scripts; migration i takes the schema
 * from version i to i+1 and runs in its own transaction together with the
 * bump of PRAGMA user_version, so a store is always at a whole version.
 *
 * Statements are prepared once per kh_db and reset after each use.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/error.h"
#include "store/store.h"

static const char *const migrations[] = {
    /* 0 -> 1: the walking skeleton's schema */
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value) WITHOUT ROWID;"
    "CREATE TABLE articles ("
    "  id INTEGER PRIMARY KEY,"
    "  hash TEXT NOT NULL UNIQUE,"
    "  origin TEXT NOT NULL,"
    "  offset INTEGER NOT NULL DEFAULT 0,"
    "  line INTEGER NOT NULL DEFAULT 0,"
    "  format TEXT NOT NULL,"
    "  ext_id TEXT, url TEXT, source TEXT,"
    "  lang TEXT, lang_confidence REAL,"
    "  published TEXT, title TEXT,"
    "  text TEXT NOT NULL,"
    "  ingested_at TEXT NOT NULL);"
    "CREATE TABLE stories ("
    "  id INTEGER PRIMARY KEY,"
    "  title TEXT,"
    "  size INTEGER NOT NULL DEFAULT 0,"
    "  centroid BLOB,"
    "  created_at TEXT NOT NULL);"
    "CREATE TABLE memberships ("
    "  article_id INTEGER PRIMARY KEY REFERENCES articles(id),"
    "  story_id INTEGER NOT NULL REFERENCES stories(id),"
    "  score REAL NOT NULL);"
    "CREATE INDEX memberships_story ON memberships(story_id);"
    "CREATE TABLE ingest_errors ("
    "  id INTEGER PRIMARY KEY,"
    "  origin TEXT NOT NULL,"
    "  offset INTEGER NOT NULL,"
    "  line INTEGER NOT NULL,"
    "  reason TEXT NOT NULL,"
    "  first_seen TEXT NOT NULL,"
    "  last_seen TEXT NOT NULL,"
    "  UNIQUE (origin, offset, reason));"
    "CREATE TABLE df_pages (page INTEGER PRIMARY KEY, counts BLOB NOT NULL);"
    "CREATE VIRTUAL TABLE articles_fts USING fts5("
    "  title, text, content='articles', content_rowid='id',"
    "  tokenize='unicode61 remove_diacritics 2');"
    "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN"
    "  INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);"
    "END;",
    /* 1 -> 2: the story engine: dates, near-duplicates, events, merges */
    "ALTER TABLE articles ADD COLUMN published_at TEXT;"
    "ALTER TABLE articles ADD COLUMN published_day INTEGER;"
    "ALTER TABLE articles ADD COLUMN published_confidence REAL;"
    "ALTER TABLE articles ADD COLUMN published_method TEXT;"
    "ALTER TABLE articles ADD COLUMN duplicate_of INTEGER REFERENCES articles(id);"
    "ALTER TABLE articles ADD COLUMN minhash BLOB;"
    "ALTER TABLE articles ADD COLUMN charset TEXT;"
    "ALTER TABLE articles ADD COLUMN facts TEXT;"
    "ALTER TABLE memberships ADD COLUMN duplicate INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE stories ADD COLUMN event_id INTEGER;"
    "ALTER TABLE stories ADD COLUMN first_day INTEGER;"
    "ALTER TABLE stories ADD COLUMN last_day INTEGER;"
    "ALTER TABLE stories ADD COLUMN langs INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE stories ADD COLUMN merged_into INTEGER REFERENCES stories(id);"
    "ALTER TABLE stories ADD COLUMN embedding BLOB;"
    "ALTER TABLE stories ADD COLUMN lang_counts BLOB;"
    "UPDATE stories SET event_id = id;"
    "CREATE INDEX stories_event ON stories(event_id);"
    "CREATE INDEX stories_last_day ON stories(last_day);"
    "CREATE INDEX articles_ext_id ON articles(ext_id);",
    /* 2 -> 3: the full-text index is brought up to date in bulk after each
     * run of batches (kh_store_fts_sync), not by a trigger per row: one
     * large in-memory segment instead of a small one per batch, about 5x
     * cheaper. meta.fts_indexed is the highest article id indexed. */
    "DROP TRIGGER articles_fts_insert;"
    "INSERT INTO meta (key, value) VALUES ('fts_indexed',"
    "  (SELECT coalesce(max(id), 0) FROM articles));"
    "INSERT INTO articles_fts (articles_fts, rank) VALUES ('hashsize', 33554432);",
};

#define N_MIGRATIONS (sizeof migrations / sizeof migrations[0])

int kh_store_fail(kh_db *db, const char *what)
{
    return kh_set_error(KH_EDB, "%s: %s (%s)", what, sqlite3_errmsg(db->sql), db->path);
}

static int exec(kh_db *db, const char *sql, const char *what)
{
    char *msg = NULL;
    if (sqlite3_exec(db->sql, sql, NULL, NULL, &msg) != SQLITE_OK) {
        int rc = kh_set_error(KH_EDB, "%s: %s (%s)", what, msg ? msg : "?", db->path);
        sqlite3_free(msg);
        return rc;
    }
    return KH_OK;
}

static int schema_version(kh_db *db, int *version)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->sql, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
        return kh_store_fail(db, "reading the schema version");
    *version = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
    return KH_OK;
}

static int migrate(kh_db *db)
{
    int version = 0, rc;
    if ((rc = schema_version(db, &version)) != KH_OK)
        return rc;
    if (version > (int)N_MIGRATIONS)
        return kh_set_error(KH_EDB, "%s has schema version %d, newer than this khabar (%d)",
                            db->path, version, (int)N_MIGRATIONS);
    for (int v = version; v < (int)N_MIGRATIONS; v++) {
        char bump[64];
        snprintf(bump, sizeof bump, "PRAGMA user_version = %d;", v + 1);
        if ((rc = exec(db, "BEGIN IMMEDIATE", "starting a migration")) != KH_OK)
            return rc;
        if ((rc = exec(db, migrations[v], "migrating the schema")) != KH_OK ||
            (rc = exec(db, bump, "migrating the schema")) != KH_OK) {
            exec(db, "ROLLBACK", "rolling back a migration");
            return rc;
        }
        if ((rc = exec(db, "COMMIT", "committing a migration")) != KH_OK)
            return rc;
    }
    return KH_OK;
}

int kh_db_open(kh_db **out, const char *path)
{
    if (!out || !path)
        return kh_set_error(KH_EINVAL, "kh_db_open: bad argument");
    kh_db *db = calloc(1, sizeof *db);
    if (!db || !(db->path = strdup(path))) {
        free(db);
        return kh_set_error(KH_ENOMEM, "out of memory");
    }
    if (sqlite3_open_v2(path, &db->sql, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
        SQLITE_OK) {
        int rc = kh_store_fail(db, "cannot open the store");
        kh_db_free(db);
        return rc;
    }
    sqlite3_busy_timeout(db->sql, 10000);
    int rc;
    if ((rc = exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536;"
                       "PRAGMA foreign_keys=ON;",
                   "configuring the store")) != KH_OK ||
        (rc = migrate(db)) != KH_OK) {
        kh_db_free(db);
        return rc;
    }
    *out = db;
    return KH_OK;
}

void kh_db_free(kh_db *db)
{
    if (!db)
        return;
    sqlite3_stmt *all[] = {db->st_article_exists, db->st_article_insert, db->st_story_insert,
                           db->st_story_update,   db->st_member_insert,  db->st_error_insert,
                           db->st_df_put,         db->st_merge_members,  db->st_merge_story,
                           db->st_merge_events};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        sqlite3_finalize(all[i]);
    sqlite3_close(db->sql);
    free(db->path);
    free(db);
}

int kh_store_is_file(const kh_db *db)
{
    const char *p = db->path;
    return p && *p && strcmp(p, ":memory:") != 0 && strncmp(p, "file:", 5) != 0;
}

int kh_store_fts_sync(kh_db *db, uint64_t *indexed)
{
    uint64_t n = 0;
    int rc = kh_store_begin(db);
    if (rc != KH_OK)
        return rc;
    rc = exec(db,
              "INSERT INTO articles_fts (rowid, title, text)"
              "  SELECT id, title, text FROM articles"
              "  WHERE id > (SELECT value FROM meta WHERE key = 'fts_indexed') ORDER BY id;",
              "indexing articles for search");
    if (rc == KH_OK)
        n = (uint64_t)sqlite3_changes64(db->sql);
    if (rc == KH_OK && n > 0)
        rc = exec(db,
                  "UPDATE meta SET value = (SELECT coalesce(max(id), 0) FROM articles)"
                  "  WHERE key = 'fts_indexed';",
                  "indexing articles for search");
    if (rc == KH_OK)
        rc = kh_store_commit(db);
    else
        kh_store_rollback(db);
    if (indexed)
        *indexed = rc == KH_OK ? n : 0;
    return rc;
}

int kh_store_begin(kh_db *db) { return exec(db, "BEGIN IMMEDIATE", "starting a transaction"); }
int kh_store_commit(kh_db *db) { return exec(db, "COMMIT", "committing"); }
int kh_store_rollback(kh_db *db) { return exec(db, "ROLLBACK", "rolling back"); }

static int prepare(kh_db *db, sqlite3_stmt **st, const char *sql)
{
    if (*st) {
        sqlite3_reset(*st);
        sqlite3_clear_bindings(*st);
        return KH_OK;
    }
    if (sqlite3_prepare_v3(db->sql, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) != SQLITE_OK)
        return kh_store_fail(db, "preparing a statement");
    return KH_OK;
}

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
    if (s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

static void now_iso(char *buf, size_t cap)
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, cap, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int step_done(kh_db *db, sqlite3_stmt *st, const char *what)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? KH_OK : kh_store_fail(db, what);
}

int kh_store_article_find(kh_db *db, const char *hash, int64_t *id)
{
    int rc = prepare(db, &db->st_article_exists, "SELECT id FROM articles WHERE hash = ?");
    if (rc != KH_OK)
        return rc;
    bind_text(db->st_article_exists, 1, hash);
    int step = sqlite3_step(db->st_article_exists);
    *id = step == SQLITE_ROW ? sqlite3_column_int64(db->st_article_exists, 0) : 0;
    sqlite3_reset(db->st_article_exists);
    return step == SQLITE_ROW || step == SQLITE_DONE ? KH_OK : kh_store_fail(db, "finding an article");
}

int kh_store_article_insert(kh_db *db, const kh_store_article *a, int64_t *id)
{
    int rc = prepare(db, &db->st_article_insert,
                     "INSERT INTO articles (hash, origin, offset, line, format, ext_id, url, "
                     "source, lang, lang_confidence, published, title, text, ingested_at, "
                     "published_at, published_day, published_confidence, published_method, "
                     "duplicate_of, minhash, charset, facts) "
                     "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    if (rc != KH_OK)
        return rc;
    sqlite3_stmt *st = db->st_article_insert;
    char now[32];
    now_iso(now, sizeof now);
    bind_text(st, 1, a->hash);
    bind_text(st, 2, a->origin);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)a->offset);
    sqlite3_bind_int64(st, 4, a->line);
    bind_text(st, 5, a->format);
    bind_text(st, 6, a->ext_id);
    bind_text(st, 7, a->url);
    bind_text(st, 8, a->source);
    bind_text(st, 9, a->lang);
    sqlite3_bind_double(st, 10, a->lang_confidence);
    bind_text(st, 11, a->published);
    bind_text(st, 12, a->title);
    sqlite3_bind_text(st, 13, a->text, (int)a->text_len, SQLITE_STATIC);
    bind_text(st, 14, now);
    bind_text(st, 15, a->published_at);
    if (a->published_day != KH_STORE_NO_DAY)
        sqlite3_bind_int64(st, 16, a->published_day);
    if (a->published_at)
        sqlite3_bind_double(st, 17, a->published_confidence);
    bind_text(st, 18, a->published_method);
    if (a->duplicate_of)
        sqlite3_bind_int64(st, 19, a->duplicate_of);
    if (a->minhash)
        sqlite3_bind_blob(st, 20, a->minhash, (int)a->minhash_len, SQLITE_STATIC);
    bind_text(st, 21, a->charset);
    bind_text(st, 22, a->facts);
    if ((rc = step_done(db, st, "storing an article")) != KH_OK)
        return rc;
    *id = sqlite3_last_insert_rowid(db->sql);
    return KH_OK;
}

int kh_store_story_insert(kh_db *db, int64_t id, const char *title, int64_t event_id)
{
    int rc = prepare(db, &db->st_story_insert,
                     "INSERT INTO stories (id, title, size, created_at, event_id) "
                     "VALUES (?, ?, 0, ?, ?)");
    if (rc != KH_OK)
        return rc;
    char now[32];
    now_iso(now, sizeof now);
    sqlite3_bind_int64(db->st_story_insert, 1, id);
    bind_text(db->st_story_insert, 2, title);
    bind_text(db->st_story_insert, 3, now);
    sqlite3_bind_int64(db->st_story_insert, 4, event_id);
    return step_done(db, db->st_story_insert, "creating a story");
}

int kh_store_next_story_id(kh_db *db, int64_t *id)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->sql, "SELECT COALESCE(MAX(id), 0) + 1 FROM stories", -1, &st,
                           NULL) != SQLITE_OK)
        return kh_store_fail(db, "reading story ids");
    *id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 1;
    sqlite3_finalize(st);
    return KH_OK;
}

int kh_store_story_update(kh_db *db, int64_t id, const kh_store_story *story)
{
    int rc = prepare(db, &db->st_story_update,
                     "UPDATE stories SET size = ?, centroid = ?, event_id = ?, first_day = ?, "
                     "last_day = ?, langs = ?, embedding = ?, lang_counts = ? WHERE id = ?");
    if (rc != KH_OK)
        return rc;
    sqlite3_stmt *st = db->st_story_update;
    sqlite3_bind_int64(st, 1, story->size);
    /* the records as laid out in memory, with their padding zeroed, so
     * that the same story is always the same bytes */
    size_t bytes = story->n * sizeof *story->centroid;
    kh_feature *clean = malloc(bytes ? bytes : 1);
    if (!clean)
        return kh_set_error(KH_ENOMEM, "out of memory saving a story");
    memset(clean, 0, bytes);
    for (uint32_t i = 0; i < story->n; i++) {
        clean[i].term = story->centroid[i].term;
        clean[i].weight = story->centroid[i].weight;
    }
    sqlite3_bind_blob(st, 2, clean, (int)bytes, free);
    sqlite3_bind_int64(st, 3, story->event_id);
    if (story->first_day != KH_STORE_NO_DAY) {
        sqlite3_bind_int64(st, 4, story->first_day);
        sqlite3_bind_int64(st, 5, story->last_day);
    }
    sqlite3_bind_int64(st, 6, story->langs);
    if (story->embed)
        sqlite3_bind_blob(st, 7, story->embed, (int)(story->dim * sizeof(float)), SQLITE_STATIC);
    if (story->lang_counts)
        sqlite3_bind_blob(st, 8, story->lang_counts, (int)story->lang_counts_len, SQLITE_STATIC);
    sqlite3_bind_int64(st, 9, id);
    return step_done(db, st, "updating a story");
}

int kh_store_story_merge(kh_db *db, int64_t keep, int64_t gone, int64_t keep_event)
{
    int rc = prepare(db, &db->st_merge_members,
                     "UPDATE memberships SET story_id = ? WHERE story_id = ?");
    if (rc != KH_OK)
        return rc;
    sqlite3_bind_int64(db->st_merge_members, 1, keep);
    sqlite3_bind_int64(db->st_merge_members, 2, gone);
    if ((rc = step_done(db, db->st_merge_members, "merging stories")) != KH_OK)
        return rc;
    rc = prepare(db, &db->st_merge_story,
                 "UPDATE stories SET merged_into = ?, size = 0, centroid = NULL, embedding = NULL "
                 "WHERE id = ?");
    if (rc != KH_OK)
        return rc;
    sqlite3_bind_int64(db->st_merge_story, 1, keep);
    sqlite3_bind_int64(db->st_merge_story, 2, gone);
    if ((rc = step_done(db, db->st_merge_story, "merging stories")) != KH_OK)
        return rc;
    /* stories whose event was founded by gone follow keep's event */
    return kh_store_events_merge(db, keep_event, gone);
}

int kh_store_events_merge(kh_db *db, int64_t keep, int64_t gone)
{
    int rc = prepare(db, &db->st_merge_events, "UPDATE stories SET event_id = ? WHERE event_id = ?");
    if (rc != KH_OK)
        return rc;
    sqlite3_bind_int64(db->st_merge_events, 1, keep);
    sqlite3_bind_int64(db->st_merge_events, 2, gone);
    return step_done(db, db->st_merge_events, "merging events");
}

int kh_store_member_insert(kh_db *db, int64_t article_id, int64_t story_id, double score,
                           int duplicate)
{
    int rc = prepare(db, &db->st_member_insert,
                     "INSERT INTO memberships (article_id, story_id, score, duplicate) "
                     "VALUES (?,?,?,?)");
    if (rc != KH_OK)
        return rc;
    sqlite3_bind_int64(db->st_member_insert, 1, article_id);
    sqlite3_bind_int64(db->st_member_insert, 2, story_id);
    sqlite3_bind_double(db->st_member_insert, 3, score);
    sqlite3_bind_int(db->st_member_insert, 4, duplicate);
    return step_done(db, db->st_member_insert, "storing a membership");
}

int kh_store_error_insert(kh_db *db, const kh_input_error *err)
{
    int rc = prepare(db, &db->st_error_insert,
                     "INSERT INTO ingest_errors (origin, offset, line, reason, first_seen, "
                     "last_seen) VALUES (?,?,?,?,?,?) ON CONFLICT (origin, offset, reason) "
                     "DO UPDATE SET last_seen = excluded.last_seen");
    if (rc != KH_OK)
        return rc;
    char now[32];
    now_iso(now, sizeof now);
    bind_text(db->st_error_insert, 1, err->origin);
    sqlite3_bind_int64(db->st_error_insert, 2, (sqlite3_int64)err->offset);
    sqlite3_bind_int64(db->st_error_insert, 3, err->line);
    bind_text(db->st_error_insert, 4, err->reason);
    bind_text(db->st_error_insert, 5, now);
    bind_text(db->st_error_insert, 6, now);
    return step_done(db, db->st_error_insert, "recording an input error");
}

int kh_store_stories_load(kh_db *db, int32_t since_day,
                          int (*fn)(void *ctx, int64_t id, const kh_store_story *story), void *ctx)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->sql,
                           "SELECT id, size, centroid, event_id, first_day, last_day, langs, "
                           "embedding, lang_counts "
                           "FROM stories WHERE merged_into IS NULL AND size > 0 "
                           "AND (last_day IS NULL OR last_day >= ?) ORDER BY id",
                           -1, &st, NULL) != SQLITE_OK)
        return kh_store_fail(db, "loading stories");
    sqlite3_bind_int64(st, 1, since_day);
    int rc = KH_OK, step;
    while (rc == KH_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
        const void *blob = sqlite3_column_blob(st, 2);
        kh_store_story s = {
            .size = (uint32_t)sqlite3_column_int64(st, 1),
            .centroid = blob,
            .n = blob ? (uint32_t)(sqlite3_column_bytes(st, 2) / (int)sizeof(kh_feature)) : 0,
            .event_id = sqlite3_column_int64(st, 3),
            .first_day = sqlite3_column_type(st, 4) == SQLITE_NULL
                             ? KH_STORE_NO_DAY
                             : (int32_t)sqlite3_column_int64(st, 4),
            .last_day = sqlite3_column_type(st, 5) == SQLITE_NULL
                            ? KH_STORE_NO_DAY
                            : (int32_t)sqlite3_column_int64(st, 5),
            .langs = (uint32_t)sqlite3_column_int64(st, 6),
            .embed = sqlite3_column_blob(st, 7),
            .dim = (uint32_t)(sqlite3_column_bytes(st, 7) / (int)sizeof(float)),
            .lang_counts = sqlite3_column_blob(st, 8),
            .lang_counts_len = (size_t)sqlite3_column_bytes(st, 8)};
        rc = fn(ctx, sqlite3_column_int64(st, 0), &s);
    }
    sqlite3_finalize(st);
    return rc;
}

int kh_store_signatures_load(kh_db *db, int32_t since_day,
                             int (*fn)(void *ctx, int64_t article_id, int64_t story_id,
                                       int32_t day, const void *sig, size_t len),
                             void *ctx)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->sql,
                           "SELECT coalesce(a.duplicate_of, a.id), m.story_id, a.published_day, a.minhash "
                           "FROM articles a "
                           "JOIN memberships m ON m.article_id = a.id WHERE a.minhash IS NOT NULL "
                           "AND (a.published_day IS NULL OR a.published_day >= ?) ORDER BY a.id",
                           -1, &st, NULL) != SQLITE_OK)
        return kh_store_fail(db, "loading signatures");
    sqlite3_bind_int64(st, 1, since_day);
    int rc = KH_OK;
    while (rc == KH_OK && sqlite3_step(st) == SQLITE_ROW)
        rc = fn(ctx, sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
                sqlite3_column_type(st, 2) == SQLITE_NULL ? KH_STORE_NO_DAY
                                                          : (int32_t)sqlite3_column_int64(st, 2),
                sqlite3_column_blob(st, 3), (size_t)sqlite3_column_bytes(st, 3));
    sqlite3_finalize(st);
    return rc;
}

int kh_store_max_day(kh_db *db, int32_t *day)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->sql, "SELECT MAX(last_day) FROM stories", -1, &st, NULL) !=
        SQLITE_OK)
        return kh_store_fail(db, "reading the newest day");
    *day = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL
               ? (int32_t)sqlite3_column_int64(st, 0)
               : KH_STORE_NO_DAY;
    sqlite3_finalize(st);
    return KH_OK;
}

int kh_store_df_load(kh_db *db, kh_df *df)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->sql, "SELECT page, counts FROM df_pages", -1, &st, NULL) != SQLITE_OK)
        return kh_store_fail(db, "loading document frequencies");
    while (sqlite3_step(st) == SQLITE_ROW) {
        int64_t page = sqlite3_column_int64(st, 0);
        int bytes = sqlite3_column_bytes(st, 1);
        if (page < 0 || page >= KH_DF_PAGES || bytes != (int)(KH_DF_PAGE_BUCKETS * sizeof(uint32_t)))
            continue; /* a page of another layout: ignored, recounted over time */
        memcpy(df->counts + page * KH_DF_PAGE_BUCKETS, sqlite3_column_blob(st, 1), (size_t)bytes);
    }
    sqlite3_finalize(st);
    if (sqlite3_prepare_v2(db->sql, "SELECT value FROM meta WHERE key = 'df_docs'", -1, &st,
                           NULL) != SQLITE_OK)
        return kh_store_fail(db, "loading document frequencies");
    df->docs = sqlite3_step(st) == SQLITE_ROW ? (uint64_t)sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    memset(df->dirty, 0, sizeof df->dirty);
    return KH_OK;
}

int kh_store_df_save(kh_db *db, kh_df *df)
{
    int rc = prepare(db, &db->st_df_put, "INSERT OR REPLACE INTO df_pages (page, counts) VALUES (?, ?)");
    if (rc != KH_OK)
        return rc;
    for (uint32_t p = 0; p < KH_DF_PAGES; p++) {
        if (!df->dirty[p])
            continue;
        sqlite3_reset(db->st_df_put);
        sqlite3_bind_int64(db->st_df_put, 1, p);
        sqlite3_bind_blob(db->st_df_put, 2, df->counts + (size_t)p * KH_DF_PAGE_BUCKETS,
                          (int)(KH_DF_PAGE_BUCKETS * sizeof(uint32_t)), SQLITE_STATIC);
        if ((rc = step_done(db, db->st_df_put, "saving document frequencies")) != KH_OK)
            return rc;
        df->dirty[p] = 0;
    }
    char sql[96];
    snprintf(sql, sizeof sql, "INSERT OR REPLACE INTO meta (key, value) VALUES ('df_docs', %llu)",
             (unsigned long long)df->docs);
    return exec(db, sql, "saving document frequencies");
}
