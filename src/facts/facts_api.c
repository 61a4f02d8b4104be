/*
 * facts_api.c: the public face of the facts layer (khabar.h, "Facts"):
 * kh_facts_new/free and kh_facts_extract_json, which writes the entities,
 * figures and attributions of one text as one JSON object (docs/facts.md).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/error.h"
#include "facts/facts.h"
#include "text/utf8.h"

int kh_facts_new(kh_facts **out)
{
    if (!out)
        return kh_set_error(KH_EINVAL, "kh_facts_new: out is NULL");
    *out = NULL;
    struct kh_facts *f = calloc(1, sizeof *f);
    if (!f)
        return kh_set_error(KH_ENOMEM, "out of memory");
    int rc = kh_text_new(&f->text);
    if (rc == KH_OK)
        rc = kh_facts_load(f);
    if (rc != KH_OK) {
        kh_facts_free(f);
        return rc;
    }
    *out = f;
    return KH_OK;
}

void kh_facts_free(kh_facts *f)
{
    if (!f)
        return;
    kh_lex_free(&f->lex);
    kh_fdoc_free(&f->doc);
    kh_fres_free(&f->res);
    kh_text_free(f->text);
    free(f);
}

/* ---- JSON ---- */

static int j_str(kh_buf *b, const char *s, size_t n)
{
    int rc = kh_buf_append_char(b, '"');
    for (size_t i = 0; i < n && rc == KH_OK; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            char esc[2] = {'\\', (char)c};
            rc = kh_buf_append(b, esc, 2);
        } else if (c == '\n') {
            rc = kh_buf_append(b, "\\n", 2);
        } else if (c == '\t') {
            rc = kh_buf_append(b, "\\t", 2);
        } else if (c == '\r') {
            rc = kh_buf_append(b, "\\r", 2);
        } else if (c < 0x20) {
            rc = kh_buf_printf(b, "\\u%04x", c);
        } else {
            rc = kh_buf_append_char(b, (char)c);
        }
    }
    return rc == KH_OK ? kh_buf_append_char(b, '"') : rc;
}

static int j_span_text(kh_buf *b, const char *text, kh_span s)
{
    return j_str(b, text + s.start, s.end - s.start);
}

static int j_num(kh_buf *b, double v)
{
    if (v == floor(v) && fabs(v) < 1e15)
        return kh_buf_printf(b, "%.0f", v);
    return kh_buf_printf(b, "%.6g", v);
}

/* "name":{"text":..,"start":..,"end":..} or "name":null */
static int j_span_obj(kh_buf *b, const char *name, const char *text, kh_span s)
{
    int rc = kh_buf_printf(b, "\"%s\":", name);
    if (rc != KH_OK)
        return rc;
    if (s.end <= s.start)
        return kh_buf_append_str(b, "null");
    if ((rc = kh_buf_append_str(b, "{\"text\":")) != KH_OK ||
        (rc = j_span_text(b, text, s)) != KH_OK)
        return rc;
    return kh_buf_printf(b, ",\"start\":%u,\"end\":%u}", s.start, s.end);
}

static const char *src_name(int s)
{
    switch (s) {
    case KH_SRC_GAZ: return "gazetteer";
    case KH_SRC_CUE: return "cue";
    case KH_SRC_QUOTE: return "quote";
    case KH_SRC_PROPAGATED: return "propagated";
    default: return "";
    }
}

static int j_entities(kh_buf *b, const char *text, const kh_fres *r)
{
    int rc = kh_buf_append_str(b, "\"entities\":[");
    for (size_t i = 0; i < r->nent && rc == KH_OK; i++) {
        const kh_entity *e = &r->ent[i];
        rc = kh_buf_printf(b, "%s{\"type\":\"%s\",\"subtype\":\"%s\",\"key\":", i ? "," : "",
                           kh_entity_type_name(e->type), kh_entity_subtype_name(e->subtype));
        if (rc == KH_OK)
            rc = j_str(b, e->key, strlen(e->key));
        if (rc == KH_OK)
            rc = kh_buf_append_str(b, ",\"text\":");
        if (rc == KH_OK)
            rc = j_span_text(b, text, e->span);
        if (rc == KH_OK)
            rc = kh_buf_printf(b, ",\"start\":%u,\"end\":%u,\"source\":\"%s\"}", e->span.start,
                               e->span.end, src_name(e->source));
    }
    return rc == KH_OK ? kh_buf_append_char(b, ']') : rc;
}

