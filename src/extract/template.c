/*
 * template.c: corpus-level repetition counting (see template.h).
 *
 * Each dump is folded once (dump_lex.c), split into lines, and every
 * distinct line key is counted once: a per-dump set removes repeats
 * inside the dump (a sidebar printed twice on one page still counts once).
 * The per-dump set is kept in the object and cleared between dumps, so
 * adding N dumps costs O(total bytes).
 */
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "extract/dump_lex.h"
#include "extract/template.h"
#include "text/utf8.h"

struct kh_dump_template {
    kh_dump_hset docs;  /* line key -> number of dumps it occurs in */
    kh_dump_hset seen;  /* line keys of the dump being added */
    size_t ndocs;
    unsigned min_docs;
    double min_share;
};

int kh_dump_template_new(kh_dump_template **out, unsigned min_docs, double min_share)
{
    if (!out)
        return kh_set_error(KH_EINVAL, "kh_dump_template_new: out is NULL");
    *out = NULL;
    if (!(min_share >= 0.0 && min_share <= 1.0))
        return kh_set_error(KH_EINVAL, "kh_dump_template_new: min_share must be in [0, 1]");
    kh_dump_template *t = calloc(1, sizeof *t);
    if (!t)
        return kh_set_error(KH_ENOMEM, "out of memory creating a template counter");
    t->min_docs = min_docs ? min_docs : 3;
    t->min_share = min_share > 0.0 ? min_share : 0.25;
    *out = t;
    return KH_OK;
}

static void seen_clear(kh_dump_hset *h)
{
    if (h->cap) {
        memset(h->keys, 0, h->cap * sizeof *h->keys);
        memset(h->counts, 0, h->cap * sizeof *h->counts);
    }
    h->n = 0;
}

int kh_dump_template_add(kh_dump_template *t, const char *text, size_t len)
{
    if (!t || (!text && len))
        return kh_set_error(KH_EINVAL, "kh_dump_template_add: NULL argument");
    if (kh_utf8_invalid_offset(text, len) != len)
        return kh_set_error(KH_EENCODING, "kh_dump_template_add: dump is not valid UTF-8");
    kh_dump_folded f;
    int rc = kh_dump_fold(text ? text : "", len, &f);
    if (rc)
        return rc;
    seen_clear(&t->seen);
    size_t start = 0;
    while (start < f.len && rc == KH_OK) {
        const char *nl = memchr(f.s + start, '\n', f.len - start);
        size_t end = nl ? (size_t)(nl - f.s) : f.len;
        if (end > start) {
            uint64_t key = kh_dump_line_key(f.s + start, end - start);
            uint32_t c = 0;
            rc = kh_dump_hset_add(&t->seen, key, &c);
            if (rc == KH_OK && c == 1)
                rc = kh_dump_hset_add(&t->docs, key, NULL);
        }
        start = end + 1;
    }
    kh_dump_folded_free(&f);
    if (rc == KH_OK)
        t->ndocs++;
    return rc;
}

size_t kh_dump_template_docs(const kh_dump_template *t)
{
    return t ? t->ndocs : 0;
}

static uint64_t key_of(const char *line, size_t len, int *ok)
{
    *ok = 0;
    if (!line || kh_utf8_invalid_offset(line, len) != len)
        return 0;
    kh_dump_folded f;
    if (kh_dump_fold(line, len, &f) != KH_OK)
        return 0;
    size_t n = f.len;
    while (n > 0 && f.s[n - 1] == '\n')
        n--; /* a line end left on the line ("...\r") */
    uint64_t key = kh_dump_line_key(f.s, n);
    *ok = n > 0 && memchr(f.s, '\n', n) == NULL;
    kh_dump_folded_free(&f);
    return key;
}

unsigned kh_dump_template_count(const kh_dump_template *t, const char *line, size_t len)
{
    int ok;
    if (!t)
        return 0;
    uint64_t key = key_of(line, len, &ok);
    return ok ? kh_dump_hset_get(&t->docs, key) : 0;
}

int kh_dump_template_has_key(const kh_dump_template *t, uint64_t key)
{
    if (!t || t->ndocs == 0)
        return 0;
    uint32_t c = kh_dump_hset_get(&t->docs, key);
    return c >= t->min_docs && (double)c >= t->min_share * (double)t->ndocs;
}

int kh_dump_template_is_template(const kh_dump_template *t, const char *line, size_t len)
{
    int ok;
    if (!t)
        return 0;
    uint64_t key = key_of(line, len, &ok);
    return ok && kh_dump_template_has_key(t, key);
}

void kh_dump_template_free(kh_dump_template *t)
{
    if (!t)
        return;
    kh_dump_hset_free(&t->docs);
    kh_dump_hset_free(&t->seen);
    free(t);
}
