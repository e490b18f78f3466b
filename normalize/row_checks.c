/*
 * row_checks.c — the documents' own arithmetic, declared in the grammar
 * (`check` lines), run over the tables of one document: 类 = Σ 款,
 * 合计 = 基本支出 + 项目支出, 收入总计 = 支出总计, one table's total = another's.
 * A failed check is information: no value is ever changed.
 *
 * NOTES
 *   (1) Sums are exact: every amount is a scaled integer (amount.h), brought
 *       to the largest number of decimals printed among the terms.
 *   (2) Rounding: published tables round each figure to the printed
 *       precision, so a sum may differ from its printed total by up to one
 *       unit of the last printed decimal per summand. Such a difference is
 *       "rounded"; zero is "ok"; more is "failed".
 *   (3) An empty cell or a placeholder (-, —) counts as zero; a check is
 *       made only where at least one of its cells has an amount, and never
 *       where a cell holds text.
 *   (4) Hierarchy: a row whose code has level L (201: 1, 20101: 2) is the
 *       sum of the rows below it whose code extends its code by one level,
 *       up to the first row whose code does not start with its code; a
 *       total row (合计, no code) is the sum of the level-1 rows. Checked in
 *       every column that has amounts, except code columns.
 *   (5) Outline, for tables without codes (收支总表, 收入总表, 政府采购表):
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
 *   (6) A check's terms name columns by a pattern on their header path; a
 *       pattern that matches no column or several leaves the check out for
 *       that table (nothing is guessed).
 */
#include "table_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { CELL_ZERO = 0, CELL_AMOUNT = 1, CELL_TEXT = -1 };

/* (3) */
static int cell_value(const gr_grammar *g, const char *cell, pr_amount *a)
{
    *a = (pr_amount){0, 0};
    if (!*cell || grammar_match(g, GR_PLACEHOLDER, cell, NULL, NULL, 0))
        return CELL_ZERO;
    return amount_parse(cell, a) ? CELL_AMOUNT : CELL_TEXT;
}

static int64_t at_decimals(pr_amount a, int d)
{
    int64_t v = a.scaled;
    for (int i = a.decimals; i < d; i++)
        v *= 10;
    return v;
}

static void attach(tb_doc *d, tb_row *row, tb_check *c)
{
    for (size_t i = 0; i < row->n_checks; i++)
        if (row->checks[i] == c)
            return;
    row->checks = table_grow(d->arena, row->checks, row->n_checks, &row->cap_checks,
                             sizeof *row->checks);
    row->checks[row->n_checks++] = c;
}

/* (1), (2): found against the sum of parts[0..n). */
static tb_check *judge(tb_doc *d, const char *rule, const char *column,
                       pr_amount found, const pr_amount *parts, size_t n,
                       int page, const char *what)
{
    int dec = found.decimals;
    for (size_t i = 0; i < n; i++)
        if (parts[i].decimals > dec)
            dec = parts[i].decimals;
    int64_t sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += at_decimals(parts[i], dec);
    int64_t f = at_decimals(found, dec), diff = sum > f ? sum - f : f - sum;
    tb_check *c = pr_arena_alloc(d->arena, sizeof *c);
    c->rule = rule;
    c->column = column;
    c->expected = (pr_amount){sum, dec};
    c->found = found;
    c->page = page;
    c->what = what;
    c->status = diff == 0 ? TB_CHECK_OK
              : diff <= (int64_t)(n ? n : 1) ? TB_CHECK_ROUNDED : TB_CHECK_FAILED;
    return c;
}

static void count(tb_doc *d, tb_table *t, tb_check *c)
{
    t->checks = table_grow(d->arena, t->checks, t->n_checks, &t->cap_checks,
                           sizeof *t->checks);
    t->checks[t->n_checks++] = c;
    if (c->status == TB_CHECK_OK) t->n_ok++;
    else if (c->status == TB_CHECK_ROUNDED) t->n_rounded++;
    else t->n_failed++;
}

static const char *describe(tb_doc *d, const tb_row *row)
{
    const char *code = row->code ? row->code : "";
    const char *name = row->name ? row->name : "";
    char *s = pr_arena_alloc(d->arena, strlen(code) + strlen(name) + 2);
    sprintf(s, "%s%s%s", code, *code && *name ? " " : "", name);
    return s;
}

static int applies(const char *family, const tb_table *t)
{
    return strcmp(family, "*") == 0 || (t->family && strcmp(family, t->family) == 0);
}

static int is_total_row(const gr_grammar *g, const tb_table *t, const tb_row *row)
{
    if (*row->code)
        return 0;
    for (size_t c = 0; c < t->n_cols; c++) {
        const char *s = row->cells[c];
        if (!*s)
            continue;
        pr_amount a;
        if (cell_value(g, s, &a) != CELL_TEXT)
            return 0;
        return grammar_match(g, GR_TOTAL, s, NULL, NULL, 0);
    }
    return 0;
}

