/*
 * review.h — between the review command (cmd_review.c: the walk, the
 * pictures, the data) and its page (review_html.c: the HTML template
 * from cli/review/, embedded at build time, filled in).
 *
 * Ownership: everything passed to review_put_html() is borrowed for the
 * call; it appends to *out, which the caller owns.
 */
#ifndef PDFROWS_CLI_REVIEW_H
#define PDFROWS_CLI_REVIEW_H

#include "strbuf.h"

/* One page as the page shows it. */
typedef struct review_page {
    int page;                   /* 1-based */
    double width, height;       /* of the upright page, points */
    int rotation;               /* the clockwise turn pdfrows applied */
    char *png_base64;           /* the picture (extract_page_png), or NULL
                                   when --data or when it could not be
                                   rendered; owned by the command */
    int px_width, px_height;    /* the picture's size in pixels */
} review_page;

/* The review page of one document: the template with the document's
 * name, the pages' pictures, and data_json (the review data, cmd_review.c
 * NOTES (2)) in a <script type="application/json"> element. */
void review_put_html(pr_strbuf *out, const char *file, const char *data_json,
                     const review_page *pages, size_t n_pages);

#endif
