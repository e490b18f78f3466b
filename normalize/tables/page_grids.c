/*
 * page_grids.c — ruled grids: the ruling lines of a page grouped into
 * tables, each cut into atomic cells, and merged cells found from the
 * borders that are not drawn.
 *
 * NOTES
 *   (1) Rules belong to one grid when they cross or touch (within TOUCH
 *       points); a grid needs two horizontal rules. With two vertical rules
 *       too it is a full grid; without, its columns come from the text
 *       (text_columns.c) and has_vrules is 0.
 *   (2) Column edges are the distinct x of the vertical rules, row edges
 *       the distinct y of the horizontal ones, clustered within SAME; the
 *       grid's outer box adds an edge where the outline is not drawn,
 *       unless the column it makes is empty: a horizontal rule a little
 *       wider than the table makes no column.
 *   (3) Two neighbouring atomic cells are one merged cell when the border
 *       between them is not drawn at the middle of their common side, and
 *       side by side (not one above the other) only when the text does
 *       not stand apart at it: a partly ruled grid (issue 14) draws its
 *       column edges in the header alone, and its body rows, their
 *       values either side of each undrawn edge with nothing within APART
 *       of it and a number next to it, are no merged cells (Austria | 86.2
 *       | 13.8 | 0 | 3, not Austria86.213.803). Text across the edge (a
 *       name), on one side only, or with no number at the edge (合 计
 *       spaced out across a merged cell) keeps the cells merged. A merged cell is owned
 *       by its top-left atomic cell: that is where its text goes
 *       (GT-FORMAT: "value in the first (top/left) cell").
 *   (4) A glyph goes to the cell that contains its centre, never to the
 *       nearest one: a character touching a border is still inside.
 *   (5) Columns are the body's: a vertical rule drawn only across header
 *       rows, with a body rule a little to its side (Word tables whose
 *       header row has its own cell widths), makes no column; the header
 *       cells it bounds keep their border, moved onto that body rule
 *       (tb_grid.alt), so 功能科目编码 and 功能科目名称 stay two header
 *       cells (table_grid_drop_header_edges). A header rule with no body
 *       rule near it stays: the body may simply be one merged 合计 row.
 *   (6) Rows that a grid does not rule apart (issue 14): a ruled row in
 *       which two columns or more each stack STACKED_LINES lines of
 *       numbers or more (a table with column rules and no rule between its
 *       body rows) is cut into rows between its lines of numbers, at the
 *       middle of each gap: virtual row edges (tb_grid.virtual_ys), which
 *       border cells like drawn rules. A wrapped name or a wrapped amount
 *       (800.0 + 0) in one column stacks in one column only.
 *   (7) Horizontal rules with no vertical rule are one rules-only grid
 *       when stacked with about the same extent, except across a barrier:
 *       a table's title line between them (a label and a title: "TABLE 4.
 *       Number of deaths ..."). Three three-line tables printed one under
 *       the other, their rules all as wide as the page's column, are three
 *       grids, not one whose rows glue the tables' rows together.
 */
#include "table_int.h"
#include "arena.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define TOUCH 3.0
#define SAME 1.5
#define MIN_GAP 3.0
#define NEAR_EDGE 25.0
#define STACKED_LINES 3         /* (6) lines of numbers stacked in one cell */
#define APART 1.0               /* (3) points of clear space at an edge */

static size_t uf_find(size_t *p, size_t i)
{
    while (p[i] != i) {
        p[i] = p[p[i]];
        i = p[i];
    }
    return i;
}

static void uf_union(size_t *p, size_t a, size_t b)
{
    a = uf_find(p, a);
    b = uf_find(p, b);
    if (a < b)
        p[b] = a;
    else if (b < a)
        p[a] = b;
}

