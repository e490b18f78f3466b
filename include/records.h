/*
 * records.h — stage three: what a document's tables mean. It reads stage
 * two's tables (table.h) without changing them and builds its own model:
 * each table's family (by folded title), its sides (the income and the
 * expense side of a 收支总表, the panels of a table printed twice side by
 * side), each side's canonical column keys, one logical row per printed
 * row and side with its code, name, role and values, and the document's
 * own arithmetic (checks declared in the grammar). Then it writes the
 * records (docs/record.schema.json): JSON Lines, table grids, CSV, and
 * the long format (one record per amount).
 *
 * Ownership, stated once: records_build() returns an owned rec_doc, freed
 * with records_free() (pointer's address; NULL is a no-op). Everything
 * reachable from it lives in its arena and dies with it. It borrows the
 * tb_doc and the grammar it was built from: both must outlive it. The
 * emit functions borrow their arguments and append to *out, which the
 * caller owns (strbuf.h).
 */
#ifndef PDFROWS_RECORDS_H
#define PDFROWS_RECORDS_H

#include "amount.h"
#include "grammar.h"
#include "strbuf.h"
#include "table.h"

/* The outcome of one arithmetic check. Shared by every row that takes
 * part in it. */
typedef enum rec_check_status { REC_CHECK_OK, REC_CHECK_ROUNDED, REC_CHECK_FAILED } rec_check_status;

typedef struct rec_check {
    const char *rule;           /* the grammar's check name */
    const char *column;         /* header path checked, or "" */
    rec_check_status status;
    pr_amount expected, found;  /* expected: the sum of the parts; found:
                                   the printed total */
    int page;                   /* where the printed total is */
    const char *what;           /* for people: "2010201 行政运行" ... */
} rec_check;

/* A side of a table: a run of columns that is a table of its own (label
 * or code columns, then amount columns) printed beside others on the
 * same lines. A table printed once has one side over all its columns. */
typedef struct rec_side {
    size_t lo, hi;              /* columns [lo, hi) of the printed table */
    const char *heading;        /* the heading over all of its columns
                                   ("收入", "人员经费"), or "" */
    const char *key;            /* the heading's canonical name (income,
                                   personnel), or NULL */
} rec_side;

/* The flags of a reading that deserves a human look (review.c NOTES):
 * stage two's geometry (table.h TB_FLAG_*, per cell), then stage three's
 * meaning. Bits, in the order of their names (records_flag_name). */
enum {
    REC_FLAG_CROSSES_BORDER = TB_FLAG_CROSSES_BORDER,
    REC_FLAG_TWO_SIZES = TB_FLAG_TWO_SIZES,
    REC_FLAG_HEADER_SPLIT = TB_FLAG_HEADER_SPLIT,
    REC_FLAG_AMOUNTS_WITHOUT_NAME = 8,  /* a side row with amounts but no
                                           name, no code, not a total */
    REC_FLAG_NO_FAMILY = 16,            /* a table no family rule names */
    REC_FLAG_UNTRUSTED_TEXT = TB_FLAG_UNTRUSTED_TEXT,   /* 32 */
    REC_N_FLAGS = 6
};

/* Name of flag bit i (0 .. REC_N_FLAGS - 1): "crosses_border",
 * "two_sizes", "header_split", "amounts_without_name", "no_family",
 * "untrusted_text". */
const char *records_flag_name(int i);

/* How a table was found (confidence.c), bits: a grammar title names
 * it; ruling lines drew its cells; its cells were read from text aligned
 * into columns (no grid). A table has grid or alignment, never both. */
enum {
    REC_FOUND_TITLE = 1,
    REC_FOUND_GRID = 2,
    REC_FOUND_ALIGNMENT = 4,
    REC_N_FOUND = 3
};

/* Name of found-by bit i (0 .. REC_N_FOUND - 1): "title", "grid",
 * "alignment". */
const char *records_found_name(int i);

/* How sure pdfrows is that a table is a table and was read right
 * (confidence.c NOTES): the evidence it was found by, how regular its
 * body is, and the doubts raised about its cells. */
typedef struct rec_confidence {
    unsigned found_by;          /* REC_FOUND_* bits */
    int header;                 /* header rows were read over its body */
    size_t rows, rows_two;      /* body rows with text; of them, rows with
                                   two or more filled cells */
    size_t cols, cols_empty;    /* columns; of them, columns with no text
                                   in any header or body row */
    size_t filled, doubtful;    /* filled body cells; doubts: flagged body
                                   cells, cells OCR read unsure of, and
                                   fragments in its regions no cell took */
    int hundredths;             /* the confidence, 0 .. 100 */
} rec_confidence;

