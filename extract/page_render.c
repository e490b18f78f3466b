/*
 * page_render.c — a page as a picture: poppler draws it on a cairo image
 * surface, turned upright exactly as extract_page() turned its text, and
 * the pixels are written as an 8-bit grey PNG (for `pdfrows review`,
 * whose overlays are drawn in the records' coordinates on top of it).
 *
 * Ownership: the PNG bytes are handed to the caller (extract_png_free());
 * the poppler page and the cairo surfaces live for the call only.
 *
 * NOTES
 *   (1) Coordinates. poppler_page_render() draws in the coordinates of
 *       poppler_page_get_size(), /Rotate applied, which are the ones
 *       stage one reads glyphs and rules in. extract_page() then turns
 *       the page by page->rotation (page_orient.c: the inverse of a
 *       clockwise turn). The same turn is put in the cairo matrix here,
 *       so a point (x, y) of a record lands on pixel (x, y) * dpi / 72.
 *   (2) poppler_page_render(), not _for_printing: what a reader sees on
 *       screen (annotations' appearance included). The page is painted
 *       white first: poppler leaves what the PDF does not paint
 *       transparent.
 *   (3) Grey, 8 bits a pixel: a third of the bytes of RGB before
 *       compression and less after, for a picture whose purpose is to
 *       show where text and rules are. cairo writes an A8 surface as an
 *       8-bit greyscale PNG; the grey level is the luma of the RGB
 *       rendering (0.30 R + 0.59 G + 0.11 B), kept to 16 levels (0x00,
 *       0x11 ... 0xff): anti-aliased text looks the same and the PNG is a
 *       third smaller (zlib finds more repeats).
 *   (4) A page of absurd size (PDF allows 200 inches a side) would ask
 *       for gigabytes: the resolution is lowered so that the longer side
 *       has at most EX_RENDER_MAX_PX pixels.
 */
#include "extract_int.h"

#include <cairo.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define EX_RENDER_MAX_PX 6000

typedef struct png_buf {
    unsigned char *data;
    size_t len, cap;
} png_buf;

static cairo_status_t png_write(void *closure, const unsigned char *data, unsigned int n)
{
    png_buf *b = closure;
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 65536;
        while (cap < b->len + n)
            cap *= 2;
        b->data = pr_xrealloc(b->data, cap);
        b->cap = cap;
    }
    memcpy(b->data + b->len, data, n);
    b->len += n;
    return CAIRO_STATUS_SUCCESS;
}

/* (1): poppler's page (w x h) to the upright page, as page_orient.c's
 * turn_point(): 90 -> (y, w - x), 180 -> (w - x, h - y), 270 -> (h - y, x). */
static void upright_matrix(int rotation, double w, double h, cairo_matrix_t *m)
{
    switch (rotation) {
    case 90:  cairo_matrix_init(m, 0, -1, 1, 0, 0, w); break;
    case 180: cairo_matrix_init(m, -1, 0, 0, -1, w, h); break;
    case 270: cairo_matrix_init(m, 0, 1, -1, 0, h, 0); break;
    default:  cairo_matrix_init_identity(m); break;
    }
}

/* (3): RGB24 pixels to 16 grey levels in an A8 surface of the same size. */
static cairo_surface_t *to_grey(cairo_surface_t *rgb)
{
    int w = cairo_image_surface_get_width(rgb), h = cairo_image_surface_get_height(rgb);
    cairo_surface_t *grey = cairo_image_surface_create(CAIRO_FORMAT_A8, w, h);
    if (cairo_surface_status(grey) != CAIRO_STATUS_SUCCESS)
        return grey;
    cairo_surface_flush(rgb);
    cairo_surface_flush(grey);
    const unsigned char *src = cairo_image_surface_get_data(rgb);
    unsigned char *dst = cairo_image_surface_get_data(grey);
    int ss = cairo_image_surface_get_stride(rgb), ds = cairo_image_surface_get_stride(grey);
    for (int y = 0; y < h; y++) {
        const uint32_t *s = (const uint32_t *)(const void *)(src + (size_t)y * (size_t)ss);
        unsigned char *d = dst + (size_t)y * (size_t)ds;
        for (int x = 0; x < w; x++) {
            uint32_t p = s[x];
            unsigned r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
            unsigned v = ((77 * r + 151 * g + 28 * b) >> 8) & 0xf0;
            d[x] = (unsigned char)(v | v >> 4);
        }
    }
    cairo_surface_mark_dirty(grey);
    return grey;
}

pr_rc extract_page_png(ex_doc *doc, const ex_page *page, double dpi,
                       unsigned char **png, size_t *len, pr_error *err)
{
    *png = NULL;
    *len = 0;
    PopplerPage *pp = extract_doc_poppler_page(doc, page->number);
    if (!pp)
        return pr_fail(err, PR_ERR_DAMAGED, "cannot read page %d", page->number);
    double w, h;                        /* poppler's page, /Rotate applied */
    poppler_page_get_size(pp, &w, &h);
    int quarter = page->rotation == 90 || page->rotation == 270;
    double uw = quarter ? h : w, uh = quarter ? w : h;
    double scale = (dpi > 0 ? dpi : 96) / 72.0;
    double longest = fmax(uw, uh) * scale;
    if (longest > EX_RENDER_MAX_PX)                                  /* (4) */
        scale *= EX_RENDER_MAX_PX / longest;
    int pw = (int)ceil(uw * scale), ph = (int)ceil(uh * scale);
    if (pw < 1)
        pw = 1;
    if (ph < 1)
        ph = 1;

    cairo_surface_t *rgb = cairo_image_surface_create(CAIRO_FORMAT_RGB24, pw, ph);
    cairo_t *cr = cairo_create(rgb);
    cairo_set_source_rgb(cr, 1, 1, 1);                              /* (2) */
    cairo_paint(cr);
    cairo_scale(cr, scale, scale);
    cairo_matrix_t m;
    upright_matrix(page->rotation, w, h, &m);                       /* (1) */
    cairo_transform(cr, &m);
    poppler_page_render(pp, cr);
    cairo_status_t st = cairo_status(cr);
    cairo_destroy(cr);
    g_object_unref(pp);

    png_buf buf = {0};
    cairo_surface_t *grey = NULL;
    if (st == CAIRO_STATUS_SUCCESS) {
        grey = to_grey(rgb);                                        /* (3) */
        st = cairo_surface_status(grey);
    }
    if (st == CAIRO_STATUS_SUCCESS)
        st = cairo_surface_write_to_png_stream(grey, png_write, &buf);
    if (grey)
        cairo_surface_destroy(grey);
    cairo_surface_destroy(rgb);
    if (st != CAIRO_STATUS_SUCCESS) {
        free(buf.data);
        return pr_fail(err, PR_ERR_INTERNAL, "cannot render page %d: %s", page->number,
                       cairo_status_to_string(st));
    }
    *png = buf.data;
    *len = buf.len;
    return PR_OK;
}

void extract_png_free(unsigned char **png)
{
    if (!png)
        return;
    free(*png);
    *png = NULL;
}
