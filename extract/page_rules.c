/*
 * page_rules.c — the ruling lines of a page: visible, thin, straight,
 * axis-parallel marks drawn as stroked lines or as thin filled rectangles.
 *
 * The painted paths come from page_pass.cc (core poppler's interpreter,
 * in the pass that reads the text), each with its colour, line width,
 * caps and clip: the geometry is exact, in vector form, no pixel
 * guessing. This file decides which of them are rules.
 *
 * NOTES
 *   (1) Visible means: a solid source, alpha >= MIN_ALPHA and luminance
 *       <= MAX_LUMINANCE. Word draws hundreds of white rectangles per page
 *       (cell padding); they are not rules. Patterns and shadings are
 *       left out.
 *   (2) Thin means at most MAX_THICKNESS points across, long means at least
 *       twice as long as thick (up to RATIO_EPS: a 1.44 x 0.72 bar is one
 *       whatever the last bit of its coordinates). Wide fills (cell
 *       shading, backgrounds) and thick strokes are not rules.
 *   (3) A piece is kept only where its centre line is inside the clip (at
 *       least half its width shows), cut to the clip's box. WPS clips each
 *       table to a box that ends 0.2 pt before the table's right border,
 *       which is stroked anyway and never shows; that border is not a
 *       rule. What lies off the page is cut away the same way (the page
 *       is the first clip).
 *   (4) Pieces are returned unmerged; rule_merge.c joins them.
 *   (5) A stroked path with curves is an outline (Excel and Word make
 *       bold text by stroking the glyph outlines), never a grid line; a
 *       filled subpath with curves is not a bar.
 *   (6) iText draws each cell border as a filled quadrilateral with
 *       mitered ends: a thin bar whose short edges are slanted, cutting
 *       the corners where two borders meet. A slanted edge no longer than
 *       the bar is thick is such a cut; the bar is a rule over its whole
 *       extent. A longer slanted edge is a shape, not a rule.
 *   (7) Most clips are upright rectangles and the cut to the clip's box
 *       is exact. Under any other clip the reader cuts the centre line to
 *       the clip itself, which can leave several pieces (a frame-shaped
 *       clip); each is a piece of rule.
 */
#include "extract_int.h"


#include <math.h>
#include <stdlib.h>

#define MIN_ALPHA      0.25
#define MAX_LUMINANCE  0.88
#define MAX_THICKNESS  4.0
#define MIN_PIECE      0.5      /* shorter pieces are noise */
#define AXIS_SLOPE     0.02     /* |dy/dx| below which a segment is level */
#define RATIO_EPS      0.01    /* slack in "twice as long as thick" */
#define MAX_SPANS      64       /* pieces of one line under one clip */

void ex_rule_vec_push(ex_rule_vec *v, ex_rule r)
{
    if (v->n == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 64;
        v->items = pr_xrealloc(v->items, v->cap * sizeof *v->items);
    }
    v->items[v->n++] = r;
}

static int paint_is_visible(const ex_paint *p)                     /* (1) */
{
    double luminance = 0.2126 * p->r + 0.7152 * p->g + 0.0722 * p->b;
    return p->solid && p->alpha >= MIN_ALPHA && luminance <= MAX_LUMINANCE;
}

/* Adds a rule along one axis after cutting it to the clip (3). */
static void add_rule(ex_rule_sink *c, int vertical, double pos, double from,
                     double to, double width)
{
    const ex_paint *p = c->paint;
    double lo = vertical ? p->clip_y0 : p->clip_x0;
    double hi = vertical ? p->clip_y1 : p->clip_x1;
    double across_lo = vertical ? p->clip_x0 : p->clip_y0;
    double across_hi = vertical ? p->clip_x1 : p->clip_y1;
    if (pos < across_lo || pos > across_hi)
        return;
    from = fmax(from, lo);
    to = fmin(to, hi);
    if (to - from < MIN_PIECE || width > MAX_THICKNESS || width <= 0.01)
        return;
    double spans[2 * MAX_SPANS] = {from, to};
    int n = p->clip_is_box ? 1 : p->clip_spans(p->clip, vertical, pos, from, to, spans, MAX_SPANS); /* (7) */
    for (int i = 0; i < n; i++) {
        if (spans[2 * i + 1] - spans[2 * i] < MIN_PIECE)
            continue;
        ex_rule r = {pos, spans[2 * i], spans[2 * i + 1], width};
        ex_rule_vec_push(vertical ? c->v : c->h, r);
    }
}

static void stroke_subpath(ex_rule_sink *c, const ex_paint *p, const double *xy,
                           int n, int closed)
{
    double width = p->width;
    double cap = p->butt_caps ? 0 : width / 2;
    int segments = closed ? n : n - 1;
    for (int i = 0; i < segments; i++) {
        int j = (i + 1) % n;
        double x0 = xy[2 * i], y0 = xy[2 * i + 1];
        double x1 = xy[2 * j], y1 = xy[2 * j + 1];
        double dx = fabs(x1 - x0), dy = fabs(y1 - y0);
        if (dy <= AXIS_SLOPE * dx)
            add_rule(c, 0, (y0 + y1) / 2, fmin(x0, x1) - cap, fmax(x0, x1) + cap, width);
        else if (dx <= AXIS_SLOPE * dy)
            add_rule(c, 1, (x0 + x1) / 2, fmin(y0, y1) - cap, fmax(y0, y1) + cap, width);
    }
}

/* A filled subpath counts only if it is an axis-parallel rectangle, or
 * (6) a thin quadrilateral whose only slanted edges cut its corners. */
static void fill_subpath(ex_rule_sink *c, const double *xy, int n)
{
    if (n == 5 && fabs(xy[0] - xy[8]) < 0.01 && fabs(xy[1] - xy[9]) < 0.01)
        n = 4;                              /* explicitly closed */
    if (n != 4)
        return;
    ex_box b = {INFINITY, INFINITY, -INFINITY, -INFINITY};
    for (int i = 0; i < 4; i++) {
        b.x0 = fmin(b.x0, xy[2 * i]);
        b.x1 = fmax(b.x1, xy[2 * i]);
        b.y0 = fmin(b.y0, xy[2 * i + 1]);
        b.y1 = fmax(b.y1, xy[2 * i + 1]);
    }
    double thick = fmin(b.x1 - b.x0, b.y1 - b.y0);
    for (int i = 0; i < 4; i++) {
        int j = (i + 1) % 4;
        double dx = fabs(xy[2 * j] - xy[2 * i]);
        double dy = fabs(xy[2 * j + 1] - xy[2 * i + 1]);
        if (dx > 0.05 && dy > 0.05 && (dx > thick + 0.05 || dy > thick + 0.05))
            return;                         /* a slanted edge, not a corner cut */
    }
    double w = b.x1 - b.x0, h = b.y1 - b.y0;
    if (h <= w && w >= 2 * h - RATIO_EPS)                          /* (2) */
        add_rule(c, 0, (b.y0 + b.y1) / 2, b.x0, b.x1, h);
    else if (w < h && h >= 2 * w - RATIO_EPS)
        add_rule(c, 1, (b.x0 + b.x1) / 2, b.y0, b.y1, w);
}

void extract_rules_on_subpath(void *sink, const ex_paint *p, const double *xy,
                              int n, int closed, int curved)
{
    ex_rule_sink *c = sink;
    if (!paint_is_visible(p))
        return;
    c->paint = p;
    if (p->stroke && !p->curved)                                    /* (5) */
        stroke_subpath(c, p, xy, n, closed);
    else if (!p->stroke && !curved)
        fill_subpath(c, xy, n);
}

