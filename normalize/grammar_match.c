/*
 * grammar_match.c — asking a loaded grammar whether a text is a title, a
 * code, an amount ..., which family a title belongs to, and what canonical
 * name a family gives a header path.
 *
 * NOTES
 *   (1) Rules are tried in load order; the first that matches decides.
 *   (2) The subject is checked for valid UTF-8 by PCRE2 on every call;
 *       texts come from poppler and are valid, and a check per call is
 *       cheap next to extraction.
 *   (3) Folding: each `fold` rule replaces every match (global; $1 in the
 *       replacement is group 1), in load order, so later rules see what
 *       earlier ones made. Family rules then match the folded title: what
 *       varies between publishers (year, 部门/单位, 预算/决算, 情况, quotes,
 *       half/full-width brackets) is folded once, not spelled out in every
 *       family pattern.
 */
#include "grammar_int.h"
#include "text.h"

#include <stdio.h>
#include <string.h>

enum { GR_FOLD_MAX = 1024 };

size_t gr_compact(const char *s, char *out, size_t outsz)
{
    size_t n = 0;
    if (outsz == 0)
        return 0;
    while (*s && n + 1 < outsz) {
        size_t len;
        uint32_t cp = pr_utf8_next(s, &len);
        if (pr_is_space(cp)) {
            s += len;
            continue;
        }
        if (n + len >= outsz)
            break;
        size_t i = 0;
        for (; i < len && s[i]; i++)    /* a truncated character stops at NUL */
            out[n++] = s[i];
        s += i;
    }
    out[n] = '\0';
    return n;
}

/* Runs rule r on subject; returns the end offset of the match or -1. */
static long run_rule(const gr_grammar *g, const gr_rule *r, const char *subject,
                     const char *group, char *cap, size_t capsz)
{
    int rc = pcre2_match(r->re, (PCRE2_SPTR)subject, PCRE2_ZERO_TERMINATED, 0, 0,
                         g->match, g->limits);
    if (rc < 0) {
        if (rc != PCRE2_ERROR_NOMATCH)
            (*g->match_errors)++;           /* grammar_load.c NOTES (4) */
        return -1;
    }
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(g->match);
    if (cap && capsz) {
        cap[0] = '\0';
        if (group) {
            PCRE2_SIZE len = capsz;
            if (pcre2_substring_copy_byname(g->match, (PCRE2_SPTR)group,
                                            (PCRE2_UCHAR *)cap, &len) < 0)
                cap[0] = '\0';
        }
    }
    return (long)ov[1];
}

long grammar_match_end(const gr_grammar *g, gr_kind kind, const char *compact,
                       const char *group, char *cap, size_t capsz)
{
    if (cap && capsz)
        cap[0] = '\0';
    for (size_t i = 0; i < g->n_rules; i++) {          /* (1) */
        if (g->rules[i].kind != (int)kind)
            continue;
        long end = run_rule(g, &g->rules[i], compact, group, cap, capsz);
        if (end >= 0)
            return end;
    }
    return -1;
}

long grammar_match_rule(const gr_grammar *g, gr_kind kind, const char *compact)
{
    for (size_t i = 0; i < g->n_rules; i++)
        if (g->rules[i].kind == (int)kind &&
            run_rule(g, &g->rules[i], compact, NULL, NULL, 0) >= 0)
            return (long)i;
    return -1;
}

int grammar_match(const gr_grammar *g, gr_kind kind, const char *compact,
                  const char *group, char *cap, size_t capsz)
{
    return grammar_match_end(g, kind, compact, group, cap, capsz) >= 0;
}

/* (3) */
/* (3): the rules of one fold kind (GR_RULE_FOLD, GR_RULE_ORG_FOLD,
 * GR_RULE_COLUMN_FOLD). */
static size_t fold_by(const gr_grammar *g, int kind, const char *compact_title, char *out,
                      size_t outsz)
{
    if (!outsz)
        return 0;
    /* zeroed: PCRE2's JIT reads a little past a subject's end */
    char tmp[GR_FOLD_MAX] = {0};
    memset(out, 0, outsz);
    PCRE2_SIZE len = snprintf(out, outsz, "%s", compact_title) >= (int)outsz
                   ? outsz - 1 : strlen(out);
    for (size_t i = 0; i < g->n_rules; i++) {
        const gr_rule *r = &g->rules[i];
        if (r->kind != kind)
            continue;
        PCRE2_SIZE n = sizeof tmp;
        int rc = pcre2_substitute(r->re, (PCRE2_SPTR)out, len, 0,
                                  PCRE2_SUBSTITUTE_GLOBAL,
                                  g->match, g->limits, (PCRE2_SPTR)r->replace,
                                  strlen(r->replace), (PCRE2_UCHAR *)tmp, &n);
        if (rc <= 0 || n >= outsz)
            continue;           /* no match (or no room): the title as it is */
        memset(out, 0, outsz);
        memcpy(out, tmp, n);
        len = n;
    }
    return len;
}

size_t grammar_fold(const gr_grammar *g, const char *compact_title, char *out,
                    size_t outsz)
{
    return fold_by(g, GR_RULE_FOLD, compact_title, out, outsz);
}

size_t grammar_fold_org(const gr_grammar *g, const char *org, char *out, size_t outsz)
{
    return fold_by(g, GR_RULE_ORG_FOLD, org, out, outsz);
}

const gr_family *grammar_family(const gr_grammar *g, const char *compact_title)
{
    char folded[GR_FOLD_MAX];
    grammar_fold(g, compact_title, folded, sizeof folded);     /* zeroes it */
    for (size_t i = 0; i < g->n_rules; i++) {
        const gr_rule *r = &g->rules[i];
        if (r->kind == GR_RULE_FAMILY &&
            run_rule(g, r, folded, NULL, NULL, 0) >= 0)
            return &r->fam;
    }
    return NULL;
}

const gr_set *grammar_set(const gr_grammar *g, const char *kind)
{
    for (size_t i = 0; kind && i < g->n_sets; i++)
        if (strcmp(g->sets[i].kind, kind) == 0)
            return &g->sets[i];
    return NULL;
}

int grammar_is_form(const gr_grammar *g, const char *family)
{
    for (size_t i = 0; family && i < g->forms.n_families; i++)
        if (strcmp(g->forms.family[i], family) == 0)
            return 1;
    return 0;
}

const char *grammar_column(const gr_grammar *g, const gr_family *f,
                           const char *header_path)
{
    /* a header part is named after the column_fold rules fold it
     * (其中：基本支出 → 基本支出) */
    char part[GR_FOLD_MAX];
    fold_by(g, GR_RULE_COLUMN_FOLD, header_path, part, sizeof part);
    for (size_t i = 0; i < g->n_rules; i++) {
        const gr_rule *r = &g->rules[i];
        if (r->kind != GR_RULE_COLUMN)
            continue;
        if (strcmp(r->family, "*") != 0 && (!f || strcmp(r->family, f->name) != 0))
            continue;
        if (run_rule(g, r, part, NULL, NULL, 0) >= 0)
            return r->column;
    }
    return NULL;
}

int grammar_pattern_match(const gr_grammar *g, const gr_pattern *p,
                          const char *compact)
{
    if (!p)
        return 1;
    return pcre2_match(p->re, (PCRE2_SPTR)compact, PCRE2_ZERO_TERMINATED, 0, 0,
                       g->match, g->limits) >= 0;
}
