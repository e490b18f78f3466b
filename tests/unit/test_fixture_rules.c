/*
 * test_fixture_rules.c — the ruling lines of every ruled fixture are found
 * exactly: fixtures/NAME.rules.json (written by scripts/make-fixtures from
 * what it drew) against extract_page() on fixtures/NAME.pdf.
 *
 * Exactly means: the same number of horizontal and vertical rules per page,
 * each expected rule matched by one found rule whose centre line is within
 * POS_TOL and whose ends are within END_TOL (line caps and corner joins
 * make ends differ by up to half a line width).
 */
#include "unit.h"
#include "extract.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define POS_TOL 0.25
#define END_TOL 1.0

static const char *g_dir;
static int g_files;

static void compare_axis(const char *name, int page, const char *axis,
                         const cJSON *want, const ex_rule *got, size_t n_got)
{
    int n_want = cJSON_GetArraySize(want);
    if ((size_t)n_want != n_got) {
        unit.current_failed++;
        fprintf(stderr, "  %s p%d: %s rules: found %zu, expected %d\n", name,
                page, axis, n_got, n_want);
    }
    for (int i = 0; i < n_want; i++) {
        const cJSON *r = cJSON_GetArrayItem(want, i);
        double pos = cJSON_GetArrayItem(r, 0)->valuedouble;
        double from = cJSON_GetArrayItem(r, 1)->valuedouble;
        double to = cJSON_GetArrayItem(r, 2)->valuedouble;
        int found = 0;
        for (size_t k = 0; k < n_got && !found; k++)
            found = fabs(got[k].pos - pos) <= POS_TOL &&
                    fabs(got[k].from - from) <= END_TOL &&
                    fabs(got[k].to - to) <= END_TOL;
        if (!found) {
            unit.current_failed++;
            fprintf(stderr, "  %s p%d: %s rule at %.2f from %.2f to %.2f not found\n",
                    name, page, axis, pos, from, to);
        }
    }
}

static void check_one(const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s.rules.json", g_dir, name);
    char *text = unit_slurp(path);
    cJSON *spec = text ? cJSON_Parse(text) : NULL;
    free(text);
    CHECK(spec != NULL);
    if (!spec)
        return;
    snprintf(path, sizeof path, "%s/%s.pdf", g_dir, name);
    ex_doc *doc = NULL;
    pr_error err = {0};
    CHECK(extract_doc_open(path, NULL, &doc, &err) == PR_OK);
    const cJSON *pages = cJSON_GetObjectItem(spec, "pages");
    CHECK(cJSON_GetArraySize(pages) > 0);
    const cJSON *p;
    cJSON_ArrayForEach(p, pages) {
        if (!doc)
            break;
        int number = cJSON_GetObjectItem(p, "page")->valueint;
        ex_page *page = NULL;
        ex_options opts = {.find_rules = 1};
        CHECK(extract_page(doc, number, &opts, &page, &err) == PR_OK);
        if (!page)
            continue;
        CHECK_NEAR(page->width, cJSON_GetObjectItem(p, "width")->valuedouble, 0.5);
        CHECK_NEAR(page->height, cJSON_GetObjectItem(p, "height")->valuedouble, 0.5);
        compare_axis(name, number, "horizontal", cJSON_GetObjectItem(p, "h"),
                     page->hrules, page->n_hrules);
        compare_axis(name, number, "vertical", cJSON_GetObjectItem(p, "v"),
                     page->vrules, page->n_vrules);
        extract_page_free(&page);
    }
    extract_doc_free(&doc);
    cJSON_Delete(spec);
}

static void every_ruled_fixture(void)
{
    DIR *d = opendir(g_dir);
    CHECK(d != NULL);
    if (!d)
        return;
    struct dirent *e;
    char *names[256];
    int n = 0;
    while ((e = readdir(d)) && n < 256) {
        size_t len = strlen(e->d_name);
        const char *suffix = ".rules.json";
        size_t sl = strlen(suffix);
        if (len > sl && strcmp(e->d_name + len - sl, suffix) == 0) {
            names[n] = malloc(len - sl + 1);
            memcpy(names[n], e->d_name, len - sl);
            names[n][len - sl] = '\0';
            n++;
        }
    }
    closedir(d);
    g_files = n;
    for (int i = 0; i < n; i++) {
        int before = unit.current_failed;
        check_one(names[i]);
        printf("     %s %s\n", unit.current_failed == before ? "ok  " : "FAIL", names[i]);
        free(names[i]);
    }
    CHECK(g_files > 0);             /* no ruled fixture means nothing was tested */
}

void unit_group_fixture_rules(const char *fixtures_dir)
{
    g_dir = fixtures_dir;
    unit_run("fixture rules: every ruled fixture's grid is found exactly",
             every_ruled_fixture);
}
