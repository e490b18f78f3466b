/*
 * table_walk.c — the page-by-page part of the table commands: stage two
 * gets each page as soon as stage one has it, and the page is freed right
 * after, so memory holds one document's tables, never its pages.
 */
#include "table_walk.h"
#include "records.h"

void table_walk_begin(void *walk, const char *file, const char *sha256)
{
    table_walk *w = walk;
    (void)file;
    (void)sha256;
    table_doc_free(&w->doc);
    w->doc = table_doc_new();
}

void table_walk_page(void *walk, const ex_page *page, pr_strbuf *out)
{
    table_walk *w = walk;
    (void)out;
    table_add_page(w->doc, page, w->grammar);
}

void table_walk_stats(table_walk *walk, const rec_doc *doc)
{
    doc_stats *st = walk->walk ? walk->walk->stats : NULL;
    if (!st)
        return;
    rec_totals sum = records_totals(doc);
    st->tables += sum.tables;
    st->rows += sum.rows;
    st->checks_failed += records_failed_checks(doc);
}

void table_walk_done(table_walk *walk)
{
    table_doc_free(&walk->doc);
}
