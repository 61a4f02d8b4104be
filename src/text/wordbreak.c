/*
 * wordbreak.c: UAX #29 word tokens straight from UTF-8, exactly as ICU's
 * word break iterator finds them, for the text it can handle.
 *
 * tokenize.c used to convert every text to UTF-16 and run ICU's
 * RuleBasedBreakIterator over it; that, and the CJK dictionary trie ICU
 * consults on the way, cost half of the text layer. Most news text
 * (Latin, Arabic, Cyrillic, Greek, ... scripts) needs a small part of the
 * rules only, and those are run here on UTF-8 with one table lookup per
 * code point:
 *
 *   t->wb: 64K bytes, BMP code point -> class, built once per kh_text from
 *   ICU's own Unicode data (u_getIntPropertyValue(c, UCHAR_WORD_BREAK)):
 *
 *     AL  ALetter                        NU  Numeric
 *     ML  MidLetter                      MN  MidNum
 *     MNL MidNumLet, Single_Quote        ENL ExtendNumLet ("_", U+202F)
 *     EX  Extend, Format
 *     OT  everything that never joins a word: Other, CR, LF, Newline,
 *         WSegSpace, Double_Quote
 *     SL  "slow": what ICU handles with rules or dictionaries not run
 *         here: Hebrew_Letter (WB7a-c), Katakana, ZWJ (WB3c),
 *         Regional_Indicator, and the scripts ICU segments
 *         with a dictionary or special rules: Han, Hiragana, Katakana,
 *         Hangul, anything Ideographic, Line_Break=Complex_Context
 *         (Thai, Lao, Khmer, Myanmar, ...); and every code point past
 *         U+FFFF (not in the table).
 *
 *   A text holding any SL code point goes through ICU (tokenize.c); the
 *   fast path answers for the whole text or not at all.
 *
 * The rules (ICU 72's word.txt, which chains rule matches and takes the
 * longest): CR LF, WSegSpace runs (WB3d) and Extend/Format attached to
 * whatever precedes them (WB4) make segments that are never tokens; after
 * sot, CR, LF or Newline a run of Extend/Format is a segment of its own,
 * again not a token. So a token always starts at an AL, NU or ENL code
 * point that no earlier segment took, and goes on (X = Extend/Format,
 * ignored inside the segment; W = AL, NU or ENL):
 *
 *   W X* W                         (WB5, WB8-10, WB13a-b: any two join)
 *   AL X* (ML|MNL) X* AL           (WB6-7)
 *   NU X* (MN|MNL) X* NU           (WB11-12)
 *
 * ending after the last W and its Extend/Format (a Mid* not followed by
 * the right class is not taken: "3.14." ends before the last period). Its
 * kind follows ICU's rule status, which the last base character sets
 * ("$Numeric $ExFm* {100}", "$ALetterPlus $ExFm* {200}"): NUMBER when it
 * is NU ("a1", "3.14"), WORD when AL ("1a"); a final ENL has the status
 * of the rule that joined it (NUMBER after NU, WORD after AL or ENL), none
 * alone ("_") or followed by Extend/Format: such segments are no tokens.
 *
 * ICU's rules are CLDR's, not exactly the Unicode data: ICU 72 makes "@"
 * a letter and takes ":" (and its full-width forms) out of MidLetter. So
 * the classes of the punctuation that could differ (ASCII, Latin-1, the
 * General Punctuation block and every Mid* code point) are checked when the
 * table is built: each is run through ICU and through this segmenter in a
 * few contexts ("aXb", "1X2", "X", ...), and takes the first class that
 * agrees with ICU everywhere, or SL. tests/unit/test_wordbreak.c checks
 * every other BMP code point the same way, and the SemEval texts and a
 * fuzz target (tests/fuzz/fuzz_wordbreak.c) compare whole texts.
 */
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include "core/error.h"
#include "text/text.h"
#include "text/utf8.h"

enum { OT = KH_WB_OTHER, AL = KH_WB_ALETTER, NU = KH_WB_NUMERIC, ML = KH_WB_MIDLETTER,
       MN = KH_WB_MIDNUM, MNL = KH_WB_MIDNUMLET, ENL = KH_WB_EXTENDNUMLET, EX = KH_WB_EXTEND,
       SL = KH_WB_SLOW };