/* One logical row: a printed row's cells on one side. */
typedef struct rec_row {
    const tb_row *src;          /* the printed row (stage two's) */
    size_t index;               /* 1-based printed row in its table */
    size_t side;                /* 0-based side */
    char *const *cells;         /* the side's cells: src->cells + lo */
    const char *code;           /* subject code, "" if none */
    int code_padded;            /* a 款/项 code printed with one digit */
    const char *name;           /* the row's name, NULL if none */
    const char *key;            /* name with full-width forms folded */
    const char *role;           /* total, subtotal, of_which or item */
    rec_check **checks;         /* the checks this row takes part in */
    size_t n_checks, cap_checks;
    unsigned flags;             /* REC_FLAG_AMOUNTS_WITHOUT_NAME or 0 */
    size_t flag_col;            /* the printed column it names: where the
                                   name would be */
} rec_row;

/* An amount read by OCR and corrected by the document's arithmetic
 * (ocr_correct.c): the cell keeps its text as read, its value is this. */
typedef struct rec_correction {
    size_t index;               /* 1-based printed row */
    size_t col;                 /* printed column */
    const char *read;           /* the cell as OCR read it */
    const char *value;          /* the amount that makes the checks hold */
} rec_correction;

typedef struct rec_table {
    const tb_table *src;        /* stage two's table; NULL once freed */
    pr_arena *arena;            /* the table's own: its rows, keys, checks */
    const char *family;         /* grammar family name, or NULL */
    int form;                   /* the family is a form (grammar "form"
                                   lines): its keys are positions */
    int64_t scale;              /* yuan per printed unit (grammar "scale"
                                   lines: 万元 10000), 0 if unknown */
    const char **canonical;     /* src->n_cols: the column's canonical name
                                   (fields.c NOTES (1)), or NULL */
    const char **measure;       /* src->n_cols: "budget", "actual" or NULL */
    unsigned char *group_total; /* src->n_cols: the column stands for the
                                   group over it (基本支出/小计) */
    char **keys;                /* src->n_cols: the key of the column's
                                   values, unique within its side */
    rec_side *sides;
    size_t n_sides;
    rec_row *rows;              /* printed row by printed row, its sides
                                   left to right; sides with no text left
                                   out */
    size_t n_rows;
    rec_row *printed;           /* src->n_rows: each printed row whole,
                                   for checks across its sides */
    rec_check **checks;         /* every check made in this table */
    size_t n_checks, cap_checks, n_ok, n_rounded, n_failed;
    size_t rows_checked, rows_unchecked;  /* rows with amounts */
    unsigned flags;             /* table-level: REC_FLAG_NO_FAMILY or 0 */
    rec_correction *corrections;    /* OCR misreads undone (ocr_correct.c) */
    size_t n_corrections, cap_corrections;
} rec_table;

/* Counts over tables, for the document record, the run summary and
 * --strict. Checks across tables are not in them (rec_doc.cross). */
typedef struct rec_totals {
    size_t tables, rows;                /* tables; their printed body rows */
    size_t checks, ok, rounded, failed; /* checks made in tables */
    size_t rows_checked, rows_unchecked;
    size_t review[REC_N_FLAGS];         /* per flag (bit number, as
                                           records_flag_name): flagged body
                                           cells of stage two, side rows and
                                           tables of stage three (review.c
                                           NOTES (3)) */
} rec_totals;

/* A family's first table (cross checks compare first tables). */
typedef struct rec_family {
    const char *name;           /* the grammar's */
    size_t first;               /* index into rec_doc.tables */
} rec_family;

/* One cross rule's state (checks.c NOTES (12)). */
typedef struct rec_cross {
    long a, b;                  /* its two tables, -1 while not built */
    int decided;
    rec_check *check;           /* the outcome, or NULL: no check */
} rec_cross;

typedef struct rec_doc {
    const tb_doc *src;
    const char *org_key;        /* org folded by the grammar's org_fold
                                   rules, for joins across documents;
                                   NULL until the document's facts are
                                   settled (stream.c NOTES (2)) */
    const char *org;            /* src->org, or where no org line is
                                   printed, the org a title starts with
                                   (2017年度江苏省高级人民法院部门收支预算总表) */
    rec_table *tables;          /* tables[0 .. n_tables): those built so
                                   far, in order; those before n_done are
                                   written and freed (src NULL) */
    size_t n_tables, cap_tables;
    size_t n_ready;             /* tables[0 .. n_ready) may be written */
    size_t n_done;              /* tables[0 .. n_done) were written and
                                   freed (records_release) */
    rec_totals done;            /* the counts of the freed tables */
    rec_family *families;       /* in order of first appearance */
    size_t n_families, cap_families;
    rec_cross *cross_state;     /* one per grammar check (checks.c) */
    rec_check **cross;          /* checks across tables, grammar order;
                                   complete once the document is settled
                                   to its end */
    size_t n_cross, cap_cross;
    const char *title_org;      /* the first org a title names, or NULL */
    pr_arena *own;              /* the document's: its facts, cross checks */
    pr_arena *arena;            /* where stage three allocates now: the
                                   arena of the table being built, or own */
} rec_doc;

