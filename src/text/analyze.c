/*
 * analyze.c: what each token means for matching, beyond its folded key.
 *
 *   text --tokenize--> tokens (key = folded form, byte span)
 *        --Persian: join "می رود", split "کشتهشدن"--> tokens
 *        --per token--> base (clitics off) -> stem, skeleton, stopword flag
 *
 * Arabic script is analysed as Persian when the language is fa, as Arabic
 * otherwise (clitics.c, persian.c); other scripts get Snowball stems where
 * Snowball has the language. Every string of a token is appended to the
 * output's key buffer: no allocation per token once the buffers have grown.
 *
 * The tables (stemmers, stopword sets, clitic rules, lexicon) are loaded on
 * first use and kept in the kh_text (struct kh_analysis): one per thread,
 * no global state. So is the token cache (tokcache.h): the analysis of a
 * (language, key) seen before is copied from it, and only new words are
 * analysed. Each word's key is hashed for the cache (kh_tc_hash) once, a
 * few tokens ahead to prefetch its set; a new word's key is hashed again
 * with XXH3, the hash of the stopword sets.
 */
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>
#include <xxhash.h>

#include "core/data.h"
#include "core/error.h"
#include "core/grow.h"
#include "text/analysis.h"
#include "text/tokcache.h"
#include "text/utf8.h"

/* Languages with a stemmer or a stopword list (ISO 639-1 -> Snowball). */
static const struct {
    const char *code, *snowball;
} LANGS[KH_AN_LANGS] = {
    {"ar", "arabic"},     {"fa", NULL},         {"en", "english"},   {"de", "german"},
    {"es", "spanish"},    {"fr", "french"},     {"it", "italian"},   {"pl", NULL},
    {"ru", "russian"},    {"tr", "turkish"},    {"zh", NULL},        {"hy", "armenian"},
    {"eu", "basque"},     {"ca", "catalan"},    {"da", "danish"},    {"nl", "dutch"},
    {"fi", "finnish"},    {"el", "greek"},      {"hi", "hindi"},     {"hu", "hungarian"},
    {"id", "indonesian"}, {"ga", "irish"},      {"lt", "lithuanian"}, {"ne", "nepali"},
    {"nb", "norwegian"},  {"pt", "portuguese"}, {"ro", "romanian"},  {"sr", "serbian"},
    {"sv", "swedish"},    {"ta", "tamil"},      {"yi", "yiddish"},
};

int kh_an_lang_index(const char *code)
{
    if (!code)
        return -1;
    if (strcmp(code, "no") == 0 || strcmp(code, "nn") == 0)
        code = "nb";
    for (int i = 0; i < KH_AN_LANGS; i++)
        if (strcmp(LANGS[i].code, code) == 0)
            return i;
    return -1;
}

const char *kh_an_lang_code(int li) { return li >= 0 && li < KH_AN_LANGS ? LANGS[li].code : "und"; }

uint64_t kh_an_hash(const uint32_t *w, size_t n)
{
    char buf[KH_W_MAX * 4];
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        len += kh_utf8_encode(w[i], buf + len);
    return XXH3_64bits(buf, len);
}

static uint64_t hash_bytes(const char *s, size_t len) { return XXH3_64bits(s, len); }

size_t kh_an_decode(const char *s, size_t len, uint32_t *w, size_t max)
{
    size_t n = 0, i = 0;
    while (i < len && n < max)
        w[n++] = kh_utf8_next(s, &i);
    return i < len ? 0 : n; /* 0: too long to analyse */
}

int kh_an_fold_line(kh_text *t, const char *line, size_t len, uint32_t *w, size_t *n)
{
    kh_buf b = {0};
    int rc = kh_text_fold_utf8(t, line, len, &b);
    *n = rc == KH_OK ? kh_an_decode(b.data, b.len, w, KH_W_MAX) : 0;
    kh_buf_free(&b);
    return rc;
}

