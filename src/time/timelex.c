/*
 * timelex.c: date tokens and the date lexicon (see timelex.h).
 *
 * Folding. Dates are written with whatever keyboard the writer had: ی or ي,
 * ک or ك, أ or ا, ة or ه, with or without ZWNJ, tatweel and harakat, digits
 * in three scripts. Each word is folded code point by code point into one
 * canonical form (below); numbers get their value whatever their script.
 * This is a smaller folding than the text layer's (no NFKC): it is all the
 * date grammar needs, it keeps the scanner free of ICU, and it is applied
 * identically to the lexicon phrases, which is what matters.
 *
 *   ی ى ې ۍ ئ  -> ي        ک ڪ      -> ك        آ أ إ ٱ -> ا
 *   ة ۀ ہ ە     -> ه        ؤ        -> و        A-Z     -> a-z
 *   ZWNJ ZWJ LRM RLM ALM tatweel harakat superscript-alef: dropped
 *
 * Tokens. A word is a run of letters (Latin or Arabic script, ignorables
 * inside it skipped), a number a run of digits, anything else that is not
 * white space one punctuation token. A number glued to letters ("23rd",
 * "2024م") gives two tokens; space_before tells whether they touched.
 *
 * Lexicon hash. Open addressing on FNV-1a of the first word; each slot holds
 * the index of the first entry with that word, entries chain through
 * kh_lex_entry.next. Built once in kh_dates_new(), read-only afterwards.
 */
#include <stdlib.h>
#include <string.h>

#include "core/data.h"
#include "core/error.h"
#include "core/grow.h"
#include "text/utf8.h"
#include "time/calendar.h"
#include "time/timelex.h"

/* ---- folding and tokens ------------------------------------------------ */

static int cp_digit(uint32_t c, uint8_t *script)
{
    if (c >= '0' && c <= '9') {
        *script = KH_DIGITS_ASCII;
        return (int)(c - '0');
    }
    if (c >= 0x0660 && c <= 0x0669) {
        *script = KH_DIGITS_ARABIC;
        return (int)(c - 0x0660);
    }
    if (c >= 0x06F0 && c <= 0x06F9) {
        *script = KH_DIGITS_PERSIAN;
        return (int)(c - 0x06F0);
    }
    return -1;
}

static int cp_ignorable(uint32_t c)
{
    return c == 0x200C || c == 0x200D || c == 0x200E || c == 0x200F || c == 0x061C ||
           c == 0x0640 || (c >= 0x064B && c <= 0x065F) || c == 0x0670 || c == 0xFEFF ||
           c == 0x00AD || (c >= 0x06D6 && c <= 0x06ED && c != 0x06D5);
}

static int cp_space(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v' ||
           c == 0x00A0 || (c >= 0x2000 && c <= 0x200B) || c == 0x2028 || c == 0x2029 ||
           c == 0x202F || c == 0x205F || c == 0x3000;
}

static int cp_letter(uint32_t c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
        return 1;
    if (c >= 0x00C0 && c <= 0x024F && c != 0x00D7 && c != 0x00F7)
        return 1;
    if ((c >= 0x0620 && c <= 0x064A) || (c >= 0x066E && c <= 0x06D3) || c == 0x06D5 ||
        c == 0x06EE || c == 0x06EF || (c >= 0x06FA && c <= 0x06FF))
        return 1;
    return (c >= 0x0750 && c <= 0x077F) || (c >= 0xFB50 && c <= 0xFDFF) ||
           (c >= 0xFE70 && c <= 0xFEFC);
}

static uint32_t fold_letter(uint32_t c)
{
    if (c >= 'A' && c <= 'Z')
        return c + 32;
    switch (c) {
    case 0x06CC: case 0x0649: case 0x06D0: case 0x06CD: case 0x0626: case 0x06CE:
        return 0x064A;
    case 0x06A9: case 0x06AA:
        return 0x0643;
    case 0x0622: case 0x0623: case 0x0625: case 0x0671:
        return 0x0627;
    case 0x0629: case 0x06C0: case 0x06C1: case 0x06D5: case 0x06C3:
        return 0x0647;
    case 0x0624:
        return 0x0648;
    default:
        return c;
    }
}

static int cp_sentence_end(uint32_t c)
{
    return c == '.' || c == '!' || c == '?' || c == 0x061F || c == 0x06D4;
}

