/*
 * page_glyphs.c — the characters of one page with their boxes, font size
 * and boldness, as page_pass.cc reads them from poppler's text layer.
 *
 * poppler joins characters into words and lines and puts spaces and line
 * breaks between them; those are its guesses. Whitespace is dropped here
 * and words and lines are rebuilt from the boxes (glyph_lines.c,
 * line_segments.c). What survives of poppler's guess is joined_prev: "no
 * break between this glyph and the previous one", which page_orient.c
 * uses to vote on direction.
 *
 * NOTES
 *   (1) Boldness comes from the font name (…Bold, …Heavy, …Black, …Demi):
 *       the signal poppler-glib exposed, kept so that nothing changes.
 *   (2) Glyphs are collected on the heap (their number is not known
 *       until the page is read) and moved into the page's arena once.
 *   (3) Font names live as long as the page's text, so one name is one
 *       pointer: boldness is worked out once per run of a font.
 */
#include "extract_int.h"

#include <math.h>
#include "text.h"

#include <stdlib.h>
#include <string.h>

static int font_is_bold(const char *name)
{
    if (!name)
        return 0;
    static const char *const marks[] = {"bold", "heavy", "black", "demi"};
    gchar *lower = g_ascii_strdown(name, -1);
    int bold = 0;
    for (size_t i = 0; i < sizeof marks / sizeof *marks && !bold; i++)
        bold = strstr(lower, marks[i]) != NULL;
    g_free(lower);
    return bold;
}

void extract_glyphs_on_char(void *data, const ex_pass_char *c)
{
    ex_glyph_sink *sink = data;
    if (c->after_break)
        sink->prev_was_glyph = 0;
    if (pr_is_space(c->cp)) {
        sink->prev_was_glyph = 0;
        return;
    }
    if (sink->n == sink->cap) {                                     /* (2) */
        sink->cap = sink->cap ? sink->cap * 2 : 256;
        sink->items = pr_xrealloc(sink->items, sink->cap * sizeof *sink->items);
    }
    ex_glyph *g = &sink->items[sink->n];
    g->box.x0 = c->x0 < c->x1 ? c->x0 : c->x1;
    g->box.x1 = c->x0 < c->x1 ? c->x1 : c->x0;
    g->box.y0 = c->y0 < c->y1 ? c->y0 : c->y1;
    g->box.y1 = c->y0 < c->y1 ? c->y1 : c->y0;
    g->cp = c->cp;
    g->size = (float)c->size;
    if (c->font != sink->font || !sink->font_known) {               /* (3) */
        sink->font = c->font;
        sink->font_bold = font_is_bold(c->font);
        sink->font_known = 1;
    }
    g->bold = (uint8_t)sink->font_bold;                             /* (1) */
    g->joined_prev = (uint8_t)sink->prev_was_glyph;
    g->order = (uint32_t)sink->n;
    g->untrusted = (uint8_t)(c->untrusted != 0);
    g->ocr_conf = c->ocr ? (uint8_t)(1 + lrintf(fminf(fmaxf(c->confidence, 0), 100))) : 0;
    sink->prev_was_glyph = 1;
    sink->n++;
}

void extract_glyphs_take(ex_glyph_sink *sink, pr_arena *arena,
                         ex_glyph **glyphs, size_t *n_glyphs)
{
    ex_glyph *out = pr_arena_alloc(arena, sizeof *out * (sink->n + 1));
    if (sink->n)
        memcpy(out, sink->items, sink->n * sizeof *out);
    *glyphs = out;
    *n_glyphs = sink->n;
    free(sink->items);
    *sink = (ex_glyph_sink){0};
}
