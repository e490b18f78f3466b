/*
 * stream.c — stage three a table at a time (records.h): tables are built
 * and checked as stage two closes them, written as soon as nothing that
 * comes later can change their records, and freed; the document record
 * at the end adds up what was written.
 *
 * NOTES
 *   (1) Records are the same bytes however the document is read (whole,
 *       or settled after every page): a table is written only when its
 *       records are final. They depend on the table itself (closed: no
 *       later page adds to it), on the document's facts (2), and on the
 *       cross checks it takes part in (checks.c NOTES (12)). Tables are
 *       written in order: one that waits holds back those after it.
 *   (2) The document's facts, repeated in every record: its org (the
 *       first printed; where none is, the org the first title naming one
 *       starts with: the grammar's `org_title` rule), year and kind (the
 *       first printed). Each, once printed, never changes, so they are
 *       settled when all three are printed, or at the end. A document
 *       that never prints one of them is held to its end: memory then
 *       grows with its tables, as it did before streaming.
 *   (3) Counts: those of freed tables are kept in doc->done, so the
 *       document record and the run summary count every table whether
 *       it is still held or not.
 *   (4) Allocation: a table's model lives in its own arena (freed with
 *       it); the document's facts and the cross checks (which the
 *       document record lists after their tables are freed) in the
 *       document's. doc->arena names the one in use: the builders and
 *       checks allocate there.
 */
#include "rec_int.h"

#include <stdlib.h>
#include <string.h>

rec_doc *records_begin(const tb_doc *doc)
{
    rec_doc *d = pr_xcalloc(1, sizeof *d);
    d->src = doc;
    d->own = pr_arena_new();
    d->arena = d->own;
    d->org = "";
    return d;
}

/* (2) */
static void settle_facts(rec_doc *d, const gr_grammar *g, int final)
{
    const tb_doc *src = d->src;
    if (d->org_key || !(final || (*src->org && *src->year && *src->kind)))
        return;
    d->org = *src->org ? src->org : d->title_org ? d->title_org : "";
    char key[1024];
    grammar_fold_org(g, d->org, key, sizeof key);
    d->org_key = pr_arena_strndup(d->own, key, strlen(key));
}

/* Builds table index i and runs its own checks, in its own arena (4). */
static void build_next(rec_doc *d, const gr_grammar *g)
{
    const tb_table *src = d->src->tables[d->n_tables];
    if (d->n_tables == d->cap_tables) {
        d->cap_tables = d->cap_tables ? 2 * d->cap_tables : 16;
        d->tables = pr_xrealloc(d->tables, d->cap_tables * sizeof *d->tables);
    }
    rec_table *t = &d->tables[d->n_tables];
    memset(t, 0, sizeof *t);
    t->arena = pr_arena_new();
    d->arena = t->arena;
    rec_build_table(d, t, src, g);
    rec_check_table(d, t, g);
    rec_correct_ocr(d, t, g);
    d->arena = d->own;
    if (t->family) {
        size_t k = 0;
        while (k < d->n_families && strcmp(d->families[k].name, t->family) != 0)
            k++;
        if (k == d->n_families) {
            d->families = pr_arena_grow(d->own, d->families, d->n_families, &d->cap_families,
                                        sizeof *d->families);
            d->families[d->n_families++] = (rec_family){t->family, d->n_tables};
        }
    }
    char org[256];
    if (!d->title_org && *src->title &&
        grammar_match(g, GR_ORG_TITLE, src->title, "org", org, sizeof org) && *org)
        d->title_org = pr_arena_strndup(d->own, org, strlen(org));
    d->n_tables++;
}

size_t records_settle(rec_doc *d, const gr_grammar *g, int last_page, int final)
{
    while (d->n_tables < d->src->n_tables &&
           (final || table_is_closed(d->src, d->n_tables, last_page)))
        build_next(d, g);
    settle_facts(d, g, final);
    rec_cross_step(d, g, final);
    while (d->org_key && d->n_ready < d->n_tables && !rec_cross_waits(d, g, d->n_ready))
        rec_row_summary(&d->tables[d->n_ready++], g);
    return d->n_ready;
}

rec_doc *records_build(const tb_doc *doc, const gr_grammar *g)
{
    rec_doc *d = records_begin(doc);
    records_settle(d, g, 0, 1);
    return d;
}

/* (3): the counts of table t, added to *sum. */
static void add_counts(rec_totals *sum, const rec_table *t)
{
    const tb_table *src = t->src;
    sum->tables++;
    sum->rows += src->n_rows;
    sum->checks += t->n_checks;
    sum->ok += t->n_ok;
    sum->rounded += t->n_rounded;
    sum->failed += t->n_failed;
    sum->rows_checked += t->rows_checked;
    sum->rows_unchecked += t->rows_unchecked;
    for (size_t r = 0; r < src->n_rows; r++)                    /* review.c NOTES (3) */
        for (size_t c = 0; src->rows[r].flags && c < src->n_cols; c++)
            for (int b = 0; b < REC_N_FLAGS; b++)
                sum->review[b] += (src->rows[r].flags[c] >> b) & 1;
    for (size_t r = 0; r < t->n_rows; r++)
        for (int b = 0; b < REC_N_FLAGS; b++)
            sum->review[b] += (t->rows[r].flags >> b) & 1;
    for (int b = 0; b < REC_N_FLAGS; b++)
        sum->review[b] += (t->flags >> b) & 1;
}

void records_release(rec_doc *d, tb_doc *src, size_t upto)
{
    for (; d->n_done < upto && d->n_done < d->n_ready; d->n_done++) {
        rec_table *t = &d->tables[d->n_done];
        add_counts(&d->done, t);
        pr_arena_free(&t->arena);
        t->src = NULL;
        table_release(src, d->n_done);
    }
}

rec_totals records_totals(const rec_doc *d)
{
    rec_totals sum = d->done;
    for (size_t i = d->n_done; i < d->n_tables; i++)
        add_counts(&sum, &d->tables[i]);
    return sum;
}

void records_free(rec_doc **doc)
{
    if (!doc || !*doc)
        return;
    rec_doc *d = *doc;
    for (size_t i = d->n_done; i < d->n_tables; i++)
        pr_arena_free(&d->tables[i].arena);
    free(d->tables);
    pr_arena_free(&d->own);
    free(d);
    *doc = NULL;
}