static int j_entity_ref(kh_buf *b, const char *name, const char *text, const kh_fres *r, int e)
{
    int rc = kh_buf_printf(b, "\"%s\":", name);
    if (rc != KH_OK)
        return rc;
    if (e < 0 || (size_t)e >= r->nent)
        return kh_buf_append_str(b, "null");
    const kh_entity *en = &r->ent[e];
    if ((rc = kh_buf_append_str(b, "{\"key\":")) != KH_OK ||
        (rc = j_str(b, en->key, strlen(en->key))) != KH_OK ||
        (rc = kh_buf_append_str(b, ",\"text\":")) != KH_OK ||
        (rc = j_span_text(b, text, en->span)) != KH_OK)
        return rc;
    return kh_buf_printf(b, ",\"entity\":%d}", e);
}

static int j_figures(kh_buf *b, const char *text, const kh_fres *r)
{
    int rc = kh_buf_append_str(b, ",\"figures\":[");
    for (size_t i = 0; i < r->nfig && rc == KH_OK; i++) {
        const kh_figure *f = &r->fig[i];
        rc = kh_buf_append_str(b, i ? ",{\"text\":" : "{\"text\":");
        if (rc == KH_OK)
            rc = j_span_text(b, text, f->span);
        if (rc == KH_OK)
            rc = kh_buf_printf(b, ",\"start\":%u,\"end\":%u,\"sentence\":%u,\"value\":",
                               f->span.start, f->span.end, f->sent);
        if (rc == KH_OK)
            rc = j_num(b, f->value);
        if (rc == KH_OK)
            rc = kh_buf_printf(b, ",\"qualifier\":\"%s\",", kh_qual_name(f->qual));
        if (rc == KH_OK)
            rc = j_span_obj(b, "qualifier_span", text, f->qspan);
        if (rc == KH_OK)
            rc = kh_buf_append_str(b, ",\"lo\":");
        if (rc == KH_OK)
            rc = j_num(b, f->lo);
        if (rc == KH_OK)
            rc = kh_buf_append_str(b, ",\"hi\":");
        if (rc == KH_OK)
            rc = f->hi_inf ? kh_buf_append_str(b, "null") : j_num(b, f->hi);
        if (rc == KH_OK)
            rc = kh_buf_printf(b, ",\"lo_open\":%s,\"hi_open\":%s,\"counted\":\"%s\",",
                               f->lo_open ? "true" : "false", f->hi_open ? "true" : "false",
                               kh_thing_name(f->thing));
        if (rc == KH_OK)
            rc = j_span_obj(b, "cue", text, f->cue);
        if (rc == KH_OK)
            rc = kh_buf_append_char(b, ',');
        if (rc == KH_OK)
            rc = j_span_obj(b, "unit", text, f->unit);
        if (rc == KH_OK)
            rc = kh_buf_append_str(b, ",\"happening\":{");
        if (rc == KH_OK)
            rc = j_span_obj(b, "event", text, f->event);
        if (rc == KH_OK)
            rc = kh_buf_append_char(b, ',');
        if (rc == KH_OK)
            rc = j_entity_ref(b, "anchor", text, r, f->anchor);
        if (rc == KH_OK)
            rc = kh_buf_append_char(b, ',');
        if (rc == KH_OK)
            rc = j_span_obj(b, "date", text, f->date);
        if (rc == KH_OK)
            rc = kh_buf_append_str(b, "},");
        if (rc == KH_OK)
            rc = j_span_obj(b, "date", text, f->fdate);
        if (rc == KH_OK)
            rc = kh_buf_append_char(b, '}');
    }
    return rc == KH_OK ? kh_buf_append_char(b, ']') : rc;
}

