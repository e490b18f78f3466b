/*
 * text_blocks.c — tables found from the page itself, without a title and
 * without ruling lines: a block of free lines whose numbers line up in
 * columns (issue 14). Statistical annexes and English-language reports
 * print tables so; no title rule names them, no grid draws them.
 *
 * Ownership: nothing is returned; tables go into the document
 * (table_place), scratch into the page's arena.
 *
 * NOTES
 *   (1) A row line has MIN_NUMBERS words or more that are numbers
 *       (table_is_number: amounts, codes, placeholders; a word ends where
 *       glyphs stand WORD_GAP em apart). A block is a run of row lines, with
 *       at most MAX_FRAGMENTS one-segment lines without a number between
 *       two of them (a row name wrapped onto the next line), no gap
 *       between two lines of more than GAP_LINES line heights.
 *   (2) The evidence of a table, besides the numbers: MIN_ROWS row lines
 *       or more whose numbers line up, in MIN_COLUMNS columns or more (the
 *       right edges of their number words within ALIGN_PT of each other,
 *       or their centres, for numbers centred in their columns,
 *       in MIN_ROWS rows and half the block's rows or more), holding half
 *       the block's numbers or more. One column of numbers is no table (a
 *       table of contents, a list with page numbers), nor are numbers in
 *       sentences that line up by chance (two columns of prose). Lines at
 *       the block's foot with fewer than MIN_NUMBERS numbers in its
 *       columns are left out (a sentence with numbers under the table).
 *   (3) Heading lines above the block belong to it: up to MAX_HEADING
 *       lines of two or more segments or of one short one (SHORT_SEGMENT
 *       bytes), each within GAP_LINES line heights of the next; a line of
 *       one long segment is prose and ends the search, and so does a line
 *       taken already. A heading line may lie in a grid of horizontal
 *       rules only that made no table: a three-line table's header band,
 *       between its top rule and the rule under its header, is found as
 *       such a grid, its body below it as free lines; the band's bottom
 *       rule ends the header then (a section label under it, "Women", is
 *       a body row).
 *   (5) Two tables one under the other, with no title between them: a
 *       line that is no row line, more than NEW_TABLE_PITCH times the
 *       block's median line pitch below the line above it, is the heading
 *       of the next table and ends the block. A blank line between rows
 *       (a space every five rows) does not: a row line follows it. The
 *       next block is a table of its own when one of its heading lines
 *       repeats one of the last block's (the same layout printed twice:
 *       "Design effect" over two parts of a table of sample sizes); else
 *       it goes on with the open table (a section label, "Female" after
 *       "Male", is no such repeat).
 *   (4) The block is read like a titled text table (text_region.c:
 *       columns from alignment, rows from the wrapped-cell state machine)
 *       and placed without a title (cell_matrix.aligned): it may also go
 *       on with the table the previous page left open, unless its heading
 *       repeats the last block's (5) (table_continue.c (4)).
 *   (6) Two passes. Among the free lines between grids, as titled text
 *       tables are looked for (table_text_blocks); then, once the page's
 *       grids are placed, over every line still loose (a free line not
 *       taken, or a line of a grid that made no table: horizontal rules
 *       only, or a frame whose short column rules a scan lost;
 *       table_text_blocks_page). A table whose rows are ruled
 *       apart by horizontal rules, its header and its last row outside
 *       them, is one block only then. Lines taken already break a block.
 *   (7) A title after a label ("TABLE 4. Number of deaths ...", the
 *       grammar's labelled_title rules; or the label alone on its line,
 *       the title on the next: "TABLE 6" / "Mean Body Weights ...")
 *       names the block under it: it is
 *       looked for among the MAX_TITLE_LINES loose lines above the
 *       block's heading lines, and the lines between (the title wrapped)
 *       are the title's. No heading line is taken from above a title line
 *       or its second line, so two tables one under the other keep their
 *       own headings; a block with a title is a new table.
 *   (8) A table beside a column of prose (a two-column page, the table in
 *       one column): lines whose baselines meet run on across the gutter,
 *       "Ohio 19,820 154.0 ... 45.2 particular, the Guide to Community".
 *       Where a third of the block's rows (MIN_ROWS at least) go on right
 *       of its last column of numbers with a segment of prose (PROSE_WORDS
 *       words, PROSE_GLYPHS glyphs), the region ends before the leftmost
 *       of those segments: the prose is no column of the table.
 *   (9) A header ruled off by one rule alone (no grid: a typewriter
 *       report's row of dashes, typed_rules.c): the only horizontal rule
 *       inside the block across RULE_SPAN of its width, above its second
 *       row line, ends the header as a header band's rule does (3): the
 *       header line of numbers over it ("Proportion 1.0 1.1 ... 1.6") is
 *       the header, not a body row.
 *  (10) The label of the block's last row wrapped onto the lines under it
 *       ("Cities in North America with" / "open data sites"): up to
 *       MAX_FRAGMENTS one-segment lines without a number, at a wrapped
 *       line's spacing (TAIL_GAP line heights), starting at the rows'
 *       left edge with a lower-case Latin letter, belong to the block (a
 *       sentence or a note under a table starts with a capital).
 */
