/*
 * test_ocr_mend.c — normalize/tables/ocr_mend.c: on a page read by OCR,
 * a word one confusable character away from the grammar's vocabulary is
 * mended (广出 → 支出 in a title, so the table gets its family), a word
 * already in the vocabulary is left alone (收入 is not made 收支), a run
 * two words could claim is left alone (事业收文: 收支 or 事业收入), and
 * the same text from a text layer is never touched; a title a few edits
 * from a standard one (a character misread, in excess or lost) becomes
 * it, quote marks kept as read, unless the line already ends in one.
 *
 * Ownership: everything a test allocates it frees before it returns.
 */
#include "unit.h"
#include "page_build.h"
#include "table.h"

#include <glib.h>
#include <string.h>

#define REAL_GRAMMAR "normalize/grammars"
static gr_grammar *g_grammar;

/* A one-table page titled title, its glyphs marked as read by OCR when
 * ocr; returns the table's title and family in *title, *family (copies
 * in buf). */
static void read_title(const char *title, const char *name, int ocr, char *buf, size_t n,
                       const char **family, char *cell, size_t cn)
{
    page_builder b = {0};
    char first[256];
    const char *bar = strchr(title, '|');       /* a gap of one em there */
    snprintf(first, sizeof first, "%.*s", bar ? (int)(bar - title) : (int)strlen(title), title);
    pb_text(&b, first, 150, 40, 16);
    if (bar)
        pb_text(&b, bar + 1, 150 + 16.0 * (double)(g_utf8_strlen(first, -1) + 1), 40, 16);
    pb_text(&b, "单位：万元", 420, 80, 10);
    static const double xs[] = {50, 150, 350, 500}, ys[] = {100, 120, 140};
    pb_grid(&b, xs, 4, ys, 3);
    pb_text(&b, "科目编码", 55, 105, 10);
    pb_text(&b, "科目名称", 155, 105, 10);
    pb_text(&b, "金额", 455, 105, 10);
    pb_text(&b, "201", 55, 125, 10);
    pb_text(&b, name, 155, 125, 10);
    pb_text(&b, "12.00", 470, 125, 10);
    ex_page *pg = pb_finish(&b, 1);
    if (ocr) {
        pg->ocr_dpi = 300;
        for (size_t i = 0; i < pg->n_lines; i++)
            for (size_t k = 0; k < pg->lines[i].n_glyphs; k++)
                pg->lines[i].glyphs[k].ocr_conf = 90;
    }
    tb_doc *doc = table_doc_new();
    table_add_page(doc, pg, g_grammar);
    pb_free(&pg);
    *family = NULL;
    snprintf(buf, n, "%s", doc->n_tables ? doc->tables[0]->title : "");
    snprintf(cell, cn, "%s", doc->n_tables && doc->tables[0]->n_rows ?
             doc->tables[0]->rows[0].cells[1] : "");
    if (doc->n_tables)
        *family = grammar_family(g_grammar, doc->tables[0]->title) ?
                  grammar_family(g_grammar, doc->tables[0]->title)->name : NULL;
    table_doc_free(&doc);
}

static void mends_ocr_words_only(void)
{
    char title[256], cell[256];
    const char *family;
    read_title("一般公共预算广出情况表", "事业收入", 1, title, sizeof title, &family,
               cell, sizeof cell);
    CHECK_STR(title, "一般公共预算支出情况表");
    CHECK_STR(family ? family : "", "general_expense");
    CHECK_STR(cell, "事业收入");                 /* a vocabulary word: kept */
    read_title("一般公共预算广出情况表", "事业收文", 1, title, sizeof title, &family,
               cell, sizeof cell);
    CHECK_STR(cell, "事业收文");                 /* 收支 or 事业收入: not sure, kept */
    read_title("一般公共预算广出情况表", "文化旅游", 0, title, sizeof title, &family,
               cell, sizeof cell);
    CHECK_STR(title, "一般公共预算广出情况表");  /* a text layer: untouched */
    CHECK_STR(cell, "文化旅游");
}

static void mends_standard_titles(void)
{
    static const struct {
        const char *read, *want;
        int ocr;
    } cases[] = {
        {"一般公共了预算机关运行经费支出预算表", "一般公共预算机关运行经费支出预算表", 1},
        {"一般公共预算机关运行经费支|预算表", "一般公共预算机关运行经费支出预算表", 1},
        {"单位支出预算表", "单位支出预算表", 1},   /* no room for the 总 of 支出预算总表 */
        {"“三公”经费、会议导、菩训纲支出预算表", "“三公”经费、会议费、培训费支出预算表", 1},
        {"财政拨款支出预算萘（功能科目）", "财政拨款支出预算表（功能科目）", 1},
        {"江苏省2019年一般公共了预算机关运行经费支出预算表",
         "江苏省2019年一般公共预算机关运行经费支出预算表", 1},
        {"一般公共预算项目支出表", "一般公共预算项目支出表", 1},   /* ends in one */
        {"一般公共了预算机关运行经费支出预算表", "一般公共了预算机关运行经费支出预算表", 0},
        {"部门预算收入情况表", "部门预算收入情况表", 1},           /* none near */
        {"一般公共预算“三公，经费支出情况表", "一般公共预算“三公”经费支出情况表", 1},
        {"“三公，经费和机关运行经费预算表", "“三公”经费和机关运行经费预算表", 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char title[256], cell[256];
        const char *family;
        read_title(cases[i].read, "行政运行", cases[i].ocr, title, sizeof title, &family,
                   cell, sizeof cell);
        CHECK_STR(title, cases[i].want);
        CHECK_STR(cell, "行政运行");
    }
}

static void grammar_loads(void)
{
    pr_error err = {0};
    CHECK(grammar_load(REAL_GRAMMAR, 1, &g_grammar, &err) == PR_OK);
}

void unit_group_ocr_mend(void)
{
    unit_run("ocr mend: the grammar loads", grammar_loads);
    if (!g_grammar)
        return;
    unit_run("ocr mend: OCR'd words one confusion from the vocabulary are mended, "
             "vocabulary words and text layers never", mends_ocr_words_only);
    unit_run("ocr mend: titles a few edits from a standard title become it, "
             "titles ending in one never", mends_standard_titles);
    grammar_free(&g_grammar);
}
