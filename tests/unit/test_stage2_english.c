/*
 * test_stage2_english.c — stage two on hand-built pages laid out like the
 * English government reports of issue 14 (ICDAR 2013): three-line and
 * rule-less tables whose words run over the edges of their columns,
 * headings stacked over neighbouring columns, years in row labels, a
 * section heading centred over the columns, a label alone on its line
 * over its title, a typewriter table ruled by a row of dashes, a second
 * grid of one frame under a line of text, a row of years over the
 * columns, the last row's label wrapped under it, and word spaces in
 * cells.
 */
#include "unit.h"
#include "page_build.h"
#include "table.h"
#include "extract_int.h"
#include "table_int.h"

#include <string.h>

#define REAL_GRAMMAR "normalize/grammars"

static gr_grammar *g_grammar;

/* An untitled three-line table whose stub heading and section label start
 * left of the numbers under them, and whose last heading is wider than
 * its column: every word whole (text_region.c NOTES (7)), not cut at the
 * edge of the rows of numbers; the section label under the header's rule
 * is a body row, not a second header line (text_region.c NOTES (4),
 * text_blocks.c rule_under). */
static void words_over_the_region_edge(void)
{
    page_builder b = {0};
    pb_text(&b, "Concentration", 40, 60, 10);
    pb_text(&b, "No.", 140, 60, 10);
    pb_text(&b, "Relative weight", 215, 60, 10);
    pb_text(&b, "Male", 52, 80, 10);
    pb_hrule(&b, 52, 40, 290);
    pb_hrule(&b, 74, 40, 290);
    pb_hrule(&b, 152, 40, 290);
    const char *conc[] = {"0", "250", "500", "1,000"};
    const char *no[] = {"39", "30", "33", "31"};
    const char *rel[] = {"100", "102", "103", "100"};
    for (int i = 0; i < 4; i++) {
        double y = 96 + 14.0 * i;
        pb_text(&b, conc[i], 85 - 5.0 * (double)strlen(conc[i]), y, 10);
        pb_text(&b, no[i], 155 - 5.0 * (double)strlen(no[i]), y, 10);
        pb_text(&b, rel[i], 255 - 5.0 * (double)strlen(rel[i]), y, 10);
    }
    tb_doc *doc = table_doc_new();
    pb_add_page(doc, &b, 1, g_grammar);
    const tb_table *t = pb_only_table(doc);
    if (t) {
        CHECK(t->n_cols == 3 && t->n_header == 1 && t->n_rows == 5);
        if (t->n_cols == 3 && t->n_header == 1 && t->n_rows == 5) {
            CHECK_STR(t->header[0][0], "Concentration");
            CHECK_STR(t->header[0][2], "Relative weight");
            PB_CHECK_ROW(t, 0, "Male", "", "");
            PB_CHECK_ROW(t, 4, "1,000", "31", "100");
        }
        CHECK(t->n_regions == 1 && t->regions[0].box.x0 <= 40 && t->regions[0].box.x1 >= 285);
    }
    table_doc_free(&doc);
}

/* Headings of neighbouring columns stacked over several lines, bottom-
 * aligned ("Body" / "Weight" / "(g)" beside "Weight" / "Relative" / "to" /
 * "Controls" / "(%)"), set close together: each column's heading is its
 * own stack, whole (text_header.c NOTES (1): a gap wider than a word
 * space at a column edge cuts a line; (2): a line right under another at
 * a wrapped cell's spacing continues the piece it is centred under). */
