/*
 * text_header.c — the header of a table region without vertical rules
 * (text_region.c), from its header lines: cells that wrap over several
 * lines, headers that span the columns of the headers under them, and
 * stub headings that stand over every header row (issue 14, item 3).
 *
 * Ownership: table_text_header fills a caller-owned text_header whose
 * arrays are in the page's arena.
 *
 * NOTES
 *   (1) Pieces: each header line is cut into pieces of text where a
 *       gutter between glyphs (wider than a word space: cell_text.c
 *       NOTES (3)) meets a column edge. A piece's
 *       raw columns are those whose body text it stands over the middle
 *       of, or else the one holding its centre. (Not the middles between
 *       column edges: 一般公共预算基本支出, over 合计 人员经费 公用经费,
 *       reaches into the wide 科目名称 column, not over its names.)
 *   (2) Blocks: a piece right under the last piece of a block (less than
 *       WRAP_GAP line heights between them), over none but its raw columns,
 *       lined up with it (left edges, centres or right edges within
 *       ALIGN_EM em), with no horizontal rule between them, and the only
 *       piece of its line nearer that piece than any other of its line
 *       (and within UNDER_EM em of it; on the next line at a wrapped
 *       cell's spacing, TIGHT_GAP line heights, only pieces under the
 *       piece itself count: "Body" beside "to", both under "Relative"'s
 *       line, heads a stack of its own), is that block's text wrapped
 *       ("Weight" / "Relative" / "to" /
 *       "Controls"; "Launch:" / "May 21, 2009"; in the first column, a
 *       column of row labels, the heading over them wraps whatever stands
 *       beside it: "Age group" / "(yrs)"); else it starts a block
 *       (收入 centred over 项目 and 预算 is no wrapped 收入项目; "Stroke"
 *       over "no.", "Rate" and "(95% CI)" is a group label).
 *   (3) Levels: a block's parent is a block above it, close above it (at
 *       most PARENT_GAP line heights between them: a label with empty
 *       lines over it stands over every header row instead, "No."), whose
 *       text stands over some of its own; or, failing that, the block of
 *       that kind whose centre is nearest its own (a centred group label,
 *       "Race" over "American Indian/Alaska native" ... "White"), but only
 *       over a column of numbers that is not the first (a stub column, of
 *       row labels: its heading, "Age group (yrs)", 科目名称, stands beside
 *       the group labels, not under them),
 *       and only while the label stays centred over the columns it comes
 *       to span (within CENTRE_TOL of their width): 一般公共预算基本支出,
 *       centred over 合计 人员经费 公用经费, is no parent of 科目名称 beside
 *       them. A block spans its raw columns and every column of its
 *       children; its level is one more than that of the lowest block
 *       above it over any of its columns (its parent, or a label it does
 *       not belong to: 项目 under 收入, which spans 项目 and 预算), 0
 *       without one.
 *   (4) Rows: one header row per level. A block's text is in the row of
 *       its level, at its first column; it covers its columns there, and
 *       a block without children covers them down to the last header row
 *       too (GT-FORMAT: a merged header cell is repeated in every position
 *       it spans).
 */
#include "table_int.h"
#include "strbuf.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define WRAP_GAP 1.5            /* (2) line heights */
#define PARENT_GAP 1.5          /* (3) line heights */
#define ALIGN_EM 0.5            /* (2) */
#define UNDER_EM 2.5            /* (2) ems from a label to a piece under it */
#define TIGHT_GAP 0.5           /* (2) line heights: a wrapped cell's line spacing */
#define CENTRE_TOL 0.15         /* (3) of a span's width */

typedef struct piece {
    const char *text;
    ex_box box;
    size_t c0, c1;              /* raw columns */
} piece;

typedef struct block {
    int by_centre;              /* its parent found by centre (3) */
    const char *text;
    ex_box box;                 /* of its pieces */
    ex_box last;                /* its last piece */
    size_t last_piece;          /* its index */
    size_t c0, c1;              /* raw columns */
    size_t s0, s1;              /* columns spanned (3) */
    long parent;                /* index, -1: none */
    size_t level;
    int has_children;
} block;

static double line_height(const ex_box *b)
{
    double h = b->y1 - b->y0;
    return h > 4 ? h : 4;
}

