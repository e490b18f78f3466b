/*
 * cell_text.c — a cell's text as records carry it (GT-FORMAT's cell
 * rules): the pieces of a wrapped cell joined with nothing between them,
 * whitespace removed, thousands separators dropped from amounts; every
 * other character exactly as printed (full-width punctuation stays).
 */
#include "table_int.h"
#include "arena.h"

#include <string.h>

char *table_join_text(pr_arena *arena, const char *a, const char *b)
{
    size_t na = a ? strlen(a) : 0, nb = b ? strlen(b) : 0;
    char *s = pr_arena_alloc(arena, na + nb + 1);
    if (na)
        memcpy(s, a, na);
    if (nb)
        memcpy(s + na, b, nb);
    s[na + nb] = '\0';
    return s;
}

const char *table_clean_cell(pr_arena *arena, const gr_grammar *g,
                             const char *text)
{
    size_t n = strlen(text);
    char *compact = pr_arena_alloc(arena, n + 1);
    gr_compact(text, compact, n + 1);
    if (!strchr(compact, ',') || !grammar_match(g, GR_AMOUNT, compact, NULL, NULL, 0))
        return compact;
    char *w = compact;
    for (const char *r = compact; *r; r++)
        if (*r != ',')
            *w++ = *r;
    *w = '\0';
    return compact;
}

int table_is_number(const gr_grammar *g, const char *compact)
{
    return *compact && (grammar_match(g, GR_AMOUNT, compact, NULL, NULL, 0) ||
                        grammar_match(g, GR_CODE, compact, NULL, NULL, 0) ||
                        grammar_match(g, GR_PLACEHOLDER, compact, NULL, NULL, 0));
}
