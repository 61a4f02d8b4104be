/*
 * bench_cluster: the story engine's stages timed apart, on a JSONL stream
 * of pre-extracted articles ({"id","lang","published","title","text"}).
 *
 *   bench_cluster STREAM.jsonl [N]
 *
 * Stage 1, representation: analysis (tokens, stems, skeletons), features
 * (TF-IDF channels) and MinHash, for every article, kept in memory.
 * Stage 2, clustering alone: the engine places every article (near-
 * duplicate check, inverted-index retrieval, join or new story, merges,
 * events), closing stories past the time window as the days advance.
 * Prints articles/s of each stage, the stories, and the peak resident
 * memory; with KHABAR_GOLD_OUT=FILE writes "id<TAB>story" lines for
 * scoring against a gold TSV.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <jansson.h>

#include "core/hmap.h"
#include "story/dedup.h"
#include "story/engine.h"
#include "story/features.h"
#include "text/text.h"
#include "time/calendar.h"

typedef struct item {
    char *id;
    kh_fvec vec;
    kh_minhash sig;
    int has_sig;
    kh_article_meta meta;
} item;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The day number of an ISO date (YYYY-MM-DD...), or KH_NO_DAY. */
static int32_t iso_day(const char *s)
{
    kh_ymd g;
    if (!s || sscanf(s, "%4d-%2d-%2d", &g.y, &g.m, &g.d) != 3)
        return KH_NO_DAY;
    return (int32_t)kh_days_from_civil(g);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_cluster STREAM.jsonl [N]\n");
        return 2;
    }
    size_t limit = argc > 2 ? strtoull(argv[2], NULL, 10) : (size_t)-1;
    FILE *f = fopen(argv[1], "r");
    if (!f) {
        perror(argv[1]);
        return 2;
    }
    kh_text *text;
    kh_df df;
    kh_terms terms = {0};
    kh_tokens tokens = {0};
    kh_buf joined = {0};
    if (kh_text_new(&text) != KH_OK || kh_df_init(&df) != KH_OK)
        return 2;
    item *items = NULL;
    size_t n = 0, cap = 0, bytes = 0;
    char *line = NULL;
    size_t lcap = 0;
    ssize_t len;
    double t0 = now();
    while (n < limit && (len = getline(&line, &lcap, f)) > 0) {
        json_t *o = json_loads(line, 0, NULL);
        if (!o)
            continue;
        const char *t = json_string_value(json_object_get(o, "text"));
        const char *title = json_string_value(json_object_get(o, "title"));
        const char *lang = json_string_value(json_object_get(o, "lang"));
        if (!t) {
            json_decref(o);
            continue;
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 4096;
            items = realloc(items, cap * sizeof *items);
        }
        item *it = &items[n++];
        memset(it, 0, sizeof *it);
        const char *id = json_string_value(json_object_get(o, "id"));
        it->id = strdup(id ? id : "");
        joined.len = 0;
        kh_buf_printf(&joined, "%s\n\n%s", title ? title : "", t);
        bytes += joined.len;
        kh_tokens_clear(&tokens);
        kh_text_analyze(text, joined.data, joined.len, lang, &tokens);
        kh_features_build(&tokens, joined.data, &df, &terms, &it->vec);
        kh_df_add(&df, terms.v, terms.n);
        it->has_sig = kh_minhash_of(&tokens, &it->sig);
        it->meta.day = iso_day(json_string_value(json_object_get(o, "published")));
        it->meta.lang = kh_lang_bit(lang);
        json_decref(o);
    }
    double t1 = now();
    kh_engine *engine;
    if (kh_engine_new(&engine, NULL, 1) != KH_OK)
        return 2;
    int32_t newest = KH_NO_DAY;
    int64_t *story_of = malloc((n ? n : 1) * sizeof *story_of);
    kh_hmap merged = {0}; /* story gone -> story kept */
    for (size_t i = 0; i < n; i++) {
        kh_placement p;
        if (kh_engine_place(engine, &items[i].vec, items[i].has_sig ? &items[i].sig : NULL,
                            &items[i].meta, NULL, &p) != KH_OK) {
            fprintf(stderr, "bench_cluster: %s\n", kh_last_error());
            return 1;
        }
        /* merges move earlier articles: recorded here, followed when
         * writing the result (not timed per article) */
        for (size_t a = 0; a < p.nactions; a++)
            if (p.actions[a].kind == KH_ACT_MERGE_STORIES &&
                !kh_hmap_upsert(&merged, (uint64_t)p.actions[a].gone, (uint64_t)p.actions[a].keep,
                                NULL))
                return 2;
        story_of[i] = p.story_id;
        kh_engine_remember(engine, (int64_t)i + 1, items[i].has_sig ? &items[i].sig : NULL, &p,
                           items[i].meta.day);
        if (items[i].meta.day != KH_NO_DAY && (newest == KH_NO_DAY || items[i].meta.day > newest))
            newest = items[i].meta.day;
        if ((i & 511) == 511)
            kh_engine_advance(engine, newest);
    }
    double t2 = now();
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    const kh_engine_stats *st = kh_engine_stats_get(engine);
    printf("articles %zu, %.1f MB of text\n", n, bytes / 1e6);
    printf("representation (analysis, features, MinHash): %.0f articles/s, %.1f MB/s\n",
           n / (t1 - t0), bytes / 1e6 / (t1 - t0));
    printf("clustering alone: %.0f articles/s (%.3f s)\n", n / (t2 - t1), t2 - t1);
    printf("stories %llu new, %llu merged, %llu near-duplicates, %zu open at the end\n",
           (unsigned long long)st->stories_new, (unsigned long long)st->stories_merged,
           (unsigned long long)st->duplicates, kh_cluster_story_count(kh_engine_cluster(engine)));
    printf("peak RSS %.1f MiB (vectors of all %zu articles included)\n", ru.ru_maxrss / 1024.0, n);
    const char *out = getenv("KHABAR_GOLD_OUT");
    if (out) {
        FILE *g = fopen(out, "w");
        for (size_t i = 0; g && i < n; i++) {
            int64_t story = story_of[i];
            for (uint64_t *keep; (keep = kh_hmap_get(&merged, (uint64_t)story)) != NULL;)
                story = (int64_t)*keep;
            fprintf(g, "%s\t%lld\n", items[i].id, (long long)story);
        }
        if (g)
            fclose(g);
    }
    return 0;
}
