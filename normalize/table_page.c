/*
 * table_page.c — stage two for one page: finds each table's grid (ruled,
 * or aligned text under a title), its title, label, org and unit above
 * it, its notes below, reads its cells, splits header from body, and adds
 * it to the document or continues the table the previous page left open.
 *
 * NOTES
 *   (1) Text is split per glyph: a glyph whose centre is inside a grid
 *       belongs to that grid's cell (page_grids.c (4)); the rest of its
 *       line is "free text", where titles, metadata and notes are looked
 *       for. So a label printed on the same baseline as the grid's top
 *       never glues into a cell, and no cell loses an overflowing glyph.
 *   (2) A grid's preamble is the free text between the previous grid (or
 *       the page top) and the grid. Read bottom-up, it holds org/unit
 *       lines, then the title, then perhaps a label-only line. Up to two
 *       other lines may lie between title and grid; they belong to no
 *       cell and are reported in the document's "unplaced" list.
 *   (3) Header and body: the header is the rows above the first body row;
 *       a body row has an amount, a code or a placeholder in a cell of its
 *       own, or starts with a total label (合计) followed only by amounts.
 *       A header's first row reads as headings (most of its cells match
 *       the grammar's `header` words); a table whose first row is labels
 *       and values (a form: a performance-target table) has no header. In a
 *       table with no body row (an empty table) the header is its leading
 *       heading rows.
 *   (4) Continuation: a grid with no title that has as many columns as the
 *       table left open on the previous page (or earlier on this page)
 *       continues it; its leading rows equal to that table's header rows
 *       are the repeated header and are dropped. A title equal to the open
 *       table's title on the next page is a repeated title: same table.
 */
#include "table_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
        fl->line = ln;
        fl->box = fb;
        fl->text = pr_arena_strndup(pc->arena, sb.data, sb.len);
        fl->used = 0;
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

/* ------------------------------------------------------------ preamble */

int table_is_furniture(const page_ctx *pc, const char *t)
{
    return grammar_match(pc->g, GR_FOOTER, t, NULL, NULL, 0);
}

/* Cuts a label off the front of t; returns what is left (borrowed). */
const char *table_cut_label(const page_ctx *pc, const char *t, char *label,
                             size_t labelsz)
{
    long end = grammar_match_end(pc->g, GR_LABEL, t, "label", label, labelsz);
    return end > 0 ? t + end : t;
}

/* Whether t (label cut off) is a table title. */
int table_is_title(const page_ctx *pc, const char *rest)
{
    return *rest && !grammar_match(pc->g, GR_NOT_TITLE, rest, NULL, NULL, 0) &&
           grammar_match(pc->g, GR_TITLE, rest, NULL, NULL, 0);
}

/* Whether free line a (above) and b (below) are one title wrapped in two:
 * close together, same height, b not wider than a. */
static int wraps_into(const free_line *a, const free_line *b)
{
    double ha = a->box.y1 - a->box.y0, hb = b->box.y1 - b->box.y0;
    return fabs(ha - hb) < 0.2 * ha && b->box.y0 - a->box.y1 < 0.8 * ha &&
           b->box.x1 <= a->box.x1 + 1;
}

/* (6): the org's text that wrapped onto free line b, right under the org
 * line a: b's first segment when it starts where a starts, at a's size,
 * close below, and is not metadata itself. Appended to cap; b is used
 * up when that segment was all of it. */
static int org_rest(page_ctx *pc, const free_line *a, free_line *b, table_head *head,
                    char *cap, size_t capsz)
{
    if (!b->line->n_segments)
        return 0;
    const ex_segment *sg = &b->line->segments[0];
    double h = a->box.y1 - a->box.y0;
    if (fabs(sg->box.x0 - a->box.x0) > 2 || fabs((sg->box.y1 - sg->box.y0) - h) > 0.2 * h ||
        sg->box.y0 - a->box.y1 > 0.8 * h || sg->box.y0 < a->box.y1 - 0.5 * h ||
        sg->box.x1 >= a->box.x1)
        return 0;
    char text[256];
    gr_compact(sg->text, text, sizeof text);
    if (!*text || grammar_match(pc->g, GR_UNIT, text, NULL, NULL, 0) ||
        grammar_match(pc->g, GR_ORG, text, NULL, NULL, 0) ||
        (b->used && b->line->n_segments == 1))
        return 0;
    size_t n = strlen(cap);
    snprintf(cap + n, capsz - n, "%s", text);
    if (b->line->n_segments == 1 && strcmp(text, b->text) == 0) {
        b->used = 1;
        for (size_t k = 0; k < head->n_skipped; k++)
            if (&pc->free[head->skipped[k]] == b)
                head->skipped[k] = head->skipped[--head->n_skipped];
    } else {
        /* the rest of b is read on its own: cut the org's piece off */
        size_t len = strlen(text);
        if (strncmp(b->text, text, len) == 0)
            b->text = b->text + len;
    }
    return 1;
}

