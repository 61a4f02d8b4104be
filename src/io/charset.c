/*
 * charset.c: charset decision and conversion to UTF-8 (see charset.h).
 *
 * The decision reads at most the first 8 KiB for declarations and runs one
 * UTF-8 validation pass over the whole input; conversion is one ucnv call
 * into a buffer sized for the worst case (3 output bytes per input byte),
 * so a page costs two linear passes.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#include "core/error.h"
#include "io/charset.h"
#include "text/utf8.h"

#define SNIFF_BYTES 8192

static void set_name(char *dst, size_t cap, const char *name)
{
    if (dst && cap > 0)
        snprintf(dst, cap, "%s", name);
}

/* Copies a charset label, lower-cased, trimmed of quotes and spaces. */
static int copy_label(const char *s, size_t n, char *name, size_t cap)
{
    while (n > 0 && (isspace((unsigned char)*s) || *s == '"' || *s == '\'')) {
        s++;
        n--;
    }
    size_t k = 0;
    while (k < n && (isalnum((unsigned char)s[k]) || s[k] == '-' || s[k] == '_' ||
                     s[k] == ':' || s[k] == '.'))
        k++;
    if (k == 0 || k + 1 > cap)
        return 0;
    for (size_t i = 0; i < k; i++)
        name[i] = (char)tolower((unsigned char)s[i]);
    name[k] = '\0';
    return 1;
}

static const char *memcasemem(const char *hay, size_t n, const char *needle)
{
    size_t m = strlen(needle);
    if (m == 0 || n < m)
        return NULL;
    for (size_t i = 0; i + m <= n; i++)
        if (strncasecmp(hay + i, needle, m) == 0)
            return hay + i;
    return NULL;
}

int kh_charset_from_content_type(const char *value, size_t len, char *name, size_t cap)
{
    if (!value || !name)
        return 0;
    const char *p = memcasemem(value, len, "charset");
    if (!p)
        return 0;
    size_t rest = len - (size_t)(p - value) - 7;
    p += 7;
    while (rest > 0 && isspace((unsigned char)*p)) {
        p++;
        rest--;
    }
    if (rest == 0 || *p != '=')
        return 0;
    return copy_label(p + 1, rest - 1, name, cap);
}

int kh_charset_sniff_html(const char *bytes, size_t len, char *name, size_t cap)
{
    if (!bytes || !name)
        return 0;
    size_t n = len < SNIFF_BYTES ? len : SNIFF_BYTES;
    if (n >= 5 && strncmp(bytes, "<?xml", 5) == 0) {
        const char *end = memchr(bytes, '>', n);
        size_t decl = end ? (size_t)(end - bytes) : n;
        const char *enc = memcasemem(bytes, decl, "encoding");
        if (enc) {
            const char *q = enc + 8;
            size_t rest = decl - (size_t)(q - bytes);
            while (rest > 0 && (isspace((unsigned char)*q) || *q == '=')) {
                q++;
                rest--;
            }
            if (copy_label(q, rest, name, cap))
                return 1;
        }
    }
    size_t pos = 0;
    while (pos < n) {
        const char *meta = memcasemem(bytes + pos, n - pos, "<meta");
        if (!meta)
            return 0;
        size_t start = (size_t)(meta - bytes);
        const char *end = memchr(meta, '>', n - start);
        size_t tag_len = end ? (size_t)(end - meta) : n - start;
        if (kh_charset_from_content_type(meta, tag_len, name, cap))
            return 1;
        pos = start + 5;
    }
    return 0;
}

