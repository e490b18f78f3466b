/*
 * test_rules.c — merging drawn pieces into ruling lines, and finding them
 * on a page drawn here (a one-page PDF built in memory).
 */
#include "unit.h"
#include "page_build.h"
#include "extract_int.h"
#include "strbuf.h"

#include <stdio.h>
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
    ex_glyph g = {.box = {100, 90, 116, 106}, .cp = 0x4E00, .size = 16, .bold = 1};   /* 一 */
    ex_rule pieces[] = {{98.5, 101, 114, 1.0},   /* stroke of its outline */
                        {120, 50, 300, 0.5}};    /* a real rule */
    ex_rule_vec v = vec_of(pieces, 2);
    extract_merge_rules(&v, 0, &g, 1);
    CHECK(v.n == 1);
    if (v.n == 1)
        CHECK_NEAR(v.items[0].pos, 120, 1e-9);
    free(v.items);
}

/* The merged rules of page 1 of a PDF drawing content. */
static void rules_of(const char *content, double size, ex_rule_vec *h,
                     ex_rule_vec *v)
{
    *h = (ex_rule_vec){0};
    *v = (ex_rule_vec){0};
    GBytes *bytes = pb_pdf(content, size);
    gsize len = 0;
    const char *data = g_bytes_get_data(bytes, &len);
    ex_pass *pass = extract_pass_open(NULL, data, len, NULL);
    ex_glyph_sink text = {0};
    ex_rule_sink rules = {NULL, h, v};
    CHECK(pass != NULL);
    ex_pass_counts counts;
    CHECK(extract_pass_page(pass, 1, extract_glyphs_on_char, &text,
                            extract_rules_on_subpath, &rules, &counts) == 0);
    free(text.items);
    extract_merge_rules(h, 0, NULL, 0);
    extract_merge_rules(v, 1, NULL, 0);
    extract_pass_free(&pass);
    g_bytes_unref(bytes);
}

static void clipped_border_is_not_a_rule(void)
{
    /* WPS: each table is clipped to a box that ends 0.2 pt before the
       table's right border, which is stroked anyway and never shows; the
       row lines run on under the border and show up to the clip only.
       (The clip's extents are whole pixels, 171: not precise enough.) */
    ex_rule_vec h, v;
    rules_of("q 20 20 150.2 160 re W n 0 0 0 RG 0.48 w\n"
             "20 100 m 170.4 100 l S\n"          /* row line */
             "60 40 m 60 160 l S\n"              /* column line */
             "170.4 40 m 170.4 160 l S\n"        /* right border, clipped */
             "Q", 200, &h, &v);
    CHECK(h.n == 1);
    if (h.n == 1) {
        CHECK_NEAR(h.items[0].pos, 100, 0.01);
        CHECK_NEAR(h.items[0].from, 20, 0.02);
        CHECK_NEAR(h.items[0].to, 170.2, 0.02);
    }
    CHECK(v.n == 1);
    if (v.n == 1)
        CHECK_NEAR(v.items[0].pos, 60, 0.01);
    free(h.items);
    free(v.items);
}

static void white_padding_is_not_a_rule(void)
{
    /* Word: a white rectangle per cell (padding), then the black grid */
    ex_rule_vec h, v;
    rules_of("1 1 1 rg 20 100 150 2 re f 1 1 1 RG 1 w 20 50 m 170 50 l S\n"
             "0 0 0 rg 20 149.76 150 0.48 re f\n"
             "0.5 0.5 0.5 RG 0.48 w 100 40 m 100 160 l S", 200, &h, &v);
    CHECK(h.n == 1);
    if (h.n == 1) {
        CHECK_NEAR(h.items[0].pos, 50, 0.01);     /* 200 - 150 */
        CHECK_NEAR(h.items[0].width, 0.48, 0.01);
    }
    CHECK(v.n == 1);                              /* grey is visible */
    free(h.items);
    free(v.items);
}

static void frame_clip_cuts_a_line_in_two(void)
{
    /* an even-odd clip: a frame between two boxes; the line crosses the
       hole, so only its two ends show */
    ex_rule_vec h, v;
    rules_of("q 20 20 160 160 re 60 20 80 160 re W* n 0 0 0 RG 0.5 w\n"
             "10 100 m 190 100 l S Q", 200, &h, &v);
    CHECK(h.n == 2);
    if (h.n == 2) {
        CHECK_NEAR(h.items[0].from, 20, 0.01);
        CHECK_NEAR(h.items[0].to, 60, 0.01);
        CHECK_NEAR(h.items[1].from, 140, 0.01);
        CHECK_NEAR(h.items[1].to, 180, 0.01);
    }
    CHECK(v.n == 0);
    free(h.items);
    free(v.items);
}

static void bars_hairlines_and_shapes(void)
{
    /* a bar twice as long as thick is a rule, up to 0.01 (scaled, the
       last bits of its coordinates vary: 1.44 x 0.72 can come out as
       1.43999 x 0.72); a zero-width line is the thinnest
       the device draws (a printer dot, 0.12 pt); a curve and a shading
       are not rules (three bars in a row: one alone is shorter than a
       rule) */
    ex_rule_vec h, v;
    rules_of("0 g 60 60 1.435 0.72 re f 61.435 60 1.435 0.72 re f\n"
             "62.87 60 1.435 0.72 re f\n"
             "0 G 0 w 20 150 m 180 150 l S\n"
             "1 w 20 120 m 100 120 l 100 121 180 121 180 120 c S\n"
             "/Pattern cs 20 30 160 1 re f", 200, &h, &v);
    CHECK(h.n == 2);
    if (h.n == 2) {
        CHECK_NEAR(h.items[0].pos, 50, 0.01);
        CHECK_NEAR(h.items[0].width, 0.12, 0.001);
        CHECK_NEAR(h.items[1].pos, 200 - 60.36, 0.01);
        CHECK_NEAR(h.items[1].to - h.items[1].from, 3 * 1.435, 0.01);
    }
    free(h.items);
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
    unit_run("rules: a border clipped away by 0.2 pt is not a rule",
             clipped_border_is_not_a_rule);
    unit_run("rules: white padding rectangles are not rules",
             white_padding_is_not_a_rule);
    unit_run("rules: a frame-shaped clip cuts a line in two",
             frame_clip_cuts_a_line_in_two);
    unit_run("rules: bars at 2:1, hairlines; not curves, not patterns",
             bars_hairlines_and_shapes);
}
