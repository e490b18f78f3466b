/*
 * cmd_lines.c — `pdfrows lines`: stage one's records (docs/lines-format.md)
 * for each input: a page record and its line records per page, then a
 * document record.
 */
#include "commands.h"
#include "doc_walk.h"
#include "emit.h"

static void lines_begin(void *ctx, const char *file, const char *sha256)
{
    (void)sha256;
    *(const char **)ctx = file;
}

static void lines_page(void *ctx, const ex_page *page, pr_strbuf *out)
{
    normalize_emit_page_lines(out, *(const char **)ctx, page);
}

static void lines_end(void *ctx, const char *file, const walk_totals *t,
                      pr_strbuf *out)
{
    (void)ctx;
    emit_doc_totals e = {t->pages_in_file, t->pages_read, t->lines, t->glyphs,
                         t->hrules, t->vrules, t->no_text, t->n_no_text,
                         t->poppler_problems, t->notes};
    normalize_emit_lines_summary(out, file, t->sha256, &e);
}

int cli_run_lines(const cli_options *opts, FILE *out)
{
    const char *file = NULL;
    walk_command cmd = {.begin = lines_begin, .page = lines_page, .end = lines_end, .ctx = &file};
    return cli_walk_documents(opts, &cmd, out);
}
