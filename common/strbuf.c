/*
 * strbuf.c — the growable byte string of strbuf.h.
 */
#include "strbuf.h"

#include <glib.h>
#include "arena.h"

#include <stdlib.h>
#include <string.h>

static void reserve(pr_strbuf *sb, size_t extra)
{
    if (sb->len + extra + 1 <= sb->cap)
        return;
    size_t cap = sb->cap ? sb->cap : 64;
    while (cap < sb->len + extra + 1)
        cap *= 2;
    sb->data = pr_xrealloc(sb->data, cap);
    sb->cap = cap;
}

void pr_strbuf_append(pr_strbuf *sb, const char *s, size_t n)
{
    reserve(sb, n);
    memcpy(sb->data + sb->len, s, n);
    sb->len += n;
    sb->data[sb->len] = '\0';
}

void pr_strbuf_puts(pr_strbuf *sb, const char *s)
{
    pr_strbuf_append(sb, s, strlen(s));
}

void pr_strbuf_putc(pr_strbuf *sb, char c)
{
    pr_strbuf_append(sb, &c, 1);
}

void pr_strbuf_put_utf8(pr_strbuf *sb, uint32_t cp)
{
    char b[6];
    pr_strbuf_append(sb, b, (size_t)g_unichar_to_utf8((gunichar)cp, b));
}

void pr_strbuf_reset(pr_strbuf *sb)
{
    sb->len = 0;
    if (sb->data)
        sb->data[0] = '\0';
}

void pr_strbuf_free(pr_strbuf *sb)
{
    if (!sb)
        return;
    free(sb->data);
    sb->data = NULL;
    sb->len = sb->cap = 0;
}
