/*
 * page_ocr.c — stage one for a page with no text layer (a scan): the page
 * as a grey picture, straightened, its ruling lines found in the pixels
 * and its characters read by tesseract, handed on in the very form a
 * text page gives them (ex_pass_char to the glyph sink, ex_rule to the
 * rule vectors), so that stage two does not know the difference.
 *
 * Ownership: an ex_ocr engine is owned by its document (pdf_doc.c) and
 * freed with it (extract_ocr_free(NULL) is a no-op); pictures live for
 * the call only.
 *
 * NOTES
 *   (1) The picture: poppler-glib renders the page at OCR_DPI (300: a scan
 *       is rarely finer, and tesseract reads 10-point CJK best there),
 *       white behind it, in grey (the luma of RGB), never upscaled past
 *       what the page holds, the longer side at most OCR_MAX_PX. A coarser
 *       scan is drawn at OCR_DPI too, not at its own resolution: the 100
 *       dpi fixture bad/scan.pdf read at its own pixels gave 9315.91 for
 *       9,315.79 and 由入怠计 for 收入总计, drawn at 300 dpi it reads right
 *       (tesseract wants 10-point CJK some 40 pixels tall). The
 *       resolution of the picture that covers most of the page is kept
 *       (picture_dpi), and one below EX_OCR_LOW_DPI is said in the
 *       document record (ocr_pages: low_resolution).
 *   (2) Straightened: leptonica finds the skew (a few tenths of a degree
 *       from a scanner's feed) and turns the picture about its centre.
 *       Everything is then read in the straightened picture and reported
 *       in points (pixels x 72 / dpi): text and rules agree with each
 *       other, which is all stage two needs; a skewed page, unstraightened,
 *       lost a third of its amounts in the measurements behind issue 13.
 *   (3) Rules: the picture made black and white, then opened with a
 *       horizontal (vertical) bar RULE_INCHES long: what stays is a dark
 *       run at least that long, which in a table is a rule (a character's
 *       strokes are shorter: 10.5-point 一 is 44 pixels at 300 dpi); each
 *       connected piece is one rule, its centre line, extent and
 *       thickness in points. A grid's vertical rules run from the head of
 *       the table to its foot, far longer than the bar.
 *   (4) Text: tesseract (chi_sim, which reads digits and Latin too), page
 *       segmentation mode 4 (one column of text of varying sizes): the
 *       mode and language that read most amounts right in the
 *       measurements behind issue 13. Each symbol is one character with
 *       its box; a symbol that is several characters shares its box out.
 *       The font size of a character is its text line's: the median height
 *       of the line's CJK characters (or of its digits, a digit being
 *       about DIGIT_HEIGHT em tall), so a digit and a CJK character of one
 *       line are one text, not two sizes (a text line's own box is no
 *       measure: tesseract's lines take in a wrapped cell's second line). A
 *       word's first character comes after a break, as a space would in
 *       a text layer, and so does one that stands GAP_EM or more from
 *       the character before it (tesseract reads 208 05 05 in three code
 *       columns as one word), or between the digits and separators of a
 *       number NUMBER_GAP_EM (tesseract spaces a bold number's digits
 *       wide: 1 3 , 297 . 1 1); a full-width mark (、，。) is measured by its
 *       em, not its ink, and never starts a piece (一、一般公共预算 is one).
 *       A mark (, . 、 。) stands as high as the character before it (or
 *       after it): its ink, low on the line, would otherwise make a text
 *       line of its own out of a number's separators. Characters keep
 *       tesseract's order in the line: one whose box starts before the
 *       one read before it is moved to start just after it (the box of
 *       the 3 of 9,315.79 takes in the comma: sorted by their boxes they
 *       read 93,15.79).
 *   (5) Confidence: tesseract's per symbol (0-100); the page's mean is
 *       kept for the document record, each character's on its glyph.
 *   (7) Known confusions in numbers and (11) in brackets are mended per
 *       text line before the characters go on: ocr_line_mend.c.
 *   (6) The engine (the chi_sim model, tens of MB) is loaded once per
 *       document, on its first scanned page.
 *   (8) A piece of a line (characters less than PIECE_EM apart) that is
 *       mostly digits but
 *       holds a character no number has (2人42, 本5: tesseract's Chinese
 *       model reads a short run of digits in a narrow code column as
 *       CJK) is read again alone: its box, digits and separators only,
 *       as one line. When that gives a number it replaces the piece
 *       (counted in info->reread); otherwise the piece stays as read.
 *  (10) Cells read again: tesseract reads a narrow cell's wrapped name
 *       better alone than as part of a page (issue 13's measurements: per
 *       cell, page segmentation 6). Every cell of a ruled grid (found from
 *       the rules in the pixels) whose page reading holds text, not only a
 *       number, is read again alone; its characters replace the page's in
 *       that cell when tesseract is surer of them (their mean confidence
 *       is higher). A number stands as the page read it (mended, (7),
 *       (8)) unless it is in doubt: a character read less than SURE_DIGIT
 *       sure, or no well-formed amount (13972 for 13,377.11 beside a
 *       rule); such a cell is read again as one line of digits and
 *       separators, and kept on the same terms.
 *       Smaller boxes are read first, and a box that overlaps one read
 *       already is not read (a rule that stops short, as under a spanning
 *       header, also draws a box round two cells: read again, its text
 *       came out twice, 小小计计).
 *   (9) Sideways pages: tesseract reads little or nothing of text that
 *       runs up or down the page, or garbage (拖属可下长奶, one character a
 *       line). When the upright reading gives fewer than SIDEWAYS_CHARS
 *       characters, or fewer than SIDEWAYS_SURE per cent of them read
 *       SURE_DIGIT sure, the picture is read turned a quarter either way,
 *       and a reading with more than twice as many sure characters (and
 *       10 more) wins; its rules are found in the same turned
 *       picture and info->turn says the turn (clockwise, as
 *       ex_page.rotation: the page is then reported upright, its width
 *       and height swapped).
 *   (12) The paper made white: the straightened picture is smoothed over
 *       3 x 3 pixels and every pixel within PAPER_LEVELS grey levels of
 *       the paper (the commonest light level) set to white; strokes keep
 *       their grey. A copier's speckle on the paper made tesseract read a
 *       clean 13, 377. 11 as 28989 or 13; 30%; whitened, it reads every
 *       such cell right (measured on the scanned copies, issue 13), where
 *       binarising the whole picture lost thin strokes.
 */
