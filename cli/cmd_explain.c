/*
 * cmd_explain.c — `pdfrows explain FILE.pdf --page N`: for grammar
 * authors, why one page was read the way it was. Three parts: every line
 * of the page with every grammar kind its text matches (and their
 * captures; for a title its folded form and family); what stage two
 * decided, in order (table.h's trace: grids, preamble lines, titles,
 * continuations and why, header and body, notes, where each table ends);
 * and each table on the page as stage three sees it (family, sides, the
 * key of every column). Text for people by default, `--format jsonl` for
 * tools (docs/explain-format.md).
 *
 * Ownership: everything lives on cli_run_explain()'s stack or in its
 * arena, freed before it returns; the grammar is borrowed.
 *
 * NOTES
 *   (1) Stage two needs the pages before N (a table that goes on from
 *       them, a title left at the previous page's foot): pages 1..N-1 are
 *       read without a trace, then page N with one.
 *   (2) A line is matched on the text stage two sees: a free line's
 *       free part (its glyphs outside every ruled grid, as the trace's
 *       free_line events give it), else the line's segments one by one
 *       (stage one splits segments at vertical rules and column gaps: a
 *       grid line's segments are its cells). title and not_title are
 *       matched on what is left once a label is cut off, as stage two
 *       does (table_preamble.c).
 *   (3) Stage three (records_build) sees the tables as read up to page
 *       N: a table that goes on after N has the keys of what N showed.
 *   (4) In text, a scan for tables without a ruled grid that found none
 *       and decided nothing on the way is one line, not two.
 */
#include "commands.h"
#include "exit_codes.h"
#include "json_out.h"
#include "records.h"
#include "table.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TEXT_MAX 2048

/* One trace event, copied out of the call. */
typedef struct ev_copy {
    const char *event;          /* static (table.h) */
    int table, line, has_box;
    ex_box box;
    const char *detail;         /* in the arena */
} ev_copy;

typedef struct explain_ctx {
    pr_arena *arena;
    ev_copy *ev;
    size_t n_ev, cap_ev;
    const char **free_text;     /* [line - 1]: free part of the line, or NULL */
    const ex_page *page;
} explain_ctx;

static void collect(void *arg, const tb_trace_event *e)
{
    explain_ctx *x = arg;
    x->ev = pr_arena_grow(x->arena, x->ev, x->n_ev, &x->cap_ev, sizeof *x->ev);
    ev_copy *c = &x->ev[x->n_ev++];
    c->event = e->event;
    c->table = e->table;
    c->line = e->line;
    c->has_box = e->box != NULL;
    c->box = e->box ? *e->box : (ex_box){0, 0, 0, 0};
    c->detail = pr_arena_strndup(x->arena, e->detail, strlen(e->detail));
    if (strcmp(e->event, "free_line") == 0 && e->line > 0 &&
        (size_t)e->line <= x->page->n_lines)
        x->free_text[e->line - 1] = c->detail;
}

static void put(pr_strbuf *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(pr_strbuf *out, const char *fmt, ...)
{
    char buf[1024];
    va_list ap, again;
    va_start(ap, fmt);
    va_copy(again, ap);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n >= (int)sizeof buf) {             /* a long line of text */
        char *big = pr_xmalloc((size_t)n + 1);
        vsnprintf(big, (size_t)n + 1, fmt, again);
        pr_strbuf_puts(out, big);
        free(big);
    } else if (n > 0) {
        pr_strbuf_puts(out, buf);
    }
    va_end(again);
}

/* ------------------------------------------------------------- matching */

/* The named group each kind captures, or NULL. */
static const char *kind_group(gr_kind k)
{
    switch (k) {
    case GR_LABEL: return "label";
    case GR_ORG: case GR_ORG_TITLE: return "org";
    case GR_UNIT: case GR_UNIT_WRAPPED: return "unit";
    case GR_YEAR: return "year";
    case GR_DOC_KIND: return "kind";
    default: return NULL;
    }
}

