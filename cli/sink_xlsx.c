/*
 * sink_xlsx.c — the xlsx sink (sink.h): --format xlsx -o FILE writes one
 * workbook with a worksheet per table of each document's --format tables
 * records, an index sheet and an errors sheet (docs/tables-output.md).
 *
 * Ownership: the state belongs to the cli_sink and is released by free();
 * it keeps a copy of every document's records until finish() builds the
 * workbook from them.
 *
 * NOTES
 *   (1) Nothing exists at PATH before finish(): the workbook is built
 *       there (sheet names depend on how many documents the run had),
 *       written to ".NAME.tmp.PID" beside PATH and renamed over it. So
 *       free() without finish() leaves no file, and there is no resume
 *       (has is NULL).
 *   (2) Cells: a cell that amount_parse() takes becomes a number (scaled
 *       / 10^decimals, the one floating point step) with a format showing
 *       the printed decimals; code and label columns (keys code*, name*)
 *       and digit strings with a leading zero stay text.
 */
#include "amount.h"
#include "sink.h"
#include "sink_records.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

/* --- xlsx workbook ------------------------------------------------------- */

enum {
    XLSX_MAX_TABLES = 60000,    /* libxlsxwriter counts sheets in 16 bits */
    XLSX_MAX_CHARS = 32767      /* characters in a string cell */
};

typedef struct xlsx_doc {
    char *input, *records;
} xlsx_doc;

typedef struct xlsx_sink {
    char *path;
    GPtrArray *docs;            /* xlsx_doc *, in input order (1) */
    size_t tables, errors;
} xlsx_sink;

/* What finish() builds the workbook with. */
typedef struct xlsx_book {
    lxw_workbook *wb;
    lxw_worksheet *index, *errors;
    lxw_format *bold, *num[7];  /* num[d]: d decimals */
    GHashTable *names;          /* sheet names taken, casefolded */
    lxw_row_t index_row, error_row;
    int multi;                  /* several documents: sheet names say which */
    int failed;                 /* a sheet could not be added */
} xlsx_book;

static void xlsx_doc_free(void *p)
{
    xlsx_doc *d = p;
    g_free(d->input);
    g_free(d->records);
    g_free(d);
}

static char *temp_path(const char *path)
{
    char *dir = g_path_get_dirname(path), *base = g_path_get_basename(path);
    char *tmp = g_strdup_printf("%s/.%s.tmp.%ld", dir, base, (long)getpid());
    g_free(dir);
    g_free(base);
    return tmp;
}

/* A string cell, valid UTF-8 and cut to Excel's limit; "" stays blank. */
static void put_text(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s, lxw_format *f)
{
    char *own = NULL;
    if (!*s)
        return;
    if (!g_utf8_validate(s, -1, NULL))
        s = own = g_utf8_make_valid(s, -1);
    if (g_utf8_strlen(s, -1) > XLSX_MAX_CHARS) {
        if (!own)
            s = own = g_strdup(s);
        *g_utf8_offset_to_pointer(own, XLSX_MAX_CHARS) = '\0';
    }
    worksheet_write_string(ws, r, c, s, f);
    g_free(own);
}

/* (2): code and label columns. */
static int is_text_key(const char *k)
{
    return (g_str_has_prefix(k, "code") || g_str_has_prefix(k, "name")) &&
           (!k[4] || k[4] == '_' || g_ascii_isdigit(k[4]));
}

/* (2): a body cell. */
static void put_cell(xlsx_book *b, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s,
                     int text)
{
    pr_amount a;
    if (text || (s[0] == '0' && g_ascii_isdigit(s[1])) || !amount_parse(s, &a) ||
        a.decimals < 0 || a.decimals > 6) {
        put_text(ws, r, c, s, NULL);
        return;
    }
    double scale = 1;
    for (int i = 0; i < a.decimals; i++)
        scale *= 10;
    worksheet_write_number(ws, r, c, (double)a.scaled / scale, b->num[a.decimals]);
}

static int take_name(xlsx_book *b, const char *name)
{
    char *key = g_utf8_casefold(name, -1);
    if (g_hash_table_contains(b->names, key)) {
        g_free(key);
        return 0;
    }
    g_hash_table_add(b->names, key);
    return 1;
}

/* "1 income_expense", or "d3 t1 income_expense" with several documents:
 * at most 31 characters, none of []:*?/\ or ', unique. */
static char *sheet_name(xlsx_book *b, size_t docno, int seq, const char *fam)
{
    char *name = b->multi ? g_strdup_printf("d%zu t%d %s", docno, seq, fam)
                          : g_strdup_printf("%d %s", seq, fam);
    if (!g_utf8_validate(name, -1, NULL)) {
        char *valid = g_utf8_make_valid(name, -1);
        g_free(name);
        name = valid;
    }
    for (char *p = name; *p; p++)
        if (strchr("[]:*?/\\'", *p))
            *p = '_';
    if (g_utf8_strlen(name, -1) > LXW_SHEETNAME_MAX)
        *g_utf8_offset_to_pointer(name, LXW_SHEETNAME_MAX) = '\0';
    for (unsigned k = 2; !take_name(b, name); k++) {
        g_free(name);
        name = g_strdup_printf("sheet %u", k);
    }
    return name;
}

