/*
 * data.c: lookup of the embedded data files (see data.h).
 *
 * A linear scan by name: there are a few dozen files and each is looked up
 * once, when the module that owns it initializes.
 */
#include <string.h>

#include "core/data.h"

const char *kh_data_get(const char *name, size_t *len)
{
    for (unsigned i = 0; i < kh_data_count; i++) {
        if (strcmp(kh_data_files[i].name, name) == 0) {
            if (len)
                *len = kh_data_files[i].len;
            return kh_data_files[i].bytes;
        }
    }
    return NULL;
}

int kh_data_next_line(const char *bytes, size_t len, size_t *cursor, const char **line,
                      size_t *line_len)
{
    while (*cursor < len) {
        const char *start = bytes + *cursor;
        const char *nl = memchr(start, '\n', len - *cursor);
        size_t n = nl ? (size_t)(nl - start) : len - *cursor;
        *cursor += n + (nl ? 1 : 0);
        while (n > 0 && (start[n - 1] == '\r' || start[n - 1] == ' ' || start[n - 1] == '\t'))
            n--;
        if (n == 0 || start[0] == '#')
            continue;
        *line = start;
        *line_len = n;
        return 1;
    }
    return 0;
}
