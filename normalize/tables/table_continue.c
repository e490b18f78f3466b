/*
 * table_continue.c — a table that runs on from one page to the next, or
 * past an interruption on the same page (table_page.c NOTES (4)).
 *
 * NOTES
 *   (1) A grid continues the open table when it has no title of its own
 *       (or repeats the open table's title, unless the table is a form
 *       without header, like one project's performance targets), comes on the same or the next
 *       page, and its column edges line up with the table's: the same
 *       edges, or a subset of them (a page whose rows merge some columns),
 *       or, while the table has no body row yet, a superset (the page break
 *       fell inside the header, whose merged cells hid some edges).
 *   (2) A subset grid is remapped onto the table's columns: a cell that
 *       spans several of the table's columns keeps its text in the first
 *       of them (GT-FORMAT's merged-cell rule), "" in the others.
 *   (3) Its leading rows that equal the table's header rows are the
 *       repeated header; so are leading heading rows no more numerous
 *       than the header (a header reprinted with small changes).
 *   (5) A form (rows of labels and values, like a project's performance
 *       targets) cut by a page break may split its rows into other
 *       columns on the next page: an untitled grid with the same frame,
 *       first on the page after the table's, with nothing above it but
 *       page furniture and no header of its own, goes on with it; the
 *       table's columns are cut at the new edges as well (table_rows.c
 *       NOTES (4)).
 *   (4) A table without ruling lines has columns found from alignment on
 *       each page, so their edges move: the same number of columns, one
 *       outer edge in the same place, and every inner edge inside the
 *       other page's two columns beside it, continues it; but a block
 *       found by alignment alone (text_blocks.c) under a heading line the
 *       table's own heading printed too is a new table of the same layout
 *       (text_blocks.c (5)).
 *   (7) On one page, a grid under the open table with lines of text
 *       between them (a caption, a statistic: lines none of title, label,
 *       org or unit) and heading rows of its own that do not repeat the
 *       table's header is a new table printed in the same frame, not the
 *       table going on: a table interrupted on its page has nothing
 *       between its parts, or repeats its header.
 *   (6) `pdfrows explain` (table.h's trace): every return of
 *       table_continues() says why, as a "continue" or "no_continue"
 *       event; without a trace the calls do nothing.
 */
#include "table_int.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define EDGE_TOL 4.0

/* Whether every edge of a[0..na] is within EDGE_TOL of an edge of b. */
static int edges_within(const double *a, size_t na, const double *b, size_t nb)
{
    for (size_t i = 0; i <= na; i++) {
        int found = 0;
        for (size_t j = 0; j <= nb && !found; j++)
            found = fabs(a[i] - b[j]) <= EDGE_TOL;
        if (!found)
            return 0;
    }
    return 1;
}

/* (2) */
static void remap(page_ctx *pc, cell_matrix *m, const tb_table *t)
{
    size_t k = t->n_cols, mc = m->n_cols, n = m->n_rows * k;
    size_t *col_of = pr_arena_alloc(pc->arena, (k + 1) * sizeof *col_of);
    size_t *first_of = pr_arena_alloc(pc->arena, (mc + 1) * sizeof *first_of);
    for (size_t c = 0; c < mc; c++)
        first_of[c] = (size_t)-1;
    for (size_t j = 0; j < k; j++) {
        double mid = (t->col_edges[j] + t->col_edges[j + 1]) / 2;
        size_t c = 0;
        while (c + 1 < mc && mid >= m->xs[c + 1])
            c++;
        col_of[j] = c;
        if (first_of[c] == (size_t)-1)
            first_of[c] = j;
    }
    size_t *owner = pr_arena_alloc(pc->arena, (n + 1) * sizeof *owner);
    const char **text = pr_arena_alloc(pc->arena, (n + 1) * sizeof *text);
    /* full and room are indexed by owner too: they move with the text */
    unsigned char *full = m->full ? pr_arena_alloc(pc->arena, n + 1) : NULL;
    unsigned char *room = m->room ? pr_arena_alloc(pc->arena, n + 1) : NULL;
    for (size_t r = 0; r < m->n_rows; r++) {
        for (size_t j = 0; j < k; j++) {
            size_t o = m->owner[r * mc + col_of[j]];
            size_t oj = first_of[o % mc];
            size_t no = (o / mc) * k + (oj == (size_t)-1 ? j : oj);
            owner[r * k + j] = no;
            text[no] = m->text[o];
            if (full)
                full[no] = m->full[o];
            if (room)
                room[no] = m->room[o];
        }
    }
    m->owner = owner;
    m->text = text;
    m->full = full;
    m->room = room;
    m->n_cols = k;
    m->xs = t->col_edges;
}

