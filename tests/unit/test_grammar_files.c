/*
 * test_grammar_files.c — loading grammars: the real directory loads every
 * rule line; each tests/grammar/bad/NAME.grammar is refused with
 * PR_ERR_GRAMMAR and exactly the message in NAME.expect (FILE stands for
 * the path passed; columns count characters, from 1), JIT or not; a
 * directory loads in name order and stops at its first bad file; a
 * directory without *.grammar files and a missing path are refused;
 * tests/grammar/ok checks load order, CRLF lines and family-scoped
 * columns; then match ends, captures and gr_compact(); the bundled
 * "scale" lines; --grammar-add layers (grammar_load_layers): an added
 * layer's rules are tried first, its checks, sets and scales replace
 * those of the same name, an error in it names FILE:LINE:COL.
 * Paths are relative to the repository root, where unit_tests runs.
 */
#include "unit.h"
#include "grammar.h"

#include <dirent.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdlib.h>

#define REAL_GRAMMAR "normalize/grammars"
#define BAD_DIR "tests/grammar/bad"
#define ADD_DIR "tests/grammar/add"

/* Lines of every *.grammar file in dir that are neither blank nor
 * comments: each is one rule or one check. */
static size_t count_rule_lines(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len <= 8 || strcmp(e->d_name + len - 8, ".grammar") != 0)
            continue;
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        char *text = unit_slurp(path);
        for (char *l = text; l && *l;) {
            char *nl = strchr(l, '\n');
            if (nl)
                *nl = '\0';
            while (*l == ' ' || *l == '\t')
                l++;
            if (!unit_blank(l) && *l != '#')
                n++;
            l = nl ? nl + 1 : NULL;
        }
        free(text);
    }
    closedir(d);
    return n;
}

static void real_grammar_loads_every_rule(void)
{
    size_t want = count_rule_lines(REAL_GRAMMAR);
    CHECK(want > 50);
    for (int jit = 0; jit < 2; jit++) {
        gr_grammar *g = NULL;
        pr_error err = {0};
        CHECK(grammar_load(REAL_GRAMMAR, jit, &g, &err) == PR_OK);
        CHECK(grammar_rule_count(g) == want);   /* checks count as rules */
        grammar_free(&g);
        grammar_free(&g);               /* a no-op on NULL */
    }
    CHECK(grammar_rule_count(NULL) == 0);
}

/* Expects grammar_load(path) to fail with message want (both modes). */
static void load_fails(const char *path, const char *want, int where_set)
{
    for (int jit = 0; jit < 2; jit++) {
        char junk;
        gr_grammar *g = (gr_grammar *)&junk;    /* must come back NULL */
        pr_error err = {0};
        CHECK(grammar_load(path, jit, &g, &err) == PR_ERR_GRAMMAR);
        CHECK(g == NULL);
        CHECK(err.rc == PR_ERR_GRAMMAR);
        CHECK_STR(err.message, want);
        if (where_set) {                /* "FILE:LINE:COL" or the file */
            size_t n = strlen(err.where);
            CHECK(n > 0 && strncmp(err.message, err.where, n) == 0 &&
                  strncmp(err.message + n, ": ", 2) == 0);
        }
    }
}

static void bad_grammar_files(void)
{
    DIR *d = opendir(BAD_DIR);
    CHECK(d != NULL);
    if (!d)
        return;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len <= 8 || strcmp(e->d_name + len - 8, ".grammar") != 0)
            continue;
        char path[512], expect_path[512];
        snprintf(path, sizeof path, "%s/%s", BAD_DIR, e->d_name);
        snprintf(expect_path, sizeof expect_path, "%s/%.*s.expect", BAD_DIR,
                 (int)(len - 8), e->d_name);
        char *expect = unit_slurp(expect_path);
        CHECK(expect != NULL);
        if (!expect)
            continue;
        unit_rstrip(expect);
        size_t el = strlen(expect);
        if (el && expect[el - 1] == '\n')
            expect[--el] = '\0';
        char want[1024];
        CHECK(strncmp(expect, "FILE:", 5) == 0);
        snprintf(want, sizeof want, "%s%s", path, expect + 4);
        load_fails(path, want, 1);
        free(expect);
        n++;
    }
    closedir(d);
    CHECK(n >= 8);
}

