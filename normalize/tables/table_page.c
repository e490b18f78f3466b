/*
 * table_page.c — stage two for one page: splits the page's text between
 * its ruled grids and free lines, then takes the grids top to bottom: each
 * grid's preamble (table_preamble.c), titled text tables above it
 * (text_table.c), its cells (grid_cells.c), and its place in the document
 * (table_place.c): a new table or the continuation of the open one.
 *
 * NOTES
 *   (1) Text is split per glyph: a glyph whose centre is inside a grid
 *       belongs to that grid's cell (page_grids.c (4)); the rest of its
 *       line is "free text", where titles, metadata and notes are looked
 *       for. So a label printed on the same baseline as the grid's top
 *       never glues into a cell, and no cell loses an overflowing glyph.
 *   (5) A title left at the foot of a page (with its label, org and unit)
 *       waits for the next page's first grid.
 *   (6) A title printed inside the grid, as its leading rows, is the
 *       table's title, not its rows (table_preamble.c NOTES (7)); the
 *       header is looked for under it.
 *   (9) A grid of horizontal rules only with no number in it, under no
 *       CJK title, is a header band: a three-line table's top rule and the
 *       rule under its header, the body below them unruled (or its bottom
 *       rule too far down to join them). It makes no table of its own;
 *       its lines stay loose, and the aligned text under it takes them as
 *       heading lines (text_blocks.c (3)), the title above it with them.
 *       Under a title without CJK (an English "Table 3."), so does any
 *       grid of horizontal rules only, and a frame of one column (its
 *       inner rules undrawn, or lost by a scan): aligned text is read with
 *       its headings' levels, titles and prose around it (text_blocks.c),
 *       which a grid of rules only, read by its rules, is not. The CJK
 *       templates keep their grids.
 *   (8) The trace (table_add_page_traced, `pdfrows explain`): pc->trace is
 *       NULL for table_add_page(), and every trace call is either guarded
 *       by it or a no-op without it, so reading is the same either way.
 *       What a decision made elsewhere did (a new table or a continuation
 *       placed, its header rows, notes, unplaced lines) is told here from
 *       the document before and after table_place(); why the first body
 *       row is one (body_reason) describes that row's cells in the terms
 *       of table_rows.c NOTES (3) without deciding anything. With a trace,
 *       m.body_from is set to -1 before table_place(), which sets it on
 *       every path that places the matrix: still -1 after, no table.
 */
#include "table_int.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --------------------------------------------------------------- trace */

void table_tracef(const tb_trace *tr, int page, const char *event, int table, int line,
                  const ex_box *box, const char *fmt, ...)
{
    if (!tr || !tr->fn)
        return;
    char detail[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof detail, fmt, ap);
    va_end(ap);
    tb_trace_event ev = {page, event, table, line, box, detail};
    tr->fn(tr->arg, &ev);
}

#define TRACE(pc, event, table, line, box, ...)                                    \
    table_tracef((pc)->trace, (pc)->page->number, event, table, line, box, __VA_ARGS__)

/* The page line (1-based) free line i is part of. */
static int line_no(const page_ctx *pc, size_t i)
{
    return i < pc->n_free ? (int)(pc->free[i].line - pc->page->lines) + 1 : 0;
}

/* ---------------------------------------------------------------- text */

static void append_cp(pr_strbuf *sb, uint32_t cp)
{
    pr_strbuf_put_utf8(sb, cp);
}

/* (1): which grid holds the glyph, or -1. */
static int grid_of(const page_ctx *pc, const ex_glyph *gl)
{
    double x = (gl->box.x0 + gl->box.x1) / 2, y = (gl->box.y0 + gl->box.y1) / 2;
    for (size_t i = 0; i < pc->n_grids; i++) {
        const tb_grid *g = &pc->grids[i];
        if (x >= g->box.x0 - 1 && x <= g->box.x1 + 1 && y >= g->box.y0 - 1 &&
            y <= g->box.y1 + 1)
            return (int)i;
    }
    return -1;
}

