/*
 * fold.c: orthographic folding for matching.
 *
 * Folding maps the many ways Arabic-script text writes one word onto one
 * key: Persian and Arabic Yeh and Kaf, teh marbuta and heh, hamza carriers
 * and alef variants; it drops tatweel and harakat and maps every digit to
 * ASCII. It is two steps on UTF-16:
 *
 *   1. ICU NFKC_Casefold: compatibility forms (Arabic presentation forms,
 *      ligatures, full-width Latin) to base letters, case folded, and
 *      default-ignorable code points (ZWNJ, ZWJ, bidi controls) removed;
 *   2. a 64K-entry map built from data/text/fold.tsv: each BMP code unit to
 *      its folded unit, or KH_FOLD_DROP. One table lookup per unit.
 *
 * Folding never touches the stored text; it only makes keys.
 */
#include <stdlib.h>
#include <string.h>

#include <unicode/ustring.h>

#include "core/data.h"
#include "core/error.h"
#include "text/text.h"
#include "text/utf8.h"

static int parse_hex(const char *s, const char *end, const char **next, uint32_t *out)
{
    uint32_t v = 0;
    const char *p = s;
    while (p < end) {
        char c = *p;
        int d = (c >= '0' && c <= '9')   ? c - '0'
                : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                : (c >= 'a' && c <= 'f') ? c - 'a' + 10
                                         : -1;
        if (d < 0)
            break;
        v = v * 16 + (uint32_t)d;
        p++;
    }
    if (p == s)
        return -1;
    *next = p;
    *out = v;
    return 0;
}

static const char *skip_blank(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    return p;
}

/* One line of fold.tsv: "FROM[..LAST] TO|-  # comment". */
static int apply_rule(uint16_t *map, const char *line, size_t len)
{
    const char *end = line + len, *p;
    uint32_t from, last, to;
    if (parse_hex(line, end, &p, &from) != 0)
        return -1;
    last = from;
    if (p + 2 <= end && p[0] == '.' && p[1] == '.' && parse_hex(p + 2, end, &p, &last) != 0)
        return -1;
    p = skip_blank(p, end);
    int drop = (p < end && *p == '-');
    if (!drop && parse_hex(p, end, &p, &to) != 0)
        return -1;
    if (last < from || last > 0xFFFF)
        return -1;
    for (uint32_t c = from; c <= last; c++)
        map[c] = drop ? KH_FOLD_DROP : (uint16_t)(to + (c - from));
    return 0;
}

int kh_fold_map_build(uint16_t **map_out)
{
    size_t len;
    const char *table = kh_data_get("text/fold.tsv", &len);
    if (!table)
        return kh_set_error(KH_ERROR, "data file text/fold.tsv is missing from the build");
    uint16_t *map = malloc(sizeof(uint16_t) * 0x10000);
    if (!map)
        return kh_set_error(KH_ENOMEM, "out of memory for the folding map");
    for (uint32_t c = 0; c < 0x10000; c++)
        map[c] = (uint16_t)c;
    size_t cursor = 0, line_len;
    const char *line;
    while (kh_data_next_line(table, len, &cursor, &line, &line_len)) {
        if (apply_rule(map, line, line_len) != 0) {
            free(map);
            return kh_set_error(KH_ERROR, "bad rule in data/text/fold.tsv: %.*s", (int)line_len,
                                line);
        }
    }
    *map_out = map;
    return KH_OK;
}

int32_t kh_fold_map_apply(const kh_text *t, const uint16_t *src, int32_t n, uint16_t *dst)
{
    int32_t out = 0;
    for (int32_t i = 0; i < n; i++) {
        uint16_t c = t->fold_map[src[i]];
        if (c != KH_FOLD_DROP)
            dst[out++] = c;
    }
    return out;
}

static int grow_u16(uint16_t **buf, int32_t *cap, int32_t need)
{
    if (need <= *cap)
        return KH_OK;
    int32_t cap2 = *cap ? *cap : 256;
    while (cap2 < need)
        cap2 *= 2;
    uint16_t *p = realloc(*buf, sizeof(uint16_t) * (size_t)cap2);
    if (!p)
        return kh_set_error(KH_ENOMEM, "out of memory folding text");
    *buf = p;
    *cap = cap2;
    return KH_OK;
}

/*
 * The fast path. For most BMP code units, NFKC_Casefold of a string is the
 * concatenation of what it does to each unit alone: a unit of combining
 * class 0 whose quick check is not "maybe" never composes with the unit
 * before it, and its own mapping (if any) is one unit or nothing, again of
 * class 0 and not "maybe". Such units are folded by one lookup in
 * t->fast_map (normalization and the folding map composed); a span that
 * holds any other unit (combining marks, surrogates, expanding mappings
 * such as the ligatures) takes the ICU path. test_text_fold checks that both
 * paths agree on every BMP unit and on real text.
 */
