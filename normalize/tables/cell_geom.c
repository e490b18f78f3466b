/*
 * cell_geom.c — where a table's cells are on the page, and what their
 * glyphs say about how well they were read: the box of every cell, and
 * the flags of a reading a human should look at (table.h TB_FLAG_*).
 * Everything returned lives in the page's arena (table_int.h).
 *
 * NOTES
 *   (1) A cell's box is its rectangle in the matrix: column edges x row
 *       edges. A ruled grid's are its rules; a text region's columns come
 *       from alignment and its rows run from the top of their first line
 *       to the top of the next row's. A merged cell's box spans every
 *       atomic cell its owner owns; the cells it covers have none. A grid
 *       row read as two (heading words over a total row, grid_cells.c
 *       NOTES (1)) is cut between them only in the columns that hold a
 *       heading word there; in the others the body cell keeps the whole
 *       ruled row (its glyphs went to it wherever they stand in it) and
 *       the header cell over it ends at the rule.
 *   (2) The glyphs of a cell are found again the way they were placed:
 *       a glyph belongs to the cell holding its centre (page_grids.c
 *       NOTES (4), text_region.c NOTES (2)), on the final matrix: after a
 *       page's columns were remapped onto its table's (table_continue.c)
 *       and rows split or dropped.
 *   (3) crosses_border: one word cut in two by a cell border. Two glyphs
 *       next to each other on a line touch (a gap under TOUCH em) but went
 *       to two cells, and one of them lies over the border between them
 *       (outside its own cell by more than OVER of its width): the text
 *       ran over the border or was clipped by it, so one cell lost the
 *       end of a word and the other got it ("1、人员经费和公用经费支" |
 *       "出2,022.39"). Both cells are flagged. (A glyph goes to the cell
 *       of its centre, so it never lies more than half its width outside
 *       it: how far it sticks out says little alone; its neighbour across
 *       the border, touching it, says the word goes on there.)
 *   (4) two_sizes: the cell's glyphs (those with a known size) differ in
 *       font size by more than SIZES, and each size has two glyphs next
 *       to each other on a line: two texts printed into one cell (small
 *       capitals, a large initial before each word, are one text).
 *   (5) header_split: a header word cut by the header/body border. In
 *       the first body row under the header (on this page), a short
 *       fragment (at most HEAD_PIECE characters: no amount, no code, no
 *       row or total label) under a header cell with text, whose glyphs
 *       rise over the cell's top border, or stand on a line of their own
 *       above the row's other text while the header cell above runs to its
 *       right border (the word went on). grid_cells.c NOTES (2) joins the
 *       clear cases back to the header cell (采购组织形 + 式): what it left
 *       is flagged.
 *   (7) On a page read by OCR each cell also gets the lowest confidence
 *       of its glyphs (1 + tesseract's 0-100; 0: no glyph read by OCR):
 *       a value is as sure as its least sure character.
 *   (6) untrusted_text: a glyph of the cell comes from a word with a
 *       character whose Unicode cannot be trusted (extract.h ex_glyph:
 *       no ToUnicode to go by, private use): its text may be garbage
 *       ('!"#$' for 合计) however well it was placed.
 */
#include "table_int.h"

#include <glib.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#define TOUCH 0.2               /* (3) a gap under this many em: one word */
#define OVER 0.05               /* (3) over a border: this much of its width */
#define SIZES 1.2f              /* (4) font sizes this far apart: two texts */
#define HEAD_PIECE 4            /* (5) characters of a cut-off header piece */

/* (1): whether column c of the grid row m read as two (m->split) holds
 * no heading word of its own there: its cells keep the rule between
 * them, not the cut. */
static int split_open(const cell_matrix *m, size_t c)
{
    size_t r = m->split, i = r * m->n_cols + c;
    return r != (size_t)-1 && r + 1 < m->n_rows && m->owner[i] != i;
}

