/*
 * row_emit.c — stage three: typed records of a document's tables.
 *
 * NOTES
 *   (1) Order is the document's: tables by seq, each table's record before
 *       its rows, the document record last. Every value printed depends
 *       only on the input, so the same PDF gives the same bytes.
 *   (2) "values" keys: the canonical column name the grammar gives the
 *       column's header path; where two columns would share a key, the
 *       header path itself; where that is shared too, "path#N" (N the
 *       1-based column). A key never silently overwrites another.
 *   (3) Amounts are printed as raw JSON numbers from their scaled integer
 *       (amount.h): exactly the printed decimals, no float rounding.
 *   (4) A subject code printed over 类/款/项 columns is joined; a 款 or 项
 *       row whose 类 (or 款) cell is left blank under a merged cell takes it
 *       from the row above.
 */
#include "records.h"
#include "amount.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static double round2(double v)
{
    double r = round(v * 100.0) / 100.0;
    return r == 0 ? 0 : r;
}

static void put_record(pr_strbuf *out, cJSON *o)
{
    char *s = cJSON_PrintUnformatted(o);
    if (!s)
        pr_die_nomem();
    pr_strbuf_puts(out, s);
    pr_strbuf_putc(out, '\n');
    cJSON_free(s);
    cJSON_Delete(o);
}

static cJSON *string_array(char *const *v, size_t n)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < n; i++)
        cJSON_AddItemToArray(a, cJSON_CreateString(v[i]));
    return a;
}

static cJSON *doc_json(const rec_doc_info *info, const tb_doc *doc)
{
    cJSON *d = cJSON_CreateObject();
    cJSON_AddStringToObject(d, "file", info->file);
    cJSON_AddStringToObject(d, "sha256", info->sha256);
    cJSON_AddStringToObject(d, "org", doc->org);
    if (*doc->year)
        cJSON_AddStringToObject(d, "year", doc->year);
    else
        cJSON_AddNullToObject(d, "year");
    return d;
}

static cJSON *table_json(const tb_table *t)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "seq", t->seq);
    cJSON_AddStringToObject(o, "label", t->label);
    cJSON_AddStringToObject(o, "title", t->title);
    if (t->family)
        cJSON_AddStringToObject(o, "family", t->family);
    else
        cJSON_AddNullToObject(o, "family");
    cJSON_AddStringToObject(o, "org", t->org);
    cJSON_AddStringToObject(o, "unit", t->unit);
    cJSON *p = cJSON_AddArrayToObject(o, "pages");
    for (size_t i = 0; i < t->n_pages; i++)
        cJSON_AddItemToArray(p, cJSON_CreateNumber(t->pages[i]));
    return o;
}

static cJSON *box_json(const ex_box *b)
{
    double v[4] = {round2(b->x0), round2(b->y0), round2(b->x1), round2(b->y1)};
    return cJSON_CreateDoubleArray(v, 4);
}

typedef struct col_info {
    const char *canonical;      /* grammar's name, or NULL */
    char *key;                  /* "values" key (NOTES (2)), owned */
} col_info;

static int count_key(const col_info *ci, size_t n, const char *k)
{
    int c = 0;
    for (size_t i = 0; i < n; i++)
        if (ci[i].key && strcmp(ci[i].key, k) == 0)
            c++;
    return c;
}

static col_info *column_info(const tb_table *t, const gr_grammar *g)
{
    const gr_family fam = {t->family};
    col_info *ci = pr_xcalloc(t->n_cols + 1, sizeof *ci);
    for (size_t c = 0; c < t->n_cols; c++) {
        ci[c].canonical = grammar_column(g, t->family ? &fam : NULL, t->columns[c]);
        const char *k = ci[c].canonical ? ci[c].canonical : t->columns[c];
        char buf[32];
        if (!*k) {
            snprintf(buf, sizeof buf, "col%zu", c + 1);
            k = buf;
        }
        ci[c].key = strdup(k);
    }
    for (size_t c = 0; c < t->n_cols; c++) {
        if (count_key(ci, t->n_cols, ci[c].key) < 2)
            continue;
        const char *path = *t->columns[c] ? t->columns[c] : ci[c].key;
        char *k = malloc(strlen(path) + 24);
        int n_path = 0;
        for (size_t i = 0; i < t->n_cols; i++)
            n_path += strcmp(t->columns[i], t->columns[c]) == 0;
        if (n_path > 1 || !*t->columns[c])
            sprintf(k, "%s#%zu", path, c + 1);
        else
            strcpy(k, path);
        free(ci[c].key);
        ci[c].key = k;
    }
    for (size_t c = 0; c < t->n_cols; c++)
        if (!ci[c].key)
            pr_die_nomem();
    return ci;
}

