/*
 * tokenize.c: words and numbers with byte spans and folded keys.
 *
 * Word boundaries are UAX #29's as ICU's word break iterator finds them; a
 * segment whose rule status says letter, ideograph, kana or number is a
 * token, everything else (spaces, punctuation) is skipped. ZWNJ is a format
 * character inside a word for UAX #29, so Persian words that keep it stay
 * one token; its key is the folded form, where ZWNJ is dropped, so
 * "می‌رود" and "میرود" match.
 *
 * Two paths give the same tokens:
 *
 *   fast  wordbreak.c segments the UTF-8 directly (no UTF-16 copy) and each
 *         token's key is folded from its UTF-8 span (kh_text_fold_utf8):
 *         one table lookup per code point, for texts without Han, kana,
 *         Hangul, Thai-like scripts, Hebrew, emoji and the like;
 *   ICU   kh_text_tokenize_icu: one UTF-8 -> UTF-16 conversion per text, one
 *         pass of the break iterator, one fold per token; for every other
 *         text, and always when t->force_slow is set (tests).
 *
 * The fast path gives up at the first code point it cannot handle; the
 * tokens it appended are taken back and ICU does the whole text.
 */
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>

#include "core/error.h"
#include "core/grow.h"
#include "text/text.h"

int kh_tokens_grow(kh_tokens *out)
{
    kh_token *v = kh_grow(out->v, &out->cap, out->n, sizeof *v, 256);
    if (!v)
        return kh_set_error(KH_ENOMEM, "out of memory for tokens");
    out->v = v;
    return KH_OK;
}

/* Appends a token of kind over text[start, end) whose folded key was just
 * appended to out->keys at key_off; skipped when the key is empty (only
 * marks: nothing to match on). Writes the token in place, field by field:
 * a token built on the stack and copied costs a stall (a struct's bytes
 * stored piecewise and read back whole). */
static int push_key(kh_tokens *out, size_t start, size_t end, uint8_t kind, size_t key_off)
{
    const uint32_t key_len = (uint32_t)(out->keys.len - key_off);
    if (key_len == 0)
        return KH_OK;
    int rc;
    if ((rc = kh_buf_append_char(&out->keys, '\0')) != KH_OK ||
        (out->n == out->cap && (rc = kh_tokens_grow(out)) != KH_OK))
        return rc;
    kh_token *tok = &out->v[out->n++];
    tok->start = (uint32_t)start;
    tok->end = (uint32_t)end;
    tok->key_off = tok->base_off = tok->stem_off = tok->skel_off = (uint32_t)key_off;
    tok->key_len = tok->base_len = tok->stem_len = tok->skel_len = key_len;
    tok->kind = kind;
    tok->flags = tok->pre = tok->suf = 0;
    return KH_OK;
}

int kh_text_tokenize(kh_text *t, const char *text, size_t len, kh_tokens *out)
{
    if (!t || (!text && len) || !out)
        return kh_set_error(KH_EINVAL, "kh_text_tokenize: bad argument");
    if (t->force_slow || !t->wb || len > (size_t)INT32_MAX / 2)
        return kh_text_tokenize_icu(t, text, len, out);
    const size_t n0 = out->n, keys0 = out->keys.len;
    size_t pos = 0, start, end;
    int kind, r, rc;
    while ((r = kh_wordbreak_next(t, text, len, &pos, &start, &end, &kind)) > 0) {
        const size_t key_off = out->keys.len;
        if ((rc = kh_text_fold_utf8(t, text + start, end - start, &out->keys)) != KH_OK ||
            (rc = push_key(out, start, end, (uint8_t)kind, key_off)) != KH_OK)
            return rc;
    }
    if (r == 0)
        return KH_OK;
    out->n = n0; /* a code point only ICU handles: start again */
    out->keys.len = keys0;
    if (out->keys.data)
        out->keys.data[keys0] = '\0';
    return kh_text_tokenize_icu(t, text, len, out);
}

/*
 * ICU loads its dictionary break engines (CJK, Thai, Lao, Khmer, Burmese)
 * on first use, and the first text that needs one may be segmented
 * differently from the same text later ("ー中" is one word the first time,
 * two afterwards). So before its first text, an iterator runs once over a
 * line of every dictionary script: the same text always gives the same
 * tokens, whichever text came first, in whichever thread.
 */
static void warm_up(kh_text *t)
{
    static const UChar line[] = u"ー中 中文 ภาษาไทย ລາວ ខ្មែរ မြန်မာ 한국어";
    UErrorCode status = U_ZERO_ERROR;
    ubrk_setText(t->words, line, (int32_t)(sizeof line / sizeof line[0]) - 1, &status);
    if (U_SUCCESS(status))
        while (ubrk_next(t->words) != UBRK_DONE)
            ;
    t->words_warm = 1;
}

int kh_text_tokenize_icu(kh_text *t, const char *text, size_t len, kh_tokens *out)
{
    if (!t || (!text && len) || !out)
        return kh_set_error(KH_EINVAL, "kh_text_tokenize_icu: bad argument");
    if (!t->words_warm)
        warm_up(t);
    int32_t n;
    int rc = kh_text_to_u16(t, text, len, &n);
    if (rc != KH_OK)
        return rc;
    UErrorCode status = U_ZERO_ERROR;
    ubrk_setText(t->words, (const UChar *)t->u16, n, &status);
    if (U_FAILURE(status))
        return kh_set_error(KH_ERROR, "word break failed: %s", u_errorName(status));
    int32_t start = ubrk_first(t->words);
    for (int32_t end = ubrk_next(t->words); end != UBRK_DONE;
         start = end, end = ubrk_next(t->words)) {
        int32_t status_rule = ubrk_getRuleStatus(t->words);
        uint8_t kind;
        if (status_rule >= UBRK_WORD_NUMBER && status_rule < UBRK_WORD_NUMBER_LIMIT)
            kind = KH_TOKEN_NUMBER;
        else if (status_rule >= UBRK_WORD_LETTER && status_rule < UBRK_WORD_IDEO_LIMIT)
            kind = KH_TOKEN_WORD;
        else
            continue;
        const size_t key_off = out->keys.len;
        if ((rc = kh_text_fold_u16(t, t->u16 + start, end - start, &out->keys)) != KH_OK ||
            (rc = push_key(out, (size_t)t->u16_to_byte[start], (size_t)t->u16_to_byte[end], kind,
                           key_off)) != KH_OK)
            return rc;
    }
    return KH_OK;
}

void kh_tokens_clear(kh_tokens *tokens)
{
    tokens->n = 0;
    tokens->keys.len = 0;
    if (tokens->keys.data)
        tokens->keys.data[0] = '\0';
}

void kh_tokens_free(kh_tokens *tokens)
{
    free(tokens->v);
    kh_buf_free(&tokens->keys);
    memset(tokens, 0, sizeof *tokens);
}
