/*
 * grow.h: room at the end of a dynamic array.
 *
 * kh_grow_to(v, &cap, need, sizeof *v, first) returns v itself while
 * need <= cap, else v reallocated to the first of first, 2 first, 4 first
 * ... (or of twice, four times ... the capacity it has) that holds need,
 * with cap updated; NULL when memory runs out (v is then unchanged and
 * still owned by the caller), and only then: an array with no capacity
 * gets first elements even when need is 0.
 *
 * kh_grow(v, &cap, n, sizeof *v, first) is the common case: room for one
 * more element after n.
 */
#ifndef KH_CORE_GROW_H
#define KH_CORE_GROW_H

#include <stdlib.h>

static inline void *kh_grow_to(void *v, size_t *cap, size_t need, size_t elem, size_t first)
{
    if (need <= *cap && *cap)
        return v;
    size_t want = *cap ? *cap * 2 : first;
    while (want < need)
        want *= 2;
    void *grown = realloc(v, want * elem);
    if (grown)
        *cap = want;
    return grown;
}

static inline void *kh_grow(void *v, size_t *cap, size_t n, size_t elem, size_t first)
{
    return kh_grow_to(v, cap, n + 1, elem, first);
}

#endif