static void split_text(page_ctx *pc)
{
    const ex_page *pg = pc->page;
    pc->free = pr_arena_alloc(pc->arena, (pg->n_lines + 1) * sizeof *pc->free);
    pc->free_of_line = pr_arena_alloc(pc->arena, (pg->n_lines + 1) * sizeof *pc->free_of_line);
    memset(pc->free_of_line, 0, (pg->n_lines + 1) * sizeof *pc->free_of_line);
    pr_strbuf sb = PR_STRBUF_INIT;
    for (size_t li = 0; li < pg->n_lines; li++) {
        const ex_line *ln = &pg->lines[li];
        pr_strbuf_reset(&sb);
        ex_box fb = {1e9, 1e9, -1e9, -1e9};
        for (size_t k = 0; k < ln->n_glyphs; k++) {
            const ex_glyph *gl = &ln->glyphs[k];
            int gi = grid_of(pc, gl);
            if (gi >= 0) {
                pc->in_grid[gi] = 1;
                continue;
            }
            append_cp(&sb, gl->cp);
            fb.x0 = fmin(fb.x0, gl->box.x0); fb.x1 = fmax(fb.x1, gl->box.x1);
            fb.y0 = fmin(fb.y0, gl->box.y0); fb.y1 = fmax(fb.y1, gl->box.y1);
        }
        if (sb.len == 0)
            continue;
        free_line *fl = &pc->free[pc->n_free++];
        pc->free_of_line[li] = fl;
        fl->line = ln;
        fl->box = fb;
        fl->text = pr_arena_strndup(pc->arena, sb.data, sb.len);
        fl->used = 0;
        if (pc->trace)
            TRACE(pc, "free_line", 0, (int)li + 1, &fl->box, "%s", fl->text);
        char year[16];
        if (!*pc->doc->year &&
            grammar_match(pc->g, GR_YEAR, fl->text, "year", year, sizeof year))
            pc->doc->year = pr_arena_strndup(pc->doc->arena, year, strlen(year));
        char kind[32];
        if (!*pc->doc->kind &&
            grammar_match(pc->g, GR_DOC_KIND, fl->text, "kind", kind, sizeof kind))
            pc->doc->kind = pr_arena_strndup(pc->doc->arena, kind, strlen(kind));
    }
    pr_strbuf_free(&sb);
}

/* First free line at or below y. */
static size_t free_at(const page_ctx *pc, double y)
{
    size_t i = 0;
    while (i < pc->n_free && pc->free[i].box.y0 < y - 1)
        i++;
    return i;
}

static size_t first_grid(const page_ctx *pc)
{
    for (size_t gi = 0; gi < pc->n_grids; gi++)
        if (pc->in_grid[gi])
            return gi;
    return pc->n_grids;
}

/* (5): a title left at the foot of the page waits for the next page. */
static void carry_title(page_ctx *pc, size_t from)
{
    tb_doc *d = pc->doc;
    d->pending_title = d->pending_label = NULL;
    table_head head;
    if (pc->trace) {
        size_t first = from, last = from, n = 0;
        for (size_t i = from; i < pc->n_free; i++) {
            if (pc->free[i].used)
                continue;
            if (n++ == 0)
                first = i;
            last = i;
        }
        if (n)
            TRACE(pc, "foot", 0, 0, NULL, "%zu free line%s from L%d to L%d that no table "
                  "took: a title left at the page's foot? (read bottom-up)", n,
                  n == 1 ? "" : "s", line_no(pc, first), line_no(pc, last));
    }
    table_read_preamble(pc, from, pc->n_free, &head);
    if (!head.title && !head.label)
        return;
    d->pending_title = head.title;          /* NULL: a label alone */
    d->pending_label = head.label;
    d->pending_org = head.org;
    d->pending_unit = head.unit;
    if (pc->trace)
        TRACE(pc, "carry", 0, head.title ? line_no(pc, head.title_line) : 0, NULL,
              "%s%s%s%s waits for the next page's first grid (no grid under it here)",
              head.label ? "label " : "", head.label ? head.label : "",
              head.label && head.title ? ", title " : head.title ? "title " : "",
              head.title ? head.title : "");
}

static void take_carried_title(const page_ctx *pc, tb_doc *d, table_head *head)
{
    if (!d->pending_title && d->pending_label && head->title && !head->label) {
        head->label = d->pending_label;     /* "公开04表" at the foot */
        if (pc->trace)
            TRACE(pc, "carried_title", 0, 0, NULL, "label %s, left alone at the foot of "
                  "the previous page, goes with this grid's title", head->label);
    }
    if (head->title || !d->pending_title)
        return;
    head->title = d->pending_title;
    head->label = d->pending_label;
    if (!head->org)
        head->org = d->pending_org;
    if (!head->unit)
        head->unit = d->pending_unit;
    d->pending_title = NULL;
    if (pc->trace)
        TRACE(pc, "carried_title", 0, 0, NULL, "title %s%s%s, left at the foot of the "
              "previous page, is this grid's (it has no title above it)", head->title,
              head->label ? ", label " : "", head->label ? head->label : "");
}

