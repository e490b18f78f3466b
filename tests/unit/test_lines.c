/*
 * test_lines.c — glyphs to lines and segments, on hand-placed glyphs: the
 * cases stage one promises (superscripts, stray glyphs, two columns on one
 * baseline, glued cells split by a rule, letter-spaced headers, values
 * centred beside wrapped names).
 */
#include "unit.h"
#include "extract_int.h"

#include <stdlib.h>

typedef struct page_builder {
    ex_glyph g[256];
    size_t n;
} page_builder;

/* Places the UTF-8 string s from x at baseline box top y, size pt,
 * advancing by advance (0: size) per character, gap extra between. */
static double put(page_builder *b, const char *s, double x, double y,
                  double size, double advance)
{
    if (advance <= 0)
        advance = size;
    const unsigned char *p = (const unsigned char *)s;
    int first = 1;
    while (*p) {
        uint32_t cp;
        int len;
        if (*p < 0x80) { cp = *p; len = 1; }
        else if (*p < 0xE0) { cp = (uint32_t)(*p & 0x1F) << 6 | (p[1] & 0x3F); len = 2; }
        else if (*p < 0xF0) { cp = (uint32_t)(*p & 0x0F) << 12 | (uint32_t)(p[1] & 0x3F) << 6 | (p[2] & 0x3F); len = 3; }
        else { cp = (uint32_t)(*p & 0x07) << 18 | (uint32_t)(p[1] & 0x3F) << 12 | (uint32_t)(p[2] & 0x3F) << 6 | (p[3] & 0x3F); len = 4; }
        p += len;
        if (cp == ' ') {
            x += advance * 0.5;
            first = 1;
            continue;
        }
        double w = cp < 0x80 ? advance * 0.5 : advance;
        ex_glyph *g = &b->g[b->n];
        g->box = (ex_box){x, y, x + w, y + size};
        g->cp = cp;
        g->size = (float)size;
        g->joined_prev = (uint8_t)!first;
        g->order = (uint32_t)b->n;
        b->n++;
        x += w;
        first = 0;
    }
    return x;
}

static ex_line *build(page_builder *b, const ex_rule *v, size_t nv,
                      pr_arena *arena, size_t *n_lines)
{
    ex_line *lines;
    extract_build_lines(b->g, b->n, v, nv, arena, &lines, n_lines);
    return lines;
}

static void two_columns_on_one_baseline_are_two_segments(void)
{
    page_builder b = {0};
    pr_arena *a = pr_arena_new();
    put(&b, "一般公共预算", 50, 100, 10, 0);
    put(&b, "13,297.11", 200, 100.5, 10, 0);
    size_t n;
    ex_line *l = build(&b, NULL, 0, a, &n);
    CHECK(n == 1);
    CHECK(n == 1 && l[0].n_segments == 2);
    if (n == 1 && l[0].n_segments == 2) {
        CHECK_STR(l[0].segments[0].text, "一般公共预算");
        CHECK_STR(l[0].segments[1].text, "13,297.11");
        CHECK_STR(l[0].text, "一般公共预算 13,297.11");
    }
    pr_arena_free(&a);
}

static void superscript_does_not_split_its_line(void)
{
    page_builder b = {0};
    pr_arena *a = pr_arena_new();
    double x = put(&b, "部门收支总体情况表", 100, 50, 16, 0);
    put(&b, "1", x + 0.5, 47, 8, 0);              /* raised, half size */
    put(&b, "单位：万元", 100, 80, 10, 0);
    size_t n;
    ex_line *l = build(&b, NULL, 0, a, &n);
    CHECK(n == 2);
    if (n == 2) {
        CHECK_STR(l[0].text, "部门收支总体情况表1");
        CHECK(l[0].n_segments == 1);
        CHECK_STR(l[1].text, "单位：万元");
    }
    pr_arena_free(&a);
}

static void stray_glyph_below_baseline_stays_in_line(void)
{
    page_builder b = {0};
    pr_arena *a = pr_arena_new();
    double x = put(&b, "事业收入", 50, 100, 10, 0);
    put(&b, "（", x, 104.2, 10, 0);                /* nudged 0.42 em down */
    put(&b, "专户", x + 10, 100, 10, 0);
    size_t n;
    ex_line *l = build(&b, NULL, 0, a, &n);
    CHECK(n == 1);
    if (n == 1)
        CHECK_STR(l[0].text, "事业收入（专户");
    pr_arena_free(&a);
}

