/*
 * reader.h: from paths to raw articles.
 *
 * The reader walks files and directories (recursively, in name order, so
 * runs are repeatable), picks a format by extension and hands each raw
 * article to a sink; each input it cannot read becomes a rejection with
 * origin, byte offset, line and a one-line reason, and reading goes on.
 *
 *   .txt         one article: a text dump as a scraper saved it
 *   .html .htm   one article: an HTML page
 *   .jsonl       one article per line: {"id","url","source","lang",
 *                "published","title","text"} or "html" instead of "text"
 *   .warc .warc.gz  one article per HTTP response record with an HTML body
 *   -            JSONL on standard input
 *
 * Bytes are checked before anything reads them (text/utf8.h): empty,
 * binary and invalid UTF-8 inputs are rejected with the offset of the
 * problem. HTML (files and WARC records) in other charsets is converted
 * (io/charset.h); text dumps are converted only from a byte order mark or
 * a charset the user declared. Files are read whole, up to KH_MAX_ARTICLE_BYTES; JSONL is
 * streamed line by line.
 */
#ifndef KH_IO_READER_H
#define KH_IO_READER_H

#include <stddef.h>
#include <stdint.h>

#include "khabar.h"

#define KH_MAX_ARTICLE_BYTES (64u << 20)

typedef enum kh_raw_format { KH_RAW_TXT, KH_RAW_HTML } kh_raw_format;

typedef struct kh_raw_doc {
    const char *origin;  /* path, or "-" */
    uint64_t offset;     /* byte offset of the article in origin */
    long line;           /* 1-based JSONL line, 0 for whole files */
    const char *container; /* "txt", "html", "jsonl" or "warc": what the file was */
    const char *charset;   /* the charset the bytes were converted from ("UTF-8" if none) */
    kh_raw_format format;  /* what bytes holds */
    const char *bytes;   /* the article's content, valid UTF-8 */
    size_t len;
    /* fields given by a JSONL line; NULL when absent */
    const char *ext_id, *url, *source, *lang, *published, *title;
    /* the WARC record it came from (io/warc.h), or NULL */
    const struct kh_warc_record *warc;
    /* a user-supplied embedding ("embedding": [floats]), or NULL */
    const float *embedding;
    uint32_t embedding_dim;
} kh_raw_doc;

#define KH_MAX_EMBEDDING_DIM 4096

typedef struct kh_reader_sink {
    /* A raw article; a non-KH_OK return stops reading (fatal). */
    int (*doc)(void *ctx, const kh_raw_doc *doc);
    /* An input that was rejected; reading goes on. */
    void (*reject)(void *ctx, const kh_input_error *err);
    /* Bytes read so far (now and then). May be NULL. */
    void (*progress)(void *ctx, uint64_t bytes_read);
    void *ctx;
} kh_reader_sink;

/* Reads one in-memory input as if it were a file named origin (its
 * extension picks the format); for tests and fuzzing. */
int kh_reader_run_memory(const char *origin, const char *bytes, size_t len,
                         const kh_reader_sink *sink);

/* Sum of the sizes of the files the paths name (for progress); "-" counts 0. */
uint64_t kh_reader_total_bytes(const char *const *paths, size_t npaths);

/* Reads every path into the sink. charset (NULL for none) is the declared
 * charset of text dumps that are not UTF-8. Returns KH_OK, or the fatal
 * status a sink returned, or KH_ENOMEM. Files read are counted in *files. */
int kh_reader_run(const char *const *paths, size_t npaths, const kh_reader_sink *sink,
                  const char *charset, uint64_t *files);

#endif
