/*
 * sides.c — the sides of a table: a 收支总表 prints an income table and an
 * expense table on the same lines (项目 · 预算数 | 项目 · 合计 · 基本支出 …);
 * a 基本支出决算表 may print its list twice side by side to save paper
 * (科目编码 · 科目名称 · 决算数 | 科目编码 · 科目名称 · 决算数). Each side
 * is a table of its own: its own codes, names, roles, keys and sums.
 *
 * NOTES
 *   (1) A new side starts at a column of labels (or codes) right after
 *       a column of amounts, when an amount column follows later: labels
 *       again after amounts. An empty column is neither. A table without header rows (a form:
 *       label/value pairs on every row) is one side: its columns are
 *       positions, not a repeated layout.
 *   (2) A column holds amounts when most of its filled body cells are
 *       amounts or placeholders (at most one text cell in five: glyphs
 *       clipped from a neighbouring label do not change its nature); in a
 *       table with no amount at all (an empty template), when its
 *       canonical name is that of an amount column.
 *   (3) A side's heading (and its canonical name, by the grammar's
 *       `column` rules on its last part: income, personnel) is the longest run of leading parts its
 *       columns' header paths share that no other side's columns share
 *       ("收入", "支出/功能分类", "人员经费"); "" when there is none.
 */
#include "rec_int.h"

#include <stdio.h>
#include <string.h>

static int named_amount(const rec_table *t, size_t c)
{
    const char *n = t->canonical[c];
    return n && strcmp(n, "name") != 0 && strncmp(n, "code", 4) != 0 &&
           strcmp(n, "line_no") != 0;
}

/* (2) */
static int holds_amounts(const gr_grammar *g, const rec_table *t, size_t c, int any_amount)
{
    if (!rec_is_amount_column(t, c))
        return 0;
    if (!any_amount)
        return named_amount(t, c);
    size_t amounts = 0, texts = 0;
    for (size_t r = 0; r < t->src->n_rows; r++) {
        pr_amount a;
        int k = rec_cell_value(g, t->src->rows[r].cells[c], &a);
        amounts += k == REC_CELL_AMOUNT;
        texts += k == REC_CELL_TEXT;
    }
    return amounts > 0 && 4 * texts <= amounts;
}

/* (1): a column with labels or codes in its body (an empty column is
 * neither amounts nor labels). */
static int holds_labels(const gr_grammar *g, const rec_table *t, size_t c)
{
    for (size_t r = 0; r < t->src->n_rows; r++) {
        pr_amount a;
        const char *cell = t->src->rows[r].cells[c];
        if (rec_cell_value(g, cell, &a) == REC_CELL_TEXT ||
            (*cell && rec_is_code_column(t, c)))
            return 1;
    }
    return !t->src->n_rows && !named_amount(t, c);
}

/* (3): the length of the first `parts` parts of path (0 if it has fewer). */
static size_t parts_len(const char *path, size_t parts)
{
    size_t n = 0;
    for (size_t i = 0; i < parts; i++) {
        const char *slash = strchr(path + n, '/');
        if (!slash)
            return i + 1 == parts && path[n] ? strlen(path) : 0;
        n = (size_t)(slash - path) + (i + 1 < parts);
    }
    return n;
}

static int shares(const char *a, const char *b, size_t n)
{
    return n && strncmp(a, b, n) == 0 && (b[n] == '/' || b[n] == '\0');
}

static const char *heading(rec_doc *d, const rec_table *t, size_t lo, size_t hi)
{
    char *const *cols = t->src->columns;
    const char *best = "";
    size_t best_n = 0;
    for (size_t parts = 1; t->n_sides > 1; parts++) {
        size_t n = parts_len(cols[lo], parts);
        if (!n || n == strlen(cols[lo]))
            break;                          /* a heading is over a column */
        int all = 1, other = 0;
        for (size_t c = lo + 1; c < hi && all; c++)
            all = shares(cols[lo], cols[c], n);
        for (size_t c = 0; c < t->src->n_cols && all && !other; c++)
            other = (c < lo || c >= hi) && shares(cols[lo], cols[c], n);
        if (!all)
            break;
        if (!other) {
            best = cols[lo];
            best_n = n;
            break;
        }
    }
    return best_n ? pr_arena_strndup(d->arena, best, best_n) : "";
}

/* (3): the first part of the heading the grammar names as a group
 * (支出/功能分类: expense), or NULL. */
static const char *side_key(rec_doc *d, const rec_table *t, const gr_grammar *g,
                            const char *heading)
{
    const gr_family fam = {t->family};
    char part[512] = {0};       /* zeroed: PCRE2's JIT reads past the end */
    for (const char *p = heading; *p;) {
        const char *slash = strchr(p, '/');
        size_t len = slash ? (size_t)(slash - p) : strlen(p);
        snprintf(part, sizeof part, "%.*s", (int)(len < sizeof part ? len : sizeof part - 1), p);
        const char *tok = grammar_column(g, t->family ? &fam : NULL, part);
        if (tok && strcmp(tok, "-") != 0 && strcmp(tok, "amount") != 0 &&
            strncmp(tok, "name", 4) != 0 && strncmp(tok, "code", 4) != 0 &&
            strcmp(tok, "budget") != 0 && strcmp(tok, "actual") != 0)
            return tok;
        p = slash ? slash + 1 : p + len;
    }
    (void)d;
    return NULL;
}

void rec_find_sides(rec_doc *d, rec_table *t, const gr_grammar *g)
{
    size_t n = t->src->n_cols;
    unsigned char *amt = pr_arena_alloc(d->arena, n + 1);
    int any_amount = 0;
    for (size_t c = 0; c < n && !any_amount; c++)
        any_amount = rec_column_has_amount(g, t, c) && rec_is_amount_column(t, c);
    for (size_t c = 0; c < n; c++)
        amt[c] = (unsigned char)holds_amounts(g, t, c, any_amount);
    size_t *starts = pr_arena_alloc(d->arena, (n + 1) * sizeof *starts);
    size_t k = 0;
    starts[k++] = 0;
    for (size_t c = 1; c < n && t->src->n_header; c++) {           /* (1) */
        if (amt[c] || !amt[c - 1] || !holds_labels(g, t, c))
            continue;
        size_t later = c + 1;
        while (later < n && !amt[later])
            later++;
        if (later < n)
            starts[k++] = c;
    }
    t->n_sides = k;
    t->sides = pr_arena_alloc(d->arena, k * sizeof *t->sides);
    for (size_t i = 0; i < k; i++)
        t->sides[i] = (rec_side){starts[i], i + 1 < k ? starts[i + 1] : n, "", NULL};
    for (size_t i = 0; i < k; i++) {
        t->sides[i].heading = heading(d, t, t->sides[i].lo, t->sides[i].hi);
        t->sides[i].key = side_key(d, t, g, t->sides[i].heading);
    }
}
