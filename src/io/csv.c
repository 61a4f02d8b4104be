/*
 * csv.c: RFC 4180 parsing into memory (see csv.h).
 *
 * One pass, a small state machine: outside a field, inside an unquoted
 * field, inside a quoted field, after a closing quote. Each field is
 * copied into a growable buffer and then into its own allocation.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/error.h"
#include "io/csv.h"

typedef struct builder {
    kh_csv *csv;
    char **row;
    size_t nrow, caprow;
    size_t caprows;
    kh_buf field;
} builder;

static int end_field(builder *b)
{
    if (b->nrow == b->caprow) {
        size_t cap = b->caprow ? b->caprow * 2 : 16;
        char **r = realloc(b->row, cap * sizeof *r);
        if (!r)
            return kh_set_error(KH_ENOMEM, "out of memory reading CSV");
        b->row = r;
        b->caprow = cap;
    }
    char *s = malloc(b->field.len + 1);
    if (!s)
        return kh_set_error(KH_ENOMEM, "out of memory reading CSV");
    memcpy(s, b->field.data ? b->field.data : "", b->field.len);
    s[b->field.len] = '\0';
    b->row[b->nrow++] = s;
    b->field.len = 0;
    return KH_OK;
}

static int end_row(builder *b)
{
    kh_csv *c = b->csv;
    if (c->nrows == b->caprows) {
        size_t cap = b->caprows ? b->caprows * 2 : 256;
        char ***rows = realloc(c->rows, cap * sizeof *rows);
        size_t *nf = realloc(c->nfields, cap * sizeof *nf);
        if (rows)
            c->rows = rows;
        if (nf)
            c->nfields = nf;
        if (!rows || !nf)
            return kh_set_error(KH_ENOMEM, "out of memory reading CSV");
        b->caprows = cap;
    }
    c->rows[c->nrows] = b->row;
    c->nfields[c->nrows++] = b->nrow;
    b->row = NULL;
    b->nrow = b->caprow = 0;
    return KH_OK;
}

int kh_csv_parse(const char *s, size_t len, kh_csv *out)
{
    memset(out, 0, sizeof *out);
    builder b = {.csv = out};
    enum { START, UNQUOTED, QUOTED, AFTER_QUOTE } state = START;
    size_t quote_at = 0;
    int rc = KH_OK;
    for (size_t i = 0; i < len && rc == KH_OK; i++) {
        char c = s[i];
        switch (state) {
        case START:
        case UNQUOTED:
        case AFTER_QUOTE:
            if (c == '"' && state == START) {
                state = QUOTED;
                quote_at = i;
            } else if (c == ',') {
                rc = end_field(&b);
                state = START;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < len && s[i + 1] == '\n')
                    i++;
                if ((rc = end_field(&b)) == KH_OK)
                    rc = end_row(&b);
                state = START;
            } else {
                rc = kh_buf_append_char(&b.field, c);
                state = UNQUOTED;
            }
            break;
        case QUOTED:
            if (c == '"') {
                if (i + 1 < len && s[i + 1] == '"') {
                    rc = kh_buf_append_char(&b.field, '"');
                    i++;
                } else
                    state = AFTER_QUOTE;
            } else
                rc = kh_buf_append_char(&b.field, c);
            break;
        }
    }
    if (rc == KH_OK && state == QUOTED)
        rc = kh_set_error(KH_EPARSE, "unterminated quoted field starting at byte %zu", quote_at);
    if (rc == KH_OK && (state != START || b.nrow > 0)) {
        if ((rc = end_field(&b)) == KH_OK)
            rc = end_row(&b);
    }
    kh_buf_free(&b.field);
    if (rc != KH_OK) {
        for (size_t i = 0; i < b.nrow; i++)
            free(b.row[i]);
        free(b.row);
        kh_csv_free(out);
    }
    return rc;
}

int kh_csv_read(const char *path, kh_csv *out)
{
    memset(out, 0, sizeof *out);
    FILE *f = fopen(path, "rb");
    if (!f)
        return kh_set_error(KH_EIO, "cannot open %s", path);
    kh_buf b = {0};
    char chunk[65536];
    size_t n;
    int rc = KH_OK;
    while (rc == KH_OK && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
        rc = kh_buf_append(&b, chunk, n);
    int failed = ferror(f);
    fclose(f);
    if (rc == KH_OK && failed)
        rc = kh_set_error(KH_EIO, "cannot read %s", path);
    if (rc == KH_OK)
        rc = kh_csv_parse(b.data ? b.data : "", b.len, out);
    kh_buf_free(&b);
    return rc;
}

int kh_csv_column(const kh_csv *csv, const char *name)
{
    if (csv->nrows == 0)
        return -1;
    for (size_t i = 0; i < csv->nfields[0]; i++)
        if (strcmp(csv->rows[0][i], name) == 0)
            return (int)i;
    return -1;
}

void kh_csv_free(kh_csv *csv)
{
    for (size_t r = 0; r < csv->nrows; r++) {
        for (size_t f = 0; f < csv->nfields[r]; f++)
            free(csv->rows[r][f]);
        free(csv->rows[r]);
    }
    free(csv->rows);
    free(csv->nfields);
    memset(csv, 0, sizeof *csv);
}