/* What a piece of text (compact) matches (NOTES (2)). */
typedef struct piece_match {
    int hit[GR_KIND_COUNT];
    char cap[GR_KIND_COUNT][256];
    const char *rest;           /* after the label, into text */
    int show_family;            /* worth folding: a title, or looks like one */
    char folded[TEXT_MAX];
    const char *family;         /* NULL: no family rule matches */
} piece_match;

static int ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && strcmp(s + n - m, tail) == 0;
}

/* text must be a zeroed buffer of TEXT_MAX (PCRE2's JIT may read a little
 * past the NUL). */
static void match_piece(const gr_grammar *g, const char *text, int free_line,
                        piece_match *pm)
{
    memset(pm, 0, sizeof *pm);
    long end = grammar_match_end(g, GR_LABEL, text, "label", pm->cap[GR_LABEL],
                                 sizeof pm->cap[GR_LABEL]);
    pm->hit[GR_LABEL] = end >= 0;
    pm->rest = end > 0 ? text + end : text;
    for (int k = 0; k < GR_KIND_COUNT; k++) {
        if (k == GR_LABEL)
            continue;
        const char *on = k == GR_TITLE || k == GR_NOT_TITLE || k == GR_LABELLED_TITLE
                             ? pm->rest : text;
        if (!*on || (k == GR_LABELLED_TITLE && end <= 0))
            continue;       /* a labelled title needs a label cut off */
        pm->hit[k] = grammar_match(g, (gr_kind)k, on, kind_group((gr_kind)k), pm->cap[k],
                                   sizeof pm->cap[k]);
    }
    const gr_family *f = *pm->rest ? grammar_family(g, pm->rest) : NULL;
    pm->family = f ? f->name : NULL;
    pm->show_family = *pm->rest && (pm->hit[GR_TITLE] || pm->hit[GR_LABELLED_TITLE] || (pm->hit[GR_LABEL] && end > 0) ||
                                    (f && free_line && !pm->hit[GR_NOT_TITLE]) ||
                                    ends_with(pm->rest, "表"));
    if (pm->show_family)
        grammar_fold(g, pm->rest, pm->folded, sizeof pm->folded);
}

static int any_hit(const piece_match *pm)
{
    for (int k = 0; k < GR_KIND_COUNT; k++)
        if (pm->hit[k])
            return 1;
    return pm->show_family;
}

/* "label=表一 title org=…"; returns how many kinds it printed. */
static int put_hits(pr_strbuf *out, const piece_match *pm)
{
    int n = 0;
    for (int k = 0; k < GR_KIND_COUNT; k++) {
        if (!pm->hit[k])
            continue;
        put(out, "%s%s", n ? " " : "", grammar_kind_name((gr_kind)k));
        if (*pm->cap[k])
            put(out, "=%s", pm->cap[k]);
        n++;
    }
    if (pm->hit[GR_LABEL] && !*pm->rest)
        put(out, " (nothing after the label)");
    return n;
}

/* The family part: "folded X -> family F", and why it is no title. */
static void put_family(pr_strbuf *out, const piece_match *pm)
{
    if (pm->hit[GR_NOT_TITLE])
        put(out, "no title (a not_title rule vetoes %s); ", pm->rest);
    else if (!pm->hit[GR_TITLE] && !pm->hit[GR_LABELLED_TITLE])
        put(out, "no title (no title rule matches %s); ", pm->rest);
    put(out, "folded %s -> %s%s", pm->folded,
        pm->family ? "family " : "no family rule matches", pm->family ? pm->family : "");
}

/* A piece's kinds and family on one line. */
static void put_piece(pr_strbuf *out, const piece_match *pm)
{
    int n = put_hits(out, pm);
    if (pm->show_family) {
        put(out, "%s", n ? "; " : "");
        put_family(out, pm);
    }
}

static cJSON *hits_json(const piece_match *pm)
{
    cJSON *a = cJSON_CreateArray();
    for (int k = 0; k < GR_KIND_COUNT; k++) {
        if (!pm->hit[k])
            continue;
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "kind", grammar_kind_name((gr_kind)k));
        if (kind_group((gr_kind)k))
            cJSON_AddStringToObject(o, "capture", pm->cap[k]);
        if ((k == GR_TITLE || k == GR_NOT_TITLE || k == GR_LABELLED_TITLE) && pm->hit[GR_LABEL])
            cJSON_AddStringToObject(o, "on", pm->rest);
        cJSON_AddItemToArray(a, o);
    }
    return a;
}