#include "table_int.h"
#include "strbuf.h"

#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MIN_NUMBERS 2
#define MAX_FRAGMENTS 2
#define GAP_LINES 2.5
#define MIN_ROWS 3
#define MIN_COLUMNS 2
#define ALIGN_PT 3.0
#define MAX_HEADING 8
#define NEW_TABLE_PITCH 1.6     /* (5) times the median line pitch */
#define WORD_GAP 0.2            /* (1) em between two words */
#define SHORT_SEGMENT 40        /* (3) bytes: a heading, not a sentence */
#define MAX_TITLE_LINES 3       /* (7) a title and the lines it wraps onto */
#define TITLE_WRAP 0.8          /* (7) line heights between a title's lines */
#define PROSE_WORDS 4           /* (8) words of a line of prose */
#define PROSE_GLYPHS 20         /* (8) and glyphs */
#define RULE_SPAN 0.8           /* (9) of the block's width */
#define TAIL_GAP 0.5            /* (10) line heights: a wrapped line's spacing */

/* A line a block may hold: its free line (NULL for a line of a grid that
 * made no table), or NULL line for a line taken already (a barrier). */
typedef struct cand {
    const ex_line *line;
    ex_box box;                 /* of the glyphs it may give */
    free_line *fl;
    size_t numbers;             /* its number words (numbers_of) */
} cand;

static int line_of(const page_ctx *pc, const ex_line *ln)
{
    return (int)(ln - pc->page->lines) + 1;
}

static double height(const ex_box *b)
{
    double h = b->y1 - b->y0;
    return h > 4 ? h : 4;
}

/* The line's words that are numbers (words: glyphs apart by WORD_GAP em
 * or more, as text_region.c splits them: a segment may hold the words of
 * several columns, "208 1,271.7 (1,098.9–1,444.5)"); their right edges
 * (or centres) into edges[] (at most max). */
static size_t numbers_at(const page_ctx *pc, const ex_line *ln, double *edges, size_t max,
                         int centres)
{
    size_t n = 0;
    char word[256];
    size_t len = 0;
    double x0 = 0, x1 = 0;
    for (size_t k = 0; k <= ln->n_glyphs; k++) {
        const ex_glyph *gl = k < ln->n_glyphs ? &ln->glyphs[k] : NULL;
        double em = gl && gl->size > 0 ? gl->size : 10;
        if (len && (!gl || gl->box.x0 - x1 > WORD_GAP * em)) {
            memset(word + len, 0, sizeof word - len);   /* PCRE2's JIT may read past the NUL */
            if (table_is_number(pc->g, word)) {
                if (n < max)
                    edges[n] = centres ? (x0 + x1) / 2 : x1;
                n++;
            }
            len = 0;
        }
        if (!gl)
            break;
        if (!len)
            x0 = gl->box.x0;
        char u[8];
        int ul = g_unichar_to_utf8(gl->cp, u);
        if (len + (size_t)ul + 1 < sizeof word) {
            memcpy(word + len, u, (size_t)ul);
            len += (size_t)ul;
        }
        x1 = gl->box.x1;
    }
    return n;
}

static size_t numbers_of(const page_ctx *pc, const ex_line *ln, double *edges, size_t max)
{
    return numbers_at(pc, ln, edges, max, 0);
}

static int is_row(const cand *c)
{
    return c->line && c->numbers >= MIN_NUMBERS;
}

static int is_fragment(const cand *c)
{
    return c->line && c->line->n_segments == 1 && c->numbers == 0;
}

/* A candidate line: its number words counted once (numbers_of runs the
 * grammar's number rules on every word). */
