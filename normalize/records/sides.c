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

#include <string.h>

/* (2) */
static int holds_amounts(const gr_grammar *g, const rec_table *t, size_t c, int any_amount)
{
    if (!rec_is_amount_column(t, c))
        return 0;
    if (!any_amount)
        return t->canonical[c] != NULL;     /* an empty table: named amounts */
    rec_census n = rec_column_census(g, t, c);
    return n.amounts > 0 && 4 * n.texts <= n.amounts;
}

/* (1): a column with labels or codes in its body (an empty column is
 * neither amounts nor labels). */
static int holds_labels(const gr_grammar *g, const rec_table *t, size_t c)
{
    if (!t->src->n_rows)
        return !(t->canonical[c] && rec_is_amount_column(t, c));
    rec_census n = rec_column_census(g, t, c);
    return n.texts || (n.filled && rec_is_code_column(t, c));
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
static const char *side_key(const rec_table *t, const gr_grammar *g, const char *heading)
{
    for (const char *p = heading; *p;) {
        const char *slash = strchr(p, '/');
        size_t len = slash ? (size_t)(slash - p) : strlen(p);
        const char *tok = rec_part_token(g, t, p, len);
        if (tok && rec_names_group(tok))
            return tok;
        p = slash ? slash + 1 : p + len;
    }
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
        t->sides[i].key = side_key(t, g, t->sides[i].heading);
    }
}
