/*
 * lexicon.h: phrase tables over folded tokens, and the token view of a text
 * that the facts layer (entities, figures, attributions) works on.
 *
 * Every table of data/facts/ (gazetteer, cue words, qualifiers, counted
 * things, reporting verbs, number words) is loaded into ONE lexicon: each
 * phrase is tokenized and folded with the same kh_text as the texts, so a
 * phrase written with Persian Yeh matches text written with Arabic Yeh,
 * and every entry remembers the table it came from:
 *
 *   entry: [table][ntok][tok hash, prefix len]...[payload a b x y][str]
 *                          |
 *   index: first-token hash -> chain of entries (kh_hmap, value = entry+1)
 *
 * A phrase word ending in '*' matches any token beginning with it
 * (کشته* matches کشته, کشته‌شدن, کشتهشدن); a word "*" alone matches a gap
 * of 0..5 tokens (اطلاعی * ندارد). Token keys are hashed with FNV-1a, so
 * that the hashes of all prefixes of a token come out of one pass.
 *
 * kh_fdoc is one text: its tokens with hashes and Arabic clitic variants
 * (و ف ب ل ك stripped, لل -> ال), the punctuation between tokens, the
 * sentences, and every lexicon match found in one pass (kh_fdoc_scan).
 * The stages then ask "which entry of table T starts at token i" in O(1).
 */
#ifndef KH_FACTS_LEXICON_H
#define KH_FACTS_LEXICON_H

#include <stddef.h>
#include <stdint.h>

#include "core/hmap.h"
#include "text/text.h"

/* Tables, one per data file (or per kind of row in it). */
enum {
    KH_LEX_GAZ = 1,   /* gazetteer.tsv: s = key, a = type, b = subtype */
    KH_LEX_ECUE,      /* entity_cues.tsv: a = cue class */
    KH_LEX_QUAL,      /* qualifiers.tsv: a = kind, b = position, x/y = factors */
    KH_LEX_COUNT,     /* count_cues.tsv: a = thing, b = flags */
    KH_LEX_RVERB,     /* reporting_verbs.tsv: a = stance, b = kind */
    KH_LEX_NUMW,      /* number_words.tsv: x = value, a = kind */
    KH_LEX_STOP,      /* function_words.txt */
    KH_LEX_DATEW,     /* date_words.tsv: a = kind (month, weekday, datecue) */
    KH_LEX_NTABLES
};

/* Punctuation seen between a token and the one before it (kh_ftok.gap). */
enum {
    KH_GAP_PUNCT = 1,  /* any punctuation */
    KH_GAP_COMMA = 2,  /* , ، ؛ ; */
    KH_GAP_COLON = 4,  /* : */
    KH_GAP_QOPEN = 8,  /* an opening quote « or " */
    KH_GAP_QCLOSE = 16, /* a closing quote » or " */
    KH_GAP_PAREN = 32, /* ( ) */
    KH_GAP_SENT = 64   /* a sentence ended */
};

#define KH_LEX_HEADS 1024

static inline unsigned kh_lex_head(const char *k, size_t n)
{
    unsigned a = n > 0 ? (unsigned char)k[0] : 0, b = n > 1 ? (unsigned char)k[1] : 0;
    return ((a * 31u) ^ b) & (KH_LEX_HEADS - 1);
}

typedef struct kh_lex_tok {
    uint64_t h;    /* FNV hash of the folded key or of the prefix */
    uint16_t plen; /* 0: exact; >0: prefix of that many bytes; 0xFFFF: gap */
} kh_lex_tok;

typedef struct kh_lex_entry {
    uint32_t tok_off; /* first token in kh_lex.toks */
    uint16_t ntok;
    uint16_t table;
    int32_t a, b;
    double x, y;
    uint32_t str_off; /* payload string in kh_lex.strs (NUL-terminated), or 0 */
    uint32_t next;    /* next entry with the same first token, +1; 0 ends */
} kh_lex_entry;

typedef struct kh_lex {
    kh_lex_entry *e;
    size_t n, cap;
    kh_lex_tok *toks;
    size_t ntoks, toks_cap;
    kh_buf strs;        /* payload strings; offset 0 is "" */
    kh_hmap index;      /* first-token hash -> entry index + 1 */
    uint64_t plens;     /* bit L set: some first token is a prefix of L bytes */
    /* the same per first two bytes of the prefix (hashed): most tokens
     * start with bytes no prefix entry starts with, and skip the probes */
    uint64_t head_plens[KH_LEX_HEADS];
    uint32_t maxplen;   /* longest first-token prefix in bytes (< 64) */
} kh_lex;