/* Loads a word list (one word per line, optional TAB COUNT), folded. */
int kh_an_load_words(kh_text *t, const char *name, kh_hmap *set)
{
    size_t len, cursor = 0, line_len;
    const char *bytes = kh_data_get(name, &len), *line;
    if (!bytes)
        return kh_set_error(KH_ERROR, "data file %s is missing from the build", name);
    kh_buf b = {0};
    int rc = KH_OK;
    while (rc == KH_OK && kh_data_next_line(bytes, len, &cursor, &line, &line_len)) {
        const char *tab = memchr(line, '\t', line_len);
        size_t wl = tab ? (size_t)(tab - line) : line_len;
        uint64_t count = tab ? strtoull(tab + 1, NULL, 10) : 1;
        b.len = 0;
        if ((rc = kh_text_fold_utf8(t, line, wl, &b)) != KH_OK)
            break;
        uint64_t *v = kh_hmap_upsert(set, hash_bytes(b.data, b.len), 0, NULL);
        if (!v)
            rc = kh_set_error(KH_ENOMEM, "out of memory loading %s", name);
        else
            *v += count ? count : 1;
    }
    kh_buf_free(&b);
    return rc;
}

void kh_analysis_free(struct kh_analysis *an)
{
    if (!an)
        return;
    for (int i = 0; i < KH_AN_LANGS; i++) {
        if (an->sb[i])
            sb_stemmer_delete(an->sb[i]);
        kh_hmap_free(&an->stop[i]);
    }
    kh_hmap_free(&an->ar_lex);
    kh_tc_free(&an->tc);
    free(an->hashes);
    kh_hmap_free(&an->sw_mask);
    kh_hmap_free(&an->fa_keep);
    kh_tokens_free(&an->raw);
    kh_buf_free(&an->tmp);
    free(an);
}

int kh_an_get(kh_text *t, struct kh_analysis **out)
{
    if (!t->an) {
        struct kh_analysis *an = calloc(1, sizeof *an);
        if (!an)
            return kh_set_error(KH_ENOMEM, "out of memory");
        t->an = an;
        int rc;
        if ((rc = kh_clitics_load(t, an)) != KH_OK || (rc = kh_persian_load(t, an)) != KH_OK ||
            (rc = kh_skeleton_load(t, an)) != KH_OK) {
            kh_analysis_free(an);
            t->an = NULL;
            return rc;
        }
    }
    *out = t->an;
    return KH_OK;
}

static struct sb_stemmer *stemmer(struct kh_analysis *an, int li)
{
    if (li < 0 || !LANGS[li].snowball)
        return NULL;
    if (!an->sb_state[li]) {
        an->sb[li] = sb_stemmer_new(LANGS[li].snowball, "UTF_8");
        an->sb_state[li] = 1;
    }
    return an->sb[li];
}

static const kh_hmap *stopwords(kh_text *t, struct kh_analysis *an, int li)
{
    if (li < 0)
        return NULL;
    if (!an->stop_state[li]) {
        char name[64];
        snprintf(name, sizeof name, "stopwords/%s.txt", LANGS[li].code);
        an->stop_state[li] = 1;
        if (kh_data_get(name, NULL))
            kh_an_load_words(t, name, &an->stop[li]); /* on failure: no stopwords */
    }
    return &an->stop[li];
}

const kh_hmap *kh_an_stopwords(kh_text *t, int li)
{
    struct kh_analysis *an;
    if (kh_an_get(t, &an) != KH_OK)
        return NULL;
    return stopwords(t, an, li);
}

const kh_hmap *kh_an_stopword_masks(kh_text *t, const char *const *langs, size_t n)
{
    struct kh_analysis *an;
    if (kh_an_get(t, &an) != KH_OK)
        return NULL;
    if (!an->sw_mask_state) {
        an->sw_mask_state = 1;
        for (size_t l = 0; l < n && l < 64; l++) {
            const kh_hmap *set = stopwords(t, an, kh_an_lang_index(langs[l]));
            for (size_t i = 0; set && i < set->cap; i++) {
                if (!set->keys[i])
                    continue;
                uint64_t *v = kh_hmap_upsert(&an->sw_mask, set->keys[i], 0, NULL);
                if (!v)
                    return NULL;
                *v |= 1ull << l;
            }
        }
    }
    return &an->sw_mask;
}

/* A stopword of language li? h is hash_bytes() of the word. */
static int is_stop_hashed(kh_text *t, struct kh_analysis *an, int li, uint64_t h)
{
    const kh_hmap *set = stopwords(t, an, li);
    return set && set->n && kh_hmap_get(set, h) != NULL;
}

static int is_stop(kh_text *t, struct kh_analysis *an, int li, const char *w, size_t len)
{
    return is_stop_hashed(t, an, li, hash_bytes(w, len));
}

