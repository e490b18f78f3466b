/*
 * sink_records.h — reading the --format tables records a worker hands to
 * the table sinks (sink_csv_dir.c, sink_xlsx.c): parsed with cJSON, looked
 * at with a few accessors that never fail (a missing string is "").
 *
 * Ownership: sink_records_parse returns an owned array
 * (g_ptr_array_unref); sink_rec_strings an owned array of borrowed
 * strings (g_free); everything else is borrowed from the record.
 */
#ifndef PDFROWS_CLI_SINK_RECORDS_H
#define PDFROWS_CLI_SINK_RECORDS_H

#include "pdfrows.h"

#include <cjson/cJSON.h>
#include <glib.h>

/* The document's records, parsed, in order (NULL and err if one is not a
 * JSON object, or a table record has no body: not --format tables). */
GPtrArray *sink_records_parse(const char *records, pr_error *err);

const cJSON *sink_rec_get(const cJSON *obj, const char *key);

/* The string at key, "" if absent or not a string. */
const char *sink_rec_str(const cJSON *obj, const char *key);

/* Whether the record's "type" is type. */
int sink_rec_is(const cJSON *rec, const char *type);

/* A JSON array of strings as a C array of n borrowed strings ("" for a
 * non-string), at least min long. */
const char **sink_rec_strings(const cJSON *array, int min, int *n);

/* The table's family, "table" when it has none. */
const char *sink_rec_family(const cJSON *table);

/* Columns in the table: its column paths, or more if a row is longer. */
int sink_rec_width(const cJSON *table);

#endif
