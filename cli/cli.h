/*
 * cli.h: what the khabar command's subcommands share.
 *
 * The command is a thin layer over include/khabar.h (like curl's tool over
 * libcurl): each subcommand lives in cli/cmd_NAME.c as
 *
 *     int cmd_NAME(int argc, char **argv);   argv[0] is "NAME"
 *
 * and is listed once in the table of cli/main.c. Subcommands parse their
 * own flags (getopt_long), print --help, and return an exit code:
 * 0 ok, 1 some inputs had errors (all others processed), 2 usage or fatal.
 * Nothing here reaches into src/: only the public API.
 */
#ifndef KH_CLI_H
#define KH_CLI_H

#include "khabar.h"

enum { EXIT_OK = 0, EXIT_INPUT_ERRORS = 1, EXIT_USAGE = 2 };

#define KH_DEFAULT_DB "khabar.db"

int cmd_ingest(int argc, char **argv);
int cmd_stories(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_help(int argc, char **argv);
int cmd_pairs(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_report(int argc, char **argv);

/* Prints "khabar: MESSAGE: kh_last_error()" to stderr; returns EXIT_USAGE. */
int cli_fail(const char *what);

/* Opens the store or prints why not; returns NULL on failure. */
kh_db *cli_open_db(const char *path);

#endif
