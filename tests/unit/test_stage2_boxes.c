/*
 * test_stage2_boxes.c — the cell boxes of stage two (table.h
 * tb_row.cell_boxes) over every fixture PDF with tables, run through
 * extract_page() and table_add_page() as test_stage2_fixtures.c does:
 * every non-empty body cell's box holds the centres of the glyphs of its
 * text and of no other cell's.
 *
 * How: right after page p is added, each body row of page p (a row of an
 * earlier page may still gain the rest of a cell cut by this page's
 * break, never one of this page) is compared cell by cell with the page:
 * the code points of the glyphs whose centre lies in the cell's box, as a
 * multiset, equal the code points of the cell's text (whitespace and
 * ASCII commas left out on both sides: records drop them). A glyph of
 * another cell inside the box adds a character; one of this cell's
 * outside it takes one away. Also: a cell covered by a merged cell
 * (TB_NO_BOX) is empty, every box lies inside its table's region of that
 * page, and each table has a region on each of its pages.
 */
#include "unit.h"

#include <glib.h>
#include "table.h"

#include <stdint.h>
#include <stdlib.h>

#define REAL_GRAMMAR "normalize/grammars"

static const char *g_fixtures;
static gr_grammar *g_grammar;

typedef struct cps { uint32_t *v; size_t n, cap; } cps;

static void cps_add(cps *s, uint32_t cp)
{
    if (cp == ' ' || cp == '\t' || cp == ',' || cp == 0x3000)
        return;
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 32;
        s->v = pr_xrealloc(s->v, s->cap * sizeof *s->v);
    }
    s->v[s->n++] = cp;
}

static void cps_add_utf8(cps *s, const char *t)
{
    for (const char *p = t; *p; p = g_utf8_next_char(p))
        cps_add(s, g_utf8_get_char(p));
}

