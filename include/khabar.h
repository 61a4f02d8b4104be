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
    /* Articles per transaction; 0 for the default (8192). */
    size_t batch_size;
    /* Charset of text dumps that are not UTF-8 (e.g. "windows-1256"); NULL
     * to accept only UTF-8 (or UTF-16/32 with a byte order mark). HTML
     * pages are always decoded by their own declarations and detection. */
    const char *charset;
    /* Skip fact extraction (entities, figures, attributions) at ingest;
     * reports then extract facts when they are written. */
    int no_facts;
    /* 1: everything on the calling thread; 2: reading and preparing
     * articles (extraction, language, dates, tokens) on a second thread,
     * one article ahead of clustering and storing; 0 for the default (2
     * when the machine has more than one core). The result is the same.
     * Callbacks are always called on the calling thread. */
    int threads;
} kh_ingest_opts;

typedef struct kh_ingest_stats {
    uint64_t files;        /* files read */
    uint64_t articles;     /* articles read (good or bad) */
    uint64_t added;        /* new articles stored */
    uint64_t already;      /* articles already in the store (same content) */
    uint64_t errors;       /* articles or files rejected */
    uint64_t stories_new;  /* stories created */
    uint64_t stories_merged; /* stories merged into another */
    uint64_t events_merged;  /* events joined with another */
    uint64_t duplicates;   /* new articles that are near-duplicates of one stored */
    uint64_t bytes;        /* input bytes read */
} kh_ingest_stats;

/*
 * Ingests every path (a file, a directory read recursively, or "-" for
 * JSONL on standard input). Files are read by extension: .txt text dumps,
 * .html/.htm pages, .jsonl article lines, .warc/.warc.gz crawl archives. Each new article is analysed,
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
    KH_FORMAT_JSON = 1, /* stable JSON, see docs/json.md */
    KH_FORMAT_HTML = 2  /* one self-contained page (reports) */
} kh_format;

/* Writes the list of stories (largest first). */
int kh_stories_write(kh_db *db, kh_format format, FILE *out);

/* Writes one story with its articles; KH_ENOTFOUND if there is none. */
int kh_story_write(kh_db *db, int64_t story_id, kh_format format, FILE *out);

/*
 * Writes the report of a story, or with is_event set, of an event (all its
 * stories): title, time span, outlets and languages, an extractive summary
 * (in lang, "fa", "ar", ...; NULL for the story's main language), the
 * timeline of articles, entities, figures per source with how they relate
 * (agreement, compatible, evolution, conflict), claims and their denials,
 * near-duplicates. JSON in docs/json.md; KH_FORMAT_HTML is one page.
 * KH_ENOTFOUND when there is no such story or event.
 */
int kh_report_write(kh_db *db, int64_t id, int is_event, const char *lang, kh_format format,
                    FILE *out);

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

/* ------------------------------------------------------------------ */
/* Extraction                                                           */

/*
 * Extracts the articles of each file without storing them and writes them
 * to out, in the order read:
 *
 *   .html .htm      one article (charset detected and converted to UTF-8);
 *   .warc .warc.gz  one article per HTTP response record with an HTML
 *                   Content-Type (charset from the HTTP header);
 *   .txt            one article (a text dump).
 *
 * KH_FORMAT_JSON writes JSONL, one object per article with its fields,
 * their byte spans and the dropped boilerplate spans (docs/extract.md);
 * KH_FORMAT_TEXT a readable listing. Inputs that cannot be read or
 * extracted (unsupported file, binary page, malformed WARC record) are
 * passed to on_error (may be NULL) and skipped. Returns KH_OK, KH_EINPUT
 * when some inputs were rejected (the others were written), or another
 * negative status on a fatal error (out of memory, output not writable).
 */
int kh_extract_paths(const char *const *paths, size_t npaths, kh_format format, FILE *out,
                     void (*on_error)(const kh_input_error *err, void *ctx), void *ctx);

/* ------------------------------------------------------------------ */
/* Time: date expressions and publication dates (see docs/time.md)      */

/* A date scanner: the calendars (ICU) and the date lexicons of Persian,
 * Arabic and English. Costly to create, cheap to reuse; one per thread. */
typedef struct kh_dates kh_dates;

/* KH_ENOMEM, or KH_ERROR when ICU cannot open a calendar. */
int kh_dates_new(kh_dates **out);
void kh_dates_free(kh_dates *d); /* NULL is a no-op */

