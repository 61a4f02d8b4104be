/*
 * cmd_extract.c: `khabar extract`: print the articles of pages and
 * archives without storing them (see docs/extract.md).
 *
 * Rejected inputs are printed on stderr as
 *     khabar: FILE: offset N: REASON
 * Exit 0 when every input was extracted, 1 when some were rejected (the
 * others were printed), 2 on usage or fatal errors.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cmd_extract(int argc, char **argv);

static const char *extract_usage =
    "usage: khabar extract [--json] PATH...\n"
    "\n"
    "Extracts the article of each .html/.htm page, of each HTTP response\n"
    "record of .warc/.warc.gz archives, and of .txt dumps, and prints it\n"
    "without storing it: title, outlet, author, dates, canonical URL,\n"
    "language and the body, with the boilerplate left out.\n"
    "\n"
    "  --json   JSONL: one object per article with the fields, their byte\n"
    "           spans and the dropped spans (see docs/extract.md)\n"
    "\n"
    "Exit status: 0 ok, 1 some inputs rejected (the others printed), 2 fatal.\n";

static void print_error(const kh_input_error *err, void *ctx)
{
    (void)ctx;
    fprintf(stderr, "khabar: %s: offset %llu: %s\n", err->origin,
            (unsigned long long)err->offset, err->reason);
}

int cmd_extract(int argc, char **argv)
{
    static const struct option longopts[] = {{"json", no_argument, NULL, 'j'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    int json = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "jh", longopts, NULL)) != -1) {
        switch (c) {
        case 'j': json = 1; break;
        case 'h': fputs(extract_usage, stdout); return EXIT_OK;
        default: fputs(extract_usage, stderr); return EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        fputs(extract_usage, stderr);
        return EXIT_USAGE;
    }
    int rc = kh_extract_paths((const char *const *)(argv + optind), (size_t)(argc - optind),
                              json ? KH_FORMAT_JSON : KH_FORMAT_TEXT, stdout, print_error, NULL);
    if (rc == KH_EINPUT)
        return EXIT_INPUT_ERRORS;
    if (rc != KH_OK)
        return cli_fail("extract failed");
    return EXIT_OK;
}