/* (1): whether every column of [c0, c1] is open in the split. */
static int span_open(const cell_matrix *m, size_t c0, size_t c1)
{
    for (size_t c = c0; c <= c1; c++)
        if (!split_open(m, c))
            return 0;
    return 1;
}

ex_box *table_cell_boxes(page_ctx *pc, const cell_matrix *m)
{
    size_t nc = m->n_cols, n = m->n_rows * nc;
    ex_box *b = pr_arena_alloc(pc->arena, (n + 1) * sizeof *b);
    size_t *span = pr_arena_alloc(pc->arena, (4 * n + 1) * sizeof *span);
    for (size_t i = 0; i < n; i++) {
        b[i] = TB_NO_BOX;
        span[4 * i] = span[4 * i + 1] = (size_t)-1;     /* row, col min */
        span[4 * i + 2] = span[4 * i + 3] = 0;          /* row, col max */
    }
    for (size_t i = 0; i < n; i++) {
        size_t o = m->owner[i], r = i / nc, c = i % nc;
        if (o >= n)
            continue;
        size_t *s = &span[4 * o];
        if (s[0] == (size_t)-1 || r < s[0]) s[0] = r;
        if (s[1] == (size_t)-1 || c < s[1]) s[1] = c;
        if (r > s[2]) s[2] = r;
        if (c > s[3]) s[3] = c;
    }
    for (size_t o = 0; o < n; o++) {
        const size_t *s = &span[4 * o];
        if (m->owner[o] != o || s[0] == (size_t)-1)
            continue;
        b[o] = (ex_box){m->xs[s[1]], m->ys[s[0]], m->xs[s[3] + 1], m->ys[s[2] + 1]};
        if (m->split == (size_t)-1 || !span_open(m, s[1], s[3]))
            continue;
        if (s[2] == m->split)               /* a header cell over the split */
            b[o].y1 = m->ys[m->split];
        if (s[0] == m->split + 1)           /* the body cell under it */
            b[o].y0 = m->ys[m->split];
    }
    return b;
}

/* The index of the interval of edges e[0..n] holding v (clamped), or -1
 * when v lies more than a point outside them. */