/* NOTES (1) of grammar_load.c: a directory loads in name order and stops
 * at the first bad file. */
static void bad_directory_stops_at_first_file(void)
{
    load_fails(BAD_DIR, BAD_DIR "/column-without-name.grammar:2:1: "
               "column needs a family, a name and a pattern", 1);
}

static void directory_without_grammar_files(void)
{
    load_fails("tests/grammar/empty", "tests/grammar/empty: no *.grammar files", 0);
    load_fails("tests/grammar/no-such-dir",
               "tests/grammar/no-such-dir: cannot open grammar: "
               "No such file or directory", 1);
}

static void load_order_and_family_columns(void)
{
    gr_grammar *g = NULL;
    pr_error err = {0};
    CHECK(grammar_load("tests/grammar/ok", 0, &g, &err) == PR_OK);
    if (!g)
        return;
    CHECK(grammar_rule_count(g) == 7);          /* README is not loaded */
    const gr_family *f = grammar_family(g, "收支预算表");
    CHECK(f && strcmp(f->name, "first_family") == 0);
    const gr_family *o = grammar_family(g, "收支情况表");   /* CRLF file */
    CHECK(o && strcmp(o->name, "other") == 0);
    CHECK(grammar_family(g, "收支情况") == NULL);
    const char *c;
    CHECK((c = grammar_column(g, f, "甲")) && strcmp(c, "alpha") == 0);
    CHECK((c = grammar_column(g, o, "甲")) && strcmp(c, "beta") == 0);
    CHECK(grammar_column(g, NULL, "甲") == NULL);    /* family-scoped only */
    CHECK((c = grammar_column(g, o, "乙")) && strcmp(c, "star") == 0);
    CHECK((c = grammar_column(g, NULL, "乙")) && strcmp(c, "star") == 0);
    CHECK(grammar_match(g, GR_AMOUNT, "42", NULL, NULL, 0));
    CHECK(!grammar_match(g, GR_CODE, "201", NULL, NULL, 0));    /* no rule */
    char cap[8] = "x";
    CHECK(grammar_match_end(g, GR_LABEL, "公开01表", "label", cap, sizeof cap) == -1);
    CHECK_STR(cap, "");
    grammar_free(&g);

    /* one file loads alone */
    CHECK(grammar_load("tests/grammar/ok/20-second.grammar", 1, &g, &err) == PR_OK);
    CHECK(grammar_rule_count(g) == 3);
    f = g ? grammar_family(g, "收支预算表") : NULL;
    CHECK(f && strcmp(f->name, "second_family") == 0);
    grammar_free(&g);
}

static void match_end_and_captures(void)
{
    gr_grammar *g = NULL;
    pr_error err = {0};
    CHECK(grammar_load(REAL_GRAMMAR, 1, &g, &err) == PR_OK);
    if (!g)
        return;
    char cap[64];
    /* the label's end is where the title starts (bytes) */
    CHECK(grammar_match_end(g, GR_LABEL, "公开05表财政拨款支出预算表", "label",
                            cap, sizeof cap) == (long)strlen("公开05表"));
    CHECK_STR(cap, "公开05表");
    CHECK(grammar_match_end(g, GR_LABEL, "表一：部门收支总体情况表", "label",
                            cap, sizeof cap) == (long)strlen("表一："));
    CHECK_STR(cap, "表一");
    /* an unknown group name gives "" */
    CHECK(grammar_match(g, GR_UNIT, "单位：万元", "nosuch", cap, sizeof cap));
    CHECK_STR(cap, "");
    CHECK_STR(grammar_kind_name(GR_LABEL), "label");
    CHECK_STR(grammar_kind_name(GR_NOT_TITLE), "not_title");
    CHECK_STR(grammar_kind_name(GR_HEADER), "header");
    CHECK_STR(grammar_kind_name(GR_KIND_COUNT), "?");
    grammar_free(&g);
}

