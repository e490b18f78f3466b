/*
 * long.c — stage three's long format: one flat record per amount, the
 * tidy shape data frames and SQL tables want (docs/record.schema.json
 * `amount`). JSON Lines (--format long) or CSV rows (--format long-csv,
 * RFC 4180 quoting, LF line ends; records_emit_long_csv_header() writes
 * the one header line).
 *
 * Ownership: the functions borrow their arguments and append to *out,
 * which the caller owns (strbuf.h). Nothing they return is owned.
 *
 * NOTES
 *   (1) The amounts are exactly the row records' "values" (jsonl.c
 *       side_fields): every logical row of every table (each printed body
 *       row's sides with text; header rows are not body rows), every
 *       amount column of the row's side (rec_is_amount_column), every cell
 *       amount_parse() accepts, under the same key. A placeholder (-, —),
 *       an empty cell or text gives no record, so a document without
 *       amounts gives nothing. Nothing else is written: no table or
 *       document record (the caller decides about the stream).
 *   (2) Order is the row records': tables by seq, printed rows top to
 *       bottom, sides left to right, columns left to right. Same PDF, same
 *       bytes.
 *   (3) "value" is amount_format()'s decimal string: no separators, the
 *       printed decimals, '-' in front of a negative. "scaled" and the
 *       other integers are printed from integers (raw JSON), never through
 *       a double, so nothing beyond 2^53 is rounded. value in yuan =
 *       scaled × scale / 10^decimals.
 *   (4) One list of fields serves both forms: in JSON the first six go
 *       into "doc" (the row records' doc object), the next six into
 *       "table", the rest at the top; in CSV all of them, flat, in that
 *       order, null as an empty field.
 *   (5) Every string written is valid UTF-8: what stage two builds is so
 *       already; anything else (a file name from the command line) has
 *       its bad bytes replaced by U+FFFD.
 *   (6) "side" is null in a table of one side. In a table of several it
 *       is the side's key (income, expense, personnel); for a side whose
 *       heading no `column` rule names it is "side" and the side's number
 *       (side1, side2), as keys fall back to colN: two panels of one
 *       list, both headed 预算 under the key "amount", stay apart.
 */
#include "rec_int.h"

#include "json_out.h"

#include <glib.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

enum {
    F_FILE, F_SHA256, F_ORG, F_ORG_KEY, F_YEAR, F_KIND,             /* "doc" */
    F_SEQ, F_LABEL, F_TITLE, F_FAMILY, F_UNIT, F_SCALE,             /* "table" */
    F_PAGE, F_ROW, F_SIDE, F_CODE, F_NAME, F_ROLE, F_COLUMN, F_KEY,
    F_TEXT, F_VALUE, F_SCALED, F_DECIMALS,
    N_FIELDS
};

static const char *const json_name[N_FIELDS] = {
    "file", "sha256", "org", "org_key", "year", "kind",
    "seq", "label", "title", "family", "unit", "scale",
    "page", "row", "side", "code", "name", "role", "column", "key",
    "text", "value", "scaled", "decimals",
};

/* Fields printed as JSON integers; the rest are strings. */
static const unsigned char is_integer[N_FIELDS] = {
    [F_SEQ] = 1, [F_SCALE] = 1, [F_PAGE] = 1, [F_ROW] = 1, [F_SCALED] = 1, [F_DECIMALS] = 1,
};

/* One amount record: each field's text, NULL for null; the numbers'
 * digits live in the buffers. */
typedef struct long_rec {
    const char *f[N_FIELDS];
    char seq[24], scale[24], page[24], row[24], side[32], value[48], scaled[24], decimals[8];
} long_rec;

/* (5): s, or a valid copy of it in *tmp (g_free). */
static const char *valid_utf8(const char *s, char **tmp)
{
    *tmp = NULL;
    if (!s || g_utf8_validate(s, -1, NULL))
        return s;
    return *tmp = g_utf8_make_valid(s, -1);
}

static void json_field(cJSON *o, const char *name, const char *s, int integer)
{
    char *tmp = NULL;
    if (!s)
        cJSON_AddNullToObject(o, name);
    else if (integer)
        cJSON_AddRawToObject(o, name, s);                           /* (3) */
    else
        cJSON_AddStringToObject(o, name, valid_utf8(s, &tmp));
    g_free(tmp);
}

/* (4) */
static void put_json(pr_strbuf *out, const long_rec *r)
{
    cJSON *rec = json_record("amount");
    cJSON *doc = cJSON_AddObjectToObject(rec, "doc");
    cJSON *table = cJSON_AddObjectToObject(rec, "table");
    for (int i = 0; i < N_FIELDS; i++)
        json_field(i < F_SEQ ? doc : i < F_PAGE ? table : rec, json_name[i], r->f[i],
                   is_integer[i]);
    json_put_record(out, rec);
}