/* The ICU name of a label, WHATWG-style aliases applied. */
static const char *canonical_label(const char *label)
{
    static const char *const latin1[] = {"iso-8859-1", "iso8859-1", "latin1", "l1",
                                         "us-ascii",   "ascii",     "iso_8859-1",
                                         "cp819",      "ibm819",    "ansi_x3.4-1968"};
    for (size_t i = 0; i < sizeof latin1 / sizeof latin1[0]; i++)
        if (strcasecmp(label, latin1[i]) == 0)
            return "windows-1252";
    if (strcasecmp(label, "utf8") == 0 || strcasecmp(label, "utf-8") == 0 ||
        strcasecmp(label, "unicode-1-1-utf-8") == 0)
        return "UTF-8";
    if (strcasecmp(label, "iso-8859-6") == 0 || strcasecmp(label, "iso-8859-6-i") == 0 ||
        strcasecmp(label, "iso-8859-6-e") == 0 || strcasecmp(label, "arabic") == 0 ||
        strcasecmp(label, "asmo-708") == 0)
        return "ISO-8859-6";
    if (strcasecmp(label, "windows-1256") == 0 || strcasecmp(label, "cp1256") == 0 ||
        strcasecmp(label, "x-cp1256") == 0)
        return "windows-1256";
    return label;
}

static int is_utf16_label(const char *label)
{
    return strncasecmp(label, "utf-16", 6) == 0 || strncasecmp(label, "utf16", 5) == 0 ||
           strcasecmp(label, "unicode") == 0 || strcasecmp(label, "ucs-2") == 0;
}

/* Stray-byte statistics of bytes read as UTF-8. */
typedef struct utf8_stats {
    size_t invalid;   /* bytes that start no well-formed sequence */
    size_t multibyte; /* well-formed sequences of 2-4 bytes (only counted,
                         and only meaningful, when invalid > 0) */
} utf8_stats;

static utf8_stats utf8_scan(const char *s, size_t len)
{
    utf8_stats st = {0, 0};
    /* Well-formed input (the common case) needs no counting. */
    if (kh_utf8_invalid_offset(s, len) == len) {
        st.multibyte = 1;
        return st;
    }
    size_t i = 0;
    while (i < len) {
        size_t bad = kh_utf8_invalid_offset(s + i, len - i);
        /* Count the multi-byte sequences in the valid run. */
        const unsigned char *p = (const unsigned char *)s + i;
        for (size_t k = 0; k < bad; k++)
            if (p[k] >= 0xC2)
                st.multibyte++;
        i += bad;
        if (i < len) {
            st.invalid++;
            i++;
        }
    }
    return st;
}

/* Copies UTF-8, each stray byte replaced by U+FFFD. */
static int utf8_repair(const char *s, size_t len, char **out, size_t *out_len)
{
    if (len > (SIZE_MAX - 1) / 3)
        return kh_set_error(KH_ENOMEM, "input too large to repair");
    char *o = malloc(len * 3 + 1);
    if (!o)
        return kh_set_error(KH_ENOMEM, "out of memory converting %zu bytes", len);
    size_t i = 0, n = 0;
    while (i < len) {
        size_t bad = kh_utf8_invalid_offset(s + i, len - i);
        memcpy(o + n, s + i, bad);
        n += bad;
        i += bad;
        if (i < len) {
            memcpy(o + n, "\xEF\xBF\xBD", 3);
            n += 3;
            i++;
        }
    }
    o[n] = '\0';
    *out = o;
    *out_len = n;
    return KH_OK;
}

