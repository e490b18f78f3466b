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

/* A growable array of rules (heap, owned by the caller: free(v->items)). */
typedef struct ex_rule_vec {
    ex_rule *items;
    size_t n, cap;
} ex_rule_vec;

void ex_rule_vec_push(ex_rule_vec *v, ex_rule r);

/* page_glyphs.c: the characters of a poppler page, in poppler's text order,
 * whitespace left out, in poppler's page coordinates. *glyphs is in arena. */
pr_rc extract_page_glyphs(PopplerPage *page, pr_arena *arena,
                          ex_glyph **glyphs, size_t *n_glyphs);

/* page_rules.c: what finds ruling lines; one per document, reused for
 * every page. Owned: extract_rule_finder_free(). */
typedef struct ex_rule_finder ex_rule_finder;
ex_rule_finder *extract_rule_finder_new(void);
void extract_rule_finder_free(ex_rule_finder **finder);

/* page_rules.c: visible ruling lines of a poppler page, unmerged, in
 * poppler's page coordinates; appended to hrules/vrules. */
pr_rc extract_page_rules(ex_rule_finder *finder, PopplerPage *page,
                         double width, double height,
                         ex_rule_vec *hrules, ex_rule_vec *vrules,
                         pr_error *err);

/* rule_merge.c: joins touching collinear pieces into maximal rules, drops
 * what is too short to be a rule and what lies inside a glyph box (the
 * outline of stroked text). Sorts by pos, then from. In place. */
void extract_merge_rules(ex_rule_vec *rules, int vertical,
                         const ex_glyph *glyphs, size_t n_glyphs);

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

/* line_segments.c: splits one line (glyphs sorted left to right) into
 * segments and sets line->text, line->segments. */
void extract_split_segments(ex_line *line, const ex_rule *vrules,
                            size_t n_vrules, pr_arena *arena);

/* cjk.c: whether cp is a CJK ideograph, kana, hangul or CJK/fullwidth
 * punctuation (text with no spaces between characters). */
int extract_is_cjk(uint32_t cp);

/* pdf_doc.c: the poppler page (owned: g_object_unref). */
PopplerPage *extract_doc_poppler_page(ex_doc *doc, int number);

/* pdf_doc.c: the document's rule finder, made on first use (borrowed). */
ex_rule_finder *extract_doc_rule_finder(ex_doc *doc);

/* pdf_doc.c NOTES (5): the bytes poppler reads: a copy in which the
 * catalog's /OutputIntents key is renamed (same length), or bytes itself;
 * a new reference either way (g_bytes_unref). */
GBytes *extract_without_output_intents(GBytes *bytes);

#endif
