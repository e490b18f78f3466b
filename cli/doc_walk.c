/*
 * doc_walk.c — the per-document loop every command shares.
 *
 * NOTES
 *   (1) One outcome per document: its records followed by a document
 *       record, or a single error record. A document's records are
 *       collected in memory and written when it is done, so a failure found
 *       late (no text on any page) replaces them instead of trailing them.
 *   (5) A page poppler cannot read (a page object that is not a page,
 *       a broken page tree) does not cost the others: it is listed with
 *       its reason in the document record's pages_unreadable, the
 *       document is "read in part" (run.c: a warning line, exit status
 *       9). Only when no page could be read is the document an error.
 *   (6) A document with no text says why, from what its reading saw:
 *       all characters hidden (off the page included: the page is the
 *       first clip), only images (a scan), problems poppler reported, or
 *       nothing at all.
 *   (7) --max-pages, for untrusted input: a document of more pages is
 *       not read (error "too_large"), before any page is.
 *   (4) They are spooled (spool.h): past a megabyte they go to a
 *       temporary file, so memory does not grow with the document.
 *   (3) Records name a file by its path, which must be UTF-8 for JSON: a
 *       byte that is not (a GBK name from an unpacked zip) is written as
 *       the four characters \xHH, so every byte written is UTF-8, and so
 *       is every backslash (\x5C), so that \xHH always means one escaped
 *       byte: the name is recoverable exactly, and a record can say it
 *       was escaped ("file_escaped", json_out.h). The file is opened by
 *       its real path.
 *   (2) The run driver (run.c) also gives every error one line on stderr,
 *       "pdfrows: error: FILE: message", for a person watching the run,
 *       and makes the exit status that of the first document that failed.
 */
#include "doc_walk.h"
#include "emit.h"

#include <glib.h>
#include <stdlib.h>

static void int_push(int **v, size_t *n, int x)
{
    *v = pr_xrealloc(*v, (*n + 1) * sizeof **v);
    (*v)[(*n)++] = x;
}

static void count_push(ex_page_count **v, size_t *n, int page, size_t count)
{
    *v = pr_xrealloc(*v, (*n + 1) * sizeof **v);
    (*v)[(*n)++] = (ex_page_count){page, count};
}

/* (6): why a document gave no text, as far as the reading can tell. */
static pr_rc no_text(const walk_totals *t, int problems, pr_error *err)
{
    size_t hidden = 0;
    for (size_t i = 0; i < t->notes.n_hidden; i++)
        hidden += t->notes.hidden[i].count;
    if (hidden)
        return pr_fail(err, PR_ERR_NO_TEXT, "no visible text: all %zu characters are drawn so "
                       "that nobody can see them (hidden_glyphs)", hidden);
    if (t->images)
        return pr_fail(err, PR_ERR_NO_TEXT, "no text layer on any page, only images "
                       "(a scan, not read by OCR: --no-ocr, or a pdfrows built without "
                       "tesseract)");
    if (problems)
        return pr_fail(err, PR_ERR_NO_TEXT, "no text could be read: poppler reported %d "
                       "problem%s in the document's content (damaged, not a scan)",
                       problems, problems == 1 ? "" : "s");
    return pr_fail(err, PR_ERR_NO_TEXT, "no text and no images on any page "
                   "(blank pages, or drawings only)");
}

static volatile unsigned *page_counter;        /* cli_walk_count_pages */

void cli_walk_count_pages(volatile unsigned *counter)
{
    page_counter = counter;
}

static void settle_spool(void *spool)
{
    cli_spool_settle(spool);
}