static int icu_convert(const char *from, const char *s, size_t len, char **out, size_t *out_len)
{
    if (len > INT32_MAX / 3 - 16)
        return kh_set_error(KH_EINVAL, "input of %zu bytes too large to convert", len);
    int32_t cap = (int32_t)(len * 3 + 16);
    char *o = malloc((size_t)cap);
    if (!o)
        return kh_set_error(KH_ENOMEM, "out of memory converting %zu bytes", len);
    UErrorCode err = U_ZERO_ERROR;
    int32_t n = ucnv_convert("UTF-8", from, o, cap, s, (int32_t)len, &err);
    if (err == U_BUFFER_OVERFLOW_ERROR || err == U_STRING_NOT_TERMINATED_WARNING) {
        free(o);
        cap = n + 1;
        o = malloc((size_t)cap);
        if (!o)
            return kh_set_error(KH_ENOMEM, "out of memory converting %zu bytes", len);
        err = U_ZERO_ERROR;
        n = ucnv_convert("UTF-8", from, o, cap, s, (int32_t)len, &err);
    }
    if (U_FAILURE(err)) {
        free(o);
        return kh_set_error(KH_EENCODING, "cannot convert from %s: %s", from, u_errorName(err));
    }
    o[n] = '\0';
    /* A converter may keep a U+FEFF that the BOM check did not strip. */
    if (n >= 3 && memcmp(o, "\xEF\xBB\xBF", 3) == 0) {
        memmove(o, o + 3, (size_t)n - 2);
        n -= 3;
    }
    *out = o;
    *out_len = (size_t)n;
    return KH_OK;
}

static int known_charset(const char *name)
{
    UErrorCode err = U_ZERO_ERROR;
    UConverter *c = ucnv_open(name, &err);
    if (U_FAILURE(err) || !c)
        return 0;
    ucnv_close(c);
    return 1;
}

/* "UTF-16LE", "UTF-16BE" or NULL, from where the NUL bytes fall. */
static const char *utf16_guess(const char *s, size_t len)
{
    size_t n = len < SNIFF_BYTES ? len : SNIFF_BYTES;
    size_t even = 0, odd = 0;
    for (size_t i = 0; i + 1 < n; i += 2) {
        even += s[i] == '\0';
        odd += s[i + 1] == '\0';
    }
    size_t pairs = n / 2;
    if (pairs < 2)
        return NULL;
    if (odd * 10 > pairs * 3 && even * 10 < pairs)
        return "UTF-16LE";
    if (even * 10 > pairs * 3 && odd * 10 < pairs)
        return "UTF-16BE";
    return NULL;
}

static const char *icu_detect(const char *s, size_t len)
{
    static __thread char name[64];
    UErrorCode err = U_ZERO_ERROR;
    UCharsetDetector *d = ucsdet_open(&err);
    if (U_FAILURE(err))
        return NULL;
    size_t n = len < (size_t)1 << 20 ? len : (size_t)1 << 20;
    ucsdet_enableInputFilter(d, 1);
    ucsdet_setText(d, s, (int32_t)n, &err);
    const UCharsetMatch *m = U_SUCCESS(err) ? ucsdet_detect(d, &err) : NULL;
    const char *got = m && U_SUCCESS(err) ? ucsdet_getName(m, &err) : NULL;
    if (got && U_SUCCESS(err))
        snprintf(name, sizeof name, "%s", got);
    ucsdet_close(d);
    return got && U_SUCCESS(err) ? name : NULL;
}

