/*
 * render.c: stories and story listings as text and as JSON.
 *
 * Both formats are built from the same queries; the JSON is documented in
 * docs/json.md and only grows (new keys), never changes meaning. A story's
 * title is its first article's title, or when that has none, the first
 * words of its first article ("lead title").
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/error.h"
#include "report/report.h"
#include "store/store.h"
#include "text/utf8.h"

#define KH_JSON_VERSION 1
#define LEAD_TITLE_WORDS 12
#define EXCERPT_BYTES 240

/* The first words of a text, at most max_words and max_bytes, on one line. */
static char *lead_words(const char *text, size_t max_words, size_t max_bytes)
{
    kh_buf b = {0};
    size_t words = 0, i = 0, len = strlen(text);
    int in_word = 0;
    while (i < len && b.len < max_bytes) {
        size_t at = i;
        uint32_t c = kh_utf8_next(text, &i);
        int space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
        if (space) {
            if (in_word && ++words >= max_words)
                break;
            in_word = 0;
            continue;
        }
        if (!in_word && b.len > 0)
            kh_buf_append_char(&b, ' ');
        in_word = 1;
        kh_buf_append(&b, text + at, i - at);
    }
    int cut = i < len;
    if (cut)
        kh_buf_append_str(&b, "…");
    return kh_buf_detach(&b, NULL);
}

typedef struct story_row {
    int64_t id, event_id, duplicates;
    char *title;
    int64_t size;
    char *first, *last;
    json_t *languages; /* array of strings */
    json_t *articles;  /* array of ids */
} story_row;

static char *col_dup(sqlite3_stmt *st, int i)
{
    const unsigned char *s = sqlite3_column_text(st, i);
    return s ? strdup((const char *)s) : NULL;
}

static const char *story_sql =
    "SELECT s.id, s.title, COUNT(*), "
    "  MIN(CASE WHEN a.published_day IS NOT NULL THEN a.published_at END), "
    "  MAX(CASE WHEN a.published_day IS NOT NULL THEN a.published_at END), "
    "  (SELECT a2.title FROM memberships m2 JOIN articles a2 ON a2.id = m2.article_id "
    "   WHERE m2.story_id = s.id ORDER BY a2.id LIMIT 1), "
    "  (SELECT substr(a2.text, 1, 600) FROM memberships m2 JOIN articles a2 "
    "   ON a2.id = m2.article_id WHERE m2.story_id = s.id ORDER BY a2.id LIMIT 1), "
    "  s.event_id, SUM(m.duplicate) "
    "FROM stories s JOIN memberships m ON m.story_id = s.id "
    "JOIN articles a ON a.id = m.article_id ";

static int row_fill(kh_db *db, sqlite3_stmt *st, story_row *r)
{
    memset(r, 0, sizeof *r);
    r->id = sqlite3_column_int64(st, 0);
    const unsigned char *title = sqlite3_column_text(st, 1);
    if (!title)
        title = sqlite3_column_text(st, 5);
    if (title)
        r->title = strdup((const char *)title);
    else {
        const unsigned char *lead = sqlite3_column_text(st, 6);
        r->title = lead_words(lead ? (const char *)lead : "", LEAD_TITLE_WORDS, 200);
    }
    r->size = sqlite3_column_int64(st, 2);
    r->event_id = sqlite3_column_int64(st, 7);
    r->duplicates = sqlite3_column_int64(st, 8);
    r->first = col_dup(st, 3);
    r->last = col_dup(st, 4);
    r->languages = json_array();
    r->articles = json_array();
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(db->sql,
                           "SELECT a.id, a.lang FROM memberships m JOIN articles a "
                           "ON a.id = m.article_id WHERE m.story_id = ? ORDER BY a.id",
                           -1, &q, NULL) != SQLITE_OK)
        return kh_store_fail(db, "reading a story");
    sqlite3_bind_int64(q, 1, r->id);
    while (sqlite3_step(q) == SQLITE_ROW) {
        json_array_append_new(r->articles, json_integer(sqlite3_column_int64(q, 0)));
        const char *lang = (const char *)sqlite3_column_text(q, 1);
        if (!lang)
            continue;
        size_t i, n = json_array_size(r->languages);
        for (i = 0; i < n; i++)
            if (strcmp(json_string_value(json_array_get(r->languages, i)), lang) == 0)
                break;
        if (i == n)
            json_array_append_new(r->languages, json_string(lang));
    }
    sqlite3_finalize(q);
    return KH_OK;
}

static void row_free(story_row *r)
{
    free(r->title);
    free(r->first);
    free(r->last);
    json_decref(r->languages);
    json_decref(r->articles);
}

