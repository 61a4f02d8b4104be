/*
 * warc.c: streaming WARC reader (see warc.h).
 *
 * Layers, bottom up:
 *
 *   source   raw bytes from memory or a FILE (64 KiB reads);
 *   inflate  when the first bytes are the gzip magic, zlib with windowBits
 *            15+32, reset at each member end (a member a record, usually);
 *   window   w->buf[pos..len): uncompressed bytes not yet consumed; base is
 *            the stream offset of buf[0]; consumed bytes are dropped by
 *            moving the tail down when they are more than half the window;
 *   records  header block up to "\r\n\r\n", Content-Length bytes of block;
 *            response blocks are split into HTTP status, headers and body.
 *
 * Memory is bounded by KH_WARC_MAX_HEADER + KH_WARC_MAX_RECORD plus the
 * decoded body (also capped at KH_WARC_MAX_RECORD).
 */
#include <ctype.h>
#include <stdarg.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <zlib.h>

#include "core/buf.h"
#include "core/error.h"
#include "io/charset.h"
#include "io/warc.h"

#define CHUNK ((size_t)1 << 16)

enum { S_URI, S_DATE, S_ID, S_CTYPE, S_CHARSET, S_HDATE, S_COUNT };

struct kh_warc {
    /* source */
    const unsigned char *mem;
    size_t mem_len, mem_pos;
    FILE *f;
    unsigned char *in; /* file read buffer (CHUNK bytes) */
    int src_eof;
    /* inflate */
    int gz, z_live;
    z_stream z;
    uint64_t z_consumed; /* compressed bytes fed to zlib, for messages */
    int z_failed;
    uint64_t err_offset; /* of the last malformed record */
    /* window */
    char *buf;
    size_t len, pos, cap;
    uint64_t base;
    int done;
    /* current record */
    char *s[S_COUNT];
    kh_buf body;
};

/* ------------------------------------------------------------------ */
/* Source and inflate                                                   */

/* Points z.next_in at more raw input; returns 0 at the end of input. */
static int refill_raw(kh_warc *w)
{
    if (w->z.avail_in > 0)
        return 1;
    if (w->mem) {
        if (w->mem_pos >= w->mem_len)
            return 0;
        size_t n = w->mem_len - w->mem_pos;
        if (n > (size_t)1 << 30)
            n = (size_t)1 << 30;
        w->z.next_in = (Bytef *)(w->mem + w->mem_pos);
        w->z.avail_in = (uInt)n;
        w->mem_pos += n;
        return 1;
    }
    if (w->src_eof)
        return 0;
    size_t n = fread(w->in, 1, CHUNK, w->f);
    if (n == 0) {
        w->src_eof = 1;
        return 0;
    }
    w->z.next_in = w->in;
    w->z.avail_in = (uInt)n;
    return 1;
}

static int reserve(kh_warc *w, size_t extra)
{
    if (w->pos > 0 && w->pos >= (w->len + 1) / 2) {
        memmove(w->buf, w->buf + w->pos, w->len - w->pos);
        w->len -= w->pos;
        w->base += w->pos;
        w->pos = 0;
    }
    if (w->len + extra + 1 <= w->cap)
        return KH_OK;
    size_t cap = w->cap ? w->cap : CHUNK * 2;
    while (cap < w->len + extra + 1)
        cap *= 2;
    char *b = realloc(w->buf, cap);
    if (!b)
        return kh_set_error(KH_ENOMEM, "out of memory reading WARC (%zu bytes)", cap);
    w->buf = b;
    w->cap = cap;
    return KH_OK;
}

/* Appends up to CHUNK uncompressed bytes to the window: > 0 bytes added,
 * 0 at the end, or a negative status. */
