/*
 * skeleton.c: the cross-language key of Arabic-script words.
 *
 * Persian and Arabic spell one name with different letters and vowels:
 * پسکوف / بيسكوف (Peskov), تاجیک / طاجيك (Tajik), تلگرام / تلغرام
 * (Telegram), روسیه / روسيا (Russia). The skeleton keeps what both
 * spellings agree on: the folded word (docs/text.md) with letter classes
 * merged (data/text/skeleton.tsv: پ→ب چ→ج ژ→ز, گ غ ق→ك, ط→ت, ص ث→س,
 * ذ ض ظ→ز), the long vowels ا و ي and ه dropped after the first letter,
 * hamza dropped, and a doubled letter written once. All eleven entity
 * pairs of the seeds meet on it (tests/unit/test_text_skeleton.c).
 *
 * It is lossy by design (many words share a skeleton): the story engine
 * uses it to link names across the two languages, not as a word identity.
 */
#include <string.h>

#include "core/data.h"
#include "core/error.h"
#include "text/analysis.h"
#include "text/utf8.h"

int kh_skeleton_load(kh_text *t, struct kh_analysis *an)
{
    (void)t;
    for (uint32_t c = 0; c < 0x100; c++)
        an->skel[c] = 0x0600 + c;
    size_t len, cursor = 0, line_len;
    const char *bytes = kh_data_get("text/skeleton.tsv", &len), *line;
    if (!bytes)
        return kh_set_error(KH_ERROR, "data file text/skeleton.tsv is missing from the build");
    while (kh_data_next_line(bytes, len, &cursor, &line, &line_len)) {
        size_t i = 0;
        uint32_t from = kh_utf8_next(line, &i);
        if (i >= line_len || line[i] != '\t' || from < 0x0600 || from > 0x06FF)
            return kh_set_error(KH_ERROR, "bad rule in data/text/skeleton.tsv: %.*s", (int)line_len,
                                line);
        i++;
        uint32_t to;
        if (line_len - i == 2 && memcmp(line + i, "--", 2) == 0)
            to = KH_SKEL_DROP;
        else if (line_len - i == 1 && line[i] == '-')
            to = KH_SKEL_VOWEL;
        else
            to = kh_utf8_next(line, &i);
        an->skel[from - 0x0600] = to;
    }
    return KH_OK;
}

size_t kh_skeleton_cps(const struct kh_analysis *an, const uint32_t *w, size_t n, uint32_t *out)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = w[i], s = c;
        if (c >= 0x0600 && c <= 0x06FF) {
            s = an->skel[c - 0x0600];
            if (s == KH_SKEL_DROP)
                continue;
            if (s == KH_SKEL_VOWEL) {
                if (m > 0)
                    continue;
                s = c; /* a word-initial vowel letter is kept */
            }
        }
        if (m > 0 && out[m - 1] == s)
            continue;
        out[m++] = s;
    }
    return m;
}

int kh_text_skeleton(kh_text *t, const char *word, size_t len, kh_buf *out)
{
    struct kh_analysis *an;
    int rc = kh_an_get(t, &an);
    if (rc != KH_OK)
        return rc;
    uint32_t w[KH_W_MAX], sk[KH_W_MAX];
    size_t n = kh_an_decode(word, len, w, KH_W_MAX);
    if (n == 0)
        return kh_buf_append(out, word, len);
    n = kh_skeleton_cps(an, w, n, sk);
    if ((rc = kh_buf_reserve(out, n * 4 + 1)) != KH_OK)
        return rc;
    for (size_t i = 0; i < n; i++)
        out->len += kh_utf8_encode(sk[i], out->data + out->len);
    out->data[out->len] = '\0';
    return KH_OK;
}
