/* Unit tests: core helpers (buffer, hash map, embedded data). */
#include "kh_test.h"

#include "core/buf.h"
#include "core/data.h"
#include "core/hmap.h"

static void test_buf_detach_empty_is_a_string(void **state)
{
    /* regression: detaching a never-written buffer returned unterminated bytes */
    kh_buf b = {0};
    char *s = kh_buf_detach(&b, NULL);
    assert_non_null(s);
    assert_string_equal(s, "");
    free(s);
    kh_buf_reserve(&b, 10);
    assert_string_equal(b.data, "");
    kh_buf_free(&b);
}

static void test_buf_append_and_printf(void **state)
{
    kh_buf b = {0};
    for (int i = 0; i < 1000; i++)
        assert_int_equal(kh_buf_printf(&b, "%d,", i % 10), KH_OK);
    assert_int_equal(b.len, 2000);
    assert_int_equal(b.data[b.len], '\0');
    assert_memory_equal(b.data, "0,1,2,", 6);
    size_t len;
    char *s = kh_buf_detach(&b, &len);
    assert_int_equal(len, 2000);
    assert_null(b.data);
    free(s);
}

static void test_hmap(void **state)
{
    kh_hmap m = {0};
    for (uint64_t k = 0; k < 10000; k++) {
        int inserted;
        uint64_t *v = kh_hmap_upsert(&m, k * 0x9E3779B97F4A7C15ull, k, &inserted);
        assert_non_null(v);
        assert_true(inserted);
    }
    assert_int_equal(m.n, 10000);
    for (uint64_t k = 0; k < 10000; k++) {
        uint64_t *v = kh_hmap_get(&m, k * 0x9E3779B97F4A7C15ull);
        assert_non_null(v);
        assert_int_equal(*v, k);
    }
    assert_null(kh_hmap_get(&m, 12345));
    int inserted;
    (*kh_hmap_upsert(&m, 0, 0, &inserted))++; /* key 0 is the first key again */
    assert_false(inserted);
    kh_hmap_clear(&m);
    assert_int_equal(m.n, 0);
    assert_null(kh_hmap_get(&m, 0x9E3779B97F4A7C15ull));
    kh_hmap_free(&m);
}

static void test_data_files_and_lines(void **state)
{
    size_t len;
    const char *fold = kh_data_get("text/fold.tsv", &len);
    assert_non_null(fold);
    assert_int_equal(strlen(fold), len);
    assert_null(kh_data_get("no/such/file", NULL));
    const char *text = "# comment\n\nfirst  \r\n#x\nsecond";
    size_t cursor = 0, n;
    const char *line;
    assert_true(kh_data_next_line(text, strlen(text), &cursor, &line, &n));
    assert_int_equal(n, 5);
    assert_memory_equal(line, "first", 5);
    assert_true(kh_data_next_line(text, strlen(text), &cursor, &line, &n));
    assert_memory_equal(line, "second", 6);
    assert_false(kh_data_next_line(text, strlen(text), &cursor, &line, &n));
}

static void test_last_error(void **state)
{
    kh_db *db = NULL;
    assert_int_equal(kh_db_open(&db, "/nonexistent-dir/x/k.db"), KH_EDB);
    assert_int_equal(kh_last_error_code(), KH_EDB);
    assert_non_null(strstr(kh_last_error(), "/nonexistent-dir/x/k.db"));
    assert_null(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_buf_detach_empty_is_a_string),
        cmocka_unit_test(test_buf_append_and_printf),
        cmocka_unit_test(test_hmap),
        cmocka_unit_test(test_data_files_and_lines),
        cmocka_unit_test(test_last_error),
    };
    return cmocka_run_group_tests_name("core", tests, NULL, NULL);
}
