/*
 * cmd_stories.c: `khabar stories` and `khabar show`.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"

static const char *stories_usage =
    "usage: khabar stories [--db FILE] [--json]\n"
    "\n"
    "Lists the stories in the store, largest first: id, size, languages,\n"
    "date range and a title.\n"
    "\n"
    "  --db FILE   the store (default ./khabar.db)\n"
    "  --json      stable JSON (docs/json.md)\n";

static const char *show_usage =
    "usage: khabar show [--db FILE] [--json] STORY\n"
    "\n"
    "Shows one story and its articles.\n"
    "\n"
    "  --db FILE   the store (default ./khabar.db)\n"
    "  --json      stable JSON (docs/json.md)\n";

/* Parses --db/--json/--help; returns -1 after --help, -2 on bad usage. */
static int parse(int argc, char **argv, const char *usage, const char **db, int *json)
{
    static const struct option longopts[] = {{"db", required_argument, NULL, 'd'},
                                             {"json", no_argument, NULL, 'j'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:jh", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': *db = optarg; break;
        case 'j': *json = 1; break;
        case 'h': fputs(usage, stdout); return -1;
        default: fputs(usage, stderr); return -2;
        }
    }
    return 0;
}

int cmd_stories(int argc, char **argv)
{
    const char *db_path = KH_DEFAULT_DB;
    int json = 0;
    int p = parse(argc, argv, stories_usage, &db_path, &json);
    if (p < 0)
        return p == -1 ? EXIT_OK : EXIT_USAGE;
    if (optind != argc) {
        fputs(stories_usage, stderr);
        return EXIT_USAGE;
    }
    kh_db *db = cli_open_db(db_path);
    if (!db)
        return EXIT_USAGE;
    int rc = kh_stories_write(db, json ? KH_FORMAT_JSON : KH_FORMAT_TEXT, stdout);
    kh_db_free(db);
    return rc == KH_OK ? EXIT_OK : cli_fail("cannot list stories");
}

int cmd_show(int argc, char **argv)
{
    const char *db_path = KH_DEFAULT_DB;
    int json = 0;
    int p = parse(argc, argv, show_usage, &db_path, &json);
    if (p < 0)
        return p == -1 ? EXIT_OK : EXIT_USAGE;
    if (optind + 1 != argc) {
        fputs(show_usage, stderr);
        return EXIT_USAGE;
    }
    char *end;
    errno = 0;
    long long id = strtoll(argv[optind], &end, 10);
    if (errno || *end || id <= 0) {
        fprintf(stderr, "khabar show: '%s' is not a story id\n", argv[optind]);
        return EXIT_USAGE;
    }
    kh_db *db = cli_open_db(db_path);
    if (!db)
        return EXIT_USAGE;
    int rc = kh_story_write(db, id, json ? KH_FORMAT_JSON : KH_FORMAT_TEXT, stdout);
    kh_db_free(db);
    return rc == KH_OK ? EXIT_OK : cli_fail("cannot show the story");
}
