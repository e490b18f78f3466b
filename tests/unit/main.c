/*
 * main.c — runs every unit-test group; prints "N passed, N failed" last
 * and exits 1 if anything failed.
 *
 * Usage: unit_tests [FIXTURES_DIR]   (default "fixtures")
 */
#include "unit.h"

#include <dirent.h>
#include <stdlib.h>

unit_state unit;

int unit_blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\r')
            return 0;
    return 1;
}

void unit_rstrip(char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = '\0';
}

char *unit_slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
        free(s);
        s = NULL;
    }
    if (s)
        s[n] = '\0';
    fclose(f);
    return s;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

size_t unit_fixture_pdfs(const char *dir, char ***names)
{
    *names = NULL;
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len <= 4 || strcmp(e->d_name + len - 4, ".pdf") != 0)
            continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 64;
            *names = realloc(*names, cap * sizeof **names);
            if (!*names)
                abort();
        }
        (*names)[n++] = strdup(e->d_name);
    }
    closedir(d);
    if (n)
        qsort(*names, n, sizeof **names, by_name);
    return n;
}

void unit_run(const char *name, void (*fn)(void))
{
    unit.current = name;
    unit.current_failed = 0;
    fn();
    if (unit.current_failed) {
        unit.failed++;
        printf("FAIL %s\n", name);
    } else {
        unit.passed++;
        printf("ok   %s\n", name);
    }
}

int main(int argc, char **argv)
{
    unit_group_lines();
    unit_group_rules();
    unit_group_orient();
    unit_group_options();
    unit_group_fixture_rules(argc > 1 ? argv[1] : "fixtures");
    unit_group_grammar();
    unit_group_grammar_files();
    unit_group_amount();
    unit_group_stage2();
    unit_group_stage2_layout();
    unit_group_stage2_english();
    unit_group_stage2_fixtures(argc > 1 ? argv[1] : "fixtures");
    unit_group_stage2_boxes(argc > 1 ? argv[1] : "fixtures");
    unit_group_review();
    unit_group_confidence();
    unit_group_long(argc > 1 ? argv[1] : "fixtures");
    unit_group_output_intents();
    unit_group_page_tree();
    unit_group_stream();
    unit_group_ocr_mend();
    unit_group_ocr_line_mend();
    unit_group_ocr_correct();
    unit_group_checks_overflow();
    unit_group_match_limits();
    unit_group_spool();
    unit_group_hidden();
    unit_group_text();
    printf("%d passed, %d failed\n", unit.passed, unit.failed);
    return unit.failed ? 1 : 0;
}
