/*
 * report.c: the report model of a story or an event (see report.h), and
 * kh_report_write() (khabar.h).
 *
 *   store -> articles of the story (or of every story of the event), in
 *            publication order
 *         -> facts of each original article (facts/, one pass each)
 *         -> model: title, time span, outlets, languages, summary,
 *            timeline, entities (merged by their cross-language key),
 *            figures per source with their classification, attributions
 *            and the claims they dispute, near-duplicates
 *         -> JSON as is, or text / HTML (report_render.c)
 *
 * Disputes pair each attributed claim with the denials, professions of
 * ignorance and non-answers in the same report whose content shares a
 * named entity with it: "Reuters: Iran warned Russia" against "Peskov: I
 * have no information that Iran warned Russia".
 */
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/grow.h"
#include "report/report.h"
#include "store/store.h"

#define KH_REPORT_VERSION 1
#define SUMMARY_SENTENCES 4
#define MAX_CLAIMS 6 /* claims listed against one challenge */

typedef struct articles {
    kh_report_article *v;
    size_t n, cap;
} articles;

static char *dup_col(sqlite3_stmt *st, int i)
{
    const unsigned char *s = sqlite3_column_text(st, i);
    return s ? strdup((const char *)s) : NULL;
}

static void articles_free(articles *a)
{
    for (size_t i = 0; i < a->n; i++) {
        free((char *)a->v[i].outlet);
        free((char *)a->v[i].lang);
        free((char *)a->v[i].published_at);
        free((char *)a->v[i].title);
        free((char *)a->v[i].text);
        json_decref(a->v[i].facts);
    }
    free(a->v);
}

static int load_articles(kh_db *db, int64_t id, int is_event, articles *out)
{
    const char *sql =
        "SELECT a.id, m.story_id, a.duplicate_of, "
        "  COALESCE(a.source, 'unknown (' || "
        "    replace(a.origin, rtrim(a.origin, replace(a.origin, '/', '')), '') || ')'), "
        "  a.lang, a.published_at, a.published_day, COALESCE(a.title, ''), a.text, a.facts "
        "FROM articles a JOIN memberships m ON m.article_id = a.id "
        "JOIN stories s ON s.id = m.story_id WHERE %s = ? "
        "ORDER BY a.published_day IS NULL, a.published_day, a.published_at, a.id";
    char query[800];
    snprintf(query, sizeof query, sql, is_event ? "s.event_id" : "s.id");
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->sql, query, -1, &st, NULL) != SQLITE_OK)
        return kh_store_fail(db, "reading a story's articles");
    sqlite3_bind_int64(st, 1, id);
    int rc = KH_OK;
    while (rc == KH_OK && sqlite3_step(st) == SQLITE_ROW) {
        kh_report_article *v = kh_grow(out->v, &out->cap, out->n, sizeof *v, 16);
        if (!v) {
            rc = kh_set_error(KH_ENOMEM, "out of memory");
            break;
        }
        out->v = v;
        kh_report_article *a = &out->v[out->n++];
        memset(a, 0, sizeof *a);
        a->id = sqlite3_column_int64(st, 0);
        a->story_id = sqlite3_column_int64(st, 1);
        a->duplicate_of = sqlite3_column_int64(st, 2);
        a->outlet = dup_col(st, 3);
        a->lang = dup_col(st, 4);
        a->published_at = dup_col(st, 5);
        a->day = sqlite3_column_type(st, 6) == SQLITE_NULL ? INT32_MIN
                                                           : (int32_t)sqlite3_column_int64(st, 6);
        a->title = dup_col(st, 7);
        a->text = dup_col(st, 8);
        const char *facts = (const char *)sqlite3_column_text(st, 9);
        if (facts && !a->duplicate_of)
            a->facts = json_loads(facts, 0, NULL); /* stored at ingest */
    }
    sqlite3_finalize(st);
    if (rc == KH_OK && out->n == 0)
        rc = kh_set_error(KH_ENOTFOUND, "no %s %lld", is_event ? "event" : "story", (long long)id);
    return rc;
}