static int produce(kh_warc *w)
{
    if (w->src_eof && w->z.avail_in == 0 && !w->mem)
        return 0;
    int rc = reserve(w, CHUNK);
    if (rc != KH_OK)
        return rc;
    if (!w->gz) {
        if (!refill_raw(w))
            return 0;
        size_t n = w->z.avail_in < CHUNK ? w->z.avail_in : CHUNK;
        memcpy(w->buf + w->len, w->z.next_in, n);
        w->z.next_in += n;
        w->z.avail_in -= (uInt)n;
        w->len += n;
        return (int)n;
    }
    for (;;) {
        if (!refill_raw(w))
            return 0;
        if (w->z_failed)
            return 0;
        w->z.next_out = (Bytef *)(w->buf + w->len);
        w->z.avail_out = (uInt)CHUNK;
        uInt before_in = w->z.avail_in;
        int zr = inflate(&w->z, Z_NO_FLUSH);
        w->z_consumed += before_in - w->z.avail_in;
        size_t got = CHUNK - w->z.avail_out;
        w->len += got;
        if (zr == Z_STREAM_END) {
            /* Another member follows, or the input ends (padding is ok). */
            if (!refill_raw(w))
                return got ? (int)got : 0;
            if (w->z.avail_in >= 2 && (w->z.next_in[0] != 0x1f || w->z.next_in[1] != 0x8b)) {
                w->z_failed = 1; /* trailing bytes that are not gzip: stop */
                return got ? (int)got : 0;
            }
            inflateReset(&w->z);
        } else if (zr == Z_BUF_ERROR && got == 0) {
            if (!refill_raw(w))
                return 0;
            continue;
        } else if (zr != Z_OK) {
            w->z_failed = 1;
            if (got)
                return (int)got;
            w->err_offset = w->base + w->len;
            return kh_set_error(KH_EPARSE, "corrupt gzip data near compressed offset %llu: %s",
                                (unsigned long long)w->z_consumed,
                                w->z.msg ? w->z.msg : "inflate failed");
        }
        if (got)
            return (int)got;
    }
}

/* Makes at least want bytes available after pos (fewer at the end). */
static int fill(kh_warc *w, size_t want)
{
    while (w->len - w->pos < want) {
        int n = produce(w);
        if (n < 0)
            return n;
        if (n == 0)
            break;
    }
    return KH_OK;
}

static size_t avail(const kh_warc *w)
{
    return w->len - w->pos;
}

/* ------------------------------------------------------------------ */
/* Opening                                                              */

static int open_common(kh_warc *w)
{
    /* Peek at the first two bytes for the gzip magic. */
    unsigned char magic[2] = {0, 0};
    size_t have = 0;
    if (w->mem) {
        have = w->mem_len < 2 ? w->mem_len : 2;
        memcpy(magic, w->mem, have);
    } else {
        have = fread(magic, 1, 2, w->f);
        if (have < 2 && ferror(w->f))
            return kh_set_error(KH_EIO, "cannot read WARC: %s", strerror(errno));
        if (have > 0) {
            memcpy(w->in, magic, have);
            w->z.next_in = w->in;
            w->z.avail_in = (uInt)have;
        }
        if (have < 2)
            w->src_eof = 1;
    }
    w->gz = have == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    if (w->gz) {
        if (inflateInit2(&w->z, 15 + 32) != Z_OK)
            return kh_set_error(KH_ENOMEM, "cannot initialise zlib");
        w->z_live = 1;
        /* inflateInit2 keeps next_in/avail_in as set before it. */
    }
    return KH_OK;
}

int kh_warc_open_mem(kh_warc **out, const char *bytes, size_t len)
{
    if (!out || (!bytes && len))
        return kh_set_error(KH_EINVAL, "kh_warc_open_mem: NULL argument");
    kh_warc *w = calloc(1, sizeof *w);
    if (!w)
        return kh_set_error(KH_ENOMEM, "out of memory opening WARC");
    static const unsigned char empty[1] = {0};
    w->mem = bytes ? (const unsigned char *)bytes : empty;
    w->mem_len = len;
    int rc = open_common(w);
    if (rc != KH_OK) {
        kh_warc_free(w);
        return rc;
    }
    *out = w;
    return KH_OK;
}

