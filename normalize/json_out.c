/*
 * json_out.c — the record-writing pieces every JSON Lines writer shares
 * (json_out.h).
 */
#include "json_out.h"
#include "arena.h"

#include <math.h>
#include <string.h>

double json_round2(double v)
{
    double r = round(v * 100.0) / 100.0;
    return r == 0 ? 0 : r;                  /* no "-0" */
}

cJSON *json_box(const ex_box *b)
{
    double v[4] = {json_round2(b->x0), json_round2(b->y0), json_round2(b->x1),
                   json_round2(b->y1)};
    return cJSON_CreateDoubleArray(v, 4);
}

cJSON *json_record(const char *type)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "type", type);
    cJSON_AddNumberToObject(o, "schema_version", PDFROWS_SCHEMA_VERSION);
    return o;
}

void json_put_record(pr_strbuf *out, cJSON *o)
{
    char *s = cJSON_PrintUnformatted(o);
    if (!s)
        pr_die_nomem();                     /* cJSON only fails on OOM */
    pr_strbuf_puts(out, s);
    pr_strbuf_putc(out, '\n');
    cJSON_free(s);
    cJSON_Delete(o);
}

/* key: an array of {"page", "count"}. */
static void add_page_counts(cJSON *d, const char *key, const ex_page_count *v, size_t n)
{
    cJSON *a = cJSON_AddArrayToObject(d, key);
    for (size_t i = 0; i < n; i++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddNumberToObject(o, "page", v[i].page);
        cJSON_AddNumberToObject(o, "count", (double)v[i].count);
        cJSON_AddItemToArray(a, o);
    }
}

void json_add_text_notes(cJSON *d, const ex_text_notes *notes)
{
    add_page_counts(d, "hidden_glyphs", notes->hidden, notes->n_hidden);
    cJSON *ocr = cJSON_AddArrayToObject(d, "ocr_layer_pages");
    for (size_t i = 0; i < notes->n_ocr; i++)
        cJSON_AddItemToArray(ocr, cJSON_CreateNumber(notes->ocr_pages[i]));
    add_page_counts(d, "untrusted_text", notes->untrusted, notes->n_untrusted);
    cJSON *bad = cJSON_AddArrayToObject(d, "pages_unreadable");
    for (size_t i = 0; i < notes->n_unreadable; i++) {
        cJSON *u = cJSON_CreateObject();
        cJSON_AddNumberToObject(u, "page", notes->unreadable[i].page);
        cJSON_AddStringToObject(u, "message", notes->unreadable[i].message);
        cJSON_AddItemToArray(bad, u);
    }
    cJSON *read = cJSON_AddArrayToObject(d, "ocr_pages");
    for (size_t i = 0; i < notes->n_ocr_read; i++) {
        const ex_ocr_page *o = &notes->ocr_read[i];
        cJSON *r = cJSON_CreateObject();
        cJSON_AddNumberToObject(r, "page", o->page);
        cJSON_AddNumberToObject(r, "dpi", o->dpi);
        cJSON_AddNumberToObject(r, "confidence", json_round2(o->confidence));
        if (o->picture_dpi) {
            cJSON_AddNumberToObject(r, "picture_dpi", o->picture_dpi);
            if (o->picture_dpi < EX_OCR_LOW_DPI)
                cJSON_AddTrueToObject(r, "low_resolution");
        }
        cJSON_AddItemToArray(read, r);
    }
}

void json_add_file(cJSON *o, const char *name)
{
    cJSON_AddStringToObject(o, "file", name);
    if (strstr(name, "\\x"))
        cJSON_AddTrueToObject(o, "file_escaped");
}
