/*
 * line_segments.c — one line's glyphs to words and segments, and the text
 * of both.
 *
 * A segment is what a reader sees as one piece of a line: the words of one
 * table cell, of one whitespace-aligned column, of a title. A segment ends
 * where a vertical ruling line passes between two glyphs (however close
 * they are: "21,940.96一、一般公共服务支出" printed across a rule is two
 * cells), or where the gap is a column gap.
 *
 * NOTES
 *   (1) Gaps are judged in ems of the larger of the two glyphs' font sizes
 *       (box height when the size is unknown), never in absolute points.
 *   (2) Word space: wider than EX_WORD_GAP_LATIN ems between non-CJK glyphs,
 *       WORD_GAP_MIXED between a CJK and a non-CJK glyph, WORD_GAP_CJK
 *       between two CJK glyphs. Chinese is printed without spaces, so only a
 *       gap wider than half a character is a space there.
 *   (3) Column gap: wider than COLUMN_GAP ems, except inside a letter-spaced
 *       run (4).
 *   (4) Letter-spaced run: headers like "合    计" or "收 入 总 计" print
 *       single CJK characters at an even pitch. Gaps between single CJK
 *       glyphs that are equal within 15% of each other (or a lone gap
 *       between two such glyphs) and at most SPACED_GAP ems stay inside the
 *       segment, as word spaces.
 */
#include "extract_int.h"
#include "strbuf.h"

#include <math.h>

#define WORD_GAP_MIXED  0.30
#define WORD_GAP_CJK    0.50
#define COLUMN_GAP      1.00
#define SPACED_GAP      3.00

enum gap_kind { GAP_NONE, GAP_WORD, GAP_COLUMN };

static double em_of(const ex_glyph *a, const ex_glyph *b)
{
    double s = fmax(a->size, b->size);
    if (s <= 0)
        s = fmax(a->box.y1 - a->box.y0, b->box.y1 - b->box.y0);
    return s > 0 ? s : 1.0;
}

static double gap_em(const ex_glyph *g, size_t i)
{
    return (g[i].box.x0 - g[i - 1].box.x1) / em_of(&g[i - 1], &g[i]);
}

static int rule_between(const ex_rule *v, size_t nv, const ex_glyph *a,
                        const ex_glyph *b, double y)
{
    double lo = (a->box.x0 + a->box.x1) / 2, hi = (b->box.x0 + b->box.x1) / 2;
    for (size_t i = 0; i < nv; i++)
        if (v[i].pos > lo && v[i].pos < hi && v[i].from - 1 <= y && y <= v[i].to + 1)
            return 1;
    return 0;
}

/* (4): is the gap before glyph i part of an evenly letter-spaced run? */
static int letter_spaced(const ex_glyph *g, size_t n, size_t i)
{
    double gap = gap_em(g, i);
    if (gap > SPACED_GAP || !extract_is_cjk(g[i].cp) || !extract_is_cjk(g[i - 1].cp))
        return 0;
    int before = i >= 2 && extract_is_cjk(g[i - 2].cp) &&
                 fabs(gap_em(g, i - 1) - gap) <= 0.15 * gap;
    int after = i + 1 < n && extract_is_cjk(g[i + 1].cp) &&
                fabs(gap_em(g, i + 1) - gap) <= 0.15 * gap;
    int isolated_pair = (i < 2 || gap_em(g, i - 1) > SPACED_GAP) &&
                        (i + 1 >= n || gap_em(g, i + 1) > SPACED_GAP);
    return before || after || isolated_pair;
}

static enum gap_kind classify(const ex_glyph *g, size_t n, size_t i,
                              const ex_rule *v, size_t nv, double y)
{
    if (rule_between(v, nv, &g[i - 1], &g[i], y))
        return GAP_COLUMN;
    double gap = gap_em(g, i);
    int cjk_a = extract_is_cjk(g[i - 1].cp), cjk_b = extract_is_cjk(g[i].cp);
    double word = cjk_a && cjk_b ? WORD_GAP_CJK
                : (cjk_a || cjk_b) ? WORD_GAP_MIXED : EX_WORD_GAP_LATIN;
    if (gap <= word)
        return GAP_NONE;
    if (gap <= COLUMN_GAP || letter_spaced(g, n, i))
        return GAP_WORD;
    return GAP_COLUMN;
}

static void close_segment(ex_line *line, ex_segment *seg, size_t end,
                          pr_strbuf *text, pr_arena *arena)
{
    seg->n_glyphs = end - seg->first_glyph;
    seg->text = pr_arena_strndup(arena, text->data ? text->data : "", text->len);
    size_t bold = 0;
    for (size_t i = seg->first_glyph; i < end; i++) {
        const ex_glyph *g = &line->glyphs[i];
        if (i == seg->first_glyph) {
            seg->box = g->box;
        } else {
            seg->box.x0 = fmin(seg->box.x0, g->box.x0);
            seg->box.y0 = fmin(seg->box.y0, g->box.y0);
            seg->box.x1 = fmax(seg->box.x1, g->box.x1);
            seg->box.y1 = fmax(seg->box.y1, g->box.y1);
        }
        seg->size = fmaxf(seg->size, g->size);
        bold += g->bold;
    }
    seg->bold = (uint8_t)(2 * bold > seg->n_glyphs);
    pr_strbuf_reset(text);
}

void extract_split_segments(ex_line *line, const ex_rule *vrules,
                            size_t n_vrules, pr_arena *arena)
{
    const ex_glyph *g = line->glyphs;
    size_t n = line->n_glyphs;
    double y = (line->box.y0 + line->box.y1) / 2;
    enum gap_kind *gaps = pr_xcalloc(n ? n : 1, sizeof *gaps);
    size_t n_segments = n ? 1 : 0;
    for (size_t i = 1; i < n; i++) {
        gaps[i] = classify(g, n, i, vrules, n_vrules, y);
        n_segments += gaps[i] == GAP_COLUMN;
    }
    line->segments = pr_arena_alloc(arena, n_segments * sizeof *line->segments);
    line->n_segments = n_segments;

    pr_strbuf seg_text = PR_STRBUF_INIT, line_text = PR_STRBUF_INIT;
    size_t s = 0;
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && gaps[i] == GAP_COLUMN) {
            close_segment(line, &line->segments[s++], i, &seg_text, arena);
            line->segments[s].first_glyph = i;
            pr_strbuf_putc(&line_text, ' ');
        } else if (i > 0 && gaps[i] == GAP_WORD) {
            pr_strbuf_putc(&seg_text, ' ');
            pr_strbuf_putc(&line_text, ' ');
        }
        pr_strbuf_put_utf8(&seg_text, g[i].cp);
        pr_strbuf_put_utf8(&line_text, g[i].cp);
    }
    if (n > 0)
        close_segment(line, &line->segments[s], n, &seg_text, arena);
    line->text = pr_arena_strndup(arena, line_text.data ? line_text.data : "",
                                  line_text.len);
    pr_strbuf_free(&seg_text);
    pr_strbuf_free(&line_text);
    free(gaps);
}
