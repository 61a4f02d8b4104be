/*
 * lexicon.c: phrase tables over folded tokens (see lexicon.h).
 *
 * Matching cost per token: one pass over its key (and over each clitic
 * variant) computing the FNV hash of every prefix length some entry asks
 * for, one kh_hmap probe per hash, and a walk of the (short) chain of
 * entries sharing that first token. Most tokens hit nothing.
 */
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/grow.h"
#include "facts/lexicon.h"

#define FNV_OFFSET 0xcbf29ce484222325ull
#define FNV_PRIME 0x100000001b3ull
#define GAP_PLEN 0xFFFFu
#define GAP_MAX 5

static inline uint64_t fnv_step(uint64_t h, unsigned char c)
{
    return (h ^ c) * FNV_PRIME;
}

static inline uint64_t fnv_fin(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h ? h : 1;
}

uint64_t kh_lex_hash(const char *s, size_t n)
{
    uint64_t h = FNV_OFFSET;
    for (size_t i = 0; i < n; i++)
        h = fnv_step(h, (unsigned char)s[i]);
    return fnv_fin(h);
}

size_t kh_lex_fields(const char *line, size_t len, const char **f, size_t *flen, size_t max)
{
    size_t n = 0, i = 0;
    while (n < max) {
        size_t j = i;
        while (j < len && line[j] != '\t')
            j++;
        f[n] = line + i;
        flen[n] = j - i;
        /* trim trailing blanks and CR */
        while (flen[n] && (f[n][flen[n] - 1] == ' ' || f[n][flen[n] - 1] == '\r'))
            flen[n]--;
        n++;
        if (j >= len)
            break;
        i = j + 1;
    }
    return n;
}

int kh_lex_init(kh_lex *lex)
{
    memset(lex, 0, sizeof *lex);
    return kh_buf_append_char(&lex->strs, '\0');
}

void kh_lex_free(kh_lex *lex)
{
    free(lex->e);
    free(lex->toks);
    kh_buf_free(&lex->strs);
    kh_hmap_free(&lex->index);
    memset(lex, 0, sizeof *lex);
}

static int push_tok(kh_lex *lex, uint64_t h, uint16_t plen)
{
    kh_lex_tok *v = kh_grow(lex->toks, &lex->toks_cap, lex->ntoks, sizeof *v, 1024);
    if (!v)
        return kh_set_error(KH_ENOMEM, "out of memory for the facts lexicon");
    lex->toks = v;
    lex->toks[lex->ntoks].h = h;
    lex->toks[lex->ntoks].plen = plen;
    lex->ntoks++;
    return KH_OK;
}

