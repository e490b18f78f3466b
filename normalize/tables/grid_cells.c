/*
 * grid_cells.c — the text of every cell of a ruled grid: each glyph whose
 * centre lies in the grid goes to the merged cell that owns its atomic
 * cell; within a cell, glyphs keep line order (top to bottom) and, within
 * a line, left to right, so the pieces of a wrapped cell join in reading
 * order ("机关事业单位基本养老保险缴费" + "支出", "800.0" + "0"). A cell
 * whose last line runs to its right border is marked full: its text may go
 * on in the next row of the next page (table_rows.c NOTES (2)).
 *
 * NOTES
 *   (1) Header words drawn in the first body row's ruled row: the column
 *       labels 类/款/项 printed at the top of the row whose 合计 and
 *       amounts sit lower (no rule between them). In the first row that
 *       holds an amount (or, in a table with no amount at all, in its last
 *       row that holds text), when it holds a total label, cells whose
 *       text is a heading word and whose glyphs lie on a line above the
 *       total label's (each line's glyph centres outside the other's
 *       boxes) are a header row of their own: the row is read
 *       as two, the heading words above, the rest below. So 类/款/项 name
 *       their columns, and 合计 is a body row.
 *   (2) A header word clipped by its cell's border: its last character
 *       wrapped below the border, into the next row ("采购组织形" + "式"
 *       under it, in the 合计 row). A cell whose text crosses its row's top
 *       rule, on a line of its own above the rest of the row's text, is
 *       the end of the cell above it when that cell's text runs to its
 *       right border, the piece is no number and at most half a line of
 *       the cell above.
 */
#include "table_int.h"

#include <glib.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Whether the last glyph of merged cell `owner` ends right at the cell's
 * right border: its text was wrapped there, so a row cut by a page break
 * may go on at the top of the next page. "Right at" is judged against the
 * column's padding (pad: the smallest gap any cell of the column leaves on
 * its left) plus one em: the next character did not fit. Sets *room to
 * the characters a line of the cell holds. */
static int reaches_right(const tb_grid *g, size_t owner, const ex_glyph *gl,
                         const double *pad, unsigned char *room)
{
    size_t r = owner / g->n_cols, c = owner % g->n_cols, c0 = c;
    while (c + 1 < g->n_cols && g->owner[r * g->n_cols + c + 1] == owner)
        c++;
    double em = gl->box.x1 - gl->box.x0;
    if (gl->size > em)
        em = gl->size;
    double chars = (g->xs[c + 1] - g->xs[c0] - 2 * pad[c0]) / em;
    *room = chars < 0 ? 0 : chars > 255 ? 255 : (unsigned char)chars;
    return gl->box.x1 >= g->xs[c + 1] - pad[c0] - em;
}

enum { SPLIT_NONE, SPLIT_HEAD, SPLIT_ANCHOR };

/* (1): what cell i (an owner) is in its row: a total label (the anchor;
 * amounts are not: some fonts give digits boxes as tall as the row), a
 * heading word, or neither. */
static int split_kind(const page_ctx *pc, const cell_matrix *m, size_t i)
{
    const char *t = m->text[i];
    if (!t || !*t)
        return SPLIT_NONE;
    char c[1024] = "";              /* all set: PCRE2's JIT may read past the NUL */
    snprintf(c, sizeof c, "%s", table_clean_cell(pc->arena, t));
    if (grammar_match(pc->g, GR_TOTAL, c, NULL, NULL, 0))
        return SPLIT_ANCHOR;
    if (table_is_number(pc->g, c))
        return SPLIT_NONE;
    if (grammar_match(pc->g, GR_HEADER, c, NULL, NULL, 0))
        return SPLIT_HEAD;
    return SPLIT_NONE;
}

