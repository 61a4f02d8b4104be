/*
 * cmd_text.c: `khabar text`: the text layer, line by line, from outside.
 *
 *   khabar text [--lang] [--fold] [--tokens] [--stems] [--in-lang L] < lines
 *
 * Reads UTF-8 lines on stdin and writes one JSON object per input line on
 * stdout (kh_text_json, format in docs/text.md): output line N always
 * answers input line N, with {"error": ...} for blank or invalid lines.
 * Lines of any length are read (getline); a final line without a newline
 * is still a line.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cmd_text(int argc, char **argv);

static const char *usage_text =
    "usage: khabar text [--lang] [--fold] [--tokens] [--stems] [--in-lang L]\n"
    "\n"
    "Reads UTF-8 lines on standard input and writes one JSON object per line\n"
    "on standard output (line N answers line N; see docs/text.md):\n"
    "\n"
    "  --lang        {\"lang\":\"fa\",\"confidence\":0.97} (the default)\n"
    "  --fold        {\"fold\":\"...\"}: the folded string used for matching\n"
    "  --tokens      {\"tokens\":[{\"text\",\"start\",\"end\",\"key\",\"kind\",\"base\",\n"
    "                \"stem\",\"skeleton\",...}]}: byte offsets into the line\n"
    "  --stems       {\"stems\":[...]}: the stem of every word\n"
    "  --in-lang L   language of every line for tokens and stems (ISO 639-1),\n"
    "                instead of detecting it line by line\n"
    "\n"
    "Several flags give one object with several keys. Blank lines give\n"
    "{\"error\":\"empty line\"}, invalid UTF-8 {\"error\":\"invalid UTF-8 at byte N\"}.\n"
    "Exit status: 0, or 1 when some lines had errors.\n";

int cmd_text(int argc, char **argv)
{
    static const struct option longopts[] = {{"lang", no_argument, NULL, 'l'},
                                             {"fold", no_argument, NULL, 'f'},
                                             {"tokens", no_argument, NULL, 't'},
                                             {"stems", no_argument, NULL, 's'},
                                             {"in-lang", required_argument, NULL, 'L'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    unsigned what = 0;
    const char *in_lang = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "lftsL:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'l': what |= KH_TEXT_LANG; break;
        case 'f': what |= KH_TEXT_FOLD; break;
        case 't': what |= KH_TEXT_TOKENS; break;
        case 's': what |= KH_TEXT_STEMS; break;
        case 'L': in_lang = optarg; break;
        case 'h': fputs(usage_text, stdout); return EXIT_OK;
        default: fputs(usage_text, stderr); return EXIT_USAGE;
        }
    }
    if (optind != argc) {
        fputs(usage_text, stderr);
        return EXIT_USAGE;
    }
    if (!what)
        what = KH_TEXT_LANG;
    kh_text *t = NULL;
    if (kh_text_new(&t) != KH_OK)
        return cli_fail("cannot set up the text layer");
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int status = EXIT_OK;
    while ((n = getline(&line, &cap, stdin)) != -1) {
        size_t len = (size_t)n;
        if (len > 0 && line[len - 1] == '\n')
            len--;
        if (len > 0 && line[len - 1] == '\r')
            len--;
        char *json = NULL;
        int rc = kh_text_json(t, line, len, what, in_lang, &json);
        if (!json) {
            free(line);
            kh_text_free(t);
            return cli_fail("text analysis failed");
        }
        if (rc != KH_OK)
            status = EXIT_INPUT_ERRORS;
        fputs(json, stdout);
        fputc('\n', stdout);
        kh_free(json);
    }
    free(line);
    kh_text_free(t);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "khabar: text: cannot write the output\n");
        return EXIT_USAGE;
    }
    return status;
}
