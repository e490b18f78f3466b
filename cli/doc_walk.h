/*
 * doc_walk.h — what every command does per input: open the document, run
 * stage one on each selected page and hand the page to the command, and
 * turn a failure into the document's one error record (cmd_lines.c NOTES).
 *
 * Ownership: pages (and the document, for doc_page) handed to a command's
 * callbacks are borrowed for the call only.
 */
#ifndef PDFROWS_CLI_DOC_WALK_H
#define PDFROWS_CLI_DOC_WALK_H

#include "spool.h"
#include "extract.h"
#include "options.h"
#include "strbuf.h"

#include <stdio.h>

/* Totals of one document's walk. Lists are owned by the walk. */
typedef struct walk_totals {
    int pages_in_file, pages_read;
    size_t lines, glyphs, hrules, vrules;
    size_t images;              /* images drawn */
    int *no_text;               /* page numbers */
    size_t n_no_text;
    int poppler_problems;
    const char *sha256;         /* borrowed from the open document */
    void (*settle)(void *);     /* end() may call settle(settle_data)
                                   between records it writes (spool.h) */
    void *settle_data;
    ex_text_notes notes;        /* its arrays owned by the walk */
} walk_totals;

/* What one document held, for the run's summary and --strict: filled by
 * the command's end(). */
typedef struct doc_stats {
    size_t tables, rows, checks_failed;
    size_t pages_unreadable;    /* read in part: set by the walk */
} doc_stats;

typedef struct walk_command {
    /* called before the first page, with the file's SHA-256 (borrowed
     * for the document); may be NULL */
    void (*begin)(void *ctx, const char *file, const char *sha256);
    /* each selected page, in order */
    void (*page)(void *ctx, const ex_page *page, pr_strbuf *out);
    /* may be NULL: right after page(), the same page with the open
     * document it came from, for a command that needs more of the page
     * than stage one gives (review renders it: extract_page_png()). Both
     * are borrowed for the call only. */
    void (*doc_page)(void *ctx, ex_doc *doc, const ex_page *page);
    /* after the last page when every page was read: the closing records */
    void (*end)(void *ctx, const char *file, const walk_totals *t, pr_strbuf *out);
    void *ctx;
    doc_stats *stats;           /* the current document's; set by the walk */
    const char *grammar_digest; /* of the grammar in use (run keys), or NULL */
    const char *stream_header;  /* written once before a stream's first
                                   document, and atop each -o DIR file
                                   (long-csv's header line); or NULL */
    int no_error_record;        /* a failed document writes nothing (a CSV
                                   stream has no place for an error
                                   record: stderr and the summary tell) */
    int error_as_text;          /* a failed document writes one text line,
                                   "FILE: error CODE: message" (check's
                                   report is text, not JSON) */
} walk_command;

/* Pages read so far of the document being walked, for the progress line
 * (run.c NOTES (8)): while counter is not NULL, each page read adds 1 to
 * *counter (memory the caller owns, may be shared with another process). */
void cli_walk_count_pages(volatile unsigned *counter);

/* One document: its records, or its one error record, appended to out;
 * *pages_read and the stats of cmd filled. Returns the document's result
 * (err filled when not PR_OK; no line on stderr). */
pr_rc cli_walk_one(const char *file, const cli_options *opts, const walk_command *cmd,
                   cli_spool *out, int *pages_read, pr_error *err);

/* The name records give the file at path: path itself when it is UTF-8,
 * else each byte that is not written as \xHH (doc_walk.c NOTES (3)).
 * Owned by the caller (g_free). */
char *cli_file_name(const char *path);

/* Runs cmd over every input of opts (run.c: workers, order, outputs,
 * progress). Returns the exit status: that of the first document that
 * failed, in input order. */
int cli_walk_documents(const cli_options *opts, walk_command *cmd, FILE *out);

#endif