/* ------------------------------------------------------------ trace (8) */

/* The first (last: the last) page line whose middle lies between y0 and
 * y1, or 0. */
static int line_in(const page_ctx *pc, double y0, double y1, int last)
{
    int found = 0;
    for (size_t i = 0; i < pc->page->n_lines; i++) {
        const ex_box *b = &pc->page->lines[i].box;
        double y = (b->y0 + b->y1) / 2;
        if (y >= y0 && y <= y1) {
            found = (int)i + 1;
            if (!last)
                break;
        }
    }
    return found;
}

static int line_at(const page_ctx *pc, double y0, double y1)
{
    return line_in(pc, y0, y1, 0);
}

static const char *own_cell(const cell_matrix *m, size_t r, size_t c)
{
    size_t i = r * m->n_cols + c;
    return m->owner[i] == i && m->text[i] ? m->text[i] : "";
}

/* Why row r of m reads as a body row (table_rows.c NOTES (3)), into out;
 * 0 when none of the reasons holds. */
static int body_reason(const page_ctx *pc, const cell_matrix *m, size_t r, char *out,
                       size_t n)
{
    static const gr_kind number[] = {GR_AMOUNT, GR_CODE, GR_PLACEHOLDER};
    const char *first = NULL;
    size_t first_c = 0, texts = 0, items = 0;
    for (size_t c = 0; c < m->n_cols; c++) {
        const char *t = own_cell(m, r, c);
        if (!*t)
            continue;
        for (size_t k = 0; k < 3; k++)
            if (grammar_match(pc->g, number[k], t, NULL, NULL, 0)) {
                snprintf(out, n, "'%s' in column %zu is %s", t, c + 1,
                         k == 0 ? "an amount" : k == 1 ? "a subject code" : "a placeholder");
                return 1;
            }
        if (!first) {
            first = t;
            first_c = c;
        }
        texts++;
        items += grammar_match(pc->g, GR_ROW_START, t, NULL, NULL, 0);
    }
    if (first && grammar_match(pc->g, GR_TOTAL, first, NULL, NULL, 0) && texts == 1) {
        snprintf(out, n, "'%s' in column %zu is a total label (its amounts are empty)", first,
                 first_c + 1);
        return 1;
    }
    if (texts && items == texts) {
        snprintf(out, n, "every filled cell is a numbered item (row_start): '%s'", first);
        return 1;
    }
    return 0;
}

/* How many of row r's cells match a `header` rule, and which do not. */
static void headings(const page_ctx *pc, const cell_matrix *m, size_t r, char *out, size_t n)
{
    size_t words = 0, cells = 0, len = 0;
    char others[400] = "";
    for (size_t c = 0; c < m->n_cols && r < m->n_rows; c++) {
        const char *t = own_cell(m, r, c);
        if (!*t)
            continue;
        cells++;
        if (grammar_match(pc->g, GR_HEADER, t, NULL, NULL, 0)) {
            words++;
        } else if (len < sizeof others) {
            int k = snprintf(others + len, sizeof others - len, "%s'%s'", len ? ", " : "", t);
            len += k > 0 ? (size_t)k : 0;
        }
    }
    snprintf(out, n, "%zu of its %zu filled cells match a `header` rule, more than half "
             "must%s%s", words, cells,
             *others ? "; not: " : "", others);
}

/* The rows [a, b) of m as "rows a-b (y ...)", numbered as rows of the
 * grid whose first lead rows were cut off (its title inside the frame). */
static void row_span(const cell_matrix *m, size_t a, size_t b, size_t lead, char *out,
                     size_t n)
{
    if (b <= a)
        snprintf(out, n, "no rows");
    else if (b == a + 1)
        snprintf(out, n, "row %zu (y %.1f-%.1f)", a + lead + 1, m->ys[a], m->ys[b]);
    else
        snprintf(out, n, "rows %zu-%zu (y %.1f-%.1f)", a + lead + 1, b + lead, m->ys[a],
                 m->ys[b]);
}

