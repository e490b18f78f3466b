/*
 * cmd_tables.c — `pdfrows FILE.pdf...` (the default command): stages one,
 * two and three. Each page goes through stage one and is handed to stage
 * two at once (and freed); after each page stage three writes the tables
 * whose records can no longer change and frees them (records.h, stream.c),
 * and when the document is done, the rest and the document record, in the
 * shape the output needs:
 *
 *   --format            a document's records (what a worker hands over)
 *   jsonl               table, row and document records
 *   tables, csv, xlsx   table records with their body grids, document record
 *                       (csv and xlsx: the sink writes the files)
 *   long, long-csv      amount records (JSON Lines or CSV rows)
 *   sqlite              jsonl's records and the amount records
 *
 * sqlite alone holds a document's tables to its end: its stream is every
 * table and row record, then every amount record.
 */
#include "commands.h"
#include "table_walk.h"
#include "records.h"

typedef struct tables_cmd {
    int format;                 /* cli_format */
    rec_doc *rd;                /* the current document's stage three */
    const char *file, *sha256;  /* borrowed for the document */
} tables_cmd;

static rec_format stream_format(cli_format f)
{
    switch (f) {
    case CLI_FMT_JSONL: return REC_JSONL;
    case CLI_FMT_LONG: return REC_LONG;
    case CLI_FMT_LONG_CSV: return REC_LONG_CSV;
    default: return REC_TABLES;
    }
}

static void tables_begin(void *walk, const char *file, const char *sha256)
{
    table_walk *w = walk;
    tables_cmd *tc = w->cmd;
    records_free(&tc->rd);
    table_walk_begin(walk, file, sha256);
    tc->rd = records_begin(w->doc);
    tc->file = file;
    tc->sha256 = sha256;
}

/* Stage three on the tables this page closed: written and freed. */
static void tables_page(void *walk, const ex_page *page, pr_strbuf *out)
{
    table_walk *w = walk;
    tables_cmd *tc = w->cmd;
    table_walk_page(walk, page, out);
    if (tc->format == CLI_FMT_SQLITE)
        return;
    rec_doc *rd = tc->rd;
    size_t ready = records_settle(rd, w->grammar, page->number, 0);
    rec_doc_info info = {.file = tc->file, .sha256 = tc->sha256};
    records_emit_tables(out, &info, rd, w->grammar, stream_format((cli_format)tc->format),
                        rd->n_done, ready);
    records_release(rd, w->doc, ready);
}

static void tables_end(void *walk, const char *file, const walk_totals *t,
                       pr_strbuf *out)
{
    table_walk *w = walk;
    tables_cmd *tc = w->cmd;
    rec_doc *rd = tc->rd;
    records_settle(rd, w->grammar, 0, 1);
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
    records_free(&tc->rd);
}

int cli_run_tables(const cli_options *opts, const gr_grammar *grammar, FILE *out)
{
    tables_cmd tc = {opts->format, NULL, NULL, NULL};
    table_walk w = {grammar, NULL, &tc, NULL};
    walk_command cmd = {.begin = tables_begin, .page = tables_page, .end = tables_end,
                        .ctx = &w, .grammar_digest = grammar_digest(grammar)};
    pr_strbuf header = PR_STRBUF_INIT;
    if (opts->format == CLI_FMT_LONG_CSV) {
        records_emit_long_csv_header(&header);
        cmd.stream_header = header.data;
        cmd.no_error_record = 1;
    }
    w.walk = &cmd;
    int status = cli_walk_documents(opts, &cmd, out);
    records_free(&tc.rd);
    table_walk_done(&w);
    pr_strbuf_free(&header);
    return status;
}
