/*
 * driver.c: khabar's side of bench/extract.
 *
 *   driver HTML_DIR OUT.json
 *
 * Reads every HTML_DIR/<id>.html.gz (decompression is not timed), then
 * times charset detection + conversion + kh_html_extract() over all pages
 * on one thread and writes {"<id>": {"articleBody": ...}} in the format of
 * the benchmark's evaluate.py. Prints "pages bytes seconds" on stdout.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <zlib.h>

#include "khabar.h"
#include "extract/html.h"
#include "io/charset.h"

typedef struct page {
    char id[128];
    char *bytes;
    size_t len;
} page;

static char *read_gz(const char *path, size_t *len)
{
    gzFile f = gzopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *b = malloc(cap);
    for (;;) {
        if (n == cap) {
            cap *= 2;
            b = realloc(b, cap);
        }
        int r = gzread(f, b + n, (unsigned)(cap - n));
        if (r <= 0)
            break;
        n += (size_t)r;
    }
    gzclose(f);
    *len = n;
    return b;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: driver HTML_DIR OUT.json\n");
        return 2;
    }
    DIR *d = opendir(argv[1]);
    if (!d) {
        perror(argv[1]);
        return 2;
    }
    page *pages = NULL;
    size_t np = 0, cap = 0, total = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t n = strlen(e->d_name);
        if (n < 9 || strcmp(e->d_name + n - 8, ".html.gz") != 0 || n - 8 >= 128)
            continue;
        if (np == cap) {
            cap = cap ? cap * 2 : 256;
            pages = realloc(pages, cap * sizeof *pages);
        }
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", argv[1], e->d_name);
        page *p = &pages[np];
        memcpy(p->id, e->d_name, n - 8);
        p->id[n - 8] = '\0';
        p->bytes = read_gz(path, &p->len);
        if (!p->bytes)
            continue;
        total += p->len;
        np++;
    }
    closedir(d);
    json_t *root = json_object();
    double spent = 0;
    int failures = 0;
    for (size_t i = 0; i < np; i++) {
        double t0 = now();
        char *utf8 = NULL, name[64];
        size_t ulen = 0;
        kh_extracted x;
        memset(&x, 0, sizeof x);
        int rc = kh_charset_to_utf8(pages[i].bytes, pages[i].len, NULL, &utf8, &ulen, name,
                                    sizeof name);
        if (rc == 0)
            rc = kh_html_extract(utf8, ulen, &x);
        spent += now() - t0;
        if (rc != 0) {
            fprintf(stderr, "%s: %s\n", pages[i].id, kh_last_error());
            failures++;
        }
        json_t *o = json_object();
        json_object_set_new(o, "articleBody", json_string(x.body ? x.body : ""));
        json_object_set_new(root, pages[i].id, o);
        kh_extracted_free(&x);
        free(utf8);
    }
    if (json_dump_file(root, argv[2], JSON_INDENT(1) | JSON_SORT_KEYS) != 0) {
        fprintf(stderr, "cannot write %s\n", argv[2]);
        return 2;
    }
    json_decref(root);
    printf("%zu %zu %.6f\n", np, total, spent);
    for (size_t i = 0; i < np; i++)
        free(pages[i].bytes);
    free(pages);
    return failures ? 1 : 0;
}
