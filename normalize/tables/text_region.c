/*
 * text_region.c — the cells of a table region without vertical ruling
 * lines: a title over aligned text, or a grid of horizontal rules only (a
 * "three-line" table). Columns come from alignment, rows from the
 * wrapped-cell state machine (or from the horizontal rules).
 *
 * NOTES
 *   (1) Columns: the x-intervals of the segments of body-like lines (lines
 *       with an amount or a code in a segment of their own) are merged where
 *       they overlap; each merged band is a column, and the edge between two
 *       columns is the middle of the gap between their bands. Header lines
 *       are left out because a header cell often spans several columns.
 *       A number glued by one space to text or to another number in one
 *       segment (printed against the next column) is a band of its own;
 *       a segment that starts with one makes its line a body-like line.
 *       Not so a small bare integer one space after a Latin word: it is
 *       part of a label ("Projections of Education Statistics to 2017",
 *       "Ages 18 and 19"), whose years would otherwise make a column.
 *   (2) Every glyph of a line goes to the column holding its centre;
 *       but on a line of text alone (no number) whose words, with no
 *       gutter between them (cell_text.c NOTES (3)), run over a column
 *       edge, each such run goes whole to the column it starts in and
 *       spans the columns it runs over (a section heading centred over the columns: "Projected
 *       enrollment, in thousands", never cut into "Projected enrollme" and
 *       "nt, in thousands").
 *   (3) The wrapped-cell state machine, one step per body line:
 *
 *           line is an ANCHOR (an amount, a code or placeholder in some
 *           column; or its first cell starts a row: 一、 （一） 1. 201 合计;
 *           or text in two or more columns)
 *             -> start a new row with it
 *           line is a FRAGMENT (text in columns where the open row already
 *           has text, nothing else)
 *             -> join it to the open row, cell by cell (a wrapped name,
 *                "800.0" + "0"), unless it starts with a Latin capital (a
 *                section label, "Race": an English name wraps on in lower
 *                case)
 *           no open row, or the fragment fills a column the row left empty
 *             -> start a new row
 *
 *       A fragment that fills a cell the next line (an anchor) leaves
 *       empty, where the open row has that cell filled, is the first piece
 *       of the next row's cell (a name wrapped around a vertically centred
 *       amount): it waits and is prepended to that row. The fragment right
 *       under such a row's amounts is the rest of that name, even in Title
 *       Case ("Investigative Matters" / 426 ... / "Received by AUSAs"); so
 *       is the last header line when it is one first-column fragment right
 *       above a first body line whose first column is empty.
 *   (4) Header: lines above header_bottom (a rule under the header) or,
 *       without one, the lines before the first anchor that carries a
 *       number. The rule's count is kept (header_ruled) so that a table
 *       found by alignment does not take a section label printed under
 *       the rule ("Male" above its rows of numbers) into its header.
 *   (5) Each header line is a header row whose pieces of text span the
 *       columns they cover; a header cell with nothing above or below it
 *       in its column is merged down over the header lines.
 *   (6) A grid of horizontal rules between its body rows (no vertical
 *       ones) gives the rows: the lines between two rules are one row,
 *       whatever the state machine would say; only the columns come from
 *       alignment. With a rule under the header only (a "three-line"
 *       table), rows come from the state machine.
 *   (7) A word is never cut by the region's edge: the region asked for
 *       (the extent of a block's rows of numbers, a grid's frame) widens
 *       to the whole of every segment of its lines that runs over its
 *       left or right edge (a stub heading, "Concentration", starting left
 *       of the numbers under it; a header wider than its column). Text
 *       beyond a gap (prose beside the table) is another segment.
 */
#include "table_int.h"

#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


typedef struct tline {
    const ex_line *line;
    char **col;                 /* per column text (arena), "" if none */
    size_t *own;                /* per column, the column owning it (2) */
    int numbers, texts;         /* cells with a number / with text */
    int starts_row;
    ex_box box;
} tline;

typedef struct band { double x0, x1; } band;

static int by_x0(const void *a, const void *b)
{
    const band *x = a, *y = b;
    return (x->x0 > y->x0) - (x->x0 < y->x0);
}

