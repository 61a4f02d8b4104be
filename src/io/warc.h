/*
 * warc.h: response records of a WARC file (ISO 28500), plain or gzip.
 *
 * A crawl archive is a sequence of records, each a header block and
 *
 *     WARC/1.0\r\n
 *     WARC-Type: response\r\n
 *     WARC-Target-URI: https://example.com/news/1\r\n
 *     WARC-Date: 2024-03-01T10:00:00Z\r\n
 *     Content-Type: application/http; msgtype=response\r\n
 *     Content-Length: N\r\n
 *     \r\n
 *     <N bytes: HTTP status line, headers, body>\r\n
 *     \r\n
 *
 * A .warc.gz file is usually one gzip member per record; any sequence of
 * members works (inflate with windowBits 15+32, reset at each member end).
 * The reader streams: it holds one record at a time (at most
 * KH_WARC_MAX_RECORD bytes; larger records are skipped and reported), so a
 * file of any size reads in bounded memory.
 *
 * kh_warc_next() yields response records only, with the HTTP status, the
 * charset of the HTTP Content-Type, the HTTP Date, and the body with
 * chunked transfer coding and gzip/deflate content coding undone. A
 * malformed record makes kh_warc_next() return a negative status with
 * kh_last_error() naming its byte offset (in the uncompressed stream) and
 * why; the next call resumes at the next "WARC/" line. KH_ENOMEM and
 * KH_EIO end the iteration.
 */
#ifndef KH_IO_WARC_H
#define KH_IO_WARC_H

#include <stddef.h>
#include <stdint.h>

#define KH_WARC_MAX_RECORD ((size_t)64 << 20)
#define KH_WARC_MAX_HEADER ((size_t)64 << 10)

typedef struct kh_warc kh_warc;

typedef struct kh_warc_record {
    uint64_t offset;        /* of the record in the uncompressed stream */
    const char *target_uri; /* "" when absent */
    const char *warc_date;  /* WARC-Date, "" when absent */
    const char *record_id;  /* WARC-Record-ID, "" when absent */
    int http_status;        /* 200, 404, ...; 0 when the status line is bad */
    const char *content_type; /* HTTP Content-Type, "" when absent */
    const char *charset;      /* its charset parameter, "" when absent */
    const char *http_date;    /* HTTP Date header, "" when absent */
    const char *body;         /* HTTP body (NUL-terminated), owned by the reader */
    size_t body_len;
} kh_warc_record;

/* Reads from memory; bytes must outlive the reader. */
int kh_warc_open_mem(kh_warc **out, const char *bytes, size_t len);
/* Reads a file (plain or gzip, told by its first bytes). */
int kh_warc_open_file(kh_warc **out, const char *path);
void kh_warc_free(kh_warc *w);

/*
 * Advances to the next response record. Returns 1 with *rec filled (valid
 * until the next call), 0 at the end, or a negative kh_status for a
 * malformed record (see above; call again to continue).
 */
int kh_warc_next(kh_warc *w, kh_warc_record *rec);

/* Offset (in the uncompressed stream) of the last malformed record. */
uint64_t kh_warc_error_offset(const kh_warc *w);

#endif
