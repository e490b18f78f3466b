/*
 * page_build.h — builds an ex_page by hand for stage-two tests: runs of
 * text (text, x, y, size) and ruling lines, no PDF.
 *
 * Geometry: y grows downwards; a run's glyph boxes are size tall from y;
 * a CJK glyph is size wide, an ASCII glyph half that, a space advances
 * half a size. Each run is one segment; runs with the same y are one line;
 * lines run top to bottom, segments left to right; rules are 0.5 wide.
 *
 * Ownership: a page_builder is a caller-owned value ({0} to start);
 * pb_finish() returns an owned page (its own arena), freed with pb_free(),
 * which takes the pointer's address, sets it to NULL, no-op on NULL. Run
 * texts are borrowed until pb_finish() returns.
 *
 * Also helpers for the tests that use it: adding a built page to a
 * tb_doc, taking its only table, and checking a body row's cells.
 */
#ifndef PDFROWS_PAGE_BUILD_H
#define PDFROWS_PAGE_BUILD_H

#include "table.h"

#include <glib.h>

#define PB_MAX_RUNS 96
#define PB_MAX_RULES 64

typedef struct pb_run { const char *text; double x, y, size; } pb_run;

typedef struct page_builder {
    pb_run runs[PB_MAX_RUNS];
    size_t n_runs;
    ex_rule h[PB_MAX_RULES], v[PB_MAX_RULES];
    size_t nh, nv;
} page_builder;

void pb_text(page_builder *b, const char *s, double x, double y, double size);
void pb_hrule(page_builder *b, double y, double x0, double x1);
void pb_vrule(page_builder *b, double x, double y0, double y1);
/* A full grid: a rule at every x of xs[0..nx) and every y of ys[0..ny). */
void pb_grid(page_builder *b, const double *xs, size_t nx, const double *ys, size_t ny);
ex_page *pb_finish(page_builder *b, int number);

/* A one-page PDF (size x size points) whose page draws content, with two
 * resources: the font /F1 (Helvetica, not embedded) and the image /Im1
 * (one grey pixel). Owned: g_bytes_unref(). */
GBytes *pb_pdf(const char *content, double size);
void pb_free(ex_page **page);

/* Finishes b as page number, adds it to doc with grammar g, frees the page
 * (as the CLI does) and empties b for the next page. */
void pb_add_page(tb_doc *doc, page_builder *b, int number, const gr_grammar *g);

/* The only table of doc (borrowed), or NULL after a failed check. */
const tb_table *pb_only_table(const tb_doc *doc);

/* Checks that t has a row r whose n_cols cells are want[] (one failed
 * assertion per wrong cell, reported at the caller's line). */
void pb_check_row(const tb_table *t, size_t r, const char *const *want,
                  const char *file, int line);
#define PB_CHECK_ROW(t, r, ...) \
    pb_check_row((t), (r), (const char *[]){__VA_ARGS__}, __FILE__, __LINE__)

/* The family stage three gives a table's title (records.h: by the
 * grammar's folded title). */
#define CHECK_FAMILY(g, t, want) do { \
        const gr_family *f_ = grammar_family((g), (t)->title); \
        CHECK_STR(f_ ? f_->name : "", want); \
    } while (0)

#endif
