/*
 * fields.c — what a row means, beyond its cells: each column's
 * canonical name (from the grammar's `column` rules) and the key its
 * amounts have in "values"; each side row's subject code, name, join key
 * and role.
 *
 * NOTES
 *   (1) "values" keys: the canonical column name; where two columns of
 *       one side would share one, the header path itself; where that is
 *       shared too, "path#N" (N the 1-based column). A key never silently
 *       overwrites another.
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
    return !rec_is_code_column(t, c) && !canonical_is(t, c, "line_no");
}

int rec_column_has_amount(const gr_grammar *g, const rec_table *t, size_t c)
{
    for (size_t r = 0; r < t->src->n_rows; r++) {
        pr_amount a;
        if (rec_cell_value(g, t->src->rows[r].cells[c], &a) == REC_CELL_AMOUNT)
            return 1;
    }
    return 0;
}

static size_t count_key(char *const *keys, size_t lo, size_t hi, const char *k)
{
    size_t c = 0;
    for (size_t i = lo; i < hi; i++)
        if (keys[i] && strcmp(keys[i], k) == 0)
            c++;
    return c;
}

/* (1) */
static void column_keys(rec_doc *d, rec_table *t, const gr_grammar *g)
{
    const tb_table *src = t->src;
    const gr_family fam = {t->family};
    t->canonical = pr_arena_alloc(d->arena, (src->n_cols + 1) * sizeof *t->canonical);
    t->keys = pr_arena_alloc(d->arena, (src->n_cols + 1) * sizeof *t->keys);
    for (size_t c = 0; c < src->n_cols; c++) {
        t->canonical[c] = grammar_column(g, t->family ? &fam : NULL, src->columns[c]);
        const char *k = t->canonical[c] ? t->canonical[c] : src->columns[c];
        char buf[32];
        if (!*k) {
            snprintf(buf, sizeof buf, "col%zu", c + 1);
            k = buf;
        }
        t->keys[c] = pr_arena_strndup(d->arena, k, strlen(k));
    }
}

/* (1): keys shared within a side made unique (after the sides are known). */
static void unique_keys(rec_doc *d, rec_table *t)
{
    const tb_table *src = t->src;
    char **fixed = pr_arena_alloc(d->arena, (src->n_cols + 1) * sizeof *fixed);
    for (size_t s = 0; s < t->n_sides; s++) {
        size_t lo = t->sides[s].lo, hi = t->sides[s].hi;
        for (size_t c = lo; c < hi; c++) {
            fixed[c] = t->keys[c];
            if (count_key(t->keys, lo, hi, t->keys[c]) < 2)
                continue;
            const char *path = *src->columns[c] ? src->columns[c] : t->keys[c];
            size_t same_path = 0;
            for (size_t i = lo; i < hi; i++)
                same_path += strcmp(src->columns[i], src->columns[c]) == 0;
            char *k = pr_arena_alloc(d->arena, strlen(path) + 24);
            if (same_path > 1 || !*src->columns[c])
                sprintf(k, "%s#%zu", path, c + 1);
            else
                strcpy(k, path);
            fixed[c] = k;
        }
    }
    t->keys = fixed;
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
    const unsigned char *s = (const unsigned char *)name;
    while (*s) {
        uint32_t cp;
        size_t len;
        if (*s < 0x80) { cp = *s; len = 1; }
        else if (*s < 0xE0) { cp = (uint32_t)(*s & 0x1F) << 6 | (s[1] & 0x3F); len = 2; }
        else if (*s < 0xF0) { cp = (uint32_t)(*s & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3F); len = 3; }
        else { cp = (uint32_t)(*s & 0x07) << 18 | (uint32_t)(s[1] & 0x3F) << 12 | (uint32_t)(s[2] & 0x3F) << 6 | (s[3] & 0x3F); len = 4; }
        if (cp >= 0xFF01 && cp <= 0xFF5E)
            cp -= 0xFEE0;
        else if (cp == 0x201C || cp == 0x201D)
            cp = '"';
        else if (cp == 0x2018 || cp == 0x2019)
            cp = '\'';
        pr_strbuf_put_utf8(&sb, cp);
        for (size_t i = 0; i < len && *s; i++)
            s++;
    }
    const char *k = pr_arena_strndup(d->arena, sb.len ? sb.data : "", sb.len);
    pr_strbuf_free(&sb);
    return k;
}

/* The canonical names of every column (before the sides are found). */
void rec_column_names(rec_doc *d, rec_table *t, const gr_grammar *g)
{
    column_keys(d, t, g);
}

void rec_fill_fields(rec_doc *d, rec_table *t, const gr_grammar *g)
{
    unique_keys(d, t);
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
