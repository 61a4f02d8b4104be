/*
 * cmd_report.c: `khabar report`: a story or an event, as a reader wants it.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char *usage =
    "usage: khabar report [--db FILE] [--json|--text|--html] [--lang L] STORY\n"
    "       khabar report [--db FILE] [--json|--text|--html] [--lang L] --event EVENT\n"
    "\n"
    "The report of a story (or of an event: all its stories): title, time span,\n"
    "outlets and languages, a short extractive summary with each sentence linked\n"
    "to its article, the timeline, entities, the figures each source gives and how\n"
    "they relate (agreement, compatible estimates, evolution over time, conflict),\n"
    "claims and their denials, near-duplicates.\n"
    "\n"
    "  --db FILE     the store (default ./khabar.db)\n"
    "  --json        stable JSON (docs/json.md)\n"
    "  --text        readable text (the default)\n"
    "  --html        one self-contained HTML page\n"
    "  --lang L      language of the summary (fa, ar, ...; default: the story's main one)\n"
    "  --event ID    report on event ID instead of a story\n";

int cmd_report(int argc, char **argv)
{
    static const struct option longopts[] = {{"db", required_argument, NULL, 'd'},
                                             {"json", no_argument, NULL, 'j'},
                                             {"text", no_argument, NULL, 't'},
                                             {"html", no_argument, NULL, 'H'},
                                             {"lang", required_argument, NULL, 'l'},
                                             {"event", required_argument, NULL, 'e'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    const char *db_path = KH_DEFAULT_DB, *lang = NULL, *event = NULL;
    kh_format format = KH_FORMAT_TEXT;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:jtHl:e:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': db_path = optarg; break;
        case 'j': format = KH_FORMAT_JSON; break;
        case 't': format = KH_FORMAT_TEXT; break;
        case 'H': format = KH_FORMAT_HTML; break;
        case 'l': lang = optarg; break;
        case 'e': event = optarg; break;
        case 'h': fputs(usage, stdout); return EXIT_OK;
        default: fputs(usage, stderr); return EXIT_USAGE;
        }
    }
    const char *id_text = event;
    if ((event && optind != argc) || (!event && optind + 1 != argc)) {
        fputs(usage, stderr);
        return EXIT_USAGE;
    }
    if (!event)
        id_text = argv[optind];
    char *end;
    errno = 0;
    long long id = strtoll(id_text, &end, 10);
    if (errno || *end || id <= 0) {
        fprintf(stderr, "khabar report: '%s' is not an id\n", id_text);
        return EXIT_USAGE;
    }
    kh_db *db = cli_open_db(db_path);
    if (!db)
        return EXIT_USAGE;
    int rc = kh_report_write(db, id, event != NULL, lang, format, stdout);
    kh_db_free(db);
    return rc == KH_OK ? EXIT_OK : cli_fail("cannot write the report");
}
