/*
 * test_review.c — boxes and review flags on pages built by hand
 * (page_build.h) and on tables built by hand:
 *
 *   - stage two's boxes: a merged header cell's box spans its columns on
 *     its top-left cell, the cell it covers has none; body cells are the
 *     grid's rectangles; the table's region is its header and body; a
 *     text table's region is the region it was read from;
 *   - stage two's flags (cell_geom.c NOTES): crosses_border on both cells
 *     of a word the column border cut, none on a text that stops short
 *     of it; two_sizes on a cell printed in two font sizes, not on small
 *     capitals; header_split
 *     on a header word's end clipped into the first body row that the
 *     join (grid_cells.c NOTES (2)) did not take back;
 *   - stage three's flags (review.c NOTES): amounts_without_name on a row
 *     of amounts with no name among named rows, not on a 三公-like row of
 *     amounts in a table with no names; no_family on an untitled table;
 *     how the records carry them (row "flags", --format tables
 *     "cell_flags" and boxes, the document's "review" counts).
 *
 * Ownership: everything a test allocates it frees before it returns.
 */
#include "unit.h"
#include "page_build.h"
#include "records.h"
#include "table.h"

#include <stdlib.h>

#define REAL_GRAMMAR "normalize/grammars"
static gr_grammar *g_grammar;

static void check_box(const ex_box *b, double x0, double y0, double x1, double y1)
{
    CHECK_NEAR(b->x0, x0, 0.01);
    CHECK_NEAR(b->y0, y0, 0.01);
    CHECK_NEAR(b->x1, x1, 0.01);
    CHECK_NEAR(b->y1, y1, 0.01);
}

static void head(page_builder *b, const char *title)
{
    pb_text(b, "公开05表", 50, 50, 10);
    pb_text(b, title, 150, 70, 16);
    pb_text(b, "单位：万元", 420, 100, 10);
}

/* A 3-column grid at x 50 | 150 | 350 | 500 with rows at ys[0..ny). */
static void grid3(page_builder *b, const double *ys, size_t ny)
{
    static const double xs[] = {50, 150, 350, 500};
    pb_grid(b, xs, 4, ys, ny);
}

static tb_doc *one_page(page_builder *b)
{
    tb_doc *doc = table_doc_new();
    pb_add_page(doc, b, 1, g_grammar);
    CHECK(doc->n_tables == 1);
    return doc;
}

/* Boxes of a ruled grid whose header cell 科目 spans two columns. */
static void ruled_boxes(void)
{
    page_builder b = {0};
    head(&b, "财政拨款支出预算表（功能科目）");
    const double ys[] = {120, 140, 160, 180};
    for (size_t i = 0; i < 4; i++)
        pb_hrule(&b, ys[i], 50, 500);
    pb_vrule(&b, 50, 120, 180);
    pb_vrule(&b, 150, 140, 180);        /* not in the header row: merged */
    pb_vrule(&b, 350, 120, 180);
    pb_vrule(&b, 500, 120, 180);
    pb_text(&b, "科目", 200, 125, 10);
    pb_text(&b, "金额", 455, 125, 10);
    pb_text(&b, "201", 55, 145, 10);
    pb_text(&b, "一般公共服务支出", 155, 145, 10);
    pb_text(&b, "13,297.11", 450, 145, 10);
    pb_text(&b, "20102", 55, 165, 10);
    pb_text(&b, "政协事务", 155, 165, 10);
    pb_text(&b, "12,497.11", 450, 165, 10);
    tb_doc *doc = one_page(&b);
    if (doc->n_tables == 1 && doc->tables[0]->n_rows == 2 && doc->tables[0]->n_header == 1) {
        const tb_table *t = doc->tables[0];
        CHECK(t->header_boxes && t->header_pages && t->header_pages[0] == 1);
        if (t->header_boxes) {
            check_box(&t->header_boxes[0][0], 50, 120, 350, 140);
            CHECK(!table_has_box(&t->header_boxes[0][1]));
            check_box(&t->header_boxes[0][2], 350, 120, 500, 140);
        }
        CHECK(t->rows[1].cell_boxes != NULL);
        if (t->rows[1].cell_boxes) {
            check_box(&t->rows[1].cell_boxes[0], 50, 160, 150, 180);
            check_box(&t->rows[1].cell_boxes[1], 150, 160, 350, 180);
            check_box(&t->rows[1].cell_boxes[2], 350, 160, 500, 180);
        }
        CHECK(t->n_regions == 1);
        if (t->n_regions == 1) {
            CHECK(t->regions[0].page == 1);
            check_box(&t->regions[0].box, 50, 120, 500, 180);
        }
        for (size_t r = 0; r < 2; r++)
            for (size_t c = 0; c < 3; c++)
                CHECK(t->rows[r].flags && t->rows[r].flags[c] == 0);
    }
    table_doc_free(&doc);
}

