/*
 * table_rows.c — a cell matrix into a table: which rows are header and
 * which are body (table_page.c NOTES (3)), the header grid and column
 * paths, the body rows, and the repeated header of a continuation page;
 * with each header and body cell its box and each body cell its flags
 * (cell_geom.c), and the table's region on the page (table_place.c
 * NOTES (8)).
 *
 * NOTES
 *   (0) A row that numbers the columns (栏次 1 2 3 ...) belongs to the
 *       header: it is neither a body row nor the end of the header, and
 *       it names no column (it is left out of the header grid). Numbers
 *       under one heading that spans them all are that heading's own
 *       headings, not column numbers ("Lead time (years)" over 1 ... 10).
 *   (1) A body row keeps only the text of cells it owns; a cell merged
 *       down from the row above is "" (GT-FORMAT: value in the top cell).
 *   (2) A row cut by a page break: the first body row of a continuation
 *       page joins the table's last row when every cell it fills is one
 *       the last row left "full" (wrapped at its right border), holds at
 *       most half a line of that cell (the tail of a wrapped text), and is
 *       no amount, code or start of a new row. So "八、社会保障和就" +
 *       "业支出" is one cell again, while a complete name that happens to
 *       fill its cell is not joined to the next row's name. The joined
 *       row keeps its boxes on its own page (a row has one page); the
 *       flags of the piece are added to its cells'.
 *   (5) Boxes follow the cells through every re-cut of the columns
 *       (table_extend_header, table_refine_columns): a cell cut into
 *       several keeps its box on the first of them (where its text stays),
 *       the others have none.
 */
#include "table_int.h"

#include <glib.h>

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { CELL_EMPTY, CELL_NUMBER, CELL_TEXT };

static const char *own_text(const cell_matrix *m, size_t r, size_t c)
{
    size_t i = r * m->n_cols + c;
    if (m->owner[i] != i || !m->text[i])
        return "";
    return m->text[i];
}

const char *table_span_text(const cell_matrix *m, size_t r, size_t c)
{
    const char *t = m->text[m->owner[r * m->n_cols + c]];
    return t ? t : "";
}

#define MAX_COLUMN_NUMBER 100   /* is_column_numbers: no table has more columns */
#define MIN_YEAR 1800           /* is_year_heading */
#define MAX_YEAR 2199

static int cell_kind(const page_ctx *pc, const char *t)
{
    if (!*t)
        return CELL_EMPTY;
    return table_is_number(pc->g, t) ? CELL_NUMBER : CELL_TEXT;
}

/* A row numbering the columns ("栏次 1 2 3 4", "※ 1 2 3"): ASCII integers
 * counting up by one from the first, below MAX_COLUMN_NUMBER (years
 * "2001 2002 2003" head columns, they do not number them), perhaps after
 * a label cell (and after each panel's label: "栏次 1 栏次 2"). It is
 * part of the header, not data. */
static int is_column_numbers(const page_ctx *pc, const cell_matrix *m, size_t r)
{
    long expect = -1;
    int numbers = 0;
    size_t over = SIZE_MAX;         /* the one cell above every number, if so */
    int one_over = r > 0;
    for (size_t c = 0; c < m->n_cols; c++) {
        const char *t = own_text(m, r, c);
        if (!*t)
            continue;
        char *end;
        long v = strtol(t, &end, 10);
        if (*end || t[0] < '0' || t[0] > '9') {
            /* a label again after numbers: the next panel's (栏次 1 | 栏次 2) */
            if (!grammar_match(pc->g, GR_COLNUM_LABEL, t, NULL, NULL, 0))
                return 0;
            continue;
        }
        if ((expect >= 0 && v != expect) || v >= MAX_COLUMN_NUMBER)
            return 0;
        expect = v + 1;
        numbers++;
        if (one_over) {
            size_t o = m->owner[(r - 1) * m->n_cols + c];
            one_over = (over == SIZE_MAX || over == o) && m->text[o] && *m->text[o];
            over = o;
        }
    }
    /* numbers under one heading that spans them all are its headings
     * ("Lead time (years)" over 1 2 ... 10), not column numbers */
    return numbers >= 2 && !one_over;
}