/* What the document held before table_place(), to tell what it did. */
typedef struct place_state {
    size_t n_tables, n_unplaced, rows, notes, header;
    const tb_table *open;
} place_state;

static place_state place_before(const tb_doc *d)
{
    place_state b = {d->n_tables, d->n_unplaced, 0, 0, 0, d->open};
    if (d->open) {
        b.rows = d->open->n_rows;
        b.notes = d->open->n_notes;
        b.header = d->open->n_header;
    }
    return b;
}

/* How the new table got its title (table_head as read for it). */
static void title_source(const page_ctx *pc, const table_head *head, size_t lead,
                         int title_above, char *out, size_t n)
{
    if (!head->title)
        snprintf(out, n, "no title: kept as a table since it is a ruled grid of 2 or more "
                 "columns with text in 2 or more cells");
    else if (lead)
        snprintf(out, n, "its title is printed inside the grid (its first %zu row%s)", lead,
                 lead == 1 ? "" : "s");
    else if (title_above)
        snprintf(out, n, "title line L%d above the grid matched",
                 line_no(pc, head->title_line));
    else
        snprintf(out, n, "the title left at the foot of the previous page");
}

static void next_line(const page_ctx *pc, size_t i, double bottom, char *out, size_t n);

/* The outcome of table_place() for grid number gi's matrix m. */
static void trace_placed(const page_ctx *pc, const place_state *b, const cell_matrix *m,
                         const table_head *head, size_t lead, int title_above, size_t gi,
                         size_t limit, size_t next_free)
{
    const tb_doc *d = pc->doc;
    ex_box box = {m->xs[0], m->ys[0], m->xs[m->n_cols], m->ys[m->n_rows]};
    char buf[512], span[128];
    if (m->body_from == (size_t)-1) {
        TRACE(pc, "not_table", 0, 0, &box, "grid %zu is no table: it continues nothing, has "
              "no title, and is not a ruled grid of 2 or more columns with text in 2 or more "
              "cells", gi + 1);
        return;
    }
    const tb_table *t = d->open;
    int fresh = d->n_tables > b->n_tables;
    size_t rows0 = fresh || t != b->open ? 0 : b->rows;
    size_t notes0 = fresh || t != b->open ? 0 : b->notes;
    if (fresh) {
        title_source(pc, head, lead, title_above, buf, sizeof buf);
        TRACE(pc, "table_new", t->seq, head->title ? line_no(pc, head->title_line) : 0, &box,
              "table %d starts: grid %zu%s%s%s%s; %s", t->seq, gi + 1,
              *t->label ? ", label " : "", t->label, *t->title ? ", title " : "", t->title,
              buf);
        size_t fb = m->body_from;
        if (fb == 0) {
            if (m->n_rows && body_reason(pc, m, 0, buf, sizeof buf))
                TRACE(pc, "header", t->seq, line_at(pc, m->ys[0], m->ys[1]), &box,
                      "no header rows: the first row is a body row (%s)", buf);
            else {
                headings(pc, m, 0, buf, sizeof buf);
                TRACE(pc, "header", t->seq, m->n_rows ? line_at(pc, m->ys[0], m->ys[1]) : 0,
                      &box, "no header rows: the first row does not read as column headings "
                      "(%s): a form, every row is body", buf);
            }
        } else {
            row_span(m, 0, fb, lead, span, sizeof span);
            if (fb < m->n_rows && body_reason(pc, m, fb, buf, sizeof buf))
                TRACE(pc, "header", t->seq, line_at(pc, m->ys[fb], m->ys[fb + 1]), &box,
                      "%s; the body starts at row %zu (y %.1f), the first body row: %s",
                      span, fb + lead + 1, m->ys[fb], buf);
            else if (fb < m->n_rows)
                TRACE(pc, "header", t->seq, line_at(pc, m->ys[fb], m->ys[fb + 1]), &box,
                      "%s, the leading rows that read as headings (no row has an "
                      "amount, a code or a total label); the body starts at row %zu (y %.1f)",
                      span, fb + lead + 1, m->ys[fb]);
            else
                TRACE(pc, "header", t->seq, 0, &box, "%s, all of it: no row has an "
                      "amount, a code or a total label (an empty table)", span);
        }
    } else if (t == b->open && t->n_header > b->header) {
        row_span(m, 0, m->body_from, lead, span, sizeof span);
        TRACE(pc, "header", t->seq, 0, &box, "the rest of the table's header: %s, under "
              "the header of the previous page (the page break fell inside it)", span);
    } else if (m->body_from > 0) {
        row_span(m, 0, m->body_from, lead, span, sizeof span);
        TRACE(pc, "header", t->seq, 0, &box, "%s: %s (dropped)", span,
              m->body_from <= t->n_header ? "the table's header printed again"
                                          : "the table's header, cut into rows differently");
    }
    if (t->n_rows > rows0)
        TRACE(pc, "body", t->seq, 0, &box, "%zu body rows into table %d (printed rows "
              "%zu-%zu)", t->n_rows - rows0, t->seq, rows0 + 1, t->n_rows);
    else
        TRACE(pc, "body", t->seq, 0, &box, "no body row from this grid into table %d%s",
              t->seq, rows0 ? " (or its one row joined the table's last)" : "");
    for (size_t k = b->n_unplaced; k < d->n_unplaced; k++)
        TRACE(pc, "unplaced", t->seq, 0, &d->unplaced[k].box, "'%s' between the title and "
              "the grid is none of title, label, org, unit: listed as unplaced",
              d->unplaced[k].text);
    for (size_t k = notes0; k < t->n_notes; k++)
        TRACE(pc, "note", t->seq, 0, NULL, "%s", t->notes[k]);
    char next[640];
    if (next_free < limit)
        next_line(pc, next_free, 0, next, sizeof next);
    else if (limit < pc->n_free)
        snprintf(next, sizeof next, "the free lines above the next grid follow");
    else
        snprintf(next, sizeof next, "the page ends");
    TRACE(pc, "end", t->seq, 0, &box, "table %d ends here on this page: at the grid's bottom "
          "(y %.1f); %zu note%s under it; %s", t->seq, m->ys[m->n_rows], t->n_notes - notes0,
          t->n_notes - notes0 == 1 ? "" : "s", next);
}