static cand make_cand(const page_ctx *pc, const ex_line *ln, ex_box box, free_line *fl)
{
    double e[1];
    return (cand){ln, box, fl, ln ? numbers_of(pc, ln, e, 0) : 0};
}

static int by_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* (2): columns of right edges (or centres) shared by MIN_ROWS rows or
 * more, and half the block's rows; 0 unless they hold half its numbers or
 * more. The columns' mean positions go to at[] (at most MAX_COLUMNS). */
#define MAX_COLUMNS 64
static size_t columns_by(const page_ctx *pc, const cand *c, size_t from, size_t to,
                         size_t rows, int centres, double *at, double *spread)
{
    *spread = 0;
    size_t cap = 0;
    for (size_t i = from; i < to; i++)
        cap += c[i].line ? c[i].line->n_glyphs : 0;
    double *edges = malloc((cap + 1) * sizeof *edges);
    if (!edges)
        pr_die_nomem();
    size_t n = 0;
    for (size_t i = from; i < to; i++)
        if (is_row(&c[i]))
            n += numbers_at(pc, c[i].line, edges + n, cap - n, centres);
    qsort(edges, n, sizeof *edges, by_double);
    size_t columns = 0, in_columns = 0, need = rows / 2 > MIN_ROWS ? rows / 2 : MIN_ROWS;
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        double sum = edges[i];
        while (j < n && edges[j] - edges[j - 1] <= ALIGN_PT)
            sum += edges[j++];
        if (j - i >= need) {
            if (columns < MAX_COLUMNS)
                at[columns] = sum / (double)(j - i);
            *spread += edges[j - 1] - edges[i];
            columns++;
            in_columns += j - i;
        }
        i = j;
    }
    free(edges);
    return 2 * in_columns >= n ? columns : 0;
}

/* (2): numbers right-aligned or centred in their columns; *centres says
 * which, at[] where the columns are. Of as many columns either way, the
 * way whose columns are the narrower (their edges, or centres, spread
 * the less) is how they are set: single digits centred under 16 and 365
 * stand 3 points left of their right edges. */
static size_t aligned_columns(const page_ctx *pc, const cand *c, size_t from, size_t to,
                              size_t rows, int *centres, double *at)
{
    double by_centre[MAX_COLUMNS], right_spread, centre_spread;
    size_t right = columns_by(pc, c, from, to, rows, 0, at, &right_spread);
    size_t centred = columns_by(pc, c, from, to, rows, 1, by_centre, &centre_spread);
    *centres = centred > right || (centred == right && centre_spread < right_spread);
    if (*centres)
        memcpy(at, by_centre, sizeof by_centre);
    return right > centred ? right : centred;
}

/* (2): the line's numbers that stand in the columns at[0..n). */
static size_t in_columns(const page_ctx *pc, const cand *c, int centres, const double *at,
                         size_t n)
{
    double e[64];
    size_t k = numbers_at(pc, c->line, e, 64, centres), hits = 0;
    for (size_t i = 0; i < k && i < 64; i++)
        for (size_t j = 0; j < n && j < MAX_COLUMNS; j++)
            if (fabs(e[i] - at[j]) <= ALIGN_PT) {
                hits++;
                break;
            }
    return hits;
}

/* (5): the end of the block [i, end): before the first line that is no
 * row line and stands more than NEW_TABLE_PITCH times the block's median
 * line pitch below the line above it, trimmed to its last row line. */
static size_t split_at_heading(const cand *c, size_t i, size_t end)
{
    if (end - i < 3)
        return end;
    double *pitch = malloc((end - i) * sizeof *pitch);
    if (!pitch)
        pr_die_nomem();
    for (size_t k = i + 1; k < end; k++)
        pitch[k - i - 1] = c[k].box.y0 - c[k - 1].box.y0;
    qsort(pitch, end - i - 1, sizeof *pitch, by_double);
    double median = pitch[(end - i - 1) / 2];
    free(pitch);
    for (size_t k = i + 1; k < end; k++)
        if (!is_row(&c[k]) && c[k].box.y0 - c[k - 1].box.y0 > NEW_TABLE_PITCH * median) {
            while (k > i + 1 && !is_row(&c[k - 1]))
                k--;
            return k;
        }
    return end;
}

/* (8): whether segment sg reads as a line of prose: PROSE_WORDS words
 * or more, PROSE_GLYPHS glyphs or more. */