/* Facts of the articles ingested without them (khabar ingest --no-facts). */
static int extract_facts(articles *a)
{
    size_t missing = 0;
    for (size_t i = 0; i < a->n; i++)
        missing += !a->v[i].duplicate_of && !a->v[i].facts;
    if (!missing)
        return KH_OK;
    kh_facts *f;
    int rc = kh_facts_new(&f);
    for (size_t i = 0; rc == KH_OK && i < a->n; i++) {
        if (a->v[i].duplicate_of || a->v[i].facts)
            continue; /* a copy states nothing new */
        char *json = NULL;
        rc = kh_facts_extract_json(f, a->v[i].text, strlen(a->v[i].text), a->v[i].lang, &json);
        if (rc == KH_OK)
            a->v[i].facts = json_loads(json, 0, NULL);
        kh_free(json);
    }
    kh_facts_free(f);
    return rc;
}

/* ---- parts of the model ---------------------------------------------- */

static void add_unique(json_t *arr, json_t *item)
{
    size_t i;
    json_t *x;
    json_array_foreach(arr, i, x) if (json_equal(x, item))
    {
        json_decref(item);
        return;
    }
    json_array_append_new(arr, item);
}

static json_t *outlets(const articles *a)
{
    json_t *out = json_array();
    for (size_t i = 0; i < a->n; i++) {
        size_t k;
        json_t *o, *found = NULL;
        json_array_foreach(out, k, o) if (strcmp(json_string_value(json_object_get(o, "name")),
                                                 a->v[i].outlet) == 0) found = o;
        if (!found) {
            found = json_pack("{s:s, s:[]}", "name", a->v[i].outlet, "articles");
            json_array_append_new(out, found);
        }
        json_array_append_new(json_object_get(found, "articles"), json_integer(a->v[i].id));
    }
    return out;
}

static json_t *timeline(const articles *a)
{
    json_t *out = json_array();
    for (size_t i = 0; i < a->n; i++) {
        const kh_report_article *x = &a->v[i];
        json_array_append_new(
            out, json_pack("{s:I, s:I, s:o, s:s, s:o, s:s, s:o}", "article", (json_int_t)x->id,
                           "story", (json_int_t)x->story_id, "published",
                           kh_json_str_or_null(x->published_at), "outlet", x->outlet, "lang",
                           kh_json_str_or_null(x->lang), "title", x->title, "duplicate_of",
                           x->duplicate_of ? json_integer(x->duplicate_of) : json_null()));
    }
    return out;
}

/* Entities merged by key: type, mentions, articles, forms per language. */
static json_t *entities(const articles *a)
{
    json_t *by_key = json_object(), *order = json_array();
    for (size_t i = 0; i < a->n; i++) {
        size_t k;
        json_t *e;
        json_array_foreach(json_object_get(a->v[i].facts, "entities"), k, e)
        {
            const char *key = json_string_value(json_object_get(e, "key"));
            if (!key)
                continue;
            json_t *agg = json_object_get(by_key, key);
            if (!agg) {
                agg = json_pack("{s:s, s:O, s:O, s:i, s:[], s:{}}", "key", key, "type",
                                json_object_get(e, "type"), "subtype", json_object_get(e, "subtype"),
                                "mentions", 0, "articles", "forms");
                json_object_set_new(by_key, key, agg);
                json_array_append(order, agg);
            }
            json_object_set_new(agg, "mentions",
                                json_integer(json_integer_value(json_object_get(agg, "mentions")) + 1));
            add_unique(json_object_get(agg, "articles"), json_integer(a->v[i].id));
            const char *lang = a->v[i].lang ? a->v[i].lang : "und";
            json_t *forms = json_object_get(json_object_get(agg, "forms"), lang);
            if (!forms) {
                forms = json_array();
                json_object_set_new(json_object_get(agg, "forms"), lang, forms);
            }
            add_unique(forms, json_copy(json_object_get(e, "text")));
        }
    }
    json_decref(by_key);
    return order;
}

static json_t *attributions(const articles *a)
{
    json_t *out = json_array();
    for (size_t i = 0; i < a->n; i++) {
        size_t k;
        json_t *x;
        json_array_foreach(json_object_get(a->v[i].facts, "attributions"), k, x)
        {
            json_t *speaker = json_object_get(x, "speaker");
            json_t *content = json_object_get(x, "content");
            json_t *cites = json_array(), *c;
            size_t j;
            json_array_foreach(json_object_get(x, "cites"), j, c)
                json_array_append(cites, json_object_get(c, "text"));
            json_array_append_new(
                out, json_pack("{s:I, s:s, s:O?, s:O?, s:O?, s:s?, s:o}", "article",
                               (json_int_t)a->v[i].id, "outlet", a->v[i].outlet, "speaker",
                               json_object_get(speaker, "text"), "speaker_key",
                               json_object_get(json_object_get(speaker, "entity"), "key"),
                               "stance", json_object_get(x, "stance"), "content",
                               json_string_value(json_object_get(content, "text")), "cites",
                               cites));
        }
    }
    return out;
}