static int unit_is_simple(const UNormalizer2 *n2, UChar c)
{
    if (unorm2_getCombiningClass(n2, c) != 0)
        return 0;
    UErrorCode status = U_ZERO_ERROR;
    return unorm2_quickCheck(n2, &c, 1, &status) != UNORM_MAYBE && U_SUCCESS(status);
}

int kh_fast_map_build(kh_text *t)
{
    uint16_t *fast = malloc(sizeof(uint16_t) * 0x10000);
    if (!fast)
        return kh_set_error(KH_ENOMEM, "out of memory for the folding map");
    for (uint32_t c = 0; c < 0x10000; c++) {
        fast[c] = KH_FOLD_SLOW;
        if ((c >= 0xD800 && c <= 0xDFFF) || !unit_is_simple(t->nfkc_cf, (UChar)c))
            continue;
        UChar in = (UChar)c, res[8];
        UErrorCode status = U_ZERO_ERROR;
        int32_t m = unorm2_normalize(t->nfkc_cf, &in, 1, res, 8, &status);
        if (U_FAILURE(status) || m > 1)
            continue;
        if (m == 0)
            fast[c] = KH_FOLD_DROP;
        else if (res[0] < 0xD800 || res[0] > 0xDFFF) {
            if (!unit_is_simple(t->nfkc_cf, res[0]))
                continue;
            uint16_t f = t->fold_map[res[0]];
            if (f != KH_FOLD_SLOW) /* never a folded value: keep it slow */
                fast[c] = f;
        }
    }
    t->fast_map = fast;
    return KH_OK;
}

/* Appends the UTF-8 of n UTF-16 units (no lone surrogates) to out. */
static int append_u16_as_utf8(kh_buf *out, const uint16_t *s, int32_t n)
{
    int rc = kh_buf_reserve(out, (size_t)n * 3 + 1);
    if (rc != KH_OK)
        return rc;
    unsigned char *p = (unsigned char *)out->data + out->len;
    for (int32_t i = 0; i < n; i++) {
        uint32_t c = s[i];
        if (c < 0x80) {
            *p++ = (unsigned char)c;
        } else if (c < 0x800) {
            *p++ = (unsigned char)(0xC0 | (c >> 6));
            *p++ = (unsigned char)(0x80 | (c & 0x3F));
        } else {
            *p++ = (unsigned char)(0xE0 | (c >> 12));
            *p++ = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
            *p++ = (unsigned char)(0x80 | (c & 0x3F));
        }
    }
    out->len = (size_t)((char *)p - out->data);
    out->data[out->len] = '\0';
    return KH_OK;
}

int kh_text_fold_u16(kh_text *t, const uint16_t *s, int32_t n, kh_buf *out)
{
    if (n < 0 || n > (INT32_MAX - 16) / 4)
        return kh_set_error(KH_EINVAL, "text too long to fold (%d units)", (int)n);
    int rc = grow_u16(&t->scratch, &t->scratch_cap, n * 4 + 16);
    if (rc != KH_OK)
        return rc;
    if (t->fast_map && !t->force_slow) {
        int32_t m = 0, i = 0;
        for (; i < n; i++) {
            uint16_t f = t->fast_map[s[i]];
            if (f == KH_FOLD_SLOW)
                break;
            if (f != KH_FOLD_DROP)
                t->scratch[m++] = f;
        }
        if (i == n)
            return append_u16_as_utf8(out, t->scratch, m);
    }
    return kh_text_fold_u16_icu(t, s, n, out);
}