/* A text table (no rules): the region it was read from; cell boxes are
 * column edges x the row's band. */
static void text_boxes(void)
{
    page_builder b = {0};
    head(&b, "一般公共预算支出预算表");
    pb_text(&b, "科目名称", 60, 130, 10);
    pb_text(&b, "金额", 300, 130, 10);
    pb_text(&b, "一般公共服务支出", 60, 150, 10);
    pb_text(&b, "13,297.11", 290, 150, 10);
    pb_text(&b, "政协事务", 60, 170, 10);
    pb_text(&b, "12,497.11", 290, 170, 10);
    tb_doc *doc = one_page(&b);
    if (doc->n_tables == 1 && doc->tables[0]->n_rows == 2) {
        const tb_table *t = doc->tables[0];
        CHECK(!t->ruled && t->n_cols == 2);
        CHECK(t->n_regions == 1);
        if (t->n_regions == 1)
            check_box(&t->regions[0].box, 60, 130, 335, 180);
        const ex_box *cb = t->rows[1].cell_boxes;
        CHECK(cb != NULL);
        if (cb && t->n_cols == 2) {
            CHECK(cb[0].x1 == cb[1].x0 && cb[0].x1 > 140 && cb[0].x1 < 290);
            CHECK_NEAR(cb[0].y0, 170, 0.01);
            CHECK_NEAR(cb[0].y1, 180, 0.01);
            CHECK_NEAR(cb[1].x1, 335, 0.01);
        }
    }
    table_doc_free(&doc);
}

/* crosses_border: 社会保障和就业支出 runs over the rule at x 350, its
 * last glyph's centre past it; and two_sizes: a cell in 10 and 6 pt. */
static void geometry_flags(void)
{
    page_builder b = {0};
    head(&b, "财政拨款支出预算表（功能科目）");
    const double ys[] = {120, 140, 160, 180, 200, 220};
    grid3(&b, ys, 6);
    pb_text(&b, "科目编码", 55, 125, 10);
    pb_text(&b, "科目名称", 155, 125, 10);
    pb_text(&b, "金额", 455, 125, 10);
    pb_text(&b, "208", 55, 145, 10);
    pb_text(&b, "社会保障和就业支出", 265, 145, 10);    /* 265 .. 355 */
    pb_text(&b, "1.00", 480, 145, 10);
    pb_text(&b, "20801", 55, 165, 10);
    pb_text(&b, "行政运行", 155, 165, 10);
    pb_text(&b, "（注1）", 200, 165, 6);
    pb_text(&b, "2.00", 480, 165, 10);
    pb_text(&b, "20802", 55, 185, 10);
    pb_text(&b, "一般行政管理事务", 155, 185, 10);        /* stops at 235 */
    pb_text(&b, "3.00", 480, 185, 10);
    pb_text(&b, "20803", 55, 205, 10);          /* small capitals: one text */
    pb_text(&b, "T", 155, 205, 12);
    pb_text(&b, "HRESHOLD", 161, 205, 8);
    pb_text(&b, "4.00", 480, 205, 10);
    tb_doc *doc = one_page(&b);
    if (doc->n_tables == 1 && doc->tables[0]->n_rows == 4 && doc->tables[0]->n_cols == 3) {
        const tb_table *t = doc->tables[0];
        PB_CHECK_ROW(t, 0, "208", "社会保障和就业支", "出1.00");
        CHECK(t->rows[0].flags[0] == 0);
        CHECK(t->rows[0].flags[1] == TB_FLAG_CROSSES_BORDER);
        CHECK(t->rows[0].flags[2] == TB_FLAG_CROSSES_BORDER);
        CHECK(t->rows[1].flags[1] == TB_FLAG_TWO_SIZES);
        CHECK(t->rows[1].flags[2] == 0);
        for (size_t c = 0; c < 3; c++)
            CHECK(t->rows[2].flags[c] == 0 && t->rows[3].flags[c] == 0);
        PB_CHECK_ROW(t, 3, "20803", "THRESHOLD", "4.00");
    }
    table_doc_free(&doc);
}

