/*
 * row_fields.c — what a row means, beyond its cells: each column's
 * canonical name (from the grammar's `column` rules) and the key its
 * amounts have in "values"; each row's subject code, name and join key.
 *
 * NOTES
 *   (1) "values" keys: the canonical column name; where two columns would
 *       share one, the header path itself; where that is shared too,
 *       "path#N" (N the 1-based column). A key never silently overwrites
 *       another.
 *   (2) A subject code printed over 类/款/项 columns is joined; a 款 or 项
 *       row whose 类 (or 款) cell is blank under a merged cell takes it
 *       from the row above. Only ASCII digits make a code: a 合计 merged
 *       over the code columns is not one.
 *   (3) The join key of a name folds full-width ASCII forms (（）：，０-９
 *       Ａ-Ｚ) to ASCII and curly quotes to straight ones, so the same
 *       name printed by two producers joins across documents.
 */
#include "table_int.h"

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

int table_code_level(const char *code)
{
    size_t n = code ? strlen(code) : 0;
    if (!all_digits(code ? code : "") || n < 3 || n % 2 == 0 || n > 9)
        return 0;
    return (int)(n - 1) / 2;
}

static int canonical_is(const tb_table *t, size_t c, const char *name)
{
    return t->canonical[c] && strcmp(t->canonical[c], name) == 0;
}

int table_is_code_column(const tb_table *t, size_t c)
{
    return t->canonical[c] && strncmp(t->canonical[c], "code", 4) == 0;
}

static size_t count_key(char *const *keys, size_t n, const char *k)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        if (keys[i] && strcmp(keys[i], k) == 0)
            c++;
    return c;
}

/* (1) */
static void column_keys(tb_doc *d, tb_table *t, const gr_grammar *g)
{
    const gr_family fam = {t->family};
    t->canonical = pr_arena_alloc(d->arena, (t->n_cols + 1) * sizeof *t->canonical);
    t->keys = pr_arena_alloc(d->arena, (t->n_cols + 1) * sizeof *t->keys);
    for (size_t c = 0; c < t->n_cols; c++) {
        t->canonical[c] = grammar_column(g, t->family ? &fam : NULL, t->columns[c]);
        const char *k = t->canonical[c] ? t->canonical[c] : t->columns[c];
        char buf[32];
        if (!*k) {
            snprintf(buf, sizeof buf, "col%zu", c + 1);
            k = buf;
        }
        t->keys[c] = pr_arena_strndup(d->arena, k, strlen(k));
    }
    char **fixed = pr_arena_alloc(d->arena, (t->n_cols + 1) * sizeof *fixed);
    for (size_t c = 0; c < t->n_cols; c++) {
        fixed[c] = t->keys[c];
        if (count_key(t->keys, t->n_cols, t->keys[c]) < 2)
            continue;
        const char *path = *t->columns[c] ? t->columns[c] : t->keys[c];
        size_t same_path = 0;
        for (size_t i = 0; i < t->n_cols; i++)
            same_path += strcmp(t->columns[i], t->columns[c]) == 0;
        char *k = pr_arena_alloc(d->arena, strlen(path) + 24);
        if (same_path > 1 || !*t->columns[c])
            sprintf(k, "%s#%zu", path, c + 1);
        else
            strcpy(k, path);
        fixed[c] = k;
    }
    t->keys = fixed;
}

/* (2) */
static const char *row_code(tb_doc *d, const tb_table *t, char *const *cells,
                            char *last_class, char *last_section)
{
    const char *cls = NULL, *sec = NULL, *item = NULL;
    for (size_t c = 0; c < t->n_cols; c++) {
        if (!table_is_code_column(t, c) || !all_digits(cells[c]))
            continue;
        if (canonical_is(t, c, "code") && table_code_level(cells[c]))
            return cells[c];
        if (canonical_is(t, c, "code_class")) cls = cells[c];
        if (canonical_is(t, c, "code_section")) sec = cells[c];
        if (canonical_is(t, c, "code_item")) item = cells[c];
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
    return table_code_level(code) ? pr_arena_strndup(d->arena, code, strlen(code)) : "";
}

/* The row's name: the canonical name column, else the first text cell. */
static const char *row_name(const tb_table *t, char *const *cells, const gr_grammar *g)
{
    for (size_t c = 0; c < t->n_cols; c++)
        if (canonical_is(t, c, "name") && *cells[c])
            return cells[c];
    for (size_t c = 0; c < t->n_cols; c++) {
        const char *s = cells[c];
        pr_amount a;
        if (*s && !table_is_code_column(t, c) && !amount_parse(s, &a) &&
            !grammar_match(g, GR_PLACEHOLDER, s, NULL, NULL, 0))
            return s;
    }
    return NULL;
}

/* (3) */
static const char *name_key(tb_doc *d, const char *name)
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

void table_fill_fields(tb_doc *d, tb_table *t, const gr_grammar *g)
{
    column_keys(d, t, g);
    char last_class[16] = "", last_section[16] = "";
    for (size_t r = 0; r < t->n_rows; r++) {
        tb_row *row = &t->rows[r];
        row->code = row_code(d, t, row->cells, last_class, last_section);
        row->name = row_name(t, row->cells, g);
        row->key = row->name ? name_key(d, row->name) : NULL;
    }
}