static size_t interval_of(const double *e, size_t n, double v)
{
    if (v < e[0] - 1 || v > e[n] + 1)
        return (size_t)-1;
    size_t lo = 0, hi = n;              /* e[lo] <= v < e[hi], clamped */
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (v >= e[mid])
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* (2): the owner cell of m holding the glyph's centre, or -1. */
static size_t cell_of(const cell_matrix *m, const ex_glyph *gl)
{
    if (!m->n_rows || !m->n_cols)
        return (size_t)-1;
    size_t r = interval_of(m->ys, m->n_rows, (gl->box.y0 + gl->box.y1) / 2);
    size_t c = interval_of(m->xs, m->n_cols, (gl->box.x0 + gl->box.x1) / 2);
    if (r == (size_t)-1 || c == (size_t)-1)
        return (size_t)-1;
    if (r == m->split && split_open(m, c))
        r++;                                /* (1) below the rule: the body's */
    return m->owner[r * m->n_cols + c];
}

/* How far glyph box g lies outside box b across x, in parts of its width. */
static double out_x(const ex_box *g, const ex_box *b)
{
    double w = g->x1 - g->x0;
    double o = fmax(b->x0 - g->x0, g->x1 - b->x1);
    return w > 0 && o > 0 ? o / w : 0;
}


typedef struct glyph_stat {
    float min_size, max_size;
    size_t n;
    /* (4) over the pairs of sized glyphs next to each other in the cell:
       the smallest larger size (a pair of small glyphs exists iff it is
       under the cut) and the largest smaller size (a pair of large ones
       iff it is over it), so one walk over the lines finds both runs */
    float pair_small, pair_large;
    size_t pairs;
} glyph_stat;

unsigned char *table_cell_flags(page_ctx *pc, const cell_matrix *m, const ex_box *boxes,
                                unsigned char **ocr_conf)
{
    size_t nc = m->n_cols, n = m->n_rows * nc;
    unsigned char *flags = pr_arena_alloc(pc->arena, n + 1);
    memset(flags, 0, n + 1);
    unsigned char *conf = NULL;                                     /* (7) */
    if (pc->page->ocr_dpi) {
        conf = pr_arena_alloc(pc->arena, n + 1);
        memset(conf, 0, n + 1);
    }
    *ocr_conf = conf;
    if (!n)
        return flags;
    glyph_stat *st = pr_arena_alloc(pc->arena, n * sizeof *st);
    memset(st, 0, n * sizeof *st);
    const ex_page *pg = pc->page;
    double top = m->ys[0] - 1, bottom = m->ys[m->n_rows] + 1;
    for (size_t li = 0; li < pg->n_lines; li++) {
        const ex_line *ln = &pg->lines[li];
        if (ln->box.y1 < top || ln->box.y0 > bottom)
            continue;
        size_t prev = (size_t)-1;
        for (size_t k = 0; k < ln->n_glyphs; k++) {
            const ex_glyph *gl = &ln->glyphs[k];
            size_t o = cell_of(m, gl);
            size_t po = prev;
            prev = o;
            if (o == (size_t)-1)
                continue;
            if (gl->untrusted)                                      /* (6) */
                flags[o] |= TB_FLAG_UNTRUSTED_TEXT;
            if (conf && gl->ocr_conf && (!conf[o] || gl->ocr_conf < conf[o]))   /* (7) */
                conf[o] = gl->ocr_conf;
            glyph_stat *s = &st[o];
            if (gl->size > 0) {
                if (!s->n || gl->size < s->min_size) s->min_size = gl->size;
                if (!s->n || gl->size > s->max_size) s->max_size = gl->size;
                s->n++;
            }
            if (k > 0 && po == o && gl->size > 0 && ln->glyphs[k - 1].size > 0) { /* (4) */
                float lo = fminf(gl->size, ln->glyphs[k - 1].size);
                float hi = fmaxf(gl->size, ln->glyphs[k - 1].size);
                if (!s->pairs || hi < s->pair_small) s->pair_small = hi;
                if (!s->pairs || lo > s->pair_large) s->pair_large = lo;
                s->pairs++;
            }
            /* (3) a word cut by the border: this glyph and the one
             * before it, touching, in two cells, one of them over it */
            if (k == 0 || po == (size_t)-1 || po == o)
                continue;
            const ex_glyph *pv = &ln->glyphs[k - 1];
            double em = fmax(fmax(gl->size, pv->size), gl->box.y1 - gl->box.y0);
            if (gl->box.x0 - pv->box.x1 > TOUCH * em)
                continue;
            double a = out_x(&pv->box, &boxes[po]), b = out_x(&gl->box, &boxes[o]);
            if (a <= OVER && b <= OVER)
                continue;
            flags[po] |= TB_FLAG_CROSSES_BORDER;
            flags[o] |= TB_FLAG_CROSSES_BORDER;
        }
    }
    for (size_t o = 0; o < n; o++) {                                 /* (4) */
        const glyph_stat *s = &st[o];
        float cut = SIZES * s->min_size;
        if (m->owner[o] == o && m->text[o] && *m->text[o] && s->n &&
            s->max_size > cut && s->pairs && s->pair_small <= cut && s->pair_large > cut)
            flags[o] |= TB_FLAG_TWO_SIZES;
    }
    return flags;
}

/* The glyph extent of each owner cell of row r of m: top, bottom, lowest
 * centre, highest centre (ext: 4 per column, by column of the owner). */
static void row_extents(const page_ctx *pc, const cell_matrix *m, size_t r, double *ext)
{
    size_t nc = m->n_cols;
    for (size_t c = 0; c < nc; c++) {
        ext[4 * c] = ext[4 * c + 2] = 1e9;
        ext[4 * c + 1] = ext[4 * c + 3] = -1e9;
    }
    const ex_page *pg = pc->page;
    for (size_t li = 0; li < pg->n_lines; li++) {
        const ex_line *ln = &pg->lines[li];
        if (ln->box.y1 < m->ys[r ? r - 1 : r] - 1 || ln->box.y0 > m->ys[r + 1] + 1)
            continue;
        for (size_t k = 0; k < ln->n_glyphs; k++) {
            const ex_glyph *gl = &ln->glyphs[k];
            size_t o = cell_of(m, gl);
            if (o == (size_t)-1 || o / nc != r)
                continue;
            double *e = &ext[4 * (o % nc)], cy = (gl->box.y0 + gl->box.y1) / 2;
            e[0] = fmin(e[0], gl->box.y0);
            e[1] = fmax(e[1], gl->box.y1);
            e[2] = fmin(e[2], cy);
            e[3] = fmax(e[3], cy);
        }
    }
}

/* (5): whether the text of owner cell o runs to the cell's right border:
 * its rightmost glyph ends within an em and a half of it (no room for
 * one more character and the cell's padding). */
static int ends_at_border(const page_ctx *pc, const cell_matrix *m, size_t o, const ex_box *box)
{
    double right = -1e9, em = 0;
    const ex_page *pg = pc->page;
    for (size_t li = 0; li < pg->n_lines; li++) {
        const ex_line *ln = &pg->lines[li];
        if (ln->box.y1 < box->y0 - 1 || ln->box.y0 > box->y1 + 1)
            continue;
        for (size_t k = 0; k < ln->n_glyphs; k++) {
            const ex_glyph *gl = &ln->glyphs[k];
            if (gl->box.x1 > right && cell_of(m, gl) == o) {
                right = gl->box.x1;
                em = fmax(gl->size, gl->box.x1 - gl->box.x0);
            }
        }
    }
    return right > -1e9 && right >= box->x1 - 1.5 * em;
}

void table_header_split_flags(page_ctx *pc, const cell_matrix *m, const ex_box *boxes,
                              unsigned char *flags)
{
    size_t r = m->body_from, nc = m->n_cols;
    if (r == 0 || r >= m->n_rows)
        return;
    double *ext = pr_arena_alloc(pc->arena, 4 * nc * sizeof *ext);
    row_extents(pc, m, r, ext);
    for (size_t c = 0; c < nc; c++) {
        size_t i = r * nc + c, up = m->owner[(r - 1) * nc + c];
        if (m->owner[i] != i || !m->text[i] || !m->text[up] || !*m->text[up])
            continue;
        char t[64] = "";            /* all set: PCRE2's JIT may read past the NUL */
        const char *clean = table_clean_cell(pc->arena, m->text[i]);
        if (strlen(clean) >= sizeof t || g_utf8_strlen(clean, -1) > HEAD_PIECE)
            continue;
        snprintf(t, sizeof t, "%s", clean);
        if (!*t || table_is_number(pc->g, t) ||
            grammar_match(pc->g, GR_ROW_START, t, NULL, NULL, 0) ||
            grammar_match(pc->g, GR_TOTAL, t, NULL, NULL, 0))
            continue;
        const double *e = &ext[4 * c];
        int rises = e[0] < boxes[i].y0 - 0.5;
        double other_top = 1e9, other_mid = 1e9;
        for (size_t k = 0; k < nc; k++) {
            if (k == c || ext[4 * k] > 1e8)
                continue;
            other_top = fmin(other_top, ext[4 * k]);
            other_mid = fmin(other_mid, ext[4 * k + 2]);
        }
        int own_line = other_top < 1e8 && e[3] < other_top && other_mid > e[1];
        if (rises || (own_line && ends_at_border(pc, m, up, &boxes[up])))
            flags[i] |= TB_FLAG_HEADER_SPLIT;
    }
}
