/*
 * extract.h — stage one: a PDF page as positioned glyphs, lines, segments
 * and ruling lines, all in the page's upright reading orientation.
 *
 * Coordinates are PDF points, origin at the top-left corner of the upright
 * page, y growing downwards (as pdftotext -bbox). "Upright" means: after
 * the page's /Rotate is applied (poppler does that) and after a page whose
 * text is printed sideways or upside down has been turned so that its
 * dominant text direction reads left to right.
 *
 * Ownership, stated once: every extract_* function that returns a pointer
 * through an OUT parameter hands over ownership, freed with the matching
 * *_free(), which takes the address of the pointer, sets it to NULL, and
 * is a no-op on NULL. Everything reachable from an ex_page (lines,
 * segments, text, rules) is owned by that page and dies with it.
 * Input pointers are borrowed for the duration of the call.
 */
#ifndef PDFROWS_EXTRACT_H
#define PDFROWS_EXTRACT_H

#include "pdfrows.h"
#include "arena.h"

#include <stddef.h>
#include <stdint.h>

typedef struct ex_box {
    double x0, y0, x1, y1;      /* x0 <= x1, y0 <= y1 */
} ex_box;

/* One printed character. */
typedef struct ex_glyph {
    ex_box box;
    uint32_t cp;                /* Unicode code point */
    float size;                 /* font size in points (0 if unknown) */
    uint8_t bold;               /* font name says bold/heavy/black */
    uint8_t joined_prev;        /* poppler printed it right after the previous
                                   glyph with no space or line break between */
    uint32_t order;             /* position in poppler's text order */
    uint8_t ocr_conf;           /* read by OCR: 1 + tesseract's confidence
                                   (0-100); 0: from the text layer */
    uint8_t untrusted;          /* its word holds a character whose Unicode
                                   cannot be trusted (no ToUnicode to go by,
                                   private use): the text may be garbage */
} ex_glyph;

/* A ruling line: a visible, thin, straight, axis-parallel mark. */
typedef struct ex_rule {
    double pos;                 /* y of a horizontal rule, x of a vertical one
                                   (the centre line) */
    double from, to;            /* extent along the rule, from < to */
    double width;               /* thickness */
} ex_rule;

/* A run of words inside a line, ended by a column gap or a vertical rule. */
typedef struct ex_segment {
    ex_box box;
    const char *text;           /* words joined by one space where printed
                                   apart; nothing between CJK characters */
    size_t first_glyph;         /* index into the line's glyphs */
    size_t n_glyphs;
    float size;                 /* the largest font size in the segment */
    uint8_t bold;               /* most of its glyphs are bold */
} ex_segment;

/* Glyphs that share a baseline, left to right. */
typedef struct ex_line {
    ex_box box;
    const char *text;           /* segments joined by one space */
    ex_glyph *glyphs;           /* left to right */
    size_t n_glyphs;
    ex_segment *segments;
    size_t n_segments;
} ex_line;

typedef struct ex_page {
    int number;                 /* 1-based */
    double width, height;       /* of the upright page */
    int rotation;               /* clockwise turn pdfrows applied to
                                   poppler's page to make text upright */
    int quarter_turned;         /* the page's /Rotate is 90 or 270 */
    size_t n_glyphs;
    size_t n_hidden;            /* characters drawn so that nobody can see
                                   them (white on nothing, tiny, clipped
                                   away, invisible): left out of the text */
    size_t n_ocr;               /* invisible characters over an image (a
                                   scan's OCR layer): kept in the text */
    size_t n_images;            /* images drawn (a scan has them) */
    size_t n_untrusted;         /* characters whose Unicode cannot be
                                   trusted (page_pass.cc NOTES (10)) */
    int ocr_dpi;                /* read by OCR (page_ocr.c) at this many
                                   pixels per inch; 0: from its text layer */
    int ocr_picture_dpi;        /* OCR: the resolution of the picture that
                                   covers most of the page; 0: none does */
    double ocr_confidence;      /* OCR: the mean of its characters' (0-100) */
    double ocr_skew;            /* OCR: degrees the picture was turned to
                                   straighten it */
    ex_line *lines;             /* top to bottom */
    size_t n_lines;
    ex_rule *hrules;            /* sorted by pos, then from */
    size_t n_hrules;
    ex_rule *vrules;
    size_t n_vrules;
    pr_arena *arena;            /* owns everything above */
} ex_page;

