/*
 * grammar_load.c — reads grammar files and compiles their rules once.
 *
 * A grammar file is lines of "DIRECTIVE FIELDS... PATTERN" (format in
 * docs/grammar-format.md). Every pattern is compiled with PCRE2_UTF|
 * PCRE2_UCP (without UCP, \s and \w miss CJK and U+3000) and JIT-compiled
 * when the library has JIT; a pattern that does not compile is reported as
 * "FILE:LINE:COL: PCRE2's message", COL counting characters from 1.
 *
 * NOTES
 *   (1) Files of a directory load in name order, rules in file order, and
 *       matching tries rules in that order: the first match wins, so the
 *       result never depends on the file system's listing order.
 *   (2) One match-data block is made here and reused by every match
 *       (single-threaded: one grammar per worker).
 *   (3) Layers (grammar_load_layers, --grammar-add): the base grammar is
 *       layer 0, the i-th add layer i. Every rule remembers its layer;
 *       once all are loaded, rules are stably reordered by layer, highest
 *       first, so an added rule is tried before every rule of the layers
 *       under it and (1) holds within a layer. Checks, sets and scales
 *       are replaced in place when a higher layer declares the same name,
 *       kind or unit; the replaced check's patterns stay owned by
 *       g->patterns until grammar_free.
 *   (4) Every match runs under one match context: a match limit and a
 *       depth limit (a pattern like (a+)+$ on a long cell gives up
 *       instead of taking minutes) and a JIT stack of up to 1 MB (the
 *       default 32 KB runs out on long lines, where the interpreter would
 *       not: with the larger stack JIT and interpreter agree). A match
 *       stopped by a limit counts as no match and is counted in
 *       g->match_errors (grammar_match_errors()).
 *   (5) A grammar file is a regular file (a FIFO would block the run
 *       before any input), of lines of at most MAX_LINE bytes without a
 *       NUL (a NUL would cut the pattern silently). The base grammar must
 *       hold rules: an empty one would read every document as tableless.
 *       A layer (--grammar-add) may be empty.
 */
#include "grammar_int.h"
#include "text.h"
#include "arena.h"

#include <dirent.h>
#include <errno.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_LINE 4095           /* bytes of a grammar line, newline not counted */

static const char *const kind_names[GR_KIND_COUNT] = {
    "label", "title", "not_title", "org", "unit", "note", "amount",
    "placeholder", "code", "total", "footer", "row_start", "year", "header", "doc_kind", "unit_wrapped", "subtitle", "note_item", "colnum_label", "of_which", "outline_1", "outline_2", "outline_3", "subtotal", "org_title",
    "labelled_title",
};

const char *grammar_kind_name(gr_kind kind)
{
    return kind < GR_KIND_COUNT ? kind_names[kind] : "?";
}

static int kind_from_name(const char *s, size_t n)
{
    for (int k = 0; k < GR_KIND_COUNT; k++)
        if (strlen(kind_names[k]) == n && memcmp(kind_names[k], s, n) == 0)
            return k;
    return -1;
}

static void push_rule(gr_grammar *g, gr_rule r)
{
    if (g->n_rules == g->cap_rules) {
        g->cap_rules = g->cap_rules ? 2 * g->cap_rules : 32;
        g->rules = pr_xrealloc(g->rules, g->cap_rules * sizeof *g->rules);
    }
    g->rules[g->n_rules++] = r;
}

static const char *intern(gr_grammar *g, const char *s, size_t n)
{
    return pr_arena_strndup(g->arena, s, n);
}

/* Next whitespace-separated field of *p (ASCII spaces and tabs). */
static int next_field(const char **p, const char **f, size_t *n)
{
    const char *s = *p;
    while (*s == ' ' || *s == '\t')
        s++;
    if (!*s)
        return 0;
    *f = s;
    while (*s && *s != ' ' && *s != '\t')
        s++;
    *n = (size_t)(s - *f);
    *p = s;
    return 1;
}

