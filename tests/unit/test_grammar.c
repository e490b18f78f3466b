/*
 * test_grammar.c — the real grammar (normalize/grammars) against the cases
 * of tests/grammar/rules.test (format in its header): every case runs on
 * the grammar compiled with JIT and without; the two runs must agree and
 * give the expected result. Every kind needs cases, so a new kind without
 * any fails here. (test_grammar_files.c tests loading and its errors.)
 * Paths are relative to the repository root, where unit_tests runs.
 */
#include "unit.h"
#include "grammar.h"
#include "arena.h"
#include "table_int.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <dirent.h>
#include <stdlib.h>

#define REAL_GRAMMAR "normalize/grammars"
#define RULES_TEST "tests/grammar/rules.test"

enum { K_FAMILY = GR_KIND_COUNT, K_COLUMN, K_TITLE_LINE, K_FOLD, K_ORG_FOLD };

typedef struct tcase {
    int line;                   /* of the KIND line in rules.test */
    int kind;                   /* gr_kind or K_* */
    int known_bug;              /* written "!KIND" */
    char family[64];            /* column FAMILY, "" for none */
    const char *input, *expected;
} tcase;

static int parse_kind(char *s, tcase *c)
{
    unit_rstrip(s);
    if (*s == '!') {
        c->known_bug = 1;
        s++;
    }
    if (strncmp(s, "column ", 7) == 0) {
        const char *f = s + 7;
        while (*f == ' ')
            f++;
        c->kind = K_COLUMN;
        snprintf(c->family, sizeof c->family, "%s", strcmp(f, "-") == 0 ? "" : f);
        return *f != '\0';
    }
    if (strcmp(s, "family") == 0)
        return c->kind = K_FAMILY, 1;
    if (strcmp(s, "title_line") == 0)
        return c->kind = K_TITLE_LINE, 1;
    if (strcmp(s, "fold") == 0)
        return c->kind = K_FOLD, 1;
    if (strcmp(s, "org_fold") == 0)
        return c->kind = K_ORG_FOLD, 1;
    for (int k = 0; k < GR_KIND_COUNT; k++)
        if (strcmp(s, grammar_kind_name((gr_kind)k)) == 0)
            return c->kind = k, 1;
    return 0;
}

/* Splits text (modified in place) into cases; returns how many, or -1
 * after reporting a malformed file. */
static int parse_cases(char *text, tcase **out)
{
    size_t cap = 64, n = 0;
    tcase *cs = pr_xcalloc(cap, sizeof *cs);
    int lineno = 0, field = 0;
    char *p = text;
    while (p && *p) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        lineno++;
        char *l = p;
        p = nl ? nl + 1 : NULL;
        size_t len = strlen(l);
        if (len && l[len - 1] == '\r')
            l[--len] = '\0';
        if (unit_blank(l) || l[0] == '#')
            continue;
        if (field == 0) {
            if (n == cap)
                cs = pr_xrealloc(cs, (cap *= 2) * sizeof *cs);
            memset(&cs[n], 0, sizeof cs[n]);
            cs[n].line = lineno;
            if (!parse_kind(l, &cs[n])) {
                fprintf(stderr, "  %s:%d: unknown kind '%s'\n", RULES_TEST, lineno, l);
                free(cs);
                return -1;
            }
        } else if (field == 1) {
            cs[n].input = l;
        } else {
            unit_rstrip(l);
            cs[n].expected = l;
            n++;
        }
        field = (field + 1) % 3;
    }
    if (field != 0) {
        fprintf(stderr, "  %s: last case is incomplete\n", RULES_TEST);
        free(cs);
        return -1;
    }
    *out = cs;
    return (int)n;
}

/* The named group a kind's rules capture, by kind name. */
static const char *group_of(int kind)
{
    static const char *const groups[][2] = {
        {"label", "label"}, {"org", "org"}, {"unit", "unit"}, {"year", "year"},
        {"doc_kind", "kind"}, {"unit_wrapped", "unit"}, {"org_title", "org"},
    };
    if (kind >= GR_KIND_COUNT)
        return NULL;
    for (size_t i = 0; i < sizeof groups / sizeof *groups; i++)
        if (strcmp(grammar_kind_name((gr_kind)kind), groups[i][0]) == 0)
            return groups[i][1];
    return NULL;
}

