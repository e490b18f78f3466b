/*
 * fuzz_document.c — a whole document from any bytes: stage one (open,
 * every page up to MAX_PAGES), stage two (tables) and stage three
 * (records, checks, the JSON Lines), with the bundled grammar. An error
 * is an outcome; a crash, a leak or undefined behaviour is a finding.
 */
#include "fuzz.h"
#include "extract.h"
#include "grammar.h"
#include "records.h"
#include "strbuf.h"
#include "table.h"

#include <stdio.h>
#include <stdlib.h>

#define MAX_PAGES 8

static gr_grammar *grammar;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *path = getenv("PDFROWS_GRAMMAR");
    pr_error err = {0};
    if (grammar_load(path && *path ? path : "normalize/grammars", 1, &grammar, &err) != PR_OK)
        abort();                        /* run from the repository root */
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_write_temp(data, size, ".pdf");
    ex_doc *doc = NULL;
    pr_error err = {0};
    if (!path)
        return 0;
    if (extract_doc_open(path, NULL, &doc, &err) != PR_OK) {
        remove(path);
        return 0;
    }
    tb_doc *tables = table_doc_new();
    ex_options xo = {.find_rules = 1};
    int pages = extract_doc_page_count(doc);
    for (int p = 1; p <= pages && p <= MAX_PAGES; p++) {
        ex_page *page = NULL;
        if (extract_page(doc, p, &xo, &page, &err) != PR_OK)
            continue;
        table_add_page(tables, page, grammar);
        extract_page_free(&page);
    }
    rec_doc *rd = records_build(tables, grammar);
    rec_doc_info info = {"fuzz.pdf", extract_doc_sha256(doc), pages, pages, 0, NULL, NULL, {0}};
    pr_strbuf out = PR_STRBUF_INIT;
    records_emit_document(&out, &info, rd, grammar, REC_JSONL);
    records_emit_long(&out, &info, rd, 1);
    pr_strbuf_free(&out);
    records_free(&rd);
    table_doc_free(&tables);
    extract_doc_free(&doc);
    remove(path);
    return 0;
}
