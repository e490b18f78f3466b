/*
 * typed_rules.c — rules typed as text: a line of dashes or underscores
 * ("-----------------") that a typewriter-style report prints under a
 * table's header instead of drawing a rule.
 *
 * Ownership: extract_typed_rules works in place on a page whose lines and
 * rules are in its arena; what it adds is in that arena too.
 *
 * NOTES
 *   (1) A typed rule is a line of MIN_DASHES glyphs or more, every one a
 *       dash, an underscore, an equals sign or a box-drawing line, and at
 *       least MIN_EM em long: a placeholder dash in a cell ("—", "——")
 *       is far shorter and shares its line with other text.
 *   (2) It becomes a horizontal rule at its vertical middle over its
 *       extent, as wide as its glyphs are thin, and leaves the lines: it
 *       is drawing, not text, and stage two then reads it as it reads a
 *       drawn rule (the rule under a header). Nothing is lost: the rule
 *       is in the page's rules.
 *   (3) Rules stay sorted by pos, then from (extract_merge_rules' order).
 */
#include "extract_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MIN_DASHES 8            /* (1) glyphs */
#define MIN_EM 6.0              /* (1) ems long */

static int dash(uint32_t cp)
{
    return cp == '-' || cp == '_' || cp == '=' || cp == 0x2010 || cp == 0x2012 ||
           cp == 0x2013 || cp == 0x2014 || cp == 0x2015 || cp == 0x2500 ||
           cp == 0x2501 || cp == 0x2550 || cp == 0xFF0D || cp == 0xFF3F;
}

/* (1) */
static int typed_rule(const ex_line *ln)
{
    if (ln->n_glyphs < MIN_DASHES)
        return 0;
    double em = 0;
    for (size_t k = 0; k < ln->n_glyphs; k++) {
        if (!dash(ln->glyphs[k].cp))
            return 0;
        em = fmax(em, ln->glyphs[k].size);
    }
    if (em <= 0)
        em = ln->box.y1 - ln->box.y0;
    return ln->box.x1 - ln->box.x0 >= MIN_EM * em;
}

void extract_typed_rules(ex_page *page)
{
    size_t typed = 0;
    for (size_t i = 0; i < page->n_lines; i++)
        typed += (size_t)typed_rule(&page->lines[i]);
    if (!typed)
        return;
    ex_rule *h = pr_arena_alloc(page->arena, (page->n_hrules + typed) * sizeof *h);
    if (page->n_hrules)
        memcpy(h, page->hrules, page->n_hrules * sizeof *h);
    size_t nh = page->n_hrules, kept = 0;
    for (size_t i = 0; i < page->n_lines; i++) {
        const ex_line *ln = &page->lines[i];
        if (!typed_rule(ln)) {
            page->lines[kept++] = *ln;
            continue;
        }
        double y = (ln->box.y0 + ln->box.y1) / 2;                   /* (2) */
        h[nh++] = (ex_rule){y, ln->box.x0, ln->box.x1, 0.5};
    }
    page->n_lines = kept;
    qsort(h, nh, sizeof *h, extract_rule_order);                   /* (3) */
    page->hrules = h;
    page->n_hrules = nh;
}