/* A row of years heading the columns ("2001 2002 2003", the stub cell
 * empty): two or more four-digit years, each later than the one before,
 * and nothing else. A data row has its name in the stub. */
static int is_year_heading(const cell_matrix *m, size_t r)
{
    if (m->n_cols < 3 || *own_text(m, r, 0))
        return 0;
    long last = 0;
    int years = 0;
    for (size_t c = 1; c < m->n_cols; c++) {
        const char *t = own_text(m, r, c);
        if (!*t)
            continue;
        if (strlen(t) != 4 || strspn(t, "0123456789") != 4)
            return 0;
        long y = strtol(t, NULL, 10);
        if (y < MIN_YEAR || y > MAX_YEAR || y <= last)
            return 0;
        last = y;
        years++;
    }
    return years >= 2;
}

static int is_body_row(const page_ctx *pc, const cell_matrix *m, size_t r)
{
    if (is_column_numbers(pc, m, r) || is_year_heading(m, r))
        return 0;
    int first = 1, total = 0, texts_after = 0, texts = 0, items = 0;
    for (size_t c = 0; c < m->n_cols; c++) {
        const char *t = own_text(m, r, c);
        int k = cell_kind(pc, t);
        if (k == CELL_NUMBER)
            return 1;
        if (k == CELL_EMPTY)
            continue;
        texts++;
        /* a numbered item whose amounts are all empty ("（一）因公出国（境）费",
         * "一、政府性基金拨款 | 一、科学技术"): a body row, not a heading */
        items += grammar_match(pc->g, GR_ROW_START, t, NULL, NULL, 0);
        if (first)
            total = grammar_match(pc->g, GR_TOTAL, t, NULL, NULL, 0);
        else
            texts_after++;
        first = 0;
    }
    return (total && texts_after == 0) || (texts && items == texts);
}

static size_t first_body_row(const page_ctx *pc, const cell_matrix *m)
{
    for (size_t r = 0; r < m->n_rows; r++)
        if (is_body_row(pc, m, r))
            return r;
    return m->n_rows;
}

/* Header paths per column from the header grid. */
static void set_columns(tb_table *t)
{
    pr_arena *a = t->arena;
    t->columns = pr_arena_alloc(a, (t->n_cols + 1) * sizeof *t->columns);
    pr_strbuf sb = PR_STRBUF_INIT;
    for (size_t c = 0; c < t->n_cols; c++) {
        pr_strbuf_reset(&sb);
        const char *prev = NULL;
        for (size_t r = 0; r < t->n_header; r++) {
            const char *h = t->header[r][c];
            if (!*h || (prev && strcmp(prev, h) == 0))
                continue;
            if (sb.len)
                pr_strbuf_putc(&sb, '/');
            pr_strbuf_puts(&sb, h);
            prev = h;
        }
        t->columns[c] = pr_arena_strndup(a, sb.len ? sb.data : "", sb.len);
    }
    pr_strbuf_free(&sb);
}

/* Rows [0, fb) of m appended to the header grid (t->n_cols == m->n_cols),
 * with their boxes (cell_geom.c) and page. */
/* The merged cells of matrix rows [from, to) whose rows went into the
 * table as at[r] (SIZE_MAX: not a row of it): a span for each owner cell
 * covering more than itself, over the columns of its row it owns and the
 * rows under it, taken one after another, that it owns too. */
static void push_spans(tb_table *t, const cell_matrix *m, size_t from, size_t to,
                       const size_t *at, int body)
{
    size_t nc = m->n_cols;
    for (size_t r = from; r < to; r++) {
        if (at[r - from] == SIZE_MAX)
            continue;
        for (size_t c = 0; c < nc; c++) {
            size_t i = r * nc + c;
            if (m->owner[i] != i)
                continue;
            size_t cols = 1, rows = 1;
            while (c + cols < nc && m->owner[i + cols] == i)
                cols++;
            for (size_t r2 = r + 1; r2 < to && m->owner[r2 * nc + c] == i; r2++) {
                if (at[r2 - from] == SIZE_MAX)
                    continue;
                if (at[r2 - from] != at[r - from] + rows)
                    break;
                rows++;
            }
            if (rows > 1 || cols > 1)
                table_push_span(t, (tb_span){body, at[r - from], c, rows, cols});
        }
    }
}

