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
 *       other page's two columns beside it, continues it.
 */
#include "table_int.h"

#include <math.h>
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
    for (size_t r = 0; r < m->n_rows; r++) {
        for (size_t j = 0; j < k; j++) {
            size_t o = m->owner[r * mc + col_of[j]];
            size_t oj = first_of[o % mc];
            size_t no = (o / mc) * k + (oj == (size_t)-1 ? j : oj);
            owner[r * k + j] = no;
            text[no] = m->text[o];
        }
    }
    m->owner = owner;
    m->text = text;
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

tb_table *table_continues(page_ctx *pc, cell_matrix *m, const table_head *head)
{
    tb_table *t = pc->doc->open;
    if (!t || pc->page->number - pc->doc->open_page > 1 || t->ruled != m->ruled)
        return NULL;
    if (head->title && (strcmp(head->title, t->title) != 0 || t->n_header == 0))
        return NULL;            /* a form repeats its title: a new form */
    if (!head->title && (head->label || head->org))
        return NULL;
    if (!m->ruled) {                                                /* (4) */
        if (m->n_cols != t->n_cols || !same_columns(m->xs, t->col_edges, m->n_cols))
            return NULL;
        table_skip_repeated_header(pc, t, m);
        return t;
    }
    double w = t->col_edges[t->n_cols] - t->col_edges[0];
    if (fabs(m->xs[0] - t->col_edges[0]) > EDGE_TOL ||
        fabs(m->xs[m->n_cols] - t->col_edges[t->n_cols]) > EDGE_TOL || w <= 0)
        return NULL;
    int subset = edges_within(m->xs, m->n_cols, t->col_edges, t->n_cols);
    int superset = edges_within(t->col_edges, t->n_cols, m->xs, m->n_cols);
    if (subset) {                                                   /* (1) */
        if (m->n_cols != t->n_cols)
            remap(pc, m, t);
        table_skip_repeated_header(pc, t, m);                       /* (3) */
    } else if (superset && t->n_rows == 0) {
        table_extend_header(pc, t, m);
    } else if (form_goes_on(pc, m, head, t)) {                     /* (5) */
        table_refine_columns(pc, t, m->xs, m->n_cols, EDGE_TOL);
        remap(pc, m, t);            /* m's edges are t's now, or a subset */
        m->body_from = 0;
    } else {
        return NULL;
    }
    return t;
}