/* Compiles pat[0..len) (a part of the line that starts at line_start). */
static pr_rc compile_at(gr_grammar *g, const char *pat, size_t len,
                        const char *file, int line, const char *line_start,
                        int use_jit, pcre2_code **out, pr_error *err)
{
    int code;
    PCRE2_SIZE off;
    *out = pcre2_compile((PCRE2_SPTR)pat, len, PCRE2_UTF | PCRE2_UCP, &code,
                         &off, NULL);
    if (!*out) {
        char msg[160];
        pcre2_get_error_message(code, (PCRE2_UCHAR *)msg, sizeof msg);
        size_t col = pr_utf8_count(line_start, (size_t)(pat - line_start)) +
                     pr_utf8_count(pat, off) + 1;
        snprintf(err->where, sizeof err->where, "%s:%d:%zu", file, line, col);
        return pr_fail(err, PR_ERR_GRAMMAR, "%s:%d:%zu: %s", file, line, col, msg);
    }
    if (use_jit)
        pcre2_jit_compile(*out, PCRE2_JIT_COMPLETE);   /* no JIT: interpreter */
    uint32_t caps = 0;
    pcre2_pattern_info(*out, PCRE2_INFO_CAPTURECOUNT, &caps);
    if (caps + 1 > g->max_pairs)
        g->max_pairs = caps + 1;
    return PR_OK;
}

static pr_rc compile_rule(gr_grammar *g, gr_rule *r, const char *pat,
                          const char *file, int line, const char *line_start,
                          int use_jit, pr_error *err)
{
    return compile_at(g, pat, strlen(pat), file, line, line_start, use_jit,
                      &r->re, err);
}

static pr_rc syntax_error(pr_error *err, const char *file, int line,
                          const char *what)
{
    snprintf(err->where, sizeof err->where, "%s:%d:1", file, line);
    return pr_fail(err, PR_ERR_GRAMMAR, "%s:%d:1: %s", file, line, what);
}

/* An error at field f of the line that starts at line_start. */
static pr_rc error_at(pr_error *err, const char *file, int line,
                      const char *line_start, const char *f, const char *what)
{
    size_t col = pr_utf8_count(line_start, (size_t)(f - line_start)) + 1;
    snprintf(err->where, sizeof err->where, "%s:%d:%zu", file, line, col);
    return pr_fail(err, PR_ERR_GRAMMAR, "%s:%d:%zu: %s", file, line, col, what);
}

static int field_is(const char *f, size_t n, const char *word)
{
    return strlen(word) == n && memcmp(f, word, n) == 0;
}

/* A pattern field of a check; "*" is NULL (any row). */
static pr_rc check_pattern(gr_grammar *g, const char *f, size_t n, const char *file,
                           int line, const char *line_start, int use_jit,
                           const gr_pattern **out, pr_error *err)
{
    *out = NULL;
    if (field_is(f, n, "*"))
        return PR_OK;
    gr_pattern *p = pr_xcalloc(1, sizeof *p);
    g->patterns = pr_xrealloc(g->patterns, (g->n_patterns + 1) * sizeof *g->patterns);
    g->patterns[g->n_patterns++] = p;
    *out = p;
    return compile_at(g, f, n, file, line, line_start, use_jit, &p->re, err);
}

/* "check NAME FAMILY TYPE EXPR" or "check NAME cross FAMILY EXPR" (see
 * docs/grammar-format.md). Terms are fields; "=", "+" and "@" stand alone. */
