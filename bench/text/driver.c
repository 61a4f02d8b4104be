/*
 * bench/text/driver.c: throughput of the text layer, one core.
 *
 *   driver FILE [SECONDS [PASS]]     (PASS: run only that pass, 0..5, e.g.
 *                                     under perf; "vs base" is then not shown)
 *
 * FILE holds one text per line. Each pass runs over every text and is
 * repeated until SECONDS (default 2) of CPU time have passed; MB/s is
 * input bytes per CPU second. Passes, in order:
 *
 *   baseline  UTF-8 -> UTF-16 (ICU u_strFromUTF8) + ICU word breaks over
 *             every segment: the floor any ICU-based tokenizer pays
 *   fold      kh_text_fold of the whole text
 *   tokenize  kh_text_tokenize: word breaks + folded key per token
 *   analyze   kh_text_lang + kh_text_analyze: language, tokens, clitics,
 *             stems, skeletons, stopwords (the whole layer)
 *   fold-icu  kh_text_fold with the fast path off (the cost it saves)
 *   analyze, language given
 *             kh_text_analyze with each text's language found beforehand
 *             (as ingest does for a JSONL line that declares its "lang"):
 *             fold + tokenize + stem, what issue 4 names, without language id
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <unicode/ubrk.h>
#include <unicode/ustring.h>

#include "khabar.h"
#include "text/text.h"

typedef struct corpus {
    char *data;
    size_t *start, *len, n, bytes;
} corpus;

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int load(const char *path, corpus *c)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    c->data = malloc((size_t)size + 1);
    if (!c->data || fread(c->data, 1, (size_t)size, f) != (size_t)size)
        return -1;
    fclose(f);
    c->data[size] = '\n';
    size_t cap = 1024;
    c->start = malloc(cap * sizeof *c->start);
    c->len = malloc(cap * sizeof *c->len);
    c->n = c->bytes = 0;
    for (size_t i = 0; i < (size_t)size;) {
        char *nl = memchr(c->data + i, '\n', (size_t)size + 1 - i);
        size_t e = (size_t)(nl - c->data);
        if (e > i) {
            if (c->n == cap) {
                cap *= 2;
                c->start = realloc(c->start, cap * sizeof *c->start);
                c->len = realloc(c->len, cap * sizeof *c->len);
            }
            c->start[c->n] = i;
            c->len[c->n++] = e - i;
            c->bytes += e - i;
        }
        i = e + 1;
    }
    return 0;
}

enum pass { BASELINE, FOLD, TOKENIZE, ANALYZE, FOLD_ICU, ANALYZE_GIVEN };

/* each text's language, found once before the passes (ANALYZE_GIVEN) */
static char (*langs)[8];

static UChar *u16;
static int32_t u16_cap;

static long run_one(kh_text *t, UBreakIterator *bi, enum pass p, size_t idx, const char *s,
                    size_t len, kh_tokens *k)
{
    long n = 0;
    switch (p) {
    case BASELINE: {
        if ((int32_t)len + 1 > u16_cap) {
            u16_cap = (int32_t)len + 1;
            u16 = realloc(u16, sizeof(UChar) * (size_t)u16_cap);
        }
        int32_t m = 0;
        UErrorCode st = U_ZERO_ERROR;
        u_strFromUTF8(u16, u16_cap, &m, s, (int32_t)len, &st);
        ubrk_setText(bi, u16, m, &st);
        for (int32_t b = ubrk_first(bi); b != UBRK_DONE; b = ubrk_next(bi))
            if (ubrk_getRuleStatus(bi) >= UBRK_WORD_LETTER)
                n++;
        break;
    }
    case FOLD:
    case FOLD_ICU: {
        char *out;
        size_t ol;
        t->force_slow = p == FOLD_ICU;
        if (kh_text_fold(t, s, len, &out, &ol) == KH_OK) {
            n = (long)ol;
            kh_free(out);
        }
        t->force_slow = 0;
        break;
    }
    case TOKENIZE:
        kh_tokens_clear(k);
        kh_text_tokenize(t, s, len, k);
        n = (long)k->n;
        break;
    case ANALYZE: {
        kh_lang_guess g;
        kh_tokens_clear(k);
        if (kh_text_lang(t, s, len, &g) == KH_OK)
            kh_text_analyze(t, s, len, g.code, k);
        n = (long)k->n;
        break;
    }
    case ANALYZE_GIVEN:
        kh_tokens_clear(k);
        kh_text_analyze(t, s, len, langs[idx], k);
        n = (long)k->n;
        break;
    }
    return n;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: driver FILE [SECONDS]\n");
        return 2;
    }
    double budget = argc > 2 ? atof(argv[2]) : 2.0;
    corpus c;
    if (load(argv[1], &c) != 0) {
        fprintf(stderr, "driver: cannot read %s\n", argv[1]);
        return 2;
    }
    kh_text *t;
    if (kh_text_new(&t) != KH_OK) {
        fprintf(stderr, "driver: %s\n", kh_last_error());
        return 2;
    }
    UErrorCode st = U_ZERO_ERROR;
    UBreakIterator *bi = ubrk_open(UBRK_WORD, "", NULL, 0, &st);
    kh_tokens k = {0};
    const char *names[] = {"baseline: ICU word breaks", "fold", "tokenize (breaks + fold)",
                           "analyze (lang+tokens+stems+...)", "fold, ICU path only",
                           "analyze, language given"};
    langs = calloc(c.n ? c.n : 1, sizeof *langs);
    for (size_t i = 0; i < c.n; i++) {
        kh_lang_guess g;
        if (kh_text_lang(t, c.data + c.start[i], c.len[i], &g) == KH_OK)
            snprintf(langs[i], sizeof langs[i], "%s", g.code);
    }
    double base = 0;
    printf("%zu texts, %.1f MB\n", c.n, c.bytes / 1e6);
    printf("%-34s %9s %9s %8s\n", "pass", "MB/s", "texts/s", "vs base");
    int only = argc > 3 ? atoi(argv[3]) : -1;
    for (int p = BASELINE; p <= ANALYZE_GIVEN; p++) {
        if (only >= 0 && p != only)
            continue;
        /* warm up once (lazy tables, caches) */
        for (size_t i = 0; i < c.n && i < 50; i++)
            run_one(t, bi, (enum pass)p, i, c.data + c.start[i], c.len[i], &k);
        double t0 = cpu_now(), el = 0;
        size_t bytes = 0, texts = 0;
        long sink = 0;
        do {
            for (size_t i = 0; i < c.n; i++) {
                sink += run_one(t, bi, (enum pass)p, i, c.data + c.start[i], c.len[i], &k);
                bytes += c.len[i];
                texts++;
            }
            el = cpu_now() - t0;
        } while (el < budget);
        double mbs = bytes / 1e6 / el;
        if (p == BASELINE)
            base = mbs;
        if (base > 0)
            printf("%-34s %9.1f %9.0f %7.2fx%s\n", names[p], mbs, texts / el, mbs / base,
                   sink < 0 ? "!" : "");
        else
            printf("%-34s %9.1f %9.0f %8s%s\n", names[p], mbs, texts / el, "-",
                   sink < 0 ? "!" : "");
    }
    kh_tokens_free(&k);
    free(langs);
    ubrk_close(bi);
    kh_text_free(t);
    free(u16);
    return 0;
}
