/*
 * test_stage2_layout.c — stage two on more hand-built layouts seen in the
 * Jiangsu and Xinjiang disclosures (pages from page_build.h): a title
 * wrapped over two lines, a label on the title's own line, a note wrapped
 * under an empty table, a title left at the foot of a page whose table
 * starts on the next, a two-level header with a merged cell and its
 * canonical columns, and a continuation page that does not repeat the
 * header. (A label with CJK numerals before a title that starts with
 * one, "公开表十一 一般公共预算...", is a known grammar bug: rules.test.)
 */
#include "unit.h"
#include "page_build.h"
#include "table.h"

#define REAL_GRAMMAR "normalize/grammars"

static gr_grammar *g_grammar;
static const double XS3[] = {50, 150, 350, 500};

static void text_row(page_builder *b, double top, const char *code, const char *name,
                     const char *amount)
{
    if (*code)
        pb_text(b, code, 55, top + 5, 10);
    if (*name)
        pb_text(b, name, 155, top + 5, 10);
    if (*amount)
        pb_text(b, amount, 495 - 5.0 * (double)strlen(amount), top + 5, 10);
}

/* A 3-column grid from top: a header row and n body rows of 20 pt. */
static void grid3(page_builder *b, double top, size_t n_body)
{
    double ys[16];
    for (size_t i = 0; i < n_body + 2 && i < 16; i++)
        ys[i] = top + 20.0 * (double)i;
    pb_grid(b, XS3, 4, ys, n_body + 2);
    text_row(b, top, "科目编码", "科目名称", "");
    pb_text(b, "金额", 455, top + 5, 10);
}

/* The only table of doc, or NULL after a failed check. */
static const tb_table *only_table(const tb_doc *doc)
{
    CHECK(doc->n_tables == 1);
    return doc->n_tables == 1 ? doc->tables[0] : NULL;
}

static void title_wrapped_over_two_lines(void)
{
    page_builder b = {0};
    pb_text(&b, "公开06表", 50, 30, 10);
    pb_text(&b, "财政拨款基本支出预", 150, 50, 16);
    pb_text(&b, "算表（经济科目）", 150, 68, 16);
    pb_text(&b, "部门：某某单位", 50, 100, 10);
    pb_text(&b, "单位：万元", 420, 100, 10);
    grid3(&b, 120, 1);
    text_row(&b, 140, "301", "工资福利支出", "5,012.30");
    tb_doc *doc = table_doc_new();
    pb_add_page(doc, &b, 1, g_grammar);
    const tb_table *t = only_table(doc);
    if (t) {
        CHECK_STR(t->label, "公开06表");
        CHECK_STR(t->title, "财政拨款基本支出预算表（经济科目）");
        CHECK_FAMILY(g_grammar, t, "fiscal_basic_economic");
        PB_CHECK_ROW(t, 0, "301", "工资福利支出", "5012.30");
    }
    table_doc_free(&doc);
}

static void label_on_the_title_line(void)
{
    page_builder b = {0};
    pb_text(&b, "公开11表", 50, 50, 10);
    pb_text(&b, "一般公共预算机关运行经费支出预算表", 150, 50, 16);
    pb_text(&b, "部门：某某单位", 50, 100, 10);
    pb_text(&b, "单位：万元", 420, 100, 10);
    grid3(&b, 120, 1);
    text_row(&b, 140, "302", "商品和服务支出", "1,510.45");
    tb_doc *doc = table_doc_new();
    pb_add_page(doc, &b, 1, g_grammar);
    const tb_table *t = only_table(doc);
    if (t) {
        CHECK_STR(t->label, "公开11表");
        CHECK_STR(t->title, "一般公共预算机关运行经费支出预算表");
        CHECK_FAMILY(g_grammar, t, "operating_cost");
        CHECK_STR(t->org, "某某单位");
        PB_CHECK_ROW(t, 0, "302", "商品和服务支出", "1510.45");
    }
    table_doc_free(&doc);
}

static void note_wrapped_under_empty_table(void)
{
    page_builder b = {0};
    pb_text(&b, "表九：", 50, 50, 10);
    pb_text(&b, "政府性基金预算支出情况表", 150, 70, 16);
    grid3(&b, 120, 0);
    pb_text(&b, "备注：本单位没有使用政府性基金预算拨款安排的支出，政府性基金预", 50, 150, 10);
    pb_text(&b, "算支出情况表为空表。", 50, 163, 10);
    pb_text(&b, "- 9 -", 290, 800, 10);
    tb_doc *doc = table_doc_new();
    pb_add_page(doc, &b, 1, g_grammar);
    const tb_table *t = only_table(doc);
    if (t) {
        CHECK(t->n_rows == 0 && t->n_header == 1);
        CHECK(t->n_notes == 1);
        if (t->n_notes == 1)
            CHECK_STR(t->notes[0], "备注：本单位没有使用政府性基金预算拨款安排的支出，"
                                   "政府性基金预算支出情况表为空表。");
    }
    table_doc_free(&doc);
}

