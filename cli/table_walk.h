/*
 * table_walk.h — what the table commands (tables, check) share: one
 * document's tables built page by page as the walk hands pages over.
 *
 * Ownership: a table_walk is the caller's (usually on its stack); its doc
 * is owned by it (freed when the next document begins and by
 * table_walk_done()); grammar is borrowed.
 */
#ifndef PDFROWS_CLI_TABLE_WALK_H
#define PDFROWS_CLI_TABLE_WALK_H

#include "doc_walk.h"
#include "grammar.h"
#include "table.h"

typedef struct table_walk {
    const gr_grammar *grammar;  /* borrowed */
    tb_doc *doc;                /* the current document's tables, owned */
    void *cmd;                  /* the command's own state, borrowed */
    const walk_command *walk;   /* the walk it serves, borrowed */
} table_walk;

/* walk_command callbacks: a fresh tb_doc per document, each page added. */
void table_walk_begin(void *walk, const char *file, const char *sha256);
void table_walk_page(void *walk, const ex_page *page, pr_strbuf *out);

/* Frees the last document's tables. */
/* Counts the document's tables, rows and failed checks into the walk's
 * doc_stats. */
struct rec_doc;
void table_walk_stats(table_walk *walk, const struct rec_doc *doc);

void table_walk_done(table_walk *walk);

#endif