static int j_attributions(kh_buf *b, const char *text, const kh_fres *r)
{
    int rc = kh_buf_append_str(b, ",\"attributions\":[");
    for (size_t i = 0; i < r->natt && rc == KH_OK; i++) {
        const kh_attribution *a = &r->att[i];
        rc = kh_buf_printf(b, "%s{\"sentence\":%u,\"stance\":\"%s\",\"speaker\":", i ? "," : "",
                           a->sent, kh_stance_name(a->stance));
        if (rc == KH_OK) {
            if (a->speaker.end <= a->speaker.start) {
                rc = kh_buf_append_str(b, "null");
            } else {
                rc = kh_buf_append_str(b, "{\"text\":");
                if (rc == KH_OK)
                    rc = j_span_text(b, text, a->speaker);
                if (rc == KH_OK)
                    rc = kh_buf_printf(b,
                                       ",\"start\":%u,\"end\":%u,\"anonymous\":%s,\"coref\":%s,",
                                       a->speaker.start, a->speaker.end,
                                       a->speaker_anon ? "true" : "false",
                                       a->speaker_coref ? "true" : "false");
                if (rc == KH_OK)
                    rc = j_entity_ref(b, "entity", text, r, a->speaker_entity);
                if (rc == KH_OK)
                    rc = kh_buf_append_char(b, '}');
            }
        }
        if (rc == KH_OK)
            rc = kh_buf_append_char(b, ',');
        if (rc == KH_OK)
            rc = j_span_obj(b, "verb", text, a->verb);
        if (rc == KH_OK)
            rc = kh_buf_append_char(b, ',');
        if (rc == KH_OK)
            rc = j_span_obj(b, "stance_cue", text, a->stance_cue);
        if (rc == KH_OK)
            rc = kh_buf_append_char(b, ',');
        if (rc == KH_OK)
            rc = j_span_obj(b, "content", text, a->content);
        if (rc == KH_OK)
            rc = kh_buf_append_str(b, ",\"cites\":[");
        for (int c = 0; c < a->ncites && rc == KH_OK; c++) {
            rc = kh_buf_append_str(b, c ? ",{" : "{");
            if (rc == KH_OK)
                rc = j_span_obj(b, "source", text, a->cites[c]);
            if (rc == KH_OK)
                rc = kh_buf_append_char(b, ',');
            if (rc == KH_OK)
                rc = j_entity_ref(b, "entity", text, r, a->cite_entity[c]);
            if (rc == KH_OK)
                rc = kh_buf_append_char(b, '}');
        }
        if (rc == KH_OK)
            rc = kh_buf_printf(b, "],\"parent\":");
        if (rc == KH_OK)
            rc = a->parent < 0 ? kh_buf_append_str(b, "null") : kh_buf_printf(b, "%d", a->parent);
        if (rc == KH_OK)
            rc = kh_buf_append_char(b, '}');
    }
    return rc == KH_OK ? kh_buf_append_char(b, ']') : rc;
}

int kh_facts_extract_json(kh_facts *f, const char *text, size_t len, const char *lang,
                          char **json_out)
{
    if (!f || (!text && len) || !json_out)
        return kh_set_error(KH_EINVAL, "kh_facts_extract_json: bad argument");
    *json_out = NULL;
    if (!text)
        text = "";
    size_t bad = kh_utf8_invalid_offset(text, len);
    if (bad < len)
        return kh_set_error(KH_EENCODING, "invalid UTF-8 at byte %zu", bad);
    if (len > (size_t)UINT32_MAX / 4)
        return kh_set_error(KH_EINVAL, "text too long (%zu bytes)", len);
    int rc = kh_facts_run(f, text, len, lang);
    if (rc != KH_OK)
        return rc;
    kh_buf b = {0};
    rc = kh_buf_reserve(&b, 256 + len);
    if (rc == KH_OK)
        rc = kh_buf_printf(&b, "{\"lang\":\"%s\",", f->doc.arabic ? "ar" : (lang ? lang : "fa"));
    if (rc == KH_OK)
        rc = j_entities(&b, text, &f->res);
    if (rc == KH_OK)
        rc = j_figures(&b, text, &f->res);
    if (rc == KH_OK)
        rc = j_attributions(&b, text, &f->res);
    if (rc == KH_OK)
        rc = kh_buf_append_char(&b, '}');
    if (rc != KH_OK) {
        kh_buf_free(&b);
        return rc;
    }
    *json_out = kh_buf_detach(&b, NULL);
    return KH_OK;
}
