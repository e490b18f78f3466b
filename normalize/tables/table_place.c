/*
 * table_place.c — a page's cell matrix into the document: a new table
 * (with its header) or the continuation of the open one, its body rows,
 * its pages, and the notes printed under it.
 *
 * NOTES
 *   (3) Header and body: the header is the rows above the first body row;
 *       a body row has an amount, a code or a placeholder in a cell of its
 *       own, or starts with a total label (合计) followed only by amounts.
 *       A header's first row reads as headings (most of its cells match
 *       the grammar's `header` words); a table whose first row is labels
 *       and values (a form: a performance-target table) has no header. In a
 *       table with no body row (an empty table) the header is its leading
 *       heading rows (table_rows.c).
 *   (4) Continuation: a grid with no title that has as many columns as the
 *       table left open on the previous page (or earlier on this page)
 *       continues it; its leading rows equal to that table's header rows
 *       are the repeated header and are dropped. A title equal to the open
 *       table's title on the next page is a repeated title: same table
 *       (table_continue.c).
 *   (7) A table's pages are the pages of its body rows (a header alone at
 *       a page's foot does not add its page).
 *   (8) A table's regions are the pages it covers, header included (so a
 *       header alone at a page's foot has one): on each, the union of its
 *       header rows and body rows there (table_rows.c); a text table's is
 *       the region its cells were read from (text_region.c).
 *   (9) A note without CJK keeps its spaces, as an English title does
 *       (cell_text.c NOTES (2)): "Source: Data.gov, 2011.", never
 *       "Source:Data.gov,2011.". CJK notes stay compact.
 */
#include "table_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* (9): a note's text in t's arena: as printed where it has no CJK
 * ("Source: Data.gov, 2011."), else compact like every CJK text. */
static char *note_text(page_ctx *pc, const free_line *fl, tb_table *t)
{
    const char *p = table_printed(pc->arena, fl->line ? fl->line->text : NULL, fl->text);
    return pr_arena_strndup(t->arena, p, strlen(p));
}

static size_t read_notes(page_ctx *pc, size_t from, size_t to, tb_table *t)
{
    size_t i = from;
    const char *prev_note = NULL;
    double prev_bottom = 0;
    for (; i < to; i++) {
        free_line *fl = &pc->free[i];
        if (fl->used)
            continue;
        const char *txt = fl->text;
        if (grammar_match(pc->g, GR_NOTE, txt, NULL, NULL, 0)) {
            prev_note = txt;
            table_push_note(t, note_text(pc, fl, t));
            fl->used = 1;
            prev_bottom = fl->box.y1;
            continue;
        }
        double h = fl->box.y1 - fl->box.y0;
        if (prev_note && grammar_match(pc->g, GR_NOTE_ITEM, txt, NULL, NULL, 0) &&
            fl->box.y0 - prev_bottom < 2.5 * h) {         /* "2.…": its own note */
            prev_note = txt;
            table_push_note(t, note_text(pc, fl, t));
            fl->used = 1;
            prev_bottom = fl->box.y1;
            continue;
        }
        char label[128];
        const char *rest = table_cut_label(pc, txt, label, sizeof label);
        if (prev_note && !table_is_furniture(pc, txt) && !*label && !table_is_title(pc, rest, *label != 0) &&
            fl->box.y0 - prev_bottom < 1.2 * h) {
            char *joined = table_join_text(t->arena, t->notes[t->n_notes - 1], txt);
            t->notes[t->n_notes - 1] = joined;
            fl->used = 1;
            prev_bottom = fl->box.y1;
            continue;
        }
        break;
    }
    return i;
}

/* ------------------------------------------------------------- the page */

static tb_table *new_table(page_ctx *pc, const table_head *head)
{
    tb_doc *d = pc->doc;
    pr_arena *arena = pr_arena_new();                               /* table_store.c */
    tb_table *t = pr_arena_alloc(arena, sizeof *t);
    t->arena = arena;
    t->seq = (int)d->n_tables + 1;
    t->label = head->label ? head->label : "";
    t->title = head->title ? head->title : "";
    t->org = head->org ? head->org : d->org;
    t->unit = head->unit ? head->unit : "";
    if (head->org && !*d->org)
        d->org = head->org;
    if (d->n_tables == d->cap_tables) {
        d->cap_tables = d->cap_tables ? 2 * d->cap_tables : 16;
        d->tables = pr_xrealloc(d->tables, d->cap_tables * sizeof *d->tables);
    }
    d->tables[d->n_tables++] = t;
    return t;
}

static void table_note_page(tb_table *t, int page)
{
    if (t->n_pages && t->pages[t->n_pages - 1] == page)
        return;
    int *p = pr_arena_alloc(t->arena, (t->n_pages + 1) * sizeof *p);
    if (t->n_pages)
        memcpy(p, t->pages, t->n_pages * sizeof *p);
    p[t->n_pages++] = page;
    t->pages = p;
}

/* A matrix is worth a table when it has text in at least two cells. */
static int has_content(const cell_matrix *m)
{
    size_t filled = 0;
    for (size_t i = 0; i < m->n_rows * m->n_cols; i++)
        if (m->text[i] && *m->text[i])
            filled++;
    return filled >= 2;
}

int table_place(page_ctx *pc, cell_matrix *m, table_head *head,
                size_t notes_from, size_t notes_to, size_t *next_free)
{
    tb_table *t = table_continues(pc, m, head);
    if (!t && !head->title && !((m->ruled || m->aligned) && m->n_cols >= 2 && has_content(m)))
        return 0;                   /* no title, no grid, no alignment: not a table */
    if (!t) {
        t = new_table(pc, head);
        table_take_header(pc, t, m);
    }
    for (size_t i = 0; i < head->n_skipped && head->title; i++) {
        free_line *fl = &pc->free[head->skipped[i]];
        if (!fl->used)              /* between its title and its grid */
            table_push_unplaced(pc->doc, pc->page->number, fl->box,
                                pr_arena_strndup(pc->doc->arena, fl->text,
                                                 strlen(fl->text)));
        fl->used = 1;
    }
    size_t rows_before = t->n_rows;
    table_take_body(pc, t, m);
    if (m->has_region)              /* (8) */
        table_note_region(t, pc->page->number, m->region);
    if (t->n_rows > rows_before && rows_before == 0)
        t->n_pages = 0;             /* (7) pages are where the body is */
    if (t->n_rows > rows_before || t->n_pages == 0)
        table_note_page(t, pc->page->number);
    *next_free = read_notes(pc, notes_from, notes_to, t);
    pc->doc->open = t;
    pc->doc->open_page = pc->page->number;
    return 1;
}