int kh_text_is_stopword(kh_text *t, const char *lang, const char *word, size_t len)
{
    struct kh_analysis *an;
    if (!t || !word || kh_an_get(t, &an) != KH_OK)
        return 0;
    return is_stop(t, an, kh_an_lang_index(lang), word, len);
}

static int append_cps(kh_buf *out, const uint32_t *w, size_t n)
{
    int rc = kh_buf_reserve(out, n * 4 + 1);
    if (rc != KH_OK)
        return rc;
    for (size_t i = 0; i < n; i++)
        out->len += kh_utf8_encode(w[i], out->data + out->len);
    out->data[out->len] = '\0';
    return KH_OK;
}

/* Snowball stem of a folded word, appended to out (not NUL-terminated).
 * Not cached here: the token cache keeps whole analyses. */
static int snowball_append(kh_text *t, struct kh_analysis *an, int li, const char *w, size_t len,
                           kh_buf *out)
{
    struct sb_stemmer *sb = stemmer(an, li);
    if (!sb || len > 1024)
        return kh_buf_append(out, w, len);
    const sb_symbol *s = sb_stemmer_stem(sb, (const sb_symbol *)w, (int)len);
    if (!s)
        return kh_set_error(KH_ENOMEM, "out of memory stemming");
    const int n = sb_stemmer_length(sb);
    return li == KH_AN_AR /* Snowball Arabic may write ة or ى back: fold again */
               ? kh_text_fold_utf8(t, (const char *)s, (size_t)n, out)
               : kh_buf_append(out, s, (size_t)n);
}

/* The token cache's set of the word KH_TC_AHEAD tokens ahead is fetched
 * while this one is analysed (tokcache.h). */
#define KH_TC_AHEAD 16

static int is_arabic_letter(uint32_t c)
{
    return (c >= 0x0620 && c <= 0x064A) || (c >= 0x066E && c <= 0x06D3) || c == 0x06D5 ||
           (c >= 0x0750 && c <= 0x077F);
}

/* Analyses one folded word w (n code points, key bytes, h the key's
 * hash_bytes()) and appends base, stem and skeleton to out->keys, filling
 * tok. */
static int analyse_word(kh_text *t, struct kh_analysis *an, int li, const kh_word *w, uint64_t h,
                        kh_tokens *out, kh_token *tok)
{
    const size_t key_off = tok->key_off, key_len = tok->key_len;
    kh_buf *keys = &out->keys;
    int rc;
    tok->base_off = tok->stem_off = tok->skel_off = (uint32_t)key_off;
    tok->base_len = tok->stem_len = tok->skel_len = (uint32_t)key_len;
    tok->pre = tok->suf = 0;
    if (tok->kind != KH_TOKEN_WORD)
        return KH_OK;
    if (w->n == 0 || !is_arabic_letter(w->c[0])) {
        if (is_stop_hashed(t, an, li, h))
            tok->flags |= KH_TOKEN_STOP;
        struct sb_stemmer *sb = stemmer(an, li);
        if (!sb)
            return KH_OK;
        tok->stem_off = (uint32_t)keys->len;
        if ((rc = snowball_append(t, an, li, keys->data + key_off, key_len, keys)) != KH_OK)
            return rc;
        tok->stem_len = (uint32_t)(keys->len - tok->stem_off);
        return kh_buf_append_char(keys, '\0');
    }
    tok->flags |= KH_TOKEN_ARABIC;
    int persian = li == KH_AN_FA;
    size_t pre = 0, suf = 0; /* code points */
    if (persian)
        kh_persian_clitics(an, w, &suf);
    else
        kh_arabic_clitics(an, w, &pre, &suf);
    /* base */
    const uint32_t *b = w->c + pre;
    size_t bn = w->n - pre - suf;
    tok->base_off = (uint32_t)keys->len;
    if ((rc = append_cps(keys, b, bn)) != KH_OK)
        return rc;
    tok->base_len = (uint32_t)(keys->len - tok->base_off);
    /* pre/suf in bytes of the key */
    size_t pre_bytes = 0, suf_bytes = 0;
    char tmp[8];
    for (size_t i = 0; i < pre; i++)
        pre_bytes += kh_utf8_encode(w->c[i], tmp);
    for (size_t i = w->n - suf; i < w->n; i++)
        suf_bytes += kh_utf8_encode(w->c[i], tmp);
    tok->pre = (uint8_t)(pre_bytes < 255 ? pre_bytes : 255);
    tok->suf = (uint8_t)(suf_bytes < 255 ? suf_bytes : 255);
    if ((rc = kh_buf_append_char(keys, '\0')) != KH_OK)
        return rc;
    const int lang_for_stop = persian ? KH_AN_FA : KH_AN_AR;
    /* the base is looked up only when clitics came off: else it is the key */
    if (is_stop_hashed(t, an, lang_for_stop, h) ||
        (bn && (pre || suf) &&
         is_stop(t, an, lang_for_stop, keys->data + tok->base_off, tok->base_len)))
        tok->flags |= KH_TOKEN_STOP;
    /* stem */
    tok->stem_off = (uint32_t)keys->len;
    if (persian) {
        uint32_t s[KH_W_MAX];
        size_t sn = kh_persian_stem(an, b, bn, s);
        rc = append_cps(keys, s, sn);
    } else {
        rc = snowball_append(t, an, KH_AN_AR, keys->data + key_off, key_len, keys);
    }
    if (rc != KH_OK)
        return rc;
    tok->stem_len = (uint32_t)(keys->len - tok->stem_off);
    if ((rc = kh_buf_append_char(keys, '\0')) != KH_OK)
        return rc;
    /* skeleton */
    uint32_t sk[KH_W_MAX];
    size_t skn = kh_skeleton_cps(an, b, bn, sk);
    tok->skel_off = (uint32_t)keys->len;
    if ((rc = append_cps(keys, sk, skn)) != KH_OK)
        return rc;
    tok->skel_len = (uint32_t)(keys->len - tok->skel_off);
    return kh_buf_append_char(keys, '\0');
}

