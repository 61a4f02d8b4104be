/*
 * persian.c: Persian segmentation and light stemming, rules in data.
 *
 * data/stem/fa.tsv lists the affixes (see its header). A word is read as
 *
 *   [prefix می نمی بی] core [clitic ها های ترین ... | ZWNJ-clitic ی ای ...] [light verb]
 *
 * and three uses follow:
 *
 *   - base key: the word without its clitic suffix (کشورهای -> کشور);
 *   - stem: base without می/نمی and, after them, the personal ending
 *     (می‌گویند -> گوی); otherwise one derivational or plural suffix
 *     (نمایندگان -> نماینده, ایرانیان -> ایران, امنیتی -> امنیت);
 *   - a light verb run onto a word ending in ه (a lost ZWNJ or space:
 *     کشتهشدن) splits the token in two.
 *
 * Words of the keep list are never segmented (بیمار, میدان, ایران).
 * Suffixes that are also common word endings (ی, ای, مان, تر, ...) are
 * clitics only when the original had a ZWNJ before them, or a final ه
 * (where a ZWNJ is required and was lost: خانهای).
 */
#include <string.h>

#include "core/error.h"
#include "text/analysis.h"

#define HEH 0x0647u

static int type_is(const char *type, size_t len, const char *name)
{
    return strlen(name) == len && memcmp(type, name, len) == 0;
}

static int sink(const char *type, size_t len, const kh_affix *a, void *ctx)
{
    struct kh_analysis *an = ctx;
    if (type_is(type, len, "prefix"))
        return kh_affix_add(&an->fa_prefix, a);
    if (type_is(type, len, "clitic"))
        return kh_affix_add(&an->fa_clitic, a);
    if (type_is(type, len, "zclitic"))
        return kh_affix_add(&an->fa_zclitic, a);
    if (type_is(type, len, "suffix"))
        return kh_affix_add(&an->fa_suffix, a);
    if (type_is(type, len, "verbend"))
        return kh_affix_add(&an->fa_verbend, a);
    if (type_is(type, len, "lightverb"))
        return kh_affix_add(&an->fa_light, a);
    if (type_is(type, len, "keep")) {
        if (!kh_hmap_upsert(&an->fa_keep, kh_an_hash(a->c, a->n), 1, NULL))
            return kh_set_error(KH_ENOMEM, "out of memory");
        return KH_OK;
    }
    return kh_set_error(KH_ERROR, "unknown rule type %.*s in data/stem/fa.tsv", (int)len, type);
}

int kh_persian_load(kh_text *t, struct kh_analysis *an)
{
    return kh_an_load_rules(t, "stem/fa.tsv", sink, an);
}

static int keep(const struct kh_analysis *an, const uint32_t *w, size_t n)
{
    return an->fa_keep.n && kh_hmap_get(&an->fa_keep, kh_an_hash(w, n)) != NULL;
}

int kh_persian_is_prefix(const struct kh_analysis *an, const kh_word *w)
{
    for (size_t i = 0; i < an->fa_prefix.n; i++) {
        const kh_affix *a = &an->fa_prefix.v[i];
        if (w->n == a->n && memcmp(w->c, a->c, a->n * sizeof w->c[0]) == 0)
            return 1;
    }
    return 0;
}

void kh_persian_clitics(const struct kh_analysis *an, const kh_word *w, size_t *suf)
{
    *suf = 0;
    if (keep(an, w->c, w->n))
        return;
    for (size_t i = 0; i < an->fa_clitic.n; i++) {
        const kh_affix *a = &an->fa_clitic.v[i];
        if (kh_affix_ends(a, w->c, w->n)) {
            *suf = a->n;
            return;
        }
    }
    for (size_t i = 0; i < an->fa_zclitic.n; i++) {
        const kh_affix *a = &an->fa_zclitic.v[i];
        if (!kh_affix_ends(a, w->c, w->n))
            continue;
        size_t at = w->n - a->n;
        if ((w->aligned && w->zw[at]) || w->c[at - 1] == HEH) {
            *suf = a->n;
            return;
        }
    }
}

size_t kh_persian_light_split(const struct kh_analysis *an, const kh_word *w)
{
    if (keep(an, w->c, w->n))
        return 0;
    for (size_t i = 0; i < an->fa_light.n; i++) {
        const kh_affix *a = &an->fa_light.v[i];
        if (w->n < (size_t)a->n + 3 || !kh_affix_ends(a, w->c, w->n))
            continue;
        size_t at = w->n - a->n;
        if (w->c[at - 1] == HEH && !keep(an, w->c, at))
            return at;
    }
    return 0;
}

void kh_persian_segment(const struct kh_analysis *an, const kh_word *w, size_t *prefix,
                        size_t *core_end)
{
    size_t suf;
    *prefix = 0;
    kh_persian_clitics(an, w, &suf);
    *core_end = w->n - suf;
    if (keep(an, w->c, w->n) || keep(an, w->c, *core_end))
        return;
    for (size_t i = 0; i < an->fa_prefix.n; i++) {
        const kh_affix *a = &an->fa_prefix.v[i];
        if (kh_affix_starts(a, w->c, *core_end)) {
            *prefix = a->n;
            return;
        }
    }
}

size_t kh_persian_stem(const struct kh_analysis *an, const uint32_t *w, size_t n, uint32_t *out)
{
    memcpy(out, w, n * sizeof w[0]);
    if (keep(an, w, n))
        return n;
    size_t start = 0;
    int verbal = 0;
    for (size_t i = 0; i < an->fa_prefix.n; i++) {
        const kh_affix *a = &an->fa_prefix.v[i];
        if (a->n >= 2 && a->c[a->n - 1] == 0x064A && a->c[a->n - 2] == 0x0645 &&
            kh_affix_starts(a, w, n)) { /* می, نمی: verbal; بی is kept */
            start = a->n;
            verbal = 1;
            break;
        }
    }
    const uint32_t *b = w + start;
    size_t bn = n - start;
    const kh_affixes *set = verbal ? &an->fa_verbend : &an->fa_suffix;
    for (size_t i = 0; i < set->n; i++) {
        const kh_affix *a = &set->v[i];
        if (!kh_affix_ends(a, b, bn))
            continue;
        bn -= a->n;
        memmove(out, b, bn * sizeof b[0]);
        if (a->repl)
            out[bn++] = a->repl;
        return bn;
    }
    memmove(out, b, bn * sizeof b[0]);
    return bn;
}
