/*
 * khabar.h: the public API of libkhabar, a multilingual news story engine.
 *
 * Everything a program may call is declared here; everything else is
 * internal and may change. Conventions, after libgit2:
 *
 *   - names are kh_<noun>_<verb>; types are opaque (kh_db);
 *   - functions that can fail return int: KH_OK (0) or a negative kh_status;
 *     kh_last_error() then describes the failure (per thread);
 *   - every kh_*_open/new has a kh_*_free; strings handed out by the library
 *     are freed with kh_free();
 *   - all text in and out is UTF-8.
 */
#ifndef KHABAR_H
#define KHABAR_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define KH_VERSION "0.1.0"

/* Status codes: 0 is success, failures are negative. */
typedef enum kh_status {
    KH_OK = 0,
    KH_ERROR = -1,     /* unspecified failure */
    KH_EINVAL = -2,    /* bad argument */
    KH_ENOMEM = -3,    /* out of memory */
    KH_EIO = -4,       /* file system error */
    KH_EDB = -5,       /* SQLite error */
    KH_EPARSE = -6,    /* input could not be parsed */
    KH_ENOTFOUND = -7, /* no such story, article or file */
    KH_EENCODING = -8, /* input is not valid text in the expected encoding */
    KH_EINPUT = -9     /* some inputs were rejected (others were processed) */
} kh_status;

/* The message of the last failure on this thread ("" if none). */
const char *kh_last_error(void);
/* The kh_status of the last failure on this thread (KH_OK if none). */
int kh_last_error_code(void);

/* Frees a string or buffer returned by the library. */
void kh_free(void *ptr);

/* ------------------------------------------------------------------ */
/* Database                                                             */

typedef struct kh_db kh_db;

/* Opens (creating and migrating if needed) the SQLite store at path. */
int kh_db_open(kh_db **out, const char *path);
void kh_db_free(kh_db *db);

/* ------------------------------------------------------------------ */
/* Ingestion: files, directories and JSONL streams into the store.      */

/* One rejected input: where it was and why. */
typedef struct kh_input_error {
    const char *origin; /* file path, or "-" for standard input */
    uint64_t offset;    /* byte offset of the article in origin */
    long line;          /* 1-based line for JSONL, 0 otherwise */
    const char *reason; /* one line, no trailing newline */
} kh_input_error;

typedef struct kh_ingest_progress {
    uint64_t bytes_done, bytes_total; /* bytes_total 0 when unknown (stdin) */
    uint64_t articles_seen;
} kh_ingest_progress;

typedef struct kh_ingest_opts {
    /* Called for each rejected input; may be NULL. */
    void (*on_error)(const kh_input_error *err, void *ctx);
    /* Called now and then during ingestion; may be NULL. */
    void (*on_progress)(const kh_ingest_progress *p, void *ctx);
    void *ctx;
    /* Articles per transaction; 0 for the default (512). */
    size_t batch_size;
} kh_ingest_opts;

typedef struct kh_ingest_stats {
    uint64_t files;        /* files read */
    uint64_t articles;     /* articles read (good or bad) */
    uint64_t added;        /* new articles stored */
    uint64_t already;      /* articles already in the store (same content) */
    uint64_t errors;       /* articles or files rejected */
    uint64_t stories_new;  /* stories created */
    uint64_t stories_merged; /* stories merged into another */
    uint64_t duplicates;   /* new articles that are near-duplicates of one stored */
    uint64_t bytes;        /* input bytes read */
} kh_ingest_stats;

/*
 * Ingests every path (a file, a directory read recursively, or "-" for
 * JSONL on standard input). Files are read by extension: .txt text dumps,
 * .html/.htm pages, .jsonl article lines. Each new article is analysed,
 * clustered into a story and stored; articles already stored (same content
 * hash) are skipped. Returns KH_OK, KH_EINPUT when some inputs were
 * rejected (all others were stored; see opts->on_error), or another
 * negative status on a fatal error.
 */
int kh_ingest_paths(kh_db *db, const char *const *paths, size_t npaths,
                    const kh_ingest_opts *opts, kh_ingest_stats *stats);

