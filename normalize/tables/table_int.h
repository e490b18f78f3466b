/*
 * table_int.h — what the files of stage two share while reading one page.
 * Not for use outside normalize/ and tests/unit/.
 *
 * Ownership: a page_ctx lives on table_add_page()'s stack; its arena holds
 * the page's scratch data (grids, free lines, matrices) and is freed when
 * the page is done. Strings that outlive the page (cells, titles, notes)
 * are copied into the document's arena.
 */
#ifndef PDFROWS_TABLE_INT_H
#define PDFROWS_TABLE_INT_H

#include "table.h"
#include "arena.h"
#include "strbuf.h"

/* A ruled grid on a page: column edges, row edges, and for every atomic
 * cell the atomic cell that owns it after merging (top-left of a span). */
typedef struct tb_grid {
    ex_box box;
    double *xs;                 /* n_cols + 1 */
    double *alt;                /* n_cols + 1 or NULL: where a header row
                                   draws edge i instead (0: nowhere else) */
    unsigned char *row_alt;     /* n_rows or NULL: row r draws alt edges */
    double *ys;                 /* n_rows + 1 */
    size_t n_cols, n_rows;
    size_t *owner;              /* n_rows * n_cols: index r * n_cols + c */
    int has_vrules;             /* 0: horizontal rules only */
    const ex_page *page;        /* borrowed: the rules below index it */
    size_t *members;            /* rule indexes: hrules, then n_hrules + v */
    size_t n_members;
    unsigned char *virtual_ys;  /* n_rows + 1 or NULL: row edge i is no rule
                                   but a gap between stacked lines of numbers
                                   (page_grids.c NOTES (6)) */
} tb_grid;

/* page_grids.c: the ruled grids of a page, top to bottom (in arena);
 * no rules-only grid spans a height in barriers[0..n_barriers) (a title
 * line: NOTES (7)). */
size_t table_find_grids(const ex_page *page, const double *barriers, size_t n_barriers,
                        pr_arena *arena, tb_grid **grids);

/* page_grids.c NOTES (5): drops column edges no vertical rule draws in
 * rows body_row..; returns 1 if any was dropped (owners recomputed). */
int table_grid_drop_header_edges(tb_grid *grid, size_t body_row, pr_arena *arena);

/* page_grids.c: the atomic cell at (x, y) of grid, or (size_t)-1. */
size_t table_grid_cell(const tb_grid *grid, double x, double y);

/* cell_text.c: appends glyph text to a cell string builder. */
char *table_join_text(pr_arena *arena, const char *a, const char *b);

/* cell_text.c: the cell's printed text as records carry it: whitespace
 * removed but one space between Latin words (in arena; NOTES (1)). */
const char *table_clean_cell(pr_arena *arena, const char *text);
/* cell_text.c (1): whether glyph b, after glyph a (NULL: none) in one
 * cell, starts a new Latin word. */
int table_space_between(const ex_glyph *a, const ex_glyph *b);
/* cell_text.c NOTES (3): whether glyphs a and b, next in a line, stand
 * further apart than a word space (a column edge there cuts the text). */
int table_gutter_between(const ex_glyph *a, const ex_glyph *b);

/* cell_text.c: whether compact text is a number of a body row: an
 * amount, a subject code or a placeholder (-, —). */
int table_is_number(const gr_grammar *g, const char *compact);
/* cell_text.c: whether text (UTF-8) holds a CJK character (kana, hangul,
 * an ideograph; not CJK or full-width punctuation alone, which OCR puts
 * into English lines): the grammar's header words and standard titles
 * are such text. */
int table_has_cjk(const char *text);
/* cell_text.c (2): compact, a piece of a title or label without CJK, as
 * printed in printed (blanks between its words kept, one space each); in
 * arena. Text with CJK, or not found in printed, is returned as it is. */
const char *table_printed(pr_arena *arena, const char *printed, const char *compact);


/* table_store.c: add a row / note to a table (arena-grown arrays). */
void table_push_row(tb_table *t, tb_row row);
void table_push_note(tb_table *t, const char *note);
void table_push_unplaced(tb_doc *doc, int page, ex_box box, const char *text);
void table_push_span(tb_table *t, tb_span span);


