/*
 * cell_text.c — a cell's text as records carry it: the pieces of a
 * wrapped cell joined with nothing between them, whitespace removed,
 * every other character exactly as printed (thousands separators and
 * full-width punctuation stay: the printed form; the number itself is
 * the row's `values`, issue 14).
 *
 * NOTES
 *   (1) Latin words keep their spaces (issue 14: "Budget by department",
 *       not "Budgetbydepartment"): one space between two printable ASCII
 *       or Latin characters at least one of which is a letter, where the
 *       glyphs stand apart (EX_WORD_GAP_LATIN em, the word space of stage
 *       one's lines: 0.2 joined "New York" set tight) or a wrapped cell goes
 *       on on its next line ("Body Weight" + "(g)": "Body Weight (g)";
 *       not after a hyphen or a slash that ends the line:
 *       GZIT2022-SM- + W-C-051103 is one code). Never between two digits
 *       (a code 201 01 01 and a wrapped 800.0 + 0 stay whole) nor next to
 *       a CJK character or a × (500米× 500米 is no Latin word).
 *   (2) A title without CJK (an English "Table 3. Number of deaths") is
 *       kept as printed, one space for each run of blanks: grammar rules
 *       see it compact like any text, but "Numberofdeaths" is no title a
 *       reader can use. CJK titles stay compact, as they always were.
 *   (3) A gutter: two glyphs of a line further apart than a word space
 *       (GUTTER_GAP em, a word space being about a quarter em): where a
 *       column edge falls in one, the text on either side is two cells'.
 *       Headings set close over neighbouring columns ("Controls" "Weight")
 *       stand half an em apart; the words of one heading or one section
 *       label that spans columns stay together (text_header.c,
 *       text_region.c).
 */
#include "table_int.h"
#include "arena.h"

#include <glib.h>
#include <math.h>
#include <string.h>

#define GUTTER_GAP 0.45         /* (3) em: wider than a word space */

static int letter(gunichar c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);     /* not × ÷ */
}

static int latin(gunichar c)
{
    return (c > 0x20 && c < 0x7F) || letter(c);
}

/* (1): whether a space goes between Latin characters a and b. */
static int word_break(gunichar a, gunichar b)
{
    return latin(a) && latin(b) && (letter(a) || letter(b));
}

int table_space_between(const ex_glyph *a, const ex_glyph *b)
{
    if (!a || !word_break(a->cp, b->cp))
        return 0;
    double em = a->size > 0 ? a->size : a->box.y1 - a->box.y0;
    int same_line = fabs((a->box.y0 + a->box.y1) - (b->box.y0 + b->box.y1)) < em;
    return same_line ? b->box.x0 - a->box.x1 > EX_WORD_GAP_LATIN * em
                     : b->box.x0 < a->box.x0 && a->cp != '-' && a->cp != '/';
}

int table_gutter_between(const ex_glyph *a, const ex_glyph *b)
{
    double em = fmax(a->size, a->box.y1 - a->box.y0);             /* (3) */
    return b->box.x0 - a->box.x1 > GUTTER_GAP * em;
}

char *table_join_text(pr_arena *arena, const char *a, const char *b)
{
    size_t na = a ? strlen(a) : 0, nb = b ? strlen(b) : 0;
    gunichar last = na ? g_utf8_get_char(g_utf8_prev_char(a + na)) : 0;
    int space = na && nb && word_break(last, g_utf8_get_char(b)) && last != '-' &&
                last != '/';                                    /* (1) */
    char *s = pr_arena_alloc(arena, na + nb + (size_t)space + 1);
    if (na)
        memcpy(s, a, na);
    if (space)
        s[na] = ' ';
    if (nb)
        memcpy(s + na + (size_t)space, b, nb);
    s[na + (size_t)space + nb] = '\0';
    return s;
}

const char *table_clean_cell(pr_arena *arena, const char *text)
{
    size_t n = strlen(text);
    char *out = pr_arena_alloc(arena, n + 1), *w = out;
    gunichar prev = 0;
    int gap = 0;
    for (const char *p = text; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (g_unichar_isspace(c) || c == 0x3000) {
            gap = 1;
            continue;
        }
        if (gap && prev && word_break(prev, c))                 /* (1) */
            *w++ = ' ';
        w += g_unichar_to_utf8(c, w);
        prev = c;
        gap = 0;
    }
    *w = '\0';
    return out;
}

int table_is_number(const gr_grammar *g, const char *compact)
{
    return *compact && (grammar_match(g, GR_AMOUNT, compact, NULL, NULL, 0) ||
                        grammar_match(g, GR_CODE, compact, NULL, NULL, 0) ||
                        grammar_match(g, GR_PLACEHOLDER, compact, NULL, NULL, 0));
}

int table_has_cjk(const char *text)
{
    for (const char *p = text; *p; p = g_utf8_next_char(p)) {
        gunichar u = g_utf8_get_char(p);
        if ((u >= 0x3040 && u <= 0x9FFF) || (u >= 0xAC00 && u <= 0xD7AF) ||
            (u >= 0xF900 && u <= 0xFAFF))
            return 1;           /* a CJK character; not CJK punctuation alone */
    }
    return 0;
}

static int blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Whether printed text p, blanks passed over, starts with compact; the
 * end of the match in p to *end. */
static int compact_prefix(const char *p, const char *compact, const char **end)
{
    for (; *compact; compact++, p++) {
        while (blank(*p))
            p++;
        if (*p != *compact)
            return 0;
    }
    *end = p;
    return 1;
}

const char *table_printed(pr_arena *arena, const char *printed, const char *compact)
{
    if (!compact || !printed || table_has_cjk(compact))
        return compact;
    for (const char *p = printed; *p; p++) {
        const char *end;
        if (blank(*p) || !compact_prefix(p, compact, &end))
            continue;
        char *out = pr_arena_alloc(arena, (size_t)(end - p) + 1);
        size_t n = 0;
        for (const char *q = p; q < end; q++)
            if (!blank(*q))
                out[n++] = *q;
            else if (n && out[n - 1] != ' ')
                out[n++] = ' ';
        out[n] = 0;
        return out;
    }
    return compact;
}
