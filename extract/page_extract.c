/*
 * page_extract.c — stage one for one page, in order: glyphs, ruling lines,
 * orientation, rule merging, lines and segments.
 *
 * NOTES
 *   (1) Rules are found before the page is turned upright and turned with
 *       the glyphs, so both are in one coordinate system before lines are
 *       split at vertical rules.
 *   (2) A page whose rendering fails keeps its text: the failure is noted
 *       in page->problem and the page has no rules.
 *   (3) /Rotate is not exposed by poppler-glib. poppler_page_get_size()
 *       gives the rotated size and the crop box the unrotated one; when the
 *       two differ by a quarter turn, the page is quarter_turned.
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
    PopplerPage *pp = extract_doc_poppler_page(doc, number);
    if (!pp)
        return pr_fail(err, PR_ERR_DAMAGED, "cannot read page %d", number);

    pr_arena *arena = pr_arena_new();
    ex_page *page = pr_arena_alloc(arena, sizeof *page);
    page->arena = arena;
    page->number = number;
    poppler_page_get_size(pp, &page->width, &page->height);
    PopplerRectangle crop;
    poppler_page_get_crop_box(pp, &crop);
    double cw = fabs(crop.x2 - crop.x1), ch = fabs(crop.y2 - crop.y1);
    page->quarter_turned = fabs(cw - ch) > 0.5 &&                   /* (3) */
                           fabs(page->width - ch) < 0.5 &&
                           fabs(page->height - cw) < 0.5;

    ex_glyph *glyphs;
    size_t n_glyphs;
    extract_page_glyphs(pp, arena, &glyphs, &n_glyphs);
    page->n_glyphs = n_glyphs;

    ex_rule_vec h = {0}, v = {0};
    if (!opts || opts->find_rules) {                                /* (1) */
        pr_error rerr = {0};
        if (extract_page_rules(extract_doc_rule_finder(doc), pp, page->width, page->height, &h, &v, &rerr) != PR_OK)
            page->problem = pr_arena_strndup(arena, rerr.message,
                                             strlen(rerr.message)); /* (2) */
    }
    page->rotation = extract_text_rotation(glyphs, n_glyphs);
    extract_turn_upright(page->rotation, &page->width, &page->height,
                         glyphs, n_glyphs, &h, &v);
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
    g_object_unref(pp);
    *out = page;
    (void)err;
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
