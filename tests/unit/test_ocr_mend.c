/*
 * test_ocr_mend.c — normalize/tables/ocr_mend.c: on a page read by OCR,
 * a word one confusable character away from the grammar's vocabulary is
 * mended (广出 → 支出 in a title, so the table gets its family), a word
 * already in the vocabulary is left alone (收入 is not made 收支), a run
 * two words could claim is left alone (事业收文: 收支 or 事业收入), and
 * the same text from a text layer is never touched.
 *
 * Ownership: everything a test allocates it frees before it returns.
 */
#include "unit.h"
#include "page_build.h"
#include "table.h"

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
    pb_text(&b, title, 150, 40, 16);
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
    grammar_free(&g_grammar);
}