static void family_json(cJSON *o, const piece_match *pm)
{
    if (!pm->show_family)
        return;
    cJSON_AddStringToObject(o, "title_text", pm->rest);
    cJSON_AddStringToObject(o, "folded", pm->folded);
    if (pm->family)
        cJSON_AddStringToObject(o, "family", pm->family);
    else
        cJSON_AddNullToObject(o, "family");
}

/* ---------------------------------------------------------------- lines */

static void copy_compact(const char *s, char *buf)
{
    memset(buf, 0, TEXT_MAX);
    gr_compact(s, buf, TEXT_MAX);
}

static void lines_text(pr_strbuf *out, const explain_ctx *x, const gr_grammar *g)
{
    const ex_page *pg = x->page;
    put(out, "\n== Lines (grammar kinds matched; free: text outside every ruled grid, "
             "grid: inside one, matched cell by cell)\n");
    char buf[TEXT_MAX];
    piece_match pm;
    for (size_t i = 0; i < pg->n_lines; i++) {
        const ex_line *ln = &pg->lines[i];
        const char *free_text = x->free_text[i];
        copy_compact(ln->text, buf);
        int whole = free_text && strcmp(free_text, buf) == 0;
        put(out, "L%-3zu y %6.1f %-4s %s\n", i + 1, ln->box.y0,
            !free_text ? "grid" : whole ? "free" : "part", ln->text);
        if (free_text) {
            copy_compact(free_text, buf);
            match_piece(g, buf, 1, &pm);
            if (!whole)
                put(out, "      free part: %s\n", buf);
            if (any_hit(&pm)) {
                put(out, "      ");
                put_piece(out, &pm);
                put(out, "\n");
            } else {
                put(out, "      (no kind matches)\n");
            }
        }
        if (!free_text || ln->n_segments > 1) {
            int shown = 0;
            for (size_t s = 0; s < ln->n_segments; s++) {
                copy_compact(ln->segments[s].text, buf);
                match_piece(g, buf, 0, &pm);
                put(out, "%s%s", shown       ? " | "
                                 : free_text ? "      segments: "
                                             : "      cells: ", buf);
                shown = 1;
                if (any_hit(&pm)) {
                    put(out, " [");
                    put_hits(out, &pm);
                    put(out, "]");
                }
            }
            if (shown)
                put(out, "\n");
            for (size_t s = 0; s < ln->n_segments && !free_text; s++) {
                copy_compact(ln->segments[s].text, buf);
                match_piece(g, buf, 0, &pm);
                if (pm.show_family) {
                    put(out, "      cell %zu: ", s + 1);
                    put_family(out, &pm);
                    put(out, "\n");
                }
            }
        }
        for (size_t k = 0; k < x->n_ev; k++) {
            const ev_copy *e = &x->ev[k];
            if (e->line == (int)i + 1 && strcmp(e->event, "free_line") != 0)
                put(out, "      -> %s: %s\n", e->event, e->detail);
        }
    }
}

static void lines_json(pr_strbuf *out, const explain_ctx *x, const gr_grammar *g)
{
    const ex_page *pg = x->page;
    char buf[TEXT_MAX];
    piece_match pm;
    for (size_t i = 0; i < pg->n_lines; i++) {
        const ex_line *ln = &pg->lines[i];
        cJSON *o = json_record("explain_line");
        cJSON_AddNumberToObject(o, "page", pg->number);
        cJSON_AddNumberToObject(o, "line", (double)(i + 1));
        cJSON_AddItemToObject(o, "bbox", json_box(&ln->box));
        cJSON_AddStringToObject(o, "text", ln->text);
        const char *free_text = x->free_text[i];
        if (free_text) {
            copy_compact(free_text, buf);
            match_piece(g, buf, 1, &pm);
            cJSON_AddStringToObject(o, "free", buf);
            cJSON_AddItemToObject(o, "matches", hits_json(&pm));
            family_json(o, &pm);
        } else {
            cJSON_AddNullToObject(o, "free");
        }
        cJSON *segs = cJSON_AddArrayToObject(o, "segments");
        for (size_t s = 0; s < ln->n_segments; s++) {
            cJSON *so = cJSON_CreateObject();
            copy_compact(ln->segments[s].text, buf);
            match_piece(g, buf, 0, &pm);
            cJSON_AddStringToObject(so, "text", buf);
            cJSON_AddItemToObject(so, "bbox", json_box(&ln->segments[s].box));
            cJSON_AddItemToObject(so, "matches", hits_json(&pm));
            family_json(so, &pm);
            cJSON_AddItemToArray(segs, so);
        }
        json_put_record(out, o);
    }
}

