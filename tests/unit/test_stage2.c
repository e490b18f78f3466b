/*
 * test_stage2.c — stage two (table.h) without a PDF: pages built by hand
 * from runs of text (text, x, y, size) and ruling lines, fed to
 * table_add_page() with the real grammar, and the resulting tables,
 * titles, labels, metadata, header, cells, notes and pages checked
 * exactly. (test_stage2_fixtures.c checks a property over the fixtures.)
 * Pages come from page_build.h (geometry described there).
 */
#include "unit.h"
#include "page_build.h"
#include "table.h"

#include <stdlib.h>

#define REAL_GRAMMAR "normalize/grammars"
static gr_grammar *g_grammar;

static void check_strings(char *const *got, size_t n, const char *const *want)
{
    for (size_t i = 0; i < n; i++)
        CHECK_STR(got[i], want[i]);
}

/* Title block of a Jiangsu 公开NN表 page: label, title, org and unit. */
static void jiangsu_head(page_builder *b, const char *label, const char *title, double y)
{
    pb_text(b, label, 50, y, 10);
    pb_text(b, title, 150, y + 20, 16);
    pb_text(b, "部门：某某单位", 50, y + 50, 10);
    pb_text(b, "单位：万元", 420, y + 50, 10);
}

static const double XS3[] = {50, 150, 350, 500};

/* One body row of the 3-column grid, text 5 pt below its top rule. */
static void row3(page_builder *b, double top, const char *code, const char *name,
                 const char *amount)
{
    if (*code)
        pb_text(b, code, 55, top + 5, 10);
    if (*name)
        pb_text(b, name, 155, top + 5, 10);
    if (*amount)   /* right-aligned, ASCII 5 pt a glyph */
        pb_text(b, amount, 495 - 5.0 * (double)strlen(amount), top + 5, 10);
}

static void header3(page_builder *b, double top)
{
    pb_text(b, "科目编码", 55, top + 5, 10);
    pb_text(b, "科目名称", 155, top + 5, 10);
    pb_text(b, "金额", 455, top + 5, 10);
}

static const char *const HEAD3[] = {"科目编码", "科目名称", "金额"};

/* (a) */
static void ruled_grid_under_title(void)
{
    page_builder b = {0};
    pb_text(&b, "江苏省政协办公厅2019年部门预算", 150, 20, 12);
    jiangsu_head(&b, "公开05表", "财政拨款支出预算表（功能科目）", 50);
    const double ys[] = {120, 140, 160, 180, 200};
    pb_grid(&b, XS3, 4, ys, 5);
    header3(&b, 120);
    row3(&b, 140, "201", "一般公共服务支出", "13,297.11");
    row3(&b, 160, "20102", "政协事务", "12,497.11");
    row3(&b, 180, "2010201", "行政运行", "800.00");
    tb_doc *doc = table_doc_new();
    pb_add_page(doc, &b, 1, g_grammar);
    CHECK(doc->n_tables == 1);
    if (doc->n_tables == 1) {
        const tb_table *t = doc->tables[0];
        CHECK(t->seq == 1);
        CHECK_STR(t->label, "公开05表");
        CHECK_STR(t->title, "财政拨款支出预算表（功能科目）");
        CHECK_FAMILY(g_grammar, t, "fiscal_expense");
        CHECK_STR(t->org, "某某单位");
        CHECK_STR(t->unit, "万元");
        CHECK(t->ruled == 1);
        CHECK(t->n_cols == 3 && t->n_header == 1 && t->n_rows == 3);
        CHECK(t->n_pages == 1 && t->pages[0] == 1);
        CHECK(t->n_notes == 0);
        if (t->n_cols == 3 && t->n_header == 1) {
            check_strings(t->header[0], 3, HEAD3);
            check_strings(t->columns, 3, HEAD3);
            for (size_t i = 0; i < 4; i++)
                CHECK_NEAR(t->col_edges[i], XS3[i], 0.01);
        }
        if (t->n_cols == 3) {
            PB_CHECK_ROW(t, 0, "201", "一般公共服务支出", "13,297.11");
            PB_CHECK_ROW(t, 1, "20102", "政协事务", "12,497.11");
            PB_CHECK_ROW(t, 2, "2010201", "行政运行", "800.00");
        }
        if (t->n_rows == 3) {
            CHECK(t->rows[1].page == 1);
            CHECK_NEAR(t->rows[1].box.x0, 50, 0.01);
            CHECK_NEAR(t->rows[1].box.y0, 160, 0.01);
            CHECK_NEAR(t->rows[1].box.x1, 500, 0.01);
            CHECK_NEAR(t->rows[1].box.y1, 180, 0.01);
        }
    }
    CHECK_STR(doc->org, "某某单位");
    CHECK_STR(doc->year, "2019");
    table_doc_free(&doc);
    CHECK(doc == NULL);
}

