/*
 * checks.c — the documents' own arithmetic, declared in the grammar
 * (`check` lines), run over the tables of one document: 类 = Σ 款
 * (check_hierarchy.c), outlines (check_outline.c), per-row identities
 * (合计 = 基本支出 + 项目支出), sums of named rows (收入总计 = 支出总计) and
 * one table's total against another's. A failed check is information: no
 * value is ever changed.
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
 *   (4) Sides: hierarchy, outline and identity checks run on each side of
 *       a table on its own (a panel's codes and amounts never mix with the
 *       next panel's); equal and cross checks name rows and columns of the
 *       whole printed table (收入总计 on the income side = 支出总计 on the
 *       expense side), and what they find is attached to the side rows.
 *   (6) A check's terms name columns by a pattern on their keys (8, 9); a
 *       pattern that matches no column or several leaves the check out for
 *       that table (nothing is guessed).
 *   (7) An identity runs only where its terms are the whole breakdown of
 *       its total: every other amount column under the total's heading
 *       (the total's header path less its last part) must be a part, or
 *       lie under a part's own heading (人员经费 under 基本支出 when the
 *       part is 基本支出/小计). A 合计 beside 人员经费, 公用经费 and a
 *       项目支出 column is not 人员经费 + 公用经费, whatever the columns
 *       are called: such a layout needs its own declared identity.
 *   (8) Identities name their columns by canonical key (fields.c: total,
 *       basic, personnel ...), so one declaration serves every publisher's
 *       wording. Where a side has both measures (预算数 and 决算数), the
 *       identity runs once per measure, over that measure's columns, with
 *       the keys read without their budget_/actual_ prefix.
 *   (9) Equal and cross checks name a cell by a row pattern (any cell of
 *       the row) and a column pattern matched against the column's key,
 *       after its side's key in a table of several sides
 *       ("expense/amount"). Of the columns that match, the term is the one
 *       where the named row has an amount; two such, and the check is left
 *       out.
 *   (11) Sums are exact 64-bit integers at the most decimals printed;
 *       amounts whose sum (or difference, or scaling) would not fit are
 *       not checked (rec_judge returns NULL): no check is better than a
 *       verdict on a wrapped number.
 *   (10) A check declared "unless COLUMN" does not run on a table that
 *       has an amount column whose key matches: the layout's arithmetic
 *       is another (a 支出总表 with a 结转下年 column counts money not
 *       spent this year).
 *   (12) A cross check compares the first table of one family with the
 *       first of another. Tables arrive one at a time (stream.c), so each
 *       cross rule is decided as soon as both of its tables are built, or
 *       when the document ends without one of them (no check); until
 *       then both tables wait (rec_cross_waits). The outcome is the same
 *       whenever it is decided: it reads those two tables only, after
 *       their own checks. The document lists cross checks in the
 *       grammar's order, whatever order they were decided in.
 */
#include "rec_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* (3) */
int rec_cell_value(const gr_grammar *g, const char *cell, pr_amount *a)
{
    *a = (pr_amount){0, 0};
    if (!*cell || grammar_match(g, GR_PLACEHOLDER, cell, NULL, NULL, 0))
        return REC_CELL_ZERO;
    return amount_parse(cell, a) ? REC_CELL_AMOUNT : REC_CELL_TEXT;
}

/* a at d decimals in *out; 0 when that does not fit in 64 bits */
static int at_decimals(pr_amount a, int d, int64_t *out)
{
    int64_t v = a.scaled;
    for (int i = a.decimals; i < d; i++)
        if (__builtin_mul_overflow(v, 10, &v))
            return 0;
    *out = v;
    return 1;
}


/* The side row of printed row `index` whose side holds printed column c,
 * or NULL. */
static rec_row *side_row(rec_table *t, size_t index, size_t c)
{
    size_t lo = 0, hi = t->n_rows;          /* rows run in printed order */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->rows[mid].index < index)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < t->n_rows && t->rows[i].index == index; i++) {
        rec_row *r = &t->rows[i];
        if (c >= t->sides[r->side].lo && c < t->sides[r->side].hi)
            return r;
    }
    return NULL;
}

/* (4) */
void rec_attach(const rec_view *v, rec_row *row, size_t col, rec_check *c)
{
    if (row->side == REC_WHOLE)
        row = side_row(v->t, row->index, v->lo + col);
    if (!row)
        return;
    for (size_t i = 0; i < row->n_checks; i++)
        if (row->checks[i] == c)
            return;
    row->checks = pr_arena_grow(v->doc->arena, row->checks, row->n_checks, &row->cap_checks,
                       sizeof *row->checks);
    row->checks[row->n_checks++] = c;
}

