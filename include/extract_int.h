/*
 * extract_int.h — stage one's internal interfaces, between the files of
 * extract/. Not for use outside extract/ and tests/unit/.
 *
 * Ownership: arrays returned through OUT parameters are allocated in the
 * arena passed in (borrowed from it, freed with it) unless stated otherwise.
 */
#ifndef PDFROWS_EXTRACT_INT_H
#define PDFROWS_EXTRACT_INT_H

#include "extract.h"

#include <poppler.h>

#include "extract_pass.h"

/* A growable array of rules (heap, owned by the caller: free(v->items)). */
typedef struct ex_rule_vec {
    ex_rule *items;
    size_t n, cap;
} ex_rule_vec;

void ex_rule_vec_push(ex_rule_vec *v, ex_rule r);

/* page_glyphs.c: collects the characters of one page (extract_pass_page's
 * on_char, with an ex_glyph_sink as its data), whitespace left out, in
 * poppler's text order and page coordinates. extract_glyphs_take() moves
 * them into arena and empties the sink. */
typedef struct ex_glyph_sink {
    ex_glyph *items;            /* heap */
    size_t n, cap;
    int prev_was_glyph;
    const char *font;           /* the last font name seen, and whether */
    int font_bold, font_known;  /* it is bold */
} ex_glyph_sink;
void extract_glyphs_on_char(void *sink, const ex_pass_char *c);
void extract_glyphs_take(ex_glyph_sink *sink, pr_arena *arena,
                         ex_glyph **glyphs, size_t *n_glyphs);

/* page_rules.c: collects the visible ruling lines of one page, unmerged
 * (extract_pass_page's on_subpath, with an ex_rule_sink as its data);
 * appended to *h and *v. */
typedef struct ex_rule_sink {
    const ex_paint *paint;      /* of the path being looked at */
    ex_rule_vec *h, *v;
} ex_rule_sink;
void extract_rules_on_subpath(void *sink, const ex_paint *paint,
                              const double *xy, int n, int closed,
                              int curved);

/* rule_merge.c: joins touching collinear pieces into maximal rules, drops
 * what is too short to be a rule and what lies inside a glyph box (the
 * outline of stroked text). Sorts by pos, then from. In place. */
void extract_merge_rules(ex_rule_vec *rules, int vertical,
                         const ex_glyph *glyphs, size_t n_glyphs);

/* rule_merge.c: qsort order of ex_rule: by pos, then from, then to. */
int extract_rule_order(const void *a, const void *b);

/* page_orient.c: the clockwise turn (0, 90, 180, 270) of the page's
 * dominant text direction, voted by neighbouring glyphs. */
int extract_text_rotation(const ex_glyph *glyphs, size_t n_glyphs);

/* page_orient.c: turns glyphs and rules (unmerged, as horizontal and
 * vertical vectors) by -rotation so the text reads upright; updates
 * width/height. Horizontal and vertical rules swap for 90 and 270. */
void extract_turn_upright(int rotation, double *width, double *height,
                          ex_glyph *glyphs, size_t n_glyphs,
                          ex_rule_vec *hrules, ex_rule_vec *vrules);

/* glyph_lines.c: groups glyphs into lines and lines into segments.
 * glyphs are reordered in place. *lines is in arena. */
void extract_build_lines(ex_glyph *glyphs, size_t n_glyphs,
                         const ex_rule *vrules, size_t n_vrules,
                         pr_arena *arena, ex_line **lines, size_t *n_lines);

/* typed_rules.c: lines typed as rows of dashes become horizontal rules
 * of page (added in its arena, kept sorted) and leave its lines. */
void extract_typed_rules(ex_page *page);

/* line_segments.c: splits one line (glyphs sorted left to right) into
 * segments and sets line->text, line->segments. */
void extract_split_segments(ex_line *line, const ex_rule *vrules,
                            size_t n_vrules, pr_arena *arena);

/* cjk.c: whether cp is a CJK ideograph, kana, hangul or CJK/fullwidth
 * punctuation (text with no spaces between characters). */
int extract_is_cjk(uint32_t cp);

/* pdf_doc.c: the poppler page (owned: g_object_unref). */
PopplerPage *extract_doc_poppler_page(ex_doc *doc, int number);

/* page_ocr.c: a page read by OCR. The engine (ex_ocr) is the document's
 * (extract_doc_ocr), made on first use; extract_ocr_free(NULL) is a
 * no-op. extract_ocr_page() renders page number, straightens it, sends
 * its characters to text and its rules to h and v (page coordinates,
 * points), and fills info. Without tesseract and leptonica at build time
 * it fails (extract.h extract_ocr_version() is NULL then). */
typedef struct ex_ocr ex_ocr;
typedef struct ex_ocr_info {
    int dpi;
    int picture_dpi;            /* of the picture covering most of the page (1) */
    double confidence;          /* mean over the characters, 0-100 */
    double skew;                /* degrees turned to straighten it */
    size_t mended;              /* characters of numbers mended
                                   (page_ocr.c NOTES (7)) */
    size_t reread;              /* pieces read again as numbers (8) */
    size_t cells;               /* grid cells read again alone (10) */
    int turn;                   /* 0, 90 or 270: the page was read turned
                                   clockwise by this (9) */
} ex_ocr_info;
void extract_ocr_free(ex_ocr **ocr);

/* ocr_line_mend.c: known confusions in one OCR'd line c[0..n), mended in
 * place (a dropped character: code point 0); each returns how many
 * characters it changed. Numbers (NOTES (7)), brackets (NOTES (11)). */
size_t extract_ocr_mend_numbers(ex_pass_char *c, size_t n);
size_t extract_ocr_mend_brackets(ex_pass_char *c, size_t n);
int extract_ocr_is_digit(uint32_t cp);
int extract_ocr_is_sep(uint32_t cp);  /* . , ; : · inside a number */
pr_rc extract_ocr_page(ex_doc *doc, int number, ex_ocr **ocr, ex_glyph_sink *text,
                       ex_rule_vec *h, ex_rule_vec *v, ex_ocr_info *info, pr_error *err);

/* pdf_doc.c: the document's OCR engine slot (made by page_ocr.c on the
 * first scanned page, freed with the document). */
ex_ocr **extract_doc_ocr(ex_doc *doc);

/* pdf_doc.c: the document's page reader, opened on first use (borrowed);
 * NULL if core poppler cannot open what poppler-glib opened. */
ex_pass *extract_doc_pass(ex_doc *doc);

#endif