/* (2): reads free lines [from, to) bottom-up into head. A title may wrap
 * onto a second line ("...支出预" + "算表"); at most MAX_SKIPPED lines that
 * are none of title, label, metadata may lie between title and grid. */
void table_read_preamble(page_ctx *pc, size_t from, size_t to, table_head *head)
{
    memset(head, 0, sizeof *head);
    char cap[512];
    size_t skipped = 0;
    free_line *below = NULL;        /* the skipped line right under this one */
    for (size_t i = to; i-- > from;) {
        free_line *fl = &pc->free[i];
        if (fl->used)
            continue;
        const char *t = fl->text;
        int meta = 0;
        if (grammar_match(pc->g, GR_ORG, t, "org", cap, sizeof cap)) {
            if (!head->org) {
                for (size_t k = i + 1; k < to && k <= i + 2; k++)     /* (6) */
                    if (org_rest(pc, fl, &pc->free[k], head, cap, sizeof cap))
                        break;
                head->org = pr_arena_strndup(pc->doc->arena, cap, strlen(cap));
                head->org_line = i;
            }
            meta = 1;
        }
        if (grammar_match(pc->g, GR_UNIT, t, "unit", cap, sizeof cap)) {
            if (!head->unit)
                head->unit = pr_arena_strndup(pc->doc->arena, cap, strlen(cap));
            meta = 1;
        } else if (grammar_match(pc->g, GR_UNIT_WRAPPED, t, "unit", cap, sizeof cap) &&
                   head->org && head->org_line == i + 1) {
            /* (6) "单位：万" whose 元 fell onto the org line below */
            size_t n = strlen(head->org);
            if (n >= 3 && strcmp(head->org + n - 3, "元") == 0) {
                head->org = pr_arena_strndup(pc->doc->arena, head->org, n - 3);
                size_t c = strlen(cap);
                snprintf(cap + c, sizeof cap - c, "元");
                head->unit = pr_arena_strndup(pc->doc->arena, cap, strlen(cap));
                meta = 1;
            }
        }
        if (!meta && !head->title && grammar_match(pc->g, GR_SUBTITLE, t, NULL, NULL, 0))
            meta = 1;                       /* "（2024年）" under the title */
        if (meta) {
            fl->used = 1;           /* `below` stays: geometry decides */
            continue;
        }
        if (table_is_furniture(pc, t))
            continue;
        char label[128];
        const char *rest = table_cut_label(pc, t, label, sizeof label);
        if (head->title) {
            if (!head->label && *label && !*rest) {
                head->label = pr_arena_strndup(pc->doc->arena, label, strlen(label));
                fl->used = 1;
            }
            break;
        }
        if (*label && !*rest) {             /* a label line under the title */
            if (!head->label)
                head->label = pr_arena_strndup(pc->doc->arena, label, strlen(label));
            fl->used = 1;
            continue;
        }
        const char *title = table_is_title(pc, rest) ? rest : NULL;
        if (!title && below && wraps_into(fl, below)) {
            char *joined = table_join_text(pc->arena, t, below->text);
            rest = table_cut_label(pc, joined, label, sizeof label);
            if (table_is_title(pc, rest)) {
                title = rest;
                below->used = 1;
            }
        }
        if (title && i > from && !pc->free[i - 1].used &&
            wraps_into(&pc->free[i - 1], fl)) {   /* its first half above? */
            char above_label[128];
            const char *above = table_cut_label(pc, pc->free[i - 1].text,
                                                above_label, sizeof above_label);
            char *joined = table_join_text(pc->arena, pc->free[i - 1].text, t);
            char jlabel[128];
            const char *jrest = table_cut_label(pc, joined, jlabel, sizeof jlabel);
            if (*above && !table_is_title(pc, above) && table_is_title(pc, jrest)) {
                title = jrest;
                memcpy(label, jlabel, sizeof label);
                pc->free[--i].used = 1;
            }
        }
        if (title) {
            head->title = pr_arena_strndup(pc->doc->arena, title, strlen(title));
            if (*label)
                head->label = pr_arena_strndup(pc->doc->arena, label, strlen(label));
            head->title_line = i;
            fl->used = 1;
            continue;
        }
        if (++skipped > MAX_SKIPPED)
            break;                  /* prose above the grid: no title */
        head->skipped[head->n_skipped++] = i;
        below = fl;
    }
}