int kh_warc_open_file(kh_warc **out, const char *path)
{
    if (!out || !path)
        return kh_set_error(KH_EINVAL, "kh_warc_open_file: NULL argument");
    kh_warc *w = calloc(1, sizeof *w);
    if (!w)
        return kh_set_error(KH_ENOMEM, "out of memory opening WARC");
    w->in = malloc(CHUNK);
    w->f = fopen(path, "rb");
    if (!w->in || !w->f) {
        int rc = w->in ? kh_set_error(KH_EIO, "cannot open %s: %s", path, strerror(errno))
                       : kh_set_error(KH_ENOMEM, "out of memory opening WARC");
        kh_warc_free(w);
        return rc;
    }
    int rc = open_common(w);
    if (rc != KH_OK) {
        kh_warc_free(w);
        return rc;
    }
    *out = w;
    return KH_OK;
}

static void free_strings(kh_warc *w)
{
    for (int i = 0; i < S_COUNT; i++) {
        free(w->s[i]);
        w->s[i] = NULL;
    }
}

void kh_warc_free(kh_warc *w)
{
    if (!w)
        return;
    if (w->z_live)
        inflateEnd(&w->z);
    if (w->f)
        fclose(w->f);
    free(w->in);
    free(w->buf);
    free_strings(w);
    kh_buf_free(&w->body);
    free(w);
}

/* ------------------------------------------------------------------ */
/* Records                                                              */

/* Records a malformed record at stream offset off; returns KH_EPARSE. */
__attribute__((format(printf, 3, 4))) static int warc_error(kh_warc *w, uint64_t off,
                                                             const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    w->err_offset = off;
    return kh_set_error(KH_EPARSE, "offset %llu: %s", (unsigned long long)off, msg);
}

uint64_t kh_warc_error_offset(const kh_warc *w)
{
    return w ? w->err_offset : 0;
}

static const char *memstr(const char *hay, size_t n, const char *needle)
{
    size_t m = strlen(needle);
    if (n < m)
        return NULL;
    return memmem(hay, n, needle, m);
}

/* Moves pos to the next "WARC/" at a line start after the current byte. */
static int resync(kh_warc *w)
{
    if (avail(w) > 0)
        w->pos++;
    for (;;) {
        const char *p = memstr(w->buf + w->pos, avail(w), "\nWARC/");
        if (p) {
            w->pos = (size_t)(p - w->buf) + 1;
            return KH_OK;
        }
        /* Keep the last 5 bytes: the pattern may straddle the refill. */
        if (avail(w) > 5)
            w->pos = w->len - 5;
        size_t before = avail(w);
        int rc = fill(w, before + CHUNK);
        if (rc != KH_OK)
            return rc;
        if (avail(w) == before) {
            w->pos = w->len;
            w->done = 1;
            return KH_OK;
        }
    }
}

/* Consumes n bytes, reading (and discarding) as needed. */
static int skip_bytes(kh_warc *w, uint64_t n)
{
    while (n > 0) {
        if (avail(w) == 0) {
            int rc = fill(w, CHUNK);
            if (rc != KH_OK)
                return rc;
            if (avail(w) == 0)
                return 1; /* truncated */
        }
        size_t take = avail(w) < n ? avail(w) : (size_t)n;
        w->pos += take;
        n -= take;
    }
    return KH_OK;
}

/* The value of header name in a header block, or NULL; *vn its length. */
static const char *header_value(const char *h, size_t n, const char *name, size_t *vn)
{
    size_t nl = strlen(name);
    const char *p = h, *end = h + n;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *le = eol ? eol : end;
        if ((size_t)(le - p) > nl && strncasecmp(p, name, nl) == 0 && p[nl] == ':') {
            const char *v = p + nl + 1;
            while (v < le && (*v == ' ' || *v == '\t'))
                v++;
            const char *ve = le;
            while (ve > v && (ve[-1] == '\r' || ve[-1] == ' ' || ve[-1] == '\t'))
                ve--;
            *vn = (size_t)(ve - v);
            return v;
        }
        p = le + 1;
    }
    return NULL;
}

