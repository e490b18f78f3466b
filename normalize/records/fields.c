/*
 * fields.c — what a row means, beyond its cells: each column's
 * canonical name (from the grammar's `column` rules) and the key its
 * amounts have in "values"; each side row's subject code, name, join key
 * and role.
 *
 * NOTES
 *   (1) Names and keys. The grammar's `column` rules name one header
 *       part at a time; a column's canonical name is its last part's, its
 *       measure (budget, actual) any part's. Its key on a side: the name
 *       under the group it stands in (an earlier part naming a group that
 *       does not stand over every amount column of the side: 基本支出/小计
 *       is basic, 一般公共预算支出/合计 is total), after its measure where
 *       the side prints both; where two columns of a side would share a
 *       key, the long form (measure and every group; none for a column
 *       under a group heading no rule names); then the header path; then path#N; colN with no header at all, and for a form.
 *       Label columns are name, name2 ... A key never silently overwrites
 *       another (docs/grammar-format.md "Column names").
 *   (2) A subject code printed over 类/款/项 columns is joined; a 款 or 项
 *       row whose 类 (or 款) cell is blank under a merged cell takes it
 *       from the row above. Only ASCII digits make a code: a 合计 merged
 *       over the code columns is not one. A 款 or 项 printed with one
 *       digit ("1") is its column's two digits ("01"): the row says so
 *       ("code_padded").
 *   (3) The join key of a name folds full-width ASCII forms (（）：，０-９
 *       Ａ-Ｚ) to ASCII and curly quotes to straight ones, so the same
 *       name printed by two producers joins across documents.
 *   (4) A row's role comes from its label (its first text cell, a cell
 *       merged over the code columns included): a `subtotal` label (小计)
 *       is "subtotal", a `total` label (合计, 总计, 收入总计) "total", an
 *       `of_which` label (其中：) "of_which", anything else "item". A row
 *       with a subject code is an item, whatever its name says.
 *   (5) A side row with no label of its own whose printed row has a total
 *       label just left of the side (支出合计 merged over the function and
 *       the use columns of a three-sided 收支总表) is that total: it takes
 *       the label as its name and role.
 */
#include "rec_int.h"
#include "text.h"

#include <stdio.h>
#include <string.h>

static int all_digits(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return 0;
    return 1;
}

int records_code_level(const char *code)
{
    size_t n = code ? strlen(code) : 0;
    if (!all_digits(code ? code : "") || n < 3 || n % 2 == 0 || n > 9)
        return 0;
    return (int)(n - 1) / 2;
}

static int canonical_is(const rec_table *t, size_t c, const char *name)
{
    return t->canonical[c] && strcmp(t->canonical[c], name) == 0;
}

int rec_is_code_column(const rec_table *t, size_t c)
{
    return t->canonical[c] && strncmp(t->canonical[c], "code", 4) == 0;
}

int rec_is_amount_column(const rec_table *t, size_t c)
{
    const char *n = t->canonical[c];
    return !rec_is_code_column(t, c) &&
           !(n && (strcmp(n, "line_no") == 0 || strncmp(n, "name", 4) == 0 ||
                   strcmp(n, "unit_name") == 0 || strcmp(n, "note") == 0));
}

rec_census rec_column_census(const gr_grammar *g, const rec_table *t, size_t c)
{
    rec_census n = {0, 0, 0};
    for (size_t r = 0; r < t->src->n_rows; r++) {
        pr_amount a;
        const char *cell = t->src->rows[r].cells[c];
        int k = rec_cell_value(g, cell, &a);
        n.amounts += k == REC_CELL_AMOUNT;
        n.texts += k == REC_CELL_TEXT;
        n.filled += *cell != '\0';
    }
    return n;
}

int rec_column_has_amount(const gr_grammar *g, const rec_table *t, size_t c)
{
    return rec_column_census(g, t, c).amounts > 0;
}


static int is_measure(const char *tok)
{
    return strcmp(tok, "budget") == 0 || strcmp(tok, "actual") == 0;
}

int rec_names_group(const char *tok)
{
    return strcmp(tok, "-") != 0 && strcmp(tok, "amount") != 0 && strcmp(tok, "name") != 0 &&
           strcmp(tok, "line_no") != 0 && strncmp(tok, "code", 4) != 0 && !is_measure(tok);
}

/* Calls fn(part, len, is_last, arg) for each part of a header path. */
typedef void (*part_fn)(const char *part, size_t len, int is_last, void *arg);

static void each_part(const char *path, part_fn fn, void *arg)
{
    for (const char *p = path; *p;) {
        const char *slash = strchr(p, '/');
        size_t len = slash ? (size_t)(slash - p) : strlen(p);
        fn(p, len, !slash, arg);
        p = slash ? slash + 1 : p + len;
    }
}

