/*
 * fuzz_grammar.c — the grammar loader on any file, JIT and interpreted:
 * a grammar or an error naming FILE:LINE:COL, never a crash or a leak.
 */
#include "fuzz.h"
#include "grammar.h"

#include <stdio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_write_temp(data, size, ".grammar");
    if (!path)
        return 0;
    for (int jit = 0; jit < 2; jit++) {
        gr_grammar *g = NULL;
        pr_error err = {0};
        if (grammar_load(path, jit, &g, &err) == PR_OK)
            grammar_free(&g);
    }
    remove(path);
    return 0;
}
