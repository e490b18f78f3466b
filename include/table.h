/*
 * table.h — stage two: tables recognised on the pages of one document,
 * as header grids and body rows of cell strings, ready for stage three
 * (records.h), which reads them and never changes them. Built page by
 * page from stage one's ex_page and a grammar.
 *
 * Ownership, stated once: a tb_doc is owned by the caller of
 * table_doc_new() and freed with table_doc_free() (pointer's address; NULL
 * is a no-op). Everything reachable from it (tables, rows, strings) lives
 * in its arena or in its tables' arenas and dies with it, or, for one
 * table, when table_release() lets go of that table. ex_page and gr_grammar arguments
 * are borrowed for the duration of the call only: nothing keeps a pointer
 * into a page, so each page can be freed as soon as it was added.
 */
#ifndef PDFROWS_TABLE_H
#define PDFROWS_TABLE_H

#include "extract.h"
#include "grammar.h"
#include "arena.h"

/* Boxes are stage one's coordinates (extract.h): points on the upright
 * page, origin top-left, y down. A cell covered by a merged cell (its
 * text sits in the span's top-left cell) has no box of its own:
 * TB_NO_BOX, x0 > x1; the top-left cell's box covers the whole span. */
#define TB_NO_BOX ((ex_box){1, 1, 0, 0})
static inline int table_has_box(const ex_box *b)
{
    return b->x0 <= b->x1;
}

/* What stage two's geometry doubts about a cell's reading (bits of
 * tb_row.flags; cell_geom.c NOTES): a human should look. */
enum {
    TB_FLAG_CROSSES_BORDER = 1, /* a word cut by the cell's border: two
                                   touching glyphs of a line in two cells,
                                   one of them over the border */
    TB_FLAG_TWO_SIZES = 2,      /* its glyphs have font sizes more than 20%
                                   apart, a run of each: two texts in one
                                   cell */
    TB_FLAG_HEADER_SPLIT = 4,   /* a short fragment in the first body row
                                   under a header cell, over the row's top
                                   border (or on a line of its own under a
                                   full header cell): a header word the
                                   border cut */
    TB_FLAG_UNTRUSTED_TEXT = 32 /* built from characters whose Unicode
                                   cannot be trusted (extract.h ex_glyph);
                                   8 and 16 are stage three's (records.h) */
};

typedef struct tb_row {
    char **cells;               /* n_cols strings, "" for empty */
    unsigned char *full;        /* n_cols: the cell's text was wrapped at its
                                   right border on its last line */
    unsigned char *room;        /* n_cols: characters a line of the cell
                                   holds (0: unknown) */
    int page;
    ex_box box;                 /* the row's cells on that page */
    ex_box *cell_boxes;         /* n_cols, or NULL (unknown): each cell's box
                                   on `page` (ruled: the grid cell; text
                                   tables: column edges x the row's band);
                                   TB_NO_BOX where a merged cell covers it */
    unsigned char *flags;       /* n_cols, or NULL: TB_FLAG_* bits */
    unsigned char *ocr_conf;    /* n_cols, or NULL (a row from a text
                                   layer): 1 + the lowest OCR confidence
                                   (0-100) of the cell's glyphs, 0 for a
                                   cell with none (cell_geom.c (7)) */
} tb_row;

/* The part of one page a table covers. */
typedef struct tb_region {
    int page;
    ex_box box;
} tb_region;

/* A fragment inside a table region that no cell took. */
typedef struct tb_unplaced {
    int page;
    ex_box box;
    const char *text;
} tb_unplaced;

/* A merged cell (issue 14): its top-left cell, 0-based within the
 * header rows or within the body rows, and the rows and columns it
 * covers (one of them 2 or more). */
typedef struct tb_span {
    int body;                   /* 0: header rows, 1: body rows */
    size_t row, col;
    size_t rows, cols;
} tb_span;