/*
 * Finds the date expressions of UTF-8 text (Solar Hijri, Gregorian and
 * Hijri dates, weekdays, times with zones, relative expressions) and
 * writes them as a JSON array to *json_out (free with kh_free):
 *
 *   [{"text":"۱۳ فروردين ۱۴۰۳ - ۱۶:۵۳","start":0,"end":40,
 *     "value":"2024-04-01T16:53+03:30","utc":"2024-04-01T13:23Z",
 *     "granularity":"minute","calendar":"persian","relative":false,
 *     "confidence":0.95, ...}]
 *
 * start/end are byte offsets in text. anchor_iso (YYYY-MM-DD, optionally
 * with a time and offset; NULL for none) is "today" for relative and
 * year-less expressions; without it they have "value":null (or a
 * year-less "--MM-DD"). A date that does not exist (30 February) is listed
 * with "error" giving the reason. KH_EENCODING on invalid UTF-8, KH_EINVAL
 * on a bad anchor.
 */
int kh_dates_scan(kh_dates *d, const char *text, size_t len, const char *anchor_iso,
                  char **json_out);

/*
 * Infers when an article was published. meta_date (NULL if none) is a
 * date string from the article's metadata, parsed like text; otherwise the
 * date is read from a publication label in the text ("تاریخ انتشار:") or
 * inferred from relative expressions of the lead ("اليوم الاثنين",
 * "ديروز (دوشنبه)") against the dates the text mentions and anchor_iso
 * (the ingest time, NULL if unknown). *json_out (free with kh_free) is
 *
 *   {"value":"2024-04-02","granularity":"day","confidence":0.7,
 *    "method":"lead-relative","weekday_conflict":false,
 *    "evidence":[{"start":..,"end":..,"text":"..","role":".."}]}
 *
 * KH_ENOTFOUND (and *json_out NULL) when nothing dates the article;
 * KH_EENCODING on invalid UTF-8; KH_EINVAL on a bad anchor.
 */
int kh_date_published(kh_dates *d, const char *text, size_t len, const char *meta_date,
                      const char *anchor_iso, char **json_out);

/*
 * Event dates of an article: every date expression of text, resolved
 * against its publication date (so "يوم الجمعة" in an article of Saturday
 * 23 March 2024 is 22 March). *json_out (free with kh_free) is
 * {"published":{...as kh_date_published, or null},"dates":[...as
 * kh_dates_scan]}. Arguments and errors as kh_date_published.
 */
int kh_dates_events(kh_dates *d, const char *text, size_t len, const char *meta_date,
                    const char *anchor_iso, char **json_out);

/* ------------------------------------------------------------------ */
/* Facts: entities, figures and attributions (see docs/facts.md)        */

/* A facts extractor: the text analyser and the lexicons of data/facts/
 * (gazetteer, cue words, qualifiers, counted things, reporting verbs).
 * Costly to create, cheap to reuse; one per thread. */
typedef struct kh_facts kh_facts;

int kh_facts_new(kh_facts **out);
void kh_facts_free(kh_facts *f);

/*
 * Extracts the facts of one UTF-8 text (an article body, or a sentence)
 * and writes them to *json_out (free with kh_free) as one JSON object:
 *
 *   {"lang":"fa",
 *    "entities":[{"type":"place","subtype":"country","key":"russia",
 *                 "text":"روسیه","start":..,"end":..,"source":"gazetteer"}],
 *    "figures":[{"text":"۱۴۴","value":144,"qualifier":"at_least",
 *                "lo":144,"hi":null,"counted":"killed",
 *                "happening":{"event":{..},"anchor":{"key":..},"date":{..}}, ..}],
 *    "attributions":[{"speaker":{"text":"پسکوف",..},"verb":{..},
 *                     "stance":"ignorance","content":{..},"cites":[..],
 *                     "parent":null, ..}]}
 *
 * start/end are byte offsets in text. Entity keys are the same for the
 * Persian, Arabic and English spellings of a name. lang ("fa", "ar",
 * "en") may be NULL to guess from the letters. KH_EENCODING on invalid
 * UTF-8.
 */
int kh_facts_extract_json(kh_facts *f, const char *text, size_t len, const char *lang,
                          char **json_out);

#ifdef __cplusplus
}
#endif
#endif /* KHABAR_H */
