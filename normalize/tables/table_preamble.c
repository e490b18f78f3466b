/*
 * table_preamble.c — the free lines above a table: its title, the label
 * cut off the title's front (公开01表), the org and unit lines, and lines
 * that are none of these (reported as unplaced by table_place.c).
 *
 * NOTES
 *   (2) A grid's preamble is the free text between the previous grid (or
 *       the page top) and the grid. Read bottom-up, it holds org/unit
 *       lines, then the title, then perhaps a label-only line. Up to two
 *       other lines may lie between title and grid; they belong to no
 *       cell and are reported in the document's "unplaced" list.
 *   (6) An org or unit line cut by a narrow cell goes on below it: the
 *       org's rest on the next free line is joined to it; "单位：万" whose
 *       元 fell onto the org line below, or into the grid, is 万元.
 *   (7) A title printed inside the grid: the grid's top rule is drawn
 *       above the title, so the title, the label and the org/unit line are
 *       its leading rows. Leading rows whose only filled cell is a title
 *       (or a label alone), and rows whose every filled cell is an org or
 *       unit line, are the table's preamble, not its rows
 *       (table_grid_preamble). A row that a cell below it spans into is
 *       never cut off. Only a ruled grid (with vertical rules) has such a
 *       frame: rows found from text or underlines do not.
 *   (8) `pdfrows explain` (table.h's trace): each free line the preamble
 *       reads is told as what it was taken for (org, unit, title, label,
 *       furniture) or why it is none of them; without a trace the calls
 *       do nothing.
 */
#include "table_int.h"
#include "strbuf.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --------------------------------------------------------------- trace */

/* (8): event about free line i (SIZE_MAX: none). */
static void trace(const page_ctx *pc, const char *event, size_t i, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void trace(const page_ctx *pc, const char *event, size_t i, const char *fmt, ...)
{
    if (!pc->trace)
        return;
    char detail[1536];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof detail, fmt, ap);
    va_end(ap);
    int line = i < pc->n_free ? (int)(pc->free[i].line - pc->page->lines) + 1 : 0;
    table_tracef(pc->trace, pc->page->number, event, 0, line,
                 i < pc->n_free ? &pc->free[i].box : NULL, "%s", detail);
}

