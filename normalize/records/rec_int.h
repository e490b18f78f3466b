/*
 * rec_int.h — what the files of stage three share. Not for use outside
 * normalize/records/ and tests/unit/.
 *
 * Ownership: everything a rec_doc holds lives in its arenas (records.h);
 * a rec_view is plain data on the caller's stack, borrowing all of it.
 */
#ifndef PDFROWS_REC_INT_H
#define PDFROWS_REC_INT_H

#include "records.h"
#include "arena.h"

/* What a check sees of a table: one side (its columns and its rows), or
 * the whole printed table (lo 0, every column, the printed rows as
 * `whole` rows: side REC_WHOLE, attached checks go to the side row that
 * holds the checked column). */
#define REC_WHOLE ((size_t)-1)

typedef struct rec_view {
    rec_doc *doc;
    rec_table *t;
    const gr_grammar *g;
    size_t lo, n_cols;              /* printed columns [lo, lo + n_cols) */
    char *const *columns;           /* header paths, src->columns + lo */
    rec_row **rows;                 /* the view's rows, top to bottom */
    size_t n_rows;
} rec_view;

/* sides.c: the sides of a table (records.h rec_side), at least one. */
void rec_find_sides(rec_doc *d, rec_table *t, const gr_grammar *g);

/* fields.c: the canonical name and first key of every column (before
 * the sides are found: sides.c reads them). */
void rec_column_names(rec_doc *d, rec_table *t, const gr_grammar *g);

/* fields.c: keys made unique per side, and each row's code, name, key
 * and role. */
void rec_fill_fields(rec_doc *d, rec_table *t, const gr_grammar *g);

/* fields.c: whether printed column c holds subject codes / may hold
 * amounts (not a code column, not a line-number column). */
int rec_is_code_column(const rec_table *t, size_t c);
int rec_is_amount_column(const rec_table *t, size_t c);

/* fields.c: what the body of t holds in printed column c: cells with an
 * amount, with text, with anything. */
typedef struct rec_census {
    size_t amounts, texts, filled;
} rec_census;
rec_census rec_column_census(const gr_grammar *g, const rec_table *t, size_t c);
int rec_column_has_amount(const gr_grammar *g, const rec_table *t, size_t c);

/* fields.c: the grammar's name for one header part (`column` rules), or
 * NULL; and whether such a name stands for a group of columns (basic,
 * income, personnel), not for what one value column is (a code, a name,
 * an amount, a measure). */
const char *rec_part_token(const gr_grammar *g, const rec_table *t, const char *part,
                           size_t len);
int rec_names_group(const char *tok);

/* checks.c: the value of a cell for a check. */
enum { REC_CELL_ZERO = 0, REC_CELL_AMOUNT = 1, REC_CELL_TEXT = -1 };
int rec_cell_value(const gr_grammar *g, const char *cell, pr_amount *a);

/* checks.c: a check of found (in total's row) against the sum of
 * parts[0..n); the caller counts it in the table (rec_count) and
 * attaches it to its rows (rec_attach). NULL when the arithmetic would
 * leave 64 bits (checks.c NOTES (11)): no check. */
rec_check *rec_judge(const rec_view *v, const char *rule, size_t col,
                     pr_amount found, const pr_amount *parts, size_t n,
                     const rec_row *total);
void rec_count(const rec_view *v, rec_check *c);

/* checks.c: every check of the grammar within table t. */
void rec_check_table(rec_doc *d, rec_table *t, const gr_grammar *g);

/* ocr_correct.c: in a table read by OCR whose checks fail, the one
 * misread amount whose correction makes them all hold, corrected (and
 * its checks made again). */
void rec_correct_ocr(rec_doc *d, rec_table *t, const gr_grammar *g);

/* checks.c NOTES (12): decides the cross rules whose two tables are
 * built (with final, all of them); whether table i waits for one. */
void rec_cross_step(rec_doc *d, const gr_grammar *g, int final);
int rec_cross_waits(const rec_doc *d, const gr_grammar *g, size_t table);

/* checks.c: t's rows_checked and rows_unchecked, once its checks are all
 * made. */
void rec_row_summary(rec_table *t, const gr_grammar *g);

/* build.c: table t of d built from src (family, columns, sides, rows,
 * fields, flags), in d->arena. */
void rec_build_table(rec_doc *d, rec_table *t, const tb_table *src, const gr_grammar *g);

/* long.c: the amount records of table t. */
void rec_emit_long_table(pr_strbuf *out, const rec_doc_info *info, const rec_doc *doc,
                         const rec_table *t, int csv);

/* checks.c: c attached to row (to the side row holding view column col
 * when row is a whole row). */
void rec_attach(const rec_view *v, rec_row *row, size_t col, rec_check *c);

/* checks.c: whether a row is a total row (no code, its first text cell a
 * `total` label). */
int rec_is_total_row(const rec_view *v, const rec_row *row);

/* review.c: stage three's flags (amounts_without_name on side rows,
 * no_family on the table), after its fields are filled. */
void rec_flag_table(rec_table *t, const gr_grammar *g);

/* check_hierarchy.c: 类 = Σ 款 ... over one side. */
void rec_check_hierarchy(const rec_view *v, const char *rule);

/* check_outline.c: rows without codes as an outline, over one side;
 * rows_too = 0 checks only the total rows. */
void rec_check_outline(const rec_view *v, const char *rule, int rows_too);

#endif
