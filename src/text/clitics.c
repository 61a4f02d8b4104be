/*
 * clitics.c: Arabic proclitics and enclitic pronouns, for the base key.
 *
 * Arabic writes conjunctions, prepositions and the article onto the word
 * (و ف ب ك ل, ال and their combinations: وبال، فلل) and object or
 * possessive pronouns after it (ه ها هم هما كم نا ي). Stripping them
 * blindly breaks names and common words (وزير, بيسكوف, واشنطن), so
 * (data/text/ar_clitics.tsv):
 *
 *   - proclitics ending in the article are stripped whenever two letters
 *     remain: الكرملين -> كرملين, وبالكرملين -> كرملين;
 *   - any other clitic is stripped only when the lexicon of Arabic word
 *     counts (data/text/ar_lexicon.txt) knows the remainder as a word at
 *     least half as frequent as the whole: وموسكو -> موسكو and
 *     وقال -> قال, but وزير stays (زير is not a news word).
 *
 * A definite word takes no pronoun, so enclitics are only looked for when
 * no article was found.
 */
#include <string.h>

#include "core/error.h"
#include "text/analysis.h"

static int sink(const char *type, size_t len, const kh_affix *a, void *ctx)
{
    struct kh_analysis *an = ctx;
    if (len == 7 && memcmp(type, "article", 7) == 0)
        return kh_affix_add(&an->ar_article, a);
    if (len == 3 && memcmp(type, "pro", 3) == 0)
        return kh_affix_add(&an->ar_pro, a);
    if (len == 3 && memcmp(type, "enc", 3) == 0)
        return kh_affix_add(&an->ar_enc, a);
    return kh_set_error(KH_ERROR, "unknown rule type %.*s in data/text/ar_clitics.tsv", (int)len,
                        type);
}

int kh_clitics_load(kh_text *t, struct kh_analysis *an)
{
    an->owner = t;
    return kh_an_load_rules(t, "text/ar_clitics.tsv", sink, an);
}

static uint64_t lex_count(struct kh_analysis *an, const uint32_t *w, size_t n)
{
    if (!an->ar_lex_state) {
        an->ar_lex_state = 1;
        kh_an_load_words(an->owner, "text/ar_lexicon.txt", &an->ar_lex);
    }
    const uint64_t *v = kh_hmap_get(&an->ar_lex, kh_an_hash(w, n));
    return v ? *v : 0;
}

void kh_arabic_clitics(struct kh_analysis *an, const kh_word *w, size_t *pre, size_t *suf)
{
    *pre = *suf = 0;
    for (size_t i = 0; i < an->ar_article.n; i++) {
        if (kh_affix_starts(&an->ar_article.v[i], w->c, w->n)) {
            *pre = an->ar_article.v[i].n;
            return;
        }
    }
    uint64_t whole = 0;
    int counted = 0;
    for (size_t i = 0; i < an->ar_pro.n; i++) {
        const kh_affix *a = &an->ar_pro.v[i];
        if (!kh_affix_starts(a, w->c, w->n))
            continue;
        if (!counted) {
            whole = lex_count(an, w->c, w->n);
            counted = 1;
        }
        uint64_t rest = lex_count(an, w->c + a->n, w->n - a->n);
        if (rest > 0 && 2 * rest >= whole) {
            *pre = a->n;
            break;
        }
    }
    const uint32_t *b = w->c + *pre;
    size_t bn = w->n - *pre;
    uint64_t cur = 0;
    counted = 0;
    for (size_t i = 0; i < an->ar_enc.n; i++) {
        const kh_affix *a = &an->ar_enc.v[i];
        if (!kh_affix_ends(a, b, bn))
            continue;
        if (!counted) {
            cur = lex_count(an, b, bn);
            counted = 1;
        }
        uint64_t rest = lex_count(an, b, bn - a->n);
        if (rest > 0 && 2 * rest >= cur) {
            *suf = a->n;
            return;
        }
    }
}