/* (8): why the text rest (label cut off) is no title. */
static const char *why_not_title(const page_ctx *pc, const char *rest)
{
    if (!*rest)
        return "nothing is left after the label";
    if (grammar_match(pc->g, GR_NOT_TITLE, rest, NULL, NULL, 0))
        return "a not_title rule vetoes it";
    return "no title rule matches it";
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

/* Whether rest (what is left of a line once its label, if any, is cut
 * off: labelled says whether one was) is a table title. */
int table_is_title(const page_ctx *pc, const char *rest, int labelled)
{
    return *rest && !grammar_match(pc->g, GR_NOT_TITLE, rest, NULL, NULL, 0) &&
           (grammar_match(pc->g, GR_TITLE, rest, NULL, NULL, 0) ||
            (labelled && grammar_match(pc->g, GR_LABELLED_TITLE, rest, NULL, NULL, 0)));
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
                    if (org_rest(pc, fl, &pc->free[k], head, cap, sizeof cap)) {
                        trace(pc, "org_rest", k, "the org's rest, wrapped under it, is "
                              "joined to it");
                        break;
                    }
                head->org = pr_arena_strndup(pc->doc->arena, cap, strlen(cap));
                head->org_line = i;
                trace(pc, "org", i, "%s", head->org);
            } else {
                trace(pc, "org", i, "%s (not taken: the table already has one from below: %s)",
                      cap, head->org);
            }
            meta = 1;
        }
        if (grammar_match(pc->g, GR_UNIT, t, "unit", cap, sizeof cap)) {
            if (!head->unit)
                head->unit = pr_arena_strndup(pc->doc->arena, cap, strlen(cap));
            trace(pc, "unit", i, "%s%s", cap, head->unit != NULL &&
                  strcmp(head->unit, cap) != 0 ? " (not taken: the table already has one "
                                                 "from below)" : "");
            meta = 1;
        } else if (grammar_match(pc->g, GR_UNIT_WRAPPED, t, "unit", cap, sizeof cap)) {
            /* (6) "单位：万" whose 元 fell onto the org line below, or into
             * the grid (a header cell under it): the unit is 万元 all the
             * same */
            size_t n = head->org && head->org_line == i + 1 ? strlen(head->org) : 0;
            if (n >= 3 && strcmp(head->org + n - 3, "元") == 0)
                head->org = pr_arena_strndup(pc->doc->arena, head->org, n - 3);
            size_t c = strlen(cap);
            snprintf(cap + c, sizeof cap - c, "元");
            if (!head->unit)
                head->unit = pr_arena_strndup(pc->doc->arena, cap, strlen(cap));
            trace(pc, "unit", i, "%s (unit_wrapped: its 元 fell onto the line below or "
                  "into the grid)", cap);
            meta = 1;
        }
        if (!meta && !head->title && grammar_match(pc->g, GR_SUBTITLE, t, NULL, NULL, 0)) {
            meta = 1;                       /* "（2024年）" under the title */
            trace(pc, "subtitle", i, "a subtitle line (belongs to the title above it)");
        }
        if (meta) {
            fl->used = 1;           /* `below` stays: geometry decides */
            continue;
        }
        if (table_is_furniture(pc, t)) {
            trace(pc, "furniture", i, "page furniture (footer rule): passed over");
            continue;
        }
        char label[128];
        const char *rest = table_cut_label(pc, t, label, sizeof label);
        if (head->title) {
            if (!head->label && *label && !*rest) {
                head->label = pr_arena_strndup(pc->doc->arena, label, strlen(label));
                fl->used = 1;
                trace(pc, "label", i, "%s, on a line of its own above the title",
                      head->label);
            } else {
                trace(pc, "preamble_end", i, "%s above the title: the preamble ends at the "
                      "title", *label && !*rest ? "a second label" : "not a label alone");
            }
            break;
        }
        if (*label && !*rest) {             /* a label line under the title */
            if (!head->label)
                head->label = pr_arena_strndup(pc->doc->arena, label, strlen(label));
            fl->used = 1;
            trace(pc, "label", i, "%s, on a line of its own", label);
            continue;
        }
        const char *title = table_is_title(pc, rest, *label != 0) ? rest : NULL;
        const char *why = title || !pc->trace ? NULL : why_not_title(pc, rest);
        const char *why_rest = rest;
        const char *joined_how = "";
        if (!title && below && wraps_into(fl, below)) {
            char *joined = table_join_text(pc->arena, t, below->text);
            rest = table_cut_label(pc, joined, label, sizeof label);
            if (table_is_title(pc, rest, *label != 0)) {
                title = rest;
                below->used = 1;
                joined_how = " (joined with the line below it: one title on two lines)";
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
            if (*above && !table_is_title(pc, above, *above_label != 0) &&
                table_is_title(pc, jrest, *jlabel != 0)) {
                title = jrest;
                memcpy(label, jlabel, sizeof label);
                pc->free[--i].used = 1;
                joined_how = " (joined with the line above it: one title on two lines)";
            }
        }
        if (title) {
            /* cell_text.c (2): a title without CJK as printed, from the
             * line and the lines it may have been joined with */
            const char *printed = fl->line->text;
            if (!table_has_cjk(title)) {
                pr_strbuf sb = PR_STRBUF_INIT;
                if (i > from)
                    pr_strbuf_puts(&sb, pc->free[i - 1].line->text);
                pr_strbuf_puts(&sb, " ");
                pr_strbuf_puts(&sb, fl->line->text);
                pr_strbuf_puts(&sb, " ");
                if (below)
                    pr_strbuf_puts(&sb, below->line->text);
                printed = pr_arena_strndup(pc->arena, sb.data, sb.len);
                pr_strbuf_free(&sb);
            }
            title = table_printed(pc->arena, printed, title);
            head->title = pr_arena_strndup(pc->doc->arena, title, strlen(title));
            if (*label) {
                const char *l = table_printed(pc->arena, printed, label);
                head->label = pr_arena_strndup(pc->doc->arena, l, strlen(l));
            }
            head->title_line = i;
            fl->used = 1;
            trace(pc, "title", i, "%s%s%s%s", head->title, *label ? ", label " : "",
                  label, joined_how);
            continue;
        }
        if (++skipped > MAX_SKIPPED) {
            trace(pc, "no_title", i, "'%s' is no title (%s): more than %d lines that are "
                  "none of title, label, org, unit: prose above, no title looked for higher",
                  why_rest, why, MAX_SKIPPED);
            break;                  /* prose above the grid: no title */
        }
        head->skipped[head->n_skipped++] = i;
        below = fl;
        trace(pc, "skipped", i, "'%s' is no title (%s), nor a label, org or unit line%s",
              why_rest, why, *label ? " (after its label)" : "");
    }
}

