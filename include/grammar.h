/*
 * grammar.h — table grammars: the data files (normalize/grammars/NN-NAME.grammar)
 * that say what a table title, a label, a header, a body row, a subject
 * code, an amount, a metadata line and a note look like, and which table
 * families exist with their canonical column names. Loaded at run time and
 * compiled once with PCRE2 (UTF+UCP, JIT when available), so a new layout
 * needs a new grammar line, not a recompile. docs/grammar-format.md
 * documents the file format.
 *
 * Ownership, stated once: grammar_load() returns an owned gr_grammar, freed
 * with grammar_free(), which takes the pointer's address, sets it to NULL
 * and is a no-op on NULL. Every other function borrows its arguments;
 * strings it returns are borrowed from the grammar (names) or written into
 * a caller-owned buffer (captures).
 *
 * Matching is done on "compact" text: the line's or cell's text with every
 * whitespace character removed (gr_compact), since CJK typesetting puts
 * spaces inside words ("合 计") but never means anything by them.
 */
#ifndef PDFROWS_GRAMMAR_H
#define PDFROWS_GRAMMAR_H

#include "pdfrows.h"

#include <stddef.h>
#include <stdint.h>

/* What a rule recognises. The grammar file names them in lowercase. */
typedef enum gr_kind {
    GR_LABEL,        /* a table number label ("公开01表", "表一："); group "label" */
    GR_TITLE,        /* a table title (after its label is cut off) */
    GR_NOT_TITLE,    /* text that looks like a title but is not one */
    GR_ORG,          /* 编制单位/部门 line; group "org" */
    GR_UNIT,         /* 单位：万元; group "unit" */
    GR_NOTE,         /* a note under a table (备注：, 注：) */
    GR_AMOUNT,       /* a whole cell that is an amount */
    GR_PLACEHOLDER,  /* a whole cell that stands for "no amount" (-, —, /) */
    GR_CODE,         /* a whole cell that is a subject code */
    GR_TOTAL,        /* a body-row label that is a total (合计, 总计 ...) */
    GR_FOOTER,       /* page furniture that is never part of a table */
    GR_ROW_START,    /* the first cell of a body row (code, 一、, （一）) */
    GR_YEAR,         /* the budget year in a title or heading; group "year" */
    GR_HEADER,       /* a whole cell that is a column heading word */
    GR_DOC_KIND,     /* 部门预算, 单位决算 ...; group "kind" */
    GR_UNIT_WRAPPED, /* 单位：万 whose 元 wrapped away; group "unit" */
    GR_SUBTITLE,     /* a line under a title that belongs to it (（2024年）) */
    GR_NOTE_ITEM,    /* the next numbered item of a note (2.…) */
    GR_COLNUM_LABEL, /* the label of a column-number row (栏次, ※) */
    GR_OF_WHICH,     /* a breakdown row that need not add up (其中：…) */
    GR_OUTLINE_1,    /* an outline label's numbering, depth 1 (一、) */
    GR_OUTLINE_2,    /* depth 2 (（一）, 1.) */
    GR_OUTLINE_3,    /* depth 3 ((1)) */
    GR_SUBTOTAL,     /* a total label that sums part of a table (小计) */
    GR_ORG_TITLE,    /* the org at the front of a title; group "org" */
    GR_LABELLED_TITLE, /* a title only after a label ("Table 3." + "Number of ...") */
    GR_KIND_COUNT
} gr_kind;

typedef struct gr_grammar gr_grammar;

/* A table family: a kind of table recognised by its title. */
typedef struct gr_family {
    const char *name;           /* borrowed from the grammar */
} gr_family;

/* Loads every *.grammar file in dir (sorted by name) or the one file path.
 * use_jit = 0 compiles without JIT (the test suite runs both ways).
 * On failure err->where is "file:line:col" and err->message the reason. */
pr_rc grammar_load(const char *path, int use_jit, gr_grammar **grammar,
                   pr_error *err);
void grammar_free(gr_grammar **grammar);

/* Loads the grammar at base (a file or directory, as grammar_load), then
 * each of adds[0..n_adds) (files or directories) as a layer on top of it,
 * later adds on top of earlier ones (--grammar-add). A layer's rules are
 * tried BEFORE those of the layers under it, for every rule kind
 * (label ... family, column, fold), so an added rule both adds to the
 * grammar and overrides a lower layer's decision; within a layer, rules
 * keep their file order. A check, set or scale of a layer replaces the
 * lower layers' check of the same NAME, set of the same KIND, scale of
 * the same UNIT (in place: check order is kept); new ones come after.
 * grammar_load(path, ...) is grammar_load_layers(path, NULL, 0, ...).
 * Errors as grammar_load, naming the added file. docs/grammar-format.md. */
pr_rc grammar_load_layers(const char *base, const char *const *adds,
                          size_t n_adds, int use_jit, gr_grammar **grammar,
                          pr_error *err);

/* Number of rules loaded (for tests and the document record). */
size_t grammar_rule_count(const gr_grammar *g);

/* Copies s without whitespace into out (size outsz, always terminated).
 * Returns the length written. */
size_t gr_compact(const char *s, char *out, size_t outsz);

/* Whether compact text matches any rule of kind. If cap is not NULL and
 * the matching rule has a named group `group`, its text is copied to cap
 * (size capsz); else cap is set to "". Returns 1 on a match. */
int grammar_match(const gr_grammar *g, gr_kind kind, const char *compact,
                  const char *group, char *cap, size_t capsz);