/* The bundled "scale" lines give the table record's "scale". */
static void bundled_scales(void)
{
    gr_grammar *g = NULL;
    pr_error err = {0};
    CHECK(grammar_load(REAL_GRAMMAR, 1, &g, &err) == PR_OK);
    CHECK(grammar_unit_scale(g, "元") == 1);
    CHECK(grammar_unit_scale(g, "千元") == 1000);
    CHECK(grammar_unit_scale(g, "万元") == 10000);
    CHECK(grammar_unit_scale(g, "亿元") == 100000000);
    CHECK(grammar_unit_scale(g, "美元") == 0);
    CHECK(grammar_unit_scale(g, "") == 0);
    CHECK(grammar_unit_scale(g, NULL) == 0);
    CHECK(grammar_unit_scale(NULL, "万元") == 0);
    grammar_free(&g);
}

/* The check called name, its index in *at; NULL if none or several. */
static const gr_check *check_named(const gr_grammar *g, const char *name, size_t *at)
{
    const gr_check *found = NULL;
    for (size_t i = 0; i < grammar_check_count(g); i++) {
        const gr_check *c = grammar_check_at(g, i);
        if (strcmp(c->name, name) != 0)
            continue;
        if (found)
            return NULL;
        found = c;
        *at = i;
    }
    return found;
}

static const char *family_name(const gr_grammar *g, const char *title)
{
    const gr_family *f = grammar_family(g, title);
    return f ? f->name : "(none)";
}

/* tests/grammar/add/override.grammar on top of the bundled grammar. */
static void added_layer_overrides_base(void)
{
    for (int jit = 0; jit < 2; jit++) {
        gr_grammar *base = NULL, *g = NULL;
        pr_error err = {0};
        const char *adds[] = {ADD_DIR "/override.grammar"};
        CHECK(grammar_load(REAL_GRAMMAR, jit, &base, &err) == PR_OK);
        CHECK(grammar_load_layers(REAL_GRAMMAR, adds, 1, jit, &g, &err) == PR_OK);
        if (!base || !g) {
            grammar_free(&base);
            grammar_free(&g);
            return;
        }
        /* +1 family rule, +1 check, +1 scale; the rest replace */
        CHECK(grammar_rule_count(g) == grammar_rule_count(base) + 3);
        /* the added family rule is tried before the bundled catalogue */
        CHECK_STR(family_name(base, "部门收支总体情况表"), "income_expense");
        CHECK_STR(family_name(g, "部门收支总体情况表"), "user_income_expense");
        /* a title it does not match keeps the bundled family */
        CHECK_STR(family_name(g, "财政拨款收支总体情况表"),
                  family_name(base, "财政拨款收支总体情况表"));
        CHECK(grammar_family(g, "财政拨款收支总体情况表") != NULL);
        /* the check of the same name is replaced where it stood; a new
         * one comes after the bundled ones */
        size_t at_base = 0, at = 0;
        const gr_check *cb = check_named(base, "outline", &at_base);
        const gr_check *c = check_named(g, "outline", &at);
        CHECK(cb && strcmp(cb->family, "income_expense") == 0);
        CHECK(c && at == at_base && strcmp(c->family, "user_income_expense") == 0 &&
              c->type == GR_CHECK_OUTLINE);
        size_t n = grammar_check_count(g);
        CHECK(n == grammar_check_count(base) + 1);
        const gr_check *last = n ? grammar_check_at(g, n - 1) : NULL;
        CHECK(last && strcmp(last->name, "user_totals") == 0 &&
              last->type == GR_CHECK_TOTALS);
        for (size_t i = 0; i + 1 < n; i++)      /* the others as they were */
            CHECK(i == at ||
                  strcmp(grammar_check_at(g, i)->name, grammar_check_at(base, i)->name) == 0);
        /* the set of the same kind is replaced; other sets stay */
        const gr_set *s = grammar_set(g, "部门预算");
        CHECK(s && s->n_families == 1 && strcmp(s->family[0], "user_income_expense") == 0);
        const gr_set *sb = grammar_set(base, "单位预算"), *sg = grammar_set(g, "单位预算");
        CHECK(sb && sg && sg->n_families == sb->n_families);
        /* the scale of the same unit is replaced; a new unit is added */
        CHECK(grammar_unit_scale(base, "万元") == 10000);
        CHECK(grammar_unit_scale(g, "万元") == 10);
        CHECK(grammar_unit_scale(g, "元") == 1);
        CHECK(grammar_unit_scale(g, "兆元") == INT64_MAX);
        CHECK(grammar_unit_scale(base, "兆元") == 0);
        grammar_free(&base);
        grammar_free(&g);
    }
}

