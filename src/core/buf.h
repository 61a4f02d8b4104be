/*
 * buf.h: a growable byte buffer, always NUL-terminated.
 *
 * kh_buf b = {0}; kh_buf_append(&b, "abc", 3); ... kh_buf_free(&b);
 * Appends return KH_OK or KH_ENOMEM (with the error set); on failure the
 * buffer keeps its previous contents.
 */
#ifndef KH_CORE_BUF_H
#define KH_CORE_BUF_H

#include <stddef.h>
#include <string.h>

typedef struct kh_buf {
    char *data;
    size_t len, cap;
} kh_buf;

int kh_buf_reserve(kh_buf *b, size_t extra);
int kh_buf_append_str(kh_buf *b, const char *s);

/* The appends are inline: the text layer makes several per token. */
static inline int kh_buf_append(kh_buf *b, const void *bytes, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        int rc = kh_buf_reserve(b, n);
        if (rc != 0)
            return rc;
    }
    if (n)
        memcpy(b->data + b->len, bytes, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

static inline int kh_buf_append_char(kh_buf *b, char c)
{
    if (b->len + 2 > b->cap) {
        int rc = kh_buf_reserve(b, 1);
        if (rc != 0)
            return rc;
    }
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
    return 0;
}
int kh_buf_printf(kh_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hands the bytes to the caller (who frees them) and resets the buffer. */
char *kh_buf_detach(kh_buf *b, size_t *len);
void kh_buf_free(kh_buf *b);

#endif
