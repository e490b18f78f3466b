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

typedef enum cli_command { CLI_TABLES, CLI_LINES, CLI_CHECK, CLI_MERGE, CLI_REVIEW,
                            CLI_EXPLAIN } cli_command;

/* --format */
typedef enum cli_format {
    CLI_FMT_JSONL, CLI_FMT_TABLES, CLI_FMT_LONG, CLI_FMT_LONG_CSV, CLI_FMT_CSV,
    CLI_FMT_SQLITE, CLI_FMT_XLSX, CLI_FORMAT_COUNT
} cli_format;

typedef struct cli_options {
    cli_command command;
    const char *password;           /* borrowed from argv, or NULL */
    const char *grammar;            /* --grammar, borrowed, or NULL */
    const char **grammar_adds;      /* --grammar-add, in command-line
                                       order: the array owned, the
                                       strings borrowed from argv */
    size_t n_grammar_adds;
    int use_jit;                    /* 0 with --no-jit */
    int format;                     /* cli_format */
    int format_given;               /* --format was on the command line */
    const char *output;             /* -o, borrowed, or NULL: stdout */
    int jobs;                       /* -j; 0: no worker processes */
    double timeout;                 /* --timeout seconds; 0: none */
    int max_pages;                  /* --max-pages; 0: none */
    int max_memory_mb;              /* --max-memory; 0: none */
    const char *files_from;         /* --files-from, borrowed, or NULL */
    int shard_k, shard_n;           /* --shard K/N; 0/0: all */
    int force;                      /* --force */
    int progress;                   /* 1 --progress, -1 --quiet, 0 auto */
    int bom;                        /* --bom */
    int strict;                     /* --strict */
    int dpi;                        /* review --dpi; 0: not given (96) */
    int review_data;                /* review --data: the page's data as
                                       JSON, no pictures */
    int find_rules;
    int ocr;                    /* ex_ocr_mode (extract.h) */
    int show_help, show_version;
    int *page_ranges;               /* owned; pairs [from, to], to = 0: open */
    size_t n_page_ranges;
    char **files;                   /* borrowed from argv: inputs, or for
                                       merge OUT.db then the shards */
    int n_files;
} cli_options;

/* Parses argv into opts. On PR_ERR_USAGE, err says what is wrong. */
pr_rc cli_parse(int argc, char **argv, cli_options *opts, pr_error *err);

/* Whether page (1-based) is selected by --pages (all when none given). */
int cli_page_selected(const cli_options *opts, int page);

/* The --format name of a cli_format. Static string. */
const char *cli_format_name(int format);

/* Writes the usage text, generated from the option table, to f. */
void cli_print_help(FILE *f);

void cli_options_free(cli_options *opts);

#endif