/* Notes: free lines from `from` on that start with a note pattern, with
 * the lines that continue them, until a title, a label or furniture. A
 * note's next numbered item ("2.…" under "注：1.…") is a note of its own:
 * each note record is one printed item. */
static size_t read_notes(page_ctx *pc, size_t from, size_t to, tb_table *t)
{
    size_t i = from;
    const char *prev_note = NULL;
    double prev_bottom = 0;
    for (; i < to; i++) {
        free_line *fl = &pc->free[i];
        if (fl->used)
            continue;
        const char *txt = fl->text;
        if (grammar_match(pc->g, GR_NOTE, txt, NULL, NULL, 0)) {
            prev_note = txt;
            table_push_note(pc->doc, t, pr_arena_strndup(pc->doc->arena, txt, strlen(txt)));
            fl->used = 1;
            prev_bottom = fl->box.y1;
            continue;
        }
        double h = fl->box.y1 - fl->box.y0;
        if (prev_note && grammar_match(pc->g, GR_NOTE_ITEM, txt, NULL, NULL, 0) &&
            fl->box.y0 - prev_bottom < 2.5 * h) {         /* "2.…": its own note */
            prev_note = txt;
            table_push_note(pc->doc, t, pr_arena_strndup(pc->doc->arena, txt, strlen(txt)));
            fl->used = 1;
            prev_bottom = fl->box.y1;
            continue;
        }
        char label[128];
        const char *rest = table_cut_label(pc, txt, label, sizeof label);
        if (prev_note && !table_is_furniture(pc, txt) && !*label && !table_is_title(pc, rest) &&
            fl->box.y0 - prev_bottom < 1.2 * h) {
            char *joined = table_join_text(pc->doc->arena, t->notes[t->n_notes - 1], txt);
            t->notes[t->n_notes - 1] = joined;
            fl->used = 1;
            prev_bottom = fl->box.y1;
            continue;
        }
        break;
    }
    return i;
}

/* ------------------------------------------------------------- the page */

static tb_table *new_table(page_ctx *pc, const table_head *head)
{
    tb_doc *d = pc->doc;
    tb_table *t = pr_arena_alloc(d->arena, sizeof *t);
    t->seq = (int)d->n_tables + 1;
    t->label = head->label ? head->label : "";
    t->title = head->title ? head->title : "";
    const gr_family *f = *t->title ? grammar_family(pc->g, t->title) : NULL;
    t->family = f ? f->name : NULL;
    t->org = head->org ? head->org : d->org;
    t->unit = head->unit ? head->unit : "";
    if (head->org && !*d->org)
        d->org = head->org;
    if (d->n_tables == d->cap_tables) {
        d->cap_tables = d->cap_tables ? 2 * d->cap_tables : 16;
        d->tables = pr_xrealloc(d->tables, d->cap_tables * sizeof *d->tables);
    }
    d->tables[d->n_tables++] = t;
    return t;
}

void table_note_page(tb_doc *d, tb_table *t, int page)
{
    if (t->n_pages && t->pages[t->n_pages - 1] == page)
        return;
    int *p = pr_arena_alloc(d->arena, (t->n_pages + 1) * sizeof *p);
    if (t->n_pages)
        memcpy(p, t->pages, t->n_pages * sizeof *p);
    p[t->n_pages++] = page;
    t->pages = p;
}

