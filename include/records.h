/*
 * records.h — stage three: a document's tables as JSON Lines records
 * (docs/record.schema.json): per table one "table" record then one "row"
 * record per body row, and one "document" record last.
 *
 * Ownership: every function borrows its arguments and appends to *out,
 * which the caller owns (strbuf.h).
 */
#ifndef PDFROWS_RECORDS_H
#define PDFROWS_RECORDS_H

#include "grammar.h"
#include "strbuf.h"
#include "table.h"

/* Output formats (--format). */
typedef enum rec_format {
    REC_JSONL,      /* table record, row records, document record */
    REC_TABLES,     /* one table record each with its body grid, document record */
    REC_CSV         /* CSV blocks, one per table (csv_emit.c) */
} rec_format;

/* What the document record says besides the tables. */
typedef struct rec_doc_info {
    const char *file;
    const char *sha256;
    int pages_in_file;
    int pages_read;
    int poppler_problems;
} rec_doc_info;

/* Table, row and document records of one document (REC_JSONL), or table
 * records with their body grids (REC_TABLES). */
void records_emit_document(pr_strbuf *out, const rec_doc_info *info,
                           const tb_doc *doc, const gr_grammar *g,
                           rec_format format);

/* Number of failed checks in the document (for --strict). */
size_t records_failed_checks(const tb_doc *doc);

/* One CSV block per table: a line naming the table, a header line of
 * column paths, the body rows; a blank line after each block. */
void records_emit_csv(pr_strbuf *out, const rec_doc_info *info, const tb_doc *doc);

#endif
