/*
 * jsonl.c — stage three's records of a document's tables as JSON Lines
 * (docs/record.schema.json), from the model records_build() made.
 *
 * NOTES
 *   (1) Order is the document's: tables by seq, each table's record before
 *       its rows, the document record last. Every value printed depends
 *       only on the input, so the same PDF gives the same bytes.
 *   (2) Amounts are printed as raw JSON numbers from their scaled integer
 *       (amount.h): exactly the printed decimals, no float rounding. A
 *       placeholder (-, —) is null in "values"; the printed text stays in
 *       "cells".
 *   (3) "scale" turns the printed unit into yuan (万元: 10000; the
 *       grammar's `scale` lines), so values x scale is an amount in yuan;
 *       null when the unit is unknown. Printed from the integer.
 *   (5) One row record per printed row, with the printed row's columns
 *       and cells. Its meaning (code, name, key, role, values, checks) is
 *       at the top level for a table of one side; a table of several sides
 *       (sides.c: a 收支总表's income and expense side, the panels of a
 *       list printed twice side by side) gives it per side instead, in
 *       "sides": one object for each side with text on that row, with its
 *       "side" number. The table record lists its "sides" (first and last
 *       column, heading).
 *   (4) The document's "families": the distinct families of its tables in
 *       order of appearance, and those of the grammar's standard set for
 *       the document's kind (the "*" set when no kind is printed) that no
 *       table has.
 *   (6) Boxes and flags (review.c): the table record's "regions" (a box
 *       per page it covers) and table-level "flags"; a row record's
 *       "flags" name the cells to look at, {"column": its header path,
 *       "flag": …}, at the top level also in a table of several sides
 *       (the column says which side); --format tables adds per cell its
 *       box ("header_boxes", "cell_boxes"; null where a merged cell covers
 *       it) and its flags ("cell_flags"), with each row's page
 *       ("header_pages", "body_pages"). The document record's "review"
 *       counts every flag.
 *   (8) "spans": the table's merged cells (issue 14), each with its part
 *       ("header" or "body"), its top-left cell ("row", "col": 1-based
 *       within header_rows or within the body rows) and the "rows" and
 *       "cols" it covers, so that a tool can rebuild the printed layout:
 *       header_rows repeat a merged header cell's text in every position
 *       it covers, a body row keeps a merged cell's text in its first
 *       cell and "" in the others.
 *   (7) A row read by OCR (a scanned page) carries "ocr_confidence": per
 *       printed cell the lowest confidence of its characters (0-100), null
 *       for an empty cell; rows from a text layer have no such field. With
 *       "checks" it tells a value read by OCR and confirmed by the
 *       document's arithmetic from one nothing confirms. An amount the
 *       arithmetic corrected (ocr_correct.c) is listed in "corrections":
 *       its column, the text as read (which "cells" keeps), the value
 *       "values" now holds, and the checks of the row that hold with it.
 *   (9) "found_by" and "confidence" (confidence.c): how the table was
 *       found ("title", "grid", "alignment") and how sure the reading is,
 *       0 to 1 in hundredths, printed from the integer ("0.85", "1.00").
 */
#include "rec_int.h"

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

static cJSON *doc_json(const rec_doc_info *info, const rec_doc *rd)
{
    cJSON *d = cJSON_CreateObject();
    json_add_file(d, info->file);
    cJSON_AddStringToObject(d, "sha256", info->sha256);
    const tb_doc *doc = rd->src;
    cJSON_AddStringToObject(d, "org", rd->org);
    cJSON_AddStringToObject(d, "org_key", rd->org_key);
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

/* The "table" object; with_pages: the table record's (a row record has
 * its own row.page: repeating the table's page list in every row would
 * make output grow with rows x pages). */
static cJSON *table_json(const rec_doc *doc, const rec_table *rt, int with_pages)
{
    const tb_table *t = rt->src;
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "seq", t->seq);
    cJSON_AddStringToObject(o, "label", t->label);
    cJSON_AddStringToObject(o, "title", t->title);
    if (rt->family)
        cJSON_AddStringToObject(o, "family", rt->family);
    else
        cJSON_AddNullToObject(o, "family");
    cJSON_AddStringToObject(o, "org", *t->org ? t->org : doc->org);
    cJSON_AddStringToObject(o, "unit", t->unit);
    if (rt->scale) {                                                /* (3) */
        char num[24];
        snprintf(num, sizeof num, "%lld", (long long)rt->scale);
        cJSON_AddRawToObject(o, "scale", num);
    } else {
        cJSON_AddNullToObject(o, "scale");
    }
    if (with_pages) {
        cJSON *p = cJSON_AddArrayToObject(o, "pages");
        for (size_t i = 0; i < t->n_pages; i++)
            cJSON_AddItemToArray(p, cJSON_CreateNumber(t->pages[i]));
    }
    return o;
}

