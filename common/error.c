/*
 * error.c — filling pr_error records and naming result codes.
 *
 * The names returned by pr_rc_code() are part of the output schema (the
 * "code" of an error record): never rename one.
 */
#include "pdfrows.h"
#include "exit_codes.h"

#include <stdarg.h>
#include <stdio.h>

pr_rc pr_fail(pr_error *err, pr_rc rc, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        err->rc = rc;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return rc;
}

const char *pr_rc_code(pr_rc rc)
{
    switch (rc) {
    case PR_OK:            return "ok";
    case PR_ERR_MISSING:   return "missing";
    case PR_ERR_READ:      return "unreadable";
    case PR_ERR_NOT_PDF:   return "not_pdf";
    case PR_ERR_TRUNCATED: return "truncated";
    case PR_ERR_DAMAGED:   return "damaged";
    case PR_ERR_ENCRYPTED: return "encrypted";
    case PR_ERR_PASSWORD:  return "bad_password";
    case PR_ERR_NO_TEXT:   return "no_text";
    case PR_ERR_TOO_LARGE: return "too_large";
    case PR_ERR_GRAMMAR:   return "grammar";
    case PR_ERR_USAGE:     return "usage";
    case PR_ERR_OUTPUT:    return "output";
    case PR_ERR_NOMEM:     return "out_of_memory";
    case PR_ERR_CRASHED:   return "crashed";
    case PR_ERR_TIMEOUT:   return "timeout";
    case PR_ERR_INTERNAL:  return "internal";
    }
    return "internal";
}

int pr_rc_exit(pr_rc rc)
{
    switch (rc) {
    case PR_OK:            return PR_EXIT_OK;
    case PR_ERR_MISSING:
    case PR_ERR_READ:
    case PR_ERR_NOT_PDF:
    case PR_ERR_TRUNCATED:
    case PR_ERR_DAMAGED:
    case PR_ERR_TOO_LARGE: return PR_EXIT_INPUT;
    case PR_ERR_ENCRYPTED:
    case PR_ERR_PASSWORD:  return PR_EXIT_PASSWORD;
    case PR_ERR_NO_TEXT:   return PR_EXIT_NO_TEXT;
    case PR_ERR_GRAMMAR:   return PR_EXIT_GRAMMAR;
    case PR_ERR_USAGE:     return PR_EXIT_USAGE;
    case PR_ERR_OUTPUT:    return PR_EXIT_OUTPUT;
    case PR_ERR_CRASHED:
    case PR_ERR_TIMEOUT:
    case PR_ERR_NOMEM:     return PR_EXIT_WORKER;   /* a record: a worker past --max-memory */
    case PR_ERR_INTERNAL:  return PR_EXIT_INTERNAL;
    }
    return PR_EXIT_INTERNAL;
}
