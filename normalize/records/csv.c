/*
 * csv.c — tables as CSV (RFC 4180 quoting, LF line ends), for people
 * who open them in a spreadsheet. Each table is one block:
 *
 *     #table,SEQ,LABEL,TITLE,ORG,UNIT,PAGES,FILE
 *     column path 1,column path 2,...
 *     cell,cell,...            (one line per body row)
 *     <blank line>
 *
 * PAGES is "3" or "3-4" (first-last). Rows are printed rows, all sides
 * of a two-sided table on one line, as a spreadsheet shows the page. Notes are not part of the CSV; use
 * the JSON formats for them and for the document summary.
 */
#include "rec_int.h"

#include <stdio.h>
#include <string.h>

static void field(pr_strbuf *out, const char *s, int first)
{
    if (!first)
        pr_strbuf_putc(out, ',');
    if (!strpbrk(s, ",\"\n\r")) {
        pr_strbuf_puts(out, s);
        return;
    }
    pr_strbuf_putc(out, '"');
    for (; *s; s++) {
        if (*s == '"')
            pr_strbuf_putc(out, '"');
        pr_strbuf_putc(out, *s);
    }
    pr_strbuf_putc(out, '"');
}

static void line(pr_strbuf *out, char *const *cells, size_t n)
{
    for (size_t i = 0; i < n; i++)
        field(out, cells[i], i == 0);
    pr_strbuf_putc(out, '\n');
}

void records_emit_csv(pr_strbuf *out, const rec_doc_info *info, const rec_doc *doc)
{
    for (size_t i = 0; i < doc->n_tables; i++) {
        const tb_table *t = doc->tables[i].src;
        char seq[32], pages[64] = "";
        snprintf(seq, sizeof seq, "%d", t->seq);
        if (t->n_pages == 1)
            snprintf(pages, sizeof pages, "%d", t->pages[0]);
        else if (t->n_pages > 1)
            snprintf(pages, sizeof pages, "%d-%d", t->pages[0], t->pages[t->n_pages - 1]);
        char *head[] = {"#table", seq, (char *)t->label, (char *)t->title,
                        (char *)(*t->org ? t->org : doc->org), (char *)t->unit, pages, (char *)info->file};
        line(out, head, sizeof head / sizeof *head);
        line(out, t->columns, t->n_cols);
        for (size_t r = 0; r < t->n_rows; r++)
            line(out, t->rows[r].cells, t->n_cols);
        pr_strbuf_putc(out, '\n');
    }
}