static char *dup_header(const char *h, size_t n, const char *name)
{
    size_t vn = 0;
    const char *v = header_value(h, n, name, &vn);
    if (!v) {
        vn = 0;
        v = "";
    }
    char *d = malloc(vn + 1);
    if (d) {
        memcpy(d, v, vn);
        d[vn] = '\0';
    }
    return d;
}

/* Undoes chunked transfer coding into out; -1 when malformed. */
static int dechunk(const char *s, size_t n, kh_buf *out)
{
    size_t i = 0;
    while (i < n) {
        char *end = NULL;
        char tmp[20];
        size_t k = 0;
        while (i + k < n && k < sizeof tmp - 1 && isxdigit((unsigned char)s[i + k])) {
            tmp[k] = s[i + k];
            k++;
        }
        tmp[k] = '\0';
        if (k == 0)
            return -1;
        unsigned long long size = strtoull(tmp, &end, 16);
        const char *eol = memchr(s + i, '\n', n - i);
        if (!eol)
            return -1;
        i = (size_t)(eol - s) + 1;
        if (size == 0)
            return 0;
        if (size > n - i || out->len + size > KH_WARC_MAX_RECORD)
            return -1;
        if (kh_buf_append(out, s + i, (size_t)size) != KH_OK)
            return -2;
        i += (size_t)size;
        if (i < n && s[i] == '\r')
            i++;
        if (i < n && s[i] == '\n')
            i++;
    }
    return 0;
}

/* Undoes gzip/deflate content coding into out; -1 when malformed. */
static int decode_body(const char *s, size_t n, int raw_deflate, kh_buf *out)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, raw_deflate ? -15 : 15 + 32) != Z_OK)
        return -2;
    z.next_in = (Bytef *)s;
    z.avail_in = (uInt)(n < UINT32_MAX ? n : UINT32_MAX);
    int rc = 0;
    for (;;) {
        if (kh_buf_reserve(out, CHUNK) != KH_OK) {
            rc = -2;
            break;
        }
        z.next_out = (Bytef *)(out->data + out->len);
        z.avail_out = (uInt)CHUNK;
        int zr = inflate(&z, Z_NO_FLUSH);
        out->len += CHUNK - z.avail_out;
        out->data[out->len] = '\0';
        if (zr == Z_STREAM_END)
            break;
        if (zr != Z_OK || out->len > KH_WARC_MAX_RECORD) {
            rc = -1;
            break;
        }
        if (z.avail_in == 0 && z.avail_out != 0) {
            rc = -1; /* truncated */
            break;
        }
    }
    inflateEnd(&z);
    return rc;
}

