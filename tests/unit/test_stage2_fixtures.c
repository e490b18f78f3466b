/*
 * test_stage2_fixtures.c — a property of stage two over every fixture PDF
 * (fixtures/NAME.pdf through extract_page() and table_add_page()): every
 * amount printed inside a table's body rows ends up in exactly one cell
 * of exactly one row of the document; none is lost, none is doubled.
 *
 * "Printed inside the body rows": the text of each line whose centre lies
 * in a tb_row.box on that page. "Amount": a maximal run of digits, commas
 * and points that amount_parse() accepts, compared without its commas.
 * Cells are cut into such runs the same way, and the two multisets of
 * (page, token) must be equal. A value wrapped inside its cell ("800.0"
 * over "0") is two runs in the lines and one in the cell; two runs of one
 * page that make up a cell's run exactly are counted as that one.
 */
#include "unit.h"
#include "table.h"
#include "amount.h"

#include <dirent.h>
#include <stdlib.h>

#define REAL_GRAMMAR "normalize/grammars"

typedef struct token { int page; char *text; int used; } token;
typedef struct tokens { token *t; size_t n, cap; } tokens;

static const char *g_fixtures;
static gr_grammar *g_grammar;

static void add_token(tokens *ts, int page, const char *s, size_t n)
{
    char *run = pr_xmalloc(n + 1);
    memcpy(run, s, n);
    run[n] = '\0';
    pr_amount a;
    if (!amount_parse(run, &a)) {
        free(run);
        return;
    }
    char *w = run;                      /* commas dropped */
    for (const char *r = run; *r; r++)
        if (*r != ',')
            *w++ = *r;
    *w = '\0';
    if (ts->n == ts->cap) {
        ts->cap = ts->cap ? 2 * ts->cap : 64;
        ts->t = pr_xrealloc(ts->t, ts->cap * sizeof *ts->t);
    }
    ts->t[ts->n++] = (token){page, run, 0};
}

static int amount_char(char c)
{
    return (c >= '0' && c <= '9') || c == ',' || c == '.';
}

static void tokenize(tokens *ts, int page, const char *s)
{
    while (*s) {
        if (!amount_char(*s)) {
            s++;
            continue;
        }
        const char *e = s;
        while (amount_char(*e))
            e++;
        add_token(ts, page, s, (size_t)(e - s));
        s = e;
    }
}

static void free_tokens(tokens *ts)
{
    for (size_t i = 0; i < ts->n; i++)
        free(ts->t[i].text);
    free(ts->t);
}

static int inside(const ex_box *b, double x, double y)
{
    return x >= b->x0 && x <= b->x1 && y >= b->y0 && y <= b->y1;
}

/* Tokens of the page's lines whose centre lies in a body row of it. */
static void page_tokens(const tb_doc *doc, const ex_page *pg, tokens *ts)
{
    for (size_t li = 0; li < pg->n_lines; li++) {
        const ex_line *ln = &pg->lines[li];
        double x = (ln->box.x0 + ln->box.x1) / 2, y = (ln->box.y0 + ln->box.y1) / 2;
        int in = 0;
        for (size_t t = 0; t < doc->n_tables && !in; t++)
            for (size_t r = 0; r < doc->tables[t]->n_rows && !in; r++) {
                const tb_row *row = &doc->tables[t]->rows[r];
                in = row->page == pg->number && inside(&row->box, x, y);
            }
        if (in)
            tokenize(ts, pg->number, ln->text);
    }
}

/* Marks token i of a used if b holds an unused equal token (same page). */
static int match_one(tokens *b, const token *x)
{
    for (size_t j = 0; j < b->n; j++)
        if (!b->t[j].used && b->t[j].page == x->page && strcmp(b->t[j].text, x->text) == 0)
            return b->t[j].used = 1;
    return 0;
}