/* The confidence of table t of doc (confidence.c; t->src must not be
 * freed yet). Pure: it reads t, its stage-two table and doc's unplaced
 * fragments, and returns plain data. */
rec_confidence records_confidence(const rec_doc *doc, const rec_table *t);

/* The meaning of a document's tables: families, sides, keys, rows, and
 * every check the grammar declares. Owned by the caller. The same as
 * records_begin() and records_settle(..., final 1). */
rec_doc *records_build(const tb_doc *doc, const gr_grammar *g);
void records_free(rec_doc **doc);

/* ---- a table at a time (stream.c) ----------------------------------
 * For a document read page by page: records_begin() when it starts;
 * after each page records_settle() builds the tables stage two has
 * closed and says how many can be written (their records will not
 * change), the caller writes them (records_emit_tables) and frees them
 * (records_release); at the end records_settle(final 1), the rest, and
 * the document record (records_emit_document). Memory then holds the
 * tables not yet written, not the document. */
rec_doc *records_begin(const tb_doc *doc);

/* Builds every table of src closed after page last_page (table.h
 * table_is_closed), or with final every table; runs their checks and
 * the cross checks now decidable. Returns n_ready. */
size_t records_settle(rec_doc *doc, const gr_grammar *g, int last_page, int final);

/* Frees tables [n_done, upto) of doc (upto <= n_ready) and stage two's
 * tables they were built from (src: the tb_doc doc reads), keeping their
 * counts in doc->done. */
void records_release(rec_doc *doc, tb_doc *src, size_t upto);

/* The counts of every table built: freed ones and those still held. */
rec_totals records_totals(const rec_doc *doc);

/* Output formats (--format). */
typedef enum rec_format {
    REC_JSONL,      /* table record, row records, document record */
    REC_TABLES,     /* one table record each with its body grid, document record */
    REC_LONG,       /* one amount record per amount, JSON Lines (long.c) */
    REC_LONG_CSV    /* the same, as CSV rows under one header line (long.c) */
} rec_format;

/* What the document record says besides the tables. */
typedef struct rec_doc_info {
    const char *file;
    const char *sha256;
    int pages_in_file;
    int pages_read;
    int poppler_problems;
    /* May be NULL: called with settle_data after each table's records,
       so the writer can move what is in out elsewhere (the spool). */
    void (*settle)(void *settle_data);
    void *settle_data;
    ex_text_notes notes;        /* hidden characters, OCR layers */
} rec_doc_info;

/* Table, row and document records of one document (REC_JSONL), or table
 * records with their body grids (REC_TABLES): the tables not yet freed,
 * then the document record. The document must be settled to its end. */
void records_emit_document(pr_strbuf *out, const rec_doc_info *info,
                           const rec_doc *doc, const gr_grammar *g,
                           rec_format format);

/* The records of tables [from, to) (to <= n_ready), in format: table and
 * row records (REC_JSONL), table records with grids (REC_TABLES), amount
 * records (REC_LONG, REC_LONG_CSV). Uses info's file and sha256 only. */
void records_emit_tables(pr_strbuf *out, const rec_doc_info *info, const rec_doc *doc,
                         const gr_grammar *g, rec_format format, size_t from, size_t to);

/* Number of failed checks in the document (for --strict). */
size_t records_failed_checks(const rec_doc *doc);

/* The long format (docs/record.schema.json `amount`): one flat record per
 * amount cell of every table, in the row records' order: every body row
 * (header rows are not body), every side, every amount column; exactly
 * the entries of the row records' "values" that are amounts (a
 * placeholder, "-" or blank, gives none). As JSON Lines when csv is 0,
 * as CSV rows (RFC 4180 quoting, "\n" line ends, no header line: see
 * records_emit_long_csv_header) when csv is 1. It writes nothing else:
 * no table or document record; for a document with no amounts, nothing
 * at all. */
void records_emit_long(pr_strbuf *out, const rec_doc_info *info, const rec_doc *doc, int csv);

/* The one header line of the long CSV: file,sha256,org,org_key,year,
 * kind,table_seq,table_label,title,family,unit,scale,page,row,side,code,
 * name,role,column,key,text,value,scaled,decimals. */
void records_emit_long_csv_header(pr_strbuf *out);

/* Code level (1 for 201/301, 2 for 20101/30101, 3 for 2010201) of a
 * subject code, 0 if it is none. */
int records_code_level(const char *code);

#endif
