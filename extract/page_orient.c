/*
 * page_orient.c — which way the text on a page runs, and turning the page
 * so that it reads upright.
 *
 * poppler has already applied the page's /Rotate. What is left is content
 * printed sideways or upside down on an unrotated page (a landscape table
 * on a portrait page, the Excel and Word "rotate table" habit). The
 * direction is voted by neighbouring glyphs that poppler printed with no
 * break between them: the vector from one glyph's centre to the next says
 * which way that text advances.
 *
 * NOTES
 *   (1) Rotation is the clockwise turn of the text as printed: 90 means the
 *       text advances down the page (+y), 270 up the page (-y), 180 right
 *       to left. Turning upright applies the inverse.
 *   (2) One direction per page: the majority. Glyphs in the minority keep
 *       their (turned) positions and come out as short lines, never lost.
 *   (3) Under a quarter turn horizontal rules become vertical and back, so
 *       the two vectors swap.
 */
#include "extract_int.h"

#include <math.h>

int extract_text_rotation(const ex_glyph *glyphs, size_t n)
{
    size_t votes[4] = {0, 0, 0, 0};
    for (size_t i = 1; i < n; i++) {
        if (!glyphs[i].joined_prev)
            continue;
        const ex_box *a = &glyphs[i - 1].box, *b = &glyphs[i].box;
        double dx = (b->x0 + b->x1 - a->x0 - a->x1) / 2;
        double dy = (b->y0 + b->y1 - a->y0 - a->y1) / 2;
        if (fabs(dx) < 0.1 && fabs(dy) < 0.1)
            continue;
        if (fabs(dx) >= fabs(dy))
            votes[dx > 0 ? 0 : 2]++;
        else
            votes[dy > 0 ? 1 : 3]++;
    }
    int best = 0;
    for (int k = 1; k < 4; k++)
        if (votes[k] > votes[best])
            best = k;
    return best * 90;
}

/* The inverse of a clockwise turn by rotation, on a page w x h. */
static void turn_point(int rotation, double w, double h, double *x, double *y)
{
    double px = *x, py = *y;
    switch (rotation) {
    case 90:  *x = py;     *y = w - px; break;
    case 180: *x = w - px; *y = h - py; break;
    case 270: *x = h - py; *y = px;     break;
    default: break;
    }
}

static ex_box turn_box(int rotation, double w, double h, ex_box b)
{
    double x0 = b.x0, y0 = b.y0, x1 = b.x1, y1 = b.y1;
    turn_point(rotation, w, h, &x0, &y0);
    turn_point(rotation, w, h, &x1, &y1);
    ex_box r = {fmin(x0, x1), fmin(y0, y1), fmax(x0, x1), fmax(y0, y1)};
    return r;
}

static void turn_rules(int rotation, double w, double h, ex_rule_vec *v,
                       int vertical)
{
    for (size_t i = 0; i < v->n; i++) {
        ex_rule *r = &v->items[i];
        ex_box b = vertical ? (ex_box){r->pos, r->from, r->pos, r->to}
                            : (ex_box){r->from, r->pos, r->to, r->pos};
        b = turn_box(rotation, w, h, b);
        int now_vertical = (rotation == 90 || rotation == 270) ? !vertical : vertical;
        if (now_vertical) {
            r->pos = b.x0;
            r->from = b.y0;
            r->to = b.y1;
        } else {
            r->pos = b.y0;
            r->from = b.x0;
            r->to = b.x1;
        }
    }
}

void extract_turn_upright(int rotation, double *width, double *height,
                          ex_glyph *glyphs, size_t n_glyphs,
                          ex_rule_vec *hrules, ex_rule_vec *vrules)
{
    if (rotation == 0)
        return;
    double w = *width, h = *height;
    for (size_t i = 0; i < n_glyphs; i++)
        glyphs[i].box = turn_box(rotation, w, h, glyphs[i].box);
    turn_rules(rotation, w, h, hrules, 0);
    turn_rules(rotation, w, h, vrules, 1);
    if (rotation == 90 || rotation == 270) {
        ex_rule_vec t = *hrules;                    /* (3) */
        *hrules = *vrules;
        *vrules = t;
        *width = h;
        *height = w;
    }
}
