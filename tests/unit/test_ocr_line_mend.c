/*
 * test_ocr_line_mend.c — extract/ocr_line_mend.c on lines as tesseract
 * reads them (data-driven: each case a line in, the line out): the pieces
 * of a number keep their digits and separators (;:· mended, a doubled
 * point, points that are thousands separators), junk in the gap between
 * code columns and a rule's | are dropped, angle brackets become
 * full-width parentheses and a book title keeps its 《》.
 *
 * Ownership: everything a test allocates it frees before it returns.
 */
#include "extract_int.h"
#include "unit.h"

#include <glib.h>
#include <string.h>

/* The line `read` as OCR'd characters, 6 points a character, a break
 * before each character after a space; mended; its text back in out
 * (dropped characters left out, a space where a break is). */
static void mend(const char *read, char *out, size_t outsz)
{
    ex_pass_char c[128];
    size_t n = 0;
    int brk = 0;
    for (const char *p = read; *p && n < 128; p = g_utf8_next_char(p)) {
        gunichar u = g_utf8_get_char(p);
        if (u == ' ') {
            brk = 1;
            continue;
        }
        memset(&c[n], 0, sizeof c[n]);
        c[n].cp = u;
        c[n].x0 = 6.0 * (double)n;
        c[n].x1 = c[n].x0 + 5.0;
        c[n].y0 = 100;
        c[n].y1 = 110;
        c[n].size = 10;
        c[n].after_break = brk;
        c[n].ocr = 1;
        brk = 0;
        n++;
    }
    extract_ocr_mend_numbers(c, n);
    extract_ocr_mend_brackets(c, n);
    size_t k = 0;
    for (size_t i = 0; i < n && k + 8 < outsz; i++) {
        if (!c[i].cp)
            continue;
        if (c[i].after_break && k)
            out[k++] = ' ';
        k += (size_t)g_unichar_to_utf8(c[i].cp, out + k);
    }
    out[k] = 0;
}

static void mends_lines(void)
{
    static const char *const cases[][2] = {
        {"13,649;07", "13,649.07"},             /* ; before two digits: a point */
        {"1;234.50", "1,234.50"},               /* ; before three digits: a comma */
        {"9.315.79", "9,315.79"},               /* all points but the last: commas */
        {"12..50", "12.50"},                    /* a doubled point */
        {"|208 05", "208 05"},                  /* a rule's stub */
        {"。123.45", "123.45"},                 /* a CJK stop stuck to a number */
        {"800.", "800"},                        /* a point that ends a number */
        {"预算表〈功能科目)", "预算表（功能科目）"},
        {"预算表《〈经济科目)", "预算表（经济科目）"},
        {"依据《预算法》", "依据《预算法》"},   /* a book title */
        {"合计 1,234.00", "合计 1,234.00"},     /* nothing to mend */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char got[256];
        mend(cases[i][0], got, sizeof got);
        CHECK_STR(got, cases[i][1]);
    }
}

void unit_group_ocr_line_mend(void)
{
    unit_run("ocr line mend: number pieces, column-gap junk and brackets mended, "
             "text left alone", mends_lines);
}