static int prose_segment(const ex_segment *sg)
{
    size_t words = 1;
    for (const char *p = sg->text; *p; p++)
        words += *p == ' ';
    return words >= PROSE_WORDS && sg->n_glyphs >= PROSE_GLYPHS;
}

/* (8): the left edge of a column of prose right of the block's last
 * column of numbers (at[0..columns)), in its lines c[i..end): segments of
 * prose starting there, lined up, in a third of the block's rows or more
 * (MIN_ROWS at least); 0 if none. */
static double prose_beside(const cand *c, size_t i, size_t end, size_t rows,
                           const double *at, size_t columns)
{
    double last = -1e9;
    for (size_t k = 0; k < columns && k < MAX_COLUMNS; k++)
        last = fmax(last, at[k]);
    double x = 1e9;
    size_t n = 0;
    for (size_t u = i; u < end; u++) {
        const ex_line *ln = c[u].line;
        for (size_t s = 0; ln && s < ln->n_segments; s++) {
            const ex_segment *sg = &ln->segments[s];
            if (sg->box.x0 > last + ALIGN_PT && prose_segment(sg)) {
                x = fmin(x, sg->box.x0);
                n++;
                break;
            }
        }
    }
    return n >= MIN_ROWS && 3 * n >= rows ? x : 0;
}

/* (3), (6): the free line of page line ln (NULL if none). */
static free_line *free_of(const page_ctx *pc, const ex_line *ln)
{
    return pc->free_of_line[ln - pc->page->lines];
}

/* (3), (6): the grid that holds page line ln's middle, or -1. */
static long grid_holding(const page_ctx *pc, const ex_line *ln)
{
    double x = (ln->box.x0 + ln->box.x1) / 2, y = (ln->box.y0 + ln->box.y1) / 2;
    for (size_t gi = 0; gi < pc->n_grids; gi++) {
        const tb_grid *g = &pc->grids[gi];
        if (x >= g->box.x0 - 1 && x <= g->box.x1 + 1 && y >= g->box.y0 - 1 &&
            y <= g->box.y1 + 1)
            return (long)gi;
    }
    return -1;
}

/* (3), (6): whether page line ln is loose: a free line not taken yet,
 * or a line of a grid that made no table (horizontal rules only, or a
 * frame whose column rules a scan lost). */
static int loose_line(const page_ctx *pc, const ex_line *ln)
{
    const free_line *fl = free_of(pc, ln);
    if (fl)
        return !fl->used;
    long gi = grid_holding(pc, ln);
    return gi >= 0 && !pc->grid_table[gi];
}

/* (7): whether page line ln is a table title after a label ("Table 3.
 * Number of deaths ..."), or a label alone on its line with the title on
 * the next ("TABLE 6" / "Mean Body Weights of F1 Pups ..."). */
static int title_line(const page_ctx *pc, const ex_line *ln)
{
    char buf[1024] = "", label[128];    /* all set: PCRE2's JIT may read past the NUL */
    gr_compact(ln->text, buf, sizeof buf);
    const char *rest = table_cut_label(pc, buf, label, sizeof label);
    if (!*label)
        return 0;
    if (*rest)
        return table_is_title(pc, rest, 1);
    const ex_page *pg = pc->page;
    const ex_line *next = ln + 1;
    if (next >= pg->lines + pg->n_lines || next->box.y0 - ln->box.y1 > TITLE_WRAP * height(&ln->box))
        return 0;
    memset(buf, 0, sizeof buf);
    gr_compact(next->text, buf, sizeof buf);
    return table_is_title(pc, buf, 1);
}

/* (7): the title over a block whose headings start at page line top_line:
 * a title line among the MAX_TITLE_LINES loose lines above it, each
 * within GAP_LINES line heights of the next; the lines from it down are
 * the title, wrapped. Read into head (label and printed title); its
 * free lines are marked used. */