static void free_column_info(col_info *ci, size_t n)
{
    for (size_t c = 0; c < n; c++)
        free(ci[c].key);
    free(ci);
}

static int is_code_column(const col_info *ci)
{
    return ci->canonical && strncmp(ci->canonical, "code", 4) == 0;
}

static int all_digits(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return 0;
    return 1;
}

/* (4): the row's subject code into code (size 32), "" if none. */
static void row_code(const tb_table *t, const col_info *ci, char *const *cells,
                     const gr_grammar *g, char *last_class, char *last_section,
                     char *code)
{
    code[0] = '\0';
    const char *cls = NULL, *sec = NULL, *item = NULL;
    for (size_t c = 0; c < t->n_cols; c++) {
        if (!ci[c].canonical || !all_digits(cells[c]))
            continue;               /* "" or a 合计 merged over the codes */
        if (strcmp(ci[c].canonical, "code") == 0 &&
            grammar_match(g, GR_CODE, cells[c], NULL, NULL, 0)) {
            snprintf(code, 32, "%s", cells[c]);
            return;
        }
        if (strcmp(ci[c].canonical, "code_class") == 0) cls = cells[c];
        if (strcmp(ci[c].canonical, "code_section") == 0) sec = cells[c];
        if (strcmp(ci[c].canonical, "code_item") == 0) item = cells[c];
    }
    if (!cls && !sec && !item)
        return;
    if (cls) {
        snprintf(last_class, 16, "%s", cls);
        last_section[0] = '\0';
    }
    if (sec)
        snprintf(last_section, 16, "%s", sec);
    if (cls && !sec && !item)
        snprintf(code, 32, "%s", cls);
    else if (sec && !item)
        snprintf(code, 32, "%s%s", last_class, sec);
    else if (item)
        snprintf(code, 32, "%s%s%s", last_class, last_section, item);
}

/* The row's name: the canonical name column, else the first text cell. */
static const char *row_name(const tb_table *t, const col_info *ci,
                            char *const *cells, const gr_grammar *g)
{
    for (size_t c = 0; c < t->n_cols; c++)
        if (ci[c].canonical && strcmp(ci[c].canonical, "name") == 0 && *cells[c])
            return cells[c];
    for (size_t c = 0; c < t->n_cols; c++) {
        const char *s = cells[c];
        if (*s && !is_code_column(&ci[c]) && !amount_parse(s, &(pr_amount){0, 0}) &&
            !grammar_match(g, GR_PLACEHOLDER, s, NULL, NULL, 0))
            return s;
    }
    return NULL;
}

