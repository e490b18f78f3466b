/*
 * run_report.c — progress line, summary and run record (NOTES in
 * run_report.h).
 */
#include "run_report.h"

#include <cjson/cJSON.h>
#include <glib.h>
#include <string.h>

static double now(void)
{
    return (double)g_get_monotonic_time() / 1e6;
}

void run_report_start(run_report *r, size_t total, int show_progress)
{
    r->total = total;
    r->show_progress = show_progress;
    r->started = now();
    GDateTime *t = g_date_time_new_now_utc();
    char *s = g_date_time_format(t, "%Y-%m-%dT%H:%M:%SZ");
    snprintf(r->started_utc, sizeof r->started_utc, "%s", s);
    g_free(s);
    g_date_time_unref(t);
}

void run_report_progress(run_report *r, int force)
{
    if (!r->show_progress)
        return;
    double t = now(), elapsed = t - r->started;
    if (!force && t - r->last_draw < 0.2)
        return;
    r->last_draw = t;
    size_t read = r->done - r->skipped;
    size_t pages = r->pages + r->pages_reading;
    double pps = elapsed > 0 ? (double)pages / elapsed : 0;
    char eta[32] = "--:--";
    if (read > 0 && r->done < r->total) {
        double left = elapsed / (double)read * (double)(r->total - r->done);
        snprintf(eta, sizeof eta, "%d:%02d", (int)(left / 60), (int)left % 60);
    }
    fprintf(stderr, "\r\033[Kpdfrows: %zu/%zu documents, %zu pages, %.1f pages/s, ETA %s, "
            "%zu errors", r->done, r->total, pages, pps, eta, r->n_failed);
    fflush(stderr);
    r->drawn = 1;
}

void run_report_clear(run_report *r)
{
    if (r->drawn) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
        r->drawn = 0;
    }
}

void run_report_summary(const run_report *r, FILE *f)
{
    double secs = now() - r->started;
    fprintf(f, "pdfrows: %zu documents: %zu read, %zu already done, %zu failed",
            r->total, r->done - r->skipped - r->n_failed, r->skipped, r->n_failed);
    if (r->partial)
        fprintf(f, ", %zu read in part", r->partial);
    const char *sep = " (";
    for (int c = 0; c < RUN_CODES; c++)
        if (r->failed[c]) {
            fprintf(f, "%s%s %zu", sep, pr_rc_code((pr_rc)c), r->failed[c]);
            sep = ", ";
        }
    fprintf(f, "%s\n", *sep == ',' ? ")" : "");
    fprintf(f, "pdfrows: %zu pages, %zu tables, %zu rows, %zu failed checks; %.1f s "
               "(%.1f pages/s, %d jobs",
            r->pages, r->tables, r->rows, r->checks_failed, secs,
            secs > 0 ? (double)r->pages / secs : 0.0, r->jobs);
    if (r->worker_peak_kb)
        fprintf(f, ", largest worker %.1f MB", (double)r->worker_peak_kb / 1024);
    fputs(")\n", f);
}

char *run_report_json(const run_report *r)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "type", "run");
    cJSON_AddNumberToObject(o, "schema_version", PDFROWS_SCHEMA_VERSION);
    cJSON_AddStringToObject(o, "version", PDFROWS_VERSION);
    cJSON_AddStringToObject(o, "started", r->started_utc);
    cJSON_AddNumberToObject(o, "seconds", (double)(int64_t)((now() - r->started) * 10) / 10);
    cJSON_AddStringToObject(o, "format", r->format ? r->format : "");
    cJSON_AddNumberToObject(o, "jobs", r->jobs);
    if (r->shard_n) {
        char shard[32];
        snprintf(shard, sizeof shard, "%d/%d", r->shard_k, r->shard_n);
        cJSON_AddStringToObject(o, "shard", shard);
    } else {
        cJSON_AddNullToObject(o, "shard");
    }
    cJSON_AddNumberToObject(o, "documents", (double)r->total);
    cJSON_AddNumberToObject(o, "read", (double)(r->done - r->skipped - r->n_failed));
    cJSON_AddNumberToObject(o, "already_done", (double)r->skipped);
    cJSON_AddNumberToObject(o, "read_in_part", (double)r->partial);
    cJSON *failed = cJSON_AddObjectToObject(o, "failed");
    for (int c = 0; c < RUN_CODES; c++)
        if (r->failed[c])
            cJSON_AddNumberToObject(failed, pr_rc_code((pr_rc)c), (double)r->failed[c]);
    cJSON_AddNumberToObject(o, "pages", (double)r->pages);
    cJSON_AddNumberToObject(o, "tables", (double)r->tables);
    cJSON_AddNumberToObject(o, "rows", (double)r->rows);
    cJSON_AddNumberToObject(o, "checks_failed", (double)r->checks_failed);
    cJSON_AddNumberToObject(o, "worker_peak_rss_kb", (double)r->worker_peak_kb);
    char *s = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    char *out = g_strdup(s);
    cJSON_free(s);
    return out;
}