/* (1): the row to split and the y between its two lines, or 0. */
static int split_row(const page_ctx *pc, const cell_matrix *m, const double *const ext[4],
                     size_t *row, double *cut)
{
    size_t nc = m->n_cols, r, last_text = (size_t)-1;
    int amounts = 0;
    for (r = 0; r < m->n_rows && !amounts; r++)
        for (size_t c = 0; c < nc; c++) {
            size_t i = r * nc + c;
            if (m->owner[i] != i || !m->text[i] || !*m->text[i])
                continue;
            last_text = r;
            char t[1024] = "";      /* all set: see split_kind */
            snprintf(t, sizeof t, "%s", table_clean_cell(pc->arena, m->text[i]));
            if (grammar_match(pc->g, GR_AMOUNT, t, NULL, NULL, 0))
                amounts = 1;
        }
    if (!amounts) {
        for (; r < m->n_rows; r++)          /* the last row with text */
            for (size_t c = 0; c < nc; c++)
                if (m->owner[r * nc + c] == r * nc + c && m->text[r * nc + c] &&
                    *m->text[r * nc + c])
                    last_text = r;
    }
    if (last_text == (size_t)-1 || last_text == 0)
        return 0;
    r = last_text;
    const double *top = ext[0], *bottom = ext[1], *cmin = ext[2], *cmax = ext[3];
    double anchor_top = 1e9, anchor_mid = 1e9, head_bottom = -1e9, head_mid = -1e9;
    size_t heads = 0;
    for (size_t c = 0; c < nc; c++) {
        size_t i = r * nc + c;
        if (m->owner[i] != i)
            continue;
        int k = split_kind(pc, m, i);
        int spans_down = r + 1 < m->n_rows && m->owner[i + nc] == i;
        if (k == SPLIT_ANCHOR) {
            anchor_top = fmin(anchor_top, top[i]);
            anchor_mid = fmin(anchor_mid, cmin[i]);
        } else if (k == SPLIT_HEAD && !spans_down) {
            heads++;
            head_bottom = fmax(head_bottom, bottom[i]);
            head_mid = fmax(head_mid, cmax[i]);
        }
    }
    /* two lines: each one's glyph centres outside the other's boxes */
    if (!heads || anchor_top > 1e8 || head_mid >= anchor_top || anchor_mid <= head_bottom)
        return 0;
    *row = r;
    *cut = (head_mid + anchor_mid) / 2;
    return 1;
}

/* (1): row r of m read as two rows: its heading words above y = cut,
 * the rest below. */
static void split_header_words(page_ctx *pc, cell_matrix *m, const double *const ext[4])
{
    size_t r;
    double cut;
    if (!split_row(pc, m, ext, &r, &cut))
        return;
    const double *cmax = ext[3];
    size_t nc = m->n_cols, nr = m->n_rows + 1, n = nr * nc;
    size_t *owner = pr_arena_alloc(pc->arena, n * sizeof *owner);
    const char **text = pr_arena_alloc(pc->arena, n * sizeof *text);
    unsigned char *full = pr_arena_alloc(pc->arena, n);
    unsigned char *room = pr_arena_alloc(pc->arena, n);
    double *ys = pr_arena_alloc(pc->arena, (nr + 1) * sizeof *ys);
    memset(text, 0, n * sizeof *text);
    memset(full, 0, n);
    memset(room, 0, n);
    /* where old owner o goes: rows from r on move down one */
#define MOVED(o) ((o) / nc >= r ? (o) + nc : (o))
    for (size_t i = 0; i < m->n_rows * nc; i++) {
        size_t row = i / nc, c = i % nc, o = m->owner[i];
        size_t ni = MOVED(i);
        if (row == r && o == i && split_kind(pc, m, i) == SPLIT_HEAD &&
            !(r + 1 < m->n_rows && m->owner[i + nc] == i) && cmax[i] < cut) {
            owner[r * nc + c] = r * nc + c;          /* the heading, above */
            text[r * nc + c] = m->text[i];
            owner[ni] = ni;                          /* nothing below */
            continue;
        }
        owner[ni] = MOVED(o);
        if (o == i) {
            text[ni] = m->text[i];
            full[ni] = m->full ? m->full[i] : 0;
            room[ni] = m->room ? m->room[i] : 0;
        }
        if (row == r)                   /* the new row above: the cell
                                           above it, drawn down */
            owner[r * nc + c] = o / nc < r ? o : m->owner[(r - 1) * nc + c];
    }
#undef MOVED
    for (size_t k = 0; k <= m->n_rows; k++)
        ys[k < r + 1 ? k : k + 1] = m->ys[k];
    ys[r + 1] = cut;
    m->owner = owner;
    m->text = text;
    m->full = full;
    m->room = room;
    m->ys = ys;
    m->n_rows = nr;
    m->split = r;
}

/* (2): cells of row 1 on that are the clipped end of the cell above them,
 * joined to it. */
