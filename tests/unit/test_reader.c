/* Unit tests: the reader turns paths into raw articles and rejections. */
#include <sys/stat.h>
#include <unistd.h>

#include "kh_test.h"

#include "io/reader.h"

typedef struct seen {
    char origins[32][256];
    char firsts[32][64]; /* first bytes of each article */
    kh_raw_format formats[32];
    char titles[32][64];
    int ndocs;
    char rejects[32][512];
    int nrejects;
} seen;

static int on_doc(void *ctx, const kh_raw_doc *d)
{
    seen *s = ctx;
    assert_true(s->ndocs < 32);
    snprintf(s->origins[s->ndocs], 256, "%s:%ld", strrchr(d->origin, '/') + 1, d->line);
    snprintf(s->firsts[s->ndocs], 64, "%.*s", (int)(d->len < 20 ? d->len : 20), d->bytes);
    snprintf(s->titles[s->ndocs], 64, "%s", d->title ? d->title : "");
    s->formats[s->ndocs] = d->format;
    s->ndocs++;
    return KH_OK;
}

static void on_reject(void *ctx, const kh_input_error *e)
{
    seen *s = ctx;
    assert_true(s->nrejects < 32);
    snprintf(s->rejects[s->nrejects++], 512, "%s:%ld:%llu:%s", strrchr(e->origin, '/') + 1,
             e->line, (unsigned long long)e->offset, e->reason);
}

static char dir[256];

static void write_file(const char *name, const char *bytes, size_t len)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fwrite(bytes, 1, len, f);
    fclose(f);
}

static int setup(void **state)
{
    snprintf(dir, sizeof dir, "%s/khabar-reader-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(dir))
        return -1;
    char sub[300];
    snprintf(sub, sizeof sub, "%s/b-sub", dir);
    mkdir(sub, 0700);
    write_file("a.txt", "خبر اول\nمتن خبر.", strlen("خبر اول\nمتن خبر."));
    write_file("b-sub/page.html", "<html><title>T</title><p>x</p></html>", 37);
    write_file("c.jsonl",
               "{\"id\": 7, \"title\": \"one\", \"text\": \"first text\"}\n"
               "\n"
               "{\"id\": \"8\", \"text\": \n"
               "[1, 2]\n"
               "{\"title\": \"no body\"}\n"
               "{\"html\": \"<p>hi</p>\", \"lang\": \"en\"}\n"
               "{\"text\": 5}\n",
               strlen("{\"id\": 7, \"title\": \"one\", \"text\": \"first text\"}\n"
                      "\n"
                      "{\"id\": \"8\", \"text\": \n"
                      "[1, 2]\n"
                      "{\"title\": \"no body\"}\n"
                      "{\"html\": \"<p>hi</p>\", \"lang\": \"en\"}\n"
                      "{\"text\": 5}\n"));
    write_file("d-empty.txt", "", 0);
    write_file("e-binary.txt", "\x7f" "ELF\0\0\0\x01\x02", 9);
    write_file("f-latin1.txt", "caf\xe9", 4);
    write_file("g-notes.md", "ignored in a directory walk", 27);
    return 0;
}

static int teardown(void **state)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void test_directory_walk(void **state)
{
    seen s = {0};
    kh_reader_sink sink = {on_doc, on_reject, NULL, &s};
    const char *paths[] = {dir};
    uint64_t files = 0;
    assert_int_equal(kh_reader_run(paths, 1, &sink, NULL, &files), KH_OK);
    /* sorted order: a.txt, b-sub/page.html, c.jsonl lines, then the bad files */
    assert_int_equal(s.ndocs, 4);
    assert_string_equal(s.origins[0], "a.txt:0");
    assert_string_equal(s.origins[1], "page.html:0");
    assert_int_equal(s.formats[1], KH_RAW_HTML);
    assert_string_equal(s.origins[2], "c.jsonl:1");
    assert_string_equal(s.titles[2], "one");
    assert_string_equal(s.firsts[2], "first text");
    assert_string_equal(s.origins[3], "c.jsonl:6");
    assert_int_equal(s.formats[3], KH_RAW_HTML);
    assert_int_equal(files, 6);

    assert_int_equal(s.nrejects, 7);
    assert_non_null(strstr(s.rejects[0], "c.jsonl:3:"));
    assert_non_null(strstr(s.rejects[0], "invalid JSON"));
    assert_non_null(strstr(s.rejects[1], "c.jsonl:4:"));
    assert_non_null(strstr(s.rejects[1], "not a JSON object"));
    assert_non_null(strstr(s.rejects[2], "c.jsonl:5:"));
    assert_non_null(strstr(s.rejects[2], "no \"text\" or \"html\""));
    assert_non_null(strstr(s.rejects[3], "c.jsonl:7:"));
    assert_non_null(strstr(s.rejects[3], "\"text\" must be a string"));
    assert_string_equal(s.rejects[4], "d-empty.txt:0:0:empty (no text)");
    assert_string_equal(s.rejects[5], "e-binary.txt:0:4:binary data (NUL byte)");
    assert_string_equal(s.rejects[6], "f-latin1.txt:0:3:invalid UTF-8");
}

static void test_explicit_unknown_and_missing(void **state)
{
    seen s = {0};
    kh_reader_sink sink = {on_doc, on_reject, NULL, &s};
    char md[300], missing[300];
    snprintf(md, sizeof md, "%s/g-notes.md", dir);
    snprintf(missing, sizeof missing, "%s/nope.txt", dir);
    const char *paths[] = {md, missing};
    assert_int_equal(kh_reader_run(paths, 2, &sink, NULL, NULL), KH_OK);
    assert_int_equal(s.ndocs, 0);
    assert_int_equal(s.nrejects, 2);
    assert_non_null(strstr(s.rejects[0], "unsupported file type"));
    assert_non_null(strstr(s.rejects[1], "No such file"));
}

static void test_total_bytes(void **state)
{
    const char *paths[] = {dir};
    /* .md is not counted: it is not read */
    uint64_t expected = strlen("خبر اول\nمتن خبر.") + 37 + 9 + 4 + 0;
    char jsonl[300];
    snprintf(jsonl, sizeof jsonl, "%s/c.jsonl", dir);
    struct stat st;
    assert_int_equal(stat(jsonl, &st), 0);
    expected += (uint64_t)st.st_size;
    assert_int_equal(kh_reader_total_bytes(paths, 1), expected);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_directory_walk),
        cmocka_unit_test(test_explicit_unknown_and_missing),
        cmocka_unit_test(test_total_bytes),
    };
    return cmocka_run_group_tests_name("reader", tests, setup, teardown);
}
