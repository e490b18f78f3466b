/*
 * cmd_review.c — `pdfrows review -o DIR INPUT...`: one self-contained HTML
 * page per document (DIR/PATH.html) for a person to see what was read:
 * every page as a picture with the tables, cells, checks and unplaced
 * text drawn over it (review_html.c, cli/review/). `--data` writes the
 * page's data alone, as JSON (stdout, or DIR/PATH.review.json), for tests
 * and other viewers.
 *
 * Ownership: the command's state lives on cli_run_review()'s stack; the
 * pages' pictures are owned by it from the page they are rendered on to
 * the end of their document.
 *
 * NOTES
 *   (1) The walk is the tables command's (table_walk.c: stage two page
 *       by page, stage three at the end), run by the corpus driver, so
 *       workers, input order, resume and progress are those of every
 *       other -o DIR output. The pictures are made in the walk's doc_page
 *       hook while the document is open; a page that cannot be rendered
 *       keeps its overlays on a blank sheet.
 *   (2) The review data, one JSON text per document (a record a line
 *       inside it, so golden files diff well):
 *         {"type":"review","schema_version":3,"file":F,"dpi":96,
 *          "pages":[{"page","width","height","rotation"}],
 *          "layout":[{"seq","col_edges"}],
 *          "records":[ the --format jsonl records: table, row, document ],
 *          "tables":[ the --format tables table records (body grids) ]}
 *       "layout" is stage two's column edges of each table (its last
 *       page): the page draws cells from them and the row boxes when the
 *       table records carry no cell boxes.
 *   (3) The run key (resume) covers --dpi and --data through the digest
 *       this command hands the driver: the grammar's digest and both.
 *   (4) A document that fails gives its error record, as every output
 *       does; in DIR/PATH.html a browser shows it as a line of text.
 */
#include "commands.h"
#include "json_out.h"
#include "records.h"
#include "review.h"
#include "table_walk.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

typedef struct review_cmd {
    int dpi;
    int data_only;
    review_page *pages;
    size_t n_pages, cap_pages;
} review_cmd;

static void clear_pages(review_cmd *rc)
{
    for (size_t i = 0; i < rc->n_pages; i++)
        g_free(rc->pages[i].png_base64);
    rc->n_pages = 0;
}

static void review_begin(void *walk, const char *file, const char *sha256)
{
    table_walk *w = walk;
    clear_pages(w->cmd);
    table_walk_begin(walk, file, sha256);
}

static void review_page_fn(void *walk, const ex_page *page, pr_strbuf *out)
{
    table_walk *w = walk;
    review_cmd *rc = w->cmd;
    table_walk_page(walk, page, out);
    if (rc->n_pages == rc->cap_pages) {
        rc->cap_pages = rc->cap_pages ? 2 * rc->cap_pages : 16;
        rc->pages = pr_xrealloc(rc->pages, rc->cap_pages * sizeof *rc->pages);
    }
    rc->pages[rc->n_pages++] = (review_page){page->number, page->width, page->height,
                                             page->rotation, NULL, 0, 0};
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* (1): the picture of the page just added. */
static void review_render(void *walk, ex_doc *doc, const ex_page *page)
{
    table_walk *w = walk;
    review_cmd *rc = w->cmd;
    if (rc->data_only || rc->n_pages == 0)
        return;
    review_page *rp = &rc->pages[rc->n_pages - 1];
    unsigned char *png = NULL;
    size_t len = 0;
    pr_error err = {0};
    if (extract_page_png(doc, page, rc->dpi, &png, &len, &err) != PR_OK || len < 24)
        return;
    rp->px_width = (int)be32(png + 16);         /* the IHDR chunk */
    rp->px_height = (int)be32(png + 20);
    rp->png_base64 = g_base64_encode(png, len);
    extract_png_free(&png);
}

/* Appends the lines of records (JSON Lines) as array elements, one a
 * line, leaving out document records when skip_document. */
static void put_lines(pr_strbuf *out, const pr_strbuf *records, int skip_document)
{
    const char *p = records->data ? records->data : "";
    int first = 1;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        if (n && !(skip_document && strncmp(p, "{\"type\":\"document\"", 18) == 0)) {
            pr_strbuf_puts(out, first ? "\n" : ",\n");
            pr_strbuf_append(out, p, n);
            first = 0;
        }
        p += n + (nl != NULL);
    }
    pr_strbuf_puts(out, "\n");
}

