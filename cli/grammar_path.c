/*
 * grammar_path.c — where the grammar files are. In order: --grammar PATH;
 * $PDFROWS_GRAMMAR; normalize/grammars beside the running executable (a
 * build tree: ./pdfrows runs with the grammars of its own checkout);
 * ../share/pdfrows/grammars from the executable's directory (an installed
 * tree, wherever PREFIX put it); PDFROWS_DATADIR compiled in. That is
 * the base; --grammar-add layers go on top of it (main.c,
 * grammar_load_layers()), whichever base was found.
 */
#include "commands.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef PDFROWS_DATADIR
#define PDFROWS_DATADIR "/usr/local/share/pdfrows"
#endif

static char beside_exe[PATH_MAX + 32];

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *cli_grammar_path(const cli_options *opts, const char *argv0)
{
    (void)argv0;
    if (opts->grammar)
        return opts->grammar;
    const char *env = getenv("PDFROWS_GRAMMAR");
    if (env && *env)
        return env;
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            snprintf(beside_exe, sizeof beside_exe, "%s/../share/pdfrows/grammars", exe);
            if (is_dir(beside_exe))
                return beside_exe;
            /* build/asan/pdfrows and ./pdfrows both find the checkout's */
            for (int up = 0; up < 3; up++) {
                snprintf(beside_exe, sizeof beside_exe, "%s/normalize/grammars", exe);
                if (is_dir(beside_exe))
                    return beside_exe;
                slash = strrchr(exe, '/');
                if (!slash)
                    break;
                *slash = '\0';
            }
        }
    }
    return PDFROWS_DATADIR "/grammars";
}