typedef struct ex_doc ex_doc;

/* A page and a count of something on it; a page and why it failed. */
typedef struct ex_page_count {
    int page;
    size_t count;
} ex_page_count;

typedef struct ex_page_failure {
    int page;
    char *message;
} ex_page_failure;

/* What a document's pages said besides their text: the pages where
 * characters nobody can see were left out (how many on each), the pages
 * that carry a scan's OCR layer, the pages with text whose Unicode cannot
 * be trusted, the pages that could not be read at all, the pages pdfrows
 * read by OCR. The arrays belong
 * to whoever filled the notes (the document walk, cli/doc_walk.c). */
typedef struct ex_text_notes {
    ex_page_count *hidden;
    size_t n_hidden;
    int *ocr_pages;
    size_t n_ocr;
    ex_page_count *untrusted;
    size_t n_untrusted;
    ex_page_failure *unreadable;
    size_t n_unreadable;
    struct ex_ocr_page *ocr_read;   /* pages read by OCR */
    size_t n_ocr_read;
} ex_text_notes;

/* The gap between two Latin glyphs, in ems, above which they are two
 * words: stage one's line texts and stage two's cells space words alike
 * ("New York" set tight is two words, kerned letters one). */
#define EX_WORD_GAP_LATIN 0.15

/* A page read by OCR: at what resolution, how sure. A scan whose own
 * picture is coarser than EX_OCR_LOW_DPI has lost strokes of small CJK
 * characters before pdfrows reads it: the record says so. */
#define EX_OCR_LOW_DPI 250
typedef struct ex_ocr_page {
    int page;
    int dpi;
    double confidence;          /* mean over its characters, 0-100 */
    int picture_dpi;            /* the scan's own resolution; 0: unknown */
} ex_ocr_page;

/* When a page is read with OCR (page_ocr.c). */
typedef enum ex_ocr_mode {
    EX_OCR_OFF,                 /* never */
    EX_OCR_AUTO,                /* a page with no text layer and a picture */
    EX_OCR_FORCE                /* also a page with a picture and a text
                                   layer (the layer is replaced) */
} ex_ocr_mode;

/* Options for extract_page(). */
typedef struct ex_options {
    int find_rules;             /* 0 skips ruling-line detection */
    int ocr;                    /* ex_ocr_mode; {0} is EX_OCR_OFF */
} ex_options;

/* page_ocr.c: "tesseract 5.3.0 (chi_sim)" when pdfrows reads scanned
 * pages, NULL when it was built without OCR. Static. */
const char *extract_ocr_version(void);

/* --- documents (pdf_doc.c) ------------------------------------------- */

/* Opens the PDF at path (password may be NULL). Checks, in order: the file
 * exists and is readable, starts with %PDF-, ends with %%EOF, and poppler
 * can parse it. OUT *doc is owned: free with extract_doc_free(). */
pr_rc extract_doc_open(const char *path, const char *password,
                       ex_doc **doc, pr_error *err);
void extract_doc_free(ex_doc **doc);
int extract_doc_page_count(const ex_doc *doc);
/* Lowercase hex SHA-256 of the file's bytes; borrowed from doc. */
const char *extract_doc_sha256(const ex_doc *doc);
/* Number of problems poppler logged while reading the document so far. */
int extract_doc_problems(const ex_doc *doc);

/* --- pages (page_extract.c) ------------------------------------------ */

/* Extracts page number (1-based). OUT *page is owned: extract_page_free(). */
pr_rc extract_page(ex_doc *doc, int number, const ex_options *opts,
                   ex_page **page, pr_error *err);
void extract_page_free(ex_page **page);

/* --- pictures of pages (page_render.c) --------------------------------- */

/* Renders page->number of doc, turned upright as page was (page->rotation),
 * on white, at dpi pixels per inch (lowered for a page whose longer side
 * would pass 6000 pixels), as an 8-bit greyscale PNG: a point (x, y) of
 * the upright page is pixel (x, y) * dpi / 72. OUT *png (*len bytes) is
 * owned: extract_png_free(). page is borrowed; doc must be the document
 * page was extracted from. */
pr_rc extract_page_png(ex_doc *doc, const ex_page *page, double dpi,
                       unsigned char **png, size_t *len, pr_error *err);
void extract_png_free(unsigned char **png);

#endif
