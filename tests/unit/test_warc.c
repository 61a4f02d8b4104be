/*
 * Unit tests: the WARC reader (io/warc.h) and kh_extract_paths() on WARC
 * and HTML files. Fixtures are built by tests/fixtures/warc/make.py.
 */
#include <zlib.h>

#include "kh_test.h"

#include "io/warc.h"

#define FIXTURES "tests/fixtures/warc/"

typedef struct seen {
    int records, errors;
    char uris[16][128];
    char charsets[16][32];
    int status[16];
    uint64_t err_offsets[16];
    size_t body_len[16];
} seen;

static void drain(kh_warc *w, seen *s)
{
    memset(s, 0, sizeof *s);
    kh_warc_record rec;
    for (int guard = 0; guard < 1000; guard++) {
        int rc = kh_warc_next(w, &rec);
        if (rc == 0)
            return;
        if (rc < 0) {
            if (s->errors < 16)
                s->err_offsets[s->errors] = kh_warc_error_offset(w);
            s->errors++;
            continue;
        }
        assert_non_null(rec.body);
        assert_int_equal(rec.body[rec.body_len], '\0');
        if (s->records < 16) {
            snprintf(s->uris[s->records], 128, "%s", rec.target_uri);
            snprintf(s->charsets[s->records], 32, "%s", rec.charset);
            s->status[s->records] = rec.http_status;
            s->body_len[s->records] = rec.body_len;
        }
        s->records++;
    }
    fail_msg("the reader does not end");
}

static void check_sample(const seen *s)
{
    assert_int_equal(s->errors, 0);
    assert_int_equal(s->records, 5); /* request, warcinfo, metadata skipped */
    assert_string_equal(s->uris[0], "https://news.example/fa/news/45217");
    assert_string_equal(s->charsets[0], "utf-8");
    assert_string_equal(s->uris[1], "https://news.example/ar/article/5821");
    assert_string_equal(s->charsets[1], "windows-1256");
    assert_string_equal(s->charsets[2], "iso-8859-6");
    assert_string_equal(s->uris[3], "https://news.example/logo.png");
    assert_int_equal(s->status[4], 404);
    assert_int_equal(s->status[0], 200);
}

static void test_plain_file(void **state)
{
    kh_warc *w = NULL;
    assert_int_equal(kh_warc_open_file(&w, FIXTURES "sample.warc"), KH_OK);
    seen s;
    drain(w, &s);
    check_sample(&s);
    /* Chunked coding undone: the page is whole. */
    kh_warc_free(w);
}

static void test_gzip_file(void **state)
{
    kh_warc *w = NULL;
    assert_int_equal(kh_warc_open_file(&w, FIXTURES "sample.warc.gz"), KH_OK);
    seen gz;
    drain(w, &gz);
    kh_warc_free(w);
    check_sample(&gz);
    assert_int_equal(kh_warc_open_file(&w, FIXTURES "sample.warc"), KH_OK);
    seen plain;
    drain(w, &plain);
    kh_warc_free(w);
    for (int i = 0; i < 5; i++)
        assert_int_equal(gz.body_len[i], plain.body_len[i]);
}

static void test_fields_and_decoding(void **state)
{
    kh_warc *w = NULL;
    assert_int_equal(kh_warc_open_file(&w, FIXTURES "sample.warc"), KH_OK);
    kh_warc_record rec;
    assert_int_equal(kh_warc_next(w, &rec), 1);
    assert_string_equal(rec.warc_date, "2024-01-16T05:10:00Z");
    assert_string_equal(rec.http_date, "Tue, 16 Jan 2024 05:10:00 GMT");
    assert_string_equal(rec.content_type, "text/html; charset=UTF-8");
    assert_non_null(strstr(rec.record_id, "urn:uuid:"));
    assert_non_null(strstr(rec.body, "<!DOCTYPE html>"));
    assert_true(rec.offset > 0);
    /* Chunked: no chunk-size lines left, the page ends properly. */
    assert_int_equal(kh_warc_next(w, &rec), 1);
    assert_memory_equal(rec.body, "<!DOCTYPE html>", 15);
    assert_non_null(strstr(rec.body, "</html>"));
    assert_null(strstr(rec.body, "\r\n2bc\r\n"));
    /* gzip content coding undone. */
    assert_int_equal(kh_warc_next(w, &rec), 1);
    assert_memory_equal(rec.body, "<!DOCTYPE html>", 15);
    kh_warc_free(w);
}

static void test_truncated_gzip(void **state)
{
    kh_warc *w = NULL;
    assert_int_equal(kh_warc_open_file(&w, FIXTURES "truncated.warc.gz"), KH_OK);
    seen s;
    drain(w, &s);
    kh_warc_free(w);
    assert_int_equal(s.records, 2);
    assert_int_equal(s.errors, 1);
    assert_true(s.err_offsets[0] > 0);
}

static void test_malformed_records_skipped(void **state)
{
    kh_warc *w = NULL;
    assert_int_equal(kh_warc_open_file(&w, FIXTURES "malformed.warc"), KH_OK);
    seen s;
    drain(w, &s);
    kh_warc_free(w);
    assert_int_equal(s.records, 2);
    assert_true(s.errors >= 1);
    assert_string_equal(s.uris[0], "https://news.example/a");
    assert_string_equal(s.uris[1], "https://news.example/b");
    assert_true(s.err_offsets[0] > 0);
}

