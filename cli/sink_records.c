/*
 * sink_records.c — accessors for --format tables records (sink_records.h).
 */
#include "sink_records.h"

#include <string.h>

/* The document's records, parsed, in order (NULL and err if one is not a
 * JSON object, or a table record has no body: not --format tables).
 * Owned by the caller (g_ptr_array_unref). */
GPtrArray *sink_records_parse(const char *records, pr_error *err)
{
    GPtrArray *recs = g_ptr_array_new_with_free_func((GDestroyNotify)cJSON_Delete);
    char **lines = g_strsplit(records, "\n", -1);
    for (char **l = lines; *l; l++) {
        if (!**l)
            continue;
        cJSON *r = cJSON_Parse(*l);
        const cJSON *type = cJSON_GetObjectItemCaseSensitive(r, "type");
        if (!cJSON_IsObject(r) ||
            (cJSON_IsString(type) && strcmp(type->valuestring, "table") == 0 &&
             !cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(r, "body")))) {
            pr_fail(err, PR_ERR_INTERNAL, "not a --format tables record: %.80s", *l);
            cJSON_Delete(r);
            g_ptr_array_unref(recs);
            recs = NULL;
            break;
        }
        g_ptr_array_add(recs, r);
    }
    g_strfreev(lines);
    return recs;
}

const cJSON *sink_rec_get(const cJSON *obj, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(obj, key);
}

/* The string at key, "" if absent or not a string. */
const char *sink_rec_str(const cJSON *obj, const char *key)
{
    const char *s = cJSON_GetStringValue(sink_rec_get(obj, key));
    return s ? s : "";
}

int sink_rec_is(const cJSON *rec, const char *type)
{
    return strcmp(sink_rec_str(rec, "type"), type) == 0;
}

/* A JSON array of strings as a C array of n borrowed strings ("" for a
 * non-string), at least min long. Owned by the caller (g_free). */
const char **sink_rec_strings(const cJSON *array, int min, int *n)
{
    int len = cJSON_GetArraySize(array), i = 0;
    const char **v = g_new0(const char *, MAX(len, min) + 1);
    const cJSON *item;
    cJSON_ArrayForEach(item, array) {
        const char *s = cJSON_GetStringValue(item);
        v[i++] = s ? s : "";
    }
    for (; i < min; i++)
        v[i] = "";
    *n = MAX(len, min);
    return v;
}

/* The table's family, "table" when it has none. */
const char *sink_rec_family(const cJSON *table)
{
    const char *f = cJSON_GetStringValue(sink_rec_get(sink_rec_get(table, "table"), "family"));
    return f && *f ? f : "table";
}

/* Columns in the table: its column paths, or more if a row is longer. */
int sink_rec_width(const cJSON *table)
{
    int width = MAX(cJSON_GetArraySize(sink_rec_get(table, "columns")), 1);
    const cJSON *row;
    cJSON_ArrayForEach(row, sink_rec_get(table, "body")) {
        width = MAX(width, cJSON_GetArraySize(row));
    }
    return width;
}