/* (1): the pieces of one header line, appended to *out. */
static void line_pieces(page_ctx *pc, const ex_line *ln, const ex_box *region,
                        const double *xs, const double *mids, size_t nc, piece **out,
                        size_t *n, size_t *cap)
{
    pr_strbuf sb = PR_STRBUF_INIT;
    size_t k = 0;
    while (k < ln->n_glyphs) {
        const ex_glyph *g0 = &ln->glyphs[k];
        if (!table_glyph_in(g0, region)) {
            k++;
            continue;
        }
        pr_strbuf_reset(&sb);
        ex_box box = g0->box;
        pr_strbuf_put_utf8(&sb, g0->cp);
        size_t e = k + 1;
        for (; e < ln->n_glyphs && table_glyph_in(&ln->glyphs[e], region); e++) {
            const ex_glyph *a = &ln->glyphs[e - 1], *b = &ln->glyphs[e];
            int edge_between = table_column_at(xs, nc, (a->box.x0 + a->box.x1) / 2) !=
                               table_column_at(xs, nc, (b->box.x0 + b->box.x1) / 2);
            if (edge_between && table_gutter_between(a, b))
                break;
            if (table_space_between(a, b))
                pr_strbuf_putc(&sb, ' ');
            pr_strbuf_put_utf8(&sb, b->cp);
            box.x0 = fmin(box.x0, b->box.x0); box.x1 = fmax(box.x1, b->box.x1);
            box.y0 = fmin(box.y0, b->box.y0); box.y1 = fmax(box.y1, b->box.y1);
        }
        k = e;
        size_t c0 = nc, c1 = 0;
        for (size_t c = 0; c < nc; c++)
            if (mids[c] >= box.x0 && mids[c] <= box.x1) {
                c0 = c < c0 ? c : c0;
                c1 = c;
            }
        if (c0 > c1)
            c0 = c1 = table_column_at(xs, nc, (box.x0 + box.x1) / 2);
        if (*n == *cap) {
            *cap = *cap ? 2 * *cap : 32;
            *out = pr_xrealloc(*out, *cap * sizeof **out);
        }
        (*out)[(*n)++] = (piece){pr_arena_strndup(pc->arena, sb.data, sb.len), box, c0, c1};
    }
    pr_strbuf_free(&sb);
}

/* (2): whether a horizontal rule of the page lies between boxes a (above)
 * and b (below), under both: between their middles (glyph boxes reach
 * from ascent to descent, and a rule under a label may cut the box). */
static int rule_between(const ex_page *pg, const ex_box *a, const ex_box *b)
{
    double x0 = fmax(a->x0, b->x0), x1 = fmin(a->x1, b->x1);
    for (size_t i = 0; i < pg->n_hrules; i++) {
        const ex_rule *r = &pg->hrules[i];
        if (r->pos > (a->y0 + a->y1) / 2 && r->pos < (b->y0 + b->y1) / 2 && r->from <= x1 &&
            r->to >= x0)
            return 1;
    }
    return 0;
}

/* (2): whether boxes a and b line up as the lines of one wrapped cell:
 * left edges, centres or right edges within ALIGN_EM em. */
static int aligned(const ex_box *a, const ex_box *b)
{
    double tol = ALIGN_EM * line_height(a);
    return fabs(a->x0 - b->x0) < tol || fabs(a->x1 - b->x1) < tol ||
           fabs((a->x0 + a->x1) - (b->x0 + b->x1)) / 2 < tol;
}

/* (3): whether box a stands above box b: its middle above b's top, its
 * bottom above b's middle (glyph boxes of close lines overlap). */
static int above(const ex_box *a, const ex_box *b)
{
    return (a->y0 + a->y1) / 2 < b->y0 && a->y1 < (b->y0 + b->y1) / 2;
}

static int same_line(const ex_box *a, const ex_box *b)
{
    double ma = (a->y0 + a->y1) / 2, mb = (b->y0 + b->y1) / 2;
    return fabs(ma - mb) < 0.5 * line_height(a);
}

static double centre_gap(const ex_box *a, const ex_box *b)
{
    return fabs((a->x0 + a->x1) - (b->x0 + b->x1)) / 2;
}

/* (2): whether piece below is the only piece of its line that stands
 * under piece above (within UNDER_EM em of it, and nearer it by centre than any
 * other piece of its line): a label over one piece may wrap onto it, one
 * over several is a group label. */