/* (2): the review data of the document. */
static void put_data(pr_strbuf *out, const char *file, const review_cmd *rc, const rec_doc *rd,
                     const pr_strbuf *jsonl, const pr_strbuf *tables)
{
    cJSON *o = json_record("review");
    json_add_file(o, file);
    cJSON_AddNumberToObject(o, "dpi", rc->dpi);
    cJSON *pages = cJSON_AddArrayToObject(o, "pages");
    for (size_t i = 0; i < rc->n_pages; i++) {
        const review_page *p = &rc->pages[i];
        cJSON *pg = cJSON_CreateObject();
        cJSON_AddNumberToObject(pg, "page", p->page);
        cJSON_AddNumberToObject(pg, "width", json_round2(p->width));
        cJSON_AddNumberToObject(pg, "height", json_round2(p->height));
        cJSON_AddNumberToObject(pg, "rotation", p->rotation);
        cJSON_AddItemToArray(pages, pg);
    }
    cJSON *layout = cJSON_AddArrayToObject(o, "layout");
    for (size_t i = 0; i < rd->n_tables; i++) {
        const tb_table *t = rd->tables[i].src;
        cJSON *l = cJSON_CreateObject();
        cJSON_AddNumberToObject(l, "seq", t->seq);
        cJSON *edges = cJSON_AddArrayToObject(l, "col_edges");
        for (size_t k = 0; t->col_edges && k <= t->n_cols; k++)
            cJSON_AddItemToArray(edges, cJSON_CreateNumber(json_round2(t->col_edges[k])));
        cJSON_AddItemToArray(layout, l);
    }
    char *head = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    if (!head)
        pr_die_nomem();
    pr_strbuf_append(out, head, strlen(head) - 1);      /* without its '}' */
    cJSON_free(head);
    pr_strbuf_puts(out, ",\n\"records\":[");
    put_lines(out, jsonl, 0);
    pr_strbuf_puts(out, "],\n\"tables\":[");
    put_lines(out, tables, 1);
    pr_strbuf_puts(out, "]}\n");
}

static void review_end(void *walk, const char *file, const walk_totals *t, pr_strbuf *out)
{
    table_walk *w = walk;
    review_cmd *rc = w->cmd;
    rec_doc *rd = records_build(w->doc, w->grammar);
    rec_doc_info info = {file, t->sha256, t->pages_in_file, t->pages_read,
                         t->poppler_problems, NULL, NULL, t->notes};
    pr_strbuf jsonl = PR_STRBUF_INIT, tables = PR_STRBUF_INIT, data = PR_STRBUF_INIT;
    records_emit_document(&jsonl, &info, rd, w->grammar, REC_JSONL);
    records_emit_document(&tables, &info, rd, w->grammar, REC_TABLES);
    put_data(rc->data_only ? out : &data, file, rc, rd, &jsonl, &tables);
    if (!rc->data_only)
        review_put_html(out, file, data.data, rc->pages, rc->n_pages);
    pr_strbuf_free(&jsonl);
    pr_strbuf_free(&tables);
    pr_strbuf_free(&data);
    clear_pages(rc);
    table_walk_stats(w, rd);
    records_free(&rd);
}

int cli_run_review(const cli_options *opts, const gr_grammar *grammar, FILE *out)
{
    review_cmd rc = {opts->dpi ? opts->dpi : 96, opts->review_data, NULL, 0, 0};
    table_walk w = {grammar, NULL, &rc, NULL};
    char *digest = g_strdup_printf("%s review dpi %d data %d", grammar_digest(grammar),
                                   rc.dpi, rc.data_only);                   /* (3) */
    walk_command cmd = {.begin = review_begin, .page = review_page_fn,
                        .doc_page = review_render, .end = review_end, .ctx = &w,
                        .grammar_digest = digest};
    w.walk = &cmd;
    int status = cli_walk_documents(opts, &cmd, out);
    table_walk_done(&w);
    clear_pages(&rc);
    free(rc.pages);
    g_free(digest);
    return status;
}
