/*
 * error.h: the per-thread last error behind kh_last_error().
 *
 * Library functions fail by returning kh_set_error(code, fmt, ...), which
 * records a printf-style message for the calling thread and returns code,
 * so that a failure is reported and propagated in one statement:
 *
 *     if (!p) return kh_set_error(KH_ENOMEM, "out of memory reading %s", path);
 */
#ifndef KH_CORE_ERROR_H
#define KH_CORE_ERROR_H

#include "khabar.h"

int kh_set_error(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void kh_clear_error(void);

#endif
