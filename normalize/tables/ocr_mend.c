/*
 * ocr_mend.c — words of an OCR'd page mended with the grammar's own
 * vocabulary, before stage two reads the page: tesseract reads 支出 as
 * 广出 or 文出 often enough to lose a table's title, and with it its
 * family, keys and checks.
 *
 * Ownership: the page is borrowed and not changed: the mended page is a
 * copy (its lines, glyphs, segments and new texts) in the caller's arena,
 * sharing what did not change.
 *
 * NOTES
 *   (1) The grammar says what may be mended (`ocr_word`: the words of the
 *       documents' titles and headings; `ocr_confuse`: sets of characters
 *       OCR takes for each other, 支文广). A run of characters read by
 *       OCR that differs from a vocabulary word in exactly one character,
 *       the two characters in one confusable set, becomes that word; for a
 *       word of ANY_CHAR_WORD characters or more any one wrong ideograph
 *       will do (财政拨寺, 财政拨短: four characters leave little to
 *       chance; a quote or a stop is no misread ideograph: 三公”经费 is not
 *       公用经费). Only
 *       when unique: if another word one confusion away would put another
 *       character there, or a longer word one plain substitution away
 *       would (事业收文: 收支 by confusion, but the longer 事业收入 by a plain
 *       substitution), or the characters
 *       already form a vocabulary word covering that position (收入 stays
 *       收入 though 收支 is one confusion away), nothing changes. Text from a text layer is never touched.
 *   (2) A line is mended as one run of glyphs (a word may straddle two
 *       of its segments). Glyphs, segment texts and line texts are
 *       changed together, so
 *       every later reading (cells by glyph, titles by line) sees the same
 *       text. A segment's text holds its glyphs' characters in order, with
 *       spaces between words; a line's text is its segments' joined by
 *       one space.
 */
#include "table_int.h"
#include "strbuf.h"
#include "text.h"

#include <glib.h>
#include <string.h>

#define MAX_WORD 16
#define ANY_CHAR_WORD 4         /* (1) a word this long takes any one character */

/* The grammar's vocabulary and confusable sets (1). */
typedef struct vocab {
    const char *const *words, *const *sets;
    size_t n_words, n_sets;
} vocab;

/* Whether a and b are in one of the grammar's confusable sets. */
static int confusable(const vocab *g, gunichar a, gunichar b)
{
    for (size_t i = 0; i < g->n_sets; i++) {
        const char *set = g->sets[i];
        int has_a = 0, has_b = 0;
        for (const char *p = set; *p; p = g_utf8_next_char(p)) {
            gunichar c = g_utf8_get_char(p);
            has_a |= c == a;
            has_b |= c == b;
        }
        if (has_a && has_b)
            return 1;
    }
    return 0;
}

/* A word as code points; its length, 0 if longer than MAX_WORD. */
static size_t word_cps(const char *w, gunichar *out)
{
    size_t n = 0;
    for (const char *p = w; *p; p = g_utf8_next_char(p)) {
        if (n == MAX_WORD)
            return 0;
        out[n++] = g_utf8_get_char(p);
    }
    return n;
}

/* (1): the mended code points of cps[0..n) (ocr[i]: read by OCR) into
 * fix[] (0: unchanged); returns how many. */
static size_t mend_run(const vocab *g, const gunichar *cps, const int *ocr, size_t n,
                       gunichar *fix)
{
    unsigned char *exact = g_malloc0(n + 1);       /* inside a vocabulary word */
    gunichar w[MAX_WORD];
    for (size_t k = 0; k < g->n_words; k++) {
        size_t L = word_cps(g->words[k], w);
        for (size_t i = 0; L && i + L <= n; i++)
            if (memcmp(cps + i, w, L * sizeof *w) == 0)
                memset(exact + i, 1, L);
    }
    gunichar *want = g_malloc0((n + 1) * sizeof *want);
    unsigned char *clash = g_malloc0(n + 1);
    gunichar *other = g_malloc0((n + 1) * sizeof *other);
    size_t *other_len = g_malloc0((n + 1) * sizeof *other_len);
    size_t *want_len = g_malloc0((n + 1) * sizeof *want_len);
    for (size_t k = 0; k < g->n_words; k++) {
        size_t L = word_cps(g->words[k], w);
        for (size_t i = 0; L && i + L <= n; i++) {
            size_t diff = 0, at = 0;
            for (size_t j = 0; j < L && diff < 2; j++)
                if (cps[i + j] != w[j]) {
                    diff++;
                    at = i + j;
                }
            if (diff != 1 || !ocr[at] || exact[at])
                continue;
            int ideograph = cps[at] >= 0x4E00 && cps[at] <= 0x9FFF;
            int by_confusion = (L >= ANY_CHAR_WORD && ideograph) ||
                               confusable(g, cps[at], w[at - i]);
            if (!by_confusion) {
                if (L > other_len[at]) {    /* a longer word fits, not by confusion */
                    other[at] = w[at - i];
                    other_len[at] = L;
                }
                continue;
            }
            if (want[at] && want[at] != w[at - i])
                clash[at] = 1;
            want[at] = w[at - i];
            if (L > want_len[at])
                want_len[at] = L;
        }
    }
    size_t mended = 0;
    for (size_t i = 0; i < n; i++) {
        fix[i] = want[i] && !clash[i] &&
                 (!other[i] || other[i] == want[i] || other_len[i] <= want_len[i]) ? want[i] : 0;
        mended += fix[i] != 0;
    }
    g_free(want);
    g_free(clash);
    g_free(other);
    g_free(other_len);
    g_free(want_len);
    g_free(exact);
    return mended;
}

