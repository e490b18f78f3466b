/*
 * sink_sqlite_rows.c — one document's records (the jsonl records plus
 * the amount records) as rows of the SQLite sink's schema
 * (docs/sqlite-schema.md), inside the transaction sink_sqlite.c opened.
 *
 * Ownership: a document's parsed records, and the hash tables built from
 * them, live for one sq_load_document() call; the connection and the
 * statements are borrowed (sink_sqlite.h).
 *
 * NOTES
 *   (1) Exact numbers: cJSON reads numbers as doubles, which lose digits
 *       and printed decimals (1057.90 -> 1057.9). Every record line is
 *       read with its numbers turned into strings first (quote_numbers),
 *       so expected/found keep their printed text; integer columns take
 *       the digit strings through SQLite's INTEGER affinity, exactly.
 *       Amounts come from the amount record's "value" via amount_parse().
 *   (2) The bind formats follow the CREATE order of each table's columns
 *       (sink_sqlite.c: "=T" statements insert every column in order).
 *   (3) A check appears in the records of every row taking part in it
 *       (and cross-table checks in the document record too); it is
 *       stored once per document, keyed by its content, with check_rows
 *       linking the rows. Numbering: cross-table checks 1..k in the
 *       document record's order, then table checks in order of first
 *       appearance. Two checks of one table equal in every field are
 *       stored once (tables.n_checks still counts both).
 *   (4) An amount names its side by key: null in a table of one side,
 *       else the side's key, or "sideN" for a side no rule names
 *       (normalize/records/long.c (6)); its column is the column of that
 *       side with its key (keys are unique within a side). side_key
 *       columns hold the table record's sides[].key, in every table.
 */
#include "sink_sqlite.h"
#include "amount.h"

#include <cjson/cJSON.h>
#include <glib.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* The state of one sq_load_document() call. */
typedef struct sq_doc {
    sq_sink *s;
    sqlite3_int64 id;
    GHashTable *tables;     /* seq (int) -> borrowed table record */
    GHashTable *checks;     /* content key -> check n (cross: no table prefix) */
    int n_checks;
} sq_doc;

/* NOTES (1): a copy of the JSON text with every number outside a string
 * quoted ("seq":4 -> "seq":"4"). */
static char *quote_numbers(const char *p, size_t n)
{
    GString *o = g_string_sized_new(n + n / 4 + 16);
    for (size_t i = 0; i < n; i++) {
        char c = p[i];
        if (c == '"') {
            size_t j = i + 1;
            while (j < n && p[j] != '"')
                j += p[j] == '\\' ? 2 : 1;
            g_string_append_len(o, p + i, (gssize)(j < n ? j + 1 - i : n - i));
            i = j;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            size_t j = i;
            while (j < n && p[j] && strchr("0123456789+-.eE", p[j]))
                j++;
            g_string_append_c(o, '"');
            g_string_append_len(o, p + i, (gssize)(j - i));
            g_string_append_c(o, '"');
            i = j - 1;
        } else {
            g_string_append_c(o, c);
        }
    }
    return g_string_free(o, FALSE);
}

static cJSON *get(const cJSON *o, const char *k)
{
    return cJSON_GetObjectItemCaseSensitive(o, k);
}

