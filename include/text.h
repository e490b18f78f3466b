/*
 * text.h — pdfrows' one UTF-8 toolkit: what counts as whitespace, and the
 * few UTF-8 operations the stages need, on top of GLib's (decoding and
 * encoding are GLib's; nothing here decodes by hand).
 *
 * Ownership: plain functions on caller-owned strings; nothing allocates.
 */
#ifndef PDFROWS_TEXT_H
#define PDFROWS_TEXT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Whitespace, the one definition every stage uses: C0 controls and space,
 * DEL, NO-BREAK SPACE, the spaces U+2000-U+200B, IDEOGRAPHIC SPACE and the
 * BOM (ZERO WIDTH NO-BREAK SPACE). Glyphs that are whitespace are dropped
 * by stage one; grammar subjects are compared with it removed. */
int pr_is_space(uint32_t cp);

/* The code point at *s (valid UTF-8 assumed, as every pdfrows string is;
 * a byte that does not start one is U+FFFD) and the bytes it takes. */
uint32_t pr_utf8_next(const char *s, size_t *len);

/* Characters in s[0..n) (bytes that continue a character not counted). */
size_t pr_utf8_count(const char *s, size_t n);

#ifdef __cplusplus
}
#endif

#endif
