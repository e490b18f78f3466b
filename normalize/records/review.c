/*
 * review.c — what deserves a human look, as flags (records.h REC_FLAG_*):
 * the flags of meaning stage three finds, the names of every flag, and
 * their counts over a document. Stage two's flags (geometry: a word cut
 * by a border, two font sizes in a cell, a header word cut off into the
 * body) come with its cells (table.h, cell_geom.c); this file only names
 * and counts them. Arithmetic cannot see any of these: a glued or
 * misplaced cell may still add up.
 *
 * NOTES
 *   (1) amounts_without_name: a side row with an amount in an amount
 *       column, no name (no text on its side, no total label merged
 *       across to it) and no subject code, that is no total or subtotal.
 *       Its name was lost (glued to another row, read into the row
 *       above) or its amounts belong elsewhere. Only on a side whose other
 *       rows with amounts do have names (a 三公 table's one row of
 *       amounts under headings has no name column at all), and not in a
 *       form (label/value cells, no names). The flag names the side's
 *       label column (the one with the most text cells): where the name
 *       should be.
 *   (2) no_family: the table's title matched no family rule, or it has
 *       none (an untitled grid that continued nothing). Its keys and checks
 *       are then generic at best.
 *   (3) Counts: stage two's flags (crosses_border, two_sizes,
 *       header_split, untrusted_text) once per flagged body cell (a cell can
 *       carry several), amounts_without_name once per side row, no_family
 *       once per table. Header cells are not counted: their reading shows
 *       in every row's column paths.
 */
#include "rec_int.h"

#include <string.h>

static const char *const flag_names[REC_N_FLAGS] = {
    "crosses_border", "two_sizes", "header_split", "amounts_without_name", "no_family",
    "untrusted_text"
};

const char *records_flag_name(int i)
{
    return i >= 0 && i < REC_N_FLAGS ? flag_names[i] : "";
}

/* (1): the column of side [lo, hi) with the most text cells, or -1 when
 * none holds text. */
static size_t label_column(const gr_grammar *g, const rec_table *t, size_t lo, size_t hi)
{
    size_t best = (size_t)-1, most = 0;
    for (size_t c = lo; c < hi; c++) {
        size_t n = rec_column_census(g, t, c).texts;
        if (n > most) {
            most = n;
            best = c;
        }
    }
    return best;
}

static int has_amount(const rec_table *t, const rec_row *row, const rec_side *side)
{
    for (size_t c = side->lo; c < side->hi; c++) {
        pr_amount a;
        if (rec_is_amount_column(t, c) && amount_parse(row->cells[c - side->lo], &a))
            return 1;
    }
    return 0;
}

/* (1): whether a row of side s with an amount has a name. */
static int names_amounts(const rec_table *t, size_t s)
{
    for (size_t r = 0; r < t->n_rows; r++) {
        const rec_row *row = &t->rows[r];
        if (row->side == s && row->name && has_amount(t, row, &t->sides[s]))
            return 1;
    }
    return 0;
}

void rec_flag_table(rec_table *t, const gr_grammar *g)
{
    if (!t->family)                                                 /* (2) */
        t->flags |= REC_FLAG_NO_FAMILY;
    for (size_t s = 0; s < t->n_sides && !t->form; s++) {           /* (1) */
        const rec_side *side = &t->sides[s];
        size_t label = label_column(g, t, side->lo, side->hi);
        if (label == (size_t)-1 || !names_amounts(t, s))
            continue;
        for (size_t r = 0; r < t->n_rows; r++) {
            rec_row *row = &t->rows[r];
            if (row->side != s || row->name || *row->code ||
                strcmp(row->role, "total") == 0 || strcmp(row->role, "subtotal") == 0 ||
                !has_amount(t, row, side))
                continue;
            row->flags |= REC_FLAG_AMOUNTS_WITHOUT_NAME;
            row->flag_col = label;
        }
    }
}