static void title_above(page_ctx *pc, const ex_line *top_line, table_head *head)
{
    const ex_page *pg = pc->page;
    size_t at = (size_t)(top_line - pg->lines);
    const ex_line *below = top_line;
    for (size_t k = at, n = 0; k > 0 && n < MAX_TITLE_LINES; k--, n++) {
        const ex_line *ln = &pg->lines[k - 1];
        if (below->box.y0 - ln->box.y1 > GAP_LINES * height(&ln->box) || !loose_line(pc, ln))
            return;
        below = ln;
        if (!title_line(pc, ln))
            continue;
        /* the title line and the lines under it it wraps onto */
        pr_strbuf printed = PR_STRBUF_INIT;
        for (size_t u = k - 1; u < at; u++) {
            pr_strbuf_puts(&printed, pg->lines[u].text);
            pr_strbuf_puts(&printed, " ");
        }
        char whole[4096] = "", label[128];  /* all set: PCRE2's JIT may read past the NUL */
        gr_compact(printed.data, whole, sizeof whole);
        const char *rest = table_cut_label(pc, whole, label, sizeof label);
        const char *p = table_printed(pc->arena, printed.data, label);
        head->label = pr_arena_strndup(pc->doc->arena, p, strlen(p));
        p = table_printed(pc->arena, printed.data, rest);
        head->title = pr_arena_strndup(pc->doc->arena, p, strlen(p));
        pr_strbuf_free(&printed);
        for (size_t u = k - 1; u < at; u++) {
            free_line *fl = free_of(pc, &pg->lines[u]);
            if (fl)
                fl->used = 1;
        }
        return;
    }
}

/* (3): the first rule under page line ln of the grid that made no table
 * which holds it (a header band: the rule under the header), or 0; only
 * a rule above body_top, the block's first row, closes a header (a
 * section label under the header's rule has the table's bottom rule
 * under it, not a header's). */
static double rule_under(const page_ctx *pc, const ex_line *ln, double body_top)
{
    long gi = grid_holding(pc, ln);
    if (gi < 0 || pc->grid_table[gi])
        return 0;
    const tb_grid *g = &pc->grids[gi];
    for (size_t r = 0; r <= g->n_rows; r++)
        if (g->ys[r] > ln->box.y1 - 1 && !(g->virtual_ys && g->virtual_ys[r]))
            return g->ys[r] < body_top + 1 ? g->ys[r] : 0;
    return 0;
}

/* (7): whether page line k is a title line, or one of the lines it wraps
 * onto: one segment each, of one height, at most TITLE_WRAP line heights
 * under one another, left-aligned or centred alike, up to a title line
 * at most MAX_TITLE_LINES above. */
static int in_title(const page_ctx *pc, size_t k)
{
    const ex_page *pg = pc->page;
    for (size_t j = k + 1, n = 0; j > 0 && n < MAX_TITLE_LINES; j--, n++) {
        const ex_line *ln = &pg->lines[j - 1];
        if (title_line(pc, ln))
            return 1;
        const ex_line *up = j > 1 ? &pg->lines[j - 2] : NULL;
        if (ln->n_segments != 1 || !up || ln->box.y0 - up->box.y1 > TITLE_WRAP * height(&ln->box) ||
            fabs(height(&ln->box) - height(&up->box)) > 0.1 * height(&up->box) ||
            (fabs(ln->box.x0 - up->box.x0) > 2 &&
             fabs((ln->box.x0 + ln->box.x1) - (up->box.x0 + up->box.x1)) > 4))
            return 0;
    }
    return 0;
}

/* (9): the y of the one rule across region that ends the header of the
 * block c[i..end), or 0. */
static double lone_header_rule(const page_ctx *pc, const cand *c, size_t i, size_t end,
                               const ex_box *region)
{
    double second = 0, found = 0;
    for (size_t u = i, rows = 0; u < end && rows < 2; u++)
        if (is_row(&c[u]) && ++rows == 2)
            second = c[u].box.y0;
    const ex_page *pg = pc->page;
    double width = region->x1 - region->x0;
    for (size_t k = 0; k < pg->n_hrules; k++) {
        const ex_rule *r = &pg->hrules[k];
        if (r->pos <= region->y0 || r->pos >= region->y1 ||
            fmin(r->to, region->x1) - fmax(r->from, region->x0) < RULE_SPAN * width)
            continue;
        if (found)
            return 0;                   /* rules between rows: not a header's */
        found = r->pos;
    }
    return found < second ? found : 0;
}

/* (3): the top of the heading lines above page line first (its own top
 * if none); the free lines among them are marked used, their texts
 * (compact) go to *headings ("\n" after each, in the page's arena), and
 * *repeats says whether one of them is a heading line of the last block
 * placed on this page (5). */
