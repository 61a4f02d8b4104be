/*
 * cmd_eval.c: `khabar pairs` and `khabar eval pairs|clusters`: the story
 * engine measured from outside.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char *pairs_usage =
    "usage: khabar pairs [--channels] FILE.csv\n"
    "\n"
    "Scores each pair of a CSV with text1 and text2 columns (the SemEval-2022\n"
    "task 8 format) with the story engine's similarity. Prints, for each row in\n"
    "input order, one line SCORE<TAB>SAME: score in 0..1, same 1 when the two\n"
    "articles would be put in one story, else 0.\n"
    "\n"
    "  --channels  append the per-channel cosines (word, gram, number, name)\n";

static const char *eval_usage =
    "usage: khabar eval pairs [--json] FILE.csv\n"
    "       khabar eval clusters [--db FILE] [--json] GOLD.tsv\n"
    "\n"
    "pairs     Pearson correlation of the similarity with -Overall per language\n"
    "          pair, and precision/recall/F1 of the same-story decision\n"
    "          (gold: Overall <= 1.5 same story, >= 3.5 different).\n"
    "clusters  pairwise and BCubed precision/recall/F1 of the stored stories\n"
    "          against GOLD.tsv lines article_id<TAB>story_id (article_id is\n"
    "          the input \"id\", or the store id).\n"
    "\n"
    "  --db FILE   the store (default ./khabar.db)\n"
    "  --json      JSON instead of text\n";

int cmd_pairs(int argc, char **argv)
{
    static const struct option longopts[] = {{"channels", no_argument, NULL, 'c'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    int c, channels = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "ch", longopts, NULL)) != -1) {
        if (c == 'c')
            channels = 1;
        else if (c == 'h') {
            fputs(pairs_usage, stdout);
            return EXIT_OK;
        } else {
            fputs(pairs_usage, stderr);
            return EXIT_USAGE;
        }
    }
    if (optind + 1 != argc) {
        fputs(pairs_usage, stderr);
        return EXIT_USAGE;
    }
    if (kh_pairs_write(argv[optind], channels, stdout) != KH_OK)
        return cli_fail("cannot score pairs");
    return EXIT_OK;
}

int cmd_eval(int argc, char **argv)
{
    static const struct option longopts[] = {{"db", required_argument, NULL, 'd'},
                                             {"json", no_argument, NULL, 'j'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    const char *db_path = KH_DEFAULT_DB;
    int c, json = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:jh", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': db_path = optarg; break;
        case 'j': json = 1; break;
        case 'h': fputs(eval_usage, stdout); return EXIT_OK;
        default: fputs(eval_usage, stderr); return EXIT_USAGE;
        }
    }
    if (optind + 2 != argc) {
        fputs(eval_usage, stderr);
        return EXIT_USAGE;
    }
    const char *what = argv[optind], *file = argv[optind + 1];
    kh_format format = json ? KH_FORMAT_JSON : KH_FORMAT_TEXT;
    if (strcmp(what, "pairs") == 0)
        return kh_eval_pairs_write(file, format, stdout) == KH_OK ? EXIT_OK
                                                                   : cli_fail("cannot evaluate pairs");
    if (strcmp(what, "clusters") == 0) {
        kh_db *db = cli_open_db(db_path);
        if (!db)
            return EXIT_USAGE;
        int rc = kh_eval_clusters_write(db, file, format, stdout);
        kh_db_free(db);
        return rc == KH_OK ? EXIT_OK : cli_fail("cannot evaluate clusters");
    }
    fprintf(stderr, "khabar eval: '%s' is not pairs or clusters\n", what);
    fputs(eval_usage, stderr);
    return EXIT_USAGE;
}