static void join_clipped(page_ctx *pc, const tb_grid *g, const char **text,
                         unsigned char *full, const unsigned char *room,
                         const double *const ext[4])
{
    const double *top = ext[0], *bottom = ext[1], *cmin = ext[2], *cmax = ext[3];
    size_t nc = g->n_cols;
    for (size_t r = 1; r < g->n_rows; r++)
        for (size_t c = 0; c < nc; c++) {
            size_t i = r * nc + c;
            if (g->owner[i] != i || !text[i] || top[i] >= g->ys[r] - 0.5)
                continue;
            size_t up = g->owner[i - nc];
            char t[1024] = "";      /* all set: see split_kind */
            snprintf(t, sizeof t, "%s", table_clean_cell(pc->arena, text[i]));
            if (up == i || !text[up] || !full[up] ||
                2 * (size_t)g_utf8_strlen(text[i], -1) > room[up] || table_is_number(pc->g, t))
                continue;
            double other_top = 1e9, other_mid = 1e9;
            for (size_t k = 0; k < nc; k++) {
                size_t j = r * nc + k;
                if (k != c && g->owner[j] == j && text[j]) {
                    other_top = fmin(other_top, top[j]);
                    other_mid = fmin(other_mid, cmin[j]);
                }
            }
            if (other_top > 1e8 || cmax[i] >= other_top || other_mid <= bottom[i])
                continue;           /* not a line of its own above the row */
            text[up] = table_join_text(pc->arena, text[up], text[i]);
            text[i] = NULL;
            full[up] = 0;
        }
}

void table_read_grid(page_ctx *pc, const tb_grid *grid, cell_matrix *m)
{
    if (!grid->has_vrules) {
        table_read_text_region(pc, &grid->box, grid->ys, grid->n_rows + 1, m);
        return;
    }
    size_t n = grid->n_rows * grid->n_cols;
    pr_strbuf *sb = calloc(n, sizeof *sb);
    if (!sb)
        pr_die_nomem();
    const ex_glyph **last = calloc(n, sizeof *last), **first = calloc(n, sizeof *first);
    double *top = calloc(4 * n + 1, sizeof *top);   /* y extents per owner */
    if (!last || !first || !top)
        pr_die_nomem();
    double *bottom = top + n, *cmin = top + 2 * n, *cmax = top + 3 * n;
    const ex_page *pg = pc->page;
    for (size_t li = 0; li < pg->n_lines; li++) {
        const ex_line *ln = &pg->lines[li];
        if (ln->box.y1 < grid->box.y0 - 1 || ln->box.y0 > grid->box.y1 + 1)
            continue;
        for (size_t k = 0; k < ln->n_glyphs; k++) {
            const ex_glyph *gl = &ln->glyphs[k];
            size_t cell = table_grid_cell(grid, (gl->box.x0 + gl->box.x1) / 2,
                                          (gl->box.y0 + gl->box.y1) / 2);
            if (cell != (size_t)-1) {
                size_t o = grid->owner[cell];
                if (table_space_between(last[o], gl))
                    pr_strbuf_putc(&sb[o], ' ');
                pr_strbuf_put_utf8(&sb[o], gl->cp);
                last[o] = gl;
                double cy = (gl->box.y0 + gl->box.y1) / 2;
                if (!first[o] || gl->box.y0 < top[o])
                    top[o] = gl->box.y0;
                if (!first[o] || gl->box.y1 > bottom[o])
                    bottom[o] = gl->box.y1;
                if (!first[o] || cy < cmin[o])
                    cmin[o] = cy;
                if (!first[o] || cy > cmax[o])
                    cmax[o] = cy;
                if (!first[o])
                    first[o] = gl;
            }
        }
    }
    double *pad = pr_arena_alloc(pc->arena, (grid->n_cols + 1) * sizeof *pad);
    for (size_t c = 0; c < grid->n_cols; c++)
        pad[c] = 1e9;
    for (size_t i = 0; i < n; i++) {
        size_t c = i % grid->n_cols;
        if (first[i] && first[i]->box.x0 - grid->xs[c] < pad[c])
            pad[c] = first[i]->box.x0 - grid->xs[c];
    }
    for (size_t c = 0; c < grid->n_cols; c++)
        if (pad[c] < 0 || pad[c] > 1e8)
            pad[c] = 0;
    const char **text = pr_arena_alloc(pc->arena, n * sizeof *text);
    unsigned char *full = pr_arena_alloc(pc->arena, n);
    unsigned char *room = pr_arena_alloc(pc->arena, n);
    for (size_t i = 0; i < n; i++) {
        if (sb[i].len)
            text[i] = pr_arena_strndup(pc->arena, sb[i].data, sb[i].len);
        pr_strbuf_free(&sb[i]);
        if (last[i])
            full[i] = reaches_right(grid, i, last[i], pad, &room[i]);
    }
    free(sb);
    free(last);
    free(first);
    const double *ext[4] = {top, bottom, cmin, cmax};
    join_clipped(pc, grid, text, full, room, ext);
    *m = (cell_matrix){grid->n_rows, grid->n_cols, text, grid->owner,
                       grid->ys, grid->xs, 1, 0, full, room, (size_t)-1, 0, {0, 0, 0, 0}, 0, 0, 0};
    split_header_words(pc, m, ext);
    free(top);
}