static const char *status_name(rec_check_status s)
{
    return s == REC_CHECK_OK ? "ok" : s == REC_CHECK_ROUNDED ? "rounded" : "failed";
}

static cJSON *check_json(const rec_check *c)
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

/* The meaning of one side row: code, name, key, role, values, checks. */
static void side_fields(cJSON *o, const rec_table *t, const rec_row *row, const gr_grammar *g)
{
    const rec_side *side = &t->sides[row->side];
    int level = records_code_level(row->code);
    if (level) {
        cJSON_AddStringToObject(o, "code", row->code);
        cJSON_AddNumberToObject(o, "code_level", level);
        if (row->code_padded)
            cJSON_AddTrueToObject(o, "code_padded");
        cJSON *parents = cJSON_AddArrayToObject(o, "parents");
        for (int l = 1; l < level; l++) {
            char p[16];
            snprintf(p, sizeof p, "%.*s", 1 + 2 * l, row->code);
            cJSON_AddItemToArray(parents, cJSON_CreateString(p));
        }
    }
    if (row->name) {
        cJSON_AddStringToObject(o, "name", row->name);
        cJSON_AddStringToObject(o, "key", row->key);
    }
    cJSON_AddStringToObject(o, "role", row->role);
    cJSON *vals = cJSON_AddObjectToObject(o, "values");
    for (size_t c = side->lo; c < side->hi; c++) {
        const char *cell = row->cells[c - side->lo];
        pr_amount a;
        if (!rec_is_amount_column(t, c))
            continue;
        if (amount_parse(cell, &a))
            cJSON_AddItemToObject(vals, t->keys[c], amount_json(a));
        else if (*cell && grammar_match(g, GR_PLACEHOLDER, cell, NULL, NULL, 0))
            cJSON_AddNullToObject(vals, t->keys[c]);
    }
    cJSON *checks = cJSON_AddArrayToObject(o, "checks");
    for (size_t i = 0; i < row->n_checks; i++)
        cJSON_AddItemToArray(checks, check_json(row->checks[i]));
}

/* (6): a box, or null where there is none. */
static cJSON *box_or_null(const ex_box *boxes, size_t c)
{
    if (!boxes || !table_has_box(&boxes[c]))
        return cJSON_CreateNull();
    return json_box(&boxes[c]);
}

/* (6): the flag bits of printed column c of a row: stage two's, and
 * those of its side rows side[0..n) that name c. */
static unsigned cell_flag_bits(const tb_row *row, const rec_row *side, size_t n, size_t c)
{
    unsigned bits = row->flags ? row->flags[c] : 0;
    for (size_t i = 0; i < n; i++)
        if (side[i].flags && side[i].flag_col == c)
            bits |= side[i].flags;
    return bits;
}

/* (6): the names of the flag bits, in records_flag_name order. */
static cJSON *flag_names(unsigned bits)
{
    cJSON *a = cJSON_CreateArray();
    for (int b = 0; b < REC_N_FLAGS; b++)
        if (bits >> b & 1)
            cJSON_AddItemToArray(a, cJSON_CreateString(records_flag_name(b)));
    return a;
}

/* (6): a row record's flags, column by column. */
static cJSON *row_flags(const tb_table *src, const tb_row *row, const rec_row *side, size_t n)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t c = 0; c < src->n_cols; c++) {
        unsigned bits = cell_flag_bits(row, side, n, c);
        for (int b = 0; b < REC_N_FLAGS; b++) {
            if (!(bits >> b & 1))
                continue;
            cJSON *o = cJSON_CreateObject();
            cJSON_AddStringToObject(o, "column", src->columns[c]);
            cJSON_AddStringToObject(o, "flag", records_flag_name(b));
            cJSON_AddItemToArray(a, o);
        }
    }
    return a;
}

