/*
 * reader.c: walking paths and reading raw articles (see reader.h).
 *
 * Rejections are reported through the sink as they happen and never stop
 * the walk; only a failing sink or exhausted memory does. Directory
 * entries are sorted so that the same tree is always read in the same
 * order (clustering is online, so order matters).
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "core/error.h"
#include "core/grow.h"
#include "io/charset.h"
#include "io/reader.h"
#include "io/warc.h"
#include "text/utf8.h"

#define KH_MAX_DEPTH 64

typedef enum container { C_UNKNOWN, C_TXT, C_HTML, C_JSONL, C_WARC } container;

typedef struct walk {
    const kh_reader_sink *sink;
    const char *charset; /* declared charset of text dumps, or NULL */
    uint64_t bytes_read;
    uint64_t files;
    float embedding[KH_MAX_EMBEDDING_DIM]; /* the current JSONL line's */
} walk;

static int has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

static container container_of(const char *path)
{
    if (has_suffix(path, ".txt"))
        return C_TXT;
    if (has_suffix(path, ".html") || has_suffix(path, ".htm"))
        return C_HTML;
    if (has_suffix(path, ".jsonl"))
        return C_JSONL;
    if (has_suffix(path, ".warc") || has_suffix(path, ".warc.gz"))
        return C_WARC;
    return C_UNKNOWN;
}

static void reject(walk *w, const char *origin, uint64_t offset, long line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void reject(walk *w, const char *origin, uint64_t offset, long line, const char *fmt, ...)
{
    char reason[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    kh_input_error err = {origin, offset, line, reason};
    if (w->sink->reject)
        w->sink->reject(w->sink->ctx, &err);
}

static void progress(walk *w)
{
    if (w->sink->progress)
        w->sink->progress(w->sink->ctx, w->bytes_read);
}

/* ---- whole-file formats ---------------------------------------------- */

static int read_whole(walk *w, const char *path, char **out, size_t *len)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f) {
        reject(w, path, 0, 0, "cannot open: %s", strerror(errno));
        return KH_OK;
    }
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || st.st_size < 0) {
        reject(w, path, 0, 0, "cannot stat: %s", strerror(errno));
        fclose(f);
        return KH_OK;
    }
    if ((uint64_t)st.st_size > KH_MAX_ARTICLE_BYTES) {
        reject(w, path, 0, 0, "too large: %lld bytes (limit %u MiB per article)",
               (long long)st.st_size, KH_MAX_ARTICLE_BYTES >> 20);
        fclose(f);
        w->bytes_read += (uint64_t)st.st_size;
        return KH_OK;
    }
    char *buf = malloc((size_t)st.st_size + 1);
    if (!buf) {
        fclose(f);
        return kh_set_error(KH_ENOMEM, "out of memory reading %s", path);
    }
    size_t n = fread(buf, 1, (size_t)st.st_size, f);
    int failed = ferror(f);
    fclose(f);
    if (failed) {
        free(buf);
        reject(w, path, n, 0, "read error: %s", strerror(errno));
        return KH_OK;
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    w->bytes_read += n;
    return KH_OK;
}

static int has_utf16_or_32_bom(const char *b, size_t len)
{
    const unsigned char *u = (const unsigned char *)b;
    return len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF) ||
                        (len >= 4 && u[0] == 0 && u[1] == 0 && u[2] == 0xFE && u[3] == 0xFF));
}

/*
 * Decides how a whole document's bytes become UTF-8 text:
 *   HTML        any charset (BOM, declared, <meta>, ICU detection; see
 *               io/charset.h), as a browser would;
 *   text dumps  UTF-8, or UTF-16/32 with a byte order mark, or the charset
 *               the user declared (--charset); anything else is rejected,
 *               naming the charset it looks like, rather than guessed.
 * The result must then pass the text check (no NUL, not mostly control
 * characters). *converted is NULL when the bytes were used as they are.
 */