const char *rec_part_token(const gr_grammar *g, const rec_table *t, const char *part,
                           size_t len)
{
    char seg[512] = {0};        /* zeroed: PCRE2's JIT reads past the end */
    const gr_family fam = {t->family};
    snprintf(seg, sizeof seg, "%.*s", (int)(len < sizeof seg ? len : sizeof seg - 1), part);
    return grammar_column(g, t->family ? &fam : NULL, seg);
}

typedef struct name_walk {
    const gr_grammar *g;
    rec_table *t;
    size_t c;
} name_walk;

static void name_part(const char *part, size_t len, int is_last, void *arg)
{
    name_walk *w = arg;
    const char *tok = rec_part_token(w->g, w->t, part, len);
    if (tok && is_measure(tok))
        w->t->measure[w->c] = tok;
    else if (is_last)
        w->t->canonical[w->c] = tok;
}

/* (1): the canonical name (its last header part's) and the measure of
 * every column. */
void rec_column_names(rec_doc *d, rec_table *t, const gr_grammar *g)
{
    size_t n = t->src->n_cols;
    t->canonical = pr_arena_alloc(d->arena, (n + 1) * sizeof *t->canonical);
    t->measure = pr_arena_alloc(d->arena, (n + 1) * sizeof *t->measure);
    for (size_t c = 0; c < n; c++) {
        name_walk w = {g, t, c};
        each_part(t->src->columns[c], name_part, &w);
        if (t->canonical[c] && strcmp(t->canonical[c], "-") == 0)
            t->canonical[c] = NULL;
        if (!t->canonical[c] && t->measure[c])
            t->canonical[c] = "amount";         /* 收入/预算数: its measure only */
    }
    /* a column of labels with no heading of its own right of a name
     * column: the name's next level (项目名称 merged over two columns) */
    for (size_t c = 1; c < n; c++)
        if (!*t->src->columns[c] && t->canonical[c - 1] &&
            strcmp(t->canonical[c - 1], "name") == 0 && rec_column_census(g, t, c).texts &&
            !rec_column_has_amount(g, t, c))
            t->canonical[c] = "name";
}

/* (1): whether header prefix path[0..n) stands over every amount column
 * of columns [lo, hi): the table's subject (一般公共预算支出 over 合计,
 * 基本支出, 项目支出), not a group within it. */
static int covers_side(const rec_table *t, const char *path, size_t n, size_t lo, size_t hi)
{
    for (size_t c = lo; c < hi; c++) {
        const char *p = t->src->columns[c];
        if (rec_is_amount_column(t, c) && t->canonical[c] &&
            !(strncmp(p, path, n) == 0 && (p[n] == '/' || p[n] == '\0')))
            return 0;
    }
    return 1;
}

typedef struct key_walk {
    const gr_grammar *g;
    const rec_table *t;
    const char *path;
    size_t lo, hi;
    const char *core[16];
    size_t n;
    int unnamed_group;          /* stands under a heading no rule names */
} key_walk;

static void key_part(const char *part, size_t len, int is_last, void *arg)
{
    key_walk *w = arg;
    const char *tok = rec_part_token(w->g, w->t, part, len);
    if (!tok && !is_last &&
        !covers_side(w->t, w->path, (size_t)(part + len - w->path), w->lo, w->hi))
        w->unnamed_group = 1;
    if (!tok || is_measure(tok) || strcmp(tok, "-") == 0 || w->n == 16)
        return;
    if (!is_last && (!rec_names_group(tok) ||
                     covers_side(w->t, w->path, (size_t)(part + len - w->path), w->lo, w->hi)))
        return;
    w->core[w->n++] = tok;
}

/* (1): the key of column c on a side [lo, hi): its name, under the group
 * it stands in (long form: every group it stands in, after its measure;
 * NULL under a group heading no rule names, whose words the key would
 * lose); NULL when its last part has no name. */