/*
 * Builds the word of a token: folded code points aligned with the
 * original's bytes when every code point folds by itself (fast map), so
 * that a split point can be mapped back to a byte offset; ZWNJ positions
 * are kept. Otherwise the code points come from the key, unaligned.
 */
static void word_build(const kh_text *t, const char *text, const kh_token *tok, const char *key,
                       kh_word *w)
{
    memset(w->zw, 0, sizeof w->zw);
    w->n = 0;
    w->aligned = 1;
    size_t i = tok->start;
    while (i < tok->end) {
        size_t at = i;
        uint32_t c = kh_utf8_next(text, &i);
        uint16_t f = c < 0x10000 && t->fast_map ? t->fast_map[c] : KH_FOLD_SLOW;
        if (f == KH_FOLD_SLOW || w->n == KH_W_MAX) {
            w->aligned = 0;
            break;
        }
        if (f == KH_FOLD_DROP) {
            if (c == 0x200C)
                w->zw[w->n] = 1;
            continue;
        }
        w->off[w->n] = (uint32_t)at;
        w->c[w->n++] = f;
    }
    w->off[w->n] = tok->end;
    if (!w->aligned) {
        memset(w->zw, 0, sizeof w->zw);
        w->n = kh_an_decode(key, tok->key_len, w->c, KH_W_MAX);
    }
}

/*
 * A word not in Arabic script is analysed from its key alone (stopword,
 * Snowball): w needs only its first code point and its length (0 when
 * longer than KH_W_MAX), what word_build would give. Returns 0, w not
 * filled, for a key that starts with an Arabic letter.
 */
static int word_head(const char *key, size_t len, kh_word *w)
{
    size_t i = 0, n = 0;
    uint32_t first = len ? kh_utf8_next(key, &i) : 0;
    if (is_arabic_letter(first))
        return 0;
    for (size_t j = 0; j < len && n <= KH_W_MAX; j++)
        n += ((unsigned char)key[j] & 0xC0) != 0x80;
    w->c[0] = first;
    w->n = n <= KH_W_MAX ? n : 0;
    w->aligned = 0;
    return 1;
}

/* The token src (flags other than the analysis's kept) with the analysis
 * of key from the token cache: 1 when (li, key) was there, 0 if not, or
 * an error. Written in place, as tokenize.c's push_key explains. */