/* Layers of plain files and directories: each goes on top of the ones
 * before it; within a layer, file order still decides. */
static void later_layers_on_top(void)
{
    gr_grammar *g = NULL;
    pr_error err = {0};
    const char *first = "tests/grammar/ok/10-first.grammar";
    const char *second = "tests/grammar/ok/20-second.grammar";
    /* alone, tests/grammar/ok says first_family (10-first loads first) */
    const char *one[] = {second};
    CHECK(grammar_load_layers("tests/grammar/ok", one, 1, 0, &g, &err) == PR_OK);
    CHECK(grammar_rule_count(g) == 7 + 3);
    CHECK_STR(family_name(g, "收支预算表"), "second_family");
    CHECK_STR(family_name(g, "收支情况表"), "other");
    grammar_free(&g);
    const char *two[] = {second, first};
    CHECK(grammar_load_layers(second, two, 2, 1, &g, &err) == PR_OK);
    CHECK_STR(family_name(g, "收支预算表"), "first_family");
    grammar_free(&g);
    const char *swapped[] = {first, second};
    CHECK(grammar_load_layers(first, swapped, 2, 1, &g, &err) == PR_OK);
    CHECK_STR(family_name(g, "收支预算表"), "second_family");
    grammar_free(&g);
    /* a directory as a layer: its first file wins within it */
    const char *dir[] = {"tests/grammar/ok"};
    CHECK(grammar_load_layers(second, dir, 1, 0, &g, &err) == PR_OK);
    CHECK_STR(family_name(g, "收支预算表"), "first_family");
    grammar_free(&g);
    /* no adds: grammar_load */
    CHECK(grammar_load_layers("tests/grammar/ok", NULL, 0, 0, &g, &err) == PR_OK);
    CHECK_STR(family_name(g, "收支预算表"), "first_family");
    CHECK(grammar_rule_count(g) == 7);
    grammar_free(&g);
}

/* Expects grammar_load_layers(base, adds) to fail with message want and
 * err.where its "FILE:LINE:COL" part. */
static void layers_fail(const char *base, const char *const *adds, size_t n,
                        const char *want, const char *where)
{
    for (int jit = 0; jit < 2; jit++) {
        char junk;
        gr_grammar *g = (gr_grammar *)&junk;    /* must come back NULL */
        pr_error err = {0};
        CHECK(grammar_load_layers(base, adds, n, jit, &g, &err) == PR_ERR_GRAMMAR);
        CHECK(g == NULL);
        CHECK_STR(err.message, want);
        CHECK_STR(err.where, where);
    }
}

static void error_in_added_file(void)
{
    const char *adds[] = {ADD_DIR "/override.grammar", ADD_DIR "/bad-line.grammar"};
    layers_fail(REAL_GRAMMAR, adds, 2,
                ADD_DIR "/bad-line.grammar:3:29: missing closing parenthesis",
                ADD_DIR "/bad-line.grammar:3:29");
    const char *missing[] = {ADD_DIR "/no-such.grammar"};
    layers_fail(REAL_GRAMMAR, missing, 1,
                ADD_DIR "/no-such.grammar: cannot open grammar: No such file or directory",
                ADD_DIR "/no-such.grammar");
    /* a bad base is reported before any add is read */
    const char *fine[] = {ADD_DIR "/override.grammar"};
    layers_fail(BAD_DIR "/scale-twice.grammar", fine, 1,
                BAD_DIR "/scale-twice.grammar:3:8: a second scale for '万元' in one grammar",
                BAD_DIR "/scale-twice.grammar:3:8");
    /* a bad scale line in an added file, over a base that is one file */
    const char *zero[] = {BAD_DIR "/scale-factor-zero.grammar"};
    layers_fail(ADD_DIR "/override.grammar", zero, 1,
                BAD_DIR "/scale-factor-zero.grammar:2:12: scale factor '0' is not a "
                "positive integer that fits in 64 bits",
                BAD_DIR "/scale-factor-zero.grammar:2:12");
}