/* file: the path to open; name: the file as records name it (3) */
static pr_rc walk_one(const char *file, const char *name, const cli_options *opts,
                      const walk_command *cmd, cli_spool *out, int *pages_read,
                      pr_error *err)
{
    ex_doc *doc = NULL;
    pr_rc rc = extract_doc_open(file, opts->password, &doc, err);
    if (rc != PR_OK)
        return rc;
    if (cmd->begin)
        cmd->begin(cmd->ctx, name, extract_doc_sha256(doc));
    ex_options xo = {opts->find_rules, opts->ocr};
    walk_totals t = {0};
    t.pages_in_file = extract_doc_page_count(doc);
    if (opts->max_pages && t.pages_in_file > opts->max_pages) {       /* (7) */
        extract_doc_free(&doc);
        return pr_fail(err, PR_ERR_TOO_LARGE, "%d pages, more than --max-pages %d",
                       t.pages_in_file, opts->max_pages);
    }
    for (int p = 1; p <= t.pages_in_file && rc == PR_OK; p++) {
        if (!cli_page_selected(opts, p))
            continue;
        ex_page *page = NULL;
        rc = extract_page(doc, p, &xo, &page, err);
        if (rc == PR_ERR_DAMAGED) {                             /* (5) */
            ex_text_notes *nt = &t.notes;
            nt->unreadable = pr_xrealloc(nt->unreadable,
                                         (nt->n_unreadable + 1) * sizeof *nt->unreadable);
            nt->unreadable[nt->n_unreadable++] = (ex_page_failure){p, g_strdup(err->message)};
            rc = PR_OK;
            continue;
        }
        if (rc != PR_OK)
            break;
        cmd->page(cmd->ctx, page, &out->mem);
        cli_spool_settle(out);                                  /* (4) */
        if (cmd->doc_page)
            cmd->doc_page(cmd->ctx, doc, page);
        t.pages_read++;
        if (page_counter)
            (*page_counter)++;
        t.lines += page->n_lines;
        t.glyphs += page->n_glyphs;
        t.images += page->n_images;
        t.hrules += page->n_hrules;
        t.vrules += page->n_vrules;
        if (page->n_glyphs == 0)
            int_push(&t.no_text, &t.n_no_text, p);
        if (page->n_hidden)
            count_push(&t.notes.hidden, &t.notes.n_hidden, p, page->n_hidden);
        if (page->n_ocr)
            int_push(&t.notes.ocr_pages, &t.notes.n_ocr, p);
        if (page->n_untrusted)
            count_push(&t.notes.untrusted, &t.notes.n_untrusted, p, page->n_untrusted);
        if (page->ocr_dpi) {
            ex_text_notes *nt = &t.notes;
            nt->ocr_read = pr_xrealloc(nt->ocr_read, (nt->n_ocr_read + 1) * sizeof *nt->ocr_read);
            nt->ocr_read[nt->n_ocr_read++] = (ex_ocr_page){p, page->ocr_dpi,
                                                           page->ocr_confidence,
                                                           page->ocr_picture_dpi};
        }
        extract_page_free(&page);
    }
    if (rc == PR_OK && t.pages_read == 0 && t.notes.n_unreadable)  /* (5) */
        rc = pr_fail(err, PR_ERR_DAMAGED, "%s", t.notes.unreadable[0].message);
    if (cmd->stats)
        cmd->stats->pages_unreadable = rc == PR_OK ? t.notes.n_unreadable : 0;
    if (rc == PR_OK && t.pages_read > 0 && t.glyphs == 0)
        rc = no_text(&t, extract_doc_problems(doc), err);              /* (6) */
    *pages_read = t.pages_read;
    if (rc == PR_OK) {
        t.poppler_problems = extract_doc_problems(doc);
        t.sha256 = extract_doc_sha256(doc);
        t.settle = settle_spool;
        t.settle_data = out;
        cmd->end(cmd->ctx, name, &t, &out->mem);
    }
    free(t.no_text);
    free(t.notes.hidden);
    free(t.notes.ocr_pages);
    free(t.notes.untrusted);
    free(t.notes.ocr_read);
    for (size_t i = 0; i < t.notes.n_unreadable; i++)
        g_free(t.notes.unreadable[i].message);
    free(t.notes.unreadable);
    extract_doc_free(&doc);
    return rc;
}

pr_rc cli_walk_one(const char *file, const cli_options *opts, const walk_command *cmd,
                   cli_spool *out, int *pages_read, pr_error *err)
{
    size_t start = cli_spool_len(out);
    *pages_read = 0;
    char *name = cli_file_name(file);                           /* (3) */
    pr_rc rc = walk_one(file, name, opts, cmd, out, pages_read, err);
    if (rc != PR_OK) {                                          /* (1) */
        cli_spool_truncate(out, start);
        normalize_emit_error(&out->mem, name, err);
    }
    g_free(name);
    return rc;
}

char *cli_file_name(const char *path)
{
    GString *s = g_string_new(NULL);
    for (const char *p = path; *p;) {
        const char *end;
        g_utf8_validate(p, -1, &end);
        for (; p < end; p++) {
            if (*p == '\\')
                g_string_append(s, "\\x5C");          /* (3) */
            else
                g_string_append_c(s, *p);
        }
        if (*p)
            g_string_append_printf(s, "\\x%02X", (unsigned char)*p++);   /* one bad byte */
    }
    return g_string_free(s, FALSE);
}
