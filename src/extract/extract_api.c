/*
 * extract_api.c: kh_extract_paths(), the public face of the extractors.
 *
 * For each path, by extension:
 *
 *   .html .htm      read whole (up to KH_HTML_MAX_BYTES), charset detected
 *                   and converted (io/charset.h), kh_html_extract();
 *   .warc .warc.gz  streamed (io/warc.h); each HTTP response record whose
 *                   Content-Type is HTML (or absent) is converted with the
 *                   charset of its HTTP header and extracted; malformed
 *                   records are reported with their offset and skipped;
 *   .txt            charset-converted, kh_dump_extract() (extract/dump.h).
 *
 * Each article is written as one JSON line or as a readable block (see
 * docs/extract.md). Spans are byte offsets into the UTF-8 text the
 * extractor saw, i.e. after charset conversion.
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
#include "extract/dump.h"
#include "extract/extracted.h"
#include "extract/html.h"
#include "io/charset.h"
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

static int has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcasecmp(s + n - m, suffix) == 0;
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

/* Converts and extracts one document; 0 when done or reported, < 0 fatal. */
static int extract_doc(run *r, const char *path, uint64_t offset, const char *bytes,
                       size_t len, const char *declared, int html, const kh_warc_record *rec)
{
    char *utf8 = NULL, name[64] = "";
    size_t ulen = 0;
    kh_extracted x;
    memset(&x, 0, sizeof x);
    int rc = kh_charset_to_utf8(bytes, len, declared, &utf8, &ulen, name, sizeof name);
    if (rc == KH_OK)
        rc = html ? kh_html_extract(utf8, ulen, &x) : kh_dump_extract(utf8, ulen, &x);
    if (rc == KH_OK) {
        origin o = {path, name, rec};
        rc = emit(r, &o, &x);
    } else if (rc != KH_ENOMEM) {
        report(r, path, offset, kh_last_error());
        rc = KH_OK;
    }
    kh_extracted_free(&x);
    free(utf8);
    return rc;
}

static int read_whole(const char *path, size_t limit, char **out, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return kh_set_error(KH_EIO, "cannot open: %s", strerror(errno));
    kh_buf b = {0};
    int rc = KH_OK;
    for (;;) {
        if ((rc = kh_buf_reserve(&b, 1 << 16)) != KH_OK)
            break;
        size_t got = fread(b.data + b.len, 1, b.cap - b.len - 1, f);
        b.len += got;
        if (b.len > limit) {
            rc = kh_set_error(KH_EINVAL, "file larger than %zu bytes", limit);
            break;
        }
        if (got == 0) {
            if (ferror(f))
                rc = kh_set_error(KH_EIO, "read error: %s", strerror(errno));
            break;
        }
    }
    fclose(f);
    if (rc != KH_OK) {
        kh_buf_free(&b);
        return rc;
    }
    b.data[b.len] = '\0';
    *out = kh_buf_detach(&b, len);
    return KH_OK;
}

static int is_html_type(const char *ct)
{
    if (!ct || !*ct)
        return 1;
    return strncasecmp(ct, "text/html", 9) == 0 || strncasecmp(ct, "application/xhtml", 17) == 0;
}

static int extract_warc(run *r, const char *path)
{
    kh_warc *w = NULL;
    int rc = kh_warc_open_file(&w, path);
    if (rc != KH_OK) {
        report(r, path, 0, kh_last_error());
        return rc == KH_ENOMEM ? rc : KH_OK;
    }
    kh_warc_record rec;
    int fatal = KH_OK;
    for (;;) {
        rc = kh_warc_next(w, &rec);
        if (rc == 0)
            break;
        if (rc < 0) {
            /* The message starts "offset N: ", which the report carries. */
            const char *why = kh_last_error();
            const char *colon = strncmp(why, "offset ", 7) == 0 ? strstr(why, ": ") : NULL;
            report(r, path, kh_warc_error_offset(w), colon ? colon + 2 : why);
            if (rc == KH_ENOMEM || rc == KH_EIO) {
                fatal = rc == KH_ENOMEM ? rc : KH_OK;
                break;
            }
            continue; /* a malformed record: the reader resumes after it */
        }
        if (!is_html_type(rec.content_type))
            continue;
        rc = extract_doc(r, path, rec.offset, rec.body, rec.body_len,
                         rec.charset && *rec.charset ? rec.charset : NULL, 1, &rec);
        if (rc < 0) {
            fatal = rc;
            break;
        }
    }
    kh_warc_free(w);
    return fatal;
}

static int extract_path(run *r, const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        kh_set_error(KH_EIO, "cannot open: %s", strerror(errno));
        report(r, path, 0, kh_last_error());
        return KH_OK;
    }
    if (S_ISDIR(st.st_mode)) {
        report(r, path, 0, "is a directory (give files)");
        return KH_OK;
    }
    if (has_suffix(path, ".warc") || has_suffix(path, ".warc.gz"))
        return extract_warc(r, path);
    int html = has_suffix(path, ".html") || has_suffix(path, ".htm");
    if (!html && !has_suffix(path, ".txt")) {
        report(r, path, 0, "unsupported file type (expected .html, .htm, .warc, .warc.gz or .txt)");
        return KH_OK;
    }
    char *bytes = NULL;
    size_t len = 0;
    int rc = read_whole(path, KH_HTML_MAX_BYTES, &bytes, &len);
    if (rc != KH_OK) {
        report(r, path, 0, kh_last_error());
        return rc == KH_ENOMEM ? rc : KH_OK;
    }
    rc = extract_doc(r, path, 0, bytes, len, NULL, html, NULL);
    free(bytes);
    return rc;
}

int kh_extract_paths(const char *const *paths, size_t npaths, kh_format format, FILE *out,
                     void (*on_error)(const kh_input_error *err, void *ctx), void *ctx)
{
    if ((!paths && npaths) || !out)
        return kh_set_error(KH_EINVAL, "kh_extract_paths: NULL argument");
    run r = {format, out, on_error, ctx, 0};
    for (size_t i = 0; i < npaths; i++) {
        if (!paths[i])
            return kh_set_error(KH_EINVAL, "kh_extract_paths: NULL path");
        int rc = extract_path(&r, paths[i]);
        if (rc < 0)
            return rc;
    }
    if (fflush(out) != 0)
        return kh_set_error(KH_EIO, "cannot write output: %s", strerror(errno));
    if (r.errors)
        return kh_set_error(KH_EINPUT, "%d input%s rejected", r.errors, r.errors == 1 ? "" : "s");
    return KH_OK;
}