static int to_text(walk *w, const char *path, container kind, const char *declared,
                   const char *bytes, size_t len, char **converted, size_t *clen,
                   char *charset, size_t charset_cap)
{
    *converted = NULL;
    snprintf(charset, charset_cap, "UTF-8");
    size_t offset;
    const char *reason;
    kh_text_verdict v = kh_utf8_check(bytes, len, &offset, &reason);
    int convert = v != KH_TEXT_OK && v != KH_TEXT_EMPTY &&
                  (kind == C_HTML || declared || has_utf16_or_32_bom(bytes, len));
    if (!convert) {
        if (v == KH_TEXT_BAD_UTF8 && kind == C_TXT) {
            char *tmp = NULL, guess[64] = "";
            size_t n;
            if (kh_charset_to_utf8(bytes, len, NULL, &tmp, &n, guess, sizeof guess) == KH_OK &&
                strncmp(guess, "UTF-8", 5) != 0)
                reject(w, path, offset, 0, "invalid UTF-8 (it looks like %s: ingest it with "
                       "--charset %s)", guess, guess);
            else
                reject(w, path, offset, 0, "%s", reason);
            free(tmp);
            return 0;
        }
        if (v != KH_TEXT_OK)
            reject(w, path, offset, 0, "%s", reason);
        return v == KH_TEXT_OK;
    }
    if (kh_charset_to_utf8(bytes, len, declared, converted, clen, charset, charset_cap) != KH_OK) {
        reject(w, path, 0, 0, "cannot convert to UTF-8: %s", kh_last_error());
        return 0;
    }
    if ((v = kh_utf8_check(*converted, *clen, &offset, &reason)) != KH_TEXT_OK) {
        reject(w, path, 0, 0, "%s (after conversion from %s)", reason, charset);
        free(*converted);
        *converted = NULL;
        return 0;
    }
    return 1;
}

/* One whole-file article from its bytes (NUL-terminated at len). */
static int read_document_bytes(walk *w, const char *path, container kind, const char *bytes,
                               size_t len)
{
    char *converted, charset[64];
    size_t clen = 0;
    int rc = KH_OK;
    if (to_text(w, path, kind, kind == C_TXT ? w->charset : NULL, bytes, len, &converted, &clen,
                charset, sizeof charset)) {
        const char *text = converted ? converted : bytes;
        size_t n = converted ? clen : len;
        /* skip a UTF-8 byte order mark */
        size_t bom = (n >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) ? 3 : 0;
        kh_raw_doc doc = {.origin = path,
                          .container = kind == C_TXT ? "txt" : "html",
                          .format = kind == C_TXT ? KH_RAW_TXT : KH_RAW_HTML,
                          .bytes = text + bom,
                          .len = n - bom,
                          .charset = charset};
        rc = w->sink->doc(w->sink->ctx, &doc);
    }
    free(converted);
    progress(w);
    return rc;
}

/* ---- WARC --------------------------------------------------------------- */

static int is_html_type(const char *ct)
{
    return !*ct || strncasecmp(ct, "text/html", 9) == 0 ||
           strncasecmp(ct, "application/xhtml", 17) == 0;
}

static int read_warc_record(walk *w, const char *path, const kh_warc_record *rec)
{
    char *converted = NULL, charset[64];
    size_t clen = 0;
    if (!to_text(w, path, C_HTML, *rec->charset ? rec->charset : NULL, rec->body, rec->body_len,
                 &converted, &clen, charset, sizeof charset))
        return KH_OK;
    const char *text = converted ? converted : rec->body;
    size_t n = converted ? clen : rec->body_len;
    size_t bom = (n >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) ? 3 : 0;
    kh_raw_doc doc = {.origin = path,
                      .offset = rec->offset,
                      .container = "warc",
                      .format = KH_RAW_HTML,
                      .bytes = text + bom,
                      .len = n - bom,
                      .url = *rec->target_uri ? rec->target_uri : NULL,
                      .charset = charset,
                      .warc = rec};
    int rc = w->sink->doc(w->sink->ctx, &doc);
    free(converted);
    return rc;
}

/* Every HTTP response record with an HTML body is an article; malformed
 * records are rejected with their offset and reading goes on. */
