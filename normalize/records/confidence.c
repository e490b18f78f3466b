/*
 * confidence.c — how sure pdfrows is that a table is a table and that
 * it read its cells right (records.h rec_confidence): one number per
 * table, 0 to 1, with the counts it comes from, so that a user can sort
 * a corpus's tables and look at the doubtful ones first.
 *
 * NOTES
 *   (1) Found by: "title" when a grammar title names the table (its
 *       title is printed: stage two keeps a title only where a title
 *       rule matched), "grid" when ruling lines drew its cells,
 *       "alignment" when its cells were read from text aligned into
 *       columns. Every table has grid or alignment.
 *   (2) The confidence is the product of four factors, each in [0, 1]:
 *         evidence  1 with a title or a grid; a table found by alignment
 *                   alone 0.8 with a header read over its columns, 0.7
 *                   without (aligned text is a table only by its shape);
 *         rows      without a title, (1 + rows with two or more filled
 *                   cells / rows with text) / 2: untitled rows that hold
 *                   one cell each are a list, a legend or a paragraph;
 *                   a title settles that a table is printed (a budget
 *                   template lists every category, most of them blank,
 *                   and an empty table's only row is its note);
 *         columns   1 - (columns with no text at all / columns) / 2:
 *                   columns nothing fills were drawn, not printed;
 *         doubts    1 - 2 x doubts / filled body cells, at least 0:
 *                   doubts are flagged body cells (every flag of review.c
 *                   but no_family, which says nothing of the reading),
 *                   cells OCR read below OCR_SURE, and fragments inside
 *                   the table's regions that no cell took.
 *       rounded to hundredths. An empty table (no body row) is judged by
 *       evidence and columns alone.
 *   (3) Arithmetic is not in it: a failed check says the PDF is wrong
 *       (or a cell misread, which the flags above may tell), and checks
 *       are counted beside the confidence in the table record. Nor is
 *       the family: an English table has none and may be read perfectly.
 */
#include "rec_int.h"

#include <math.h>

#define OCR_SURE 90             /* (2) an OCR confidence below it is a doubt */

static const char *const found_names[REC_N_FOUND] = {"title", "grid", "alignment"};

const char *records_found_name(int i)
{
    return i >= 0 && i < REC_N_FOUND ? found_names[i] : "";
}

static unsigned found_by(const tb_table *t)                         /* (1) */
{
    return (*t->title ? REC_FOUND_TITLE : 0u) |
           (t->ruled ? REC_FOUND_GRID : REC_FOUND_ALIGNMENT);
}

/* Whether cell c of printed row `row` is doubtful; its side rows (which
 * may flag a column of their own) are side[0 .. n). */
static int cell_doubtful(const tb_row *row, const rec_row *side, size_t n, size_t c)
{
    if (row->flags && row->flags[c])
        return 1;
    if (row->ocr_conf && row->ocr_conf[c] && row->ocr_conf[c] - 1 < OCR_SURE)
        return 1;
    for (size_t i = 0; i < n; i++)
        if (side[i].flags && side[i].flag_col == c)
            return 1;
    return 0;
}

static int in_box(const ex_box *outer, const ex_box *b)
{
    double cx = (b->x0 + b->x1) / 2, cy = (b->y0 + b->y1) / 2;
    return outer->x0 <= cx && cx <= outer->x1 && outer->y0 <= cy && cy <= outer->y1;
}

/* Fragments no cell took whose middle lies in one of t's regions. */
static size_t unplaced_inside(const tb_doc *doc, const tb_table *t)
{
    size_t n = 0;
    for (size_t i = 0; doc && i < doc->n_unplaced; i++)
        for (size_t k = 0; k < t->n_regions; k++)
            if (t->regions[k].page == doc->unplaced[i].page &&
                in_box(&t->regions[k].box, &doc->unplaced[i].box)) {
                n++;
                break;
            }
    return n;
}

rec_confidence records_confidence(const rec_doc *doc, const rec_table *rt)
{
    const tb_table *t = rt->src;
    rec_confidence k = {.found_by = found_by(t), .header = t->n_header > 0, .cols = t->n_cols};
    for (size_t c = 0; c < t->n_cols; c++) {
        int text = 0;
        for (size_t r = 0; r < t->n_header && !text; r++)
            text = *t->header[r][c] != 0;
        for (size_t r = 0; r < t->n_rows && !text; r++)
            text = *t->rows[r].cells[c] != 0;
        k.cols_empty += !text;
    }
    size_t next = 0;                /* rt->rows are in printed order */
    for (size_t r = 0; r < t->n_rows; r++) {
        const tb_row *row = &t->rows[r];
        size_t from = next;
        while (next < rt->n_rows && rt->rows[next].index == r + 1)
            next++;
        size_t filled = 0;
        for (size_t c = 0; c < t->n_cols; c++) {
            if (!*row->cells[c])
                continue;
            filled++;
            k.doubtful += (size_t)cell_doubtful(row, rt->rows + from, next - from, c);
        }
        k.filled += filled;
        k.rows += filled > 0;
        k.rows_two += filled >= 2;
    }
    k.doubtful += unplaced_inside(doc ? doc->src : NULL, t);

    double evidence = k.found_by & (REC_FOUND_TITLE | REC_FOUND_GRID) ? 1.0
                      : k.header                                      ? 0.8
                                                                      : 0.7;
    double rows = k.rows && !(k.found_by & REC_FOUND_TITLE)
                      ? (1.0 + (double)k.rows_two / (double)k.rows) / 2
                      : 1.0;
    double cols = k.cols ? 1.0 - (double)k.cols_empty / (double)k.cols / 2 : 0.5;
    double doubts = 1.0;
    if (k.filled)
        doubts = k.filled > 2 * k.doubtful
                     ? (double)(k.filled - 2 * k.doubtful) / (double)k.filled
                     : 0.0;
    else if (k.doubtful)
        doubts = 0.0;
    k.hundredths = (int)floor(100.0 * evidence * rows * cols * doubts + 0.5);
    return k;
}
