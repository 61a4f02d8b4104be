/*
 * dump_lex.h: the lexical layer of the text-dump extractor.
 *
 * Three small tools shared by dump.c (the line classifier) and template.c
 * (the corpus-level repetition detector):
 *
 *   1. A light fold for matching. Cue words must match across spellings
 *      (Arabic Yeh/Kaf vs Persian Yeh/Keheh, alef with or without hamza,
 *      teh marbuta, Persian/Arabic-Indic digits, ZWNJ lost or kept), so
 *      every line is compared in a folded copy of the text. The fold is
 *      a per-code-point table (no ICU, no context object) in the spirit of
 *      data/text/fold.tsv, plus ASCII lower-casing and white-space
 *      collapsing. The folded text keeps '\n' one to one (a lone '\r'
 *      becomes '\n', "\r\n" is one line end), so line k of the
 *      folded text is line k of the input, and a map gives for every
 *      folded byte the input offset it came from:
 *
 *          input   "کد  خبر : ۳۸۱۴۳\n"      (bytes 0..)
 *          folded  "كد خبر: 38143\n"        map[i] -> input offset
 *
 *      A folded range [a, b) maps back to the input range
 *      [map[a], map[b]); map[len] is the input length.
 *
 *   2. The cue lexicon: every data/extract/dump_cues_*.txt file
 *      ("KIND<TAB>PHRASE" lines), folded once when loaded. Adding a
 *      language is adding a file.
 *
 *   3. A 64-bit counting hash set (open addressing) for line and token
 *      hashes, and the hash itself (FNV-1a).
 */
#ifndef KH_EXTRACT_DUMP_LEX_H
#define KH_EXTRACT_DUMP_LEX_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

/* ---- folding ---------------------------------------------------- */

typedef struct kh_dump_folded {
    char *s;       /* folded bytes, NUL-terminated */
    size_t len;
    uint32_t *map; /* len + 1 entries: input offset of each folded byte */
} kh_dump_folded;

/* Folds valid UTF-8 text (len < 4 GiB). KH_OK, KH_EINVAL or KH_ENOMEM. */
int kh_dump_fold(const char *text, size_t len, kh_dump_folded *out);
void kh_dump_folded_free(kh_dump_folded *f);

/* Code point classes on folded text. */
int kh_dump_is_word_cp(uint32_t cp);

/* ---- cue lexicon ------------------------------------------------ */

typedef enum kh_cue_kind {
    KH_CUE_NONE = 0,
    KH_CUE_DATE,      /* published date line */
    KH_CUE_MODIFIED,  /* modified date line */
    KH_CUE_ID,        /* item id line */
    KH_CUE_SOURCE,    /* "source: outlet" line; ends the article */
    KH_CUE_BYLINE,    /* author line */
    KH_CUE_DESK,      /* desk label opening the first paragraph */
    KH_CUE_REPORT,    /* "according to <outlet>," dateline */
    KH_CUE_TAGS,      /* tag list */
    KH_CUE_READALSO,  /* "read also" box */
    KH_CUE_RELATED,   /* related headlines */
    KH_CUE_LATEST,    /* latest-news sidebar */
    KH_CUE_POPULAR,   /* most-viewed sidebar */
    KH_CUE_COMMENTS,  /* comment section */
    KH_CUE_COPYRIGHT, /* copyright footer */
    KH_CUE_NAV,       /* navigation item (whole line) */
    KH_CUE_ADLINE,    /* advertisement label (whole line) */
    KH_CUE_MARKER,    /* inline "[[...]]" marker prefix (ad) */
    KH_CUE_PLACE,     /* place name opening a dateline */
    KH_CUE_NOTAIL,    /* word a derived headline must not end with */
    KH_CUE_MONTH,     /* month name: makes a short head line a date line */
    KH_CUE__COUNT
} kh_cue_kind;

typedef struct kh_cue {
    uint8_t kind;    /* kh_cue_kind */
    uint8_t nwords;  /* words in the phrase */
    uint32_t off;    /* folded phrase (colon stripped) in lexicon.phrases */
    uint32_t len;
} kh_cue;

typedef struct kh_dump_lexicon {
    kh_cue *v;                       /* sorted by kind */
    size_t n, cap;
    size_t by_kind[KH_CUE__COUNT + 1]; /* cues of kind k: v[by_kind[k] .. by_kind[k+1]) */
    kh_buf phrases;
} kh_dump_lexicon;

/* Loads every embedded data/extract/dump_cues_*.txt. */
int kh_dump_lexicon_load(kh_dump_lexicon *lx);
void kh_dump_lexicon_free(kh_dump_lexicon *lx);

#define KH_CUE_BIT(k) (1u << (k))

/*
 * The longest cue whose kind is in kinds (a mask of KH_CUE_BIT) that the
 * folded line s[0..n) starts with, at a word boundary. *after is set to
 * the folded offset just past the phrase and an optional ':' (and the
 * spaces after it); *colon to 1 when a ':' followed the phrase.
 */
const kh_cue *kh_dump_cue_prefix(const kh_dump_lexicon *lx, const char *s, size_t n,
                                 uint32_t kinds, size_t *after, int *colon);

/* 1 if the folded word w[0..n) is a cue of this kind (whole phrase). */
int kh_dump_cue_is(const kh_dump_lexicon *lx, kh_cue_kind kind, const char *w, size_t n);

/* ---- hashing ---------------------------------------------------- */

uint64_t kh_dump_hash(const char *s, size_t n);

/* Hash of a folded line for repetition counting: a run of digits counts
 * as one '0', so "views: 87" and "views: 1204" are the same template line. */
uint64_t kh_dump_line_key(const char *s, size_t n);

typedef struct kh_dump_hset {
    uint64_t *keys;  /* 0 = empty slot */
    uint32_t *counts;
    size_t n, cap;   /* cap is a power of two */
} kh_dump_hset;

/* Adds one to key's count; *count (may be NULL) gets the new count. */
int kh_dump_hset_add(kh_dump_hset *h, uint64_t key, uint32_t *count);
uint32_t kh_dump_hset_get(const kh_dump_hset *h, uint64_t key);
void kh_dump_hset_free(kh_dump_hset *h);

#endif
