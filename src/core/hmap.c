/*
 * hmap.c: 64-bit open-addressing hash map (see hmap.h).
 *
 * The table doubles when it would pass half full; with keys that are good
 * hashes already, the mean probe length stays below 1.5.
 */
#include <stdlib.h>
#include <string.h>

#include "core/hmap.h"

static inline uint64_t fix_key(uint64_t key) { return key ? key : 1; }

static int grow(kh_hmap *m)
{
    size_t cap = m->cap ? m->cap * 2 : 64;
    uint64_t *keys = calloc(cap, sizeof *keys), *vals = malloc(cap * sizeof *vals);
    if (!keys || !vals) {
        free(keys);
        free(vals);
        return -1;
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i])
            continue;
        size_t j = m->keys[i] & (cap - 1);
        while (keys[j])
            j = (j + 1) & (cap - 1);
        keys[j] = m->keys[i];
        vals[j] = m->vals[i];
    }
    free(m->keys);
    free(m->vals);
    m->keys = keys;
    m->vals = vals;
    m->cap = cap;
    return 0;
}

uint64_t *kh_hmap_upsert(kh_hmap *m, uint64_t key, uint64_t init, int *inserted)
{
    key = fix_key(key);
    if ((m->n + 1) * 2 > m->cap && grow(m) != 0)
        return NULL;
    size_t i = key & (m->cap - 1);
    while (m->keys[i] && m->keys[i] != key)
        i = (i + 1) & (m->cap - 1);
    if (inserted)
        *inserted = !m->keys[i];
    if (!m->keys[i]) {
        m->keys[i] = key;
        m->vals[i] = init;
        m->n++;
    }
    return &m->vals[i];
}

uint64_t *kh_hmap_get(const kh_hmap *m, uint64_t key)
{
    if (!m->cap)
        return NULL;
    key = fix_key(key);
    size_t i = key & (m->cap - 1);
    while (m->keys[i]) {
        if (m->keys[i] == key)
            return &m->vals[i];
        i = (i + 1) & (m->cap - 1);
    }
    return NULL;
}

void kh_hmap_clear(kh_hmap *m)
{
    if (m->cap)
        memset(m->keys, 0, m->cap * sizeof *m->keys);
    m->n = 0;
}

void kh_hmap_free(kh_hmap *m)
{
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof *m);
}