static pr_rc load_check(gr_grammar *g, const char *p, const char *file, int line,
                        const char *line_start, int use_jit, pr_error *err)
{
    const char *f;
    size_t n;
    gr_check c = {0};
    if (!next_field(&p, &f, &n))
        return syntax_error(err, file, line, "check needs a name");
    c.name = intern(g, f, n);
    if (!next_field(&p, &f, &n))
        return syntax_error(err, file, line, "check needs a family or 'cross'");
    int cross = field_is(f, n, "cross");
    if (cross) {
        c.type = GR_CHECK_CROSS;
        if (!next_field(&p, &f, &n))
            return syntax_error(err, file, line, "cross check needs a family");
        c.family = intern(g, f, n);
    } else {
        c.family = intern(g, f, n);
        if (!next_field(&p, &f, &n))
            return syntax_error(err, file, line, "check needs a type: hierarchy, outline, totals, identity, equal");
        if (field_is(f, n, "hierarchy"))
            c.type = GR_CHECK_HIERARCHY;
        else if (field_is(f, n, "outline"))
            c.type = GR_CHECK_OUTLINE;
        else if (field_is(f, n, "totals"))
            c.type = GR_CHECK_TOTALS;
        else if (field_is(f, n, "identity"))
            c.type = GR_CHECK_IDENTITY;
        else if (field_is(f, n, "equal"))
            c.type = GR_CHECK_EQUAL;
        else
            return syntax_error(err, file, line, "unknown check type (hierarchy, outline, totals, identity, equal)");
    }
    /* the expression: COL = COL + COL ... (identity), ROW @ COL = ROW @
     * COL + ... (equal), ROW @ COL = FAMILY ROW @ COL (cross); a term
     * after the first may start with '?': left out when it finds nothing */
    int want_row = c.type == GR_CHECK_EQUAL || c.type == GR_CHECK_CROSS;
    const char *bad = NULL;
    int bare = c.type == GR_CHECK_HIERARCHY || c.type == GR_CHECK_OUTLINE ||
               c.type == GR_CHECK_TOTALS;
    while (!bare && !bad) {
        if (c.n_terms == GR_CHECK_MAX_TERMS) {
            bad = "too many terms";
            break;
        }
        if (cross && c.n_terms == 1) {
            if (!next_field(&p, &f, &n)) {
                bad = "cross check needs the second table's family";
                break;
            }
            c.family2 = intern(g, f, n);
        }
        if (!next_field(&p, &f, &n)) {
            bad = want_row ? "missing row pattern" : "missing column pattern";
            break;
        }
        /* "?" before a term's first pattern: the term may be absent */
        if (n > 1 && *f == '?' && !cross && c.n_terms > 0) {
            c.optional[c.n_terms] = 1;
            f++;
            n--;
        }
        if (want_row) {
            if (check_pattern(g, f, n, file, line, line_start, use_jit,
                              &c.row[c.n_terms], err) != PR_OK)
                return PR_ERR_GRAMMAR;
            if (!next_field(&p, &f, &n) || !field_is(f, n, "@")) {
                bad = "expected '@' between row and column patterns";
                break;
            }
            if (!next_field(&p, &f, &n)) {
                bad = "missing column pattern";
                break;
            }
        }
        if (check_pattern(g, f, n, file, line, line_start, use_jit,
                          &c.column[c.n_terms], err) != PR_OK)
            return PR_ERR_GRAMMAR;
        c.n_terms++;
        if (!next_field(&p, &f, &n))
            break;
        if (field_is(f, n, "unless")) {
            /* "unless COLUMN": not in a table with such a column */
            if (c.n_terms < 2 || !next_field(&p, &f, &n)) {
                bad = "'unless' needs a column pattern after the expression";
                break;
            }
            if (check_pattern(g, f, n, file, line, line_start, use_jit, &c.unless, err) != PR_OK)
                return PR_ERR_GRAMMAR;
            if (next_field(&p, &f, &n))
                bad = "nothing may follow 'unless COLUMN'";
            break;
        }
        int eq = field_is(f, n, "="), plus = field_is(f, n, "+");
        if ((c.n_terms == 1 && !eq) || (c.n_terms > 1 && !plus) ||
            (cross && c.n_terms > 1))
            bad = "expected '=' after the first term, '+' between the others";
    }
    if (!bad && !bare && c.n_terms < 2)
        bad = "a check needs two sides";
    if (!bad && bare && next_field(&p, &f, &n))
        bad = "hierarchy, outline and totals checks take no expression";
    if (bad)
        return syntax_error(err, file, line, bad);
    /* NOTES (3): a lower layer's check of the same name is replaced where
     * it stands; any further ones of that name below are dropped */
    size_t at = g->n_checks;
    for (size_t i = 0; i < g->n_checks; i++) {
        if (g->check_layer[i] >= g->layer || strcmp(g->checks[i].name, c.name) != 0)
            continue;
        if (at == g->n_checks) {
            at = i;
            continue;
        }
        memmove(&g->checks[i], &g->checks[i + 1], (g->n_checks - i - 1) * sizeof *g->checks);
        memmove(&g->check_layer[i], &g->check_layer[i + 1],
                (g->n_checks - i - 1) * sizeof *g->check_layer);
        g->n_checks--;
        i--;
    }
    if (at == g->n_checks) {
        g->checks = pr_xrealloc(g->checks, (g->n_checks + 1) * sizeof *g->checks);
        g->check_layer = pr_xrealloc(g->check_layer,
                                     (g->n_checks + 1) * sizeof *g->check_layer);
        g->n_checks++;
    }
    g->checks[at] = c;
    g->check_layer[at] = g->layer;
    return PR_OK;
}

