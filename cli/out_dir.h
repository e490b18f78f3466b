/*
 * out_dir.h — files of a run's output directory, written so that a run
 * killed at any moment leaves only complete files, and a re-run knows
 * which are done.
 *
 * NOTES
 *   (1) A file is written to a temporary name in its own directory
 *       (".NAME.tmp.PID") and renamed over NAME when complete: a reader
 *       never sees half a file, and a kill -9 leaves at most a temporary
 *       that the next write of that name replaces.
 *   (2) Done marks: DIR/.pdfrows/done/RELNAME holds the run key of the
 *       output RELNAME, written (by (1)) after the output itself. An
 *       output counts as done when its mark holds the same key and the
 *       output exists; an output without its mark (killed between the
 *       two renames) is redone, with the same result.
 *
 * Ownership: every argument is borrowed; nothing is returned but status.
 */
#ifndef PDFROWS_CLI_OUT_DIR_H
#define PDFROWS_CLI_OUT_DIR_H

#include "pdfrows.h"

#include <stddef.h>

/* Writes data to DIR/RELNAME by (1), creating directories as needed.
 * RELNAME may name a file in subdirectories ("a/b.jsonl"). */
pr_rc out_dir_write(const char *dir, const char *relname, const char *data, size_t len,
                    pr_error *err);

/* The run record (one JSON object) as DIR/pdfrows-run.json, by (1). */
pr_rc out_dir_write_run(const char *dir, const char *run_json, pr_error *err);

/* (2): marks DIR/RELNAME done with run_key. */
pr_rc out_dir_mark_done(const char *dir, const char *relname, const char *run_key,
                        pr_error *err);

/* (2): whether DIR/RELNAME exists and its mark holds run_key. */
int out_dir_is_done(const char *dir, const char *relname, const char *run_key);

/* The output name of an input: relpath without a final ".pdf" (any
 * case), then ext ("a/B.PDF", ".jsonl" -> "a/B.jsonl"). Owned by the
 * caller (g_free). */
char *out_dir_name(const char *relpath, const char *ext);

#endif
