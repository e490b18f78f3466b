/*
 * extract_pass.h — the C face of stage one's only C++ file,
 * extract/page_pass.cc: one interpretation of a page by core poppler
 * gives both its text (characters with boxes and fonts, in poppler's
 * reading order) and its filled and stroked paths (for ruling lines).
 * Nothing is drawn: no glyph, image or pattern is rasterised.
 *
 * Plain C types only, so that both languages include it. Coordinates are
 * poppler's page coordinates (points, origin top left, the page's
 * /Rotate applied), those of poppler-glib's text boxes.
 *
 * Ownership: extract_pass_open() returns a handle owned by the caller,
 * freed by extract_pass_free() (NULL and *NULL are no-ops). It borrows
 * the bytes it was given, if any (they must outlive it). Everything handed to a
 * callback is borrowed for the call only.
 */
#ifndef PDFROWS_EXTRACT_PASS_H
#define PDFROWS_EXTRACT_PASS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* How one path is painted. */
typedef struct ex_paint {
    int stroke;                 /* 1 stroked, 0 filled */
    int curved;                 /* some subpath of the path has a curve */
    double width;               /* stroked: line width across, page units */
    int butt_caps;              /* stroked: ends are not extended */
    int solid;                  /* a plain colour (not a pattern) */
    double r, g, b, alpha;      /* the colour, each 0..1 */
    double clip_x0, clip_y0,    /* bounding box of the clip, page units */
           clip_x1, clip_y1;
    int clip_is_box;            /* the clip is exactly that box */
    /* When the clip is not its box: cuts the stretch [from, to] of the
       line at pos (y of a level line, x of a plumb one) to the clip and
       writes the pieces inside, as (from, to) pairs in order, into spans
       (room for max pieces); returns how many. clip is its argument.
       Valid during the callback only. */
    int (*clip_spans)(const void *clip, int vertical, double pos,
                      double from, double to, double *spans, int max);
    const void *clip;
} ex_paint;

/* Called once per subpath of a painted path, in drawing order: n points
 * (x, y pairs in xy; a closed subpath ends with its first point again),
 * closed: the subpath was closed; curved: it holds curve segments (their
 * control points are among the n and are not on the path). */
typedef void (*ex_subpath_fn)(void *data, const ex_paint *paint,
                              const double *xy, int n, int closed,
                              int curved);

/* One character of the page's text, in poppler's reading order. */
typedef struct ex_pass_char {
    uint32_t cp;                /* code point; U+FFFD for one that is not */
    double x0, y0, x1, y1;      /* its box */
    double size;                /* its font size */
    const char *font;           /* its font's name, or NULL */
    int after_break;            /* poppler's text has a space or a line
                                   break before it */
    int untrusted;              /* its word holds a character whose Unicode
                                   cannot be trusted (page_pass.cc (10)) */
    int ocr;                    /* read by OCR (page_ocr.c), with */
    float confidence;           /* tesseract's confidence, 0-100 */
} ex_pass_char;

typedef void (*ex_char_fn)(void *data, const ex_pass_char *c);

/* What a page's reading found besides its text. */
typedef struct ex_pass_counts {
    int hidden;                 /* characters drawn so that nobody can see
                                   them, left out of the text */
    int ocr;                    /* invisible characters over an image (a
                                   scan's text layer), kept */
    int images;                 /* images drawn */
    int untrusted;              /* visible characters whose Unicode cannot
                                   be trusted (no mapping, private use, a
                                   font without one) */
} ex_pass_counts;

typedef struct ex_pass ex_pass;

/* A reader of the PDF file at path, or where path is NULL of the size
 * bytes at data, opened with password (or NULL). NULL if poppler cannot
 * open it. */
ex_pass *extract_pass_open(const char *path, const char *data, size_t size,
                           const char *password);

void extract_pass_free(ex_pass **pass);

/* The size of page number (1-based) as shown, its /Rotate applied, and
 * the size of its crop box as drawn (before /Rotate). 0, or -1 if the
 * page cannot be read. */
int extract_pass_page_size(ex_pass *pass, int number, double *width,
                           double *height, double *crop_width,
                           double *crop_height);

/* Interprets page number (1-based) once: its painted paths go to
 * on_subpath(path_data, ...) in drawing order while the page is read
 * (none if on_subpath is NULL), then its characters to
 * on_char(char_data, ...) in reading order; *counts filled. 0 on success,
 * -1 if the page cannot be read. */
int extract_pass_page(ex_pass *pass, int number,
                      ex_char_fn on_char, void *char_data,
                      ex_subpath_fn on_subpath, void *path_data,
                      ex_pass_counts *counts);

#ifdef __cplusplus
}
#endif

#endif