static const char *describe(rec_doc *d, const rec_row *row)
{
    const char *code = row->code ? row->code : "";
    const char *name = row->name ? row->name : "";
    char *s = pr_arena_alloc(d->arena, strlen(code) + strlen(name) + 2);
    sprintf(s, "%s%s%s", code, *code && *name ? " " : "", name);
    return s;
}

/* (1), (2): found against the sum of parts[0..n). */
rec_check *rec_judge(const rec_view *v, const char *rule, size_t col,
                     pr_amount found, const pr_amount *parts, size_t n,
                     const rec_row *total)
{
    if (total->side == REC_WHOLE)
        total = side_row(v->t, total->index, v->lo + col);
    int dec = found.decimals;
    for (size_t i = 0; i < n; i++)
        if (parts[i].decimals > dec)
            dec = parts[i].decimals;
    /* (11): exact or nothing: a sum or a difference beyond 64 bits is
     * no verdict at all */
    int64_t sum = 0, f, x, diff;
    for (size_t i = 0; i < n; i++)
        if (!at_decimals(parts[i], dec, &x) || __builtin_add_overflow(sum, x, &sum))
            return NULL;
    if (!at_decimals(found, dec, &f) ||
        __builtin_sub_overflow(sum > f ? sum : f, sum > f ? f : sum, &diff))
        return NULL;
    rec_check *c = pr_arena_alloc(v->doc->arena, sizeof *c);
    c->rule = rule;
    c->column = pr_arena_strndup(v->doc->arena, v->columns[col], strlen(v->columns[col]));
    c->expected = (pr_amount){sum, dec};
    c->found = found;
    c->page = total ? total->src->page : 0;
    c->what = total ? describe(v->doc, total) : "";
    c->status = diff == 0 ? REC_CHECK_OK
              : diff <= (int64_t)(n ? n : 1) ? REC_CHECK_ROUNDED : REC_CHECK_FAILED;
    return c;
}

void rec_count(const rec_view *v, rec_check *c)
{
    rec_table *t = v->t;
    t->checks = pr_arena_grow(v->doc->arena, t->checks, t->n_checks, &t->cap_checks,
                     sizeof *t->checks);
    t->checks[t->n_checks++] = c;
    if (c->status == REC_CHECK_OK) t->n_ok++;
    else if (c->status == REC_CHECK_ROUNDED) t->n_rounded++;
    else t->n_failed++;
}

static int applies(const char *family, const rec_table *t)
{
    return strcmp(family, "*") == 0 || (t->family && strcmp(family, t->family) == 0);
}

int rec_is_total_row(const rec_view *v, const rec_row *row)
{
    if (*row->code)
        return 0;
    for (size_t c = 0; c < v->n_cols; c++) {
        const char *s = row->cells[c];
        if (!*s)
            continue;
        pr_amount a;
        if (rec_cell_value(v->g, s, &a) != REC_CELL_TEXT)
            return 0;
        return grammar_match(v->g, GR_TOTAL, s, NULL, NULL, 0);
    }
    return 0;
}

/* (8): the key of view column c without the measure's "budget_" or
 * "actual_" in front, when its measure is m; NULL when it is another's. */
static const char *key_in(const rec_view *v, size_t c, const char *m)
{
    const char *k = v->t->keys[v->lo + c], *cm = v->t->measure[v->lo + c];
    if (!m)
        return k;
    if (!cm || strcmp(cm, m) != 0)
        return NULL;
    size_t n = strlen(m);
    return strncmp(k, m, n) == 0 && k[n] == '_' ? k + n + 1 : k;
}

/* (8): the one view column of measure m whose key matches p, or -1. */
static long find_key(const rec_view *v, const gr_pattern *p, const char *m)
{
    long found = -1;
    for (size_t c = 0; c < v->n_cols; c++) {
        const char *k = key_in(v, c, m);
        if (!k || !rec_is_amount_column(v->t, v->lo + c) || !grammar_pattern_match(v->g, p, k))
            continue;
        if (found >= 0)
            return -1;
        found = (long)c;
    }
    return found;
}

/* The length of the heading a header path sits under: the path less
 * its last part (0 at the top). */
static size_t heading_len(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? (size_t)(slash - path) : 0;
}

static int under(const char *path, const char *head, size_t n)
{
    return n == 0 || (strncmp(path, head, n) == 0 && path[n] == '/');
}