/* The index of the first rule of kind that matches compact text (rules
 * are numbered in the order they are tried, over all kinds), or -1.
 * Tells apart the styles one kind's rules recognise (一、 and 201… are
 * both outline_1). */
long grammar_match_rule(const gr_grammar *g, gr_kind kind, const char *compact);

/* Like grammar_match, but also reports where the match ended (bytes), so a
 * label can be cut off the front of a title line. -1 when no match. */
long grammar_match_end(const gr_grammar *g, gr_kind kind, const char *compact,
                       const char *group, char *cap, size_t capsz);

/* Folds a compact title for family matching: every `fold` rule, in load
 * order, replaces each of its matches (docs/grammar-format.md), so that
 * 收入支出决算总表 and 收支预算总表 both read 收支总表. Writes into out
 * (size outsz, always terminated); returns the length written. */
size_t grammar_fold(const gr_grammar *g, const char *compact_title, char *out,
                    size_t outsz);

/* The same with the `org_fold` rules: an org's join key (中国共产党 → 中共,
 * 省委员会 → 省委), so one office printed two ways joins. */
size_t grammar_fold_org(const gr_grammar *g, const char *org, char *out, size_t outsz);

/* The family whose title pattern matches the folded compact title, or
 * NULL. */
const gr_family *grammar_family(const gr_grammar *g, const char *compact_title);

/* A standard table set ("set" lines): the families a document of one kind
 * (部门预算, 单位决算 ...) is expected to hold. Borrowed from the grammar. */
#define GR_SET_MAX 32
typedef struct gr_set {
    const char *kind;                   /* 部门预算 ... */
    const char *family[GR_SET_MAX];
    size_t n_families;
} gr_set;

/* The vocabulary ("ocr_word" lines), the standard titles ("ocr_title")
 * and the sets of characters OCR confuses ("ocr_confuse" lines) that
 * OCR'd text is mended with (normalize/tables/ocr_mend.c); *list is
 * borrowed from g. */
size_t grammar_ocr_words(const gr_grammar *g, const char *const **list);
size_t grammar_ocr_titles(const gr_grammar *g, const char *const **list);
size_t grammar_ocr_confusables(const gr_grammar *g, const char *const **list);

/* Whether the family's tables are forms ("form" lines): label and value
 * cells with no column headings, whose columns are positions. */
int grammar_is_form(const gr_grammar *g, const char *family);

/* The set declared for a document kind, or NULL. */
const gr_set *grammar_set(const gr_grammar *g, const char *kind);

/* The canonical column name the family gives a compact header path
 * ("支出预算/基本支出"), or NULL. */
const char *grammar_column(const gr_grammar *g, const gr_family *f,
                           const char *header_path);

/* --- arithmetic checks ("check" lines; docs/grammar-format.md) -------- */

typedef enum gr_check_type {
    GR_CHECK_HIERARCHY,  /* 类 = Σ 款, 款 = Σ 项, 合计 = Σ top-level codes */
    GR_CHECK_OUTLINE,    /* rows without codes: 一、 = Σ 1., 小计/合计 = Σ
                            top-level rows, by numbering and indentation */
    GR_CHECK_TOTALS,     /* the outline's total rows only: 合计 = Σ top rows */
    GR_CHECK_IDENTITY,   /* per row: column = column + column ... */
    GR_CHECK_EQUAL,      /* one table: row@column = row@column */
    GR_CHECK_CROSS       /* two tables of a document: row@column = row@column */
} gr_check_type;

#define GR_CHECK_MAX_TERMS 12

/* A pattern of a check: borrowed from the grammar; NULL stands for "*"
 * (any row: the first with an amount in the column). */
typedef struct gr_pattern gr_pattern;

typedef struct gr_check {
    const char *name;           /* rule name, unique per grammar */
    gr_check_type type;
    const char *family;         /* family it applies to ("*" = any) */
    const char *family2;        /* GR_CHECK_CROSS: the second table's */
    size_t n_terms;             /* identity: term 0 = term 1 + ... */
    const gr_pattern *row[GR_CHECK_MAX_TERMS];      /* equal, cross */
    const gr_pattern *column[GR_CHECK_MAX_TERMS];   /* matched against
                                                      header paths */
    int optional[GR_CHECK_MAX_TERMS];   /* "?PATTERN": a term left out
                                           when no column matches */
    const gr_pattern *unless;   /* "unless COLUMN": the check does not run
                                   on a table with a column whose key
                                   matches (NULL: none) */
} gr_check;

/* Matches stopped by the match or depth limit so far (grammar_load.c
 * NOTES (4)); each counted as no match. */
unsigned long grammar_match_errors(const gr_grammar *g);

/* SHA-256 (hex) of the grammar's text as loaded, layers included: what
 * a run's outputs depend on besides the program and the input. Borrowed. */
const char *grammar_digest(const gr_grammar *g);

/* The checks in load order; borrowed from the grammar. */
size_t grammar_check_count(const gr_grammar *g);
const gr_check *grammar_check_at(const gr_grammar *g, size_t i);

/* Whether compact text matches pattern p (NULL matches anything). */
int grammar_pattern_match(const gr_grammar *g, const gr_pattern *p,
                          const char *compact);

/* Yuan per printed unit ("scale UNIT FACTOR" lines: 万元 -> 10000), or 0
 * when the grammar declares no scale for unit (or g is NULL). */
int64_t grammar_unit_scale(const gr_grammar *g, const char *unit);

/* The rule kind's name as written in grammar files. Static string. */
const char *grammar_kind_name(gr_kind kind);

#endif