/* header_split: the 式 of 采购组织形式 printed over the header's bottom
 * rule into the 合计 row, under a header cell that does not reach its
 * border (so it is no clipped word the join takes back): flagged. */
static void header_split_flag(void)
{
    page_builder b = {0};
    head(&b, "政府采购预算表");
    const double ys[] = {120, 140, 160, 180};
    grid3(&b, ys, 4);
    pb_text(&b, "采购品目", 55, 123, 10);
    pb_text(&b, "采购组织形", 155, 123, 10);
    pb_text(&b, "总计", 455, 123, 10);
    pb_text(&b, "式", 155, 137, 10);            /* 137 .. 147: over the rule */
    pb_text(&b, "合计", 55, 145, 10);
    pb_text(&b, "146.50", 465, 145, 10);
    pb_text(&b, "台式计算机", 55, 165, 10);
    pb_text(&b, "分散采购", 155, 165, 10);
    pb_text(&b, "146.50", 465, 165, 10);
    tb_doc *doc = one_page(&b);
    if (doc->n_tables == 1 && doc->tables[0]->n_rows == 2 && doc->tables[0]->n_cols == 3) {
        const tb_table *t = doc->tables[0];
        CHECK_STR(t->columns[1], "采购组织形");
        PB_CHECK_ROW(t, 0, "合计", "式", "146.50");
        CHECK(t->rows[0].flags[1] == TB_FLAG_HEADER_SPLIT);
        CHECK(t->rows[0].flags[0] == 0 && t->rows[0].flags[2] == 0);
        CHECK(t->rows[1].flags[1] == 0);
    }
    table_doc_free(&doc);

    /* the header cell full to its border, its word's end on a line of its
     * own at the top of the (tall) 合计 row, inside it: flagged too */
    static const double xs[] = {50, 150, 205, 500};
    const double ys2[] = {120, 140, 170, 190};
    head(&b, "政府采购预算表");
    pb_grid(&b, xs, 4, ys2, 4);
    pb_text(&b, "采购品目", 55, 123, 10);
    pb_text(&b, "采购组织形", 155, 123, 10);   /* 155 .. 205 */
    pb_text(&b, "总计", 455, 123, 10);
    pb_text(&b, "式", 155, 142, 10);
    pb_text(&b, "合计", 55, 155, 10);
    pb_text(&b, "146.50", 465, 155, 10);
    pb_text(&b, "台式计算机", 55, 175, 10);
    pb_text(&b, "分散", 155, 175, 10);
    pb_text(&b, "146.50", 465, 175, 10);
    doc = one_page(&b);
    if (doc->n_tables == 1 && doc->tables[0]->n_rows == 2 && doc->tables[0]->n_cols == 3) {
        const tb_table *t = doc->tables[0];
        PB_CHECK_ROW(t, 0, "合计", "式", "146.50");
        CHECK(t->rows[0].flags[1] == TB_FLAG_HEADER_SPLIT);
        CHECK(t->rows[1].flags[1] == 0);
    }
    table_doc_free(&doc);
}

/* A table by hand (as stage two would give it), for stage three. */
typedef struct hand_table {
    char *columns[2];
    char *hdr[2];
    char **header[1];
    char *cells[4][2];
    unsigned char zero[2];
    double edges[3];
    tb_row rows[4];
    int pages[1];
    tb_table t;
} hand_table;

static void hand_build(hand_table *h, const char *title, char *const cells[][2], size_t n)
{
    memset(h, 0, sizeof *h);
    h->columns[0] = h->hdr[0] = "项目";
    h->columns[1] = h->hdr[1] = "金额";
    h->header[0] = h->hdr;
    h->edges[1] = 100;
    h->edges[2] = 200;
    h->pages[0] = 1;
    for (size_t r = 0; r < n; r++) {
        h->cells[r][0] = cells[r][0];
        h->cells[r][1] = cells[r][1];
        h->rows[r] = (tb_row){h->cells[r], h->zero, h->zero, 1, {0, 10.0 * r, 200, 10.0 * r + 10},
                              NULL, NULL, NULL};
    }
    h->t = (tb_table){.seq = 1, .label = "", .title = title, .org = "", .unit = "万元",
                      .pages = h->pages, .n_pages = 1, .n_cols = 2, .header = h->header,
                      .n_header = 1, .columns = h->columns, .rows = h->rows, .n_rows = n,
                      .cap_rows = n, .col_edges = h->edges};
}