/* Notes: free lines from `from` on that start with a note pattern, with
 * the lines that continue them, until a title, a label or furniture. A
 * note's next numbered item ("2.…" under "注：1.…") is a note of its own:
 * each note record is one printed item. */

/* (7): meta text of one cell (org, unit) into head; 0 if it is neither. */
static int cell_meta(page_ctx *pc, const char *text, table_head *head)
{
    char cap[512], t[1024] = "";    /* all set: PCRE2's JIT may read past the NUL */
    snprintf(t, sizeof t, "%s", text);
    int meta = 0;
    if (grammar_match(pc->g, GR_ORG, t, "org", cap, sizeof cap)) {
        if (!head->org)
            head->org = pr_arena_strndup(pc->doc->arena, cap, strlen(cap));
        meta = 1;
    }
    if (grammar_match(pc->g, GR_UNIT, t, "unit", cap, sizeof cap)) {
        if (!head->unit)
            head->unit = pr_arena_strndup(pc->doc->arena, cap, strlen(cap));
        meta = 1;
    }
    return meta;
}

/* (7): how many leading rows of m are the table's title, label and
 * org/unit lines; they are read into head (a title or label in the frame
 * replaces one read from the lines above it; org and unit only fill in). */
size_t table_grid_preamble(page_ctx *pc, const cell_matrix *m, table_head *head)
{
    size_t nc = m->n_cols, k = 0, r;
    int title = 0;
    table_head h = *head;
    if (!m->ruled)
        return 0;                   /* rows from text: no frame above them */
    for (r = 0; r < m->n_rows && r < 4; r++) {
        const char *only = NULL;
        size_t filled = 0, metas = 0;
        table_head try = h;
        for (size_t c = 0; c < nc; c++) {
            size_t i = r * nc + c;
            if (m->owner[i] != i || !m->text[i] || !*m->text[i])
                continue;
            filled++;
            only = m->text[i];
            metas += cell_meta(pc, m->text[i], &try);
        }
        if (filled == 0)
            continue;               /* a blank row: look on */
        if (metas == filled) {
            h = try;
            k = r + 1;
            continue;
        }
        if (filled != 1 || title)
            break;
        char label[128], text[1024] = "";  /* all set: see cell_meta */
        snprintf(text, sizeof text, "%s", only);
        const char *rest = table_cut_label(pc, text, label, sizeof label);
        if (*rest && !table_is_title(pc, rest, *label != 0))
            break;
        if (*rest)                  /* the frame's own title wins over a
                                       line above it (a sheet name) */
            h.title = pr_arena_strndup(pc->doc->arena, rest, strlen(rest));
        if (*label)
            h.label = pr_arena_strndup(pc->doc->arena, label, strlen(label));
        title = *rest != 0;
        k = r + 1;
    }
    /* a cell of the rows kept must not start in the rows cut off */
    for (r = k; r < m->n_rows && k; r++)
        for (size_t c = 0; c < nc; c++)
            if (m->owner[r * nc + c] / nc < k) {
                trace(pc, "grid_title", SIZE_MAX, "the grid's first %zu rows read as "
                      "title, label, org or unit, but a cell of the rows under them starts "
                      "there: kept as rows", k);
                return 0;
            }
    if (k && title && !head->title)
        h.n_skipped = 0;            /* lines above the frame are not between
                                       its title and its header */
    if (k) {
        trace(pc, "grid_title", SIZE_MAX, "the grid's first %zu row%s %s the table's "
              "preamble printed inside the frame%s%s%s%s, not its rows", k, k == 1 ? "" : "s",
              k == 1 ? "is" : "are", h.title ? ": title " : "", h.title ? h.title : "",
              h.label ? ", label " : "", h.label ? h.label : "");
        *head = h;
    }
    return k;
}

/* (7): the matrix without its first k rows. */
void table_drop_rows(page_ctx *pc, cell_matrix *m, size_t k)
{
    if (!k)
        return;
    size_t nc = m->n_cols, cut = k * nc, n = (m->n_rows - k) * nc;
    size_t *owner = pr_arena_alloc(pc->arena, (n + 1) * sizeof *owner);
    for (size_t i = 0; i < n; i++)
        owner[i] = m->owner[i + cut] - cut;
    m->owner = owner;
    m->text += cut;
    if (m->full)
        m->full += cut;
    if (m->room)
        m->room += cut;
    m->ys += k;
    m->n_rows -= k;
    if (m->split != (size_t)-1)
        m->split = m->split >= k ? m->split - k : (size_t)-1;
}
