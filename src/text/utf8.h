/*
 * utf8.h: checks that input bytes are text before anything reads them.
 *
 * Every reader runs its bytes through kh_utf8_check() first, so the rest of
 * the library may assume well-formed UTF-8. A failure names the byte offset
 * and why, which the reader turns into a one-line input error.
 */
#ifndef KH_TEXT_UTF8_H
#define KH_TEXT_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Offset of the first byte that is not well-formed UTF-8 (overlongs,
 * surrogates and code points above U+10FFFF are rejected), or len. */
size_t kh_utf8_invalid_offset(const char *s, size_t len);

typedef enum kh_text_verdict {
    KH_TEXT_OK = 0,
    KH_TEXT_EMPTY,    /* nothing but white space */
    KH_TEXT_BINARY,   /* NUL bytes or mostly control characters */
    KH_TEXT_BAD_UTF8  /* not well-formed UTF-8 */
} kh_text_verdict;

/*
 * Classifies bytes as text or not. On failure *offset is where the problem
 * is and reason a static one-line explanation.
 */
kh_text_verdict kh_utf8_check(const char *s, size_t len, size_t *offset, const char **reason);

/* Decodes the code point at s[*i] (which must be valid UTF-8) and advances *i. */
static inline uint32_t kh_utf8_next(const char *s, size_t *i)
{
    const unsigned char *p = (const unsigned char *)s + *i;
    if (p[0] < 0x80) {
        *i += 1;
        return p[0];
    }
    if (p[0] < 0xE0) {
        *i += 2;
        return ((uint32_t)(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
    }
    if (p[0] < 0xF0) {
        *i += 3;
        return ((uint32_t)(p[0] & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    }
    *i += 4;
    return ((uint32_t)(p[0] & 0x07) << 18) | ((uint32_t)(p[1] & 0x3F) << 12) |
           ((uint32_t)(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
}

/* Encodes cp as UTF-8 into out (at least 4 bytes); returns the length. */
size_t kh_utf8_encode(uint32_t cp, char *out);

#endif