static void stacked_headings_side_by_side(void)
{
    page_builder b = {0};
    const double L[] = {100, 110.5, 121, 131.5, 142};
    const double rel[] = {208, 283}, bw[] = {170, 244.5};
    for (int k = 0; k < 2; k++) {
        pb_text(&b, "Body", bw[k] - 9, L[2], 9);
        pb_text(&b, "Weight", bw[k] - 13.5, L[3], 9);
        pb_text(&b, "(g)", bw[k] - 6.75, L[4], 9);
        pb_text(&b, "Weight", rel[k] - 13.5, L[0], 9);
        pb_text(&b, "Relative", rel[k] - 18, L[1], 9);
        pb_text(&b, "to", rel[k] - 4.5, L[2], 9);
        pb_text(&b, "Controls", rel[k] - 18, L[3], 9);
        pb_text(&b, "(%)", rel[k] - 6.75, L[4], 9);
    }
    pb_text(&b, "Dose", 60, L[4], 9);
    pb_text(&b, "No.", 126, L[4], 9);
    const char *dose[] = {"0", "250", "500"}, *no[] = {"39", "30", "33"};
    const char *w1[] = {"5.8", "5.9", "6.0"}, *r1[] = {"", "102", "103"};
    const char *w2[] = {"8.8", "9.0", "8.6"}, *r2[] = {"", "102", "98"};
    for (int i = 0; i < 3; i++) {
        double y = 160 + 11.0 * i;
        pb_text(&b, dose[i], 80 - 4.5 * (double)strlen(dose[i]), y, 9);
        pb_text(&b, no[i], 139.5 - 4.5 * (double)strlen(no[i]), y, 9);
        pb_text(&b, w1[i], bw[0] - 2.25 * (double)strlen(w1[i]), y, 9);
        pb_text(&b, w2[i], bw[1] - 2.25 * (double)strlen(w2[i]), y, 9);
        if (*r1[i])
            pb_text(&b, r1[i], rel[0] - 2.25 * (double)strlen(r1[i]), y, 9);
        if (*r2[i])
            pb_text(&b, r2[i], rel[1] - 2.25 * (double)strlen(r2[i]), y, 9);
    }
    tb_doc *doc = table_doc_new();
    pb_add_page(doc, &b, 1, g_grammar);
    const tb_table *t = pb_only_table(doc);
    if (t) {
        CHECK(t->n_cols == 6 && t->n_rows == 3);
        if (t->n_cols == 6 && t->n_rows == 3) {
            CHECK_STR(t->columns[0], "Dose");
            CHECK_STR(t->columns[1], "No.");
            CHECK_STR(t->columns[2], "Body Weight (g)");
            CHECK_STR(t->columns[3], "Weight Relative to Controls (%)");
            CHECK_STR(t->columns[4], "Body Weight (g)");
            CHECK_STR(t->columns[5], "Weight Relative to Controls (%)");
            PB_CHECK_ROW(t, 1, "250", "30", "5.9", "102", "9.0", "102");
        }
    }
    table_doc_free(&doc);
}

/* A rule-less table whose row labels end in small integers ("Projections
 * to 2017", "Ages 18 and 19") and whose section heading is centred over
 * the value columns: the integers stay in their labels, not a column of
 * their own (text_region.c NOTES (1)), and the heading is one cell that
 * spans the columns it runs over, not cut mid-word at their edges (2). */
static void label_years_and_centred_section_heading(void)
{
    page_builder b = {0};
    const double mid[] = {250, 330, 410};
    const char *head[] = {"Actual", "Target", "Change"};
    for (int c = 0; c < 3; c++)
        pb_text(&b, head[c], mid[c] - 2.25 * (double)strlen(head[c]), 80, 9);
    pb_text(&b, "Source", 50, 80, 9);
    pb_text(&b, "Projected enrollment, in thousands", 253.5, 115, 9);
    const char *label[] = {"Actual", "", "Projections to 2017", "Projections to 2018",
                           "Ages 18 and 19"};
    const char *v[5][3] = {{"49,293", "49,266", "27"}, {"", "", ""}, {"49,644", "49,825", "181"},
                           {"49,470", "49,623", "153"}, {"1,021", "1,104", "83"}};
    for (int r = 0; r < 5; r++) {
        if (!*label[r])
            continue;
        double y = 100 + 15.0 * r;
        pb_text(&b, label[r], 50, y, 9);
        for (int c = 0; c < 3; c++)
            pb_text(&b, v[r][c], mid[c] - 2.25 * (double)strlen(v[r][c]), y, 9);
    }
    tb_doc *doc = table_doc_new();
    pb_add_page(doc, &b, 1, g_grammar);
    const tb_table *t = pb_only_table(doc);
    if (t) {
        CHECK(t->n_cols == 4 && t->n_rows == 5);
        if (t->n_cols == 4 && t->n_rows == 5) {
            CHECK_STR(t->columns[0], "Source");
            PB_CHECK_ROW(t, 1, "", "Projected enrollment, in thousands", "", "");
            PB_CHECK_ROW(t, 2, "Projections to 2017", "49,644", "49,825", "181");
            PB_CHECK_ROW(t, 4, "Ages 18 and 19", "1,021", "1,104", "83");
            int spanned = 0;
            for (size_t i = 0; i < t->n_spans; i++)
                spanned |= t->spans[i].body && t->spans[i].row == 1 && t->spans[i].col == 1 &&
                           t->spans[i].rows == 1 && t->spans[i].cols == 3;
            CHECK(spanned);
        }
    }
    table_doc_free(&doc);
}

