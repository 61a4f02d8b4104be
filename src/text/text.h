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
#define KH_FOLD_SLOW 0xFFFEu /* fast_map: this unit needs ICU normalization */

struct kh_text {
    const UNormalizer2 *nfkc_cf; /* NFKC_Casefold, owned by ICU */
    UBreakIterator *words;       /* word breaks, reused with ubrk_setText */
    int words_warm;              /* words has run over every dictionary script */
    uint16_t *fold_map;          /* 64K entries: BMP code unit -> folded, or KH_FOLD_DROP */
    uint16_t *fast_map;          /* 64K: NFKC_Casefold + fold_map in one lookup, or KH_FOLD_SLOW */
    uint8_t *wb;                 /* 64K: BMP code point -> KH_WB_* class (wordbreak.c) */
    int force_slow;              /* tests: always take the ICU paths (folding and tokens) */
    void *textcat;               /* libexttextcat handle, NULL until first use */
    int textcat_failed;          /* set when the classifier could not be loaded */
    void *lang_tables;           /* language-id word sets (lang.c), lazily built */
    struct kh_analysis *an;      /* stemmers, stopwords, clitic lexicons (analyze.c), lazily built */
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

/* kh_token.flags */
enum {
    KH_TOKEN_STOP = 1,    /* a stopword of the token's language */
    KH_TOKEN_JOINED = 2,  /* Persian prefix written apart and joined: "می رود" */
    KH_TOKEN_SPLIT = 4,   /* a piece of a word run together ("کشتهشدن" -> کشته + شدن) */
    KH_TOKEN_ARABIC = 8   /* Arabic script */
};

/*
 * One token. Every string lives in kh_tokens.keys, NUL-terminated, at
 * *_off with *_len bytes (without the NUL):
 *
 *   key    folded form (docs/text.md): what kh_text_tokenize fills;
 *   base   key without clitics: Arabic proclitics (و ف ب ك ل + ال) and
 *          enclitic pronouns, Persian plural/ezafe/pronoun suffixes;
 *   stem   the base stemmed (Snowball, or the Persian light stemmer);
 *   skel   the cross-language consonant skeleton of base (Arabic script;
 *          the key elsewhere): روسیه and روسيا both give "رس".
 *
 * kh_text_tokenize sets base, stem and skel to the key; kh_text_analyze
 * fills them. pre and suf are the bytes of key that base leaves out.
 */
typedef struct kh_token {
    uint32_t start, end;       /* byte span in the original text */
    uint32_t key_off, key_len; /* folded form, in kh_tokens.keys */
    uint8_t kind;              /* kh_token_kind */
    uint8_t flags;             /* KH_TOKEN_* */
    uint8_t pre, suf;          /* bytes of key stripped as proclitics / enclitics */
    uint32_t base_off, base_len;
    uint32_t stem_off, stem_len;
    uint32_t skel_off, skel_len;
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
static inline const char *kh_token_base(const kh_tokens *t, size_t i)
{
    return t->keys.data + t->v[i].base_off;
}
static inline const char *kh_token_stem(const kh_tokens *t, size_t i)
{
    return t->keys.data + t->v[i].stem_off;
}
static inline const char *kh_token_skel(const kh_tokens *t, size_t i)
{
    return t->keys.data + t->v[i].skel_off;
}

/*
 * Tokenizes and analyses text for the story engine: kh_text_tokenize, then
 * per token the clitic-stripped base, the stem, the cross-language
 * skeleton and the stopword flag, for language lang (an ISO 639-1 code;
 * NULL or "" to detect it once for the whole text). Persian prefixes
 * written apart ("می رود") are joined into one token, words run together
 * because a ZWNJ was lost ("کشتهشدن") are split. Appends to *out.
 * KH_EENCODING on invalid UTF-8.
 */
int kh_text_analyze(kh_text *t, const char *text, size_t len, const char *lang, kh_tokens *out);

/* The language of each paragraph: text is cut at blank lines (or single
 * newlines), each part is identified; parts with too few letters to
 * decide take the language of the whole text. *out (free with free())
 * receives *n spans in order, covering every non-blank paragraph. */
typedef struct kh_lang_span {
    uint32_t start, end; /* byte span of the paragraph */
    kh_lang_guess lang;
} kh_lang_span;

int kh_text_lang_paragraphs(kh_text *t, const char *text, size_t len, kh_lang_span **out,
                            size_t *n);

/* Stems one folded word (UTF-8) for lang and appends it (NUL-terminated)
 * to out; the word itself when the language has no stemmer. */
int kh_text_stem_word(kh_text *t, const char *lang, const char *word, size_t len, kh_buf *out);

/* Appends the cross-language skeleton of a folded Arabic-script word
 * (clitics not stripped: pass the base). */
int kh_text_skeleton(kh_text *t, const char *word, size_t len, kh_buf *out);

/* 1 when the folded word is a stopword of lang. */
int kh_text_is_stopword(kh_text *t, const char *lang, const char *word, size_t len);

/* Frees the analysis tables (analyze.c); called by kh_text_free. */
void kh_analysis_free(struct kh_analysis *an);

/* Folds UTF-8 (valid) and appends the result to out (NUL-terminated). */
int kh_text_fold_utf8(kh_text *t, const char *s, size_t len, kh_buf *out);

/* Splits UTF-8 text (valid) into word and number tokens (ICU word breaks;
 * punctuation and spaces are not tokens), each with its folded key.
 * Appends to *out; reset with kh_tokens_clear. Takes the UTF-8 segmenter
 * of wordbreak.c when the text allows it, else kh_text_tokenize_icu. */
int kh_text_tokenize(kh_text *t, const char *text, size_t len, kh_tokens *out);
/* The same through ICU's word break iterator always (the reference). */
int kh_text_tokenize_icu(kh_text *t, const char *text, size_t len, kh_tokens *out);
void kh_tokens_clear(kh_tokens *tokens);
int kh_tokens_grow(kh_tokens *out);
static inline int kh_tokens_push(kh_tokens *out, const kh_token *tok)
{
    if (out->n == out->cap) {
        int rc = kh_tokens_grow(out);
        if (rc != 0)
            return rc;
    }
    out->v[out->n++] = *tok;
    return 0;
}
void kh_tokens_free(kh_tokens *tokens);

/* Folds UTF-16 in place-ish: src (n units) -> dst, returns the folded length
 * (dst needs n units). Applies the folding map only (no normalization). */
int32_t kh_fold_map_apply(const kh_text *t, const uint16_t *src, int32_t n, uint16_t *dst);

/* Builds the 64K folding map from data/text/fold.tsv. */
int kh_fold_map_build(uint16_t **map_out);

/* UTF-8 -> UTF-16 into t->u16, with t->u16_to_byte filled (n+1 entries). */
int kh_text_to_u16(kh_text *t, const char *text, size_t len, int32_t *u16_len);

/* Folds a UTF-16 span (NFKC_Casefold then the folding map) and appends the
 * UTF-8 result to out (not NUL-terminated). Takes the table-driven fast
 * path when every unit allows it, else kh_text_fold_u16_icu. */
int kh_text_fold_u16(kh_text *t, const uint16_t *s, int32_t n, kh_buf *out);
/* The same through ICU's normalizer always (the reference). */
int kh_text_fold_u16_icu(kh_text *t, const uint16_t *s, int32_t n, kh_buf *out);
/* Builds t->fast_map from t->nfkc_cf and t->fold_map. */
int kh_fast_map_build(kh_text *t);

/* Word_Break classes of t->wb (wordbreak.c). */
enum {
    KH_WB_OTHER = 0,
    KH_WB_ALETTER,
    KH_WB_NUMERIC,
    KH_WB_MIDLETTER,
    KH_WB_MIDNUM,
    KH_WB_MIDNUMLET, /* and Single_Quote */
    KH_WB_EXTENDNUMLET,
    KH_WB_EXTEND,    /* and Format */
    KH_WB_SLOW       /* the text needs ICU */
};
/* Builds t->wb from ICU's Unicode data, checked against t->words. */
int kh_wordbreak_build(kh_text *t);
/* The next token of s (valid UTF-8) from *pos: 1 with its span
 * [*start, *end) and kind (KH_TOKEN_WORD/NUMBER), *pos moved past it; 0 at
 * the end; -1 when s holds a code point of class KH_WB_SLOW (then ICU must
 * tokenize the whole text). */
int kh_wordbreak_next(const kh_text *t, const char *s, size_t len, size_t *pos, size_t *start,
                      size_t *end, int *kind);
/* 1 when the segmenter agrees with ICU on code point x in a set of
 * contexts ("aXb", "1X2", ...), with the table as it is. */
int kh_wordbreak_check(kh_text *t, uint32_t x);

#endif
