/*
 * buf.c: growable NUL-terminated byte buffer (see buf.h).
 *
 * Capacity doubles, so n appends cost O(n) amortized; one byte is always
 * kept for the terminating NUL, so data is a C string whenever the bytes
 * are text.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/error.h"

int kh_buf_reserve(kh_buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return KH_OK;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1) {
        if (cap > SIZE_MAX / 2)
            return kh_set_error(KH_ENOMEM, "buffer too large");
        cap *= 2;
    }
    char *data = realloc(b->data, cap);
    if (!data)
        return kh_set_error(KH_ENOMEM, "out of memory growing a buffer to %zu bytes", cap);
    b->data = data;
    b->cap = cap;
    b->data[b->len] = '\0';
    return KH_OK;
}

int kh_buf_append_str(kh_buf *b, const char *s) { return kh_buf_append(b, s, strlen(s)); }

int kh_buf_printf(kh_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return kh_set_error(KH_EINVAL, "bad format string");
    int rc = kh_buf_reserve(b, (size_t)n);
    if (rc != KH_OK)
        return rc;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return KH_OK;
}

char *kh_buf_detach(kh_buf *b, size_t *len)
{
    if (!b->data && kh_buf_reserve(b, 0) != KH_OK)
        return NULL;
    char *data = b->data;
    if (len)
        *len = b->len;
    b->data = NULL;
    b->len = b->cap = 0;
    return data;
}

void kh_buf_free(kh_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}
