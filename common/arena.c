/*
 * arena.c — bump allocation in chunks, and the never-NULL allocators.
 *
 * NOTES
 *   (1) A chunk is at least ARENA_CHUNK bytes; a larger request gets a chunk
 *       of its own, so one big array does not waste a half-used chunk.
 *   (2) Every returned block is aligned to max_align_t and zeroed.
 */
#include "arena.h"
#include "exit_codes.h"

#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_CHUNK (64 * 1024)

typedef struct chunk {
    struct chunk *next;
    size_t used, size;
    alignas(max_align_t) unsigned char data[];
} chunk;

struct pr_arena {
    chunk *head;
};

_Noreturn void pr_die_nomem(void)
{
    fputs("pdfrows: error: out of memory\n", stderr);
    exit(PR_EXIT_INTERNAL);
}

void *pr_xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        pr_die_nomem();
    return p;
}

void *pr_xrealloc(void *ptr, size_t size)
{
    void *p = realloc(ptr, size ? size : 1);
    if (!p)
        pr_die_nomem();
    return p;
}

void *pr_xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        pr_die_nomem();
    return p;
}

pr_arena *pr_arena_new(void)
{
    return pr_xcalloc(1, sizeof(pr_arena));
}

void pr_arena_free(pr_arena **arena)
{
    if (!arena || !*arena)
        return;
    chunk *c = (*arena)->head;
    while (c) {
        chunk *next = c->next;
        free(c);
        c = next;
    }
    free(*arena);
    *arena = NULL;
}

void *pr_arena_alloc(pr_arena *arena, size_t size)
{
    const size_t align = alignof(max_align_t);
    size = (size + align - 1) & ~(align - 1);
    if (size == 0)
        size = align;
    chunk *c = arena->head;
    if (!c || c->size - c->used < size) {
        size_t cap = size > ARENA_CHUNK ? size : ARENA_CHUNK;
        chunk *fresh = pr_xmalloc(sizeof(chunk) + cap);
        fresh->used = 0;
        fresh->size = cap;
        if (c && size > ARENA_CHUNK) {
            /* (1): keep the current chunk at the head for small requests */
            fresh->next = c->next;
            c->next = fresh;
        } else {
            fresh->next = c;
            arena->head = fresh;
        }
        c = fresh;
    }
    void *p = c->data + c->used;
    c->used += size;
    memset(p, 0, size);
    return p;
}

void *pr_arena_grow(pr_arena *arena, void *old, size_t n, size_t *cap, size_t size)
{
    if (n < *cap)
        return old;
    size_t ncap = *cap ? 2 * *cap : 16;
    void *p = pr_arena_alloc(arena, ncap * size);
    if (old)
        memcpy(p, old, n * size);
    *cap = ncap;
    return p;
}

char *pr_arena_strndup(pr_arena *arena, const char *s, size_t n)
{
    char *p = pr_arena_alloc(arena, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}
