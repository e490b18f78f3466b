/*
 * table_store.c — the document's tables: growing their row, note and
 * region arrays, the list of fragments no cell took, and letting go of a
 * table stage three is done with. A table's content lives in its own
 * arena (so that it can be freed while the document goes on), the
 * document's own facts in the document's; arrays grow by doubling into
 * fresh arena memory (the old block is abandoned, at most doubling the
 * memory of a table).
 */
#include "table_int.h"
#include "arena.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

tb_doc *table_doc_new(void)
{
    tb_doc *d = pr_xcalloc(1, sizeof *d);
    d->arena = pr_arena_new();
    d->org = "";
    d->year = "";
    d->kind = "";
    return d;
}

void table_doc_free(tb_doc **doc)
{
    if (!doc || !*doc)
        return;
    for (size_t i = 0; i < (*doc)->n_tables; i++)
        table_release(*doc, i);
    if ((*doc)->open) {
        pr_arena *a = (*doc)->open->arena;
        pr_arena_free(&a);
    }
    pr_arena_free(&(*doc)->arena);
    free((*doc)->tables);
    free(*doc);
    *doc = NULL;
}

int table_is_closed(const tb_doc *doc, size_t i, int last_page)
{
    const tb_table *t = i < doc->n_tables ? doc->tables[i] : NULL;
    return t && t != doc->open && t->n_pages && t->pages[t->n_pages - 1] < last_page;
}

void table_release(tb_doc *doc, size_t i)
{
    if (i < doc->n_tables && doc->tables[i] && doc->tables[i] != doc->open) {
        pr_arena *a = doc->tables[i]->arena;    /* it holds the table itself */
        doc->tables[i] = NULL;
        pr_arena_free(&a);
    }
}

void table_push_row(tb_table *t, tb_row row)
{
    t->rows = pr_arena_grow(t->arena, t->rows, t->n_rows, &t->cap_rows, sizeof row);
    t->rows[t->n_rows++] = row;
}

void table_push_note(tb_table *t, const char *note)
{
    t->notes = pr_arena_grow(t->arena, t->notes, t->n_notes, &t->cap_notes, sizeof note);
    t->notes[t->n_notes++] = (char *)note;
}

void table_push_span(tb_table *t, tb_span span)
{
    t->spans = pr_arena_grow(t->arena, t->spans, t->n_spans, &t->cap_spans, sizeof span);
    t->spans[t->n_spans++] = span;
}

void table_push_unplaced(tb_doc *doc, int page, ex_box box, const char *text)
{
    doc->unplaced = pr_arena_grow(doc->arena, doc->unplaced, doc->n_unplaced,
                         &doc->cap_unplaced, sizeof *doc->unplaced);
    doc->unplaced[doc->n_unplaced++] = (tb_unplaced){page, box, text};
}

void table_note_region(tb_table *t, int page, ex_box box)
{
    if (!table_has_box(&box))
        return;
    if (t->n_regions && t->regions[t->n_regions - 1].page == page) {
        ex_box *b = &t->regions[t->n_regions - 1].box;
        b->x0 = fmin(b->x0, box.x0); b->y0 = fmin(b->y0, box.y0);
        b->x1 = fmax(b->x1, box.x1); b->y1 = fmax(b->y1, box.y1);
        return;
    }
    t->regions = pr_arena_grow(t->arena, t->regions, t->n_regions, &t->cap_regions,
                               sizeof *t->regions);
    t->regions[t->n_regions++] = (tb_region){page, box};
}