/* "set KIND FAMILY FAMILY ...": the families a document of KIND holds. */
static pr_rc load_set(gr_grammar *g, const char *p, const char *file, int line,
                      pr_error *err)
{
    const char *f;
    size_t n;
    gr_set set = {0};
    if (!next_field(&p, &f, &n))
        return syntax_error(err, file, line, "set needs a document kind and families");
    set.kind = intern(g, f, n);
    while (next_field(&p, &f, &n)) {
        if (set.n_families == GR_SET_MAX)
            return syntax_error(err, file, line, "too many families in a set");
        set.family[set.n_families++] = intern(g, f, n);
    }
    if (!set.n_families)
        return syntax_error(err, file, line, "set needs a document kind and families");
    /* NOTES (3): a lower layer's set of the same kind is replaced */
    size_t at = g->n_sets;
    for (size_t i = 0; i < g->n_sets && at == g->n_sets; i++)
        if (g->set_layer[i] < g->layer && strcmp(g->sets[i].kind, set.kind) == 0)
            at = i;
    if (at == g->n_sets) {
        g->sets = pr_xrealloc(g->sets, (g->n_sets + 1) * sizeof *g->sets);
        g->set_layer = pr_xrealloc(g->set_layer, (g->n_sets + 1) * sizeof *g->set_layer);
        g->n_sets++;
    }
    g->sets[at] = set;
    g->set_layer[at] = g->layer;
    return PR_OK;
}

/* "form FAMILY ...": families whose tables are forms (label and value
 * cells, no column headings): their keys are positions by design. */
static pr_rc load_form(gr_grammar *g, const char *p, const char *file, int line,
                       pr_error *err)
{
    const char *f;
    size_t n, before = g->forms.n_families;
    while (next_field(&p, &f, &n)) {
        if (g->forms.n_families == GR_SET_MAX)
            return syntax_error(err, file, line, "too many form families");
        g->forms.family[g->forms.n_families++] = intern(g, f, n);
    }
    if (g->forms.n_families == before)
        return syntax_error(err, file, line, "form needs families");
    g->n_form_lines++;
    return PR_OK;
}

/* "ocr_word WORD...", "ocr_title TITLE..." and "ocr_confuse CHARS...":
 * the vocabulary, the standard titles and the confusable characters
 * OCR'd text is mended with (ocr_mend.c). */
static pr_rc load_ocr_list(gr_grammar *g, const char *p, int kind, const char *file,
                           int line, pr_error *err)
{
    const char *f;
    size_t n, got = 0;
    int confuse = kind == 'c';
    const char ***list = confuse ? &g->ocr_confuse : kind == 't' ? &g->ocr_titles : &g->ocr_words;
    size_t *count = confuse ? &g->n_ocr_confuse : kind == 't' ? &g->n_ocr_titles
                                                               : &g->n_ocr_words;
    while (next_field(&p, &f, &n)) {
        if (!g_utf8_validate(f, (gssize)n, NULL) || g_utf8_strlen(f, (gssize)n) < 2)
            return syntax_error(err, file, line, confuse ? "ocr_confuse needs sets of two or "
                                "more characters" : "ocr_word needs words of two or more "
                                "characters");
        *list = pr_xrealloc(*list, (*count + 1) * sizeof **list);
        (*list)[(*count)++] = intern(g, f, n);
        got++;
    }
    if (!got)
        return syntax_error(err, file, line, confuse ? "ocr_confuse needs character sets"
                                                     : "ocr_word needs words");
    g->n_ocr_lines++;
    return PR_OK;
}

/* "scale UNIT FACTOR": FACTOR yuan per UNIT, a positive integer that fits
 * in int64 (0 would mean "unknown"). */