/* Splits an HTTP response block into the record's fields. */
static int parse_http(kh_warc *w, const char *blk, size_t n, kh_warc_record *rec, uint64_t off)
{
    const char *hend = memstr(blk, n, "\r\n\r\n");
    size_t skip = 4;
    const char *alt = memstr(blk, hend ? (size_t)(hend - blk) : n, "\n\n");
    if (alt && (!hend || alt < hend)) {
        hend = alt;
        skip = 2;
    }
    if (n < 12 || strncmp(blk, "HTTP/", 5) != 0)
        return warc_error(w, off, "response record without an HTTP status line");
    if (!hend)
        return warc_error(w, off, "HTTP headers not terminated");
    const char *sp = memchr(blk, ' ', (size_t)(hend - blk));
    rec->http_status = sp ? atoi(sp + 1) : 0;
    if (rec->http_status < 100 || rec->http_status > 999)
        rec->http_status = 0;
    size_t hn = (size_t)(hend - blk);
    w->s[S_CTYPE] = dup_header(blk, hn, "Content-Type");
    w->s[S_HDATE] = dup_header(blk, hn, "Date");
    w->s[S_CHARSET] = calloc(1, 64);
    if (!w->s[S_CTYPE] || !w->s[S_HDATE] || !w->s[S_CHARSET])
        return kh_set_error(KH_ENOMEM, "out of memory reading WARC");
    kh_charset_from_content_type(w->s[S_CTYPE], strlen(w->s[S_CTYPE]), w->s[S_CHARSET], 64);
    const char *body = hend + skip;
    size_t blen = n - (size_t)(body - blk);

    w->body.len = 0;
    size_t vn = 0;
    const char *te = header_value(blk, hn, "Transfer-Encoding", &vn);
    kh_buf tmp = {0};
    if (te && vn >= 7 && strncasecmp(te, "chunked", 7) == 0) {
        int r = dechunk(body, blen, &tmp);
        if (r == -2) {
            kh_buf_free(&tmp);
            return kh_set_error(KH_ENOMEM, "out of memory reading WARC");
        }
        if (r == 0) { /* else: already de-chunked by the crawler, keep as is */
            body = tmp.data ? tmp.data : "";
            blen = tmp.len;
        }
    }
    const char *ce = header_value(blk, hn, "Content-Encoding", &vn);
    int gz = ce && ((vn >= 4 && strncasecmp(ce, "gzip", 4) == 0) ||
                    (vn >= 6 && strncasecmp(ce, "x-gzip", 6) == 0));
    int defl = ce && vn >= 7 && strncasecmp(ce, "deflate", 7) == 0;
    /* Some crawlers store the decoded body but keep the header. */
    int looks_gz = blen >= 2 && (unsigned char)body[0] == 0x1f && (unsigned char)body[1] == 0x8b;
    if ((gz && looks_gz) || defl) {
        int r = decode_body(body, blen, 0, &w->body);
        if (r == -1 && defl) {
            w->body.len = 0;
            r = decode_body(body, blen, 1, &w->body);
        }
        kh_buf_free(&tmp);
        if (r == -2)
            return kh_set_error(KH_ENOMEM, "out of memory reading WARC");
        if (r == -1)
            return warc_error(w, off, "cannot decode %s body", gz ? "gzip" : "deflate");
    } else {
        int r = kh_buf_append(&w->body, body, blen);
        kh_buf_free(&tmp);
        if (r != KH_OK)
            return r;
    }
    if (!w->body.data && kh_buf_append(&w->body, "", 0) != KH_OK)
        return KH_ENOMEM;
    rec->body = w->body.data;
    rec->body_len = w->body.len;
    rec->content_type = w->s[S_CTYPE];
    rec->charset = w->s[S_CHARSET];
    rec->http_date = w->s[S_HDATE];
    return KH_OK;
}

