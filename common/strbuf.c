/*
 * strbuf.c — the growable byte string of strbuf.h.
 */
#include "strbuf.h"
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
    char b[4];
    size_t n;
    if (cp < 0x80) {
        b[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        b[0] = (char)(0xC0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        b[0] = (char)(0xF0 | (cp >> 18));
        b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    pr_strbuf_append(sb, b, n);
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