static void emit_table(pr_strbuf *out, const rec_doc_info *info, const tb_doc *doc,
                       const tb_table *t, const gr_grammar *g, rec_format format)
{
    col_info *ci = column_info(t, g);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "type", "table");
    cJSON_AddItemToObject(o, "doc", doc_json(info, doc));
    cJSON_AddItemToObject(o, "table", table_json(t));
    cJSON_AddItemToObject(o, "columns", string_array(t->columns, t->n_cols));
    cJSON *keys = cJSON_AddArrayToObject(o, "keys");
    for (size_t c = 0; c < t->n_cols; c++)
        cJSON_AddItemToArray(keys, cJSON_CreateString(ci[c].key));
    cJSON *hr = cJSON_AddArrayToObject(o, "header_rows");
    for (size_t r = 0; r < t->n_header; r++)
        cJSON_AddItemToArray(hr, string_array(t->header[r], t->n_cols));
    cJSON_AddItemToObject(o, "notes", string_array(t->notes, t->n_notes));
    cJSON_AddNumberToObject(o, "rows", (double)t->n_rows);
    cJSON_AddBoolToObject(o, "ruled", t->ruled);
    if (format == REC_TABLES) {
        cJSON *body = cJSON_AddArrayToObject(o, "body");
        for (size_t r = 0; r < t->n_rows; r++)
            cJSON_AddItemToArray(body, string_array(t->rows[r].cells, t->n_cols));
        put_record(out, o);
        free_column_info(ci, t->n_cols);
        return;
    }
    put_record(out, o);

    char last_class[16] = "", last_section[16] = "", code[32], num[48];
    for (size_t r = 0; r < t->n_rows; r++) {
        const tb_row *row = &t->rows[r];
        cJSON *rec = cJSON_CreateObject();
        cJSON_AddStringToObject(rec, "type", "row");
        cJSON_AddItemToObject(rec, "doc", doc_json(info, doc));
        cJSON_AddItemToObject(rec, "table", table_json(t));
        cJSON *ro = cJSON_AddObjectToObject(rec, "row");
        cJSON_AddNumberToObject(ro, "index", (double)(r + 1));
        cJSON_AddNumberToObject(ro, "page", row->page);
        cJSON_AddItemToObject(ro, "bbox", box_json(&row->box));
        cJSON_AddItemToObject(rec, "columns", string_array(t->columns, t->n_cols));
        cJSON_AddItemToObject(rec, "cells", string_array(row->cells, t->n_cols));
        row_code(t, ci, row->cells, g, last_class, last_section, code);
        if (*code)
            cJSON_AddStringToObject(rec, "code", code);
        const char *name = row_name(t, ci, row->cells, g);
        if (name)
            cJSON_AddStringToObject(rec, "name", name);
        cJSON *vals = cJSON_AddObjectToObject(rec, "values");
        for (size_t c = 0; c < t->n_cols; c++) {
            pr_amount a;
            if (is_code_column(&ci[c]) || !amount_parse(row->cells[c], &a))
                continue;
            if (grammar_match(g, GR_CODE, row->cells[c], NULL, NULL, 0) &&
                c == 0)
                continue;           /* a code in an unnamed first column */
            cJSON_AddItemToObject(vals, ci[c].key,
                                  cJSON_CreateRaw(amount_format(a, num, sizeof num)));
        }
        put_record(out, rec);
    }
    free_column_info(ci, t->n_cols);
}

void records_emit_document(pr_strbuf *out, const rec_doc_info *info,
                           const tb_doc *doc, const gr_grammar *g,
                           rec_format format)
{
    size_t rows = 0;
    for (size_t i = 0; i < doc->n_tables; i++) {                    /* (1) */
        emit_table(out, info, doc, doc->tables[i], g, format);
        rows += doc->tables[i]->n_rows;
    }
    cJSON *d = cJSON_CreateObject();
    cJSON_AddStringToObject(d, "type", "document");
    cJSON_AddItemToObject(d, "doc", doc_json(info, doc));
    cJSON_AddNumberToObject(d, "pages", info->pages_in_file);
    cJSON_AddNumberToObject(d, "pages_read", info->pages_read);
    cJSON_AddNumberToObject(d, "tables", (double)doc->n_tables);
    cJSON_AddNumberToObject(d, "rows", (double)rows);
    cJSON *un = cJSON_AddArrayToObject(d, "unplaced");
    for (size_t i = 0; i < doc->n_unplaced; i++) {
        const tb_unplaced *u = &doc->unplaced[i];
        cJSON *uo = cJSON_CreateObject();
        cJSON_AddNumberToObject(uo, "page", u->page);
        cJSON_AddItemToObject(uo, "bbox", box_json(&u->box));
        cJSON_AddStringToObject(uo, "text", u->text);
        cJSON_AddItemToArray(un, uo);
    }
    cJSON_AddNumberToObject(d, "poppler_problems", info->poppler_problems);
    put_record(out, d);
}