/* -------------------------------------------------------------- events */

/* Whether an event heads a step of the page (not indented): a grid, the
 * foot, a scan for text tables outside a grid's step. */
static int top_level(const char *event, int in_grid)
{
    static const char *const top[] = {"page", "pending", "grid", "grid_empty", "foot", "open"};
    for (size_t i = 0; i < sizeof top / sizeof *top; i++)
        if (strcmp(event, top[i]) == 0)
            return 1;
    return !in_grid && strcmp(event, "text_scan") == 0;
}

static void events_text(pr_strbuf *out, const explain_ctx *x)
{
    put(out, "\n== What stage two decided on page %d\n", x->page->number);
    int in_grid = 0;
    for (size_t k = 0; k < x->n_ev; k++) {
        const ev_copy *e = &x->ev[k];
        if (strcmp(e->event, "free_line") == 0 ||
            (k && strcmp(e->event, x->ev[k - 1].event) == 0 &&
             strcmp(e->detail, x->ev[k - 1].detail) == 0))
            continue;               /* the same decision made twice (a check, then the
                                       placing: text_table.c) */
        const char *indent = top_level(e->event, in_grid) ? "" : "  ";
        if (strcmp(e->event, "grid") == 0)
            in_grid = 1;
        else if (strcmp(e->event, "end") == 0 || strcmp(e->event, "not_table") == 0)
            in_grid = 0;
        if (strcmp(e->event, "text_scan") == 0 && k + 1 < x->n_ev &&
            strcmp(x->ev[k + 1].event, "text_scan_end") == 0 &&
            strncmp(x->ev[k + 1].detail, "no ", 3) == 0) {          /* (4) */
            put(out, "%stext_scan: %s: none\n", indent, e->detail);
            k++;
            continue;
        }
        put(out, "%s%s", indent, e->event);
        if (e->line)
            put(out, " L%d", e->line);
        put(out, ": %s\n", e->detail);
    }
}

static void events_json(pr_strbuf *out, const explain_ctx *x)
{
    for (size_t k = 0; k < x->n_ev; k++) {
        const ev_copy *e = &x->ev[k];
        if (strcmp(e->event, "free_line") == 0)
            continue;               /* the line records carry it */
        cJSON *o = json_record("explain_event");
        cJSON_AddNumberToObject(o, "page", x->page->number);
        cJSON_AddStringToObject(o, "event", e->event);
        if (e->table)
            cJSON_AddNumberToObject(o, "table", e->table);
        else
            cJSON_AddNullToObject(o, "table");
        if (e->line)
            cJSON_AddNumberToObject(o, "line", e->line);
        else
            cJSON_AddNullToObject(o, "line");
        if (e->has_box)
            cJSON_AddItemToObject(o, "bbox", json_box(&e->box));
        else
            cJSON_AddNullToObject(o, "bbox");
        cJSON_AddStringToObject(o, "detail", e->detail);
        json_put_record(out, o);
    }
}

/* -------------------------------------------------------------- tables */

/* Whether table seq is on the page: its body is there, or the page
 * started or continued it. */
static int on_page(const explain_ctx *x, const tb_table *t)
{
    for (size_t i = 0; i < t->n_pages; i++)
        if (t->pages[i] == x->page->number)
            return 1;
    for (size_t k = 0; k < x->n_ev; k++) {
        const ev_copy *e = &x->ev[k];
        if (e->table == t->seq && (strcmp(e->event, "table_new") == 0 ||
                                   strcmp(e->event, "text_table") == 0 ||
                                   strcmp(e->event, "continue") == 0 ||
                                   strcmp(e->event, "text_continued") == 0))
            return 1;
    }
    return 0;
}

