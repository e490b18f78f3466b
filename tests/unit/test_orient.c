/*
 * test_orient.c — voting the text direction and turning a page upright.
 */
#include "unit.h"
#include "extract_int.h"

#include <stdlib.h>

/* n glyphs of size 10 advancing by (dx, dy) from (x, y) */
static void run_of(ex_glyph *g, size_t n, double x, double y, double dx, double dy)
{
    for (size_t i = 0; i < n; i++) {
        double cx = x + dx * (double)i, cy = y + dy * (double)i;
        g[i] = (ex_glyph){.box = {cx - 5, cy - 5, cx + 5, cy + 5}, .cp = 0x4E00 + (uint32_t)i,
                          .size = 10, .joined_prev = (uint8_t)(i > 0), .order = (uint32_t)i};
    }
}

static void direction_is_voted(void)
{
    ex_glyph g[8];
    run_of(g, 8, 100, 100, 10, 0);
    CHECK(extract_text_rotation(g, 8) == 0);
    run_of(g, 8, 100, 100, 0, 10);
    CHECK(extract_text_rotation(g, 8) == 90);
    run_of(g, 8, 100, 500, 0, -10);
    CHECK(extract_text_rotation(g, 8) == 270);
    run_of(g, 8, 500, 100, -10, 0);
    CHECK(extract_text_rotation(g, 8) == 180);
    CHECK(extract_text_rotation(g, 0) == 0);
}

static void sideways_page_turns_upright(void)
{
    /* portrait 600x800 page, text running down the page at x = 500 */
    ex_glyph g[4];
    run_of(g, 4, 500, 100, 0, 10);
    ex_rule_vec h = {0}, v = {0};
    ex_rule_vec_push(&v, (ex_rule){450, 100, 700, 0.5});   /* a column rule along the text */
    double w = 600, ht = 800;
    extract_turn_upright(90, &w, &ht, g, 4, &h, &v);
    CHECK_NEAR(w, 800, 1e-9);
    CHECK_NEAR(ht, 600, 1e-9);
    /* glyphs now advance left to right along one line */
    CHECK(g[1].box.x0 > g[0].box.x0);
    CHECK_NEAR(g[1].box.y0, g[0].box.y0, 1e-9);
    CHECK_NEAR(g[0].box.x0, 95, 1e-9);          /* old y - 5 */
    CHECK_NEAR(g[0].box.y0, 95, 1e-9);          /* 600 - (500 + 5) */
    /* the rule along the text became a horizontal rule below it... */
    CHECK(h.n == 1 && v.n == 0);
    if (h.n == 1) {
        CHECK_NEAR(h.items[0].pos, 150, 1e-9);  /* 600 - 450: below the text */
        CHECK_NEAR(h.items[0].from, 100, 1e-9);
        CHECK_NEAR(h.items[0].to, 700, 1e-9);
    }
    free(h.items);
    free(v.items);
}

static void upside_down_page_turns_upright(void)
{
    ex_glyph g[3];
    run_of(g, 3, 500, 700, -10, 0);
    ex_rule_vec h = {0}, v = {0};
    double w = 600, ht = 800;
    extract_turn_upright(180, &w, &ht, g, 3, &h, &v);
    CHECK_NEAR(w, 600, 1e-9);
    CHECK(g[1].box.x0 > g[0].box.x0);
    CHECK_NEAR(g[0].box.x0, 95, 1e-9);          /* 600 - 505 */
    CHECK_NEAR(g[0].box.y0, 95, 1e-9);          /* 800 - 705 */
}

void unit_group_orient(void)
{
    unit_run("orient: the text direction is voted by neighbours",
             direction_is_voted);
    unit_run("orient: a sideways page turns upright, rules with it",
             sideways_page_turns_upright);
    unit_run("orient: an upside-down page turns upright",
             upside_down_page_turns_upright);
}
