/*
 * pdfrows.h — what every stage shares: the result code every fallible
 * function returns, and the per-call error record that carries the details.
 *
 * Convention (one for the whole program):
 *   - a fallible function returns pr_rc; PR_OK is 0;
 *   - on failure it fills the caller's pr_error (never global state);
 *   - pr_error is plain data owned by the caller, usually on its stack.
 *
 * Exit statuses live in exit_codes.h; pr_rc_exit() maps one to the other.
 */
#ifndef PDFROWS_H
#define PDFROWS_H

#include <stddef.h>

#define PDFROWS_VERSION "0.2.0"

/* The version of the record format (docs/record.schema.json): every
 * record carries it as "schema_version". Raised when a field changes
 * meaning or is removed; adding a field does not raise it. */
#define PDFROWS_SCHEMA_VERSION 3

typedef enum pr_rc {
    PR_OK = 0,
    PR_ERR_MISSING,      /* input path does not exist or is not a file */
    PR_ERR_READ,         /* input exists but cannot be read */
    PR_ERR_NOT_PDF,      /* no %PDF- header (includes empty files) */
    PR_ERR_TRUNCATED,    /* no %%EOF marker at the end of the file */
    PR_ERR_DAMAGED,      /* poppler could not parse the document */
    PR_ERR_ENCRYPTED,    /* a password is needed and none was given */
    PR_ERR_PASSWORD,     /* the given password is wrong */
    PR_ERR_NO_TEXT,      /* no page has a text layer (a scan) */
    PR_ERR_TOO_LARGE,    /* more pages than --max-pages */
    PR_ERR_GRAMMAR,      /* a grammar file cannot be read or compiled */
    PR_ERR_USAGE,        /* bad command line */
    PR_ERR_OUTPUT,       /* writing the output failed */
    PR_ERR_NOMEM,        /* allocation failed */
    PR_ERR_CRASHED,      /* the worker reading the input died (a signal) */
    PR_ERR_TIMEOUT,      /* the input took longer than --timeout */
    PR_ERR_INTERNAL      /* a bug: an invariant did not hold */
} pr_rc;

/* Details of the last failure; filled by the function that failed. */
typedef struct pr_error {
    pr_rc rc;
    char where[256];     /* file (and line:col for grammar files), or "" */
    char message[512];   /* one line, no trailing newline */
} pr_error;

/* Records rc and a printf-style message in err (err may be NULL).
 * Returns rc so callers can write `return pr_fail(err, PR_ERR_X, ...)`. */
pr_rc pr_fail(pr_error *err, pr_rc rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Stable machine-readable name of rc ("truncated", "encrypted", ...);
 * returns a static string. */
const char *pr_rc_code(pr_rc rc);

/* Process exit status for rc (see exit_codes.h). */
int pr_rc_exit(pr_rc rc);

#endif