static lxw_worksheet *add_sheet(xlsx_book *b, const char *name, const char *const *head)
{
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, name);
    take_name(b, name);
    for (lxw_col_t c = 0; ws && head[c]; c++)
        put_text(ws, 0, c, head[c], b->bold);
    if (ws)
        worksheet_freeze_panes(ws, 1, 0);
    b->failed |= !ws;
    return ws;
}

static void index_row(xlsx_book *b, const char *sheet, const char *input, const cJSON *t)
{
    if (!b->index)
        return;
    lxw_worksheet *ix = b->index;
    lxw_row_t r = ++b->index_row;
    const cJSON *tr = sink_rec_get(t, "table"), *v;
    char *url = g_strdup_printf("internal:'%s'!A1", sheet);
    worksheet_write_url_opt(ix, r, 0, url, NULL, sheet, NULL);
    g_free(url);
    put_text(ix, r, 1, input, NULL);
    worksheet_write_number(ix, r, 2, cJSON_GetNumberValue(sink_rec_get(tr, "seq")), NULL);
    const char *text[] = {sink_rec_str(tr, "label"), sink_rec_str(tr, "title"), sink_rec_str(tr, "family"),
                          sink_rec_str(tr, "org"), sink_rec_str(tr, "unit")};
    for (int i = 0; i < 5; i++)
        put_text(ix, r, (lxw_col_t)(3 + i), text[i], NULL);
    if (cJSON_IsNumber(sink_rec_get(tr, "scale")))
        worksheet_write_number(ix, r, 8, cJSON_GetNumberValue(sink_rec_get(tr, "scale")), NULL);
    GString *pages = g_string_new("");
    cJSON_ArrayForEach(v, sink_rec_get(tr, "pages")) {
        g_string_append_printf(pages, "%s%d", pages->len ? "," : "",
                               (int)cJSON_GetNumberValue(v));
    }
    put_text(ix, r, 9, pages->str, NULL);
    g_string_free(pages, TRUE);
    worksheet_write_number(ix, r, 10, cJSON_GetArraySize(sink_rec_get(t, "body")), NULL);
}

/* A table's sheet: title, org, unit, the header rows, the body. */
static void xlsx_table(xlsx_book *b, const cJSON *t, size_t docno, const char *input)
{
    const cJSON *tr = sink_rec_get(t, "table"), *row;
    char *name = sheet_name(b, docno, (int)cJSON_GetNumberValue(sink_rec_get(tr, "seq")), sink_rec_family(t));
    index_row(b, name, input, t);
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, name);
    g_free(name);
    if (!ws) {
        b->failed = 1;
        return;
    }
    put_text(ws, 0, 0, sink_rec_str(tr, "title"), b->bold);
    put_text(ws, 1, 0, *sink_rec_str(tr, "org") ? sink_rec_str(tr, "org") : sink_rec_str(sink_rec_get(t, "doc"), "org"), NULL);
    put_text(ws, 2, 0, sink_rec_str(tr, "unit"), NULL);
    lxw_row_t r = 3;
    int n, width = sink_rec_width(t);
    cJSON_ArrayForEach(row, sink_rec_get(t, "header_rows")) {
        const char **cells = sink_rec_strings(row, 0, &n);
        for (int c = 0; c < n; c++)
            put_text(ws, r, (lxw_col_t)c, cells[c], b->bold);
        g_free(cells);
        r++;
    }
    worksheet_freeze_panes(ws, r, 0);
    const char **keys = sink_rec_strings(sink_rec_get(t, "keys"), width, &n);
    for (int c = 0; c < width; c++)
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
                             !is_text_key(keys[c]) ? 14 : keys[c][0] == 'c' ? 10 : 30, NULL);
    cJSON_ArrayForEach(row, sink_rec_get(t, "body")) {
        const char **cells = sink_rec_strings(row, 0, &n);
        for (int c = 0; c < n; c++)
            put_cell(b, ws, r, (lxw_col_t)c, cells[c], is_text_key(keys[c]));
        g_free(cells);
        r++;
    }
    g_free(keys);
}

static void error_row(xlsx_book *b, const cJSON *e, const char *input)
{
    if (!b->errors)
        return;
    lxw_row_t r = ++b->error_row;
    put_text(b->errors, r, 0, input, NULL);
    put_text(b->errors, r, 1, sink_rec_str(e, "code"), NULL);
    put_text(b->errors, r, 2, sink_rec_str(e, "message"), NULL);
}