#include "extract_int.h"

#include <cairo.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ocr_lib.h"

#define OCR_DPI 300.0
#define OCR_MAX_PX 7000
#define RULE_INCHES 0.35
#define OCR_LANG "chi_sim"
#define GAP_EM 0.3              /* (4) a gap this many em wide is a break */
#define NUMBER_GAP_EM 0.8       /* (4) ... between the digits of a number */
#define DIGIT_HEIGHT 0.72       /* (4) a digit's height in em */
#define PIECE_EM 0.6            /* (8) pieces are apart by this many em */
#define SIDEWAYS_CHARS 40       /* (9) fewer characters read: try turned */
#define SIDEWAYS_SURE 75        /* (9) or fewer per cent of them sure */
#define MAX_CELLS 600           /* (10) cells read again on one page, at most */
#define SURE_DIGIT 90           /* (10) a number's characters read this sure stand */
#define PAPER_LEVELS 40         /* (12) grey levels below the paper's still paper */
#define CELL_BORDER 24          /* (10) white pixels framing a cell read alone */
#define CELL_INSET 4            /* (10) pixels kept off a cell's rule lines (1.2 pt is 5 px) */

#ifdef PDFROWS_OCR

struct ex_ocr {
    TessBaseAPI *api;
    int failed;
};

static const ocr_lib *T;        /* ocr_lib.h: set before any other use */

const char *extract_ocr_version(void)
{
    static char v[320];
    if (!*v) {
        char why[256];
        if ((T = extract_ocr_lib(why, sizeof why)) != NULL)
            snprintf(v, sizeof v, "tesseract %s (%s)", T->TessVersion(), OCR_LANG);
        else
            snprintf(v, sizeof v, "not available (%s)", why);
    }
    return v;
}

void extract_ocr_free(ex_ocr **ocr)
{
    if (!ocr || !*ocr)
        return;
    if ((*ocr)->api) {
        T->TessBaseAPIEnd((*ocr)->api);
        T->TessBaseAPIDelete((*ocr)->api);
    }
    free(*ocr);
    *ocr = NULL;
}

/* (6) */
static TessBaseAPI *engine(ex_ocr **ocr)
{
    if (!*ocr)
        *ocr = pr_xcalloc(1, sizeof **ocr);
    ex_ocr *o = *ocr;
    if (!o->api && !o->failed) {
        T->setMsgSeverity(L_SEVERITY_NONE);            /* stderr is pdfrows' */
        o->api = T->TessBaseAPICreate();
        if (T->TessBaseAPIInit3(o->api, NULL, OCR_LANG) != 0) {
            T->TessBaseAPIDelete(o->api);
            o->api = NULL;
            o->failed = 1;
        } else {
            T->TessBaseAPISetVariable(o->api, "debug_file", "/dev/null");
        }
    }
    return o->api;
}

/* (1): the page in grey, w x h points at dpi; NULL if it cannot be drawn. */
/* (1): the resolution of the picture that covers most of the page, 0 if
 * none covers half of it (a page drawn from several, or from vectors). */
static double picture_dpi(PopplerPage *pp, double w, double h)
{
    GList *maps = poppler_page_get_image_mapping(pp);
    double dpi = 0, covered = 0;
    for (GList *l = maps; l; l = l->next) {
        const PopplerImageMapping *m = l->data;
        double aw = fabs(m->area.x2 - m->area.x1), ah = fabs(m->area.y2 - m->area.y1);
        if (aw * ah < 0.5 * w * h || aw * ah <= covered || aw < 1 || ah < 1)
            continue;
        cairo_surface_t *img = poppler_page_get_image(pp, m->image_id);
        if (!img)
            continue;
        double px = cairo_image_surface_get_width(img), py = cairo_image_surface_get_height(img);
        cairo_surface_destroy(img);
        if (px < 1 || py < 1)
            continue;
        if ((aw > ah) != (px > py)) {           /* drawn turned a quarter */
            double t = px;
            px = py;
            py = t;
        }
        dpi = fmin(px / (aw / 72.0), py / (ah / 72.0));
        covered = aw * ah;
    }
    poppler_page_free_image_mapping(maps);
    return dpi;
}