static void value_centred_beside_wrapped_name_is_its_own_line(void)
{
    page_builder b = {0};
    pr_arena *a = pr_arena_new();
    put(&b, "机关事业单位基本养老保险缴费", 50, 100, 10, 0);
    put(&b, "支出", 50, 112, 10, 0);
    put(&b, "800.00", 400, 106, 10, 0);
    size_t n;
    ex_line *l = build(&b, NULL, 0, a, &n);
    CHECK(n == 3);
    if (n == 3) {
        CHECK_STR(l[0].text, "机关事业单位基本养老保险缴费");
        CHECK_STR(l[1].text, "800.00");
        CHECK_STR(l[2].text, "支出");
    }
    pr_arena_free(&a);
}

static void rule_splits_glued_cells(void)
{
    page_builder b = {0};
    pr_arena *a = pr_arena_new();
    double x = put(&b, "21,940.96", 100, 100, 10, 0);
    put(&b, "一、一般公共服务支出", x + 1, 100, 10, 0);
    ex_rule v = {x + 0.5, 90, 120, 0.5};
    size_t n;
    ex_line *l = build(&b, &v, 1, a, &n);
    CHECK(n == 1 && l[0].n_segments == 2);
    if (n == 1 && l[0].n_segments == 2) {
        CHECK_STR(l[0].segments[0].text, "21,940.96");
        CHECK_STR(l[0].segments[1].text, "一、一般公共服务支出");
    }
    /* the same glyphs without the rule are one segment */
    size_t n2;
    ex_line *l2 = build(&b, NULL, 0, a, &n2);
    CHECK(n2 == 1 && l2[0].n_segments == 1);
    pr_arena_free(&a);
}

static void letter_spaced_header_is_one_segment(void)
{
    page_builder b = {0};
    pr_arena *a = pr_arena_new();
    put(&b, "合", 100, 100, 10, 0);
    put(&b, "计", 125, 100, 10, 0);               /* 1.5 em apart */
    put(&b, "收", 300, 100, 10, 0);
    put(&b, "入", 318, 100, 10, 0);
    put(&b, "总", 336, 100, 10, 0);
    put(&b, "计", 354, 100, 10, 0);               /* even 0.8 em gaps */
    size_t n;
    ex_line *l = build(&b, NULL, 0, a, &n);
    CHECK(n == 1 && l[0].n_segments == 2);
    if (n == 1 && l[0].n_segments == 2) {
        CHECK_STR(l[0].segments[0].text, "合 计");
        CHECK_STR(l[0].segments[1].text, "收 入 总 计");
    }
    pr_arena_free(&a);
}

static void no_space_invented_between_cjk(void)
{
    page_builder b = {0};
    pr_arena *a = pr_arena_new();
    put(&b, "一般公共", 50, 100, 10, 10.8);       /* 0.08 em tracking */
    put(&b, "Total amount", 50, 130, 10, 0);
    size_t n;
    ex_line *l = build(&b, NULL, 0, a, &n);
    CHECK(n == 2);
    if (n == 2) {
        CHECK_STR(l[0].text, "一般公共");
        CHECK_STR(l[1].text, "Total amount");
        CHECK(l[1].n_segments == 1);
    }
    pr_arena_free(&a);
}

static void lines_are_top_to_bottom_and_left_to_right(void)
{
    page_builder b = {0};
    pr_arena *a = pr_arena_new();
    put(&b, "乙", 300, 200, 10, 0);
    put(&b, "甲", 50, 200, 10, 0);
    put(&b, "丙", 50, 100, 10, 0);
    size_t n;
    ex_line *l = build(&b, NULL, 0, a, &n);
    CHECK(n == 2);
    if (n == 2) {
        CHECK_STR(l[0].text, "丙");
        CHECK_STR(l[1].text, "甲 乙");
        CHECK(l[1].n_segments == 2);
    }
    pr_arena_free(&a);
}

void unit_group_lines(void)
{
    unit_run("lines: two columns on one baseline are two segments",
             two_columns_on_one_baseline_are_two_segments);
    unit_run("lines: a superscript does not split its line",
             superscript_does_not_split_its_line);
    unit_run("lines: a stray glyph below the baseline stays in its line",
             stray_glyph_below_baseline_stays_in_line);
    unit_run("lines: a value centred beside a wrapped name is its own line",
             value_centred_beside_wrapped_name_is_its_own_line);
    unit_run("lines: a vertical rule splits glued cells",
             rule_splits_glued_cells);
    unit_run("lines: a letter-spaced header is one segment",
             letter_spaced_header_is_one_segment);
    unit_run("lines: no space is invented between CJK characters",
             no_space_invented_between_cjk);
    unit_run("lines: lines run top to bottom, glyphs left to right",
             lines_are_top_to_bottom_and_left_to_right);
}
