/*
 * emit.h — JSON Lines records, appended to a caller-owned buffer.
 *
 * Records are built with cJSON and printed unformatted, one per line.
 * Numbers are rounded to hundredths of a point so output is the same bytes
 * on every run (docs/lines-format.md documents every field).
 *
 * Ownership: every function borrows its arguments and appends to *out,
 * which the caller owns (see strbuf.h).
 */
#ifndef PDFROWS_EMIT_H
#define PDFROWS_EMIT_H

#include "extract.h"
#include "strbuf.h"

/* Totals of one document, for its summary record. */
typedef struct emit_doc_totals {
    int pages_in_file;
    int pages_read;
    size_t lines, glyphs, hrules, vrules;
    int *pages_without_text;    /* borrowed; page numbers */
    size_t n_pages_without_text;
    int poppler_problems;
    ex_text_notes notes;
} emit_doc_totals;

/* One "page" record, then one "line" record per line of the page. */
void normalize_emit_page_lines(pr_strbuf *out, const char *file,
                               const ex_page *page);

/* The "document" record that closes a document's records. */
void normalize_emit_lines_summary(pr_strbuf *out, const char *file,
                                  const char *sha256,
                                  const emit_doc_totals *totals);

/* The one "error" record of a document that could not be read. */
void normalize_emit_error(pr_strbuf *out, const char *file, const pr_error *err);

#endif