/* ------------------------------------------------------------------ */
/* Output                                                               */

typedef enum kh_format {
    KH_FORMAT_TEXT = 0, /* human-readable */
    KH_FORMAT_JSON = 1  /* stable JSON, see docs/json.md */
} kh_format;

/* Writes the list of stories (largest first). */
int kh_stories_write(kh_db *db, kh_format format, FILE *out);

/* Writes one story with its articles; KH_ENOTFOUND if there is none. */
int kh_story_write(kh_db *db, int64_t story_id, kh_format format, FILE *out);

/* ------------------------------------------------------------------ */
/* Evaluation of the story engine                                       */

/*
 * Scores each row of a CSV with columns text1 and text2 (RFC 4180; the
 * SemEval-2022 task 8 format) with the story engine's similarity, in file
 * order: one line "SCORE<TAB>SAME" per row (score in 0..1, same 0 or 1),
 * followed, when with_channels is set, by the per-channel cosines.
 */
int kh_pairs_write(const char *csv_path, int with_channels, FILE *out);

/*
 * Evaluates the similarity on a pair CSV with gold Overall scores (1 same
 * .. 4 different): Pearson correlation with -Overall per language pair
 * (lang1-lang2), for same-language, cross-language and all pairs, and the
 * precision, recall and F1 of the same-story decision (gold: Overall <= 1.5
 * same, >= 3.5 different). Rows repeating a pair_id are skipped.
 */
int kh_eval_pairs_write(const char *csv_path, kh_format format, FILE *out);

/*
 * Compares the stories in the store with a gold clustering: a TSV of
 * "article_id<TAB>story_id" lines, where article_id is the article's input
 * id (the JSONL "id") or, failing that, its store id. Prints pairwise and
 * BCubed precision, recall and F1 over the articles found in both.
 */
int kh_eval_clusters_write(kh_db *db, const char *gold_tsv_path, kh_format format, FILE *out);

/* ------------------------------------------------------------------ */
/* Text layer                                                           */

/* A text analyser: holds the Unicode and language-id machinery. Costly to
 * create, cheap to reuse; one per thread. */
typedef struct kh_text kh_text;

int kh_text_new(kh_text **out);
void kh_text_free(kh_text *t);

/*
 * Folds UTF-8 text for matching (NFKC, case folding, Arabic-script
 * orthographic folding, digits to ASCII; see docs/text.md). *out is
 * NUL-terminated and freed with kh_free(). KH_EENCODING on invalid UTF-8.
 */
int kh_text_fold(kh_text *t, const char *text, size_t len, char **out, size_t *out_len);

/* Language guess for a text: ISO 639-1 code ("fa", "ar", "en", ...) or
 * "und", and a confidence in 0..1. */
typedef struct kh_lang_guess {
    char code[8];
    double confidence;
} kh_lang_guess;

int kh_text_lang(kh_text *t, const char *text, size_t len, kh_lang_guess *out);

/* What kh_text_json reports (bits, combined with |). */
enum {
    KH_TEXT_LANG = 1,   /* "lang", "confidence" */
    KH_TEXT_FOLD = 2,   /* "fold": the folded string */
    KH_TEXT_TOKENS = 4, /* "tokens": [{text, start, end, key, kind, base, stem, skeleton, ...}] */
    KH_TEXT_STEMS = 8   /* "stems": the stem of every word token */
};

/*
 * Analyses one text and writes the result as one JSON object (no newline)
 * to *json_out (free with kh_free): the keys of every bit of what (see
 * docs/text.md for the format). lang (an ISO 639-1 code, or NULL to
 * detect it) is the language for tokens and stems. On invalid UTF-8 or an
 * empty (blank) text *json_out is {"error":"..."} and the return value
 * KH_EENCODING or KH_EINVAL; other failures leave *json_out NULL.
 */
int kh_text_json(kh_text *t, const char *text, size_t len, unsigned what, const char *lang,
                 char **json_out);

#ifdef __cplusplus
}
#endif
#endif /* KHABAR_H */