static PIX *render(PopplerPage *pp, double w, double h, double *dpi)
{
    double scale = OCR_DPI / 72.0;
    double longest = fmax(w, h) * scale;
    if (longest > OCR_MAX_PX)
        scale *= OCR_MAX_PX / longest;
    *dpi = scale * 72.0;
    int pw = (int)ceil(w * scale), ph = (int)ceil(h * scale);
    if (pw < 16 || ph < 16)
        return NULL;
    cairo_surface_t *rgb = cairo_image_surface_create(CAIRO_FORMAT_RGB24, pw, ph);
    cairo_t *cr = cairo_create(rgb);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, scale, scale);
    poppler_page_render(pp, cr);
    cairo_status_t st = cairo_status(cr);
    cairo_destroy(cr);
    PIX *pix = NULL;
    if (st == CAIRO_STATUS_SUCCESS && (pix = T->pixCreate(pw, ph, 8)) != NULL) {
        cairo_surface_flush(rgb);
        const unsigned char *src = cairo_image_surface_get_data(rgb);
        int stride = cairo_image_surface_get_stride(rgb);
        for (int y = 0; y < ph; y++) {
            const uint32_t *s = (const uint32_t *)(const void *)(src + (size_t)y * (size_t)stride);
            for (int x = 0; x < pw; x++) {
                uint32_t p = s[x];
                unsigned r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
                T->pixSetPixel(pix, x, y, (77 * r + 151 * g + 28 * b) >> 8);
            }
        }
    }
    cairo_surface_destroy(rgb);
    return pix;
}

/* (12): *pic smoothed over 3 x 3 pixels, and every pixel within
 * PAPER_LEVELS of the paper's grey (the commonest light level) made
 * white; *pic is replaced. */
static void whiten(PIX **pic)
{
    PIX *smooth = T->pixBlockconv(*pic, 1, 1);
    NUMA *hist = smooth ? T->pixGetGrayHistogram(smooth, 1) : NULL;
    if (!hist) {
        T->pixDestroy(&smooth);
        return;
    }
    int paper = 255, most = -1;
    for (int level = 128; level < 256; level++) {
        l_int32 count = 0;
        T->numaGetIValue(hist, level, &count);
        if (count > most) {
            most = count;
            paper = level;
        }
    }
    T->numaDestroy(&hist);
    T->pixThresholdToValue(smooth, smooth, paper - PAPER_LEVELS, 255);
    T->pixDestroy(pic);
    *pic = smooth;
}