static const char *column_base(rec_doc *d, const gr_grammar *g, const rec_table *t,
                               size_t c, size_t lo, size_t hi, int long_form)
{
    if (!t->canonical[c])
        return NULL;
    key_walk w = {g, t, t->src->columns[c], lo, hi, {0}, 0, 0};
    each_part(w.path, key_part, &w);
    if (long_form && w.unnamed_group)
        return NULL;            /* its printed heading says more */
    if (!w.n)
        return t->canonical[c];
    size_t n = w.n;
    if ((strcmp(w.core[n - 1], "total") == 0 || strcmp(w.core[n - 1], "amount") == 0) && n >= 2)
        n--;                                /* 基本支出/小计: basic */
    if (n < w.n || (n >= 2 && strcmp(w.core[n - 1], w.core[n - 2]) == 0))
        ((rec_table *)t)->group_total[c] = 1;   /* 项目支出/项目支出总数 too */
    if (!long_form)
        return w.core[n - 1];
    pr_strbuf sb = PR_STRBUF_INIT;
    if (t->measure[c])
        pr_strbuf_puts(&sb, t->measure[c]);
    for (size_t i = 0; i < n; i++) {
        if (sb.len)
            pr_strbuf_putc(&sb, '_');
        pr_strbuf_puts(&sb, w.core[i]);
    }
    const char *k = pr_arena_strndup(d->arena, sb.data, sb.len);
    pr_strbuf_free(&sb);
    return k;
}

static size_t count_in(char *const *keys, size_t lo, size_t hi, const char *k)
{
    size_t n = 0;
    for (size_t i = lo; i < hi; i++)
        n += keys[i] && strcmp(keys[i], k) == 0;
    return n;
}

/* (1): keys per side: the column's name, after its measure where the
 * side has both measures; where two columns of a side would share it,
 * the long form (every group, the measure); where they still would, or
 * where the column has no name, the printed heading; where that is
 * shared too, heading#N; with no heading at all, colN. */
static void column_keys(rec_doc *d, rec_table *t, const gr_grammar *g)
{
    const tb_table *src = t->src;
    size_t nc = src->n_cols;
    t->keys = pr_arena_alloc(d->arena, (nc + 1) * sizeof *t->keys);
    char **longer = pr_arena_alloc(d->arena, (nc + 1) * sizeof *longer);
    t->group_total = pr_arena_alloc(d->arena, nc + 1);
    for (size_t s = 0; s < t->n_sides; s++) {
        size_t lo = t->sides[s].lo, hi = t->sides[s].hi;
        int budget = 0, actual = 0;
        for (size_t c = lo; c < hi; c++) {
            budget |= t->measure[c] && strcmp(t->measure[c], "budget") == 0;
            actual |= t->measure[c] && strcmp(t->measure[c], "actual") == 0;
        }
        for (size_t c = lo; c < hi; c++) {
            const char *base = t->form ? NULL : column_base(d, g, t, c, lo, hi, 0);
            char buf[64];
            if (base && budget && actual && t->measure[c] && rec_is_amount_column(t, c)) {
                snprintf(buf, sizeof buf, "%s_%s", t->measure[c], base);
                base = buf;
            }
            t->keys[c] = base ? pr_arena_strndup(d->arena, base, strlen(base)) : NULL;
        }
        /* several label columns: name, name2, name3 ... left to right */
        for (size_t c = lo, level = 1; c < hi; c++) {
            if (!t->keys[c] || strcmp(t->keys[c], "name") != 0 || level++ == 1)
                continue;
            char buf[32];
            snprintf(buf, sizeof buf, "name%zu", level - 1);
            t->keys[c] = pr_arena_strndup(d->arena, buf, strlen(buf));
        }
        for (size_t c = lo; c < hi; c++)
            longer[c] = t->keys[c] && count_in(t->keys, lo, hi, t->keys[c]) > 1
                      ? (char *)column_base(d, g, t, c, lo, hi, 1) : t->keys[c];
        for (size_t c = lo; c < hi; c++) {
            const char *k = longer[c];
            if (!k || count_in(longer, lo, hi, k) > 1)
                k = t->form ? "" : src->columns[c];    /* a form: colN */
            t->keys[c] = (char *)k;
        }
        for (size_t c = lo; c < hi; c++) {
            const char *k = t->keys[c];
            if (*k && count_in(t->keys, lo, hi, k) < 2)
                continue;
            char *u = pr_arena_alloc(d->arena, strlen(k) + 24);
            if (*k)
                sprintf(u, "%s#%zu", k, c + 1);
            else
                sprintf(u, "col%zu", c + 1);
            t->keys[c] = u;
        }
    }
}

/* A 款 or 项 code printed without its leading zero ("1" for "01"), in
 * buf (3 bytes); *padded set. */
static const char *two_digits(const char *s, char *buf, int *padded)
{
    if (strlen(s) != 1)
        return s;
    buf[0] = '0';
    buf[1] = s[0];
    buf[2] = '\0';
    *padded = 1;
    return buf;
}