/* The class of one BMP code point from ICU's Unicode data. */
static uint8_t class_of(UChar32 c)
{
    if (c >= 0xD800 && c <= 0xDFFF)
        return SL;
    UErrorCode st = U_ZERO_ERROR;
    UScriptCode sc = uscript_getScript(c, &st);
    if (U_FAILURE(st) || sc == USCRIPT_HAN || sc == USCRIPT_HIRAGANA || sc == USCRIPT_KATAKANA ||
        sc == USCRIPT_HANGUL || u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC) ||
        u_getIntPropertyValue(c, UCHAR_LINE_BREAK) == U_LB_COMPLEX_CONTEXT)
        return SL;
    switch (u_getIntPropertyValue(c, UCHAR_WORD_BREAK)) {
    case U_WB_ALETTER:
        return AL;
    case U_WB_NUMERIC:
        return NU;
    case U_WB_MIDLETTER:
        return ML;
    case U_WB_MIDNUM:
        return MN;
    case U_WB_MIDNUMLET:
    case U_WB_SINGLE_QUOTE: /* differs from MidNumLet only next to Hebrew letters */
        return MNL;
    case U_WB_EXTENDNUMLET:
        return ENL;
    case U_WB_EXTEND:
    case U_WB_FORMAT:
        return EX;
    case U_WB_OTHER:
    case U_WB_CR:
    case U_WB_LF:
    case U_WB_NEWLINE:
    case U_WB_WSEGSPACE:
    case U_WB_DOUBLE_QUOTE: /* joins Hebrew letters only (WB7b-c) */
        return OT;
    default: /* Hebrew_Letter, Katakana, ZWJ, Regional_Indicator, E_* */
        return SL;
    }
}

static inline uint8_t class_at(const uint8_t *wb, const char *s, size_t *i)
{
    uint32_t c = kh_utf8_next(s, i);
    return c < 0x10000 ? wb[c] : SL;
}

/* Past any Extend/Format at s[i]. */
static inline size_t skip_extend(const uint8_t *wb, const char *s, size_t len, size_t i)
{
    while (i < len) {
        size_t j = i;
        if (class_at(wb, s, &j) != EX)
            break;
        i = j;
    }
    return i;
}

/* The segment that starts at s[at], a code point of class first (AL, NU
 * or ENL) ending at next: returns its end and sets *kind to its token kind,
 * or 0 when ICU gives it no letter or number status. Each code point is
 * decoded once: Extend/Format after a letter, digit or connector is taken
 * as it comes (WB4) rather than looked ahead for. */
static size_t token_end(const uint8_t *wb, const char *s, size_t len, size_t next, uint8_t first,
                        int *kind)
{
    uint8_t prev = first, before = OT; /* the last two letters, digits or connectors */
    size_t end = next;
    int trail = 0; /* Extend/Format after prev */
    while (end < len) {
        size_t j = end;
        uint8_t c = class_at(wb, s, &j);
        if (c == EX) { /* WB4 */
            end = j;
            trail = 1;
            continue;
        }
        if (c == AL || c == NU || c == ENL) { /* WB5, WB8-10, WB13a-b */
            before = prev;
            prev = c;
            end = j;
            trail = 0;
            continue;
        }
        int mid = prev == AL ? (c == ML || c == MNL) : prev == NU ? (c == MN || c == MNL) : 0;
        if (!mid) /* WB999 */
            break;
        size_t k = skip_extend(wb, s, len, j);
        if (k >= len || class_at(wb, s, &k) != prev) /* WB6-7, WB11-12 need the same class after */
            break;
        end = k;
        trail = 0;
    }
    /* ICU's rule status: "$Numeric $ExFm* {100}", "$ALetterPlus $ExFm* {200}";
     * a final connector takes the status of the rule that joined it (WB13a:
     * 100 after a digit, 200 after a letter or connector), none alone or
     * when Extend/Format follows it (they are joined by the rule without
     * status, "[^$CR $LF $Newline $ExFm] $ExFm*"). */
    if (prev == ENL)
        prev = trail ? OT : before;
    *kind = prev == NU ? KH_TOKEN_NUMBER : prev == OT ? 0 : KH_TOKEN_WORD;
    return end;
}

int kh_wordbreak_next(const kh_text *t, const char *s, size_t len, size_t *pos, size_t *start,
                      size_t *end, int *kind)
{
    const uint8_t *wb = t->wb;
    size_t i = *pos;
    while (i < len) {
        size_t at = i;
        uint8_t c;
        unsigned char b = (unsigned char)s[i];
        if (b < 0x80) {
            c = wb[b];
            i++;
        } else {
            c = class_at(wb, s, &i);
        }
        if (c == AL || c == NU || c == ENL) {
            i = token_end(wb, s, len, i, c, kind);
            if (*kind == 0)
                continue;
            *start = at;
            *end = *pos = i;
            return 1;
        }
        if (c == SL) {
            *pos = at;
            return -1;
        }
    }
    *pos = i;
    return 0;
}

/* ---- building and checking the table ---------------------------------- */

#define PROBE_MAX 16

typedef struct probe_tok {
    size_t start, end;
    int kind;
} probe_tok;

