/*
 * commands.h — the subcommands. Each reads every input file named in opts
 * and writes its records to out; returns the exit status (exit_codes.h).
 */
#ifndef PDFROWS_CLI_COMMANDS_H
#define PDFROWS_CLI_COMMANDS_H

#include "grammar.h"
#include "options.h"

#include <stdio.h>

/* pdfrows lines: stage one's records for every input (cmd_lines.c). */
int cli_run_lines(const cli_options *opts, FILE *out);

/* pdfrows [tables]: table, row and document records (cmd_tables.c).
 * grammar is borrowed. */
int cli_run_tables(const cli_options *opts, const gr_grammar *grammar, FILE *out);

/* pdfrows check: a report for people (cmd_check.c). grammar is borrowed. */
int cli_run_check(const cli_options *opts, const gr_grammar *grammar, FILE *out);

/* pdfrows explain FILE.pdf --page N: for grammar authors, why the page
 * was read as it was (cmd_explain.c). grammar is borrowed. */
int cli_run_explain(const cli_options *opts, const gr_grammar *grammar, FILE *out);

/* pdfrows review: a self-contained HTML page per document, or with
 * --data its data as JSON (cmd_review.c). grammar is borrowed. */
int cli_run_review(const cli_options *opts, const gr_grammar *grammar, FILE *out);

/* The grammar to use: --grammar, else $PDFROWS_GRAMMAR, else the
 * grammars/ beside the executable's source tree, else the installed ones
 * (grammar_path.c). Returns a borrowed or static string. */
const char *cli_grammar_path(const cli_options *opts, const char *argv0);

/* pdfrows merge OUT.db SHARD.db...: the shards' documents into OUT.db
 * (cmd_merge.c). Returns the exit status. */
int cli_run_merge(const char *out_db, char **shards, int n_shards);

#endif
