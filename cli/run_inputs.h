/*
 * run_inputs.h — the documents of a run: the command line's files and
 * directories and --files-from's lines, expanded, and --shard's part.
 *
 * NOTES
 *   (1) A directory stands for every *.pdf (any case) under it, found
 *       recursively, each directory's entries in byte order of their
 *       names; a symbolic link is followed, but a directory reached a
 *       second time (a link loop, or two links to one place) is not read
 *       again. Hidden entries (".name") are skipped.
 *   (2) An input's relpath is its path under the directory argument it
 *       was found in ("a/b.pdf" for DIR/a/b.pdf); a file argument's is
 *       the path as given. Outputs under -o mirror relpaths.
 *   (3) --shard K/N keeps the inputs whose relpath's FNV-1a hash is
 *       K-1 modulo N: the same split on every machine, whatever the
 *       files hold and wherever the corpus is mounted.
 *   (4) A path that does not exist stays an input: reading it gives its
 *       error record ("missing"), so every input has one outcome.
 *
 * Ownership: run_inputs owns its arrays and strings; free with
 * run_inputs_free() (a zeroed run_inputs is a no-op).
 */
#ifndef PDFROWS_CLI_RUN_INPUTS_H
#define PDFROWS_CLI_RUN_INPUTS_H

#include "options.h"

typedef struct run_input {
    char *path;                 /* to open */
    char *relpath;              /* (2) */
} run_input;

typedef struct run_inputs {
    run_input *v;
    size_t n, cap;
} run_inputs;

/* Expands opts' inputs by (1)-(4) into out. Fails (PR_ERR_USAGE) only
 * when --files-from cannot be read. */
pr_rc run_inputs_collect(const cli_options *opts, run_inputs *out, pr_error *err);

void run_inputs_free(run_inputs *in);

#endif
