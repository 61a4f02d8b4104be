/*
 * main.c: the khabar command: git-style subcommands over libkhabar.
 *
 *   khabar CMD [OPTIONS] [ARGS]     runs cmd_CMD (cli/cmd_CMD.c)
 *   khabar help [CMD]               lists commands, or CMD --help
 *
 * Adding a command: write cli/cmd_NAME.c with int cmd_NAME(int, char **)
 * and add one line to the table below.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} command;

int cmd_extract(int argc, char **argv); /* cli/cmd_extract.c (not in cli.h) */
int cmd_text(int argc, char **argv);    /* cli/cmd_text.c (not in cli.h) */
int cmd_dates(int argc, char **argv);   /* cli/cmd_dates.c (not in cli.h) */
int cmd_facts(int argc, char **argv);   /* cli/cmd_facts.c (not in cli.h) */

static const command commands[] = {
    {"ingest", cmd_ingest, "read articles into the store and cluster them into stories"},
    {"stories", cmd_stories, "list the stories in the store"},
    {"show", cmd_show, "show one story and its articles"},
    {"report", cmd_report, "a story's or event's report: summary, figures, claims, timeline"},
    {"run", cmd_run, "ingest, then list the stories (what `make demo` does)"},
    {"extract", cmd_extract, "print the articles of pages and WARC files, without storing"},
    {"dates", cmd_dates, "find date expressions in lines of text (or an article's publication date)"},
    {"pairs", cmd_pairs, "score article pairs of a CSV with the story engine's similarity"},
    {"eval", cmd_eval, "evaluate pair scores or stored stories against gold"},
    {"text", cmd_text, "fold, tokenize, stem and identify the language of lines on stdin"},
    {"facts", cmd_facts, "entities, figures and attributions of texts"},
    {"help", cmd_help, "this list, or help on one command"},
};

#define N_COMMANDS (sizeof commands / sizeof commands[0])

int cli_fail(const char *what)
{
    const char *why = kh_last_error();
    fprintf(stderr, "khabar: %s%s%s\n", what, *why ? ": " : "", why);
    return EXIT_USAGE;
}

kh_db *cli_open_db(const char *path)
{
    kh_db *db = NULL;
    if (kh_db_open(&db, path) != KH_OK) {
        cli_fail("cannot open the store");
        return NULL;
    }
    return db;
}

static void usage(FILE *out)
{
    fprintf(out, "usage: khabar COMMAND [OPTIONS] [ARGS]\n\n"
                 "khabar %s: multilingual news story engine\n\ncommands:\n",
            KH_VERSION);
    for (size_t i = 0; i < N_COMMANDS; i++)
        fprintf(out, "  %-9s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\n'khabar COMMAND --help' tells more about each command.\n"
                 "Exit status: 0 ok, 1 some inputs had errors (all others processed),\n"
                 "2 usage or fatal error.\n");
}

static const command *find(const char *name)
{
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

int cmd_help(int argc, char **argv)
{
    if (argc < 2) {
        usage(stdout);
        return EXIT_OK;
    }
    const command *c = find(argv[1]);
    if (!c || c->run == cmd_help) {
        usage(c ? stdout : stderr);
        return c ? EXIT_OK : EXIT_USAGE;
    }
    char *help_argv[] = {argv[1], "--help", NULL};
    return c->run(2, help_argv);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage(stdout);
        return EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("khabar %s\n", KH_VERSION);
        return EXIT_OK;
    }
    const command *c = find(argv[1]);
    if (!c) {
        fprintf(stderr, "khabar: '%s' is not a command; see 'khabar help'\n", argv[1]);
        return EXIT_USAGE;
    }
    return c->run(argc - 1, argv + 1);
}