int table_glyph_in(const ex_glyph *gl, const ex_box *r)
{
    double x = (gl->box.x0 + gl->box.x1) / 2, y = (gl->box.y0 + gl->box.y1) / 2;
    return x >= r->x0 - 1 && x <= r->x1 + 1 && y >= r->y0 - 1 && y <= r->y1 + 1;
}

/* (1): whether word is a small bare integer (1 to 4 ASCII digits: a
 * year, an age, a count in a label), which one space after a Latin word
 * belongs to its phrase ("Ages 18 and 19"), not to a column of its own. */
static int label_integer(const char *word)
{
    size_t n = strspn(word, "0123456789");
    return n >= 1 && n <= 4 && word[n] == '\0';
}

/* (1): the bands of one segment: its runs of text words, and each of its
 * number words alone (a number printed against the next column, by one
 * space: "7,651.71 一、一般公共服务支出", "960 1,040 1,120"). Words are
 * split where glyphs stand apart. */
static size_t segment_bands(const page_ctx *pc, const ex_line *ln, const ex_segment *sg,
                            band *out, size_t room)
{
    size_t end = sg->first_glyph + sg->n_glyphs, nb = 0;
    if (!room)
        return 0;
    if (end > ln->n_glyphs || sg->n_glyphs < 2) {
        out[0] = (band){sg->box.x0, sg->box.x1};
        return 1;
    }
    pr_strbuf w = PR_STRBUF_INIT;
    double wx0 = 0, wx1 = 0;
    int kind = -1;                      /* of the band being built */
    int after_word = 0;                 /* the last word ends in a Latin letter */
    double bx0 = 0, bx1 = 0;
    for (size_t k = sg->first_glyph; k <= end; k++) {
        const ex_glyph *gl = k < end ? &ln->glyphs[k] : NULL;
        double gap_min = 0.2 * (sg->size > 0 ? sg->size : 10);
        if (w.len && (!gl || gl->box.x0 - wx1 > gap_min)) {   /* a word ends */
            char word[256] = "";        /* all set: PCRE2's JIT may read past the NUL */
            snprintf(word, sizeof word, "%s", w.data);
            int num = table_is_number(pc->g, word);
            if (num && kind == 0 && after_word && label_integer(word))
                num = 0;                    /* "Statistics to 2017": the label's */
            if (!num) {
                size_t len = strlen(word);
                after_word = len && g_ascii_isalpha(word[len - 1]);
            }
            if (kind == num && !num) {      /* text words run on; numbers never */
                bx1 = wx1;
            } else {
                if (kind >= 0 && nb + 1 < room)
                    out[nb++] = (band){bx0, bx1};
                kind = num;
                bx0 = wx0;
                bx1 = wx1;
            }
            pr_strbuf_reset(&w);
        }
        if (!gl)
            break;
        if (!w.len)
            wx0 = gl->box.x0;
        pr_strbuf_put_utf8(&w, gl->cp);
        wx1 = gl->box.x1;
    }
    pr_strbuf_free(&w);
    if (kind >= 0)
        out[nb++] = (band){bx0, bx1};
    return nb;
}

/* (1): whether segment text starts with a number word (words are apart
 * by one space): "1,144 193.5 (182.2–204.8)", three columns set close in
 * one segment, is a body line's; "Postnatal Day 1" is a heading's. buf is
 * scratch of n bytes. */
static int starts_with_number(const page_ctx *pc, const char *text, char *buf, size_t n)
{
    const char *e = strchr(text, ' ');
    size_t len = e ? (size_t)(e - text) : strlen(text);
    if (!len || len >= n)
        return 0;
    memset(buf, 0, n);                  /* PCRE2's JIT may read past the NUL */
    memcpy(buf, text, len);
    return table_is_number(pc->g, buf);
}