/* A matrix is worth a table when it has text in at least two cells. */
static int has_content(const cell_matrix *m)
{
    size_t filled = 0;
    for (size_t i = 0; i < m->n_rows * m->n_cols; i++)
        if (m->text[i] && *m->text[i])
            filled++;
    return filled >= 2;
}

void table_place(page_ctx *pc, cell_matrix *m, table_head *head,
                 size_t notes_from, size_t notes_to, size_t *next_free)
{
    tb_table *t = table_continues(pc, m, head);
    if (!t && !head->title && !(m->ruled && m->n_cols >= 2 && has_content(m)))
        return;                     /* no title, no grid: not a table */
    if (!t) {
        t = new_table(pc, head);
        table_take_header(pc, t, m);
    }
    for (size_t i = 0; i < head->n_skipped && head->title; i++) {
        free_line *fl = &pc->free[head->skipped[i]];
        if (!fl->used)              /* between its title and its grid */
            table_push_unplaced(pc->doc, pc->page->number, fl->box,
                                pr_arena_strndup(pc->doc->arena, fl->text,
                                                 strlen(fl->text)));
        fl->used = 1;
    }
    size_t rows_before = t->n_rows;
    table_take_body(pc, t, m);
    if (t->n_rows > rows_before && rows_before == 0)
        t->n_pages = 0;             /* (7) pages are where the body is */
    if (t->n_rows > rows_before || t->n_pages == 0)
        table_note_page(pc->doc, t, pc->page->number);
    *next_free = read_notes(pc, notes_from, notes_to, t);
    pc->doc->open = t;
    pc->doc->open_page = pc->page->number;
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
    table_read_preamble(pc, from, pc->n_free, &head);
    if (!head.title && !head.label)
        return;
    d->pending_title = head.title;          /* NULL: a label alone */
    d->pending_label = head.label;
    d->pending_org = head.org;
    d->pending_unit = head.unit;
}

static void take_carried_title(tb_doc *d, table_head *head)
{
    if (!d->pending_title && d->pending_label && head->title && !head->label)
        head->label = d->pending_label;     /* "公开04表" at the foot */
    if (head->title || !d->pending_title)
        return;
    head->title = d->pending_title;
    head->label = d->pending_label;
    if (!head->org)
        head->org = d->pending_org;
    if (!head->unit)
        head->unit = d->pending_unit;
    d->pending_title = NULL;
}

void table_add_page(tb_doc *doc, const ex_page *page, const gr_grammar *g)
{
    page_ctx pc = {0};
    pc.doc = doc;
    pc.page = page;
    pc.g = g;
    pc.arena = pr_arena_new();
    pc.n_grids = table_find_grids(page, pc.arena, &pc.grids);
    pc.in_grid = pr_arena_alloc(pc.arena, (pc.n_grids + 1) * sizeof *pc.in_grid);
    split_text(&pc);

    size_t free_from = 0;
    for (size_t gi = 0; gi < pc.n_grids; gi++) {
        tb_grid *grid = &pc.grids[gi];
        if (!pc.in_grid[gi])
            continue;               /* a frame or an underline, no text */
        size_t above = free_at(&pc, grid->box.y0);
        table_head head;
        table_read_preamble(&pc, free_from, above, &head);
        if (gi == first_grid(&pc))
            take_carried_title(doc, &head);
        if (head.title)             /* a titled text table above this grid */
            table_text_tables(&pc, free_from, head.title_line);
        else
            table_text_tables(&pc, free_from, above);
        cell_matrix m;
        table_read_grid(&pc, grid, &m);
        if (m.ruled &&
            table_grid_drop_header_edges(grid, table_header_rows(&pc, &m), pc.arena))
            table_read_grid(&pc, grid, &m);
        size_t below = free_at(&pc, grid->box.y1);
        size_t limit = pc.n_free;
        for (size_t gj = gi + 1; gj < pc.n_grids; gj++)
            if (pc.in_grid[gj]) {
                limit = free_at(&pc, pc.grids[gj].box.y0);
                break;
            }
        free_from = below;
        table_place(&pc, &m, &head, below, limit, &free_from);
    }
    table_text_tables(&pc, free_from, pc.n_free);
    carry_title(&pc, free_from);
    pr_arena_free(&pc.arena);
}