/* What free line i is, as the line after a table (and its notes): the
 * reasons read_notes() (table_place.c) and ends_body() (text_table.c)
 * stop at, described. bottom: the y the table's text ended at (0: no
 * gap test). */
static void next_line(const page_ctx *pc, size_t i, double bottom, char *out, size_t n)
{
    const free_line *fl = &pc->free[i];
    const char *txt = fl->text;
    char label[128];
    const char *rest = table_cut_label(pc, txt, label, sizeof label);
    double h = fl->box.y1 - fl->box.y0;
    snprintf(out, n, "the next free line L%d '%s' %s", line_no(pc, i), txt,
             table_is_furniture(pc, txt) ? "is page furniture (footer)"
             : table_is_title(pc, rest, *label != 0) ? "is a title"
             : *label ? "starts with a label"
             : grammar_match(pc->g, GR_NOTE, txt, NULL, NULL, 0) ? "is a note"
             : bottom > 0 && fl->box.y0 - bottom > 2.5 * (h > 4 ? h : 4)
                 ? "lies more than 2.5 line heights below"
             : fl->used ? "was taken already"
             : bottom > 0 ? "is no body line (text_table.c: ends_body)"
                          : "is no note (no note rule matches; not a note's continuation)");
}

/* Where table t's body rows from row `from` on lie on this page, and
 * what follows them: "body L5-L17 (y ...); the next free line ...". */
static void text_rows(const page_ctx *pc, const tb_table *t, size_t from, size_t notes,
                      char *out, size_t n)
{
    double y0 = 1e9, y1 = -1e9;
    for (size_t r = from; r < t->n_rows; r++)
        if (t->rows[r].page == pc->page->number) {
            y0 = fmin(y0, t->rows[r].box.y0);
            y1 = fmax(y1, t->rows[r].box.y1);
        }
    if (y0 > y1) {
        snprintf(out, n, "no body row on this page");
        return;
    }
    char next[640];
    size_t i = free_at(pc, y1 + 1);
    while (i < pc->n_free && pc->free[i].box.y0 < y1)
        i++;
    if (i < pc->n_free)
        next_line(pc, i, y1, next, sizeof next);
    else
        snprintf(next, sizeof next, "the page ends");
    snprintf(out, n, "body L%d-L%d (y %.1f-%.1f); then %zu note%s; %s",
             line_in(pc, y0, y1, 0), line_in(pc, y0, y1, 1), y0, y1, t->n_notes - notes,
             t->n_notes - notes == 1 ? "" : "s", next);
}

