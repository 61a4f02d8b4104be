/*
 * extract_api.c: kh_extract_paths(), the public face of the extractors.
 *
 * The inputs are read exactly as `khabar ingest` reads them (io/reader.h:
 * files and directories by extension, charsets decoded, WARC response
 * records with HTML bodies, JSONL lines, every bad input reported with its
 * offset), and each article goes through the same extractor
 * (extract/extract.h); nothing is stored. Each article is written as one
 * JSON line or as a readable block (see docs/extract.md). Spans are byte
 * offsets into the UTF-8 text the extractor saw, i.e. after charset
 * conversion.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/error.h"
#include "extract/extract.h"
#include "extract/extracted.h"
#include "io/reader.h"
#include "io/warc.h"
#include "khabar.h"

typedef struct run {
    kh_format format;
    FILE *out;
    void (*on_error)(const kh_input_error *err, void *ctx);
    void *ctx;
    int errors;
} run;

/* Where an article came from, for the output. */
typedef struct origin {
    const char *path;
    const char *charset;
    const kh_warc_record *rec; /* NULL outside WARC */
} origin;

static void report(run *r, const char *path, uint64_t offset, const char *reason)
{
    r->errors++;
    if (!r->on_error)
        return;
    kh_input_error e = {path, offset, 0, reason};
    r->on_error(&e, r->ctx);
}

static json_t *jstr(const char *s)
{
    if (!s)
        return json_null();
    json_t *v = json_string(s);
    return v ? v : json_string("");
}

static json_t *jspan(kh_span sp)
{
    if (sp.start == 0 && sp.end == 0)
        return json_null();
    return json_pack("[II]", (json_int_t)sp.start, (json_int_t)sp.end);
}

