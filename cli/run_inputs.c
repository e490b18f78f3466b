/*
 * run_inputs.c — expanding a run's inputs (NOTES in run_inputs.h).
 */
#include "run_inputs.h"

#include <errno.h>
#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct seen_dirs {
    GHashTable *ids;            /* "dev:ino" of every directory read */
} seen_dirs;

static void push(run_inputs *in, const char *path, const char *relpath)
{
    if (in->n == in->cap) {
        in->cap = in->cap ? 2 * in->cap : 64;
        in->v = g_renew(run_input, in->v, in->cap);
    }
    in->v[in->n].path = g_strdup(path);
    in->v[in->n].relpath = g_strdup(relpath);
    in->n++;
}

static int is_pdf_name(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && g_ascii_strcasecmp(name + n - 4, ".pdf") == 0;
}

static int by_bytes(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* (1): first visit of a directory (by device and inode) */
static int first_visit(seen_dirs *seen, const struct stat *st)
{
    char *id = g_strdup_printf("%lu:%lu", (unsigned long)st->st_dev, (unsigned long)st->st_ino);
    if (g_hash_table_contains(seen->ids, id)) {
        g_free(id);
        return 0;
    }
    g_hash_table_add(seen->ids, id);
    return 1;
}

/* (1): the PDFs under dir; rel is dir's path under the argument. */
static void walk_dir(run_inputs *in, seen_dirs *seen, const char *dir, const char *rel)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    if (!d)
        return;
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    for (const char *name; (name = g_dir_read_name(d));)
        if (name[0] != '.')
            g_ptr_array_add(names, g_strdup(name));
    g_dir_close(d);
    qsort(names->pdata, names->len, sizeof(char *), by_bytes);
    for (guint i = 0; i < names->len; i++) {
        const char *name = names->pdata[i];
        char *path = g_build_filename(dir, name, NULL);
        char *relpath = *rel ? g_strconcat(rel, "/", name, NULL) : g_strdup(name);
        struct stat st;
        if (stat(path, &st) == 0) {                 /* follows links */
            if (S_ISDIR(st.st_mode)) {
                if (first_visit(seen, &st))
                    walk_dir(in, seen, path, relpath);
            } else if (S_ISREG(st.st_mode) && is_pdf_name(name)) {
                push(in, path, relpath);
            }
        }
        g_free(path);
        g_free(relpath);
    }
    g_ptr_array_free(names, TRUE);
}

static void add_argument(run_inputs *in, seen_dirs *seen, const char *arg)
{
    struct stat st;
    if (stat(arg, &st) == 0 && S_ISDIR(st.st_mode)) {
        if (first_visit(seen, &st))
            walk_dir(in, seen, arg, "");
        return;
    }
    push(in, arg, arg);                             /* (4) */
}

static pr_rc add_files_from(run_inputs *in, seen_dirs *seen, const char *list, pr_error *err)
{
    FILE *f = strcmp(list, "-") == 0 ? stdin : fopen(list, "r");
    if (!f)
        return pr_fail(err, PR_ERR_USAGE, "cannot read --files-from %s: %s", list,
                       strerror(errno));
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) >= 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (n > 0)
            add_argument(in, seen, line);
    }
    free(line);
    int bad = ferror(f);
    if (f != stdin)
        fclose(f);
    if (bad)
        return pr_fail(err, PR_ERR_USAGE, "cannot read --files-from %s", list);
    return PR_OK;
}

/* (3) */
static int in_shard(const char *relpath, int k, int n)
{
    uint64_t h = 14695981039346656037ull;
    for (const unsigned char *p = (const unsigned char *)relpath; *p; p++)
        h = (h ^ *p) * 1099511628211ull;
    return (int)(h % (uint64_t)n) == k - 1;
}

pr_rc run_inputs_collect(const cli_options *opts, run_inputs *out, pr_error *err)
{
    memset(out, 0, sizeof *out);
    seen_dirs seen = {g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL)};
    pr_rc rc = PR_OK;
    for (int i = 0; i < opts->n_files; i++)
        add_argument(out, &seen, opts->files[i]);
    if (opts->files_from)
        rc = add_files_from(out, &seen, opts->files_from, err);
    g_hash_table_destroy(seen.ids);
    if (rc == PR_OK && opts->shard_n > 0) {
        size_t kept = 0;
        for (size_t i = 0; i < out->n; i++) {
            if (in_shard(out->v[i].relpath, opts->shard_k, opts->shard_n)) {
                out->v[kept++] = out->v[i];
            } else {
                g_free(out->v[i].path);
                g_free(out->v[i].relpath);
            }
        }
        out->n = kept;
    }
    return rc;
}

void run_inputs_free(run_inputs *in)
{
    for (size_t i = 0; i < in->n; i++) {
        g_free(in->v[i].path);
        g_free(in->v[i].relpath);
    }
    g_free(in->v);
    memset(in, 0, sizeof *in);
}