static int crosses(const ex_rule *h, const ex_rule *v)
{
    return v->pos >= h->from - TOUCH && v->pos <= h->to + TOUCH &&
           h->pos >= v->from - TOUCH && h->pos <= v->to + TOUCH;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* (2): sorted distinct values of v[0..n), plus lo/hi when not near. */
static double *edges(double *v, size_t n, double lo, double hi,
                     pr_arena *arena, size_t *n_out)
{
    qsort(v, n, sizeof *v, cmp_double);
    double *e = pr_arena_alloc(arena, (n + 2) * sizeof *e);
    size_t k = 0;
    e[k++] = lo;
    for (size_t i = 0; i < n; i++) {
        if (v[i] - e[k - 1] >= MIN_GAP)
            e[k++] = v[i];
        else if (k > 1)
            e[k - 1] = (e[k - 1] + v[i]) / 2;   /* a double line: its middle */
        else
            e[0] = fmin(e[0], v[i]);
    }
    if (hi - e[k - 1] >= MIN_GAP)
        e[k++] = hi;
    else
        e[k - 1] = fmax(e[k - 1], hi);
    *n_out = k;
    return e;
}

static int has_vborder(const ex_page *pg, const size_t *members, size_t nm,
                       size_t nh, double x, double ymid)
{
    for (size_t i = 0; i < nm; i++) {
        if (members[i] < nh)
            continue;
        const ex_rule *v = &pg->vrules[members[i] - nh];
        if (fabs(v->pos - x) <= SAME + v->width && ymid >= v->from - 1 && ymid <= v->to + 1)
            return 1;
    }
    return 0;
}

static int has_hborder(const ex_page *pg, const size_t *members, size_t nm,
                       size_t nh, double y, double xmid)
{
    for (size_t i = 0; i < nm; i++) {
        if (members[i] >= nh)
            continue;
        const ex_rule *h = &pg->hrules[members[i]];
        if (fabs(h->pos - y) <= SAME + h->width && xmid >= h->from - 1 && xmid <= h->to + 1)
            return 1;
    }
    return 0;
}

/* Whether any glyph centre of the page lies in [x0, x1] x [y0, y1]. */
static int has_text(const ex_page *pg, double x0, double x1, double y0, double y1)
{
    for (size_t li = 0; li < pg->n_lines; li++) {
        const ex_line *ln = &pg->lines[li];
        if (ln->box.y1 < y0 || ln->box.y0 > y1)
            continue;
        for (size_t k = 0; k < ln->n_glyphs; k++) {
            double x = (ln->glyphs[k].box.x0 + ln->glyphs[k].box.x1) / 2;
            double y = (ln->glyphs[k].box.y0 + ln->glyphs[k].box.y1) / 2;
            if (x >= x0 && x <= x1 && y >= y0 && y <= y1)
                return 1;
        }
    }
    return 0;
}

static int is_rule_x(const double *vx, size_t n, double x)
{
    for (size_t i = 0; i < n; i++)
        if (fabs(vx[i] - x) <= SAME)
            return 1;
    return 0;
}

/* (2): an outer column that only a horizontal rule's overhang made (no
 * vertical rule on its outer side, no text in it) is no column. */
static void trim_outer_columns(const ex_page *pg, tb_grid *g, const double *vx, size_t n_v)
{
    if (g->n_cols > 1 && !is_rule_x(vx, n_v, g->xs[0]) &&
        !has_text(pg, g->xs[0], g->xs[1], g->box.y0, g->box.y1)) {
        g->xs++;
        g->n_cols--;
        g->box.x0 = g->xs[0];
    }
    if (g->n_cols > 1 && !is_rule_x(vx, n_v, g->xs[g->n_cols]) &&
        !has_text(pg, g->xs[g->n_cols - 1], g->xs[g->n_cols], g->box.y0, g->box.y1)) {
        g->n_cols--;
        g->box.x1 = g->xs[g->n_cols];
    }
}

/* (3): owner of every atomic cell from the borders that are drawn. */
/* (3): whether the text of the band y0..y1 stands apart at edge x,
 * between x_left and x_right: glyphs on both sides, none within APART
 * of the edge (a word, a number or a run of CJK text across it would),
 * and a number ending or starting at it (合 计 spaced out across a merged
 * cell is one text). */
static int text_apart(const ex_page *pg, double x, double x_left, double x_right,
                      double y0, double y1)
{
    const ex_glyph *left = NULL, *right = NULL;     /* the nearest either side */
    for (size_t li = 0; li < pg->n_lines; li++) {
        const ex_line *ln = &pg->lines[li];
        if (ln->box.y1 < y0 || ln->box.y0 > y1)
            continue;
        for (size_t k = 0; k < ln->n_glyphs; k++) {
            const ex_glyph *gl = &ln->glyphs[k];
            const ex_box *b = &gl->box;
            double cy = (b->y0 + b->y1) / 2;
            if (cy < y0 || cy > y1 || b->x1 < x_left || b->x0 > x_right)
                continue;
            if (b->x0 < x + APART && b->x1 > x - APART)
                return 0;
            if (b->x1 <= x && (!left || b->x1 > left->box.x1))
                left = gl;
            if (b->x0 >= x && (!right || b->x0 < right->box.x0))
                right = gl;
        }
    }
    return left && right && ((left->cp >= '0' && left->cp <= '9') ||
                             (right->cp >= '0' && right->cp <= '9'));
}

static void find_merges(tb_grid *g, pr_arena *arena)
{
    const ex_page *pg = g->page;
    size_t nh = pg->n_hrules, nm = g->n_members;
    const size_t *members = g->members;
    size_t n = g->n_rows * g->n_cols;
    size_t *p = pr_arena_alloc(arena, n * sizeof *p);
    for (size_t i = 0; i < n; i++)
        p[i] = i;
    for (size_t r = 0; r < g->n_rows; r++) {
        double ymid = (g->ys[r] + g->ys[r + 1]) / 2;
        for (size_t c = 0; c < g->n_cols; c++) {
            double xmid = (g->xs[c] + g->xs[c + 1]) / 2;
            if (c + 1 < g->n_cols && g->has_vrules &&
                !has_vborder(pg, members, nm, nh, g->xs[c + 1], ymid) &&
                !(g->alt && g->alt[c + 1] > 0 &&
                  has_vborder(pg, members, nm, nh, g->alt[c + 1], ymid)) &&
                !text_apart(pg, g->xs[c + 1], g->xs[c], g->xs[c + 2], g->ys[r], g->ys[r + 1]))
                uf_union(p, r * g->n_cols + c, r * g->n_cols + c + 1);
            if (r + 1 < g->n_rows && !(g->virtual_ys && g->virtual_ys[r + 1]) &&
                !has_hborder(pg, members, nm, nh, g->ys[r + 1], xmid))
                uf_union(p, r * g->n_cols + c, (r + 1) * g->n_cols + c);
        }
    }
    for (size_t i = 0; i < n; i++)
        p[i] = uf_find(p, i);
    g->owner = p;
}

/* (6): whether the glyphs of line ln between x0 and x1 are a number
 * (digits, and only separators, signs and marks besides: no letter). */
static int number_in(const ex_line *ln, double x0, double x1, double *y0, double *y1)
{
    int digits = 0, other = 0;
    for (size_t k = 0; k < ln->n_glyphs; k++) {
        const ex_glyph *gl = &ln->glyphs[k];
        double cx = (gl->box.x0 + gl->box.x1) / 2;
        if (cx < x0 || cx > x1)
            continue;
        uint32_t cp = gl->cp;
        if (cp >= '0' && cp <= '9')
            digits++;
        else if (cp < 0x80 ? ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') : cp >= 0x2E80)
            other++;                    /* a letter or CJK: text */
        *y0 = fmin(*y0, gl->box.y0);
        *y1 = fmax(*y1, gl->box.y1);
    }
    return digits > 0 && other == 0;
}

static int by_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* (6): row edges added inside ruled rows that stack lines of numbers. */
static void split_stacked_rows(tb_grid *g, pr_arena *arena)
{
    const ex_page *pg = g->page;
    double *cuts = malloc((pg->n_lines + 1) * sizeof *cuts);
    double *tops = malloc((pg->n_lines + 1) * sizeof *tops);
    double *bottoms = malloc((pg->n_lines + 1) * sizeof *bottoms);
    size_t n_cuts = 0;
    for (size_t r = 0; r < g->n_rows; r++) {
        size_t n_lines = 0, stacked = 0;
        for (size_t c = 0; c < g->n_cols; c++) {
            size_t in_cell = 0;
            for (size_t li = 0; li < pg->n_lines; li++) {
                const ex_line *ln = &pg->lines[li];
                double cy = (ln->box.y0 + ln->box.y1) / 2, y0 = 1e9, y1 = -1e9;
                if (cy <= g->ys[r] || cy >= g->ys[r + 1] ||
                    !number_in(ln, g->xs[c], g->xs[c + 1], &y0, &y1))
                    continue;
                in_cell++;
                int seen = 0;                   /* each line's band once */
                for (size_t k = 0; k < n_lines && !seen; k++)
                    seen = fabs(tops[k] - y0) < 2 && fabs(bottoms[k] - y1) < 2;
                if (!seen && n_lines < pg->n_lines) {
                    tops[n_lines] = y0;
                    bottoms[n_lines++] = y1;
                }
            }
            stacked += in_cell >= STACKED_LINES;
        }
        if (stacked < 2 || n_lines < STACKED_LINES)
            continue;
        qsort(tops, n_lines, sizeof *tops, by_double);
        qsort(bottoms, n_lines, sizeof *bottoms, by_double);
        for (size_t k = 0; k + 1 < n_lines && n_cuts < pg->n_lines; k++)
            if (tops[k + 1] > bottoms[k])       /* a gap between two lines */
                cuts[n_cuts++] = (bottoms[k] + tops[k + 1]) / 2;
    }
    free(tops);
    free(bottoms);
    if (n_cuts) {
        size_t ny = g->n_rows + 1 + n_cuts;
        double *ys = pr_arena_alloc(arena, ny * sizeof *ys);
        unsigned char *virt = pr_arena_alloc(arena, ny);
        memset(virt, 0, ny);
        size_t k = 0, j = 0;
        qsort(cuts, n_cuts, sizeof *cuts, by_double);
        for (size_t i = 0; i <= g->n_rows; i++) {
            while (j < n_cuts && cuts[j] < g->ys[i]) {
                virt[k] = 1;
                ys[k++] = cuts[j++];
            }
            ys[k++] = g->ys[i];
        }
        g->ys = ys;
        g->virtual_ys = virt;
        g->n_rows = ny - 1;
    }
    free(cuts);
}

/* Builds the grid of one component (members: rule indexes, h first). */
static int build_grid(const ex_page *pg, const size_t *members, size_t nm,
                      pr_arena *arena, tb_grid *g)
{
    size_t nh = pg->n_hrules, n_h = 0, n_v = 0;
    double *hy = malloc((nm + 1) * sizeof *hy), *vx = malloc((nm + 1) * sizeof *vx);
    ex_box b = {1e9, 1e9, -1e9, -1e9};
    for (size_t i = 0; i < nm; i++) {
        if (members[i] < nh) {
            const ex_rule *h = &pg->hrules[members[i]];
            hy[n_h++] = h->pos;
            b.x0 = fmin(b.x0, h->from); b.x1 = fmax(b.x1, h->to);
            b.y0 = fmin(b.y0, h->pos);  b.y1 = fmax(b.y1, h->pos);
        } else {
            const ex_rule *v = &pg->vrules[members[i] - nh];
            vx[n_v++] = v->pos;
            b.y0 = fmin(b.y0, v->from); b.y1 = fmax(b.y1, v->to);
            b.x0 = fmin(b.x0, v->pos);  b.x1 = fmax(b.x1, v->pos);
        }
    }
    int ok = n_h >= 2 && b.y1 - b.y0 >= MIN_GAP && b.x1 - b.x0 >= 20;
    if (ok) {
        memset(g, 0, sizeof *g);
        g->box = b;
        g->has_vrules = n_v >= 2;
        size_t nx, ny;
        g->xs = edges(vx, g->has_vrules ? n_v : 0, b.x0, b.x1, arena, &nx);
        g->ys = edges(hy, n_h, b.y0, b.y1, arena, &ny);
        g->n_cols = nx - 1;
        g->n_rows = ny - 1;
        ok = g->n_cols >= 1 && g->n_rows >= 1;
    }
    if (ok && g->has_vrules)
        trim_outer_columns(pg, g, vx, n_v);
    if (ok) {
        g->page = pg;
        g->members = pr_arena_alloc(arena, nm * sizeof *g->members);
        memcpy(g->members, members, nm * sizeof *g->members);
        g->n_members = nm;
        if (g->has_vrules)
            split_stacked_rows(g, arena);                       /* (6) */
        find_merges(g, arena);
    }
    free(hy);
    free(vx);
    return ok;
}

static int by_top(const void *a, const void *b)
{
    const tb_grid *x = a, *y = b;
    return (x->box.y0 > y->box.y0) - (x->box.y0 < y->box.y0);
}

/* (7): whether a barrier lies between heights a and b. */
static int barrier_between(const double *barriers, size_t n, double a, double b)
{
    double lo = fmin(a, b), hi = fmax(a, b);
    for (size_t i = 0; i < n; i++)
        if (barriers[i] > lo && barriers[i] < hi)
            return 1;
    return 0;
}

size_t table_find_grids(const ex_page *pg, const double *barriers, size_t n_barriers,
                        pr_arena *arena, tb_grid **grids)
{
    size_t nh = pg->n_hrules, n = nh + pg->n_vrules;
    *grids = NULL;
    if (nh < 2)
        return 0;
    size_t *p = malloc(n * sizeof *p);
    for (size_t i = 0; i < n; i++)
        p[i] = i;
    for (size_t i = 0; i < nh; i++)                                  /* (1) */
        for (size_t j = 0; j < pg->n_vrules; j++)
            if (crosses(&pg->hrules[i], &pg->vrules[j]))
                uf_union(p, i, nh + j);
    /* horizontal rules with no vertical rule: stacked rules of about the
     * same extent are one rules-only grid */
    for (size_t i = 0; i < nh; i++) {
        for (size_t j = i + 1; j < nh; j++) {
            const ex_rule *a = &pg->hrules[i], *b = &pg->hrules[j];
            double ov = fmin(a->to, b->to) - fmax(a->from, b->from);
            double len = fmax(a->to - a->from, b->to - b->from);
            if (ov > 0.8 * len && fabs(a->pos - b->pos) < 120 &&
                (uf_find(p, i) == i || uf_find(p, j) == j) &&
                !barrier_between(barriers, n_barriers, a->pos, b->pos)) {
                int i_alone = 1, j_alone = 1;
                for (size_t k = 0; k < pg->n_vrules; k++) {
                    if (uf_find(p, nh + k) == uf_find(p, i)) i_alone = 0;
                    if (uf_find(p, nh + k) == uf_find(p, j)) j_alone = 0;
                }
                if (i_alone && j_alone)
                    uf_union(p, i, j);
            }
        }
    }
    for (size_t i = 0; i < n; i++)
        p[i] = uf_find(p, i);
    tb_grid *out = pr_arena_alloc(arena, (n / 2 + 1) * sizeof *out);
    size_t n_out = 0;
    size_t *members = malloc(n * sizeof *members);
    for (size_t root = 0; root < n; root++) {
        if (p[root] != root)
            continue;
        size_t nm = 0;
        for (size_t i = 0; i < n; i++)
            if (p[i] == root)
                members[nm++] = i;
        if (build_grid(pg, members, nm, arena, &out[n_out]))
            n_out++;
    }
    free(members);
    free(p);
    qsort(out, n_out, sizeof *out, by_top);
    *grids = out;
    return n_out;
}

int table_grid_drop_header_edges(tb_grid *g, size_t body_row, pr_arena *arena)
{
    const ex_page *pg = g->page;
    size_t nh = pg->n_hrules, k = 1;
    if (!g->has_vrules || body_row == 0 || body_row >= g->n_rows)
        return 0;
    unsigned char *in_body = pr_arena_alloc(arena, g->n_cols + 1);
    in_body[0] = in_body[g->n_cols] = 1;
    for (size_t c = 1; c < g->n_cols; c++)
        for (size_t r = body_row; r < g->n_rows && !in_body[c]; r++)
            in_body[c] = has_vborder(pg, g->members, g->n_members, nh, g->xs[c],
                                     (g->ys[r] + g->ys[r + 1]) / 2);
    double *xs = pr_arena_alloc(arena, (g->n_cols + 1) * sizeof *xs);
    double *alt = pr_arena_alloc(arena, (g->n_cols + 1) * sizeof *alt);
    size_t *new_index = pr_arena_alloc(arena, (g->n_cols + 1) * sizeof *new_index);
    size_t *replaced_by = pr_arena_alloc(arena, (g->n_cols + 1) * sizeof *replaced_by);
    xs[0] = g->xs[0];
    for (size_t c = 1; c < g->n_cols; c++) {
        size_t by = 0;          /* a body edge close by takes its place */
        for (size_t d = 1; d < g->n_cols && !in_body[c] && !by; d++)
            if (d != c && in_body[d] && fabs(g->xs[d] - g->xs[c]) < NEAR_EDGE)
                by = d;
        replaced_by[c] = by;
        if (!by) {
            new_index[c] = k;
            xs[k++] = g->xs[c];
        }
    }
    new_index[g->n_cols] = k;
    xs[k++] = g->xs[g->n_cols];
    if (k == g->n_cols + 1)
        return 0;
    for (size_t c = 1; c < g->n_cols; c++)
        if (replaced_by[c])
            alt[new_index[replaced_by[c]]] = g->xs[c];
    g->xs = xs;
    g->alt = alt;
    g->n_cols = k - 1;
    g->row_alt = pr_arena_alloc(arena, g->n_rows);
    for (size_t r = 0; r < g->n_rows; r++)
        for (size_t c = 1; c < g->n_cols && !g->row_alt[r]; c++)
            g->row_alt[r] = alt[c] > 0 &&
                has_vborder(pg, g->members, g->n_members, nh, alt[c],
                            (g->ys[r] + g->ys[r + 1]) / 2);
    find_merges(g, arena);
    return 1;
}

size_t table_grid_cell(const tb_grid *g, double x, double y)
{
    if (x < g->box.x0 - 1 || x > g->box.x1 + 1 || y < g->box.y0 - 1 || y > g->box.y1 + 1)
        return (size_t)-1;
    size_t c = 0, r = 0;
    while (r + 1 < g->n_rows && y >= g->ys[r + 1])
        r++;
    /* a header row that draws its own edges is cut by them (NOTES (5)) */
    int own = g->row_alt && g->row_alt[r];
    while (c + 1 < g->n_cols &&
           x >= (own && g->alt[c + 1] > 0 ? g->alt[c + 1] : g->xs[c + 1]))
        c++;
    return r * g->n_cols + c;
}
