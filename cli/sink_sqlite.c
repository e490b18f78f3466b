/*
 * sink_sqlite.c — the SQLite sink (--format sqlite -o FILE): the schema
 * (docs/sqlite-schema.md; its version in PRAGMA user_version), the
 * prepared statements, one transaction per document, resume (has) and
 * the run record. sink_sqlite_rows.c turns a document's records into
 * rows.
 *
 * Ownership: the sink state (sink_sqlite.h) owns its connection and its
 * prepared statements, made once at open and finalized by free.
 *
 * NOTES
 *   (1) Identity: a document is its relpath; every other table refers to
 *       it by documents.id plus natural keys (table seq, row index, side,
 *       column, check n), so merging shards only remaps documents.id
 *       (cmd_merge.c). run_key is indexed, not unique: identical files at
 *       two relpaths have the same run_key.
 *   (2) Atomic documents: delete the relpath's earlier document (ON DELETE
 *       CASCADE, so PRAGMA foreign_keys=ON) and insert the new one in one
 *       transaction; after a kill only whole documents are left (WAL,
 *       synchronous=NORMAL: a power cut may lose the last ones, never
 *       half of one).
 *   (3) An empty file gets the schema; any other must carry our
 *       application_id and user_version, or open fails. Except one an
 *       upgrade only adds columns to (upgrades[]: their ALTER TABLEs run
 *       in one transaction at open); the columns are NULL in rows written
 *       before.
 *   (4) relpath and input are paths, which may not be UTF-8: they are
 *       stored as records name a file (cli_file_name(): \xHH for a byte
 *       that is not UTF-8 and for a backslash), so every TEXT in the
 *       database is UTF-8 and the real path stays recoverable; resume
 *       looks a relpath up the same way.
 */
#include "sink_sqlite.h"
#include "doc_walk.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

#define SQ_SCHEMA_VERSION 2
#define SQ_APPLICATION_ID 0x70647277 /* "pdrw" */

static const char *const schema_sql =
    "CREATE TABLE documents (id INTEGER PRIMARY KEY, relpath TEXT NOT NULL UNIQUE,"
    " run_key TEXT NOT NULL, input TEXT, file TEXT, sha256 TEXT,"
    " org TEXT, org_key TEXT, year TEXT, kind TEXT, pages INTEGER, pages_read INTEGER,"
    " n_tables INTEGER, n_rows INTEGER, family_set TEXT, families_found TEXT,"
    " families_missing TEXT, n_checks INTEGER, n_ok INTEGER, n_rounded INTEGER,"
    " n_failed INTEGER, rows_checked INTEGER, rows_unchecked INTEGER,"
    " n_unplaced INTEGER, poppler_problems INTEGER, status TEXT NOT NULL, error TEXT);\n"
    "CREATE INDEX documents_run_key ON documents(run_key);\n"
    "CREATE TABLE tables (doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
    " seq INTEGER NOT NULL, label TEXT, title TEXT, family TEXT, org TEXT, unit TEXT,"
    " scale INTEGER, pages TEXT, first_page INTEGER, n_rows INTEGER, form INTEGER,"
    " ruled INTEGER, n_sides INTEGER, header_rows TEXT, notes TEXT, n_checks INTEGER,"
    " n_ok INTEGER, n_rounded INTEGER, n_failed INTEGER, rows_checked INTEGER,"
    " rows_unchecked INTEGER, found_by TEXT, confidence REAL,"
    " PRIMARY KEY (doc, seq)) WITHOUT ROWID;\n"
    "CREATE TABLE columns (doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
    " table_seq INTEGER NOT NULL, col INTEGER NOT NULL, path TEXT, key TEXT,"
    " side INTEGER, side_key TEXT, PRIMARY KEY (doc, table_seq, col)) WITHOUT ROWID;\n"
    "CREATE TABLE rows (doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
    " table_seq INTEGER NOT NULL, row_index INTEGER NOT NULL, side INTEGER NOT NULL,"
    " side_key TEXT, page INTEGER, code TEXT, code_level INTEGER, parent_code TEXT,"
    " code_padded INTEGER, name TEXT, key TEXT, role TEXT, cells TEXT, bbox TEXT,"
    " PRIMARY KEY (doc, table_seq, row_index, side)) WITHOUT ROWID;\n"
    "CREATE INDEX rows_code ON rows(code);\n"
    "CREATE TABLE amounts (doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
    " table_seq INTEGER NOT NULL, row_index INTEGER NOT NULL, side INTEGER NOT NULL,"
    " side_key TEXT, col INTEGER, path TEXT, key TEXT, text TEXT, value TEXT,"
    " scaled INTEGER, decimals INTEGER, scale INTEGER);\n"
    "CREATE INDEX amounts_row ON amounts(doc, table_seq, row_index, side);\n"
    "CREATE INDEX amounts_key ON amounts(key);\n"
    "CREATE TABLE checks (doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
    " n INTEGER NOT NULL, table_seq INTEGER, rule TEXT, path TEXT, status TEXT,"
    " expected TEXT, found TEXT, page INTEGER, row_label TEXT,"
    " PRIMARY KEY (doc, n)) WITHOUT ROWID;\n"
    "CREATE INDEX checks_status ON checks(status);\n"
    "CREATE TABLE check_rows (doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
    " check_n INTEGER NOT NULL, table_seq INTEGER NOT NULL, row_index INTEGER NOT NULL,"
    " side INTEGER NOT NULL, PRIMARY KEY (doc, check_n, table_seq, row_index, side))"
    " WITHOUT ROWID;\n"
    "CREATE TABLE errors (doc INTEGER NOT NULL PRIMARY KEY REFERENCES documents(id)"
    " ON DELETE CASCADE, code TEXT NOT NULL, message TEXT);\n"
    "CREATE TABLE runs (id INTEGER PRIMARY KEY, version TEXT, started TEXT, seconds REAL,"
    " shard TEXT, n_documents INTEGER, n_read INTEGER, n_already_done INTEGER,"
    " n_failed INTEGER, checks_failed INTEGER, json TEXT NOT NULL);\n"
    "CREATE VIEW amounts_yuan AS SELECT d.relpath, d.org_key, d.year, d.kind, a.table_seq,"
    " t.family, a.row_index, a.side, r.code, r.name, r.role, a.key, a.path, a.value,"
    " a.decimals, a.scale, a.ys AS yuan_scaled,"
    " CASE WHEN a.decimals = 0 THEN CAST(a.ys AS TEXT)"
    " ELSE (CASE WHEN a.ys < 0 THEN '-' ELSE '' END) || (abs(a.ys) / a.yp) || '.'"
    " || substr('000000' || (abs(a.ys) % a.yp), -a.decimals) END AS yuan,"
    " CAST(a.scaled AS REAL) * a.scale / a.yp AS yuan_inexact"
    " FROM (SELECT *, CASE WHEN typeof(scaled * scale) = 'integer' THEN scaled * scale"
    " END AS ys, CASE decimals WHEN 0 THEN 1 WHEN 1 THEN 10 WHEN 2 THEN 100"
    " WHEN 3 THEN 1000 WHEN 4 THEN 10000 WHEN 5 THEN 100000 ELSE 1000000 END AS yp"
    " FROM amounts WHERE scaled IS NOT NULL AND scale IS NOT NULL) a"
    " JOIN documents d ON d.id = a.doc"
    " JOIN tables t ON t.doc = a.doc AND t.seq = a.table_seq"
    " LEFT JOIN rows r ON r.doc = a.doc AND r.table_seq = a.table_seq"
    " AND r.row_index = a.row_index AND r.side = a.side;\n";