static double heading_top(page_ctx *pc, const ex_line *first, double first_top,
                          const char **headings, int *repeats, const ex_line **top_line,
                          double *band_bottom)
{
    *band_bottom = 0;
    const ex_page *pg = pc->page;
    const ex_line *below = first;
    size_t at = (size_t)(first - pg->lines);
    double top = first_top;
    char buf[1024];
    pr_strbuf texts = PR_STRBUF_INIT;
    *repeats = 0;
    for (size_t k = at, n = 0; k > 0 && n < MAX_HEADING; k--, n++) {
        const ex_line *ln = &pg->lines[k - 1];
        if (below->box.y0 - ln->box.y1 > GAP_LINES * height(&ln->box) || !loose_line(pc, ln))
            break;
        gr_compact(ln->text, buf, sizeof buf);
        if (ln->n_segments < 2 && strlen(buf) > SHORT_SEGMENT)
            break;                      /* prose */
        if (in_title(pc, k - 1))
            break;                      /* (7) the table's title, not a heading */
        top = ln->box.y0;
        below = ln;
        pr_strbuf_puts(&texts, buf);
        pr_strbuf_puts(&texts, "\n");
        if (pc->block_headings && *buf) {
            const char *p = strstr(pc->block_headings, buf);
            size_t len = strlen(buf);
            *repeats |= p && (p == pc->block_headings || p[-1] == '\n') && p[len] == '\n';
        }
        free_line *fl = free_of(pc, ln);
        if (fl)
            fl->used = 1;
        else if (!*band_bottom)
            *band_bottom = rule_under(pc, ln, first_top);
    }
    *headings = pr_arena_strndup(pc->arena, texts.data ? texts.data : "", texts.len);
    pr_strbuf_free(&texts);
    *top_line = below;
    return top;
}

/* The first free line after page line ln (the block's last): where its
 * notes may start; notes_to when there is none before it. */
static size_t notes_after(const page_ctx *pc, const ex_line *ln, size_t notes_to)
{
    for (size_t k = (size_t)(ln - pc->page->lines) + 1; k < pc->page->n_lines; k++) {
        const free_line *fl = free_of(pc, &pc->page->lines[k]);
        if (fl) {
            size_t i = (size_t)(fl - pc->free);
            return i < notes_to ? i : notes_to;
        }
    }
    return notes_to;
}

/* (10): the end of the block c[i..end) with the lines its last row's
 * label wraps onto taken in (c[0..n) the page's candidate lines). */
static size_t label_tail(const cand *c, size_t i, size_t end, size_t n)
{
    double left = 1e9;
    for (size_t u = i; u < end; u++)
        left = fmin(left, c[u].box.x0);
    for (size_t k = 0; k < MAX_FRAGMENTS && end < n; k++, end++) {
        const cand *l = &c[end], *prev = &c[end - 1];
        if (!is_fragment(l) || l->line->n_glyphs == 0 ||
            l->box.y0 - prev->box.y1 > TAIL_GAP * height(&prev->box) ||
            fabs(l->box.x0 - left) > height(&prev->box))
            break;
        uint32_t first = l->line->glyphs[0].cp;
        if (first < 'a' || first > 'z')
            break;                      /* a sentence, a note: not a label's end */
    }
    return end;
}

/* (1)-(5) over the lines c[0..n); notes_from/notes_to: the free lines a
 * table's notes may come from after it (none: equal). */