/* One sum check of `total` against rows kids[0..n) in column col. */
static void sum_check(tb_doc *d, tb_table *t, const gr_grammar *g, const char *rule,
                      size_t col, tb_row *total, tb_row **kids, size_t n)
{
    pr_amount found, *parts = malloc((n + 1) * sizeof *parts);
    if (!parts)
        pr_die_nomem();
    int any = cell_value(g, total->cells[col], &found);
    int ok = any != CELL_TEXT;
    for (size_t i = 0; i < n && ok; i++) {
        int k = cell_value(g, kids[i]->cells[col], &parts[i]);
        ok = k != CELL_TEXT;
        any |= k == CELL_AMOUNT;
    }
    if (ok && any == CELL_AMOUNT) {
        tb_check *c = judge(d, rule, t->columns[col], found, parts, n, total->page,
                            describe(d, total));
        count(d, t, c);
        attach(d, total, c);
        for (size_t i = 0; i < n; i++)
            attach(d, kids[i], c);
    }
    free(parts);
}

/* (4) */
static void hierarchy(tb_doc *d, tb_table *t, const gr_grammar *g, const char *rule)
{
    tb_row **kids = malloc((t->n_rows + 1) * sizeof *kids);
    if (!kids)
        pr_die_nomem();
    for (size_t col = 0; col < t->n_cols; col++) {
        if (table_is_code_column(t, col))
            continue;
        for (size_t r = 0; r < t->n_rows; r++) {
            tb_row *p = &t->rows[r];
            int level = table_code_level(p->code);
            size_t n = 0, len = strlen(p->code);
            if (level) {
                for (size_t k = r + 1; k < t->n_rows; k++) {
                    const char *code = t->rows[k].code;
                    if (!*code)
                        continue;
                    if (strncmp(code, p->code, len) != 0)
                        break;
                    if (table_code_level(code) == level + 1)
                        kids[n++] = &t->rows[k];
                }
            } else if (is_total_row(g, t, p)) {
                for (size_t k = 0; k < t->n_rows; k++)
                    if (table_code_level(t->rows[k].code) == 1)
                        kids[n++] = &t->rows[k];
            }
            if (n)
                sum_check(d, t, g, rule, col, p, kids, n);
        }
    }
    free(kids);
}

/* (6): the one column whose header path matches p, or -1. */
static long find_column(const gr_grammar *g, const tb_table *t, const gr_pattern *p)
{
    long found = -1;
    for (size_t c = 0; c < t->n_cols; c++) {
        if (!grammar_pattern_match(g, p, t->columns[c]))
            continue;
        if (found >= 0)
            return -1;
        found = (long)c;
    }
    return found;
}

/* (5) numbering depth of a label: the grammar's outline_1, outline_2,
 * outline_3 rules (一、 or a 类 code; （一） or 1.; (1)); 0 for none. */
static int numbering(const gr_grammar *g, const char *label)
{
    static const gr_kind levels[] = {GR_OUTLINE_1, GR_OUTLINE_2, GR_OUTLINE_3};
    for (int i = 0; i < 3; i++)
        if (grammar_match(g, levels[i], label, NULL, NULL, 0))
            return i + 1;
    return 0;
}

typedef struct node {
    tb_row *row;
    int depth;                  /* col * 8 + numbering; smaller is higher */
    int total;                  /* 1 subtotal/total row */
    pr_amount value;
    int has;                    /* CELL_ZERO / CELL_AMOUNT */
} node;

