/*
 * spool.h — one document's output on its way out: in memory up to
 * SPOOL_MEMORY bytes, the rest in an unlinked temporary file. A document's
 * records are held until it is done (one outcome per document: a late
 * failure replaces them, doc_walk.c), and a 2,000-page document's records
 * run to tens of megabytes; spooled, the memory they take stays flat.
 *
 * Writers append to spool->mem (a pr_strbuf, as every emitter takes) and
 * call cli_spool_settle() at safe points (after a page); offsets are
 * logical (file bytes then memory bytes).
 *
 * Ownership: a cli_spool is a value the caller owns, initialised with
 * CLI_SPOOL_INIT and released with cli_spool_free() (a no-op when empty or
 * already freed). cli_spool_contents() returns a pointer borrowed until
 * the next call on the spool.
 */
#ifndef PDFROWS_CLI_SPOOL_H
#define PDFROWS_CLI_SPOOL_H

#include "strbuf.h"

#include <stdio.h>

typedef struct cli_spool {
    pr_strbuf mem;              /* the bytes after the spilled ones */
    FILE *file;                 /* the spilled head, or NULL */
    size_t spilled;             /* bytes in file */
} cli_spool;

#define CLI_SPOOL_INIT {PR_STRBUF_INIT, NULL, 0}

/* Moves the bytes in memory to the file once they reach SPOOL_MEMORY.
 * If no temporary file can be made they stay in memory. */
void cli_spool_settle(cli_spool *s);

/* Bytes held, spilled and in memory. */
size_t cli_spool_len(const cli_spool *s);

/* Keeps the first len bytes (len <= cli_spool_len()). */
void cli_spool_truncate(cli_spool *s, size_t len);

/* Copies the last n bytes into dst and drops them; -1 if fewer are held
 * or the file cannot be read. */
int cli_spool_take_tail(cli_spool *s, void *dst, size_t n);

/* Writes everything held to fd / to f, in order; -1 on a write error. */
int cli_spool_write_fd(cli_spool *s, int fd);
int cli_spool_write_file(cli_spool *s, FILE *f);

/* Writes len bytes at data to fd, whole (short writes and EINTR are
 * retried); -1 on an error. */
int cli_write_all(int fd, const void *data, size_t len);

/* Everything held, in memory (spilled bytes read back: for consumers that
 * need one block, the sinks), NUL-terminated; *len its length. NULL if the
 * file cannot be read. */
const char *cli_spool_contents(cli_spool *s, size_t *len);

/* Empties the spool (closes its file, keeps memory). */
void cli_spool_reset(cli_spool *s);
void cli_spool_free(cli_spool *s);

#endif