static void meaning_flags(void)
{
    static char *named[][2] = {{"一、工资福利支出", "10.00"}, {"", "5.00"},
                               {"二、商品和服务支出", "3.00"}, {"合计", "18.00"}};
    static char *unnamed[][2] = {{"", "7.00"}};
    hand_table a, b;
    hand_build(&a, "", named, 4);
    hand_build(&b, "“三公”经费支出预算表", unnamed, 1);
    tb_table *tables[] = {&a.t, &b.t};
    tb_doc doc = {.tables = tables, .n_tables = 2, .cap_tables = 2, .org = "", .year = "",
                  .kind = ""};
    rec_doc *rd = records_build(&doc, g_grammar);
    CHECK(rd->n_tables == 2);
    const rec_table *ta = &rd->tables[0], *tb = &rd->tables[1];
    CHECK(ta->flags == REC_FLAG_NO_FAMILY);
    CHECK(tb->family != NULL && tb->flags == 0);
    CHECK(ta->n_rows == 4);
    if (ta->n_rows == 4) {
        CHECK(ta->rows[0].flags == 0 && ta->rows[2].flags == 0 && ta->rows[3].flags == 0);
        CHECK(ta->rows[1].flags == REC_FLAG_AMOUNTS_WITHOUT_NAME && ta->rows[1].flag_col == 0);
    }
    CHECK(tb->n_rows == 1 && tb->rows[0].flags == 0);    /* no names at all */
    rec_totals sum = records_totals(rd);
    const size_t *counts = sum.review;
    CHECK(counts[0] == 0 && counts[1] == 0 && counts[2] == 0 && counts[3] == 1 &&
          counts[4] == 1);
    rec_doc_info info = {"hand.pdf", "0000000000000000000000000000000000000000000000000000000000000000",
                         1, 1, 0, NULL, NULL, {0}};
    pr_strbuf j = PR_STRBUF_INIT, t = PR_STRBUF_INIT;
    records_emit_document(&j, &info, rd, g_grammar, REC_JSONL);
    records_emit_document(&t, &info, rd, g_grammar, REC_TABLES);
    const char *js = j.data ? j.data : "", *ts = t.data ? t.data : "";
    CHECK(strstr(js, "\"cells\":[\"\",\"5.00\"],\"role\":\"item\",\"values\":{\"amount\":5.00},"
                     "\"checks\":[") != NULL);
    CHECK(strstr(js, "\"flags\":[{\"column\":\"项目\",\"flag\":\"amounts_without_name\"}]}\n")
          != NULL);
    CHECK(strstr(js, "\"cells\":[\"合计\",\"18.00\"]") != NULL);
    CHECK(strstr(js, "\"regions\":[],\"flags\":[\"no_family\"]}\n") != NULL);
    CHECK(strstr(js, "\"review\":{\"crosses_border\":0,\"two_sizes\":0,\"header_split\":0,"
                     "\"amounts_without_name\":1,\"no_family\":1,\"untrusted_text\":0}}\n") != NULL);
    CHECK(strstr(ts, "\"cell_flags\":[[null,null],[[\"amounts_without_name\"],null],"
                     "[null,null],[null,null]]") != NULL);
    CHECK(strstr(ts, "\"cell_boxes\":[[null,null],[null,null],[null,null],[null,null]],"
                     "\"body_pages\":[1,1,1,1]") != NULL);
    CHECK(strstr(ts, "\"header_boxes\":[[null,null]],\"header_pages\":[null]") != NULL);
    pr_strbuf_free(&j);
    pr_strbuf_free(&t);
    records_free(&rd);
}

static void grammar_loads(void)
{
    pr_error err = {0};
    CHECK(grammar_load(REAL_GRAMMAR, 1, &g_grammar, &err) == PR_OK);
}

static void grammar_frees(void)
{
    grammar_free(&g_grammar);
    CHECK(g_grammar == NULL);
}

void unit_group_review(void)
{
    unit_run("review: the grammar loads", grammar_loads);
    if (!g_grammar)
        return;
    unit_run("review: a ruled grid's boxes, a merged header cell, the region", ruled_boxes);
    unit_run("review: a text table's boxes and its region", text_boxes);
    unit_run("review: crosses_border on a word the border cut, two_sizes", geometry_flags);
    unit_run("review: header_split on a header word's end left in the body", header_split_flag);
    unit_run("review: amounts_without_name, no_family, and the records", meaning_flags);
    unit_run("review: the grammar is freed", grammar_frees);
}