int kh_charset_to_utf8(const char *bytes, size_t len, const char *declared, char **out,
                       size_t *out_len, char *detected_name, size_t name_cap)
{
    if (!out || !out_len || (!bytes && len > 0))
        return kh_set_error(KH_EINVAL, "kh_charset_to_utf8: NULL argument");
    *out = NULL;
    *out_len = 0;
    if (len > KH_CHARSET_MAX_BYTES)
        return kh_set_error(KH_EINVAL, "input of %zu bytes exceeds the %zu-byte limit", len,
                            KH_CHARSET_MAX_BYTES);
    const unsigned char *u = (const unsigned char *)bytes;

    /* 1. Byte order marks (UTF-32 before UTF-16: FF FE 00 00). */
    if (len >= 4 && memcmp(u, "\xFF\xFE\x00\x00", 4) == 0) {
        set_name(detected_name, name_cap, "UTF-32LE");
        return icu_convert("UTF-32LE", bytes + 4, len - 4, out, out_len);
    }
    if (len >= 4 && memcmp(u, "\x00\x00\xFE\xFF", 4) == 0) {
        set_name(detected_name, name_cap, "UTF-32BE");
        return icu_convert("UTF-32BE", bytes + 4, len - 4, out, out_len);
    }
    if (len >= 3 && memcmp(u, "\xEF\xBB\xBF", 3) == 0) {
        utf8_stats st = utf8_scan(bytes + 3, len - 3);
        set_name(detected_name, name_cap, st.invalid ? "UTF-8 (repaired)" : "UTF-8");
        return utf8_repair(bytes + 3, len - 3, out, out_len);
    }
    if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
        set_name(detected_name, name_cap, "UTF-16LE");
        return icu_convert("UTF-16LE", bytes + 2, len - 2, out, out_len);
    }
    if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
        set_name(detected_name, name_cap, "UTF-16BE");
        return icu_convert("UTF-16BE", bytes + 2, len - 2, out, out_len);
    }

    /* 2-3. Well-formed or mostly well-formed UTF-8. */
    int has_nul = memchr(bytes, '\0', len) != NULL;
    const char *u16 = has_nul ? utf16_guess(bytes, len) : NULL;
    utf8_stats st = utf8_scan(bytes, len);
    if (!u16 && st.invalid == 0) {
        set_name(detected_name, name_cap, "UTF-8");
        char *o = malloc(len + 1);
        if (!o)
            return kh_set_error(KH_ENOMEM, "out of memory converting %zu bytes", len);
        if (len)
            memcpy(o, bytes, len);
        o[len] = '\0';
        *out = o;
        *out_len = len;
        return KH_OK;
    }
    if (!u16 && st.multibyte > 0 && st.invalid * 20 <= st.multibyte) {
        set_name(detected_name, name_cap, "UTF-8 (repaired)");
        return utf8_repair(bytes, len, out, out_len);
    }

    /* 4. The HTTP header. */
    char label[64];
    if (declared && *declared && copy_label(declared, strlen(declared), label, sizeof label)) {
        const char *name = canonical_label(label);
        if (is_utf16_label(name) && !u16)
            u16 = utf16_guess(bytes, len);
        if (is_utf16_label(name))
            name = u16 ? u16 : "UTF-16LE";
        if (strcmp(name, "UTF-8") != 0 && known_charset(name)) {
            set_name(detected_name, name_cap, name);
            return icu_convert(name, bytes, len, out, out_len);
        }
    }

    /* 5. Declarations inside the document. */
    if (u16) {
        set_name(detected_name, name_cap, u16);
        return icu_convert(u16, bytes, len, out, out_len);
    }
    if (kh_charset_sniff_html(bytes, len, label, sizeof label)) {
        const char *name = canonical_label(label);
        if (strcmp(name, "UTF-8") != 0 && !is_utf16_label(name) && known_charset(name)) {
            set_name(detected_name, name_cap, name);
            return icu_convert(name, bytes, len, out, out_len);
        }
    }

    /* 6. Mostly UTF-8 with more stray bytes than step 3 allows, yet more
     *    well-formed sequences than stray bytes: still repair. */
    if (st.multibyte > st.invalid * 2) {
        set_name(detected_name, name_cap, "UTF-8 (repaired)");
        return utf8_repair(bytes, len, out, out_len);
    }

    /* 7. ICU's statistical detector. */
    const char *guess = icu_detect(bytes, len);
    if (guess && strncasecmp(guess, "UTF-8", 5) == 0) {
        set_name(detected_name, name_cap, "UTF-8 (repaired)");
        return utf8_repair(bytes, len, out, out_len);
    }
    if (guess && known_charset(guess)) {
        const char *name = canonical_label(guess);
        if (strcasecmp(name, "ISO-8859-1") == 0)
            name = "windows-1252";
        set_name(detected_name, name_cap, name);
        return icu_convert(name, bytes, len, out, out_len);
    }
    set_name(detected_name, name_cap, "windows-1252");
    return icu_convert("windows-1252", bytes, len, out, out_len);
}