/* (4): whether column edges a and b (n columns each) are the same columns
 * found from alignment on two pages: one outer edge agrees, and each
 * inner edge of either lies inside the other's two columns beside it (a
 * page whose first column holds only centred totals starts further right). */
static int same_columns(const double *a, const double *b, size_t n)
{
    if (fabs(a[0] - b[0]) > 4 * EDGE_TOL && fabs(a[n] - b[n]) > 4 * EDGE_TOL)
        return 0;
    for (size_t i = 1; i < n; i++)
        if (!(a[i] > b[i - 1] && a[i] < b[i + 1]) || !(b[i] > a[i - 1] && b[i] < a[i + 1]))
            return 0;
    return 1;
}

/* (5): whether the grid m, whose inner edges differ from the open table's,
 * is the rest of a form the page break cut: the first table placed on the
 * page right after t's, no line of text above it but furniture, the same
 * frame (checked by the caller), and rows of labels and values, not a
 * header of its own. */
static int form_goes_on(page_ctx *pc, const cell_matrix *m, const table_head *head,
                        const tb_table *t)
{
    return t->n_rows > 0 && pc->doc->open_page == pc->page->number - 1 &&
           head->n_skipped == 0 && !head->unit && table_header_rows(pc, m) == 0;
}

/* (7): whether the grid m, on the open table's page under it, is a new
 * table: text between them and a header of its own. Changes m only to
 * mark a repeated header (which makes it no new table). */
static int new_below(page_ctx *pc, cell_matrix *m, const table_head *head, tb_table *t)
{
    if (pc->page->number != pc->doc->open_page || head->n_skipped == 0 ||
        table_header_rows(pc, m) == 0)
        return 0;
    if (m->n_cols == t->n_cols) {
        table_skip_repeated_header(pc, t, m);
        if (m->body_from > 0)
            return 0;
    }
    return 1;
}

/* (6): why m does (event "continue") or does not ("no_continue") go on
 * with t. */