static pr_rc load_scale(gr_grammar *g, const char *p, const char *file, int line,
                        const char *line_start, pr_error *err)
{
    const char *u, *f;
    size_t un, n;
    if (!next_field(&p, &u, &un) || !next_field(&p, &f, &n))
        return syntax_error(err, file, line, "scale needs a unit and a factor");
    size_t digits = n;
    while (digits && f[digits - 1] == '\r')       /* CRLF line ends */
        digits--;
    int64_t factor = 0;
    int ok = digits > 0;
    for (size_t i = 0; i < digits && ok; i++) {
        int d = f[i] >= '0' && f[i] <= '9' ? f[i] - '0' : -1;
        if (d < 0 || factor > (INT64_MAX - d) / 10)
            ok = 0;
        else
            factor = 10 * factor + (int64_t)d;
    }
    if (!ok || factor == 0) {
        char what[160];
        snprintf(what, sizeof what, "scale factor '%.*s' is not a positive integer "
                 "that fits in 64 bits", (int)(digits < 40 ? digits : 40), f);
        return error_at(err, file, line, line_start, f, what);
    }
    const char *extra;
    if (next_field(&p, &extra, &n) && !field_is(extra, n, "\r"))
        return error_at(err, file, line, line_start, extra,
                        "scale takes a unit and a factor only");
    const char *unit = intern(g, u, un);
    size_t at = g->n_scales;
    for (size_t i = 0; i < g->n_scales && at == g->n_scales; i++) {
        if (strcmp(g->scales[i].unit, unit) != 0)
            continue;
        if (g->scales[i].layer == g->layer) {   /* one layer says it once */
            char what[160];
            snprintf(what, sizeof what, "a second scale for '%.*s' in one grammar",
                     (int)(un < 40 ? un : 40), u);
            return error_at(err, file, line, line_start, u, what);
        }
        at = i;                                 /* NOTES (3) */
    }
    if (at == g->n_scales) {
        g->scales = pr_xrealloc(g->scales, (g->n_scales + 1) * sizeof *g->scales);
        g->n_scales++;
    }
    g->scales[at] = (gr_scale){unit, factor, g->layer};
    return PR_OK;
}

/* One line of a grammar file. */
static pr_rc load_line(gr_grammar *g, char *text, const char *file, int line,
                       int use_jit, pr_error *err)
{
    const char *p = text, *f;
    size_t n;
    if (!next_field(&p, &f, &n) || *f == '#')
        return PR_OK;
    gr_rule r = {0};
    if (field_is(f, n, "check"))
        return load_check(g, p, file, line, text, use_jit, err);
    if (field_is(f, n, "set"))
        return load_set(g, p, file, line, err);
    if (field_is(f, n, "form"))
        return load_form(g, p, file, line, err);
    if (field_is(f, n, "scale"))
        return load_scale(g, p, file, line, text, err);
    if (field_is(f, n, "ocr_word") || field_is(f, n, "ocr_confuse") || field_is(f, n, "ocr_title"))
        return load_ocr_list(g, p, field_is(f, n, "ocr_confuse") ? 'c'
                                   : field_is(f, n, "ocr_title") ? 't' : 'w', file, line, err);
    if (field_is(f, n, "fold") || field_is(f, n, "org_fold") || field_is(f, n, "column_fold")) {
        r.kind = field_is(f, n, "fold") ? GR_RULE_FOLD
               : field_is(f, n, "org_fold") ? GR_RULE_ORG_FOLD : GR_RULE_COLUMN_FOLD;
        if (!next_field(&p, &f, &n))
            return syntax_error(err, file, line, "fold needs a replacement ('-' for none) and a pattern");
        r.replace = field_is(f, n, "-") ? "" : intern(g, f, n);
    } else
    if (n == 6 && memcmp(f, "family", 6) == 0) {
        r.kind = GR_RULE_FAMILY;
        if (!next_field(&p, &f, &n))
            return syntax_error(err, file, line, "family needs a name and a title pattern");
        r.family = intern(g, f, n);
        r.fam.name = r.family;
    } else if (n == 6 && memcmp(f, "column", 6) == 0) {
        r.kind = GR_RULE_COLUMN;
        if (!next_field(&p, &f, &n))
            return syntax_error(err, file, line, "column needs a family, a name and a pattern");
        r.family = intern(g, f, n);
        if (!next_field(&p, &f, &n))
            return syntax_error(err, file, line, "column needs a family, a name and a pattern");
        r.column = intern(g, f, n);
    } else {
        int k = kind_from_name(f, n);
        if (k < 0) {
            char what[128];
            snprintf(what, sizeof what, "unknown directive '%.*s'", (int)(n < 40 ? n : 40), f);
            return syntax_error(err, file, line, what);
        }
        r.kind = k;
    }
    while (*p == ' ' || *p == '\t')
        p++;
    size_t len = strlen(p);
    while (len && (p[len - 1] == ' ' || p[len - 1] == '\t' || p[len - 1] == '\r'))
        len--;
    if (len == 0)
        return syntax_error(err, file, line, "missing pattern");
    ((char *)p)[len] = '\0';
    if (compile_rule(g, &r, p, file, line, text, use_jit, err) != PR_OK)
        return PR_ERR_GRAMMAR;
    r.file = intern(g, file, strlen(file));
    r.line = line;
    r.layer = g->layer;
    push_rule(g, r);
    return PR_OK;
}

