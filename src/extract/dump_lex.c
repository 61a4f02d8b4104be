/*
 * dump_lex.c: light folding, the cue lexicon and a counting hash set for
 * the text-dump extractor (see dump_lex.h for the design).
 *
 * The fold is deliberately smaller than kh_text_fold() (src/text/): it is
 * a switch over code points, needs no ICU object, and keeps a byte map to
 * the input so that every cue match turns into an input span. It only has
 * to make cue phrases and repeated lines compare equal, not to be a full
 * orthographic normalisation.
 */
#include <stdlib.h>
#include <string.h>

#include "core/data.h"
#include "core/error.h"
#include "core/grow.h"
#include "extract/dump_lex.h"
#include "text/utf8.h"

/* ---- folding ---------------------------------------------------- */

#define FOLD_DROP 0xFFFFFFFFu
#define FOLD_SPACE 0x20u

/* Folds one code point: returns the folded code point, FOLD_SPACE for any
 * white space, or FOLD_DROP for characters that do not count in matching. */
static uint32_t fold_cp(uint32_t cp)
{
    if (cp < 0x80) {
        if (cp == '\n')
            return cp;
        if (cp == ' ' || cp == '\t' || cp == '\r' || cp == '\v' || cp == '\f')
            return FOLD_SPACE;
        if (cp >= 'A' && cp <= 'Z')
            return cp + 32;
        return cp;
    }
    if (cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F ||
        cp == 0x205F || cp == 0x3000)
        return FOLD_SPACE;
    if ((cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
        (cp >= 0x2060 && cp <= 0x2069) || cp == 0xFEFF || cp == 0xAD)
        return FOLD_DROP;
    if (cp >= 0x0600 && cp <= 0x06FF) {
        if (cp == 0x0640 || (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 ||
            (cp >= 0x0610 && cp <= 0x061A) || (cp >= 0x06D6 && cp <= 0x06DC) ||
            (cp >= 0x06DF && cp <= 0x06E4) || cp == 0x06E7 || cp == 0x06E8 ||
            (cp >= 0x06EA && cp <= 0x06ED))
            return FOLD_DROP;
        if (cp >= 0x0660 && cp <= 0x0669)
            return '0' + (cp - 0x0660);
        if (cp >= 0x06F0 && cp <= 0x06F9)
            return '0' + (cp - 0x06F0);
        switch (cp) {
        case 0x0649: case 0x06CC: case 0x06CD: case 0x06D0: case 0x06D2: case 0x0626:
            return 0x064A; /* Yeh forms */
        case 0x06A9: case 0x06AA:
            return 0x0643; /* Keheh -> Kaf */
        case 0x0629: case 0x06C0: case 0x06C1: case 0x06C3: case 0x06D5: case 0x06BE:
            return 0x0647; /* teh marbuta, Heh forms */
        case 0x0622: case 0x0623: case 0x0625: case 0x0671: case 0x0672: case 0x0673:
            return 0x0627; /* alef forms */
        case 0x0624:
            return 0x0648;
        case 0x060C: case 0x066C:
            return ',';
        case 0x061B:
            return ';';
        case 0x061F:
            return '?';
        case 0x066B: case 0x06D4:
            return '.';
        case 0x066A:
            return '%';
        default:
            return cp;
        }
    }
    if ((cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212)
        return '-';
    if (cp == 0xFF1A)
        return ':';
    return cp;
}

int kh_dump_is_word_cp(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    if (cp < 0xC0)
        return cp == 0xAA || cp == 0xB5 || cp == 0xBA;
    if (cp <= 0x24F)
        return cp != 0xD7 && cp != 0xF7;
    if (cp >= 0x0600 && cp <= 0x06FF)
        return !(cp <= 0x060F || cp == 0x061B || cp == 0x061F || (cp >= 0x066A && cp <= 0x066D) ||
                 cp == 0x06D4 || cp == 0x06DD || cp == 0x06DE || cp == 0x06E9);
    if ((cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
        (cp >= 0xFD3E && cp <= 0xFD3F) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
        (cp >= 0xFF00 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) || cp == 0xFEFF)
        return 0;
    return 1;
}

void kh_dump_folded_free(kh_dump_folded *f)
{
    if (!f)
        return;
    free(f->s);
    free(f->map);
    memset(f, 0, sizeof *f);
}

/* Folds text into s (len + 1 bytes) and map (len + 1 entries); returns the
 * folded length. A code point never folds to more bytes than it has (ASCII
 * stays one byte, Arabic letters fold to Arabic letters), so len bounds
 * the output. */
static size_t fold_into(const char *text, size_t len, char *s, uint32_t *map)
{
    size_t o = 0, i = 0;
    while (i < len) {
        size_t at = i;
        uint32_t cp = fold_cp(kh_utf8_next(text, &i));
        if (text[at] == '\r' && (i == len || text[i] != '\n'))
            cp = '\n'; /* a lone CR (old Mac line end) ends a line too */
        if (cp == FOLD_DROP)
            continue;
        if (cp == FOLD_SPACE) {
            if (o == 0 || s[o - 1] == ' ' || s[o - 1] == '\n')
                continue;
        } else if ((cp == '\n' || cp == ':' || cp == ',' || cp == ';') && o > 0 && s[o - 1] == ' ') {
            o--; /* no space before a newline or a separator */
        }
        char enc[4];
        size_t n = kh_utf8_encode(cp, enc);
        for (size_t k = 0; k < n; k++) {
            s[o] = enc[k];
            map[o] = (uint32_t)at;
            o++;
        }
    }
    if (o > 0 && s[o - 1] == ' ')
        o--;
    s[o] = '\0';
    map[o] = (uint32_t)len;
    return o;
}

int kh_dump_fold(const char *text, size_t len, kh_dump_folded *out)
{
    memset(out, 0, sizeof *out);
    if (len >= UINT32_MAX / 2)
        return kh_set_error(KH_EINVAL, "dump of %zu bytes is too large", len);
    out->s = malloc(len + 1);
    out->map = malloc((len + 1) * sizeof *out->map);
    if (!out->s || !out->map) {
        kh_dump_folded_free(out);
        return kh_set_error(KH_ENOMEM, "out of memory folding %zu bytes", len);
    }
    out->len = fold_into(text, len, out->s, out->map);
    return KH_OK;
}

/* ---- cue lexicon ------------------------------------------------ */

static const char *const kind_names[KH_CUE__COUNT] = {
    [KH_CUE_DATE] = "date",         [KH_CUE_MODIFIED] = "modified",
    [KH_CUE_ID] = "id",             [KH_CUE_SOURCE] = "source",
    [KH_CUE_BYLINE] = "byline",     [KH_CUE_DESK] = "desk",
    [KH_CUE_REPORT] = "report",     [KH_CUE_TAGS] = "tags",
    [KH_CUE_READALSO] = "readalso", [KH_CUE_RELATED] = "related",
    [KH_CUE_LATEST] = "latest",     [KH_CUE_POPULAR] = "popular",
    [KH_CUE_COMMENTS] = "comments", [KH_CUE_COPYRIGHT] = "copyright",
    [KH_CUE_NAV] = "nav",           [KH_CUE_ADLINE] = "adline",
    [KH_CUE_MARKER] = "marker",     [KH_CUE_PLACE] = "place",
    [KH_CUE_NOTAIL] = "notail",     [KH_CUE_MONTH] = "month",
};

static int kind_from_name(const char *s, size_t n)
{
    for (int k = 1; k < KH_CUE__COUNT; k++)
        if (kind_names[k][0] == s[0] && strncmp(kind_names[k], s, n) == 0 &&
            kind_names[k][n] == '\0')
            return k;
    return KH_CUE_NONE;
}

static unsigned count_words(const char *s, size_t n)
{
    unsigned words = 0;
    int in = 0;
    for (size_t i = 0; i < n; i++) {
        int sp = s[i] == ' ';
        if (!sp && !in)
            words++;
        in = !sp;
    }
    return words;
}

#define CUE_MAX 255 /* longest phrase, in bytes */

static int lexicon_add(kh_dump_lexicon *lx, int kind, const char *phrase, size_t n, const char *file)
{
    char f[CUE_MAX + 1];
    uint32_t map[CUE_MAX + 1];
    if (n > CUE_MAX)
        return KH_OK; /* not a label: ignore the entry */
    if (kh_utf8_invalid_offset(phrase, n) != n)
        return kh_set_error(KH_EENCODING, "%s: cue is not UTF-8", file);
    size_t len = fold_into(phrase, n, f, map);
    while (len > 0 && (f[len - 1] == ':' || f[len - 1] == ' '))
        len--;
    if (len == 0)
        return KH_OK;
    kh_cue *v = kh_grow(lx->v, &lx->cap, lx->n, sizeof *v, 512);
    if (!v)
        return kh_set_error(KH_ENOMEM, "out of memory loading dump cues");
    lx->v = v;
    kh_cue *c = &lx->v[lx->n];
    c->kind = (uint8_t)kind;
    c->nwords = (uint8_t)count_words(f, len);
    c->off = (uint32_t)lx->phrases.len;
    c->len = (uint32_t)len;
    int rc = kh_buf_append(&lx->phrases, f, len);
    if (rc)
        return rc;
    lx->n++;
    return KH_OK;
}

static int lexicon_load_file(kh_dump_lexicon *lx, const kh_data_file *df)
{
    size_t cursor = 0, n;
    const char *line;
    while (kh_data_next_line(df->bytes, df->len, &cursor, &line, &n)) {
        const char *tab = memchr(line, '\t', n);
        if (!tab)
            continue;
        int kind = kind_from_name(line, (size_t)(tab - line));
        if (kind == KH_CUE_NONE)
            continue;
        const char *phrase = tab + 1;
        int rc = lexicon_add(lx, kind, phrase, n - (size_t)(phrase - line), df->name);
        if (rc)
            return rc;
    }
    return KH_OK;
}

/* Orders the cues by kind (stable: file order within a kind) so that a
 * lookup scans only the kinds it asks for. */
static int index_by_kind(kh_dump_lexicon *lx)
{
    size_t count[KH_CUE__COUNT + 1] = {0};
    for (size_t i = 0; i < lx->n; i++)
        count[lx->v[i].kind + 1]++;
    for (int k = 0; k < KH_CUE__COUNT; k++)
        count[k + 1] += count[k];
    memcpy(lx->by_kind, count, sizeof lx->by_kind);
    kh_cue *v = malloc(lx->n * sizeof *v);
    if (!v)
        return kh_set_error(KH_ENOMEM, "out of memory loading dump cues");
    for (size_t i = 0; i < lx->n; i++)
        v[count[lx->v[i].kind]++] = lx->v[i];
    free(lx->v);
    lx->v = v;
    lx->cap = lx->n;
    return KH_OK;
}

int kh_dump_lexicon_load(kh_dump_lexicon *lx)
{
    static const char prefix[] = "extract/dump_cues_";
    memset(lx, 0, sizeof *lx);
    for (unsigned i = 0; i < kh_data_count; i++) {
        const kh_data_file *df = &kh_data_files[i];
        size_t nl = strlen(df->name);
        if (strncmp(df->name, prefix, sizeof prefix - 1) != 0 || nl < 4 ||
            strcmp(df->name + nl - 4, ".txt") != 0)
            continue;
        int rc = lexicon_load_file(lx, df);
        if (rc) {
            kh_dump_lexicon_free(lx);
            return rc;
        }
    }
    int rc = lx->n ? index_by_kind(lx)
                   : kh_set_error(KH_ENOTFOUND, "no data/extract/dump_cues_*.txt compiled in");
    if (rc)
        kh_dump_lexicon_free(lx);
    return rc;
}

void kh_dump_lexicon_free(kh_dump_lexicon *lx)
{
    if (!lx)
        return;
    free(lx->v);
    kh_buf_free(&lx->phrases);
    memset(lx, 0, sizeof *lx);
}

/* The code point ending at s[n-1] (s valid UTF-8). */
static uint32_t last_cp(const char *s, size_t n)
{
    size_t i = n - 1;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    return kh_utf8_next(s, &i);
}

/* 1 when a phrase of length len ends at a word boundary of s[0..n). */
static int at_boundary(const char *phrase, size_t len, const char *s, size_t n)
{
    if (len == n || !kh_dump_is_word_cp(last_cp(phrase, len)))
        return 1;
    size_t i = len;
    return !kh_dump_is_word_cp(kh_utf8_next(s, &i));
}

const kh_cue *kh_dump_cue_prefix(const kh_dump_lexicon *lx, const char *s, size_t n,
                                 uint32_t kinds, size_t *after, int *colon)
{
    const kh_cue *best = NULL;
    for (int k = 1; k < KH_CUE__COUNT; k++) {
        if (!(kinds & KH_CUE_BIT(k)))
            continue;
        for (size_t i = lx->by_kind[k]; i < lx->by_kind[k + 1]; i++) {
            const kh_cue *c = &lx->v[i];
            if (c->len > n || (best && c->len <= best->len))
                continue;
            const char *p = lx->phrases.data + c->off;
            if (p[0] != s[0] || memcmp(s, p, c->len) != 0 || !at_boundary(p, c->len, s, n))
                continue;
            best = c;
        }
    }
    if (!best)
        return NULL;
    size_t pos = best->len;
    int col = 0;
    while (pos < n && s[pos] == ' ')
        pos++;
    if (pos < n && s[pos] == ':') {
        col = 1;
        pos++;
        while (pos < n && s[pos] == ' ')
            pos++;
    }
    if (after)
        *after = pos;
    if (colon)
        *colon = col;
    return best;
}

int kh_dump_cue_is(const kh_dump_lexicon *lx, kh_cue_kind kind, const char *w, size_t n)
{
    if (kind <= KH_CUE_NONE || kind >= KH_CUE__COUNT)
        return 0;
    for (size_t i = lx->by_kind[kind]; i < lx->by_kind[kind + 1]; i++) {
        const kh_cue *c = &lx->v[i];
        if (c->len == n && memcmp(lx->phrases.data + c->off, w, n) == 0)
            return 1;
    }
    return 0;
}

/* ---- hashing ---------------------------------------------------- */

uint64_t kh_dump_hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h ? h : 1;
}

uint64_t kh_dump_line_key(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= '0' && c <= '9') {
            if (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9')
                continue; /* a run of digits counts as one '0' */
            c = '0';
        }
        h ^= c;
        h *= 1099511628211ull;
    }
    return h ? h : 1;
}

static int hset_grow(kh_dump_hset *h)
{
    size_t cap = h->cap ? h->cap * 2 : 64;
    uint64_t *keys = calloc(cap, sizeof *keys);
    uint32_t *counts = calloc(cap, sizeof *counts);
    if (!keys || !counts) {
        free(keys);
        free(counts);
        return kh_set_error(KH_ENOMEM, "out of memory growing a hash set");
    }
    for (size_t i = 0; i < h->cap; i++) {
        if (!h->keys[i])
            continue;
        size_t j = (size_t)h->keys[i] & (cap - 1);
        while (keys[j])
            j = (j + 1) & (cap - 1);
        keys[j] = h->keys[i];
        counts[j] = h->counts[i];
    }
    free(h->keys);
    free(h->counts);
    h->keys = keys;
    h->counts = counts;
    h->cap = cap;
    return KH_OK;
}

int kh_dump_hset_add(kh_dump_hset *h, uint64_t key, uint32_t *count)
{
    if (!key)
        key = 1;
    if ((h->n + 1) * 10 > h->cap * 7) {
        int rc = hset_grow(h);
        if (rc)
            return rc;
    }
    size_t j = (size_t)key & (h->cap - 1);
    while (h->keys[j] && h->keys[j] != key)
        j = (j + 1) & (h->cap - 1);
    if (!h->keys[j]) {
        h->keys[j] = key;
        h->n++;
    }
    if (h->counts[j] < UINT32_MAX)
        h->counts[j]++;
    if (count)
        *count = h->counts[j];
    return KH_OK;
}

uint32_t kh_dump_hset_get(const kh_dump_hset *h, uint64_t key)
{
    if (!key)
        key = 1;
    if (!h->cap)
        return 0;
    size_t j = (size_t)key & (h->cap - 1);
    while (h->keys[j]) {
        if (h->keys[j] == key)
            return h->counts[j];
        j = (j + 1) & (h->cap - 1);
    }
    return 0;
}

void kh_dump_hset_free(kh_dump_hset *h)
{
    if (!h)
        return;
    free(h->keys);
    free(h->counts);
    memset(h, 0, sizeof *h);
}