static void trace(const page_ctx *pc, const cell_matrix *m, const tb_table *t, int yes,
                  const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void trace(const page_ctx *pc, const cell_matrix *m, const tb_table *t, int yes,
                  const char *fmt, ...)
{
    if (!pc->trace)
        return;
    char why[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    ex_box box = {m->xs[0], m->ys[0], m->xs[m->n_cols], m->ys[m->n_rows]};
    if (!t)
        table_tracef(pc->trace, pc->page->number, "no_continue", 0, 0, &box,
                     "a new table, no continuation: %s", why);
    else
        table_tracef(pc->trace, pc->page->number, yes ? "continue" : "no_continue", t->seq,
                     0, &box, yes ? "continues table %d (%s, page %d): %s"
                                  : "does not continue table %d (%s, page %d): %s",
                     t->seq, *t->title ? t->title : "untitled", pc->doc->open_page, why);
}

/* (6): what table_skip_repeated_header() decided, for the trace. */
static const char *repeated(const cell_matrix *m, const tb_table *t, char *buf, size_t n)
{
    if (m->body_from == 0)
        snprintf(buf, n, "no leading row repeats its header");
    else
        snprintf(buf, n, "its first %zu row%s repeat%s the header (dropped)%s",
                 m->body_from, m->body_from == 1 ? "" : "s", m->body_from == 1 ? "s" : "",
                 m->body_from > t->n_header ? ": the same text cut into rows differently"
                                            : "");
    return buf;
}

tb_table *table_continues(page_ctx *pc, cell_matrix *m, const table_head *head)
{
    tb_table *t = pc->doc->open;
    if (!t || pc->page->number - pc->doc->open_page > 1 || t->ruled != m->ruled) {
        trace(pc, m, t, 0, !t ? "no table before it"
              : pc->page->number - pc->doc->open_page > 1
                  ? "the open table is more than a page back"
              : m->ruled ? "this is a ruled grid, the table was read from aligned text"
                         : "this is aligned text, the table is a ruled grid");
        return NULL;
    }
    if (head->title && (strcmp(head->title, t->title) != 0 || t->n_header == 0)) {
        trace(pc, m, t, 0, strcmp(head->title, t->title) != 0
              ? "it has a title of its own (%s)"
              : "it repeats the title of a form without header (%s): a new form", head->title);
        return NULL;            /* a form repeats its title: a new form */
    }
    if (!head->title && (head->label || head->org)) {
        trace(pc, m, t, 0, "no title, but a %s of its own above it (%s)",
              head->label ? "label" : "org line", head->label ? head->label : head->org);
        return NULL;
    }
    const char *titled = head->title ? "its title repeats the table's; " : "";
    char rep[160];
    if (!m->ruled) {                                                /* (4) */
        if (m->n_cols != t->n_cols || !same_columns(m->xs, t->col_edges, m->n_cols)) {
            trace(pc, m, t, 0, m->n_cols != t->n_cols ? "%s%zu columns found from alignment, "
                  "the table has %zu" : "%sits %zu columns do not line up with the table's "
                  "(%zu)", titled, m->n_cols, t->n_cols);
            return NULL;
        }
        table_skip_repeated_header(pc, t, m);
        if (m->aligned == 2) {
            trace(pc, m, t, 0, "untitled aligned text under a heading line that the table's "
                  "own heading printed too: a new table of the same layout");
            return NULL;
        }
        if (pc->trace)
            trace(pc, m, t, 1, "%saligned text whose %zu columns line up with the table's; %s",
                  titled, m->n_cols, repeated(m, t, rep, sizeof rep));
        return t;
    }
    double w = t->col_edges[t->n_cols] - t->col_edges[0];
    if (fabs(m->xs[0] - t->col_edges[0]) > EDGE_TOL ||
        fabs(m->xs[m->n_cols] - t->col_edges[t->n_cols]) > EDGE_TOL || w <= 0) {
        trace(pc, m, t, 0, "%souter edges x %.1f-%.1f, the table's x %.1f-%.1f (more than "
              "%.0f apart)", titled, m->xs[0], m->xs[m->n_cols], t->col_edges[0],
              t->col_edges[t->n_cols], EDGE_TOL);
        return NULL;
    }
    if (!head->title && new_below(pc, m, head, t)) {
        trace(pc, m, t, 0, "lines of text between it and the table on this page, and "
              "heading rows of its own that do not repeat the table's header: a new table");
        return NULL;
    }
    int subset = edges_within(m->xs, m->n_cols, t->col_edges, t->n_cols);
    int superset = edges_within(t->col_edges, t->n_cols, m->xs, m->n_cols);
    if (subset) {                                                   /* (1) */
        if (m->n_cols != t->n_cols)
            remap(pc, m, t);
        table_skip_repeated_header(pc, t, m);                       /* (3) */
        if (pc->trace)
            trace(pc, m, t, 1, superset
                  ? "%sthe same outer edges and the same %zu columns; %s"
                  : "%sthe same outer edges; its column edges are a subset of the table's "
                    "(this page merges columns): remapped onto the table's %zu columns; %s",
                  titled, t->n_cols, repeated(m, t, rep, sizeof rep));
    } else if (superset && t->n_rows == 0) {
        table_extend_header(pc, t, m);
        trace(pc, m, t, 1, "%sthe table has no body row yet and this grid's edges are a "
              "superset of its own: the page break fell inside the header, which goes on "
              "here (%zu columns now)", titled, t->n_cols);
    } else if (form_goes_on(pc, m, head, t)) {                     /* (5) */
        table_refine_columns(t, m->xs, m->n_cols, EDGE_TOL);
        remap(pc, m, t);            /* m's edges are t's now, or a subset */
        m->body_from = 0;
        trace(pc, m, t, 1, "%sa form cut by the page break: the same frame, first on the "
              "next page, nothing above it but furniture, no header of its own; the table's "
              "columns are cut at this page's edges too (%zu columns)", titled, t->n_cols);
    } else {
        trace(pc, m, t, 0, "%sthe same outer edges, but its column edges are neither a subset "
              "of the table's%s", titled, superset ? " (a superset, but the table already has "
              "body rows)" : " nor a superset");
        return NULL;
    }
    return t;
}