/* NOTES (5) */
static pr_rc load_file(gr_grammar *g, const char *file, int use_jit, pr_error *err)
{
    struct stat st;
    if (stat(file, &st) == 0 && !S_ISREG(st.st_mode)) {
        snprintf(err->where, sizeof err->where, "%s", file);
        return pr_fail(err, PR_ERR_GRAMMAR, "%s: not a regular file (a grammar is "
                       "read whole, not from a pipe or device)", file);
    }
    FILE *fp = fopen(file, "r");
    if (!fp) {
        snprintf(err->where, sizeof err->where, "%s", file);
        return pr_fail(err, PR_ERR_GRAMMAR, "%s: cannot open grammar: %s",
                       file, strerror(errno));
    }
    char *buf = NULL;
    size_t cap = 0;
    ssize_t got;
    int line = 0;
    pr_rc rc = PR_OK;
    while (rc == PR_OK && (got = getline(&buf, &cap, fp)) >= 0) {
        line++;
        size_t len = (size_t)got;
        if (len && buf[len - 1] == '\n')
            buf[--len] = '\0';
        if (len > MAX_LINE)
            rc = syntax_error(err, file, line, "line longer than 4095 bytes");
        else if (strlen(buf) != len)
            rc = syntax_error(err, file, line, "a NUL byte in the line");
        if (rc == PR_OK) {
            g_checksum_update(g->digest_state, (const guchar *)buf, (gssize)len);
            g_checksum_update(g->digest_state, (const guchar *)"\n", 1);
            rc = load_line(g, buf, file, line, use_jit, err);
        }
    }
    free(buf);
    fclose(fp);
    return rc;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* NOTES (1): the *.grammar files of dir, sorted. */
static pr_rc load_dir(gr_grammar *g, const char *dir, int use_jit, pr_error *err)
{
    DIR *d = opendir(dir);
    snprintf(err->where, sizeof err->where, "%s", dir);
    if (!d)
        return pr_fail(err, PR_ERR_GRAMMAR, "%s: cannot open grammar directory: %s",
                       dir, strerror(errno));
    char **names = NULL;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len > 8 && strcmp(e->d_name + len - 8, ".grammar") == 0) {
            names = pr_xrealloc(names, (n + 1) * sizeof *names);
            size_t sz = strlen(dir) + len + 2;
            names[n] = pr_xmalloc(sz);
            snprintf(names[n++], sz, "%s/%s", dir, e->d_name);
        }
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, by_name);
    pr_rc rc = n ? PR_OK : pr_fail(err, PR_ERR_GRAMMAR,
                                   "%s: no *.grammar files", dir);
    for (size_t i = 0; i < n; i++) {
        if (rc == PR_OK)
            rc = load_file(g, names[i], use_jit, err);
        free(names[i]);
    }
    free(names);
    return rc;
}

static pr_rc load_path(gr_grammar *g, const char *path, int use_jit, pr_error *err)
{
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return load_dir(g, path, use_jit, err);
    return load_file(g, path, use_jit, err);
}

/* NOTES (3): rules by layer, highest first, load order within a layer. */
static void order_by_layer(gr_grammar *g)
{
    if (g->layer == 0 || g->n_rules == 0)
        return;
    gr_rule *sorted = pr_xmalloc(g->n_rules * sizeof *sorted);
    size_t n = 0;
    for (int layer = g->layer; layer >= 0; layer--)
        for (size_t i = 0; i < g->n_rules; i++)
            if (g->rules[i].layer == layer)
                sorted[n++] = g->rules[i];
    free(g->rules);
    g->rules = sorted;
    g->cap_rules = g->n_rules;
}