/* One CSV field, quoted when it holds a comma, quote, CR or LF. */
static void csv_field(pr_strbuf *out, const char *s, int first)
{
    char *tmp;
    if (!first)
        pr_strbuf_putc(out, ',');
    if (!s)
        return;
    s = valid_utf8(s, &tmp);
    if (!strpbrk(s, ",\"\r\n")) {
        pr_strbuf_puts(out, s);
    } else {
        pr_strbuf_putc(out, '"');
        for (const char *p = s; *p; p++) {
            if (*p == '"')
                pr_strbuf_putc(out, '"');
            pr_strbuf_putc(out, *p);
        }
        pr_strbuf_putc(out, '"');
    }
    g_free(tmp);
}

static void put_csv(pr_strbuf *out, const long_rec *r)
{
    for (int i = 0; i < N_FIELDS; i++)
        csv_field(out, r->f[i], i == 0);
    pr_strbuf_putc(out, '\n');
}

void records_emit_long_csv_header(pr_strbuf *out)
{
    for (int i = 0; i < N_FIELDS; i++)
        csv_field(out, i == F_SEQ ? "table_seq" : i == F_LABEL ? "table_label" : json_name[i],
                  i == 0);
    pr_strbuf_putc(out, '\n');
}

static const char *or_null(const char *s)
{
    return s && *s ? s : NULL;
}

/* (1): the amounts of one logical row. */
static void emit_row(pr_strbuf *out, long_rec *r, const rec_table *t, const rec_row *row,
                     int csv)
{
    const rec_side *side = &t->sides[row->side];
    snprintf(r->page, sizeof r->page, "%d", row->src->page);
    snprintf(r->row, sizeof r->row, "%zu", row->index);
    snprintf(r->side, sizeof r->side, "side%zu", row->side + 1);    /* (6) */
    r->f[F_SIDE] = t->n_sides == 1 ? NULL : side->key ? side->key : r->side;
    r->f[F_CODE] = records_code_level(row->code) ? row->code : NULL;
    r->f[F_NAME] = row->name;
    r->f[F_ROLE] = row->role;
    for (size_t c = side->lo; c < side->hi; c++) {
        const char *cell = row->cells[c - side->lo];
        pr_amount a;
        if (!rec_is_amount_column(t, c) || !amount_parse(cell, &a))
            continue;
        r->f[F_COLUMN] = t->src->columns[c];
        r->f[F_KEY] = t->keys[c];
        r->f[F_TEXT] = cell;
        amount_format(a, r->value, sizeof r->value);                /* (3) */
        snprintf(r->scaled, sizeof r->scaled, "%" PRId64, a.scaled);
        snprintf(r->decimals, sizeof r->decimals, "%d", a.decimals);
        if (csv)
            put_csv(out, r);
        else
            put_json(out, r);
    }
}

void rec_emit_long_table(pr_strbuf *out, const rec_doc_info *info, const rec_doc *doc,
                         const rec_table *t, int csv)
{
    long_rec r;
    memset(&r, 0, sizeof r);
    const tb_doc *src = doc->src;
    r.f[F_FILE] = info->file;
    r.f[F_SHA256] = info->sha256;
    r.f[F_ORG] = doc->org ? doc->org : "";
    r.f[F_ORG_KEY] = doc->org_key ? doc->org_key : "";
    r.f[F_YEAR] = or_null(src->year);
    r.f[F_KIND] = or_null(src->kind);
    r.f[F_SEQ] = r.seq;
    r.f[F_PAGE] = r.page;
    r.f[F_ROW] = r.row;
    r.f[F_VALUE] = r.value;
    r.f[F_SCALED] = r.scaled;
    r.f[F_DECIMALS] = r.decimals;
    snprintf(r.seq, sizeof r.seq, "%d", t->src->seq);
    r.f[F_LABEL] = or_null(t->src->label);
    r.f[F_TITLE] = or_null(t->src->title);
    r.f[F_FAMILY] = t->family;
    r.f[F_UNIT] = or_null(t->src->unit);
    snprintf(r.scale, sizeof r.scale, "%" PRId64, t->scale);
    r.f[F_SCALE] = t->scale ? r.scale : NULL;
    for (size_t k = 0; k < t->n_rows; k++)
        emit_row(out, &r, t, &t->rows[k], csv);
}

void records_emit_long(pr_strbuf *out, const rec_doc_info *info, const rec_doc *doc, int csv)
{
    records_emit_tables(out, info, doc, NULL, csv ? REC_LONG_CSV : REC_LONG,   /* (2) */
                        doc->n_done, doc->n_tables);
}
