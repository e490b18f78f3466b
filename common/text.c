/*
 * text.c — the one UTF-8 toolkit (text.h).
 */
#include "text.h"

#include <glib.h>

int pr_is_space(uint32_t cp)
{
    return cp <= 0x20 || cp == 0x7F || cp == 0xA0 || cp == 0x3000 ||
           (cp >= 0x2000 && cp <= 0x200B) || cp == 0xFEFF;
}

uint32_t pr_utf8_next(const char *s, size_t *len)
{
    gunichar cp = g_utf8_get_char_validated(s, -1);
    if (cp == (gunichar)-1 || cp == (gunichar)-2) {
        *len = 1;
        return 0xFFFD;
    }
    *len = (size_t)(g_utf8_next_char(s) - s);
    return cp;
}

size_t pr_utf8_count(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}
