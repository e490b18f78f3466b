/*
 * strbuf.h — a growable byte string (for building text and output).
 *
 * Ownership: a pr_strbuf is a value the caller owns (usually on the stack);
 * initialise with PR_STRBUF_INIT, release with pr_strbuf_free(&sb), which
 * is a no-op on an empty or already freed buffer. sb.data is always
 * NUL-terminated once anything was appended (NULL before), and is
 * borrowed until the next append or free.
 */
#ifndef PDFROWS_STRBUF_H
#define PDFROWS_STRBUF_H

#include <stddef.h>
#include <stdint.h>

typedef struct pr_strbuf {
    char *data;
    size_t len, cap;
} pr_strbuf;

#define PR_STRBUF_INIT {NULL, 0, 0}

void pr_strbuf_append(pr_strbuf *sb, const char *s, size_t n);
void pr_strbuf_puts(pr_strbuf *sb, const char *s);
void pr_strbuf_putc(pr_strbuf *sb, char c);
/* Appends the UTF-8 encoding of code point cp. */
void pr_strbuf_put_utf8(pr_strbuf *sb, uint32_t cp);
/* Empties the buffer but keeps its memory. */
void pr_strbuf_reset(pr_strbuf *sb);
void pr_strbuf_free(pr_strbuf *sb);

#endif
