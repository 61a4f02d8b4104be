/*
 * fuzz_facts.c: libFuzzer target for the facts layer (entities, figures,
 * attributions and their JSON).
 *
 * Invalid UTF-8 is rejected first (the library does the same and must say
 * KH_EENCODING); the first byte picks the language hint. The output must be
 * NUL-terminated JSON whose every span lies inside the input.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "khabar.h"
#include "text/utf8.h"

static kh_facts *facts;

static void check_spans(json_t *v, size_t size)
{
    if (json_is_object(v)) {
        json_t *s = json_object_get(v, "start"), *e = json_object_get(v, "end");
        if (json_is_integer(s) && json_is_integer(e) &&
            (json_integer_value(s) > json_integer_value(e) || (size_t)json_integer_value(e) > size))
            abort();
        const char *k;
        json_t *c;
        json_object_foreach(v, k, c) check_spans(c, size);
    } else if (json_is_array(v)) {
        size_t i;
        json_t *c;
        json_array_foreach(v, i, c) check_spans(c, size);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const langs[] = {NULL, "fa", "ar", "en"};
    if (!facts && kh_facts_new(&facts) != KH_OK)
        abort();
    const char *lang = NULL;
    if (size > 0) {
        lang = langs[data[0] % 4];
        data++;
        size--;
    }
    const char *text = (const char *)data;
    char *out = NULL;
    int rc = kh_facts_extract_json(facts, text, size, lang, &out);
    if (kh_utf8_invalid_offset(text, size) != size) {
        if (rc != KH_EENCODING || out)
            abort();
        return 0;
    }
    if (rc != KH_OK)
        abort();
    json_error_t err;
    json_t *root = json_loads(out, JSON_ALLOW_NUL, &err);
    if (!root)
        abort();
    check_spans(root, size);
    json_decref(root);
    kh_free(out);
    return 0;
}
