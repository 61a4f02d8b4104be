/*
 * tokcache.c: the token cache's table and its insertions; the design and
 * the lookup (inline, on every token) are in tokcache.h.
 */
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "text/tokcache.h"

int kh_tc_init(kh_tcache *c)
{
    if (c->slots)
        return KH_OK;
    /* calloc maps fresh zero pages for a block this large: untouched sets
     * cost nothing; 64 bytes more to start on a cache line */
    const size_t n = (size_t)KH_TC_SETS * KH_TC_WAYS;
    char *mem = calloc(1, n * sizeof(kh_tc_slot) + 64);
    if (!mem)
        return kh_set_error(KH_ENOMEM, "out of memory for the token cache");
    c->mem = mem;
    c->slots = (kh_tc_slot *)(mem + (64 - (uintptr_t)mem % 64) % 64);
    return KH_OK;
}

void kh_tc_free(kh_tcache *c)
{
    free(c->mem);
    c->mem = NULL;
    c->slots = NULL;
}

/* Where the string at off (len bytes) lies in an entry whose key is at
 * key_off: 0 for the key itself; 0 with *ok cleared when it lies outside. */
static uint8_t at_of(uint32_t off, uint32_t len, uint32_t key_off, size_t block, int *ok)
{
    if (off < key_off || off - key_off + len >= block)
        *ok = 0;
    return *ok ? (uint8_t)(off - key_off) : 0;
}

void kh_tc_put(kh_tcache *c, int li, uint64_t h, const kh_token *tok, const kh_buf *keys)
{
    const size_t block = keys->len - tok->key_off;
    if (!c->slots || tok->key_len >= KH_TC_DATA || block > KH_TC_DATA)
        return;
    int ok = 1;
    kh_tc_slot e = {.h = (uint32_t)(h >> 32),
                    .lang = (uint8_t)(li + 2),
                    .flags = (uint8_t)(tok->flags & (KH_TOKEN_STOP | KH_TOKEN_ARABIC)),
                    .pre = tok->pre,
                    .suf = tok->suf,
                    .key_len = (uint8_t)tok->key_len,
                    .len = (uint8_t)block,
                    .base_len = (uint8_t)tok->base_len,
                    .stem_len = (uint8_t)tok->stem_len,
                    .skel_len = (uint8_t)tok->skel_len};
    e.base_at = at_of(tok->base_off, tok->base_len, tok->key_off, block, &ok);
    e.stem_at = at_of(tok->stem_off, tok->stem_len, tok->key_off, block, &ok);
    e.skel_at = at_of(tok->skel_off, tok->skel_len, tok->key_off, block, &ok);
    if (!ok)
        return;
    memcpy(e.data, keys->data + tok->key_off, block);
    kh_tc_slot *set = kh_tc_set(c, li, h);
    memmove(set + 1, set, (KH_TC_WAYS - 1) * sizeof *set);
    set[0] = e;
}