/* (2) */
static const char *row_code(rec_doc *d, const rec_table *t, size_t lo, size_t hi,
                            char *const *cells, char *last_class, char *last_section,
                            int *padded)
{
    const char *cls = NULL, *sec = NULL, *item = NULL;
    char sec_buf[3], item_buf[3];
    *padded = 0;
    for (size_t c = lo; c < hi; c++) {
        const char *cell = cells[c - lo];
        if (!rec_is_code_column(t, c) || !all_digits(cell))
            continue;
        if (canonical_is(t, c, "code") && records_code_level(cell))
            return cell;
        if (canonical_is(t, c, "code_class")) cls = cell;
        if (canonical_is(t, c, "code_section")) sec = two_digits(cell, sec_buf, padded);
        if (canonical_is(t, c, "code_item")) item = two_digits(cell, item_buf, padded);
    }
    if (!cls && !sec && !item)
        return "";
    if (cls) {
        snprintf(last_class, 16, "%s", cls);
        last_section[0] = '\0';
    }
    if (sec)
        snprintf(last_section, 16, "%s", sec);
    char code[48];
    if (cls && !sec && !item)
        snprintf(code, sizeof code, "%s", cls);
    else if (sec && !item)
        snprintf(code, sizeof code, "%s%s", last_class, sec);
    else
        snprintf(code, sizeof code, "%s%s%s", last_class, last_section, item);
    return records_code_level(code) ? pr_arena_strndup(d->arena, code, strlen(code)) : "";
}

/* The row's label: its first text cell; a label merged over the code
 * columns (合计) counts, a code does not. */
static const char *row_label(size_t n, char *const *cells, const gr_grammar *g)
{
    for (size_t c = 0; c < n; c++) {
        const char *s = cells[c];
        pr_amount a;
        if (*s && !all_digits(s) && !amount_parse(s, &a) &&
            !grammar_match(g, GR_PLACEHOLDER, s, NULL, NULL, 0))
            return s;
    }
    return NULL;
}

/* The row's name: the canonical name column, else its label. */
static const char *row_name(const rec_table *t, size_t lo, size_t hi, char *const *cells,
                            const gr_grammar *g)
{
    for (size_t c = lo; c < hi; c++)
        if (canonical_is(t, c, "name") && *cells[c - lo])
            return cells[c - lo];
    return row_label(hi - lo, cells, g);
}

/* (5): the total label printed to the left of a side, or NULL. */
static const char *merged_total(char *const *cells, size_t lo, const gr_grammar *g)
{
    size_t c = lo;
    while (c-- > 0 && !*cells[c])
        ;
    if (c < lo && grammar_match(g, GR_TOTAL, cells[c], NULL, NULL, 0))
        return cells[c];
    return NULL;
}

/* (4) */
static const char *row_role(size_t n, const rec_row *row, const gr_grammar *g)
{
    const char *label = row_label(n, row->cells, g);
    if (!label && !*row->code)
        label = row->name;                  /* (5) a merged total label */
    if (!label || *row->code)
        return "item";
    if (grammar_match(g, GR_SUBTOTAL, label, NULL, NULL, 0))
        return "subtotal";
    if (grammar_match(g, GR_TOTAL, label, NULL, NULL, 0))
        return "total";
    if (grammar_match(g, GR_OF_WHICH, label, NULL, NULL, 0))
        return "of_which";
    return "item";
}

/* (3) */
static const char *name_key(rec_doc *d, const char *name)
{
    pr_strbuf sb = PR_STRBUF_INIT;
    const char *s = name;
    while (*s) {
        size_t len;
        uint32_t cp = pr_utf8_next(s, &len);
        if (cp >= 0xFF01 && cp <= 0xFF5E)
            cp -= 0xFEE0;
        else if (cp == 0x201C || cp == 0x201D)
            cp = '"';
        else if (cp == 0x2018 || cp == 0x2019)
            cp = '\'';
        pr_strbuf_put_utf8(&sb, cp);
        s += len;
    }
    const char *k = pr_arena_strndup(d->arena, sb.len ? sb.data : "", sb.len);
    pr_strbuf_free(&sb);
    return k;
}

void rec_fill_fields(rec_doc *d, rec_table *t, const gr_grammar *g)
{
    column_keys(d, t, g);
    for (size_t s = 0; s < t->n_sides; s++) {
        size_t lo = t->sides[s].lo, hi = t->sides[s].hi;
        char last_class[16] = "", last_section[16] = "";
        for (size_t r = 0; r < t->n_rows; r++) {
            rec_row *row = &t->rows[r];
            if (row->side != s)
                continue;
            int padded;
            row->code = row_code(d, t, lo, hi, row->cells, last_class, last_section, &padded);
            row->code_padded = padded && *row->code;
            row->name = row_name(t, lo, hi, row->cells, g);
            if (!row->name && lo > 0)               /* (5) */
                row->name = merged_total(row->src->cells, lo, g);
            row->key = row->name ? name_key(d, row->name) : NULL;
            row->role = row_role(hi - lo, row, g);
        }
    }
}
