/*
 * test_hidden.c — characters nobody can see stay out of the text (issue 12
 * item 1, extract/page_pass.cc NOTES (9)), are counted, and a scan's
 * invisible OCR layer over an image stays in.
 */
#include "unit.h"
#include "page_build.h"
#include "extract_int.h"

#include <stdlib.h>
#include <string.h>

/* The text of page 1 of a PDF drawing content (ASCII, whitespace left
 * out) and what its reading counted. */
static void read_page(const char *content, char *text, size_t cap, ex_pass_counts *counts)
{
    GBytes *bytes = pb_pdf(content, 400);
    gsize len = 0;
    const char *data = g_bytes_get_data(bytes, &len);
    ex_pass *pass = extract_pass_open(NULL, data, len, NULL);
    ex_glyph_sink sink = {0};
    *counts = (ex_pass_counts){-1, -1, -1, -1};
    text[0] = '\0';
    CHECK(pass != NULL);
    if (pass) {
        CHECK(extract_pass_page(pass, 1, extract_glyphs_on_char, &sink, NULL, NULL,
                                counts) == 0);
        size_t n = 0;
        for (size_t i = 0; i < sink.n && n + 1 < cap; i++)
            text[n++] = sink.items[i].cp < 128 ? (char)sink.items[i].cp : '?';
        text[n] = '\0';
    }
    free(sink.items);
    extract_pass_free(&pass);
    g_bytes_unref(bytes);
}

static void tampered_digits_are_left_out(void)
{
    char text[64];
    ex_pass_counts c;
    /* a white 9 on nothing after 30.00 */
    read_page("BT /F1 10 Tf 100 100 Td (30.00) Tj 1 1 1 rg (9) Tj ET", text, sizeof text, &c);
    CHECK_STR(text, "30.00");
    CHECK(c.hidden == 1 && c.ocr == 0);
    /* a 0.1 pt 9 */
    read_page("BT /F1 10 Tf 100 100 Td (30.00) Tj /F1 0.1 Tf (9) Tj ET", text, sizeof text, &c);
    CHECK_STR(text, "30.00");
    CHECK(c.hidden == 1);
    /* a 9 wholly outside the clip */
    read_page("q 50 50 100 100 re W n BT /F1 10 Tf 60 60 Td (30.00) Tj ET\n"
              "BT /F1 10 Tf 300 300 Td (9) Tj ET Q", text, sizeof text, &c);
    CHECK_STR(text, "30.00");
    CHECK(c.hidden == 1);
    /* invisible (render mode 3) over nothing */
    read_page("BT /F1 10 Tf 100 100 Td (30.00) Tj 3 Tr (9) Tj ET", text, sizeof text, &c);
    CHECK_STR(text, "30.00");
    CHECK(c.hidden == 1);
}

static void what_shows_stays(void)
{
    char text[64];
    ex_pass_counts c;
    /* white on a dark cell: a header as Excel prints it */
    read_page("0 0 0 rg 50 90 200 30 re f BT 1 1 1 rg /F1 10 Tf 100 100 Td (head) Tj ET",
              text, sizeof text, &c);
    CHECK_STR(text, "head");
    CHECK(c.hidden == 0);
    /* cut by a cell's clip, its lower part showing */
    read_page("q 50 50 100 53 re W n BT /F1 10 Tf 60 100 Td (cut) Tj ET Q", text, sizeof text, &c);
    CHECK_STR(text, "cut");
    CHECK(c.hidden == 0);
    /* a scan's OCR layer: invisible text over an image */
    read_page("q 300 0 0 300 50 50 cm /Im1 Do Q BT 3 Tr /F1 10 Tf 100 100 Td (scan) Tj ET",
              text, sizeof text, &c);
    CHECK_STR(text, "scan");
    CHECK(c.hidden == 0 && c.ocr == 4);
}

void unit_group_hidden(void)
{
    unit_run("hidden: white, tiny, clipped-away and invisible digits are left out",
             tampered_digits_are_left_out);
    unit_run("hidden: white on dark, text cut by a clip, an OCR layer stay",
             what_shows_stays);
}