static int push_tok(kh_dtoks *t, const kh_dtok *tok)
{
    kh_dtok *v = kh_grow(t->v, &t->cap, t->n, sizeof *v, 256);
    if (!v)
        return kh_set_error(KH_ENOMEM, "out of memory splitting date tokens");
    t->v = v;
    t->v[t->n++] = *tok;
    return KH_OK;
}

/* Reads one word starting at *i (a letter) and appends its folded form
 * and a NUL. The caller reserved room: a folded letter is never longer than
 * the letter it comes from, so the keys of a text fit in twice its length. */
static void read_word(kh_dtoks *t, const char *s, size_t len, size_t *i, kh_dtok *tok)
{
    size_t j = *i;
    char *out = t->keys.data + t->keys.len;
    tok->key = (uint32_t)t->keys.len;
    while (j < len) {
        size_t k = j;
        const uint32_t c = kh_utf8_next(s, &k);
        if (cp_ignorable(c)) {
            j = k;
            continue;
        }
        if (!cp_letter(c))
            break;
        out += kh_utf8_encode(fold_letter(c), out);
        j = k;
        tok->end = (uint32_t)j;
    }
    *out = '\0';
    tok->klen = (uint32_t)(out - (t->keys.data + tok->key));
    t->keys.len += tok->klen + 1;
    *i = j;
}

static void read_number(const char *s, size_t len, size_t *i, kh_dtok *tok)
{
    size_t j = *i;
    int64_t v = 0;
    unsigned nd = 0;
    while (j < len) {
        size_t k = j;
        uint8_t script;
        const int dg = cp_digit(kh_utf8_next(s, &k), &script);
        if (dg < 0)
            break;
        if (nd == 0)
            tok->script = script;
        if (v < 100000000)
            v = v * 10 + dg;
        else
            v = 999999999;
        nd++;
        j = k;
    }
    tok->num = (int32_t)v;
    tok->ndig = (uint8_t)(nd > 255 ? 255 : nd);
    tok->end = (uint32_t)j;
    *i = j;
}

int kh_dtok_split(kh_dtoks *out, const char *s, size_t len)
{
    size_t i = 0;
    uint32_t sentence = 0, line = 0;
    int space = 1;
    out->n = 0;
    out->keys.len = 0;
    out->kinds_ready = 0;
    if (len > UINT32_MAX - 8)
        return kh_set_error(KH_EINVAL, "text too long for the date scanner (%zu bytes)", len);
    if (kh_buf_reserve(&out->keys, 2 * len + 2) != KH_OK) /* see read_word */
        return KH_ENOMEM;
    out->keys.data[0] = '\0'; /* offset 0 = empty key */
    out->keys.len = 1;
    while (i < len) {
        size_t k = i;
        const uint32_t c = kh_utf8_next(s, &k);
        uint8_t script;
        kh_dtok tok;
        memset(&tok, 0, sizeof tok);
        tok.start = (uint32_t)i;
        tok.space_before = (uint8_t)space;
        tok.sentence = sentence;
        tok.line = line;
        if (cp_space(c) || (cp_ignorable(c) && c != 0x0640)) {
            if (c == '\n' || c == 0x2029) {
                line++;
                sentence += (out->n > 0 && out->v[out->n - 1].sentence == sentence);
            }
            space = 1;
            i = k;
            continue;
        }
        if (cp_digit(c, &script) >= 0) {
            tok.type = KH_DT_NUM;
            read_number(s, len, &i, &tok);
        } else if (cp_letter(c)) {
            tok.type = KH_DT_WORD;
            read_word(out, s, len, &i, &tok);
        } else {
            tok.type = KH_DT_PUNCT;
            tok.cp = c;
            tok.end = (uint32_t)k;
            i = k;
        }
        space = 0;
        if (push_tok(out, &tok) != KH_OK)
            return KH_ENOMEM;
        if (tok.type == KH_DT_PUNCT && cp_sentence_end(c))
            sentence++;
    }
    return KH_OK;
}

void kh_dtoks_free(kh_dtoks *t)
{
    free(t->v);
    kh_buf_free(&t->keys);
    memset(t, 0, sizeof *t);
}

/* ---- lexicon ------------------------------------------------------------ */

