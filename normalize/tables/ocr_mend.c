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
 *       character there, or a longer word one plain substitution of an
 *       ideograph away would (事业收文: 收支 by confusion, but the longer
 *       事业收入 by a plain substitution; 三公，经费 is 三公”经费, a comma
 *       being no ideograph that 公用经费 could claim), or the characters
 *       already form a vocabulary word covering that position (收入 stays
 *       收入 though 收支 is one confusion away), nothing changes. Text from a text layer is never touched.
 *   (2) A line is mended as one run of glyphs (a word may straddle two
 *       of its segments). Glyphs, segment texts and line texts are
 *       changed together, so
 *       every later reading (cells by glyph, titles by line) sees the same
 *       text. A segment's text holds its glyphs' characters in order, with
 *       spaces between words; a line's text is its segments' joined by
 *       one space.
 *   (3) Standard titles (`ocr_title`, the tables of the national
 *       templates): a title misread in several characters (三公”经费、会议
 *       导、菩训纲支出预算表) or with one too many or too few (一般公共了预算
 *       ...) is beyond word mending. After it, a line whose end (or the
 *       text before a closing parenthetical) is within TITLE_EDIT_CHARS
 *       edits per character of a standard title becomes that title there:
 *       an edit is an OCR'd ideograph read for another, one read in
 *       excess, or one lost; quote marks are passed over (kept as read).
 *       Of the titles within reach the longest wins (一般公共预算机关运行经费
 *       支出预算表 over 机关运行经费支出预算表, which it ends in), then the
 *       nearest; two as long and as near are left as read. A character
 *       is lost only where the line leaves room for it (LOST_ROOM em
 *       between its neighbours: 经费文 预算表 lost 出 there; 支出预算表 has no
 *       room for the 总 of 支出预算总表). Characters
 *       that form a vocabulary word as read (情况 in 一般公共预算基本支出情况表:
 *       not 预算表), and those that end the line as a standard title
 *       already, are never edited
 *       (一般公共了预算机关运行经费支出预算表 loses 了, but 一般公共预算项目支出表
 *       does not become 一般公共预算基本支出表: it ends in 项目支出表). Lost characters get the
 *       box of the character before them.
 */
#include "table_int.h"
#include "strbuf.h"
#include "text.h"

#include <glib.h>
#include <string.h>

#define MAX_WORD 16
#define MAX_TITLE 48            /* (3) characters of a standard title, at most */
#define TITLE_EDIT_CHARS 5      /* (3) one edit per this many characters */
#define LOST_ROOM 0.6           /* (3) em of room where a character was lost */
#define MAX_RUN 400             /* (3) a line this long is no title line */
#define NO_WAY 1000
#define ANY_CHAR_WORD 4         /* (1) a word this long takes any one character */

static int passed_over(gunichar c);

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

/* (3): a standard title as code points, quote marks passed over (len 0:
 * longer than MAX_TITLE). */
typedef struct std_title {
    gunichar cps[MAX_TITLE];
    size_t len;
} std_title;

/* A word as code points, quote marks passed over; its length, 0 if
 * longer than max. */
static size_t word_cps_max(const char *w, gunichar *out, size_t max)
{
    size_t n = 0;
    for (const char *p = w; *p; p = g_utf8_next_char(p)) {
        if (n == max)
            return 0;
        gunichar c = g_utf8_get_char(p);
        if (max == MAX_TITLE && passed_over(c))
            continue;
        out[n++] = c;
    }
    return n;
}

static size_t word_cps(const char *w, gunichar *out)
{
    return word_cps_max(w, out, MAX_WORD);
}

/* (1): the mended code points of cps[0..n) (ocr[i]: read by OCR) into
 * fix[] (0: unchanged); returns how many. */
/* (1), (3): in_word[i] = 1 where cps[i] lies inside a vocabulary word as
 * read (in_word: n bytes, zeroed by the caller). */
static void mark_words(const vocab *g, const gunichar *cps, size_t n, unsigned char *in_word)
{
    gunichar w[MAX_WORD];
    for (size_t k = 0; k < g->n_words; k++) {
        size_t L = word_cps(g->words[k], w);
        for (size_t i = 0; L && i + L <= n; i++)
            if (memcmp(cps + i, w, L * sizeof *w) == 0)
                memset(in_word + i, 1, L);
    }
}

