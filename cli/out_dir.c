/*
 * out_dir.c — complete files only, and done marks, in a run's output
 * directory (NOTES in out_dir.h); and the directory sink for stream
 * formats (-o DIR with jsonl, tables, long, long-csv): one file per input.
 */
#include "out_dir.h"
#include "sink.h"

#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* (1): write to a temporary beside the target, then rename. */
static pr_rc write_atomic(const char *path, const char *data, size_t len, pr_error *err)
{
    char *parent = g_path_get_dirname(path);
    int made = g_mkdir_with_parents(parent, 0777);
    g_free(parent);
    if (made != 0)
        return pr_fail(err, PR_ERR_OUTPUT, "cannot create the directory of %s: %s", path,
                       strerror(errno));
    char *base = g_path_get_basename(path), *dir = g_path_get_dirname(path);
    char *tmp = g_strdup_printf("%s/.%s.tmp", dir, base);
    g_free(base);
    g_free(dir);
    FILE *f = fopen(tmp, "wb");
    pr_rc rc = PR_OK;
    if (!f) {
        rc = pr_fail(err, PR_ERR_OUTPUT, "cannot write %s: %s", tmp, strerror(errno));
    } else {
        int bad = len && fwrite(data, 1, len, f) != len;
        bad |= fflush(f) != 0 || fsync(fileno(f)) != 0;
        bad |= fclose(f) != 0;
        if (bad || rename(tmp, path) != 0) {
            rc = pr_fail(err, PR_ERR_OUTPUT, "cannot write %s: %s", path, strerror(errno));
            unlink(tmp);
        }
    }
    g_free(tmp);
    return rc;
}

pr_rc out_dir_write(const char *dir, const char *relname, const char *data, size_t len,
                    pr_error *err)
{
    char *path = g_build_filename(dir, relname, NULL);
    pr_rc rc = write_atomic(path, data, len, err);
    g_free(path);
    return rc;
}

pr_rc out_dir_write_run(const char *dir, const char *run_json, pr_error *err)
{
    char *line = g_strdup_printf("%s\n", run_json);
    pr_rc rc = out_dir_write(dir, "pdfrows-run.json", line, strlen(line), err);
    g_free(line);
    return rc;
}

pr_rc out_dir_mark_done(const char *dir, const char *relname, const char *run_key,
                        pr_error *err)
{
    char *path = g_build_filename(dir, ".pdfrows", "done", relname, NULL);
    pr_rc rc = write_atomic(path, run_key, strlen(run_key), err);
    g_free(path);
    return rc;
}

int out_dir_is_done(const char *dir, const char *relname, const char *run_key)
{
    char *out = g_build_filename(dir, relname, NULL);
    char *mark = g_build_filename(dir, ".pdfrows", "done", relname, NULL);
    gchar *key = NULL;
    gsize len = 0;
    int done = g_file_test(out, G_FILE_TEST_EXISTS) &&
               g_file_get_contents(mark, &key, &len, NULL) &&
               len == strlen(run_key) && memcmp(key, run_key, len) == 0;
    g_free(key);
    g_free(out);
    g_free(mark);
    return done;
}

char *out_dir_name(const char *relpath, const char *ext)
{
    size_t n = strlen(relpath);
    if (n > 4 && g_ascii_strcasecmp(relpath + n - 4, ".pdf") == 0)
        n -= 4;
    /* an absolute or ../ path must not leave the directory */
    while (n && (*relpath == '/' || strncmp(relpath, "../", 3) == 0)) {
        size_t skip = *relpath == '/' ? 1 : 3;
        relpath += skip;
        n -= skip;
    }
    return g_strdup_printf("%.*s%s", (int)n, relpath, ext);
}

/* --- the directory sink -------------------------------------------------- */

typedef struct dir_sink {
    char *dir, *ext;
} dir_sink;

static int dir_has(void *state, const char *relpath, const char *run_key)
{
    dir_sink *s = state;
    char *name = out_dir_name(relpath, s->ext);
    int done = out_dir_is_done(s->dir, name, run_key);
    g_free(name);
    return done;
}

static pr_rc dir_document(void *state, const sink_doc *doc, pr_error *err)
{
    dir_sink *s = state;
    char *name = out_dir_name(doc->relpath, s->ext);
    pr_rc rc = out_dir_write(s->dir, name, doc->records, doc->len, err);
    if (rc == PR_OK)
        rc = out_dir_mark_done(s->dir, name, doc->run_key, err);
    g_free(name);
    return rc;
}

static pr_rc dir_finish(void *state, const char *run_json, pr_error *err)
{
    return out_dir_write_run(((dir_sink *)state)->dir, run_json, err);
}

static void dir_free(void *state)
{
    dir_sink *s = state;
    g_free(s->dir);
    g_free(s->ext);
    g_free(s);
}

static const cli_sink_ops dir_ops = {dir_has, dir_document, dir_finish, dir_free};

pr_rc sink_dir_open(const char *dir, const char *ext, cli_sink *sink, pr_error *err)
{
    if (g_mkdir_with_parents(dir, 0777) != 0 || !g_file_test(dir, G_FILE_TEST_IS_DIR))
        return pr_fail(err, PR_ERR_OUTPUT, "cannot create the output directory %s: %s", dir,
                       strerror(errno));
    dir_sink *s = g_new0(dir_sink, 1);
    s->dir = g_strdup(dir);
    s->ext = g_strdup(ext);
    sink->ops = &dir_ops;
    sink->state = s;
    return PR_OK;
}

pr_rc cli_sink_close(cli_sink *sink, const char *run_json, pr_error *err)
{
    pr_rc rc = PR_OK;
    if (sink->ops) {
        if (run_json && sink->ops->finish)
            rc = sink->ops->finish(sink->state, run_json, err);
        sink->ops->free(sink->state);
    }
    sink->ops = NULL;
    sink->state = NULL;
    return rc;
}