/* The entity keys of an article's entities inside a span, into keys
 * (at most max); returns how many. */
static size_t keys_in(const kh_report_article *art, json_t *span, const char **keys, size_t max)
{
    json_int_t start = json_integer_value(json_object_get(span, "start")),
               end = json_integer_value(json_object_get(span, "end"));
    size_t n = 0, i;
    json_t *e;
    json_array_foreach(json_object_get(art->facts, "entities"), i, e)
    {
        json_int_t at = json_integer_value(json_object_get(e, "start"));
        const char *key = json_string_value(json_object_get(e, "key"));
        if (at < start || at >= end || !key || n == max)
            continue;
        size_t k = 0;
        while (k < n && strcmp(keys[k], key) != 0)
            k++;
        if (k == n)
            keys[n++] = key;
    }
    return n;
}

/* A claim answers to a challenge when its content names every entity the
 * challenge's content names (at least two): "Iran warned Russia" for "I
 * have no information that Iran warned Russia". */
static int answers(const kh_report_article *ca, json_t *challenge, const kh_report_article *cl,
                   json_t *claim)
{
    const char *want[16], *have[32];
    size_t nw = keys_in(ca, json_object_get(challenge, "content"), want, 16);
    size_t nh = keys_in(cl, json_object_get(claim, "content"), have, 32);
    if (nw < 2)
        return 0;
    for (size_t i = 0; i < nw; i++) {
        size_t k = 0;
        while (k < nh && strcmp(want[i], have[k]) != 0)
            k++;
        if (k == nh)
            return 0;
    }
    return 1;
}

static int is_challenge(const char *stance)
{
    return stance && (strcmp(stance, "denial") == 0 || strcmp(stance, "ignorance") == 0 ||
                      strcmp(stance, "no_answer") == 0);
}

/* Each challenge (denial, ignorance, no answer) with the claims of other
 * speakers it answers: contents that share a named entity. */
static json_t *disputes(const articles *a)
{
    json_t *out = json_array();
    for (size_t i = 0; i < a->n; i++) {
        size_t k, j;
        json_t *ch, *cl;
        json_array_foreach(json_object_get(a->v[i].facts, "attributions"), k, ch)
        {
            const char *stance = json_string_value(json_object_get(ch, "stance"));
            if (!is_challenge(stance))
                continue;
            const char *who = json_string_value(json_object_get(json_object_get(ch, "speaker"), "text"));
            if (!who || !*who)
                continue; /* a stance without a speaker attributes nothing */
            json_t *claims = json_array();
            for (size_t i2 = 0; i2 < a->n; i2++)
                json_array_foreach(json_object_get(a->v[i2].facts, "attributions"), j, cl)
                {
                    const char *s2 = json_string_value(json_object_get(cl, "stance"));
                    json_t *content = json_object_get(cl, "content");
                    if (!s2 || strcmp(s2, "claim") != 0 || !json_is_object(content) ||
                        json_array_size(claims) >= MAX_CLAIMS ||
                        !answers(&a->v[i], ch, &a->v[i2], cl))
                        continue;
                    json_array_append_new(
                        claims,
                        json_pack("{s:I, s:s, s:O?, s:O?}", "article", (json_int_t)a->v[i2].id,
                                  "outlet", a->v[i2].outlet, "speaker",
                                  json_object_get(json_object_get(cl, "speaker"), "text"),
                                  "content", json_object_get(content, "text")));
                }
            json_array_append_new(
                out, json_pack("{s:I, s:s, s:O?, s:s, s:O?, s:o}", "article",
                               (json_int_t)a->v[i].id, "outlet", a->v[i].outlet, "speaker",
                               json_object_get(json_object_get(ch, "speaker"), "text"), "stance",
                               stance, "content",
                               json_object_get(json_object_get(ch, "content"), "text"), "claims",
                               claims));
        }
    }
    return out;
}

static json_t *duplicates(const articles *a)
{
    json_t *out = json_array();
    for (size_t i = 0; i < a->n; i++)
        if (a->v[i].duplicate_of)
            json_array_append_new(out, json_pack("{s:I, s:I, s:s}", "article",
                                                 (json_int_t)a->v[i].id, "duplicate_of",
                                                 (json_int_t)a->v[i].duplicate_of, "outlet",
                                                 a->v[i].outlet));
    return out;
}

