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

/* A 三公 table whose first item rows have no amounts at all: numbered
 * items are body rows, not headings (they kept the header growing). */
static void numbered_items_without_amounts(void)
{
    page_builder b = {0};
    pb_text(&b, "“三公”经费支出预算表", 150, 70, 16);
    grid3(&b, 120, 3);
    text_row(&b, 140, "", "（一）因公出国（境）费", "");
    text_row(&b, 160, "", "（二）公务接待费", "");
    text_row(&b, 180, "", "（三）公务用车购置及运行费", "12.50");
    tb_doc *doc = table_doc_new();
    pb_add_page(doc, &b, 1, g_grammar);
    const tb_table *t = pb_only_table(doc);
    if (t) {
        CHECK(t->n_header == 1 && t->n_rows == 3);
        PB_CHECK_ROW(t, 0, "", "（一）因公出国（境）费", "");
        PB_CHECK_ROW(t, 2, "", "（三）公务用车购置及运行费", "12.50");
    }
    table_doc_free(&doc);
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
    const tb_table *t = pb_only_table(doc);
    if (t) {
        CHECK_STR(t->label, "公开06表");
        CHECK_STR(t->title, "财政拨款基本支出预算表（经济科目）");
        CHECK_FAMILY(g_grammar, t, "fiscal_basic_economic");
        PB_CHECK_ROW(t, 0, "301", "工资福利支出", "5,012.30");
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
    const tb_table *t = pb_only_table(doc);
    if (t) {
        CHECK_STR(t->label, "公开11表");
        CHECK_STR(t->title, "一般公共预算机关运行经费支出预算表");
        CHECK_FAMILY(g_grammar, t, "operating_cost");
        CHECK_STR(t->org, "某某单位");
        PB_CHECK_ROW(t, 0, "302", "商品和服务支出", "1,510.45");
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
    const tb_table *t = pb_only_table(doc);
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
    const tb_table *t = pb_only_table(doc);
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
    const tb_table *t = pb_only_table(doc);
    if (t) {
        CHECK(t->n_cols == 4 && t->n_header == 2);
        if (t->n_cols == 4 && t->n_header == 2) {
            CHECK_STR(t->header[0][2], "支出预算");     /* merged: repeated */
            CHECK_STR(t->header[0][3], "支出预算");
            CHECK_STR(t->header[1][0], "科目编码");     /* merged down */
            CHECK_STR(t->columns[0], "科目编码");
            CHECK_STR(t->columns[2], "支出预算/基本支出");
            CHECK_STR(t->columns[3], "支出预算/项目支出");
            /* column rules name one part of a header path (records.h) */
            CHECK_STR(grammar_column(g_grammar, NULL, strrchr(t->columns[2], '/') + 1), "basic");
            CHECK_STR(grammar_column(g_grammar, NULL, strrchr(t->columns[3], '/') + 1), "project");
            PB_CHECK_ROW(t, 0, "201", "一般公共服务支出", "6,522.75", "4,968.34");
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
    const tb_table *t = pb_only_table(doc);
    if (t) {
        CHECK(t->n_pages == 2 && t->n_header == 1 && t->n_rows == 3);
        PB_CHECK_ROW(t, 1, "208", "社会保障和就业支出", "858.51");
        PB_CHECK_ROW(t, 2, "221", "住房保障支出", "2,247.04");
    }
    table_doc_free(&doc);
}

/* A grid whose top rule is above its title: the title row (one cell across
 * the width) and the 预算单位/单位 row are the table's preamble, the header
 * is under them (Changchun 收支总表（预算表1）). */
static void titled_grid(page_builder *b, double top, const char *title,
                        const char *const *rows, size_t n_rows)
{
    const double ys[] = {top, top + 25, top + 45, top + 65, top + 85, top + 105,
                         top + 125};
    size_t nh = 3 + n_rows;             /* title, org/unit, header, body */
    for (size_t i = 0; i <= nh; i++)
        pb_hrule(b, ys[i], 50, 500);
    pb_vrule(b, 50, ys[0], ys[nh]);
    pb_vrule(b, 500, ys[0], ys[nh]);
    pb_vrule(b, 150, ys[2], ys[nh]);
    pb_vrule(b, 350, ys[2], ys[nh]);
    pb_text(b, title, 180, top + 6, 14);
    pb_text(b, "预算单位：某某单位", 55, top + 30, 10);
    pb_text(b, "单位：万元", 440, top + 30, 10);
    text_row(b, ys[2], "科目编码", "科目名称", "");
    pb_text(b, "金额", 455, ys[2] + 5, 10);
    for (size_t r = 0; r < n_rows; r++)
        text_row(b, ys[3 + r], rows[3 * r], rows[3 * r + 1], rows[3 * r + 2]);
}

static void title_inside_the_grid(void)
{
    page_builder b = {0};
    const char *const p1[] = {"201", "一般公共服务支出", "1,378.41",
                              "208", "社会保障和就业支出", "178.42"};
    titled_grid(&b, 60, "支出总表（预算表3）", p1, 2);
    tb_doc *doc = table_doc_new();
    pb_add_page(doc, &b, 1, g_grammar);
    const char *const p2[] = {"合计", "", "0.00"};
    titled_grid(&b, 60, "本年政府性基金预算支出表(预算表8)", p2, 1);
    pb_add_page(doc, &b, 2, g_grammar);
    CHECK(doc->n_tables == 2);      /* the second form is no continuation */
    for (size_t i = 0; i < doc->n_tables && i < 2; i++) {
        const tb_table *t = doc->tables[i];
        CHECK_STR(t->title, i ? "本年政府性基金预算支出表(预算表8)" : "支出总表（预算表3）");
        CHECK_STR(t->label, "");
        CHECK_STR(t->org, "某某单位");
        CHECK_STR(t->unit, "万元");
        CHECK(t->n_cols == 3 && t->n_header == 1);
        if (t->n_cols == 3 && t->n_header == 1) {
            CHECK_STR(t->header[0][0], "科目编码");
            CHECK_STR(t->header[0][2], "金额");
        }
        CHECK(t->n_rows == (i ? 1u : 2u));
        if (t->n_cols == 3 && t->n_rows >= 1)
            PB_CHECK_ROW(t, 0, i ? "合计" : "201", i ? "" : "一般公共服务支出",
                         i ? "0.00" : "1,378.41");
    }
    table_doc_free(&doc);
}

/* 类/款/项 printed at the top of the 合计 row's cells, no rule between
 * (Shanghai 决算): the labels name the code columns, 合计 is a body row;
 * in an empty table the 合计 row stays a row. */
static void lkx_total_page(page_builder *b, const char *title, int with_rows)
{
    const double xs[] = {50, 80, 110, 140, 300, 400};
    const double ys[] = {100, 120, 154, 174};
    size_t n = with_rows ? 3 : 2;
    pb_text(b, title, 150, 70, 16);
    for (size_t i = 0; i <= n; i++)
        pb_hrule(b, ys[i], 50, 400);
    for (size_t j = 0; j < 6; j++)      /* 科目编码 merged over 类/款/项 */
        pb_vrule(b, xs[j], j == 1 || j == 2 ? 120 : 100, ys[n]);
    pb_text(b, "科目编码", 65, 105, 10);
    pb_text(b, "科目名称", 200, 105, 10);
    pb_text(b, "金额", 340, 105, 10);
    pb_text(b, "类", 60, 122, 10);
    pb_text(b, "款", 90, 122, 10);
    pb_text(b, "项", 120, 122, 10);
    pb_text(b, "合计", 200, 140, 10);
    if (with_rows) {
        pb_text(b, "1,092.95", 355, 140, 10);
        pb_text(b, "208", 55, 159, 10);
        pb_text(b, "社会保障和就业支出", 145, 159, 10);
        pb_text(b, "1,092.95", 355, 159, 10);
    }
}

static void lkx_labels_in_total_row(void)
{
    page_builder b = {0};
    lkx_total_page(&b, "一般公共预算财政拨款支出决算表", 1);
    tb_doc *doc = table_doc_new();
    pb_add_page(doc, &b, 1, g_grammar);
    lkx_total_page(&b, "国有资本经营预算财政拨款支出决算表", 0);
    pb_add_page(doc, &b, 2, g_grammar);
    CHECK(doc->n_tables == 2);
    for (size_t i = 0; i < doc->n_tables && i < 2; i++) {
        const tb_table *t = doc->tables[i];
        CHECK(t->n_cols == 5 && t->n_header == 2 && t->n_rows == (i ? 1u : 2u));
        if (t->n_cols != 5 || t->n_header != 2 || !t->n_rows)
            continue;
        CHECK_STR(t->columns[0], "科目编码/类");
        CHECK_STR(t->columns[2], "科目编码/项");
        CHECK_STR(t->columns[3], "科目名称");
        CHECK_STR(t->columns[4], "金额");
        PB_CHECK_ROW(t, 0, "", "", "", "合计", i ? "" : "1,092.95");
    }
    table_doc_free(&doc);
}

/* A header word one character too wide for its cell: 式 printed below the
 * header's bottom rule, at the top of the 合计 row (Jiangsu 政府采购预算表). */
static void clipped_header_word(void)
{
    page_builder b = {0};
    const double xs[] = {50, 150, 202, 300}, ys[] = {100, 120, 150, 170};
    pb_text(&b, "政府采购预算表", 150, 70, 16);
    pb_grid(&b, xs, 4, ys, 4);
    pb_text(&b, "采购品目大类", 55, 105, 10);
    pb_text(&b, "采购组织形", 151, 105, 10);
    pb_text(&b, "总计", 255, 105, 10);
    pb_text(&b, "式", 151, 117, 10);
    pb_text(&b, "合计", 55, 132, 10);
    pb_text(&b, "146.50", 265, 132, 10);
    pb_text(&b, "一、货物", 55, 155, 10);
    pb_text(&b, "分散", 155, 155, 10);
    pb_text(&b, "96.50", 270, 155, 10);
    tb_doc *doc = table_doc_new();
    pb_add_page(doc, &b, 1, g_grammar);
    const tb_table *t = pb_only_table(doc);
    if (t) {
        CHECK(t->n_cols == 3 && t->n_header == 1 && t->n_rows == 2);
        if (t->n_cols == 3 && t->n_header == 1 && t->n_rows == 2) {
            CHECK_STR(t->header[0][1], "采购组织形式");
            PB_CHECK_ROW(t, 0, "合计", "", "146.50");
            PB_CHECK_ROW(t, 1, "一、货物", "分散", "96.50");
        }
    }
    table_doc_free(&doc);
}

/* A text table (no rules) going on over a page break whose continuation's
 * first column holds only centred totals: it starts further right, but
 * the columns are the same (Guangzhou 表4). */
static void text_table_continued_further_right(void)
{
    page_builder b = {0};
    pb_text(&b, "财政拨款收支总体情况表", 150, 50, 16);
    pb_text(&b, "项目", 100, 90, 10);
    pb_text(&b, "预算", 280, 90, 10);
    const char *names[] = {"一、一般公共服务支出", "二、外交支出", "三、国防支出"};
    const char *amounts[] = {"1,378.41", "0.00", "0.00"};
    for (int i = 0; i < 3; i++) {
        pb_text(&b, names[i], 50, 110 + 16.0 * i, 10);
        pb_text(&b, amounts[i], 300 - 5.0 * (double)strlen(amounts[i]), 110 + 16.0 * i, 10);
    }
    tb_doc *doc = table_doc_new();
    pb_add_page(doc, &b, 1, g_grammar);
    pb_text(&b, "本年收入合计", 90, 50, 10);
    pb_text(&b, "1,378.41", 260, 50, 10);
    pb_text(&b, "收入总计", 100, 66, 10);
    pb_text(&b, "1,378.41", 260, 66, 10);
    pb_add_page(doc, &b, 2, g_grammar);
    const tb_table *t = pb_only_table(doc);
    if (t) {
        CHECK(t->n_pages == 2 && t->n_cols == 2 && t->n_rows == 5);
        if (t->n_cols == 2 && t->n_rows == 5) {
            PB_CHECK_ROW(t, 3, "本年收入合计", "1,378.41");
            PB_CHECK_ROW(t, 4, "收入总计", "1,378.41");
        }
    }
    table_doc_free(&doc);
}

/* A form cut by a page break whose next page splits its rows elsewhere:
 * same frame, no title, no header of its own: one table, its columns cut
 * at both pages' edges (西南大学 项目绩效目标表). */
static void form_continued_with_other_columns(void)
{
    page_builder b = {0};
    pb_text(&b, "某某专项项目绩效目标表", 150, 50, 16);
    const double xs1[] = {50, 150, 300, 450}, ys1[] = {100, 120, 140};
    pb_grid(&b, xs1, 4, ys1, 3);
    pb_text(&b, "年度资金总额", 55, 105, 10);
    pb_text(&b, "809.21", 155, 105, 10);
    pb_text(&b, "执行率分值", 305, 105, 10);
    pb_text(&b, "其中：财政拨款", 55, 125, 10);
    pb_text(&b, "809.21", 155, 125, 10);
    pb_text(&b, "上年结转", 305, 125, 10);
    tb_doc *doc = table_doc_new();
    pb_add_page(doc, &b, 1, g_grammar);
    const double xs2[] = {50, 100, 300, 450}, ys2[] = {60, 80, 100};
    pb_grid(&b, xs2, 4, ys2, 3);
    pb_text(&b, "产出", 55, 65, 10);
    pb_text(&b, "奖助学生人次", 105, 65, 10);
    pb_text(&b, "≥2100人次", 305, 65, 10);
    pb_text(&b, "效益", 55, 85, 10);
    pb_text(&b, "培养质量", 105, 85, 10);
    pb_text(&b, "显著", 305, 85, 10);
    pb_add_page(doc, &b, 2, g_grammar);
    const tb_table *t = pb_only_table(doc);
    if (t) {
        CHECK(t->n_pages == 2 && t->n_cols == 4 && t->n_header == 0 && t->n_rows == 4);
        if (t->n_cols == 4 && t->n_rows == 4) {
            CHECK_NEAR(t->col_edges[1], 100, 0.01);
            CHECK_NEAR(t->col_edges[2], 150, 0.01);
            PB_CHECK_ROW(t, 0, "年度资金总额", "", "809.21", "执行率分值");
            PB_CHECK_ROW(t, 2, "产出", "奖助学生人次", "", "≥2100人次");
            PB_CHECK_ROW(t, 3, "效益", "培养质量", "", "显著");
        }
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
    unit_run("stage two layout: a title and org/unit printed inside the grid",
             title_inside_the_grid);
    unit_run("stage two layout: 类/款/项 labels drawn in the 合计 row",
             lkx_labels_in_total_row);
    unit_run("stage two layout: a header word's last character clipped into the next row",
             clipped_header_word);
    unit_run("stage two layout: a text table's next page starts further right",
             text_table_continued_further_right);
    unit_run("stage two layout: a form's next page splits its rows elsewhere",
             form_continued_with_other_columns);
    unit_run("stage two layout: numbered item rows with no amounts are body rows",
             numbered_items_without_amounts);
    grammar_free(&g_grammar);
}
