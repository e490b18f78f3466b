/*
 * cmd_lines.c — `pdfrows lines`: stage one over each input document.
 *
 * NOTES
 *   (1) One outcome per document: its page and line records followed by a
 *       document record, or a single error record. The records of a
 *       document are collected in memory and written when the document is
 *       done, so a failure found late (no text on any page) replaces them
 *       instead of trailing them. Memory is bounded by one document.
 *   (2) Every error also gets one line on stderr, "pdfrows: error: FILE:
 *       message", for a person watching the run.
 *   (3) The exit status is that of the first document that failed.
 */
#include "commands.h"
#include "emit.h"
#include "exit_codes.h"

#include <stdlib.h>

typedef struct int_list {
    int *v;
    size_t n, cap;
} int_list;

static void int_list_push(int_list *l, int x)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 8;
        l->v = pr_xrealloc(l->v, l->cap * sizeof *l->v);
    }
    l->v[l->n++] = x;
}

/* Reads one document into out; returns its result. */
static pr_rc read_document(const char *file, const cli_options *opts,
                           pr_strbuf *out, pr_error *err)
{
    ex_doc *doc = NULL;
    pr_rc rc = extract_doc_open(file, opts->password, &doc, err);
    if (rc != PR_OK)
        return rc;
    ex_options xo = {opts->find_rules};
    emit_doc_totals t = {0};
    int_list no_text = {0}, problems = {0};
    t.pages_in_file = extract_doc_page_count(doc);
    for (int p = 1; p <= t.pages_in_file && rc == PR_OK; p++) {
        if (!cli_page_selected(opts, p))
            continue;
        ex_page *page = NULL;
        rc = extract_page(doc, p, &xo, &page, err);
        if (rc != PR_OK)
            break;
        normalize_emit_page_lines(out, file, page);
        t.pages_read++;
        t.lines += page->n_lines;
        t.glyphs += page->n_glyphs;
        t.hrules += page->n_hrules;
        t.vrules += page->n_vrules;
        if (page->n_glyphs == 0)
            int_list_push(&no_text, p);
        if (page->problem)
            int_list_push(&problems, p);
        extract_page_free(&page);
    }
    if (rc == PR_OK && t.pages_read > 0 && t.glyphs == 0)
        rc = pr_fail(err, PR_ERR_NO_TEXT,
                     "no text layer on any page (a scan? pdfrows does no OCR)");
    if (rc == PR_OK) {
        t.pages_without_text = no_text.v;
        t.n_pages_without_text = no_text.n;
        t.pages_with_problems = problems.v;
        t.n_pages_with_problems = problems.n;
        t.poppler_problems = extract_doc_problems(doc);
        normalize_emit_lines_summary(out, file, extract_doc_sha256(doc), &t);
    }
    free(no_text.v);
    free(problems.v);
    extract_doc_free(&doc);
    return rc;
}

int cli_run_lines(const cli_options *opts, FILE *out)
{
    int status = PR_EXIT_OK;
    pr_strbuf buf = PR_STRBUF_INIT;
    for (int i = 0; i < opts->n_files; i++) {
        const char *file = opts->files[i];
        pr_error err = {0};
        pr_strbuf_reset(&buf);
        pr_rc rc = read_document(file, opts, &buf, &err);
        if (rc != PR_OK) {                                      /* (1) */
            pr_strbuf_reset(&buf);
            normalize_emit_error(&buf, file, &err);
            fprintf(stderr, "pdfrows: error: %s: %s\n", file, err.message);
            if (status == PR_EXIT_OK)                           /* (3) */
                status = pr_rc_exit(rc);
        }
        if (buf.len && fwrite(buf.data, 1, buf.len, out) != buf.len) {
            status = PR_EXIT_OUTPUT;
            break;
        }
    }
    pr_strbuf_free(&buf);
    return status;
}