/* (3): the rules of one direction in the black-and-white picture bw. */
static void find_rules(PIX *bw, int vertical, double dpi, ex_rule_vec *out)
{
    int bar = (int)(RULE_INCHES * dpi);
    PIX *lines = vertical ? T->pixOpenBrick(NULL, bw, 1, bar) : T->pixOpenBrick(NULL, bw, bar, 1);
    if (!lines)
        return;
    BOXA *boxes = T->pixConnComp(lines, NULL, 8);
    double pt = 72.0 / dpi;
    for (int i = 0; boxes && i < T->boxaGetCount(boxes); i++) {
        l_int32 x, y, w, h;
        if (T->boxaGetBoxGeometry(boxes, i, &x, &y, &w, &h) != 0)
            continue;
        double along = vertical ? h : w, across = vertical ? w : h;
        if (along < bar || across * 4 > along)
            continue;
        ex_rule r;
        r.pos = vertical ? (x + w / 2.0) * pt : (y + h / 2.0) * pt;
        r.from = (vertical ? y : x) * pt;
        r.to = (vertical ? y + h : x + w) * pt;
        r.width = across * pt;
        ex_rule_vec_push(out, r);
    }
    T->boxaDestroy(&boxes);
    T->pixDestroy(&lines);
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* (4): CJK punctuation (、，。：；（） …): ink in one corner of an em. */
static int full_width_mark(uint32_t cp)
{
    return (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF01 && cp <= 0xFF0F) ||
           (cp >= 0xFF1A && cp <= 0xFF20);
}

/* (4): the font size of a line: the median height of its CJK
 * characters, or of its digits over DIGIT_HEIGHT; 0 if it has neither. */
static double line_size(const ex_pass_char *c, size_t n)
{
    double *h = pr_xmalloc((n + 1) * sizeof *h);
    double size = 0;
    for (int pass = 0; pass < 2 && size == 0; pass++) {
        size_t k = 0;
        for (size_t i = 0; i < n; i++)
            if (pass == 0 ? extract_is_cjk(c[i].cp) != 0 : extract_ocr_is_digit(c[i].cp))
                h[k++] = c[i].y1 - c[i].y0;
        if (k) {
            qsort(h, k, sizeof *h, by_value);
            size = pass == 0 ? h[k / 2] : h[k / 2] / DIGIT_HEIGHT;
        }
    }
    free(h);
    return size;
}

/* A page's characters as read, lines kept apart. */
typedef struct ocr_page {
    GArray *chars;              /* ex_pass_char */
    GArray *line_ends;          /* guint: one past each line's last char */
} ocr_page;

/* (4), (7): a line's characters c[0..n) get the line's size, a break
 * where a word starts or a gap is GAP_EM wide, and their numbers mended. */
static void settle_line(ex_pass_char *c, size_t n, size_t *mended)
{
    double size = line_size(c, n);
    for (size_t i = 0; i < n; i++) {
        c[i].size = size > 0 ? size : c[i].y1 - c[i].y0;
        /* a full-width mark's ink is a corner of its em: its advance is
           the em, and it is never the first of a piece */
        double prev_end = i ? c[i - 1].x1 : 0;
        if (i && full_width_mark(c[i - 1].cp))
            prev_end = fmax(prev_end, c[i - 1].x0 + c[i].size);
        int in_number = i > 0 && (extract_ocr_is_digit(c[i].cp) || extract_ocr_is_sep(c[i].cp)) &&
                        (extract_ocr_is_digit(c[i - 1].cp) || extract_ocr_is_sep(c[i - 1].cp));
        double gap = in_number ? NUMBER_GAP_EM : GAP_EM;
        if (i > 0 && !full_width_mark(c[i].cp) && c[i].x0 - prev_end > gap * c[i].size)
            c[i].after_break = 1;
        if (full_width_mark(c[i].cp))
            c[i].after_break = 0;
    }
    for (size_t i = 0; i < n; i++) {            /* (4) a mark's ink is no line */
        if (!extract_ocr_is_sep(c[i].cp) && !full_width_mark(c[i].cp))
            continue;
        size_t k = i;
        while (k > 0 && (extract_ocr_is_sep(c[k].cp) || full_width_mark(c[k].cp)))
            k--;
        if (k == i || extract_ocr_is_sep(c[k].cp) || full_width_mark(c[k].cp))
            for (k = i + 1; k < n && (extract_ocr_is_sep(c[k].cp) || full_width_mark(c[k].cp)); k++)
                ;
        if (k < n && !extract_ocr_is_sep(c[k].cp) && !full_width_mark(c[k].cp)) {
            c[i].y0 = c[k].y0;
            c[i].y1 = c[k].y1;
        }
    }
    *mended += extract_ocr_mend_numbers(c, n) + extract_ocr_mend_brackets(c, n);
    double last = -1e9;                 /* (4) tesseract's order is the line's */
    for (size_t i = 0; i < n; i++) {
        if (!c[i].cp)
            continue;
        if (c[i].x0 <= last) {
            c[i].x0 = last + 0.01;
            c[i].x1 = fmax(c[i].x1, c[i].x0 + 0.01);
        }
        last = c[i].x0;
    }
}

/* (4), (5): tesseract's symbols of the page, a line at a time. */
static void read_text(TessBaseAPI *api, double dpi, ocr_page *pg, size_t *mended)
{
    TessResultIterator *ri = T->TessBaseAPIGetIterator(api);
    if (!ri)
        return;
    TessPageIterator *pi = T->TessResultIteratorGetPageIterator(ri);
    double pt = 72.0 / dpi;
    guint line_start = 0;
    do {
        if (T->TessPageIteratorIsAtBeginningOf(pi, RIL_TEXTLINE) && pg->chars->len > line_start) {
            settle_line((ex_pass_char *)(void *)pg->chars->data + line_start,
                        pg->chars->len - line_start, mended);
            g_array_append_val(pg->line_ends, pg->chars->len);
            line_start = pg->chars->len;
        }
        char *text = T->TessResultIteratorGetUTF8Text(ri, RIL_SYMBOL);
        int l, t, r, b;
        if (!text || !T->TessPageIteratorBoundingBox(pi, RIL_SYMBOL, &l, &t, &r, &b)) {
            T->TessDeleteText(text);
            continue;
        }
        float conf = T->TessResultIteratorConfidence(ri, RIL_SYMBOL);
        int word_start = T->TessPageIteratorIsAtBeginningOf(pi, RIL_WORD);
        glong n = g_utf8_validate(text, -1, NULL) ? g_utf8_strlen(text, -1) : 0;
        const char *p = text;
        for (glong k = 0; k < n; k++, p = g_utf8_next_char(p)) {
            ex_pass_char c = {0};
            c.cp = g_utf8_get_char(p);
            double share = (double)(r - l) / (double)n;
            c.x0 = (l + share * (double)k) * pt;
            c.x1 = (l + share * (double)(k + 1)) * pt;
            c.y0 = t * pt;
            c.y1 = b * pt;
            c.after_break = word_start && k == 0;
            c.ocr = 1;
            c.confidence = conf;
            g_array_append_val(pg->chars, c);
        }
        T->TessDeleteText(text);
    } while (T->TessPageIteratorNext(pi, RIL_SYMBOL));
    if (pg->chars->len > line_start) {
        settle_line((ex_pass_char *)(void *)pg->chars->data + line_start,
                    pg->chars->len - line_start, mended);
        g_array_append_val(pg->line_ends, pg->chars->len);
    }
    T->TessResultIteratorDelete(ri);
}

/* (8): whether the piece c[0..n) (between breaks) is a number misread:
 * mostly digits, but with characters no number has. */
static int suspect_number(const ex_pass_char *c, size_t n)
{
    size_t digits = 0, odd = 0, kept = 0;
    for (size_t i = 0; i < n; i++) {
        if (!c[i].cp)
            continue;
        kept++;
        if (extract_ocr_is_digit(c[i].cp))
            digits++;
        else if (!extract_ocr_is_sep(c[i].cp) && c[i].cp != '-')
            odd++;
    }
    return kept <= 12 && odd > 0 && odd <= 2 && digits >= 1 && digits + 1 >= kept - digits;
}

/* (8), (10): tesseract set to read one line of digits and separators
 * (on), or any character again (off; the page segmentation mode is the
 * caller's to set back). */
static void digits_only(TessBaseAPI *api, int on)
{
    T->TessBaseAPISetVariable(api, "tessedit_char_whitelist", on ? "0123456789.,-" : "");
    if (on)
        T->TessBaseAPISetPageSegMode(api, PSM_SINGLE_LINE);
}

/* (8): the piece read again alone, digits only; 1 and its characters
 * replaced (in place, spread over its box) when that gives a number. */
static int reread_number(TessBaseAPI *api, double dpi, ex_pass_char *c, size_t n,
                         GArray *out)
{
    double px = dpi / 72.0, x0 = c[0].x0, x1 = c[n - 1].x1, y0 = c[0].y0, y1 = c[0].y1;
    for (size_t i = 0; i < n; i++) {
        y0 = fmin(y0, c[i].y0);
        y1 = fmax(y1, c[i].y1);
    }
    int pad = (int)(0.2 * c[0].size * px) + 2;
    int l = (int)(x0 * px) - pad, t = (int)(y0 * px) - pad;
    T->TessBaseAPISetRectangle(api, l < 0 ? 0 : l, t < 0 ? 0 : t,
                            (int)((x1 - x0) * px) + 2 * pad, (int)((y1 - y0) * px) + 2 * pad);
    char *text = T->TessBaseAPIGetUTF8Text(api);
    int conf = T->TessBaseAPIMeanTextConf(api);
    GString *digits = g_string_new(NULL);
    int ok = text != NULL;
    for (const char *p = text; ok && *p; p++) {
        if (*p == ' ' || *p == '\n')
            continue;
        ok = (*p >= '0' && *p <= '9') || *p == '.' || *p == ',' || *p == '-';
        g_string_append_c(digits, *p);
    }
    ok = ok && digits->len > 0;
    for (size_t k = 0; ok && k < digits->len; k++) {
        ex_pass_char d = c[0];
        double share = (x1 - x0) / (double)digits->len;
        d.cp = (unsigned char)digits->str[k];
        d.x0 = x0 + share * (double)k;
        d.x1 = x0 + share * (double)(k + 1);
        d.y0 = y0;
        d.y1 = y1;
        d.after_break = k == 0 && c[0].after_break;
        d.confidence = (float)conf;
        g_array_append_val(out, d);
    }
    g_string_free(digits, TRUE);
    T->TessDeleteText(text);
    return ok;
}

/* (8), then everything to sink; returns how many pieces were read again. */
static size_t reread_and_send(TessBaseAPI *api, double dpi, ocr_page *pg, ex_glyph_sink *sink,
                              double *conf_sum, size_t *n_conf)
{
    size_t reread = 0, start = 0;
    ex_pass_char *c = (ex_pass_char *)(void *)pg->chars->data;
    GArray *out = g_array_new(FALSE, TRUE, sizeof(ex_pass_char));
    int digits_mode = 0;
    for (guint li = 0; li < pg->line_ends->len; li++) {
        size_t end = g_array_index(pg->line_ends, guint, li);
        for (size_t i = start; i < end;) {
            size_t j = i + 1;           /* a piece: no gap of PIECE_EM */
            while (j < end && c[j].x0 - c[j - 1].x1 < PIECE_EM * c[j].size)
                j++;
            int done = 0;
            if (suspect_number(c + i, j - i)) {
                if (!digits_mode) {
                    digits_only(api, 1);
                    digits_mode = 1;
                }
                done = reread_number(api, dpi, c + i, j - i, out);
                reread += done != 0;
            }
            for (size_t k = i; !done && k < j; k++)
                if (c[k].cp)
                    g_array_append_val(out, c[k]);
            i = j;
        }
        start = end;
        for (guint k = 0; k < out->len; k++) {
            const ex_pass_char *o = &g_array_index(out, ex_pass_char, k);
            extract_glyphs_on_char(sink, o);
            *conf_sum += o->confidence;
            (*n_conf)++;
        }
        g_array_set_size(out, 0);
    }
    if (digits_mode)
        digits_only(api, 0);
    g_array_free(out, TRUE);
    return reread;
}

static void page_done(ocr_page *pg);

/* (10): the cells of the page's ruled grids, from its rules (points):
 * between two neighbouring horizontal rules and two neighbouring vertical
 * ones that all reach across the rectangle. */
static GArray *grid_cells(const ex_rule_vec *h, const ex_rule_vec *v)
{
    GArray *cells = g_array_new(FALSE, FALSE, sizeof(ex_box));
    const double tol = 2.0;
    for (size_t a = 0; a < h->n; a++)
        for (size_t b = 0; b < h->n; b++) {
            const ex_rule *top = &h->items[a], *bot = &h->items[b];
            if (bot->pos <= top->pos + 6)
                continue;
            int between = 0;            /* a rule between them: not neighbours */
            for (size_t k = 0; k < h->n && !between; k++)
                between = h->items[k].pos > top->pos + 1 && h->items[k].pos < bot->pos - 1 &&
                          h->items[k].from < fmax(top->from, bot->from) + tol &&
                          h->items[k].to > fmin(top->to, bot->to) - tol;
            if (between)
                continue;
            for (size_t l = 0; l < v->n; l++)
                for (size_t r = 0; r < v->n; r++) {
                    const ex_rule *left = &v->items[l], *right = &v->items[r];
                    if (right->pos <= left->pos + 6 ||
                        left->from > top->pos + tol || left->to < bot->pos - tol ||
                        right->from > top->pos + tol || right->to < bot->pos - tol ||
                        top->from > left->pos + tol || top->to < right->pos - tol ||
                        bot->from > left->pos + tol || bot->to < right->pos - tol)
                        continue;
                    int inside = 0;
                    for (size_t k = 0; k < v->n && !inside; k++)
                        inside = v->items[k].pos > left->pos + 1 &&
                                 v->items[k].pos < right->pos - 1 &&
                                 v->items[k].from < top->pos + tol &&
                                 v->items[k].to > bot->pos - tol;
                    if (!inside) {
                        ex_box box = {left->pos, top->pos, right->pos, bot->pos};
                        g_array_append_val(cells, box);
                    }
                }
        }
    return cells;
}

/* (10): whether the page's reading of the number in box b is in doubt: a
 * character read with confidence below SURE_DIGIT, or no well-formed
 * amount (digits in groups of three between commas, one point). */
static int doubtful_number(const ex_pass_char *c, size_t n, ex_box b)
{
    char s[64];
    size_t len = 0;
    int doubt = 0;
    for (size_t i = 0; i < n; i++) {
        double cx = (c[i].x0 + c[i].x1) / 2, cy = (c[i].y0 + c[i].y1) / 2;
        if (!c[i].cp || cx <= b.x0 || cx >= b.x1 || cy <= b.y0 || cy >= b.y1)
            continue;
        doubt |= c[i].confidence < SURE_DIGIT;
        if (len + 1 < sizeof s)
            s[len++] = (char)c[i].cp;   /* digits and separators: ASCII */
    }
    s[len] = 0;
    size_t i = s[0] == '-', run = 0, groups = 0, points = 0;
    int commas = 0;
    for (; i < len && !doubt; i++) {
        if (extract_ocr_is_digit((unsigned char)s[i])) {
            run++;
        } else if (s[i] == ',' && !points && run && (groups ? run == 3 : run <= 3)) {
            commas = 1;
            groups++;
            run = 0;
        } else if (s[i] == '.' && !points && run && (!commas || run == 3)) {
            points++;
            run = 0;
        } else {
            doubt = 1;
        }
    }
    return doubt || !run || (commas && !points && run != 3);
}

/* (10): smaller boxes first. */
static gint by_area(gconstpointer a, gconstpointer b)
{
    const ex_box *x = a, *y = b;
    double ax = (x->x1 - x->x0) * (x->y1 - x->y0), ay = (y->x1 - y->x0) * (y->y1 - y->y0);
    return ax < ay ? -1 : ax > ay ? 1 : x->y0 < y->y0 ? -1 : x->y0 > y->y0 ? 1 :
           x->x0 < y->x0 ? -1 : x->x0 > y->x0 ? 1 : 0;
}

/* (10): a second reading of every grid cell whose first reading holds
 * text (not only a number), alone, as a block: the cell's characters of
 * the page's reading are dropped (code point 0) and the cell's own go to
 * extra (settled as lines of their own). Returns cells read again. */
static size_t cell_pass(TessBaseAPI *api, PIX *pic, double dpi, ocr_page *pg, const ex_rule_vec *h,
                        const ex_rule_vec *v, GArray *extra, size_t *mended)
{
    GArray *cells = grid_cells(h, v);
    g_array_sort(cells, by_area);
    GArray *taken = g_array_new(FALSE, FALSE, sizeof(ex_box));
    ex_pass_char *c = (ex_pass_char *)(void *)pg->chars->data;
    size_t n = pg->chars->len, done = 0;
    double px = dpi / 72.0;
    T->TessBaseAPISetPageSegMode(api, PSM_SINGLE_BLOCK);
    for (guint k = 0; k < cells->len && done < MAX_CELLS; k++) {
        ex_box b = g_array_index(cells, ex_box, k);
        int overlaps = 0;
        for (guint j = 0; j < taken->len && !overlaps; j++) {
            const ex_box *o = &g_array_index(taken, ex_box, j);
            overlaps = fmin(b.x1, o->x1) - fmax(b.x0, o->x0) > 2 &&
                       fmin(b.y1, o->y1) - fmax(b.y0, o->y0) > 2;
        }
        if (overlaps)
            continue;                   /* a box round cells read already */
        size_t in = 0, text = 0;
        double page_conf = 0;
        for (size_t i = 0; i < n; i++) {
            double cx = (c[i].x0 + c[i].x1) / 2, cy = (c[i].y0 + c[i].y1) / 2;
            if (c[i].cp && cx > b.x0 && cx < b.x1 && cy > b.y0 && cy < b.y1) {
                in++;
                page_conf += c[i].confidence;
                text += !extract_ocr_is_digit(c[i].cp) && !extract_ocr_is_sep(c[i].cp) && c[i].cp != '-';
            }
        }
        int number = !text;
        if (!in || (!number && text * 2 < in) || (number && !doubtful_number(c, n, b)))
            continue;                   /* empty, a sure number, mostly digits */
        int l = (int)(b.x0 * px) + CELL_INSET, t = (int)(b.y0 * px) + CELL_INSET;
        int w = (int)((b.x1 - b.x0) * px) - 2 * CELL_INSET, hh = (int)((b.y1 - b.y0) * px) - 2 * CELL_INSET;
        if (w < 8 || hh < 8)
            continue;
        if (number) {
            digits_only(api, 1);
        }
        BOX *box = T->boxCreate(l, t, w, hh);
        PIX *clip = box ? T->pixClipRectangle(pic, box, NULL) : NULL;
        PIX *framed = clip ? T->pixAddBorder(clip, CELL_BORDER, 255) : NULL;
        T->boxDestroy(&box);
        T->pixDestroy(&clip);
        int failed = !framed;
        if (framed) {
            T->TessBaseAPISetImage2(api, framed);
            T->TessBaseAPISetSourceResolution(api, (int)lround(dpi));
            failed = T->TessBaseAPIRecognize(api, NULL) != 0;
        }
        ocr_page one = {g_array_new(FALSE, TRUE, sizeof(ex_pass_char)),
                        g_array_new(FALSE, TRUE, sizeof(guint))};
        if (!failed)
            read_text(api, dpi, &one, mended);
        for (guint i = 0; i < one.chars->len; i++) {
            ex_pass_char *o = &g_array_index(one.chars, ex_pass_char, i);
            double dx = (l - CELL_BORDER) / px, dy = (t - CELL_BORDER) / px;
            o->x0 += dx;
            o->x1 += dx;
            o->y0 += dy;
            o->y1 += dy;
        }
        T->pixDestroy(&framed);
        if (number) {
            digits_only(api, 0);
            T->TessBaseAPISetPageSegMode(api, PSM_SINGLE_BLOCK);
        }
        double cell_conf = 0;
        size_t cell_digits = 0;
        for (guint i = 0; i < one.chars->len; i++) {
            const ex_pass_char *o = &g_array_index(one.chars, ex_pass_char, i);
            cell_conf += o->confidence;
            cell_digits += o->cp && extract_ocr_is_digit(o->cp);
        }
        if (one.chars->len && (!number || cell_digits) &&
            cell_conf / one.chars->len > page_conf / (double)in) {
            for (size_t i = 0; i < n; i++) {
                double cx = (c[i].x0 + c[i].x1) / 2, cy = (c[i].y0 + c[i].y1) / 2;
                if (cx > b.x0 && cx < b.x1 && cy > b.y0 && cy < b.y1)
                    c[i].cp = 0;
            }
            g_array_append_vals(extra, one.chars->data, one.chars->len);
            g_array_append_val(taken, b);
            done++;
        }
        page_done(&one);
    }
    g_array_free(taken, TRUE);
    g_array_free(cells, TRUE);
    return done;
}

/* (9): characters of pg read at least SURE_DIGIT sure. */
static size_t sure_chars(const ocr_page *pg)
{
    size_t n = 0;
    for (guint i = 0; i < pg->chars->len; i++)
        n += g_array_index(pg->chars, ex_pass_char, i).confidence >= SURE_DIGIT;
    return n;
}

/* (4): pic read by tesseract into a fresh pg (free with page_done). */
static ocr_page read_picture(TessBaseAPI *api, PIX *pic, double dpi, size_t *mended)
{
    ocr_page pg = {g_array_new(FALSE, TRUE, sizeof(ex_pass_char)),
                   g_array_new(FALSE, TRUE, sizeof(guint))};
    T->TessBaseAPISetPageSegMode(api, PSM_SINGLE_COLUMN);
    T->TessBaseAPISetImage2(api, pic);
    T->TessBaseAPISetSourceResolution(api, (int)lround(dpi));
    if (T->TessBaseAPIRecognize(api, NULL) == 0)
        read_text(api, dpi, &pg, mended);
    return pg;
}

static void page_done(ocr_page *pg)
{
    g_array_free(pg->chars, TRUE);
    g_array_free(pg->line_ends, TRUE);
}

pr_rc extract_ocr_page(ex_doc *doc, int number, ex_ocr **ocr, ex_glyph_sink *text,
                       ex_rule_vec *h, ex_rule_vec *v, ex_ocr_info *info, pr_error *err)
{
    memset(info, 0, sizeof *info);
    char why[256];
    if (!T && (T = extract_ocr_lib(why, sizeof why)) == NULL)
        return pr_fail(err, PR_ERR_NO_TEXT, "OCR: cannot load tesseract: %s", why);
    TessBaseAPI *api = engine(ocr);
    if (!api)
        return pr_fail(err, PR_ERR_INTERNAL, "OCR: tesseract cannot load its %s model "
                       "(Debian: tesseract-ocr-chi-sim)", OCR_LANG);
    PopplerPage *pp = extract_doc_poppler_page(doc, number);
    if (!pp)
        return pr_fail(err, PR_ERR_DAMAGED, "cannot read page %d", number);
    double w, hgt, dpi;
    poppler_page_get_size(pp, &w, &hgt);
    PIX *grey = render(pp, w, hgt, &dpi);
    info->picture_dpi = (int)lround(picture_dpi(pp, w, hgt));
    g_object_unref(pp);
    if (!grey)
        return pr_fail(err, PR_ERR_DAMAGED, "OCR: page %d cannot be drawn", number);
    l_float32 angle = 0, conf = 0;
    PIX *straight = T->pixFindSkewAndDeskew(grey, 2, &angle, &conf);    /* (2) */
    if (!straight)
        straight = T->pixClone(grey);
    whiten(&straight);                                              /* (12) */
    size_t mended = 0;
    ocr_page best = read_picture(api, straight, dpi, &mended);       /* (4) */
    PIX *pic = T->pixClone(straight);
    int quads = 0;
    int upright_doubtful = best.chars->len < SIDEWAYS_CHARS ||
                           sure_chars(&best) * 100 < SIDEWAYS_SURE * best.chars->len;
    for (int q = 1; q <= 3 && upright_doubtful; q += 2) {          /* (9) */
        PIX *turned = T->pixRotateOrth(straight, q);
        size_t m = 0;
        ocr_page pg = turned ? read_picture(api, turned, dpi, &m)
                             : (ocr_page){g_array_new(FALSE, TRUE, sizeof(ex_pass_char)),
                                          g_array_new(FALSE, TRUE, sizeof(guint))};
        if (sure_chars(&pg) > 2 * sure_chars(&best) + 10) {
            page_done(&best);
            best = pg;
            mended = m;
            T->pixDestroy(&pic);
            pic = turned;
            quads = q;
        } else {
            page_done(&pg);
            T->pixDestroy(&turned);
        }
    }
    PIX *bw = T->pixConvertTo1(pic, 160);
    if (bw) {
        find_rules(bw, 0, dpi, h);                                  /* (3) */
        find_rules(bw, 1, dpi, v);
    }
    double sum = 0;
    size_t n = 0;
    T->TessBaseAPISetImage2(api, pic);                                 /* (8) */
    T->TessBaseAPISetSourceResolution(api, (int)lround(dpi));
    GArray *extra = g_array_new(FALSE, TRUE, sizeof(ex_pass_char));
    info->cells = cell_pass(api, pic, dpi, &best, h, v, extra, &mended);  /* (10) */
    T->TessBaseAPISetImage2(api, pic);
    info->reread = reread_and_send(api, dpi, &best, text, &sum, &n);
    for (guint k = 0; k < extra->len; k++) {
        const ex_pass_char *o = &g_array_index(extra, ex_pass_char, k);
        if (!o->cp)
            continue;
        extract_glyphs_on_char(text, o);
        sum += o->confidence;
        n++;
    }
    g_array_free(extra, TRUE);
    page_done(&best);
    T->TessBaseAPIClear(api);
    info->dpi = (int)lround(dpi);
    info->confidence = n ? sum / (double)n : 0;
    info->skew = angle;
    info->mended = mended;
    info->turn = quads == 1 ? 270 : quads == 3 ? 90 : 0;
    T->pixDestroy(&bw);
    T->pixDestroy(&pic);
    T->pixDestroy(&straight);
    T->pixDestroy(&grey);
    return PR_OK;
}

#else /* no OCR libraries at build time */

struct ex_ocr {
    int unused;
};

const char *extract_ocr_version(void)
{
    return NULL;
}

void extract_ocr_free(ex_ocr **ocr)
{
    if (ocr && *ocr) {
        free(*ocr);
        *ocr = NULL;
    }
}

pr_rc extract_ocr_page(ex_doc *doc, int number, ex_ocr **ocr, ex_glyph_sink *text,
                       ex_rule_vec *h, ex_rule_vec *v, ex_ocr_info *info, pr_error *err)
{
    (void)doc; (void)number; (void)ocr; (void)text; (void)h; (void)v;
    memset(info, 0, sizeof *info);
    return pr_fail(err, PR_ERR_NO_TEXT, "OCR: pdfrows was built without tesseract");
}

#endif
