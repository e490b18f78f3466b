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

enum { GR_RULE_FAMILY = GR_KIND_COUNT, GR_RULE_COLUMN, GR_RULE_FOLD };

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
} gr_rule;

struct gr_grammar {
    gr_rule *rules;
    size_t n_rules, cap_rules;
    gr_check *checks;
    size_t n_checks;
    gr_set *sets;               /* standard table sets, in load order */
    size_t n_sets;
    gr_pattern **patterns;      /* every check pattern, owned */
    size_t n_patterns;
    uint32_t max_pairs;
    pcre2_match_data *match;    /* NOTES (2) of grammar_load.c */
    pr_arena *arena;            /* names and file names */
};

#endif