/* An English label alone on its line, the title on the next ("TABLE 6" /
 * "Mean Body Weights of Pups"): the title names the aligned table under
 * it (text_blocks.c NOTES (7)). */
static void label_alone_title_next_line(void)
{
    page_builder b = {0};
    pb_text(&b, "TABLE 6", 50, 40, 9);
    pb_text(&b, "Mean Body Weights of Pups", 50, 51, 9);
    pb_text(&b, "Dose", 50, 70, 9);
    pb_text(&b, "No.", 150, 70, 9);
    pb_text(&b, "Weight", 220, 70, 9);
    const char *dose[] = {"0", "250", "500"}, *no[] = {"39", "30", "33"};
    const char *w[] = {"5.8", "5.9", "6.0"};
    for (int i = 0; i < 3; i++) {
        double y = 85 + 11.0 * i;
        pb_text(&b, dose[i], 80 - 4.5 * (double)strlen(dose[i]), y, 9);
        pb_text(&b, no[i], 163.5 - 4.5 * (double)strlen(no[i]), y, 9);
        pb_text(&b, w[i], 247 - 4.5 * (double)strlen(w[i]), y, 9);
    }
    tb_doc *doc = table_doc_new();
    pb_add_page(doc, &b, 1, g_grammar);
    const tb_table *t = pb_only_table(doc);
    if (t) {
        CHECK_STR(t->label, "TABLE 6");
        CHECK_STR(t->title, "Mean Body Weights of Pups");
        CHECK(t->n_cols == 3 && t->n_rows == 3);
    }
    table_doc_free(&doc);
}

/* A typewriter table: its header's numbers ("Proportion 1.0 1.1 1.2")
 * over a row of dashes, "Design effect" centred over them. The dashes
 * are a rule (typed_rules.c), not text in any cell, and the one rule
 * across the block ends its header (text_blocks.c NOTES (9)): two header
 * rows, "Design effect" spanning the three columns of numbers. */
static void typed_rule_under_header(void)
{
    page_builder b = {0};
    pb_text(&b, "Design effect", 150, 60, 9);
    pb_text(&b, "Proportion", 50, 71, 9);
    const double right[] = {150, 190, 230};
    const char *eff[] = {"1.0", "1.1", "1.2"};
    for (int c = 0; c < 3; c++)
        pb_text(&b, eff[c], right[c] - 13.5, 71, 9);
    pb_text(&b, "---------------------------------------", 50, 82, 9);
    const char *prop[] = {"0.99", "0.95", "0.90"};
    const char *v[3][3] = {{"800", "880", "960"}, {"160", "176", "192"}, {"80", "88", "96"}};
    for (int r = 0; r < 3; r++) {
        double y = 93 + 11.0 * r;
        pb_text(&b, prop[r], 50, y, 9);
        for (int c = 0; c < 3; c++)
            pb_text(&b, v[r][c], right[c] - 4.5 * (double)strlen(v[r][c]), y, 9);
    }
    ex_page *pg = pb_finish(&b, 1);
    size_t lines = pg->n_lines;
    extract_typed_rules(pg);
    CHECK(pg->n_lines == lines - 1 && pg->n_hrules == 1);
    if (pg->n_hrules == 1) {
        CHECK_NEAR(pg->hrules[0].from, 50, 0.01);
        CHECK_NEAR(pg->hrules[0].pos, 86.5, 0.01);
    }
    tb_doc *doc = table_doc_new();
    table_add_page(doc, pg, g_grammar);
    pb_free(&pg);
    const tb_table *t = pb_only_table(doc);
    if (t) {
        CHECK(t->n_cols == 4 && t->n_header == 2 && t->n_rows == 3);
        if (t->n_cols == 4 && t->n_header == 2 && t->n_rows == 3) {
            CHECK_STR(t->header[0][1], "Design effect");
            CHECK_STR(t->header[0][3], "Design effect");
            CHECK_STR(t->header[1][2], "1.1");
            CHECK_STR(t->columns[0], "Proportion");
            PB_CHECK_ROW(t, 0, "0.99", "800", "880", "960");
        }
    }
    table_doc_free(&doc);
}

