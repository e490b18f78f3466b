/*
 * row_emit.c — stage three: typed records of a document's tables, after
 * table_finish() gave rows their codes, names and checks.
 *
 * NOTES
 *   (1) Order is the document's: tables by seq, each table's record before
 *       its rows, the document record last. Every value printed depends
 *       only on the input, so the same PDF gives the same bytes.
 *   (2) Amounts are printed as raw JSON numbers from their scaled integer
 *       (amount.h): exactly the printed decimals, no float rounding. A
 *       placeholder (-, —) is null in "values"; the printed text stays in
 *       "cells".
 *   (3) "scale" turns the printed unit into yuan (万元: 10000), so
 *       values x scale is an amount in yuan; null when the unit is unknown.
 */
#include "records.h"
#include "amount.h"

#include "json_out.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static cJSON *string_array(char *const *v, size_t n)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < n; i++)
        cJSON_AddItemToArray(a, cJSON_CreateString(v[i]));
    return a;
}

static cJSON *amount_json(pr_amount a)
{
    char num[48];
    return cJSON_CreateRaw(amount_format(a, num, sizeof num));
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
    if (*doc->kind)
        cJSON_AddStringToObject(d, "kind", doc->kind);
    else
        cJSON_AddNullToObject(d, "kind");
    return d;
}

/* (3) */
static long unit_scale(const char *unit)
{
    if (strcmp(unit, "元") == 0) return 1;
    if (strcmp(unit, "千元") == 0) return 1000;
    if (strcmp(unit, "万元") == 0) return 10000;
    if (strcmp(unit, "亿元") == 0) return 100000000;
    return 0;
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
    long scale = unit_scale(t->unit);
    if (scale)
        cJSON_AddNumberToObject(o, "scale", (double)scale);
    else
        cJSON_AddNullToObject(o, "scale");
    cJSON *p = cJSON_AddArrayToObject(o, "pages");
    for (size_t i = 0; i < t->n_pages; i++)
        cJSON_AddItemToArray(p, cJSON_CreateNumber(t->pages[i]));
    return o;
}

static const char *status_name(tb_check_status s)
{
    return s == TB_CHECK_OK ? "ok" : s == TB_CHECK_ROUNDED ? "rounded" : "failed";
}

static cJSON *check_json(const tb_check *c)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "rule", c->rule);
    cJSON_AddStringToObject(o, "column", c->column);
    cJSON_AddStringToObject(o, "status", status_name(c->status));
    cJSON_AddItemToObject(o, "expected", amount_json(c->expected));
    cJSON_AddItemToObject(o, "found", amount_json(c->found));
    cJSON_AddNumberToObject(o, "page", c->page);
    cJSON_AddStringToObject(o, "row", c->what);
    return o;
}

static cJSON *summary_json(size_t n, size_t ok, size_t rounded, size_t failed,
                           size_t rows_checked, size_t rows_unchecked)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "checks", (double)n);
    cJSON_AddNumberToObject(o, "ok", (double)ok);
    cJSON_AddNumberToObject(o, "rounded", (double)rounded);
    cJSON_AddNumberToObject(o, "failed", (double)failed);
    cJSON_AddNumberToObject(o, "rows_checked", (double)rows_checked);
    cJSON_AddNumberToObject(o, "rows_unchecked", (double)rows_unchecked);
    return o;
}

static cJSON *row_json(const rec_doc_info *info, const tb_doc *doc,
                       const tb_table *t, size_t r, const gr_grammar *g)
{
    const tb_row *row = &t->rows[r];
    cJSON *rec = cJSON_CreateObject();
    cJSON_AddStringToObject(rec, "type", "row");
    cJSON_AddItemToObject(rec, "doc", doc_json(info, doc));
    cJSON_AddItemToObject(rec, "table", table_json(t));
    cJSON *ro = cJSON_AddObjectToObject(rec, "row");
    cJSON_AddNumberToObject(ro, "index", (double)(r + 1));
    cJSON_AddNumberToObject(ro, "page", row->page);
    cJSON_AddItemToObject(ro, "bbox", json_box(&row->box));
    cJSON_AddItemToObject(rec, "columns", string_array(t->columns, t->n_cols));
    cJSON_AddItemToObject(rec, "cells", string_array(row->cells, t->n_cols));
    int level = table_code_level(row->code);
    if (level) {
        cJSON_AddStringToObject(rec, "code", row->code);
        cJSON_AddNumberToObject(rec, "code_level", level);
        cJSON *parents = cJSON_AddArrayToObject(rec, "parents");
        for (int l = 1; l < level; l++) {
            char p[16];
            snprintf(p, sizeof p, "%.*s", 1 + 2 * l, row->code);
            cJSON_AddItemToArray(parents, cJSON_CreateString(p));
        }
    }
    if (row->name) {
        cJSON_AddStringToObject(rec, "name", row->name);
        cJSON_AddStringToObject(rec, "key", row->key);
    }
    cJSON *vals = cJSON_AddObjectToObject(rec, "values");
    for (size_t c = 0; c < t->n_cols; c++) {
        const char *cell = row->cells[c];
        pr_amount a;
        if (table_is_code_column(t, c))
            continue;
        if (amount_parse(cell, &a))
            cJSON_AddItemToObject(vals, t->keys[c], amount_json(a));
        else if (*cell && grammar_match(g, GR_PLACEHOLDER, cell, NULL, NULL, 0))
            cJSON_AddNullToObject(vals, t->keys[c]);
    }
    cJSON *checks = cJSON_AddArrayToObject(rec, "checks");
    for (size_t i = 0; i < row->n_checks; i++)
        cJSON_AddItemToArray(checks, check_json(row->checks[i]));
    return rec;
}

