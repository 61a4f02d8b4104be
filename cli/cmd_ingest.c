/*
 * cmd_ingest.c: `khabar ingest` and `khabar run`.
 *
 * Each rejected input is printed on stderr as one line,
 *     khabar: FILE:LINE: offset N: REASON      (JSONL)
 *     khabar: FILE: offset N: REASON           (other files)
 * and a summary line follows. Exit 0 when every input was read, 1 when
 * some were rejected (all others were stored), 2 on usage or fatal errors.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "progress.h"

static void print_error(const kh_input_error *err, void *ctx)
{
    progress_finish(ctx);
    if (err->line > 0)
        fprintf(stderr, "khabar: %s:%ld: offset %llu: %s\n", err->origin, err->line,
                (unsigned long long)err->offset, err->reason);
    else
        fprintf(stderr, "khabar: %s: offset %llu: %s\n", err->origin,
                (unsigned long long)err->offset, err->reason);
}

static void print_progress(const kh_ingest_progress *p, void *ctx)
{
    progress_update(ctx, p->bytes_done, p->bytes_total, p->articles_seen);
}

/* What the command line asked for (ingest and run share it). */
typedef struct ingest_args {
    const char *db;
    int json, quiet;
    kh_ingest_opts opts; /* batch_size, charset, no_facts, threads */
} ingest_args;

/* Ingests paths into the store; prints the summary unless quiet. */
static int ingest(ingest_args *args, char **paths, int npaths)
{
    kh_db *db = cli_open_db(args->db);
    if (!db)
        return EXIT_USAGE;
    progress bar;
    progress_init(&bar);
    kh_ingest_opts opts = args->opts;
    opts.on_error = print_error;
    opts.on_progress = print_progress;
    opts.ctx = &bar;
    kh_ingest_stats stats;
    int rc = kh_ingest_paths(db, (const char *const *)paths, (size_t)npaths, &opts, &stats);
    progress_finish(&bar);
    kh_db_free(db);
    if (rc != KH_OK && rc != KH_EINPUT)
        return cli_fail("ingest failed");
    if (!args->quiet || rc == KH_EINPUT)
        fprintf(stderr,
                "khabar: %llu file(s), %llu article(s): %llu new, %llu already stored, "
                "%llu rejected; %llu new stor%s, %llu merged, %llu near-duplicate(s)\n",
                (unsigned long long)stats.files, (unsigned long long)stats.articles,
                (unsigned long long)stats.added, (unsigned long long)stats.already,
                (unsigned long long)stats.errors, (unsigned long long)stats.stories_new,
                stats.stories_new == 1 ? "y" : "ies", (unsigned long long)stats.stories_merged,
                (unsigned long long)stats.duplicates);
    return rc == KH_EINPUT ? EXIT_INPUT_ERRORS : EXIT_OK;
}

static const char *ingest_usage =
    "usage: khabar ingest [--db FILE] [--quiet] PATH...\n"
    "\n"
    "Reads articles from files, directories (recursively) and '-' (JSONL on\n"
    "standard input), stores the new ones and clusters them into stories.\n"
    "Formats by extension: .txt text dumps, .html/.htm pages, .warc/.warc.gz\n"
    "archives, .jsonl lines of\n"
    "{\"id\",\"url\",\"source\",\"lang\",\"published\",\"title\",\"text\"|\"html\"}\n"
    "(optionally \"embedding\": [numbers]).\n"
    "Articles already stored (same content) are skipped, so re-running is safe.\n"
    "\n"
    "  --db FILE   the store (default ./khabar.db)\n"
    "  --quiet     no summary line unless some input was rejected\n"
    "  --batch N   articles per transaction (default 8192)\n"
    "  --no-facts  do not extract facts now (reports extract them when written)\n"
    "  --threads N 1: one thread; 2: read and prepare articles on a second\n"
    "              thread (default: 2 on a machine with more than one core)\n"
    "  --charset NAME  charset of .txt dumps that are not UTF-8 (e.g. windows-1256);\n"
    "              HTML and WARC pages are decoded by their own declarations\n"
    "\n"
    "Exit status: 0 ok, 1 some inputs rejected (the others stored), 2 fatal.\n";

static const char *run_usage =
    "usage: khabar run [--db FILE] [--json] PATH...\n"
    "\n"
    "Ingests PATH... (as 'khabar ingest') and prints the stories (as\n"
    "'khabar stories'). This is what 'make demo' runs on examples/seeds.\n"
    "\n"
    "  --db FILE   the store (default ./khabar.db)\n"
    "  --json      print the stories as JSON (docs/json.md)\n";

/* Parses the options of `ingest` (ingest_only) or `run`: -1 after --help,
 * -2 on a usage error, 0 otherwise. */
static int parse(int argc, char **argv, const char *usage, int ingest_only, ingest_args *args)
{
    static const struct option longopts[] = {{"db", required_argument, NULL, 'd'},
                                             {"no-facts", no_argument, NULL, 'F'},
                                             {"charset", required_argument, NULL, 'c'},
                                             {"batch", required_argument, NULL, 'b'},
                                             {"threads", required_argument, NULL, 't'},
                                             {"json", no_argument, NULL, 'j'},
                                             {"quiet", no_argument, NULL, 'q'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:b:c:t:Fjqh", longopts, NULL)) != -1) {
        if (c == 'd') {
            args->db = optarg;
        } else if (c == 'h') {
            fputs(usage, stdout);
            return -1;
        } else if (c == 'j' && !ingest_only) {
            args->json = 1;
        } else if (c == 'q' && ingest_only) {
            args->quiet = 1;
        } else if (c == 'F' && ingest_only) {
            args->opts.no_facts = 1;
        } else if (c == 'c' && ingest_only) {
            args->opts.charset = optarg;
        } else if ((c == 'b' || c == 't') && ingest_only) {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (*end || n <= 0 || (c == 't' && n > 2))
                goto bad;
            if (c == 'b')
                args->opts.batch_size = (size_t)n;
            else
                args->opts.threads = (int)n;
        } else {
            goto bad;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, "khabar %s: no PATH given\n", argv[0]);
        goto bad;
    }
    return 0;
bad:
    fputs(usage, stderr);
    return -2;
}

int cmd_ingest(int argc, char **argv)
{
    ingest_args args = {.db = KH_DEFAULT_DB};
    int p = parse(argc, argv, ingest_usage, 1, &args);
    if (p < 0)
        return p == -1 ? EXIT_OK : EXIT_USAGE;
    return ingest(&args, argv + optind, argc - optind);
}

int cmd_run(int argc, char **argv)
{
    ingest_args args = {.db = KH_DEFAULT_DB};
    int p = parse(argc, argv, run_usage, 0, &args);
    if (p < 0)
        return p == -1 ? EXIT_OK : EXIT_USAGE;
    int rc = ingest(&args, argv + optind, argc - optind);
    if (rc == EXIT_USAGE)
        return rc;
    kh_db *db = cli_open_db(args.db);
    if (!db)
        return EXIT_USAGE;
    int wrc = kh_stories_write(db, args.json ? KH_FORMAT_JSON : KH_FORMAT_TEXT, stdout);
    kh_db_free(db);
    if (wrc != KH_OK)
        return cli_fail("cannot list stories");
    return rc;
}