int kh_text_fold_u16_icu(kh_text *t, const uint16_t *s, int32_t n, kh_buf *out)
{
    /* NFKC_Casefold can expand (ligatures, ß -> ss): allow 4x then retry. */
    UErrorCode status = U_ZERO_ERROR;
    int rc = grow_u16(&t->scratch, &t->scratch_cap, n * 4 + 16);
    if (rc != KH_OK)
        return rc;
    int32_t m = unorm2_normalize(t->nfkc_cf, (const UChar *)s, n, (UChar *)t->scratch,
                                 t->scratch_cap, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) {
        status = U_ZERO_ERROR;
        if ((rc = grow_u16(&t->scratch, &t->scratch_cap, m + 16)) != KH_OK)
            return rc;
        m = unorm2_normalize(t->nfkc_cf, (const UChar *)s, n, (UChar *)t->scratch,
                             t->scratch_cap, &status);
    }
    if (U_FAILURE(status))
        return kh_set_error(KH_EENCODING, "normalization failed: %s", u_errorName(status));
    m = kh_fold_map_apply(t, t->scratch, m, t->scratch);
    /* UTF-16 -> UTF-8, at most 3 bytes per unit. */
    if ((rc = kh_buf_reserve(out, (size_t)m * 3)) != KH_OK)
        return rc;
    int32_t written = 0;
    status = U_ZERO_ERROR;
    u_strToUTF8WithSub(out->data + out->len, (int32_t)(out->cap - out->len), &written,
                       (const UChar *)t->scratch, m, 0xFFFD, NULL, &status);
    if (U_FAILURE(status) && status != U_STRING_NOT_TERMINATED_WARNING)
        return kh_set_error(KH_EENCODING, "UTF-16 to UTF-8 failed: %s", u_errorName(status));
    out->len += (size_t)written;
    out->data[out->len] = '\0';
    return KH_OK;
}

int kh_text_fold(kh_text *t, const char *text, size_t len, char **out, size_t *out_len)
{
    if (!t || (!text && len) || !out)
        return kh_set_error(KH_EINVAL, "kh_text_fold: bad argument");
    size_t bad = kh_utf8_invalid_offset(text, len);
    if (bad < len)
        return kh_set_error(KH_EENCODING, "invalid UTF-8 at byte %zu", bad);
    int32_t n;
    int rc = kh_text_to_u16(t, text, len, &n);
    if (rc != KH_OK)
        return rc;
    kh_buf b = {0};
    if ((rc = kh_buf_reserve(&b, len)) != KH_OK || (rc = kh_text_fold_u16(t, t->u16, n, &b)) != KH_OK) {
        kh_buf_free(&b);
        return rc;
    }
    *out = kh_buf_detach(&b, out_len);
    return KH_OK;
}

int kh_text_fold_utf8(kh_text *t, const char *s, size_t len, kh_buf *out)
{
    if (len > (size_t)(INT32_MAX - 16) / 4)
        return kh_set_error(KH_EINVAL, "text too long to fold (%zu bytes)", len);
    /* Fast path straight from UTF-8 to UTF-8 when every code point allows
     * it: one lookup per code point, at most 3 bytes out per code point. */
    int rc; /* the room is there for most tokens: no call to find it out */
    if (out->len + len * 3 + 2 > out->cap && (rc = kh_buf_reserve(out, len * 3 + 1)) != KH_OK)
        return rc;
    const size_t out0 = out->len;
    size_t i = 0;
    int slow = t->force_slow || !t->fast_map;
    unsigned char *p = (unsigned char *)out->data + out->len;
    while (!slow && i < len) {
        uint32_t c = kh_utf8_next(s, &i);
        uint16_t f = c < 0x10000 ? t->fast_map[c] : KH_FOLD_SLOW;
        if (f == KH_FOLD_SLOW)
            slow = 1;
        else if (f < 0x80)
            *p++ = (unsigned char)f;
        else if (f < 0x800) {
            *p++ = (unsigned char)(0xC0 | (f >> 6));
            *p++ = (unsigned char)(0x80 | (f & 0x3F));
        } else if (f != KH_FOLD_DROP) {
            *p++ = (unsigned char)(0xE0 | (f >> 12));
            *p++ = (unsigned char)(0x80 | ((f >> 6) & 0x3F));
            *p++ = (unsigned char)(0x80 | (f & 0x3F));
        }
    }
    if (!slow) {
        out->len = (size_t)((char *)p - out->data);
        out->data[out->len] = '\0';
        return KH_OK;
    }
    out->len = out0;
    out->data[out0] = '\0';
    /* Slow path: through UTF-16 in a buffer of its own (t->u16 may be in use). */
    uint16_t *u = malloc(sizeof(uint16_t) * (len + 1));
    if (!u)
        return kh_set_error(KH_ENOMEM, "out of memory folding text");
    int32_t n = 0;
    for (i = 0; i < len;) {
        uint32_t c = kh_utf8_next(s, &i);
        if (c < 0x10000) {
            u[n++] = (uint16_t)c;
        } else {
            c -= 0x10000;
            u[n++] = (uint16_t)(0xD800 + (c >> 10));
            u[n++] = (uint16_t)(0xDC00 + (c & 0x3FF));
        }
    }
    rc = kh_text_fold_u16_icu(t, u, n, out);
    free(u);
    return rc;
}