/* (2): the text of segment seg with its glyphs' (mended) characters. */
static const char *segment_text(const ex_line *ln, const ex_segment *seg, pr_arena *arena)
{
    pr_strbuf sb = PR_STRBUF_INIT;
    size_t k = 0;
    for (const char *p = seg->text; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (!pr_is_space(c) && k < seg->n_glyphs)
            c = ln->glyphs[seg->first_glyph + k++].cp;
        pr_strbuf_put_utf8(&sb, c);
    }
    const char *t = pr_arena_strndup(arena, sb.data ? sb.data : "", sb.len);
    pr_strbuf_free(&sb);
    return t;
}

/* (1), (2): line ln mended as one run of glyphs (a word may straddle two
 * segments: 财政拨 | 秋收支); 1 if anything changed. */
static int mend_line(const vocab *g, ex_line *ln, pr_arena *arena)
{
    size_t n = ln->n_glyphs;
    if (n < 2)
        return 0;
    gunichar *cps = g_malloc((n + 1) * sizeof *cps), *fix = g_malloc((n + 1) * sizeof *fix);
    int *ocr = g_malloc((n + 1) * sizeof *ocr), any_ocr = 0;
    for (size_t i = 0; i < n; i++) {
        cps[i] = ln->glyphs[i].cp;
        ocr[i] = ln->glyphs[i].ocr_conf > 0;
        any_ocr |= ocr[i];
    }
    size_t mended = any_ocr ? mend_run(g, cps, ocr, n, fix) : 0;
    for (size_t i = 0; mended && i < n; i++)
        if (fix[i])
            ln->glyphs[i].cp = fix[i];
    for (size_t s = 0; mended && s < ln->n_segments; s++)
        ln->segments[s].text = segment_text(ln, &ln->segments[s], arena);
    g_free(cps);
    g_free(fix);
    g_free(ocr);
    return mended != 0;
}

const ex_page *table_ocr_mended(const ex_page *page, const gr_grammar *g, pr_arena *arena)
{
    vocab v;
    v.n_words = grammar_ocr_words(g, &v.words);
    v.n_sets = grammar_ocr_confusables(g, &v.sets);
    if (!page->ocr_dpi || !v.n_words || !v.n_sets)
        return page;
    ex_page *copy = pr_arena_alloc(arena, sizeof *copy);             /* (2) */
    *copy = *page;
    copy->lines = pr_arena_alloc(arena, (page->n_lines + 1) * sizeof *copy->lines);
    for (size_t li = 0; li < page->n_lines; li++) {
        ex_line *ln = &copy->lines[li];
        *ln = page->lines[li];
        ln->glyphs = pr_arena_alloc(arena, (ln->n_glyphs + 1) * sizeof *ln->glyphs);
        memcpy(ln->glyphs, page->lines[li].glyphs, ln->n_glyphs * sizeof *ln->glyphs);
        ln->segments = pr_arena_alloc(arena, (ln->n_segments + 1) * sizeof *ln->segments);
        memcpy(ln->segments, page->lines[li].segments, ln->n_segments * sizeof *ln->segments);
        if (!mend_line(&v, ln, arena))
            continue;
        pr_strbuf sb = PR_STRBUF_INIT;
        for (size_t s = 0; s < ln->n_segments; s++) {
            if (s)
                pr_strbuf_puts(&sb, " ");
            pr_strbuf_puts(&sb, ln->segments[s].text);
        }
        ln->text = pr_arena_strndup(arena, sb.data ? sb.data : "", sb.len);
        pr_strbuf_free(&sb);
    }
    return copy;
}