typedef struct kh_lex_payload {
    int32_t a, b;
    double x, y;
    const char *s; /* NULL for none */
    size_t s_len;
} kh_lex_payload;

int kh_lex_init(kh_lex *lex);
void kh_lex_free(kh_lex *lex);

/* Adds one phrase (UTF-8, words separated by spaces) to table. Phrases
 * that fold to nothing are ignored. */
int kh_lex_add(kh_lex *lex, kh_text *t, int table, const char *phrase, size_t len,
               const kh_lex_payload *p);

static inline const char *kh_lex_str(const kh_lex *lex, const kh_lex_entry *e)
{
    return lex->strs.data + e->str_off;
}

/* FNV-1a 64 over bytes, finished with a mix so short keys spread well. */
uint64_t kh_lex_hash(const char *s, size_t n);

/* Splits a TSV line into at most max fields (tabs); returns the count. */
size_t kh_lex_fields(const char *line, size_t len, const char **f, size_t *flen, size_t max);

/* ---- the token view of one text ---- */

typedef struct kh_ftok {
    uint32_t start, end; /* byte span in the text */
    uint32_t key_off;    /* folded key in kh_fdoc.toks.keys */
    uint32_t klen;
    uint64_t h;          /* hash of the key */
    uint64_t hv[3];      /* hashes of clitic-stripped variants */
    uint8_t vskip[3];    /* bytes stripped (informative) */
    uint8_t nv;
    uint8_t kind;        /* KH_TOKEN_WORD / KH_TOKEN_NUMBER */
    uint8_t gap;         /* KH_GAP_* flags for the text before this token */
    uint32_t sent;       /* sentence index */
    uint32_t m_first, m_n; /* lexicon matches starting here, in kh_fdoc.m */
} kh_ftok;

typedef struct kh_fmatch {
    uint32_t entry;  /* index in kh_lex.e */
    uint32_t end;    /* token index after the match */
    uint8_t variant; /* 0: the key itself; v+1: clitic variant v */
} kh_fmatch;

typedef struct kh_fsent {
    uint32_t tok_begin, tok_end; /* tokens [begin, end) */
    uint32_t start, end;         /* byte span */
} kh_fsent;

typedef struct kh_fdoc {
    const char *text;
    size_t len;
    int arabic; /* 1 when clitics are stripped (Arabic or unknown text) */
    kh_tokens toks;
    kh_ftok *t;
    size_t n, cap;
    kh_fmatch *m;
    size_t nm, mcap;
    kh_fsent *s;
    size_t ns, scap;
} kh_fdoc;

/* Tokenizes text (valid UTF-8), finds the sentences and every lexicon
 * match. lang: "fa", "ar", "en" or NULL to guess from the letters. */
int kh_fdoc_scan(kh_fdoc *d, kh_text *t, const kh_lex *lex, const char *text, size_t len,
                 const char *lang);
void kh_fdoc_free(kh_fdoc *d);

static inline const char *kh_ftok_key(const kh_fdoc *d, size_t i)
{
    return d->toks.keys.data + d->t[i].key_off;
}

/* The longest entry of table starting at token i (its index in lex->e), or
 * -1; *end is the token after it. */
int kh_fdoc_match(const kh_fdoc *d, const kh_lex *lex, size_t i, int table, size_t *end);

/* Whether token i reaches the entry of table that starts there only by
 * stripping a preposition (ب، ل، لل: لوكالة، بالكرملين): a name that is an
 * object, not a subject. */
int kh_fdoc_prep_attached(const kh_fdoc *d, const kh_lex *lex, size_t i, int table);

/* Whether token i is a function word (KH_LEX_STOP). */
int kh_fdoc_is_stop(const kh_fdoc *d, const kh_lex *lex, size_t i);

/* Parses the number of token i (digits of any script, with , or . or ٬
 * separators): 1 and *value on success. */
int kh_fdoc_number(const kh_fdoc *d, size_t i, double *value);

#endif
