/*
 * rule_merge.c — from drawn pieces to ruling lines.
 *
 * Producers draw a grid line as one stroke, as one stroke per cell side, or
 * as a thin filled rectangle per cell side, often overlapping at the
 * corners and a fraction of a point apart. This joins pieces that lie on
 * the same line and touch into one maximal rule, so the rules stage two
 * sees do not depend on how the producer drew them.
 *
 * NOTES
 *   (1) Same line: centre lines within SAME_LINE points. Pieces are first
 *       grouped by position (a run of positions whose neighbours are within
 *       SAME_LINE, spread at most 2 * SAME_LINE), then merged by extent.
 *   (2) Touching: the gap along the line is at most TOUCH points.
 *   (3) A merged rule's position is the length-weighted mean of its pieces'
 *       positions; its width the largest width.
 *   (4) Pieces whose centre line lies inside a glyph box (give or take
 *       GLYPH_PAD: outlines overshoot the font's ascent) are the outline of
 *       stroked text, not rules. A grid line is never inside one glyph.
 *   (5) What is shorter than MIN_RULE, or not at least twice as long as it
 *       is thick, is a dot or a tick, not a rule.
 */
#include "extract_int.h"

#include <math.h>
#include <stdlib.h>

#define SAME_LINE  1.0
#define TOUCH      1.0
#define MIN_RULE   4.0
#define GLYPH_PAD  1.0

int extract_rule_order(const void *a, const void *b)
{
    const ex_rule *x = a, *y = b;
    if (x->pos != y->pos)
        return x->pos < y->pos ? -1 : 1;
    if (x->from != y->from)
        return x->from < y->from ? -1 : 1;
    return (x->to > y->to) - (x->to < y->to);
}

static int by_from(const void *a, const void *b)
{
    const ex_rule *x = a, *y = b;
    if (x->from != y->from)
        return x->from < y->from ? -1 : 1;
    if (x->to != y->to)
        return x->to < y->to ? -1 : 1;
    return (x->pos > y->pos) - (x->pos < y->pos);
}

static int inside_glyph(const ex_rule *r, int vertical, const ex_glyph *g,
                        size_t n)
{
    ex_box b = vertical ? (ex_box){r->pos, r->from, r->pos, r->to}
                        : (ex_box){r->from, r->pos, r->to, r->pos};
    for (size_t i = 0; i < n; i++) {
        const ex_box *q = &g[i].box;
        if (b.x0 >= q->x0 - GLYPH_PAD && b.x1 <= q->x1 + GLYPH_PAD &&
            b.y0 >= q->y0 - GLYPH_PAD && b.y1 <= q->y1 + GLYPH_PAD)
            return 1;
    }
    return 0;
}

/* Merges items[0..n) (one position group) by extent; appends to out. */
static size_t merge_group(ex_rule *items, size_t n, ex_rule *out)
{
    qsort(items, n, sizeof *items, by_from);
    size_t k = 0;
    for (size_t i = 0; i < n; ) {
        ex_rule m = items[i];
        double weighted = m.pos * (m.to - m.from), length = m.to - m.from;
        size_t j = i + 1;
        for (; j < n && items[j].from <= m.to + TOUCH; j++) {   /* (2) */
            const ex_rule *p = &items[j];
            weighted += p->pos * (p->to - p->from);
            length += p->to - p->from;
            m.to = fmax(m.to, p->to);
            m.width = fmax(m.width, p->width);
        }
        if (length > 0)
            m.pos = weighted / length;                          /* (3) */
        if (m.to - m.from >= MIN_RULE && m.to - m.from >= 2 * m.width)
            out[k++] = m;                                       /* (5) */
        i = j;
    }
    return k;
}

void extract_merge_rules(ex_rule_vec *rules, int vertical,
                         const ex_glyph *glyphs, size_t n_glyphs)
{
    size_t kept = 0;
    for (size_t i = 0; i < rules->n; i++)                       /* (4) */
        if (!inside_glyph(&rules->items[i], vertical, glyphs, n_glyphs))
            rules->items[kept++] = rules->items[i];
    rules->n = kept;
    if (rules->n == 0)
        return;
    qsort(rules->items, rules->n, sizeof *rules->items, extract_rule_order);

    ex_rule *out = pr_xmalloc(rules->n * sizeof *out);
    size_t n_out = 0;
    for (size_t i = 0; i < rules->n; ) {                        /* (1) */
        size_t j = i + 1;
        while (j < rules->n &&
               rules->items[j].pos - rules->items[j - 1].pos <= SAME_LINE &&
               rules->items[j].pos - rules->items[i].pos <= 2 * SAME_LINE)
            j++;
        n_out += merge_group(rules->items + i, j - i, out + n_out);
        i = j;
    }
    qsort(out, n_out, sizeof *out, extract_rule_order);
    free(rules->items);
    rules->items = out;
    rules->n = rules->cap = n_out;
}