static void test_memory_inputs(void **state)
{
    static const char one[] = "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: http://x/\r\n"
                              "Content-Length: 50\r\n\r\n"
                              "HTTP/1.0 200 OK\n"
                              "Content-Type: text/html\n\n<p>hi</p>\r\n\r\n";
    kh_warc *w = NULL;
    kh_warc_record rec;
    assert_int_equal(kh_warc_open_mem(&w, one, sizeof one - 1), KH_OK);
    assert_int_equal(kh_warc_next(w, &rec), 1);
    assert_string_equal(rec.target_uri, "http://x/");
    assert_int_equal(rec.http_status, 200);
    assert_string_equal(rec.body, "<p>hi</p>");
    assert_string_equal(rec.charset, "");
    assert_int_equal(kh_warc_next(w, &rec), 0);
    assert_int_equal(kh_warc_next(w, &rec), 0);
    kh_warc_free(w);

    static const char *bad[] = {
        "",
        "\r\n\r\n",
        "not a warc file at all",
        "WARC/1.0\r\nWARC-Type: response\r\n",                       /* header cut */
        "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99\r\n\r\nabc", /* block cut */
        "WARC/1.0\r\nContent-Length: -5\r\n\r\n",
        "WARC/1.0\r\nContent-Length: 99999999999999999999999\r\n\r\n",
        "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 4\r\n\r\nabcd\r\n\r\n", /* no HTTP */
        "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 12\r\n\r\nHTTP/1.1 200\r\n\r\n",
        "\x1f\x8b\x08\x00garbage after a gzip magic",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(kh_warc_open_mem(&w, bad[i], strlen(bad[i])), KH_OK);
        seen s;
        drain(w, &s);
        assert_int_equal(s.records, 0);
        kh_warc_free(w);
    }
}

static void test_gzip_in_memory_members(void **state)
{
    /* Two records, each its own gzip member, compressed here. */
    static const char rec[] = "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://m/\r\n"
                              "Content-Length: 35\r\n\r\n"
                              "HTTP/1.1 200 OK\r\n\r\n<p>member</p>\r\n\r\n";
    unsigned char out[1024];
    size_t n = 0;
    for (int k = 0; k < 2; k++) {
        z_stream z;
        memset(&z, 0, sizeof z);
        assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
        z.next_in = (Bytef *)rec;
        z.avail_in = sizeof rec - 1;
        z.next_out = out + n;
        z.avail_out = (uInt)(sizeof out - n);
        assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
        n = sizeof out - z.avail_out;
        deflateEnd(&z);
    }
    kh_warc *w = NULL;
    assert_int_equal(kh_warc_open_mem(&w, (const char *)out, n), KH_OK);
    seen s;
    drain(w, &s);
    kh_warc_free(w);
    assert_int_equal(s.records, 2);
    assert_int_equal(s.errors, 0);
    assert_string_equal(s.uris[1], "http://m/");
}

static void test_arguments(void **state)
{
    kh_warc *w = NULL;
    kh_warc_record rec;
    assert_int_equal(kh_warc_open_file(&w, "tests/fixtures/warc/no-such-file.warc"), KH_EIO);
    assert_int_equal(kh_warc_open_file(NULL, "x"), KH_EINVAL);
    assert_int_equal(kh_warc_open_mem(&w, NULL, 5), KH_EINVAL);
    assert_int_equal(kh_warc_next(NULL, &rec), KH_EINVAL);
    kh_warc_free(NULL);
}

/* The public API over the fixtures: one JSON line per HTML response. */
static int n_errors;
static void count_error(const kh_input_error *e, void *ctx)
{
    (void)e;
    (void)ctx;
    n_errors++;
}

static void test_extract_paths(void **state)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_non_null(out);
    const char *paths[] = {FIXTURES "sample.warc.gz", "tests/fixtures/html/ar_cp1256.html"};
    n_errors = 0;
    assert_int_equal(kh_extract_paths(paths, 2, KH_FORMAT_JSON, out, count_error, NULL), KH_OK);
    fclose(out);
    size_t lines = 0;
    for (size_t i = 0; i < len; i++)
        lines += buf[i] == '\n';
    /* 3 HTML 2xx responses (not the PNG, not the 404 page) + 1 page */
    assert_int_equal(lines, 4);
    assert_null(strstr(buf, "https://news.example/missing"));
    assert_non_null(strstr(buf, "\"title\":\"بارش سنگین برف راه‌های شمالی کشور را بست\""));
    assert_non_null(strstr(buf, "\"charset\":\"windows-1256\""));
    assert_non_null(strstr(buf, "\"reason\":\"comments\""));
    assert_non_null(strstr(buf, "\"target_uri\":\"https://news.example/ar/article/5821\""));
    free(buf);

    out = open_memstream(&buf, &len);
    const char *bad[] = {FIXTURES "malformed.warc", FIXTURES "make.py", FIXTURES "missing.html"};
    n_errors = 0;
    assert_int_equal(kh_extract_paths(bad, 3, KH_FORMAT_TEXT, out, count_error, NULL), KH_EINPUT);
    fclose(out);
    assert_true(n_errors >= 3);
    assert_non_null(strstr(buf, "https://news.example/b"));
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_file),
        cmocka_unit_test(test_gzip_file),
        cmocka_unit_test(test_fields_and_decoding),
        cmocka_unit_test(test_truncated_gzip),
        cmocka_unit_test(test_malformed_records_skipped),
        cmocka_unit_test(test_memory_inputs),
        cmocka_unit_test(test_gzip_in_memory_members),
        cmocka_unit_test(test_arguments),
        cmocka_unit_test(test_extract_paths),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