static int by_cp(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

static int cps_equal(cps *a, cps *b)
{
    qsort(a->v, a->n, sizeof *a->v, by_cp);
    qsort(b->v, b->n, sizeof *b->v, by_cp);
    return a->n == b->n && (a->n == 0 || memcmp(a->v, b->v, a->n * sizeof *a->v) == 0);
}

static int holds(const ex_box *b, double x, double y)
{
    return x >= b->x0 && x <= b->x1 && y >= b->y0 && y <= b->y1;
}

static int within(const ex_box *in, const ex_box *out)
{
    return in->x0 >= out->x0 - 0.01 && in->x1 <= out->x1 + 0.01 &&
           in->y0 >= out->y0 - 0.01 && in->y1 <= out->y1 + 0.01;
}

/* The region of t on page p, or NULL. */
static const ex_box *region_of(const tb_table *t, int p)
{
    for (size_t i = 0; i < t->n_regions; i++)
        if (t->regions[i].page == p)
            return &t->regions[i].box;
    return NULL;
}

/* Checks the body cells of page pg; returns how many boxes it compared. */
static size_t check_page(const char *name, const tb_doc *doc, const ex_page *pg, int *shown)
{
    size_t compared = 0;
    cps want = {0}, got = {0};
    for (size_t ti = 0; ti < doc->n_tables; ti++) {
        const tb_table *t = doc->tables[ti];
        for (size_t r = 0; r < t->n_rows; r++) {
            const tb_row *row = &t->rows[r];
            if (row->page != pg->number)
                continue;
            CHECK(row->cell_boxes != NULL && row->flags != NULL);
            if (!row->cell_boxes)
                continue;
            const ex_box *region = region_of(t, pg->number);
            CHECK(region != NULL);
            for (size_t c = 0; c < t->n_cols; c++) {
                const ex_box *b = &row->cell_boxes[c];
                if (!table_has_box(b)) {
                    CHECK(!*row->cells[c]);     /* covered: its text is the owner's */
                    continue;
                }
                if (region && !within(b, region)) {
                    unit.current_failed++;
                    fprintf(stderr, "  %s p%d: table %d row %zu col %zu: box outside "
                            "the table's region\n", name, pg->number, t->seq, r + 1, c + 1);
                }
                if (!*row->cells[c])
                    continue;
                want.n = got.n = 0;
                cps_add_utf8(&want, row->cells[c]);
                for (size_t li = 0; li < pg->n_lines; li++) {
                    const ex_line *ln = &pg->lines[li];
                    if (ln->box.y1 < b->y0 - 2 || ln->box.y0 > b->y1 + 2)
                        continue;
                    for (size_t k = 0; k < ln->n_glyphs; k++) {
                        const ex_box *gb = &ln->glyphs[k].box;
                        if (holds(b, (gb->x0 + gb->x1) / 2, (gb->y0 + gb->y1) / 2))
                            cps_add(&got, ln->glyphs[k].cp);
                    }
                }
                compared++;
                if (cps_equal(&want, &got))
                    continue;
                unit.current_failed++;
                if ((*shown)++ < 12)
                    fprintf(stderr, "  %s p%d: table %d row %zu col %zu \"%s\": box "
                            "[%.2f %.2f %.2f %.2f] holds %zu glyph centres for %zu "
                            "characters\n", name, pg->number, t->seq, r + 1, c + 1,
                            row->cells[c], b->x0, b->y0, b->x1, b->y1, got.n, want.n);
            }
        }
    }
    free(want.v);
    free(got.v);
    return compared;
}

/* Checks one fixture; returns the number of cells compared (0: no table). */
static size_t check_one(const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", g_fixtures, name);
    ex_doc *xd = NULL;
    pr_error err = {0};
    CHECK(extract_doc_open(path, NULL, &xd, &err) == PR_OK);
    if (!xd)
        return 0;
    tb_doc *doc = table_doc_new();
    ex_options opts = {.find_rules = 1};
    size_t compared = 0;
    int shown = 0;
    for (int p = 1; p <= extract_doc_page_count(xd); p++) {
        ex_page *pg = NULL;
        CHECK(extract_page(xd, p, &opts, &pg, &err) == PR_OK);
        if (!pg)
            continue;
        table_add_page(doc, pg, g_grammar);
        compared += check_page(name, doc, pg, &shown);
        extract_page_free(&pg);
    }
    for (size_t ti = 0; ti < doc->n_tables; ti++) {
        const tb_table *t = doc->tables[ti];
        for (size_t i = 0; i < t->n_pages; i++)
            CHECK(region_of(t, t->pages[i]) != NULL);
        for (size_t r = 0; r < t->n_header; r++)
            CHECK(t->header_boxes && t->header_boxes[r] && t->header_pages &&
                  region_of(t, t->header_pages[r]) != NULL);
    }
    table_doc_free(&doc);
    extract_doc_free(&xd);
    return compared;
}

static void boxes_hold_their_glyphs(void)
{
    pr_error err = {0};
    CHECK(grammar_load(REAL_GRAMMAR, 1, &g_grammar, &err) == PR_OK);
    if (!g_grammar)
        return;
    char **names = NULL;
    size_t n = unit_fixture_pdfs(g_fixtures, &names), total = 0, with_tables = 0;
    for (size_t i = 0; i < n; i++) {
        int before = unit.current_failed;
        size_t compared = check_one(names[i]);
        total += compared;
        with_tables += compared > 0;
        if (compared)
            printf("     %s %s: %zu cells\n", unit.current_failed == before ? "ok  " : "FAIL",
                   names[i], compared);
        free(names[i]);
    }
    free(names);
    CHECK(with_tables > 0 && total > 0);    /* else nothing was tested */
    grammar_free(&g_grammar);
}

void unit_group_stage2_boxes(const char *fixtures_dir)
{
    g_fixtures = fixtures_dir;
    unit_run("stage two: every body cell's box holds its glyphs and no other cell's",
             boxes_hold_their_glyphs);
}