static void add_header_rows(page_ctx *pc, tb_table *t, const cell_matrix *m, size_t fb)
{
    pr_arena *a = t->arena;
    char ***h = pr_arena_alloc(a, (t->n_header + fb + 1) * sizeof *h);
    ex_box **hb = pr_arena_alloc(a, (t->n_header + fb + 1) * sizeof *hb);
    int *hp = pr_arena_alloc(a, (t->n_header + fb + 1) * sizeof *hp);
    for (size_t r = 0; r < t->n_header; r++) {
        h[r] = t->header[r];
        hb[r] = t->header_boxes ? t->header_boxes[r] : NULL;
        hp[r] = t->header_pages ? t->header_pages[r] : 0;
    }
    const ex_box *boxes = fb ? table_cell_boxes(pc, m) : NULL;
    size_t k = t->n_header;
    size_t *at = pr_arena_alloc(pc->arena, (fb + 1) * sizeof *at);
    for (size_t r = 0; r < fb; r++) {
        at[r] = SIZE_MAX;
        if (is_column_numbers(pc, m, r))
            continue;               /* (0): not part of any column's name */
        at[r] = k;
        h[k] = pr_arena_alloc(a, m->n_cols * sizeof **h);
        hb[k] = pr_arena_alloc(a, m->n_cols * sizeof **hb);
        for (size_t c = 0; c < m->n_cols; c++) {
            h[k][c] = (char *)table_clean_cell(a, table_span_text(m, r, c));
            hb[k][c] = boxes[r * m->n_cols + c];
        }
        hp[k] = pc->page->number;
        k++;
    }
    t->header = h;
    t->header_boxes = hb;
    t->header_pages = hp;
    t->n_header = k;
    push_spans(t, m, 0, fb, at, 0);
    t->col_edges = pr_arena_alloc(a, (m->n_cols + 1) * sizeof *t->col_edges);
    memcpy(t->col_edges, m->xs, (m->n_cols + 1) * sizeof *t->col_edges);
    set_columns(t);
}

/* Whether most cells row r owns are heading words (1), it is blank (2),
 * or it is not a heading row (0). */
static int heading_row(const page_ctx *pc, const cell_matrix *m, size_t r)
{
    if (is_column_numbers(pc, m, r))
        return 1;
    int words = 0, others = 0;
    for (size_t c = 0; c < m->n_cols; c++) {
        const char *t = own_text(m, r, c);
        if (!*t)
            continue;
        if (grammar_match(pc->g, GR_HEADER, t, NULL, NULL, 0))
            words++;
        else
            others++;
    }
    if (words + others == 0)
        return 2;
    return words > others;
}

/* Whether row r holds a CJK character (the grammar's header words are
 * CJK: a row without one it cannot read either way). */
static int row_has_cjk(const cell_matrix *m, size_t r)
{
    for (size_t c = 0; c < m->n_cols; c++)
        if (table_has_cjk(own_text(m, r, c)))
            return 1;
    return 0;
}

/* NOTES (3): the header is the rows above the first body row, provided
 * the first row reads as headings; with no body row, the leading heading
 * rows (an empty table); a table whose first row is labels and values (a
 * form) has none. A table found by alignment alone (text_blocks.c), in
 * any language, has no grammar words to read headings by: its header is
 * the rows above its first body row; so is an untitled grid's whose first
 * row holds no CJK text, which the grammar's words cannot read (an English
 * table). Where a rule closes an aligned table's header, the header ends
 * there at the latest: a section label under it is a body row. */
size_t table_header_rows(const page_ctx *pc, const cell_matrix *m)
{
    if (m->n_rows && (m->aligned || (m->untitled && !row_has_cjk(m, 0)))) {
        size_t fb = first_body_row(pc, m);     /* no grammar words to go by */
        if (m->aligned && m->header_ruled)
            fb = m->header_ruled;               /* the rule under the header */
        return fb < m->n_rows ? fb : 0;
    }
    if (m->n_rows == 0 || heading_row(pc, m, 0) != 1)
        return 0;
    size_t fb = first_body_row(pc, m);
    if (fb < m->n_rows)
        return fb;
    size_t h = 0;
    while (h < m->n_rows && heading_row(pc, m, h) == 1)
        h++;
    return h;
}

