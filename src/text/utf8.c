/*
 * utf8.c: UTF-8 validation and the text-or-binary verdict (see utf8.h).
 *
 * The validator follows the well-formed byte sequences table of Unicode
 * (chapter 3, table 3-7): the second byte's range depends on the first, which
 * rules out overlong forms, surrogates and values past U+10FFFF in one pass
 * without decoding. ASCII runs are skipped eight bytes at a time.
 */
#include <string.h>

#include "text/utf8.h"

size_t kh_utf8_invalid_offset(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < len) {
        if (i + 8 <= len) {
            uint64_t chunk;
            memcpy(&chunk, s + i, 8);
            if ((chunk & 0x8080808080808080ULL) == 0) {
                i += 8;
                continue;
            }
        }
        unsigned char c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t need;
        unsigned char lo = 0x80, hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF)
            need = 1;
        else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            if (c == 0xE0)
                lo = 0xA0;
            if (c == 0xED)
                hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            if (c == 0xF0)
                lo = 0x90;
            if (c == 0xF4)
                hi = 0x8F;
        } else
            return i;
        if (i + need >= len)
            return i;
        if (s[i + 1] < lo || s[i + 1] > hi)
            return i;
        for (size_t k = 2; k <= need; k++)
            if (s[i + k] < 0x80 || s[i + k] > 0xBF)
                return i;
        i += need + 1;
    }
    return len;
}

kh_text_verdict kh_utf8_check(const char *s, size_t len, size_t *offset, const char **reason)
{
    *offset = 0;
    const char *nul = memchr(s, '\0', len);
    if (nul) {
        *offset = (size_t)(nul - s);
        *reason = "binary data (NUL byte)";
        return KH_TEXT_BINARY;
    }
    size_t bad = kh_utf8_invalid_offset(s, len);
    /* Control characters other than white space in the first 64 KiB. */
    size_t controls = 0, scanned = len < 65536 ? len : 65536;
    for (size_t i = 0; i < scanned; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f')
            controls++;
    }
    if (scanned > 0 && controls * 20 > scanned) {
        *reason = "binary data (control characters)";
        return KH_TEXT_BINARY;
    }
    if (bad < len) {
        *offset = bad;
        *reason = "invalid UTF-8";
        return KH_TEXT_BAD_UTF8;
    }
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v')
            return KH_TEXT_OK;
    }
    *reason = "empty (no text)";
    return KH_TEXT_EMPTY;
}

size_t kh_utf8_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}
