/*
 * glyph_lines.c — glyphs to lines: glyphs whose boxes sit on one baseline
 * form a line, read left to right; lines are ordered top to bottom.
 *
 * A line here spans the whole page width: two table columns printed on one
 * baseline are one line with two segments (line_segments.c splits them).
 *
 * NOTES
 *   (1) Same baseline: the vertical centres differ by at most SAME_LINE
 *       times the smaller of the glyph's and the line's mean height. Mixed
 *       fonts (CJK and Latin digits) differ by far less; a value centred
 *       beside a name wrapped onto two lines differs by about half a line
 *       pitch, so it stays a line of its own, as printed.
 *   (2) Glyphs are taken in order of their centre; each joins the nearest
 *       of the last LOOKBACK lines if it is on that baseline, otherwise it
 *       starts a line. Comparing with the line's running mean, not with
 *       its last glyph, keeps a slanted run of glyphs from chaining lines.
 *   (3) Superscripts and stray glyphs: a short line (at most SHORT glyphs)
 *       is folded into a neighbouring line when it overlaps that line
 *       vertically and sits right next to one of its glyphs with no
 *       vertical rule between them, provided it is smaller (superscript,
 *       footnote mark) or overlaps at least half its height (a glyph nudged
 *       off the baseline). Without this the mark would split its line.
 */
#include "extract_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SAME_LINE  0.35
#define LOOKBACK   3
#define SHORT      3

typedef struct line_acc {
    size_t *members;            /* glyph indices */
    size_t n, cap;
    double cy_sum, h_sum;
    ex_box box;
    float size;                 /* largest font size */
    int dead;                   /* folded into another line */
} line_acc;

/* qsort has no context argument, so the sort keys travel with the index */
typedef struct sort_key {
    double cy, x0;
    uint32_t order;
    size_t index;
} sort_key;

static double center_y(const ex_glyph *g)
{
    return (g->box.y0 + g->box.y1) / 2;
}

static double height(const ex_glyph *g)
{
    double h = g->box.y1 - g->box.y0;
    return h > 0.1 ? h : (g->size > 0 ? g->size : 1.0);
}

static int by_center(const void *a, const void *b)
{
    const sort_key *x = a, *y = b;
    if (x->cy != y->cy)
        return x->cy < y->cy ? -1 : 1;
    if (x->x0 != y->x0)
        return x->x0 < y->x0 ? -1 : 1;
    return (x->order > y->order) - (x->order < y->order);
}

static int by_x(const void *a, const void *b)
{
    const ex_glyph *x = a, *y = b;
    if (x->box.x0 != y->box.x0)
        return x->box.x0 < y->box.x0 ? -1 : 1;
    return (x->order > y->order) - (x->order < y->order);
}

static void acc_add(line_acc *l, const ex_glyph *glyphs, size_t gi)
{
    const ex_glyph *g = &glyphs[gi];
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 16;
        l->members = pr_xrealloc(l->members, l->cap * sizeof *l->members);
    }
    if (l->n == 0) {
        l->box = g->box;
    } else {
        l->box.x0 = fmin(l->box.x0, g->box.x0);
        l->box.y0 = fmin(l->box.y0, g->box.y0);
        l->box.x1 = fmax(l->box.x1, g->box.x1);
        l->box.y1 = fmax(l->box.y1, g->box.y1);
    }
    l->members[l->n++] = gi;
    l->cy_sum += center_y(g);
    l->h_sum += height(g);
    l->size = fmaxf(l->size, g->size);
}

static double acc_cy(const line_acc *l) { return l->cy_sum / (double)l->n; }
static double acc_h(const line_acc *l) { return l->h_sum / (double)l->n; }

static int rule_between(const ex_rule *v, size_t nv, double xa, double xb,
                        double y)
{
    double lo = fmin(xa, xb), hi = fmax(xa, xb);
    for (size_t i = 0; i < nv; i++)
        if (v[i].pos > lo && v[i].pos < hi &&
            v[i].from - 1 <= y && y <= v[i].to + 1)
            return 1;
    return 0;
}

/* (3): should short line s be folded into line b? */
static int folds_into(const line_acc *s, const line_acc *b,
                      const ex_glyph *glyphs, const ex_rule *v, size_t nv)
{
    double overlap = fmin(s->box.y1, b->box.y1) - fmax(s->box.y0, b->box.y0);
    double sh = s->box.y1 - s->box.y0;
    if (sh <= 0 || overlap <= 0.3 * sh)
        return 0;
    int smaller = s->size > 0 && b->size > 0 && s->size <= 0.85f * b->size;
    if (!smaller && overlap < 0.5 * sh)
        return 0;
    double em = b->size > 0 ? b->size : acc_h(b);
    for (size_t i = 0; i < s->n; i++) {
        const ex_box *sg = &glyphs[s->members[i]].box;
        for (size_t j = 0; j < b->n; j++) {
            const ex_box *bg = &glyphs[b->members[j]].box;
            double gap = fmax(sg->x0 - bg->x1, bg->x0 - sg->x1);
            if (gap <= 0.6 * em &&
                !rule_between(v, nv, (sg->x0 + sg->x1) / 2,
                              (bg->x0 + bg->x1) / 2, acc_cy(b)))
                return 1;
        }
    }
    return 0;
}

