/*
 * prepare.h: the part of ingesting an article that depends on the article
 * alone: identity, extraction, language, publication date, tokens, term
 * counts, the near-duplicate signature and the facts (entities, figures,
 * attributions: computed for every article, kept for the originals).
 *
 * None of it touches the store or the stories, so it can run one article
 * ahead of the rest, in a thread of its own (ingest.c). The one piece of
 * state it carries from article to article is the stream clock that
 * relative dates resolve against (published.h): articles are prepared in
 * input order, by one kh_preparer, so that clock is the same whether
 * ingest runs on one thread or two.
 *
 * A kh_prepared owns copies of everything it needs from the raw article:
 * the reader's buffers are gone once the next article is read.
 */
#ifndef KH_INGEST_PREPARE_H
#define KH_INGEST_PREPARE_H

#include "extract/extracted.h"
#include "ingest/published.h"
#include "io/reader.h"
#include "story/dedup.h"
#include "story/features.h"

typedef struct kh_preparer kh_preparer;

typedef struct kh_prepared {
    /* the raw article, copied */
    char hash[33]; /* hex content hash: the article's identity */
    char *origin, *charset, *ext_id, *url, *source, *meta_lang, *meta_published, *meta_title;
    const char *container; /* static string */
    uint64_t offset;
    long line;
    float *embedding;
    uint32_t embedding_dim;
    /* what preparing found */
    char *extract_error;   /* non-NULL: extraction failed, the article is rejected */
    kh_extracted ex;
    const char *title, *body; /* meta_title or ex.title; ex.body or "" */
    const char *date_raw;     /* meta_published or ex.published_raw */
    kh_lang_guess guess;
    kh_published_date date;
    kh_term_count *terms; /* the text's distinct terms with counts */
    size_t nterms;
    kh_minhash sig;
    int has_sig;
    char *facts; /* the facts as JSON, or NULL (preparer made without facts) */
} kh_prepared;

/* with_facts: also extract each article's facts (kh_prepared.facts). */
int kh_preparer_new(kh_preparer **out, int with_facts);
void kh_preparer_free(kh_preparer *p);

/* The content hash of a raw article (hex, 32 digits and a NUL). */
void kh_content_hash(const kh_raw_doc *raw, char hex[33]);

/* Prepares raw (whose hash is given) into *out. A failed extraction is not
 * an error: out->extract_error says why. Other failures (memory) return
 * their status; *out is then freed. */
int kh_prepare(kh_preparer *p, const kh_raw_doc *raw, const char *hash, kh_prepared *out);

/* Frees what *p owns and zeroes it. */
void kh_prepared_free(kh_prepared *p);

#endif
