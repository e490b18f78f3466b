/*
 * test_match_limits.c — grammar_load.c NOTES (4): a pattern that
 * backtracks without end gives up at the match limit, fast, as no match
 * (counted), the same with JIT and with the interpreter.
 */
#include "grammar.h"
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void runaway_pattern_gives_up(void)
{
    char path[] = "/tmp/pdfrows-limits-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    if (fd < 0)
        return;
    const char *text = "title  ^(a+)+$\n";
    CHECK(write(fd, text, strlen(text)) == (ssize_t)strlen(text));
    close(fd);
    char subject[64];
    memset(subject, 'a', 40);
    strcpy(subject + 40, "b");              /* 2^40 ways to fail without a limit */
    for (int jit = 0; jit < 2; jit++) {
        gr_grammar *g = NULL;
        pr_error err = {0};
        CHECK(grammar_load(path, jit, &g, &err) == PR_OK);
        if (!g)
            continue;
        CHECK(!grammar_match(g, GR_TITLE, subject, NULL, NULL, 0));
        CHECK(grammar_match_errors(g) == 1);
        CHECK(grammar_match(g, GR_TITLE, "aaaa", NULL, NULL, 0));
        grammar_free(&g);
    }
    unlink(path);
}

void unit_group_match_limits(void)
{
    unit_run("grammar: a runaway pattern stops at the match limit, counted, JIT or not",
             runaway_pattern_gives_up);
}