/* Two ruled grids of one frame on one page, a line of text between them
 * and a header of its own over the second: two tables, not one going on
 * (table_continue.c NOTES (7)). */
static void second_grid_under_text(void)
{
    page_builder b = {0};
    const double xs[] = {50, 150, 250, 350};
    const double ya[] = {100, 120, 140, 160}, yb[] = {200, 220, 240, 260};
    pb_grid(&b, xs, 4, ya, 4);
    pb_grid(&b, xs, 4, yb, 4);
    const char *a[3][3] = {{"Country", "Exports", "Imports"}, {"Austria", "86.2", "13.8"},
                           {"Belgium", "45.1", "12.0"}};
    const char *c[3][3] = {{"Region", "Population", "Area"}, {"North", "1,204", "310"},
                           {"South", "2,381", "295"}};
    for (int r = 0; r < 3; r++)
        for (int k = 0; k < 3; k++) {
            pb_text(&b, a[r][k], xs[k] + 5, ya[r] + 5, 9);
            pb_text(&b, c[r][k], xs[k] + 5, yb[r] + 5, 9);
        }
    pb_text(&b, "Figures in billions of euro, provisional.", 50, 178, 9);
    tb_doc *doc = table_doc_new();
    pb_add_page(doc, &b, 1, g_grammar);
    CHECK(doc->n_tables == 2);
    if (doc->n_tables == 2) {
        const tb_table *t = doc->tables[1];
        CHECK(t->n_header == 1 && t->n_rows == 2);
        if (t->n_header == 1 && t->n_rows == 2) {
            CHECK_STR(t->columns[0], "Region");
            PB_CHECK_ROW(t, 1, "South", "2,381", "295");
        }
    }
    table_doc_free(&doc);
}

/* Word spaces in cells (cell_text.c NOTES (1)): a gap of stage one's word
 * space (0.15 em) or more between Latin letters is a space ("Per cycle",
 * "New York" set tight, 0.2 em), kerning is not, digits never part. */
static void latin_word_spaces(void)
{
    ex_glyph r = {{100, 50, 104, 58.5}, 'r', 8.5f, 0, 0, 0, 0, 0};
    ex_glyph c = r, k = r, one = r, two = r;
    c.cp = 'c';
    c.box.x0 = 104 + 0.17 * 8.5;        /* "Per cycle": 1.4 pt apart */
    c.box.x1 = c.box.x0 + 4;
    k.cp = 'k';
    k.box.x0 = 104 + 0.05 * 8.5;        /* kerned letters */
    k.box.x1 = k.box.x0 + 4;
    CHECK(table_space_between(&r, &c));
    CHECK(!table_space_between(&r, &k));
    one.cp = '1';
    two.cp = '2';
    two.box = c.box;
    CHECK(!table_space_between(&one, &two));
    CHECK(!table_space_between(NULL, &c));
}

/* A row of years over the columns, the stub cell empty: the header, not
 * a row numbering the columns (which would be dropped) nor a body row
 * (table_rows.c is_year_heading, MAX_COLUMN_NUMBER). */
