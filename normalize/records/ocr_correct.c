/*
 * ocr_correct.c — the document's arithmetic as the validator of OCR: in a
 * table read from a scan whose checks fail, the smallest change to one
 * amount that OCR read, among the known ways OCR misreads a number, that
 * makes every check of the table hold is made, when there is exactly one
 * such change. The cell keeps its text as read; its value, and the checks
 * over it, use the corrected amount, and the row record says so.
 *
 * Ownership: corrections and the row cell arrays they need live in the
 * table's arena (d->arena while it is built: stream.c NOTES (4)).
 *
 * NOTES
 *   (1) Only where it cannot be a guess: a cell read by OCR (its row has
 *       ocr_confidence) with less than TRUSTED_CONF confidence, holding an
 *       amount, in a printed row that takes part in a failed check (a
 *       check can also fail because OCR lost the 2. of 2.政府性基金预算拨款
 *       and with it a row of the outline: a sure amount is not changed to
 *       paper over that). The candidates for its amount are what OCR
 *       does to numbers: one digit read as a look-alike (LOOK_ALIKE:
 *       3 as 8, not 3 as 7), two neighbouring
 *       digits swapped, a digit lost or doubled, the decimal point lost
 *       (931579 for 9315.79, at the decimals the other amounts of the
 *       column print) or read into the wrong place. A candidate is taken
 *       only when the table's checks then all hold (none failed, at least
 *       as many made as before) and no other cell and candidate does so
 *       too: unique, as issue 13 measured (4 of 7 fixed, none wrong).
 *   (2) One change per table. A table whose checks fail for two misread
 *       cells keeps its failures (flagged, not corrected): two changes at
 *       once can make almost any sum hold.
 *   (3) Checks are made again from scratch after each trial (rec_check_table
 *       on a table whose checks were cleared); the trials cost nothing
 *       next to OCR itself.
 */
#include "rec_int.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

#define MAX_TRIALS 20000
#define TRUSTED_CONF 97         /* (1) a cell read this sure is not changed */

/* (1): the digits OCR reads digit d as (0 as 8, 6 or 9; 1 as 7 or 4 ...). */
static const char *const LOOK_ALIKE[10] = {
    "689", "47", "7", "58", "1", "368", "058", "12", "03569", "08"
};

/* The table's own checks forgotten, to be made again (3). */
static void clear_checks(rec_table *t)
{
    t->n_checks = t->n_ok = t->n_rounded = t->n_failed = 0;
    for (size_t r = 0; r < t->n_rows; r++)
        t->rows[r].n_checks = 0;
    for (size_t r = 0; r < t->src->n_rows; r++)
        t->printed[r].n_checks = 0;
}

static size_t recheck(rec_doc *d, rec_table *t, const gr_grammar *g)
{
    clear_checks(t);
    rec_check_table(d, t, g);
    return t->n_failed;
}

/* Printed row r's cells as an array of its own (so one can be replaced),
 * shared by its whole row and its side rows. */
static char **own_cells(rec_doc *d, rec_table *t, size_t r)
{
    const tb_row *src = &t->src->rows[r];
    if (t->printed[r].cells != src->cells)
        return (char **)t->printed[r].cells;
    size_t n = t->src->n_cols;
    char **cells = pr_arena_alloc(d->arena, (n + 1) * sizeof *cells);
    memcpy(cells, src->cells, n * sizeof *cells);
    t->printed[r].cells = cells;
    for (size_t k = 0; k < t->n_rows; k++)
        if (t->rows[k].index == r + 1)
            t->rows[k].cells = cells + t->sides[t->rows[k].side].lo;
    return cells;
}

/* Whether printed row r takes part in a failed check. */
static int in_failed_check(const rec_table *t, size_t r)
{
    for (size_t k = 0; k < t->n_rows; k++) {
        const rec_row *row = &t->rows[k];
        for (size_t i = 0; row->index == r + 1 && i < row->n_checks; i++)
            if (row->checks[i]->status == REC_CHECK_FAILED)
                return 1;
    }
    return 0;
}

/* (1): the decimals most amounts of column c print (-1: none). */
static int column_decimals(const gr_grammar *g, const rec_table *t, size_t c)
{
    int count[8] = {0};
    for (size_t r = 0; r < t->src->n_rows; r++) {
        pr_amount a;
        if (rec_cell_value(g, t->src->rows[r].cells[c], &a) == REC_CELL_AMOUNT &&
            a.decimals >= 0 && a.decimals < 8)
            count[a.decimals]++;
    }
    int best = -1;
    for (int k = 0; k < 8; k++)
        if (count[k] && (best < 0 || count[k] > count[best]))
            best = k;
    return best;
}

/* (1): the candidates for an amount read as s: its digits (and point)
 * changed the ways OCR changes them. Appended to out (owned strings). */
