/*
 * test_checks_overflow.c — checks.c NOTES (11): amounts whose sum, or
 * scaling to a common number of decimals, leaves 64 bits give no check
 * (never a wrapped verdict); ordinary rows of the same table still do.
 */
#include "records.h"
#include "unit.h"

#include <string.h>

#define REAL_GRAMMAR "normalize/grammars"

static void no_verdict_on_overflow(void)
{
    gr_grammar *g = NULL;
    pr_error err = {0};
    CHECK(grammar_load(REAL_GRAMMAR, 1, &g, &err) == PR_OK);
    if (!g)
        return;
    char *columns[] = {"项目", "合计", "基本支出", "项目支出"};
    char *hdr[] = {"项目", "合计", "基本支出", "项目支出"};
    char **header[] = {hdr};
    /* 30 = 10 + 20; a sum past 2^63; a total that cannot be scaled to the
     * parts' decimals; 1 = 0.4 + 0.6 */
    char *r1[] = {"甲", "30.00", "10.00", "20.00"};
    char *r2[] = {"乙", "9,000,000,000,000,000,000", "5,000,000,000,000,000,000",
                  "5,000,000,000,000,000,000"};
    char *r3[] = {"丙", "9,000,000,000,000,000,000", "0.5", "0.5"};
    char *r4[] = {"丁", "1", "0.4", "0.6"};
    unsigned char flags[4] = {0};
    double edges[5] = {0, 10, 20, 30, 40};
    tb_row rows[] = {{r1, flags, flags, 1, {0, 0, 40, 10}, NULL, NULL, NULL},
                     {r2, flags, flags, 1, {0, 10, 40, 20}, NULL, NULL, NULL},
                     {r3, flags, flags, 1, {0, 20, 40, 30}, NULL, NULL, NULL},
                     {r4, flags, flags, 1, {0, 30, 40, 40}, NULL, NULL, NULL}};
    int pages[] = {1};
    tb_table t = {.seq = 1, .label = "", .title = "", .org = "", .unit = "", .pages = pages,
                  .n_pages = 1, .n_cols = 4, .header = header, .n_header = 1,
                  .columns = columns, .rows = rows, .n_rows = 4, .cap_rows = 4,
                  .col_edges = edges};
    tb_table *tables[] = {&t};
    tb_doc doc = {.tables = tables, .n_tables = 1, .cap_tables = 1, .org = "", .year = "",
                  .kind = ""};
    rec_doc *rd = records_build(&doc, g);
    CHECK(rd != NULL && rd->n_tables == 1);
    if (rd && rd->n_tables == 1) {
        const rec_table *rt = &rd->tables[0];
        CHECK(rt->n_checks == 2);               /* rows 甲 and 丁 only */
        CHECK(rt->n_ok == 2);
        CHECK(rt->n_failed == 0 && rt->n_rounded == 0);
    }
    records_free(&rd);
    grammar_free(&g);
}

void unit_group_checks_overflow(void)
{
    unit_run("checks: a sum beyond 64 bits is no check, never a wrapped verdict",
             no_verdict_on_overflow);
}