/* The rows of t as an outline for amount column col, side [lo, col). */
static size_t outline_nodes(const gr_grammar *g, tb_table *t, size_t lo, size_t col,
                            node *nodes)
{
    size_t n = 0;
    for (size_t r = 0; r < t->n_rows; r++) {
        tb_row *row = &t->rows[r];
        node nd = {row, 0, 0, {0, 0}, CELL_ZERO};
        int v = cell_value(g, row->cells[col], &nd.value);
        if (v == CELL_TEXT)
            continue;
        nd.has = v;
        size_t c = lo, deepest = col;
        int labels = 0, totals = 0;
        for (; c < col; c++) {
            if (!*row->cells[c])
                continue;
            labels++;
            if (grammar_match(g, GR_TOTAL, row->cells[c], NULL, NULL, 0))
                totals++;
            else
                deepest = c;
        }
        if (labels) {
            nd.total = totals == labels;
            if (!nd.total)
                nd.depth = (int)(deepest - lo) * 8 + numbering(g, row->cells[deepest]);
        } else {
            /* no label on this side: a total label merged across from the
             * left gives its amount here; anything else is not a node */
            size_t k = lo;
            while (k-- > 0 && !*row->cells[k])
                ;
            if (k >= lo || v != CELL_AMOUNT ||
                !grammar_match(g, GR_TOTAL, row->cells[k], NULL, NULL, 0))
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
        if (label && !nodes[i].total && grammar_match(g, GR_OF_WHICH, label, NULL, NULL, 0)) {
            in_of_which = 1;
            of_which_col = col_of;
            continue;
        }
        if (in_of_which && !nodes[i].total && nodes[i].depth % 8 == 0 && col_of == of_which_col)
            continue;
        in_of_which = 0;
        nodes[k++] = nodes[i];
    }
    return k;
}

static void outline_check(tb_doc *d, tb_table *t, const char *rule,
                          size_t col, node *total, node *parts, size_t n)
{
    if (total->has != CELL_AMOUNT)
        return;                     /* nothing printed to check against */
    int any = 0;
    pr_amount *v = malloc((n + 1) * sizeof *v);
    if (!v)
        pr_die_nomem();
    for (size_t i = 0; i < n; i++) {
        v[i] = parts[i].value;
        any |= parts[i].has == CELL_AMOUNT;
    }
    if (any) {
        tb_check *c = judge(d, rule, t->columns[col], total->value, v, n,
                            total->row->page, describe(d, total->row));
        count(d, t, c);
        attach(d, total->row, c);
        for (size_t i = 0; i < n; i++)
            attach(d, parts[i].row, c);
    }
    free(v);
}

static void outline(tb_doc *d, tb_table *t, const gr_grammar *g, const char *rule,
                    int rows_too)
{
    for (size_t r = 0; r < t->n_rows; r++)
        if (*t->rows[r].code)
            return;                 /* coded tables: hierarchy's job */
    node *nodes = malloc((t->n_rows + 1) * sizeof *nodes);
    node *parts = malloc((t->n_rows + 1) * sizeof *parts);
    if (!nodes || !parts)
        pr_die_nomem();
    size_t lo = 0;
    for (size_t col = 0; col < t->n_cols; col++) {
        int amounts = 0;
        for (size_t r = 0; r < t->n_rows && !amounts; r++) {
            pr_amount a;
            amounts = cell_value(g, t->rows[r].cells[col], &a) == CELL_AMOUNT;
        }
        if (!amounts || table_is_code_column(t, col))
            continue;
        size_t n = outline_nodes(g, t, lo, col, nodes);
        lo = col + 1;
        /* a row is the sum of the deeper rows under it */
        for (size_t i = 0; i < n && rows_too; i++) {
            if (nodes[i].total)
                continue;
            size_t k = 0;
            int child = -1;
            for (size_t j = i + 1; j < n && !nodes[j].total && nodes[j].depth > nodes[i].depth; j++) {
                if (child < 0)
                    child = nodes[j].depth;
                if (nodes[j].depth == child)
                    parts[k++] = nodes[j];
            }
            if (k)
                outline_check(d, t, rule, col, &nodes[i], parts, k);
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
            int top = 1 << 30;
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
            if (k)
                outline_check(d, t, rule, col, &nodes[i], parts, k);
            nodes[i].depth = top == 1 << 30 ? 0 : top;
            from = i == 0 ? b : i;
        }
    }
    free(nodes);
    free(parts);
}

static void identity(tb_doc *d, tb_table *t, const gr_grammar *g, const gr_check *ck)
{
    long cols[GR_CHECK_MAX_TERMS];
    size_t n = 0;
    for (size_t i = 0; i < ck->n_terms; i++) {
        long c = find_column(g, t, ck->column[i]);
        if (c < 0 && !ck->optional[i])
            return;
        if (c >= 0)
            cols[n++] = c;
    }
    if (n < 2)
        return;
    for (size_t r = 0; r < t->n_rows; r++) {
        tb_row *row = &t->rows[r];
        pr_amount found, parts[GR_CHECK_MAX_TERMS];
        int any = cell_value(g, row->cells[cols[0]], &found), ok = any != CELL_TEXT;
        for (size_t i = 1; i < n && ok; i++) {
            int k = cell_value(g, row->cells[cols[i]], &parts[i - 1]);
            ok = k != CELL_TEXT;
            any |= k == CELL_AMOUNT;
        }
        if (!ok || any != CELL_AMOUNT)
            continue;
        tb_check *c = judge(d, ck->name, t->columns[cols[0]], found, parts,
                            n - 1, row->page, describe(d, row));
        count(d, t, c);
        attach(d, row, c);
    }
}

/* The row of t named by pattern rp (any cell matches; NULL: the first
 * row with an amount in col) with an amount or zero in col, or NULL. */
static tb_row *find_row(const gr_grammar *g, tb_table *t, const gr_pattern *rp, size_t col)
{
    for (size_t r = 0; r < t->n_rows; r++) {
        tb_row *row = &t->rows[r];
        pr_amount a;
        int v = cell_value(g, row->cells[col], &a);
        if (v == CELL_TEXT || (!rp && v != CELL_AMOUNT))
            continue;
        if (!rp)
            return row;
        for (size_t c = 0; c < t->n_cols; c++)
            if (*row->cells[c] && grammar_pattern_match(g, rp, row->cells[c]))
                return row;
    }
    return NULL;
}

/* equal and cross: ta's term 0 = the sum of the other terms (found in tb
 * for a cross check); the check counts in ta. */
static tb_check *equal(tb_doc *d, tb_table *ta, tb_table *tb, const gr_grammar *g,
                       const gr_check *ck)
{
    long ca = find_column(g, ta, ck->column[0]);
    tb_row *ra = ca < 0 ? NULL : find_row(g, ta, ck->row[0], (size_t)ca);
    if (!ra)
        return NULL;
    pr_amount found, parts[GR_CHECK_MAX_TERMS];
    tb_row *rows[GR_CHECK_MAX_TERMS];
    int any = cell_value(g, ra->cells[ca], &found) == CELL_AMOUNT;
    size_t n = 0;
    for (size_t i = 1; i < ck->n_terms; i++) {
        long cb = find_column(g, tb, ck->column[i]);
        tb_row *rb = cb < 0 ? NULL : find_row(g, tb, ck->row[i], (size_t)cb);
        if (!rb || (rb == ra && cb == ca)) {
            if (ck->optional[i])
                continue;
            return NULL;
        }
        any |= cell_value(g, rb->cells[cb], &parts[n]) == CELL_AMOUNT;
        rows[n++] = rb;
    }
    if (!any || n == 0)
        return NULL;
    tb_check *c = judge(d, ck->name, ta->columns[ca], found, parts, n, ra->page,
                        describe(d, ra));
    attach(d, ra, c);
    for (size_t i = 0; i < n; i++)
        attach(d, rows[i], c);
    return c;
}

void table_check_table(tb_doc *d, tb_table *t, const gr_grammar *g)
{
    for (size_t i = 0; i < grammar_check_count(g); i++) {
        const gr_check *ck = grammar_check_at(g, i);
        if (ck->type == GR_CHECK_CROSS || !applies(ck->family, t))
            continue;
        if (ck->type == GR_CHECK_HIERARCHY)
            hierarchy(d, t, g, ck->name);
        else if (ck->type == GR_CHECK_OUTLINE || ck->type == GR_CHECK_TOTALS)
            outline(d, t, g, ck->name, ck->type == GR_CHECK_OUTLINE);
        else if (ck->type == GR_CHECK_IDENTITY)
            identity(d, t, g, ck);
        else {
            tb_check *c = equal(d, t, t, g, ck);
            if (c)
                count(d, t, c);
        }
    }
}

static tb_table *first_of(tb_doc *d, const char *family)
{
    for (size_t i = 0; i < d->n_tables; i++)
        if (d->tables[i]->family && strcmp(d->tables[i]->family, family) == 0)
            return d->tables[i];
    return NULL;
}

void table_check_document(tb_doc *d, const gr_grammar *g)
{
    for (size_t i = 0; i < grammar_check_count(g); i++) {
        const gr_check *ck = grammar_check_at(g, i);
        if (ck->type != GR_CHECK_CROSS)
            continue;
        tb_table *ta = first_of(d, ck->family), *tb = first_of(d, ck->family2);
        if (!ta || !tb || ta == tb)
            continue;
        tb_check *c = equal(d, ta, tb, g, ck);
        if (!c)
            continue;
        d->cross = table_grow(d->arena, d->cross, d->n_cross, &d->cap_cross,
                              sizeof *d->cross);
        d->cross[d->n_cross++] = c;
    }
}

/* Rows with amounts, with and without a check. */
static void row_summary(tb_table *t, const gr_grammar *g)
{
    for (size_t r = 0; r < t->n_rows; r++) {
        const tb_row *row = &t->rows[r];
        int amounts = 0;
        for (size_t c = 0; c < t->n_cols && !amounts; c++) {
            pr_amount a;
            amounts = !table_is_code_column(t, c) &&
                      cell_value(g, row->cells[c], &a) == CELL_AMOUNT;
        }
        if (!amounts)
            continue;
        if (row->n_checks)
            t->rows_checked++;
        else
            t->rows_unchecked++;
    }
}

void table_finish(tb_doc *d, const gr_grammar *g)
{
    for (size_t i = 0; i < d->n_tables; i++) {
        table_fill_fields(d, d->tables[i], g);
        table_check_table(d, d->tables[i], g);
    }
    table_check_document(d, g);
    for (size_t i = 0; i < d->n_tables; i++)
        row_summary(d->tables[i], g);
}