static json_t *languages(const articles *a)
{
    json_t *out = json_array();
    for (size_t i = 0; i < a->n; i++)
        if (a->v[i].lang)
            add_unique(out, json_string(a->v[i].lang));
    return out;
}

static json_t *story_ids(const articles *a)
{
    json_t *out = json_array();
    for (size_t i = 0; i < a->n; i++)
        add_unique(out, json_integer(a->v[i].story_id));
    return out;
}

/* The report's title: the story's (its founding article's), or for an
 * event its largest story's; else the first titled article's. */
static json_t *title_of(kh_db *db, const articles *a, int64_t id, int is_event)
{
    sqlite3_stmt *st;
    json_t *title = NULL;
    const char *sql = is_event ? "SELECT title FROM stories WHERE event_id = ? AND title <> '' "
                                 "AND merged_into IS NULL ORDER BY size DESC, id LIMIT 1"
                               : "SELECT title FROM stories WHERE id = ? AND title <> ''";
    if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, id);
        if (sqlite3_step(st) == SQLITE_ROW)
            title = json_string((const char *)sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
    }
    for (size_t i = 0; !title && i < a->n; i++)
        if (a->v[i].title && *a->v[i].title)
            title = json_string(a->v[i].title);
    return title ? title : json_string("");
}

static json_t *span_bound(const articles *a, int last)
{
    const char *best = NULL;
    for (size_t i = 0; i < a->n; i++) {
        const char *p = a->v[i].published_at;
        if (!p || a->v[i].day == INT32_MIN)
            continue;
        if (!best || (last ? strcmp(p, best) > 0 : strcmp(p, best) < 0))
            best = p;
    }
    return kh_json_str_or_null(best);
}

static int build(kh_db *db, int64_t id, int is_event, const char *lang, json_t **out)
{
    articles a = {0};
    kh_text *text = NULL;
    kh_dates *dates = NULL;
    int rc = load_articles(db, id, is_event, &a);
    if (rc == KH_OK)
        rc = extract_facts(&a);
    if (rc == KH_OK && (rc = kh_text_new(&text)) == KH_OK)
        rc = kh_dates_new(&dates);
    if (rc == KH_OK) {
        int64_t event = 0;
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(db->sql, "SELECT event_id FROM stories WHERE id = ?", -1, &st,
                               NULL) == SQLITE_OK) {
            sqlite3_bind_int64(st, 1, a.v[0].story_id);
            if (sqlite3_step(st) == SQLITE_ROW)
                event = sqlite3_column_int64(st, 0);
            sqlite3_finalize(st);
        }
        *out = json_pack(
            "{s:s, s:I, s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
            "kind", is_event ? "event" : "story", "id", (json_int_t)id, "event",
            (json_int_t)(is_event ? id : event), "stories", story_ids(&a), "title", title_of(db, &a, id, is_event),
            "first_published", span_bound(&a, 0), "last_published", span_bound(&a, 1),
            "languages", languages(&a), "outlets", outlets(&a), "summary",
            kh_report_summary(text, a.v, a.n, lang, SUMMARY_SENTENCES), "timeline", timeline(&a),
            "entities", entities(&a), "figures", kh_report_figures(dates, a.v, a.n),
            "attributions", attributions(&a), "disputes", disputes(&a), "duplicates",
            duplicates(&a));
        if (!*out)
            rc = kh_set_error(KH_ENOMEM, "out of memory building the report");
    }
    kh_text_free(text);
    kh_dates_free(dates);
    articles_free(&a);
    return rc;
}

int kh_report_write(kh_db *db, int64_t id, int is_event, const char *lang, kh_format format,
                    FILE *out)
{
    if (!db || !out || id <= 0)
        return kh_set_error(KH_EINVAL, "kh_report_write: bad argument");
    json_t *report = NULL;
    int rc = build(db, id, is_event, lang, &report);
    if (rc != KH_OK)
        return rc;
    if (format == KH_FORMAT_JSON) {
        json_t *root = json_pack("{s:i, s:o}", "version", KH_REPORT_VERSION, "report", report);
        rc = json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0
                 ? KH_OK
                 : kh_set_error(KH_EIO, "cannot write the report");
        fputc('\n', out);
        json_decref(root);
        return rc;
    }
    rc = format == KH_FORMAT_HTML ? kh_report_render_html(report, out)
                                  : kh_report_render_text(report, out);
    json_decref(report);
    return rc;
}