static uint32_t fnv1a(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

static const char *const kind_names[KH_LX_COUNT] = {
    "month",   "weekday", "relday", "relweek",  "relmonth",  "relyear",   "unit",  "agopost",
    "agopre",  "block",   "last",   "next",     "this",      "era",       "daycue", "yearcue",
    "timecue", "monthcue", "of",    "ordsuffix", "ampm",     "zone",      "pubcue", "ordinal",
    "number"};

static int kind_from(const char *s, size_t n)
{
    for (int k = 0; k < KH_LX_COUNT; k++)
        if (strlen(kind_names[k]) == n && memcmp(kind_names[k], s, n) == 0)
            return k;
    return -1;
}

/* Splits a TAB-separated line into at most max fields. */
static size_t split_tabs(const char *line, size_t len, const char **f, size_t *fl, size_t max)
{
    size_t nf = 0, start = 0;
    for (size_t i = 0; i <= len && nf < max; i++) {
        if (i == len || line[i] == '\t') {
            f[nf] = line + start;
            fl[nf] = i - start;
            nf++;
            start = i + 1;
        }
    }
    return nf;
}

static int parse_unit(const char *v, size_t n, int32_t *unit, int32_t *count)
{
    static const char *const units[] = {"day", "week", "month", "year"};
    const char *slash = memchr(v, '/', n);
    if (!slash)
        return KH_EPARSE;
    const size_t un = (size_t)(slash - v);
    *unit = 0;
    for (int i = 0; i < 4; i++)
        if (strlen(units[i]) == un && memcmp(units[i], v, un) == 0)
            *unit = KH_UNIT_DAY + i;
    *count = slash[1] == 'n' ? 0 : atoi(slash + 1);
    return *unit ? KH_OK : KH_EPARSE;
}

/* Fills the value fields of an entry from its kind and value column. */
static int entry_values(kh_lexicon *lex, kh_lex_entry *e, const char *v, size_t n)
{
    char tmp[64];
    if (n >= sizeof tmp)
        return KH_EPARSE;
    memcpy(tmp, v, n);
    tmp[n] = '\0';
    switch (e->kind) {
    case KH_LX_MONTH: {
        const char *slash = strchr(tmp, '/');
        kh_cal cal;
        if (!slash || kh_cal_from_name(tmp, (size_t)(slash - tmp), &cal) != KH_OK)
            return KH_EPARSE;
        e->ival2 = cal;
        e->ival = atoi(slash + 1);
        return (e->ival >= 1 && e->ival <= 12) ? KH_OK : KH_EPARSE;
    }
    case KH_LX_ERA: {
        kh_cal cal;
        if (kh_cal_from_name(tmp, n, &cal) != KH_OK)
            return KH_EPARSE;
        e->ival2 = cal;
        return KH_OK;
    }
    case KH_LX_UNIT:
        return parse_unit(tmp, n, &e->ival, &e->ival2);
    case KH_LX_AGOPRE:
        e->ival = strcmp(tmp, "dw") == 0;
        return KH_OK;
    case KH_LX_AMPM:
        e->ival = strcmp(tmp, "pm") == 0 ? 12 : 0;
        return KH_OK;
    case KH_LX_PUBCUE:
        e->ival = strcmp(tmp, "upd") == 0 ? 2 : 1;
        return KH_OK;
    case KH_LX_ZONE:
        e->sval = (uint32_t)lex->pool.len;
        return kh_buf_append(&lex->pool, tmp, n + 1);
    default:
        e->ival = atoi(tmp);
        return KH_OK;
    }
}

/* Cuts the phrase into tokens and copies their keys into the pool. */
static int entry_tokens(kh_lexicon *lex, kh_lex_entry *e, const char *p, size_t n, kh_dtoks *tmp)
{
    if (kh_utf8_invalid_offset(p, n) != n || kh_dtok_split(tmp, p, n) != KH_OK)
        return KH_EPARSE;
    if (tmp->n == 0 || tmp->n > KH_LEX_MAXTOK || tmp->v[0].type != KH_DT_WORD)
        return KH_EPARSE;
    e->ntok = (uint8_t)tmp->n;
    for (size_t i = 0; i < tmp->n; i++) {
        const kh_dtok *t = &tmp->v[i];
        e->ttype[i] = t->type;
        if (t->type == KH_DT_WORD) {
            e->tkey[i] = (uint32_t)lex->pool.len;
            e->tlen[i] = t->klen;
            if (kh_buf_append(&lex->pool, tmp->keys.data + t->key, t->klen + 1) != KH_OK)
                return KH_ENOMEM;
        } else if (t->type == KH_DT_PUNCT) {
            e->tkey[i] = t->cp;
        } else {
            return KH_EPARSE; /* no digits in phrases */
        }
    }
    return KH_OK;
}

static int add_line(kh_lexicon *lex, const char *line, size_t len, kh_dtoks *tmp)
{
    const char *f[5];
    size_t fl[5];
    if (split_tabs(line, len, f, fl, 5) < 4)
        return KH_EPARSE;
    kh_lex_entry e;
    memset(&e, 0, sizeof e);
    const int kind = kind_from(f[0], fl[0]);
    if (kind < 0)
        return KH_EPARSE;
    e.kind = (uint8_t)kind;
    memcpy(e.lang, f[2], fl[2] < 2 ? fl[2] : 2);
    if (fl[4] == 3 && memcmp(f[4], "amb", 3) == 0)
        e.flags |= KH_LEX_AMB;
    int rc = entry_values(lex, &e, f[1], fl[1]);
    if (rc == KH_OK)
        rc = entry_tokens(lex, &e, f[3], fl[3], tmp);
    if (rc != KH_OK)
        return rc;
    kh_lex_entry *v = kh_grow(lex->e, &lex->cap, lex->n, sizeof *v, 512);
    if (!v)
        return KH_ENOMEM;
    lex->e = v;
    lex->e[lex->n++] = e;
    return KH_OK;
}

static int build_hash(kh_lexicon *lex)
{
    size_t ns = 64;
    while (ns < lex->n * 2)
        ns *= 2;
    lex->slots = malloc(ns * sizeof *lex->slots);
    if (!lex->slots)
        return kh_set_error(KH_ENOMEM, "out of memory building the date lexicon");
    lex->nslots = ns;
    for (size_t i = 0; i < ns; i++)
        lex->slots[i] = -1;
    for (size_t i = 0; i < lex->n; i++) {
        kh_lex_entry *e = &lex->e[i];
        const char *w = lex->pool.data + e->tkey[0];
        size_t h = fnv1a(w, e->tlen[0]) & (ns - 1);
        for (;; h = (h + 1) & (ns - 1)) {
            const int32_t head = lex->slots[h];
            if (head < 0) {
                e->next = -1;
                lex->slots[h] = (int32_t)i;
                break;
            }
            const kh_lex_entry *he = &lex->e[head];
            if (he->tlen[0] == e->tlen[0] &&
                memcmp(lex->pool.data + he->tkey[0], w, e->tlen[0]) == 0) {
                e->next = head;
                lex->slots[h] = (int32_t)i;
                break;
            }
        }
    }
    return KH_OK;
}

int kh_lexicon_load(kh_lexicon *lex)
{
    static const char *const files[] = {"time/months.tsv", "time/weekdays.tsv",
                                        "time/relative.tsv", "time/qualifiers.tsv",
                                        "time/ordinals.tsv"};
    kh_dtoks tmp;
    memset(lex, 0, sizeof *lex);
    memset(&tmp, 0, sizeof tmp);
    int rc = kh_buf_append(&lex->pool, "", 1);
    for (size_t f = 0; rc == KH_OK && f < sizeof files / sizeof files[0]; f++) {
        size_t len, cur = 0, lineno = 0, ll;
        const char *bytes = kh_data_get(files[f], &len), *line;
        if (!bytes) {
            rc = kh_set_error(KH_ENOTFOUND, "data file %s is missing", files[f]);
            break;
        }
        while (rc == KH_OK && kh_data_next_line(bytes, len, &cur, &line, &ll)) {
            lineno++;
            rc = add_line(lex, line, ll, &tmp);
            if (rc != KH_OK)
                rc = kh_set_error(rc, "data/%s: bad entry '%.*s'", files[f], (int)ll, line);
        }
    }
    kh_dtoks_free(&tmp);
    if (rc == KH_OK)
        rc = build_hash(lex);
    if (rc != KH_OK)
        kh_lexicon_free(lex);
    return rc;
}

void kh_lexicon_free(kh_lexicon *lex)
{
    free(lex->e);
    free(lex->slots);
    kh_buf_free(&lex->pool);
    memset(lex, 0, sizeof *lex);
}

static int32_t lex_head(const kh_lexicon *lex, const char *w, size_t n)
{
    size_t h = fnv1a(w, n) & (lex->nslots - 1);
    for (;; h = (h + 1) & (lex->nslots - 1)) {
        const int32_t head = lex->slots[h];
        if (head < 0)
            return -1;
        const kh_lex_entry *e = &lex->e[head];
        if (e->tlen[0] == n && memcmp(lex->pool.data + e->tkey[0], w, n) == 0)
            return head;
    }
}

/* Do tokens i+1.. match the entry's tokens 1..? */
static int tail_matches(const kh_lexicon *lex, const kh_dtoks *t, size_t i,
                        const kh_lex_entry *e)
{
    if (i + e->ntok > t->n)
        return 0;
    for (size_t k = 1; k < e->ntok; k++) {
        const kh_dtok *tk = &t->v[i + k];
        if (tk->type != e->ttype[k])
            return 0;
        if (tk->type == KH_DT_PUNCT) {
            if (tk->cp != e->tkey[k])
                return 0;
        } else if (tk->klen != e->tlen[k] ||
                   memcmp(t->keys.data + tk->key, lex->pool.data + e->tkey[k], tk->klen) != 0) {
            return 0;
        }
    }
    return 1;
}

/* Arabic proclitics: UTF-8 of و ف (outer) and ب ل ك (inner). */
static int is_clitic(const char *w, int inner)
{
    const unsigned char a = (unsigned char)w[0], b = (unsigned char)w[1];
    if (!inner)
        return a == 0xD9 && (b == 0x88 || b == 0x81);
    return (a == 0xD8 && b == 0xA8) || (a == 0xD9 && (b == 0x84 || b == 0x83));
}

/* The first-word keys under which the word at token i is looked up: the
 * word itself, then without an Arabic proclitic. Returns how many. */
static size_t candidates(const kh_dtoks *t, size_t i, const char **cand, size_t *cn)
{
    const char *w = t->keys.data + t->v[i].key;
    const size_t n = t->v[i].klen;
    size_t nc = 0;
    cand[nc] = w, cn[nc++] = n;
    if (n >= 6 && is_clitic(w, 0)) {
        cand[nc] = w + 2, cn[nc++] = n - 2;
        if (n >= 8 && is_clitic(w + 2, 1))
            cand[nc] = w + 4, cn[nc++] = n - 4;
    }
    if (n >= 6 && is_clitic(w, 1))
        cand[nc] = w + 2, cn[nc++] = n - 2;
    return nc;
}

void kh_lex_mark_kinds(const kh_lexicon *lex, kh_dtoks *t)
{
    for (size_t i = 0; i < t->n; i++) {
        const char *cand[4];
        size_t cn[4];
        uint32_t kinds = 0;
        if (t->v[i].type == KH_DT_WORD) {
            const size_t nc = candidates(t, i, cand, cn);
            for (size_t c = 0; c < nc; c++)
                for (int32_t k = lex_head(lex, cand[c], cn[c]); k >= 0; k = lex->e[k].next)
                    kinds |= KH_LX(lex->e[k].kind);
        }
        t->v[i].kinds = kinds;
    }
    t->kinds_ready = 1;
}

size_t kh_lex_match(const kh_lexicon *lex, const kh_dtoks *t, size_t i, uint32_t mask,
                    const kh_lex_entry **out)
{
    if (i >= t->n || t->v[i].type != KH_DT_WORD || (t->kinds_ready && !(t->v[i].kinds & mask)))
        return 0;
    const char *cand[4];
    size_t cn[4], best = 0;
    const size_t nc = candidates(t, i, cand, cn);
    for (size_t c = 0; c < nc && !best; c++) {
        for (int32_t k = lex_head(lex, cand[c], cn[c]); k >= 0; k = lex->e[k].next) {
            const kh_lex_entry *e = &lex->e[k];
            if (!(mask & KH_LX(e->kind)) || e->ntok <= best || !tail_matches(lex, t, i, e))
                continue;
            best = e->ntok;
            *out = e;
        }
    }
    return best;
}
