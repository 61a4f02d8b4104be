/*
 * cmd_dates.c: `khabar dates`: the date expressions of each line of stdin.
 *
 * Output line N answers input line N, always: a line that is not UTF-8
 * gives an error object (or "N: error: ..."), a blank line an empty list.
 * With --published, stdin is one article and the command prints its
 * publication date instead (kh_date_published). Only the public API.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"

int cmd_dates(int argc, char **argv);

static const char *dates_usage =
    "usage: khabar dates [--anchor DATE] [--json] < LINES\n"
    "       khabar dates --published|--events [--meta DATE] [--anchor DATE] < ARTICLE\n"
    "\n"
    "Prints, for each line of standard input, the date expressions found in\n"
    "it (Solar Hijri, Gregorian and Hijri dates in Persian, Arabic and\n"
    "English, weekdays, times with zones, relative expressions) with their\n"
    "ISO 8601 value, granularity, calendar and byte span. Output line N\n"
    "answers input line N.\n"
    "\n"
    "  --anchor DATE   \"today\" for relative and year-less expressions\n"
    "                  (YYYY-MM-DD[THH:MM[Z|+HH:MM]])\n"
    "  --json          one JSON object per line: {\"line\":N,\"dates\":[...]}\n"
    "                  or {\"line\":N,\"error\":\"...\"} (see docs/time.md)\n"
    "  --published     read all of stdin as one article; print its\n"
    "                  publication date (JSON)\n"
    "  --events        read all of stdin as one article; print its publication\n"
    "                  date and every date expression resolved against it\n"
    "  --meta DATE     with --published/--events: its metadata date string\n"
    "\n"
    "Exit status: 0 ok, 1 some lines were rejected (invalid UTF-8), 2 fatal.\n";

static int print_json_line(long line, const char *dates_json, const char *error)
{
    json_t *o = json_object();
    if (!o)
        return -1;
    json_object_set_new(o, "line", json_integer(line));
    if (error) {
        json_object_set_new(o, "error", json_string(error));
    } else {
        json_t *arr = json_loads(dates_json, 0, NULL);
        json_object_set_new(o, "dates", arr ? arr : json_array());
    }
    char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(4));
    json_decref(o);
    if (!s)
        return -1;
    puts(s);
    free(s);
    return 0;
}

static void print_text_line(long line, const char *dates_json, const char *error)
{
    if (error) {
        printf("%ld: error: %s\n", line, error);
        return;
    }
    json_t *arr = json_loads(dates_json, 0, NULL);
    size_t i;
    json_t *e;
    printf("%ld:", line);
    json_array_foreach(arr, i, e) {
        const char *value = json_string_value(json_object_get(e, "value"));
        const char *err = json_string_value(json_object_get(e, "error"));
        printf("%s «%s» [%lld-%lld] ", i ? " |" : "",
               json_string_value(json_object_get(e, "text")),
               (long long)json_integer_value(json_object_get(e, "start")),
               (long long)json_integer_value(json_object_get(e, "end")));
        if (err)
            printf("invalid: %s", err);
        else
            printf("%s (%s, %s%s)", value ? value : "?",
                   json_string_value(json_object_get(e, "granularity")),
                   json_string_value(json_object_get(e, "calendar")),
                   json_is_true(json_object_get(e, "relative")) ? ", relative" : "");
    }
    putchar('\n');
    json_decref(arr);
}

static int scan_lines(kh_dates *d, const char *anchor, int json)
{
    char *buf = NULL;
    size_t cap = 0;
    ssize_t n;
    long line = 0;
    int status = EXIT_OK;
    while ((n = getline(&buf, &cap, stdin)) != -1) {
        size_t len = (size_t)n;
        line++;
        while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
            len--;
        char *out = NULL;
        const char *error = NULL;
        const int rc = kh_dates_scan(d, buf, len, anchor, &out);
        if (rc == KH_EENCODING) {
            error = kh_last_error();
            status = EXIT_INPUT_ERRORS;
        } else if (rc != KH_OK) {
            free(buf);
            return cli_fail("dates");
        }
        if (json) {
            if (print_json_line(line, out, error) != 0) {
                kh_free(out);
                free(buf);
                return cli_fail("out of memory");
            }
        } else {
            print_text_line(line, out, error);
        }
        kh_free(out);
    }
    free(buf);
    return status;
}

static int published(kh_dates *d, const char *meta, const char *anchor, int events)
{
    size_t cap = 65536, len = 0, n;
    char *text = malloc(cap);
    if (!text)
        return cli_fail("out of memory");
    while ((n = fread(text + len, 1, cap - len, stdin)) > 0) {
        len += n;
        if (len == cap) {
            char *t = realloc(text, cap * 2);
            if (!t) {
                free(text);
                return cli_fail("out of memory");
            }
            text = t;
            cap *= 2;
        }
    }
    char *out = NULL;
    const int rc = events ? kh_dates_events(d, text, len, meta, anchor, &out)
                          : kh_date_published(d, text, len, meta, anchor, &out);
    free(text);
    if (rc == KH_ENOTFOUND) {
        puts("null");
        return EXIT_INPUT_ERRORS;
    }
    if (rc != KH_OK)
        return cli_fail(events ? "dates --events" : "dates --published");
    puts(out);
    kh_free(out);
    return EXIT_OK;
}

int cmd_dates(int argc, char **argv)
{
    static const struct option longopts[] = {{"anchor", required_argument, NULL, 'a'},
                                              {"json", no_argument, NULL, 'j'},
                                              {"published", no_argument, NULL, 'p'},
                                              {"meta", required_argument, NULL, 'm'},
                                              {"events", no_argument, NULL, 'e'},
                                              {"help", no_argument, NULL, 'h'},
                                              {NULL, 0, NULL, 0}};
    const char *anchor = NULL, *meta = NULL;
    int json = 0, pub = 0, events = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "a:jpm:eh", longopts, NULL)) != -1) {
        switch (c) {
        case 'a': anchor = optarg; break;
        case 'j': json = 1; break;
        case 'p': pub = 1; break;
        case 'm': meta = optarg; break;
        case 'e': events = 1; break;
        case 'h': fputs(dates_usage, stdout); return EXIT_OK;
        default: fputs(dates_usage, stderr); return EXIT_USAGE;
        }
    }
    if (optind < argc) {
        fputs(dates_usage, stderr);
        return EXIT_USAGE;
    }
    kh_dates *d = NULL;
    if (kh_dates_new(&d) != KH_OK)
        return cli_fail("cannot set up the date scanner");
    char *probe = NULL;
    if (anchor && kh_dates_scan(d, "", 0, anchor, &probe) != KH_OK) {
        kh_dates_free(d);
        return cli_fail("bad --anchor");
    }
    kh_free(probe);
    const int rc = (pub || events) ? published(d, meta, anchor, events)
                                   : scan_lines(d, anchor, json);
    kh_dates_free(d);
    fflush(stdout);
    return rc;
}
