/*
 * table.h — stage two: tables recognised on the pages of one document,
 * as header grids and body rows of cell strings, ready for stage three
 * (records.h), which reads them and never changes them. Built page by
 * page from stage one's ex_page and a grammar.
 *
 * Ownership, stated once: a tb_doc is owned by the caller of
 * table_doc_new() and freed with table_doc_free() (pointer's address; NULL
 * is a no-op). Everything reachable from it (tables, rows, strings) lives
 * in the tb_doc's arena and dies with it. ex_page and gr_grammar arguments
 * are borrowed for the duration of the call only: nothing keeps a pointer
 * into a page, so each page can be freed as soon as it was added.
 */
#ifndef PDFROWS_TABLE_H
#define PDFROWS_TABLE_H

#include "extract.h"
#include "grammar.h"

typedef struct tb_row {
    char **cells;               /* n_cols strings, "" for empty */
    unsigned char *full;        /* n_cols: the cell's text was wrapped at its
                                   right border on its last line */
    unsigned char *room;        /* n_cols: characters a line of the cell
                                   holds (0: unknown) */
    int page;
    ex_box box;                 /* the row's cells on that page */
} tb_row;

/* A fragment inside a table region that no cell took. */
typedef struct tb_unplaced {
    int page;
    ex_box box;
    const char *text;
} tb_unplaced;

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
} tb_table;

typedef struct tb_doc {
    tb_table **tables;
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

#endif
