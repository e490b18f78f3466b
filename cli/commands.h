/*
 * commands.h — the subcommands. Each reads every input file named in opts
 * and writes its records to out; returns the exit status (exit_codes.h).
 */
#ifndef PDFROWS_CLI_COMMANDS_H
#define PDFROWS_CLI_COMMANDS_H

#include "options.h"

#include <stdio.h>

/* pdfrows lines: stage one's records for every input (cmd_lines.c). */
int cli_run_lines(const cli_options *opts, FILE *out);

#endif