/* (b) a name wrapped inside its cell, the amount centred beside it */
static void wrapped_name_in_ruled_cell(void)
{
    page_builder b = {0};
    jiangsu_head(&b, "公开06表", "财政拨款基本支出预算表（经济科目）", 50);
    const double ys[] = {120, 140, 170, 190};
    pb_grid(&b, XS3, 4, ys, 4);
    header3(&b, 120);
    pb_text(&b, "30108", 55, 150, 10);
    pb_text(&b, "机关事业单位基本养老保险缴费", 155, 143, 10);
    pb_text(&b, "支出", 155, 156, 10);
    pb_text(&b, "800.00", 465, 150, 10);
    row3(&b, 170, "30109", "职业年金缴费", "400.00");
    tb_doc *doc = table_doc_new();
    pb_add_page(doc, &b, 1, g_grammar);
    CHECK(doc->n_tables == 1);
    if (doc->n_tables == 1 && doc->tables[0]->n_cols == 3) {
        const tb_table *t = doc->tables[0];
        CHECK_FAMILY(g_grammar, t, "fiscal_basic_economic");
        CHECK(t->n_rows == 2);
        PB_CHECK_ROW(t, 0, "30108", "机关事业单位基本养老保险缴费支出", "800.00");
        PB_CHECK_ROW(t, 1, "30109", "职业年金缴费", "400.00");
    }
    table_doc_free(&doc);
}

/* (c) an amount wrapped in a narrow cell: "800.0" over "0" */
static void amount_split_over_two_lines(void)
{
    page_builder b = {0};
    jiangsu_head(&b, "公开07表", "一般公共预算支出预算表（功能科目）", 50);
    const double xs[] = {50, 150, 350, 390};
    const double ys[] = {120, 140, 170, 190};
    pb_grid(&b, xs, 4, ys, 4);
    pb_text(&b, "科目编码", 55, 125, 10);
    pb_text(&b, "科目名称", 155, 125, 10);
    pb_text(&b, "金额", 360, 125, 10);
    pb_text(&b, "2080505", 55, 150, 10);
    pb_text(&b, "机关事业单位基本养老保险缴费支出", 155, 150, 10);
    pb_text(&b, "800.0", 360, 143, 10);
    pb_text(&b, "0", 360, 156, 10);
    pb_text(&b, "2080506", 55, 175, 10);
    pb_text(&b, "机关事业单位职业年金缴费支出", 155, 175, 10);
    pb_text(&b, "12.50", 360, 175, 10);
    tb_doc *doc = table_doc_new();
    pb_add_page(doc, &b, 1, g_grammar);
    CHECK(doc->n_tables == 1);
    if (doc->n_tables == 1 && doc->tables[0]->n_cols == 3) {
        const tb_table *t = doc->tables[0];
        CHECK(t->n_rows == 2);
        PB_CHECK_ROW(t, 0, "2080505", "机关事业单位基本养老保险缴费支出", "800.00");
        PB_CHECK_ROW(t, 1, "2080506", "机关事业单位职业年金缴费支出", "12.50");
    }
    table_doc_free(&doc);
}

/* (d) the table goes on over the page break, its header repeated */
static void continued_on_next_page(void)
{
    page_builder b = {0};
    tb_doc *doc = table_doc_new();
    jiangsu_head(&b, "公开05表", "财政拨款支出预算表（功能科目）", 50);
    const double ys1[] = {120, 140, 160, 180};
    pb_grid(&b, XS3, 4, ys1, 4);
    header3(&b, 120);
    row3(&b, 140, "201", "一般公共服务支出", "10,271.56");
    row3(&b, 160, "20102", "政协事务", "10,271.56");
    pb_text(&b, "- 1 -", 290, 800, 10);
    pb_add_page(doc, &b, 1, g_grammar);
    const double ys2[] = {60, 80, 100, 120};
    pb_grid(&b, XS3, 4, ys2, 4);
    header3(&b, 60);
    row3(&b, 80, "208", "社会保障和就业支出", "858.51");
    row3(&b, 100, "221", "住房保障支出", "2,247.04");
    pb_text(&b, "- 2 -", 290, 800, 10);
    pb_add_page(doc, &b, 2, g_grammar);
    CHECK(doc->n_tables == 1);
    if (doc->n_tables == 1 && doc->tables[0]->n_cols == 3) {
        const tb_table *t = doc->tables[0];
        CHECK(t->n_pages == 2 && t->pages[0] == 1 && t->pages[1] == 2);
        CHECK(t->n_header == 1);
        CHECK(t->n_rows == 4);
        for (size_t r = 0; r < t->n_rows; r++)
            CHECK(strcmp(t->rows[r].cells[0], "科目编码") != 0);
        PB_CHECK_ROW(t, 1, "20102", "政协事务", "10,271.56");
        PB_CHECK_ROW(t, 2, "208", "社会保障和就业支出", "858.51");
        PB_CHECK_ROW(t, 3, "221", "住房保障支出", "2,247.04");
        if (t->n_rows == 4)
            CHECK(t->rows[1].page == 1 && t->rows[2].page == 2);
    }
    table_doc_free(&doc);
}

