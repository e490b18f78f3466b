/*
 * test_rules.c — merging drawn pieces into ruling lines.
 */
#include "unit.h"
#include "extract_int.h"

#include <stdlib.h>

static ex_rule_vec vec_of(const ex_rule *r, size_t n)
{
    ex_rule_vec v = {0};
    for (size_t i = 0; i < n; i++)
        ex_rule_vec_push(&v, r[i]);
    return v;
}

static void touching_pieces_become_one_rule(void)
{
    /* one grid line drawn per cell, overlapping at the corners, a
       fraction of a point apart (as Word draws it) */
    ex_rule pieces[] = {{100.0, 50, 120.2, 0.5}, {100.2, 120, 200.3, 0.5},
                        {99.9, 200, 300, 0.75}};
    ex_rule_vec v = vec_of(pieces, 3);
    extract_merge_rules(&v, 0, NULL, 0);
    CHECK(v.n == 1);
    if (v.n == 1) {
        CHECK_NEAR(v.items[0].from, 50, 1e-9);
        CHECK_NEAR(v.items[0].to, 300, 1e-9);
        CHECK_NEAR(v.items[0].pos, 100.0, 0.15);
        CHECK_NEAR(v.items[0].width, 0.75, 1e-9);
    }
    free(v.items);
}

static void a_gap_keeps_rules_apart(void)
{
    /* a merged cell interrupts the line: two rules */
    ex_rule pieces[] = {{100, 50, 120, 0.5}, {100, 160, 300, 0.5}};
    ex_rule_vec v = vec_of(pieces, 2);
    extract_merge_rules(&v, 0, NULL, 0);
    CHECK(v.n == 2);
    free(v.items);
}

static void parallel_lines_stay_apart(void)
{
    ex_rule pieces[] = {{100, 50, 300, 0.5}, {103, 50, 300, 0.5}};
    ex_rule_vec v = vec_of(pieces, 2);
    extract_merge_rules(&v, 0, NULL, 0);
    CHECK(v.n == 2);
    if (v.n == 2) {
        CHECK_NEAR(v.items[0].pos, 100, 1e-9);
        CHECK_NEAR(v.items[1].pos, 103, 1e-9);
    }
    free(v.items);
}

static void ticks_and_dots_are_not_rules(void)
{
    ex_rule pieces[] = {{100, 50, 52, 0.5},      /* 2pt tick */
                        {200, 50, 54, 3.0}};     /* a blob */
    ex_rule_vec v = vec_of(pieces, 2);
    extract_merge_rules(&v, 0, NULL, 0);
    CHECK(v.n == 0);
    free(v.items);
}

static void outline_inside_a_glyph_is_not_a_rule(void)
{
    ex_glyph g = {{100, 90, 116, 106}, 0x4E00, 16, 1, 0, 0};   /* 一 */
    ex_rule pieces[] = {{98.5, 101, 114, 1.0},   /* stroke of its outline */
                        {120, 50, 300, 0.5}};    /* a real rule */
    ex_rule_vec v = vec_of(pieces, 2);
    extract_merge_rules(&v, 0, &g, 1);
    CHECK(v.n == 1);
    if (v.n == 1)
        CHECK_NEAR(v.items[0].pos, 120, 1e-9);
    free(v.items);
}

void unit_group_rules(void)
{
    unit_run("rules: touching pieces on one line become one rule",
             touching_pieces_become_one_rule);
    unit_run("rules: a gap along the line keeps two rules",
             a_gap_keeps_rules_apart);
    unit_run("rules: parallel lines 3pt apart stay two rules",
             parallel_lines_stay_apart);
    unit_run("rules: ticks and dots are not rules", ticks_and_dots_are_not_rules);
    unit_run("rules: an outline inside a glyph box is not a rule",
             outline_inside_a_glyph_is_not_a_rule);
}
