/*
 * page_extract.c — stage one for one page, in order: glyphs and ruling
 * lines (one pass, page_pass.cc), orientation, rule merging, lines and
 * segments.
 *
 * NOTES
 *   (1) Rules are found before the page is turned upright and turned with
 *       the glyphs, so both are in one coordinate system before lines are
 *       split at vertical rules.
 *   (2) A page poppler cannot read is PR_ERR_DAMAGED for that page; the
 *       caller lists it and goes on with the next page (doc_walk.c (5)).
 *   (3) The page's size as shown (/Rotate applied) and its crop box as
 *       drawn: when the two differ by a quarter turn, the page is
 *       quarter_turned.
 *   (4) A scanned page is read by OCR (page_ocr.c) when opts->ocr says so:
 *       auto, a page that drew a picture and no character at all (not one
 *       hidden either: a page of invisible text over its picture carries
 *       a scan's own OCR layer, which is kept); force, any page that drew
 *       a picture, its text layer replaced. Its characters and rules then
 *       go through the rest of stage one like any others.
 *   (5) A line typed as a row of dashes is a rule (typed_rules.c), found
 *       with the drawn ones: --no-rules keeps it as text.
 */
#include "extract_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static ex_rule *copy_rules(pr_arena *arena, const ex_rule_vec *v)
{
    ex_rule *r = pr_arena_alloc(arena, v->n * sizeof *r);
    for (size_t i = 0; i < v->n; i++)
        r[i] = v->items[i];
    return r;
}

pr_rc extract_page(ex_doc *doc, int number, const ex_options *opts,
                   ex_page **out, pr_error *err)
{
    *out = NULL;
    ex_pass *pass = extract_doc_pass(doc);
    double width, height, cw, ch;
    if (!pass || extract_pass_page_size(pass, number, &width, &height, &cw, &ch) != 0)
        return pr_fail(err, PR_ERR_DAMAGED, "cannot read page %d: the page tree has "
                       "no page object there", number);                     /* (2) */

    pr_arena *arena = pr_arena_new();
    ex_page *page = pr_arena_alloc(arena, sizeof *page);
    page->arena = arena;
    page->number = number;
    page->width = width;
    page->height = height;
    page->quarter_turned = fabs(cw - ch) > 0.5 &&                   /* (3) */
                           fabs(page->width - ch) < 0.5 &&
                           fabs(page->height - cw) < 0.5;

    ex_glyph_sink text = {0};
    ex_rule_vec h = {0}, v = {0};
    ex_rule_sink rules = {NULL, &h, &v};
    int find_rules = !opts || opts->find_rules;                     /* (1) */
    ex_pass_counts counts = {0, 0, 0, 0};
    if (extract_pass_page(pass, number, extract_glyphs_on_char, &text,
                          find_rules ? extract_rules_on_subpath : NULL, &rules,
                          &counts) != 0) {
        free(text.items);
        free(h.items);
        free(v.items);
        pr_arena_free(&arena);
        return pr_fail(err, PR_ERR_DAMAGED, "cannot read page %d", number); /* (2) */
    }
    int ocr_turn = -1;                  /* read upright by OCR: its turn */
    int scanned = counts.images > 0 && opts &&                     /* (4) */
                  ((opts->ocr == EX_OCR_AUTO && text.n == 0 && counts.hidden == 0) ||
                   opts->ocr == EX_OCR_FORCE);
    if (scanned) {
        ex_ocr_info info;
        free(text.items);
        text = (ex_glyph_sink){0};
        pr_rc rc = extract_ocr_page(doc, number, extract_doc_ocr(doc), &text,
                                    &h, &v, &info, err);
        if (rc != PR_OK) {
            free(text.items);
            free(h.items);
            free(v.items);
            pr_arena_free(&arena);
            return rc;
        }
        page->ocr_dpi = info.dpi;
        page->ocr_picture_dpi = info.picture_dpi;
        page->ocr_confidence = info.confidence;
        page->ocr_skew = info.skew;
        ocr_turn = info.turn;
        counts.ocr = 0;
    }
    ex_glyph *glyphs;
    size_t n_glyphs;
    extract_glyphs_take(&text, arena, &glyphs, &n_glyphs);
    page->n_glyphs = n_glyphs;
    page->n_hidden = (size_t)counts.hidden;
    page->n_ocr = (size_t)counts.ocr;
    page->n_images = (size_t)counts.images;
    page->n_untrusted = (size_t)counts.untrusted;
    if (ocr_turn >= 0) {                /* page_ocr.c (9): already upright */
        page->rotation = ocr_turn;
        if (ocr_turn == 90 || ocr_turn == 270) {
            double t = page->width;
            page->width = page->height;
            page->height = t;
        }
    } else {
        page->rotation = extract_text_rotation(glyphs, n_glyphs);
        extract_turn_upright(page->rotation, &page->width, &page->height,
                             glyphs, n_glyphs, &h, &v);
    }
    extract_merge_rules(&h, 0, glyphs, n_glyphs);
    extract_merge_rules(&v, 1, glyphs, n_glyphs);
    page->hrules = copy_rules(arena, &h);
    page->n_hrules = h.n;
    page->vrules = copy_rules(arena, &v);
    page->n_vrules = v.n;
    free(h.items);
    free(v.items);

    extract_build_lines(glyphs, n_glyphs, page->vrules, page->n_vrules, arena,
                        &page->lines, &page->n_lines);
    if (find_rules)
        extract_typed_rules(page);                                  /* (5) */
    *out = page;
    return PR_OK;
}

void extract_page_free(ex_page **page)
{
    if (!page || !*page)
        return;
    pr_arena *arena = (*page)->arena;
    pr_arena_free(&arena);
    *page = NULL;
}