int kh_lex_add(kh_lex *lex, kh_text *t, int table, const char *phrase, size_t len,
               const kh_lex_payload *p)
{
    size_t tok_off = lex->ntoks;
    kh_tokens toks = {0};
    int rc = KH_OK;
    size_t i = 0;
    while (i < len && rc == KH_OK) {
        while (i < len && phrase[i] == ' ')
            i++;
        size_t j = i;
        while (j < len && phrase[j] != ' ')
            j++;
        if (j == i)
            break;
        size_t wl = j - i;
        if (wl == 1 && phrase[i] == '*') {
            rc = push_tok(lex, 0, GAP_PLEN);
            i = j;
            continue;
        }
        int prefix = phrase[i + wl - 1] == '*';
        kh_tokens_clear(&toks);
        if ((rc = kh_text_tokenize(t, phrase + i, wl - (size_t)prefix, &toks)) != KH_OK)
            break;
        for (size_t k = 0; k < toks.n && rc == KH_OK; k++) {
            const char *key = kh_token_key(&toks, k);
            size_t kl = toks.v[k].key_len;
            int pre = prefix && k + 1 == toks.n;
            if (pre && kl >= 64)
                pre = 0;
            if (pre && lex->ntoks == tok_off)
                lex->head_plens[kh_lex_head(key, kl)] |= 1ull << kl;
            rc = push_tok(lex, kh_lex_hash(key, kl), pre ? (uint16_t)kl : 0);
        }
        i = j;
    }
    kh_tokens_free(&toks);
    if (rc != KH_OK)
        return rc;
    size_t ntok = lex->ntoks - tok_off;
    if (ntok == 0 || lex->toks[tok_off].plen == GAP_PLEN || ntok > 0xFFFF) {
        lex->ntoks = tok_off;
        return KH_OK;
    }
    kh_lex_entry *v = kh_grow(lex->e, &lex->cap, lex->n, sizeof *v, 512);
    if (!v)
        return kh_set_error(KH_ENOMEM, "out of memory for the facts lexicon");
    lex->e = v;
    kh_lex_entry *e = &lex->e[lex->n];
    memset(e, 0, sizeof *e);
    e->tok_off = (uint32_t)tok_off;
    e->ntok = (uint16_t)ntok;
    e->table = (uint16_t)table;
    if (p) {
        e->a = p->a;
        e->b = p->b;
        e->x = p->x;
        e->y = p->y;
        if (p->s && p->s_len) {
            e->str_off = (uint32_t)lex->strs.len;
            if ((rc = kh_buf_append(&lex->strs, p->s, p->s_len)) != KH_OK ||
                (rc = kh_buf_append_char(&lex->strs, '\0')) != KH_OK)
                return rc;
        }
    }
    const kh_lex_tok *first = &lex->toks[tok_off];
    if (first->plen) {
        lex->plens |= 1ull << first->plen;
        if (first->plen > lex->maxplen)
            lex->maxplen = first->plen;
    }
    int inserted;
    uint64_t *head = kh_hmap_upsert(&lex->index, first->h, 0, &inserted);
    if (!head)
        return kh_set_error(KH_ENOMEM, "out of memory for the facts lexicon");
    e->next = (uint32_t)*head;
    *head = lex->n + 1;
    lex->n++;
    return KH_OK;
}

/* ---- the token view ---- */

static int is_ws(uint32_t c)
{
    return c == ' ' || c == '\t' || c == 0xA0 || c == 0x200C || c == 0x200D || c == 0x200F ||
           c == 0x200E || c == 0x202F || c == 0x2009 || c == 0x0640;
}

/* Flags of the text between two tokens; *sent_end when a sentence ends. */
static uint8_t gap_flags(const char *s, size_t from, size_t to, int *quote_depth, int *dq)
{
    uint8_t f = 0;
    size_t i = from;
    while (i < to) {
        unsigned char c0 = (unsigned char)s[i];
        uint32_t c;
        if (c0 < 0x80) {
            c = c0;
            i++;
        } else {
            size_t k = c0 < 0xE0 ? 2 : c0 < 0xF0 ? 3 : 4;
            if (i + k > to)
                break;
            c = 0;
            if (k == 2)
                c = ((uint32_t)(c0 & 0x1F) << 6) | ((unsigned char)s[i + 1] & 0x3F);
            else if (k == 3)
                c = ((uint32_t)(c0 & 0x0F) << 12) | (((unsigned char)s[i + 1] & 0x3Fu) << 6) |
                    ((unsigned char)s[i + 2] & 0x3F);
            else
                c = 0x10000;
            i += k;
        }
        if (is_ws(c))
            continue;
        if (c == '\n' || c == '\r') {
            f |= KH_GAP_SENT;
            *quote_depth = 0;
            *dq = 0;
            continue;
        }
        f |= KH_GAP_PUNCT;
        switch (c) {
        case '.': case '!': case '?': case 0x061F: case 0x06D4:
            if (*quote_depth == 0 && *dq == 0)
                f |= KH_GAP_SENT;
            break;
        case ',': case 0x060C: case ';': case 0x061B:
            f |= KH_GAP_COMMA;
            break;
        case ':':
            f |= KH_GAP_COLON;
            break;
        case 0x00AB: case 0x201C:
            f |= KH_GAP_QOPEN;
            (*quote_depth)++;
            break;
        case 0x00BB: case 0x201D:
            f |= KH_GAP_QCLOSE;
            if (*quote_depth > 0)
                (*quote_depth)--;
            break;
        case '"':
            f |= *dq ? KH_GAP_QCLOSE : KH_GAP_QOPEN;
            *dq = !*dq;
            break;
        case '(': case ')': case '[': case ']':
            f |= KH_GAP_PAREN;
            break;
        default:
            break;
        }
    }
    return f;
}

