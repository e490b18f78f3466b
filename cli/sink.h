/*
 * sink.h — where a corpus run's documents go when they do not go to a
 * stream: a directory of per-input files (out_dir.c), a SQLite database
 * (sink_sqlite.c), a directory of per-table CSV files or an xlsx workbook
 * (sink_tables.c). The run driver (run.c) is the only writer: workers
 * hand it each document's records and it passes them to the sink, one
 * document at a time, in input order.
 *
 * Ownership: a sink is opened into a caller-owned cli_sink and closed
 * with cli_sink_close() (which frees it; closing a zeroed sink is a
 * no-op). Every pointer handed to a sink function is borrowed for the
 * call only.
 */
#ifndef PDFROWS_CLI_SINK_H
#define PDFROWS_CLI_SINK_H

#include "pdfrows.h"

#include <stddef.h>

/* One document as the run driver hands it over. */
typedef struct sink_doc {
    const char *input;      /* the input's path as found ("corpus/a/b.pdf") */
    const char *relpath;    /* relative to the argument it was found under
                               ("a/b.pdf"); a file argument: its own path */
    const char *run_key;    /* hex; same input bytes, program version,
                               grammar and options -> same key */
    const char *records;    /* the document's output as the worker wrote
                               it, NUL-terminated: JSON Lines (one outcome:
                               its records then a document record, or a
                               single error record) */
    size_t len;             /* strlen(records) */
} sink_doc;

typedef struct cli_sink_ops {
    /* Whether the document of relpath is already complete with run_key
     * (resume): the driver then does not run it. May be NULL (never). */
    int (*has)(void *state, const char *relpath, const char *run_key);
    /* Stores one document, atomically where the sink can (a transaction,
     * a file renamed into place). */
    pr_rc (*document)(void *state, const sink_doc *doc, pr_error *err);
    /* After the last document: the run record (one JSON object, no
     * newline). May be NULL. */
    pr_rc (*finish)(void *state, const char *run_json, pr_error *err);
    /* Releases the state (after finish, or instead of it on failure). */
    void (*free)(void *state);
} cli_sink_ops;

typedef struct cli_sink {
    const cli_sink_ops *ops;    /* NULL: no sink (stream output) */
    void *state;
} cli_sink;

/* The sinks. Each fills *sink on PR_OK; on failure err says why
 * (PR_ERR_OUTPUT). */

/* -o DIR with a stream format: DIR/RELPATH-without-.pdf + ext, e.g.
 * ext ".jsonl" (out_dir.c). */
pr_rc sink_dir_open(const char *dir, const char *ext, cli_sink *sink, pr_error *err);

/* --format sqlite -o FILE (sink_sqlite.c). The document records must be
 * the "jsonl" records plus the "amount" records (--format long). */
pr_rc sink_sqlite_open(const char *path, cli_sink *sink, pr_error *err);

/* --format csv -o DIR: one CSV file per table (sink_tables.c). The
 * document records must be --format tables records. */
pr_rc sink_csv_dir_open(const char *dir, int bom, cli_sink *sink, pr_error *err);

/* --format xlsx -o FILE: one sheet per table (sink_tables.c). The
 * document records must be --format tables records. */
pr_rc sink_xlsx_open(const char *path, cli_sink *sink, pr_error *err);

/* finish (when run_json is not NULL and the sink has one), then free;
 * the sink is zeroed. Returns finish's result. */
pr_rc cli_sink_close(cli_sink *sink, const char *run_json, pr_error *err);

#endif
