/*
 * csv.h: RFC 4180 CSV, as the SemEval pair files and gold files use it.
 *
 * Fields are separated by commas and may be quoted with '"' (a quote inside
 * is doubled); quoted fields may hold commas and newlines. Rows end with LF
 * or CRLF. The whole file is parsed into memory: rows of fields, each a
 * NUL-terminated string.
 */
#ifndef KH_IO_CSV_H
#define KH_IO_CSV_H

#include <stddef.h>

typedef struct kh_csv {
    char ***rows;      /* rows[r][f] */
    size_t *nfields;   /* fields per row */
    size_t nrows;
} kh_csv;

/* Parses bytes; KH_EPARSE (with the byte offset) on an unterminated quote. */
int kh_csv_parse(const char *bytes, size_t len, kh_csv *out);
/* Reads and parses a file. */
int kh_csv_read(const char *path, kh_csv *out);
/* Index of a header column (row 0), or -1. */
int kh_csv_column(const kh_csv *csv, const char *name);
void kh_csv_free(kh_csv *csv);

#endif
