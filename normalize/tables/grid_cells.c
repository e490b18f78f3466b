/*
 * grid_cells.c — the text of every cell of a ruled grid: each glyph whose
 * centre lies in the grid goes to the merged cell that owns its atomic
 * cell; within a cell, glyphs keep line order (top to bottom) and, within
 * a line, left to right, so the pieces of a wrapped cell join in reading
 * order ("机关事业单位基本养老保险缴费" + "支出", "800.0" + "0"). A cell
 * whose last line runs to its right border is marked full: its text may go
 * on in the next row of the next page (table_rows.c NOTES (2)).
 */
#include "table_int.h"

#include <stdlib.h>

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
    if (!last || !first)
        pr_die_nomem();
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
                pr_strbuf_put_utf8(&sb[grid->owner[cell]], gl->cp);
                last[grid->owner[cell]] = gl;
                if (!first[grid->owner[cell]])
                    first[grid->owner[cell]] = gl;
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
    *m = (cell_matrix){grid->n_rows, grid->n_cols, text, grid->owner,
                       grid->ys, grid->xs, 1, 0, full, room};
}
