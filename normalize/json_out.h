/*
 * json_out.h — what every JSON Lines writer of pdfrows shares (stage
 * one's lines_emit.c, stage three's row_emit.c): one record per line,
 * coordinates rounded so output bytes depend only on the input.
 *
 * Ownership: json_box() returns an owned cJSON item (hand it to a parent
 * or cJSON_Delete it); json_put_record() consumes its record.
 */
#ifndef PDFROWS_JSON_OUT_H
#define PDFROWS_JSON_OUT_H

#include "extract.h"
#include "strbuf.h"

#include <cjson/cJSON.h>

/* v rounded to hundredths; never "-0". cJSON then prints the shortest
 * form ("42.3", not "42.299999999999997"). */
double json_round2(double v);

/* [x0, y0, x1, y1] rounded to hundredths. Owned. */
cJSON *json_box(const ex_box *b);

/* A new record object: "type" then "schema_version". Owned. */
cJSON *json_record(const char *type);

/* Adds "file": name (as cli_file_name() wrote it) to o, and where name
 * holds an escaped byte (\xHH: cli/doc_walk.c NOTES (3)) "file_escaped":
 * true, so that a reader knows to decode it. */
void json_add_file(cJSON *o, const char *name);

/* Adds a document's notes on its pages to record d: "hidden_glyphs", an
 * array of {"page", "count"} (pages where characters nobody can see were
 * left out), "ocr_layer_pages" (pages carrying a scan's text layer),
 * "untrusted_text", an array of {"page", "count"} (characters whose
 * Unicode cannot be trusted) and "pages_unreadable", an array of {"page",
 * "message"}, and "ocr_pages", an array of {"page", "dpi", "confidence"}
 * (pages pdfrows read by OCR: page_ocr.c). */
void json_add_text_notes(cJSON *d, const ex_text_notes *notes);

/* Prints o unformatted as one line into out and deletes it (consumes o). */
void json_put_record(pr_strbuf *out, cJSON *o);

#endif
