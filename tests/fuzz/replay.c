/*
 * replay.c — runs a fuzz target without libFuzzer: every file named on the
 * command line, or under a directory named there, is fed to
 * LLVMFuzzerTestOneInput once (LLVMFuzzerInitialize first, when the target
 * has one). Prints "N inputs" and exits 0; a finding crashes it.
 */
#include "fuzz.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

__attribute__((weak)) int LLVMFuzzerInitialize(int *argc, char ***argv);

static size_t replay_path(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return 0;
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        size_t n = 0;
        struct dirent *e;
        while (d && (e = readdir(d))) {
            if (e->d_name[0] == '.' || strcmp(e->d_name, "README") == 0)
                continue;
            char sub[4096];
            snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
            n += replay_path(sub);
        }
        if (d)
            closedir(d);
        return n;
    }
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    size_t cap = (size_t)st.st_size + 1, size = 0;
    uint8_t *data = malloc(cap);
    if (data)
        size = fread(data, 1, cap, f);
    fclose(f);
    if (!data)
        return 0;
    LLVMFuzzerTestOneInput(data, size);
    free(data);
    return 1;
}

int main(int argc, char **argv)
{
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);
    size_t n = 0;
    for (int i = 1; i < argc; i++)
        n += replay_path(argv[i]);
    printf("%zu inputs\n", n);
    return 0;
}