static int guess_arabic(const char *s, size_t len)
{
    /* Persian-only letters against Arabic-only ones (teh marbuta, alef
     * maksura, hamza carriers): cheap, and enough to decide on clitics. */
    size_t fa = 0, ar = 0;
    const unsigned char *p = (const unsigned char *)s;
    size_t n = len < 4096 ? len : 4096;
    for (size_t i = 0; i + 1 < n; i++) {
        if (p[i] == 0xDA && (p[i + 1] == 0xA9 || p[i + 1] == 0xAF || p[i + 1] == 0x86 ||
                             p[i + 1] == 0x98))
            fa++; /* ک گ چ ژ */
        else if (p[i] == 0xD9 && p[i + 1] == 0xBE)
            fa++; /* پ */
        else if (p[i] == 0xDB && p[i + 1] == 0x8C)
            fa++; /* ی */
        else if (p[i] == 0xD8 && (p[i + 1] == 0xA9 || p[i + 1] == 0xA3 || p[i + 1] == 0xA5))
            ar++; /* ة أ إ */
        else if (p[i] == 0xD9 && p[i + 1] == 0x89)
            ar++; /* ى */
    }
    return ar >= fa;
}

/* Arabic letters in UTF-8 (2 bytes each). */
#define AR_WAW "\xd9\x88"
#define AR_FEH "\xd9\x81"
#define AR_BEH "\xd8\xa8"
#define AR_LAM "\xd9\x84"
#define AR_KAF "\xd9\x83"
#define AR_ALEF "\xd8\xa7"

static int starts2(const char *k, size_t n, const char *l)
{
    return n >= 2 && k[0] == l[0] && k[1] == l[1];
}

/* Clitic variants of an Arabic key: و/ف, then ب/ل/ك (لل -> ال). Keys
 * keep at least three letters. */
static void add_variants(kh_ftok *tk, const char *key)
{
    size_t n = tk->klen;
    const char *bases[2] = {key, NULL};
    size_t blen[2] = {n, 0};
    tk->nv = 0;
    if (n >= 6 && (starts2(key, n, AR_WAW) || starts2(key, n, AR_FEH))) {
        bases[1] = key + 2;
        blen[1] = n - 2;
        tk->hv[tk->nv] = kh_lex_hash(key + 2, n - 2);
        tk->vskip[tk->nv++] = 2;
    }
    for (int b = 0; b < 2 && tk->nv < 3; b++) {
        const char *k = bases[b];
        size_t kn = blen[b];
        if (!k || kn < 8)
            continue;
        if (starts2(k, kn, AR_LAM) && starts2(k + 2, kn - 2, AR_LAM)) {
            /* لل + rest = ل + ال + rest */
            char buf[128];
            if (kn - 2 + 2 <= sizeof buf) {
                memcpy(buf, AR_ALEF, 2);
                memcpy(buf + 2, k + 2, kn - 2);
                tk->hv[tk->nv] = kh_lex_hash(buf, kn);
                tk->vskip[tk->nv++] = 0; /* synthesized: no prefix matching */
            }
        } else if (starts2(k, kn, AR_BEH) || starts2(k, kn, AR_LAM) || starts2(k, kn, AR_KAF)) {
            tk->hv[tk->nv] = kh_lex_hash(k + 2, kn - 2);
            tk->vskip[tk->nv++] = (uint8_t)(k - key + 2);
        }
    }
}