/* The result of case c on grammar g, in rules.test's notation. */
static void run_case(const gr_grammar *g, const tcase *c, char *out, size_t outsz)
{
    char compact[1024], cap[512];
    gr_compact(c->input, compact, sizeof compact);
    snprintf(out, outsz, "-");
    if (c->kind == K_FAMILY) {
        const gr_family *f = grammar_family(g, compact);
        if (f)
            snprintf(out, outsz, "%s", f->name);
    } else if (c->kind == K_COLUMN) {
        gr_family fam = {c->family};
        const char *col = grammar_column(g, *c->family ? &fam : NULL, compact);
        if (col)
            snprintf(out, outsz, "%s", col);
    } else if (c->kind == K_FOLD) {
        grammar_fold(g, compact, out, outsz);
    } else if (c->kind == K_ORG_FOLD) {
        grammar_fold_org(g, compact, out, outsz);
    } else if (c->kind == K_TITLE_LINE) {
        page_ctx pc = {0};              /* stage two's own helpers */
        pc.g = g;
        char label[128];
        const char *rest = table_cut_label(&pc, compact, label, sizeof label);
        if (table_is_title(&pc, rest, *label != 0))
            snprintf(out, outsz, "%s", rest);
    } else if (grammar_match(g, (gr_kind)c->kind, compact, group_of(c->kind),
                             cap, sizeof cap)) {
        snprintf(out, outsz, "%s", *cap ? cap : "=");
    }
}

static const char *kind_text(const tcase *c)
{
    return c->kind == K_FAMILY ? "family" : c->kind == K_COLUMN ? "column"
         : c->kind == K_TITLE_LINE ? "title_line" : c->kind == K_FOLD ? "fold"
         : c->kind == K_ORG_FOLD ? "org_fold"
         : grammar_kind_name((gr_kind)c->kind);
}

static void rules_test_cases(void)
{
    gr_grammar *g[2] = {NULL, NULL};
    pr_error err = {0};
    CHECK(grammar_load(REAL_GRAMMAR, 1, &g[0], &err) == PR_OK);
    CHECK(grammar_load(REAL_GRAMMAR, 0, &g[1], &err) == PR_OK);
    char *text = unit_slurp(RULES_TEST);
    CHECK(text != NULL);
    tcase *cs = NULL;
    int n = text && g[0] && g[1] ? parse_cases(text, &cs) : -1;
    CHECK(n > 0);
    int seen[K_ORG_FOLD + 1] = {0}, bugs = 0;
    for (int i = 0; i < n; i++) {
        const tcase *c = &cs[i];
        char got[2][1024];
        for (int mode = 0; mode < 2; mode++)
            run_case(g[mode], c, got[mode], sizeof got[mode]);
        seen[c->kind]++;
        CHECK_STR(got[1], got[0]);      /* JIT and interpreter agree */
        int ok = strcmp(got[0], c->expected) == 0;
        if (c->known_bug) {
            bugs++;
            printf("     known bug %s:%d: %s \"%s\": got \"%s\", want \"%s\"\n",
                   RULES_TEST, c->line, kind_text(c), c->input, got[0], c->expected);
            if (ok) {
                unit.current_failed++;
                fprintf(stderr, "  %s:%d: known bug fixed: drop the '!'\n",
                        RULES_TEST, c->line);
            }
        } else if (!ok) {
            unit.current_failed++;
            fprintf(stderr, "  %s:%d: %s \"%s\": got \"%s\", want \"%s\"\n", RULES_TEST,
                    c->line, kind_text(c), c->input, got[0], c->expected);
        }
    }
    for (int k = 0; k <= K_ORG_FOLD; k++)
        if (n > 0 && seen[k] < 3) {     /* every kind, and not just once */
            unit.current_failed++;
            fprintf(stderr, "  %s: kind %d has %d cases\n", RULES_TEST, k, seen[k]);
        }
    uint32_t jit = 0;
    pcre2_config(PCRE2_CONFIG_JIT, &jit);
    printf("     %d cases x 2 compile modes (JIT %s), %d known bugs\n", n,
           jit ? "available" : "not in this PCRE2: both runs interpret", bugs);
    free(cs);
    free(text);
    grammar_free(&g[0]);
    grammar_free(&g[1]);
    CHECK(g[0] == NULL && g[1] == NULL);
}

/* Rule lines (not blank, not comments) of every *.grammar file in dir. */void unit_group_grammar(void)
{
    unit_run("grammar: rules.test cases, JIT and interpreted alike",
             rules_test_cases);
}