/* A cell token that two unused line tokens of its page make up. */
static int match_wrapped(tokens *lines, const token *cell)
{
    size_t n = strlen(cell->text);
    for (size_t i = 0; i < lines->n; i++) {
        token *a = &lines->t[i];
        size_t na = strlen(a->text);
        if (a->used || a->page != cell->page || na >= n ||
            strncmp(a->text, cell->text, na) != 0)
            continue;
        for (size_t j = 0; j < lines->n; j++) {
            token *b = &lines->t[j];
            if (j != i && !b->used && b->page == cell->page &&
                strcmp(b->text, cell->text + na) == 0)
                return a->used = b->used = 1;
        }
    }
    return 0;
}

static int report(const char *name, const char *what, const tokens *ts, int shown)
{
    for (size_t i = 0; i < ts->n; i++) {
        if (ts->t[i].used)
            continue;
        if (shown++ < 12)
            fprintf(stderr, "  %s p%d: \"%s\" %s\n", name, ts->t[i].page, ts->t[i].text, what);
        unit.current_failed++;
    }
    return shown;
}

/* Checks one fixture; returns the number of amounts compared and, in
 * *wrapped, how many of them were wrapped in their cell. */
static size_t check_one(const char *name, size_t *wrapped)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", g_fixtures, name);
    ex_doc *xd = NULL;
    pr_error err = {0};
    CHECK(extract_doc_open(path, NULL, &xd, &err) == PR_OK);
    if (!xd)
        return 0;
    tb_doc *doc = table_doc_new();
    tokens lines = {0}, cells = {0};
    ex_options opts = {.find_rules = 1};
    for (int p = 1; p <= extract_doc_page_count(xd); p++) {
        ex_page *pg = NULL;
        CHECK(extract_page(xd, p, &opts, &pg, &err) == PR_OK);
        if (!pg)
            continue;
        table_add_page(doc, pg, g_grammar);
        page_tokens(doc, pg, &lines);
        extract_page_free(&pg);
    }
    for (size_t t = 0; t < doc->n_tables; t++) {
        const tb_table *tb = doc->tables[t];
        for (size_t r = 0; r < tb->n_rows; r++)
            for (size_t c = 0; c < tb->n_cols; c++)
                tokenize(&cells, tb->rows[r].page, tb->rows[r].cells[c]);
    }
    for (size_t i = 0; i < cells.n; i++)
        cells.t[i].used = match_one(&lines, &cells.t[i]);
    *wrapped = 0;
    for (size_t i = 0; i < cells.n; i++)
        if (!cells.t[i].used && (cells.t[i].used = match_wrapped(&lines, &cells.t[i])))
            (*wrapped)++;
    size_t compared = cells.n;
    int shown = report(name, "printed in a body row, in no cell", &lines, 0);
    report(name, "in a cell more often than printed", &cells, shown);
    free_tokens(&lines);
    free_tokens(&cells);
    table_doc_free(&doc);
    extract_doc_free(&xd);
    return compared;
}

static void every_amount_in_one_cell(void)
{
    pr_error err = {0};
    CHECK(grammar_load(REAL_GRAMMAR, 1, &g_grammar, &err) == PR_OK);
    if (!g_grammar)
        return;
    char **names = NULL;
    size_t n = unit_fixture_pdfs(g_fixtures, &names), total = 0;
    for (size_t i = 0; i < n; i++) {
        int before = unit.current_failed;
        size_t wrapped = 0, compared = check_one(names[i], &wrapped);
        total += compared;
        printf("     %s %s: %zu amounts, %zu wrapped in their cell\n",
               unit.current_failed == before ? "ok  " : "FAIL", names[i], compared, wrapped);
        free(names[i]);
    }
    free(names);
    CHECK(n > 0 && total > 0);      /* else nothing was tested */
    grammar_free(&g_grammar);
}

void unit_group_stage2_fixtures(const char *fixtures_dir)
{
    g_fixtures = fixtures_dir;
    unit_run("stage two: every amount in a fixture's body rows is in one cell",
             every_amount_in_one_cell);
}
