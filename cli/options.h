/*
 * options.h — the command line: one table declares every option, and both
 * parsing and --help are driven by it (pdftotext's argDesc).
 *
 * Ownership: cli_options holds borrowed pointers into argv, an owned
 * page set and an owned --grammar-add list (free with cli_options_free()).
 */
#ifndef PDFROWS_CLI_OPTIONS_H
#define PDFROWS_CLI_OPTIONS_H

#include "pdfrows.h"

#include <stdio.h>

typedef enum cli_command { CLI_TABLES, CLI_LINES, CLI_CHECK } cli_command;

typedef struct cli_options {
    cli_command command;
    const char *password;           /* borrowed from argv, or NULL */
    const char *grammar;            /* --grammar, borrowed, or NULL */
    const char **grammar_adds;      /* --grammar-add, in command-line
                                       order: the array owned, the
                                       strings borrowed from argv */
    size_t n_grammar_adds;
    int use_jit;                    /* 0 with --no-jit */
    int format;                     /* rec_format (records.h) */
    int strict;                     /* --strict */
    int find_rules;
    int show_help, show_version;
    int *page_ranges;               /* owned; pairs [from, to], to = 0: open */
    size_t n_page_ranges;
    char **files;                   /* borrowed from argv */
    int n_files;
} cli_options;

/* Parses argv into opts. On PR_ERR_USAGE, err says what is wrong. */
pr_rc cli_parse(int argc, char **argv, cli_options *opts, pr_error *err);

/* Whether page (1-based) is selected by --pages (all when none given). */
int cli_page_selected(const cli_options *opts, int page);

/* Writes the usage text, generated from the option table, to f. */
void cli_print_help(FILE *f);

void cli_options_free(cli_options *opts);

#endif