static int lone_under(const piece *p, size_t n, size_t above, size_t below)
{
    double lh = line_height(&p[above].box);
    double reach = p[below].box.y0 - p[above].box.y1 < TIGHT_GAP * lh ? 0 : UNDER_EM * lh;
    size_t under = 0;
    for (size_t q = 0; q < n; q++) {
        if (!same_line(&p[q].box, &p[below].box))
            continue;
        size_t nearest = above;
        for (size_t r = 0; r < n; r++)
            if (same_line(&p[r].box, &p[above].box) &&
                centre_gap(&p[r].box, &p[q].box) < centre_gap(&p[nearest].box, &p[q].box))
                nearest = r;
        double gap = fmax(p[q].box.x0 - p[above].box.x1, p[above].box.x0 - p[q].box.x1);
        under += nearest == above && gap <= reach;
    }
    return under <= 1;
}

/* (2): the blocks of pieces p[0..n) (in line order, top to bottom). */
static size_t make_blocks(page_ctx *pc, const piece *p, size_t n, block *bl)
{
    size_t nb = 0;
    for (size_t i = 0; i < n; i++) {
        long best = -1;
        double best_gap = 0;
        for (size_t j = 0; j < nb; j++) {
            const block *b = &bl[j];
            double gap = p[i].box.y0 - b->last.y1;
            int stub = b->c0 == 0 && b->c1 == 0;
            if (p[i].c0 < b->c0 || p[i].c1 > b->c1 || p[i].box.y0 <= b->last.y0 ||
                gap > WRAP_GAP * line_height(&p[i].box) || !aligned(&b->last, &p[i].box) ||
                rule_between(pc->page, &b->last, &p[i].box) ||
                (!stub && !lone_under(p, n, b->last_piece, i)))
                continue;
            if (best < 0 || gap < best_gap) {
                best = (long)j;
                best_gap = gap;
            }
        }
        if (best >= 0) {
            block *b = &bl[best];
            b->text = table_join_text(pc->arena, b->text, p[i].text);
            b->box.x0 = fmin(b->box.x0, p[i].box.x0); b->box.x1 = fmax(b->box.x1, p[i].box.x1);
            b->box.y1 = fmax(b->box.y1, p[i].box.y1);
            b->last = p[i].box;
            b->last_piece = i;
            continue;
        }
        bl[nb++] = (block){0, p[i].text, p[i].box, p[i].box, i, p[i].c0, p[i].c1, p[i].c0,
                           p[i].c1, -1, 0, 0};
    }
    return nb;
}

/* (3): the parent of block i among bl[0..nb), or -1; *by_centre says
 * whether it was found by its centre, not by columns shared. */
static long parent_of(const block *bl, size_t nb, size_t i, const unsigned char *figures,
                      int *by_centre)
{
    *by_centre = 0;
    const block *c = &bl[i];
    long best = -1, nearest = -1;
    double best_y = -1e9, nearest_d = 1e9, nearest_y = -1e9;
    for (size_t j = 0; j < nb; j++) {
        const block *b = &bl[j];
        if (j == i || !above(&b->box, &c->box) ||
            c->box.y0 - b->box.y1 > PARENT_GAP * line_height(&c->box))
            continue;
        if (b->box.x0 <= c->box.x1 && c->box.x0 <= b->box.x1) {
            if (b->box.y1 > best_y) {
                best = (long)j;
                best_y = b->box.y1;
            }
            continue;
        }
        double d = fabs((b->box.x0 + b->box.x1) / 2 - (c->box.x0 + c->box.x1) / 2);
        if (b->box.y1 > nearest_y + 1 || (fabs(b->box.y1 - nearest_y) <= 1 && d < nearest_d)) {
            nearest = (long)j;
            nearest_d = d;
            nearest_y = b->box.y1;
        }
    }
    if (best >= 0)
        return best;
    if (c->c0 == 0 || !figures[c->c0])
        return -1;                      /* a stub heading */
    *by_centre = nearest >= 0;
    return nearest;
}

/* (3): whether block b stays centred over columns [s0, s1]. */
static int centred_over(const block *b, const double *xs, size_t s0, size_t s1)
{
    double w = xs[s1 + 1] - xs[s0];
    return fabs((b->box.x0 + b->box.x1) / 2 - (xs[s0] + xs[s1 + 1]) / 2) <= CENTRE_TOL * w;
}

/* (3): every block's span: its raw columns and its children's spans
 * (children come after their parent in bl). */
static void grow_spans(block *bl, size_t nb)
{
    for (size_t i = 0; i < nb; i++) {
        bl[i].s0 = bl[i].c0;
        bl[i].s1 = bl[i].c1;
    }
    for (size_t i = nb; i-- > 0;) {
        long a = bl[i].parent;
        if (a < 0)
            continue;
        if (bl[i].s0 < bl[a].s0)
            bl[a].s0 = bl[i].s0;
        if (bl[i].s1 > bl[a].s1)
            bl[a].s1 = bl[i].s1;
    }
}