/* Tokens of the code points cps (BMP, no surrogates) through ICU, as byte
 * spans of their UTF-8 (off: byte offset of each code point, n + 1). */
static size_t icu_probe(kh_text *t, const uint32_t *cps, size_t n, const size_t *off,
                        probe_tok *out)
{
    UChar u[PROBE_MAX];
    for (size_t i = 0; i < n; i++)
        u[i] = (UChar)cps[i];
    UErrorCode st = U_ZERO_ERROR;
    ubrk_setText(t->words, u, (int32_t)n, &st);
    if (U_FAILURE(st))
        return (size_t)-1;
    size_t m = 0;
    int32_t a = ubrk_first(t->words);
    for (int32_t b = ubrk_next(t->words); b != UBRK_DONE; a = b, b = ubrk_next(t->words)) {
        int32_t r = ubrk_getRuleStatus(t->words);
        int kind = r >= UBRK_WORD_NUMBER && r < UBRK_WORD_NUMBER_LIMIT ? KH_TOKEN_NUMBER
                   : r >= UBRK_WORD_LETTER && r < UBRK_WORD_IDEO_LIMIT ? KH_TOKEN_WORD
                                                                        : 0;
        if (kind && m < PROBE_MAX)
            out[m++] = (probe_tok){off[a], off[b], kind};
    }
    ubrk_setText(t->words, u, 0, &st); /* do not keep a pointer to the stack */
    return m;
}

/* 1 when this segmenter gives ICU's tokens on cps. */
static int probe_agrees(kh_text *t, const uint32_t *cps, size_t n)
{
    char s[PROBE_MAX * 4];
    size_t off[PROBE_MAX + 1], len = 0;
    for (size_t i = 0; i < n; i++) {
        off[i] = len;
        len += kh_utf8_encode(cps[i], s + len);
    }
    off[n] = len;
    probe_tok want[PROBE_MAX], got[PROBE_MAX];
    size_t nw = icu_probe(t, cps, n, off, want), ng = 0, pos = 0, a, b;
    int kind, r;
    while ((r = kh_wordbreak_next(t, s, len, &pos, &a, &b, &kind)) > 0 && ng < PROBE_MAX)
        got[ng++] = (probe_tok){a, b, kind};
    if (r < 0 || nw != ng)
        return 0;
    for (size_t i = 0; i < ng; i++)
        if (got[i].start != want[i].start || got[i].end != want[i].end ||
            got[i].kind != want[i].kind)
            return 0;
    return 1;
}

/* The contexts a code point x is checked in: '*' stands for x. */
static const char *const PROBES[] = {
    "*", "a*b", "1*2", "a*", "*a", "1*", "*2", "a**b", "1**2", "a*1", "1*a",
    "a\u0301*\u0301b", "1\u0301*\u03012", "\u0628*\u0628", "\u0661*\u0662", "a.*", "1,*",
    "*.a", "*,1", "a*.b", "1*,2", " * ", "\n*\u0301a",
};

int kh_wordbreak_check(kh_text *t, uint32_t x)
{
    for (size_t p = 0; p < sizeof PROBES / sizeof PROBES[0]; p++) {
        uint32_t cps[PROBE_MAX];
        size_t n = 0, i = 0;
        const char *pat = PROBES[p];
        size_t plen = strlen(pat);
        while (i < plen && n < PROBE_MAX) {
            uint32_t c = kh_utf8_next(pat, &i);
            cps[n++] = c == '*' ? x : c;
        }
        if (!probe_agrees(t, cps, n))
            return 0;
    }
    return 1;
}

/* The code points whose class is checked against ICU when the table is
 * built: where CLDR's rules may differ from the Unicode data. */
static int worth_checking(uint32_t c, uint8_t cls)
{
    return c < 0x100 || (c >= 0x2000 && c < 0x2070) || cls == ML || cls == MN || cls == MNL ||
           cls == ENL;
}

int kh_wordbreak_build(kh_text *t)
{
    uint8_t *wb = malloc(0x10000);
    if (!wb)
        return kh_set_error(KH_ENOMEM, "out of memory for the word break table");
    for (uint32_t c = 0; c < 0x10000; c++)
        wb[c] = class_of((UChar32)c);
    t->wb = wb;
    static const uint8_t order[] = {OT, AL, NU, ML, MN, MNL, ENL, EX};
    for (uint32_t c = 0; c < 0x10000; c++) {
        const uint8_t cls = wb[c];
        if (cls == SL || !worth_checking(c, cls) || kh_wordbreak_check(t, c))
            continue;
        wb[c] = SL;
        for (size_t k = 0; k < sizeof order; k++) {
            if (order[k] == cls)
                continue;
            wb[c] = order[k];
            if (kh_wordbreak_check(t, c))
                break;
            wb[c] = SL;
        }
    }
    return KH_OK;
}
