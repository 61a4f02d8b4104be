/*
 * kh_test.h: what every cmocka unit test includes.
 *
 * cmocka needs these system headers before its own; the helpers below
 * compare UTF-8 strings with a readable failure message.
 */
#ifndef KH_TEST_H
#define KH_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "khabar.h"

/* Path of the shared data folder (../shared/data from the project root),
 * or NULL when it is absent; tests that need it skip() then. */
static inline const char *kh_test_shared_data(void)
{
    const char *env = getenv("KHABAR_SHARED_DATA");
    const char *path = env ? env : "../shared/data";
    FILE *f = NULL;
    char probe[1024];
    snprintf(probe, sizeof probe, "%s/semeval2022-task8/README.md", path);
    f = fopen(probe, "r");
    if (!f)
        return NULL;
    fclose(f);
    return path;
}

/* cmocka group setup and teardown giving each test a kh_text in *state. */
static inline int kh_test_text_setup(void **state)
{
    kh_text *t;
    if (kh_text_new(&t) != KH_OK)
        return -1;
    *state = t;
    return 0;
}

static inline int kh_test_text_teardown(void **state)
{
    kh_text_free(*state);
    return 0;
}

#endif