/* (3) upgrades[v - 1] turns schema version v into v + 1, by adding
 * columns only. */
static const char *const upgrades[SQ_SCHEMA_VERSION - 1] = {
    "ALTER TABLE tables ADD COLUMN found_by TEXT;"
    " ALTER TABLE tables ADD COLUMN confidence REAL;",
};

/* "=T": INSERT INTO T VALUES (one ? per column of T, in CREATE order: the
 * bind formats below follow it); "+T": the same, OR IGNORE. */
static const char *const stmt_sql[S_N] = {
    "SELECT 1 FROM documents WHERE relpath = ?1 AND run_key = ?2",
    "DELETE FROM documents WHERE relpath = ?1",
    "=documents", "=errors", "=tables", "=columns", "=rows", "=amounts", "=checks",
    "+check_rows",
    "INSERT INTO runs (version, started, seconds, shard, n_documents, n_read,"
    " n_already_done, n_failed, checks_failed, json) SELECT json_extract(j, '$.version'),"
    " json_extract(j, '$.started'), json_extract(j, '$.seconds'),"
    " json_extract(j, '$.shard'), json_extract(j, '$.documents'),"
    " json_extract(j, '$.read'), json_extract(j, '$.already_done'),"
    " (SELECT sum(value) FROM json_each(j, '$.failed')),"
    " json_extract(j, '$.checks_failed'), ?1"
    " FROM (SELECT CASE WHEN json_valid(?1) THEN ?1 ELSE '{}' END AS j)",
    "BEGIN IMMEDIATE", "COMMIT", "ROLLBACK",
};

pr_rc sq_fail(sq_sink *s, pr_error *err)
{
    return pr_fail(err, PR_ERR_OUTPUT, "%s: %s", s->path, sqlite3_errmsg(s->db));
}