static int read_warc_stream(walk *w, const char *path, kh_warc *warc)
{
    int next, fatal = KH_OK;
    kh_warc_record rec;
    while (fatal == KH_OK && (next = kh_warc_next(warc, &rec)) != 0) {
        if (next < 0) {
            const char *why = kh_last_error();
            const char *colon = strncmp(why, "offset ", 7) == 0 ? strstr(why, ": ") : NULL;
            reject(w, path, kh_warc_error_offset(warc), 0, "%s", colon ? colon + 2 : why);
            if (next == KH_ENOMEM)
                fatal = next;
            if (next == KH_ENOMEM || next == KH_EIO)
                break;
            continue; /* a malformed record: the reader resumes after it */
        }
        if (rec.http_status >= 200 && rec.http_status < 300 && is_html_type(rec.content_type))
            fatal = read_warc_record(w, path, &rec);
    }
    progress(w);
    return fatal;
}

static int read_warc(walk *w, const char *path)
{
    kh_warc *warc = NULL;
    int rc = kh_warc_open_file(&warc, path);
    if (rc != KH_OK) {
        reject(w, path, 0, 0, "%s", kh_last_error());
        return rc == KH_ENOMEM ? rc : KH_OK;
    }
    struct stat st;
    w->bytes_read += stat(path, &st) == 0 ? (uint64_t)st.st_size : 0;
    rc = read_warc_stream(w, path, warc);
    kh_warc_free(warc);
    return rc;
}

static int read_document(walk *w, const char *path, container kind)
{
    char *bytes;
    size_t len;
    int rc = read_whole(w, path, &bytes, &len);
    if (rc != KH_OK || !bytes)
        return rc;
    rc = read_document_bytes(w, path, kind, bytes, len);
    free(bytes);
    return rc;
}

/* ---- JSONL ------------------------------------------------------------- */

/* A string field, or NULL; numbers are accepted for "id". Sets *bad to the
 * field's name when present but of the wrong type. */
static const char *field(json_t *obj, const char *name, char *numbuf, size_t numcap,
                         const char **bad)
{
    json_t *v = json_object_get(obj, name);
    if (!v || json_is_null(v))
        return NULL;
    if (json_is_string(v))
        return json_string_value(v);
    if (json_is_integer(v) && strcmp(name, "id") == 0) {
        snprintf(numbuf, numcap, "%lld", (long long)json_integer_value(v));
        return numbuf;
    }
    *bad = name;
    return NULL;
}

/* The "embedding" array into buf (KH_MAX_EMBEDDING_DIM floats); 0 dims when
 * absent; -1 when present but not a non-empty array of numbers. */
static int embedding(json_t *obj, float *buf, uint32_t *dim)
{
    *dim = 0;
    json_t *v = json_object_get(obj, "embedding");
    if (!v || json_is_null(v))
        return 0;
    size_t n = json_is_array(v) ? json_array_size(v) : 0;
    if (n == 0 || n > KH_MAX_EMBEDDING_DIM)
        return -1;
    for (size_t i = 0; i < n; i++) {
        json_t *x = json_array_get(v, i);
        if (!json_is_number(x))
            return -1;
        buf[i] = (float)json_number_value(x);
    }
    *dim = (uint32_t)n;
    return 0;
}

