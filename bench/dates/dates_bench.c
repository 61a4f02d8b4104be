/*
 * dates_bench.c: throughput of the date scanner on article bodies.
 *
 *   dates_bench FILE.csv
 *
 * Reads the text1 / text2 columns of a SemEval-2022 Task 8 CSV (RFC 4180),
 * then times, over the same bodies and in the same run:
 *   baseline  UTF-8 validation plus a copy of the bytes;
 *   scan      kh_dates_scan() with an anchor (tokens, grammar, resolution,
 *             JSON), the whole public path;
 * each repeated until a second has passed, and prints MB/s and the ratio.
 * Uses only the public API (plus the UTF-8 check of the text layer).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "khabar.h"
#include "text/utf8.h"

typedef struct body {
    char *s;
    size_t n;
    char lang[4];
} body;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* One RFC 4180 field starting at *p; returns a malloc'd copy. */
static char *csv_field(const char **p, const char *end, int *eol)
{
    size_t cap = 256, n = 0;
    char *out = malloc(cap);
    const char *s = *p;
    int quoted = s < end && *s == '"';
    if (!out)
        exit(2);
    s += quoted;
    while (s < end) {
        char c = *s;
        if (quoted && c == '"') {
            if (s + 1 < end && s[1] == '"') {
                s += 2;
                c = '"';
            } else {
                quoted = 0;
                s++;
                continue;
            }
        } else if (!quoted && (c == ',' || c == '\n')) {
            break;
        } else {
            s++;
        }
        if (n + 1 >= cap && !(out = realloc(out, cap *= 2)))
            exit(2);
        out[n++] = c;
    }
    out[n] = '\0';
    *eol = s >= end || *s == '\n';
    *p = s < end ? s + 1 : end;
    return out;
}

static body *read_csv(const char *path, size_t *count)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    const long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *all = malloc((size_t)size + 1);
    if (!all || fread(all, 1, (size_t)size, f) != (size_t)size)
        exit(2);
    fclose(f);
    const char *p = all, *end = all + size;
    size_t n = 0, cap = 1024, row = 0;
    body *v = malloc(cap * sizeof *v);
    while (p < end) {
        char *fields[16] = {0};
        int nf = 0, eol = 0;
        while (!eol && p < end) {
            char *x = csv_field(&p, end, &eol);
            if (nf < 16)
                fields[nf++] = x;
            else
                free(x);
        }
        if (row++ > 0 && nf >= 6) {
            for (int k = 4; k <= 5; k++) {
                if (n + 1 >= cap && !(v = realloc(v, (cap *= 2) * sizeof *v)))
                    exit(2);
                v[n].s = fields[k];
                v[n].n = strlen(fields[k]);
                snprintf(v[n].lang, sizeof v[n].lang, "%s", fields[k - 2]);
                fields[k] = NULL;
                n++;
            }
        }
        for (int k = 0; k < nf; k++)
            free(fields[k]);
    }
    free(all);
    *count = n;
    return v;
}

int main(int argc, char **argv)
{
    size_t n = 0, bytes = 0, invalid = 0, found = 0;
    if (argc != 2) {
        fprintf(stderr, "usage: dates_bench FILE.csv\n");
        return 2;
    }
    body *v = read_csv(argv[1], &n);
    if (!v) {
        perror(argv[1]);
        return 2;
    }
    for (size_t i = 0; i < n; i++) {
        if (kh_utf8_invalid_offset(v[i].s, v[i].n) != v[i].n) {
            v[i].n = 0; /* not text: left out of both passes */
            invalid++;
        }
        bytes += v[i].n;
    }
    kh_dates *d;
    if (kh_dates_new(&d) != KH_OK) {
        fprintf(stderr, "kh_dates_new: %s\n", kh_last_error());
        return 2;
    }
    char *copy = malloc(1 << 22);
    volatile size_t sink = 0;
    double t0 = now(), t;
    int base_passes = 0, scan_passes = 0;
    do {
        for (size_t i = 0; i < n; i++) {
            sink += kh_utf8_invalid_offset(v[i].s, v[i].n);
            memcpy(copy, v[i].s, v[i].n < (1u << 22) ? v[i].n : (1u << 22));
            sink += (unsigned char)copy[0];
        }
        base_passes++;
    } while ((t = now() - t0) < 1.0);
    const double base_mbs = (double)bytes * base_passes / t / 1e6;
    t0 = now();
    do {
        for (size_t i = 0; i < n; i++) {
            char *json = NULL;
            if (kh_dates_scan(d, v[i].s, v[i].n, "2024-04-02", &json) != KH_OK) {
                fprintf(stderr, "scan failed: %s\n", kh_last_error());
                return 2;
            }
            if (scan_passes == 0)
                for (const char *q = json; (q = strstr(q, "\"start\":")) != NULL; q++)
                    found++;
            kh_free(json);
        }
        scan_passes++;
    } while ((t = now() - t0) < 1.0);
    const double scan_mbs = (double)bytes * scan_passes / t / 1e6;
    printf("dates bench: %zu bodies (%zu not UTF-8, skipped), %.1f MB, %zu expressions found\n",
           n, invalid, (double)bytes / 1e6, found);
    printf("dates bench: baseline (validate+copy) %.1f MB/s, %d passes\n", base_mbs, base_passes);
    printf("dates bench: kh_dates_scan %.1f MB/s, %d passes\n", scan_mbs, scan_passes);
    printf("dates bench: scan / baseline = %.4f (baseline is %.0fx faster)\n",
           scan_mbs / base_mbs, base_mbs / scan_mbs);
    kh_dates_free(d);
    for (size_t i = 0; i < n; i++)
        free(v[i].s);
    free(v);
    free(copy);
    return (int)(sink & 0);
}