/* NOTES (2). */
static pr_rc sq_document(void *state, const sink_doc *raw, pr_error *err)
{
    sq_sink *s = state;
    sink_doc named = *raw;                                          /* (4) */
    char *relpath = cli_file_name(raw->relpath), *input = cli_file_name(raw->input);
    named.relpath = relpath;
    named.input = input;
    const sink_doc *in = &named;
    int rc = sq_run(s, S_BEGIN, "");
    if (SQ_OK(rc))
        rc = sq_run(s, S_DEL, "s", in->relpath);
    pr_rc out = SQ_OK(rc) ? sq_load_document(s, in, err) : sq_fail(s, err);
    if (out == PR_OK && !SQ_OK(sq_run(s, S_COMMIT, "")))
        out = sq_fail(s, err);
    if (out != PR_OK)
        sq_run(s, S_ROLLBACK, "");
    g_free(relpath);
    g_free(input);
    return out;
}

static int sq_has(void *state, const char *relpath, const char *run_key)
{
    char *named = cli_file_name(relpath);                           /* (4) */
    int has = sq_run(state, S_HAS, "ss", named, run_key) == SQLITE_ROW;
    g_free(named);
    return has;
}

static pr_rc sq_finish(void *state, const char *run_json, pr_error *err)
{
    sq_sink *s = state;
    return SQ_OK(sq_run(s, S_RUN, "s", run_json)) ? PR_OK : sq_fail(s, err);
}

static void sq_free(void *state)
{
    sq_sink *s = state;
    for (int i = 0; i < S_N; i++)
        sqlite3_finalize(s->st[i]);
    sqlite3_close_v2(s->db);
    g_free(s->path);
    g_free(s);
}

static const cli_sink_ops sq_ops = {sq_has, sq_document, sq_finish, sq_free};

/* The first column of the first row of sql, or -1. */
static int query_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    int v = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* Settings, then the schema: created in an empty file, checked in any
 * other. */
static pr_rc open_schema(sq_sink *s, pr_error *err)
{
    sqlite3_busy_timeout(s->db, 10000);
    if (sqlite3_exec(s->db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                            " PRAGMA foreign_keys=ON", NULL, NULL, NULL) != SQLITE_OK)
        return sq_fail(s, err);
    int n = query_int(s->db, "SELECT count(*) FROM sqlite_master");
    int version = query_int(s->db, "PRAGMA user_version");
    if (n < 0 || version < 0)
        return sq_fail(s, err);
    if (n == 0) {
        char *sql = g_strdup_printf("BEGIN IMMEDIATE; %s PRAGMA user_version=%d;"
                                    " PRAGMA application_id=%d; COMMIT",
                                    schema_sql, SQ_SCHEMA_VERSION, SQ_APPLICATION_ID);
        int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
        g_free(sql);
        return rc == SQLITE_OK ? PR_OK : sq_fail(s, err);
    }
    if (query_int(s->db, "PRAGMA application_id") != SQ_APPLICATION_ID)
        return pr_fail(err, PR_ERR_OUTPUT, "%s: not a pdfrows database", s->path);
    for (; version >= 1 && version < SQ_SCHEMA_VERSION; version++) {         /* (3) */
        char *sql = g_strdup_printf("BEGIN IMMEDIATE; %s PRAGMA user_version=%d; COMMIT",
                                    upgrades[version - 1], version + 1);
        int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
        g_free(sql);
        if (rc != SQLITE_OK) {
            sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
            return sq_fail(s, err);
        }
    }
    if (version != SQ_SCHEMA_VERSION)
        return pr_fail(err, PR_ERR_OUTPUT,
                       "%s: a pdfrows database of schema version %d; this pdfrows "
                       "writes version %d", s->path, version, SQ_SCHEMA_VERSION);
    return PR_OK;
}

pr_rc sink_sqlite_open(const char *path, cli_sink *sink, pr_error *err)
{
    sq_sink *s = g_new0(sq_sink, 1);
    s->path = g_strdup(path);
    pr_rc rc = PR_OK;
    if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
        SQLITE_OK)
        rc = sq_fail(s, err);
    else
        rc = open_schema(s, err);
    for (int i = 0; i < S_N && rc == PR_OK; i++) {
        const char *sql = stmt_sql[i];
        GString *ins = NULL;
        if (*sql == '=' || *sql == '+') {
            char *q = g_strdup_printf("SELECT count(*) FROM pragma_table_info('%s')", sql + 1);
            int n = query_int(s->db, q);
            g_free(q);
            ins = g_string_new(NULL);
            g_string_printf(ins, "INSERT%s INTO %s VALUES (?", *sql == '+' ? " OR IGNORE" : "",
                            sql + 1);
            for (int k = 1; k < n; k++)
                g_string_append(ins, ", ?");
            g_string_append_c(ins, ')');
            sql = ins->str;
        }
        if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s->st[i], NULL) !=
            SQLITE_OK)
            rc = sq_fail(s, err);
        if (ins)
            g_string_free(ins, TRUE);
    }
    if (rc != PR_OK) {
        sq_free(s);
        return rc;
    }
    sink->ops = &sq_ops;
    sink->state = s;
    return PR_OK;
}
