/*
 * cmd_merge.c — `pdfrows merge OUT.db SHARD.db...`: copies the documents
 * of databases written by the SQLite sink (sink_sqlite.c,
 * docs/sqlite-schema.md) into one, e.g. the shards of a run split over
 * machines.
 *
 * Ownership: one connection to OUT, owned here; each shard is ATTACHed to
 * it as "shard" for its copy and detached after.
 *
 * NOTES
 *   (1) OUT is created (or checked) by sink_sqlite_open(), so it has the
 *       sink's schema; every shard must carry OUT's application_id and
 *       user_version (schema version), or nothing is copied: all shards
 *       are checked before the first copy.
 *   (2) Only documents.id is a surrogate key (sink_sqlite.c NOTES (1)):
 *       a document is copied by inserting its documents row (new id) and
 *       then, per child table, its rows with doc replaced. Column lists
 *       come from OUT's schema, which (1) makes the shard's.
 *   (3) Which documents: in shard order, then in each shard's id order. A
 *       document whose relpath OUT holds with the same run_key is
 *       skipped; with another run_key it is replaced (the later shard
 *       wins, as a re-run replaces in the sink). So merging the same
 *       shards again in the same order changes nothing, and the shards of
 *       one run merge to that run's content, ids aside (tests/sqlite-check
 *       dump). A shard's runs rows are copied unless
 *       OUT has one with the same json.
 *   (4) One transaction per shard.
 */
#include "commands.h"
#include "exit_codes.h"
#include "sink.h"

#include <glib.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static const char *const child_tables[] = {
    "errors", "tables", "columns", "rows", "amounts", "checks", "check_rows",
};
#define N_CHILD (sizeof child_tables / sizeof child_tables[0])

typedef struct merge {
    const char *out;
    sqlite3 *db;
    int app, version;           /* OUT's application_id and user_version */
} merge;

/* Prints "pdfrows: error: WHAT: message" (what may be NULL) and returns
 * status. */
static int failed(int status, const char *what, const char *msg)
{
    fprintf(stderr, "pdfrows: error: %s%s%s\n", what ? what : "", what ? ": " : "", msg);
    return status;
}

static int query_int(sqlite3 *db, const char *sql, int *v)
{
    sqlite3_stmt *st = NULL;
    int ok = sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
             sqlite3_step(st) == SQLITE_ROW;
    if (ok)
        *v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return ok;
}

static int attach(merge *m, const char *shard)
{
    sqlite3_stmt *st = NULL;
    int ok = sqlite3_prepare_v2(m->db, "ATTACH ?1 AS shard", -1, &st, NULL) == SQLITE_OK &&
             sqlite3_bind_text(st, 1, shard, -1, SQLITE_STATIC) == SQLITE_OK &&
             sqlite3_step(st) == SQLITE_DONE;
    sqlite3_finalize(st);
    return ok;
}

static void detach(merge *m)
{
    sqlite3_exec(m->db, "DETACH shard", NULL, NULL, NULL);
}

