/*
 * sink_sqlite.h — inside the SQLite sink, private to its two files:
 * sink_sqlite.c (the database: schema, statements, one transaction per
 * document, resume, the run record) and sink_sqlite_rows.c (one
 * document's records turned into rows, exactly). docs/sqlite-schema.md
 * describes the schema.
 *
 * Ownership: sq_sink (sink_sqlite.c's state) owns the connection and the
 * prepared statements; the rows half borrows them for a call.
 */
#ifndef PDFROWS_CLI_SINK_SQLITE_H
#define PDFROWS_CLI_SINK_SQLITE_H

#include "sink.h"

#include <sqlite3.h>

/* The prepared statements (sink_sqlite.c stmt_sql). */
enum {
    S_HAS, S_DEL, S_DOC, S_ERR, S_TABLE, S_COL, S_ROW, S_AMT, S_CHECK, S_CROW, S_RUN,
    S_BEGIN, S_COMMIT, S_ROLLBACK, S_N
};

typedef struct sq_sink {
    char *path;
    sqlite3 *db;
    sqlite3_stmt *st[S_N];
} sq_sink;

#define SQ_OK(rc) ((rc) == SQLITE_DONE || (rc) == SQLITE_ROW)

/* Binds the arguments to statement which by fmt, one letter each: I
 * sqlite3_int64, d int, s string (NULL: NULL), n NULL (no argument);
 * for a const cJSON * (NULL or JSON null: NULL): v a scalar, J the JSON
 * text of an array or object, N an array of numbers as JSON. Steps it
 * once and resets it. Returns the step's code (SQLITE_DONE, SQLITE_ROW or
 * an error: sqlite3_errmsg(s->db) says which). */
int sq_run(sq_sink *s, int which, const char *fmt, ...);

/* PR_ERR_OUTPUT with the path and SQLite's last message. */
pr_rc sq_fail(sq_sink *s, pr_error *err);

/* Inserts the document of in, its records and the documents row, inside
 * the caller's transaction (after it deleted any earlier one of that
 * relpath). PR_ERR_OUTPUT from SQLite; PR_ERR_INTERNAL for a record line
 * that is not JSON, or no document or error record. */
pr_rc sq_load_document(sq_sink *s, const sink_doc *in, pr_error *err);

#endif