static int write_json(run *r, const origin *o, const kh_extracted *x)
{
    json_t *obj = json_object();
    if (!obj)
        return kh_set_error(KH_ENOMEM, "out of memory writing JSON");
    json_object_set_new(obj, "path", jstr(o->path));
    if (o->rec) {
        json_object_set_new(obj, "target_uri", jstr(o->rec->target_uri));
        json_object_set_new(obj, "warc_date", jstr(o->rec->warc_date));
        json_object_set_new(obj, "warc_offset", json_integer((json_int_t)o->rec->offset));
        json_object_set_new(obj, "http_status", json_integer(o->rec->http_status));
        json_object_set_new(obj, "http_date", jstr(o->rec->http_date));
    }
    json_object_set_new(obj, "charset", jstr(o->charset));
    json_object_set_new(obj, "title", jstr(x->title));
    json_object_set_new(obj, "outlet", jstr(x->outlet));
    json_object_set_new(obj, "author", jstr(x->author));
    json_object_set_new(obj, "published_raw", jstr(x->published_raw));
    json_object_set_new(obj, "modified_raw", jstr(x->modified_raw));
    json_object_set_new(obj, "item_id", jstr(x->item_id));
    json_object_set_new(obj, "canonical_url", jstr(x->canonical_url));
    json_object_set_new(obj, "lang", jstr(x->lang));
    json_object_set_new(obj, "body", jstr(x->body ? x->body : ""));
    json_t *spans = json_object();
    json_object_set_new(spans, "title", jspan(x->title_span));
    json_object_set_new(spans, "outlet", jspan(x->outlet_span));
    json_object_set_new(spans, "author", jspan(x->author_span));
    json_object_set_new(spans, "published", jspan(x->published_span));
    json_object_set_new(spans, "modified", jspan(x->modified_span));
    json_object_set_new(spans, "item_id", jspan(x->item_id_span));
    json_object_set_new(obj, "spans", spans);
    json_t *bs = json_array();
    for (size_t i = 0; i < x->n_body_spans; i++)
        json_array_append_new(bs, json_pack("[II]", (json_int_t)x->body_spans[i].start,
                                            (json_int_t)x->body_spans[i].end));
    json_object_set_new(obj, "body_spans", bs);
    json_t *dr = json_array();
    for (size_t i = 0; i < x->n_dropped; i++)
        json_array_append_new(dr, json_pack("{sIsIss}", "start",
                                            (json_int_t)x->dropped[i].span.start, "end",
                                            (json_int_t)x->dropped[i].span.end, "reason",
                                            x->dropped[i].reason ? x->dropped[i].reason : ""));
    json_object_set_new(obj, "dropped", dr);
    int rc = json_dumpf(obj, r->out, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(obj);
    if (rc != 0 || fputc('\n', r->out) == EOF)
        return kh_set_error(KH_EIO, "cannot write output: %s", strerror(errno));
    return KH_OK;
}

static void field(FILE *out, const char *name, const char *value)
{
    if (value && *value)
        fprintf(out, "%s: %s\n", name, value);
}

static int write_text(run *r, const origin *o, const kh_extracted *x)
{
    FILE *out = r->out;
    fprintf(out, "== %s", o->path);
    if (o->rec)
        fprintf(out, " @%llu %s", (unsigned long long)o->rec->offset, o->rec->target_uri);
    fputc('\n', out);
    field(out, "title", x->title);
    field(out, "outlet", x->outlet);
    field(out, "author", x->author);
    field(out, "published", x->published_raw);
    field(out, "modified", x->modified_raw);
    field(out, "item id", x->item_id);
    field(out, "url", x->canonical_url);
    field(out, "lang", x->lang);
    field(out, "charset", o->charset);
    fprintf(out, "dropped: %zu blocks\n\n%s\n\n", x->n_dropped, x->body ? x->body : "");
    if (ferror(out))
        return kh_set_error(KH_EIO, "cannot write output: %s", strerror(errno));
    return KH_OK;
}

static int emit(run *r, const origin *o, const kh_extracted *x)
{
    return r->format == KH_FORMAT_JSON ? write_json(r, o, x) : write_text(r, o, x);
}

typedef struct sink_ctx {
    run *r;
    kh_extractor *x;
} sink_ctx;

/* One raw article: extract it and write it; a failed extraction is reported. */
static int on_doc(void *ctx, const kh_raw_doc *raw)
{
    sink_ctx *c = ctx;
    kh_extracted x;
    int rc = kh_extract_raw(c->x, raw, &x);
    if (rc == KH_OK) {
        origin o = {raw->origin, raw->charset, raw->warc};
        rc = emit(c->r, &o, &x);
    } else if (rc != KH_ENOMEM) {
        report(c->r, raw->origin, raw->offset, kh_last_error());
        rc = KH_OK;
    }
    kh_extracted_free(&x);
    return rc;
}

static void on_reject(void *ctx, const kh_input_error *err)
{
    sink_ctx *c = ctx;
    c->r->errors++;
    if (c->r->on_error)
        c->r->on_error(err, c->r->ctx);
}

int kh_extract_paths(const char *const *paths, size_t npaths, kh_format format, FILE *out,
                     void (*on_error)(const kh_input_error *err, void *ctx), void *ctx)
{
    if ((!paths && npaths) || !out)
        return kh_set_error(KH_EINVAL, "kh_extract_paths: NULL argument");
    run r = {format, out, on_error, ctx, 0};
    for (size_t i = 0; i < npaths; i++)
        if (!paths[i])
            return kh_set_error(KH_EINVAL, "kh_extract_paths: NULL path");
    sink_ctx c = {&r, NULL};
    int rc = kh_extractor_new(&c.x);
    if (rc != KH_OK)
        return rc;
    kh_reader_sink sink = {on_doc, on_reject, NULL, &c};
    rc = kh_reader_run(paths, npaths, &sink, NULL, NULL);
    kh_extractor_free(c.x);
    if (rc < 0)
        return rc;
    if (fflush(out) != 0)
        return kh_set_error(KH_EIO, "cannot write output: %s", strerror(errno));
    if (r.errors)
        return kh_set_error(KH_EINPUT, "%d input%s rejected", r.errors, r.errors == 1 ? "" : "s");
    return KH_OK;
}
