/*
 * grow.h: room for one more element at the end of a dynamic array.
 *
 * kh_grow(v, &cap, n, sizeof *v, first) returns v itself while n < cap,
 * else v reallocated to twice its capacity (first when it has none), with
 * cap updated; NULL when memory runs out (v is then unchanged and still
 * owned by the caller).
 */
#ifndef KH_CORE_GROW_H
#define KH_CORE_GROW_H

#include <stdlib.h>

static inline void *kh_grow(void *v, size_t *cap, size_t n, size_t elem, size_t first)
{
    if (n < *cap)
        return v;
    size_t want = *cap ? *cap * 2 : first;
    void *grown = realloc(v, want * elem);
    if (grown)
        *cap = want;
    return grown;
}

#endif