/* (1) */
static double *find_columns(const page_ctx *pc, const ex_line **lines, size_t n,
                            const ex_box *region, size_t *n_cols, double **mids)
{
    band *b = malloc((1 + n * 16) * sizeof *b);
    size_t nb = 0, body_lines = 0;
    char buf[1024] = "";          /* all set: PCRE2's JIT may read past the NUL */
    for (int pass = 0; pass < 2 && nb == 0; pass++) {
        for (size_t i = 0; i < n; i++) {
            const ex_line *ln = lines[i];
            int body = 0;
            for (size_t s = 0; s < ln->n_segments && !body; s++)
                body = starts_with_number(pc, ln->segments[s].text, buf, sizeof buf);
            if (!body && pass == 0)
                continue;
            body_lines++;
            for (size_t s = 0; s < ln->n_segments && nb < n * 16; s++) {
                const ex_segment *sg = &ln->segments[s];
                if (sg->box.x1 < region->x0 || sg->box.x0 > region->x1)
                    continue;
                nb += segment_bands(pc, ln, sg, b + nb, n * 16 - nb);
            }
        }
        if (pass == 0 && body_lines < 1)
            nb = 0;
    }
    qsort(b, nb, sizeof *b, by_x0);
    size_t k = 0;
    for (size_t i = 0; i < nb; i++) {
        if (k && b[i].x0 <= b[k - 1].x1 + 1)
            b[k - 1].x1 = fmax(b[k - 1].x1, b[i].x1);
        else
            b[k++] = b[i];
    }
    if (k == 0)
        b[k++] = (band){region->x0, region->x1};
    double *e = pr_arena_alloc(pc->arena, (k + 1) * sizeof *e);
    e[0] = fmin(region->x0, b[0].x0);
    for (size_t i = 1; i < k; i++)
        e[i] = (b[i - 1].x1 + b[i].x0) / 2;
    e[k] = fmax(region->x1, b[k - 1].x1);
    *mids = pr_arena_alloc(pc->arena, (k + 1) * sizeof **mids);
    for (size_t i = 0; i < k; i++)
        (*mids)[i] = (b[i].x0 + b[i].x1) / 2;
    *n_cols = k;
    free(b);
    return e;
}

/* (2): the column of each glyph of ln inside region (cols[k], nc for
 * one outside), by its centre; with whole_runs, a run of glyphs with no
 * gutter between them (cell_text.c NOTES (3)) goes whole to the column
 * of its first glyph, or to the column spanning that one, and own[c]
 * says which column owns column c (a run spans it). */
static void glyph_columns(const ex_line *ln, const ex_box *region, const double *xs,
                          size_t nc, int whole_runs, size_t *cols, size_t *own)
{
    for (size_t c = 0; c < nc; c++)
        own[c] = c;
    const ex_glyph *prev = NULL;
    size_t run_col = 0;
    for (size_t k = 0; k < ln->n_glyphs; k++) {
        const ex_glyph *gl = &ln->glyphs[k];
        if (!table_glyph_in(gl, region)) {
            cols[k] = nc;
            prev = NULL;
            continue;
        }
        size_t c = table_column_at(xs, nc, (gl->box.x0 + gl->box.x1) / 2);
        if (whole_runs && prev && !table_gutter_between(prev, gl)) {
            for (size_t s = run_col + 1; s <= c; s++)
                own[s] = run_col;
            c = run_col;
        } else if (whole_runs) {
            c = own[c];         /* a run starting under a span goes on in it */
        }
        run_col = c;
        cols[k] = c;
        prev = gl;
    }
}

/* (2): whether a run of glyphs of ln (no gutter between them) crosses a
 * column edge. */
static int run_crosses(const ex_line *ln, const size_t *cols, size_t nc)
{
    for (size_t k = 1; k < ln->n_glyphs; k++)
        if (cols[k] < nc && cols[k - 1] < nc && cols[k] != cols[k - 1] &&
            !table_gutter_between(&ln->glyphs[k - 1], &ln->glyphs[k]))
            return 1;
    return 0;
}

/* (2): tl's cells, box and counts from ln's glyphs, each in column
 * cols[k] (none where cols[k] == nc). */
