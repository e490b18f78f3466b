/*
 * test_stream.c — stage three a table at a time (stream.c NOTES): a table
 * is written once no later page can add to it and the document's facts
 * are printed, then freed with stage two's table; a document that never
 * prints its kind is held to its end; and the records are the same bytes
 * as when the whole document is built at once.
 *
 * Ownership: everything a test allocates it frees before it returns.
 */
#include "unit.h"
#include "page_build.h"
#include "records.h"
#include "table.h"

#include <string.h>

#define REAL_GRAMMAR "normalize/grammars"
static gr_grammar *g_grammar;

/* Page number of a three-page document: on each a ruled table of its own
 * (families no check across tables waits for); the first page also says
 * the document's year and kind when with_kind. */
static void add_page(tb_doc *doc, int number, int with_kind)
{
    page_builder b = {0};
    if (number == 1)
        pb_text(&b, with_kind ? "青禾区统计局2021年部门预算" : "青禾区统计局2021年", 150, 20, 12);
    static const char *const titles[] = {"“三公”经费支出表",
                                         "政府性基金预算支出表", "国有资本经营预算支出表"};
    pb_text(&b, titles[number - 1], 150, 50, 16);
    pb_text(&b, "编制单位：青禾区统计局", 50, 80, 10);
    pb_text(&b, "单位：万元", 420, 80, 10);
    static const double xs[] = {50, 150, 350, 500}, ys[] = {100, 120, 140, 160};
    pb_grid(&b, xs, 4, ys, 4);
    pb_text(&b, "科目编码", 55, 105, 10);
    pb_text(&b, "科目名称", 155, 105, 10);
    pb_text(&b, "合计", 455, 105, 10);
    pb_text(&b, "301", 55, 125, 10);
    pb_text(&b, "工资福利支出", 155, 125, 10);
    pb_text(&b, "10.00", 455, 125, 10);
    pb_text(&b, "302", 55, 145, 10);
    pb_text(&b, "商品和服务支出", 155, 145, 10);
    pb_text(&b, "5.00", 455, 145, 10);
    pb_add_page(doc, &b, number, g_grammar);
}

/* The records of a document read page by page, settled after each page
 * (ready[p - 1]: how many tables were ready after page p), or whole. */
static void read_doc(int with_kind, int streamed, pr_strbuf *out, size_t ready[3])
{
    tb_doc *doc = table_doc_new();
    rec_doc *rd = streamed ? records_begin(doc) : NULL;
    rec_doc_info info = {.file = "t.pdf", .sha256 = "0"};
    for (int p = 1; p <= 3; p++) {
        add_page(doc, p, with_kind);
        if (!rd)
            continue;
        ready[p - 1] = records_settle(rd, g_grammar, p, 0);
        records_emit_tables(out, &info, rd, g_grammar, REC_JSONL, rd->n_done, ready[p - 1]);
        size_t before = rd->n_done;
        records_release(rd, doc, ready[p - 1]);
        for (size_t i = before; i < rd->n_done; i++)
            CHECK(doc->tables[i] == NULL);          /* freed */
    }
    if (rd)
        records_settle(rd, g_grammar, 0, 1);
    else
        rd = records_build(doc, g_grammar);
    records_emit_document(out, &info, rd, g_grammar, REC_JSONL);
    rec_totals sum = records_totals(rd);
    CHECK(sum.tables == 3);
    CHECK(sum.rows == 6);                           /* header rows are not body */
    records_free(&rd);
    table_doc_free(&doc);
}

static void written_as_closed(void)
{
    pr_strbuf whole = PR_STRBUF_INIT, streamed = PR_STRBUF_INIT;
    size_t ready[3] = {0}, unused[3];
    read_doc(1, 1, &streamed, ready);
    read_doc(1, 0, &whole, unused);
    CHECK(ready[0] == 0);       /* table 1 may go on on page 2 */
    CHECK(ready[1] == 1);       /* page 2 began another: table 1 is closed */
    CHECK(ready[2] == 2);
    CHECK(streamed.len > 0 && strstr(streamed.data, "\"type\":\"row\"") != NULL);
    CHECK_STR(streamed.data ? streamed.data : "", whole.data ? whole.data : "");
    pr_strbuf_free(&whole);
    pr_strbuf_free(&streamed);
}

static void held_without_kind(void)
{
    pr_strbuf whole = PR_STRBUF_INIT, streamed = PR_STRBUF_INIT;
    size_t ready[3] = {0}, unused[3];
    read_doc(0, 1, &streamed, ready);
    read_doc(0, 0, &whole, unused);
    CHECK(ready[0] == 0 && ready[1] == 0 && ready[2] == 0);  /* kind never printed */
    CHECK(strstr(streamed.data ? streamed.data : "", "\"kind\":null") != NULL);
    CHECK_STR(streamed.data ? streamed.data : "", whole.data ? whole.data : "");
    pr_strbuf_free(&whole);
    pr_strbuf_free(&streamed);
}

static void grammar_loads(void)
{
    pr_error err = {0};
    CHECK(grammar_load(REAL_GRAMMAR, 1, &g_grammar, &err) == PR_OK);
}

void unit_group_stream(void)
{
    unit_run("stream: the grammar loads", grammar_loads);
    if (!g_grammar)
        return;
    unit_run("stream: a table is written and freed once closed; same bytes as whole",
             written_as_closed);
    unit_run("stream: a document that never prints its kind is held to its end",
             held_without_kind);
    grammar_free(&g_grammar);
}