static int push_match(kh_fdoc *d, uint32_t entry, uint32_t end, uint8_t variant)
{
    kh_fmatch *v = kh_grow(d->m, &d->mcap, d->nm, sizeof *v, 256);
    if (!v)
        return kh_set_error(KH_ENOMEM, "out of memory matching facts");
    d->m = v;
    d->m[d->nm].entry = entry;
    d->m[d->nm].end = end;
    d->m[d->nm].variant = variant;
    d->nm++;
    return KH_OK;
}

static int tok_eq(const kh_fdoc *d, size_t j, const kh_lex_tok *lt)
{
    const kh_ftok *tk = &d->t[j];
    if (lt->plen == 0)
        return tk->h == lt->h;
    if (lt->plen > tk->klen)
        return 0;
    return kh_lex_hash(kh_ftok_key(d, j), lt->plen) == lt->h;
}

/* Matches entry tokens [k, ntok) from doc token j; returns the end token or 0. */
static size_t match_rest(const kh_fdoc *d, const kh_lex *lex, const kh_lex_entry *e, size_t k,
                         size_t j, uint32_t sent)
{
    if (k == e->ntok)
        return j;
    const kh_lex_tok *lt = &lex->toks[e->tok_off + k];
    if (lt->plen == GAP_PLEN) {
        for (size_t g = 0; g <= GAP_MAX; g++) {
            if (j + g > d->n)
                break;
            if (g > 0 && (j + g - 1 >= d->n || d->t[j + g - 1].sent != sent))
                break;
            size_t r = match_rest(d, lex, e, k + 1, j + g, sent);
            if (r)
                return r;
        }
        return 0;
    }
    if (j >= d->n || d->t[j].sent != sent || !tok_eq(d, j, lt))
        return 0;
    return match_rest(d, lex, e, k + 1, j + 1, sent);
}

static int try_chain(kh_fdoc *d, const kh_lex *lex, size_t i, uint64_t h, uint16_t plen,
                     uint8_t variant)
{
    uint64_t *head = kh_hmap_get(&lex->index, h);
    if (!head)
        return KH_OK;
    for (uint32_t x = (uint32_t)*head; x; x = lex->e[x - 1].next) {
        const kh_lex_entry *e = &lex->e[x - 1];
        if (lex->toks[e->tok_off].plen != plen)
            continue;
        size_t end = match_rest(d, lex, e, 1, i + 1, d->t[i].sent);
        if (!end)
            continue;
        /* the same entry may be reached twice (key and variant) */
        int dup = 0;
        for (size_t q = d->t[i].m_first; q < d->nm; q++)
            if (d->m[q].entry == x - 1) {
                dup = 1;
                break;
            }
        if (dup)
            continue;
        int rc = push_match(d, x - 1, (uint32_t)end, variant);
        if (rc != KH_OK)
            return rc;
    }
    return KH_OK;
}

static int match_key(kh_fdoc *d, const kh_lex *lex, size_t i, const char *k, size_t n,
                     uint64_t full)
{
    int rc = try_chain(d, lex, i, full, 0, 0);
    uint64_t mask = lex->head_plens[kh_lex_head(k, n)];
    if (rc != KH_OK || !mask)
        return rc;
    uint64_t h = FNV_OFFSET;
    size_t lim = n < lex->maxplen ? n : lex->maxplen;
    for (size_t L = 1; L <= lim; L++) {
        h = fnv_step(h, (unsigned char)k[L - 1]);
        if ((mask >> L) & 1) {
            if ((rc = try_chain(d, lex, i, fnv_fin(h), (uint16_t)L, 0)) != KH_OK)
                return rc;
        }
    }
    return KH_OK;
}

