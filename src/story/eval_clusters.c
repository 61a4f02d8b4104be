/*
 * eval_clusters.c: the stored stories against a gold clustering
 * (kh_eval_clusters_write in khabar.h).
 *
 * Gold lines are "article_id<TAB>story_id" ('#' lines and a header line
 * whose first field is "article_id" are skipped). An article id is looked
 * up first as an input id (articles.ext_id), then as a store id. Gold
 * story ids are arbitrary strings, hashed to labels.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <xxhash.h>

#include "core/error.h"
#include "store/store.h"
#include "story/eval.h"

typedef struct labels {
    int64_t *predicted, *gold;
    size_t n, cap;
    size_t missing, lines;
} labels;

static int labels_push(labels *l, int64_t predicted, int64_t gold)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 1024;
        int64_t *p = realloc(l->predicted, cap * sizeof *p);
        if (p)
            l->predicted = p;
        int64_t *g = realloc(l->gold, cap * sizeof *g);
        if (g)
            l->gold = g;
        if (!p || !g)
            return kh_set_error(KH_ENOMEM, "out of memory");
        l->cap = cap;
    }
    l->predicted[l->n] = predicted;
    l->gold[l->n++] = gold;
    return KH_OK;
}

/* The story of an article named by input id or store id; 0 when unknown. */
static int64_t story_of(sqlite3_stmt *by_ext, sqlite3_stmt *by_id, const char *article)
{
    int64_t story = 0;
    sqlite3_reset(by_ext);
    sqlite3_bind_text(by_ext, 1, article, -1, SQLITE_STATIC);
    if (sqlite3_step(by_ext) == SQLITE_ROW)
        story = sqlite3_column_int64(by_ext, 0);
    if (!story) {
        char *end;
        long long id = strtoll(article, &end, 10);
        if (*article && !*end) {
            sqlite3_reset(by_id);
            sqlite3_bind_int64(by_id, 1, id);
            if (sqlite3_step(by_id) == SQLITE_ROW)
                story = sqlite3_column_int64(by_id, 0);
        }
    }
    return story;
}

static int read_gold(kh_db *db, FILE *f, labels *l)
{
    sqlite3_stmt *by_ext = NULL, *by_id = NULL;
    if (sqlite3_prepare_v2(db->sql,
                           "SELECT m.story_id FROM articles a JOIN memberships m "
                           "ON m.article_id = a.id WHERE a.ext_id = ? ORDER BY a.id LIMIT 1",
                           -1, &by_ext, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db->sql, "SELECT story_id FROM memberships WHERE article_id = ?", -1,
                           &by_id, NULL) != SQLITE_OK) {
        sqlite3_finalize(by_ext);
        return kh_store_fail(db, "reading stories");
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int rc = KH_OK;
    while (rc == KH_OK && (n = getline(&line, &cap, f)) >= 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        char *tab = strchr(line, '\t');
        if (n == 0 || line[0] == '#' || !tab)
            continue;
        *tab = '\0';
        if (strcmp(line, "article_id") == 0)
            continue;
        l->lines++;
        int64_t story = story_of(by_ext, by_id, line);
        if (!story) {
            l->missing++;
            continue;
        }
        const char *gold = tab + 1;
        rc = labels_push(l, story, (int64_t)(XXH3_64bits(gold, strlen(gold)) >> 1));
    }
    free(line);
    sqlite3_finalize(by_ext);
    sqlite3_finalize(by_id);
    return rc;
}

int kh_eval_clusters_write(kh_db *db, const char *gold_tsv_path, kh_format format, FILE *out)
{
    if (!db || !gold_tsv_path || !out)
        return kh_set_error(KH_EINVAL, "kh_eval_clusters_write: bad argument");
    FILE *f = fopen(gold_tsv_path, "r");
    if (!f)
        return kh_set_error(KH_EIO, "cannot open %s", gold_tsv_path);
    labels l = {0};
    int rc = read_gold(db, f, &l);
    fclose(f);
    kh_cluster_scores s;
    if (rc == KH_OK)
        rc = kh_cluster_scores_compute(l.predicted, l.gold, l.n, &s);
    if (rc == KH_OK && format == KH_FORMAT_JSON) {
        json_t *root = json_pack("{s:I, s:I, s:{s:f, s:f, s:f}, s:{s:f, s:f, s:f}}", "articles",
                                 (json_int_t)l.n, "missing", (json_int_t)l.missing, "pairwise",
                                 "precision", s.pair_p, "recall", s.pair_r, "f1", s.pair_f1,
                                 "bcubed", "precision", s.bcubed_p, "recall", s.bcubed_r, "f1",
                                 s.bcubed_f1);
        json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        fputc('\n', out);
        json_decref(root);
    } else if (rc == KH_OK) {
        fprintf(out, "articles: %zu in gold and store (%zu gold lines not in the store)\n", l.n,
                l.missing);
        fprintf(out, "pairwise  precision %.3f  recall %.3f  F1 %.3f\n", s.pair_p, s.pair_r,
                s.pair_f1);
        fprintf(out, "BCubed    precision %.3f  recall %.3f  F1 %.3f\n", s.bcubed_p, s.bcubed_r,
                s.bcubed_f1);
    }
    free(l.predicted);
    free(l.gold);
    return rc;
}