static void fill_line(page_ctx *pc, const ex_line *ln, const size_t *cols, size_t nc,
                      tline *tl)
{
    pr_strbuf *sb = calloc(nc, sizeof *sb);
    const ex_glyph **last = calloc(nc, sizeof *last);
    if (!sb || !last)
        pr_die_nomem();
    tl->line = ln;
    tl->box = (ex_box){1e9, 1e9, -1e9, -1e9};
    tl->numbers = tl->texts = tl->starts_row = 0;
    for (size_t k = 0; k < ln->n_glyphs; k++) {
        const ex_glyph *gl = &ln->glyphs[k];
        size_t c = cols[k];
        if (c >= nc)
            continue;
        if (table_space_between(last[c], gl))
            pr_strbuf_putc(&sb[c], ' ');
        last[c] = gl;
        pr_strbuf_put_utf8(&sb[c], gl->cp);
        tl->box.x0 = fmin(tl->box.x0, gl->box.x0); tl->box.x1 = fmax(tl->box.x1, gl->box.x1);
        tl->box.y0 = fmin(tl->box.y0, gl->box.y0); tl->box.y1 = fmax(tl->box.y1, gl->box.y1);
    }
    tl->col = pr_arena_alloc(pc->arena, nc * sizeof *tl->col);
    int first = 1;
    for (size_t c = 0; c < nc; c++) {
        tl->col[c] = pr_arena_strndup(pc->arena, sb[c].len ? sb[c].data : "", sb[c].len);
        pr_strbuf_free(&sb[c]);
        const char *t = tl->col[c];
        if (!*t)
            continue;
        if (table_is_number(pc->g, t))
            tl->numbers++;
        else
            tl->texts++;
        if (first)
            tl->starts_row = grammar_match(pc->g, GR_ROW_START, t, NULL, NULL, 0) ||
                             grammar_match(pc->g, GR_TOTAL, t, NULL, NULL, 0);
        first = 0;
    }
    free(sb);
    free(last);
}

/* (2): a line's glyphs inside region, per column; a line of text alone
 * whose words run over column edges (a section heading centred over the
 * columns) spans them, whole. */
static void split_line(page_ctx *pc, const ex_line *ln, const ex_box *region,
                       const double *xs, size_t nc, tline *tl)
{
    size_t *cols = malloc((ln->n_glyphs + 1) * sizeof *cols);
    if (!cols)
        pr_die_nomem();
    tl->own = pr_arena_alloc(pc->arena, nc * sizeof *tl->own);
    glyph_columns(ln, region, xs, nc, 0, cols, tl->own);
    fill_line(pc, ln, cols, nc, tl);
    if (tl->numbers == 0 && run_crosses(ln, cols, nc)) {
        glyph_columns(ln, region, xs, nc, 1, cols, tl->own);
        fill_line(pc, ln, cols, nc, tl);
    }
    free(cols);
}

/* (5): per column, whether its body cells hold figures: most of its
 * filled cells no letter (amounts, codes, ranges "45–54", intervals
 * "(53.2–58.8)", placeholders), where a column of row labels holds
 * words. In the page's arena. */
static unsigned char *figure_columns(page_ctx *pc, const tline *tl, size_t n, size_t nc)
{
    unsigned char *fig = pr_arena_alloc(pc->arena, nc + 1);
    for (size_t c = 0; c < nc; c++) {
        size_t filled = 0, words = 0;
        for (size_t i = 0; i < n; i++) {
            const char *t = tl[i].col[c];
            if (!*t)
                continue;
            filled++;
            for (const char *p = t; *p; p = g_utf8_next_char(p))
                if (g_unichar_isalpha(g_utf8_get_char(p))) {
                    words++;
                    break;
                }
        }
        fig[c] = filled > 0 && 2 * words < filled;
    }
    return fig;
}

/* (3): whether line b stands right under line a: less than a line
 * height between them. */
static int close_below(const tline *a, const tline *b)
{
    double h = a->box.y1 - a->box.y0;
    return b->box.y0 - a->box.y1 < (h > 4 ? h : 4);
}

/* (3): whether line a, the last before the first body line b, is the top
 * of b's label wrapped around b's vertically centred amounts: text in the
 * first column only, b's first column empty, right above b. */