int kh_warc_next(kh_warc *w, kh_warc_record *rec)
{
    if (!w || !rec)
        return kh_set_error(KH_EINVAL, "kh_warc_next: NULL argument");
    memset(rec, 0, sizeof *rec);
    free_strings(w);
    for (;;) {
        if (w->done)
            return 0;
        int rc = fill(w, 16);
        if (rc != KH_OK) {
            w->done = 1;
            return rc;
        }
        /* Records are followed by CRLF CRLF; tolerate any white space. */
        while (avail(w) > 0 && isspace((unsigned char)w->buf[w->pos])) {
            w->pos++;
            if (avail(w) == 0 && (rc = fill(w, 16)) != KH_OK) {
                w->done = 1;
                return rc;
            }
        }
        if (avail(w) == 0) {
            w->done = 1;
            return 0;
        }
        uint64_t off = w->base + w->pos;
        if ((rc = fill(w, 16)) != KH_OK) {
            w->done = 1;
            return rc;
        }
        if (avail(w) < 6 || strncmp(w->buf + w->pos, "WARC/", 5) != 0) {
            int r = resync(w);
            if (r != KH_OK && r != KH_EPARSE) {
                w->done = 1;
                return r;
            }
            return warc_error(w, off, "not a WARC record (no \"WARC/\" line)");
        }
        /* The header block. */
        const char *hend = NULL;
        size_t scanned = 0;
        for (;;) {
            hend = memstr(w->buf + w->pos + scanned, avail(w) - scanned, "\r\n\r\n");
            if (hend || avail(w) > KH_WARC_MAX_HEADER)
                break;
            scanned = avail(w) > 3 ? avail(w) - 3 : 0;
            size_t before = avail(w);
            if ((rc = fill(w, before + 4096)) != KH_OK) {
                w->done = 1;
                return rc;
            }
            if (avail(w) == before)
                break;
        }
        if (!hend || (size_t)(hend - (w->buf + w->pos)) > KH_WARC_MAX_HEADER) {
            int at_end = avail(w) <= KH_WARC_MAX_HEADER;
            if (at_end)
                w->done = 1;
            else
                resync(w);
            return warc_error(w, off, "%s",
                                at_end ? "truncated WARC header" : "WARC header too long");
        }
        size_t hn = (size_t)(hend - (w->buf + w->pos)) + 2;
        const char *h = w->buf + w->pos;
        size_t vn = 0;
        const char *cl = header_value(h, hn, "Content-Length", &vn);
        char num[32];
        unsigned long long length = 0;
        int ok = cl && vn > 0 && vn < sizeof num;
        if (ok) {
            memcpy(num, cl, vn);
            num[vn] = '\0';
            char *end = NULL;
            errno = 0;
            length = strtoull(num, &end, 10);
            ok = *end == '\0' && errno == 0 && isdigit((unsigned char)num[0]);
        }
        if (!ok) {
            resync(w);
            return warc_error(w, off, "missing or bad Content-Length");
        }
        const char *type = header_value(h, hn, "WARC-Type", &vn);
        int response = type && vn == 8 && strncmp(type, "response", 8) == 0;
        size_t ctn = 0;
        const char *ct = header_value(h, hn, "Content-Type", &ctn);
        int http = !ct || (ctn >= 16 && strncasecmp(ct, "application/http", 16) == 0);
        if (response && http && length <= KH_WARC_MAX_RECORD) {
            w->s[S_URI] = dup_header(h, hn, "WARC-Target-URI");
            w->s[S_DATE] = dup_header(h, hn, "WARC-Date");
            w->s[S_ID] = dup_header(h, hn, "WARC-Record-ID");
            if (!w->s[S_URI] || !w->s[S_DATE] || !w->s[S_ID]) {
                w->done = 1;
                return kh_set_error(KH_ENOMEM, "out of memory reading WARC");
            }
        }
        w->pos += hn + 2;
        if (!response || !http || length > KH_WARC_MAX_RECORD) {
            int r = skip_bytes(w, length);
            if (r < 0) {
                w->done = 1;
                return r;
            }
            if (r == 1) {
                w->done = 1;
                return warc_error(w, off, "truncated record");
            }
            if (response && http)
                return warc_error(w, off, "record of %llu bytes over the %zu-byte limit", length, KH_WARC_MAX_RECORD);
            continue;
        }
        if ((rc = fill(w, (size_t)length)) != KH_OK) {
            w->done = 1;
            return rc;
        }
        if (avail(w) < length) {
            size_t got = avail(w);
            w->pos = w->len;
            w->done = 1;
            return warc_error(w, off, "truncated record (%llu bytes declared, %zu present)", length, got);
        }
        const char *blk = w->buf + w->pos;
        w->pos += (size_t)length;
        rec->offset = off;
        rec->target_uri = w->s[S_URI];
        rec->warc_date = w->s[S_DATE];
        rec->record_id = w->s[S_ID];
        rc = parse_http(w, blk, (size_t)length, rec, off);
        if (rc != KH_OK) {
            memset(rec, 0, sizeof *rec);
            if (rc == KH_ENOMEM)
                w->done = 1;
            return rc;
        }
        return 1;
    }
}