static void title_at_page_foot_table_on_next(void)
{
    page_builder b = {0};
    pb_text(&b, "表三：", 50, 700, 10);
    pb_text(&b, "部门支出总体情况表", 150, 720, 16);
    pb_text(&b, "编制部门：某某局", 50, 750, 10);
    pb_text(&b, "单位：万元", 420, 750, 10);
    pb_text(&b, "- 3 -", 290, 800, 10);
    tb_doc *doc = table_doc_new();
    pb_add_page(doc, &b, 1, g_grammar);
    CHECK(doc->n_tables == 0);
    grid3(&b, 60, 1);
    text_row(&b, 80, "201", "一般公共服务支出", "4.90");
    pb_add_page(doc, &b, 2, g_grammar);
    const tb_table *t = only_table(doc);
    if (t) {
        CHECK_STR(t->label, "表三");
        CHECK_STR(t->title, "部门支出总体情况表");
        CHECK_STR(t->org, "某某局");
        CHECK_STR(t->unit, "万元");
        CHECK(t->n_pages == 1 && t->pages[0] == 2);
        PB_CHECK_ROW(t, 0, "201", "一般公共服务支出", "4.90");
    }
    table_doc_free(&doc);
}

static void two_level_header_with_merged_cell(void)
{
    page_builder b = {0};
    pb_text(&b, "公开03表", 50, 30, 10);
    pb_text(&b, "支出预算总表", 150, 50, 16);
    pb_hrule(&b, 120, 50, 500);
    pb_hrule(&b, 140, 300, 500);        /* under 支出预算 only */
    pb_hrule(&b, 160, 50, 500);
    pb_hrule(&b, 180, 50, 500);
    pb_vrule(&b, 50, 120, 180);
    pb_vrule(&b, 150, 120, 180);
    pb_vrule(&b, 300, 120, 180);
    pb_vrule(&b, 400, 140, 180);        /* splits 支出预算 below it */
    pb_vrule(&b, 500, 120, 180);
    pb_text(&b, "科目编码", 55, 135, 10);
    pb_text(&b, "科目名称", 155, 135, 10);
    pb_text(&b, "支出预算", 360, 125, 10);
    pb_text(&b, "基本支出", 305, 145, 10);
    pb_text(&b, "项目支出", 405, 145, 10);
    pb_text(&b, "201", 55, 165, 10);
    pb_text(&b, "一般公共服务支出", 155, 165, 10);
    pb_text(&b, "6,522.75", 355, 165, 10);
    pb_text(&b, "4,968.34", 455, 165, 10);
    tb_doc *doc = table_doc_new();
    pb_add_page(doc, &b, 1, g_grammar);
    const tb_table *t = only_table(doc);
    if (t) {
        CHECK(t->n_cols == 4 && t->n_header == 2);
        if (t->n_cols == 4 && t->n_header == 2) {
            CHECK_STR(t->header[0][2], "支出预算");     /* merged: repeated */
            CHECK_STR(t->header[0][3], "支出预算");
            CHECK_STR(t->header[1][0], "科目编码");     /* merged down */
            CHECK_STR(t->columns[0], "科目编码");
            CHECK_STR(t->columns[2], "支出预算/基本支出");
            CHECK_STR(t->columns[3], "支出预算/项目支出");
            CHECK_STR(grammar_column(g_grammar, NULL, t->columns[2]), "basic");
            CHECK_STR(grammar_column(g_grammar, NULL, t->columns[3]), "project");
            PB_CHECK_ROW(t, 0, "201", "一般公共服务支出", "6522.75", "4968.34");
        }
    }
    table_doc_free(&doc);
}

static void continuation_without_repeated_header(void)
{
    page_builder b = {0};
    pb_text(&b, "公开05表", 50, 50, 10);
    pb_text(&b, "财政拨款支出预算表（功能科目）", 150, 70, 16);
    grid3(&b, 120, 1);
    text_row(&b, 140, "201", "一般公共服务支出", "10,271.56");
    tb_doc *doc = table_doc_new();
    pb_add_page(doc, &b, 1, g_grammar);
    const double ys[] = {60, 80, 100};
    pb_grid(&b, XS3, 4, ys, 3);
    text_row(&b, 60, "208", "社会保障和就业支出", "858.51");
    text_row(&b, 80, "221", "住房保障支出", "2,247.04");
    pb_add_page(doc, &b, 2, g_grammar);
    const tb_table *t = only_table(doc);
    if (t) {
        CHECK(t->n_pages == 2 && t->n_header == 1 && t->n_rows == 3);
        PB_CHECK_ROW(t, 1, "208", "社会保障和就业支出", "858.51");
        PB_CHECK_ROW(t, 2, "221", "住房保障支出", "2247.04");
    }
    table_doc_free(&doc);
}

static void grammar_loads(void)
{
    pr_error err = {0};
    CHECK(grammar_load(REAL_GRAMMAR, 0, &g_grammar, &err) == PR_OK);
}

void unit_group_stage2_layout(void)
{
    unit_run("stage two layout: the grammar loads (interpreted)", grammar_loads);
    if (!g_grammar)
        return;
    unit_run("stage two layout: a title wrapped over two lines",
             title_wrapped_over_two_lines);
    unit_run("stage two layout: a label on the title's line",
             label_on_the_title_line);
    unit_run("stage two layout: a note wrapped under an empty table",
             note_wrapped_under_empty_table);
    unit_run("stage two layout: a title at a page's foot, its table on the next",
             title_at_page_foot_table_on_next);
    unit_run("stage two layout: a two-level header with a merged cell",
             two_level_header_with_merged_cell);
    unit_run("stage two layout: a continuation that does not repeat the header",
             continuation_without_repeated_header);
    grammar_free(&g_grammar);
}