static int label_over(const tline *a, const tline *b, size_t nc)
{
    if (!*a->col[0] || *b->col[0] || a->numbers || !close_below(a, b))
        return 0;
    for (size_t c = 1; c < nc; c++)
        if (*a->col[c])
            return 0;
    return 1;
}

/* (3): whether the line's text starts with a Latin capital: a new row
 * (a section label, "Race"), where a name wrapped onto the next line goes
 * on in lower case ("surfacing"). */
static int starts_capital(const tline *l, size_t nc)
{
    for (size_t c = 0; c < nc; c++)
        if (*l->col[c])
            return l->col[c][0] >= 'A' && l->col[c][0] <= 'Z';
    return 0;
}

static int is_anchor(const tline *l)
{
    return l->numbers > 0 || l->starts_row || l->texts >= 2;
}

/* Whether fragment l only adds to columns where row already has text. */
static int continues(const tline *l, char *const *row, size_t nc)
{
    for (size_t c = 0; c < nc; c++)
        if (*l->col[c] && !*row[c])
            return 0;
    return 1;
}

typedef struct rows_acc {
    char ***cells;
    size_t **first;             /* per row, per column: the column that owns
                                   the cell (a header cell spans columns) */
    ex_box *box;
    size_t n, cap;
} rows_acc;

static size_t add_row(page_ctx *pc, rows_acc *ra, ex_box box, size_t nc)
{
    if (ra->n == ra->cap) {
        ra->cap = ra->cap ? 2 * ra->cap : 16;
        ra->cells = pr_xrealloc(ra->cells, ra->cap * sizeof *ra->cells);
        ra->first = pr_xrealloc(ra->first, ra->cap * sizeof *ra->first);
        ra->box = pr_xrealloc(ra->box, ra->cap * sizeof *ra->box);
    }
    ra->cells[ra->n] = pr_arena_alloc(pc->arena, nc * sizeof(char *));
    ra->first[ra->n] = pr_arena_alloc(pc->arena, nc * sizeof(size_t));
    for (size_t c = 0; c < nc; c++) {
        ra->cells[ra->n][c] = "";
        ra->first[ra->n][c] = c;
    }
    ra->box[ra->n] = box;
    return ra->n++;
}

static void new_row(page_ctx *pc, rows_acc *ra, const tline *l, size_t nc)
{
    size_t r = add_row(pc, ra, l->box, nc);
    for (size_t c = 0; c < nc; c++) {
        ra->cells[r][c] = l->col[c];
        ra->first[r][c] = l->own[c];
    }
}

static void join_row(page_ctx *pc, rows_acc *ra, size_t i, const tline *l,
                     size_t nc, int before)
{
    for (size_t c = 0; c < nc; c++)
        if (*l->col[c])
            ra->cells[i][c] = before ? table_join_text(pc->arena, l->col[c], ra->cells[i][c])
                                     : table_join_text(pc->arena, ra->cells[i][c], l->col[c]);
    ex_box *b = &ra->box[i];
    b->x0 = fmin(b->x0, l->box.x0); b->x1 = fmax(b->x1, l->box.x1);
    b->y0 = fmin(b->y0, l->box.y0); b->y1 = fmax(b->y1, l->box.y1);
}

/* Whether l's text lies only in columns that row leaves empty. */
static int fills_hole(const tline *l, char *const *row, size_t nc)
{
    int any = 0;
    for (size_t c = 0; c < nc; c++) {
        if (!*l->col[c])
            continue;
        if (*row[c])
            return 0;
        any = 1;
    }
    return any;
}

size_t table_column_at(const double *xs, size_t nc, double x)
{
    size_t c = 0;
    while (c + 1 < nc && x >= xs[c + 1])
        c++;
    return c;
}

/* (5): a header line whose cells all come from the lines around it (every
 * cell merged down) says nothing new: it is not a header row of its own. */