static const char *str(const cJSON *o, const char *k)
{
    const cJSON *v = get(o, k);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static long long num(const cJSON *o, const char *k)
{
    const char *v = str(o, k);
    return v ? g_ascii_strtoll(v, NULL, 10) : 0;
}

/* Text to bind for a JSON value: 'J' prints it as JSON, 'N' an array of
 * (quoted) numbers as a JSON array of numbers. */
static char *json_text(const cJSON *v, char how)
{
    if (how == 'J')
        return cJSON_PrintUnformatted(v);
    GString *o = g_string_new("[");
    const cJSON *e;
    cJSON_ArrayForEach(e, v)
        g_string_append_printf(o, "%s%s", e == v->child ? "" : ",",
                               cJSON_IsString(e) ? e->valuestring : "null");
    g_string_append_c(o, ']');
    char *t = strdup(o->str);
    g_string_free(o, TRUE);
    return t;
}

/* sink_sqlite.h. */
int sq_run(sq_sink *s, int which, const char *fmt, ...)
{
    sqlite3_stmt *st = s->st[which];
    va_list ap;
    va_start(ap, fmt);
    for (int i = 1; *fmt; fmt++, i++) {
        if (*fmt == 'I') {
            sqlite3_bind_int64(st, i, va_arg(ap, sqlite3_int64));
        } else if (*fmt == 'd') {
            sqlite3_bind_int(st, i, va_arg(ap, int));
        } else if (*fmt == 'n') {
            sqlite3_bind_null(st, i);
        } else if (*fmt == 's') {
            const char *t = va_arg(ap, const char *);
            sqlite3_bind_text(st, i, t, -1, SQLITE_TRANSIENT);
        } else {
            const cJSON *v = va_arg(ap, const cJSON *);
            if (cJSON_IsString(v))
                sqlite3_bind_text(st, i, v->valuestring, -1, SQLITE_TRANSIENT);
            else if (cJSON_IsBool(v))
                sqlite3_bind_int(st, i, cJSON_IsTrue(v));
            else if (*fmt != 'v' && (cJSON_IsArray(v) || cJSON_IsObject(v)))
                sqlite3_bind_text(st, i, json_text(v, *fmt), -1, free);
            else
                sqlite3_bind_null(st, i);
        }
    }
    va_end(ap);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc;
}

/* The documents row (id NULL: a new one). An error record fills file,
 * status (its code) and error (its message) only. */
static int insert_document(sq_doc *d, const sink_doc *in, const cJSON *last)
{
    if (strcmp(str(last, "type"), "error") == 0)
        return sq_run(d->s, S_DOC, "nssss" "nnnnnnnnnnnnnnnnnnnn" "ss", in->relpath,
                      in->run_key, in->input, str(last, "file"), str(last, "code"),
                      str(last, "message"));
    const cJSON *doc = get(last, "doc"), *fam = get(last, "families");
    const cJSON *ck = get(last, "checks");
    return sq_run(d->s, S_DOC, "nsss" "vvvvvvvvvvv" "JJ" "vvvvvv" "Ivss", in->relpath,
                  in->run_key, in->input, get(doc, "file"), get(doc, "sha256"),
                  get(doc, "org"), get(doc, "org_key"), get(doc, "year"), get(doc, "kind"),
                  get(last, "pages"), get(last, "pages_read"), get(last, "tables"),
                  get(last, "rows"), get(fam, "set"), get(fam, "found"), get(fam, "missing"),
                  get(ck, "checks"), get(ck, "ok"), get(ck, "rounded"), get(ck, "failed"),
                  get(ck, "rows_checked"), get(ck, "rows_unchecked"),
                  (sqlite3_int64)cJSON_GetArraySize(get(last, "unplaced")),
                  get(last, "poppler_problems"), "ok", (const char *)NULL);
}

static const char *nz(const char *s)
{
    return s ? s : "";
}

/* The check n of c (NOTES (3)), inserting the check when new; seq 0: a
 * cross-table check of the document record. Returns an SQLite code. */
static int add_check(sq_doc *d, int seq, const cJSON *c, int *n)
{
    char *k = g_strdup_printf("%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s", nz(str(c, "rule")),
                              nz(str(c, "column")), nz(str(c, "status")),
                              nz(str(c, "expected")), nz(str(c, "found")),
                              nz(str(c, "page")), nz(str(c, "row")));
    char *tk = seq ? g_strdup_printf("%d\x1e%s", seq, k) : NULL;
    gpointer v;
    if (g_hash_table_lookup_extended(d->checks, k, NULL, &v) ||
        (tk && g_hash_table_lookup_extended(d->checks, tk, NULL, &v))) {
        *n = GPOINTER_TO_INT(v);
        g_free(k);
        g_free(tk);
        return SQLITE_DONE;
    }
    *n = ++d->n_checks;
    g_hash_table_insert(d->checks, seq ? tk : k, GINT_TO_POINTER(*n));
    g_free(seq ? k : tk);
    char ts[16];
    snprintf(ts, sizeof ts, "%d", seq);
    return sq_run(d->s, S_CHECK, "Ids" "vvvvvvv", d->id, *n, seq ? ts : NULL,
                  get(c, "rule"), get(c, "column"), get(c, "status"), get(c, "expected"),
                  get(c, "found"), get(c, "page"), get(c, "row"));
}

/* The side (number, and its table record entry) of column col (1-based). */
static int side_of(const cJSON *table, int col, const cJSON **side)
{
    const cJSON *sd;
    cJSON_ArrayForEach(sd, get(table, "sides"))
        if (num(sd, "from") <= col && col <= num(sd, "to")) {
            *side = sd;
            return (int)num(sd, "side");
        }
    *side = NULL;
    return 1;
}

static int insert_table(sq_doc *d, const cJSON *rec)
{
    const cJSON *t = get(rec, "table"), *ck = get(rec, "checks"), *pages = get(t, "pages");
    int seq = (int)num(t, "seq");
    int rc = sq_run(d->s, S_TABLE, "Id" "vvvvvv" "Nv" "vvv" "I" "JJ" "vvvvvv" "Jv", d->id, seq,
                    get(t, "label"), get(t, "title"), get(t, "family"), get(t, "org"),
                    get(t, "unit"), get(t, "scale"), pages, cJSON_GetArrayItem(pages, 0),
                    get(rec, "rows"), get(rec, "form"), get(rec, "ruled"),
                    (sqlite3_int64)cJSON_GetArraySize(get(rec, "sides")),
                    get(rec, "header_rows"), get(rec, "notes"), get(ck, "checks"),
                    get(ck, "ok"), get(ck, "rounded"), get(ck, "failed"),
                    get(ck, "rows_checked"), get(ck, "rows_unchecked"),
                    get(rec, "found_by"), get(rec, "confidence"));
    const cJSON *keys = get(rec, "keys"), *c, *sd;
    int i = 0;
    cJSON_ArrayForEach(c, get(rec, "columns")) {
        if (!SQ_OK(rc))
            break;
        int side = side_of(rec, ++i, &sd);
        rc = sq_run(d->s, S_COL, "Iddvvdv", d->id, seq, i, c, cJSON_GetArrayItem(keys, i - 1),
                    side, sd ? get(sd, "key") : NULL);
    }
    return rc;
}

/* One rows entry per side of the printed row (the record itself when the
 * table has one side), with the checks it takes part in. */
static int insert_row(sq_doc *d, const cJSON *rec)
{
    int seq = (int)num(get(rec, "table"), "seq");
    const cJSON *row = get(rec, "row"), *sides = get(rec, "sides"), *one, *c;
    const cJSON *table = g_hash_table_lookup(d->tables, GINT_TO_POINTER(seq));
    int idx = (int)num(row, "index"), rc = SQLITE_DONE;
    for (one = sides ? sides->child : rec; one && SQ_OK(rc); one = sides ? one->next : NULL) {
        int side = sides ? (int)num(one, "side") : 1, n;
        const cJSON *sd = cJSON_GetArrayItem(get(table, "sides"), side - 1);
        const cJSON *parents = get(one, "parents");
        int np = cJSON_GetArraySize(parents);
        rc = sq_run(d->s, S_ROW, "Iddd" "vvvvv" "d" "vvv" "JN", d->id, seq, idx, side,
                    get(sd, "key"), get(row, "page"), get(one, "code"), get(one, "code_level"),
                    np ? cJSON_GetArrayItem(parents, np - 1) : NULL,
                    cJSON_IsTrue(get(one, "code_padded")), get(one, "name"), get(one, "key"),
                    get(one, "role"), get(rec, "cells"), get(row, "bbox"));
        cJSON_ArrayForEach(c, get(one, "checks")) {
            if (SQ_OK(rc))
                rc = add_check(d, seq, c, &n);
            if (SQ_OK(rc))
                rc = sq_run(d->s, S_CROW, "Idddd", d->id, n, seq, idx, side);
        }
    }
    return rc;
}

static int same(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* NOTES (4). */
static int insert_amount(sq_doc *d, const cJSON *rec)
{
    int seq = (int)num(get(rec, "table"), "seq"), idx = (int)num(rec, "row"), col = 0;
    const cJSON *t = g_hash_table_lookup(d->tables, GINT_TO_POINTER(seq)), *sd = NULL, *c;
    const char *skey = str(rec, "side"), *key = str(rec, "key");
    char name[32];
    cJSON_ArrayForEach(c, get(t, "sides")) {
        snprintf(name, sizeof name, "side%lld", num(c, "side"));
        if (!skey || same(str(c, "key"), skey) || strcmp(name, skey) == 0) {
            sd = c;
            break;
        }
    }
    for (long long i = num(sd, "from"); sd && i <= num(sd, "to") && !col; i++)
        if (same(cJSON_GetStringValue(cJSON_GetArrayItem(get(t, "keys"), (int)i - 1)), key))
            col = (int)i;
    const char *value = str(rec, "value");
    pr_amount a;
    char cs[16], ss[32], ds[16];
    int ok = value && amount_parse(value, &a);
    snprintf(cs, sizeof cs, "%d", col);
    snprintf(ss, sizeof ss, "%lld", ok ? (long long)a.scaled : 0LL);
    snprintf(ds, sizeof ds, "%d", ok ? a.decimals : 0);
    return sq_run(d->s, S_AMT, "Iddd" "vsvv" "vv" "ss" "v", d->id, seq, idx,
                  sd ? (int)num(sd, "side") : 1, get(sd, "key"), col ? cs : NULL,
                  get(rec, "column"), get(rec, "key"), get(rec, "text"), get(rec, "value"),
                  ok ? ss : NULL, ok ? ds : NULL, get(get(rec, "table"), "scale"));
}

/* Inserts the documents row, then every record's rows. */
static int store(sq_sink *s, const sink_doc *in, GPtrArray *recs, const cJSON *last)
{
    sq_doc d = {s, 0, g_hash_table_new(NULL, NULL),
                g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL), 0};
    int rc = insert_document(&d, in, last);
    d.id = sqlite3_last_insert_rowid(s->db);
    if (SQ_OK(rc) && strcmp(str(last, "type"), "error") == 0)
        rc = sq_run(s, S_ERR, "Ivv", d.id, get(last, "code"), get(last, "message"));
    const cJSON *c;
    int n;
    cJSON_ArrayForEach(c, get(last, "cross_checks")) if (SQ_OK(rc))
        rc = add_check(&d, 0, c, &n);
    for (guint i = 0; i < recs->len; i++) {
        const cJSON *r = recs->pdata[i];
        if (strcmp(str(r, "type"), "table") == 0)
            g_hash_table_insert(d.tables, GINT_TO_POINTER((int)num(get(r, "table"), "seq")),
                                (gpointer)r);
    }
    for (guint i = 0; i < recs->len && SQ_OK(rc); i++) {
        const cJSON *r = recs->pdata[i];
        const char *type = str(r, "type");
        if (strcmp(type, "table") == 0)
            rc = insert_table(&d, r);
        else if (strcmp(type, "row") == 0)
            rc = insert_row(&d, r);
        else if (strcmp(type, "amount") == 0)
            rc = insert_amount(&d, r);
    }
    g_hash_table_destroy(d.tables);
    g_hash_table_destroy(d.checks);
    return rc;
}

pr_rc sq_load_document(sq_sink *s, const sink_doc *in, pr_error *err)
{
    GPtrArray *recs = g_ptr_array_new_with_free_func((GDestroyNotify)cJSON_Delete);
    const cJSON *last = NULL;
    pr_rc rc = PR_OK;
    for (const char *p = in->records, *end = p + in->len; p < end && rc == PR_OK;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        if (n) {
            char *q = quote_numbers(p, n);
            cJSON *r = cJSON_Parse(q);
            g_free(q);
            const char *type = str(r, "type");
            if (!type) {
                cJSON_Delete(r);
                rc = pr_fail(err, PR_ERR_INTERNAL, "%s: a record of %s is not JSON",
                             s->path, in->relpath);
                break;
            }
            g_ptr_array_add(recs, r);
            if (strcmp(type, "document") == 0 || strcmp(type, "error") == 0)
                last = r;
        }
        p += n + 1;
    }
    if (rc == PR_OK && !last)
        rc = pr_fail(err, PR_ERR_INTERNAL, "%s: no document or error record for %s",
                     s->path, in->relpath);
    if (rc == PR_OK)
        rc = SQ_OK(store(s, in, recs, last)) ? PR_OK : sq_fail(s, err);
    g_ptr_array_free(recs, TRUE);
    return rc;
}

