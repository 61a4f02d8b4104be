/*
 * timelex.h: the words of dates, and the tokens they are matched against.
 *
 * Text is cut into tokens (words, numbers, single punctuation marks) by
 * kh_dtok_split(), which folds each word on the way (see timelex.c) and
 * reads digits of any script. Lexicon phrases from the data/time TSV files are cut
 * by the same function, so a phrase is a token sequence and matching is
 * token-by-token equality: "a.m.", "ه.ش" and "كانون الثاني" need no special
 * case.
 *
 * The lexicon is a hash of first words; each slot chains the entries that
 * start with that word. kh_lex_match() returns the longest entry of the
 * kinds asked for that matches at a token, trying the first word also
 * without an Arabic proclitic (و, ف, then ب, ل, ك).
 */
#ifndef KH_TIME_TIMELEX_H
#define KH_TIME_TIMELEX_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

enum { KH_DT_WORD = 1, KH_DT_NUM = 2, KH_DT_PUNCT = 3 };

/* Digit scripts of a number token. */
enum { KH_DIGITS_ASCII = 0, KH_DIGITS_ARABIC = 1, KH_DIGITS_PERSIAN = 2 };

typedef struct kh_dtok {
    uint32_t start, end; /* byte span in the original text */
    uint32_t key, klen;  /* folded word in kh_dtoks.keys (words only) */
    uint32_t cp;         /* punctuation code point */
    int32_t num;         /* value of a number (capped at 999999999) */
    uint32_t sentence;   /* sentence index (breaks at . ! ? ؟ and new lines) */
    uint32_t line;       /* line index */
    uint8_t type;        /* KH_DT_* */
    uint8_t ndig;        /* digits in a number (capped at 255) */
    uint8_t script;      /* KH_DIGITS_* of a number */
    uint8_t space_before;
    uint32_t kinds;      /* KH_LX() bits of the entries its word may start */
} kh_dtok;

typedef struct kh_dtoks {
    kh_dtok *v;
    size_t n, cap;
    kh_buf keys;
    int kinds_ready; /* kinds filled by kh_lex_mark_kinds */
} kh_dtoks;

/* Cuts valid UTF-8 into tokens (replacing the previous contents). */
int kh_dtok_split(kh_dtoks *out, const char *text, size_t len);
void kh_dtoks_free(kh_dtoks *t);

/* Lexicon entry kinds (bit positions for masks). */
typedef enum kh_lex_kind {
    KH_LX_MONTH = 0,
    KH_LX_WEEKDAY,
    KH_LX_RELDAY,
    KH_LX_RELWEEK,
    KH_LX_RELMONTH,
    KH_LX_RELYEAR,
    KH_LX_UNIT,
    KH_LX_AGOPOST,
    KH_LX_AGOPRE,
    KH_LX_BLOCK,
    KH_LX_LAST,
    KH_LX_NEXT,
    KH_LX_THIS,
    KH_LX_ERA,
    KH_LX_DAYCUE,
    KH_LX_YEARCUE,
    KH_LX_TIMECUE,
    KH_LX_MONTHCUE,
    KH_LX_OF,
    KH_LX_ORDSUFFIX,
    KH_LX_AMPM,
    KH_LX_ZONE,
    KH_LX_PUBCUE,
    KH_LX_ORDINAL,
    KH_LX_NUMBER,
    KH_LX_COUNT
} kh_lex_kind;

#define KH_LX(k) (1u << (k))

enum { KH_LEX_AMB = 1 }; /* flags */

/* Units of relative expressions (also granularities of their values). */
enum { KH_UNIT_DAY = 1, KH_UNIT_WEEK, KH_UNIT_MONTH, KH_UNIT_YEAR };

#define KH_LEX_MAXTOK 6

typedef struct kh_lex_entry {
    uint8_t kind, flags, ntok;
    char lang[3];
    int32_t ival;  /* month, weekday, offset, ordinal, unit... by kind */
    int32_t ival2; /* calendar (kh_cal) of months and eras; unit count (0 = n) */
    uint32_t sval; /* string value (zone id) offset in the pool, 0 if none */
    uint8_t ttype[KH_LEX_MAXTOK];
    uint32_t tkey[KH_LEX_MAXTOK]; /* pool offset of a word, or code point */
    uint32_t tlen[KH_LEX_MAXTOK];
    int32_t next; /* next entry with the same first word, -1 at the end */
} kh_lex_entry;

typedef struct kh_lexicon {
    kh_lex_entry *e;
    size_t n, cap;
    kh_buf pool;     /* folded words and string values, NUL-separated */
    int32_t *slots;  /* hash of first words -> first entry, -1 empty */
    size_t nslots;   /* power of two */
} kh_lexicon;

/* Loads data/time/{months,weekdays,relative,qualifiers,ordinals}.tsv. */
int kh_lexicon_load(kh_lexicon *lex);
void kh_lexicon_free(kh_lexicon *lex);

/* String value of an entry (zone id), "" if none. */
static inline const char *kh_lex_sval(const kh_lexicon *lex, const kh_lex_entry *e)
{
    return lex->pool.data + e->sval;
}

/*
 * The longest entry among the kinds in mask that matches the tokens at i;
 * returns the number of tokens matched (0 if none) and sets *out.
 */
/*
 * Fills each word token's kinds: which entry kinds could match there. The
 * grammar asks several questions of every token; this lets kh_lex_match
 * answer "no" without hashing for the many words that start no entry.
 */
void kh_lex_mark_kinds(const kh_lexicon *lex, kh_dtoks *t);

size_t kh_lex_match(const kh_lexicon *lex, const kh_dtoks *t, size_t i, uint32_t mask,
                    const kh_lex_entry **out);

#endif