static size_t drop_repeated_header_rows(page_ctx *pc, cell_matrix *m, size_t header_rows)
{
    size_t nc = m->n_cols, nr = m->n_rows, kept = 0;
    size_t *new_row = pr_arena_alloc(pc->arena, (nr + 1) * sizeof *new_row);
    for (size_t r = 0; r < nr; r++) {
        int same = r > 0 && r < header_rows;
        for (size_t c = 0; c < nc && same; c++)
            same = strcmp(table_span_text(m, r, c), table_span_text(m, r - 1, c)) == 0;
        new_row[r] = same ? new_row[r - 1] : kept++;
    }
    if (kept == nr)
        return header_rows;
    const char **text = pr_arena_alloc(pc->arena, (kept * nc + 1) * sizeof *text);
    size_t *owner = pr_arena_alloc(pc->arena, (kept * nc + 1) * sizeof *owner);
    double *ys = pr_arena_alloc(pc->arena, (kept + 1) * sizeof *ys);
    for (size_t r = 0; r < nr; r++) {
        size_t nrw = new_row[r];
        int first = r == 0 || new_row[r - 1] != nrw;
        if (first)
            ys[nrw] = m->ys[r];
        for (size_t c = 0; c < nc; c++) {
            size_t o = m->owner[r * nc + c], i = nrw * nc + c;
            if (first)
                owner[i] = new_row[o / nc] * nc + o % nc;
            /* the text a dropped line held moves up with it */
            const char *t = m->text[r * nc + c];
            if (first || (t && *t && (!text[i] || !*text[i])))
                text[i] = t;
        }
    }
    ys[kept] = m->ys[nr];
    m->text = text;
    m->owner = owner;
    m->ys = ys;
    m->n_rows = kept;
    return header_rows ? new_row[header_rows - 1] + 1 : 0;
}

/* Which band between rules[0..n) holds y. */
static size_t band_of(const double *rules, size_t n, double y)
{
    size_t b = 0;
    while (b < n && y >= rules[b])
        b++;
    return b;
}

/* (7): region widened to the whole of every segment of lines that
 * straddles its left or right edge. */
static ex_box whole_words(const ex_line *const *lines, size_t n, const ex_box *region)
{
    ex_box r = *region;
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < lines[i]->n_segments; k++) {
            const ex_box *b = &lines[i]->segments[k].box;
            double y = (b->y0 + b->y1) / 2;
            if (y < region->y0 - 1 || y > region->y1 + 1)
                continue;
            if (b->x0 < region->x0 - 1 && b->x1 > region->x0 + 1)
                r.x0 = fmin(r.x0, b->x0);
            if (b->x0 < region->x1 - 1 && b->x1 > region->x1 + 1)
                r.x1 = fmax(r.x1, b->x1);
        }
    return r;
}