/* (5): printed row `index` of t; its side rows are side[0..n). */
static cJSON *row_json(const rec_doc_info *info, const rec_doc *doc, const rec_table *t,
                       size_t index, const rec_row *side, size_t n, const gr_grammar *g)
{
    const tb_table *src = t->src;
    const tb_row *printed = &src->rows[index - 1];
    cJSON *rec = json_record("row");
    cJSON_AddItemToObject(rec, "doc", doc_json(info, doc));
    cJSON_AddItemToObject(rec, "table", table_json(doc, t, 0));
    cJSON *ro = cJSON_AddObjectToObject(rec, "row");
    cJSON_AddNumberToObject(ro, "index", (double)index);
    cJSON_AddNumberToObject(ro, "page", printed->page);
    cJSON_AddItemToObject(ro, "bbox", json_box(&printed->box));
    cJSON_AddItemToObject(rec, "columns", string_array(src->columns, src->n_cols));
    cJSON_AddItemToObject(rec, "cells", string_array(printed->cells, src->n_cols));
    if (t->n_sides == 1 && n == 1) {
        side_fields(rec, t, &side[0], g);
    } else {
        cJSON *sides = cJSON_AddArrayToObject(rec, "sides");
        for (size_t i = 0; i < n; i++) {
            cJSON *o = cJSON_CreateObject();
            cJSON_AddNumberToObject(o, "side", (double)(side[i].side + 1));
            side_fields(o, t, &side[i], g);
            cJSON_AddItemToArray(sides, o);
        }
    }
    cJSON_AddItemToObject(rec, "flags", row_flags(src, printed, side, n));
    cJSON *fixes = NULL;                                            /* (7) */
    for (size_t k = 0; k < t->n_corrections; k++) {
        const rec_correction *x = &t->corrections[k];
        if (x->index != index)
            continue;
        if (!fixes)
            fixes = cJSON_AddArrayToObject(rec, "corrections");
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "column", src->columns[x->col]);
        cJSON_AddStringToObject(o, "read", x->read);
        cJSON_AddStringToObject(o, "value", x->value);
        cJSON *by = cJSON_AddArrayToObject(o, "checks");
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < side[i].n_checks; j++)
                if (side[i].checks[j]->status != REC_CHECK_FAILED)
                    cJSON_AddItemToArray(by, cJSON_CreateString(side[i].checks[j]->rule));
        cJSON_AddItemToArray(fixes, o);
    }
    if (printed->ocr_conf) {
        cJSON *oc = cJSON_AddArrayToObject(rec, "ocr_confidence");
        for (size_t c = 0; c < src->n_cols; c++)
            cJSON_AddItemToArray(oc, printed->ocr_conf[c]
                                     ? cJSON_CreateNumber(printed->ocr_conf[c] - 1)
                                     : cJSON_CreateNull());
    }
    return rec;
}

/* (5) */
static cJSON *sides_json(const rec_table *t)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t s = 0; s < t->n_sides; s++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddNumberToObject(o, "side", (double)(s + 1));
        cJSON_AddStringToObject(o, "heading", t->sides[s].heading);
        if (t->sides[s].key)
            cJSON_AddStringToObject(o, "key", t->sides[s].key);
        else
            cJSON_AddNullToObject(o, "key");
        cJSON_AddNumberToObject(o, "from", (double)(t->sides[s].lo + 1));
        cJSON_AddNumberToObject(o, "to", (double)t->sides[s].hi);
        cJSON_AddItemToArray(a, o);
    }
    return a;
}

