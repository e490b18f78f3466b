/*
 * sink_csv_dir.c — the CSV directory sink (sink.h): --format csv -o DIR
 * writes one CSV file per table of each document's --format tables
 * records (docs/tables-output.md shows the layout).
 *
 * Ownership: the state (the directory's name) belongs to the cli_sink and
 * is released by free(); documents are written out before document()
 * returns, nothing of them is kept.
 *
 * NOTES
 *   (1) The outputs of input "a/b.pdf" are DIR/a/b/NN-FAMILY.csv and
 *       DIR/a/b/document.json (the document record, or the error record).
 *       document.json goes last and carries the done mark, so after a
 *       kill -9 a document is either done with all its files or redone.
 *       A redo first removes document.json, then the old NN-*.csv files
 *       (the table count may have shrunk), then writes.
 *   (2) Files load with any reader: one header line of unique names,
 *       every row as many fields as the header, RFC 4180 quoting, LF line
 *       ends (as --format csv on a stream), UTF-8 with an optional BOM.
 */
#include "out_dir.h"
#include "sink.h"
#include "sink_records.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

/* --- CSV directory ------------------------------------------------------- */

typedef struct csv_sink {
    char *dir;
    int bom;
} csv_sink;

/* (1): the output directory of an input, relative to DIR ("a/b"). */
static char *doc_dir(const char *relpath)
{
    char *name = out_dir_name(relpath, "");
    if (!*name) {
        g_free(name);
        name = g_strdup("_");
    }
    return name;
}

static char *mark_name(const char *relpath)
{
    char *d = doc_dir(relpath), *name = g_strdup_printf("%s/document.json", d);
    g_free(d);
    return name;
}

static void csv_field(GString *out, const char *s, int only_field)
{
    /* an empty only field is quoted: a blank line would be skipped */
    if (!strpbrk(s, ",\"\r\n") && (*s || !only_field)) {
        g_string_append(out, s);
        return;
    }
    g_string_append_c(out, '"');
    for (; *s; s++) {
        if (*s == '"')
            g_string_append_c(out, '"');
        g_string_append_c(out, *s);
    }
    g_string_append_c(out, '"');
}

/* (2): the header line: column paths, colN for an empty one, #2, #3 ...
 * after a name already used. */
static void csv_header(GString *out, const cJSON *table, int width)
{
    int n;
    const char **cols = sink_rec_strings(sink_rec_get(table, "columns"), width, &n);
    GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (int i = 0; i < width; i++) {
        char *base = *cols[i] ? g_strdup(cols[i]) : g_strdup_printf("col%d", i + 1);
        char *name = g_strdup(base);
        for (int k = 2; g_hash_table_contains(seen, name); k++) {
            g_free(name);
            name = g_strdup_printf("%s#%d", base, k);
        }
        if (i)
            g_string_append_c(out, ',');
        csv_field(out, name, width == 1);
        g_hash_table_add(seen, name);
        g_free(base);
    }
    g_string_append_c(out, '\n');
    g_hash_table_destroy(seen);
    g_free(cols);
}

static char *csv_table(const cJSON *table, int bom, size_t *len)
{
    GString *out = g_string_new(bom ? "\xEF\xBB\xBF" : "");
    int width = sink_rec_width(table);
    csv_header(out, table, width);
    const cJSON *row;
    cJSON_ArrayForEach(row, sink_rec_get(table, "body")) {
        int n;
        const char **cells = sink_rec_strings(row, width, &n);
        for (int i = 0; i < width; i++) {
            if (i)
                g_string_append_c(out, ',');
            csv_field(out, cells[i], width == 1);
        }
        g_string_append_c(out, '\n');
        g_free(cells);
    }
    *len = out->len;
    return g_string_free(out, FALSE);
}

/* NN-*.csv: a table file of an earlier run. */
static int is_table_file(const char *name)
{
    size_t digits = strspn(name, "0123456789");
    return digits >= 2 && name[digits] == '-' && g_str_has_suffix(name, ".csv");
}

