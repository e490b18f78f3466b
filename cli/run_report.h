/*
 * run_report.h — what a person watching a run sees on stderr: a one-line
 * progress display while it runs, a summary when it ends; and the same
 * summary as the run record that closes a directory or a database.
 *
 * NOTES
 *   (1) The progress line is redrawn in place ("\r", erased to the end)
 *       at most five times a second; any other line written to stderr
 *       first erases it (run_report_clear), so lines never interleave.
 *   (2) Pages counts those of the documents done and those read so far
 *       of the documents being read (run.c NOTES (8)); pages per second
 *       is that over the wall time since the run started; the ETA
 *       assumes the documents left read as fast as those done.
 *
 * Ownership: plain data; run_report_json returns an owned string
 * (g_free).
 */
#ifndef PDFROWS_CLI_RUN_REPORT_H
#define PDFROWS_CLI_RUN_REPORT_H

#include "pdfrows.h"

#include <stddef.h>
#include <stdio.h>

enum { RUN_CODES = PR_ERR_TIMEOUT + 1 };  /* the codes a document can end with */

typedef struct run_report {
    int show_progress;          /* draw the progress line */
    size_t total;               /* documents in the run */
    size_t done, skipped;       /* done includes skipped (resumed) */
    size_t failed[RUN_CODES];   /* documents by error code (pr_rc) */
    size_t n_failed;
    size_t tables, rows, checks_failed, pages;
    size_t pages_reading;       /* read so far of the documents being read */
    size_t partial;             /* documents read in part */
    size_t worker_peak_kb;      /* largest worker's peak resident set */
    int jobs;
    const char *format, *output;    /* borrowed */
    int shard_k, shard_n;
    double started;             /* g_get_monotonic_time() / 1e6 */
    char started_utc[32];
    double last_draw;
    int drawn;                  /* a progress line is on screen */
} run_report;

void run_report_start(run_report *r, size_t total, int show_progress);

/* (1): redraws the line if it is due (or force). */
void run_report_progress(run_report *r, int force);

/* (1): erases the progress line, if one is on screen. */
void run_report_clear(run_report *r);

/* The summary lines, to f. */
void run_report_summary(const run_report *r, FILE *f);

/* The run record: {"type":"run", ...}, one line, no newline. */
char *run_report_json(const run_report *r);

#endif
