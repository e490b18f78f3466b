/*
 * test_output_intents.c — pdf_doc.c NOTES (5): only the catalog's
 * /OutputIntents is hidden from poppler, with bytes of the same length.
 */
#include "extract_int.h"
#include "unit.h"

#include <string.h>

static char *hidden(const char *pdf, size_t *n)
{
    GBytes *in = g_bytes_new(pdf, strlen(pdf));
    GBytes *out = extract_without_output_intents(in);
    gsize len = 0;
    const char *data = g_bytes_get_data(out, &len);
    char *s = g_strndup(data, len);
    *n = len;
    g_bytes_unref(out);
    g_bytes_unref(in);
    return s;
}

static void catalog_only(void)
{
    const char *pdf =
        "%PDF-1.7\n"
        "1 0 obj\n<</Type /Catalog/Pages 2 0 R/OutputIntents[5 0 R]>>\nendobj\n"
        "5 0 obj\n<</Type/OutputIntent/S/GTS_PDFA1/Note(/OutputIntents)>>\nendobj\n"
        "6 0 obj\n<</Type/Foo/OutputIntents[5 0 R]>>\nendobj\n"
        "trailer\n<</Root 1 0 R>>\n%%EOF\n";
    size_t n = 0;
    char *s = hidden(pdf, &n);
    CHECK(n == strlen(pdf));                            /* no offset moves */
    CHECK(strstr(s, "/Pages 2 0 R/PdfrowsIgnore[5 0 R]") != NULL);
    CHECK(strstr(s, "Note(/OutputIntents)") != NULL);   /* not the catalog */
    CHECK(strstr(s, "/Foo/OutputIntents[5 0 R]") != NULL);
    g_free(s);
}

static void nothing_to_hide(void)
{
    const char *pdf = "%PDF-1.4\n1 0 obj\n<</Type/Catalog/Pages 2 0 R>>\nendobj\n%%EOF\n";
    size_t n = 0;
    char *s = hidden(pdf, &n);
    CHECK_STR(s, pdf);
    g_free(s);
}

void unit_group_output_intents(void)
{
    unit_run("extract: the catalog's /OutputIntents is hidden, nothing else, no byte moves",
             catalog_only);
    unit_run("extract: a PDF without /OutputIntents is read as it is", nothing_to_hide);
}
