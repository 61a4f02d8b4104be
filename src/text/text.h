/*
 * text.h: the text layer shared by every stage: folding for matching,
 * tokens with byte offsets, language guesses.
 *
 * A kh_text (defined here, opaque in khabar.h) holds what is costly to
 * set up: the ICU normalizer and word-break iterator, the folding map built
 * from data/text/fold.tsv, and the libexttextcat classifier. It is not
 * thread-safe: use one per thread.
 *
 * The original text is never changed. Folding produces a separate key for
 * matching; each token keeps the byte span of the original it came from.
 */
#ifndef KH_TEXT_TEXT_H
#define KH_TEXT_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include <unicode/ubrk.h>
#include <unicode/unorm2.h>

#include "core/buf.h"
#include "khabar.h"

#define KH_FOLD_DROP 0xFFFFu

struct kh_text {
    const UNormalizer2 *nfkc_cf; /* NFKC_Casefold, owned by ICU */
    UBreakIterator *words;       /* word breaks, reused with ubrk_setText */
    uint16_t *fold_map;          /* 64K entries: BMP code unit -> folded, or KH_FOLD_DROP */
    void *textcat;               /* libexttextcat handle, NULL until first use */
    int textcat_failed;          /* set when the classifier could not be loaded */
    void *lang_tables;           /* language-id word sets (lang.c), lazily built */
    void (*lang_tables_free)(void *);
    /* scratch buffers, grown as needed */
    uint16_t *u16;
    int32_t u16_cap;
    int32_t *u16_to_byte; /* UTF-16 index -> byte offset in the UTF-8 input */
    int32_t map_cap;
    uint16_t *scratch;
    int32_t scratch_cap;
};

typedef enum kh_token_kind {
    KH_TOKEN_WORD = 1,
    KH_TOKEN_NUMBER = 2
} kh_token_kind;

typedef struct kh_token {
    uint32_t start, end;       /* byte span in the original text */
    uint32_t key_off, key_len; /* folded form, in kh_tokens.keys */
    uint8_t kind;              /* kh_token_kind */
} kh_token;

typedef struct kh_tokens {
    kh_token *v;
    size_t n, cap;
    kh_buf keys; /* folded forms, each NUL-terminated */
} kh_tokens;

static inline const char *kh_token_key(const kh_tokens *t, size_t i)
{
    return t->keys.data + t->v[i].key_off;
}

/* Splits UTF-8 text (valid) into word and number tokens (ICU word breaks;
 * punctuation and spaces are not tokens), each with its folded key.
 * Appends to *out; reset with kh_tokens_clear. */
int kh_text_tokenize(kh_text *t, const char *text, size_t len, kh_tokens *out);
void kh_tokens_clear(kh_tokens *tokens);
void kh_tokens_free(kh_tokens *tokens);

/* Folds UTF-16 in place-ish: src (n units) -> dst, returns the folded length
 * (dst needs n units). Applies the folding map only (no normalization). */
int32_t kh_fold_map_apply(const kh_text *t, const uint16_t *src, int32_t n, uint16_t *dst);

/* Builds the 64K folding map from data/text/fold.tsv. */
int kh_fold_map_build(uint16_t **map_out);

/* UTF-8 -> UTF-16 into t->u16, with t->u16_to_byte filled (n+1 entries). */
int kh_text_to_u16(kh_text *t, const char *text, size_t len, int32_t *u16_len);

/* Folds a UTF-16 span (NFKC_Casefold then the folding map) and appends the
 * UTF-8 result to out (not NUL-terminated). */
int kh_text_fold_u16(kh_text *t, const uint16_t *s, int32_t n, kh_buf *out);

#endif