void table_read_text_region(page_ctx *pc, const ex_box *asked,
                            const double *rules, size_t n_rules, cell_matrix *m)
{
    /* rules[0] and rules[n_rules - 1] are the grid's top and bottom */
    double header_bottom = n_rules >= 3 ? rules[1] : 0;
    int ruled_rows = n_rules >= 4;              /* (6) */
    const ex_page *pg = pc->page;
    const ex_line **lines = malloc((pg->n_lines + 1) * sizeof *lines);
    size_t n = 0;
    for (size_t i = 0; i < pg->n_lines; i++) {
        const ex_line *ln = &pg->lines[i];
        for (size_t k = 0; k < ln->n_glyphs; k++)
            if (table_glyph_in(&ln->glyphs[k], asked)) {
                lines[n++] = ln;
                break;
            }
    }
    ex_box widened = whole_words(lines, n, asked);                  /* (7) */
    const ex_box *region = &widened;
    size_t nc;
    double *mids;
    double *xs = find_columns(pc, lines, n, region, &nc, &mids);
    tline *tl = pr_arena_alloc(pc->arena, (n + 1) * sizeof *tl);
    for (size_t i = 0; i < n; i++)
        split_line(pc, lines[i], region, xs, nc, &tl[i]);

    size_t body = 0;                                                 /* (4) */
    if (header_bottom > 0)
        while (body < n && (tl[body].box.y0 + tl[body].box.y1) / 2 < header_bottom)
            body++;
    else
        while (body < n && tl[body].numbers == 0 && !tl[body].starts_row)
            body++;
    if (body == n && header_bottom <= 0)
        body = 0;                   /* no number anywhere: no header either */
    if (header_bottom <= 0 && body >= 2 && body < n && label_over(&tl[body - 1], &tl[body], nc))
        body--;                     /* (3) the first row's label, wrapped around it */

    unsigned char *figures = figure_columns(pc, tl + body, n - body, nc);   /* (5) */
    text_header th;
    table_text_header(pc, lines, body, region, xs, mids, nc, figures, &th);
    free(lines);
    rows_acc ra = {0};
    const tline *pending = NULL;                                     /* (3) */
    int label_around = 0;           /* (3) the open row's label began above it */
    for (size_t i = body; i < n; i++) {
        const tline *l = &tl[i];
        int open = ra.n > 0;
        if (ruled_rows) {                       /* (6) the rules decide */
            size_t b = band_of(rules, n_rules, (l->box.y0 + l->box.y1) / 2);
            if (open && i > body &&
                band_of(rules, n_rules, (tl[i - 1].box.y0 + tl[i - 1].box.y1) / 2) == b)
                join_row(pc, &ra, ra.n - 1, l, nc, 0);
            else
                new_row(pc, &ra, l, nc);
            continue;
        }
        if (is_anchor(l)) {
            new_row(pc, &ra, l, nc);
            label_around = 0;
            if (pending) {
                join_row(pc, &ra, ra.n - 1, pending, nc, 1);
                label_around = !*l->col[0] && *pending->col[0];
                pending = NULL;
            }
            continue;
        }
        if (pending) {                  /* two fragments in a row: the first
                                           belonged to the open row after all */
            if (open)
                join_row(pc, &ra, ra.n - 1, pending, nc, 0);
            else
                new_row(pc, &ra, pending, nc);
            pending = NULL;
            open = 1;
        }
        const tline *next = i + 1 < n ? &tl[i + 1] : NULL;
        if (next && is_anchor(next) && fills_hole(l, next->col, nc) &&
            !(open && fills_hole(l, ra.cells[ra.n - 1], nc)))
            pending = l;                /* the top of next row's cell */
        else if (open && continues(l, ra.cells[ra.n - 1], nc) &&
                 (!starts_capital(l, nc) || (label_around && close_below(&tl[i - 1], l))))
            join_row(pc, &ra, ra.n - 1, l, nc, 0);
        else
            new_row(pc, &ra, l, nc);
    }
    if (pending) {
        if (ra.n > 0)
            join_row(pc, &ra, ra.n - 1, pending, nc, 0);
        else
            new_row(pc, &ra, pending, nc);
    }

    size_t hr = th.n_rows, nr = hr + ra.n;
    const char **text = pr_arena_alloc(pc->arena, (nr * nc + 1) * sizeof *text);
    size_t *owner = pr_arena_alloc(pc->arena, (nr * nc + 1) * sizeof *owner);
    double *ys = pr_arena_alloc(pc->arena, (nr + 1) * sizeof *ys);
    for (size_t r = 0; r < hr; r++) {
        for (size_t c = 0; c < nc; c++) {
            owner[r * nc + c] = th.owner[r * nc + c];
            text[r * nc + c] = th.text[r * nc + c];
        }
        ys[r] = r == 0 ? fmin(region->y0, th.ys[0]) : th.ys[r];
    }
    for (size_t r = hr; r < nr; r++) {
        for (size_t c = 0; c < nc; c++) {
            owner[r * nc + c] = r * nc + ra.first[r - hr][c];
            text[r * nc + c] = ra.cells[r - hr][c];
        }
        ys[r] = r == 0 ? fmin(region->y0, ra.box[0].y0) : ra.box[r - hr].y0;
    }
    ys[nr] = ra.n ? fmax(region->y1, ra.box[ra.n - 1].y1)
                  : hr ? fmax(region->y1, th.ys[hr - 1]) : region->y1;
    free(ra.cells);
    free(ra.first);
    free(ra.box);
    *m = (cell_matrix){nr, nc, text, owner, ys, xs, 0, 0, NULL, NULL, (size_t)-1, 1, *region, 0, 0, 0};
    hr = drop_repeated_header_rows(pc, m, hr);
    if (header_bottom > 0)
        m->header_ruled = hr;                                       /* (4) */
}