void table_take_header(page_ctx *pc, tb_table *t, cell_matrix *m)
{
    size_t fb = table_header_rows(pc, m);
    m->body_from = fb;
    t->ruled = m->ruled;
    t->n_cols = m->n_cols;
    t->n_header = 0;
    add_header_rows(pc, t, m, fb);
}

void table_extend_header(page_ctx *pc, tb_table *t, cell_matrix *m)
{
    pr_arena *a = t->arena;
    for (size_t r = 0; r < t->n_header; r++) {
        char **row = pr_arena_alloc(a, m->n_cols * sizeof *row);
        ex_box *box = pr_arena_alloc(a, m->n_cols * sizeof *box);
        size_t prev = (size_t)-1;
        for (size_t c = 0; c < m->n_cols; c++) {
            double mid = (m->xs[c] + m->xs[c + 1]) / 2;
            size_t j = 0;
            while (j + 1 < t->n_cols && mid >= t->col_edges[j + 1])
                j++;
            row[c] = t->header[r][j];
            /* the old cell's box on the first of the columns it became */
            box[c] = j != prev && t->header_boxes && t->header_boxes[r]
                   ? t->header_boxes[r][j] : TB_NO_BOX;
            prev = j;
        }
        t->header[r] = row;
        if (t->header_boxes)
            t->header_boxes[r] = box;
    }
    t->n_cols = m->n_cols;
    size_t fb = first_body_row(pc, m);
    m->body_from = fb;
    add_header_rows(pc, t, m, fb);
}