static void table_text(pr_strbuf *out, const rec_doc *rd, const rec_table *rt,
                       const gr_grammar *g)
{
    const tb_table *t = rt->src;
    put(out, "table %d%s%s %s\n", t->seq, *t->label ? " " : "", t->label,
        *t->title ? t->title : "(untitled)");
    if (*t->title) {
        char folded[TEXT_MAX] = "";
        grammar_fold(g, t->title, folded, sizeof folded);
        put(out, "  family: %s (title folded: %s)%s\n", rt->family ? rt->family : "none",
            folded, rt->family ? "" : ": no family rule matches the folded title");
    } else {
        put(out, "  family: none (no title)\n");
    }
    put(out, "  org %s, unit %s", *t->org ? t->org : "(none)", *t->unit ? t->unit : "(none)");
    if (rt->scale)
        put(out, " (scale %lld)", (long long)rt->scale);
    put(out, "; %s, pages", t->ruled ? "ruled" : "aligned text");
    for (size_t i = 0; i < t->n_pages; i++)
        put(out, "%s%d", i ? "," : " ", t->pages[i]);
    put(out, "%s\n", t->n_pages ? "" : " none yet (header only)");
    rec_confidence k = records_confidence(rd, rt);
    put(out, "  found by");
    for (int b = 0, n = 0; b < REC_N_FOUND; b++)
        if (k.found_by >> b & 1)
            put(out, "%s%s", n++ ? " + " : " ", records_found_name(b));
    put(out, "; confidence %d.%02d: %zu of %zu body rows with two or more cells, %zu of %zu "
             "columns empty, %zu doubt%s in %zu filled cells\n", k.hundredths / 100,
        k.hundredths % 100, k.rows_two, k.rows, k.cols_empty, k.cols, k.doubtful,
        k.doubtful == 1 ? "" : "s", k.filled);
    put(out, "  %zu header row%s, %zu body row%s, %zu note%s%s\n", t->n_header,
        t->n_header == 1 ? "" : "s", t->n_rows, t->n_rows == 1 ? "" : "s", t->n_notes,
        t->n_notes == 1 ? "" : "s", rt->form ? "; a form (keys are positions)" : "");
    if (rt->n_sides > 1)
        for (size_t s = 0; s < rt->n_sides; s++) {
            const rec_side *sd = &rt->sides[s];
            put(out, "  side %zu: columns %zu-%zu%s%s%s%s\n", s + 1, sd->lo + 1, sd->hi,
                *sd->heading ? ", under " : "", sd->heading, sd->key ? " -> " : "",
                sd->key ? sd->key : "");
        }
    put(out, "  columns (header path -> key):\n");
    for (size_t c = 0; c < t->n_cols; c++) {
        const char *why = rt->canonical[c] ? ""
                          : *t->columns[c] ? "  (no column rule names it: its header path)"
                                           : "  (no header)";
        put(out, "    %2zu  %s -> %s%s%s%s\n", c + 1,
            *t->columns[c] ? t->columns[c] : "(none)", rt->keys[c], rt->measure[c] ? "  measure " : "",
            rt->measure[c] ? rt->measure[c] : "", why);
    }
    for (size_t i = 0; i < t->n_notes; i++)
        put(out, "  note: %s\n", t->notes[i]);
}