static void fold_short_lines(line_acc *lines, size_t n, const ex_glyph *glyphs,
                             const ex_rule *v, size_t nv)
{
    for (size_t i = 0; i < n; i++) {
        line_acc *s = &lines[i];
        if (s->dead || s->n > SHORT)
            continue;
        line_acc *best = NULL;
        for (size_t k = i > 4 ? i - 4 : 0; k < n && k <= i + 4; k++) {
            line_acc *b = &lines[k];
            if (k == i || b->dead || b->n <= s->n)
                continue;
            if (folds_into(s, b, glyphs, v, nv) &&
                (!best || fabs(acc_cy(b) - acc_cy(s)) < fabs(acc_cy(best) - acc_cy(s))))
                best = b;
        }
        if (!best)
            continue;
        double cy = best->cy_sum, h = best->h_sum;
        for (size_t m = 0; m < s->n; m++)
            acc_add(best, glyphs, s->members[m]);
        best->cy_sum = cy;          /* the mark does not move the baseline */
        best->h_sum = h * (double)best->n / (double)(best->n - s->n);
        s->dead = 1;
    }
}

static int by_line_top(const void *a, const void *b)
{
    const ex_line *x = a, *y = b;
    double cx = (x->box.y0 + x->box.y1) / 2, cy = (y->box.y0 + y->box.y1) / 2;
    if (fabs(cx - cy) > 0.01)
        return cx < cy ? -1 : 1;
    return (x->box.x0 > y->box.x0) - (x->box.x0 < y->box.x0);
}

void extract_build_lines(ex_glyph *glyphs, size_t n_glyphs,
                         const ex_rule *vrules, size_t n_vrules,
                         pr_arena *arena, ex_line **out, size_t *n_out)
{
    *out = NULL;
    *n_out = 0;
    if (n_glyphs == 0)
        return;
    sort_key *keys = pr_xmalloc(n_glyphs * sizeof *keys);
    for (size_t i = 0; i < n_glyphs; i++)
        keys[i] = (sort_key){center_y(&glyphs[i]), glyphs[i].box.x0,
                             glyphs[i].order, i};
    qsort(keys, n_glyphs, sizeof *keys, by_center);

    line_acc *lines = NULL;
    size_t n_lines = 0, cap = 0;
    for (size_t k = 0; k < n_glyphs; k++) {                     /* (2) */
        const ex_glyph *g = &glyphs[keys[k].index];
        line_acc *best = NULL;
        double best_d = INFINITY;
        for (size_t b = n_lines > LOOKBACK ? n_lines - LOOKBACK : 0; b < n_lines; b++) {
            double d = fabs(center_y(g) - acc_cy(&lines[b]));
            if (d <= SAME_LINE * fmin(height(g), acc_h(&lines[b])) && d < best_d) {
                best = &lines[b];
                best_d = d;
            }
        }
        if (!best) {
            if (n_lines == cap) {
                cap = cap ? cap * 2 : 64;
                lines = pr_xrealloc(lines, cap * sizeof *lines);
            }
            best = &lines[n_lines++];
            memset(best, 0, sizeof *best);
        }
        acc_add(best, glyphs, keys[k].index);
    }
    free(keys);
    fold_short_lines(lines, n_lines, glyphs, vrules, n_vrules);

    size_t alive = 0;
    for (size_t i = 0; i < n_lines; i++)
        alive += !lines[i].dead;
    ex_line *result = pr_arena_alloc(arena, alive * sizeof *result);
    size_t r = 0;
    for (size_t i = 0; i < n_lines; i++) {
        line_acc *l = &lines[i];
        if (!l->dead) {
            ex_line *line = &result[r++];
            line->box = l->box;
            line->n_glyphs = l->n;
            line->glyphs = pr_arena_alloc(arena, l->n * sizeof *line->glyphs);
            for (size_t m = 0; m < l->n; m++)
                line->glyphs[m] = glyphs[l->members[m]];
            qsort(line->glyphs, line->n_glyphs, sizeof *line->glyphs, by_x);
            extract_split_segments(line, vrules, n_vrules, arena);
        }
        free(l->members);
    }
    free(lines);
    qsort(result, alive, sizeof *result, by_line_top);
    *out = result;
    *n_out = alive;
}
