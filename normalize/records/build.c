/*
 * build.c — stage three's model of one table (records.h): its family,
 * column names, sides and logical rows, then fields and flags. The
 * document around it, its checks and the order tables are built in:
 * stream.c.
 *
 * NOTES
 *   (1) The family comes from the title, folded by the grammar's `fold`
 *       rules and matched against its `family` rules (grammar_family).
 *   (2) A printed row gives one logical row per side that has any text
 *       on that row; an empty side (the short income side of a 收支总表
 *       near its foot) gives none.
 */
#include "rec_int.h"

#include <stdlib.h>
#include <string.h>

static int side_has_text(const tb_row *row, const rec_side *side)
{
    for (size_t c = side->lo; c < side->hi; c++)
        if (*row->cells[c])
            return 1;
    return 0;
}

void rec_build_table(rec_doc *d, rec_table *t, const tb_table *src, const gr_grammar *g)
{
    t->src = src;
    const gr_family *f = *src->title ? grammar_family(g, src->title) : NULL;   /* (1) */
    t->family = f ? f->name : NULL;
    t->scale = grammar_unit_scale(g, src->unit);
    t->form = grammar_is_form(g, t->family);
    rec_column_names(d, t, g);
    rec_find_sides(d, t, g);
    t->printed = pr_arena_alloc(d->arena, (src->n_rows + 1) * sizeof *t->printed);
    t->rows = pr_arena_alloc(d->arena, (src->n_rows * t->n_sides + 1) * sizeof *t->rows);
    for (size_t r = 0; r < src->n_rows; r++) {
        const tb_row *row = &src->rows[r];
        t->printed[r] = (rec_row){.src = row, .index = r + 1, .side = REC_WHOLE,
                                  .cells = row->cells, .code = "", .role = "item"};
        for (size_t s = 0; s < t->n_sides; s++)                         /* (2) */
            if (side_has_text(row, &t->sides[s]))
                t->rows[t->n_rows++] = (rec_row){.src = row, .index = r + 1, .side = s,
                                                 .cells = row->cells + t->sides[s].lo,
                                                 .code = "", .role = "item"};
    }
    rec_fill_fields(d, t, g);
    rec_flag_table(t, g);
}
