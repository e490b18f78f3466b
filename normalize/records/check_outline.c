/*
 * check_outline.c — tables without subject codes (收支总表, 收入总表,
 * 政府采购表) add up as outlines, on one side of a table.
 *
 * NOTES
 *   (1) Outline, for tables without codes (收支总表, 收入总表, 政府采购表):
 *       per amount column, the rows are read as an outline. A row's place
 *       in it comes from its label on that column's side (the text cells
 *       between the previous amount column and this one): its last
 *       labelled column (indentation: a 专项 row that also names its 经济科目
 *       sits at the 经济科目's depth; a group row that also says 小计 at
 *       its group's), then the label's numbering (一、 before 1. and （一）,
 *       before (1)). A row is the sum of the deeper
 *       rows under it, up to the next row at its depth or above. A row
 *       whose label is a total word (小计, 合计, 收入总计) is the sum of the
 *       top rows of its stretch (since the previous total; a subtotal
 *       stands for what it sums). A total label merged across to a later
 *       amount column gives its amount there. "totals" checks the total
 *       rows only, for layouts whose inner rows do not nest cleanly. An
 *       "of which" row (其中：…) and the unnumbered rows after it break the
 *       row above down without having to add up to it: left out.
 *   (2) Numbering decides depth only where the side's labels are
 *       numbered: an unnumbered label after a row of the outline (not
 *       after a total, not first) in a column whose other labels are
 *       numbered may be nested under it by indentation alone, so its depth
 *       is unknown. (After a total it starts a new stretch at the top:
 *       上年结转 after 本年收入合计.)
 *       A row with such rows under it is not summed, and a total over
 *       numbered rows and such rows is not checked (which of them are the
 *       top rows, only indentation says).
 *   (3) A side that cannot be read as an outline is not checked: text in
 *       an amount cell of a labelled row (glyphs clipped from a label into
 *       the next cell), or a label that starts with a figure (an amount
 *       glued to the next cell's label).
 *   (4) Nor is a side whose numbering repeats at one depth with no row
 *       of a higher depth or total between (一、本年支出, then
 *       一、一般公共服务支出 nested under it by indentation): which row
 *       holds which, only indentation says.
 */
#include "rec_int.h"

#include <stdlib.h>
#include <string.h>

/* (1) numbering depth of a label, 1..6, 0 for none: the grammar's
 * outline_1, outline_2, outline_3 rules (一、 or a 类 code; （一） or 1.;
 * (1)) in that order; within one level, a second numbering style is
 * deeper than the first one seen on this side (（二） then 1. 2.).
 * styles[0..2] hold the rule first seen at each level (-1: none yet). */
static int numbering(const gr_grammar *g, const char *label, long styles[3])
{
    static const gr_kind levels[] = {GR_OUTLINE_1, GR_OUTLINE_2, GR_OUTLINE_3};
    for (int i = 0; i < 3; i++) {
        long rule = grammar_match_rule(g, levels[i], label);
        if (rule < 0)
            continue;
        if (styles[i] < 0)
            styles[i] = rule;
        return 2 * i + 1 + (rule != styles[i]);
    }
    return 0;
}

typedef struct node {
    rec_row *row;
    int depth;                  /* col * 8 + numbering; smaller is higher */
    int total;                  /* 1 subtotal/total row */
    int unknown;                /* unnumbered among numbered labels: its
                                   depth only indentation shows */
    pr_amount value;
    int has;                    /* REC_CELL_ZERO / REC_CELL_AMOUNT */
} node;

/* A label that starts with a figure ("7,651.71一、…"): an amount glued to
 * the label by a cell border that was not seen; the side is unreadable. */
static int starts_with_figure(const char *s)
{
    size_t i = 0;
    while ((s[i] >= '0' && s[i] <= '9') || s[i] == ',')
        i++;
    if (i == 0 || s[i] != '.' || s[i + 1] < '0' || s[i + 1] > '9')
        return 0;
    return 1;
}

/* (4): whether a numbering repeats between two totals at one depth
 * (一、本年支出 then 一、一般公共服务支出 under it). */