/* (1): removes document.json, then the table files, of an earlier run. */
static pr_rc csv_remove_old(const char *dir, const char *ddir, pr_error *err)
{
    char *path = g_build_filename(dir, ddir, NULL);
    char *mark = g_build_filename(path, "document.json", NULL);
    GPtrArray *old = g_ptr_array_new_with_free_func(g_free);
    g_ptr_array_add(old, mark);
    GDir *d = g_dir_open(path, 0, NULL);
    for (const char *name; d && (name = g_dir_read_name(d));)
        if (is_table_file(name)) {
            char *file = g_build_filename(path, name, NULL);
            if (g_file_test(file, G_FILE_TEST_IS_REGULAR))
                g_ptr_array_add(old, file);
            else
                g_free(file);
        }
    if (d)
        g_dir_close(d);
    pr_rc rc = PR_OK;
    for (guint i = 0; i < old->len && rc == PR_OK; i++)
        if (g_unlink(old->pdata[i]) != 0 && errno != ENOENT)
            rc = pr_fail(err, PR_ERR_OUTPUT, "cannot remove %s: %s", (char *)old->pdata[i],
                         strerror(errno));
    g_ptr_array_unref(old);
    g_free(path);
    return rc;
}

static int csv_has(void *state, const char *relpath, const char *run_key)
{
    csv_sink *s = state;
    char *mark = mark_name(relpath);
    int done = out_dir_is_done(s->dir, mark, run_key);
    g_free(mark);
    return done;
}

/* The length of the last line of text (with its newline), which in a
 * document's records is the document or error record. */
static size_t last_line(const char *text, size_t len)
{
    size_t start = len && text[len - 1] == '\n' ? len - 1 : len;
    while (start && text[start - 1] != '\n')
        start--;
    return len - start;
}

static pr_rc csv_document(void *state, const sink_doc *doc, pr_error *err)
{
    csv_sink *s = state;
    GPtrArray *recs = sink_records_parse(doc->records, err);
    if (!recs)
        return PR_ERR_INTERNAL;
    char *ddir = doc_dir(doc->relpath), *mark = mark_name(doc->relpath);
    pr_rc rc = csv_remove_old(s->dir, ddir, err);
    for (guint i = 0; i < recs->len && rc == PR_OK; i++) {
        const cJSON *r = recs->pdata[i];
        if (!sink_rec_is(r, "table"))
            continue;
        int seq = (int)cJSON_GetNumberValue(sink_rec_get(sink_rec_get(r, "table"), "seq"));
        char *fam = g_strdup(sink_rec_family(r));
        g_strcanon(fam, G_CSET_A_2_Z G_CSET_a_2_z G_CSET_DIGITS "_-", '_');
        char *name = g_strdup_printf("%s/%02d-%s.csv", ddir, seq, fam);
        size_t len;
        char *csv = csv_table(r, s->bom, &len);
        rc = out_dir_write(s->dir, name, csv, len, err);
        g_free(csv);
        g_free(name);
        g_free(fam);
    }
    if (rc == PR_OK) {
        size_t len = last_line(doc->records, doc->len);
        rc = out_dir_write(s->dir, mark, doc->records + doc->len - len, len, err);
    }
    if (rc == PR_OK)
        rc = out_dir_mark_done(s->dir, mark, doc->run_key, err);
    g_free(ddir);
    g_free(mark);
    g_ptr_array_unref(recs);
    return rc;
}

static pr_rc csv_finish(void *state, const char *run_json, pr_error *err)
{
    return out_dir_write_run(((csv_sink *)state)->dir, run_json, err);
}

static void csv_free(void *state)
{
    csv_sink *s = state;
    g_free(s->dir);
    g_free(s);
}

static const cli_sink_ops csv_ops = {csv_has, csv_document, csv_finish, csv_free};

pr_rc sink_csv_dir_open(const char *dir, int bom, cli_sink *sink, pr_error *err)
{
    if (g_mkdir_with_parents(dir, 0777) != 0 || !g_file_test(dir, G_FILE_TEST_IS_DIR))
        return pr_fail(err, PR_ERR_OUTPUT, "cannot create the output directory %s: %s", dir,
                       strerror(errno));
    csv_sink *s = g_new0(csv_sink, 1);
    s->dir = g_strdup(dir);
    s->bom = bom;
    sink->ops = &csv_ops;
    sink->state = s;
    return PR_OK;
}