/* (e) an empty table: header only, a note under the grid */
static void empty_table_with_note(void)
{
    page_builder b = {0};
    pb_text(&b, "表九：", 50, 50, 10);
    pb_text(&b, "政府性基金预算支出情况表", 150, 70, 16);
    pb_text(&b, "编制部门：某某局", 50, 95, 10);
    pb_text(&b, "单位：万元", 420, 108, 10);
    const double ys[] = {120, 140, 160};
    pb_grid(&b, XS3, 4, ys, 3);
    header3(&b, 120);
    pb_text(&b, "备注：本表无数据。", 50, 170, 10);
    tb_doc *doc = table_doc_new();
    pb_add_page(doc, &b, 1, g_grammar);
    CHECK(doc->n_tables == 1);
    if (doc->n_tables == 1) {
        const tb_table *t = doc->tables[0];
        CHECK_STR(t->label, "表九");
        CHECK_STR(t->title, "政府性基金预算支出情况表");
        CHECK_FAMILY(g_grammar, t, "gov_fund");
        CHECK_STR(t->org, "某某局");
        CHECK_STR(t->unit, "万元");
        CHECK(t->n_rows == 0);
        CHECK(t->n_header == 1 && t->n_cols == 3);
        if (t->n_header == 1 && t->n_cols == 3)
            check_strings(t->header[0], 3, HEAD3);
        CHECK(t->n_notes == 1);
        if (t->n_notes == 1)
            CHECK_STR(t->notes[0], "备注：本表无数据。");
    }
    table_doc_free(&doc);
}

/* (f) no ruling lines: aligned text under a title */
static void unruled_table_under_title(void)
{
    page_builder b = {0};
    pb_text(&b, "公开02表", 50, 50, 10);
    pb_text(&b, "收入预算总表", 200, 70, 16);
    pb_text(&b, "部门：某某单位", 50, 100, 10);
    pb_text(&b, "单位：万元", 420, 100, 10);
    pb_text(&b, "项目名称", 60, 125, 10);
    pb_text(&b, "金额", 345, 125, 10);
    static const char *const body[][2] = {
        {"收入总计", "13,377.11"}, {"一、财政拨款", "13,297.11"},
        {"1.一般公共预算", "13,297.11"}, {"2.政府性基金预算", ""},
        {"三、其他资金", "80.00"},
    };
    for (size_t i = 0; i < 5; i++) {
        pb_text(&b, body[i][0], 60, 145 + 20.0 * (double)i, 10);
        if (*body[i][1])
            pb_text(&b, body[i][1], 365 - 5.0 * (double)strlen(body[i][1]),
                 145 + 20.0 * (double)i, 10);
    }
    tb_doc *doc = table_doc_new();
    pb_add_page(doc, &b, 1, g_grammar);
    CHECK(doc->n_tables == 1);
    if (doc->n_tables == 1) {
        const tb_table *t = doc->tables[0];
        CHECK_STR(t->label, "公开02表");
        CHECK_STR(t->title, "收入预算总表");
        CHECK_FAMILY(g_grammar, t, "income");
        CHECK_STR(t->org, "某某单位");
        CHECK_STR(t->unit, "万元");
        CHECK(t->ruled == 0);
        CHECK(t->n_cols == 2 && t->n_header == 1 && t->n_rows == 5);
        if (t->n_cols == 2 && t->n_header == 1)
            check_strings(t->header[0], 2, (const char *[]){"项目名称", "金额"});
        if (t->n_cols == 2) {
            PB_CHECK_ROW(t, 0, "收入总计", "13,377.11");
            PB_CHECK_ROW(t, 1, "一、财政拨款", "13,297.11");
            PB_CHECK_ROW(t, 2, "1.一般公共预算", "13,297.11");
            PB_CHECK_ROW(t, 3, "2.政府性基金预算", "");
            PB_CHECK_ROW(t, 4, "三、其他资金", "80.00");
        }
    }
    table_doc_free(&doc);
}

