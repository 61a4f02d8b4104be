/*
 * prepare.c: an article's own analysis, before it meets the stories
 * (prepare.h).
 *
 *   raw --copy--> identity, metadata
 *       --extract (extract/)--> title, body, date as written
 *       --language (text/)--> lang guess, unless the input declared one
 *       --date (time/, stream clock)--> publication day
 *       --analyze (text/)--> tokens of title + body
 *       --count (story/features.c)--> distinct terms with counts
 *       --MinHash (story/dedup.c)--> near-duplicate signature
 *       --facts (facts/, when asked)--> entities, figures, attributions
 *         as JSON (commit keeps them for originals only)
 *
 * The scratch buffers (tokens, term index, the joined text) live in the
 * kh_preparer and are reused; only the term counts are copied out.
 */
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "core/error.h"
#include "extract/extract.h"
#include "ingest/prepare.h"
#include "text/text.h"

struct kh_preparer {
    kh_text *text;
    kh_extractor *extractor;
    kh_published *published;
    kh_tokens tokens;
    kh_terms terms;
    kh_buf joined; /* title + body, what tokens index */
    kh_facts *facts; /* NULL: no facts */
};

int kh_preparer_new(kh_preparer **out, int with_facts)
{
    kh_preparer *p = calloc(1, sizeof *p);
    if (!p)
        return kh_set_error(KH_ENOMEM, "out of memory");
    int rc;
    if ((rc = kh_text_new(&p->text)) != KH_OK || (rc = kh_extractor_new(&p->extractor)) != KH_OK ||
        (rc = kh_published_new(&p->published)) != KH_OK ||
        (with_facts && (rc = kh_facts_new(&p->facts)) != KH_OK)) {
        kh_preparer_free(p);
        return rc;
    }
    *out = p;
    return KH_OK;
}

void kh_preparer_free(kh_preparer *p)
{
    if (!p)
        return;
    kh_text_free(p->text);
    kh_extractor_free(p->extractor);
    kh_published_free(p->published);
    kh_facts_free(p->facts);
    kh_tokens_free(&p->tokens);
    kh_terms_free(&p->terms);
    kh_buf_free(&p->joined);
    free(p);
}

void kh_content_hash(const kh_raw_doc *raw, char hex[33])
{
    XXH128_hash_t h = XXH3_128bits(raw->bytes, raw->len);
    snprintf(hex, 33, "%016llx%016llx", (unsigned long long)h.high64,
             (unsigned long long)h.low64);
}

static int copy_str(const char *s, char **out)
{
    *out = NULL;
    if (s && !(*out = strdup(s)))
        return kh_set_error(KH_ENOMEM, "out of memory");
    return KH_OK;
}

static int copy_raw(const kh_raw_doc *raw, kh_prepared *out)
{
    out->container = raw->container;
    out->offset = raw->offset;
    out->line = raw->line;
    int rc;
    if ((rc = copy_str(raw->origin, &out->origin)) != KH_OK ||
        (rc = copy_str(raw->charset, &out->charset)) != KH_OK ||
        (rc = copy_str(raw->ext_id, &out->ext_id)) != KH_OK ||
        (rc = copy_str(raw->url, &out->url)) != KH_OK ||
        (rc = copy_str(raw->source, &out->source)) != KH_OK ||
        (rc = copy_str(raw->lang, &out->meta_lang)) != KH_OK ||
        (rc = copy_str(raw->published, &out->meta_published)) != KH_OK ||
        (rc = copy_str(raw->title, &out->meta_title)) != KH_OK)
        return rc;
    if (raw->embedding && raw->embedding_dim) {
        out->embedding = malloc(raw->embedding_dim * sizeof *out->embedding);
        if (!out->embedding)
            return kh_set_error(KH_ENOMEM, "out of memory");
        memcpy(out->embedding, raw->embedding, raw->embedding_dim * sizeof *out->embedding);
        out->embedding_dim = raw->embedding_dim;
    }
    return KH_OK;
}

static int analyse(kh_preparer *p, kh_prepared *out)
{
    kh_tokens_clear(&p->tokens);
    p->joined.len = 0;
    int rc = kh_buf_printf(&p->joined, "%s\n\n%s", out->title ? out->title : "", out->body);
    if (rc == KH_OK)
        rc = kh_text_analyze(p->text, p->joined.data, p->joined.len, out->guess.code, &p->tokens);
    if (rc == KH_OK)
        rc = kh_terms_count(&p->tokens, p->joined.data, &p->terms);
    if (rc == KH_OK && p->terms.n) {
        out->terms = malloc(p->terms.n * sizeof *out->terms);
        if (!out->terms)
            return kh_set_error(KH_ENOMEM, "out of memory");
        memcpy(out->terms, p->terms.v, p->terms.n * sizeof *out->terms);
        out->nterms = p->terms.n;
    }
    if (rc == KH_OK)
        out->has_sig = kh_minhash_of(&p->tokens, &out->sig);
    return rc;
}

static int prepare(kh_preparer *p, const kh_raw_doc *raw, kh_prepared *out)
{
    int rc = copy_raw(raw, out);
    if (rc != KH_OK)
        return rc;
    if (kh_extract_raw(p->extractor, raw, &out->ex) != KH_OK) {
        char reason[600];
        snprintf(reason, sizeof reason, "extraction failed: %s", kh_last_error());
        return copy_str(reason, &out->extract_error);
    }
    out->title = out->meta_title ? out->meta_title : out->ex.title;
    out->body = out->ex.body ? out->ex.body : "";
    out->guess = (kh_lang_guess){"und", 0};
    if (out->meta_lang && *out->meta_lang) {
        snprintf(out->guess.code, sizeof out->guess.code, "%s", out->meta_lang);
        out->guess.confidence = 1.0;
    } else if ((rc = kh_text_lang(p->text, out->body, strlen(out->body), &out->guess)) != KH_OK) {
        return rc;
    }
    out->date_raw = out->meta_published ? out->meta_published : out->ex.published_raw;
    out->date = (kh_published_date){.day = INT32_MIN};
    if ((rc = kh_published_infer(p->published, out->body, out->date_raw, &out->date)) != KH_OK)
        return rc;
    if ((rc = analyse(p, out)) != KH_OK)
        return rc;
    return p->facts ? kh_facts_extract_json(p->facts, out->body, strlen(out->body), out->guess.code,
                                            &out->facts)
                    : KH_OK;
}

int kh_prepare(kh_preparer *p, const kh_raw_doc *raw, const char *hash, kh_prepared *out)
{
    memset(out, 0, sizeof *out);
    snprintf(out->hash, sizeof out->hash, "%s", hash);
    int rc = prepare(p, raw, out);
    if (rc != KH_OK)
        kh_prepared_free(out);
    return rc;
}

void kh_prepared_free(kh_prepared *p)
{
    char *owned[] = {p->origin,    p->charset,        p->ext_id,     p->url,          p->source,
                     p->meta_lang, p->meta_published, p->meta_title, p->extract_error};
    for (size_t i = 0; i < sizeof owned / sizeof owned[0]; i++)
        free(owned[i]);
    free(p->embedding);
    free(p->terms);
    kh_free(p->facts);
    kh_extracted_free(&p->ex);
    memset(p, 0, sizeof *p);
}
