/*
 * hmap.h: an open-addressing hash map from 64-bit keys to 64-bit values.
 *
 * Keys are already hashes (xxh3 of terms, content hashes), so the map uses
 * them directly, with linear probing in a power-of-two table kept at most
 * half full. Key 0 marks an empty slot; a caller key of 0 is stored as 1
 * (hashes collide with 0 with probability 2^-64, which khabar accepts).
 * No deletion: every use in khabar only inserts and updates.
 */
#ifndef KH_CORE_HMAP_H
#define KH_CORE_HMAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct kh_hmap {
    uint64_t *keys;
    uint64_t *vals;
    size_t cap; /* power of two, or 0 */
    size_t n;
} kh_hmap;

/* Pointer to the value of key, inserting it with value init if absent;
 * NULL when out of memory. *inserted (optional) tells which happened.
 * The pointer is valid until the next insertion. */
uint64_t *kh_hmap_upsert(kh_hmap *m, uint64_t key, uint64_t init, int *inserted);
/* Pointer to the value of key, or NULL. */
uint64_t *kh_hmap_get(const kh_hmap *m, uint64_t key);
void kh_hmap_clear(kh_hmap *m);
void kh_hmap_free(kh_hmap *m);

#endif
