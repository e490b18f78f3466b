/*
 * grammar_int.h — the grammar's insides, shared by grammar_load.c and
 * grammar_match.c only.
 */
#ifndef PDFROWS_GRAMMAR_INT_H
#define PDFROWS_GRAMMAR_INT_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "grammar.h"
#include "arena.h"

#include <stdint.h>

enum { GR_MATCH_LIMIT = 1000000, GR_DEPTH_LIMIT = 10000 };   /* NOTES (4) */

enum { GR_RULE_FAMILY = GR_KIND_COUNT, GR_RULE_COLUMN, GR_RULE_FOLD, GR_RULE_ORG_FOLD,
       GR_RULE_COLUMN_FOLD };

struct gr_pattern {
    pcre2_code *re;             /* owned by the grammar */
};

typedef struct gr_rule {
    int kind;                   /* gr_kind, or GR_RULE_FAMILY / _COLUMN */
    const char *family;         /* family and column rules */
    gr_family fam;              /* family rules: {family}, handed out */
    const char *column;         /* column rules: canonical column name */
    const char *replace;        /* fold rules: what a match becomes ("" for "-") */
    pcre2_code *re;             /* owned */
    const char *file;           /* where the rule was written */
    int line;
    int layer;                  /* 0: the base grammar; i: the i-th
                                   grammar_load_layers() add (NOTES (3)) */
} gr_rule;

/* A "scale UNIT FACTOR" line: yuan per printed unit. */
typedef struct gr_scale {
    const char *unit;
    int64_t factor;             /* > 0 */
    int layer;
} gr_scale;

struct gr_grammar {
    gr_rule *rules;
    size_t n_rules, cap_rules;
    gr_check *checks;
    size_t n_checks;
    int *check_layer;           /* n_checks: the layer each came from */
    gr_set forms;               /* "form" lines: families that are forms */
    size_t n_form_lines;
    gr_set *sets;               /* standard table sets, in load order */
    size_t n_sets;
    int *set_layer;             /* n_sets */
    gr_scale *scales;           /* "scale" lines, in load order */
    size_t n_scales;
    const char **ocr_words;     /* "ocr_word" lines: words OCR is mended to */
    size_t n_ocr_words;
    const char **ocr_titles;    /* "ocr_title" lines: standard titles */
    size_t n_ocr_titles;
    const char **ocr_confuse;   /* "ocr_confuse" lines: each a set of
                                   characters OCR mistakes for each other */
    size_t n_ocr_confuse;
    size_t n_ocr_lines;         /* "ocr_word", "ocr_title" and "ocr_confuse" lines */
    int layer;                  /* the layer being loaded */
    gr_pattern **patterns;      /* every check pattern, owned */
    size_t n_patterns;
    uint32_t max_pairs;
    pcre2_match_data *match;    /* NOTES (2) of grammar_load.c */
    pcre2_match_context *limits;    /* NOTES (4): match and depth limits, */
    pcre2_jit_stack *jit_stack;     /* and the JIT's stack */
    unsigned long *match_errors;    /* matches stopped by a limit (one
                                       counter, mutable behind const g) */
    void *digest_state;         /* GChecksum over the text loaded */
    char digest[65];            /* its SHA-256, hex, once loaded */
    pr_arena *arena;            /* names and file names */
};

#endif
