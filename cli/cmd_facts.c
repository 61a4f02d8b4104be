/*
 * cmd_facts.c: `khabar facts`: the entities, figures and attributions of
 * texts (see docs/facts.md), without storing anything.
 *
 *   khabar facts [--json] [--lang L] FILE...    each file is one text
 *   khabar facts [--json] [--lang L]            standard input is one text
 *   khabar facts --lines [--lang L] [FILE...]   one text per line (raw, or
 *                                               JSONL with "text" and an
 *                                               optional "lang"); output
 *                                               line N answers input line N
 *
 * --lines always writes JSON, one object per line; a line that cannot be
 * read is answered with {"error":"..."} and the exit status is 1.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"

int cmd_facts(int argc, char **argv);

static const char *facts_usage =
    "usage: khabar facts [--json] [--lang fa|ar|en] [--lines] [FILE...]\n"
    "\n"
    "Prints the facts of each text: named entities (people, organizations,\n"
    "places, with keys shared across Persian, Arabic and English spellings),\n"
    "figures (number, qualifier turned into a range, what is counted and the\n"
    "happening it belongs to) and attributions (speaker, reporting verb,\n"
    "stance, content and cited sources).\n"
    "\n"
    "  --json      one JSON object per text (see docs/facts.md)\n"
    "  --lang L    the language of the texts (default: guessed)\n"
    "  --lines     one text per input line (raw or JSONL with \"text\");\n"
    "              writes one JSON object per line, errors as {\"error\":..}\n"
    "\n"
    "Without FILE, reads standard input.\n"
    "Exit status: 0 ok, 1 some inputs had errors (the others printed), 2 fatal.\n";

static char *read_all(FILE *in, size_t *len)
{
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    if (!buf)
        return NULL;
    size_t got;
    while ((got = fread(buf + n, 1, cap - n - 1, in)) > 0) {
        n += got;
        if (cap - n - 1 == 0) {
            char *b2 = realloc(buf, cap * 2);
            if (!b2) {
                free(buf);
                return NULL;
            }
            buf = b2;
            cap *= 2;
        }
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

static void print_span(const char *label, json_t *o)
{
    if (!json_is_object(o))
        return;
    printf(" %s %s", label, json_string_value(json_object_get(o, "text")));
}

static void print_text(const char *name, const char *json)
{
    json_error_t err;
    json_t *root = json_loads(json, 0, &err);
    if (!root) {
        printf("%s\n", json);
        return;
    }
    printf("== %s (%s)\n", name, json_string_value(json_object_get(root, "lang")));
    size_t i;
    json_t *v;
    printf("entities:\n");
    json_array_foreach(json_object_get(root, "entities"), i, v) {
        printf("  %-6s %-8s %-22s %s\n", json_string_value(json_object_get(v, "type")),
               json_string_value(json_object_get(v, "subtype")),
               json_string_value(json_object_get(v, "key")),
               json_string_value(json_object_get(v, "text")));
    }
    printf("figures:\n");
    json_array_foreach(json_object_get(root, "figures"), i, v) {
        json_t *hi = json_object_get(v, "hi");
        printf("  %s  %s [%g, ", json_string_value(json_object_get(v, "text")),
               json_string_value(json_object_get(v, "qualifier")),
               json_number_value(json_object_get(v, "lo")));
        if (json_is_null(hi))
            printf("inf)");
        else
            printf("%g]", json_number_value(hi));
        printf("  %s", json_string_value(json_object_get(v, "counted")));
        print_span("cue:", json_object_get(v, "cue"));
        json_t *h = json_object_get(v, "happening");
        print_span("| event:", json_object_get(h, "event"));
        json_t *a = json_object_get(h, "anchor");
        if (json_is_object(a))
            printf(" at %s (%s)", json_string_value(json_object_get(a, "text")),
                   json_string_value(json_object_get(a, "key")));
        print_span("on", json_object_get(h, "date"));
        printf("\n");
    }
    printf("attributions:\n");
    json_array_foreach(json_object_get(root, "attributions"), i, v) {
        json_t *sp = json_object_get(v, "speaker");
        printf("  [%zu] %-12s speaker: %s", i, json_string_value(json_object_get(v, "stance")),
               json_is_object(sp) ? json_string_value(json_object_get(sp, "text")) : "?");
        json_t *se = json_is_object(sp) ? json_object_get(sp, "entity") : NULL;
        if (json_is_object(se))
            printf(" (%s)", json_string_value(json_object_get(se, "key")));
        print_span("| verb:", json_object_get(v, "verb"));
        size_t c;
        json_t *cv;
        json_array_foreach(json_object_get(v, "cites"), c, cv) {
            print_span("| cites:", json_object_get(cv, "source"));
        }
        json_t *par = json_object_get(v, "parent");
        if (json_is_integer(par))
            printf(" | within [%lld]", (long long)json_integer_value(par));
        json_t *ct = json_object_get(v, "content");
        if (json_is_object(ct))
            printf("\n        \"%s\"", json_string_value(json_object_get(ct, "text")));
        printf("\n");
    }
    json_decref(root);
}

static int one_text(kh_facts *f, const char *name, const char *text, size_t len,
                    const char *lang, int json)
{
    char *out = NULL;
    if (kh_facts_extract_json(f, text, len, lang, &out) != KH_OK) {
        fprintf(stderr, "khabar: %s: %s\n", name, kh_last_error());
        return 1;
    }
    if (json)
        printf("%s\n", out);
    else
        print_text(name, out);
    kh_free(out);
    return 0;
}

static void print_error_line(const char *why)
{
    json_t *o = json_pack("{s:s}", "error", why);
    char *s = o ? json_dumps(o, JSON_COMPACT) : NULL;
    printf("%s\n", s ? s : "{\"error\":\"out of memory\"}");
    free(s);
    json_decref(o);
}

static int lines_mode(kh_facts *f, FILE *in, const char *lang)
{
    int bad = 0;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, in)) >= 0) {
        size_t len = (size_t)n;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        const char *text = line, *l = lang;
        size_t tlen = len;
        json_t *obj = NULL;
        if (len && line[0] == '{') {
            json_error_t err;
            obj = json_loadb(line, len, 0, &err);
            json_t *t = obj ? json_object_get(obj, "text") : NULL;
            if (!json_is_string(t)) {
                print_error_line(obj ? "no \"text\" string in the object" : err.text);
                json_decref(obj);
                bad = 1;
                continue;
            }
            text = json_string_value(t);
            tlen = json_string_length(t);
            json_t *jl = json_object_get(obj, "lang");
            if (!l && json_is_string(jl))
                l = json_string_value(jl);
        }
        char *out = NULL;
        if (kh_facts_extract_json(f, text, tlen, l, &out) != KH_OK) {
            print_error_line(kh_last_error());
            bad = 1;
        } else {
            printf("%s\n", out);
            kh_free(out);
        }
        json_decref(obj);
    }
    free(line);
    return bad;
}

int cmd_facts(int argc, char **argv)
{
    static const struct option longopts[] = {{"json", no_argument, NULL, 'j'},
                                             {"lang", required_argument, NULL, 'l'},
                                             {"lines", no_argument, NULL, 'L'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    int json = 0, lines = 0, c;
    const char *lang = NULL;
    optind = 1;
    while ((c = getopt_long(argc, argv, "jl:Lh", longopts, NULL)) != -1) {
        switch (c) {
        case 'j': json = 1; break;
        case 'l': lang = optarg; break;
        case 'L': lines = 1; break;
        case 'h': fputs(facts_usage, stdout); return EXIT_OK;
        default: fputs(facts_usage, stderr); return EXIT_USAGE;
        }
    }
    if (lang && strcmp(lang, "fa") != 0 && strcmp(lang, "ar") != 0 && strcmp(lang, "en") != 0) {
        fprintf(stderr, "khabar: --lang must be fa, ar or en\n");
        return EXIT_USAGE;
    }
    kh_facts *f = NULL;
    if (kh_facts_new(&f) != KH_OK)
        return cli_fail("cannot set up the facts extractor");
    int bad = 0;
    if (optind >= argc) {
        if (lines) {
            bad = lines_mode(f, stdin, lang);
        } else {
            size_t len;
            char *text = read_all(stdin, &len);
            if (!text) {
                kh_facts_free(f);
                return cli_fail("out of memory reading standard input");
            }
            bad = one_text(f, "-", text, len, lang, json);
            free(text);
        }
    }
    for (int i = optind; i < argc; i++) {
        FILE *in = fopen(argv[i], "rb");
        if (!in) {
            fprintf(stderr, "khabar: %s: cannot open\n", argv[i]);
            bad = 1;
            continue;
        }
        if (lines) {
            bad |= lines_mode(f, in, lang);
        } else {
            size_t len;
            char *text = read_all(in, &len);
            if (!text) {
                fprintf(stderr, "khabar: %s: out of memory\n", argv[i]);
                bad = 1;
            } else {
                bad |= one_text(f, argv[i], text, len, lang, json);
                free(text);
            }
        }
        fclose(in);
    }
    kh_facts_free(f);
    fflush(stdout);
    return bad ? EXIT_INPUT_ERRORS : EXIT_OK;
}