static void compact_drops_whitespace_only(void)
{
    char out[64];
    CHECK(gr_compact("合 计", out, sizeof out) == strlen("合计"));
    CHECK_STR(out, "合计");
    gr_compact("\t收\xE3\x80\x80入\xC2\xA0总\r\n计 ", out, sizeof out);
    CHECK_STR(out, "收入总计");
    gr_compact("1 3 , 2 9 7 . 1 1", out, sizeof out);
    CHECK_STR(out, "13,297.11");
    gr_compact("（功能科目）“三公”", out, sizeof out);   /* punctuation stays */
    CHECK_STR(out, "（功能科目）“三公”");
    /* a short buffer never cuts a character in two */
    CHECK(gr_compact("一二三", out, 7) == 6);
    CHECK_STR(out, "一二");
    CHECK(gr_compact("一二三", out, 6) == 3);
    CHECK_STR(out, "一");
    CHECK(gr_compact("ab", out, 1) == 0);
    CHECK_STR(out, "");
    out[0] = 'x';
    CHECK(gr_compact("ab", out, 0) == 0 && out[0] == 'x');
}

/* A line of exactly 4095 bytes is a line; a FIFO is refused without
 * being opened (opening it would wait for a writer). */
static void line_limit_and_fifo(void)
{
    char dir[] = "/tmp/pdfrows-grammar-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char path[128], fifo[128];
    snprintf(path, sizeof path, "%s/long.grammar", dir);
    snprintf(fifo, sizeof fifo, "%s/pipe.grammar", dir);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (f) {
        fputs("title ", f);
        for (int i = 0; i < 4095 - 6; i++)
            fputc('a', f);
        fputc('\n', f);
        fclose(f);
    }
    gr_grammar *g = NULL;
    pr_error err = {0};
    CHECK(grammar_load(path, 1, &g, &err) == PR_OK);
    CHECK(grammar_rule_count(g) == 1);
    grammar_free(&g);
    CHECK(mkfifo(fifo, 0600) == 0);
    char want[256];
    snprintf(want, sizeof want, "%s: not a regular file (a grammar is read whole, "
             "not from a pipe or device)", fifo);
    load_fails(fifo, want, 1);
    remove(fifo);
    remove(path);
    rmdir(dir);
}

void unit_group_grammar_files(void)
{
    unit_run("grammar: a 4095-byte line loads; a FIFO is refused at once",
             line_limit_and_fifo);
    unit_run("grammar: the real grammar loads every rule, JIT or not",
             real_grammar_loads_every_rule);
    unit_run("grammar: bad grammar files fail with their exact message",
             bad_grammar_files);
    unit_run("grammar: a directory loads in name order, stops at a bad file",
             bad_directory_stops_at_first_file);
    unit_run("grammar: no *.grammar files, a missing path",
             directory_without_grammar_files);
    unit_run("grammar: load order, CRLF, family-scoped columns",
             load_order_and_family_columns);
    unit_run("grammar: match ends and captures", match_end_and_captures);
    unit_run("grammar: gr_compact drops whitespace and nothing else",
             compact_drops_whitespace_only);
    unit_run("grammar: the bundled scale lines", bundled_scales);
    unit_run("grammar: an added layer's family wins, its check, set, scale replace",
             added_layer_overrides_base);
    unit_run("grammar: later layers on top, file order within a layer",
             later_layers_on_top);
    unit_run("grammar: an error in an added file names FILE:LINE:COL",
             error_in_added_file);
}
