/*
 * build.c — stage three's model of a document (records.h): for each of
 * stage two's tables its family, column names, sides and logical rows;
 * then fields and checks.
 *
 * NOTES
 *   (1) The family comes from the title, folded by the grammar's `fold`
 *       rules and matched against its `family` rules (grammar_family).
 *   (2) A printed row gives one logical row per side that has any text
 *       on that row; an empty side (the short income side of a 收支总表
 *       near its foot) gives none.
 *   (3) A document that prints no org line (编制单位：…) may name its org
 *       at the front of its titles: the grammar's `org_title` rule.
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

static void build_table(rec_doc *d, rec_table *t, const tb_table *src, const gr_grammar *g)
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

rec_doc *records_build(const tb_doc *doc, const gr_grammar *g)
{
    rec_doc *d = pr_xcalloc(1, sizeof *d);
    d->src = doc;
    d->arena = pr_arena_new();
    d->n_tables = doc->n_tables;
    d->tables = pr_arena_alloc(d->arena, (doc->n_tables + 1) * sizeof *d->tables);
    for (size_t i = 0; i < doc->n_tables; i++) {
        memset(&d->tables[i], 0, sizeof d->tables[i]);
        build_table(d, &d->tables[i], doc->tables[i], g);
    }
    d->org = doc->org;
    for (size_t i = 0; i < doc->n_tables && !*d->org; i++) {      /* (3) */
        char org[256];
        if (grammar_match(g, GR_ORG_TITLE, doc->tables[i]->title, "org", org, sizeof org) && *org)
            d->org = pr_arena_strndup(d->arena, org, strlen(org));
    }
    char key[1024];
    grammar_fold_org(g, d->org, key, sizeof key);
    d->org_key = pr_arena_strndup(d->arena, key, strlen(key));
    rec_run_checks(d, g);
    return d;
}

void records_free(rec_doc **doc)
{
    if (!doc || !*doc)
        return;
    pr_arena_free(&(*doc)->arena);
    free(*doc);
    *doc = NULL;
}
