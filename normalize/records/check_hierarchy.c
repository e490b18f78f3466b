/*
 * check_hierarchy.c — subject-code tables add up: 类 = Σ 款, 款 = Σ 项,
 * 合计 = Σ 类, on one side of a table, in every amount column.
 *
 * NOTES
 *   (1) A coded row is the sum of the rows whose nearest printed ancestor
 *       it is: the rows below it, up to the first row whose code does not
 *       start with its code, whose code it is the longest printed prefix
 *       of (3010201 津贴补贴 under 301 when no 30102 row is printed; 20101
 *       under 201). A total row (合计, no code) is the sum of the rows with
 *       no printed ancestor.
 *   (2) Codes are the side's own (records.h): on a table printed as two
 *       panels, each panel's codes sum that panel's amounts only.
 *   (3) A parent's children are found once for all columns, grouped in
 *       one pass; a 500-page table is one table of 19,000 rows.
 */
#include "rec_int.h"

#include <stdlib.h>
#include <string.h>

/* One sum check of `total` against rows kids[0..n) in column col. */
static void sum_check(const rec_view *v, const char *rule, size_t col, rec_row *total,
                      rec_row **kids, size_t n)
{
    pr_amount found, *parts = malloc((n + 1) * sizeof *parts);
    if (!parts)
        pr_die_nomem();
    int any = rec_cell_value(v->g, total->cells[col], &found);
    int ok = any != REC_CELL_TEXT;
    for (size_t i = 0; i < n && ok; i++) {
        int k = rec_cell_value(v->g, kids[i]->cells[col], &parts[i]);
        ok = k != REC_CELL_TEXT;
        any |= k == REC_CELL_AMOUNT;
    }
    if (ok && any == REC_CELL_AMOUNT) {
        rec_check *c = rec_judge(v, rule, col, found, parts, n, total);
        if (c) {
            rec_count(v, c);
            rec_attach(v, total, col, c);
            for (size_t i = 0; i < n; i++)
                rec_attach(v, kids[i], col, c);
        }
    }
    free(parts);
}

/* (1): parent[r] = the index of row r's nearest printed ancestor, or
 * -1 (no code, or none printed above it). */
static void code_parents(const rec_view *v, long *parent)
{
    long *stack = malloc((v->n_rows + 1) * sizeof *stack);
    if (!stack)
        pr_die_nomem();
    size_t depth = 0;
    for (size_t r = 0; r < v->n_rows; r++) {
        const char *code = v->rows[r]->code;
        parent[r] = -1;
        if (!records_code_level(code))
            continue;
        size_t len = strlen(code);
        while (depth) {
            const char *top = v->rows[stack[depth - 1]]->code;
            size_t tl = strlen(top);
            if (tl < len && strncmp(code, top, tl) == 0)
                break;
            depth--;
        }
        parent[r] = depth ? stack[depth - 1] : -1;
        stack[depth++] = (long)r;
    }
    free(stack);
}

/* The rows of each printed parent, in order (children of r at
 * kids[first[r] .. first[r + 1])), and the coded rows without one (the
 * last slot, first[n] .. first[n + 1]): one pass, so that a table of n
 * rows costs O(n), not O(n^2) (3). */
static void group_children(const rec_view *v, const long *parent, rec_row **kids,
                           size_t *first)
{
    size_t n = v->n_rows;
    memset(first, 0, (n + 2) * sizeof *first);
    for (size_t k = 0; k < n; k++)
        if (records_code_level(v->rows[k]->code))
            first[(parent[k] < 0 ? n : (size_t)parent[k]) + 1]++;
    for (size_t r = 0; r <= n; r++)
        first[r + 1] += first[r];
    size_t *next = malloc((n + 1) * sizeof *next);
    if (!next)
        pr_die_nomem();
    memcpy(next, first, (n + 1) * sizeof *next);
    for (size_t k = 0; k < n; k++)
        if (records_code_level(v->rows[k]->code))
            kids[next[parent[k] < 0 ? n : (size_t)parent[k]]++] = v->rows[k];
    free(next);
}

void rec_check_hierarchy(const rec_view *v, const char *rule)
{
    size_t n_rows = v->n_rows;
    rec_row **kids = malloc((n_rows + 1) * sizeof *kids);
    long *parent = malloc((n_rows + 1) * sizeof *parent);
    size_t *first = malloc((n_rows + 2) * sizeof *first);
    if (!kids || !parent || !first)
        pr_die_nomem();
    code_parents(v, parent);
    group_children(v, parent, kids, first);
    for (size_t col = 0; col < v->n_cols; col++) {
        if (!rec_is_amount_column(v->t, v->lo + col))
            continue;
        for (size_t r = 0; r < n_rows; r++) {
            rec_row *p = v->rows[r];
            size_t from = 0, to = 0;
            if (records_code_level(p->code)) {
                from = first[r];
                to = first[r + 1];
            } else if (rec_is_total_row(v, p)) {
                from = first[n_rows];
                to = first[n_rows + 1];
            }
            if (to > from)
                sum_check(v, rule, col, p, kids + from, to - from);
        }
    }
    free(first);
    free(parent);
    free(kids);
}