/* (g) two titled grids on one page */
static void two_grids_two_tables(void)
{
    page_builder b = {0};
    jiangsu_head(&b, "公开07表", "一般公共预算支出预算表（功能科目）", 50);
    const double ys1[] = {120, 140, 160};
    pb_grid(&b, XS3, 4, ys1, 3);
    header3(&b, 120);
    row3(&b, 140, "201", "一般公共服务支出", "10,271.56");
    jiangsu_head(&b, "公开08表", "一般公共预算基本支出预算表（经济科目）", 200);
    const double ys2[] = {270, 290, 310, 330};
    pb_grid(&b, XS3, 4, ys2, 4);
    header3(&b, 270);
    row3(&b, 290, "301", "工资福利支出", "5,012.30");
    row3(&b, 310, "302", "商品和服务支出", "1,510.45");
    tb_doc *doc = table_doc_new();
    pb_add_page(doc, &b, 1, g_grammar);
    CHECK(doc->n_tables == 2);
    if (doc->n_tables == 2 && doc->tables[0]->n_cols == 3 && doc->tables[1]->n_cols == 3) {
        const tb_table *t1 = doc->tables[0], *t2 = doc->tables[1];
        CHECK(t1->seq == 1 && t2->seq == 2);
        CHECK_STR(t1->label, "公开07表");
        CHECK_STR(t2->label, "公开08表");
        CHECK_FAMILY(g_grammar, t1, "general_expense");
        CHECK_FAMILY(g_grammar, t2, "general_basic_economic");
        CHECK(t1->n_rows == 1 && t2->n_rows == 2);
        PB_CHECK_ROW(t1, 0, "201", "一般公共服务支出", "10,271.56");
        PB_CHECK_ROW(t2, 0, "301", "工资福利支出", "5,012.30");
        PB_CHECK_ROW(t2, 1, "302", "商品和服务支出", "1,510.45");
    }
    table_doc_free(&doc);
}

/* (h) prose: headings and sentences, no grid, no amounts */
static void prose_is_no_table(void)
{
    page_builder b = {0};
    pb_text(&b, "第一部分 乌鲁木齐高新技术产业开发区医疗保障局概况", 50, 50, 14);
    pb_text(&b, "一、主要职能", 50, 80, 12);
    pb_text(&b, "贯彻执行国家、自治区、市和我区有关医疗保障工作的方针、", 70, 100, 12);
    pb_text(&b, "政策和法律、法规，拟定医疗保障中长期规划和年度计划，并组", 50, 118, 12);
    pb_text(&b, "织实施和监督检查。", 50, 136, 12);
    pb_text(&b, "二、机构设置及人员情况", 50, 160, 12);
    pb_text(&b, "医疗保障局部门无下属预算单位，无下设处室。", 70, 180, 12);
    pb_text(&b, "收支预算总体情况说明", 50, 204, 12);
    pb_text(&b, "- 3 -", 290, 800, 10);
    tb_doc *doc = table_doc_new();
    pb_add_page(doc, &b, 3, g_grammar);
    CHECK(doc->n_tables == 0);
    CHECK(doc->open == NULL);
    table_doc_free(&doc);
}

static void grammar_loads(void)
{
    pr_error err = {0};
    CHECK(grammar_load(REAL_GRAMMAR, 1, &g_grammar, &err) == PR_OK);
}

void unit_group_stage2(void)
{
    unit_run("stage two: the grammar loads", grammar_loads);
    if (!g_grammar)
        return;
    unit_run("stage two: a ruled grid under label, title, org and unit",
             ruled_grid_under_title);
    unit_run("stage two: a name wrapped inside a ruled cell is one cell",
             wrapped_name_in_ruled_cell);
    unit_run("stage two: an amount wrapped as 800.0 + 0 is 800.00",
             amount_split_over_two_lines);
    unit_run("stage two: a table continued on the next page, header repeated",
             continued_on_next_page);
    unit_run("stage two: an empty table keeps its header and note",
             empty_table_with_note);
    unit_run("stage two: an unruled table under a title",
             unruled_table_under_title);
    unit_run("stage two: two titled grids on one page are two tables",
             two_grids_two_tables);
    unit_run("stage two: prose is no table", prose_is_no_table);
    grammar_free(&g_grammar);
}