static void emit_table(pr_strbuf *out, const rec_doc_info *info, const rec_doc *doc,
                       const rec_table *rt, const gr_grammar *g, rec_format format)
{
    const tb_table *t = rt->src;
    cJSON *o = json_record("table");
    cJSON_AddItemToObject(o, "doc", doc_json(info, doc));
    cJSON_AddItemToObject(o, "table", table_json(doc, rt, 1));
    cJSON_AddItemToObject(o, "columns", string_array(t->columns, t->n_cols));
    cJSON_AddItemToObject(o, "keys", string_array(rt->keys, t->n_cols));
    cJSON_AddItemToObject(o, "sides", sides_json(rt));
    cJSON *hr = cJSON_AddArrayToObject(o, "header_rows");
    for (size_t r = 0; r < t->n_header; r++)
        cJSON_AddItemToArray(hr, string_array(t->header[r], t->n_cols));
    cJSON *sp = cJSON_AddArrayToObject(o, "spans");                          /* (8) */
    for (size_t i = 0; i < t->n_spans; i++) {
        const tb_span *s = &t->spans[i];
        cJSON *so = cJSON_CreateObject();
        cJSON_AddStringToObject(so, "part", s->body ? "body" : "header");
        cJSON_AddNumberToObject(so, "row", (double)(s->row + 1));
        cJSON_AddNumberToObject(so, "col", (double)(s->col + 1));
        cJSON_AddNumberToObject(so, "rows", (double)s->rows);
        cJSON_AddNumberToObject(so, "cols", (double)s->cols);
        cJSON_AddItemToArray(sp, so);
    }
    cJSON_AddItemToObject(o, "notes", string_array(t->notes, t->n_notes));
    cJSON_AddNumberToObject(o, "rows", (double)t->n_rows);
    cJSON_AddBoolToObject(o, "ruled", t->ruled);
    rec_confidence conf = records_confidence(doc, rt);                     /* (9) */
    cJSON *fb = cJSON_AddArrayToObject(o, "found_by");
    for (int b = 0; b < REC_N_FOUND; b++)
        if (conf.found_by >> b & 1)
            cJSON_AddItemToArray(fb, cJSON_CreateString(records_found_name(b)));
    char hundredths[24];
    snprintf(hundredths, sizeof hundredths, "%d.%02d", conf.hundredths / 100,
             conf.hundredths % 100);
    cJSON_AddRawToObject(o, "confidence", hundredths);
    cJSON_AddBoolToObject(o, "form", rt->form);
    cJSON_AddItemToObject(o, "checks", summary_json(rt->n_checks, rt->n_ok, rt->n_rounded,
                                                    rt->n_failed, rt->rows_checked,
                                                    rt->rows_unchecked));
    cJSON *regions = cJSON_AddArrayToObject(o, "regions");                    /* (6) */
    for (size_t i = 0; i < t->n_regions; i++) {
        cJSON *ro = cJSON_CreateObject();
        cJSON_AddNumberToObject(ro, "page", t->regions[i].page);
        cJSON_AddItemToObject(ro, "bbox", json_box(&t->regions[i].box));
        cJSON_AddItemToArray(regions, ro);
    }
    cJSON *tf = cJSON_AddArrayToObject(o, "flags");
    for (int b = 0; b < REC_N_FLAGS; b++)
        if (rt->flags >> b & 1)
            cJSON_AddItemToArray(tf, cJSON_CreateString(records_flag_name(b)));
    if (format == REC_TABLES) {
        cJSON *body = cJSON_AddArrayToObject(o, "body");
        for (size_t r = 0; r < t->n_rows; r++)
            cJSON_AddItemToArray(body, string_array(t->rows[r].cells, t->n_cols));
        cJSON *hb = cJSON_AddArrayToObject(o, "header_boxes");
        cJSON *hp = cJSON_AddArrayToObject(o, "header_pages");
        for (size_t r = 0; r < t->n_header; r++) {
            cJSON *row = cJSON_CreateArray();
            const ex_box *boxes = t->header_boxes ? t->header_boxes[r] : NULL;
            for (size_t c = 0; c < t->n_cols; c++)
                cJSON_AddItemToArray(row, box_or_null(boxes, c));
            cJSON_AddItemToArray(hb, row);
            int page = t->header_pages ? t->header_pages[r] : 0;
            cJSON_AddItemToArray(hp, page ? cJSON_CreateNumber(page) : cJSON_CreateNull());
        }
        cJSON *cb = cJSON_AddArrayToObject(o, "cell_boxes");
        cJSON *bp = cJSON_AddArrayToObject(o, "body_pages");
        cJSON *cf = cJSON_AddArrayToObject(o, "cell_flags");
        size_t k = 0;
        for (size_t r = 0; r < t->n_rows; r++) {
            const tb_row *row = &t->rows[r];
            size_t from = k;
            while (k < rt->n_rows && rt->rows[k].index == r + 1)
                k++;
            cJSON *boxes = cJSON_CreateArray(), *flags = cJSON_CreateArray();
            for (size_t c = 0; c < t->n_cols; c++) {
                cJSON_AddItemToArray(boxes, box_or_null(row->cell_boxes, c));
                unsigned bits = cell_flag_bits(row, rt->rows + from, k - from, c);
                cJSON_AddItemToArray(flags, bits ? flag_names(bits) : cJSON_CreateNull());
            }
            cJSON_AddItemToArray(cb, boxes);
            cJSON_AddItemToArray(bp, cJSON_CreateNumber(row->page));
            cJSON_AddItemToArray(cf, flags);
        }
    }
    json_put_record(out, o);
    if (format == REC_TABLES)
        return;
    size_t k = 0;
    for (size_t r = 0; r < t->n_rows; r++) {
        size_t from = k;
        while (k < rt->n_rows && rt->rows[k].index == r + 1)
            k++;
        json_put_record(out, row_json(info, doc, rt, r + 1, rt->rows + from, k - from, g));
    }
}