static int emit_cached(struct kh_analysis *an, int li, const kh_token *src, kh_tokens *out,
                       const char *key, size_t key_len, uint64_t h)
{
    const kh_tc_slot *s = kh_tc_get(&an->tc, li, key, key_len, h);
    if (!s)
        return 0;
    int rc;
    if (out->n == out->cap && (rc = kh_tokens_grow(out)) != KH_OK)
        return rc;
    kh_token *tok = &out->v[out->n];
    *tok = *src;
    if ((rc = kh_tc_emit(s, tok, &out->keys)) != KH_OK)
        return rc;
    out->n++;
    return 1;
}

/* A Persian word with a ZWNJ inside: its clitics depend on where the ZWNJ
 * stood, which its key does not tell (not cached). */
static int zwnj_matters(int li, const kh_word *w)
{
    if (li != KH_AN_FA || !w->aligned)
        return 0;
    for (size_t i = 0; i <= w->n; i++)
        if (w->zw[i])
            return 1;
    return 0;
}

/*
 * Appends a token whose key is the code points w (already analysed form)
 * with its analysis, from the token cache or computed (and then cached).
 * key, when not NULL, is their UTF-8 already (the tokenizer's key) and h
 * its kh_tc_hash(); probed: the cache was looked up for it already.
 */
static int emit(kh_text *t, struct kh_analysis *an, int li, const kh_word *w, kh_token tok,
                kh_tokens *out, const char *key, size_t key_len, uint64_t h, int probed)
{
    int rc;
    char enc[KH_W_MAX * 4];
    if (!key) {
        key_len = 0;
        for (size_t i = 0; i < w->n; i++)
            key_len += kh_utf8_encode(w->c[i], enc + key_len);
        key = enc;
        h = kh_tc_hash(enc, key_len);
    }
    const int cache = tok.kind == KH_TOKEN_WORD && !zwnj_matters(li, w);
    if (cache && !probed && (rc = emit_cached(an, li, &tok, out, key, key_len, h)) != 0)
        return rc < 0 ? rc : KH_OK;
    tok.key_off = (uint32_t)out->keys.len;
    tok.key_len = (uint32_t)key_len;
    if ((rc = kh_buf_append(&out->keys, key, key_len)) != KH_OK ||
        (rc = kh_buf_append_char(&out->keys, '\0')) != KH_OK ||
        (rc = analyse_word(t, an, li, w, hash_bytes(key, key_len), out, &tok)) != KH_OK)
        return rc;
    if (cache)
        kh_tc_put(&an->tc, li, h, &tok, &out->keys);
    return kh_tokens_push(out, &tok);
}

/* an->hashes[i]: kh_tc_hash() of raw token i's key for a word, 0 for a
 * number (never looked up). The sets of the first KH_TC_AHEAD words are
 * fetched here, the loop of kh_text_analyze fetches the others. */
static int hash_words(struct kh_analysis *an, int li, const kh_tokens *raw)
{
    uint64_t *v = kh_grow_to(an->hashes, &an->hashes_cap, raw->n, sizeof *v, 256);
    if (!v)
        return kh_set_error(KH_ENOMEM, "out of memory for token hashes");
    an->hashes = v;
    for (size_t i = 0; i < raw->n; i++) {
        const uint64_t h = raw->v[i].kind == KH_TOKEN_WORD
                               ? kh_tc_hash(kh_token_key(raw, i), raw->v[i].key_len)
                               : 0;
        an->hashes[i] = h;
        if (h && i < KH_TC_AHEAD)
            kh_tc_prefetch(&an->tc, li, h);
    }
    return KH_OK;
}

/* Only spaces (ASCII or no-break) or ZWNJ between two tokens? */
static int joined_by_space(const char *text, uint32_t from, uint32_t to)
{
    if (to <= from || to - from > 6)
        return 0;
    size_t i = from;
    while (i < to) {
        uint32_t c = kh_utf8_next(text, &i);
        if (c != ' ' && c != 0xA0 && c != 0x200C && c != 0x202F)
            return 0;
    }
    return 1;
}