/* The part of a line outside every grid (table_page.c NOTES (1)). */
typedef struct free_line {
    const ex_line *line;
    ex_box box;                 /* of the free glyphs */
    const char *text;           /* free glyphs, whitespace-free */
    int used;                   /* taken as title, meta, note or row */
} free_line;

/* What the preamble says about the table below it. */
#define MAX_SKIPPED 2

typedef struct table_head {
    const char *label, *title, *org, *unit;     /* NULL if not printed */
    size_t title_line;          /* index of the title's free line */
    size_t org_line;            /* index of the org's free line */
    size_t skipped[MAX_SKIPPED];    /* free lines between title and grid
                                       that are none of title, label, meta */
    size_t n_skipped;
} table_head;

/* Cells of one table region on one page, before header/body split. */
typedef struct cell_matrix {
    size_t n_rows, n_cols;
    const char **text;          /* [owner index] cell text, NULL if none */
    const size_t *owner;        /* r * n_cols + c -> owner index */
    const double *ys, *xs;      /* row and column edges */
    int ruled;
    size_t body_from;           /* rows before it: header or repeated header */
    const unsigned char *full;  /* [owner index] text runs to the right
                                   border (wrapped); NULL if unknown */
    const unsigned char *room;  /* [owner index] characters a line of the
                                   cell holds; NULL if unknown */
    size_t split;               /* grid row read as rows split, split + 1
                                   (grid_cells.c NOTES (1)); -1: none */
    int has_region;             /* read from a region without vertical
                                   rules (text_region.c): */
    ex_box region;              /* that region */
    int aligned;                /* a table by alignment alone, without a
                                   title (text_blocks.c); 2: one whose
                                   heading repeats the last block's: a new
                                   table, not a continuation */
    int untitled;               /* no title names it, or one without CJK
                                   (an English "Table 3."): its header
                                   may be found without the grammar's
                                   words */
    size_t header_ruled;        /* header rows a rule under them closes
                                   (text_region.c, an aligned table's
                                   header band); 0: no rule says */
} cell_matrix;

typedef struct page_ctx {
    tb_doc *doc;
    const ex_page *page;
    const gr_grammar *g;
    pr_arena *arena;            /* scratch for this page */
    tb_grid *grids;
    size_t n_grids;
    int *in_grid;               /* grid i holds any glyph */
    unsigned char *grid_table;  /* grid i was placed as a table (or part) */
    const char *block_headings; /* text_blocks.c (5): the heading lines of the
                                   last block placed, "\n" after each */
    free_line *free;
    size_t n_free;
    free_line **free_of_line;   /* per page line: its free line, or NULL */
    const tb_trace *trace;      /* pdfrows explain's, or NULL (table.h) */
} page_ctx;

/* table_preamble.c */
int table_is_furniture(const page_ctx *pc, const char *text);
int table_is_title(const page_ctx *pc, const char *text_without_label, int labelled);
const char *table_cut_label(const page_ctx *pc, const char *text, char *label,
                            size_t labelsz);
/* Reads free lines [from, to) bottom-up: title, label, org, unit. */
void table_read_preamble(page_ctx *pc, size_t from, size_t to, table_head *head);
/* The leading rows of a grid that are its title, label, org and unit
 * (printed inside the grid), read into head; and the matrix without
 * its first k rows (table_preamble.c NOTES (7)). */
size_t table_grid_preamble(page_ctx *pc, const cell_matrix *m, table_head *head);
void table_drop_rows(page_ctx *pc, cell_matrix *m, size_t k);
/* table_place.c: adds the matrix as a new table or a continuation, then its notes from
 * free lines [notes_from, notes_to); *next_free: first line after them.
 * Returns 1, or 0 when the matrix is no table (nothing is added). */
int table_place(page_ctx *pc, cell_matrix *m, table_head *head,
                size_t notes_from, size_t notes_to, size_t *next_free);

/* grid_cells.c: the cells of a ruled grid (text by glyph centre). */
void table_read_grid(page_ctx *pc, const tb_grid *grid, cell_matrix *m);

/* table_continue.c: the open table that this matrix continues (table_page.c
 * NOTES (4)), with m remapped onto the table's columns and its repeated
 * header marked (m->body_from); NULL when it starts a new table. */
tb_table *table_continues(page_ctx *pc, cell_matrix *m, const table_head *head);

/* table_rows.c: the text of the merged cell covering (r, c), "" if none. */
const char *table_span_text(const cell_matrix *m, size_t r, size_t c);