static int read_json_line(walk *w, const char *origin, uint64_t offset, long lineno,
                          const char *line, size_t len)
{
    size_t at;
    const char *reason;
    kh_text_verdict verdict = kh_utf8_check(line, len, &at, &reason);
    if (verdict == KH_TEXT_EMPTY)
        return KH_OK; /* blank lines separate nothing and are ignored */
    if (verdict != KH_TEXT_OK) {
        reject(w, origin, offset + at, lineno, "%s", reason);
        return KH_OK;
    }
    json_error_t jerr;
    json_t *obj = json_loadb(line, len, 0, &jerr);
    if (!obj) {
        reject(w, origin, offset + (uint64_t)(jerr.position > 0 ? jerr.position : 0), lineno,
               "invalid JSON: %s", jerr.text);
        return KH_OK;
    }
    int rc = KH_OK;
    if (!json_is_object(obj)) {
        reject(w, origin, offset, lineno, "not a JSON object");
        json_decref(obj);
        return KH_OK;
    }
    char idbuf[32];
    const char *bad = NULL;
    kh_raw_doc doc = {.origin = origin, .offset = offset, .line = lineno, .container = "jsonl"};
    doc.ext_id = field(obj, "id", idbuf, sizeof idbuf, &bad);
    doc.url = field(obj, "url", NULL, 0, &bad);
    doc.source = field(obj, "source", NULL, 0, &bad);
    doc.lang = field(obj, "lang", NULL, 0, &bad);
    doc.published = field(obj, "published", NULL, 0, &bad);
    doc.title = field(obj, "title", NULL, 0, &bad);
    const char *text = field(obj, "text", NULL, 0, &bad);
    const char *html = field(obj, "html", NULL, 0, &bad);
    json_t *body = json_object_get(obj, text ? "text" : "html");
    if (!bad && embedding(obj, w->embedding, &doc.embedding_dim) != 0) {
        reject(w, origin, offset, lineno,
               "field \"embedding\" must be an array of 1 to %d numbers", KH_MAX_EMBEDDING_DIM);
        json_decref(obj);
        return KH_OK;
    }
    doc.embedding = doc.embedding_dim ? w->embedding : NULL;
    if (bad)
        reject(w, origin, offset, lineno, "field \"%s\" must be a string", bad);
    else if (!text && !html)
        reject(w, origin, offset, lineno, "no \"text\" or \"html\" field");
    else {
        doc.format = text ? KH_RAW_TXT : KH_RAW_HTML;
        doc.bytes = text ? text : html;
        doc.len = json_string_length(body);
        size_t ignored;
        if (kh_utf8_check(doc.bytes, doc.len, &ignored, &reason) != KH_TEXT_OK)
            reject(w, origin, offset, lineno, "\"%s\" field: %s", text ? "text" : "html", reason);
        else
            rc = w->sink->doc(w->sink->ctx, &doc);
    }
    json_decref(obj);
    return rc;
}

static int read_jsonl_stream(walk *w, const char *path, FILE *f)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    uint64_t offset = 0;
    long lineno = 0;
    int rc = KH_OK;
    while (rc == KH_OK && (n = getline(&line, &cap, f)) >= 0) {
        lineno++;
        size_t len = (size_t)n;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
        if (len > KH_MAX_ARTICLE_BYTES)
            reject(w, path, offset, lineno, "line too long: %zu bytes (limit %u MiB)", len,
                   KH_MAX_ARTICLE_BYTES >> 20);
        else
            rc = read_json_line(w, path, offset, lineno, line, len);
        offset += (uint64_t)n;
        w->bytes_read += (uint64_t)n;
        if ((lineno & 255) == 0)
            progress(w);
    }
    if (rc == KH_OK && ferror(f))
        reject(w, path, offset, lineno, "read error: %s", strerror(errno));
    free(line);
    progress(w);
    return rc;
}

static int read_jsonl(walk *w, const char *path)
{
    int is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        reject(w, path, 0, 0, "cannot open: %s", strerror(errno));
        return KH_OK;
    }
    int rc = read_jsonl_stream(w, path, f);
    if (!is_stdin)
        fclose(f);
    return rc;
}

/* ---- walking ------------------------------------------------------------ */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int read_path(walk *w, const char *path, int explicit, int depth);

static int read_dir(walk *w, const char *path, int depth)
{
    if (depth > KH_MAX_DEPTH) {
        reject(w, path, 0, 0, "directories nested deeper than %d levels", KH_MAX_DEPTH);
        return KH_OK;
    }
    DIR *d = opendir(path);
    if (!d) {
        reject(w, path, 0, 0, "cannot open directory: %s", strerror(errno));
        return KH_OK;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = KH_OK;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue; /* ., .. and hidden files */
        char **p = kh_grow(names, &cap, n, sizeof *p, 64);
        if (!p) {
            rc = kh_set_error(KH_ENOMEM, "out of memory listing %s", path);
            break;
        }
        names = p;
        size_t len = strlen(path) + strlen(e->d_name) + 2;
        if (!(names[n] = malloc(len))) {
            rc = kh_set_error(KH_ENOMEM, "out of memory listing %s", path);
            break;
        }
        snprintf(names[n++], len, "%s%s%s", path, has_suffix(path, "/") ? "" : "/", e->d_name);
    }
    closedir(d);
    if (rc == KH_OK && n > 1) /* an empty directory has no array: qsort wants one */
        qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++) {
        if (rc == KH_OK)
            rc = read_path(w, names[i], 0, depth + 1);
        free(names[i]);
    }
    free(names);
    return rc;
}