/* (3): parents, spans and levels of bl[0..nb); returns the number of
 * levels. A parent found by centre that is not centred over the span its
 * children give it loses them, farthest first, until it is (or has none
 * found so). */
static size_t tree(block *bl, size_t nb, const double *xs, const unsigned char *figures)
{
    for (size_t i = 0; i < nb; i++) {
        bl[i].parent = parent_of(bl, nb, i, figures, &bl[i].by_centre);
        if (bl[i].parent >= (long)i)            /* blocks start top-down */
            bl[i].parent = -1;
    }
    grow_spans(bl, nb);
    for (size_t a = 0; a < nb; a++) {
        while (!centred_over(&bl[a], xs, bl[a].s0, bl[a].s1)) {
            long far = -1;
            double far_d = -1, mid = (bl[a].box.x0 + bl[a].box.x1) / 2;
            for (size_t i = 0; i < nb; i++) {
                double d = fabs((bl[i].box.x0 + bl[i].box.x1) / 2 - mid);
                if (bl[i].parent == (long)a && bl[i].by_centre && d > far_d) {
                    far = (long)i;
                    far_d = d;
                }
            }
            if (far < 0)
                break;
            bl[far].parent = -1;
            grow_spans(bl, nb);
        }
    }
    size_t levels = 1;
    for (size_t i = 0; i < nb; i++) {
        bl[i].level = 0;
        for (size_t a = 0; a < i; a++)          /* above it, over its columns */
            if (above(&bl[a].box, &bl[i].box) && bl[a].s0 <= bl[i].s1 &&
                bl[i].s0 <= bl[a].s1 && bl[a].level + 1 > bl[i].level)
                bl[i].level = bl[a].level + 1;
        if (bl[i].parent >= 0)
            bl[bl[i].parent].has_children = 1;
        if (bl[i].level + 1 > levels)
            levels = bl[i].level + 1;
    }
    return levels;
}

void table_text_header(page_ctx *pc, const ex_line *const *lines, size_t n,
                       const ex_box *region, const double *xs, const double *mids,
                       size_t nc, const unsigned char *figures, text_header *h)
{
    memset(h, 0, sizeof *h);
    piece *p = NULL;
    size_t np = 0, cap = 0;
    for (size_t i = 0; i < n; i++)
        line_pieces(pc, lines[i], region, xs, mids, nc, &p, &np, &cap);
    if (!np) {
        free(p);
        return;
    }
    block *bl = malloc(np * sizeof *bl);
    if (!bl)
        pr_die_nomem();
    size_t nb = make_blocks(pc, p, np, bl);
    free(p);
    /* (3): parents first: blocks are in order of their first line, so a
     * parent (above) comes before its children */
    size_t levels = tree(bl, nb, xs, figures);
    /* (4) */
    size_t cells = levels * nc;
    const char **text = pr_arena_alloc(pc->arena, (cells + 1) * sizeof *text);
    size_t *owner = pr_arena_alloc(pc->arena, (cells + 1) * sizeof *owner);
    double *ys = pr_arena_alloc(pc->arena, (levels + 1) * sizeof *ys);
    for (size_t i = 0; i < cells; i++) {
        text[i] = "";
        owner[i] = i;
    }
    for (size_t r = 0; r < levels; r++)
        ys[r] = 1e9;
    for (size_t i = 0; i < nb; i++) {
        const block *b = &bl[i];
        size_t r0 = b->level, r1 = b->has_children ? b->level : levels - 1;
        size_t top = r0 * nc + b->s0;
        if (*text[top])         /* two blocks at one place: the later one's text goes on */
            text[top] = table_join_text(pc->arena, text[top], b->text);
        else
            text[top] = b->text;
        owner[top] = top;
        for (size_t r = r0; r <= r1; r++)
            for (size_t c = b->s0; c <= b->s1; c++)
                if (r * nc + c != top && owner[r * nc + c] == r * nc + c && !*text[r * nc + c])
                    owner[r * nc + c] = top;
        ys[r0] = fmin(ys[r0], b->box.y0);
    }
    for (size_t r = 0; r < levels; r++)
        if (ys[r] > 1e8)
            ys[r] = r ? ys[r - 1] : region->y0;
    free(bl);
    h->n_rows = levels;
    h->text = text;
    h->owner = owner;
    h->ys = ys;
}