/* What a scan for text tables (text_table.c) did. */
static void trace_text_scan(const page_ctx *pc, const place_state *b, size_t from, size_t to)
{
    const tb_doc *d = pc->doc;
    size_t found = 0;
    char rows[1024];
    if (b->open && d->open == b->open && d->n_tables == b->n_tables &&
        b->open->n_rows > b->rows) {
        found++;
        text_rows(pc, b->open, b->rows, b->notes, rows, sizeof rows);
        TRACE(pc, "text_continued", b->open->seq, 0, NULL, "%zu rows of aligned text at the "
              "top of the page go on with table %d (no title, lines up with it); %s",
              b->open->n_rows - b->rows, b->open->seq, rows);
        for (size_t k = b->notes; k < b->open->n_notes; k++)
            TRACE(pc, "note", b->open->seq, 0, NULL, "%s", b->open->notes[k]);
    }
    for (size_t k = b->n_tables; k < d->n_tables; k++) {
        const tb_table *t = d->tables[k];
        found++;
        text_rows(pc, t, 0, 0, rows, sizeof rows);
        TRACE(pc, "text_table", t->seq, 0, NULL, "table %d%s%s%s%s: aligned text under its "
              "title, no ruled grid; %zu columns from alignment, %zu header rows, %zu body "
              "rows; %s", t->seq, *t->label ? ", label " : "", t->label,
              *t->title ? ", title " : "", t->title, t->n_cols, t->n_header, t->n_rows, rows);
        for (size_t j = 0; j < t->n_notes; j++)
            TRACE(pc, "note", t->seq, 0, NULL, "%s", t->notes[j]);
    }
    TRACE(pc, "text_scan_end", 0, 0, NULL, "%s in L%d-L%d%s", found ? "text tables found"
          : "no text table", line_no(pc, from), line_no(pc, to - 1), found ? ""
          : " (a title needs 2 or more lines under it, before a note, a title, a label, "
            "furniture or a gap, with an amount or a code among them)");
}

static void text_tables(page_ctx *pc, size_t from, size_t to)
{
    if (!pc->trace || from >= to) {     /* nothing to look at */
        table_text_tables(pc, from, to);
        table_text_blocks(pc, from, to);
        return;
    }
    place_state b = place_before(pc->doc);
    TRACE(pc, "text_scan", 0, 0, NULL, "looking for titled tables without a ruled grid "
          "in free lines L%d-L%d%s", line_no(pc, from), line_no(pc, to - 1),
          from == 0 ? " (and for aligned text going on with the previous page's table)" : "");
    table_text_tables(pc, from, to);
    table_text_blocks(pc, from, to);
    trace_text_scan(pc, &b, from, to);
}

/* The document's year and kind, when this page's free lines gave them
 * (split_text takes the first line that matches). */
static void trace_doc_facts(const page_ctx *pc, int had_year, int had_kind)
{
    for (size_t i = 0; i < pc->n_free && !had_year && *pc->doc->year; i++)
        if (grammar_match(pc->g, GR_YEAR, pc->free[i].text, NULL, NULL, 0)) {
            TRACE(pc, "year", 0, line_no(pc, i), &pc->free[i].box, "the document's year: %s "
                  "(the first line the `year` rule matches)", pc->doc->year);
            break;
        }
    for (size_t i = 0; i < pc->n_free && !had_kind && *pc->doc->kind; i++)
        if (grammar_match(pc->g, GR_DOC_KIND, pc->free[i].text, NULL, NULL, 0)) {
            TRACE(pc, "doc_kind", 0, line_no(pc, i), &pc->free[i].box, "the document's kind: "
                  "%s (the first line the `doc_kind` rule matches)", pc->doc->kind);
            break;
        }
}

/* (9): whether a cell of m holds a number. */
static int has_number(const page_ctx *pc, const cell_matrix *m)
{
    char buf[1024];
    for (size_t i = 0; i < m->n_rows * m->n_cols; i++) {
        if (!m->text[i] || !*m->text[i])
            continue;
        memset(buf, 0, sizeof buf);     /* PCRE2's JIT may read past the NUL */
        gr_compact(m->text[i], buf, sizeof buf);
        if (table_is_number(pc->g, buf))
            return 1;
    }
    return 0;
}

