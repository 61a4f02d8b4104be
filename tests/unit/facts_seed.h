/*
 * facts_seed.h: what the facts tests share: running the extractor on a
 * text or on a seed article (examples/seeds, read from the project root,
 * cut where its boilerplate starts, as extraction would) and looking into
 * the JSON it returns.
 */
#ifndef KH_FACTS_SEED_H
#define KH_FACTS_SEED_H

#include <jansson.h>

#include "kh_test.h"

/* The text of a seed, up to (not including) the first line starting with
 * cut (NULL: the whole file). Free with free(). */
static inline char *facts_seed_text(const char *name, const char *cut, size_t *len)
{
    char path[256];
    snprintf(path, sizeof path, "examples/seeds/%s", name);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *buf = malloc(1 << 16);
    assert_non_null(buf);
    size_t n = fread(buf, 1, (1 << 16) - 1, f);
    fclose(f);
    buf[n] = '\0';
    if (cut) {
        char *p = strstr(buf, cut);
        assert_non_null(p);
        *p = '\0';
        n = (size_t)(p - buf);
    }
    *len = n;
    return buf;
}

/* Runs the extractor and parses its JSON (json_decref it). */
static inline json_t *facts_run(kh_facts *f, const char *text, size_t len, const char *lang)
{
    char *out = NULL;
    assert_int_equal(kh_facts_extract_json(f, text, len, lang, &out), KH_OK);
    json_error_t err;
    json_t *root = json_loads(out, 0, &err);
    if (!root)
        fail_msg("bad JSON from kh_facts_extract_json: %s: %s", err.text, out);
    kh_free(out);
    return root;
}

static inline json_t *facts_run_str(kh_facts *f, const char *text, const char *lang)
{
    return facts_run(f, text, strlen(text), lang);
}

static inline const char *js(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

/* Key of the entity a figure's happening is anchored to ("" if none). */
static inline const char *facts_anchor_key(json_t *fig)
{
    json_t *a = json_object_get(json_object_get(fig, "happening"), "anchor");
    return json_is_object(a) ? js(a, "key") : "";
}

/* The first figure with this value, qualifier and counted thing, or NULL. */
static inline json_t *facts_find_figure(json_t *root, double value, const char *qual,
                                        const char *thing)
{
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(root, "figures"), i, v) {
        if (json_number_value(json_object_get(v, "value")) == value &&
            !strcmp(js(v, "qualifier"), qual) && !strcmp(js(v, "counted"), thing))
            return v;
    }
    return NULL;
}

/* The speaker's entity key of an attribution ("" if none). */
static inline const char *facts_speaker_key(json_t *att)
{
    json_t *sp = json_object_get(att, "speaker");
    json_t *e = json_is_object(sp) ? json_object_get(sp, "entity") : NULL;
    return json_is_object(e) ? js(e, "key") : "";
}

static inline const char *facts_speaker_text(json_t *att)
{
    json_t *sp = json_object_get(att, "speaker");
    return json_is_object(sp) ? js(sp, "text") : "";
}

/* The first attribution with this stance whose speaker has key (or whose
 * speaker text contains key when it is not ASCII), or NULL. */
static inline json_t *facts_find_attribution(json_t *root, const char *stance, const char *key)
{
    size_t i;
    json_t *v;
    int ascii = (unsigned char)key[0] < 0x80;
    json_array_foreach(json_object_get(root, "attributions"), i, v) {
        if (strcmp(js(v, "stance"), stance))
            continue;
        if (ascii ? !strcmp(facts_speaker_key(v), key) : strstr(facts_speaker_text(v), key) != NULL)
            return v;
    }
    return NULL;
}

/* Prints the figures and attributions of a result (for the test log). */
static inline void facts_print(const char *name, json_t *root)
{
    size_t i;
    json_t *v;
    printf("%s figures:\n", name);
    json_array_foreach(json_object_get(root, "figures"), i, v) {
        json_t *hi = json_object_get(v, "hi");
        json_t *h = json_object_get(v, "happening");
        json_t *date = json_object_get(h, "date");
        printf("  %s: %s [%g, ", js(v, "text"), js(v, "qualifier"),
               json_number_value(json_object_get(v, "lo")));
        if (json_is_null(hi))
            printf("inf)");
        else
            printf("%g]", json_number_value(hi));
        printf(" %s; happening %s at %s on %s\n", js(v, "counted"),
               json_is_object(json_object_get(h, "event")) ? js(json_object_get(h, "event"), "text") : "-",
               *facts_anchor_key(v) ? facts_anchor_key(v) : "-",
               json_is_object(date) ? js(date, "text") : "-");
    }
    printf("%s attributions:\n", name);
    json_array_foreach(json_object_get(root, "attributions"), i, v) {
        json_t *par = json_object_get(v, "parent");
        json_t *cites = json_object_get(v, "cites");
        printf("  [%zu] %s by %s%s%s%s", i, js(v, "stance"), facts_speaker_text(v),
               *facts_speaker_key(v) ? " @" : "", facts_speaker_key(v),
               json_array_size(cites) ? " citing " : "");
        if (json_array_size(cites))
            printf("%s", js(json_object_get(json_array_get(cites, 0), "source"), "text"));
        if (json_is_integer(par))
            printf(" (within [%lld])", (long long)json_integer_value(par));
        printf("\n");
    }
}

#endif