static int push_sent(kh_fdoc *d, uint32_t tb, uint32_t te)
{
    if (tb >= te)
        return KH_OK;
    kh_fsent *v = kh_grow(d->s, &d->scap, d->ns, sizeof *v, 64);
    if (!v)
        return kh_set_error(KH_ENOMEM, "out of memory splitting sentences");
    d->s = v;
    kh_fsent *s = &d->s[d->ns++];
    s->tok_begin = tb;
    s->tok_end = te;
    s->start = d->t[tb].start;
    s->end = d->t[te - 1].end;
    /* extend the end over closing punctuation up to the next token */
    size_t lim = te < d->n ? d->t[te].start : d->len;
    while (s->end < lim && d->text[s->end] != '\n' && d->text[s->end] != '\r') {
        unsigned char c = (unsigned char)d->text[s->end];
        if (c == ' ')
            break;
        s->end++;
    }
    while (s->end < lim && (d->text[s->end] & 0xC0) == 0x80)
        s->end++;
    return KH_OK;
}

int kh_fdoc_scan(kh_fdoc *d, kh_text *t, const kh_lex *lex, const char *text, size_t len,
                 const char *lang)
{
    d->text = text;
    d->len = len;
    d->n = d->nm = d->ns = 0;
    kh_tokens_clear(&d->toks);
    if (lang && strcmp(lang, "fa") == 0)
        d->arabic = 0;
    else if (lang && (strcmp(lang, "ar") == 0))
        d->arabic = 1;
    else if (lang && strcmp(lang, "en") == 0)
        d->arabic = 0;
    else
        d->arabic = guess_arabic(text, len);
    int rc = kh_text_tokenize(t, text, len, &d->toks);
    if (rc != KH_OK)
        return rc;
    if (d->toks.n > d->cap) {
        kh_ftok *v = realloc(d->t, d->toks.n * sizeof *v);
        if (!v)
            return kh_set_error(KH_ENOMEM, "out of memory for facts tokens");
        d->t = v;
        d->cap = d->toks.n;
    }
    d->n = d->toks.n;
    int qdepth = 0, dq = 0;
    uint32_t sent = 0, sent_begin = 0;
    size_t prev_end = 0;
    for (size_t i = 0; i < d->n; i++) {
        const kh_token *k = &d->toks.v[i];
        kh_ftok *tk = &d->t[i];
        tk->start = k->start;
        tk->end = k->end;
        tk->key_off = k->key_off;
        tk->klen = k->key_len;
        tk->kind = k->kind;
        tk->gap = gap_flags(text, prev_end, k->start, &qdepth, &dq);
        if (i > 0 && (tk->gap & KH_GAP_SENT)) {
            if ((rc = push_sent(d, sent_begin, (uint32_t)i)) != KH_OK)
                return rc;
            sent++;
            sent_begin = (uint32_t)i;
        }
        tk->sent = sent;
        const char *key = kh_ftok_key(d, i);
        tk->h = kh_lex_hash(key, tk->klen);
        tk->nv = 0;
        if (d->arabic && tk->kind == KH_TOKEN_WORD)
            add_variants(tk, key);
        prev_end = k->end;
    }
    if (d->n && (rc = push_sent(d, sent_begin, (uint32_t)d->n)) != KH_OK)
        return rc;
    for (size_t i = 0; i < d->n; i++) {
        kh_ftok *tk = &d->t[i];
        tk->m_first = (uint32_t)d->nm;
        const char *key = kh_ftok_key(d, i);
        if ((rc = match_key(d, lex, i, key, tk->klen, tk->h)) != KH_OK)
            return rc;
        for (uint8_t v = 0; v < tk->nv; v++) {
            if ((rc = try_chain(d, lex, i, tk->hv[v], 0, (uint8_t)(v + 1))) != KH_OK)
                return rc;
            if (lex->plens && tk->vskip[v] > 0 && tk->vskip[v] < tk->klen) {
                /* prefix entries on a stripped form (وقتلوا -> قتل*) */
                const char *vk = key + tk->vskip[v];
                size_t vn = tk->klen - tk->vskip[v];
                uint64_t mask = lex->head_plens[kh_lex_head(vk, vn)];
                if (mask) {
                    uint64_t h = FNV_OFFSET;
                    size_t lim = vn < lex->maxplen ? vn : lex->maxplen;
                    for (size_t L = 1; L <= lim; L++) {
                        h = fnv_step(h, (unsigned char)vk[L - 1]);
                        if (((mask >> L) & 1) &&
                            (rc = try_chain(d, lex, i, fnv_fin(h), (uint16_t)L,
                                            (uint8_t)(v + 1))) != KH_OK)
                            return rc;
                    }
                }
            }
        }
        tk->m_n = (uint32_t)(d->nm - tk->m_first);
    }
    return KH_OK;
}

