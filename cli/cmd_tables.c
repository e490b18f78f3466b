/*
 * cmd_tables.c — `pdfrows FILE.pdf...` (the default command): stages one,
 * two and three. Each page goes through stage one and is handed to stage
 * two at once (and freed); when the document is done, stage three writes
 * its records in the shape the output needs:
 *
 *   --format            a document's records (what a worker hands over)
 *   jsonl               table, row and document records
 *   tables, csv, xlsx   table records with their body grids, document record
 *                       (csv and xlsx: the sink writes the files)
 *   long, long-csv      amount records (JSON Lines or CSV rows)
 *   sqlite              jsonl's records and the amount records
 */
#include "commands.h"
#include "table_walk.h"
#include "records.h"

typedef struct tables_cmd {
    int format;                 /* cli_format */
} tables_cmd;

static void tables_end(void *walk, const char *file, const walk_totals *t,
                       pr_strbuf *out)
{
    table_walk *w = walk;
    const tables_cmd *tc = w->cmd;
    rec_doc *rd = records_build(w->doc, w->grammar);
    rec_doc_info info = {file, t->sha256, t->pages_in_file, t->pages_read,
                         t->poppler_problems, t->settle, t->settle_data, t->notes};
    switch ((cli_format)tc->format) {
    case CLI_FMT_JSONL:
        records_emit_document(out, &info, rd, w->grammar, REC_JSONL);
        break;
    case CLI_FMT_TABLES:
    case CLI_FMT_CSV:
    case CLI_FMT_XLSX:
        records_emit_document(out, &info, rd, w->grammar, REC_TABLES);
        break;
    case CLI_FMT_LONG:
    case CLI_FMT_LONG_CSV:
        records_emit_long(out, &info, rd, tc->format == CLI_FMT_LONG_CSV);
        break;
    case CLI_FMT_SQLITE:
        records_emit_document(out, &info, rd, w->grammar, REC_JSONL);
        records_emit_long(out, &info, rd, 0);
        break;
    case CLI_FORMAT_COUNT:
        break;
    }
    table_walk_stats(w, rd);
    records_free(&rd);
}

int cli_run_tables(const cli_options *opts, const gr_grammar *grammar, FILE *out)
{
    tables_cmd tc = {opts->format};
    table_walk w = {grammar, NULL, &tc, NULL};
    walk_command cmd = {.begin = table_walk_begin, .page = table_walk_page, .end = tables_end,
                        .ctx = &w, .grammar_digest = grammar_digest(grammar)};
    pr_strbuf header = PR_STRBUF_INIT;
    if (opts->format == CLI_FMT_LONG_CSV) {
        records_emit_long_csv_header(&header);
        cmd.stream_header = header.data;
        cmd.no_error_record = 1;
    }
    w.walk = &cmd;
    int status = cli_walk_documents(opts, &cmd, out);
    table_walk_done(&w);
    pr_strbuf_free(&header);
    return status;
}