static void table_json(pr_strbuf *out, const rec_doc *rd, const rec_table *rt,
                       const gr_grammar *g, int page)
{
    const tb_table *t = rt->src;
    cJSON *o = json_record("explain_table");
    cJSON_AddNumberToObject(o, "page", page);
    cJSON_AddNumberToObject(o, "table", t->seq);
    cJSON_AddStringToObject(o, "label", t->label);
    cJSON_AddStringToObject(o, "title", t->title);
    char folded[TEXT_MAX] = "";
    if (*t->title)
        grammar_fold(g, t->title, folded, sizeof folded);
    cJSON_AddStringToObject(o, "folded", folded);
    if (rt->family)
        cJSON_AddStringToObject(o, "family", rt->family);
    else
        cJSON_AddNullToObject(o, "family");
    cJSON_AddBoolToObject(o, "form", rt->form);
    cJSON_AddStringToObject(o, "org", t->org);
    cJSON_AddStringToObject(o, "unit", t->unit);
    cJSON_AddBoolToObject(o, "ruled", t->ruled);
    rec_confidence k = records_confidence(rd, rt);
    cJSON *fb = cJSON_AddArrayToObject(o, "found_by");
    for (int b = 0; b < REC_N_FOUND; b++)
        if (k.found_by >> b & 1)
            cJSON_AddItemToArray(fb, cJSON_CreateString(records_found_name(b)));
    char hundredths[24];
    snprintf(hundredths, sizeof hundredths, "%d.%02d", k.hundredths / 100, k.hundredths % 100);
    cJSON *cf = cJSON_AddObjectToObject(o, "confidence");
    cJSON_AddRawToObject(cf, "value", hundredths);
    cJSON_AddNumberToObject(cf, "rows", (double)k.rows);
    cJSON_AddNumberToObject(cf, "rows_two_cells", (double)k.rows_two);
    cJSON_AddNumberToObject(cf, "columns", (double)k.cols);
    cJSON_AddNumberToObject(cf, "columns_empty", (double)k.cols_empty);
    cJSON_AddNumberToObject(cf, "filled", (double)k.filled);
    cJSON_AddNumberToObject(cf, "doubts", (double)k.doubtful);
    cJSON *pages = cJSON_AddArrayToObject(o, "pages");
    for (size_t i = 0; i < t->n_pages; i++)
        cJSON_AddItemToArray(pages, cJSON_CreateNumber(t->pages[i]));
    cJSON_AddNumberToObject(o, "header_rows", (double)t->n_header);
    cJSON_AddNumberToObject(o, "body_rows", (double)t->n_rows);
    cJSON *sides = cJSON_AddArrayToObject(o, "sides");
    for (size_t s = 0; s < rt->n_sides; s++) {
        cJSON *so = cJSON_CreateObject();
        cJSON_AddNumberToObject(so, "first", (double)(rt->sides[s].lo + 1));
        cJSON_AddNumberToObject(so, "last", (double)rt->sides[s].hi);
        cJSON_AddStringToObject(so, "heading", rt->sides[s].heading);
        if (rt->sides[s].key)
            cJSON_AddStringToObject(so, "key", rt->sides[s].key);
        else
            cJSON_AddNullToObject(so, "key");
        cJSON_AddItemToArray(sides, so);
    }
    cJSON *cols = cJSON_AddArrayToObject(o, "columns");
    for (size_t c = 0; c < t->n_cols; c++) {
        cJSON *co = cJSON_CreateObject();
        cJSON_AddNumberToObject(co, "col", (double)(c + 1));
        cJSON_AddStringToObject(co, "path", t->columns[c]);
        cJSON_AddStringToObject(co, "key", rt->keys[c]);
        if (rt->canonical[c])
            cJSON_AddStringToObject(co, "canonical", rt->canonical[c]);
        else
            cJSON_AddNullToObject(co, "canonical");
        if (rt->measure[c])
            cJSON_AddStringToObject(co, "measure", rt->measure[c]);
        else
            cJSON_AddNullToObject(co, "measure");
        cJSON_AddItemToArray(cols, co);
    }
    cJSON *notes = cJSON_AddArrayToObject(o, "notes");
    for (size_t i = 0; i < t->n_notes; i++)
        cJSON_AddItemToArray(notes, cJSON_CreateString(t->notes[i]));
    json_put_record(out, o);
}

/* ------------------------------------------------------------- command */

static int usage(const char *msg)
{
    fprintf(stderr, "pdfrows: error: %s\n"
                    "Try 'pdfrows --help' for more information.\n", msg);
    return PR_EXIT_USAGE;
}

static int fail(const char *file, const pr_error *err)
{
    fprintf(stderr, "pdfrows: error: %s: %s\n", file, err->message);
    return pr_rc_exit(err->rc);
}

