/*
 * cmd_tables.c — `pdfrows FILE.pdf...` (the default command): stages one,
 * two and three. Each page goes through stage one and is handed to stage
 * two at once (and freed); when the document is done, stage three writes
 * its table, row and document records.
 */
#include "commands.h"
#include "doc_walk.h"
#include "exit_codes.h"
#include "records.h"

typedef struct tables_ctx {
    const gr_grammar *grammar;
    rec_format format;
    tb_doc *doc;
    size_t failed_checks;       /* over all documents */
} tables_ctx;

static void tables_begin(void *ctx, const char *file)
{
    tables_ctx *tc = ctx;
    (void)file;
    table_doc_free(&tc->doc);
    tc->doc = table_doc_new();
}

static void tables_page(void *ctx, const ex_page *page, pr_strbuf *out)
{
    tables_ctx *tc = ctx;
    (void)out;
    table_add_page(tc->doc, page, tc->grammar);
}

static void tables_end(void *ctx, const char *file, const walk_totals *t,
                       pr_strbuf *out)
{
    tables_ctx *tc = ctx;
    table_finish(tc->doc, tc->grammar);
    tc->failed_checks += records_failed_checks(tc->doc);
    rec_doc_info info = {file, t->sha256, t->pages_in_file, t->pages_read,
                         t->poppler_problems};
    if (tc->format == REC_CSV)
        records_emit_csv(out, &info, tc->doc);
    else
        records_emit_document(out, &info, tc->doc, tc->grammar, tc->format);
}

int cli_run_tables(const cli_options *opts, const gr_grammar *grammar, FILE *out)
{
    tables_ctx tc = {grammar, (rec_format)opts->format, NULL, 0};
    walk_command cmd = {tables_begin, tables_page, tables_end, &tc};
    int status = cli_walk_documents(opts, &cmd, out);
    if (status == PR_EXIT_OK && opts->strict && tc.failed_checks)
        status = PR_EXIT_CHECKS;
    table_doc_free(&tc.doc);
    return status;
}
