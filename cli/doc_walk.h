/*
 * doc_walk.h — what every command does per input: open the document, run
 * stage one on each selected page and hand the page to the command, and
 * turn a failure into the document's one error record (cmd_lines.c NOTES).
 *
 * Ownership: pages handed to a page_fn are borrowed for the call only.
 */
#ifndef PDFROWS_CLI_DOC_WALK_H
#define PDFROWS_CLI_DOC_WALK_H

#include "extract.h"
#include "options.h"
#include "strbuf.h"

#include <stdio.h>

/* Totals of one document's walk. Lists are owned by the walk. */
typedef struct walk_totals {
    int pages_in_file, pages_read;
    size_t lines, glyphs, hrules, vrules;
    int *no_text, *problems;    /* page numbers */
    size_t n_no_text, n_problems;
    int poppler_problems;
    const char *sha256;         /* borrowed from the open document */
} walk_totals;

typedef struct walk_command {
    /* called before the first page; may be NULL */
    void (*begin)(void *ctx, const char *file);
    /* each selected page, in order */
    void (*page)(void *ctx, const ex_page *page, pr_strbuf *out);
    /* after the last page when every page was read: the closing records */
    void (*end)(void *ctx, const char *file, const walk_totals *t, pr_strbuf *out);
    void *ctx;
} walk_command;

/* Runs cmd over every input file of opts, writing each document's records
 * (or its error record) to out as soon as that document is done. Returns
 * the exit status: that of the first document that failed. */
int cli_walk_documents(const cli_options *opts, const walk_command *cmd, FILE *out);

#endif
