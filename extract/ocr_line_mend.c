/*
 * ocr_line_mend.c — known OCR confusions mended in one text line of a
 * scanned page (page_ocr.c), on its characters as read, before they go on
 * to stage one's glyph sink: pure functions of the line, no tesseract.
 *
 * Ownership: the characters are the caller's and are changed in place; a
 * dropped character gets code point 0 (the caller skips it).
 *
 * NOTES
 *   (7) Known confusions in numbers: in a run of digits and separators (the pieces
 *       of one number, which tesseract often reads as several words:
 *       13, 649. 07), ';', ':' and '·' are commas before three digits and
 *       points otherwise, a doubled point is one, and of several points
 *       all but the last are thousands separators (9.315.79 is 9,315.79:
 *       a comma misread); a '。' stuck to the front of a number is
 *       dropped, and so is every '|' (a rule's stub read as a character:
 *       no budget table prints one), a quote or CJK comma or stop between
 *       two digits (the gap between two columns of codes, 208 05 06, read
 *       as 208”0506) or between a number and a gap (210， ”13), a point or
 *       comma that ends a number (no digit follows it), a CJK comma or stop that starts a piece
 *       of text (none does), and a quote mark before CJK text that no
 *       quote mark closes (an indented name's blank, read as ”). page_ocr.c counts
 *       what is mended per page (info->mended).
 *   (11) Known confusions in brackets: tesseract reads a full-width （ as
 *       〈 or 《, or both (预算表《〈经济科目)), and ） as ) or 〉: an opening
 *       run holding 〈 or 《 becomes one （ and its closing mark ）, unless
 *       it is a 《 that a 》 closes (a book title: 《预算法》). No
 *       disclosure prints an angle bracket 〈〉, and a title read with one
 *       matches no title rule.
 */
#include "extract_int.h"

int extract_ocr_is_sep(uint32_t cp)
{
    return cp == '.' || cp == ',' || cp == ';' || cp == ':' || cp == 0xB7;
}

int extract_ocr_is_digit(uint32_t cp)
{
    return cp >= '0' && cp <= '9';
}

/* (7): what tesseract makes of the gap between two columns of digits
 * (类 款 项 codes printed apart): quotes, CJK commas and stops. */
static int is_gap_junk(uint32_t cp)
{
    return cp == 0x201C || cp == 0x201D || cp == 0x2018 || cp == 0x2019 || cp == '"' ||
           cp == '\'' || cp == '`' || cp == 0xFF0C || cp == 0x3002 || cp == 0x3001 ||
           cp == 0xB4;
}

/* (7): mends the number runs of one line's characters c[0..n); a dropped
 * character gets code point 0. Returns how many were changed. */
size_t extract_ocr_mend_numbers(ex_pass_char *c, size_t n)
{
    size_t mended = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t cp = c[i].cp;
        int starts = i == 0 || c[i].after_break, ends = i + 1 == n || c[i + 1].after_break;
        int digit_before = i > 0 && !starts && extract_ocr_is_digit(c[i - 1].cp);
        int digit_after = !ends && extract_ocr_is_digit(c[i + 1].cp);
        int cjk_stop = cp == 0x3002 || cp == 0xFF0C;
        int quote = cp == 0x201C || cp == 0x201D || cp == '"';
        int closed = 0;                 /* a quote that opens a quotation */
        for (size_t k = i + 1; quote && k < n && k < i + 12 && !closed; k++)
            closed = c[k].cp == 0x201C || c[k].cp == 0x201D || c[k].cp == '"';
        if (cp == '|' || (is_gap_junk(cp) && (digit_before || digit_after) &&
                          (digit_before ? digit_after || ends : starts)) ||
            (cjk_stop && starts) ||
            (quote && starts && !closed && !ends && extract_is_cjk(c[i + 1].cp)) ||
            ((cp == '.' || cp == ',') && digit_before && (i + 1 == n ||
                                                          !extract_ocr_is_digit(c[i + 1].cp)))) {
            c[i].cp = 0;
            mended++;
        }
    }
    for (size_t i = 0; i < n;) {
        if (!c[i].cp) {
            i++;
            continue;
        }
        if (!extract_ocr_is_digit(c[i].cp) && !extract_ocr_is_sep(c[i].cp)) {
            i++;
            continue;
        }
        size_t end = i + 1;                 /* one run: touching pieces */
        while (end < n && (extract_ocr_is_digit(c[end].cp) || extract_ocr_is_sep(c[end].cp)) &&
               c[end].x0 - c[end - 1].x1 < 0.6 * c[end].size)
            end++;
        size_t digits = 0, points = 0;
        for (size_t k = i; k < end; k++)
            digits += extract_ocr_is_digit(c[k].cp);
        if (digits >= 2) {
            if (i > 0 && c[i - 1].cp == 0x3002 &&
                c[i].x0 - c[i - 1].x1 < 0.6 * c[i].size) {
                c[i - 1].cp = 0;
                mended++;
            }
            for (size_t k = i; k < end; k++) {
                uint32_t cp = c[k].cp;
                if (cp == ';' || cp == ':' || cp == 0xB7) {
                    size_t d = 0;
                    while (k + 1 + d < end && extract_ocr_is_digit(c[k + 1 + d].cp))
                        d++;
                    c[k].cp = d == 3 ? ',' : '.';
                    mended++;
                }
                if (c[k].cp == '.' && k + 1 < end && c[k + 1].cp == '.') {
                    c[k + 1].cp = 0;
                    mended++;
                }
            }
            for (size_t k = i; k < end; k++)
                points += c[k].cp == '.';
            for (size_t k = i; k < end && points > 1; k++)
                if (c[k].cp == '.') {
                    c[k].cp = ',';
                    points--;
                    mended++;
                }
        }
        i = end;
    }
    return mended;
}

static int opens(uint32_t cp)
{
    return cp == '(' || cp == 0xFF08 || cp == 0x3008 || cp == 0x300A;
}

static int closes(uint32_t cp)
{
    return cp == ')' || cp == 0xFF09 || cp == 0x3009 || cp == 0x300B;
}

/* (11): mends the brackets of one line's characters c[0..n); a dropped
 * character gets code point 0. Returns how many were changed. */
size_t extract_ocr_mend_brackets(ex_pass_char *c, size_t n)
{
    size_t mended = 0;
    for (size_t i = 0; i < n; i++) {
        if (!opens(c[i].cp))
            continue;
        size_t end = i, angles = 0, books = 0;
        for (; end < n && opens(c[end].cp); end++) {
            angles += c[end].cp == 0x3008;
            books += c[end].cp == 0x300A;
        }
        size_t close = end;
        while (close < n && !closes(c[close].cp) && !opens(c[close].cp))
            close++;
        int has_close = close < n && closes(c[close].cp);
        int book_title = books == end - i && has_close && c[close].cp == 0x300B;
        if ((angles || books) && !book_title) {
            c[i].cp = 0xFF08;
            for (size_t k = i + 1; k < end; k++)
                c[k].cp = 0;
            if (has_close)
                c[close].cp = 0xFF09;
            mended += end - i;
        }
        i = end - 1;
    }
    return mended;
}

