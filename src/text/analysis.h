/*
 * analysis.h: the word analysis tables shared by analyze.c (driver),
 * clitics.c (Arabic), persian.c (Persian segmentation and stems) and
 * skeleton.c (cross-language keys). Internal to src/text/.
 *
 * Words are handled as arrays of folded code points (kh_word), at most
 * KH_W_MAX long; longer tokens keep their key as base, stem and skeleton.
 */
#ifndef KH_TEXT_ANALYSIS_H
#define KH_TEXT_ANALYSIS_H

#include <stddef.h>
#include <stdint.h>

#include "core/hmap.h"
#include "text/text.h"
#include "text/tokcache.h"

#define KH_W_MAX 48
#define KH_AN_LANGS 31
#define KH_AN_AR 0
#define KH_AN_FA 1
#define KH_AFFIX_MAX 20

typedef struct kh_word {
    uint32_t c[KH_W_MAX];       /* folded code points */
    uint32_t off[KH_W_MAX + 1]; /* byte of the original each came from (aligned only) */
    uint8_t zw[KH_W_MAX + 1];   /* zw[i]: a ZWNJ stood before c[i] (aligned only) */
    size_t n;
    int aligned;
} kh_word;

typedef struct kh_affix {
    uint32_t c[KH_AFFIX_MAX];
    uint8_t n, min; /* length; letters that must remain */
    uint32_t repl;  /* replacement letter, or 0 */
} kh_affix;

typedef struct kh_affixes {
    kh_affix v[64];
    size_t n;
} kh_affixes;

struct sb_stemmer;

struct kh_analysis {
    struct sb_stemmer *sb[KH_AN_LANGS];
    uint8_t sb_state[KH_AN_LANGS];
    kh_hmap stop[KH_AN_LANGS];
    uint8_t stop_state[KH_AN_LANGS];
    /* Arabic (clitics.c) */
    kh_affixes ar_article, ar_pro, ar_enc;
    kh_hmap ar_lex; /* folded word -> count */
    int ar_lex_state;
    kh_text *owner; /* for lazily loading the lexicon */
    /* Persian (persian.c) */
    kh_affixes fa_prefix, fa_clitic, fa_zclitic, fa_suffix, fa_verbend, fa_light;
    kh_hmap fa_keep;
    /* skeleton.c: 0x0600..0x06FF -> letter, or KH_SKEL_VOWEL / KH_SKEL_DROP */
    uint32_t skel[0x100];
    /* analyses already made, by (language, key): tokcache.h */
    kh_tcache tc;
    /* language id: hash(word) -> bit mask of the languages listing it */
    kh_hmap sw_mask;
    int sw_mask_state;
    /* scratch */
    kh_tokens raw;
    uint64_t *hashes; /* hash of each raw token's key (analyze.c) */
    size_t hashes_cap;
    kh_buf tmp;
};

#define KH_SKEL_VOWEL 1u
#define KH_SKEL_DROP 2u

int kh_an_get(kh_text *t, struct kh_analysis **out);
int kh_an_lang_index(const char *code);
const char *kh_an_lang_code(int li);
uint64_t kh_an_hash(const uint32_t *w, size_t n);
size_t kh_an_decode(const char *s, size_t len, uint32_t *w, size_t max);
int kh_an_fold_line(kh_text *t, const char *line, size_t len, uint32_t *w, size_t *n);
/* hash(folded word) -> mask of the stopword lists (bit i = langs[i]) that
 * hold it, for the n languages given; built once. */
const kh_hmap *kh_an_stopword_masks(kh_text *t, const char *const *langs, size_t n);
/* The stopword set of language li (loaded on first use), or NULL. */
const kh_hmap *kh_an_stopwords(kh_text *t, int li);
int kh_an_load_words(kh_text *t, const char *name, kh_hmap *set);
/* Loads "TYPE<TAB>AFFIX<TAB>MIN[<TAB>REPL]" lines of a data file: calls
 * sink(type, affix, ctx) for each, the affix folded. */
int kh_an_load_rules(kh_text *t, const char *name,
                     int (*sink)(const char *type, size_t type_len, const kh_affix *a, void *ctx),
                     void *ctx);
int kh_affix_add(kh_affixes *set, const kh_affix *a);
int kh_affix_ends(const kh_affix *a, const uint32_t *w, size_t n);
int kh_affix_starts(const kh_affix *a, const uint32_t *w, size_t n);

int kh_clitics_load(kh_text *t, struct kh_analysis *an);
/* Arabic proclitics and enclitics of w, in code points. */
void kh_arabic_clitics(struct kh_analysis *an, const kh_word *w, size_t *pre, size_t *suf);

int kh_persian_load(kh_text *t, struct kh_analysis *an);
int kh_persian_is_prefix(const struct kh_analysis *an, const kh_word *w);
/* Clitic suffix of a Persian word, in code points. */
void kh_persian_clitics(const struct kh_analysis *an, const kh_word *w, size_t *suf);
/* Where a light verb run onto w begins (code points), or 0. */
size_t kh_persian_light_split(const struct kh_analysis *an, const kh_word *w);
/* Light stem of a Persian base into out (KH_W_MAX); returns its length. */
size_t kh_persian_stem(const struct kh_analysis *an, const uint32_t *w, size_t n, uint32_t *out);
/* Segmentation for display and tests: prefix, core, suffixes (code points). */
void kh_persian_segment(const struct kh_analysis *an, const kh_word *w, size_t *prefix,
                        size_t *core_end);

int kh_skeleton_load(kh_text *t, struct kh_analysis *an);
size_t kh_skeleton_cps(const struct kh_analysis *an, const uint32_t *w, size_t n, uint32_t *out);

#endif