static json_t *row_json(const story_row *r)
{
    return json_pack("{s:I, s:I, s:I, s:I, s:O, s:o, s:o, s:o, s:O}", "id", (json_int_t)r->id,
                     "event", (json_int_t)r->event_id, "size", (json_int_t)r->size, "duplicates",
                     (json_int_t)r->duplicates, "languages", r->languages, "first_published",
                     kh_json_str_or_null(r->first), "last_published", kh_json_str_or_null(r->last),
                     "title", kh_json_str_or_null(r->title), "articles", r->articles);
}

static void languages_text(const story_row *r, char *buf, size_t cap)
{
    buf[0] = '\0';
    size_t n = json_array_size(r->languages), len = 0;
    for (size_t i = 0; i < n && len + 1 < cap; i++)
        len += (size_t)snprintf(buf + len, cap - len, "%s%s", i ? "," : "",
                                json_string_value(json_array_get(r->languages, i)));
    if (len >= cap)
        buf[cap - 1] = '\0';
}

static void dates_text(const story_row *r, char *buf, size_t cap)
{
    if (!r->first)
        snprintf(buf, cap, "-");
    else if (strcmp(r->first, r->last) == 0)
        snprintf(buf, cap, "%.10s", r->first);
    else
        snprintf(buf, cap, "%.10s..%.10s", r->first, r->last);
}

static int dump_json(json_t *root, FILE *out)
{
    int rc = json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    fputc('\n', out);
    json_decref(root);
    return rc == 0 ? KH_OK : kh_set_error(KH_EIO, "cannot write JSON");
}

int kh_stories_write(kh_db *db, kh_format format, FILE *out)
{
    if (!db || !out)
        return kh_set_error(KH_EINVAL, "kh_stories_write: bad argument");
    char *sql = NULL;
    if (asprintf(&sql, "%s GROUP BY s.id ORDER BY COUNT(*) DESC, s.id", story_sql) < 0)
        return kh_set_error(KH_ENOMEM, "out of memory");
    sqlite3_stmt *st;
    int prc = sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL);
    free(sql);
    if (prc != SQLITE_OK)
        return kh_store_fail(db, "listing stories");
    json_t *list = json_array();
    int rc = KH_OK;
    if (format == KH_FORMAT_TEXT)
        fprintf(out, "%-6s %-6s %5s  %-8s %-24s %s\n", "STORY", "EVENT", "SIZE", "LANGS", "DATES",
                "TITLE");
    while (rc == KH_OK && sqlite3_step(st) == SQLITE_ROW) {
        story_row r;
        rc = row_fill(db, st, &r);
        if (rc == KH_OK && format == KH_FORMAT_JSON)
            json_array_append_new(list, row_json(&r));
        else if (rc == KH_OK) {
            char langs[64], dates[64];
            languages_text(&r, langs, sizeof langs);
            dates_text(&r, dates, sizeof dates);
            fprintf(out, "%-6lld %-6lld %5lld  %-8s %-24s %s\n", (long long)r.id,
                    (long long)r.event_id, (long long)r.size, langs, dates, r.title ? r.title : "");
        }
        row_free(&r);
    }
    sqlite3_finalize(st);
    if (rc != KH_OK) {
        json_decref(list);
        return rc;
    }
    if (format == KH_FORMAT_JSON)
        return dump_json(json_pack("{s:i, s:o}", "version", KH_JSON_VERSION, "stories", list), out);
    json_decref(list);
    return KH_OK;
}

static json_t *article_json(sqlite3_stmt *q)
{
    const char *text = (const char *)sqlite3_column_text(q, 12);
    char *excerpt = lead_words(text ? text : "", 1000, EXCERPT_BYTES);
    json_t *a = json_pack(
        "{s:I, s:s, s:s, s:I, s:I, s:s, s:o, s:o, s:o, s:o, s:f, s:o, s:o, s:f, s:o}", "id",
        (json_int_t)sqlite3_column_int64(q, 0), "hash", sqlite3_column_text(q, 1), "origin",
        sqlite3_column_text(q, 2), "offset", (json_int_t)sqlite3_column_int64(q, 3), "line",
        (json_int_t)sqlite3_column_int64(q, 4), "format", sqlite3_column_text(q, 5), "ext_id",
        kh_json_str_or_null((const char *)sqlite3_column_text(q, 6)), "url",
        kh_json_str_or_null((const char *)sqlite3_column_text(q, 7)), "source",
        kh_json_str_or_null((const char *)sqlite3_column_text(q, 8)), "lang",
        kh_json_str_or_null((const char *)sqlite3_column_text(q, 9)), "lang_confidence",
        sqlite3_column_double(q, 10), "published",
        kh_json_str_or_null((const char *)sqlite3_column_text(q, 11)), "title",
        kh_json_str_or_null((const char *)sqlite3_column_text(q, 13)), "score",
        sqlite3_column_double(q, 14), "excerpt", kh_json_str_or_null(excerpt));
    free(excerpt);
    const char *at = (const char *)sqlite3_column_text(q, 15);
    json_object_set_new(a, "published_at", kh_json_str_or_null(at));
    json_object_set_new(a, "duplicate_of", sqlite3_column_type(q, 16) == SQLITE_NULL
                                               ? json_null()
                                               : json_integer(sqlite3_column_int64(q, 16)));
    return a;
}