/* table_rows.c: header/body split and rows into the table. */
void table_take_header(page_ctx *pc, tb_table *t, cell_matrix *m);
/* How many leading rows of m are header (NOTES (3) of table_page.c). */
size_t table_header_rows(const page_ctx *pc, const cell_matrix *m);
/* The table's header re-cut to m's finer columns, then m's own header rows
 * added under it (a header that a page break cut in two). */
void table_extend_header(page_ctx *pc, tb_table *t, cell_matrix *m);
void table_skip_repeated_header(page_ctx *pc, tb_table *t, cell_matrix *m);
/* t's columns also cut at the edges of xs[0..n] it lacks (a form whose
 * next page splits its rows at other places; table_rows.c NOTES (4)). */
void table_refine_columns(tb_table *t, const double *xs, size_t n,
                          double tol);
void table_take_body(page_ctx *pc, tb_table *t, const cell_matrix *m);

/* cell_geom.c: the box of every cell of m (n_rows * n_cols, in the page
 * arena): a merged cell's span on its owner, TB_NO_BOX on the cells it
 * covers (table.h). */
ex_box *table_cell_boxes(page_ctx *pc, const cell_matrix *m);

/* cell_geom.c: TB_FLAG_CROSSES_BORDER and TB_FLAG_TWO_SIZES of every
 * owner cell of m with text, from the page's glyphs (n_rows * n_cols, in
 * the page arena; NOTES there). */
unsigned char *table_cell_flags(page_ctx *pc, const cell_matrix *m, const ex_box *boxes,
                                unsigned char **ocr_conf);

/* ocr_mend.c: page itself, or where it was read by OCR and the grammar's
 * vocabulary mends some of its words, a copy in arena with them mended. */
const ex_page *table_ocr_mended(const ex_page *page, const gr_grammar *g, pr_arena *arena);

/* cell_geom.c: TB_FLAG_HEADER_SPLIT on the cells of m's first body row
 * (m->body_from) that read as the cut-off end of the header cell above
 * them (NOTES there); flags as from table_cell_flags. */
void table_header_split_flags(page_ctx *pc, const cell_matrix *m, const ex_box *boxes,
                              unsigned char *flags);

/* table_store.c: box on page added to the table's region of that page. */
void table_note_region(tb_table *t, int page, ex_box box);

/* text_table.c: titled tables without a ruled grid among free lines
 * [from, to): aligned text under a title. */
void table_text_tables(page_ctx *pc, size_t from, size_t to);

/* text_region.c: whether the glyph's centre is inside r (1 pt slack);
 * the column of xs[0..nc] (edges) that holds x. */
int table_glyph_in(const ex_glyph *gl, const ex_box *r);
size_t table_column_at(const double *xs, size_t nc, double x);

/* text_header.c: the header rows of a region without vertical rules, from
 * its header lines (NOTES there). text and owner are n_rows * nc, in the
 * page's arena: text "" where no block starts, owner the cell whose text
 * covers each cell; ys[r] the top of header row r. figures[c] says
 * whether column c's body cells hold figures, not words (text_region.c
 * (5)), mids[c] is the middle of the body's text in it. */
typedef struct text_header {
    size_t n_rows;
    const char **text;
    size_t *owner;
    double *ys;
} text_header;
void table_text_header(page_ctx *pc, const ex_line *const *lines, size_t n,
                       const ex_box *region, const double *xs, const double *mids,
                       size_t nc, const unsigned char *figures, text_header *h);

/* text_blocks.c: untitled tables without ruling lines among free lines
 * [from, to): numbers lined up in columns over several rows. */
void table_text_blocks(page_ctx *pc, size_t from, size_t to);
/* text_blocks.c (6): the same over every line of the page still loose,
 * once its grids are placed. */
void table_text_blocks_page(page_ctx *pc);

/* text_region.c: the cells of a region without vertical rules, from the
 * glyphs inside it; columns from alignment, rows from the text (the
 * wrapped-cell state machine) or from horizontal rules: rules[0..n_rules)
 * (sorted; NULL, 0 for none) are the region's top, the rule under its
 * header, the rules between body rows, and its bottom. */
void table_read_text_region(page_ctx *pc, const ex_box *region,
                            const double *rules, size_t n_rules, cell_matrix *m);

#endif