/* NOTES (1): whether shard can be merged; says why not on stderr. */
static int check_shard(merge *m, const char *shard)
{
    struct stat a, b;
    if (stat(shard, &a) != 0 || !S_ISREG(a.st_mode))
        return failed(PR_EXIT_INPUT, shard, "no such file");
    if (stat(m->out, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino)
        return failed(PR_EXIT_INPUT, shard, "is the output database");
    if (!attach(m, shard))
        return failed(PR_EXIT_INPUT, shard, sqlite3_errmsg(m->db));
    int app = -1, version = -1, status = PR_EXIT_OK;
    if (!query_int(m->db, "PRAGMA shard.application_id", &app) || app != m->app) {
        status = failed(PR_EXIT_INPUT, shard, "not a pdfrows database");
    } else if (!query_int(m->db, "PRAGMA shard.user_version", &version) ||
               version != m->version) {
        char msg[128];
        snprintf(msg, sizeof msg, "schema version %d; %s has version %d", version, m->out,
                 m->version);
        status = failed(PR_EXIT_INPUT, shard, msg);
    }
    detach(m);
    return status;
}

/* "a", "b", ... of OUT's table, without the column skip. */
static char *column_list(merge *m, const char *table, const char *skip)
{
    sqlite3_stmt *st = NULL;
    GString *s = g_string_new(NULL);
    if (sqlite3_prepare_v2(m->db, "SELECT name FROM pragma_table_info(?1) ORDER BY cid", -1,
                           &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
        while (sqlite3_step(st) == SQLITE_ROW) {
            const char *c = (const char *)sqlite3_column_text(st, 0);
            if (strcmp(c, skip) != 0)
                g_string_append_printf(s, "%s\"%s\"", s->len ? ", " : "", c);
        }
    }
    sqlite3_finalize(st);
    return g_string_free(s, FALSE);
}

static int prepare(merge *m, sqlite3_stmt **st, char *sql)
{
    int ok = sqlite3_prepare_v2(m->db, sql, -1, st, NULL) == SQLITE_OK;
    g_free(sql);
    return ok;
}

/* Steps st (its parameters bound) once and resets it; 1 on success. */
static int step(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW;
}

enum { M_LIST, M_FIND, M_DEL, M_DOC, M_RUNS, M_CHILD };

/* Copies the attached shard's documents (NOTES (2), (3)) in the open
 * transaction. Returns 1, or 0 with the error in the connection. */
static int copy_documents(merge *m, sqlite3_stmt **st)
{
    char *cols = column_list(m, "documents", "id");
    int ok = prepare(m, &st[M_LIST], g_strdup("SELECT id, relpath, run_key FROM"
                                              " shard.documents ORDER BY id")) &&
             prepare(m, &st[M_FIND], g_strdup("SELECT run_key FROM main.documents"
                                              " WHERE relpath = ?1")) &&
             prepare(m, &st[M_DEL], g_strdup("DELETE FROM main.documents"
                                             " WHERE relpath = ?1")) &&
             prepare(m, &st[M_DOC], g_strdup_printf("INSERT INTO main.documents (%s)"
                                                    " SELECT %s FROM shard.documents"
                                                    " WHERE id = ?1", cols, cols));
    g_free(cols);
    cols = column_list(m, "runs", "id");
    ok = ok && prepare(m, &st[M_RUNS], g_strdup_printf(
                           "INSERT INTO main.runs (%s) SELECT %s FROM shard.runs s"
                           " WHERE NOT EXISTS (SELECT 1 FROM main.runs r WHERE r.json ="
                           " s.json) ORDER BY s.id", cols, cols));
    g_free(cols);
    for (size_t k = 0; k < N_CHILD && ok; k++) {
        cols = column_list(m, child_tables[k], "doc");
        ok = prepare(m, &st[M_CHILD + k], g_strdup_printf(
                         "INSERT INTO main.\"%s\" (doc, %s) SELECT ?1, %s FROM shard.\"%s\""
                         " WHERE doc = ?2", child_tables[k], cols, cols, child_tables[k]));
        g_free(cols);
    }
    int rc;
    while (ok && (rc = sqlite3_step(st[M_LIST])) == SQLITE_ROW) {
        sqlite3_int64 old = sqlite3_column_int64(st[M_LIST], 0);
        const char *relpath = (const char *)sqlite3_column_text(st[M_LIST], 1);
        const char *run_key = (const char *)sqlite3_column_text(st[M_LIST], 2);
        sqlite3_bind_text(st[M_FIND], 1, relpath, -1, SQLITE_TRANSIENT);
        int present = sqlite3_step(st[M_FIND]) == SQLITE_ROW &&
                      strcmp((const char *)sqlite3_column_text(st[M_FIND], 0), run_key) == 0;
        sqlite3_reset(st[M_FIND]);
        if (present)
            continue;
        sqlite3_bind_text(st[M_DEL], 1, relpath, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st[M_DOC], 1, old);
        ok = step(st[M_DEL]) && step(st[M_DOC]);
        sqlite3_int64 id = sqlite3_last_insert_rowid(m->db);
        for (size_t k = 0; k < N_CHILD && ok; k++) {
            sqlite3_bind_int64(st[M_CHILD + k], 1, id);
            sqlite3_bind_int64(st[M_CHILD + k], 2, old);
            ok = step(st[M_CHILD + k]);
        }
    }
    if (ok && rc != SQLITE_DONE)
        ok = 0;
    return ok && step(st[M_RUNS]);
}

/* NOTES (4). Returns an exit status. */
static int merge_shard(merge *m, const char *shard)
{
    if (!attach(m, shard))
        return failed(PR_EXIT_INPUT, shard, sqlite3_errmsg(m->db));
    sqlite3_stmt *st[M_CHILD + N_CHILD] = {0};
    int ok = sqlite3_exec(m->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK &&
             copy_documents(m, st);
    char *msg = ok ? NULL : g_strdup(sqlite3_errmsg(m->db));
    for (size_t i = 0; i < M_CHILD + N_CHILD; i++)
        sqlite3_finalize(st[i]);
    if (ok && sqlite3_exec(m->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        msg = g_strdup(sqlite3_errmsg(m->db));
    if (msg)
        sqlite3_exec(m->db, "ROLLBACK", NULL, NULL, NULL);
    detach(m);
    int status = msg ? failed(PR_EXIT_OUTPUT, m->out, msg) : PR_EXIT_OK;
    g_free(msg);
    return status;
}

int cli_run_merge(const char *out_db, char **shards, int n_shards)
{
    if (n_shards < 1)
        return failed(PR_EXIT_USAGE, NULL, "merge needs OUT.db and at least one SHARD.db");
    cli_sink sink = {0};
    pr_error err = {0};
    if (sink_sqlite_open(out_db, &sink, &err) != PR_OK)
        return failed(pr_rc_exit(err.rc), NULL, err.message);
    cli_sink_close(&sink, NULL, &err);
    merge m = {out_db, NULL, 0, 0};
    int status = PR_EXIT_OK;
    if (sqlite3_open_v2(out_db, &m.db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
        sqlite3_busy_timeout(m.db, 10000) != SQLITE_OK ||
        sqlite3_exec(m.db, "PRAGMA foreign_keys=ON", NULL, NULL, NULL) != SQLITE_OK ||
        !query_int(m.db, "PRAGMA main.application_id", &m.app) ||
        !query_int(m.db, "PRAGMA main.user_version", &m.version))
        status = failed(PR_EXIT_OUTPUT, out_db, sqlite3_errmsg(m.db));
    for (int i = 0; i < n_shards && status == PR_EXIT_OK; i++)
        status = check_shard(&m, shards[i]);
    for (int i = 0; i < n_shards && status == PR_EXIT_OK; i++)
        status = merge_shard(&m, shards[i]);
    sqlite3_close_v2(m.db);
    return status;
}
