/*
 * arena.h — a bump allocator: many small allocations, one free.
 *
 * Every object a page produces (glyphs, lines, segments, their text) lives
 * in the page's arena, so freeing the page frees them all and no record
 * needs its own destructor.
 *
 * Ownership: pr_arena_new() returns an owned arena; pr_arena_free() takes
 * the address of the pointer, frees everything allocated from it and sets
 * the pointer to NULL; pr_arena_free(NULL) and on a NULL arena is a no-op.
 * Pointers returned by pr_arena_alloc/strndup are borrowed from the arena.
 *
 * Out of memory is not recoverable here: pr_xmalloc() and friends print
 * "pdfrows: error: out of memory" and exit with PR_EXIT_INTERNAL, so no
 * caller checks for NULL (the git/xmalloc convention).
 */
#ifndef PDFROWS_ARENA_H
#define PDFROWS_ARENA_H

#include <stddef.h>

typedef struct pr_arena pr_arena;

/* Returns an owned, empty arena. */
pr_arena *pr_arena_new(void);

/* Frees *arena and everything allocated from it; sets *arena to NULL. */
void pr_arena_free(pr_arena **arena);

/* Returns zeroed, max-aligned memory borrowed from the arena. */
void *pr_arena_alloc(pr_arena *arena, size_t size);

/* old[0..n) grown to hold n + 1 items of size bytes (doubling into fresh
 * arena memory, *cap updated; the old block is abandoned, at most
 * doubling what the array costs); returns the array to use. */
void *pr_arena_grow(pr_arena *arena, void *old, size_t n, size_t *cap, size_t size);

/* Returns a NUL-terminated copy of s[0..n) borrowed from the arena. */
char *pr_arena_strndup(pr_arena *arena, const char *s, size_t n);

/* Prints the out-of-memory message and exits with PR_EXIT_INTERNAL. */
_Noreturn void pr_die_nomem(void);

/* malloc/realloc/calloc that never return NULL (see above). Owned. */
void *pr_xmalloc(size_t size);
void *pr_xrealloc(void *ptr, size_t size);
void *pr_xcalloc(size_t count, size_t size);

#endif
