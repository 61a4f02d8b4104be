/*
 * error.c: per-thread last error (see error.h).
 *
 * One fixed buffer per thread: setting an error never allocates, so it
 * works when memory is exhausted, and messages longer than the buffer are
 * truncated rather than lost.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/error.h"

static _Thread_local char last_message[512];
static _Thread_local int last_code;

int kh_set_error(int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(last_message, sizeof last_message, fmt, ap);
    va_end(ap);
    last_code = code;
    return code;
}

void kh_clear_error(void)
{
    last_message[0] = '\0';
    last_code = KH_OK;
}

const char *kh_last_error(void) { return last_message; }

int kh_last_error_code(void) { return last_code; }

void kh_free(void *ptr) { free(ptr); }