typedef struct tb_table {
    int seq;                    /* 1-based, order of appearance */
    const char *label;          /* "公开01表", or "" */
    const char *title;          /* compact title, or "" */
    const char *org, *unit;     /* "" when not printed */
    int *pages;                 /* ascending */
    size_t n_pages;
    int ruled;                  /* cells came from ruling lines */
    size_t n_cols;
    char ***header;             /* n_header rows of n_cols strings; merged
                                   cells repeated into every column */
    size_t n_header;
    char **columns;             /* n_cols header paths "支出/基本支出" */
    tb_row *rows;
    size_t n_rows, cap_rows;
    char **notes;
    size_t n_notes, cap_notes;
    double *col_edges;          /* n_cols + 1 x positions, last page */
    ex_box **header_boxes;      /* n_header rows of n_cols boxes, or NULL:
                                   a merged header cell's box on its
                                   top-left cell, TB_NO_BOX on the others */
    int *header_pages;          /* n_header pages, or NULL: each header
                                   row's page */
    tb_span *spans;             /* merged cells, in reading order */
    size_t n_spans, cap_spans;
    tb_region *regions;         /* one per page the table covers, ascending:
                                   its header and body cells there (a
                                   text table: the region read) */
    size_t n_regions, cap_regions;
    pr_arena *arena;            /* the table's own: its rows, header, notes,
                                   pages, spans, regions (not label, title, org,
                                   unit: the document's) */
} tb_table;

typedef struct tb_doc {
    tb_table **tables;          /* NULL where table_release() freed one */
    size_t n_tables, cap_tables;
    tb_unplaced *unplaced;
    size_t n_unplaced, cap_unplaced;
    const char *org;            /* first org printed on any table */
    const char *year;           /* first year printed ("2019"), or "" */
    const char *kind;           /* 部门预算, 单位决算 ..., or "" */
    pr_arena *arena;
    /* continuation state */
    tb_table *open;             /* last table, may continue on next page */
    int open_page;
    /* a title (with label, org, unit) printed at the foot of the previous
     * page, whose grid starts on the next one; strings in arena */
    const char *pending_label, *pending_title, *pending_org, *pending_unit;
} tb_doc;

/* Returns an owned, empty document. */
tb_doc *table_doc_new(void);
void table_doc_free(tb_doc **doc);

/* Recognises the tables of one page and adds them (or their continuation)
 * to doc. Pages must be added in ascending order. */
void table_add_page(tb_doc *doc, const ex_page *page, const gr_grammar *g);

/* Whether table i can no longer change: it is not the table a next page
 * may continue (doc->open) and a page after its last has been added
 * (last_page: the number of the last page added). */
int table_is_closed(const tb_doc *doc, size_t i, int last_page);

/* Frees table i (a closed one: stage three has written it) and leaves
 * NULL in doc->tables[i]; its label, title, org and unit stay. Does
 * nothing to the open table or one already freed. */
void table_release(tb_doc *doc, size_t i);

/* ---- trace: what stage two decided, for `pdfrows explain` -------------
 * table_add_page_traced() reads the page exactly as table_add_page()
 * does, and calls fn at each decision it makes: a grid found, a preamble
 * line read as title, label, org or unit (or none of them, and why), a
 * continuation taken or refused (table_continue.c's reasons), where a
 * table's header ends and its body starts, its notes, where it ends, a
 * title carried to the next page (docs/explain-format.md lists the
 * events). With fn NULL it is table_add_page(): no trace changes what
 * is read.
 *
 * Ownership: the event and every string in it are borrowed for the call
 * only; arg is the caller's. */
typedef struct tb_trace_event {
    int page;                   /* 1-based page number */
    const char *event;          /* static name: "grid", "title", ... */
    int table;                  /* seq of the table concerned, 0: none */
    int line;                   /* 1-based index into page->lines, 0: none */
    const ex_box *box;          /* where on the page, or NULL */
    const char *detail;         /* for people: what and why */
} tb_trace_event;

typedef void (*tb_trace_fn)(void *arg, const tb_trace_event *ev);

typedef struct tb_trace {
    tb_trace_fn fn;
    void *arg;
} tb_trace;

void table_add_page_traced(tb_doc *doc, const ex_page *page, const gr_grammar *g,
                           tb_trace_fn fn, void *arg);

/* Calls tr's fn (a no-op when tr is NULL) with detail printed from fmt.
 * For stage two's files (table_page.c defines it). */
void table_tracef(const tb_trace *tr, int page, const char *event, int table, int line,
                  const ex_box *box, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

#endif
