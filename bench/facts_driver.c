/*
 * facts_driver.c: the facts benchmark's driver (bench/facts.sh builds it
 * against build/libkhabar.a).
 *
 *   facts_driver FILE.jsonl [ROUNDS]
 *
 * Loads the "text" of every JSONL line into memory, then times, on the same
 * texts in the same process:
 *
 *   tokenize  kh_text_tokenize alone: the baseline every stage pays;
 *   facts     kh_facts_run: tokens, lexicon matches, entities, figures,
 *             attributions (no output);
 *   json      kh_facts_extract_json: the above plus UTF-8 check and JSON.
 *
 * Prints one line per measure: name, seconds, articles/s, MB/s, and the
 * counts found (so that the work is not optimised away).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "facts/facts.h"
#include "khabar.h"
#include "text/text.h"

typedef struct text {
    char *s;
    size_t n;
} text;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: facts_driver FILE.jsonl [ROUNDS]\n");
        return 2;
    }
    int rounds = argc > 2 ? atoi(argv[2]) : 1;
    if (rounds < 1)
        rounds = 1;
    FILE *in = fopen(argv[1], "r");
    if (!in) {
        perror(argv[1]);
        return 2;
    }
    text *v = NULL;
    size_t n = 0, cap = 0, bytes = 0;
    char *line = NULL;
    size_t lcap = 0;
    while (getline(&line, &lcap, in) > 0) {
        json_error_t err;
        json_t *o = json_loads(line, 0, &err);
        json_t *t = o ? json_object_get(o, "text") : NULL;
        if (json_is_string(t)) {
            if (n == cap) {
                cap = cap ? cap * 2 : 1024;
                v = realloc(v, cap * sizeof *v);
                if (!v)
                    return 2;
            }
            v[n].n = json_string_length(t);
            v[n].s = malloc(v[n].n + 1);
            memcpy(v[n].s, json_string_value(t), v[n].n + 1);
            bytes += v[n].n;
            n++;
        }
        json_decref(o);
    }
    free(line);
    fclose(in);
    kh_text *kt = NULL;
    kh_facts *f = NULL;
    if (kh_text_new(&kt) != KH_OK || kh_facts_new(&f) != KH_OK) {
        fprintf(stderr, "facts_driver: %s\n", kh_last_error());
        return 2;
    }
    double mb = (double)bytes * rounds / 1e6, arts = (double)n * rounds;
    printf("texts %zu, %.2f MB, rounds %d\n", n, bytes / 1e6, rounds);

    kh_tokens toks = {0};
    size_t ntok = 0;
    double t0 = now();
    for (int r = 0; r < rounds; r++)
        for (size_t i = 0; i < n; i++) {
            kh_tokens_clear(&toks);
            if (kh_text_tokenize(kt, v[i].s, v[i].n, &toks) != KH_OK)
                return 2;
            ntok += toks.n;
        }
    double t_tok = now() - t0;
    kh_tokens_free(&toks);
    printf("%-9s %8.3f s %9.0f art/s %7.2f MB/s  tokens %zu\n", "tokenize", t_tok, arts / t_tok,
           mb / t_tok, ntok);

    size_t nent = 0, nfig = 0, natt = 0;
    t0 = now();
    for (int r = 0; r < rounds; r++)
        for (size_t i = 0; i < n; i++) {
            if (kh_facts_run(f, v[i].s, v[i].n, NULL) != KH_OK)
                return 2;
            nent += f->res.nent;
            nfig += f->res.nfig;
            natt += f->res.natt;
        }
    double t_facts = now() - t0;
    printf("%-9s %8.3f s %9.0f art/s %7.2f MB/s  entities %zu figures %zu attributions %zu\n",
           "facts", t_facts, arts / t_facts, mb / t_facts, nent, nfig, natt);

    size_t out_bytes = 0;
    t0 = now();
    for (int r = 0; r < rounds; r++)
        for (size_t i = 0; i < n; i++) {
            char *out = NULL;
            if (kh_facts_extract_json(f, v[i].s, v[i].n, NULL, &out) != KH_OK)
                return 2;
            out_bytes += strlen(out);
            kh_free(out);
        }
    double t_json = now() - t0;
    printf("%-9s %8.3f s %9.0f art/s %7.2f MB/s  json %zu bytes\n", "json", t_json, arts / t_json,
           mb / t_json, out_bytes);
    printf("ratio facts/tokenize %.2fx, json/tokenize %.2fx\n", t_facts / t_tok, t_json / t_tok);
    for (size_t i = 0; i < n; i++)
        free(v[i].s);
    free(v);
    kh_facts_free(f);
    kh_text_free(kt);
    return 0;
}
