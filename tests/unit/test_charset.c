/* Unit tests: charset detection and conversion to UTF-8 (io/charset.h). */
#include "kh_test.h"

#include "io/charset.h"

#define FIXTURES "tests/fixtures/html/"

static const char *FA_TITLE = "بارش سنگین برف راه‌های شمالی کشور را بست";
static const char *AR_TITLE = "افتتاح محطة جديدة لتحلية المياه على الساحل الشرقي";

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    assert_non_null(b);
    assert_int_equal(fread(b, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    b[n] = '\0';
    *len = (size_t)n;
    return b;
}

/* Converts bytes; checks the charset chosen and returns the UTF-8. */
static char *convert(const char *bytes, size_t len, const char *declared, const char *want)
{
    char *out = NULL, name[64];
    size_t out_len = 0;
    assert_int_equal(kh_charset_to_utf8(bytes, len, declared, &out, &out_len, name, sizeof name),
                     KH_OK);
    assert_non_null(out);
    assert_int_equal(strlen(out), out_len);
    if (want)
        assert_string_equal(name, want);
    return out;
}

static char *convert_file(const char *file, const char *want)
{
    size_t len;
    char *bytes = slurp(file, &len);
    char *out = convert(bytes, len, NULL, want);
    free(bytes);
    return out;
}

static void test_fixture_charsets(void **state)
{
    static const struct {
        const char *file, *charset, *title;
    } cases[] = {
        {FIXTURES "fa_utf8.html", "UTF-8", NULL},
        {FIXTURES "fa_utf16le_bom.html", "UTF-16LE", NULL},
        {FIXTURES "ar_cp1256.html", "windows-1256", NULL},
        {FIXTURES "ar_iso8859_6.html", "ISO-8859-6", NULL},
        {FIXTURES "ar_cp1256_nodecl.html", "windows-1256", NULL},
        {FIXTURES "fa_utf8_stray.html", "UTF-8 (repaired)", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *out = convert_file(cases[i].file, cases[i].charset);
        const char *title = strstr(cases[i].file, "/fa_") ? FA_TITLE : AR_TITLE;
        assert_non_null(strstr(out, title));
        free(out);
    }
}

static void test_bom(void **state)
{
    char *out = convert("\xEF\xBB\xBFhi", 5, NULL, "UTF-8");
    assert_string_equal(out, "hi"); /* BOM stripped */
    free(out);
    out = convert("\xFF\xFEh\0i\0", 6, NULL, "UTF-16LE");
    assert_string_equal(out, "hi");
    free(out);
    out = convert("\xFE\xFF\0h\0i", 6, "windows-1256", "UTF-16BE"); /* BOM beats header */
    assert_string_equal(out, "hi");
    free(out);
    /* سلام in UTF-16LE with BOM */
    out = convert("\xFF\xFE\x33\x06\x44\x06\x27\x06\x45\x06", 10, NULL, "UTF-16LE");
    assert_string_equal(out, "سلام");
    free(out);
}

static void test_declared(void **state)
{
    /* سلام in windows-1256 and ISO-8859-6, told by an HTTP header. */
    char *out = convert("\xd3\xe1\xc7\xe3", 4, "windows-1256", "windows-1256");
    assert_string_equal(out, "سلام");
    free(out);
    out = convert("\xd3\xe4\xc7\xe5", 4, "ISO-8859-6", "ISO-8859-6");
    assert_string_equal(out, "سلام");
    free(out);
    out = convert("\xd3\xe1\xc7\xe3", 4, "\"cp1256\"", "windows-1256");
    assert_string_equal(out, "سلام");
    free(out);
    /* latin1 means windows-1252 (WHATWG): 0x93 0x94 are quotes. */
    out = convert("\x93hi\x94", 4, "iso-8859-1", "windows-1252");
    assert_string_equal(out, "\u201chi\u201d");
    free(out);
    /* UTF-16 declared by the header, no BOM: byte order from NUL bytes. */
    out = convert("<\0p\0>\0h\0i\0", 10, "utf-16", "UTF-16LE");
    assert_string_equal(out, "<p>hi");
    free(out);
    /* An unknown label falls through to detection. */
    out = convert("plain ascii", 11, "x-no-such-charset", "UTF-8");
    assert_string_equal(out, "plain ascii");
    free(out);
}

static void test_valid_utf8_beats_stale_meta(void **state)
{
    const char *page = "<meta charset=\"windows-1256\"><p>سلام دنیا</p>";
    char *out = convert(page, strlen(page), NULL, "UTF-8");
    assert_string_equal(out, page);
    free(out);
    out = convert(page, strlen(page), "windows-1256", "UTF-8");
    assert_string_equal(out, page);
    free(out);
}

static void test_meta_sniffing(void **state)
{
    char name[32];
    const char *a = "<html><head><META HTTP-EQUIV=\"Content-Type\" "
                    "CONTENT=\"text/html; charset=Windows-1256\">";
    assert_int_equal(kh_charset_sniff_html(a, strlen(a), name, sizeof name), 1);
    assert_string_equal(name, "windows-1256");
    const char *b = "<meta charset='iso-8859-6' />";
    assert_int_equal(kh_charset_sniff_html(b, strlen(b), name, sizeof name), 1);
    assert_string_equal(name, "iso-8859-6");
    const char *c = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><html>";
    assert_int_equal(kh_charset_sniff_html(c, strlen(c), name, sizeof name), 1);
    assert_string_equal(name, "utf-8");
    const char *d = "<html><meta name=\"x\" content=\"y\"><p>charset</p>";
    assert_int_equal(kh_charset_sniff_html(d, strlen(d), name, sizeof name), 0);
    assert_int_equal(kh_charset_from_content_type("text/html; Charset = \"UTF-8\"", 28, name,
                                                  sizeof name),
                     1);
    assert_string_equal(name, "utf-8");
    assert_int_equal(kh_charset_from_content_type("text/html", 9, name, sizeof name), 0);
    /* A label longer than the buffer is refused, not cut. */
    assert_int_equal(kh_charset_from_content_type("a; charset=abcdefghij", 21, name, 4), 0);

    /* The meta declaration converts a legacy page. */
    const char *page = "<meta charset=\"windows-1256\"><p>\xd3\xe1\xc7\xe3</p>";
    char *out = convert(page, strlen(page), NULL, "windows-1256");
    assert_non_null(strstr(out, "<p>سلام</p>"));
    free(out);
}

static void test_stray_bytes_repaired(void **state)
{
    /* Mostly UTF-8 with a stray windows-1252 quote: repaired, not re-decoded. */
    const char *s = "سلام دنیا، این یک متن \x93آزمایشی است و بیشتر آن درست است.";
    char *out = convert(s, strlen(s), "windows-1256", "UTF-8 (repaired)");
    assert_non_null(strstr(out, "سلام دنیا"));
    assert_non_null(strstr(out, "\xEF\xBF\xBD" "آزمایشی"));
    free(out);
    /* Truncated sequence at the end. */
    out = convert("سلام\xd8", 9, NULL, "UTF-8 (repaired)");
    assert_string_equal(out, "سلام\xEF\xBF\xBD");
    free(out);
}

static void test_detection_fallback(void **state)
{
    /* Arabic in windows-1256 with no declaration: ICU's detector. */
    const char *s = "<html><body><p>\xce\xc8\xd1 \xda\xc7\xcc\xe1: \xc7\xdd\xca\xca\xc7\xcd "
                    "\xc7\xe1\xe3\xda\xd1\xd6 \xc7\xe1\xcf\xe6\xe1\xed \xe1\xe1\xdf\xca\xc7\xc8 "
                    "\xdd\xed \xc7\xe1\xda\xc7\xd5\xe3\xc9 \xc7\xe1\xed\xe6\xe3 \xc8\xe3\xd4\xc7"
                    "\xd1\xdf\xc9 \xe6\xc7\xd3\xda\xc9 \xe3\xe4 \xcf\xe6\xd1 \xc7\xe1\xe4\xd4\xd1 "
                    "\xc7\xe1\xda\xd1\xc8\xed\xc9 \xe6\xc7\xe1\xc3\xcc\xe4\xc8\xed\xc9</p></body></html>";
    char *out = convert(s, strlen(s), NULL, "windows-1256");
    assert_non_null(strstr(out, "خبر عاجل: افتتاح المعرض الدولي للكتاب"));
    free(out);
    /* Binary junk still converts (to something), never crashes. */
    unsigned char junk[512];
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = (unsigned char)(i * 131 + 7);
    out = convert((const char *)junk, sizeof junk, NULL, NULL);
    free(out);
}

static void test_limits_and_arguments(void **state)
{
    char *out = NULL;
    size_t n = 0;
    char name[8];
    assert_int_equal(kh_charset_to_utf8("x", 1, NULL, NULL, &n, name, sizeof name), KH_EINVAL);
    assert_int_equal(kh_charset_to_utf8(NULL, 1, NULL, &out, &n, name, sizeof name), KH_EINVAL);
    /* Empty input is empty UTF-8. */
    assert_int_equal(kh_charset_to_utf8("", 0, NULL, &out, &n, NULL, 0), KH_OK);
    assert_string_equal(out, "");
    free(out);
    /* Oversize input is refused before any byte is read. */
    char *big = malloc(KH_CHARSET_MAX_BYTES + 1);
    assert_non_null(big);
    assert_int_equal(kh_charset_to_utf8(big, KH_CHARSET_MAX_BYTES + 1, NULL, &out, &n, NULL, 0),
                     KH_EINVAL);
    assert_null(out);
    assert_non_null(strstr(kh_last_error(), "limit"));
    free(big);
    /* A small name buffer is cut, not overrun. */
    assert_int_equal(kh_charset_to_utf8("\xd3\xe1\xc7\xe3", 4, "windows-1256", &out, &n, name,
                                        sizeof name),
                     KH_OK);
    assert_int_equal(strlen(name), sizeof name - 1);
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixture_charsets),
        cmocka_unit_test(test_bom),
        cmocka_unit_test(test_declared),
        cmocka_unit_test(test_valid_utf8_beats_stale_meta),
        cmocka_unit_test(test_meta_sniffing),
        cmocka_unit_test(test_stray_bytes_repaired),
        cmocka_unit_test(test_detection_fallback),
        cmocka_unit_test(test_limits_and_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
