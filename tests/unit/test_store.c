/* Unit tests: the store through the public API: schema, idempotent
 * ingestion, error records. */
#include <unistd.h>

#include <sqlite3.h>

#include "kh_test.h"

static char dir[256], db_path[300], jsonl[300];

static const char *lines =
    "{\"id\":\"a1\",\"source\":\"Test Wire\",\"published\":\"2024-04-01\",\"title\":\"Kremlin "
    "says it had no warning\",\"text\":\"The Kremlin said on Monday it had no information about "
    "a warning before the concert hall attack.\"}\n"
    "{\"id\":\"a2\",\"source\":\"Other Wire\",\"published\":\"2024-04-02\",\"title\":\"Kremlin "
    "denies warning\",\"text\":\"The Kremlin denied on Monday having information about a "
    "warning before the concert hall attack.\"}\n"
    "this line is not JSON\n"
    "{\"id\":\"b1\",\"lang\":\"en\",\"text\":\"Heavy rain closed schools across the northern "
    "valley for a second day.\"}\n";

static int setup(void **state)
{
    snprintf(dir, sizeof dir, "%s/khabar-store-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(dir))
        return -1;
    snprintf(db_path, sizeof db_path, "%s/k.db", dir);
    snprintf(jsonl, sizeof jsonl, "%s/in.jsonl", dir);
    FILE *f = fopen(jsonl, "w");
    if (!f)
        return -1;
    fputs(lines, f);
    fclose(f);
    return 0;
}

static int teardown(void **state)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static long long count(const char *sql)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    long long n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

static int errors_seen;
static void on_error(const kh_input_error *e, void *ctx)
{
    errors_seen++;
    assert_int_equal(e->line, 3);
    assert_non_null(strstr(e->reason, "invalid JSON"));
}

static void test_ingest_twice_changes_nothing(void **state)
{
    kh_db *db;
    assert_int_equal(kh_db_open(&db, db_path), KH_OK);
    const char *paths[] = {jsonl};
    kh_ingest_opts opts = {.on_error = on_error};
    kh_ingest_stats st;
    assert_int_equal(kh_ingest_paths(db, paths, 1, &opts, &st), KH_EINPUT);
    assert_int_equal(st.added, 3);
    assert_int_equal(st.errors, 1);
    assert_int_equal(errors_seen, 1);
    long long stories = count("SELECT COUNT(*) FROM stories");
    assert_int_equal(count("SELECT COUNT(*) FROM articles"), 3);
    assert_int_equal(count("SELECT COUNT(*) FROM memberships"), 3);
    assert_int_equal(count("SELECT COUNT(*) FROM ingest_errors"), 1);

    assert_int_equal(kh_ingest_paths(db, paths, 1, &opts, &st), KH_EINPUT);
    assert_int_equal(st.added, 0);
    assert_int_equal(st.already, 3);
    assert_int_equal(count("SELECT COUNT(*) FROM articles"), 3);
    assert_int_equal(count("SELECT COUNT(*) FROM stories"), stories);
    assert_int_equal(count("SELECT COUNT(*) FROM ingest_errors"), 1);
    kh_db_free(db);
}

static void test_schema_and_fields(void **state)
{
    assert_int_equal(count("PRAGMA user_version"), 3);
    /* every article is in the full-text index after the run */
    assert_int_equal(count("SELECT COUNT(*) FROM articles_fts_docsize"),
                     count("SELECT COUNT(*) FROM articles"));
    assert_int_equal(count("SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH 'kremlin'"), 2);
    /* ISO dates from the input are normalized and give the day number */
    assert_int_equal(count("SELECT published_day FROM articles WHERE ext_id = 'a2'"), 19815);
    /* an undated article is dated by the ingest time, but gives no day */
    assert_int_equal(count("SELECT COUNT(*) FROM articles WHERE published_method = "
                           "'ingest-time' AND published_day IS NULL AND ext_id = 'b1'"),
                     1);
    assert_int_equal(count("SELECT COUNT(*) FROM stories WHERE first_day = 19814 AND last_day = "
                           "19815 AND event_id = id"),
                     1);
    assert_int_equal(count("SELECT COUNT(*) FROM articles WHERE ext_id = 'a1' AND source = "
                           "'Test Wire' AND published = '2024-04-01' AND lang = 'en'"),
                     1);
    /* the two Kremlin reports share a story, the rain report does not */
    assert_int_equal(count("SELECT COUNT(DISTINCT story_id) FROM memberships m JOIN articles a "
                           "ON a.id = m.article_id WHERE a.ext_id IN ('a1', 'a2')"),
                     1);
    assert_int_equal(count("SELECT COUNT(DISTINCT story_id) FROM memberships"), 2);
    assert_int_equal(count("SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH 'kremlin'"), 2);
}

static void test_output_formats(void **state)
{
    kh_db *db;
    assert_int_equal(kh_db_open(&db, db_path), KH_OK);
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    assert_int_equal(kh_stories_write(db, KH_FORMAT_JSON, mem), KH_OK);
    fclose(mem);
    assert_non_null(strstr(buf, "\"version\": 1"));
    assert_non_null(strstr(buf, "\"first_published\": \"2024-04-01\""));
    assert_non_null(strstr(buf, "\"last_published\": \"2024-04-02\""));
    free(buf);
    mem = open_memstream(&buf, &len);
    assert_int_equal(kh_story_write(db, 999, KH_FORMAT_TEXT, mem), KH_ENOTFOUND);
    fclose(mem);
    free(buf);
    kh_db_free(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ingest_twice_changes_nothing),
        cmocka_unit_test(test_schema_and_fields),
        cmocka_unit_test(test_output_formats),
    };
    return cmocka_run_group_tests_name("store", tests, setup, teardown);
}
