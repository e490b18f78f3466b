/*
 * table_page.c — stage two for one page: splits the page's text between
 * its ruled grids and free lines, then takes the grids top to bottom: each
 * grid's preamble (table_preamble.c), titled text tables above it
 * (text_table.c), its cells (grid_cells.c), and its place in the document
 * (table_place.c): a new table or the continuation of the open one.
 *
 * NOTES
 *   (1) Text is split per glyph: a glyph whose centre is inside a grid
 *       belongs to that grid's cell (page_grids.c (4)); the rest of its
 *       line is "free text", where titles, metadata and notes are looked
 *       for. So a label printed on the same baseline as the grid's top
 *       never glues into a cell, and no cell loses an overflowing glyph.
 *   (5) A title left at the foot of a page (with its label, org and unit)
 *       waits for the next page's first grid.
 *   (6) A title printed inside the grid, as its leading rows, is the
 *       table's title, not its rows (table_preamble.c NOTES (7)); the
 *       header is looked for under it.
 */
#include "table_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- text */

static void append_cp(pr_strbuf *sb, uint32_t cp)
{
    pr_strbuf_put_utf8(sb, cp);
}

/* (1): which grid holds the glyph, or -1. */
static int grid_of(const page_ctx *pc, const ex_glyph *gl)
{
    double x = (gl->box.x0 + gl->box.x1) / 2, y = (gl->box.y0 + gl->box.y1) / 2;
    for (size_t i = 0; i < pc->n_grids; i++) {
        const tb_grid *g = &pc->grids[i];
        if (x >= g->box.x0 - 1 && x <= g->box.x1 + 1 && y >= g->box.y0 - 1 &&
            y <= g->box.y1 + 1)
            return (int)i;
    }
    return -1;
}

static void split_text(page_ctx *pc)
{
    const ex_page *pg = pc->page;
    pc->free = pr_arena_alloc(pc->arena, (pg->n_lines + 1) * sizeof *pc->free);
    pr_strbuf sb = PR_STRBUF_INIT;
    for (size_t li = 0; li < pg->n_lines; li++) {
        const ex_line *ln = &pg->lines[li];
        pr_strbuf_reset(&sb);
        ex_box fb = {1e9, 1e9, -1e9, -1e9};
        for (size_t k = 0; k < ln->n_glyphs; k++) {
            const ex_glyph *gl = &ln->glyphs[k];
            int gi = grid_of(pc, gl);
            if (gi >= 0) {
                pc->in_grid[gi] = 1;
                continue;
            }
            append_cp(&sb, gl->cp);
            fb.x0 = fmin(fb.x0, gl->box.x0); fb.x1 = fmax(fb.x1, gl->box.x1);
            fb.y0 = fmin(fb.y0, gl->box.y0); fb.y1 = fmax(fb.y1, gl->box.y1);
        }
        if (sb.len == 0)
            continue;
        free_line *fl = &pc->free[pc->n_free++];
        fl->line = ln;
        fl->box = fb;
        fl->text = pr_arena_strndup(pc->arena, sb.data, sb.len);
        fl->used = 0;
        char year[16];
        if (!*pc->doc->year &&
            grammar_match(pc->g, GR_YEAR, fl->text, "year", year, sizeof year))
            pc->doc->year = pr_arena_strndup(pc->doc->arena, year, strlen(year));
        char kind[32];
        if (!*pc->doc->kind &&
            grammar_match(pc->g, GR_DOC_KIND, fl->text, "kind", kind, sizeof kind))
            pc->doc->kind = pr_arena_strndup(pc->doc->arena, kind, strlen(kind));
    }
    pr_strbuf_free(&sb);
}

/* First free line at or below y. */
static size_t free_at(const page_ctx *pc, double y)
{
    size_t i = 0;
    while (i < pc->n_free && pc->free[i].box.y0 < y - 1)
        i++;
    return i;
}

static size_t first_grid(const page_ctx *pc)
{
    for (size_t gi = 0; gi < pc->n_grids; gi++)
        if (pc->in_grid[gi])
            return gi;
    return pc->n_grids;
}

/* (5): a title left at the foot of the page waits for the next page. */
static void carry_title(page_ctx *pc, size_t from)
{
    tb_doc *d = pc->doc;
    d->pending_title = d->pending_label = NULL;
    table_head head;
    table_read_preamble(pc, from, pc->n_free, &head);
    if (!head.title && !head.label)
        return;
    d->pending_title = head.title;          /* NULL: a label alone */
    d->pending_label = head.label;
    d->pending_org = head.org;
    d->pending_unit = head.unit;
}

static void take_carried_title(tb_doc *d, table_head *head)
{
    if (!d->pending_title && d->pending_label && head->title && !head->label)
        head->label = d->pending_label;     /* "公开04表" at the foot */
    if (head->title || !d->pending_title)
        return;
    head->title = d->pending_title;
    head->label = d->pending_label;
    if (!head->org)
        head->org = d->pending_org;
    if (!head->unit)
        head->unit = d->pending_unit;
    d->pending_title = NULL;
}

void table_add_page(tb_doc *doc, const ex_page *page, const gr_grammar *g)
{
    page_ctx pc = {0};
    pc.doc = doc;
    pc.page = page;
    pc.g = g;
    pc.arena = pr_arena_new();
    pc.n_grids = table_find_grids(page, pc.arena, &pc.grids);
    pc.in_grid = pr_arena_alloc(pc.arena, (pc.n_grids + 1) * sizeof *pc.in_grid);
    split_text(&pc);

    size_t free_from = 0;
    for (size_t gi = 0; gi < pc.n_grids; gi++) {
        tb_grid *grid = &pc.grids[gi];
        if (!pc.in_grid[gi])
            continue;               /* a frame or an underline, no text */
        size_t above = free_at(&pc, grid->box.y0);
        table_head head, free_head;
        table_read_preamble(&pc, free_from, above, &head);
        int title_above = head.title != NULL;
        free_head = head;
        cell_matrix m;
        table_read_grid(&pc, grid, &m);
        size_t lead = table_grid_preamble(&pc, &m, &head);      /* (6) */
        table_drop_rows(&pc, &m, lead);
        size_t header = table_header_rows(&pc, &m);
        if (m.split != (size_t)-1 && m.split < header)
            header--;               /* a grid row read as two (grid_cells.c) */
        if (m.ruled && table_grid_drop_header_edges(grid, lead + header, pc.arena)) {
            table_read_grid(&pc, grid, &m);
            head = free_head;
            lead = table_grid_preamble(&pc, &m, &head);
            table_drop_rows(&pc, &m, lead);
        }
        if (gi == first_grid(&pc))
            take_carried_title(doc, &head);
        if (title_above)            /* a titled text table above this grid */
            table_text_tables(&pc, free_from, head.title_line);
        else
            table_text_tables(&pc, free_from, above);
        size_t below = free_at(&pc, grid->box.y1);
        size_t limit = pc.n_free;
        for (size_t gj = gi + 1; gj < pc.n_grids; gj++)
            if (pc.in_grid[gj]) {
                limit = free_at(&pc, pc.grids[gj].box.y0);
                break;
            }
        free_from = below;
        table_place(&pc, &m, &head, below, limit, &free_from);
    }
    table_text_tables(&pc, free_from, pc.n_free);
    carry_title(&pc, free_from);
    pr_arena_free(&pc.arena);
}