int kh_text_analyze(kh_text *t, const char *text, size_t len, const char *lang, kh_tokens *out)
{
    if (!t || (!text && len) || !out)
        return kh_set_error(KH_EINVAL, "kh_text_analyze: bad argument");
    size_t bad = kh_utf8_invalid_offset(text, len);
    if (bad < len)
        return kh_set_error(KH_EENCODING, "invalid UTF-8 at byte %zu", bad);
    struct kh_analysis *an;
    int rc = kh_an_get(t, &an);
    if (rc != KH_OK)
        return rc;
    kh_lang_guess g;
    if (!lang || !*lang) {
        if ((rc = kh_text_lang(t, text, len, &g)) != KH_OK)
            return rc;
        lang = g.code;
    }
    int li = kh_an_lang_index(lang);
    kh_tokens *raw = &an->raw;
    kh_tokens_clear(raw);
    if ((rc = kh_text_tokenize(t, text, len, raw)) != KH_OK)
        return rc;
    if ((rc = kh_tc_init(&an->tc)) != KH_OK || (rc = hash_words(an, li, raw)) != KH_OK)
        return rc;
    const uint64_t *h = an->hashes;
    kh_word w, w2;
    for (size_t i = 0; i < raw->n; i++) {
        if (i + KH_TC_AHEAD < raw->n && h[i + KH_TC_AHEAD])
            kh_tc_prefetch(&an->tc, li, h[i + KH_TC_AHEAD]);
        /* a word seen before: one lookup (Persian builds w first: joins, splits) */
        if (li != KH_AN_FA && h[i] &&
            (rc = emit_cached(an, li, &raw->v[i], out, kh_token_key(raw, i), raw->v[i].key_len,
                              h[i])) != 0) {
            if (rc < 0)
                return rc;
            continue;
        }
        kh_token tok = raw->v[i];
        if (li == KH_AN_FA || !word_head(kh_token_key(raw, i), raw->v[i].key_len, &w))
            word_build(t, text, &tok, kh_token_key(raw, i), &w);
        if (li == KH_AN_FA && tok.kind == KH_TOKEN_WORD) {
            /* "می رود" -> one token, so that it matches "می‌رود" and "میرود" */
            if (i + 1 < raw->n && kh_persian_is_prefix(an, &w) && raw->v[i + 1].kind == KH_TOKEN_WORD &&
                joined_by_space(text, tok.end, raw->v[i + 1].start)) {
                word_build(t, text, &raw->v[i + 1], kh_token_key(raw, i + 1), &w2);
                if (w2.n > 0 && is_arabic_letter(w2.c[0]) && w.n + w2.n <= KH_W_MAX) {
                    memcpy(w.c + w.n, w2.c, w2.n * sizeof w.c[0]);
                    w.n += w2.n;
                    w.aligned = 0;
                    tok.end = raw->v[i + 1].end;
                    tok.flags |= KH_TOKEN_JOINED;
                    i++;
                }
            }
            /* "کشتهشدن" -> کشته + شدن */
            size_t at = w.aligned ? kh_persian_light_split(an, &w) : 0;
            if (at) {
                kh_word left = w, right;
                left.n = at;
                right.n = w.n - at;
                right.aligned = 0;
                memcpy(right.c, w.c + at, right.n * sizeof w.c[0]);
                memset(right.zw, 0, sizeof right.zw);
                kh_token lt = tok, rt = tok;
                lt.end = w.off[at];
                rt.start = w.off[at];
                /* a ZWNJ before the light verb belongs to neither piece */
                while (rt.start < rt.end && (unsigned char)text[rt.start] == 0xE2 &&
                       rt.start + 3 <= rt.end && memcmp(text + rt.start, "\u200c", 3) == 0)
                    rt.start += 3;
                lt.flags |= KH_TOKEN_SPLIT;
                rt.flags |= KH_TOKEN_SPLIT;
                if ((rc = emit(t, an, li, &left, lt, out, NULL, 0, 0, 0)) != KH_OK ||
                    (rc = emit(t, an, li, &right, rt, out, NULL, 0, 0, 0)) != KH_OK)
                    return rc;
                continue;
            }
        }
        if (w.n == 0) { /* too long to analyse: the key as it is */
            kh_token k = tok;
            k.key_off = (uint32_t)out->keys.len;
            if ((rc = kh_buf_append(&out->keys, kh_token_key(raw, i), tok.key_len)) != KH_OK ||
                (rc = kh_buf_append_char(&out->keys, '\0')) != KH_OK)
                return rc;
            k.base_off = k.stem_off = k.skel_off = k.key_off;
            if ((rc = kh_tokens_push(out, &k)) != KH_OK)
                return rc;
            continue;
        }
        /* w is the tokenizer's key decoded, unless a prefix was joined to it */
        const int same = !(tok.flags & KH_TOKEN_JOINED);
        if ((rc = emit(t, an, li, &w, tok, out, same ? kh_token_key(raw, i) : NULL,
                       same ? tok.key_len : 0, same ? h[i] : 0, li != KH_AN_FA)) != KH_OK)
            return rc;
    }
    return KH_OK;
}