/* (4) */
static cJSON *families_json(const rec_doc *doc, const gr_grammar *g)
{
    cJSON *o = cJSON_CreateObject();
    const gr_set *set = grammar_set(g, *doc->src->kind ? doc->src->kind : "*");
    if (!set)
        set = grammar_set(g, "*");
    if (set)
        cJSON_AddStringToObject(o, "set", set->kind);
    else
        cJSON_AddNullToObject(o, "set");
    cJSON *found = cJSON_AddArrayToObject(o, "found");
    for (size_t i = 0; i < doc->n_families; i++)
        cJSON_AddItemToArray(found, cJSON_CreateString(doc->families[i].name));
    cJSON *missing = cJSON_AddArrayToObject(o, "missing");
    for (size_t k = 0; set && k < set->n_families; k++) {
        size_t i = 0;
        while (i < doc->n_families && strcmp(doc->families[i].name, set->family[k]) != 0)
            i++;
        if (i == doc->n_families)
            cJSON_AddItemToArray(missing, cJSON_CreateString(set->family[k]));
    }
    return o;
}

void records_emit_tables(pr_strbuf *out, const rec_doc_info *info, const rec_doc *doc,
                         const gr_grammar *g, rec_format format, size_t from, size_t to)
{
    for (size_t i = from; i < to && i < doc->n_ready; i++) {        /* (1) */
        if (format == REC_LONG || format == REC_LONG_CSV)
            rec_emit_long_table(out, info, doc, &doc->tables[i], format == REC_LONG_CSV);
        else
            emit_table(out, info, doc, &doc->tables[i], g, format);
        if (info->settle)
            info->settle(info->settle_data);
    }
}

void records_emit_document(pr_strbuf *out, const rec_doc_info *info,
                           const rec_doc *doc, const gr_grammar *g,
                           rec_format format)
{
    records_emit_tables(out, info, doc, g, format, doc->n_done, doc->n_tables);
    rec_totals sum = records_totals(doc);
    size_t n = sum.checks, ok = sum.ok, rounded = sum.rounded, failed = sum.failed;
    cJSON *cross = cJSON_CreateArray();
    for (size_t i = 0; i < doc->n_cross; i++) {
        const rec_check *c = doc->cross[i];
        cJSON_AddItemToArray(cross, check_json(c));
        n++;
        ok += c->status == REC_CHECK_OK;
        rounded += c->status == REC_CHECK_ROUNDED;
        failed += c->status == REC_CHECK_FAILED;
    }
    cJSON *d = json_record("document");
    cJSON_AddItemToObject(d, "doc", doc_json(info, doc));
    cJSON_AddNumberToObject(d, "pages", info->pages_in_file);
    cJSON_AddNumberToObject(d, "pages_read", info->pages_read);
    cJSON_AddNumberToObject(d, "tables", (double)sum.tables);
    cJSON_AddItemToObject(d, "families", families_json(doc, g));
    cJSON_AddNumberToObject(d, "rows", (double)sum.rows);
    cJSON_AddItemToObject(d, "checks", summary_json(n, ok, rounded, failed, sum.rows_checked,
                                                    sum.rows_unchecked));
    cJSON_AddItemToObject(d, "cross_checks", cross);
    cJSON *un = cJSON_AddArrayToObject(d, "unplaced");
    for (size_t i = 0; i < doc->src->n_unplaced; i++) {
        const tb_unplaced *u = &doc->src->unplaced[i];
        cJSON *uo = cJSON_CreateObject();
        cJSON_AddNumberToObject(uo, "page", u->page);
        cJSON_AddItemToObject(uo, "bbox", json_box(&u->box));
        cJSON_AddStringToObject(uo, "text", u->text);
        cJSON_AddItemToArray(un, uo);
    }
    cJSON_AddNumberToObject(d, "poppler_problems", info->poppler_problems);
    json_add_text_notes(d, &info->notes);
    cJSON *rv = cJSON_AddObjectToObject(d, "review");                /* (6) */
    for (int b = 0; b < REC_N_FLAGS; b++)
        cJSON_AddNumberToObject(rv, records_flag_name(b), (double)sum.review[b]);
    json_put_record(out, d);
}

size_t records_failed_checks(const rec_doc *doc)
{
    size_t failed = records_totals(doc).failed;
    for (size_t i = 0; i < doc->n_cross; i++)
        failed += doc->cross[i]->status == REC_CHECK_FAILED;
    return failed;
}
