/*
 * test_page_tree.c — page_pass.cc NOTES (11): a document of more than one
 * window of pages is read window by window, and each page still gets what
 * it inherits from the page tree (its font resources, its media box, its
 * rotation, from two levels of /Pages nodes), in order, however the
 * pages are asked for. A tree with a loop is left to poppler (the pages
 * it can read are read, no crash, no hang).
 */
#include "extract.h"
#include "unit.h"

#include <glib.h>
#include <string.h>
#include <unistd.h>

enum { N_PAGES = 300, PER_NODE = 100 };

/* Objects: 1 catalog, 2 root /Pages (media box, resources, rotate 90 on
 * the root), 3..5 middle /Pages nodes, 6 font, then per page its page
 * object and its content. loop: the last middle node lists the root as
 * a kid. */
static GString *tree_pdf(int loop)
{
    GPtrArray *obj = g_ptr_array_new_with_free_func(g_free);
    int n_mid = N_PAGES / PER_NODE;
    g_ptr_array_add(obj, g_strdup("<< /Type /Catalog /Pages 2 0 R >>"));
    GString *kids = g_string_new(NULL);
    for (int m = 0; m < n_mid; m++)
        g_string_append_printf(kids, "%d 0 R ", 3 + m);
    g_ptr_array_add(obj, g_strdup_printf("<< /Type /Pages /Kids [%s] /Count %d "
                                         "/MediaBox [0 0 300 200] /Rotate 90 "
                                         "/Resources << /Font << /F1 6 0 R >> >> >>",
                                         kids->str, N_PAGES));
    g_string_free(kids, TRUE);
    for (int m = 0; m < n_mid; m++) {
        GString *k = g_string_new(NULL);
        for (int p = 0; p < PER_NODE; p++)
            g_string_append_printf(k, "%d 0 R ", 7 + 2 * (m * PER_NODE + p));
        if (loop && m == n_mid - 1)
            g_string_append(k, "2 0 R ");
        g_ptr_array_add(obj, g_strdup_printf("<< /Type /Pages /Parent 2 0 R /Kids [%s] "
                                             "/Count %d >>", k->str, PER_NODE));
        g_string_free(k, TRUE);
    }
    g_ptr_array_add(obj, g_strdup("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"));
    for (int p = 0; p < N_PAGES; p++) {
        char content[64];
        snprintf(content, sizeof content, "BT /F1 12 Tf 20 100 Td (Page%d) Tj ET", p + 1);
        g_ptr_array_add(obj, g_strdup_printf("<< /Type /Page /Parent %d 0 R /Contents %d 0 R >>",
                                             3 + p / PER_NODE, 8 + 2 * p));
        g_ptr_array_add(obj, g_strdup_printf("<< /Length %zu >>\nstream\n%s\nendstream",
                                             strlen(content), content));
    }
    GString *pdf = g_string_new("%PDF-1.4\n");
    GArray *off = g_array_new(FALSE, FALSE, sizeof(long));
    for (guint i = 0; i < obj->len; i++) {
        long at = (long)pdf->len;
        g_array_append_val(off, at);
        g_string_append_printf(pdf, "%u 0 obj\n%s\nendobj\n", i + 1, (char *)obj->pdata[i]);
    }
    long xref = (long)pdf->len;
    g_string_append_printf(pdf, "xref\n0 %u\n0000000000 65535 f \n", obj->len + 1);
    for (guint i = 0; i < off->len; i++)
        g_string_append_printf(pdf, "%010ld 00000 n \n", g_array_index(off, long, i));
    g_string_append_printf(pdf, "trailer\n<< /Size %u /Root 1 0 R >>\nstartxref\n%ld\n%%%%EOF\n",
                           obj->len + 1, xref);
    g_array_free(off, TRUE);
    g_ptr_array_free(obj, TRUE);
    return pdf;
}

static ex_doc *open_pdf(GString *pdf, char *path)
{
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    if (fd < 0)
        return NULL;
    CHECK(write(fd, pdf->str, pdf->len) == (ssize_t)pdf->len);
    close(fd);
    ex_doc *doc = NULL;
    pr_error err = {0};
    CHECK(extract_doc_open(path, NULL, &doc, &err) == PR_OK);
    return doc;
}

/* Page number's text, size and whether its /Rotate is a quarter turn, as
 * "Page12 300x200 q1"; "unreadable" when it cannot be read. */
static void read_page(ex_doc *doc, int number, char *out, size_t n)
{
    ex_page *page = NULL;
    pr_error err = {0};
    ex_options opts = {.find_rules = 1};
    if (extract_page(doc, number, &opts, &page, &err) != PR_OK) {
        snprintf(out, n, "unreadable");
        return;
    }
    snprintf(out, n, "%s %.0fx%.0f q%d", page->n_lines ? page->lines[0].text : "",
             page->width, page->height, page->quarter_turned);
    extract_page_free(&page);
}

static void windows_inherit(void)
{
    GString *pdf = tree_pdf(0);
    char path[] = "/tmp/pdfrows-tree-XXXXXX";
    ex_doc *doc = open_pdf(pdf, path);
    if (doc) {
        CHECK(extract_doc_page_count(doc) == N_PAGES);
        /* in order, then back and forth across windows */
        int order[] = {1, 2, 128, 129, 200, 256, 257, 300, 5, 299, 130, 1};
        int bad = 0;
        for (int p = 1; p <= N_PAGES; p++) {
            char got[64], want[64];
            read_page(doc, p, got, sizeof got);
            snprintf(want, sizeof want, "Page%d 300x200 q1", p);
            bad += strcmp(got, want) != 0;
            if (p == 1 || p == 129 || p == N_PAGES)
                CHECK_STR(got, want);
        }
        CHECK(bad == 0);
        for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
            char got[64], want[64];
            read_page(doc, order[i], got, sizeof got);
            snprintf(want, sizeof want, "Page%d 300x200 q1", order[i]);
            CHECK_STR(got, want);
        }
        CHECK(extract_doc_problems(doc) == 0);
    }
    extract_doc_free(&doc);
    unlink(path);
    g_string_free(pdf, TRUE);
}

static void loop_left_to_poppler(void)
{
    GString *pdf = tree_pdf(1);
    char path[] = "/tmp/pdfrows-loop-XXXXXX";
    ex_doc *doc = open_pdf(pdf, path);
    if (doc) {
        char got[64];
        read_page(doc, 1, got, sizeof got);
        CHECK_STR(got, "Page1 300x200 q1");
        read_page(doc, 250, got, sizeof got);
        CHECK_STR(got, "Page250 300x200 q1");
    }
    extract_doc_free(&doc);
    unlink(path);
    g_string_free(pdf, TRUE);
}

void unit_group_page_tree(void)
{
    unit_run("extract: a long document is read in windows; every page inherits its "
             "resources, media box and rotation", windows_inherit);
    unit_run("extract: a page tree with a loop is left to poppler", loop_left_to_poppler);
}