/* (9): whether grid (read into m, its title in head) makes no table of
 * its own, its text read as aligned text (text_blocks.c) instead: a grid
 * of horizontal rules only with no number in it (the header band of a
 * table whose body is aligned text), untitled or under a CJK title; and
 * under a title without CJK, any grid of horizontal rules only or frame
 * of one column (its inner rules undrawn, or lost by a scan). */
static int grid_as_text(const page_ctx *pc, const tb_grid *grid, const cell_matrix *m,
                       const table_head *head)
{
    if (!head->title || table_has_cjk(head->title))
        return !grid->has_vrules && !has_number(pc, m);     /* a header band */
    return !grid->has_vrules || grid->n_cols == 1;
}

/* page_grids.c (7): the heights of the page's labelled title lines
 * ("Table 3. Number of ..."), which no rules-only grid spans (in the
 * page's arena). */
static const double *title_heights(page_ctx *pc, size_t *n)
{
    const ex_page *pg = pc->page;
    *n = 0;
    if (pg->n_hrules < 2)
        return NULL;
    double *ys = pr_arena_alloc(pc->arena, (pg->n_lines + 1) * sizeof *ys);
    char buf[1024], label[128];
    for (size_t i = 0; i < pg->n_lines; i++) {
        memset(buf, 0, sizeof buf);     /* PCRE2's JIT may read past the NUL */
        gr_compact(pg->lines[i].text, buf, sizeof buf);
        const char *rest = table_cut_label(pc, buf, label, sizeof label);
        if (*label && table_is_title(pc, rest, 1))
            ys[(*n)++] = (pg->lines[i].box.y0 + pg->lines[i].box.y1) / 2;
    }
    return ys;
}

