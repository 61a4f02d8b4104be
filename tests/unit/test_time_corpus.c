/*
 * test_time_corpus.c: the date scanner on tests/fixtures/dates/expressions.tsv.
 *
 * Each line is "anchor TAB text TAB expected values" (see the file's head).
 * Per line, with F expressions found and E expected, min(F, E) count as
 * detected, the rest as false positives or misses; a value is correct when
 * an expected value (or "ERR" for a rejected date) is among those found.
 * Prints detection precision / recall and value accuracy, lists every
 * line that differs, and fails under the thresholds below.
 */
#include "kh_test.h"

#include "time/datexpr.h"

#define FIXTURE "tests/fixtures/dates/expressions.tsv"

static const double MIN_PRECISION = 0.95, MIN_RECALL = 0.95, MIN_ACCURACY = 0.93;

typedef struct tally {
    size_t lines, found, expected, detected, correct;
} tally;

/* Splits "a | b | c" into values; "-" is none. */
static size_t split_expected(char *s, char **v, size_t max)
{
    size_t n = 0;
    if (strcmp(s, "-") == 0)
        return 0;
    for (char *tok = strtok(s, "|"); tok && n < max; tok = strtok(NULL, "|")) {
        while (*tok == ' ')
            tok++;
        char *end = tok + strlen(tok);
        while (end > tok && end[-1] == ' ')
            *--end = '\0';
        v[n++] = tok;
    }
    return n;
}

static void run_line(kh_dates *d, char *line, tally *t)
{
    char *anchor = strtok(line, "\t"), *text = strtok(NULL, "\t"), *exp = strtok(NULL, "\t\n");
    char *want[16], got[16][64];
    kh_datexprs xs = {0};
    kh_date_ctx ctx = {0};
    if (!anchor || !text || !exp)
        fail_msg("malformed fixture line");
    if (strcmp(anchor, "-") != 0) {
        assert_int_equal(kh_anchor_parse(anchor, &ctx.anchor), KH_OK);
        ctx.has_anchor = 1;
    }
    const size_t ne = split_expected(exp, want, 16);
    assert_int_equal(kh_datexpr_scan(d, text, strlen(text), &xs), KH_OK);
    const size_t nf = xs.n < 16 ? xs.n : 16;
    for (size_t i = 0; i < nf; i++) {
        kh_datexpr_resolve(d, &xs.v[i], &ctx);
        if (xs.v[i].invalid)
            snprintf(got[i], sizeof got[i], "ERR");
        else
            kh_datexpr_value(&xs.v[i], got[i], sizeof got[i]);
    }
    int used[16] = {0};
    size_t ok = 0;
    for (size_t e = 0; e < ne; e++)
        for (size_t i = 0; i < nf; i++)
            if (!used[i] && strcmp(want[e], got[i]) == 0) {
                used[i] = 1;
                ok++;
                break;
            }
    t->lines++;
    t->found += nf;
    t->expected += ne;
    t->detected += nf < ne ? nf : ne;
    t->correct += ok;
    if (ok != ne || nf != ne) {
        printf("  differs: [%s] %s\n    expected:", anchor, text);
        for (size_t e = 0; e < ne; e++)
            printf(" %s", want[e]);
        printf("\n    found:   ");
        for (size_t i = 0; i < nf; i++)
            printf(" %s «%.*s»", got[i][0] ? got[i] : "?", (int)(xs.v[i].end - xs.v[i].start),
                   text + xs.v[i].start);
        printf("\n");
    }
    kh_datexprs_free(&xs);
}

static void test_corpus(void **state)
{
    (void)state;
    kh_dates *d;
    tally t = {0};
    char line[4096];
    FILE *f = fopen(FIXTURE, "r");
    if (!f)
        fail_msg("cannot open %s (run from the project root)", FIXTURE);
    assert_int_equal(kh_dates_new(&d), KH_OK);
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || line[0] == '\n')
            continue;
        run_line(d, line, &t);
    }
    fclose(f);
    kh_dates_free(d);
    const double precision = t.found ? (double)t.detected / (double)t.found : 1;
    const double recall = t.expected ? (double)t.detected / (double)t.expected : 1;
    const double accuracy = t.expected ? (double)t.correct / (double)t.expected : 1;
    printf("dates corpus: %zu lines, %zu expected, %zu found\n", t.lines, t.expected, t.found);
    printf("dates corpus: detection precision %.3f recall %.3f, value accuracy %.3f (%zu/%zu)\n",
           precision, recall, accuracy, t.correct, t.expected);
    assert_true(t.expected >= 200);
    assert_true(precision >= MIN_PRECISION);
    assert_true(recall >= MIN_RECALL);
    assert_true(accuracy >= MIN_ACCURACY);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_corpus)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
