/*
 * test_output_intents.c — page_pass.cc NOTES (6a): the page reader does
 * not see the catalog's /OutputIntents. The profile here is not an ICC
 * profile: poppler, asked to use it, logs a problem on every page it
 * starts (2 for this page); hidden, none. The text is read either way.
 * Also pdf_doc.c NOTES (1): the hash is of the file as it is (the
 * catalog's key is hidden from poppler, never changed in the file).
 */
#include "extract.h"
#include "unit.h"

#include <glib.h>
#include <string.h>
#include <unistd.h>

/* A one-page PDF whose catalog names a broken output profile. */
static GString *broken_profile_pdf(void)
{
    static const char content[] = "BT /F1 12 Tf 10 10 Td (Hello) Tj ET";
    char stream[128];
    snprintf(stream, sizeof stream, "<< /Length %zu >>\nstream\n%s\nendstream",
             strlen(content), content);
    const char *objects[] = {
        "<< /Type /Catalog /Pages 2 0 R /OutputIntents [<< /Type /OutputIntent "
        "/S /GTS_PDFA1 /DestOutputProfile 5 0 R >>] >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R "
        "/Resources << /Font << /F1 6 0 R >> >> >>",
        stream,
        "<< /N 3 /Length 20 >>\nstream\nnot an ICC profile!!\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    };
    enum { N = sizeof objects / sizeof *objects };
    GString *pdf = g_string_new("%PDF-1.4\n");
    long offsets[N];
    for (int i = 0; i < N; i++) {
        offsets[i] = (long)pdf->len;
        g_string_append_printf(pdf, "%d 0 obj\n%s\nendobj\n", i + 1, objects[i]);
    }
    long xref = (long)pdf->len;
    g_string_append_printf(pdf, "xref\n0 %d\n0000000000 65535 f \n", N + 1);
    for (int i = 0; i < N; i++)
        g_string_append_printf(pdf, "%010ld 00000 n \n", offsets[i]);
    g_string_append_printf(pdf, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%ld\n%%%%EOF\n",
                           N + 1, xref);
    return pdf;
}

static void profile_not_used(void)
{
    GString *pdf = broken_profile_pdf();
    char path[] = "/tmp/pdfrows-intents-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    if (fd < 0)
        return;
    CHECK(write(fd, pdf->str, pdf->len) == (ssize_t)pdf->len);
    close(fd);
    ex_doc *doc = NULL;
    pr_error err = {0};
    CHECK(extract_doc_open(path, NULL, &doc, &err) == PR_OK);
    ex_page *page = NULL;
    ex_options opts = {.find_rules = 1};
    if (doc)
        CHECK(extract_page(doc, 1, &opts, &page, &err) == PR_OK);
    if (page) {
        CHECK(page->n_lines == 1);
        CHECK_STR(page->n_lines ? page->lines[0].text : "", "Hello");
    }
    if (doc) {
        CHECK(extract_doc_problems(doc) == 0);
        char *sum = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)pdf->str,
                                                pdf->len);
        CHECK_STR(extract_doc_sha256(doc), sum);
        g_free(sum);
    }
    extract_page_free(&page);
    extract_doc_free(&doc);
    unlink(path);
    g_string_free(pdf, TRUE);
}

void unit_group_output_intents(void)
{
    unit_run("extract: the page reader does not use the catalog's /OutputIntents; "
             "the hash is of the file as it is", profile_not_used);
}