static void article_text(sqlite3_stmt *q, FILE *out)
{
    const char *title = (const char *)sqlite3_column_text(q, 13);
    const char *text = (const char *)sqlite3_column_text(q, 12);
    char *lead = title ? NULL : lead_words(text ? text : "", LEAD_TITLE_WORDS, 200);
    const char *origin = (const char *)sqlite3_column_text(q, 2);
    const char *slash = strrchr(origin, '/');
    fprintf(out, "  [%lld] %-3s %-5s %s%s%s  (score %.2f)\n    %s\n",
            (long long)sqlite3_column_int64(q, 0),
            sqlite3_column_text(q, 9) ? (const char *)sqlite3_column_text(q, 9) : "-",
            (const char *)sqlite3_column_text(q, 5), slash ? slash + 1 : origin,
            sqlite3_column_int64(q, 4) ? ":" : "",
            sqlite3_column_int64(q, 4) ? (const char *)sqlite3_column_text(q, 4) : "",
            sqlite3_column_double(q, 14), title ? title : lead);
    free(lead);
}

int kh_story_write(kh_db *db, int64_t story_id, kh_format format, FILE *out)
{
    if (!db || !out)
        return kh_set_error(KH_EINVAL, "kh_story_write: bad argument");
    char *sql = NULL;
    if (asprintf(&sql, "%s WHERE s.id = ? GROUP BY s.id", story_sql) < 0)
        return kh_set_error(KH_ENOMEM, "out of memory");
    sqlite3_stmt *st;
    int prc = sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL);
    free(sql);
    if (prc != SQLITE_OK)
        return kh_store_fail(db, "reading a story");
    sqlite3_bind_int64(st, 1, story_id);
    if (sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_finalize(st);
        return kh_set_error(KH_ENOTFOUND, "no story %lld", (long long)story_id);
    }
    story_row r;
    int rc = row_fill(db, st, &r);
    sqlite3_finalize(st);
    sqlite3_stmt *q = NULL;
    if (rc == KH_OK &&
        sqlite3_prepare_v2(db->sql,
                           "SELECT a.id, a.hash, a.origin, a.offset, a.line, a.format, a.ext_id, "
                           "a.url, a.source, a.lang, a.lang_confidence, a.published, a.text, "
                           "a.title, m.score, a.published_at, a.duplicate_of "
                           "FROM memberships m JOIN articles a "
                           "ON a.id = m.article_id WHERE m.story_id = ? ORDER BY a.id",
                           -1, &q, NULL) != SQLITE_OK)
        rc = kh_store_fail(db, "reading a story's articles");
    if (rc != KH_OK) {
        row_free(&r);
        return rc;
    }
    sqlite3_bind_int64(q, 1, story_id);
    json_t *articles = json_array();
    if (format == KH_FORMAT_TEXT) {
        char langs[64], dates[64];
        languages_text(&r, langs, sizeof langs);
        dates_text(&r, dates, sizeof dates);
        fprintf(out, "Story %lld: %s\n%lld article(s) · event %lld · languages %s · dates %s\n",
                (long long)r.id, r.title ? r.title : "", (long long)r.size, (long long)r.event_id,
                langs, dates);
    }
    while (sqlite3_step(q) == SQLITE_ROW) {
        if (format == KH_FORMAT_JSON)
            json_array_append_new(articles, article_json(q));
        else
            article_text(q, out);
    }
    sqlite3_finalize(q);
    if (format == KH_FORMAT_JSON) {
        json_t *story = row_json(&r);
        json_object_set_new(story, "articles", articles);
        row_free(&r);
        return dump_json(json_pack("{s:i, s:o}", "version", KH_JSON_VERSION, "story", story), out);
    }
    json_decref(articles);
    row_free(&r);
    return KH_OK;
}