static int repeated_number(const rec_view *v, size_t lo, size_t col, const node *nodes,
                           size_t n)
{
    static const gr_kind levels[] = {GR_OUTLINE_1, GR_OUTLINE_2, GR_OUTLINE_3};
    for (size_t i = 0; i < n; i++) {
        for (size_t j = i + 1; j < n && !nodes[j].total; j++) {
            if (!nodes[j].unknown && nodes[j].depth < nodes[i].depth)
                break;                      /* a new parent: numbering restarts */
            if (nodes[i].total || nodes[j].depth != nodes[i].depth || nodes[i].depth % 8 == 0)
                continue;
            const char *a = NULL, *b = NULL;
            for (size_t c = lo; c < col; c++) {
                if (!a && *nodes[i].row->cells[c] && !grammar_match(v->g, GR_TOTAL, nodes[i].row->cells[c], NULL, NULL, 0))
                    a = nodes[i].row->cells[(size_t)(nodes[i].depth / 8) + lo];
                if (!b && *nodes[j].row->cells[c])
                    b = nodes[j].row->cells[(size_t)(nodes[j].depth / 8) + lo];
            }
            for (int l = 0; a && b && l < 3; l++) {
                long ea = grammar_match_end(v->g, levels[l], a, NULL, NULL, 0);
                long eb = grammar_match_end(v->g, levels[l], b, NULL, NULL, 0);
                if (ea > 0 && ea == eb && strncmp(a, b, (size_t)ea) == 0)
                    return 1;
            }
        }
    }
    return 0;
}

/* The rows of t as an outline for amount column col, side [lo, col);
 * (size_t)-1 when the side cannot be read as one (text where an amount
 * belongs, a figure glued to a label). */
static size_t outline_nodes(const rec_view *v, size_t lo, size_t col, node *nodes)
{
    size_t n = 0;
    long styles[3] = {-1, -1, -1};
    int numbered[64] = {0};     /* label columns (col - lo < 64) numbered */
    for (size_t r = 0; r < v->n_rows; r++) {
        rec_row *row = v->rows[r];
        node nd = {row, 0, 0, 0, {0, 0}, REC_CELL_ZERO};
        int k = rec_cell_value(v->g, row->cells[col], &nd.value);
        for (size_t c = lo; c < col; c++)
            if (starts_with_figure(row->cells[c]))
                return (size_t)-1;
        if (k == REC_CELL_TEXT) {
            for (size_t c = lo; c < col; c++)
                if (*row->cells[c])
                    return (size_t)-1;  /* a labelled row's amount is text */
            continue;
        }
        nd.has = k;
        size_t c = lo, deepest = col;
        int labels = 0, totals = 0;
        for (; c < col; c++) {
            if (!*row->cells[c])
                continue;
            labels++;
            if (grammar_match(v->g, GR_TOTAL, row->cells[c], NULL, NULL, 0))
                totals++;
            else
                deepest = c;
        }
        if (labels) {
            nd.total = totals == labels;
            if (!nd.total) {
                int num = numbering(v->g, row->cells[deepest], styles);
                nd.depth = (int)(deepest - lo) * 8 + num;
                if (num && deepest - lo < 64)
                    numbered[deepest - lo] = 1;
            }
        } else {
            /* no label on this side: a total label merged across from the
             * left gives its amount here; anything else is not a node */
            size_t j = lo;
            while (j-- > 0 && !*row->cells[j])
                ;
            int merged = j < lo ? grammar_match(v->g, GR_TOTAL, row->cells[j], NULL, NULL, 0)
                       : lo == 0 && strcmp(row->role, "item") != 0;
            if (k != REC_CELL_AMOUNT || !merged)
                continue;
            nd.total = 1;
        }
        nodes[n++] = nd;
    }
    /* "of which" rows (其中：…, and the unnumbered rows after it in its
     * column) break a row down without having to add up: left out */
    size_t k = 0;
    int in_of_which = 0, of_which_col = -1;
    for (size_t i = 0; i < n; i++) {
        const char *label = NULL;
        for (size_t c = lo; c < col && !label; c++)
            if (*nodes[i].row->cells[c])
                label = nodes[i].row->cells[c];
        int col_of = nodes[i].depth / 8;
        if (label && !nodes[i].total && grammar_match(v->g, GR_OF_WHICH, label, NULL, NULL, 0)) {
            in_of_which = 1;
            of_which_col = col_of;
            continue;
        }
        if (in_of_which && !nodes[i].total && nodes[i].depth % 8 == 0 && col_of == of_which_col)
            continue;
        in_of_which = 0;
        nodes[k++] = nodes[i];
    }
    /* unnumbered labels in a column whose other labels are numbered:
     * nested by indentation only, their depth is unknown */
    for (size_t i = 0; i < k; i++) {
        int col_of = nodes[i].depth / 8;
        nodes[i].unknown = !nodes[i].total && nodes[i].depth % 8 == 0 &&
                           col_of < 64 && numbered[col_of] &&
                           i > 0 && !nodes[i - 1].total;
    }
    return repeated_number(v, lo, col, nodes, k) ? (size_t)-1 : k;
}