static void years_over_the_columns(void)
{
    page_builder b = {0};
    const double right[] = {200, 260, 320};
    const char *years[] = {"2001", "2002", "2003"};
    for (int c = 0; c < 3; c++)
        pb_text(&b, years[c], right[c] - 18, 80, 9);
    const char *label[] = {"Trainees", "Courses", "Providers"};
    const char *v[3][3] = {{"29,300", "25,800", "33,300"}, {"410", "388", "402"},
                           {"57", "61", "64"}};
    for (int r = 0; r < 3; r++) {
        double y = 95 + 11.0 * r;
        pb_text(&b, label[r], 50, y, 9);
        for (int c = 0; c < 3; c++)
            pb_text(&b, v[r][c], right[c] - 4.5 * (double)strlen(v[r][c]), y, 9);
    }
    tb_doc *doc = table_doc_new();
    pb_add_page(doc, &b, 1, g_grammar);
    const tb_table *t = pb_only_table(doc);
    if (t) {
        CHECK(t->n_cols == 4 && t->n_header == 1 && t->n_rows == 3);
        if (t->n_cols == 4 && t->n_header == 1 && t->n_rows == 3) {
            CHECK_STR(t->header[0][1], "2001");
            CHECK_STR(t->header[0][3], "2003");
            PB_CHECK_ROW(t, 0, "Trainees", "29,300", "25,800", "33,300");
        }
    }
    table_doc_free(&doc);
}

/* The last row's label wrapped onto the line under it, in lower case,
 * then a note: the wrapped words are the label's, the note is the
 * table's note (text_blocks.c NOTES (10)). */
static void last_label_wrapped(void)
{
    page_builder b = {0};
    const double right[] = {260, 320};
    pb_text(&b, "Launch", 224, 70, 9);
    pb_text(&b, "Today", 297.5, 70, 9);
    const char *label[] = {"Data sets available", "Nations with open data",
                           "Cities in North America with"};
    const char *v[3][2] = {{"47", "389,933"}, {"0", "21"}, {"0", "11"}};
    for (int r = 0; r < 3; r++) {
        double y = 85 + 11.0 * r;
        pb_text(&b, label[r], 50, y, 9);
        for (int c = 0; c < 2; c++)
            pb_text(&b, v[r][c], right[c] - 4.5 * (double)strlen(v[r][c]), y, 9);
    }
    pb_text(&b, "open data sites", 50, 118, 9);
    pb_text(&b, "Source: Data.gov, 2011.", 50, 135, 9);
    tb_doc *doc = table_doc_new();
    pb_add_page(doc, &b, 1, g_grammar);
    const tb_table *t = pb_only_table(doc);
    if (t) {
        CHECK(t->n_cols == 3 && t->n_rows == 3);
        if (t->n_cols == 3 && t->n_rows == 3)
            PB_CHECK_ROW(t, 2, "Cities in North America with open data sites", "0", "11");
        CHECK(t->n_notes == 1);
        if (t->n_notes == 1)
            CHECK_STR(t->notes[0], "Source: Data.gov, 2011.");
    }
    table_doc_free(&doc);
}

static void grammar_loads(void)
{
    pr_error err = {0};
    CHECK(grammar_load(REAL_GRAMMAR, 0, &g_grammar, &err) == PR_OK);
}

void unit_group_stage2_english(void)
{
    unit_run("stage two english: the grammar loads (interpreted)", grammar_loads);
    if (!g_grammar)
        return;
    unit_run("stage two english: words over an aligned table's edge are kept whole",
             words_over_the_region_edge);
    unit_run("stage two english: stacked headings of neighbouring columns stay apart",
             stacked_headings_side_by_side);
    unit_run("stage two english: years in row labels, a section heading over the columns",
             label_years_and_centred_section_heading);
    unit_run("stage two english: a label alone, its title on the next line",
             label_alone_title_next_line);
    unit_run("stage two english: a row of dashes rules off a header of numbers",
             typed_rule_under_header);
    unit_run("stage two english: a row of years heads the columns",
             years_over_the_columns);
    unit_run("stage two english: the last row's label wrapped under it",
             last_label_wrapped);
    unit_run("stage two english: word spaces between Latin letters in cells",
             latin_word_spaces);
    unit_run("stage two english: a second grid under a line of text is a new table",
             second_grid_under_text);
    grammar_free(&g_grammar);
}
