/*
 * table.h — stage two: tables recognised on the pages of one document,
 * as header grids and body rows of cell strings, ready for stage three
 * (records). Built page by page from stage one's ex_page and a grammar.
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

#include "amount.h"
#include "extract.h"
#include "grammar.h"

/* The outcome of one arithmetic check (row_checks.c). Shared by every row
 * that takes part in it. */
typedef enum tb_check_status { TB_CHECK_OK, TB_CHECK_ROUNDED, TB_CHECK_FAILED } tb_check_status;

typedef struct tb_check {
    const char *rule;           /* the grammar's check name */
    const char *column;         /* header path checked, or "" */
    tb_check_status status;
    pr_amount expected, found;  /* expected: the sum of the parts; found:
                                   the printed total */
    int page;                   /* where the printed total is */
    const char *what;           /* for people: "2010201 行政运行" ... */
} tb_check;

typedef struct tb_row {
    char **cells;               /* n_cols strings, "" for empty */
    unsigned char *full;        /* n_cols: the cell's text was wrapped at its
                                   right border on its last line */
    unsigned char *room;        /* n_cols: characters a line of the cell
                                   holds (0: unknown) */
    int page;
    ex_box box;                 /* the row's cells on that page */
    /* filled by table_finish() (row_fields.c, row_checks.c) */
    const char *code;           /* subject code, "" if none */
    const char *name;           /* the row's name, NULL if none */
    const char *key;            /* name with full-width forms folded */
    tb_check **checks;          /* the checks this row takes part in */
    size_t n_checks, cap_checks;
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
    const char *family;         /* grammar family name, or NULL */
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
    /* filled by table_finish() */
    const char **canonical;     /* n_cols: the grammar's column name or NULL */
    char **keys;                /* n_cols: the key of the column's values */
    tb_check **checks;          /* every check made in this table */
    size_t n_checks, cap_checks, n_ok, n_rounded, n_failed;
    size_t rows_checked, rows_unchecked;  /* rows with amounts */
} tb_table;

typedef struct tb_doc {
    tb_table **tables;
    size_t n_tables, cap_tables;
    tb_unplaced *unplaced;
    size_t n_unplaced, cap_unplaced;
    const char *org;            /* first org printed on any table */
    tb_check **cross;           /* checks across tables (the document's) */
    size_t n_cross, cap_cross;
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

/* After the last page: each row's code, name and key, each column's
 * canonical name and values key (row_fields.c), then the grammar's
 * arithmetic checks (row_checks.c). */
void table_finish(tb_doc *doc, const gr_grammar *g);

/* Whether column c of a finished table holds subject codes (its
 * canonical name is code, code_class, code_section or code_item). */
int table_is_code_column(const tb_table *t, size_t c);

/* Code level (1 for 201/301, 2 for 20101/30101, 3 for 2010101) of a
 * subject code, 0 if it is none. */
int table_code_level(const char *code);

#endif
