/*
 * test_ocr_correct.c — normalize/records/ocr_correct.c: in a table read by
 * OCR, an amount misread as a look-alike (21.00 read as 27.00) that breaks
 * both its row's identity and its column's 类 = Σ 款 is corrected to the
 * one value that makes every check hold, and the row says so; the same
 * table from a text layer, or with the cell read surely, is left as it is
 * (its checks fail: the PDF is then what is wrong).
 */
#include "records.h"
#include "unit.h"

#include <string.h>

#define REAL_GRAMMAR "normalize/grammars"

/* The table, its 20101 合计 read as `read`; conf: the cells' OCR
 * confidence + 1 (0: a text layer). Returns corrections made, and the
 * failed checks in *failed. */
static size_t read_table(const gr_grammar *g, const char *read, unsigned char conf,
                         size_t *failed, char *value, size_t vn)
{
    char *columns[] = {"科目编码", "科目名称", "合计", "基本支出", "项目支出"};
    char **header[] = {columns};
    char *r1[] = {"201", "一般公共服务支出", "33.00", "13.00", "20.00"};
    char *r2[] = {"20101", "人大事务", (char *)read, "11.00", "10.00"};
    char *r3[] = {"20102", "政协事务", "12.00", "2.00", "10.00"};
    unsigned char flags[5] = {0}, oc[5] = {conf, conf, conf, conf, conf};
    double edges[6] = {0, 10, 20, 30, 40, 50};
    unsigned char *ocr = conf ? oc : NULL;
    tb_row rows[] = {{.cells = r1, .full = flags, .room = flags, .page = 1, .flags = flags,
                      .ocr_conf = ocr},
                     {.cells = r2, .full = flags, .room = flags, .page = 1, .flags = flags,
                      .ocr_conf = ocr},
                     {.cells = r3, .full = flags, .room = flags, .page = 1, .flags = flags,
                      .ocr_conf = ocr}};
    int pages[] = {1};
    tb_table t = {.seq = 1, .label = "", .title = "一般公共预算支出表", .org = "", .unit = "万元",
                  .pages = pages, .n_pages = 1, .n_cols = 5, .header = header, .n_header = 1,
                  .columns = columns, .rows = rows, .n_rows = 3, .cap_rows = 3,
                  .col_edges = edges};
    tb_table *tables[] = {&t};
    tb_doc doc = {.tables = tables, .n_tables = 1, .cap_tables = 1, .org = "", .year = "",
                  .kind = ""};
    rec_doc *rd = records_build(&doc, g);
    size_t n = 0;
    *failed = 0;
    *value = '\0';
    if (rd && rd->n_tables == 1) {
        const rec_table *rt = &rd->tables[0];
        n = rt->n_corrections;
        *failed = rt->n_failed;
        if (n)
            snprintf(value, vn, "%s<-%s@%zu,%zu", rt->corrections[0].value,
                     rt->corrections[0].read, rt->corrections[0].index, rt->corrections[0].col);
    }
    records_free(&rd);
    return n;
}

static void misread_digit_corrected(void)
{
    gr_grammar *g = NULL;
    pr_error err = {0};
    CHECK(grammar_load(REAL_GRAMMAR, 1, &g, &err) == PR_OK);
    if (!g)
        return;
    size_t failed;
    char value[64];
    CHECK(read_table(g, "21.00", 91, &failed, value, sizeof value) == 0);  /* all holds */
    CHECK(failed == 0);
    CHECK(read_table(g, "27.00", 91, &failed, value, sizeof value) == 1);
    CHECK_STR(value, "21.00<-27.00@2,2");
    CHECK(failed == 0);
    CHECK(read_table(g, "27.00", 0, &failed, value, sizeof value) == 0);   /* text layer */
    CHECK(failed == 2);
    CHECK(read_table(g, "27.00", 99, &failed, value, sizeof value) == 0);  /* read surely */
    CHECK(failed == 2);
    CHECK(read_table(g, "29.00", 91, &failed, value, sizeof value) == 0);  /* 9 is no 1 */
    CHECK(failed == 2);
    grammar_free(&g);
}

void unit_group_ocr_correct(void)
{
    unit_run("ocr correct: a look-alike digit that breaks a row and a column is undone, "
             "once, said so; never on a text layer or a sure reading", misread_digit_corrected);
}