static int read_path(walk *w, const char *path, int explicit, int depth)
{
    if (strcmp(path, "-") == 0) {
        w->files++;
        return read_jsonl(w, path);
    }
    struct stat st;
    if (stat(path, &st) != 0) {
        reject(w, path, 0, 0, "cannot read: %s", strerror(errno));
        return KH_OK;
    }
    if (S_ISDIR(st.st_mode))
        return read_dir(w, path, depth);
    container kind = container_of(path);
    if (kind == C_UNKNOWN) {
        if (explicit)
            reject(w, path, 0, 0,
                   "unsupported file type (expected .txt, .html, .htm, .jsonl, .warc or .warc.gz)");
        return KH_OK;
    }
    w->files++;
    if (kind == C_WARC)
        return read_warc(w, path);
    return kind == C_JSONL ? read_jsonl(w, path) : read_document(w, path, kind);
}

int kh_reader_run(const char *const *paths, size_t npaths, const kh_reader_sink *sink,
                  const char *charset, uint64_t *files)
{
    walk w = {.sink = sink, .charset = charset};
    int rc = KH_OK;
    for (size_t i = 0; i < npaths && rc == KH_OK; i++)
        rc = read_path(&w, paths[i], 1, 0);
    if (files)
        *files = w.files;
    return rc;
}

static uint64_t size_of(const char *path, int depth)
{
    struct stat st;
    if (strcmp(path, "-") == 0 || stat(path, &st) != 0)
        return 0;
    if (!S_ISDIR(st.st_mode))
        return container_of(path) == C_UNKNOWN ? 0 : (uint64_t)st.st_size;
    if (depth > KH_MAX_DEPTH)
        return 0;
    DIR *d = opendir(path);
    if (!d)
        return 0;
    uint64_t total = 0;
    struct dirent *e;
    char child[4096];
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        snprintf(child, sizeof child, "%s/%s", path, e->d_name);
        total += size_of(child, depth + 1);
    }
    closedir(d);
    return total;
}

int kh_reader_run_memory(const char *origin, const char *bytes, size_t len,
                         const kh_reader_sink *sink)
{
    walk w = {.sink = sink};
    container kind = container_of(origin);
    if (kind == C_UNKNOWN) {
        reject(&w, origin, 0, 0,
               "unsupported file type (expected .txt, .html, .htm, .jsonl, .warc or .warc.gz)");
        return KH_OK;
    }
    if (kind == C_WARC) {
        kh_warc *warc = NULL;
        int rc = kh_warc_open_mem(&warc, bytes, len);
        if (rc == KH_OK)
            rc = read_warc_stream(&w, origin, warc);
        else
            reject(&w, origin, 0, 0, "%s", kh_last_error());
        kh_warc_free(warc);
        return rc == KH_ENOMEM ? rc : KH_OK;
    }
    if (kind != C_JSONL) {
        char *copy = malloc(len + 1); /* the document readers want a NUL at len */
        if (!copy)
            return kh_set_error(KH_ENOMEM, "out of memory");
        if (len)
            memcpy(copy, bytes, len);
        copy[len] = '\0';
        int rc = read_document_bytes(&w, origin, kind, copy, len);
        free(copy);
        return rc;
    }
    if (len == 0)
        return KH_OK;
    FILE *f = fmemopen((void *)bytes, len, "rb");
    if (!f)
        return kh_set_error(KH_ENOMEM, "cannot read a memory buffer");
    int rc = read_jsonl_stream(&w, origin, f);
    fclose(f);
    return rc;
}

uint64_t kh_reader_total_bytes(const char *const *paths, size_t npaths)
{
    uint64_t total = 0;
    for (size_t i = 0; i < npaths; i++)
        total += size_of(paths[i], 0);
    return total;
}