static size_t mend_run(const vocab *g, const gunichar *cps, const int *ocr, size_t n,
                       gunichar *fix)
{
    unsigned char *exact = g_malloc0(n + 1);       /* inside a vocabulary word */
    gunichar w[MAX_WORD];
    mark_words(g, cps, n, exact);
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
                if (ideograph && L > other_len[at]) {  /* a longer word fits, not by confusion */
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

static int ideograph(gunichar c)
{
    return c >= 0x4E00 && c <= 0x9FFF;
}

static int passed_over(gunichar c)     /* (3) quote marks */
{
    return c == 0x201C || c == 0x201D || c == 0x2018 || c == 0x2019 || c == '"' || c == '\'';
}

/* (3): the fewest edits that make the end of r[0..n) (or the text before
 * a last parenthetical) title t[0..L); *start is where the match begins,
 * ops (when not NULL, n + L long) the edits in order: 'm' the same or
 * read for another, 'x' in excess, 'l' lost. NO_WAY if beyond reach. */
static size_t title_end(const gunichar *r, size_t n)
{
    for (size_t j = n; j-- > 0;)
        if (r[j] == 0xFF08 || r[j] == '(')
            return j;
    return n;
}

static int title_edits(const gunichar *t, size_t L, const gunichar *r, const int *ocr, size_t n,
                       size_t frozen, const unsigned char *locked, const unsigned char *gap,
                       size_t *start, char *ops, size_t *n_ops)
{
    size_t end = title_end(r, n);
    if (end < L / 2)
        return NO_WAY;
    /* D(s, i, j): t[0..i) against r[..j) at least cost, the last edit s:
       0 kept or read for another, 1 lost, 2 in excess; never two lost or
       two in excess in a row (OCR drops or adds a character, not a word:
       预算表 is no lost 支出 from 支出预算表) */
    size_t cols = end + 1, plane = (L + 1) * cols;
    int *d = g_malloc(3 * plane * sizeof *d);
#define D(s, i, j) d[(s) * plane + (i) * cols + (j)]
#define OPEN(j) (ocr[(j) - 1] && (j) - 1 < frozen && !locked[(j) - 1])
#define SUB(i, j) (t[(i) - 1] == r[(j) - 1] ? 0 : OPEN(j) && ideograph(t[(i) - 1]) && \
                   ideograph(r[(j) - 1]) ? 1 : NO_WAY)
#define LOST(i, j) ((j) < frozen && gap[j] && ideograph(t[(i) - 1]) ? 1 : NO_WAY)
#define EXCESS(j) (OPEN(j) && ideograph(r[(j) - 1]) ? 1 : NO_WAY)
#define MIN2(a, b) ((a) < (b) ? (a) : (b))
    for (size_t j = 0; j <= end; j++) {
        D(0, 0, j) = 0;                 /* the match may begin anywhere */
        D(1, 0, j) = D(2, 0, j) = NO_WAY;
    }
    for (size_t i = 1; i <= L; i++) {
        D(0, i, 0) = D(2, i, 0) = NO_WAY;
        D(1, i, 0) = i == 1 ? LOST(i, 0) : NO_WAY;
        for (size_t j = 1; j <= end; j++) {
            int prev = MIN2(D(0, i - 1, j - 1), MIN2(D(1, i - 1, j - 1), D(2, i - 1, j - 1)));
            D(0, i, j) = MIN2(prev + SUB(i, j), NO_WAY);
            D(1, i, j) = MIN2(MIN2(D(0, i - 1, j), D(2, i - 1, j)) + LOST(i, j), NO_WAY);
            D(2, i, j) = MIN2(MIN2(D(0, i, j - 1), D(1, i, j - 1)) + EXCESS(j), NO_WAY);
        }
    }
    int cost = MIN2(D(0, L, end), MIN2(D(1, L, end), D(2, L, end)));
    if (ops && cost < NO_WAY) {
        size_t i = L, j = end, k = 0;
        int st = D(0, L, end) == cost ? 0 : D(1, L, end) == cost ? 1 : 2;
        char *rev = g_malloc(n + L + 1);
        while (i > 0) {
            int here = D(st, i, j);
            if (st == 0) {
                rev[k++] = 'm';
                int want = here - SUB(i, j);
                i--;
                j--;
                st = D(0, i, j) == want ? 0 : D(1, i, j) == want ? 1 : 2;
            } else if (st == 1) {
                rev[k++] = 'l';
                int want = here - LOST(i, j);
                i--;
                st = D(0, i, j) == want ? 0 : 2;
            } else {
                rev[k++] = 'x';
                int want = here - EXCESS(j);
                j--;
                st = D(0, i, j) == want ? 0 : 1;
            }
        }
        *start = j;
        *n_ops = k;
        for (size_t q = 0; q < k; q++)
            ops[q] = rev[k - 1 - q];
        g_free(rev);
    }
#undef MIN2
#undef EXCESS
#undef LOST
#undef SUB
#undef OPEN
#undef D
    g_free(d);
    return cost;
}

/* (2): the segments' and the line's texts from its glyphs; space[k]: a
 * space was printed before glyph k within its segment. */
/* (2): the line's text: its segments' joined by one space. */
static void join_segments(ex_line *ln, pr_arena *arena)
{
    pr_strbuf line = PR_STRBUF_INIT;
    for (size_t s = 0; s < ln->n_segments; s++) {
        if (s)
            pr_strbuf_puts(&line, " ");
        pr_strbuf_puts(&line, ln->segments[s].text);
    }
    ln->text = pr_arena_strndup(arena, line.data ? line.data : "", line.len);
    pr_strbuf_free(&line);
}

static void retext(ex_line *ln, const unsigned char *space, pr_arena *arena)
{
    for (size_t s = 0; s < ln->n_segments; s++) {
        ex_segment *seg = &ln->segments[s];
        pr_strbuf sb = PR_STRBUF_INIT;
        for (size_t k = seg->first_glyph; k < seg->first_glyph + seg->n_glyphs; k++) {
            if (k > seg->first_glyph && space[k])
                pr_strbuf_puts(&sb, " ");
            pr_strbuf_put_utf8(&sb, ln->glyphs[k].cp);
        }
        seg->text = pr_arena_strndup(arena, sb.data ? sb.data : "", sb.len);
        pr_strbuf_free(&sb);
    }
    join_segments(ln, arena);
}

/* (3): line ln's end made the standard title nearest it; 1 if changed. */
static int mend_title(const vocab *v, const std_title *titles, size_t n_titles, ex_line *ln,
                      pr_arena *arena)
{
    size_t n = 0, any_ocr = 0;
    if (ln->n_glyphs < 4 || ln->n_glyphs > MAX_RUN)
        return 0;
    gunichar r[MAX_RUN];
    int ocr[MAX_RUN];
    size_t at[MAX_RUN];                 /* run index -> glyph index */
    for (size_t k = 0; k < ln->n_glyphs; k++) {
        if (passed_over(ln->glyphs[k].cp))
            continue;
        r[n] = ln->glyphs[k].cp;
        ocr[n] = ln->glyphs[k].ocr_conf > 0;
        any_ocr |= (size_t)ocr[n];
        at[n++] = k;
    }
    if (!any_ocr)
        return 0;
    size_t end = title_end(r, n), frozen = n;
    gunichar best_t[MAX_TITLE];
    unsigned char locked[MAX_RUN] = {0};        /* inside a vocabulary word */
    unsigned char room[MAX_RUN + 1] = {0};      /* room for a lost character */
    for (size_t j = 1; j < n; j++) {
        const ex_glyph *a = &ln->glyphs[at[j - 1]], *b = &ln->glyphs[at[j]];
        double em = a->size > 0 ? a->size : a->box.y1 - a->box.y0;
        room[j] = b->box.x0 - a->box.x1 >= LOST_ROOM * em;
    }
    mark_words(v, r, n, locked);
    for (size_t k = 0; k < n_titles; k++) {     /* a standard title read right */
        const gunichar *t = titles[k].cps;
        size_t L = titles[k].len;
        if (L && L <= end && memcmp(r + end - L, t, L * sizeof *t) == 0 && end - L < frozen)
            frozen = end - L;
    }
    int best = NO_WAY, tie = 0;
    size_t best_L = 0;
    for (size_t k = 0; k < n_titles; k++) {
        const gunichar *t = titles[k].cps;
        size_t L = titles[k].len;
        if (!L)
            continue;
        int c = title_edits(t, L, r, ocr, n, frozen, locked, room, NULL, NULL, NULL);
        if (c > (int)(L / TITLE_EDIT_CHARS) || L < best_L || (L == best_L && c > best))
            continue;
        tie = L == best_L && c == best;
        if (!tie) {
            best = c;
            best_L = L;
            memcpy(best_t, t, L * sizeof *t);
        }
    }
    if (!best_L || tie || best == 0)
        return 0;
    size_t start = 0, n_ops = 0;
    char ops[MAX_RUN + MAX_TITLE + 1];
    title_edits(best_t, best_L, r, ocr, n, frozen, locked, room, &start, ops, &n_ops);
    /* the new glyphs: before the match, the edits, after it */
    size_t cap = ln->n_glyphs + best_L + 1;
    ex_glyph *g = pr_arena_alloc(arena, cap * sizeof *g);
    size_t *seg_of = g_malloc(cap * sizeof *seg_of);
    unsigned char *space = g_malloc0(cap), *old_space = g_malloc0(ln->n_glyphs + 1);
    size_t *old_seg = g_malloc((ln->n_glyphs + 1) * sizeof *old_seg);
    for (size_t s = 0; s < ln->n_segments; s++) {
        const ex_segment *seg = &ln->segments[s];
        size_t k = seg->first_glyph;
        int gap = 0;
        for (const char *p = seg->text; *p && k < seg->first_glyph + seg->n_glyphs;
             p = g_utf8_next_char(p)) {
            if (pr_is_space(g_utf8_get_char(p))) {
                gap = 1;
                continue;
            }
            old_space[k] = (unsigned char)gap;
            gap = 0;
            k++;
        }
        for (k = seg->first_glyph; k < seg->first_glyph + seg->n_glyphs; k++)
            old_seg[k] = s;
    }
    size_t m = 0, old = 0, j = start, ti = 0;
#define KEEP(k) (g[m] = ln->glyphs[k], seg_of[m] = old_seg[k], space[m] = old_space[k], m++)
    size_t first = start < n ? at[start] : ln->n_glyphs;
    for (; old < first; old++)
        KEEP(old);
    for (size_t q = 0; q < n_ops; q++) {
        if (ops[q] == 'l') {            /* lost: the box of the one before */
            size_t from = m ? m - 1 : 0;
            g[m] = m ? g[from] : ln->glyphs[at[j]];
            seg_of[m] = m ? seg_of[from] : old_seg[at[j]];
            space[m] = 0;
            g[m].cp = best_t[ti++];
            m++;
            continue;
        }
        for (; old < at[j]; old++)      /* quote marks passed over */
            KEEP(old);
        if (ops[q] == 'm') {
            KEEP(old);
            g[m - 1].cp = best_t[ti++];
        }
        old++;
        j++;
    }
    for (; old < ln->n_glyphs; old++)
        KEEP(old);
#undef KEEP
    ex_segment *segs = pr_arena_alloc(arena, (ln->n_segments + 1) * sizeof *segs);
    size_t ns = 0;
    for (size_t k = 0; k < m; k++) {
        if (k == 0 || seg_of[k] != seg_of[k - 1]) {
            segs[ns] = ln->segments[seg_of[k]];
            segs[ns].first_glyph = k;
            segs[ns].n_glyphs = 0;
            ns++;
        }
        segs[ns - 1].n_glyphs++;
    }
    ln->glyphs = g;
    ln->n_glyphs = m;
    ln->segments = segs;
    ln->n_segments = ns;
    retext(ln, space, arena);
    g_free(seg_of);
    g_free(space);
    g_free(old_space);
    g_free(old_seg);
    return 1;
}

const ex_page *table_ocr_mended(const ex_page *page, const gr_grammar *g, pr_arena *arena)
{
    vocab v;
    v.n_words = grammar_ocr_words(g, &v.words);
    v.n_sets = grammar_ocr_confusables(g, &v.sets);
    const char *const *title_texts;
    size_t n_titles = grammar_ocr_titles(g, &title_texts);
    if (!page->ocr_dpi || ((!v.n_words || !v.n_sets) && !n_titles))
        return page;
    std_title *titles = g_new(std_title, n_titles + 1);           /* (3), once a page */
    for (size_t k = 0; k < n_titles; k++)
        titles[k].len = word_cps_max(title_texts[k], titles[k].cps, MAX_TITLE);
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
        int mended = v.n_words && v.n_sets && mend_line(&v, ln, arena);
        if (n_titles && mend_title(&v, titles, n_titles, ln, arena))
            continue;                   /* (3) its texts are made anew */
        if (mended)
            join_segments(ln, arena);
    }
    g_free(titles);
    return copy;
}