pr_rc grammar_load_layers(const char *base, const char *const *adds,
                          size_t n_adds, int use_jit, gr_grammar **grammar,
                          pr_error *err)
{
    *grammar = NULL;
    if (n_adds > INT_MAX - 1)
        return pr_fail(err, PR_ERR_GRAMMAR, "too many grammar layers");
    gr_grammar *g = pr_xcalloc(1, sizeof *g);
    g->arena = pr_arena_new();
    g->max_pairs = 1;
    g->digest_state = g_checksum_new(G_CHECKSUM_SHA256);
    pr_rc rc = load_path(g, base, use_jit, err);
    if (rc == PR_OK && g->n_rules == 0) {                               /* (5) */
        snprintf(err->where, sizeof err->where, "%s", base);
        rc = pr_fail(err, PR_ERR_GRAMMAR, "%s: no rules (an empty grammar reads no table)",
                     base);
    }
    for (size_t i = 0; rc == PR_OK && i < n_adds; i++) {
        g->layer = (int)i + 1;
        g_checksum_update(g->digest_state, (const guchar *)"\f", 1);  /* a layer */
        rc = load_path(g, adds[i], use_jit, err);
    }
    if (rc == PR_OK)
        snprintf(g->digest, sizeof g->digest, "%s",
                 g_checksum_get_string(g->digest_state));
    if (rc != PR_OK) {
        grammar_free(&g);
        return rc;
    }
    order_by_layer(g);
    g->match = pcre2_match_data_create(g->max_pairs, NULL);   /* (2) */
    g->limits = pcre2_match_context_create(NULL);               /* (4) */
    g->jit_stack = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, NULL);
    g->match_errors = pr_xcalloc(1, sizeof *g->match_errors);
    if (!g->limits || !g->jit_stack)
        pr_die_nomem();
    pcre2_set_match_limit(g->limits, GR_MATCH_LIMIT);
    pcre2_set_depth_limit(g->limits, GR_DEPTH_LIMIT);
    pcre2_jit_stack_assign(g->limits, NULL, g->jit_stack);
    if (!g->match)
        pr_die_nomem();
    *grammar = g;
    return PR_OK;
}

unsigned long grammar_match_errors(const gr_grammar *g)
{
    return g->match_errors ? *g->match_errors : 0;
}

const char *grammar_digest(const gr_grammar *g)
{
    return g->digest;
}

pr_rc grammar_load(const char *path, int use_jit, gr_grammar **grammar,
                   pr_error *err)
{
    return grammar_load_layers(path, NULL, 0, use_jit, grammar, err);
}

void grammar_free(gr_grammar **grammar)
{
    if (!grammar || !*grammar)
        return;
    gr_grammar *g = *grammar;
    for (size_t i = 0; i < g->n_rules; i++)
        pcre2_code_free(g->rules[i].re);
    free(g->rules);
    pcre2_match_data_free(g->match);
    pcre2_match_context_free(g->limits);
    pcre2_jit_stack_free(g->jit_stack);
    free(g->match_errors);
    for (size_t i = 0; i < g->n_patterns; i++) {
        pcre2_code_free(g->patterns[i]->re);
        free(g->patterns[i]);
    }
    free(g->patterns);
    free(g->checks);
    free(g->check_layer);
    free(g->sets);
    free(g->set_layer);
    free(g->scales);
    free(g->ocr_words);
    free(g->ocr_titles);
    free(g->ocr_confuse);
    if (g->digest_state)
        g_checksum_free(g->digest_state);
    pr_arena_free(&g->arena);
    free(g);
    *grammar = NULL;
}

size_t grammar_rule_count(const gr_grammar *g)
{
    return g ? g->n_rules + g->n_checks + g->n_sets + g->n_scales + g->n_form_lines +
               g->n_ocr_lines : 0;
}

size_t grammar_check_count(const gr_grammar *g)
{
    return g ? g->n_checks : 0;
}

const gr_check *grammar_check_at(const gr_grammar *g, size_t i)
{
    return i < g->n_checks ? &g->checks[i] : NULL;
}

int64_t grammar_unit_scale(const gr_grammar *g, const char *unit)
{
    for (size_t i = 0; g && unit && i < g->n_scales; i++)
        if (strcmp(g->scales[i].unit, unit) == 0)
            return g->scales[i].factor;
    return 0;
}

size_t grammar_ocr_words(const gr_grammar *g, const char *const **list)
{
    *list = g->ocr_words;
    return g->n_ocr_words;
}

size_t grammar_ocr_titles(const gr_grammar *g, const char *const **list)
{
    *list = g->ocr_titles;
    return g->n_ocr_titles;
}

size_t grammar_ocr_confusables(const gr_grammar *g, const char *const **list)
{
    *list = g->ocr_confuse;
    return g->n_ocr_confuse;
}