static pr_rc xlsx_document(void *state, const sink_doc *doc, pr_error *err)
{
    xlsx_sink *s = state;
    GPtrArray *recs = sink_records_parse(doc->records, err);
    if (!recs)
        return PR_ERR_INTERNAL;
    size_t tables = 0, errors = 0;
    for (guint i = 0; i < recs->len; i++) {
        tables += sink_rec_is(recs->pdata[i], "table");
        errors += sink_rec_is(recs->pdata[i], "error");
    }
    g_ptr_array_unref(recs);
    if (s->tables + tables > XLSX_MAX_TABLES)
        return pr_fail(err, PR_ERR_OUTPUT,
                       "%s: more than %d tables for one workbook; use --format csv", s->path,
                       XLSX_MAX_TABLES);
    s->tables += tables;
    s->errors += errors;
    xlsx_doc *d = g_new(xlsx_doc, 1);
    d->input = g_strdup(doc->input);
    d->records = g_strndup(doc->records, doc->len);
    g_ptr_array_add(s->docs, d);
    return PR_OK;
}

/* (1): the whole workbook, from the documents kept. */
static pr_rc xlsx_finish(void *state, const char *run_json, pr_error *err)
{
    xlsx_sink *s = state;
    char *tmp = temp_path(s->path);
    xlsx_book b = {0};
    b.wb = workbook_new(tmp);
    if (!b.wb) {
        pr_rc rc = pr_fail(err, PR_ERR_OUTPUT, "cannot write %s", tmp);
        g_free(tmp);
        return rc;
    }
    b.names = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    b.multi = s->docs->len > 1;
    b.bold = workbook_add_format(b.wb);
    format_set_bold(b.bold);
    for (int d = 0; d <= 6; d++) {
        char fmt[16] = "#,##0.000000";
        fmt[d ? 6 + d : 5] = '\0';
        b.num[d] = workbook_add_format(b.wb);
        format_set_num_format(b.num[d], fmt);
    }
    static const char *const index_head[] = {"sheet", "file", "table", "label", "title",
                                             "family", "org", "unit", "scale", "pages",
                                             "rows", NULL};
    static const char *const error_head[] = {"file", "code", "message", NULL};
    b.index = add_sheet(&b, "index", index_head);
    if (s->errors)
        b.errors = add_sheet(&b, "errors", error_head);
    for (guint i = 0; i < s->docs->len; i++) {
        xlsx_doc *d = s->docs->pdata[i];
        GPtrArray *recs = sink_records_parse(d->records, NULL);
        for (guint j = 0; recs && j < recs->len; j++) {
            const cJSON *r = recs->pdata[j];
            if (sink_rec_is(r, "table"))
                xlsx_table(&b, r, i + 1, d->input);
            else if (sink_rec_is(r, "error"))
                error_row(&b, r, d->input);
        }
        if (recs)
            g_ptr_array_unref(recs);
    }
    lxw_doc_properties props = {.title = "pdfrows tables", .comments = (char *)run_json};
    workbook_set_properties(b.wb, &props);
    lxw_error e = workbook_close(b.wb);
    pr_rc rc = PR_OK;
    if (e != LXW_NO_ERROR || b.failed)
        rc = pr_fail(err, PR_ERR_OUTPUT, "cannot write %s: %s", s->path,
                     e != LXW_NO_ERROR ? lxw_strerror(e) : "a worksheet could not be added");
    else if (rename(tmp, s->path) != 0)
        rc = pr_fail(err, PR_ERR_OUTPUT, "cannot write %s: %s", s->path, strerror(errno));
    if (rc != PR_OK)
        unlink(tmp);
    g_hash_table_destroy(b.names);
    g_free(tmp);
    return rc;
}

static void xlsx_free(void *state)
{
    xlsx_sink *s = state;
    g_ptr_array_unref(s->docs);
    g_free(s->path);
    g_free(s);
}

static const cli_sink_ops xlsx_ops = {NULL, xlsx_document, xlsx_finish, xlsx_free};

/* Fails now, not after the run, if PATH cannot be written. */
pr_rc sink_xlsx_open(const char *path, cli_sink *sink, pr_error *err)
{
    char *parent = g_path_get_dirname(path), *tmp = temp_path(path);
    FILE *f = NULL;
    if (g_file_test(path, G_FILE_TEST_IS_DIR))
        errno = EISDIR;
    else if (g_mkdir_with_parents(parent, 0777) == 0)
        f = fopen(tmp, "wb");
    int saved = errno;
    if (f) {
        fclose(f);
        unlink(tmp);
    }
    g_free(parent);
    g_free(tmp);
    if (!f)
        return pr_fail(err, PR_ERR_OUTPUT, "cannot write %s: %s", path, strerror(saved));
    xlsx_sink *s = g_new0(xlsx_sink, 1);
    s->path = g_strdup(path);
    s->docs = g_ptr_array_new_with_free_func(xlsx_doc_free);
    sink->ops = &xlsx_ops;
    sink->state = s;
    return PR_OK;
}