static void find_blocks(page_ctx *pc, cand *c, size_t n, size_t notes_to)
{
    for (size_t i = 0; i < n; i++) {
        if (!is_row(&c[i]))
            continue;
        size_t end = i + 1, fragments = 0, last_row = i;
        while (end < n) {                                       /* (1) */
            const cand *l = &c[end], *prev = &c[end - 1];
            if (!l->line || l->box.y0 - prev->box.y1 > GAP_LINES * height(&prev->box))
                break;
            if (is_row(l)) {
                fragments = 0;
                last_row = end;
            } else if (!is_fragment(l) || ++fragments > MAX_FRAGMENTS) {
                break;
            }
            end++;
        }
        end = split_at_heading(c, i, last_row + 1);
        size_t rows = 0;
        for (size_t u = i; u < end; u++)
            rows += is_row(&c[u]);
        int centres = 0;
        double at[MAX_COLUMNS];
        size_t columns = rows >= MIN_ROWS ? aligned_columns(pc, c, i, end, rows, &centres, at)
                                          : 0;
        while (columns >= MIN_COLUMNS && end > i + 1 &&      /* (2) a sentence under it */
               (!is_row(&c[end - 1]) ||
                in_columns(pc, &c[end - 1], centres, at, columns) < MIN_NUMBERS)) {
            end--;
            rows -= is_row(&c[end]);
        }
        if (rows < MIN_ROWS || columns < MIN_COLUMNS) {
            if (pc->trace)
                table_tracef(pc->trace, pc->page->number, "text_block", 0,
                             line_of(pc, c[i].line), &c[i].box, "L%d-L%d: %zu rows of "
                             "numbers, %zu columns of them lined up: no table (%d rows and "
                             "%d columns needed)", line_of(pc, c[i].line),
                             line_of(pc, c[end - 1].line), rows, columns, MIN_ROWS,
                             MIN_COLUMNS);
            i = end - 1;
            continue;
        }
        end = label_tail(c, i, end, n);                         /* (10) */
        const char *headings;
        int repeats;
        const ex_line *top_line;
        double band_bottom;
        double top = heading_top(pc, c[i].line, c[i].box.y0, &headings, &repeats, &top_line,
                                 &band_bottom);
        table_head head;
        memset(&head, 0, sizeof head);
        title_above(pc, top_line, &head);                       /* (7) */
        ex_box region = {1e9, top, -1e9, -1e9};
        for (size_t u = i; u < end; u++) {
            const ex_box *b = &c[u].box;
            region.x0 = fmin(region.x0, b->x0); region.x1 = fmax(region.x1, b->x1);
            region.y0 = fmin(region.y0, b->y0); region.y1 = fmax(region.y1, b->y1);
            if (c[u].fl)
                c[u].fl->used = 1;
        }
        double prose = prose_beside(c, i, end, rows, at, columns);     /* (8) */
        if (prose > 0 && prose - 1 < region.x1)
            region.x1 = prose - 1;
        if (band_bottom <= region.y0)
            band_bottom = lone_header_rule(pc, c, i, end, &region);    /* (9) */
        if (pc->trace)
            table_tracef(pc->trace, pc->page->number, "text_block", 0, line_of(pc, c[i].line),
                         &region, "L%d-L%d: %zu rows of numbers in %zu lined-up columns, %s%s"
                         ": read as a table from y %.1f (heading lines above it included%s)",
                         line_of(pc, c[i].line), line_of(pc, c[end - 1].line), rows, columns,
                         head.title ? "titled " : "no title", head.title ? head.title : "",
                         region.y0, band_bottom > region.y0 ? "; the header ends at the rule "
                         "under it" : "");
        cell_matrix m;
        double rules[3] = {region.y0, band_bottom, region.y1};  /* (3) the header's rule */
        table_read_text_region(pc, &region, band_bottom > region.y0 ? rules : NULL,
                               band_bottom > region.y0 ? 3 : 0, &m);
        m.aligned = repeats ? 2 : 1;                            /* (4), (5) */
        m.untitled = !head.title;
        if (*headings)
            pc->block_headings = headings;
        size_t notes_from = notes_after(pc, c[end - 1].line, notes_to);
        size_t next = notes_from;
        table_place(pc, &m, &head, notes_from, notes_to, &next);
        while (end < n && c[end].fl && (size_t)(c[end].fl - pc->free) < next)
            end++;                      /* its notes */
        i = end - 1;
    }
}

void table_text_blocks(page_ctx *pc, size_t from, size_t to)
{
    if (from >= to)
        return;
    cand *c = malloc((to - from) * sizeof *c);
    if (!c)
        pr_die_nomem();
    for (size_t i = from; i < to; i++) {
        free_line *fl = &pc->free[i];
        c[i - from] = make_cand(pc, fl->used ? NULL : fl->line, fl->box, fl);
    }
    find_blocks(pc, c, to - from, to);
    free(c);
}

void table_text_blocks_page(page_ctx *pc)
{
    const ex_page *pg = pc->page;
    if (!pg->n_lines)
        return;
    cand *c = malloc(pg->n_lines * sizeof *c);
    if (!c)
        pr_die_nomem();
    for (size_t k = 0; k < pg->n_lines; k++) {
        const ex_line *ln = &pg->lines[k];
        free_line *fl = free_of(pc, ln);
        c[k] = make_cand(pc, loose_line(pc, ln) ? ln : NULL, fl ? fl->box : ln->box, fl);
    }
    find_blocks(pc, c, pg->n_lines, pc->n_free);
    free(c);
}
