/*
 * data.h: the files under data/, compiled into the library.
 *
 * tools/embed.c turns every file of data/ into a byte array at build time;
 * kh_data_get("text/fold.tsv", &len) returns its bytes (NUL-terminated)
 * or NULL. No file is read at run time, so khabar runs from any directory.
 */
#ifndef KH_CORE_DATA_H
#define KH_CORE_DATA_H

#include <stddef.h>

typedef struct kh_data_file {
    const char *name;  /* path below data/, e.g. "text/fold.tsv" */
    const char *bytes; /* contents, NUL-terminated */
    size_t len;        /* length without the NUL */
} kh_data_file;

extern const kh_data_file kh_data_files[];
extern const unsigned kh_data_count;

const char *kh_data_get(const char *name, size_t *len);

/*
 * Iterates over the lines of a data file, skipping blank lines and lines
 * starting with '#'. Returns 1 and sets *line and *line_len for each line, 0 at
 * the end. *cursor starts at 0.
 */
int kh_data_next_line(const char *bytes, size_t len, size_t *cursor, const char **line,
                      size_t *line_len);

#endif
