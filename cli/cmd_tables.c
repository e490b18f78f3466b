/*
 * cmd_tables.c — `pdfrows FILE.pdf...` (the default command): stages one,
 * two and three. Each page goes through stage one and is handed to stage
 * two at once (and freed); when the document is done, stage three writes
 * its table, row and document records.
 */
#include "commands.h"
#include "table_walk.h"
#include "exit_codes.h"
#include "records.h"

static void tables_end(void *walk, const char *file, const walk_totals *t,
                       pr_strbuf *out)
{
    table_walk *w = walk;
    rec_format format = *(const rec_format *)w->cmd;
    rec_doc *rd = records_build(w->doc, w->grammar);
    w->failed_checks += records_failed_checks(rd);
    rec_doc_info info = {file, t->sha256, t->pages_in_file, t->pages_read,
                         t->poppler_problems};
    if (format == REC_CSV)
        records_emit_csv(out, &info, rd);
    else
        records_emit_document(out, &info, rd, w->grammar, format);
    records_free(&rd);
}

int cli_run_tables(const cli_options *opts, const gr_grammar *grammar, FILE *out)
{
    rec_format format = (rec_format)opts->format;
    table_walk w = {grammar, NULL, 0, &format};
    walk_command cmd = {table_walk_begin, table_walk_page, tables_end, &w};
    int status = cli_walk_documents(opts, &cmd, out);
    if (status == PR_EXIT_OK && opts->strict && w.failed_checks)
        status = PR_EXIT_CHECKS;
    table_walk_done(&w);
    return status;
}