void kh_fdoc_free(kh_fdoc *d)
{
    kh_tokens_free(&d->toks);
    free(d->t);
    free(d->m);
    free(d->s);
    memset(d, 0, sizeof *d);
}

int kh_fdoc_match(const kh_fdoc *d, const kh_lex *lex, size_t i, int table, size_t *end)
{
    if (i >= d->n)
        return -1;
    const kh_ftok *tk = &d->t[i];
    int best = -1;
    uint32_t best_end = 0;
    for (uint32_t q = tk->m_first; q < tk->m_first + tk->m_n; q++) {
        const kh_fmatch *m = &d->m[q];
        if (lex->e[m->entry].table != table)
            continue;
        if (best < 0 || m->end > best_end) {
            best = (int)m->entry;
            best_end = m->end;
        }
    }
    if (best >= 0 && end)
        *end = best_end;
    return best;
}

int kh_fdoc_prep_attached(const kh_fdoc *d, const kh_lex *lex, size_t i, int table)
{
    if (i >= d->n || !d->arabic)
        return 0;
    const kh_ftok *tk = &d->t[i];
    const char *key = kh_ftok_key(d, i);
    int found = 0;
    for (uint32_t q = tk->m_first; q < tk->m_first + tk->m_n; q++) {
        const kh_fmatch *m = &d->m[q];
        if (lex->e[m->entry].table != table)
            continue;
        found = 1;
        if (m->variant == 0)
            return 0; /* the word itself is the name */
        uint8_t skip = tk->vskip[m->variant - 1];
        if (skip == 2 && (starts2(key, tk->klen, AR_WAW) || starts2(key, tk->klen, AR_FEH)))
            return 0; /* only و/ف: a conjunction */
    }
    return found;
}

int kh_fdoc_is_stop(const kh_fdoc *d, const kh_lex *lex, size_t i)
{
    size_t end;
    return kh_fdoc_match(d, lex, i, KH_LEX_STOP, &end) >= 0 && end == i + 1;
}

int kh_fdoc_number(const kh_fdoc *d, size_t i, double *value)
{
    if (i >= d->n || d->t[i].kind != KH_TOKEN_NUMBER)
        return 0;
    const char *k = kh_ftok_key(d, i);
    size_t n = d->t[i].klen;
    double v = 0, frac = 0, scale = 1;
    int digits = 0, in_frac = 0, group = -1;
    for (size_t j = 0; j < n; j++) {
        char c = k[j];
        if (c >= '0' && c <= '9') {
            digits++;
            if (in_frac) {
                scale /= 10;
                frac += (c - '0') * scale;
            } else {
                v = v * 10 + (c - '0');
                if (group >= 0)
                    group++;
            }
        } else if (c == ',' || c == '\'') {
            if (in_frac)
                return 0;
            group = 0; /* thousands separator */
        } else if (c == '.') {
            if (in_frac)
                return 0;
            /* "3.000" with three digits after is a thousands separator in
             * much Arabic and European writing; otherwise a decimal point */
            size_t rest = 0;
            while (j + 1 + rest < n && k[j + 1 + rest] >= '0' && k[j + 1 + rest] <= '9')
                rest++;
            if (rest == 3 && j + 1 + rest == n && v < 1000) {
                group = 0;
                continue;
            }
            in_frac = 1;
        } else {
            return 0;
        }
    }
    if (!digits)
        return 0;
    *value = v + frac;
    return 1;
}
