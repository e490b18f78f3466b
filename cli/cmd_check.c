/*
 * cmd_check.c — `pdfrows check`: the same reading as the default command,
 * written for a person: per document the tables found with their rows and
 * check counts, then every failed check with its page and the printed
 * numbers, so the page can be opened and looked at.
 */
#include "commands.h"
#include "table_walk.h"
#include "records.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static void put(pr_strbuf *out, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void put(pr_strbuf *out, const char *fmt, ...)
{
    char buf[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    pr_strbuf_puts(out, buf);
}

static void put_failed(pr_strbuf *out, const char *where, const rec_check *c)
{
    char e[48], f[48];
    put(out, "  FAILED %s, page %d, %s: %s [%s]: printed %s, parts add up to %s\n",
        where, c->page, c->rule, c->what, c->column,
        amount_format(c->found, f, sizeof f), amount_format(c->expected, e, sizeof e));
}

static void check_end(void *walk, const char *file, const walk_totals *w,
                      pr_strbuf *out)
{
    table_walk *tw = walk;
    rec_doc *d = records_build(tw->doc, tw->grammar);
    size_t rows = 0, checked = 0, unchecked = 0, n = 0, failed = 0;
    put(out, "%s: %d pages, %zu tables\n", file, w->pages_in_file, d->n_tables);
    for (size_t i = 0; i < d->n_tables; i++) {
        const rec_table *rt = &d->tables[i];
        const tb_table *t = rt->src;
        char pages[64] = "";
        if (t->n_pages == 1)
            snprintf(pages, sizeof pages, "p%d", t->pages[0]);
        else if (t->n_pages > 1)
            snprintf(pages, sizeof pages, "p%d-%d", t->pages[0], t->pages[t->n_pages - 1]);
        put(out, "  table %d %s%s%s (%s): %zu rows, %zu of %zu rows with amounts checked; "
                 "checks %zu ok, %zu rounded, %zu failed\n",
            t->seq, t->label, *t->label ? " " : "", *t->title ? t->title : "(untitled)",
            pages, t->n_rows, rt->rows_checked, rt->rows_checked + rt->rows_unchecked,
            rt->n_ok, rt->n_rounded, rt->n_failed);
        rows += t->n_rows;
        checked += rt->rows_checked;
        unchecked += rt->rows_unchecked;
        n += rt->n_checks;
        failed += rt->n_failed;
    }
    for (size_t i = 0; i < d->n_tables; i++) {
        const rec_table *t = &d->tables[i];
        for (size_t k = 0; k < t->n_checks; k++)
            if (t->checks[k]->status == REC_CHECK_FAILED) {
                char where[256];
                snprintf(where, sizeof where, "table %d %s", t->src->seq, t->src->title);
                put_failed(out, where, t->checks[k]);
            }
    }
    for (size_t i = 0; i < d->n_cross; i++) {
        n++;
        if (d->cross[i]->status == REC_CHECK_FAILED) {
            failed++;
            put_failed(out, "across tables", d->cross[i]);
        }
    }
    put(out, "  %zu rows; %zu of %zu rows with amounts checked; %zu checks, %zu failed\n",
        rows, checked, checked + unchecked, n, failed);
    table_walk_stats(tw, d);
    records_free(&d);
}

int cli_run_check(const cli_options *opts, const gr_grammar *grammar, FILE *out)
{
    table_walk w = {grammar, NULL, NULL, NULL};
    walk_command cmd = {.begin = table_walk_begin, .page = table_walk_page, .end = check_end,
                        .ctx = &w, .grammar_digest = grammar_digest(grammar),
                        .error_as_text = 1};
    w.walk = &cmd;
    int status = cli_walk_documents(opts, &cmd, out);
    table_walk_done(&w);
    return status;
}
