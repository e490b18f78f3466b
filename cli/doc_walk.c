/*
 * doc_walk.c — the per-document loop every command shares.
 *
 * NOTES
 *   (1) One outcome per document: its records followed by a document
 *       record, or a single error record. A document's records are
 *       collected in memory and written when it is done, so a failure found
 *       late (no text on any page) replaces them instead of trailing them.
 *       Memory is bounded by one document.
 *   (2) Every error also gets one line on stderr, "pdfrows: error: FILE:
 *       message", for a person watching the run.
 *   (3) The exit status is that of the first document that failed.
 */
#include "doc_walk.h"
#include "emit.h"
#include "exit_codes.h"

#include <stdlib.h>

static void int_push(int **v, size_t *n, int x)
{
    *v = pr_xrealloc(*v, (*n + 1) * sizeof **v);
    (*v)[(*n)++] = x;
}

static pr_rc walk_one(const char *file, const cli_options *opts,
                      const walk_command *cmd, pr_strbuf *out, pr_error *err)
{
    ex_doc *doc = NULL;
    pr_rc rc = extract_doc_open(file, opts->password, &doc, err);
    if (rc != PR_OK)
        return rc;
    if (cmd->begin)
        cmd->begin(cmd->ctx, file);
    ex_options xo = {opts->find_rules};
    walk_totals t = {0};
    t.pages_in_file = extract_doc_page_count(doc);
    for (int p = 1; p <= t.pages_in_file && rc == PR_OK; p++) {
        if (!cli_page_selected(opts, p))
            continue;
        ex_page *page = NULL;
        rc = extract_page(doc, p, &xo, &page, err);
        if (rc != PR_OK)
            break;
        cmd->page(cmd->ctx, page, out);
        t.pages_read++;
        t.lines += page->n_lines;
        t.glyphs += page->n_glyphs;
        t.hrules += page->n_hrules;
        t.vrules += page->n_vrules;
        if (page->n_glyphs == 0)
            int_push(&t.no_text, &t.n_no_text, p);
        if (page->problem)
            int_push(&t.problems, &t.n_problems, p);
        extract_page_free(&page);
    }
    if (rc == PR_OK && t.pages_read > 0 && t.glyphs == 0)
        rc = pr_fail(err, PR_ERR_NO_TEXT,
                     "no text layer on any page (a scan? pdfrows does no OCR)");
    if (rc == PR_OK) {
        t.poppler_problems = extract_doc_problems(doc);
        t.sha256 = extract_doc_sha256(doc);
        cmd->end(cmd->ctx, file, &t, out);
    }
    free(t.no_text);
    free(t.problems);
    extract_doc_free(&doc);
    return rc;
}

int cli_walk_documents(const cli_options *opts, const walk_command *cmd, FILE *out)
{
    int status = PR_EXIT_OK;
    pr_strbuf buf = PR_STRBUF_INIT;
    for (int i = 0; i < opts->n_files; i++) {
        const char *file = opts->files[i];
        pr_error err = {0};
        pr_strbuf_reset(&buf);
        pr_rc rc = walk_one(file, opts, cmd, &buf, &err);
        if (rc != PR_OK) {                                      /* (1) */
            pr_strbuf_reset(&buf);
            normalize_emit_error(&buf, file, &err);
            fprintf(stderr, "pdfrows: error: %s: %s\n", file, err.message); /* (2) */
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
