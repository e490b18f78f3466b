/*
 * page_glyphs.c — the characters of one page with their boxes, font size
 * and boldness, read from poppler's text layer.
 *
 * poppler gives three parallel views of a page's text: the text itself
 * (poppler_page_get_text), one box per character of that text
 * (poppler_page_get_text_layout) and font runs over the same character
 * offsets (poppler_page_get_text_attributes). The spaces and line breaks
 * in that text are poppler's guesses; they are dropped here and words and
 * lines are rebuilt from the boxes (glyph_lines.c, line_segments.c). What
 * survives of poppler's guess is joined_prev: "no break between this glyph
 * and the previous one", which page_orient.c uses to vote on direction.
 *
 * NOTES
 *   (1) Offsets count characters, not bytes (poppler-page.cc).
 *   (2) A page without text gives FALSE from get_text_layout and leaves
 *       its OUT parameters alone, so they are initialised here.
 *   (3) Boldness comes from the font name (…Bold, …Heavy, …Black, …Demi):
 *       the only signal poppler-glib exposes.
 */
#include "extract_int.h"

#include <string.h>

static int is_space(uint32_t cp)
{
    return cp <= 0x20 || cp == 0x7F || cp == 0xA0 || cp == 0x3000 ||
           (cp >= 0x2000 && cp <= 0x200B) || cp == 0xFEFF;
}

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

pr_rc extract_page_glyphs(PopplerPage *page, pr_arena *arena,
                          ex_glyph **glyphs, size_t *n_glyphs)
{
    *glyphs = NULL;
    *n_glyphs = 0;
    char *text = poppler_page_get_text(page);
    PopplerRectangle *rects = NULL;          /* (2) */
    guint n_rects = 0;
    if (!text || !poppler_page_get_text_layout(page, &rects, &n_rects)) {
        g_free(text);
        g_free(rects);
        return PR_OK;
    }
    GList *attrs = poppler_page_get_text_attributes(page);

    ex_glyph *out = pr_arena_alloc(arena, sizeof *out * (n_rects + 1));
    size_t n = 0;
    GList *attr = attrs;
    int prev_was_glyph = 0;
    const char *p = text;
    for (guint idx = 0; *p && idx < n_rects; idx++) {       /* (1) */
        gunichar cp = g_utf8_get_char_validated(p, -1);
        if (cp == (gunichar)-1 || cp == (gunichar)-2) {
            cp = 0xFFFD;
            p++;
        } else {
            p = g_utf8_next_char(p);
        }
        if (is_space(cp)) {
            prev_was_glyph = 0;
            continue;
        }
        while (attr && ((PopplerTextAttributes *)attr->data)->end_index < (int)idx)
            attr = attr->next;
        const PopplerTextAttributes *a = attr ? attr->data : NULL;
        if (a && a->start_index > (int)idx)
            a = NULL;

        const PopplerRectangle *r = &rects[idx];
        ex_glyph *g = &out[n];
        g->box.x0 = r->x1 < r->x2 ? r->x1 : r->x2;
        g->box.x1 = r->x1 < r->x2 ? r->x2 : r->x1;
        g->box.y0 = r->y1 < r->y2 ? r->y1 : r->y2;
        g->box.y1 = r->y1 < r->y2 ? r->y2 : r->y1;
        g->cp = cp;
        g->size = a ? (float)a->font_size : 0.0f;
        g->bold = (uint8_t)(a ? font_is_bold(a->font_name) : 0);
        g->joined_prev = (uint8_t)prev_was_glyph;
        g->order = (uint32_t)n;
        prev_was_glyph = 1;
        n++;
    }
    poppler_page_free_text_attributes(attrs);
    g_free(rects);
    g_free(text);
    *glyphs = out;
    *n_glyphs = n;
    return PR_OK;
}