int cli_run_explain(const cli_options *opts, const gr_grammar *grammar, FILE *out)
{
    if (opts->n_files != 1 || opts->files_from)
        return usage("explain reads one FILE.pdf");
    if (opts->n_page_ranges != 1 || opts->page_ranges[0] != opts->page_ranges[1])
        return usage("explain needs --page N: one page");
    int want = opts->page_ranges[0];
    int jsonl = opts->format_given && opts->format == CLI_FMT_JSONL;
    if (opts->format_given && !jsonl)
        return usage("explain writes text, or --format jsonl");
    const char *file = opts->files[0];
    pr_error err = {0};
    ex_doc *doc = NULL;
    if (extract_doc_open(file, opts->password, &doc, &err) != PR_OK)
        return fail(file, &err);
    int n_pages = extract_doc_page_count(doc);
    if (want > n_pages) {
        char msg[1024];
        snprintf(msg, sizeof msg, "--page %d: %s has %d page%s", want, file, n_pages,
                 n_pages == 1 ? "" : "s");
        extract_doc_free(&doc);
        return usage(msg);
    }
    ex_options xo = {.find_rules = opts->find_rules, .ocr = opts->ocr};
    tb_doc *tables = table_doc_new();
    ex_page *page = NULL;
    for (int p = 1; p < want; p++) {                                    /* (1) */
        if (extract_page(doc, p, &xo, &page, &err) != PR_OK)
            break;
        table_add_page(tables, page, grammar);
        extract_page_free(&page);
    }
    if (!err.rc)
        extract_page(doc, want, &xo, &page, &err);
    if (err.rc) {
        table_doc_free(&tables);
        extract_doc_free(&doc);
        return fail(file, &err);
    }
    explain_ctx x = {0};
    x.arena = pr_arena_new();
    x.page = page;
    x.free_text = pr_arena_alloc(x.arena, (page->n_lines + 1) * sizeof *x.free_text);
    table_add_page_traced(tables, page, grammar, collect, &x);
    rec_doc *rd = records_build(tables, grammar);                       /* (3) */

    pr_strbuf sb = PR_STRBUF_INIT;
    if (jsonl) {
        cJSON *o = json_record("explain_page");
        json_add_file(o, file);
        cJSON_AddNumberToObject(o, "page", want);
        cJSON_AddNumberToObject(o, "pages_in_file", n_pages);
        cJSON_AddNumberToObject(o, "lines", (double)page->n_lines);
        cJSON_AddNumberToObject(o, "grammar_rules", (double)grammar_rule_count(grammar));
        json_put_record(&sb, o);
        lines_json(&sb, &x, grammar);
        events_json(&sb, &x);
        for (size_t i = 0; i < rd->n_tables; i++)
            if (on_page(&x, rd->tables[i].src))
                table_json(&sb, rd, &rd->tables[i], grammar, want);
    } else {
        put(&sb, "pdfrows explain %s, page %d of %d: %zu lines, %zu ruling lines "
                 "(%zu across, %zu down)\n", file, want, n_pages, page->n_lines,
            page->n_hrules + page->n_vrules, page->n_hrules, page->n_vrules);
        if (want > 1)
            put(&sb, "(pages 1-%d were read first, for tables and titles that go on "
                     "from them)\n", want - 1);
        lines_text(&sb, &x, grammar);
        events_text(&sb, &x);
        put(&sb, "\n== Tables on page %d (stage three, as read up to this page)\n", want);
        size_t shown = 0;
        for (size_t i = 0; i < rd->n_tables; i++)
            if (on_page(&x, rd->tables[i].src)) {
                table_text(&sb, rd, &rd->tables[i], grammar);
                shown++;
            }
        if (!shown)
            put(&sb, "none\n");
    }
    if (sb.len)
        fwrite(sb.data, 1, sb.len, out);
    pr_strbuf_free(&sb);
    records_free(&rd);
    pr_arena_free(&x.arena);
    extract_page_free(&page);
    table_doc_free(&tables);
    extract_doc_free(&doc);
    return PR_EXIT_OK;
}