static void outline_check(const rec_view *v, const char *rule, size_t col,
                          node *total, node *parts, size_t n)
{
    if (total->has != REC_CELL_AMOUNT)
        return;                     /* nothing printed to check against */
    int any = 0;
    pr_amount *vals = malloc((n + 1) * sizeof *vals);
    if (!vals)
        pr_die_nomem();
    for (size_t i = 0; i < n; i++) {
        vals[i] = parts[i].value;
        any |= parts[i].has == REC_CELL_AMOUNT;
    }
    if (any) {
        rec_check *c = rec_judge(v, rule, col, total->value, vals, n, total->row);
        if (!c) {
            free(vals);
            return;
        }
        rec_count(v, c);
        rec_attach(v, total->row, col, c);
        for (size_t i = 0; i < n; i++)
            rec_attach(v, parts[i].row, col, c);
    }
    free(vals);
}

void rec_check_outline(const rec_view *v, const char *rule, int rows_too)
{
    for (size_t r = 0; r < v->n_rows; r++)
        if (*v->rows[r]->code)
            return;                 /* coded tables: hierarchy's job */
    node *nodes = malloc((v->n_rows + 1) * sizeof *nodes);
    node *parts = malloc((v->n_rows + 1) * sizeof *parts);
    if (!nodes || !parts)
        pr_die_nomem();
    size_t lo = 0;
    for (size_t col = 0; col < v->n_cols; col++) {
        int amounts = 0;
        for (size_t r = 0; r < v->n_rows && !amounts; r++) {
            pr_amount a;
            amounts = rec_cell_value(v->g, v->rows[r]->cells[col], &a) == REC_CELL_AMOUNT;
        }
        if (!amounts || !rec_is_amount_column(v->t, v->lo + col))
            continue;
        size_t n = outline_nodes(v, lo, col, nodes);
        lo = col + 1;
        if (n == (size_t)-1)
            continue;
        /* a row is the sum of the deeper rows under it; rows of unknown
         * depth under it make that sum unknown too */
        for (size_t i = 0; i < n && rows_too; i++) {
            if (nodes[i].total || nodes[i].unknown)
                continue;
            size_t k = 0;
            int child = -1, unsure = 0;
            for (size_t j = i + 1; j < n && !nodes[j].total &&
                               (nodes[j].unknown || nodes[j].depth > nodes[i].depth); j++) {
                if (nodes[j].unknown) {
                    unsure = 1;
                    continue;
                }
                if (child < 0)
                    child = nodes[j].depth;
                if (nodes[j].depth == child)
                    parts[k++] = nodes[j];
            }
            if (k && !unsure)
                outline_check(v, rule, col, &nodes[i], parts, k);
        }
        /* totals: the top rows of their stretch; a total printed first
         * (合计 as the table's first row) sums the rows after it */
        size_t from = 0;
        for (size_t i = 0; i < n; i++) {
            if (!nodes[i].total)
                continue;
            size_t a = from, b = i;
            if (i == 0) {
                b = 1;
                while (b < n && !nodes[b].total)
                    b++;
                a = 1;
            }
            int top = 1 << 30, unknown = 0, known = 0;
            for (size_t j = a; j < b; j++) {
                if (nodes[j].total)
                    continue;
                unknown |= nodes[j].unknown;
                known |= !nodes[j].unknown;
                if (!nodes[j].unknown && nodes[j].depth < top)
                    top = nodes[j].depth;
            }
            if (unknown && !known)
                for (size_t j = a; j < b; j++)
                    if (!nodes[j].total && nodes[j].depth < top)
                        top = nodes[j].depth;
            size_t k = 0, deeper = 0;
            for (size_t j = a; j < b; j++) {
                if (nodes[j].total || nodes[j].depth == top)
                    parts[k++] = nodes[j];
                else if (!nodes[j].total)
                    deeper++;
            }
            /* a flat list of unnumbered labels may hide nesting that only
             * indentation shows (财政拨款（补助） over 一般公共预算): not
             * checked; the grammar's equal checks name such rows */
            if (top % 8 == 0 && deeper == 0 && k > 2)
                k = 0;
            /* a subtotal replaces what it sums: keep only the last total
             * and the rows after it */
            size_t last = k;
            for (size_t j = 0; j < k; j++)
                if (parts[j].total)
                    last = j;
            if (last < k) {
                memmove(parts, parts + last, (k - last) * sizeof *parts);
                k -= last;
            }
            /* numbered rows among rows of unknown depth: which are the
             * top ones only indentation says */
            if (k && !(unknown && known))
                outline_check(v, rule, col, &nodes[i], parts, k);
            nodes[i].depth = top == 1 << 30 ? 0 : top;
            from = i == 0 ? b : i;
        }
    }
    free(nodes);
    free(parts);
}