static int by_cp(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* Appends the code points of UTF-8 s to cps (n, cap: arena-grown). */
static uint32_t *add_cps(pr_arena *a, uint32_t *cps, size_t *n, size_t *cap,
                         const char *s)
{
    for (const char *p = s; *p; p = g_utf8_next_char(p)) {   /* cell text is UTF-8 */
        cps = pr_arena_grow(a, cps, *n, cap, sizeof *cps);
        cps[(*n)++] = g_utf8_get_char(p);
    }
    return cps;
}

/* NOTES (3): whether rows [0, fb) of m print the same text as t's header,
 * cut into rows and cells differently (a text table's header lines read
 * as one row on one page and two on the next): the same characters, each
 * merged header cell counted once. */
static int same_header_text(page_ctx *pc, const tb_table *t, const cell_matrix *m,
                            size_t fb)
{
    size_t na = 0, ca = 0, nb = 0, cb = 0;
    uint32_t *a = NULL, *b = NULL;
    for (size_t r = 0; r < t->n_header; r++)
        for (size_t c = 0; c < t->n_cols; c++) {
            const char *h = t->header[r][c];
            if ((c && strcmp(h, t->header[r][c - 1]) == 0) ||
                (r && strcmp(h, t->header[r - 1][c]) == 0))
                continue;           /* the same merged cell again */
            a = add_cps(pc->arena, a, &na, &ca, h);
        }
    for (size_t r = 0; r < fb; r++)
        for (size_t c = 0; c < m->n_cols; c++)
            b = add_cps(pc->arena, b, &nb, &cb,
                        table_clean_cell(pc->arena, own_text(m, r, c)));
    if (na != nb || na == 0)
        return 0;
    qsort(a, na, sizeof *a, by_cp);
    qsort(b, nb, sizeof *b, by_cp);
    return memcmp(a, b, na * sizeof *a) == 0;
}

/* NOTES (4): t's columns cut at every edge of xs[0..n] it does not have
 * (within tol): header cells repeated into the new columns they span,
 * body cells keep their text in the first of them, "" in the others. */
void table_refine_columns(tb_table *t, const double *xs, size_t n, double tol)
{
    pr_arena *a = t->arena;
    size_t k = t->n_cols, cap = k + n + 2, nu = 0;
    double *u = pr_arena_alloc(a, cap * sizeof *u);
    for (size_t j = 0; j <= k; j++)
        u[nu++] = t->col_edges[j];
    for (size_t i = 1; i < n; i++) {            /* inner edges of xs */
        int have = 0;
        for (size_t j = 0; j < nu && !have; j++)
            have = fabs(u[j] - xs[i]) <= tol;
        if (!have && xs[i] > u[0] && xs[i] < t->col_edges[k])
            u[nu++] = xs[i];
    }
    if (nu == k + 1)
        return;
    for (size_t i = 1; i < nu; i++)             /* sort (few edges) */
        for (size_t j = i; j > 0 && u[j - 1] > u[j]; j--) {
            double x = u[j]; u[j] = u[j - 1]; u[j - 1] = x;
        }
    size_t nc = nu - 1;
    size_t *old = pr_arena_alloc(a, nc * sizeof *old);
    for (size_t c = 0; c < nc; c++) {
        double mid = (u[c] + u[c + 1]) / 2;
        size_t j = 0;
        while (j + 1 < k && mid >= t->col_edges[j + 1])
            j++;
        old[c] = j;
    }
    for (size_t r = 0; r < t->n_header; r++) {
        char **row = pr_arena_alloc(a, nc * sizeof *row);
        ex_box *box = pr_arena_alloc(a, nc * sizeof *box);
        for (size_t c = 0; c < nc; c++) {
            int first = c == 0 || old[c - 1] != old[c];
            row[c] = t->header[r][old[c]];
            box[c] = first && t->header_boxes && t->header_boxes[r]
                   ? t->header_boxes[r][old[c]] : TB_NO_BOX;
        }
        t->header[r] = row;
        if (t->header_boxes)
            t->header_boxes[r] = box;
    }
    for (size_t r = 0; r < t->n_rows; r++) {
        tb_row *w = &t->rows[r];
        char **cells = pr_arena_alloc(a, nc * sizeof *cells);
        unsigned char *full = pr_arena_alloc(a, nc), *room = pr_arena_alloc(a, nc);
        unsigned char *flags = pr_arena_alloc(a, nc);
        ex_box *box = pr_arena_alloc(a, nc * sizeof *box);
        for (size_t c = 0; c < nc; c++) {
            int first = c == 0 || old[c - 1] != old[c];
            cells[c] = first ? w->cells[old[c]] : "";
            full[c] = first && w->full ? w->full[old[c]] : 0;
            room[c] = first && w->room ? w->room[old[c]] : 0;
            flags[c] = first && w->flags ? w->flags[old[c]] : 0;
            box[c] = first && w->cell_boxes ? w->cell_boxes[old[c]] : TB_NO_BOX;
        }
        w->cells = cells;
        w->full = full;
        w->room = room;
        w->flags = flags;
        w->cell_boxes = box;
    }
    t->n_cols = nc;
    t->col_edges = u;
    set_columns(t);
}

void table_skip_repeated_header(page_ctx *pc, tb_table *t, cell_matrix *m)
{
    size_t k = 0;
    while (k < m->n_rows && k < t->n_header) {
        int same = 1;
        for (size_t c = 0; c < m->n_cols && same; c++) {
            const char *got = table_clean_cell(pc->arena, table_span_text(m, k, c));
            same = strcmp(got, t->header[k][c]) == 0;
        }
        if (!same)
            break;
        k++;
    }
    if (k == 0 && t->n_header > 0) {
        size_t fb = first_body_row(pc, m);
        int headings = fb > 0 && fb <= t->n_header;
        for (size_t r = 0; r < fb && headings; r++)
            headings = heading_row(pc, m, r) != 0;
        if (headings || (fb > 0 && fb < m->n_rows && same_header_text(pc, t, m, fb)))
            k = fb;                 /* a header reprinted with small changes,
                                       or cut into rows differently, not the
                                       rest of a row the break cut */
    }
    m->body_from = k;
}

/* (2): whether body row cells continues prev across a page break. */
static int continues_row(const page_ctx *pc, const tb_row *prev, char **cells,
                         size_t n_cols)
{
    int any = 0;
    for (size_t c = 0; c < n_cols; c++) {
        if (!*cells[c])
            continue;
        if (!prev->full || !prev->full[c] || cell_kind(pc, cells[c]) == CELL_NUMBER ||
            grammar_match(pc->g, GR_ROW_START, cells[c], NULL, NULL, 0) ||
            2 * (size_t)g_utf8_strlen(cells[c], -1) > prev->room[c])
            return 0;
        any = 1;
    }
    return any;
}

/* The box of rows [r0, r1) of m across all its columns. */
static ex_box rows_box(const cell_matrix *m, size_t r0, size_t r1)
{
    return (ex_box){m->xs[0], m->ys[r0], m->xs[m->n_cols], m->ys[r1]};
}

void table_take_body(page_ctx *pc, tb_table *t, const cell_matrix *m)
{
    pr_arena *a = t->arena;
    int page = pc->page->number;
    int first_on_page = t->n_rows > 0 && t->rows[t->n_rows - 1].page != page;
    size_t nc = m->n_cols;
    const ex_box *boxes = table_cell_boxes(pc, m);
    unsigned char *conf;
    unsigned char *geo = table_cell_flags(pc, m, boxes, &conf);
    table_header_split_flags(pc, m, boxes, geo);
    if (m->body_from > 0)           /* the header (or its repeat) is here */
        table_note_region(t, page, rows_box(m, 0, m->body_from));
    size_t *at = pr_arena_alloc(pc->arena, (m->n_rows - m->body_from + 1) * sizeof *at);
    for (size_t r = m->body_from; r < m->n_rows; r++) {
        at[r - m->body_from] = SIZE_MAX;
        char **cells = pr_arena_alloc(a, nc * sizeof *cells);
        unsigned char *full = pr_arena_alloc(a, nc);
        unsigned char *room = pr_arena_alloc(a, nc);
        unsigned char *flags = pr_arena_alloc(a, nc);
        unsigned char *ocr_conf = conf ? pr_arena_alloc(a, nc) : NULL;
        ex_box *cb = pr_arena_alloc(a, nc * sizeof *cb);
        size_t filled = 0, last = 0;
        for (size_t c = 0; c < nc; c++) {
            size_t i = r * nc + c;
            int own = m->owner[i] == i;
            cells[c] = (char *)table_clean_cell(a, own_text(m, r, c));
            full[c] = m->full && own ? m->full[i] : 0;
            room[c] = m->room && own ? m->room[i] : 0;
            flags[c] = own && *cells[c] ? geo[i] : 0;
            if (ocr_conf)
                ocr_conf[c] = own && *cells[c] ? conf[i] : 0;
            cb[c] = boxes[i];
            if (*cells[c]) {
                filled++;
                last = c;
            }
        }
        if (filled && first_on_page) {
            first_on_page = 0;
            tb_row *prev = &t->rows[t->n_rows - 1];
            if (continues_row(pc, prev, cells, nc)) {
                for (size_t c = 0; c < nc; c++) {
                    if (!*cells[c])
                        continue;
                    prev->cells[c] = table_join_text(a, prev->cells[c], cells[c]);
                    prev->full[c] = full[c];
                    prev->room[c] = room[c];
                    if (prev->flags)    /* its box stays on the row's page */
                        prev->flags[c] |= flags[c];
                    if (prev->ocr_conf && ocr_conf && ocr_conf[c] &&
                        (!prev->ocr_conf[c] || ocr_conf[c] < prev->ocr_conf[c]))
                        prev->ocr_conf[c] = ocr_conf[c];
                }
                table_note_region(t, page, rows_box(m, r, r + 1));
                continue;
            }
        }
        if (filled == 0)
            continue;               /* a blank ruled row is not a row */
        if (filled == 1 && grammar_match(pc->g, GR_NOTE, cells[last], NULL, NULL, 0)) {
            table_push_note(t, cells[last]);
            continue;
        }
        tb_row row = {.cells = cells, .full = full, .room = room, .page = page,
                      .box = rows_box(m, r, r + 1), .cell_boxes = cb, .flags = flags,
                      .ocr_conf = ocr_conf};
        at[r - m->body_from] = t->n_rows;
        table_push_row(t, row);
        table_note_region(t, page, row.box);
    }
    push_spans(t, m, m->body_from, m->n_rows, at, 1);
}
