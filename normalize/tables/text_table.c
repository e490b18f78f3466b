/*
 * text_table.c — finding tables without vertical ruling lines among a
 * page's free lines: a title over aligned body lines (their cells are read
 * by text_region.c), and a page that goes on with the previous page's text
 * table.
 *
 * NOTES
 *   (7) A page that starts with body lines, before any title, while the
 *       previous page ended inside a table without ruling lines, goes on
 *       with that table (table_continue.c (4)).
 */
#include "table_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Whether free line i stops a text table's body. */
static int ends_body(page_ctx *pc, size_t i, double prev_bottom)
{
    const free_line *fl = &pc->free[i];
    if (fl->used || table_is_furniture(pc, fl->text) ||
        grammar_match(pc->g, GR_NOTE, fl->text, NULL, NULL, 0))
        return 1;
    char label[128];
    const char *rest = table_cut_label(pc, fl->text, label, sizeof label);
    if (*label || table_is_title(pc, rest, 0))
        return 1;
    double h = fl->box.y1 - fl->box.y0;
    return fl->box.y0 - prev_bottom > 2.5 * (h > 4 ? h : 4);
}


/* The body lines of a text table from free line j: up to the first line
 * that ends it (ends_body). Returns the index after them; *numbers (if
 * not NULL) counts the amount and code segments among them. A body with
 * no number at all is no table: returns j then. */
static size_t text_table_lines(page_ctx *pc, size_t j, size_t to, double top,
                               size_t *numbers)
{
    size_t k = j, n = 0;
    double bottom = top;
    char buf[1024] = "";          /* all set: PCRE2's JIT may read past the NUL */
    for (; k < to && !ends_body(pc, k, bottom); k++) {
        const ex_line *ln = pc->free[k].line;
        for (size_t s = 0; s < ln->n_segments; s++) {
            gr_compact(ln->segments[s].text, buf, sizeof buf);
            n += table_is_number(pc->g, buf);
        }
        bottom = pc->free[k].box.y1;
    }
    if (numbers)
        *numbers = n;
    return n ? k : j;
}

/* The body of a text table whose title is free line i: metadata lines,
 * then body lines until ends_body(). Places the table and returns the
 * first free line after it and its notes, or i + 1 when no table is there
 * (a heading over prose). */
static size_t text_table_body(page_ctx *pc, table_head *head, size_t i, size_t to)
{
    char cap[512];
    size_t j = i + 1;
    double bottom = pc->free[i].box.y1;
    for (; j < to && !pc->free[j].used; j++) {          /* meta lines */
        const char *t = pc->free[j].text;
        int org = grammar_match(pc->g, GR_ORG, t, "org", cap, sizeof cap);
        if (org && !head->org)
            head->org = pr_arena_strndup(pc->doc->arena, cap, strlen(cap));
        int unit = grammar_match(pc->g, GR_UNIT, t, "unit", cap, sizeof cap);
        if (unit && !head->unit)
            head->unit = pr_arena_strndup(pc->doc->arena, cap, strlen(cap));
        if (!org && !unit)
            break;
        bottom = pc->free[j].box.y1;
    }
    size_t numbers = 0;
    size_t k = text_table_lines(pc, j, to, bottom, &numbers);
    if (k - j < 2 || numbers == 0)
        return i + 1;
    ex_box region = {1e9, 1e9, -1e9, -1e9};
    for (size_t u = j; u < k; u++) {
        const free_line *b = &pc->free[u];
        region.x0 = fmin(region.x0, b->box.x0); region.x1 = fmax(region.x1, b->box.x1);
        region.y0 = fmin(region.y0, b->box.y0); region.y1 = fmax(region.y1, b->box.y1);
    }
    for (size_t u = i + 1; u < k; u++)
        pc->free[u].used = 1;
    cell_matrix m;
    table_read_text_region(pc, &region, NULL, 0, &m);
    size_t next = k;
    table_place(pc, &m, head, k, to, &next);
    return next > i + 1 ? next : i + 2;
}

/* (7): body lines at the top of a page that go on with the table the
 * previous page ended with, before any title. */
static void text_continuation(page_ctx *pc, size_t to)
{
    tb_table *t = pc->doc->open;
    if (!t || t->ruled || pc->doc->open_page != pc->page->number - 1)
        return;
    size_t j = 0;
    while (j < to && (pc->free[j].used || table_is_furniture(pc, pc->free[j].text)))
        j++;
    if (j == to)
        return;
    table_head head;
    memset(&head, 0, sizeof head);
    size_t k = text_table_lines(pc, j, to, pc->free[j].box.y0, NULL);
    if (k == j)
        return;
    ex_box region = {1e9, 1e9, -1e9, -1e9};
    for (size_t u = j; u < k; u++) {
        const free_line *b = &pc->free[u];
        region.x0 = fmin(region.x0, b->box.x0); region.x1 = fmax(region.x1, b->box.x1);
        region.y0 = fmin(region.y0, b->box.y0); region.y1 = fmax(region.y1, b->box.y1);
    }
    cell_matrix m;
    table_read_text_region(pc, &region, NULL, 0, &m);
    if (!table_continues(pc, &m, &head))
        return;                     /* not the same table: leave the lines */
    for (size_t u = j; u < k; u++)
        pc->free[u].used = 1;
    size_t next = k;
    table_place(pc, &m, &head, k, to, &next);
}

void table_text_tables(page_ctx *pc, size_t from, size_t to)
{
    if (from == 0)
        text_continuation(pc, to);
    for (size_t i = from; i < to; i++) {
        free_line *fl = &pc->free[i];
        if (fl->used)
            continue;
        char label[128];
        const char *rest = table_cut_label(pc, fl->text, label, sizeof label);
        if (!table_is_title(pc, rest, 0))
            continue;               /* a labelled title names a block (text_blocks.c (7)) */
        /* the preamble marks what it reads; undo that when no table follows */
        int *was_used = malloc((i + 1 - from) * sizeof *was_used);
        if (!was_used)
            pr_die_nomem();
        for (size_t u = from; u <= i; u++)
            was_used[u - from] = pc->free[u].used;
        table_head head;
        table_read_preamble(pc, from, i + 1, &head);
        size_t j = i + 1;
        if (head.title)
            j = text_table_body(pc, &head, i, to);
        for (size_t u = from; u <= i && j == i + 1; u++)
            pc->free[u].used = was_used[u - from];
        free(was_used);
        if (j > i + 1)
            i = j - 1;
    }
}