/* (7): cols[0] is the total, cols[1..n) its parts, all of measure m. */
static int whole_breakdown(const rec_view *v, const long *cols, size_t n, const char *m)
{
    const char *total = v->columns[cols[0]];
    size_t hn = heading_len(total);
    for (size_t c = 0; c < v->n_cols; c++) {
        const char *path = v->columns[c];
        if ((long)c == cols[0] || !rec_is_amount_column(v->t, v->lo + c) || !*path ||
            !under(path, total, hn) || !key_in(v, c, m))
            continue;
        int covered = 0;
        for (size_t i = 1; i < n && !covered; i++) {
            const char *part = v->columns[cols[i]];
            size_t pn = strlen(part), ph = heading_len(part);
            covered = (long)c == cols[i] ||
                      (strncmp(path, part, pn) == 0 && path[pn] == '/');
            /* a part that stands for its group covers the group */
            if (!covered && ph > hn && v->t->group_total[v->lo + cols[i]])
                covered = under(path, part, ph);
        }
        if (!covered && rec_column_has_amount(v->g, v->t, v->lo + c))
            return 0;
    }
    return 1;
}

/* (8): one identity over the columns of measure m (NULL: all). */
static void identity_of(const rec_view *v, const gr_check *ck, const char *m)
{
    long cols[GR_CHECK_MAX_TERMS];
    size_t n = 0;
    for (size_t i = 0; i < ck->n_terms; i++) {
        long c = find_key(v, ck->column[i], m);
        if (c < 0 && !ck->optional[i])
            return;
        if (c >= 0)
            cols[n++] = c;
    }
    if (n < 2 || !whole_breakdown(v, cols, n, m))
        return;
    for (size_t r = 0; r < v->n_rows; r++) {
        rec_row *row = v->rows[r];
        pr_amount found, parts[GR_CHECK_MAX_TERMS];
        int any = rec_cell_value(v->g, row->cells[cols[0]], &found);
        int ok = any != REC_CELL_TEXT;
        for (size_t i = 1; i < n && ok; i++) {
            int k = rec_cell_value(v->g, row->cells[cols[i]], &parts[i - 1]);
            ok = k != REC_CELL_TEXT;
            any |= k == REC_CELL_AMOUNT;
        }
        if (!ok || any != REC_CELL_AMOUNT)
            continue;
        rec_check *c = rec_judge(v, ck->name, (size_t)cols[0], found, parts, n - 1, row);
        if (!c)
            continue;
        rec_count(v, c);
        rec_attach(v, row, (size_t)cols[0], c);
    }
}

/* (8) */
static void identity(const rec_view *v, const gr_check *ck)
{
    int budget = 0, actual = 0;
    for (size_t c = 0; c < v->n_cols; c++) {
        const char *m = v->t->measure[v->lo + c];
        budget |= m && strcmp(m, "budget") == 0;
        actual |= m && strcmp(m, "actual") == 0;
    }
    if (budget && actual) {
        identity_of(v, ck, "budget");
        identity_of(v, ck, "actual");
    } else {
        identity_of(v, ck, NULL);
    }
}

/* (9): what an equal or cross term's column pattern is matched against:
 * the column's key, after its side's key in a table of several sides
 * ("expense/amount", "income/amount"). In buf. */
static const char *term_subject(const rec_view *v, size_t c, char *buf, size_t n)
{
    const rec_table *t = v->t;
    size_t pc = v->lo + c;
    if (t->n_sides < 2) {
        snprintf(buf, n, "%s", t->keys[pc]);
        return buf;
    }
    for (size_t s = 0; s < t->n_sides; s++)
        if (pc >= t->sides[s].lo && pc < t->sides[s].hi)
            snprintf(buf, n, "%s/%s", t->sides[s].key ? t->sides[s].key : "", t->keys[pc]);
    return buf;
}

/* The row of the view named by pattern rp (any cell matches) with an
 * amount or zero in col, or NULL. rp NULL ("*"): the first total row
 * with an amount in col, or the only row with an amount in col. */
static rec_row *find_row(const rec_view *v, const gr_pattern *rp, size_t col)
{
    if (!rp) {
        rec_row *only = NULL;
        size_t n = 0;
        for (size_t r = 0; r < v->n_rows; r++) {
            rec_row *row = v->rows[r];
            pr_amount a;
            if (rec_cell_value(v->g, row->cells[col], &a) != REC_CELL_AMOUNT)
                continue;
            const rec_row *side = row->side == REC_WHOLE
                                ? side_row(v->t, row->index, v->lo + col) : row;
            if (side && strcmp(side->role, "total") == 0)
                return row;
            only = row;
            n++;
        }
        return n == 1 ? only : NULL;
    }
    for (size_t r = 0; r < v->n_rows; r++) {
        rec_row *row = v->rows[r];
        pr_amount a;
        int k = rec_cell_value(v->g, row->cells[col], &a);
        if (k == REC_CELL_TEXT || (!rp && k != REC_CELL_AMOUNT))
            continue;
        if (!rp)
            return row;
        for (size_t c = 0; c < v->n_cols; c++)
            if (*row->cells[c] && grammar_pattern_match(v->g, rp, row->cells[c]))
                return row;
    }
    return NULL;
}

