/*
 * json.c: one text's analysis as a JSON object (kh_text_json), what the
 * `khabar text` command prints per input line. Format in docs/text.md.
 */
#include <string.h>

#include <jansson.h>

#include "core/error.h"
#include "text/text.h"
#include "text/utf8.h"

static int is_blank(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        uint32_t c = kh_utf8_next(s, &i);
        if (!(c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xA0 || c == 0x200C ||
              c == 0x200B || c == 0x200E || c == 0x200F || c == 0xFEFF || c == 0x3000))
            return 0;
    }
    return 1;
}

static int dump(json_t *obj, char **json_out)
{
    *json_out = json_dumps(obj, JSON_COMPACT | JSON_REAL_PRECISION(3));
    json_decref(obj);
    return *json_out ? KH_OK : kh_set_error(KH_ENOMEM, "out of memory writing JSON");
}

static int error_object(int code, const char *msg, char **json_out)
{
    json_t *o = json_object();
    if (!o)
        return kh_set_error(KH_ENOMEM, "out of memory");
    json_object_set_new(o, "error", json_string(msg));
    int rc = dump(o, json_out);
    return rc != KH_OK ? rc : kh_set_error(code, "%s", msg);
}

static json_t *strn(const char *s, size_t n) { return json_stringn(s, n); }

static json_t *token_object(const char *text, const kh_tokens *toks, size_t i)
{
    const kh_token *tk = &toks->v[i];
    json_t *o = json_object();
    if (!o)
        return NULL;
    json_object_set_new(o, "text", strn(text + tk->start, tk->end - tk->start));
    json_object_set_new(o, "start", json_integer(tk->start));
    json_object_set_new(o, "end", json_integer(tk->end));
    json_object_set_new(o, "key", strn(kh_token_key(toks, i), tk->key_len));
    json_object_set_new(o, "kind", json_string(tk->kind == KH_TOKEN_NUMBER ? "number" : "word"));
    if (tk->kind == KH_TOKEN_WORD) {
        json_object_set_new(o, "base", strn(kh_token_base(toks, i), tk->base_len));
        json_object_set_new(o, "stem", strn(kh_token_stem(toks, i), tk->stem_len));
        json_object_set_new(o, "skeleton", strn(kh_token_skel(toks, i), tk->skel_len));
    }
    if (tk->pre || tk->suf) {
        json_t *c = json_array();
        const char *key = kh_token_key(toks, i);
        if (tk->pre)
            json_array_append_new(c, strn(key, tk->pre));
        if (tk->suf)
            json_array_append_new(c, strn(key + tk->key_len - tk->suf, tk->suf));
        json_object_set_new(o, "clitics", c);
    }
    if (tk->flags & KH_TOKEN_STOP)
        json_object_set_new(o, "stop", json_true());
    if (tk->flags & KH_TOKEN_JOINED)
        json_object_set_new(o, "joined", json_true());
    if (tk->flags & KH_TOKEN_SPLIT)
        json_object_set_new(o, "split", json_true());
    return o;
}

int kh_text_json(kh_text *t, const char *text, size_t len, unsigned what, const char *lang,
                 char **json_out)
{
    if (!json_out)
        return kh_set_error(KH_EINVAL, "kh_text_json: json_out is NULL");
    *json_out = NULL;
    if (!t || (!text && len))
        return kh_set_error(KH_EINVAL, "kh_text_json: bad argument");
    char msg[64];
    size_t bad = kh_utf8_invalid_offset(text, len);
    if (bad < len) {
        snprintf(msg, sizeof msg, "invalid UTF-8 at byte %zu", bad);
        return error_object(KH_EENCODING, msg, json_out);
    }
    if (memchr(text, '\0', len))
        return error_object(KH_EENCODING, "NUL byte in text", json_out);
    if (is_blank(text, len))
        return error_object(KH_EINVAL, "empty line", json_out);
    if (!what)
        what = KH_TEXT_LANG;
    json_t *o = json_object();
    if (!o)
        return kh_set_error(KH_ENOMEM, "out of memory");
    int rc = KH_OK;
    kh_lang_guess g = {.code = "und"};
    if ((what & KH_TEXT_LANG) || (!lang && (what & (KH_TEXT_TOKENS | KH_TEXT_STEMS)))) {
        if ((rc = kh_text_lang(t, text, len, &g)) != KH_OK)
            goto fail;
    }
    if (what & KH_TEXT_LANG) {
        json_object_set_new(o, "lang", json_string(g.code));
        json_object_set_new(o, "confidence", json_real(g.confidence));
    }
    if (what & KH_TEXT_FOLD) {
        char *f;
        size_t flen;
        if ((rc = kh_text_fold(t, text, len, &f, &flen)) != KH_OK)
            goto fail;
        json_object_set_new(o, "fold", strn(f, flen));
        kh_free(f);
    }
    if (what & (KH_TEXT_TOKENS | KH_TEXT_STEMS)) {
        kh_tokens toks = {0};
        if ((rc = kh_text_analyze(t, text, len, lang ? lang : g.code, &toks)) != KH_OK) {
            kh_tokens_free(&toks);
            goto fail;
        }
        if (what & KH_TEXT_TOKENS) {
            json_t *a = json_array();
            for (size_t i = 0; i < toks.n; i++)
                json_array_append_new(a, token_object(text, &toks, i));
            json_object_set_new(o, "tokens", a);
        }
        if (what & KH_TEXT_STEMS) {
            json_t *a = json_array();
            for (size_t i = 0; i < toks.n; i++)
                if (toks.v[i].kind == KH_TOKEN_WORD)
                    json_array_append_new(a, strn(kh_token_stem(&toks, i), toks.v[i].stem_len));
            json_object_set_new(o, "stems", a);
        }
        kh_tokens_free(&toks);
    }
    return dump(o, json_out);
fail:
    json_decref(o);
    return rc;
}