static void emit_table(pr_strbuf *out, const rec_doc_info *info, const tb_doc *doc,
                       const tb_table *t, const gr_grammar *g, rec_format format)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "type", "table");
    cJSON_AddItemToObject(o, "doc", doc_json(info, doc));
    cJSON_AddItemToObject(o, "table", table_json(t));
    cJSON_AddItemToObject(o, "columns", string_array(t->columns, t->n_cols));
    cJSON_AddItemToObject(o, "keys", string_array(t->keys, t->n_cols));
    cJSON *hr = cJSON_AddArrayToObject(o, "header_rows");
    for (size_t r = 0; r < t->n_header; r++)
        cJSON_AddItemToArray(hr, string_array(t->header[r], t->n_cols));
    cJSON_AddItemToObject(o, "notes", string_array(t->notes, t->n_notes));
    cJSON_AddNumberToObject(o, "rows", (double)t->n_rows);
    cJSON_AddBoolToObject(o, "ruled", t->ruled);
    cJSON_AddItemToObject(o, "checks", summary_json(t->n_checks, t->n_ok, t->n_rounded,
                                                    t->n_failed, t->rows_checked,
                                                    t->rows_unchecked));
    if (format == REC_TABLES) {
        cJSON *body = cJSON_AddArrayToObject(o, "body");
        for (size_t r = 0; r < t->n_rows; r++)
            cJSON_AddItemToArray(body, string_array(t->rows[r].cells, t->n_cols));
    }
    json_put_record(out, o);
    if (format == REC_TABLES)
        return;
    for (size_t r = 0; r < t->n_rows; r++)
        json_put_record(out, row_json(info, doc, t, r, g));
}

void records_emit_document(pr_strbuf *out, const rec_doc_info *info,
                           const tb_doc *doc, const gr_grammar *g,
                           rec_format format)
{
    size_t rows = 0, n = 0, ok = 0, rounded = 0, failed = 0, rc = 0, ru = 0;
    for (size_t i = 0; i < doc->n_tables; i++) {                    /* (1) */
        const tb_table *t = doc->tables[i];
        emit_table(out, info, doc, t, g, format);
        rows += t->n_rows;
        n += t->n_checks; ok += t->n_ok; rounded += t->n_rounded; failed += t->n_failed;
        rc += t->rows_checked; ru += t->rows_unchecked;
    }
    cJSON *cross = cJSON_CreateArray();
    for (size_t i = 0; i < doc->n_cross; i++) {
        const tb_check *c = doc->cross[i];
        cJSON_AddItemToArray(cross, check_json(c));
        n++;
        ok += c->status == TB_CHECK_OK;
        rounded += c->status == TB_CHECK_ROUNDED;
        failed += c->status == TB_CHECK_FAILED;
    }
    cJSON *d = cJSON_CreateObject();
    cJSON_AddStringToObject(d, "type", "document");
    cJSON_AddItemToObject(d, "doc", doc_json(info, doc));
    cJSON_AddNumberToObject(d, "pages", info->pages_in_file);
    cJSON_AddNumberToObject(d, "pages_read", info->pages_read);
    cJSON_AddNumberToObject(d, "tables", (double)doc->n_tables);
    cJSON_AddNumberToObject(d, "rows", (double)rows);
    cJSON_AddItemToObject(d, "checks", summary_json(n, ok, rounded, failed, rc, ru));
    cJSON_AddItemToObject(d, "cross_checks", cross);
    cJSON *un = cJSON_AddArrayToObject(d, "unplaced");
    for (size_t i = 0; i < doc->n_unplaced; i++) {
        const tb_unplaced *u = &doc->unplaced[i];
        cJSON *uo = cJSON_CreateObject();
        cJSON_AddNumberToObject(uo, "page", u->page);
        cJSON_AddItemToObject(uo, "bbox", json_box(&u->box));
        cJSON_AddStringToObject(uo, "text", u->text);
        cJSON_AddItemToArray(un, uo);
    }
    cJSON_AddNumberToObject(d, "poppler_problems", info->poppler_problems);
    json_put_record(out, d);
}

size_t records_failed_checks(const tb_doc *doc)
{
    size_t failed = 0;
    for (size_t i = 0; i < doc->n_tables; i++)
        failed += doc->tables[i]->n_failed;
    for (size_t i = 0; i < doc->n_cross; i++)
        failed += doc->cross[i]->status == TB_CHECK_FAILED;
    return failed;
}