/* (9): the one cell of a term: among the amount columns whose subject
 * matches cp, the one where row pattern rp finds a row with an amount
 * (else, the one where it finds a row at all); 0 when there is none or
 * more than one. */
static int find_term(const rec_view *v, const gr_pattern *rp, const gr_pattern *cp,
                     rec_row **row, long *col)
{
    size_t with_amount = 0, with_row = 0;
    rec_row *ra = NULL, *rz = NULL;
    long ca = -1, cz = -1;
    char buf[256] = {0};        /* zeroed: PCRE2's JIT reads past the end */
    for (size_t c = 0; c < v->n_cols; c++) {
        if (!rec_is_amount_column(v->t, v->lo + c) ||
            !grammar_pattern_match(v->g, cp, term_subject(v, c, buf, sizeof buf)))
            continue;
        rec_row *r = find_row(v, rp, c);
        pr_amount a;
        if (!r)
            continue;
        with_row++;
        rz = r, cz = (long)c;
        if (rec_cell_value(v->g, r->cells[c], &a) == REC_CELL_AMOUNT)
            with_amount++, ra = r, ca = (long)c;
    }
    if (with_amount == 1)
        *row = ra, *col = ca;
    else if (with_amount == 0 && with_row == 1)
        *row = rz, *col = cz;
    else
        return 0;
    return 1;
}

/* (10): whether check ck is declared not to run on v's table ("unless
 * COLUMN": a column of the table, any side, has a key that matches). */
static int ruled_out(const rec_view *v, const gr_check *ck)
{
    if (!ck->unless)
        return 0;
    char buf[256] = {0};        /* zeroed: PCRE2's JIT reads past the end */
    for (size_t c = 0; c < v->t->src->n_cols; c++) {
        if (!rec_is_amount_column(v->t, c) || !v->t->keys[c])
            continue;
        snprintf(buf, sizeof buf, "%s", v->t->keys[c]);
        if (grammar_pattern_match(v->g, ck->unless, buf))
            return 1;
    }
    return 0;
}

/* equal and cross: a's term 0 = the sum of the other terms (found in b
 * for a cross check); the caller counts it. */
static rec_check *equal(const rec_view *a, const rec_view *b, const gr_check *ck)
{
    rec_row *ra;
    long ca;
    if (ruled_out(a, ck) || !find_term(a, ck->row[0], ck->column[0], &ra, &ca))
        return NULL;
    pr_amount found, parts[GR_CHECK_MAX_TERMS];
    rec_row *rows[GR_CHECK_MAX_TERMS];
    long cols[GR_CHECK_MAX_TERMS];
    int any = rec_cell_value(a->g, ra->cells[ca], &found) == REC_CELL_AMOUNT;
    size_t n = 0;
    for (size_t i = 1; i < ck->n_terms; i++) {
        rec_row *rb;
        long cb;
        if (!find_term(b, ck->row[i], ck->column[i], &rb, &cb) || (rb == ra && cb == ca)) {
            if (ck->optional[i])
                continue;
            return NULL;
        }
        any |= rec_cell_value(b->g, rb->cells[cb], &parts[n]) == REC_CELL_AMOUNT;
        cols[n] = cb;
        rows[n++] = rb;
    }
    if (!any || n == 0)
        return NULL;
    rec_check *c = rec_judge(a, ck->name, (size_t)ca, found, parts, n, ra);
    if (!c)
        return NULL;
    rec_attach(a, ra, (size_t)ca, c);
    for (size_t i = 0; i < n; i++)
        rec_attach(b, rows[i], (size_t)cols[i], c);
    return c;
}

/* The whole printed table as a view; rows[] is the caller's. */
static rec_view whole_view(rec_doc *d, rec_table *t, const gr_grammar *g, rec_row **rows)
{
    for (size_t r = 0; r < t->src->n_rows; r++)
        rows[r] = &t->printed[r];
    return (rec_view){d, t, g, 0, t->src->n_cols, t->src->columns, rows, t->src->n_rows};
}