int kh_text_stem_word(kh_text *t, const char *lang, const char *word, size_t len, kh_buf *out)
{
    struct kh_analysis *an;
    int rc = kh_an_get(t, &an);
    if (rc != KH_OK)
        return rc;
    kh_tokens one = {0};
    kh_token tok = {.start = 0, .end = (uint32_t)len, .kind = KH_TOKEN_WORD};
    kh_word w;
    w.n = kh_an_decode(word, len, w.c, KH_W_MAX);
    w.aligned = 0;
    memset(w.zw, 0, sizeof w.zw);
    if (w.n == 0)
        rc = kh_buf_append(out, word, len);
    else if ((rc = kh_tc_init(&an->tc)) == KH_OK &&
             (rc = emit(t, an, kh_an_lang_index(lang), &w, tok, &one, NULL, 0, 0, 0)) == KH_OK)
        rc = kh_buf_append(out, kh_token_stem(&one, 0), one.v[0].stem_len);
    kh_tokens_free(&one);
    return rc;
}

int kh_affix_add(kh_affixes *set, const kh_affix *a)
{
    if (set->n == sizeof set->v / sizeof set->v[0])
        return kh_set_error(KH_ERROR, "too many affixes in one rule set");
    /* keep longest first, so that the first match is the longest */
    size_t i = set->n;
    while (i > 0 && set->v[i - 1].n < a->n) {
        set->v[i] = set->v[i - 1];
        i--;
    }
    set->v[i] = *a;
    set->n++;
    return KH_OK;
}

int kh_affix_ends(const kh_affix *a, const uint32_t *w, size_t n)
{
    if (a->n == 0 || n < (size_t)a->n + a->min || w[n - 1] != a->c[a->n - 1])
        return 0;
    for (size_t i = 0; i + 1 < a->n; i++)
        if (w[n - a->n + i] != a->c[i])
            return 0;
    return 1;
}

int kh_affix_starts(const kh_affix *a, const uint32_t *w, size_t n)
{
    if (a->n == 0 || n < (size_t)a->n + a->min || w[0] != a->c[0])
        return 0;
    for (size_t i = 1; i < a->n; i++)
        if (w[i] != a->c[i])
            return 0;
    return 1;
}

int kh_an_load_rules(kh_text *t, const char *name,
                     int (*sink)(const char *type, size_t type_len, const kh_affix *a, void *ctx),
                     void *ctx)
{
    size_t len, cursor = 0, line_len;
    const char *bytes = kh_data_get(name, &len), *line;
    if (!bytes)
        return kh_set_error(KH_ERROR, "data file %s is missing from the build", name);
    while (kh_data_next_line(bytes, len, &cursor, &line, &line_len)) {
        const char *f[4];
        size_t fl[4], nf = 0, i = 0;
        while (nf < 4 && i <= line_len) {
            const char *tab = memchr(line + i, '\t', line_len - i);
            size_t e = tab ? (size_t)(tab - line) : line_len;
            f[nf] = line + i;
            fl[nf++] = e - i;
            i = e + 1;
            if (!tab)
                break;
        }
        if (nf < 3)
            return kh_set_error(KH_ERROR, "bad rule in data/%s: %.*s", name, (int)line_len, line);
        uint32_t w[KH_W_MAX];
        size_t n;
        int rc = kh_an_fold_line(t, f[1], fl[1], w, &n);
        if (rc != KH_OK)
            return rc;
        if (n == 0 || n > KH_AFFIX_MAX)
            return kh_set_error(KH_ERROR, "bad affix in data/%s: %.*s", name, (int)line_len, line);
        kh_affix a = {.n = (uint8_t)n, .min = (uint8_t)atoi(f[2])};
        memcpy(a.c, w, n * sizeof w[0]);
        if (nf == 4) {
            uint32_t r[KH_W_MAX];
            size_t rn;
            if ((rc = kh_an_fold_line(t, f[3], fl[3], r, &rn)) != KH_OK)
                return rc;
            a.repl = rn ? r[0] : 0;
        }
        if ((rc = sink(f[0], fl[0], &a, ctx)) != KH_OK)
            return rc;
    }
    return KH_OK;
}