static void candidates(const char *s, int decimals, GPtrArray *out)
{
    GString *digits = g_string_new(NULL);         /* s without separators */
    for (const char *p = s; *p; p++)
        if ((*p >= '0' && *p <= '9') || *p == '.' || *p == '-')
            g_string_append_c(digits, *p);
    const char *v = digits->str;
    size_t n = digits->len;
    char buf[64];
    if (n == 0 || n > 30) {
        g_string_free(digits, TRUE);
        return;
    }
    for (size_t i = 0; i < n; i++) {                /* one digit read as another */
        if (v[i] < '0' || v[i] > '9')
            continue;
        for (const char *d = LOOK_ALIKE[v[i] - '0']; *d; d++) {
            snprintf(buf, sizeof buf, "%s", v);
            buf[i] = *d;
            g_ptr_array_add(out, g_strdup(buf));
        }
    }
    for (size_t i = 0; i + 1 < n; i++)              /* neighbours swapped */
        if (v[i] != v[i + 1] && v[i] != '.' && v[i + 1] != '.') {
            snprintf(buf, sizeof buf, "%s", v);
            buf[i] = v[i + 1];
            buf[i + 1] = v[i];
            g_ptr_array_add(out, g_strdup(buf));
        }
    for (size_t i = 0; i < n; i++) {                /* a character lost ... */
        if (v[i] == '-')
            continue;
        snprintf(buf, sizeof buf, "%.*s%s", (int)i, v, v + i + 1);
        g_ptr_array_add(out, g_strdup(buf));
        if (v[i] != '.') {                          /* ... or doubled */
            snprintf(buf, sizeof buf, "%.*s%c%s", (int)i, v, v[i], v + i);
            g_ptr_array_add(out, g_strdup(buf));
        }
    }
    const char *point = strchr(v, '.');
    if (decimals > 0) {                             /* the point lost or moved */
        GString *bare = g_string_new(NULL);
        for (const char *p = v; *p; p++)
            if (*p != '.')
                g_string_append_c(bare, *p);
        if (bare->len > (size_t)decimals && (!point || strlen(point + 1) != (size_t)decimals)) {
            snprintf(buf, sizeof buf, "%.*s.%s", (int)(bare->len - (size_t)decimals), bare->str,
                     bare->str + bare->len - (size_t)decimals);
            g_ptr_array_add(out, g_strdup(buf));
        }
        g_string_free(bare, TRUE);
    }
    g_string_free(digits, TRUE);
}

/* The one correction found (1), or none. */
typedef struct found {
    size_t row, col, n;         /* n: how many candidates made it hold */
    char *value;
} found;

void rec_correct_ocr(rec_doc *d, rec_table *t, const gr_grammar *g)
{
    const tb_table *src = t->src;
    int ocr = 0;
    for (size_t r = 0; r < src->n_rows && !ocr; r++)
        ocr = src->rows[r].ocr_conf != NULL;
    if (!ocr || t->n_failed == 0)
        return;
    size_t made = t->n_checks, trials = 0;
    unsigned char *suspect = g_malloc0(src->n_rows + 1);
    for (size_t r = 0; r < src->n_rows; r++)
        suspect[r] = src->rows[r].ocr_conf && in_failed_check(t, r);
    found best = {0};
    GPtrArray *cands = g_ptr_array_new_with_free_func(g_free);
    for (size_t r = 0; r < src->n_rows && best.n < 2 && trials < MAX_TRIALS; r++) {
        if (!suspect[r])
            continue;
        for (size_t c = 0; c < src->n_cols && best.n < 2; c++) {
            pr_amount a;
            const char *read = src->rows[r].cells[c];
            if (!src->rows[r].ocr_conf[c] || src->rows[r].ocr_conf[c] - 1 >= TRUSTED_CONF ||
                !rec_is_amount_column(t, c) ||
                rec_cell_value(g, read, &a) != REC_CELL_AMOUNT)
                continue;
            g_ptr_array_set_size(cands, 0);
            candidates(read, column_decimals(g, t, c), cands);
            char **cells = own_cells(d, t, r);
            for (guint k = 0; k < cands->len && best.n < 2 && trials < MAX_TRIALS; k++) {
                const char *v = g_ptr_array_index(cands, k);
                pr_amount b;
                if (rec_cell_value(g, v, &b) != REC_CELL_AMOUNT)
                    continue;
                cells[c] = (char *)v;
                trials++;
                if (recheck(d, t, g) == 0 && t->n_checks >= made) {
                    if (!best.n || best.row != r || best.col != c || strcmp(best.value, v) != 0) {
                        best.n++;
                        g_free(best.value);
                        best = (found){r, c, best.n, g_strdup(v)};
                    }
                }
            }
            cells[c] = (char *)read;
        }
    }
    if (best.n == 1) {                                              /* (1) unique */
        char **cells = own_cells(d, t, best.row);
        cells[best.col] = pr_arena_strndup(d->arena, best.value, strlen(best.value));
        t->corrections = pr_arena_grow(d->arena, t->corrections, t->n_corrections,
                                       &t->cap_corrections, sizeof *t->corrections);
        t->corrections[t->n_corrections++] = (rec_correction){best.row + 1, best.col,
                                                              src->rows[best.row].cells[best.col],
                                                              cells[best.col]};
    }
    recheck(d, t, g);
    g_free(best.value);
    g_ptr_array_free(cands, TRUE);
    g_free(suspect);
}