void rec_check_table(rec_doc *d, rec_table *t, const gr_grammar *g)
{
    rec_row **rows = malloc((t->n_rows + t->src->n_rows + 1) * sizeof *rows);
    if (!rows)
        pr_die_nomem();
    for (size_t s = 0; s < t->n_sides; s++) {
        const rec_side *side = &t->sides[s];
        size_t n = 0;
        for (size_t r = 0; r < t->n_rows; r++)
            if (t->rows[r].side == s)
                rows[n++] = &t->rows[r];
        rec_view v = {d, t, g, side->lo, side->hi - side->lo, t->src->columns + side->lo,
                      rows, n};
        for (size_t i = 0; i < grammar_check_count(g); i++) {
            const gr_check *ck = grammar_check_at(g, i);
            if (!applies(ck->family, t))
                continue;
            if (ck->type == GR_CHECK_HIERARCHY)
                rec_check_hierarchy(&v, ck->name);
            else if (ck->type == GR_CHECK_OUTLINE || ck->type == GR_CHECK_TOTALS)
                rec_check_outline(&v, ck->name, ck->type == GR_CHECK_OUTLINE);
            else if (ck->type == GR_CHECK_IDENTITY && !ruled_out(&v, ck))
                identity(&v, ck);
        }
    }
    rec_view whole = whole_view(d, t, g, rows);
    for (size_t i = 0; i < grammar_check_count(g); i++) {
        const gr_check *ck = grammar_check_at(g, i);
        rec_check *c = ck->type == GR_CHECK_EQUAL && applies(ck->family, t)
                     ? equal(&whole, &whole, ck) : NULL;
        if (c)
            rec_count(&whole, c);
    }
    free(rows);
}

/* (12): the index of the first built table of family, or -1. */
static long first_of(const rec_doc *d, const char *family)
{
    for (size_t i = 0; i < d->n_families; i++)
        if (strcmp(d->families[i].name, family) == 0)
            return (long)d->families[i].first;
    return -1;
}

void rec_cross_step(rec_doc *d, const gr_grammar *g, int final)
{
    size_t n_rules = grammar_check_count(g);
    if (!d->cross_state) {
        d->cross_state = pr_arena_alloc(d->own, (n_rules + 1) * sizeof *d->cross_state);
        for (size_t i = 0; i < n_rules; i++)
            d->cross_state[i] = (rec_cross){-1, -1,
                                            grammar_check_at(g, i)->type != GR_CHECK_CROSS, NULL};
    }
    for (size_t i = 0; i < n_rules; i++) {
        const gr_check *ck = grammar_check_at(g, i);
        rec_cross *x = &d->cross_state[i];
        if (x->decided)
            continue;
        long ia = first_of(d, ck->family), ib = first_of(d, ck->family2);
        x->a = ia;
        x->b = ib;
        if (ia < 0 || ib < 0 || ia == ib) {
            x->decided = final || (ia >= 0 && ia == ib);
            continue;
        }
        rec_table *ta = &d->tables[ia], *tb = &d->tables[ib];
        rec_row **ra = malloc((ta->src->n_rows + 1) * sizeof *ra);
        rec_row **rb = malloc((tb->src->n_rows + 1) * sizeof *rb);
        if (!ra || !rb)
            pr_die_nomem();
        rec_view a = whole_view(d, ta, g, ra), b = whole_view(d, tb, g, rb);
        x->check = equal(&a, &b, ck);
        x->decided = 1;
        free(ra);
        free(rb);
    }
    if (!final)
        return;
    d->n_cross = 0;
    for (size_t i = 0; i < n_rules; i++)
        if (d->cross_state[i].check) {
            d->cross = pr_arena_grow(d->own, d->cross, d->n_cross, &d->cap_cross, sizeof *d->cross);
            d->cross[d->n_cross++] = d->cross_state[i].check;
        }
}

int rec_cross_waits(const rec_doc *d, const gr_grammar *g, size_t table)
{
    for (size_t i = 0; d->cross_state && i < grammar_check_count(g); i++) {
        const rec_cross *x = &d->cross_state[i];
        if (!x->decided && (x->a == (long)table || x->b == (long)table))
            return 1;
    }
    return 0;
}

/* Rows with amounts, with and without a check. */
void rec_row_summary(rec_table *t, const gr_grammar *g)
{
    for (size_t r = 0; r < t->n_rows; r++) {
        const rec_row *row = &t->rows[r];
        const rec_side *side = &t->sides[row->side];
        int amounts = 0;
        for (size_t c = side->lo; c < side->hi && !amounts; c++) {
            pr_amount a;
            amounts = rec_is_amount_column(t, c) &&
                      rec_cell_value(g, row->src->cells[c], &a) == REC_CELL_AMOUNT;
        }
        if (!amounts)
            continue;
        if (row->n_checks)
            t->rows_checked++;
        else
            t->rows_unchecked++;
    }
}
