/*
 * scan_copy.c — makes a scanned copy of a PDF, the way a copier would:
 * each page drawn at 300 dpi in grey, turned a little (as a sheet fed
 * askew), speckled with noise, and stored as a JPEG picture in a new PDF
 * with no text layer. The OCR tests read these copies and score them
 * against the born-digital file's ground truth (issue 13).
 *
 *   scan_copy IN.pdf OUT.pdf [DEGREES]   (default 0.4; same input, same
 *                                         bytes out: the noise is seeded)
 *
 * Exit status 0, or 1 with a message on stderr.
 */
#include <cairo.h>
#include <leptonica/allheaders.h>
#include <math.h>
#include <poppler.h>
#include <stdio.h>
#include <stdlib.h>

#define DPI 300.0
#define NOISE 12.0f             /* grey levels, standard deviation */
#define QUALITY 75

static PIX *draw(PopplerPage *page)
{
    double w, h, scale = DPI / 72.0;
    poppler_page_get_size(page, &w, &h);
    int pw = (int)ceil(w * scale), ph = (int)ceil(h * scale);
    cairo_surface_t *rgb = cairo_image_surface_create(CAIRO_FORMAT_RGB24, pw, ph);
    cairo_t *cr = cairo_create(rgb);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, scale, scale);
    poppler_page_render_for_printing(page, cr);
    cairo_destroy(cr);
    cairo_surface_flush(rgb);
    PIX *pix = pixCreate(pw, ph, 8);
    const unsigned char *src = cairo_image_surface_get_data(rgb);
    int stride = cairo_image_surface_get_stride(rgb);
    for (int y = 0; pix && y < ph; y++) {
        const uint32_t *s = (const uint32_t *)(const void *)(src + (size_t)y * (size_t)stride);
        for (int x = 0; x < pw; x++) {
            uint32_t p = s[x];
            unsigned r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
            pixSetPixel(pix, x, y, (77 * r + 151 * g + 28 * b) >> 8);
        }
    }
    cairo_surface_destroy(rgb);
    return pix;
}

int main(int argc, char **argv)
{
    if (argc < 3 || argc > 4) {
        fprintf(stderr, "usage: scan_copy IN.pdf OUT.pdf [DEGREES]\n");
        return 1;
    }
    double degrees = argc == 4 ? atof(argv[3]) : 0.4;
    srand(1);                       /* leptonica's noise uses rand() */
    GError *err = NULL;
    char *uri = g_filename_to_uri(argv[1], NULL, &err);
    if (!g_path_is_absolute(argv[1])) {
        char *abs = g_canonicalize_filename(argv[1], NULL);
        g_free(uri);
        uri = g_filename_to_uri(abs, NULL, &err);
        g_free(abs);
    }
    PopplerDocument *doc = uri ? poppler_document_new_from_file(uri, NULL, &err) : NULL;
    g_free(uri);
    if (!doc) {
        fprintf(stderr, "scan_copy: %s: %s\n", argv[1], err ? err->message : "cannot open");
        return 1;
    }
    int n = poppler_document_get_n_pages(doc);
    PIXA *pages = pixaCreate(n);
    for (int i = 0; i < n; i++) {
        PopplerPage *page = poppler_document_get_page(doc, i);
        PIX *flat = draw(page);
        g_object_unref(page);
        PIX *turned = pixRotate(flat, (float)(degrees * G_PI / 180.0), L_ROTATE_AREA_MAP,
                                L_BRING_IN_WHITE, 0, 0);
        PIX *noisy = pixAddGaussianNoise(turned, NOISE);
        pixSetResolution(noisy, (int)DPI, (int)DPI);
        pixaAddPix(pages, noisy, L_INSERT);
        pixDestroy(&turned);
        pixDestroy(&flat);
    }
    g_object_unref(doc);
    int rc = pixaConvertToPdf(pages, (int)DPI, 1.0f, L_JPEG_ENCODE, QUALITY, NULL, argv[2]);
    pixaDestroy(&pages);
    if (rc != 0) {
        fprintf(stderr, "scan_copy: cannot write %s\n", argv[2]);
        return 1;
    }
    return 0;
}