static void add_page(tb_doc *doc, const ex_page *page, const gr_grammar *g,
                     const tb_trace *trace)
{
    page_ctx pc = {0};
    pc.doc = doc;
    pc.page = page;
    pc.g = g;
    pc.trace = trace;
    pc.arena = pr_arena_new();
    page = pc.page = table_ocr_mended(page, g, pc.arena);            /* OCR'd words */
    size_t n_barriers;
    const double *barriers = title_heights(&pc, &n_barriers);
    pc.n_grids = table_find_grids(page, barriers, n_barriers, pc.arena, &pc.grids);
    pc.in_grid = pr_arena_alloc(pc.arena, (pc.n_grids + 1) * sizeof *pc.in_grid);
    pc.grid_table = pr_arena_alloc(pc.arena, pc.n_grids + 1);
    memset(pc.grid_table, 0, pc.n_grids + 1);
    int had_year = *doc->year != 0, had_kind = *doc->kind != 0;
    split_text(&pc);
    if (trace) {
        size_t used = 0;
        for (size_t gi = 0; gi < pc.n_grids; gi++)
            used += pc.in_grid[gi] != 0;
        TRACE(&pc, "page", 0, 0, NULL, "%zu ruled grid%s with text (%zu without), %zu free "
              "lines (text outside every grid); %s", used, used == 1 ? "" : "s",
              pc.n_grids - used, pc.n_free,
              doc->open ? "a table is open from before" : "no table open from before");
        trace_doc_facts(&pc, had_year, had_kind);
        if (doc->pending_title || doc->pending_label)
            TRACE(&pc, "pending", 0, 0, NULL, "waiting from the previous page's foot: %s%s%s",
                  doc->pending_label ? doc->pending_label : "",
                  doc->pending_label && doc->pending_title ? " " : "",
                  doc->pending_title ? doc->pending_title : "");
    }

    size_t free_from = 0;
    for (size_t gi = 0; gi < pc.n_grids; gi++) {
        tb_grid *grid = &pc.grids[gi];
        if (!pc.in_grid[gi]) {
            if (trace)
                TRACE(&pc, "grid_empty", 0, 0, &grid->box, "grid %zu holds no text (a frame "
                      "or an underline): skipped", gi + 1);
            continue;               /* a frame or an underline, no text */
        }
        size_t above = free_at(&pc, grid->box.y0);
        if (trace) {
            TRACE(&pc, "grid", 0, 0, &grid->box, "%zu of %zu: %zu rows x %zu columns from "
                  "ruling lines%s, y %.1f-%.1f", gi + 1, pc.n_grids, grid->n_rows,
                  grid->n_cols, grid->has_vrules ? "" : " (horizontal rules only)",
                  grid->box.y0, grid->box.y1);
            if (free_from < above)
                TRACE(&pc, "preamble", 0, 0, NULL, "free lines L%d-L%d above grid %zu, read "
                      "bottom-up for org, unit, title and label", line_no(&pc, free_from),
                      line_no(&pc, above - 1), gi + 1);
            else
                TRACE(&pc, "preamble", 0, 0, NULL, "no free line above grid %zu (since the "
                      "previous table)", gi + 1);
        }
        table_head head, free_head;
        unsigned char *was_used = pr_arena_alloc(pc.arena, above - free_from + 1);
        for (size_t u = free_from; u < above; u++)
            was_used[u - free_from] = (unsigned char)pc.free[u].used;
        table_read_preamble(&pc, free_from, above, &head);
        int title_above = head.title != NULL;
        free_head = head;
        cell_matrix m;
        table_read_grid(&pc, grid, &m);
        size_t lead = table_grid_preamble(&pc, &m, &head);      /* (6) */
        table_drop_rows(&pc, &m, lead);
        m.untitled = !head.title || !table_has_cjk(head.title);
        size_t header = table_header_rows(&pc, &m);
        if (m.split != (size_t)-1 && m.split < header)
            header--;               /* a grid row read as two (grid_cells.c) */
        if (m.ruled && table_grid_drop_header_edges(grid, lead + header, pc.arena)) {
            if (trace)
                TRACE(&pc, "grid_edges", 0, 0, &grid->box, "grid %zu: column edges that no "
                      "vertical rule draws in the body (under its %zu header rows) are "
                      "dropped; the grid is read again", gi + 1, header);
            table_read_grid(&pc, grid, &m);
            head = free_head;
            lead = table_grid_preamble(&pc, &m, &head);
            table_drop_rows(&pc, &m, lead);
            m.untitled = !head.title || !table_has_cjk(head.title);
        }
        if (grid_as_text(&pc, grid, &m, &head)) {                 /* (9) */
            for (size_t u = free_from; u < above; u++)
                pc.free[u].used = was_used[u - free_from];
            if (trace)
                TRACE(&pc, "grid_as_text", 0, 0, &grid->box, "grid %zu: %s: read as "
                      "aligned text (text_blocks.c)", gi + 1, grid->has_vrules
                      ? "a frame of one column under a title without CJK"
                      : head.title && !table_has_cjk(head.title)
                      ? "horizontal rules only, under a title without CJK"
                      : "horizontal rules only and not a number in it: a header band");
            continue;
        }
        if (gi == first_grid(&pc))
            take_carried_title(&pc, doc, &head);
        if (title_above)            /* a titled text table above this grid */
            text_tables(&pc, free_from, head.title_line);
        else
            text_tables(&pc, free_from, above);
        size_t below = free_at(&pc, grid->box.y1);
        size_t limit = pc.n_free;
        for (size_t gj = gi + 1; gj < pc.n_grids; gj++)
            if (pc.in_grid[gj]) {
                limit = free_at(&pc, pc.grids[gj].box.y0);
                break;
            }
        free_from = below;
        place_state before = place_before(doc);
        if (trace)
            m.body_from = (size_t)-1;   /* table_place() sets it, unless no table */
        pc.grid_table[gi] = (unsigned char)table_place(&pc, &m, &head, below, limit,
                                                       &free_from);
        if (trace)
            trace_placed(&pc, &before, &m, &head, lead, title_above, gi, limit, free_from);
    }
    text_tables(&pc, free_from, pc.n_free);
    table_text_blocks_page(&pc);                                   /* text_blocks.c (6) */
    carry_title(&pc, free_from);
    if (trace && doc->open)
        TRACE(&pc, "open", doc->open->seq, 0, NULL, "table %d stays open: an untitled grid "
              "(or aligned text) at the top of the next page that lines up with it goes on "
              "with it", doc->open->seq);
    pr_arena_free(&pc.arena);
}

void table_add_page(tb_doc *doc, const ex_page *page, const gr_grammar *g)
{
    add_page(doc, page, g, NULL);
}

void table_add_page_traced(tb_doc *doc, const ex_page *page, const gr_grammar *g,
                           tb_trace_fn fn, void *arg)
{
    tb_trace tr = {fn, arg};
    add_page(doc, page, g, fn ? &tr : NULL);
}
