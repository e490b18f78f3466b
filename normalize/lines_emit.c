/*
 * lines_emit.c — stage one's output as JSON Lines: a page record with the
 * page's size, rotation and ruling lines, one record per text line with its
 * segments, a document record at the end, or one error record instead.
 *
 * NOTES
 *   (1) Every coordinate is rounded to hundredths before it is handed to
 *       cJSON, which then prints the shortest form ("42.3", not
 *       "42.299999999999997"): output bytes depend only on the input.
 *   (2) Every record carries "type" first and "file", so a consumer can
 *       filter any record on its own (jq 'select(.type=="line")').
 */
#include "emit.h"
#include "arena.h"

#include "json_out.h"

#include <cjson/cJSON.h>

static cJSON *rules_json(const ex_rule *r, size_t n)
{
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; i < n; i++) {
        double v[4] = {json_round2(r[i].pos), json_round2(r[i].from), json_round2(r[i].to),
                       json_round2(r[i].width)};
        cJSON_AddItemToArray(arr, cJSON_CreateDoubleArray(v, 4));
    }
    return arr;
}

static cJSON *record(const char *type, const char *file)
{
    cJSON *o = json_record(type);
    json_add_file(o, file);
    return o;
}

static cJSON *int_array(const int *v, size_t n)
{
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; i < n; i++)
        cJSON_AddItemToArray(arr, cJSON_CreateNumber(v[i]));
    return arr;
}

void normalize_emit_page_lines(pr_strbuf *out, const char *file,
                               const ex_page *page)
{
    cJSON *p = record("page", file);
    cJSON_AddNumberToObject(p, "page", page->number);
    cJSON_AddNumberToObject(p, "width", json_round2(page->width));
    cJSON_AddNumberToObject(p, "height", json_round2(page->height));
    cJSON_AddNumberToObject(p, "rotation", page->rotation);
    cJSON_AddBoolToObject(p, "quarter_turned", page->quarter_turned);
    cJSON_AddNumberToObject(p, "chars", (double)page->n_glyphs);
    if (page->n_hidden)                 /* characters left out: see json_out.h */
        cJSON_AddNumberToObject(p, "hidden_glyphs", (double)page->n_hidden);
    if (page->n_ocr)
        cJSON_AddNumberToObject(p, "ocr_glyphs", (double)page->n_ocr);
    if (page->n_untrusted)
        cJSON_AddNumberToObject(p, "untrusted_glyphs", (double)page->n_untrusted);
    cJSON_AddNumberToObject(p, "lines", (double)page->n_lines);
    cJSON_AddItemToObject(p, "hrules", rules_json(page->hrules, page->n_hrules));
    cJSON_AddItemToObject(p, "vrules", rules_json(page->vrules, page->n_vrules));
    json_put_record(out, p);

    for (size_t i = 0; i < page->n_lines; i++) {
        const ex_line *line = &page->lines[i];
        cJSON *l = record("line", file);
        cJSON_AddNumberToObject(l, "page", page->number);
        cJSON_AddItemToObject(l, "bbox", json_box(&line->box));
        cJSON_AddStringToObject(l, "text", line->text);
        cJSON *segs = cJSON_AddArrayToObject(l, "segments");
        for (size_t k = 0; k < line->n_segments; k++) {
            const ex_segment *s = &line->segments[k];
            cJSON *so = cJSON_CreateObject();
            cJSON_AddStringToObject(so, "text", s->text);
            cJSON_AddItemToObject(so, "bbox", json_box(&s->box));
            cJSON_AddNumberToObject(so, "size", json_round2(s->size));
            cJSON_AddBoolToObject(so, "bold", s->bold);
            cJSON_AddItemToArray(segs, so);
        }
        json_put_record(out, l);
    }
}

void normalize_emit_lines_summary(pr_strbuf *out, const char *file,
                                  const char *sha256,
                                  const emit_doc_totals *t)
{
    cJSON *d = record("document", file);
    cJSON_AddStringToObject(d, "sha256", sha256);
    cJSON_AddNumberToObject(d, "pages", t->pages_in_file);
    cJSON_AddNumberToObject(d, "pages_read", t->pages_read);
    cJSON_AddNumberToObject(d, "lines", (double)t->lines);
    cJSON_AddNumberToObject(d, "chars", (double)t->glyphs);
    cJSON_AddNumberToObject(d, "hrules", (double)t->hrules);
    cJSON_AddNumberToObject(d, "vrules", (double)t->vrules);
    cJSON_AddItemToObject(d, "pages_without_text",
                          int_array(t->pages_without_text, t->n_pages_without_text));
    /* kept for the schema: a page is now read whole or not at all
       (pages_unreadable), never read without its rules */
    cJSON_AddArrayToObject(d, "pages_with_problems");
    cJSON_AddNumberToObject(d, "poppler_problems", t->poppler_problems);
    json_add_text_notes(d, &t->notes);
    json_put_record(out, d);
}

void normalize_emit_error(pr_strbuf *out, const char *file, const pr_error *err)
{
    cJSON *e = record("error", file);
    cJSON_AddStringToObject(e, "code", pr_rc_code(err->rc));
    cJSON_AddStringToObject(e, "message", err->message);
    json_put_record(out, e);
}
