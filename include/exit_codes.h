/*
 * exit_codes.h — the process exit statuses of pdfrows, in one place.
 * README.md documents the same table; tests/run asserts it.
 *
 * With several input files the status is that of the first file that
 * failed (in argument order), so a pipeline can tell "some input was bad"
 * from "everything was read" with one test.
 */
#ifndef PDFROWS_EXIT_CODES_H
#define PDFROWS_EXIT_CODES_H

enum pr_exit {
    PR_EXIT_OK        = 0,  /* every input read */
    PR_EXIT_INPUT     = 1,  /* an input is missing, unreadable, not a PDF, truncated or damaged */
    PR_EXIT_USAGE     = 2,  /* bad command line */
    PR_EXIT_PASSWORD  = 3,  /* an input is encrypted and no (or a wrong) password was given */
    PR_EXIT_NO_TEXT   = 4,  /* an input has no text layer on any page (a scan) */
    PR_EXIT_OUTPUT    = 5,  /* writing to stdout failed */
    PR_EXIT_GRAMMAR   = 6,  /* a grammar file cannot be read or does not compile */
    PR_EXIT_CHECKS    = 7,  /* --strict: every input read, but an arithmetic check failed */
    PR_EXIT_WORKER    = 8,  /* an input crashed its worker or ran past --timeout */
    PR_EXIT_PARTIAL   = 9,  /* an input was read in part: a page could not be read */
    PR_EXIT_INTERNAL  = 99  /* a bug in pdfrows (out of memory included) */
};

#endif
